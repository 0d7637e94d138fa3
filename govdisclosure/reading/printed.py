"""Printed text as the readers compare it: labels normalized, values and page numbers told apart.

Kept apart from :mod:`.items` (which re-exports all of it) so that the PDF reader's child
process, started for every PDF, can use these without importing attrs for ``Item``: that
import took a third of the child's start.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ..formats.common import PLACEHOLDERS as PLACEHOLDERS

_SPACE = re.compile(r"[\s\u3000]+")


@functools.lru_cache(maxsize=8192)  # cells and labels repeat: "0", the official labels
def normalize(text: str) -> str:
    """A label as compared: half- and full-width punctuation alike (NFKC), no spaces or breaks.

    Published copies write ``(一)`` for ``（一）`` and break header cells (``商业 企业``).
    """
    folded = unicodedata.normalize("NFKC", text)
    folded = folded.replace("“", '"').replace("”", '"').replace("、", ",")
    return _SPACE.sub("", folded)


_VALUE = re.compile(r"[+\-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万元|元)?")
_GROUPED = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


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
