"""Published reports built for the reading tests, shaped like the ones agencies put online.

Nothing here uses the library's renderers: a fixture that reads back correctly must not
do so only because writer and reader share a mistake. Each builder lays a report's tables
out from the official grid (the format declaration) and lets a test bend it the way
published copies are bent: a renamed heading, an extra row or column, a blank column,
“/” for 0, a table split over two pages, labels broken over lines, another encoding.
"""

from __future__ import annotations

import html
import io
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from expect import chromium, libreoffice

from govdisclosure import Report, Table
from govdisclosure.formats.declaration import CellKey, Data, Empty, Label
from govdisclosure.model import Section
from govdisclosure.rendering.document import contact_line

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SEED = ROOT / "tests" / "data" / "nanchang-edu-2020.txt"


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    key: CellKey | None = None
    """The data cell it prints, if any: what the corpus in variants.py takes its truth from."""


Rows = list[list[Cell]]


def grid(table: Table) -> Rows:
    """The table as the official grid draws it, every value printed (totals included)."""
    shown = table.with_totals() if table.spec.derived else table
    rows: Rows = [[] for _ in table.spec.rows]
    for placed in table.spec.placed:
        cell = placed.cell
        if isinstance(cell, Label):
            rows[placed.row].append(Cell(cell.text, cell.rowspan, cell.colspan, header=True))
        elif isinstance(cell, Data):
            stated = shown.stated.get((cell.row, cell.col))
            text = "" if stated is None else str(stated)
            rows[placed.row].append(
                Cell(text, cell.rowspan, cell.colspan, key=(cell.row, cell.col))
            )
        elif isinstance(cell, Empty):
            rows[placed.row].append(Cell("", cell.rowspan, cell.colspan))
    return rows


def row_index(rows: Rows, label: str) -> int:
    """The index of the grid row holding a cell with text ``label``."""
    return next(i for i, row in enumerate(rows) if any(c.text == label for c in row))


@dataclass
class Published:
    """One published report: title, sections, tables as grids, closing. Edit, then write."""

    report: Report
    headings: dict[str, str] = field(default_factory=dict)
    tables: dict[str, Rows] = field(default_factory=dict)
    split: dict[str, int] = field(default_factory=dict)
    """Table key → grid row where the table breaks onto a new page, header repeated."""
    header_rows: dict[str, int] = field(default_factory=dict)
    printed: dict[str, list[str | Rows]] = field(default_factory=dict)
    """Table key → what is printed in place of its grid when that is not one table: group
    tables under captions, several small tables (variants.py builds these)."""
    part_format: str = "（{n}）{heading}"
    """How a part's sub-heading is numbered: ``n`` is the Chinese ordinal, ``i`` the Arabic."""

    @classmethod
    def of(cls, report: Report) -> Published:
        fmt = report.format
        return cls(
            report,
            headings={s.key: s.title for s in fmt.sections},
            tables={t.key: grid(t) for t in report.tables},
            header_rows={"table2": 0, "table3": 3, "table4": 3},
        )

    @property
    def title(self) -> str:
        return f"{self.report.meta.agency}{self.report.meta.year}年政府信息公开工作年度报告"

    def blocks(self) -> list[str | Rows]:
        """Headings and paragraphs (str) and tables (grids) in document order."""
        out: list[str | Rows] = []
        for spec in self.report.format.sections:
            if self.headings[spec.key]:  # an empty heading is one the report does not print
                out.append(self.headings[spec.key])
            if spec.table is not None:
                out.extend(self.printed.get(spec.table) or self._pages(spec.table))
                continue
            section = getattr(self.report, spec.key)
            if isinstance(section, Section):
                out.extend(section.paragraphs)
                for n, part in enumerate(section.parts, start=1):
                    ordinal = "一二三四五六七八九十"[n - 1]
                    out.append(self.part_format.format(n=ordinal, i=n, heading=part.heading))
                    out.extend(part.paragraphs)
        contact = contact_line(self.report)
        if contact:
            out.append(f"联系方式：{contact}")
        out.append(self.report.meta.agency)
        if self.report.meta.published:
            d = self.report.meta.published
            out.append(f"{d.year}年{d.month}月{d.day}日")
        return out

    def _pages(self, key: str) -> list[Rows]:
        rows = self.tables[key]
        at = self.split.get(key)
        if at is None:
            return [rows]
        head = rows[: self.header_rows[key]]
        first, second = rows[:at], rows[at:]
        return [_cut(first), [*head, *_continued(rows, at)]] if second else [first]

    def html(self, charset: str | None = "utf-8", encoding: str = "utf-8") -> bytes:
        meta = f'<meta charset="{charset}">' if charset else ""
        body = [f'<div class="title"><p>{html.escape(self.title)}</p></div>']
        for block in self.blocks():
            if isinstance(block, str):
                body.append(f"<p>{html.escape(block)}</p>")
            else:
                body.append(_html_table(block))
        page = (
            f"<!DOCTYPE html><html><head>{meta}<title>{html.escape(self.title)}</title>"
            f"</head><body>{''.join(body)}</body></html>"
        )
        return page.encode(encoding)

    def web_text(self) -> str:
        """As copied from the web page: one cell per line, tab-led, rows apart by blank lines."""
        lines = [self.title, ""]
        for block in self.blocks():
            if isinstance(block, str):
                lines += [block, ""]
                continue
            for row in block:
                lines += [f"\t{c.text}" for c in row] + [""]
        return "\n".join(lines) + "\n"


