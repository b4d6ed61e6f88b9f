"""The shipped content pack: it loads, every action works, and content and model agree.

- `load_content(content_root())` passes and holds what ARCHITECTURE.md requires.
- Every intervention is enacted at least once here, in a scenario and role that allows it, and
  changes the world against the same-seed baseline within a few quarters.
- Every finding's `mechanisms` names a real function of the model.
- Every parameter in parameters.toml is read by the model, and the model reads no other.
- Both languages have the same catalog keys, and every id in content has its words.
"""

from __future__ import annotations

import inspect
import os
import re
from pathlib import Path

import pytest

from game.content import load_content
from game.content.schema import ContentPack, Decision, Intervention, PlanFile
from game.core.i18n import load_catalog
from game.core.paths import content_root
from game.play.campaign import Campaign
from game.play.lab import Simulation
from game.sim import events as sim_events
from game.sim import mechanisms
from game.sim.commands import REQUIREMENT_REASONS, Impossible
from game.sim.indicators import NATIONAL_INDICATORS, REGION_INDICATORS

REPO = Path(__file__).resolve().parents[2]
GAME = REPO / "game"

REQUIRED_ACTIONS = {
    "deploy_army", "deploy_guard", "guard_to_migration", "withdraw_forces", "kingpin_operation",
    "amnesty", "legalize_cannabis", "hr_accountability", "truth_commission", "fund_local_police",
    "social_programs", "migrant_protection", "vet_police", "community_policing", "anti_collusion",
    "local_social_programs", "civic_alliances", "request_federal_support", "tolerate",
}
REQUIRED_SCENARIOS = {"juarez-2010", "culiacan-2019", "guerrero-2019", "national-2018"}


@pytest.fixture(scope="module")
def pack() -> ContentPack:
    return load_content(content_root())


@pytest.fixture(scope="module")
def catalogs() -> dict[str, dict[str, str]]:
    return {lang: load_catalog(lang) for lang in ("en", "es")}


def test_shipped_content_loads(pack: ContentPack) -> None:
    assert set(pack.interventions) >= REQUIRED_ACTIONS
    assert set(pack.scenarios) >= REQUIRED_SCENARIOS
    assert {f"F{n}" for n in range(1, 17)} <= set(pack.findings)
    siege = pack.events["capture_siege"]
    assert {c.id for c in siege.choices} == {"hold", "release"}
    assert pack.parameters
    for param in pack.parameters.values():
        assert param.min <= param.value <= param.max, param.id


def test_every_role_has_actions_and_every_action_a_role(pack: ContentPack) -> None:
    for scenario in pack.scenarios.values():
        for role in scenario.roles:
            assert any(role in a.roles for a in pack.interventions.values()), (scenario.id, role)
    for action in pack.interventions.values():
        assert action.roles, action.id


# ---------------------------------------------------------------- every action, once


def places_for(pack: ContentPack, action: Intervention) -> list[tuple[str, str, str | None,
                                                                      str | None]]:
    """(scenario, role, mayor's city, target region) where this action could be enacted."""
    places = []
    for sid, scenario in sorted(pack.scenarios.items()):
        for role in sorted(scenario.roles):
            if role not in action.roles:
                continue
            cities: list[str | None] = (list(scenario.roles["municipal"].regions)
                                        if role == "municipal" else [None])
            for city in cities:
                if action.scope == "national":
                    places.append((sid, role, city, None))
                else:
                    targets = [city] if city else [r.id for r in scenario.regions]
                    places.extend((sid, role, city, t) for t in targets)
    return places


def feasible_games(pack: ContentPack, action: Intervention) -> list[tuple[Campaign, str | None]]:
    """New games in which the action was enacted on turn 1, with its target."""
    games = []
    for sid, role, city, target in places_for(pack, action):
        game = Campaign.new(pack, sid, role, city, seed=17)
        try:
            game.enact(action.id, target)
        except Impossible:
            continue
        games.append((game, target))
    return games


def changes_the_world(pack: ContentPack, game: Campaign, quarters: int = 6) -> bool:
    """Whether the game's regions or groups differ from the same-seed baseline within N turns."""
    baseline = Campaign(pack, game.scenario_id, game.role, game.region, game.seed)
    for _ in range(quarters):
        mine, theirs = game.end_turn(), baseline.end_turn()
        if mine.regions != theirs.regions or mine.groups != theirs.groups:
            return True
    return False


ACTION_IDS = sorted(load_content(content_root()).interventions)


@pytest.mark.parametrize("action_id", ACTION_IDS)
def test_every_action_changes_the_world(pack: ContentPack, action_id: str) -> None:
    """Enacted on turn 1 somewhere it is allowed, the action moves the world within 6 quarters.

    (Somewhere, not everywhere: protecting migrants where none wait changes nothing.)
    """
    action = pack.interventions[action_id]
    games = feasible_games(pack, action)
    assert games, f"{action_id}: no scenario and role where it can be enacted on turn 1"
    tried = []
    for game, target in games:
        assert game.decisions[-1]["action"] == action_id
        if changes_the_world(pack, game):
            return
        tried.append(f"{game.scenario_id}/{game.role}/{target}")
    pytest.fail(f"{action_id} changed nothing in {tried}")


