"""The players' verbs as the screens give them: each a command for `Campaign.execute`."""

from __future__ import annotations

from game.sim.commands import (
    AnswerDilemma,
    Command,
    EnactIntervention,
    Impossible,
    RepealIntervention,
)

__all__ = ["AnswerDilemma", "Command", "EnactIntervention", "Impossible", "RepealIntervention"]
