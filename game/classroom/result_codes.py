"""Result codes: a team's whole game (workshop, name, decisions, answers, predictions) as a code.

A result code is `PLR-` and groups of four Crockford base-32 characters, like a workshop code:
its last character is a Damm check (every single wrong character, every swap of neighbours
is caught) and the one before it a hash of the rest (insertions and deletions). It carries no
numbers of the outcome: the debrief replays the decisions on the workshop's seed, so a code
is verified by construction and cannot claim a better result than its decisions earn.

Bits, in order: version (3); the workshop exactly as a workshop code lays it (content tag,
scenario, role, seats, seed, turns, actions, assumptions, language, predictions, timer); a
10-bit tag of the tables below; the team name (a length varint, then UTF-8 bytes); quarters
played (6); decisions (a count varint; each: turn (6), verb (2: enact, repeal, answer); for an
intervention its index among all interventions, a region flag and index, and the seat; for an
answer the dilemma's index, the choice's index and a region flag and index); predictions (a
count varint; each: turn (6), violence rises (1), trust rises (1)). Zero bits pad to a whole
character. A code is accepted only in the one spelling the encoder writes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from game.classroom.bits import (
    Bits,
    bits_of,
    body_hash,
    digits_of,
    group,
    read_digits,
    width,
)
from game.classroom.workshop_codes import (
    CODE_VERSION as WORKSHOP_CODE_VERSION,
)
from game.classroom.workshop_codes import (
    VERSION_BITS,
    CodeError,
    put_workshop,
    take_workshop,
)
from game.content.loader import parse_workshop
from game.content.schema import AssumptionSwitch, ContentPack, Workshop
from game.core.problems import BadInput
from game.play.campaign import Campaign, Logged
from game.play.commands import AnswerDilemma, Command, EnactIntervention, RepealIntervention
from game.play.predictions import Prediction

RESULT_PREFIX = "PLR"
RESULT_CODE_VERSION = 1
TABLE_TAG_BITS = 10
MAX_NAME_BYTES = 120
MAX_DECISIONS = 400
VERBS = ("enact", "repeal", "answer")

RESULT_ERRORS = {
    "prefix": (f"a result code starts with {RESULT_PREFIX}-", "desk.error.result_prefix"),
    "short": ("too short to be a result code", "desk.error.result_short"),
    "character": ("'{ch}' cannot appear in a result code (letters and digits, no U)",
                  "desk.error.result_character"),
    "typo": ("this result code has a typo (its check character does not match); check each "
             "character", "desk.error.result_typo"),
    "alias": ("not a result code this game writes (a character was added, dropped or "
              "changed); check each character", "desk.error.result_typo"),
}


@dataclass(frozen=True)
class ResultTables:
    """The ordered ids a result code refers to by position, and a tag of them."""

    actions: tuple[str, ...]
    events: tuple[str, ...]
    choices: dict[str, tuple[str, ...]]
    tag: int

    @classmethod
    def build(cls, pack: ContentPack) -> ResultTables:
        """Tables of a content pack: sorted interventions, dilemmas and their choices."""
        actions = tuple(sorted(pack.interventions))
        events = tuple(sorted(pack.events))
        choices = {e: tuple(c.id for c in pack.events[e].choices) for e in events}
        regions = {sid: [r.id for r in s.regions] for sid, s in sorted(pack.scenarios.items())}
        described = {"actions": actions, "choices": choices, "regions": regions}
        digest = hashlib.sha256(json.dumps(described, sort_keys=True).encode()).digest()
        return cls(actions, events, choices,
                   int.from_bytes(digest[:2], "big") >> (16 - TABLE_TAG_BITS))


@dataclass
class TeamGame:
    """A team's game as a code carries it: enough to rebuild it exactly by replaying."""

    workshop: Workshop
    player: str
    turns_played: int
    log: list[Logged] = field(default_factory=list)
    predictions: list[Prediction] = field(default_factory=list)

    @classmethod
    def of(cls, campaign: Campaign, workshop: Workshop, player: str,
           predictions: list[Prediction]) -> TeamGame:
        """What a code keeps of a game: the decisions of the quarters played (no defaults)."""
        played = campaign.turn
        log = [entry for entry in campaign.log if not entry.default and entry.turn <= played]
        made = [p for p in predictions if 1 <= p.turn <= played]
        return cls(workshop, player, played, log, sorted(made, key=lambda p: p.turn))


def _put_region(bits: Bits, regions: list[str], region: str | None) -> None:
    bits.put(region is not None, 1)
    if region is not None:
        bits.put(regions.index(region), width(len(regions)))


def _take_region(bits: Bits, regions: list[str]) -> str | None:
    if not bits.take(1):
        return None
    n = bits.take(width(len(regions)))
    if n >= len(regions):
        raise ValueError("unknown region")
    return regions[n]


def _take_index(bits: Bits, table: tuple[str, ...], what: str) -> str:
    n = bits.take(width(len(table)))
    if n >= len(table):
        raise ValueError(f"unknown {what}")
    return table[n]