def _cut(rows: Rows) -> Rows:
    """The rows before a page break, with spans that ran past it shortened."""
    out = []
    for i, row in enumerate(rows):
        out.append([replace(c, rowspan=min(c.rowspan, len(rows) - i)) for c in row])
    return out


def _continued(rows: Rows, at: int) -> Rows:
    """The rows after a page break; a label cell that spanned the break is repeated, as
    Word repeats the text of a merged cell that a page break cuts."""
    tail = [list(row) for row in rows[at:]]
    # Only row labels span rows, and they stand leftmost, outermost first.
    repeats = [
        replace(c, rowspan=c.rowspan - (at - i))
        for i, row in enumerate(rows[:at])
        for c in row
        if c.rowspan > at - i
    ]
    tail[0] = [*repeats, *tail[0]]
    return tail


def _html_table(rows: Rows) -> str:
    out = ['<table border="1">']
    for row in rows:
        out.append("<tr>")
        for c in row:
            tag = "td"
            span = ""
            if c.rowspan > 1:
                span += f' rowspan="{c.rowspan}"'
            if c.colspan > 1:
                span += f' colspan="{c.colspan}"'
            text = html.escape(c.text).replace("\n", "<br>")
            out.append(f"<{tag}{span}>{text}</{tag}>")
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


# --- docx with merged cells -------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(published: Published) -> bytes:
    """A minimal Word document: paragraphs, and tables whose merged cells are written as
    Word writes them (``w:gridSpan`` across, ``w:vMerge`` down: the covered positions hold
    continuation cells with no text of their own)."""
    body = [_w_paragraph(published.title)]
    for block in published.blocks():
        body.append(_w_paragraph(block) if isinstance(block, str) else _w_table(block))
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}"><w:body>{"".join(body)}</w:body></w:document>'
    )
    return zip_bytes(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": ROOT_RELS,
            "word/document.xml": document.encode("utf-8"),
        }
    )


CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" '
    b'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
ROOT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def _w_paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{html.escape(text)}</w:t></w:r></w:p>"


def _w_table(
    rows: Rows,
    properties: str = "",
    header_rows: int = 0,
    paragraph: Callable[[str], str] = _w_paragraph,
) -> str:
    """``properties``: the ``w:tblPr`` and ``w:tblGrid`` to write (borders, widths);
    ``header_rows``: rows marked to repeat at the top of each page (``w:tblHeader``);
    ``paragraph``: how a cell's text is written."""
    width = sum(c.colspan for c in rows[0])
    taken: dict[tuple[int, int], Cell] = {}
    out = ["<w:tbl>", properties]
    for r, row in enumerate(rows):
        out.append("<w:tr><w:trPr><w:tblHeader/></w:trPr>" if r < header_rows else "<w:tr>")
        cells = iter(row)
        col = 0
        while col < width:
            above = taken.get((r, col))
            if above is not None:
                # A continuation of a cell merged down from above: no text of its own.
                out.append(_w_cell("", above.colspan, "<w:vMerge/>", paragraph))
                col += above.colspan
                continue
            c = next(cells)
            for dr in range(1, c.rowspan):
                taken[r + dr, col] = c
            merge = '<w:vMerge w:val="restart"/>' if c.rowspan > 1 else ""
            out.append(_w_cell(c.text, c.colspan, merge, paragraph))
            col += c.colspan
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _w_cell(
    text: str, colspan: int, merge: str, paragraph: Callable[[str], str] = _w_paragraph
) -> str:
    span = f'<w:gridSpan w:val="{colspan}"/>' if colspan > 1 else ""
    return f"<w:tc><w:tcPr>{span}{merge}</w:tcPr>{paragraph(text)}</w:tc>"


