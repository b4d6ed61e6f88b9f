"""The headless simulator: run a scenario and a plan for one or many seeds, print the results."""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path
from typing import Any, TextIO

import numpy as np

from game.campaign import MAX_TURNS, check_setup
from game.content import load_content, load_plan
from game.content.schema import ContentPack, PlanFile, Role
from game.core.i18n import Translator
from game.core.problems import BadInput, Problem
from game.sim.commands import EnactIntervention, Impossible, RepealIntervention
from game.sim.indicators import REGION_INDICATORS
from game.sim.model import Model, TurnResult
from game.sim.params import Params, parse_overrides
from game.sim.records import percentiles, run_summary, turn_json, weighted_legitimacy
from game.sim.state import World, build_world

MAX_RUNS = 100_000


def default_role(pack: ContentPack, scenario_id: str) -> str:
    """The role a scenario is played in when none is given: federal if it has one."""
    roles = pack.scenarios[scenario_id].roles
    return "federal" if "federal" in roles else next(iter(roles))


class Simulation:
    """A scenario, a plan and N seeds, run side by side through the one model code path."""

    def __init__(self, pack: ContentPack, scenario_id: str, role: Role, region: str | None,
                 seed: int, runs: int, plan: PlanFile | None,
                 overrides: dict[str, float] | None = None) -> None:
        self.pack = pack
        self.world: World = build_world(pack, scenario_id, role, region)
        self.seeds = [seed + k for k in range(runs)]
        self.model = Model(pack, self.world, Params(pack.parameters, overrides), self.seeds)
        self.plan = plan or PlanFile()
        self.results: list[TurnResult] = []
        self.notes: list[str] = []

    def run(self, turns: int) -> list[TurnResult]:
        """Play the plan for `turns` quarters; dilemmas take the plan's answers or defaults."""
        for _ in range(turns):
            turn = self.model.state.turn + 1
            for n, decision in enumerate(self.plan.decision):
                if decision.turn != turn:
                    continue
                command = (RepealIntervention if decision.stop else EnactIntervention)(
                    decision.action, decision.region)
                try:
                    command.apply(self.model)
                except Impossible as impossible:
                    self.notes.append(f"decision[{n}] (turn {turn}, {decision.action}): skipped: "
                                      f"{impossible.message.key}")
            for event_id in self.model.state.pending:
                choice = self.plan.responses.get(event_id)
                if choice is not None:
                    self.model.answers[event_id] = choice
            self.results.append(self.model.step())
        return self.results

    def run_json(self, run: int) -> dict[str, Any]:
        """One run's full record in the contract's JSON shape."""
        return {
            "scenario": self.world.scenario.id,
            "seed": self.seeds[run],
            "role": self.world.role,
            "region": (self.world.region_ids[self.world.player_region]
                       if self.world.player_region is not None else None),
            "turns": [turn_json(self.world, r, run) for r in self.results],
            "summary": run_summary(self.world, self.results, run, self.world.turns_in_term),
        }


def run_simulate(args: argparse.Namespace, content: Path) -> int:
    """The `simulate` subcommand."""
    if getattr(args, "workshop", None) is not None or getattr(args, "result", None) is not None:
        from game.workshop_play import run_classroom_simulate

        return run_classroom_simulate(args, content)
    if args.scenario is None:
        raise BadInput([Problem("(command line)", "simulate",
                                "the following arguments are required: --scenario")])
    if args.seed is None:
        args.seed = 1
    pack = load_content(content)
    problems = check_setup(pack, args.scenario, args.role or "federal", args.region)
    if args.scenario in pack.scenarios and args.role is None:
        problems = check_setup(pack, args.scenario, default_role(pack, args.scenario),
                               args.region)
    if not 0 <= args.seed < 2**63 - MAX_RUNS:
        problems.append(Problem("(command line)", "--seed", "must be 0 or more"))
    if not 1 <= args.runs <= MAX_RUNS:
        problems.append(Problem("(command line)", "--runs", f"must be 1 to {MAX_RUNS:,}"))
    if args.turns is not None and not 1 <= args.turns <= MAX_TURNS:
        problems.append(Problem("(command line)", "--turns", f"must be 1 to {MAX_TURNS}"))
    if problems:
        raise BadInput(problems)
    role: Role = args.role or ("federal" if default_role(pack, args.scenario) == "federal"
                               else "municipal")
    region = args.region
    if role == "municipal" and region is None:
        region = pack.scenarios[args.scenario].roles["municipal"].regions[0]
    plan = load_plan(args.plan, pack, args.scenario, role, region) if args.plan else None
    sim = Simulation(pack, args.scenario, role, region, args.seed, args.runs, plan,
                     parse_overrides(args.set))
    turns = args.turns or sim.world.turns_in_term
    sim.run(turns)
    for note in sim.notes:
        print(f"plan: {note}", file=sys.stderr)
    from game.cli import dumps, write_output

    if args.format == "json":
        if args.runs == 1:
            text = dumps(sim.run_json(0))
        else:
            text = dumps({"scenario": args.scenario, "seed": args.seed, "role": role,
                          "region": region, "runs": [sim.run_json(k) for k in range(args.runs)]})
    elif args.format == "csv":
        text = to_csv(sim)
    elif args.format == "summary":
        text = to_summary(sim, Translator(args.sim_lang))
    else:
        buffer = io.StringIO()
        write_table(sim, Translator(args.sim_lang), buffer)
        text = buffer.getvalue()
    write_output(text, args.out)
    return 0


