"""Whole terms through the UI alone: a mayor by keyboard only, a federal government by mouse,
each from the title through the briefing to the verdict and the debrief."""

from __future__ import annotations

from typing import Any

import pygame
from conftest import (
    card_button,
    click,
    find_button,
    key,
    play_to_verdict,
    tab_to,
)

MAX_STEPS = 400


def test_mayor_term_by_keyboard_only(make_app: Any) -> None:
    """Title -> new game (Juárez, mayor) -> briefing -> a card -> 12 quarters -> the verdict,
    whose election and lives come from the term -> the debrief, keys only."""
    from game.ui.screens.briefing import BriefingScreen
    from game.ui.screens.debrief import DebriefScreen
    from game.ui.screens.main import MainScreen
    from game.ui.screens.verdict import VerdictScreen

    app = make_app("en")
    app.start()
    t = app.t
    tab_to(app, t("ui.title.new_game"))
    key(app, pygame.K_RETURN)
    tab_to(app, t("scenario.juarez-2010.title"))
    key(app, pygame.K_RETURN)
    tab_to(app, t("ui.new_game.role_municipal", years=3, turns=12))
    key(app, pygame.K_RETURN)
    tab_to(app, t("ui.new_game.start"))
    key(app, pygame.K_RETURN)
    assert isinstance(app.top, BriefingScreen)
    key(app, pygame.K_RETURN)
    assert isinstance(app.top, MainScreen)
    campaign = app.session.campaign
    assert campaign.role == "municipal" and campaign.region == "juarez"
    # enact the first affordable card by keyboard: Tab to it, Enter opens it, Enter enacts
    main = app.top
    option = next(o for o in main.options() if o.possible and not o.active)
    card_tip = t(f"action.{option.action_id}.summary")
    for _ in range(80):
        item = main.focus.current
        if item is not None and item.hint.startswith(card_tip):
            break
        key(app, pygame.K_TAB)
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)
    assert app.top is main
    assert campaign.is_active(option.action_id, option.region)
    play_to_verdict(app, MAX_STEPS)
    assert campaign.turn == 12
    verdict = app.top
    assert isinstance(verdict, VerdictScreen)
    v = verdict.verdicts[0]
    assert abs(v.approval_end - campaign.approval(0)) < 1e-3
    assert v.election.won == (v.election.share >= 0.5)
    assert v.totals["lives"] == (
        sum(r.regions["juarez"]["true_homicides"] for r in campaign.records),
        sum(r.baseline["regions"]["juarez"]["true_homicides"] for r in campaign.records))
    shown = verdict.results_html() + verdict.research_html()
    assert t("ui.verdict.path.institutions.name") in shown or \
        t("ui.verdict.path.social.name") in shown or t("ui.verdict.path.force.name") in shown
    tab_to(app, t("ui.verdict.debrief"))
    key(app, pygame.K_RETURN)
    assert isinstance(app.top, DebriefScreen)
    app.frame()


def test_federal_term_by_mouse(make_app: Any) -> None:
    """Title -> new game (Juárez, federal, in Spanish) -> a national card and a regional one ->
    12 quarters by clicks -> the verdict -> the debrief's buttons."""
    from game.ui.screens.action import ActionScreen
    from game.ui.screens.dilemma import DilemmaScreen
    from game.ui.screens.main import MainScreen
    from game.ui.screens.results import ResultsScreen
    from game.ui.screens.verdict import VerdictScreen

    app = make_app("es")
    app.start()
    t = app.t
    click(app, find_button(app, t("ui.title.new_game")))
    click(app, find_button(app, t("scenario.juarez-2010.title")))
    click(app, find_button(app, t("ui.new_game.role_federal", years=3, turns=12)))
    click(app, find_button(app, t("ui.new_game.start")))
    click(app, find_button(app, t("ui.briefing.start")))
    assert isinstance(app.top, MainScreen)
    campaign = app.session.campaign
    assert campaign.role == "federal" and campaign.turn == 0
    main = app.top
    click(app, find_button(app, t("ui.main.scope_national")))
    option = next(o for o in main.options() if o.possible and not o.active)
    click(app, card_button(app, option))
    assert isinstance(app.top, ActionScreen)
    click(app, find_button(app, t("ui.action.enact")))
    assert app.top is main and campaign.is_active(option.action_id, None)
    # select the other region on the map: its tile is a button
    other = next(r for r in main.region_ids() if r != main.region)
    click(app, next(i.element for i in main.focus.items
                    if i.hint.startswith(t(f"region.{other}"))))
    assert main.region == other
    steps = 0
    while not isinstance(app.top, VerdictScreen):
        steps += 1
        assert steps < MAX_STEPS
        top = app.top
        if isinstance(top, DilemmaScreen):
            buttons = [i.element for i in top.focus.items]
            click(app, buttons[-1])
        elif isinstance(top, ResultsScreen):
            click(app, find_button(app, t("ui.results.continue")))
        else:
            click(app, main.end_button)
    assert campaign.turn == campaign.term_turns == 12
    click(app, find_button(app, t("ui.verdict.debrief")))
    click(app, find_button(app, t("ui.debrief.next")))
    assert app.top.next_run is not None
    app.frame()
