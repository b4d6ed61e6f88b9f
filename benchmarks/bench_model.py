"""Print the speed figures issue 2 asks of the model, the simulator and the validator.

    python benchmarks/bench_model.py            # the full measurements (about two minutes)
    python benchmarks/bench_model.py --quick    # smaller samples, for a first look

Figures (medians over repeats; nothing is asserted, see benchmarks/README.md for the targets):

1. one turn of national-2018 for one game (runs=1), in ms;
2. `python -m game simulate --scenario national-2018 --runs 1000 --turns 24 --format summary`,
   wall time with interpreter start-up, and the child's peak memory;
3. the 1,000-run batch against 1,000 single runs in a loop (in process, same code path);
4. `python -m game validate content/`, wall time with start-up;
5. one quarter of national-2018 in a game carrying its exact effects (the played world, the
   same world with no new policy and the world without each of 20 decisions on the agenda):
   the model step alone and the whole quarter with its record, in ms.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

# Run as a plain script from anywhere: make the repository root importable.
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from game.content import load_content  # noqa: E402
from game.core.paths import content_root  # noqa: E402
from game.play.lab import Simulation  # noqa: E402

SCENARIO = "national-2018"
TURNS = 24


def child_env() -> dict[str, str]:
    """Environment for `python -m game` children: the repository importable, no window."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    return env


def one_turn_ms(pack: object, samples: int) -> tuple[float, float]:
    """Median and 90th percentile of one quarter of one game, in ms, after warm-up turns."""
    times: list[float] = []
    seed = 1
    while len(times) < samples:
        sim = Simulation(pack, SCENARIO, "federal", None, seed, 1, None)  # type: ignore[arg-type]
        sim.run(2)  # warm-up: first quarters of a fresh model
        for _ in range(TURNS - 2):
            start = time.perf_counter()
            sim.run(1)
            times.append((time.perf_counter() - start) * 1000)
        seed += 1
    times = times[:samples]
    return statistics.median(times), statistics.quantiles(times, n=10)[-1]


def simulate_cli(repeats: int, runs: int) -> tuple[list[float], float | None, str]:
    """Wall times of the policy-lab command, and its peak memory in MB (and how it was read)."""
    command = [sys.executable, "-m", "game", "simulate", "--scenario", SCENARIO, "--runs",
               str(runs), "--turns", str(TURNS), "--format", "summary"]
    gnu_time = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists()
                                        else None)
    walls: list[float] = []
    peaks: list[float] = []
    method = "getrusage(RUSAGE_CHILDREN).ru_maxrss"
    for _ in range(repeats):
        if gnu_time:
            start = time.perf_counter()
            proc = subprocess.run([gnu_time, "-v", *command], cwd=REPO, env=child_env(),
                                  capture_output=True, text=True, check=False)
            walls.append(time.perf_counter() - start)
            found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
            if found:
                peaks.append(int(found.group(1)) / 1024)
                method = "/usr/bin/time -v (maximum resident set size)"
        else:
            start = time.perf_counter()
            proc = subprocess.run(command, cwd=REPO, env=child_env(), capture_output=True,
                                  text=True, check=False)
            walls.append(time.perf_counter() - start)
        if proc.returncode != 0:
            raise SystemExit(f"simulate failed ({proc.returncode}): {proc.stderr[-2000:]}")
    if not peaks:
        scale = 1 if platform.system() == "Darwin" else 1024  # bytes on macOS, KiB on Linux
        peaks.append(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale / 2**20)
    return walls, max(peaks) if peaks else None, method


def batch_vs_singles(pack: object, runs: int) -> tuple[float, float]:
    """Seconds for one batch of `runs` seeds, and for `runs` single games one after another."""
    start = time.perf_counter()
    Simulation(pack, SCENARIO, "federal", None, 1, runs, None).run(TURNS)  # type: ignore[arg-type]
    batch = time.perf_counter() - start
    start = time.perf_counter()
    for seed in range(1, runs + 1):
        Simulation(pack, SCENARIO, "federal", None, seed, 1, None).run(TURNS)  # type: ignore[arg-type]
    singles = time.perf_counter() - start
    return batch, singles


