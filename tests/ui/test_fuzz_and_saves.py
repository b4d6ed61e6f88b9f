"""Random input raises nothing; saves load identically; damaged or newer saves are refused."""

from __future__ import annotations

import json
import random
from typing import Any

import pygame

KEYS = (pygame.K_TAB, pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_UP, pygame.K_DOWN,
        pygame.K_LEFT, pygame.K_RIGHT, pygame.K_SPACE, pygame.K_e, pygame.K_c, pygame.K_g,
        pygame.K_s, pygame.K_n, pygame.K_p, pygame.K_l, pygame.K_1, pygame.K_2, pygame.K_F1,
        pygame.K_a, pygame.K_5, pygame.K_i, pygame.K_b)


EVENTS = 1200
"""Random events in the fuzz run: enough to reach every screen (a few seconds)."""


def _random_event(rng: random.Random, size: tuple[int, int]) -> pygame.event.Event:
    """One random key press, mouse click or motion."""
    roll = rng.random()
    pos = (rng.randrange(size[0]), rng.randrange(size[1]))
    if roll < 0.45:
        k = rng.choice(KEYS)
        mod = pygame.KMOD_SHIFT if rng.random() < 0.1 else 0
        return pygame.event.Event(pygame.KEYDOWN, key=k, unicode=pygame.key.name(k)[:1],
                                  mod=mod, scancode=0)
    if roll < 0.65:
        return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
    if roll < 0.82:
        return pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)
    return pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)


def test_random_events(make_app: Any) -> None:
    """Keys and clicks at random on whatever screen comes up; restart if the game quits."""
    from game.ui.screen import Push
    from game.ui.screens.main import MainScreen

    rng = random.Random(7)
    app = make_app("en")
    app.start()
    assert app.session.start("guerrero-2019", "federal", None, 2) is None
    app.apply(Push(MainScreen(app)))
    names: set[str] = set()
    batch: list[pygame.event.Event] = []
    for i in range(EVENTS):
        batch.append(_random_event(rng, app.window.get_size()))
        if len(batch) == 5 or i == EVENTS - 1:
            app.frame(batch)
            batch = []
            names.add(type(app.top).__name__ if app.top else "none")
            if not app.running or app.top is None:
                app.running = True
                app.stack.clear()
                app.start()
            if app.session.campaign is None or app.session.campaign.is_over:
                app.session.start("juarez-2010", "municipal", None, i)
    assert len(names) >= 6, names


def test_save_load_is_identical(make_app: Any) -> None:
    """A saved game loads to the same state (same fingerprint, same records)."""
    app = make_app()
    app.start()
    assert app.session.start("juarez-2010", "municipal", None, 5) is None
    c = app.session.campaign
    option = next(o for o in c.options("juarez") if o.possible)
    c.enact(option.action_id, option.region)
    for _ in range(3):
        c.end_turn()
    assert app.session.save("slot1") is None
    fingerprint = c.fingerprint()
    assert app.session.load("slot1") is None
    loaded = app.session.campaign
    assert loaded is not c
    assert loaded.fingerprint() == fingerprint and loaded.turn == 3


def test_damaged_and_newer_saves_are_refused(make_app: Any) -> None:
    """Both get a clear message and the current game stays as it was."""
    from game.ui.screens.saves import SavesScreen

    app = make_app()
    app.start()
    assert app.session.start("juarez-2010", "federal", None, 1) is None
    current = app.session.campaign
    app.session.slots.path("slot2").write_text("{not json", encoding="utf-8")
    problem = app.session.load("slot2")
    assert problem and app.session.campaign is current
    data = current.to_save()
    data["version"] = 999
    app.session.slots.path("slot3").write_text(json.dumps(data), encoding="utf-8")
    problem = app.session.load("slot3")
    assert problem and app.session.campaign is current
    # through the screen: a message appears and the stack is intact
    from game.ui.screen import Push

    app.apply(Push(SavesScreen(app)))
    screen = app.top
    screen._pick("slot2")()
    assert type(app.top).__name__ == "MessageScreen"
    app.frame()
