"""The class debrief: a generated class, checked against its inputs, with bad results mixed in.

Every result is verified by replay, so a forged file (an edited outcome with its checksum
recomputed) is named and left out; copies, other workshops and earlier saves of a team are
named too; games that stopped early are set apart; codes join the class like files.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from markupsafe import escape

from game.classroom.debrief import figures
from game.classroom.debrief.figures import WORLD_SEED_OFFSET, Robustness, class_robustness
from game.classroom.result_codes import TeamGame, encode_result
from game.classroom.result_files import build_result, checksum, read_result, write_result
from game.classroom.workshops import Workshops
from game.cli import main
from game.play.campaign import Campaign
from game.play.commands import AnswerDilemma
from game.play.plan import Plan, Step, play
from game.play.scope import scope_regions
from game.sim.lab import Lab

from .classgen import make_class, random_plan, team_name

TEAMS = 10


def esc(text: str) -> str:
    """Text as the report's template escapes it."""
    return str(escape(text))


def forge(source: Path, target: Path, change: Any) -> None:
    """Copy a result, change its body, and seal it again with a fresh checksum."""
    data = json.loads(source.read_text(encoding="utf-8"))
    change(data["body"])
    data["checksum"] = checksum(data["body"])
    target.write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture(scope="module")
def klass(workshops: Workshops, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A class of one workshop, plus damaged, forged, foreign, copied and unfinished results."""
    import random

    folder = tmp_path_factory.mktemp("class")
    workshop = workshops.from_data({"scenario": "juarez-2010", "seed": 42, "role": "municipal"})
    files = make_class(folder / "teams", workshops, workshop, TEAMS, seed=3)
    other = workshop.model_copy(update={"seed": 43})
    foreign = make_class(folder / "other", workshops, other, 1, seed=4)[0]
    damaged = folder / "damaged.json"
    damaged.write_text(files[0].read_text(encoding="utf-8")[:500], encoding="utf-8")
    forged = folder / "forged.json"

    def better(body: dict[str, Any]) -> None:
        body["player"] = "Forgers"
        body["measures"]["lives_vs_baseline"] += 500

    forge(files[1], forged, better)
    duplicate = folder / "copy-of-team-003.json"
    shutil.copy(files[2], duplicate)
    # A team that saved from the pause menu after 5 quarters, then again at the end.
    rng = random.Random(9)
    plan = Plan.from_file(random_plan(workshops, workshop, rng))
    early = workshops.new_game(workshop)
    play(early, plan, 5)
    earlier = folder / "pause-save.json"
    write_result(earlier, build_result(early, "Late Team", workshop, code=workshops.code(workshop)))
    play(early, plan, workshops.turns(workshop))
    latest = folder / "end-save.json"
    write_result(latest, build_result(early, "Late Team", workshop, code=workshops.code(workshop)))
    # A team that stopped after 4 quarters and never finished.
    stopped = workshops.new_game(workshop)
    play(stopped, Plan.from_file(random_plan(workshops, workshop, rng)), 4)
    unfinished = folder / "stopped.json"
    write_result(unfinished, build_result(stopped, "Quitters", workshop,
                                          code=workshops.code(workshop)))
    # Two teams handed in codes, one mistyped.
    codes = []
    for name in ("Code Team A", "Code Team B"):
        game = workshops.new_game(workshop)
        play(game, Plan.from_file(random_plan(workshops, workshop, rng)), workshops.turns(workshop))
        codes.append(encode_result(TeamGame.of(game, workshop, name, []), workshops.pack,
                                   workshops.switches))
    typo = codes[0][:-1] + ("0" if codes[0][-1] != "0" else "1")
    code_file = folder / "codes.txt"
    code_file.write_text(f"# class codes\n{codes[0]}\n\n{codes[1].lower()}  # pasted\n{typo}\n",
                         encoding="utf-8")
    return {"folder": folder, "files": files, "foreign": foreign, "damaged": damaged,
            "forged": forged, "duplicate": duplicate, "earlier": earlier, "latest": latest,
            "unfinished": unfinished, "codes": code_file, "code": workshops.code(workshop)}


@pytest.fixture(scope="module")
def report(klass: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The debrief of the class with the bad results mixed in (run through the command line)."""
    out = tmp_path_factory.mktemp("report") / "report.html"
    args = ["debrief", str(klass["folder"] / "teams"), str(klass["foreign"]),
            str(klass["damaged"]), str(klass["forged"]), str(klass["duplicate"]),
            str(klass["earlier"]), str(klass["latest"]), str(klass["unfinished"]),
            "--codes", str(klass["codes"]), "-o", str(out)]
    err, std = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(std):
        code = main(args)
    text = out.read_text(encoding="utf-8")
    island = re.search(r'<script type="application/json" id="data">(.*?)</script>', text, re.S)
    assert island is not None
    return {"code": code, "html": text, "stderr": err.getvalue(), "stdout": std.getvalue(),
            "data": json.loads(island.group(1))}


def bodies(klass: dict[str, Any]) -> list[dict[str, Any]]:
    """The genuine files' bodies."""
    return [read_result(path)["body"] for path in klass["files"]]


def test_every_team_is_named_on_every_chart(report: dict[str, Any]) -> None:
    """Each finished team: a row in the table and a named mark on every dot plot, escaped."""
    assert report["code"] == 0
    page = report["html"]
    names = [team_name(k) for k in range(TEAMS)] + ["Late Team", "Code Team A", "Code Team B"]
    for name in names:
        escaped = esc(name)
        assert page.count('<tr class="team') >= len(names)
        for chart in ("spread-lives", "spread-legitimacy", "spread-abuses", "spread-civilians"):
            svg = re.search(rf'<svg [^>]*id="{chart}".*?</svg>', page, re.S)
            assert svg is not None and f'data-team="{escaped}"' in svg.group(0), (chart, name)
            assert f'class="name">{escaped}</text>' in svg.group(0)
    assert "<b>A</b>" not in page  # a team name is text, never markup
    assert len([t for t in report["data"]["teams"] if t["finished"]]) == len(names)


def test_numbers_are_the_replays_and_equal_genuine_files(klass: dict[str, Any],
                                                         report: dict[str, Any]) -> None:
    """A genuine file's numbers are exactly what its replay gives, in the island and the table."""
    by_name = {body["player"]: body for body in bodies(klass)}
    for team in report["data"]["teams"]:
        body = by_name.get(team["name"])
        if body is None:
            continue
        m = body["measures"]
        assert team["lives"] == m["lives_vs_baseline"]
        assert team["abuses"] == m["human_rights"]["abuses"]
        assert team["homicides_by_turn"] == [t["scope"]["homicides"] for t in body["turns"]]
        assert team["findings"] == m["findings_met"]
        row = re.search(rf'<tr class="team t\d+" data-team="{re.escape(esc(team["name"]))}"'
                        r' data-file=.*?</tr>', report["html"], re.S)
        assert row is not None
        cells = dict(re.findall(r'data-col="(\w+)" data-value="([-\d.]+)"', row.group(0)))
        assert float(cells["lives"]) == m["lives_vs_baseline"]


def test_bad_results_are_named_with_their_reason(klass: dict[str, Any],
                                                 report: dict[str, Any]) -> None:
    """Damaged, forged, foreign, copied, earlier and mistyped: each named, on stderr and in HTML."""
    skipped = {Path(item["source"]).name if "line" not in item["source"] else "typo":
               item["reason"] for item in report["data"]["skipped"]}
    assert "cannot be read" in skipped["damaged.json"]
    assert "edited or from another version" in skipped["forged.json"]
    assert "measures.lives_vs_baseline" in skipped["forged.json"]
    assert "another workshop" in skipped[klass["foreign"].name]
    assert "team-003.json" in skipped["copy-of-team-003.json"]
    assert "end-save.json" in skipped["pause-save.json"]
    assert "typo" in skipped["typo"]
    for name in ("damaged.json", "forged.json", "copy-of-team-003.json", "pause-save.json"):
        assert name in report["stderr"]
        assert esc(name) in report["html"]
    assert "Forgers" not in [t["name"] for t in report["data"]["teams"]]


def test_unfinished_games_are_set_apart(report: dict[str, Any]) -> None:
    """A game that stopped early is listed apart and ranked nowhere."""
    quitters = [t for t in report["data"]["teams"] if t["name"] == "Quitters"]
    assert len(quitters) == 1 and not quitters[0]["finished"] and quitters[0]["turns_played"] == 4
    page = report["html"]
    for chart in ("spread-lives", "spread-abuses"):
        svg = re.search(rf'<svg [^>]*id="{chart}".*?</svg>', page, re.S)
        assert svg is not None and "Quitters" not in svg.group(0)
    assert 'id="unfinished"' in page
    best = re.search(r'<table class="best">.*?</table>', page, re.S)
    assert best is not None and "Quitters" not in best.group(0)


def test_each_team_has_its_causes_prices_and_other_worlds(report: dict[str, Any]) -> None:
    """Up to three causes whose lives add up to no more than the whole difference, a range."""
    for team in report["data"]["teams"]:
        assert len(team["causes"]) <= 3
        if team["finished"]:
            worlds = team["worlds"]
            assert worlds["worlds"] == 100 and worlds["low"] <= worlds["median"] <= worlds["high"]
            assert team["next_lives"] is not None
        if not [d for d in team["decisions"] if not d.get("default")]:
            assert team["causes"] == [] and team["lives"] == 0


def test_findings_come_from_the_teams_own_decisions(report: dict[str, Any],
                                                    workshops: Workshops) -> None:
    """A finding is met only through an intervention started or a dilemma that arose."""
    pack = workshops.pack
    for team in report["data"]["teams"]:
        allowed = {f for d in team["decisions"] if d["verb"] == "enact"
                   for f in pack.interventions[d["action"]].findings}
        allowed |= {f for e in pack.events.values() for f in e.findings}
        assert set(team["findings"]) <= allowed


def test_the_report_is_self_contained_and_prints(report: dict[str, Any]) -> None:
    """No URL, no linked or scripted resource; presenter mode and A4 print are CSS."""
    page = report["html"]
    assert "http://" not in page and "https://" not in page
    assert not re.search(r"\s(src|href)=", page)
    assert re.findall(r"<script[^>]*>", page) == ['<script type="application/json" id="data">']
    assert "@page{size:A4" in page and "#present:target" in page
    assert "break-before:page" not in page  # no forced half-empty pages


def test_majority_is_chosen_after_copies_are_dropped(klass: dict[str, Any], tmp_path: Path,
                                                     workshops: Workshops) -> None:
    """Four copies of one file from another workshop cannot outvote three real teams."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    for path in klass["files"][:3]:
        shutil.copy(path, folder / path.name)
    for n in range(4):
        shutil.copy(klass["foreign"], folder / f"fake-{n}.json")
    out = tmp_path / "r.html"
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        assert main(["debrief", str(folder), "-o", str(out)]) == 0
    data = json.loads(re.search(r'id="data">(.*?)</script>', out.read_text("utf-8"), re.S)
                      .group(1))  # type: ignore[union-attr]
    assert len(data["teams"]) == 3 and data["workshop"] == klass["code"]


def test_spanish_report_and_no_usable_result(klass: dict[str, Any], tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """--lang es writes the Spanish report; only bad files: exit 2 and nothing written."""
    out = tmp_path / "es.html"
    assert main(["debrief", *map(str, klass["files"][:3]), "--lang", "es", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert '<html lang="es-MX">' in page and "Cierre de la clase" in page
    assert "1 teams" not in page and "Highlight" not in page
    capsys.readouterr()
    none = tmp_path / "none.html"
    assert main(["debrief", str(klass["damaged"]), "-o", str(none)]) == 2
    err = capsys.readouterr().err
    assert "damaged.json" in err and "no usable result" in err
    assert not none.exists()


def _alone(game: Campaign, played: int, worlds: int) -> Robustness:
    """A team's other worlds on their own, as the report worked them out before classes
    shared a lab: the team's lab with its own no-new-policy worlds."""
    lab = Lab(game.pack, game.scenario_id, game.role, game.region,
              game.seed + WORLD_SEED_OFFSET, worlds, game.overrides, baseline=True)
    answers = {e.command.event_id: e.command.choice_id for e in game.log
               if isinstance(e.command, AnswerDilemma) and e.turn <= played}
    steps = [Step(e.turn, e.command) for e in game.log
             if not e.default and e.turn <= played and not isinstance(e.command, AnswerDilemma)]
    play(lab, Plan(steps, answers), played)
    scope = [lab.world.region_index(r) for r in scope_regions(game)]
    mine, base = np.zeros(worlds), np.zeros(worlds)
    baseline = [lab.branches.baseline_run(k) for k in range(worlds)]
    for result in lab.results:
        values = result.regions["true_homicides"][:, scope].sum(axis=1)
        mine += values[:worlds]
        base += values[baseline]
    lives = base - mine
    low, median, high = np.percentile(lives, [10, 50, 90])
    return Robustness(round(float(low)), round(float(median)), round(float(high)),
                      round(float((lives > 0).mean()) * 100), worlds)


def test_a_class_s_other_worlds_are_each_team_s_own(workshops: Workshops,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Worked out in one lab per world the class plays, each team's other worlds give what
    they give alone: mayors' teams (one stopped after 5 quarters) answering the city's
    dilemmas each their own way, a federal team in another world, a hot-seat table (none)."""
    import random

    worlds = 12
    mayor = workshops.from_data({"scenario": "juarez-2010", "seed": 42, "role": "municipal"})
    federal = workshops.from_data({"scenario": "juarez-2010", "seed": 42, "role": "federal"})
    rng = random.Random(11)
    teams: list[tuple[Campaign, int]] = []
    for k, workshop in enumerate([mayor] * 5 + [federal]):
        game = workshops.new_game(workshop)
        plan = random_plan(workshops, workshop, rng)
        plan.responses.update({"salvarcar": rng.choice(["listen", "crack_down"]),
                               "federal_arrival": rng.choice(["joint_command", "keep_the_army"])})
        played = 5 if k == 1 else workshops.turns(workshop)
        play(game, Plan.from_file(plan), played)
        teams.append((game, played))
    table = Campaign.new_hot_seat(workshops.pack, "guerrero-2019", ["montana"], 3)
    play(table, Plan(), 4)
    together = class_robustness([*teams, (table, 4)], worlds)
    assert together[-1] is None
    for (game, played), robust in zip(teams, together, strict=False):
        assert robust == _alone(game, played, worlds), (game.role, played)
    assert len({r.median for r in together[:-1] if r is not None}) > 1  # the plans differ
    monkeypatch.setattr(figures, "TEAMS_PER_LAB", 2)  # a class shared over several labs
    assert class_robustness([*teams, (table, 4)], worlds) == together
