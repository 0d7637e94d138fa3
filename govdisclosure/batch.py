"""Many files at once: validate, check or render them over all CPU cores, or on a cluster.

Each file is one task, run in a worker process (of the built-in pool, or of a Dask cluster:
see :mod:`govdisclosure.engines`); results come back in the order the files were given,
whatever order the workers finish in, so output is deterministic. A file that fails is
reported with its name and the batch goes on. Tasks return only what the parent prints
(findings, a heading, the files written) or stores (a dataset's rows), never whole reports,
so memory stays flat however many files there are.
"""

from __future__ import annotations

import bisect
import glob
import heapq
import io
import mmap
import os
import signal
import sys
import threading
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TextIO, overload

from attrs import frozen

from .bounded import own_status
from .errors import EngineError as EngineError
from .findings import Finding, GovDisclosureError, InputError, has_errors
from .formats import get_format
from .formats.declaration import CarryOver
from .model import Number, Report, numeric
from .rules import RULES, RuleId

if TYPE_CHECKING:  # dask is an optional extra: imported only on the path that uses it
    from distributed import Client

    from .aggregate import Summand


@frozen
class Carry:
    """What the rule across years (S1) needs of a report: whose, when, and table 三's carry rows."""

    agency: str
    year: int
    carry_in: tuple[tuple[str, Number], ...]
    carry_out: tuple[tuple[str, Number], ...]


@frozen
class Identity:
    """Whose report a file holds: enough to head its findings and to pair years."""

    agency: str
    year: int
    version: str


class CellRow(NamedTuple):
    """One cell of a report as a dataset row, as a worker sends it back (``collect``).

    A plain named tuple, not an attrs class: a report has some 200 of them and they cross
    between processes, where a tuple pickles to a fraction of an object's size. The labels are
    not sent: the parent looks them up in the format declaration once per cell key."""

    table: str
    row: str
    column: str
    status: str
    """``stated``, ``computed``, ``blank``, ``missing`` or ``unread``."""
    text: str | None
    value: float | None
    unit: str | None


@frozen
class Outcome:
    """One file's result, small enough to send between processes."""

    file: str
    report: Identity | None
    """Whose report it is, or None when the file could not be read."""
    findings: tuple[Finding, ...]
    written: tuple[str, ...] = ()
    carry: Carry | None = None
    cells: tuple[CellRow, ...] = ()
    """Every cell of the report, only when a dataset is being built (``collect``)."""
    blocked: bool = False
    """The file's output was not written for a reason that is not the report's: it exists
    (and overwriting was not asked for), it cannot be written, a template fails."""
    summand: Summand | None = None
    """What summing needs of the report, only for ``aggregate``."""

    @property
    def heading(self) -> str | None:
        """“南昌市教育局 2020年度（国办公开办函〔2019〕60号格式）”."""
        if self.report is None:
            return None
        document = get_format(self.report.version).document
        return f"{self.report.agency} {self.report.year}年度（{document}格式）"

    @property
    def readable(self) -> bool:
        return self.report is not None

    @property
    def failed(self) -> bool:
        return has_errors(self.findings)


def identity(report: Report) -> Identity:
    return Identity(report.meta.agency, report.meta.year, report.meta.version)


def carry(report: Report) -> Carry:
    """The two rows S1 compares, as the report's format version declares them."""
    declared = report.format.relation(CarryOver)
    if declared is None:
        return Carry(report.meta.agency, report.meta.year, (), ())
    table = report.table(declared.table)

    def row(key: str) -> tuple[tuple[str, Number], ...]:
        # A cell a reader could not read is left out: S1 then skips it, never compares a 0.
        return tuple(
            (c, numeric(table.value((key, c))))
            for c in table.spec.columns_of(key)
            if (key, c) not in table.unread
        )

    return Carry(report.meta.agency, report.meta.year, row(declared.row), row(declared.previous))


