"""The JSON records round whole arrays at once, and get what Python's round gives, bit for bit."""

from __future__ import annotations

import math
import struct

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from game.sim.records import EXACT_BELOW, round4


def _bits(values: list[float]) -> list[bytes]:
    """Each float's eight bytes (so 0.0 and -0.0, and NaNs, are told apart)."""
    return [struct.pack("<d", v) for v in values]


def _python(values: list[float]) -> list[float]:
    return [round(v, 4) for v in values]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=40))
def test_any_floats_round_as_python_rounds_them(values: list[float]) -> None:
    assert _bits(round4(np.array(values, float))) == _bits(_python(values))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(-10**9, 10**9), min_size=1, max_size=40),
       st.sampled_from([0.0, 0.5, -0.5, 1e-9, -1e-9, 0.49999999, 0.50000001]))
def test_values_on_and_next_to_halves_round_as_python_rounds_them(
        units: list[int], offset: float) -> None:
    """Halves of the fourth decimal (2.67485, 0.00005...) are where a product's rounding
    error could turn the result; they must still come out as Python's."""
    values = [(u + offset) / 10_000 for u in units]
    assert _bits(round4(np.array(values, float))) == _bits(_python(values))


def test_the_edges_round_as_python_rounds_them() -> None:
    edges = [0.0, -0.0, 0.00005, -0.00005, 0.00015, 2.675, 1.00005, -0.000001, 1e-300,
             EXACT_BELOW, -EXACT_BELOW, math.nextafter(EXACT_BELOW, 0), 1e16, -1e300,
             math.inf, -math.inf, 123456.78905, 0.1 + 0.2]
    shown = round4(np.array(edges).reshape(3, 6))  # any shape, read in order
    assert _bits(shown) == _bits(_python(edges))
    nan = round4(np.array([math.nan]))
    assert len(nan) == 1 and math.isnan(nan[0])
