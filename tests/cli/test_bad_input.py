"""Bad input through `python -m game validate` and `python -m game simulate` (issue 2).

Every malformed input must give exit code 2, one `file: field: message` line per problem on
stderr naming the right file and field, nothing on stdout, and never a traceback. The small
malformed files live in `corpus/`; the 50 MB one is written into a temporary folder.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from game_process import Ran, run_game

REPO = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "corpus"
CONTENT = REPO / "content"
CMD = "(command line)"

# The plan corpus is checked against this scenario and role in both commands.
PLAN_SETUP = ["--scenario", "juarez-2010", "--role", "federal"]


def problem_lines(stderr: str) -> list[tuple[str, str, str]]:
    """Split stderr into (file, field, message) triples; fail on a line not in that form."""
    triples = []
    for line in stderr.strip().splitlines():
        parts = line.split(": ", 2)
        assert len(parts) == 3 and all(p.strip() for p in parts), f"not file: field: msg: {line!r}"
        triples.append((parts[0], parts[1], parts[2]))
    return triples


def assert_bad_input(proc: Ran, expected: list[tuple[str, str]],
                     *, exact: bool = True) -> list[tuple[str, str, str]]:
    """Exit 2, no traceback, no output, and a line for each expected (file, field)."""
    detail = f"exit {proc.returncode}\nstdout: {proc.stdout[:500]}\nstderr: {proc.stderr[:2000]}"
    assert "Traceback" not in proc.stderr, detail
    assert proc.returncode == 2, detail
    assert proc.stdout == "", detail
    triples = problem_lines(proc.stderr)
    found = [(f, fld) for f, fld, _ in triples]
    for pair in expected:
        assert pair in found, f"expected a line for {pair}, got {found}"
    if exact:
        assert len(triples) == len(expected), f"expected {len(expected)} lines, got {found}"
    return triples



# ---------------------------------------------------------------- plan files


@dataclass(frozen=True)
class PlanCase:
    """A malformed plan (or any file given as a plan) and the fields its problems name."""

    file: str
    fields: tuple[str, ...]


PLAN_CASES = [
    PlanCase("plan_syntax_error.toml", ("(syntax)",)),
    PlanCase("plan_unknown_field.toml", ("decision[0].colour",)),
    PlanCase("plan_unknown_action.toml", ("decision[0].action",)),
    PlanCase("plan_unknown_region.toml", ("decision[0].region",)),
    PlanCase("plan_unknown_event.toml", ("responses.alien_landing",)),
    PlanCase("plan_unknown_choice.toml", ("responses.capture_siege",)),
    PlanCase("plan_wrong_type.toml", ("decision[0].turn",)),
    PlanCase("plan_turn_99.toml", ("decision[0].turn",)),
    PlanCase("plan_municipal_action_for_federal.toml", ("decision[0].action",)),
    PlanCase("plan_region_for_national_action.toml", ("decision[0].region",)),
    PlanCase("plan_missing_region.toml", ("decision[0].region",)),
    PlanCase("plan_three_problems.toml",
             ("decision[0].region", "decision[1].action", "responses.capture_siege")),
    PlanCase("binary_garbage.toml", ("(file)",)),
    PlanCase("not_utf8.toml", ("(file)",)),
]


@pytest.mark.parametrize("case", PLAN_CASES, ids=lambda c: c.file)
def test_bad_plan_through_validate(case: PlanCase) -> None:
    path = CORPUS / case.file
    proc = run_game("validate", *PLAN_SETUP, path)
    assert_bad_input(proc, [(str(path), f) for f in case.fields])


@pytest.mark.parametrize("case", PLAN_CASES, ids=lambda c: c.file)
def test_bad_plan_through_simulate(case: PlanCase) -> None:
    path = CORPUS / case.file
    proc = run_game("simulate", *PLAN_SETUP, "--plan", path, "--turns", "2")
    assert_bad_input(proc, [(str(path), f) for f in case.fields])


def test_plan_type_and_reference_problems_reported_together() -> None:
    path = CORPUS / "plan_type_and_reference_problems.toml"
    assert_bad_input(run_game("validate", *PLAN_SETUP, path),
                     [(str(path), "decision[0].region"), (str(path), "decision[1].turn")])


def test_plan_messages_say_what_is_wrong() -> None:
    """The message part is for people: it names the bad value or the rule broken."""
    path = CORPUS / "plan_three_problems.toml"
    triples = problem_lines(run_game("validate", *PLAN_SETUP, path).stderr)
    messages = {fld: msg for _, fld, msg in triples}
    assert "atlantis" in messages["decision[0].region"]
    assert "tolerate" in messages["decision[1].action"]
    assert "negotiate" in messages["responses.capture_siege"]
    assert "hold" in messages["responses.capture_siege"]  # and it lists the valid choices


def test_municipal_action_message_names_role() -> None:
    path = CORPUS / "plan_municipal_action_for_federal.toml"
    (_, _, message), = problem_lines(run_game("validate", *PLAN_SETUP, path).stderr)
    assert "vet_police" in message and "federal" in message


def test_plan_for_a_mayor_acting_elsewhere(tmp_path: Path) -> None:
    """A mayor of Juárez cannot enact a municipal action in another region."""
    plan = tmp_path / "mayor_elsewhere.toml"
    plan.write_text('[[decision]]\nturn = 1\naction = "vet_police"\nregion = "chihuahua"\n',
                    encoding="utf-8")
    proc = run_game("simulate", "--scenario", "juarez-2010", "--role", "municipal",
                    "--region", "juarez", "--plan", plan)
    assert_bad_input(proc, [(str(plan), "decision[0].region")])


# ---------------------------------------------------------------- empty and huge files


def test_empty_file_through_validate() -> None:
    path = CORPUS / "empty.toml"
    assert_bad_input(run_game("validate", path), [(str(path), "(file)")])


def test_empty_scenario_file_through_simulate(tmp_path: Path) -> None:
    """An empty file in a content folder's scenarios is reported, field by missing field."""
    content = copy_content(tmp_path)
    bad = content / "scenarios" / "empty.toml"
    shutil.copyfile(CORPUS / "empty.toml", bad)
    proc = run_game("--content", content, "simulate", "--scenario", "juarez-2010", "--turns", "1")
    triples = assert_bad_input(proc, [(str(bad), "id"), (str(bad), "regions")], exact=False)
    assert {f for f, _, _ in triples} == {str(bad)}


