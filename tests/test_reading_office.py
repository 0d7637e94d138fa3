"""Word files as agencies publish them: docx from Word and WPS with the markup those write (text
boxes, content controls, tracked changes, hidden text, fields, nested tables), and the legacy
.doc and .wps attachments portals offer, converted by LibreOffice.

The documents are built from the official grid (tests/fixtures_reading) and given each feature
as Word writes it; the .doc files are made by LibreOffice from them, as “save as Word 97-2003”.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from expect import libreoffice
from fixtures_reading import EXAMPLES, Published, docx, edit_docx

import govdisclosure as g
from govdisclosure.reading import READERS, Reading, _docx, _legacy, read, read_bytes
from govdisclosure.reading.items import Item
from govdisclosure.reading.safety import UnreadableError

EXAMPLE = g.load(EXAMPLES / "example-2024.yaml")
TITLE = "示例市人力资源和社会保障局2024年政府信息公开工作年度报告"
NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'mc:Ignorable="wps"'
)


def texts(found: list[Item]) -> list[str]:
    return [i.text for i in found]


def assert_report(reading: Reading) -> None:
    """Every table number, the prose, agency, year and date as the example states them."""
    got = reading.report
    assert got.table2 == EXAMPLE.table2
    assert got.table3 == EXAMPLE.table3.with_totals()
    assert got.table4 == EXAMPLE.table4.with_totals()
    assert got.overview == EXAMPLE.overview
    assert (got.meta.agency, got.meta.year) == (EXAMPLE.meta.agency, EXAMPLE.meta.year)
    assert got.meta.published == EXAMPLE.meta.published


def run(text: str) -> str:
    return f"<w:r><w:t>{text}</w:t></w:r>"


def para(inner: str) -> str:
    return f"<w:p>{inner}</w:p>"


def word(published: Published, edit: Callable[[str], str] = lambda x: x) -> bytes:
    """The published report as a docx, its document.xml changed by ``edit``."""

    def change(members: dict[str, bytes]) -> None:
        xml = members["word/document.xml"].decode()
        xml = xml.replace(
            'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"', NS, 1
        )
        members["word/document.xml"] = edit(xml).encode()

    return edit_docx(docx(published), change)


def mark(published: Published, label: str, column: int, marker: str) -> str:
    """Replace the value in ``column`` (0 = first value cell) of the row labelled ``label`` by
    ``marker``; returns the value it held."""
    for rows in published.tables.values():
        for row in rows:
            if any(c.text == label for c in row):
                values = [c for c in row if not c.header]
                value = values[column].text
                values[column].text = marker
                return value
    raise AssertionError(label)


# --- docx from Word and WPS --------------------------------------------------------------


def test_docx_title_in_a_word_text_box_is_read_once_before_its_paragraph() -> None:
    # Word writes a text box twice: as a DrawingML shape and as VML for older readers.
    box = "<w:txbxContent>" + para(run(TITLE)) + "</w:txbxContent>"
    anchor = para(
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        f'wordprocessingShape"><wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData>'
        "</a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape>"
        f"<v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent>"
        "</w:r>" + run("本报告根据《中华人民共和国政府信息公开条例》编制。")
    )
    data = word(Published.of(EXAMPLE), lambda x: x.replace(para(run(TITLE)), anchor, 1))
    found = texts(_docx.items(data))
    assert found[:2] == [TITLE, "本报告根据《中华人民共和国政府信息公开条例》编制。"]
    assert found.count(TITLE) == 1


def test_docx_title_in_a_wps_text_box_gives_agency_and_year() -> None:
    # WPS writes the title's text box as VML only, anchored in an otherwise empty paragraph.
    anchor = para(
        '<w:r><w:pict><v:shape style="position:absolute;width:400pt;height:60pt"><v:textbox>'
        f"<w:txbxContent>{para(run(TITLE))}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    data = word(Published.of(EXAMPLE), lambda x: x.replace(para(run(TITLE)), anchor, 1))
    assert texts(_docx.items(data))[0] == TITLE
    assert_report(read_bytes(data, ".docx"))


def test_docx_tracked_changes_read_as_accepted() -> None:
    published = Published.of(EXAMPLE)
    value = mark(published, "（七）总计", 0, "TRACKED")
    changed = (
        '<w:del w:id="1" w:author="审核人"><w:r><w:delText>999</w:delText></w:r></w:del>'
        f'<w:ins w:id="2" w:author="审核人"><w:r><w:t>{value}</w:t></w:r></w:ins>'
    )
    deleted_row = (
        '<w:tr><w:trPr><w:del w:id="3" w:author="审核人"/></w:trPr>'
        + "".join(
            f'<w:tc><w:p><w:del w:id="4" w:author="审核人"><w:r><w:delText>{t}</w:delText>'
            "</w:r></w:del></w:p></w:tc>"
            for t in ("其他主动公开文件", "5", "5", "5")
        )
        + "</w:tr>"
    )
    moved = para(
        '<w:moveFrom w:id="5" w:author="审核人"><w:r><w:t>已移走的句子。</w:t></w:r></w:moveFrom>'
    )

    def edit(xml: str) -> str:
        xml = xml.replace(run("TRACKED"), changed)
        xml = xml.replace("</w:tbl>", f"{deleted_row}</w:tbl>", 1)  # at the end of table 二
        return xml.replace(para(run("一、总体情况")), para(run("一、总体情况")) + moved, 1)

    data = word(published, edit)
    found = texts(_docx.items(data))
    assert not [t for t in found if "999" in t or "其他主动公开文件" in t or "已移走" in t]
    assert_report(read_bytes(data, ".docx"))


def test_docx_hidden_text_is_not_read() -> None:
    published = Published.of(EXAMPLE)
    value = mark(published, "（七）总计", 0, "HIDDEN")
    cell = run(value) + "<w:r><w:rPr><w:vanish/></w:rPr><w:t>（待核）</w:t></w:r>"
    hidden = para('<w:r><w:rPr><w:vanish/><w:sz w:val="32"/></w:rPr><w:t>内部审核意见</w:t></w:r>')
    shown = para('<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>明确不隐藏的说明。</w:t></w:r>')

    def edit(xml: str) -> str:
        xml = xml.replace(run("HIDDEN"), cell)
        return xml.replace(para(run("一、总体情况")), hidden + para(run("一、总体情况")) + shown)

    data = word(published, edit)
    found = texts(_docx.items(data))
    assert not [t for t in found if "待核" in t or "内部审核意见" in t]
    assert "明确不隐藏的说明。" in found
    assert read_bytes(data, ".docx").report.table3 == EXAMPLE.table3.with_totals()


def test_docx_fields_give_their_result_not_their_code() -> None:
    # Totals computed by formula fields (complex and simple), the date by a DATE field.
    published = Published.of(EXAMPLE)
    total = mark(published, "（七）总计", 6, "FORMULA")
    natural = mark(published, "（七）总计", 0, "SIMPLE")

    def field(code: str, result: str) -> str:
        return (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f"{run(result)}"
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )

    def edit(xml: str) -> str:
        xml = xml.replace(run("FORMULA"), field("=SUM(LEFT)", total))
        xml = xml.replace(
            run("SIMPLE"), f'<w:fldSimple w:instr=" =SUM(ABOVE) ">{run(natural)}</w:fldSimple>'
        )
        return xml.replace(run("2025年1月24日"), field('DATE \\@ "yyyy年M月d日"', "2025年1月24日"))

    data = word(published, edit)
    found = texts(_docx.items(data))
    assert not [t for t in found if "SUM" in t or "DATE" in t]
    assert_report(read_bytes(data, ".docx"))


def test_docx_content_controls_give_their_content_but_not_a_placeholder() -> None:
    published = Published.of(EXAMPLE)
    value = mark(published, "（七）总计", 0, "INCELL")
    agency = "示例市人力资源和社会保障局"
    title = (
        '<w:p><w:sdt><w:sdtPr><w:alias w:val="机关名称"/></w:sdtPr><w:sdtContent>'
        f"{run(agency)}</w:sdtContent></w:sdt>{run('2024年政府信息公开工作年度报告')}</w:p>"
    )
    placeholder = (
        "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
        f"{para(run('单击或点击此处输入文字。'))}</w:sdtContent></w:sdt>"
    )

    def edit(xml: str) -> str:
        xml = xml.replace(para(run(TITLE)), title + placeholder, 1)
        # A cell inside a cell-level content control (a repeating section, as forms use).
        start = xml.index(run("INCELL"))
        cell_start = xml.rindex("<w:tc>", 0, start)
        cell_end = xml.index("</w:tc>", start) + len("</w:tc>")
        cell = xml[cell_start:cell_end].replace(run("INCELL"), run(value))
        wrapped = f"<w:sdt><w:sdtPr/><w:sdtContent>{cell}</w:sdtContent></w:sdt>"
        return xml[:cell_start] + wrapped + xml[cell_end:]

    data = word(published, edit)
    found = texts(_docx.items(data))
    assert found[0] == TITLE
    assert "单击或点击此处输入文字。" not in found
    assert_report(read_bytes(data, ".docx"))


def test_docx_report_in_a_one_cell_layout_table_gives_data_cells_not_one_blob() -> None:
    # WPS users lay a whole report out in a one-cell table; its tables are nested in it.
    def edit(xml: str) -> str:
        start = xml.index("<w:body>") + len("<w:body>")
        end = xml.index("</w:body>")
        inner = xml[start:end]
        return f"{xml[:start]}<w:tbl><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl>{xml[end:]}"

    data = word(Published.of(EXAMPLE), edit)
    found = _docx.items(data)
    assert found[0] == Item(TITLE)
    assert Item("一、总体情况") in found
    assert max(len(i.text) for i in found if i.cell) < 40
    assert_report(read_bytes(data, ".docx"))


def test_docx_table_cell_holding_a_table_is_walked_into_in_order() -> None:
    inner = "<w:tbl><w:tr><w:tc>" + para(run("内表")) + "</w:tc></w:tr></w:tbl>"
    table = (
        "<w:tbl><w:tr><w:tc>" + para(run("外表左")) + inner + "<w:p/></w:tc>"
        "<w:tc>" + para(run("外表右")) + "</w:tc></w:tr></w:tbl>"
    )
    data = word(Published.of(EXAMPLE), lambda x: x.replace("<w:body>", f"<w:body>{table}", 1))
    assert _docx.items(data)[:3] == [
        Item("外表左"),
        Item("内表", cell=True),
        Item("外表右", cell=True),
    ]


def test_docx_line_breaks_in_cells_join_words_and_keep_numbers_apart() -> None:
    published = Published.of(EXAMPLE)
    mark(published, "（七）总计", 0, "NUMBERS")

    def edit(xml: str) -> str:
        xml = xml.replace(run("商业企业"), "<w:r><w:t>商业</w:t><w:br/><w:t>企业</w:t></w:r>")
        return xml.replace(run("NUMBERS"), "<w:r><w:t>3</w:t><w:br/><w:t>5</w:t></w:r>")

    found = [i.text for i in _docx.items(word(published, edit)) if i.cell]
    assert "商业企业" in found
    assert "3 5" in found


def test_docx_line_break_in_a_paragraph_starts_a_new_line() -> None:
    # The signature typed as one paragraph with a line break before the date.
    signature = f"<w:r><w:t>{EXAMPLE.meta.agency}</w:t><w:br/><w:t>2025年1月24日</w:t></w:r>"

    def edit(xml: str) -> str:
        xml = xml.replace(para(run("2025年1月24日")), "", 1)
        return xml.replace(run(EXAMPLE.meta.agency), signature)

    data = word(Published.of(EXAMPLE), edit)
    assert texts(_docx.items(data))[-2:] == [EXAMPLE.meta.agency, "2025年1月24日"]
    assert_report(read_bytes(data, ".docx"))


def test_docx_tab_stops_of_a_paragraph_are_no_tabs_in_its_text() -> None:
    tabs = '<w:pPr><w:tabs><w:tab w:val="right" w:pos="8000"/></w:tabs></w:pPr>'
    data = word(
        Published.of(EXAMPLE),
        lambda x: x.replace(para(run("一、总体情况")), f"<w:p>{tabs}{run('一、总体情况')}</w:p>"),
    )
    assert "一、总体情况" in texts(_docx.items(data))


def test_docx_horizontally_merged_cells_of_older_documents_are_read_once() -> None:
    row = (
        '<w:tbl><w:tr><w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr>'
        + para(run("合并"))
        + "</w:tc><w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc>"
        + "<w:tc>"
        + para(run("右"))
        + "</w:tc></w:tr></w:tbl>"
    )
    data = word(Published.of(EXAMPLE), lambda x: x.replace("<w:body>", f"<w:body>{row}", 1))
    assert _docx.items(data)[:2] == [Item("合并", cell=True), Item("右", cell=True)]


def test_docx_in_strict_open_xml_is_read() -> None:
    def strict(members: dict[str, bytes]) -> None:
        xml = members["word/document.xml"]
        members["word/document.xml"] = xml.replace(
            b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
            b"http://purl.oclc.org/ooxml/wordprocessingml/main",
        )

    data = edit_docx(docx(Published.of(EXAMPLE)), strict)
    assert_report(read_bytes(data, ".docx"))


def test_docx_whose_package_names_another_main_part_is_read() -> None:
    def moved(members: dict[str, bytes]) -> None:
        members["word/main.xml"] = members.pop("word/document.xml")
        members["_rels/.rels"] = members["_rels/.rels"].replace(
            b"word/document.xml", b"word/main.xml"
        )

    data = edit_docx(docx(Published.of(EXAMPLE)), moved)
    assert_report(read_bytes(data, ".docx"))


def test_docx_whose_package_points_outside_it_is_read_from_the_usual_part() -> None:
    def escape(members: dict[str, bytes]) -> None:
        members["_rels/.rels"] = members["_rels/.rels"].replace(
            b"word/document.xml", b"../../etc/passwd"
        )

    assert_report(read_bytes(edit_docx(docx(Published.of(EXAMPLE)), escape), ".docx"))


@pytest.mark.parametrize("suffix", [".docm", ".dotx"])
def test_macro_enabled_and_template_word_files_are_read_as_docx(suffix: str) -> None:
    assert suffix in READERS
    assert_report(read_bytes(docx(Published.of(EXAMPLE)), suffix))


# --- Legacy .doc and .wps, through LibreOffice ---------------------------------------------


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The example as LibreOffice saves it: Word 97-2003 .doc, RTF, and an Excel .xls."""
    work = tmp_path_factory.mktemp("legacy")
    (work / "report.docx").write_bytes(docx(Published.of(EXAMPLE)))
    (work / "sheet.csv").write_text("机关,件数\n示例局,1\n", encoding="utf-8")
    out: dict[str, bytes] = {}
    for source, to in (("report.docx", "doc"), ("report.docx", "rtf"), ("sheet.csv", "xls")):
        result = libreoffice(work / source, to, work)
        assert result.returncode == 0, result.stderr
        out[to] = (work / f"{Path(source).stem}.{to}").read_bytes()
    return out


