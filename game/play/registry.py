"""What the model reports and the causes it names, for the screens (which never import sim)."""

from __future__ import annotations

from game.sim.causes import CAUSES, Cause, CauseGroup, findings_of
from game.sim.commands import Dilemma, Impossible
from game.sim.indicators import (
    BY_ID,
    KEPT_INDICATORS,
    NATIONAL_INDICATORS,
    PANEL_INDICATORS,
    REGION_INDICATORS,
    REGISTRY,
    WHY_INDICATORS,
    Indicator,
    indicator,
)

__all__ = [
    "BY_ID", "CAUSES", "KEPT_INDICATORS", "NATIONAL_INDICATORS", "PANEL_INDICATORS",
    "REGION_INDICATORS", "REGISTRY",
    "WHY_INDICATORS", "Cause", "CauseGroup", "Dilemma", "Impossible", "Indicator", "findings_of",
    "indicator",
]
