"""Classroom UI: joining a workshop by code, predictions, result files, hot seat, assumptions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame
from conftest import (
    card_button,
    click,
    find_button,
    key,
    new_game_by_mouse,
    play_to_verdict,
    tab_to,
)

MAX_STEPS = 200


def type_text(app: Any, text: str) -> None:
    """Type characters into the focused text box, as the keyboard would."""
    for ch in text:
        app.frame([pygame.event.Event(pygame.TEXTINPUT, text=ch)])
    app.frame()


def clear_text(app: Any, entry: Any) -> None:
    """Empty a text box."""
    entry.set_text("")
    app.frame()


def workshop_code(**settings: Any) -> str:
    """The code of a workshop made with the shipped content."""
    from game.classroom.workshops import Workshops
    from game.core import paths

    workshops = Workshops.load(paths.content_root())
    data = {"scenario": "juarez-2010", "seed": 7, "role": "municipal", "turns": 3,
            "actions": ["vet_police", "community_policing"], "timer_minutes": 5, **settings}
    return str(workshops.code(workshops.from_data(data)))


def test_join_workshop_by_code_predict_and_write_result(make_app: Any, tmp_path: Path) -> None:
    """A mistyped code is caught; the right one starts the workshop's game; a prediction is
    scored on the results screen and in the debrief; the result file reads back."""
    from game.classroom.result_files import read_result
    from game.ui.screens.main import MainScreen
    from game.ui.screens.prediction import PredictionScreen
    from game.ui.screens.results import ResultsScreen
    from game.ui.screens.workshop import WorkshopScreen

    code = workshop_code()
    app = make_app("en")
    app.start()
    t = app.t
    tab_to(app, t("ui.title.workshop"))
    key(app, pygame.K_RETURN)
    screen = app.top
    assert isinstance(screen, WorkshopScreen)
    # a typo in the last character: the check character catches it
    last = code[-1]
    wrong = code[:-1] + ("0" if last != "0" else "1")
    type_text(app, wrong.lower())
    key(app, pygame.K_RETURN)
    assert screen.workshop is None
    assert screen.error == t("workshop.error.typo")
    # lower case and without dashes is fine
    clear_text(app, screen.code_entry)
    app.manager.set_focus_set(screen.code_entry)
    type_text(app, code.replace("-", "").lower())
    assert screen.code_entry.get_text() == code.replace("-", "")
    key(app, pygame.K_RETURN)
    assert screen.workshop is not None and screen.error == ""
    assert t("ui.workshop.timer", minutes=5) in screen.settings_html()
    names = ", ".join(t(f"action.{a}.name") for a in ("community_policing", "vet_police"))
    assert t("ui.workshop.actions_some", count=2, names=names) in screen.settings_html()
    # Start without a name asks for one; then type it
    click(app, find_button(app, t("ui.workshop.start")))
    assert screen.error == t("ui.workshop.name_needed")
    app.manager.set_focus_set(screen.name_entry)
    type_text(app, "Team 3")
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)  # the briefing: start the first quarter
    from game.ui.screens.coach import CoachScreen

    assert isinstance(app.top, CoachScreen)  # workshop players get the guided quarter
    key(app, pygame.K_ESCAPE)
    main = app.top
    assert isinstance(main, MainScreen)
    session = app.session.game
    assert session is not None
    assert session.player == "Team 3" and session.workshop is not None
    assert session.turns == 3
    assert {o.action_id for o in main.options()} <= {"vet_police", "community_policing"}
    assert main.timer_button is not None and main.timer_button.text in ("5:00", "4:59", "4:58")
    # predict the first quarter by keyboard: F (violence falls), R (trust rises), then confirm
    key(app, pygame.K_e, "e")
    assert isinstance(app.top, PredictionScreen)
    key(app, pygame.K_f, "f")
    key(app, pygame.K_r, "r")
    click(app, find_button(app, t("ui.predict.confirm")))
    assert isinstance(app.top, ResultsScreen)
    scored = session.scored_predictions()
    assert len(scored) == 1 and scored[0]["violence"] == "fall"
    assert t("ui.results.prediction") in app.top._prediction_lines()[0]
    key(app, pygame.K_ESCAPE)
    play_to_verdict(app, MAX_STEPS)
    click(app, find_button(app, t("ui.verdict.debrief")))
    debrief = app.top
    right = sum(bool(v) for v in scored[0]["right"].values())
    assert t("ui.debrief.calibration", right=right, total=2) in debrief.summary_html()
    # the end of the term wrote the result file, with the checksum the report needs
    path = app.session.result_path
    assert path is not None and path.parent == app.session.results_dir
    assert path.name in debrief.exported and str(path.parent) in debrief.exported
    doc = read_result(path)
    body = doc["body"]
    assert body["player"] == "Team 3"
    assert body["workshop"]["code"] == code
    assert body["setup"]["turns_played"] == 3
    assert [p["turn"] for p in body["predictions"]] == [1]
    # and "Save result file" opens the hand-in screen, which saves another one where asked
    from game.ui.screens.hand_in import HandInScreen

    click(app, find_button(app, t("ui.debrief.export_json")))
    hand_in = app.top
    assert isinstance(hand_in, HandInScreen) and hand_in.code.startswith("PLR-")
    assert hand_in.folder_entry is not None
    hand_in.folder_entry.set_text(str(tmp_path / "handed-in"))
    hand_in.save()
    again = app.session.result_path
    assert again is not None and again != path and again.parent == tmp_path / "handed-in"
    assert read_result(again)["body"]["player"] == "Team 3"


def test_workshop_language_switches_the_ui(make_app: Any) -> None:
    """A Spanish workshop's code turns the screens to Spanish."""
    app = make_app("en")
    from game.ui.screens.workshop import WorkshopScreen

    app.start()
    click(app, find_button(app, app.t("ui.title.workshop")))
    assert isinstance(app.top, WorkshopScreen)
    type_text(app, workshop_code(language="es"))
    key(app, pygame.K_RETURN)
    assert app.settings.lang == "es" and app.top.workshop is not None
    assert find_button(app, app.t("ui.workshop.start")).text == "Empezar"


