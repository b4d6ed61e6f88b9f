"""Levers: what the active interventions set this quarter, as arrays the mechanisms read."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.content.schema import NATIONAL_LEVERS, REGIONAL_LEVERS, ContentPack
from game.sim.state import Array, State, World

REGIONAL_INDEX = {name: i for i, name in enumerate(REGIONAL_LEVERS)}
FORCE_LEVERS = frozenset({"army", "guard_crime", "federal_support"})
"""Regional levers that put federal forces on the ground (what a withdrawal can pull out)."""
NATIONAL_INDEX = {name: i for i, name in enumerate(NATIONAL_LEVERS)}


@dataclass
class Levers:
    """Lever values for this quarter: regional (runs, regions, levers), national (runs, levers)."""

    regional: Array
    national: Array
    federal_work: Array
    municipal_work: Array

    def local(self, name: str) -> Array:
        """Return one regional lever, shaped (runs, regions)."""
        return self.regional[:, :, REGIONAL_INDEX[name]]

    def national_lever(self, name: str) -> Array:
        """Return one national lever, shaped (runs, 1) so it broadcasts over regions."""
        return self.national[:, NATIONAL_INDEX[name], None]


def build_levers(pack: ContentPack, state: State, world: World, turn: int) -> Levers:
    """Sum the effects of every intervention active on `turn` into lever arrays.

    Also counts, per region, the players' own local work by level of government, which the
    coordination mechanism reads (hot-seat games: federal and municipal players together).
    """
    runs, n_regions = state.runs, world.n_regions
    regional = np.zeros((runs, n_regions, len(REGIONAL_LEVERS)))
    national = np.zeros((runs, len(NATIONAL_LEVERS)))
    work = {"federal": np.zeros((runs, n_regions)), "municipal": np.zeros((runs, n_regions))}
    for item in state.agenda:
        if not item.active_on(turn):
            continue
        action = pack.interventions[item.action]
        weight = item.runs.astype(np.float64)
        if item.region >= 0 and 0 <= item.seat < len(world.seats) and not item.free and (
            "tolerate" not in action.regional_effects
        ):
            work[world.seats[item.seat].role][:, item.region] += weight
        for lever, amount in action.regional_effects.items():
            regional[:, item.region, REGIONAL_INDEX[lever]] += weight * amount
        for national_lever, amount in action.national_effects.items():
            national[:, NATIONAL_INDEX[national_lever]] += weight * amount
    return Levers(regional=regional, national=national, federal_work=work["federal"],
                  municipal_work=work["municipal"])
