"""Result files: what one team did and what came of it, for the class debrief.

A result file is JSON: `{"format": "plaza-result", "version": 2, "checksum": "sha256:...",
"body": {...}}`. The body holds the team's setup and decisions (what the debrief replays) and
the numbers the game computed from them (what the replay is compared with). The checksum is
the SHA-256 of the body as canonical JSON: it catches accidental damage, not a student who
edits a number and computes it again; the debrief's replay catches that (`verify.py`).

Every file is read once into one strict model (`ResultDocument`): sizes, nesting and digits
are capped before parsing, every number is a finite number within +-1e12 of its kind (never
a string), every id matches its pattern. What fails is one `file: field: message` line.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.content.loader import field_path
from game.content.schema import MAX_SCENARIO_TURNS, Workshop
from game.core.files import parse_json_capped, read_text_capped, write_text_atomic
from game.core.problems import BadInput, Problem
from game.play.campaign import Campaign
from game.play.predictions import Prediction, check_predictions, score_predictions
from game.play.scope import scope_regions, scope_turn, scope_value, start_values
from game.play.session import GameSession
from game.sim.indicators import KEPT_INDICATORS

RESULT_FORMAT = "plaza-result"
RESULT_VERSION = 2
READ_VERSIONS = (1, 2)
MAX_RESULT_BYTES = 4_000_000
"""A 40-quarter national game with a hundred decisions is about 400 kB."""
LARGEST = 1e12
"""No count or share a result holds comes near this; a larger number is a forged file."""
MAX_NAME = 60


# --- measures a debrief shows ------------------------------------------------------------------


def findings_met(campaign: Campaign) -> list[str]:
    """Findings the player's own game engaged: behind the actions taken and the dilemmas faced.

    A finding counts only where the player's decisions met it (an intervention built on it, a
    dilemma that arose in their game), never because its mechanism ran in the background.
    The game's debrief screen calls this too, so a result file and the screen agree.
    """
    met: set[str] = set()
    actions = campaign.pack.interventions
    for decision in campaign.decisions:
        if decision.get("verb") == "enact" and decision.get("action") in actions:
            met.update(actions[decision["action"]].findings)
    for record in campaign.records:
        for event in record.events:
            if event.get("id") in campaign.pack.events:
                met.update(campaign.pack.events[event["id"]].findings)
    return sorted(met, key=lambda f: int(f[1:]))


def _scope_total(campaign: Campaign, name: str, scope: list[str], turns: int) -> float:
    """A count summed over the scope's regions and the first `turns` quarters."""
    return sum(float(record.regions[r][name]) for record in campaign.records[:turns]
               for r in scope)


# --- building, writing and reading ------------------------------------------------------------