def unreadable(file: str, error: InputError) -> Outcome:
    return Outcome(file, None, error.findings)


class Hashes:
    """A set of 64-bit hashes in one table (open addressing, at most three quarters full):
    11 to 21 bytes a member, where a ``set`` of strings costs some 100 (while the table
    grows, the old one and the new are both held: up to 32 bytes a member for a moment).
    Two different strings share a hash once in 2**64 or so; callers that must be exact
    check a hit again by the strings.

    The table is an anonymous memory map of its own, not an ``array``: it grows with the
    number of files, and ``render`` fills one and drops it just before the worker processes
    start. Taken from the C allocator, the tables it outgrew and the last one stayed in the
    parent's heap as free space (glibc gives back only the free top of its heap, and only
    past a threshold that large blocks raise); the workers inherited that heap, and every
    process came to touch all of it as it ran: memory that grew with the number of files in
    each (docs/scale.md). A map goes back to the system whole when it is dropped."""

    def __init__(self) -> None:
        self._slots = _table(1024)
        self._count = 0

    def add(self, text: str) -> bool:
        """Add ``text``'s hash; whether it was there already."""
        h = _hash64(text)
        i = self._slot(h)
        if self._slots[i]:
            return True
        self._slots[i] = h
        self._count += 1
        if 4 * self._count > 3 * len(self._slots):  # linear probing is still short at 3/4
            self._grow()
        return False

    def __contains__(self, text: str) -> bool:
        return bool(self._slots[self._slot(_hash64(text))])

    def _slot(self, h: int) -> int:
        """Where ``h`` is, or the empty slot it would go in (linear probing)."""
        slots = self._slots
        i = h & (len(slots) - 1)
        while slots[i] and slots[i] != h:
            i = (i + 1) & (len(slots) - 1)
        return i

    def __len__(self) -> int:
        return self._count

    def _grow(self) -> None:
        old = self._slots
        slots = self._slots = _table(2 * len(old))
        for h in old:
            if h:
                i = h & (len(slots) - 1)
                while slots[i]:
                    i = (i + 1) & (len(slots) - 1)
                slots[i] = h


def _table(slots: int) -> memoryview:
    """``slots`` zeroed 64-bit slots in an anonymous map of their own (zero pages cost
    nothing until they are written)."""
    return memoryview(mmap.mmap(-1, 8 * slots)).cast("Q")


def _hash64(text: str) -> int:
    # The process's own string hash (SipHash), made unsigned and never 0 (an empty slot).
    return (hash(text) & 0xFFFF_FFFF_FFFF_FFFF) or 1


