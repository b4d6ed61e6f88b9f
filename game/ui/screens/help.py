"""The keyboard help overlay (F1 or ?): every shortcut and what it does."""

from __future__ import annotations

from game.ui.keyboard import SHORTCUTS
from game.ui.screen import Pop, Transition
from game.ui.screens.modal import ModalScreen


class HelpScreen(ModalScreen):
    """Lists the keys that work everywhere and on the main screen."""

    name = "help"
    dialog_size = (720, 600)

    def layout(self) -> None:
        """Build the list of shortcuts."""
        box = self.dialog()
        r = self.dialog_rect()
        self.label(self.R(24, 14, r.w - 48, 36), self.t("ui.help.title"), "@heading", box)
        self.label(self.R(24, 50, r.w - 48, 24), self.t("ui.help.intro"), "@muted", box)
        y = 84.0
        for keys, what in SHORTCUTS:
            self.label(self.R(32, y, 190, 28), self.t(keys), "@bold", box)
            self.label(self.R(230, y, r.w - 260, 28), self.t(what), None, box)
            y += 32
        self.button(self.R(r.w - 184, r.h - 60, 160, 42), self.t("ui.common.close"), self.close,
                    cls="@primary", container=box)
        self.focus.restore(0)

    def close(self) -> Transition:
        """Close the overlay."""
        return Pop()
