"""Every error this library raises on purpose: one base class, :class:`GovDisclosureError`, and
each error also the builtin it refines (an unknown format is a ``ValueError`` too), so that a
caller may catch either, in the manner of tablib and cattrs.

The classes are re-exported where they are raised (``formats.UnknownFormatError``,
``helpers.HelperError`` …) and from the package.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # findings imports nothing from here at run time either
    from .findings import Finding


class GovDisclosureError(Exception):
    """Base of every error this library raises on purpose."""


class InputError(GovDisclosureError, ValueError):
    """An input file could not be turned into a report; ``findings`` says where and why."""

    def __init__(self, file: str, findings: Iterable[Finding]) -> None:
        self.file = file
        self.findings = tuple(findings)
        super().__init__("\n".join(f.one_line(file) for f in self.findings))


class UnknownFormatError(GovDisclosureError, ValueError):
    """A year no official format covers, or an unknown version identifier."""


class HelperError(GovDisclosureError, ValueError):
    """A template helper was given values it cannot work with (a share of 0, a negative
    number of decimals); the message says so in Chinese."""


class WorkbookError(GovDisclosureError, ValueError):
    """A report that cannot be written as a workbook."""


class UnreadableError(GovDisclosureError, ValueError):
    """A published file that cannot be read safely or at all; the message says why, in Chinese."""


class RenderError(GovDisclosureError, ValueError):
    """A report that cannot be rendered: a prose expression or a template fails."""


class CompareError(GovDisclosureError, ValueError):
    """Two reports that cannot be compared."""


class EngineError(GovDisclosureError, RuntimeError):
    """An engine cannot run: its extra is not installed, or its cluster cannot be reached."""


class DatasetError(GovDisclosureError, RuntimeError):
    """A dataset cannot be written: pyarrow is missing, or the output is in the way."""


class AggregateError(GovDisclosureError, ValueError):
    """Reports that cannot be summed (different years or format versions, one agency twice)."""


class InputWarning(UserWarning):
    """Something about an input file that does not stop it loading but that its author should
    know (a worksheet hidden in Excel is read all the same). ``finding`` locates it; the
    command line reports it as a finding of the file. A warning, not an error: not a
    :class:`GovDisclosureError`."""

    def __init__(self, file: str, finding: Finding) -> None:
        self.file = file
        self.finding = finding
        super().__init__(finding.one_line(file))
