"""A report's cells and a file's findings as dataset rows.

:func:`cell_rows` runs in the worker and sends back only what varies between reports (the
cell's key, status and value); :class:`Labels` adds the official labels in the parent, from
the format declaration, once per cell key.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import overload

from ..batch import CellRow, Outcome
from ..findings import FindingValue
from ..formats import CellKey, Kind, TableSpec, get_format
from ..model import Blank, Money, Report, Table

STATUSES = ("stated", "computed", "blank", "missing", "unread")
"""A cell is stated (a number), computed (a total the report left out), blank (stated with
“/”, “-”, “无” or nothing), missing (neither stated nor derivable) or unread (printed, but a
reader could not read it for certain)."""


def cell_rows(report: Report) -> tuple[CellRow, ...]:
    """Every data cell of the report's three tables, in declaration order."""
    return tuple(row for table in report.tables for row in _table_rows(table))


def _table_rows(table: Table) -> Iterator[CellRow]:
    spec = table.spec
    for key, field in spec.fields.items():
        unit = "万元" if field.kind is Kind.WANYUAN else None
        stated = table.stated.get(key)
        if key in table.unread:
            yield CellRow(spec.key, *key, "unread", None, None, unit)
        elif isinstance(stated, Blank):
            yield CellRow(spec.key, *key, "blank", stated.text, None, unit)
        elif isinstance(stated, Money):
            amount = stated.amount
            yield CellRow(
                spec.key, *key, "stated", text(amount), float(amount), stated.unit or None
            )
        elif stated is not None:
            yield CellRow(spec.key, *key, "stated", text(stated), float(stated), unit)
        elif key in spec.derived:
            total = table.computed[key]
            yield CellRow(spec.key, *key, "computed", text(total), float(total), unit)
        else:
            yield CellRow(spec.key, *key, "missing", None, None, unit)


@cache
def labels(version: str, table: str, row: str, column: str) -> tuple[str, str, str, str]:
    """The table's name, and the cell's official row label, column label and location."""
    spec = get_format(version).table(table)
    key = (row, column)
    return spec.name, spec.row_label(row), _column_label(spec, key), spec.location(key)


def _column_label(spec: TableSpec, key: CellKey) -> str:
    field = spec.fields[key]
    if field.row_labels:
        return spec.column_label(key[1])
    # Table 四 has no row labels: its rows are column groups (行政复议, 行政诉讼·…), which
    # row_label() names. column_label() names a column by its first group, so here the
    # column is the cell's own last label (“结果维持”).
    return field.col_labels[-1]


@overload
def text(value: int | Decimal) -> str: ...
@overload
def text(value: FindingValue) -> str | None: ...
def text(value: FindingValue) -> str | None:
    """A value exactly as text: a number as written (never 1E+1), or a finding's words."""
    if value is None:
        return None
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def finding_rows(outcome: Outcome) -> Iterator[tuple[object, ...]]:
    """The outcome's findings as rows of the findings table."""
    who = outcome.report
    agency, year, version = (who.agency, who.year, who.version) if who else (None, None, None)
    for f in outcome.findings:
        yield (
            outcome.file,
            agency,
            year,
            version,
            f.rule,
            f.severity.value,
            f.path,
            f.location,
            text(f.stated),
            text(f.computed),
            f.message,
        )


def expanded_cells(outcome: Outcome) -> Iterator[tuple[object, ...]]:
    """The outcome's cells as rows of the cells table."""
    who = outcome.report
    if who is None:
        return
    for c in outcome.cells:
        name, row_label, column_label, location = labels(who.version, c.table, c.row, c.column)
        yield (
            outcome.file,
            who.agency,
            who.year,
            who.version,
            c.table,
            name,
            c.row,
            c.column,
            row_label,
            column_label,
            location,
            c.status,
            c.text,
            c.value,
            c.unit,
        )
