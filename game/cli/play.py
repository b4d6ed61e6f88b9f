"""`python -m game [play ...]`: open the game, or a headless demo where there is no screen."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO

EXIT_OK = 0


def run_play(args: argparse.Namespace, content: Path) -> int:
    """Open the window (starting a game if one is named), or the demo without a screen."""
    lang = getattr(args, "play_lang", None) or args.lang
    if not screen_available():
        return headless_demo(content, lang or "en", sys.stdout)
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
    from game.cli.simulate import simulate_table
    from game.core.i18n import Translator

    t = Translator(lang)
    print(t("cli.no_screen"), file=out)
    print("", file=out)
    simulate_table(content, "juarez-2010", "municipal", "juarez", seed=1, turns=12, lang=lang,
                   out=out)
    return EXIT_OK




def run_desk(args: argparse.Namespace) -> int:
    """Open the game at the teacher's desk (where there is a screen)."""
    if not screen_available():
        from game.core.i18n import Translator

        print(Translator(args.desk_lang or args.lang or "en")("cli.desk_no_screen"),
              file=sys.stderr)
        return 2
    from game.ui.app import App, first_window_size
    from game.ui.screen import Push
    from game.ui.screens.desk import DeskScreen

    app = App(args.desk_lang or args.lang, size=first_window_size())
    app.start()
    app.apply(Push(DeskScreen(app)))
    return app.run()
