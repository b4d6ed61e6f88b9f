"""Read content files into a ContentPack, reporting every problem at once with file and field."""

from __future__ import annotations

import hashlib
import stat
import tomllib
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from game.content.schema import (
    WORKSHOP_VERSION,
    AssumptionsFile,
    AssumptionSwitch,
    CatalogueFile,
    ContentPack,
    Decision,
    EventsFile,
    FindingsFile,
    InterventionsFile,
    Parameter,
    ParametersFile,
    PlanFile,
    Role,
    Scenario,
    Workshop,
)
from game.core import calendar
from game.core.problems import BadInput, Problem

MAX_WORKSHOP_TURNS = 40
"""A workshop's game lasts at most this many quarters (its result code has room for 40)."""
MAX_FILE_BYTES = 2_000_000
"""No hand-written content, plan or save is near this size; larger files are refused unread."""

ModelT = TypeVar("ModelT", bound=BaseModel)


def read_toml(path: Path, problems: list[Problem]) -> dict[str, Any] | None:
    """Parse one TOML file, adding a problem (not raising) when it cannot be read."""
    name = str(path)
    try:
        info = path.stat()
    except OSError as exc:
        problems.append(Problem(name, "(file)", f"cannot be read: {exc.strerror or exc}"))
        return None
    if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
        problems.append(Problem(name, "(file)", "is not a regular file"))
        return None
    size = info.st_size
    if size > MAX_FILE_BYTES:
        problems.append(
            Problem(name, "(file)", f"is {size:,} bytes; content files are at most "
                    f"{MAX_FILE_BYTES:,} bytes")
        )
        return None
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(name, "(file)", f"is not UTF-8 text (byte {exc.start})"))
        return None
    except OSError as exc:
        problems.append(Problem(name, "(file)", f"cannot be read: {exc.strerror or exc}"))
        return None
    if "\x00" in text:
        problems.append(Problem(name, "(file)", "contains NUL bytes: not a text file"))
        return None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problems.append(Problem(name, "(syntax)", f"TOML syntax error: {exc}"))
        return None
    except RecursionError:
        problems.append(Problem(name, "(syntax)", "nests tables or arrays too deeply"))
        return None


