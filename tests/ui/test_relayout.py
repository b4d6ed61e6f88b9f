"""A language switch or resize rebuilds what shows now, and each covered screen when it shows."""

from __future__ import annotations

from typing import Any

import pygame
from pygame_gui.elements import UIButton


def _buttons(app: Any) -> set[str]:
    return {e.text for e in app.manager.get_sprite_group().sprites()
            if isinstance(e, UIButton) and e.visible and e.text}


def _main_screen(make_app: Any) -> tuple[Any, Any]:
    """An English app with a Juárez mayor's game on its main screen (no guided quarter)."""
    from game.ui.screen import Push
    from game.ui.screens.main import MainScreen

    app = make_app("en")
    app.start()
    assert app.session.start("juarez-2010", "municipal", None, 1) is None
    app.session.coach_pending = False
    main = MainScreen(app)
    app.apply(Push(main))
    return app, main


def test_screens_under_the_settings_come_back_in_the_new_language(make_app: Any) -> None:
    from game.ui.screen import Pop, Push
    from game.ui.screens.pause import PauseScreen
    from game.ui.screens.settings import SettingsScreen

    app, main = _main_screen(make_app)
    english = _buttons(app)
    app.apply(Push(PauseScreen(app)))
    app.apply(Push(SettingsScreen(app)))
    app.set_language("es")
    app.frame()
    assert [s.root is not None for s in app.stack] == [False, False, False, True]
    app.apply(Pop())
    app.apply(Pop())
    app.frame()
    assert app.top is main and main.root is not None
    spanish = _buttons(app)
    assert app.t("ui.main.end_turn") in " ".join(spanish) and not english & spanish - {"<", ">"}
    app.window = pygame.display.set_mode((1024, 600), pygame.RESIZABLE)
    app.frame([pygame.event.Event(pygame.VIDEORESIZE, size=(1024, 600), w=1024, h=600)])
    app.apply(Pop())  # back to the title, built now for the new size
    assert app.top is not None and app.top.root is not None
    assert app.top.root.get_abs_rect().size == (1024, 600)


def test_a_screen_that_only_shows_leaves_the_main_screen_as_it_was(make_app: Any) -> None:
    """Help, indicators, charts, the library, the briefing, a card's dialog and the pause
    menu closed by Back, Cancel or Esc: the main screen keeps its elements (no rebuild a
    player waits for); the pause menu after the settings were opened from it, and an enacted
    card, rebuild it, and the card shows the action as running."""
    from game.ui.screen import Pop, Push
    from game.ui.screens.action import ActionScreen
    from game.ui.screens.briefing import BriefingScreen
    from game.ui.screens.charts import ChartsScreen
    from game.ui.screens.help import HelpScreen
    from game.ui.screens.indicators import IndicatorsScreen
    from game.ui.screens.library import LibraryScreen
    from game.ui.screens.pause import PauseScreen

    app, main = _main_screen(make_app)
    app.frame()
    built = main.root
    option = next(o for o in main.options() if o.possible)
    for screen in (HelpScreen(app), IndicatorsScreen(app, main.region),
                   ChartsScreen(app, main.region), LibraryScreen(app),
                   BriefingScreen(app, again=True), ActionScreen(app, option),
                   PauseScreen(app)):
        app.apply(Push(screen))
        app.frame()
        if screen.modal:
            app.apply(Pop())
        else:
            app.frame([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, unicode="",
                                          mod=0, scancode=0)])
        assert app.top is main and main.root is built, screen.name
        assert main.root.visible, screen.name
    pause = PauseScreen(app)
    app.apply(Push(pause))
    app.apply(pause.settings())
    app.apply(Pop())  # the settings, back to the menu
    app.apply(pause.resume())
    assert app.top is main and main.root is not built
    built = main.root
    app.apply(Push(ActionScreen(app, option)))
    app.apply(app.top.enact())
    assert app.top is main and main.root is not built
    assert next(o for o in main.options() if o.action_id == option.action_id
                and o.region == option.region).active


def test_a_predicted_quarter_builds_the_main_screen_once_with_the_new_quarter(
        make_app: Any) -> None:
    """End quarter, skip the prediction, read the results, close them: the main screen is
    built once on the way (not also under the results, which cover it) and shows the next
    quarter."""
    from game.ui.screens.prediction import PredictionScreen
    from game.ui.screens.results import ResultsScreen

    app, main = _main_screen(make_app)
    assert app.session.game is not None
    app.session.game.predictions_wanted = True  # as the setting "predict each quarter" does
    builds: list[int] = []
    build = main.build

    def counted() -> None:
        builds.append(main.c.turn)
        build()

    main.build = counted  # type: ignore[method-assign]
    next_quarter = app.t("ui.main.turn_of", turn=2, turns=main.game.turns)
    assert next_quarter not in _labels(app)
    app.apply(main.end_turn())
    assert isinstance(app.top, PredictionScreen) and builds == []
    app.apply(app.top.skip())
    assert isinstance(app.top, ResultsScreen) and builds == []
    app.apply(app.top.close())  # back to the main screen, perhaps under the next dilemma
    assert builds == [1] and (app.top is main or app.top.modal)
    assert next_quarter in _labels(app)
    app.frame()
    assert builds == [1]


def _labels(app: Any) -> set[str]:
    from pygame_gui.elements import UILabel

    return {e.text for e in app.manager.get_sprite_group().sprites()
            if isinstance(e, UILabel) and e.visible and e.text}

