"""Workshops: one world for a class, as a TOML file or a short typed code with a check character.

A code is `PLZ-` followed by groups of four Crockford base-32 characters. Its bits hold every
setting a workshop file can hold (see `encode_code`); its last character is a Damm check over
GF(32), which catches every single wrong character and every swap of two neighbours.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import struct
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from game.content import load_content
from game.content.loader import (
    check_workshop,
    load_assumptions,
    load_workshop,
    parse_workshop,
    seat_actions,
    workshop_actions,
    workshop_overrides,
)
from game.content.schema import (
    MAX_TIMER_MINUTES,
    AssumptionSwitch,
    ContentPack,
    Role,
    Workshop,
)
from game.core.files import write_text_atomic
from game.core.i18n import LANGUAGES, Translator
from game.core.problems import BadInput, Problem
from game.sim.params import parse_overrides

CODE_PREFIX = "PLZ"
CODE_VERSION = 1
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base 32: no I, L, O or U; I and L are read as 1, O as 0 when decoding."""
_READ_AS = {**{c: i for i, c in enumerate(ALPHABET)}, "I": 1, "L": 1, "O": 0}
ROLES: tuple[Role, ...] = ("federal", "municipal")
VERSION_BITS, TAG_BITS = 3, 10
CODE_FIELD = "(code)"


# --- the check character: Damm's algorithm over GF(32) ------------------------------------


def _times_x(value: int) -> int:
    """Multiply by x in GF(32) = GF(2)[x] / (x^5 + x^2 + 1)."""
    value <<= 1
    return value ^ 0b100101 if value & 0b100000 else value


def check_value(digits: list[int]) -> int:
    """The Damm interim after `digits`, with the quasigroup a*b = x*a + b (totally antisymmetric).

    Appending `_times_x(check_value(d))` brings the interim of the whole code to zero; any one
    changed digit, or two unequal neighbours swapped, leaves it non-zero.
    """
    interim = 0
    for digit in digits:
        interim = _times_x(interim) ^ digit
    return interim


# --- bits ------------------------------------------------------------------------------------


def _width(count: int) -> int:
    """Bits needed to tell `count` things apart (0 for one thing)."""
    return max(0, (count - 1).bit_length())


class _Bits:
    """A growing bit string, written and read most significant bit first."""

    def __init__(self, bits: list[int] | None = None) -> None:
        self.bits: list[int] = bits or []
        self.pos = 0

    def put(self, value: int, width: int) -> None:
        """Append `value` in `width` bits."""
        if value < 0 or value >> width:
            raise ValueError(f"{value} does not fit in {width} bits")
        self.bits.extend((value >> (width - 1 - k)) & 1 for k in range(width))

    def put_varint(self, value: int) -> None:
        """Append a non-negative integer in groups of four bits, each after a 'more' bit."""
        groups = []
        while True:
            groups.append(value & 0xF)
            value >>= 4
            if not value:
                break
        for n, group in enumerate(reversed(groups)):
            self.put(1 if n < len(groups) - 1 else 0, 1)
            self.put(group, 4)

    def take(self, width: int) -> int:
        """Read `width` bits."""
        if self.pos + width > len(self.bits):
            raise ValueError("the code is too short")
        value = 0
        for bit in self.bits[self.pos:self.pos + width]:
            value = value << 1 | bit
        self.pos += width
        return value

    def take_varint(self) -> int:
        """Read an integer written by `put_varint`."""
        value = 0
        for _ in range(16):
            more = self.take(1)
            value = value << 4 | self.take(4)
            if not more:
                return value
        raise ValueError("a number in the code is too long")


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


def _cities(pack: ContentPack, scenario_id: str) -> list[str]:
    roles = pack.scenarios[scenario_id].roles
    return list(roles["municipal"].regions) if "municipal" in roles else []


def _decimal_parts(value: float) -> tuple[int, int, int]:
    """(sign, mantissa, decimals) with value == sign * mantissa / 10**decimals exactly."""
    exact = Decimal(repr(float(value)))
    if not exact.is_finite():
        raise ValueError("not a finite number")
    sign, digits, exponent = exact.normalize().as_tuple()
    assert isinstance(exponent, int)
    mantissa = int("".join(map(str, digits)) or "0")
    if exponent > 0:
        mantissa *= 10**exponent
        exponent = 0
    if mantissa == 0:
        sign = 0
    return sign, mantissa, -exponent


