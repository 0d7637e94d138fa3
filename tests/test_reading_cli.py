"""``govdisclosure check`` and ``govdisclosure read`` on published reports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from fixtures_reading import EXAMPLES, SEED

import govdisclosure as g
from govdisclosure.cli import main
from govdisclosure.model import Part, Section
from govdisclosure.reading import read
from govdisclosure.rendering import render
from govdisclosure.rendering.document import literal

TOTAL_NATURAL_PERSON = "表三 “（七）总计” × “自然人”"


def check_json(capsys: pytest.CaptureFixture[str], *files: Path) -> tuple[int, list[Any]]:
    code = main(["check", "--json", "-j", "1", *map(str, files)])
    output = json.loads(capsys.readouterr().out)
    assert isinstance(output, list)
    return code, output


def findings_of(result: dict[str, Any], rule: str) -> list[tuple[str, Any, Any]]:
    return [
        (f["path"], f["stated"], f["computed"]) for f in result["findings"] if f["rule"] == rule
    ]


def count(table: g.Table, row: str, col: str) -> int:
    value = table[row, col]
    assert isinstance(value, int)
    return value


def example_2024() -> g.Report:
    return g.load(EXAMPLES / "example-2024.yaml")


def with_overview_part(report: g.Report, n: int, paragraph: str) -> g.Report:
    """The report with the paragraph of part ``n`` of section 一 replaced."""
    overview = report.overview
    assert overview is not None
    parts = list(overview.parts)
    parts[n] = Part(parts[n].heading, (paragraph,))
    return report.replace(overview=Section(overview.paragraphs, tuple(parts)))


def test_check_seed_text_exits_1_naming_the_total_cell(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["check", "-j", "1", str(SEED)])
    out = capsys.readouterr().out
    assert code == 1
    h2 = [line for line in out.splitlines() if line.startswith("错误  H2")]
    assert len(h2) == 2
    assert TOTAL_NATURAL_PERSON in h2[0]
    assert out.rstrip().endswith("共 4 个错误，1 个警告。")


def test_check_json_lists_the_seed_inconsistency_by_cell(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, [result] = check_json(capsys, SEED)
    assert code == 1
    assert (result["agency"], result["year"], result["format"]) == ("南昌市教育局", 2020, "2019")
    h2 = [f for f in result["findings"] if f["rule"] == "H2"]
    assert h2[0]["location"] == TOTAL_NATURAL_PERSON
    assert findings_of(result, "H2") == [
        ("table3.total.natural_person", 0, 10),
        ("table3.total.total", 0, 10),
    ]
    assert findings_of(result, "H1") == [
        ("table3.*.natural_person", 0, 10),
        ("table3.*.total", 0, 10),
    ]


def test_check_two_years_of_one_agency_reports_the_carry_over_mismatch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    this = example_2024()
    t3 = this.table3
    # Last year carried over what this year says came in, but for 2 more natural persons
    # (and received 2 more, so that last year's report is consistent on its own).
    applicants = [c for c in t3.spec.columns_of("new") if c != "total"]
    extra = {c: 2 if c == "natural_person" else 0 for c in applicants}
    changes: dict[tuple[str, str], int | None] = {}
    for c in applicants:
        changes["carry_out", c] = count(t3, "carry_in", c) + extra[c]
        changes["new", c] = count(t3, "total", c) + extra[c]
    changes["carry_out", "total"] = changes["new", "total"] = None
    last_t3 = t3.with_stated(changes)
    last = this.replace(meta=attrs.evolve(this.meta, year=2023), table3=last_t3)
    assert not [f for f in g.validate(last) if f.is_error]  # a consistent report on its own
    (tmp_path / "2023.html").write_bytes(render(last, "html"))
    (tmp_path / "2024.html").write_bytes(render(this, "html"))
    code, results = check_json(capsys, tmp_path / "2023.html", tmp_path / "2024.html")
    assert code == 0  # S1 is a warning
    assert findings_of(results[0], "S1") == []
    carry_in = count(t3, "carry_in", "natural_person")
    assert findings_of(results[1], "S1") == [
        ("table3.carry_in.natural_person", carry_in, carry_in + 2),
        (
            "table3.carry_in.total",
            count(t3, "carry_in", "total"),
            count(t3, "carry_in", "total") + 2,
        ),
    ]


def test_check_reports_prose_that_contradicts_the_new_applications_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = with_overview_part(
        example_2024(), 1, "全年新收政府信息公开申请71件，上年结转3件，办结65件，结转下年度5件。"
    )
    path = tmp_path / "report.html"
    path.write_bytes(render(report, "html"))
    code, [result] = check_json(capsys, path)
    assert code == 1  # a count the table contradicts is an error
    s4 = [f for f in result["findings"] if f["rule"] == "S4"]
    assert [(f["severity"], f["path"], f["stated"], f["computed"]) for f in s4] == [
        ("error", "overview[5]", 71, 67)  # the 5th paragraph, part headings counted
    ]
    # 71 is neither 一 (67) nor 一+二 (67 + 3): reports use both.
    assert s4[0]["message"] == (
        "“全年新收政府信息公开申请71件，上年结转3件，办结65件，结转下年度5件。”称收到申请71件，"
        "而表三 “一、本年新收政府信息公开申请数量” × “总计”为67件，"
        "“一、本年新收政府信息公开申请数量” + “二、上年结转政府信息公开申请数量” × “总计”为70件"
    )


def test_check_recomputes_a_percentage_stated_in_the_prose(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 36 of 65 concluded is 55%, not 60%.
    report = with_overview_part(example_2024(), 1, "全年共办结申请65件，其中予以公开36件，占60%。")
    path = tmp_path / "report.txt"
    path.write_bytes(render(report, "txt"))
    code, [result] = check_json(capsys, path)
    assert code == 0
    s9 = [f for f in result["findings"] if f["rule"] == "S9"]
    # 60% fits none of the bases a reader could take: 65 named, （七）65, 一 67, 一+二 70.
    assert [(f["stated"], f["computed"], f["message"]) for f in s9] == [
        (
            "60%",
            "55%",
            "“全年共办结申请65件，其中予以公开36件，占60%。”："
            "36件占65件的55%、占67件的54%、占70件的51%，正文写作60%",
        )
    ]


def test_check_consistent_report_gives_no_prose_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The same paragraph with the right figures: S4 and S9 stay silent.
    report = with_overview_part(example_2024(), 1, "全年共办结申请65件，其中予以公开36件，占55%。")
    path = tmp_path / "report.md"
    path.write_bytes(render(report, "md"))
    code, [result] = check_json(capsys, path)
    assert code == 0
    assert findings_of(result, "S4") == findings_of(result, "S9") == []


def test_read_to_yaml_writes_an_input_file_that_loads_to_the_report_read(tmp_path: Path) -> None:
    out = tmp_path / "seed.yaml"
    assert main(["read", str(SEED), "--to", "yaml", "-o", str(out)]) == 0
    assert g.load(out) == read(SEED).report


def test_read_to_json_writes_an_input_file_that_loads_to_the_report_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "report.html"
    source.write_bytes(render(example_2024(), "html"))
    assert main(["read", str(source), "--to", "json"]) == 0
    out = tmp_path / "report.json"
    out.write_text(capsys.readouterr().out, "utf-8")
    assert g.load(out) == read(source).report


def test_check_unreadable_file_prints_one_line_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    code = main(["check", "-j", "1", str(path)])
    lines = capsys.readouterr().out.strip().splitlines()
    assert code == 2
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}: 错误 READ 文件：")


@pytest.mark.parametrize(
    "sentence",
    [
        "全年新收政府信息公开申请67件。",
        "共收到政府信息公开申请70件（含上年结转3件）。",
        "受理申请67件。",
    ],
    ids=["new", "new-and-carried", "shouli"],
)
def test_applications_received_counted_either_way_the_table_allows_are_not_flagged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sentence: str
) -> None:
    report = with_overview_part(example_2024(), 1, sentence)
    path = tmp_path / "report.html"
    path.write_bytes(render(report, "html"))
    code, [result] = check_json(capsys, path)
    assert (code, findings_of(result, "S4")) == (0, [])


def test_read_writes_template_syntax_from_a_download_as_literal_text(tmp_path: Path) -> None:
    # A downloaded report whose prose holds Jinja: rendering what `read` wrote must print it,
    # never run it.
    hostile = "{{ range(10**9)|list }}{% for x in range(9) %}x{% endfor %}{# c #}"
    report = with_overview_part(example_2024(), 1, f"全年新收申请67件。{literal(hostile)}")
    page = tmp_path / "downloaded.html"
    page.write_bytes(render(report, "html"))
    assert hostile in page.read_text("utf-8")  # the page shows the text, as a download would
    written = tmp_path / "read.yaml"
    assert main(["read", str(page), "-o", str(written)]) == 0
    loaded = g.load(written)
    assert g.validate(loaded) == []
    assert hostile in render(loaded, "html").decode()


def test_read_refuses_to_write_a_report_of_a_year_before_the_format(tmp_path: Path) -> None:
    old = tmp_path / "2015.txt"
    old.write_text(
        "某局2015年政府信息公开工作年度报告\n一、总体情况\n本年度工作平稳有序。\n", "utf-8"
    )
    out = tmp_path / "2015.yaml"
    assert main(["read", str(old), "-o", str(out)]) == 1
    assert not out.exists()  # it could not be loaded again


def test_a_report_of_a_year_before_the_format_does_not_stop_a_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = tmp_path / "a-2015.txt"
    old.write_text(
        "某局2015年政府信息公开工作年度报告\n一、总体情况\n本年度工作平稳有序。\n", "utf-8"
    )
    good = tmp_path / "b-2024.html"
    good.write_bytes(render(example_2024(), "html"))
    code = main(["check", "-j", "1", str(old), str(good)])
    out = capsys.readouterr().out
    assert code == 1
    assert "RANGE" in out and "b-2024.html" in out
