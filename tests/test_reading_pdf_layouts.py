"""Reading PDFs laid out as agencies really export them: prose painted or framed next to a
ruled table, paragraphs broken by pages and wrapped headings, tables broken across pages,
tables without rules, scans. Every PDF here is printed by LibreOffice from a docx (skipped
with a reason where LibreOffice is missing, failing on CI); each test first checks that
the PDF really has the layout it is about, then what the reader makes of it."""

from __future__ import annotations

import io
import itertools
import re
import subprocess
import zlib
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest
from expect import REALWORLD, program
from fixtures_reading import EXAMPLES, edit_docx, minimal_pdf, to_pdf

import govdisclosure as g
from govdisclosure.model import Part, Section
from govdisclosure.reading import _pdf, read_bytes
from govdisclosure.reading.items import Item
from govdisclosure.reading.safety import UnreadableError
from govdisclosure.rendering import render

EXAMPLE_2024 = g.load(EXAMPLES / "example-2024.yaml")

_CLAUSE = (
    "加强政府网站和政务新媒体日常管理，运用第三方检测平台实行常态化监测，"
    "严格执行分级审核、先审后发程序，"
)


def paragraph(opening: str, length: int) -> str:
    """A paragraph of about ``length`` characters, as an overview paragraph is written."""
    return opening + (_CLAUSE * 9)[:length] + "确保公开信息及时准确规范。"


def with_overview(overview: Section) -> g.Report:
    return EXAMPLE_2024.replace(overview=overview)


