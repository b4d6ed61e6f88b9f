"""The Why? ledger: causes add up exactly to each indicator's change, in every run."""

from __future__ import annotations

import numpy as np
import pytest

from game.content import load_content
from game.content.schema import Decision, PlanFile
from game.core import paths
from game.play.lab import Simulation
from game.sim.causes import findings_of

BOUNDED = ("legitimacy", "police_integrity", "judicial_integrity", "coordination",
           "opportunity", "arrangements", "competition")


@pytest.fixture(scope="module")
def sim() -> Simulation:
    """A busy national game: captures, troops, programs, a commission."""
    plan = PlanFile(decision=[
        Decision(turn=1, action="kingpin_operation", region="culiacan"),
        Decision(turn=1, action="deploy_army", region="guanajuato"),
        Decision(turn=2, action="social_programs", region="acapulco"),
        Decision(turn=3, action="truth_commission"),
        Decision(turn=4, action="withdraw_forces", region="tierra_caliente"),
    ])
    simulation = Simulation(load_content(paths.content_root()), "national-2018", "federal",
                            None, 5, 12, plan)
    simulation.run(10)
    return simulation


@pytest.mark.parametrize("indicator", ["homicides", "kidnappings", *BOUNDED])
def test_causes_add_up_to_the_change(sim: Simulation, indicator: str) -> None:
    previous = None
    for result in sim.results:
        current = result.regions[indicator]
        if previous is not None:
            explained = sum(result.why[indicator].values())
            assert np.allclose(explained, current - previous, atol=1e-6), result.turn
        previous = current


def test_approval_causes_add_up(sim: Simulation) -> None:
    for before, after in zip(sim.results, sim.results[1:], strict=False):
        explained = sum(after.why["approval"].values())
        assert np.allclose(explained, after.national["approval"] - before.national["approval"],
                           atol=1e-9)


def test_every_cause_names_known_findings(sim: Simulation) -> None:
    findings = set(load_content(paths.content_root()).findings)
    for result in sim.results:
        for causes in result.why.values():
            for cause in causes:
                assert set(findings_of(cause)) <= findings
