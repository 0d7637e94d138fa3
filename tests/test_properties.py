"""Property tests: random consistent reports of both format versions validate clean, a
single wrong total is reported at exactly its cell, and the YAML writer round-trips."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govdisclosure as g
from govdisclosure.formats import FORMATS, FormatSpec, Kind, TableSpec
from govdisclosure.formats.declaration import CellKey
from govdisclosure.inputs.dump import to_yaml
from govdisclosure.model import Stated
from govdisclosure.skeleton import blank_report

VERSIONS = ("2019", "2021")
LAST_DRAWN_YEAR = 2030
"""The 2021 format has no last year; reports are drawn up to this one."""

SETTINGS = settings(max_examples=50, deadline=None)

counts = st.integers(min_value=0, max_value=10**6)
amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)

# Text an agency would write: letters (CJK included), digits, punctuation, symbols, spaces.
_TEXT_CHARS = st.characters(categories=("L", "N", "P", "S", "Zs"))
paragraph_texts = st.text(_TEXT_CHARS, min_size=1, max_size=30).filter(lambda s: bool(s.strip()))
plain_names = st.text(st.characters(categories=("L", "N")), min_size=1, max_size=20)


# --- strategies ---------------------------------------------------------------------------


def cell_values(kind: Kind) -> st.SearchStrategy[Stated]:
    """A valid stated value for a table 二 cell of ``kind``."""
    if kind is Kind.COUNT:
        return counts
    if kind is Kind.DELTA:
        return st.integers(min_value=-(10**6), max_value=10**6)
    if kind is Kind.WANYUAN:
        return amounts
    return st.builds(g.Money, amounts, st.sampled_from(["", "元", "万元"]))


def leaves(spec: TableSpec) -> list[CellKey]:
    """The cells a report must state: every data cell that is not a derivable total."""
    return [k for k in spec.fields if k not in spec.derived]


@st.composite
def table2_cells(draw: st.DrawFn, spec: TableSpec) -> dict[CellKey, Stated]:
    return {key: draw(cell_values(spec.fields[key].kind)) for key in leaves(spec)}


@st.composite
def table3_cells(draw: st.DrawFn, spec: TableSpec) -> dict[CellKey, Stated]:
    """Random outcomes per applicant column, with 一 and 二 chosen so that H1 holds."""
    applicants = [c for c in spec.columns_of("new") if ("new", c) not in spec.derived]
    outcomes = [
        r
        for r in spec.row_keys
        if r not in ("new", "carry_in", "carry_out") and (r, applicants[0]) not in spec.derived
    ]
    stated: dict[CellKey, Stated] = {}
    for col in applicants:
        handled = {row: draw(counts) for row in outcomes}
        carry_out = draw(counts)
        finished_or_pending = sum(handled.values()) + carry_out
        carry_in = draw(st.integers(min_value=0, max_value=finished_or_pending))
        stated.update({(row, col): n for row, n in handled.items()})
        stated["carry_out", col] = carry_out
        stated["carry_in", col] = carry_in
        stated["new", col] = finished_or_pending - carry_in
    assert sorted(stated) == sorted(leaves(spec)), "the strategy must state every leaf"
    return stated


@st.composite
def count_cells(draw: st.DrawFn, spec: TableSpec) -> dict[CellKey, Stated]:
    return {key: draw(counts) for key in leaves(spec)}


sections = st.builds(
    g.Section,
    paragraphs=st.lists(paragraph_texts, min_size=1, max_size=3).map(tuple),
    parts=st.lists(
        st.builds(
            g.Part,
            heading=st.none() | paragraph_texts,
            paragraphs=st.lists(paragraph_texts, max_size=2).map(tuple),
        ),
        max_size=2,
    ).map(tuple),
)

contacts = st.builds(
    g.Contact,
    address=st.none() | paragraph_texts,
    postcode=st.none() | st.from_regex(r"[0-9]{6}", fullmatch=True),
    phone=st.none() | st.from_regex(r"0[0-9]{2,3}-[0-9]{7,8}", fullmatch=True),
    fax=st.none() | st.from_regex(r"0[0-9]{2,3}-[0-9]{7,8}", fullmatch=True),
)


def processing_fees(notices: st.SearchStrategy[int]) -> st.SearchStrategy[g.ProcessingFees]:
    return st.builds(g.ProcessingFees, notices=notices, billed=amounts, collected=amounts)


def fees_needed(fmt: FormatSpec, table3: g.Table) -> bool:
    """S5: applications dropped for an unpaid fee require fee notices in section 六."""
    key = ("other_unpaid_fee", "total")
    return key in fmt.table("table3").fields and table3[key] != 0


@st.composite
def reports(draw: st.DrawFn, version: str) -> g.Report:
    """A consistent report of ``version`` with every leaf stated and every total omitted."""
    fmt = FORMATS[version]
    year = draw(st.integers(min_value=fmt.first_year, max_value=fmt.last_year or LAST_DRAWN_YEAR))
    table2 = g.Table(fmt.table("table2"), draw(table2_cells(fmt.table("table2"))))
    table3 = g.Table(fmt.table("table3"), draw(table3_cells(fmt.table("table3"))))
    table4 = g.Table(fmt.table("table4"), draw(count_cells(fmt.table("table4"))))
    fees: g.ProcessingFees | None
    if fees_needed(fmt, table3):
        fees = draw(processing_fees(st.integers(min_value=1, max_value=1000)))
    else:
        fees = draw(st.none() | processing_fees(st.integers(min_value=0, max_value=1000)))
    other = draw(sections)
    return g.Report(
        meta=g.Metadata(
            agency=draw(plain_names),
            year=year,
            version=version,
            published=draw(st.none() | st.dates(min_value=datetime.date(2000, 1, 1))),
            contact=draw(contacts),
            website=draw(st.none() | st.from_regex(r"[a-z]{1,10}\.gov\.cn", fullmatch=True)),
        ),
        overview=draw(sections),
        table2=table2,
        table3=table3,
        table4=table4,
        problems=draw(sections),
        other=g.OtherMatters(other.paragraphs, other.parts, processing_fees=fees),
    )


def each_table(report: g.Report, change: Callable[[g.Table], g.Table]) -> g.Report:
    return report.replace(
        table2=change(report.table2), table3=change(report.table3), table4=change(report.table4)
    )


def with_totals(report: g.Report) -> g.Report:
    return each_table(report, g.Table.with_totals)


def without_totals(report: g.Report) -> g.Report:
    return each_table(report, g.Table.without_totals)


def path_of(table: g.Table, key: CellKey) -> str:
    return f"{table.key}.{key[0]}.{key[1]}"


# --- properties ---------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("version", VERSIONS)
@SETTINGS
@given(data=st.data())
def test_consistent_report_with_totals_omitted_validates_clean(
    version: str, data: st.DataObject
) -> None:
    report = without_totals(data.draw(reports(version)))
    assert not any(k in t.stated for t in report.tables for k in t.spec.derived)
    assert g.validate(report) == []


@pytest.mark.slow
@pytest.mark.parametrize("version", VERSIONS)
@SETTINGS
@given(data=st.data())
def test_consistent_report_with_totals_stated_validates_clean(
    version: str, data: st.DataObject
) -> None:
    report = with_totals(data.draw(reports(version)))
    assert all(k in t.stated for t in report.tables for k in t.spec.derived)
    assert g.validate(report) == []


@pytest.mark.slow
@pytest.mark.parametrize("version", VERSIONS)
@SETTINGS
@given(data=st.data())
def test_one_wrong_stated_total_is_reported_at_that_cell(version: str, data: st.DataObject) -> None:
    report = with_totals(data.draw(reports(version)))
    table = data.draw(st.sampled_from([report.table3, report.table4]), label="table")
    key = data.draw(st.sampled_from(list(table.spec.derived)), label="total cell")
    correct = table.computed[key]
    assert isinstance(correct, int)
    delta = data.draw(
        st.integers(min_value=-correct, max_value=1000).filter(lambda d: d != 0), label="delta"
    )
    wrong = correct + delta
    restated = table.with_stated({key: wrong})
    changed = each_table(report, lambda t: restated if t.key == table.key else t)

    findings = g.validate(changed)

    path = path_of(table, key)
    at_cell = [f for f in findings if f.path == path]
    assert any(f.is_error and f.stated == wrong and f.computed == correct for f in at_cell), (
        findings
    )
    allowed = {path_of(table, k) for k in table.spec.derived} | {
        f"{table.key}.*.{b.column}" for b in table.spec.balances
    }
    assert {f.path for f in findings} <= allowed, findings


@pytest.mark.slow
@pytest.mark.parametrize("version", VERSIONS)
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_dumped_yaml_reads_back_to_an_equal_report(version: str, data: st.DataObject) -> None:
    report = data.draw(reports(version))
    if data.draw(st.booleans(), label="totals stated"):
        report = with_totals(report)

    assert g.loads(to_yaml(report), ".yaml") == report


@pytest.mark.parametrize(
    ("year", "version"),
    [
        (2020, "2019"),
        (2024, "2021"),
    ],
)
def test_skeleton_reads_back_to_the_blank_report(year: int, version: str) -> None:
    report = blank_report(year, version)

    assert g.loads(g.skeleton(year, version), ".yaml") == report


@pytest.mark.parametrize("char", ["\x7f", "\x85", "\u2028", "\x9f"])
def test_paragraph_with_a_control_character_reads_back_unchanged(char: str) -> None:
    report = blank_report(2024)
    report = report.replace(overview=g.Section((f"第一段{char}第二句",)))

    assert g.loads(to_yaml(report), ".yaml") == report
