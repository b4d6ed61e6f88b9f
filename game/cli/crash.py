"""Crash logs: an internal error's traceback, kept where a teacher can send it to us."""

from __future__ import annotations

import os
import traceback
from datetime import datetime
from pathlib import Path

from game.core import paths


def write_crash_log() -> Path:
    """Write the current exception's traceback to the user log folder; return its path."""
    try:
        folder = paths.log_dir()
    except OSError:
        folder = Path(os.environ.get("TMPDIR", "/tmp"))
    path = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S}.log"
    path.write_text(traceback.format_exc(), encoding="utf-8")
    return path
