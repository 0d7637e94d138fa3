"""Summing several agencies' reports into one (a city's or county's 本级 summary).

Tables 二, 三 and 四 are summed cell by cell over the cells the format declares; totals are
left to be computed from the summed parts, so the summary is consistent whenever its
sources' parts are. Only reports of one year and one format version can be summed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from decimal import Decimal

from attrs import frozen

from .batch import Hashes
from .errors import AggregateError as AggregateError
from .formats import get_format
from .formats.declaration import Kind, SectionKey, TableSpec
from .model import (
    Metadata,
    Money,
    Number,
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


def _as_money(value: Value) -> Money:
    return value if isinstance(value, Money) else Money(Decimal(value))


@frozen
class Summand:
    """What summing needs of one report, as a worker sends it back: whose it is, and the
    values of the cells summed (tables 二, 三, 四, each cell the format declares that is not
    a total, in the declaration's order) with its 信息处理费."""

    agency: str
    year: int
    version: str
    summary: bool
    """Whether it is itself a summary (it lists its sources)."""
    values: tuple[tuple[Number | Money, ...], ...]
    fees: ProcessingFees | None


def summand(report: Report) -> Summand:
    values = tuple(
        tuple(
            _as_money(t.value(key)) if field.kind is Kind.MONEY else _plain(numeric(t.value(key)))
            for key, field in t.spec.fields.items()
            if key not in t.spec.derived
        )
        for t in report.tables
    )
    fees = report.other.processing_fees if report.other else None
    m = report.meta
    return Summand(m.agency, m.year, m.version, bool(m.sources), values, fees)


def _plain(n: Number) -> Number:
    # A plain int, not an int that remembers its text (a dict each): a third of the size
    # sent back, and summed the same.
    return int(n) if isinstance(n, int) else n


class _Names:
    """Names in order, in one byte string: each as its UTF-8 length (one byte under 128,
    as a varint) and its UTF-8 (a Chinese agency name is some 30 bytes, where a ``str`` in
    a list is some 100)."""

    def __init__(self) -> None:
        self._text = bytearray()
        self._count = 0

    def add(self, name: str) -> None:
        data = name.encode("utf-8")
        size = len(data)
        while size >= 0x80:
            self._text.append(size & 0x7F | 0x80)
            size >>= 7
        self._text.append(size)
        self._text += data
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[str]:
        text, i = self._text, 0
        while i < len(text):
            size = shift = 0
            while text[i] & 0x80:
                size |= (text[i] & 0x7F) << shift
                shift += 7
                i += 1
            size |= text[i] << shift
            i += 1
            yield text[i : i + size].decode("utf-8")
            i += size


class Sum:
    """Reports summed as they come (:class:`Summand`), holding running sums and, per
    report, only its agency's name (the summary lists its sources) and a 64-bit hash of it
    (to refuse one agency twice): memory does not grow with the reports but by those."""

    def __init__(self) -> None:
        self._kinds: list[tuple[int, str]] = []
        self._names = _Names()
        self._other_kind: dict[int, int] = {}
        """For a report of another year or format than the first (an error, listed at the
        end), its place among the names and its kind's: nothing for the usual batch."""
        self._seen, self._twice = Hashes(), Hashes()
        self._summaries: list[str] = []
        self._first: Summand | None = None
        self._sums: list[list[Number | dict[str, Decimal]]] = []
        self._fees: list[int | Decimal] | None = None

    def add(self, part: Summand) -> None:
        kind = (part.year, part.version)
        if kind not in self._kinds:
            self._kinds.append(kind)
        if kind != self._kinds[0]:
            self._other_kind[len(self._names)] = self._kinds.index(kind)
        self._names.add(part.agency)
        if part.summary:
            self._summaries.append(part.agency)
        if self._seen.add(part.agency):
            self._twice.add(part.agency)
        if self._first is None:
            self._first = part
            self._sums = [
                [{} if isinstance(v, Money) else 0 for v in table] for table in part.values
            ]
        elif kind != self._kinds[0]:
            return  # refused at the end; nothing to add it to
        for sums, values in zip(self._sums, part.values, strict=True):
            for i, v in enumerate(values):
                if isinstance(v, Money):
                    by_unit = sums[i]
                    assert isinstance(by_unit, dict)
                    by_unit[v.unit] = by_unit.get(v.unit, Decimal(0)) + v.amount
                else:
                    total = sums[i]
                    assert not isinstance(total, dict)
                    sums[i] = total + v
        if part.fees is not None:
            f, fees = part.fees, self._fees or [0, Decimal(0), Decimal(0)]
            self._fees = [fees[0] + f.notices, fees[1] + f.billed, fees[2] + f.collected]

    @property
    def count(self) -> int:
        return len(self._names)

    def sources(self) -> Iterator[str]:
        """The agencies summed, in the order they were added."""
        return iter(self._names)

    def report(self, agency: str, sources: bool = True) -> Report:
        """The cell-wise sum as the report of ``agency``; without ``sources``, with none
        listed (to be written out from :meth:`sources` without being held).

        Raises :class:`AggregateError` when the reports differ in year or format version,
        one is itself a summary, or one agency's is there twice."""
        first = self._first
        if first is None:
            raise AggregateError("没有可汇总的报告")
        if len(self._kinds) > 1:
            by_kind: dict[int, list[str]] = {}
            for i, name in enumerate(self._names):
                by_kind.setdefault(self._other_kind.get(i, 0), []).append(name)
            seen = "；".join(
                f"{y}年度（{v}格式）：" + "、".join(by_kind[self._kinds.index((y, v))])
                for y, v in sorted(self._kinds)
            )
            raise AggregateError(f"只能汇总同一年度、同一格式版本的报告，而这些报告分属：{seen}")
        if self._summaries:
            # A summary among its own inputs (re-run into its input folder) would count twice.
            raise AggregateError(
                f"“{'、'.join(self._summaries)}”本身是汇总报告，不能再次汇总（是否把上次的汇总结果放进了输入？）"
            )
        if self._twice:
            counts = Counter(n for n in self._names if n in self._twice)
            twice = [a for a, n in counts.items() if n > 1]
            if twice:
                raise AggregateError(f"同一机关同一年度的报告出现了不止一份：{'、'.join(twice)}")
        fmt = get_format(first.version)
        fees = None
        if self._fees is not None:
            notices, billed, collected = self._fees
            fees = ProcessingFees(
                notices=int(notices), billed=Decimal(billed), collected=Decimal(collected)
            )
        sums = iter(self._sums)  # one per table, in the declared order of the sections
        contents: dict[SectionKey, Section | Table | None] = {}
        for spec in fmt.sections:
            if spec.table is not None:
                contents[spec.key] = _table(fmt.table(spec.table), next(sums))
            elif spec.processing_fees:
                contents[spec.key] = OtherMatters(processing_fees=fees)
            else:
                contents[spec.key] = prose_type(spec)()
        meta = Metadata(
            agency=agency,
            year=first.year,
            version=first.version,
            sources=tuple(self._names) if sources else (),
        )
        return Report(meta, contents)


def _table(spec: TableSpec, sums: list[Number | dict[str, Decimal]]) -> Table:
    stated: dict[tuple[str, str], Stated] = {}
    keys = [key for key in spec.fields if key not in spec.derived]
    for key, total in zip(keys, sums, strict=True):
        stated[key] = _money(total, spec.location(key)) if isinstance(total, dict) else total
    return Table(spec, stated)


def _money(by_unit: dict[str, Decimal], where: str) -> Money:
    """Amounts in 元 and 万元 summed in 万元 (or 元 if all are in 元); an amount without a
    unit cannot be mixed with others."""
    if len(by_unit) == 1:
        ((unit, amount),) = by_unit.items()
        return Money(amount, unit)
    if "" in by_unit:
        raise AggregateError(f"{where}：有的金额未写单位，无法与带单位的金额相加")
    wanyuan = sum(
        (a / _YUAN_PER_WANYUAN if u == "元" else a for u, a in by_unit.items()), start=Decimal(0)
    )
    return Money(wanyuan, "万元")


def aggregate(reports: Iterable[Report], agency: str) -> Report:
    """The cell-wise sum of ``reports`` as the report of ``agency``, listing its sources.

    Raises :class:`AggregateError` when the reports differ in year or format version.
    """
    total = Sum()
    for r in reports:
        total.add(summand(r))
    return total.report(agency)