def test_hot_seat_through_the_ui(make_app: Any) -> None:
    """Federal government and the mayor of Juárez plan in turn; each pays from their budget."""
    from game.ui.screens.action import ActionScreen
    from game.ui.screens.main import MainScreen
    from game.ui.screens.results import ResultsScreen

    app = make_app("en")
    app.start()
    t = app.t
    new_game_by_mouse(app, "juarez-2010", "ui.new_game.role_hotseat")
    main = app.top
    assert isinstance(main, MainScreen)
    session = app.session.game
    assert session is not None
    c = session.campaign
    assert c.seats == [("federal", None), ("municipal", "juarez")]
    for quarter in range(3):
        assert session.seat == 0 and main.seat_name(0) == t("ui.seat.federal")
        assert main.banner_label.text == t("ui.seat.federal")
        if quarter == 0:
            budgets = [c.budget_left(0), c.budget_left(1)]
            option = next(o for o in main.options() if o.possible and not o.active
                          and o.cost_money > 0)
            click(app, card_button(app, option))
            assert isinstance(app.top, ActionScreen)
            click(app, find_button(app, t("ui.action.enact")))
            assert c.budget_left(0) < budgets[0] and c.budget_left(1) == budgets[1]
        click(app, find_button(app, t("ui.seat.pass", seat=t("ui.seat.mayor",
                                                              city=t("region.juarez")))))
        assert session.seat == 1 and main.region == "juarez"
        if quarter == 0:
            budgets = [c.budget_left(0), c.budget_left(1)]
            option = next(o for o in main.options() if o.possible and not o.active
                          and o.cost_money > 0)
            assert option.region == "juarez"
            click(app, card_button(app, option))
            click(app, find_button(app, t("ui.action.enact")))
            assert c.budget_left(1) < budgets[1] and c.budget_left(0) == budgets[0]
            assert c.decisions[-1]["seat"] == 1
        click(app, find_button(app, t("ui.main.end_turn")))
        assert isinstance(app.top, ResultsScreen) and c.turn == quarter + 1
        key(app, pygame.K_ESCAPE)
        for _ in range(10):
            if app.top is main:
                break
            key(app, pygame.K_1, "1")
        assert app.top is main


