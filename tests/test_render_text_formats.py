"""HTML, Markdown and text renders of both format versions: official grid, every value, escaping."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

import govdisclosure as g
from govdisclosure.formats.declaration import Data, Label
from govdisclosure.rendering import render
from govdisclosure.rendering.grid import flatten, format_value

EXAMPLES = ["example-2024.yaml", "nanchang-edu-2020-corrected.yaml"]


class TableGrids(HTMLParser):
    """Each <table> as {(row, col): (tag, text, rowspan, colspan, scope)}, placed as browsers do."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[tuple[int, int], tuple[str, str, int, int, str | None]]] = []
        self._taken: set[tuple[int, int]] = set()
        self._row = -1
        self._cell: list[object] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table":
            self.tables.append({})
            self._taken, self._row = set(), -1
        elif tag == "tr":
            self._row += 1
        elif tag in ("th", "td"):
            rs, cs = int(a.get("rowspan") or 1), int(a.get("colspan") or 1)
            col = 0
            while (self._row, col) in self._taken:
                col += 1
            self._taken.update((self._row + r, col + c) for r in range(rs) for c in range(cs))
            self._cell = [tag, "", rs, cs, a.get("scope"), col]

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell[1] = str(self._cell[1]) + data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._cell is not None:
            tag_, text, rs, cs, scope, col = self._cell
            self.tables[-1][self._row, int(str(col))] = (
                str(tag_),
                str(text),
                int(str(rs)),
                int(str(cs)),
                scope if scope is None else str(scope),
            )
            self._cell = None


@pytest.fixture(params=EXAMPLES)
def report(request: pytest.FixtureRequest, examples: Path) -> g.Report:
    return g.load(examples / request.param)


def html_tables(
    report: g.Report,
) -> list[dict[tuple[int, int], tuple[str, str, int, int, str | None]]]:
    parser = TableGrids()
    parser.feed(render(report, "html").decode("utf-8"))
    return parser.tables


def test_html_tables_have_the_official_grid_and_every_value(report: g.Report) -> None:
    tables = html_tables(report)
    assert len(tables) == 3
    for table, cells in zip(report.tables, tables, strict=True):
        expected = {}
        for p in table.spec.placed:
            if isinstance(p.cell, Label):
                expected[p.row, p.col] = ("th", p.cell.text, p.cell.rowspan, p.cell.colspan)
            elif isinstance(p.cell, Data):
                text = format_value(table.value((p.cell.row, p.cell.col)))
                expected[p.row, p.col] = ("td", text, p.cell.rowspan, p.cell.colspan)
            else:
                expected[p.row, p.col] = ("td", "", p.cell.rowspan, p.cell.colspan)
        assert {k: v[:4] for k, v in cells.items()} == expected


def test_html_headers_carry_scope(report: g.Report) -> None:
    t3 = html_tables(report)[1]
    assert t3[1, 3][4] == "col"  # 自然人
    assert t3[1, 4][4] == "colgroup"  # 法人或其他组织
    assert t3[3, 0][4] == "row"  # 一、本年新收…
    assert t3[5, 0][4] == "rowgroup"  # 三、本年度办理结果


def test_html_is_self_contained_and_chinese(report: g.Report) -> None:
    html = render(report, "html").decode("utf-8")
    assert '<html lang="zh-CN">' in html
    assert "<style>" in html and "@media print" in html
    for external in ("<link", "<script", "src=", "@import", "url("):
        assert external not in html


def test_html_escapes_agency_text(report: g.Report) -> None:
    evil = '<script>alert("x")</script>" onmouseover="x'
    hostile = report.replace(
        meta=attrs.evolve(report.meta, agency=evil),
        overview=g.Section(paragraphs=(evil,), parts=(g.Part(heading=evil),)),
    )
    html = render(hostile, "html").decode("utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&#34; onmouseover=&#34;x" in html


def test_markdown_flattens_merged_headers_into_full_labels(examples: Path) -> None:
    md = render(g.load(examples / "example-2024.yaml"), "md").decode("utf-8")
    assert "| 项目 | 自然人 | 法人或其他组织·商业企业 | 法人或其他组织·科研机构 |" in md
    assert "| 一、本年新收政府信息公开申请数量 | 58 | 6 | 0 | 0 | 2 | 1 | 67 |" in md
    assert "| 行政诉讼·未经复议直接起诉 | 1 | 0 | 0 | 0 | 1 |" in md
    assert "**第二十条第（八）项**" in md


def test_markdown_and_text_contain_every_value(report: g.Report) -> None:
    for to in ("md", "txt"):
        out = render(report, to).decode("utf-8")
        for table in report.tables:
            for flat in flatten(table):
                for row in flat.rows:
                    assert row[0] in out
                    line = next(
                        x
                        for x in out.splitlines()
                        if row[0] in x and x.strip().startswith(("|", row[0]))
                    )
                    values = [v for v in line.replace("|", " ").split()[-len(row[1:]) :]]
                    assert values == list(row[1:]), (to, row)


def test_markdown_escapes_emphasis_in_prose(report: g.Report) -> None:
    odd = report.replace(overview=g.Section(paragraphs=("a | b *c*",)))
    md = render(odd, "md").decode("utf-8")
    assert "a \\| b \\*c\\*" in md  # a pipe too: two such paragraphs would make a table


def test_text_stacks_merged_headers(examples: Path) -> None:
    txt = render(g.load(examples / "example-2024.yaml"), "txt").decode("utf-8")
    header = next(x for x in txt.splitlines() if "法人或其他组织" in x)
    assert header.count("法人或其他组织") == 5


def test_sections_in_official_order(report: g.Report) -> None:
    for to in ("html", "md", "txt"):
        out = render(report, to).decode("utf-8")
        positions = [out.index(s.title) for s in report.format.sections]
        assert positions == sorted(positions), to


def test_part_headings_get_ordinals(examples: Path) -> None:
    txt = render(g.load(examples / "example-2024.yaml"), "txt").decode("utf-8")
    assert "（一）主动公开" in txt and "（五）监督保障" in txt


def test_control_characters_never_reach_the_output(report: g.Report) -> None:
    dirty = report.replace(
        meta=attrs.evolve(report.meta, agency="某\x00局\x0b"),
        overview=g.Section(paragraphs=("第一段\x0b继续\ufffe",)),
    )
    for to in ("html", "md", "txt"):
        out = render(dirty, to).decode("utf-8")
        assert "\x00" not in out and "\x0b" not in out and "\ufffe" not in out
        assert "第一段继续" in out and "某局" in out


@pytest.mark.parametrize(
    ("prose", "shown"),
    [
        ("# 标题", "\\# 标题"),
        ("- 列表", "\\- 列表"),
        ("+ 列表", "\\+ 列表"),
        ("1. 编号", "1\\. 编号"),
        ("a | b", "a \\| b"),
        ("===", "\\==="),
        ("~~删~~", "\\~\\~删\\~\\~"),
        ("\u202e反向", "反向"),
    ],
)
def test_markdown_prose_keeps_no_structure_of_its_own(prose: str, shown: str) -> None:
    from govdisclosure.rendering.filters import markdown_text

    assert markdown_text(prose) == shown
