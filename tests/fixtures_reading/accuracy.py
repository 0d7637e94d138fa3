"""Reading accuracy: a published file read by ``govdisclosure.reading.read`` against its truth,
cell by cell, with the title fields and the findings ``check`` would print.

Shared by ``tests/test_reading_accuracy.py`` (which asserts on it) and
``benchmarks/accuracy.py`` (which prints it), so that both count the same way:

- a truth cell is **correct** when read with the same value (a blank stays a blank: ``Blank("/")``
  is not ``0``), **wrong** when read with another value, **unread** when the reading has no
  value for it (absent, or anything that is not a stated value: a marker for a cell the reader
  could not be sure of);
- an **extra** cell is one read that the truth does not have (a row the file does not print);
- an **ambiguous** cell (one the file does not determine) is counted apart: unread is the right
  answer, and right is luck;
- a **false error** is an error finding of ``check`` (reading findings plus ``validate``) that
  no error of ``validate(truth)`` explains (on a clean report, any error); a **defect found**
  is a finding of ``validate(truth)`` that some finding of ``check`` explains (``explains``).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import govdisclosure as g
from govdisclosure.formats.declaration import CellKey
from govdisclosure.model import Blank, Money
from govdisclosure.reading import read
from govdisclosure.validation import validate

from .variants import Variant

TABLES = ("table2", "table3", "table4")
SOURCES = {".pdf": "pdf", ".html": "html", ".htm": "html", ".docx": "docx", ".txt": "txt"}
REALWORLD = "realworld"
"""The class of the shared real reports (``../shared/realworld``)."""


@dataclass(frozen=True)
class Case:
    """One file to read and what reading it should give."""

    name: str
    path: Path
    truth: g.Report
    ambiguous: frozenset[tuple[str, CellKey]]
    klass: str
    source: str
    detail: str = ""


def case_of(variant: Variant, path: Path) -> Case:
    return Case(
        variant.name,
        path,
        variant.truth,
        variant.ambiguous,
        variant.klass,
        variant.source,
        variant.detail,
    )


# --- the shared real reports ----------------------------------------------------------------


def realworld_cases(directory: Path) -> list[Case]:
    """Every published file in ``directory`` with the truth of its stem
    (``pingtan-police-2022.html`` and ``.txt`` both ↔ ``pingtan-police-2022.truth.yaml``)."""
    cases = []
    for truth_file in sorted(directory.glob("*.truth.yaml")):
        stem = truth_file.name.removesuffix(".truth.yaml")
        truth = g.load(truth_file)
        ambiguous = ambiguous_in(truth_file, truth)
        for path in sorted(directory.glob(f"{stem}.*")):
            if path.suffix.lower() in SOURCES:
                source = SOURCES[path.suffix.lower()]
                cases.append(Case(path.name, path, truth, ambiguous, REALWORLD, source))
    return cases


_KEY = re.compile(r"^(?P<indent> *)(?P<key>[A-Za-z_]\w*):")
_AMBIGUOUS = re.compile(r"#.*\bambiguous\b")


def ambiguous_in(truth_file: Path, truth: g.Report) -> frozenset[tuple[str, CellKey]]:
    """The cells whose line in the truth file carries a ``# ambiguous: …`` comment."""
    found = set()
    path: list[tuple[int, str]] = []  # (indent, key) of the mappings the line is inside
    for line in truth_file.read_text(encoding="utf-8").splitlines():
        m = _KEY.match(line)
        if m is None:
            continue
        indent = len(m["indent"])
        while path and path[-1][0] >= indent:
            path.pop()
        path.append((indent, m["key"]))
        if _AMBIGUOUS.search(line):
            keys = [k for _, k in path]
            if len(keys) != 3 or keys[0] not in TABLES:
                raise ValueError(f"{truth_file}: “ambiguous” on {'.'.join(keys)}, not a cell")
            table, row, col = keys
            if (row, col) not in truth.table(table).stated:
                raise ValueError(f"{truth_file}: ambiguous cell {table}.{row}.{col} not stated")
            found.add((table, (row, col)))
    return frozenset(found)


# --- one file -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Miss:
    """A cell read wrong or not read."""

    table: str
    key: CellKey
    want: object
    got: object = None

    def __str__(self) -> str:
        where = f"{self.table}.{'.'.join(self.key)}"
        if self.want is None:  # an extra cell: read, but not in the truth
            return f"{where}: read {_show(self.got)}"
        return f"{where}: {_show(self.want)} → {_show(self.got)}"


def _show(value: object) -> str:
    if value is None:
        return "(unread)"
    if isinstance(value, Blank):
        return f"blank “{value.text}”"
    return str(value)