def test_every_action_is_offered_somewhere(pack: ContentPack) -> None:
    offered: set[str] = set()
    for sid, scenario in pack.scenarios.items():
        for role in scenario.roles:
            city = scenario.roles["municipal"].regions[0] if role == "municipal" else None
            game = Campaign.new(pack, sid, role, city, seed=1)
            for region in [None, *(r.id for r in scenario.regions)]:
                offered |= {o.action_id for o in game.options(region) if o.possible}
    assert offered == set(pack.interventions)


# ---------------------------------------------------------------- content against the model


def model_functions() -> set[str]:
    """Functions defined in game.sim.mechanisms and game.sim.events."""
    names = set()
    for module in (mechanisms, sim_events):
        names |= {name for name, fn in inspect.getmembers(module, inspect.isfunction)
                  if fn.__module__ == module.__name__}
    return names


def test_finding_mechanisms_name_real_functions(pack: ContentPack) -> None:
    known = model_functions()
    for finding in pack.findings.values():
        missing = [m for m in finding.mechanisms if m not in known]
        assert not missing, f"{finding.id} names unknown mechanisms {missing}"


def test_findings_f1_to_f15_each_have_a_mechanism(pack: ContentPack) -> None:
    for n in range(1, 16):
        assert pack.findings[f"F{n}"].mechanisms


def test_event_triggers_are_registered(pack: ContentPack) -> None:
    for event in pack.events.values():
        assert event.trigger in sim_events.TRIGGERS, event.id


PARAM_USE = re.compile(r"\bp\.([a-z_][a-z0-9_]*)")


def parameters_used_by_model() -> set[str]:
    """Every `p.NAME` (and `self.p.NAME`) in the model source."""
    used: set[str] = set()
    for path in sorted((GAME / "sim").glob("*.py")):
        used |= set(PARAM_USE.findall(path.read_text(encoding="utf-8")))
    return used - {"as_dict"}


def test_every_parameter_is_read_by_the_model(pack: ContentPack) -> None:
    unused = set(pack.parameters) - parameters_used_by_model()
    assert not unused, f"parameters.toml defines values the model never reads: {sorted(unused)}"


def test_model_reads_only_defined_parameters(pack: ContentPack) -> None:
    undefined = parameters_used_by_model() - set(pack.parameters)
    assert not undefined, f"the model reads parameters content does not define: {undefined}"


# ---------------------------------------------------------------- locale catalogs


def test_both_languages_have_the_same_keys(catalogs: dict[str, dict[str, str]]) -> None:
    en, es = catalogs["en"], catalogs["es"]
    assert sorted(set(en) - set(es)) == []
    assert sorted(set(es) - set(en)) == []
    empty = [k for lang in catalogs for k, v in catalogs[lang].items()
             if not v.strip() and not k.startswith("group_kind.")]
    assert empty == []


def test_placeholders_match_between_languages(catalogs: dict[str, dict[str, str]]) -> None:
    field = re.compile(r"\{([a-z_]+)[^}]*\}")
    differ = [k for k, text in catalogs["en"].items()
              if set(field.findall(text)) != set(field.findall(catalogs["es"].get(k, "")))]
    assert differ == []


def required_keys(pack: ContentPack) -> set[str]:
    """Every catalog key the content's ids call for (see content/locale/en/game.toml)."""
    keys: set[str] = set()
    for aid in pack.interventions:
        keys |= {f"action.{aid}.name", f"action.{aid}.summary"}
    for event in pack.events.values():
        keys |= {f"event.{event.id}.title", f"event.{event.id}.text"}
        for choice in event.choices:
            keys |= {f"event.{event.id}.choice.{choice.id}.name",
                     f"event.{event.id}.choice.{choice.id}.tradeoff"}
    for fid in pack.findings:
        keys |= {f"finding.{fid}.title", f"finding.{fid}.text"}
    keys |= {f"citation.{cid}" for cid in pack.citations}
    keys |= {f"cartel.{cid}" for cid in pack.cartels}
    keys |= {f"market.{mid}" for mid in pack.markets}
    for sid, scenario in pack.scenarios.items():
        keys |= {f"scenario.{sid}.{part}" for part in ("title", "teaches", "places", "dates")}
        keys |= {f"region.{r.id}" for r in scenario.regions}
        keys |= {f"role.{role}" for role in scenario.roles}
        keys |= {f"role_tip.{role}" for role in scenario.roles}
    for indicator in {*REGION_INDICATORS, *NATIONAL_INDICATORS}:
        keys |= {f"indicator.{indicator}.{part}" for part in ("name", "unit", "tip")}
    keys |= {f"reason.{reason}" for reason in REQUIREMENT_REASONS.values()}
    return keys


def test_every_content_id_has_its_words(pack: ContentPack,
                                        catalogs: dict[str, dict[str, str]]) -> None:
    needed = required_keys(pack)
    for lang, catalog in catalogs.items():
        missing = sorted(needed - set(catalog))
        assert missing == [], f"{lang} lacks {missing[:20]}"


