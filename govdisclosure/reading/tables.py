"""Reading a statistical table out of a run of items, guided by the format declaration.

Published tables are printed in every way: cells joined by a crawler into one line of text,
merged cells repeated or left blank, labels renumbered, wrapped, misspelt or moved by a PDF
extraction, headers of the other format version, an extra 小计 column, provincial extra rows,
table 四 as three small tables. So a table is not matched cell by cell:

1. its items become *segments*: the label text printed before a group of values, and the
   values (a cell each, or runs of digits from text that lost its cell boundaries);
2. the declared rows are aligned with the segments over the whole table, in declared order
   (:mod:`.labels` scores each pair), a row left over found out of order when its label is
   unmistakable;
3. each row's values are placed in its cells by :mod:`.placing`, which splits runs and drops
   stray empty cells only where the declared sums leave one reading.

What cannot be read for certain is left unread (``Table.unread``) with a finding; never
guessed, never counted as 0.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from attrs import frozen

from ..cells import CellValueError, parse_cell
from ..findings import Finding, Severity
from ..formats import FORMATS, FormatSpec, TableSpec
from ..formats.declaration import Balance, CellKey, Kind, Label, Sum
from ..model import Stated, Table
from ..rules import RULES, RuleId
from .items import Item, is_value, ungrouped
from .labels import canon, score, similarity
from .placing import Row, Token, parsed, place, readings

SUBTOTAL = "小计"
NOT_FOUND = "未能读到此行（标签无法识别，或报告中缺少此行），涉及此行的勾稽关系不作核对"
MATCH = 0.35
"""The lowest label score at which a segment is taken for a row."""
SURE = 0.9
"""A label this sure is taken for its row even out of declared order."""


def _warning(path: str, location: str, message: str) -> Finding:
    return RULES[RuleId.READ].warning(path, location, message)


def _error(path: str, location: str, message: str) -> Finding:
    return RULES[RuleId.READ].finding(path, location, message)


# --- segments ---------------------------------------------------------------------------


@frozen
class Segment:
    """The label text printed before a group of values, and the values."""

    label: str
    """Canonical (:func:`.labels.canon`): every label item since the last value, joined."""
    shown: str
    """As printed, for messages."""
    values: tuple[Token, ...]
    cells: bool
    """The label came from table cells (not from running text)."""


# A number in running text; not one inside a label (“（1）”, “2024年”, “第3项”).
_NUMBER = re.compile(
    # A sign right after a number starts the next (a 2019 本年增/减 cell: “12-40”).
    r"(?P<n>(?:(?<=\d)[-−]|(?<![\d.(])[-−]?)(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?)"
    r"(?P<unit>万元|元)?"
    r"(?![\d年月日条件项号%)])"
    # Placeholders: a slash anywhere but in the label 本年增/减; a dash between numbers or
    # spaces; a hyphen standing alone (before a digit it is a sign).
    r"|(?P<slash>(?<!增)[/／](?!减))|(?<![^\s\d])(?P<dash>[—–])(?![^\s\d])|(?<!\S)-(?!\S)"
)
_ENUMERATION_AFTER = re.compile(r"[.,、．，]\D")


def _text_parts(text: str) -> list[tuple[str, bool]]:
    """Running text cut into label texts and values: (text, is_value)."""
    t = unicodedata.normalize("NFKC", text)
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in _NUMBER.finditer(t):
        start, end = m.start(), m.end()
        value = m.group()
        if m["n"] and not m["unit"] and _ENUMERATION_AFTER.match(t, end):
            # “000000 02.其他…”: the last digit is the next label's enumeration.
            if len(m["n"]) == 1 or "." in m["n"]:
                continue
            value, end = value[:-1], end - 1
        if t[pos:start].strip():
            out.append((t[pos:start], False))
        out.append((value, True))
        pos = end
    if t[pos:].strip():
        out.append((t[pos:], False))
    return out


def segments(items: Sequence[Item]) -> list[Segment]:
    """The items as segments, in order."""
    out: list[Segment] = []
    label: list[str] = []
    cells = True
    values: list[Token] = []

    def close() -> None:
        nonlocal cells
        text = "".join(label)
        out.append(Segment(canon(text), text.strip(), tuple(values), cells))
        label.clear()
        values.clear()
        cells = True

    for item in items:
        parts = [(item.text, is_value(item.text))] if item.cell else _text_parts(item.text)
        for text, value in parts:
            if value:
                grouped = "," in text
                text = ungrouped(text)
                digits = text.lstrip("-−").split(".")[0].strip()
                run = (
                    (not item.cell or item.joined)
                    and not grouped
                    and len(digits) > 1
                    and digits.isdigit()
                )
                values.append(Token(text.strip(), run=run))
            else:
                if values:
                    close()
                label.append(text)
                cells = cells and item.cell
    if label or values:
        close()
    return out


# --- the table ---------------------------------------------------------------------------


@frozen
class _Layout:
    """The columns a printed row has: this format's, or the other version's (a header mix)."""

    spec: TableSpec
    foreign: bool


def read_table(spec: TableSpec, items: Sequence[Item]) -> tuple[Table, list[Finding]]:
    """The table ``spec`` as printed in ``items`` (the items of its section), with a finding
    for every row or value that could not be read."""
    segs = segments(items)
    findings: list[Finding] = []
    labelled = [r for r in spec.row_keys if _row_labels(spec, r)]
    matched = _align(spec, labelled, segs)
    other = _other(spec)
    subtotal = _subtotal_position(spec, segs)
    if subtotal is not None:
        findings.append(
            _warning(spec.key, spec.name, f"表中多出“{SUBTOTAL}”列（格式中没有），已略去")
        )

    rows: list[Row] = []
    dropped: list[str] = []
    unprinted: set[CellKey] = set()
    layouts = _layouts(spec, other, segs)
    for row in labelled:
        at = matched.get(row)
        if at is None:
            continue
        layout = (
            layouts[at] if other is not None and row in other.row_keys else _Layout(spec, False)
        )
        built = _row(layout.spec, row, segs[at].values, subtotal)
        if built is None:
            findings.append(
                _warning(
                    f"{spec.key}.{row}",
                    spec.row_location(row),
                    f"数值“{_shown(segs[at].values)}”无法对应到本行的"
                    f"{len(layout.spec.columns_of(row))}个单元格，未读取",
                )
            )
            continue
        if layout.foreign:
            built, lost = _mapped(spec, built)
            dropped += lost
            # This version's cells the other version's columns do not have were not printed:
            # missing from the report, not unread.
            unprinted.update((row, c) for c in spec.columns_of(row) if (row, c) not in built.cells)
        rows.append(built)
    free = [r for r in spec.row_keys if not _row_labels(spec, r)]
    if free:
        rows += _unlabelled(spec, free, segs, findings)

    rules: list[Sum | Balance] = [*spec.sums, *spec.balances]
    certain, unsure = place(rows, rules)
    stated: dict[CellKey, Stated] = dict(certain)
    unread: set[CellKey] = set(unsure)
    for placed in rows:
        cells = [k for k in placed.cells if k in unsure]
        if cells:
            findings.append(_unsure(spec, placed, cells, unsure))
    read_rows = {k[0] for k in (*stated, *unread)}
    deviation = _deviations(spec, other, segs, matched, labelled)
    quiet = {*deviation.replaced, *matched, *free}  # each already has its finding
    for row in spec.row_keys:
        if row in read_rows:
            continue
        unread.update((row, c) for c in spec.columns_of(row) if (row, c) not in unprinted)
        if row not in quiet:
            findings.append(_warning(f"{spec.key}.{row}", spec.row_location(row), NOT_FOUND))
    findings += deviation.findings
    used_foreign = any(layouts[j].foreign for j in matched.values())
    findings += _header_findings(spec, other, segs, matched, used_foreign, dropped)
    if not stated:
        # Nothing of the table could be read: one finding for the table, not one per row.
        findings = [f for f in findings if f.severity is Severity.ERROR]
        findings.append(_error(spec.key, spec.name, f"未能读出{spec.name}的任何数据"))
    return Table(spec, stated, unread - set(stated)), findings


def _row_labels(spec: TableSpec, row: str) -> tuple[str, ...]:
    return spec.fields[row, spec.columns_of(row)[0]].row_labels


_LABELS: dict[tuple[int, str], tuple[str, ...]] = {}


def _labels(spec: TableSpec, row: str) -> tuple[str, ...]:
    """A row's own label and its declared variants, canonical; kept per declaration (which
    lives as long as the module)."""
    key = (id(spec), row)
    if key not in _LABELS:
        _LABELS[key] = tuple(canon(w) for w in spec.wordings(_row_labels(spec, row)[-1]))
    return _LABELS[key]


def _label(spec: TableSpec, row: str) -> str:
    return _labels(spec, row)[0]


@functools.lru_cache(maxsize=16384)  # every report prints the same labels: scored once each
def _score(printed: str, labels: tuple[str, ...]) -> float:
    return max(score(printed, label) for label in labels)


def _align(spec: TableSpec, rows: Sequence[str], segs: Sequence[Segment]) -> dict[str, int]:
    """Declared rows to segments: the best order-keeping alignment, then rows left over
    matched out of order where their label is unmistakable."""
    labels = [_labels(spec, r) for r in rows]
    scores = [[_score(s.label, alternatives) for s in segs] for alternatives in labels]
    m, k = len(rows), len(segs)
    best = [[0.0] * (k + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        for j in range(k - 1, -1, -1):
            take = scores[i][j] + best[i + 1][j + 1] if scores[i][j] >= MATCH else 0.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    matched: dict[str, int] = {}
    i = j = 0
    while i < m and j < k:
        s = scores[i][j]
        if s >= MATCH and best[i][j] == s + best[i + 1][j + 1]:
            matched[rows[i]] = j
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    used = set(matched.values())
    for i, row in enumerate(rows):
        if row in matched:
            continue
        # A typo: looked for only between the segments of the rows around it.
        lo = max((matched[r] for r in rows[:i] if r in matched), default=-1) + 1
        hi = min((matched[r] for r in rows[i + 1 :] if r in matched), default=k)
        near = [
            (max(similarity(segs[j].label, a) for a in labels[i]), j)
            for j in range(lo, hi)
            if j not in used
        ]
        near = [(s, j) for s, j in near if s >= MATCH]
        if near:
            top = max(near)
            if [s for s, _ in near].count(top[0]) == 1:
                matched[row] = top[1]
                used.add(top[1])
    for i, row in enumerate(rows):
        if row in matched:
            continue
        sure = [j for j in range(k) if j not in used and scores[i][j] >= SURE]
        if len(sure) == 1:
            matched[row] = sure[0]
            used.add(sure[0])
    return matched


def _row(spec: TableSpec, row: str, values: Sequence[Token], subtotal: int | None) -> Row | None:
    cols = spec.columns_of(row)
    tokens = list(values)
    if subtotal is not None and len(cols) > 1 and len(tokens) == len(cols) + 1:
        del tokens[subtotal]
    return _options(spec, tuple((row, c) for c in cols), tokens)


def _options(spec: TableSpec, cells: tuple[CellKey, ...], tokens: Sequence[Token]) -> Row | None:
    if not tokens:
        return None
    found = readings(tokens, len(cells))
    if not found:
        return None
    kinds = tuple(spec.fields[c].kind for c in cells)
    options = tuple(o for r in found if (o := parsed(cells, kinds, r)) is not None)
    if not options:
        # Not a value of its kind (a count written 1.5): read as printed, for H5 to report.
        if len(found) == 1:
            loose = {c: _loose(t, k) for c, k, t in zip(cells, kinds, found[0], strict=True)}
            if all(v is not None for v in loose.values()):
                return Row(
                    cells,
                    kinds,
                    _shown(tokens),
                    ({c: v for c, v in loose.items() if v is not None},),
                )
        return None
    return Row(cells, kinds, _shown(tokens), options)


def _loose(text: str, kind: Kind) -> Stated | None:
    for k in (kind, Kind.DELTA, Kind.WANYUAN):
        try:
            return parse_cell(text, k)
        except CellValueError:
            continue
    return None


def _shown(tokens: Sequence[Token]) -> str:
    return " ".join(t.text or "（空）" for t in tokens)


def _unsure(
    spec: TableSpec, row: Row, cells: list[CellKey], unsure: dict[CellKey, tuple[Stated, ...]]
) -> Finding:
    label = {c: spec.column_label(c[1], c[0]) for c in cells}
    names = "、".join(f"“{label[c]}”" for c in cells)
    alternatives = "；".join(
        f"{label[c]}可能为 {' / '.join(map(str, unsure[c][:6]))}" for c in cells
    )
    first = cells[0]
    return _warning(
        f"{spec.key}.{first[0]}",
        spec.row_location(first[0]),
        f"数值“{row.printed}”的拆分不唯一，{names}未读取（{alternatives}）",
    )


# --- rows without a label of their own: table 四 --------------------------------------


def _unlabelled(
    spec: TableSpec, rows: Sequence[str], segs: Sequence[Segment], findings: list[Finding]
) -> list[Row]:
    """Rows that the official grid prints side by side under column groups (table 四): read
    as one printed row; failing that, as one small captioned table per group."""
    cells = tuple((r, c) for r in rows for c in spec.columns_of(r))
    for seg in segs:
        if any(not t.blank for t in seg.values):
            whole = _options(spec, cells, seg.values)
            if whole is not None:
                return [whole]
            break
    out: list[Row] = []
    captions = {r: canon(spec.fields[r, spec.columns_of(r)[0]].col_labels[-2]) for r in rows}
    for r in rows:
        own = [
            s
            for s in segs
            if s.values
            and captions[r] in s.label
            and not any(captions[o] in s.label for o in rows if o != r)
        ]
        row = (
            _options(spec, tuple((r, c) for c in spec.columns_of(r)), own[0].values)
            if len(own) == 1
            else None
        )
        if row is None:
            findings.append(_warning(f"{spec.key}.{r}", spec.row_location(r), NOT_FOUND))
        else:
            out.append(row)
    return out


# --- format deviations ------------------------------------------------------------------


def _other(spec: TableSpec) -> TableSpec | None:
    """The same table of the other format version."""
    for fmt in FORMATS.values():
        table = fmt.table(spec.key)
        if table is not spec:
            return table
    return None


_HEADERS: dict[int, frozenset[str]] = {}


def _header_set(spec: TableSpec) -> frozenset[str]:
    """The table's header labels, canonical; kept per declaration, like :func:`_labels`."""
    if id(spec) not in _HEADERS:
        _HEADERS[id(spec)] = frozenset(canon(h) for h in header_labels(spec))
    return _HEADERS[id(spec)]


