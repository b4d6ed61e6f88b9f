"""Crash logs: an internal error's traceback, kept where a teacher can send it to us."""

from __future__ import annotations

import os
import tempfile
import traceback
from datetime import datetime
from pathlib import Path

from game.core import paths


def write_crash_log() -> Path:
    """Write the current exception's traceback to a new file in the log folder; return it.

    Each crash gets its own file (time to the microsecond and the process id), created
    exclusively and never through a link, so a planted symlink cannot redirect it.
    """
    try:
        folder = paths.log_dir()
    except OSError:
        folder = Path(tempfile.gettempdir())
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    stamp = f"{datetime.now():%Y%m%d-%H%M%S-%f}-{os.getpid()}"
    for attempt in range(10):
        path = folder / f"crash-{stamp}{f'-{attempt}' if attempt else ''}.log"
        try:
            fd = os.open(path, flags, 0o600)
        except FileExistsError:  # taken, or a planted link: never write through it
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(traceback.format_exc())
        return path
    raise FileExistsError(f"no free crash log name in {folder}")
