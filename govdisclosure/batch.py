"""Many files at once: validate, check or render them over all CPU cores.

Each file is one task, run in a worker process; results come back in the order the files
were given, whatever order the workers finish in, so output is deterministic. A file that
fails is reported with its name and the batch goes on. Tasks return only what the parent
prints (findings, a heading, the files written), never whole reports, so memory stays flat
however many files there are.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TextIO

from attrs import frozen

from .findings import Finding, GovDisclosureError, InputError, Severity, has_errors
from .formats import get_format
from .model import Number, Report, numeric


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


@frozen
class Outcome:
    """One file's result, small enough to send between processes."""

    file: str
    report: Identity | None
    """Whose report it is, or None when the file could not be read."""
    findings: tuple[Finding, ...]
    written: tuple[str, ...] = ()
    carry: Carry | None = None

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
    t3 = report.table3
    rows = {
        # A cell a reader could not read is left out: S1 then skips it, never compares a 0.
        row: tuple(
            (c, numeric(t3.value((row, c))))
            for c in t3.spec.columns_of(row)
            if (row, c) not in t3.unread
        )
        for row in ("carry_in", "carry_out")
    }
    return Carry(report.meta.agency, report.meta.year, rows["carry_in"], rows["carry_out"])


def unreadable(file: str, error: InputError) -> Outcome:
    return Outcome(file, None, error.findings)


def expand(args: Iterable[str | os.PathLike[str]], suffixes: Sequence[str]) -> list[Path]:
    """Files named, found in directories (recursively, by suffix) or matched by globs, in a
    stable order and each once. A name that matches nothing is kept, to be reported."""
    out: dict[Path, None] = {}
    for arg in args:
        p = Path(arg)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in suffixes)
            out.update(dict.fromkeys(found))
        elif not p.exists() and glob.has_magic(str(arg)):
            out.update(dict.fromkeys(sorted(Path(m) for m in glob.glob(str(arg), recursive=True))))
        else:
            out[p] = None
    return list(out)


def run(
    task: Callable[[Path], Outcome], files: Sequence[Path], jobs: int | None = None
) -> Iterator[Outcome]:
    """``task`` over ``files``, in their order; in ``jobs`` processes (default: every core)."""
    jobs = min(jobs or os.cpu_count() or 1, len(files))
    if jobs <= 1:
        yield from map(task, files)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        # Chunks amortise the cost of sending work to a process; small enough to keep both
        # cores busy to the end.
        yield from pool.map(task, files, chunksize=max(1, min(64, len(files) // (jobs * 8))))


class Progress:
    """A one-line progress bar on a terminal's stderr; silent when stderr is not a terminal."""

    def __init__(self, total: int, stream: TextIO = sys.stderr) -> None:
        self.total, self.done, self.stream = total, 0, stream
        self.enabled = total > 1 and stream.isatty()

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


def summary(outcomes: Sequence[Outcome]) -> str:
    """The closing line of a batch: how many files passed, failed or could not be read."""
    unread = sum(not o.readable for o in outcomes)
    failed = sum(o.readable and o.failed for o in outcomes)
    ok = len(outcomes) - unread - failed
    return f"共 {len(outcomes)} 个文件：{ok} 个无错误，{failed} 个有错误，{unread} 个无法读取。"


def guarded(task: Callable[[Path], Outcome], path: Path) -> Outcome:
    """Run ``task``, turning any error of this library into the file's outcome."""
    try:
        return task(path)
    except InputError as exc:
        return unreadable(str(path), exc)
    except GovDisclosureError as exc:
        return Outcome(str(path), None, (Finding("READ", Severity.ERROR, "$", "文件", str(exc)),))
