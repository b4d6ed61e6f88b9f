"""Benchmark of the class debrief: collecting 200 results, a class report, the hostile class.

    .venv/bin/python benchmarks/bench_debrief.py [--teams 200]

Prints seconds for: collecting 200 result files from a folder (read, checked into the model,
copies dropped, the workshop chosen: what the desk's live count does, no replay); building
the report of a 30-team class (every game replayed, 100 other worlds per team); and the
hostile class (30 bad files beside 3 good ones, issue 12) built into a report.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from classroom.classgen import make_class

from game.classroom.debrief import make_report
from game.classroom.desk import scan
from game.classroom.result_files import read_result, write_result
from game.classroom.workshops import Workshops
from game.core import paths


def main() -> int:
    """Run the three measurements and print them."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--teams", type=int, default=200)
    parser.add_argument("--report-teams", type=int, default=30)
    args = parser.parse_args()
    workshops = Workshops.load(paths.content_root())
    workshop = workshops.from_data({"scenario": "juarez-2010", "seed": 42, "role": "municipal"})
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "class"
        files = make_class(folder, workshops, workshop, args.report_teams, seed=1)
        rng = random.Random(2)
        big = Path(tmp) / "big"
        big.mkdir()
        for n in range(args.teams):
            document = read_result(rng.choice(files))
            document["body"]["player"] = f"Team {n:03d}"
            from game.classroom.result_files import checksum

            document["checksum"] = checksum(document["body"])
            write_result(big / f"team-{n:03d}.json", document)
        start = time.perf_counter()
        counted = scan(big, [], workshops)
        print(f"collect {args.teams} results from a folder: {time.perf_counter() - start:.2f} s "
              f"({len(counted.teams)} teams counted)")
        start = time.perf_counter()
        report, klass = make_report([folder], workshops=workshops)
        print(f"report of {len(klass.teams)} teams (replayed, 100 other worlds each): "
              f"{time.perf_counter() - start:.2f} s, {len(report or '') / 1e3:.0f} kB")
    try:
        import pytest  # noqa: F401
        from hostile.test_hostile_results import RAW, SEALED
    except ImportError:
        return 0
    import subprocess

    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/hostile/test_hostile_results.py::"
                           "test_the_hostile_class_gets_its_report"],
                          capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[1])
    verdict = "passed" if proc.returncode == 0 else "FAILED"
    print(f"hostile class ({len(SEALED) + len(RAW) + 4} bad files beside 3 good ones), made and "
          f"reported: {time.perf_counter() - start:.2f} s ({verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
