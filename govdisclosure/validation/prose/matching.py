"""Comparing what the prose states with the tables.

A claim is compared only when the table makes every meaning of its figure known: a figure
whose cells the report's format lacks is skipped, and so is one whose cells a reader left
unread or the report does not state (the unknown meaning might be the one the prose meant).
A count contradicts the table when it fits none of the figure's meanings; a share when it
fits none of the bases a reader could take it of.
"""

from __future__ import annotations

import decimal
import functools
from decimal import ROUND_HALF_UP, Decimal

from attrs import field, frozen

from ...formats.vocabulary import APP, SHARE_BASES, Base, Figure, Measure, Relation, figure
from ...helpers import percent
from ...model import Number, Report
from ..known import known_sum
from .extraction import Claim, Share


@frozen
class Value:
    """One meaning of a figure, and what the table says it is."""

    base: Base
    value: Number


@frozen
class Mismatch:
    """A claim that fits none of the meanings of its figure."""

    claim: Claim
    values: tuple[Value, ...]
    """Every meaning with its value; the first is the figure's usual one."""


@frozen
class Fit:
    """A share computed from one part and one base."""

    part: Decimal
    base: Decimal
    share: Decimal


@frozen
class ShareMismatch:
    """A share that no part and base a reader could take it of gives."""

    share: Share
    fits: tuple[Fit, ...]
    """What each base gives, the bases named in the sentence first."""


@frozen
class Tables:
    """A report's tables as the prose is compared with them: each figure's meanings and
    their values, worked out once per report."""

    report: Report
    _values: dict[str, tuple[Value, ...] | None] = field(init=False, factory=dict)

    def values(self, fig: Figure) -> tuple[Value, ...] | None:
        """The figure's meanings in this report's format with their values; None when the
        format has none of them, or when one is not known (never compared then)."""
        if fig.key not in self._values:
            self._values[fig.key] = _values(self.report, fig)
        return self._values[fig.key]


def _values(report: Report, fig: Figure) -> tuple[Value, ...] | None:
    found: list[Value] = []
    for base in fig.bases:
        table = report.table(base.table)
        if any(cell not in table.spec.fields for cell in base.cells):
            continue  # this format version does not have this meaning
        value = known_sum(table, base.cells)
        if value is None:
            return None
        found.append(Value(base, value))
    return tuple(found) or None


def fits(claim: Claim, value: Number) -> bool:
    said = claim.value
    if claim.figure.measure is Measure.AMOUNT:
        return _same_amount(said, claim.unit, claim.digits, Decimal(value))
    if claim.figure.relation is Relation.AT_LEAST:
        return said >= value
    return said == value


def _same_amount(said: Decimal, unit: str, digits: int, wanyuan: Decimal) -> bool:
    """An amount in 元 or 万元 against the table's 万元, compared at the coarser of the two
    printed precisions: 123,456元 is the table's 12.35万元, and 12.3万元 its 12.35 rounded."""
    if unit == "元":
        said, digits = said.scaleb(-4), digits + 4
    table_digits = max(0, -int(wanyuan.as_tuple().exponent))
    quantum = Decimal(1).scaleb(-min(digits, table_digits))
    with decimal.localcontext() as ctx:
        # Exact at any size: a stated amount may have more digits than the default context.
        ctx.prec = max(
            ctx.prec, len(said.as_tuple().digits) + 8, len(wanyuan.as_tuple().digits) + 8
        )
        return said.quantize(quantum, ROUND_HALF_UP) == wanyuan.quantize(quantum, ROUND_HALF_UP)


def check_claim(tables: Tables, claim: Claim) -> Mismatch | None:
    found = tables.values(claim.figure)
    if found is None or any(fits(claim, v.value) for v in found):
        return None
    return Mismatch(claim, found)


def share_bases(tables: Tables) -> tuple[Decimal, ...]:
    """（七）总计, 一, 一+二 as far as the table makes them known."""
    bases: list[Decimal] = []
    for key in SHARE_BASES:
        for v in tables.values(figure(key)) or ():
            if Decimal(v.value) not in bases:
                bases.append(Decimal(v.value))
    return tuple(bases)


def check_share(
    tables: Tables, share: Share, table_bases: tuple[Decimal, ...]
) -> ShareMismatch | None:
    """A share fits when some part (the count printed, or the table's value of its figure)
    over some base (a larger count named before it, or for applications （七）总计, 一, 一+二)
    rounds 四舍五入 to it at the digits printed."""
    bases = list(share.named)
    if share.topic == APP:
        bases += [b for b in table_bases if b not in bases]
    bases = [b for b in bases if b > 0]
    if not bases:
        return None
    parts = [share.part]
    if share.claim is not None:
        for v in tables.values(share.claim.figure) or ():
            if Decimal(v.value) not in parts:
                parts.append(Decimal(v.value))
    slack = Decimal(1).scaleb(-share.digits) if share.about else Decimal(0)
    computed = [Fit(p, b, _percent(p, b, share.digits)) for p in parts for b in bases]
    if any(abs(f.share - share.share) <= slack for f in computed):
        return None
    return ShareMismatch(share, tuple(f for f in computed if f.part == share.part))


@functools.lru_cache(maxsize=4096)
def _percent(part: Decimal, base: Decimal, digits: int) -> Decimal:
    # Dense prose repeats the same shares; the exact rational arithmetic is worth keeping.
    return percent(part, base, digits)


__all__ = [
    "Fit",
    "Mismatch",
    "ShareMismatch",
    "Tables",
    "Value",
    "check_claim",
    "check_share",
    "fits",
    "share_bases",
]
