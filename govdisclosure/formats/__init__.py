"""The official format versions, declared as data, and how a report year selects one."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ..errors import UnknownFormatError as UnknownFormatError
from .declaration import CellKey, Field, FormatSpec, Kind, SectionKey, SectionSpec, TableSpec
from .v2019 import FORMAT_2019
from .v2021 import FORMAT_2021

_REGISTERED: dict[str, FormatSpec] = {f.version: f for f in (FORMAT_2019, FORMAT_2021)}
FORMATS: Mapping[str, FormatSpec] = MappingProxyType(_REGISTERED)
"""Every known format version by its identifier (the year its notice was issued), read-only:
:func:`register_format` adds one."""

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


def register_format(spec: FormatSpec, replace: bool = False) -> FormatSpec | None:
    """Make ``spec`` a known format version; returns the one it replaces (``replace=True``
    replaces the version of the same identifier, such as 2021 closed by ``last_year``), or None.

    No year may be covered by two versions, so that :func:`format_for_year` picks exactly one:
    close the predecessor (replace it with its ``last_year`` set) before registering its
    successor. Register before reading or rendering anything: some readers gather the labels of
    every version the first time they are used.
    """
    previous = _REGISTERED.get(spec.version)
    if previous is not None and not replace:
        raise ValueError(f"格式版本“{spec.version}”已存在；如需替换请传 replace=True")
    for other in _REGISTERED.values():
        if other.version != spec.version and _overlap(other, spec):
            raise ValueError(
                f"格式版本“{spec.version}”与“{other.version}”的适用年度重叠；"
                f"请先为“{other.version}”设定 last_year"
            )
    _REGISTERED[spec.version] = spec
    return previous


def unregister_format(version: str) -> FormatSpec:
    """Forget the format version ``version`` (a test's or an example's own); returns it."""
    spec = get_format(version)
    del _REGISTERED[version]
    return spec


def _overlap(a: FormatSpec, b: FormatSpec) -> bool:
    return (a.last_year is None or b.first_year <= a.last_year) and (
        b.last_year is None or a.first_year <= b.last_year
    )


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
    "register_format",
    "unregister_format",
]
