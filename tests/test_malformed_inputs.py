"""Malformed input files: each gives a located error naming the file, never a traceback.

Every bad file starts from the real example (examples/example-2024.yaml) with one thing
changed, so that the finding asserted on is the only thing wrong with it.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from expect import load_error, the_finding

import govdisclosure as g

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
EXAMPLE = EXAMPLES / "example-2024.yaml"

NEW_NATURAL_PERSON = "表三 “一、本年新收政府信息公开申请数量” × “自然人”"
NEW_RESEARCH = "表三 “一、本年新收政府信息公开申请数量” × “法人或其他组织·科研机构”"
NEW_ROW = "表三 “一、本年新收政府信息公开申请数量”"

Data = dict[str, Any]


# --- helpers ------------------------------------------------------------------------------


def example_text() -> str:
    return EXAMPLE.read_text("utf-8")


def example_data() -> Data:
    data = yaml.safe_load(example_text())
    assert isinstance(data, dict)
    return data


def write_yaml(tmp_path: Path, data: object, name: str = "report.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def edited_example(tmp_path: Path, change: Callable[[Data], None]) -> Path:
    """The example as YAML with one change applied to its data."""
    data = example_data()
    change(data)
    return write_yaml(tmp_path, data)


def set_cell(table: str, row: str, col: str, value: object) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        data[table][row][col] = value

    return change


def rename(keys: tuple[str, ...], old: str, new: str) -> Callable[[Data], None]:
    """Rename the key ``old`` of the mapping at ``keys`` to ``new``, keeping its place."""

    def change(data: Data) -> None:
        parent = data
        for key in keys:
            parent = parent[key]
        items = [(new if k == old else k, v) for k, v in parent.items()]
        assert old in parent
        parent.clear()
        parent.update(items)

    return change


def remove(keys: tuple[str, ...]) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        parent = data
        for key in keys[:-1]:
            parent = parent[key]
        del parent[keys[-1]]

    return change


def located(findings: list[g.Finding] | tuple[g.Finding, ...]) -> list[tuple[str, str, str]]:
    return [(f.rule, f.path, f.location) for f in findings]


def assert_one_line_error(path: Path, rule: str, fragment: str) -> None:
    error = load_error(path)
    finding = the_finding(error)
    assert (finding.rule, finding.path, finding.location) == (rule, "$", "文件")
    assert fragment in finding.message
    message = str(error)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")


def to_toml(data: Data) -> str:
    """A TOML copy of the example's data: scalars first, then one table per mapping."""

    def value(v: object) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int | float):
            return str(v)
        if isinstance(v, str):
            return json.dumps(v, ensure_ascii=False)
        if isinstance(v, datetime.date):
            return v.isoformat()
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        if isinstance(v, dict):
            inner = (f"{k} = {value(x)}" for k, x in v.items() if x is not None)
            return "{" + ", ".join(inner) + "}"
        raise TypeError(v)

    lines = [f"{k} = {value(v)}" for k, v in data.items() if not isinstance(v, dict | None)]
    for key, table in data.items():
        if isinstance(table, dict):
            lines += ["", f"[{key}]"]
            lines += [f"{k} = {value(v)}" for k, v in table.items() if v is not None]
    return "\n".join(lines) + "\n"


def line_of(text: str, fragment: str) -> int:
    """The 1-based number of the only line containing ``fragment``."""
    numbers = [i for i, line in enumerate(text.splitlines(), 1) if fragment in line]
    assert len(numbers) == 1, numbers
    return numbers[0]


