"""A table of the report laid out for output: the declaration's grid with the model's values.

Every renderer (docx, HTML, Markdown, text) draws from this one layout, so their rows,
columns and merges cannot drift apart from each other or from the format declaration.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Literal, TypeVar

from attrs import frozen
from markupsafe import escape

from ..formats.declaration import CellKey, Data, Empty, Label, TableSpec
from ..model import Money, Table, Value
from .safe import clean

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


# A value cell's place in a Shape: characters of Unicode's private use area, which no label,
# template or escaping produces or changes, around the value's number.
_SLOT = "\ue000{}\ue001"
SLOTS = re.compile("\ue000([0-9]+)\ue001")
"""Finds the slots in a template's output: group 1 is the slot's number."""


def slot(n: int) -> str:
    """The text that stands for the value of slot ``n`` (``Shape.keys[n]``)."""
    return _SLOT.format(n)


@frozen(eq=False)  # a stencil's cache key, by identity (see Templates.stencil)
class Shape:
    """A table laid out on its format's grid without its values: everything about the layout
    that depends on the format alone, computed once per format by :func:`shape`.

    Each value cell's text is its slot (:func:`slot`), so that a template can be rendered
    once over the shape and its output filled with each report's values
    (``templates.Stencil``).
    """

    spec: TableSpec
    rows: tuple[tuple[Cell, ...], ...]
    header_rows: int
    keys: tuple[CellKey, ...]
    """The value cells in reading order: slot ``n`` holds the value of ``keys[n]``."""

    @property
    def width(self) -> int:
        return self.spec.width

    def cells(self) -> tuple[Cell, ...]:
        return tuple(c for row in self.rows for c in row)

    def texts(self, table: Table) -> list[str]:
        """``table``'s values as printed, slot by slot."""
        # Most values are counts (ints, or ints that remember how they were written): str(),
        # without format_value's type tests.
        return [
            str(v) if isinstance(v, int) else format_value(v) for v in map(table.value, self.keys)
        ]

    def markup(self, table: Table) -> list[bytes]:
        """Like :meth:`texts`, as UTF-8 ready for HTML or XML: a count's digits need no
        escaping (and there are hundreds of them); anything else (an amount with its unit)
        is cleaned and escaped."""
        out = []
        for text in self.texts(table):
            if text.isdecimal():
                out.append(text.encode("ascii"))
            else:
                out.append(str(escape(clean(text))).encode("utf-8"))
        return out


def _shape(spec: TableSpec) -> Shape:
    data_rows = {p.row for p in spec.placed if isinstance(p.cell, Data)}
    header_rows = min(data_rows) if data_rows else len(spec.rows)
    rows: list[list[Cell]] = [[] for _ in spec.rows]
    keys: list[CellKey] = []
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
            rows[p.row].append(
                Cell(slot(len(keys)), p.row, p.col, cell.rowspan, cell.colspan, False, None, key)
            )
            keys.append(key)
        else:
            assert isinstance(cell, Empty)
            rows[p.row].append(Cell("", p.row, p.col, cell.rowspan, cell.colspan, False, None))
    return Shape(spec, tuple(tuple(r) for r in rows), header_rows, tuple(keys))


_T = TypeVar("_T")


def per_spec(build: Callable[[TableSpec], _T]) -> Callable[[TableSpec], _T]:
    """``build`` computed once per table declaration.

    Looked up by the declaration's identity: hashing a declaration (a few hundred nested
    cells) would cost more than some of what is cached. The declaration is kept with its
    entry, so that its id cannot be reused by another while the entry lives.
    """
    cache: dict[int, tuple[TableSpec, _T]] = {}

    def cached(spec: TableSpec) -> _T:
        hit = cache.get(id(spec))
        if hit is not None and hit[0] is spec:
            return hit[1]
        if len(cache) >= _PER_SPEC_LIMIT:  # declarations made on the fly, as tests do
            cache.clear()
        made = build(spec)
        cache[id(spec)] = (spec, made)
        return made

    return cached


_PER_SPEC_LIMIT = 64
"""Entries per cache: the built-in formats have six tables."""

shape = per_spec(_shape)
"""The :class:`Shape` of a table declaration, computed once."""


def layout(table: Table) -> Grid:
    """Lay ``table`` out on its format's grid."""
    s = shape(table.spec)
    texts = iter(s.texts(table))
    rows = tuple(
        tuple(
            c
            if c.key is None
            else Cell(next(texts), c.row, c.col, c.rowspan, c.colspan, False, None, c.key)
            for c in row
        )
        for row in s.rows
    )
    return Grid(table, rows, s.header_rows)


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
