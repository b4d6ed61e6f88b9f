"""Rehearsing a hot-seat workshop headless: each plan line names the player who decides."""

from __future__ import annotations

from pathlib import Path

from game_process import run_game

from game.classroom.result_files import read_result

PLAN = """
[[decision]]
turn = 1
action = "deploy_army"
region = "acapulco"

[[decision]]
turn = 1
action = "vet_police"
region = "acapulco"
player = 1

[[decision]]
turn = 2
action = "anti_collusion"
region = "montana"
player = 2
"""


def make_workshop(tmp_path: Path) -> Path:
    """A Guerrero workshop with the federal player and the mayors of Acapulco and La Montaña."""
    path = tmp_path / "hot.toml"
    proc = run_game("workshop", "new", "--scenario", "guerrero-2019", "--seed", "3", "--role",
                    "federal", "--mayors", "montana,acapulco", "--turns", "6", "--out", path)
    assert proc.returncode == 0, proc.stderr
    return path


def test_a_hot_seat_plan_plays_each_line_as_its_player(tmp_path: Path) -> None:
    workshop = make_workshop(tmp_path)
    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN, encoding="utf-8")
    result = tmp_path / "result.json"
    proc = run_game("simulate", "--workshop", workshop, "--plan", plan, "--player", "Mesa 1",
                    "--result", result)
    assert proc.returncode == 0, proc.stderr
    assert "skipped" not in proc.stderr
    body = read_result(result)["body"]
    enacted = {(d["action"], d.get("seat", 0)) for d in body["decisions"]
               if d["verb"] == "enact"}
    assert enacted == {("deploy_army", 0), ("vet_police", 1), ("anti_collusion", 2)}


def test_a_plan_line_for_a_missing_player_or_the_wrong_city_is_refused(tmp_path: Path) -> None:
    workshop = make_workshop(tmp_path)
    plan = tmp_path / "bad.toml"
    plan.write_text(PLAN.replace("player = 2", "player = 5").replace(
        'region = "acapulco"\nplayer = 1', 'region = "montana"\nplayer = 1'), encoding="utf-8")
    proc = run_game("simulate", "--workshop", workshop, "--plan", plan, "--player", "Mesa 1",
                    "--result", tmp_path / "r.json")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert f"{plan}: decision[1].region: a mayor of acapulco cannot act in 'montana'" in lines
    assert any(line.startswith(f"{plan}: decision[2].player: there is no player 5")
               for line in lines)
    assert "Traceback" not in proc.stderr
