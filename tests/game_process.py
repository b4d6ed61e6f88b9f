"""Run the game's command line for tests: in this process (the default) or in a real one.

`run_game(...)` calls `game.cli.main(argv)` here, capturing what it prints, so a test of
the command line costs milliseconds; `run_game_process(...)` starts `python -m game` for the
few behaviours only a real process shows (exit codes seen by a shell, determinism across
processes, a closed pipe, start-up).
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Ran:
    """What a command printed and how it ended (the fields a CompletedProcess has)."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str


def run_game(*args: str | Path) -> Ran:
    """Run `python -m game ARGS` in this process and capture its output and exit code."""
    from game.cli import main

    argv = tuple(map(str, args))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as stop:  # argparse's --help and --version
            code = stop.code if isinstance(stop.code, int) else 0
    return Ran(argv, code, out.getvalue(), err.getvalue())


def run_game_process(*args: str | Path, text: bool = True) -> subprocess.CompletedProcess[Any]:
    """Run the game's command line in a real process (text, or bytes when text=False)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    extra: dict[str, Any] = {"text": True, "encoding": "utf-8", "errors": "replace"} if text \
        else {}
    return subprocess.run([sys.executable, "-m", "game", *map(str, args)], cwd=REPO, env=env,
                          capture_output=True, timeout=120, check=False, **extra)
