"""Markdown, as this library renders it: headings, paragraphs and pipe tables."""

from __future__ import annotations

import re

from .items import Item

SUFFIXES = (".md", ".markdown")

_ESCAPED = re.compile(r"\\(.)")
_SPLIT = re.compile(r"(?<!\\)\|")


def _unescape(text: str) -> str:
    return _ESCAPED.sub(r"\1", text)


def items(text: str) -> list[Item]:
    out: list[Item] = []
    for line in text.splitlines():
        s = line.strip()
        if not s:
            continue
        if s.startswith("|"):
            cells = [c.strip() for c in _SPLIT.split(s.strip("|"))]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            out.extend(Item(_unescape(c), cell=True) for c in cells)
            continue
        s = re.sub(r"^#{1,6}\s+", "", s)
        if s.startswith("**") and s.endswith("**"):
            s = s[2:-2]
        out.append(Item(_unescape(s)))
    return out
