"""Reading a statistical table out of a run of items, guided by the format declaration.

Published tables are drawn in every way: merged cells repeated or left blank, headers
renamed or broken across lines, an extra 小计 column, provincial extra rows, a table
split over two pages with its header repeated, values on the line of a label that a PDF
detached. So a table is not matched cell by cell: each declared row is found by its own
official label (its *anchor*) and its values are the value cells that follow it. Rows
without a label of their own (table 四) take the values after the last header label.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..cells import CellValueError, parse_cell
from ..findings import Finding, Severity
from ..formats import FORMATS, FormatSpec, TableSpec
from ..formats.declaration import Label
from ..model import Stated, Table
from ..render.grid import FLAT_CORNER
from .items import Item, is_value, normalize

SUBTOTAL = "小计"


def _warning(path: str, location: str, message: str) -> Finding:
    return Finding("READ", Severity.WARNING, path, location, message)


def _error(path: str, location: str, message: str) -> Finding:
    return Finding("READ", Severity.ERROR, path, location, message)


def _matches(token: str, label: str) -> bool:
    """Whether a cell's text is the row label ``label`` (both normalized).

    Accepted: the label itself; the label with its group in front (“（三）不予公开1.属于国家
    秘密”, as flat renders write it); the label with a note after it; the first part (six
    characters or more) of a label that a PDF broke over two lines, also with a fragment
    of its group's label in front (“（四）无2.没有现成信息需要另行”).
    """
    if not token:
        return False
    return (
        token == label
        or token.endswith(label)
        or (token.startswith(label) and not is_value(token[len(label) :]))
        or any(token.endswith(label[:k]) for k in range(PART, min(len(token), len(label)) + 1))
    )


PART = 6
"""The shortest first part of a broken label that is taken for the label."""
SKIPPABLE = 2
"""Label fragments a PDF may put between a row's label and its values (a wrapped label
cell centred on its row prints its middle line beside the values)."""


def header_labels(spec: TableSpec) -> list[str]:
    """The labels of the header rows and sub-table captions: everything but row labels."""
    data_rows = {f.row for f in spec.fields.values()}
    return [
        p.cell.text
        for p in spec.placed
        if isinstance(p.cell, Label) and (p.row not in data_rows or p.cell.colspan == spec.width)
    ]


def read_table(spec: TableSpec, items: Sequence[Item]) -> tuple[Table, list[Finding]]:
    """The table ``spec`` as stated in ``items`` (the items between its heading and the
    next), with a finding for every row or value that could not be read."""
    tokens = [normalize(i.text) for i in items]
    findings: list[Finding] = []
    stated: dict[tuple[str, str], Stated] = {}
    headers = [normalize(h) for h in header_labels(spec)]
    subtotal_at = _subtotal_position(spec, tokens)
    if subtotal_at is not None:
        findings.append(
            _warning(spec.key, spec.name, f"表中多出“{SUBTOTAL}”列（格式中没有），已略去")
        )
    labels = [normalize(h) for h in headers] + [_row_label(spec, r) for r in spec.row_keys]
    anchors: set[int] = set()
    pos = 0
    for row in spec.row_keys:
        cols = spec.columns_of(row)
        first = spec.fields[row, cols[0]]
        wanted = len(cols) + (1 if subtotal_at is not None and len(cols) > 1 else 0)
        values: list[tuple[int, str]] = []
        if not first.row_labels:
            # Table 四's rows have no label in the official grid: their values follow the
            # last header label. Flat renders name them by their column group instead.
            start = _after_last_header(tokens, headers, pos)
            values = _values(tokens, start, wanted)
            if len(values) < wanted:
                # Header labels broken into fragments (a PDF): the first full run of values.
                start = _full_run(tokens, pos, wanted, default=start)
                values = _values(tokens, start, wanted)
        if not values:
            label = _row_label(spec, row)
            found = next((j for j in range(pos, len(tokens)) if _matches(tokens[j], label)), None)
            if found is None:
                findings.append(_error(f"{spec.key}.{row}", spec.row_location(row), "未能读到此行"))
                continue
            anchors.add(found)
            start = found + 1
            values = _values(tokens, start, wanted)
            skipped = 0
            while not values and skipped < SKIPPABLE and _fragment(tokens, start, labels):
                start, skipped = start + 1, skipped + 1
                values = _values(tokens, start, wanted)
        if len(values) == wanted and wanted > len(cols):
            del values[subtotal_at or 0]
        pos = start + len(values)
        if len(values) < len(cols):
            findings.append(
                _error(
                    f"{spec.key}.{row}",
                    spec.row_location(row),
                    f"应有{len(cols)}个数值，只读到{len(values)}个",
                )
            )
        for col, (index, text) in zip(cols, values, strict=False):
            key = (row, col)
            try:
                stated[key] = parse_cell(items[index].text, spec.fields[key].kind)
            except CellValueError as exc:
                findings.append(
                    _error(f"{spec.key}.{row}.{col}", spec.location(key), f"{exc}（“{text}”）")
                )
    findings += _header_findings(spec, items, tokens, headers, anchors)
    return Table(spec, stated), findings


def _values(tokens: list[str], start: int, wanted: int) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    j = start
    while j < len(tokens) and len(out) < wanted and is_value(tokens[j]):
        out.append((j, tokens[j]))
        j += 1
    return out


def _row_label(spec: TableSpec, row: str) -> str:
    first = spec.fields[row, spec.columns_of(row)[0]]
    return normalize(first.row_labels[-1] if first.row_labels else spec.row_label(row))


def _fragment(tokens: list[str], j: int, labels: list[str]) -> bool:
    """Whether ``tokens[j]`` is a piece of a broken label cell, not a value nor a label of
    its own (which would be the next row's, whose values must not be taken)."""
    return (
        j < len(tokens)
        and bool(tokens[j])
        and not is_value(tokens[j])
        and not any(_matches(tokens[j], label) for label in labels)
    )


def _full_run(tokens: list[str], pos: int, wanted: int, default: int) -> int:
    """Where the first run of ``wanted`` value tokens at or after ``pos`` starts."""
    for j in range(pos, len(tokens) - wanted + 1):
        if all(is_value(t) for t in tokens[j : j + wanted]):
            return j
    return default


def _after_last_header(tokens: list[str], headers: list[str], pos: int) -> int:
    """Where the values of label-less rows start: after the last header label, at or after
    ``pos`` (table 四's single data row follows its third header row)."""
    last = pos
    for j in range(pos, len(tokens)):
        if tokens[j] and tokens[j] in headers:
            last = j + 1
    return last


def _subtotal_position(spec: TableSpec, tokens: list[str]) -> int | None:
    """Where an extra 小计 column stands among the value columns, if the table has one."""
    if SUBTOTAL not in tokens or not spec.row_keys:
        return None
    row = spec.row_keys[0]
    # The total column is left out of the count: its header spans the header rows, so it
    # is read before a 小计 that stands in the last header row, though it stands after it.
    leaves = [
        normalize(spec.fields[row, c].col_labels[-1])
        for c in spec.columns_of(row)
        if (row, c) not in spec.derived
    ]
    at = tokens.index(SUBTOTAL)
    return sum(1 for leaf in leaves if leaf in tokens[:at])


def _header_findings(
    spec: TableSpec,
    items: Sequence[Item],
    tokens: list[str],
    headers: list[str],
    anchors: set[int],
) -> list[Finding]:
    """Official header labels that are missing, and table cells the format does not have."""
    findings = []
    present = set(tokens)
    for text in dict.fromkeys(header_labels(spec)):
        norm = normalize(text)
        if not any(norm in t for t in present):
            findings.append(_warning(spec.key, spec.name, f"未找到表头“{text}”（表头与格式不符）"))
    known = {normalize(p.cell.text) for p in spec.placed if isinstance(p.cell, Label)}
    known.add(normalize(FLAT_CORNER))
    for j, item in enumerate(items):
        t = tokens[j]
        if (
            item.cell
            and t
            and j not in anchors
            and not is_value(t)
            and t not in known
            and t != SUBTOTAL
            and not any(k.startswith(t) or t.startswith(k) for k in known)
        ):
            other = _other_version(spec, t)
            message = (
                f"表中“{item.text}”是{other.document}格式的表头，与本表所用格式不符"
                if other
                else f"表中有格式之外的内容“{item.text}”"
            )
            findings.append(_warning(spec.key, spec.name, message))
    return findings


def _other_version(spec: TableSpec, token: str) -> FormatSpec | None:
    """The other format version whose same table prints ``token`` as a label, if any: a
    header copied from the wrong year's template (spec §8)."""
    for fmt in FORMATS.values():
        table = fmt.table(spec.key)
        if table is not spec and any(
            isinstance(p.cell, Label) and normalize(p.cell.text) == token for p in table.placed
        ):
            return fmt
    return None
