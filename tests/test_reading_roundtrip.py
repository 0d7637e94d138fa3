"""Round trip: every output format reads back to the report it was rendered from.

For random reports of both format versions, ``read(render(report))`` is the report with
every total stated (a published table prints its totals), for docx, HTML, Markdown and
text. Prose is drawn from CJK characters that cannot form a heading, a label or a
placeholder, so what is compared is the reader's structure, not the alphabet.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as g
from govdisclosure.formats import FORMATS, Kind, TableSpec
from govdisclosure.model import Contact, Metadata, OtherMatters, Part, Section, Stated, Table
from govdisclosure.reading import read_bytes
from govdisclosure.rendering import render

LAST_DRAWN_YEAR = 2030

# No ordinals (一二三…, which start headings), no brackets or colons, no digits.
_PROSE = "政府信息公开工作主动申请办理情况我局加强推进落实完善制度平台建设服务群众质量水平"
_NAME = "示例市县区人力资源社会保障交通运输教育卫生健康局委办"

sentences = st.text(st.sampled_from(_PROSE), min_size=1, max_size=40).map(lambda s: s + "。")
headings = st.text(st.sampled_from(_PROSE), min_size=2, max_size=12)
counts = st.integers(min_value=0, max_value=10**6)
amounts = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)


def cell_values(kind: Kind) -> st.SearchStrategy[Stated]:
    if kind is Kind.COUNT:
        return counts
    if kind is Kind.DELTA:
        return st.integers(min_value=-(10**4), max_value=10**4)
    if kind is Kind.WANYUAN:
        return amounts
    return st.builds(g.Money, amounts, st.sampled_from(["", "元", "万元"]))


@st.composite
def tables(draw: st.DrawFn, spec: TableSpec) -> Table:
    """A table with every leaf stated (random), every total stated (computed)."""
    stated: dict[tuple[str, str], Stated] = {
        key: draw(cell_values(f.kind)) for key, f in spec.fields.items() if key not in spec.derived
    }
    table = Table(spec, stated)
    return table.with_totals() if spec.derived else table


@st.composite
def sections(draw: st.DrawFn) -> Section:
    paragraphs = tuple(draw(st.lists(sentences, max_size=3)))
    parts = tuple(
        Part(draw(headings), tuple(draw(st.lists(sentences, min_size=1, max_size=2))))
        for _ in range(draw(st.integers(0, 3)))
    )
    return Section(paragraphs, parts)


def optional(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str | None]:
    return st.none() | strategy


contacts = st.builds(
    Contact,
    address=optional(
        st.text(st.sampled_from(_NAME), min_size=2, max_size=8).map(lambda s: s + "路88号")
    ),
    postcode=optional(st.from_regex(r"\A[1-8]\d{5}\Z")),
    phone=optional(st.from_regex(r"\A0\d{2,3}-\d{7,8}\Z")),
    fax=optional(st.from_regex(r"\A0\d{2,3}-\d{7,8}\Z")),
)


@st.composite
def reports(draw: st.DrawFn) -> g.Report:
    fmt = FORMATS[draw(st.sampled_from(sorted(FORMATS)))]
    year = draw(st.integers(fmt.first_year, fmt.last_year or LAST_DRAWN_YEAR))
    published = draw(
        st.none() | st.dates(datetime.date(year + 1, 1, 1), datetime.date(year + 1, 3, 31))
    )
    meta = Metadata(
        agency=draw(st.text(st.sampled_from(_NAME), min_size=2, max_size=12)) + "局",
        year=year,
        version=fmt.version,
        published=published,
        contact=draw(contacts),
        website=draw(optional(st.from_regex(r"\A[a-z]{2,8}\.example\.gov\.cn\Z"))),
    )
    other = draw(sections())
    return g.Report(
        meta=meta,
        overview=draw(sections()),
        table2=draw(tables(fmt.table("table2"))),
        table3=draw(tables(fmt.table("table3"))),
        table4=draw(tables(fmt.table("table4"))),
        problems=draw(sections()),
        other=OtherMatters(other.paragraphs, other.parts, processing_fees=None),
    )


@pytest.mark.slow
@pytest.mark.parametrize("to", ["docx", "html", "md", "txt"])
@settings(max_examples=25, deadline=None)
@given(report=reports())
def test_rendered_report_reads_back_to_itself(to: str, report: g.Report) -> None:
    reading = read_bytes(render(report, to), f".{to}")
    assert reading.report == report


@pytest.mark.slow
def test_drawn_reports_cover_both_versions_and_optional_metadata() -> None:
    # The strategy must reach what the round trip is meant to exercise.
    seen: set[tuple[str, bool, bool]] = set()

    @settings(max_examples=200, deadline=None)
    @given(report=reports())
    def collect(report: g.Report) -> None:
        seen.add((report.meta.version, report.meta.published is None, report.meta.website is None))

    collect()
    assert {v for v, _, _ in seen} == {"2019", "2021"}
    assert {p for _, p, _ in seen} == {True, False}
    assert {w for _, _, w in seen} == {True, False}


def test_decimal_amounts_keep_their_digits_through_html() -> None:
    fmt = FORMATS["2021"]
    spec = fmt.table("table2")
    table2 = Table(spec, {k: 0 for k in spec.fields} | {("fees", "amount"): Decimal("0.10")})
    report = g.Report(
        meta=Metadata("示例局", 2024, "2021"),
        overview=Section(("内容。",)),
        table2=table2,
        table3=Table.zeros(fmt.table("table3")).with_totals(),
        table4=Table.zeros(fmt.table("table4")).with_totals(),
        problems=Section(("内容。",)),
        other=OtherMatters(("内容。",)),
    )
    read_back = read_bytes(render(report, "html"), ".html").report.table2
    assert str(read_back.stated["fees", "amount"]) == "0.10"
