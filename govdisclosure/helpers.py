"""Formatting and arithmetic helpers for 政府信息公开工作年度报告.

These functions are public API: they are exposed to the Jinja templates through
:data:`TEMPLATE_HELPERS` and may be called directly by users.

All arithmetic is done with :class:`decimal.Decimal` (never with binary floats).
Rounding is always 四舍五入 (``ROUND_HALF_UP``), never banker's rounding.
Inputs are ``int`` or ``Decimal``; at runtime ``str`` values are parsed as
``Decimal`` and ``float`` values are converted through ``Decimal(str(x))``.
``bool`` values are rejected with :class:`TypeError`.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from types import MappingProxyType

from .errors import HelperError as HelperError

__all__ = [
    "TEMPLATE_HELPERS",
    "HelperError",
    "amount_wanyuan",
    "chinese_numeral",
    "column_total",
    "date_cn",
    "format_percent",
    "integer",
    "ordinal",
    "percent",
    "row_total",
    "share",
    "yoy",
    "yuan_to_wanyuan",
]

_DIGITS_CN = "零一二三四五六七八九"
_UNITS_CN = ("", "十", "百", "千")
_MAX_NUMERAL = 9999


def _error(zh: str, en: str) -> HelperError:
    return HelperError(f"{zh} ({en})")


def _exact_context() -> decimal.Context:
    """Return a context in which add, scaleb and quantize never round silently."""
    return decimal.Context(
        prec=decimal.MAX_PREC,
        rounding=ROUND_HALF_UP,
        Emax=decimal.MAX_EMAX,
        Emin=decimal.MIN_EMIN,
        traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
    )


def _to_decimal(value: object, name: str) -> Decimal:
    """Convert an int, Decimal, str or (forgivingly) float to a finite Decimal."""
    if isinstance(value, bool):
        raise TypeError(f"{name} must be int or Decimal, not bool")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(str(value))
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except decimal.InvalidOperation:
            zh = f"{name}不是有效的数字：{value!r}"
            raise _error(zh, f"{name} is not a number") from None
    else:
        raise TypeError(f"{name} must be int or Decimal, not {type(value).__name__}")
    if not result.is_finite():
        raise _error(f"{name}必须是有限数值", f"{name} must be finite, got {result}")
    return result


MAX_DIGITS = 10
"""The most decimals a helper rounds to."""


def _check_digits(digits: int) -> None:
    if isinstance(digits, bool) or not isinstance(digits, int):
        raise TypeError(f"digits must be int, not {type(digits).__name__}")
    if digits < 0:
        raise _error("小数位数不能为负数", f"digits must be >= 0, got {digits}")
    if digits > MAX_DIGITS:
        # A published share or amount never needs more; a huge count would never return.
        raise _error(
            f"小数位数不能超过 {MAX_DIGITS}", f"digits must be <= {MAX_DIGITS}, got {digits}"
        )


def row_total(values: Iterable[int | Decimal]) -> int | Decimal:
    """Sum a row of table cells exactly; ``int`` if every value is an ``int``.

    Example: ``row_total([3694, 1357, 12890, 65])`` → ``18006``.
    An empty row sums to ``0``.
    """
    items = list(values)
    if all(isinstance(v, int) and not isinstance(v, bool) for v in items):
        return sum(items, 0)
    total = Decimal(0)
    ctx = _exact_context()
    for i, v in enumerate(items):
        total = ctx.add(total, _to_decimal(v, f"values[{i}]"))
    return total


def column_total(values: Iterable[int | Decimal]) -> int | Decimal:
    """Sum a column of table cells exactly; ``int`` if every value is an ``int``.

    Same semantics as :func:`row_total`. Example: ``column_total([1, 2, 3])`` → ``6``.
    """
    return row_total(values)


def _round_half_up(value: Fraction, digits: int) -> Decimal:
    """Round an exact rational to ``digits`` decimals, 四舍五入 (half away from 0)."""
    scaled = abs(value) * 10**digits
    q = (2 * scaled.numerator + scaled.denominator) // (2 * scaled.denominator)
    sign = "-" if value < 0 and q != 0 else ""
    return Decimal(f"{sign}{q}E-{digits}")


def percent(part: int | Decimal, whole: int | Decimal, digits: int = 1) -> Decimal:
    """Return ``part / whole * 100`` rounded 四舍五入 to exactly ``digits`` decimals.

    The quotient is computed exactly (as a rational number), so there is no
    double rounding. Trailing zeros are kept: ``percent(1, 1)`` → ``Decimal("100.0")``.

    Example: ``percent(3694, 18006)`` → ``Decimal("20.5")`` (shown as 20.5%).

    Raises :class:`HelperError` if ``whole`` is 0 or negative, or ``digits`` < 0.
    """
    _check_digits(digits)
    p = _to_decimal(part, "part")
    w = _to_decimal(whole, "whole")
    if w == 0:
        raise _error("无法计算百分比：分母为0", "whole is 0")
    if w < 0:
        raise _error("无法计算百分比：分母为负数", f"whole is negative: {w}")
    return _round_half_up(Fraction(p) * 100 / Fraction(w), digits)


def format_percent(value: Decimal) -> str:
    """Format a percentage value with a ``%`` sign and no thousands separators.

    Example: ``format_percent(Decimal("20.5"))`` → ``"20.5%"``.
    """
    d = _to_decimal(value, "value")
    if d == 0:
        d = abs(d)  # never print "-0.0%"
    return f"{d:f}%"


def share(part: int | Decimal, whole: int | Decimal, digits: int = 1) -> str:
    """Describe ``part`` as a share of ``whole``.

    Example: ``share(3694, 18006)`` → ``"占20.5%"``.
    Raises :class:`HelperError` like :func:`percent`.
    """
    return "占" + format_percent(percent(part, whole, digits))


def yoy(current: int | Decimal, previous: int | Decimal, digits: int = 1) -> str:
    """Describe the year-over-year (同比) change from ``previous`` to ``current``.

    Examples: ``yoy(112, 100)`` → ``"同比增长12.0%"``; ``yoy(88, 100)`` →
    ``"同比下降12.0%"``; ``yoy(100, 100)`` → ``"与上年持平"``; ``yoy(0, 0)`` →
    ``"与上年持平"``.

    The rate is ``percent(abs(current - previous), previous, digits)``. If the
    values differ but the rate rounds to zero, the direction is still stated,
    e.g. ``yoy(100001, 100000)`` → ``"同比增长0.0%"``.

    Raises :class:`HelperError` if ``previous`` is 0 while ``current`` is not
    (``上年数值为0，无法计算同比变化``), or if ``previous`` is negative.
    """
    cur = _to_decimal(current, "current")
    prev = _to_decimal(previous, "previous")
    if cur == prev:
        return "与上年持平"
    if prev == 0:
        raise _error("上年数值为0，无法计算同比变化", "previous is 0")
    if prev < 0:
        zh = "上年数值为负数，无法计算同比变化"
        raise _error(zh, f"previous is negative: {prev}")
    diff = _exact_context().subtract(cur, prev)
    rate = format_percent(percent(abs(diff), prev, digits))
    return ("同比增长" if diff > 0 else "同比下降") + rate


def chinese_numeral(n: int) -> str:
    """Write ``0 <= n <= 9999`` in Chinese numerals (小写数字).

    Examples: ``1`` → ``"一"``, ``10`` → ``"十"``, ``11`` → ``"十一"``,
    ``101`` → ``"一百零一"``, ``110`` → ``"一百一十"``, ``1010`` → ``"一千零一十"``.

    Raises :class:`HelperError` outside that range.
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"n must be int, not {type(n).__name__}")
    if not 0 <= n <= _MAX_NUMERAL:
        raise _error(f"数字超出范围（0至{_MAX_NUMERAL}）", f"n out of range: {n}")
    if n == 0:
        return "零"
    if 10 <= n <= 19:  # 十, 十一 … 十九 (not 一十一)
        return "十" + (_DIGITS_CN[n - 10] if n > 10 else "")
    parts: list[str] = []
    pending_zero = False
    for position in range(3, -1, -1):
        digit = n // 10**position % 10
        if digit == 0:
            pending_zero = bool(parts)
            continue
        if pending_zero:
            parts.append("零")
            pending_zero = False
        parts.append(_DIGITS_CN[digit] + _UNITS_CN[position])
    return "".join(parts)


