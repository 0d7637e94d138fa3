"""Batch throughput: render (docx + HTML) and check many agency reports, on 1 and 2 processes.

    python benchmarks/batch.py [--reports 1000]

Generates N consistent agency reports (random counts, fixed seed) as YAML input files, then
in one run, side by side:

* render each to docx and HTML (``govdisclosure render --to docx,html``'s work), with 1 and
  with 2 worker processes;
* check each rendered docx (read it back and validate every rule), with 1 and 2 processes.

Prints reports per minute, per-core throughput, the speed-up from 1 to 2 processes, and the
peak memory of the parent and of the largest worker, for N/4 and N reports: flat memory
means the peaks do not grow with N. Target: ≥ 2,000 reports a minute for docx + HTML on
this 2-core machine.
"""

from __future__ import annotations

import argparse
import functools
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import govdisclosure as g
from govdisclosure.batch import Outcome, guarded, run
from govdisclosure.inputs.dump import to_yaml
from govdisclosure.jobs import check_file, render_file

ROOT = Path(__file__).resolve().parent.parent


def random_report(base: g.Report, rng: random.Random, n: int) -> g.Report:
    """``base`` with another agency's name and random counts that keep every rule."""
    t3 = base.table3.spec
    stated: dict[tuple[str, str], g.model.Stated] = {}
    outcome_rows = [r for r in t3.row_keys if r not in ("new", "carry_in", "total", "carry_out")]
    for col in t3.columns_of("new")[:-1]:
        outcomes = {r: rng.choice((0, 0, 0, rng.randint(0, 40))) for r in outcome_rows}
        carry_out = rng.randint(0, 5)
        carry_in = rng.randint(0, sum(outcomes.values()) + carry_out)
        stated.update({(r, col): v for r, v in outcomes.items()})
        stated["carry_out", col] = carry_out
        stated["carry_in", col] = carry_in
        stated["new", col] = sum(outcomes.values()) + carry_out - carry_in
    t4 = {
        k: rng.randint(0, 3) for k in base.table4.spec.fields if k not in base.table4.spec.derived
    }
    meta = base.meta
    return g.Report(
        meta=g.Metadata(f"示例县第{n}局", meta.year, meta.version, meta.published, meta.contact),
        overview=base.overview,
        table2=base.table2,
        table3=g.Table(t3, stated).with_totals(),
        table4=g.Table(base.table4.spec, t4).with_totals(),
        problems=base.problems,
        other=base.other,
    )


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def timed(task: functools.partial[Outcome], files: list[Path], jobs: int) -> float:
    start = time.perf_counter()
    failed = [o for o in run(functools.partial(guarded, task), files, jobs) if o.failed]
    elapsed = time.perf_counter() - start
    if failed:
        sys.exit(f"unexpected failures: {failed[0].file}: {failed[0].findings[:2]}")
    return elapsed


def measure(count: int, work: Path) -> list[tuple[str, int, float]]:
    base = g.load(ROOT / "examples" / "example-2024.yaml")
    rng = random.Random(2024)
    inputs = work / f"in-{count}"
    inputs.mkdir()
    files = []
    for n in range(count):
        path = inputs / f"r{n:05d}.yaml"
        path.write_text(to_yaml(random_report(base, rng, n)), "utf-8")
        files.append(path)
    rows = []
    for jobs in (1, 2):
        out = work / f"out-{count}-{jobs}"
        task = functools.partial(render_file, out=out, formats=("docx", "html"))
        rows.append((f"render docx+HTML, {jobs} process(es)", jobs, timed(task, files, jobs)))
    rendered = sorted((work / f"out-{count}-2").glob("*.docx"))
    for jobs in (1, 2):
        rows.append(
            (
                f"check docx, {jobs} process(es)",
                jobs,
                timed(functools.partial(check_file), rendered, jobs),
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for count in (max(1, args.reports // 4), args.reports):
            rows = measure(count, Path(tmp))
            print(f"\n{count} reports")
            print(f"{'task':<34} {'s':>7} {'reports/min':>12} {'per core/min':>13}")
            by_task: dict[str, float] = {}
            for name, jobs, seconds in rows:
                rate = count / seconds * 60
                by_task[name.split(",")[0] + str(jobs)] = rate
                print(f"{name:<34} {seconds:>7.2f} {rate:>12,.0f} {rate / jobs:>13,.0f}")
            for task in ("render docx+HTML", "check docx"):
                speedup = by_task[task + "2"] / by_task[task + "1"]
                print(f"speed-up 1→2 processes, {task}: {speedup:.2f}×")
            print(
                f"peak memory: parent {peak_mb(resource.RUSAGE_SELF):.0f} MB, "
                f"largest worker {peak_mb(resource.RUSAGE_CHILDREN):.0f} MB"
            )


if __name__ == "__main__":
    main()
