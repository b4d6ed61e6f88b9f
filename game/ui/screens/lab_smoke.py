"""The smoke run's visit of history mode, the policy lab and two paths (from game/ui/smoke.py).

History played by the model to the end beside the real count, with 2010-Q1 picked and then
Ciudad Juárez; the lab running history's plan and then a plan of cards beside it; taking over
in 2010-Q1, a quarter played, the charts with history's path beside the new one, and the
two paths side by side.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from game.ui.screen import Pop, Push

if TYPE_CHECKING:
    from game.ui.app import App

SMOKE_WORLDS = 100
"""Worlds the smoke run's lab runs (the game's default is 1,000)."""
WAIT_LIMIT_S = 300.0
"""Longest the smoke run waits for an animation or the lab's worker (a busy machine is slow;
a hang is not)."""
FRAME_S = 1 / 60


def frames_until(app: App, done: Callable[[], bool], worker: bool = False) -> None:
    """Run frames until `done()`; fail after WAIT_LIMIT_S: a scripted run (the smoke run,
    the tests) must not hang.

    With `worker` (the lab's thread runs), a frame comes every 1/60 s as in the game's loop,
    so the thread gets the interpreter between frames; history mode plays in the frames
    themselves, so they follow each other at once.
    """
    deadline = time.monotonic() + WAIT_LIMIT_S
    while not done():
        if time.monotonic() > deadline:
            raise RuntimeError("a scripted run waited too long for its screen")
        app.frame(dt=FRAME_S)
        if worker:
            time.sleep(FRAME_S / 4)


def visit_history_and_lab(app: App, shot: Callable[[str], None]) -> None:
    """Photograph history mode, the lab (one plan, then two) and the two paths of a game."""
    from game.play.commands import EnactIntervention
    from game.play.plan import Step
    from game.ui.screens.charts import ChartsScreen
    from game.ui.screens.history import HistoryScreen
    from game.ui.screens.lab import LabScreen
    from game.ui.screens.main import MainScreen
    from game.ui.screens.paths import PathsScreen

    history = HistoryScreen(app)
    app.apply(Push(history))
    frames_until(app, lambda: not history.animating())
    history.select(14)
    shot("history")
    app.apply(history.assign(scope="juarez")())
    shot("history_juarez")
    app.apply(history.open_lab())
    lab = app.top
    assert isinstance(lab, LabScreen)
    lab.runs = SMOKE_WORLDS
    lab.world = lab.world.__class__(lab.world.scenario, lab.world.role, lab.world.region,
                                    lab.world.seed, 24)
    app.apply(lab.start("A")())
    shot("lab_running")
    frames_until(app, lambda: not lab.animating(), worker=True)
    shot("lab")
    lab.source = "cards"
    lab.cards = [Step(6, EnactIntervention("social_programs", "juarez")),
                 Step(6, EnactIntervention("fund_local_police", "juarez"))]
    app.apply(lab.start("B")())
    frames_until(app, lambda: not lab.animating(), worker=True)
    app.apply(lab.assign(measure="legitimacy")())
    shot("lab_compare")
    app.apply(Pop())
    app.apply(history.assign(scope=None)())
    app.apply(history.take_over())
    main = app.top
    assert isinstance(main, MainScreen)
    app.session.coach_pending = False
    campaign = main.c
    campaign.resolve_quarter()
    main.rebuild()
    shot("main_history")
    app.apply(Push(ChartsScreen(app, "juarez")))
    shot("charts_history")
    app.apply(Pop())
    app.apply(Push(PathsScreen(app)))
    shot("paths")
    app.apply(Pop())
