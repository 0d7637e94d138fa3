"""``govdisclosure compare``: two years of one agency, cell by cell."""

from __future__ import annotations

import argparse
import sys

from ...findings import has_errors
from ...textwidth import pad, width
from ..exits import ExitCode
from ..output import error, print_findings
from ._shared import load_all


def run(args: argparse.Namespace) -> ExitCode:
    from ...compare import CompareError, compare  # imported by the command that uses it

    loaded, problems = load_all([args.last, args.this])
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        return ExitCode.USAGE
    last, this = loaded
    try:
        result = compare(last, this)
    except CompareError as exc:
        error("compare", str(exc))
        return ExitCode.USAGE
    for warning in result.warnings:
        error("compare", f"警告：{warning}")
    rows = [("位置", f"{last.meta.year}年", f"{this.meta.year}年", "增减", "同比")]
    for c in result.cells:
        if args.all or c.last or c.this:
            rows.append((c.location, str(c.last), str(c.this), f"{c.change:+}", c.phrase))
    widths = [max(width(r[i]) for r in rows) for i in range(4)]
    print(f"{this.meta.agency} {last.meta.year}—{this.meta.year}年度比较")
    for row in rows:
        print(
            "  ".join([*(pad(c, w) for c, w in zip(row, widths, strict=False)), row[-1]]).rstrip()
        )
    if result.findings:
        print()
        print_findings("跨年度检查", list(result.findings), sys.stdout)
    return ExitCode.FINDINGS if has_errors(result.findings) else ExitCode.OK
