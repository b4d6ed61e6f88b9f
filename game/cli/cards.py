"""`python -m game cards --scenario S [--role R]`: the ids a plan file may use, with costs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from game.cli.output import format_table
from game.content import load_content
from game.content.loader import setup_problems
from game.content.schema import ContentPack, Scenario
from game.core.i18n import Translator
from game.core.problems import BadInput, Problem
from game.play.commands import money_for_people


def run_cards(args: argparse.Namespace, content: Path, out: TextIO | None = None) -> int:
    """List the role's interventions (id, name, national or regional, costs, delay, length)
    and the scenario's regions (id, name, the mayor's cities marked), for rehearsal plans."""
    out = out or sys.stdout
    pack = load_content(content)
    if args.scenario not in pack.scenarios:
        raise BadInput([Problem("(command line)", "--scenario",
                                f"unknown '{args.scenario}' (choose from "
                                f"{', '.join(sorted(pack.scenarios))})")])
    scenario = pack.scenarios[args.scenario]
    roles = [args.role] if args.role else sorted(scenario.roles)
    for role in roles:
        problems = setup_problems(pack, args.scenario, role, None)
        if problems:
            raise BadInput(problems)
    t = Translator(args.cards_lang)
    cities = set(scenario.roles["municipal"].regions) if "municipal" in scenario.roles else set()
    for role in roles:
        print(t("cards.title", scenario=f"@scenario.{scenario.id}.title", id=scenario.id,
                role=f"@role.{role}"), file=out)
        rows = []
        for action in sorted(pack.interventions.values(), key=lambda a: (a.scope, a.id)):
            if role not in action.roles:
                continue
            rows.append([action.id, t(f"action.{action.id}.name"),
                         t("cards.national" if action.scope == "national" else "cards.region"),
                         f"{action.cost.money:g}", f"{action.cost.capital:g}",
                         str(action.delay), str(action.duration) if action.duration else "∞"])
        out.write(format_table([t("cards.col.id"), t("cards.col.name"), t("cards.col.scope"),
                                t("cards.col.money"), t("cards.col.capital"),
                                t("cards.col.delay"), t("cards.col.duration")], rows))
        print("", file=out)
    rows = [[r.id, t(f"region.{r.id}"), t("cards.mayor") if r.id in cities else ""]
            for r in scenario.regions]
    print(t("cards.regions"), file=out)
    out.write(format_table([t("cards.col.id"), t("cards.col.name"), ""], rows))
    print("", file=out)
    _print_scaled_costs(pack, scenario, roles, cities, t, out)
    print(t("cards.hint", scenario=scenario.id,
            role=roles[0] if len(roles) == 1 else " | ".join(roles)), file=out)
    return 0


def _print_scaled_costs(pack: ContentPack, scenario: Scenario, roles: list[str],
                        cities: set[str], t: Translator, out: TextIO) -> None:
    """The money of the cards whose price grows with a region's people, region by region (the
    table above gives the price for a region of up to the card's reach)."""
    scaled = sorted(a.id for a in pack.interventions.values()
                    if a.scope != "national" and a.cost.reach is not None
                    and any(role in a.roles for role in roles))
    regions = [r for r in scenario.regions
               if r.playable and ("federal" in roles or r.id in cities)]
    if not scaled or not regions:
        return
    rows = [[r.id] + [f"{money_for_people(pack.interventions[a], r.population):g}"
                      for a in scaled] for r in regions]
    print(t("cards.scaled"), file=out)
    out.write(format_table([t("cards.col.id"), *scaled], rows))
    print("", file=out)
