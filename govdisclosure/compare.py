"""Year over year: every cell of two years' reports of one agency, with its change.

Cells are matched by their stable keys, so a 2020 report (2019 format) compares with a 2021
one wherever the two formats declare the same cell. The rules across years (S1 carry-over,
S2 documents in force) come with the comparison.
"""

from __future__ import annotations

from decimal import Decimal

from attrs import frozen

from .errors import CompareError as CompareError
from .findings import Finding
from .formats.declaration import CellKey
from .helpers import HelperError, yoy
from .model import Number, Report, numeric
from .validation.history import check_against_previous


@frozen
class CellChange:
    table: str
    key: CellKey
    location: str
    last: Number
    this: Number
    phrase: str
    """“同比增长12.3%”, “同比下降…”, “与上年持平”, or “上年为0” when there is no rate."""

    @property
    def change(self) -> Number:
        return self.this - self.last


@frozen
class Comparison:
    last: Report
    this: Report
    cells: tuple[CellChange, ...]
    findings: tuple[Finding, ...]
    """S1 and S2 between the two years."""
    warnings: tuple[str, ...] = ()
    """What makes the comparison doubtful: two reports of different agencies."""

    def cell(self, table: str, row: str, col: str) -> CellChange:
        for c in self.cells:
            if c.table == table and c.key == (row, col):
                return c
        raise KeyError(f"{table} 无单元格 {(row, col)!r}，或上年报告没有")


def phrase(this: Number, last: Number) -> str:
    """The year-over-year phrase, saying plainly when last year had none to compare with."""
    if last < 0 or this < 0:  # 本年增/减 may be negative: a rate would mislead
        return f"上年{last}，本年{this}"
    try:
        return yoy(this, last)
    except HelperError:
        return f"上年为0，本年为{this}"


def compare(last: Report, this: Report) -> Comparison:
    """Compare ``this`` year's report with ``last`` year's."""
    if this.meta.year <= last.meta.year:
        raise CompareError(
            f"上年报告（{last.meta.year}年度）应早于本年报告（{this.meta.year}年度）"
        )
    cells = []
    for now, before in zip(this.tables, last.tables, strict=True):
        for key in now.spec.fields:
            if key not in before.spec.fields:
                continue
            a, b = numeric(before.value(key)), numeric(now.value(key))
            if isinstance(a, Decimal) or isinstance(b, Decimal):
                a, b = Decimal(a), Decimal(b)
            cells.append(CellChange(now.key, key, now.spec.location(key), a, b, phrase(b, a)))
    warnings: tuple[str, ...] = ()
    if last.meta.agency != this.meta.agency:
        warnings = (
            f"两份报告属于不同机关（“{last.meta.agency}”与“{this.meta.agency}”），"
            "同比与跨年度检查可能没有意义",
        )
    return Comparison(last, this, tuple(cells), tuple(check_against_previous(this, last)), warnings)
