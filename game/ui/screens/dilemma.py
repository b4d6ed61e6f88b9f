"""A dilemma: the situation and each choice with its trade-off, answered before the quarter ends."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.play.commands import AnswerDilemma
from game.ui import draw, theme
from game.ui.screen import Pop, Transition
from game.ui.screens.modal import ModalScreen

if TYPE_CHECKING:
    from game.play.registry import Dilemma
    from game.ui.app import App


class DilemmaScreen(ModalScreen):
    """A modal that cannot be dismissed without choosing (Esc takes the default answer)."""

    name = "dilemma"
    dialog_size = (780, 560)

    def __init__(self, app: App, dilemma: Dilemma) -> None:
        super().__init__(app)
        self.dilemma = dilemma

    def layout(self) -> None:
        """Build the situation and one button per choice with its trade-off beside it."""
        t = self.t
        d = self.dilemma
        where = t(f"region.{d.region}") if d.region else t("ui.action.national")
        place = {"region": t(f"region.{d.region}") if d.region else where}
        choices = list(d.choices)
        # Size the dialog to its text (no empty band) and the buttons to the longest choice.
        ids = [str(getattr(c, "id", c)) for c in choices]
        names = [f"{i + 1}. " + t(f"event.{d.event_id}.choice.{cid}.name")
                 for i, cid in enumerate(ids)]
        button_w = min(380.0, max(230.0, max((theme.font(16, True).size(n)[0] for n in names),
                                             default=0) + 36.0))
        lines = len(draw.wrap(t(f"event.{d.event_id}.text", **place), theme.font(15), 780 - 56))
        text_h = max(60.0, 26.0 * lines + 14)
        self.dialog_size = (780, round(min(self.height - 40, 96 + text_h + 10 + 96 * len(choices))))
        box = self.dialog()
        r = self.dialog_rect()
        self.label(self.R(24, 14, r.w - 48, 24), t("ui.dilemma.kicker", where=where), "@muted",
                   box)
        self.label(self.R(24, 38, r.w - 48, 36), t(f"event.{d.event_id}.title", **place),
                   "@heading", box)
        text_h = r.h - 96 - 96 * len(choices)
        self.text(self.R(20, 78, r.w - 40, max(80, text_h)),
                  html.escape(t(f"event.{d.event_id}.text", **place)), None, box)
        y = r.h - 12 - 96 * len(choices)
        for i, choice in enumerate(choices):
            cid = getattr(choice, "id", choice)
            name = t(f"event.{d.event_id}.choice.{cid}.name")
            self.button(self.R(24, y, button_w, 44), f"{i + 1}. {name}", self._answer(str(cid)),
                        cls="@primary" if cid == d.default else None, container=box,
                        tip=t(f"event.{d.event_id}.choice.{cid}.tradeoff", **place))
            tradeoff = t(f"event.{d.event_id}.choice.{cid}.tradeoff", **place)
            self.text(self.R(34 + button_w, y - 6, r.w - 58 - button_w, 88),
                      html.escape(tradeoff), "@small", box)
            y += 96
        self.focus.restore(0)

    def _answer(self, choice: str) -> Callable[[], Transition]:
        """Action answering the dilemma."""
        def act() -> Transition:
            d = self.dilemma
            self.game.campaign.execute(AnswerDilemma(d.event_id, choice, d.region))
            return Pop("answered")
        return act

    def on_key(self, event: pygame.event.Event) -> Transition:
        """Number keys pick a choice."""
        index = event.key - pygame.K_1
        choices = list(self.dilemma.choices)
        if 0 <= index < len(choices):
            return self._answer(str(getattr(choices[index], "id", choices[index])))()
        return None

    def back(self) -> Transition:
        """Esc does not dismiss a dilemma: the player must choose."""
        return None
