"""``govdisclosure check``: published reports read and checked by every rule, two years of
one agency among them against each other (S1); with ``--dataset``, written as a dataset too."""

from __future__ import annotations

import argparse
import sys

import attrs

from ...jobs import check_file, collect_file
from ...reading import READERS
from ...years import carry_over_in_batch
from ..exits import ExitCode
from ..output import print_outcome
from ._shared import files, finish, run_batch


def run(args: argparse.Namespace) -> ExitCode:
    found = files(args, tuple(READERS))
    if args.dataset is None:
        outcomes = run_batch(check_file, found, args)
    else:
        from ...dataset import DatasetWriter, prepare  # pyarrow only when a dataset is asked for

        with DatasetWriter(*prepare(args.dataset, args.force)) as dataset:
            outcomes = run_batch(collect_file, found, args, sink=dataset.add)
        print(f"已写出数据集 {dataset.cells.target}、{dataset.findings.target}", file=sys.stderr)
    # Two years of one agency among the files: check the carry-over between them (S1).
    s1 = carry_over_in_batch(outcomes)
    for i, extra in s1.items():
        outcomes[i] = attrs.evolve(outcomes[i], findings=(*outcomes[i].findings, *extra))
    if s1 and not args.json:
        print("\n跨年度检查（S1：上年结转与上年度报告的结转下年度）")
        for i, extra in s1.items():
            print_outcome(attrs.evolve(outcomes[i], findings=extra), True)
    return finish(outcomes, args)
