"""Rules across two years of one agency's reports (S1, S2), and across a series of them.

S1: this year's 二、上年结转 is last year's 四、结转下年度继续办理, column by column. S2 (2021
format): 现行有效 = last year's 现行有效 + 本年制发 − 本年废止. Neither compares a cell a report
does not make known: a cell a reader could not read, a row not printed, a table of which
nothing was read (:func:`.known.known`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence

from ..findings import Finding
from ..formats import SectionKey, format_for_year
from ..model import Number, Report
from .catalogue import RULES
from .known import known


def check_against_previous(report: Report, previous: Report) -> Iterator[Finding]:
    """S1 and S2 of ``report`` against ``previous``, last year's report of the same agency
    (the caller pairs them: ``validate --previous`` trusts the user on the agency, whose name
    a report may write differently from year to year). Reports not of consecutive years are
    not compared."""
    if previous.meta.year != report.meta.year - 1:
        return
    yield from _carry_over(report, previous)
    yield from _documents_in_force(report, previous)


def _known_row(report: Report, row: str) -> dict[str, Number]:
    table = report.table3
    found = {col: known(table, (row, col)) for col in table.spec.columns_of(row)}
    return {col: value for col, value in found.items() if value is not None}


def _carry_over(report: Report, previous: Report) -> Iterator[Finding]:
    yield from carry_over(
        _known_row(report, "carry_in"), _known_row(previous, "carry_out"), previous.meta.year
    )


def carry_over(
    carry_in: Mapping[str, Number], last_carry_out: Mapping[str, Number], last_year: int
) -> Iterator[Finding]:
    """S1: this year's 上年结转 equals last year's 结转下年度继续办理, column by column; a
    column missing from either (a cell a reader could not read) is not compared."""
    # The rows are alike in every version.
    spec = format_for_year(last_year + 1).table(SectionKey.TABLE3)
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
        issued = known(t2, (row, "issued"))
        repealed = known(t2, (row, "repealed"))
        stated = known(t2, (row, "in_force"))
        before = known(last, (row, "in_force"))
        if issued is None or repealed is None or stated is None or before is None:
            continue  # a 2019 table, or a cell not known: never compared
        expected = before + issued - repealed
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


def agency_key(report: Report) -> str:
    """The agency as a series is grouped by: its name as the report gives it, with widths
    and spaces evened out (“南昌市 教育局”, full-width letters) but nothing else guessed."""
    return "".join(unicodedata.normalize("NFKC", report.meta.agency).split())


def check_series(reports: Sequence[Report]) -> list[list[Finding]]:
    """S1 and S2 over reports of several agencies and years (a folder of downloaded reports):
    each report is checked against the report of the same agency for the year before, if
    there is one, with agency and year as read from the reports.

    Returns the findings of each report, in the order given. Two reports of one agency and
    year (the same report downloaded twice, as HTML and PDF) are each compared with the
    previous year's; when that year has two reports that differ, with each of them.
    """
    by_year: dict[tuple[str, int], list[Report]] = {}
    for report in reports:
        key = (agency_key(report), report.meta.year)
        same = by_year.setdefault(key, [])
        if report not in same:  # the same report twice is compared once
            same.append(report)
    return [list(_against_all(report, by_year)) for report in reports]


def _against_all(
    report: Report, by_year: Mapping[tuple[str, int], Iterable[Report]]
) -> Iterator[Finding]:
    seen: list[Finding] = []
    for previous in by_year.get((agency_key(report), report.meta.year - 1), ()):
        for finding in check_against_previous(report, previous):
            if finding not in seen:
                seen.append(finding)
                yield finding


__all__ = ["agency_key", "carry_over", "check_against_previous", "check_series"]
