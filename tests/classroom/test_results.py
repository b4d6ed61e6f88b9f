"""Result files: export and re-import, the checksum against edits, and the headless path."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from game.classroom.result_files import RESULT_VERSION, build_result, read_result, write_result
from game.classroom.workshops import Workshops
from game.cli import main
from game.content.schema import Decision, PlanFile, Workshop
from game.core.problems import BadInput
from game.play.campaign import Campaign
from game.play.plan import Plan, play
from game.play.predictions import Prediction

PLAN = """
[[decision]]
turn = 1
action = "vet_police"
region = "juarez"

[[decision]]
turn = 3
action = "community_policing"
region = "juarez"
"""


def played(workshops: Workshops, turns: int = 6) -> tuple[Workshop, Campaign]:
    """A short mayor's game of Juárez in a workshop, with two decisions."""
    workshop = workshops.from_data({"scenario": "juarez-2010", "seed": 42, "role": "municipal",
                                    "turns": turns})
    campaign = workshops.new_game(workshop)
    plan = PlanFile(decision=[Decision(turn=1, action="vet_police", region="juarez"),
                              Decision(turn=2, action="local_social_programs", region="juarez")])
    play(campaign, Plan.from_file(plan), turns)
    return workshop, campaign


def test_export_and_reimport(workshops: Workshops, tmp_path: Path) -> None:
    """What is written is what is read back, checksum verified; measures agree with the game."""
    workshop, campaign = played(workshops)
    guesses = [Prediction(1, "rise", "fall"), Prediction(2, "fall", "rise")]
    result = build_result(campaign, "  Los Ñandúes ", workshop, guesses)
    path = tmp_path / "r.json"
    write_result(path, result)
    back = read_result(path)
    assert back == result and back["version"] == RESULT_VERSION
    body = back["body"]
    assert body["player"] == "Los Ñandúes"
    assert body["workshop"]["code"] == workshops.code(workshop)
    baseline = campaign.baseline()
    assert body["measures"]["lives_vs_baseline"] == campaign.lives_against(baseline)
    assert [d["action"] for d in body["decisions"] if d["verb"] == "enact"] == \
        ["vet_police", "local_social_programs"]
    assert len(body["turns"]) == 6 and body["turns"][0]["period"] == "2010-Q1"
    first = body["predictions"][0]
    h1 = body["turns"][0]["scope"]["homicides"]
    start = body["setup"]["start"]["homicides"]
    assert first["outcome"]["violence"] == ("rise" if h1 > start else "fall")
    assert first["right"]["violence"] == (first["outcome"]["violence"] == "rise")
    assert body["measures"]["predictions"]["made"] == 2


def test_an_edited_result_is_refused(workshops: Workshops, tmp_path: Path) -> None:
    """Change one number by hand: the checksum catches it and the message says so."""
    _, campaign = played(workshops, 3)
    path = tmp_path / "r.json"
    write_result(path, build_result(campaign, "Team A"))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["body"]["measures"]["lives_vs_baseline"] += 1000
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        read_result(path)
    problem = caught.value.problems[0]
    assert problem.file == str(path) and problem.field == "checksum"
    assert "edited or damaged" in problem.message


Damage = Callable[[str], str]


@pytest.mark.parametrize("damage, field, words", [
    (lambda text: text[: len(text) // 2], "(syntax)", "JSON syntax"),
    (lambda text: text.replace('"version": 2', '"version": 7', 1), "version", "newer"),
    (lambda text: '{"hello": 1}', "(file)", "not a Plaza result"),
    (lambda text: "\x00\xff", "(file)", "NUL bytes"),
])
def test_damaged_results_say_what_is_wrong(workshops: Workshops, tmp_path: Path, damage: Damage,
                                           field: str, words: str) -> None:
    """Truncated, newer, foreign: one clear problem each."""
    _, campaign = played(workshops, 2)
    path = tmp_path / "r.json"
    write_result(path, build_result(campaign, "Team B"))
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        read_result(path)
    assert caught.value.problems[0].field == field
    assert words in caught.value.problems[0].message


def test_headless_result_matches_the_simulator(workshops: Workshops, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """simulate --workshop --plan --result: same world, same numbers as simulate --format json."""
    workshop = workshops.from_data({"scenario": "juarez-2010", "seed": 42, "role": "municipal",
                                    "turns": 8})
    code = workshops.code(workshop)
    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN, encoding="utf-8")
    out = tmp_path / "team.json"
    assert main(["simulate", "--workshop", code, "--plan", str(plan), "--player", "Team C",
                 "--result", str(out)]) == 0
    assert "Team C" in capsys.readouterr().out
    body = read_result(out)["body"]
    assert body["workshop"]["code"] == code and body["setup"]["seed"] == 42
    assert main(["simulate", "--workshop", code, "--plan", str(plan), "--format", "json"]) == 0
    sim = json.loads(capsys.readouterr().out)
    assert [t["regions"]["juarez"]["homicides"] for t in sim["turns"]] == \
        [t["regions"]["juarez"]["homicides"] for t in body["turns"]]
    assert sim["seed"] == 42 and len(sim["turns"]) == 8


def test_headless_refuses_what_the_workshop_does_not_allow(workshops: Workshops, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    """A plan using a disabled intervention, or a seed that contradicts the workshop: exit 2."""
    workshop = workshops.from_data({"scenario": "juarez-2010", "seed": 1, "role": "municipal",
                                    "actions": ["community_policing"]})
    code = workshops.code(workshop)
    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN, encoding="utf-8")
    args = ["simulate", "--workshop", code, "--plan", str(plan), "--player", "D", "--result",
            str(tmp_path / "d.json")]
    assert main(args) == 2
    assert "decision[0].action: 'vet_police' is not enabled" in capsys.readouterr().err
    assert main([*args[:3], "--seed", "4", "--player", "D", "--result", "x.json"]) == 2
    assert "comes from the workshop" in capsys.readouterr().err
    assert main(["simulate", "--workshop", code, "--result", "x.json"]) == 2
    assert "--player" in capsys.readouterr().err


def test_replay_under_another_assumption(workshops: Workshops) -> None:
    """Same decisions, mechanism off: the same game with nothing switched, a different one with."""

    workshop, campaign = played(workshops, 4)
    same, notes = campaign.in_other_world(dict(campaign.overrides))
    assert notes == [] and same.fingerprint() == campaign.fingerprint()
    off = workshop.model_copy(update={"switches": {"competition_violence": False}})
    other, _ = campaign.in_other_world(workshops.overrides(off))
    assert other.turn == campaign.turn and other.fingerprint() != campaign.fingerprint()


def test_a_hot_seat_workshop_starts_a_game_with_its_seats(workshops: Workshops) -> None:
    """mayors = [...] gives the federal seat first, then one seat per city."""
    workshop = workshops.from_data({"scenario": "guerrero-2019", "seed": 7, "role": "federal",
                                    "mayors": ["montana"]})
    campaign = workshops.new_game(workshop)
    assert campaign.seats == [("federal", None), ("municipal", "montana")]
