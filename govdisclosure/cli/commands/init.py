"""``govdisclosure init``: the blank input file of a year, as YAML or as an Excel workbook."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ...formats import UnknownFormatError, format_for_year, get_format
from ...skeleton import blank_report, skeleton
from ..exits import ExitCode
from ..output import error
from ._shared import write_new


def run(args: argparse.Namespace) -> ExitCode:
    try:
        fmt = get_format(args.format) if args.format else format_for_year(args.year)
    except UnknownFormatError as exc:
        error("init", str(exc))
        return ExitCode.USAGE
    if args.xlsx is not None:
        target: Path = args.xlsx
        from ...xlsx import to_xlsx  # openpyxl costs 0.15 s to import: only when asked for

        data = to_xlsx(blank_report(args.year, fmt.version, args.agency))
    else:
        text = skeleton(args.year, fmt.version, args.agency)
        if args.output is not None and str(args.output) == "-":
            sys.stdout.write(text)
            return ExitCode.OK
        target = args.output or Path(f"report-{args.year}.yaml")
        data = text.encode("utf-8")
    if not write_new("init", target, data, args.force):
        return ExitCode.USAGE
    print(f"已写出 {target}（{args.year}年度，{fmt.document}格式）")
    return ExitCode.OK
