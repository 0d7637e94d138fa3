"""A table of the report laid out for output: the declaration's grid with the model's values.

Every renderer (docx, HTML, Markdown, text) draws from this one layout, so their rows,
columns and merges cannot drift apart from each other or from the format declaration.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from attrs import frozen

from ..formats.declaration import CellKey, Data, Empty, Label, TableSpec
from ..model import Money, Table, Value

Scope = Literal["col", "colgroup", "row", "rowgroup"] | None

FLAT_CORNER = "项目"
"""The heading of a flat table's label column where the official grid has none."""


@frozen
class Cell:
    """One cell as drawn: its text, where it starts, how far it spans, and what it is."""

    text: str
    row: int
    col: int
    rowspan: int
    colspan: int
    header: bool
    """A printed label (``<th>``), as opposed to a value or an empty cell."""
    scope: Scope
    """For headers: what the label heads (``<th scope>``)."""
    key: CellKey | None = None
    """For values: the model's cell key."""


@frozen
class Grid:
    """A laid-out table: ``rows[r]`` lists the cells that start in physical row ``r``."""

    table: Table
    rows: tuple[tuple[Cell, ...], ...]
    header_rows: int
    """How many leading rows hold only labels (repeated when the table breaks across pages)."""

    @property
    def spec(self) -> TableSpec:
        return self.table.spec

    @property
    def width(self) -> int:
        return self.spec.width

    def cells(self) -> tuple[Cell, ...]:
        return tuple(c for row in self.rows for c in row)


def format_value(value: Value) -> str:
    """A cell value as printed: integers plain, amounts as written, never a separator."""
    if isinstance(value, Money):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def layout(table: Table) -> Grid:
    """Lay ``table`` out on its format's grid."""
    spec = table.spec
    data_rows = {p.row for p in spec.placed if isinstance(p.cell, Data)}
    header_rows = min(data_rows) if data_rows else len(spec.rows)
    rows: list[list[Cell]] = [[] for _ in spec.rows]
    for p in spec.placed:
        cell = p.cell
        if isinstance(cell, Label):
            in_body = p.row in data_rows
            many = cell.rowspan > 1 if in_body else cell.colspan > 1
            scope: Scope
            if in_body:
                scope = "rowgroup" if many else "row"
            elif p.row == 0 and p.col == 0 and cell.rowspan > 1 and cell.colspan > 1:
                scope = None  # table 三's corner: the 勾稽 note, heading neither way
            else:
                scope = "colgroup" if many else "col"
            rows[p.row].append(
                Cell(cell.text, p.row, p.col, cell.rowspan, cell.colspan, True, scope)
            )
        elif isinstance(cell, Data):
            key = (cell.row, cell.col)
            text = format_value(table.value(key))
            rows[p.row].append(
                Cell(text, p.row, p.col, cell.rowspan, cell.colspan, False, None, key)
            )
        else:
            assert isinstance(cell, Empty)
            rows[p.row].append(Cell("", p.row, p.col, cell.rowspan, cell.colspan, False, None))
    return Grid(table, tuple(tuple(r) for r in rows), header_rows)


@frozen
class FlatTable:
    """A table for formats that cannot merge cells: one header row of full labels."""

    caption: str | None
    """The sub-table it shows (table 二: “第二十条第（一）项”), if any."""
    columns: tuple[str, ...]
    """The row-label column's heading, then each value column's full label."""
    rows: tuple[tuple[str, ...], ...]
    """Each row: its full label, then its values as printed."""


def flatten(table: Table) -> tuple[FlatTable, ...]:
    """``table`` as one or more flat tables: consecutive rows with the same columns and the
    same sub-table go together, and merged headers become full labels
    (“法人或其他组织·商业企业”)."""
    spec = table.spec
    groups: list[tuple[str | None, tuple[str, ...], list[str]]] = []
    for row in spec.row_keys:
        cols = spec.columns_of(row)
        block = spec.fields[row, cols[0]].block
        if groups and groups[-1][0] == block and groups[-1][1] == cols:
            groups[-1][2].append(row)
        else:
            groups.append((block, cols, [row]))
    result = []
    for block, cols, rows in groups:
        headers = []
        for col in cols:
            labels = {spec.fields[r, col].col_labels for r in rows}
            if len(labels) == 1:
                (full,) = labels
                trimmed = full[spec.col_label_skip :] if len(full) > spec.col_label_skip else full
                headers.append("·".join(trimmed))
            else:  # rows differ in their outer headers (table 四): those name the rows instead
                headers.append(spec.fields[rows[0], col].col_labels[-1])
        corner = "信息内容" if block else FLAT_CORNER
        result.append(
            FlatTable(
                block,
                (corner, *headers),
                tuple(
                    (spec.row_label(r), *(format_value(table.value((r, c))) for c in cols))
                    for r in rows
                ),
            )
        )
    return tuple(result)
