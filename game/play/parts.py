"""Many worlds on every core: a batch of seeds split into parts, the others run by children.

A world's run never depends on the other worlds of its batch (run k of a batch is the single
run of its seed), so a batch split by seeds gives the same numbers, world for world, as one
batch. The split is used only where a forked child costs nothing to start and shares the
parent's memory (Linux); elsewhere, or for a small batch, everything runs in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from typing import Any

MIN_RUNS_PER_PART = 200
"""Below this many worlds a part is not worth a process."""


def fork_context() -> BaseContext | None:
    """The fork start method where it is safe and cheap (Linux), or None."""
    if not sys.platform.startswith("linux"):
        return None
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def part_count(runs: int) -> int:
    """How many parts to split `runs` worlds into: one per core, each big enough."""
    if fork_context() is None:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)
    return max(1, min(cores, runs // MIN_RUNS_PER_PART))


def split(seed: int, runs: int, parts: int) -> list[tuple[int, int]]:
    """(first seed, runs) of each part, in seed order; the first part is the largest."""
    base, extra = divmod(runs, parts)
    sizes = [base + (1 if k < extra else 0) for k in range(parts)]
    out, first = [], seed
    for size in sizes:
        out.append((first, size))
        first += size
    return out


def _child(job: Callable[..., Any], args: tuple[Any, ...], conn: Connection) -> None:
    """Run one part in a child and send what it found back (the child then exits)."""
    conn.send(job(*args))
    conn.close()


class Part:
    """A part of a batch running in a forked child; `result()` waits for what it sends."""

    def __init__(self, context: BaseContext, job: Callable[..., Any],
                 args: tuple[Any, ...]) -> None:
        receive, send = context.Pipe(duplex=False)
        self._conn = receive
        self._process = context.Process(target=_child, args=(job, args, send), daemon=True)  # type: ignore[attr-defined]
        self._process.start()
        send.close()

    def result(self) -> Any:
        """What the child sent (EOFError if it died without sending)."""
        value = self._conn.recv()
        self._process.join()
        return value

    def stop(self) -> None:
        """End the child now (a cancelled lab)."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._conn.close()
