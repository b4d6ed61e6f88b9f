"""Prediction prompt: before a quarter resolves, will violence and trust rise or fall?"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.ui.screen import Pop, Transition
from game.ui.screens.modal import ModalScreen

if TYPE_CHECKING:
    from game.play.predictions import Direction
    from game.ui.app import App

QUESTIONS = ("violence", "legitimacy")
ANSWERS: tuple[Direction, ...] = ("rise", "fall")


class PredictionScreen(ModalScreen):
    """Two rise/fall questions; Predict stores them, Skip (or Esc) resolves without one."""

    name = "prediction"
    dialog_size = (640, 344)

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.answers: dict[str, Direction] = {}

    def layout(self) -> None:
        """Build the two questions with their answer buttons, then Skip and Predict."""
        t = self.t
        box = self.dialog()
        r = self.dialog_rect()
        c = self.game.campaign
        self.label(self.R(24, 14, r.w - 48, 36),
                   t("ui.predict.title", period=self.period(c.period())), "@heading", box)
        self.label(self.R(24, 52, r.w - 48, 24), t("ui.predict.intro"), "@muted", box)
        y = 92.0
        for question in QUESTIONS:
            self.label(self.R(24, y, r.w - 48, 28), t(f"ui.predict.{question}"), "@bold", box)
            x = 24.0
            for answer in ANSWERS:
                chosen = self.answers.get(question) == answer
                self.button(self.R(x, y + 32, 200, 42), t(f"ui.predict.{answer}"),
                            self._choose(question, answer), container=box,
                            cls="@primary" if chosen else None,
                            tip=t(f"ui.predict.{question}_tip"))
                x += 210
            y += 96
        self.button(self.R(24, r.h - 62, 200, 42), t("ui.predict.skip"), self.skip,
                    container=box, tip=t("ui.predict.skip_tip"))
        self.button(self.R(r.w - 244, r.h - 62, 220, 42), t("ui.predict.confirm"), self.confirm,
                    cls="@primary", container=box, enabled=len(self.answers) == len(QUESTIONS))
        if self.focus.index < 0:
            self.focus.restore(0)

    def _choose(self, question: str, answer: Direction) -> Callable[[], Transition]:
        """Action answering one question."""
        def act() -> Transition:
            self.answers[question] = answer
            self.rebuild()
            return None
        return act

    def confirm(self) -> Transition:
        """Store the prediction and let the quarter resolve."""
        if len(self.answers) < len(QUESTIONS):
            return None
        self.game.predict(self.answers["violence"], self.answers["legitimacy"])
        return Pop("predicted")

    def skip(self) -> Transition:
        """Resolve the quarter without a prediction."""
        return Pop("skipped")

    def back(self) -> Transition:
        """Esc skips."""
        return self.skip()

    def on_key(self, event: pygame.event.Event) -> Transition:
        """R/F answer the question still open (violence first), Enter confirms when both are."""
        if event.key in (pygame.K_r, pygame.K_f):
            open_ = [q for q in QUESTIONS if q not in self.answers] or [QUESTIONS[-1]]
            return self._choose(open_[0], "rise" if event.key == pygame.K_r else "fall")()
        return None
