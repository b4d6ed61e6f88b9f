"""Keyboard focus: an ordered ring of activatable elements moved with Tab and the arrow keys."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pygame

NEXT_KEYS = (pygame.K_DOWN, pygame.K_RIGHT)
PREV_KEYS = (pygame.K_UP, pygame.K_LEFT)
ACTIVATE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)

SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("ui.keys.tab", "ui.help.tab"),
    ("ui.keys.arrows", "ui.help.arrows"),
    ("ui.keys.enter", "ui.help.enter"),
    ("ui.keys.esc", "ui.help.esc"),
    ("ui.keys.help", "ui.help.help"),
    ("ui.keys.fullscreen", "ui.help.fullscreen"),
    ("ui.keys.end_turn", "ui.help.end_turn"),
    ("ui.keys.charts", "ui.help.charts"),
    ("ui.keys.glossary", "ui.help.glossary"),
    ("ui.keys.save", "ui.help.save"),
    ("ui.keys.indicators", "ui.help.indicators"),
    ("ui.keys.briefing", "ui.help.briefing"),
    ("ui.keys.regions", "ui.help.regions"),
    ("ui.keys.choices", "ui.help.choices"),
    ("ui.keys.language", "ui.help.language"),
)
"""Keys listed in the help overlay, with the catalog key of what each does."""


@dataclass
class Focusable:
    """One element the keyboard can reach, with what Enter does and an optional hint."""

    element: Any
    action: Callable[[], Any]
    hint: str = ""


class FocusRing:
    """The elements of one screen in reading order; remembers which one has focus."""

    def __init__(self) -> None:
        self.items: list[Focusable] = []
        self.index: int = -1

    def clear(self) -> None:
        """Forget every element (the screen is being rebuilt)."""
        self.items = []
        self.index = -1

    def add(self, element: Any, action: Callable[[], Any], hint: str = "") -> None:
        """Append an element to the ring."""
        self.items.append(Focusable(element, action, hint))

    def _usable(self, item: Focusable) -> bool:
        """Tell whether an element can take focus (visible and enabled)."""
        element = item.element
        visible = bool(getattr(element, "visible", True))
        return visible and bool(getattr(element, "is_enabled", True))

    @property
    def current(self) -> Focusable | None:
        """Return the focused element, if any."""
        if 0 <= self.index < len(self.items):
            return self.items[self.index]
        return None

    def neighbours(self) -> list[Focusable]:
        """The usable elements Tab and Shift+Tab would move to from the focused one."""
        count = len(self.items)
        found: list[Focusable] = []
        if self.index < 0 or count < 2:
            return found
        for step in (1, -1):
            for offset in range(1, count):
                item = self.items[(self.index + step * offset) % count]
                if self._usable(item):
                    if item is not self.current and item not in found:
                        found.append(item)
                    break
        return found

    def focus_element(self, element: Any) -> None:
        """Move focus to a given element if it is in the ring."""
        for i, item in enumerate(self.items):
            if item.element is element:
                self._set(i)
                return

    def restore(self, index: int) -> None:
        """Put focus back at an index after a rebuild (clamped), or nowhere if -1."""
        if index < 0 or not self.items:
            self.index = -1
            return
        self._set(min(index, len(self.items) - 1))

    def _set(self, index: int) -> None:
        """Select one element visually and unselect the previous one."""
        old = self.current
        if old is not None and hasattr(old.element, "unselect"):
            old.element.unselect()
        self.index = index
        new = self.current
        if new is not None and hasattr(new.element, "select"):
            new.element.select()

    def move(self, step: int) -> None:
        """Move focus forward or back, skipping disabled or hidden elements, wrapping round."""
        count = len(self.items)
        if count == 0:
            return
        start = self.index if self.index >= 0 else (-1 if step > 0 else 0)
        for offset in range(1, count + 1):
            i = (start + step * offset) % count
            if self._usable(self.items[i]):
                self._set(i)
                return

    def activate(self) -> Any:
        """Run the focused element's action and return what it returns."""
        item = self.current
        if item is None or not self._usable(item):
            return None
        return item.action()

    def handle_key(self, event: pygame.event.Event) -> tuple[bool, Any]:
        """Handle Tab, arrows and Enter; return (handled, result of an activation)."""
        if event.type != pygame.KEYDOWN:
            return False, None
        if event.key == pygame.K_TAB:
            self.move(-1 if event.mod & pygame.KMOD_SHIFT else 1)
            return True, None
        if event.key in NEXT_KEYS:
            self.move(1)
            return True, None
        if event.key in PREV_KEYS:
            self.move(-1)
            return True, None
        if event.key in ACTIVATE_KEYS and self.current is not None:
            return True, self.activate()
        return False, None
