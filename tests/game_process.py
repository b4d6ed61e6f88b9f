"""Run `python -m game ARGS` in a subprocess for tests: headless, with the repository importable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def run_game(*args: str | Path, text: bool = True) -> subprocess.CompletedProcess[Any]:
    """Run the game's command line and capture its output (text, or bytes when text=False)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    extra: dict[str, Any] = {"text": True, "encoding": "utf-8", "errors": "replace"} if text \
        else {}
    return subprocess.run([sys.executable, "-m", "game", *map(str, args)], cwd=REPO, env=env,
                          capture_output=True, timeout=120, check=False, **extra)