@pytest.mark.external
def test_doc_from_word_97_2003_reads_every_number_title_and_date(made: dict[str, bytes]) -> None:
    assert made["doc"].startswith(b"\xd0\xcf\x11\xe0")
    assert_report(read_bytes(made["doc"], ".doc"))


@pytest.mark.external
def test_wps_file_reads_like_the_doc_it_is(made: dict[str, bytes]) -> None:
    # WPS saves .wps as a Word 97 binary in an OLE compound file, as .doc is.
    assert_report(read_bytes(made["doc"], ".wps"))


@pytest.mark.external
def test_doc_file_read_through_read_by_its_suffix(made: dict[str, bytes], tmp_path: Path) -> None:
    path = tmp_path / "附件：2024年报.doc"
    path.write_bytes(made["doc"])
    assert_report(read(path))


@pytest.mark.external
def test_doc_served_under_a_docx_name_is_converted(made: dict[str, bytes]) -> None:
    assert_report(read_bytes(made["doc"], ".docx"))


@pytest.mark.external
def test_rtf_saved_as_doc_is_converted(made: dict[str, bytes]) -> None:
    assert made["rtf"].startswith(b"{\\rtf")
    assert_report(read_bytes(made["rtf"], ".doc"))


@pytest.fixture
def no_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_legacy, "soffice", lambda: None)