MESSAGE_KEY = re.compile(r"""Message\(\s*["']([a-z_]+\.[a-z_.]+)["']""")
CLI_KEY = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""")


def message_keys() -> set[str]:
    """Literal message ids the model, play, classroom and command-line layers emit."""
    keys: set[str] = set()
    sources = [path for folder in ("sim", "play", "classroom", "cli")
               for path in sorted((GAME / folder).rglob("*.py"))]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        keys |= set(MESSAGE_KEY.findall(text)) | set(CLI_KEY.findall(text))
    assert keys, "found no message ids: has the Message API changed?"
    return keys


KNOWN_MISSING: set[str] = set()


def test_every_message_key_in_the_model_exists(catalogs: dict[str, dict[str, str]]) -> None:
    """Every literal message id is in both catalogs (but the known bug below)."""
    for lang, catalog in catalogs.items():
        assert sorted(message_keys() - set(catalog) - KNOWN_MISSING) == [], lang


def test_save_messages_exist(catalogs: dict[str, dict[str, str]]) -> None:
    for lang, catalog in catalogs.items():
        assert sorted(message_keys() - set(catalog)) == [], lang


def causes_seen(pack: ContentPack) -> set[str]:
    """Every cause the model puts in the Why? ledger, over games that use every action."""
    causes: set[str] = set()
    for sid, role, city in (("national-2018", "federal", None),
                            ("juarez-2010", "municipal", "juarez"),
                            ("guerrero-2019", "federal", None)):
        scenario = pack.scenarios[sid]
        decisions = []
        for action in pack.interventions.values():
            if role not in action.roles:
                continue
            region = None if action.scope == "national" else (city or scenario.regions[0].id)
            if action.id == "migrant_protection":
                region = next((r.id for r in scenario.regions if r.border), region)
            decisions.append(Decision(turn=1 + len(decisions) % 6, action=action.id,
                                      region=region))
        sim = Simulation(pack, sid, role, city, 3, 4, PlanFile(decision=decisions))  # type: ignore[arg-type]
        for result in sim.run(12):
            for per_cause in result.why.values():
                causes |= set(per_cause)
    return causes


def test_every_cause_in_why_has_its_words(pack: ContentPack,
                                          catalogs: dict[str, dict[str, str]]) -> None:
    causes = causes_seen(pack)
    assert len(causes) >= 10
    for lang, catalog in catalogs.items():
        missing = sorted(c for c in causes
                         if f"cause.{c}" not in catalog or f"cause_tip.{c}" not in catalog)
        assert missing == [], f"{lang}: causes without cause.* / cause_tip.* text: {missing}"


def test_the_model_reads_exactly_the_parameters_content_defines() -> None:
    """Every `p.NAME` the model reads is in parameters.toml, and every parameter is read."""
    import ast
    import tomllib

    used: set[str] = set()
    for path in (GAME / "sim").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and (
                (isinstance(node.value, ast.Name) and node.value.id == "p")
                or (isinstance(node.value, ast.Attribute) and node.value.attr == "p")
            ):
                used.add(node.attr)
    with (GAME.parent / "content" / "parameters.toml").open("rb") as handle:
        defined = {item["id"] for item in tomllib.load(handle)["parameter"]}
    assert sorted(used - defined) == [] and sorted(defined - used) == []


def test_a_content_folder_missing_a_parameter_is_refused(tmp_path: Path) -> None:
    """A parameter deleted from a copy of the content is one problem line, not a crash later."""
    import shutil

    from game.core.problems import BadInput

    copy = tmp_path / "content"
    shutil.copytree(GAME.parent / "content", copy)
    text = (copy / "parameters.toml").read_text(encoding="utf-8")
    start = text.index('[[parameter]]\nid = "military_violence"')
    end = text.index("[[parameter]]", start + 10)
    (copy / "parameters.toml").write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(BadInput) as raised:
        load_content(copy)
    fields = [p.field for p in raised.value.problems]
    assert fields == ["parameter[military_violence]"]


def test_a_folder_read_again_is_remembered_until_a_byte_changes(tmp_path: Path) -> None:
    """A second read of the same bytes gives the same checked pack without parsing; one edited
    byte (even within the same clock tick, at the same size) is read and checked afresh."""
    import shutil

    copy = tmp_path / "content"
    shutil.copytree(GAME.parent / "content", copy)
    first = load_content(copy)
    assert load_content(copy) is first
    path = copy / "scenarios" / "juarez-2010.toml"
    text = path.read_text(encoding="utf-8")
    stat = path.stat()
    edited = text.replace('id = "juarez-2010"', 'id = "juarez-2011"', 1)
    assert len(edited) == len(text) and edited != text
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the same time: bytes decide
    from game.core.problems import BadInput

    with pytest.raises(BadInput) as raised:
        load_content(copy)
    assert [p.field for p in raised.value.problems] == ["id"]
    path.write_text(text, encoding="utf-8")
    assert load_content(copy) is first
