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

Cell = Callable[[Report], tuple[int | Decimal, ...] | None]
"""The values a phrase may rightly state (the first is named in the message), or None when
the table cannot say: missing (reported as MISSING) or a cell left unread by a reader."""


def _values(report: Report, table: str, *cells: tuple[str, str]) -> list[int | Decimal] | None:
    t = report.table(table)
    if not t.stated or any(c not in t.spec.fields or c in t.unread for c in cells):
        return None
    return [numeric(t.value(c)) for c in cells]


def _cell(table: str, row: str, col: str) -> Cell:
    def value(report: Report) -> tuple[int | Decimal, ...] | None:
        found = _values(report, table, (row, col))
        return None if found is None else (found[0],)

    return value


def _received(report: Report) -> tuple[int | Decimal, ...] | None:
    """Applications received: reports mean either 一 (new this year) or 一+二 (with those
    carried over); only a number that is neither contradicts the table."""
    found = _values(report, "table3", ("new", "total"), ("carry_in", "total"))
    return None if found is None else (found[0], found[0] + found[1])


def _litigation(report: Report) -> tuple[int | Decimal, ...] | None:
    found = _values(report, "table4", ("direct_suit", "total"), ("suit_after_review", "total"))
    return None if found is None else (found[0] + found[1],)


# (what the prose calls it, the phrase with the number as group 1, the table cell)
CLAIMS: tuple[tuple[str, re.Pattern[str], Cell], ...] = (
    (
        "收到申请",
        re.compile(
            r"(?:新收|受理|共收到|收到|接收)(?:到)?(?:各类)?(?:政府信息公开|依申请公开)?"
            r"申请(?:共|合计)?(\d+)件"
        ),
        _received,
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
            accepted = cell(report)
            if accepted is None:
                continue
            expected = accepted[0]
            for m in pattern.finditer(text):
                said = int(m.group(1))
                if said not in accepted:
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