class Files(Sequence[Path]):
    """A batch's files, in order, held compactly: each folder once, and the names of its
    files as one UTF-8 string with their 8-byte offsets (some 20 bytes a file, instead of the
    400 and more of a ``Path``). A file's ``Path`` is made when it is asked for."""

    def __init__(self) -> None:
        self._folders: list[str] = []
        self._blobs: list[bytes] = []
        self._offsets: list[array[int]] = []
        self._ends = array("Q")  # how many files the groups up to and including each hold

    def _add_group(self, folder: str, names: Iterable[bytes]) -> None:
        """The files ``names`` (in order) in ``folder``, packed as they come: the names need
        not be held all at once, and are not (see :func:`_walk`)."""
        blob, offsets = io.BytesIO(), array("L", [0])
        for name in names:
            offsets.append(offsets[-1] + blob.write(name))
        if len(offsets) == 1:
            return
        self._folders.append(folder)
        self._blobs.append(blob.getvalue())  # the buffer itself, not a copy
        self._offsets.append(offsets)
        self._ends.append(len(self) + len(offsets) - 1)

    def _names(self, group: int, start: int = 0, stop: int | None = None) -> Iterator[bytes]:
        """The names of a group's files ``start`` to ``stop`` (to the end, if None)."""
        offsets, blob = self._offsets[group], self._blobs[group]
        for i in range(start, len(offsets) - 1 if stop is None else stop):
            yield blob[offsets[i] : offsets[i + 1]]

    def __len__(self) -> int:
        return self._ends[-1] if self._ends else 0

    @overload
    def __getitem__(self, index: int) -> Path: ...
    @overload
    def __getitem__(self, index: slice) -> list[Path]: ...
    def __getitem__(self, index: int | slice) -> Path | list[Path]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        group = bisect.bisect_right(self._ends, index)
        first = self._ends[group - 1] if group else 0
        return self._path(group, index - first)

    def _path(self, group: int, i: int) -> Path:
        offsets = self._offsets[group]
        name = os.fsdecode(self._blobs[group][offsets[i] : offsets[i + 1]])
        folder = self._folders[group]
        return Path(folder, name) if folder else Path(name)

    def __iter__(self) -> Iterator[Path]:
        for group in range(len(self._folders)):
            for i in range(len(self._offsets[group]) - 1):
                yield self._path(group, i)

    def window(self, start: int, stop: int) -> Files:
        """Files ``start`` to ``stop`` (or to the end) as a :class:`Files` of their own, made
        without a ``Path``: what the process pool sends a worker, which makes each file's
        ``Path`` when it comes to it. A parent that made them all would intern every file's
        name (pathlib does, with ``sys.intern``), and so many new names make the interpreter
        double its table of interned strings, half a megabyte (docs/scale.md)."""
        out = Files()
        stop = min(stop, len(self))
        while start < stop:
            group = bisect.bisect_right(self._ends, start)
            first = self._ends[group - 1] if group else 0
            end = min(stop, self._ends[group])
            names = self._names(group, start - first, end - first)
            out._add_group(self._folders[group], names)
            start = end
        return out

    def stems(self) -> Iterator[str]:
        """Each file's ``Path.stem``, in order, made without a ``Path`` (see :meth:`window`)."""
        for group, folder in enumerate(self._folders):
            for raw in self._names(group):
                name = os.fsdecode(raw)
                if not folder:  # named as an argument: a path, not a name
                    yield Path(name).stem
                    continue
                # A name the walk found (no separator), with one of the suffixes: Path.stem.
                dot = name.rfind(".")
                yield name[:dot] if 0 < dot < len(name) - 1 else name


RUN = 4096
"""Names of one folder held as objects at a time while it is listed: each run of them is
sorted and packed, and the runs are merged into the folder's list."""


def _walk(top: str, suffixes: Sequence[str], out: Files) -> None:
    """The files under ``top`` with one of ``suffixes``, depth first with the entries of each
    folder sorted (the order of ``sorted(Path(top).rglob("*"))``).

    A folder's names are sorted in runs of :data:`RUN`, each packed as it is sorted, then
    merged: held as a list of ``bytes`` until the end, sorted and joined, a folder of 20,000
    files took some 160 bytes a file at its peak (the objects, the list, its copies, the
    join's own table) where the list it leaves takes 20; merged, under 50 (tracemalloc)."""
    runs: list[Files] = []
    files: list[bytes] = []
    folders: list[bytes] = []
    with os.scandir(os.fsencode(top)) as found:
        for entry in found:
            if entry.is_dir():
                if not entry.is_symlink():  # as rglob: a linked folder is not entered
                    folders.append(entry.name)
            elif entry.is_file():
                suffix = os.fsdecode(os.path.splitext(entry.name)[1]).lower()
                if suffix in suffixes:
                    files.append(entry.name)
                    if len(files) == RUN:
                        runs.append(_packed(files))
                        files = []
    files.sort()  # UTF-8 bytes sort as their characters do
    folders.sort()
    names = _Stream(heapq.merge(*(r._names(0) for r in runs), files) if runs else iter(files))
    # Files and folders merged in name order (no two share a name): the files before a
    # folder are one group, then the folder's own files.
    for folder in folders:
        out._add_group(top, names.below(folder))
        _walk(os.path.join(top, os.fsdecode(folder)), suffixes, out)
    out._add_group(top, names.below(None))