@pytest.fixture(scope="module")
def huge_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 50 MB file that starts like a valid plan (never committed: written at test time)."""
    path = tmp_path_factory.mktemp("huge") / "huge_plan.toml"
    line = "# " + "x" * 1022 + "\n"
    with path.open("w", encoding="utf-8") as out:
        out.write('[[decision]]\nturn = 1\naction = "deploy_army"\nregion = "juarez"\n')
        for _ in range(50 * 1024):
            out.write(line)
    assert path.stat().st_size >= 50 * 1024 * 1024
    return path


def test_huge_file_through_validate(huge_file: Path) -> None:
    assert_bad_input(run_game("validate", *PLAN_SETUP, huge_file), [(str(huge_file), "(file)")])


def test_huge_file_through_simulate(huge_file: Path) -> None:
    proc = run_game("simulate", *PLAN_SETUP, "--plan", huge_file, "--turns", "1")
    assert_bad_input(proc, [(str(huge_file), "(file)")])


def test_huge_save_through_validate(huge_file: Path, tmp_path: Path) -> None:
    save = tmp_path / "huge_save.json"
    os.link(huge_file, save)
    assert_bad_input(run_game("validate", save), [(str(save), "(file)")])


# ---------------------------------------------------------------- scenario files


@dataclass(frozen=True)
class ScenarioCase:
    """A malformed copy of culiacan-2019.toml and the fields its problems name."""

    file: str
    fields: tuple[str, ...]


SCENARIO_CASES = [
    ScenarioCase("scenario_territory_1_7.toml", ("regions[culiacan].groups[0].territory",)),
    ScenarioCase("scenario_territories_over_1.toml", ("regions[culiacan]",)),
    ScenarioCase("scenario_unknown_cartel.toml", ("regions[culiacan].groups[1].cartel",)),
    ScenarioCase("scenario_unknown_event.toml", ("scripted[0].event",)),
    ScenarioCase("scenario_unknown_field.toml", ("weather",)),
    ScenarioCase("scenario_wrong_type.toml", ("regions[culiacan].population",)),
    ScenarioCase("scenario_calendar_turn_99.toml", ("calendar[0].turn",)),
]
SCENARIO_PARAMS = [pytest.param(c, id=c.file) for c in SCENARIO_CASES] + [
    pytest.param(ScenarioCase("scenario_unknown_neighbour.toml", ("regions[culiacan].neighbours",)),
                 id="scenario_unknown_neighbour.toml"),
]


def copy_content(tmp_path: Path) -> Path:
    """A private copy of the shipped content folder to break."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.mark.parametrize("case", SCENARIO_PARAMS)
def test_bad_scenario_through_validate(case: ScenarioCase) -> None:
    path = CORPUS / case.file
    assert_bad_input(run_game("validate", path), [(str(path), f) for f in case.fields])


