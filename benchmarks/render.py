"""Rendering speed: govdisclosure's docx and HTML against their floors and the usual ways.

    python benchmarks/render.py [--rounds N] [--slow-rounds N] [--example FILE]

Side by side in one run, interleaved (see ``interleave.py``: each round runs every contender
in a shuffled order, nothing is pinned to a CPU), milliseconds per report for the shipped
2021-format example, with the median and the spread over the rounds, and each contender's
ratio to its same-run baseline:

* govdisclosure docx — ``render(report, "docx")``, against **the floor**: a Jinja template
  that is ``word/document.xml`` as literal text with a hole for each value and each
  paragraph of prose, filled from the report, compressed and appended to the other parts
  of the package compressed once. Nothing that writes this XML with Jinja can do less; the
  floor's output is checked to be the same XML as govdisclosure's. Target: ≤ 1.4× the floor.
* govdisclosure HTML — ``render(report, "html")``, against **a plain Jinja template of the
  same page**: the same templates with the table drawn cell by cell for every report (its
  output is checked to be the same page). Target: ≤ 1.4× the plain template.
* python-docx, naive — ``add_table``, ``table.cell(r, c)``, ``merge`` (what most scripts do);
* python-docx, cells fetched once — the same, each row's cells fetched once before the
  merges (the fair python-docx baseline: ``table.cell`` walks the whole table every call);
* docxtpl — a template holding the same three tables, filled with the same values.

The last three take from a tenth of a second to seconds, and run in the first
``--slow-rounds`` rounds only. Exit status 1 when a target is missed. Needs the ``bench``
extra: ``pip install -e '.[bench]'``. Leaves no files behind.
"""

from __future__ import annotations

import argparse
import io
import itertools
import re
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import docx
import jinja2
from docxtpl import DocxTemplate
from hermetic import own_cache
from interleave import Contender, interleave, report
from markupsafe import escape

import govdisclosure as g
from govdisclosure.formats.declaration import Data, Label
from govdisclosure.model import Section, Table
from govdisclosure.rendering import document, render
from govdisclosure.rendering.grid import format_value
from govdisclosure.rendering.templates import builtin_dir

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = "word/document.xml"


# --- the docx floor ------------------------------------------------------------------------

_HOLE = re.compile("\ue010([0-9]+)\ue011")
_MARK = 900_000_000


def _hole(n: int) -> str:
    return f"\ue010{n}\ue011"


def _prose(report: g.Report) -> Iterator[tuple[str, Section]]:
    for spec, section in report:
        if isinstance(section, Section):
            yield spec.key, section


def _paragraphs(section: Section) -> Iterator[str]:
    yield from section.paragraphs
    for part in section.parts:
        yield from part.paragraphs


def docx_floor(report: g.Report) -> Callable[[g.Report], bytes]:
    """The floor (see the module doc), built for reports of ``report``'s format and shape.

    Its template is govdisclosure's own output for a copy of the report whose every value
    and paragraph is a numbered mark, each mark turned into a hole; the other parts are
    compressed once into a zip the body is appended to.
    """
    values: list[tuple[str, tuple[str, str]]] = []
    marked: dict[str, Section | Table | None] = {}
    for table in report.tables:
        stated = {}
        for key in table.spec.fields:
            stated[key] = _MARK + len(values)  # a number no value or label contains
            values.append((table.key, key))
        marked[table.key] = Table(table.spec, stated)
    holes = itertools.count(len(values))
    for key, section in _prose(report):
        marked[key] = attrs.evolve(
            section,
            paragraphs=tuple(_hole(next(holes)) for _ in section.paragraphs),
            parts=tuple(
                attrs.evolve(part, paragraphs=tuple(_hole(next(holes)) for _ in part.paragraphs))
                for part in section.parts
            ),
        )
    with zipfile.ZipFile(io.BytesIO(render(report.replace(**marked), "docx"))) as zf:
        xml = zf.read(DOCUMENT).decode("utf-8")
        static = [(info, zf.read(info)) for info in zf.infolist() if info.filename != DOCUMENT]
    xml = re.sub(r">(9[0-9]{8})<", lambda m: f">{_hole(int(m[1]) - _MARK)}<", xml)
    source = "{% raw %}" + _HOLE.sub(r"{% endraw %}{{ h[\1] }}{% raw %}", xml) + "{% endraw %}"
    template = jinja2.Environment(autoescape=False, keep_trailing_newline=True).from_string(source)
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in static:
            zf.writestr(info, data)
    parts = package.getvalue()
    document_info = zipfile.ZipInfo(DOCUMENT, date_time=(1980, 1, 1, 0, 0, 0))
    document_info.compress_type = zipfile.ZIP_DEFLATED

    def floor(report: g.Report) -> bytes:
        tables = {t.key: t for t in report.tables}
        holes = [format_value(tables[t].value(key)) for t, key in values]
        holes += [str(escape(p)) for _, section in _prose(report) for p in _paragraphs(section)]
        body = template.render(h=holes)
        out = io.BytesIO(parts)
        with zipfile.ZipFile(out, "a") as zf:
            zf.writestr(document_info, body.encode("utf-8"))
        return out.getvalue()

    return floor


