"""The command line: `python -m game [play|desk|simulate|workshop|debrief|cards|validate|--smoke]`.

Exit codes: 0 success; 2 bad input (one `file: field: message` line per problem on stderr, no
traceback); 1 an internal error (a short message; the traceback goes to a crash log).
Nothing else in the game imports this package; each subcommand has its own module.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from game.cli.crash import write_crash_log
from game.cli.parser import build_parser
from game.core import paths
from game.core.problems import BadInput

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2


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
    except BrokenPipeError:
        # `simulate ... | head`: the reader left; nothing more to say, and nothing went wrong.
        _silence_stdout()
        return EXIT_OK
    except Exception as exc:  # an internal error: short message, traceback to the log
        log = write_crash_log()
        print(f"plaza: internal error: {exc.__class__.__name__}: {exc} (details in {log})",
              file=sys.stderr)
        return EXIT_INTERNAL


def _silence_stdout() -> None:
    """Point stdout at the null device, so the interpreter's final flush cannot fail again."""
    try:
        target = sys.stdout.fileno()
    except (OSError, ValueError):  # not a real file (captured output): nothing to silence
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, target)


def content_folder(args: argparse.Namespace) -> Path:
    """The content folder to read."""
    return args.content if args.content is not None else paths.content_root()


def dispatch(args: argparse.Namespace) -> int:
    """Hand the parsed command to its runner."""
    if args.smoke:
        from game.ui.smoke import run_smoke

        return run_smoke(args.screenshots, args.lang or "en", size=args.size, scale=args.scale)
    if args.command == "simulate":
        from game.cli.simulate import run_simulate

        return run_simulate(args, content_folder(args))
    if args.command == "workshop":
        from game.cli.workshop import run_workshop

        return run_workshop(args, content_folder(args))
    if args.command == "debrief":
        from game.cli.debrief import run_debrief

        return run_debrief(args)
    if args.command == "cards":
        from game.cli.cards import run_cards

        return run_cards(args, content_folder(args))
    if args.command == "desk":
        from game.cli.play import run_desk

        return run_desk(args)
    if args.command == "validate":
        from game.cli.validate import run_validate

        return run_validate(args.paths, args.scenario, args.role)
    from game.cli.play import run_play

    return run_play(args, content_folder(args))
