"""Exact effects: the same world with no new policy and without each decision, side by side.

Checks that the baseline carried beside a game is the world of a plain run with the same
seed, that each decision's effect is the world without it (a game replayed without that
line), and that decisions plus their interaction add up to played minus baseline exactly.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from game_process import run_game

from game.content import load_content
from game.content.loader import load_plan
from game.content.schema import ContentPack, PlanFile
from game.core.paths import content_root
from game.play.campaign import Campaign
from game.play.plan import Plan, play

PLANS = Path(__file__).resolve().parents[1] / "golden" / "plans"
CASES = [
    ("juarez-2010", "municipal", "juarez-mayor.toml", 16),
    ("national-2018", "federal", "national.toml", 12),
    ("culiacan-2019", "federal", "culiacan-hold.toml", 8),
    ("guerrero-2019", "federal", "guerrero-federal.toml", 10),
]


@pytest.fixture(scope="module")
def pack() -> ContentPack:
    return load_content(content_root())


def simulate(*args: str) -> dict[str, Any]:
    proc = run_game("simulate", *args)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.parametrize(("scenario", "role", "plan", "turns"), CASES)
def test_the_baseline_is_the_plain_run_of_the_same_seed(scenario: str, role: str, plan: str,
                                                         turns: int) -> None:
    common = ["--scenario", scenario, "--role", role, "--seed", "5", "--turns", str(turns)]
    played = simulate(*common, "--plan", str(PLANS / plan))
    plain = simulate(*common)
    for mine, theirs in zip(played["turns"], plain["turns"], strict=True):
        assert mine["baseline"] == {"regions": theirs["regions"], "national": theirs["national"]}


@pytest.mark.parametrize(("scenario", "role", "plan", "turns"), CASES)
def test_decisions_and_interaction_add_up_to_played_minus_baseline(
        scenario: str, role: str, plan: str, turns: int) -> None:
    data = simulate("--scenario", scenario, "--role", role, "--seed", "8", "--turns",
                    str(turns), "--plan", str(PLANS / plan), "--runs", "2")
    moved = 0
    for run in data["runs"]:
        for turn in run["turns"]:
            effects = turn["effects"]
            assert all(d["turn"] <= turn["turn"] for d in effects["decisions"])
            for place, values in turn["regions"].items():
                for name, value in values.items():
                    parts = [d["regions"][place][name] for d in effects["decisions"]]
                    total = value - turn["baseline"]["regions"][place][name]
                    rest = effects["interaction"]["regions"][place][name]
                    assert sum(parts) + rest == pytest.approx(total, abs=1e-9), (place, name)
                    moved += any(p != 0 for p in parts)
            for name, value in turn["national"].items():
                parts = [d["national"][name] for d in effects["decisions"]]
                total = value - turn["baseline"]["national"][name]
                assert sum(parts) + effects["interaction"]["national"][name] == pytest.approx(
                    total, abs=1e-9)
    assert moved > 0, "no decision moved anything: the check would pass vacuously"


def test_a_decisions_effect_is_the_game_replayed_without_it(pack: ContentPack) -> None:
    """The run carried without decision k equals the same game played again without k."""
    game = Campaign.new(pack, "national-2018", "federal", None, 3)
    plan = Plan.from_file(_plan(pack))
    play(game, plan, 10)
    effects = game.records[-1].effects
    assert effects is not None
    enacted = [d for d in effects["decisions"] if d["verb"] != "answer"]  # answers: dilemmas
    assert len(enacted) == len(plan.steps)
    for k, decision in enumerate(enacted):
        other = Campaign.new(pack, "national-2018", "federal", None, 3)
        play(other, Plan([s for n, s in enumerate(plan.steps) if n != k], plan.responses), 10)
        mine = game.records[-1]
        for place, values in mine.regions.items():
            for name in ("homicides", "legitimacy", "abuses", "police_integrity"):
                own = decision["regions"][place][name]
                assert own == pytest.approx(values[name] - other.records[-1].regions[place][name],
                                            abs=1e-9), (k, place, name)


def test_the_games_own_baseline_equals_the_replayed_one(pack: ContentPack) -> None:
    game = Campaign.new(pack, "juarez-2010", "municipal", "juarez", 12)
    play(game, Plan.from_file(_mayor_plan(pack)), 8)
    base = game.baseline()
    for mine, theirs in zip(game.records, base.records, strict=True):
        assert mine.baseline == {"regions": theirs.regions, "national": theirs.national}


def _plan(pack: ContentPack) -> PlanFile:
    return load_plan(PLANS / "national.toml", pack, "national-2018", "federal")


def _mayor_plan(pack: ContentPack) -> PlanFile:
    return load_plan(PLANS / "juarez-mayor.toml", pack, "juarez-2010", "municipal", "juarez")
