"""Validation: every finding on a report at once, each located by official label.

The rules are declared in :mod:`govdisclosure.rules`; :data:`CHECKS` says which check reports
each rule that validation checks, and :func:`validate` runs them in document order. The rules
not among them are reported where their problem is met: reading an input file (KEY, TYPE,
SYNTAX, and MISSING and RANGE there too), reading a published report (READ, LAYOUT),
rendering (RENDER).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from attrs import frozen

from ..findings import Finding
from ..model import Report, Table
from ..rules import RULES, Rule, RuleId
from .arithmetic import check_balances, check_sums, check_unchecked
from .cells import check_cells
from .history import check_against_previous, check_series
from .prose import check_prose
from .report import check_fee_reporting, check_sections, check_version

Run = Callable[[Report, Report | None], Iterable[Finding]]
"""A check on a report and, if given, last year's report of the same agency."""


@frozen
class Check:
    """A check and the rules whose findings it reports."""

    rules: tuple[RuleId, ...]
    run: Run


def _on_report(check: Callable[[Report], Iterable[Finding]]) -> Run:
    return lambda report, previous: check(report)


def _on_each_table(*checks: Callable[[Table], Iterable[Finding]]) -> Run:
    """The checks on each table in turn, all of one table before the next."""

    def run(report: Report, previous: Report | None) -> Iterator[Finding]:
        for table in report.tables:
            for check in checks:
                yield from check(table)

    return run


def _with_previous(report: Report, previous: Report | None) -> Iterable[Finding]:
    return () if previous is None else check_against_previous(report, previous)


R = RuleId
CHECKS: tuple[Check, ...] = (
    Check((R.RANGE, R.S6), _on_report(check_version)),
    Check((R.MISSING, R.EMPTY), _on_report(check_sections)),
    Check(
        (R.MISSING, R.BLANK, R.H5, R.H2, R.H3, R.H4, R.H1, R.UNCHECKED),
        _on_each_table(check_cells, check_sums, check_balances, check_unchecked),
    ),
    Check((R.S5,), _on_report(check_fee_reporting)),
    Check((R.S4, R.S9, R.S10), _on_report(check_prose)),
    Check((R.S1, R.S2), _with_previous),
)
"""The checks :func:`validate` runs, in the order of their findings."""


def checks_of(rule: RuleId | str) -> tuple[Check, ...]:
    """The checks that report ``rule``; none for a rule reported outside validation."""
    return tuple(c for c in CHECKS if rule in c.rules)


def validate(report: Report, previous: Report | None = None) -> list[Finding]:
    """Check ``report`` against its format's rules; with ``previous`` (last year's report of
    the same agency) also the rules across years (S1, S2).

    Returns every finding, errors and warnings, in document order; an empty list means the
    report is consistent.
    """
    return [finding for check in CHECKS for finding in check.run(report, previous)]


__all__ = ["CHECKS", "RULES", "Check", "Rule", "RuleId", "check_series", "checks_of", "validate"]
