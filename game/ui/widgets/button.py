"""A button that draws its hovered, pressed and focused looks the first time they show.

pygame_gui draws a new button's normal look at once and then, one per frame, its hovered,
selected and active looks ahead of time (its disabled look it draws only when needed). The
screens build dozens of buttons after every click, so the frames that follow each redrew
three looks per button, though a player hovers one or two of them. pygame_gui already draws a
look on demand when it is asked for one not yet drawn (`DrawableShape.set_active_state`), so
this button leaves every look but the normal one to that: the same pixels, drawn only when
shown. `tests/ui/test_widget_speedups.py` compares them with pygame_gui's own button.
"""

from __future__ import annotations

from pygame_gui.elements import UIButton

DRAWN_AHEAD = frozenset({"normal"})
"""The looks drawn when the button is built (the others when they first show)."""


class Button(UIButton):
    """pygame_gui's button, drawing a look other than the normal one only when it shows."""

    def rebuild(self) -> None:
        """Build the button as pygame_gui does, then drop its queue of looks drawn ahead."""
        super().rebuild()
        shape = self.drawable_shape
        if shape is None:
            return
        for state_id, state in shape.states.items():
            state.should_auto_pregen = state_id in DRAWN_AHEAD
        shape.states_to_redraw_queue = type(shape.states_to_redraw_queue)(
            s for s in shape.states_to_redraw_queue if s in DRAWN_AHEAD)
