"""Size and start-up time of the packaged executables (issue 4 targets).

    .venv/bin/python benchmarks/bench_build.py              # build both, then measure
    .venv/bin/python benchmarks/bench_build.py --no-build   # measure what is in dist/

Prints, for the one-folder build (`dist/plaza/`) and the one-file build
(`dist/plaza-onefile`):

- size in MB (10^6 bytes; files summed, symlinks not followed);
- launch to first frame: wall time from starting the executable to its exit right after the
  first frame is presented, with `PLAZA_EXIT_AFTER_FIRST_FRAME=1` and the SDL dummy video
  driver; median (and min, max) of 5 runs after one untimed warm-up (warm file cache: a
  first launch after boot, or from a slow USB stick, is slower);
- as a second, labelled figure: `validate content/` start-up (no window), a stand-in that
  needs no hook in the game.

The first-frame exit is the game's own hook (game/ui/app.py: it draws the title screen,
prints `first-frame <s>` and exits 0); a run that does not exit within the timeout is
reported as a failure, not as a time. Targets: one-folder <= 90 MB and <= 0.5 s, one-file
<= 45 MB and <= 1.5 s.
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

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
TIMEOUT = 60.0
TARGETS = {"one-folder": (90.0, 0.5), "one-file": (45.0, 1.5)}


def tree_size_mb(path: Path) -> float:
    """Total size of the files under path (or of one file), in MB."""
    if path.is_file():
        return path.stat().st_size / 1e6
    total = 0
    for dirpath, _dirs, files in os.walk(path):
        for name in files:
            file = Path(dirpath) / name
            if not file.is_symlink():
                total += file.stat().st_size
    return total / 1e6


def environment(scratch: Path, first_frame: bool) -> dict[str, str]:
    """A headless environment with throwaway user folders."""
    env = dict(os.environ)
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
               XDG_DATA_HOME=str(scratch / "data"), XDG_CONFIG_HOME=str(scratch / "config"),
               XDG_CACHE_HOME=str(scratch / "cache"), TMPDIR=str(scratch / "tmp"))
    (scratch / "tmp").mkdir(parents=True, exist_ok=True)
    if first_frame:
        env["PLAZA_EXIT_AFTER_FIRST_FRAME"] = "1"
    else:
        env.pop("PLAZA_EXIT_AFTER_FIRST_FRAME", None)
    return env


def time_launch(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    """Seconds from launch to exit; raises if the program fails or hangs."""
    start = time.perf_counter()
    proc = subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, timeout=TIMEOUT, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{argv} exited {proc.returncode}: "
                           f"{proc.stderr.decode(errors='replace')[-400:]}")
    return elapsed


def measure(argv: list[str], first_frame: bool, runs: int) -> list[float]:
    """One warm-up then `runs` timed launches."""
    with tempfile.TemporaryDirectory(prefix="plaza-bench-") as tmp:
        scratch = Path(tmp)
        env = environment(scratch, first_frame)
        time_launch(argv, env, scratch)
        return [time_launch(argv, env, scratch) for _ in range(runs)]


def build() -> None:
    """Build both executables with the project's spec."""
    print("building: pyinstaller --noconfirm build.spec (both builds) ...", flush=True)
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "build.spec"], cwd=ROOT, check=True)


def fmt(times: list[float]) -> str:
    """Median with the spread."""
    return (f"median {statistics.median(times):.3f} s "
            f"(min {min(times):.3f}, max {max(times):.3f}, n={len(times)})")


def main(argv: list[str] | None = None) -> int:
    """Build (unless --no-build), measure, print; exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="measure the existing dist/")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="dist folder")
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args(argv)
    if not args.no_build:
        build()
    exe_suffix = ".exe" if sys.platform == "win32" else ""
    builds = {
        "one-folder": (args.dist / "plaza", args.dist / "plaza" / f"plaza{exe_suffix}"),
        "one-file": (args.dist / f"plaza-onefile{exe_suffix}",
                     args.dist / f"plaza-onefile{exe_suffix}"),
    }
    missed = []
    for label, (artifact, exe) in builds.items():
        if not exe.exists():
            print(f"{label}: not built ({exe} missing)")
            missed.append(label)
            continue
        size_target, time_target = TARGETS[label]
        size = tree_size_mb(artifact)
        print(f"{label}: {artifact}")
        print(f"  size: {size:.1f} MB (target <= {size_target:.0f} MB)"
              f"{'' if size <= size_target else '  MISSED'}")
        try:
            frame = measure([str(exe)], first_frame=True, runs=args.runs)
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            print(f"  launch to first frame: FAILED ({exc})")
            missed.append(label)
        else:
            ok = statistics.median(frame) <= time_target
            print(f"  launch to first frame (dummy driver): {fmt(frame)} "
                  f"(target <= {time_target} s){'' if ok else '  MISSED'}")
            if not ok:
                missed.append(label)
        validate = measure([str(exe), "validate", str(ROOT / "content")], first_frame=False,
                           runs=args.runs)
        print(f"  stand-in, `validate content/` start-up (no window): {fmt(validate)}")
        if size > size_target:
            missed.append(label)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
