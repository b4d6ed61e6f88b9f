"""Verified by replay: every team's game is rebuilt from its decisions on the workshop's seed.

A result file says what a team decided and what came of it; a result code says only what it
decided. Either way the debrief plays the decisions again in the same world and uses the
numbers of that replay. A file whose own numbers differ from its replay was edited (or was
written by another version of the model) and is left out, by name; a code cannot claim
anything its decisions did not earn, so it is verified by construction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from game.classroom.result_codes import TeamGame, decode_result
from game.classroom.result_files import (
    ResultDecision,
    ResultDocument,
    build_result,
    canonical,
    clean_name,
    load_result,
)
from game.classroom.workshop_codes import CodeError
from game.classroom.workshops import Workshops
from game.content.schema import Workshop
from game.core.problems import BadInput
from game.play.campaign import Campaign, Impossible, Logged
from game.play.commands import AnswerDilemma, EnactIntervention, RepealIntervention
from game.play.plan import Plan, Step, play
from game.play.predictions import Prediction

COMPARED = ("workshop", "setup", "decisions", "turns", "baseline", "measures", "predictions")
"""The parts of a result file its replay must reproduce exactly."""

Via = Literal["file", "code"]


@dataclass
class Submission:
    """One result handed in (a file or a code), read and checked but not yet replayed."""

    source: str
    """Where it came from: a file's path, or `FILE line N` / `typed code N` for a code."""
    via: Via
    player: str
    workshop: Workshop | None
    workshop_code: str
    """The workshop's code in this game's spelling (empty in free play)."""
    game: TeamGame | None = None
    document: ResultDocument | None = None
    body: dict[str, Any] = field(default_factory=dict)
    entries: list[Logged] = field(default_factory=list)
    """The decisions to replay (answers taken by default are left to the quarters)."""

    @property
    def turns_played(self) -> int:
        """Quarters the team played."""
        if self.game is not None:
            return self.game.turns_played
        assert self.document is not None
        return self.document.body.setup.turns_played

    @property
    def written(self) -> str:
        """When the game wrote it (empty for a code)."""
        return self.document.body.written if self.document is not None else ""

    @property
    def key(self) -> str:
        """What makes two results comparable: the workshop, or the same setup without one."""
        if self.workshop_code:
            return "code:" + self.workshop_code
        assert self.document is not None
        s = self.document.body.setup
        return "setup:" + json.dumps([s.scenario, s.role, s.region, list(s.mayors), s.seed,
                                      dict(s.overrides), s.term_turns], sort_keys=True)

    def fingerprint(self) -> str:
        """The same team's same game, however it was handed in (to find copies)."""
        log = [_record(entry) for entry in self.log()]
        predictions = [[p.turn, p.violence, p.legitimacy] for p in self.predictions()]
        return canonical([self.key, self.player.casefold(), self.turns_played, log,
                          predictions]).decode("utf-8")

    def log(self) -> list[Logged]:
        """The decisions to replay (answers taken by default are left to the quarters)."""
        return list(self.entries)

    def predictions(self) -> list[Prediction]:
        """The team's predictions."""
        if self.game is not None:
            return list(self.game.predictions)
        assert self.document is not None
        return [Prediction(p.turn, p.violence, p.legitimacy)
                for p in self.document.body.predictions]


def _logged(decision: ResultDecision) -> Logged:
    if decision.verb == "answer":
        if decision.event is None or decision.choice is None:
            raise Refused("report.skip.replay", detail="an answer without its dilemma")
        return Logged(decision.turn, AnswerDilemma(decision.event, decision.choice,
                                                   decision.region))
    if decision.action is None:
        raise Refused("report.skip.replay", detail="a decision without its intervention")
    kind = EnactIntervention if decision.verb == "enact" else RepealIntervention
    return Logged(decision.turn, kind(decision.action, decision.region, decision.seat))


def _record(entry: Logged) -> dict[str, Any]:
    return entry.as_record()


@dataclass
class Verified:
    """A team whose game was rebuilt by replay: the campaign, its baseline and its result."""

    submission: Submission
    campaign: Campaign
    baseline: Campaign
    body: dict[str, Any]
    """The result body of the replay: the numbers the report shows."""

    @property
    def name(self) -> str:
        """The team's name as handed in."""
        return self.submission.player


