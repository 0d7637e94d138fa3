"""docx: one Jinja template for ``word/document.xml``, zipped with the parts of a template docx.

Building the document through python-docx's object model, or filling a docxtpl template,
costs from tens to hundreds of milliseconds per report (``benchmarks/render.py``); writing
the one part that changes as text and copying the rest costs a few. The
template package ``report.docx`` (built by ``tools/build_docx_template.py``) supplies the
styles, footers, settings and theme; ``document.xml.j2`` writes the body. Both are looked up
through :class:`Templates`, so a user's template directory can replace either.

The tables are laid out here rather than in the template, because Word cannot take the
declaration's merges as they are: a row-spanning cell must be repeated, as a ``vMerge``
continuation, in every row it covers, and every cell needs its width.
"""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Sequence
from typing import Literal

from attrs import frozen

from ..textwidth import width as textwidth
from .document import Document, RenderError, clean
from .grid import Grid
from .templates import Templates

DOCUMENT_PART = "word/document.xml"
CONTENT_TYPES = "[Content_Types].xml"


@frozen
class Page:
    """The page in twips: A4 with the margins of GB/T 9704-2012 (天头 37 mm, 订口 28 mm,
    版心 156 × 225 mm)."""

    width: int = 11906
    height: int = 16838
    top: int = 2098
    bottom: int = 1984
    left: int = 1588
    right: int = 1474
    header: int = 851
    footer: int = 1304
    """From the page edge to the page number: its top ends up about 7 mm below the text."""

    @property
    def text_width(self) -> int:
        return self.width - self.left - self.right


PAGE = Page()

COLUMN_WEIGHTS: dict[str, tuple[int, ...]] = {
    # The row-label column wide enough for “其他对外管理服务事项” on one line.
    "table2": (3, 2, 2, 2),
    # Three label columns (the long （六）1./2. labels wrap to three lines), then seven data
    # columns of two 五号 characters each, enough for a five-digit count.
    "table3": (760, 1100, 2504, 640, 640, 640, 640, 640, 640, 640),
    "table4": (1,) * 15,
}
"""Relative column widths by table; a table whose width differs gets equal columns."""

CELL_MARGIN = 57
"""Left and right cell padding in twips (1 mm): narrow columns keep two characters a line."""
TABLE_FONT_SIZE = 210
"""The tables' 五号 (10.5 pt) in twips, as set by the TableText style of report.docx."""

KEEP_TOGETHER = frozenset({"table2", "table4"})
"""Tables kept on one page. Table 二's blocks each have their own column heads, so after a
page break its repeated header rows would head the wrong rows; table 四 is four rows."""


@frozen
class DocxCell:
    """A ``w:tc``: either a grid cell, or a ``vMerge`` continuation of one in a row below."""

    text: str
    col: int
    width: int
    """In twips: the sum of the grid columns it spans."""
    colspan: int
    merge: Literal["restart", "continue"] | None
    align: Literal["center", "left"]
    label: bool
    """A printed label, as opposed to a value or an empty cell (for templates that style
    them apart)."""


@frozen
class DocxRow:
    cells: tuple[DocxCell, ...]
    header: bool
    """Repeated at the top of each page the table continues on."""
    keep: bool
    """Kept on the same page as the next row."""


@frozen
class DocxTable:
    widths: tuple[int, ...]
    rows: tuple[DocxRow, ...]
    cell_margin: int = CELL_MARGIN

    @property
    def width(self) -> int:
        return sum(self.widths)


def column_widths(weights: Sequence[int], total: int) -> tuple[int, ...]:
    """Whole twips in proportion to ``weights`` that add up to exactly ``total``
    (largest remainder first, leftmost on ties)."""
    whole = sum(weights)
    exact = [w * total for w in weights]
    widths = [e // whole for e in exact]
    short = total - sum(widths)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(exact[i] % whole), i))
    for i in by_remainder[:short]:
        widths[i] += 1
    return tuple(widths)


