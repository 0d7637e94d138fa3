"""The docx output: the official grids cell for cell, GB/T 9704 typography, a sound package.

Each table is rebuilt from the XML (gridSpan and vMerge expanded) and compared with the
format declaration and the model, not with the layout the renderer drew from, so a
renderer bug cannot hide behind itself. LibreOffice's view of the file is checked in
``test_real_clients.py``.
"""

from __future__ import annotations

import datetime
import io
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import attrs
import docx
import docx.document
import pytest
from lxml import etree

import govdisclosure as g
from govdisclosure.formats.declaration import Data, Label
from govdisclosure.model import Section
from govdisclosure.rendering import RenderError, _docx, document, render
from govdisclosure.rendering.grid import format_value
from govdisclosure.rendering.templates import builtin_dir, templates

ROOT = Path(__file__).resolve().parent.parent
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W_NS,
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
W = f"{{{W_NS}}}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
EXAMPLES = {"2021": "example-2024.yaml", "2019": "nanchang-edu-2020-corrected.yaml"}
TEXT_WIDTH = 11906 - 1588 - 1474  # A4 less GB/T 9704's left and right margins


@pytest.fixture(params=sorted(EXAMPLES))
def report(request: pytest.FixtureRequest) -> g.Report:
    loaded = g.load(ROOT / "examples" / EXAMPLES[request.param])
    assert loaded.format.version == request.param
    return loaded


def example(version: str) -> g.Report:
    return g.load(ROOT / "examples" / EXAMPLES[version])


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read(name))


def attr(element: etree._Element | None, name: str) -> str:
    assert element is not None
    value = element.get(f"{W}{name}")
    assert value is not None, f"{etree.QName(element).localname} has no w:{name}"
    return value


def text_of(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iterfind(".//w:t", NS))


@attrs.define
class XmlCell:
    """A cell of the logical grid as rebuilt from the XML."""

    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    tc: etree._Element


@attrs.frozen
class XmlTable:
    widths: list[int]
    rows: list[etree._Element]
    cells: list[XmlCell]


def rebuild(tbl: etree._Element) -> XmlTable:
    """The logical grid of a ``w:tbl``: each gridSpan and vMerge expanded into its spans."""
    widths = [int(attr(c, "w")) for c in tbl.iterfind("w:tblGrid/w:gridCol", NS)]
    rows = list(tbl.iterfind("w:tr", NS))
    cells: list[XmlCell] = []
    merging: dict[int, XmlCell] = {}  # grid column → the vMerge cell continuing there
    for r, tr in enumerate(rows):
        col = 0
        for tc in tr.iterfind("w:tc", NS):
            span_el = tc.find("w:tcPr/w:gridSpan", NS)
            span = 1 if span_el is None else int(attr(span_el, "val"))
            merge = tc.find("w:tcPr/w:vMerge", NS)
            if merge is not None and merge.get(f"{W}val", "continue") == "continue":
                above = merging[col]
                assert above.colspan == span and above.row + above.rowspan == r
                assert text_of(tc) == ""
                above.rowspan += 1
            else:
                cell = XmlCell(r, col, 1, span, text_of(tc), tc)
                cells.append(cell)
                for c in range(col, col + span):
                    merging.pop(c, None)
                if merge is not None:
                    merging[col] = cell
            col += span
        assert col == len(widths), f"row {r} covers {col} of {len(widths)} grid columns"
    return XmlTable(widths, rows, cells)


def tables(data: bytes) -> list[XmlTable]:
    return [rebuild(t) for t in part(data, "word/document.xml").iterfind("w:body/w:tbl", NS)]


def header_rows(table: g.Table) -> int:
    """Rows above the first data cell, counted from the declaration."""
    return min(p.row for p in table.spec.placed if isinstance(p.cell, Data))


def test_each_table_is_the_declared_grid_with_the_models_values(report: g.Report) -> None:
    for xml, table in zip(tables(render(report, "docx")), report.tables, strict=True):
        spec = table.spec
        assert (len(xml.rows), len(xml.widths)) == (len(spec.rows), spec.width)
        expected = set()
        for p in spec.placed:
            cell = p.cell
            if isinstance(cell, Label):
                text = cell.text
            elif isinstance(cell, Data):
                text = format_value(table.value((cell.row, cell.col)))
            else:
                text = ""
            expected.add((p.row, p.col, cell.rowspan, cell.colspan, text))
        rebuilt = {(c.row, c.col, c.rowspan, c.colspan, c.text) for c in xml.cells}
        assert rebuilt == expected, spec.name


