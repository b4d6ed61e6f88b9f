"""Translation lookup: the model emits message ids and parameters; this turns them into words.

Each language is a gettext catalog, `content/locale/LANG/LC_MESSAGES/plaza.po`, whose msgids
are the game's dotted keys ("ui.title.new_game"). A message that depends on a count also has
msgid_plural `KEY.plural` and one form per plural category of its language (its header's
Plural-Forms). The game reads catalogs compiled to MO with `gettext.GNUTranslations`: the
packaged game carries them compiled (build.spec); from a checkout each PO is compiled with
Babel the first time it is read and kept in the user cache folder under its SHA-256, so an
edited PO is compiled again and nothing needs a build step. Numbers follow CLDR for the
catalog's Language header (`es` is `es_MX`) through Babel, loaded on the first number.
"""

from __future__ import annotations

import contextlib
import gettext
import hashlib
import io
import math
import numbers
import re
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.core import paths
from game.core.calendar import parse_period
from game.core.files import write_bytes_atomic
from game.core.problems import BadInput, Problem

if TYPE_CHECKING:
    from babel import Locale
    from babel.numbers import NumberPattern

DOMAIN = "plaza"
"""The gettext domain: every catalog is LC_MESSAGES/plaza.po."""
DEFAULT_LANGUAGE = "en"
PLURAL_SUFFIX = ".plural"
"""A count-dependent message's msgid_plural is its msgid plus this suffix."""
KEEP_COMPILED = 4
"""Compiled catalogs kept per language in the user cache (older ones are deleted)."""


@dataclass(frozen=True)
class Message:
    """What the model says: a catalog key and its parameters ('@key' parameters are keys too).

    The model and the classroom emit Messages; only the screens and the command line turn
    them into words, in the player's language.
    """

    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """Return a JSON-ready form."""
        return {"key": self.key, "params": dict(self.params)}


# ---------------------------------------------------------------- finding and compiling


def locale_root(root: Path | None = None) -> Path:
    """Return the folder holding the template and one folder per language."""
    return (root or paths.content_root()) / "locale"


def catalog_dir(lang: str, root: Path | None = None) -> Path:
    """Return the folder holding one language's catalog (content/locale/LANG)."""
    return locale_root(root) / lang


def catalog_path(lang: str, root: Path | None = None) -> Path:
    """Return one language's PO file (content/locale/LANG/LC_MESSAGES/plaza.po)."""
    return catalog_dir(lang, root) / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=8)
