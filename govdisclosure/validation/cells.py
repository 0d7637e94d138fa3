"""Each cell on its own: present, not blank, and of its declared kind (MISSING, BLANK, H5).

Blank cells come in blocks in published reports (a whole row or column left empty): a block
is one finding, not one per cell. Cells a reader could not read (``Table.unread``) are not
missing: the reader has said why.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from attrs import frozen

from ..findings import Finding
from ..formats import Kind
from ..formats.declaration import CellKey
from ..model import Blank, Money, Table
from ..rules import RULES, RuleId

_MISSING, _BLANK, _H5_RULE = RULES[RuleId.MISSING], RULES[RuleId.BLANK], RULES[RuleId.H5]

_H5 = {
    Kind.COUNT: f"应为{Kind.COUNT.wording}",
    Kind.DELTA: f"应为{Kind.DELTA.wording}",
    Kind.WANYUAN: "金额不能为负数",
    Kind.MONEY: "金额不能为负数",
}


def check_cells(table: Table) -> Iterator[Finding]:
    spec = table.spec
    if not table.stated:
        if not table.unread:
            yield _MISSING.finding(table.key, spec.name, f"缺少{spec.name}的全部数据")
        return
    missing_rows = {
        row
        for row in spec.row_keys
        if not any(
            (row, col) in table.stated or (row, col) in table.unread for col in spec.columns_of(row)
        )
    }
    blank_blocks = _blank_blocks(table)
    for path, location, count in blank_blocks.blocks:
        yield _BLANK.finding(
            path,
            location,
            f"{count}个单元格留空或未填数字，按0计算；应填写“0”（总计栏应填写计算值）",
            stated="（空白）",
        )
    for row in spec.row_keys:
        if row in missing_rows and any((row, c) not in spec.derived for c in spec.columns_of(row)):
            yield _MISSING.finding(f"{table.key}.{row}", spec.row_location(row), "缺少此行")
    for key, f in spec.fields.items():
        path = f"{table.key}.{key[0]}.{key[1]}"
        stated = table.stated.get(key)
        if stated is None:
            if key not in spec.derived and key[0] not in missing_rows and key not in table.unread:
                yield _MISSING.finding(path, spec.location(key), "缺少此单元格")
        elif isinstance(stated, Blank):
            if key in blank_blocks.covered:
                continue
            derived = key in spec.derived
            yield _BLANK.finding(
                path,
                spec.location(key),
                "总计栏留空，应填写计算值"
                if derived
                else "单元格留空或未填数字，按0计算；应填写“0”",
                stated=stated.text or "（空白）",
                computed=table.computed[key] if derived else None,
            )
        elif not _valid(stated, f.kind):
            shown = str(stated) if isinstance(stated, Money) else stated
            yield _H5_RULE.finding(path, spec.location(key), _H5[f.kind], stated=shown)


@frozen
class _Blanks:
    blocks: list[tuple[str, str, int]]
    """(path, location, number of cells) of each blank row or column block."""
    covered: set[CellKey]


def _blank_blocks(table: Table) -> _Blanks:
    """Rows whose every cell is blank, then columns with two or more blank cells left."""
    spec = table.spec
    blank = {k for k, v in table.stated.items() if isinstance(v, Blank)}
    blocks: list[tuple[str, str, int]] = []
    covered: set[CellKey] = set()
    for row in spec.row_keys:
        cells = {(row, c) for c in spec.columns_of(row)}
        if len(cells) >= 2 and cells <= blank:
            blocks.append((f"{table.key}.{row}", spec.row_location(row), len(cells)))
            covered |= cells
    # A column of the printed table: 表四's groups share column keys but not columns.
    by_column: dict[int, list[CellKey]] = {}
    for key, f in spec.fields.items():
        if key in blank and key not in covered:
            by_column.setdefault(f.col, []).append(key)
    for keys in by_column.values():
        if len(keys) >= 2:
            row, col = keys[0]
            where = f"{spec.name} “{spec.column_label(col, row)}”列"
            blocks.append((f"{table.key}.*.{col}", where, len(keys)))
            covered |= set(keys)
    return _Blanks(blocks, covered)


def _valid(value: int | Decimal | Money, kind: Kind) -> bool:
    if kind is Kind.COUNT:
        return isinstance(value, int) and value >= 0
    if kind is Kind.DELTA:
        return isinstance(value, int)
    amount = value.amount if isinstance(value, Money) else value
    return amount >= 0