def test_every_cell_is_as_wide_as_its_grid_columns(report: g.Report) -> None:
    body = part(render(report, "docx"), "word/document.xml")
    for tbl in body.iterfind("w:body/w:tbl", NS):
        xml = rebuild(tbl)
        assert sum(xml.widths) == TEXT_WIDTH
        assert attr(tbl.find("w:tblPr/w:tblW", NS), "w") == str(TEXT_WIDTH)
        assert attr(tbl.find("w:tblPr/w:tblLayout", NS), "type") == "fixed"
        for tr in xml.rows:
            col = 0
            for tc in tr.iterfind("w:tc", NS):
                span_el = tc.find("w:tcPr/w:gridSpan", NS)
                span = 1 if span_el is None else int(attr(span_el, "val"))
                width = tc.find("w:tcPr/w:tcW", NS)
                assert attr(width, "type") == "dxa"
                assert int(attr(width, "w")) == sum(xml.widths[col : col + span])
                col += span


def test_column_widths_suit_each_table(report: g.Report) -> None:
    table2, table3, table4 = (t.widths for t in tables(render(report, "docx")))
    assert table2[0] > max(table2[1:])  # the row labels
    assert min(table3[:3]) > max(table3[3:])  # three label columns, then seven numbers
    assert len(set(table3[3:])) == 1
    assert len(table4) == 15 and max(table4) - min(table4) <= 1


def test_header_rows_repeat_and_no_row_breaks_across_pages(report: g.Report) -> None:
    for xml, table in zip(tables(render(report, "docx")), report.tables, strict=True):
        repeated = [tr.find("w:trPr/w:tblHeader", NS) is not None for tr in xml.rows]
        n = header_rows(table)
        assert repeated == [True] * n + [False] * (len(xml.rows) - n), table.spec.name
        assert all(tr.find("w:trPr/w:cantSplit", NS) is not None for tr in xml.rows)


@pytest.mark.slow
def test_numbers_and_column_heads_are_centred(report: g.Report) -> None:
    for xml, table in zip(tables(render(report, "docx")), report.tables, strict=True):
        n = header_rows(table)
        data_at = {(p.row, p.col) for p in table.spec.placed if isinstance(p.cell, Data)}
        for cell in xml.cells:
            if (cell.row, cell.col) in data_at or cell.row < n:
                assert attr(cell.tc.find("w:p/w:pPr/w:jc", NS), "val") == "center"
                assert attr(cell.tc.find("w:tcPr/w:vAlign", NS), "val") == "center"


def test_table_borders_are_single_lines_on_every_edge(report: g.Report) -> None:
    body = part(render(report, "docx"), "word/document.xml")
    for tbl in body.iterfind("w:body/w:tbl", NS):
        borders = tbl.find("w:tblPr/w:tblBorders", NS)
        assert borders is not None
        edges = {etree.QName(b).localname: (attr(b, "val"), attr(b, "sz")) for b in borders}
        assert edges == dict.fromkeys(
            ("top", "left", "bottom", "right", "insideH", "insideV"), ("single", "4")
        )


def test_python_docx_opens_the_report_and_reads_three_tables(report: g.Report) -> None:
    opened = docx.Document(io.BytesIO(render(report, "docx")))
    assert len(opened.tables) == 3
    assert opened.paragraphs[0].style is not None
    assert opened.paragraphs[0].style.name == "Title"


def test_title_sections_and_parts_use_their_styles(report: g.Report) -> None:
    body = part(render(report, "docx"), "word/document.xml")
    styled: dict[str, list[str]] = {}
    for p in body.iterfind("w:body/w:p", NS):
        style = p.find("w:pPr/w:pStyle", NS)
        styled.setdefault(attr(style, "val"), []).append(text_of(p))
    assert styled["Title"] == [f"{report.meta.agency}{report.meta.year}年政府信息公开工作年度报告"]
    assert styled["Heading1"] == [s.title for s in report.format.sections]
    headings = [
        p.heading for s in document(report).sections for p in s.parts if p.heading is not None
    ]
    assert styled.get("Heading2", []) == headings


def test_signature_block_closes_the_report() -> None:
    report = example("2021")
    assert report.meta.published is not None
    body = part(render(report, "docx"), "word/document.xml")
    signature = [
        text_of(p)
        for p in body.iterfind("w:body/w:p", NS)
        if p.find("w:pPr/w:pStyle[@w:val='Signature']", NS) is not None
    ]
    assert signature == ["示例市人力资源和社会保障局", "2025年1月24日"]


