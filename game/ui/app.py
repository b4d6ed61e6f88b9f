"""The game window and its loop: one screen stack, one pygame_gui manager, 60 frames a second."""

from __future__ import annotations

import contextlib
import os
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UITextEntryLine

from game.core.i18n import LANGUAGES, Translator
from game.ui import draw, theme
from game.ui.screen import LOOKED, Many, Pop, Push, Quit, Replace, Reset, Screen, Transition
from game.ui.session import Session
from game.ui.settings import AUTO_SCALE, Settings, load_settings, save_settings
from game.ui.widget_speedups import (
    UIManager,
    forget_widget_catalog,
    remember_text_sizes,
    skip_anchor_search,
)

AUTO_LAYOUT = (1280, 720)
"""A player who has not chosen a scale gets the UI grown until the layout is this small
(1280x720: 100%, 1920x1080: 150%, 2560x1440: 200%)."""
AUTO_RANGE = (1.0, 2.0)
"""The smallest and largest automatic scale (the settings screen's 100-200 %)."""

PROJECTOR_LAYOUT = (1120, 630)
"""The projector preset scales the UI up until the layout is this small (1920x1080: 171%)."""

IDLE_AFTER = 1.5
"""Seconds without input after which the loop sleeps until the next event."""

FIRST_FRAME_ENV = "PLAZA_EXIT_AFTER_FIRST_FRAME"
"""Benchmark hook (benchmarks/bench_ui.py, bench_build.py): when this environment variable is
"1", run_app draws the first frame (the title, under the content note on a first start),
prints `first-frame <seconds>` to stdout and exits 0 without entering the loop. The seconds
are counted from PROCESS_START in game/__main__.py (the earliest timestamp we own), or from
the import of this module when the game was started some other way."""

_IMPORTED_AT = time.perf_counter()


def _malloc_trim() -> Any:
    """glibc's malloc_trim, or None elsewhere (macOS, Windows, musl)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    return trim


_TRIM = _malloc_trim()


TRIM_INTERVAL_S = 2.0
"""Least time between two hand-backs: a trim costs ~10 ms, and a player changes screens
slower than this, while a scripted run (tests, the smoke run) changes many a second."""


def release_memory() -> None:
    """Hand freed heap pages back to the system (the App does it after screen changes).

    Building a screen makes many short-lived surfaces (pygame_gui draws each button state);
    glibc keeps the freed pages, so without this the resident size ratchets up over a game.
    """
    if _TRIM is not None:
        _TRIM(0)


def _screen_rect(element: Any) -> pygame.Rect:
    """Where a focusable element is on the window (pygame_gui elements or plain rects)."""
    rect = element.get_abs_rect() if hasattr(element, "get_abs_rect") else element.rect
    return pygame.Rect(rect)


def auto_scale(size: tuple[int, int]) -> float:
    """The UI scale for a window when the player has not chosen one: grown with the window
    until the layout is AUTO_LAYOUT, within AUTO_RANGE, in steps of 5 %."""
    grow = min(size[0] / AUTO_LAYOUT[0], size[1] / AUTO_LAYOUT[1])
    stepped = int(grow * 20 + 1e-6) / 20
    return max(AUTO_RANGE[0], min(AUTO_RANGE[1], stepped))


DEFAULT_WINDOW = (1280, 720)
DESKTOP_SHARE = 0.85
"""How much of a large desktop the first window takes (the rest for the taskbar and others)."""


def first_window_size() -> tuple[int, int]:
    """The window to open on a start: 1280x720, or on a larger desktop a 16:9 window of
    about DESKTOP_SHARE of it (so a 1920x1080 screen opens at 1632x918 and the UI scale
    grows with it, auto_scale)."""
    pygame.display.init()
    try:
        desktop = pygame.display.get_desktop_sizes()[0]
    except (pygame.error, IndexError):
        return DEFAULT_WINDOW
    width = min(desktop[0] * DESKTOP_SHARE, desktop[1] * DESKTOP_SHARE * 16 / 9)
    if width <= DEFAULT_WINDOW[0]:
        return DEFAULT_WINDOW
    return round(width), round(width * 9 / 16)


def process_start() -> float:
    """The perf_counter value recorded by game/__main__.py, or this module's import time."""
    for name in ("__main__", "game.__main__"):
        start = getattr(sys.modules.get(name), "PROCESS_START", None)
        if isinstance(start, float):
            return start
    return _IMPORTED_AT


