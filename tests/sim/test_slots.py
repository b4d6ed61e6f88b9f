"""The fast slot reductions give numpy's own sums and maxima, bit for bit (the model's golden
outputs depend on it)."""

from __future__ import annotations

import numpy as np
import pytest

from game.sim.slots import slot_max, slot_sum


def _values(size: int, seed: int) -> np.ndarray:
    """Values like the model's and worse: tiny and huge magnitudes, signs, zeros, inf, NaN."""
    rng = np.random.default_rng(seed)
    values = rng.standard_normal((60, 7, size)) * 10.0 ** rng.integers(-12, 12, (60, 7, size))
    values[0, 0] = 0.0
    values[1, 1] = -0.0
    values[2, 2, 0] = np.inf
    values[3, 3, -1] = np.nan
    values[4, 4] = 1e308
    return values


@pytest.mark.parametrize("size", range(1, 11))
@pytest.mark.parametrize("keepdims", [False, True])
def test_slot_sum_is_numpys_sum_to_the_bit(size: int, keepdims: bool) -> None:
    for seed in range(5):
        values = _values(size, seed)
        with np.errstate(over="ignore", invalid="ignore"):  # 1e308 + 1e308 overflows
            expected = values.sum(axis=-1, keepdims=keepdims)
            got = slot_sum(values, keepdims=keepdims)
        assert got.shape == expected.shape
        assert np.array_equal(got, expected, equal_nan=True)
        assert np.array_equal(np.signbit(got), np.signbit(expected))  # -0.0 is not +0.0


@pytest.mark.parametrize("size", range(1, 11))
@pytest.mark.parametrize("keepdims", [False, True])
def test_slot_max_is_numpys_max(size: int, keepdims: bool) -> None:
    for seed in range(5):
        values = _values(size, seed)
        expected = values.max(axis=-1, keepdims=keepdims)
        got = slot_max(values, keepdims=keepdims)
        assert got.shape == expected.shape
        assert np.array_equal(got, expected, equal_nan=True)


def test_slot_reductions_leave_their_input_alone() -> None:
    values = _values(4, 9)
    before = values.copy()
    with np.errstate(over="ignore", invalid="ignore"):
        slot_sum(values)
        slot_max(values)
    assert np.array_equal(values, before, equal_nan=True)
