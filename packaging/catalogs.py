"""Plaza's gettext catalogs: regenerate the template, check every catalog, start a language.

Run from the repository with the game's environment (Babel is one of its dependencies):

    python packaging/catalogs.py pot              # content/locale/plaza.pot from English
    python packaging/catalogs.py update           # merge the template into the other catalogs
    python packaging/catalogs.py check            # every msgid everywhere, same {placeholders}
    python packaging/catalogs.py new fr [fr_FR]   # start content/locale/fr/ from the template

Message ids are the game's dotted keys ("ui.title.new_game"); the English catalog
(content/locale/en/LC_MESSAGES/plaza.po) holds the source text, and the template carries that
text as extracted comments ("#.") so translators see it in any gettext tool. A message that
depends on a count has msgid_plural = msgid + ".plural" (see content/locale/README.md).
`--content DIR` works on another content folder. Exit 0 when all is well, 1 otherwise.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import string
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from babel import Locale
from babel.core import UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = "plaza"
SOURCE = "en"
PLURAL_SUFFIX = ".plural"
PROJECT = "Plaza"
WIDTH = 76
"""Line width of the PO files, as xgettext and Babel write them."""

HEADERS: dict[str, dict[str, str]] = {
    "en": {"locale": "en", "team": "English", "plural": "nplurals=2; plural=(n != 1);"},
    "es": {"locale": "es_MX", "team": "Español (México)",
           "plural": "nplurals=2; plural=(n != 1);"},
}
"""Catalog headers of the shipped languages (a new language takes CLDR's from Babel)."""

HEADER_COMMENT = (
    "# Plaza: everything a player reads{language}.\n"
    "# Message ids are the game's dotted keys. A message that depends on a\n"
    "# count has msgid_plural = msgid + \".plural\". {{placeholders}} are\n"
    "# filled in by the game; a value starting with @ is itself a message id.\n"
    "# How to translate: content/locale/README.md.\n"
    "#"
)

FIELD = string.Formatter()


def locale_dir(content: Path) -> Path:
    """Return the folder holding the template and one folder per language."""
    return content / "locale"


def po_path(content: Path, lang: str) -> Path:
    """Return where one language's catalog lives (LANG/LC_MESSAGES/plaza.po)."""
    return locale_dir(content) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def pot_path(content: Path) -> Path:
    """Return where the template lives."""
    return locale_dir(content) / f"{DOMAIN}.pot"


def languages(content: Path) -> list[str]:
    """Return the language folders that hold a catalog, English first."""
    found = [p.parents[1].name for p in locale_dir(content).glob(f"*/LC_MESSAGES/{DOMAIN}.po")]
    return sorted(found, key=lambda lang: (lang != SOURCE, lang))


def read(path: Path) -> Catalog:
    """Read a PO or POT file with Babel."""
    with path.open("rb") as handle:
        return read_po(handle, domain=DOMAIN, abort_invalid=True)


def write_catalog(catalog: Catalog, path: Path) -> None:
    """Write a catalog as a PO file, whole or not at all (a temporary file, then a rename)."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, ignore_obsolete=True, include_lineno=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".catalog-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(buffer.getvalue())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def new_catalog(locale: str | None, team: str, plural: str | None, language: str,
                translator: str = "Plaza") -> Catalog:
    """Return an empty catalog with Plaza's header (locale None for the template)."""
    from game import __version__

    catalog = Catalog(locale=locale, domain=DOMAIN, project=PROJECT, version=__version__,
                      header_comment=HEADER_COMMENT.format(language=language), fuzzy=False,
                      language_team=team, last_translator=translator, charset="utf-8")
    catalog.msgid_bugs_address = ""
    if plural is not None:
        catalog.mime_headers = [("Plural-Forms", plural)]
    return catalog


def forms(message: Message) -> tuple[str, ...]:
    """Return a message's translations as a tuple (one item unless it is a plural entry)."""
    value = message.string
    if isinstance(value, tuple | list):
        return tuple(str(v or "") for v in value)
    return (str(value or ""),)


def english_comments(message: Message) -> list[str]:
    """The extracted comments a message carries in the template: notes, then the English text."""
    notes = [c for c in message.user_comments if c]
    texts = forms(message)
    if message.pluralizable:
        return [*notes, f"English (one): {texts[0]}", f"English (other): {texts[-1]}"]
    return [*notes, f"English: {texts[0]}"]


def placeholders(text: str) -> set[str]:
    """Return the {fields} a text uses; ValueError if its braces do not parse."""
    return {field.split(".")[0].split("[")[0] for _, field, _, _ in FIELD.parse(text)
            if field is not None}


def template_of(english: Catalog) -> Catalog:
    """Build the template from the English catalog: every msgid, empty translations."""
    pot = new_catalog(None, "LANGUAGE <LL@li.org>", None, "")
    pot.creation_date = english.creation_date
    for message in english:
        if not message.id:
            continue
        empty: str | tuple[str, ...] = ("", "") if message.pluralizable else ""
        pot.add(message.id, empty, auto_comments=english_comments(message))
    return pot


def body(catalog: Catalog) -> bytes:
    """Return a catalog's messages as written to a PO file, without the header."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, omit_header=True, ignore_obsolete=True,
             include_lineno=False)
    return buffer.getvalue()


def same_entries(a: Catalog, b: Catalog) -> bool:
    """Tell whether two catalogs write the same messages (ids, texts, comments, flags)."""
    return body(a) == body(b)


# ---------------------------------------------------------------- subcommands


def cmd_pot(content: Path) -> int:
    """Regenerate the template from the English catalog (unchanged file if nothing changed)."""
    english = read(po_path(content, SOURCE))
    pot = template_of(english)
    target = pot_path(content)
    if target.exists() and same_entries(read(target), pot):
        print(f"{target}: up to date ({len(pot)} messages)")
        return 0
    write_catalog(pot, target)
    print(f"{target}: written ({len(pot)} messages)")
    return 0


def cmd_update(content: Path) -> int:
    """Merge the template into every other catalog: new ids added, gone ids dropped."""
    pot = read(pot_path(content))
    for lang in languages(content):
        if lang == SOURCE:
            continue
        path = po_path(content, lang)
        catalog = read(path)
        before = {m.id: forms(m) for m in catalog if m.id}
        catalog.update(pot, no_fuzzy_matching=True, update_header_comment=False)
        write_catalog(catalog, path)
        added = sum(1 for m in catalog if m.id and m.id not in before)
        print(f"{path}: {added} new message(s) to translate")
    return 0


def check_catalog(lang: str, catalog: Catalog, english: Catalog, pot: Catalog,
                  allow_untranslated: bool) -> list[str]:
    """Return the problems of one language's catalog against the template and English."""
    problems: list[str] = []
    where = f"{lang}/LC_MESSAGES/{DOMAIN}.po"
    if catalog.locale is None:
        problems.append(f"{where}: header: no Language")
    plural = catalog.plural_forms
    if not re.fullmatch(r"nplurals=\d+; plural=.+;", plural or ""):
        problems.append(f"{where}: header: no usable Plural-Forms ({plural!r})")
    ids = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog if m.id}
    expected = {m.id if isinstance(m.id, str) else m.id[0]: m for m in pot if m.id}
    for key in sorted(set(ids) - set(expected)):
        problems.append(f"{where}: {key}: not in the template (obsolete? run `update`)")
    untranslated = 0
    for key, wanted in expected.items():
        message = ids.get(key)
        if message is None:
            problems.append(f"{where}: {key}: missing (run `update`)")
            continue
        if wanted.pluralizable != message.pluralizable or (
                message.pluralizable and message.id[1] != key + PLURAL_SUFFIX):
            shape = f"msgid_plural {key}{PLURAL_SUFFIX}" if wanted.pluralizable else "no plural"
            problems.append(f"{where}: {key}: should have {shape}")
            continue
        texts = forms(message)
        if message.pluralizable and len(texts) != catalog.num_plurals:
            problems.append(f"{where}: {key}: {len(texts)} plural forms, the header says "
                            f"{catalog.num_plurals}")
        if message.fuzzy:
            problems.append(f"{where}: {key}: marked fuzzy (review it, then drop the flag)")
        source = english.get(key)
        source_texts = forms(source) if source is not None else ("",)
        if any(not text for text in texts) and any(source_texts):
            untranslated += 1
            continue
        try:
            used = set().union(*(placeholders(text) for text in texts))
            wanted_fields = set().union(*(placeholders(text) for text in source_texts))
        except ValueError as error:
            problems.append(f"{where}: {key}: bad braces: {error}")
            continue
        if used != wanted_fields:
            problems.append(f"{where}: {key}: placeholders {sorted(used)} but English has "
                            f"{sorted(wanted_fields)}")
    if untranslated and not allow_untranslated:
        problems.append(f"{where}: {untranslated} message(s) not translated yet")
    return problems


