"""What the player's decisions did: the headline measures beside the same world, and the Why?.

Three headline measures (lives, trust, rights) for the regions a player answers for, each
beside the same world with the same seed and no new policy (`TurnRecord.baseline`); each
decision's own effect (`TurnRecord.effects`); and a quarter's change split exactly into the
part the decisions made and the part the world made, the latter by the model's causes
(the no-new-policy world's own ledger), grouped in families a student reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from game.play.campaign import Campaign, TurnRecord
from game.sim.causes import CAUSES
from game.sim.indicators import indicator

MeasureId = Literal["lives", "trust", "rights"]
MEASURES: dict[MeasureId, str] = {
    "lives": "true_homicides",
    "trust": "legitimacy",
    "rights": "abuses",
}
"""The three headline measures and the indicator each reads: people killed (hidden killings
counted), trust in the state, abuses by security forces."""

Family = Literal["decisions", "groups", "politics", "state", "events", "chance"]
FAMILIES: tuple[Family, ...] = ("decisions", "groups", "politics", "state", "events", "chance")
"""The Why? families in the order shown: the player's decisions, criminal groups, politics,
the state's forces and institutions, the quarter's events, chance."""
FAMILY_OF_GROUP: dict[str, Family] = {
    "groups": "groups", "politics": "politics", "force": "state", "institutions": "state",
    "society": "state", "events": "events", "chance": "chance",
}
"""Which family each cause group (sim.causes.CauseGroup) is shown in."""


def seat_scope(campaign: Campaign, seat: int = 0) -> list[str]:
    """The regions a seat answers for: a mayor's city, or every region for the federal role."""
    seats = campaign.seats
    role, city = seats[seat] if 0 <= seat < len(seats) else ("federal", None)
    if role == "municipal" and city is not None:
        return [city]
    return list(campaign.world.region_ids)


def _population(campaign: Campaign, region: str) -> float:
    return float(campaign.world.population[campaign.world.region_index(region)])


def aggregate(campaign: Campaign, regions: Mapping[str, Mapping[str, Any]], scope: list[str],
              name: str) -> float:
    """An indicator over several regions: counts add up, other values are population-weighted.

    Works for values and for differences alike (a weighted mean of differences is the
    difference of the weighted means).
    """
    if not scope:
        return 0.0
    if indicator(name).is_count:
        return float(sum(float(regions[r].get(name, 0.0)) for r in scope))
    total = sum(_population(campaign, r) for r in scope)
    return float(sum(float(regions[r].get(name, 0.0)) * _population(campaign, r)
                     for r in scope) / total)


@dataclass(frozen=True)
class Measure:
    """One headline measure this quarter: the player's world and the same world without them."""

    id: MeasureId
    indicator: str
    played: float
    baseline: float
    start: float
    """Its value before the first quarter."""

    @property
    def difference(self) -> float:
        """The player's world minus the same world with no new policy."""
        return self.played - self.baseline

    @property
    def good(self) -> bool | None:
        """Whether the difference is good news (None: no difference)."""
        return indicator(self.indicator).is_good(round(self.difference, 6))


def _baseline_regions(record: TurnRecord) -> Mapping[str, Mapping[str, Any]]:
    """A record's same-world values (the record itself before any quarter or decision)."""
    base = record.baseline or {}
    regions = base.get("regions")
    return regions if isinstance(regions, dict) else record.regions


def headline(campaign: Campaign, scope: list[str],
             record: TurnRecord | None = None) -> list[Measure]:
    """The three measures after a quarter (default: the latest; the start before any)."""
    record = record or (campaign.records[-1] if campaign.records else campaign.start)
    base = _baseline_regions(record)
    result = []
    for mid, name in MEASURES.items():
        result.append(Measure(mid, name, aggregate(campaign, record.regions, scope, name),
                              aggregate(campaign, base, scope, name),
                              aggregate(campaign, campaign.start.regions, scope, name)))
    return result


def series(campaign: Campaign, scope: list[str], name: str) -> tuple[list[float], list[float]]:
    """An indicator over the quarters played: the player's world and the same world."""
    played = [aggregate(campaign, r.regions, scope, name) for r in campaign.records]
    base = [aggregate(campaign, _baseline_regions(r), scope, name) for r in campaign.records]
    return played, base


