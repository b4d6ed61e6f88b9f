"""A game's records: each quarter's effects and decisions' part of the causes are worked out
when a screen first reads them, and are then exactly what the quarter showed at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content import load_content
from game.content.loader import load_plan
from game.content.schema import ContentPack, Role
from game.core.paths import content_root
from game.play.campaign import Campaign
from game.play.history import real_plan
from game.play.plan import Plan, play
from game.sim.records import turn_json

PLANS = Path(__file__).resolve().parents[1] / "golden" / "plans"


@pytest.fixture(scope="module")
def pack() -> ContentPack:
    return load_content(content_root())


def _plan(pack: ContentPack, name: str, scenario: str, role: Role,
          region: str | None = None) -> Plan:
    """A golden plan as the plan loop plays it."""
    return Plan.from_file(load_plan(PLANS / name, pack, scenario, role, region))


def _games(pack: ContentPack) -> list[tuple[Campaign, Plan, int]]:
    """New games and the plans they play: a federal term with its dilemmas answered, a
    mayor's, a hot-seat table, and history with its 30-odd real decisions."""
    return [
        (Campaign.new(pack, "national-2018", "federal", None, 5),
         _plan(pack, "national.toml", "national-2018", "federal"), 12),
        (Campaign.new(pack, "juarez-2010", "municipal", "juarez", 8),
         _plan(pack, "juarez-mayor.toml", "juarez-2010", "municipal", "juarez"), 12),
        (Campaign.new_hot_seat(pack, "guerrero-2019", ["montana", "acapulco"], 3),
         _plan(pack, "guerrero-federal.toml", "guerrero-2019", "federal"), 8),
        (Campaign.new(pack, "history-2006", "federal", None, 2),
         real_plan(pack.scenarios["history-2006"]), 24),
    ]


def test_effects_read_late_are_what_the_quarter_showed(pack: ContentPack) -> None:
    """One copy of each game reads every quarter's effects as it resolves, against the
    command-line record of that moment; the other reads them all at the end."""
    for (now, plan, turns), (late, _, _) in zip(_games(pack), _games(pack), strict=True):
        seen = []
        for turn in range(1, turns + 1):
            play(now, plan, turn)
            record = now.records[-1]
            contract = turn_json(now.world, now.results[-1], 0, now.branches)
            assert record.effects == contract.get("effects"), (now.scenario_id, turn)
            assert record.why_decisions == contract["why_decisions"], (now.scenario_id, turn)
            assert record.baseline == contract["baseline"], (now.scenario_id, turn)
            seen.append(record.as_json())
        play(late, plan, turns)
        assert [r.as_json() for r in late.records] == seen, late.scenario_id
        assert any(r.effects and r.effects["decisions"] for r in late.records), \
            late.scenario_id


def test_the_start_has_no_effects(pack: ContentPack) -> None:
    """Before the first quarter there is nothing to compare: no baseline, no effects."""
    game = Campaign.new(pack, "juarez-2010", "federal", None, 1)
    assert not game.records
    start = game.start
    assert start.baseline is None and start.effects is None and start.why_decisions == {}
