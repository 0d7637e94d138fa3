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
``word/document.xml`` and the core properties. Per report, the body and the core properties
(``docProps/core.xml``: the report's title, the agency as author, the publication date) are
written, compressed and appended.
"""

from __future__ import annotations

import datetime
import functools
import io
import zipfile
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal
from xml.sax.saxutils import escape

from attrs import evolve, frozen

from ..formats import SectionKey
from ..model import Table
from ..textwidth import width as textwidth
from .document import Document, RenderError
from .grid import SLOTS, Shape, per_spec, shape
from .safe import clean
from .templates import Templates

if TYPE_CHECKING:
    from lxml import etree

DOCUMENT_PART = "word/document.xml"
CONTENT_TYPES = "[Content_Types].xml"
PACKAGE_RELS = "_rels/.rels"
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CORE_PART = "docProps/core.xml"
"""Where the core properties go when the template package has none."""
CORE_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
CORE_RELATIONSHIPS = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
    # The transitional spelling some older producers wrote.
    "http://schemas.openxmlformats.org/officedocument/2006/relationships/metadata/core-properties",
)
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CORE_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
_WRITTEN = ((DC, "title"), (DC, "creator"), (DCTERMS, "created"), (DCTERMS, "modified"))
"""The core properties each report sets; the template's other ones (language, keywords …) stay."""
_MARK = "govdisclosure-core-properties"


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


@frozen
class CoreProperties:
    """The template's ``docProps/core.xml`` cut where each report's own properties go."""

    name: str
    """The part's name in the package."""
    head: str
    tail: str
    dc: str
    dcterms: str
    xsi: str
    """The prefixes the part binds to the Dublin Core, DCMI terms and XML Schema instance
    namespaces."""

    def fill(self, title: str, author: str, published: datetime.date | None) -> bytes:
        """The part with the report's title, author and publication date. Without a date none
        is written (never the time of rendering: the same report gives the same bytes)."""
        dc, dcterms = self.dc, self.dcterms
        out = [
            self.head,
            f"<{dc}:title>{escape(clean(title))}</{dc}:title>",
            f"<{dc}:creator>{escape(clean(author))}</{dc}:creator>",
        ]
        if published is not None:
            # W3CDTF, as Word writes it: a time of day in UTC.
            when = f"{published.isoformat()}T00:00:00Z"
            for name in ("created", "modified"):
                typed = f'{self.xsi}:type="{dcterms}:W3CDTF"'
                out.append(f"<{dcterms}:{name} {typed}>{when}</{dcterms}:{name}>")
        out.append(self.tail)
        return "".join(out).encode("utf-8")


@frozen
class Package:
    archive: bytes
    """The template's parts but the body and the core properties, compressed."""
    core: CoreProperties | None
    """None for a template package without a ``_rels/.rels`` (which no reader opens)."""


@functools.lru_cache(maxsize=8)
def _package(path: str, mtime_ns: int, size: int) -> Package:
    """The template's parts but ``word/document.xml`` and its core properties, as a zip
    archive, read and compressed once per version of the file (mtime and size are the key): a
    rendered docx is this archive with the core properties and the body appended."""
    try:
        with zipfile.ZipFile(path) as zf:
            parts = {info.filename: zf.read(info) for info in zf.infolist() if not info.is_dir()}
    except (zipfile.BadZipFile, OSError) as exc:
        raise RenderError(f"docx 模板 {path} 无法读取：{exc}") from None
    for required in (CONTENT_TYPES, DOCUMENT_PART):
        if required not in parts:
            raise RenderError(f"docx 模板 {path} 缺少 {required}")
    try:
        core = _core_properties(parts)
    except SyntaxError as exc:  # lxml's XMLSyntaxError
        raise RenderError(f"docx 模板 {path} 的包结构无法读取：{exc}") from None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        # [Content_Types].xml first: some readers sniff the package from its first entry.
        for name, data in sorted(parts.items(), key=lambda p: p[0] != CONTENT_TYPES):
            if name != DOCUMENT_PART and (core is None or name != core.name):
                zf.writestr(_entry(name), data)
    return Package(out.getvalue(), core)


def _core_properties(parts: dict[str, bytes]) -> CoreProperties | None:
    """The template's core properties as a :class:`CoreProperties`; a template without them
    gets an empty part, with its relationship and content type added to ``parts``."""
    from lxml import etree  # only here, once per template: the per-report path is text

    if PACKAGE_RELS not in parts:
        return None
    rels = etree.fromstring(parts[PACKAGE_RELS])
    name = next(
        (
            (r.get("Target") or "").lstrip("/")
            for r in rels.iterfind(f"{{{RELS_NS}}}Relationship")
            if r.get("Type") in CORE_RELATIONSHIPS
        ),
        None,
    )
    if name is None or name not in parts:
        if name is None:
            name = CORE_PART
            ids = {r.get("Id") for r in rels}
            etree.SubElement(
                rels,
                f"{{{RELS_NS}}}Relationship",
                Id=next(f"rId{n}" for n in range(1, len(ids) + 2) if f"rId{n}" not in ids),
                Type=CORE_RELATIONSHIPS[0],
                Target=CORE_PART,
            )
            parts[PACKAGE_RELS] = _serialize(rels)
        types = etree.fromstring(parts[CONTENT_TYPES])
        if not any(o.get("PartName") == f"/{name}" for o in types):
            etree.SubElement(
                types, f"{{{TYPES_NS}}}Override", PartName=f"/{name}", ContentType=CORE_TYPE
            )
            parts[CONTENT_TYPES] = _serialize(types)
        parts[name] = _serialize(
            etree.Element(f"{{{CORE_NS}}}coreProperties", nsmap={"cp": CORE_NS})
        )
    found = etree.fromstring(parts[name])
    for ns, local in _WRITTEN:
        for old in found.findall(f"{{{ns}}}{local}"):
            found.remove(old)
    # Bind the namespaces the report's properties need, keeping the template's prefixes.
    nsmap = dict(found.nsmap)
    prefixes = {}
    for uri, wanted in ((DC, "dc"), (DCTERMS, "dcterms"), (XSI, "xsi")):
        bound = next((p for p, u in nsmap.items() if u == uri and p), None)
        if bound is None:
            bound = next(p for p in (wanted, *(f"{wanted}{n}" for n in range(9))) if p not in nsmap)
            nsmap[bound] = uri
        prefixes[uri] = bound
    root = etree.Element(found.tag, found.attrib, nsmap=nsmap)
    root.text = found.text
    root.extend(found)
    root.append(etree.Comment(_MARK))
    head, tail = _serialize(root).decode("utf-8").split(f"<!--{_MARK}-->")
    return CoreProperties(name, head, tail, prefixes[DC], prefixes[DCTERMS], prefixes[XSI])


def _serialize(element: etree._Element) -> bytes:
    from lxml import etree

    return XML_DECLARATION + etree.tostring(element, encoding="UTF-8")


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
    out = io.BytesIO(package.archive)
    with zipfile.ZipFile(out, "a") as zf:  # the parts as compressed once, then this report's
        if package.core is not None:
            core = package.core.fill(doc.title, doc.agency, doc.report.meta.published)
            zf.writestr(_entry(package.core.name), core)
        zf.writestr(_entry(DOCUMENT_PART), body)
    return out.getvalue()
