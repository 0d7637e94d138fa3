"""Each cell on its own: present, not blank, and of its declared kind (MISSING, BLANK, H5)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..findings import Finding, Severity
from ..formats import Kind
from ..model import Blank, Money, Table

_H5 = {
    Kind.COUNT: "应为非负整数",
    Kind.DELTA: "应为整数（减少用负数表示）",
    Kind.WANYUAN: "金额不能为负数",
    Kind.MONEY: "金额不能为负数",
}


def check_cells(table: Table) -> Iterator[Finding]:
    spec = table.spec
    if not table.stated:
        yield Finding("MISSING", Severity.ERROR, table.key, spec.name, f"缺少{spec.name}的全部数据")
        return
    missing_rows = {
        row
        for row in spec.row_keys
        if not any((row, col) in table.stated for col in spec.columns_of(row))
    }
    for row in spec.row_keys:
        if row in missing_rows and any((row, c) not in spec.derived for c in spec.columns_of(row)):
            yield Finding(
                "MISSING", Severity.ERROR, f"{table.key}.{row}", spec.row_location(row), "缺少此行"
            )
    for key, f in spec.fields.items():
        path = f"{table.key}.{key[0]}.{key[1]}"
        stated = table.stated.get(key)
        if stated is None:
            if key not in spec.derived and key[0] not in missing_rows:
                yield Finding("MISSING", Severity.ERROR, path, spec.location(key), "缺少此单元格")
        elif isinstance(stated, Blank):
            derived = key in spec.derived
            yield Finding(
                "BLANK",
                Severity.WARNING,
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
            yield Finding("H5", Severity.ERROR, path, spec.location(key), _H5[f.kind], stated=shown)


def _valid(value: int | Decimal | Money, kind: Kind) -> bool:
    if kind is Kind.COUNT:
        return isinstance(value, int) and value >= 0
    if kind is Kind.DELTA:
        return isinstance(value, int)
    amount = value.amount if isinstance(value, Money) else value
    return amount >= 0
