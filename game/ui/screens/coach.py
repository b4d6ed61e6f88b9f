"""Coach marks: a guided first quarter that points at the map, a card, the headline
measures and End quarter (and, after it, at the Why?), one short note at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import pygame

from game.ui import theme
from game.ui.screen import DIM, Plate, Pop, Transition
from game.ui.screens.modal import ModalScreen

if TYPE_CHECKING:
    from game.ui.app import App

MAIN_STEPS = ("map", "measures", "card", "end")
"""The guided first quarter on the main screen, in order."""
RESULTS_STEPS = ("decisions", "why")
"""After the first quarter, on the results screen."""
BUBBLE_W = 380.0


class CoachHost(Protocol):
    """A screen the coach can point into: where each step's target is, in window pixels."""

    def coach_targets(self) -> dict[str, pygame.Rect]:
        """Each step's target."""


class CoachScreen(ModalScreen):
    """One coach mark at a time over the host screen: the rest dimmed, the target outlined,
    a note beside it with Next and Skip. Enter goes on, Esc skips the tour."""

    name = "coach"
    veil = False

    def __init__(self, app: App, host: CoachHost, steps: tuple[str, ...] = MAIN_STEPS) -> None:
        super().__init__(app)
        self.host = host
        self.steps = [s for s in steps if s in host.coach_targets()]
        self.step = 0
        self.target = pygame.Rect(0, 0, 0, 0)
        self.bubble = pygame.Rect(0, 0, 0, 0)

    @property
    def current(self) -> str:
        """The step shown."""
        return self.steps[min(self.step, len(self.steps) - 1)]

    def layout(self) -> None:
        """The veil around the target, and the note beside it."""
        if not self.steps:
            return
        s = self.app.scale
        size = self.app.window.get_size()
        target = self.host.coach_targets()[self.current].inflate(round(8 * s), round(8 * s))
        self.target = target.clip(pygame.Rect((0, 0), size))
        t = self.target
        for rect in (pygame.Rect(0, 0, size[0], t.top), pygame.Rect(0, t.bottom, size[0],
                                                                     size[1] - t.bottom),
                     pygame.Rect(0, t.top, t.left, t.h),
                     pygame.Rect(t.right, t.top, size[0] - t.right, t.h)):
            if rect.w > 0 and rect.h > 0:
                Plate(rect, self.app.manager, self.root, DIM, starting_height=0)
        title = self.t(f"ui.coach.{self.current}.title")
        body = self.t(f"ui.coach.{self.current}.text")
        from game.ui import draw

        w = min(BUBBLE_W, self.width - 40)
        lines = len(draw.wrap(body, theme.font(round(15 * s)), round((w - 40) * s)))
        h = 60 + 24 * lines + 8 + 60
        self.bubble = self._place(w * s, h * s)
        bx, by = self.bubble.x / s, self.bubble.y / s
        box = self.plate(self.R(bx, by, w, h), theme.PANEL, theme.FOCUS, width=3, radius=8,
                         height=2)
        self.label(self.R(20, 12, w - 120, 28), self.fitted(w - 120, "@subheading", title,
                                                             self.t("ui.coach.title_short")),
                   "@subheading", box)
        self.label(self.R(w - 100, 14, 80, 24),
                   self.fitted(80, "@muted_right",
                               self.t("ui.common.page", page=self.step + 1, pages=len(self.steps)),
                               self.t("ui.common.page_short", page=self.step + 1,
                                      pages=len(self.steps))), "@muted_right", box)
        self.text(self.R(16, 44, w - 32, 24 * lines + 12), body, None, box)
        last = self.step >= len(self.steps) - 1
        self.button(self.R(w - 180, h - 56, 160, 42),
                    self.t("ui.coach.done" if last else "ui.common.next"), self.next_step,
                    cls="@primary", container=box)
        self.button(self.R(20, h - 56, 150, 42), self.t("ui.coach.skip"), self.skip,
                    container=box)
        self.focus.restore(0)

    def _place(self, w: float, h: float) -> pygame.Rect:
        """The note's box beside the target: right, left, below, above, or centred."""
        size = self.app.window.get_size()
        gap = round(14 * self.app.scale)
        t = self.target
        screen = pygame.Rect((0, 0), size).inflate(-2 * gap, -2 * gap)
        candidates = [
            pygame.Rect(t.right + gap, t.top, w, h), pygame.Rect(t.left - gap - w, t.top, w, h),
            pygame.Rect(t.left, t.bottom + gap, w, h), pygame.Rect(t.left, t.top - gap - h, w, h),
        ]
        for box in candidates:
            moved = box.clamp(screen)
            if screen.contains(moved) and not moved.colliderect(t):
                return moved
        return pygame.Rect(0, 0, round(w), round(h)).clamp(screen).move(
            (size[0] - w) / 2 - gap, (size[1] - h) / 2 - gap).clamp(screen)

    def draw(self, surface: pygame.Surface) -> None:
        """The orange outline around the target and a line to the note."""
        width = max(3, round(3 * self.app.scale))
        pygame.draw.rect(surface, theme.FOCUS, self.target, width=width,
                         border_radius=round(6 * self.app.scale))
        start, end = self.target.center, self.bubble.center
        clip_target = self.target.clipline(start, end)
        clip_bubble = self.bubble.clipline(start, end)
        if clip_target and clip_bubble:
            pygame.draw.line(surface, theme.FOCUS, clip_target[1], clip_bubble[0], width)

    def next_step(self) -> Transition:
        """The next mark, or close after the last."""
        if self.step >= len(self.steps) - 1:
            return self.finish()
        self.step += 1
        self.rebuild()
        self.focus.restore(0)
        return None

    def finish(self) -> Transition:
        """Close the tour and remember it was seen (the results screen shows its part)."""
        session = self.app.session
        if self.steps and self.steps[0] == MAIN_STEPS[0]:
            session.coach_pending = False
            session.coach_results = True
        else:
            session.coach_results = False
            self.app.settings.seen_coach = True
            self.app.save_settings()
        return Pop()

    def skip(self) -> Transition:
        """Skip the rest of the tour."""
        session = self.app.session
        session.coach_pending = False
        session.coach_results = False
        self.app.settings.seen_coach = True
        self.app.save_settings()
        return Pop()

    def back(self) -> Transition:
        """Esc skips the tour."""
        return self.skip()
