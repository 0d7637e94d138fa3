"""The command line: ``init`` writes a template that validates, ``validate`` reports findings
with exit codes, JSON output and checks across two years."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import govdisclosure as g
from govdisclosure.cli import main

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
NANCHANG = EXAMPLES / "nanchang-edu-2020.yaml"
NANCHANG_CORRECTED = EXAMPLES / "nanchang-edu-2020-corrected.yaml"
EXAMPLE_2024 = EXAMPLES / "example-2024.yaml"

TOTAL_NATURAL_PERSON = "表三 “（七）总计” × “自然人”"
EMPTY_SECTIONS = [
    ("EMPTY", "warning", "overview", "一、总体情况"),
    ("EMPTY", "warning", "problems", "五、存在的主要问题及改进情况"),
    ("EMPTY", "warning", "other", "六、其他需要报告的事项"),
]


def validate_json(
    capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, list[dict[str, Any]]]:
    """Run ``validate --json`` in-process: the exit code and the parsed output."""
    code = main(["validate", "--json", *args])
    output = json.loads(capsys.readouterr().out)
    assert isinstance(output, list)
    return code, output


def rule_paths(result: dict[str, Any]) -> list[tuple[str, str]]:
    return [(f["rule"], f["path"]) for f in result["findings"]]


# --- init ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("year", "version"), [(2020, "2019"), (2025, "2021")])
def test_init_writes_the_format_of_the_year_with_every_table3_row(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    year: int,
    version: str,
) -> None:
    monkeypatch.chdir(tmp_path)

    code = main(["init", "--year", str(year)])

    assert code == 0
    target = tmp_path / f"report-{year}.yaml"
    assert f"report-{year}.yaml" in capsys.readouterr().out
    text = target.read_text("utf-8")
    assert f'\nformat: "{version}"' in text
    data = yaml.safe_load(text)
    assert data["year"] == year
    assert list(data["table3"]) == list(g.FORMATS[version].table("table3").row_keys)


@pytest.mark.parametrize("year", [2020, 2025])
def test_init_file_validates_with_only_the_three_empty_section_warnings(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    year: int,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init", "--year", str(year)]) == 0
    capsys.readouterr()

    code, [result] = validate_json(capsys, f"report-{year}.yaml")

    assert code == 0
    assert result["errors"] == 0
    found = [(f["rule"], f["severity"], f["path"], f["location"]) for f in result["findings"]]
    assert found == EMPTY_SECTIONS


def test_init_refuses_to_overwrite_an_existing_file_without_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "report-2025.yaml"
    target.write_text("# 已填写的报告\n", "utf-8")

    code = main(["init", "--year", "2025"])

    assert code == 2
    assert target.read_text("utf-8") == "# 已填写的报告\n"
    assert "--force" in capsys.readouterr().err


def test_init_with_force_overwrites_an_existing_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "report-2025.yaml"
    target.write_text("# 已填写的报告\n", "utf-8")

    code = main(["init", "--year", "2025", "--force"])

    assert code == 0
    assert target.read_text("utf-8") == g.skeleton(2025)


def test_init_with_output_dash_writes_the_template_to_stdout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)

    code = main(["init", "--year", "2025", "-o", "-"])

    assert code == 0
    assert capsys.readouterr().out == g.skeleton(2025)
    assert list(tmp_path.iterdir()) == []


def test_init_for_a_year_before_the_formats_exits_2_with_a_chinese_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)

    code = main(["init", "--year", "2018"])

    assert code == 2
    captured = capsys.readouterr()
    assert "2018年没有适用的年度报告统一格式" in captured.err
    assert "Traceback" not in captured.out + captured.err
    assert list(tmp_path.iterdir()) == []


def test_init_writes_no_file_that_validate_rejects_for_its_year(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    if main(["init", "--year", "2101"]) != 0:
        # Refusing the year is as good as accepting it everywhere.
        assert list(tmp_path.iterdir()) == []
        return
    capsys.readouterr()

    code, [result] = validate_json(capsys, "report-2101.yaml")

    assert (code, result["errors"]) == (0, 0), result["findings"]


# --- validate -----------------------------------------------------------------------------


def test_validate_published_nanchang_report_exits_1_naming_the_wrong_total(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["validate", str(NANCHANG)])

    assert code == 1
    out = capsys.readouterr().out
    assert TOTAL_NATURAL_PERSON in out
    assert "共 4 个错误，0 个警告。" in out


@pytest.mark.parametrize("path", [NANCHANG_CORRECTED, EXAMPLE_2024], ids=lambda p: p.stem)
def test_validate_consistent_example_exits_0_with_no_findings(
    capsys: pytest.CaptureFixture[str], path: Path
) -> None:
    code = main(["validate", str(path)])

    assert code == 0
    assert "未发现问题" in capsys.readouterr().out


def test_validate_json_lists_each_finding_with_rule_path_location_and_values(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, [result] = validate_json(capsys, str(NANCHANG))

    assert code == 1
    assert (result["file"], result["year"], result["format"]) == (str(NANCHANG), 2020, "2019")
    assert (result["errors"], result["warnings"]) == (4, 0)
    found = [
        (f["rule"], f["path"], f["location"], f["stated"], f["computed"])
        for f in result["findings"]
    ]
    assert found == [
        ("H2", "table3.total.natural_person", TOTAL_NATURAL_PERSON, 0, 10),
        ("H2", "table3.total.total", "表三 “（七）总计” × “总计”", 0, 10),
        ("H1", "table3.*.natural_person", "表三 “自然人”列", 0, 10),
        ("H1", "table3.*.total", "表三 “总计”列", 0, 10),
    ]


# --- validate --previous ------------------------------------------------------------------

CARRY_IN_2024 = {
    "natural_person": 3,
    "commercial": 0,
    "research": 0,
    "social_welfare": 0,
    "legal_services": 0,
    "other": 0,
}


def write_previous_year(
    directory: Path, carry_out: dict[str, int], normative_in_force: int
) -> Path:
    """The example's agency in 2023: what it carried into 2024 and its documents in force."""
    data = yaml.safe_load(EXAMPLE_2024.read_text("utf-8"))
    data["year"] = 2023
    data["table3"]["carry_out"] = dict(carry_out)  # its total left to be computed
    data["table2"]["normative_documents"]["in_force"] = normative_in_force
    path = directory / "report-2023.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def test_validate_with_matching_previous_year_gives_no_s1_or_s2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    previous = write_previous_year(tmp_path, CARRY_IN_2024, normative_in_force=41 - 6 + 2)

    code, results = validate_json(capsys, str(EXAMPLE_2024), "--previous", str(previous))

    assert code == 0
    assert [r["file"] for r in results] == [str(EXAMPLE_2024)]
    assert results[0]["findings"] == []


