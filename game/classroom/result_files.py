"""Result files: what one team did and what came of it, versioned and checksummed, for debriefs.

A result file is JSON: `{"format": "plaza-result", "version": 1, "checksum": "sha256:...",
"body": {...}}`. The checksum is the SHA-256 of the body written as canonical JSON (sorted
keys, no spaces, UTF-8), so an accidental edit is caught when the file is read back.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.content.loader import field_path
from game.content.schema import Workshop
from game.core.files import write_text_atomic
from game.core.problems import BadInput, Problem
from game.play.campaign import Campaign
from game.play.predictions import Prediction, check_predictions, score_predictions
from game.play.scope import scope_regions, scope_turn, scope_value, start_values
from game.play.session import GameSession
from game.sim.indicators import KEPT_INDICATORS
from game.sim.records import run_summary

RESULT_FORMAT = "plaza-result"
RESULT_VERSION = 1
MAX_RESULT_BYTES = 20_000_000


# --- measures a debrief shows ------------------------------------------------------------------


def findings_met(campaign: Campaign) -> list[str]:
    """Findings behind the actions taken, the dilemmas faced and the two main causes of killings.

    The game's debrief screen calls this too, so a result file and the screen agree.
    """
    from game.sim.causes import findings_of

    met: set[str] = set()
    for decision in campaign.decisions:
        action = decision.get("action")
        if action in campaign.pack.interventions:
            met.update(campaign.pack.interventions[action].findings)
        event = decision.get("event")
        if event in campaign.pack.events:
            met.update(campaign.pack.events[event].findings)
    for record in campaign.records:
        for per_region in record.why.get("homicides", {}).values():
            top = sorted(per_region.items(), key=lambda kv: -abs(float(kv[1])))[:2]
            for cause, _ in top:
                met.update(findings_of(cause))
    return sorted(met, key=lambda f: int(f[1:]))


# --- building, writing and reading ------------------------------------------------------------


def build_result(campaign: Campaign, player: str, workshop: Workshop | None = None,
                 predictions: Iterable[Prediction | Mapping[str, Any]] = (), *,
                 code: str | None = None, baseline: Campaign | None = None,
                 lang: str | None = None) -> dict[str, Any]:
    """The result document of a game: setup, decisions, every quarter, measures, predictions.

    `baseline` (the same world with no new policy, `campaign.baseline()`) is computed when not
    given; pass it to share one across teams of the same workshop. With a workshop, `code` is
    its code (computed from the shipped content's switches when not given).
    """
    player = player.strip()
    if not player:
        raise ValueError("a result needs a player or team name")
    if not campaign.records:
        raise ValueError("a result needs at least one quarter played")
    if baseline is None or baseline.turn < campaign.turn:
        baseline = campaign.baseline()
    played = campaign.turn
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
                  for r in baseline.records[:campaign.turn]]
    start = start_values(campaign, scope)
    mine = campaign.summary()
    theirs = run_summary(baseline.world, baseline.results[:played], 0)
    legitimacy_end = scope_turns[-1]["legitimacy"]
    institutions = {}
    for name in ("police_integrity", "judicial_integrity"):
        end = scope_value(campaign, name, scope, played)
        institutions[name] = {"start": round(start[name], 4), "end": round(end, 4),
                              "change": round(end - start[name], 4),
                              "baseline_end": round(scope_value(baseline, name, scope, played), 4)}
    scored = score_predictions(campaign, check_predictions(campaign, predictions), scope_turns)
    measures = {
        "lives_vs_baseline": campaign.lives_against(baseline),
        "true_homicides": mine["true_homicides"],
        "baseline_true_homicides": theirs["true_homicides"],
        "homicides": mine["homicides"],
        "baseline_homicides": theirs["homicides"],
        "homicide_rate": float(mine["homicide_rate"]),
        "legitimacy": {"start": round(start["legitimacy"], 4), "end": legitimacy_end,
                       "change": round(legitimacy_end - start["legitimacy"], 4),
                       "baseline_end": base_turns[-1]["legitimacy"]},
        "approval": {"end": scope_turns[-1]["approval"],
                     "baseline_end": base_turns[-1]["approval"]},
        "human_rights": {
            "abuses": mine["abuses"], "baseline_abuses": theirs["abuses"],
            "civilian_deaths": mine["civilian_deaths"],
            "baseline_civilian_deaths": theirs["civilian_deaths"],
            "disappearances": mine["disappearances"],
            "baseline_disappearances": theirs["disappearances"],
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
            from game.content.loader import load_assumptions
            from game.core import paths

            switches = load_assumptions(paths.content_root(), campaign.pack)
            code = Workshops(campaign.pack, switches).code(workshop)
        workshop_block = {"code": code, "settings": workshop.normalised().model_dump()}
    from game import __version__ as game_version

    body = {
        "player": player,
        "written": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "game_version": game_version,
        "workshop": workshop_block,
        "setup": {
            "scenario": campaign.scenario_id, "role": campaign.role, "region": campaign.region,
            "seed": campaign.seed, "overrides": dict(sorted(campaign.overrides.items())),
            "term_turns": campaign.term_turns, "turns_played": campaign.turn,
            "lang": lang or (workshop.language if workshop else "en"),
            "regions": list(campaign.world.region_ids), "scope": scope,
            "start": {k: round(v, 4) for k, v in start.items()},
        },
        "decisions": [dict(d) for d in campaign.decisions],
        "turns": turns,
        "baseline": base_turns,
        "measures": measures,
        "predictions": scored,
    }
    body = plain(body)
    return {"format": RESULT_FORMAT, "version": RESULT_VERSION, "checksum": checksum(body),
            "body": body}


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


# --- reading back --------------------------------------------------------------------------------


class _Loose(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)


class _Setup(_Loose):
    scenario: str = Field(min_length=1)
    role: Literal["federal", "municipal"]
    region: str | None
    seed: int
    overrides: dict[str, float]
    turns_played: int = Field(ge=1, le=40)
    lang: str
    scope: list[str] = Field(min_length=1)


class _Scope(_Loose):
    homicides: float
    true_homicides: float
    homicide_rate: float
    legitimacy: float
    approval: float
    abuses: float
    civilian_deaths: float


class _Turn(_Loose):
    turn: int
    period: str
    scope: _Scope
    national: dict[str, float]
    regions: dict[str, dict[str, float]]


class _HumanRights(_Loose):
    abuses: float
    baseline_abuses: float
    civilian_deaths: float
    baseline_civilian_deaths: float
    disappearances: float
    baseline_disappearances: float


class _Measures(_Loose):
    lives_vs_baseline: float
    true_homicides: float
    baseline_true_homicides: float
    legitimacy: dict[str, float]
    human_rights: _HumanRights
    institutions: dict[str, dict[str, float]]
    findings_met: list[str]
    predictions: dict[str, int]


class _Workshop(_Loose):
    code: str
    settings: dict[str, Any]


class _Body(_Loose):
    player: str = Field(min_length=1, max_length=200)
    workshop: _Workshop | None
    setup: _Setup
    decisions: list[dict[str, Any]]
    turns: list[_Turn] = Field(min_length=1)
    baseline: list[_Scope]
    measures: _Measures
    predictions: list[dict[str, Any]]


def check_result(data: Any, name: str) -> dict[str, Any]:
    """Check a parsed result document; return it, or raise BadInput naming what is wrong."""
    if not isinstance(data, dict) or data.get("format") != RESULT_FORMAT:
        raise BadInput([Problem(name, "(file)", "is not a Plaza result file")])
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise BadInput([Problem(name, "version", "is missing")])
    if version > RESULT_VERSION:
        raise BadInput([Problem(name, "version", f"{version} is newer than this game reads "
                                f"({RESULT_VERSION}): update Plaza to read it")])
    body = data.get("body")
    if not isinstance(body, dict):
        raise BadInput([Problem(name, "body", "is missing")])
    try:
        expected = checksum(body)
    except (TypeError, ValueError) as exc:
        raise BadInput([Problem(name, "body", f"cannot be checked: {exc}")]) from exc
    if data.get("checksum") != expected:
        raise BadInput([Problem(name, "checksum", "does not match the contents: the file was "
                                "edited or damaged after the game wrote it")])
    try:
        _Body.model_validate(body)
    except ValidationError as exc:
        raise BadInput([Problem(name, "body." + field_path(e["loc"], body), e["msg"])
                        for e in exc.errors()[:5]]) from exc
    return data


def read_result(path: Path) -> dict[str, Any]:
    """Read and check a result file; BadInput (file: field: message) if damaged or edited."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_RESULT_BYTES:
            raise BadInput([Problem(name, "(file)", f"is {size:,} bytes, too large for a result")])
        text = path.read_bytes().decode("utf-8")
        data = json.loads(text)
    except OSError as exc:
        raise BadInput([Problem(name, "(file)", f"cannot be read: {exc.strerror or exc}")]
                       ) from exc
    except UnicodeDecodeError as exc:
        raise BadInput([Problem(name, "(file)", f"is not UTF-8 text (byte {exc.start})")]) from exc
    except json.JSONDecodeError as exc:
        raise BadInput([Problem(name, "(file)", f"is damaged: not JSON (line {exc.lineno}, "
                                f"column {exc.colno})")]) from exc
    return check_result(data, name)


def result_file_name(game: GameSession, player: str, folder: Path, when: datetime) -> Path:
    """A free file name for a game's result: `plaza-TEAM-YYYYMMDD-HHMM.json` in `folder`."""
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", player).strip("-")[:40] or "player"
    stamp = when.strftime("%Y%m%d-%H%M")
    path = folder / f"plaza-{safe}-{stamp}.json"
    n = 2
    while path.exists():
        path = folder / f"plaza-{safe}-{stamp}-{n}.json"
        n += 1
    return path


def write_game_result(game: GameSession, player: str, folder: Path, lang: str) -> Path:
    """Write the result file of a game being played into `folder`; return its path."""
    document = build_result(game.campaign, player, game.workshop, game.predictions,
                            code=game.workshop_code or None, baseline=game.baseline(), lang=lang)
    folder.mkdir(parents=True, exist_ok=True)
    path = result_file_name(game, player, folder, datetime.now())
    write_result(path, document)
    return path
