"""Levers: what the active interventions set this quarter, as arrays the mechanisms read."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.content.schema import NATIONAL_LEVERS, REGIONAL_LEVERS, ContentPack
from game.sim.state import Array, State

REGIONAL_INDEX = {name: i for i, name in enumerate(REGIONAL_LEVERS)}
NATIONAL_INDEX = {name: i for i, name in enumerate(NATIONAL_LEVERS)}


@dataclass
class Levers:
    """Lever values for this quarter: regional (runs, regions, levers), national (runs, levers)."""

    regional: Array
    national: Array

    def local(self, name: str) -> Array:
        """Return one regional lever, shaped (runs, regions)."""
        return self.regional[:, :, REGIONAL_INDEX[name]]

    def national_lever(self, name: str) -> Array:
        """Return one national lever, shaped (runs, 1) so it broadcasts over regions."""
        return self.national[:, NATIONAL_INDEX[name], None]


def build_levers(pack: ContentPack, state: State, n_regions: int, turn: int) -> Levers:
    """Sum the effects of every intervention active on `turn` into lever arrays."""
    runs = state.runs
    regional = np.zeros((runs, n_regions, len(REGIONAL_LEVERS)))
    national = np.zeros((runs, len(NATIONAL_LEVERS)))
    for item in state.agenda:
        if not item.active_on(turn):
            continue
        action = pack.interventions[item.action]
        weight = item.runs.astype(np.float64)
        for lever, amount in action.regional_effects.items():
            regional[:, item.region, REGIONAL_INDEX[lever]] += weight * amount
        for national_lever, amount in action.national_effects.items():
            national[:, NATIONAL_INDEX[national_lever]] += weight * amount
    return Levers(regional=regional, national=national)
