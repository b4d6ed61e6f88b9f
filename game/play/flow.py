"""The turn's rules: what must happen before a quarter can resolve, in the order it must.

Dilemmas first, then (hot seat) each player plans in turn, then the prediction if it is
asked for, then the quarter resolves; once the term is played out the game is over. The
screens ask `next_step()` and show what it names; headless class play asks the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from game.play.campaign import TurnRecord
from game.play.session import GameSession
from game.sim.commands import Dilemma

StepKind = Literal["term_over", "dilemma", "next_seat", "prediction", "resolve"]


@dataclass(frozen=True)
class FlowStep:
    """What the players must do next: its kind, and the dilemma or seat it concerns."""

    kind: StepKind
    dilemma: Dilemma | None = None
    seat: int | None = None


class TurnFlow:
    """Decides, from a session, what has to happen before the coming quarter resolves."""

    def __init__(self, session: GameSession) -> None:
        self.session = session
        self._predicted_turn = -1
        """The turn whose prediction was made or skipped (asked once per quarter)."""

    def unanswered(self) -> list[Dilemma]:
        """Dilemmas still waiting for the players' answer."""
        c = self.session.campaign
        return [d for d in c.pending_dilemmas() if c.answered(d.event_id) is None]

    def next_step(self) -> FlowStep:
        """The next thing to do before the quarter resolves (or `resolve` when nothing is)."""
        session = self.session
        if session.over:
            return FlowStep("term_over")
        pending = self.unanswered()
        if pending:
            return FlowStep("dilemma", dilemma=pending[0])
        if session.hot_seat and not session.last_seat:
            return FlowStep("next_seat", seat=session.seat + 1)
        if session.predictions_on and self._predicted_turn != session.campaign.turn:
            return FlowStep("prediction")
        return FlowStep("resolve")

    def pass_seat(self) -> int:
        """Hand planning to the next player at the table; return their seat."""
        session = self.session
        session.seat = min(session.seat + 1, len(session.seats) - 1)
        return session.seat

    def prediction_done(self) -> None:
        """The prediction for the coming quarter was made (or skipped): do not ask again."""
        self._predicted_turn = self.session.campaign.turn

    def resolve(self) -> TurnRecord:
        """Resolve the quarter (dilemmas left open take their default); the first seat plans."""
        record = self.session.campaign.end_turn()
        self.session.seat = 0
        return record
