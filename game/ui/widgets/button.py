"""A button that draws only the looks that show, and reuses a look it has drawn before.

pygame_gui builds a drawable shape for every new button: its normal look drawn at once (a
rounded rectangle and its text), then one per frame its hovered, selected and active looks
ahead of time. The screens build dozens of buttons after every click, mostly the same
buttons as before (a card, a tab, a region), and a player hovers one or two of them. So:

- a look other than the normal one is drawn the first time it shows, as pygame_gui itself
  does when asked for a look not drawn yet (`DrawableShape.set_active_state`);
- a button whose normal look was drawn before (the same size, colours, font, text and
  alignment) shows that picture and builds its drawable shape only when something needs it:
  the pointer over it, a change of state (disabled, selected, pressed), a new text or size
  (not when it is hidden with its screen);
- a button hidden while the pointer is not on it posts no "unhovered" events.

The pixels are pygame_gui's own: `tests/ui/test_widget_speedups.py` compares each look with
pygame_gui's button, before and after a button is built from a remembered look.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import pygame
from pygame_gui.core import UIElement
from pygame_gui.core.utility import translate
from pygame_gui.elements import UIButton

DRAWN_AHEAD = frozenset({"normal"})
"""The looks drawn when the button is built (the others when they first show)."""
REMEMBERED_PIXELS = 2_000_000
"""Pixels of normal looks remembered (8 MB; a screen's buttons are a few hundred thousand)."""

_LOOKS: OrderedDict[Hashable, pygame.Surface] = OrderedDict()
"""Normal looks already drawn, by everything that decides their pixels (see _look_key)."""
_LOOK_PIXELS = [0]
"""Pixels the remembered looks hold."""


def _colour_key(colour: Any) -> Hashable | None:
    """A colour as a key (None for a gradient, whose look is not remembered)."""
    return tuple(colour) if isinstance(colour, pygame.Color) else None


def _remember(key: Hashable, look: pygame.Surface) -> None:
    """Keep a normal look, forgetting the oldest beyond REMEMBERED_PIXELS."""
    _LOOKS[key] = look
    _LOOK_PIXELS[0] += look.get_width() * look.get_height()
    while _LOOK_PIXELS[0] > REMEMBERED_PIXELS and len(_LOOKS) > 1:
        _, old = _LOOKS.popitem(last=False)
        _LOOK_PIXELS[0] -= old.get_width() * old.get_height()


def _shape_first(name: str) -> Callable[..., Any]:
    """pygame_gui's button method `name`, building the drawable shape first (a button showing
    a remembered look has none yet)."""
    parent = getattr(UIButton, name)

    def method(self: Button, *args: Any, **kwargs: Any) -> Any:
        self._realise()
        return parent(self, *args, **kwargs)

    method.__name__ = method.__qualname__ = name
    method.__doc__ = f"pygame_gui's {name}, with the drawable shape built first."
    return method


class Button(UIButton):
    """pygame_gui's button, drawing only the looks that show and reusing drawn ones."""

    _shape_pending = False
    """Showing a remembered normal look; the drawable shape is built when first needed."""

    def _look_key(self) -> Hashable | None:
        """Everything pygame_gui's rebuild draws the normal look from, or None when the look
        is not remembered (gradients, images, sizes fitted to the text, shadows)."""
        if self.dynamic_width or self.dynamic_height or self.shadow_width or any(
                (self.normal_images, self.hovered_images, self.selected_images,
                 self.disabled_images)):
            return None
        colours = tuple((name, _colour_key(colour))
                        for name, colour in sorted(self.colours.items()))
        if any(colour is None for _, colour in colours):
            return None
        border = self.border_width
        return (
            self.shape, self.rect.size, colours,
            tuple(sorted(border.items())) if isinstance(border, dict) else border,
            self.font, translate(self.text, **self.text_kwargs),  # the font itself: kept alive
            self.text_shadow_size, tuple(self.text_shadow_offset),
            self.text_horiz_alignment, self.text_vert_alignment,
            self.text_horiz_alignment_padding, self.text_horiz_alignment_method,
            self.text_vert_alignment_padding, tuple(self.shape_corner_radius),
            repr(self.state_transitions), self.border_overlap,
        )

    def rebuild(self) -> None:
        """Show a remembered normal look, or build the button as pygame_gui does (drawing
        only its normal look now) and remember that look."""
        key = self._look_key() if self.is_enabled else None
        look = _LOOKS.get(key) if key is not None else None
        if look is not None:
            _LOOKS.move_to_end(key)
            self.drawable_shape = None
            self._shape_pending = True
            self._set_image(look)
            return
        self._build_shape()
        shape = self.drawable_shape
        if key is not None and shape is not None and shape.active_state is not None \
                and shape.active_state.state_id == "normal" and shape.states["normal"].generated:
            _remember(key, shape.states["normal"].surface.copy())

    def _build_shape(self) -> None:
        """pygame_gui's rebuild, then drop its queue of looks drawn ahead."""
        self._shape_pending = False
        super().rebuild()
        shape = self.drawable_shape
        if shape is None:
            return
        for state_id, state in shape.states.items():
            state.should_auto_pregen = state_id in DRAWN_AHEAD
        shape.states_to_redraw_queue = type(shape.states_to_redraw_queue)(
            s for s in shape.states_to_redraw_queue if s in DRAWN_AHEAD)

    def _realise(self) -> None:
        """Build the drawable shape now if the button shows a remembered look."""
        if self._shape_pending:
            self._build_shape()

    # Everything below needs the drawable shape: each builds it first, then does as
    # pygame_gui does (disable, enable and unselect only when the look changes).

    def hover_point(self, hover_x: float, hover_y: float) -> bool:
        """Whether a point is over the button (its rounded corners too)."""
        if self._shape_pending and self.rect.collidepoint(hover_x, hover_y):
            self._realise()
        return bool(super().hover_point(hover_x, hover_y))

    def disable(self) -> None:
        """Show the disabled look; clicks do nothing."""
        if self.is_enabled:
            self._realise()
        super().disable()

    def enable(self) -> None:
        """Show the normal look again (a remembered look is enabled already)."""
        if not self.is_enabled:
            self._realise()
        super().enable()

    def unselect(self) -> None:
        """Leave the selected look."""
        if self.is_selected:
            self._realise()
        super().unselect()

    def hide(self) -> None:
        """Hide the button. pygame_gui then handles it as left by the pointer (its look back
        to its state's, its tooltip closed, two "unhovered" events posted), which a button
        the pointer is not on needs none of: a screen covered by another hides all its
        buttons, and each event would go through every element of the next frame."""
        shape = self.drawable_shape
        if self.visible and not self.hovered and self.tool_tip is None and (
                shape is None or shape.active_state is None
                or shape.active_state.state_id == self._get_appropriate_state_name()):
            UIElement.hide(self)
            return
        super().hide()

    # on_unhovered is pygame_gui's own: a button showing a remembered look is in its normal
    # look already (pointing at it builds its shape first), so leaving it builds none.
    on_hovered = _shape_first("on_hovered")
    select = _shape_first("select")
    _set_active = _shape_first("_set_active")
    _set_inactive = _shape_first("_set_inactive")
    set_text = _shape_first("set_text")
    set_dimensions = _shape_first("set_dimensions")
    on_locale_changed = _shape_first("on_locale_changed")
