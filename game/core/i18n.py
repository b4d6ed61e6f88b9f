"""Translation lookup: the model emits message ids and parameters; this turns them into words."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from game.core import paths

LANGUAGES = ("en", "es")
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Message:
    """What the model says: a catalog key and its parameters ('@key' parameters are keys too).

    The model and the classroom emit Messages; only the screens and the command line turn
    them into words, in the player's language.
    """

    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """Return a JSON-ready form."""
        return {"key": self.key, "params": dict(self.params)}


def flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    """Flatten nested TOML tables into dotted keys ("ui.title.new_game")."""
    flat: dict[str, str] = {}
    for key, value in table.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, dotted + "."))
        else:
            flat[dotted] = str(value)
    return flat


def catalog_dir(lang: str, root: Path | None = None) -> Path:
    """Return the folder holding one language's catalog files (content/locale/LANG/*.toml)."""
    return (root or paths.content_root()) / "locale" / lang


@lru_cache(maxsize=8)
def load_catalog(lang: str, root: Path | None = None) -> dict[str, str]:
    """Read every catalog file of one language into one flat key -> text mapping."""
    merged: dict[str, str] = {}
    for path in sorted(catalog_dir(lang, root).glob("*.toml")):
        with path.open("rb") as handle:
            table = flatten(tomllib.load(handle))
        clash = set(table) & set(merged)
        if clash:
            raise ValueError(f"{path}: keys defined in another catalog file: {sorted(clash)[:5]}")
        merged.update(table)
    return merged


class _SafeParams(dict[str, Any]):
    """Format parameters that leave an unknown placeholder visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Translator:
    """Look up player-visible text in one language, falling back to English, then to the key."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE, root: Path | None = None) -> None:
        if lang not in LANGUAGES:
            lang = DEFAULT_LANGUAGE
        self.lang = lang
        self._root = root
        self._catalog = load_catalog(lang, root)
        self._fallback = load_catalog(DEFAULT_LANGUAGE, root)

    def has(self, key: str) -> bool:
        """Tell whether this language has its own text for a key."""
        return key in self._catalog

    def __call__(self, key: str, **params: Any) -> str:
        """Return the text for a key with its parameters filled in."""
        text = self._catalog.get(key) or self._fallback.get(key)
        if text is None:
            return key
        return text.format_map(_SafeParams({k: self.format_value(v) for k, v in params.items()}))

    def format_value(self, value: Any) -> str:
        """Format a number for reading: thousands separators, sensible decimals."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            if isinstance(value, str) and value.startswith("@"):
                return self(value[1:])
            return str(value)
        if isinstance(value, int) or (float(value).is_integer() and abs(value) >= 100):
            return f"{round(value):,}"
        if abs(value) >= 100:
            return f"{value:,.0f}"
        if abs(value) >= 10:
            return f"{value:,.1f}"
        return f"{value:,.2f}"

    def number(self, value: float, decimals: int = 0) -> str:
        """Format a number with a fixed count of decimals and thousands separators."""
        return f"{value:,.{decimals}f}"
