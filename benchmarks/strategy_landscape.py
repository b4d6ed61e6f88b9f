"""Print the strategy landscape: many plans per scenario and role against the same-seed world.

    python benchmarks/strategy_landscape.py                 # 200 seeds, every scenario and role
    python benchmarks/strategy_landscape.py --quick         # 40 seeds, a smaller search
    python benchmarks/strategy_landscape.py --only juarez-2010

For every scenario and role (each mayor's city), a set of plans (nothing, each single card,
everything, mixed, militarised, de-escalation, looking the other way, and the best plan a
greedy search over card sets finds) is played over the same seeds as the no-new-policy world.
Each row gives the mean paired difference against that world: killings over the term and over
40 quarters (true killings, the hidden included), trust and approval at the end of the term,
civilian deaths and abuses over the term, and what the plan spent (money over the term and
political capital). A plan that beats the baseline on every measure while costing nothing is
flagged FREE (F15 says there should be none); one that beats it on every outcome at some cost
is flagged "dominant".
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.content import load_content
from game.content.schema import ContentPack, Decision, PlanFile
from game.core.paths import content_root
from game.play.lab import Simulation
from game.sim.commands import upkeep

LONG_RUN = 40
Card = tuple[str, str | None]
"""An intervention and its region (None for a national one)."""


@dataclass
class Outcome:
    """Per-seed outcomes of one plan (arrays over seeds) and what it spent."""

    term_killings: np.ndarray
    long_killings: np.ndarray
    trust: np.ndarray
    approval: np.ndarray
    civilians: np.ndarray
    abuses: np.ndarray
    money: np.ndarray
    capital: np.ndarray
    enacted: int


MEASURES = ("term_killings", "long_killings", "trust", "approval", "civilians", "abuses")
HIGHER_IS_BETTER = {"trust", "approval"}


@dataclass(frozen=True)
class Setup:
    """One scenario, role and (for a mayor) city."""

    scenario: str
    role: str
    city: str | None

    @property
    def label(self) -> str:
        """How the table names it."""
        return f"{self.scenario} {self.role}" + (f" ({self.city})" if self.city else "")


def setups(pack: ContentPack, only: str | None) -> list[Setup]:
    """Every scenario and role, each mayor's city separately."""
    found = []
    for sid, scenario in sorted(pack.scenarios.items()):
        if only and sid != only:
            continue
        for role, role_setup in sorted(scenario.roles.items()):
            cities: list[str | None] = list(role_setup.regions) if role == "municipal" else [None]
            found += [Setup(sid, role, city) for city in cities]
    return found


def cards(pack: ContentPack, setup: Setup) -> list[Card]:
    """Every (intervention, region) the role can choose in this scenario."""
    scenario = pack.scenarios[setup.scenario]
    regions = [setup.city] if setup.city else [r.id for r in scenario.regions]
    found: list[Card] = []
    for action in pack.interventions.values():
        if setup.role not in action.roles:
            continue
        if action.scope == "national":
            found.append((action.id, None))
        else:
            found += [(action.id, region) for region in regions]
    return found


def focus(pack: ContentPack, setup: Setup) -> str:
    """The region a named plan acts in: the mayor's city, else the most violent big region."""
    if setup.city:
        return setup.city
    scenario = pack.scenarios[setup.scenario]
    playable = [r for r in scenario.regions if r.playable]
    return max(playable, key=lambda r: r.population * r.homicide_rate).id


