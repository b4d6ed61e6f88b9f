"""Sums and maxima over a short last axis (a region's group slots or its markets), fast.

numpy reduces a short trailing axis (4 groups, a few markets) about ten times slower than it
adds whole slices, and a thousand-world lab does it dozens of times a quarter. Below eight
entries numpy adds them one after the other (from +0.0), so adding slice after slice in the
same order gives the same bits (`tests/sim/test_slots.py` checks it); longer axes fall back
to numpy.
"""

from __future__ import annotations

import numpy as np

from game.sim.state import Array

_SEQUENTIAL = 8
"""numpy's pairwise sum adds fewer entries than this one by one, left to right."""
_NUMPY_BELOW = 512
"""Up to this many values (a game of a few worlds), numpy's one call beats slice after slice."""


def slot_sum(values: Array, keepdims: bool = False) -> Array:
    """`values.sum(axis=-1)`, the same bits, adding the last axis slice by slice."""
    size = values.shape[-1]
    if size == 0 or size >= _SEQUENTIAL or values.size <= _NUMPY_BELOW:
        return np.asarray(values.sum(axis=-1, keepdims=keepdims))
    total = values[..., 0].copy() if size == 1 else values[..., 0] + values[..., 1]
    for k in range(2, size):
        total += values[..., k]
    total += 0.0  # numpy starts from +0.0: a sum of only -0.0 is +0.0 (nothing else moves)
    return total[..., None] if keepdims else total


def slot_max(values: Array, keepdims: bool = False) -> Array:
    """`values.max(axis=-1)`, the same values (NaN wins, as in numpy), slice by slice."""
    size = values.shape[-1]
    if size == 0 or size >= _SEQUENTIAL or values.size <= _NUMPY_BELOW // 2:
        return np.asarray(values.max(axis=-1, keepdims=keepdims))
    top = values[..., 0].copy()
    for k in range(1, size):
        np.maximum(top, values[..., k], out=top)
    return top[..., None] if keepdims else top
