"""History mode, the policy lab and two paths, through their screens (SDL dummy driver)."""

from __future__ import annotations

from typing import Any

import pygame
import pytest

from game.play.history import branch_of
from game.ui.screens.lab_smoke import frames_until


def test_the_lab_runs_a_game_s_plan_and_leaves_the_game_as_it_was(make_app: Any) -> None:
    from game.ui.screen import Push
    from game.ui.screens.lab import LabScreen

    app = make_app()
    app.start()
    assert app.session.start("juarez-2010", "municipal", None, 5) is None
    game = app.session.campaign
    game.enact("vet_police", "juarez")
    game.end_turn()
    before = (game.fingerprint(), list(game.decisions), game.turn)
    lab = LabScreen(app)
    lab.runs = 100
    app.apply(Push(lab))
    assert lab.source == "game" and lab.world.seed == 5
    app.apply(lab.start("A")())
    assert lab.animating()
    frames_until(app, lambda: not lab.animating(), worker=True)
    outcome = lab.results["A"].outcome
    assert len(outcome.periods) == game.term_turns and outcome.lives_saved.shape == (100,)
    fans, lives = lab.csv_text()
    assert fans.splitlines()[0].startswith("plan,period,homicides_plan_p10")
    assert len(fans.splitlines()) == 1 + game.term_turns and len(lives.splitlines()) == 101
    app.apply(lab.start("B")())
    app.apply(lab.cancel())
    assert not lab.animating() and "B" not in lab.results
    assert (game.fingerprint(), list(game.decisions), game.turn) == before


def test_cards_by_quarter_make_a_plan(make_app: Any) -> None:
    from game.ui.screen import Push
    from game.ui.screens.lab import LabScreen

    app = make_app("es")
    app.start()
    lab = LabScreen(app, "juarez-2010")
    app.apply(Push(lab))
    app.apply(lab.assign(source="cards")())
    app.apply(lab.step_attr("card_turn", 2, lab.world.turns)())
    app.apply(lab.add_card())
    plan = lab.plan()
    assert plan is not None and [s.turn for s in plan.steps] == [3]
    assert app.t("ui.lab.empty_plan") not in lab.plan_lines(plan)[0]


def test_history_mode_plays_history_and_takes_over(make_app: Any) -> None:
    from game.ui.screen import Push
    from game.ui.screens.history import HistoryScreen
    from game.ui.screens.main import MainScreen

    app = make_app()
    app.start()
    history = HistoryScreen(app)
    app.apply(Push(history))
    frames_until(app, lambda: not history.animating())
    assert history.played.turn == 72
    for _ in range(13):
        app.frame([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RIGHT, unicode="", mod=0,
                                      scancode=0)])
    assert history.selected == 14
    assert "2010" in history.story_html()
    app.apply(history.take_over())
    assert isinstance(app.top, MainScreen)
    campaign = app.session.campaign
    assert campaign.turn == 13 and campaign.period() == "2010-Q1"
    branch = branch_of(campaign)
    assert branch is not None and branch.kind == "history" and branch.turn == 14


def test_going_back_keeps_both_paths(make_app: Any) -> None:
    from game.ui.screen import Push
    from game.ui.screens.main import MainScreen
    from game.ui.screens.paths import PathsScreen

    app = make_app()
    app.start()
    assert app.session.start("juarez-2010", "municipal", None, 2) is None
    first = app.session.campaign
    for _ in range(3):
        first.end_turn()
    paths = PathsScreen(app)
    app.apply(Push(paths))
    assert app.t("ui.paths.no_branch") in paths.summary_html()
    app.apply(paths.step(-1)())
    assert paths.back_turn == 2
    app.apply(paths.go_back())
    assert isinstance(app.top, MainScreen)
    new = app.session.campaign
    assert new is not first and new.turn == 1
    branch = branch_of(new)
    assert branch is not None and branch.kind == "back" and branch.first_turn == 3
    new.end_turn()
    new.end_turn()
    again = PathsScreen(app)
    app.apply(Push(again))
    assert again.first is not None and again.first.fingerprint() == first.fingerprint()
    assert app.t("ui.paths.same_lives") in again.summary_html()


@pytest.mark.parametrize(("lang", "size"), [("en", (1280, 720)), ("es", (1024, 600))])
def test_history_and_lab_screens_cut_no_text(make_app: Any, lang: str,
                                             size: tuple[int, int]) -> None:
    """History mode (a quarter picked, then a city) and the lab: no text cut off or overlapping."""
    from test_screens import _layout_problems

    from game.ui.screen import Pop, Push
    from game.ui.screens.history import HistoryScreen
    from game.ui.screens.lab import LabScreen

    app = make_app(lang, size=size)
    app.start()
    history = HistoryScreen(app)
    app.apply(Push(history))
    frames_until(app, lambda: not history.animating())
    history.select(14)
    problems = _layout_problems(app, "history")
    app.apply(history.assign(scope="juarez")())
    problems += _layout_problems(app, "history_juarez")
    for scenario in ("juarez-2010", "history-2006"):  # the longest scenario name
        lab = LabScreen(app, scenario)
        app.apply(Push(lab))
        problems += _layout_problems(app, f"lab {scenario}")
        app.apply(lab.assign(source="cards")())
        problems += _layout_problems(app, f"lab {scenario} cards")
        app.apply(Pop())
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("near", [-3.0, 0.0, 3.0])
def test_the_zero_line_s_label_never_covers_a_bar(make_app: Any, near: float) -> None:
    """Worlds piled up just left of, on, or just right of doing nothing (two plans): the tall
    bars reach up to the label's band but no bar pixel lies under the label."""
    import numpy as np
    import pygame

    from game.ui import theme
    from game.ui.screens.lab import draw_histogram

    make_app()
    chance = np.random.default_rng(3)
    plan_a, plan_b = (200, 90, 40), (40, 160, 90)
    series = [(chance.normal(near, 2.0, 500), plan_a),
              (chance.normal(near + 1.0, 2.0, 500), plan_b)]
    surface = pygame.Surface((420, 220))
    surface.fill((255, 255, 255))
    where = draw_histogram(surface, surface.get_rect(), series, theme.font(15), theme.font(12),
                           title="Lives saved", zero_label="as doing nothing")
    assert where is not None and surface.get_rect().contains(where)
    bar_pixels = [(x, y) for x in range(surface.get_width()) for y in range(surface.get_height())
                  if surface.get_at((x, y))[:3] in (plan_a, plan_b)]
    assert bar_pixels
    assert min(y for _, y in bar_pixels) <= where.bottom + 8  # the bars still fill the plot
    assert not [p for p in bar_pixels if where.collidepoint(p)]
