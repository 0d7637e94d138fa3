"""Writing a report as an input file: YAML with every key commented by its official label.

The same writer makes ``govdisclosure init``'s skeleton (a zero-filled report) and turns a
report that was read elsewhere into an editable input file; :func:`load` reads either back
to an equal report.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

from ..formats import FormatSpec, SectionSpec
from ..formats.common import CONTACT_FIELDS
from ..model import Blank, Money, Report, Section, Stated, Table
from ..textwidth import pad
from .schema import FIELD_LABELS, META_LABELS

_COMMENT_COLUMN = 40


def _scalar(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        # Quoted so that YAML does not turn 1.10 into the float 1.1.
        return json.dumps(str(value))
    if isinstance(value, datetime.date):
        return value.isoformat()
    return _YAML_UNSAFE.sub(_escape, json.dumps(str(value), ensure_ascii=False))


# JSON leaves these literal, but YAML forbids them (DEL, C1 controls) or folds them (NEL,
# line and paragraph separators) inside a double-quoted scalar: write them as escapes.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")


# A comment cannot escape anything: leave out what YAML does not allow in a file at all.
_NOT_IN_COMMENT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def _cell(value: Stated) -> str:
    if isinstance(value, Blank):
        return "null" if not value.text else _scalar(value.text)
    if isinstance(value, Money):
        return _scalar(str(value))
    return _scalar(value)


def _line(indent: int, key: str, value: str | None, comment: str | None) -> str:
    text = " " * indent + (f"{key}: {value}" if value is not None else f"{key}:")
    if comment:
        text = pad(text, _COMMENT_COLUMN) + f"  # {comment}"
    return text


def _section(spec: SectionSpec, section: Section | None) -> Iterator[str]:
    if section is None:
        return
    yield _line(0, spec.key, None, spec.title)
    yield from _paragraphs(2, section.paragraphs)
    if section.parts:
        yield _line(2, "parts", None, FIELD_LABELS["parts"] + "，标题前的（一）（二）由程序编号")
        for part in section.parts:
            yield f"  - heading: {_scalar(part.heading)}"
            yield from _paragraphs(4, part.paragraphs)
    else:
        yield _line(2, "parts", "[]", "小节：- heading: 小标题  paragraphs: [段落, …]")
    fees = getattr(section, "processing_fees", None)
    if fees is not None:
        yield _line(2, "processing_fees", None, FIELD_LABELS["processing_fees"])
        for name in ("notices", "billed", "collected"):
            yield _line(4, name, _scalar(getattr(fees, name)), FIELD_LABELS[name])


def _paragraphs(indent: int, paragraphs: tuple[str, ...]) -> Iterator[str]:
    if not paragraphs:
        yield _line(indent, "paragraphs", "[]", FIELD_LABELS["paragraphs"])
        return
    yield _line(indent, "paragraphs", None, FIELD_LABELS["paragraphs"])
    for p in paragraphs:
        yield " " * indent + "- " + _scalar(p)


def _table(fmt: FormatSpec, table: Table) -> Iterator[str]:
    spec = table.spec
    yield _line(0, spec.key, None, fmt.section(spec.key).title)
    for row in spec.row_keys:
        cols = [c for c in spec.columns_of(row) if (row, c) in table.stated]
        if not cols:
            continue
        block = spec.fields[row, spec.columns_of(row)[0]].block
        yield _line(2, row, None, " ".join(x for x in (block, spec.row_label(row)) if x))
        for col in cols:
            comment = spec.fields[row, col].col_labels[-1]
            if (row, col) in spec.derived:
                comment += "（可删去此行，由程序计算并核对）"
            yield _line(4, col, _cell(table.stated[row, col]), comment)


def to_yaml(report: Report, header: str | None = None) -> str:
    """The report as a commented YAML input file."""
    return "".join(yaml_lines(report, header))


def yaml_lines(
    report: Report, header: str | None = None, sources: Iterable[str] | None = None
) -> Iterator[str]:
    """:func:`to_yaml`'s text line by line, each with its newline; ``sources`` (of a summary
    of thousands of reports) instead of the report's own, read as they are written."""
    fmt = report.format
    meta = report.meta
    comment = _NOT_IN_COMMENT.sub("", header or _header(report))
    lines = [f"# {line}" if line else "#" for line in comment.splitlines()]
    lines += [
        _line(0, "agency", _scalar(meta.agency), META_LABELS["agency"]),
        _line(0, "year", str(meta.year), META_LABELS["year"]),
        _line(0, "format", _scalar(fmt.version), f"{META_LABELS['format']}：{fmt.document}"),
        _line(
            0, "published", _scalar(meta.published), META_LABELS["published"] + "，如 2026-01-31"
        ),
        _line(0, "contact", None, META_LABELS["contact"]),
    ]
    for name in CONTACT_FIELDS:
        lines.append(_line(2, name, _scalar(getattr(meta.contact, name)), FIELD_LABELS[name]))
    lines.append(_line(0, "website", _scalar(meta.website), META_LABELS["website"]))
    for line in lines:
        yield f"{line}\n"
    listed = iter(meta.sources if sources is None else sources)
    first = next(listed, None)
    if first is not None:
        yield _line(0, "sources", None, META_LABELS["sources"]) + "\n"
        yield f"  - {_scalar(first)}\n"
        for s in listed:
            yield f"  - {_scalar(s)}\n"
    blocks = [
        _table(fmt, content) if isinstance(content, Table) else _section(spec, content)
        for spec, content in report
    ]
    for block in blocks:
        body = list(block)
        if body:
            yield "\n"
            for line in body:
                yield f"{line}\n"


def _header(report: Report) -> str:
    fmt = report.format
    return (
        f"{report.meta.agency}{report.meta.year}年政府信息公开工作年度报告\n"
        f"格式：《{fmt.name}》（{fmt.document}）\n"
        "数字请填0，不要留空；“总计”各行可删去，由程序计算并核对。\n"
        "检查：govdisclosure validate 本文件"
    )


def _plain_cell(value: Stated) -> object:
    if isinstance(value, Blank):
        return value.text or None
    if isinstance(value, Money | Decimal):
        return str(value)
    return value


def _plain_section(section: Section) -> dict[str, object]:
    out: dict[str, object] = {
        "paragraphs": list(section.paragraphs),
        "parts": [{"heading": p.heading, "paragraphs": list(p.paragraphs)} for p in section.parts],
    }
    fees = getattr(section, "processing_fees", None)
    if fees is not None:
        out["processing_fees"] = {
            "notices": fees.notices,
            "billed": str(fees.billed),
            "collected": str(fees.collected),
        }
    return out


def to_plain(report: Report) -> dict[str, object]:
    """The report as the plain data an input file holds (what :func:`load` structures)."""
    meta = report.meta
    data: dict[str, object] = {
        "agency": meta.agency,
        "year": meta.year,
        "format": meta.version,
        "published": meta.published.isoformat() if meta.published else None,
        "contact": {name: getattr(meta.contact, name) for name in CONTACT_FIELDS},
        "website": meta.website,
        **({"sources": list(meta.sources)} if meta.sources else {}),
    }
    for spec, value in report:
        key = spec.key
        if isinstance(value, Table):
            rows: dict[str, dict[str, object]] = {}
            for (row, col), cell in value.stated.items():
                rows.setdefault(row, {})[col] = _plain_cell(cell)
            data[key] = rows
        elif value is not None:
            data[key] = _plain_section(value)
    return data


def to_json(report: Report) -> str:
    """The report as a JSON input file."""
    return json.dumps(to_plain(report), ensure_ascii=False, indent=2) + "\n"
