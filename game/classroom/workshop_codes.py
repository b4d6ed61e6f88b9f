"""Workshop codes: every setting of a workshop in a short typed code with a check character.

A code is `PLZ-` followed by groups of four Crockford base-32 characters. Its bits hold every
setting a workshop file can hold (see `encode_code`); its last character is a Damm check over
GF(32), which catches every single wrong character and every swap of two neighbours. Since
format 2 the character before it is a hash of everything else (an inserted or dropped
character slips past both only about once in a thousand), the language field has a fixed
width (a third language does not move the fields after it) and a code is accepted only in the
one spelling the encoder writes (no two codes stand for the same workshop). Format 1 codes,
made before, are still read.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from game.classroom.bits import (
    Bits,
    bits_of,
    body_hash,
    digits_of,
    group,
    put_number,
    read_digits,
    take_number,
    width,
)
from game.content.loader import check_workshop, parse_workshop, seat_actions
from game.content.schema import (
    MAX_TIMER_MINUTES,
    AssumptionSwitch,
    ContentPack,
    Role,
    Workshop,
)
from game.core.i18n import LANGUAGES
from game.core.problems import BadInput, Problem

CODE_PREFIX = "PLZ"
CODE_VERSION = 2
READ_VERSIONS = (1, 2)
LANGUAGE_BITS = 3
"""Format 2: the language index in a fixed 3 bits (up to eight languages)."""
ROLES: tuple[Role, ...] = ("federal", "municipal")
VERSION_BITS, TAG_BITS = 3, 10
CODE_FIELD = "(code)"


# --- content tables the code indexes into -----------------------------------------------------


@dataclass(frozen=True)
class CodeTables:
    """The ordered ids a code refers to by position, and a tag of them (same content, same tag)."""

    scenarios: tuple[str, ...]
    parameters: tuple[str, ...]
    switches: tuple[str, ...]
    tag: int

    @classmethod
    def build(cls, pack: ContentPack, switches: dict[str, AssumptionSwitch]) -> CodeTables:
        """Tables of a content pack: sorted ids, and a 10-bit tag over everything a code names."""
        scenarios = tuple(sorted(pack.scenarios))
        parameters = tuple(sorted(pack.parameters))
        names = tuple(sorted(switches))
        described = {
            "scenarios": {sid: {role: list(setup.regions) for role, setup
                                in sorted(pack.scenarios[sid].roles.items())}
                          for sid in scenarios},
            "actions": sorted((a.id, sorted(a.roles)) for a in pack.interventions.values()),
            "parameters": parameters, "switches": names, "languages": LANGUAGES,
        }
        digest = hashlib.sha256(json.dumps(described, sort_keys=True).encode()).digest()
        tag = int.from_bytes(digest[:2], "big") >> (16 - TAG_BITS)
        return cls(scenarios, parameters, names, tag)


def cities(pack: ContentPack, scenario_id: str) -> list[str]:
    """The cities a mayor may govern in a scenario, in content order."""
    roles = pack.scenarios[scenario_id].roles
    return list(roles["municipal"].regions) if "municipal" in roles else []


# --- encoding and decoding --------------------------------------------------------------------


def encode_code(workshop: Workshop, pack: ContentPack,
                switches: dict[str, AssumptionSwitch], version: int = CODE_VERSION) -> str:
    """The code for a checked workshop: every setting, or BadInput naming what it cannot carry.

    Bits, in order: version (3), content tag (10), scenario, role (1); for a mayor, a region
    flag and index; for the federal role, a hot-seat flag and a mask of mayors' cities; seed
    (varint); turns (flag + 6); actions (flag + mask over the seats' actions); parameters
    (each: more-bit, index, then a flag and either sign, decimals (5) and a mantissa varint,
    or the 64 bits of the double: every finite value is carried exactly); switches (each:
    more-bit, index, value); language; predictions (1); timer (flag + 7). Zero bits pad to a
    whole character. Raises BadInput if the workshop does not pass `check_workshop`.
    """
    checked = check_workshop(workshop, "(workshop)", pack, switches)
    if checked:
        raise BadInput(checked)
    bits = Bits()
    bits.put(version, VERSION_BITS)
    put_workshop(bits, workshop, pack, switches, version)
    return group(CODE_PREFIX, digits_of(bits, hashed=version >= 2))


def put_workshop(bits: Bits, workshop: Workshop, pack: ContentPack,
                 switches: dict[str, AssumptionSwitch], version: int = CODE_VERSION) -> None:
    """Append a checked workshop's settings (after the version field), as `encode_code` lays them.

    Result codes carry a workshop this way too.
    """
    ws = workshop.normalised()
    tables = CodeTables.build(pack, switches)
    bits.put(tables.tag, TAG_BITS)
    bits.put(tables.scenarios.index(ws.scenario), width(len(tables.scenarios)))
    bits.put(ROLES.index(ws.role), 1)
    towns = cities(pack, ws.scenario)
    if ws.role == "municipal":
        bits.put(ws.region is not None, 1)
        if ws.region is not None:
            bits.put(towns.index(ws.region), width(len(towns)))
    else:
        bits.put(bool(ws.mayors), 1)
        if ws.mayors:
            for city in towns:
                bits.put(city in ws.mayors, 1)
    bits.put_varint(ws.seed)
    bits.put(ws.turns is not None, 1)
    if ws.turns is not None:
        bits.put(ws.turns - 1, 6)
    bits.put(ws.actions is not None, 1)
    if ws.actions is not None:
        for action_id in seat_actions(pack, ws.role, bool(ws.mayors)):
            bits.put(action_id in ws.actions, 1)
    for pid, value in ws.parameters.items():
        bits.put(1, 1)
        bits.put(tables.parameters.index(pid), width(len(tables.parameters)))
        put_number(bits, value)
    bits.put(0, 1)
    for sid, on in ws.switches.items():
        bits.put(1, 1)
        bits.put(tables.switches.index(sid), width(len(tables.switches)))
        bits.put(on, 1)
    bits.put(0, 1)
    bits.put(LANGUAGES.index(ws.language), language_bits(version))
    bits.put(ws.predictions, 1)
    bits.put(ws.timer_minutes is not None, 1)
    if ws.timer_minutes is not None:
        bits.put(ws.timer_minutes - 1, 7)


def language_bits(version: int) -> int:
    """Width of the language field: fixed in format 2; format 1 sized it by two languages."""
    return LANGUAGE_BITS if version >= 2 else 1


class CodeError(BadInput):
    """A typed code that cannot be read: one problem line, and a catalog key for the screen."""

    def __init__(self, text: str, message: str, key: str) -> None:
        super().__init__([Problem(text.strip() or "(empty)", CODE_FIELD, message)])
        self.key = key


def _code_problem(text: str, message: str, key: str = "workshop.error.invalid") -> CodeError:
    return CodeError(text, message, key)


CODE_ERRORS = {
    "prefix": (f"a workshop code starts with {CODE_PREFIX}-", "workshop.error.prefix"),
    "short": ("too short to be a workshop code", "workshop.error.short"),
    "character": ("'{ch}' cannot appear in a workshop code (letters and digits, no U)",
                  "workshop.error.character"),
    "typo": ("this code has a typo (its check character does not match); check each character",
             "workshop.error.typo"),
    "alias": ("not a code this game writes (a character was added, dropped or changed); "
              "check each character", "workshop.error.typo"),
}


def code_digits(text: str) -> list[int]:
    """The characters of a typed code as numbers (prefix, spaces and dashes dropped).

    Raises BadInput with one line when it is not a code or its check character does not match.
    """
    digits = read_digits(text, CODE_PREFIX)
    if isinstance(digits, str):
        kind, _, ch = digits.partition(":")
        message, key = CODE_ERRORS[kind]
        raise _code_problem(text, message.replace("{ch}", ch), key)
    return digits


def decode_code(text: str, pack: ContentPack,
                switches: dict[str, AssumptionSwitch]) -> Workshop:
    """The workshop a typed code stands for; BadInput (one line) if mistyped or from elsewhere."""
    digits = code_digits(text)
    version = bits_of(digits[:1]).take(VERSION_BITS) if digits else 0
    if version not in READ_VERSIONS:
        raise _code_problem(text, f"made by another version of Plaza (code format {version}, "
                            f"this game reads {CODE_VERSION})", "workshop.error.version")
    if version >= 2:
        if len(digits) < 2 or body_hash(digits[:-1]) != digits[-1]:
            message, key = CODE_ERRORS["alias"]
            raise _code_problem(text, message, key)
        digits = digits[:-1]
    bits = bits_of(digits)
    bits.take(VERSION_BITS)
    data = take_workshop(bits, text, pack, switches, version)
    rest = bits.bits[bits.pos:]
    if len(rest) >= 5 or any(rest):
        raise _code_problem(text, "not a valid workshop code (extra characters at the end)")
    try:
        workshop = parse_workshop(data, text.strip(), pack, switches)
    except BadInput as bad:
        raise _code_problem(text, "; ".join(f"{p.field}: {p.message}" for p in bad.problems)
                            ) from bad
    canonical = Bits()
    canonical.put(version, VERSION_BITS)
    put_workshop(canonical, workshop, pack, switches, version)
    if canonical.bits != bits.bits[:bits.pos]:
        message, key = CODE_ERRORS["alias"]
        raise _code_problem(text, message, key)
    return workshop


def take_workshop(bits: Bits, text: str, pack: ContentPack,
                  switches: dict[str, AssumptionSwitch], version: int) -> dict[str, Any]:
    """Read settings written by `put_workshop` as raw workshop data (CodeError if they do not)."""
    tables = CodeTables.build(pack, switches)
    try:
        if bits.take(TAG_BITS) != tables.tag:
            raise _code_problem(text, "made with different game content (another version of "
                                "Plaza or another content folder)", "workshop.error.content")
        return _read_settings(bits, pack, tables, version)
    except ValueError as exc:
        raise _code_problem(text, f"not a valid workshop code ({exc})") from exc


def _index(bits: Bits, table: tuple[str, ...] | list[str], what: str) -> str:
    n = bits.take(width(len(table)))
    if n >= len(table):
        raise ValueError(f"unknown {what}")
    return table[n]


def _read_settings(bits: Bits, pack: ContentPack, tables: CodeTables,
                   version: int) -> dict[str, Any]:
    """The settings after the version and tag, as raw workshop data."""
    data: dict[str, Any] = {"scenario": _index(bits, tables.scenarios, "scenario")}
    data["role"] = ROLES[bits.take(1)]
    towns = cities(pack, data["scenario"])
    if data["role"] == "municipal":
        if bits.take(1):
            data["region"] = _index(bits, towns, "city")
    elif bits.take(1):
        data["mayors"] = [city for city in towns if bits.take(1)]
    data["seed"] = bits.take_varint()
    if bits.take(1):
        data["turns"] = bits.take(6) + 1
    if bits.take(1):
        seats = seat_actions(pack, data["role"], bool(data.get("mayors")))
        data["actions"] = [a for a in seats if bits.take(1)]
    parameters: dict[str, float] = {}
    while bits.take(1):
        pid = _index(bits, tables.parameters, "parameter")
        parameters[pid] = take_number(bits)
    if parameters:
        data["parameters"] = parameters
    switches: dict[str, bool] = {}
    while bits.take(1):
        sid = _index(bits, tables.switches, "switch")
        switches[sid] = bool(bits.take(1))
    if switches:
        data["switches"] = switches
    language = bits.take(language_bits(version))
    if language >= len(LANGUAGES):
        raise ValueError("unknown language")
    data["language"] = LANGUAGES[language]
    data["predictions"] = bool(bits.take(1))
    if bits.take(1):
        minutes = bits.take(7) + 1
        if minutes > MAX_TIMER_MINUTES:
            raise ValueError("timer out of range")
        data["timer_minutes"] = minutes
    return data


