"""From a document's items to a report: sections, title, prose, tables and format version."""

from __future__ import annotations

import datetime
import difflib
import functools
import itertools
import re
from collections.abc import Sequence

from attrs import field, frozen

from ..findings import Finding
from ..formats import (
    FORMATS,
    FormatSpec,
    SectionKey,
    SectionSpec,
    UnknownFormatError,
    format_for_year,
)
from ..formats.common import CONTACT_ALIASES, CONTACT_FIELDS, WEBSITE_LABEL
from ..formats.shared import SECTIONS
from ..model import Contact, Metadata, Part, Report, Section, Table, prose_type
from ..rules import RULES, RuleId
from .items import AGENCY_END, Item, normalize
from .labels import canon
from .tables import read_table


@frozen
class Reading:
    """What was read from a published report, and what could not be."""

    report: Report
    findings: tuple[Finding, ...]
    """Problems of reading (rule READ), e.g. a heading renamed, a row not found."""


# The agency before a year or a date is bounded (no agency's name comes near 60 characters):
# unbounded, a search of a long line tried every start with every length, a 5,000-digit number
# in a paragraph took seconds.
_TITLE = re.compile(
    r"(?P<agency>[^\s:：，,。;；>»|/]{0,60}?)(?P<year>(?:19|20)\d{2})年度?(?:本?(?:机关|单位))?"
    r"(?:政府|政务)?信息公开(?:工作)?(?:年度)?(?:报告|年报)"
)
_TITLE_YEAR_FIRST = re.compile(
    r"(?P<year>(?:19|20)\d{2})年度?(?P<agency>[^\s:：，,。;；>»|/]{1,60}?)"
    r"(?:政府|政务)?信息公开(?:工作)?(?:年度)?(?:报告|年报)"
)
_TITLE_YEAR_LATE = re.compile(
    r"(?P<agency>[^\s:：，,。;；>»|/]{1,60}?)(?:政府|政务)?信息公开(?:工作)?(?P<year>(?:19|20)\d{2})年度?"
    r"(?:工作)?(?:报告|年报)"
)
_CHINESE_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}(?=年)")
_CHINESE_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_PERIOD = re.compile(r"(?P<year>(?:19|20)\d{2})年(?:度|1月1日(?:起)?至(?:(?P=year)年)?12月31日)")
_SIGNED = re.compile(
    r"(?P<agency>[^\s。；;，,]{0,60}?)\s*(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日$"
)
_CHROME_TAIL = ("附件下载", "附件：", "【打印】", "【关闭】", "打印本页", "关闭窗口", "分享到")
_URL = re.compile(
    r"(?:https?://)?www\.[A-Za-z0-9.\-]+\.[A-Za-z]{2,}[A-Za-z0-9/._\-]*|https?://[A-Za-z0-9.\-]+[A-Za-z0-9/._\-]*"
)
_PART = re.compile(r"^[（(](?P<n>[一二三四五六七八九十]+)[）)]\s*(?P<heading>\S.*)$")
_DATE = re.compile(r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日$")
_CONTACT = re.compile(r"^联系方式[：:]")
_ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")


def _warning(path: str, location: str, message: str) -> Finding:
    return RULES[RuleId.READ].warning(path, location, message)


def _error(path: str, location: str, message: str) -> Finding:
    return RULES[RuleId.READ].finding(path, location, message)


# --- headings ----------------------------------------------------------------------------

_WIDTH = {"（": "[（(]", "(": "[（(]", "）": "[）)]", ")": "[）)]", "、": "[、.．,，]"}


def _pattern(title: str) -> str:
    """A heading as printed anywhere in running text: half- or full-width, spaces between."""
    return r"\s*".join(_WIDTH.get(c, re.escape(c)) for c in title if not c.isspace())


_EMBEDDED = re.compile(
    r"(?<![《“\"'])(?:"
    + "|".join(
        sorted(
            {_pattern(t) for s in SECTIONS for t in (s.title, *s.aliases)},
            key=len,
            reverse=True,
        )
    )
    + ")"
)


def _split_headings(items: Sequence[Item]) -> list[Item]:
    """Paragraphs cut at the section headings printed inside them: text captured from a web
    page runs the whole report together, a PDF may join a heading to its first line."""
    out: list[Item] = []
    for item in items:
        if item.cell:
            out.append(item)
            continue
        cuts = [m.start() for m in _EMBEDDED.finditer(item.text)] + [len(item.text)]
        cuts = [0, *(c for c in cuts if c > 0)]
        pieces = [item.text[a:b] for a, b in itertools.pairwise(cuts)]
        for piece in pieces:
            m = _EMBEDDED.match(piece)
            if m and m.end() < len(piece.rstrip()):
                out.append(Item(piece[: m.end()].strip()))
                piece = piece[m.end() :]
            if piece.strip():
                out.append(Item(piece.strip()))
    return out


@functools.cache
def _titles(spec: SectionSpec) -> tuple[str, frozenset[str]]:
    return normalize(spec.title), frozenset(normalize(a) for a in spec.aliases)


_NUMBERING = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[,.、]|\([一二三四五六七八九十\d]+\)|\d{1,2}[,.、])"
)