def test_signature_without_a_publication_date_is_the_agency_alone() -> None:
    report = example("2019")
    assert report.meta.published is None
    opened = docx.Document(io.BytesIO(render(report, "docx")))
    assert [p.text for p in opened.paragraphs if p.style and p.style.name == "Signature"] == [
        "南昌市教育局"
    ]


def test_contact_details_precede_the_signature() -> None:
    report = example("2021")
    contact = document(report).contact
    assert contact is not None and "示例市人民路88号" in contact
    texts = [p.text for p in docx.Document(io.BytesIO(render(report, "docx"))).paragraphs]
    assert texts[-4:] == [f"联系方式：{contact}", "", "示例市人力资源和社会保障局", "2025年1月24日"]


def test_styles_name_the_chinese_fonts_of_gbt_9704() -> None:
    styles = part(render(example("2021"), "docx"), "word/styles.xml")
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert defaults is not None
    assert attr(defaults.find("w:rFonts", NS), "eastAsia") == "仿宋_GB2312"
    assert attr(defaults.find("w:lang", NS), "eastAsia") == "zh-CN"

    def style(style_id: str) -> etree._Element:
        found = styles.find(f"w:style[@w:styleId='{style_id}']", NS)
        assert found is not None, style_id
        return found

    for style_id, font, size in (
        ("Title", "方正小标宋简体", "44"),
        ("Heading1", "黑体", "32"),
        ("Heading2", "楷体_GB2312", "32"),
        ("BodyText", "仿宋_GB2312", "32"),
        ("Normal", "仿宋_GB2312", "32"),
    ):
        fonts = style(style_id).find("w:rPr/w:rFonts", NS)
        assert {attr(fonts, k) for k in ("eastAsia", "ascii", "hAnsi")} == {font}, style_id
        assert attr(style(style_id).find("w:rPr/w:sz", NS), "val") == size, style_id
    assert attr(style("Title").find("w:pPr/w:jc", NS), "val") == "center"
    assert attr(style("BodyText").find("w:pPr/w:ind", NS), "firstLineChars") == "200"
    table_text = style("TableText").find("w:rPr/w:rFonts", NS)
    assert attr(table_text, "eastAsia") in {"仿宋_GB2312", "宋体"}


def test_every_run_names_its_east_asian_font(report: g.Report) -> None:
    body = part(render(report, "docx"), "word/document.xml")
    runs = list(body.iterfind(".//w:r", NS))
    assert runs
    for run in runs:
        fonts = run.find("w:rPr/w:rFonts", NS)
        assert attr(fonts, "eastAsia") == attr(fonts, "ascii") == attr(fonts, "hAnsi")


def test_theme_maps_east_asian_text_to_songti_not_a_japanese_font() -> None:
    data = render(example("2021"), "docx")
    theme = part(data, "word/theme/theme1.xml")
    fonts = theme.find(".//a:fontScheme", NS)
    assert fonts is not None
    assert [e.get("typeface") for e in fonts.iterfind("*/a:ea", NS)] == ["宋体", "宋体"]
    assert not theme.findall(".//a:font[@script='Jpan']", NS)
    lang = part(data, "word/settings.xml").find("w:themeFontLang", NS)
    assert attr(lang, "eastAsia") == "zh-CN"


def test_page_is_a4_with_the_margins_of_gbt_9704(report: g.Report) -> None:
    section = part(render(report, "docx"), "word/document.xml").find("w:body/w:sectPr", NS)
    assert section is not None
    size, margins = section.find("w:pgSz", NS), section.find("w:pgMar", NS)
    assert (attr(size, "w"), attr(size, "h")) == ("11906", "16838")
    assert {k: attr(margins, k) for k in ("top", "bottom", "left", "right")} == {
        "top": "2098",
        "bottom": "1984",
        "left": "1588",
        "right": "1474",
    }


def test_page_numbers_sit_right_on_odd_pages_and_left_on_even(report: g.Report) -> None:
    data = render(report, "docx")
    assert part(data, "word/settings.xml").find("w:evenAndOddHeaders", NS) is not None
    rels = part(data, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels.iterfind("rel:Relationship", NS)}
    section = part(data, "word/document.xml").find("w:body/w:sectPr", NS)
    assert section is not None
    sides = {}
    for ref in section.iterfind("w:footerReference", NS):
        footer = part(data, f"word/{targets[ref.get(R_ID)]}")
        assert "PAGE" in "".join(footer.itertext())
        assert text_of(footer) == "— 1 —"
        sides[attr(ref, "type")] = attr(footer.find("w:p/w:pPr/w:jc", NS), "val")
    assert sides == {"default": "right", "even": "left"}


