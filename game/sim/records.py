"""Per-turn records turned into the JSON, CSV and summaries that exports and reports use."""

from __future__ import annotations

from typing import Any

import numpy as np

from game.sim.indicators import BY_ID, NATIONAL_INDICATORS, REGION_INDICATORS
from game.sim.model import TurnResult
from game.sim.state import World


def _number(name: str, value: float) -> float | int:
    """An indicator's value as JSON shows it: whole counts, other values to four decimals."""
    if BY_ID[name].is_count:
        return round(value)
    return round(float(value), 4)


def turn_json(world: World, result: TurnResult, run: int) -> dict[str, Any]:
    """One turn of one run in the shape the command-line contract promises."""
    regions = {
        rid: {name: _number(name, result.regions[name][run, i]) for name in REGION_INDICATORS}
        for i, rid in enumerate(world.region_ids)
    }
    national = {name: _number(name, result.national[name][run]) for name in NATIONAL_INDICATORS}
    why: dict[str, dict[str, dict[str, float]]] = {}
    for indicator, causes in result.why.items():
        per_place: dict[str, dict[str, float]] = {}
        for cause, amount in causes.items():
            if amount.ndim == 1:
                places = [("national", float(amount[run]))]
            else:
                places = [(rid, float(amount[run, i])) for i, rid in enumerate(world.region_ids)]
            for place, value in places:
                if abs(value) > 1e-6:
                    per_place.setdefault(place, {})[cause] = round(value, 4)
        if per_place:
            why[indicator] = per_place
    events = [
        {"id": e.event_id, "region": world.region_ids[e.region], "choice": e.choice}
        for e in result.events if e.runs[run]
    ]
    return {
        "turn": result.turn,
        "period": world.period(result.turn),
        "regions": regions,
        "national": national,
        "events": events,
        "why": why,
    }


def run_summary(world: World, results: list[TurnResult], run: int,
                term: int | None = None) -> dict[str, Any]:
    """Totals and end values of one run, over the term (or all turns if no term is given)."""
    within = [r for r in results if term is None or r.turn <= term]
    if not within:
        return {}
    last = within[-1]

    def total(name: str) -> int:
        return int(sum(r.national[name][run] for r in within))

    years = len(within) / 4
    return {
        "turns": len(within),
        "homicides": total("homicides"),
        "true_homicides": total("true_homicides"),
        "disappearances": total("disappearances"),
        "civilian_deaths": total("civilian_deaths"),
        "visible_attacks": total("visible_attacks"),
        "kidnappings": total("kidnappings"),
        "abuses": total("abuses"),
        "homicide_rate": round(total("homicides") / years / world.population.sum() * 1e5, 2),
        "approval": round(float(last.national["approval"][run]), 4),
        "legitimacy": {rid: round(float(last.regions["legitimacy"][run, i]), 4)
                       for i, rid in enumerate(world.region_ids)},
        "police_integrity": {rid: round(float(last.regions["police_integrity"][run, i]), 4)
                             for i, rid in enumerate(world.region_ids)},
    }


def weighted_legitimacy(world: World, result: TurnResult) -> np.ndarray:
    """Population-weighted mean legitimacy per run."""
    weights = world.population / world.population.sum()
    return np.asarray(result.regions["legitimacy"] @ weights)


def percentiles(values: np.ndarray) -> tuple[float, float, float]:
    """The 10th, 50th and 90th percentiles across runs."""
    p10, p50, p90 = np.percentile(values, [10, 50, 90])
    return float(p10), float(p50), float(p90)
