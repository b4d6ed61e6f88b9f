"""The smoke run: open the window, visit every screen, play a whole term, save a PNG of each.

`run_smoke(dir, lang, size=(1920, 1080), scale=150)` photographs the same screens at any
window size and UI scale: the briefing, the guided first quarter's coach marks, a tooltip
shown, the map with another region selected, a card with its advisors, every indicator, a
dilemma, the results and their Why?, the verdict and the debrief, and the classroom screens.
"""

from __future__ import annotations

import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from game.ui.screen import Pop, Push, Screen

if TYPE_CHECKING:
    from game.classroom.workshops import Workshops
    from game.ui.app import App
    from game.ui.screens.main import MainScreen

TOOLTIP_SECONDS = 1.2
"""How long the smoke run hovers a card so its tooltip shows."""


def settle(app: App, frames: int = 3, dt: float = 1 / 60) -> None:
    """Run a few frames so layouts and tooltips settle."""
    for _ in range(frames):
        app.frame(dt=dt)


def hover(app: App, element: Any, seconds: float = TOOLTIP_SECONDS) -> None:
    """Move the mouse over an element and wait until its tooltip shows."""
    pos = element.get_abs_rect().center
    app.keyboard_mode = False
    pygame.mouse.set_pos(pos)
    app.frame([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))])
    steps = max(1, round(seconds / 0.1))
    for _ in range(steps):
        app.frame(dt=0.1)


def run_smoke(screenshots_dir: Path | None = None, lang: str = "en",
              scenario: str = "juarez-2010", role: str = "municipal", seed: int = 1,
              size: tuple[int, int] = (1280, 720), scale: int = 100) -> int:
    """Visit every screen and play a whole term by itself; return 0 on success."""
    from game.ui.app import App
    from game.ui.screens.briefing import BriefingScreen
    from game.ui.screens.coach import CoachScreen
    from game.ui.screens.credits import CreditsScreen
    from game.ui.screens.help import HelpScreen
    from game.ui.screens.library import LibraryScreen
    from game.ui.screens.main import MainScreen
    from game.ui.screens.new_game import NewGameScreen
    from game.ui.screens.note import ContentNoteScreen
    from game.ui.screens.saves import SavesScreen
    from game.ui.screens.settings import SettingsScreen

    warnings.simplefilter("ignore", UserWarning)
    scratch = Path(tempfile.mkdtemp(prefix="plaza-smoke-"))
    app = App(lang, settings_dir=scratch, saves_dir=scratch / "saves", size=size)
    if scale != app.settings.scale:
        app.set_scale(scale)
    suffix = f"_{lang}"

    def shot(name: str) -> None:
        settle(app)
        if screenshots_dir is not None:
            app.screenshot(screenshots_dir / f"{name}{suffix}.png")

    def visit(screen: Screen, name: str) -> None:
        app.apply(Push(screen))
        shot(name)
        app.apply(Pop())

    app.start()
    if isinstance(app.top, ContentNoteScreen):
        shot("content_note")
        app.apply(Pop())
    shot("title")
    for screen, name in ((NewGameScreen(app), "new_game"), (SettingsScreen(app), "settings"),
                         (CreditsScreen(app), "credits"), (LibraryScreen(app), "glossary"),
                         (LibraryScreen(app, tab="findings"), "findings"),
                         (SavesScreen(app, "load"), "load")):
        visit(screen, name)
    _classroom_screens(app, shot, visit, lang)
    app.settings.predictions = True
    problem = app.session.start(scenario, role, None, seed)
    if problem is not None:
        raise RuntimeError(problem)
    app.session.coach_pending = True
    app.apply(Push(BriefingScreen(app)))
    shot("briefing")
    app.apply(app.top.start())  # type: ignore[union-attr]
    settle(app, 2)
    main = app.top
    if isinstance(main, CoachScreen):
        coach = main
        main = app.stack[-2]
        for step in list(coach.steps):
            shot(f"coach_{step}")
            app.apply(coach.next_step())
    assert isinstance(main, MainScreen)
    shot("main")
    visit(HelpScreen(app), "help")
    _main_screen_details(app, main, shot, visit)
    _play_term(app, main, shot)
    _hot_seat_and_workshop_main(app, shot, lang)
    from game.ui.screens.desk_smoke import visit_desk

    visit_desk(app, shot, visit, lang, scratch)
    from game.ui.screens.lab_smoke import visit_history_and_lab

    visit_history_and_lab(app, shot)
    app.running = False
    return 0


