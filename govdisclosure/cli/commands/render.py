"""``govdisclosure render``: input files into the documents to publish."""

from __future__ import annotations

import argparse
import functools

from ...inputs import suffixes
from ...jobs import render_file
from ...rendering import RENDERERS
from ..exits import ExitCode
from ..output import error
from ._shared import files, finish, on_workers, run_batch, same_outputs


def run(args: argparse.Namespace) -> ExitCode:
    formats = [f.strip() for f in args.to.split(",") if f.strip()]
    unknown = [f for f in formats if f not in RENDERERS]
    if unknown or not formats:
        known = ",".join(RENDERERS)
        error("render", f"未知的输出格式 {','.join(unknown)}；可选 {known}")
        return ExitCode.USAGE
    task = functools.partial(
        render_file,
        out=on_workers(args, args.output),
        formats=formats,
        templates=on_workers(args, args.templates),
        allow_errors=args.allow_errors,
        previous=on_workers(args, args.previous),
        force=args.force,
    )
    found = files(args, suffixes())
    if same_outputs(found, "render"):
        return ExitCode.USAGE
    outcomes = run_batch(task, found, args)
    # With --allow-errors a report with findings still counts as done once it is written.
    return finish(outcomes, args, failed=lambda o: not o.written)