def _put_number(bits: _Bits, value: float) -> None:
    """A float, exactly: as sign, decimals and a mantissa when short, else its 64 IEEE bits."""
    sign, mantissa, decimals = _decimal_parts(value)
    if decimals < 32 and mantissa < 1 << 60:
        bits.put(0, 1)
        bits.put(sign, 1)
        bits.put(decimals, 5)
        bits.put_varint(mantissa)
    else:
        bits.put(1, 1)
        bits.put(int.from_bytes(struct.pack(">d", float(value)), "big"), 64)


def _take_number(bits: _Bits) -> float:
    """A float written by `_put_number`."""
    if bits.take(1):
        value = float(struct.unpack(">d", bits.take(64).to_bytes(8, "big"))[0])
        if not math.isfinite(value):
            raise ValueError("a number in the code is not finite")
        return value
    sign, decimals = bits.take(1), bits.take(5)
    value = bits.take_varint() / 10**decimals
    return -value if sign else value


# --- encoding and decoding --------------------------------------------------------------------


def encode_code(workshop: Workshop, pack: ContentPack,
                switches: dict[str, AssumptionSwitch]) -> str:
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
    ws = workshop.normalised()
    tables = CodeTables.build(pack, switches)
    bits = _Bits()
    bits.put(CODE_VERSION, VERSION_BITS)
    bits.put(tables.tag, TAG_BITS)
    bits.put(tables.scenarios.index(ws.scenario), _width(len(tables.scenarios)))
    bits.put(ROLES.index(ws.role), 1)
    cities = _cities(pack, ws.scenario)
    if ws.role == "municipal":
        bits.put(ws.region is not None, 1)
        if ws.region is not None:
            bits.put(cities.index(ws.region), _width(len(cities)))
    else:
        bits.put(bool(ws.mayors), 1)
        if ws.mayors:
            for city in cities:
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
        bits.put(tables.parameters.index(pid), _width(len(tables.parameters)))
        _put_number(bits, value)
    bits.put(0, 1)
    for sid, on in ws.switches.items():
        bits.put(1, 1)
        bits.put(tables.switches.index(sid), _width(len(tables.switches)))
        bits.put(on, 1)
    bits.put(0, 1)
    bits.put(LANGUAGES.index(ws.language), _width(len(LANGUAGES)))
    bits.put(ws.predictions, 1)
    bits.put(ws.timer_minutes is not None, 1)
    if ws.timer_minutes is not None:
        bits.put(ws.timer_minutes - 1, 7)
    while len(bits.bits) % 5:
        bits.bits.append(0)
    digits = [int("".join(map(str, bits.bits[k:k + 5])), 2) for k in range(0, len(bits.bits), 5)]
    digits.append(_times_x(check_value(digits)))
    return format_code("".join(ALPHABET[d] for d in digits))


def format_code(body: str) -> str:
    """`PLZ-` and the characters in groups of four."""
    groups = [body[k:k + 4] for k in range(0, len(body), 4)]
    return "-".join([CODE_PREFIX, *groups])


class CodeError(BadInput):
    """A typed code that cannot be read: one problem line, and a catalog key for the screen."""

    def __init__(self, text: str, message: str, key: str) -> None:
        super().__init__([Problem(text.strip() or "(empty)", CODE_FIELD, message)])
        self.key = key


def _code_problem(text: str, message: str, key: str = "workshop.error.invalid") -> CodeError:
    return CodeError(text, message, key)


def code_digits(text: str) -> list[int]:
    """The characters of a typed code as numbers (prefix, spaces and dashes dropped).

    Raises BadInput with one line when it is not a code or its check character does not match.
    """
    compact = "".join(ch for ch in text.upper() if ch not in " -_\t")
    if not compact.startswith(CODE_PREFIX):
        raise _code_problem(text, f"a workshop code starts with {CODE_PREFIX}-",
                            "workshop.error.prefix")
    compact = compact[len(CODE_PREFIX):]
    if len(compact) < 3:
        raise _code_problem(text, "too short to be a workshop code", "workshop.error.short")
    digits = []
    for ch in compact:
        if ch not in _READ_AS:
            raise _code_problem(text, f"'{ch}' cannot appear in a workshop code "
                                "(letters and digits, no U)", "workshop.error.character")
        digits.append(_READ_AS[ch])
    if check_value(digits) != 0:
        raise _code_problem(text, "this code has a typo (its check character does not match); "
                            "check each character", "workshop.error.typo")
    return digits[:-1]


