"""Model coefficients read from content, with instructor overrides kept inside their ranges."""

from __future__ import annotations

from collections.abc import Mapping

from game.content.loader import override_problem
from game.content.schema import Parameter
from game.core.problems import BadInput, Problem


def parse_overrides(items: list[str]) -> dict[str, float]:
    """Read `--set PARAM=VALUE` pairs from the command line; raise BadInput naming each bad one."""
    overrides: dict[str, float] = {}
    problems = []
    for item in items:
        name, sep, value = item.partition("=")
        try:
            if not sep:
                raise ValueError
            overrides[name.strip()] = float(value)
        except ValueError:
            problems.append(Problem("(command line)", "--set", f"'{item}' is not PARAM=NUMBER"))
    if problems:
        raise BadInput(problems)
    return overrides


class Params:
    """Attribute access to every coefficient (p.competition_violence), checked against content."""

    def __init__(
        self, table: Mapping[str, Parameter], overrides: Mapping[str, float] | None = None
    ) -> None:
        values = {pid: param.value for pid, param in table.items()}
        problems: list[Problem] = []
        for pid, value in (overrides or {}).items():
            fault = override_problem(table, pid, value)
            if fault is not None:
                problems.append(Problem("(overrides)", pid, fault))
            else:
                values[pid] = float(value)
        if problems:
            raise BadInput(problems)
        self._values = values
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> float:
        raise AttributeError(f"the model needs parameter '{name}', which content does not define")

    def as_dict(self) -> dict[str, float]:
        """Return every coefficient's value, for records and checks."""
        return dict(self._values)
