"""`python -m game simulate`: a scenario and a plan, headless, for one or many seeds.

Two shapes: many worlds at once (`--runs N`, printed as json, csv, table or summary), or one
game played as a player would into a result file (`--result`, class rehearsal). Either may
take its world from a workshop (`--workshop FILE|CODE`). Both play the plan through the one
plan loop (`game.play.plan.play`).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import numpy as np

from game.classroom.workshops import Workshops
from game.cli.output import dumps, format_table, safe, write_output
from game.content.loader import load_plan, setup_problems
from game.content.schema import ContentPack, PlanFile, Role, Workshop
from game.core.i18n import Translator
from game.core.problems import BadInput, Problem
from game.play.history import has_history, real_plan, span, take_over, take_over_turn
from game.play.parts import Part, fork_context, part_count, split
from game.play.plan import Plan, Skipped, play
from game.sim.indicators import REGION_INDICATORS
from game.sim.lab import Lab
from game.sim.model import TurnResult
from game.sim.params import parse_overrides
from game.sim.records import percentiles, turn_json, weighted_legitimacy
from game.sim.state import Array

MAX_RUNS = 100_000
PAST_TERM_TURNS = 40
"""How far `--turns` may run a scenario (past its term); a longer scenario, its own span."""
CLI = "(command line)"


@dataclass(frozen=True)
class Setup:
    """The world to simulate, from the options or from a workshop."""

    scenario: str
    role: Role
    region: str | None
    seed: int
    turns: int | None
    overrides: dict[str, float]
    workshop: Workshop | None = None


def default_role(pack: ContentPack, scenario_id: str) -> Role:
    """The role a scenario is played in when none is given: federal if it has one."""
    roles = pack.scenarios[scenario_id].roles
    return "federal" if "federal" in roles else next(iter(roles))


def run_simulate(args: argparse.Namespace, content: Path, out: TextIO | None = None) -> int:
    """The `simulate` subcommand."""
    workshops = Workshops.load(content)
    setup = read_setup(args, workshops)
    if args.result is not None or args.result_code:
        return _one_game(args, workshops, setup, out or sys.stdout)
    return _many_worlds(args, workshops, setup)


def read_setup(args: argparse.Namespace, workshops: Workshops) -> Setup:
    """The world the options (or the workshop) name; BadInput listing every problem."""
    pack = workshops.pack
    problems: list[Problem] = []
    if args.result_code and args.workshop is None:
        problems.append(Problem(CLI, "--result-code", "a result code belongs to a workshop: "
                                "add --workshop FILE|CODE"))
    if args.result is not None or args.result_code:
        if args.runs != 1:
            problems.append(Problem(CLI, "--runs", "a result file records one game: use --runs 1"))
        if not (args.player or "").strip():
            problems.append(Problem(CLI, "--player", "a result file needs a player or team name"))
        elif len(args.player) > 200:
            problems.append(Problem(CLI, "--player", "is longer than 200 characters"))
    if args.workshop is not None:
        workshop = workshops.resolve(args.workshop)
        for flag, value in (("--scenario", args.scenario), ("--role", args.role),
                            ("--region", args.region), ("--seed", args.seed),
                            ("--turns", args.turns), ("--set", args.set or None)):
            if value is not None:
                problems.append(Problem(CLI, flag, "comes from the workshop: leave it out"))
        if workshop.mayors and args.result is None and not args.result_code:
            problems.append(Problem(args.workshop, "mayors", "a hot-seat workshop is rehearsed "
                                    "one game at a time: add --player and --result"))
        if problems:
            raise BadInput(problems)
        return Setup(workshop.scenario, workshop.role, workshops.region(workshop), workshop.seed,
                     workshops.turns(workshop), workshops.overrides(workshop), workshop)
    if args.scenario is None:
        raise BadInput([*problems, Problem(CLI, "simulate", "the following arguments are "
                                           "required: --scenario (or --workshop)")])
    seed = 1 if args.seed is None else args.seed
    role: Role = args.role or (default_role(pack, args.scenario)
                               if args.scenario in pack.scenarios else "federal")
    problems += setup_problems(pack, args.scenario, role, args.region)
    if not 0 <= seed < 2**63 - MAX_RUNS:
        problems.append(Problem(CLI, "--seed", "must be 0 or more"))
    if not 1 <= args.runs <= MAX_RUNS:
        problems.append(Problem(CLI, "--runs", f"must be 1 to {MAX_RUNS:,}"))
    scenario = pack.scenarios.get(args.scenario)
    limit = max(PAST_TERM_TURNS, span(scenario)) if scenario is not None else PAST_TERM_TURNS
    if args.turns is not None and not 1 <= args.turns <= limit:
        problems.append(Problem(CLI, "--turns", f"must be 1 to {limit}"))
    if problems:
        raise BadInput(problems)
    region = args.region
    if role == "municipal" and region is None:
        region = pack.scenarios[args.scenario].roles["municipal"].regions[0]
    return Setup(args.scenario, role, region, seed, args.turns, parse_overrides(args.set))


def _read_plan(args: argparse.Namespace, workshops: Workshops, setup: Setup,
               seats: list[tuple[Role, str | None]] | None = None) -> PlanFile:
    """The plan file named on the command line (an empty plan without one), checked."""
    if args.plan is None:
        return PlanFile()
    first = 1 if args.take_over is None else take_over_turn(  # the plan counts from there
        workshops.pack.scenarios[setup.scenario], args.take_over)
    plan = load_plan(args.plan, workshops.pack, setup.scenario, setup.role, setup.region, seats,
                     first)
    if setup.workshop is not None:
        wrong = workshops.plan_problems(plan, str(args.plan), setup.workshop)
        if wrong:
            raise BadInput(wrong)
    return plan


def scenario_plan(args: argparse.Namespace, workshops: Workshops, setup: Setup,
                  seats: list[tuple[Role, str | None]] | None = None) -> Plan:
    """The line of play to run: the plan file; with no plan, a history scenario's own script;
    with `--take-over QUARTER`, history before that quarter and the plan from it."""
    plan_file = _read_plan(args, workshops, setup, seats)
    scenario = workshops.pack.scenarios[setup.scenario]
    player = Plan.from_file(plan_file)
    if args.take_over is not None:
        turn = take_over_turn(scenario, args.take_over)
        late = [Problem(str(args.plan), f"decision[{n}].turn", f"turn {d.turn} from "
                        f"{args.take_over} falls after the last quarter of {scenario.id}")
                for n, d in enumerate(plan_file.decision) if d.turn + turn - 1 > span(scenario)]
        if late:
            raise BadInput(late)
        return take_over(real_plan(scenario), turn, player)
    if args.plan is None and has_history(scenario):
        return real_plan(scenario)
    return player


def _report_skipped(skipped: list[Skipped], t: Translator) -> None:
    """Tell on stderr which plan lines the game refused and why, in words (the run goes on
    without them)."""
    for item in skipped:
        why = t(item.reason.key, **dict(item.reason.params))
        print(f"plan: {item.where}: {t('cli.plan_skipped', reason=why)}", file=sys.stderr)


def _many_worlds(args: argparse.Namespace, workshops: Workshops, setup: Setup) -> int:
    """Play the plan in `--runs` worlds and print them in the chosen format."""
    plan = scenario_plan(args, workshops, setup)
    exact = args.format == "json"  # the contract's JSON carries the baseline and the effects
    streamed = args.format == "summary"  # percentiles per quarter: nothing kept per run
    shares = split(setup.seed, args.runs, part_count(args.runs) if streamed else 1)
    # The children start before this process builds its own worlds, so that they finish
    # together (each builds its part's worlds itself).
    children = _start_parts(workshops.pack, setup, plan, shares[1:])
    try:
        first_seed, first_runs = shares[0]
        lab = Lab(workshops.pack, setup.scenario, setup.role, setup.region, first_seed,
                  first_runs, setup.overrides, baseline=exact, effects=exact, keep=not streamed)
        turns = setup.turns or lab.world.turns_in_term
        summary = SummaryTable(lab, Translator(args.sim_lang),
                               list(range(setup.seed, setup.seed + args.runs)))
        if children:
            return _many_worlds_in_parts(args, plan, children, turns, lab, summary)
    finally:  # a child has sent its part by now, or must not outlive an error here
        for child in children:
            child.stop()
    if streamed:
        lab.observers.append(summary.add)
    _report_skipped(play(lab, plan, turns), Translator(args.sim_lang))
    if args.format == "json":
        if args.runs == 1:
            text = dumps(lab.run_json(0))
        else:
            text = dumps({"scenario": setup.scenario, "seed": setup.seed, "role": setup.role,
                          "region": setup.region,
                          "runs": [lab.run_json(k) for k in range(args.runs)]})
    elif args.format == "csv":
        text = to_csv(lab)
    elif args.format == "summary":
        text = summary.text()
    else:
        buffer = io.StringIO()
        write_table(lab, Translator(args.sim_lang), buffer)
        text = buffer.getvalue()
    write_output(text, args.out)
    return 0


def _summary_part(pack: ContentPack, setup: Setup, seed: int, runs: int,
                  plan: Plan) -> tuple[list[list[Array]], list[Skipped]]:
    """One part of a split summary, run whole: per quarter, each column's values per world."""
    lab = Lab(pack, setup.scenario, setup.role, setup.region, seed, runs, setup.overrides,
              keep=False)
    table = SummaryTable(lab, Translator("en"))
    columns: list[list[Array]] = []
    lab.observers.append(lambda result: columns.append(table.values(result)))
    skipped = play(lab, plan, setup.turns or lab.world.turns_in_term)
    return columns, skipped


