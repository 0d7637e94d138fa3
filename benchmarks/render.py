"""Rendering speed: govdisclosure's docx and HTML against two ways people build the docx today.

    python benchmarks/render.py [--repeat N]

Side by side, in one run, on one core (the process is pinned to CPU 0 where possible),
milliseconds per report (median of N runs) for the shipped 2021-format example:

* govdisclosure docx — one Jinja template for word/document.xml, zipped with a slim template;
* govdisclosure HTML;
* naive python-docx — ``add_table``, ``table.cell(r, c)``, ``merge`` (what most scripts do);
* docxtpl — a template holding the same three tables, filled with the same values.

Needs the ``bench`` extra: ``pip install -e '.[bench]'``.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import docx
from docxtpl import DocxTemplate

import govdisclosure as g
from govdisclosure.formats.declaration import Data, Label
from govdisclosure.render import render

ROOT = Path(__file__).resolve().parent.parent


def naive_python_docx(report: g.Report, placeholders: bool = False) -> bytes:
    """The report built cell by cell through python-docx's public API."""
    document = docx.Document()
    document.add_heading(f"{report.meta.agency}{report.meta.year}年政府信息公开工作年度报告", 0)
    for section in report.format.sections:
        document.add_heading(section.title, 1)
        if not section.table:
            prose = report.section(section.key)
            if isinstance(prose, g.Section):
                for text in prose.text_paragraphs():
                    document.add_paragraph(text)
            continue
        table = report.table(section.table)
        spec = table.spec
        grid = document.add_table(rows=len(spec.rows), cols=spec.width)
        grid.style = "Table Grid"
        for p in spec.placed:
            cell = grid.cell(p.row, p.col)
            if p.cell.rowspan > 1 or p.cell.colspan > 1:
                cell = cell.merge(grid.cell(p.row + p.cell.rowspan - 1, p.col + p.cell.colspan - 1))
            if isinstance(p.cell, Label):
                cell.text = p.cell.text
            elif isinstance(p.cell, Data):
                key = (p.cell.row, p.cell.col)
                cell.text = (
                    f"{{{{ {spec.key}_{key[0]}_{key[1]} }}}}"
                    if placeholders
                    else str(table.value(key))
                )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docxtpl_filler(report: g.Report) -> Callable[[], bytes]:
    """A docxtpl template with the same tables (built once, untimed), and its filling."""
    template = Path(tempfile.mkdtemp()) / "template.docx"
    template.write_bytes(naive_python_docx(report, placeholders=True))
    context = {
        f"{t.key}_{row}_{col}": str(t.value((row, col))) for t in report.tables for (row, col) in t
    }

    def fill() -> bytes:
        tpl = DocxTemplate(template)
        tpl.render(context)
        out = io.BytesIO()
        tpl.save(out)
        return out.getvalue()

    return fill


def median_ms(run: Callable[[], bytes], repeat: int) -> float:
    run()  # warm caches (templates, imports) as a long-running process would have them
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="runs of the fast renderers")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {0})
    report = g.load(ROOT / "examples" / "example-2024.yaml")
    slow = max(5, args.repeat // 20)
    rows = [
        ("govdisclosure docx", median_ms(lambda: render(report, "docx"), args.repeat), 10.0),
        ("govdisclosure HTML", median_ms(lambda: render(report, "html"), args.repeat), 3.0),
        ("naive python-docx (baseline)", median_ms(lambda: naive_python_docx(report), slow), None),
        ("docxtpl (baseline)", median_ms(docxtpl_filler(report), slow), None),
    ]
    print(f"rendering {report.meta.agency} {report.meta.year} — median ms per report, one core")
    print(f"{'renderer':<30} {'ms/report':>10} {'target':>8}")
    for name, ms, target in rows:
        mark = "" if target is None else f"≤{target:g}" + (" ok" if ms <= target else " MISSED")
        print(f"{name:<30} {ms:>10.2f} {mark:>8}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
