"""`python -m game simulate` keeps the command-line contract of ARCHITECTURE.md.

Output shapes (json, csv, table, summary), bounds, the homicide rate formula, batches of runs
that match single runs exactly, running past the term, --out, every scenario in every role,
and a plan's siege answer changing the outcome.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from game_process import Ran, run_game

from game.content import load_content
from game.content.schema import Decision, PlanFile
from game.core.paths import content_root
from game.play.lab import Simulation

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = REPO / "content" / "scenarios"

REGION_KEYS = {"homicides", "homicide_rate", "legitimacy", "competition", "visible_attacks",
               "civilian_deaths", "kidnappings", "police_integrity"}
NATIONAL_KEYS = {"homicides", "approval"}
UNIT_REGION_KEYS = ("legitimacy", "competition", "police_integrity")
COUNT_KEYS = ("homicides", "visible_attacks", "civilian_deaths", "kidnappings")
PERIOD = re.compile(r"^\d{4}-Q[1-4]$")


def ok(proc: Ran) -> str:
    """The stdout of a run that must succeed."""
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stdout


def scenario_file(scenario_id: str) -> dict[str, Any]:
    """The raw scenario TOML (for populations, roles and start dates)."""
    with (SCENARIOS / f"{scenario_id}.toml").open("rb") as handle:
        return tomllib.load(handle)


def populations(scenario_id: str) -> dict[str, float]:
    return {r["id"]: float(r["population"]) for r in scenario_file(scenario_id)["regions"]}


def scenario_roles() -> list[tuple[str, str, str | None]]:
    """(scenario, role, region) for every role every shipped scenario lists; every mayor's city."""
    combos: list[tuple[str, str, str | None]] = []
    for path in sorted(SCENARIOS.glob("*.toml")):
        data = scenario_file(path.stem)
        for role, setup in data["roles"].items():
            if role == "municipal":
                combos.extend((path.stem, role, city) for city in setup["regions"])
            else:
                combos.append((path.stem, role, None))
    return combos


COMBOS = scenario_roles()
SEED_BASE = 11


def combo_args(scenario: str, role: str, region: str | None) -> list[str]:
    args = ["simulate", "--scenario", scenario, "--role", role, "--seed", "4", "--turns", "3"]
    return args + (["--region", region] if region else [])


@pytest.fixture(scope="module")
def outputs() -> dict[str, str]:
    """Every command line this module reads, run once (in this process)."""
    jobs: dict[str, list[str]] = {
        "single": ["simulate", "--scenario", "juarez-2010", "--seed", "3", "--format", "json"],
        "batch": ["simulate", "--scenario", "juarez-2010", "--role", "municipal", "--seed",
                  str(SEED_BASE), "--runs", "3", "--turns", "6"],
        "long": ["simulate", "--scenario", "culiacan-2019", "--seed", "2", "--turns", "40"],
        "csv": ["simulate", "--scenario", "guerrero-2019", "--role", "federal", "--runs", "2",
                "--turns", "3", "--format", "csv"],
        "table": ["simulate", "--scenario", "juarez-2010", "--seed", "1", "--format", "table",
                  "--turns", "24"],
        "summary": ["simulate", "--scenario", "national-2018", "--runs", "25", "--turns", "6",
                    "--format", "summary"],
    }
    for k in range(3):
        jobs[f"single{k}"] = ["simulate", "--scenario", "juarez-2010", "--role", "municipal",
                              "--seed", str(SEED_BASE + k), "--turns", "6"]
    for combo in COMBOS:
        jobs[f"combo:{combo}"] = combo_args(*combo)
    return {name: ok(run_game(*args)) for name, args in jobs.items()}


# ---------------------------------------------------------------- json