def _lines(text: str, width: int) -> int:
    """How many lines ``text`` takes in a table cell ``width`` twips wide (at least one)."""
    columns = max(1, (width - 2 * CELL_MARGIN) * 2 // TABLE_FONT_SIZE)  # half-width columns
    return max(1, -(-textwidth(text) // columns))


def table_layout(grid: Grid, text_width: int = PAGE.text_width) -> DocxTable:
    """The grid as Word rows: spans and widths on every cell, continuations where rows merge."""
    weights = COLUMN_WEIGHTS.get(grid.spec.key, ())
    if len(weights) != grid.width:
        weights = (1,) * grid.width
    widths = column_widths(weights, text_width)
    rows: list[list[DocxCell]] = [[] for _ in grid.rows]
    for cell in grid.cells():
        width = sum(widths[cell.col : cell.col + cell.colspan])
        # Labels naming a single row read from the left; column heads, merged group labels
        # and numbers are centred, as in the official form.
        align: Literal["center", "left"] = "left" if cell.scope == "row" else "center"
        merge: Literal["restart"] | None = "restart" if cell.rowspan > 1 else None
        rows[cell.row].append(
            DocxCell(cell.text, cell.col, width, cell.colspan, merge, align, cell.header)
        )
        for r in range(cell.row + 1, cell.row + cell.rowspan):
            rows[r].append(
                DocxCell("", cell.col, width, cell.colspan, "continue", align, cell.header)
            )
    last = len(rows) - 1
    if grid.spec.key in KEEP_TOGETHER:
        keep = set(range(last))
    else:
        # Header rows never end a page on their own, and a label spanning rows starts on a
        # page with as many of its rows as it has lines (“三、本/年度办/理结果”: three), so
        # that a page break does not cut it off after its first line.
        keep = set(range(grid.header_rows))
        for cell in grid.cells():
            if cell.row >= grid.header_rows and cell.rowspan > 1:
                width = sum(widths[cell.col : cell.col + cell.colspan])
                rows_needed = min(cell.rowspan, _lines(cell.text, width))
                keep.update(range(cell.row, cell.row + rows_needed - 1))
    return DocxTable(
        widths,
        tuple(
            DocxRow(
                tuple(sorted(cells, key=lambda c: c.col)),
                header=r < grid.header_rows,
                keep=r in keep and r < last,
            )
            for r, cells in enumerate(rows)
        ),
    )


@functools.lru_cache(maxsize=8)
def _package(path: str, mtime_ns: int, size: int) -> tuple[tuple[zipfile.ZipInfo, bytes], ...]:
    """The template's parts, read once per version of the file (mtime and size are the key)."""
    try:
        with zipfile.ZipFile(path) as zf:
            parts = tuple((info, zf.read(info)) for info in zf.infolist() if not info.is_dir())
    except (zipfile.BadZipFile, OSError) as exc:
        raise RenderError(f"docx 模板 {path} 无法读取：{exc}") from None
    names = [info.filename for info, _ in parts]
    for required in (CONTENT_TYPES, DOCUMENT_PART):
        if required not in names:
            raise RenderError(f"docx 模板 {path} 缺少 {required}")
    # [Content_Types].xml first: some readers sniff the package from its first entry.
    return tuple(sorted(parts, key=lambda p: p[0].filename != CONTENT_TYPES))


def _entry(name: str) -> zipfile.ZipInfo:
    # Fixed timestamp and mode: the same report gives the same bytes.
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o100644 << 16
    return info


def render(doc: Document, templates: Templates) -> bytes:
    """The report as a docx package."""
    template = templates.find("report.docx")
    stat = template.stat()
    parts = _package(str(template), stat.st_mtime_ns, stat.st_size)
    # Text reaching the XML must not hold characters XML 1.0 forbids; the template passes
    # every text node through this filter (user templates get it too).
    templates.env.filters.setdefault("xmltext", clean)
    tables = {s.key: table_layout(s.grid) for s in doc.sections if s.grid is not None}
    body = templates.render("document.xml.j2", doc=doc, tables=tables, page=PAGE)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in parts:
            if info.filename == DOCUMENT_PART:
                zf.writestr(_entry(DOCUMENT_PART), body.encode("utf-8"))
            else:
                zf.writestr(_entry(info.filename), data)
    return out.getvalue()
