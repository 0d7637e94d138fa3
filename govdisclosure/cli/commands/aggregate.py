"""``govdisclosure aggregate``: the reports of many agencies of one year, added up.

Every input is loaded on the chosen engine (every core by default) and summed here as the
outcomes come (:class:`~govdisclosure.aggregate.Sum`), keeping running sums and the sources'
names, never the reports; the summary's YAML is written out line by line."""

from __future__ import annotations

import argparse
import functools
import sys

from ...batch import Progress, expand, guarded
from ...engines import open_engine
from ...inputs import suffixes
from ...jobs import aggregate_file
from ..exits import ExitCode
from ..output import error, terminal


def run(args: argparse.Namespace) -> ExitCode:
    from ...aggregate import AggregateError, Sum
    from ...atomic import write_all
    from ...inputs.dump import yaml_lines

    if args.output.exists() and not args.force:
        error("aggregate", f"{args.output} 已存在；如需覆盖请加 --force")
        return ExitCode.USAGE
    files = expand(args.files, suffixes())
    progress = Progress(len(files), terminal())
    total, unreadable = Sum(), False
    with open_engine(args.engine, args.jobs, args.scheduler) as engine:
        progress.note(engine.description)
        for outcome in engine.run(functools.partial(guarded, aggregate_file), files):
            progress.step()
            if outcome.summand is None:
                unreadable = True
                progress.clear()
                for f in outcome.findings:
                    print(f.one_line(outcome.file), file=sys.stderr)
            elif not unreadable:
                total.add(outcome.summand)
        progress.clear()
    if unreadable or not total.count:
        error("aggregate", "有文件无法读取，未汇总")
        return ExitCode.USAGE
    try:
        summary = total.report(args.agency, sources=False)
    except AggregateError as exc:
        error("aggregate", str(exc))
        return ExitCode.USAGE
    header = f"{args.agency} {summary.meta.year}年度汇总，来自{total.count}份报告"
    text = (line.encode("utf-8") for line in yaml_lines(summary, header, total.sources()))
    try:
        write_all([(args.output, text)])
    except OSError as exc:
        error("aggregate", f"无法写入 {args.output}：{exc.strerror or exc}")
        return ExitCode.USAGE
    print(f"已写出 {args.output}（汇总 {total.count} 份报告）")
    return ExitCode.OK
