"""``govdisclosure render``: input files into the documents to publish."""

from __future__ import annotations

import argparse
import functools

from ...inputs import suffixes
from ...jobs import render_file
from ..exits import ExitCode
from ..output import error
from ._shared import files, on_dask, on_workers, run_batch, same_outputs, synced


def run(args: argparse.Namespace) -> ExitCode:
    from ...rendering import RENDERERS  # Jinja only for the command that renders

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
        durable=on_dask(args),  # on the pool: one sync at the end (synced)
    )
    found = files(args, suffixes())
    if same_outputs(found, "render"):
        return ExitCode.USAGE
    # With --allow-errors a report with findings still counts as done once it is written.
    results = run_batch(task, found, args, failed=lambda o: not o.written)
    return synced(results, args, args.output)
