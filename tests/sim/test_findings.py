"""Each finding the model claims, checked in expectation over seeds against a same-seed baseline.

A few tests also switch the finding's mechanism off through its parameters and check that the
effect then disappears: the finding comes from that mechanism, not from something else.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from game.content import load_content
from game.content.schema import ContentPack, Decision, PlanFile
from game.core import paths
from game.core.calendar import period
from game.play.lab import Simulation

RUNS = 24
SEED = 101


@cache
def pack() -> ContentPack:
    """The shipped content, read once."""
    return load_content(paths.content_root())


def run(scenario: str, role: str = "federal", turns: int = 8, decisions: tuple = (),
        responses: dict[str, str] | None = None, overrides: dict[str, float] | None = None,
        region: str | None = None, runs: int = RUNS) -> Simulation:
    """Run a plan (turn, action, region) over RUNS seeds and return the simulation."""
    plan = PlanFile(
        decision=[Decision(turn=t, action=a, region=r) for t, a, r in decisions],
        responses=responses or {},
    )
    sim = Simulation(pack(), scenario, role, region, SEED, runs, plan, overrides)
    sim.run(turns)
    return sim


def series(sim: Simulation, name: str, region: str | None = None) -> np.ndarray:
    """An indicator over turns, shaped (runs, turns): regional if a region is named."""
    if region is None:
        return np.stack([r.national[name] for r in sim.results], axis=1)
    i = sim.world.region_index(region)
    return np.stack([r.regions[name][:, i] for r in sim.results], axis=1)


def window(sim: Simulation, name: str, region: str | None, first: int, last: int) -> np.ndarray:
    """Sum of an indicator over turns first..last (1-based, inclusive), per run."""
    return series(sim, name, region)[:, first - 1:last].sum(axis=1)


# ---------------------------------------------------------------- F1 -----


def monopoly_gap(overrides: dict[str, float] | None = None) -> float:
    """Mean relative drop in killings when one group holds the whole plaza (same seed, strength).

    Two copies of Tijuana (two groups near 40/40) from the same calibrated start: in one, the
    leader absorbs its rival's strength and territory. Total armed strength is unchanged.
    """
    contested = Simulation(pack(), "national-2018", "federal", None, SEED, RUNS, None, overrides)
    monopoly = Simulation(pack(), "national-2018", "federal", None, SEED, RUNS, None, overrides)
    i = monopoly.world.region_index("tijuana")
    state = monopoly.model.state
    state.strength[:, i, 0] += state.strength[:, i, 1]
    state.territory[:, i, 0] += state.territory[:, i, 1]
    state.strength[:, i, 1] = 0.0
    state.territory[:, i, 1] = 0.0
    state.group_active[:, i, 1] = False
    contested.run(4)
    monopoly.run(4)
    h_c = window(contested, "homicides", "tijuana", 1, 4)
    h_m = window(monopoly, "homicides", "tijuana", 1, 4)
    return float(np.mean(1 - h_m / h_c))


def test_f1_a_monopoly_is_quieter_than_a_contested_plaza() -> None:
    assert monopoly_gap() > 0.25


def test_f1_effect_vanishes_without_the_competition_mechanism() -> None:
    # A monopoly is quieter through competition and through the pacts its winner settles
    # into with local power (the pax of a monopoly): with both off, nothing is left.
    off = {"competition_violence": 0.0, "monopoly_pact": 0.0}
    assert abs(monopoly_gap(off)) < 0.08


# ---------------------------------------------------------------- F2 -----


def election_effect(overrides: dict[str, float] | None = None) -> tuple[float, float]:
    """Relative rise in showy attacks and killings in the 2024 election quarter and after."""
    with_vote = run("national-2018", turns=24, overrides=overrides)
    scenario = pack().scenarios["national-2018"]
    quiet = scenario.model_copy(update={"calendar": [e for e in scenario.calendar
                                                     if e.turn != 23]})
    calm_pack = pack().model_copy(update={"scenarios": {**pack().scenarios,
                                                        "national-2018": quiet}})
    without = Simulation(calm_pack, "national-2018", "federal", None, SEED, RUNS, PlanFile(),
                         overrides)
    without.run(24)
    attacks = window(with_vote, "visible_attacks", None, 23, 24).mean() / max(
        window(without, "visible_attacks", None, 23, 24).mean(), 1)
    killings = window(with_vote, "homicides", None, 23, 24).mean() / window(
        without, "homicides", None, 23, 24).mean()
    return float(attacks - 1), float(killings - 1)


def test_f2_transitions_bring_showy_attacks_and_killings() -> None:
    attacks, killings = election_effect()
    assert attacks > 0.10
    assert killings > 0.02


def test_f2_effect_vanishes_without_transition_shocks() -> None:
    off = {"election_coordination_shock": 0.0, "inauguration_coordination_shock": 0.0,
           "alternation_coordination_shock": 0.0, "campaign_violence_competition": 1.0}
    attacks, killings = election_effect(off)
    assert abs(attacks) < 0.05
    assert abs(killings) < 0.01


# ---------------------------------------------------------------- F3 -----


def army_effect(overrides: dict[str, float] | None = None) -> dict[str, float]:
    """Extra homicides per 100,000 in the first year of a deployment, and other costs."""
    decisions = ((1, "deploy_army", "tierra_caliente"),)
    base = run("national-2018", turns=4, overrides=overrides)
    army = run("national-2018", turns=4, decisions=decisions, overrides=overrides)
    pop = army.world.population[army.world.region_index("tierra_caliente")]

    def diff(name: str) -> float:
        return float(np.mean(window(army, name, "tierra_caliente", 1, 4)
                             - window(base, name, "tierra_caliente", 1, 4)))

    return {
        "rate": diff("homicides") / pop * 1e5,
        "civilians": diff("civilian_deaths"),
        "abuses": diff("abuses"),
        "competition": float(np.mean(series(army, "competition", "tierra_caliente")[:, -1]
                                     - series(base, "competition", "tierra_caliente")[:, -1])),
    }


def test_f3_soldiers_raise_violence_civilian_deaths_and_abuses() -> None:
    effect = army_effect()
    # Espinosa and Rubin (2015): about +11 per 100,000 in the first year.
    assert 4 < effect["rate"] < 25
    assert effect["civilians"] > 0
    assert effect["abuses"] > 20
    assert effect["competition"] > 0


def test_f3_effect_vanishes_without_the_military_mechanism() -> None:
    off = {"military_violence": 0.0, "military_attrition": 0.0, "arrangement_force_break": 0.0,
           "civilian_crossfire": 0.0}
    effect = army_effect(off)
    assert abs(effect["rate"]) < 2


def test_f3_kingpin_capture_raises_violence_35_to_80_percent() -> None:
    # Calderón et al. (2015) +36.5%; Lindo and Padilla-Romo (2018) +80% for a year.
    decisions = ((2, "kingpin_operation", "tierra_caliente"),)
    base = run("national-2018", turns=6)
    capture = run("national-2018", turns=6, decisions=decisions)
    i = capture.world.region_index("tierra_caliente")
    caught = np.zeros(RUNS, dtype=bool)
    for result in capture.results:
        for event in result.events:
            if event.event_id == "capture" and event.region == i:
                caught |= event.runs
    assert caught.sum() >= 8
    ratio = (window(capture, "homicides", "tierra_caliente", 2, 5)
             / window(base, "homicides", "tierra_caliente", 2, 5))[caught]
    assert 1.2 < ratio.mean() < 1.8


# ---------------------------------------------------------------- F4 -----


def test_f4_release_saves_lives_at_a_modest_approval_cost() -> None:
    decisions = ((1, "kingpin_operation", "culiacan"),)
    base = run("culiacan-2019", turns=4)
    hold = run("culiacan-2019", turns=4, decisions=decisions, responses={"capture_siege": "hold"})
    release = run("culiacan-2019", turns=4, decisions=decisions,
                  responses={"capture_siege": "release"})
    sieged = np.zeros(RUNS, dtype=bool)
    for result in release.results:
        for event in result.events:
            if event.event_id == "capture_siege" and event.choice is None:
                sieged |= event.runs
    assert sieged.sum() >= 6
    deaths_hold = window(hold, "homicides", "culiacan", 2, 4)[sieged]
    deaths_release = window(release, "homicides", "culiacan", 2, 4)[sieged]
    assert (deaths_hold - deaths_release).mean() > 50
    approval_cost = (series(base, "approval")[:, 1] - series(release, "approval")[:, 1])[sieged]
    assert 0.01 < approval_cost.mean() < 0.07


# ---------------------------------------------------------------- F5 -----


def showy_attack_cost(overrides: dict[str, float]) -> float:
    """Approval lost when a scripted massacre comes with showy attacks rather than without.

    Both worlds share the seed and the same death toll from the event; only the attacks differ.
    """
    results = []
    for attacks in (0.0, 8.0):
        event = pack().events["foreign_massacre"]
        showy = event.model_copy(update={"effect": event.effect.model_copy(
            update={"attacks": attacks})})
        variant = pack().model_copy(update={"events": {**pack().events,
                                                       "foreign_massacre": showy}})
        sim = Simulation(variant, "national-2018", "federal", None, SEED, RUNS, PlanFile(),
                         overrides)
        sim.run(5)
        results.append(sim)
    quiet, loud = results
    toll_change = series(loud, "homicides").sum() / series(quiet, "homicides").sum() - 1
    assert abs(toll_change) < 0.01  # the same killings: showiness is what differs
    return float(np.mean(series(quiet, "approval")[:, -1] - series(loud, "approval")[:, -1]))


def test_f5_showy_attacks_cost_approval_beyond_their_toll() -> None:
    assert showy_attack_cost({}) > 0.003


def test_f5_effect_vanishes_without_the_attack_cost() -> None:
    off = {"approval_attacks": 0.0, "approval_spectacle": 0.0, "legitimacy_attacks": 0.0}
    assert abs(showy_attack_cost(off)) < 0.001


# ---------------------------------------------------------------- F6 and F7 -----


def integrity_gain(region: str) -> float:
    """Police integrity gained over 8 quarters by shaming colluding officers, as a mayor."""
    base = run("guerrero-2019", role="municipal", region=region, turns=8)
    shaming = run("guerrero-2019", role="municipal", region=region, turns=8,
                  decisions=((1, "anti_collusion", region),))
    return float(np.mean(series(shaming, "police_integrity", region)[:, -1]
                         - series(base, "police_integrity", region)[:, -1]))


def test_f6_shaming_collusion_works_where_communities_are_mobilised() -> None:
    montana, acapulco = integrity_gain("montana"), integrity_gain("acapulco")
    assert montana > 0.05
    assert montana > 2 * acapulco


def test_f7_the_same_deployment_differs_from_place_to_place() -> None:
    effects = {}
    for region in ("montana", "tierra_caliente"):
        base = run("national-2018", turns=4)
        army = run("national-2018", turns=4, decisions=((1, "deploy_army", region),))
        pop = army.world.population[army.world.region_index(region)]
        effects[region] = float(np.mean(window(army, "homicides", region, 1, 4)
                                        - window(base, "homicides", region, 1, 4))) / pop * 1e5
    assert effects["tierra_caliente"] > 3 * max(effects["montana"], 0.1)


# ---------------------------------------------------------------- F8 -----


def test_f8_juarez_falls_for_several_reasons_at_once() -> None:
    mayor = run("juarez-2010", role="municipal", region="juarez", turns=12)
    h = series(mayor, "homicides", "juarez")
    start = mayor.model.state.violence_norm  # calibrated first-quarter level, true killings
    assert start.shape[0] == RUNS
    drop = 1 - h[:, 9:12].mean(axis=1) / h[:, 0]
    assert drop.mean() > 0.4  # about 60% in 2010-2012 (SESNSP); more by INEGI
    causes = {cause: 0.0 for cause in ("competition", "military", "retaliation")}
    for result in mayor.results:
        for cause in causes:
            amount = result.why["homicides"].get(cause)
            if amount is not None:
                causes[cause] += float(amount[:, 0].mean())
    assert causes["competition"] < -50  # the Sinaloa Cartel's victory
    assert causes["military"] < -50  # federal forces withdrawing in 2011


def test_f8_withdrawing_abusive_forces_lowers_violence_and_abuses() -> None:
    base = run("juarez-2010", turns=8)
    withdraw = run("juarez-2010", turns=8, decisions=((1, "withdraw_forces", "juarez"),))
    assert window(withdraw, "homicides", "juarez", 3, 8).mean() < 0.9 * window(
        base, "homicides", "juarez", 3, 8).mean()
    assert window(withdraw, "abuses", "juarez", 2, 8).mean() < 0.3 * window(
        base, "abuses", "juarez", 2, 8).mean()


# ---------------------------------------------------------------- F9 -----


def rebound(overrides: dict[str, float] | None = None) -> float:
    """Mean competition in Juárez 2017-2019 minus its lowest quarter (the peace wearing off)."""
    sim = run("juarez-2010", role="municipal", region="juarez", turns=40, overrides=overrides)
    competition = series(sim, "competition", "juarez").mean(axis=0)
    return float(competition[-8:].mean() - competition.min())


def test_f9_peace_under_a_monopoly_does_not_last() -> None:
    assert rebound() > 0.025


def test_f9_effect_vanishes_without_splinters_and_new_entrants() -> None:
    assert rebound({"splinter_chance": 0.0, "entrant_chance": 0.0}) < 0.01


# ---------------------------------------------------------------- F10 and F11 -----


def test_f10_waiting_migrants_are_kidnapped_and_protection_helps() -> None:
    base = run("national-2018", turns=8)
    kidnappings = series(base, "kidnappings", "tijuana")
    assert kidnappings[:, 4:8].mean() > 1.5 * kidnappings[:, 0].mean()
    protected = run("national-2018", turns=8, decisions=((1, "migrant_protection", "tijuana"),))
    assert window(protected, "kidnappings", "tijuana", 3, 8).mean() < 0.8 * window(
        base, "kidnappings", "tijuana", 3, 8).mean()


def test_f11_guard_on_migration_pleases_washington_not_victims() -> None:
    refuse = {"us_migration_demand": "refuse"}
    base = run("national-2018", turns=11, responses=refuse)
    # Turn 4 is 2019-Q3, the first quarter of the National Guard.
    guard = run("national-2018", turns=11, decisions=((4, "guard_to_migration", None),),
                responses=refuse)
    assert series(guard, "us_pressure")[:, -1].mean() < series(base, "us_pressure")[:, -1].mean()
    border_kidnappings = sum(window(guard, "kidnappings", r, 5, 11) for r in ("tijuana", "juarez"))
    border_base = sum(window(base, "kidnappings", r, 5, 11) for r in ("tijuana", "juarez"))
    assert border_kidnappings.mean() > 1.1 * border_base.mean()
    assert window(guard, "homicides", None, 4, 11).mean() > 0.98 * window(
        base, "homicides", None, 4, 11).mean()


# ---------------------------------------------------------------- F12 -----


def test_f12_amnesty_shrinks_groups_where_there_are_exits() -> None:
    base = run("national-2018", turns=10)
    amnesty = run("national-2018", turns=10, decisions=((1, "amnesty", "guanajuato"),))
    assert series(amnesty, "armed_strength", "guanajuato")[:, -1].mean() < 0.93 * series(
        base, "armed_strength", "guanajuato")[:, -1].mean()


def test_f12_legal_cannabis_shrinks_one_market_and_groups_shift() -> None:
    legal = run("national-2018", turns=12, decisions=((1, "legalize_cannabis", None),))
    state = legal.model.state
    start = Simulation(pack(), "national-2018", "federal", None, SEED, 1, None).model.state
    assert (state.markets[:, :, 0].sum(axis=1) < 0.5 * start.markets[0, :, 0].sum()).all()
    assert (state.markets[:, :, 3].sum(axis=1) > start.markets[0, :, 3].sum()).all()


def test_f12_accountability_cuts_abuses_and_builds_legitimacy() -> None:
    decisions = ((1, "deploy_army", "acapulco"),)
    army = run("national-2018", turns=8, decisions=decisions)
    law = run("national-2018", turns=8, decisions=(*decisions, (1, "hr_accountability", None)))
    assert window(law, "abuses", "acapulco", 3, 8).mean() < 0.6 * window(
        army, "abuses", "acapulco", 3, 8).mean()
    assert series(law, "legitimacy", "acapulco")[:, -1].mean() > series(
        army, "legitimacy", "acapulco")[:, -1].mean()


# ---------------------------------------------------------------- F13 -----


def test_f13_truth_commission_counts_the_hidden_and_can_fail_in_weak_courts() -> None:
    base = run("national-2018", turns=16)
    commission = run("national-2018", turns=16, decisions=((1, "truth_commission", None),))
    assert window(commission, "disappearances", None, 8, 16).mean() < window(
        base, "disappearances", None, 8, 16).mean()
    assert window(commission, "homicides", None, 8, 16).mean() > window(
        base, "homicides", None, 8, 16).mean() * 0.99
    setbacks = sum(int(e.runs.sum()) for r in commission.results for e in r.events
                   if e.event_id == "commission_setback")
    assert setbacks >= 3


# ---------------------------------------------------------------- F14 -----


def test_f14_local_police_building_is_slow_and_lasting() -> None:
    base = run("national-2018", turns=16)
    police = run("national-2018", turns=16, decisions=((1, "fund_local_police", "acapulco"),))
    gain = (series(police, "police_integrity", "acapulco")
            - series(base, "police_integrity", "acapulco")).mean(axis=0)
    assert abs(gain[:3]).max() < 1e-9  # nothing before the delay
    assert gain[-1] > 0.1
    assert window(police, "homicides", "acapulco", 10, 16).mean() < window(
        base, "homicides", "acapulco", 10, 16).mean()


# ---------------------------------------------------------------- F15 -----


@cache
def no_new_policy(scenario: str, role: str, city: str | None, turns: int) -> Simulation:
    """The same eight worlds with no decision (one for all the interventions compared)."""
    return run(scenario, role=role, region=city, turns=turns, runs=8)


def costs_of(action_id: str) -> dict[str, bool]:
    """Which outcomes an intervention makes worse than the same-seed world without it."""
    spec = pack().interventions[action_id]
    if "federal" in spec.roles:
        scenario, role, city = "national-2018", "federal", None
        region = None if spec.scope == "national" else (
            "juarez" if action_id in ("migrant_protection", "withdraw_forces") else "acapulco")
    else:
        scenario, role, city = "juarez-2010", "municipal", "juarez"
        region = "juarez"
    setup = pack().scenarios[scenario]
    first = next(t for t in range(1, 40)  # the Guard's cards exist from 2019-Q3
                 if spec.date_problem(period(setup.start_year, setup.start_quarter, t)) is None)
    base = no_new_policy(scenario, role, city, 7 + first)
    policy = run(scenario, role=role, region=city, turns=7 + first, runs=8,
                 decisions=((first, action_id, region),))

    def mean(sim: Simulation, name: str, place: str | None = None) -> float:
        return float(series(sim, name, place).mean())

    place = region or sim_region(policy)
    return {
        "political capital": mean(policy, "capital") < mean(base, "capital"),
        "killings": mean(policy, "true_homicides") > mean(base, "true_homicides"),
        "approval": mean(policy, "approval") < mean(base, "approval"),
        "kidnappings": mean(policy, "kidnappings") > mean(base, "kidnappings"),
        "abuses": mean(policy, "abuses") > mean(base, "abuses"),
        "trust": mean(policy, "legitimacy", place) < mean(base, "legitimacy", place),
        "police integrity": mean(policy, "police_integrity", place) < mean(
            base, "police_integrity", place),
        "armed groups": mean(policy, "armed_strength", place) > mean(
            base, "armed_strength", place),
    }


def sim_region(sim: Simulation) -> str:
    """The most populous region (where a national policy is felt most)."""
    return sim.world.region_ids[int(np.argmax(sim.world.population))]


@pytest.mark.parametrize("action_id", sorted(load_content(paths.content_root()).interventions))
def test_f15_every_choice_has_a_cost_beyond_its_price(action_id: str) -> None:
    costs = costs_of(action_id)
    assert any(costs.values()), f"{action_id} makes nothing worse: {costs}"


# ---------------------------------------------------------------- F16 -----


def test_f16_the_national_scenario_starts_near_the_record() -> None:
    sim = run("national-2018", turns=4)
    first_year = window(sim, "homicides", None, 1, 4)
    assert 32_000 < first_year.mean() < 40_000
