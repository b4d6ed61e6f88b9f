"""Predictions: before a quarter resolves, the player guesses where violence and trust will go."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from game.play.campaign import Campaign
from game.play.scope import scope_regions, start_values

Direction = Literal["rise", "fall"]


@dataclass(frozen=True)
class Prediction:
    """A player's guess, before a turn resolved, of where violence and legitimacy would go."""

    turn: int
    violence: Direction
    legitimacy: Direction


def check_predictions(campaign: Campaign,
                      predictions: Iterable[Prediction | Mapping[str, Any]]) -> list[Prediction]:
    """Predictions as objects, each for a played turn with rise/fall answers (ValueError if not)."""
    checked = []
    for item in predictions:
        if not isinstance(item, Prediction):
            item = Prediction(int(item["turn"]), item["violence"], item["legitimacy"])
        if not 1 <= item.turn <= campaign.turn:
            raise ValueError(f"prediction for turn {item.turn}, which was not played")
        if item.violence not in ("rise", "fall") or item.legitimacy not in ("rise", "fall"):
            raise ValueError("a prediction answers 'rise' or 'fall'")
        checked.append(item)
    return checked


def score_predictions(campaign: Campaign, predictions: Sequence[Prediction],
                      scope_turns: list[dict[str, float]]) -> list[dict[str, Any]]:
    """Each prediction with what happened that quarter and whether the guess was right."""
    start = start_values(campaign, scope_regions(campaign))
    scored = []
    for item in predictions:
        now = scope_turns[item.turn - 1]
        before = scope_turns[item.turn - 2] if item.turn > 1 else start
        violence: Direction = "rise" if now["homicides"] > before["homicides"] else "fall"
        legitimacy: Direction = "rise" if now["legitimacy"] > before["legitimacy"] else "fall"
        scored.append({
            "turn": item.turn, "violence": item.violence, "legitimacy": item.legitimacy,
            "outcome": {"violence": violence, "legitimacy": legitimacy},
            "right": {"violence": item.violence == violence,
                      "legitimacy": item.legitimacy == legitimacy},
        })
    return scored
