"""A plan played into many worlds at once, quarter by quarter (tests, benchmarks, the lab)."""

from __future__ import annotations

from typing import Any

from game.content.schema import ContentPack, PlanFile, Role
from game.play.plan import Plan, Skipped, play
from game.sim.lab import Lab
from game.sim.model import Model, TurnResult
from game.sim.state import World


class Simulation:
    """A scenario, a plan file and N seeds: `run(k)` plays k more quarters in every world."""

    def __init__(self, pack: ContentPack, scenario_id: str, role: Role, region: str | None,
                 seed: int, runs: int, plan: PlanFile | None,
                 overrides: dict[str, float] | None = None) -> None:
        self.lab = Lab(pack, scenario_id, role, region, seed, runs, overrides)
        self.plan = Plan.from_file(plan or PlanFile())
        self.skipped: list[Skipped] = []

    @property
    def world(self) -> World:
        """The scenario's static arrays."""
        return self.lab.world

    @property
    def model(self) -> Model:
        """The model carrying every run."""
        return self.lab.model

    @property
    def seeds(self) -> list[int]:
        """The seed of each run."""
        return self.lab.seeds

    @property
    def results(self) -> list[TurnResult]:
        """Every quarter resolved so far."""
        return self.lab.results

    def run(self, turns: int) -> list[TurnResult]:
        """Play the plan for `turns` more quarters; return every quarter's result so far."""
        self.skipped += play(self.lab, self.plan, self.lab.turn + turns)
        return self.lab.results

    def run_json(self, run: int) -> dict[str, Any]:
        """One run's full record in the command line's JSON shape."""
        return self.lab.run_json(run)
