"""What a downloaded file holds never reaches the terminal as control sequences: an escape
that clears the screen or a bidirectional override is printed as visible text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govdisclosure.cli import main, visible

HOSTILE = "\x1b[2J\x1b[H\u202e"


def test_control_characters_and_overrides_are_shown_not_obeyed() -> None:
    assert visible(f"a{HOSTILE}b\r\n") == "a\\u001b[2J\\u001b[H\\u202eb\\u000d\n"


def report_with_agency(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(f"某局{HOSTILE}2024年政府信息公开工作年度报告\n一、总体情况\n正文。\n", "utf-8")
    return path


def test_check_prints_a_hostile_agency_name_visibly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", "-j", "1", str(report_with_agency(tmp_path))])
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "\u202e" not in out + err
    assert "某局\\u001b[2J\\u001b[H\\u202e" in out


def test_json_output_reads_back_to_the_text_of_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", "--json", "-j", "1", str(report_with_agency(tmp_path))])
    out = capsys.readouterr().out
    assert "\u202e" not in out
    (result,) = json.loads(out)
    assert result["agency"] == f"某局{HOSTILE}"
