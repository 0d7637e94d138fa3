"""The value of a cell as far as the report makes it known, for the rules that compare a cell
with something outside its table (the prose, last year's report).

Arithmetic inside a table counts a missing cell as 0 and reports it as MISSING; a comparison
with the outside must not: a cell a reader could not read (``Table.unread``), a row the
report does not print, a table of which nothing was read are unknown, and a rule that needs
them says nothing.
"""

from __future__ import annotations

from ..formats.declaration import CellKey
from ..model import Blank, Number, Table, numeric


def known(table: Table, key: CellKey) -> Number | None:
    """The cell's value if the report states it, or states every cell it is the sum of;
    None if the format has no such cell or the report does not make it known."""
    if key not in table.spec.fields or key in table.unread:
        return None
    stated = table.stated.get(key)
    if stated is not None and not (isinstance(stated, Blank) and key in table.spec.derived):
        return numeric(stated)
    rule = table.spec.derived.get(key)
    if rule is None:
        return None
    total: Number = 0
    for part in rule.parts:
        value = known(table, part)
        if value is None:
            return None
        total += value
    return total


def known_sum(table: Table, keys: tuple[CellKey, ...]) -> Number | None:
    """The sum of the cells, or None if any of them is not known."""
    total: Number = 0
    for key in keys:
        value = known(table, key)
        if value is None:
            return None
        total += value
    return total


__all__ = ["known", "known_sum"]
