"""HTML in any encoding: by its byte order mark, else UTF-8 where the bytes are UTF-8, else the
charset it declares (only one a web page can be in), else GB18030 (a superset of GBK and GB2312,
the encodings of most older government sites)."""

from __future__ import annotations

import codecs
import re

import lxml.html
from lxml import etree

from .items import Item
from .safety import UnreadableError

SUFFIXES = (".html", ".htm")

_BLOCKS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "td",
    "th",
    "dt",
    "dd",
    "body",
}
# --- Encoding ----------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:\-]{1,40})""",
    re.I,
)
# What a page may declare. Anything else (utf-7, unicode_escape, a codec Python has for other
# purposes) is ignored: a declaration must not choose how untrusted bytes are interpreted
# beyond the encodings web pages really use.
_WEB_ENCODINGS = frozenset(
    {
        "utf-8",
        "gb18030",
        "big5",
        "big5hkscs",
        "cp950",
        "euc_jp",
        "shift_jis",
        "cp932",
        "iso2022_jp",
        "euc_kr",
        "cp949",
        "koi8-r",
        "koi8-u",
        "mac-roman",
    }
)


def _declared(data: bytes) -> str | None:
    """The encoding the page declares, if it is one a web page can really be in."""
    m = _DECLARED.search(data[:8192])
    if m is None:
        return None
    label = (m.group(1) or m.group(2)).decode("ascii").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in ("gbk", "gb2312"):
        return "gb18030"  # a superset: pages labelled GB2312 use GBK characters
    if name in ("ascii", "iso8859-1"):
        return "cp1252"  # as browsers read these labels
    if name in _WEB_ENCODINGS or name.startswith(("iso8859-", "cp125")):
        return name
    # UTF-16 declared in bytes that could be read as ASCII is wrong (browsers take UTF-8).
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a byte order mark, told by the zero bytes of its ASCII markup."""
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


def decode_page(data: bytes) -> str:
    """A page's text: by its byte order mark; else UTF-8 if it is valid UTF-8 (whatever the
    page declares: a saved or re-served page often keeps a stale declaration); else the
    declared encoding; else GB18030 (a superset of GBK and GB2312, the encodings of most
    older government sites). Undecodable bytes become U+FFFD rather than stop the reading."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    wide = _utf16_without_bom(data)
    if wide is not None:
        return data.decode(wide, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared(data)
    for encoding in dict.fromkeys(e for e in (declared, "gb18030") if e):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode(declared or "gb18030", errors="replace")


_PARSER = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
# lxml refuses NUL and other control characters in a str; a browser ignores them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SKIP = {"script", "style", "noscript", "template", "caption", "head", "title"}


def items(data: bytes) -> list[Item]:
    text = decode_page(data)
    # An XML declaration with an encoding cannot be parsed from str; it has done its work.
    text = _CONTROL.sub("", re.sub(r"^\s*<\?xml[^>]*\?>", "", text))
    try:
        root = lxml.html.document_fromstring(text or "<html></html>", parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise UnreadableError(f"无法解析 HTML：{exc}") from None
    # Script and style text is no part of what a reader sees, even inside a table cell.
    etree.strip_elements(root, "script", "style", "noscript", "template", with_tail=False)
    out: list[Item] = []
    _walk(root, out)
    return out


def _walk(element: etree._Element, out: list[Item]) -> None:
    """Emit block texts in document order; a table cell is one item however it is nested."""
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _SKIP or child.get("hidden") is not None:
            continue
        if tag in ("td", "th"):
            out.append(Item(_text(child), cell=True))
        elif tag in ("tr", "table", "thead", "tbody", "tfoot") or _has_blocks(child):
            _walk(child, out)
        elif tag in _BLOCKS:
            text = _text(child)
            if text:
                out.append(Item(text))
        elif tag == "br":
            continue
        else:
            _walk(child, out)


def _has_blocks(element: etree._Element) -> bool:
    return any(
        isinstance(d.tag, str) and d.tag in _BLOCKS | {"table"} for d in element.iterdescendants()
    )


def _text(element: etree._Element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()
