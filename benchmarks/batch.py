"""Batch throughput and memory: the pool against Dask, memory against N, durable writing.

    python benchmarks/batch.py [--reports 5000] [--collect 20000] [--repeats 3]
                               [--processes 1000] [--memory 1000,5000,20000]
                               [--commands validate,render,aggregate] [--durable 500]
                               [--only engines,collect,processes,memory,durable]

Generates consistent agency reports (random counts, fixed seed; tests/fixtures_batch.py) in
a temporary folder, removed at the end, and measures in one run:

* **engines**: ``check`` (read each docx back and validate every rule) of the same N reports
  on the built-in pool of 2 processes and on a local Dask cluster of 2 worker processes,
  interleaved (pool, Dask, pool, Dask, …) so that both see the same machine, repeated; prints
  each one's median and spread and the Dask overhead against the pool of the same run
  (target ≤ 15 %). The cluster's start is timed apart: it is paid once per command.
* **collect**: ``govdisclosure collect`` of N/4 and of N published (HTML) reports into
  Parquet on 2 processes, run as a command, its resident memory sampled from outside (every
  20 ms, from /proc) with the exact peak of the main process from the kernel at its end;
  flat memory means the peaks do not grow with N. Bytes per report are printed.
* **processes**: render (docx + HTML) and check on 1 and on 2 processes, as before.
* **memory**: ``validate``, ``render`` (HTML) and ``aggregate`` of N generated input files
  (N = 1,000, 5,000 and 20,000 by default) on 2 processes, run as commands, repeated and
  interleaved; the peak resident memory of the parent and of each worker (``VmHWM`` polled
  from /proc every 10 ms) measured from outside. Prints
  the medians and spread, and the bytes per report: the slope of the median peaks against N
  (least squares), which must be indistinguishable from noise (< 0.1 KiB a report).
* **durable**: ``render`` (docx + HTML) of N reports in one process, each file flushed to disk
  before its rename (as before) against the batch's scheme (files renamed into place without
  waiting for the disk, one ``sync()`` at the end, included in its time), interleaved.

No process is pinned to a core. The machine is shared and noisy: compare ratios within
one run, not seconds across runs.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from hermetic import own_cache

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the generated reports live with the tests

from fixtures_batch import write_reports  # noqa: E402

from govdisclosure.batch import Outcome, Task, guarded, run  # noqa: E402
from govdisclosure.engines._dask import connect  # noqa: E402
from govdisclosure.jobs import check_file, render_file  # noqa: E402

WORKERS = 2


def generate(folder: Path, count: int, fmt: str) -> list[Path]:
    """``count`` reports in ``folder``, written by two processes (each its own seed)."""
    half = (count + 1) // 2
    with ProcessPoolExecutor(2) as pool:
        jobs = [
            pool.submit(
                write_reports,
                folder / part,
                n,
                fmt,
                seed,
                functools.partial(_agency, offset),
            )
            for part, n, seed, offset in (("a", half, 1, 0), ("b", count - half, 2, half))
        ]
        return [p for job in jobs for p in job.result()]


def _agency(offset: int, n: int) -> str:
    return f"示例县第{offset + n}局"


Runner = Callable[[Task, Sequence[Path]], Iterator[Outcome]]


def timed(runner: Runner, task: Task, files: Sequence[Path]) -> float:
    """Seconds to run ``task`` over ``files``; every file must pass."""
    return measured(runner, task, files, lambda: 0.0)[0]


def measured(
    runner: Runner, task: Task, files: Sequence[Path], workers_cpu: Callable[[], float]
) -> tuple[float, float]:
    """Wall seconds and CPU seconds (this process, its reaped children and ``workers_cpu``)
    to run ``task`` over ``files``; every file must pass."""
    cpu_before = _own_cpu() + workers_cpu()
    start = time.perf_counter()
    failed = [o for o in runner(functools.partial(guarded, task), files) if o.failed]
    elapsed = time.perf_counter() - start
    if failed:
        sys.exit(f"unexpected failures: {failed[0].file}: {failed[0].findings[:2]}")
    return elapsed, _own_cpu() + workers_cpu() - cpu_before


def _own_cpu() -> float:
    """CPU seconds of this process (every thread: Dask's scheduler runs in one) and of its
    children that have ended (the pool's workers, when the pool closes)."""
    me, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def _cpu_of(pids: Sequence[int]) -> float:
    """CPU seconds of running processes, from /proc (Dask's workers, not yet ended)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def spread(values: list[float]) -> str:
    return f"{min(values):.2f}–{max(values):.2f}"


def engines(work: Path, count: int, repeats: int) -> None:
    print(
        f"\n== check of {count:,} docx reports: pool of {WORKERS} processes against Dask "
        f"({WORKERS} worker processes), interleaved, {repeats} repeats"
    )
    files = generate(work / "engines", count, "docx")
    start = time.perf_counter()
    with connect(WORKERS) as client:
        started = time.perf_counter() - start
        contenders: dict[str, Runner] = {
            "pool": lambda task, files: run(task, files, WORKERS),
            "dask": lambda task, files: run(task, files, client=client),
        }
        pids = list(client.run(os.getpid).values())
        cpu_of_workers: dict[str, Callable[[], float]] = {
            "pool": lambda: 0.0,  # counted as ended children of this process
            "dask": lambda: _cpu_of(pids),
        }
        seconds: dict[str, list[float]] = {name: [] for name in contenders}
        cpu: dict[str, list[float]] = {name: [] for name in contenders}
        for _ in range(repeats):
            for name, runner in contenders.items():
                wall, used = measured(runner, check_file, files, cpu_of_workers[name])
                seconds[name].append(wall)
                cpu[name].append(used)
    print(
        f"{'engine':<8} {'median s':>9} {'spread s':>12} {'reports/min':>12} "
        f"{'CPU s':>7} {'CPU spread':>12} {'CPU ms/report':>14}"
    )
    medians = {}
    for name, values in seconds.items():
        medians[name] = statistics.median(values)
        rate = count / medians[name] * 60
        used = statistics.median(cpu[name])
        print(
            f"{name:<8} {medians[name]:>9.2f} {spread(values):>12} {rate:>12,.0f} "
            f"{used:>7.1f} {spread(cpu[name]):>12} {used / count * 1000:>14.2f}"
        )
    for name, values in seconds.items():
        print(f"{name} runs, in order (s): {', '.join(f'{v:.2f}' for v in values)}")
    overhead = medians["dask"] / medians["pool"] - 1
    # Each Dask run against the pool run just before it: the pair shared the machine's load.
    paired = statistics.median(d / p for p, d in zip(seconds["pool"], seconds["dask"], strict=True))
    cpu_overhead = statistics.median(cpu["dask"]) / statistics.median(cpu["pool"]) - 1
    print(
        f"Dask overhead against the pool of this run: {overhead:+.1%} of the median times, "
        f"{paired - 1:+.1%} the median of the paired runs (target ≤ 15 %); "
        f"Dask throughput / pool throughput {medians['pool'] / medians['dask']:.3f}"
    )
    # Wall time on a shared machine moves with the others' load; the CPU the work costs
    # moves far less, and is what the engine adds on a machine of one's own.
    print(f"Dask overhead in CPU seconds (all processes): {cpu_overhead:+.1%}")
    print(f"local cluster start (once per command): {started:.2f} s")


def sampled_peak(command: list[str], log: Path) -> tuple[int, int, float]:
    """Run ``command``: the exact peak RSS of its process (bytes, from the kernel when it
    ends), the peak RSS of it and its worker processes together (sampled from /proc every
    20 ms), and the seconds it took."""
    start = time.perf_counter()
    with log.open("wb") as err:
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
        tree_peak = 0
        while True:
            # wait4 reports the rusage of this one child, not the largest of all children.
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            tree_peak = max(tree_peak, _tree_rss(proc.pid))
            time.sleep(0.02)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed: {log.read_text('utf-8')}")
    return usage.ru_maxrss * 1024, tree_peak, elapsed


def _tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and of every process under it, now."""
    total, queue = 0, [pid]
    while queue:
        p = queue.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:  # it ended meanwhile
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
        queue.extend(int(c) for c in children)
    return total


def collect(work: Path, count: int) -> None:
    print(
        f"\n== collect of published HTML reports into Parquet, {WORKERS} processes, "
        f"memory measured from outside"
    )
    rows = []
    for n in (max(1, count // 4), count):
        files = generate(work / f"collect-{n}", n, "html")
        out = work / f"collect-{n}.parquet"
        command = [
            sys.executable,
            "-m",
            "govdisclosure",
            "collect",
            str(files[0].parent.parent),
            "-o",
            str(out),
            "-j",
            str(WORKERS),
        ]
        peak, tree, seconds = sampled_peak(command, work / "collect.log")
        size = out.stat().st_size + out.with_name(f"{out.stem}.findings.parquet").stat().st_size
        rows.append((n, peak, tree, seconds, size))
    print(
        f"{'reports':>8} {'s':>7} {'reports/min':>12} {'main peak MB':>13} "
        f"{'all peak MB':>12} {'main B/report':>14} {'Parquet B/report':>17}"
    )
    for n, peak, tree, seconds, size in rows:
        print(
            f"{n:>8,} {seconds:>7.1f} {n / seconds * 60:>12,.0f} {peak / 1e6:>13.1f} "
            f"{tree / 1e6:>12.1f} {peak / n:>14,.0f} {size / n:>17,.0f}"
        )
    (small, p_small, t_small, *_), (large, p_large, t_large, *_) = rows
    growth = (p_large - p_small) / (large - small)
    print(
        f"main process peak growth from {small:,} to {large:,} reports: "
        f"{growth:,.0f} bytes per added report ({p_large / p_small:.2f}× the peak); "
        f"all processes: {t_large / t_small:.2f}×"
    )


def processes(work: Path, count: int) -> None:
    print(f"\n== render (docx + HTML) and check of {count:,} reports on 1 and 2 processes")
    yaml_files = _inputs(work / "processes-in", count)
    results: dict[tuple[str, int], float] = {}
    for jobs in (1, 2):
        out = work / f"processes-out-{jobs}"
        render = functools.partial(render_file, out=out, formats=("docx", "html"))
        results["render", jobs] = timed(pool(jobs), render, yaml_files)
    rendered = sorted((work / "processes-out-2").glob("*.docx"))
    for jobs in (1, 2):
        results["check", jobs] = timed(pool(jobs), check_file, rendered)
    print(f"{'task':<18} {'1 process/min':>14} {'2 processes/min':>16} {'speed-up':>9}")
    for name in ("render", "check"):
        one, two = (count / results[name, j] * 60 for j in (1, 2))
        print(f"{name:<18} {one:>14,.0f} {two:>16,.0f} {two / one:>8.2f}×")


def _inputs(folder: Path, count: int) -> list[Path]:
    import random

    from fixtures_batch import EXAMPLE, random_report

    import govdisclosure as g
    from govdisclosure.inputs.dump import to_yaml

    base, rng = g.load(EXAMPLE), random.Random(2024)
    folder.mkdir(parents=True)
    files = []
    for n in range(count):
        path = folder / f"r{n:05d}.yaml"
        path.write_text(to_yaml(random_report(base, rng, f"示例县第{n}局")), "utf-8")
        files.append(path)
    return files


def pool(jobs: int) -> Runner:
    return lambda task, files: run(task, files, jobs)


def _write_inputs(folder: Path, first: int, count: int, seed: int) -> None:
    import random

    from fixtures_batch import EXAMPLE, random_report

    import govdisclosure as g
    from govdisclosure.inputs.dump import to_yaml

    base, rng = g.load(EXAMPLE), random.Random(seed)
    for n in range(first, first + count):
        report = random_report(base, rng, f"示例县第{n}局")
        (folder / f"r{n:06d}.yaml").write_text(to_yaml(report), "utf-8")


def generate_inputs(folder: Path, count: int) -> None:
    """``count`` input files (YAML) in ``folder``, written by two processes."""
    folder.mkdir(parents=True)
    half = (count + 1) // 2
    with ProcessPoolExecutor(2) as writers:
        jobs = [
            writers.submit(_write_inputs, folder, 0, half, 1),
            writers.submit(_write_inputs, folder, half, count - half, 2),
        ]
        for job in jobs:
            job.result()


def watched(command: list[str]) -> tuple[int, int, float]:
    """Run ``command``: the peak RSS of its process and the largest peak RSS of any process
    under it (bytes, ``VmHWM`` from /proc, polled every 10 ms: each process's last reading
    before it ends), and the seconds it took.

    Not the kernel's ``ru_maxrss`` at the end: a child's starts as the size of the process
    that forked it (here this benchmark), kept through ``exec``."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    own, workers = 0, {}
    while True:
        pid, status, _ = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        own = max(own, _hwm(proc.pid))
        for child in _descendants(proc.pid):
            workers[child] = max(workers.get(child, 0), _hwm(child))
        time.sleep(0.01)
    elapsed = time.perf_counter() - start
    assert proc.stderr is not None
    err = proc.stderr.read().decode("utf-8", "replace")
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed: {err}")
    return own, max(workers.values(), default=0), elapsed


def _descendants(pid: int) -> list[int]:
    """Every process under ``pid`` now (the children of each of its threads, and theirs)."""
    found, queue = [], [pid]
    while queue:
        p = queue.pop()
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except OSError:  # it ended meanwhile
                continue
            found += children
            queue += children
    return found


def _hwm(pid: int) -> int:
    """The peak resident bytes of ``pid`` so far (0 once it has ended)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of y against x."""
    mx = statistics.fmean(x for x, _ in points)
    my = statistics.fmean(y for _, y in points)
    return sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)


def memory(work: Path, sizes: list[int], commands: list[str], repeats: int) -> None:
    print(
        f"\n== memory against the number of reports: {', '.join(commands)} on {WORKERS} "
        f"processes, run as commands, measured from outside, {repeats} repeats interleaved"
    )
    largest = max(sizes)
    source = work / "memory-all"
    generate_inputs(source, largest)
    names = sorted(p.name for p in source.iterdir())
    folders = {}
    for n in sizes:  # each N its own folder, of hard links to the first N files
        folders[n] = work / f"memory-{n}"
        folders[n].mkdir()
        for name in names[:n]:
            os.link(source / name, folders[n] / name)
    del names
    out = work / "memory-out"
    peaks: dict[tuple[str, int], list[tuple[int, int, float]]] = {}
    for _ in range(repeats):
        for n in sizes:
            for command in commands:
                args = {
                    "validate": ["validate", str(folders[n])],
                    "render": ["render", str(folders[n]), "-o", str(out), "--to", "html"],
                    "aggregate": ["aggregate", str(folders[n]), "-o", str(out / "sum.yaml")],
                }[command]
                cli = [sys.executable, "-m", "govdisclosure", *args, "-j", str(WORKERS)]
                out.mkdir()
                peaks.setdefault((command, n), []).append(watched(cli))
                shutil.rmtree(out, ignore_errors=True)
    mib = 1024 * 1024
    print(
        f"{'command':<10} {'reports':>8} {'s':>7} {'parent MiB':>11} {'spread':>13} "
        f"{'worker MiB':>11} {'spread':>13}"
    )
    for command in commands:
        for n in sizes:
            runs = peaks[command, n]
            parent, worker = [r[0] / mib for r in runs], [r[1] / mib for r in runs]
            print(
                f"{command:<10} {n:>8,} {statistics.median(r[2] for r in runs):>7.1f} "
                f"{statistics.median(parent):>11.1f} {spread(parent):>13} "
                f"{statistics.median(worker):>11.1f} {spread(worker):>13}"
            )
    print("bytes per report (slope of the median peak against N; target < 0.1 KiB = 102 B):")
    for command in commands:
        parts = []
        for label, which in (("parent", 0), ("worker", 1)):
            points = [(n, statistics.median(r[which] for r in peaks[command, n])) for n in sizes]
            b = slope(points)
            steps = ", ".join(
                f"{(y2 - y1) / (x2 - x1):+,.0f}"
                for (x1, y1), (x2, y2) in itertools.pairwise(points)
            )
            parts.append(f"{label} {b:+,.1f} B ({'ok' if b < 102.4 else 'GROWS'}; steps {steps})")
        print(f"  {command:<10} " + "; ".join(parts))


def durable(work: Path, count: int, repeats: int) -> None:
    from govdisclosure.atomic import sync_folders

    print(
        f"\n== render (docx + HTML) of {count:,} reports in 1 process: each file flushed "
        f"to disk (fsync) against one sync at the end, interleaved, {repeats} repeats"
    )
    inputs = work / "durable-in"
    generate_inputs(inputs, count)
    files = sorted(inputs.iterdir())
    seconds: dict[str, list[float]] = {"fsync each file": [], "one sync at the end": []}
    for _ in range(repeats):
        for name in seconds:
            out = work / "durable-out"
            each = name == "fsync each file"
            task = functools.partial(render_file, out=out, formats=("docx", "html"), durable=each)
            os.sync()  # both start from a clean page cache
            start = time.perf_counter()
            timed(pool(1), task, files)
            if not each:
                sync_folders([out])
            seconds[name].append(time.perf_counter() - start)
            shutil.rmtree(out)
    print(f"{'scheme':<22} {'median s':>9} {'spread s':>12} {'ms/report':>10}")
    for name, values in seconds.items():
        median = statistics.median(values)
        print(f"{name:<22} {median:>9.2f} {spread(values):>12} {median / count * 1000:>10.2f}")
    per_file, once = (statistics.median(v) for v in seconds.values())
    paired = statistics.median(a / b for a, b in zip(*seconds.values(), strict=True))
    print(
        f"fsync each file / one sync: {per_file / once:.2f}× of the medians, "
        f"{paired:.2f}× the median of the paired runs"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=5000, help="reports for pool vs Dask")
    parser.add_argument("--collect", type=int, default=20000, help="reports for collect")
    parser.add_argument("--processes", type=int, default=1000, help="reports for 1 vs 2")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--memory", default="1000,5000,20000", help="numbers of reports for memory")
    parser.add_argument("--commands", default="validate,render,aggregate")
    parser.add_argument("--durable", type=int, default=500, help="reports for durable")
    parser.add_argument("--only", default="engines,collect,processes,memory,durable")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    print(f"{os.cpu_count()} cores; Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="govdisclosure-bench-") as tmp:
        work = Path(tmp)
        if "engines" in parts:
            engines(work, args.reports, args.repeats)
        if "collect" in parts:
            collect(work, args.collect)
        if "processes" in parts:
            processes(work, args.processes)
        if "memory" in parts:
            sizes = [int(n) for n in args.memory.split(",")]
            memory(work, sizes, args.commands.split(","), args.repeats)
        if "durable" in parts:
            durable(work, args.durable, args.repeats)


if __name__ == "__main__":
    with own_cache():
        main()
