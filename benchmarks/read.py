"""Reading speed: published reports read back into the model, per source format, before and after.

    python benchmarks/read.py [--rounds N] [--before REV] [--no-before]

The 2021-format example is rendered once per format (and printed to PDF by LibreOffice, where
``soffice`` is installed), and read with ``read_bytes`` from memory, along with the real PDF
``../shared/realworld/hongze-2024.pdf`` where it is there; each PDF also without its child
process (``extract`` and ``assemble`` in the process: the parsing alone).

Two worker processes do the reading: one runs this checkout, the other the code as it was at
``--before`` (by default main as the work on issue 15 was merged with it), unpacked from git
into a temporary directory that is removed at the end. They are driven in interleaved rounds
(see ``interleave.py``: CPU time, of each worker and of the PDF child processes it waits
for; fastest of three passes; nothing pinned), so that the two are measured side by side in
the same run. Printed: ms per report and reports per second for each format, ms per page for
the PDFs, and the speed-up over before with its spread. Targets: PDF ≥ 4×, docx ≥ 1.5×, and
docx, HTML and text ≥ 100 reports per second.

Nothing is left behind: the PDFs are printed in a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path

from hermetic import own_cache
from interleave import Contender, interleave, quartiles, report

import govdisclosure as g
from govdisclosure.rendering import render

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "example-2024.yaml"
REAL_PDF = ROOT.parent / "shared" / "realworld" / "hongze-2024.pdf"
BEFORE = "5e4dcaf"
"""main as the performance work of issue 15 was merged with it (it started from e9fbc70)."""
TARGETS = {"pdf": 1 / 4, "hongze pdf": 1 / 4, "docx": 1 / 1.5}
"""Time over before's, at most (issue 15): PDF 4× faster, docx 1.5×."""


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


def pages(pdf: bytes) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


# The worker: reads the cases (name → suffix, bytes, how) from stdin once, then answers
# one JSON line per command: the table 三 a case reads as, or the CPU time of n reads.
_WORKER = """
import json, pickle, resource, sys, time
cases = pickle.load(sys.stdin.buffer)
from govdisclosure.reading import read_bytes
from govdisclosure.reading._pdf import extract
from govdisclosure.reading.assemble import assemble

def cpu():
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime

def run(name):
    suffix, data, how = cases[name]
    if how == "in-process":
        return assemble(extract(data))
    return read_bytes(data, suffix)

for line in sys.stdin:
    command = json.loads(line)
    if command["op"] == "check":
        table = run(command["case"]).report.table3
        answer = sorted((f"{r}/{c}", str(table.value((r, c)))) for r, c in table)
    else:
        start = cpu()
        for _ in range(command["n"]):
            run(command["case"])
        answer = cpu() - start
    print(json.dumps(answer), flush=True)
"""


class Worker:
    """A process reading with the code of one tree."""

    def __init__(self, tree: Path, cases: dict[str, tuple[str, bytes, str]]) -> None:
        env = {**os.environ, "PYTHONPATH": str(tree)}
        self.process = subprocess.Popen(
            [sys.executable, "-c", _WORKER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            cwd=tree,
        )
        assert self.process.stdin is not None
        pickle.dump(cases, self.process.stdin)
        self.process.stdin.flush()

    def ask(self, command: dict[str, object]) -> object:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write((json.dumps(command) + "\n").encode())
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("a reading worker died")
        return json.loads(line)

    def timer(self, case: str) -> Callable[[int], float]:
        return lambda n: float(str(self.ask({"op": "time", "case": case, "n": n})))

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)


def unpack(rev: str, into: Path) -> bool:
    """The package and templates as they were at ``rev``, written into ``into``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "govdisclosure", "templates"],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        return False
    with tempfile.TemporaryFile() as fh:
        fh.write(archive.stdout)
        fh.seek(0)
        with tarfile.open(fileobj=fh) as tar:
            tar.extractall(into, filter="data")
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15, help="rounds (default 15)")
    parser.add_argument("--before", default=BEFORE, help=f"the code to compare (default {BEFORE})")
    parser.add_argument("--no-before", action="store_true", help="this checkout only")
    parser.add_argument(
        "--only", default="", help="only the cases whose name holds one of these (comma-separated)"
    )
    args = parser.parse_args()

    report_ = g.load(EXAMPLE)
    cases: dict[str, tuple[str, bytes, str]] = {
        to: (f".{to}", render(report_, to), "read") for to in ("docx", "html", "txt", "md")
    }
    pdf_pages: dict[str, int] = {}
    made = to_pdf(cases["docx"][1])
    pdfs = {"pdf": made} if made is not None else {}
    if REAL_PDF.is_file():
        pdfs["hongze pdf"] = REAL_PDF.read_bytes()
    for name, data in pdfs.items():
        cases[name] = (".pdf", data, "read")
        cases[f"{name} in-process"] = (".pdf", data, "in-process")
        pdf_pages[name] = pdf_pages[f"{name} in-process"] = pages(data)

    wanted = [w for w in args.only.split(",") if w] or [""]
    cases = {name: case for name, case in cases.items() if any(w in name for w in wanted)}
    if not cases:
        parser.error(f"--only {args.only}: no case matches")
    with tempfile.TemporaryDirectory(prefix="govdisclosure-read-") as tmp:
        trees = {"after": ROOT}
        if not args.no_before:
            if unpack(args.before, Path(tmp)):
                trees["before"] = Path(tmp)
            else:
                print(f"(no before: git cannot give {args.before}; --before REV or --no-before)")
        workers = {side: Worker(tree, cases) for side, tree in trees.items()}
        try:
            table = report_.table3
            expected = sorted([f"{r}/{c}", str(table.value((r, c)))] for r, c in table)
            for side, worker in workers.items():
                for case in cases:
                    if case.startswith("hongze"):
                        continue  # its truth is checked by benchmarks/accuracy.py
                    if worker.ask({"op": "check", "case": case}) != expected:
                        sys.exit(f"{side}: {case} did not read back as the example")
            contenders: list[Contender] = []
            compared = "before" in workers
            for case in cases:
                for side in ("before", "after"):
                    if side not in workers:
                        continue
                    after = side == "after" and compared
                    contenders.append(
                        Contender(
                            f"{case} {side}",
                            timed=workers[side].timer(case),
                            baseline=f"{case} before" if after else None,
                            target=TARGETS.get(case) if after else None,
                            speedup=after,
                        )
                    )
            interleave(contenders, args.rounds, at_least=0.03)
        finally:
            for worker in workers.values():
                worker.close()

    print(
        f"Reading {EXAMPLE.name} ({report_.meta.year}, format {report_.meta.version}) rendered "
        f"to each format, and {REAL_PDF.name}: ms per report, {args.rounds} interleaved rounds"
    )
    met = report(contenders)
    print()
    print(f"{'':<26}{'reports/s':>10}{'ms/page':>9}")
    for c in contenders:
        _, median, _ = quartiles(c.times)
        case = c.name.rsplit(" ", 1)[0]
        per_page = f"{median * 1000 / pdf_pages[case]:9.2f}" if case in pdf_pages else ""
        line = f"{c.name:<26}{1 / median:>10.1f}{per_page}"
        if c.name.split(" ")[0] in ("docx", "html", "txt") and c.name.endswith("after"):
            ok = 1 / median >= 100
            met &= ok
            line += f"   target ≥ 100/s: {'ok' if ok else 'MISSED'}"
        print(line)
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    with own_cache():
        main()
