"""The election that ends a seat's term, as the verdict screen shows it: data and message ids.

`election_outcome(campaign, seat)` reads the approval the game recorded (the played world and,
beside it, the same world with no new policy) and asks the model (`game.sim.elections`) for
the vote: re-elected or not, by how much, and what the same world would have voted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from game.core.i18n import Message
from game.sim import elections
from game.sim.params import Params

if TYPE_CHECKING:
    from game.play.campaign import Campaign, TurnRecord


@dataclass(frozen=True)
class ElectionOutcome:
    """The vote for a seat's office: who won, by how much, when, and against the same world."""

    seat: int
    level: str
    """"federal" (the presidency, for the player's party) or "municipal" (city hall)."""
    turn: int
    period: str
    on_calendar: bool
    """The scenario's calendar holds this vote (else it is the vote the term leads to)."""
    held: bool
    """The game has played the vote's quarter (otherwise: how it stands now)."""
    share: float
    rival: float
    baseline_share: float | None
    """The share in the same world with no new policy (None before any quarter)."""
    approval: float
    """Approval as voters remember it (recent quarters weigh more)."""

    @property
    def won(self) -> bool:
        """Whether the player (or their party) keeps office."""
        return self.share > self.rival

    @property
    def margin(self) -> float:
        """Share minus the rival's, 0-1 (negative: lost)."""
        return self.share - self.rival

    @property
    def message(self) -> Message:
        """The verdict in one line: kept or lost, the office, the share and the margin."""
        key = "election.won" if self.won else "election.lost"
        return Message(key, {"office": f"@election.office.{self.level}",
                             "share": round(self.share * 100), "rival": round(self.rival * 100),
                             "margin": round(abs(self.margin) * 100), "period": self.period})

    @property
    def baseline_message(self) -> Message | None:
        """What the same world with no new policy would have voted, or None if unknown."""
        if self.baseline_share is None:
            return None
        key = "election.baseline_won" if self.baseline_share > 0.5 else "election.baseline_lost"
        return Message(key, {"share": round(self.baseline_share * 100)})


def _approval(record: TurnRecord, values: dict[str, dict[str, float]] | None,
              national: dict[str, float] | None, city: str | None) -> float:
    if city is not None:
        return float((values or record.regions)[city]["mayor_approval"])
    return float((national or record.national)["approval"])


def election_outcome(campaign: Campaign, seat: int = 0) -> ElectionOutcome:
    """The vote on a seat's office at the end of its term (or as it stands, before then)."""
    role, city = campaign.seats[seat]
    level = "federal" if role == "federal" else "municipal"
    turn, on_calendar = elections.election_turn(campaign.scenario, level, campaign.term_turns)
    records = [r for r in campaign.records if r.turn <= turn]
    played = [_approval(r, None, None, city) for r in records] or [
        _approval(campaign.start, None, None, city)]
    params = Params(campaign.pack.parameters, campaign.overrides)
    vote = elections.vote(np.array([played]), params)
    baseline_share: float | None = None
    if records and all(r.baseline is not None for r in records):
        base = [_approval(r, r.baseline["regions"] if r.baseline else None,
                          r.baseline["national"] if r.baseline else None, city)
                for r in records]
        baseline_share = float(elections.vote(np.array([base]), params).share[0])
    return ElectionOutcome(
        seat=seat, level=level, turn=turn, period=campaign.world.period(turn),
        on_calendar=on_calendar, held=campaign.turn >= turn, share=float(vote.share[0]),
        rival=float(vote.rival[0]), baseline_share=baseline_share,
        approval=float(elections.remembered_approval(np.array([played]), params)[0]),
    )