@pytest.mark.usefixtures("no_libreoffice")
def test_docx_served_under_a_doc_name_is_read_without_libreoffice() -> None:
    assert_report(read_bytes(docx(Published.of(EXAMPLE)), ".doc"))


@pytest.mark.usefixtures("no_libreoffice")
def test_web_page_saved_as_doc_is_read_as_html_without_libreoffice() -> None:
    page = Published.of(EXAMPLE).html()
    assert_report(read_bytes(page, ".doc"))
    assert_report(read_bytes(b"\xef\xbb\xbf\r\n" + page, ".doc"))


@pytest.mark.external
@pytest.mark.usefixtures("no_libreoffice")
def test_doc_without_libreoffice_is_refused_naming_the_program(made: dict[str, bytes]) -> None:
    with pytest.raises(g.InputError) as info:
        read_bytes(made["doc"], ".wps", "附件.wps")
    assert [f.message for f in info.value.findings] == [_legacy.MISSING]
    assert "LibreOffice" in _legacy.MISSING and ".doc/.wps" in _legacy.MISSING


@pytest.mark.external
def test_check_without_libreoffice_on_the_path_prints_one_line(
    made: dict[str, bytes], tmp_path: Path
) -> None:
    path = tmp_path / "附件.doc"
    path.write_bytes(made["doc"])
    empty = tmp_path / "bin"
    empty.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "govdisclosure", "check", "-j", "1", str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": str(empty)},
        timeout=120,
        check=False,
    )
    assert result.returncode == 2  # the file cannot be read here
    assert result.stdout.strip().splitlines() == [f"{path}: 错误 READ 文件：{_legacy.MISSING}"]
    assert "Traceback" not in result.stderr


