"""Print history mode's calibration: the model playing history-2006 beside the real series.

    python benchmarks/history_calibration.py [--runs 20] [--regions juarez,tijuana,...]

For the nation and each region with a real series, year by year (2007-2022): the model's
homicides (the median over `--runs` worlds, seeds 1...) playing what was really done, the
real count it was calibrated on (INEGI via Gargiulo, Aburto and Floridi 2024: the national
sum of states; a city's own count where the data has it, Ciudad Juárez 2007-2015; elsewhere
its state's count times the region's share, an estimate) and their ratio. Ends with the log
error per series (the root mean square of log(model / real) over the years).
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.content import load_content, real_series
from game.core.paths import content_root
from game.play.history import real_plan, span
from game.play.plan import play
from game.sim.lab import Lab

SCENARIO = "history-2006"
YEARS = range(2007, 2023)
CITIES = ("juarez", "tijuana", "culiacan", "acapulco")


def main() -> None:
    """Run the history in many worlds and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--regions", default=",".join(CITIES),
                        help="comma-separated region ids (default: the four cities)")
    args = parser.parse_args()
    pack = load_content(content_root())
    scenario = pack.scenarios[SCENARIO]
    lab = Lab(pack, SCENARIO, "federal", None, 1, args.runs, keep=False)
    yearly: dict[int, np.ndarray] = defaultdict(lambda: np.zeros((args.runs, lab.world.n_regions)))
    national: dict[int, np.ndarray] = defaultdict(lambda: np.zeros(args.runs))

    def add(result: object) -> None:
        year = int(lab.world.period(result.turn)[:4])  # type: ignore[attr-defined]
        yearly[year] += result.regions["homicides"][:args.runs]  # type: ignore[attr-defined]
        national[year] += result.national["homicides"][:args.runs]  # type: ignore[attr-defined]

    lab.observers.append(add)
    play(lab, real_plan(scenario), span(scenario))
    tables: list[tuple[str, dict[int, float], dict[int, float | None], dict[int, str]]] = []
    real_national = {y: float(sum(real_series.national_quarter(f"{y}-Q{q}") or 0
                                  for q in range(1, 5))) for y in YEARS}
    tables.append(("Mexico", {y: float(np.median(national[y])) for y in YEARS},
                   dict(real_national), dict.fromkeys(YEARS, "national")))
    for rid in args.regions.split(","):
        i = lab.world.region_index(rid)
        model = {y: float(np.median(yearly[y][:, i])) for y in YEARS}
        real: dict[int, float | None] = {}
        kinds: dict[int, str] = {}
        for y in YEARS:
            found = [real_series.region_quarter_with_source(scenario, rid, f"{y}-Q{q}")
                     for q in range(1, 5)]
            values = [v for v, _ in found]
            real[y] = None if any(v is None for v in values) else float(sum(values))  # type: ignore[arg-type]
            kinds[y] = str(found[0][1] or "-")
        tables.append((rid, model, real, kinds))
    print(f"history-2006 played as it was, median of {args.runs} worlds (seeds 1-{args.runs}), "
          "homicides a year")
    errors = []
    for name, model, real, kinds in tables:
        print(f"\n{name}\n    year     model      real  model/real  real is")
        logs = []
        for y in YEARS:
            r = real[y]
            ratio = model[y] / r if r else float("nan")
            if r:
                logs.append(math.log(max(model[y], 1.0) / r))
            print(f"    {y}  {model[y]:8,.0f}  {r if r is not None else float('nan'):8,.0f}  "
                  f"{ratio:10.2f}  {kinds[y]}")
        errors.append((name, math.sqrt(sum(v * v for v in logs) / len(logs)) if logs else 0.0))
    print("\nroot mean square of log(model / real): " +
          ", ".join(f"{name} {err:.2f}" for name, err in errors))


if __name__ == "__main__":
    main()
