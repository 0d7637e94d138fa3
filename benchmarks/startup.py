"""Start-up: ``govdisclosure validate FILE`` as a whole process against importing its three
libraries alone.

    python benchmarks/startup.py [--repeats 20] [--before SOURCE_TREE] [FILE]

Runs, interleaved and repeated (validate, baseline, validate, baseline, …), the command
``govdisclosure validate FILE`` as its console script runs it (``python -c "import sys; from
govdisclosure.cli import main; sys.exit(main())" validate FILE``, without the wrapper file,
so that ``--before`` can run another tree the same way) and the baseline ``python -c "import
yaml, attrs, cattrs"``, each a fresh process, and prints for each the median and spread of
its wall time and of its CPU time (user + system, from the kernel when it ends; on a shared
machine the time spent waiting for a CPU is not the process's), and the ratio of the two, as
the median of each pair's ratio (target ≤ 1.3×). ``--before`` adds, interleaved with them,
the same command run from another source tree (an older checkout: ``git worktree add
/tmp/old main``).

Every process runs as an installed package does on a user's machine: its modules' bytecode
compiled (``pip install`` compiles it; here it goes to a temporary ``PYTHONPYCACHEPREFIX``,
whatever ``PYTHONDONTWRITEBYTECODE`` says), and with govdisclosure's cache of the prose
vocabulary (``GOVDISCLOSURE_CACHE_DIR``, a temporary folder) as the first run writes it. What
the first run costs is measured too: ``validate FILE, first run`` is the same command with
an empty cache each time; ``import govdisclosure.cli`` (the package and the command line
imported, nothing run) tells the import from the work. Nothing is pinned to a CPU; the
temporary folder is removed at the end.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.3


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds of ``command`` as a process, run in ``cwd``: ``python -c``
    puts its working directory first on ``sys.path``, so that is the tree whose code runs
    (a ``PYTHONPATH`` comes after it, and would run this tree's code when started here)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd, env=env
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: the file has findings
        sys.exit(f"{' '.join(command)} failed")
    return wall, usage.ru_utime + usage.ru_stime


def spread(values: list[float]) -> str:
    return f"{min(values) * 1000:.0f}–{max(values) * 1000:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(ROOT / "examples" / "example-2024.yaml"))
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--before", type=Path, help="another source tree, for comparison")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="startup-") as tmp:
        measure(args, Path(tmp))


def measure(args: argparse.Namespace, tmp: Path) -> None:
    script = "import sys; from govdisclosure.cli import main; sys.exit(main())"
    validate = [sys.executable, "-c", script, "validate", str(Path(args.file).resolve())]
    contenders = {
        "validate FILE": validate,
        "import yaml, attrs, cattrs": [sys.executable, "-c", "import yaml, attrs, cattrs"],
        "validate FILE, first run": validate,
        "import govdisclosure.cli": [sys.executable, "-c", "import govdisclosure.cli"],
    }
    trees = dict.fromkeys(contenders, ROOT)
    if args.before is not None:
        contenders["validate FILE, before"] = validate
        trees["validate FILE, before"] = args.before.resolve()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env |= {"PYTHONPYCACHEPREFIX": str(tmp / "pyc"), "GOVDISCLOSURE_CACHE_DIR": str(tmp / "cache")}
    first_runs = itertools.count()

    def env_of(name: str) -> dict[str, str]:
        if name != "validate FILE, first run":
            return env
        return env | {"GOVDISCLOSURE_CACHE_DIR": str(tmp / f"empty-{next(first_runs)}")}

    for name, command in contenders.items():  # write the bytecode and the cache; warm the disk
        timed(command, trees[name], env_of(name))
    wall: dict[str, list[float]] = {name: [] for name in contenders}
    cpu: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(args.repeats):
        for name, command in contenders.items():
            w, c = timed(command, trees[name], env_of(name))
            wall[name].append(w)
            cpu[name].append(c)
    print(f"{os.cpu_count()} cores; Python {sys.version.split()[0]}; {args.repeats} runs each")
    print(f"{'process':<28} {'wall ms':>8} {'spread':>10} {'CPU ms':>8} {'spread':>10}")
    for name in contenders:
        print(
            f"{name:<28} {statistics.median(wall[name]) * 1000:>8.0f} {spread(wall[name]):>10} "
            f"{statistics.median(cpu[name]) * 1000:>8.0f} {spread(cpu[name]):>10}"
        )
    command, baseline, *others = contenders
    for label, times in (("wall", wall), ("CPU", cpu)):
        for other in others:
            ratios = [a / b for a, b in zip(times[other], times[baseline], strict=True)]
            print(f"{label} ratio, {other} / baseline: {statistics.median(ratios):.2f}×")
        ratios = [a / b for a, b in zip(times[command], times[baseline], strict=True)]
        ratio = statistics.median(ratios)
        print(
            f"{label} ratio, validate / baseline: {ratio:.2f}× (median of the pairs; "
            f"spread {min(ratios):.2f}–{max(ratios):.2f}), target ≤ {TARGET}×: "
            f"{'ok' if ratio <= TARGET else 'MISSED'}"
        )


if __name__ == "__main__":
    main()
