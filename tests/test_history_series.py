"""S1 and S2 across years: pairs found by agency and year as read from the reports, a series
checked pair by pair, and no comparison with what a report does not make known."""

from __future__ import annotations

from pathlib import Path

import attrs

import govdisclosure as g
from govdisclosure.model import Stated
from govdisclosure.validation.history import agency_key, check_series

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "example-2024.yaml"


def year(report: g.Report, n: int, agency: str | None = None) -> g.Report:
    meta = attrs.evolve(report.meta, year=n, agency=agency or report.meta.agency)
    return attrs.evolve(report, meta=meta)


def restate(report: g.Report, table: str, **cells: Stated | None) -> g.Report:
    changes = {tuple(name.split("__")): v for name, v in cells.items()}
    return attrs.evolve(report, **{table: report.table(table).with_stated(changes)})  # type: ignore[arg-type]


def carrying(report: g.Report, out: int) -> g.Report:
    """The report with 四、结转下年度 = ``out``, all of it 自然人 (other sums are not S1's)."""
    return restate(
        report,
        "table3",
        carry_out__natural_person=out,
        carry_out__commercial=0,
        carry_out__legal_services=0,
        carry_out__total=out,
    )


def carried(report: g.Report, carry_in: int) -> g.Report:
    return restate(
        report,
        "table3",
        carry_in__natural_person=carry_in,
        carry_in__total=carry_in,
    )


def rules(found: list[g.Finding], rule: str = "S1") -> list[tuple[str, str]]:
    return [(f.rule, f.path) for f in found if f.rule == rule]


def test_a_series_is_checked_pair_by_pair() -> None:
    base = g.load(EXAMPLE)
    y2022 = carrying(year(base, 2022), 3)
    y2023 = carrying(carried(year(base, 2023), 3), 2)  # right: 3 carried in
    y2024 = carried(year(base, 2024), 4)  # wrong: 2023 carried out 2
    series = check_series([y2024, y2022, y2023])  # any order: paired by year
    assert rules(series[0]) == [
        ("S1", "table3.carry_in.natural_person"),
        ("S1", "table3.carry_in.total"),
    ]
    s1 = series[0][0]
    assert (s1.stated, s1.computed) == (4, 2)
    assert "2023年度" in s1.message
    assert series[1] == []  # 2022: no 2021 report
    assert rules(series[2]) == []


def test_reports_are_paired_by_agency() -> None:
    base = g.load(EXAMPLE)
    other_last = carrying(year(base, 2023, "示例市教育局"), 9)
    mine_last = carrying(year(base, 2023), 3)
    mine = carried(base, 3)
    theirs = carried(year(base, 2024, "示例市教育局"), 9)
    series = check_series([mine, theirs, other_last, mine_last])
    assert [rules(found) for found in series] == [[], [], [], []]


def test_a_missing_year_breaks_the_pairs() -> None:
    base = g.load(EXAMPLE)
    found = check_series([carrying(year(base, 2022), 7), carried(base, 1)])
    assert found == [[], []]


def test_agency_names_are_paired_with_widths_and_spaces_evened_out() -> None:
    base = g.load(EXAMPLE)
    last = carrying(year(base, 2023, "示例市 人力资源和社会保障局"), 8)
    assert agency_key(last) == agency_key(base)
    (now, _) = check_series([base, last])
    assert rules(now)[:1] == [("S1", "table3.carry_in.natural_person")]


def test_the_same_report_twice_is_compared_once_and_each_copy_reported() -> None:
    base = g.load(EXAMPLE)
    last = carrying(year(base, 2023), 8)
    series = check_series([base, base, last, last])
    assert rules(series[0]) == rules(series[1]) != []
    assert len(series[0]) == len({f.path for f in series[0]})


def test_documents_in_force_across_a_series() -> None:
    base = g.load(EXAMPLE)  # 制发 6, 废止 2, 现行有效 41
    right = restate(year(base, 2023), "table2", normative_documents__in_force=37)
    wrong = restate(year(base, 2023), "table2", normative_documents__in_force=30)
    assert [f for f in check_series([base, right])[0] if f.rule == "S2"] == []
    (s2,) = [f for f in check_series([base, wrong])[0] if f.rule == "S2"]
    assert (s2.stated, s2.computed) == (41, 34)


def test_last_years_table_not_read_is_never_compared() -> None:
    base = g.load(EXAMPLE)
    last = year(base, 2023)
    unread = last.replace(
        table2=g.Table.empty(last.table2.spec), table3=g.Table.empty(last.table3.spec)
    )
    assert [f for f in g.validate(base, unread) if f.rule in ("S1", "S2")] == []
    assert check_series([base, unread]) == [[], []]


def test_a_carry_row_not_printed_is_never_compared() -> None:
    base = g.load(EXAMPLE)
    last = year(base, 2023)
    t3 = last.table3
    without = g.Table(t3.spec, {k: v for k, v in t3.stated.items() if k[0] != "carry_out"})
    found = g.validate(base, last.replace(table3=without))
    assert [f for f in found if f.rule == "S1"] == []


def test_2020_to_2021_compares_carry_over_but_not_documents_in_force() -> None:
    last = g.load(EXAMPLE.parent / "nanchang-edu-2020-corrected.yaml")  # 2019 format
    now = carried(year(g.load(EXAMPLE), 2021, last.meta.agency), 1)
    found = check_series([now, last])[0]
    assert {f.rule for f in found} == {"S1"}
