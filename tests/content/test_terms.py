"""One term per idea in each language: both catalogs against content/locale/terms.toml.

A teacher reading the Spanish game should meet "presidente municipal", "docente", "disputa"
and "Shift" everywhere, never a synonym on one screen and another word on the next, and never
Spain's Spanish or usted. Each term lists the words its language must avoid.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

import pytest

from game.core.i18n import LANGUAGES, read_catalog
from game.core.paths import content_root

TERMS_FILE = content_root() / "locale" / "terms.toml"
QUOTED_AS_PUBLISHED = ("citation.",)
"""Message prefixes not checked: bibliographic titles are quoted in their own language."""


def terms() -> list[dict[str, Any]]:
    with TERMS_FILE.open("rb") as handle:
        return list(tomllib.load(handle)["term"])


def word(term: str) -> re.Pattern[str]:
    """A whole-word, case-insensitive pattern for a word or phrase."""
    return re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", re.IGNORECASE)


def texts(lang: str) -> dict[str, tuple[str, ...]]:
    """Every checked message of a catalog, with all its plural forms."""
    catalog = read_catalog(lang)
    return {key: catalog.forms.get(key) or (text,) for key, text in catalog.texts.items()
            if not key.startswith(QUOTED_AS_PUBLISHED)}


def test_every_term_names_an_idea_and_its_words_in_every_language() -> None:
    for term in terms():
        assert term["idea"], term
        for lang in ("en", "es"):
            assert lang in term and f"avoid_{lang}" in term, (term["idea"], lang)
            used = term[lang].lower()
            for avoided in term[f"avoid_{lang}"]:
                assert avoided.lower() != used, (term["idea"], lang, avoided)


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang in ("en", "es")])
def test_no_catalog_message_uses_a_word_its_language_avoids(lang: str) -> None:
    messages = texts(lang)
    found = []
    for term in terms():
        for avoided in term[f"avoid_{lang}"]:
            pattern = word(avoided)
            found += [f"{key}: '{avoided}' (say '{term[lang]}': {term['idea']})"
                      for key, forms in messages.items() if any(map(pattern.search, forms))]
    assert found == []


def test_the_check_catches_a_forbidden_synonym() -> None:
    """The Spanish terms would flag the Spain-Spanish and mixed words issue 14 found."""
    avoided = {w for term in terms() for w in term["avoid_es"]}
    samples = ["Todo se puede hacer sin ratón.", "Tab / Mayús+Tab", "Intro / Espacio",
               "revise cada carácter", "Aprobación del alcalde", "Alcaldías en modo compartido",
               "tu profesor", "busquen las compensaciones", "Competencia", "Ataques visibles",
               "el cannabis legal", "Temporizador"]
    for sample in samples:
        assert any(word(w).search(sample) for w in avoided), sample
    assert not any(word(w).search("No importan las mayúsculas ni los guiones") for w in avoided)
