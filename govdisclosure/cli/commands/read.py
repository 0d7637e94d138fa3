"""``govdisclosure read``: published reports into editable input files."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Sequence
from pathlib import Path

from ...findings import InputError, has_errors
from ...jobs import read_file
from ...rules import RuleId
from ...validation.report import check_version
from ..exits import ExitCode
from ..output import error
from ._shared import files, on_dask, on_workers, run_batch, same_outputs, synced, write_new


def run(args: argparse.Namespace) -> ExitCode:
    from ...inputs.dump import to_json, to_yaml
    from ...reading import READERS
    from ...reading import read as read_report
    from ...rendering.document import literal_report

    found = files(args, tuple(READERS))
    one = len(args.files) == 1 and len(found) == 1 and found[0] == args.files[0]
    if not one or (args.output is not None and args.output.is_dir()):
        return _read_many(found, args)
    args.file = found[0]
    try:
        reading = read_report(args.file)
    except InputError as exc:
        for f in exc.findings:
            print(f.one_line(exc.file), file=sys.stderr)
        return ExitCode.USAGE
    for f in reading.findings:
        print(f.one_line(str(args.file)), file=sys.stderr)
    out_of_range = [f for f in check_version(reading.report) if f.rule is RuleId.RANGE]
    if out_of_range:
        # Such a file could not be loaded again: nothing is written.
        for f in out_of_range:
            print(f.one_line(str(args.file)), file=sys.stderr)
        return ExitCode.FINDINGS
    header = f"读取自 {args.file}；请核对后使用"
    # Prose of a downloaded report is written so that rendering it never runs its “{{ … }}”.
    report = literal_report(reading.report)
    text = to_json(report) if args.to == "json" else to_yaml(report, header)
    if args.output is None:
        sys.stdout.write(text)
    elif not write_new("read", args.output, text.encode("utf-8"), args.force):
        return ExitCode.USAGE
    else:
        print(f"已写出 {args.output}", file=sys.stderr)
    return ExitCode.FINDINGS if has_errors(reading.findings) else ExitCode.OK


def _read_many(found: Sequence[Path], args: argparse.Namespace) -> ExitCode:
    """``read`` of several files or a directory: one input file each, into ``-o DIR``."""
    if args.output is None:
        error("read", "读取多个文件时请用 -o 指定输出目录")
        return ExitCode.USAGE
    args.json = False
    if same_outputs(found, "read"):
        return ExitCode.USAGE
    out = on_workers(args, args.output)
    task = functools.partial(
        read_file, out=out, to=args.to, force=args.force, durable=on_dask(args)
    )
    results = run_batch(task, found, args, failed=lambda o: not o.written or o.failed)
    return synced(results, args, args.output)
