"""The docx reader's two ways through a table give the same items.

Most tables are cells of plain paragraphs, read in one pass (``_Walk.plain_table``); any
table with more (a nested table, a content control, hidden or deleted text, a paragraph
inside a wrapper) is read cell by cell, block by block (``_Walk.table``). Each table here
is read both ways where the one-pass way takes it, and checked against what Word shows.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import govdisclosure as g
from govdisclosure.reading import _docx
from govdisclosure.reading.items import Item
from govdisclosure.rendering import render

ROOT = Path(__file__).resolve().parent.parent
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"


def body(inner: str) -> etree._Element:
    root = etree.fromstring(f'<w:document xmlns:w="{W_NS}"><w:body>{inner}</w:body></w:document>')
    found = root.find(f"{W}body")
    assert found is not None
    return found


def p(*texts: str) -> str:
    return "<w:p>" + "".join(f"<w:r><w:t>{t}</w:t></w:r>" for t in texts) + "</w:p>"


def tc(*paragraphs: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{''.join(paragraphs) or '<w:p/>'}</w:tc>"


def tr(*cells: str, props: str = "") -> str:
    return f"<w:tr>{f'<w:trPr>{props}</w:trPr>' if props else ''}{''.join(cells)}</w:tr>"


def both_ways(xml: str) -> tuple[list[Item] | None, list[Item]]:
    """The items of the body's one table: the one-pass way (None where it declines the
    table), and the cell-by-cell way."""
    element = body(xml)
    walk = _docx._Walk(element)
    table = element.find(f"{W}tbl")
    assert table is not None
    fast = None if table in walk.intricate else walk.plain_table(table)
    slow: list[Item] = []
    walk.table(table, slow)
    return fast, slow


def cells(*texts: str) -> list[Item]:
    return [Item(t, cell=True) for t in texts]


PLAIN = {
    "one line a cell": (
        "<w:tbl>" + tr(tc(p("信息内容")), tc(p("1", "2"))) + "</w:tbl>",
        cells("信息内容", "12"),
    ),
    "wrapped label and two numbers on two lines": (
        "<w:tbl>" + tr(tc(p("商业"), p("企业")), tc(p("3"), p("5"))) + "</w:tbl>",
        cells("商业企业", "3 5"),
    ),
    "empty cells, blank paragraphs": (
        "<w:tbl>" + tr(tc(), tc(p(" ")), tc(p("", "x"))) + "</w:tbl>",
        cells("", "", "x"),
    ),
    "merges: vMerge and hMerge continuations and a deleted cell are covered": (
        "<w:tbl>"
        + tr(tc(p("上"), props='<w:vMerge w:val="restart"/>'), tc(p("a")))
        + tr(tc(p("已合并"), props="<w:vMerge/>"), tc(p("b")))
        + tr(tc(p("左"), props='<w:hMerge w:val="restart"/>'), tc(p("旧"), props="<w:hMerge/>"))
        + tr(tc(p("删"), props="<w:cellDel/>"), tc(p("c")))
        + "</w:tbl>",
        cells("上", "a", "b", "左", "c"),
    ),
    "the first of two vMerge properties counts": (
        "<w:tbl>"
        + tr(tc(p("起"), props='<w:vMerge w:val="restart"/><w:vMerge/>'))
        + tr(tc(p("续"), props='<w:vMerge/><w:vMerge w:val="restart"/>'))
        + "</w:tbl>",
        cells("起"),
    ),
    "a cell that is a section heading gives the heading, not a cell": (
        "<w:tbl>" + tr(tc(p("二、主动公开政府信息情况")), tc(p("7"))) + "</w:tbl>",
        [Item("二、主动公开政府信息情况"), *cells("7")],
    ),
    "a cell holding pages of prose gives its paragraphs": (
        "<w:tbl>" + tr(tc(p("本年" * 100), p("全年" * 100))) + "</w:tbl>",
        [Item("本年" * 100), Item("全年" * 100)],
    ),
}


@pytest.mark.parametrize("case", PLAIN)
def test_a_table_of_plain_cells_is_read_in_one_pass_as_cell_by_cell(case: str) -> None:
    xml, expected = PLAIN[case]
    fast, slow = both_ways(xml)
    assert slow == expected
    assert fast == expected


INTRICATE = {
    "a deleted row": (
        "<w:tbl>" + tr(tc(p("删去")), props="<w:del/>") + tr(tc(p("留下"))) + "</w:tbl>",
        cells("留下"),
    ),
    "a nested table": (
        "<w:tbl>" + tr(tc("<w:tbl>" + tr(tc(p("内"))) + "</w:tbl>", p("外"))) + "</w:tbl>",
        [*cells("内"), Item("外")],
    ),
    "a hidden run": (
        "<w:tbl>"
        + tr(
            tc(
                "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐</w:t></w:r>"
                "<w:r><w:t>显</w:t></w:r></w:p>"
            )
        )
        + "</w:tbl>",
        cells("显"),
    ),
    "a line break": (
        "<w:tbl>"
        + tr(tc("<w:p><w:r><w:t>商业</w:t><w:br/><w:t>企业</w:t></w:r></w:p>"))
        + "</w:tbl>",
        cells("商业企业"),
    ),
    "a content control showing its placeholder": (
        "<w:tbl>"
        + tr(
            tc(
                "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
                + p("单击此处输入文字。")
                + "</w:sdtContent></w:sdt>"
            )
        )
        + "</w:tbl>",
        cells(""),
    ),
}


@pytest.mark.parametrize("case", INTRICATE)
def test_a_table_with_more_than_plain_cells_is_read_cell_by_cell(case: str) -> None:
    xml, expected = INTRICATE[case]
    fast, slow = both_ways(xml)
    assert fast is None
    assert slow == expected


def test_a_paragraph_in_a_wrapper_sends_the_table_cell_by_cell() -> None:
    # customXml around a cell's paragraph: shown as if it were not there.
    xml = "<w:tbl>" + tr(tc(f"<w:customXml>{p('包')}</w:customXml>"), tc(p("1"))) + "</w:tbl>"
    element = body(xml)
    walk = _docx._Walk(element)
    table = element.find(f"{W}tbl")
    assert table is not None and table not in walk.intricate
    assert walk.plain_table(table) is None
    slow: list[Item] = []
    walk.table(table, slow)
    assert slow == cells("包", "1")


@pytest.mark.parametrize("example", ["example-2024.yaml", "nanchang-edu-2020-corrected.yaml"])
def test_rendered_reports_are_read_in_one_pass_the_same(example: str) -> None:
    data = render(g.load(ROOT / "examples" / example), "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    element = root.find(f"{W}body")
    assert element is not None
    walk = _docx._Walk(element)
    tables = element.findall(f"{W}tbl")
    assert len(tables) == 3
    for table in tables:
        assert table not in walk.intricate
        slow: list[Item] = []
        walk.table(table, slow)
        assert walk.plain_table(table) == slow
