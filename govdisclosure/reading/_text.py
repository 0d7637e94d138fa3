"""Plain text: a report copied from a web page (one table cell per line, tab-led), text
extracted from a PDF (cells apart by single spaces), a table written with ``|`` between its
cells, text this library renders (tables aligned with spaces), or a crawler's capture (its
own header, then the whole report on one line with the cell boundaries lost).

A line is split into cells only where a separator is certain; the table reader does the rest.
A long line is running text, never a table row, whatever spaces it holds.
"""

from __future__ import annotations

import re

from .items import Item, is_page_number, is_value

SUFFIXES = (".txt", ".text")

# A run of two or more spaces separates the columns of an aligned text table.
_COLUMNS = re.compile(r"\t+| {2,}")
_RULE = re.compile(r"^\s*[-=—]{3,}[\s\-=—]*$")
_SHORT_LABEL = 12
"""A label this short followed by one number is a table row (“行政许可 1283”)."""


_CRAWLER_BODY = re.compile(r"^\s*={3,}\s*正文\s*={3,}\s*$")
_CRAWLER_TITLE = re.compile(r"^\s*标题\s*[:：]\s*(?P<title>\S.*)$")
_PIPE = re.compile(r"(?<!\\)\|")
_HEADING_MARK = re.compile(r"^#{1,6}\s+")
_RUNNING = 200
"""A line longer than this is running text (a paragraph, or a crawled page on one line)."""


def _strip_crawler_header(lines: list[str]) -> list[str]:
    """A crawler's capture starts with its own fields (标题, 发布时间, 原文链接 …) and a line
    ``=== 正文 ===``; of those only the title belongs to the report."""
    for n, line in enumerate(lines[:40]):
        if _CRAWLER_BODY.match(line):
            titles = [m["title"] for x in lines[:n] if (m := _CRAWLER_TITLE.match(x))]
            return titles[:1] + lines[n + 1 :]
    return lines


def _pipe_cells(body: str) -> list[Item] | None:
    """A row written with ``|`` between its cells, every cell kept, empty ones too:
    ``| a | b |`` (outer pipes), ``a | b | c`` (inner pipes, a trailing ``|`` then ends an
    empty last cell), or one cell a line ending in ``|`` (``0|``, ``|`` for an empty cell).
    The rule under a Markdown header row gives no cells; a line with no pipe, None."""
    if "|" not in body:
        return None
    if body.startswith("|"):
        inner = body[1:-1] if body.endswith("|") and len(body) > 1 else body[1:]
    elif body.count("|") == 1 and body.endswith("|"):
        inner = body[:-1]
    else:
        inner = body
    cells = [c.strip() for c in _PIPE.split(inner)]
    if any(cells) and all(re.fullmatch(r":?-{3,}:?", c) for c in cells if c):
        return []
    return [Item(c, cell=True) for c in cells]


def items(text: str) -> list[Item]:
    out: list[Item] = []
    for line in _strip_crawler_header(text.splitlines()):
        if not line.strip():
            if "\t" in line:
                out.append(Item("", cell=True))  # an empty cell of a copied table
            continue
        body = _HEADING_MARK.sub("", line.strip("\u3000 "))  # text converted from Markdown
        if _RULE.match(line) and "-" in line:
            continue  # the rule under an aligned table's header
        if len(body) > _RUNNING:
            out.append(Item(body))
            continue
        piped = _pipe_cells(body) if "|" in body else None
        if piped is not None:
            out.extend(piped)
            continue
        if "\t" in line:
            # Copied from a web page: a cell per tab-separated part, empty ones kept.
            parts = line.strip("\r\n").split("\t")
            if parts and not parts[0].strip():
                parts = parts[1:]  # the tab that leads a copied cell
            out.extend(Item(part.strip(), cell=True) for part in parts)
        elif _COLUMNS.search(body):
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
        return [Item(t, cell=True, joined=True) for t in (*cells, *tokens[len(tokens) - values :])]
    return None
