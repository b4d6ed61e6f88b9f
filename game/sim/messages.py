"""Messages: what the model says, as catalog keys and parameters, translated only by the UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Message:
    """A catalog key and its parameters; a parameter starting with '@' is itself a key."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """Return a JSON-ready form."""
        return {"key": self.key, "params": dict(self.params)}
