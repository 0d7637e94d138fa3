"""The official format versions, declared as data, and how a report year selects one."""

from __future__ import annotations

from ..errors import UnknownFormatError as UnknownFormatError
from .declaration import CellKey, Field, FormatSpec, Kind, SectionKey, SectionSpec, TableSpec
from .v2019 import FORMAT_2019
from .v2021 import FORMAT_2021

FORMATS: dict[str, FormatSpec] = {f.version: f for f in (FORMAT_2019, FORMAT_2021)}
"""Every known format version by its identifier (the year its notice was issued)."""

FIRST_YEAR = min(f.first_year for f in FORMATS.values())
LAST_YEAR = 2100
"""A report year beyond this is a typing mistake, not a report."""


def get_format(version: str) -> FormatSpec:
    """The format declared under ``version`` (``"2019"`` or ``"2021"``)."""
    try:
        return FORMATS[version]
    except KeyError:
        known = "、".join(FORMATS)
        raise UnknownFormatError(f"未知的格式版本“{version}”，应为 {known} 之一") from None


def format_for_year(year: int) -> FormatSpec:
    """The format that a report on ``year`` must use."""
    if year > LAST_YEAR:
        raise UnknownFormatError(f"报告年度{year}不合理（应在{FIRST_YEAR}至{LAST_YEAR}之间）")
    for spec in FORMATS.values():
        if spec.covers(year):
            return spec
    raise UnknownFormatError(
        f"{year}年没有适用的年度报告统一格式（统一格式自{FIRST_YEAR}年度起适用）"
    )


__all__ = [
    "FIRST_YEAR",
    "FORMATS",
    "LAST_YEAR",
    "CellKey",
    "Field",
    "FormatSpec",
    "Kind",
    "SectionKey",
    "SectionSpec",
    "TableSpec",
    "UnknownFormatError",
    "format_for_year",
    "get_format",
]
