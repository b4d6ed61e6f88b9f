"""The content note shown on first start: what the game is about and how it treats victims."""

from __future__ import annotations

from game.ui.screen import Pop, Transition
from game.ui.screens.modal import ModalScreen


class ContentNoteScreen(ModalScreen):
    """A short note before playing: the subject, no gore, respect for victims."""

    name = "content_note"
    dialog_size = (680, 420)

    def layout(self) -> None:
        """Build the note."""
        box = self.dialog()
        r = self.dialog_rect()
        self.label(self.R(24, 16, r.w - 48, 36), self.t("ui.note.title"), "@heading", box)
        self.text(self.R(20, 60, r.w - 40, r.h - 136), self.t("ui.note.text"), None, box)
        self.button(self.R(r.w - 244, r.h - 62, 220, 42), self.t("ui.note.accept"), self.accept,
                    cls="@primary", container=box)
        self.focus.restore(0)

    def accept(self) -> Transition:
        """Remember the note was read and close it."""
        self.app.settings.seen_content_note = True
        self.app.save_settings()
        return Pop()

    def back(self) -> Transition:
        """Esc also accepts."""
        return self.accept()