def pdf_lines(data: bytes) -> list[str]:
    """The PDF's text lines, page after page, spaces removed."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [
            re.sub(r"\s", "", line["text"])
            for page in pdf.pages
            for line in page.extract_text_lines()
        ]


def document_edit(
    edit: Callable[[str], str], part: str = "word/document.xml"
) -> Callable[[dict[str, bytes]], None]:
    def apply(members: dict[str, bytes]) -> None:
        members[part] = edit(members[part].decode()).encode()

    return apply


def assert_tables(report: g.Report, expected: g.Report) -> None:
    assert report.table2 == expected.table2
    assert report.table3 == expected.table3.with_totals()
    assert report.table4 == expected.table4.with_totals()


# --- prose next to a ruled table ----------------------------------------------------------

# Long enough that table 二 starts in the middle of page 2, right under prose.
PROSE_ABOVE_TABLE = with_overview(
    Section(
        paragraphs=(
            paragraph("2024年，", 120),
            paragraph("（一）主动公开情况。", 150),
            paragraph("（二）依申请公开情况。", 100),
            paragraph("（三）政府信息管理情况。", 150),
        )
    )
)

_BODY = r'(<w:p><w:pPr><w:pStyle w:val="(?:BodyText|Heading1|Heading2)"/>)'
_TIGHT = '<w:spacing w:before="0" w:after="0"/>'
_BOX = (
    "<w:pBdr>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right")
    )
    + "</w:pBdr>"
)
DECORATIONS = {
    # WPS paints a white rectangle behind every line of text; a shaded paragraph is the same.
    "white background": '<w:shd w:val="clear" w:color="auto" w:fill="FFFFFF"/>',
    "tinted background": '<w:shd w:val="clear" w:color="auto" w:fill="DEEAF6"/>',
    # A visible frame around the prose, touching the table's rules.
    "frame": _BOX,
}


@pytest.mark.external
@pytest.mark.parametrize("decoration", DECORATIONS)
def test_prose_painted_or_framed_against_a_ruled_table_stays_prose(
    decoration: str, tmp_path: Path
) -> None:
    report = PROSE_ABOVE_TABLE
    add = DECORATIONS[decoration]
    docx = edit_docx(
        render(report, "docx"),
        document_edit(lambda xml: re.sub(_BODY, lambda m: m[1] + add + _TIGHT, xml)),
    )
    data = to_pdf(docx, tmp_path)
    # The trap is there: pdfplumber's own table search takes the heading and the last
    # overview paragraph into table 二.
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        swallowed = [
            cell
            for page in pdf.pages
            for table in page.find_tables()
            for row in table.extract()
            for cell in row
            if cell and ("主动公开政府信息情况" in cell or "政府信息管理情况。" in cell)
        ]
    assert swallowed
    found = _pdf.items(data)
    assert Item("二、主动公开政府信息情况") in found
    assert Item("三、收到和处理政府信息公开申请情况") in found
    assert [i.text for i in found if i.cell and "。" in i.text] == []
    assert Item("第二十条第（一）项", cell=True) in found  # the table's own caption
    reading = read_bytes(data, ".pdf")
    assert reading.report.overview == report.overview
    assert_tables(reading.report, report)
    assert reading.findings == ()


# --- paragraphs ---------------------------------------------------------------------------


@pytest.mark.external
def test_paragraphs_broken_by_pages_wrapped_headings_and_lines_starting_like_a_heading(
    tmp_path: Path,
) -> None:
    # 25 characters fill the indented first line, so that “（一）项” starts the second.
    run_on = "本机关严格按照《条例》的要求，主动公开了第二十条第"
    overview = Section(
        paragraphs=(
            paragraph("2024年，", 120),
            run_on + "（一）项规定的规章和行政规范性文件，" + _CLAUSE + "全部予以公开。",
            paragraph("（一）主动公开情况。", 150),
            paragraph("（二）依申请公开情况。", 330),
            paragraph("（三）政府信息管理情况。", 90),
        ),
        parts=(
            Part(
                heading="政务新媒体规范化管理和政府信息公开平台建设工作推进落实情况",
                paragraphs=(paragraph("", 60),),
            ),
        ),
    )
    report = with_overview(overview)
    data = to_pdf(render(report, "docx"), tmp_path)
    lines = pdf_lines(data)
    assert any(line.startswith("（一）项规定的") for line in lines)
    heading = "（一）" + overview.parts[0].heading  # type: ignore[operator]
    assert heading not in lines and any(heading.startswith(line) for line in lines)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [re.sub(r"\s", "", page.extract_text()) for page in pdf.pages[:2]]
    broken = overview.paragraphs[3]  # runs from page 1 onto page 2
    assert broken not in pages[0] and broken not in pages[1]
    assert broken[:20] in pages[0] and broken[-20:] in pages[1]
    reading = read_bytes(data, ".pdf")
    assert reading.report.overview == overview
    assert reading.findings == ()


@pytest.mark.external
def test_paragraphs_set_apart_by_spacing_without_indent(tmp_path: Path) -> None:
    # No first-line indent, space after each paragraph; the first paragraph's last line is
    # full, ending in “。” at the right margin: only the space below it ends the paragraph.
    full = "2024年，本机关" + _CLAUSE + "全面推进政务公开，持续提升政府信息公开的质量。"
    overview = Section(paragraphs=(full, paragraph("（一）主动公开情况。", 100)))
    report = with_overview(overview)

    def spaced(xml: str) -> str:
        body = '<w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr>'
        assert body in xml
        return xml.replace(body, '<w:pPr><w:spacing w:after="240"/></w:pPr>')

    docx = edit_docx(render(report, "docx"), document_edit(spaced, "word/styles.xml"))
    data = to_pdf(docx, tmp_path)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        lines = page.extract_text_lines()
        margin = max(line["x1"] for line in lines)
        last = next(line for line in lines if line["text"].endswith("的质量。"))
    assert last["x1"] > margin - 20  # the paragraph's last line runs to the margin
    reading = read_bytes(data, ".pdf")
    assert reading.report.overview == overview


# --- tables broken across pages -----------------------------------------------------------


def rows_may_break(header_repeated: bool) -> Callable[[dict[str, bytes]], None]:
    """Table 三 as Word and WPS lay it out by default: rows may break across pages, text at
    the top of its cell; its sub-label column narrowed, so that labels wrap over several
    lines and a page break falls inside a row."""

    def edit(xml: str) -> str:
        start = [m.start() for m in re.finditer("<w:tbl>", xml)][1]
        end = xml.index("</w:tbl>", start)
        table = xml[start:end].replace("<w:cantSplit/>", "").replace("<w:keepNext/>", "")
        table = table.replace('w:val="center"/></w:tcPr>', 'w:val="top"/></w:tcPr>')
        table = table.replace('<w:gridCol w:w="2504"/>', '<w:gridCol w:w="1000"/>')
        if not header_repeated:
            table = table.replace("<w:tblHeader/>", "")
        return xml[:start] + table + xml[end:]

    return document_edit(edit)


def labels_cut_by_a_page(data: bytes, labels: list[str]) -> list[str]:
    """The labels whose first characters end one page's table and the rest start the next's."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [
            {
                re.sub(r"\s", "", cell)
                for table in page.extract_tables()
                for row in table
                for cell in row
                if cell
            }
            for page in pdf.pages
        ]
    return [
        label
        for label in labels
        for before, after in itertools.pairwise(pages)
        for i in range(1, len(label))
        if label[:i] in before and label[i:] in after
    ]


