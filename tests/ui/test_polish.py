"""Polish found playing a Juárez term at 1920x1080: the UI grows with the window, keyboard hints
keep clear of the next control, the result note fits, lives are never "saved: -22,528", the
paths' parting lines up, and the verdict shows the lives saved or lost each quarter."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pygame
import pytest

from tests.ui.conftest import key


def _app(tmp_path: Path, size: tuple[int, int], settings: dict[str, Any] | None = None) -> Any:
    """An App on its own settings folder (written first when given), as a player starts it."""
    from game.ui.app import App

    folder = tmp_path / "config"
    if settings is not None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    return App("en", settings_dir=folder, saves_dir=tmp_path / "saves", size=size)


@pytest.mark.parametrize(("size", "scale"), [((1280, 720), 1.0), ((1920, 1080), 1.5),
                                             ((2560, 1440), 2.0), ((1366, 768), 1.05)])
def test_the_ui_grows_with_the_window_until_a_scale_is_chosen(tmp_path: Path,
                                                             size: tuple[int, int],
                                                             scale: float) -> None:
    """No scale chosen: 1920x1080 shows 150 %, 2560x1440 200 %; a chosen 100 % stays 100 %."""
    app = _app(tmp_path, size)
    if app.window.get_size() != size:
        pytest.skip("the dummy display would not open a window this large")
    assert app.scale == pytest.approx(scale)
    app.set_scale(100)
    assert app.scale == pytest.approx(1.0)
    assert _app(tmp_path, size).scale == pytest.approx(1.0)  # the choice is kept


def test_an_old_settings_file_at_the_old_default_grows_too(tmp_path: Path) -> None:
    """A version-1 file stored 100 % whether or not the player chose it: treat it as unchosen;
    a version-2 file's 100 % is a choice."""
    assert _app(tmp_path, (1920, 1080), {"version": 1, "scale": 100}).scale == \
        pytest.approx(1.5)
    assert _app(tmp_path / "b", (1920, 1080), {"version": 2, "scale": 100}).scale == \
        pytest.approx(1.0)
    assert _app(tmp_path / "c", (1920, 1080), {"version": 1, "scale": 125}).scale == \
        pytest.approx(1.25)


def test_hint_box_keeps_clear_of_the_next_control() -> None:
    """Cards in a column: the focused card's hint goes beside it, not over the card below."""
    from game.ui.draw import hint_box

    window = pygame.Rect(0, 0, 1280, 720)
    card = pygame.Rect(20, 100, 300, 80)
    below = pygame.Rect(20, 190, 300, 80)
    box = hint_box(window, (360, 120), card, [below], 8)
    assert not box.colliderect(below) and not box.colliderect(card)
    assert window.contains(box)
    # Against the right edge, the hint goes to the left.
    edge = pygame.Rect(900, 100, 360, 80)
    box = hint_box(window, (360, 120), edge, [edge.move(0, 90)], 8)
    assert box.right <= edge.left and window.contains(box)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_keyboard_hints_never_cover_the_next_control(make_app: Any,
                                                     size: tuple[int, int]) -> None:
    """Tab through the main screen: each hint shown covers neither its control nor the ones
    Tab and Shift+Tab go to next."""
    from game.ui.screen import Push
    from game.ui.screens.main import MainScreen

    app = make_app("es", size=size)
    app.start()
    assert app.session.start("juarez-2010", "municipal", None, 1) is None
    app.session.coach_pending = False
    app.apply(Push(MainScreen(app)))
    app.frame()
    checked = 0
    for _ in range(len(app.top.focus.items)):
        key(app, pygame.K_TAB)
        ring = app.top.focus
        item = ring.current
        if item is None or not item.hint or app.hint_rect is None:
            continue
        own = pygame.Rect(item.element.get_abs_rect())
        assert not app.hint_rect.colliderect(own.inflate(-2, -2)), item.hint[:40]
        for other in ring.neighbours():
            rect = pygame.Rect(other.element.get_abs_rect())
            assert not app.hint_rect.colliderect(rect.inflate(-2, -2)), item.hint[:40]
        checked += 1
    assert checked >= 3


