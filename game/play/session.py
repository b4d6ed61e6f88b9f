"""The game a player (or a table of players) is playing: the campaign and what goes with it.

A `GameSession` is typed and headless: the campaign, the workshop it belongs to (if any),
the player's or team's name, their predictions, whose seat is planning, the round timer.
Screens read it and change it only through its methods and the turn flow (`flow.py`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from game.content.loader import workshop_actions
from game.content.schema import Role, Workshop
from game.play.campaign import Campaign
from game.play.predictions import Direction, Prediction, score_predictions
from game.play.scope import scope_regions, scope_turn

Seat = tuple[Role, str | None]


@dataclass
class GameSession:
    """One game being played, with its workshop, players, predictions and timer."""

    campaign: Campaign
    workshop: Workshop | None = None
    workshop_code: str = ""
    player: str = ""
    predictions_wanted: bool = False
    """Ask for predictions each quarter (a workshop's setting overrides the player's)."""
    predictions: list[Prediction] = field(default_factory=list)
    seat: int = 0
    """The hot-seat player now planning (0: federal, or the only player)."""
    clock: Callable[[], float] = time.monotonic
    _baseline: Campaign | None = None
    _round_turn: int = -1
    _round_started: float = 0.0

    # ---- the game's rules beyond the campaign -------------------------------------------

    @property
    def turns(self) -> int:
        """Quarters this game lasts: the workshop's length, or the role's term."""
        return self.campaign.term_turns

    @property
    def over(self) -> bool:
        """Whether every quarter of this game has been played."""
        return self.campaign.turn >= self.turns

    def enabled_actions(self) -> set[str] | None:
        """Interventions this game allows (a workshop's list), or None for all of them."""
        if self.workshop is None:
            return None
        return set(workshop_actions(self.workshop, self.campaign.pack))

    @property
    def predictions_on(self) -> bool:
        """Whether players predict each quarter: the workshop says, else the settings."""
        if self.workshop is not None:
            return bool(self.workshop.predictions)
        return self.predictions_wanted

    @property
    def seats(self) -> list[Seat]:
        """(role, city) of each player at the table, in playing order."""
        return self.campaign.seats

    @property
    def hot_seat(self) -> bool:
        """Whether several players share this game (federal and mayors)."""
        return len(self.seats) > 1

    @property
    def last_seat(self) -> bool:
        """Whether the player now planning is the last one before the quarter resolves."""
        return self.seat >= len(self.seats) - 1

    # ---- timer --------------------------------------------------------------------------

    def timer_seconds(self) -> float | None:
        """The round timer in seconds (a workshop's), or None."""
        minutes = self.workshop.timer_minutes if self.workshop is not None else None
        return float(minutes) * 60.0 if minutes else None

    def time_left(self) -> float | None:
        """Seconds left on this quarter's round timer (negative once past), or None."""
        total = self.timer_seconds()
        if total is None:
            return None
        if self._round_turn != self.campaign.turn:
            self._round_turn = self.campaign.turn
            self._round_started = self.clock()
        return total - (self.clock() - self._round_started)

    # ---- predictions ----------------------------------------------------------------------

    def predicted(self, turn: int) -> Prediction | None:
        """The prediction made for a turn, if any."""
        return next((p for p in self.predictions if p.turn == turn), None)

    def predict(self, violence: Direction, legitimacy: Direction) -> None:
        """Store the prediction for the quarter about to resolve (replacing an earlier one)."""
        turn = self.campaign.turn + 1
        self.predictions = [p for p in self.predictions if p.turn != turn]
        self.predictions.append(Prediction(turn, violence, legitimacy))

    def scored_predictions(self) -> list[dict[str, Any]]:
        """Each prediction of a played turn with the outcome and whether it was right."""
        c = self.campaign
        made = [p for p in self.predictions if 1 <= p.turn <= c.turn]
        if not made:
            return []
        scope = scope_regions(c)
        turns = [scope_turn(c, r.regions, r.national, scope) for r in c.records]
        return score_predictions(c, made, turns)

    # ---- the same world with no new policy --------------------------------------------------

    def baseline(self) -> Campaign:
        """The same world and seed with no new policy, played as far as this game (cached)."""
        if self._baseline is None or self._baseline.turn < self.campaign.turn:
            self._baseline = self.campaign.baseline()
        return self._baseline

    # ---- what a save keeps beside the campaign ---------------------------------------------

    def extras(self) -> dict[str, Any]:
        """What a save keeps of this session beyond the campaign's own log (JSON only); what
        the campaign itself keeps there (the path it branched from) goes along."""
        own = {
            "workshop_code": self.workshop_code,
            "player": self.player,
            "predictions": [[p.turn, p.violence, p.legitimacy] for p in self.predictions],
        }
        return {**{k: v for k, v in self.campaign.extras.items() if k not in own}, **own}

    def on_new_path(self, campaign: Campaign, turn: int) -> GameSession:
        """The same table on another path of its world, from quarter `turn` (a game gone back):
        the workshop, the team and the predictions made before that quarter go with it."""
        return GameSession(campaign, workshop=self.workshop, workshop_code=self.workshop_code,
                           player=self.player, predictions_wanted=self.predictions_wanted,
                           predictions=[p for p in self.predictions if p.turn < turn])

    @classmethod
    def restored(cls, campaign: Campaign, extras: dict[str, Any],
                 workshop_of: Callable[[str], Workshop | None]) -> GameSession:
        """A session for a loaded campaign, with what its save kept (what can still be read).

        `workshop_of` turns a saved workshop code back into its workshop (None if it no
        longer reads: the game goes on without it).
        """
        session = cls(campaign)
        code = extras.get("workshop_code")
        if isinstance(code, str) and code:
            session.workshop = workshop_of(code)
            session.workshop_code = code if session.workshop is not None else ""
        player = extras.get("player")
        session.player = player if isinstance(player, str) else ""
        saved = extras.get("predictions")
        for item in saved if isinstance(saved, list) else []:
            if (isinstance(item, list) and len(item) == 3 and isinstance(item[0], int)
                    and not isinstance(item[0], bool) and 1 <= item[0] <= campaign.turn + 1
                    and item[1] in ("rise", "fall") and item[2] in ("rise", "fall")):
                session.predictions.append(Prediction(item[0], item[1], item[2]))
        return session
