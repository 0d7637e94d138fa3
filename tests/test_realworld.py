"""The real published reports in ``../shared/realworld/``: ``check`` finds the defects their
truth files note, and raises no error that is not one of them. (Cell-by-cell reading accuracy
is measured in the accuracy harness.)"""

from __future__ import annotations

import pytest
from expect import realworld

import govdisclosure as g
from govdisclosure.reading import read


def check(name: str) -> list[g.Finding]:
    reading = read(realworld(name))
    return [*reading.findings, *g.validate(reading.report)]


def test_hongze_prose_count_of_applications_contradicts_table3() -> None:
    (s4,) = [f for f in check("hongze-2024.pdf") if f.rule == "S4"]
    assert (s4.stated, s4.computed, s4.location) == (17, 95, "一、总体情况第3段")


def test_hongze_2019_style_other_row_is_the_one_table_error() -> None:
    # The prose's 17 against 95 is an error too (S4, above); the tables have this one.
    (error,) = [f for f in check("hongze-2024.pdf") if f.is_error and f.rule != "S4"]
    assert "（六）其他处理" in error.message
    assert "国办公开办函〔2019〕60号" in error.message


def test_social_2019_headers_are_named_and_the_unprinted_fee_amount_is_missing() -> None:
    found = check("pingtan-social-2021.txt")
    assert [(f.rule, f.path) for f in found if f.is_error] == [("MISSING", "table2.fees")]
    (mix,) = [f for f in found if f.path == "table2" and f.rule == "READ"]
    assert "“本年新制作数量”" in mix.message


@pytest.mark.parametrize(
    "name",
    [
        "pingtan-police-2022.txt",
        "pingtan-police-2022.html",
        "pingtan-natres-2022.txt",
        "pingtan-transport-2023.txt",
    ],
)
def test_reports_without_table_defects_raise_no_error(name: str) -> None:
    assert [f.one_line() for f in check(name) if f.is_error] == []