def _start_parts(pack: ContentPack, setup: Setup, plan: Plan,
                 shares: list[tuple[int, int]]) -> list[Part]:
    """Fork one child per later share of a split summary (none where nothing is split)."""
    if not shares:
        return []
    context = fork_context()
    assert context is not None, "a summary is split only where children fork"
    return [Part(context, _summary_part, (pack, setup, seed, runs, plan))
            for seed, runs in shares]


def _many_worlds_in_parts(args: argparse.Namespace, plan: Plan, children: list[Part],
                          turns: int, lab: Lab, summary: SummaryTable) -> int:
    """The summary of a large lab with its later seeds run by forked children (same numbers,
    world for world, as one batch: see game.play.parts)."""
    mine: list[list[Array]] = []
    lab.observers.append(lambda result: mine.append(summary.values(result)))
    skipped = play(lab, plan, turns)
    theirs = [child.result() for child in children]
    refused = {(s.turn, s.what, s.line) for s in skipped}
    for _, their_skipped in theirs:  # a line refused in every world is refused in every part
        refused &= {(s.turn, s.what, s.line) for s in their_skipped}
    _report_skipped([s for s in skipped if (s.turn, s.what, s.line) in refused],
                    Translator(args.sim_lang))
    for k, result_columns in enumerate(mine):
        merged = [np.concatenate([result_columns[c]] + [part[0][k][c] for part in theirs])
                  for c in range(len(result_columns))]
        summary.add_values(k + 1, merged)
    write_output(summary.text(), args.out)
    return 0