@dataclass
class Result:
    """What reading one file gave, against its truth."""

    case: Case
    correct: int = 0
    wrong: list[Miss] = field(default_factory=list)
    unread: list[Miss] = field(default_factory=list)
    extra: list[Miss] = field(default_factory=list)
    ambiguous_right: int = 0
    ambiguous_wrong: list[Miss] = field(default_factory=list)
    ambiguous_unread: int = 0
    meta: dict[str, tuple[object, object]] = field(default_factory=dict)
    """Field → (truth, read) for agency, year, format and published."""
    false_errors: list[g.Finding] = field(default_factory=list)
    defects: int = 0
    missed_defects: list[g.Finding] = field(default_factory=list)
    failure: str | None = None
    """Why the file could not be read at all (``read`` raised), if it could not."""
    seconds: float = 0.0

    @property
    def cells(self) -> int:
        """The truth's cells that the file determines."""
        return self.correct + len(self.wrong) + len(self.unread)

    @property
    def meta_right(self) -> dict[str, bool]:
        return {k: want == got for k, (want, got) in self.meta.items()}


STATED = (int, Decimal, Money, Blank)


def is_stated(value: object) -> bool:
    """A value read from the file, as opposed to no value or a marker of an unsure cell.
    (``bool`` is an ``int`` but never a cell value.)"""
    return isinstance(value, STATED) and not isinstance(value, bool)


def measure(case: Case) -> Result:
    """Read ``case.path`` and compare it with the truth (``compare``)."""
    start = time.perf_counter()
    try:
        reading = read(case.path)
    except g.InputError as exc:
        return unreadable(case, exc, time.perf_counter() - start)
    # Checking is part of the cost of a file: ``check`` reads, then validates.
    findings = [*reading.findings, *validate(reading.report)]
    return compare(case, reading.report, findings, time.perf_counter() - start)


def unreadable(case: Case, exc: g.InputError, seconds: float = 0.0) -> Result:
    """A file ``read`` refused: every cell unread, the refusal's errors false errors."""
    truth_findings = validate(case.truth)
    return Result(
        case,
        unread=[Miss(t, k, v) for t, k, v in _cells(case.truth) if (t, k) not in case.ambiguous],
        ambiguous_unread=len(case.ambiguous),
        meta={k: (want, None) for k, want in _meta(case.truth).items()},
        false_errors=[f for f in exc.findings if f.is_error],
        defects=len(truth_findings),
        missed_defects=truth_findings,
        failure="; ".join(f.message for f in exc.findings),
        seconds=seconds,
    )


def compare(
    case: Case, report: g.Report, findings: Sequence[g.Finding], seconds: float = 0.0
) -> Result:
    """What was read (``report``) and what ``check`` said (``findings``: the reading's findings
    then ``validate`` of what was read, as ``jobs.check_file`` gives them) against the truth."""
    result = Result(case, seconds=seconds)
    # Cells read in another format version than the truth's are none of its cells.
    same_format = report.format.version == case.truth.format.version
    for table, key, want in _cells(case.truth):
        got = report.table(table).stated.get(key) if same_format else None
        read_ = is_stated(got)
        if (table, key) in case.ambiguous:
            if not read_:
                result.ambiguous_unread += 1
            elif got == want:
                result.ambiguous_right += 1
            else:
                result.ambiguous_wrong.append(Miss(table, key, want, got))
        elif not read_:
            result.unread.append(Miss(table, key, want))
        elif got == want:
            result.correct += 1
        else:
            result.wrong.append(Miss(table, key, want, got))
    for table in TABLES:
        want_cells = case.truth.table(table).stated
        for key, got in report.table(table).stated.items():
            if not same_format or key not in want_cells:
                result.extra.append(Miss(table, key, None, got))
    read_meta = _meta(report)
    result.meta = {k: (want, read_meta[k]) for k, want in _meta(case.truth).items()}
    truth_findings = validate(case.truth)
    truth_errors = [t for t in truth_findings if t.is_error]
    result.false_errors = [
        f for f in findings if f.is_error and not any(explains(f, t) for t in truth_errors)
    ]
    result.defects = len(truth_findings)
    result.missed_defects = [t for t in truth_findings if not any(explains(f, t) for f in findings)]
    return result


def _cells(report: g.Report) -> Iterator[tuple[str, CellKey, object]]:
    for table in TABLES:
        for key, value in report.table(table).stated.items():
            yield table, key, value


def _meta(report: g.Report) -> dict[str, object]:
    m = report.meta
    return {"agency": m.agency, "year": m.year, "format": m.version, "published": m.published}


SUM_RULES = frozenset({"H1", "H2", "H3", "H4"})
EXACT_RULES = SUM_RULES | {"READ", "MISSING"}
"""Rules whose finding reports only its own place: a sum elsewhere, a row or table missing
elsewhere or a reading failure is not the report's defect, whatever it is near."""


def explains(found: g.Finding, truth: g.Finding) -> bool:
    """Whether a finding of ``check`` reports the defect ``truth`` (a finding of
    ``validate(truth)``): the same rule at the same place, or a finding of another rule that
    covers the place (one format finding at ``table3`` for the three rows a deviating layout
    does not print, one BLANK finding for a blank row or column)."""
    if (found.rule, found.path) == (truth.rule, truth.path):
        return True
    return bool(found.path) and found.rule not in EXACT_RULES and truth.path.startswith(found.path)


# --- many files -----------------------------------------------------------------------------


