"""S4: numbers the prose states against the tables, and percentages against their counts.

Published reports often say one thing in the text and another in the tables (spec §8:
上海 2019 “258/265” against 275/337). The phrases below are the ones reports use for the
figures that the tables also give; a phrase found with a different number is a finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal

from ..findings import Finding
from ..helpers import HelperError, percent
from ..model import Report, Section, numeric
from .catalogue import RULES

Cell = Callable[[Report], int | Decimal | None]


def _cell(table: str, row: str, col: str) -> Cell:
    def value(report: Report) -> int | Decimal | None:
        t = report.table(table)
        if (row, col) not in t.spec.fields or not t.stated:
            return None  # a missing table is reported as MISSING, not against the prose
        return numeric(t.value((row, col)))

    return value


def _litigation(report: Report) -> int | Decimal | None:
    t4 = report.table4
    if not t4.stated:
        return None
    return numeric(t4.value(("direct_suit", "total"))) + numeric(
        t4.value(("suit_after_review", "total"))
    )


# (what the prose calls it, the phrase with the number as group 1, the table cell)
CLAIMS: tuple[tuple[str, re.Pattern[str], Cell], ...] = (
    (
        "新收申请",
        re.compile(r"新收(?:到)?(?:政府信息公开)?申请(?:共|合计)?(\d+)件"),
        _cell("table3", "new", "total"),
    ),
    (
        "上年结转",
        re.compile(r"上年(?:度)?结转(?:政府信息公开申请)?(\d+)件"),
        _cell("table3", "carry_in", "total"),
    ),
    ("办结", re.compile(r"办结(?:政府信息公开申请)?(\d+)件"), _cell("table3", "total", "total")),
    (
        "结转下年度",
        re.compile(r"结转(?:至)?下(?:一)?年度?(?:继续办理)?(\d+)件"),
        _cell("table3", "carry_out", "total"),
    ),
    (
        "行政复议",
        re.compile(r"行政复议(?:案件|申请)?(?:共)?(\d+)件"),
        _cell("table4", "review", "total"),
    ),
    ("行政诉讼", re.compile(r"行政诉讼(?:案件)?(?:共)?(\d+)件"), _litigation),
    (
        "制发规范性文件",
        re.compile(r"制发(?:行政)?规范性文件(\d+)件"),
        _cell("table2", "normative_documents", "issued"),
    ),
)

_SHARE = re.compile(r"(\d+)件[，,]?占(?:比)?(\d+(?:\.\d+)?)%")
_WHOLE = re.compile(r"(?:共|计|合计|累计|总计)[^，。；、\d]{0,16}?(\d+)件")


def _paragraphs(report: Report) -> Iterator[tuple[str, str, int, str]]:
    for spec in report.format.sections:
        section = report.section(spec.key)
        if isinstance(section, Section):
            for n, text in enumerate(section.text_paragraphs(), start=1):
                yield spec.key, spec.title, n, re.sub(r"\s+", "", text)


def check_prose(report: Report) -> Iterator[Finding]:
    severity = RULES["S4"].severity
    for key, title, n, text in _paragraphs(report):
        where = f"{title}第{n}段"
        for name, pattern, cell in CLAIMS:
            expected = cell(report)
            if expected is None:
                continue
            for m in pattern.finditer(text):
                said = int(m.group(1))
                if said != expected:
                    yield Finding(
                        "S4",
                        severity,
                        f"{key}[{n}]",
                        where,
                        f"正文称{name}{said}件，表中为{expected}件",
                        stated=said,
                        computed=expected,
                    )
        for m in _SHARE.finditer(text):
            wholes = list(_WHOLE.finditer(text, 0, m.start()))
            if not wholes:
                continue
            whole = int(wholes[-1].group(1))
            digits = len(m.group(2).partition(".")[2])
            share = Decimal(m.group(2))
            try:
                computed = percent(int(m.group(1)), whole, digits)
            except HelperError:
                continue
            if computed != share:
                yield Finding(
                    "S4",
                    severity,
                    f"{key}[{n}]",
                    where,
                    f"{m.group(1)}件占{whole}件的{computed}%，正文写作{share}%",
                    stated=f"{share}%",
                    computed=f"{computed}%",
                )