def run_plan(pack: ContentPack, setup: Setup, plan: list[Card], seeds: int,
             turns: int) -> Outcome:
    """Play a plan (every card enacted on turn 1) over `seeds` seeds for `turns` quarters."""
    file = PlanFile(decision=[Decision(turn=1, action=a, region=r) for a, r in plan])
    sim = Simulation(pack, setup.scenario, setup.role, setup.city, 1, seeds, file)  # type: ignore[arg-type]
    sim.run(turns)
    world, model = sim.world, sim.model
    term = world.turns_in_term
    weights = world.population / world.population.sum()
    end = sim.results[min(term, turns) - 1]
    city = None if setup.city is None else world.region_index(setup.city)

    def total(name: str, last: int) -> np.ndarray:
        return np.sum([r.national[name] for r in sim.results[:last]], axis=0)

    trust = (end.regions["legitimacy"][:, city] if city is not None
             else end.regions["legitimacy"] @ weights)
    approval = (end.regions["mayor_approval"][:, city] if city is not None
                else end.national["approval"])
    money = np.sum([upkeep(model, t) for t in range(1, term + 1)], axis=0)
    capital = np.zeros(seeds)
    for item in model.state.agenda:
        if not item.free and item.seat == 0:
            capital += pack.interventions[item.action].cost.capital * item.runs
    return Outcome(total("true_homicides", term), total("true_homicides", turns), trust,
                   approval, total("civilian_deaths", term), total("abuses", term), money,
                   capital, len(plan) - len({s.what for s in sim.skipped}))


def differences(plan: Outcome, base: Outcome) -> dict[str, float]:
    """Mean paired differences (plan minus baseline) and what the plan spent."""
    diff = {name: float(np.mean(getattr(plan, name) - getattr(base, name)))
            for name in MEASURES}
    diff["money"] = float(np.mean(plan.money))
    diff["capital"] = float(np.mean(plan.capital))
    return diff


def better(diff: dict[str, float], name: str) -> bool:
    """Whether a plan beats the baseline on a measure (strictly, in the mean)."""
    value = diff[name]
    return value > 1e-9 if name in HIGHER_IS_BETTER else value < -1e-9


def flags(diff: dict[str, float]) -> str:
    """FREE: better on every measure at no cost; dominant: better on every outcome."""
    if all(better(diff, name) for name in MEASURES):
        costless = diff["money"] <= 1e-9 and diff["capital"] <= 1e-9
        return "FREE" if costless else "dominant"
    return ""


def score(diff: dict[str, float], base: Outcome) -> float:
    """What the search maximises: measures beaten first, then lives saved over the term."""
    beaten = sum(better(diff, name) for name in MEASURES)
    saved = -diff["term_killings"] / max(float(np.mean(base.term_killings)), 1.0)
    return beaten + saved


def search(pack: ContentPack, setup: Setup, seeds: int, turns: int, rounds: int) -> list[Card]:
    """Greedy search over card sets: add the card that most improves the score, until none does.

    Played over fewer seeds and the term only, against its own same-seed baseline.
    """
    base = run_plan(pack, setup, [], seeds, turns)
    chosen: list[Card] = []
    best = score(differences(base, base), base)
    options = cards(pack, setup)
    for _ in range(rounds):
        trials = []
        for card in options:
            if card in chosen:
                continue
            outcome = run_plan(pack, setup, [*chosen, card], seeds, turns)
            if outcome.enacted < len(chosen) + 1:
                continue  # the set does not fit the budget or the capital
            trials.append((score(differences(outcome, base), base), card))
        if not trials:
            break
        value, card = max(trials)
        if value <= best + 1e-6:
            break
        best, chosen = value, [*chosen, card]
    return chosen


def named_plans(pack: ContentPack, setup: Setup) -> dict[str, list[Card]]:
    """Nothing, each single card, everything, and the named strategies."""
    here = focus(pack, setup)
    plans: dict[str, list[Card]] = {"nothing": []}
    for action, region in cards(pack, setup):
        plans[f"{action}" + (f" @{region}" if region and not setup.city else "")] = [
            (action, region)]
    national = [(a.id, None) for a in pack.interventions.values()
                if setup.role in a.roles and a.scope == "national"]
    local = [(a.id, here) for a in pack.interventions.values()
             if setup.role in a.roles and a.scope == "region"]
    plans["everything"] = [*national, *local]
    if setup.role == "federal":
        plans["mixed"] = [("social_programs", here), ("fund_local_police", here),
                          ("hr_accountability", None), ("truth_commission", None)]
        plans["militarised"] = [("deploy_army", here), ("deploy_guard", here),
                                ("kingpin_operation", here)]
        plans["de-escalation"] = [("withdraw_forces", here), ("amnesty", here),
                                  ("social_programs", here)]
    else:
        plans["mixed"] = [("community_policing", here), ("local_social_programs", here),
                          ("civic_alliances", here)]
        plans["militarised"] = [("request_federal_support", here), ("vet_police", here)]
        plans["de-escalation"] = [("civic_alliances", here), ("community_policing", here)]
        plans["look the other way"] = [("tolerate", here)]
        plans["look away + programs"] = [("tolerate", here), ("local_social_programs", here),
                                         ("civic_alliances", here)]
    return plans


