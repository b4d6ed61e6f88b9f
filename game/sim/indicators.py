"""The one registry of what the model reports: every indicator, its unit, and which way is good.

Every other list (JSON and CSV columns, result files, the Why? panel, screens, the report)
reads this one. To add an indicator: an entry here, its `indicator.ID.name`/`.tip` text in
both catalogs, and the mechanism that moves the state it reads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

from game.sim.slots import slot_sum
from game.sim.state import Array, State, World

if TYPE_CHECKING:
    from game.sim.mechanisms import Quarter

Unit = Literal["count", "rate", "share", "thousands", "presence", "strength", "money", "points"]
"""count: people or events in a quarter; rate: per 100,000 a year; share: 0-1; thousands:
thousands of people; presence: a forces index 0-3; strength: hundreds of fighters; money:
million pesos a quarter; points: political capital 0-100."""
Better = Literal["lower", "higher"] | None
"""Which way is good news for the public; None where the model takes no side (forces present,
migrants waiting, which follow orders and US policy)."""
RegionalReader = Callable[[World, State, "Quarter"], Array]
NationalReader = Callable[[World, State, dict[str, Array]], Array]


@dataclass(frozen=True)
class Indicator:
    """One reported quantity: how to read it per region and nationally, and how to show it."""

    id: str
    unit: Unit
    better: Better
    regional: RegionalReader | None = None
    """Its value per run and region, from the state after a quarter (None: national only)."""
    national: NationalReader | Literal["sum"] | None = None
    """Its national value per run: the sum over regions, a reader, or None (regional only)."""
    why: bool = False
    """The Why? panel splits its changes into causes (the ledger records them)."""
    kept: bool = False
    """Result files keep it for every region and quarter (the rest stay in saves)."""
    panel: bool = True
    """The region panel lists it (the rest are the model's inner workings)."""
    headline: bool = False
    """A headline measure of a term (lives, trust, standing, rights): the policy lab's fans."""

    @property
    def is_count(self) -> bool:
        """Whether it counts whole people or events (reported as integers)."""
        return self.unit == "count"

    def is_good(self, change: float) -> bool | None:
        """Whether a change is good news (None when the registry takes no side or no change)."""
        if self.better is None or change == 0:
            return None
        return (change < 0) if self.better == "lower" else (change > 0)


def _national_rate(world: World, state: State, national: dict[str, Array]) -> Array:
    return national["homicides"] * 4 / world.population.sum() * 100_000


REGISTRY: tuple[Indicator, ...] = (
    Indicator("homicides", "count", "lower", lambda w, s, q: s.homicides, "sum", why=True,
              kept=True, headline=True),
    Indicator("homicide_rate", "rate", "lower",
              lambda w, s, q: s.homicides * 4 / w.population * 100_000, _national_rate,
              kept=True),
    Indicator("true_homicides", "count", "lower", lambda w, s, q: s.homicides_true, "sum",
              kept=True, panel=False),
    Indicator("disappearances", "count", "lower", lambda w, s, q: _known(q.disappearances),
              "sum", kept=True),
    Indicator("legitimacy", "share", "higher", lambda w, s, q: s.legitimacy, why=True,
              kept=True, headline=True),
    Indicator("competition", "share", "lower", lambda w, s, q: q.competition, why=True,
              kept=True),
    Indicator("visible_attacks", "count", "lower", lambda w, s, q: _known(q.visible_attacks),
              "sum", kept=True),
    Indicator("civilian_deaths", "count", "lower", lambda w, s, q: _known(q.civilian_deaths),
              "sum", kept=True, headline=True),
    Indicator("kidnappings", "count", "lower", lambda w, s, q: _known(q.kidnappings), "sum",
              why=True, kept=True),
    Indicator("abuses", "count", "lower", lambda w, s, q: _known(q.abuses), "sum", kept=True,
              headline=True),
    Indicator("police_integrity", "share", "higher", lambda w, s, q: s.police_integrity,
              why=True, kept=True),
    Indicator("judicial_integrity", "share", "higher", lambda w, s, q: s.judicial_integrity,
              why=True, kept=True),
    Indicator("police_capacity", "share", "higher", lambda w, s, q: s.police_capacity),
    Indicator("coordination", "share", "higher", lambda w, s, q: s.coordination, why=True,
              kept=True),
    Indicator("arrangements", "share", "lower", lambda w, s, q: s.arrangements, why=True),
    Indicator("mobilisation", "share", "higher", lambda w, s, q: s.mobilisation),
    Indicator("opportunity", "share", "higher", lambda w, s, q: s.opportunity, why=True),
    Indicator("migrants", "thousands", None, lambda w, s, q: s.migrants),
    Indicator("army", "presence", None, lambda w, s, q: s.army, kept=True),
    Indicator("guard", "presence", None, lambda w, s, q: s.guard, kept=True),
    Indicator("armed_strength", "strength", "lower", lambda w, s, q: slot_sum(s.strength),
              panel=False),
    Indicator("revenue", "money", "lower", lambda w, s, q: slot_sum(s.markets), panel=False),
    Indicator("mayor_approval", "share", "higher", lambda w, s, q: s.mayor_approval, why=True,
              kept=True, panel=False),
    Indicator("approval", "share", "higher", national=lambda w, s, n: s.approval, why=True,
              headline=True),
    Indicator("capital", "points", "higher", national=lambda w, s, n: s.capital[:, 0]),
    Indicator("us_pressure", "share", "lower", national=lambda w, s, n: s.us_pressure),
)
"""Every indicator in report order (regional ones first, then the national-only ones)."""

BY_ID: dict[str, Indicator] = {indicator.id: indicator for indicator in REGISTRY}
REGION_INDICATORS: tuple[str, ...] = tuple(i.id for i in REGISTRY if i.regional is not None)
NATIONAL_INDICATORS: tuple[str, ...] = tuple(i.id for i in REGISTRY if i.national is not None)
WHY_INDICATORS: frozenset[str] = frozenset(i.id for i in REGISTRY if i.why)
KEPT_INDICATORS: tuple[str, ...] = tuple(i.id for i in REGISTRY if i.kept)
WHY_ORDER: tuple[str, ...] = (
    "competition", "coordination", "arrangements", "police_integrity", "judicial_integrity",
    "opportunity", "kidnappings", "homicides", "legitimacy", "approval", "mayor_approval",
)
"""The order the Why? lists the indicators it explains (the order mechanisms record them)."""
HEADLINE_INDICATORS: tuple[str, ...] = tuple(i.id for i in REGISTRY if i.headline)
PANEL_INDICATORS: tuple[str, ...] = tuple(i.id for i in REGISTRY
                                          if i.panel and i.regional is not None)


def _known(values: Array | None) -> Array:
    """A quarter's drawn count (present once killings were drawn, or in a snapshot)."""
    assert values is not None, "a count read before the quarter's toll was drawn"
    return values


def indicator(indicator_id: str) -> Indicator:
    """The registry entry of an indicator id (KeyError if the model reports no such thing)."""
    return BY_ID[indicator_id]


def read_all(world: World, state: State, quarter: Quarter) -> tuple[dict[str, Array],
                                                                     dict[str, Array]]:
    """Every indicator after a quarter: (regional (runs, regions), national (runs,)), copied."""
    regions = {i.id: np.array(i.regional(world, state, quarter), dtype=np.float64, copy=True)
               for i in REGISTRY if i.regional is not None}
    national: dict[str, Array] = {}
    for item in REGISTRY:
        if item.national == "sum":
            national[item.id] = regions[item.id].sum(axis=1)
        elif item.national is not None:
            national[item.id] = np.array(item.national(world, state, national),
                                         dtype=np.float64, copy=True)
    return regions, national
