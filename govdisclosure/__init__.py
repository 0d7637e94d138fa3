"""govdisclosure — 政府信息公开工作年度报告 in the national standard format.

>>> import govdisclosure
>>> report = govdisclosure.load("examples/nanchang-edu-2020.yaml")
>>> [f.rule for f in govdisclosure.validate(report) if f.is_error]
['H2', 'H2', 'H1', 'H1']
"""

from __future__ import annotations

from .findings import Finding, GovDisclosureError, InputError, Severity
from .formats import FORMATS, FormatSpec, TableSpec, UnknownFormatError, format_for_year, get_format
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
from .skeleton import skeleton
from .validation import RULES, validate


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
    "Metadata",
    "Money",
    "OtherMatters",
    "Part",
    "ProcessingFees",
    "Report",
    "Section",
    "Severity",
    "Table",
    "TableSpec",
    "UnknownFormatError",
    "format_for_year",
    "get_format",
    "load",
    "loads",
    "skeleton",
    "to_xlsx",
    "validate",
]
