"""The verdict at the end of a term: the election, lives against the same world, the research.

`verdict(campaign, seat)` gathers what the verdict screen shows: the model's election for
the seat's office (`Campaign.election_outcome`, play/election.py: won or lost, the shares,
what the same world would have voted), the headline measures over the term against the same
world (play/measures.py), approval from start to end, and the paths the decisions took.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from game.play.campaign import Campaign
from game.play.election import ElectionOutcome
from game.play.measures import MeasureId, aggregate, seat_scope, term_totals

PathId = Literal["force", "capture", "deescalate", "institutions", "social", "look_away",
                 "rights", "migrants", "nothing"]

PATHS: dict[str, PathId] = {
    "deploy_army": "force", "deploy_guard": "force", "request_federal_support": "force",
    "kingpin_operation": "capture",
    "withdraw_forces": "deescalate", "amnesty": "deescalate", "legalize_cannabis": "deescalate",
    "vet_police": "institutions", "community_policing": "institutions",
    "anti_collusion": "institutions", "fund_local_police": "institutions",
    "civic_alliances": "institutions",
    "social_programs": "social", "local_social_programs": "social",
    "tolerate": "look_away",
    "hr_accountability": "rights", "truth_commission": "rights",
    "guard_to_migration": "migrants", "migrant_protection": "migrants",
}
"""The path each intervention belongs to, for what the research says about the path chosen
(catalog `verdict.path.ID.text`, each naming its findings)."""

PATH_FINDINGS: dict[PathId, tuple[str, ...]] = {
    "force": ("F3", "F15"), "capture": ("F3", "F4"), "deescalate": ("F8", "F12"),
    "institutions": ("F6", "F14"), "social": ("F8", "F14"), "look_away": ("F2", "F9"),
    "rights": ("F12", "F13"), "migrants": ("F10", "F11"), "nothing": ("F15", "F1"),
}

@dataclass(frozen=True)
class Verdict:
    """Everything the verdict screen says about one seat's term."""

    seat: int
    scope: list[str]
    election: ElectionOutcome
    approval_start: float
    approval_end: float
    totals: dict[MeasureId, tuple[float, float]]
    """(player, same world): lives and rights summed over the term, trust at its end."""
    trust_start: float
    paths: list[PathId]
    """The paths the player's decisions took, most used first ("nothing" if none)."""

    @property
    def lives_saved(self) -> float:
        """People the same world with no new policy lost and the player's did not (negative:
        more died in the player's world)."""
        played, base = self.totals["lives"]
        return base - played


def approval_of(campaign: Campaign, seat: int, national: dict[str, float],
                regions: dict[str, dict[str, float]]) -> float:
    """A seat's approval in a record's values: a mayor's own, or the federal government's."""
    role, city = campaign.seats[seat]
    if role == "municipal" and city is not None:
        return float(regions[city].get("mayor_approval", 0.0))
    return float(national.get("approval", 0.0))


def paths_taken(campaign: Campaign, seat: int) -> list[PathId]:
    """The paths of the interventions a seat enacted, most enacted first."""
    counts: dict[PathId, int] = {}
    for entry in campaign.decisions:
        if entry.get("verb") != "enact" or int(entry.get("seat", 0)) != seat:
            continue
        path = PATHS.get(str(entry.get("action")))
        if path is not None:
            counts[path] = counts.get(path, 0) + 1
    if not counts:
        return ["nothing"]
    return sorted(counts, key=lambda p: (-counts[p], list(PATH_FINDINGS).index(p)))


def verdict(campaign: Campaign, seat: int = 0) -> Verdict:
    """The verdict of a seat's term so far (the screen shows it once the term is over)."""
    scope = seat_scope(campaign, seat)
    last = campaign.records[-1] if campaign.records else campaign.start
    start = campaign.start
    approval_start = approval_of(campaign, seat, start.national, start.regions)
    approval_end = approval_of(campaign, seat, last.national, last.regions)
    totals = term_totals(campaign, scope)
    trust_start = aggregate(campaign, start.regions, scope, "legitimacy")
    return Verdict(seat, scope, campaign.election_outcome(seat), approval_start,
                   approval_end, totals, trust_start, paths_taken(campaign, seat))
