"""The players' verbs as the screens give them: each a command for `Campaign.execute` (and
what a card costs where, for lists of cards)."""

from __future__ import annotations

from game.sim.commands import (
    AnswerDilemma,
    Command,
    EnactIntervention,
    Impossible,
    RepealIntervention,
    money_for_people,
)

__all__ = ["AnswerDilemma", "Command", "EnactIntervention", "Impossible", "RepealIntervention",
           "money_for_people"]
