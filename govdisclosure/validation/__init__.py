"""Validation: every finding on a report at once, each located by official label."""

from __future__ import annotations

from ..findings import Finding
from ..model import Report
from .arithmetic import check_balances, check_sums, check_unchecked
from .catalogue import RULES, Rule
from .cells import check_cells
from .history import check_against_previous, check_series
from .prose import check_prose
from .report import check_fee_reporting, check_sections, check_version


def validate(report: Report, previous: Report | None = None) -> list[Finding]:
    """Check ``report`` against its format's rules; with ``previous`` (last year's report of
    the same agency) also the rules across years (S1, S2).

    Returns every finding, errors and warnings, in document order; an empty list means the
    report is consistent.
    """
    findings: list[Finding] = [*check_version(report), *check_sections(report)]
    for table in report.tables:
        findings.extend(check_cells(table))
        findings.extend(check_sums(table))
        findings.extend(check_balances(table))
        findings.extend(check_unchecked(table))
    findings.extend(check_fee_reporting(report))
    findings.extend(check_prose(report))
    if previous is not None:
        findings.extend(check_against_previous(report, previous))
    return findings


__all__ = ["RULES", "Rule", "check_series", "validate"]
