"""The "why" ledger: each mechanism's contribution to each indicator it moves, per run."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from game.sim.causes import CAUSES
from game.sim.state import Array


class Ledger:
    """Collects contributions: indicator -> cause -> array over runs (and regions).

    The "event" cause is also kept event by event (`events`: indicator -> event id ->
    array), so each event's share can be credited to its own findings.
    """

    def __init__(self, order: tuple[str, ...] = ()) -> None:
        self.entries: dict[str, dict[str, Array]] = defaultdict(dict)
        self.events: dict[str, dict[str, Array]] = defaultdict(dict)
        for indicator in order:  # a fixed order, so one run's record never depends on others'
            self.entries[indicator] = {}

    def add(self, indicator: str, cause: str, amount: Array) -> None:
        """Record that a cause moved an indicator by `amount` this quarter."""
        if cause not in CAUSES:
            raise KeyError(f"unknown cause '{cause}'")
        current = self.entries[indicator].get(cause)
        self.entries[indicator][cause] = amount if current is None else current + amount

    def add_event(self, indicator: str, event_id: str, amount: Array) -> None:
        """Record that one event moved an indicator (under the cause "event" too)."""
        self.add(indicator, "event", amount)
        current = self.events[indicator].get(event_id)
        self.events[indicator][event_id] = amount if current is None else current + amount

    def add_events(self, indicator: str, amounts: dict[str, Array], factor: Array | float) -> None:
        """Record several events' pushes at once, each scaled by the same factor."""
        for event_id, amount in amounts.items():
            self.add_event(indicator, event_id, amount * factor)

    def add_all(self, indicator: str, pushes: dict[str, Array], factor: Array | float) -> None:
        """Record several causes at once, each scaled by the same factor."""
        for cause, amount in pushes.items():
            self.add(indicator, cause, amount * factor)


def clip(x: Array | float, low: Array | float, high: Array | float) -> Array:
    """`np.clip` for the model's small arrays, several times faster (same values)."""
    return np.asarray(np.minimum(np.maximum(x, low), high))


def logistic(x: Array) -> Array:
    """The logistic function, mapping logits to (0, 1)."""
    return np.asarray(1.0 / (1.0 + np.exp(-clip(x, -40.0, 40.0))))


def logit(p: Array) -> Array:
    """The inverse of the logistic function, safe at the bounds."""
    q = clip(p, 1e-6, 1 - 1e-6)
    return np.asarray(np.log(q / (1 - q)))


def move_bounded(ledger: Ledger, indicator: str, value: Array, pushes: dict[str, Array],
                 events: dict[str, Array] | None = None) -> Array:
    """Move a [0, 1] indicator by pushes given in logit space; record each cause exactly.

    The factor between the change in the value and the change in logit makes the recorded
    contributions add up to the value's actual change, whatever their signs. `events` are
    the one-off pushes of this quarter's events, by event (recorded under the cause "event").
    """
    events = events or {}
    total = sum(pushes.values(), np.zeros_like(value)) + sum(
        events.values(), np.zeros_like(value))
    new = logistic(logit(value) + total)
    safe_total = np.where(np.abs(total) > 1e-9, total, 1.0)
    factor = np.where(np.abs(total) > 1e-9, (new - value) / safe_total, value * (1 - value))
    ledger.add_all(indicator, pushes, factor)
    ledger.add_events(indicator, events, factor)
    return new


def log_mean(new: Array, old: Array) -> Array:
    """The logarithmic mean of two positive arrays: splits a change of a product exactly."""
    ratio = np.log(new / old)
    safe = np.where(np.abs(ratio) > 1e-9, ratio, 1.0)
    return np.asarray(np.where(np.abs(ratio) > 1e-9, (new - old) / safe, old))
