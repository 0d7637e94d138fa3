"""Functions the output templates use besides the public helpers."""

from __future__ import annotations

import re

from ..textwidth import pad, width
from .grid import FlatTable, flatten
from .safe import clean


def text_table(table: FlatTable) -> str:
    """A flat table as aligned monospace text (CJK characters count two columns).

    A full label such as “法人或其他组织·商业企业” is stacked over two header lines, so
    that the columns stay as narrow as their parts.
    """
    stacked = [label.split("·") for label in table.columns]
    depth = max(len(parts) for parts in stacked)
    headers = [[""] * (depth - len(parts)) + parts for parts in stacked]
    widths = [
        max(width(x) for x in (*headers[i], *(r[i] for r in table.rows)))
        for i in range(len(table.columns))
    ]

    def line(cells: list[str] | tuple[str, ...]) -> str:
        # Numbers right-aligned, the way a reader compares them down a column.
        out = [pad(cells[0], widths[0])]
        out += [" " * (w - width(c)) + c for c, w in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join(out).rstrip()

    lines = [line([h[level] for h in headers]) for level in range(depth)]
    lines.append("  ".join("-" * w for w in widths))
    lines += [line(row) for row in table.rows]
    return "\n".join(lines)


def markdown_cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LIST_MARK = re.compile(r"^(\s*)([-+])(?=\s)|^(\s*\d+)([.)])(?=\s)", re.M)
_UNDERLINE = re.compile(r"^(\s*)([=-])(?=[=-]*\s*$)", re.M)


def markdown_text(text: str) -> str:
    """A paragraph that Markdown shows as written: no stray emphasis, headings, lists, tables,
    links or HTML, and no bidirectional overrides that would show it reordered."""
    out = _BIDI.sub("", text).replace("\\", "\\\\")
    for ch in "*_`[]<>#|~":
        out = out.replace(ch, "\\" + ch)
    out = _LIST_MARK.sub(lambda m: f"{m[1] or m[3] or ''}\\{m[2] or m[4]}", out)
    return _UNDERLINE.sub(lambda m: f"{m[1]}\\{m[2]}", out)


FILTERS = {"md_cell": markdown_cell, "md_text": markdown_text, "xmltext": clean}
"""``xmltext`` drops the characters XML forbids: the docx templates pass every text through it."""
GLOBALS = {"text_table": text_table, "flatten": flatten}
