"""In our own words: no message or document repeats five words of the article in a row.

The article the game teaches (Durán-Martínez 2019) is CC BY-ND: the game may cite it and say
what it argues, never reuse its sentences (issue 14, item 9). The repository does not ship the
article; `article_shingles.txt` holds a hash of each of its five-word runs, and every catalog
message (both languages, all plural forms; bibliographic titles aside) and every document is
checked against them. The article's title is left out of the hashes, so citing it is fine.

Run as a script on the article's text to print the hash file again.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

from game.core.i18n import read_catalog

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SHINGLES = HERE / "article_shingles.txt"
RUN = 5
"""Words in a row that count as reuse."""
TITLE = "Cartel sieges leave Mexicans wondering if criminals run the country"
DOCUMENTS = ("README.md", "docs/*.md", "content/**/README.md")
QUOTED_AS_PUBLISHED = ("citation.",)
HEADER = """\
# SHA-256 (first 16 hex digits) of every run of five words of the article the game teaches
# (Durán-Martínez 2019, CC BY-ND 4.0): lower case, apostrophes dropped, words of letters,
# digits and '#'; the title's runs left out. The article's text is not shipped: these hashes
# only let tests/content/test_own_words.py tell when a text repeats five of its words in a row.
# To make this file again: python tests/content/test_own_words.py ARTICLE.txt (it prints it)."""


def words(text: str) -> list[str]:
    """Lower-case words of letters, digits and '#', apostrophes dropped."""
    text = text.lower().replace("’", "'").replace("'", "")
    return re.findall(r"[0-9a-záéíóúñü#]+", text)


def digest(run: list[str]) -> str:
    return hashlib.sha256(" ".join(run).encode("utf-8")).hexdigest()[:16]


def runs(text: str) -> list[list[str]]:
    found = words(text)
    return [found[i:i + RUN] for i in range(len(found) - RUN + 1)]


def shingles_of_article(text: str) -> list[str]:
    """The sorted hashes of an article's five-word runs, less those of its title."""
    title = {digest(r) for r in runs(TITLE)}
    return sorted({digest(r) for r in runs(text)} - title)


def article_shingles() -> set[str]:
    lines = SHINGLES.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def reused(text: str, shingles: set[str]) -> list[str]:
    return [" ".join(r) for r in runs(text) if digest(r) in shingles]


def test_the_hash_file_is_the_article_s() -> None:
    """About a thousand runs of five words, none of them the title's."""
    shingles = article_shingles()
    assert 1000 < len(shingles) < 1300
    assert all(re.fullmatch(r"[0-9a-f]{16}", s) for s in shingles)
    assert not reused(TITLE, shingles)


def test_no_catalog_message_repeats_the_article() -> None:
    shingles = article_shingles()
    found = []
    for lang in ("en", "es"):
        catalog = read_catalog(lang)
        for key, text in catalog.texts.items():
            if key.startswith(QUOTED_AS_PUBLISHED):
                continue
            for form in catalog.forms.get(key) or (text,):
                found += [f"{lang} {key}: '{r}'" for r in reused(form, shingles)]
    assert found == []


def test_no_document_repeats_the_article() -> None:
    shingles = article_shingles()
    paths = sorted({p for pattern in DOCUMENTS for p in REPO.glob(pattern)})
    assert any(p.name == "sources.md" for p in paths)
    found = [f"{p.relative_to(REPO)}: '{r}'" for p in paths
             for r in reused(p.read_text(encoding="utf-8"), shingles)]
    assert found == []


def test_the_check_catches_a_copied_sentence() -> None:
    """A phrase known to be in the article is caught; our paraphrase of it is not."""
    shingles = article_shingles()
    assert reused("In 2010, Juárez was the most violent city in the world.", shingles)
    assert not reused("Ciudad Juárez was called the world's most violent city in 2010.", shingles)


if __name__ == "__main__":
    print(HEADER)
    print("\n".join(shingles_of_article(Path(sys.argv[1]).read_text(encoding="utf-8"))))
