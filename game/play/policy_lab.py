"""The policy lab: one plan in a thousand worlds, against the same worlds with no new policy.

It runs a quarter at a time (`step`), so a screen stays responsive, shows progress and can
cancel; it keeps each world's headline measures per quarter (a few numbers a world) and the
running difference in lives, and draws the percentiles (a fan chart) from them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import numpy as np

from game.content.schema import ContentPack, Role
from game.play.parts import Part, fork_context, part_count, split
from game.play.plan import Plan, play
from game.sim.indicators import HEADLINE_INDICATORS
from game.sim.lab import Lab
from game.sim.model import TurnResult
from game.sim.records import weighted_legitimacy
from game.sim.state import Array

LAB_MEASURES = HEADLINE_INDICATORS
"""What the lab draws a fan of (per quarter, the 10th, 50th and 90th percentile)."""
PERCENTILES = (10, 50, 90)


@dataclass
class Fan:
    """Per quarter, the 10th, 50th and 90th percentile of one measure across the worlds."""

    p10: list[float] = field(default_factory=list)
    p50: list[float] = field(default_factory=list)
    p90: list[float] = field(default_factory=list)

    def add(self, values: Array) -> None:
        """Add one quarter's percentiles."""
        low, mid, high = np.percentile(values, PERCENTILES)
        self.p10.append(float(low))
        self.p50.append(float(mid))
        self.p90.append(float(high))


