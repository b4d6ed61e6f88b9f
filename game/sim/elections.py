"""The vote that ends a term: the player's (or their party's) share, driven by approval.

The model's own claim, credited to the model: voters reward a government whose approval,
remembered over the last quarters (recent ones weigh more), stands above an even race. It
reads approval as the model makes it (trust and security with memory, F5, F14), so the
election follows what the player's term did to people's safety and trust.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.content.schema import Scenario
from game.sim.params import Params
from game.sim.state import Array, Mask


@dataclass(frozen=True)
class Vote:
    """One election in every run: the incumbent's share of the two-way vote and the rival's."""

    share: Array
    rival: Array

    @property
    def won(self) -> Mask:
        """Where the incumbent (or their party) keeps office."""
        return np.asarray(self.share > self.rival)

    @property
    def margin(self) -> Array:
        """Share minus the rival's (negative: lost)."""
        return np.asarray(self.share - self.rival)


def remembered_approval(approvals: Array, p: Params) -> Array:
    """Approval as voters remember it on election day: the last quarters, recent ones first.

    `approvals` is shaped (runs, quarters), oldest first; quarter k back weighs
    `election_memory` to the power k.
    """
    values = np.atleast_2d(np.asarray(approvals, dtype=np.float64))
    ages = np.arange(values.shape[1])[::-1]
    weights = p.election_memory ** ages
    return np.asarray(values @ weights / weights.sum())


def vote(approvals: Array, p: Params) -> Vote:
    """The incumbent's share of the two-way vote, from approval remembered (runs,)."""
    remembered = remembered_approval(approvals, p)
    share = np.clip(0.5 + p.election_approval_slope * (remembered - p.election_even_approval),
                    p.election_share_floor, 1 - p.election_share_floor)
    return Vote(share=np.asarray(share), rival=np.asarray(1 - share))


def election_turn(scenario: Scenario, level: str, term: int) -> tuple[int, bool]:
    """The turn a seat's office is voted on, and whether the calendar holds that vote.

    The last election at the seat's level ("federal" or "municipal") within the term;
    without one, the end of the term (the vote the term leads to).
    """
    turns = [e.turn for e in scenario.calendar
             if e.kind == "election" and e.level == level and e.turn <= term]
    return (max(turns), True) if turns else (term, False)
