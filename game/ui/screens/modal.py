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

    def _fitted_size(self) -> tuple[float, float]:
        """The dialog's size in layout units, leaving a margin of 20 around it in the window."""
        w, h = self.dialog_size
        return min(w, self.width - 40), min(h, self.height - 40)

    def dialog(self) -> UIContainer:
        """Create the centred dialog box; its inner area is (0, 0, w, h) in layout units."""
        w, h = self._fitted_size()
        x = (self.width - w) / 2
        y = (self.height - h) / 2
        return self.plate(self.R(x, y, w, h), theme.PANEL, theme.ACCENT, width=2, radius=8,
                          height=2)

    def dialog_rect(self) -> pygame.Rect:
        """Return the dialog's size in layout units as a rect at the origin."""
        w, h = self._fitted_size()
        return pygame.Rect(0, 0, round(w), round(h))
