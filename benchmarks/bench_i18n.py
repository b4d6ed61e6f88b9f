"""Print how long the translation catalogs take to load (issue 12); prints, asserts nothing.

    .venv/bin/python benchmarks/bench_i18n.py

Each figure is the median of 7 fresh interpreters (`python -c`), so nothing is cached in the
process; the user cache folder is a temporary one:

1. cold: both languages (en, es) loaded with an empty cache: each PO is read and compiled by
   Babel, then cached (what the first start from a checkout pays, once per catalog edit);
2. warm: both languages from the compiled MO files in the cache (every later start);
3. the first number: Babel's import and the CLDR data for en, then es_MX (paid on the first
   number the game writes, not at start-up).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7

PROBE = """
import time
from game.core import i18n
t0 = time.perf_counter()
en, es = i18n.Translator("en"), i18n.Translator("es")
t1 = time.perf_counter()
en.number(1234.5, 1)
t2 = time.perf_counter()
es.number(1234.5, 1)
t3 = time.perf_counter()
print(1000 * (t1 - t0), 1000 * (t2 - t1), 1000 * (t3 - t2))
"""


def probe(cache: Path) -> list[float]:
    """Run the probe in a fresh interpreter with `cache` as the user cache folder."""
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    return [float(x) for x in out.split()]


def main() -> None:
    """Print the three figures."""
    cold: list[list[float]] = []
    warm: list[list[float]] = []
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as folder:
            cold.append(probe(Path(folder)))
            warm.append(probe(Path(folder)))

    def median(rows: list[list[float]], column: int) -> float:
        return statistics.median(row[column] for row in rows)

    print(f"catalogs en+es, cold cache (compile with Babel): {median(cold, 0):6.1f} ms")
    print(f"catalogs en+es, warm cache (read MO):            {median(warm, 0):6.1f} ms")
    print(f"first number, en (Babel import + CLDR en):       {median(warm, 1):6.1f} ms")
    print(f"first number, es_MX (CLDR es_MX, es_419, es):    {median(warm, 2):6.1f} ms")
    print(f"(after importing game.core.i18n; median of {RUNS} fresh interpreters)")


if __name__ == "__main__":
    main()
