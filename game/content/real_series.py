"""Real homicide series (INEGI via Gargiulo et al. 2024, CC BY 4.0) to show beside the model."""

from __future__ import annotations

import csv
from functools import cache

from game.content.schema import Scenario
from game.core import paths

HISTORY_FILE = "history/state_quarter_homicides.csv"


@cache
def state_quarters() -> dict[tuple[str, str], int]:
    """Homicides by (state code, period 'YYYY-Qn'), read once from the shipped CSV."""
    table: dict[tuple[str, str], int] = {}
    with (paths.content_root() / HISTORY_FILE).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            table[(row["state"], f"{row['year']}-Q{row['quarter']}")] = int(row["homicides"])
    return table


@cache
def shipped_scenarios() -> dict[str, Scenario]:
    """The shipped content's scenarios by id, read once (for callers that name one by id)."""
    from game.content import load_content

    return load_content(paths.content_root()).scenarios


def national_quarter(period: str) -> int | None:
    """Homicides in all of Mexico in a quarter, or None outside the data."""
    table = state_quarters()
    values = [table.get((f"{code:02d}", period)) for code in range(1, 33)]
    return None if any(v is None for v in values) else sum(v for v in values if v is not None)


def region_quarter(scenario: Scenario, region_id: str, period: str) -> float | None:
    """Estimated homicides in a region in a quarter: its state's count times its share."""
    region = next((r for r in scenario.regions if r.id == region_id), None)
    if region is None or region.history is None:
        return None
    count = state_quarters().get((region.history.state_code, period))
    return None if count is None else count * region.history.share


def homicide_rate(scenario: Scenario | str, region_id: str | None, period: str) -> float | None:
    """Real homicides per 100,000 a year in a region (or the scenario's whole area) in a quarter.

    `scenario` may be a Scenario or a scenario id of the shipped content. None when the data
    does not cover the place or the period.
    """
    if isinstance(scenario, str):
        found = shipped_scenarios().get(scenario)
        if found is None:
            return None
        scenario = found
    if region_id is not None:
        region = next((r for r in scenario.regions if r.id == region_id), None)
        count = region_quarter(scenario, region_id, period)
        if region is None or count is None:
            return None
        return count * 4 / region.population * 100_000
    population = sum(r.population for r in scenario.regions)
    if scenario.covers_country:
        total = national_quarter(period)
        return None if total is None else total * 4 / population * 100_000
    counts = [region_quarter(scenario, r.id, period) for r in scenario.regions]
    if any(c is None for c in counts):
        return None
    return sum(c for c in counts if c is not None) * 4 / population * 100_000
