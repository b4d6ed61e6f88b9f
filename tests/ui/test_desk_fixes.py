"""The teacher's desk as a teacher's-guide writer tried it: round timers as short as a team's
quarter, handing in straight from the verdict to a folder a student can find, a projector view
that fits with no empty boxes for missing glyphs, and one name per idea in both languages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pygame
import pytest
from conftest import click, find_button
from test_screens import _layout_problems

SIZES = [((1024, 600), 100, "es"), ((1280, 720), 100, "en"), ((1280, 720), 100, "es"),
         ((1920, 1080), 100, "es"), ((1920, 1080), 200, "es")]


def _desk(make_app: Any, lang: str = "en", size: tuple[int, int] = (1280, 720),
          scale: int = 100) -> tuple[Any, Any]:
    """An app on the title screen and a desk screen pushed on top of it."""
    from game.ui.screen import Push
    from game.ui.screens.desk import DeskScreen

    app = make_app(lang, size=size)
    if scale != 100:
        app.set_scale(scale)
    app.start()
    desk = DeskScreen(app)
    app.apply(Push(desk))
    app.frame()
    return app, desk


def _finished_workshop(app: Any, turns: int = 2, lang: str = "en") -> Any:
    """Start a short workshop game for a team and play it to its end with no new policy."""
    from game.classroom.desk import WorkshopChoices
    from game.play.plan import Plan, play

    workshops = app.session.workshops
    workshop = WorkshopChoices(turns=turns, language=lang).workshop(workshops)
    assert app.session.start_workshop(workshop, "Team 1") is None
    play(app.session.campaign, Plan(), turns)
    return workshop


def test_the_round_timer_offers_quarters_as_short_as_a_team_plays_them(make_app: Any) -> None:
    """Off, 1, 2, 3, 5 and 8 minutes, and each one travels in the workshop code."""
    app, desk = _desk(make_app)
    workshops = app.session.workshops
    seen = []
    for _ in range(6):
        desk.next_timer()
        seen.append(desk.choices.timer_minutes)
        workshop, code = desk.current()
        assert workshop is not None
        assert workshops.from_code(code).timer_minutes == desk.choices.timer_minutes
    assert seen == [1, 2, 3, 5, 8, None]
    desk.next_timer()
    assert desk.choices.timer_minutes == 1
    assert find_button(app, desk.plural("desk.timer_value", 1, minutes=1)).text in (
        "1 minute a quarter",)


def test_the_verdict_hands_in_straight_away_and_back_returns_to_it(make_app: Any) -> None:
    """A student at the verdict presses Hand in your result: the code and the file, one step."""
    from game.ui.screen import Push
    from game.ui.screens.hand_in import HandInScreen
    from game.ui.screens.verdict import VerdictScreen

    app = make_app("en")
    app.start()
    _finished_workshop(app)
    verdict = VerdictScreen(app)
    app.apply(Push(verdict))
    app.frame()
    click(app, find_button(app, app.t("desk.hand_in_title")))
    hand_in = app.top
    assert isinstance(hand_in, HandInScreen)
    assert hand_in.code.startswith("PLR-")
    click(app, find_button(app, app.t("ui.common.back")))
    assert app.top is verdict


def test_the_automatic_result_copy_goes_where_the_hand_in_screen_says(
        make_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The end-of-term copy is written to the documents folder the hand-in screen offers (not a
    hidden data folder), and the hand-in screen names its file and folder."""
    import game.classroom.desk as desk_module
    from game.core import paths
    from game.ui.screen import Push
    from game.ui.screens.hand_in import HandInScreen

    documents = tmp_path / "Documents" / "Plaza"
    import game.ui.screens.hand_in as hand_in_module

    monkeypatch.setattr(desk_module, "default_folder", lambda: documents)
    monkeypatch.setattr(hand_in_module, "default_folder", lambda: documents)
    app = make_app("es")
    app.start()
    _finished_workshop(app, lang="es")
    app.session._saves_dir = None  # as in a real game: no test folder for the results
    assert app.session.results_dir == documents
    assert paths.user_data_dir() not in documents.parents
    path, _ = app.session.write_result()
    assert path is not None and path.parent == documents and path.is_file()
    hand_in = HandInScreen(app)
    app.apply(Push(hand_in))
    app.frame()
    assert Path(hand_in.folder_text) == documents
    assert path.name in hand_in.kept() and str(documents) in hand_in.kept()


def test_the_codes_box_on_the_collect_screen_has_a_visible_border(make_app: Any) -> None:
    """The box for pasted result codes is drawn white with a border, not on the background."""
    from game.ui.screen import Push
    from game.ui.screens.desk_collect import ENTRY_BORDER, DeskCollectScreen

    app = make_app("en")
    app.start()
    collect = DeskCollectScreen(app)
    app.apply(Push(collect))
    app.frame()
    app.draw()
    rect = collect.codes_box.get_abs_rect()
    window = pygame.display.get_surface()
    edge = window.get_at((rect.left, rect.centery))[:3]
    inside = window.get_at((rect.centerx, rect.centery))[:3]
    background = window.get_at((rect.left - 6, rect.centery))[:3]
    assert sum(abs(a - b) for a, b in zip(edge, ENTRY_BORDER, strict=True)) < 60
    assert inside == (255, 255, 255) and background != inside


