"""The vocabulary in which each official format version is declared.

A format version is data: its section titles, and for each statistical table a grid
of cells (labels, data cells and empty cells, with their row and column spans, listed
row by row as in HTML) plus the arithmetic that ties the data cells together. The
model, validation, renderers and readers are all driven from these declarations, so
a correction to the official layout is a one-line change here.

Everything a consumer needs that follows from the grid (the physical position of every
cell, the official row and column labels of every data cell) is derived once, when the
declaration is built, instead of being written down a second time.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TypeAlias, TypeVar

from attrs import field, frozen

from ..rules import RuleId
from ..sections import SectionKey as SectionKey  # re-exported: declared with the formats

CellKey = tuple[str, str]
"""A data cell's stable identity: (row key, column key), e.g. ``("new", "total")``."""


class Kind(enum.Enum):
    """What a data cell holds."""

    COUNT = "count"
    """A non-negative whole number."""
    DELTA = "delta"
    """A whole number that may be negative (2019 format 本年增/减)."""
    WANYUAN = "wanyuan"
    """A non-negative amount in 万元, decimals allowed (2021 format 本年收费金额)."""
    MONEY = "money"
    """A non-negative amount with the agency's own unit, 元 or 万元 (2019 format 采购总金额)."""

    @property
    def wording(self) -> str:
        """What such a cell holds, as messages and prompts say it: “非负整数”."""
        return _KIND_WORDING[self]


_KIND_WORDING = {
    Kind.COUNT: "非负整数",
    Kind.DELTA: "整数（减少用负数）",
    Kind.WANYUAN: "以万元为单位的非负金额",
    Kind.MONEY: "非负金额（可带单位“元”或“万元”）",
}


@frozen
class Label:
    """A printed label cell of the official table."""

    text: str
    rowspan: int = 1
    colspan: int = 1


@frozen
class Data:
    """A data cell; ``row`` and ``col`` are its stable keys, not its position."""

    row: str
    col: str
    kind: Kind = Kind.COUNT
    rowspan: int = 1
    colspan: int = 1


@frozen
class Empty:
    """A cell printed empty in the official table."""

    rowspan: int = 1
    colspan: int = 1


GridCell: TypeAlias = Label | Data | Empty


@frozen
class Sum:
    """``target`` equals the sum of ``parts``; the target may be omitted and is then computed."""

    rule: RuleId = field(converter=RuleId)
    target: CellKey
    parts: tuple[CellKey, ...]


@frozen
class Balance:
    """The sum of ``left`` equals the sum of ``right`` (table 三's own 勾稽 note)."""

    rule: RuleId = field(converter=RuleId)
    column: str
    left: tuple[CellKey, ...]
    right: tuple[CellKey, ...]


@frozen
class CarryOver:
    """A table row that continues a row of last year's report: this year's ``row`` equals
    last year's ``previous`` row of the same table, column by column (S1)."""

    rule: RuleId = field(converter=RuleId)
    table: str
    row: str
    previous: str


@frozen
class Stock:
    """A count of what is in force, for each of ``rows``: this year's ``stock`` column is last
    year's plus this year's ``added`` less its ``removed`` (S2)."""

    rule: RuleId = field(converter=RuleId)
    table: str
    rows: tuple[str, ...]
    stock: str
    added: str
    removed: str


@frozen
class FeeNotices:
    """A cell counting applications dropped for an unpaid fee, which implies fee notices
    reported in the section ``section`` (S5)."""

    rule: RuleId = field(converter=RuleId)
    table: str
    dropped: CellKey
    section: str


Relation: TypeAlias = CarryOver | Stock | FeeNotices
"""A rule that ties a table to something outside it: last year's report, a prose section."""
R = TypeVar("R", CarryOver, Stock, FeeNotices)


@frozen
class Placed:
    """A grid cell at its physical position (0-based row and column of its top-left corner)."""

    cell: GridCell
    row: int
    col: int


@frozen
class Field:
    """A data cell with everything derived from its place in the grid."""

    key: CellKey
    kind: Kind
    row: int
    col: int
    block: str | None
    """The caption of the sub-table it belongs to (table 二: “第二十条第（一）项”)."""
    row_labels: tuple[str, ...]
    """Official labels to its left, outermost first."""
    col_labels: tuple[str, ...]
    """Official labels above it, outermost first."""


