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


def test_each_event_is_credited_with_its_own_findings(sim: Simulation) -> None:
    """The cause "event" splits event by event, and each event names its own findings."""
    events = load_content(paths.content_root()).events
    seen = 0
    for result in sim.results:
        for indicator, by_event in result.why_events.items():
            total = sum(by_event.values())
            assert np.allclose(total, result.why[indicator]["event"], atol=1e-9)
            seen += len(by_event)
        for record in result.events:
            assert record.findings == tuple(events[record.event_id].findings)
    assert seen > 0
    assert findings_of("event") == () and findings_of("fading") == ()
    assert "F2" in events["campaign_attacks"].findings
    assert "F13" in events["commission_setback"].findings


def test_why_splits_into_the_decisions_part_and_the_worlds() -> None:
    """Of each cause, the part the decisions made adds up to played minus baseline changes."""
    from game.play.campaign import Campaign

    game = Campaign.new(load_content(paths.content_root()), "national-2018", "federal", seed=3)
    game.enact("deploy_army", "tierra_caliente")
    game.enact("social_programs", "acapulco")
    previous = game.start
    moved = 0.0
    for _ in range(6):
        record = game.end_turn()
        assert record.baseline is not None
        before_base = previous.baseline or {"regions": previous.regions}
        for region in ("tierra_caliente", "acapulco"):
            split = record.why_decisions.get("homicides", {}).get(region, {})
            change = (record.regions[region]["homicides"] - previous.regions[region]["homicides"]
                      - record.baseline["regions"][region]["homicides"]
                      + before_base["regions"][region]["homicides"])
            assert sum(split.values()) == pytest.approx(change, abs=0.01 * (1 + len(split)))
            moved += abs(change)
        previous = record
    assert moved > 0
