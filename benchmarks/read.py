"""Reading speed: published reports read back into the model, per source format.

    python benchmarks/read.py [-n N]

The 2021-format example is rendered once per format (and printed to PDF by LibreOffice,
where ``soffice`` is installed), then read N times from memory; the process is pinned to
one core (CPU 0) where the system allows. Printed: reports per second and milliseconds per
report (median of the N reads).

A PDF is parsed in a child process with memory and time limits, so its figure includes
starting that process; the in-process row shows the parsing alone, for comparison.
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import govdisclosure as g
from govdisclosure.reading import Reading, read_bytes
from govdisclosure.reading._pdf import extract
from govdisclosure.reading.assemble import assemble
from govdisclosure.render import render

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "example-2024.yaml"


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {0})
            return "pinned to CPU 0"
        except OSError:
            pass
    return "not pinned (no sched_setaffinity here)"


def to_pdf(docx: bytes) -> bytes | None:
    """The docx printed by LibreOffice headless, or None where it is not installed."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "report.docx"
        source.write_bytes(docx)
        profile = (Path(tmp) / "profile").as_uri()
        convert = ["--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)]
        subprocess.run(
            [program, f"-env:UserInstallation={profile}", *convert],
            check=True,
            capture_output=True,
            timeout=300,
        )
        return (Path(tmp) / "report.pdf").read_bytes()


def timed(read: Callable[[], object], n: int) -> list[float]:
    read()  # warm up: imports, caches
    times = []
    for _ in range(n):
        start = time.perf_counter()
        read()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=50, help="reads per format (default 50)")
    args = parser.parse_args()
    pinned = pin_to_one_core()

    report = g.load(EXAMPLE)
    sources = {to: render(report, to) for to in ("docx", "html", "txt", "md")}
    expected = report.table3.with_totals()
    cases: dict[str, tuple[int, Callable[[], Reading]]] = {
        to: (len(data), functools.partial(read_bytes, data, f".{to}"))
        for to, data in sources.items()
    }
    pdf = to_pdf(sources["docx"])
    if pdf is not None:
        cases["pdf"] = (len(pdf), functools.partial(read_bytes, pdf, ".pdf"))
        cases["pdf (in-process)"] = (len(pdf), lambda: assemble(extract(pdf)))
    for name, (_, read) in cases.items():
        if read().report.table3 != expected:
            sys.exit(f"{name}: the example did not read back correctly")

    print(f"Reading {EXAMPLE.name} ({report.meta.year}, format {report.meta.version}); {pinned}")
    print(f"{'format':<18}{'bytes':>9}{'reports/s':>12}{'ms/report':>12}")
    for name, (size, read) in cases.items():
        n = args.n if not name.startswith("pdf") else max(5, args.n // 5)
        median = statistics.median(timed(read, n))
        print(f"{name:<18}{size:>9}{1 / median:>12.1f}{median * 1000:>12.2f}")
    if pdf is None:
        print("pdf: skipped (LibreOffice is not installed)")


if __name__ == "__main__":
    main()
