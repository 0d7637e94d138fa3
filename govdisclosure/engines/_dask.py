"""The distributed engine: the same tasks, on a ``dask.distributed`` cluster.

Files go to the cluster in partitions (one Dask task runs a task over several files, since
a file takes a few milliseconds and a Dask task costs about one of scheduling), a bounded
window of partitions at a time, and come back in the files' order. Every Dask task is keyed
by what its result depends on (the task, the files' paths, sizes and modification times),
which makes it pure: when a worker is lost mid-run, the scheduler runs its partitions again
elsewhere. A partition that keeps killing its workers is run again file by file, so that
only the file at fault is reported, and the rest go on.

``dask`` is an optional extra (``pip install 'govdisclosure[dask]'``): it is imported only
by the functions here, never when the package is imported.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from ..batch import EngineError, Outcome, Task, failure

if TYPE_CHECKING:
    from distributed import Client, Future

INSTALL = "pip install 'govdisclosure[dask]'"

Named = tuple[tuple[str, str], ...]
"""A partition's files: the name as given (for messages), and the absolute path (for
workers, whose working directory may be another machine's)."""

KILLED = "处理此文件的工作进程多次意外退出（文件过大、内存不足或解析程序崩溃），已跳过"


def require() -> None:
    """Fail with the command that installs the extra, when it is not installed."""
    try:
        import distributed  # noqa: F401
    except ImportError as exc:
        missing = exc.name or "distributed"
        raise EngineError(f"未安装 Dask（缺少 {missing}）：请先运行 {INSTALL}") from None


@contextmanager
def connect(jobs: int | None = None, scheduler: str | None = None) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a cluster of ``jobs`` worker
    processes started on this machine (default: one per core) and closed at the end."""
    require()
    import dask
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise EngineError(f"无法连接 Dask 调度器 {scheduler}：{exc}") from None
        with client:
            yield client
        return
    # One thread a worker: reading a report holds the GIL, so threads would only queue.
    # The scheduler's web server on any free port, not on 8787, which another cluster may
    # hold; the cluster's own log (a worker restarted, …) kept off the user's terminal
    # below errors.
    # The cluster's scratch space (lock files, spilled data) in a folder of this run's,
    # removed with it, instead of a dask-scratch-space left in the system's temporary folder.
    with (
        tempfile.TemporaryDirectory(prefix="govdisclosure-dask-") as scratch,
        dask.config.set({"temporary-directory": scratch}),
        LocalCluster(
            n_workers=jobs or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def describe(client: Client) -> str:
    threads = client.nthreads()
    return (
        f"Dask 集群 {client.scheduler.address if client.scheduler else ''}"
        f"（{len(threads)} 个工作进程，{sum(threads.values())} 个线程）"
    )


def run(
    task: Task, files: Sequence[Path], client: Client, partition: int | None = None
) -> Iterator[Outcome]:
    """``task`` over ``files`` on ``client``'s cluster, yielding outcomes in the files' order."""
    require()
    if not files:
        return
    threads = max(1, sum(client.nthreads().values()))
    # As the pool chunks: big enough to amortise scheduling, small enough to balance the load.
    size = partition or max(1, min(64, len(files) // (threads * 8)))
    # Enough partitions in flight to keep every thread busy while the first is gathered, and
    # few enough that the results waiting for their turn stay a bounded amount of memory.
    window = 4 * threads
    in_flight: deque[tuple[Named, Future[list[Outcome]]]] = deque()
    for start in range(0, len(files), size):
        named = _named(files[start : start + size])
        in_flight.append((named, _submit(client, task, named)))
        if len(in_flight) >= window:
            yield from _gather(client, task, *in_flight.popleft())
    while in_flight:
        yield from _gather(client, task, *in_flight.popleft())


def partition(task: Task, named: Named) -> list[Outcome]:
    """What a worker runs: ``task`` over the files of one partition, named as given."""
    outcomes = []
    for name, path in named:
        outcome = task(Path(path))
        outcomes.append(outcome if outcome.file == name else attrs.evolve(outcome, file=name))
    return outcomes


def _named(files: Sequence[Path]) -> Named:
    return tuple((str(f), os.path.abspath(f)) for f in files)


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _submit(client: Client, task: Task, named: Named) -> Future[list[Outcome]]:
    from dask.base import tokenize

    # The key names everything the result depends on, so that the task is pure: a lost
    # worker's partitions are recomputed, and a file changed between runs is read again.
    key = f"govdisclosure-{tokenize(task, named, [_stamp(p) for _, p in named])}"
    future: Future[list[Outcome]] = client.submit(partition, task, named, key=key)
    return future


def _gather(
    client: Client, task: Task, named: Named, future: Future[list[Outcome]]
) -> Iterator[Outcome]:
    from distributed.scheduler import KilledWorker

    try:
        outcomes = future.result()
    except KilledWorker:
        # Some file of the partition takes its worker down each time: find out which.
        outcomes = (
            [outcome for one in named for outcome in _alone(client, task, one)]
            if len(named) > 1
            else [failure(named[0][0], KILLED)]
        )
    except Exception as exc:
        # Every error of a file is caught inside the task (batch.guarded): what is left is
        # the cluster's (a lost scheduler, a worker without govdisclosure installed).
        raise EngineError(f"Dask 集群出错：{type(exc).__name__}: {exc}") from exc
    finally:
        future.release()
    yield from outcomes


def _alone(client: Client, task: Task, one: tuple[str, str]) -> Iterator[Outcome]:
    yield from _gather(client, task, (one,), _submit(client, task, (one,)))