def scenario_content(workdir: Path, case: ScenarioCase) -> Path:
    """A content copy whose culiacan-2019.toml is the malformed file (made once per case)."""
    content = workdir / "scenario" / case.file / "content"
    if not content.exists():
        shutil.copytree(CONTENT, content)
        shutil.copyfile(CORPUS / case.file, content / "scenarios" / "culiacan-2019.toml")
    return content


def scenario_simulate_args(workdir: Path, case: ScenarioCase) -> tuple[str | Path, ...]:
    """Simulate the broken culiacan-2019 from its content copy."""
    return ("--content", scenario_content(workdir, case), "simulate", "--scenario",
            "culiacan-2019", "--turns", "1")


@pytest.mark.parametrize("case", SCENARIO_PARAMS)
def test_bad_scenario_through_simulate(case: ScenarioCase, workdir: Path) -> None:
    """The same file as the content folder's culiacan-2019.toml, then simulate that scenario."""
    proc = run_game(*scenario_simulate_args(workdir, case))
    target = scenario_content(workdir, case) / "scenarios" / "culiacan-2019.toml"
    assert_bad_input(proc, [(str(target), f) for f in case.fields])


def test_territory_message_gives_the_sum() -> None:
    path = CORPUS / "scenario_territories_over_1.toml"
    (_, _, message), = problem_lines(run_game("validate", path).stderr)
    assert "1.25" in message and "more than 1" in message


# ---------------------------------------------------------------- saves


SAVE_PARAMS = [
    ("save_damaged.json", "(syntax)"),
    ("save_newer_version.json", "version"),
    ("binary_garbage.toml", "(file)"),
    ("save_unknown_scenario.json", "scenario"),
    ("save_decision_without_action.json", "decisions[0].action"),
    ("save_infinite_seed.json", "seed"),
]


@pytest.mark.parametrize("name, field", SAVE_PARAMS)
def test_bad_save_through_validate(name: str, field: str, workdir: Path) -> None:
    path = save_path(workdir, name)
    assert_bad_input(run_game("validate", path), [(str(path), field)])


def save_path(workdir: Path, name: str) -> Path:
    """The corpus file itself, or a `.json` copy of it so that validate reads it as a save."""
    if name.endswith(".json"):
        return CORPUS / name
    path = workdir / "saves" / (Path(name).stem + ".json")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CORPUS / name, path)
    return path


def test_newer_save_message_names_both_versions() -> None:
    path = CORPUS / "save_newer_version.json"
    (_, _, message), = problem_lines(run_game("validate", path).stderr)
    assert "999" in message and "newer" in message


def test_save_given_to_simulate_as_plan() -> None:
    """A damaged save passed as a plan is a TOML syntax error in that file, not a crash."""
    path = CORPUS / "save_damaged.json"
    proc = run_game("simulate", *PLAN_SETUP, "--plan", path, "--turns", "1")
    assert_bad_input(proc, [(str(path), "(syntax)")])


# ---------------------------------------------------------------- the command line

COMMAND_LINE_PARAMS = [
    (["--scenario", "atlantis-2030"], CMD, "scenario"),
    (["--scenario", "culiacan-2019", "--role", "municipal"], CMD, "role"),
    (["--scenario", "juarez-2010", "--role", "municipal", "--region", "chihuahua"],
     CMD, "region"),
    (["--scenario", "juarez-2010", "--role", "federal", "--region", "juarez"], CMD, "region"),
    (["--scenario", "juarez-2010", "--runs", "0"], CMD, "--runs"),
    (["--scenario", "juarez-2010", "--runs", "-4"], CMD, "--runs"),
    (["--scenario", "juarez-2010", "--runs", "100001"], CMD, "--runs"),
    (["--scenario", "juarez-2010", "--turns", "0"], CMD, "--turns"),
    (["--scenario", "juarez-2010", "--turns", "41"], CMD, "--turns"),
    (["--scenario", "juarez-2010", "--set", "kingpin_split_share=0.9"],
     "(overrides)", "kingpin_split_share"),
    (["--scenario", "juarez-2010", "--set", "kingpin_split_share=-1"],
     "(overrides)", "kingpin_split_share"),
    (["--scenario", "juarez-2010", "--set", "no_such_parameter=1"],
     "(overrides)", "no_such_parameter"),
    (["--scenario", "juarez-2010", "--set", "kingpin_split_share"], CMD, "--set"),
    (["--scenario", "juarez-2010", "--set", "kingpin_split_share=lots"], CMD, "--set"),
    pytest.param(["--scenario", "juarez-2010", "--runs", "many"], CMD, "--runs",
                 id="runs-not-a-number"),
    pytest.param(["--scenario", "juarez-2010", "--turns", "4.5"], CMD, "--turns",
                 id="turns-not-an-integer"),
    pytest.param(["--scenario", "juarez-2010", "--seed", "-1"], CMD, "--seed",
                 id="negative-seed"),
]


