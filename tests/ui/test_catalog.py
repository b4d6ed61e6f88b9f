"""Catalog coverage: every ui.* key in the code exists in English and Spanish, and a Spanish
screen shows no English interface string."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from game.content.schema import NATIONAL_LEVERS, REGIONAL_LEVERS
from game.core.i18n import load_catalog, read_catalog

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "game" / "ui"
DYNAMIC = {
    "ui.debrief.verb_": ("enact", "repeal"),
    "ui.language.": ("en", "es"),
    "ui.level.": ("federal", "state", "municipal"),
    "ui.library.": ("glossary", "findings"),
    "ui.palette.": ("standard", "colourblind"),
    "ui.units.presence_": ("none", "small", "large", "massive"),
    "ui.saves.title_": ("save", "load"),
    "ui.saves.intro_": ("save", "load"),
    "ui.lever.": (*REGIONAL_LEVERS, *NATIONAL_LEVERS),
    "ui.predict.": ("violence", "legitimacy", "violence_tip", "legitimacy_tip", "rise", "fall",
                    "violence_short", "legitimacy_short", "rise_word", "fall_word", "rise_done",
                    "fall_done"),
}


def catalog(lang: str) -> dict[str, str]:
    """One language's UI messages (ui.*; a plural entry by its general form)."""
    return {key: text for key, text in load_catalog(lang).items() if key.startswith("ui.")}


def forms(lang: str, key: str) -> tuple[str, ...]:
    """Every form of one message (one, unless it is a plural entry)."""
    loaded = read_catalog(lang)
    return loaded.forms.get(key) or (loaded.texts[key],)


def fields(lang: str, key: str) -> set[str]:
    """The {placeholders} of a message, over all its forms."""
    return set().union(*(re.findall(r"{(\w+)}", text) for text in forms(lang, key)))


def used_keys() -> set[str]:
    """Every literal ui.* key in the UI code, plus the expansions of dynamic ones."""
    keys: set[str] = set()
    for path in UI.rglob("*.py"):
        if "widgets" in path.parts:
            continue
        keys.update(re.findall(r'"(ui\.[a-z0-9_.]+[a-z0-9_])"', path.read_text(encoding="utf-8")))
    for prefix, names in DYNAMIC.items():
        keys.update(prefix + name for name in names)
    from game.ui.screens.tutorial import PAGES

    for page in PAGES:
        keys.update({f"ui.tutorial.{page}.title", f"ui.tutorial.{page}.text"})
    for role in ("federal", "municipal"):
        keys.update({f"ui.new_game.role_{role}", f"ui.new_game.role_{role}_tip"})
    for scope in ("region", "national"):
        keys.add(f"ui.main.scope_{scope}_tip")
    return keys


def test_every_used_key_exists_in_both_languages() -> None:
    """No key falls back to English or to itself."""
    en, es = catalog("en"), catalog("es")
    used = used_keys()
    assert len(used) > 150
    assert sorted(k for k in used if k not in en) == []
    assert sorted(k for k in used if k not in es) == []


def test_both_catalogs_have_the_same_keys_and_placeholders() -> None:
    """Same keys, same plural entries; each translation uses the same {placeholders}."""
    en, es = catalog("en"), catalog("es")
    assert set(en) == set(es)
    for key_name in en:
        assert (len(forms("en", key_name)) > 1) == (len(forms("es", key_name)) > 1), key_name
        assert fields("en", key_name) == fields("es", key_name), key_name


def _texts(app: Any) -> list[str]:
    """Every text shown by pygame_gui elements right now."""
    shown = []
    for element in app.manager.get_sprite_group().sprites():
        for attribute in ("text", "html_text"):
            value = getattr(element, attribute, None)
            if isinstance(value, str) and value:
                shown.append(value)
    return shown


