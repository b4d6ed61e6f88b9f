"""Headlines written from a quarter's events and numbers, as messages (one run).

Each headline is a message id with its parameters; the catalogs write it as news (people,
places, a quote from an invented official in `ID.dek`), in one of VARIANTS wordings chosen
from the quarter and the place, so the same kind of news does not read the same every
quarter. No randomness is drawn: the choice never touches the run's generator.
"""

from __future__ import annotations

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
"""A change in approval (share) that makes a headline."""
EVENT_WEIGHT, APPROVAL_WEIGHT, ATTACK_WEIGHT = 1000.0, 500.0, 5.0
"""How headlines rank: events first, then approval, then attacks (weighted by count)."""
VARIANTS = 3
"""Wordings of each kind of headline in the catalogs (`news.KIND.1` ... `news.KIND.3`)."""
MIGRANT_WORDINGS: dict[str, tuple[int, ...]] = {"kidnappings": (1,)}
"""Wordings that say the victims are migrants (F10): only where migrants wait (below)."""
MIGRANTS_NEWS = 0.5
"""Migrants waiting in a border region (thousands) for its kidnappings to be told as theirs."""


def _variant(kind: str, turn: int, place: int, skip: tuple[int, ...] = ()) -> str:
    """The message id of one wording of a kind of headline, for a quarter and a place
    (leaving out the wordings in `skip`)."""
    salt = sum(ord(ch) for ch in kind)
    wordings = [n for n in range(1, VARIANTS + 1) if n not in skip]
    return f"news.{kind}.{wordings[(turn * 2 + place + salt) % len(wordings)]}"


def migrants_wait(world: World, result: TurnResult, run: int, region: int) -> bool:
    """Whether migrants wait in a region (a border region with some waiting this quarter)."""
    return bool(world.border[region]) and \
        float(result.regions["migrants"][run, region]) >= MIGRANTS_NEWS


def headlines(world: World, result: TurnResult, previous: TurnResult | None, run: int = 0
              ) -> list[Message]:
    """Pick the quarter's most newsworthy facts for one run, most important first."""
    items: list[tuple[float, Message]] = []
    turn = result.turn
    for record in result.events:
        if record.runs[run] and record.choice is None:
            region = f"@region.{world.region_ids[record.region]}"
            items.append((EVENT_WEIGHT, Message(f"event.{record.event_id}.headline",
                                                {"region": region})))
    # Rows as lists: the same numbers, without a numpy scalar for every region and figure.
    homicides = result.regions["homicides"][run].tolist()
    before = (previous.regions["homicides"][run].tolist() if previous is not None
              else homicides)
    attacks_row = result.regions["visible_attacks"][run].tolist()
    abuses_row = result.regions["abuses"][run].tolist()
    kidnappings_row = result.regions["kidnappings"][run].tolist()
    for i, rid in enumerate(world.region_ids):
        region = f"@region.{rid}"
        change = (homicides[i] - before[i]) / max(before[i], 1.0) * 100
        if abs(change) >= SURGE_PERCENT and abs(homicides[i] - before[i]) >= SURGE_COUNT:
            kind = "violence_up" if change > 0 else "violence_down"
            items.append((abs(homicides[i] - before[i]), Message(
                _variant(kind, turn, i),
                {"region": region, "count": int(homicides[i]), "change": round(abs(change))})))
        attacks = attacks_row[i]
        if attacks >= ATTACKS_NEWS:
            items.append((attacks * ATTACK_WEIGHT, Message(
                _variant("attacks", turn, i), {"region": region, "count": int(attacks)})))
        abuses = abuses_row[i]
        if abuses >= ABUSES_NEWS:
            items.append((abuses, Message(_variant("abuses", turn, i),
                                          {"region": region, "count": int(abuses)})))
        kidnappings = kidnappings_row[i]
        if kidnappings >= KIDNAPPINGS_NEWS:
            skip = () if migrants_wait(world, result, run, i) else MIGRANT_WORDINGS["kidnappings"]
            items.append((kidnappings, Message(_variant("kidnappings", turn, i, skip),
                                               {"region": region, "count": int(kidnappings)})))
    items += _approval(world, result, previous, run)
    if not items:
        home = world.player_region if world.player_region is not None else 0
        items.append((0.0, Message(_variant("quiet", turn, home),
                                   {"region": f"@region.{world.region_ids[home]}"})))
    items.sort(key=lambda pair: -pair[0])
    return [message for _, message in items[:MAX_HEADLINES]]


def _approval(world: World, result: TurnResult, previous: TurnResult | None, run: int
              ) -> list[tuple[float, Message]]:
    """The approval that matters to the player: a mayor's own, or the federal government's."""
    if previous is None:
        return []
    city = world.player_region
    if city is not None:
        now = float(result.regions["mayor_approval"][run, city])
        then = float(previous.regions["mayor_approval"][run, city])
        kind = "mayor_up" if now > then else "mayor_down"
        params: dict[str, object] = {"value": round(now * 100),
                                     "region": f"@region.{world.region_ids[city]}"}
    else:
        now = float(result.national["approval"][run])
        then = float(previous.national["approval"][run])
        kind = "approval_up" if now > then else "approval_down"
        params = {"value": round(now * 100)}
    if abs(now - then) < APPROVAL_NEWS:
        return []
    return [(APPROVAL_WEIGHT, Message(_variant(kind, result.turn, city or 0), params))]