@pytest.mark.external
@pytest.mark.parametrize("header_repeated", [False, True], ids=["no header", "header repeated"])
def test_row_label_cut_by_a_page_break_is_joined_and_its_values_follow(
    header_repeated: bool, tmp_path: Path
) -> None:
    report = EXAMPLE_2024
    docx = edit_docx(render(report, "docx"), rows_may_break(header_repeated))
    data = to_pdf(docx, tmp_path)
    table3 = report.table3.with_totals()
    spec = table3.spec
    labels = {spec.row_label(row).split(" ")[-1]: row for row in spec.row_keys}
    cut = labels_cut_by_a_page(data, list(labels))
    assert cut, "no row label is cut by a page break: the fixture lost its point"
    texts = [i.text for i in _pdf.items(data) if i.cell]
    for label in cut:
        at = texts.index(label)
        key = labels[label]
        values = [str(table3[key, col]) for col in spec.columns_of(key)]
        assert texts[at + 1 : at + 1 + len(values)] == values
    if header_repeated:
        assert texts.count("申请人情况") == 1  # the repeated header rows are dropped
    reading = read_bytes(data, ".pdf")
    assert_tables(reading.report, report)
    assert reading.findings == ()


def test_label_repeated_on_the_continued_page_is_not_doubled() -> None:
    # Word and WPS may print a merged label cell's text again where a page break cut it:
    # the repeat is no part of the label. Geometry as in the PDFs above (x in points).
    def cell(text: str, x0: float, x1: float, bottom: float = 780) -> _pdf._Cell:
        return _pdf._Cell(text, x0, x1, bottom)

    above = [
        [
            cell("（六）其他处理", 125, 192),
            cell("1.申请人无正当理由", 192, 252),
            cell("2", 252, 290),
        ]
    ]
    rest = [cell("（六）其他处理", 125, 192), cell("逾期不补正", 192, 252), cell("", 252, 290)]
    assert _pdf._continues_row(above, rest)
    assert [c.text for c in above[0]] == ["（六）其他处理", "1.申请人无正当理由逾期不补正", "2"]
    # A row with a value of its own is a row, not the rest of one.
    assert not _pdf._continues_row(above, [cell("3.其他", 192, 252), cell("0", 252, 290)])
    # Nor is a caption across the table or a header row, as table 二 starts its blocks.
    block = [
        [cell("第二十条第（五）项", 75, 518, 700)],
        [cell("行政许可", 75, 231), cell("9", 231, 518)],
    ]
    assert not _pdf._continues_row(block, [cell("第二十条第（六）项", 75, 518)])
    assert not _pdf._continues_row(block, [cell("信息内容", 75, 231), cell("本年数量", 231, 518)])


