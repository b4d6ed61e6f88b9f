"""Headless pygame for UI tests: set the dummy SDL drivers before anything imports pygame."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


# ---- fixtures and helpers for the screen tests (app, keyboard and mouse drivers) ----------

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[Any]:
    """Build Apps whose settings and saves live in a temporary folder."""
    warnings.simplefilter("ignore", UserWarning)
    from game.ui.app import App

    def factory(lang: str = "en", seen_note: bool = True,
                size: tuple[int, int] = (1280, 720)) -> App:
        app = App(lang, settings_dir=tmp_path / "config", saves_dir=tmp_path / "saves",
                  size=size)
        app.settings.seen_content_note = seen_note
        app.settings.seen_tutorial = True
        app.settings.seen_coach = True
        if app.settings.scale == 0:
            # The screen tests name their scale: 100 % unless they set another (not the
            # automatic one, which grows with the window; tests/ui/test_polish.py checks it).
            app.settings.scale = 100
            if app.scale != 1.0:
                app.relayout(new_manager=True)
        return app

    yield factory


def key(app: Any, keycode: int, unicode: str = "", mod: int = 0) -> None:
    """Press and release one key, then run a frame."""
    import pygame

    down = pygame.event.Event(pygame.KEYDOWN, key=keycode, unicode=unicode, mod=mod,
                              scancode=0)
    up = pygame.event.Event(pygame.KEYUP, key=keycode, unicode=unicode, mod=mod, scancode=0)
    app.frame([down, up])
    app.frame()


def click(app: Any, element: Any) -> None:
    """Click the middle of a pygame_gui element with the left mouse button."""
    import pygame

    pos = element.get_abs_rect().center if hasattr(element, "get_abs_rect") else \
        element.rect.center
    app.frame([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))])
    app.frame([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)])
    app.frame([pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)])
    app.frame()


def focused_text(app: Any) -> str:
    """Return the text of the element that has keyboard focus."""
    item = app.top.focus.current if app.top is not None else None
    return str(getattr(item.element, "text", "")) if item is not None else ""


def tab_to(app: Any, text: str, limit: int = 80) -> None:
    """Press Tab until the focused control shows `text` (as a person reading the screen)."""
    import pygame

    for _ in range(limit):
        if focused_text(app) == text:
            return
        key(app, pygame.K_TAB)
    raise AssertionError(f"no control labelled {text!r} on {type(app.top).__name__}")


def find_button(app: Any, text: str) -> Any:
    """Return the top screen's button showing `text`."""
    for item in app.top.focus.items:
        if getattr(item.element, "text", None) == text:
            return item.element
    raise AssertionError(f"no button {text!r} on {type(app.top).__name__}")


def new_game_by_mouse(app: Any, scenario: str, *choices: str) -> None:
    """From the title, click New game, the scenario, any further choices (catalog keys), Start,
    then Start on the briefing."""
    t = app.t
    click(app, find_button(app, t("ui.title.new_game")))
    click(app, find_button(app, t(f"scenario.{scenario}.title")))
    for choice in choices:
        click(app, find_button(app, t(choice)))
    click(app, find_button(app, t("ui.new_game.start")))
    click(app, find_button(app, t("ui.briefing.start")))


def card_button(app: Any, option: Any) -> Any:
    """Return the top screen's intervention card for `option` (found by its tooltip)."""
    summary = app.t(f"action.{option.action_id}.summary")
    return next(i.element for i in app.top.focus.items if i.hint.startswith(summary))


def play_to_verdict(app: Any, limit: int) -> None:
    """End quarters until the verdict (in fewer than `limit` steps), answering dialogs by keys."""
    import pygame

    from game.ui.screens.dilemma import DilemmaScreen
    from game.ui.screens.prediction import PredictionScreen
    from game.ui.screens.results import ResultsScreen
    from game.ui.screens.verdict import VerdictScreen

    steps = 0
    while not isinstance(app.top, VerdictScreen):
        steps += 1
        assert steps < limit
        if isinstance(app.top, DilemmaScreen):
            key(app, pygame.K_1, "1")
        elif isinstance(app.top, (PredictionScreen, ResultsScreen)):
            key(app, pygame.K_ESCAPE)
        else:
            key(app, pygame.K_e, "e")
