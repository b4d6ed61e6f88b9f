"""The policy lab: the same percentiles as the simulator, and a lab never touches the game."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from game_process import run_game

from game.content import load_content
from game.content.loader import load_plan
from game.content.schema import ContentPack
from game.core.paths import content_root
from game.play.campaign import Campaign
from game.play.plan import Plan
from game.play.policy_lab import PolicyLab

PLAN = Path(__file__).resolve().parents[1] / "golden" / "plans" / "national.toml"


@pytest.fixture(scope="module")
def pack() -> ContentPack:
    return load_content(content_root())


def test_the_labs_percentiles_are_the_simulators(pack: ContentPack) -> None:
    plan = load_plan(PLAN, pack, "national-2018", "federal")
    lab = PolicyLab(pack, "national-2018", "federal", None, 30, 40, Plan.from_file(plan), 8)
    outcome = lab.run()
    proc = run_game("simulate", "--scenario", "national-2018", "--seed", "30", "--runs", "40",
                    "--turns", "8", "--plan", PLAN, "--format", "summary")
    assert proc.returncode == 0, proc.stderr
    rows = [line for line in proc.stdout.splitlines() if line[:4].isdigit()]
    assert len(rows) == 8 == len(outcome.periods)
    fan = outcome.plan["homicides"]
    for k, row in enumerate(rows):
        shown = row.split("  ")[1:]
        cell = next(c for c in shown if c.strip())
        expected = f"{fan.p10[k]:,.0f} / {fan.p50[k]:,.0f} / {fan.p90[k]:,.0f}"
        assert cell.strip() == expected


def test_no_new_policy_in_the_lab_is_a_lab_with_no_plan(pack: ContentPack) -> None:
    plan = load_plan(PLAN, pack, "national-2018", "federal")
    with_plan = PolicyLab(pack, "national-2018", "federal", None, 3, 20, Plan.from_file(plan),
                          6).run()
    nothing = PolicyLab(pack, "national-2018", "federal", None, 3, 20, Plan(), 6).run()
    assert with_plan.baseline["homicides"].p50 == nothing.plan["homicides"].p50
    assert np.all(nothing.lives_saved == 0) and nothing.chance_better == 0.0
    assert with_plan.lives_saved.shape == (20,) and np.any(with_plan.lives_saved != 0)
    csv = with_plan.to_csv().splitlines()
    assert len(csv) == 7 and csv[0].startswith("period,homicides_plan_p10")


def test_a_cancelled_lab_leaves_the_game_as_it_was(pack: ContentPack) -> None:
    game = Campaign.new(pack, "juarez-2010", "municipal", "juarez", 8)
    game.enact("vet_police", "juarez")
    game.end_turn()
    before = (game.fingerprint(), list(game.decisions), game.turn)
    lab = PolicyLab(pack, "juarez-2010", "municipal", "juarez", 8, 200, game.own_plan(), 12)
    assert lab.step() and 0 < lab.progress < 1
    lab.cancel()
    assert lab.done and not lab.step()
    assert (game.fingerprint(), list(game.decisions), game.turn) == before


def test_a_lab_split_across_processes_finds_the_same_worlds(pack: ContentPack) -> None:
    plan = Plan.from_file(load_plan(PLAN, pack, "national-2018", "federal"))
    whole = PolicyLab(pack, "national-2018", "federal", None, 11, 24, plan, 5, parts=1).run()
    split = PolicyLab(pack, "national-2018", "federal", None, 11, 24, plan, 5, parts=3)
    assert [runs for _, runs in split.shares] == [8, 8, 8]
    outcome = split.run()
    assert np.array_equal(outcome.lives_saved, whole.lives_saved)
    for name in whole.plan:
        assert outcome.plan[name].p50 == whole.plan[name].p50
        assert outcome.baseline[name].p90 == whole.baseline[name].p90
    cancelled = PolicyLab(pack, "national-2018", "federal", None, 11, 24, plan, 5, parts=2)
    cancelled.step()
    cancelled.cancel()
    assert cancelled.done and cancelled.outcome().lives_saved.shape == (12,)


def test_a_summary_split_across_processes_prints_the_same(monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    import game.play.parts as parts

    args = ("simulate", "--scenario", "national-2018", "--seed", "4", "--runs", "40",
            "--turns", "5", "--plan", PLAN, "--format", "summary", "--out")
    monkeypatch.setattr(parts, "MIN_RUNS_PER_PART", 10)
    assert run_game(*args, tmp_path / "split.txt").returncode == 0
    monkeypatch.setattr(parts, "MIN_RUNS_PER_PART", 10**9)
    assert run_game(*args, tmp_path / "whole.txt").returncode == 0
    split, whole = ((tmp_path / name).read_text() for name in ("split.txt", "whole.txt"))
    assert split == whole and "40 runs (seeds 4 to 43)" in whole