def ordinal(level: int, n: int) -> str:
    """Return the heading ordinal for item ``n`` at heading ``level`` (1-4).

    Level 1 → ``"一、"``; level 2 → ``"（一）"``; level 3 → ``"1."``;
    level 4 → ``"（1）"``. Example: ``ordinal(2, 11)`` → ``"（十一）"``.

    Raises :class:`HelperError` if ``n`` < 1 or ``level`` is not 1-4.
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"n must be int, not {type(n).__name__}")
    if n < 1:
        raise _error("序号必须从1开始", f"n must be >= 1, got {n}")
    if level == 1:
        return chinese_numeral(n) + "、"
    if level == 2:
        return "（" + chinese_numeral(n) + "）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise _error("标题层级必须为1至4", f"unknown heading level: {level!r}")


def integer(n: int) -> str:
    """Format an integer without thousands separators.

    Example: ``integer(55283)`` → ``"55283"``; ``integer(-8)`` → ``"-8"``.
    Raises :class:`TypeError` for ``bool`` or non-``int`` values.
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"integer() needs an int, not {type(n).__name__}")
    return str(n)


def date_cn(d: datetime.date) -> str:
    """Format a date the Chinese way, e.g. ``date(2021, 1, 31)`` → ``"2021年1月31日"``.

    A :class:`datetime.datetime` is formatted by its date part.
    """
    if not isinstance(d, datetime.date):
        raise TypeError(f"date_cn() needs a datetime.date, not {type(d).__name__}")
    return f"{d.year}年{d.month}月{d.day}日"


