"""Every report in one table: ``govdisclosure collect`` and ``check --dataset``.

A dataset is two Parquet files, readable by DuckDB, pandas or polars without this package:

* the cells, one row per data cell of every report (agency, year, format version, source
  file, table, row and column keys, official labels, value as text and as a number, status);
* the findings, one row per finding of every file (the unreadable ones too).

Workers send back small rows (:func:`rows.cell_rows`), never reports; the rows are written
in row groups, so memory stays flat however many reports there are. ``pyarrow`` is an
optional extra (``pip install 'govdisclosure[dataset]'``), imported only when writing.
The columns: :data:`schema.CELLS`, :data:`schema.FINDINGS`; the guide: ``docs/dataset.md``.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from attrs import frozen

from ..batch import Outcome, Tally, expand, guarded, run
from ..inputs import suffixes
from ..reading import READERS
from .parquet import DatasetError, require
from .schema import CELLS, FINDINGS, Column
from .writer import DatasetWriter

if TYPE_CHECKING:
    from distributed import Client

SUFFIXES = (*suffixes(), *READERS)
"""What ``collect`` takes: input files (YAML, JSON, TOML, xlsx) and published reports."""


@frozen
class Collected:
    """What a dataset run wrote."""

    cells: Path
    findings: Path
    files: int
    reports: int
    cell_rows: int
    finding_rows: int
    summary: str
    """The batch's closing line: how many files passed, failed or could not be read."""


def targets(output: str | os.PathLike[str]) -> tuple[Path, Path]:
    """Where the two tables go: ``X.parquet`` and ``X.findings.parquet`` for an output named
    ``X.parquet``; otherwise ``cells.parquet`` and ``findings.parquet`` in the directory."""
    out = Path(output)
    if out.suffix.lower() == ".parquet":
        return out, out.with_name(f"{out.stem}.findings.parquet")
    return out / "cells.parquet", out / "findings.parquet"


def prepare(output: str | os.PathLike[str], force: bool = False) -> tuple[Path, Path]:
    """Check, before any work is done, that the dataset can be written at ``output``."""
    require()
    cells, findings = targets(output)
    for target in (cells, findings):
        if target.exists() and not force:
            raise DatasetError(f"{target} 已存在；如需覆盖请加 --force")
        if target.is_dir():
            raise DatasetError(f"{target} 是目录，无法写成文件")
    try:
        cells.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatasetError(f"无法创建目录 {cells.parent}：{exc.strerror or exc}") from None
    return cells, findings


def write(
    outcomes: Iterable[Outcome], output: str | os.PathLike[str], force: bool = False
) -> Collected:
    """Write the outcomes of ``jobs.collect_file`` (or any task that fills in their cells)
    as a dataset at ``output`` (see :func:`targets`); refuse to replace one unless forced."""
    cells, findings = prepare(output, force)
    tally = Tally()
    try:
        with DatasetWriter(cells, findings) as writer:
            for outcome in outcomes:
                writer.add(outcome)
                tally.add(outcome)
    except OSError as exc:
        raise DatasetError(f"无法写入 {cells.parent}：{exc.strerror or exc}") from None
    return Collected(
        cells,
        findings,
        tally.files,
        writer.reports,
        writer.cells.rows,
        writer.findings.rows,
        tally.line(),
    )


def collect(
    paths: Iterable[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    jobs: int | None = None,
    client: Client | None = None,
    force: bool = False,
) -> Collected:
    """Read every report among ``paths`` (files, directories, globs) and write the dataset:
    on ``jobs`` local processes, or on a Dask cluster through ``client``."""
    from ..jobs import collect_file

    files: Sequence[Path] = expand(paths, SUFFIXES)
    return write(run(functools.partial(guarded, collect_file), files, jobs, client), output, force)


__all__ = [
    "CELLS",
    "FINDINGS",
    "SUFFIXES",
    "Collected",
    "Column",
    "DatasetError",
    "DatasetWriter",
    "collect",
    "prepare",
    "targets",
    "write",
]