def test_characters_xml_forbids_are_removed(tmp_path: Path) -> None:
    base = example("2021")
    report = base.replace(
        meta=attrs.evolve(base.meta, agency="示例市\x00人力资源\x0b和社会保障局"),
        overview=Section(paragraphs=("全年\x00新收申请\x0b67件。",)),
    )
    data = render(report, "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        etree.fromstring(zf.read("word/document.xml"))  # well-formed
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "全年新收申请67件。" in text
    assert "示例市人力资源和社会保障局" in text
    assert "\x00" not in text and "\x0b" not in text


def test_the_template_filter_guards_text_that_was_never_cleaned() -> None:
    doc = document(example("2021"))
    dirty = attrs.evolve(doc, agency="机关\x01名称\ufffe", title="标题\x1f\ud800")
    data = _docx.render(dirty, templates())
    body = part(data, "word/document.xml")
    title = body.find("w:body/w:p", NS)
    assert title is not None and text_of(title) == "标题"
    assert "机关名称" in [text_of(p) for p in body.iterfind("w:body/w:p", NS)]


def test_prose_expressions_render_as_numbers() -> None:
    base = example("2021")
    report = base.replace(
        overview=Section(paragraphs=("全年新收政府信息公开申请{{ t3.new.total }}件。",))
    )
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(render(report, "docx"))).paragraphs)
    assert f"全年新收政府信息公开申请{base.table3.new.total}件。" in text
    assert base.table3.new.total == 67


def test_a_users_document_template_overrides_the_builtin_one(tmp_path: Path) -> None:
    builtin = (builtin_dir() / "document.xml.j2").read_text("utf-8")
    letterhead = "<w:p><w:r><w:t>示例市人民政府办公室</w:t></w:r></w:p>"
    assert builtin.count("<w:body>\n") == 1
    (tmp_path / "document.xml.j2").write_text(
        builtin.replace("<w:body>\n", "<w:body>\n" + letterhead + "\n"), "utf-8"
    )
    opened = docx.Document(io.BytesIO(render(example("2021"), "docx", template_dir=tmp_path)))
    assert opened.paragraphs[0].text == "示例市人民政府办公室"
    assert len(opened.tables) == 3


def test_a_template_package_that_is_not_a_docx_is_a_render_error(tmp_path: Path) -> None:
    (tmp_path / "report.docx").write_bytes(b"not a zip")
    with pytest.raises(RenderError, match="docx 模板"):
        render(example("2021"), "docx", template_dir=tmp_path)


def test_the_same_report_gives_the_same_bytes() -> None:
    report = example("2021")
    data = render(report, "docx")
    assert render(report, "docx") == data
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.namelist()[0] == "[Content_Types].xml"
        assert {i.compress_type for i in zf.infolist()} == {zipfile.ZIP_DEFLATED}


def test_the_shipped_template_is_what_the_build_script_writes(tmp_path: Path) -> None:
    built = tmp_path / "report.docx"
    script = ROOT / "tools" / "build_docx_template.py"
    subprocess.run([sys.executable, str(script), str(built)], check=True, capture_output=True)
    assert built.read_bytes() == (ROOT / "templates" / "report.docx").read_bytes()


def test_core_properties_carry_the_title_the_agency_and_the_publication_date() -> None:
    report = example("2021")
    assert report.meta.published == datetime.date(2025, 1, 24)
    props = docx.Document(io.BytesIO(render(report, "docx"))).core_properties
    assert props.title == document(report).title
    assert props.title == f"{report.meta.agency}2024年政府信息公开工作年度报告"
    assert props.author == report.meta.agency
    assert props.created is not None and props.created.date() == report.meta.published
    assert props.modified == props.created
    assert props.language == "zh-CN"  # the template's other properties stay


def test_core_properties_without_a_publication_date_have_no_dates() -> None:
    base = example("2021")
    report = attrs.evolve(base, meta=attrs.evolve(base.meta, published=None))
    data = render(report, "docx")
    assert render(report, "docx") == data  # no time of rendering slips in
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.author == report.meta.agency
    assert props.created is None and props.modified is None


def test_core_properties_are_escaped_and_cleaned() -> None:
    base = example("2021")
    agency = "示例市<教育>&体育\x01局"
    report = attrs.evolve(base, meta=attrs.evolve(base.meta, agency=agency))
    data = render(report, "docx")
    core = part(data, "docProps/core.xml")  # well-formed
    assert core.findtext("{http://purl.org/dc/elements/1.1/}creator") == "示例市<教育>&体育局"
    assert docx.Document(io.BytesIO(data)).core_properties.title == (
        "示例市<教育>&体育局2024年政府信息公开工作年度报告"
    )


