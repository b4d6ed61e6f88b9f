"""Headlines written from a quarter's events and numbers, as messages (one run)."""

from __future__ import annotations

import numpy as np

from game.core.i18n import Message
from game.sim.model import TurnResult
from game.sim.state import World

MAX_HEADLINES = 5
SURGE_PERCENT = 15.0
"""A region's killings make news when they move this much (percent) from last quarter..."""
SURGE_COUNT = 10.0
"""...and by at least this many people."""
ATTACKS_NEWS = 5.0
"""Showy attacks in a quarter that make a headline."""
ABUSES_NEWS = 20.0
"""Abuse complaints in a quarter that make a headline."""
KIDNAPPINGS_NEWS = 25.0
"""Kidnappings in a quarter that make a headline."""
APPROVAL_NEWS = 0.02
"""A change in national approval (share) that makes a headline."""
EVENT_WEIGHT, APPROVAL_WEIGHT, ATTACK_WEIGHT = 1000.0, 500.0, 5.0
"""How headlines rank: events first, then approval, then attacks (weighted by count)."""


def headlines(world: World, result: TurnResult, previous: TurnResult | None, run: int = 0
              ) -> list[Message]:
    """Pick the quarter's most newsworthy facts for one run, most important first."""
    items: list[tuple[float, Message]] = []
    for record in result.events:
        if record.runs[run] and record.choice is None:
            region = f"@region.{world.region_ids[record.region]}"
            items.append((EVENT_WEIGHT, Message(f"event.{record.event_id}.headline",
                                                {"region": region})))
    homicides = result.regions["homicides"][run]
    before = (previous.regions["homicides"][run] if previous is not None
              else homicides)
    for i, rid in enumerate(world.region_ids):
        region = f"@region.{rid}"
        change = (homicides[i] - before[i]) / max(before[i], 1.0) * 100
        if abs(change) >= SURGE_PERCENT and abs(homicides[i] - before[i]) >= SURGE_COUNT:
            key = "news.violence_up" if change > 0 else "news.violence_down"
            items.append((abs(homicides[i] - before[i]), Message(
                key, {"region": region, "count": int(homicides[i]), "change": round(abs(change))})))
        attacks = result.regions["visible_attacks"][run, i]
        if attacks >= ATTACKS_NEWS:
            items.append((attacks * ATTACK_WEIGHT, Message("news.attacks", {"region": region,
                                                                "count": int(attacks)})))
        abuses = result.regions["abuses"][run, i]
        if abuses >= ABUSES_NEWS:
            items.append((abuses, Message("news.abuses", {"region": region, "count": int(abuses)})))
        kidnappings = result.regions["kidnappings"][run, i]
        if kidnappings >= KIDNAPPINGS_NEWS:
            items.append((kidnappings, Message("news.kidnappings",
                                               {"region": region, "count": int(kidnappings)})))
    approval = float(result.national["approval"][run])
    if previous is not None:
        delta = approval - float(previous.national["approval"][run])
        if abs(delta) >= APPROVAL_NEWS:
            key = "news.approval_up" if delta > 0 else "news.approval_down"
            items.append((APPROVAL_WEIGHT, Message(key, {"value": round(approval * 100)})))
    if world.n_regions > 1:
        total = float(np.sum(homicides))
        items.append((1.0, Message("news.national_total", {"count": int(total)})))
    if not items:
        items.append((0.0, Message("news.quiet")))
    items.sort(key=lambda pair: -pair[0])
    return [message for _, message in items[:MAX_HEADLINES]]