def decode_code(text: str, pack: ContentPack,
                switches: dict[str, AssumptionSwitch]) -> Workshop:
    """The workshop a typed code stands for; BadInput (one line) if mistyped or from elsewhere."""
    digits = code_digits(text)
    bits = _Bits([(d >> (4 - k)) & 1 for d in digits for k in range(5)])
    tables = CodeTables.build(pack, switches)
    try:
        version = bits.take(VERSION_BITS)
        if version != CODE_VERSION:
            raise _code_problem(text, f"made by another version of Plaza (code format {version}, "
                                f"this game reads {CODE_VERSION})", "workshop.error.version")
        if bits.take(TAG_BITS) != tables.tag:
            raise _code_problem(text, "made with different game content (another version of "
                                "Plaza or another content folder)", "workshop.error.content")
        data = _read_settings(bits, pack, tables)
        rest = bits.bits[bits.pos:]
        if len(rest) >= 5 or any(rest):
            raise ValueError("extra characters at the end")
    except ValueError as exc:
        raise _code_problem(text, f"not a valid workshop code ({exc})") from exc
    try:
        return parse_workshop(data, text.strip(), pack, switches)
    except BadInput as bad:
        raise _code_problem(text, "; ".join(f"{p.field}: {p.message}" for p in bad.problems)
                            ) from bad


def _index(bits: _Bits, table: tuple[str, ...] | list[str], what: str) -> str:
    n = bits.take(_width(len(table)))
    if n >= len(table):
        raise ValueError(f"unknown {what}")
    return table[n]


def _read_settings(bits: _Bits, pack: ContentPack, tables: CodeTables) -> dict[str, Any]:
    """The settings after the version and tag, as raw workshop data."""
    data: dict[str, Any] = {"scenario": _index(bits, tables.scenarios, "scenario")}
    data["role"] = ROLES[bits.take(1)]
    cities = _cities(pack, data["scenario"])
    if data["role"] == "municipal":
        if bits.take(1):
            data["region"] = _index(bits, cities, "city")
    elif bits.take(1):
        data["mayors"] = [city for city in cities if bits.take(1)]
    data["seed"] = bits.take_varint()
    if bits.take(1):
        data["turns"] = bits.take(6) + 1
    if bits.take(1):
        seats = seat_actions(pack, data["role"], bool(data.get("mayors")))
        data["actions"] = [a for a in seats if bits.take(1)]
    parameters: dict[str, float] = {}
    while bits.take(1):
        pid = _index(bits, tables.parameters, "parameter")
        parameters[pid] = _take_number(bits)
    if parameters:
        data["parameters"] = parameters
    switches: dict[str, bool] = {}
    while bits.take(1):
        sid = _index(bits, tables.switches, "switch")
        switches[sid] = bool(bits.take(1))
    if switches:
        data["switches"] = switches
    data["language"] = _index(bits, list(LANGUAGES), "language")
    data["predictions"] = bool(bits.take(1))
    if bits.take(1):
        minutes = bits.take(7) + 1
        if minutes > MAX_TIMER_MINUTES:
            raise ValueError("timer out of range")
        data["timer_minutes"] = minutes
    return data