def _one_game(args: argparse.Namespace, workshops: Workshops, setup: Setup, out: TextIO) -> int:
    """Play the plan as one game, as a player would, and write its result file."""
    # Imported here: the many-worlds path never needs them, and starts sooner without.
    from game.classroom.result_files import build_result, write_result
    from game.play.campaign import Campaign

    if setup.workshop is not None:
        campaign = workshops.new_game(setup.workshop)
        lang = args.sim_lang if args.sim_lang != "en" else setup.workshop.language
        code: str | None = workshops.code(setup.workshop)
    else:
        campaign = Campaign.new(workshops.pack, setup.scenario, setup.role, setup.region,
                                setup.seed, setup.overrides)
        lang, code = args.sim_lang, None
    turns = setup.turns or campaign.term_turns
    plan = scenario_plan(args, workshops, setup, campaign.seats)
    _report_skipped(play(campaign, plan, turns), Translator(lang))
    result = build_result(campaign, args.player, setup.workshop, [], code=code, lang=lang)
    t = Translator(lang)
    if args.result is not None:
        try:
            write_result(args.result, result)
        except OSError as exc:
            raise BadInput([Problem(str(args.result), "--result",
                                    f"cannot be written: {exc.strerror or exc}")]) from exc
        print(t("workshop.cli.result_written", player=safe(result["body"]["player"]),
                path=str(args.result),
                lives=f"{result['body']['measures']['lives_vs_baseline']:+,}"), file=out)
    if args.result_code and setup.workshop is not None:
        from game.classroom.result_codes import TeamGame, encode_result

        game = TeamGame.of(campaign, setup.workshop, result["body"]["player"], [])
        print(encode_result(game, workshops.pack, workshops.switches), file=out)
    return 0


