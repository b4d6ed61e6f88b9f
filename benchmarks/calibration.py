"""Print the model's calibration figures beside their research targets (docs/calibration.md).

Each figure is a mean over seeds of a plan against the same-seed world without it, or a
baseline path against the real INEGI series shipped in content/history/.
Run: python benchmarks/calibration.py [--runs N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.content import load_content, paths
from game.content import real_series as history_data
from game.content.schema import ContentPack, Decision, PlanFile
from game.play.lab import Simulation


def simulate(pack: ContentPack, scenario: str, role: str, runs: int, turns: int,
             decisions: list[tuple[int, str, str | None]] | None = None,
             responses: dict[str, str] | None = None, region: str | None = None) -> Simulation:
    """Run a plan over `runs` seeds from seed 1."""
    plan = PlanFile(decision=[Decision(turn=t, action=a, region=r) for t, a, r in decisions or []],
                    responses=responses or {})
    sim = Simulation(pack, scenario, role, region, 1, runs, plan)  # type: ignore[arg-type]
    sim.run(turns)
    return sim


def regional(sim: Simulation, name: str, region: str) -> np.ndarray:
    """An indicator of one region, shaped (runs, turns)."""
    i = sim.world.region_index(region)
    return np.stack([r.regions[name][:, i] for r in sim.results], axis=1)


def capture_effect(pack: ContentPack, region: str, runs: int) -> tuple[float, float]:
    """Killings in the four quarters after a successful capture, relative to the same world."""
    base = simulate(pack, "national-2018", "federal", runs, 6)
    capture = simulate(pack, "national-2018", "federal", runs, 6,
                       [(2, "kingpin_operation", region)])
    i = capture.world.region_index(region)
    caught = np.zeros(runs, dtype=bool)
    for result in capture.results:
        for event in result.events:
            if event.event_id in ("capture", "capture_siege") and event.region == i:
                caught |= event.runs
    ratio = regional(capture, "homicides", region)[:, 1:5].sum(1) / regional(
        base, "homicides", region)[:, 1:5].sum(1)
    return float(ratio[caught].mean() - 1), float(caught.mean())


def army_effect(pack: ContentPack, region: str, runs: int) -> float:
    """Extra homicides per 100,000 in the first year of a deployment."""
    base = simulate(pack, "national-2018", "federal", runs, 4)
    army = simulate(pack, "national-2018", "federal", runs, 4, [(1, "deploy_army", region)])
    pop = army.world.population[army.world.region_index(region)]
    extra = regional(army, "homicides", region).sum(1) - regional(base, "homicides", region).sum(1)
    return float(extra.mean() / pop * 1e5)


def main() -> int:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=60)
    runs = parser.parse_args().runs
    pack = load_content(paths.content_root())
    rows: list[tuple[str, str, str]] = []
    for region in ("tierra_caliente", "guanajuato", "culiacan"):
        effect, share = capture_effect(pack, region, runs)
        rows.append((f"capture in {region}: killings over the next 4 quarters",
                     "+36.5% (Calderón et al. 2015) to +80% (Lindo and Padilla-Romo 2018)",
                     f"{effect:+.0%} (capture succeeded in {share:.0%} of runs)"))
    for region in ("tierra_caliente", "guanajuato", "acapulco", "montana"):
        rows.append((f"army deployed in {region}: first year",
                     "about +11 per 100,000, averaged over regions (Espinosa and Rubin 2015)",
                     f"{army_effect(pack, region, runs):+.1f} per 100,000"))
    mayor = simulate(pack, "juarez-2010", "municipal", runs, 12, region="juarez")
    juarez = regional(mayor, "homicides", "juarez")
    real_2010 = sum(history_data.region_quarter(pack.scenarios["juarez-2010"], "juarez",
                                                f"2010-Q{q}") or 0 for q in range(1, 5))
    real_2012 = sum(history_data.region_quarter(pack.scenarios["juarez-2010"], "juarez",
                                                f"2012-Q{q}") or 0 for q in range(1, 5))
    rows.append(("Juárez (as mayor, no new policy): 2012 against 2010",
                 f"-60% (state prosecutor); INEGI series {real_2012 / real_2010 - 1:+.0%}",
                 f"{juarez[:, 8:12].sum(1).mean() / juarez[:, 0:4].sum(1).mean() - 1:+.0%}"))
    hold = simulate(pack, "culiacan-2019", "federal", runs, 3, [(1, "kingpin_operation",
                                                                 "culiacan")],
                    {"capture_siege": "hold"})
    release = simulate(pack, "culiacan-2019", "federal", runs, 3, [(1, "kingpin_operation",
                                                                    "culiacan")],
                       {"capture_siege": "release"})
    base = simulate(pack, "culiacan-2019", "federal", runs, 3)
    sieged = np.zeros(runs, dtype=bool)
    for result in release.results:
        for event in result.events:
            if event.event_id == "capture_siege" and event.choice is None:
                sieged |= event.runs
    cost = (np.stack([r.national["approval"] for r in base.results], 1)[:, 1]
            - np.stack([r.national["approval"] for r in release.results], 1)[:, 1])[sieged]
    saved = (regional(hold, "homicides", "culiacan")[:, 1:3].sum(1)
             - regional(release, "homicides", "culiacan")[:, 1:3].sum(1))[sieged]
    rows.append(("Culiacán siege: release instead of hold",
                 "fewer deaths; approval fell somewhat, stayed near 64% (polls, 2019)",
                 f"{saved.mean():.0f} fewer killings; approval {cost.mean() * 100:.1f} points "
                 f"lower than without the capture"))
    national = simulate(pack, "national-2018", "federal", runs, 24)
    totals = np.stack([r.national["homicides"] for r in national.results], axis=1)
    real = [history_data.national_quarter(f"{y}-Q{q}") for y in (2019, 2022) for q in (1, 2, 3, 4)]
    rows.append(("national-2018: first year of homicides",
                 "about 36,000 (INEGI registrations 2019: 36,661)",
                 f"{totals[:, :4].sum(1).mean():,.0f}"))
    real_change = sum(v or 0 for v in real[4:]) / sum(v or 0 for v in real[:4]) - 1
    rows.append(("national-2018 (no new policy): 2022 against 2019",
                 f"INEGI series {real_change:+.0%}",
                 f"{totals[:, 13:17].sum(1).mean() / totals[:, 1:5].sum(1).mean() - 1:+.0%}"))
    width = max(len(r[0]) for r in rows)
    print(f"Plaza calibration, {runs} seeds per figure\n")
    for name, target, measured in rows:
        print(f"{name.ljust(width)}  measured {measured}\n{' ' * width}  target   {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
