"""What a student and a projector need from the screens: tooltips that can be read, every
explained value within Tab's reach, the right comparisons (the start of the term, quarter 1
against the start, better or worse as the registry says), and layouts that fit from 1024x600
to 1920x1080 and at 200% with no text cut off and none on top of another."""

from __future__ import annotations

import itertools
import re
from typing import Any

import pygame
import pytest
from conftest import key

SIZES = [((1024, 600), 100, "es"), ((1280, 720), 100, "en"), ((1920, 1080), 100, "en"),
         ((1920, 1080), 200, "es")]
"""Window, UI scale and language of each layout check (Spanish where its words are longest)."""


def _start(make_app: Any, lang: str = "en", size: tuple[int, int] = (1280, 720),
           scale: int = 100, scenario: str = "juarez-2010", role: str = "municipal") -> Any:
    """An app with a game started and its main screen on top (no coach marks)."""
    from game.ui.screen import Push
    from game.ui.screens.main import MainScreen

    app = make_app(lang, size=size)
    if scale != 100:
        app.set_scale(scale)
    app.start()
    assert app.session.start(scenario, role, None, 1) is None
    app.session.coach_pending = False
    app.apply(Push(MainScreen(app)))
    app.frame()
    return app


def _belongs(element: Any, root: Any) -> bool:
    """Whether an element sits (at any depth) in a screen's root container."""
    container = getattr(element, "ui_container", None)
    seen: set[int] = set()
    while container is not None and id(container) not in seen:
        if container is root:
            return True
        seen.add(id(container))
        container = getattr(container, "ui_container", None)
    return False


def _text_elements(app: Any) -> list[tuple[str, pygame.Rect, str, Any]]:
    """(kind, rectangle, text, font) of every text the top screen shows."""
    from pygame_gui.elements import UIButton, UILabel, UITextBox

    shown = []
    root = app.top.root
    for element in app.manager.get_sprite_group().sprites():
        if not element.visible or not _belongs(element, root) or \
                getattr(element, "parent_element", None) is not None:
            continue
        rect = pygame.Rect(element.get_abs_rect())
        if isinstance(element, UILabel) and element.text.strip():
            shown.append(("label", rect, element.text, element.font))
        elif isinstance(element, UIButton) and element.text.strip():
            shown.append(("button", rect, element.text, element.font))
        elif isinstance(element, UITextBox) and element.html_text.strip():
            shown.append(("text box", rect, element.html_text[:40], None))
    return shown


def _layout_problems(app: Any, name: str) -> list[str]:
    """Every text cut off by its rectangle, and every two texts whose rectangles overlap."""
    app.frame()
    problems = []
    texts = _text_elements(app)
    for kind, rect, text, font in texts:
        if font is None:
            continue
        w, h = font.get_rect(text).size
        room = rect.w - (12 if kind == "button" else 0)
        if w > room or h > rect.h:
            problems.append(f"{name}: {kind} {text!r} needs {w}x{h}, has {rect.w}x{rect.h}")
    for (_, a, ta, _), (_, b, tb, _) in itertools.combinations(texts, 2):
        if a.inflate(-2, -2).colliderect(b.inflate(-2, -2)):
            problems.append(f"{name}: {ta!r} overlaps {tb!r}")
    return problems