def _packed(names: list[bytes]) -> Files:
    names.sort()
    run = Files()
    run._add_group("", names)
    return run


class _Stream:
    """Sorted names, taken in order up to a bound."""

    def __init__(self, names: Iterator[bytes]) -> None:
        self._names = names
        self._next = next(names, None)

    def below(self, bound: bytes | None) -> Iterator[bytes]:
        """The names before ``bound`` (every one left, if None)."""
        while self._next is not None and (bound is None or self._next < bound):
            yield self._next
            self._next = next(self._names, None)


def expand(args: Iterable[str | os.PathLike[str]], suffixes: Sequence[str]) -> Files:
    """Files named, found in directories (recursively, by suffix) or matched by globs, in a
    stable order and each once. A name that matches nothing is kept, to be reported.

    Held compactly (:class:`Files`): a folder of a million reports is a few tens of
    megabytes of names, not half a gigabyte of ``Path`` objects."""
    args = list(args)
    suffixes = tuple(s.lower() for s in suffixes)
    out = Files()
    if len(args) == 1 and Path(args[0]).is_dir():
        # The common case, and the large one: one folder, whose walk lists each file once.
        _walk(str(Path(args[0])), suffixes, out)
        return out
    seen = Hashes()
    for arg in args:
        p = Path(arg)
        if p.is_dir():
            found = Files()
            _walk(str(p), suffixes, found)
            names: Iterable[str] = map(str, found)
        elif not p.exists() and glob.has_magic(str(arg)):
            names = sorted(str(Path(m)) for m in glob.glob(str(arg), recursive=True))
        else:
            names = (str(p),)
        # A hash per file seen, not the name; two names sharing a hash is once in 2**64.
        out._add_group("", (os.fsencode(n) for n in names if not seen.add(n)))
    return out


Task = Callable[[Path], Outcome]
"""The work for one file: a picklable function of its path (see :mod:`govdisclosure.jobs`)."""


def run(
    task: Task, files: Sequence[Path], jobs: int | None = None, client: Client | None = None
) -> Iterator[Outcome]:
    """``task`` over ``files``, yielding each file's outcome in the files' order.

    Without ``client``, in a pool of ``jobs`` processes on this machine (default: every core);
    with a ``dask.distributed`` client, on its cluster (``jobs`` is then the cluster's own).
    Wrap ``task`` in :func:`guarded` so that a file that fails is that file's outcome."""
    # Imported here: the engines import this module, and dask only when it is asked for.
    if client is None:
        from .engines import _pool

        return _pool.run(task, files, jobs)
    from .engines import _dask

    return _dask.run(task, files, client)