def document_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read(DOCUMENT)


# --- the plain HTML page ---------------------------------------------------------------------


def plain_html() -> Callable[[g.Report], bytes]:
    """The same page from the same templates, the table drawn cell by cell for every report."""
    templates = builtin_dir()
    page = (templates / "report.html.j2").read_text("utf-8")
    table = (templates / "table.html.j2").read_text("utf-8")
    table = table[table.index("#}") + 3 :]  # the table template inline, without its comment
    inline = "{% set title = section.title %}{% set grid = section.grid %}\n" + table
    page = page.replace("{% if section.key in tables %}", "{% if section.table is not none %}")
    page = page.replace("{{ tables[section.key] -}}\n", inline)
    env = jinja2.Environment(
        loader=jinja2.DictLoader({"page": page}),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    template = env.get_template("page")

    def plain(report: g.Report) -> bytes:
        return template.render(doc=document(report)).encode("utf-8")

    return plain


# --- python-docx and docxtpl ---------------------------------------------------------------


def _cells_once(table: Any) -> Callable[[int, int], Any]:
    """``table.cell`` from each row's cells fetched once, before any merge."""
    cells = [row.cells for row in table.rows]
    return lambda row, col: cells[row][col]


def python_docx(report: g.Report, fetch_once: bool, placeholders: bool = False) -> bytes:
    """The report built through python-docx's public API, cell by cell."""
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
        cell_at = _cells_once(grid) if fetch_once else grid.cell
        for p in spec.placed:
            cell = cell_at(p.row, p.col)
            if p.cell.rowspan > 1 or p.cell.colspan > 1:
                last = cell_at(p.row + p.cell.rowspan - 1, p.col + p.cell.colspan - 1)
                cell = cell.merge(last)
            if isinstance(p.cell, Label):
                cell.text = p.cell.text
            elif isinstance(p.cell, Data):
                key = (p.cell.row, p.cell.col)
                cell.text = (
                    f"{{{{ {spec.key}_{key[0]}_{key[1]} }}}}"
                    if placeholders
                    else format_value(table.value(key))
                )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docxtpl_filler(report: g.Report) -> Callable[[], bytes]:
    """A docxtpl template with the same tables (built once, untimed, in memory), filled."""
    template = python_docx(report, fetch_once=True, placeholders=True)
    context = {
        f"{t.key}_{row}_{col}": format_value(t.value((row, col)))
        for t in report.tables
        for (row, col) in t
    }

    def fill() -> bytes:
        tpl = DocxTemplate(io.BytesIO(template))
        tpl.render(context)
        out = io.BytesIO()
        tpl.save(out)
        return out.getvalue()

    return fill


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=60, help="rounds (default 60)")
    parser.add_argument(
        "--slow-rounds", type=int, default=3, help="rounds of the slow baselines (default 3)"
    )
    parser.add_argument("--example", type=Path, default=ROOT / "examples" / "example-2024.yaml")
    args = parser.parse_args()
    report_ = g.load(args.example)

    floor = docx_floor(report_)
    plain = plain_html()
    ours_docx, ours_html = render(report_, "docx"), render(report_, "html")
    if document_xml(floor(report_)) != document_xml(ours_docx):
        sys.exit("the floor does not write the XML govdisclosure writes")
    if plain(report_) != ours_html:
        sys.exit("the plain template does not write the page govdisclosure writes")
    naive, once = python_docx(report_, False), python_docx(report_, True)
    if document_xml(naive) != document_xml(once):
        sys.exit("python-docx with cells fetched once wrote another document")

    slow = args.slow_rounds
    contenders = [
        Contender("docx floor", lambda: floor(report_), note="Jinja document.xml + zip"),
        Contender(
            "govdisclosure docx",
            lambda: render(report_, "docx"),
            baseline="docx floor",
            target=1.4,
        ),
        Contender("HTML plain template", lambda: plain(report_), note="cell by cell"),
        Contender(
            "govdisclosure HTML",
            lambda: render(report_, "html"),
            baseline="HTML plain template",
            target=1.4,
        ),
        Contender("python-docx, cells once", lambda: python_docx(report_, True), rounds=slow),
        Contender(
            "python-docx, naive",
            lambda: python_docx(report_, False),
            baseline="python-docx, cells once",
            rounds=slow,
        ),
        Contender(
            "docxtpl",
            docxtpl_filler(report_),
            baseline="python-docx, cells once",
            rounds=slow,
        ),
    ]
    interleave(contenders, args.rounds)
    print(
        f"rendering {report_.meta.agency} {report_.meta.year} (format {report_.meta.version}): "
        f"ms per report, {args.rounds} interleaved rounds ({slow} for the slow baselines)"
    )
    met = report(contenders)
    sys.stdout.flush()
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    with own_cache():
        main()
