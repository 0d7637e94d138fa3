"""The built-in engine: a pool of worker processes on this machine."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..batch import Outcome, Task


def run(task: Task, files: Sequence[Path], jobs: int | None = None) -> Iterator[Outcome]:
    """``task`` over ``files``, in their order; in ``jobs`` processes (default: every core)."""
    jobs = min(jobs or os.cpu_count() or 1, len(files))
    if jobs <= 1:
        yield from map(task, files)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        # Chunks amortise the cost of sending work to a process; small enough to keep both
        # cores busy to the end.
        yield from pool.map(task, files, chunksize=max(1, min(64, len(files) // (jobs * 8))))


def describe(jobs: int | None) -> str:
    return f"本机 {jobs or os.cpu_count() or 1} 个进程"
