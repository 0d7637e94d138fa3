"""The format declarations reproduce the official grids of spec §7, cell for cell."""

from __future__ import annotations

import attrs
import pytest

import govdisclosure as g
from govdisclosure.formats import FORMATS, UnknownFormatError, format_for_year, get_format
from govdisclosure.formats.declaration import Data, Label, SectionKey, TableSpec


def spans(spec: TableSpec) -> dict[tuple[int, int], tuple[str, int, int]]:
    """Every label's text and spans by its physical position."""
    return {
        (p.row, p.col): (p.cell.text, p.cell.rowspan, p.cell.colspan)
        for p in spec.placed
        if isinstance(p.cell, Label)
    }


@pytest.mark.parametrize(("year", "version"), [(2019, "2019"), (2020, "2019"), (2021, "2021")])
def test_year_selects_format(year: int, version: str) -> None:
    assert format_for_year(year).version == version


def test_later_years_use_2021_format() -> None:
    assert format_for_year(2035).version == "2021"


def test_no_format_before_2019() -> None:
    with pytest.raises(UnknownFormatError, match="2018年没有适用"):
        format_for_year(2018)


def test_unknown_version_is_refused() -> None:
    with pytest.raises(UnknownFormatError, match="未知的格式版本"):
        get_format("2020")


@pytest.mark.parametrize(("version", "rows", "cells"), [("2019", 23, 161), ("2021", 25, 175)])
def test_table3_has_official_row_and_cell_count(version: str, rows: int, cells: int) -> None:
    t3 = get_format(version).table("table3")
    assert len(t3.row_keys) == rows
    assert len(t3.fields) == cells
    assert all(len(t3.columns_of(r)) == 7 for r in t3.row_keys)


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_table3_header_matches_spec(version: str) -> None:
    labels = spans(get_format(version).table("table3"))
    assert labels[0, 0] == (
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        3,
        3,
    )
    assert labels[0, 3] == ("申请人情况", 1, 7)
    assert labels[1, 3] == ("自然人", 2, 1)
    assert labels[1, 4] == ("法人或其他组织", 1, 5)
    assert labels[1, 9] == ("总计", 2, 1)
    assert [labels[2, c][0] for c in range(4, 9)] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]


def test_table3_2021_body_merges_match_spec() -> None:
    labels = spans(get_format("2021").table("table3"))
    assert labels[3, 0] == ("一、本年新收政府信息公开申请数量", 1, 3)
    assert labels[5, 0] == ("三、本年度办理结果", 22, 1)
    assert labels[7, 1] == ("（三）不予公开", 8, 1)
    assert labels[15, 1] == ("（四）无法提供", 3, 1)
    assert labels[18, 1] == ("（五）不予处理", 5, 1)
    assert labels[23, 1] == ("（六）其他处理", 3, 1)
    assert labels[25, 2] == ("3.其他", 1, 1)
    assert labels[26, 1] == ("（七）总计", 1, 2)
    assert labels[27, 0] == ("四、结转下年度继续办理", 1, 3)


def test_table3_2019_has_one_other_row() -> None:
    labels = spans(get_format("2019").table("table3"))
    assert labels[5, 0] == ("三、本年度办理结果", 20, 1)
    assert labels[23, 1] == ("（六）其他处理", 1, 2)
    assert labels[24, 1] == ("（七）总计", 1, 2)
    assert labels[25, 0] == ("四、结转下年度继续办理", 1, 3)


def test_table4_grid_matches_spec() -> None:
    t4 = get_format("2021").table("table4")
    labels = spans(t4)
    assert labels[0, 0] == ("行政复议", 1, 5)
    assert labels[0, 5] == ("行政诉讼", 1, 10)
    assert [labels[1, c] for c in range(5)] == [
        ("结果维持", 2, 1),
        ("结果纠正", 2, 1),
        ("其他结果", 2, 1),
        ("尚未审结", 2, 1),
        ("总计", 2, 1),
    ]
    assert labels[1, 5] == ("未经复议直接起诉", 1, 5)
    assert labels[1, 10] == ("复议后起诉", 1, 5)
    assert [labels[2, c][0] for c in range(5, 15)] == [
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
    ] * 2
    data_row = [p for p in t4.placed if isinstance(p.cell, Data)]
    assert [p.row for p in data_row] == [3] * 15
    assert [p.col for p in data_row] == list(range(15))


def test_table4_is_the_same_in_both_versions() -> None:
    assert get_format("2019").table("table4") is get_format("2021").table("table4")


def test_table2_2021_has_no_procurement_and_merged_decision_cells() -> None:
    t2 = get_format("2021").table("table2")
    assert "procurement" not in t2.row_keys
    assert "other_services" not in t2.row_keys
    labels = spans(t2)
    assert [labels[1, c][0] for c in (1, 2, 3)] == [
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
    ]
    assert labels[5, 1] == ("本年处理决定数量", 1, 3)
    assert labels[12, 1] == ("本年收费金额（单位：万元）", 1, 3)
    fees = t2.fields["fees", "amount"]
    assert (fees.row, fees.col, fees.kind.value) == (13, 1, "wanyuan")


def test_table2_2019_has_five_sub_tables() -> None:
    t2 = get_format("2019").table("table2")
    blocks = [p.cell.text for p in t2.placed if isinstance(p.cell, Label) and p.cell.colspan == 4]
    assert blocks == [f"第二十条第（{n}）项" for n in ("一", "五", "六", "八", "九")]
    assert t2.fields["licensing", "change"].kind.value == "delta"
    assert t2.fields["procurement", "amount"].kind.value == "money"
    assert t2.columns_of("fees") == ("prior_items", "change")


