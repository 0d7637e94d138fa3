"""``govdisclosure export``: a report (an input file, or a published one) as an Excel workbook."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ...findings import Finding, InputError, has_errors
from ...inputs import load, suffixes
from ..exits import ExitCode
from ..output import error
from ._shared import write_new


def run(args: argparse.Namespace) -> ExitCode:
    path: Path = args.file
    findings: list[Finding] = []
    try:
        if path.suffix.lower() in suffixes():
            report = load(path)
        else:
            # A published report (docx, HTML, …): what could not be read is warned about.
            from ...reading import read as read_report  # the readers only when reading

            reading = read_report(path)
            report, findings = reading.report, list(reading.findings)
    except InputError as exc:
        for f in exc.findings:
            print(f.one_line(exc.file), file=sys.stderr)
        return ExitCode.USAGE
    for f in findings:
        print(f.one_line(str(path)), file=sys.stderr)
    from ...xlsx import WorkbookError, to_xlsx  # openpyxl only when asked for

    try:
        workbook = to_xlsx(report)
    except WorkbookError as exc:
        error("export", f"{path}: {exc}")
        return ExitCode.USAGE
    if not write_new("export", args.xlsx, workbook, args.force):
        return ExitCode.USAGE
    print(f"已写出 {args.xlsx}（{report.meta.agency} {report.meta.year}年度）")
    return ExitCode.FINDINGS if has_errors(findings) else ExitCode.OK
