"""Reading accuracy: every shared real report and a generated corpus of variants, read and
compared with their truth cell by cell (issue 11).

    python benchmarks/accuracy.py [-v] [--seed N] [--repeats N] [--only TEXT] [--keep DIR]
                                  [--no-pdf] [--realworld DIR]

The real reports are the files in ``../shared/realworld`` beside the checkout, each paired with
the truth file of its stem. The corpus (``tests/fixtures_reading/variants.py``) is generated
into a temporary directory that is removed afterwards (``--keep DIR`` writes it there instead
and keeps it); its PDFs are printed from docx by LibreOffice in one run, where ``soffice`` is
installed. Printed: a table per file class and per source format (cells right / wrong /
unread / extra, ambiguous cells, agency / year / format / date read right, false errors,
defects found), then one line per real report, and with ``-v`` one line per generated file.
The counting is ``tests/fixtures_reading/accuracy.py``, which the tests assert on.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from hermetic import own_cache

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the corpus and the counting live with the tests

from fixtures_reading.accuracy import (  # noqa: E402
    REALWORLD,
    Case,
    Result,
    case_of,
    details,
    measure,
    realworld_cases,
    summary,
)
from fixtures_reading.variants import corpus, write_corpus  # noqa: E402

SHARED = ROOT.parent / "shared" / "realworld"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="a line per generated file")
    parser.add_argument("--seed", type=int, default=11, help="corpus seed (default 11)")
    parser.add_argument("--repeats", type=int, default=2, help="rounds of recipes (default 2)")
    parser.add_argument("--only", default="", help="only files whose name contains this")
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    parser.add_argument("--no-pdf", action="store_true", help="leave out the PDF variants")
    parser.add_argument("--realworld", type=Path, default=SHARED, help="the shared reports")
    args = parser.parse_args()

    soffice = None if args.no_pdf else shutil.which("soffice") or shutil.which("libreoffice")
    start = time.perf_counter()
    variants = [v for v in corpus(args.seed, args.repeats) if args.only in v.name]
    generated = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="govdisclosure-accuracy-") as tmp:
        directory = args.keep or Path(tmp)
        directory.mkdir(parents=True, exist_ok=True)
        written = write_corpus(variants, directory, soffice)
        printed = time.perf_counter()
        cases: list[Case] = [case_of(v, path) for v, path in written]
        if args.realworld.is_dir():
            cases = [c for c in realworld_cases(args.realworld) if args.only in c.name] + cases
        results = [measure(c) for c in cases]
    done = time.perf_counter()

    real = [r for r in results if r.case.klass == REALWORLD]
    made = [r for r in results if r.case.klass != REALWORLD]
    pdfs = sum(v.source == "pdf" for v in variants)
    print(
        f"{len(variants)} variants generated in {generated - start:.1f} s; "
        + (
            f"{pdfs} PDFs printed by LibreOffice in {printed - generated:.1f} s; "
            if soffice
            else f"{pdfs} PDF variants left out ({'--no-pdf' if args.no_pdf else 'no soffice'}); "
        )
        + f"{len(results)} files read and checked in {done - printed:.1f} s"
    )
    if not args.realworld.is_dir():
        print(f"(no shared real reports: {args.realworld} is not a directory)")
    for by in ("klass", "source"):
        print()
        print("\n".join(summary(results, by)))
    if real:
        print()
        print(f"shared real reports ({args.realworld})")
        print("\n".join(line for r in real for line in details(r)))
    if args.verbose and made:
        print()
        print("generated variants")
        print("\n".join(line for r in made for line in details(r)))
    _verdict(real, made)


def _verdict(real: list[Result], made: list[Result]) -> None:
    """The bar of issue 11, one line each."""
    wrong = sum(len(r.wrong) + len(r.ambiguous_wrong) for r in [*real, *made])
    cells = sum(r.cells for r in made)
    share = sum(r.correct for r in made) / cells if cells else 1.0
    real_right = all(not r.wrong and not r.unread and not r.ambiguous_wrong for r in real)
    titles = all(all(r.meta_right[k] for k in ("agency", "year", "format")) for r in real)
    false = sum(bool(r.false_errors) for r in [*real, *made])
    missed = sum(len(r.missed_defects) for r in real)
    print()
    print("issue 11:")
    print(f"  no wrong cell anywhere (ambiguous ones included): {_mark(wrong == 0)} ({wrong})")
    print(f"  ≥ 99 % of the corpus's cells read: {_mark(share >= 0.99)} ({100 * share:.1f} %)")
    print(f"  every cell of the real reports read right: {_mark(real_right)}")
    print(f"  title, agency and year of the real reports: {_mark(titles)}")
    print(f"  no false error: {_mark(false == 0)} ({false} files with one)")
    print(f"  every defect of the real reports found: {_mark(missed == 0)} ({missed} missed)")


def _mark(ok: bool) -> str:
    return "yes" if ok else "NO"


if __name__ == "__main__":
    with own_cache():
        main()
