"""Real homicide series (INEGI via Gargiulo et al. 2024, CC BY 4.0) to show beside the model.

Two files in `content/history/`: quarterly counts per state, and yearly counts for the cities
whose own counts the data documents (Ciudad Juárez, 2007-2015). A region's history uses its
city's own count where it exists, and otherwise an estimate from its state; each value comes
with what it is (`SourceKind`), so a chart can say which line is which.
"""

from __future__ import annotations

import csv
from functools import cache
from typing import Literal

from game.content.schema import RegionSetup, Scenario
from game.core import paths

HISTORY_FILE = "history/state_quarter_homicides.csv"
CITY_FILE = "history/city_year_homicides.csv"

SourceKind = Literal["city", "state_less_city", "states", "state_share", "national", "regions"]
"""What a real value is: the city's own yearly count spread over its quarters; its state's
count less that city's; the sum of whole states; the state's count times the region's share
(an estimate); the national count; or the sum of a scenario's regions (a mix of these)."""

SOURCE_MESSAGES: dict[SourceKind, str] = {kind: f"history.source.{kind}" for kind in (
    "city", "state_less_city", "states", "state_share", "national", "regions")}
"""Catalog key that says, in the player's words, what each kind of history line is."""


@cache
def state_quarters() -> dict[tuple[str, str], int]:
    """Homicides by (state code, period 'YYYY-Qn'), read once from the shipped CSV."""
    table: dict[tuple[str, str], int] = {}
    with (paths.content_root() / HISTORY_FILE).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            table[(row["state"], f"{row['year']}-Q{row['quarter']}")] = int(row["homicides"])
    return table


@cache
def city_years() -> dict[tuple[str, int], int]:
    """Homicides by (INEGI municipality code, year), read once from the shipped CSV."""
    table: dict[tuple[str, int], int] = {}
    with (paths.content_root() / CITY_FILE).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            table[(row["municipality"], int(row["year"]))] = int(row["homicides"])
    return table


@cache
def shipped_scenarios() -> dict[str, Scenario]:
    """The shipped content's scenarios by id, read once (for callers that name one by id)."""
    from game.content import load_content

    return load_content(paths.content_root()).scenarios


@cache
def national_quarter(period: str) -> int | None:
    """Homicides in all of Mexico in a quarter, or None outside the data (summed once: the
    history screen asks for every quarter of its chart while history plays)."""
    table = state_quarters()
    values = [table.get((f"{code:02d}", period)) for code in range(1, 33)]
    return None if any(v is None for v in values) else sum(v for v in values if v is not None)


def _city_quarter(code: str, period: str) -> float | None:
    """A city's yearly count spread evenly over the year's quarters, or None if not counted."""
    count = city_years().get((code, int(period[:4])))
    return None if count is None else count / 4


def _region(scenario: Scenario, region_id: str) -> RegionSetup | None:
    return next((r for r in scenario.regions if r.id == region_id), None)


def region_quarter_with_source(scenario: Scenario, region_id: str, period: str
                               ) -> tuple[float | None, SourceKind | None]:
    """Real homicides in a region in a quarter, and what kind of figure it is."""
    region = _region(scenario, region_id)
    if region is None or region.history is None:
        return None, None
    history = region.history
    if history.municipality is not None:
        own = _city_quarter(history.municipality, period)
        if own is not None:
            return own, "city"
    table = state_quarters()
    counts = [table.get((code, period)) for code in (history.state_code, *history.more_states)]
    if any(c is None for c in counts):
        return None, None
    total = float(sum(c for c in counts if c is not None))
    if history.without_municipality is not None:
        city = _city_quarter(history.without_municipality, period)
        if city is not None:
            return total - city, "state_less_city"
    if history.share >= 1.0:
        return total, "states"
    return total * history.share, "state_share"


def region_quarter(scenario: Scenario, region_id: str, period: str) -> float | None:
    """Real (or estimated) homicides in a region in a quarter; None where there is no data."""
    return region_quarter_with_source(scenario, region_id, period)[0]


def _scenario(scenario: Scenario | str) -> Scenario | None:
    if isinstance(scenario, str):
        return shipped_scenarios().get(scenario)
    return scenario


def homicide_rate(scenario: Scenario | str, region_id: str | None, period: str) -> float | None:
    """Real homicides per 100,000 a year in a region (or the scenario's whole area) in a quarter.

    `scenario` may be a Scenario or a scenario id of the shipped content. None when the data
    does not cover the place or the period.
    """
    return homicide_rate_with_source(scenario, region_id, period)[0]


def homicide_rate_with_source(scenario: Scenario | str, region_id: str | None, period: str
                              ) -> tuple[float | None, SourceKind | None]:
    """The real rate (per 100,000 a year) of a region or a scenario's area, and its kind."""
    found = _scenario(scenario)
    if found is None:
        return None, None
    if region_id is not None:
        region = _region(found, region_id)
        count, kind = region_quarter_with_source(found, region_id, period)
        if region is None or count is None:
            return None, None
        return count * 4 / region.population * 100_000, kind
    population = sum(r.population for r in found.regions)
    if found.covers_country:
        total = national_quarter(period)
        return (None, None) if total is None else (total * 4 / population * 100_000, "national")
    counts = [region_quarter(found, r.id, period) for r in found.regions]
    if any(c is None for c in counts):
        return None, None
    return sum(c for c in counts if c is not None) * 4 / population * 100_000, "regions"
