"""Player settings (language, UI scale, palette, fullscreen) kept as JSON in the config folder."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from game.core import paths
from game.core.files import write_text_atomic
from game.core.i18n import LANGUAGES

SETTINGS_FILE = "settings.json"
SCALES: tuple[int, ...] = (100, 125, 150, 175, 200)
AUTO_SCALE = 0
"""The scale setting of a player who has not chosen one: the UI grows with the window."""
VERSION = 2
"""Settings file version: 2 stores AUTO_SCALE; a version-1 file's 100 % was the old default."""
PALETTES: tuple[str, ...] = ("standard", "colourblind")


@dataclass
class Settings:
    """What the player chose on the settings screen; defaults suit a first start."""

    lang: str = "en"
    scale: int = AUTO_SCALE
    """The chosen UI scale in percent (one of SCALES), or AUTO_SCALE to follow the window."""
    palette: str = "standard"
    fullscreen: bool = False
    seen_content_note: bool = False
    seen_tutorial: bool = False
    predictions: bool = False
    """Ask "rise or fall?" before each quarter resolves (a workshop decides for itself)."""
    projector: bool = False
    """The projector preset: the largest fonts the window allows and high contrast."""
    seen_coach: bool = False
    """The guided first quarter (coach marks) has been shown once."""
    problems: list[str] = field(default_factory=list, compare=False, repr=False)

    def to_json(self) -> dict[str, Any]:
        """Return the stored fields (not the load problems) as a JSON-ready dict."""
        data = asdict(self)
        data.pop("problems")
        data["version"] = VERSION
        return data


def settings_path(folder: Path | None = None) -> Path:
    """Return where the settings file lives (the user config folder unless one is given)."""
    return (folder or paths.user_config_dir()) / SETTINGS_FILE


def _clean(raw: Any) -> tuple[Settings, list[str]]:
    """Build settings from parsed JSON, keeping good fields and naming the bad ones."""
    settings = Settings()
    problems: list[str] = []
    if not isinstance(raw, dict):
        return settings, ["not_object"]
    lang = raw.get("lang", settings.lang)
    if lang in LANGUAGES:
        settings.lang = lang
    else:
        problems.append("lang")
    scale = raw.get("scale", settings.scale)
    if isinstance(scale, int) and not isinstance(scale, bool) and scale in (*SCALES, AUTO_SCALE):
        # Before version 2 every file stored 100 %, chosen or not: let those grow too.
        old = raw.get("version", 1) == 1 and scale == 100
        settings.scale = AUTO_SCALE if old else scale
    else:
        problems.append("scale")
    palette = raw.get("palette", settings.palette)
    if palette in PALETTES:
        settings.palette = palette
    else:
        problems.append("palette")
    for name in ("fullscreen", "seen_content_note", "seen_tutorial", "predictions", "projector",
                 "seen_coach"):
        value = raw.get(name, getattr(settings, name))
        if isinstance(value, bool):
            setattr(settings, name, value)
        else:
            problems.append(name)
    return settings, problems


def load_settings(folder: Path | None = None) -> Settings:
    """Read settings; a missing file gives defaults, a damaged one gives defaults plus problems."""
    path = settings_path(folder)
    if not path.exists():
        return Settings()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return Settings(problems=["unreadable"])
    settings, problems = _clean(raw)
    settings.problems = problems
    return settings


def save_settings(settings: Settings, folder: Path | None = None) -> bool:
    """Write settings atomically; return False (and keep playing) if the folder is not writable."""
    path = settings_path(folder)
    try:
        write_text_atomic(path, json.dumps(settings.to_json(), indent=2), make_folder=True)
    except OSError:
        return False
    return True
