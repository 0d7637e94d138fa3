"""Reading PDFs: real ones printed by LibreOffice from the docx renderer (skipped with a
reason where LibreOffice is missing, failing on CI), and hand-built ones for the files
that must be refused: scanned, encrypted, corrupt, hostile."""

from __future__ import annotations

import io
import re
from pathlib import Path

import attrs
import pdfplumber
import pytest
from fixtures_reading import (
    EXAMPLES,
    chromium_pdf,
    edit_docx,
    flate_bomb_pdf,
    minimal_pdf,
    pdf_page,
    to_pdf,
)

import govdisclosure as g
from govdisclosure.reading import _pdf, read, read_bytes
from govdisclosure.reading.items import is_page_number
from govdisclosure.rendering import render

EXAMPLE_NAMES = ["example-2024", "nanchang-edu-2020-corrected"]


def load(name: str) -> g.Report:
    return g.load(EXAMPLES / f"{name}.yaml")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Each example rendered to docx and printed to PDF by LibreOffice, once per module."""
    out = {}
    for name in EXAMPLE_NAMES:
        workdir = tmp_path_factory.mktemp(name)
        out[name] = to_pdf(render(load(name), "docx"), workdir, name)
    return out


def read_pdf(data: bytes) -> g.Report:
    return read_bytes(data, ".pdf").report


@pytest.mark.external
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_pdf_from_libreoffice_gives_every_table_number(name: str, pdfs: dict[str, bytes]) -> None:
    report = load(name)
    reading = read_bytes(pdfs[name], ".pdf")
    assert reading.report.table2 == report.table2
    assert reading.report.table3 == report.table3.with_totals()
    assert reading.report.table4 == report.table4.with_totals()
    assert reading.findings == ()


@pytest.mark.external
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_pdf_from_libreoffice_gives_title_version_and_closing(
    name: str, pdfs: dict[str, bytes]
) -> None:
    report = load(name)
    meta = read_pdf(pdfs[name]).meta
    assert (meta.agency, meta.year, meta.version) == (
        report.meta.agency,
        report.meta.year,
        report.meta.version,
    )
    assert (meta.published, meta.contact, meta.website) == (
        report.meta.published,
        report.meta.contact,
        report.meta.website,
    )


@pytest.mark.external
def test_pdf_lines_are_joined_back_into_the_paragraphs(pdfs: dict[str, bytes]) -> None:
    # The 2024 example wraps every long paragraph, and its contact line wraps after a “；”.
    report = load("example-2024")
    got = read_pdf(pdfs["example-2024"])
    assert got.overview == report.overview
    assert got.problems == report.problems
    assert got.other is not None and report.other is not None
    assert got.other.paragraphs == report.other.paragraphs


@pytest.mark.external
def test_pdf_paragraph_running_over_a_page_break_stays_one_paragraph(
    pdfs: dict[str, bytes],
) -> None:
    report = load("nanchang-edu-2020-corrected")
    got = read_pdf(pdfs["nanchang-edu-2020-corrected"]).overview
    assert got is not None and report.overview is not None
    # Spaces the source put between two CJK phrases are not recoverable from a PDF.
    expected = [p.replace(" ", "") for p in report.overview.paragraphs]
    assert list(got.paragraphs) == expected


def _with_running_header_and_page_footer(docx: bytes, header: str) -> bytes:
    """The docx with a running header on every page and a “第 N 页” footer instead of its own."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText>'
        '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )

    def edit(members: dict[str, bytes]) -> None:
        members["word/header9.xml"] = (
            f'<w:hdr xmlns:w="{w}" xmlns:r="{r}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
            f"<w:r><w:t>{header}</w:t></w:r></w:p></w:hdr>"
        ).encode()
        members["word/footer9.xml"] = (
            f'<w:ftr xmlns:w="{w}" xmlns:r="{r}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
            f'<w:r><w:t xml:space="preserve">第 </w:t></w:r>{field}'
            f'<w:r><w:t xml:space="preserve"> 页</w:t></w:r></w:p></w:ftr>'
        ).encode()
        rels = members["word/_rels/document.xml.rels"].decode()
        rels = rels.replace(
            "</Relationships>",
            f'<Relationship Id="rIdHdr9" Type="{r}/header" Target="header9.xml"/>'
            f'<Relationship Id="rIdFtr9" Type="{r}/footer" Target="footer9.xml"/></Relationships>',
        )
        members["word/_rels/document.xml.rels"] = rels.encode()
        types = members["[Content_Types].xml"].decode()
        main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
        types = types.replace(
            "</Types>",
            f'<Override PartName="/word/header9.xml" ContentType="{main}.header+xml"/>'
            f'<Override PartName="/word/footer9.xml" ContentType="{main}.footer+xml"/></Types>',
        )
        members["[Content_Types].xml"] = types.encode()
        document = members["word/document.xml"].decode()
        document = re.sub(r"<w:(header|footer)Reference [^>]*/>", "", document)
        # Default and even pages alike (the renderer may set evenAndOddHeaders).
        refs = "".join(
            f'<w:{kind}Reference w:type="{pages}" r:id="{rid}"/>'
            for kind, rid in (("header", "rIdHdr9"), ("footer", "rIdFtr9"))
            for pages in ("default", "even")
        )
        document, n = re.subn(r"(<w:sectPr[^>]*>)", lambda m: m[1] + refs, document)
        assert n >= 1
        members["word/document.xml"] = document.encode()

    return edit_docx(docx, edit)


