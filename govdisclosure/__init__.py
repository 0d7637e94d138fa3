"""govdisclosure — 政府信息公开工作年度报告 in the national standard format.

>>> import govdisclosure
>>> report = govdisclosure.load("examples/nanchang-edu-2020.yaml")
>>> print(*(f.rule for f in govdisclosure.validate(report) if f.is_error))
H2 H2 H1 H1
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from .errors import InputWarning, RenderError
from .findings import Finding, GovDisclosureError, InputError, Severity
from .formats import (
    FORMATS,
    FormatSpec,
    SectionKey,
    TableSpec,
    UnknownFormatError,
    format_for_year,
    get_format,
)
from .inputs import load, loads
from .model import (
    Blank,
    Contact,
    Metadata,
    Money,
    OtherMatters,
    Part,
    ProcessingFees,
    Report,
    Section,
    Table,
)
from .rules import Rule, RuleId
from .skeleton import skeleton
from .validation import RULES, validate

if TYPE_CHECKING:
    import docx.document

    __version__: str


def __getattr__(name: str) -> str:
    # The version is looked up when asked for: importlib.metadata is a tenth of a second of
    # start-up that no command needs.
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("govdisclosure")
    except PackageNotFoundError:  # pragma: no cover - run from a source tree not installed
        found = "0+unknown"
    globals()["__version__"] = found
    return found


def render(report: Report, to: str) -> bytes:
    """The report as a published file: ``docx``, ``html``, ``md`` or ``txt`` (with or without
    the dot). :mod:`govdisclosure.rendering` has the options (templates, last year's report)."""
    from .rendering import render as _render  # Jinja is loaded only when something is rendered

    return _render(report, to)


def to_document(report: Report) -> docx.document.Document:
    """The report's docx as a python-docx ``Document``, to add a seal image, a letterhead or a
    header before saving it (``doc.save(path)``); see ``docs/rendering.md``.
    :func:`govdisclosure.rendering.to_document` has the options (templates, last year's report)."""
    from .rendering import to_document as _to_document  # python-docx is loaded only here

    return _to_document(report)


def read(path: str | os.PathLike[str]) -> Report:
    """The report a published file (PDF, web page, Word, text) holds, as read; the findings of
    reading (what could not be read for certain) are in :func:`govdisclosure.reading.read`."""
    from .reading import read as _read

    return _read(path).report


def to_yaml(report: Report) -> str:
    """The report as an input file, every cell commented with its official label."""
    from .inputs.dump import to_yaml as _to_yaml

    return _to_yaml(report)


def to_xlsx(report: Report) -> bytes:
    """The report as an Excel workbook to fill in: the official tables with locked labels,
    validated input cells and live 总计 formulas (see ``docs/excel.md``)."""
    # openpyxl takes longer to import than the rest of the package: load it when used.
    from .xlsx import to_xlsx as write

    return write(report)


__all__ = [
    "FORMATS",
    "RULES",
    "Blank",
    "Contact",
    "Finding",
    "FormatSpec",
    "GovDisclosureError",
    "InputError",
    "InputWarning",
    "Metadata",
    "Money",
    "OtherMatters",
    "Part",
    "ProcessingFees",
    "RenderError",
    "Report",
    "Rule",
    "RuleId",
    "Section",
    "SectionKey",
    "Severity",
    "Table",
    "TableSpec",
    "UnknownFormatError",
    "__version__",
    "format_for_year",
    "get_format",
    "load",
    "loads",
    "read",
    "render",
    "skeleton",
    "to_document",
    "to_xlsx",
    "to_yaml",
    "validate",
]
