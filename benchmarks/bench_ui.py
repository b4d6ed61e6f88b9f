"""Print the desktop game's speed figures (issue 3 targets); prints, asserts nothing.

    /work/venv/bin/python benchmarks/bench_ui.py            # all four figures
    /work/venv/bin/python benchmarks/bench_ui.py --only frames|first-frame|memory|builds

1. Frame time on the main screen at 1280x720 with the SDL dummy driver: `App.frame()` timed
   with perf_counter, ~600 frames while synthesised MOUSEMOTION events sweep over the map and
   the intervention cards, then ~600 idle frames (no input). Median, 95th and 99th percentile
   in ms, for national-2018 (federal, 9 regions) and juarez-2010 (mayor). Target p99 <= 8 ms.
2. Launch to first frame: `python -m game` in a subprocess with PLAZA_EXIT_AFTER_FIRST_FRAME=1
   (the game prints `first-frame <s>` after its first frame, measured from the top of
   game/__main__.py, and exits 0). Median of 5 launches after one untimed warm-up, with fresh
   user folders (so the content note is shown on top of the title, as on a first start); also
   the wall clock from spawning the process to its exit, which adds interpreter start-up and
   shut-down. Target <= 1 s.
3. Peak memory: a child process plays a whole 24-quarter federal national-2018 term through
   the App (main screen End quarter, every dilemma answered, every results screen closed, a
   frame drawn after each step) to the debrief and reports its peak RSS
   (getrusage ru_maxrss). Target < 250 MB.
4. Screen builds: how long a player waits for the screens a term builds again and again (the
   main screen after each decision and each quarter, a card's dialog, a quarter's results),
   national-2018 federal at 1280x720: `Screen.rebuild()` timed REBUILDS times after one
   untimed build, median and max in ms, with the count of elements built.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

FRAMES = 600
LAUNCHES = 5
REBUILDS = 15


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, round(q / 100.0 * len(ordered)))
    return ordered[min(len(ordered), rank) - 1]


def summary(times: list[float]) -> str:
    """Median, p95, p99 and max of frame times in seconds, printed in ms."""
    ms = [t * 1000.0 for t in times]
    return (f"median {statistics.median(ms):5.2f} ms  p95 {percentile(ms, 95):5.2f} ms  "
            f"p99 {percentile(ms, 99):5.2f} ms  max {max(ms):6.2f} ms  ({len(ms)} frames)")


def _app(scratch: Path) -> Any:
    import warnings

    from game.ui.app import App

    warnings.simplefilter("ignore", UserWarning)
    app = App("en", settings_dir=scratch / "config", saves_dir=scratch / "saves")
    app.settings.seen_content_note = True
    app.settings.seen_tutorial = True
    return app


def frames(scenario: str, role: str, region: str | None) -> None:
    """Time frames on the main screen while the mouse sweeps the map and cards, then idle."""
    import pygame

    from game.ui.screen import Push
    from game.ui.screens.main import MainScreen

    with tempfile.TemporaryDirectory() as tmp:
        app = _app(Path(tmp))
        app.start()
        problem = app.session.start(scenario, role, region, 1)
        assert problem is None, problem
        main = MainScreen(app)
        app.apply(Push(main))
        for _ in range(30):  # warm-up: layout, tooltips' fonts, caches
            app.frame()
        # A path over the map (markers and labels included) and then down the cards column.
        m = main.map_rect
        cards_x = round((main.width - 200) * app.scale)
        points: list[tuple[int, int]] = []
        for i in range(FRAMES // 2):
            f = i / (FRAMES // 2 - 1)
            points.append((m.x + round(f * (m.w - 1)), m.y + round((0.5 + 0.45 *
                           ((i % 40) / 20 - 1)) * (m.h - 1))))
        rest = FRAMES - len(points)
        for i in range(rest):
            f = i / (rest - 1)
            points.append((cards_x + (i % 7) * 9, round((70 + f * 560) * app.scale)))
        moving: list[float] = []
        last = points[0]
        for pos in points:
            event = pygame.event.Event(pygame.MOUSEMOTION, pos=pos,
                                       rel=(pos[0] - last[0], pos[1] - last[1]),
                                       buttons=(0, 0, 0))
            last = pos
            t0 = time.perf_counter()
            app.frame([event])
            moving.append(time.perf_counter() - t0)
        idle: list[float] = []
        for _ in range(FRAMES):
            t0 = time.perf_counter()
            app.frame()
            idle.append(time.perf_counter() - t0)
        both = moving + idle
        label = f"{scenario} ({role}{', ' + region if region else ''})"
        print(f"  {label}")
        print(f"    mouse moving  {summary(moving)}")
        print(f"    idle          {summary(idle)}")
        print(f"    all           {summary(both)}   target p99 <= 8 ms")
        pygame.quit()


def first_frame() -> None:
    """Launch `python -m game` with the first-frame hook; median of LAUNCHES runs."""
    inside: list[float] = []
    wall: list[float] = []
    for i in range(LAUNCHES + 1):
        with tempfile.TemporaryDirectory() as tmp:
            scratch = Path(tmp)
            env = dict(os.environ)
            env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
                       PYGAME_HIDE_SUPPORT_PROMPT="1", PLAZA_EXIT_AFTER_FIRST_FRAME="1",
                       PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(scratch / "data"),
                       XDG_CONFIG_HOME=str(scratch / "config"),
                       XDG_CACHE_HOME=str(scratch / "cache"))
            t0 = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "game"], cwd=ROOT, env=env,
                                  capture_output=True, text=True, timeout=60)
            elapsed = time.perf_counter() - t0
        line = next((x for x in done.stdout.splitlines() if x.startswith("first-frame ")), None)
        if done.returncode != 0 or line is None:
            print(f"  launch failed (exit {done.returncode}): {done.stderr.strip()[-300:]}")
            return
        if i == 0:
            continue  # warm-up: file cache, .pyc files
        inside.append(float(line.split()[1]))
        wall.append(elapsed)
    print(f"  first frame, from the top of game/__main__.py: median "
          f"{statistics.median(inside) * 1000:.0f} ms (min {min(inside) * 1000:.0f}, "
          f"max {max(inside) * 1000:.0f}; {LAUNCHES} launches)   target <= 1 s")
    print(f"  spawn to exit, wall clock:                      median "
          f"{statistics.median(wall) * 1000:.0f} ms (min {min(wall) * 1000:.0f}, "
          f"max {max(wall) * 1000:.0f})")


def play_term() -> None:
    """(Child process) play national-2018 as the federal government to the debrief via the App.

    Prints `rss-mb <peak>` and the steps taken.
    """
    import resource

    from game.ui.screen import Push
    from game.ui.screens.debrief import DebriefScreen
    from game.ui.screens.dilemma import DilemmaScreen
    from game.ui.screens.main import MainScreen
    from game.ui.screens.results import ResultsScreen
    from game.ui.screens.verdict import VerdictScreen

    with tempfile.TemporaryDirectory() as tmp:
        app = _app(Path(tmp))
        app.start()
        assert app.session.start("national-2018", "federal", None, 1) is None
        main = MainScreen(app)
        app.apply(Push(main))
        app.frame()
        campaign = app.session.campaign
        for option in main.options()[:3]:
            if option.possible and not option.active:
                campaign.enact(option.action_id, option.region)
        steps = 0
        t0 = time.perf_counter()
        while not isinstance(app.top, DebriefScreen) and steps < 500:
            steps += 1
            top = app.top
            if isinstance(top, DilemmaScreen):
                d = top.dilemma
                app.apply(top._answer(d.default or d.choices[0])())
            elif isinstance(top, ResultsScreen):
                app.apply(top.close())
            elif isinstance(top, VerdictScreen):  # the term's end: on to the debrief
                app.apply(top.debrief())
            else:
                app.apply(main.end_turn())
            app.frame()
        for _ in range(5):
            app.frame()
        elapsed = time.perf_counter() - t0
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        peak_bytes = peak_kb if sys.platform == "darwin" else peak_kb * 1024  # macOS: bytes
        print(f"turns {campaign.turn} steps {steps} seconds {elapsed:.1f} "
              f"debrief {isinstance(app.top, DebriefScreen)}")
        print(f"rss-mb {peak_bytes / 1e6:.1f}")
        statm = Path("/proc/self/statm")
        if statm.exists():  # resident pages now, on Linux: what the game holds after the term
            pages = int(statm.read_text().split()[1])
            print(f"now-mb {pages * os.sysconf('SC_PAGE_SIZE') / 1e6:.1f}")


def memory() -> None:
    """Run play_term in a fresh process and report its peak RSS."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child-play"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        print(f"  the game did not finish: {done.stderr.strip()[-500:]}")
        return
    lines = done.stdout.splitlines()
    rss = next(x for x in lines if x.startswith("rss-mb ")).split()[1]
    now = next((x.split()[1] for x in lines if x.startswith("now-mb ")), "n/a")
    info = next(x for x in lines if x.startswith("turns "))
    print(f"  RSS after a full national-2018 federal term through the App: {now} MB now, "
          f"{rss} MB at its peak (10^6 bytes)   target < 250 MB after the game")
    print(f"    ({info})")


