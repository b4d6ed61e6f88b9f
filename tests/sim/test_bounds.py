"""Property tests: random valid plans over 40 quarters keep every value finite and in bounds.

For every scenario and role, hypothesis draws batches of plans (actions the role may take, in
regions it may act in, on turns 1-40, some of them stops) with standing dilemma answers, plays
each plan in its own two worlds of one model (the runs dimension: each plan's commands and
answers apply to its runs only, through THE plan loop), and checks every reported value.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content import load_content
from game.content.schema import ContentPack, Decision, PlanFile, Role
from game.core.paths import content_root
from game.play.lab import Simulation
from game.play.plan import Plan, play
from game.sim.lab import Lab, Worlds
from game.sim.model import TurnResult

PACK: ContentPack = load_content(content_root())
TURNS = 40
PLANS_PER_BATCH = 6
WORLDS_PER_PLAN = 2

COUNTS = ("homicides", "true_homicides", "disappearances", "visible_attacks", "civilian_deaths",
          "kidnappings", "abuses")
NON_NEGATIVE = (*COUNTS, "homicide_rate", "migrants", "army", "guard", "armed_strength",
                "revenue")
SHARES = ("legitimacy", "competition", "police_integrity", "judicial_integrity",
          "police_capacity", "coordination", "arrangements", "mobilisation", "opportunity",
          "mayor_approval")
NATIONAL_SHARES = ("approval", "us_pressure")


def combos() -> list[tuple[str, str]]:
    """(scenario, role) for every role every shipped scenario lists."""
    return [(sid, role) for sid, scenario in sorted(PACK.scenarios.items())
            for role in scenario.roles]


Batch = tuple[str | None, list[PlanFile], int]


@st.composite
def batches(draw: st.DrawFn, scenario_id: str, role: str) -> Batch:
    """A mayor's city (if municipal), random valid plans for the role sharing one set of
    standing dilemma answers, and the first seed."""
    scenario = PACK.scenarios[scenario_id]
    region = (draw(st.sampled_from(scenario.roles["municipal"].regions))
              if role == "municipal" else None)
    actions = [a for a in PACK.interventions.values() if role in a.roles]
    targets = [region] if region else [r.id for r in scenario.regions]
    responses = {}
    for event in PACK.events.values():
        if event.choices and role in event.roles and draw(st.booleans()):
            responses[event.id] = draw(st.sampled_from([c.id for c in event.choices]))
    plans = []
    for _ in range(PLANS_PER_BATCH):
        decisions = []
        for _ in range(draw(st.integers(0, 14))):
            action = draw(st.sampled_from(actions))
            decisions.append(Decision(
                turn=draw(st.integers(1, TURNS)),
                action=action.id,
                region=draw(st.sampled_from(targets)) if action.scope == "region" else None,
                stop=draw(st.integers(0, 4)) == 0,  # one decision in five stops an action
            ))
        plans.append(PlanFile(decision=decisions, responses=responses))
    return region, plans, draw(st.integers(0, 2**31 - 1))


def play_batch(scenario_id: str, role: Role, batch: Batch,
               overrides: dict[str, float] | None = None) -> Lab:
    """Play every plan of a batch in its own worlds of one lab for TURNS quarters, checking
    each quarter's result."""
    region, plans, seed = batch
    lab = Lab(PACK, scenario_id, role, region, seed, WORLDS_PER_PLAN * len(plans), overrides)
    slices = []
    for k, plan_file in enumerate(plans):
        runs = np.zeros(lab.model.state.runs, dtype=bool)
        runs[k * WORLDS_PER_PLAN:(k + 1) * WORLDS_PER_PLAN] = True
        slices.append((Worlds(lab.model, runs), Plan.from_file(plan_file)))
    for _ in range(TURNS):
        for worlds, plan in slices:
            play(worlds, plan, lab.turn, enter_next=True)
        check_result(lab.resolve_quarter())
    assert lab.turn == TURNS
    return lab


def _offenders(where: str, named: dict[str, np.ndarray], names: Any, ok: Any) -> None:
    """Assert `ok(values)` holds everywhere for each name, checking them all in one array
    first (a few hundred checks a quarter) and naming the first name that fails."""
    stacked = np.stack([np.asarray(named[name], float) for name in names])
    if not np.all(ok(stacked)):
        for name in names:
            assert np.all(ok(np.asarray(named[name], float))), (where, name, named[name])