def _is_heading(text: str, spec: SectionSpec, exact_only: bool = False) -> str | None:
    """``"exact"``, ``"alias"``, ``"renumbered"`` or ``"similar"`` if ``text`` is the section's
    heading (with ``exact_only``, only the first two are looked for)."""
    if len(text) > 80:
        return None
    t = normalize(text)
    title, aliases = _titles(spec)
    if t == title:
        return "exact"
    if t in aliases:
        return "alias"
    if exact_only:
        return None
    bare = _NUMBERING.sub("", t, count=1)
    if bare != t and bare in {_NUMBERING.sub("", x, count=1) for x in (title, *aliases)}:
        return "renumbered"  # （一）总体情况, 1.总体情况, 第一部分 总体情况
    ordinal = _ORDINAL.match(spec.title)
    if (
        ordinal
        and t.startswith(normalize(ordinal.group()))
        and len(t) <= 40
        and "。" not in t
        and difflib.SequenceMatcher(None, t, title).ratio() >= 0.6
    ):
        return "similar"
    return None


# What identifies each table without its heading: its own captions and labels, and for
# table 四 its first header cell followed closely by the second.
_ANCHORS: dict[str, tuple[tuple[str, str | None], ...]] = {
    SectionKey.TABLE2: (("第二十条第(一)项", None), ("第二十条第(五)项", None)),
    SectionKey.TABLE3: (("本列数据的勾稽关系为", None), ("本年新收政府信息公开申请数量", None)),
    SectionKey.TABLE4: (("行政复议", "结果维持"),),
}
_NEAR = 6
"""Items within which an anchor's second part must follow its first."""


def _find_sections(
    items: Sequence[Item], sections: Sequence[SectionSpec], findings: list[Finding]
) -> dict[str, tuple[int, int]]:
    """Where each section begins and its content starts.

    First the headings printed as the format words them (or a declared alternative), in
    order. Then, between those, a heading renumbered or reworded; for a table section only
    where its table follows, so that a sub-heading of 一 that reads like a section heading
    (“（二）主动公开政府信息情况”) is not taken for it. Last, a table whose heading is missing or
    an image is found by its own anchors."""
    heads: dict[str, int] = {}
    start = 0
    for spec in sections:
        j = next(
            (
                j
                for j in range(start, len(items))
                if (spec.table or not items[j].cell)
                and _is_heading(items[j].text, spec, exact_only=True) is not None
            ),
            None,
        )
        if j is not None:
            heads[spec.key] = j
            start = j + 1
    renumbered: list[str] = []
    found: dict[str, tuple[int, int]] = {k: (j, j + 1) for k, j in heads.items()}
    for n, spec in enumerate(sections):
        if spec.key in found:
            continue
        lo = max((found[s.key][0] + 1 for s in sections[:n] if s.key in found), default=0)
        hi = min((found[s.key][0] for s in sections[n + 1 :] if s.key in found), default=len(items))
        for j in range(lo, hi):
            if items[j].cell and spec.table is None:
                continue
            how = _is_heading(items[j].text, spec)
            if how is None or (
                spec.table and _anchor(items[j + 1 : j + 1 + _NEAR], spec, 0) is None
            ):
                continue
            if how == "renumbered":
                renumbered.append(items[j].text.strip())
            else:
                findings.append(
                    _warning(spec.key, spec.title, f"标题写作“{items[j].text.strip()}”，与格式不同")
                )
            found[spec.key] = (j, j + 1)
            break
        else:
            anchor = _anchor(items[:hi], spec, lo) if spec.table else None
            if anchor is not None:
                findings.append(
                    _warning(spec.key, spec.title, "未找到此部分的标题，按表格内容定位")
                )
                found[spec.key] = (anchor, anchor)
            else:
                findings.append(_error(spec.key, spec.title, "未找到此部分的标题"))
    if renumbered:
        shown = "、".join(f"“{t}”" for t in renumbered[:3]) + ("等" if len(renumbered) > 3 else "")
        findings.append(_warning("sections", "部分标题", f"标题编号与格式不同：{shown}"))
    return found