def _elements(screen: Any) -> int:
    """How many pygame_gui elements a screen has built (containers' contents included)."""
    count, stack = 0, [screen.root]
    while stack:
        for element in stack.pop().elements:
            count += 1
            if hasattr(element, "elements"):
                stack.append(element)
    return count


def screen_builds() -> None:
    """Time Screen.rebuild() on the main screen, a card's dialog and a quarter's results."""
    import pygame

    from game.ui.screen import Pop, Push
    from game.ui.screens.action import ActionScreen
    from game.ui.screens.dilemma import DilemmaScreen
    from game.ui.screens.main import MainScreen
    from game.ui.screens.results import ResultsScreen

    with tempfile.TemporaryDirectory() as tmp:
        app = _app(Path(tmp))
        app.settings.seen_coach = True
        app.start()
        assert app.session.start("national-2018", "federal", None, 1) is None
        app.session.coach_pending = False
        main = MainScreen(app)
        app.apply(Push(main))
        app.frame()
        option = next(o for o in main.options() if o.possible)
        screens: list[tuple[str, Any]] = [("main screen", main)]
        action = ActionScreen(app, option)
        app.apply(Push(action))
        screens.append(("a card's dialog", action))
        for name, screen in screens:
            print(f"  {name:16} {_rebuild_times(screen)}")
        app.apply(Pop())
        while not isinstance(app.top, ResultsScreen):  # the quarter's dilemmas first
            top = app.top
            if isinstance(top, DilemmaScreen):
                app.apply(top._answer(top.dilemma.default or top.dilemma.choices[0])())
            else:
                app.apply(main.end_turn())
        print(f"  {'quarter results':16} {_rebuild_times(app.top)}")
        pygame.quit()


