"""The shipped examples: the real published report, its corrected copy, and a 2021-format one."""

from __future__ import annotations

import re
from pathlib import Path

import govdisclosure as g
from govdisclosure.formats.declaration import Data

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "nanchang-edu-2020.txt"


def stated_in_grid_order(report: g.Report) -> list[str]:
    values = []
    for table in report.tables:
        for p in table.spec.placed:
            if isinstance(p.cell, Data):
                values.append(str(table.stated[p.cell.row, p.cell.col]))
    return values


def test_transcription_has_every_published_number_in_grid_order(examples: Path) -> None:
    text = (examples.parent / "tests" / "data" / "nanchang-edu-2020.txt").read_text("utf-8")
    body = text[text.index("二、主动公开政府信息情况") : text.index("五、存在的主要问题及改进情况")]
    published = [
        t.strip() for t in body.splitlines() if re.fullmatch(r"\s*\d+(\.\d+)?(万元)?\s*", t)
    ]
    report = g.load(examples / "nanchang-edu-2020.yaml")
    assert stated_in_grid_order(report) == published


def test_seed_copy_in_tests_is_the_shared_seed() -> None:
    local = Path(__file__).parent / "data" / "nanchang-edu-2020.txt"
    if SEED.exists():  # shared/ lies beside the checkout on developer machines and in CI
        assert local.read_bytes() == SEED.read_bytes()


def test_published_report_inconsistency_is_found_cell_by_cell(examples: Path) -> None:
    findings = g.validate(g.load(examples / "nanchang-edu-2020.yaml"))
    assert [(f.rule, f.location, f.stated, f.computed) for f in findings] == [
        ("H2", "表三 “（七）总计” × “自然人”", 0, 10),
        ("H2", "表三 “（七）总计” × “总计”", 0, 10),
        ("H1", "表三 “自然人”列", 0, 10),
        ("H1", "表三 “总计”列", 0, 10),
    ]


def test_corrected_copy_leaves_totals_out_and_validates_clean(examples: Path) -> None:
    report = g.load(examples / "nanchang-edu-2020-corrected.yaml")
    assert not any(k in report.table3.stated for k in report.table3.spec.derived)
    assert report.table3["total", "natural_person"] == 10
    assert g.validate(report) == []


def test_2021_example_uses_the_2021_format_and_validates_clean(examples: Path) -> None:
    report = g.load(examples / "example-2024.yaml")
    assert report.format.version == "2021"
    assert report.other is not None and report.other.processing_fees is not None
    assert g.validate(report) == []


def test_examples_round_trip_through_json_and_toml_shapes(examples: Path, tmp_path: Path) -> None:
    import json
    import tomllib

    import yaml

    data = yaml.safe_load((examples / "example-2024.yaml").read_text("utf-8"))
    json_file = tmp_path / "r.json"
    json_file.write_text(json.dumps(data, ensure_ascii=False, default=str), "utf-8")
    from_json = g.load(json_file)
    assert from_json == g.load(examples / "example-2024.yaml")
    toml_text = (
        'agency = "某局"\nyear = 2024\npublished = 2025-01-20\n'
        "[table4.review]\nupheld = 1\ncorrected = 0\nother = 0\npending = 0\n"
    )
    assert tomllib.loads(toml_text)["table4"]["review"]["upheld"] == 1
    report = g.loads(toml_text, ".toml")
    assert report.table4["review", "total"] == 1
    assert str(report.meta.published) == "2025-01-20"