def _template_package(tmp_path: Path, keep: Callable[[str], bool]) -> Path:
    """The built-in report.docx with only the parts ``keep`` accepts, and without any mention
    of the core properties in the package relationships and content types."""
    source = builtin_dir() / "report.docx"
    target = tmp_path / "report.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            if not keep(info.filename):
                continue
            data = zin.read(info)
            if info.filename in ("_rels/.rels", "[Content_Types].xml"):
                root = etree.fromstring(data)
                for el in list(root):
                    if "core" in (el.get("Target") or el.get("PartName") or ""):
                        root.remove(el)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            zout.writestr(info, data)
    return tmp_path


@pytest.mark.slow
def test_a_template_package_without_core_properties_gets_them(tmp_path: Path) -> None:
    template_dir = _template_package(tmp_path, lambda name: name != "docProps/core.xml")
    data = render(example("2021"), "docx", template_dir=template_dir)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.namelist().count("docProps/core.xml") == 1
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.title == document(example("2021")).title
    assert props.author == example("2021").meta.agency


def test_a_templates_own_core_properties_lose_only_what_the_report_sets(tmp_path: Path) -> None:
    (tmp_path / "report.docx").write_bytes((builtin_dir() / "report.docx").read_bytes())
    opened = docx.Document(str(tmp_path / "report.docx"))
    opened.core_properties.keywords = "政府信息公开"
    opened.core_properties.created = datetime.datetime(2000, 1, 1)
    opened.save(str(tmp_path / "report.docx"))
    base = example("2021")
    report = attrs.evolve(base, meta=attrs.evolve(base.meta, published=None))
    props = docx.Document(io.BytesIO(render(report, "docx", template_dir=tmp_path))).core_properties
    assert props.keywords == "政府信息公开"
    assert props.created is None  # the template's date is not the report's
    assert props.author == base.meta.agency


def test_a_template_package_with_broken_relationships_is_a_render_error(tmp_path: Path) -> None:
    with zipfile.ZipFile(builtin_dir() / "report.docx") as zin:
        parts = {info.filename: zin.read(info) for info in zin.infolist()}
    parts["_rels/.rels"] = b"<Relationships"
    with zipfile.ZipFile(tmp_path / "report.docx", "w") as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    with pytest.raises(RenderError, match="docx 模板"):
        render(example("2021"), "docx", template_dir=tmp_path)


@pytest.mark.slow
def test_xmltext_works_in_a_fresh_process_before_any_docx_is_rendered(tmp_path: Path) -> None:
    # The filter was once added to the shared Jinja environment while rendering a docx, so a
    # template of the user's own that used it failed until one docx had been rendered.
    (tmp_path / "report.md.j2").write_text("{{ doc.agency|xmltext }}\n", "utf-8")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "import govdisclosure\n"
        "from govdisclosure.rendering import render\n"
        "assert 'govdisclosure.rendering._docx' not in sys.modules\n"
        f"report = govdisclosure.load({str(ROOT / 'examples' / EXAMPLES['2021'])!r})\n"
        f"out = render(report, 'md', template_dir=Path({str(tmp_path)!r}))\n"
        "sys.stdout.buffer.write(out)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert done.stdout.decode("utf-8") == f"{example('2021').meta.agency}\n"


def test_to_document_is_the_rendered_docx_opened_with_python_docx(tmp_path: Path) -> None:
    report = example("2021")
    opened = g.to_document(report)
    assert isinstance(opened, docx.document.Document)
    assert len(opened.tables) == 3
    assert opened.core_properties.title == document(report).title
    assert [p.text for p in opened.paragraphs] == [
        p.text for p in docx.Document(io.BytesIO(render(report, "docx"))).paragraphs
    ]
    opened.save(str(tmp_path / "out.docx"))
    assert docx.Document(str(tmp_path / "out.docx")).core_properties.author == report.meta.agency


def test_to_document_takes_a_template_directory(tmp_path: Path) -> None:
    from govdisclosure.rendering import to_document

    builtin = (builtin_dir() / "document.xml.j2").read_text("utf-8")
    letterhead = "<w:p><w:r><w:t>示例市人民政府办公室</w:t></w:r></w:p>"
    (tmp_path / "document.xml.j2").write_text(
        builtin.replace("<w:body>\n", "<w:body>\n" + letterhead + "\n"), "utf-8"
    )
    assert to_document(example("2021"), tmp_path).paragraphs[0].text == "示例市人民政府办公室"


@pytest.mark.slow
def test_importing_the_package_does_not_import_python_docx() -> None:
    script = "import sys, govdisclosure; print('docx' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True)
    assert done.stdout.strip() == b"False"
