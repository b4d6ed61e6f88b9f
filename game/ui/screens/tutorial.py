"""A short first-play tutorial over the main screen, page by page, skippable at any time."""

from __future__ import annotations

from game.ui.screen import Pop, Transition
from game.ui.screens.modal import ModalScreen

PAGES = ("goal", "map", "actions", "turn", "why")


class TutorialScreen(ModalScreen):
    """Five short pages: the goal, the map, the actions, the turn, the Why? panel."""

    name = "tutorial"
    dialog_size = (640, 360)

    def __init__(self, app: object) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.page = 0

    def layout(self) -> None:
        """Build the current page."""
        box = self.dialog()
        r = self.dialog_rect()
        page = PAGES[self.page]
        self.label(self.R(24, 16, r.w - 48, 36), self.t(f"ui.tutorial.{page}.title"), "@heading",
                   box)
        self.label(self.R(r.w - 184, 22, 160, 26),
                   self.t("ui.common.page", page=self.page + 1, pages=len(PAGES)), "@muted", box)
        self.text(self.R(20, 60, r.w - 40, r.h - 134), self.t(f"ui.tutorial.{page}.text"),
                  None, box)
        last = self.page == len(PAGES) - 1
        self.button(self.R(r.w - 204, r.h - 62, 180, 42),
                    self.t("ui.tutorial.play" if last else "ui.common.next"), self.next_page,
                    cls="@primary", container=box)
        self.button(self.R(24, r.h - 62, 180, 42), self.t("ui.tutorial.skip"), self.skip,
                    container=box)
        self.focus.restore(0)

    def next_page(self) -> Transition:
        """Go to the next page, or close after the last."""
        if self.page >= len(PAGES) - 1:
            return self.skip()
        self.page += 1
        self.rebuild()
        self.focus.restore(0)
        return None

    def skip(self) -> Transition:
        """Close the tutorial and remember it was seen."""
        self.app.settings.seen_tutorial = True
        self.app.save_settings()
        return Pop()

    def back(self) -> Transition:
        """Esc skips."""
        return self.skip()
