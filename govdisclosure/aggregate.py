"""Summing several agencies' reports into one (a city's or county's 本级 summary).

Tables 二, 三 and 四 are summed cell by cell over the cells the format declares; totals are
left to be computed from the summed parts, so the summary is consistent whenever its
sources' parts are. Only reports of one year and one format version can be summed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from .errors import AggregateError as AggregateError
from .formats.declaration import Kind, SectionKey
from .model import (
    Metadata,
    Money,
    OtherMatters,
    ProcessingFees,
    Report,
    Section,
    Stated,
    Table,
    Value,
    numeric,
    prose_type,
)

_YUAN_PER_WANYUAN = Decimal(10000)


def _money_sum(values: list[Money], where: str) -> Money:
    """Amounts in 元 and 万元 summed in 万元 (or 元 if all are in 元); an amount without a
    unit cannot be mixed with others."""
    units = {v.unit for v in values}
    if len(units) == 1:
        return Money(sum((v.amount for v in values), start=Decimal(0)), units.pop())
    if "" in units:
        raise AggregateError(f"{where}：有的金额未写单位，无法与带单位的金额相加")
    wanyuan = sum(
        (v.amount / _YUAN_PER_WANYUAN if v.unit == "元" else v.amount for v in values),
        start=Decimal(0),
    )
    return Money(wanyuan, "万元")


def _as_money(value: Value) -> Money:
    return value if isinstance(value, Money) else Money(Decimal(value))


def _sum_table(tables: list[Table]) -> Table:
    spec = tables[0].spec
    stated: dict[tuple[str, str], Stated] = {}
    for key, field in spec.fields.items():
        if key in spec.derived:
            continue
        if field.kind is Kind.MONEY:
            money = [_as_money(t.value(key)) for t in tables]
            stated[key] = _money_sum(money, spec.location(key))
        else:
            stated[key] = sum((numeric(t.value(key)) for t in tables), start=0)
    return Table(spec, stated)


def aggregate(reports: Sequence[Report], agency: str) -> Report:
    """The cell-wise sum of ``reports`` as the report of ``agency``, listing its sources.

    Raises :class:`AggregateError` when the reports differ in year or format version.
    """
    if not reports:
        raise AggregateError("没有可汇总的报告")
    kinds = {(r.meta.year, r.meta.version) for r in reports}
    if len(kinds) > 1:
        seen = "；".join(
            f"{y}年度（{v}格式）："
            + "、".join(r.meta.agency for r in reports if (r.meta.year, r.meta.version) == (y, v))
            for y, v in sorted(kinds)
        )
        raise AggregateError(f"只能汇总同一年度、同一格式版本的报告，而这些报告分属：{seen}")
    summaries = [r.meta.agency for r in reports if r.meta.sources]
    if summaries:
        # A summary among its own inputs (re-run into its input folder) would count twice.
        raise AggregateError(
            f"“{'、'.join(summaries)}”本身是汇总报告，不能再次汇总（是否把上次的汇总结果放进了输入？）"
        )
    counts = Counter(r.meta.agency for r in reports)
    twice = [a for a, n in counts.items() if n > 1]
    if twice:
        raise AggregateError(f"同一机关同一年度的报告出现了不止一份：{'、'.join(twice)}")
    first = reports[0]
    contents: dict[SectionKey, Section | Table | None] = {}
    for spec in first.format.sections:
        if spec.table is not None:
            contents[spec.key] = _sum_table([r.table(spec.table) for r in reports])
        elif spec.processing_fees:
            contents[spec.key] = OtherMatters(processing_fees=_fees(reports))
        else:
            contents[spec.key] = prose_type(spec)()
    meta = Metadata(
        agency=agency,
        year=first.meta.year,
        version=first.meta.version,
        sources=tuple(r.meta.agency for r in reports),
    )
    return Report(meta, contents)


def _fees(reports: Sequence[Report]) -> ProcessingFees | None:
    """The sources' 信息处理费 figures summed, so that S5 holds for the summary as for them."""
    fees = [r.other.processing_fees for r in reports if r.other and r.other.processing_fees]
    if not fees:
        return None
    return ProcessingFees(
        notices=sum(f.notices for f in fees),
        billed=sum((f.billed for f in fees), start=Decimal(0)),
        collected=sum((f.collected for f in fees), start=Decimal(0)),
    )
