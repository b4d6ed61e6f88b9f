"""The hook for real homicide series shown beside the model's, labelled as history."""

from __future__ import annotations

from typing import Any


def real_series(campaign: Any, region: str | None, periods: list[str]) -> list[float | None] | None:
    """Return the real homicide rate (per 100,000 a year) for each period, or None if unknown.

    Uses `game.history_data.homicide_rate(scenario_id, region_id_or_None, period)` when that
    module exists; any failure means "no history to show", never an error.
    """
    try:
        from game import history_data  # type: ignore[attr-defined]
    except ImportError:
        return None
    lookup = getattr(history_data, "homicide_rate", None)
    if lookup is None:
        return None
    try:
        values = [lookup(campaign.scenario_id, region, period) for period in periods]
    except Exception:
        return None
    clean = [float(v) if isinstance(v, int | float) else None for v in values]
    return clean if any(v is not None for v in clean) else None