@pytest.mark.external
def test_pdf_running_header_and_page_footer_are_dropped(tmp_path: Path) -> None:
    report = load("nanchang-edu-2020-corrected")
    header = "南昌市教育局政务公开专栏"
    docx = _with_running_header_and_page_footer(render(report, "docx"), header)
    data = to_pdf(docx, tmp_path)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        second_page = re.sub(r"\s", "", pdf.pages[1].extract_text())
    assert header in second_page and "第2页" in second_page
    reading = read_bytes(data, ".pdf")
    got = reading.report
    assert got.meta.agency == report.meta.agency
    assert got.table3 == report.table3.with_totals()
    texts = [p for s in (got.overview, got.problems, got.other) if s for p in s.text_paragraphs()]
    assert not [t for t in texts if header in t or re.search(r"第\d+页", t)]
    assert reading.findings == ()


@pytest.mark.external
def test_pdf_whose_tables_have_no_rules_is_read_from_the_gaps_between_cells(
    tmp_path: Path,
) -> None:
    report = load("nanchang-edu-2020-corrected")

    def no_rules(members: dict[str, bytes]) -> None:
        members["word/document.xml"] = members["word/document.xml"].replace(
            b'w:val="single"', b'w:val="nil"'
        )

    data = to_pdf(edit_docx(render(report, "docx"), no_rules), tmp_path)
    got = read_pdf(data)
    assert got.table2 == report.table2
    assert got.table3 == report.table3.with_totals()
    assert got.table4 == report.table4.with_totals()


@pytest.mark.external
def test_pdf_printed_by_a_browser_gives_every_number_and_the_closing(tmp_path: Path) -> None:
    # Chromium prints ragged lines with its own header (date, title) and footer (address,
    # “1/3”), and its CJK font maps 示 to the radical ⽰: all must come out as written.
    report = load("example-2024")
    reading = read_bytes(chromium_pdf(render(report, "html"), tmp_path), ".pdf")
    got = reading.report
    assert (got.table2, got.table3, got.table4) == (
        report.table2,
        report.table3.with_totals(),
        report.table4.with_totals(),
    )
    assert got.meta == report.meta
    assert got.problems == report.problems
    assert reading.findings == ()


@pytest.mark.external
def test_pdf_round_trip_reads_what_was_rendered(tmp_path: Path) -> None:
    # Stated totals and no structured 信息处理费: then the PDF reads back to the report.
    report = load("example-2024")
    assert report.other is not None
    report = report.replace(
        table3=report.table3.with_totals(),
        table4=report.table4.with_totals(),
        other=attrs.evolve(report.other, processing_fees=None),
    )
    assert read_pdf(to_pdf(render(report, "docx"), tmp_path)) == report


@pytest.mark.external
def test_pdf_file_is_read_through_read(tmp_path: Path, pdfs: dict[str, bytes]) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdfs["example-2024"])
    assert read(path).report.table3 == load("example-2024").table3.with_totals()


# --- files that must be refused -----------------------------------------------------------


def refusal(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "input.pdf"
    path.write_bytes(data)
    with pytest.raises(g.InputError) as caught:
        read(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: 错误 READ ")
    return message


def test_pdf_without_text_is_refused_as_a_possible_scan(tmp_path: Path) -> None:
    # A page that only paints (as a scanned page only shows an image): nothing to read.
    message = refusal(pdf_page(b"q 0 0 0 rg 50 50 200 200 re f Q"), tmp_path)
    assert message.endswith("PDF 中没有可提取的文字（可能是扫描件），无法读取")


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    # Standard security handler whose user password is not empty: cannot be opened.
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (b"11" * 32, b"22" * 32)
    data = minimal_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            encrypt,
        ],
        trailer_extra=b"/Encrypt 4 0 R /ID [<%s> <%s>] " % (b"ab" * 16, b"ab" * 16),
    )
    assert refusal(data, tmp_path).endswith("PDF 已加密（需要密码才能打开），无法读取")


def test_corrupt_pdf_is_refused(tmp_path: Path) -> None:
    message = refusal(b"%PDF-1.7\n" + bytes(range(256)) * 40, tmp_path)
    assert "PDF" in message and "损坏" in message


@pytest.mark.external
def test_truncated_pdf_is_refused(tmp_path: Path, pdfs: dict[str, bytes]) -> None:
    message = refusal(pdfs["example-2024"][:4000], tmp_path)
    assert "损坏" in message


def test_file_named_pdf_that_is_not_one_is_refused_without_parsing(tmp_path: Path) -> None:
    message = refusal(b"<html><body>not a pdf</body></html>", tmp_path)
    assert message.endswith("不是有效的 PDF 文件（缺少 %PDF 文件头；可能已损坏）")


@pytest.mark.slow
def test_pdf_inflating_past_the_memory_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A 600 MB content stream (600 kB compressed) against a 300 MB limit: the child stops.
    monkeypatch.setattr(_pdf, "MEMORY_BYTES", 300 * 1024 * 1024)
    message = refusal(flate_bomb_pdf(600 * 1024 * 1024), tmp_path)
    assert message.endswith(_pdf.OUT_OF_MEMORY)


@pytest.mark.external
def test_pdf_taking_longer_than_the_timeout_is_abandoned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pdfs: dict[str, bytes]
) -> None:
    # A timeout no process start can meet stands in for a file that makes pdfminer loop.
    monkeypatch.setattr(_pdf, "TIMEOUT_SECONDS", 0.001)
    message = refusal(pdfs["example-2024"], tmp_path)
    assert message.endswith("PDF 解析超时（超过 0.001 秒），放弃读取")


@pytest.mark.parametrize(
    "text", ["- 3 -", "— 3 —", "－3－", "第3页", "第 3 页 共 10 页", "3/10", "3 / 10", "Page 3"]
)
def test_page_number_forms_are_recognised(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize(
    "text", ["3", "-", "2020年", "12.35", "（三）不予公开", "第二十条第（一）项"]
)
def test_table_values_and_labels_are_not_page_numbers(text: str) -> None:
    assert not is_page_number(text)