def _layouts(
    spec: TableSpec, other: TableSpec | None, segs: Sequence[Segment]
) -> dict[int, _Layout]:
    """For each segment, the layout of the header printed last before its values: a header
    printed only by the other format version switches a block to that version's columns."""
    own = _header_set(spec)
    foreign = _header_set(other) - own if other is not None else set()
    own_only = own - (_header_set(other) if other is not None else set())
    current = _Layout(spec, False)
    out: dict[int, _Layout] = {}
    for j, seg in enumerate(segs):
        last_foreign = _last(seg.label, foreign, own)
        last_own = _last(seg.label, own_only, foreign)
        if other is not None and last_foreign > last_own:
            current = _Layout(other, True)
        elif last_own > last_foreign:
            current = _Layout(spec, False)
        out[j] = current
    return out


def _last(text: str, labels: AbstractSet[str], others: AbstractSet[str]) -> int:
    """Where the last of ``labels`` stands in ``text``, not counting one that is part of a
    longer label of ``others`` (2019 “处理决定数量” inside 2021 “本年处理决定数量”)."""
    for longer in sorted(others, key=len, reverse=True):
        if any(h in longer and h != longer for h in labels):
            text = text.replace(longer, "\0" * len(longer))
    return max((text.rfind(h) for h in labels), default=-1)


