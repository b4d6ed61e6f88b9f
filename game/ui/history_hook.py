"""Real homicide series shown beside the model's, labelled as history."""

from __future__ import annotations

from game.campaign import Campaign
from game.content import real_series as history_data


def real_series(campaign: Campaign, region: str | None,
                periods: list[str]) -> list[float | None] | None:
    """Return the real homicide rate (per 100,000 a year) for each period, or None if unknown."""
    values = [history_data.homicide_rate(campaign.scenario, region, period) for period in periods]
    return values if any(v is not None for v in values) else None
