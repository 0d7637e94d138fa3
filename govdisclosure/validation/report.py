"""Rules on the report as a whole: sections present, format version, fee reporting (S5, S6)."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..formats import UnknownFormatError, format_for_year
from ..formats.declaration import FeeNotices
from ..model import OtherMatters, Report, Section, numeric
from ..rules import RULES, RuleId

FEE_WORDS = ("收费通知", "信息处理费")


def check_sections(report: Report) -> Iterator[Finding]:
    for spec in report.format.sections:
        if spec.table:
            continue
        section = report.section(spec.key)
        if section is None:
            yield RULES[RuleId.MISSING].finding(spec.key, spec.title, "缺少此部分")
        elif isinstance(section, Section) and section.is_empty:
            yield RULES[RuleId.EMPTY].finding(spec.key, spec.title, "此部分尚未填写内容")


def check_version(report: Report) -> Iterator[Finding]:
    """S6: a report on 2019–2020 uses the 2019 trial format, later ones the 2021 format.

    A year no format covers (a 2015 report read from a portal, which still hosts every year
    since 2008) is a RANGE finding: the report predates the national format."""
    try:
        expected = format_for_year(report.meta.year)
    except UnknownFormatError as exc:
        yield RULES[RuleId.RANGE].finding("year", "报告年度", str(exc), report.meta.year)
        return
    if expected.version != report.meta.version:
        used = report.format
        yield RULES[RuleId.S6].finding(
            "format",
            "格式版本",
            f"{report.meta.year}年度报告应使用{expected.document}《{expected.name}》，"
            f"而非{used.document}《{used.name}》",
            stated=used.version,
            computed=expected.version,
        )


def check_fee_reporting(report: Report) -> Iterator[Finding]:
    """S5: applications dropped for an unpaid fee imply fee notices reported in section 六;
    the cell that counts them is the version's declaration (2021: 表三 （六）2)."""
    declared = report.format.relation(FeeNotices)
    if declared is None:
        return
    dropped = numeric(report.table(declared.table).value(declared.dropped))
    if dropped <= 0:
        return
    other = report.section(declared.section)
    if not isinstance(other, OtherMatters):
        other = None
    fees = other.processing_fees if other else None
    mentioned = other is not None and any(
        w in p for p in other.text_paragraphs() for w in FEE_WORDS
    )
    if (fees is not None and fees.notices > 0) or (fees is None and mentioned):
        return
    yield RULES[declared.rule].finding(
        f"{declared.section}.processing_fees.notices",
        f"{report.format.section(declared.section).title}·信息处理费",
        f"表三有{dropped}件申请因逾期未缴费不再处理，但第六部分未报告发出收费通知的情况",
        stated=fees.notices if fees else None,
    )