def build_result(campaign: Campaign, player: str, workshop: Workshop | None = None,
                 predictions: Iterable[Prediction | Mapping[str, Any]] = (), *,
                 code: str | None = None, baseline: Campaign | None = None,
                 lang: str | None = None, written: str | None = None) -> dict[str, Any]:
    """The result document of a game: setup, decisions, every quarter, measures, predictions.

    Every total is over the player's scope (the mayor's city, or every region for the federal
    role). `baseline` (the same world with no new policy, `campaign.baseline()`) is computed
    when not given; pass it to share one across teams of the same workshop. With a workshop,
    `code` is its code (computed from the shipped content's switches when not given).
    """
    player = clean_name(player)
    if not player:
        raise ValueError("a result needs a player or team name")
    if not campaign.records:
        raise ValueError("a result needs at least one quarter played")
    played = campaign.turn
    if baseline is None or baseline.turn < played:
        baseline = campaign.baseline()
    scope = scope_regions(campaign)
    turns = []
    scope_turns = []
    for record in campaign.records:
        regions = {rid: {name: values[name] for name in KEPT_INDICATORS}
                   for rid, values in record.regions.items()}
        summary = scope_turn(campaign, record.regions, record.national, scope)
        scope_turns.append(summary)
        turns.append({"turn": record.turn, "period": record.period, "scope": summary,
                      "national": dict(record.national), "regions": regions,
                      "events": record.events})
    base_turns = [scope_turn(campaign, r.regions, r.national, scope)
                  for r in baseline.records[:played]]
    start = start_values(campaign, scope)
    legitimacy_end = scope_turns[-1]["legitimacy"]
    institutions = {}
    for name in ("police_integrity", "judicial_integrity"):
        end = scope_value(campaign, name, scope, played)
        institutions[name] = {"start": round(start[name], 4), "end": round(end, 4),
                              "change": round(end - start[name], 4),
                              "baseline_end": round(scope_value(baseline, name, scope, played), 4)}
    scored = score_predictions(campaign, check_predictions(campaign, predictions), scope_turns)

    def both(name: str) -> tuple[int, int]:
        return (round(_scope_total(campaign, name, scope, played)),
                round(_scope_total(baseline, name, scope, played)))

    true_mine, true_base = both("true_homicides")
    measured_mine, measured_base = both("homicides")
    abuses, base_abuses = both("abuses")
    civilians, base_civilians = both("civilian_deaths")
    disappeared, base_disappeared = both("disappearances")
    measures = {
        "lives_vs_baseline": true_base - true_mine,
        "true_homicides": true_mine, "baseline_true_homicides": true_base,
        "homicides": measured_mine, "baseline_homicides": measured_base,
        "legitimacy": {"start": round(start["legitimacy"], 4), "end": legitimacy_end,
                       "change": round(legitimacy_end - start["legitimacy"], 4),
                       "baseline_end": base_turns[-1]["legitimacy"]},
        "approval": {"end": scope_turns[-1]["approval"],
                     "baseline_end": base_turns[-1]["approval"]},
        "human_rights": {
            "abuses": abuses, "baseline_abuses": base_abuses,
            "civilian_deaths": civilians, "baseline_civilian_deaths": base_civilians,
            "disappearances": disappeared, "baseline_disappearances": base_disappeared,
        },
        "institutions": institutions,
        "findings_met": findings_met(campaign),
        "predictions": {
            "made": len(scored),
            "violence_right": sum(p["right"]["violence"] for p in scored),
            "legitimacy_right": sum(p["right"]["legitimacy"] for p in scored),
        },
    }
    workshop_block = None
    if workshop is not None:
        if code is None:
            from game.classroom.workshops import Workshops

            code = Workshops.shipped(campaign.pack).code(workshop)
        workshop_block = {"code": code, "settings": workshop.normalised().model_dump()}
    from game import __version__ as game_version

    body = {
        "player": player,
        "written": written or datetime.now(UTC).replace(microsecond=0).isoformat(),
        "game_version": game_version,
        "workshop": workshop_block,
        "setup": {
            "scenario": campaign.scenario_id, "role": campaign.role, "region": campaign.region,
            "mayors": list(campaign.mayors),
            "seed": campaign.seed, "overrides": dict(sorted(campaign.overrides.items())),
            "term_turns": campaign.term_turns, "turns_played": played,
            "lang": lang or (workshop.language if workshop else "en"),
            "regions": list(campaign.world.region_ids), "scope": scope,
            "start": {k: round(v, 4) for k, v in start.items()},
        },
        "decisions": [dict(d) for d in campaign.decisions if int(d["turn"]) <= played],
        "turns": turns,
        "baseline": base_turns,
        "measures": measures,
        "predictions": scored,
    }
    body = plain(body)
    return {"format": RESULT_FORMAT, "version": RESULT_VERSION, "checksum": checksum(body),
            "body": body}


CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


def clean_name(name: str) -> str:
    """A team name as kept: control and direction characters dropped, spaces squeezed, capped."""
    return " ".join(CONTROL.sub("", name).split())[:MAX_NAME]