def _anchor(items: Sequence[Item], spec: SectionSpec, start: int) -> int | None:
    """The first item of a table found by its anchors, at or after ``start``."""
    anchors = _ANCHORS.get(spec.table or "", ())
    texts = [normalize(i.text) for i in items[start:]]
    for j, text in enumerate(texts):
        for first, then in anchors:
            if first not in text:
                continue
            if then is None or then in "".join(texts[j : j + _NEAR]):
                return start + j
    return None


# --- title, agency and year --------------------------------------------------------------


def _title(items: Sequence[Item], first: int) -> tuple[str, int | None]:
    """The agency and year from the title: in the first lines before 一、, where a preamble,
    a date line, site chrome or a ``标题:`` prefix may stand around it, broken over two lines,
    the year first, ``工作`` left out. Else the year from the statistics period."""
    head = [i.text for i in items[: max(first, 1)] if not i.cell][:12]
    candidates = [*head, *("".join(p) for p in itertools.pairwise(head))]
    flat = [re.sub(r"^标题[:：]", "", re.sub(r"\s+", "", t)) for t in candidates]
    flat = [_CHINESE_YEAR.sub(lambda m: m[0].translate(_CHINESE_DIGITS), t) for t in flat]
    for pattern in (_TITLE, _TITLE_YEAR_FIRST, _TITLE_YEAR_LATE):
        for m in map(pattern.search, flat):
            agency = re.sub(r"关于$", "", m["agency"]) if m else ""
            if m and len(agency) >= (1 if pattern is _TITLE else 3):
                return agency, int(m["year"])
    for text in [*head, *(i.text for i in items[first : first + 3] if not i.cell)]:
        m = _PERIOD.search(re.sub(r"\s+", "", text))
        if m:
            return "", int(m["year"])
    return "", None


def _row_label_sets() -> dict[str, set[str]]:
    return {
        v: {canon(f.row_labels[-1]) for t in fmt.tables for f in t.fields.values() if f.row_labels}
        for v, fmt in FORMATS.items()
    }


_ROW_LABELS = _row_label_sets()


def _detect_version(items: Sequence[Item], year: int | None) -> FormatSpec:
    """The format whose own row labels the document prints most (2021: the three （六） rows,
    行政规范性文件; 2019: 其他对外管理服务事项, 政府集中采购); the year decides a tie.

    Headers are not counted: a report copies the wrong year's headers far more often than it
    prints the wrong year's rows."""
    text = canon("".join(i.text for i in items))
    scores: dict[str, int] = {}
    for v, own in _ROW_LABELS.items():
        others = set().union(*(o for w, o in _ROW_LABELS.items() if w != v))
        scores[v] = sum(1 for label in own - others if _contains(text, label, others))
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


