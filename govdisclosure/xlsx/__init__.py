"""Excel workbooks for agency staff: a report written as the official tables to fill in, and
read back (``govdisclosure.load("report.xlsx")``).

``layout`` says where every declared cell goes, ``write`` makes the workbook, ``read`` reads
it; both follow the layout, which follows the format declaration alone.
"""

from __future__ import annotations

from .write import WorkbookError, to_xlsx

__all__ = ["WorkbookError", "to_xlsx"]
