"""Each class of variation that real published reports show (issue 11), on reports built from
the examples: title, agency and year; headings; row labels as printed; cells; digits run
together; layouts; merged cells; rules on what was not read; noise. Every test asserts what
is read, and that a cell the file does not determine is reported unread, never guessed."""

from __future__ import annotations

import datetime

import attrs
import pytest
from fixtures_reading import EXAMPLES, Cell, Published, docx, row_index

import govdisclosure as g
from govdisclosure.model import Blank, numeric
from govdisclosure.reading import Reading, read_bytes

EXAMPLE_2024 = g.load(EXAMPLES / "example-2024.yaml")
NANCHANG_CORRECTED = g.load(EXAMPLES / "nanchang-edu-2020-corrected.yaml")
CRAWLER_HEADER = (
    "标题: {title}\n发布时间: 2025-01-20 10:00\n原文链接: https://example.gov.cn/1.htm\n"
)
BODY = "==================== 正文 ====================\n"


def crawled(published: Published, between: str = "", header: bool = True) -> bytes:
    """The report as a crawler captures its web page: a header of its own, then everything
    on one line, each table row's cells joined with ``between`` (nothing: boundaries lost)."""
    parts = [published.title]
    for block in published.blocks():
        if isinstance(block, str):
            parts.append(block)
            continue
        for row in block:
            parts.append("".join(c.text if c.header else c.text + between for c in row))
    head = CRAWLER_HEADER.format(title=published.title) + BODY if header else ""
    return (head + " ".join(parts) + "\n").encode()


def web_text(published: Published, title: str | None = None) -> bytes:
    text = published.web_text()
    if title is not None:
        text = text.replace(published.title, title, 1)
    return text.encode()


def stated_cells(report: g.Report) -> dict[tuple[str, str, str], object]:
    return {
        (t.key, *k): v
        for t in (report.table2, report.table3.with_totals(), report.table4.with_totals())
        for k, v in t.stated.items()
    }


def assert_no_wrong_cell(reading: Reading, truth: g.Report) -> set[tuple[str, str, str]]:
    """Every cell read is right; returns the cells left unread."""
    want = stated_cells(truth)
    got = {(t.key, *k): v for t in reading.report.tables for k, v in t.stated.items()}
    assert {k: v for k, v in got.items() if want.get(k) != v} == {}
    unread = {(t.key, *k) for t in reading.report.tables for k in t.unread}
    assert set(want) - set(got) == unread
    return unread


def errors(reading: Reading) -> list[str]:
    return [f.one_line() for f in (*reading.findings, *g.validate(reading.report)) if f.is_error]


# --- 1. title, agency and year ------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "示例市人力资源和社会保障局2024年政府信息公开工作年度报告",
        "示例市人力资源和社会保障局\n2024 年政府信息公开工作年度报告",
        "示例市人力资源和社会保障局2024年度政府信息公开年度报告",
        "2024年度示例市人力资源和社会保障局政府信息公开工作年度报告",
        "标题：示例市人力资源和社会保障局2024年政府信息公开工作年度报告",
        "首页 > 政务公开 > 年报\n示例市人力资源和社会保障局2024年政府信息公开工作年度报告\n"
        "发布时间：2025-01-20\n根据《中华人民共和国政府信息公开条例》，编制本报告。",
        "示例市人力资源和社会保障局关于2024年政府信息公开工作年度报告",
        "示例市人力资源和社会保障局政府信息公开工作2024年度报告",
        "示例市人力资源和社会保障局二〇二四年政府信息公开工作年度报告",
    ],
    ids=[
        "plain",
        "two-lines",
        "no-gongzuo",
        "year-first",
        "prefix",
        "chrome-and-preamble",
        "guanyu",
        "year-late",
        "chinese-year",
    ],
)
def test_agency_and_year_are_read_from_the_title_as_printed(title: str) -> None:
    reading = read_bytes(web_text(Published.of(EXAMPLE_2024), title), ".txt")
    assert (reading.report.meta.agency, reading.report.meta.year) == (
        "示例市人力资源和社会保障局",
        2024,
    )
    assert not [f for f in reading.findings if f.path == "title"]


def test_without_a_title_the_year_comes_from_the_period_and_the_agency_from_the_signature() -> None:
    preamble = "本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。"
    reading = read_bytes(web_text(Published.of(EXAMPLE_2024), preamble), ".txt")
    assert (reading.report.meta.agency, reading.report.meta.year) == (
        "示例市人力资源和社会保障局",
        2024,
    )
    assert [(f.severity.value, f.message) for f in reading.findings if f.path == "title"] == [
        ("warning", "标题中没有机关名称，按落款读作“示例市人力资源和社会保障局”")
    ]


