"""The screen base class and the transitions (Push, Pop, Replace, Reset, Quit) screens return."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pygame
import pygame_gui
from pygame_gui.core import UIContainer, UIElement
from pygame_gui.elements import UIButton, UILabel, UIPanel, UITextBox

from game.ui import theme
from game.ui.keyboard import FocusRing
from game.ui.widgets.button import Button
from game.ui.widgets.label import Label
from game.ui.widgets.text import text_width
from game.ui.widgets.text_box import TextBox

if TYPE_CHECKING:
    from game.play.session import GameSession
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

LOOKED = "looked"
"""What a screen that changes nothing (Screen.changes_nothing) hands the one below when it
closes with no result of its own: what that screen shows is still true, so it need not be
built again (a player closing the help does not wait for the main screen to be rebuilt)."""

Action = Callable[[], Transition]

DIM: tuple[int, int, int, int] = (31, 41, 51, 140)
"""The veil over the screens under a dialog (ink at 55% opacity)."""

T = TypeVar("T")

OVER = 6
"""The starting height of a button laid over a plate and its labels (see Screen.button)."""

_plates: dict[tuple[Any, ...], pygame.Surface] = {}


def plate_surface(size: tuple[int, int], fill: tuple[int, ...], border: tuple[int, ...] | None,
                  width: int, radius: int) -> pygame.Surface:
    """A premultiplied rounded rectangle, drawn once per look and size and shared."""
    key = (size, fill, border, width, radius)
    surface = _plates.get(key)
    if surface is None:
        if len(_plates) > 256:
            _plates.clear()
        surface = pygame.Surface(size, pygame.SRCALPHA, 32)
        rect = surface.get_rect()
        pygame.draw.rect(surface, fill, rect, border_radius=radius)
        if border is not None and width > 0:
            pygame.draw.rect(surface, border, rect, width=width, border_radius=radius)
        surface = surface.premul_alpha()
        _plates[key] = surface
    return surface


class Plate(UIElement):
    """A flat rounded rectangle (a dialog's or a card's background, the veil under a dialog).

    pygame_gui draws a rounded panel at four times its size for antialiasing, in five states,
    which costs tens of megabytes and milliseconds for a dialog; this draws one shared surface.
    With `block`, it swallows mouse presses on it, so nothing underneath reacts.
    """

    def __init__(self, rect: pygame.Rect, manager: Any, container: Any, fill: tuple[int, ...],
                 border: tuple[int, ...] | None = None, width: int = 0, radius: int = 0,
                 starting_height: int = 1, block: bool = True) -> None:
        super().__init__(rect, manager, container, starting_height=starting_height,
                         layer_thickness=1, element_id=["plate"])
        self.block = block
        self._set_image(plate_surface(self.rect.size, fill, border, width, radius))

    def process_event(self, event: pygame.event.Event) -> bool:
        """Consume mouse presses on the plate when it blocks."""
        return bool(self.block and event.type == pygame.MOUSEBUTTONDOWN and self.visible
                    and self.rect.collidepoint(event.pos))


class Screen:
    """One screen: builds its pygame_gui elements, answers input, draws what pygame_gui cannot."""

    name = "screen"
    modal = False
    veil = True
    """A modal screen dims what is under it (coach marks dim around their target instead)."""
    page = 0
    """The page shown of a paged list (see paged and page_row), for screens with one."""
    changes_nothing = False
    """Only shows things: closing it changes nothing the screens below show (see LOOKED)."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.root: UIContainer | None = None
        self.focus = FocusRing()
        self.actions: dict[int, Action] = {}
        self.depth = 0
        self._layer: tuple[pygame.Rect, pygame.Surface] | None = None
        """The custom drawing kept by blit_layer until the next build."""
        self.default_action: Action | None = None
        """What Enter does while nothing has the focus (the screen's main button)."""
        self.stale = False
        """Its elements show an old state: built again the next time it shows."""

    # ---- helpers for subclasses -------------------------------------------------------

    def t(self, key: str, **params: Any) -> str:
        """Translate a catalog key in the current language."""
        return self.app.t(key, **params)

    def plural(self, key: str, count: float, /, **params: Any) -> str:
        """Translate a count-dependent key in the form its count takes (see Translator.plural)."""
        return self.app.t.plural(key, count, **params)

    def period(self, label: str) -> str:
        """Write a quarter label ("2010-Q1") in the current language's form."""
        return self.app.t.period(label)

    def save_picture(self, path: Path, saved_key: str, failed_key: str) -> str:
        """Draw the screen as it is and save it as a PNG; return the sentence to show (the
        catalog's `saved_key` with the path, or `failed_key` with the reason)."""
        self.app.draw()
        try:
            self.app.screenshot(path)
        except (OSError, pygame.error) as exc:
            return self.t(failed_key, reason=str(exc))
        return self.t(saved_key, path=str(path))

    @property
    def game(self) -> GameSession:
        """The game being played (the screens that show one are only opened during one)."""
        game = self.app.session.game
        if game is None:
            raise RuntimeError(f"the {self.name} screen needs a game in progress")
        return game

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

    def text_width(self, text: str, cls: str | None = None, element: str = "label") -> float:
        """How wide a text is drawn in a theme class, in layout units."""
        return text_width(theme.class_font(cls, element, self.app.scale), text) / self.app.scale

    def fits(self, text: str, width: float, cls: str | None = None,
             element: str = "label") -> bool:
        """Whether a text fits a width (layout units) in a theme class; buttons keep a margin."""
        margin = 18.0 if element == "button" else 4.0
        return self.text_width(text, cls, element) <= width - margin

    def fitted(self, width: float, cls: str | None, *texts: str, element: str = "label") -> str:
        """The first of several wordings (longest first) that fits a width, else the last."""
        for text in texts:
            if self.fits(text, width, cls, element):
                return text
        return texts[-1]

    def label_or_two_lines(self, x: float, y: float, w: float, h: float, text: str,
                           cls: str | None = None) -> None:
        """A one-line label where the text fits, else the text in two smaller lines (layout
        units: a row of height h, at least 36 for two lines)."""
        if self.fits(text, w, cls):
            self.label(self.R(x, y, w, h), text, cls)
            return
        lines = self.wrap_lines(text, w, "@small")[:2]
        line_h = 18.0
        top = y + (h - line_h * len(lines)) / 2
        for k, line in enumerate(lines):
            self.label(self.R(x, top + k * line_h, w, line_h), line, "@small")

    def first_line(self, text: str, width: float, cls: str | None = "@small") -> str:
        """The first line of a text at a width in a theme class, "…" when there is more."""
        lines = self.wrap_lines(text, width - 16, cls)
        return lines[0] + (" …" if len(lines) > 1 else "") if lines else ""

    def wrap_lines(self, text: str, width: float, cls: str | None = None) -> list[str]:
        """A text wrapped to a width (layout units) in a theme class's font."""
        from game.ui import draw

        s = self.app.scale
        return draw.wrap(text, theme.class_font(cls, "label", s), max(1, round((width - 2) * s)))

    def label(self, rect: pygame.Rect, text: str, cls: str | None = None,
              container: Any = None) -> UILabel:
        """Create a one-line label (drawn once: see widgets/label.py)."""
        return Label(rect, text, self.app.manager, container=container or self.root,
                     object_id=cls)

    def text(self, rect: pygame.Rect, html: str, cls: str | None = None,
             container: Any = None) -> UITextBox:
        """Create a wrapped, scrollable text box (pygame_gui's small HTML subset).

        "@boxed" puts it on a white rounded plate, "@boxed_small" the same in the small font,
        "@note" on a pale amber one (theme.PLATED_TEXT: drawn once, not by pygame_gui at 4x).
        """
        if cls in theme.PLATED_TEXT:
            fill, border, width, radius = theme.plate_look(cls, self.app.settings.projector)
            box = self.plate(rect, fill, border, width, radius, container=container)
            return TextBox(html, pygame.Rect((0, 0), rect.size), self.app.manager,
                           container=box, object_id=f"{cls}_inner")
        return TextBox(html, rect, self.app.manager, container=container or self.root,
                       object_id=cls)

    def panel(self, rect: pygame.Rect, cls: str | None = None, container: Any = None,
              height: int = 1) -> UIPanel:
        """Create a background panel."""
        return UIPanel(rect, starting_height=height, manager=self.app.manager,
                       container=container or self.root, object_id=cls)

    def plate(self, rect: pygame.Rect, fill: tuple[int, ...], border: tuple[int, ...] | None,
              width: int = 1, radius: int = 6, container: Any = None,
              height: int = 1) -> UIContainer:
        """Create a rounded background and return a container on top of it for its contents."""
        s = self.app.scale
        Plate(rect, self.app.manager, container or self.root, fill, border,
              max(1, round(width * s)) if width else 0, round(radius * s),
              starting_height=height)
        return UIContainer(rect, self.app.manager, container=container or self.root,
                           starting_height=height + 1)

    def tab_rows(self, tabs: Sequence[tuple[str, Action, bool]], y: float,
                 width_of: Callable[[str], float], height: float = 30.0,
                 tip: str | None = None) -> float:
        """A row of tabs (text, action, selected) from the left margin, onto a new row when one
        is full, so every place has its tab; return the y just below the last row."""
        x = 24.0
        for text, action, selected in tabs:
            w = min(self.width - 48, width_of(text))
            if x + w > self.width - 24 and x > 24.0:
                x, y = 24.0, y + height + 6
            self.button(self.R(x, y, w, height), text, action, tip=tip,
                        cls="@primary" if selected else None)
            x += w + 6
        return y + height

    def button(self, rect: pygame.Rect, text: str, action: Action, tip: str | None = None,
               cls: str | None = None, container: Any = None, focus: bool = True,
               enabled: bool = True, over: bool = False, default: bool = False) -> UIButton:
        """Create a button that runs `action` on click or Enter, and join the focus ring.

        `default`: the screen's main button, which Enter presses while nothing has the focus
        (so a keyboard player need not Tab to it first).

        `over`: a transparent button laid over a plate and its labels (a card, a row): it sits
        above them, so the mouse hovers it (its tooltip shows) and clicks reach it.
        """
        button = Button(rect, text, self.app.manager, container=container or self.root,
                        tool_tip_text=tip, object_id=cls, starting_height=OVER if over else 1)
        self.actions[id(button)] = action
        if not enabled:
            button.disable()
        elif default:
            self.default_action = action
        if focus:
            self.focus.add(button, action, tip or "")
        return button

    def assign(self, **values: Any) -> Action:
        """Action setting the screen's attributes to `values`, then building the screen again."""
        def act() -> Transition:
            for name, value in values.items():
                setattr(self, name, value)
            self.rebuild()
            return None
        return act

    def paged(self, items: Sequence[T], per_page: int) -> tuple[Sequence[T], int]:
        """Keep self.page within the pages `items` fill; return that page's items and the count."""
        pages = max(1, (len(items) + per_page - 1) // per_page)
        self.page = min(self.page, pages - 1)
        return items[self.page * per_page:(self.page + 1) * per_page], pages

    def page_row(self, x: float, y: float, w: float, pages: int, button_w: float,
                 button_h: float) -> None:
        """Previous, "page n of m" and Next along a row `w` wide, when there are several pages."""
        if pages <= 1:
            return
        self.button(self.R(x, y, button_w, button_h), self.t("ui.common.previous"),
                    self.assign(page=self.page - 1), enabled=self.page > 0)
        room = w - 2 * button_w - 16
        self.label(self.R(x + button_w + 8, y + 4, room, button_h - 8),
                   self.fitted(room, "@muted_centre",
                               self.t("ui.common.page", page=self.page + 1, pages=pages),
                               self.t("ui.common.page_short", page=self.page + 1, pages=pages)),
                   "@muted_centre")
        self.button(self.R(x + w - button_w, y, button_w, button_h), self.t("ui.common.next"),
                    self.assign(page=self.page + 1), enabled=self.page < pages - 1)

    # ---- lifecycle ------------------------------------------------------------------

    def build(self) -> None:
        """Create the root container (with a veil for a dialog) and every element of the screen.

        The root is a plain container: it draws nothing, so a full screen costs no full-window
        surface, and clicks on empty space reach the screen (the map, for one).
        """
        size = self.app.window.get_size()
        self.stale = False
        self.root = UIContainer(pygame.Rect((0, 0), size), self.app.manager,
                                starting_height=1 + 40 * self.depth)
        if self.modal and self.veil:
            Plate(pygame.Rect((0, 0), size), self.app.manager, self.root, DIM,
                  starting_height=0)
        self.actions = {}
        self._layer = None
        self.default_action = None
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

    def rebuild_when_shown(self) -> None:
        """Build again once the stack has settled, if the screen still shows then.

        A dialog's answer often leads straight to another full screen (a prediction to the
        quarter's results): the screen under it is built when it shows again, not twice.
        """
        self.stale = True

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
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.default_action is not None:
            return self.default_action()
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

    def blit_layer(self, surface: pygame.Surface, rect: pygame.Rect,
                   paint: Callable[[pygame.Surface], object]) -> None:
        """Blit the part `rect` of what `paint` draws (in window coordinates, on the background).

        For custom drawing that changes only when the screen is built again: `paint` runs once
        per build (or when `rect` moves), and each frame only blits the kept copy.
        """
        rect = rect.clip(surface.get_rect())
        if rect.w <= 0 or rect.h <= 0:
            return
        if self._layer is None or self._layer[0] != rect:
            canvas = pygame.Surface(surface.get_size())
            canvas.fill(theme.BACKGROUND)
            paint(canvas)
            self._layer = (rect, canvas.subsurface(rect).copy())
        surface.blit(self._layer[1], rect)
