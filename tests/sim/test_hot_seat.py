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
from game.sim.commands import Impossible

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


def play(seed: int, moves: list[tuple[str, str, int]], turns: int = 8) -> Campaign:
    """A juarez-2010 hot-seat game with the given (action, region, seat) on turn 1."""
    game = Campaign.new_hot_seat(pack(), "juarez-2010", ["juarez"], seed=seed)
    for action, region, seat in moves:
        game.enact(action, region, seat)
    for _ in range(turns):
        game.end_turn()
    return game


def coordination(game: Campaign) -> float:
    """Mean coordination in Juárez over the game."""
    return float(np.mean([r.regions["juarez"]["coordination"] for r in game.records]))


def test_working_together_raises_coordination_and_cuts_showy_attacks() -> None:
    alone, together = [], []
    for seed in SEEDS:
        federal_only = play(seed, [("fund_local_police", "juarez", 0)])
        joint = play(seed, [("fund_local_police", "juarez", 0), ("civic_alliances", "juarez", 1),
                            ("community_policing", "juarez", 1)])
        alone.append((coordination(federal_only),
                      sum(r.regions["juarez"]["visible_attacks"] for r in federal_only.records)))
        together.append((coordination(joint),
                         sum(r.regions["juarez"]["visible_attacks"] for r in joint.records)))
    assert np.mean([t[0] for t in together]) > np.mean([a[0] for a in alone]) + 0.03
    assert np.mean([t[1] for t in together]) < np.mean([a[1] for a in alone])


def test_looking_away_while_troops_arrive_divides_the_levels() -> None:
    divided = [coordination(play(seed, [("deploy_army", "juarez", 0), ("tolerate", "juarez", 1)]))
               for seed in SEEDS]
    army = [coordination(play(seed, [("deploy_army", "juarez", 0)])) for seed in SEEDS]
    assert np.mean(divided) < np.mean(army) - 0.02


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