def check_run(run: dict[str, Any], scenario_id: str) -> None:
    """One run's object: contract keys, periods, bounds, and the homicide rate formula."""
    assert {"scenario", "seed", "role", "turns", "summary"} <= set(run)
    assert run["scenario"] == scenario_id
    assert isinstance(run["seed"], int)
    assert run["role"] in ("federal", "municipal")
    assert isinstance(run["summary"], dict) and run["summary"]
    pops = populations(scenario_id)
    for n, turn in enumerate(run["turns"], start=1):
        assert {"turn", "period", "regions", "national", "events", "why"} <= set(turn)
        assert turn["turn"] == n
        assert PERIOD.match(turn["period"]), turn["period"]
        assert set(turn["regions"]) == set(pops)
        for rid, values in turn["regions"].items():
            assert set(values) >= REGION_KEYS, REGION_KEYS - set(values)
            for key in UNIT_REGION_KEYS:
                assert 0.0 <= values[key] <= 1.0, (rid, key, values[key])
            for key in COUNT_KEYS:
                assert values[key] >= 0
            # annualised per 100,000 (homicides is rounded to a whole count in the JSON)
            expected = values["homicides"] * 4 / pops[rid] * 100_000
            tolerance = 0.5 * 4 / pops[rid] * 100_000 + 1e-3
            assert math.isclose(values["homicide_rate"], expected, abs_tol=tolerance), (
                rid, values["homicide_rate"], expected)
        assert set(turn["national"]) >= NATIONAL_KEYS
        assert 0.0 <= turn["national"]["approval"] <= 1.0
        assert turn["national"]["homicides"] == pytest.approx(
            sum(v["homicides"] for v in turn["regions"].values()), abs=len(pops))
        assert isinstance(turn["events"], list)
        for event in turn["events"]:
            assert set(event) >= {"id", "region", "choice"}
            assert event["region"] in pops
        assert isinstance(turn["why"], dict)
        for indicator, places in turn["why"].items():
            assert isinstance(indicator, str)
            for causes in places.values():
                assert all(isinstance(v, int | float) for v in causes.values())


def test_json_single_run(outputs: dict[str, str]) -> None:
    run = json.loads(outputs["single"])
    check_run(run, "juarez-2010")
    assert run["seed"] == 3
    assert run["role"] == "federal"  # juarez-2010 lists federal: it is the default role
    term = scenario_file("juarez-2010")["roles"]["federal"]["turns"]
    assert len(run["turns"]) == term
    assert run["turns"][0]["period"] == "2010-Q1"
    assert run["turns"][4]["period"] == "2011-Q1"


def test_json_every_scenario_and_role(outputs: dict[str, str]) -> None:
    for combo in COMBOS:
        scenario, role, region = combo
        run = json.loads(outputs[f"combo:{combo}"])
        check_run(run, scenario)
        assert run["role"] == role
        assert len(run["turns"]) == 3
        if region is not None:
            assert run["region"] == region


def test_json_periods_follow_the_scenario_start(outputs: dict[str, str]) -> None:
    for combo in COMBOS:
        data = scenario_file(combo[0])
        first = json.loads(outputs[f"combo:{combo}"])["turns"][0]["period"]
        assert first == f"{data['start_year']}-Q{data['start_quarter']}"


def test_runs_are_consecutive_seeds_equal_to_single_runs(outputs: dict[str, str]) -> None:
    batch = json.loads(outputs["batch"])
    assert batch["seed"] == SEED_BASE
    assert len(batch["runs"]) == 3
    assert [r["seed"] for r in batch["runs"]] == [SEED_BASE, SEED_BASE + 1, SEED_BASE + 2]
    for k, run in enumerate(batch["runs"]):
        check_run(run, "juarez-2010")
        single = outputs[f"single{k}"].strip()
        again = json.dumps(run, ensure_ascii=False, separators=(",", ":"))
        assert again == single, f"run {k} of the batch differs from --seed {SEED_BASE + k}"
    assert batch["runs"][0]["turns"] != batch["runs"][1]["turns"]


def test_turns_past_the_term(outputs: dict[str, str]) -> None:
    run = json.loads(outputs["long"])
    check_run(run, "culiacan-2019")
    assert len(run["turns"]) == 40
    assert run["turns"][0]["period"] == "2019-Q3"
    assert run["turns"][-1]["period"] == "2029-Q2"
    periods = [t["period"] for t in run["turns"]]
    assert len(set(periods)) == 40


# ---------------------------------------------------------------- csv, table, summary


def test_csv_one_row_per_run_turn_region(outputs: dict[str, str]) -> None:
    rows = list(csv.reader(io.StringIO(outputs["csv"])))
    header, body = rows[0], rows[1:]
    assert header[:4] == ["seed", "turn", "period", "region"]
    assert {"homicides", "homicide_rate", "legitimacy"} <= set(header)
    regions = populations("guerrero-2019")
    assert len(body) == 2 * 3 * len(regions)
    assert {(r[0], r[1], r[3]) for r in body} == {
        (str(seed), str(turn), rid) for seed in (1, 2) for turn in (1, 2, 3) for rid in regions}
    assert all(len(r) == len(header) for r in body)
    legit = header.index("legitimacy")
    assert all(0 <= float(r[legit]) <= 1 for r in body)


