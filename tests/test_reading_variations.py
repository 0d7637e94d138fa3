"""Published reports as agencies really put them online: each variation is read with the
right numbers, and is reported as a warning (never an error) where it departs from the
format. The fixtures are built in tests/fixtures_reading from the examples, without the
library's renderers."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from fixtures_reading import (
    EXAMPLES,
    SEED,
    Cell,
    Published,
    docx,
    pdf_like_text,
    row_index,
)

import govdisclosure as g
from govdisclosure.model import Blank, numeric
from govdisclosure.reading import Reading, read, read_bytes
from govdisclosure.reading._docx import items as docx_items

EXAMPLE_2024 = g.load(EXAMPLES / "example-2024.yaml")
NANCHANG_CORRECTED = g.load(EXAMPLES / "nanchang-edu-2020-corrected.yaml")


def messages(reading: Reading) -> list[str]:
    return [f.message for f in reading.findings]


def assert_tables_read(reading: Reading, report: g.Report) -> None:
    """Every table number as the report states it, totals included."""
    got = reading.report
    assert got.table2 == report.table2
    assert got.table3 == report.table3.with_totals()
    assert got.table4 == report.table4.with_totals()


def test_html_as_published_reads_every_number_without_findings() -> None:
    # The baseline the variations below bend: the official grid, nothing renamed.
    reading = read_bytes(Published.of(EXAMPLE_2024).html(), ".html")
    assert_tables_read(reading, EXAMPLE_2024)
    assert reading.report.overview == EXAMPLE_2024.overview
    assert reading.findings == ()


def test_half_width_brackets_and_colons_are_read_like_full_width() -> None:
    published = Published.of(EXAMPLE_2024)
    page = published.html().decode()
    page = page.replace("（", "(").replace("）", ")").replace("：", ":")
    reading = read_bytes(page.encode(), ".html")
    assert_tables_read(reading, EXAMPLE_2024)
    assert reading.report.meta.contact == EXAMPLE_2024.meta.contact
    assert reading.report.meta.website == EXAMPLE_2024.meta.website
    assert [p.heading for p in reading.report.overview.parts] == [  # type: ignore[union-attr]
        p.heading
        for p in EXAMPLE_2024.overview.parts  # type: ignore[union-attr]
    ]
    assert reading.findings == ()


def test_spaces_and_line_breaks_inside_labels_are_ignored() -> None:
    published = Published.of(NANCHANG_CORRECTED)
    for rows in published.tables.values():
        for row in rows:
            for cell in row:
                if cell.text == "商业企业":
                    cell.text = "商业 企业"
                elif cell.text == "本年新制作数量":
                    cell.text = "本年新\n制作数量"  # <br> in the HTML
                elif cell.text == "一、本年新收政府信息公开申请数量":
                    cell.text = "一、本年新收政府信息\n公开申请数量"
    reading = read_bytes(published.html(), ".html")
    assert_tables_read(reading, NANCHANG_CORRECTED)
    assert reading.findings == ()


def test_declared_alternative_table4_heading_is_read_without_a_finding() -> None:
    published = Published.of(EXAMPLE_2024)
    published.headings["table4"] = "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"
    reading = read_bytes(published.html(), ".html")
    assert_tables_read(reading, EXAMPLE_2024)
    assert reading.findings == ()


def test_renamed_table4_heading_is_read_with_a_warning() -> None:
    published = Published.of(EXAMPLE_2024)
    renamed = "四、政府信息公开行政复议和诉讼情况"
    published.headings["table4"] = renamed
    reading = read_bytes(published.html(), ".html")
    assert_tables_read(reading, EXAMPLE_2024)
    assert [(f.severity.value, f.path, f.message) for f in reading.findings] == [
        ("warning", "table4", f"标题写作“{renamed}”，与格式不同")
    ]


def test_provincial_extra_row_in_table2_is_left_out_with_a_warning() -> None:
    # Hubei's 2019 reports add 其他主动公开文件 under 规范性文件 in table 二.
    published = Published.of(NANCHANG_CORRECTED)
    rows = published.tables["table2"]
    at = row_index(rows, "规范性文件") + 1
    rows.insert(at, [Cell("其他主动公开文件", header=True), Cell("37"), Cell("37"), Cell("412")])
    reading = read_bytes(published.html(), ".html")
    assert reading.report.table2 == NANCHANG_CORRECTED.table2
    assert [(f.severity.value, f.message) for f in reading.findings] == [
        ("warning", "表中有格式之外的内容“其他主动公开文件”")
    ]


def test_extra_subtotal_column_in_table3_is_left_out_with_a_warning() -> None:
    published = Published.of(EXAMPLE_2024)
    rows = published.tables["table3"]
    organisations = next(c for c in rows[1] if c.text == "法人或其他组织")
    organisations.colspan += 1
    rows[2].append(Cell("小计", header=True))
    shown = EXAMPLE_2024.table3.with_totals()
    organisation_cols = ("commercial", "research", "social_welfare", "legal_services", "other")
    for row_key, row in zip(shown.spec.row_keys, rows[3:], strict=True):
        subtotal = sum(numeric(shown[row_key, c]) for c in organisation_cols)
        row.insert(len(row) - 1, Cell(str(subtotal)))  # between 其他 and 总计
    reading = read_bytes(published.html(), ".html")
    assert_tables_read(reading, EXAMPLE_2024)
    assert [(f.severity.value, f.message) for f in reading.findings] == [
        ("warning", "表中多出“小计”列（格式中没有），已略去")
    ]


def test_table3_split_over_two_tables_with_its_header_repeated_reads_every_row() -> None:
    published = Published.of(EXAMPLE_2024)
    published.split["table3"] = row_index(published.tables["table3"], "5.属于三类内部事务信息")
    page = published.html()
    assert page.count(b"<table") == 4  # 二, 三 in two parts, 四
    reading = read_bytes(page, ".html")
    assert_tables_read(reading, EXAMPLE_2024)
    assert reading.findings == ()


def test_blank_total_column_is_read_as_blank_and_validated_as_one_blank_warning() -> None:
    published = Published.of(EXAMPLE_2024)
    for row in published.tables["table3"][3:]:
        row[-1].text = ""
    reading = read_bytes(published.html(), ".html")
    table3 = reading.report.table3
    totals = [(row, "total") for row in table3.spec.row_keys]
    assert {k: table3.stated[k] for k in totals} == dict.fromkeys(totals, Blank(""))
    assert reading.findings == ()
    blank = [f for f in g.validate(reading.report) if f.rule == "BLANK"]
    assert [(f.severity.value, f.path, f.location) for f in blank] == [
        ("warning", "table3.*.total", "表三 “总计”列")
    ]
    assert blank[0].message.startswith(f"{len(totals)}个单元格留空")


@pytest.mark.parametrize("placeholder", ["/", "-", "无"])
def test_placeholders_for_zero_are_kept_distinct_from_zero(placeholder: str) -> None:
    published = Published.of(EXAMPLE_2024)
    rows = published.tables["table3"]
    research = EXAMPLE_2024.table3.spec.fields["new", "research"].col
    row = rows[row_index(rows, "一、本年新收政府信息公开申请数量")]
    # The row's cells: its label, then the data cells in grid columns 3 to 9.
    assert row[1 + research - 3].text == "0"
    row[1 + research - 3].text = placeholder
    reading = read_bytes(published.html(), ".html")
    stated = reading.report.table3.stated["new", "research"]
    assert stated == Blank(placeholder)
    assert stated != 0
    assert reading.findings == ()
    blank = [f for f in g.validate(reading.report) if f.rule == "BLANK"]
    assert [(f.path, f.stated, f.message) for f in blank] == [
        ("table3.new.research", placeholder, "单元格留空或未填数字，按0计算；应填写“0”")
    ]


def test_text_extracted_from_a_pdf_with_page_headers_and_numbers_reads_every_number() -> None:
    text = pdf_like_text(Published.of(NANCHANG_CORRECTED))
    assert "- 3 -\n南昌市教育局2020年政府信息公开工作年度报告\n" in text
    assert "\n（二）部分公开（区分处理 0 0 0 0 0 0 0\n" in text  # a label detached and broken
    reading = read_bytes(text.encode(), ".txt")
    assert_tables_read(reading, NANCHANG_CORRECTED)
    assert reading.findings == ()


def test_page_numbers_in_text_from_a_pdf_are_not_read_as_paragraphs() -> None:
    text = pdf_like_text(Published.of(EXAMPLE_2024), page_lines=3)
    assert "\n- 1 -\n" in text  # inside section 一's prose
    report = read_bytes(text.encode(), ".txt").report
    paragraphs = [
        p
        for s in (report.overview, report.problems, report.other)
        if s
        for p in s.text_paragraphs()
    ]
    assert paragraphs
    assert not [p for p in paragraphs if re.fullmatch(r"- \d+ -", p)]


def test_html_in_gbk_declared_as_gb2312_is_decoded() -> None:
    page = Published.of(EXAMPLE_2024).html(charset="gb2312", encoding="gbk")
    with pytest.raises(UnicodeDecodeError):
        page.decode("utf-8")
    reading = read_bytes(page, ".html")
    assert reading.report.meta.agency == "示例市人力资源和社会保障局"
    assert_tables_read(reading, EXAMPLE_2024)
    assert reading.report.overview == EXAMPLE_2024.overview


def test_html_in_gb18030_without_a_meta_tag_is_decoded() -> None:
    # 䶮 (CJK extension A) is outside GBK: only GB18030 encodes it.
    published = Published.of(EXAMPLE_2024)
    published.headings["problems"] = "五、存在的主要问题及改进情况"
    page = published.html(charset=None, encoding="gb18030")
    page = page.replace("政策解读".encode("gb18030"), "政策䶮读".encode("gb18030"))
    assert b"charset" not in page
    reading = read_bytes(page, ".html")
    assert_tables_read(reading, EXAMPLE_2024)
    problems = reading.report.problems
    assert problems is not None
    assert problems.parts[0].paragraphs[0].startswith("政策䶮读形式较为单一")


def test_docx_with_vmerge_and_gridspan_reads_every_number_once() -> None:
    reading = read_bytes(docx(Published.of(EXAMPLE_2024)), ".docx")
    assert_tables_read(reading, EXAMPLE_2024)
    assert reading.findings == ()


def test_docx_merged_label_is_one_item_not_one_per_grid_position() -> None:
    # python-docx gives a vertically merged cell once per row it covers (8 for 不予公开).
    found = [i.text for i in docx_items(docx(Published.of(EXAMPLE_2024))) if i.cell]
    assert found.count("（三）不予公开") == 1
    assert found.count("三、本年度办理结果") == 1
    assert found.count("行政诉讼") == 1  # gridSpan of 10


def test_seed_text_reads_every_table_number_as_published() -> None:
    published = g.load(EXAMPLES / "nanchang-edu-2020.yaml")
    reading = read(SEED)
    assert [t.stated for t in reading.report.tables] == [t.stated for t in published.tables]
    assert reading.report.meta.version == "2019"
    assert not [f for f in reading.findings if f.is_error]


def test_seed_text_reads_every_prose_section_as_published() -> None:
    published = g.load(EXAMPLES / "nanchang-edu-2020.yaml")
    report = read(SEED).report
    assert (report.overview, report.problems, report.other) == (
        published.overview,
        published.problems,
        published.other,
    )


def test_2019_procurement_amount_keeps_its_unit() -> None:
    reading = read_bytes(Published.of(NANCHANG_CORRECTED).html(), ".html")
    assert str(reading.report.table2.stated["procurement", "amount"]) == "12350.49万元"


def test_2021_fee_amount_is_a_decimal_in_wanyuan() -> None:
    fees = read_bytes(Published.of(EXAMPLE_2024).html(), ".html").report.table2
    assert fees.stated["fees", "amount"] == Decimal("12.35")