def _mapped(spec: TableSpec, row: Row) -> tuple[Row, list[str]]:
    """A row read in the other version's columns, moved into this version's: by the same
    column key, else by the same grid column; what has no place is named in ``lost``."""
    key = row.cells[0][0]
    own = spec.columns_of(key)
    own_fields = {c: spec.fields[key, c] for c in own}
    other_spec = _other(spec)
    assert other_spec is not None
    target: dict[CellKey, CellKey] = {}
    lost: list[str] = []
    for cell in row.cells:
        col = cell[1]
        if col in own_fields:
            target[cell] = (key, col)
            continue
        position = other_spec.fields[cell].col
        same = [c for c, f in own_fields.items() if f.col == position] if len(own) > 1 else []
        if len(same) == 1:
            target[cell] = (key, same[0])
        else:
            lost.append(f"{spec.row_label(key)}“{other_spec.column_label(col, cell[0])}”")
    cells = tuple(target.values())
    kinds = tuple(spec.fields[c].kind for c in cells)
    options = tuple({target[c]: v for c, v in o.items() if c in target} for o in row.options)
    return Row(cells, kinds, row.printed, options), lost


def _format_of(table: TableSpec) -> FormatSpec:
    return next(f for f in FORMATS.values() if table in f.tables)


@frozen
class _Deviations:
    findings: list[Finding]
    replaced: list[str]


