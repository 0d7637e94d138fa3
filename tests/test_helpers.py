"""Tests for govdisclosure.helpers."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govdisclosure import helpers
from govdisclosure.helpers import (
    TEMPLATE_HELPERS,
    HelperError,
    amount_wanyuan,
    chinese_numeral,
    column_total,
    date_cn,
    format_percent,
    integer,
    ordinal,
    percent,
    row_total,
    share,
    yoy,
    yuan_to_wanyuan,
)

# --- row_total / column_total ---------------------------------------------------


def test_row_total_of_ints_is_int() -> None:
    result = row_total([3694, 1357, 12890, 65])
    assert result == 18006
    assert type(result) is int


def test_row_total_with_decimal_is_exact_decimal() -> None:
    result = row_total([1, Decimal("0.1"), Decimal("0.2")])
    assert result == Decimal("1.3")
    assert isinstance(result, Decimal)


def test_row_total_does_not_round_long_decimals() -> None:
    big = Decimal("12345678901234567890123456789.01")
    assert row_total([big, Decimal("0.01")]) == Decimal("12345678901234567890123456789.02")


def test_row_total_empty_is_zero() -> None:
    assert row_total([]) == 0


def test_row_total_accepts_generator() -> None:
    assert row_total(x for x in (1, 2, 3)) == 6


def test_row_total_rejects_bool() -> None:
    with pytest.raises(TypeError):
        row_total([True, Decimal(1)])


def test_column_total_sums_column() -> None:
    assert column_total([10, 20, Decimal("0.5")]) == Decimal("30.5")


# --- percent ----------------------------------------------------------------------


def test_percent_rounds_half_up_two_digits() -> None:
    assert percent(Decimal("0.12345"), 1, 2) == Decimal("12.35")


def test_percent_exact_half_kept() -> None:
    assert percent(Decimal("0.125"), 1) == Decimal("12.5")


def test_percent_one_eighth() -> None:
    assert percent(1, 8, 1) == Decimal("12.5")


def test_percent_one_third() -> None:
    assert percent(1, 3, 1) == Decimal("33.3")


def test_percent_two_thirds() -> None:
    assert percent(2, 3, 1) == Decimal("66.7")


@pytest.mark.parametrize(
    ("part", "expected"),
    [(3694, "20.5"), (1357, "7.5"), (12890, "71.6"), (65, "0.4")],
)
def test_percent_report_shares(part: int, expected: str) -> None:
    assert percent(part, 18006) == Decimal(expected)


def test_percent_keeps_trailing_zero() -> None:
    result = percent(1, 1)
    assert result == Decimal("100.0")
    assert str(result) == "100.0"


def test_percent_zero_part() -> None:
    assert str(percent(0, 5)) == "0.0"


def test_percent_one_sixteenth_exact_two_digits() -> None:
    assert str(percent(1, 16, 2)) == "6.25"


def test_percent_one_sixteenth_half_up_not_bankers() -> None:
    assert str(percent(1, 16, 1)) == "6.3"


def test_percent_zero_digits() -> None:
    assert str(percent(1, 8, 0)) == "13"


def test_percent_accepts_str_and_float_forgivingly() -> None:
    assert percent("0.125", 1) == Decimal("12.5")  # type: ignore[arg-type]
    assert percent(0.125, 1) == Decimal("12.5")  # type: ignore[arg-type]


def test_percent_whole_zero_raises_with_chinese_message() -> None:
    with pytest.raises(HelperError, match="无法计算百分比：分母为0") as excinfo:
        percent(1, 0)
    assert str(excinfo.value) == "无法计算百分比：分母为0 (whole is 0)"


def test_percent_whole_zero_error_is_value_error() -> None:
    with pytest.raises(ValueError, match="whole is 0"):
        percent(0, Decimal(0))


def test_percent_negative_whole_raises() -> None:
    with pytest.raises(HelperError, match="分母为负数"):
        percent(1, -5)


def test_percent_negative_digits_raises() -> None:
    with pytest.raises(HelperError, match="digits"):
        percent(1, 2, -1)


def test_percent_nan_raises() -> None:
    with pytest.raises(HelperError):
        percent(Decimal("NaN"), 1)


@given(st.data())
def test_percent_matches_high_precision_quantize(data: st.DataObject) -> None:
    whole = data.draw(st.integers(min_value=1, max_value=10**12), label="whole")
    part = data.draw(st.integers(min_value=0, max_value=whole), label="part")
    with localcontext() as ctx:
        ctx.prec = 100
        expected = (Decimal(part) * 100 / Decimal(whole)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
    result = percent(part, whole, 1)
    assert result == expected
    assert result.as_tuple().exponent == -1
    assert Decimal(0) <= result <= Decimal(100)


# --- format_percent / share -----------------------------------------------------


def test_format_percent() -> None:
    assert format_percent(Decimal("20.5")) == "20.5%"


def test_format_percent_no_grouping_or_exponent() -> None:
    assert format_percent(Decimal("12345.6")) == "12345.6%"
    assert format_percent(Decimal("1E+2")) == "100%"


def test_format_percent_no_negative_zero() -> None:
    assert format_percent(Decimal("-0.0")) == "0.0%"


def test_share() -> None:
    assert share(3694, 18006) == "占20.5%"


def test_share_digits() -> None:
    assert share(1, 3, 2) == "占33.33%"


def test_share_whole_zero_raises() -> None:
    with pytest.raises(HelperError, match="分母为0"):
        share(1, 0)


# --- yoy --------------------------------------------------------------------------


def test_yoy_growth() -> None:
    assert yoy(11230, 10000) == "同比增长12.3%"


def test_yoy_decline_uses_magnitude() -> None:
    assert yoy(8770, 10000) == "同比下降12.3%"


def test_yoy_flat() -> None:
    assert yoy(100, 100) == "与上年持平"


def test_yoy_flat_decimal_and_int() -> None:
    assert yoy(Decimal("100.00"), 100) == "与上年持平"


def test_yoy_both_zero_is_flat() -> None:
    assert yoy(0, 0) == "与上年持平"


def test_yoy_previous_zero_raises() -> None:
    with pytest.raises(HelperError) as excinfo:
        yoy(5, 0)
    assert str(excinfo.value) == "上年数值为0，无法计算同比变化 (previous is 0)"


def test_yoy_tiny_change_still_states_direction() -> None:
    assert yoy(100001, 100000) == "同比增长0.0%"
    assert yoy(99999, 100000) == "同比下降0.0%"


def test_yoy_digits() -> None:
    assert yoy(3, 2, 2) == "同比增长50.00%"


def test_yoy_half_up() -> None:
    assert yoy(17, 16) == "同比增长6.3%"


# --- chinese_numeral / ordinal --------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "零"),
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (111, "一百一十一"),
        (1000, "一千"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (1100, "一千一百"),
        (2005, "二千零五"),
        (9999, "九千九百九十九"),
    ],
)
def test_chinese_numeral(n: int, expected: str) -> None:
    assert chinese_numeral(n) == expected


@pytest.mark.parametrize("n", [-1, 10000])
def test_chinese_numeral_out_of_range(n: int) -> None:
    with pytest.raises(HelperError):
        chinese_numeral(n)


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "一、"), (2, "二、"), (10, "十、"), (11, "十一、"), (20, "二十、"), (21, "二十一、")],
)
def test_ordinal_level_1(n: int, expected: str) -> None:
    assert ordinal(1, n) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "（一）"), (10, "（十）"), (11, "（十一）"), (20, "（二十）"), (21, "（二十一）")],
)
def test_ordinal_level_2(n: int, expected: str) -> None:
    assert ordinal(2, n) == expected


@pytest.mark.parametrize(
    ("n", "expected"), [(1, "1."), (10, "10."), (11, "11."), (20, "20."), (21, "21.")]
)
def test_ordinal_level_3(n: int, expected: str) -> None:
    assert ordinal(3, n) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "（1）"), (10, "（10）"), (11, "（11）"), (20, "（20）"), (21, "（21）")],
)
def test_ordinal_level_4(n: int, expected: str) -> None:
    assert ordinal(4, n) == expected


def test_ordinal_99() -> None:
    assert ordinal(1, 99) == "九十九、"


@pytest.mark.parametrize("n", [0, -3])
def test_ordinal_n_below_one_raises(n: int) -> None:
    with pytest.raises(HelperError):
        ordinal(1, n)


@pytest.mark.parametrize("level", [0, 5])
def test_ordinal_unknown_level_raises(level: int) -> None:
    with pytest.raises(HelperError, match="标题层级"):
        ordinal(level, 1)


# --- integer / date_cn ------------------------------------------------------------


def test_integer_no_separator() -> None:
    assert integer(55283) == "55283"


def test_integer_negative() -> None:
    assert integer(-8) == "-8"


def test_integer_rejects_bool() -> None:
    with pytest.raises(TypeError):
        integer(True)


def test_date_cn() -> None:
    assert date_cn(datetime.date(2021, 1, 31)) == "2021年1月31日"


def test_date_cn_no_zero_padding() -> None:
    assert date_cn(datetime.date(2022, 3, 5)) == "2022年3月5日"


def test_date_cn_datetime_uses_date_part() -> None:
    assert date_cn(datetime.datetime(2021, 12, 31, 23, 59)) == "2021年12月31日"


# --- amount_wanyuan / yuan_to_wanyuan -------------------------------------------


def test_amount_wanyuan_two_digits() -> None:
    assert amount_wanyuan(Decimal("12350.49")) == "12350.49万元"


def test_amount_wanyuan_int_padded() -> None:
    assert amount_wanyuan(3) == "3.00万元"


def test_amount_wanyuan_half_up_not_bankers() -> None:
    assert amount_wanyuan(Decimal("0.125")) == "0.13万元"


def test_amount_wanyuan_no_grouping() -> None:
    assert amount_wanyuan(Decimal("1234567.891")) == "1234567.89万元"


def test_amount_wanyuan_zero_digits_half_up() -> None:
    assert amount_wanyuan(Decimal("2.5"), 0) == "3万元"


def test_amount_wanyuan_long_value_no_context_overflow() -> None:
    value = Decimal("12345678901234567890123456789012345.125")
    assert amount_wanyuan(value) == "12345678901234567890123456789012345.13万元"


def test_amount_wanyuan_no_negative_zero() -> None:
    assert amount_wanyuan(Decimal("-0.001")) == "0.00万元"


@pytest.mark.parametrize(
    ("value", "digits", "text"),
    [
        (Decimal("-3.456"), 2, "-3.46万元"),
        (Decimal("-0.5"), 0, "-1万元"),
        (Decimal("1E+30"), 2, "1000000000000000000000000000000.00万元"),
        (Decimal("1.5E-10"), 4, "0.0000万元"),
        (0, 0, "0万元"),
        (Decimal("99999.995"), 2, "100000.00万元"),
        (Decimal("-12.5"), 3, "-12.500万元"),
        (7, 5, "7.00000万元"),
    ],
)
def test_amount_wanyuan_as_babel_wrote_it(value: int | Decimal, digits: int, text: str) -> None:
    # The outputs of the Babel-based implementation (babel was dropped: see docs/helpers.md).
    assert amount_wanyuan(value, digits) == text


def test_date_cn_of_short_years_as_babel_wrote_it() -> None:
    assert date_cn(datetime.date(5, 1, 1)) == "5年1月1日"
    assert date_cn(datetime.date(999, 12, 31)) == "999年12月31日"


_EXACT = st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12)


@pytest.mark.slow
@given(value=_EXACT, digits=st.integers(0, 6))
def test_amount_wanyuan_is_what_babel_wrote(value: Decimal, digits: int) -> None:
    babel = pytest.importorskip("babel.numbers")
    text = amount_wanyuan(value, digits)
    ctx = helpers._exact_context()
    rounded = ctx.quantize(value, Decimal(1).scaleb(-digits, ctx))
    if rounded == 0:
        rounded = ctx.copy_abs(rounded)
    pattern = "0." + "0" * digits if digits else "0"
    with localcontext(ctx):
        expected = babel.format_decimal(
            rounded, format=pattern, locale="zh_CN", group_separator=False
        )
    assert text == expected + "万元"


@given(day=st.dates())
def test_date_cn_is_what_babel_wrote(day: datetime.date) -> None:
    babel = pytest.importorskip("babel.dates")
    assert date_cn(day) == babel.format_date(day, format="y年M月d日", locale="zh_CN")


def test_yuan_to_wanyuan_exact() -> None:
    assert yuan_to_wanyuan(123500) == Decimal("12.35")
    assert yuan_to_wanyuan(Decimal(1)) == Decimal("0.0001")


# --- module surface -----------------------------------------------------------------


def test_template_helpers_mapping() -> None:
    assert set(TEMPLATE_HELPERS) == {
        "percent",
        "share",
        "yoy",
        "ordinal",
        "chinese_numeral",
        "integer",
        "date_cn",
        "amount_wanyuan",
        "row_total",
        "column_total",
        "format_percent",
    }
    assert TEMPLATE_HELPERS["share"] is share


def test_all_names_exist() -> None:
    for name in helpers.__all__:
        assert hasattr(helpers, name)


def test_digits_beyond_ten_are_refused_not_computed() -> None:
    with pytest.raises(HelperError, match="小数位数不能超过 10"):
        percent(1, 3, 10**6)