def _contains(text: str, label: str, others: set[str]) -> bool:
    """Whether ``label`` is printed in ``text`` other than inside a longer label of
    ``others`` (2019 “规范性文件” inside 2021 “行政规范性文件”)."""
    for longer in others:
        if label in longer and label != longer:
            text = text.replace(longer, "")
    return label in text


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
    contact = Contact(**{_BY_LABEL[k]: v for k, v in fields.items() if k in _BY_LABEL})
    return contact, fields.get(WEBSITE_LABEL)


_BY_LABEL = {
    **{label: name for name, label in CONTACT_FIELDS.items()},
    **CONTACT_ALIASES,
}
"""A contact detail's name by each label reports print it under."""
_LABELS = "|".join(_BY_LABEL)
_IN_PROSE = re.compile(
    rf"(?:联系)?(?P<label>{_LABELS})(?:号码)?"
    r"(?:[：:]\s*|[，,]\s*(?=\D)|(?=\d))"
)
_NEXT_FIELD = re.compile(rf"[，,]\s*(?:联系)?(?:{_LABELS}|邮箱|电子邮箱|网址|{WEBSITE_LABEL})")
_DIGITS = {"postcode": r"\d{6}", "phone": r"[\d\-－—()（） ]*\d", "fax": r"[\d\-－—()（） ]*\d"}


def _field_value(name: str, value: str) -> str | None:
    """A contact field's value: to the next field, a closing bracket it does not open, or for
    numbers as far as the number goes."""
    value = _NEXT_FIELD.split(value, maxsplit=1)[0]
    if name in _DIGITS:
        m = re.match(_DIGITS[name], value.strip())
        return m.group().strip() if m else None
    depth = 0
    for n, c in enumerate(value):
        if c in "（(":
            depth += 1
        elif c in "）)":
            if depth == 0:
                return value[:n].strip() or None
            depth -= 1
    return value.strip() or None


def _contact_in_prose(sections: Sequence[Section | None]) -> Contact:
    """Contact details written into the prose, as most reports do in their first paragraph
    or the preamble: with or without a colon (“邮编350400”, “联系地址，…”), half-width ``;``."""
    found: dict[str, str] = {}
    for section in sections:
        for text in section.text_paragraphs() if section else ():
            for m in _IN_PROSE.finditer(text):
                name = _BY_LABEL[m["label"]]
                value = _field_value(name, re.split(r"[；;。]", text[m.end() :], maxsplit=1)[0])
                if value:
                    found.setdefault(name, value)
    return Contact(**found)


@frozen
class _Closing:
    published: datetime.date | None = None
    contact: Contact = field(factory=Contact)
    website: str | None = None
    signer: str = ""
    """The agency named in the signature."""


_SIGNER = re.compile(r"[^。，；,;:：\d]{3,30}")


def _closing(items: list[Item], agency: str) -> _Closing:
    """Take the signature (agency, date) and contact line off the end of the document; a
    signature glued to the last paragraph (text captured from a web page) is cut off it."""
    published, contact, website, signer = None, Contact(), None, ""
    _drop_trailing_chrome(items)
    while items:
        text = items[-1].text.strip()
        for chrome in _CHROME_TAIL:
            if text.endswith(chrome):
                text = text[: -len(chrome)].strip()
        m = _DATE.match(re.sub(r"\s+", "", text))
        signed = _SIGNED.search(text) if published is None else None
        if not text:
            pass
        elif text == agency or (
            not signer
            and not agency
            and _SIGNER.fullmatch(text)
            and (published or AGENCY_END.search(text))
        ):
            signer = text
        elif m and published is None:
            try:
                published = datetime.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                break
        elif _CONTACT.match(text):
            contact, website = _contact(text)
        elif signed and len(text) > len(signed.group()) and _glued(text, signed, agency):
            try:
                published = datetime.date(int(signed["y"]), int(signed["m"]), int(signed["d"]))
            except ValueError:
                break
            signer = signer or signed["agency"] or ""
            items[-1] = Item(text[: signed.start()].strip())
            continue
        else:
            if text != items[-1].text.strip():
                items[-1] = Item(text)
            break
        items.pop()
    return _Closing(published, contact, website, signer)


