"""Entry script for the PyInstaller builds: the same command line as `python -m game`.

PyInstaller runs this file as `__main__`; it hands over to `game.__main__.main`, so the
executable and `python -m game` share one code path (arguments, exit codes, crash logs).
One addition for the frozen program: a windowed executable (Windows `plaza.exe`, the macOS
`.app`) may start with `sys.stdout`/`sys.stderr` set to None; writing to them would crash, so
they go to os.devnull instead (use `plaza-cli.exe` on Windows for `simulate` output).
The first-frame benchmark hook (`PLAZA_EXIT_AFTER_FIRST_FRAME=1`) lives in game/ui/app.py.
"""

import os
import sys


def _quiet_missing_streams() -> None:
    """Give a windowed executable somewhere harmless to write."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


if __name__ == "__main__":
    _quiet_missing_streams()
    from game.__main__ import main

    sys.exit(main())