# --- tables without rules -----------------------------------------------------------------


def no_rules_text_on_top(xml: str) -> str:
    """The tables without borders, their text at the top of each cell (Word's default): a
    wrapped label's second line then stands below its row's values."""
    xml = xml.replace('w:val="single"', 'w:val="nil"')
    return xml.replace('w:val="center"/></w:tcPr>', 'w:val="top"/></w:tcPr>')


@pytest.mark.external
def test_borderless_table_wrapped_labels_join_their_rows(tmp_path: Path) -> None:
    report = EXAMPLE_2024
    data = to_pdf(edit_docx(render(report, "docx"), document_edit(no_rules_text_on_top)), tmp_path)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert not any(page.lines or page.rects for page in pdf.pages)
    lines = pdf_lines(data)
    # Each of these labels wraps, its rest on a line of its own under the row's values.
    for rest in ("这一情形，不计其他情形）", "公开", "理结果"):
        assert rest in lines
    table3 = report.table3.with_totals()
    texts = [i.text for i in _pdf.items(data) if i.cell]
    for label, row in (
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partially_disclosed"),
        ("2.其他法律行政法规禁止公开", "denied_prohibited_by_law"),
    ):
        at = texts.index(label)
        values = [str(table3[row, col]) for col in table3.spec.columns_of(row)]
        assert texts[at + 1 : at + 1 + len(values)] == values
    # Merged label cells whose text runs on beside the rows below them.
    assert {"三、本年度办理结果", "（三）不予公开", "（四）无法提供"} <= set(texts)
    reading = read_bytes(data, ".pdf")
    assert_tables(reading.report, report)
    assert not [f for f in reading.findings if "数值" in f.message or "未能读到" in f.message]


# --- merged and empty cells ---------------------------------------------------------------


def total_beside_an_empty_cell(xml: str) -> str:
    """Table 三 as WPS often prints it: “（七）总计” in the group-label column beside an
    empty sub-label cell (not one cell across both), and the first value printed blank in
    the “2.没有现成信息需要另行制作” row."""

    def split_total(row: str) -> str:
        merged = re.search(
            r"<w:tc><w:tcPr><w:tcW w:w=\"3604\"[^>]*/><w:gridSpan w:val=\"2\"/>", row
        )
        assert merged is not None
        label = row[merged.start() : row.index("</w:tc>", merged.start()) + len("</w:tc>")]
        own = label.replace('w:w="3604"', 'w:w="1100"').replace('<w:gridSpan w:val="2"/>', "")
        empty = re.sub(r"<w:r>.*</w:r>", "", own).replace('w:w="1100"', 'w:w="2504"')
        return row.replace(label, own + empty)

    def blank_value(row: str) -> str:
        cells = row.split("<w:tc>")
        cells[4] = re.sub(r"<w:r>.*</w:r>", "", cells[4])  # the first value, beside the label
        return "<w:tc>".join(cells)

    def edit(match: re.Match[str]) -> str:
        row = match[0]
        if "（七）总计" in row:
            return split_total(row)
        if "2.没有现成信息需要另行制作" in row:
            return blank_value(row)
        return row

    return re.sub(r"<w:tr>.*?</w:tr>", edit, xml, flags=re.S)


@pytest.mark.external
def test_empty_cells_in_ruled_tables_are_kept_and_no_value_is_lost(tmp_path: Path) -> None:
    report = EXAMPLE_2024
    data = to_pdf(
        edit_docx(render(report, "docx"), document_edit(total_beside_an_empty_cell)), tmp_path
    )
    table3 = report.table3.with_totals()

    def values(row: str) -> list[str]:
        return [str(table3[row, col]) for col in table3.spec.columns_of(row)]

    texts = [i.text for i in _pdf.items(data) if i.cell]
    at = texts.index("（七）总计")
    # Its label, the empty sub-label cell, exactly the seven values, then the next row.
    assert texts[at : at + 10] == ["（七）总计", "", *values("total"), "四、结转下年度继续办理"]
    at = texts.index("2.没有现成信息需要另行制作")
    printed = values("unable_needs_creation")
    printed[0] = ""
    assert texts[at + 1 : at + 9] == [*printed, "3.补正后申请内容仍不明确"]
    # The rows around them are whole.
    assert texts[texts.index("3.其他") + 1 : texts.index("（七）总计")] == values("other_misc")


