"""Chart scales shared by the game's charts and the class report: round ticks, tick labels."""

from __future__ import annotations

import math

NICE_MANTISSAS = (1.0, 2.0, 2.5, 5.0)
"""'Round' tick steps are these mantissas times a power of ten."""
MIN_TICKS = 4
MAX_TICKS = 6
LARGEST = 1e15
"""No quantity in the game comes near this; larger values (a hostile file's) are clamped."""


def _clamp(value: float) -> float:
    """A finite value inside +-LARGEST (so tick arithmetic can never overflow or stall)."""
    return max(-LARGEST, min(LARGEST, value))


def nice_ticks(lo: float, hi: float, max_ticks: int = MAX_TICKS) -> list[float]:
    """Return evenly spaced round ticks (1, 2, 2.5 or 5 x 10^k) covering [lo, hi].

    The first tick is <= lo and the last >= hi; there are at most `max_ticks` of them and,
    for any non-degenerate range, at least MIN_TICKS when max_ticks allows it. Values beyond
    +-1e15 are clamped; a range that is not finite raises ValueError.
    """
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise ValueError(f"tick range must be finite, got {lo!r}..{hi!r}")
    lo, hi = _clamp(lo), _clamp(hi)
    if lo > hi:
        lo, hi = hi, lo
    # A flat (or numerically flat) range still needs an axis: widen it around the value.
    if hi - lo <= max(abs(lo), abs(hi)) * 1e-9:
        spread = abs(lo) * 0.1 or 1.0
        lo, hi = lo - spread, hi + spread
    max_ticks = max(2, max_ticks)
    exponent = math.floor(math.log10((hi - lo) / max_ticks)) - 1
    # Walk steps from fine to coarse; take the finest that fits in max_ticks. Coarser steps
    # give fewer ticks, so the first fit has the most ticks (hence >= MIN_TICKS when possible).
    for k in range(exponent, exponent + 4):
        for mantissa in NICE_MANTISSAS:
            step = mantissa * 10.0**k
            first = math.floor(lo / step + 1e-9) * step
            last = math.ceil(hi / step - 1e-9) * step
            count = round((last - first) / step) + 1
            if count <= max_ticks:
                digits = step_decimals(step) + 2
                ticks = [round(first + i * step, digits) for i in range(count)]
                return [0.0 if t == 0 else t for t in ticks]  # no "-0"
    raise AssertionError("four decades always contain a fitting step")


def step_decimals(step: float) -> int:
    """How many decimals print a step exactly (2.5 -> 1, 0.25 -> 2, 5000 -> 0)."""
    for decimals in range(0, 10):
        if abs(round(step, decimals) - step) <= abs(step) * 1e-9:
            return decimals
    return 10


def tick_step(ticks: list[float]) -> float:
    """The step between ticks (1 for a single tick)."""
    return ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
