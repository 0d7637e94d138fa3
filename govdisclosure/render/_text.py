"""HTML, Markdown and plain text: each one Jinja template over the same :class:`Document`."""

from __future__ import annotations

from .document import Document
from .templates import Templates


def render_html(doc: Document, templates: Templates) -> bytes:
    return templates.render("report.html.j2", doc=doc).encode("utf-8")


def render_markdown(doc: Document, templates: Templates) -> bytes:
    return templates.render("report.md.j2", doc=doc).encode("utf-8")


def render_text(doc: Document, templates: Templates) -> bytes:
    return templates.render("report.txt.j2", doc=doc).encode("utf-8")