def test_assumptions_panel_shows_a_difference(make_app: Any) -> None:
    """Switching a mechanism off replays the same game on the same seed, and it differs."""
    from game.ui.screens.assumptions import AssumptionsScreen, homicides_of
    from game.ui.screens.main import MainScreen

    app = make_app("es")
    app.start()
    assert app.session.start("juarez-2010", "federal", None, 5) is None
    app.apply(__import__("game.ui.screen", fromlist=["Push"]).Push(MainScreen(app)))
    for _ in range(3):
        app.session.campaign.end_turn()
    key(app, pygame.K_ESCAPE)
    t = app.t
    click(app, find_button(app, t("ui.pause.assumptions")))
    panel = app.top
    assert isinstance(panel, AssumptionsScreen)
    name = t("assumption.competition_violence.name")
    click(app, find_button(app, name))
    click(app, find_button(app, t("ui.assumptions.turn_off")))
    assert find_button(app, f"{name}{t('ui.assumptions.off_mark')}")
    click(app, find_button(app, t("ui.assumptions.show")))
    other = panel.other
    assert other is not None and other.turn == 3 and other.seed == 5
    assert other.overrides and homicides_of(other) != homicides_of(app.session.campaign)
    assert t("ui.assumptions.your_decisions", turns=3, seed=5) in panel.note()


def test_a_saved_workshop_game_keeps_its_workshop_player_and_predictions(make_app: Any) -> None:
    """Load brings back the workshop's rules, the team name, the predictions and the length."""
    from game.classroom.workshops import Workshops
    from game.core import paths
    from game.play.predictions import Prediction

    app = make_app()
    workshops = Workshops.load(paths.content_root())
    workshop = workshops.from_code(workshop_code(turns=14))
    assert app.session.start_workshop(workshop, "Team Jaguar") is None
    game = app.session.game
    assert game is not None
    game.predictions.append(Prediction(1, "fall", "rise"))
    game.campaign.end_turn()
    assert app.session.save("slot1") is None

    other = make_app()
    assert other.session.load("slot1") is None
    session = other.session.game
    assert session is not None
    assert session.player == "Team Jaguar"
    assert session.workshop_code == game.workshop_code
    assert session.enabled_actions() == {"vet_police", "community_policing"}
    assert session.campaign.term_turns == 14  # past the mayor's 12-quarter term
    assert [(p.turn, p.violence, p.legitimacy) for p in session.predictions] == [
        (1, "fall", "rise")]
    assert session.campaign.fingerprint() == game.campaign.fingerprint()


def test_predictions_turned_on_mid_game_are_asked_from_the_next_quarter(
        make_app: Any) -> None:
    """Menu, Settings, Predictions: Yes, back to the game, End quarter: the prediction is
    asked (not only in the next game); turned off again, the next quarter goes straight to
    its results."""
    from conftest import click, find_button
    from test_relayout import _main_screen

    from game.ui.screen import Pop, Push
    from game.ui.screens.pause import PauseScreen
    from game.ui.screens.prediction import PredictionScreen
    from game.ui.screens.results import ResultsScreen
    from game.ui.screens.settings import SettingsScreen

    app, main = _main_screen(make_app)

    def set_predictions(on: bool) -> None:
        app.apply(Push(PauseScreen(app)))
        app.apply(Push(SettingsScreen(app)))
        row = [item.element for item in app.top.focus.items
               if getattr(item.element, "text", None) == app.t(
                   "ui.common.on" if on else "ui.common.off")]
        click(app, row[-1])  # the Predictions row is the last Off/On row
        assert app.settings.predictions is on
        app.apply(Pop())
        app.apply(Pop())
        assert app.top is main

    set_predictions(True)
    app.apply(main.end_turn())
    assert isinstance(app.top, PredictionScreen)
    click(app, find_button(app, app.t("ui.predict.skip")))
    assert isinstance(app.top, ResultsScreen)
    app.apply(app.top.close())
    while app.top is not main:  # the quarter's dilemmas
        app.apply(app.top._answer(app.top.dilemma.choices[0])())
    set_predictions(False)
    app.apply(main.end_turn())
    while not isinstance(app.top, (ResultsScreen, PredictionScreen)):
        app.apply(app.top._answer(app.top.dilemma.choices[0])())
    assert isinstance(app.top, ResultsScreen)