def test_validate_with_previous_year_reports_s1_where_carry_over_differs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    carry_out = {**CARRY_IN_2024, "natural_person": 4}
    previous = write_previous_year(tmp_path, carry_out, normative_in_force=41 - 6 + 2)

    code, [result] = validate_json(capsys, str(EXAMPLE_2024), "--previous", str(previous))

    assert code == 0  # S1 is a warning
    assert rule_paths(result) == [
        ("S1", "table3.carry_in.natural_person"),
        ("S1", "table3.carry_in.total"),
    ]
    first = result["findings"][0]
    assert first["location"] == "表三 “二、上年结转政府信息公开申请数量” × “自然人”"
    assert (first["stated"], first["computed"]) == (3, 4)


def test_validate_with_previous_year_reports_s2_where_documents_in_force_differ(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    previous = write_previous_year(tmp_path, CARRY_IN_2024, normative_in_force=41)

    code, [result] = validate_json(capsys, str(EXAMPLE_2024), "--previous", str(previous))

    assert code == 0  # S2 is a warning
    assert rule_paths(result) == [("S2", "table2.normative_documents.in_force")]
    finding = result["findings"][0]
    assert finding["location"] == "表二 第二十条第（一）项 “行政规范性文件” × “现行有效件数”"
    assert (finding["stated"], finding["computed"]) == (41, 41 + 6 - 2)


# --- the console module -------------------------------------------------------------------


@pytest.mark.slow
def test_python_m_govdisclosure_exits_1_on_an_inconsistent_report() -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)

    result = subprocess.run(
        [sys.executable, "-m", "govdisclosure", "validate", str(NANCHANG)],
        capture_output=True,
        encoding="utf-8",
        env=env,
        check=False,
        timeout=60,
    )

    assert result.returncode == 1, result.stderr
    assert TOTAL_NATURAL_PERSON in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