def plain(value: Any) -> Any:
    """A copy with numpy numbers turned into Python ones and tuples into lists (JSON-ready)."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        number = float(value)
        if not math.isfinite(number):
            raise ValueError("a result cannot hold an infinite or missing number")
        return number
    if hasattr(value, "item"):
        return plain(value.item())
    raise TypeError(f"cannot put {type(value).__name__} in a result")


def canonical(body: Any) -> bytes:
    """The body as canonical JSON bytes: sorted keys, no spaces, UTF-8."""
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def checksum(body: Any) -> str:
    """`sha256:` and the hex digest of the canonical body."""
    return "sha256:" + hashlib.sha256(canonical(body)).hexdigest()


def write_result(path: Path, result: Mapping[str, Any]) -> None:
    """Write a result document atomically (temporary file, then rename)."""
    text = json.dumps(result, ensure_ascii=False, indent=1, allow_nan=False)
    write_text_atomic(path, text + "\n")


# --- the one model of a result file ------------------------------------------------------------

Number = Annotated[float, Field(strict=True, allow_inf_nan=False, ge=-LARGEST, le=LARGEST)]
Count = Annotated[int, Field(strict=True, ge=-10**12, le=10**12)]
Turn = Annotated[int, Field(strict=True, ge=1, le=MAX_SCENARIO_TURNS)]
Name = Annotated[str, Field(strict=True, min_length=1, max_length=64,
                            pattern=r"^[a-z][a-z0-9_\-]{0,63}$")]
Text = Annotated[str, Field(strict=True, max_length=200)]
FindingId = Annotated[str, Field(strict=True, pattern=r"^F[1-9][0-9]?$")]
Direction = Literal["rise", "fall"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class ResultDecision(_Model):
    """One line of a team's decision log."""

    turn: Turn
    verb: Literal["enact", "repeal", "answer"]
    action: Name | None = None
    region: Name | None = None
    event: Name | None = None
    choice: Name | None = None
    seat: Annotated[int, Field(strict=True, ge=0, le=16)] = 0
    default: bool = False


class ResultWorkshop(_Model):
    """The workshop a result belongs to: its code and its settings."""

    code: Annotated[str, Field(strict=True, min_length=4, max_length=120)]
    settings: dict[Annotated[str, Field(max_length=40)], Any]


class ResultSetup(_Model):
    """The world the team played."""

    scenario: Name
    role: Literal["federal", "municipal"]
    region: Name | None
    mayors: list[Name] = Field(default_factory=list, max_length=16)
    seed: Annotated[int, Field(strict=True, ge=0, le=2**32 - 1)]
    overrides: dict[Name, Number]
    term_turns: Turn | None = None
    turns_played: Turn
    lang: Annotated[str, Field(strict=True, pattern=r"^[a-z]{2,3}$")]
    regions: list[Name] = Field(default_factory=list, max_length=64)
    scope: list[Name] = Field(min_length=1, max_length=64)
    start: dict[Name, Number] = Field(default_factory=dict)


class ScopeFigures(_Model):
    """One quarter's headline numbers for the player's scope."""

    homicides: Number
    true_homicides: Number
    homicide_rate: Number
    legitimacy: Number
    approval: Number
    abuses: Number
    civilian_deaths: Number


class ResultEvent(_Model):
    """An event of a quarter (the model may add fields: they are kept, and replayed)."""

    model_config = ConfigDict(extra="allow", frozen=True, strict=True)

    id: Name
    region: Name
    choice: Name | None = None


class ResultTurn(_Model):
    """One quarter as the game recorded it."""

    turn: Turn
    period: Annotated[str, Field(strict=True, pattern=r"^\d{4}-Q[1-4]$")]
    scope: ScopeFigures
    national: dict[Name, Number]
    regions: dict[Name, dict[Name, Number]]
    events: list[ResultEvent] = Field(max_length=200)


class HumanRights(_Model):
    """Abuses, bystanders and the disappeared, against the no-new-policy world."""

    abuses: Number
    baseline_abuses: Number
    civilian_deaths: Number
    baseline_civilian_deaths: Number
    disappearances: Number
    baseline_disappearances: Number


class Measures(_Model):
    """The totals a debrief shows."""

    lives_vs_baseline: Number
    true_homicides: Number
    baseline_true_homicides: Number
    homicides: Number | None = None
    baseline_homicides: Number | None = None
    homicide_rate: Number | None = None
    legitimacy: dict[Name, Number]
    approval: dict[Name, Number] = Field(default_factory=dict)
    human_rights: HumanRights
    institutions: dict[Name, dict[Name, Number]]
    findings_met: list[FindingId] = Field(max_length=64)
    predictions: dict[Name, Count]


class ScoredPrediction(_Model):
    """A prediction with what happened."""

    turn: Turn
    violence: Direction
    legitimacy: Direction
    outcome: dict[Literal["violence", "legitimacy"], Direction]
    right: dict[Literal["violence", "legitimacy"], bool]