# --- formats -----------------------------------------------------------------------------------


def to_csv(lab: Lab) -> str:
    """One row per run, turn and region, every indicator a column."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["seed", "turn", "period", "region", *REGION_INDICATORS])
    for run, seed in enumerate(lab.seeds):
        for result in lab.results:
            data = turn_json(lab.world, result, run)
            for rid, values in data["regions"].items():
                writer.writerow([seed, data["turn"], data["period"], rid,
                                 *(values[name] for name in REGION_INDICATORS)])
    return buffer.getvalue()


class SummaryTable:
    """Per quarter, the 10th/50th/90th percentiles across runs of the main indicators.

    Rows are added as quarters resolve (`add`), so a lab of 100,000 runs keeps no run's
    record: memory stays that of one quarter.
    """

    def __init__(self, lab: Lab, t: Translator, seeds: list[int] | None = None) -> None:
        self.lab = lab
        self.t = t
        self.seeds = list(seeds if seeds is not None else lab.seeds)
        """Every world's seed (a lab split into parts runs only some of them itself)."""
        self.rows: list[list[str]] = []
        world = lab.world
        player = world.player_region
        self.columns: list[tuple[str, Callable[[TurnResult], Array], int]] = [
            ("cli.homicides", lambda r: r.national["homicides"] if player is None
             else r.regions["homicides"][:, player], 0),
            ("cli.rate", lambda r: r.national["homicide_rate"] if player is None
             else r.regions["homicide_rate"][:, player], 1),
            ("cli.legitimacy", lambda r: (weighted_legitimacy(world, r) if player is None
                                          else r.regions["legitimacy"][:, player]) * 100, 0),
            ("cli.approval", lambda r: (r.national["approval"] if player is None
                                        else r.regions["mayor_approval"][:, player]) * 100, 0),
            ("cli.civilians", lambda r: r.national["civilian_deaths"], 0),
        ]

    def values(self, result: TurnResult) -> list[Array]:
        """Each column's values in a quarter, one per played world of this lab."""
        runs = len(self.lab.seeds)
        return [np.asarray(pick(result))[:runs].copy() for _, pick, _ in self.columns]

    def add(self, result: TurnResult) -> None:
        """Add one quarter's row (its played worlds only)."""
        self.add_values(result.turn, self.values(result))

    def add_values(self, turn: int, columns: list[Array]) -> None:
        """Add one quarter's row from each column's values over every world."""
        row = [self.lab.world.period(turn)]
        for (_, _, decimals), values in zip(self.columns, columns, strict=True):
            p10, p50, p90 = percentiles(values)
            row.append(f"{p10:,.{decimals}f} / {p50:,.{decimals}f} / {p90:,.{decimals}f}")
        self.rows.append(row)

    def text(self) -> str:
        """The table, with its title (quarters kept by the lab are added if not streamed)."""
        if not self.rows:
            for result in self.lab.results:
                self.add(result)
        t, lab = self.t, self.lab
        head = [t("cli.period")] + [t(key) + " p10/p50/p90" for key, _, _ in self.columns]
        title = t.plural("cli.summary_title", len(self.seeds),
                         scenario=f"@scenario.{lab.world.scenario.id}.title",
                         runs=len(self.seeds), first=self.seeds[0], last=self.seeds[-1])
        return title + "\n\n" + format_table(head, self.rows)