def _missing_glyphs(app: Any, texts: list[str]) -> list[str]:
    """The characters of these texts the bundled font has no glyph for (drawn as empty boxes)."""
    from game.ui import theme

    face = theme.font(20)

    def drawn(ch: str) -> bytes:
        return pygame.image.tobytes(face.render(ch, True, (0, 0, 0), (255, 255, 255)), "RGB")

    empty_box = drawn("\ue000")
    return sorted({ch for text in texts for ch in text
                   if not ch.isspace() and drawn(ch) == empty_box})


@pytest.mark.parametrize(("size", "scale", "lang"), SIZES)
def test_the_desk_screens_fit_with_no_text_cut_off(make_app: Any, size: tuple[int, int],
                                                   scale: int, lang: str) -> None:
    """Desk, projector view, cards, assumptions, collect, hand-in and verdict: every text fits
    its box, none on another; the projector's settings need no scrolling; no glyph is missing."""
    from pygame_gui.elements import UIButton, UILabel, UITextBox

    from game.ui.screen import Pop, Push
    from game.ui.screens.desk import DeskAssumptionsScreen, DeskCardsScreen
    from game.ui.screens.desk_collect import DeskCollectScreen
    from game.ui.screens.hand_in import HandInScreen
    from game.ui.screens.verdict import VerdictScreen

    app, desk = _desk(make_app, lang, size, scale)
    desk.choices.timer_minutes = 8
    desk.choices.switches = {"military_backfire": False}
    desk.rebuild()
    problems = _layout_problems(app, "desk")
    shown: list[str] = []

    def texts() -> None:
        for element in app.manager.get_sprite_group().sprites():
            if getattr(element, "parent_element", None) is not None:
                continue  # a scroll bar's arrows: pygame_gui's own
            if isinstance(element, (UILabel, UIButton)):
                shown.append(element.text)
            elif isinstance(element, UITextBox):
                shown.append(element.html_text)

    texts()
    app.apply(desk.project())
    problems += _layout_problems(app, "desk_code")
    texts()
    boxes = [e for e in app.manager.get_sprite_group().sprites()
             if isinstance(e, UITextBox) and "•" in e.html_text]
    assert boxes and all(box.scroll_bar is None for box in boxes)
    assert app.top.code_bottom > 72 + 100, "room for the code above the settings"
    app.apply(Pop())
    for screen in (DeskCardsScreen(app, desk), DeskAssumptionsScreen(app, desk),
                   DeskCollectScreen(app, "PLZ")):
        app.apply(Push(screen))
        problems += _layout_problems(app, screen.name)
        texts()
        app.apply(Pop())
    _finished_workshop(app, lang=lang)
    for screen in (HandInScreen(app), VerdictScreen(app)):
        app.apply(Push(screen))
        problems += _layout_problems(app, screen.name)
        texts()
        app.apply(Pop())
    assert problems == [], "\n".join(problems)
    assert _missing_glyphs(app, shown) == []


def test_the_hand_in_code_does_not_run_under_its_copy_button(make_app: Any) -> None:
    """The drawn code ends above Copy the code at every window size."""
    from game.ui.screen import Push
    from game.ui.screens.hand_in import CODE_TOP, HandInScreen

    for size in ((1024, 600), (1280, 720), (1920, 1080)):
        app = make_app("es", size=size)
        app.start()
        _finished_workshop(app, lang="es")
        hand_in = HandInScreen(app)
        app.apply(Push(hand_in))
        app.frame()
        copy = find_button(app, app.t("desk.copy_code"))
        code_bottom = (CODE_TOP + hand_in.code_height()) * app.scale
        assert code_bottom <= copy.get_abs_rect().top, size


@pytest.mark.parametrize("lang", ["en", "es"])
def test_messages_name_the_buttons_and_screens_as_they_are_written(lang: str) -> None:
    """A hint that says "press X" names a button X that exists; one name per idea: the game
    number, the debrief, the briefing (not the class report's word), handing in."""
    from game.core.i18n import read_catalog

    texts = read_catalog(lang).texts
    words = {key: re.sub(r"\{\w+\}", "", text) for key, text in texts.items()}

    def button(key: str) -> str:
        return texts[key].replace(" (E)", "")

    assert button("ui.assumptions.show") in texts["ui.assumptions.hint"]
    for key in ("ui.pause.tour_tip", "ui.new_game.tutorial_tip", "ui.tutorial.turn.text"):
        assert button("ui.main.end_turn") in texts[key], key
    game_number = texts["desk.seed"]
    assert texts["report.meta.seed"] == game_number
    assert texts["ui.new_game.seed"].startswith(game_number)
    assert texts["workshop.show.seed"].startswith(game_number)
    assert texts["ui.debrief.export_json"] == texts["desk.hand_in_title"]
    if lang == "es":
        assert "informe" not in texts["ui.main.briefing"].lower()
        assert texts["ui.main.briefing"] == texts["ui.briefing.kicker"]
        assert "balance" in texts["ui.verdict.debrief"]
        assert "balance" in texts["ui.debrief.title"].lower()
        seeds = [key for key, text in words.items() if "semilla" in text.lower()
                 and not key.startswith("cli.")]
        assert seeds == []
    else:
        assert "debrief" in texts["ui.verdict.debrief"] and "Debrief" in texts["ui.debrief.title"]
        seeds = [key for key, text in words.items() if "seed" in text.lower()
                 and not key.startswith(("cli.", "workshop.cli", "lab.cli"))]
        assert seeds == []
