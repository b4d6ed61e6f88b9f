"""What several screens show the same way: groups and their colours, map tiles, measures.

A criminal group keeps one colour for the whole game (its cartel's place among the
scenario's cartels, never its rank), and every group has a name of its own: a breakaway
faction or a new local gang says so, and two of the same kind are numbered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from game.ui import fmt
from game.ui.widgets import palette

if TYPE_CHECKING:
    from game.core.i18n import Translator
    from game.play.campaign import Campaign
    from game.play.measures import Measure
    from game.ui.widgets.mexico_map import MapMarker, MexicoMap

Translate = Callable[..., str]

GROUP_ORIGINAL, GROUP_SPLINTER, GROUP_NEWCOMER = 0, 1, 2
"""The model's kinds of group (sim.state): an original cartel, a faction that split from
one, a new local gang that entered the plaza."""


@dataclass(frozen=True)
class GroupRow:
    """One criminal group in a region as shown: its own name, share and fixed colour."""

    name: str
    share: float
    colour: tuple[int, int, int]


def scenario_cartels(campaign: Campaign) -> list[str]:
    """The scenario's cartels in the order they first appear (the colour order)."""
    order: list[str] = []
    for region in campaign.scenario.regions:
        for group in region.groups:
            if group.cartel not in order:
                order.append(group.cartel)
    return order


def cartel_colour(campaign: Campaign, cartel: str, kind: int = GROUP_ORIGINAL
                  ) -> tuple[int, int, int]:
    """A group's colour for the whole game: its cartel's, lighter for a breakaway faction,
    the local gangs' for a newcomer."""
    order = scenario_cartels(campaign)
    if kind == GROUP_NEWCOMER:
        cartel = "local_gangs"
    if cartel not in order:
        order = [*order, cartel]
    colour = palette.group_colour(order.index(cartel))
    if kind == GROUP_SPLINTER:
        return palette.lighter(colour)
    return colour


def group_rows(t: Translate, campaign: Campaign, groups: list[dict[str, Any]]) -> list[GroupRow]:
    """A region's groups, largest first, each named once (factions and newcomers numbered)."""
    rows: list[GroupRow] = []
    seen: dict[str, int] = {}
    for group in groups:
        cartel = str(group.get("cartel"))
        kind = int(group.get("kind", GROUP_ORIGINAL))
        base = t(f"cartel.{cartel}")
        if kind == GROUP_SPLINTER:
            name = t("ui.group.splinter", name=base)
        elif kind == GROUP_NEWCOMER:
            name = t("ui.group.newcomer")
        else:
            name = base
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            name = t("ui.group.numbered", name=name, n=seen[name])
        rows.append(GroupRow(name, float(group.get("territory", 0.0)),
                             cartel_colour(campaign, cartel, kind)))
    return rows


def region_state(campaign: Campaign, region: str, mexico: MexicoMap) -> str | None:
    """The state (map id) a region lies in, from its history source; None for "the rest"."""
    for setup in campaign.scenario.regions:
        if setup.id == region:
            code = setup.history.state_code if setup.history is not None else None
            return mexico.state_of_code(code)
    return None


def map_markers(t: Translate, campaign: Campaign, mexico: MexicoMap,
                trend_of: Callable[[str], int]) -> list[MapMarker]:
    """One map tile per region: name, where it is, its rate (and how it reads), its trend."""
    from game.ui.widgets.mexico_map import MapMarker

    markers = []
    for setup in campaign.scenario.regions:
        rid = setup.id
        view = campaign.region_view(rid)
        rate = float(view.get("homicide_rate", 0.0))
        markers.append(MapMarker(rid, t(f"region.{rid}"), float(setup.map_lon),
                                 float(setup.map_lat), rate, trend_of(rid),
                                 region_state(campaign, rid, mexico),
                                 t("ui.units.rate", value=fmt.number(rate, 0))))
    return markers


def state_rates(campaign: Campaign, markers: list[MapMarker], mexico: MexicoMap
                ) -> dict[str, float]:
    """Each state's homicide rate from the scenario's regions in it (population-weighted);
    a region with no state of its own ("the rest of the country") shades all the others."""
    population = {rid: float(campaign.world.population[i])
                  for i, rid in enumerate(campaign.world.region_ids)}
    sums: dict[str, tuple[float, float]] = {}
    rest: list[MapMarker] = []
    for m in markers:
        if m.state is None:
            rest.append(m)
            continue
        killed, people = sums.get(m.state, (0.0, 0.0))
        pop = population.get(m.region_id, 1.0)
        sums[m.state] = (killed + m.rate * pop, people + pop)
    rates = {sid: killed / people for sid, (killed, people) in sums.items() if people > 0}
    if rest:
        pop = sum(population.get(m.region_id, 1.0) for m in rest)
        rate = sum(m.rate * population.get(m.region_id, 1.0) for m in rest) / max(pop, 1.0)
        for state in mexico.asset.states:
            rates.setdefault(state.id, rate)
    return rates


def focus_states(campaign: Campaign, markers: list[MapMarker]) -> list[str]:
    """The states to zoom in on: those of the regions, unless one region is the rest of the
    country (then the whole map shows)."""
    if any(m.state is None for m in markers):
        return []
    return sorted({m.state for m in markers if m.state is not None})


def measure_value(t: Translate, measure: Measure, value: float) -> str:
    """A headline measure's value in its unit."""
    return fmt.indicator_value(t, measure.indicator, value)


def measure_difference(t: Translator, measure: Measure) -> tuple[str, bool | None]:
    """"47 fewer killed than in the same world" (more, or the same) and whether that is good."""
    diff = measure.difference
    if measure.id == "trust":
        points = round(diff * 100)
        if points == 0:
            return t("ui.measure.same"), None
        key = "ui.measure.points_more" if points > 0 else "ui.measure.points_less"
        return t.plural(key, abs(points)), measure.good
    count = round(diff)
    if count == 0:
        return t("ui.measure.same"), None
    key = f"ui.measure.{measure.id}_more" if count > 0 else f"ui.measure.{measure.id}_less"
    return t.plural(key, abs(count), count=fmt.number(abs(count), 0)), measure.good