def test_without_a_title_or_a_period_the_year_is_an_error_never_a_guess() -> None:
    reading = read_bytes(web_text(Published.of(EXAMPLE_2024), "政务公开年报"), ".txt")
    assert [
        (f.severity.value, f.message)
        for f in reading.findings
        if f.rule == "READ" and f.path == "title" and f.is_error
    ] == [("error", "未能从标题或统计期限读出报告年度")]


# --- 2. sections and tables -----------------------------------------------------------------


def test_a_crawled_report_on_one_line_is_cut_at_its_headings() -> None:
    reading = read_bytes(crawled(Published.of(EXAMPLE_2024), between=" "), ".txt")
    assert (reading.report.meta.agency, reading.report.meta.year) == (
        "示例市人力资源和社会保障局",
        2024,
    )
    overview = reading.report.overview
    assert overview is not None
    blocks = Published.of(EXAMPLE_2024).blocks()
    printed = blocks[1 : blocks.index("二、主动公开政府信息情况")]
    assert "".join(overview.text_paragraphs()).replace(" ", "") == "".join(map(str, printed))
    assert_no_wrong_cell(reading, EXAMPLE_2024)
    assert errors(reading) == []


def test_a_table_whose_heading_is_missing_is_found_by_its_own_labels() -> None:
    published = Published.of(EXAMPLE_2024)
    published.headings["table3"] = "（三）依申请公开情况统计"
    reading = read_bytes(published.html(), ".html")
    assert reading.report.table3 == EXAMPLE_2024.table3.with_totals()
    assert [(f.severity.value, f.message) for f in reading.findings] == [
        ("warning", "未找到此部分的标题，按表格内容定位")
    ]


# --- 3. row labels as printed ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "as_label"),
    [
        ("1.属于国家秘密", "1、属于国家秘密"),
        ("1.属于国家秘密", "（1）属于国家秘密"),
        ("1.属于国家秘密", "属于国家秘密"),
        ("2.其他法律行政法规禁止公开", "2.其他法律行政止公开"),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开"),
        (
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "（二）部分公开（区分处理的，只计这一情 形，不计其他情形）",
        ),
        (
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",
        ),
    ],
    ids=["dun-hao", "bracketed", "unnumbered", "typo", "no-note", "inner-space", "comma"],
)
def test_a_row_label_printed_differently_is_still_its_row(printed: str, as_label: str) -> None:
    published = Published.of(EXAMPLE_2024)
    rows = published.tables["table3"]
    label = next(c for c in rows[row_index(rows, printed)] if c.text == printed)
    label.text = as_label
    reading = read_bytes(published.html(), ".html")
    assert reading.report.table3 == EXAMPLE_2024.table3.with_totals()
    assert not [f for f in reading.findings if f.is_error]


def test_rows_moved_out_of_order_by_extraction_are_still_found() -> None:
    published = Published.of(EXAMPLE_2024)
    rows = published.tables["table3"]
    at = row_index(rows, "四、结转下年度继续办理")
    rows.insert(row_index(rows, "二、上年结转政府信息公开申请数量"), rows.pop(at))
    reading = read_bytes(published.web_text().encode(), ".txt")
    assert reading.report.table3 == EXAMPLE_2024.table3.with_totals()


# --- 4. cells ------------------------------------------------------------------------------


def piped(published: Published, outer: bool) -> bytes:
    lines = [published.title]
    for block in published.blocks():
        if isinstance(block, str):
            lines.append(block)
            continue
        for row in block:
            cells = " | ".join(c.text for c in row)
            lines.append(f"| {cells} |" if outer else cells)
    return "\n".join(lines).encode()


@pytest.mark.parametrize("outer", [True, False], ids=["outer-pipes", "inner-pipes"])
def test_pipe_separated_rows_are_read_with_empty_cells_as_blank(outer: bool) -> None:
    published = Published.of(EXAMPLE_2024)
    rows = published.tables["table3"]
    rows[row_index(rows, "3.危及“三安全一稳定”")][1].text = ""  # after its own label
    reading = read_bytes(piped(published, outer), ".txt")
    table3 = reading.report.table3
    assert table3.stated["denied_three_safeties", "natural_person"] == Blank("")
    expected = EXAMPLE_2024.table3.with_totals().with_stated(
        {("denied_three_safeties", "natural_person"): Blank("")}
    )
    assert table3 == expected


