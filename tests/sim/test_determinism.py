"""Same seed and decisions give identical results; different seeds differ; saves reproduce games.

ARCHITECTURE.md: randomness only from the run's seeded generator; same seed + same decisions =
identical results, byte for byte. Checked through the command line (two processes), in process
(batch runs against single runs in every scenario and role) and through Campaign saves.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from game_process import run_game, run_game_process

from game.content import load_content
from game.content.schema import ContentPack, Decision, PlanFile
from game.core.paths import content_root
from game.play.campaign import Campaign
from game.play.lab import Simulation

REPO = Path(__file__).resolve().parents[2]

NATIONAL_PLAN = """\
[[decision]]
turn = 1
action = "kingpin_operation"
region = "culiacan"

[[decision]]
turn = 2
action = "deploy_army"
region = "tierra_caliente"

[[decision]]
turn = 3
action = "legalize_cannabis"

[[decision]]
turn = 5
action = "guard_to_migration"

[responses]
capture_siege = "release"
us_migration_demand = "refuse"
"""


@pytest.fixture(scope="module")
def pack() -> ContentPack:
    return load_content(content_root())


def test_same_seed_and_plan_identical_bytes_across_processes(tmp_path: Path) -> None:
    """The same command gives the same bytes in another process (its own hash seed, so any
    order taken from a set or a hash would show), as JSON and as CSV; another seed differs.

    Each format runs once in a child process and once in this one: two processes each, for
    a third of the start-ups five children cost."""
    plan = tmp_path / "plan.toml"
    plan.write_text(NATIONAL_PLAN, encoding="utf-8")
    base = ["simulate", "--scenario", "national-2018", "--plan", plan, "--turns", "10",
            "--seed", "7"]
    commands = [base, [*base, "--format", "csv"]]
    with ThreadPoolExecutor(max_workers=len(commands)) as pool:
        procs = list(pool.map(lambda c: run_game_process(*c, text=False), commands))
    for proc in procs:
        assert proc.returncode == 0, proc.stderr.decode()
    here = [run_game(*command) for command in commands]
    assert all(ran.returncode == 0 for ran in here), [ran.stderr for ran in here]
    child = [proc.stdout.replace(b"\r\n", b"\n") for proc in procs]  # a Windows console's ends
    assert child[0] == here[0].stdout.encode("utf-8")
    assert child[1] == here[1].stdout.encode("utf-8")
    other = run_game(*base[:-1], "8")
    assert other.returncode == 0 and other.stdout != here[0].stdout
    a, b = json.loads(here[0].stdout), json.loads(other.stdout)
    assert a["turns"][-1]["regions"] != b["turns"][-1]["regions"]


def plan_for(pack: ContentPack, scenario: str, role: str, region: str | None) -> PlanFile:
    """A small plan that uses a couple of the role's actions (both scopes where it has them)."""
    scen = pack.scenarios[scenario]
    target = region or scen.regions[0].id
    decisions = []
    for action in pack.interventions.values():
        if role not in action.roles or (action.requires and any(
                r in ("forces_present", "border_region") for r in action.requires)):
            continue
        decisions.append(Decision(turn=1 + len(decisions), action=action.id,
                                  region=target if action.scope == "region" else None))
        if len(decisions) == 3:
            break
    return PlanFile(decision=decisions)


COMBOS = [("juarez-2010", "federal", None), ("juarez-2010", "municipal", "juarez"),
          ("culiacan-2019", "federal", None), ("guerrero-2019", "federal", None),
          ("guerrero-2019", "municipal", "acapulco"), ("national-2018", "federal", None)]


@pytest.mark.parametrize("scenario, role, region", COMBOS)
def test_batch_runs_equal_single_runs_in_process(pack: ContentPack, scenario: str, role: str,
                                                  region: str | None) -> None:
    plan = plan_for(pack, scenario, role, region)
    batch = Simulation(pack, scenario, role, region, 20, 3, plan)  # type: ignore[arg-type]
    batch.run(8)
    for k in range(3):
        single = Simulation(pack, scenario, role, region, 20 + k, 1, plan)  # type: ignore[arg-type]
        single.run(8)
        assert single.run_json(0) == batch.run_json(k)
    assert batch.run_json(0)["turns"] != batch.run_json(1)["turns"]


def test_same_seed_twice_in_process(pack: ContentPack) -> None:
    plan = plan_for(pack, "national-2018", "federal", None)
    runs = []
    for _ in range(2):
        sim = Simulation(pack, "national-2018", "federal", None, 5, 2, plan)
        sim.run(12)
        runs.append(json.dumps([sim.run_json(0), sim.run_json(1)]))
    assert runs[0] == runs[1]