@frozen
class TableSpec:
    """One official statistical table of one format version."""

    key: SectionKey
    """Stable identifier, also the key of its section and of the input file:
    :attr:`SectionKey.TABLE2`, :attr:`SectionKey.TABLE3`, :attr:`SectionKey.TABLE4`."""
    name: str
    """Short official name used in messages: ``表三``."""
    width: int
    """Number of physical grid columns."""
    rows: tuple[tuple[GridCell, ...], ...]
    """The grid: each row lists the cells that start in it, left to right."""
    sums: tuple[Sum, ...] = ()
    balances: tuple[Balance, ...] = ()
    row_label_skip: int = 0
    """Outer row labels left out of messages when a row has more than this many."""
    col_label_skip: int = 0
    """Outer column labels left out of messages likewise (“申请人情况”)."""
    variants: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Other wordings of a printed label that published reports use for the same row, by
    official label: (“（七）总计”, (“（七）合计”,)). Readers accept them silently."""

    placed: tuple[Placed, ...] = field(init=False, eq=False, repr=False)
    fields: Mapping[CellKey, Field] = field(init=False, eq=False, repr=False)
    row_keys: tuple[str, ...] = field(init=False, eq=False, repr=False)
    derived: Mapping[CellKey, Sum] = field(init=False, eq=False, repr=False)
    """The first sum that computes each derivable cell (a total)."""
    _columns: Mapping[str, tuple[str, ...]] = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        placed = _place(self.rows, self.width)
        fields = _fields(placed, self.width)
        derived: dict[CellKey, Sum] = {}
        for rule in self.sums:
            derived.setdefault(rule.target, rule)
        for key in (*derived, *(p for s in self.sums for p in s.parts)):
            if key not in fields:
                raise ValueError(f"{self.key}: sum rule names unknown cell {key}")
        object.__setattr__(self, "placed", placed)
        object.__setattr__(self, "fields", MappingProxyType(fields))
        object.__setattr__(self, "row_keys", tuple(dict.fromkeys(k[0] for k in fields)))
        object.__setattr__(self, "derived", MappingProxyType(derived))
        columns: dict[str, list[str]] = {}
        for row, col in fields:
            columns.setdefault(row, []).append(col)
        object.__setattr__(
            self, "_columns", MappingProxyType({r: tuple(c) for r, c in columns.items()})
        )

    def wordings(self, label: str) -> tuple[str, ...]:
        """An official label and the variants declared for it."""
        return (label, *dict(self.variants).get(label, ()))

    def columns_of(self, row: str) -> tuple[str, ...]:
        """The column keys of ``row``, in grid order."""
        return self._columns.get(row, ())

    def location(self, key: CellKey) -> str:
        """The official location: 表三 “（三）不予公开 6.属于四类过程性信息” × “自然人”."""
        f = self.fields[key]
        parts = [self.name]
        if f.block:
            parts.append(f.block)
        row = _trim(f.row_labels, self.row_label_skip)
        col = _trim(f.col_labels, self.col_label_skip)
        if row:
            parts.append("“" + " ".join(row) + "”")
        if row and col:
            parts.append("×")
        if col:
            parts.append("“" + "·".join(col) + "”")
        return " ".join(parts)

    def row_label(self, row: str) -> str:
        """A row's official label, e.g. “（三）不予公开 6.属于四类过程性信息”; for table 四,
        whose rows are column groups, the group (“行政诉讼·未经复议直接起诉”)."""
        f = self.fields[row, self.columns_of(row)[0]]
        labels = _trim(f.row_labels, self.row_label_skip)
        if labels:
            return " ".join(labels)
        return "·".join(f.col_labels[:-1])

    def row_location(self, row: str) -> str:
        """A row's official location: 表二 第二十条第（五）项 “行政许可”."""
        block = self.fields[row, self.columns_of(row)[0]].block
        return " ".join(x for x in (self.name, block, f"“{self.row_label(row)}”") if x)

    def column_label(self, col: str, row: str | None = None) -> str:
        """The official label of a column key as used in messages (“自然人”). In 表四 a column
        key stands in each group (结果维持 of 行政复议 and of 行政诉讼): ``row`` names the group;
        without it, the column's first cell."""
        f = (
            self.fields[row, col]
            if row is not None
            else next(f for (_, c), f in self.fields.items() if c == col)
        )
        return "·".join(_trim(f.col_labels, self.col_label_skip))


@frozen
class SectionSpec:
    """One of the six sections of the report."""

    key: SectionKey
    title: str
    table: str | None = None
    """The key of the table that forms the section, or None for prose."""
    aliases: tuple[str, ...] = ()
    """Titles agencies use instead; accepted with a warning."""
    processing_fees: bool = False
    """Whether the section may state the 信息处理费 in structured form (section 六)."""


