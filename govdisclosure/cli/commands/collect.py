"""``govdisclosure collect``: every cell and every finding of every report, as a dataset."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Iterator

from ...batch import Outcome, Progress, expand, guarded
from ...engines import open_engine
from ...jobs import collect_file
from ..exits import ExitCode
from ..output import terminal


def run(args: argparse.Namespace) -> ExitCode:
    from ...dataset import SUFFIXES, write  # pyarrow only when a dataset is asked for

    files = expand(args.files, SUFFIXES)
    progress = Progress(len(files), terminal())
    code = ExitCode.OK  # the worst so far: USAGE above FINDINGS above OK

    def outcomes() -> Iterator[Outcome]:
        nonlocal code
        with open_engine(args.engine, args.jobs, args.scheduler) as engine:
            progress.note(engine.description)
            for outcome in engine.run(functools.partial(guarded, collect_file), files):
                progress.step()
                if not outcome.readable:
                    progress.clear()
                    for f in outcome.findings:
                        print(f.one_line(outcome.file), file=sys.stderr)
                code = max(code, ExitCode.of([outcome]))
                yield outcome
        progress.clear()

    done = write(outcomes(), args.output, args.force)
    print(
        f"已写出 {done.cells}（{done.reports} 份报告，{done.cell_rows} 个单元格）"
        f"和 {done.findings}（{done.finding_rows} 个问题）"
    )
    print(done.summary)
    # The dataset holds every finding; the exit code says, as check's does, whether any is an
    # error (1) or a file could not be read (2).
    return code