def available_languages(root: Path | None = None) -> tuple[str, ...]:
    """Return the languages that have a catalog folder, English first, then by code."""
    found = {p.parents[1].name for p in locale_root(root).glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    found.add(DEFAULT_LANGUAGE)
    return tuple(sorted(found, key=lambda lang: (lang != DEFAULT_LANGUAGE, lang)))


LANGUAGES = available_languages()
"""The shipped languages (a new folder under content/locale/ adds one)."""


def compiled_name(source: bytes) -> str:
    """Return the name of the MO file compiled from a PO file's bytes (plaza-SHA.mo)."""
    return f"{DOMAIN}-{hashlib.sha256(source).hexdigest()[:16]}.mo"


def compile_catalog(source: bytes, where: str = "catalog") -> bytes:
    """Compile a PO file's bytes to MO bytes with Babel (empty and fuzzy entries left out)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import PoFileError, read_po

    try:
        catalog = read_po(io.BytesIO(source), domain=DOMAIN, abort_invalid=True)
    except PoFileError as exc:
        raise BadInput([Problem(where, f"line {exc.lineno}", str(exc))]) from exc
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def cache_dir(lang: str) -> Path:
    """Return the user cache folder for one language's compiled catalogs."""
    return paths.user_cache_dir() / "catalogs" / lang


def _remember(folder: Path, name: str, data: bytes) -> None:
    """Keep a compiled catalog in the cache (best effort: a read-only home just recompiles)."""
    with contextlib.suppress(OSError):
        write_bytes_atomic(folder / name, data, make_folder=True)
        kept = sorted(folder.glob(f"{DOMAIN}-*.mo"), key=lambda p: p.stat().st_mtime,
                      reverse=True)
        for old in kept[KEEP_COMPILED:]:
            old.unlink()


def compiled_catalog(lang: str, root: Path | None = None) -> bytes | None:
    """Return one language's catalog as MO bytes (None if it has no PO file).

    Looks for the MO compiled from exactly these PO bytes beside the PO (a packaged game),
    then in the user cache; otherwise compiles it with Babel and caches it.
    """
    po = catalog_path(lang, root)
    try:
        source = po.read_bytes()
    except FileNotFoundError:
        return None
    name = compiled_name(source)
    for candidate in (po.parent / name, cache_dir(lang) / name):
        with contextlib.suppress(OSError):
            return candidate.read_bytes()
    data = compile_catalog(source, str(po))
    _remember(cache_dir(lang), name, data)
    return data


# ---------------------------------------------------------------- reading


class _MoReader(gettext.GNUTranslations):
    """GNU gettext's MO reader, handing back what it parsed for lookups by key."""

    def messages(self) -> dict[Any, str]:
        """Return msgid -> text, and (msgid, form) -> text for plural entries."""
        return dict(vars(self)["_catalog"])

    def rule(self) -> Callable[[int], int]:
        """Return the Plural-Forms rule: count -> form index."""
        rule: Callable[[int], int] = vars(self)["plural"]
        return rule


def _english_rule(n: int) -> int:
    """The plural rule of a catalog without a Plural-Forms header: one, and other."""
    return int(n != 1)


@dataclass(frozen=True)
class Catalog:
    """One language's messages: texts by key, plural forms by key, its plural rule and locale."""

    lang: str
    locale: str
    """The CLDR locale of its formats, from the Language header ("es_MX")."""
    texts: dict[str, str]
    """Key -> text; a plural entry's text is its last (most general) form."""
    forms: dict[str, tuple[str, ...]]
    rule: Callable[[int], int] = _english_rule
    nplurals: int = 2

    def form(self, key: str, count: Any = None) -> str | None:
        """Return the text for a key: for a plural entry, the form for `count`."""
        forms = self.forms.get(key)
        if forms is None:
            return self.texts.get(key)
        return forms[self.form_index(count, len(forms))]

    def form_index(self, count: Any, size: int) -> int:
        """Return which plural form a count takes (the last for no count or a fraction)."""
        if isinstance(count, numbers.Real) and not isinstance(count, bool):
            value = float(count)
            if math.isfinite(value) and value.is_integer():
                return max(0, min(size - 1, self.rule(abs(int(value)))))
        return size - 1


def parse_compiled(lang: str, data: bytes) -> Catalog:
    """Read MO bytes into a catalog (struct/Unicode errors mean a damaged file)."""
    reader = _MoReader(io.BytesIO(data))
    info = reader.info()
    texts: dict[str, str] = {}
    plural: dict[str, dict[int, str]] = {}
    for msgid, text in reader.messages().items():
        if isinstance(msgid, tuple):
            plural.setdefault(msgid[0], {})[msgid[1]] = text
        elif msgid:
            texts[msgid] = text
    forms = {key: tuple(by_index.get(i, "") for i in range(max(by_index) + 1))
             for key, by_index in plural.items()}
    for key, options in forms.items():
        if options[-1]:
            texts[key] = options[-1]
    declared = re.search(r"nplurals\s*=\s*(\d+)", info.get("plural-forms", ""))
    return Catalog(lang=lang, locale=info.get("language") or lang, texts=texts, forms=forms,
                   rule=reader.rule(), nplurals=int(declared[1]) if declared else 2)


@lru_cache(maxsize=16)
def read_catalog(lang: str, root: Path | None = None) -> Catalog:
    """Read one language's catalog (an empty one if the language has no PO file)."""
    data = compiled_catalog(lang, root)
    if data is None:
        return Catalog(lang=lang, locale=lang, texts={}, forms={})
    try:
        return parse_compiled(lang, data)
    except (OSError, struct.error, UnicodeDecodeError):
        source = catalog_path(lang, root).read_bytes()  # a damaged cached MO: compile again
        data = compile_catalog(source, str(catalog_path(lang, root)))
        _remember(cache_dir(lang), compiled_name(source), data)
        return parse_compiled(lang, data)


def load_catalog(lang: str, root: Path | None = None) -> dict[str, str]:
    """Return one language's flat key -> text mapping (plural entries: their general form)."""
    return read_catalog(lang, root).texts


# ---------------------------------------------------------------- numbers (CLDR via Babel)


@lru_cache(maxsize=8)
def cldr_locale(name: str) -> Locale:
    """Return Babel's locale for a catalog's Language header, or its language, or English."""
    from babel import Locale, UnknownLocaleError

    for candidate in (name, name.split("_")[0], DEFAULT_LANGUAGE):
        try:
            return Locale.parse(candidate)
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse("root")


@lru_cache(maxsize=32)
def number_pattern(name: str, decimals: int) -> NumberPattern:
    """Return the locale's decimal pattern with exactly `decimals` decimals ("#,##0.00")."""
    from babel.numbers import parse_pattern

    primary, secondary = cldr_locale(name).decimal_formats[None].grouping
    whole = "0".rjust(primary, "#")
    if secondary != primary:
        whole = "#" * secondary + "," + whole
    return parse_pattern("#," + whole + ("." + "0" * decimals if decimals > 0 else ""))


def format_decimal(value: Decimal, decimals: int, locale: str) -> str:
    """Write an already rounded number with the locale's CLDR digits and separators."""
    from babel.numbers import format_decimal as babel_format

    return babel_format(value, number_pattern(locale, decimals), locale=cldr_locale(locale))


# ---------------------------------------------------------------- the translator


class _SafeParams(dict[str, Any]):
    """Format parameters that leave an unknown placeholder visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Translator:
    """Look up player-visible text in one language, falling back to English, then to the key.

    A plural entry takes the form for its `count` parameter when that is a number (so model
    Messages, which carry only a key and parameters, get plural forms too); `plural()` names
    the count explicitly.
    """

    def __init__(self, lang: str = DEFAULT_LANGUAGE, root: Path | None = None) -> None:
        if lang not in available_languages(root):
            lang = DEFAULT_LANGUAGE
        self.lang = lang
        self._root = root
        self._catalog = read_catalog(lang, root)
        self._fallback = read_catalog(DEFAULT_LANGUAGE, root)
        self.locale = self._catalog.locale
        """The CLDR locale of this language's formats ("en", "es_MX")."""

    def has(self, key: str) -> bool:
        """Tell whether this language has its own text for a key."""
        return key in self._catalog.texts

    def __call__(self, key: str, **params: Any) -> str:
        """Return the text for a key with its parameters filled in."""
        return self._render(key, params.get("count"), params)

    def plural(self, key: str, count: float, /, **params: Any) -> str:
        """Return the form of a key for `count` (ngettext), with `count` as a parameter too.

        A `count` keyword overrides what is shown for it (an already formatted number).
        """
        params.setdefault("count", count)
        return self._render(key, count, params)

    def _render(self, key: str, count: Any, params: dict[str, Any]) -> str:
        """Look a key up (own language, then English) and fill in its parameters."""
        text = self._catalog.form(key, count) or self._fallback.form(key, count)
        if text is None:
            return key
        return text.format_map(_SafeParams({k: self.format_value(v) for k, v in params.items()}))

    def format_value(self, value: Any) -> str:
        """Format a parameter: numbers with CLDR separators and sensible decimals, @keys."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            if isinstance(value, str) and value.startswith("@"):
                return self(value[1:])
            return str(value)
        if isinstance(value, int) or (float(value).is_integer() and abs(value) >= 100):
            return format_decimal(Decimal(round(value)), 0, self.locale)
        if abs(value) >= 100:
            return self.number(value, 0)
        if abs(value) >= 10:
            return self.number(value, 1)
        return self.number(value, 2)

    def number(self, value: float, decimals: int = 0) -> str:
        """Format a number with a fixed count of decimals and the language's separators."""
        if not math.isfinite(value):
            return f"{value:,.{decimals}f}"
        return format_decimal(Decimal(f"{value:.{decimals}f}"), decimals, self.locale)

    def period(self, label: str) -> str:
        """Write a quarter label ("2010-Q1") in this language's form (ui.period); else as is."""
        try:
            year, quarter = parse_period(label)
        except ValueError:
            return label
        return self("ui.period", year=str(year), quarter=str(quarter))

    def language_name(self, lang: str) -> str:
        """Name a language for a language menu: ui.language.LANG, else CLDR's name in itself."""
        text = self._catalog.form(f"ui.language.{lang}") or \
            self._fallback.form(f"ui.language.{lang}")
        if text:
            return text
        locale = cldr_locale(read_catalog(lang, self._root).locale)
        name = locale.get_display_name(locale) or lang
        return name[:1].upper() + name[1:]