def test_spanish_screens_show_no_english(make_app: Any) -> None:
    """Visit every screen in Spanish, the game's own and their dialogs (briefing, coach marks,
    a card with its advisors, a dilemma with theirs, every indicator, the results, the
    verdict, the debrief); no English-only UI string appears."""
    from game.play.registry import Dilemma
    from game.ui.screen import Pop, Push
    from game.ui.screens.action import ActionScreen
    from game.ui.screens.briefing import BriefingScreen
    from game.ui.screens.charts import ChartsScreen
    from game.ui.screens.coach import RESULTS_STEPS, CoachScreen
    from game.ui.screens.credits import CreditsScreen
    from game.ui.screens.debrief import DebriefScreen
    from game.ui.screens.dilemma import DilemmaScreen
    from game.ui.screens.help import HelpScreen
    from game.ui.screens.indicators import IndicatorsScreen
    from game.ui.screens.library import LibraryScreen
    from game.ui.screens.main import MainScreen
    from game.ui.screens.new_game import NewGameScreen
    from game.ui.screens.pause import PauseScreen
    from game.ui.screens.results import ResultsScreen
    from game.ui.screens.saves import SavesScreen
    from game.ui.screens.settings import SettingsScreen
    from game.ui.screens.verdict import VerdictScreen

    en, es = catalog("en"), catalog("es")
    spanish = {text for key in es for text in forms("es", key)}
    english = {text for key in en for text in forms("en", key)
               if text not in spanish and len(text) > 3 and "{" not in text}
    app = make_app("es", seen_note=False)
    app.start()
    problems: list[str] = []

    def check(name: str) -> None:
        app.frame()
        for text in _texts(app):
            if text in english:
                problems.append(f"{name}: {text}")

    def visit(screen: Any) -> None:
        app.apply(Push(screen))
        check(screen.name)
        app.apply(Pop())

    check("title+note")
    for screen in (NewGameScreen(app), SettingsScreen(app), CreditsScreen(app),
                   LibraryScreen(app), HelpScreen(app), SavesScreen(app, "load")):
        visit(screen)
    assert app.session.start("guerrero-2019", "municipal", "acapulco", 3) is None
    visit(BriefingScreen(app))
    main = MainScreen(app)
    app.apply(Push(main))
    check("main")
    option = next(o for o in main.options() if o.possible)
    for screen in (CoachScreen(app, main), PauseScreen(app), ChartsScreen(app),
                   ActionScreen(app, option), IndicatorsScreen(app, main.region),
                   DilemmaScreen(app, Dilemma("capture_siege", "acapulco", ["hold", "release"],
                                              "hold"))):
        visit(screen)
    main.c.set_term(1)
    app.apply(main.end_turn())
    assert isinstance(app.top, ResultsScreen)
    check("results")
    visit(CoachScreen(app, app.top, RESULTS_STEPS))
    app.apply(app.top.close())
    assert isinstance(app.top, VerdictScreen)
    check("verdict")
    app.apply(app.top.debrief())
    assert isinstance(app.top, DebriefScreen)
    check("debrief")
    assert problems == []


def test_language_switch_mid_game_rebuilds_every_screen(make_app: Any) -> None:
    """Switching language with L on the main screen changes its texts at once."""
    import pygame
    from conftest import key

    from game.ui.screen import Push
    from game.ui.screens.main import MainScreen

    app = make_app("en")
    app.start()
    assert app.session.start("juarez-2010", "federal", None, 0) is None
    app.apply(Push(MainScreen(app)))
    app.frame()
    assert catalog("en")["ui.main.end_turn"] in _texts(app)
    key(app, pygame.K_l, "l")
    assert app.settings.lang == "es"
    assert catalog("es")["ui.main.end_turn"] in _texts(app)
    assert catalog("en")["ui.main.end_turn"] not in _texts(app)


def test_settings_and_the_l_key_offer_every_catalog_language(make_app: Any,
                                                             monkeypatch: Any) -> None:
    """A third catalog folder shows up in Settings by its own name, and L cycles through it."""
    from game.ui.screen import Push
    from game.ui.screens import main, settings

    assert main.next_language("en") == "es" and main.next_language("es") == "en"
    monkeypatch.setattr(settings, "LANGUAGES", ("en", "es", "fr"))
    monkeypatch.setattr(main, "LANGUAGES", ("en", "es", "fr"))
    assert [main.next_language(lang) for lang in ("en", "es", "fr")] == ["es", "fr", "en"]
    app = make_app("es")
    app.start()
    app.apply(Push(settings.SettingsScreen(app)))
    app.frame()
    shown = _texts(app)
    assert {"English", "Español (México)", "Français"} <= set(shown)


def test_every_card_and_indicator_has_a_short_name_for_narrow_windows() -> None:
    """A narrow window writes a card's or an indicator's short name: each has one in every
    language."""
    from game.content import load_content
    from game.core import paths
    from game.play.registry import REGISTRY

    pack = load_content(paths.content_root())
    wanted = {f"action.{a}.short" for a in pack.interventions} | \
        {f"indicator.{i.id}.short" for i in REGISTRY}
    for lang in ("en", "es"):
        assert sorted(wanted - set(load_catalog(lang))) == [], lang
