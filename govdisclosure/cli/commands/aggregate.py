"""``govdisclosure aggregate``: the reports of many agencies of one year, added up."""

from __future__ import annotations

import argparse
import sys

from ...aggregate import AggregateError, aggregate
from ...batch import expand
from ...inputs import suffixes
from ...inputs.dump import to_yaml
from ..exits import ExitCode
from ..output import error
from ._shared import load_all, write_new


def run(args: argparse.Namespace) -> ExitCode:
    loaded, problems = load_all(expand(args.files, suffixes()))
    for line in problems:
        print(line, file=sys.stderr)
    if problems or not loaded:
        error("aggregate", "有文件无法读取，未汇总")
        return ExitCode.USAGE
    reports = loaded
    try:
        total = aggregate(reports, args.agency)
    except AggregateError as exc:
        error("aggregate", str(exc))
        return ExitCode.USAGE
    text = to_yaml(total, f"{args.agency} {total.meta.year}年度汇总，来自{len(reports)}份报告")
    if not write_new("aggregate", args.output, text.encode("utf-8"), args.force):
        return ExitCode.USAGE
    print(f"已写出 {args.output}（汇总 {len(reports)} 份报告）")
    return ExitCode.OK
