"""Entry script for the PyInstaller builds: the same command line as `python -m game`.

PyInstaller runs this file as `__main__`; it hands over to `game.__main__.main`, so the
executable and `python -m game` share one code path (arguments, exit codes, crash logs).
Two additions, both for the frozen program only:

- A windowed executable (Windows `plaza.exe`, the macOS `.app`) may start with
  `sys.stdout`/`sys.stderr` set to None; writing to them would crash, so they go to
  os.devnull instead (use `plaza-cli.exe` on Windows for `simulate` output).
- `PLAZA_EXIT_AFTER_FIRST_FRAME=1` (used by benchmarks/bench_build.py, inert otherwise):
  exit with status 0 as soon as the first frame has been presented, to time launch to first
  frame. It wraps `pygame.display.flip`/`update`, which the game calls once per frame.
  If the game gains its own hook with this name, this one becomes redundant.
"""

import os
import sys


def _quiet_missing_streams() -> None:
    """Give a windowed executable somewhere harmless to write."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


def _exit_after_first_frame() -> None:
    """Exit 0 right after the first pygame.display.flip/update (benchmark only)."""
    import pygame

    def wrap(original):
        def presented(*args, **kwargs):
            result = original(*args, **kwargs)
            sys.stdout.flush()
            os._exit(0)
            return result

        return presented

    pygame.display.flip = wrap(pygame.display.flip)
    pygame.display.update = wrap(pygame.display.update)


if __name__ == "__main__":
    _quiet_missing_streams()
    if os.environ.get("PLAZA_EXIT_AFTER_FIRST_FRAME") == "1":
        _exit_after_first_frame()
    from game.__main__ import main

    sys.exit(main())
