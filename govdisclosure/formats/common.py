"""What every format version has outside its tables and prose, each written once: the contact
details and how reports label them, and the texts that stand in a cell instead of a number.

Rendering prints with these, reading recognises them, the input files and workbooks are keyed
by them. Standard library only: the PDF reader's child process, started for every PDF, imports
this module without the rest of the package (see ``reading/_pdf.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

CONTACT_FIELDS: Mapping[str, str] = MappingProxyType(
    {"address": "地址", "postcode": "邮编", "phone": "电话", "fax": "传真"}
)
"""The contact details (the attributes of :class:`govdisclosure.Contact`), in the order they
are printed, with the label each is printed under: “地址：…；邮编：…；电话：…；传真：…”."""

CONTACT_ALIASES: Mapping[str, str] = MappingProxyType({"邮政编码": "postcode"})
"""Other labels published reports print for a contact detail."""

WEBSITE_LABEL = "网站"
"""The label of the agency's website, printed after the contact details."""

PLACEHOLDERS = frozenset({"", "/", "-", "—", "–", "－", "无", "空", "／"})
"""Texts published reports put in a cell instead of a number (spec §5), read as blank; compared
after NFKC normalization, which also turns the full-width “－” and “／” into “-” and “/”."""

__all__ = ["CONTACT_ALIASES", "CONTACT_FIELDS", "PLACEHOLDERS", "WEBSITE_LABEL"]
