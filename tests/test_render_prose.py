"""Numbers in the prose are computed from the tables; template mistakes are located."""

from __future__ import annotations

from pathlib import Path

import pytest

import govdisclosure as g
from govdisclosure.rendering import RenderError, document, render


@pytest.fixture
def report(examples: Path) -> g.Report:
    return g.load(examples / "example-2024.yaml")


def with_overview(report: g.Report, *paragraphs: str, heading: str | None = None) -> g.Report:
    parts = (g.Part(heading=heading, paragraphs=()),) if heading else ()
    return report.replace(overview=g.Section(paragraphs=paragraphs, parts=parts))


def overview_text(report: g.Report) -> tuple[str, ...]:
    return document(report).sections[0].paragraphs


def test_prose_expressions_compute_from_the_tables(report: g.Report) -> None:
    text = (
        "新收申请{{ t3.new.total }}件，予以公开{{ t3.disclosed.total }}件，"
        "{{ share(t3.disclosed.total, t3.total.total) }}。"
    )
    assert overview_text(with_overview(report, text)) == ("新收申请67件，予以公开36件，占55.4%。",)


def test_prose_can_use_metadata_and_helpers(report: g.Report) -> None:
    text = (
        "{{ meta.agency }}{{ meta.year }}年，"
        "行政复议{{ t4.review.total }}件，{{ yoy(t3.new.total, 50) }}。"
    )
    assert overview_text(with_overview(report, text)) == (
        "示例市人力资源和社会保障局2024年，行政复议4件，同比增长34.0%。",
    )


def test_prose_without_expressions_is_kept_verbatim(report: g.Report) -> None:
    assert overview_text(with_overview(report, "原样 {保留} 文字")) == ("原样 {保留} 文字",)


def test_unknown_name_is_located(report: g.Report) -> None:
    with pytest.raises(RenderError, match=r"一、总体情况第2段：未知的名称：'t9' is undefined"):
        render(with_overview(report, "第一段", "{{ t9.new.total }}"), "html")


def test_unknown_cell_is_located(report: g.Report) -> None:
    with pytest.raises(RenderError, match="一、总体情况第1段"):
        render(with_overview(report, "{{ t3.new.nobody }}"), "txt")


def test_syntax_error_is_located(report: g.Report) -> None:
    with pytest.raises(RenderError, match="一、总体情况第1段：模板语法错误"):
        render(with_overview(report, "{{ t3.new.total "), "txt")


def test_error_in_a_part_heading_is_located(report: g.Report) -> None:
    with pytest.raises(RenderError, match="一、总体情况第1小节标题"):
        render(with_overview(report, heading="{{ nope }}"), "txt")


def test_helper_error_is_reported_not_raised_raw(report: g.Report) -> None:
    with pytest.raises(RenderError, match="分母为0"):
        render(with_overview(report, "{{ percent(1, 0) }}"), "txt")


def test_prose_runs_sandboxed(report: g.Report) -> None:
    with pytest.raises(RenderError, match="不允许的操作"):
        render(with_overview(report, "{{ t3.__class__.__mro__ }}"), "txt")


def test_prose_cannot_reach_python_builtins(report: g.Report) -> None:
    with pytest.raises(RenderError, match="未知的名称"):
        render(with_overview(report, "{{ open('/etc/passwd').read() }}"), "txt")