def zip_bytes(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip archive of ``members``, the same bytes every time (no clock in the entries)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            entry = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
            entry.compress_type = compression
            archive.writestr(entry, data)
    return buffer.getvalue()


# --- PDF --------------------------------------------------------------------------------


def minimal_pdf(objects: Iterable[bytes], trailer_extra: bytes = b"") -> bytes:
    """A well-formed PDF from numbered objects (1 is the catalog), with a correct xref."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    bodies = list(objects)
    for n, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(bodies) + 1,
        trailer_extra,
        xref,
    )
    return bytes(out)


def pdf_page(content: bytes, compress: bool = False, resources: bytes = b"<< >>") -> bytes:
    """A one-page PDF whose page draws ``content``."""
    if compress:
        stream = zlib.compress(content)
        head = b"<< /Length %d /Filter /FlateDecode >>" % len(stream)
    else:
        stream = content
        head = b"<< /Length %d >>" % len(stream)
    return minimal_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources " + resources + b" >>",
            head + b"\nstream\n" + stream + b"\nendstream",
        ]
    )


def flate_bomb_pdf(inflated: int) -> bytes:
    """A one-page PDF whose content stream inflates to ``inflated`` bytes of spaces."""
    packer = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    stream = b"".join(packer.compress(chunk) for _ in range(inflated >> 20)) + packer.flush()
    head = b"<< /Length %d /Filter /FlateDecode >>" % len(stream)
    return minimal_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            head + b"\nstream\n" + stream + b"\nendstream",
        ]
    )


def to_pdf(docx_bytes: bytes, workdir: Path, name: str = "report") -> bytes:
    """``docx_bytes`` printed to PDF by LibreOffice headless, as an agency would export it."""
    source = workdir / f"{name}.docx"
    source.write_bytes(docx_bytes)
    result = libreoffice(source, "pdf", workdir)
    assert result.returncode == 0, result.stderr
    return (workdir / f"{name}.pdf").read_bytes()


def edit_docx(data: bytes, edit: Callable[[dict[str, bytes]], None]) -> bytes:
    """A copy of a docx with its members changed by ``edit`` (a dict of name → bytes)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    edit(members)
    return zip_bytes(members)


def pdf_like_text(published: Published, page_lines: int = 12, wrap: int = 12) -> str:
    """The report as text extracted from its PDF: a table row on one line, cells apart by
    single spaces; a row label longer than ``wrap`` characters broken after them, its rest
    on the next line (values beside the first part, as a top-aligned Word cell prints);
    every ``page_lines`` lines a page footer “- n -” and the running header."""
    lines = [published.title]
    for block in published.blocks():
        if isinstance(block, str):
            lines.append(block)
            continue
        for row in block:
            labels = [c.text for c in row if c.header]
            values = [c.text for c in row if not c.header and c.text]
            if values and labels and len(labels[-1]) > wrap:
                *groups, own = labels
                lines += [" ".join([*groups, own[:wrap], *values]), own[wrap:]]
            else:
                lines.append(" ".join([*labels, *values]))
    out: list[str] = []
    for n, line in enumerate(lines):
        if n and n % page_lines == 0:
            out += [f"- {n // page_lines} -", published.title]
        out.append(line)
    return "\n".join(out) + "\n"


def chromium_pdf(page_html: bytes, workdir: Path) -> bytes:
    """An HTML page printed to PDF by headless Chromium, as a browser's “save as PDF” does:
    ragged lines, the browser's own header and footer, Noto CJK with radical code points."""
    page = workdir / "report.html"
    page.write_bytes(page_html)
    out = workdir / "report.pdf"
    chromium(workdir / "chromium-profile", f"--print-to-pdf={out}", page.as_uri())
    return out.read_bytes()