def _deviations(
    spec: TableSpec,
    other: TableSpec | None,
    segs: Sequence[Segment],
    matched: dict[str, int],
    labelled: Sequence[str],
) -> _Deviations:
    """Rows of the other format version printed in this table (a 2021 report with the 2019
    single （六）其他处理 row): one finding each, naming the rows of this version it stands
    for, which are left unread."""
    if other is None:
        return _Deviations([], [])
    own_labels = {_label(spec, r) for r in labelled}
    used = set(matched.values())
    findings: list[Finding] = []
    replaced: list[str] = []
    for j, seg in enumerate(segs):
        if j in used or not seg.values:
            continue
        theirs = [
            r
            for r in other.row_keys
            if _row_labels(other, r)
            and _label(other, r) not in own_labels
            and score(seg.label, _label(other, r)) >= SURE
        ]
        if not theirs:
            continue
        before = [r for r in labelled if matched.get(r, len(segs)) < j]
        after = [r for r in labelled if j < matched.get(r, -1)]
        lo = labelled.index(before[-1]) + 1 if before else 0
        hi = labelled.index(after[0]) if after else len(labelled)
        stands_for = [r for r in labelled[lo:hi] if r not in matched]
        replaced += stands_for
        fmt = _format_of(other)
        instead = "、".join(f"“{spec.row_label(r)}”" for r in stands_for)
        consequence = f"本格式的{instead}未印出，无法核对" if instead else "本格式没有此行，已略去"
        findings.append(
            RULES[RuleId.LAYOUT].finding(
                spec.key,
                spec.name,
                f"表中印有{fmt.document}格式的一行“{other.row_label(theirs[0])}”"
                f"（{_shown([t for t in seg.values if not t.blank])}），与本表所用格式不符；"
                + consequence,
            )
        )
    return _Deviations(findings, replaced)


