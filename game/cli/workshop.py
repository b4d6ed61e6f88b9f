"""`python -m game workshop new|show`: make a workshop file and its code, or check one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from game.classroom.workshops import Workshops, workshop_toml
from game.core.files import write_text_atomic
from game.core.i18n import Translator
from game.core.problems import BadInput, Problem
from game.sim.params import parse_overrides

# --- the `workshop` subcommand ----------------------------------------------------------------


def _split_list(text: str | None) -> list[str] | None:
    if text is None:
        return None
    return [item.strip() for item in text.split(",") if item.strip()]


def _on_off(value: str, flag: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("on", "true", "yes", "1"):
        return True
    if lowered in ("off", "false", "no", "0"):
        return False
    raise BadInput([Problem("(command line)", flag, f"'{value}' is not on or off")])


def settings_from_args(args: argparse.Namespace) -> dict[str, Any]:
    """Raw workshop data from `workshop new` options (checked afterwards like a file)."""
    problems: list[Problem] = []
    data: dict[str, Any] = {"scenario": args.scenario, "seed": args.seed, "role": args.role}
    if args.region is not None:
        data["region"] = args.region
    mayors = _split_list(args.mayors)
    if mayors:
        data["mayors"] = mayors
    if args.turns is not None:
        data["turns"] = args.turns
    actions = _split_list(args.actions)
    if actions is not None:
        data["actions"] = actions
    try:
        parameters = parse_overrides(args.set)
    except BadInput as bad:
        problems.extend(bad.problems)
        parameters = {}
    if parameters:
        data["parameters"] = parameters
    switches: dict[str, bool] = {}
    for item in args.switch:
        name, sep, value = item.partition("=")
        if not sep:
            problems.append(Problem("(command line)", "--switch", f"'{item}' is not NAME=on|off"))
            continue
        try:
            switches[name.strip()] = _on_off(value, "--switch")
        except BadInput as bad:
            problems.extend(bad.problems)
    if switches:
        data["switches"] = switches
    if args.ws_lang is not None:
        data["language"] = args.ws_lang
    if args.predictions is not None:
        try:
            data["predictions"] = _on_off(args.predictions, "--predictions")
        except BadInput as bad:
            problems.extend(bad.problems)
    if args.timer is not None:
        data["timer_minutes"] = args.timer
    if problems:
        raise BadInput(problems)
    return data


def run_workshop(args: argparse.Namespace, content: Path, out: TextIO | None = None) -> int:
    """Run `workshop new` or `workshop show`."""
    out = out or sys.stdout
    workshops = Workshops.load(content)
    if args.workshop_command == "new":
        workshop = workshops.from_data(settings_from_args(args), "(command line)")
        code = workshops.code(workshop)
        try:
            write_text_atomic(args.out, workshop_toml(workshop, code))
        except OSError as exc:
            raise BadInput([Problem(str(args.out), "--out",
                                    f"cannot be written: {exc.strerror or exc}")]) from exc
        t = Translator(args.ws_lang or workshop.language)
        print(code, file=out)
        print(t("workshop.cli.wrote", path=str(args.out)), file=out)
        return 0
    workshop = workshops.resolve(args.source)
    t = Translator(args.ws_lang or workshop.language)
    print(t("workshop.cli.code", code=workshops.code(workshop)), file=out)
    for line in workshops.describe(workshop, t):
        print("  " + line, file=out)
    return 0
