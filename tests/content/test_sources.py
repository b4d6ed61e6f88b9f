"""Every fact the game shows has a source a teacher can check (issue 14).

- Each finding's text, in every language, credits its claims: to one of the finding's
  citations in content/findings.toml (by author and year), or to "this game's model". The
  article is credited in every finding, and the findings that carry the model's own claims say
  so.
- A message that says "across Mexico" ("en todo México") takes only a national figure
  (placeholders named national_*), so a sum over a scenario's few regions can never be shown
  as the country's.
- docs/sources.md has a section for every finding, glossary entry, scenario and event, and
  every number such a message shows (a count, a percentage, a year) appears in its section.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.content import load_content
from game.content.schema import Citation, ContentPack
from game.core.i18n import Catalog, read_catalog
from game.core.paths import content_root

REPO = Path(__file__).resolve().parents[2]
SOURCES = REPO / "docs" / "sources.md"
LANGS = ("en", "es")
MODEL_CREDIT = {"en": "this game's model", "es": "modelo de este juego"}
"""How a finding credits a claim to the game's own model, in each language."""
MODEL_CLAIMS = ("F5", "F7", "F9", "F11", "F12", "F13", "F14", "F15")
"""Findings whose text carries a claim of the model (issue 14, item 10), credited as such."""
NATIONAL_PHRASES = ("across mexico", "all of mexico", "nationwide", "across the country",
                    "en todo méxico", "en todo el país", "a nivel nacional", "en el país entero")
NATIONAL_PLACEHOLDER = re.compile(r"^national_\w+$")
NOT_FIGURES = {"region", "city", "cities", "action", "actions", "scenario", "role", "period",
               "name", "names", "where", "seat", "event", "choice", "id", "path", "file",
               "folder", "code", "reason", "language", "team", "player"}
"""Placeholders that name a place or a thing, not a figure."""
SOURCED = ("finding.", "glossary.", "scenario.", "event.")
"""Messages whose facts docs/sources.md must source."""
NOT_FACTS = ("glossary.order",)
YEAR = re.compile(r"^\d{4}(?:\s*[,–-]\s*\d{4})*$")
NUMBER = re.compile(r"(?<![A-Za-z0-9])(\d{1,3}(?:,\d{3})+|\d+)(\s+mil\b)?")


@pytest.fixture(scope="module")
def pack() -> ContentPack:
    return load_content(content_root())


@pytest.fixture(scope="module", params=LANGS)
def catalog(request: pytest.FixtureRequest) -> Catalog:
    return read_catalog(request.param)


def forms(catalog: Catalog, key: str) -> tuple[str, ...]:
    return catalog.forms.get(key) or (catalog.texts[key],)


# ---------------------------------------------------------------- credits in findings


def names(part: str) -> list[str]:
    """The author names of a credit ('Trejo and Ley', 'Prieto-Curiel et al.', 'INEGI')."""
    part = part.replace(" et al.", "")
    return [n.strip() for n in re.split(r"\s+(?:and|y)\s+|,\s+", part) if n.strip()]


def matching(citations: list[Citation], part: str) -> list[Citation]:
    """The citations whose authors include every name of a credit part."""
    return [c for c in citations if all(n in c.authors for n in names(part))]


def credits(text: str, citations: list[Citation], lang: str) -> list[list[Citation] | str]:
    """Each credit in a text: the citations it names, or the model; other parentheses skipped.

    A credit is a parenthesis like (Ríos, 2015; Trejo and Ley, 2020), (INEGI) or (this game's
    model). Raises AssertionError for a credit that names no citation of the finding.
    """
    found: list[list[Citation] | str] = []
    for inner in re.findall(r"\(([^()]*)\)", text):
        if inner.strip() == MODEL_CREDIT[lang]:
            found.append("model")
            continue
        for part in (p.strip() for p in inner.split(";")):
            who, _, when = part.rpartition(", ") if re.search(r"\d{4}$", part) else (part, "", "")
            while YEAR.match(when) and re.search(r", \d{4}$", who):  # "Durán-Martínez, 2015, 2018"
                who, _, earlier = who.rpartition(", ")
                when = f"{earlier}, {when}"
            if not when:
                named = matching(citations, who)
                if named:
                    found.append(named)
                continue  # a parenthesis that credits nobody: (F6), (“Mexico has no president”)
            assert YEAR.match(when), f"cannot read the credit '{part}'"
            for year in map(int, re.findall(r"\d{4}", when)):
                named = [c for c in matching(citations, who) if c.year == year]
                assert named, f"'{part}' names no citation of this finding ({year})"
                found.append(named)
    return found


