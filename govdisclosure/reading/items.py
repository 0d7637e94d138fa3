"""What every reader produces: the document as a flat sequence of text items, in reading order.

A paragraph, a heading and a table cell are all items; a cell is marked so. Docx, HTML,
Markdown, plain text and PDF differ only in how they find their items, so everything
after that (finding sections, reading tables against the declaration) is shared.
"""

from __future__ import annotations

import codecs

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


_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes, declared: str | None = None) -> str:
    """A published file's text: by its byte order mark; UTF-16 told by its zero bytes; else
    UTF-8 if it is valid UTF-8 (a saved or re-served page often keeps a stale declaration);
    else the ``declared`` encoding; else GB18030 (a superset of GBK and GB2312, the encodings
    of most older government sites). Undecodable bytes become U+FFFD rather than stop the
    reading."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    wide = _utf16_without_bom(data)
    if wide is not None:
        return data.decode(wide, errors="replace")
    for encoding in dict.fromkeys(e for e in ("utf-8", declared, "gb18030") if e):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode(declared or "gb18030", errors="replace")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a byte order mark, told by the zero bytes of its ASCII characters."""
    head = data[:1024]
    half = len(head) // 2
    if half < 8:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    return None