@frozen
class FormatSpec:
    """One official format version."""

    version: str
    name: str
    document: str
    first_year: int
    last_year: int | None
    sections: tuple[SectionSpec, ...]
    tables: tuple[TableSpec, ...]
    relations: tuple[Relation, ...] = ()
    """The rules that tie a table to last year's report or to a section (S1, S2, S5), with the
    cells they relate; a rule the version does not declare is not checked on its reports."""

    def __attrs_post_init__(self) -> None:
        tables: dict[str, TableSpec] = {t.key: t for t in self.tables}
        for relation in self.relations:
            if relation.table not in tables:
                raise ValueError(f"{self.version}: {relation.rule} names unknown table")
            table = tables[relation.table]
            cells: list[CellKey]
            if isinstance(relation, CarryOver):
                rows = (relation.row, relation.previous)
                cells = [(r, "?") for r in rows if not table.columns_of(r)]
            elif isinstance(relation, Stock):
                columns = (relation.stock, relation.added, relation.removed)
                cells = [(r, c) for r in relation.rows for c in columns]
            else:
                cells = [relation.dropped]
                if relation.section not in {s.key for s in self.sections}:
                    raise ValueError(f"{self.version}: {relation.rule} names unknown section")
            unknown = [k for k in cells if k not in table.fields]
            if unknown:
                raise ValueError(f"{self.version}: {relation.rule} names unknown cells {unknown}")

    def relation(self, kind: type[R]) -> R | None:
        """The version's declaration of a rule of this kind, if it declares one."""
        return next((r for r in self.relations if isinstance(r, kind)), None)

    def table(self, key: str) -> TableSpec:
        return next(t for t in self.tables if t.key == key)

    def section(self, key: str) -> SectionSpec:
        return next(s for s in self.sections if s.key == key)

    def covers(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)


def row_sums(
    rule: RuleId, rows: Iterable[str], parts: tuple[str, ...], total: str
) -> tuple[Sum, ...]:
    """For each row, its ``total`` column is the sum of its ``parts`` columns."""
    return tuple(Sum(rule, (r, total), tuple((r, c) for c in parts)) for r in rows)


def column_sums(
    rule: RuleId, cols: Iterable[str], parts: tuple[str, ...], total: str
) -> tuple[Sum, ...]:
    """For each column, its ``total`` row is the sum of its ``parts`` rows."""
    return tuple(Sum(rule, (total, c), tuple((r, c) for r in parts)) for c in cols)


def _trim(labels: tuple[str, ...], skip: int) -> tuple[str, ...]:
    return labels[skip:] if len(labels) > skip else labels


def _place(rows: tuple[tuple[GridCell, ...], ...], width: int) -> tuple[Placed, ...]:
    """Lay the cells out as an HTML table would: each at the next position not yet covered."""
    taken: set[tuple[int, int]] = set()
    placed: list[Placed] = []
    for r, cells in enumerate(rows):
        c = 0
        for cell in cells:
            while (r, c) in taken:
                c += 1
            if c + cell.colspan > width or r + cell.rowspan > len(rows):
                raise ValueError(f"grid cell {cell} at ({r}, {c}) overflows the table")
            placed.append(Placed(cell, r, c))
            taken.update(
                (r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)
            )
            c += cell.colspan
    missing = {(r, c) for r in range(len(rows)) for c in range(width)} - taken
    if missing:
        raise ValueError(f"grid positions not covered by any cell: {sorted(missing)}")
    return tuple(placed)


def _fields(placed: tuple[Placed, ...], width: int) -> dict[CellKey, Field]:
    at: dict[tuple[int, int], Placed] = {}
    for p in placed:
        for dr in range(p.cell.rowspan):
            for dc in range(p.cell.colspan):
                at[p.row + dr, p.col + dc] = p
    fields: dict[CellKey, Field] = {}
    for p in placed:
        if not isinstance(p.cell, Data):
            continue
        key = (p.cell.row, p.cell.col)
        if key in fields:
            raise ValueError(f"data cell {key} declared twice")
        row_labels = _unique(
            q.cell.text
            for c in range(p.col)
            if isinstance((q := at[p.row, c]).cell, Label) and q.cell.colspan < width
        )
        col_labels: list[str] = []
        block = None
        seen_label = False
        for r in range(p.row - 1, -1, -1):
            q = at[r, p.col]
            if isinstance(q.cell, Label):
                seen_label = True
                if q.cell.colspan == width:
                    block = q.cell.text
                    break
                if q.cell.text not in col_labels:
                    col_labels.insert(0, q.cell.text)
            elif seen_label:
                break
        fields[key] = Field(key, p.cell.kind, p.row, p.col, block, row_labels, tuple(col_labels))
    return fields


def _unique(texts: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(texts))
