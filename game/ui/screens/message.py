"""A message the player acknowledges: a refused save, a settings problem, a content error."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from game.ui.screen import Pop, Transition
from game.ui.screens.modal import ModalScreen

if TYPE_CHECKING:
    from game.ui.app import App


class MessageScreen(ModalScreen):
    """A dialog with a title, a text and an OK button."""

    name = "message"
    changes_nothing = True
    dialog_size = (620, 320)

    def __init__(self, app: App, text: str, title_key: str = "ui.message.title") -> None:
        super().__init__(app)
        self.message = text
        self.title_key = title_key

    def layout(self) -> None:
        """Build the dialog."""
        box = self.dialog()
        r = self.dialog_rect()
        self.label(self.R(24, 16, r.w - 48, 36), self.t(self.title_key), "@heading", box)
        self.text(self.R(20, 60, r.w - 40, r.h - 130), html.escape(self.message), None, box)
        self.button(self.R(r.w - 184, r.h - 62, 160, 42), self.t("ui.common.ok"), self.close,
                    cls="@primary", container=box)
        self.focus.restore(0)

    def close(self) -> Transition:
        """Close the message."""
        return Pop()
