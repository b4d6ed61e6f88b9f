"""A one-line label that draws its text once, as pygame_gui's own label looks.

pygame_gui's UILabel builds a drawable shape in two states (normal and disabled), each with a
text layout, its chunks and a full render, to show one line of text: about 0.5 ms a label,
and a screen has dozens, built again after every click. This label keeps pygame_gui's
element (its theme, layer, container, visibility and the `text` and `font` tests
read) and replaces only the drawing: the text is rendered once, aligned as the theme says,
on a transparent surface (the same words in the same font and colour are drawn once and
kept). And the theme is read once per label class: pygame_gui's label
looks up a dozen values for every new label (font, colours, shadow, alignment), the same for
every label of a class. `tests/ui/test_widget_speedups.py` compares both with pygame_gui's
label.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

import pygame
from pygame_gui.elements import UILabel

THEMED = ("font", "text_colour", "disabled_text_colour", "bg_colour", "text_shadow_colour",
          "text_shadow_size", "text_shadow_offset", "tool_tip_delay", "text_horiz_alignment",
          "text_horiz_alignment_padding", "text_vert_alignment", "text_vert_alignment_padding")
"""What pygame_gui's label reads from its theme (UILabel.rebuild_from_changed_theme_data)."""
REMEMBERED_INK_PIXELS = 2_000_000
"""Pixels of drawn texts remembered (8 MB; a screen's labels hold a few hundred thousand)."""

_INKS: OrderedDict[Hashable, pygame.Surface] = OrderedDict()
"""Texts already drawn, by font, words and colour (a screen built again draws the same)."""
_INK_PIXELS = [0]
"""Pixels the remembered texts hold."""


def _drawn_text(font: Any, text: str, colour: pygame.Color) -> pygame.Surface:
    """The text as the font draws it (premultiplied), drawn once for the same font, words and
    colour: the label only blits it, so one picture serves every label that shows it."""
    key = (font, text, tuple(colour))
    ink = _INKS.get(key)
    if ink is not None:
        _INKS.move_to_end(key)
        return ink
    ink = font.render_premul(text, colour)
    _INKS[key] = ink
    _INK_PIXELS[0] += ink.get_width() * ink.get_height()
    while _INK_PIXELS[0] > REMEMBERED_INK_PIXELS and len(_INKS) > 1:
        _, old = _INKS.popitem(last=False)
        _INK_PIXELS[0] -= old.get_width() * old.get_height()
    return ink


class Label(UILabel):
    """pygame_gui's label with a one-render drawing (same theme, alignment and text)."""

    def rebuild_from_changed_theme_data(self) -> None:
        """Read the theme as pygame_gui's label does, once per theme, locale and ids: every
        label of a class reads the same values, so the next ones take them as they are."""
        remembered = getattr(self.ui_theme, "remembered_theming", None)
        if remembered is None:
            super().rebuild_from_changed_theme_data()
            return
        key = ("label", getattr(self.ui_theme, "_locale", None),
               tuple(self.combined_element_ids))
        values = remembered.get(key)
        if values is None:
            super().rebuild_from_changed_theme_data()
            remembered[key] = {name: getattr(self, name) for name in THEMED}
            return
        changed = False
        for name, value in values.items():
            if getattr(self, name) != value:
                setattr(self, name, value)
                changed = True
        if changed:
            self.rebuild()

    def rebuild(self) -> None:
        """Draw the text on the label's surface: background, theme colour, alignment."""
        size = (max(0, self.rect.w), max(0, self.rect.h))
        surface = pygame.Surface(size, pygame.SRCALPHA, 32)
        background = self.bg_colour
        if isinstance(background, pygame.Color) and background.a:
            surface.fill(pygame.Color(background).premul_alpha())
        colour = self.text_colour if self.is_enabled else self.disabled_text_colour
        if self.text and self.font is not None and isinstance(colour, pygame.Color) \
                and size[0] > 0 and size[1] > 0:
            ink = _drawn_text(self.font, self.text, colour)
            surface.blit(ink, self._text_position(ink.get_size()),
                         special_flags=pygame.BLEND_PREMULTIPLIED)
        self.drawable_shape = None
        self._set_image(surface)

    def _text_position(self, text_size: tuple[int, int]) -> tuple[int, int]:
        """Where the text goes: the theme's horizontal alignment and padding, centred
        vertically (centres rounded as pygame's rectangles round them)."""
        w, h = text_size
        pad = int(self.text_horiz_alignment_padding)
        if self.text_horiz_alignment == "left":
            x = pad
        elif self.text_horiz_alignment == "right":
            x = self.rect.w - w - pad
        else:
            x = self.rect.w // 2 - w // 2
        return x, (self.rect.h - h) // 2

    def set_text(self, text: str, *, text_kwargs: dict[str, str] | None = None) -> None:
        """Show another text (drawn again only when it changed)."""
        if text != self.text:
            self.text = text
            self.rebuild()

    def disable(self) -> None:
        """Show the text in the theme's disabled colour."""
        if self.is_enabled:
            self.is_enabled = False
            self.rebuild()

    def enable(self) -> None:
        """Show the text in its normal colour again."""
        if not self.is_enabled:
            self.is_enabled = True
            self.rebuild()
