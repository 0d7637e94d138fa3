"""HTML in any encoding: the meta tag's charset, else UTF-8, else GB18030 (a superset of GBK
and GB2312, the encodings of most older government sites)."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from .items import Item, decode
from .safety import UnreadableError

SUFFIXES = (".html", ".htm")

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)
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
_SKIP = {"script", "style", "noscript", "template", "caption", "head", "title"}


def items(data: bytes) -> list[Item]:
    m = _CHARSET.search(data[:4096])
    text = decode(data, m.group(1).decode("ascii") if m else None)
    # An XML declaration with an encoding cannot be parsed from str; it has done its work.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(text or "<html></html>", parser=parser)
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