def test_table_is_readable(outputs: dict[str, str]) -> None:
    text = outputs["table"]
    for period in ("2010-Q1", "2010-Q4", "2012-Q1", "2015-Q4"):
        assert period in text
    assert "Ciudad Juárez" in text and "Rest of Chihuahua" in text
    assert "Traceback" not in text and "@" not in text.replace("@@", "")
    # no untranslated message keys left in the output
    assert not re.search(r"\b(cli|region|event|role|scenario)\.[a-z_]+\b", text), text[:500]


def test_summary_three_percentiles_per_turn(outputs: dict[str, str]) -> None:
    lines = outputs["summary"].strip().splitlines()
    rows = [line for line in lines if PERIOD.match(line.split(" ", 1)[0])]
    assert [r.split()[0] for r in rows] == ["2018-Q4", "2019-Q1", "2019-Q2", "2019-Q3",
                                            "2019-Q4", "2020-Q1"][: len(rows)]
    assert len(rows) == 6
    for row in rows:
        cells = [c.strip() for c in re.split(r"\s{2,}", row.strip())[1:]]
        assert cells, row
        for cell in cells:
            parts = [float(x.replace(",", "")) for x in cell.split(" / ")]
            assert len(parts) == 3, cell
            assert parts[0] <= parts[1] <= parts[2], cell
    assert "25 runs" in outputs["summary"] or "25" in lines[0]


def test_out_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    proc = run_game("simulate", "--scenario", "juarez-2010", "--seed", "3", "--turns", "2",
                    "--out", out)
    ok(proc)
    assert proc.stdout.strip() == ""
    run = json.loads(out.read_text(encoding="utf-8"))
    check_run(run, "juarez-2010")
    assert len(run["turns"]) == 2


# ---------------------------------------------------------------- the siege answer


def siege_plan(answer: str) -> PlanFile:
    return PlanFile(decision=[Decision(turn=1, action="kingpin_operation", region="culiacan")],
                    responses={"capture_siege": answer})


def test_release_changes_the_outcome_against_hold(tmp_path: Path) -> None:
    """culiacan-2019, kingpin_operation on turn 1: a seed meets the siege, and its answer shows."""
    pack = load_content(content_root())
    first, runs, turns = 1, 40, 4
    hold = Simulation(pack, "culiacan-2019", "federal", None, first, runs, siege_plan("hold"))
    release = Simulation(pack, "culiacan-2019", "federal", None, first, runs,
                         siege_plan("release"))
    hold.run(turns)
    release.run(turns)
    sieges = [k for k in range(runs)
              if any(e["id"] == "capture_siege" for t in hold.run_json(k)["turns"]
                     for e in t["events"])]
    assert sieges, f"no siege in seeds {first}..{first + runs - 1}"
    seed = first + sieges[0]
    assert hold.run_json(sieges[0]) != release.run_json(sieges[0])

    # the same through the command line with plan files
    results = {}
    for answer in ("hold", "release"):
        plan = tmp_path / f"{answer}.toml"
        plan.write_text('[[decision]]\nturn = 1\naction = "kingpin_operation"\n'
                        f'region = "culiacan"\n\n[responses]\ncapture_siege = "{answer}"\n',
                        encoding="utf-8")
        results[answer] = json.loads(ok(run_game(
            "simulate", "--scenario", "culiacan-2019", "--seed", seed, "--turns", turns,
            "--plan", plan)))
    assert results["hold"] != results["release"]
    for answer, run in results.items():
        choices = [e["choice"] for t in run["turns"] for e in t["events"]
                   if e["id"] == "capture_siege" and e["choice"] is not None]
        assert choices == [answer]
    hold_deaths = sum(t["regions"]["culiacan"]["homicides"] for t in results["hold"]["turns"])
    release_deaths = sum(t["regions"]["culiacan"]["homicides"]
                         for t in results["release"]["turns"])
    assert hold_deaths != release_deaths
