"""Reading a class: files and codes in, copies and strangers out, every team's game replayed.

Order matters for fairness: files that cannot be read are named first; exact copies are
dropped before the class's workshop is chosen (so four copies of a forged file cannot outvote
the class); the workshop is the one most distinct teams played; each game is replayed and a
file whose numbers its decisions do not reproduce is left out; of several files of one team
only the latest (most quarters, then last written) is kept; games that stopped before the
end are set apart from the ranking.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.classroom.verify import (
    Refused,
    Replayer,
    Submission,
    Verified,
    code_lines,
    read_code,
    read_file,
)
from game.classroom.workshop_codes import CodeError
from game.classroom.workshops import Workshops
from game.core.files import read_text_capped
from game.core.problems import BadInput

MAX_FILES = 2000
MAX_CODES_BYTES = 2_000_000


@dataclass
class Skipped:
    """A result left out of the report, and why (a catalog key and its parameters)."""

    source: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Class:
    """The teams of one workshop (finished and unfinished) and what could not join them."""

    finished: list[Verified] = field(default_factory=list)
    unfinished: list[Verified] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    key: str = ""
    turns: int = 0
    """Quarters the workshop lasts: a finished game played them all."""
    replayer: Replayer | None = None

    @property
    def teams(self) -> list[Verified]:
        """Every team kept, finished first."""
        return self.finished + self.unfinished


def expand(paths: Sequence[Path]) -> list[Path]:
    """Files to read: each file named, and the *.json files inside each folder named."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.json") if p.is_file())[:MAX_FILES])
        else:
            files.append(path)
    return files[:MAX_FILES]


Progress = Callable[[str, int, int], None]
"""Called as (stage, done, total) while a class is read ("read", "replay")."""


def gather(paths: Sequence[Path], code_files: Sequence[Path], codes: Sequence[str],
           workshops: Workshops, progress: Progress | None = None
           ) -> tuple[list[Submission], list[Skipped]]:
    """Read every file and code into submissions; name what cannot be read."""
    submissions: list[Submission] = []
    skipped: list[Skipped] = []
    files = expand(paths)
    for n, path in enumerate(files, start=1):
        try:
            submissions.append(read_file(path, workshops))
        except BadInput as bad:
            problem = bad.problems[0] if bad.problems else None
            detail = f"{problem.field}: {problem.message}" if problem else "?"
            skipped.append(Skipped(str(path), "report.skip.damaged", {"detail": detail[:160]}))
        except Refused as refused:
            skipped.append(Skipped(str(path), refused.key, refused.params))
        if progress is not None:
            progress("read", n, len(files))
    lines: list[tuple[str, str]] = []
    for path in code_files:
        try:
            text = read_text_capped(path, MAX_CODES_BYTES)
        except BadInput as bad:
            skipped.append(Skipped(str(path), "report.skip.damaged",
                                   {"detail": bad.problems[0].message}))
            continue
        lines += [(f"{path} line {n}", line) for n, line in code_lines(text)]
    lines += [(f"code {n}", code) for n, code in enumerate(codes, start=1) if code.strip()]
    for source, text in lines[:MAX_FILES]:
        try:
            submissions.append(read_code(text, source, workshops))
        except CodeError as exc:
            skipped.append(Skipped(source, "report.skip.bad_code",
                                   {"detail": exc.problems[0].message}))
    return submissions, skipped


def choose(submissions: list[Submission], skipped: list[Skipped],
           workshop: str | None = None) -> tuple[list[Submission], str]:
    """Drop exact copies, then keep the workshop most distinct teams played (or the one named)."""
    distinct: list[Submission] = []
    seen: dict[str, str] = {}
    for submission in submissions:
        fingerprint = submission.fingerprint()
        if fingerprint in seen:
            skipped.append(Skipped(submission.source, "report.skip.duplicate",
                                   {"other": seen[fingerprint]}))
            continue
        seen[fingerprint] = submission.source
        distinct.append(submission)
    if not distinct:
        return [], ""
    if workshop is not None:
        key = "code:" + workshop
    else:
        teams = Counter(s.key for s in {(s.key, s.player.casefold()): s
                                        for s in distinct}.values())
        top = max(teams.values())
        key = next(s.key for s in distinct if teams[s.key] == top)
    kept = []
    for submission in distinct:
        if submission.key == key:
            kept.append(submission)
        elif submission.workshop_code:
            skipped.append(Skipped(submission.source, "report.skip.other_workshop",
                                   {"other": submission.workshop_code}))
        else:
            scenario = submission.document.body.setup if submission.document else None
            skipped.append(Skipped(submission.source, "report.skip.no_code",
                                   {"scenario": scenario.scenario if scenario else "?",
                                    "seed": str(scenario.seed if scenario else "?")}))
    return kept, key


def collect(paths: Sequence[Path], workshops: Workshops, *, code_files: Sequence[Path] = (),
            codes: Sequence[str] = (), workshop: str | None = None,
            progress: Progress | None = None) -> Class:
    """Read, choose, replay and sort a class (see the module docstring for the order)."""
    submissions, skipped = gather(paths, code_files, codes, workshops, progress)
    if workshop is not None:
        try:
            workshop = workshops.code(workshops.from_code(workshop))
        except CodeError:
            workshop = workshop.strip().upper()
    kept, key = choose(submissions, skipped, workshop)
    klass = Class(skipped=skipped, key=key, replayer=Replayer(workshops))
    replayer = klass.replayer
    assert replayer is not None
    verified: list[Verified] = []
    for n, submission in enumerate(kept, start=1):
        try:
            verified.append(replayer.verify(submission))
        except Refused as refused:
            skipped.append(Skipped(submission.source, refused.key, refused.params))
        if progress is not None:
            progress("replay", n, len(kept))
    latest: dict[str, Verified] = {}
    for team in verified:
        name = team.name.casefold()
        other = latest.get(name)
        if other is None or _later(team, other):
            if other is not None:
                skipped.append(Skipped(other.submission.source, "report.skip.earlier",
                                       {"team": other.name, "kept": team.submission.source}))
            latest[name] = team
        else:
            skipped.append(Skipped(team.submission.source, "report.skip.earlier",
                                   {"team": team.name, "kept": other.submission.source}))
    teams = sorted(latest.values(), key=lambda t: t.name.casefold())
    if teams:
        klass.turns = teams[0].campaign.term_turns
    klass.finished = [t for t in teams if t.submission.turns_played >= klass.turns]
    klass.unfinished = [t for t in teams if t.submission.turns_played < klass.turns]
    return klass


def _later(team: Verified, other: Verified) -> bool:
    """Whether `team`'s result is a later one of the same team than `other`'s."""
    return (team.submission.turns_played, team.submission.written) > \
        (other.submission.turns_played, other.submission.written)