def to_csv(sim: Simulation) -> str:
    """One row per run, turn and region, every indicator a column."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["seed", "turn", "period", "region", *REGION_INDICATORS])
    for run, seed in enumerate(sim.seeds):
        for result in sim.results:
            data = turn_json(sim.world, result, run)
            for rid, values in data["regions"].items():
                writer.writerow([seed, data["turn"], data["period"], rid,
                                 *(values[name] for name in REGION_INDICATORS)])
    return buffer.getvalue()


def to_summary(sim: Simulation, t: Translator) -> str:
    """Per turn, the 10th/50th/90th percentiles across runs of the main indicators."""
    world = sim.world
    player = world.player_region
    columns = [
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
    head = [t("cli.period")] + [t(key) + " p10/p50/p90" for key, _, _ in columns]
    rows = []
    for result in sim.results:
        row = [world.period(result.turn)]
        for _, pick, decimals in columns:
            p10, p50, p90 = percentiles(np.asarray(pick(result)))
            row.append(f"{p10:,.{decimals}f} / {p50:,.{decimals}f} / {p90:,.{decimals}f}")
        rows.append(row)
    title = t("cli.summary_title", scenario=f"@scenario.{world.scenario.id}.title",
              runs=len(sim.seeds), first=sim.seeds[0], last=sim.seeds[-1])
    return title + "\n\n" + format_table(head, rows)


def format_table(head: list[str], rows: list[list[str]]) -> str:
    """A plain text table, columns right-aligned except the first."""
    widths = [max(len(str(row[i])) for row in [head, *rows]) for i in range(len(head))]
    lines = []
    for n, row in enumerate([head, *rows]):
        cells = [str(c).ljust(widths[0]) if i == 0 else str(c).rjust(widths[i])
                 for i, c in enumerate(row)]
        lines.append("  ".join(cells))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def write_table(sim: Simulation, t: Translator, out: TextIO) -> None:
    """What a person reads: per region, a per-turn table with periods, then the events."""
    world = sim.world
    run = 0
    term = world.turns_in_term
    print(t("cli.table_title", scenario=f"@scenario.{world.scenario.id}.title",
            role=f"@role.{world.role}", seed=sim.seeds[run]), file=out)
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
        for result in sim.results:
            h = float(result.regions["homicides"][run, i])
            change = "" if not previous else f"{(h - previous) / previous:+.0%}"
            marker = " *" if result.turn == term and len(sim.results) > term else ""
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
        for result in sim.results:
            rows.append([world.period(result.turn),
                         f"{result.national['homicides'][run]:,.0f}",
                         f"{result.national['homicide_rate'][run]:,.1f}",
                         f"{result.national['approval'][run] * 100:.0f}%",
                         f"{result.national['civilian_deaths'][run]:,.0f}",
                         f"{result.national['abuses'][run]:,.0f}"])
        out.write(format_table([t("cli.period"), t("cli.homicides"), t("cli.rate"),
                                t("cli.approval"), t("cli.civilians"), t("cli.abuses")], rows))
    events = [(world.period(r.turn), e) for r in sim.results for e in r.events if e.runs[run]]
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
    pack = load_content(content)
    sim = Simulation(pack, scenario, role, region, seed, 1, None)
    sim.run(turns)
    write_table(sim, Translator(lang), out)
