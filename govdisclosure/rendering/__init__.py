"""Rendering a report: docx, HTML, Markdown and plain text from one :class:`Document`.

Each output format is a small module behind one registry, in the manner of tablib's
formats; all of them draw from the same laid-out document, so no two can disagree.
"""

from __future__ import annotations

import importlib
import io
import os
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, cast

from ..atomic import write_all
from ..model import Report
from ..suffixes import dotted
from .document import Document, RenderError, document
from .templates import Templates, templates

if TYPE_CHECKING:
    import docx.document

Renderer = Callable[[Document, Templates], bytes]

# Characters no file name may hold on Windows or POSIX (an agency name may contain “/”).
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')

RENDERERS: Mapping[str, str] = MappingProxyType(
    {
        "docx": "_docx:render",
        "html": "_text:render_html",
        "md": "_text:render_markdown",
        "txt": "_text:render_text",
    }
)
"""Output formats by their file suffix, and the function that renders each (imported on use);
read-only."""


def renderer(to: str) -> Renderer:
    """The function that renders output format ``to`` (``html`` or ``.html`` alike, as
    :func:`govdisclosure.load` takes suffixes)."""
    try:
        module, function = RENDERERS[dotted(to)[1:]].split(":")
    except KeyError:
        raise RenderError(f"未知的输出格式“{to}”，应为 {'、'.join(RENDERERS)} 之一") from None
    return cast(Renderer, getattr(importlib.import_module(f".{module}", __name__), function))


def render(
    report: Report, to: str, template_dir: Path | None = None, previous: Report | None = None
) -> bytes:
    """The report in the output format ``to`` (``docx``, ``html``, ``md`` or ``txt``);
    ``previous`` is last year's report, for prose that compares with it."""
    return renderer(to)(document(report, previous), templates(template_dir))


def to_document(
    report: Report, template_dir: Path | None = None, previous: Report | None = None
) -> docx.document.Document:
    """The report's docx as a python-docx ``Document``, for a program that adds to it before
    saving (a seal image, a letterhead in the header): the same file :func:`render` writes,
    opened with python-docx, which is imported only here."""
    import docx  # python-docx: building through its object model is slow, opening is not

    return docx.Document(io.BytesIO(render(report, "docx", template_dir, previous)))


def render_files(
    report: Report,
    out_dir: str | os.PathLike[str],
    to: Iterable[str] = tuple(RENDERERS),
    template_dir: Path | None = None,
    stem: str | None = None,
    previous: Report | None = None,
    overwrite: bool = True,
    durable: bool = True,
) -> list[Path]:
    """Render into ``out_dir``: nothing is written unless every format rendered, and the set
    of files is written all or nothing. With ``overwrite=False`` an existing file is refused
    (``FileExistsError``) before anything is written. ``durable=False`` leaves flushing to
    disk to the caller (:func:`govdisclosure.atomic.sync_folders`, once for a batch)."""
    doc = document(report, previous)
    tpl = templates(template_dir)
    name = _UNSAFE.sub(
        "_", stem or f"{report.meta.agency}{report.meta.year}年政府信息公开工作年度报告"
    )
    outputs: list[tuple[Path, bytes]] = []
    for suffix in to:
        suffix = dotted(suffix)[1:]
        outputs.append((Path(out_dir) / f"{name}.{suffix}", renderer(suffix)(doc, tpl)))
    if not overwrite:
        existing = [str(p) for p, _ in outputs if p.exists()]
        if existing:
            raise FileExistsError(f"{'、'.join(existing)} 已存在；如需覆盖请加 --force")
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    write_all(outputs, durable)
    return [p for p, _ in outputs]


__all__ = [
    "RENDERERS",
    "Document",
    "RenderError",
    "document",
    "render",
    "render_files",
    "renderer",
    "to_document",
]
