"""Numbers for people: units, signs, percentages, a human scale for counts of lives; messages."""

from __future__ import annotations

import errno
import math
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from game.play.registry import indicator

if TYPE_CHECKING:
    from game.core.i18n import Translator

Translate = Callable[..., str]

def number(value: float, decimals: int = 0) -> str:
    """Format with thousands separators and a fixed count of decimals."""
    if not math.isfinite(value):
        return "–"
    text = f"{value:,.{decimals}f}"
    return "0" if text.strip("-0.,") == "" else text


def smart(value: float) -> str:
    """Format a number with sensible decimals for its size."""
    size = abs(value)
    if size >= 100:
        return number(value, 0)
    if size >= 10:
        return number(value, 1)
    return number(value, 2) if size < 1 else number(value, 1)


def signed(value: float, decimals: int = 0) -> str:
    """Format a change with an explicit sign (a minus sign, not a hyphen)."""
    text = number(abs(value), decimals)
    if text == "0" or text.strip("0.,") == "":
        return "±0"
    return ("+" if value > 0 else "−") + text


def indicator_value(t: Translate, name: str, value: float) -> str:
    """Format an indicator's value in its unit (from the model's indicator registry)."""
    unit = indicator(name).unit
    if unit == "share":
        return t("ui.units.percent", value=number(value * 100, 0))
    if unit in ("count", "points"):
        return number(value, 0)
    if unit == "rate":
        return t("ui.units.rate", value=number(value, 1))
    if unit == "thousands":
        return t("ui.units.people", value=number(value * 1000, 0))
    if unit == "presence":
        return t(f"ui.units.presence_{presence_level(value)}")
    return smart(value)


def indicator_change(name: str, delta: float) -> str:
    """Format an indicator's change in the unit it is shown in."""
    unit = indicator(name).unit
    if unit == "share":
        return signed(delta * 100, 0) + " pt"
    if unit in ("count", "points"):
        return signed(delta, 0)
    if unit == "rate":
        return signed(delta, 1)
    if unit == "thousands":  # shown as people, stored in thousands
        return signed(delta * 1000, 0)
    return signed(delta, 1)


def change_word(t: Translate, name: str, delta: float, tolerance: float = 1e-9) -> str:
    """Say in words whether a change is better or worse (colour is never the only cue).

    Empty where the registry takes no side (forces present, migrants waiting).
    """
    if abs(delta) <= tolerance:
        return t("ui.change.same")
    good = indicator(name).is_good(delta)
    if good is None:
        return ""
    return t("ui.change.better") if good else t("ui.change.worse")


def is_rate(name: str) -> bool:
    """Whether an indicator is a rate per 100,000 people a year."""
    return indicator(name).unit == "rate"


def is_flow(name: str) -> bool:
    """Whether an indicator counts what happened during a quarter (killings, attacks) rather
    than a state that carries over (trust, integrity)."""
    return indicator(name).unit == "count"


def is_good(name: str, delta: float) -> bool:
    """Tell whether a change is an improvement (False where the registry takes no side)."""
    return bool(indicator(name).is_good(delta))


def presence_level(value: float) -> str:
    """Turn a forces index (0-3) into none/small/large/massive."""
    if value < 0.05:
        return "none"
    if value < 1.0:
        return "small"
    if value < 2.0:
        return "large"
    return "massive"


def money(t: Translate, value: float) -> str:
    """Format million pesos."""
    return t("ui.units.money", value=number(value, 0))


def quarters(t: Translate, count: int) -> str:
    """Format a number of quarters in words."""
    if count == 0:
        return t("ui.units.now")
    if count == 1:
        return t("ui.units.one_quarter")
    return t("ui.units.quarters", count=count)


def per_day(count: float, days: float = 91.0) -> float:
    """Return a quarter's count as a daily average."""
    return count / days


def lives_verb(t: Translator, saved: float) -> str:
    """What a plan did to lives, never with a minus sign: "saved 1,204 lives", "cost 22,528
    more lives", "made no difference in lives"."""
    return _lives(t, saved, "verb")


def lives_noun(t: Translator, saved: float) -> str:
    """Lives saved or lost as a noun phrase, never with a minus sign: "1,204 lives saved",
    "22,528 more lives lost", "no difference"."""
    return _lives(t, saved, "noun")


def _lives(t: Translator, saved: float, form: str) -> str:
    """Lives saved (or, if negative, lost) in words: catalog `ui.lives.{saved,cost,even}_FORM`."""
    count = round(saved)
    if count == 0:
        return t(f"ui.lives.even_{form}")
    kind = "saved" if count > 0 else "cost"
    return t.plural(f"ui.lives.{kind}_{form}", abs(count), count=number(abs(count), 0))


def human_scale(t: Translator, lives: float) -> str:
    """Put a number of lives on a human scale (classrooms, schools); empty for small numbers."""
    lives = abs(lives)
    if lives < 30:
        return ""
    if lives < 500:
        return t.plural("ui.scale.classrooms", round(lives / 30), count=number(lives / 30, 0))
    schools, decimals = lives / 500, 0 if lives >= 5000 else 1
    return t.plural("ui.scale.schools", round(schools) if decimals == 0 else schools,
                    count=number(schools, decimals))


def message(t: Translate, message: Any) -> str:
    """Translate a model Message (key + params), or show any other value as it is.

    A parameter holding a quarter ("2024-Q2") is written in the language's own way (T2 2024).
    """
    key = getattr(message, "key", None)
    if not isinstance(key, str):
        return str(message)
    params = dict(getattr(message, "params", {}) or {})
    for name, value in params.items():
        if isinstance(value, str) and _PERIOD.fullmatch(value):
            year, quarter = value.split("-Q")
            params[name] = t("ui.period", year=year, quarter=quarter)
    return t(key, **params)


_PERIOD = re.compile(r"\d{4}-Q[1-4]")


def error(t: Translate, exc: Exception) -> str:
    """Translate the Message an exception carries (Impossible, BadSave), else its own text."""
    carried = getattr(exc, "message", None)
    return str(exc) if carried is None else message(t, carried)


_OS_REASONS = {errno.ENOSPC: "ui.oserror.full",
               getattr(errno, "EDQUOT", errno.ENOSPC): "ui.oserror.full",
               errno.EACCES: "ui.oserror.denied", errno.EPERM: "ui.oserror.denied",
               errno.EROFS: "ui.oserror.read_only", errno.ENOENT: "ui.oserror.missing",
               errno.ENOTDIR: "ui.oserror.missing"}
"""The file-system failures a player can act on, each in the player's language."""


def os_reason(t: Translate, exc: OSError) -> str:
    """Why a file could not be written or read, in the player's words where the cause is known
    (a full disk, a folder that cannot be written), else the system's own text."""
    key = _OS_REASONS.get(exc.errno or 0)
    return t(key) if key is not None else (exc.strerror or str(exc))
