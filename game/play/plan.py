"""THE plan loop: commands on their turns and standing answers, played into any game.

One loop serves every way a line of play is run again or for the first time: `simulate`
(many worlds), class rehearsal (one game to a result file), loading a save (its log),
the assumptions panel (the same decisions in a changed world) and the no-new-policy
baseline (an empty plan).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from game.content.schema import PlanFile
from game.core.i18n import Message
from game.sim.commands import (
    AnswerDilemma,
    Command,
    Dilemma,
    EnactIntervention,
    Impossible,
    RepealIntervention,
)


class Playable(Protocol):
    """What the plan loop plays into: a single game (Campaign) or many worlds (sim.lab.Lab)."""

    @property
    def turn(self) -> int:
        """Quarters resolved so far."""
        ...

    def execute(self, command: Command) -> None:
        """Carry out a command; raise Impossible (and change nothing) if it cannot be done."""
        ...

    def pending_dilemmas(self) -> list[Dilemma]:
        """Dilemmas waiting for an answer before the coming quarter resolves."""
        ...

    def answered(self, event_id: str) -> str | None:
        """The answer already given to a pending dilemma, if any."""
        ...

    def resolve_quarter(self) -> object:
        """Resolve the coming quarter (past the term too: the loop decides when to stop)."""
        ...


@dataclass(frozen=True)
class Step:
    """One command on the turn it is made, and where it came from (for the notes)."""

    turn: int
    command: Command
    line: str = ""
    """Where it was written: a plan's `decision[3]`, or empty for a game's own log."""


@dataclass
class Plan:
    """A line of play: commands by turn, and standing answers to any dilemma that arises."""

    steps: list[Step] = field(default_factory=list)
    responses: dict[str, str] = field(default_factory=dict)
    responses_from: int = 1
    """The first turn the standing answers hold (a player taking over from history)."""

    @classmethod
    def from_file(cls, plan: PlanFile) -> Plan:
        """The plan a (checked) plan file scripts."""
        steps: list[Step] = []
        for n, decision in enumerate(plan.decision):
            kind = RepealIntervention if decision.stop else EnactIntervention
            steps.append(Step(decision.turn, kind(decision.action, decision.region,
                                                  decision.player), f"decision[{n}]"))
        return cls(steps, dict(plan.responses))

    def on_turn(self, turn: int) -> list[Step]:
        """The commands made for one turn, in order."""
        return [step for step in self.steps if step.turn == turn]


@dataclass(frozen=True)
class Skipped:
    """A command the game refused when the plan was played, and why."""

    turn: int
    what: str
    reason: Message
    line: str = ""

    @property
    def where(self) -> str:
        """The plan line and what it asked for, as a note names them."""
        return f"{self.line} (turn {self.turn}, {self.what})" if self.line else \
            f"turn {self.turn}: {self.what}"

    def __str__(self) -> str:
        return f"{self.where}: skipped: {self.reason.key}"


def _subject(command: Command) -> str:
    """What a command is about, for notes: the action or the dilemma."""
    return command.event_id if isinstance(command, AnswerDilemma) else command.action_id


def play(game: Playable, plan: Plan, until_turn: int, *, strict: bool = False,
         enter_next: bool = False) -> list[Skipped]:
    """Play `plan` into `game` until it has resolved `until_turn` quarters.

    Each quarter: the plan's commands for it (an answer only where its dilemma arises), then
    the standing answers to dilemmas still open, then the quarter resolves. With `strict`,
    a refused command raises Impossible (a save that no longer replays); otherwise it is
    skipped and listed. With `enter_next`, the commands already made for the quarter after
    `until_turn` are entered too (a save made in the middle of planning).
    """
    skipped: list[Skipped] = []

    def enter(turn: int) -> None:
        pending = {d.event_id for d in game.pending_dilemmas()}
        for step in plan.on_turn(turn):
            command = step.command
            if isinstance(command, AnswerDilemma) and command.event_id not in pending \
                    and not strict:
                continue  # that dilemma does not arise in this world
            try:
                game.execute(command)
            except Impossible as impossible:
                if strict:
                    raise
                skipped.append(Skipped(turn, _subject(command), impossible.message, step.line))
        for dilemma in game.pending_dilemmas() if turn >= plan.responses_from else []:
            choice = plan.responses.get(dilemma.event_id)
            if choice is not None and game.answered(dilemma.event_id) is None:
                game.execute(AnswerDilemma(dilemma.event_id, choice, dilemma.region))

    while game.turn < until_turn:
        enter(game.turn + 1)
        game.resolve_quarter()
    if enter_next:
        enter(game.turn + 1)
    return skipped
