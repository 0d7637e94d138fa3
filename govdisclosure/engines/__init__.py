"""The engines a batch runs on, by name: the built-in process pool, and Dask.

The command line chooses one with ``--engine`` (``--scheduler ADDRESS`` implies ``dask``);
the library calls :func:`govdisclosure.batch.run`, with a ``dask.distributed`` client or
without. Either way the same task functions (:mod:`govdisclosure.jobs`) run over the files
and the outcomes come back in the files' order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from types import MappingProxyType

from attrs import frozen

from ..batch import EngineError, Outcome, Task, run
from . import _pool

Runner = Callable[[Task, Sequence[Path]], Iterator[Outcome]]


@frozen
class Session:
    """An engine ready to run: ``run(task, files)`` yields outcomes in the files' order."""

    run: Runner
    description: str
    """Where the work runs, for the user: “本机 2 个进程”."""


@frozen
class Engine:
    name: str
    help: str
    open: Callable[[int | None, str | None], AbstractContextManager[Session]]
    """Start the engine with ``jobs`` workers, or on the scheduler at an address."""


@contextmanager
def _open_pool(jobs: int | None, scheduler: str | None) -> Iterator[Session]:
    if scheduler is not None:
        raise EngineError("--scheduler 只用于 Dask（--engine dask）")

    def runner(task: Task, files: Sequence[Path]) -> Iterator[Outcome]:
        return run(task, files, jobs)

    yield Session(runner, _pool.describe(jobs))


@contextmanager
def _open_dask(jobs: int | None, scheduler: str | None) -> Iterator[Session]:
    if scheduler is not None and jobs is not None:
        raise EngineError("-j 只用于本机；连接调度器时，并行数由集群的工作进程决定")
    from . import _dask  # logging, tempfile and the rest: only for a command run on Dask

    with _dask.connect(jobs, scheduler) as client:

        def runner(task: Task, files: Sequence[Path]) -> Iterator[Outcome]:
            return run(task, files, client=client)

        yield Session(runner, _dask.describe(client))


ENGINES: Mapping[str, Engine] = MappingProxyType(
    {
        e.name: e
        for e in (
            Engine("pool", "本机的进程池（默认）", _open_pool),
            Engine("dask", "Dask 集群（不加 --scheduler 时在本机启动）", _open_dask),
        )
    }
)
"""The engines by name, read-only."""


def open_engine(
    name: str | None = None, jobs: int | None = None, scheduler: str | None = None
) -> AbstractContextManager[Session]:
    """The engine ``name`` (default ``pool``, or ``dask`` when a scheduler is given)."""
    chosen = name or ("dask" if scheduler is not None else "pool")
    if chosen not in ENGINES:
        raise EngineError(f"未知的引擎“{chosen}”，可选 {'、'.join(ENGINES)}")
    return ENGINES[chosen].open(jobs, scheduler)


__all__ = ["ENGINES", "Engine", "EngineError", "Session", "open_engine"]
