"""What every reader produces: the document as a flat sequence of text items, in reading order.

A paragraph, a heading and a table cell are all items; a cell is marked so. Docx, HTML,
Markdown, plain text and PDF differ only in how they find their items, so everything
after that (finding sections, reading tables against the declaration) is shared.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from attrs import frozen


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


_SPACE = re.compile(r"[\s\u3000]+")


def normalize(text: str) -> str:
    """A label as compared: half- and full-width punctuation alike (NFKC), no spaces or breaks.

    Published copies write ``(一)`` for ``（一）`` and break header cells (``商业 企业``).
    """
    folded = unicodedata.normalize("NFKC", text)
    folded = folded.replace("“", '"').replace("”", '"').replace("、", ",")
    return _SPACE.sub("", folded)


_VALUE = re.compile(r"[+\-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万元|元)?")
_GROUPED = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
PLACEHOLDERS = frozenset({"", "/", "-", "—", "–", "－", "无", "空", "／"})


def ungrouped(text: str) -> str:
    """A number without its thousands separators (“1,283”, “1，283” → “1283”)."""
    return _GROUPED.sub("", unicodedata.normalize("NFKC", text))


def is_value(text: str) -> bool:
    """A cell that holds a number, an amount, or a placeholder for one."""
    t = normalize(text)
    return t in PLACEHOLDERS or _VALUE.fullmatch(t) is not None


_PAGE_NUMBER = re.compile(
    r"[-‐‑‒–—―~]+\d{1,4}[-‐‑‒–—―~]+"  # - 3 -, — 3 — (NFKC has turned － into -)
    r"|第\d{1,4}页(?:[/,]?共\d{1,4}页)?"  # 第3页, 第3页/共10页
    r"|共\d{1,4}页[/,]?第\d{1,4}页"
    r"|\d{1,4}/\d{1,4}"  # 3/10
    r"|(?i:page)\d{1,4}(?:(?i:of)\d{1,4})?"
)


def is_page_number(text: str) -> bool:
    """A page number as printed in a page's header or footer (“- 3 -”, “第3页”, “3/10”)."""
    return _PAGE_NUMBER.fullmatch(normalize(text)) is not None


AGENCY_END = re.compile(
    r"(?:局|委|委员会|办|办公室|政府|院|会|中心|厅|署|处|所|站|队|部|馆|社|街道|镇|乡|区|县|市|公司)$"
)
"""How an agency's name ends (a signature line, a title's first line)."""
