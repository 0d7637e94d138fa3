"""HTML, Markdown and plain text: each one Jinja template over the same :class:`Document`."""

from __future__ import annotations

from .document import Document, SectionView
from .grid import shape
from .templates import Templates


def render_html(doc: Document, templates: Templates) -> bytes:
    tables = {s.key: _html_table(s, templates) for s in doc.sections if s.table is not None}
    return templates.render_with("report.html.j2", tables, "tables", doc=doc)


def _html_table(section: SectionView, templates: Templates) -> bytes:
    """The section's table (UTF-8): the built-in template's, drawn once per format, filled."""
    assert section.table is not None
    slots = shape(section.table.spec)
    stencil = templates.stencil(
        "table.html.j2",
        (slots, section.title),
        len(slots.keys),
        title=section.title,
        grid=slots,
    )
    if stencil is not None:
        return stencil.fill(slots.markup(section.table))
    page = templates.render("table.html.j2", title=section.title, grid=section.grid)
    return page.encode("utf-8")


def render_markdown(doc: Document, templates: Templates) -> bytes:
    return templates.render("report.md.j2", doc=doc).encode("utf-8")


def render_text(doc: Document, templates: Templates) -> bytes:
    return templates.render("report.txt.j2", doc=doc).encode("utf-8")