# ---------------------------------------------------------------- saves


def siege_seed(pack: ContentPack) -> int:
    """A seed whose culiacan-2019 game meets the siege after a turn-1 kingpin operation."""
    plan = PlanFile(decision=[Decision(turn=1, action="kingpin_operation", region="culiacan")])
    sim = Simulation(pack, "culiacan-2019", "federal", None, 1, 60, plan)
    sim.run(1)
    for k in range(60):
        if "capture_siege" in {e["id"] for e in sim.run_json(k)["turns"][0]["events"]}:
            return 1 + k
    pytest.fail("no siege in 60 seeds")


def continue_game(game: Campaign) -> list[dict[str, object]]:
    """The same next moves on any copy of a game: returns the next three turns' records."""
    records = []
    game.enact("fund_local_police", "culiacan")
    for _ in range(3):
        records.append(game.end_turn().as_json())
    return records


def test_saved_and_loaded_game_continues_identically(pack: ContentPack, tmp_path: Path) -> None:
    seed = siege_seed(pack)
    game = Campaign.new(pack, "culiacan-2019", "federal", None, seed=seed)
    game.enact("kingpin_operation", "culiacan")
    game.end_turn()
    dilemmas = game.pending_dilemmas()
    assert [d.event_id for d in dilemmas] == ["capture_siege"]
    game.answer("capture_siege", "culiacan", "release")  # answered, not yet resolved: saved too
    path = tmp_path / "save.json"
    game.save(path)
    loaded = Campaign.load(pack, path)
    assert loaded.fingerprint() == game.fingerprint()
    assert loaded.turn == game.turn == 1
    assert loaded.answered("capture_siege") == "release"
    assert without_regions(loaded.to_save()) == without_regions(game.to_save())
    assert continue_game(loaded) == continue_game(game)
    assert loaded.fingerprint() == game.fingerprint()
    # and the saved answer mattered: holding instead gives a different next quarter
    other = Campaign.new(pack, "culiacan-2019", "federal", None, seed=seed)
    other.enact("kingpin_operation", "culiacan")
    other.end_turn()
    other.answer("capture_siege", "culiacan", "hold")
    assert continue_game(other) != continue_game(Campaign.load(pack, path))


def without_regions(save: dict[str, object]) -> dict[str, object]:
    """A save document with the region dropped from answer records (an older shape of save)."""
    copy = dict(save)
    decisions = save["decisions"]
    assert isinstance(decisions, list)
    copy["decisions"] = [
        {k: v for k, v in d.items() if not (d["verb"] == "answer" and k == "region")}
        for d in decisions
    ]
    return copy


def test_save_round_trip_keeps_the_dilemma_region(pack: ContentPack, tmp_path: Path) -> None:
    game = Campaign.new(pack, "culiacan-2019", "federal", None, seed=siege_seed(pack))
    game.enact("kingpin_operation", "culiacan")
    game.end_turn()
    game.answer("capture_siege", "culiacan", "release")
    path = tmp_path / "save.json"
    game.save(path)
    assert Campaign.load(pack, path).to_save() == game.to_save()


def test_mayor_game_save_load_and_replay(pack: ContentPack, tmp_path: Path) -> None:
    game = Campaign.new(pack, "guerrero-2019", "municipal", "montana", seed=33)
    game.enact("community_policing", "montana")
    game.end_turn()
    game.enact("anti_collusion", "montana")
    game.end_turn()
    game.end_turn()
    path = tmp_path / "mayor.json"
    game.save(path)
    loaded = Campaign.load(pack, path)
    replay = game.replay()
    assert loaded.fingerprint() == game.fingerprint() == replay.fingerprint()
    assert [r.as_json() for r in loaded.records] == [r.as_json() for r in game.records]
    nxt = [g.end_turn().as_json() for g in (game, loaded, replay)]
    assert nxt[0] == nxt[1] == nxt[2]


def test_save_file_is_json_with_a_version(pack: ContentPack, tmp_path: Path) -> None:
    game = Campaign.new(pack, "juarez-2010", "federal", None, seed=2)
    game.end_turn()
    path = tmp_path / "s.json"
    game.save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data["version"], int)
    assert data["fingerprint"] == game.fingerprint()
    assert not list(tmp_path.glob(".save-*"))  # the temporary file was renamed away
