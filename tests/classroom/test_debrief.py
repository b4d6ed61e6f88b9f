"""The class debrief: a generated class of 30, checked for content against its inputs."""

from __future__ import annotations

import contextlib
import html
import io
import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from game.classroom.result_files import read_result
from game.classroom.workshops import Workshops
from game.cli import main

from .classgen import make_class, team_name

TEAMS = 30


@pytest.fixture(scope="module")
def klass(workshops: Workshops, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """30 teams of one workshop, plus a damaged, an edited, a foreign and a duplicated file."""
    folder = tmp_path_factory.mktemp("class")
    workshop = workshops.from_data({"scenario": "juarez-2010", "seed": 42, "role": "municipal"})
    files = make_class(folder / "teams", workshops, workshop, TEAMS, seed=3)
    other = workshop.model_copy(update={"seed": 43})
    foreign = make_class(folder / "other", workshops, other, 1, seed=4)[0]
    damaged = folder / "damaged.json"
    damaged.write_text(files[0].read_text(encoding="utf-8")[:500], encoding="utf-8")
    edited = folder / "edited.json"
    data = json.loads(files[1].read_text(encoding="utf-8"))
    data["body"]["measures"]["lives_vs_baseline"] = 99999
    edited.write_text(json.dumps(data), encoding="utf-8")
    duplicate = folder / "copy-of-team-003.json"
    shutil.copy(files[2], duplicate)
    return {"folder": folder, "files": files, "foreign": foreign, "damaged": damaged,
            "edited": edited, "duplicate": duplicate, "code": workshops.code(workshop)}


@pytest.fixture(scope="module")
def report(klass: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The debrief of the class with the bad files mixed in (run through the command line)."""
    out = tmp_path_factory.mktemp("report") / "report.html"
    args = ["debrief", str(klass["folder"] / "teams"), str(klass["foreign"]),
            str(klass["damaged"]), str(klass["edited"]), str(klass["duplicate"]), "-o", str(out)]
    err, std = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(std):
        code = main(args)
    text = out.read_text(encoding="utf-8")
    island = re.search(r'<script type="application/json" id="data">(.*?)</script>', text, re.S)
    assert island is not None
    return {"code": code, "html": text, "stderr": err.getvalue(), "stdout": std.getvalue(),
            "data": json.loads(island.group(1))}


def bodies(klass: dict[str, Any]) -> list[dict[str, Any]]:
    """The usable inputs."""
    return [read_result(path)["body"] for path in klass["files"]]


def test_every_team_is_in_the_report(klass: dict[str, Any], report: dict[str, Any]) -> None:
    """Every team's name appears (escaped), once in the table; the report exits 0."""
    assert report["code"] == 0
    page = report["html"]
    for k in range(TEAMS):
        name = team_name(k)
        assert html.escape(name) in page
        assert page.count(f'<tr data-team="{html.escape(name)}"') == 1
    assert "<b>A</b>" not in page  # a team name is text, never markup
    assert len(report["data"]["teams"]) == TEAMS


def test_every_chart_is_an_inline_svg(report: dict[str, Any]) -> None:
    """Four strip plots, two trajectory charts, one small chart per team and the heat map."""
    page = report["html"]
    for chart in ("spread-lives", "spread-legitimacy", "spread-abuses", "spread-civilians",
                  "lines-homicides", "lines-legitimacy", "heat-actions"):
        assert re.search(rf'<svg [^>]*id="{chart}"', page), chart
    for n in range(TEAMS):
        assert f'id="team-{n}"' in page
    assert page.count("<svg ") == 7 + TEAMS


def test_numbers_in_the_report_equal_the_inputs(klass: dict[str, Any],
                                                report: dict[str, Any]) -> None:
    """The data island, the table cells and the dots carry the same numbers as the files."""
    by_name = {body["player"]: body for body in bodies(klass)}
    page = report["html"]
    for team in report["data"]["teams"]:
        body = by_name[team["name"]]
        m = body["measures"]
        assert team["lives"] == m["lives_vs_baseline"]
        assert team["abuses"] == m["human_rights"]["abuses"]
        assert team["civilians"] == m["human_rights"]["civilian_deaths"]
        assert team["legitimacy"] == round(m["legitimacy"]["end"] * 100, 1)
        assert team["homicides_by_turn"] == [t["scope"]["homicides"] for t in body["turns"]]
        assert team["findings"] == m["findings_met"]
        row = re.search(rf'<tr data-team="{re.escape(html.escape(team["name"]))}".*?</tr>',
                        page, re.S)
        assert row is not None
        cells = dict(re.findall(r'data-col="(\w+)" data-value="([-\d.]+)"', row.group(0)))
        assert float(cells["lives"]) == m["lives_vs_baseline"]
        assert float(cells["abuses"]) == m["human_rights"]["abuses"]
        dot = re.search(rf'<circle [^>]*data-team="{re.escape(html.escape(team["name"]))}" '
                        r'data-value="([-\d.]+)"', page)
        assert dot is not None and float(dot.group(1)) == m["lives_vs_baseline"]
    assert report["data"]["baseline"]["abuses"] == \
        bodies(klass)[0]["measures"]["human_rights"]["baseline_abuses"]


def test_heat_map_counts_the_inputs(klass: dict[str, Any], report: dict[str, Any]) -> None:
    """Each cell is the number of teams that started that intervention in that quarter."""
    expected: Counter[tuple[str, int]] = Counter()
    for body in bodies(klass):
        expected.update({(d["action"], d["turn"]) for d in body["decisions"]
                         if d["verb"] == "enact"})
    shown = {(a, int(t)): int(c) for a, t, c in re.findall(
        r'data-action="(\w+)" data-turn="(\d+)" data-count="(\d+)"', report["html"]) if int(c)}
    assert shown == dict(expected)
    met = Counter(f for body in bodies(klass) for f in body["measures"]["findings_met"])
    assert report["data"]["findings"] == dict(met)


def test_bad_and_foreign_files_are_named_and_the_rest_used(klass: dict[str, Any],
                                                           report: dict[str, Any]) -> None:
    """Damaged, edited, other-workshop and duplicate files: named in the report and on stderr."""
    skipped = {Path(item["file"]).name: item["reason"] for item in report["data"]["skipped"]}
    assert set(skipped) == {"damaged.json", "edited.json", klass["foreign"].name,
                            "copy-of-team-003.json"}
    assert "damaged" in skipped["damaged.json"]
    assert "checksum" in skipped["edited.json"]
    assert "another workshop" in skipped[klass["foreign"].name]
    assert "team-003.json" in skipped["copy-of-team-003.json"]
    for name in skipped:
        assert name in report["stderr"]
        assert html.escape(name) in report["html"]
    assert "read 25 of" in report["stderr"]


def test_the_report_is_self_contained(report: dict[str, Any]) -> None:
    """No URL, no linked or scripted resource: it opens offline and runs no code."""
    page = report["html"]
    assert "http://" not in page and "https://" not in page
    assert not re.search(r"\s(src|href)=", page)
    assert re.findall(r"<script[^>]*>", page) == ['<script type="application/json" id="data">']
    assert "@media print" in page and "break-before:page" in page


def test_spanish_report_and_no_usable_file(klass: dict[str, Any], tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """--lang es writes the Spanish report; only bad files: exit 2 and nothing written."""
    out = tmp_path / "es.html"
    assert main(["debrief", *map(str, klass["files"][:3]), "--lang", "es", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert '<html lang="es-MX">' in page and "Cierre de la clase" in page
    capsys.readouterr()
    none = tmp_path / "none.html"
    assert main(["debrief", str(klass["damaged"]), "-o", str(none)]) == 2
    err = capsys.readouterr().err
    assert "damaged.json" in err and "no usable result file" in err
    assert not none.exists()