def _finished(make_app: Any, lang: str, size: tuple[int, int], scenario: str = "juarez-2010",
              role: str = "municipal", enact: str | None = "vet_police") -> Any:
    """An app whose game has played its whole term (one card enacted, dilemmas by default)."""
    app = make_app(lang, size=size)
    app.start()
    assert app.session.start(scenario, role, None, 1) is None
    app.session.coach_pending = False
    c = app.session.game.campaign
    if enact is not None:
        option = next(o for o in c.options(c.region) if o.possible and o.action_id == enact)
        c.enact(option.action_id, option.region)
    while not c.is_over:
        c.end_turn()
    return app


def test_the_result_note_on_the_debrief_shows_every_line(make_app: Any) -> None:
    """"Hand this file to your teacher", its folder and its file all fit their box at 1920x1080
    (150 %) and 1280x720."""
    from game.ui.screen import Push
    from game.ui.screens.debrief import DebriefScreen

    for size in ((1920, 1080), (1280, 720)):
        app = _finished(make_app, "es", size)
        if size == (1920, 1080):
            app.set_scale(150)
        debrief = DebriefScreen(app)
        debrief.exported = app.t("ui.result.written",
                                 folder="/home/estudiante/Documentos/Plaza/resultados",
                                 file="plaza-juarez-2010-municipal-seed1-20261201-233000.json")
        app.apply(Push(debrief))
        app.frame()
        width = debrief.width - (24 + max(420.0, (debrief.width - 64) * 0.48) + 16) - 24
        lines = debrief.wrap_lines(debrief.exported, width - 16, "@small")
        from game.ui import theme

        need = len(lines) * theme.class_font("@small", "label", app.scale).get_linesize()
        boxes = [e for e in app.manager.get_sprite_group().sprites()
                 if getattr(e, "html_text", None) == debrief.exported.replace("\n", "<br>")
                 or getattr(e, "html_text", "").startswith(
                     app.t("ui.result.written", folder="", file="").split("\n")[0][:20])]
        assert boxes, "the result note is shown"
        assert boxes[0].get_abs_rect().h >= need, size


def test_lives_are_never_saved_with_a_minus_sign() -> None:
    """The lab's sentence and every lives phrase say "cost N more lives", in both languages."""
    from game.core.i18n import Translator
    from game.ui import fmt

    for lang in ("en", "es"):
        t = Translator(lang)
        for phrase in (fmt.lives_verb(t, -22528), fmt.lives_noun(t, -22528),
                       fmt.lives_verb(t, 1204), fmt.lives_noun(t, 1)):
            assert "-" not in phrase and "−" not in phrase, phrase
    en = Translator("en")
    assert fmt.lives_verb(en, -22528) == "cost 22,528 more lives"
    assert fmt.lives_noun(en, 1204) == "1,204 lives saved"
    sentence = en("ui.lab.lives", middle=fmt.lives_verb(en, -22528),
                  low=fmt.lives_noun(en, -30100), high=fmt.lives_noun(en, 5000))
    assert "cost 22,528 more lives" in sentence and "-" not in sentence


def test_the_paths_charts_part_on_the_same_x(make_app: Any) -> None:
    """Go back a quarter: both charts (killings in thousands, trust in %) mark the parting at
    the same x, whatever their tick labels."""
    from game.play.history import go_back
    from game.ui.screen import Push
    from game.ui.screens.paths import PathsScreen

    app = _finished(make_app, "es", (1280, 720), "national-2018", "federal", None)
    game = app.session.game
    new = go_back(game.campaign, 3)
    app.session.play_game(game.on_new_path(new, 3))
    c = app.session.game.campaign
    while not c.is_over:
        c.end_turn()
    paths = PathsScreen(app)
    app.apply(Push(paths))
    app.frame()
    assert len(paths.layouts) == 2
    lefts = {chart.plot.left for chart in paths.layouts}
    assert len(lefts) == 1
    assert paths.layouts[0].x_positions == paths.layouts[1].x_positions