@pytest.mark.parametrize(("size", "scale", "lang"), SIZES)
def test_layouts_fit_the_window(make_app: Any, size: tuple[int, int], scale: int,
                                lang: str) -> None:
    """The game's screens, before and after quarters: no text cut off, none on another."""
    from game.ui.screen import Pop, Push
    from game.ui.screens.action import ActionScreen
    from game.ui.screens.briefing import BriefingScreen
    from game.ui.screens.charts import ChartsScreen
    from game.ui.screens.coach import CoachScreen
    from game.ui.screens.credits import CreditsScreen
    from game.ui.screens.help import HelpScreen
    from game.ui.screens.indicators import IndicatorsScreen
    from game.ui.screens.library import LibraryScreen
    from game.ui.screens.new_game import HOT_SEAT, NewGameScreen
    from game.ui.screens.pause import PauseScreen
    from game.ui.screens.saves import SavesScreen
    from game.ui.screens.settings import SettingsScreen
    from game.ui.screens.verdict import VerdictScreen
    from game.ui.screens.workshop import WorkshopScreen

    problems: list[str] = []

    def visit(screen: Any) -> None:
        app.apply(Push(screen))
        problems.extend(_layout_problems(app, screen.name))
        app.apply(Pop())

    app = make_app(lang, size=size)
    if scale != 100:
        app.set_scale(scale)
    app.start()
    assert app.scale == pytest.approx(min(scale / 100, size[0] / 960, size[1] / 540))
    problems.extend(_layout_problems(app, "title"))
    for screen in (NewGameScreen(app), SettingsScreen(app), CreditsScreen(app),
                   LibraryScreen(app), WorkshopScreen(app)):
        visit(screen)
    hot_seat = NewGameScreen(app)  # the longest city names, on the mayors' buttons
    app.apply(Push(hot_seat))
    app.apply(hot_seat.assign(scenario="guerrero-2019")())
    app.apply(hot_seat.assign(role=HOT_SEAT)())
    problems.extend(_layout_problems(app, "new game, hot seat"))
    app.apply(hot_seat._toggle_mayor("acapulco")())
    app.apply(hot_seat._toggle_mayor("montana")())  # La Montaña's button now offers it again
    problems.extend(_layout_problems(app, "new game, hot seat, Acapulco's mayor"))
    app.apply(Pop())
    app = _start(make_app, lang, size, scale)
    main = app.top
    problems.extend(_layout_problems(app, "main"))

    option = next(o for o in main.options() if o.possible)
    for screen in (BriefingScreen(app, again=True), CoachScreen(app, main),
                   ActionScreen(app, option), IndicatorsScreen(app, main.region),
                   siege_dilemma(app), PauseScreen(app), HelpScreen(app),
                   SavesScreen(app, "save"), ChartsScreen(app, main.region)):
        visit(screen)
    main.c.enact(option.action_id, option.region)
    main.c.set_term(2)
    for quarter in range(2):
        to_results(app, main)
        problems.extend(_layout_problems(app, f"results {quarter + 1}"))
        app.apply(app.top.close())
        answer_dilemmas(app)
        if quarter == 0:
            problems.extend(_layout_problems(app, "main after a quarter"))
    assert isinstance(app.top, VerdictScreen)
    problems.extend(_layout_problems(app, "verdict"))
    app.apply(app.top.debrief())
    problems.extend(_layout_problems(app, "debrief"))
    assert problems == [], "\n".join(problems)


def answer_dilemmas(app: Any) -> None:
    """Answer every dilemma on top with its default."""
    from game.ui.screens.dilemma import DilemmaScreen

    while isinstance(app.top, DilemmaScreen):
        d = app.top.dilemma
        app.apply(app.top._answer(d.default or d.choices[0])())


def to_results(app: Any, main: Any) -> None:
    """End the quarter (answering what it asks first) and stop on its results."""
    from game.ui.screens.results import ResultsScreen

    answer_dilemmas(app)
    app.apply(main.end_turn())
    while not isinstance(app.top, ResultsScreen):
        answer_dilemmas(app)
        app.apply(main.end_turn())


def siege_dilemma(app: Any) -> Any:
    """The siege dilemma over the game's first region (its longest words)."""
    from game.play.registry import Dilemma
    from game.ui.screens.dilemma import DilemmaScreen

    region = app.session.campaign.world.region_ids[0]
    return DilemmaScreen(app, Dilemma("capture_siege", region, ["hold", "release"], "hold"))