# --- the real WPS export in ../shared/realworld -------------------------------------------


@pytest.mark.skipif(
    not (REALWORLD / "hongze-2024.pdf").exists(), reason="../shared/realworld is not here"
)
def test_hongze_prose_is_prose_and_the_total_row_keeps_its_values() -> None:
    found = _pdf.items((REALWORLD / "hongze-2024.pdf").read_bytes())
    truth = g.load(REALWORLD / "hongze-2024.truth.yaml")
    paragraphs = [re.sub(r"\s", "", i.text) for i in found if not i.cell]
    for section in (truth.overview, truth.problems, truth.other):
        assert section is not None
        for paragraph in section.paragraphs:
            assert re.sub(r"\s", "", paragraph) in paragraphs
    for heading in ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"):
        assert Item(heading) in found
    assert not [i for i in found if i.cell and "。" in i.text]
    texts = [i.text for i in found if i.cell]
    at = texts.index("（七）总计")
    assert texts[at : at + 9] == ["（七）总计", "", "95", "0", "0", "0", "0", "0", "95"]


# --- scans --------------------------------------------------------------------------------


def scanned_pdf(pages: list[bytes], stamp: bytes = b"") -> bytes:
    """A PDF whose A4 pages are pictures (binary PGM images, as pdftoppm -gray writes), each
    with ``stamp`` as its only text, as a scanner app marks its pages."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    objects.append(font)  # 3
    for pgm in pages:
        magic, size, depth, pixels = pgm.split(b"\n", 3)
        assert magic == b"P5" and depth == b"255"
        width, height = map(int, size.split())
        image = zlib.compress(pixels)
        first = len(objects) + 1
        kids.append(b"%d 0 R" % first)
        text = b"BT /F1 8 Tf 480 20 Td (%s) Tj ET" % stamp if stamp else b""
        content = b"q 595 0 0 842 0 0 cm /Im0 Do Q " + text
        objects += [
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /XObject << /Im0 %d 0 R >> /Font << /F1 3 0 R >> >> >>"
            % (first + 1, first + 2),
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream"
            % (width, height, len(image), image),
        ]
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    return minimal_pdf(objects)


@pytest.mark.external
@pytest.mark.parametrize("stamp", [b"", b"Scanned by CamScanner"], ids=["bare", "stamped"])
def test_scanned_report_is_refused_as_having_no_text_layer(stamp: bytes, tmp_path: Path) -> None:
    printed = to_pdf(render(EXAMPLE_2024, "docx"), tmp_path)
    (tmp_path / "printed.pdf").write_bytes(printed)
    pdftoppm = program("pdftoppm", "poppler rasterises a page as a scanner would")
    subprocess.run(
        [pdftoppm, "-gray", "-r", "40", str(tmp_path / "printed.pdf"), str(tmp_path / "page")],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pages = [p.read_bytes() for p in sorted(tmp_path.glob("page-*.pgm"))]
    assert len(pages) >= 3
    data = scanned_pdf(pages, stamp)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == len(pages) and all(page.images for page in pdf.pages)
        assert "".join(page.extract_text() for page in pdf.pages).count("CamScanner") == (
            len(pages) if stamp else 0
        )
    with pytest.raises(UnreadableError, match="没有可提取的文字"):
        _pdf.items(data)
    with pytest.raises(g.InputError, match="没有可提取的文字（可能是扫描件）"):
        read_bytes(data, ".pdf")