@pytest.mark.parametrize(("size", "lang"), [((1280, 720), "en"), ((1920, 1080), "es")])
def test_the_verdict_shows_lives_saved_or_lost_each_quarter(make_app: Any,
                                                           size: tuple[int, int],
                                                           lang: str) -> None:
    """One bar per quarter, above zero where fewer died than in the same world and below where
    more did, and the term's total in words ("... fewer people killed ...: about one in N")."""
    from game.play import measures
    from game.ui.screen import Push
    from game.ui.screens.verdict import VerdictScreen

    app = _finished(make_app, lang, size)
    verdict = VerdictScreen(app)
    app.apply(Push(verdict))
    app.frame()
    assert verdict.bars is not None
    c = app.session.game.campaign
    played, base = measures.series(c, verdict.verdicts[0].scope, "true_homicides")
    assert len(verdict.bars.bars) == len(played) == c.term_turns
    for bar, mine, same in zip(verdict.bars.bars, played, base, strict=True):
        if same - mine > 0.5:
            assert bar.bottom <= verdict.bars.zero_y + 1
        elif mine - same > 0.5:
            assert bar.top >= verdict.bars.zero_y - 1
    caption = verdict.lives_caption()
    total_played, total_base = verdict.verdicts[0].totals["lives"]
    gap = round(total_base - total_played)
    assert "-" not in caption
    if gap:
        words = {"en": ("fewer", "more"), "es": ("menos", "más")}[lang]
        assert words[0 if gap > 0 else 1] in caption
    # Every caption line stays inside the chart.
    chart = verdict.chart_rects[0]
    for line in verdict.bars.lines:
        assert chart.contains(line), caption


def test_a_quiet_quarter_never_reads_about_zero_a_day(make_app: Any) -> None:
    """29 dead in a quarter is "about one every 3 days", not "about 0 a day"; 350 is about 4 a
    day (English and Spanish)."""
    from game.ui.screens.results import ResultsScreen

    for lang, few, many in (("en", "about one every 3 days", "about 4 a day"),
                            ("es", "alrededor de una cada 3 días", "unas 4 al día")):
        app = make_app(lang)
        screen = ResultsScreen.__new__(ResultsScreen)
        screen.app = app
        assert screen.daily_rate(29) == few
        assert screen.daily_rate(350) == many
        assert "0" not in screen.daily_rate(29)


def test_english_quarters_read_q1_2019(make_app: Any) -> None:
    """A quarter on screen is "Q1 2019" in English and "T1 2019" in Spanish, never "2019-Q1"."""
    from game.ui.screen import Screen

    for lang, shown in (("en", "Q1 2019"), ("es", "T1 2019")):
        screen = Screen(make_app(lang))
        assert screen.period("2019-Q1") == shown


def test_one_story_in_two_places_is_one_headline() -> None:
    """The same news in La Montaña and Acapulco is told once, naming both (en: "and", es:
    "y"); other headlines stay as they are, in order."""
    from game.core.i18n import Message, Translator
    from game.ui import fmt
    from game.ui.screens.results import merged_headlines

    key = "event.ayotzinapa_files.headline"
    news = [Message(key, {"region": "@region.montana"}), Message("ui.results.quiet"),
            Message(key, {"region": "@region.acapulco"})]
    for lang, word in (("en", " and "), ("es", " y ")):
        t = Translator(lang)
        shown = [fmt.message(t, m) for m in merged_headlines(t, news)]
        assert len(shown) == 2
        assert t("region.montana") + word + t("region.acapulco") in shown[0]
        assert shown[1] == t("ui.results.quiet")


def test_the_same_card_twice_reads_as_two_decisions() -> None:
    """The Why? never lists two rows alike: the same card in two places says where, the same
    card in one place twice says from which quarter; a card played once keeps its name."""
    from game.core.i18n import Translator
    from game.play.measures import DecisionEffect
    from game.ui.screens.results import decision_wordings

    effects = [DecisionEffect("enact", "deploy_army", "juarez", 2, -5.0),
               DecisionEffect("enact", "deploy_army", "chihuahua", 2, -1.0),
               DecisionEffect("enact", "social_programs", "juarez", 3, 2.0),
               DecisionEffect("enact", "social_programs", "juarez", 7, 1.0),
               DecisionEffect("enact", "amnesty", None, 4, 1.0)]
    for lang in ("en", "es"):
        t = Translator(lang)
        def period_of(turn: int, t: Translator = t) -> str:
            return t.period(f"{2010 + (turn - 1) // 4}-Q{(turn - 1) % 4 + 1}")

        wordings = decision_wordings(t, effects, period_of)
        firsts = [w[0] for w in wordings]
        assert len(set(firsts)) == len(firsts), firsts
        assert t("region.juarez") in firsts[0] and t("region.chihuahua") in firsts[1]
        assert t.period("2010-Q3") in firsts[2] and t.period("2011-Q3") in firsts[3]
        assert firsts[4] == t("action.amnesty.name")
        for words in wordings[:4]:  # every shorter wording still tells them apart
            assert all(w != t(f"action.{e.action}.name") for w in words
                       for e in effects[:4])


