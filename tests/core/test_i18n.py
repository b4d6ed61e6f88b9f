"""Translation: gettext catalogs, plural forms, CLDR numbers, quarter labels, a new language."""

from __future__ import annotations

import importlib.util
import math
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from babel.messages.pofile import read_po, write_po
from babel.numbers import format_decimal

from game.core import i18n, paths
from game.core.i18n import LANGUAGES, Translator

REPO = Path(__file__).resolve().parents[2]
TOOL = REPO / "packaging" / "catalogs.py"


def catalogs_tool() -> ModuleType:
    """Import packaging/catalogs.py (a script, not a package) by its path."""
    spec = importlib.util.spec_from_file_location("plaza_catalogs_tool", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary copy of the shipped catalogs, compiled into a temporary cache."""
    root = tmp_path / "content"
    shutil.copytree(paths.content_root() / "locale", root / "locale")
    monkeypatch.setattr(i18n, "cache_dir", lambda lang: tmp_path / "cache" / lang)
    return root


def old_format_value(value: Any) -> str:
    """The TOML-era Translator.format_value for numbers (Python's own separators)."""
    if isinstance(value, int) or (float(value).is_integer() and abs(value) >= 100):
        return f"{round(value):,}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:,.1f}"
    return f"{value:,.2f}"


VALUES: list[Any] = [0, 1, -1, 7, 999, 1000, -1234, 1234567, 10**15, 0.0, -0.0, 0.005, 0.125,
                     2.675, 1.005, 9.995, 10.05, 12.25, 99.95, 100.0, 100.5, 999.5, 1234.5,
                     -1234.5, 1e9 + 0.5, 123456.789, -0.004, 3.14159, 5e-7]


def test_english_numbers_are_exactly_as_before() -> None:
    """CLDR English gives the same text as Python's own formatting did, rounding included."""
    en = Translator("en")
    for value in VALUES:
        assert en.format_value(value) == old_format_value(value), value
        for decimals in (0, 1, 2):
            assert en.number(value, decimals) == f"{value:,.{decimals}f}", (value, decimals)
    assert en.number(math.nan) == "nan" and en.number(math.inf, 1) == "inf"
    assert en.format_value(True) == "True" and en.format_value("x") == "x"


def test_spanish_numbers_follow_es_mx() -> None:
    """Mexican Spanish (CLDR es_MX) groups with commas and uses a decimal point."""
    es = Translator("es")
    assert es.locale == "es_MX"
    assert es.number(1234567.891, 2) == "1,234,567.89"
    assert es.format_value(-1234.5) == "-1,234"
    for value in VALUES:
        assert es.number(value, 1) == format_decimal(Decimal(f"{value:.1f}"), "#,##0.0",
                                                     locale="es_MX")
    # Spain's Spanish would read differently: the locale comes from the catalog header.
    assert i18n.format_decimal(Decimal("1234567.5"), 1, "es") == "1.234.567,5"


def test_plural_forms_in_both_languages() -> None:
    """ngettext semantics: 1 takes the singular, 0 and 2 the plural (en and es alike)."""
    en, es = Translator("en"), Translator("es")
    assert en.plural("report.teams_count", 1) == "1 team"
    assert en.plural("report.teams_count", 2) == "2 teams"
    assert en.plural("report.teams_count", 0) == "0 teams"
    assert es.plural("report.teams_count", 1) == "1 equipo"
    assert es.plural("report.teams_count", 0) == "0 equipos"
    assert es.plural("report.teams_count", 1234) == "1,234 equipos"
    assert en.plural("report.partial", 1, turns=1) == "played 1 quarter"
    assert es.plural("report.partial", 3, turns=3) == "jugó 3 trimestres"
    assert es.plural("ui.debrief.saved", 1, count="1") == \
        "Asesinaron a 1 persona menos que si no hubieras hecho nada nuevo."
    # A number `count` parameter chooses the form (model Messages carry only parameters).
    assert en("news.attacks", region="@region.juarez", count=1) == \
        "1 public attack in Ciudad Juárez this quarter"
    assert es("news.attacks", region="@region.juarez", count=6).startswith("6 ataques")
    # No count, or a fraction: the general form, the text the key had before.
    assert en("report.teams_count") == "{count} teams"
    assert en.plural("report.teams_count", 1.5) == "1.50 teams"
    # plural() of a plain message is that message; of an unknown key, the key.
    assert en.plural("ui.common.ok", 3) == "OK"
    assert en.plural("no.such.key", 1) == "no.such.key"


def test_every_plural_entry_follows_the_convention() -> None:
    """msgid_plural is the msgid plus .plural; every language gives nplurals forms."""
    for lang in LANGUAGES:
        with i18n.catalog_path(lang).open("rb") as handle:
            catalog = read_po(handle)
        plural = [m for m in catalog if m.id and m.pluralizable]
        assert len(plural) >= 20, lang
        for message in plural:
            assert message.id[1] == message.id[0] + i18n.PLURAL_SUFFIX
            assert len(message.string) == catalog.num_plurals == 2
            assert all(message.string), message.id


def test_period_in_each_language() -> None:
    """A quarter reads Q1 2010 in English and T1 2010 in Spanish (files keep 2010-Q1); other
    text is left alone."""
    assert Translator("en").period("2010-Q1") == "Q1 2010"
    assert Translator("es").period("2010-Q1") == "T1 2010"
    assert Translator("es").period("2024-Q4") == "T4 2024"
    assert Translator("es").period("soon") == "soon"


def test_lookup_fallbacks_and_parameters() -> None:
    """@key parameters, a missing placeholder left visible, an unknown key shown as itself."""
    es = Translator("es")
    assert es.has("ui.title.new_game") and not es.has("ui.no_such_key")
    assert es("reason.wrong_role", role="@role.federal") == \
        es("reason.wrong_role", role=es("role.federal"))
    assert "{region}" in es("news.attacks", count=3)
    assert es("ui.no_such_key") == "ui.no_such_key"
    assert Translator("xx").lang == "en"


def test_a_third_language_needs_only_a_catalog(content: Path) -> None:
    """`catalogs.py new fr fr_FR` in a copy of content/: the game offers it and uses it."""
    tool = catalogs_tool()
    assert tool.main(["--content", str(content), "new", "fr", "fr_FR"]) == 0
    po = content / "locale" / "fr" / "LC_MESSAGES" / "plaza.po"
    with po.open("rb") as handle:
        catalog = read_po(handle)
    assert catalog.num_plurals >= 2  # CLDR's French rule, as Babel gives it
    catalog["ui.title.new_game"].string = "Nouvelle partie"
    catalog["report.teams_count"].string = ("{count} équipe",) + ("{count} équipes",) * (
        catalog.num_plurals - 1)
    with po.open("wb") as handle:
        write_po(handle, catalog)

    assert i18n.available_languages(content) == ("en", "es", "fr")
    fr = Translator("fr", content)
    assert fr.lang == "fr" and fr.locale == "fr_FR"
    assert fr("ui.title.new_game") == "Nouvelle partie"
    assert fr("ui.title.quit") == Translator("en", content)("ui.title.quit")  # not yet: English
    assert fr.plural("report.teams_count", 0) == "0 équipe"  # French: 0 and 1 are singular
    assert fr.plural("report.teams_count", 2) == "2 équipes"
    assert fr.number(1234.5, 1) == format_decimal(Decimal("1234.5"), "#,##0.0", locale="fr_FR")
    assert fr.language_name("fr") == "Français (France)"  # CLDR's name, as no catalog has one
    assert fr.language_name("es") == "Español (México)"
    assert list((content.parent / "cache" / "fr").glob("plaza-*.mo"))
    assert tool.check(content) != []  # untranslated messages are reported...
    assert tool.check(content, allow_untranslated=True) == []  # ...and nothing else is wrong


def test_catalogs_check_passes_on_the_shipped_catalogs() -> None:
    """The template is up to date and every catalog has every msgid and placeholder."""
    done = subprocess.run([sys.executable, str(TOOL), "check"], capture_output=True, text=True,
                          timeout=120, check=False, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert "catalogs: en, es: ok" in done.stdout


def test_catalogs_check_names_a_broken_translation(content: Path) -> None:
    """A placeholder lost in translation, a message gone, an empty form: one line each."""
    po = content / "locale" / "es" / "LC_MESSAGES" / "plaza.po"
    with po.open("rb") as handle:
        catalog = read_po(handle)
    catalog["ui.common.page"].string = "Página {page}"
    catalog["report.teams_count"].string = ("{count} equipo", "")
    del catalog["ui.common.ok"]
    with po.open("wb") as handle:
        write_po(handle, catalog)
    problems = catalogs_tool().check(content)
    assert any("ui.common.page: placeholders ['page']" in p for p in problems), problems
    assert any("ui.common.ok: missing" in p for p in problems), problems
    assert any("1 message(s) not translated yet" in p for p in problems), problems


def test_an_edited_catalog_is_compiled_again(content: Path) -> None:
    """The compiled catalog is named by the PO's digest: an edit is never hidden by a cache."""
    assert Translator("es", content)("ui.common.ok") == "Aceptar"
    po = content / "locale" / "es" / "LC_MESSAGES" / "plaza.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Aceptar"', 'msgstr "Vale"'),
                  encoding="utf-8")
    i18n.read_catalog.cache_clear()
    assert Translator("es", content)("ui.common.ok") == "Vale"
    cached = sorted((content.parent / "cache" / "es").glob("plaza-*.mo"))
    assert len(cached) == 2
    for path in cached:  # a damaged cache file is compiled again, not trusted
        path.write_bytes(b"\x00" * 40)
    i18n.read_catalog.cache_clear()
    assert Translator("es", content)("ui.common.ok") == "Vale"


def test_a_catalog_compiled_beside_its_po_is_used_as_is(content: Path) -> None:
    """What build.spec ships: the MO named by its PO's digest, beside it; no cache is written."""
    po = content / "locale" / "es" / "LC_MESSAGES" / "plaza.po"
    source = po.read_bytes()
    (po.parent / i18n.compiled_name(source)).write_bytes(i18n.compile_catalog(source))
    i18n.read_catalog.cache_clear()
    assert Translator("es", content)("ui.common.ok") == "Aceptar"
    assert not (content.parent / "cache" / "es").exists()


def test_advisors_counts_agree_with_one() -> None:
    """'The election comes in 1 quarters' was shown: counted advisor lines have plural forms."""
    import re

    keys = ("advice.region.rights.abuses", "advice.region.rights.crossfire",
            "advice.region.rights.watch", "advice.region.politics.election",
            "advice.tolerate.politics.election")
    wrong = re.compile(r"\b1 (quarters|trimestres|people|personas|complaints|quejas|"
                       r"bystanders)\b")
    for lang in ("en", "es"):
        t = Translator(lang)
        for key in keys:
            one = t(key, count=1, region="Juárez", level="state")
            many = t(key, count=3, region="Juárez", level="state")
            assert not wrong.search(one), (lang, one)
            assert one != many and "{" not in one + many, (lang, key)
