"""The findings of rules S4, S9 and S10, in Chinese: the sentence (quoted, shortened), the
figure as the prose states it, and the table cells with their values."""

from __future__ import annotations

from decimal import Decimal

from ...findings import Finding
from ...formats.declaration import CellKey, TableSpec
from ...formats.vocabulary import Measure, Relation
from ...model import Number, Report
from ...rules import RULES, RuleId
from .extraction import Claim, Reading
from .matching import Mismatch, ShareMismatch

QUOTE = 40
"""Characters of a sentence quoted in a message; a longer one is cut around the phrase."""
_CLAUSE = "，,；;：:"


def quote(reading: Reading, start: int, end: int, sentence: tuple[int, int]) -> str:
    """The sentence around ``start:end`` in quotation marks, cut with …… where it is long."""
    first, last = sentence
    if last - first > QUOTE:
        # Start at the phrase's clause when it is near, else a little before the phrase.
        near = range(max(first, start - 24), start)
        clause = max((i + 1 for i in near if reading.text[i] in _CLAUSE), default=None)
        first = clause if clause is not None else max(first, min(start - 12, last - QUOTE))
        last = min(last, max(first + QUOTE, end))
    head = "……" if first > sentence[0] else ""
    tail = "……" if last < sentence[1] else ""
    return f"“{head}{reading.printed[first:last]}{tail}”"


def describe(spec: TableSpec, cells: tuple[CellKey, ...]) -> str:
    """Where a sum of cells is: 表三 “（三）不予公开”各项 × “总计”, or the cells joined by +."""
    if len(cells) == 1:
        return spec.location(cells[0])
    labels = [_row_labels(spec, key) for key in cells]
    cols = {col for _, col in cells}
    if len(cols) == 1 and all(labels):
        col = spec.column_label(cells[0][1])
        common = _common(labels)
        group = {
            key
            for key in spec.fields
            if key[1] == cells[0][1] and _row_labels(spec, key)[: len(common)] == common
        }
        if common and all(len(lab) > len(common) for lab in labels) and group == set(cells):
            return f"{spec.name} “{' '.join(common)}”各项 × “{col}”"
        rows = " + ".join(f"“{' '.join(lab)}”" for lab in labels)
        return f"{spec.name} {rows} × “{col}”"
    prefix = spec.name + " "
    return prefix + " + ".join(spec.location(key).removeprefix(prefix) for key in cells)


def _row_labels(spec: TableSpec, key: CellKey) -> tuple[str, ...]:
    labels = spec.fields[key].row_labels
    return labels[spec.row_label_skip :] if len(labels) > spec.row_label_skip else labels


def _common(labels: list[tuple[str, ...]]) -> tuple[str, ...]:
    common = labels[0]
    for lab in labels[1:]:
        n = 0
        while n < min(len(common), len(lab)) and common[n] == lab[n]:
            n += 1
        common = common[:n]
    return common


def _amount(value: Number, measure: Measure, unit: str = "") -> str:
    if measure is Measure.AMOUNT:
        return f"{value}{unit or '万元'}"
    return f"{value}{unit or '件'}"


def _said(claim: Claim) -> str:
    if claim.nil:
        return f"“{claim.text}”"
    return claim.figure.name + _amount(claim.value, claim.figure.measure, claim.unit)


def mismatch_finding(
    report: Report, where: tuple[str, str], reading: Reading, m: Mismatch
) -> Finding:
    """S4 (a sure phrase contradicted: an error) or S10 (an unsure one: a warning)."""
    claim, fig = m.claim, m.claim.figure
    rule = RULES[fig.rule]
    tables: list[str] = []
    shown: list[Number] = []
    previous = ""
    for v in m.values:
        if v.value in shown:
            continue  # 一 and 一+二 alike when nothing was carried over: named once
        shown.append(v.value)
        spec = report.table(v.base.table).spec
        cells = describe(spec, v.base.cells)
        if spec.name == previous:
            cells = cells.removeprefix(spec.name + " ")
        previous = spec.name
        tables.append(f"{cells}为{_amount(v.value, fig.measure)}")
    said = quote(reading, claim.start, claim.end, claim.sentence) + "称" + _said(claim)
    message = f"{said}，而{'，'.join(tables)}"
    if fig.relation is Relation.AT_LEAST:
        message += "，应不少于此数"
    elif not fig.sure:
        message += "，按哪种理解都不相符" if len(shown) > 1 else "，请核实"
    first = m.values[0].value
    stated: int | Decimal | str
    computed: int | Decimal | str
    if fig.measure is Measure.AMOUNT:
        stated = _amount(claim.value, fig.measure, claim.unit)
        computed = _amount(first, fig.measure)
    else:
        stated, computed = int(claim.value), first
    path, location = where
    return rule.finding(path, location, message, stated=stated, computed=computed)


def share_finding(where: tuple[str, str], reading: Reading, m: ShareMismatch) -> Finding:
    """S9: a share that fits no base (a warning)."""
    s = m.share
    unit = s.unit
    computed = "、".join(f"占{f.base}{unit}的{f.share}%" for f in m.fits)
    message = (
        f"{quote(reading, s.start, s.end, s.sentence)}：{s.part}{unit}{computed}，"
        f"正文写作{s.share}%"
    )
    path, location = where
    return RULES[RuleId.S9].finding(
        path,
        location,
        message,
        stated=f"{s.share}%",
        computed=f"{m.fits[0].share}%",
    )


__all__ = ["describe", "mismatch_finding", "quote", "share_finding"]
