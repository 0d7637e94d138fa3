"""Outcomes into the two tables of a dataset, as they arrive from the workers."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from ..batch import Identity, Outcome
from ..years import Years
from .parquet import TableWriter
from .rows import expanded_cells, finding_rows
from .schema import CELLS, FINDINGS


class DatasetWriter:
    """The cells and the findings of every outcome added, each into its own Parquet file;
    both are moved into place when the ``with`` block ends without an error.

    Two years of one agency among the outcomes are paired as ``check`` pairs them, and the
    carry-over findings (S1) are added to the later year's, as soon as both have arrived."""

    def __init__(self, cells: Path, findings: Path) -> None:
        self.cells = TableWriter(cells, CELLS)
        try:
            # A finding row carries its own message and location texts, where a cell row
            # shares its labels with every report: fewer findings make as large a buffer.
            self.findings = TableWriter(findings, FINDINGS, group=8_192)
        except BaseException:
            self.cells.abort()
            raise
        self.reports = 0
        self._years: Years[tuple[str, Identity]] = Years()

    def add(self, outcome: Outcome) -> None:
        for row in expanded_cells(outcome):
            self.cells.add(row)
        for row in finding_rows(outcome):
            self.findings.add(row)
        if outcome.report is not None:
            self.reports += 1
        if outcome.carry is None or outcome.report is None:
            return
        for (file, who), s1 in self._years.add((outcome.file, outcome.report), outcome.carry):
            for row in finding_rows(Outcome(file, who, s1)):
                self.findings.add(row)

    def __enter__(self) -> DatasetWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if kind is None:
            self.cells.commit()
            self.findings.commit()
        else:
            self.cells.abort()
            self.findings.abort()
