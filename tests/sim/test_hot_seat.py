"""Hot-seat games: a federal player and mayors in one world, each with their own options."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pytest

from game.content import load_content
from game.content.schema import ContentPack
from game.core import paths
from game.core.problems import BadInput
from game.play.campaign import Campaign
from game.sim.commands import EnactIntervention, Impossible
from game.sim.lab import Lab

SEEDS = range(20)


@cache
def pack() -> ContentPack:
    """The shipped content, read once."""
    return load_content(paths.content_root())


def test_each_seat_has_its_own_role_budget_and_capital() -> None:
    game = Campaign.new_hot_seat(pack(), "guerrero-2019", ["montana", "acapulco"], seed=1)
    assert game.seats == [("federal", None), ("municipal", "montana"), ("municipal", "acapulco")]
    assert game.budget(0) == 10_000 and game.budget(1) == 250
    federal = {o.action_id for o in game.options("acapulco", seat=0)}
    mayor = {o.action_id for o in game.options("acapulco", seat=2)}
    assert "deploy_army" in federal and "vet_police" not in federal
    assert "vet_police" in mayor and "deploy_army" not in mayor
    game.enact("vet_police", "acapulco", seat=2)
    assert game.capital(2) < game.capital(1)
    assert game.budget_left(2) == 250 - 150 and game.budget_left(0) == 10_000  # vetting: 150
    with pytest.raises(Impossible):
        game.enact("vet_police", "acapulco", seat=1)  # montana's mayor, not acapulco's
    with pytest.raises(Impossible):
        game.enact("deploy_army", "acapulco", seat=1)


def test_a_hot_seat_game_needs_valid_mayors() -> None:
    with pytest.raises(BadInput):
        Campaign.new_hot_seat(pack(), "guerrero-2019", ["acapulco", "acapulco"])
    with pytest.raises(BadInput):
        Campaign.new_hot_seat(pack(), "culiacan-2019", ["culiacan"])  # no mayor role there
    with pytest.raises(BadInput):
        Campaign.new_hot_seat(pack(), "guerrero-2019", [])


def play(moves: list[tuple[str, str, int]], turns: int = 8) -> Lab:
    """A juarez-2010 hot-seat table (federal, Juárez's mayor) with the given (action, region,
    seat) on turn 1, in one world per seed of SEEDS (run k is the game of seed k)."""
    lab = Lab(pack(), "juarez-2010", "federal", None, SEEDS.start, len(SEEDS), mayors=["juarez"])
    for action, region, seat in moves:
        lab.execute(EnactIntervention(action, region, seat))
    for _ in range(turns):
        lab.resolve_quarter()
    return lab


def juarez(lab: Lab, name: str) -> np.ndarray:
    """An indicator of Juárez, shaped (seeds, quarters)."""
    i = lab.world.region_index("juarez")
    return np.stack([result.regions[name][:, i] for result in lab.results], axis=1)


def test_working_together_raises_coordination_and_cuts_showy_attacks() -> None:
    federal_only = play([("fund_local_police", "juarez", 0)])
    joint = play([("fund_local_police", "juarez", 0), ("civic_alliances", "juarez", 1),
                  ("community_policing", "juarez", 1)])
    assert juarez(joint, "coordination").mean() > juarez(federal_only, "coordination").mean() \
        + 0.03
    assert juarez(joint, "visible_attacks").sum(axis=1).mean() < \
        juarez(federal_only, "visible_attacks").sum(axis=1).mean()


def test_looking_away_while_troops_arrive_divides_the_levels() -> None:
    divided = play([("deploy_army", "juarez", 0), ("tolerate", "juarez", 1)])
    army = play([("deploy_army", "juarez", 0)])
    assert juarez(divided, "coordination").mean() < juarez(army, "coordination").mean() - 0.02


def test_a_table_of_many_worlds_plays_each_seed_as_its_own_game() -> None:
    """The runs axis is honest for a hot-seat table too: world k is the game of seed k."""
    lab = play([("deploy_army", "juarez", 0), ("tolerate", "juarez", 1)], turns=3)
    for k in (0, 7):
        game = Campaign.new_hot_seat(pack(), "juarez-2010", ["juarez"], seed=SEEDS[k])
        game.enact("deploy_army", "juarez", seat=0)
        game.enact("tolerate", "juarez", seat=1)
        for _ in range(3):
            game.end_turn()
        np.testing.assert_allclose(
            [r.regions["juarez"]["coordination"] for r in game.records],
            juarez(lab, "coordination")[k], atol=5e-5)


def test_a_hot_seat_save_reloads_to_the_same_world(tmp_path: Path) -> None:
    game = Campaign.new_hot_seat(pack(), "guerrero-2019", ["montana", "acapulco"], seed=4)
    game.enact("anti_collusion", "montana", seat=1)
    game.enact("deploy_army", "acapulco", seat=0)
    game.end_turn()
    game.enact("local_social_programs", "acapulco", seat=2)
    path = tmp_path / "hot.json"
    game.save(path)
    loaded = Campaign.load(pack(), path)
    assert loaded.seats == game.seats
    assert loaded.fingerprint() == game.fingerprint()
    assert loaded.active_interventions(seat=2) == game.active_interventions(seat=2)
    assert loaded.end_turn().as_json() == game.end_turn().as_json()
