"""`python -m game cards --scenario S [--role R]`: the ids a plan file may use, with costs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from game.cli.output import format_table
from game.content import load_content
from game.content.loader import setup_problems
from game.core.i18n import Translator
from game.core.problems import BadInput, Problem


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
    print(t("cards.hint", scenario=scenario.id), file=out)
    return 0
