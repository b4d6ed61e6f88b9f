"""No card before it existed: the National Guard from 2019-Q3, in every scenario (issue 14).

The Guard was created in 2019 (constitutional reform in March, its law in May, deployed from
30 June; docs/sources.md); before it, federal policing was the Federal Police's. A card's
`available_from`/`available_until` say in which quarters its effect can start: ordering it so
that its effect would start outside them is refused with a reason, and a plan that does is
refused like any bad plan, one `file: field: message` line and exit code 2.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from game_process import run_game

from game.content import load_content
from game.content.schema import ContentPack
from game.core.calendar import period
from game.core.paths import content_root
from game.play.campaign import Campaign
from game.sim.commands import Impossible

GUARD_CARDS = ("deploy_guard", "guard_to_migration")
GUARD_CREATED = "2019-Q3"
"""The first quarter in which the National Guard worked (it was deployed from 30 June 2019)."""
MAX_TURN = 72


@pytest.fixture(scope="module")
def pack() -> ContentPack:
    return load_content(content_root())


def test_no_guard_effect_before_2019_q3_in_any_scenario(pack: ContentPack) -> None:
    """On every turn any scenario can reach, a Guard card works exactly from 2019-Q3."""
    for card in GUARD_CARDS:
        action = pack.interventions[card]
        for scenario in pack.scenarios.values():
            for turn in range(1, MAX_TURN + 1):
                ordered = period(scenario.start_year, scenario.start_quarter, turn)
                starts = period(scenario.start_year, scenario.start_quarter, turn + action.delay)
                assert (action.date_problem(ordered) is None) == (starts >= GUARD_CREATED), (
                    card, scenario.id, ordered)


def test_the_federal_police_card_ends_when_the_guard_begins(pack: ContentPack) -> None:
    police, guard = pack.interventions["deploy_federal_police"], pack.interventions["deploy_guard"]
    assert police.regional_effects == guard.regional_effects and police.delay == guard.delay
    assert police.available_until == "2019-Q2" and guard.available_from == GUARD_CREATED
    assert "deploy_federal_police" in pack.interventions["withdraw_forces"].cancels


def test_no_scenario_starts_with_the_guard_deployed_before_it_existed(pack: ContentPack) -> None:
    for scenario in pack.scenarios.values():
        start = period(scenario.start_year, scenario.start_quarter, 1)
        for region in scenario.regions:
            if region.guard > 0:
                assert start >= GUARD_CREATED, (scenario.id, region.id)


def test_scripted_events_impose_only_cards_that_exist_then(pack: ContentPack) -> None:
    """A historical event that starts a card (a drawdown, a program, an answer to a dilemma)
    starts it when the card existed: the quarter after the event, when it lands."""
    for scenario in pack.scenarios.values():
        for scripted in scenario.scripted:
            event = pack.events[scripted.event]
            cards = [event.enact, *(choice.enact for choice in event.choices)]
            when = period(scenario.start_year, scenario.start_quarter, scripted.turn + 1)
            for card in filter(None, cards):
                assert pack.interventions[card].available_in(when), (scenario.id, event.id,
                                                                     card, when)


def test_what_history_really_did_was_possible_then(pack: ContentPack) -> None:
    """A history scenario's real decisions order each card in a quarter it existed."""
    for scenario in pack.scenarios.values():
        for entry in getattr(scenario, "history", None) or []:
            action = getattr(entry, "action", None)
            if action is not None:
                problem = pack.interventions[action].date_problem(entry.period)
                assert problem is None, (scenario.id, entry.period, action, problem)


def test_every_date_range_is_well_formed(pack: ContentPack) -> None:
    """Ranges are quarters in order, and each card exists in at least one scenario's term."""
    for action in pack.interventions.values():
        if action.available_from and action.available_until:
            assert action.available_from <= action.available_until, action.id
        offered = [
            scenario.id for scenario in pack.scenarios.values()
            for role, setup in scenario.roles.items() if role in action.roles
            if any(action.date_problem(period(scenario.start_year, scenario.start_quarter, t))
                   is None for t in range(1, setup.turns + 1))
        ]
        assert offered, f"{action.id} exists in no scenario's term"