def check_result(result: TurnResult) -> None:
    """Every value finite, counts and strengths >= 0, shares in [0, 1], territories <= 1, and
    every cause's amount (event by event too) finite: everything a record exports."""
    where = f"turn {result.turn}"
    _offenders(where, result.regions, list(result.regions), np.isfinite)
    _offenders(where, result.regions, NON_NEGATIVE, lambda v: v >= 0)
    _offenders(where, result.regions, SHARES, lambda v: (v >= 0) & (v <= 1))
    _offenders(where, result.national, list(result.national), np.isfinite)
    _offenders(where, result.national, COUNTS, lambda v: v >= 0)
    _offenders(where, result.national, NATIONAL_SHARES, lambda v: (v >= 0) & (v <= 1))
    assert np.all((result.national["capital"] >= 0) & (result.national["capital"] <= 100))
    strength, territory = result.groups_strength, result.groups_territory
    assert strength is not None and territory is not None
    assert np.all(np.isfinite(strength)) and np.all(strength >= 0), (where, strength)
    assert np.all(np.isfinite(territory)) and np.all(territory >= 0), (where, territory)
    assert np.all(territory.sum(axis=2) <= 1 + 1e-9), (where, territory.sum(axis=2))
    amounts = {f"{indicator} <- {cause}": np.ravel(amount)
               for ledger in (result.why, result.why_events)
               for indicator, causes in ledger.items() for cause, amount in causes.items()}
    if amounts and not np.all(np.isfinite(np.concatenate(list(amounts.values())))):
        for name, amount in amounts.items():
            assert np.all(np.isfinite(amount)), (where, name)


def check_json(run: dict[str, Any]) -> None:
    """The exported record is strict JSON (no NaN or Infinity) and keeps its shares in [0, 1]."""
    json.dumps(run, allow_nan=False)
    for turn in run["turns"]:
        for values in turn["regions"].values():
            assert 0 <= values["legitimacy"] <= 1 and 0 <= values["police_integrity"] <= 1
        assert 0 <= turn["national"]["approval"] <= 1


@pytest.mark.parametrize("scenario_id, role", combos())
def test_random_plans_stay_in_bounds(scenario_id: str, role: Role) -> None:
    """Three batches of six plans (18 plans, 36 worlds) per scenario and role.

    check_result sees every value of every world each quarter; the exported record (the
    same values rounded, so just as finite) is checked for one plan of each batch: building
    and encoding it for all 18 plans took longer than playing them.
    """
    @settings(max_examples=3, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(batch=batches(scenario_id, role))
    def run(batch: Batch) -> None:
        lab = play_batch(scenario_id, role, batch)
        check_json(lab.run_json(1))

    run()


def test_a_plan_in_a_batch_plays_as_it_does_alone() -> None:
    """The batch is honest: a plan's worlds in a batch are the worlds it makes on its own, its
    own answers to the dilemmas included."""
    scenario_id = "juarez-2010"
    dilemmas = [e for e in PACK.events.values() if e.choices and "federal" in e.roles]
    plans = [PlanFile(decision=[Decision(turn=2, action="deploy_army", region="juarez")]),
             PlanFile(decision=[Decision(turn=1, action="social_programs")]),
             # Two games answering every dilemma differently, side by side in one model: the
             # first against each default, the second (answering after it) with it.
             PlanFile(responses={e.id: next(c.id for c in e.choices if c.id != e.default_choice)
                                 for e in dilemmas}),
             PlanFile(responses={e.id: e.default_choice or e.choices[0].id for e in dilemmas})]
    batch = play_batch(scenario_id, "federal", (None, plans, 7))
    for k, plan in enumerate(plans):
        alone = Simulation(PACK, scenario_id, "federal", None, 7 + WORLDS_PER_PLAN * k,
                           WORLDS_PER_PLAN, plan)
        alone.run(TURNS)
        for w in range(WORLDS_PER_PLAN):
            assert alone.run_json(w)["turns"] == \
                batch.run_json(k * WORLDS_PER_PLAN + w)["turns"]


def test_every_combination_is_covered() -> None:
    """Both roles appear, and every shipped scenario is exercised."""
    pairs = combos()
    assert {s for s, _ in pairs} == set(PACK.scenarios)
    assert {r for _, r in pairs} == {"federal", "municipal"}


@st.composite
def parameter_sets(draw: st.DrawFn) -> dict[str, float]:
    """Every coefficient at a random value inside its documented range, often at an edge."""
    values = {}
    for pid, param in sorted(PACK.parameters.items()):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            values[pid] = param.min
        elif kind == 1:
            values[pid] = param.max
        else:
            values[pid] = draw(st.floats(param.min, param.max, allow_nan=False))
    return values


@pytest.mark.parametrize("scenario_id, role", combos())
def test_every_in_range_parameter_combination_stays_finite(scenario_id: str, role: str) -> None:
    """Issue 12 item 4: e.g. retaliation_feedback=0.6 with retaliation_memory=0.9 ran to NaN."""
    scenario = PACK.scenarios[scenario_id]
    region = scenario.roles["municipal"].regions[0] if role == "municipal" else None

    @settings(max_examples=8, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(overrides=parameter_sets(), seed=st.integers(0, 2**31 - 1))
    def run(overrides: dict[str, float], seed: int) -> None:
        sim = Simulation(PACK, scenario_id, role, region, seed, 2, PlanFile(),  # type: ignore[arg-type]
                         overrides)
        for result in sim.run(TURNS):
            check_result(result)
        check_json(sim.run_json(0))

    run()


def test_the_reported_revenge_loop_runs_to_the_end() -> None:
    """The combination issue 12 reported stays finite for 40 quarters on national-2018."""
    sim = Simulation(PACK, "national-2018", "federal", None, 1, 2, PlanFile(),
                     {"retaliation_feedback": 0.6, "retaliation_memory": 0.9,
                      "retaliation_violence": 2.0})
    for result in sim.run(TURNS):
        check_result(result)
