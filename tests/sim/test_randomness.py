"""The count samplers: right means and spreads, exact per run, identical across batch sizes."""

from __future__ import annotations

import numpy as np
import pytest

from game.sim.randomness import (
    RunRandom,
    binomial_from_uniform,
    gamma_mean_one,
    inverse_normal,
    poisson_from_uniform,
)

DRAWS = 200_000


def uniforms(seed: int = 7) -> np.ndarray:
    """Many uniforms from one seeded stream."""
    return np.random.default_rng(seed).random(DRAWS)


def test_inverse_normal_matches_known_quantiles() -> None:
    u = np.array([0.001, 0.025, 0.5, 0.8413447460685429, 0.975, 0.999])
    expected = np.array([-3.090232306, -1.959963985, 0.0, 1.0, 1.959963985, 3.090232306])
    assert np.allclose(inverse_normal(u), expected, atol=1e-7)


@pytest.mark.parametrize("lam", [0.3, 2.0, 7.5, 11.9, 12.1, 40.0, 900.0])
def test_poisson_mean_and_variance(lam: float) -> None:
    u = uniforms()
    counts = poisson_from_uniform(np.full(DRAWS, lam), u)
    assert (counts >= 0).all() and np.array_equal(counts, np.floor(counts))
    assert counts.mean() == pytest.approx(lam, rel=0.02, abs=0.01)
    assert counts.var() == pytest.approx(lam, rel=0.05, abs=0.02)


def test_small_poisson_is_exact_in_distribution() -> None:
    u = uniforms()
    counts = poisson_from_uniform(np.full(DRAWS, 1.5), u)
    share_zero = (counts == 0).mean()
    assert share_zero == pytest.approx(np.exp(-1.5), abs=0.005)


@pytest.mark.parametrize(("n", "p"), [(5, 0.3), (40, 0.1), (900, 0.2), (3000, 0.5)])
def test_binomial_mean_variance_and_bounds(n: int, p: float) -> None:
    u = uniforms()
    counts = binomial_from_uniform(np.full(DRAWS, float(n)), np.full(DRAWS, p), u)
    assert counts.min() >= 0 and counts.max() <= n
    assert counts.mean() == pytest.approx(n * p, rel=0.02)
    assert counts.var() == pytest.approx(n * p * (1 - p), rel=0.06)


def test_gamma_multiplier_has_mean_one_and_the_right_spread() -> None:
    z = inverse_normal(uniforms())
    noise = gamma_mean_one(np.full(DRAWS, 50.0), z)
    assert noise.mean() == pytest.approx(1.0, abs=0.005)
    assert noise.var() == pytest.approx(1 / 50, rel=0.05)


def test_run_k_of_a_batch_equals_a_single_run_with_its_seed() -> None:
    batch = RunRandom([10, 11, 12]).uniforms(5, 3)
    single = RunRandom([11]).uniforms(5, 3)
    assert np.array_equal(batch[1], single[0])
    assert not np.array_equal(batch[0], batch[1])
