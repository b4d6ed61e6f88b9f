"""Many worlds at once: one scenario and one line of play over N seeds, side by side.

A `Lab` carries N runs through the same model code path as a single game (the runs axis), so
a thousand-run policy lab costs little more than one game. It takes the same commands as a
game (`execute`), so one plan loop (`game.play.plan`) drives both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from game.content.schema import ContentPack, Role
from game.sim.branches import Branches
from game.sim.commands import Command, Dilemma, answer_in, pending_dilemmas
from game.sim.model import Model, TurnResult
from game.sim.params import Params
from game.sim.records import run_summary, turn_json
from game.sim.state import Mask, World, build_world


class Lab:
    """A scenario and role (or a hot-seat table) played in `runs` worlds with consecutive seeds
    from `seed`."""

    def __init__(self, pack: ContentPack, scenario_id: str, role: Role, region: str | None,
                 seed: int, runs: int, overrides: dict[str, float] | None = None, *,
                 baseline: bool = False, effects: bool = False, keep: bool = True,
                 mayors: list[str] | None = None, games: int = 1) -> None:
        self.pack = pack
        # `mayors`: a hot-seat world (the federal player, then one mayor per city), as a game.
        self.world: World = build_world(pack, scenario_id, role, region,
                                        [("municipal", city) for city in mayors or []])
        # `games`: several games side by side, each in `runs` worlds of the same seeds (each
        # played through its own `Worlds`).
        self.seeds = [seed + k for k in range(runs)] * games
        self.model = Model(pack, self.world, Params(pack.parameters, overrides), self.seeds)
        self.branches = Branches(self.model, baseline=baseline, effects=effects)
        """Runs 0..N-1 are the worlds as played; beside them, optionally, each one with no new
        policy and without each decision (their exact effects)."""
        self.results: list[TurnResult] = []
        """Every quarter resolved (empty when `keep` is off: a large lab streams instead)."""
        self.keep = keep
        self.observers: list[Callable[[TurnResult], None]] = []
        """Called with each quarter's result as it resolves (how a summary streams)."""

    @property
    def turn(self) -> int:
        """Quarters resolved so far."""
        return self.model.state.turn

    def execute(self, command: Command) -> None:
        """Apply a player's command in every world where it is possible (Impossible if in none)."""
        self.branches.execute(command)

    def pending_dilemmas(self) -> list[Dilemma]:
        """Dilemmas pending in any played world."""
        return pending_dilemmas(self.model, self.branches.played)

    def answered(self, event_id: str) -> str | None:
        """The answer already given to a pending dilemma (in the first world)."""
        return answer_in(self.model, event_id, 0)

    def resolve_quarter(self) -> TurnResult:
        """Advance every run one quarter."""
        result = self.model.step()
        if self.keep:
            self.results.append(result)
        for observer in self.observers:
            observer(result)
        return result

    def run_json(self, run: int) -> dict[str, Any]:
        """One run's full record in the command line's JSON shape."""
        return {
            "scenario": self.world.scenario.id,
            "seed": self.seeds[run],
            "role": self.world.role,
            "region": (self.world.region_ids[self.world.player_region]
                       if self.world.player_region is not None else None),
            "turns": [turn_json(self.world, r, run, self.branches) for r in self.results],
            "summary": run_summary(self.world, self.results, run, self.world.turns_in_term),
        }


class Worlds:
    """Some runs of a shared lab, played as one game by the plan loop: its commands (answers
    too) apply in these runs only, so one model carries several games at once. The lab
    resolves every quarter for all of them (play each with `enter_next` up to the lab's
    quarter, then `Lab.resolve_quarter`)."""

    def __init__(self, model: Model, runs: Mask) -> None:
        self.model, self.runs = model, runs

    @property
    def turn(self) -> int:
        """Quarters the shared model has resolved."""
        return self.model.state.turn

    def execute(self, command: Command) -> None:
        """A command in these runs (Impossible if it can be done in none of them)."""
        command.apply(self.model, self.runs, self.runs)

    def pending_dilemmas(self) -> list[Dilemma]:
        """Dilemmas pending in these runs."""
        return pending_dilemmas(self.model, self.runs)

    def answered(self, event_id: str) -> str | None:
        """The answer given to a dilemma, in the first of these runs."""
        return answer_in(self.model, event_id, int(np.flatnonzero(self.runs)[0]))

    def resolve_quarter(self) -> TurnResult:
        """Never here: the lab resolves the quarter for every game it carries."""
        raise RuntimeError("the lab resolves the quarter for every game it carries")
