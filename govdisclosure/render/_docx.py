"""docx: one Jinja template for ``word/document.xml``, zipped with the parts of a template docx.

Building the document through python-docx's object model, or filling a docxtpl template,
costs from tens to hundreds of milliseconds per report (``benchmarks/render.py``); writing
the one part that changes as text and copying the rest costs about a millisecond. The
template package ``report.docx`` (built by ``tools/build_docx_template.py``) supplies the
styles, footers, settings and theme; ``document.xml.j2`` writes the body, and
``table.xml.j2`` each table in it. All are looked up through :class:`Templates`, so a user's
template directory can replace any of them.

The tables are laid out here rather than in the template, because Word cannot take the
declaration's merges as they are: a row-spanning cell must be repeated, as a ``vMerge``
continuation, in every row it covers, and every cell needs its width.

Everything but the values depends on the format alone, and is done once: the layout of each
table, the table's XML (the built-in ``table.xml.j2`` is rendered once per format, with slots
that each report's values fill), and the compression of the package's parts other than
``word/document.xml``. Per report, the body is rendered, compressed and appended.
"""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Sequence
from typing import Literal

from attrs import evolve, frozen

from ..formats import SectionKey
from ..model import Table
from ..textwidth import width as textwidth
from .document import Document, RenderError
from .grid import SLOTS, Shape, per_spec, shape
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
    SectionKey.TABLE2: (3, 2, 2, 2),
    # Three label columns (the long （六）1./2. labels wrap to three lines), then seven data
    # columns of two 五号 characters each, enough for a five-digit count.
    SectionKey.TABLE3: (760, 1100, 2504, 640, 640, 640, 640, 640, 640, 640),
    SectionKey.TABLE4: (1,) * 15,
}
"""Relative column widths by table; a table whose width differs gets equal columns."""

CELL_MARGIN = 57
"""Left and right cell padding in twips (1 mm): narrow columns keep two characters a line."""
TABLE_FONT_SIZE = 210
"""The tables' 五号 (10.5 pt) in twips, as set by the TableText style of report.docx."""

KEEP_TOGETHER = frozenset({SectionKey.TABLE2, SectionKey.TABLE4})
"""Tables kept on one page. Table 二's blocks each have their own column heads, so after a
page break its repeated header rows would head the wrong rows; table 四 is four rows."""


@frozen
class DocxCell:
    """A ``w:tc``: either a grid cell, or a ``vMerge`` continuation of one in a row below."""

    text: str
    """A label's text; in a value cell, its slot (``grid.slot``) or, filled, its value."""
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


@frozen(eq=False)  # a stencil's cache key, by identity (see Templates.stencil)
class DocxTable:
    widths: tuple[int, ...]
    rows: tuple[DocxRow, ...]
    cell_margin: int = CELL_MARGIN

    @property
    def width(self) -> int:
        return sum(self.widths)

    def filled(self, texts: Sequence[str]) -> DocxTable:
        """The table with its slots replaced by ``texts``, for a table template of the user's
        own, which is rendered with the values (``Templates.stencil``)."""

        def fill(cell: DocxCell) -> DocxCell:
            found = SLOTS.fullmatch(cell.text)
            return cell if found is None else evolve(cell, text=texts[int(found[1])])

        rows = tuple(evolve(row, cells=tuple(fill(c) for c in row.cells)) for row in self.rows)
        return evolve(self, rows=rows)


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


def table_layout(grid: Shape, text_width: int = PAGE.text_width) -> DocxTable:
    """The grid as Word rows: spans and widths on every cell, continuations where rows merge;
    each value cell's text is its slot."""
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
                # Only labels wrap: a value is a number, on one line (its text is a slot).
                rows_needed = min(cell.rowspan, _lines(cell.text if cell.header else "", width))
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


_layout = per_spec(lambda spec: table_layout(shape(spec)))
"""A table declaration's layout on the page of the built-in template, laid out once."""


@functools.lru_cache(maxsize=8)
def _package(path: str, mtime_ns: int, size: int) -> bytes:
    """The template's parts but ``word/document.xml``, as a zip archive, read and compressed
    once per version of the file (mtime and size are the key): a rendered docx is this
    archive with the body appended."""
    try:
        with zipfile.ZipFile(path) as zf:
            parts = [(info.filename, zf.read(info)) for info in zf.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError) as exc:
        raise RenderError(f"docx 模板 {path} 无法读取：{exc}") from None
    names = [name for name, _ in parts]
    for required in (CONTENT_TYPES, DOCUMENT_PART):
        if required not in names:
            raise RenderError(f"docx 模板 {path} 缺少 {required}")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        # [Content_Types].xml first: some readers sniff the package from its first entry.
        for name, data in sorted(parts, key=lambda p: p[0] != CONTENT_TYPES):
            if name != DOCUMENT_PART:
                zf.writestr(_entry(name), data)
    return out.getvalue()


def _entry(name: str) -> zipfile.ZipInfo:
    # Fixed timestamp and mode: the same report gives the same bytes.
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o100644 << 16
    return info


def _table(table: Table, templates: Templates) -> bytes:
    """The table's ``w:tbl`` (UTF-8): the built-in template's, drawn once per format, filled."""
    layout, slots = _layout(table.spec), shape(table.spec)
    stencil = templates.stencil("table.xml.j2", layout, len(slots.keys), table=layout)
    if stencil is not None:
        return stencil.fill(slots.markup(table))
    filled = layout.filled(slots.texts(table))
    return templates.render("table.xml.j2", table=filled).encode("utf-8")


def render(doc: Document, templates: Templates) -> bytes:
    """The report as a docx package."""
    template = templates.find("report.docx")
    stat = template.stat()
    package = _package(str(template), stat.st_mtime_ns, stat.st_size)
    tables = {s.key: _table(s.table, templates) for s in doc.sections if s.table is not None}
    body = templates.render_with("document.xml.j2", tables, "tables", doc=doc, page=PAGE)
    out = io.BytesIO(package)
    with zipfile.ZipFile(out, "a") as zf:  # the parts as compressed once, then the body
        zf.writestr(_entry(DOCUMENT_PART), body)
    return out.getvalue()
