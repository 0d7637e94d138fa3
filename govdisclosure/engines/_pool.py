"""The built-in engine: a pool of worker processes on this machine."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..batch import Files, Outcome, Task

if TYPE_CHECKING:
    from concurrent.futures import Future

AHEAD = 4
"""Chunks in flight per worker: enough to keep every worker busy while the parent takes
the results in order, few enough that memory does not grow with the number of files."""


def run(task: Task, files: Sequence[Path], jobs: int | None = None) -> Iterator[Outcome]:
    """``task`` over ``files``, in their order; in ``jobs`` processes (default: every core).

    Chunks are submitted as results are taken (``Executor.map`` would submit every chunk at
    once, holding a future and its paths per chunk for the whole run), so the parent holds a
    bounded window of work and results, whatever the number of files."""
    jobs = min(jobs or os.cpu_count() or 1, len(files))
    if jobs <= 1:
        yield from map(task, files)
        return
    # Chunks amortise the cost of sending work to a process; small enough to keep both
    # cores busy to the end.
    size = max(1, min(64, len(files) // (jobs * 8)))
    from concurrent.futures import ProcessPoolExecutor  # not for a single file

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        window: deque[Future[list[Outcome]]] = deque()
        for start in range(0, len(files), size):
            # A listed batch's chunk goes as names, each made a Path in the worker, not here.
            if isinstance(files, Files):
                chunk: Sequence[Path] = files.window(start, start + size)
            else:
                chunk = files[start : start + size]
            window.append(pool.submit(_chunk, task, chunk))
            if len(window) >= AHEAD * jobs:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()


def _chunk(task: Task, files: Sequence[Path]) -> list[Outcome]:
    """What a worker runs: ``task`` over one chunk of files."""
    return [task(f) for f in files]


def describe(jobs: int | None) -> str:
    return f"本机 {jobs or os.cpu_count() or 1} 个进程"
