"""What every reader produces: the document as a flat sequence of text items, in reading order.

A paragraph, a heading and a table cell are all items; a cell is marked so. Docx, HTML,
Markdown, plain text and PDF differ only in how they find their items, so everything
after that (finding sections, reading tables against the declaration) is shared.
"""

from __future__ import annotations

from attrs import frozen

# The text predicates live in .printed (see there why); importers find them here as before.
from .printed import (
    AGENCY_END,
    PLACEHOLDERS,
    is_page_number,
    is_value,
    normalize,
    ungrouped,
)

__all__ = [
    "AGENCY_END",
    "PLACEHOLDERS",
    "Item",
    "decode",
    "is_page_number",
    "is_value",
    "normalize",
    "ungrouped",
]


@frozen
class Item:
    text: str
    cell: bool = False
    """From a table cell (or a tab-separated part of a copied table line)."""
    joined: bool = False
    """A cell whose boundaries with its neighbours are not certain (text split at single
    spaces): a run of digits in it may be several cells run together."""


def decode(data: bytes, declared: str | None = None) -> str:
    """A published file's text: in the encoding it declares if that works, else UTF-8, else
    GB18030 (a superset of GBK and GB2312, the encodings of most older government sites)."""
    candidates = [declared.lower()] if declared else []
    for encoding in (*candidates, "utf-8-sig", "gb18030"):
        if encoding in ("gb2312", "gbk"):
            encoding = "gb18030"
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace")