def command_line_args(args: list[str]) -> tuple[str, ...]:
    """`simulate ARGS`, kept short with --turns 1 where the case does not set --turns."""
    quick = [] if "--turns" in args else ["--turns", "1"]
    return ("simulate", *args, *quick)


@pytest.mark.parametrize("args, file, field", COMMAND_LINE_PARAMS)
def test_bad_command_line(args: list[str], file: str, field: str) -> None:
    proc = run_game(*command_line_args(args))
    assert_bad_input(proc, [(file, field)])


def test_set_outside_range_message_gives_the_range() -> None:
    proc = run_game("simulate", "--scenario", "juarez-2010", "--set", "kingpin_split_share=0.9")
    (_, _, message), = problem_lines(proc.stderr)
    assert "0.1" in message and "0.5" in message


def test_bad_runs_and_turns_reported_together() -> None:
    proc = run_game("simulate", "--scenario", "juarez-2010", "--runs", "0", "--turns", "99")
    assert_bad_input(proc, [(CMD, "--runs"), (CMD, "--turns")])


def test_missing_plan_file(tmp_path: Path) -> None:
    missing = tmp_path / "no_such_plan.toml"
    proc = run_game("simulate", "--scenario", "juarez-2010", "--plan", missing)
    assert_bad_input(proc, [(str(missing), "(file)")])


def test_out_into_missing_folder(tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "folder" / "result.json"
    proc = run_game("simulate", "--scenario", "juarez-2010", "--turns", "1", "--out", out)
    assert_bad_input(proc, [(str(out), "--out")])
    assert not out.exists()


def test_validate_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.toml"
    assert_bad_input(run_game("validate", missing), [(str(missing), "(file)")])


def test_validate_plan_against_unknown_scenario() -> None:
    proc = run_game("validate", "--scenario", "atlantis-2030", CORPUS / "plan_unknown_action.toml")
    assert_bad_input(proc, [(CMD, "--scenario")])


# ---------------------------------------------------------------- content folders


def test_content_folder_with_two_broken_files(tmp_path: Path) -> None:
    """Both problems, in two different files, are reported in one run by both commands."""
    content = copy_content(tmp_path)
    actions = content / "interventions.toml"
    text = actions.read_text(encoding="utf-8")
    actions.write_text(text.replace('id = "deploy_army"\n', 'id = "deploy_army"\nflavour = "x"\n',
                                    1), encoding="utf-8")
    scenario = content / "scenarios" / "culiacan-2019.toml"
    shutil.copyfile(CORPUS / "scenario_territory_1_7.toml", scenario)
    expected = [(str(actions), "intervention[deploy_army].flavour"),
                (str(scenario), "regions[culiacan].groups[0].territory")]
    assert_bad_input(run_game("validate", content), expected)
    proc = run_game("--content", content, "simulate", "--scenario", "juarez-2010", "--turns", "1")
    assert_bad_input(proc, expected)


def test_content_folder_with_two_broken_references(tmp_path: Path) -> None:
    """Cross-reference problems in two files (an unknown action, an unknown cartel) together."""
    content = copy_content(tmp_path)
    actions = content / "interventions.toml"
    text = actions.read_text(encoding="utf-8")
    assert 'cancels = ["deploy_army"' in text
    actions.write_text(text.replace('cancels = ["deploy_army"', 'cancels = ["deploy_tanks"', 1),
                       encoding="utf-8")
    scenario = content / "scenarios" / "culiacan-2019.toml"
    shutil.copyfile(CORPUS / "scenario_unknown_cartel.toml", scenario)
    expected = [(str(actions), "intervention[withdraw_forces].cancels"),
                (str(scenario), "regions[culiacan].groups[1].cartel")]
    assert_bad_input(run_game("validate", content), expected)


def test_content_folder_syntax_error_and_unknown_cartel(tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    events = content / "events.toml"
    events.write_text(events.read_text(encoding="utf-8") + "\n[[event]\n", encoding="utf-8")
    scenario = content / "scenarios" / "culiacan-2019.toml"
    shutil.copyfile(CORPUS / "scenario_unknown_cartel.toml", scenario)
    assert_bad_input(run_game("validate", content), [
        (str(events), "(syntax)"), (str(scenario), "regions[culiacan].groups[1].cartel")])


def test_not_a_content_folder(tmp_path: Path) -> None:
    proc = run_game("--content", tmp_path, "simulate", "--scenario", "juarez-2010")
    triples = assert_bad_input(proc, [], exact=False)
    assert triples, "at least one problem line"
    assert all(f.startswith(str(tmp_path)) for f, _, _ in triples)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder for this module's content copies and renamed files."""
    return tmp_path_factory.mktemp("bad_input")