# --- files ----------------------------------------------------------------------------------


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def workshop_toml(workshop: Workshop, code: str) -> str:
    """The text of a workshop file, with its code in a comment."""
    ws = workshop.normalised()
    lines = [
        "# Plaza workshop: every team plays this same world, so their results compare.",
        f"# Code for students to type on the title screen: {code}",
        "# Check it with: python -m game workshop show THIS_FILE",
        "",
        f"version = {ws.version}",
        f"scenario = {_toml_value(ws.scenario)}",
        f"seed = {ws.seed}",
        f"role = {_toml_value(ws.role)}",
    ]
    if ws.region is not None:
        lines.append(f"region = {_toml_value(ws.region)}")
    if ws.mayors:
        lines.append(f"mayors = {_toml_value(ws.mayors)}   # hot-seat: mayors beside the federal "
                     "player")
    if ws.turns is not None:
        lines.append(f"turns = {ws.turns}")
    if ws.actions is not None:
        lines.append(f"actions = {_toml_value(ws.actions)}")
    lines.append(f"language = {_toml_value(ws.language)}")
    lines.append(f"predictions = {_toml_value(ws.predictions)}")
    if ws.timer_minutes is not None:
        lines.append(f"timer_minutes = {ws.timer_minutes}")
    if ws.parameters:
        lines += ["", "[parameters]   # model coefficients changed, each inside its range"]
        lines += [f"{pid} = {_toml_value(float(v))}" for pid, v in ws.parameters.items()]
    if ws.switches:
        lines += ["", "[switches]     # mechanisms from content/assumptions.toml; false = off"]
        lines += [f"{sid} = {_toml_value(on)}" for sid, on in ws.switches.items()]
    return "\n".join(lines) + "\n"


# --- one object for the UI and the command line -----------------------------------------------


class Workshops:
    """Reads, checks, encodes and applies workshops against one content folder."""

    def __init__(self, pack: ContentPack, switches: dict[str, AssumptionSwitch]) -> None:
        self.pack = pack
        self.switches = switches

    @classmethod
    def load(cls, content: Path) -> Workshops:
        """Read the content folder and its assumption switches."""
        pack = load_content(content)
        return cls(pack, load_assumptions(content, pack))

    def from_data(self, data: dict[str, Any], name: str = "(workshop)") -> Workshop:
        """Check raw settings (as a workshop file holds them); BadInput lists every problem."""
        return parse_workshop(data, name, self.pack, self.switches)

    def from_file(self, path: Path) -> Workshop:
        """Read and check a workshop file."""
        return load_workshop(path, self.pack, self.switches)

    def from_code(self, text: str) -> Workshop:
        """Decode a typed code (the title screen's entry box).

        Raises CodeError (a BadInput with one problem line) whose `key` is a catalog key
        (`workshop.error.typo`, `.prefix`, `.short`, `.character`, `.version`, `.content`,
        `.invalid`) for the screen to show in the player's language.
        """
        return decode_code(text, self.pack, self.switches)

    def resolve(self, text: str) -> Workshop:
        """A workshop from a file path if one exists there, otherwise from a code."""
        path = Path(text)
        if path.suffix.lower() == ".toml" or path.is_file():
            if not path.exists():
                raise BadInput([Problem(text, "(file)", "does not exist")])
            return self.from_file(path)
        return self.from_code(text)

    def code(self, workshop: Workshop) -> str:
        """The code for a workshop (BadInput if a setting cannot be carried)."""
        return encode_code(workshop, self.pack, self.switches)

    def overrides(self, workshop: Workshop) -> dict[str, float]:
        """Parameter overrides to build the game's model with."""
        return workshop_overrides(workshop, self.switches)

    def actions(self, workshop: Workshop) -> list[str]:
        """Interventions enabled for the workshop's seats."""
        return workshop_actions(workshop, self.pack)

    def region(self, workshop: Workshop) -> str | None:
        """The mayor's city (the scenario's first when the workshop names none)."""
        if workshop.role != "municipal":
            return None
        return workshop.region or _cities(self.pack, workshop.scenario)[0]

    def turns(self, workshop: Workshop) -> int:
        """Quarters the class plays."""
        if workshop.turns is not None:
            return workshop.turns
        return self.pack.scenarios[workshop.scenario].roles[workshop.role].turns

    def describe(self, workshop: Workshop, t: Translator) -> list[str]:
        """The settings, one line each, for `workshop show` and the facilitator."""
        ws = workshop
        lines = [
            t("workshop.show.scenario", scenario=f"@scenario.{ws.scenario}.title",
              id=ws.scenario),
            t("workshop.show.role", role=f"@role.{ws.role}")
            + (" — " + t(f"region.{self.region(ws)}") if ws.role == "municipal" else ""),
            t("workshop.show.seed", seed=str(ws.seed)),
            t("workshop.show.turns", turns=self.turns(ws)),
        ]
        if ws.mayors:
            lines.append(t("workshop.show.mayors",
                           cities=", ".join(t(f"region.{c}") for c in ws.mayors)))
        enabled = self.actions(ws)
        if ws.actions is None:
            lines.append(t("workshop.show.actions_all", count=len(enabled)))
        else:
            lines.append(t("workshop.show.actions", count=len(enabled),
                           names=", ".join(t(f"action.{a}.name") for a in enabled) or "—"))
        for pid, value in ws.parameters.items():
            param = self.pack.parameters[pid]
            lines.append(t("workshop.show.parameter", id=pid, value=repr(float(value)),
                           default=repr(param.value), low=repr(param.min), high=repr(param.max)))
        for sid, on in ws.switches.items():
            switch = self.switches[sid]
            lines.append(t("workshop.show.switch_on" if on else "workshop.show.switch_off",
                           name=t(switch.name)))
        if not ws.parameters and not any(not on for on in ws.switches.values()):
            lines.append(t("workshop.show.no_changes"))
        lines.append(t("workshop.show.language", language=f"@workshop.language.{ws.language}"))
        lines.append(t("workshop.show.predictions_on" if ws.predictions
                       else "workshop.show.predictions_off"))
        if ws.timer_minutes is not None:
            lines.append(t("workshop.show.timer", minutes=ws.timer_minutes))
        return lines


