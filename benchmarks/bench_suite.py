"""The test suite's time against an earlier commit's, run in turns on the same machine.

    .venv/bin/python benchmarks/bench_suite.py --against bdecbd8             # 3 rounds
    .venv/bin/python benchmarks/bench_suite.py --against bdecbd8 --rounds 5 --serial-too

The earlier commit is checked out in a temporary git worktree with its own virtual
environment (`pip install -e ".[test]"` and pytest-xdist, from the package index pip is set
to use). Each round runs the earlier suite, then this checkout's, with the same command:
`python -m pytest -q -p no:cacheprovider -n WORKERS --dist worksteal`, headless. Alternating
the two matters: on a shared machine the speed moves by a quarter within an hour, so two
figures taken at different times compare the machine, not the code.

Prints each run's wall time and the CPU time of its processes (user + system), then the
medians and the ratio (this checkout / earlier). `--serial-too` also times the earlier suite
in one process (how its README ran it, before the suite ran on every core). A run that fails
is reported as failed, not as a time. Nothing is asserted: these are figures.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 1800.0
"""Longest one suite run may take before it counts as failed (a hang is not a time)."""


@dataclass(frozen=True)
class Run:
    """One timed suite run: which side, wall and CPU seconds, and whether it passed."""

    side: str
    wall_s: float
    cpu_s: float
    passed: bool


def headless_env() -> dict[str, str]:
    """The environment of a CI run: SDL dummy drivers, no pygame banner."""
    env = dict(os.environ)
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
               PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.pop("PYTHONPATH", None)
    return env


def prepare_worktree(rev: str, scratch: Path) -> Path:
    """Check `rev` out beside this repository and give it its own environment with xdist."""
    tree = scratch / "earlier"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree), rev],
                   check=True)
    subprocess.run([sys.executable, "-m", "venv", str(tree / ".venv")], check=True)
    pip = [str(tree / ".venv" / "bin" / "python"), "-m", "pip", "install", "-q"]
    subprocess.run([*pip, "-e", ".[test]"], cwd=tree, check=True, env=headless_env())
    subprocess.run([*pip, "pytest-xdist>=3.5"], cwd=tree, check=True, env=headless_env())
    return tree


def children_cpu_s() -> float:
    """CPU seconds (user + system) of every finished child process so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_suite(side: str, tree: Path, python: Path, workers: int) -> Run:
    """Run one suite in `tree` with `python`; wall and CPU time of the run."""
    command = [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    if workers > 0:
        command += ["-n", str(workers), "--dist", "worksteal"]
    cpu_before, start = children_cpu_s(), time.perf_counter()
    try:
        done = subprocess.run(command, cwd=tree, env=headless_env(), timeout=TIMEOUT_S,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        passed = done.returncode == 0
    except subprocess.TimeoutExpired:
        passed = False
    return Run(side, time.perf_counter() - start, children_cpu_s() - cpu_before, passed)


def print_run(run: Run, round_number: int) -> None:
    """One line per run, as it finishes."""
    state = "" if run.passed else "  FAILED (not a time)"
    load = os.getloadavg()[0]
    print(f"round {round_number}  {run.side:<16} wall {run.wall_s:7.1f} s   CPU {run.cpu_s:7.1f} s"
          f"   load {load:4.2f}{state}", flush=True)


def summarise(runs: list[Run]) -> None:
    """Medians per side and the ratio of this checkout to the earlier commit."""
    medians: dict[str, tuple[float, float]] = {}
    for side in dict.fromkeys(run.side for run in runs):
        good = [run for run in runs if run.side == side and run.passed]
        if good:
            medians[side] = (statistics.median(r.wall_s for r in good),
                             statistics.median(r.cpu_s for r in good))
            print(f"median  {side:<16} wall {medians[side][0]:7.1f} s   "
                  f"CPU {medians[side][1]:7.1f} s   ({len(good)} runs)")
    here = medians.get("this checkout")
    for side, (wall, cpu) in medians.items():
        if here is not None and side != "this checkout":
            print(f"ratio this checkout / {side}: wall {here[0] / wall:.2f}, "
                  f"CPU {here[1] / cpu:.2f}")


def main() -> int:
    """Time both suites in turns and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", required=True, help="the earlier commit (any git rev)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of both suites")
    parser.add_argument("--workers", type=int, default=2, help="pytest-xdist workers")
    parser.add_argument("--serial-too", action="store_true",
                        help="also time the earlier suite in one process each round")
    args = parser.parse_args()
    here_python = Path(sys.executable)
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="plaza-bench-suite-") as scratch:
        tree = prepare_worktree(args.against, Path(scratch))
        earlier_python = tree / ".venv" / "bin" / "python"
        try:
            print(f"earlier: {args.against}; this checkout: {ROOT}; {args.workers} workers; "
                  f"{os.cpu_count()} cores")
            for round_number in range(1, args.rounds + 1):
                plan = [("earlier", tree, earlier_python, args.workers),
                        ("this checkout", ROOT, here_python, args.workers)]
                if args.serial_too:
                    plan.insert(1, ("earlier, 1 proc", tree, earlier_python, 0))
                for side, where, python, workers in plan:
                    run = time_suite(side, where, python, workers)
                    runs.append(run)
                    print_run(run, round_number)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                           check=False)
    summarise(runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
