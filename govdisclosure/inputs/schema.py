"""The keys of an input file and their Chinese labels (the tables' labels come from the formats)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ..formats import FORMATS, FormatSpec
from ..formats.common import CONTACT_FIELDS, WEBSITE_LABEL

META_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "agency": "机关名称",
        "year": "报告年度",
        "format": "格式版本",
        "published": "发布日期",
        "contact": "联系方式",
        "website": WEBSITE_LABEL,
        "sources": "汇总来源机关",
    }
)

FIELD_LABELS: Mapping[str, str] = MappingProxyType(
    {
        **CONTACT_FIELDS,
        "paragraphs": "段落",
        "parts": "小节",
        "heading": "小标题",
        "processing_fees": "信息处理费",
        "notices": "发出收费通知件数",
        "billed": "收费通知总金额（元）",
        "collected": "实际收取金额（元）",
    }
)


def top_level_keys(fmt: FormatSpec | None = None) -> tuple[str, ...]:
    """Every key allowed at the top of an input file, in the order ``init`` writes them: the
    metadata, then the sections ``fmt`` declares (without ``fmt``, those of any format)."""
    formats = (fmt,) if fmt else tuple(FORMATS.values())
    return (*META_LABELS, *dict.fromkeys(s.key for f in formats for s in f.sections))


def label(key: str, fmt: FormatSpec) -> str:
    """The Chinese label of a top-level key."""
    if key in META_LABELS:
        return META_LABELS[key]
    return fmt.section(key).title