def test_runs_of_spaces_and_tabs_separate_cells() -> None:
    published = Published.of(EXAMPLE_2024)
    lines = [published.title]
    for block in published.blocks():
        if isinstance(block, str):
            lines.append(block)
        else:
            lines += ["   ".join(c.text for c in row) for row in block[:-1]]
            lines.append("\t".join(c.text for c in block[-1]))
    reading = read_bytes("\n".join(lines).encode(), ".txt")
    assert reading.report.table3 == EXAMPLE_2024.table3.with_totals()
    assert reading.report.table4 == EXAMPLE_2024.table4.with_totals()


# --- 5. digits run together -------------------------------------------------------------------


def test_a_crawled_report_with_cell_boundaries_lost_reads_every_determined_cell() -> None:
    reading = read_bytes(crawled(Published.of(EXAMPLE_2024)), ".txt")
    unread = assert_no_wrong_cell(reading, EXAMPLE_2024)
    # Table 二 has no sums: 规章 “000” splits one way only, 行政规范性文件 “6241” three ways.
    assert unread == {
        ("table2", "normative_documents", c) for c in ("issued", "repealed", "in_force")
    }
    (finding,) = [f for f in reading.findings if f.path == "table2.normative_documents"]
    assert finding.severity is g.Severity.WARNING
    assert "“6241”的拆分不唯一" in finding.message
    assert "6 / 62" in finding.message
    assert errors(reading) == []


def section_text(table3_rows: str, table4_row: str) -> bytes:
    return (
        "某县统计局2022年政府信息公开工作年度报告\n"
        "三、收到和处理政府信息公开申请情况\n"
        f"{table3_rows}\n"
        "四、政府信息公开行政复议、行政诉讼情况\n"
        "行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉 "
        "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计 "
        f"{table4_row}\n"
    ).encode()


def test_a_run_that_splits_one_way_only_under_the_row_total_is_read() -> None:
    # 29 1 0 0 0 0 30 is the only 7-cell split of “291000030” whose last cell is the sum.
    text = section_text("一、本年新收政府信息公开申请数量 291000030", "")
    table3 = read_bytes(text, ".txt").report.table3
    assert [table3.stated["new", c] for c in table3.spec.columns_of("new")] == [
        29,
        1,
        0,
        0,
        0,
        0,
        30,
    ]


def test_a_run_that_splits_several_ways_is_unread_with_its_alternatives() -> None:
    # “112 0 0 0 0 13”: 1 12 or 11 2, both adding up to 13.
    reading = read_bytes(
        section_text("一、本年新收政府信息公开申请数量 112 0 0 0 0 13", ""), ".txt"
    )
    table3 = reading.report.table3
    assert {("new", "natural_person"), ("new", "commercial")} <= table3.unread
    assert table3.stated["new", "total"] == 13
    (finding,) = [f for f in reading.findings if f.path == "table3.new"]
    assert "“112 0 0 0 0 13”的拆分不唯一" in finding.message
    assert "自然人可能为 1 / 11" in finding.message


def test_table4_digits_split_by_the_count_of_cells_and_the_group_totals() -> None:
    text = section_text("", "01 0 1 20 0 0 0 0 0 0 0 00")
    table4 = read_bytes(text, ".txt").report.table4
    assert [table4.stated[k] for k in table4.spec.fields] == [0, 1, 0, 1, 2, *[0] * 10]


def test_a_row_ambiguous_alone_is_decided_by_the_column_totals() -> None:
    # 予以公开 “1210 0 0 0 0 22”: 12 10 or 1 21 or 121 0 … — only 12 10 makes the 自然人 and
    # 商业企业 columns add up to （七）总计 12 10.
    rows = "\n".join(
        [
            "一、本年新收政府信息公开申请数量 12 10 0 0 0 0 22",
            "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0",
            "三、本年度办理结果 （一）予以公开 1210 0 0 0 0 22",
            "（七）总计 12 10 0 0 0 0 22",
            "四、结转下年度继续办理 0 0 0 0 0 0 0",
        ]
    )
    table3 = read_bytes(section_text(rows, ""), ".txt").report.table3
    assert (
        table3.stated["disclosed", "natural_person"],
        table3.stated["disclosed", "commercial"],
    ) == (
        12,
        10,
    )


# --- 6. layouts -------------------------------------------------------------------------------