def row(name: str, diff: dict[str, float], base: Outcome, enacted: int, size: int) -> str:
    """One line of the table."""
    def pct(value: float, reference: np.ndarray) -> str:
        return f"{value / max(float(np.mean(reference)), 1.0) * 100:+6.1f}%"

    fit = "" if enacted == size else f" ({enacted}/{size} fit)"
    return (f"  {name[:34]:34} {pct(diff['term_killings'], base.term_killings)} "
            f"{pct(diff['long_killings'], base.long_killings)} {diff['trust'] * 100:+6.1f} "
            f"{diff['approval'] * 100:+6.1f} {pct(diff['civilians'], base.civilians)} "
            f"{diff['abuses']:+7.0f} {diff['money'] / 1000:7.1f} {diff['capital']:5.0f}  "
            f"{flags(diff)}{fit}")


def main() -> int:
    """Print the landscape."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=200)
    parser.add_argument("--quick", action="store_true", help="40 seeds and a short search")
    parser.add_argument("--only", help="one scenario id")
    parser.add_argument("--no-search", action="store_true", help="skip the greedy search")
    args = parser.parse_args()
    seeds = 40 if args.quick else args.seeds
    search_seeds, rounds = (20, 3) if args.quick else (60, 5)
    pack = load_content(content_root())
    started = time.perf_counter()
    print(f"Plaza strategy landscape: {seeds} seeds per plan, against the same-seed world with "
          f"no new policy; killings are true killings (hidden included)")
    print("  differences: killings in % of the baseline's, trust and approval in points at the "
          "end of the term, abuses in complaints; spending in billion pesos over the term and "
          "capital points")
    free_found = []
    for setup in setups(pack, args.only):
        term = pack.scenarios[setup.scenario].roles[setup.role].turns  # type: ignore[index]
        base = run_plan(pack, setup, [], seeds, LONG_RUN)
        print(f"\n{setup.label}: baseline over the term ({term} quarters) "
              f"{np.mean(base.term_killings):,.0f} killed, over {LONG_RUN} quarters "
              f"{np.mean(base.long_killings):,.0f}; trust {np.mean(base.trust):.2f}, approval "
              f"{np.mean(base.approval):.2f}, civilians {np.mean(base.civilians):,.0f}, abuses "
              f"{np.mean(base.abuses):,.0f}")
        print(f"  {'plan':34} {'term':>7} {'40 q':>7} {'trust':>6} {'appr':>6} {'civil':>7} "
              f"{'abuses':>7} {'money':>7} {'cap':>5}")
        plans = named_plans(pack, setup)
        if not args.no_search:
            found = search(pack, setup, search_seeds, term, rounds)
            plans["best found: " + " + ".join(a for a, _ in found)] = found
        for name, plan in plans.items():
            if not plan:
                continue
            outcome = run_plan(pack, setup, plan, seeds, LONG_RUN)
            diff = differences(outcome, base)
            print(row(name, diff, base, outcome.enacted, len(plan)))
            if flags(diff) == "FREE":
                free_found.append(f"{setup.label}: {name}")
    print(f"\nplans flagged FREE (better on every measure at no cost): "
          f"{', '.join(free_found) if free_found else 'none'}")
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