def write_table(lab: Lab, t: Translator, out: TextIO) -> None:
    """What a person reads: per region, a per-turn table with periods, then the events."""
    world = lab.world
    run = 0
    term = world.turns_in_term
    print(t("cli.table_title", scenario=f"@scenario.{world.scenario.id}.title",
            role=f"@role.{world.role}", seed=lab.seeds[run]), file=out)
    print(t("cli.term_note", term=term, last=world.period(term)), file=out)
    order = list(range(world.n_regions))
    if world.player_region is not None:
        order.remove(world.player_region)
        order.insert(0, world.player_region)
    head = [t("cli.period"), t("cli.homicides"), t("cli.rate"), t("cli.change"),
            t("cli.legitimacy"), t("cli.competition"), t("cli.attacks"), t("cli.civilians"),
            t("cli.kidnappings")]
    for i in order:
        rid = world.region_ids[i]
        print("", file=out)
        print(t("cli.region_heading", region=f"@region.{rid}",
                population=round(world.population[i] / 1e6, 2)), file=out)
        rows = []
        previous = None
        for result in lab.results:
            h = float(result.regions["homicides"][run, i])
            change = "" if not previous else f"{(h - previous) / previous:+.0%}"
            marker = " *" if result.turn == term and len(lab.results) > term else ""
            rows.append([
                world.period(result.turn) + marker,
                f"{h:,.0f}",
                f"{result.regions['homicide_rate'][run, i]:,.1f}",
                change,
                f"{result.regions['legitimacy'][run, i] * 100:.0f}%",
                f"{result.regions['competition'][run, i]:.2f}",
                f"{result.regions['visible_attacks'][run, i]:,.0f}",
                f"{result.regions['civilian_deaths'][run, i]:,.0f}",
                f"{result.regions['kidnappings'][run, i]:,.0f}",
            ])
            previous = h
        out.write(format_table(head, rows))
    if world.n_regions > 1:
        print("", file=out)
        print(t("cli.national_heading"), file=out)
        rows = []
        for result in lab.results:
            rows.append([world.period(result.turn),
                         f"{result.national['homicides'][run]:,.0f}",
                         f"{result.national['homicide_rate'][run]:,.1f}",
                         f"{result.national['approval'][run] * 100:.0f}%",
                         f"{result.national['civilian_deaths'][run]:,.0f}",
                         f"{result.national['abuses'][run]:,.0f}"])
        out.write(format_table([t("cli.period"), t("cli.homicides"), t("cli.rate"),
                                t("cli.approval"), t("cli.civilians"), t("cli.abuses")], rows))
    events = [(world.period(r.turn), e) for r in lab.results for e in r.events if e.runs[run]]
    if events:
        print("", file=out)
        print(t("cli.events_heading"), file=out)
        for period, event in events:
            line = f"  {period}  {t(f'event.{event.event_id}.title')} — " \
                   f"{t(f'region.{world.region_ids[event.region]}')}"
            if event.choice:
                line += f" → {t(f'event.{event.event_id}.choice.{event.choice}.name')}"
            print(line, file=out)
    print("", file=out)
    print(t("cli.legend"), file=out)


def simulate_table(content: Path, scenario: str, role: Role, region: str | None, *, seed: int,
                   turns: int, lang: str, out: TextIO) -> None:
    """Run one game with no new policy and print its table (the headless demo)."""
    from game.content import load_content

    lab = Lab(load_content(content), scenario, role, region, seed, 1)
    play(lab, Plan(), turns)
    write_table(lab, Translator(lang), out)
