"""Print the model's calibration figures beside their research targets (docs/calibration.md).

Each figure is a mean over seeds of a plan against the same-seed world without it, or a
baseline path (no new policy) against the real INEGI series shipped in content/history/,
year by year for Ciudad Juárez, Culiacán and the country.
Run: python benchmarks/calibration.py [--runs N] [--only effects|history]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.content import load_content
from game.content import real_series as history_data
from game.content.schema import ContentPack, Decision, PlanFile
from game.core import paths
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


def national(sim: Simulation, name: str) -> np.ndarray:
    """A national indicator, shaped (runs, turns)."""
    return np.stack([r.national[name] for r in sim.results], axis=1)


def capture_effect(pack: ContentPack, region: str, runs: int) -> tuple[float, float]:
    """Killings in the four quarters after a successful capture, relative to the same world."""
    base = simulate(pack, "national-2018", "federal", runs, 6)
    capture = simulate(pack, "national-2018", "federal", runs, 6,
                       [(2, "kingpin_operation", region)], {"capture_siege": "hold"})
    i = capture.world.region_index(region)
    caught = np.zeros(runs, dtype=bool)
    for result in capture.results:
        for event in result.events:
            if event.event_id in ("capture", "capture_siege", "leader_killed") and (
                    event.region == i):
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


def yearly(sim: Simulation, counts: np.ndarray) -> dict[int, float]:
    """Mean over runs of a (runs, turns) count, summed by calendar year (full years only)."""
    by_year: dict[int, list[float]] = {}
    for k in range(counts.shape[1]):
        year = int(sim.world.period(k + 1)[:4])
        by_year.setdefault(year, []).append(float(counts[:, k].mean()))
    return {year: sum(values) for year, values in by_year.items() if len(values) == 4}


def real_yearly(pack: ContentPack, scenario: str, region: str | None,
                years: list[int]) -> dict[int, tuple[float | None, str]]:
    """The real (or estimated) yearly count of a region or of the country, and its kind."""
    found: dict[int, tuple[float | None, str]] = {}
    for year in years:
        values, kinds = [], set()
        for q in (1, 2, 3, 4):
            period = f"{year}-Q{q}"
            if region is None:
                value, kind = history_data.national_quarter(period), "national"
            else:
                value, kind = history_data.region_quarter_with_source(
                    pack.scenarios[scenario], region, period)
            values.append(value)
            kinds.add(kind or "none")
        total = None if any(v is None for v in values) else sum(v for v in values if v)
        found[year] = (total, "/".join(sorted(kinds)))
    return found


def history_table(pack: ContentPack, runs: int) -> list[str]:
    """Model (no new policy) against the real series, year by year."""
    lines: list[str] = []
    cases = [("Ciudad Juárez (juarez-2010, as mayor)", "juarez-2010", "municipal", "juarez",
              "juarez", 40),
             ("Culiacán (culiacan-2019)", "culiacan-2019", "federal", None, "culiacan", 40),
             ("Mexico (national-2018)", "national-2018", "federal", None, None, 40)]
    for title, scenario, role, city, region, turns in cases:
        sim = simulate(pack, scenario, role, runs, turns, region=city)
        counts = national(sim, "homicides") if region is None else regional(
            sim, "homicides", region)
        model = yearly(sim, counts)
        real = real_yearly(pack, scenario, region, list(model))
        lines.append(f"\n{title}: homicides a year, model mean of {runs} seeds with no new "
                     f"policy against the real series")
        lines.append(f"  {'year':>6} {'model':>9} {'real':>9} {'model/real':>10}  real is")
        for year, value in model.items():
            actual, kind = real[year]
            ratio = f"{value / actual:10.2f}" if actual else f"{'':>10}"
            shown = f"{actual:9,.0f}" if actual is not None else f"{'-':>9}"
            lines.append(f"  {year:>6} {value:9,.0f} {shown} {ratio}  "
                         f"{kind if actual is not None else ''}")
    return lines


def effect_rows(pack: ContentPack, runs: int) -> list[tuple[str, str, str]]:
    """The research targets for effects of decisions, and the model's figures."""
    rows: list[tuple[str, str, str]] = []
    for region in ("tierra_caliente", "guanajuato", "culiacan"):
        effect, share = capture_effect(pack, region, runs)
        rows.append((f"capture in {region}: killings over the next 4 quarters",
                     "+36.5% (Calderón et al. 2015) to +80% (Lindo and Padilla-Romo 2018)",
                     f"{effect:+.0%} (leader taken in {share:.0%} of runs)"))
    for region in ("tierra_caliente", "guanajuato", "acapulco", "montana"):
        rows.append((f"army deployed in {region}: first year",
                     "about +11 per 100,000, averaged over regions (Espinosa and Rubin 2015)",
                     f"{army_effect(pack, region, runs):+.1f} per 100,000"))
    hold = simulate(pack, "culiacan-2019", "federal", runs, 3, [(1, "kingpin_operation",
                                                                 "culiacan")],
                    {"capture_siege": "hold"})
    release = simulate(pack, "culiacan-2019", "federal", runs, 3, [(1, "kingpin_operation",
                                                                    "culiacan")],
                       {"capture_siege": "release"})
    base = simulate(pack, "culiacan-2019", "federal", runs, 3, responses={
        "capture_siege": "release"})
    sieged = np.zeros(runs, dtype=bool)
    for result in release.results[:1]:
        for event in result.events:
            if event.event_id == "capture_siege" and event.choice is None:
                sieged |= event.runs
    cost = (national(base, "approval")[:, 1] - national(release, "approval")[:, 1])[sieged]
    saved = (regional(hold, "homicides", "culiacan")[:, 1:3].sum(1)
             - regional(release, "homicides", "culiacan")[:, 1:3].sum(1))[sieged]
    rows.append(("Culiacán siege after the player's own capture: release instead of hold",
                 "fewer deaths; approval fell somewhat, stayed near 64% (polls, 2019)",
                 f"{saved.mean():.0f} fewer killings; approval {cost.mean() * 100:.1f} points "
                 f"lower than without the capture"))
    sim = simulate(pack, "national-2018", "federal", runs, 4)
    rows.append(("national-2018: first year of homicides",
                 "about 34,000-36,000 (INEGI: 34,426 occurrences in 2018, 36,661 "
                 "registrations in 2019)",
                 f"{national(sim, 'homicides')[:, :4].sum(1).mean():,.0f}"))
    return rows


def main() -> int:
    """Print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--only", choices=("effects", "history"))
    args = parser.parse_args()
    pack = load_content(paths.content_root())
    print(f"Plaza calibration, {args.runs} seeds per figure")
    if args.only != "history":
        rows = effect_rows(pack, args.runs)
        width = max(len(r[0]) for r in rows)
        print()
        for name, target, measured in rows:
            print(f"{name.ljust(width)}  measured {measured}\n{' ' * width}  target   {target}")
    if args.only != "effects":
        print("\n".join(history_table(pack, args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
