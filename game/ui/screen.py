"""The screen base class and the transitions (Push, Pop, Replace, Reset, Quit) screens return."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel, UIPanel, UITextBox

from game.ui.keyboard import FocusRing

if TYPE_CHECKING:
    from game.ui.app import App


@dataclass(frozen=True)
class Push:
    """Put a screen on top of the stack."""

    screen: Screen


@dataclass(frozen=True)
class Pop:
    """Close the top screen, handing an optional result to the one below."""

    result: Any = None


@dataclass(frozen=True)
class Replace:
    """Swap the top screen for another."""

    screen: Screen


@dataclass(frozen=True)
class Reset:
    """Close every screen and start again from one (e.g. back to the title)."""

    screen: Screen


@dataclass(frozen=True)
class Quit:
    """Close the game."""


@dataclass(frozen=True)
class Many:
    """Apply several transitions in order."""

    steps: tuple[Transition, ...] = field(default_factory=tuple)


Transition = Push | Pop | Replace | Reset | Quit | Many | None
Action = Callable[[], Transition]


class Screen:
    """One screen: builds its pygame_gui elements, answers input, draws what pygame_gui cannot."""

    name = "screen"
    modal = False

    def __init__(self, app: App) -> None:
        self.app = app
        self.root: UIPanel | None = None
        self.focus = FocusRing()
        self.actions: dict[int, Action] = {}
        self.depth = 0

    # ---- helpers for subclasses -------------------------------------------------------

    def t(self, key: str, **params: Any) -> str:
        """Translate a catalog key in the current language."""
        return self.app.t(key, **params)

    def R(self, x: float, y: float, w: float, h: float) -> pygame.Rect:  # noqa: N802
        """Convert a rectangle in layout units (1280x720 at 100%) to window pixels."""
        s = self.app.scale
        return pygame.Rect(round(x * s), round(y * s), round(w * s), round(h * s))

    @property
    def width(self) -> float:
        """Return the window width in layout units."""
        return self.app.layout_size[0]

    @property
    def height(self) -> float:
        """Return the window height in layout units."""
        return self.app.layout_size[1]

    def label(self, rect: pygame.Rect, text: str, cls: str | None = None,
              container: Any = None) -> UILabel:
        """Create a one-line label."""
        return UILabel(rect, text, self.app.manager, container=container or self.root,
                       object_id=cls)

    def text(self, rect: pygame.Rect, html: str, cls: str | None = None,
             container: Any = None) -> UITextBox:
        """Create a wrapped, scrollable text box (pygame_gui's small HTML subset)."""
        return UITextBox(html, rect, self.app.manager, container=container or self.root,
                         object_id=cls)

    def panel(self, rect: pygame.Rect, cls: str | None = None, container: Any = None,
              height: int = 1) -> UIPanel:
        """Create a background panel."""
        return UIPanel(rect, starting_height=height, manager=self.app.manager,
                       container=container or self.root, object_id=cls)

    def button(self, rect: pygame.Rect, text: str, action: Action, tip: str | None = None,
               cls: str | None = None, container: Any = None, focus: bool = True,
               enabled: bool = True) -> UIButton:
        """Create a button that runs `action` on click or Enter, and join the focus ring."""
        button = UIButton(rect, text, self.app.manager, container=container or self.root,
                          tool_tip_text=tip, object_id=cls)
        self.actions[id(button)] = action
        if not enabled:
            button.disable()
        if focus:
            self.focus.add(button, action, tip or "")
        return button

    # ---- lifecycle ------------------------------------------------------------------

    def build(self) -> None:
        """Create the root panel and every element of the screen."""
        size = self.app.window.get_size()
        cls = "@dim" if self.modal else "@bare"
        self.root = UIPanel(pygame.Rect((0, 0), size), starting_height=1 + 40 * self.depth,
                            manager=self.app.manager, object_id=cls)
        self.actions = {}
        index = self.focus.index
        self.focus.clear()
        self.layout()
        if index >= 0:
            self.focus.restore(index)

    def layout(self) -> None:
        """Create the screen's elements inside self.root (subclasses override)."""

    def teardown(self) -> None:
        """Remove every element of the screen."""
        if self.root is not None:
            self.root.kill()
        self.root = None
        self.actions = {}

    def rebuild(self) -> None:
        """Tear down and build again (language, size or scale changed, or the state did)."""
        keep = self.focus.index
        self.teardown()
        self.build()
        self.focus.restore(keep)

    def set_visible(self, visible: bool) -> None:
        """Show or hide the whole screen (hidden while a full screen covers it)."""
        if self.root is None:
            return
        if visible:
            self.root.show()
        else:
            self.root.hide()

    # ---- input and frame ------------------------------------------------------------

    def on_ui_event(self, event: pygame.event.Event) -> Transition:
        """Run the action of a pressed button belonging to this screen."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            action = self.actions.get(id(event.ui_element))
            if action is not None:
                self.focus.focus_element(event.ui_element)
                return action()
        return None

    def handle_event(self, event: pygame.event.Event) -> Transition:
        """Handle keyboard input: screen shortcuts first, then focus movement, then Esc."""
        if event.type != pygame.KEYDOWN:
            return None
        result = self.on_key(event)
        if result is not None:
            return result
        handled, activated = self.focus.handle_key(event)
        if handled:
            return activated
        if event.key == pygame.K_ESCAPE:
            return self.back()
        return None

    def on_key(self, event: pygame.event.Event) -> Transition:
        """Screen-specific shortcuts (subclasses override)."""
        return None

    def back(self) -> Transition:
        """What Esc does (close this screen by default)."""
        return Pop()

    def on_resume(self, result: Any) -> Transition:
        """Called when the screen above closes, with its result."""
        return None

    def update(self, dt: float) -> Transition:
        """Advance animations or timers (subclasses override)."""
        return None

    def animating(self) -> bool:
        """Tell whether the screen needs frames even when no input arrives."""
        return False

    def draw(self, surface: pygame.Surface) -> None:
        """Draw custom graphics (maps, charts) beneath the screen's pygame_gui elements."""
