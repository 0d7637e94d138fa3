"""The evaluator queries of docs/guide/dataset.md, run by DuckDB on a collected dataset of
published reports, give what the reports themselves say."""

from __future__ import annotations

import random
import re
from pathlib import Path

import duckdb
import pytest
from fixtures_batch import EXAMPLE, random_report

import govdisclosure as g
from govdisclosure.dataset import collect
from govdisclosure.rendering import render

PAGE = Path(__file__).resolve().parent.parent / "docs" / "guide" / "dataset.md"
QUERIES = re.findall(r"^```sql\n(.*?)^```", PAGE.read_text("utf-8"), re.S | re.M)

LEVELS = {
    "示例省教育厅": "省级",
    "示例省市场监督管理局": "省级",  # 市场 is no city
    "示例自治区民政厅": "省级",  # 自治区 is no district
    "北京市示例委员会": "省级",  # a municipality is a province
    "示例市教育局": "市级",
    "示例市城市管理局": "市级",
    "示例自治州民政局": "市级",
    "示例市示例区教育局": "县区级",
    "北京市海淀区示例局": "县区级",
    "示例县人力资源和社会保障局": "县区级",
    "示例旗教育局": "县区级",
    "示例部": "其他",
}
YEARS = (2022, 2023, 2024)


def _defect(n: int) -> bool:
    return n % 5 == 1


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[g.Report]]:
    folder = tmp_path_factory.mktemp("evaluation")
    base = g.load(EXAMPLE)
    rng = random.Random(16)
    reports, files = [], []
    for n, (agency, year) in enumerate((a, y) for a in LEVELS for y in YEARS):
        report = random_report(base, rng, agency, year, defect=_defect(n))
        path = folder / "published" / f"{n:03d}.html"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(render(report, "html"))
        reports.append(report)
        files.append(path)
    collect(files, folder / "reports.parquet")
    return folder, reports


def _run(query: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, ...]]:
    monkeypatch.chdir(folder)  # the page says: run where reports.parquet is
    rows: list[tuple[object, ...]] = duckdb.connect().sql(query).fetchall()
    return rows


def _count(report: g.Report, row: str) -> int:
    value = report.table3[row, "total"]
    assert isinstance(value, int)
    return value


def test_the_page_has_three_queries() -> None:
    assert len(QUERIES) == 3


@pytest.mark.slow
def test_applications_per_agency_over_years(
    dataset: tuple[Path, list[g.Report]], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, reports = dataset
    new = {(r.meta.agency, r.meta.year): _count(r, "new") for r in reports}
    expected = [
        (
            agency,
            year,
            float(new[agency, year]),
            None if year == YEARS[0] else float(new[agency, year] - new[agency, year - 1]),
        )
        for agency, year in sorted(new)
    ]
    assert _run(QUERIES[0], folder, monkeypatch) == expected


@pytest.mark.slow
def test_agencies_with_an_h1_error(
    dataset: tuple[Path, list[g.Report]], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, reports = dataset
    flawed = sorted((r.meta.agency, r.meta.year) for n, r in enumerate(reports) if _defect(n))
    rows = _run(QUERIES[1], folder, monkeypatch)
    assert [(agency, year) for agency, year, _, _ in rows] == flawed
    assert all(count == 1 and str(file).endswith(".html") for _, _, count, file in rows)


def test_share_disclosed_by_level(
    dataset: tuple[Path, list[g.Report]], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, reports = dataset
    sums: dict[tuple[str, int], list[int]] = {}
    for r in reports:
        entry = sums.setdefault((LEVELS[r.meta.agency], r.meta.year), [0, 0, 0])
        entry[0] += 1
        entry[1] += _count(r, "disclosed")
        # What the report states as （七）总计 is what the query sums, defects included.
        entry[2] += int(g.model.numeric(r.table3.stated[("total", "total")]))
    expected = [
        (level, year, n, float(d), float(t), round(100 * d / t, 1))
        for (level, year), (n, d, t) in sorted(sums.items())
    ]
    assert _run(QUERIES[2], folder, monkeypatch) == expected
    assert {row[0] for row in expected} == {"省级", "市级", "县区级", "其他"}