def test_the_guard_cannot_be_sent_to_juarez_in_2010(pack: ContentPack) -> None:
    """The card says from when; nothing is enacted and no capital is spent."""
    game = Campaign.new(pack, "juarez-2010", "federal", seed=3)
    capital = game.capital()
    # deploy_guard acts a quarter after it is ordered, so it can be ordered in 2019-Q2.
    for card, region, first in (("deploy_guard", "juarez", ("2019", "2")),
                                ("guard_to_migration", None, ("2019", "3"))):
        with pytest.raises(Impossible) as refused:
            game.enact(card, region)
        assert refused.value.message.key == "reason.not_yet"
        assert refused.value.message.params == {"year": first[0], "quarter": first[1]}
    assert game.decisions == [] and game.capital() == capital
    game.enact("deploy_federal_police", "juarez")
    assert game.is_active("deploy_federal_police", "juarez")


def test_the_guard_can_be_sent_once_it_exists(pack: ContentPack) -> None:
    """Culiacán 2019 starts in 2019-Q3: the Guard is accepted, the Federal Police is gone."""
    game = Campaign.new(pack, "culiacan-2019", "federal", seed=3)
    with pytest.raises(Impossible) as refused:
        game.enact("deploy_federal_police", "culiacan")
    assert refused.value.message.key == "reason.no_longer"
    assert refused.value.message.params == {"year": "2019", "quarter": "1"}
    game.enact("deploy_guard", "culiacan")
    assert game.is_active("deploy_guard", "culiacan")


def test_guerrero_2019_can_order_the_guard_in_its_second_quarter(pack: ContentPack) -> None:
    """Guerrero 2019 starts in 2019-Q1: ordered then, the Guard would act in 2019-Q2."""
    game = Campaign.new(pack, "guerrero-2019", "federal", seed=3)
    with pytest.raises(Impossible):
        game.enact("deploy_guard", "acapulco")
    game.end_turn()
    game.enact("deploy_guard", "acapulco")
    assert game.is_active("deploy_guard", "acapulco")


@pytest.mark.parametrize("command", ["validate", "simulate"])
def test_a_plan_that_names_a_card_before_it_exists_is_refused(tmp_path: Path,
                                                              command: str) -> None:
    """One line naming the file, the decision and the dates, and exit code 2; no output."""
    plan = tmp_path / "early_guard.toml"
    plan.write_text('[[decision]]\nturn = 1\naction = "deploy_army"\nregion = "acapulco"\n\n'
                    '[[decision]]\nturn = 1\naction = "deploy_guard"\nregion = "centro"\n',
                    encoding="utf-8")
    args = ["--scenario", "guerrero-2019", "--role", "federal"]
    ran = (run_game("validate", *args, plan) if command == "validate"
           else run_game("simulate", *args, "--plan", plan, "--turns", "3"))
    assert ran.returncode == 2 and ran.stdout == ""
    assert ran.stderr.strip().splitlines() == [
        f"{plan}: decision[1].action: 'deploy_guard' did not exist yet in 2019-Q1 (turn 1): "
        "it can be ordered from 2019-Q2"]


def test_the_same_plan_a_quarter_later_runs(tmp_path: Path) -> None:
    plan = tmp_path / "guard.toml"
    plan.write_text('[[decision]]\nturn = 2\naction = "deploy_guard"\nregion = "acapulco"\n',
                    encoding="utf-8")
    ran = run_game("simulate", "--scenario", "guerrero-2019", "--role", "federal", "--plan",
                   plan, "--turns", "4", "--format", "json")
    assert ran.returncode == 0, ran.stderr
    assert '"deploy_guard"' in ran.stdout
