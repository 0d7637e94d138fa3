"""Tables drawn once per format and filled per report: the same output as drawing them per report.

The built-in table templates are rendered once per format with a slot for each value
(``Templates.stencil``), and the page templates take the filled tables as bytes
(``Templates.render_with``). A copy of a built-in template in a user's directory is rendered
the plain way, for every report, with the values; so rendering with copies of every template
must give the same bytes, and a user's template may do what a stencil could not.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import govdisclosure as g
from govdisclosure.formats.declaration import Kind
from govdisclosure.model import Money, Table
from govdisclosure.rendering import _docx, document, render, renderer
from govdisclosure.rendering.grid import SLOTS, layout, shape, slot
from govdisclosure.rendering.templates import Stencil, Templates, builtin_dir, templates

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ["example-2024.yaml", "nanchang-edu-2020-corrected.yaml"]
TEMPLATES = ["document.xml.j2", "table.xml.j2", "report.html.j2", "table.html.j2"]


@pytest.fixture(params=EXAMPLES)
def report(request: pytest.FixtureRequest) -> g.Report:
    return g.load(ROOT / "examples" / request.param)


def body(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read("word/document.xml")


def copies(directory: Path, *names: str) -> Path:
    for name in names:
        shutil.copy(builtin_dir() / name, directory / name)
    return directory


@pytest.mark.parametrize("to", ["docx", "html"])
def test_filled_stencils_are_what_the_templates_draw_for_each_report(
    report: g.Report, to: str, tmp_path: Path
) -> None:
    ours = copies(tmp_path, *TEMPLATES)  # the same templates, but the user's: drawn per report
    assert templates(ours).stencil("table.html.j2", object(), 0) is None
    stenciled, plain = render(report, to), render(report, to, template_dir=ours)
    assert (body(stenciled) == body(plain)) if to == "docx" else (stenciled == plain)


@pytest.mark.parametrize("to", ["docx", "html"])
def test_the_same_report_gives_the_same_bytes_from_a_cold_and_a_warm_cache(
    report: g.Report, to: str
) -> None:
    warm = render(report, to)
    assert render(report, to) == warm
    cold = Templates()  # no stencil drawn yet
    assert renderer(to)(document(report), cold) == warm


def test_the_built_in_table_templates_are_drawn_once_per_format(report: g.Report) -> None:
    tpl = Templates()
    for table in report.tables:
        layout_ = _docx._layout(table.spec)
        assert _docx._layout(table.spec) is layout_
        slots = len(shape(table.spec).keys)
        first = tpl.stencil("table.xml.j2", layout_, slots, table=layout_)
        assert first is not None
        assert tpl.stencil("table.xml.j2", layout_, slots, table=layout_) is first
        assert len(first.chunks) == slots + 1


def test_a_users_table_template_may_test_a_value(report: g.Report, tmp_path: Path) -> None:
    # Zeros printed as “—”: a stencil would have tested the slot, never the value.
    html = (builtin_dir() / "table.html.j2").read_text("utf-8")
    html = html.replace(
        "<td{{ span | safe }}>{{ cell.text }}</td>",
        "<td{{ span | safe }}>{{ '—' if cell.text == '0' else cell.text }}</td>",
    )
    assert "'—'" in html
    (tmp_path / "table.html.j2").write_text(html, "utf-8")
    page = render(report, "html", template_dir=tmp_path).decode("utf-8")
    zeros = sum(1 for t in report.tables for k in t if t.value(k) == 0)
    assert zeros and page.count("<td>—</td>") == zeros
    assert "<td>0</td>" not in page


def test_a_users_document_template_gets_the_tables_markup(tmp_path: Path) -> None:
    # A filter over a table's markup (another font in the tables) sees the markup itself.
    xml = (builtin_dir() / "document.xml.j2").read_text("utf-8")
    xml = xml.replace(
        "{{ tables[section.key] -}}", "{{ tables[section.key]|replace('宋体', '黑体') -}}"
    )
    (tmp_path / "document.xml.j2").write_text(xml, "utf-8")
    report = g.load(ROOT / "examples" / EXAMPLES[0])
    data = body(render(report, "docx", template_dir=tmp_path)).decode("utf-8")
    assert "宋体" not in data
    assert data.count("<w:tbl>") == 3


def test_an_amount_with_markup_in_its_unit_is_escaped() -> None:
    report = g.load(ROOT / "examples" / EXAMPLES[1])
    table = next(
        t for t in report.tables if any(f.kind is Kind.MONEY for f in t.spec.fields.values())
    )
    key = next(k for k, f in table.spec.fields.items() if f.kind is Kind.MONEY)
    odd = Table(table.spec, {**table.stated, key: Money(Decimal("12.5"), "<万元&>")})
    changes: dict[str, Any] = {table.key: odd}
    report = attrs.evolve(report, **changes)
    assert "12.5&lt;万元&amp;&gt;" in render(report, "html").decode("utf-8")
    assert b"12.5&lt;\xe4\xb8\x87\xe5\x85\x83&amp;&gt;" in body(render(report, "docx"))


def test_a_shape_holds_a_slot_where_the_grid_holds_a_value(report: g.Report) -> None:
    for table in report.tables:
        slots, grid = shape(table.spec), layout(table)
        texts = slots.texts(table)
        for ours, theirs in zip(slots.cells(), grid.cells(), strict=True):
            assert attrs.evolve(ours, text="") == attrs.evolve(theirs, text="")
            found = SLOTS.fullmatch(ours.text)
            if ours.key is None:
                assert found is None and ours.text == theirs.text
            else:
                assert found is not None and slots.keys[int(found[1])] == ours.key
                assert texts[int(found[1])] == theirs.text


def test_a_stencil_needs_every_slot_once_and_in_order() -> None:
    assert Stencil.of(f"a{slot(0)}b{slot(1)}c", 2) == Stencil((b"a", b"b", b"c"))
    assert Stencil.of(f"a{slot(1)}b{slot(0)}c", 2) is None
    assert Stencil.of(f"a{slot(0)}b{slot(0)}c", 2) is None
    assert Stencil.of(f"a{slot(0)}b", 2) is None
    assert Stencil((b"<a>", b"</a>")).fill([b"7"]) == b"<a>7</a>"
    with pytest.raises(ValueError):
        Stencil((b"<a>", b"</a>")).fill([])


def test_counts_as_the_input_wrote_them_are_printed_as_counts(report: g.Report) -> None:
    # YAML input gives ints that remember their text (010010 as written): still digits, and
    # what format_value prints, without escaping.
    from govdisclosure.rendering.grid import format_value

    for table in report.tables:
        slots = shape(table.spec)
        values = [table.value(k) for k in slots.keys]
        assert slots.texts(table) == [format_value(v) for v in values]
        for value, markup in zip(values, slots.markup(table), strict=True):
            if isinstance(value, int):
                assert markup == str(int(value)).encode()