def refusal(data: bytes, suffix: str = ".doc") -> str:
    with pytest.raises(g.InputError) as info:
        read_bytes(data, suffix)
    (finding,) = info.value.findings
    return finding.message


def test_file_named_doc_that_is_no_word_file_is_refused_saying_what_it_starts_with() -> None:
    assert refusal(b"%PDF-1.7\n...") == (
        "不是 Word 文档：.doc/.wps 文件应为 OLE 复合文档（开头为 D0 CF 11 E0），"
        "此文件开头为 25 50 44 46 2D 31 2E 37"
    )


def test_web_archive_named_doc_is_refused_saying_what_it_is() -> None:
    data = b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n\r\n--x\r\n"
    assert refusal(data).startswith("此文件是网页存档（MHT），不是 Word 文档")


@pytest.mark.external
def test_spreadsheet_named_doc_is_refused_as_no_word_document(made: dict[str, bytes]) -> None:
    assert made["xls"].startswith(b"\xd0\xcf\x11\xe0")
    assert refusal(made["xls"]).startswith(
        "不是 Word 文档：文件是 OLE 复合文档，但其中没有 Word 正文"
    )


@pytest.mark.parametrize("suffix", [".doc", ".docx"])
def test_encrypted_office_file_is_refused_without_starting_libreoffice(
    suffix: str, no_libreoffice: None
) -> None:
    # Word saves a password-protected .docx as an OLE file with an EncryptedPackage stream.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    data = ole + "EncryptedPackage".encode("utf-16-le") + bytes(1024)
    assert "已加密" in refusal(data, suffix)


