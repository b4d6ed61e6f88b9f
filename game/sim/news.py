"""Headlines written from a quarter's events and numbers, as messages (one run)."""

from __future__ import annotations

import numpy as np

from game.core.i18n import Message
from game.sim.model import TurnResult
from game.sim.state import World

MAX_HEADLINES = 5


def headlines(world: World, result: TurnResult, previous: TurnResult | None, run: int = 0
              ) -> list[Message]:
    """Pick the quarter's most newsworthy facts for one run, most important first."""
    items: list[tuple[float, Message]] = []
    for record in result.events:
        if record.runs[run] and record.choice is None:
            region = f"@region.{world.region_ids[record.region]}"
            items.append((1000.0, Message(f"event.{record.event_id}.headline", {"region": region})))
    homicides = result.regions["homicides"][run]
    before = (previous.regions["homicides"][run] if previous is not None
              else homicides)
    for i, rid in enumerate(world.region_ids):
        region = f"@region.{rid}"
        change = (homicides[i] - before[i]) / max(before[i], 1.0) * 100
        if abs(change) >= 15 and abs(homicides[i] - before[i]) >= 10:
            key = "news.violence_up" if change > 0 else "news.violence_down"
            items.append((abs(homicides[i] - before[i]), Message(
                key, {"region": region, "count": int(homicides[i]), "change": round(abs(change))})))
        attacks = result.regions["visible_attacks"][run, i]
        if attacks >= 5:
            items.append((attacks * 5, Message("news.attacks", {"region": region,
                                                                "count": int(attacks)})))
        abuses = result.regions["abuses"][run, i]
        if abuses >= 20:
            items.append((abuses, Message("news.abuses", {"region": region, "count": int(abuses)})))
        kidnappings = result.regions["kidnappings"][run, i]
        if kidnappings >= 25:
            items.append((kidnappings, Message("news.kidnappings",
                                               {"region": region, "count": int(kidnappings)})))
    approval = float(result.national["approval"][run])
    if previous is not None:
        delta = approval - float(previous.national["approval"][run])
        if abs(delta) >= 0.02:
            key = "news.approval_up" if delta > 0 else "news.approval_down"
            items.append((500.0, Message(key, {"value": round(approval * 100)})))
    if world.n_regions > 1:
        total = float(np.sum(homicides))
        items.append((1.0, Message("news.national_total", {"count": int(total)})))
    if not items:
        items.append((0.0, Message("news.quiet")))
    items.sort(key=lambda pair: -pair[0])
    return [message for _, message in items[:MAX_HEADLINES]]
