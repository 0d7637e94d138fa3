"""``govdisclosure check``: published reports read and checked by every rule, two years of
one agency among them against each other (S1); with ``--dataset``, written as a dataset too.

The S1 pairing is done as the outcomes arrive (:class:`~govdisclosure.years.CarryOverInBatch`),
keeping of each report only what pairing needs; without ``--json`` the outcomes themselves are
printed and dropped, with ``--json`` each is held only until no file still to come can add to
its element (docs/scale.md)."""

from __future__ import annotations

import argparse
import sys
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs

from ...batch import Outcome
from ...findings import Finding, has_errors
from ...jobs import check_file, collect_file
from ...years import CarryOverInBatch
from ..exits import ExitCode
from ..output import as_json, print_findings
from ._shared import Results, files, run_batch


def run(args: argparse.Namespace) -> ExitCode:
    from ...reading import READERS  # the readers only for the commands that read

    found = files(args, tuple(READERS))
    if args.json:
        return _check_json(found, args)
    # Kept of each report: its name, its heading and whether it failed (the tag), and what
    # pairing needs (CarryOverInBatch); of each pair, its findings.
    pairing: CarryOverInBatch[tuple[str, str | None, bool]] = CarryOverInBatch()

    def pair(o: Outcome) -> None:
        pairing.add(o, (o.file, o.heading, o.failed))

    results = _run(found, args, pair)
    s1 = pairing.found()
    if s1:
        print("\n跨年度检查（S1：上年结转与上年度报告的结转下年度）")
    for (file, heading, failed), extra in s1.values():
        print()
        print_findings(f"{file} — {heading}", list(extra), sys.stdout)
        if has_errors(extra) and not failed:
            results.failed_later()
    return results.finish()


def _run(
    found: Sequence[Path],
    args: argparse.Namespace,
    each: Callable[[Outcome], None],
    results: Results | None = None,
) -> Results:
    if args.dataset is None:
        return run_batch(check_file, found, args, each=each, results=results)
    from ...dataset import DatasetWriter, prepare  # pyarrow only when a dataset is asked for

    with DatasetWriter(*prepare(args.dataset, args.force)) as dataset:
        results = run_batch(collect_file, found, args, sink=dataset.add, each=each, results=results)
    print(f"已写出数据集 {dataset.cells.target}、{dataset.findings.target}", file=sys.stderr)
    return results


def _check_json(found: Sequence[Path], args: argparse.Namespace) -> ExitCode:
    """``check --json``: S1's findings belong in the later year's element, which may come
    before the earlier year's file. Elements are written in the files' order as soon as no
    file still to come can add to them; an outcome waiting for its agency's year before holds
    back those after it, which wait as their JSON text."""
    pairing: CarryOverInBatch[None] = CarryOverInBatch()
    waiting: deque[Outcome | str] = deque()  # from the first element not yet written
    s1: dict[int, tuple[Finding, ...]] = {}  # found for an outcome still waiting
    first = 0  # the position of waiting[0]
    results = Results(args, None, stream=False)

    def text(o: Outcome, i: int) -> str:
        extra = s1.pop(i, ())
        if extra:
            if has_errors(extra) and not o.failed:
                results.failed_later()
            o = attrs.evolve(o, findings=(*o.findings, *extra))
        return _json_text(o)

    def each(o: Outcome) -> None:
        nonlocal first
        i = first + len(waiting)
        for j, _, extra in pairing.add(o, None):
            s1[j] = (*s1.get(j, ()), *extra)
        waiting.append(o)
        # Elements written from the front while nothing still to come can change them.
        while waiting:
            head = waiting[0]
            if isinstance(head, Outcome):
                if not pairing.settled(head):
                    break
                head = text(head, first)
            results.write_raw(head)
            waiting.popleft()
            first += 1
        if waiting and waiting[-1] is o and len(waiting) > 1 and pairing.settled(o):
            waiting[-1] = text(o, i)  # held back only for order: as text

    _run(found, args, each, results)
    while waiting:
        head = waiting.popleft()
        results.write_raw(head if isinstance(head, str) else text(head, first))
        first += 1
    return results.finish()


def _json_text(o: Outcome) -> str:
    import json

    return json.dumps(as_json(o), ensure_ascii=False, indent=2)