def test_every_finding_credits_its_claims(pack: ContentPack, catalog: Catalog) -> None:
    lang = catalog.lang
    for fid, finding in pack.findings.items():
        citations = [pack.citations[c] for c in finding.citations]
        text = catalog.texts[f"finding.{fid}.text"]
        try:
            found = credits(text, citations, lang)
        except AssertionError as error:
            raise AssertionError(f"{lang} finding.{fid}.text: {error}") from None
        assert found, f"{lang} finding.{fid}.text credits nobody"
        article = [c for named in found if named != "model" for c in named
                   if c.id == "duran_martinez_2019"]
        assert article, f"{lang} finding.{fid}.text does not credit the article"
        if fid in MODEL_CLAIMS:
            assert "model" in found, f"{lang} finding.{fid}.text: the model's claim is uncredited"
        assert text.rstrip().endswith((").", ")")), f"{lang} finding.{fid}.text ends uncredited"


def test_a_credit_to_a_source_the_finding_does_not_cite_is_caught(pack: ContentPack) -> None:
    citations = [pack.citations[c] for c in pack.findings["F1"].citations]
    with pytest.raises(AssertionError, match="names no citation"):
        credits("Soldiers raised violence (Espinosa and Rubin, 2015).", citations, "en")
    assert credits("Calm (this game's model).", citations, "en") == ["model"]


# ---------------------------------------------------------------- "across Mexico"


def test_across_mexico_takes_only_a_national_figure(catalog: Catalog) -> None:
    """A national phrase with a figure in it must get that figure from a national count."""
    wrong = []
    for key in catalog.texts:
        texts = forms(catalog, key)
        if not any(phrase in text.lower() for text in texts for phrase in NATIONAL_PHRASES):
            continue
        fields = {f for text in texts for f in re.findall(r"{(\w+)}", text)}
        wrong += [f"{key}: {{{f}}}" for f in sorted(fields - NOT_FIGURES)
                  if not NATIONAL_PLACEHOLDER.match(f)]
    assert wrong == [], f"{catalog.lang}: national wording with a non-national figure: {wrong}"


def test_the_regions_total_headline_does_not_claim_the_country() -> None:
    """news.national_total sums the scenario's regions only (issue 14, item 1)."""
    for lang in LANGS:
        for text in forms(read_catalog(lang), "news.national_total"):
            assert not any(p in text.lower() for p in NATIONAL_PHRASES), (lang, text)


# ---------------------------------------------------------------- docs/sources.md


def sections() -> dict[str, str]:
    """docs/sources.md's sections by key (`### key` up to the next heading)."""
    found: dict[str, str] = {}
    key = None
    for line in SOURCES.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            key = line[4:].strip().strip("`") if line.startswith("### ") else None
            if key is not None:
                found[key] = ""
        elif key is not None:
            found[key] += line + "\n"
    return found


def numbers(text: str) -> set[int]:
    """The numbers a text shows ('3,747', '70 mil', '2019'); finding ids like F6 are not."""
    return {int(n.replace(",", "")) * (1000 if mil else 1) for n, mil in NUMBER.findall(text)}


def section_of(key: str, found: dict[str, str]) -> str | None:
    """The section that covers a message key: the key itself or a dotted prefix of it."""
    parts = key.split(".")
    for end in range(len(parts), 1, -1):
        prefix = ".".join(parts[:end])
        if prefix in found:
            return prefix
    return None


def test_sources_has_a_section_for_every_fact_message(catalog: Catalog) -> None:
    found = sections()
    missing = sorted({key for key in catalog.texts
                      if key.startswith(SOURCED) and key not in NOT_FACTS
                      and section_of(key, found) is None})
    assert missing == [], f"docs/sources.md has no section for {missing}"


def test_every_number_shown_is_in_its_source_section(catalog: Catalog) -> None:
    found = sections()
    unsourced = []
    for key in catalog.texts:
        where = section_of(key, found)
        if not key.startswith(SOURCED) or key in NOT_FACTS or where is None:
            continue
        shown = set().union(*(numbers(text) for text in forms(catalog, key)))
        lacking = shown - numbers(found[where])
        if lacking:
            unsourced.append(f"{key}: {sorted(lacking)} not in '### {where}'")
    assert unsourced == [], f"{catalog.lang}: {unsourced}"


def test_every_section_names_a_message_that_exists() -> None:
    keys = set(read_catalog("en").texts)
    stale = [key for key in sections()
             if not any(k == key or k.startswith(key + ".") for k in keys)]
    assert stale == [], f"docs/sources.md sections for messages that no longer exist: {stale}"