_TAIL = 12
"""Lines after the signature's date that may be page chrome (attachments, share, footer)."""


def _drop_trailing_chrome(items: list[Item]) -> None:
    """What a web page prints after the report's date: attachment lists, share and print
    buttons, the site's footer. Short lines with no sentence in them, after the last date."""
    tail = items[-_TAIL:]
    dates = [
        n
        for n, item in enumerate(tail)
        if not item.cell
        and (_DATE.match(re.sub(r"\s+", "", item.text)) or _SIGNED.search(item.text.strip()))
    ]
    if not dates:
        return
    after = tail[dates[-1] + 1 :]
    if after and all(len(i.text) <= 100 and "。" not in i.text for i in after):
        del items[len(items) - len(after) :]


def _glued(text: str, signed: re.Match[str], agency: str) -> bool:
    """Whether the date at the end of ``text`` is a signature glued to the paragraph: signed
    by the agency of the title, or by nobody after the end of a sentence."""
    name = signed["agency"]
    if name and agency:
        return name == agency or agency.endswith(name) or name.endswith(agency)
    before = text[: signed.start()].rstrip()
    return not name and before.endswith(("。", "！", "；", "）", ")"))


def _website(items: Sequence[Item]) -> str | None:
    """The website the preamble names (“本报告的电子版可在…网站（www.…）下载”)."""
    for item in items:
        m = _URL.search(item.text)
        if m and ("网站" in item.text or "网址" in item.text):
            return m.group().rstrip("./")
    return None


def assemble(items: Sequence[Item]) -> Reading:
    """Read a report out of ``items``; whatever cannot be read becomes a finding."""
    findings: list[Finding] = []
    items = _split_headings(items)
    any_format = next(iter(FORMATS.values()))
    found = _find_sections(items, any_format.sections, findings)

    first = min((b for b, _ in found.values()), default=len(items))
    agency, year = _title(items, first)
    fmt = _detect_version(items, year)
    begins = sorted([*(b for b, _ in found.values()), len(items)])
    segments: dict[str, list[Item]] = {}
    for key, (begin, start) in found.items():
        end = next(b for b in begins if b > begin)
        segments[key] = list(items[start:end])

    closing = _Closing()
    last = max(found, key=lambda k: found[k][0], default=None)
    if last is not None:
        closing = _closing(segments[last], agency)
    if not agency and closing.signer:
        agency = closing.signer
        findings.append(_warning("title", "标题", f"标题中没有机关名称，按落款读作“{agency}”"))
    elif not agency:
        findings.append(_warning("title", "标题", "未能从标题或落款读出机关名称"))
    if year is None:
        # The year decides the format and pairs reports across years: never guessed.
        findings.append(_error("title", "标题", "未能从标题或统计期限读出报告年度"))
    published, contact, website = closing.published, closing.contact, closing.website

    contents: dict[SectionKey, Section | Table | None] = {}
    for section in fmt.sections:
        segment = segments.get(section.key)
        if section.table is not None:
            spec = fmt.table(section.table)
            if segment is None:
                contents[section.key] = Table(spec, {}, spec.fields)
            else:
                contents[section.key], table_findings = read_table(spec, segment)
                findings += table_findings
        elif segment is None:
            contents[section.key] = None
        else:
            prose = _prose(segment)
            contents[section.key] = prose_type(section)(prose.paragraphs, prose.parts)
    if contact == Contact():
        preamble = Section(tuple(i.text for i in items[:first] if not i.cell))
        said = [contents[SectionKey.OVERVIEW], contents[SectionKey.OTHER]]
        contact = _contact_in_prose(
            [preamble, *(p if isinstance(p, Section) else None for p in said)]
        )
    website = website or _website(items[:first])
    meta = Metadata(
        agency=agency,
        year=year or fmt.first_year,
        version=fmt.version,
        published=published,
        contact=contact,
        website=website,
    )
    report = Report(meta, contents)
    return Reading(report, tuple(findings))
