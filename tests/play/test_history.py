"""History mode: the script replays the same way, each real decision is a command of its
quarter, taking over keeps history before the quarter, and a branch keeps its first path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from game_process import run_game

from game.content import load_content
from game.content.loader import scenario_problems
from game.content.schema import ContentPack
from game.core.i18n import Translator
from game.core.paths import content_root
from game.play.campaign import Campaign, Logged
from game.play.history import (
    branch_of,
    cached_first_path,
    first_path,
    go_back,
    history_game,
    history_marks,
    is_history_of,
    path_gap,
    real_plan,
    span,
    take_over,
    take_over_game,
)
from game.play.plan import Plan, Step, play
from game.sim.commands import AnswerDilemma, EnactIntervention

SCENARIO = "history-2006"
PLAN = Path(__file__).resolve().parents[1] / "golden" / "plans" / "national.toml"


@pytest.fixture(scope="module")
def pack() -> ContentPack:
    return load_content(content_root())


@pytest.fixture(scope="module")
def history(pack: ContentPack) -> Campaign:
    """History as it was played, seed 4, over the whole span."""
    game, _ = history_game(pack, SCENARIO, 4)
    return game


def test_history_covers_2006_to_2024_and_replays_the_same(pack: ContentPack,
                                                          history: Campaign) -> None:
    scenario = pack.scenarios[SCENARIO]
    assert span(scenario) == 72 and history.turn == 72
    assert history.records[0].period == "2006-Q4" and history.records[-1].period == "2024-Q3"
    again, _ = history_game(pack, SCENARIO, 4)
    assert again.fingerprint() == history.fingerprint()
    assert [r.as_json() for r in again.records] == [r.as_json() for r in history.records]
    other, _ = history_game(pack, SCENARIO, 5, 8)  # another world differs from the start
    assert [r.as_json() for r in other.records] != [r.as_json() for r in history.records[:8]]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_real_decision_is_a_command_of_its_quarter(pack: ContentPack, seed: int) -> None:
    game = Campaign.new(pack, SCENARIO, "federal", None, seed)
    plan = real_plan(pack.scenarios[SCENARIO])
    assert len(plan.steps) >= 30
    play(game, plan, 72, strict=True)  # raises Impossible at the first refused decision
    done = {(entry.turn, repr(entry.command)) for entry in game.log if not entry.default}
    assert done == {(step.turn, repr(step.command)) for step in plan.steps}


def test_history_cites_a_source_and_explains_every_mark(pack: ContentPack) -> None:
    scenario = pack.scenarios[SCENARIO]
    marks = history_marks(scenario)
    assert [m.turn for m in marks] == sorted(m.turn for m in marks)
    assert {"2006-Q4", "2008-Q1", "2010-Q1", "2014-Q1", "2019-Q2", "2023-Q1"} <= \
        {m.period for m in marks}
    for lang in ("en", "es"):
        t = Translator(lang)
        for mark in marks:
            assert mark.source is not None
            assert t(mark.note) != mark.note, f"{lang}: {mark.note} has no text"
    kinds = {type(m.command).__name__ for m in marks}
    assert {"EnactIntervention", "RepealIntervention", "AnswerDilemma", "NoneType"} <= kinds


def test_the_content_check_names_a_bad_history_entry(pack: ContentPack) -> None:
    scenario = pack.scenarios[SCENARIO]
    bad = scenario.history[1].model_copy(update={"action": "deploy_navy", "source": "nobody"})
    late = scenario.history[1].model_copy(update={"period": "2030-Q1"})
    broken = scenario.model_copy(update={"history": [bad, late]})
    ok = dict.fromkeys(("parameters", "findings", "world", "interventions", "events"), True)
    problems = {(p.field, p.message) for p in scenario_problems(pack, broken, "x.toml", ok)}
    assert ("history[0].action", "unknown action 'deploy_navy'") in problems
    assert ("history[0].source", "unknown source 'nobody'") in problems
    assert any(field == "history[1].period" for field, _ in problems)


def test_take_over_keeps_everything_before_the_quarter(pack: ContentPack,
                                                       history: Campaign) -> None:
    turn = 14  # 2010-Q1
    game = take_over_game(pack, SCENARIO, 4, turn)
    assert game.turn == turn - 1 and game.period() == "2010-Q1"
    assert branch_of(game) is not None and branch_of(game).kind == "history"  # type: ignore[union-attr]
    game.enact("withdraw_forces", "juarez")
    play(game, Plan(), 20)
    assert [r.as_json() for r in game.records[:turn - 1]] == \
        [r.as_json() for r in history.records[:turn - 1]]
    assert game.records[turn - 1].as_json() != history.records[turn - 1].as_json()
    first = first_path(game)
    assert first is not None and first.fingerprint() == history.fingerprint()
    gap = path_gap(first, game, turn)
    lives = sum(a.national["true_homicides"] - b.national["true_homicides"]
                for a, b in zip(history.records[turn - 1:20], game.records[turn - 1:20],
                                strict=True))
    assert gap.lives == round(lives) and gap.to_turn == 20


def test_a_taken_over_plan_counts_from_the_quarter(pack: ContentPack) -> None:
    scenario = pack.scenarios[SCENARIO]
    mine = Plan([Step(1, EnactIntervention("amnesty", "juarez"))], {"capture_siege": "hold"})
    merged = take_over(real_plan(scenario), 14, mine)
    assert all(step.turn < 14 for step in merged.steps[:-1])
    assert merged.steps[-1].turn == 14 and merged.responses_from == 14
    assert not any(isinstance(s.command, AnswerDilemma) and s.turn >= 14 for s in merged.steps)


def test_the_command_line_takes_over_at_a_quarter(tmp_path: Path) -> None:
    out_history, out_mine = tmp_path / "h.json", tmp_path / "m.json"
    base = ["simulate", "--scenario", SCENARIO, "--seed", "2", "--turns", "24"]
    assert run_game(*base, "--out", out_history).returncode == 0
    plan = tmp_path / "plan.toml"  # the national plan less its Guard card: 2010 is before it
    plan.write_text("\n".join(line for line in PLAN.read_text(encoding="utf-8").split("\n\n")
                              if "guard_to_migration" not in line), encoding="utf-8")
    proc = run_game(*base, "--take-over", "2010-Q1", "--plan", plan, "--out", out_mine)
    assert proc.returncode == 0, proc.stderr
    history, mine = (json.loads(p.read_text())["turns"] for p in (out_history, out_mine))
    assert len(history) == len(mine) == 24
    assert [t["regions"] for t in history[:13]] == [t["regions"] for t in mine[:13]]
    assert history[13]["period"] == "2010-Q1" and history[13:] != mine[13:]


@pytest.mark.parametrize(("args", "field"), [
    (["--scenario", SCENARIO, "--take-over", "2030-Q1"], "--take-over"),
    (["--scenario", SCENARIO, "--take-over", "spring"], "--take-over"),
    (["--scenario", "national-2018", "--take-over", "2019-Q1"], "--take-over"),
    (["--scenario", SCENARIO, "--turns", "73"], "--turns"),
    (["--scenario", "national-2018", "--turns", "41"], "--turns"),
])
def test_the_command_line_refuses_a_quarter_outside_history(args: list[str], field: str) -> None:
    proc = run_game("simulate", *args, "--format", "summary")
    assert proc.returncode == 2
    assert f"(command line): {field}:" in proc.stderr


def test_going_back_keeps_the_first_path_through_a_save(pack: ContentPack,
                                                        tmp_path: Path) -> None:
    game = Campaign.new(pack, "juarez-2010", "municipal", "juarez", 9)
    game.enact("vet_police", "juarez")
    play(game, Plan(), 5)
    new = go_back(game, 3)
    assert new.turn == 2 and [r.as_json() for r in new.records] == \
        [r.as_json() for r in game.records[:2]]
    new.enact("community_policing", "juarez")
    play(new, Plan(), 6)
    new.save(tmp_path / "branch.json")
    loaded = Campaign.load(pack, tmp_path / "branch.json")
    branch = branch_of(loaded)
    assert branch is not None and branch.kind == "back" and branch.turn == 3
    first = first_path(loaded)
    assert first is not None and first.fingerprint() == game.fingerprint()
    gap = path_gap(first, loaded, 3)
    assert gap.from_turn == 3 and gap.to_turn == 5


def test_a_workshop_plays_at_most_forty_quarters_of_history(tmp_path: Path) -> None:
    base = ("workshop", "new", "--scenario", SCENARIO, "--seed", "3", "--role", "federal",
            "--out", tmp_path / "w.toml")
    refused = run_game(*base)
    assert refused.returncode == 2 and "(command line): turns:" in refused.stderr
    assert run_game(*base, "--turns", "24").returncode == 0



def test_history_already_played_is_the_first_path_and_nothing_else_is(
        pack: ContentPack, history: Campaign) -> None:
    """History mode hands its own game over as the first path of a game taken over from it;
    a game that is not that history (not played to the end, or with a decision history
    never took) is not taken for it."""
    kept = take_over_game(pack, SCENARIO, 4, 14, played=history)
    assert cached_first_path(kept) is history
    assert is_history_of(history, kept)
    assert not is_history_of(kept, kept)  # played to quarter 13, not to the end of the span
    history.log.append(Logged(40, EnactIntervention("amnesty", "juarez")))
    try:  # the same history with one decision more, which history never took
        assert not is_history_of(history, kept)
    finally:
        history.log.pop()
    assert is_history_of(history, kept)
