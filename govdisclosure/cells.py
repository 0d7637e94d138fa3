"""Reading one table cell's stated value, as typed in a file or copied from a published report."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from .errors import GovDisclosureError
from .formats import Kind
from .formats.common import PLACEHOLDERS
from .model import Blank, Money, Stated

_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
_MONEY = re.compile(r"(?P<amount>[+-]?\d+(?:\.\d+)?)\s*(?P<unit>万元|元)?")


LIMIT = 1_000_000_000_000
"""No count or amount in a report comes near this; a larger number is a typing mistake."""


class CellValueError(GovDisclosureError, ValueError):
    """A cell value that cannot be read as the kind of value its cell holds."""

    def __init__(self, kind: Kind, found: object, why: str | None = None) -> None:
        self.expected = kind.wording
        self.found = found
        super().__init__(why or f"应为{self.expected}，实为{describe(found)}")


def describe(found: object) -> str:
    """A short Chinese description of a wrong value, quoting it."""
    if isinstance(found, bool):
        return f"布尔值 {str(found).lower()}"
    if isinstance(found, str):
        return f"文本“{found}”"
    if isinstance(found, dict):
        return "一组键值"
    if isinstance(found, list):
        return "列表"
    if found is None:
        return "空值"
    return repr(found)


def parse_cell(raw: object, kind: Kind) -> Stated:
    """The stated value of a cell of ``kind``.

    Numbers are kept as written (a count of 1.5 or -3 is returned for validation to report);
    blanks and placeholders become :class:`Blank`; text that is no number raises
    :class:`CellValueError`. Full-width digits and signs are accepted.
    """
    value = _parse_cell(raw, kind)
    number: int | Decimal = 0
    if isinstance(value, Money):
        number = value.amount
    elif isinstance(value, int | Decimal):
        number = value
    if abs(Decimal(number)) >= LIMIT:
        raise CellValueError(kind, raw, f"数值过大（不应超过 {LIMIT}），请核对")
    return value


def _parse_cell(raw: object, kind: Kind) -> Stated:
    if raw is None:
        return Blank("")
    if isinstance(raw, bool):
        raise CellValueError(kind, raw)
    if isinstance(raw, int):
        _refuse_leading_zero(raw, kind)
        return Money(Decimal(raw)) if kind is Kind.MONEY else raw
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise CellValueError(kind, raw)
        return _number(Decimal(repr(raw)), kind)
    if isinstance(raw, Decimal):
        return _number(raw, kind)
    if not isinstance(raw, str):
        raise CellValueError(kind, raw)
    text = unicodedata.normalize("NFKC", raw).strip().replace(" ", "")
    if text in PLACEHOLDERS:
        return Blank(raw.strip())
    if kind is Kind.MONEY:
        m = _MONEY.fullmatch(text)
        if m is None:
            raise CellValueError(kind, raw)
        return Money(Decimal(m["amount"]), m["unit"] or "")
    if kind is Kind.WANYUAN and text.endswith("万元"):
        text = text[: -len("万元")]
    if not _NUMBER.fullmatch(text):
        raise CellValueError(kind, raw)
    try:
        return _number(Decimal(text), kind)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise CellValueError(kind, raw) from None


_LEADING_ZERO = re.compile(r"[+-]?0\d+")


def _refuse_leading_zero(raw: int, kind: Kind) -> None:
    """An unquoted ``072`` is 72 to a YAML 1.2 reader and 58 (octal) to a YAML 1.1 one, such
    as the PyYAML many agencies' scripts use: a number two programs read differently is refused,
    not guessed. ``raw.written`` is the text a :class:`~govdisclosure.inputs.written.WrittenInt`
    was typed as (duck-typed: this module sits below ``inputs``)."""
    written = getattr(raw, "written", None)
    if isinstance(written, str) and _LEADING_ZERO.fullmatch(written):
        raise CellValueError(
            kind,
            written,
            f"应为{kind.wording}，实为文本“{written}”：以 0 开头的数，"
            "有的软件按八进制读，读法不唯一；请去掉开头的 0",
        )


def _number(value: Decimal, kind: Kind) -> Stated:
    if kind is Kind.MONEY:
        return Money(value)
    if kind in (Kind.COUNT, Kind.DELTA) and value.as_tuple().exponent == 0:
        return int(value)
    return value
