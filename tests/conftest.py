"""Suite-wide set-up: what every test process does once, before its first test."""

from __future__ import annotations

import gc

import pytest


def pytest_collection_finish(session: pytest.Session) -> None:
    """Take what collection loaded (modules, the content pack, hypothesis) out of the collector.

    A full garbage collection scans every tracked object. Collection leaves a large heap that
    lives as long as the process, and each worker runs 25-30 full collections, which scanned
    it every time: 2.3-3.3 s per worker, against 1.2-1.5 s once it is frozen (see
    benchmarks/README.md, "Where the suite's time goes"). Frozen objects are still freed by
    reference counting; only the search for cycles skips them.
    """
    gc.collect()
    gc.freeze()
