"""Per-run random streams: run k of a batch draws exactly what a single game with its seed draws."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from game.sim.state import Array


class RunRandom:
    """One seeded numpy Generator per run; every draw is made run by run in a fixed order.

    Draws are never conditional on other runs, so a batch of N runs from seed s reproduces,
    run for run, N single games with seeds s, s+1, ..., s+N-1.
    """

    def __init__(self, seeds: list[int]) -> None:
        self.seeds = list(seeds)
        self.generators = [np.random.default_rng(seed) for seed in self.seeds]

    def random(self, shape: tuple[int, ...]) -> Array:
        """Uniform draws in [0, 1), shaped (runs, ...)."""
        return np.stack([g.random(shape[1:]) for g in self.generators])

    def poisson(self, lam: Array) -> Array:
        """Poisson counts with per-element means, shaped like `lam` (runs first)."""
        lam = np.maximum(lam, 0.0)
        return np.stack([g.poisson(row) for g, row in zip(self.generators, lam, strict=True)]
                        ).astype(np.float64)

    def gamma(self, shape_k: Array, runs: int) -> Array:
        """Mean-one Gamma multipliers with shape k per region, shaped (runs, regions)."""
        return np.stack([g.gamma(shape_k, 1.0 / shape_k) for g in self.generators[:runs]])

    def binomial(self, n: npt.NDArray[np.float64] | npt.NDArray[np.int64], p: Array) -> Array:
        """Binomial counts, shaped like `n` (runs first)."""
        n_int = np.maximum(n, 0).astype(np.int64)
        p = np.clip(np.broadcast_to(p, n_int.shape), 0.0, 1.0)
        return np.stack(
            [g.binomial(nn, pp) for g, nn, pp in zip(self.generators, n_int, p, strict=True)]
        ).astype(np.float64)
