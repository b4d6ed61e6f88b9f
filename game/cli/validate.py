"""The `validate` subcommand: check content folders, scenario files, plans and saves."""

from __future__ import annotations

import sys
from pathlib import Path

from game.content.loader import (
    check_plan,
    cross_check,
    load_assumptions,
    load_content,
    parse_plan,
    read_toml,
    validate_model,
)
from game.content.schema import ContentPack, Role, Scenario
from game.core import paths
from game.core.problems import BadInput, Problem


def run_validate(targets: list[Path], scenario_id: str | None, role: Role | None) -> int:
    """Validate every path; print every problem as `file: field: message`; 0 clean, 2 not."""
    problems: list[Problem] = []
    shipped: ContentPack | None = None

    def pack() -> ContentPack:
        nonlocal shipped
        if shipped is None:
            shipped = load_content(paths.content_root())
        return shipped

    for target in targets:
        problems.extend(validate_path(target, pack, scenario_id, role))
    if problems:
        raise BadInput(problems)
    print(f"ok: {len(targets)} checked, no problems", file=sys.stdout)
    return 0


def validate_path(target: Path, pack: object, scenario_id: str | None,
                  role: Role | None) -> list[Problem]:
    """Problems found in one path (folder, TOML file or JSON save)."""
    get_pack = pack  # a callable returning the shipped ContentPack, loaded once
    assert callable(get_pack)
    if target.is_dir():
        try:
            load_assumptions(target, load_content(target))
        except BadInput as bad:
            return bad.problems
        return []
    if not target.exists():
        return [Problem(str(target), "(file)", "does not exist")]
    if target.suffix.lower() == ".json":
        return validate_save(target, get_pack())
    problems: list[Problem] = []
    data = read_toml(target, problems)
    if data is None:
        return problems
    name = str(target)
    if "regions" in data or "roles" in data:
        scenario = validate_model(Scenario, data, name, problems)
        if scenario is not None:
            shipped: ContentPack = get_pack()
            merged = shipped.model_copy(update={"scenarios": {scenario.id: scenario}})
            problems.extend(cross_check(merged, paths.content_root(), {scenario.id: name}))
        return problems
    if "decision" in data or "responses" in data:
        parsed = parse_plan(data, name, problems)
        if parsed is None:
            return problems
        plan = parsed.plan
        shipped = get_pack()
        if scenario_id is not None:
            if scenario_id not in shipped.scenarios:
                return [Problem("(command line)", "--scenario", f"unknown '{scenario_id}'")]
            chosen: Role = role or ("federal" if "federal" in shipped.scenarios[scenario_id].roles
                                    else "municipal")
            problems.extend(check_plan(parsed, name, shipped, scenario_id, chosen, None))
        else:
            for n, decision in zip(parsed.positions, plan.decision, strict=True):
                if decision.action not in shipped.interventions:
                    problems.append(Problem(name, f"decision[{n}].action",
                                            f"unknown action '{decision.action}'"))
            for event_id, choice in plan.responses.items():
                event = shipped.events.get(event_id)
                if event is None:
                    problems.append(Problem(name, f"responses.{event_id}", "unknown event"))
                elif choice not in {c.id for c in event.choices}:
                    problems.append(Problem(name, f"responses.{event_id}",
                                            f"unknown choice '{choice}'"))
        return problems
    return [Problem(name, "(file)", "is not a Plaza scenario or plan (no 'regions', 'roles', "
                    "'decision' or 'responses'); give a content folder to check the whole pack")]


def validate_save(target: Path, pack: ContentPack) -> list[Problem]:
    """Problems found in a save file."""
    from game.play.campaign import BadSave, Campaign

    try:
        Campaign.load(pack, target)
    except BadSave as bad:
        return bad.problems
    return []
