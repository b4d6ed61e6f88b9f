"""Print the speed figures issue 13 asks of the policy lab and of history mode.

    python benchmarks/bench_lab.py            # the full measurements (about two minutes)
    python benchmarks/bench_lab.py --quick    # one repeat of each, for a first look

Figures (medians over repeats; nothing is asserted, see benchmarks/README.md for the targets):

1. in the game: 1,000 runs of a 24-quarter national plan (national-2018, the golden plan)
   beside the same worlds with no new policy (`PolicyLab`, as the lab screen runs it), plus
   drawing its fan chart and its histogram at 1280x720 (SDL dummy driver), in seconds;
2. `python -m game simulate --scenario national-2018 --runs 10000 --turns 24 --format summary`,
   wall time with interpreter start-up, and the child's peak memory;
3. history mode: the whole script of history-2006 (72 quarters) played in one game with its
   exact effects (what the history screen and a take-over replay), in seconds.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from game.content import load_content  # noqa: E402
from game.content.loader import load_plan  # noqa: E402
from game.core.paths import content_root  # noqa: E402
from game.play.plan import Plan  # noqa: E402
from game.play.policy_lab import PolicyLab  # noqa: E402

PLAN = REPO / "tests" / "golden" / "plans" / "national.toml"
SCENARIO = "national-2018"
TURNS = 24


def lab_and_chart(pack: object, runs: int) -> tuple[float, float]:
    """Seconds to run the lab (`runs` worlds and their baselines) and to draw its charts."""
    import pygame

    from game.ui import theme
    from game.ui.screens.lab import draw_fan_chart, draw_histogram
    from game.ui.widgets import palette

    plan = Plan.from_file(load_plan(PLAN, pack, SCENARIO, "federal"))  # type: ignore[arg-type]
    start = time.perf_counter()
    outcome = PolicyLab(pack, SCENARIO, "federal", None, 1, runs, plan,  # type: ignore[arg-type]
                        TURNS).run()
    ran = time.perf_counter() - start
    pygame.display.init()
    pygame.font.init()
    surface = pygame.display.set_mode((1280, 720))
    start = time.perf_counter()
    surface.fill(theme.BACKGROUND)
    fans = [("No new policy", outcome.baseline["homicides"], theme.GHOST, True),
            ("Plan A", outcome.plan["homicides"], palette.categorical_colour(4), False)]
    draw_fan_chart(surface, pygame.Rect(440, 92, 816, 320), fans, theme.font(14),
                   theme.font(12), title="Homicides", y_label="people per quarter",
                   x_labels=outcome.periods, percent=False)
    draw_histogram(surface, pygame.Rect(440, 430, 440, 210),
                   [(outcome.lives_saved, palette.categorical_colour(4))], theme.font(14),
                   theme.font(12), title="Lives saved", zero_label="as doing nothing")
    pygame.display.flip()
    drawn = time.perf_counter() - start
    return ran, drawn


def simulate_cli(repeats: int, runs: int) -> tuple[list[float], float | None]:
    """Wall times of the 10,000-run summary, and its peak memory in MB."""
    command = [sys.executable, "-m", "game", "simulate", "--scenario", SCENARIO, "--runs",
               str(runs), "--turns", str(TURNS), "--format", "summary"]
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    gnu_time = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists()
                                        else None)
    walls: list[float] = []
    peaks: list[float] = []
    for _ in range(repeats):
        prefix = [gnu_time, "-v"] if gnu_time else []
        start = time.perf_counter()
        proc = subprocess.run([*prefix, *command], cwd=REPO, env=env, capture_output=True,
                              text=True, check=False)
        walls.append(time.perf_counter() - start)
        if proc.returncode != 0:
            raise SystemExit(f"simulate failed ({proc.returncode}): {proc.stderr[-2000:]}")
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
        if found:
            peaks.append(int(found.group(1)) / 1024)
    return walls, max(peaks) if peaks else None


def history_game_seconds(pack: object) -> float:
    """Seconds to play history-2006's whole script in one game with its exact effects."""
    from game.play.history import history_game

    start = time.perf_counter()
    history_game(pack, "history-2006", 1)  # type: ignore[arg-type]
    return time.perf_counter() - start


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one repeat of each figure")
    args = parser.parse_args()
    repeats = 1 if args.quick else 3
    pack = load_content(content_root())
    print(f"load average at start: {os.getloadavg()[0]:.2f} (2 cores; other work inflates "
          "every figure)")
    runs, draws = [], []
    for _ in range(repeats):
        ran, drawn = lab_and_chart(pack, 1000)
        runs.append(ran)
        draws.append(drawn)
    total = [r + d for r, d in zip(runs, draws, strict=True)]
    middle = statistics.median(total)
    print(f"1. lab, 1,000 worlds x {TURNS} quarters + fan chart: median {middle:.2f} s (run "
          f"{statistics.median(runs):.2f} s, draw {statistics.median(draws) * 1000:.0f} ms)  "
          "[target <= 2 s]")
    walls, peak = simulate_cli(repeats, 10_000)
    memory = f"{peak:.0f} MB" if peak is not None else "not measured"
    print(f"2. simulate --runs 10000 --turns {TURNS} --format summary: median "
          f"{statistics.median(walls):.2f} s, peak memory {memory}  [target <= 8 s, 1 GB]")
    seconds = [history_game_seconds(pack) for _ in range(repeats)]
    print(f"3. history-2006 played in one game with exact effects (72 quarters): median "
          f"{statistics.median(seconds):.2f} s")


if __name__ == "__main__":
    main()