@pytest.mark.parametrize("version", sorted(FORMATS))
def test_every_grid_position_is_covered_once(version: str) -> None:
    for table in get_format(version).tables:
        covered = [
            (p.row + dr, p.col + dc)
            for p in table.placed
            for dr in range(p.cell.rowspan)
            for dc in range(p.cell.colspan)
        ]
        assert len(covered) == len(set(covered)) == len(table.rows) * table.width


def test_location_names_row_and_column_by_official_labels() -> None:
    t3 = get_format("2021").table("table3")
    key = ("denied_process_information", "natural_person")
    assert t3.location(key) == "表三 “（三）不予公开 6.属于四类过程性信息” × “自然人”"
    assert t3.location(("new", "commercial")) == (
        "表三 “一、本年新收政府信息公开申请数量” × “法人或其他组织·商业企业”"
    )


def test_location_of_table2_names_its_sub_table() -> None:
    t2 = get_format("2021").table("table2")
    assert t2.location(("licensing", "decisions")) == (
        "表二 第二十条第（五）项 “行政许可” × “本年处理决定数量”"
    )


def test_location_of_table4_names_the_column_groups() -> None:
    t4 = get_format("2021").table("table4")
    assert t4.location(("suit_after_review", "pending")) == "表四 “行政诉讼·复议后起诉·尚未审结”"


def test_sum_rules_cover_every_total() -> None:
    t3 = get_format("2021").table("table3")
    assert set(t3.derived) == {(r, "total") for r in t3.row_keys} | {
        ("total", c) for c in t3.columns_of("total")
    }
    h2 = t3.derived["total", "natural_person"]
    assert h2.rule == "H2"
    assert len(h2.parts) == 2 + 8 + 3 + 5 + 3


def test_a_sum_naming_an_undeclared_cell_is_rejected() -> None:
    from govdisclosure.formats.declaration import Sum

    with pytest.raises(ValueError, match="unknown cell"):
        TableSpec(
            SectionKey.TABLE2,
            "表",
            2,
            ((Data("a", "x"), Data("a", "y")),),
            sums=(Sum("H2", ("a", "z"), (("a", "x"),)),),
        )


def test_an_overflowing_grid_is_rejected() -> None:
    with pytest.raises(ValueError, match="overflows"):
        TableSpec(SectionKey.TABLE2, "表", 2, ((Label("a", colspan=3),),))


def test_six_sections_in_order() -> None:
    titles = [s.title for s in get_format("2021").sections]
    assert titles == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_a_table4_column_is_named_with_its_own_group(version: str) -> None:
    spec = get_format(version).table("table4")
    groups = {spec.column_label("upheld", row) for row in spec.row_keys}
    assert len(groups) == len(spec.row_keys)  # 行政复议 and each kind of 行政诉讼 apart
    assert all(label.endswith("结果维持") for label in groups)


def test_the_rules_across_tables_are_declared_with_each_version() -> None:
    from govdisclosure.formats.declaration import CarryOver, FeeNotices, Stock

    v2019, v2021 = FORMATS["2019"], FORMATS["2021"]
    assert v2019.relation(CarryOver) == v2021.relation(CarryOver)
    assert v2019.relation(Stock) is None and v2019.relation(FeeNotices) is None
    stock, fees = v2021.relation(Stock), v2021.relation(FeeNotices)
    assert stock is not None and stock.rule == "S2"
    assert fees is not None and fees.dropped in v2021.table(fees.table).fields


def test_a_relation_naming_an_undeclared_cell_is_rejected() -> None:
    from govdisclosure.formats.declaration import FeeNotices

    v2021 = FORMATS["2021"]
    with pytest.raises(ValueError, match="unknown cells"):
        attrs.evolve(v2021, relations=(FeeNotices("S5", "table3", ("nothing", "total"), "other"),))
    with pytest.raises(ValueError, match="unknown section"):
        attrs.evolve(v2021, relations=(FeeNotices("S5", "table3", ("new", "total"), "nowhere"),))


def test_the_registries_are_read_only() -> None:
    from govdisclosure.engines import ENGINES
    from govdisclosure.reading import READERS
    from govdisclosure.rendering import RENDERERS

    for registry in (g.FORMATS, READERS, RENDERERS, ENGINES):
        with pytest.raises(TypeError):
            registry["new"] = registry[next(iter(registry))]  # type: ignore[index]
    assert list(g.FORMATS) == ["2019", "2021"]
    assert {".pdf", ".docx", ".html"} <= set(READERS)
    assert list(RENDERERS) == ["docx", "html", "md", "txt"]
    assert set(ENGINES) == {"pool", "dask"}


def test_register_format_refuses_overlapping_years_and_duplicates() -> None:
    from govdisclosure.formats import register_format, unregister_format

    v2021 = g.get_format("2021")
    trial = attrs.evolve(v2021, version="2030", first_year=2030, last_year=None)
    with pytest.raises(ValueError, match="重叠"):
        register_format(trial)  # 2021 is still open-ended
    with pytest.raises(ValueError, match="已存在"):
        register_format(v2021)
    assert register_format(attrs.evolve(v2021, last_year=2029), replace=True) is v2021
    try:
        assert register_format(trial) is None
        assert g.get_format("2030") is trial
        assert g.format_for_year(2030) is trial
        assert g.format_for_year(2029).version == "2021"
    finally:
        assert unregister_format("2030") is trial
        register_format(v2021, replace=True)
    assert g.FORMATS["2021"] is v2021 and "2030" not in g.FORMATS
    with pytest.raises(g.UnknownFormatError):
        unregister_format("2030")
