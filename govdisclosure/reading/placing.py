"""Placing a printed row's values in its declared cells, without guessing.

A printed row does not always hold one value per declared cell:

* a crawler dropped the cell boundaries (``291000030`` for 29 1 0 0 0 0 30), or some of them
  (``2600000 26``);
* a merged label cell or an empty sub-label cell came out as an extra empty cell.

Every way of reading the printed tokens as the row's cells is enumerated: a run of digits
split into several cells (a multi-digit cell never starts with 0), or an empty cell left out.
The declared sums then decide: first those within the row, then those across rows (表三's
column totals and its 一+二 = （七）+四 balance). A cell is read only when every reading that
survives gives it the same value; otherwise it is reported unread, with the alternatives.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator, Mapping, Sequence

from attrs import frozen

from ..cells import CellValueError, parse_cell
from ..formats.declaration import Balance, CellKey, Kind, Sum
from ..model import Stated, numeric
from .items import normalize

LIMIT = 20_000
"""Readings of one row (or combinations across rows) beyond which nothing is tried."""


@frozen
class Token:
    """One printed value: a cell's text, or a run of digits that may hold several cells."""

    text: str
    run: bool = False
    """The text may be several cells run together (text whose cell boundaries were lost)."""

    @property
    def blank(self) -> bool:
        return normalize(self.text) == ""


Texts = tuple[str, ...]
"""One way of reading a row: the texts of its cells, one per declared cell, in order."""


def readings(tokens: Sequence[Token], n: int) -> list[Texts] | None:
    """Every way of reading ``tokens`` as ``n`` cells; None if there are more than LIMIT."""
    k = len(tokens)
    if k == n:
        return [tuple(t.text for t in tokens)]
    out: list[Texts] = []
    if k > n:
        blanks = [i for i, t in enumerate(tokens) if t.blank]
        for dropped in itertools.combinations(blanks, k - n):
            out.append(tuple(t.text for i, t in enumerate(tokens) if i not in dropped))
            if len(out) > LIMIT:
                return None
        return out
    for reading in _splits(tokens, n):
        out.append(reading)
        if len(out) > LIMIT:
            return None
    return out


def _splits(tokens: Sequence[Token], n: int) -> Iterator[Texts]:
    if not tokens:
        if n == 0:
            yield ()
        return
    first, rest = tokens[0], tokens[1:]
    capacity = sum(_most(t) for t in rest)
    for pieces in range(1, _most(first) + 1):
        if not len(rest) <= n - pieces <= capacity:
            continue
        for head in _pieces(first.text, pieces):
            for tail in _splits(rest, n - pieces):
                yield (*head, *tail)


_RUN = re.compile(r"(?P<sign>[-−]?)(?P<digits>\d+)(?P<tail>\.\d+)?(?P<unit>万元|元)?")


def _most(token: Token) -> int:
    m = _RUN.fullmatch(token.text) if token.run else None
    return len(m["digits"]) if m else 1


def _pieces(text: str, m: int) -> Iterator[tuple[str, ...]]:
    """``text`` cut into ``m`` numbers, none of several digits starting with 0; a sign stays
    with the first, a decimal part and unit with the last (“10012350.49万元” → 100 |
    12350.49万元; “-40” → -4 | 0)."""
    run = _RUN.fullmatch(text)
    if run is None or m == 1:
        if m == 1:
            yield (text,)
        return
    suffix = (run["tail"] or "") + (run["unit"] or "")
    for cut in _cuts(run["digits"], m):
        pieces = (*cut[:-1], cut[-1] + suffix)
        yield (run["sign"] + pieces[0], *pieces[1:])


def _cuts(digits: str, m: int) -> Iterator[tuple[str, ...]]:
    if m == 1:
        if len(digits) == 1 or not digits.startswith("0"):
            yield (digits,)
        return
    for cut in range(1, len(digits) - m + 2):
        head = digits[:cut]
        if len(head) > 1 and head.startswith("0"):
            break
        for tail in _cuts(digits[cut:], m - 1):
            yield (head, *tail)


Rule = Sum | Balance