def test_a_shown_tooltip_is_drawn_on_its_own_background(make_app: Any) -> None:
    """Hover a card until its tooltip shows: every pixel inside the tooltip is its opaque
    background or its text blended on it, never the screen underneath."""
    from pygame_gui.elements import UITooltip

    from game.ui import theme
    from game.ui.smoke import hover

    app = _start(make_app)
    main = app.top
    summary = app.t(f"action.{main.options()[0].action_id}.summary")
    card = next(i.element for i in main.focus.items if i.hint.startswith(summary))
    hover(app, card)
    tips = [e for e in app.manager.get_sprite_group().sprites()
            if isinstance(e, UITooltip) and e.visible]
    assert len(tips) == 1
    app.draw()
    rect = tips[0].rect.clip(app.window.get_rect())
    assert rect.w > 100 and rect.h > 20
    bg = pygame.Color(theme.TOOLTIP_BG)[:3]
    fg = pygame.Color(theme.TOOLTIP_TEXT)[:3]
    own = 0
    for x in range(rect.left + 1, rect.right - 1, 2):
        for y in range(rect.top + 1, rect.bottom - 1, 2):
            pixel = app.window.get_at((x, y))[:3]
            share = (pixel[0] - bg[0]) / (fg[0] - bg[0])
            assert 0 - 0.03 <= share <= 1.03, ((x, y), pixel)
            for c in range(3):
                assert abs(pixel[c] - (bg[c] + share * (fg[c] - bg[c]))) <= 8, ((x, y), pixel)
            own += pixel == bg
    assert own > 0.5 * ((rect.w - 2) // 2) * ((rect.h - 2) // 2)


def _reached_by_tab(app: Any) -> list[str]:
    """The hints of the controls Tab visits, in order, once round the ring."""
    hints = []
    for _ in range(len(app.top.focus.items) + 1):
        key(app, pygame.K_TAB)
        current = app.top.focus.current
        hints.append(current.hint if current is not None else "")
    return hints


def test_tab_reaches_every_explained_value(make_app: Any) -> None:
    """On the main screen Tab reaches approval, money, capital and the election (left to right),
    the three measures, every region's tile and every card; on the indicators screen, every
    indicator's explanation; on the results, every indicator's Why?."""
    from game.play.registry import PANEL_INDICATORS
    from game.ui.screen import Push
    from game.ui.screens.indicators import IndicatorsScreen

    app = _start(make_app, scenario="guerrero-2019", role="federal")
    t = app.t
    main = app.top
    hints = _reached_by_tab(app)
    stats = [t(k) for k in ("ui.main.approval_federal_tip", "ui.main.budget_tip",
                            "ui.main.capital_tip", "ui.main.election_tip")]
    assert [hints.index(tip) for tip in stats] == sorted(hints.index(tip) for tip in stats)
    for tip in [*stats, *(t(f"ui.measure.{m}_tip") for m in ("lives", "trust", "rights"))]:
        assert tip in hints
    for rid in main.region_ids():
        assert any(h.startswith(t(f"region.{rid}")) for h in hints), rid
    for option in main.options()[:3]:
        assert any(h.startswith(t(f"action.{option.action_id}.summary")) for h in hints)
    app.apply(Push(IndicatorsScreen(app, main.region)))
    screen = app.top
    reached: set[str] = set()
    for _page in range(4):
        reached.update(_reached_by_tab(app))
        screen.page += 1
        screen.rebuild()
    for name in PANEL_INDICATORS:
        assert t(f"indicator.{name}.tip") in reached, name
    app.apply(screen.back())
    to_results(app, main)
    results = app.top
    reached = set()
    for _page in range(3):
        reached.update(_reached_by_tab(app))
        results.ind_page += 1
        results.rebuild()
    for name in PANEL_INDICATORS:
        assert t(f"indicator.{name}.tip") in reached, name


def test_quarter_one_compares_with_the_start_and_words_follow_the_registry(
        make_app: Any) -> None:
    """Quarter 1's changes are against the starting state; a count the start cannot hold shows
    as a first count, not as a rise from zero; better or worse is the registry's, and forces
    and migrants are neither."""
    from game.play.registry import indicator

    app = _start(make_app)
    main = app.top
    c = main.c
    start = dict(c.start.regions["juarez"])
    to_results(app, main)
    results = app.top
    assert results.before["juarez"]["homicides"] == start["homicides"]
    now = results.record.regions["juarez"]
    _, word, good = results.change_of("homicides", now["homicides"], start["homicides"])
    delta = now["homicides"] - start["homicides"]
    assert good == indicator("homicides").is_good(delta)
    assert word == app.t("ui.change.better" if delta < 0 else "ui.change.worse")
    assert start["civilian_deaths"] == 0
    assert results.change_of("civilian_deaths", now["civilian_deaths"], 0)[0] == \
        app.t("ui.results.first_count")
    for name in ("army", "guard", "migrants"):
        assert indicator(name).better is None
        assert results.change_of(name, 2.0, 1.0)[1:] == ("", None)
    assert results.change_of("legitimacy", 0.5, 0.4)[1:] == (app.t("ui.change.better"), True)
    assert results.change_of("competition", 0.5, 0.4)[1:] == (app.t("ui.change.worse"), False)


def test_the_debrief_counts_from_the_start_of_the_term(make_app: Any) -> None:
    """Vetting in quarter 1 raises police integrity at once; the debrief's "from" is the
    starting 25%, not quarter 1's value."""
    from game.ui import fmt
    from game.ui.screen import Push
    from game.ui.screens.debrief import DebriefScreen

    app = _start(make_app)
    c = app.top.c
    c.enact("vet_police", "juarez")
    for _ in range(3):
        c.end_turn()
    assert c.records[0].regions["juarez"]["police_integrity"] > \
        c.start.regions["juarez"]["police_integrity"] + 0.1
    app.apply(Push(DebriefScreen(app)))
    t = app.t
    end = c.records[-1].regions["juarez"]["police_integrity"]
    start = c.start.regions["juarez"]["police_integrity"]
    line = t("ui.debrief.institution_line", indicator=t("indicator.police_integrity.name"),
             before=fmt.number(start * 100, 0), after=fmt.number(end * 100, 0),
             change=fmt.change_word(t, "police_integrity", end - start, 0.005))
    assert line in app.top.summary_html()
    assert fmt.number(start * 100, 0) == "25"


def test_the_term_ends_with_the_verdict(make_app: Any) -> None:
    """After the last quarter's results: the verdict (the vote, lives against the same world,
    the research on the path taken); Esc does not skip it; then the debrief."""
    from game.play.verdict import PATHS
    from game.ui.screens.debrief import DebriefScreen
    from game.ui.screens.verdict import VerdictScreen

    app = _start(make_app, scenario="culiacan-2019", role="federal")
    main = app.top
    c = main.c
    c.enact("kingpin_operation", "culiacan")
    c.set_term(2)
    while not isinstance(app.top, VerdictScreen):
        to_results(app, main)
        app.apply(app.top.close())
        answer_dilemmas(app)
    verdict = app.top
    v = verdict.verdicts[0]
    assert c.turn == 2 and v.paths[0] == PATHS["kingpin_operation"] == "capture"
    assert app.t("ui.verdict.path.capture.name") in verdict.research_html()
    played = sum(r.regions[rid]["true_homicides"] for r in c.records for rid in v.scope)
    assert v.totals["lives"][0] == played
    key(app, pygame.K_ESCAPE)
    assert app.top is verdict
    app.apply(verdict.debrief())
    assert isinstance(app.top, DebriefScreen)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_finding_in_the_library_list_shows_words(make_app: Any, lang: str) -> None:
    """At the smallest window a long finding title is cut with "…", never left as a bare id."""
    from pygame_gui.elements import UIButton

    from game.ui.screen import Push
    from game.ui.screens.library import LibraryScreen

    app = make_app(lang, size=(1024, 600))
    app.start()
    library = LibraryScreen(app, tab="findings")
    app.apply(Push(library))
    shown = [e.text for e in app.manager.get_sprite_group().sprites()
             if isinstance(e, UIButton) and e.visible and re.match(r"F\d+\b", e.text)]
    assert len(shown) >= 5
    assert all(re.match(r"F\d+ · \w\w", text) for text in shown), shown
    assert not _layout_problems(app, "library")