def _rebuild_times(screen: Any) -> str:
    """Median and max of REBUILDS timed rebuilds of a screen, and its element count."""
    screen.rebuild()
    times = []
    for _ in range(REBUILDS):
        t0 = time.perf_counter()
        screen.rebuild()
        times.append((time.perf_counter() - t0) * 1000.0)
    return (f"median {statistics.median(times):5.1f} ms  max {max(times):5.1f} ms  "
            f"({_elements(screen)} elements, {REBUILDS} rebuilds)")


def main() -> None:
    """Run the chosen figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["frames", "first-frame", "memory", "builds"])
    parser.add_argument("--child-play", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_play:
        play_term()
        return
    if args.only in (None, "frames"):
        print("1. Main screen frame time at 1280x720 (SDL dummy driver)")
        frames("national-2018", "federal", None)
        frames("juarez-2010", "municipal", None)
    if args.only in (None, "first-frame"):
        print("2. Launch to first frame (python -m game, PLAZA_EXIT_AFTER_FIRST_FRAME=1)")
        first_frame()
    if args.only in (None, "memory"):
        print("3. Peak memory")
        memory()
    if args.only in (None, "builds"):
        print("4. Screen builds at 1280x720 (Screen.rebuild, SDL dummy driver)")
        screen_builds()


if __name__ == "__main__":
    main()
