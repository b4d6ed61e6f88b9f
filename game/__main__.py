"""python -m game: parse the command line and hand over; nothing else."""

from __future__ import annotations

import sys
import time

PROCESS_START = time.perf_counter()
"""When this module started running: the zero of the `first-frame` figure (game/ui/app.py)."""


def main() -> int:
    """Entry point for `python -m game` and the packaged executable."""
    from game.cli import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