class Progress:
    """A one-line progress bar on a terminal's stderr; silent when stderr is not a terminal."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        # sys.stderr as it is now, not as it was when this module was imported.
        self.total, self.done, self.stream = total, 0, stream or sys.stderr
        self.enabled = total > 1 and self.stream.isatty()

    def note(self, text: str) -> None:
        """A line above the bar (where the work runs), on a terminal only."""
        if self.enabled:
            self.stream.write(f"{text}\n")
            self.stream.flush()

    def step(self) -> None:
        self.done += 1
        if self.enabled:
            filled = 30 * self.done // self.total
            bar = "█" * filled + "·" * (30 - filled)
            self.stream.write(f"\r{bar} {self.done}/{self.total}")
            self.stream.flush()

    def clear(self) -> None:
        """Wipe the bar, so that a result can be printed on a clean line."""
        if self.enabled and self.done:
            self.stream.write("\r" + " " * 50 + "\r")
            self.stream.flush()


class Tally:
    """Counts for the closing line, kept as outcomes pass, so that a run need not keep them."""

    def __init__(self) -> None:
        self.files = self.failed = self.unread = 0

    def add(self, outcome: Outcome) -> None:
        self.files += 1
        self.unread += not outcome.readable
        self.failed += outcome.readable and outcome.failed

    def line(self) -> str:
        ok = self.files - self.unread - self.failed
        return (
            f"共 {self.files} 个文件：{ok} 个无错误，{self.failed} 个有错误，"
            f"{self.unread} 个无法读取。"
        )


def summary(outcomes: Iterable[Outcome]) -> str:
    """The closing line of a batch: how many files passed, failed or could not be read."""
    tally = Tally()
    for outcome in outcomes:
        tally.add(outcome)
    return tally.line()


def failure(file: str, message: str) -> Outcome:
    """The outcome of a file that could not be processed at all."""
    return Outcome(file, None, (RULES[RuleId.READ].finding("$", "文件", message),))


SECONDS_PER_FILE = 300.0
"""Wall-clock budget of one file's task (a PDF's own child process has 120 s of it)."""


class _Overtime(BaseException):
    """Raised by the alarm in the task that overran; a BaseException, so that no reader's
    own ``except Exception`` swallows it."""


def _overtime(signum: int, frame: object) -> None:
    raise _Overtime


def _budget(seconds: float) -> Callable[[], None]:
    """Arm the per-file alarm where signals can be had (the main thread of a process on a
    POSIX system); the function returned disarms it."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        return lambda: None
    previous = signal.signal(signal.SIGALRM, _overtime)
    signal.setitimer(signal.ITIMER_REAL, seconds)

    def disarm() -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

    return disarm


MEMORY_PER_FILE = 3 * 1024**3
"""Address space one file's task may map on top of what its process maps already (a PDF's own
child process has a 2 GB limit of its own)."""


def _mapped() -> int | None:
    """The address space this process maps now, in bytes (None where /proc cannot say)."""
    shown = own_status("VmSize")  # "123456 kB"
    return int(shown.split()[0]) * 1024 if shown else None


def _memory_budget(extra: int) -> Callable[[], None]:
    """Cap the process's address space at what it maps now plus ``extra``, so that a file
    whose reading runs away ends in MemoryError, that file's error, instead of the machine
    swapping or the kernel killing the worker; the function returned lifts the cap.

    The limit is process-wide: it is set only in a main thread, where a process runs one
    file at a time (pool workers, a one-worker batch), and it never loosens a limit the user
    set (``ulimit -v``). Programs started meanwhile (LibreOffice for a ``.doc``) inherit it."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return lambda: None
    mapped = _mapped()
    if mapped is None or threading.current_thread() is not threading.main_thread():
        return lambda: None
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = mapped + extra
    for bound in (soft, hard):
        if bound != resource.RLIM_INFINITY:
            limit = min(limit, bound)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    return lambda: resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def guarded(
    task: Task, path: Path, seconds: float = SECONDS_PER_FILE, memory: int = MEMORY_PER_FILE
) -> Outcome:
    """Run ``task`` within its time and memory budget, turning any error into the file's
    outcome, so that the batch goes on."""
    disarm = _budget(seconds)
    lift = _memory_budget(memory)
    try:
        return task(path)
    except _Overtime:
        return failure(str(path), f"处理超时（超过 {seconds:g} 秒），已放弃此文件")
    except MemoryError:
        return failure(str(path), f"处理此文件超出内存上限（{memory // 1024**2} MB），已放弃此文件")
    except InputError as exc:
        return unreadable(str(path), exc)
    except GovDisclosureError as exc:
        return failure(str(path), str(exc))
    except Exception as exc:
        # A defect of ours or of a parser underneath (one odd PDF among a hundred thousand):
        # that file's error, named as ours, rather than the end of a run of hours.
        return failure(str(path), f"内部错误，请报告：{type(exc).__name__}: {exc}")
    finally:
        lift()
        disarm()
