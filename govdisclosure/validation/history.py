"""Rules across two years of one agency's reports (S1, S2)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..findings import Finding
from ..formats import format_for_year
from ..model import Number, Report, numeric
from .catalogue import RULES


def check_against_previous(report: Report, previous: Report) -> Iterator[Finding]:
    if previous.meta.year != report.meta.year - 1:
        return
    yield from _carry_over(report, previous)
    yield from _documents_in_force(report, previous)


def _carry_over(report: Report, previous: Report) -> Iterator[Finding]:
    t3, last = report.table3, previous.table3
    cols = t3.spec.columns_of("carry_in")
    yield from carry_over(
        {c: numeric(t3.value(("carry_in", c))) for c in cols if ("carry_in", c) not in t3.unread},
        {
            c: numeric(last.value(("carry_out", c)))
            for c in cols
            if ("carry_out", c) not in last.unread
        },
        previous.meta.year,
    )


def carry_over(
    carry_in: Mapping[str, Number], last_carry_out: Mapping[str, Number], last_year: int
) -> Iterator[Finding]:
    """S1: this year's 上年结转 equals last year's 结转下年度继续办理, column by column; a
    column missing from either (a cell a reader could not read) is not compared."""
    spec = format_for_year(last_year + 1).table("table3")  # the rows are alike in every version
    for col, now in carry_in.items():
        if col not in last_carry_out:
            continue
        before = last_carry_out[col]
        if now != before:
            yield Finding(
                "S1",
                RULES["S1"].severity,
                f"table3.carry_in.{col}",
                spec.location(("carry_in", col)),
                f"与{last_year}年度报告“四、结转下年度继续办理”不符",
                stated=now,
                computed=before,
            )


def _documents_in_force(report: Report, previous: Report) -> Iterator[Finding]:
    """S2 (2021 format): 现行有效 ≈ last year's 现行有效 + 本年制发 − 本年废止."""
    t2, last = report.table2, previous.table2
    for row in ("regulations", "normative_documents"):
        if (row, "in_force") not in t2.spec.fields or (row, "in_force") not in last.spec.fields:
            continue
        needed = ((row, "issued"), (row, "repealed"), (row, "in_force"))
        if t2.unread.intersection(needed) or (row, "in_force") in last.unread:
            continue  # not checkable: never compared with a cell that was not read
        expected = (
            numeric(last.value((row, "in_force")))
            + numeric(t2.value((row, "issued")))
            - numeric(t2.value((row, "repealed")))
        )
        stated = numeric(t2.value((row, "in_force")))
        if stated != expected:
            yield Finding(
                "S2",
                RULES["S2"].severity,
                f"table2.{row}.in_force",
                t2.spec.location((row, "in_force")),
                f"上年现行有效件数加本年制发减本年废止为{expected}，与填报不符（修订、清理可能导致差异，请核实）",
                stated=stated,
                computed=expected,
            )
