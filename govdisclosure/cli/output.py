"""What the commands print: findings as a table or as JSON, terminal escaping, progress."""

from __future__ import annotations

import io
import re
import sys
from typing import TextIO

from ..batch import Outcome
from ..findings import Finding
from ..textwidth import pad, width

PROG = __name__.split(".")[0]
"""The program's name, which heads every message of a command: ``govdisclosure render: …``."""


_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` with every control character and bidirectional override shown as ``\\uXXXX``:
    a downloaded file's text must not clear the screen, move the cursor, overwrite a line with
    a fake “未发现问题” or reverse what follows it. (JSON output reads back unchanged.)"""
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class Visible(io.TextIOBase):
    """A text stream that writes :func:`visible` text to ``inner``."""

    def __init__(self, inner: TextIO) -> None:
        self.inner = inner

    def write(self, text: str) -> int:
        self.inner.write(visible(text))
        return len(text)

    def flush(self) -> None:
        self.inner.flush()

    def isatty(self) -> bool:
        return self.inner.isatty()

    def fileno(self) -> int:
        return self.inner.fileno()


def terminal() -> TextIO:
    """stderr itself, for the progress bar, whose carriage returns are its own: everything
    else goes through :class:`Visible`."""
    err = sys.stderr
    return err.inner if isinstance(err, Visible) else err


def error(command: str, message: str) -> None:
    """A command's own message on stderr: ``govdisclosure COMMAND: message``."""
    print(f"{PROG} {command}: {message}", file=sys.stderr)


def print_outcome(outcome: Outcome, separate: bool) -> None:
    if separate:
        print()
    if outcome.heading is None:
        # An unreadable file has no report to head a table: one line per problem.
        for f in outcome.findings:
            print(f.one_line(outcome.file))
        return
    if outcome.written and not outcome.findings:
        for path in outcome.written:
            print(path)
        return
    print_findings(f"{outcome.file} — {outcome.heading}", list(outcome.findings), sys.stdout)
    for path in outcome.written:
        print(path)


def as_json(outcome: Outcome) -> dict[str, object]:
    """One file's outcome as JSON data (``--json``); each finding as
    :meth:`~govdisclosure.findings.Finding.to_dict` gives it."""
    findings = outcome.findings
    return {
        "file": outcome.file,
        "agency": outcome.report.agency if outcome.report else None,
        "year": outcome.report.year if outcome.report else None,
        "format": outcome.report.version if outcome.report else None,
        "errors": sum(f.is_error for f in findings),
        "warnings": sum(not f.is_error for f in findings),
        "written": list(outcome.written),
        "findings": [f.to_dict() for f in findings],
    }


def print_findings(title: str, findings: list[Finding], out: TextIO) -> None:
    """Findings of one file as an aligned table, with a heading and a closing count."""
    out.write(f"{title}\n")
    if not findings:
        out.write("未发现问题。\n")
        return
    header = ("级别", "规则", "位置", "填报", "计算", "说明")
    rows = [
        (
            f.severity.label,
            f.rule,
            f.location,
            "" if f.stated is None else str(f.stated),
            "" if f.computed is None else str(f.computed),
            f.message,
        )
        for f in findings
    ]
    widths = [max(width(r[i]) for r in (header, *rows)) for i in range(len(header) - 1)]
    for row in (header, *rows):
        cells = [pad(c, w) for c, w in zip(row, widths, strict=False)]
        out.write("  ".join([*cells, row[-1]]).rstrip() + "\n")
    errors = sum(f.is_error for f in findings)
    out.write(f"共 {errors} 个错误，{len(findings) - errors} 个警告。\n")
