"""Print the median time to debrief 200 result files of a national workshop (target: 5 s or less).

The files (national-2018, federal, 24 quarters, 9 regions: the largest results Plaza writes)
are generated once into a temporary folder; only the debrief is timed: reading and checking
every file, and rendering and writing the HTML report.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

# Run as a plain script from anywhere: make the repository and the tests importable.
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from classroom.classgen import make_class  # noqa: E402

from game.classroom.debrief import make_report  # noqa: E402
from game.classroom.workshops import Workshops  # noqa: E402
from game.core import paths  # noqa: E402
from game.core.files import write_text_atomic  # noqa: E402

TEAMS = 200
REPEATS = 3
TARGET_SECONDS = 5.0


def main() -> int:
    """Generate the class, time the debrief three times, print the median."""
    workshops = Workshops.load(paths.content_root())
    workshop = workshops.from_data({"scenario": "national-2018", "seed": 2018,
                                    "role": "federal"})
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        files = make_class(Path(folder) / "class", workshops, workshop, TEAMS, seed=1)
        size = sum(f.stat().st_size for f in files)
        print(f"generated {len(files)} result files ({size / 1e6:.1f} MB) in "
              f"{time.perf_counter() - start:.1f} s")
        times = []
        for _ in range(REPEATS):
            start = time.perf_counter()
            report, klass = make_report([Path(folder) / "class"])
            assert report is not None and len(klass.teams) == TEAMS
            write_text_atomic(Path(folder) / "report.html", report)
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        verdict = "met" if median <= TARGET_SECONDS else "MISSED"
        print(f"debrief of {TEAMS} files: median {median:.2f} s over {REPEATS} runs "
              f"({', '.join(f'{t:.2f}' for t in times)}); report {len(report) / 1e6:.1f} MB; "
              f"target <= {TARGET_SECONDS:.0f} s: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