def _main_screen_details(app: App, main: Any, shot: Callable[[str], None],
                         visit: Callable[[Screen, str], None]) -> None:
    """A tooltip shown over a card, a card's dialog with its advisors, every indicator, the
    map with another region selected, and the card enacted."""
    from game.ui.screens.action import ActionScreen
    from game.ui.screens.indicators import IndicatorsScreen

    campaign = main.c
    options = [o for o in campaign.options(main.region) if o.possible and not o.active]
    summary = app.t(f"action.{options[0].action_id}.summary") if options else "\0"
    card = next((item.element for item in main.focus.items if item.hint.startswith(summary)),
                None)
    if card is not None:
        hover(app, card)
        shot("tooltip")
        pygame.mouse.set_pos((1, 1))
        app.frame([pygame.event.Event(pygame.MOUSEMOTION, pos=(1, 1), rel=(0, 0),
                                      buttons=(0, 0, 0))])
    if options:
        visit(ActionScreen(app, options[0]), "action")
        campaign.enact(options[0].action_id, options[0].region)
        main.rebuild()
    visit(IndicatorsScreen(app, main.region), "indicators")
    ids = main.region_ids()
    if len(ids) > 1:
        home = main.region
        app.apply(main.cycle_region(1))
        shot("main_region")
        main.region = home
        main.rebuild()


def _play_term(app: App, main: MainScreen, shot: Callable[[str], None]) -> None:
    """Play every quarter to the verdict: dilemmas, predictions, results (with the guided
    quarter's last marks), then the charts, pause, saves, verdict and debrief."""
    from game.ui.screens.assumptions import AssumptionsScreen
    from game.ui.screens.charts import ChartsScreen
    from game.ui.screens.coach import CoachScreen
    from game.ui.screens.debrief import DebriefScreen
    from game.ui.screens.dilemma import DilemmaScreen
    from game.ui.screens.main import MainScreen
    from game.ui.screens.pause import PauseScreen
    from game.ui.screens.prediction import PredictionScreen
    from game.ui.screens.results import ResultsScreen
    from game.ui.screens.saves import SavesScreen
    from game.ui.screens.verdict import VerdictScreen

    seen: set[str] = set()

    def once(name: str) -> None:
        if name not in seen:
            seen.add(name)
            shot(name)

    def visit(screen: Screen, name: str) -> None:
        app.apply(Push(screen))
        shot(name)
        app.apply(Pop())

    steps = 0
    while not isinstance(app.top, VerdictScreen):
        steps += 1
        if steps > 400:
            raise RuntimeError("the term did not end")
        top = app.top
        if isinstance(top, DilemmaScreen):
            once("dilemma")
            d = top.dilemma
            app.apply(top._answer(d.default or d.choices[0])())
        elif isinstance(top, PredictionScreen):
            app.apply(top._choose("violence", "fall")())
            app.apply(top._choose("legitimacy", "rise")())
            once("prediction")
            app.apply(top.confirm())
        elif isinstance(top, CoachScreen):
            for step in list(top.steps):
                shot(f"coach_{step}")
                app.apply(top.next_step())
        elif isinstance(top, ResultsScreen):
            settle(app, 2)
            if isinstance(app.top, CoachScreen):
                continue
            once("results")
            if main.c.turn == 3:
                app.apply(top.assign(indicator="legitimacy")())
                shot("results_trust")
            app.apply(top.close())
        elif isinstance(top, MainScreen):
            if main.c.turn == 4 and "main_later" not in seen:
                once("main_later")
                visit(ChartsScreen(app, main.region), "charts")
                visit(PauseScreen(app), "pause")
                app.apply(Push(PauseScreen(app)))
                app.apply(app.top.result())  # type: ignore[union-attr]
                shot("result_saved")
                app.apply(Pop())
                app.apply(Pop())
                visit(AssumptionsScreen(app), "assumptions_game")
                saves = SavesScreen(app, "save")
                app.apply(Push(saves))
                app.apply(saves._pick("slot1")())
                app.apply(saves._pick("slot1")())
                shot("save")
                app.apply(Pop())
            app.apply(main.end_turn())
        else:
            settle(app, 1)
            if app.top is top:
                raise RuntimeError(f"the smoke run is stuck on {type(top).__name__}")
    shot("verdict")
    verdict = app.top
    assert isinstance(verdict, VerdictScreen)
    app.apply(verdict.debrief())
    assert isinstance(app.top, DebriefScreen)
    shot("debrief")
    app.settings.predictions = False
    if "dilemma" not in seen:
        from game.play.registry import Dilemma
        from game.ui.screens.dilemma import DilemmaScreen as Dialog

        event = "capture_siege"
        choices = [c.id for c in main.c.pack.events[event].choices]
        fake = Dilemma(event, main.c.world.region_ids[0], choices, choices[0])
        visit(Dialog(app, fake), "dilemma")