def check(content: Path, allow_untranslated: bool = False) -> list[str]:
    """Return every problem of the template and the catalogs of a content folder."""
    problems: list[str] = []
    langs = languages(content)
    if SOURCE not in langs:
        return [f"{po_path(content, SOURCE)}: the English catalog is missing"]
    english = read(po_path(content, SOURCE))
    if not pot_path(content).exists():
        return [f"{pot_path(content)}: missing (run `pot`)"]
    pot = read(pot_path(content))
    if not same_entries(pot, template_of(english)):
        problems.append(f"{pot_path(content)}: out of date with the English catalog (run `pot`)")
    for lang in langs:
        problems += check_catalog(lang, read(po_path(content, lang)), english, pot,
                                  allow_untranslated)
    return problems


def cmd_check(content: Path, allow_untranslated: bool) -> int:
    """Print every problem; exit 1 if there is any."""
    problems = check(content, allow_untranslated)
    for line in problems:
        print(line, file=sys.stderr)
    langs = ", ".join(languages(content))
    print(f"catalogs: {langs}: {'ok' if not problems else f'{len(problems)} problem(s)'}")
    return 1 if problems else 0


def cmd_new(content: Path, lang: str, locale: str | None) -> int:
    """Start a new language's catalog from the template (empty translations)."""
    if not re.fullmatch(r"[a-z]{2,3}(_[A-Za-z0-9]+)?", lang):
        print(f"new: '{lang}' is not a language code like fr or pt_BR", file=sys.stderr)
        return 1
    target = po_path(content, lang)
    if target.exists():
        print(f"new: {target} exists already; use `update`", file=sys.stderr)
        return 1
    try:
        parsed = Locale.parse(locale or lang)
    except (UnknownLocaleError, ValueError) as error:
        print(f"new: unknown locale {locale or lang}: {error}", file=sys.stderr)
        return 1
    nplurals, expr = get_plural(parsed)
    name = parsed.get_display_name(parsed) or lang
    catalog = new_catalog(str(parsed), name, f"nplurals={nplurals}; plural={expr};",
                          f", in {name}", "FULL NAME <EMAIL@ADDRESS>")
    template = read(pot_path(content))
    catalog.creation_date = template.creation_date
    for message in template:
        if message.id:
            empty = ("",) * nplurals if message.pluralizable else ""
            catalog.add(message.id, empty, auto_comments=message.auto_comments)
    write_catalog(catalog, target)
    print(f"{target}: {len(catalog)} messages to translate ({nplurals} plural forms: {expr})")
    return 0


def main(argv: Iterable[str] | None = None) -> int:
    """Parse the command line and run one subcommand."""
    parser = argparse.ArgumentParser(prog="catalogs.py", description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content",
                        help="content folder (default: the repository's)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("pot", help="regenerate the template from the English catalog")
    sub.add_parser("update", help="merge the template into every other catalog")
    check_parser = sub.add_parser("check", help="check every catalog against the template")
    check_parser.add_argument("--allow-untranslated", action="store_true",
                              help="do not count empty translations as problems")
    new = sub.add_parser("new", help="start a new language from the template")
    new.add_argument("lang", help="the folder name, e.g. fr")
    new.add_argument("locale", nargs="?", help="the CLDR locale for its formats, e.g. fr_FR")
    args = parser.parse_args(list(argv) if argv is not None else None)
    content: Path = args.content
    if args.command == "pot":
        return cmd_pot(content)
    if args.command == "update":
        return cmd_update(content)
    if args.command == "check":
        return cmd_check(content, args.allow_untranslated)
    return cmd_new(content, args.lang, args.locale)


if __name__ == "__main__":
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    sys.exit(main())