class Refused(Exception):
    """A submission that cannot join the class: a catalog key and its parameters."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


# --- reading ---------------------------------------------------------------------------------


def read_file(path: Path, workshops: Workshops) -> Submission:
    """A result file, checked into its model (BadInput names the first faults)."""
    document, body = load_result(path)
    b = document.body
    workshop: Workshop | None = None
    code = ""
    if b.workshop is not None:
        try:
            workshop = workshops.from_code(b.workshop.code)
        except CodeError as exc:
            raise Refused("report.skip.bad_workshop", code=b.workshop.code[:40],
                          detail=exc.problems[0].message) from exc
        code = workshops.code(workshop)
    entries = [_logged(d) for d in b.decisions if not d.default]
    return Submission(str(path), "file", clean_name(b.player) or "?", workshop, code,
                      document=document, body=body, entries=entries)


def read_code(text: str, source: str, workshops: Workshops) -> Submission:
    """A typed or pasted result code (CodeError if it cannot be read)."""
    game = decode_result(text, workshops.pack, workshops.switches)
    return Submission(source, "code", clean_name(game.player) or "?", game.workshop,
                      workshops.code(game.workshop), game=game, entries=list(game.log))


def code_lines(text: str) -> list[tuple[int, str]]:
    """(line number, code) of a text of codes: one a line, blank lines and `#` comments skipped."""
    lines = []
    for n, line in enumerate(text.splitlines(), start=1):
        stripped = line.split("#", 1)[0].strip()
        if stripped:
            lines.append((n, stripped))
    return lines


# --- replaying ---------------------------------------------------------------------------------


class Replayer:
    """Rebuilds games by replay, sharing one no-new-policy world per workshop."""

    def __init__(self, workshops: Workshops) -> None:
        self.workshops = workshops
        self._baselines: dict[str, Campaign] = {}
        self._games: dict[str, Campaign] = {}

    def fresh(self, submission: Submission) -> Campaign:
        """A new game in the submission's world, before any quarter."""
        if submission.workshop is not None:
            return self.workshops.new_game(submission.workshop)
        assert submission.document is not None
        s = submission.document.body.setup
        pack = self.workshops.pack
        if s.mayors:
            game = Campaign.new_hot_seat(pack, s.scenario, list(s.mayors), s.seed,
                                         dict(s.overrides))
        else:
            game = Campaign.new(pack, s.scenario, s.role, s.region, s.seed, dict(s.overrides))
        if s.term_turns is not None:
            game.set_term(s.term_turns)
        return game

    def baseline(self, submission: Submission, turns: int) -> Campaign:
        """The same world with no new policy, played at least `turns` quarters (cached)."""
        key = submission.key
        base = self._baselines.get(key)
        if base is None or base.turn < turns:
            base = self.fresh(submission)
            play(base, Plan(), max(turns, base.term_turns))
            self._baselines[key] = base
        return base

    def replay(self, submission: Submission) -> Campaign:
        """The team's game played again from its decisions (Refused if they do not replay)."""
        key = submission.key + canonical([_record(e) for e in submission.log()]).decode() + \
            str(submission.turns_played)
        cached = self._games.get(key)
        if cached is not None:
            return cached
        try:
            game = self.fresh(submission)
            if submission.turns_played > game.term_turns:
                raise Refused("report.skip.replay", detail="more quarters than the workshop")
            plan = Plan([Step(entry.turn, entry.command) for entry in submission.log()])
            play(game, plan, submission.turns_played, strict=True)
        except (Impossible, BadInput, KeyError, ValueError, IndexError) as exc:
            detail = exc.message.key if isinstance(exc, Impossible) else str(exc)[:80]
            raise Refused("report.skip.replay", detail=detail) from exc
        self._games[key] = game
        return game

    def verify(self, submission: Submission) -> Verified:
        """Replay a submission and, for a file, compare its numbers with the replay's."""
        game = self.replay(submission)
        base = self.baseline(submission, game.turn)
        lang: str = submission.workshop.language if submission.workshop else "en"
        if submission.document is not None:
            lang = submission.document.body.setup.lang
        code = submission.workshop_code or None
        if submission.document is not None and submission.document.body.workshop is not None:
            code = submission.document.body.workshop.code
        try:
            document = build_result(game, submission.player, submission.workshop,
                                    submission.predictions(), code=code, baseline=base,
                                    lang=lang, written=submission.written)
        except ValueError as exc:
            raise Refused("report.skip.replay", detail=str(exc)[:80]) from exc
        body = document["body"]
        if submission.document is not None:
            for part in COMPARED:
                if canonical(body.get(part)) != canonical(submission.body.get(part)):
                    raise Refused("report.skip.edited", part=first_difference(
                        part, body.get(part), submission.body.get(part)))
        return Verified(submission, game, base, body)


def first_difference(path: str, mine: Any, theirs: Any) -> str:
    """Where two JSON values first differ, as a dotted path (`measures.lives_vs_baseline`)."""
    if isinstance(mine, dict) and isinstance(theirs, dict):
        for key in sorted(set(mine) | set(theirs)):
            if canonical(mine.get(key)) != canonical(theirs.get(key)):
                return first_difference(f"{path}.{key}", mine.get(key), theirs.get(key))
    if isinstance(mine, list) and isinstance(theirs, list) and len(mine) == len(theirs):
        for n, (a, b) in enumerate(zip(mine, theirs, strict=True)):
            if canonical(a) != canonical(b):
                return first_difference(f"{path}[{n}]", a, b)
    return path
