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


def blank() -> g.Report:
    from govdisclosure.skeleton import blank_report

    return blank_report(2024, agency="某局")


def test_report_is_built_from_its_declared_sections() -> None:
    report = blank()
    assert [spec for spec, _ in report] == list(report.format.sections)
    assert list(report.contents) == list(g.SectionKey)
    by_key = g.Report(report.meta, dict(reversed(list(report.contents.items()))))
    assert by_key == report
    assert list(by_key.contents) == list(g.SectionKey)  # kept in declared order
    by_name = g.Report(
        meta=report.meta,
        overview=report.overview,
        table2=report.table2,
        table3=report.table3,
        table4=report.table4,
        problems=report.problems,
        other=report.other,
    )
    assert by_name == report
    assert repr(by_name) == repr(report)
    assert repr(report).startswith("Report(meta=Metadata(agency='某局'")
    assert ", overview=Section(paragraphs=(), parts=()), table2=Table(" in repr(report)


def test_report_reads_its_sections_by_key_and_by_name() -> None:
    report = blank()
    assert report.section(g.SectionKey.TABLE3) is report.section("table3") is report.table3
    assert report.table(g.SectionKey.TABLE2) is report.table2
    assert report.tables == (report.table2, report.table3, report.table4)
    assert isinstance(report.other, g.OtherMatters)
    assert report.prose(g.SectionKey.PROBLEMS) is report.problems
    with pytest.raises(KeyError, match="no section 'appendix'"):
        report.section("appendix")
    with pytest.raises(KeyError, match="no table 'overview'"):
        report.table(g.SectionKey.OVERVIEW)
    with pytest.raises(KeyError, match="is a table"):
        report.prose(g.SectionKey.TABLE4)


def test_report_replace_changes_one_section() -> None:
    report = blank()
    said = g.Section(paragraphs=("总体情况。",))
    changed = report.replace(overview=said)
    assert changed.overview == said and changed.table3 is report.table3
    assert changed != report and report.overview == g.Section()
    assert attrs.evolve(report, overview=said) == changed  # type: ignore[call-arg]
    older = report.replace(meta=attrs.evolve(report.meta, year=2023))
    assert older.meta.year == 2023 and older.table3 is report.table3


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"appendix": g.Section()},
            "format 2021 declares no section appendix; its sections are "
            "overview, table2, table3, table4, problems, other",
        ),
        ({"table3": g.Section()}, "section table3 must be a Table"),
        ({"overview": g.Table.empty(T3)}, "section overview must be Section or None"),
        ({"other": g.Section()}, "section other must be OtherMatters or None"),
    ],
)
def test_report_refuses_sections_its_format_does_not_declare(
    changes: dict[str, g.Section | g.Table], message: str
) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        g.Report(blank().meta, {**blank().contents, **changes})


def test_report_refuses_a_missing_section() -> None:
    report = blank()
    contents = {k: v for k, v in report.contents.items() if k != g.SectionKey.PROBLEMS}
    with pytest.raises(ValueError, match=r"lacks section problems \(give None"):
        g.Report(report.meta, contents)
    assert g.Report(report.meta, {**contents, "problems": None}).problems is None


def test_money_keeps_the_unit_written() -> None:
    money = g.Money(Decimal("12350.49"), "万元")
    assert str(money) == "12350.49万元"
