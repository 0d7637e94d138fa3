"""The model keeps values as stated and derives what was left out."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

import govdisclosure as g
from govdisclosure.formats import get_format

T3 = get_format("2021").table("table3")


def leaves(**cells: int) -> dict[tuple[str, str], g.model.Stated]:
    stated: dict[tuple[str, str], g.model.Stated] = {k: 0 for k in T3.fields if k not in T3.derived}
    for name, value in cells.items():
        row, col = name.split("__")
        stated[row, col] = value
    return stated


def test_omitted_totals_are_computed() -> None:
    table = g.Table(
        T3,
        leaves(
            disclosed__natural_person=3, disclosed__commercial=2, unable_not_held__natural_person=4
        ),
    )
    assert table["disclosed", "total"] == 5
    assert table["total", "natural_person"] == 7
    assert table["total", "total"] == 9


def test_stated_total_is_kept_as_stated() -> None:
    stated = leaves(disclosed__natural_person=3)
    stated["disclosed", "total"] = 99
    table = g.Table(T3, stated)
    assert table["disclosed", "total"] == 99
    assert table.computed["disclosed", "total"] == 3


def test_stated_blank_is_distinct_from_zero() -> None:
    stated = leaves()
    stated["new", "research"] = g.Blank("/")
    table = g.Table(T3, stated)
    assert table.stated["new", "research"] == g.Blank("/")
    assert table.stated["new", "research"] != 0
    assert table["new", "research"] == 0


def test_blank_total_is_computed() -> None:
    stated = leaves(new__natural_person=4)
    stated["new", "total"] = g.Blank("")
    assert g.Table(T3, stated)["new", "total"] == 4


def test_rows_read_as_attributes_for_templates() -> None:
    table = g.Table(T3, leaves(new__legal_services=2))
    assert table.new.total == 2
    assert table.row("new")["legal_services"] == 2


def test_unknown_row_is_an_attribute_error() -> None:
    table = g.Table.empty(T3)
    with pytest.raises(AttributeError):
        _ = table.no_such_row


def test_unknown_cell_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="表三 has no cell"):
        _ = g.Table.empty(T3)["new", "nobody"]


def test_table_refuses_cells_its_format_does_not_declare() -> None:
    with pytest.raises(ValueError, match="unknown cells"):
        g.Table(T3, {("other", "total"): 1})  # （六） is one row only in the 2019 format


def test_with_totals_then_without_totals_round_trips() -> None:
    table = g.Table(T3, leaves(new__natural_person=5))
    assert table.with_totals().stated["new", "total"] == 5
    assert table.with_totals().without_totals() == table


def test_model_is_frozen() -> None:
    meta = g.Metadata(agency="某局", year=2024, version="2021")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        meta.year = 2025  # type: ignore[misc]


def test_report_refuses_a_table_of_another_format() -> None:
    fmt19, fmt21 = get_format("2019"), get_format("2021")
    with pytest.raises(ValueError, match="not declared by format 2021"):
        g.Report(
            meta=g.Metadata(agency="某局", year=2024, version="2021"),
            overview=g.Section(),
            table2=g.Table.empty(fmt21.table("table2")),
            table3=g.Table.empty(fmt19.table("table3")),
            table4=g.Table.empty(fmt21.table("table4")),
            problems=g.Section(),
            other=g.OtherMatters(),
        )


def test_money_keeps_the_unit_written() -> None:
    money = g.Money(Decimal("12350.49"), "万元")
    assert str(money) == "12350.49万元"
