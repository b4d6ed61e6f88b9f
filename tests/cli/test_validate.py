"""`python -m game validate PATH...`: clean inputs pass with exit 0; every bad one is named.

The malformed corpus itself is in test_bad_input.py; this module checks what validate accepts
(the shipped content, its scenario files, plans, a real save) and how it reports a mix.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from game_process import Ran, run_game

from game.content import load_content
from game.core.paths import content_root
from game.play.campaign import Campaign

REPO = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "corpus"
CONTENT = REPO / "content"


def assert_clean(proc: Ran) -> None:
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert proc.stdout.startswith("ok")


def problem_pairs(proc: Ran) -> list[tuple[str, str]]:
    """(file, field) of each stderr line of a bad-input run."""
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    pairs = []
    for line in proc.stderr.strip().splitlines():
        file, field, message = line.split(": ", 2)
        assert message
        pairs.append((file, field))
    return pairs


GOOD_PLAN = """\
[[decision]]
turn = 1
action = "deploy_army"
region = "juarez"

[[decision]]
turn = 2
action = "legalize_cannabis"

[[decision]]
turn = 6
action = "deploy_army"
region = "juarez"
stop = true

[responses]
capture_siege = "release"
"""

MAYOR_PLAN = """\
[[decision]]
turn = 1
action = "vet_police"
region = "juarez"

[[decision]]
turn = 3
action = "civic_alliances"
region = "juarez"
"""


@pytest.fixture(scope="module")
def save_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real save of a game three quarters in, written by Campaign.save."""
    pack = load_content(content_root())
    game = Campaign.new(pack, "juarez-2010", "municipal", "juarez", seed=9)
    game.enact("community_policing", "juarez")
    for _ in range(3):
        game.end_turn()
    path = tmp_path_factory.mktemp("saves") / "slot1.json"
    game.save(path)
    return path


def test_shipped_content_folder() -> None:
    assert_clean(run_game("validate", "content"))


def test_shipped_content_folder_by_absolute_path() -> None:
    assert_clean(run_game("validate", CONTENT))


def test_every_shipped_scenario_file_and_a_copy_of_the_folder(tmp_path: Path) -> None:
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    files = sorted((CONTENT / "scenarios").glob("*.toml"))
    assert len(files) >= 4
    proc = run_game("validate", *files, copy)
    assert_clean(proc)
    assert str(len(files) + 1) in proc.stdout


def test_plans_and_a_save(tmp_path: Path, save_file: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(GOOD_PLAN, encoding="utf-8")
    assert_clean(run_game("validate", plan, save_file))
    assert_clean(run_game("validate", "--scenario", "juarez-2010", "--role", "federal", plan))
    mayor = tmp_path / "mayor.toml"
    mayor.write_text(MAYOR_PLAN, encoding="utf-8")
    assert_clean(run_game("validate", "--scenario", "juarez-2010", "--role", "municipal", mayor))


def test_mayor_plan_is_wrong_for_the_federal_role(tmp_path: Path) -> None:
    mayor = tmp_path / "mayor.toml"
    mayor.write_text(MAYOR_PLAN, encoding="utf-8")
    pairs = problem_pairs(run_game("validate", "--scenario", "juarez-2010", "--role", "federal",
                                   mayor))
    assert pairs == [(str(mayor), "decision[0].action"), (str(mayor), "decision[1].action")]


def test_mix_of_good_and_bad_paths(tmp_path: Path, save_file: Path) -> None:
    """Every bad path is reported in one run; good ones are not mentioned."""
    bad_plan = CORPUS / "plan_unknown_action.toml"
    bad_scenario = CORPUS / "scenario_unknown_cartel.toml"
    good_scenario = CONTENT / "scenarios" / "juarez-2010.toml"
    pairs = problem_pairs(run_game("validate", good_scenario, bad_plan, save_file, bad_scenario))
    assert pairs == [(str(bad_plan), "decision[0].action"),
                     (str(bad_scenario), "regions[culiacan].groups[1].cartel")]


def test_tampered_save(tmp_path: Path, save_file: Path) -> None:
    """A save whose decisions were edited no longer matches its fingerprint."""
    data = json.loads(save_file.read_text(encoding="utf-8"))
    data["seed"] = data["seed"] + 1
    tampered = tmp_path / "tampered.json"
    tampered.write_text(json.dumps(data), encoding="utf-8")
    assert problem_pairs(run_game("validate", tampered)) == [(str(tampered), "fingerprint")]


def test_validate_needs_a_path() -> None:
    proc = run_game("validate")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().count("\n") == 0 and ": " in proc.stderr
