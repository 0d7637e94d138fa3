"""Two years of one agency found in one batch: the carry-over between them (rule S1).

Files are checked one at a time, on any engine, and each outcome carries the two rows of
table 三 that S1 compares (:class:`~govdisclosure.batch.Carry`). The pairing is done where
the outcomes come back, as they come, so that it works the same whatever ran the files and
without keeping the outcomes: only those two rows of each report are kept.
"""

from __future__ import annotations

import sys
from typing import Generic, TypeVar

from .batch import Carry
from .findings import Finding
from .validation.history import carry_over

T = TypeVar("T")


class Years(Generic[T]):
    """The reports seen so far, by agency and year, each with a tag of the caller's (an
    index, a file name) that says which report a pair's findings belong to.

    A report is paired with the first report of the same agency for the year before, in the
    order they were added; S1 belongs to the later year, whose 上年结转 is compared."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, int], list[tuple[T, Carry]]] = {}

    def add(self, tag: T, carry: Carry) -> list[tuple[T, tuple[Finding, ...]]]:
        """Add a report; return the S1 findings of every pair it completes, by tag, each
        pair once: its own against the year before, and the year after's against it."""
        # Column keys arrive as fresh strings with every outcome: interned, each report
        # kept costs its numbers, not another copy of the same fourteen names.
        carry = Carry(
            carry.agency,
            carry.year,
            tuple((sys.intern(c), n) for c, n in carry.carry_in),
            tuple((sys.intern(c), n) for c, n in carry.carry_out),
        )
        key = (carry.agency, carry.year)
        first = key not in self._seen
        self._seen.setdefault(key, []).append((tag, carry))
        pairs = []
        before = self._seen.get((carry.agency, carry.year - 1))
        if before:
            pairs.append((tag, _s1(carry, before[0][1])))
        if first:
            for later_tag, later in self._seen.get((carry.agency, carry.year + 1), ()):
                pairs.append((later_tag, _s1(later, carry)))
        return [(t, found) for t, found in pairs if found]


def _s1(this: Carry, last: Carry) -> tuple[Finding, ...]:
    return tuple(carry_over(dict(this.carry_in), dict(last.carry_out), last.year))
