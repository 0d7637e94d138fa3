"""Two years of one agency found in one batch: the carry-over between them (rule S1).

Files are checked one at a time, on any engine, and each outcome carries the two rows of
table 三 that S1 compares (:class:`~govdisclosure.batch.Carry`). The pairing is done where
the outcomes come back, as they come, so that it works the same whatever ran the files and
without keeping the outcomes: only those two rows of each report are kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

from attrs import frozen

from .batch import Carry, Outcome
from .findings import Finding
from .model import Number
from .validation.history import carry_over

T = TypeVar("T")


@frozen
class _Kept(Generic[T]):
    """What is kept of a report: the caller's tag and table 三's two carry rows as numbers,
    with the column keys shared by every report of the format (some 300 bytes a report,
    instead of the kilobyte and more of a Carry of (column, number) pairs)."""

    tag: T
    columns: tuple[str, ...]
    carry_in: tuple[Number, ...]
    carry_out: tuple[Number, ...]


class Years(Generic[T]):
    """The reports seen so far, by agency and year, each with a tag of the caller's (an
    index, a file name) that says which report a pair's findings belong to.

    A report is paired with the first report of the same agency for the year before, in the
    order they were added; S1 belongs to the later year, whose 上年结转 is compared."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, int], list[_Kept[T]]] = {}
        self._columns: dict[tuple[str, ...], tuple[str, ...]] = {}

    def add(self, tag: T, carry: Carry) -> list[tuple[T, tuple[Finding, ...]]]:
        """Add a report; return the S1 findings of every pair it completes, by tag, each
        pair once: its own against the year before, and the year after's against it."""
        columns = tuple(c for c, _ in carry.carry_in)
        kept = _Kept(
            tag,
            self._columns.setdefault(columns, columns),
            tuple(n for _, n in carry.carry_in),
            tuple(dict(carry.carry_out).get(c, 0) for c in columns),
        )
        key = (carry.agency, carry.year)
        first = key not in self._seen
        self._seen.setdefault(key, []).append(kept)
        pairs = []
        before = self._seen.get((carry.agency, carry.year - 1))
        if before:
            pairs.append((tag, _s1(kept, before[0], carry.year - 1)))
        if first:
            for later in self._seen.get((carry.agency, carry.year + 1), ()):
                pairs.append((later.tag, _s1(later, kept, carry.year)))
        return [(t, found) for t, found in pairs if found]

    def seen(self, agency: str, year: int) -> bool:
        """Whether a report of ``agency`` for ``year`` has been added."""
        return (agency, year) in self._seen


def _s1(this: _Kept[T], last: _Kept[T], last_year: int) -> tuple[Finding, ...]:
    return tuple(
        carry_over(
            dict(zip(this.columns, this.carry_in, strict=True)),
            dict(zip(last.columns, last.carry_out, strict=True)),
            last_year,
        )
    )


class CarryOverInBatch(Generic[T]):
    """S1 across a batch as its outcomes arrive, one at a time and in the files' order,
    keeping of each only what pairing needs (its agency, year, two carry rows and the
    caller's ``tag``, :class:`Years`) and the findings of the pairs found.

    An outcome with no carry rows (a file that could not be read, a task that does not send
    them) takes no part but still counts in the positions."""

    def __init__(self) -> None:
        self._years: Years[tuple[int, T]] = Years()
        self._count = 0
        self._found: dict[int, tuple[T, tuple[Finding, ...]]] = {}

    def add(self, outcome: Outcome, tag: T) -> list[tuple[int, T, tuple[Finding, ...]]]:
        """Add the next outcome; return the S1 findings of every pair it completes, each as
        the position and tag of the outcome they belong to (the later year's, which may be
        this one or one added before)."""
        i = self._count
        self._count += 1
        if outcome.carry is None:
            return []
        new = [(j, t, found) for (j, t), found in self._years.add((i, tag), outcome.carry)]
        for j, t, found in new:
            self._found[j] = (t, found)
        return new

    def settled(self, outcome: Outcome) -> bool:
        """Whether no outcome still to come can add S1 findings to ``outcome`` (one added
        already): it has no carry rows, or the year before of its agency has been seen."""
        carry = outcome.carry
        return carry is None or self._years.seen(carry.agency, carry.year - 1)

    def found(self) -> dict[int, tuple[T, tuple[Finding, ...]]]:
        """Every pair's findings so far, by the position of the outcome they belong to, in
        that order, with its tag."""
        return dict(sorted(self._found.items()))


def carry_over_in_batch(outcomes: Iterable[Outcome]) -> dict[int, tuple[Finding, ...]]:
    """S1 across a batch (``check``): every two consecutive years of one agency among
    ``outcomes``, paired by the agency and year each report gives, compared by the carry rows
    each outcome brings back (:func:`~govdisclosure.batch.carry`).

    Returns the S1 findings by the position of the outcome they belong to (the later year's),
    in that order; an outcome with no carry rows (a file that could not be read, a task that
    does not send them) takes no part. The caller adds them to the outcomes' own findings.
    :class:`CarryOverInBatch` does the same as the outcomes arrive, without a list of them."""
    pairing: CarryOverInBatch[None] = CarryOverInBatch()
    for outcome in outcomes:
        pairing.add(outcome, None)
    return {i: found for i, (_, found) in pairing.found().items()}


__all__ = ["CarryOverInBatch", "Years", "carry_over_in_batch"]
