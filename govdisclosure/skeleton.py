"""A complete, zero-filled input file for a given year: what ``govdisclosure init`` writes."""

from __future__ import annotations

from .formats import format_for_year, get_format
from .inputs.dump import to_yaml
from .model import Metadata, Report, Table, prose_type

PLACEHOLDER_AGENCY = "（机关名称）"


def blank_report(year: int, version: str | None = None, agency: str = PLACEHOLDER_AGENCY) -> Report:
    """A report with every table cell 0 (totals stated) and empty prose sections."""
    fmt = get_format(version) if version else format_for_year(year)
    contents = {
        s.key: Table.zeros(fmt.table(s.table)).with_totals() if s.table else prose_type(s)()
        for s in fmt.sections
    }
    return Report(Metadata(agency=agency, year=year, version=fmt.version), contents)


def skeleton(year: int, version: str | None = None, agency: str = PLACEHOLDER_AGENCY) -> str:
    """The YAML skeleton for a report on ``year``: every key present, zero-filled, and each
    commented with its official Chinese label. The version follows from the year unless
    given."""
    return to_yaml(blank_report(year, version, agency))