# --- headers -----------------------------------------------------------------------------


def header_labels(spec: TableSpec) -> list[str]:
    """The labels of the header rows and sub-table captions: everything but row labels."""
    data_rows = {f.row for f in spec.fields.values()}
    return [
        p.cell.text
        for p in spec.placed
        if isinstance(p.cell, Label) and (p.row not in data_rows or p.cell.colspan == spec.width)
    ]


def _subtotal_position(spec: TableSpec, segs: Sequence[Segment]) -> int | None:
    """Where an extra 小计 column stands among the value columns, if the table has one."""
    text = "".join(s.label for s in segs)
    at = text.find(SUBTOTAL)
    if at < 0 or not spec.row_keys:
        return None
    row = spec.row_keys[0]
    # The total column is left out of the count: its header spans the header rows, so it
    # is read before a 小计 that stands in the last header row, though it stands after it.
    leaves = [
        canon(spec.fields[row, c].col_labels[-1])
        for c in spec.columns_of(row)
        if (row, c) not in spec.derived
    ]
    return sum(1 for leaf in leaves if leaf in text[:at])


def _header_findings(
    spec: TableSpec,
    other: TableSpec | None,
    segs: Sequence[Segment],
    matched: dict[str, int],
    used_foreign: bool,
    dropped: Sequence[str],
) -> list[Finding]:
    """Official header labels that are missing or the other version's (one finding for the
    table), and table cells the format does not have."""
    findings: list[Finding] = []
    text = "".join(s.label for s in segs)
    foreign = sorted(
        {h for h in header_labels(other)} - set(header_labels(spec)) if other else set(),
        key=lambda h: text.find(canon(h)),
    )
    own = {canon(h) for h in header_labels(spec)}
    printed_foreign = [h for h in foreign if _last(text, {canon(h)}, own) >= 0]
    if printed_foreign and other is not None:
        names = "、".join(f"“{h}”" for h in printed_foreign)
        how = "，已按位置读取" if used_foreign else ""
        lost = f"；以下数值在本格式中没有对应单元格：{'、'.join(dropped)}" if dropped else ""
        findings.append(
            _warning(
                spec.key,
                spec.name,
                f"表头{names}是{_format_of(other).document}格式的，与本表所用格式不符{how}{lost}",
            )
        )
    if not printed_foreign:
        for label in dict.fromkeys(header_labels(spec)):
            if canon(label) not in text:
                findings.append(
                    _warning(spec.key, spec.name, f"未找到表头“{label}”（表头与格式不符）")
                )
    known = {canon(p.cell.text) for p in spec.placed if isinstance(p.cell, Label)}
    if other is not None:
        known |= {canon(p.cell.text) for p in other.placed if isinstance(p.cell, Label)}
    used = set(matched.values())
    for j, seg in enumerate(segs):
        if j in used or not seg.cells or not seg.label or not any(not t.blank for t in seg.values):
            continue
        if any(seg.label.endswith(k) for k in known):
            continue
        findings.append(_warning(spec.key, spec.name, f"表中有格式之外的内容“{seg.shown}”"))
    return findings