def holds(rule: Rule, values: Mapping[CellKey, Stated]) -> bool | None:
    """Whether ``rule`` holds on ``values``; None when a cell it needs is not among them."""
    if isinstance(rule, Sum):
        cells: tuple[CellKey, ...] = (rule.target, *rule.parts)
    else:
        cells = (*rule.left, *rule.right)
    if any(c not in values for c in cells):
        return None
    if isinstance(rule, Sum):
        return numeric(values[rule.target]) == sum(numeric(values[p]) for p in rule.parts)
    return sum(numeric(values[c]) for c in rule.left) == sum(numeric(values[c]) for c in rule.right)


@frozen
class Row:
    """A printed row to place: its declared cells and every reading of its tokens."""

    cells: tuple[CellKey, ...]
    kinds: tuple[Kind, ...]
    printed: str
    """The row's tokens as printed, for messages."""
    options: tuple[Mapping[CellKey, Stated], ...]
    """The readings whose every cell parses as its kind."""


def parsed(
    cells: Sequence[CellKey], kinds: Sequence[Kind], reading: Texts
) -> dict[CellKey, Stated] | None:
    """A reading's cell values, or None if one of them is not a value of its kind."""
    out: dict[CellKey, Stated] = {}
    for key, kind, text in zip(cells, kinds, reading, strict=True):
        try:
            out[key] = parse_cell(text, kind)
        except CellValueError:
            return None
    return out


def place(
    rows: Sequence[Row], rules: Sequence[Rule]
) -> tuple[dict[CellKey, Stated], dict[CellKey, tuple[Stated, ...]]]:
    """The cells of ``rows`` (every printed row of a table) that every surviving reading agrees
    on, and for the others their alternatives."""
    survivors: list[tuple[Mapping[CellKey, Stated], ...]] = []
    by_cell: dict[CellKey, list[Rule]] = {}
    for rule in rules:
        for cell in _cells(rule):
            by_cell.setdefault(cell, []).append(rule)
    for row in rows:
        inside = set(row.cells)
        near = {id(r): r for c in row.cells for r in by_cell.get(c, ())}.values()
        within = [r for r in near if inside.issuperset(_cells(r))]
        fitting = tuple(o for o in row.options if all(holds(r, o) is not False for r in within))
        survivors.append(fitting or row.options)
    ambiguous = [i for i, s in enumerate(survivors) if len(s) > 1]
    if ambiguous and math.prod(len(survivors[i]) for i in ambiguous) <= LIMIT:
        survivors = _across(survivors, ambiguous, rules)
    certain: dict[CellKey, Stated] = {}
    unsure: dict[CellKey, tuple[Stated, ...]] = {}
    for row, options in zip(rows, survivors, strict=True):
        for key in row.cells:
            values = tuple(dict.fromkeys(o[key] for o in options))
            if len(values) == 1:
                certain[key] = values[0]
            else:
                unsure[key] = values
    return certain, unsure


def _across(
    survivors: list[tuple[Mapping[CellKey, Stated], ...]],
    ambiguous: list[int],
    rules: Sequence[Rule],
) -> list[tuple[Mapping[CellKey, Stated], ...]]:
    """Narrow ambiguous rows by the rules across rows that involve them; the rows read with
    certainty give the other cells of those rules."""
    base: dict[CellKey, Stated] = {}
    for options in survivors:
        if len(options) == 1:
            base.update(options[0])
    open_cells = {k for i in ambiguous for o in survivors[i] for k in o}
    relevant = [r for r in rules if open_cells.intersection(_cells(r))]
    if not relevant:
        return survivors
    kept: list[list[Mapping[CellKey, Stated]]] = [[] for _ in ambiguous]
    found = False
    for combo in itertools.product(*(survivors[i] for i in ambiguous)):
        values = dict(base)
        for option in combo:
            values.update(option)
        if all(holds(r, values) is not False for r in relevant):
            found = True
            for slot, option in zip(kept, combo, strict=True):
                if option not in slot:
                    slot.append(option)
    if not found:
        return survivors
    out = list(survivors)
    for i, slot in zip(ambiguous, kept, strict=True):
        out[i] = tuple(slot)
    return out


def _cells(rule: Rule) -> tuple[CellKey, ...]:
    return (rule.target, *rule.parts) if isinstance(rule, Sum) else (*rule.left, *rule.right)
