"""Plain text: a report copied from a web page (one table cell per line, tab-led), or the
text this library renders (tables aligned with spaces)."""

from __future__ import annotations

import re

from .items import Item

SUFFIXES = (".txt", ".text")

# A run of two or more spaces separates the columns of an aligned text table.
_COLUMNS = re.compile(r"\t+| {2,}")
_RULE = re.compile(r"^[\s\-=—]+$")


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
        else:
            out.append(Item(body))
    return out