def term_totals(campaign: Campaign, scope: list[str]) -> dict[MeasureId, tuple[float, float]]:
    """Over the quarters played: (player, same world) for lives and rights (totals) and for
    trust (its value after the last quarter)."""
    totals: dict[MeasureId, tuple[float, float]] = {}
    for mid, name in MEASURES.items():
        played, base = series(campaign, scope, name)
        if not played:
            value = aggregate(campaign, campaign.start.regions, scope, name)
            totals[mid] = (value, value) if mid == "trust" else (0.0, 0.0)
        elif mid == "trust":
            totals[mid] = (played[-1], base[-1])
        else:
            totals[mid] = (sum(played), sum(base))
    return totals


@dataclass(frozen=True)
class DecisionEffect:
    """One decision's own effect on an indicator this quarter, against the same world."""

    verb: str
    action: str | None
    region: str | None
    turn: int
    amount: float
    event: str | None = None
    choice: str | None = None


def decision_effects(campaign: Campaign, record: TurnRecord, scope: list[str],
                     name: str) -> tuple[list[DecisionEffect], float]:
    """Each decision's own effect on an indicator over the scope, and their interaction.

    They add up to the player's world minus the same world (TurnRecord.effects).
    """
    effects = record.effects or {}
    items = []
    for d in effects.get("decisions", []):
        regions = d.get("regions", {})
        amount = aggregate(campaign, regions, [r for r in scope if r in regions], name)
        items.append(DecisionEffect(str(d.get("verb")), d.get("action"), d.get("region"),
                                    int(d.get("turn", 0)), amount, d.get("event"),
                                    d.get("choice")))
    interaction = effects.get("interaction", {}).get("regions", {})
    rest = aggregate(campaign, interaction, [r for r in scope if r in interaction], name)
    return items, rest


@dataclass(frozen=True)
class WhySplit:
    """A quarter's change of one indicator in one region, split exactly into what made it."""

    indicator: str
    region: str
    before: float
    after: float
    families: dict[Family, float]
    causes: dict[str, float] = field(default_factory=dict)
    """The same world's causes (the model's ledger), for the families other than decisions."""

    @property
    def change(self) -> float:
        """After minus before."""
        return self.after - self.before


def why_split(campaign: Campaign, turn: int, name: str, region: str) -> WhySplit | None:
    """Split the change of an indicator in a region over quarter `turn` (1-based).

    The player's decisions made the change in the gap between their world and the same world
    (their effect now minus their effect a quarter ago); the world made the rest, which the
    no-new-policy world's ledger splits into causes. The families add up to the change (what
    the ledger does not account for is shown as chance). None for a turn not played.
    """
    if not 1 <= turn <= len(campaign.records):
        return None
    record = campaign.records[turn - 1]
    before_record = campaign.records[turn - 2] if turn > 1 else campaign.start
    after = float(record.regions[region].get(name, 0.0))
    before = float(before_record.regions[region].get(name, 0.0))
    base_after = float(_baseline_regions(record)[region].get(name, after))
    base_before = float(_baseline_regions(before_record)[region].get(name, before))
    families: dict[Family, float] = dict.fromkeys(FAMILIES, 0.0)
    families["decisions"] = (after - base_after) - (before - base_before)
    causes = _baseline_causes(campaign, turn, name, region)
    for cause, amount in causes.items():
        group = CAUSES[cause].group if cause in CAUSES else "chance"
        families[FAMILY_OF_GROUP.get(group, "chance")] += amount
    world_change = base_after - base_before
    families["chance"] += world_change - sum(causes.values()) if causes else world_change
    return WhySplit(name, region, before, after, families, causes)


def _baseline_causes(campaign: Campaign, turn: int, name: str, region: str) -> dict[str, float]:
    """The no-new-policy world's ledger for one indicator, region and quarter."""
    results = campaign.results
    if not 1 <= turn <= len(results):
        return {}
    run = campaign.branches.baseline_run(0)
    if run is None:
        return {}
    ledger = results[turn - 1].why.get(name, {})
    index = campaign.world.region_index(region)
    causes: dict[str, float] = {}
    for cause, amount in ledger.items():
        value = float(amount[run]) if amount.ndim == 1 else float(amount[run, index])
        if abs(value) > 1e-9:
            causes[cause] = value
    return causes
