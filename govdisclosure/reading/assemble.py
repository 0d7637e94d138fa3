"""From a document's items to a report: sections, title, prose, tables and format version."""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Sequence

from attrs import frozen

from ..findings import Finding, Severity
from ..formats import FORMATS, FormatSpec, SectionSpec, UnknownFormatError, format_for_year
from ..formats.declaration import Label
from ..model import Contact, Metadata, OtherMatters, Part, Report, Section, Table
from ..render.document import CONTACT_LABELS
from .items import Item, normalize
from .tables import read_table


@frozen
class Reading:
    """What was read from a published report, and what could not be."""

    report: Report
    findings: tuple[Finding, ...]
    """Problems of reading (rule READ), e.g. a heading renamed, a row not found."""


_TITLE = re.compile(r"^(?P<agency>.*?)(?P<year>\d{4})年度?政府信息公开工作年度报告$")
_PART = re.compile(r"^[（(](?P<n>[一二三四五六七八九十]+)[）)]\s*(?P<heading>\S.*)$")
_DATE = re.compile(r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日$")
_CONTACT = re.compile(r"^联系方式[：:]")
_ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")


def _warning(path: str, location: str, message: str) -> Finding:
    return Finding("READ", Severity.WARNING, path, location, message)


def _error(path: str, location: str, message: str) -> Finding:
    return Finding("READ", Severity.ERROR, path, location, message)


def _is_heading(text: str, spec: SectionSpec) -> str | None:
    """``"exact"``, ``"alias"`` or ``"similar"`` if ``text`` is the section's heading."""
    t = normalize(text)
    if t == normalize(spec.title):
        return "exact"
    if t in {normalize(a) for a in spec.aliases}:
        return "alias"
    ordinal = _ORDINAL.match(spec.title)
    if (
        ordinal
        and t.startswith(normalize(ordinal.group()))
        and len(t) <= 40
        and "。" not in t
        and difflib.SequenceMatcher(None, t, normalize(spec.title)).ratio() >= 0.6
    ):
        return "similar"
    return None


def _find_sections(
    items: Sequence[Item], sections: Sequence[SectionSpec], findings: list[Finding]
) -> dict[str, int]:
    found: dict[str, int] = {}
    start = 0
    for spec in sections:
        for j in range(start, len(items)):
            if items[j].cell:
                continue
            how = _is_heading(items[j].text, spec)
            if how is None:
                continue
            if how != "exact":
                findings.append(
                    _warning(spec.key, spec.title, f"标题写作“{items[j].text.strip()}”，与格式不同")
                )
            found[spec.key] = j
            start = j + 1
            break
        else:
            findings.append(_error(spec.key, spec.title, "未找到此部分的标题"))
    return found


def _detect_version(items: Sequence[Item], year: int | None) -> FormatSpec:
    """The format whose own table labels the document uses most; the year decides a tie."""
    tokens = {normalize(i.text) for i in items}
    labels = {
        v: {normalize(p.cell.text) for t in f.tables for p in t.placed if isinstance(p.cell, Label)}
        for v, f in FORMATS.items()
    }
    scores = {
        v: len((own - set().union(*(o for w, o in labels.items() if w != v))) & tokens)
        for v, own in labels.items()
    }
    best = max(scores.values())
    leaders = [v for v, s in scores.items() if s == best]
    if len(leaders) == 1:
        return FORMATS[leaders[0]]
    if year is not None:
        try:
            return format_for_year(year)
        except UnknownFormatError:
            pass
    return FORMATS[max(FORMATS)]


def _prose(items: Sequence[Item]) -> Section:
    paragraphs: list[str] = []
    parts: list[tuple[str, list[str]]] = []
    for item in items:
        text = item.text.strip()
        if not text:
            continue
        m = _PART.match(text)
        if m and len(text) <= 40 and "。" not in text[:-1]:
            parts.append((m["heading"], []))
        elif parts:
            parts[-1][1].append(text)
        else:
            paragraphs.append(text)
    return Section(tuple(paragraphs), tuple(Part(h, tuple(ps)) for h, ps in parts))


def _contact(text: str) -> tuple[Contact, str | None]:
    # Half-width “:” and “;” are common; a field is split at its first colon only, so
    # that a website written with “https://” keeps its own.
    fields = dict(
        re.split(r"[：:]", part, maxsplit=1)
        for part in re.split(r"[；;]", _CONTACT.sub("", text))
        if re.search(r"[：:]", part)
    )
    by_label = {label: name for name, label in CONTACT_LABELS}
    contact = Contact(**{by_label[k]: v for k, v in fields.items() if k in by_label})
    return contact, fields.get("网站")


_IN_PROSE = re.compile(r"(?P<label>地址|邮编|电话|传真)[：:]\s*(?P<value>[^；;，,。）)]+)")


def _contact_in_prose(sections: Sequence[Section | None]) -> Contact:
    """Contact details written into the prose, as most reports do in their first paragraph."""
    by_label = {label: name for name, label in CONTACT_LABELS}
    found: dict[str, str] = {}
    for section in sections:
        for text in section.text_paragraphs() if section else ():
            for m in _IN_PROSE.finditer(text):
                found.setdefault(by_label[m["label"]], m["value"].strip())
    return Contact(**found)


def _closing(items: list[Item], agency: str) -> tuple[datetime.date | None, Contact, str | None]:
    """Take the signature (agency, date) and contact line off the end of the document."""
    published, contact, website = None, Contact(), None
    while items:
        text = items[-1].text.strip()
        m = _DATE.match(text)
        if not text or text == agency:
            pass
        elif m and published is None:
            try:
                published = datetime.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                break
        elif _CONTACT.match(text):
            contact, website = _contact(text)
        else:
            break
        items.pop()
    return published, contact, website


def assemble(items: Sequence[Item]) -> Reading:
    """Read a report out of ``items``; whatever cannot be read becomes a finding."""
    findings: list[Finding] = []
    any_format = next(iter(FORMATS.values()))
    found = _find_sections(items, any_format.sections, findings)

    first = min(found.values(), default=len(items))
    title = re.sub(r"\s+", "", "".join(i.text for i in items[:first] if not i.cell))
    m = _TITLE.search(title)
    agency, year = (m["agency"], int(m["year"])) if m else ("", None)
    if m is None:
        findings.append(_error("title", "标题", "未能从标题读出机关名称和年度"))

    fmt = _detect_version(items, year)
    bounds = [*sorted(found.values()), len(items)]
    segments: dict[str, list[Item]] = {}
    for key, start in found.items():
        end = next(b for b in bounds if b > start)
        segments[key] = list(items[start + 1 : end])

    published, contact, website = None, Contact(), None
    last = max(found, key=lambda k: found[k], default=None)
    if last is not None:
        published, contact, website = _closing(segments[last], agency)

    tables: dict[str, Table] = {}
    for spec in fmt.tables:
        if spec.key in segments:
            tables[spec.key], table_findings = read_table(spec, segments[spec.key])
            findings += table_findings
        else:
            tables[spec.key] = Table.empty(spec)
    prose = {k: _prose(segments[k]) if k in segments else None for k in ("overview", "problems")}
    other = _prose(segments["other"]) if "other" in segments else None
    if contact == Contact():
        contact = _contact_in_prose([prose["overview"], other])
    report = Report(
        meta=Metadata(
            agency=agency,
            year=year or fmt.first_year,
            version=fmt.version,
            published=published,
            contact=contact,
            website=website,
        ),
        overview=prose["overview"],
        table2=tables["table2"],
        table3=tables["table3"],
        table4=tables["table4"],
        problems=prose["problems"],
        other=OtherMatters(other.paragraphs, other.parts) if other else None,
    )
    return Reading(report, tuple(findings))
