"""One line of play and its counterfactuals side by side on the runs axis, same random numbers.

For each seed the model carries the world as played; with `baseline`, the same world with no
new policy; with `effects`, also the same world without each decision (leave one out): a
copy of the played world made when the decision is taken, in which it is not. Each copy draws
exactly the random numbers its source draws, so the differences are the decisions' own:

    played - baseline = sum over decisions of (played - without it) + interaction

which is how a game says "this quarter 713 were killed; without your decisions, 760:
vetting -20, ..." (F15: every choice shows its price). The interaction is what the
decisions do together beyond their separate effects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.sim.commands import Command
from game.sim.model import Model, TurnResult
from game.sim.state import Array, Mask

PLAYED, BASELINE = -1, -2
"""Variants of a run; a run without decision k has variant k (0, 1, ...)."""


@dataclass(frozen=True)
class Decision:
    """A decision whose own effect is tracked: when it was made, and the command."""

    turn: int
    command: Command


@dataclass
class Effects:
    """One quarter of one seed: the baseline's values, and each decision's own effect.

    Each maps indicator -> array over regions (`regions`) or a number (`national`).
    """

    baseline_regions: dict[str, Array]
    baseline_national: dict[str, float]
    decisions: list[tuple[int, dict[str, Array], dict[str, float]]] = field(default_factory=list)
    """(decision index, regional effects, national effects) for each decision made so far."""
    interaction_regions: dict[str, Array] = field(default_factory=dict)
    interaction_national: dict[str, float] = field(default_factory=dict)


class Branches:
    """Which run of a model is which world, and the one place commands enter it."""

    def __init__(self, model: Model, *, baseline: bool = False, effects: bool = False) -> None:
        self.model = model
        seeds = model.state.runs
        self.seeds = seeds
        self.variant: list[int] = [PLAYED] * seeds
        self.seed_of: list[int] = list(range(seeds))
        self.track_effects = effects
        self.decisions: list[Decision] = []
        self._baseline_run: list[int] | None = None
        self._without: list[list[int]] = []
        """For each decision, the run without it, per seed."""
        if baseline or effects:
            self._baseline_run = self._add_runs(BASELINE)

    def _add_runs(self, variant: int) -> list[int]:
        """Copy each seed's played run into a new run of the given variant."""
        new = self.model.extend_runs(self.played_runs)
        self.variant += [variant] * self.seeds
        self.seed_of += list(range(self.seeds))
        return new

    @property
    def played_runs(self) -> list[int]:
        """The played run of each seed (the first `seeds` runs)."""
        return list(range(self.seeds))

    def mask(self, wanted: set[int]) -> Mask:
        """Runs whose variant is in `wanted`."""
        return np.array([v in wanted for v in self.variant], dtype=bool)

    @property
    def played(self) -> Mask:
        """The played runs."""
        return self.mask({PLAYED})

    def baseline_run(self, seed: int = 0) -> int | None:
        """The run of a seed with no new policy (None when it is not carried)."""
        return None if self._baseline_run is None else self._baseline_run[seed]

    def without_run(self, decision: int, seed: int = 0) -> int:
        """The run of a seed without one decision."""
        return self._without[decision][seed]

    def execute(self, command: Command) -> None:
        """Carry out a command in every world that has the player's decisions.

        Raises Impossible (changing nothing) if it cannot be done in the played world. With
        effects tracked, the world without it is copied first, from the played world.
        """
        model = self.model
        command.validate(model, self.played)
        k = len(self.decisions)
        if self.track_effects:
            self._without.append(self._add_runs(k))
        runs = np.array([v == PLAYED or (v >= 0 and v != k) for v in self.variant], dtype=bool)
        command.apply(model, runs, self.played)
        self.decisions.append(Decision(model.state.turn + 1, command))

    def effects(self, result: TurnResult, seed: int = 0) -> Effects | None:
        """A quarter's baseline and per-decision effects for one seed (None if not carried)."""
        base = self.baseline_run(seed)
        if base is None:
            return None
        runs = result.regions["homicides"].shape[0]
        played = seed
        effects = Effects(
            {k: v[base].copy() for k, v in result.regions.items()},
            {k: float(v[base]) for k, v in result.national.items()},
        )
        total_r = {k: v[played] - v[base] for k, v in result.regions.items()}
        total_n = {k: float(v[played] - v[base]) for k, v in result.national.items()}
        summed_r = {k: np.zeros_like(v) for k, v in total_r.items()}
        summed_n = dict.fromkeys(total_n, 0.0)
        for k in range(len(self._without)):
            run = self._without[k][seed]
            if run >= runs:
                break  # decided after this quarter
            own_r = {name: v[played] - v[run] for name, v in result.regions.items()}
            own_n = {name: float(v[played] - v[run]) for name, v in result.national.items()}
            for name in own_r:
                summed_r[name] = summed_r[name] + own_r[name]
            for name in own_n:
                summed_n[name] += own_n[name]
            effects.decisions.append((k, own_r, own_n))
        effects.interaction_regions = {k: total_r[k] - summed_r[k] for k in total_r}
        effects.interaction_national = {k: total_n[k] - summed_n[k] for k in total_n}
        return effects