class ResultBody(_Model):
    """What a team did (setup, decisions, predictions) and what the game said came of it."""

    player: Annotated[str, Field(strict=True, min_length=1, max_length=200)]
    written: Text = ""
    game_version: Text = ""
    workshop: ResultWorkshop | None
    setup: ResultSetup
    decisions: list[ResultDecision] = Field(max_length=2000)
    turns: list[ResultTurn] = Field(min_length=1, max_length=MAX_SCENARIO_TURNS)
    baseline: list[ScopeFigures] = Field(max_length=40)
    measures: Measures
    predictions: list[ScoredPrediction] = Field(max_length=40)


class ResultDocument(_Model):
    """A whole result file."""

    format: Literal["plaza-result"]
    version: Annotated[int, Field(strict=True, ge=1, le=RESULT_VERSION)]
    checksum: Annotated[str, Field(strict=True, max_length=80)]
    body: ResultBody


def parse_result(data: Any, name: str) -> ResultDocument:
    """Check a parsed result document into the model; BadInput names every fault (at most 5)."""
    if not isinstance(data, dict) or data.get("format") != RESULT_FORMAT:
        raise BadInput([Problem(name, "(file)", "is not a Plaza result file")])
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise BadInput([Problem(name, "version", "is missing or not a whole number")])
    if version > RESULT_VERSION:
        raise BadInput([Problem(name, "version", f"{version} is newer than this game reads "
                                f"({RESULT_VERSION}): update Plaza to read it")])
    if version not in READ_VERSIONS:
        raise BadInput([Problem(name, "version", f"{version} is not a result format Plaza "
                                "ever wrote")])
    body = data.get("body")
    if not isinstance(body, dict):
        raise BadInput([Problem(name, "body", "is missing")])
    try:
        document = ResultDocument.model_validate(data)
    except ValidationError as exc:
        raise BadInput([Problem(name, field_path(e["loc"], data), e["msg"])
                        for e in exc.errors()[:5]]) from exc
    if data.get("checksum") != checksum(body):
        raise BadInput([Problem(name, "checksum", "does not match the contents: the file was "
                                "edited or damaged after the game wrote it")])
    return document


def check_result(data: Any, name: str) -> dict[str, Any]:
    """Check a parsed result document; return it, or raise BadInput naming what is wrong."""
    parse_result(data, name)
    return dict(data)


def load_result(path: Path) -> tuple[ResultDocument, dict[str, Any]]:
    """Read a result file once: the checked model and the body as written (for the replay)."""
    name = str(path)
    data = parse_json_capped(read_text_capped(path, MAX_RESULT_BYTES), name)
    return parse_result(data, name), data["body"]


def read_result(path: Path) -> dict[str, Any]:
    """Read and check a result file; BadInput (file: field: message) if damaged or edited."""
    name = str(path)
    data = parse_json_capped(read_text_capped(path, MAX_RESULT_BYTES), name)
    return check_result(data, name)


# --- where a game's result goes --------------------------------------------------------------


def slug(text: str, limit: int = 40) -> str:
    """A piece of a file name: letters (any alphabet), digits, dashes; never empty."""
    return re.sub(r"[^\w-]+", "-", text, flags=re.UNICODE).strip("-_")[:limit] or "team"


def result_file_name(game: GameSession, player: str, folder: Path, when: datetime) -> Path:
    """A free, meaningful file name: `plaza-WORKSHOP-TEAM-YYYY-MM-DD-HHMM.json` in `folder`.

    WORKSHOP is the workshop code (without its prefix) or, in free play, the scenario.
    """
    c = game.campaign
    where = game.workshop_code.replace("-", "")[3:11] if game.workshop_code else c.scenario_id
    stamp = when.strftime("%Y-%m-%d-%H%M")
    base = f"plaza-{slug(where, 20)}-{slug(player)}-{stamp}"
    path = folder / f"{base}.json"
    n = 2
    while path.exists():
        path = folder / f"{base}-{n}.json"
        n += 1
    return path


def build_game_result(game: GameSession, player: str, lang: str) -> dict[str, Any]:
    """The result document of a game being played."""
    return build_result(game.campaign, player, game.workshop, game.predictions,
                        code=game.workshop_code or None, baseline=game.baseline(), lang=lang)


def write_game_result(game: GameSession, player: str, folder: Path, lang: str) -> Path:
    """Write the result file of a game being played into `folder`; return its path."""
    document = build_game_result(game, player, lang)
    folder.mkdir(parents=True, exist_ok=True)
    path = result_file_name(game, player, folder, datetime.now())
    write_result(path, document)
    return path