@dataclass
class LabOutcome:
    """What the lab found: the fans of the plan and of no new policy, and the lives saved."""

    periods: list[str]
    plan: dict[str, Fan]
    baseline: dict[str, Fan]
    lives_saved: Array
    """Per world: killings (true, all quarters) with no new policy minus with the plan."""

    @property
    def chance_better(self) -> float:
        """The share of worlds in which the plan cost fewer lives than doing nothing."""
        return float(np.mean(self.lives_saved > 0)) if self.lives_saved.size else 0.0

    def to_csv(self) -> str:
        """The fans as a table: one row per quarter, plan and no-new-policy percentiles."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        head = ["period"]
        for name in self.plan:
            for world in ("plan", "baseline"):
                head += [f"{name}_{world}_p{p}" for p in PERCENTILES]
        writer.writerow(head)
        for k, period in enumerate(self.periods):
            row: list[str | float] = [period]
            for name in self.plan:
                for fans in (self.plan, self.baseline):
                    fan = fans[name]
                    row += [round(fan.p10[k], 4), round(fan.p50[k], 4), round(fan.p90[k], 4)]
            writer.writerow(row)
        return buffer.getvalue()


class PolicyLab:
    """A plan played in `runs` worlds (seeds `seed`...), a quarter per `step()`.

    On a machine with several cores a large lab runs its later seeds in forked children
    (`game.play.parts`) while this process steps through the first ones, so the progress
    shown is this part's; the children's worlds join the outcome once every quarter has run.
    The numbers are the same, world for world, however the seeds are split.
    """

    def __init__(self, pack: ContentPack, scenario_id: str, role: Role, region: str | None,
                 seed: int, runs: int, plan: Plan, turns: int,
                 overrides: dict[str, float] | None = None, parts: int | None = None) -> None:
        self.shares = split(seed, runs, parts if parts is not None else part_count(runs))
        first_seed, first_runs = self.shares[0]
        self.lab = Lab(pack, scenario_id, role, region, first_seed, first_runs, overrides,
                       baseline=True, keep=False)
        self.plan = plan
        self.turns = turns
        self.runs = runs
        self.cancelled = False
        self.periods: list[str] = []
        self._mine = first_runs
        self._values: dict[str, list[tuple[Array, Array]]] = {name: [] for name in LAB_MEASURES}
        """Per measure and quarter, this process's worlds with the plan and with no new one."""
        self.lives = np.zeros(first_runs)
        self._jobs = [(pack, scenario_id, role, region, s, n, plan, turns, overrides)
                      for s, n in self.shares[1:]]
        self._children: list[Part] = []
        self._gathered: list[tuple[dict[str, list[tuple[Array, Array]]], Array]] | None = None
        self.lab.observers.append(self._observe)

    @property
    def progress(self) -> float:
        """How far the lab has run, from 0 to 1."""
        return self.lab.turn / self.turns if self.turns else 1.0

    @property
    def done(self) -> bool:
        """Whether every quarter has been run (or the lab was cancelled)."""
        return self.cancelled or self.lab.turn >= self.turns

    def cancel(self) -> None:
        """Stop the lab: nothing else of the game changes, whatever had run is dropped."""
        self.cancelled = True
        for child in self._children:
            child.stop()
        self._children = []

    def step(self) -> bool:
        """Run one more quarter in every world; return whether there is more to run."""
        if self.done:
            return False
        if self._jobs and not self._children and self._gathered is None:
            context = fork_context()
            if context is None:  # a lab split by hand where children cannot fork
                self._gathered = [_run_part(*job) for job in self._jobs]
            else:
                self._children = [Part(context, _run_part, job) for job in self._jobs]
        play(self.lab, self.plan, self.lab.turn + 1)
        return not self.done

    def run(self) -> LabOutcome:
        """Run every remaining quarter and return the outcome."""
        while self.step():
            pass
        return self.outcome()

    def values(self) -> tuple[dict[str, list[tuple[Array, Array]]], Array]:
        """Every world's measures per quarter (with the plan, with no new policy) and lives
        saved: this process's worlds, then the children's once the lab is done."""
        parts = [(self._values, self.lives)]
        if self.lab.turn >= self.turns and not self.cancelled and (self._children or
                                                                   self._gathered):
            if self._gathered is None:
                self._gathered = [child.result() for child in self._children]
                self._children = []
            parts += self._gathered
        merged = {name: [(np.concatenate([p[0][name][k][0] for p in parts]),
                          np.concatenate([p[0][name][k][1] for p in parts]))
                         for k in range(len(self._values[name]))] for name in LAB_MEASURES}
        return merged, np.concatenate([p[1] for p in parts])

    def outcome(self) -> LabOutcome:
        """What the quarters run so far show (every world's, once every quarter has run)."""
        values, lives = self.values()
        fans = {name: Fan() for name in LAB_MEASURES}
        base_fans = {name: Fan() for name in LAB_MEASURES}
        for name in LAB_MEASURES:
            for played, base in values[name]:
                fans[name].add(played)
                base_fans[name].add(base)
        return LabOutcome(list(self.periods), fans, base_fans, lives)

    def _measure(self, result: TurnResult, name: str) -> Array:
        """One measure over every run of the model (played runs first, then the baselines)."""
        world = self.lab.world
        player = world.player_region
        if name == "legitimacy":
            values = weighted_legitimacy(world, result) if player is None else \
                result.regions["legitimacy"][:, player]
            return np.asarray(values) * 100
        if name == "approval":
            values = result.national["approval"] if player is None else \
                result.regions["mayor_approval"][:, player]
            return np.asarray(values) * 100
        if player is None:
            return np.asarray(result.national[name])
        return np.asarray(result.regions[name][:, player])

    def _observe(self, result: TurnResult) -> None:
        """Keep a quarter's measures and each world's lives, then let the result go."""
        runs = self._mine
        base = slice(runs, 2 * runs)
        self.periods.append(self.lab.world.period(result.turn))
        for name in LAB_MEASURES:
            values = self._measure(result, name)
            self._values[name].append((values[:runs].copy(), values[base].copy()))
        true = self._measure(result, "true_homicides")
        self.lives += true[base] - true[:runs]


def _run_part(pack: ContentPack, scenario_id: str, role: Role, region: str | None, seed: int,
              runs: int, plan: Plan, turns: int, overrides: dict[str, float] | None
              ) -> tuple[dict[str, list[tuple[Array, Array]]], Array]:
    """One part of a split lab, run whole: its worlds' measures per quarter and lives saved."""
    lab = PolicyLab(pack, scenario_id, role, region, seed, runs, plan, turns, overrides,
                    parts=1)
    while lab.step():
        pass
    return lab._values, lab.lives