def run_validate(path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return subprocess.run(
        [sys.executable, "-m", "govdisclosure", "validate", str(path)],
        capture_output=True,
        encoding="utf-8",
        env=env,
        cwd=path.parent,
        check=False,
        timeout=60,
    )


# --- syntax -------------------------------------------------------------------------------


def broken_yaml(tmp_path: Path) -> tuple[Path, int]:
    """The example with an unclosed ``[`` in table 三; returns the file and the broken line."""
    text = example_text()
    old = "    natural_person: 58                    # 自然人"
    assert text.count(old) == 2  # 一、本年新收 and （七）总计: break the first
    broken = text.replace(old, "    natural_person: [58                   # 自然人", 1)
    path = tmp_path / "report.yaml"
    path.write_text(broken, "utf-8")
    return path, line_of(broken, "natural_person: [58")


def test_unclosed_bracket_in_yaml_is_a_syntax_error_with_line_and_column(
    tmp_path: Path,
) -> None:
    path, line = broken_yaml(tmp_path)

    finding = the_finding(load_error(path))

    assert (finding.rule, finding.path) == ("SYNTAX", "$")
    m = re.fullmatch(r"第(\d+)行第(\d+)列", finding.location)
    assert m is not None, finding.location
    assert int(m[1]) in (line, line + 1)  # the parser notices on the next line
    assert "YAML" in finding.message


def test_broken_json_is_a_syntax_error_with_line_and_column(tmp_path: Path) -> None:
    text = json.dumps(example_data(), ensure_ascii=False, indent=2, default=str)
    assert g.loads(text, ".json") == g.load(EXAMPLE)
    broken = text.replace('"year": 2024,', '"year": 2024', 1)  # a comma left out
    path = tmp_path / "report.json"
    path.write_text(broken, "utf-8")

    finding = the_finding(load_error(path))

    next_key = line_of(broken, '"format":')
    assert (finding.rule, finding.path) == ("SYNTAX", "$")
    assert finding.location == f"第{next_key}行第3列"
    assert "JSON" in finding.message


def test_broken_toml_is_a_syntax_error_with_line_and_column(tmp_path: Path) -> None:
    text = to_toml(example_data())
    assert g.loads(text, ".toml") == g.load(EXAMPLE)
    broken = re.sub(r"(?m)^(new = \{.*)\}$", r"\1", text)  # table 三 row 一 left unclosed
    assert broken != text
    path = tmp_path / "report.toml"
    path.write_text(broken, "utf-8")

    finding = the_finding(load_error(path))

    assert (finding.rule, finding.path) == ("SYNTAX", "$")
    m = re.fullmatch(r"第(\d+)行第(\d+)列", finding.location)
    assert m is not None, finding.location
    assert int(m[1]) == line_of(broken, "new = {natural_person")
    assert "TOML" in finding.message


# --- cell values --------------------------------------------------------------------------


def test_string_in_count_cell_is_a_type_error_at_that_cell(tmp_path: Path) -> None:
    path = edited_example(tmp_path, set_cell("table3", "new", "natural_person", "五十八"))

    finding = the_finding(load_error(path))

    assert (finding.rule, finding.path, finding.location) == (
        "TYPE",
        "table3.new.natural_person",
        NEW_NATURAL_PERSON,
    )
    assert finding.stated == "五十八"
    assert "非负整数" in finding.message


def test_fraction_in_count_cell_loads_and_is_an_h5_error_at_that_cell(tmp_path: Path) -> None:
    path = edited_example(tmp_path, set_cell("table3", "new", "natural_person", 1.5))

    findings = g.validate(g.load(path))

    h5 = [f for f in findings if f.rule == "H5"]
    assert located(h5) == [("H5", "table3.new.natural_person", NEW_NATURAL_PERSON)]
    assert h5[0].is_error
    assert h5[0].stated == Decimal("1.5")


def test_negative_count_is_an_h5_error_at_that_cell(tmp_path: Path) -> None:
    path = edited_example(tmp_path, set_cell("table3", "new", "natural_person", -58))

    findings = g.validate(g.load(path))

    h5 = [f for f in findings if f.rule == "H5"]
    assert located(h5) == [("H5", "table3.new.natural_person", NEW_NATURAL_PERSON)]
    assert h5[0].stated == -58


def test_boolean_in_count_cell_is_a_type_error_at_that_cell(tmp_path: Path) -> None:
    path = edited_example(tmp_path, set_cell("table3", "new", "natural_person", True))

    finding = the_finding(load_error(path))

    assert located([finding]) == [("TYPE", "table3.new.natural_person", NEW_NATURAL_PERSON)]
    assert "布尔值" in finding.message


@pytest.mark.parametrize(("written", "text"), [("/", "/"), (None, "")])
def test_blank_cell_is_a_blank_warning_and_kept_distinct_from_zero(
    tmp_path: Path, written: str | None, text: str
) -> None:
    path = edited_example(tmp_path, set_cell("table3", "new", "research", written))

    report = g.load(path)
    findings = g.validate(report)

    assert located(findings) == [("BLANK", "table3.new.research", NEW_RESEARCH)]
    assert findings[0].severity is g.Severity.WARNING
    stated = report.table3.stated["new", "research"]
    assert stated == g.Blank(text)
    assert stated != 0
    assert report.table3["new", "research"] == 0  # counted as 0 in the arithmetic


# --- keys ---------------------------------------------------------------------------------


def test_misspelt_top_level_key_is_a_key_error_suggesting_the_right_one(
    tmp_path: Path,
) -> None:
    path = edited_example(tmp_path, rename((), "agency", "agncy"))

    error = load_error(path)

    assert located(error.findings) == [
        ("KEY", "agncy", "文件顶层"),
        ("MISSING", "agency", "机关名称"),
    ]
    assert "“agency”" in error.findings[0].message


def test_misspelt_row_key_in_table3_is_a_key_error_suggesting_carry_in(tmp_path: Path) -> None:
    path = edited_example(tmp_path, rename(("table3",), "carry_in", "cary_in"))

    finding = the_finding(load_error(path))

    assert located([finding]) == [("KEY", "table3.cary_in", "表三")]
    assert "“carry_in”" in finding.message


def test_misspelt_column_key_is_a_key_error_suggesting_the_column(tmp_path: Path) -> None:
    path = edited_example(tmp_path, rename(("table3", "new"), "natural_person", "natual_person"))

    finding = the_finding(load_error(path))

    assert located([finding]) == [("KEY", "table3.new.natual_person", NEW_ROW)]
    assert "“natural_person”" in finding.message


def test_misspelt_contact_key_is_a_key_error_at_its_path(tmp_path: Path) -> None:
    path = edited_example(tmp_path, rename(("contact",), "phone", "phon"))

    finding = the_finding(load_error(path))

    assert located([finding]) == [("KEY", "contact.phon", "联系方式")]
    assert "“phone”" in finding.message


# --- year and format version --------------------------------------------------------------


def test_year_before_the_official_formats_is_a_range_error(tmp_path: Path) -> None:
    path = edited_example(tmp_path, lambda data: data.update(year=2018))

    finding = the_finding(load_error(path))

    assert located([finding]) == [("RANGE", "year", "报告年度")]
    assert finding.stated == 2018


def test_year_in_chinese_numerals_is_a_type_error(tmp_path: Path) -> None:
    path = edited_example(tmp_path, lambda data: data.update(year="二〇二四"))

    finding = the_finding(load_error(path))

    assert located([finding]) == [("TYPE", "year", "报告年度")]
    assert finding.stated == "二〇二四"


def test_missing_year_is_a_missing_error(tmp_path: Path) -> None:
    path = edited_example(tmp_path, remove(("year",)))

    finding = the_finding(load_error(path))

    assert located([finding]) == [("MISSING", "year", "报告年度")]


def test_year_before_the_stated_format_loads_and_is_an_s6_error(tmp_path: Path) -> None:
    path = edited_example(tmp_path, lambda data: data.update(year=2020, format="2021"))

    report = g.load(path)
    findings = g.validate(report)

    assert report.format.version == "2021"
    assert located(findings) == [("S6", "format", "格式版本")]
    assert findings[0].is_error
    assert (findings[0].stated, findings[0].computed) == ("2021", "2019")


def test_unknown_format_version_is_a_type_error(tmp_path: Path) -> None:
    path = edited_example(tmp_path, lambda data: data.update(format="2020"))

    finding = the_finding(load_error(path))

    assert located([finding]) == [("TYPE", "format", "格式版本")]
    assert "2019" in finding.message and "2021" in finding.message


# --- missing parts ------------------------------------------------------------------------


def test_missing_prose_section_is_a_missing_error_from_validate(tmp_path: Path) -> None:
    path = edited_example(tmp_path, remove(("overview",)))

    findings = g.validate(g.load(path))

    assert located(findings) == [("MISSING", "overview", "一、总体情况")]


def test_missing_table_is_a_missing_error_from_validate(tmp_path: Path) -> None:
    path = edited_example(tmp_path, remove(("table3",)))

    findings = g.validate(g.load(path))

    assert located(findings) == [("MISSING", "table3", "表三")]


def test_missing_cell_is_a_missing_error_at_that_cell(tmp_path: Path) -> None:
    path = edited_example(tmp_path, remove(("table3", "new", "research")))

    findings = g.validate(g.load(path))

    assert located(findings) == [("MISSING", "table3.new.research", NEW_RESEARCH)]


def test_missing_derived_total_is_computed_and_not_reported(tmp_path: Path) -> None:
    path = edited_example(tmp_path, remove(("table3", "new", "total")))

    report = g.load(path)

    assert ("new", "total") not in report.table3.stated
    assert report.table3["new", "total"] == 67
    assert g.validate(report) == []


# --- whole files --------------------------------------------------------------------------


def test_unsupported_suffix_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(example_text(), "utf-8")

    assert_one_line_error(path, "SYNTAX", "“.txt”")


def test_non_utf8_file_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    path.write_bytes(example_text().encode("gb18030"))

    assert_one_line_error(path, "SYNTAX", "UTF-8")


def test_file_whose_top_level_is_a_list_is_a_one_line_error(tmp_path: Path) -> None:
    path = write_yaml(tmp_path, [example_data()])

    assert_one_line_error(path, "TYPE", "列表")


def test_nonexistent_path_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "missing.yaml"

    assert_one_line_error(path, "SYNTAX", "无法读取文件")


def several_problems(data: Data) -> None:
    data["table3"]["new"]["natural_person"] = "五十八"
    data["table4"]["review"]["upheld"] = True
    data["contact"]["phon"] = data["contact"].pop("phone")
    data["published"] = "2025-13-01"
    data["table2"]["licence"] = data["table2"].pop("licensing")


def test_several_problems_in_one_file_are_all_reported_at_once(tmp_path: Path) -> None:
    path = edited_example(tmp_path, several_problems)

    error = load_error(path)

    assert sorted((f.rule, f.path) for f in error.findings) == [
        ("KEY", "contact.phon"),
        ("KEY", "table2.licence"),
        ("TYPE", "published"),
        ("TYPE", "table3.new.natural_person"),
        ("TYPE", "table4.review.upheld"),
    ]


def test_input_error_text_starts_every_line_with_the_file_name(tmp_path: Path) -> None:
    path = edited_example(tmp_path, several_problems)

    error = load_error(path)

    lines = str(error).splitlines()
    assert len(lines) == len(error.findings) == 5
    assert all(line.startswith(f"{path}: ") for line in lines), lines


# --- the same through the command line ----------------------------------------------------


def _string_case(tmp_path: Path) -> tuple[Path, str]:
    path = edited_example(tmp_path, set_cell("table3", "new", "natural_person", "五十八"))
    return path, NEW_NATURAL_PERSON


def _fraction_case(tmp_path: Path) -> tuple[Path, str]:
    path = edited_example(tmp_path, set_cell("table3", "new", "natural_person", 1.5))
    return path, NEW_NATURAL_PERSON


def _key_case(tmp_path: Path) -> tuple[Path, str]:
    return edited_example(tmp_path, rename(("contact",), "phone", "phon")), "联系方式"


def _year_case(tmp_path: Path) -> tuple[Path, str]:
    return edited_example(tmp_path, lambda data: data.update(year="二〇二四")), "报告年度"


def _encoding_case(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "report.yaml"
    path.write_bytes(example_text().encode("gb18030"))
    return path, "UTF-8"


def _nonexistent_case(tmp_path: Path) -> tuple[Path, str]:
    return tmp_path / "missing.yaml", "无法读取文件"


@pytest.mark.slow
@pytest.mark.parametrize(
    "case",
    [
        _string_case,
        _fraction_case,
        _key_case,
        _year_case,
        _encoding_case,
        _nonexistent_case,
    ],
    ids=lambda case: case.__name__.strip("_").removesuffix("_case"),
)
def test_cli_names_file_and_location_and_exits_nonzero_without_traceback(
    tmp_path: Path, case: Callable[[Path], tuple[Path, str]]
) -> None:
    path, location = case(tmp_path)

    result = run_validate(path)

    output = result.stdout + result.stderr
    # A fraction in a count loads and is an error found (1); the others cannot be loaded (2).
    assert result.returncode == (1 if case is _fraction_case else 2), output
    assert "Traceback" not in output
    assert str(path) in output
    assert location in output


@pytest.mark.slow
def test_cli_gives_line_and_column_of_a_yaml_syntax_error(tmp_path: Path) -> None:
    path, _ = broken_yaml(tmp_path)
    expected = the_finding(load_error(path)).location

    result = run_validate(path)

    assert result.returncode == 2
    assert f"{path}: 错误 SYNTAX {expected}：" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
