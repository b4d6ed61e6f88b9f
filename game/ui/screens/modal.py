"""A base for dialogs drawn over the screen below: a dimmed backdrop and a centred panel."""

from __future__ import annotations

import pygame
from pygame_gui.core import UIContainer

from game.ui import theme
from game.ui.screen import Screen


class ModalScreen(Screen):
    """A screen shown as a centred dialog over the one below."""

    modal = True
    dialog_size: tuple[float, float] = (640, 400)

    def dialog(self) -> UIContainer:
        """Create the centred dialog box; its inner area is (0, 0, w, h) in layout units."""
        w, h = self.dialog_size
        w = min(w, self.width - 40)
        h = min(h, self.height - 40)
        x = (self.width - w) / 2
        y = (self.height - h) / 2
        self.dialog_box = self.plate(self.R(x, y, w, h), theme.PANEL, theme.ACCENT, width=2,
                                     radius=8, height=2)
        return self.dialog_box

    def dialog_rect(self) -> pygame.Rect:
        """Return the dialog's size in layout units as a rect at the origin."""
        w, h = self.dialog_size
        return pygame.Rect(0, 0, round(min(w, self.width - 40)), round(min(h, self.height - 40)))
