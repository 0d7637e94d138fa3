"""Where everything goes in the workbook, derived only from the format declaration.

The writer puts each cell where this module says and the reader looks for it there, so
the two cannot disagree; neither knows a table's layout except through its ``TableSpec``.
A table sheet is the declaration's grid (same cells, same spans) below a title and a hint.
"""

from __future__ import annotations

from collections.abc import Iterable

from attrs import frozen
from openpyxl.utils import get_column_letter

from ..formats import FormatSpec, SectionSpec, TableSpec
from ..formats.declaration import CellKey, Data, Label, Placed
from ..inputs.schema import FIELD_LABELS, META_LABELS

GUIDE_SHEET = "填表说明"
META_SHEET = "基本信息"

TITLE_ROW = 1
"""Every sheet: the section title (merged across the table on table sheets)."""
HINT_ROW = 2
"""Every sheet: one line on how to fill it in."""
GRID_TOP = 3
"""Table sheets: the Excel row of the declaration's grid row 0."""
GRID_LEFT = 1
"""Table sheets: the Excel column (1 = A) of the declaration's grid column 0."""


def address(row: int, col: int) -> str:
    """The A1 address of a 1-based Excel row and column."""
    return f"{get_column_letter(col)}{row}"


def ref(sheet: str, addr: str) -> str:
    """A cell reference as written in messages: ``表三!D6``."""
    return f"{sheet}!{addr}"


@frozen
class LabelCell:
    """A printed label of a table, where the workbook holds it."""

    address: str
    """Its top-left cell, which holds the text."""
    text: str
    row_key: str | None
    """The data row it labels, if its grid row holds data cells (for machine paths)."""


@frozen
class TableLayout:
    """One table sheet: the declaration's grid at a fixed offset."""

    spec: TableSpec

    @property
    def sheet(self) -> str:
        return self.spec.name

    def address(self, key: CellKey) -> str:
        f = self.spec.fields[key]
        return address(f.row + GRID_TOP, f.col + GRID_LEFT)

    def ref(self, key: CellKey) -> str:
        return ref(self.sheet, self.address(key))

    def where(self, key: CellKey) -> str:
        """Address first, then the official location: ``表三!D6 表三 “一、…” × “自然人”``."""
        return f"{self.ref(key)} {self.spec.location(key)}"

    def span(self, placed: Placed) -> str:
        """The range a placed grid cell covers: ``A3:C5``, or its address alone."""
        top, left = placed.row + GRID_TOP, placed.col + GRID_LEFT
        first = address(top, left)
        cell = placed.cell
        if cell.rowspan == 1 and cell.colspan == 1:
            return first
        return f"{first}:{address(top + cell.rowspan - 1, left + cell.colspan - 1)}"

    @property
    def last_column(self) -> int:
        return GRID_LEFT + self.spec.width - 1

    @property
    def merged(self) -> tuple[str, ...]:
        """Every grid cell spanning more than one position, as the declaration spans it."""
        return tuple(
            self.span(p) for p in self.spec.placed if p.cell.rowspan > 1 or p.cell.colspan > 1
        )

    @property
    def labels(self) -> tuple[LabelCell, ...]:
        rows = {f.row: key[0] for key, f in self.spec.fields.items()}
        return tuple(
            LabelCell(address(p.row + GRID_TOP, p.col + GRID_LEFT), p.cell.text, rows.get(p.row))
            for p in self.spec.placed
            if isinstance(p.cell, Label)
        )

    def formula(self, key: CellKey) -> str:
        """The live formula of a derived cell: ``=SUM(D8:D29)`` over its declared parts."""
        rule = self.spec.derived[key]
        cells = [
            (self.spec.fields[p].row + GRID_TOP, self.spec.fields[p].col + GRID_LEFT)
            for p in rule.parts
        ]
        return "=SUM(" + ",".join(_runs(cells)) + ")"

    def input_cells(self) -> tuple[Placed, ...]:
        """The data cells staff fill in (every data cell but the derived totals)."""
        return tuple(
            p
            for p in self.spec.placed
            if isinstance(p.cell, Data) and (p.cell.row, p.cell.col) not in self.spec.derived
        )