class App:
    """The window, the settings, the translator, the UI manager and the stack of screens."""

    def __init__(self, lang: str | None = None, settings_dir: Path | None = None,
                 saves_dir: Path | None = None, size: tuple[int, int] = DEFAULT_WINDOW) -> None:
        pygame.display.init()
        pygame.font.init()
        theme.font.cache_clear()
        pygame.display.set_caption("Plaza")
        self.settings_dir = settings_dir
        self.settings: Settings = load_settings(settings_dir)
        if lang in LANGUAGES:
            self.settings.lang = lang
        theme.use_contrast(self.settings.projector)
        self.window = self._open_window(size, self.settings.fullscreen)
        self.t = Translator(self.settings.lang)
        self.scale = 1.0
        self.layout_size = (float(theme.BASE_WIDTH), float(theme.BASE_HEIGHT))
        self._compute_scale()
        self.manager = self._new_manager()
        self.session = Session(self, saves_dir)
        self.stack: list[Screen] = []
        self.running = True
        self.keyboard_mode = False
        self.idle = 0.0
        self.clock = pygame.time.Clock()
        self.frames = 0
        self._trimmed_at = time.monotonic()
        """When release_memory last ran (monotonic seconds): the first trim comes once there
        is a heap to give back, TRIM_INTERVAL_S after the start, not on the title screen."""
        self._last_size: tuple[int, int] | None = self.window.get_size()
        """The window size the screens were last laid out for (the system's first size event
        for the window just opened is no reason to build every screen again)."""
        self.hint_rect: pygame.Rect | None = None
        """Where the last keyboard hint was drawn (None before any)."""
        self._depth_applying = 0
        """How many apply() calls are running (memory is released when the outermost ends)."""

    # ---- window, scale, language ------------------------------------------------------

    def _open_window(self, size: tuple[int, int], fullscreen: bool) -> pygame.Surface:
        """Open (or reopen) the window, falling back to a window if fullscreen fails.

        A window is resizable down to theme.MIN_WINDOW (smaller would only shrink the UI).
        """
        if fullscreen:
            try:
                return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            except pygame.error:
                self.settings.fullscreen = False
        size = (max(size[0], theme.MIN_WINDOW[0]), max(size[1], theme.MIN_WINDOW[1]))
        surface = pygame.display.set_mode(size, pygame.RESIZABLE)
        # An old SDL without window sizes: the scale still shrinks to fit.
        with warnings.catch_warnings(), contextlib.suppress(pygame.error, AttributeError):
            warnings.simplefilter("ignore", DeprecationWarning)
            pygame.Window.from_display_module().minimum_size = theme.MIN_WINDOW
        return surface

    def _keep_minimum_size(self) -> None:
        """Give a window resized below theme.MIN_WINDOW (where the system ignores the minimum)
        its minimum size back."""
        w, h = self.window.get_size()
        min_w, min_h = theme.MIN_WINDOW
        if (w < min_w or h < min_h) and not self.settings.fullscreen:
            self.window = pygame.display.set_mode((max(w, min_w), max(h, min_h)),
                                                  pygame.RESIZABLE)

    def wanted_scale(self) -> float:
        """The scale the player asked for (or, if none, one that grows with the window); the
        projector preset asks for as much as fits."""
        w, h = self.window.get_size()
        if self.settings.scale == AUTO_SCALE:
            wanted = auto_scale((w, h))
        else:
            wanted = self.settings.scale / 100.0
        if self.settings.projector:
            wanted = max(wanted, min(w / PROJECTOR_LAYOUT[0], h / PROJECTOR_LAYOUT[1]))
        return wanted

    def _compute_scale(self) -> None:
        """Work out the effective UI scale: the wanted one, limited so the layout fits.

        Every screen lays itself out for any size from theme.MIN_LAYOUT up, so a scale is
        cut only as far as the window needs (1366x768 at 150% gives 142%, not 100%).
        """
        w, h = self.window.get_size()
        min_w, min_h = theme.MIN_LAYOUT
        self.scale = max(0.5, min(self.wanted_scale(), w / min_w, h / min_h))
        # Never below the minimum layout: a window smaller still shows its corner of it.
        self.layout_size = (max(w / self.scale, float(min_w)), max(h / self.scale, float(min_h)))

    def _new_manager(self) -> pygame_gui.UIManager:
        """Create a UI manager with the theme at the current scale."""
        theme_data = theme.theme_dict(self.scale, self.settings.projector)
        manager = UIManager(self.window.get_size(), theme_data, enable_live_theme_updates=False)
        with warnings.catch_warnings():  # pygame_gui loads a few of these itself: harmless
            warnings.simplefilter("ignore", UserWarning)
            manager.preload_fonts(theme.fonts_to_preload(theme_data))
        remember_text_sizes(manager)
        forget_widget_catalog()
        skip_anchor_search()
        return manager

    @property
    def auto_percent(self) -> int:
        """The automatic scale for this window, in percent (shown on the settings screen)."""
        return round(auto_scale(self.window.get_size()) * 100)

    @property
    def scale_limited(self) -> bool:
        """Tell whether the window is too small for the chosen UI scale."""
        return self.scale + 1e-6 < self.settings.scale / 100.0

    def set_projector(self, on: bool) -> None:
        """Turn the projector preset (large fonts, high contrast) on or off."""
        self.settings.projector = on
        theme.use_contrast(on)
        self.save_settings()
        self.relayout(new_manager=True)

    def relayout(self, new_manager: bool = False) -> None:
        """Rebuild every screen after a change of size, scale or language."""
        old_scale = self.scale
        self._compute_scale()
        self._last_size = self.window.get_size()
        for screen in self.stack:
            screen.teardown()
        if new_manager or abs(old_scale - self.scale) > 1e-6:
            self.manager = self._new_manager()
        else:
            self.manager.set_window_resolution(self.window.get_size())
        # Only what shows is built now; a screen a full screen covers is built again when it
        # shows (_update_visibility), so a resize costs one screen, not the whole stack.
        self._update_visibility()

    def set_language(self, lang: str) -> None:
        """Switch the language of every screen at once, mid-game too."""
        if lang not in LANGUAGES:
            return
        self.settings.lang = lang
        self.t = Translator(lang)
        self.save_settings()
        self.relayout()

    def set_scale(self, scale: int) -> None:
        """Change the UI scale and rebuild."""
        self.settings.scale = scale
        self.save_settings()
        self.relayout(new_manager=True)

    def set_fullscreen(self, on: bool) -> None:
        """Enter or leave fullscreen and rebuild for the new size."""
        self.settings.fullscreen = on
        self.window = self._open_window((theme.BASE_WIDTH, theme.BASE_HEIGHT), on)
        self.save_settings()
        self.relayout(new_manager=True)

    def set_palette(self, palette: str) -> None:
        """Switch between the standard and colour-blind palettes."""
        self.settings.palette = palette
        self.save_settings()
        self.relayout()

    def save_settings(self) -> bool:
        """Store the settings; tell the caller whether it worked."""
        return save_settings(self.settings, self.settings_dir)

    # ---- the screen stack -------------------------------------------------------------

    @property
    def top(self) -> Screen | None:
        """Return the screen receiving input."""
        return self.stack[-1] if self.stack else None

    def _first_shown(self) -> int:
        """Index of the lowest screen that shows: the top full screen (dialogs show over it)."""
        for i in range(len(self.stack) - 1, -1, -1):
            if not self.stack[i].modal:
                return i
        return 0

    def _update_visibility(self, rebuild_stale: bool = True) -> None:
        """Show the top screen and those under modals; hide screens covered by a full screen.

        A shown screen with no elements (torn down by a relayout while it was covered) is
        built first, bottom to top, as the stack would have built it; a shown screen left
        stale (Screen.rebuild_when_shown) is built again.
        """
        first = self._first_shown()
        for screen in self.stack[first:]:
            if screen.root is None:
                screen.build()
            elif screen.stale and rebuild_stale:
                screen.rebuild()
        for i, screen in enumerate(self.stack):
            screen.set_visible(i >= first)

    def _push(self, screen: Screen) -> None:
        """Put a screen on top and build it."""
        screen.depth = len(self.stack)
        self.stack.append(screen)
        screen.build()
        self._update_visibility()

    def _pop(self) -> Screen | None:
        """Remove the top screen."""
        if not self.stack:
            return None
        screen = self.stack.pop()
        screen.teardown()
        # A stale screen under it is built after it resumes (apply), which may change more.
        self._update_visibility(rebuild_stale=False)
        return screen

    def apply(self, transition: Transition) -> None:
        """Apply what a screen asked for; the one place the stack changes."""
        if transition is None:
            return
        self._depth_applying += 1
        try:
            self._apply(transition)
        finally:
            self._depth_applying -= 1
        if self._depth_applying == 0 and time.monotonic() - self._trimmed_at >= TRIM_INTERVAL_S:
            self._trimmed_at = time.monotonic()
            release_memory()

    def _apply(self, transition: Transition) -> None:
        """Apply one transition (apply() wraps this)."""
        match transition:
            case Push(screen=screen):
                self._push(screen)
            case Pop(result=result):
                closed = self._pop()
                if result is None and closed is not None and closed.changes_nothing:
                    result = LOOKED
                if self.top is not None:
                    self.apply(self.top.on_resume(result))
                    self._update_visibility()  # a screen left stale that shows is built now
                else:
                    self.running = False
            case Replace(screen=screen):
                self._pop()
                self._push(screen)
            case Reset(screen=screen):
                while self.stack:
                    self._pop()
                self._push(screen)
            case Quit():
                self.running = False
            case Many(steps=steps):
                for step in steps:
                    self.apply(step)

    def start(self) -> None:
        """Show the title (and the content note on a first start, or a settings problem)."""
        from game.ui.screens.note import ContentNoteScreen
        from game.ui.screens.title import TitleScreen

        self.apply(Push(TitleScreen(self)))
        if not self.settings.seen_content_note:
            self.apply(Push(ContentNoteScreen(self)))
        if self.settings.problems:
            self.notify(self.t("ui.settings.damaged"))

    def notify(self, text: str, title_key: str = "ui.message.title") -> None:
        """Show a message the player must acknowledge (a bad save, a settings problem)."""
        from game.ui.screens.message import MessageScreen

        self.apply(Push(MessageScreen(self, text, title_key)))

    # ---- one frame ----------------------------------------------------------------------

    def _text_entry_focused(self) -> bool:
        """Tell whether a text field has the keyboard (then our shortcuts stay quiet)."""
        return any(isinstance(e, UITextEntryLine) for e in self.manager.get_focus_set() or ())

    def _global_key(self, event: pygame.event.Event) -> bool:
        """Handle keys that work on every screen: help, fullscreen."""
        from game.ui.screens.help import HelpScreen

        if event.key == pygame.K_F1 or event.unicode == "?":
            if not isinstance(self.top, HelpScreen):
                self.apply(Push(HelpScreen(self)))
            return True
        if event.key == pygame.K_F11:
            self.set_fullscreen(not self.settings.fullscreen)
            return True
        return False

    def dispatch(self, event: pygame.event.Event) -> None:
        """Route one event: window changes, the UI manager, then the top screen."""
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self._keep_minimum_size()
            if self._last_size != self.window.get_size():
                self.relayout()  # which notes the size it laid out for
            return
        if event.type == pygame.MOUSEMOTION:
            self.keyboard_mode = False
        consumed = self.manager.process_events(event)
        top = self.top
        if top is None:
            return
        if event.type in (pygame_gui.UI_BUTTON_PRESSED, pygame_gui.UI_TEXT_ENTRY_FINISHED):
            self.apply(top.on_ui_event(event))
            return
        if event.type == pygame.KEYDOWN and not consumed and not self._text_entry_focused():
            if event.key in (pygame.K_TAB, pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT,
                             pygame.K_RIGHT):
                self.keyboard_mode = True
            if self._global_key(event):
                return
            self.apply(top.handle_event(event))
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.manager.set_focus_set(None)
        elif event.type == pygame.MOUSEBUTTONDOWN and not consumed:
            self.apply(top.handle_event(event))

    def frame(self, events: list[pygame.event.Event] | None = None, dt: float = 1 / 60) -> None:
        """Run one frame: handle the given events plus queued ones, update, draw."""
        queued = list(events or []) + pygame.event.get()
        for event in queued:
            self.dispatch(event)
            if not self.running:
                return
        self.idle = 0.0 if queued else self.idle + dt
        top = self.top
        if top is not None:
            self.apply(top.update(dt))
        self.manager.update(dt)
        self.draw()
        self.frames += 1

    def draw(self) -> None:
        """Draw the visible screens, the UI, and the keyboard focus ring."""
        surface = self.window
        surface.fill(theme.BACKGROUND)
        first = self._first_shown()
        for screen in self.stack[first:]:
            screen.draw(surface)
        self.manager.draw_ui(surface)
        top = self.top
        if top is not None and self.keyboard_mode:
            item = top.focus.current
            if item is not None and getattr(item.element, "visible", True):
                rect = _screen_rect(item.element)
                draw.draw_focus(surface, rect, self.scale)
                if item.hint:
                    near = top.focus.neighbours()
                    avoid = [_screen_rect(n.element) for n in near]
                    others = [_screen_rect(f.element) for f in top.focus.items
                              if f is not item and f not in near
                              and getattr(f.element, "visible", True)]
                    self.hint_rect = draw.draw_hint(surface, item.hint, rect, self.scale, avoid,
                                                    others)
        pygame.display.flip()

    def screenshot(self, path: Path) -> None:
        """Save the current window as a PNG."""
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.window, str(path))

    def busy(self) -> bool:
        """Tell whether something animates, so the loop must not sleep."""
        top = self.top
        return top is not None and top.animating()

    def run(self, first: Screen | None = None) -> int:
        """Run the loop until the player quits; sleep on input when nothing moves."""
        if first is not None:
            self.apply(Push(first))
        while self.running:
            if self.idle > IDLE_AFTER and not self.busy():
                event = pygame.event.wait(500)
                events = [] if event.type == pygame.NOEVENT else [event]
                dt = self.clock.tick() / 1000.0
            else:
                events = []
                dt = self.clock.tick(60) / 1000.0
            self.frame(events, min(dt, 0.25))
        self.session.autosave()
        pygame.quit()
        return 0


def run_app(lang: str | None = None, scenario: str | None = None, role: str | None = None,
            seed: int | None = None, region: str | None = None) -> int:
    """Open the game; with a scenario, start a new game of it straight away."""
    from game.ui.screens.main import MainScreen

    app = App(lang, size=first_window_size())
    app.start()
    if scenario is not None:
        problem = app.session.start(scenario, role or "federal", region, seed or 0)
        if problem is None:
            app.apply(Push(MainScreen(app)))
        else:
            app.notify(problem)
    if os.environ.get(FIRST_FRAME_ENV) == "1":
        app.frame()
        print(f"first-frame {time.perf_counter() - process_start():.4f}", flush=True)
        pygame.quit()
        return 0
    return app.run()
