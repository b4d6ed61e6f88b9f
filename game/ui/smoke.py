"""The smoke run: open the window, visit every screen, play a few turns, save a PNG of each."""

from __future__ import annotations

import tempfile
import warnings
from pathlib import Path

from game.ui.screen import Pop, Push, Screen

TURNS = 3


def _settle(app: object, frames: int = 3) -> None:
    """Run a few frames so layouts and tooltips settle."""
    for _ in range(frames):
        app.frame()  # type: ignore[attr-defined]


def run_smoke(screenshots_dir: Path | None = None, lang: str = "en",
              scenario: str = "juarez-2010", role: str = "municipal", seed: int = 1) -> int:
    """Visit every screen and play a few turns by itself; return 0 on success."""
    from game.ui.app import App
    from game.ui.screens.action import ActionScreen
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
    problem = app.session.start(scenario, role, None, seed)
    if problem is not None:
        raise RuntimeError(problem)
    main = MainScreen(app)
    app.apply(Push(main))
    app.apply(Push(TutorialScreen(app)))
    shot("tutorial")
    app.apply(Pop())
    shot("main")
    campaign = app.session.campaign
    options = [o for o in campaign.options(main.region) if o.possible and not o.active]
    if options:
        visit(ActionScreen(app, options[0]), "action")
        campaign.enact(options[0].action_id, options[0].region)
    seen_dilemma = False
    for _ in range(TURNS):
        app.apply(main.end_turn())
        while isinstance(app.top, DilemmaScreen):
            if not seen_dilemma:
                shot("dilemma")
                seen_dilemma = True
            d = app.top.dilemma
            app.apply(app.top._answer(d.default or d.choices[0])())
        if isinstance(app.top, ResultsScreen):
            shot("results")
            app.apply(app.top.close())
        while isinstance(app.top, DilemmaScreen):
            if not seen_dilemma:
                shot("dilemma")
                seen_dilemma = True
            d = app.top.dilemma
            app.apply(app.top._answer(d.default or d.choices[0])())
        _settle(app, 1)
    if not seen_dilemma:
        from game.campaign import Dilemma

        event = "capture_siege"
        choices = [c.id for c in campaign.pack.events[event].choices]
        fake = Dilemma(event, main.region or "", choices, choices[0])
        visit(DilemmaScreen(app, fake), "dilemma")
    shot("main_later")
    visit(ChartsScreen(app, main.region), "charts")
    visit(PauseScreen(app), "pause")
    visit(SavesScreen(app, "save"), "save")
    app.apply(Push(DebriefScreen(app)))
    shot("debrief")
    app.apply(Pop())
    app.running = False
    return 0
