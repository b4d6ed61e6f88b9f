"""The smoke run: open the window, visit every screen, play a few turns, save a PNG of each."""

from __future__ import annotations

import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from game.ui.screen import Pop, Push, Screen

if TYPE_CHECKING:
    from game.classroom.workshops import Workshops
    from game.ui.app import App

TURNS = 3


def _settle(app: App, frames: int = 3) -> None:
    """Run a few frames so layouts and tooltips settle."""
    for _ in range(frames):
        app.frame()


def run_smoke(screenshots_dir: Path | None = None, lang: str = "en",
              scenario: str = "juarez-2010", role: str = "municipal", seed: int = 1) -> int:
    """Visit every screen and play a few turns by itself; return 0 on success."""
    from game.ui.app import App
    from game.ui.screens.action import ActionScreen
    from game.ui.screens.assumptions import AssumptionsScreen
    from game.ui.screens.charts import ChartsScreen
    from game.ui.screens.credits import CreditsScreen
    from game.ui.screens.debrief import DebriefScreen
    from game.ui.screens.dilemma import DilemmaScreen
    from game.ui.screens.help import HelpScreen
    from game.ui.screens.library import LibraryScreen
    from game.ui.screens.main import MainScreen
    from game.ui.screens.new_game import NewGameScreen
    from game.ui.screens.note import ContentNoteScreen
    from game.ui.screens.pause import PauseScreen
    from game.ui.screens.prediction import PredictionScreen
    from game.ui.screens.results import ResultsScreen
    from game.ui.screens.saves import SavesScreen
    from game.ui.screens.settings import SettingsScreen
    from game.ui.screens.tutorial import TutorialScreen

    warnings.simplefilter("ignore", UserWarning)
    scratch = Path(tempfile.mkdtemp(prefix="plaza-smoke-"))
    app = App(lang, settings_dir=scratch, saves_dir=scratch / "saves")
    suffix = f"_{lang}"

    def shot(name: str) -> None:
        _settle(app)
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
                         (HelpScreen(app), "help"), (SavesScreen(app, "load"), "load")):
        visit(screen, name)
    _classroom_screens(app, shot, visit, lang)
    app.settings.predictions = True
    problem = app.session.start(scenario, role, None, seed)
    if problem is not None:
        raise RuntimeError(problem)
    main = MainScreen(app)
    app.apply(Push(main))
    app.apply(Push(TutorialScreen(app)))
    shot("tutorial")
    app.apply(Pop())
    shot("main")
    campaign = main.c
    options = [o for o in campaign.options(main.region) if o.possible and not o.active]
    if options:
        visit(ActionScreen(app, options[0]), "action")
        campaign.enact(options[0].action_id, options[0].region)
    seen_dilemma = False

    def answer_dilemmas() -> None:
        """Answer each dilemma on top with its default, photographing the first one met."""
        nonlocal seen_dilemma
        while isinstance(app.top, DilemmaScreen):
            if not seen_dilemma:
                shot("dilemma")
                seen_dilemma = True
            d = app.top.dilemma
            app.apply(app.top._answer(d.default or d.choices[0])())

    for turn in range(TURNS):
        app.apply(main.end_turn())
        while isinstance(app.top, DilemmaScreen):
            d = app.top.dilemma
            app.apply(app.top._answer(d.default or d.choices[0])())
            app.apply(main.end_turn())
        if isinstance(app.top, PredictionScreen):
            prompt = app.top
            app.apply(prompt._choose("violence", "fall")())
            app.apply(prompt._choose("legitimacy", "rise")())
            if turn == 0:
                shot("prediction")
            app.apply(prompt.confirm())
        answer_dilemmas()
        if isinstance(app.top, ResultsScreen):
            shot("results")
            app.apply(app.top.close())
        answer_dilemmas()
        _settle(app, 1)
    if not seen_dilemma:
        from game.play.registry import Dilemma

        event = "capture_siege"
        choices = [c.id for c in campaign.pack.events[event].choices]
        fake = Dilemma(event, main.region or "", choices, choices[0])
        visit(DilemmaScreen(app, fake), "dilemma")
    shot("main_later")
    visit(ChartsScreen(app, main.region), "charts")
    visit(PauseScreen(app), "pause")
    app.apply(Push(PauseScreen(app)))
    app.apply(app.top.result())  # type: ignore[union-attr]
    shot("result_saved")
    app.apply(Pop())
    app.apply(Pop())
    visit(AssumptionsScreen(app), "assumptions_game")
    visit(SavesScreen(app, "save"), "save")
    app.apply(Push(DebriefScreen(app)))
    shot("debrief")
    app.apply(Pop())
    app.settings.predictions = False
    _hot_seat_and_workshop_main(app, shot, lang)
    from game.ui.screens.desk_smoke import visit_desk

    visit_desk(app, shot, visit, lang, scratch)
    from game.ui.screens.lab_smoke import visit_history_and_lab

    visit_history_and_lab(app, shot)
    app.running = False
    return 0


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
    main = MainScreen(app)
    app.apply(Push(main))
    shot("main_hotseat_federal")
    app.apply(main.pass_seat())
    shot("main_hotseat_mayor")
    app.apply(Pop())
    workshop = _workshops(app).from_code(_workshop_code(app, lang))
    if app.session.start_workshop(workshop, "Team 3") is not None:
        raise RuntimeError("workshop did not start")
    app.apply(Push(MainScreen(app)))
    shot("main_workshop")
    app.apply(Pop())
