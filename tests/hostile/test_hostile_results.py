"""Hostile result files beside good ones (issue 12 items 1, 2, 3, 12, 14): the report is built,
every bad file is named with its reason, and no bad file changes a number.

The corpus: each entry below turns a genuine result file into one reproducer (as written in
the issue), sealed again with a fresh checksum where that makes the attack harder.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from game.classroom.result_files import build_result, checksum, write_result
from game.classroom.workshops import Workshops
from game.cli import main
from game.cli.output import safe
from game.core import paths
from game.play.plan import Plan, play

Body = dict[str, Any]


def _set(path: str, value: Any) -> Callable[[Body], None]:
    def change(body: Body) -> None:
        node: Any = body
        keys = path.split(".")
        for key in keys[:-1]:
            node = node[int(key)] if isinstance(node, list) else node[key]
        last = keys[-1]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value
    return change


SEALED: dict[str, Callable[[Body], None]] = {
    "huge_measure": _set("measures.lives_vs_baseline", 1.7e308),
    "huge_negative": _set("measures.human_rights.abuses", -1.7e308),
    "finding_fx": _set("measures.findings_met", ["Fx"]),
    "number_as_string": _set("measures.legitimacy.end", "0.5"),
    "action_list": _set("decisions.0.action", ["vet_police"]),
    "turn_x": _set("decisions.0.turn", "x"),
    "switches_list": _set("workshop.settings.switches", ["military_backfire"]),
    "edited_outcome": _set("measures.lives_vs_baseline", 99999),
    "edited_series": _set("turns.0.scope.homicides", 1),
    "fake_workshop": _set("workshop.code", "PLZ-ZZZZ-ZZZZ-ZZ"),
    "unknown_action": _set("decisions.0.action", "nuke_everything"),
    "turn_99": _set("decisions.0.turn", 99),
    "bool_seed": _set("setup.seed", True),
    "long_name": _set("player", "x" * 5000),
    "nested_in_event": _set("turns.0.events", [[[[[[]]]]]]),
    "played_more": _set("setup.turns_played", 40),
    "prediction_turn_0": _set("predictions", [{"turn": 0, "violence": "rise",
                                               "legitimacy": "fall", "outcome": {},
                                               "right": {}}]),
}
RAW: dict[str, Callable[[str], str]] = {
    "digits_5000": lambda text: text.replace('"seed": ', '"seed": ' + "9" * 5000 + ", \"x\": ", 1),
    "nested_100k": lambda text: "[" * 100_000 + "]" * 100_000,
    "version_minus_5": lambda text: text.replace('"version": 2', '"version": -5', 1),
    "version_newer": lambda text: text.replace('"version": 2', '"version": 99', 1),
    "not_json": lambda text: text[: len(text) // 3],
    "nan": lambda text: text.replace('"lives_vs_baseline": ', '"lives_vs_baseline": NaN, "y": ', 1),
    "empty": lambda text: "",
    "utf16": lambda text: text.encode("utf-16").decode("latin-1"),
    "escape_in_name": lambda text: text.replace('"player": "', '"player": "\\u001b[2J\\u001b[H', 1),
    "top_list": lambda text: "[1, 2, 3]",
    "other_format": lambda text: '{"format": "plaza-save", "version": 1}',
    "body_string": lambda text: '{"format": "plaza-result", "version": 2, "checksum": "x", '
                                '"body": "hello"}',
    "null_bytes": lambda text: "\x00" * 100,
}


@pytest.fixture(scope="module")
def hostile_class(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Three genuine teams and 30 hostile files in one folder."""
    workshops = Workshops.load(paths.content_root())
    workshop = workshops.from_data({"scenario": "juarez-2010", "seed": 5, "role": "municipal",
                                    "turns": 6})
    code = workshops.code(workshop)
    folder = tmp_path_factory.mktemp("hostile")
    good = []
    for n, action in enumerate(("vet_police", "community_policing", "civic_alliances")):
        from game.play.commands import EnactIntervention
        from game.play.plan import Step

        game = workshops.new_game(workshop)
        play(game, Plan([Step(1, EnactIntervention(action, "juarez"))]), 6)
        path = folder / f"good-{n}.json"
        write_result(path, build_result(game, f"Good {n}", workshop, code=code))
        good.append(path)
    base = good[0].read_text(encoding="utf-8")
    for name, change in SEALED.items():
        data = json.loads(base)
        change(data["body"])
        data["body"]["player"] = data["body"]["player"] if name == "long_name" else f"Bad {name}"
        data["checksum"] = checksum(data["body"])
        (folder / f"bad-{name}.json").write_text(json.dumps(data), encoding="utf-8")
    for name, damage in RAW.items():
        (folder / f"bad-{name}.json").write_text(damage(base), encoding="utf-8")
    for n in range(4):  # four copies of one forged-workshop file try to outvote the class
        (folder / f"bad-copy-{n}.json").write_text(
            (folder / "bad-fake_workshop.json").read_text("utf-8"), encoding="utf-8")
    return {"folder": folder, "good": good, "code": code,
            "bad": sorted(p.name for p in folder.glob("bad-*.json"))}


def test_the_hostile_class_gets_its_report(hostile_class: dict[str, Any],
                                           tmp_path: Path) -> None:
    """Exit 0; the three good teams in; every bad file named on stderr; no bad team in."""
    assert len(hostile_class["bad"]) >= 30
    out = tmp_path / "report.html"
    err, std = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(std):
        code = main(["debrief", str(hostile_class["folder"]), "-o", str(out)])
    assert code == 0, err.getvalue()
    page = out.read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="data">(.*?)</script>', page, re.S).group(1))  # type: ignore[union-attr]
    assert sorted(t["name"] for t in data["teams"]) == ["Good 0", "Good 1", "Good 2"]
    assert data["workshop"] == hostile_class["code"]
    named = err.getvalue()
    for name in hostile_class["bad"]:
        assert name in named, name
    assert "\x1b" not in named  # escape sequences from a name never reach the terminal


def test_terminal_text_is_made_safe() -> None:
    """Control characters and direction overrides are shown as escapes; letters are kept."""
    assert safe("Équipe\x1b[2J\u202e") == "Équipe\\x1b[2J\\u202e"
    assert safe("Los Ñandúes") == "Los Ñandúes"