@pytest.mark.parametrize(("size", "scale"), [((1024, 600), 100), ((1920, 1080), 200)])
def test_the_settings_rows_fit_with_the_auto_choice(make_app: Any, size: tuple[int, int],
                                                    scale: int) -> None:
    """With Automatic added, the size row (six choices, Spanish) still fits the window."""
    from pygame_gui.elements import UIButton

    from game.ui.screen import Push
    from game.ui.screens.settings import SettingsScreen

    app = make_app("es", size=size)
    if scale != 100:
        app.set_scale(scale)
    app.start()
    app.apply(Push(SettingsScreen(app)))
    app.frame()
    window = app.window.get_rect()
    buttons = [b for b in app.manager.get_sprite_group().sprites()
               if isinstance(b, UIButton) and b.visible and b.text.strip()]
    auto = app.t("ui.settings.scale_auto", percent=app.auto_percent)
    assert any(b.text == auto for b in buttons)
    for button in buttons:
        assert window.contains(pygame.Rect(button.get_abs_rect())), button.text
        width = button.font.get_rect(button.text).width
        assert width <= button.get_abs_rect().w - 8, button.text


def test_every_place_of_a_national_quarter_has_its_results_tab(make_app: Any) -> None:
    """Twelve regions at 1280x720: each one's tab is on the results screen (two rows), none
    cut off by the window."""
    from game.ui.screen import Push
    from game.ui.screens.main import MainScreen
    from game.ui.screens.results import ResultsScreen

    app = make_app("es")
    app.start()
    assert app.session.start("national-2018", "federal", None, 3) is None
    app.apply(Push(MainScreen(app)))
    campaign = app.session.campaign
    record = campaign.end_turn()
    app.apply(Push(ResultsScreen(app, record, {}, None)))
    app.frame()
    texts = {getattr(i.element, "text", "") for i in app.top.focus.items}
    names = [app.t(f"region.{rid}") for rid in record.regions]
    assert len(names) == 12 and all(name in texts for name in names)
    width = app.window.get_size()[0]
    for item in app.top.focus.items:
        assert item.element.get_abs_rect().right <= width


def test_the_first_window_fits_the_desktop(monkeypatch: pytest.MonkeyPatch) -> None:
    """A large desktop opens a large 16:9 window (the UI scale then grows with it); a laptop's
    opens 1280x720."""
    import pygame

    from game.ui.app import first_window_size

    monkeypatch.setattr(pygame.display, "get_desktop_sizes", lambda: [(1920, 1080)])
    assert first_window_size() == (1632, 918)
    monkeypatch.setattr(pygame.display, "get_desktop_sizes", lambda: [(2560, 1080)])
    assert first_window_size() == (1632, 918)  # ultra-wide: the height decides
    monkeypatch.setattr(pygame.display, "get_desktop_sizes", lambda: [(1366, 768)])
    assert first_window_size() == (1280, 720)


def test_a_screen_saves_its_picture_or_says_why_not(make_app: Any, tmp_path: Any,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The lab's and the debrief's PNG export: the file is written and the path told; a
    folder that cannot be written gives the reason, not a crash."""
    app = make_app("es")
    app.start()
    screen = app.top
    target = tmp_path / "shot.png"
    said = screen.save_picture(target, "ui.debrief.exported", "ui.debrief.export_failed")
    assert target.stat().st_size > 1000 and str(target) in said

    def full(path: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(app, "screenshot", full)
    said = screen.save_picture(target, "ui.debrief.exported", "ui.debrief.export_failed")
    assert "No space left" in said and said != app.t("ui.debrief.exported", path=str(target))
