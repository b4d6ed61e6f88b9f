"""A text box that lays out at full width only a text not known to need its scroll bar.

pygame_gui's UITextBox lays out its text (parsed, wrapped into rows, each row drawn) at the
box's width, and when it does not fit, lays it all out again, narrower by the scroll bar.
The screens are built again after every click, with the same texts in the same boxes, so a
text that overflowed its box before will overflow it again: this box then only feeds the
text to its parser (whose state is then what pygame_gui's first layout leaves) and goes
straight to the narrower layout with its scroll bar. Whether a text overflows is
remembered by everything that decides it (the theme, the box's ids and flags, the text
and the room it has). The pixels, the layout and the scroll bar are pygame_gui's own:
`tests/ui/test_widget_speedups.py` compares them.
"""

from __future__ import annotations

import html
from collections.abc import Hashable

import pygame
from pygame_gui.core.utility import translate
from pygame_gui.elements import UITextBox

REMEMBERED_OVERFLOWS = 4_096
"""Texts known to overflow their box that one theme remembers before it forgets them all."""


class _Overflowing:
    """Stands in for the full-width layout of a text known not to fit its box: pygame_gui's
    rebuild reads only its height, to decide that the text needs a scroll bar."""

    layout_rect = pygame.Rect(0, 0, 1, 2 ** 30)


class TextBox(UITextBox):
    """pygame_gui's text box, skipping the full-width layout of a text known to overflow."""

    _full_width_layout = False
    """Inside rebuild, before its first layout (the one at the box's full width)."""

    def rebuild(self) -> None:
        """pygame_gui's rebuild, whose first layout may be skipped (see the module)."""
        self._full_width_layout = True
        try:
            super().rebuild()
        finally:
            self._full_width_layout = False

    def parse_html_into_style_data(self) -> None:
        """Lay out the text, unless this is the full-width layout of a text known to overflow:
        then only feed it to the parser."""
        if not self._full_width_layout:
            super().parse_html_into_style_data()
            return
        self._full_width_layout = False
        known = self._known_overflows()
        key = self._overflow_key()
        if known is None or key is None:
            super().parse_html_into_style_data()
        elif key in known:
            self._feed_parser()
            self.text_box_layout = _Overflowing()  # type: ignore[assignment]
        else:
            super().parse_html_into_style_data()
            layout = self.text_box_layout
            if layout is not None and layout.layout_rect.height > self.text_wrap_rect[3]:
                if len(known) >= REMEMBERED_OVERFLOWS:
                    known.clear()
                known.add(key)

    def _feed_input(self) -> str:
        """The text pygame_gui's parse feeds its parser (the same steps)."""
        if len(self.html_text) == 0 and self.placeholder_text is not None \
                and not self.is_focused:
            feed_input = self.placeholder_text
        else:
            feed_input = self.html_text
        if self.plain_text_display_only:
            feed_input = html.escape(feed_input)
        return str(self._pre_parse_text(translate(feed_input, **self.text_kwargs)
                                        + self.appended_text))

    def _feed_parser(self) -> None:
        """What pygame_gui's parse does to its parser, without the layout it then makes."""
        if self.parser is not None:
            self.parser.feed(self._feed_input())
            self.parser.empty_layout_queue()

    def _known_overflows(self) -> set[Hashable] | None:
        """The theme's texts known to overflow their boxes (widget_speedups.RememberingTheme;
        None for a theme of pygame_gui's own, which remembers nothing)."""
        known = getattr(self.ui_theme, "overflowing_texts", None)
        return known if isinstance(known, set) else None

    def _overflow_key(self) -> Hashable | None:
        """Everything the full-width layout's height and the room for it depend on, or None
        for a box that grows with its text (its layout is always needed)."""
        if self.dynamic_height or self.dynamic_width or self.parser is None:
            return None
        return (tuple(self.combined_element_ids), self._feed_input(),
                tuple(self.text_wrap_rect.size), self.line_spacing, self.allow_split_dashes,
                repr(self.link_style), getattr(self.parser, "default_style", {}).get("direction"))
