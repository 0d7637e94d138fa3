"""Summaries across agencies and comparisons across years."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import govdisclosure as g
from govdisclosure.aggregate import AggregateError, aggregate
from govdisclosure.cli import main
from govdisclosure.compare import CompareError, compare, phrase
from govdisclosure.rendering import render


@pytest.fixture
def report(examples: Path) -> g.Report:
    return g.load(examples / "example-2024.yaml")


def other_agency(report: g.Report) -> g.Report:
    changes = {("new", "research"): 5, ("carry_out", "research"): 5}
    t3 = report.table3.without_totals().with_stated(changes)
    return report.replace(meta=attrs.evolve(report.meta, agency="示例市民政局"), table3=t3)


def test_aggregate_sums_every_cell(report: g.Report) -> None:
    second = other_agency(report)
    total = aggregate([report, second], "示例市")
    for table, a, b in zip(total.tables, report.tables, second.tables, strict=True):
        for key in table.spec.fields:
            assert table[key] == g.model.numeric(a[key]) + g.model.numeric(b[key]), key


def test_aggregate_keeps_its_sources_and_validates_clean(report: g.Report) -> None:
    total = aggregate([report, other_agency(report)], "示例市")
    assert total.meta.sources == ("示例市人力资源和社会保障局", "示例市民政局")
    assert [f.rule for f in g.validate(total)] == ["EMPTY", "EMPTY", "EMPTY"]


def test_aggregate_refuses_mixed_years(report: g.Report) -> None:
    older = attrs.evolve(report, meta=attrs.evolve(report.meta, year=2023))
    with pytest.raises(AggregateError, match="只能汇总同一年度、同一格式版本"):
        aggregate([report, older], "示例市")


def test_aggregate_adds_yuan_and_wanyuan_in_wanyuan(examples: Path) -> None:
    a = g.load(examples / "nanchang-edu-2020-corrected.yaml")
    b = a.replace(
        meta=attrs.evolve(a.meta, agency="南昌市卫生健康委员会"),
        table2=a.table2.with_stated({("procurement", "amount"): g.Money(Decimal(5000), "元")}),
    )
    total = aggregate([a, b], "南昌市")
    assert total.table2["procurement", "amount"] == g.Money(Decimal("12350.99"), "万元")


def test_aggregate_cli_writes_a_loadable_summary(
    report: g.Report, tmp_path: Path, examples: Path
) -> None:
    (tmp_path / "in").mkdir()
    for name, r in (("a", report), ("b", other_agency(report))):
        (tmp_path / "in" / f"{name}.yaml").write_text(g.inputs.dump.to_yaml(r), "utf-8")
    out = tmp_path / "summary.yaml"
    assert main(["aggregate", str(tmp_path / "in"), "-o", str(out), "--agency", "示例市"]) == 0
    summary = g.load(out)
    assert summary.meta.sources == ("示例市人力资源和社会保障局", "示例市民政局")
    assert summary.table3["new", "total"] == 67 + 72


def test_aggregate_cli_refuses_mixed_versions(
    tmp_path: Path, examples: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [str(examples / "example-2024.yaml"), str(examples / "nanchang-edu-2020-corrected.yaml")]
    assert main(["aggregate", *args, "-o", str(tmp_path / "s.yaml")]) == 2
    assert "只能汇总同一年度、同一格式版本" in capsys.readouterr().err
    assert not (tmp_path / "s.yaml").exists()


def last_year(report: g.Report, new_natural_person: int) -> g.Report:
    t3 = report.table3.with_stated(
        {("new", "natural_person"): new_natural_person, ("new", "total"): None}
    )
    return report.replace(meta=attrs.evolve(report.meta, year=2023), table3=t3)


def test_compare_gives_every_cell_its_change_and_phrase(report: g.Report) -> None:
    result = compare(last_year(report, 40), report)
    cell = result.cell("table3", "new", "total")
    assert (cell.last, cell.this, cell.change, cell.phrase) == (49, 67, 18, "同比增长36.7%")
    assert result.cell("table3", "carry_in", "total").phrase == "与上年持平"


def test_compare_phrases() -> None:
    assert phrase(90, 100) == "同比下降10.0%"
    assert phrase(5, 5) == "与上年持平"
    assert phrase(3, 0) == "上年为0，本年为3"
    assert phrase(-2, 4) == "上年4，本年-2"


def test_compare_carries_the_rules_across_years(report: g.Report) -> None:
    result = compare(last_year(report, 40), report)
    assert {f.rule for f in result.findings} == {"S1", "S2"}


def test_compare_refuses_reversed_years(report: g.Report) -> None:
    with pytest.raises(CompareError, match="应早于"):
        compare(report, last_year(report, 40))


def test_prose_can_compare_with_last_year(report: g.Report) -> None:
    this = report.replace(
        overview=g.Section(
            paragraphs=(
                "新收申请{{ t3.new.total }}件，{{ yoy(t3.new.total, last.t3.new.total) }}。",
            )
        )
    )
    text = render(this, "txt", previous=last_year(report, 40)).decode("utf-8")
    assert "新收申请67件，同比增长36.7%。" in text


def test_compare_cli_prints_changes(
    report: g.Report, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    last = tmp_path / "2023.yaml"
    last.write_text(g.inputs.dump.to_yaml(last_year(report, 40)), "utf-8")
    this = tmp_path / "2024.yaml"
    this.write_text(g.inputs.dump.to_yaml(report), "utf-8")
    assert main(["compare", str(last), str(this)]) == 0
    out = capsys.readouterr().out
    line = next(
        x
        for x in out.splitlines()
        if x.startswith("表三 “一、本年新收政府信息公开申请数量” × “总计”")
    )
    assert line.split()[-4:] == ["49", "67", "+18", "同比增长36.7%"]
    assert "S1" in out and "S2" in out


def test_aggregate_refuses_one_agency_twice(report: g.Report) -> None:
    with pytest.raises(AggregateError, match="出现了不止一份：" + report.meta.agency):
        aggregate([report, report], "全市")


def test_aggregate_refuses_a_summary_among_its_inputs(report: g.Report) -> None:
    summary = aggregate([report, other_agency(report)], "全市")
    with pytest.raises(AggregateError, match="本身是汇总报告"):
        aggregate([report, summary], "全市")


def test_compare_warns_when_the_reports_are_of_different_agencies(report: g.Report) -> None:
    last = attrs.evolve(
        other_agency(report), meta=attrs.evolve(other_agency(report).meta, year=2023)
    )
    result = compare(last, report)
    assert len(result.warnings) == 1 and "不同机关" in result.warnings[0]
    assert (
        compare(attrs.evolve(report, meta=attrs.evolve(report.meta, year=2023)), report).warnings
        == ()
    )