def field_path(loc: Sequence[int | str], data: Any) -> str:
    """Render a pydantic error location, naming list items by their id when they have one."""
    parts: list[str] = []
    node = data
    for step in loc:
        if isinstance(step, int):
            label = str(step)
            if isinstance(node, list) and 0 <= step < len(node):
                item = node[step]
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    label = item["id"]
                node = item
            else:
                node = None
            if parts:
                parts[-1] = f"{parts[-1]}[{label}]"
            else:
                parts.append(f"[{label}]")
        else:
            parts.append(str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return ".".join(parts) or "(top)"


def validate_model(
    model: type[ModelT], data: dict[str, Any], file: str, problems: list[Problem]
) -> ModelT | None:
    """Validate raw data against a schema, turning each error into a Problem."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            message = error["msg"]
            if error["type"] == "extra_forbidden":
                message = "unknown field"
            elif error["type"] == "missing":
                message = "required field is missing"
            problems.append(Problem(file, field_path(error["loc"], data), message))
        return None


def _load_file(
    path: Path, model: type[ModelT], problems: list[Problem]
) -> ModelT | None:
    data = read_toml(path, problems)
    if data is None:
        return None
    return validate_model(model, data, str(path), problems)


def _index(items: Iterable[Any], file: str, kind: str, problems: list[Problem]) -> dict[str, Any]:
    index: dict[str, Any] = {}
    for item in items:
        if item.id in index:
            problems.append(Problem(file, f"{kind}[{item.id}].id", "is defined twice"))
        index[item.id] = item
    return index


REMEMBERED_PACKS = 4
"""Checked content folders one process keeps, by the exact bytes of their files."""

_PACKS: OrderedDict[tuple[str, bytes], ContentPack] = OrderedDict()
"""Packs already read and checked (a pack is frozen: every caller may share one)."""


def _fingerprint(root: Path) -> bytes | None:
    """A digest of every file `load_content` reads from `root`, or None when one of them is
    not a small regular file (the full read then reports the problem)."""
    from game.core.paths import content_root

    files = [*sorted(root.glob("*.toml")), *sorted((root / "scenarios").glob("*.toml"))]
    shipped = content_root() / "parameters.toml"
    if shipped not in files:
        files.append(shipped)  # a folder that is not the shipped one is checked against it
    digest = hashlib.sha256()
    for path in files:
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
                return None
            raw = path.read_bytes()
        except OSError:
            return None
        digest.update(f"{path}\0{len(raw)}\0".encode())
        digest.update(raw)
    return digest.digest()


def load_content(root: Path) -> ContentPack:
    """Read a whole content folder; raise BadInput listing every problem if anything is wrong.

    A folder whose files are byte for byte one already read in this process gives the same
    (frozen) pack without parsing it again: a new game, window or workshop costs no reading.
    """
    if not root.is_dir():
        raise BadInput([Problem(str(root), "(folder)", "is not a content folder")])
    fingerprint = _fingerprint(root)
    key = (str(root.resolve()), fingerprint) if fingerprint is not None else None
    if key is not None and key in _PACKS:
        _PACKS.move_to_end(key)
        return _PACKS[key]
    pack = _read_content(root)
    if key is not None:
        _PACKS[key] = pack
        while len(_PACKS) > REMEMBERED_PACKS:
            _PACKS.popitem(last=False)
    return pack


def _read_content(root: Path) -> ContentPack:
    """Parse and check every file of a content folder (load_content without its memory)."""
    problems: list[Problem] = []
    params_file = _load_file(root / "parameters.toml", ParametersFile, problems)
    findings_file = _load_file(root / "findings.toml", FindingsFile, problems)
    world_file = _load_file(root / "world.toml", CatalogueFile, problems)
    actions_file = _load_file(root / "interventions.toml", InterventionsFile, problems)
    events_file = _load_file(root / "events.toml", EventsFile, problems)
    scenarios: dict[str, Scenario] = {}
    scenario_files: dict[str, str] = {}
    scenario_dir = root / "scenarios"
    for path in sorted(scenario_dir.glob("*.toml")) if scenario_dir.is_dir() else []:
        scenario = _load_file(path, Scenario, problems)
        if scenario is None:
            continue
        if scenario.id != path.stem:
            problems.append(Problem(str(path), "id", f"must match the file name '{path.stem}'"))
        if scenario.id in scenarios:
            problems.append(Problem(str(path), "id", "is defined twice"))
        scenarios[scenario.id] = scenario
        scenario_files[scenario.id] = str(path)
    if not scenarios and not any(p.file.startswith(str(scenario_dir)) for p in problems):
        problems.append(Problem(str(scenario_dir), "(folder)", "holds no scenario"))
    loaded = {
        "parameters": params_file is not None, "findings": findings_file is not None,
        "world": world_file is not None, "interventions": actions_file is not None,
        "events": events_file is not None,
    }
    pf, ff, wf = str(root / "parameters.toml"), str(root / "findings.toml"), str(
        root / "world.toml")
    pack = ContentPack(
        parameters=_index(params_file.parameter if params_file else [], pf, "parameter",
                          problems),
        citations=_index(findings_file.citation if findings_file else [], ff, "citation",
                         problems),
        findings=_index(findings_file.finding if findings_file else [], ff, "finding", problems),
        markets=_index(world_file.market if world_file else [], wf, "market", problems),
        cartels=_index(world_file.cartel if world_file else [], wf, "cartel", problems),
        interventions=_index(actions_file.intervention if actions_file else [],
                             str(root / "interventions.toml"), "intervention", problems),
        events=_index(events_file.event if events_file else [], str(root / "events.toml"),
                      "event", problems),
        scenarios=scenarios,
    )
    problems.extend(cross_check(pack, root, scenario_files, loaded))
    if loaded["parameters"]:
        problems.extend(missing_parameters(pack, root))
    if problems:
        raise BadInput(problems)
    return pack


def missing_parameters(pack: ContentPack, root: Path) -> list[Problem]:
    """Parameters the model needs (every one the shipped content defines) that a folder lacks."""
    from game.core.paths import content_root

    shipped = content_root()
    if root.resolve() == shipped.resolve():
        return []
    problems: list[Problem] = []
    reference = _load_file(shipped / "parameters.toml", ParametersFile, problems)
    if reference is None:
        return problems
    name = str(root / "parameters.toml")
    return [Problem(name, f"parameter[{param.id}]", "is missing: the model needs it "
                    f"(copy it from {shipped / 'parameters.toml'})")
            for param in reference.parameter if param.id not in pack.parameters]


def cross_check(
    pack: ContentPack, root: Path, scenario_files: dict[str, str],
    loaded: dict[str, bool] | None = None,
) -> list[Problem]:
    """Check references between files: every id named somewhere must exist.

    Checks that depend on a file that failed to load are skipped (its own problems are already
    reported), so one broken file does not hide the others' faults.
    """
    have = loaded or {}
    ok = {name: have.get(name, True) for name in
          ("parameters", "findings", "world", "interventions", "events")}
    problems: list[Problem] = []
    ff = str(root / "findings.toml")
    if ok["findings"]:
        for n in range(1, 17):
            if f"F{n}" not in pack.findings:
                problems.append(Problem(ff, "finding", f"F{n} is missing"))
        for finding in pack.findings.values():
            for cid in finding.citations:
                if cid not in pack.citations:
                    problems.append(Problem(ff, f"finding[{finding.id}].citations",
                                            f"unknown citation '{cid}'"))
        evidence_ids = set(pack.findings) | set(pack.citations)
        for param in pack.parameters.values():
            for ref in param.evidence:
                if ref not in evidence_ids:
                    problems.append(Problem(str(root / "parameters.toml"),
                                            f"parameter[{param.id}].evidence",
                                            f"unknown finding or citation '{ref}'"))
    af = str(root / "interventions.toml")
    for action in pack.interventions.values():
        for other in action.cancels:
            if other not in pack.interventions:
                problems.append(
                    Problem(af, f"intervention[{action.id}].cancels", f"unknown action '{other}'")
                )
    ef = str(root / "events.toml")
    for event in pack.events.values() if ok["interventions"] else []:
        named = [("enact", event.enact)] + [
            (f"choices[{c.id}].enact", c.enact) for c in event.choices
        ]
        for where, action_id in named:
            if action_id is not None and action_id not in pack.interventions:
                problems.append(
                    Problem(ef, f"event[{event.id}].{where}", f"unknown action '{action_id}'")
                )
    for sid, scenario in pack.scenarios.items():
        problems.extend(scenario_problems(pack, scenario, scenario_files.get(sid, sid), ok))
    return problems


def scenario_problems(
    pack: ContentPack, scenario: Scenario, file: str, ok: dict[str, bool]
) -> list[Problem]:
    """References inside a scenario: its regions, and the cartels and events it names."""
    problems: list[Problem] = []
    ids = [r.id for r in scenario.regions]
    known = set(ids)
    for rid in {r for r in ids if ids.count(r) > 1}:
        problems.append(Problem(file, f"regions[{rid}].id", "is defined twice"))

    def unknown(field: str, rids: Iterable[str]) -> None:
        problems.extend(Problem(file, field, f"unknown region '{rid}'")
                        for rid in rids if rid not in known)

    for role, setup in scenario.roles.items():
        unknown(f"roles.{role}.regions", setup.regions)
    if "municipal" in scenario.roles and not scenario.roles["municipal"].regions:
        problems.append(Problem(file, "roles.municipal.regions",
                                "must list the cities a mayor may govern"))
    for region in scenario.regions:
        unknown(f"regions[{region.id}].neighbours", region.neighbours)
        for g, group in enumerate(region.groups):
            if ok["world"] and group.cartel not in pack.cartels:
                problems.append(Problem(file, f"regions[{region.id}].groups[{g}].cartel",
                                        f"unknown cartel '{group.cartel}'"))
    for n, entry in enumerate(scenario.calendar):
        unknown(f"calendar[{n}].regions", entry.regions)
    for n, item in enumerate(scenario.scripted):
        if ok["events"] and item.event not in pack.events:
            problems.append(Problem(file, f"scripted[{n}].event", f"unknown event '{item.event}'"))
        unknown(f"scripted[{n}].region", [item.region] if item.region is not None else [])
    problems.extend(history_problems(pack, scenario, file, ok))
    return problems


def history_problems(
    pack: ContentPack, scenario: Scenario, file: str, ok: dict[str, bool]
) -> list[Problem]:
    """A scenario's real decisions: in its span, of its roles, in its regions, each sourced."""
    problems: list[Problem] = []
    regions = {r.id for r in scenario.regions}
    source_ids = [s.id for s in scenario.sources]
    for sid in sorted({s for s in source_ids if source_ids.count(s) > 1}):
        problems.append(Problem(file, f"sources[{sid}].id", "is defined twice"))
    span = max((setup.turns for setup in scenario.roles.values()), default=0)
    for n, entry in enumerate(scenario.history):
        where = f"history[{n}]"
        turn = calendar.turn_of(scenario.start_year, scenario.start_quarter, entry.period)
        if not 1 <= turn <= span:
            problems.append(Problem(file, f"{where}.period", f"{entry.period} lies outside the "
                                    f"scenario's {span} quarters"))
        if entry.source not in source_ids:
            problems.append(Problem(file, f"{where}.source", f"unknown source '{entry.source}'"))
        if entry.region is not None and entry.region not in regions:
            problems.append(Problem(file, f"{where}.region", f"unknown region '{entry.region}'"))
        if entry.action is not None and ok["interventions"]:
            action = pack.interventions.get(entry.action)
            if action is None:
                problems.append(Problem(file, f"{where}.action",
                                        f"unknown action '{entry.action}'"))
            elif not set(action.roles) & set(scenario.roles):
                problems.append(Problem(file, f"{where}.action", f"'{action.id}' belongs to no "
                                        "role of this scenario"))
            elif (action.scope == "region") != (entry.region is not None):
                problems.append(Problem(file, f"{where}.region", f"'{action.id}' needs a region"
                                        if action.scope == "region" else
                                        f"'{action.id}' is national: drop the region"))
        if entry.event is not None and ok["events"]:
            event = pack.events.get(entry.event)
            if event is None:
                problems.append(Problem(file, f"{where}.event", f"unknown event '{entry.event}'"))
            elif entry.choice not in {c.id for c in event.choices}:
                problems.append(Problem(file, f"{where}.choice",
                                        f"unknown choice '{entry.choice}' of '{event.id}'"))
    return problems


def setup_problems(pack: ContentPack, scenario_id: str, role: str, region: str | None,
                   file: str = "(command line)") -> list[Problem]:
    """Problems with a choice of scenario, role and (a mayor's) city, one per fault."""
    scenario = pack.scenarios.get(scenario_id)
    if scenario is None:
        return [Problem(file, "scenario", f"unknown scenario '{scenario_id}' (choose from "
                        f"{', '.join(sorted(pack.scenarios))})")]
    if role not in scenario.roles:
        return [Problem(file, "role", f"{scenario_id} cannot be played as '{role}' (choose from "
                        f"{', '.join(scenario.roles)})")]
    if role == "municipal":
        cities = scenario.roles["municipal"].regions
        if region is not None and region not in cities:
            return [Problem(file, "region", f"a mayor in {scenario_id} governs one of "
                            f"{', '.join(cities) or 'no city'}, not '{region}'")]
    elif region is not None:
        return [Problem(file, "region", "only the municipal role takes a region (hot-seat "
                        "mayors are listed as mayors)")]
    return []


def load_plan(
    path: Path, pack: ContentPack, scenario_id: str, role: Role, region: str | None = None,
    seats: list[tuple[Role, str | None]] | None = None, first_turn: int = 1,
) -> PlanFile:
    """Read a plan file and check it against the scenario and role; raise BadInput if wrong.

    `seats` lists the players of a hot-seat game (role, city); each decision's `player` picks
    one. Without it the plan is one player's: `role` and `region`.
    """
    problems: list[Problem] = []
    data = read_toml(path, problems)
    if data is None:
        raise BadInput(problems)
    plan = parse_plan(data, str(path), problems)
    if plan is not None:
        problems.extend(check_plan(plan, str(path), pack, scenario_id, role, region, seats,
                                   first_turn))
    if problems or plan is None:
        raise BadInput(problems)
    return plan.plan


@dataclass
class ParsedPlan:
    """A plan whose decisions each passed the schema, keeping their places in the file."""

    plan: PlanFile
    positions: list[int]


def parse_plan(data: dict[str, Any], file: str, problems: list[Problem]) -> ParsedPlan | None:
    """Validate a plan decision by decision, so one bad line does not hide the others' faults."""
    if not data:
        problems.append(Problem(file, "(file)", "is empty: a plan needs [[decision]] tables or "
                                "a [responses] table"))
        return None
    for key in data:
        if key not in ("decision", "responses"):
            problems.append(Problem(file, key, "unknown field"))
    raw_decisions = data.get("decision", [])
    if not isinstance(raw_decisions, list):
        problems.append(Problem(file, "decision", "must be an array of tables ([[decision]])"))
        raw_decisions = []
    decisions: list[Decision] = []
    positions: list[int] = []
    for n, raw in enumerate(raw_decisions):
        if not isinstance(raw, dict):
            problems.append(Problem(file, f"decision[{n}]", "must be a table"))
            continue
        local: list[Problem] = []
        decision = validate_model(Decision, raw, file, local)
        problems.extend(Problem(file, f"decision[{n}].{p.field}", p.message) for p in local)
        if decision is not None:
            decisions.append(decision)
            positions.append(n)
    responses = validate_model(PlanFile, {"responses": data.get("responses", {})}, file,
                               problems)
    plan = PlanFile(decision=decisions,
                    responses=dict(responses.responses) if responses is not None else {})
    return ParsedPlan(plan, positions)


def check_plan(
    parsed: ParsedPlan, file: str, pack: ContentPack, scenario_id: str, role: Role,
    region: str | None, seats: list[tuple[Role, str | None]] | None = None,
    first_turn: int = 1,
) -> list[Problem]:
    """Check a parsed plan's actions, roles, regions and dilemma answers against the content.

    `first_turn` is the scenario turn of the plan's turn 1 (a plan taken over in a history
    scenario counts from that quarter): a card ordered before it existed is a problem."""
    problems: list[Problem] = []
    plan = parsed.plan
    scenario = pack.scenarios[scenario_id]
    region_ids = {r.id for r in scenario.regions}
    players = seats or [(role, region)]
    for n, decision in zip(parsed.positions, plan.decision, strict=True):
        where = f"decision[{n}]"
        if decision.player >= len(players):
            problems.append(Problem(file, f"{where}.player",
                                    f"there is no player {decision.player} in this game "
                                    f"(players 0 to {len(players) - 1})"))
            continue
        role, region = players[decision.player]
        action = pack.interventions.get(decision.action)
        if action is None:
            problems.append(Problem(file, f"{where}.action", f"unknown action '{decision.action}'"))
            continue
        if role not in action.roles:
            problems.append(
                Problem(file, f"{where}.action",
                        f"'{action.id}' is not available to the {role} role")
            )
        ordered = calendar.period(scenario.start_year, scenario.start_quarter,
                                  decision.turn + first_turn - 1)
        late = action.date_problem(ordered)
        if late is not None:
            problems.append(Problem(file, f"{where}.action", (
                f"'{action.id}' did not exist yet in {ordered} (turn {decision.turn}): it can be "
                f"ordered from {late[1]}" if late[0] == "not_yet" else
                f"'{action.id}' no longer existed in {ordered} (turn {decision.turn}): it could be "
                f"ordered until {late[1]}")))
        if action.scope == "region":
            if decision.region is None:
                problems.append(
                    Problem(file, f"{where}.region", f"'{action.id}' needs a region")
                )
            elif decision.region not in region_ids:
                problems.append(
                    Problem(file, f"{where}.region",
                            f"unknown region '{decision.region}' in {scenario_id}")
                )
            elif role == "municipal" and region is not None and decision.region != region:
                problems.append(
                    Problem(file, f"{where}.region",
                            f"a mayor of {region} cannot act in '{decision.region}'")
                )
        elif decision.region is not None:
            problems.append(
                Problem(file, f"{where}.region", f"'{action.id}' is national: drop the region")
            )
    for event_id, choice in plan.responses.items():
        event = pack.events.get(event_id)
        if event is None:
            problems.append(Problem(file, f"responses.{event_id}", "unknown event"))
        elif choice not in {c.id for c in event.choices}:
            problems.append(
                Problem(file, f"responses.{event_id}",
                        f"unknown choice '{choice}' (choose from "
                        f"{', '.join(c.id for c in event.choices) or 'none'})")
            )
    return problems


def override_problem(parameters: Mapping[str, Parameter], pid: str, value: float) -> str | None:
    """Why a model parameter cannot be set to `value` (unknown, or outside its range), or None."""
    param = parameters.get(pid)
    if param is None:
        return "unknown model parameter"
    if not param.min <= value <= param.max:
        return f"{value} lies outside its range [{param.min}, {param.max}]"
    return None


ASSUMPTIONS_FILE = "assumptions.toml"


def load_assumptions(root: Path, pack: ContentPack) -> dict[str, AssumptionSwitch]:
    """Read `assumptions.toml` (absent: no switches); raise BadInput listing every problem."""
    path = root / ASSUMPTIONS_FILE
    if not path.exists():
        return {}
    problems: list[Problem] = []
    parsed = _load_file(path, AssumptionsFile, problems)
    if parsed is None:
        raise BadInput(problems)
    name = str(path)
    switches = _index(parsed.switch, name, "switch", problems)
    owner: dict[str, str] = {}
    for switch in parsed.switch:
        for pid, value in switch.sets.items():
            where = f"switch[{switch.id}].sets.{pid}"
            fault = override_problem(pack.parameters, pid, value)
            if fault is not None:
                problems.append(Problem(name, where, fault))
            if pid in owner and owner[pid] != switch.id:
                problems.append(Problem(name, where, f"is also set by switch '{owner[pid]}'"))
            owner.setdefault(pid, switch.id)
    if problems:
        raise BadInput(problems)
    return switches


def workshop_overrides(workshop: Workshop,
                       switches: dict[str, AssumptionSwitch]) -> dict[str, float]:
    """The parameter overrides a (checked) workshop asks for: its switches off, then its values."""
    overrides: dict[str, float] = {}
    for sid, on in sorted(workshop.switches.items()):
        if not on and sid in switches:
            overrides.update(switches[sid].sets)
    overrides.update(workshop.parameters)
    return dict(sorted(overrides.items()))


def seat_actions(pack: ContentPack, role: Role, hotseat_mayors: bool) -> list[str]:
    """Sorted ids of the interventions a role (and, in hot-seat, its mayors) can use."""
    roles = {role} | ({"municipal"} if hotseat_mayors else set())
    return sorted(a.id for a in pack.interventions.values() if roles & set(a.roles))


def workshop_actions(workshop: Workshop, pack: ContentPack) -> list[str]:
    """Interventions the workshop's seats may use (all of their roles' when it lists none)."""
    available = seat_actions(pack, workshop.role, bool(workshop.mayors))
    if workshop.actions is None:
        return available
    return [a for a in available if a in set(workshop.actions)]


def check_workshop(workshop: Workshop, file: str, pack: ContentPack,
                   switches: dict[str, AssumptionSwitch]) -> list[Problem]:
    """Check a parsed workshop against the content: scenario, seats, actions and assumptions."""
    problems = setup_problems(pack, workshop.scenario, workshop.role, workshop.region, file)
    if workshop.mayors and workshop.role != "federal":
        problems.append(Problem(file, "mayors", "hot-seat mayors need role = \"federal\""))
    if len(set(workshop.mayors)) != len(workshop.mayors):
        problems.append(Problem(file, "mayors", "lists a city twice"))
    if workshop.actions is not None and len(set(workshop.actions)) != len(workshop.actions):
        problems.append(Problem(file, "actions", "lists an intervention twice"))
    scenario = pack.scenarios.get(workshop.scenario)
    if scenario is None:
        return problems
    term = scenario.roles[workshop.role].turns if workshop.role in scenario.roles else 0
    if workshop.turns is None and term > MAX_WORKSHOP_TURNS:
        problems.append(Problem(file, "turns", f"{scenario.id} lasts {term} quarters; a "
                                f"workshop plays at most {MAX_WORKSHOP_TURNS}: set turns"))
    cities = scenario.roles["municipal"].regions if "municipal" in scenario.roles else []
    for city in workshop.mayors:
        if city not in cities:
            problems.append(Problem(file, "mayors", f"'{city}' is not a city a mayor governs in "
                                    f"{scenario.id} ({', '.join(cities) or 'none'})"))
    roles = {workshop.role} | ({"municipal"} if workshop.mayors else set())
    for action_id in workshop.actions or []:
        action = pack.interventions.get(action_id)
        if action is None:
            problems.append(Problem(file, "actions", f"unknown action '{action_id}'"))
        elif not roles & set(action.roles):
            problems.append(Problem(file, "actions", f"'{action_id}' is not available to the "
                                    f"{' or '.join(sorted(roles))} role"))
    switched: dict[str, str] = {}
    for sid, on in workshop.switches.items():
        switch = switches.get(sid)
        if switch is None:
            problems.append(Problem(file, f"switches.{sid}", "unknown assumption switch "
                                    f"(choose from {', '.join(sorted(switches)) or 'none'})"))
        elif not on:
            switched.update({pid: sid for pid in switch.sets})
    for pid, value in workshop.parameters.items():
        param = pack.parameters.get(pid)
        if param is None:
            problems.append(Problem(file, f"parameters.{pid}", "unknown model parameter"))
        elif not param.min <= value <= param.max:
            problems.append(Problem(file, f"parameters.{pid}", f"{value} lies outside its "
                                    f"documented range [{param.min}, {param.max}]"))
        if pid in switched:
            problems.append(Problem(file, f"parameters.{pid}", f"is also set by switching "
                                    f"off '{switched[pid]}': keep one"))
    return problems


def parse_workshop(data: dict[str, Any], file: str, pack: ContentPack,
                   switches: dict[str, AssumptionSwitch]) -> Workshop:
    """Validate raw workshop data (from TOML or a decoded code); raise BadInput if wrong."""
    problems: list[Problem] = []
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > WORKSHOP_VERSION:
        raise BadInput([Problem(file, "version", f"workshop format {version} is newer than this "
                                f"game's ({WORKSHOP_VERSION}): update Plaza")])
    workshop = validate_model(Workshop, data, file, problems)
    if workshop is None:
        raise BadInput(problems)
    problems.extend(check_workshop(workshop, file, pack, switches))
    if problems:
        raise BadInput(problems)
    return workshop.normalised()


def load_workshop(path: Path, pack: ContentPack,
                  switches: dict[str, AssumptionSwitch]) -> Workshop:
    """Read and check a workshop file; raise BadInput listing every problem."""
    problems: list[Problem] = []
    data = read_toml(path, problems)
    if data is None:
        raise BadInput(problems)
    return parse_workshop(data, str(path), pack, switches)
