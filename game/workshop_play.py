"""Headless play for classes: a plan played as one game (the game's Campaign) into a result file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from game.campaign import MAX_TURNS, Campaign, check_setup
from game.content.loader import load_plan
from game.content.schema import PlanFile, Role, Workshop
from game.core.i18n import Translator
from game.core.problems import BadInput, Problem
from game.results import Prediction, build_result, write_result
from game.sim.commands import Impossible
from game.sim.params import parse_overrides
from game.workshop import Workshops

CLI = "(command line)"


def play_plan(campaign: Campaign, plan: PlanFile, turns: int) -> list[str]:
    """Play a plan for `turns` quarters as a player would; return notes on decisions skipped.

    Decisions are enacted (or stopped) on their turn; pending dilemmas take the plan's answer,
    or their default when it gives none (as `Simulation.run` does).
    """
    notes: list[str] = []
    while campaign.turn < turns:
        turn = campaign.turn + 1
        for n, decision in enumerate(plan.decision):
            if decision.turn != turn:
                continue
            try:
                if decision.stop:
                    campaign.repeal(decision.action, decision.region, decision.player)
                else:
                    campaign.enact(decision.action, decision.region, decision.player)
            except Impossible as impossible:
                notes.append(f"decision[{n}] (turn {turn}, {decision.action}): skipped: "
                             f"{impossible.message.key}")
        for dilemma in campaign.pending_dilemmas():
            choice = plan.responses.get(dilemma.event_id)
            if choice is not None and campaign.answered(dilemma.event_id) is None:
                campaign.answer(dilemma.event_id, dilemma.region, choice)
        campaign.end_turn(allow_past_term=True)
    return notes


def check_enabled(plan: PlanFile, file: str, enabled: list[str]) -> list[Problem]:
    """Problems for plan decisions that use interventions the workshop does not enable."""
    allowed = set(enabled)
    return [Problem(file, f"decision[{n}].action",
                    f"'{d.action}' is not enabled in this workshop")
            for n, d in enumerate(plan.decision) if d.action not in allowed]


def workshop_campaign(workshops: Workshops, workshop: Workshop) -> Campaign:
    """A new game in a workshop's world (its scenario, seats, seed and assumptions).

    A workshop naming mayors starts a hot-seat game: the federal seat, then one per city.
    """
    if workshop.mayors:
        return Campaign.new_hot_seat(workshops.pack, workshop.scenario, list(workshop.mayors),
                                     workshop.seed, workshops.overrides(workshop))
    return Campaign.new(workshops.pack, workshop.scenario, workshop.role,
                        workshops.region(workshop), workshop.seed, workshops.overrides(workshop))


def run_classroom_simulate(args: argparse.Namespace, content: Path,
                           out: TextIO | None = None) -> int:
    """`simulate` with --workshop and/or --result: one game per plan, a result file written."""
    out = out or sys.stdout
    workshops = Workshops.load(content)
    pack = workshops.pack
    problems: list[Problem] = []
    workshop: Workshop | None = None
    if args.workshop is not None:
        workshop = workshops.resolve(args.workshop)
        for flag, value in (("--scenario", args.scenario), ("--role", args.role),
                            ("--region", args.region), ("--seed", args.seed),
                            ("--turns", args.turns), ("--set", args.set or None)):
            if value is not None:
                problems.append(Problem(CLI, flag, "comes from the workshop: leave it out"))
        if workshop.mayors and args.result is None:
            problems.append(Problem(args.workshop, "mayors", "a hot-seat workshop is rehearsed "
                                    "one game at a time: add --player and --result"))
    elif args.scenario is None:
        problems.append(Problem(CLI, "simulate", "the following arguments are required: "
                                "--scenario (or --workshop)"))
    if args.result is not None:
        if args.runs != 1:
            problems.append(Problem(CLI, "--runs", "a result file records one game: use --runs 1"))
        if not (args.player or "").strip():
            problems.append(Problem(CLI, "--player", "a result file needs a player or team name"))
        elif len(args.player) > 200:
            problems.append(Problem(CLI, "--player", "is longer than 200 characters"))
    if problems:
        raise BadInput(problems)
    if args.result is None:
        return _simulate_in_workshop(args, content, workshops, workshop)
    if workshop is not None:
        campaign = workshop_campaign(workshops, workshop)
        turns = workshops.turns(workshop)
        lang = args.sim_lang if args.sim_lang != "en" else workshop.language
    else:
        from game.simulate import default_role

        role: Role = args.role or default_role(pack, args.scenario)  # type: ignore[assignment]
        found = check_setup(pack, args.scenario, role, args.region)
        if args.turns is not None and not 1 <= args.turns <= MAX_TURNS:
            found.append(Problem(CLI, "--turns", f"must be 1 to {MAX_TURNS}"))
        if found:
            raise BadInput(found)
        campaign = Campaign.new(pack, args.scenario, role, args.region,
                                1 if args.seed is None else args.seed, parse_overrides(args.set))
        turns = args.turns or campaign.term_turns
        lang = args.sim_lang
    plan = PlanFile()
    if args.plan is not None:
        plan = load_plan(args.plan, pack, campaign.scenario_id, campaign.role, campaign.region,
                         campaign.seats)
        if workshop is not None:
            wrong = check_enabled(plan, str(args.plan), workshops.actions(workshop))
            if wrong:
                raise BadInput(wrong)
    for note in play_plan(campaign, plan, turns):
        print(f"plan: {note}", file=sys.stderr)
    code = workshops.code(workshop) if workshop is not None else None
    result = build_result(campaign, args.player, workshop, list[Prediction](), code=code,
                          lang=lang)
    try:
        write_result(args.result, result)
    except OSError as exc:
        raise BadInput([Problem(str(args.result), "--result",
                                f"cannot be written: {exc.strerror or exc}")]) from exc
    t = Translator(lang)
    print(t("workshop.cli.result_written", player=result["body"]["player"],
            path=str(args.result), lives=f"{result['body']['measures']['lives_vs_baseline']:+,}"),
          file=out)
    return 0


def _simulate_in_workshop(args: argparse.Namespace, content: Path, workshops: Workshops,
                          workshop: Workshop | None) -> int:
    """`simulate --workshop` without --result: the usual output, in the workshop's world."""
    from game.simulate import run_simulate

    assert workshop is not None
    if args.plan is not None:
        plan = load_plan(args.plan, workshops.pack, workshop.scenario, workshop.role,
                         workshops.region(workshop))
        wrong = check_enabled(plan, str(args.plan), workshops.actions(workshop))
        if wrong:
            raise BadInput(wrong)
    settings = argparse.Namespace(**vars(args))
    settings.workshop = None
    settings.scenario = workshop.scenario
    settings.role = workshop.role
    settings.region = workshops.region(workshop)
    settings.seed = workshop.seed
    settings.turns = workshops.turns(workshop)
    settings.set = [f"{pid}={value!r}" for pid, value in workshops.overrides(workshop).items()]
    return run_simulate(settings, content)


def replay_with(campaign: Campaign, overrides: dict[str, float]) -> tuple[Campaign, list[str]]:
    """The same seed and decisions under other assumptions (for the assumptions panel).

    Decisions that the other world makes impossible are skipped and listed; dilemmas that do
    not arise there are ignored. Returns the new game and notes on what was skipped.
    """
    other = campaign.fresh(overrides)
    other.set_term(campaign.term)
    by_turn: dict[int, list[dict[str, Any]]] = {}
    for decision in campaign.decisions:
        if not decision.get("default"):
            by_turn.setdefault(int(decision["turn"]), []).append(decision)
    notes: list[str] = []
    while other.turn < campaign.turn:
        pending = {d.event_id for d in other.pending_dilemmas()}
        for decision in by_turn.get(other.turn + 1, []):
            if decision["verb"] == "answer" and decision["event"] not in pending:
                continue
            try:
                other.replay_decision(decision)
            except Impossible as impossible:
                what = decision.get("action") or decision.get("event")
                notes.append(f"turn {other.turn + 1}: {what}: skipped: {impossible.message.key}")
        other.end_turn(allow_past_term=True)
    return other, notes
