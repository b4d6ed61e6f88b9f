"""Command line: play (default), simulate, validate and --smoke, with the exit-code contract."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import traceback
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import NoReturn, TextIO

from game import __version__
from game.core import paths
from game.core.problems import BadInput, Problem

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors follow the bad-input contract (exit 2, one line)."""

    def error(self, message: str) -> NoReturn:
        """Report a usage error as `(command line): OPTION: message`."""
        match = re.match(r"argument (?P<option>[^:/ ]+)(?:/\S+)?: (?P<text>.*)", message)
        if match:
            raise BadInput([Problem("(command line)", match["option"], match["text"])])
        raise BadInput([Problem("(command line)", self.prog.split()[-1], message)])


def build_parser() -> argparse.ArgumentParser:
    """The whole command line."""
    parser = _Parser(prog="plaza", description="Plaza: a policy game about criminal violence.")
    parser.add_argument("--version", action="version", version=f"plaza {__version__}")
    parser.add_argument("--smoke", action="store_true",
                        help="open the window, visit every screen, play a few turns, exit")
    parser.add_argument("--screenshots", type=Path, help="with --smoke: save a PNG per screen")
    parser.add_argument("--lang", choices=["en", "es"], help="language")
    parser.add_argument("--content", type=Path, help="content folder (default: the shipped one)")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

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

    workshop = sub.add_parser("workshop", help="make or check a workshop (one world for a class)")
    verbs = workshop.add_subparsers(dest="workshop_command", parser_class=_Parser,
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
    debrief.add_argument("results", nargs="+", type=Path, metavar="RESULT",
                         help="result files, or folders holding them")
    debrief.add_argument("-o", "--out", type=Path, required=True, help="report file to write")
    debrief.add_argument("--workshop", metavar="CODE",
                         help="keep only this workshop's results (default: the most common)")
    debrief.add_argument("--lang", choices=["en", "es"], dest="report_lang",
                         help="language (default: the workshop's)")

    val = sub.add_parser("validate", help="check content folders, scenarios, plans and saves")
    val.add_argument("paths", nargs="+", type=Path)
    val.add_argument("--scenario", help="check plans against this scenario")
    val.add_argument("--role", choices=["federal", "municipal"])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    try:
        args = build_parser().parse_args(argv)
        return dispatch(args)
    except BadInput as bad:
        for problem in bad.problems:
            print(str(problem), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_INTERNAL
    except Exception as exc:  # an internal error: short message, traceback to the log
        log = write_crash_log()
        print(f"plaza: internal error: {exc.__class__.__name__}: {exc} (details in {log})",
              file=sys.stderr)
        return EXIT_INTERNAL


def write_crash_log() -> Path:
    """Write the current exception's traceback to the user log folder; return its path."""
    try:
        folder = paths.log_dir()
    except OSError:
        folder = Path(os.environ.get("TMPDIR", "/tmp"))
    path = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S}.log"
    path.write_text(traceback.format_exc(), encoding="utf-8")
    return path


def content_folder(args: argparse.Namespace) -> Path:
    """The content folder to read."""
    return args.content if args.content is not None else paths.content_root()


def dispatch(args: argparse.Namespace) -> int:
    """Hand the parsed command to its runner."""
    if args.smoke:
        from game.ui.smoke import run_smoke

        return run_smoke(args.screenshots, args.lang or "en")
    if args.command == "simulate":
        from game.simulate import run_simulate

        return run_simulate(args, content_folder(args))
    if args.command == "workshop":
        from game.workshop import run_workshop

        return run_workshop(args, content_folder(args))
    if args.command == "debrief":
        from game.debrief import run_debrief

        return run_debrief(args)
    if args.command == "validate":
        from game.validate import run_validate

        return run_validate(args.paths, args.scenario, args.role)
    lang = getattr(args, "play_lang", None) or args.lang
    if not screen_available():
        return headless_demo(content_folder(args), lang or "en", sys.stdout)
    from game.ui.app import run_app

    return run_app(lang=lang, scenario=getattr(args, "scenario", None),
                   role=getattr(args, "role", None), seed=getattr(args, "seed", None),
                   region=getattr(args, "region", None))


def screen_available() -> bool:
    """Whether a window can be opened (a display, or an explicit SDL video driver)."""
    if os.environ.get("SDL_VIDEODRIVER"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def headless_demo(content: Path, lang: str, out: TextIO) -> int:
    """With no screen: say how to run the simulator, and show a short demo of it."""
    from game.core.i18n import Translator

    t = Translator(lang)
    print(t("cli.no_screen"), file=out)
    print("", file=out)
    from game.simulate import simulate_table

    simulate_table(content, "juarez-2010", "municipal", "juarez", seed=1, turns=12, lang=lang,
                   out=out)
    return EXIT_OK


def write_output(text: str, out: Path | None) -> None:
    """Print to stdout or write a file."""
    if out is None:
        sys.stdout.write(text)
        if not text.endswith("\n"):
            sys.stdout.write("\n")
    else:
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise BadInput([Problem(str(out), "--out", f"cannot be written: {exc.strerror}")]
                           ) from exc


def dumps(data: object) -> str:
    """Compact, stable JSON."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