def word_stream(doc: bytes) -> int:
    """Where the Word binary's FIB starts (its magic 0xA5EC at a sector boundary)."""
    return next(i for i in range(512, len(doc), 512) if doc[i : i + 2] == b"\xec\xa5")


@pytest.mark.external
def test_password_protected_doc_is_refused_not_waited_on(made: dict[str, bytes]) -> None:
    doc = bytearray(made["doc"])
    fib = word_stream(made["doc"])
    flags = int.from_bytes(doc[fib + 0x0A : fib + 0x0C], "little")
    doc[fib + 0x0A : fib + 0x0C] = (flags | 0x0100).to_bytes(2, "little")  # fEncrypted
    assert refusal(bytes(doc)).startswith("LibreOffice 未能转换此文件（文件可能已损坏、加密")


@pytest.mark.external
def test_damaged_doc_is_refused_not_read_as_garbage_text(made: dict[str, bytes]) -> None:
    # Without a named import filter LibreOffice would import it as plain text.
    doc = bytearray(made["doc"])
    fib = word_stream(made["doc"])
    doc[fib : fib + 512] = bytes(512)
    assert refusal(bytes(doc)).startswith("LibreOffice 未能转换此文件")


@pytest.fixture
def own_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A temporary directory the conversion works in, to see what it leaves."""
    work = tmp_path / "tmp"
    work.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(work))
    yield work


def processes_using(path: Path) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if str(path) in cmdline:
                found.append(cmdline)
    return found


@pytest.mark.external
def test_conversion_leaves_no_file_behind(made: dict[str, bytes], own_tmp: Path) -> None:
    assert _legacy.items(made["doc"])
    assert list(own_tmp.iterdir()) == []


@pytest.mark.external
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to list processes")
def test_conversion_past_its_time_limit_is_ended_with_every_process_it_started(
    made: dict[str, bytes], own_tmp: Path
) -> None:
    if _legacy.soffice() is None:
        pytest.skip("LibreOffice is not installed")
    with pytest.raises(UnreadableError, match=r"LibreOffice 转换超时（超过 0.5 秒），已终止"):
        _legacy.convert(made["doc"], timeout=0.5)
    assert processes_using(own_tmp) == []
    assert list(own_tmp.iterdir()) == []


def test_legacy_suffixes_are_registered() -> None:
    assert READERS[".doc"] is _legacy.items
    assert READERS[".wps"] is _legacy.items