@dataclass
class Tally:
    """Results added up."""

    files: int = 0
    unreadable: int = 0
    cells: int = 0
    correct: int = 0
    wrong: int = 0
    unread: int = 0
    extra: int = 0
    ambiguous: int = 0
    ambiguous_right: int = 0
    ambiguous_wrong: int = 0
    ambiguous_unread: int = 0
    meta_right: dict[str, int] = field(default_factory=dict)
    false_errors: int = 0
    files_with_false_errors: int = 0
    defects: int = 0
    defects_found: int = 0
    seconds: float = 0.0

    def add(self, r: Result) -> None:
        self.files += 1
        self.unreadable += r.failure is not None
        self.cells += r.cells
        self.correct += r.correct
        self.wrong += len(r.wrong)
        self.unread += len(r.unread)
        self.extra += len(r.extra)
        self.ambiguous += r.ambiguous_right + len(r.ambiguous_wrong) + r.ambiguous_unread
        self.ambiguous_right += r.ambiguous_right
        self.ambiguous_wrong += len(r.ambiguous_wrong)
        self.ambiguous_unread += r.ambiguous_unread
        for k, right in r.meta_right.items():
            self.meta_right[k] = self.meta_right.get(k, 0) + right
        self.false_errors += len(r.false_errors)
        self.files_with_false_errors += bool(r.false_errors)
        self.defects += r.defects
        self.defects_found += r.defects - len(r.missed_defects)
        self.seconds += r.seconds

    @property
    def read_share(self) -> float:
        """The share of determinable cells read right."""
        return self.correct / self.cells if self.cells else 1.0


def tally(results: Iterable[Result]) -> Tally:
    out = Tally()
    for r in results:
        out.add(r)
    return out


META = ("agency", "year", "format", "published")
HEADER = (
    f"{'':<22}{'files':>6}{'cells':>7}{'right':>7}{'%':>7}{'wrong':>6}{'unread':>7}{'extra':>6}"
    f" │{'ambig':>6}{'right':>6}{'wrong':>6}{'unread':>7}"
    f" │{'agency':>7}{'year':>5}{'fmt':>5}{'date':>5}"
    f" │{'false errors':>14}{'defects':>11} │{'ms/file':>8}"
)


def row(name: str, t: Tally) -> str:
    widths = (7, 5, 5, 5)
    meta = "".join(f"{t.meta_right.get(k, 0):>{w}}" for k, w in zip(META, widths, strict=True))
    false = f"{t.false_errors} in {t.files_with_false_errors}"
    defects = f"{t.defects_found}/{t.defects}"
    ms = 1000 * t.seconds / t.files if t.files else 0.0
    return (
        f"{name:<22}{t.files:>6}{t.cells:>7}{t.correct:>7}{100 * t.read_share:>7.1f}"
        f"{t.wrong:>6}{t.unread:>7}{t.extra:>6}"
        f" │{t.ambiguous:>6}{t.ambiguous_right:>6}{t.ambiguous_wrong:>6}{t.ambiguous_unread:>7}"
        f" │{meta}"
        f" │{false:>14}{defects:>11} │{ms:>8.1f}"
    )


def summary(results: Iterable[Result], by: str) -> list[str]:
    """One line per file class (``by="klass"``) or source format (``by="source"``), and a
    line for all of them."""
    groups: dict[str, list[Result]] = {}
    everything = list(results)
    for r in everything:
        groups.setdefault(getattr(r.case, by), []).append(r)
    title = {"klass": "by class", "source": "by source format"}.get(by, by)
    lines = [f"{title:<22}" + HEADER[22:]]
    lines += [row(name, tally(rs)) for name, rs in sorted(groups.items())]
    lines.append(row("all", tally(everything)))
    return lines


def details(r: Result, limit: int = 8) -> list[str]:
    """One line for a file, then what went wrong in it (at most ``limit`` cells of each kind)."""
    meta = " ".join(
        f"{k}✓" if want == got else f"{k}✗({_show(got)})" for k, (want, got) in r.meta.items()
    )
    head = (
        f"{r.case.name} [{r.case.detail}]: {r.correct}/{r.cells} right, {len(r.wrong)} wrong, "
        f"{len(r.unread)} unread, {len(r.extra)} extra; ambiguous {r.ambiguous_right} right "
        f"{len(r.ambiguous_wrong)} wrong {r.ambiguous_unread} unread; {meta}"
    )
    out = [head]
    if r.failure:
        out.append(f"    unreadable: {r.failure}")
    for label, misses in (
        ("wrong", r.wrong),
        ("ambiguous read wrong", r.ambiguous_wrong),
        ("unread", r.unread),
        ("extra", r.extra),
    ):
        if misses:
            shown = ", ".join(map(str, misses[:limit]))
            more = f" … and {len(misses) - limit} more" if len(misses) > limit else ""
            out.append(f"    {label}: {shown}{more}")
    for f in r.false_errors[:limit]:
        out.append(f"    false error: {f.rule} {f.path} {f.message}")
    for f in r.missed_defects[:limit]:
        out.append(f"    defect not found: {f.rule} {f.path} {f.message}")
    return out