def validate_cli(repeats: int) -> list[float]:
    """Wall times of `python -m game validate content/`."""
    walls = []
    for _ in range(repeats):
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "game", "validate", "content/"], cwd=REPO,
                              env=child_env(), capture_output=True, text=True, check=False)
        walls.append(time.perf_counter() - start)
        if proc.returncode != 0:
            raise SystemExit(f"validate failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return walls


def effects_quarter_ms(pack: object, samples: int, decisions: int = 20) -> tuple[float, float]:
    """Median ms of one quarter of national-2018 with `decisions` on the agenda and effects on.

    Returns (the model step alone, the whole quarter: step plus the turn record with its
    baseline and per-decision effects, read as the results screen reads them: a record works
    them out when first read).
    """
    from game.play.campaign import Campaign
    from game.sim.commands import Impossible

    steps: list[float] = []
    quarters: list[float] = []
    seed = 1
    while len(steps) < samples:
        game = Campaign.new(pack, SCENARIO, "federal", seed=seed)  # type: ignore[arg-type]
        cards = [(a.id, None if a.scope == "national" else r)
                 for a in game.pack.interventions.values() if "federal" in a.roles
                 for r in (["tijuana", "juarez", "culiacan", "guanajuato", "acapulco"]
                           if a.scope == "region" else [None])]
        made = 0
        while made < decisions:  # enact what fits; stop one card a quarter (a decision too)
            for action, region in cards:
                if made >= decisions:
                    break
                try:
                    game.enact(action, region)
                    made += 1
                except Impossible:
                    continue
            active = game.active_interventions(0)
            if made < decisions and active:
                game.repeal(*active[0])
                made += 1
            game.end_turn()
        for _ in range(4):
            start = time.perf_counter()
            game.model.step()
            steps.append((time.perf_counter() - start) * 1000)
        for _ in range(4):
            start = time.perf_counter()
            record = game.end_turn()
            assert record.effects is not None and record.why_decisions is not None
            quarters.append((time.perf_counter() - start) * 1000)
        seed += 1
    return statistics.median(steps[:samples]), statistics.median(quarters[:samples])


def main() -> None:
    """Measure and print every figure with its target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller samples (rough figures)")
    args = parser.parse_args()
    turn_samples, cli_repeats, validate_repeats, lab_runs = (
        (60, 1, 2, 200) if args.quick else (200, 3, 5, 1000))

    print(f"Plaza model benchmarks: Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, {platform.machine()}, {platform.system()}")
    pack = load_content(content_root())

    median, p90 = one_turn_ms(pack, turn_samples)
    print(f"1. one turn of {SCENARIO}, one game: median {median:.2f} ms "
          f"(p90 {p90:.2f} ms, {turn_samples} turns after warm-up; target <= 2 ms)")

    walls, peak, method = simulate_cli(cli_repeats, 1000)
    print(f"2. simulate --scenario {SCENARIO} --runs 1000 --turns {TURNS} --format summary: "
          f"median {statistics.median(walls):.2f} s wall over {len(walls)} "
          f"(all: {', '.join(f'{w:.2f}' for w in walls)}; start-up included; target <= 3 s)")
    if peak is not None:
        print(f"   peak memory {peak:.0f} MB ({method}; target < 500 MB)")

    batch, singles = batch_vs_singles(pack, lab_runs)
    print(f"3. {lab_runs:,} runs x {TURNS} turns in process: one batch {batch:.2f} s, "
          f"{lab_runs:,} single runs in a loop {singles:.2f} s, batch {singles / batch:.1f}x "
          f"faster (target >= 20x)")

    walls = validate_cli(validate_repeats)
    print(f"4. validate content/: median {statistics.median(walls):.2f} s wall over {len(walls)} "
          f"(start-up included; target < 1 s)")

    step, quarter = effects_quarter_ms(pack, 20 if args.quick else 60)
    print(f"5. one quarter of {SCENARIO} with 20 decisions on the agenda, effects carried "
          f"(22 worlds side by side): model step median {step:.2f} ms (target <= 5 ms); "
          f"with the turn record (baseline, each decision's effect) {quarter:.2f} ms")


if __name__ == "__main__":
    main()
