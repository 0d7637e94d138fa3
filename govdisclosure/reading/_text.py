"""Plain text: a report copied from a web page (one table cell per line, tab-led), or the
text this library renders (tables aligned with spaces)."""

from __future__ import annotations

import re

from .items import Item, is_page_number, is_value

SUFFIXES = (".txt", ".text")

# A run of two or more spaces separates the columns of an aligned text table.
_COLUMNS = re.compile(r"\t+| {2,}")
_RULE = re.compile(r"^[\s\-=—]+$")
_SHORT_LABEL = 12
"""A label this short followed by one number is a table row (“行政许可 1283”)."""


def items(text: str) -> list[Item]:
    out: list[Item] = []
    for line in text.splitlines():
        if not line.strip():
            if "\t" in line:
                out.append(Item("", cell=True))  # an empty cell of a copied table
            continue
        body = line.strip("\u3000 ")
        if _RULE.match(line) and "-" in line:
            continue  # the rule under an aligned table's header
        if "\t" in line or _COLUMNS.search(body):
            out.extend(
                Item(part.strip(), cell=True) for part in _COLUMNS.split(body) if part.strip()
            )
        elif is_page_number(body):
            continue  # “- 3 -”, “第3页” between the lines of text copied from a PDF
        else:
            out.extend(_row(body) or [Item(body)])
    return out


def _row(body: str) -> list[Item] | None:
    """A table row as text extracted from a PDF writes it, cells apart by single spaces
    (“规章 0 0 0”, “10 0 0 0 0 0 10”): the label and each value as cells; else None."""
    tokens = body.split()
    values = 0
    while values < len(tokens) and is_value(tokens[len(tokens) - 1 - values]):
        values += 1
    head = " ".join(tokens[: len(tokens) - values])
    if values >= 2 or (values == 1 and head and len(head) <= _SHORT_LABEL):
        cells = [head] if head else []
        return [Item(t, cell=True) for t in (*cells, *tokens[len(tokens) - values :])]
    return None
