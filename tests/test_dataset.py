"""The dataset of every report: one row per cell, the findings, the documented schema, the
overwrite policy, row groups, and the same tables from collect, check --dataset and Dask."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fixtures_batch import write_pair, write_reports

import govdisclosure as g
from govdisclosure.batch import Outcome
from govdisclosure.cli import main
from govdisclosure.dataset import CELLS, FINDINGS, DatasetError, collect, targets, write
from govdisclosure.dataset.parquet import TableWriter
from govdisclosure.dataset.rows import cell_rows
from govdisclosure.inputs.dump import to_yaml
from govdisclosure.jobs import collect_file
from govdisclosure.rendering import render

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "guide" / "dataset.md"


def _rows(path: Path) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = pq.read_table(path).to_pylist()
    return rows


@pytest.fixture
def folder(tmp_path: Path, examples: Path) -> Path:
    """Input files and published reports side by side, one of them unreadable."""
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(examples / "example-2024.yaml", d / "a-input.yaml")
    shutil.copy(examples / "nanchang-edu-2020.yaml", d / "b-nanchang.yaml")
    (d / "c-published.html").write_bytes(render(g.load(examples / "example-2024.yaml"), "html"))
    (d / "d-broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    return d


@pytest.mark.slow
def test_one_row_per_cell_with_the_documented_columns_and_types(
    folder: Path, tmp_path: Path
) -> None:
    done = collect([folder], tmp_path / "reports.parquet")
    assert (done.files, done.reports) == (4, 3)
    assert done.summary == "共 4 个文件：2 个无错误，1 个有错误，1 个无法读取。"
    for path, columns in ((done.cells, CELLS), (done.findings, FINDINGS)):
        schema = pq.read_schema(path)
        assert schema.names == [c.name for c in columns]
        assert [str(t) for t in schema.types] == [
            {"string": "string", "int32": "int32", "double": "double"}[c.type] for c in columns
        ]
    cells = _rows(done.cells)
    per_file: dict[object, int] = {}
    for row in cells:
        per_file[row["file"]] = per_file.get(row["file"], 0) + 1
    # 2021 format: 10 + 175 + 15 cells; 2019 format: 22 + 161 + 15.
    assert per_file == {
        str(folder / "a-input.yaml"): 200,
        str(folder / "b-nanchang.yaml"): 198,
        str(folder / "c-published.html"): 200,
    }
    keys = [(r["file"], r["table_key"], r["row_key"], r["column_key"]) for r in cells]
    assert len(set(keys)) == len(keys) == done.cell_rows
    for c in (c for c in CELLS if not c.nullable):
        assert all(r[c.name] is not None for r in cells), c.name


def test_a_cell_row_holds_labels_value_and_status(folder: Path, tmp_path: Path) -> None:
    done = collect([folder / "b-nanchang.yaml"], tmp_path / "out")
    assert done.cells == tmp_path / "out" / "cells.parquet"
    by_key = {(r["table_key"], r["row_key"], r["column_key"]): r for r in _rows(done.cells)}
    total = by_key["table3", "total", "natural_person"]
    assert total == {
        "file": str(folder / "b-nanchang.yaml"),
        "agency": "南昌市教育局",
        "year": 2020,
        "format_version": "2019",
        "table_key": "table3",
        "table_name": "表三",
        "row_key": "total",
        "column_key": "natural_person",
        "row_label": "（七）总计",
        "column_label": "自然人",
        "location": "表三 “（七）总计” × “自然人”",
        "status": "stated",
        "value_text": "0",
        "value": 0.0,
        "unit": None,
    }
    commercial = by_key["table3", "disclosed", "commercial"]
    assert commercial["column_label"] == "法人或其他组织·商业企业"
    # Table 四's rows are column groups: the column label is the cell's own.
    suit = by_key["table4", "direct_suit", "upheld"]
    assert (suit["row_label"], suit["column_label"]) == ("行政诉讼·未经复议直接起诉", "结果维持")
    assert suit["location"] == "表四 “行政诉讼·未经复议直接起诉·结果维持”"


def test_every_status_a_cell_can_have(examples: Path) -> None:
    report = g.load(examples / "example-2024.yaml")
    t3 = report.table3.without_totals().with_stated(
        {("new", "natural_person"): g.Blank("/"), ("new", "commercial"): None}
    )
    t3 = t3.with_stated({("new", "research"): None})
    t3 = g.Table(t3.spec, t3.stated, unread={("new", "research")})
    t2 = report.table2.with_stated({("fees", "amount"): Decimal("12.50")})
    rows = {(r.table, r.row, r.column): r for r in cell_rows(report.replace(table2=t2, table3=t3))}
    assert rows["table3", "new", "natural_person"][3:] == ("blank", "/", None, None)
    assert rows["table3", "new", "commercial"][3:] == ("missing", None, None, None)
    assert rows["table3", "new", "research"][3:] == ("unread", None, None, None)
    assert rows["table3", "new", "total"].status == "computed"
    assert rows["table3", "disclosed", "natural_person"].status == "stated"
    assert rows["table2", "fees", "amount"][3:] == ("stated", "12.50", 12.5, "万元")


def test_money_keeps_the_unit_the_agency_wrote(examples: Path) -> None:
    report = g.load(examples / "nanchang-edu-2020.yaml")
    t2 = report.table2.with_stated({("procurement", "amount"): g.Money(Decimal("1.5E+3"), "元")})
    rows = {(r.table, r.row, r.column): r for r in cell_rows(report.replace(table2=t2))}
    assert rows["table2", "procurement", "amount"][3:] == ("stated", "1500", 1500.0, "元")


def test_findings_of_every_file_with_values_as_text(folder: Path, tmp_path: Path) -> None:
    done = collect([folder], tmp_path / "reports.parquet")
    assert done.findings == tmp_path / "reports.findings.parquet"
    findings = _rows(done.findings)
    nanchang = [
        (f["rule"], f["severity"], f["location"], f["stated"], f["computed"])
        for f in findings
        if f["file"] == str(folder / "b-nanchang.yaml")
    ]
    assert nanchang == [
        ("H2", "error", "表三 “（七）总计” × “自然人”", "0", "10"),
        ("H2", "error", "表三 “（七）总计” × “总计”", "0", "10"),
        ("H1", "error", "表三 “自然人”列", "0", "10"),
        ("H1", "error", "表三 “总计”列", "0", "10"),
    ]
    (broken,) = [f for f in findings if f["file"] == str(folder / "d-broken.docx")]
    assert (broken["agency"], broken["year"], broken["rule"]) == (None, None, "READ")
    assert done.finding_rows == len(findings)


def test_a_pair_of_years_gives_s1_in_the_later_years_findings(tmp_path: Path) -> None:
    last, this = write_pair(tmp_path / "in", "示例市成对局")
    done = collect([this, last], tmp_path / "reports.parquet")
    s1 = [(f["file"], f["year"]) for f in _rows(done.findings) if f["rule"] == "S1"]
    assert s1 and set(s1) == {(str(this), 2024)}


def test_an_existing_dataset_is_kept_unless_forced(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "reports.parquet"
    target.write_bytes(b"keep me")
    assert main(["collect", str(folder), "-o", str(target)]) == 2
    assert capsys.readouterr().err == (
        f"govdisclosure collect: {target} 已存在；如需覆盖请加 --force\n"
    )
    assert target.read_bytes() == b"keep me"
    assert not (tmp_path / "reports.findings.parquet").exists()
    # Written; a file of the folder could not be read, and the exit code says so.
    assert main(["collect", str(folder), "-o", str(target), "--force"]) == 2
    out = capsys.readouterr().out
    assert out.startswith(f"已写出 {target}（3 份报告，598 个单元格）和 ")
    assert out.endswith("共 4 个文件：2 个无错误，1 个有错误，1 个无法读取。\n")
    assert pq.read_metadata(target).num_rows == 598
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "in",
        "reports.findings.parquet",
        "reports.parquet",
    ]


def test_a_run_that_fails_leaves_nothing_behind(folder: Path, tmp_path: Path) -> None:
    def outcomes() -> Iterator[Outcome]:

        yield collect_file(folder / "a-input.yaml")
        raise RuntimeError("the cluster went away")

    with pytest.raises(RuntimeError):
        write(outcomes(), tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []


def test_an_output_that_cannot_be_written_is_named(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_text("", "utf-8")
    assert main(["collect", str(folder), "-o", str(tmp_path / "file" / "x.parquet")]) == 2
    assert capsys.readouterr().err.startswith(
        f"govdisclosure collect: 无法创建目录 {tmp_path / 'file'}"
    )


def test_rows_are_written_in_row_groups(tmp_path: Path) -> None:
    writer = TableWriter(tmp_path / "t.parquet", CELLS, group=64)
    for n in range(1000):
        writer.add(
            (
                "f",
                "a",
                2024,
                "2021",
                "table3",
                "表三",
                "new",
                str(n),
                "",
                "",
                "",
                "stated",
                "1",
                1.0,
                None,
            )
        )
        assert len(writer._buffer[0]) < 64
    writer.commit()
    meta = pq.read_metadata(tmp_path / "t.parquet")
    assert (meta.num_rows, meta.num_row_groups) == (1000, 16)


@pytest.mark.slow
def test_check_dataset_writes_what_collect_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = write_reports(tmp_path / "in", 6, "html", defect=lambda n: n == 2)
    files += write_pair(tmp_path / "in", "示例市成对局")
    collect(files, tmp_path / "collected")
    assert main(["check", *map(str, files), "--dataset", str(tmp_path / "checked")]) == 1
    assert capsys.readouterr().err == (
        f"已写出数据集 {tmp_path / 'checked' / 'cells.parquet'}、"
        f"{tmp_path / 'checked' / 'findings.parquet'}\n"
    )
    for name in ("cells.parquet", "findings.parquet"):
        assert _rows(tmp_path / "checked" / name) == _rows(tmp_path / "collected" / name)
    assert main(["check", *map(str, files), "--dataset", str(tmp_path / "checked")]) == 2
    assert "已存在；如需覆盖请加 --force" in capsys.readouterr().err


@pytest.mark.external
def test_collect_on_dask_writes_what_the_pool_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(p) for p in write_reports(tmp_path / "in", 12, "docx", defect=lambda n: n == 3)]
    # Report 3 has a planted error: 1, as check says.
    assert main(["collect", *files, "-o", str(tmp_path / "pool.parquet"), "-j", "2"]) == 1
    assert main(["collect", *files, "-o", str(tmp_path / "dask.parquet"), "--engine", "dask"]) == 1
    capsys.readouterr()
    assert _rows(tmp_path / "dask.parquet") == _rows(tmp_path / "pool.parquet")
    assert _rows(tmp_path / "dask.findings.parquet") == _rows(tmp_path / "pool.findings.parquet")


def test_targets_of_a_file_name_and_of_a_directory(tmp_path: Path) -> None:
    assert targets(tmp_path / "r.parquet") == (
        tmp_path / "r.parquet",
        tmp_path / "r.findings.parquet",
    )
    assert targets(tmp_path / "d") == (
        tmp_path / "d" / "cells.parquet",
        tmp_path / "d" / "findings.parquet",
    )


@pytest.mark.slow
def test_a_missing_pyarrow_names_the_pip_command(examples: Path, tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['pyarrow'] = None; "
        "from govdisclosure.cli import main; sys.exit(main())"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "collect", str(examples), "-o", str(tmp_path / "r.parquet")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr == (
        "govdisclosure collect: 未安装 pyarrow，无法写出 Parquet："
        "请先运行 pip install 'govdisclosure[dataset]'\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_the_documented_schema_is_the_written_one() -> None:
    page = PAGE.read_text("utf-8")
    documented = re.findall(r"^\| `(\w+)` \| (\w+) \| (否|是) \| (.+?) \|$", page, re.M)
    declared = [(c.name, c.type, "是" if c.nullable else "否", c.doc) for c in (*CELLS, *FINDINGS)]
    assert documented == declared


def test_a_bad_input_is_that_files_findings(tmp_path: Path, examples: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(to_yaml(g.load(examples / "example-2024.yaml")).replace("year: 2024", "year: x"))
    done = collect([bad], tmp_path / "r.parquet")
    (finding,) = [f for f in _rows(done.findings) if f["severity"] == "error"]
    assert (finding["file"], finding["rule"]) == (str(bad), "TYPE")
    assert done.cell_rows == 0
    with pytest.raises(DatasetError, match="已存在"):
        collect([bad], tmp_path / "r.parquet")
