"""The teacher's desk, headless: make a workshop, collect a class, build and open the report.

The desk's screens only gather choices and show what these functions return, so the same
workshop comes out of the desk and of `workshop new`, and a class collected on the desk is
the class `debrief` reads.
"""

from __future__ import annotations

import os
import subprocess
import sys
import webbrowser
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.classroom.debrief import make_report
from game.classroom.debrief.reading import Skipped, choose, gather
from game.classroom.workshops import Workshops, workshop_toml
from game.content.schema import Role, Workshop
from game.core import paths
from game.core.files import write_text_atomic

REPORT_NAME = "plaza-report.html"


def default_folder() -> Path:
    """Where the desk and the students' games keep class files: Documents/Plaza, or a folder
    of the user's data where that cannot be written (core.paths.class_files_dir)."""
    return paths.class_files_dir()


@dataclass
class WorkshopChoices:
    """What the teacher chose on the desk (the same fields `workshop new` takes)."""

    scenario: str = "juarez-2010"
    role: Role = "municipal"
    region: str | None = None
    mayors: list[str] = field(default_factory=list)
    seed: int = 1
    turns: int | None = None
    actions: list[str] | None = None
    switches: dict[str, bool] = field(default_factory=dict)
    language: str = "en"
    predictions: bool = True
    timer_minutes: int | None = None

    def data(self) -> dict[str, Any]:
        """Raw workshop settings, exactly as `workshop new` builds them from its options."""
        data: dict[str, Any] = {"scenario": self.scenario, "seed": self.seed, "role": self.role}
        if self.region is not None:
            data["region"] = self.region
        if self.mayors:
            data["mayors"] = list(self.mayors)
        if self.turns is not None:
            data["turns"] = self.turns
        if self.actions is not None:
            data["actions"] = list(self.actions)
        if self.switches:
            data["switches"] = dict(self.switches)
        data["language"] = self.language
        data["predictions"] = self.predictions
        if self.timer_minutes is not None:
            data["timer_minutes"] = self.timer_minutes
        return data

    def workshop(self, workshops: Workshops) -> Workshop:
        """The checked workshop (BadInput naming every problem)."""
        return workshops.from_data(self.data(), "(desk)")

    @classmethod
    def of(cls, workshop: Workshop) -> WorkshopChoices:
        """The choices that make a workshop (to open a file on the desk)."""
        return cls(workshop.scenario, workshop.role, workshop.region, list(workshop.mayors),
                   workshop.seed, workshop.turns, None if workshop.actions is None
                   else list(workshop.actions), dict(workshop.switches), workshop.language,
                   workshop.predictions, workshop.timer_minutes)


def save_workshop(path: Path, workshop: Workshop, workshops: Workshops) -> Path:
    """Write a workshop file (its code in a comment); OSError if the folder cannot take it."""
    if path.suffix.lower() != ".toml":
        path = path.with_suffix(".toml")
    write_text_atomic(path, workshop_toml(workshop, workshops.code(workshop)), make_folder=True)
    return path


@dataclass
class Scan:
    """A quick count of what has come in (no replay): teams of the main workshop, and the rest."""

    teams: list[str]
    files: int
    codes: int
    left_out: list[Skipped]
    workshop: str


def scan(folder: Path | None, codes: list[str], workshops: Workshops) -> Scan:
    """Count the teams in a folder and a list of typed codes (for the desk's live count)."""
    paths = [folder] if folder is not None and folder.is_dir() else []
    submissions, skipped = gather(paths, [], codes, workshops)
    kept, key = choose(submissions, skipped)
    names = sorted({s.player for s in kept}, key=str.casefold)
    return Scan(names, sum(1 for s in submissions if s.via == "file"),
                sum(1 for s in submissions if s.via == "code"), skipped,
                key.removeprefix("code:"))


def build_report(folder: Path | None, codes: list[str], out: Path,
                 workshops: Workshops, lang: str | None = None) -> tuple[Path | None, int, int]:
    """Build the report of a folder and typed codes into `out`; (path or None, teams, left out)."""
    paths = [folder] if folder is not None and folder.is_dir() else []
    report, klass = make_report(paths, lang, None, codes=codes, workshops=workshops)
    if report is None:
        return None, 0, len(klass.skipped)
    write_text_atomic(out, report, make_folder=True)
    return out, len(klass.teams), len(klass.skipped)


def open_path(path: Path, fragment: str = "") -> bool:
    """Open a file in the system's browser or a folder in its file manager; False if it failed.

    Offline: a report opens as a `file://` address; a folder with the desktop's opener.
    """
    try:
        if path.is_dir():
            if sys.platform.startswith("win"):
                os.startfile(str(path))  # type: ignore[attr-defined]
                return True
            opener = "open" if sys.platform == "darwin" else "xdg-open"
            subprocess.Popen([opener, str(path)], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
            return True
        return webbrowser.open(path.resolve().as_uri() + (f"#{fragment}" if fragment else ""))
    except (OSError, webbrowser.Error):
        return False