def _workshops(app: App) -> Workshops:
    """The workshop reader of the shipped content (which the smoke run needs)."""
    workshops = app.session.workshops
    if workshops is None:
        raise RuntimeError(f"the content did not load: {app.session.pack_error}")
    return workshops


def _workshop_code(app: App, lang: str, **settings: object) -> str:
    """A workshop code made with the shipped content (in the smoke run's language)."""
    workshops = _workshops(app)
    data = {"scenario": "juarez-2010", "seed": 7, "role": "municipal", "turns": 6,
            "actions": ["vet_police", "community_policing", "local_social_programs"],
            "switches": {"military_backfire": False}, "timer_minutes": 8, "language": lang,
            **settings}
    return str(workshops.code(workshops.from_data(data)))


def _classroom_screens(app: App, shot: Callable[[str], None],
                       visit: Callable[[Screen, str], None], lang: str) -> None:
    """The workshop code box (empty, mistyped, read), hot-seat setup, the assumptions panel."""
    from game.ui.screens.assumptions import AssumptionsScreen
    from game.ui.screens.new_game import HOT_SEAT, NewGameScreen
    from game.ui.screens.workshop import WorkshopScreen

    code = _workshop_code(app, lang)
    join = WorkshopScreen(app)
    app.apply(Push(join))
    shot("workshop")
    join.code_text = code[:-1] + ("0" if code[-1] != "0" else "1")
    join.rebuild()
    join.check()
    shot("workshop_error")
    join.code_text = code.lower()
    join.name_text = "Equipo 3" if lang == "es" else "Team 3"
    join.rebuild()
    join.check()
    shot("workshop_ready")
    app.apply(Pop())
    new_game = NewGameScreen(app)
    new_game.scenario = "guerrero-2019"
    new_game.role = HOT_SEAT
    visit(new_game, "new_game_hotseat")
    panel = AssumptionsScreen(app)
    app.apply(Push(panel))
    panel.show()
    shot("assumptions")
    app.apply(Pop())


def _hot_seat_and_workshop_main(app: App, shot: Callable[[str], None], lang: str) -> None:
    """The main screen of a hot-seat game (the mayor planning) and of a timed workshop."""
    from game.ui.screens.main import MainScreen

    if app.session.start_hot_seat("guerrero-2019", ["montana", "acapulco"], 3) is not None:
        raise RuntimeError("hot seat did not start")
    app.session.coach_pending = False
    main = MainScreen(app)
    app.apply(Push(main))
    shot("main_hotseat_federal")
    app.apply(main.pass_seat())
    shot("main_hotseat_mayor")
    app.apply(Pop())
    workshop = _workshops(app).from_code(_workshop_code(app, lang))
    if app.session.start_workshop(workshop, "Team 3") is not None:
        raise RuntimeError("workshop did not start")
    app.session.coach_pending = False
    app.apply(Push(MainScreen(app)))
    shot("main_workshop")
    app.apply(Pop())
