"""Generated agency reports for batch tests and benchmarks: many agencies, one fixed seed.

Each report is ``examples/example-2024.yaml`` with another agency's name and random counts
that keep every rule, optionally with a 勾稽 defect planted (a （七）总计 one too high, which
the checks report as H2 and H1), rendered as an agency would publish it.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from pathlib import Path

import attrs

import govdisclosure as g
from govdisclosure.batch import Outcome
from govdisclosure.jobs import check_file
from govdisclosure.rendering import render

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "example-2024.yaml"
SUFFIX = {"html": ".html", "docx": ".docx", "md": ".md", "txt": ".txt"}


def random_report(
    base: g.Report, rng: random.Random, agency: str, year: int | None = None, defect: bool = False
) -> g.Report:
    """``base`` as ``agency``'s report on ``year``, with random counts that keep every rule,
    unless ``defect`` plants one."""
    t3 = base.table3.spec
    stated: dict[tuple[str, str], g.model.Stated] = {}
    outcome_rows = [r for r in t3.row_keys if r not in ("new", "carry_in", "total", "carry_out")]
    for col in t3.columns_of("new")[:-1]:
        outcomes = {r: rng.choice((0, 0, 0, rng.randint(0, 40))) for r in outcome_rows}
        carry_out = rng.randint(0, 5)
        carry_in = rng.randint(0, sum(outcomes.values()) + carry_out)
        stated.update({(r, col): v for r, v in outcomes.items()})
        stated["carry_out", col] = carry_out
        stated["carry_in", col] = carry_in
        stated["new", col] = sum(outcomes.values()) + carry_out - carry_in
    t4 = {
        k: rng.randint(0, 3) for k in base.table4.spec.fields if k not in base.table4.spec.derived
    }
    table3 = g.Table(t3, stated).with_totals()
    if defect:
        key = ("total", "natural_person")
        table3 = table3.with_stated({key: g.model.numeric(table3[key]) + 1})
    meta = attrs.evolve(base.meta, agency=agency, year=year or base.meta.year)
    # Prose without figures: the example's own (“新收申请67件”) would contradict random tables.
    plain = g.Section(paragraphs=("本年度政府信息公开工作平稳有序。",))
    return base.replace(
        meta=meta,
        overview=plain,
        problems=plain,
        table3=table3,
        table4=g.Table(base.table4.spec, t4).with_totals(),
    )


def write_reports(
    folder: Path,
    count: int,
    fmt: str = "html",
    seed: int = 2024,
    agency: Callable[[int], str] = lambda n: f"示例县第{n}局",
    defect: Callable[[int], bool] = lambda n: False,
) -> list[Path]:
    """``count`` published reports of as many agencies in ``folder``, ``r00000.html`` …"""
    base = g.load(EXAMPLE)
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for n in range(count):
        report = random_report(base, rng, agency(n), defect=defect(n))
        path = folder / f"r{n:05d}{SUFFIX[fmt]}"
        path.write_bytes(render(report, fmt))
        files.append(path)
    return files


def write_pair(folder: Path, agency: str, fmt: str = "html") -> list[Path]:
    """Two years of one agency, whose 上年结转 does not match the year before (S1)."""
    base = g.load(EXAMPLE)
    rng = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for year in (2023, 2024):
        path = folder / f"{agency}-{year}{SUFFIX[fmt]}"
        path.write_bytes(render(random_report(base, rng, agency, year), fmt))
        files.append(path)
    return files


def fatal_on_poison(path: Path) -> Outcome:
    """``check_file``, except that a file named ``poison…`` ends the process that reads it,
    as a parser crashing or running out of memory would: no exception, the worker is gone."""
    if path.name.startswith("poison"):
        os._exit(70)
    return check_file(path)