def encode_result(game: TeamGame, pack: ContentPack,
                  switches: dict[str, AssumptionSwitch]) -> str:
    """The result code of a team's game (BadInput if its workshop cannot be carried)."""
    tables = ResultTables.build(pack)
    regions = [r.id for r in pack.scenarios[game.workshop.scenario].regions]
    seats = 1 + len(game.workshop.mayors)
    bits = Bits()
    bits.put(RESULT_CODE_VERSION, VERSION_BITS)
    put_workshop(bits, game.workshop, pack, switches, WORKSHOP_CODE_VERSION)
    bits.put(tables.tag, TABLE_TAG_BITS)
    name = game.player.encode("utf-8")[:MAX_NAME_BYTES]
    bits.put_varint(len(name))
    for byte in name:
        bits.put(byte, 8)
    bits.put(game.turns_played - 1, 6)
    log = game.log[:MAX_DECISIONS]
    bits.put_varint(len(log))
    for entry in log:
        command = entry.command
        bits.put(entry.turn - 1, 6)
        if isinstance(command, AnswerDilemma):
            bits.put(2, 2)
            bits.put(tables.events.index(command.event_id), width(len(tables.events)))
            options = tables.choices[command.event_id]
            bits.put(options.index(command.choice_id), width(len(options)))
            _put_region(bits, regions, command.region)
        else:
            bits.put(0 if isinstance(command, EnactIntervention) else 1, 2)
            bits.put(tables.actions.index(command.action_id), width(len(tables.actions)))
            _put_region(bits, regions, command.region)
            bits.put(command.seat, width(seats))
    bits.put_varint(len(game.predictions))
    for prediction in game.predictions:
        bits.put(prediction.turn - 1, 6)
        bits.put(prediction.violence == "rise", 1)
        bits.put(prediction.legitimacy == "rise", 1)
    return group(RESULT_PREFIX, digits_of(bits, hashed=True))


def _problem(text: str, kind: str, detail: str = "") -> CodeError:
    message, key = RESULT_ERRORS.get(kind, ("not a valid result code ({detail})",
                                            "desk.error.result_invalid"))
    return CodeError(text[:80], message.replace("{ch}", detail).replace("{detail}", detail), key)


def looks_like_result_code(text: str) -> bool:
    """Whether a line of text is meant as a result code (starts with PLR, any spacing)."""
    compact = "".join(ch for ch in text.upper() if ch not in " -_\t")
    return compact.startswith(RESULT_PREFIX)


def decode_result(text: str, pack: ContentPack,
                  switches: dict[str, AssumptionSwitch]) -> TeamGame:
    """The team's game a result code stands for; CodeError (one line, a catalog key) if not."""
    digits = read_digits(text, RESULT_PREFIX)
    if isinstance(digits, str):
        kind, _, ch = digits.partition(":")
        raise _problem(text, kind, ch)
    if len(digits) < 2 or body_hash(digits[:-1]) != digits[-1]:
        raise _problem(text, "alias")
    digits = digits[:-1]
    bits = bits_of(digits)
    tables = ResultTables.build(pack)
    try:
        version = bits.take(VERSION_BITS)
        if version != RESULT_CODE_VERSION:
            raise CodeError(text[:80], f"made by another version of Plaza (result format "
                            f"{version}, this game reads {RESULT_CODE_VERSION})",
                            "desk.error.result_version")
        data = take_workshop(bits, text, pack, switches, WORKSHOP_CODE_VERSION)
        if bits.take(TABLE_TAG_BITS) != tables.tag:
            raise CodeError(text[:80], "made with different game content (another version of "
                            "Plaza)", "desk.error.result_content")
        try:
            workshop = parse_workshop(data, "(result code)", pack, switches)
        except BadInput as bad:
            raise _problem(text, "invalid", bad.problems[0].message) from bad
        size = bits.take_varint()
        if size > MAX_NAME_BYTES:
            raise ValueError("the team name is too long")
        name = bytes(bits.take(8) for _ in range(size)).decode("utf-8")
        turns_played = bits.take(6) + 1
        regions = [r.id for r in pack.scenarios[workshop.scenario].regions]
        seats = 1 + len(workshop.mayors)
        count = bits.take_varint()
        if count > MAX_DECISIONS:
            raise ValueError("too many decisions")
        log: list[Logged] = []
        for _ in range(count):
            turn = bits.take(6) + 1
            verb = bits.take(2)
            command: Command
            if verb == 2:
                event = _take_index(bits, tables.events, "dilemma")
                choice = _take_index(bits, tables.choices[event], "choice")
                command = AnswerDilemma(event, choice, _take_region(bits, regions))
            elif verb in (0, 1):
                action = _take_index(bits, tables.actions, "intervention")
                region = _take_region(bits, regions)
                seat = bits.take(width(seats))
                if seat >= seats:
                    raise ValueError("unknown seat")
                maker = EnactIntervention if verb == 0 else RepealIntervention
                command = maker(action, region, seat)
            else:
                raise ValueError("unknown kind of decision")
            log.append(Logged(turn, command))
        predictions = []
        for _ in range(bits.take_varint()):
            turn = bits.take(6) + 1
            predictions.append(Prediction(turn, "rise" if bits.take(1) else "fall",
                                          "rise" if bits.take(1) else "fall"))
        rest = bits.bits[bits.pos:]
        if len(rest) >= 5 or any(rest):
            raise ValueError("extra characters at the end")
    except (ValueError, UnicodeDecodeError) as exc:
        raise _problem(text, "invalid", str(exc)) from exc
    game = TeamGame(workshop, name, turns_played, log, predictions)
    if read_digits(encode_result(game, pack, switches), RESULT_PREFIX) != [*digits,
                                                                           body_hash(digits)]:
        raise _problem(text, "alias")
    return game