def test_table4_printed_as_three_captioned_tables_is_read() -> None:
    published = Published.of(EXAMPLE_2024)
    t4 = EXAMPLE_2024.table4.with_totals()
    outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    small = []
    for group, caption in (
        ("review", "行政复议"),
        ("direct_suit", "行政诉讼（未经复议直接起诉）"),
        ("suit_after_review", "行政诉讼（复议后起诉）"),
    ):
        values = [str(t4[group, c]) for c in t4.spec.columns_of(group)]
        small += [
            [Cell(caption, colspan=5, header=True)],
            [Cell(o, header=True) for o in outcomes],
            [Cell(v) for v in values],
        ]
    published.tables["table4"] = small
    reading = read_bytes(published.html(), ".html")
    assert reading.report.table4 == t4
    assert not [f for f in reading.findings if f.is_error]


def test_2021_report_printing_the_2019_other_row_is_one_finding_and_nothing_guessed() -> None:
    published = Published.of(EXAMPLE_2024)
    rows = published.tables["table3"]
    first = row_index(rows, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
    t3 = EXAMPLE_2024.table3.with_totals()
    other = ["other_no_correction", "other_unpaid_fee", "other_misc"]
    sums = [sum(numeric(t3[r, c]) for r in other) for c in t3.spec.columns_of("other_misc")]
    rows[first : first + 3] = [
        [Cell("（六）其他处理", colspan=2, header=True), *(Cell(str(v)) for v in sums)]
    ]
    reading = read_bytes(published.html(), ".html")
    table3 = reading.report.table3
    assert {k[0] for k in table3.unread} == set(other)
    (deviation,) = [f for f in reading.findings if f.is_error]
    assert "2019" in deviation.message or "〔2019〕60号" in deviation.message
    assert "（六）其他处理" in deviation.message
    found = g.validate(reading.report)
    assert not [f for f in found if f.rule in ("H1", "H2", "H3", "MISSING")]
    assert [f.rule for f in found if f.rule == "UNCHECKED"] == ["UNCHECKED"]


def test_2021_report_with_2019_table2_headers_is_read_by_position_with_one_warning() -> None:
    published = Published.of(EXAMPLE_2024)
    rows = published.tables["table2"]
    heads = {
        "本年制发件数": "本年新制作数量",
        "本年废止件数": "本年新公开数量",
        "现行有效件数": "对外公开总数量",
    }
    for row in rows:
        for c in row:
            c.text = heads.get(c.text, c.text)
    reading = read_bytes(published.html(), ".html")
    assert reading.report.meta.version == "2021"  # its rows are 2021's, whatever its headers
    assert reading.report.table2 == EXAMPLE_2024.table2
    (warning,) = [f for f in reading.findings if f.path == "table2"]
    assert warning.severity is g.Severity.WARNING
    assert "“本年新制作数量”" in warning.message and "已按位置读取" in warning.message


# --- 7. merged and empty cells ---------------------------------------------------------------


def test_an_empty_sub_label_cell_does_not_shift_the_values_of_its_row() -> None:
    published = Published.of(EXAMPLE_2024)
    rows = published.tables["table3"]
    for label in ("（七）总计", "二、上年结转政府信息公开申请数量"):
        row = rows[row_index(rows, label)]
        row[0].colspan -= 1
        row.insert(1, Cell(""))  # the label cell's second column drawn as a cell of its own
    reading = read_bytes(published.html(), ".html")
    assert reading.report.table3 == EXAMPLE_2024.table3.with_totals()


# --- 8. rules on what was not read -------------------------------------------------------------


def test_an_unread_cell_makes_its_rules_unchecked_not_wrong() -> None:
    reading = read_bytes(
        section_text("一、本年新收政府信息公开申请数量 112 0 0 0 0 13", ""), ".txt"
    )
    found = g.validate(reading.report)
    assert not [f for f in found if f.rule in ("H1", "H2", "H3")]
    assert not [f for f in found if f.rule == "MISSING" and f.path.startswith("table3.new")]
    (unchecked,) = [f for f in found if f.rule == "UNCHECKED" and f.path == "table3"]
    assert "H3" in unchecked.message


# --- 9. noise ----------------------------------------------------------------------------------


def test_a_blank_row_is_one_blank_finding() -> None:
    blank = {("carry_out", c): Blank("") for c in EXAMPLE_2024.table3.spec.columns_of("carry_out")}
    table3 = EXAMPLE_2024.table3.with_totals().with_stated(blank)
    found = g.validate(EXAMPLE_2024.replace(table3=table3))
    assert [(f.rule, f.path) for f in found if f.rule == "BLANK"] == [("BLANK", "table3.carry_out")]


def test_a_signature_glued_to_the_last_paragraph_is_the_publication_date() -> None:
    published = Published.of(EXAMPLE_2024)
    reading = read_bytes(crawled(published, between=" "), ".txt")
    assert reading.report.meta.published == EXAMPLE_2024.meta.published
    assert isinstance(reading.report.meta.published, datetime.date)
    other = reading.report.other
    assert other is not None
    assert not "".join(other.text_paragraphs()).endswith("日")


def test_a_report_printed_wholesale_in_the_other_format_is_read_in_it_and_flagged_s6() -> None:
    # A 2020 report (2019 format) retitled 2021: its rows say 2019 whatever its year says.
    published = Published.of(NANCHANG_CORRECTED)
    title = published.title.replace("2020年", "2021年")
    reading = read_bytes(web_text(published, title), ".txt")
    assert (reading.report.meta.year, reading.report.meta.version) == (2021, "2019")
    assert reading.report.table2 == NANCHANG_CORRECTED.table2
    assert [f.rule for f in g.validate(reading.report) if f.is_error] == ["S6"]


@pytest.mark.parametrize("to", ["html", "crawled"])
def test_numbers_printed_with_thousands_separators_are_read(to: str) -> None:
    published = Published.of(EXAMPLE_2024)
    grouped = 0
    for row in published.tables["table2"]:
        for c in row:
            if not c.header and c.text.isdigit() and int(c.text) >= 1000:
                c.text, grouped = f"{int(c.text):,}", grouped + 1
    assert grouped  # 行政许可 1,283 in the example
    data = published.html() if to == "html" else crawled(published, between=" ")
    reading = read_bytes(data, ".html" if to == "html" else ".txt")
    assert reading.report.table2 == EXAMPLE_2024.table2


@pytest.mark.parametrize("separator", [",", "，", " ", "\u00a0", "\u2009"])
def test_table_cells_grouped_with_any_separator_are_read(separator: str) -> None:
    # “1,283”, “1，283”, “1 283”: thousands grouped as published reports print them, in a table
    # cell of a web page or a Word document. Babel's zh_CN parser reads only the first.
    published = Published.of(EXAMPLE_2024)
    grouped = 0
    for row in published.tables["table2"]:
        for c in row:
            if not c.header and c.text.isdigit() and int(c.text) >= 1000:
                c.text, grouped = f"{int(c.text):,}".replace(",", separator), grouped + 1
    assert grouped
    for data, suffix in ((published.html(), ".html"), (docx(published), ".docx")):
        assert read_bytes(data, suffix).report.table2 == EXAMPLE_2024.table2, suffix


def test_a_portal_info_box_gives_the_title_a_generic_heading_does_not() -> None:
    published = Published.of(EXAMPLE_2024)
    page = published.html().decode()
    box = (
        '<table class="xxgk_info"><tr><td>索引号：</td><td>X-2025-1</td></tr>'
        f"<tr><td>标题：</td><td>{published.title}</td></tr></table>"
    )
    page = page.replace(
        f"<title>{published.title}</title>", "<title>政府信息公开工作年度报告</title>"
    )
    page = page.replace(f"<p>{published.title}</p>", "<p>政府信息公开工作年度报告</p>")
    page = page.replace("<body>", f"<body>{box}")
    assert published.title not in page.split("<body>")[1].split("</table>", 1)[1]
    reading = read_bytes(page.encode(), ".html")
    assert (reading.report.meta.agency, reading.report.meta.year) == (
        "示例市人力资源和社会保障局",
        2024,
    )


def test_a_signature_without_a_date_names_the_agency_when_the_title_does_not() -> None:
    published = Published.of(EXAMPLE_2024)
    published.report = attrs.evolve(
        published.report, meta=attrs.evolve(published.report.meta, published=None)
    )
    text = published.web_text().replace(published.title, "本报告统计期限为2024年度。", 1)
    reading = read_bytes(text.encode(), ".txt")
    assert reading.report.meta.agency == "示例市人力资源和社会保障局"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "gb18030", "utf-8"])
def test_text_in_any_common_encoding_is_read(encoding: str) -> None:
    text = Published.of(EXAMPLE_2024).web_text()
    reading = read_bytes(text.encode(encoding), ".txt")
    assert reading.report.meta.agency == "示例市人力资源和社会保障局"
    assert reading.report.table3 == EXAMPLE_2024.table3.with_totals()