def amount_wanyuan(value: int | Decimal, digits: int = 2) -> str:
    """Format an amount already in 万元 with exactly ``digits`` decimals and ``万元``.

    Rounding is 四舍五入 and there are no thousands separators.
    Examples: ``amount_wanyuan(Decimal("12350.49"))`` → ``"12350.49万元"``;
    ``amount_wanyuan(3)`` → ``"3.00万元"``; ``amount_wanyuan(Decimal("0.125"))`` →
    ``"0.13万元"``.
    """
    _check_digits(digits)
    d = _to_decimal(value, "value")
    ctx = _exact_context()
    rounded = ctx.quantize(d, Decimal(1).scaleb(-digits, ctx))
    if rounded == 0:
        rounded = ctx.copy_abs(rounded)  # never print "-0.00"
    # Quantized to ``digits`` places, the fixed-point form has exactly that many decimals.
    return f"{rounded:f}万元"


def yuan_to_wanyuan(yuan: int | Decimal) -> Decimal:
    """Convert 元 to 万元 exactly (divide by 10000, no rounding).

    Example: ``yuan_to_wanyuan(123500) == Decimal("12.35")`` (12.35万元); the
    exponent is kept, so the repr is ``Decimal("12.3500")``.
    """
    ctx = _exact_context()
    return ctx.scaleb(_to_decimal(yuan, "yuan"), Decimal(-4))


TEMPLATE_HELPERS: Mapping[str, Callable[..., object]] = MappingProxyType(
    {
        "percent": percent,
        "share": share,
        "yoy": yoy,
        "ordinal": ordinal,
        "chinese_numeral": chinese_numeral,
        "integer": integer,
        "date_cn": date_cn,
        "amount_wanyuan": amount_wanyuan,
        "row_total": row_total,
        "column_total": column_total,
        "format_percent": format_percent,
    }
)
"""Name → function mapping registered as Jinja globals/filters."""
