"""The whole command line: one parser whose usage errors follow the bad-input contract."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import NoReturn

from game import __version__
from game.core.problems import BadInput, Problem


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors follow the bad-input contract (exit 2, one line)."""

    def error(self, message: str) -> NoReturn:
        """Report a usage error as `(command line): OPTION: message`."""
        match = re.match(r"argument (?P<option>[^:/ ]+)(?:/\S+)?: (?P<text>.*)", message)
        if match:
            raise BadInput([Problem("(command line)", match["option"], match["text"])])
        raise BadInput([Problem("(command line)", self.prog.split()[-1], message)])


def window_size(text: str) -> tuple[int, int]:
    """A window size written WxH (640x360 to 7680x4320)."""
    parts = text.lower().split("x")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT, e.g. 1920x1080")
    w, h = int(parts[0]), int(parts[1])
    if not (640 <= w <= 7680 and 360 <= h <= 4320):
        raise argparse.ArgumentTypeError(f"{text!r} is outside 640x360 to 7680x4320")
    return w, h


def build_parser() -> argparse.ArgumentParser:
    """The whole command line."""
    parser = Parser(prog="plaza", description="Plaza: a policy game about criminal violence.")
    parser.add_argument("--version", action="version", version=f"plaza {__version__}")
    parser.add_argument("--smoke", action="store_true",
                        help="open the window, visit every screen, play a few turns, exit")
    parser.add_argument("--screenshots", type=Path, help="with --smoke: save a PNG per screen")
    parser.add_argument("--size", type=window_size, default=(1280, 720), metavar="WxH",
                        help="with --smoke: the window size (default 1280x720)")
    parser.add_argument("--scale", type=int, default=100, choices=[100, 125, 150, 175, 200],
                        help="with --smoke: the UI scale in percent (default 100)")
    parser.add_argument("--lang", choices=["en", "es"], help="language")
    parser.add_argument("--content", type=Path, help="content folder (default: the shipped one)")
    sub = parser.add_subparsers(dest="command", parser_class=Parser)

    play = sub.add_parser("play", help="open the game (the default)")
    play.add_argument("--scenario")
    play.add_argument("--role", choices=["federal", "municipal"])
    play.add_argument("--region")
    play.add_argument("--seed", type=int)
    play.add_argument("--lang", choices=["en", "es"], dest="play_lang")

    sim = sub.add_parser("simulate", help="run the model headless")
    sim.add_argument("--scenario", help="scenario id (required unless --workshop gives it)")
    sim.add_argument("--role", choices=["federal", "municipal"])
    sim.add_argument("--region")
    sim.add_argument("--seed", type=int, help="seed (default 1)")
    sim.add_argument("--turns", type=int)
    sim.add_argument("--plan", type=Path)
    sim.add_argument("--take-over", metavar="QUARTER", dest="take_over",
                     help="history mode: keep what was really done before QUARTER (e.g. "
                     "2010-Q1), then play --plan from it (its turn 1 is QUARTER)")
    sim.add_argument("--runs", type=int, default=1)
    sim.add_argument("--format", choices=["json", "csv", "table", "summary"], default="json")
    sim.add_argument("--out", type=Path)
    sim.add_argument("--set", action="append", default=[], metavar="PARAM=VALUE",
                     help="change a model parameter within its documented range")
    sim.add_argument("--lang", choices=["en", "es"], dest="sim_lang", default="en")
    sim.add_argument("--workshop", metavar="FILE|CODE",
                     help="play a workshop's world (scenario, seed, role, turns, assumptions)")
    sim.add_argument("--player", metavar="NAME", help="player or team name for --result")
    sim.add_argument("--result", type=Path, metavar="FILE",
                     help="play the plan as one game and write its result file for a debrief")
    sim.add_argument("--result-code", action="store_true", dest="result_code",
                     help="play the plan as one game and print its result code (last line)")

    workshop = sub.add_parser("workshop", help="make or check a workshop (one world for a class)")
    verbs = workshop.add_subparsers(dest="workshop_command", parser_class=Parser,
                                    required=True)
    new = verbs.add_parser("new", help="write a workshop file and print its code")
    new.add_argument("--scenario", required=True)
    new.add_argument("--seed", type=int, required=True)
    new.add_argument("--role", choices=["federal", "municipal"], required=True)
    new.add_argument("--region", help="the mayor's city (municipal role)")
    new.add_argument("--mayors", help="hot-seat: cities whose mayors join the federal player")
    new.add_argument("--turns", type=int, help="quarters to play (default: the full term)")
    new.add_argument("--actions", help="comma-separated interventions to enable (default: all)")
    new.add_argument("--set", action="append", default=[], metavar="PARAM=VALUE",
                     help="change a model coefficient within its documented range")
    new.add_argument("--switch", action="append", default=[], metavar="NAME=on|off",
                     help="switch a named mechanism (content/assumptions.toml)")
    new.add_argument("--lang", choices=["en", "es"], dest="ws_lang")
    new.add_argument("--predictions", metavar="on|off")
    new.add_argument("--timer", type=int, metavar="MIN", help="round timer in minutes")
    new.add_argument("--out", type=Path, required=True)
    show = verbs.add_parser("show", help="decode a code or check a file, and print its settings")
    show.add_argument("source", metavar="CODE|FILE")
    show.add_argument("--lang", choices=["en", "es"], dest="ws_lang")

    debrief = sub.add_parser("debrief", help="merge a class's result files into an HTML report")
    debrief.add_argument("results", nargs="*", type=Path, metavar="RESULT",
                         help="result files, or folders holding them")
    debrief.add_argument("--codes", action="append", type=Path, metavar="FILE",
                         help="a text file of result codes, one a line (# comments ignored)")
    debrief.add_argument("-o", "--out", type=Path, required=True, help="report file to write")
    debrief.add_argument("--workshop", metavar="CODE",
                         help="keep only this workshop's results (default: the most common)")
    debrief.add_argument("--lang", choices=["en", "es"], dest="report_lang",
                         help="language (default: the workshop's)")

    cards = sub.add_parser("cards", help="list a scenario's intervention and region ids, "
                           "with costs (for writing plans)")
    cards.add_argument("--scenario", required=True)
    cards.add_argument("--role", choices=["federal", "municipal"])
    cards.add_argument("--lang", choices=["en", "es"], dest="cards_lang", default="en")

    desk = sub.add_parser("desk", help="open the teacher's desk (make a workshop, collect, "
                          "build the report)")
    desk.add_argument("--lang", choices=["en", "es"], dest="desk_lang")

    val = sub.add_parser("validate", help="check content folders, scenarios, plans and saves")
    val.add_argument("paths", nargs="+", type=Path)
    val.add_argument("--scenario", help="check plans against this scenario")
    val.add_argument("--role", choices=["federal", "municipal"])
    return parser
