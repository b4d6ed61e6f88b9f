"""What the player is told when the autosave cannot write (a full disk, a locked folder), and
windows resized far below the minimum: no screen crashes, none is laid out below it."""

from __future__ import annotations

import errno
from typing import Any

import pygame
import pytest
from test_screens import _start, answer_dilemmas, to_results


def _texts(app: Any) -> str:
    """Every label's text on the top screen, one a line."""
    from pygame_gui.elements import UILabel
    from test_screens import _belongs

    root = app.top.root
    return "\n".join(e.text for e in app.manager.get_sprite_group().sprites()
                     if isinstance(e, UILabel) and _belongs(e, root))


def _quarter(app: Any, main: Any) -> None:
    """Play one quarter and close its results (the main screen runs a frame on top)."""
    to_results(app, main)
    app.apply(app.top.close())
    answer_dilemmas(app)
    app.frame()


@pytest.mark.parametrize(("lang", "full", "denied"), [
    ("en", "the disk is full", "not allowed to write"),
    ("es", "el disco está lleno", "no tiene permiso"),
])
def test_a_failed_autosave_is_told_once_and_the_pause_menu_says_so(
        make_app: Any, monkeypatch: pytest.MonkeyPatch, lang: str, full: str,
        denied: str) -> None:
    """A disk that fills up: the main screen warns once (in the player's words, with the
    folder), the pause menu says the last autosave failed instead of "saved every quarter";
    once writing works again, the pause menu says so again."""
    from game.play.saves import SaveSlots
    from game.ui.screen import Pop, Push
    from game.ui.screens.message import MessageScreen
    from game.ui.screens.pause import PauseScreen
    from game.ui.session import AUTOSAVE

    app = _start(make_app, lang)
    main = app.top
    saved = app.t("ui.pause.autosaved")
    app.apply(Push(PauseScreen(app)))
    assert saved in _texts(app)
    app.apply(Pop())

    real_save = SaveSlots.save
    reason = [errno.ENOSPC]

    def failing(self: Any, session: Any, slot: str) -> None:
        raise OSError(reason[0], "No space left on device")

    monkeypatch.setattr(SaveSlots, "save", failing)
    _quarter(app, main)
    assert isinstance(app.top, MessageScreen)
    assert full in app.top.message
    assert str(app.session.slots.path(AUTOSAVE).parent) in app.top.message
    app.apply(app.top.close())
    app.apply(Push(PauseScreen(app)))
    shown = _texts(app)
    assert saved not in shown and full in " ".join(shown.split())
    app.apply(Pop())

    reason[0] = errno.EACCES
    _quarter(app, main)
    assert app.top is main, "the warning is shown once, not every quarter"
    app.apply(Push(PauseScreen(app)))
    assert denied in " ".join(_texts(app).split())
    app.apply(Pop())

    monkeypatch.setattr(SaveSlots, "save", real_save)
    _quarter(app, main)
    assert app.session.autosave_problem is None
    app.apply(Push(PauseScreen(app)))
    assert saved in _texts(app)


def _resize(app: Any, size: tuple[int, int]) -> None:
    """Resize the window as a window manager would, and tell the app."""
    app.window = pygame.display.set_mode(size, pygame.RESIZABLE)
    app.frame([pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])])


def test_every_screen_survives_a_tiny_window(tmp_path: Any,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Every screen of the smoke run, the first time it shows, is laid out again for a window
    resized where the system keeps a tiny window (a small fullscreen): from the smoke's
    1024x600 down to 150x150 (the layout stays at its minimum), or from 150x150 back up, in
    turns, so half the screens are built in the tiny window and each one lives in it. On the
    first screen a window resized to 150x150 goes back to its minimum size. Nothing crashes,
    nothing is laid out below the minimum."""
    from game.ui import theme
    from game.ui.app import App
    from game.ui.screens import lab_smoke
    from game.ui.smoke import run_smoke

    size, tiny = (1024, 600), (150, 150)
    visited: list[str] = []

    def resize_instead(app: App, path: Any) -> None:
        top = app.top
        assert top is not None
        if top.name in visited:
            return
        if not visited:
            _resize(app, tiny)
            assert app.window.get_size() == theme.MIN_WINDOW, top.name
            _resize(app, size)
            # From here the system keeps whatever size it is given, as a small fullscreen.
            monkeypatch.setattr(App, "_keep_minimum_size", lambda self: None)
        visited.append(top.name)
        target = tiny if app.window.get_size() != tiny else size
        _resize(app, target)
        assert app.window.get_size() == target, top.name
        assert app.layout_size[0] >= theme.MIN_LAYOUT[0] - 1e-6, top.name
        assert app.layout_size[1] >= theme.MIN_LAYOUT[1] - 1e-6, top.name
        assert app.top is top and top.root is not None, top.name

    monkeypatch.setattr(App, "screenshot", resize_instead)
    # The lab's screens are laid out alike for any number of worlds: a few are enough here.
    monkeypatch.setattr(lab_smoke, "SMOKE_WORLDS", 10)
    assert run_smoke(tmp_path, "es", size=size) == 0
    assert len(visited) >= 25, visited


def test_enter_alone_starts_a_game_and_never_lands_on_a_disabled_enact(make_app: Any) -> None:
    """By keyboard with no Tab: Enter on the title opens New game, Enter there starts the
    term (its briefing); a card that cannot be enacted opens with Cancel focused."""
    from conftest import key

    from game.ui.screen import Push
    from game.ui.screens.action import ActionScreen
    from game.ui.screens.briefing import BriefingScreen
    from game.ui.screens.new_game import NewGameScreen

    app = make_app()
    app.start()
    key(app, pygame.K_RETURN)
    assert isinstance(app.top, NewGameScreen)
    key(app, pygame.K_RETURN)
    assert isinstance(app.top, BriefingScreen)
    app = _start(make_app)
    main = app.top
    option = next(o for o in main.options() if o.possible)
    main.c.enact(option.action_id, option.region)
    blocked = next(o for o in main.c.options(main.region) if not o.possible and not o.active)
    app.apply(Push(ActionScreen(app, blocked)))
    assert app.top.focus.current.element.text == app.t("ui.common.cancel")