# --- the `workshop` subcommand ----------------------------------------------------------------


def _split_list(text: str | None) -> list[str] | None:
    if text is None:
        return None
    return [item.strip() for item in text.split(",") if item.strip()]


def _on_off(value: str, flag: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("on", "true", "yes", "1"):
        return True
    if lowered in ("off", "false", "no", "0"):
        return False
    raise BadInput([Problem("(command line)", flag, f"'{value}' is not on or off")])


def settings_from_args(args: argparse.Namespace) -> dict[str, Any]:
    """Raw workshop data from `workshop new` options (checked afterwards like a file)."""
    problems: list[Problem] = []
    data: dict[str, Any] = {"scenario": args.scenario, "seed": args.seed, "role": args.role}
    if args.region is not None:
        data["region"] = args.region
    mayors = _split_list(args.mayors)
    if mayors:
        data["mayors"] = mayors
    if args.turns is not None:
        data["turns"] = args.turns
    actions = _split_list(args.actions)
    if actions is not None:
        data["actions"] = actions
    try:
        parameters = parse_overrides(args.set)
    except BadInput as bad:
        problems.extend(bad.problems)
        parameters = {}
    if parameters:
        data["parameters"] = parameters
    switches: dict[str, bool] = {}
    for item in args.switch:
        name, sep, value = item.partition("=")
        if not sep:
            problems.append(Problem("(command line)", "--switch", f"'{item}' is not NAME=on|off"))
            continue
        try:
            switches[name.strip()] = _on_off(value, "--switch")
        except BadInput as bad:
            problems.extend(bad.problems)
    if switches:
        data["switches"] = switches
    if args.ws_lang is not None:
        data["language"] = args.ws_lang
    if args.predictions is not None:
        try:
            data["predictions"] = _on_off(args.predictions, "--predictions")
        except BadInput as bad:
            problems.extend(bad.problems)
    if args.timer is not None:
        data["timer_minutes"] = args.timer
    if problems:
        raise BadInput(problems)
    return data


def run_workshop(args: argparse.Namespace, content: Path, out: TextIO | None = None) -> int:
    """Run `workshop new` or `workshop show`."""
    out = out or sys.stdout
    workshops = Workshops.load(content)
    if args.workshop_command == "new":
        workshop = workshops.from_data(settings_from_args(args), "(command line)")
        code = workshops.code(workshop)
        try:
            write_text_atomic(args.out, workshop_toml(workshop, code))
        except OSError as exc:
            raise BadInput([Problem(str(args.out), "--out",
                                    f"cannot be written: {exc.strerror or exc}")]) from exc
        t = Translator(args.ws_lang or workshop.language)
        print(code, file=out)
        print(t("workshop.cli.wrote", path=str(args.out)), file=out)
        return 0
    workshop = workshops.resolve(args.source)
    t = Translator(args.ws_lang or workshop.language)
    print(t("workshop.cli.code", code=workshops.code(workshop)), file=out)
    for line in workshops.describe(workshop, t):
        print("  " + line, file=out)
    return 0
