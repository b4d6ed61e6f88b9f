"""Per-run random streams: run k of a batch draws exactly what a single game with its seed draws.

Each run owns a seeded numpy Generator and draws one block of uniforms per quarter; counts are
made from those uniforms by vectorised inverse transforms (exact inversion for small means,
normal approximations with continuity correction for large ones). One call per run and
quarter keeps a thousand-run policy lab cheap, and no draw ever depends on another run.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from game.sim.state import Array, IntArray

SMALL_MEAN = 12.0
"""Below this mean, counts are drawn by exact inversion; above, by the normal approximation."""

INVERSION_STEPS = 64


def inverse_normal(u: Array) -> Array:
    """The standard normal quantile function (Acklam's rational approximation, |error| < 1e-9).

    The central formula covers 95% of uniforms; the tails' logarithms and square roots are
    taken only where they are needed, with the same operations, so every value is unchanged.
    """
    a = (-3.969683028665376e01, 2.209460984245205e02, -2.759285104469687e02,
         1.383577518672690e02, -3.066479806614716e01, 2.506628277459239e00)
    b = (-5.447609879822406e01, 1.615858368580409e02, -1.556989798598866e02,
         6.680131188771972e01, -1.328068155288572e01)
    c = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e00,
         -2.549732539343734e00, 4.374664141464968e00, 2.938163982698783e00)
    d = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e00,
         3.754408661907416e00)
    u = np.clip(u, 1e-12, 1 - 1e-12)
    low, high = 0.02425, 1 - 0.02425
    q = u - 0.5
    r = q * q
    quantile = _horner(a, r)
    quantile *= q
    below = _horner(b, r)
    below *= r
    below += 1
    quantile /= below
    in_tail = np.flatnonzero(~((u >= low) & (u <= high)))
    if in_tail.size:
        ut = u.reshape(-1)[in_tail]
        t = np.sqrt(-2 * np.log(np.where(ut < 0.5, ut, 1 - ut)))
        tail = (((((c[0] * t + c[1]) * t + c[2]) * t + c[3]) * t + c[4]) * t + c[5]) / (
            (((d[0] * t + d[1]) * t + d[2]) * t + d[3]) * t + 1)
        quantile.reshape(-1)[in_tail] = np.where(ut < 0.5, tail, -tail)
    return np.asarray(quantile)


def _horner(coefficients: tuple[float, ...], x: Array) -> Array:
    """((c0 x + c1) x + c2) ... + cn, in place on one new array: the same bits, less memory."""
    value = coefficients[0] * x
    for coefficient in coefficients[1:-1]:
        value += coefficient
        value *= x
    value += coefficients[-1]
    return np.asarray(value)


Ratio = Callable[[int | IntArray, IntArray], Array]
"""r(k) of a discrete law for some elements; k and the elements broadcast (a table at once)."""
TABLE_LIMIT = 4_096
"""Up to this many elements x steps, one table is cheaper than walking (a single game)."""


def _inverse_by_table(first: Array, ratio: Ratio, u: Array,
                      steps: int) -> Array:
    """The same counts as `_inverse_by_search`, from one cumulative table (small batches).

    The table multiplies and adds in the walk's order, so both give the same draws.
    """
    ratios = ratio(np.arange(steps)[None, :], np.arange(first.size)[:, None])
    with np.errstate(over="ignore", invalid="ignore"):
        scale = np.cumprod(np.concatenate([np.ones((first.size, 1)), ratios], axis=1), axis=1)
        cdf = np.cumsum(first[:, None] * scale, axis=1)
    return np.asarray((cdf < u[:, None]).sum(axis=1), dtype=np.float64)


def _inverse_by_search(first: Array, ratio: Ratio, u: Array,
                       steps: int) -> Array:
    """Count of a discrete law below each uniform: pmf(0) = first, pmf(k+1) = pmf(k) * r(k).

    Walks k = 0..steps adding pmf terms to each element's running cdf and counts the steps
    its cdf stays below its uniform. pmf terms are never negative, so a cdf that has passed
    its uniform stays past it: an element that is done may walk on without changing its
    count, and the walkers are packed into shorter arrays only when half of them are done
    (most counts are small, so most leave after a few steps). `ratio(k, idx)` gives r(k) for
    the elements `idx`. Products and sums are taken in the same order as a cumulative table
    would, so both give the same draws.
    """
    if first.size * steps <= TABLE_LIMIT:
        return _inverse_by_table(first, ratio, u, steps)
    counts = np.zeros(first.size, dtype=np.float64)
    walking = np.flatnonzero(first < u)
    counts[walking] = 1.0
    # The walkers' own packed copies: first term, pmf scale, cdf, uniform and count.
    w_first, w_u = first[walking], u[walking]
    w_scale, w_cdf, w_count = np.ones(walking.size), w_first * 1.0, counts[walking]
    with np.errstate(over="ignore", invalid="ignore"):  # extreme laws: the walk just stops
        for k in range(steps):
            if not walking.size:
                break
            w_scale *= ratio(k, walking)
            w_cdf += w_first * w_scale
            below = w_cdf < w_u
            w_count += below
            if 2 * np.count_nonzero(below) < walking.size:
                counts[walking] = w_count
                walking, w_first, w_u = walking[below], w_first[below], w_u[below]
                w_scale, w_cdf, w_count = w_scale[below], w_cdf[below], w_count[below]
    counts[walking] = w_count
    return counts


def poisson_from_uniform(lam: Array, u: Array) -> Array:
    """Poisson counts with means `lam`, one per uniform `u` (the same shape).

    Large means use the normal quantile of their uniform, small ones exact inversion; each
    element's normal quantile is taken only where it is used.
    """
    lam = np.maximum(lam, 0.0)
    result = np.empty(np.broadcast_shapes(lam.shape, u.shape))
    small = lam < SMALL_MEAN
    large = ~small
    if large.any():
        ll = lam[large]
        result[large] = np.maximum(np.floor(ll + np.sqrt(ll) * inverse_normal(u[large]) + 0.5),
                                   0.0)
    if small.any():
        ls = lam[small]
        steps = min(int(ls.max() + 8 * np.sqrt(ls.max()) + 10), INVERSION_STEPS)
        result[small] = _inverse_by_search(np.exp(-ls), lambda k, idx: ls[idx] / (k + 1),
                                           u[small], steps)
    return result


def binomial_from_uniform(n: Array, p: Array, u: Array) -> Array:
    """Binomial counts of `n` trials with probability `p`, one per uniform `u` (one shape).

    As for Poisson counts: the normal quantile where the variance is large, exact inversion
    where it is small.
    """
    n = np.maximum(np.floor(n), 0.0)
    p = np.clip(p, 0.0, 1.0)
    mean, var = n * p, n * p * (1 - p)
    result = np.empty(np.broadcast_shapes(n.shape, np.shape(p), u.shape))
    small = var < SMALL_MEAN
    large = ~small
    if large.any():
        z = inverse_normal(u[large])
        result[large] = np.minimum(np.maximum(np.floor(mean[large] + np.sqrt(var[large]) * z
                                                       + 0.5), 0.0), n[large])
    if small.any():
        ns, ps = n[small], np.minimum(p[small], 1 - 1e-12)
        top = float((ns * ps).max())
        steps = min(int(top + 8 * np.sqrt(top) + 10), INVERSION_STEPS)
        odds = ps / (1 - ps)

        def ratio(k: int | IntArray, idx: IntArray) -> Array:
            return np.asarray(np.maximum(ns[idx] - k, 0.0) / (k + 1) * odds[idx])

        counts = _inverse_by_search((1 - ps) ** ns, ratio, u[small], steps)
        result[small] = np.minimum(counts, ns)
    return result


def gamma_mean_one(shape: Array, z: Array) -> Array:
    """Mean-one Gamma(k, 1/k) multipliers from normal quantiles z (Wilson-Hilferty, k >= 5)."""
    nine_k = 9.0 * np.maximum(shape, 1.0)
    return np.asarray(np.maximum(1 - 1 / nine_k + z / np.sqrt(nine_k), 0.0) ** 3)


def _copy_of(generator: np.random.Generator) -> np.random.Generator:
    """A generator in the same state, drawing what the original will (half a deep copy's
    time: only the bit generator's state is copied)."""
    bits = type(generator.bit_generator)()
    bits.state = generator.bit_generator.state
    return np.random.Generator(bits)


class RunRandom:
    """One seeded numpy Generator per run; each quarter every run draws one block of uniforms."""

    def __init__(self, seeds: list[int]) -> None:
        self.generators = [np.random.default_rng(seed) for seed in seeds]

    def extend(self, sources: list[int]) -> None:
        """Append a copy of each source run's generator: it draws what its source would."""
        self.generators += [_copy_of(self.generators[k]) for k in sources]

    def uniforms(self, count: int, regions: int) -> Array:
        """A (runs, count, regions) block of uniforms in [0, 1): one call per run.

        Each run fills its own row of one array (what `g.random((count, regions))` would
        return, without a new array per run and a copy to stack them).
        """
        block = np.empty((len(self.generators), count, regions))
        for generator, row in zip(self.generators, block, strict=True):
            generator.random(out=row)
        return block