def _runs(cells: Iterable[tuple[int, int]]) -> list[str]:
    """Consecutive cells in one row or one column as ranges (D8:D29), the rest alone."""
    runs: list[list[tuple[int, int]]] = []
    for cell in cells:
        if runs:
            run = runs[-1]
            step = (cell[0] - run[-1][0], cell[1] - run[-1][1])
            direction = (run[1][0] - run[0][0], run[1][1] - run[0][1]) if len(run) > 1 else step
            if step in ((1, 0), (0, 1)) and step == direction:
                run.append(cell)
                continue
        runs.append([cell])
    return [
        address(*run[0]) if len(run) == 1 else f"{address(*run[0])}:{address(*run[-1])}"
        for run in runs
    ]


# --- 基本信息 ------------------------------------------------------------------------------

META_HEADER = ("项目", "内容", "说明")
META_FIRST_ROW = HINT_ROW + 2
"""The Excel row of the first metadata item; labels in column A, values in column B."""


@frozen
class MetaItem:
    path: str
    """The input file's key path: ``agency``, ``contact.phone``."""
    label: str
    hint: str


META_ITEMS: tuple[MetaItem, ...] = (
    MetaItem("agency", META_LABELS["agency"], "机关全称，如 示例市教育局"),
    MetaItem("year", META_LABELS["year"], "报告所统计的年度，四位数字，如 2025"),
    MetaItem("format", META_LABELS["format"], "由程序按年度填写，请勿修改"),
    MetaItem("published", META_LABELS["published"], "年度报告发布日期，如 2026-01-31"),
    *(
        MetaItem(f"contact.{name}", f"{META_LABELS['contact']}·{FIELD_LABELS[name]}", hint)
        for name, hint in (
            ("address", "受理咨询的通信地址"),
            ("postcode", "六位数字"),
            ("phone", "如 010-12345678"),
            ("fax", "没有可留空"),
        )
    ),
    MetaItem("website", META_LABELS["website"], "发布年度报告的网站，如 edu.example.gov.cn"),
    MetaItem("sources", META_LABELS["sources"], "仅汇总多个机关的报告时填写，每行一个机关"),
)


def meta_row(path: str) -> int:
    return META_FIRST_ROW + next(i for i, m in enumerate(META_ITEMS) if m.path == path)


# --- 一、五、六 -----------------------------------------------------------------------------

PARAGRAPH = "段落"
HEADING = "小标题"
PROSE_HEADER = ("类型", "内容")
PROSE_KINDS = (PARAGRAPH, HEADING)

FEES = ("notices", "billed", "collected")
"""Section 六's 信息处理费 items, one row each, in column A (label) and B (value)."""
FEES_CAPTION = "信息处理费（按国办函〔2020〕109号；未发出收费通知可全部留空）"


@frozen
class ProseLayout:
    """A prose section's sheet: rows of (类型, 内容) below a header row."""

    key: str
    title: str
    has_fees: bool = False
    """Whether the sheet has the 信息处理费 block above the prose (section 六)."""

    @classmethod
    def of(cls, spec: SectionSpec) -> ProseLayout:
        return cls(spec.key, spec.title, spec.processing_fees)

    @property
    def sheet(self) -> str:
        return self.title

    @property
    def fees_caption_row(self) -> int:
        return HINT_ROW + 1

    def fee_row(self, name: str) -> int:
        return self.fees_caption_row + 1 + FEES.index(name)

    @property
    def header_row(self) -> int:
        # Section 六 has its fees block first, then a blank row.
        return self.fee_row(FEES[-1]) + 2 if self.has_fees else HINT_ROW + 1

    @property
    def first_row(self) -> int:
        return self.header_row + 1


def prose_layouts(fmt: FormatSpec) -> tuple[ProseLayout, ...]:
    return tuple(ProseLayout.of(s) for s in fmt.sections if s.table is None)


def sheet_names(fmt: FormatSpec) -> tuple[str, ...]:
    """Every sheet of a workbook of ``fmt``, in order: guide, metadata, then the sections."""
    sections = tuple(
        fmt.table(s.table).name if s.table else ProseLayout.of(s).sheet for s in fmt.sections
    )
    return (GUIDE_SHEET, META_SHEET, *sections)
