"""A generated corpus of published reports bent the way agencies bend them (issue 11), each
with the truth a perfect reader would give: the measuring instrument for reading accuracy.

Every variant starts from a clean report: one of the two examples (2021 and 2019 format)
with plausible random numbers that satisfy every declared sum, and prose whose numbers agree
with the tables, so that ``validate`` finds no error in it. The report is then laid out with
the builder of this package (``Published``: the official grid, not the library's renderers)
and bent by one *class* of variation of issue 11, as a real agency would do it, and written
as a PDF (made by LibreOffice from a docx), a web page, a docx or a text file.

The truth of a variant is taken from what is printed: a data cell's value is the text printed
in it (so a cell printed “/” is ``Blank("/")``, and a row the layout leaves out is absent).
Where a cell cannot be determined from the file at all (a run of digits with several splits
that no declared sum decides), it is listed in ``Variant.ambiguous``: a reader must leave it
unread, and reading it right is luck.

Generation is deterministic: ``corpus(seed)`` gives the same bytes every time.
"""

from __future__ import annotations

import datetime
import functools
import html
import random
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import attrs
from expect import libreoffice

import govdisclosure as g
from govdisclosure.formats import FormatSpec, get_format
from govdisclosure.formats.declaration import Balance, CellKey, Kind, Sum, TableSpec
from govdisclosure.model import (
    Blank,
    Money,
    OtherMatters,
    Part,
    ProcessingFees,
    Report,
    Section,
    Stated,
    Table,
    numeric,
)

from . import (
    CONTENT_TYPES,
    EXAMPLES,
    ROOT_RELS,
    W_NS,
    Cell,
    Published,
    Rows,
    _html_table,
    _w_table,
    zip_bytes,
)

CLASSES = {
    "title": "1 标题、机关、年度",
    "headings": "2 章节标题",
    "labels": "3 行标签",
    "cells": "4 单元格分隔",
    "runs": "5 数字连写",
    "layout": "6 版式",
    "merged": "7 合并与空单元格",
    "dirty": "9 空白与占位符",
}
"""The classes of variation of issue 11 the corpus covers (8, rules on what was not read, is
a property of checking, measured as false errors on every variant)."""

SOURCES = ("pdf", "html", "docx", "txt")
"""The source formats: PDF made by LibreOffice from a docx, web page, Word file, text."""

BASES = {"2021": "example-2024.yaml", "2019": "nanchang-edu-2020-corrected.yaml"}
YEARS = {"2021": (2021, 2022, 2023, 2024), "2019": (2019, 2020)}

PAGE_BREAK = "\f"
"""A block that is a page break: a page-break paragraph in a docx, a page footer line in text."""


@dataclass(frozen=True)
class Variant:
    """One generated published report and its truth."""

    name: str
    """Unique, usable as a file stem: ``042-labels-typo-html``."""
    klass: str
    """Its class of variation (a key of ``CLASSES``)."""
    variation: str
    """What was bent, e.g. ``labels-typo``."""
    source: str
    """pdf, html, docx or txt."""
    suffix: str
    """The file's suffix (``.pdf``, ``.htm`` …)."""
    data: bytes
    """The file; for a PDF, the docx that LibreOffice prints to it (see ``write_corpus``)."""
    truth: Report
    ambiguous: frozenset[tuple[str, CellKey]] = frozenset()
    """(table key, cell key) of the cells the file does not determine."""
    detail: str = ""
    """How it was written (``word-gbk-chrome``, ``pipes`` …), for the per-file report."""


# --- a clean report with random numbers ---------------------------------------------------

AGENCIES = (
    "青州市交通运输局",
    "临川区人民政府",
    "江北县教育局",
    "东湖市生态环境局",
    "石门县卫生健康委员会",
    "北塘区市场监督管理局",
    "云溪市自然资源和规划局",
    "南平镇人民政府",
    "白沙县住房和城乡建设局",
    "长宁市人力资源和社会保障局",
    "西岭区财政局",
    "安远县公安局",
    "清河市民政局",
    "金山区农业农村局",
    "河西县水利局",
    "星城市退役军人事务局",
)
SITES = ("qingzhou", "linchuan", "jiangbei", "donghu", "shimen", "beitang", "yunxi", "nanping")

# How often each applicant type and each outcome occurs, roughly as in published reports:
# mostly natural persons, mostly disclosed or not held.
_APPLICANT_SHARE = {
    "natural_person": 1.0,
    "commercial": 0.25,
    "research": 0.03,
    "social_welfare": 0.03,
    "legal_services": 0.12,
    "other": 0.1,
}
_OUTCOME_WEIGHT = {
    "disclosed": 40.0,
    "partially_disclosed": 10.0,
    "denied_state_secret": 0.5,
    "denied_prohibited_by_law": 1.0,
    "denied_three_safeties": 0.5,
    "denied_third_party": 2.0,
    "denied_internal_affairs": 2.0,
    "denied_process_information": 3.0,
    "denied_enforcement_file": 1.0,
    "denied_inquiry": 1.0,
    "unable_not_held": 20.0,
    "unable_needs_creation": 4.0,
    "unable_unclear": 2.0,
    "rejected_petition": 4.0,
    "rejected_repeated": 3.0,
    "rejected_publication": 1.0,
    "rejected_excessive": 0.5,
    "rejected_confirmation": 1.0,
    "other": 3.0,
    "other_no_correction": 3.0,
    "other_unpaid_fee": 0.5,
    "other_misc": 2.0,
}
_NOT_OUTCOMES = ("new", "carry_in", "total", "carry_out")


def _table3(rng: random.Random, spec: TableSpec, no_other: bool) -> Table:
    """Table 三 with every sum right: outcomes drawn per applicant column, then carry-overs,
    then 一 = （七） + 四 − 二 (never negative), totals computed."""
    outcomes = [r for r in spec.row_keys if r not in _NOT_OUTCOMES]
    if no_other:  # printed as one 2019-style row of zeros, which the truth cannot hold
        outcomes = [r for r in outcomes if not r.startswith("other_")]
    scale = rng.choices((0, 4, 15, 60, 400), weights=(2, 3, 3, 2, 1))[0]
    weights = [_OUTCOME_WEIGHT[r] for r in outcomes]
    stated: dict[CellKey, Stated] = {}
    for col, share in _APPLICANT_SHARE.items():
        handled = rng.randint(0, round(scale * share))
        counts = Counter(rng.choices(outcomes, weights, k=handled))
        for row in spec.row_keys:
            if row not in _NOT_OUTCOMES:
                stated[row, col] = counts[row]
        carry_out = rng.randint(0, handled // 8)
        carry_in = rng.randint(0, min(handled + carry_out, 1 + handled // 8))
        stated["carry_in", col] = carry_in
        stated["carry_out", col] = carry_out
        stated["new", col] = handled + carry_out - carry_in
    return Table(spec, stated).with_totals()


def _table4(rng: random.Random, spec: TableSpec) -> Table:
    busy = rng.random() < 0.35  # most agencies have no 复议 or 诉讼 on disclosure at all
    stated: dict[CellKey, Stated] = {
        key: rng.choices((0, 1, 2, 3, 5), (10, 4, 2, 1, 0.5))[0] if busy else 0
        for key in spec.fields
        if key not in spec.derived
    }
    return Table(spec, stated).with_totals()


def _some(rng: random.Random, p: float, low: int, high: int) -> int:
    """A count that is 0 with probability 1 − p, else between low and high."""
    return rng.randint(low, high) if rng.random() < p else 0


def _table2(rng: random.Random, spec: TableSpec) -> Table:
    stated: dict[CellKey, Stated] = {}
    government = rng.random() < 0.2  # only governments make 规章
    for (row, col), f in spec.fields.items():
        value: Stated
        if f.kind is Kind.WANYUAN:
            value = Decimal(_some(rng, 0.4, 1, 99999)) / 100
        elif f.kind is Kind.MONEY:
            value = Money(Decimal(_some(rng, 0.7, 1, 10**7)) / 100, rng.choice(("万元", "元", "")))
        elif f.kind is Kind.DELTA:
            value = rng.choice((0, 0, 0, rng.randint(-5, 5)))
        elif row == "regulations":
            value = _some(rng, 0.6 if government else 0, 1, 3)
        elif col in ("in_force", "total_published"):
            value = rng.randint(0, 90)
        elif col in ("issued", "made", "published", "repealed", "projects"):
            value = _some(rng, 0.7, 1, 15)
        elif col == "prior_items":
            value = _some(rng, 0.6, 1, 60)
        else:  # decisions
            value = _some(rng, 0.6, 1, rng.choice((60, 900, 6000)))
        stated[row, col] = value
    return Table(spec, stated)


def _prose(
    rng: random.Random, agency: str, year: int, t2: Table, t3: Table, t4: Table
) -> tuple[Section, Section, OtherMatters]:
    """Sections 一, 五 and 六 whose numbers agree with the tables (rule S4 finds nothing)."""
    suits = numeric(t4["direct_suit", "total"]) + numeric(t4["suit_after_review", "total"])
    documents = (
        f"制发行政规范性文件{t2['normative_documents', 'issued']}件，"
        f"废止{t2['normative_documents', 'repealed']}件，"
        f"现行有效{t2['normative_documents', 'in_force']}件。"
        if ("normative_documents", "issued") in t2.spec.fields
        else f"对外公开规范性文件{t2['normative_documents', 'total_published']}件。"
    )
    overview = Section(
        paragraphs=(
            f"{year}年，{agency}深入贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为"
            "常态、不公开为例外，围绕中心工作持续提升政务公开质量。",
        ),
        parts=(
            Part(
                "主动公开",
                (
                    f"全年通过门户网站主动公开政府信息{rng.randint(40, 3000)}条，发布政策解读"
                    f"{rng.randint(1, 40)}篇。{documents}",
                ),
            ),
            Part(
                "依申请公开",
                (
                    f"全年新收政府信息公开申请{t3['new', 'total']}件，上年结转"
                    f"{t3['carry_in', 'total']}件，办结{t3['total', 'total']}件，结转下年度"
                    f"{t3['carry_out', 'total']}件。全年发生政府信息公开行政复议"
                    f"{t4['review', 'total']}件、行政诉讼{suits}件。",
                ),
            ),
            Part("政府信息管理", ("严格落实公开前保密审查，动态更新政府信息公开目录。",)),
            Part(
                "平台建设", (f"优化政府信息公开专栏，政务新媒体发布信息{rng.randint(50, 900)}条。",)
            ),
            Part("监督保障", ("将政务公开纳入年度绩效考核，全年未发生责任追究情形。",)),
        ),
    )
    problems = Section(
        parts=(
            Part("主要问题", ("政策解读形式较为单一，部分栏目信息更新不够及时。",)),
            Part("改进情况", ("建立信息发布月度通报机制，丰富图解、视频等解读形式。",)),
        )
    )
    fees = None
    text = "本年度无其他需要报告的事项。"
    if "other_unpaid_fee" in t3.spec.row_keys:
        notices = rng.randint(1, 3) if numeric(t3["other_unpaid_fee", "total"]) else 0
        billed = Decimal(notices * rng.choice((100, 200, 380)))
        fees = ProcessingFees(notices, billed, Decimal(0))
        text = (
            f"本年度发出信息处理费收费通知{notices}件，金额{billed}元，实际收取0元。"
            if notices
            else "本年度未发出信息处理费收费通知，未收取信息处理费。"
        )
    return overview, problems, OtherMatters(paragraphs=(text,), processing_fees=fees)


@functools.cache
def _base(version: str) -> Report:
    return g.load(EXAMPLES / BASES[version])


def random_report(rng: random.Random, version: str, no_other: bool = False) -> Report:
    """A clean report of format ``version``: an example's shape with new numbers, agency,
    year, date and contact details."""
    base = _base(version)
    fmt = get_format(version)
    agency = rng.choice(AGENCIES)
    year = rng.choice(YEARS[version])
    t2 = _table2(rng, fmt.table("table2"))
    t3 = _table3(rng, fmt.table("table3"), no_other)
    t4 = _table4(rng, fmt.table("table4"))
    overview, problems, other = _prose(rng, agency, year, t2, t3, t4)
    published = None
    if rng.random() < 0.85:
        published = datetime.date(year + 1, rng.randint(1, 3), rng.randint(1, 28))
    contact = attrs.evolve(
        base.meta.contact,
        phone=f"0{rng.randint(100, 999)}-{rng.randint(1000000, 8999999)}",
        postcode=f"{rng.randint(10, 85)}{rng.randint(0, 9999):04d}",
    )
    meta = attrs.evolve(
        base.meta,
        agency=agency,
        year=year,
        published=published,
        contact=contact,
        website=f"www.{rng.choice(SITES)}.gov.cn",
    )
    return Report(
        meta, overview=overview, table2=t2, table3=t3, table4=t4, problems=problems, other=other
    )


# --- the truth, from what is printed ------------------------------------------------------

_TOKEN = {
    Kind.COUNT: re.compile(r"0|[1-9]\d*"),
    Kind.DELTA: re.compile(r"-?(?:0|[1-9]\d*)"),
    Kind.WANYUAN: re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?"),
    Kind.MONEY: re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?(?:万元|元)?"),
}
BLANKS = ("", "/", "-")


def value_of(text: str, kind: Kind) -> Stated:
    """The value a cell printed as ``text`` states."""
    if text in BLANKS:
        return Blank(text)
    if kind is Kind.MONEY:
        amount, unit = re.fullmatch(r"([\d.]+)(万元|元)?", text).groups()  # type: ignore[union-attr]
        return Money(Decimal(amount), unit or "")
    if kind is Kind.WANYUAN:
        return Decimal(text)
    return int(text)


def printed_cells(blocks: Sequence[str | Rows]) -> Iterator[Cell]:
    for block in blocks:
        if not isinstance(block, str):
            for row in block:
                yield from (c for c in row if c.key is not None)


def truth_of(report: Report, blocks: Sequence[str | Rows]) -> Report:
    """``report`` with its tables as printed in ``blocks``: every data cell printed, with
    the value its text states; a cell not printed is not in the truth."""
    fmt = report.format
    table_of = {row: t.key for t in fmt.tables for row in t.row_keys}
    stated: dict[str, dict[CellKey, Stated]] = {t.key: {} for t in fmt.tables}
    for cell in printed_cells(blocks):
        assert cell.key is not None
        table = table_of[cell.key[0]]
        assert cell.key not in stated[table], f"{cell.key} printed twice"
        stated[table][cell.key] = value_of(cell.text, fmt.table(table).fields[cell.key].kind)
    t2, t3, t4 = (Table(t, stated[t.key]) for t in fmt.tables)
    return report.replace(table2=t2, table3=t3, table4=t4)


# --- digit runs: which cells a perfect reader can determine ---------------------------------


@dataclass
class Run:
    """Data cells printed with no separator between them (a crawler's capture)."""

    table: str
    keys: list[CellKey]
    cells: list[str]
    """Each cell's text as printed."""
    spaces: frozenset[int] = frozenset()
    """After which cells the capture kept a space (“2600000 26”)."""

    @property
    def text(self) -> str:
        return "".join(c + (" " if i in self.spaces else "") for i, c in enumerate(self.cells))


Constraint = Sum | Balance


def _constraints(spec: TableSpec) -> list[Constraint]:
    return [*spec.sums, *spec.balances]


def _cells_of(rule: Constraint) -> tuple[CellKey, ...]:
    if isinstance(rule, Sum):
        return (rule.target, *rule.parts)
    return (*rule.left, *rule.right)


def _holds(rule: Constraint, values: dict[CellKey, Stated]) -> bool:
    if isinstance(rule, Sum):
        return numeric(values[rule.target]) == sum(numeric(values[p]) for p in rule.parts)
    left = sum(numeric(values[k]) for k in rule.left)
    return left == sum(numeric(values[k]) for k in rule.right)


def splits(run: Run, spec: TableSpec) -> list[tuple[Stated, ...]]:
    """Every way to cut the run into its cells (each a well-formed number of its kind, no
    leading zeros) that satisfies the declared sums lying wholly inside the run."""
    kinds = [spec.fields[k].kind for k in run.keys]
    index = {k: i for i, k in enumerate(run.keys)}
    inside: dict[int, list[Constraint]] = {}
    for rule in _constraints(spec):
        cells = _cells_of(rule)
        if all(c in index for c in cells):
            inside.setdefault(max(index[c] for c in cells), []).append(rule)
    text = run.text
    found: list[tuple[Stated, ...]] = []

    def go(pos: int, acc: tuple[Stated, ...]) -> None:
        while pos < len(text) and text[pos] == " ":
            pos += 1
        i = len(acc)
        if i == len(kinds):
            if pos == len(text):
                found.append(acc)
            return
        for end in range(pos + 1, len(text) + 1):
            token = text[pos:end]
            if " " in token:
                break
            if not _TOKEN[kinds[i]].fullmatch(token):
                continue
            now = (*acc, value_of(token, kinds[i]))
            values = dict(zip(run.keys, now, strict=False))
            if all(_holds(rule, values) for rule in inside.get(i, ())):
                go(end, now)

    go(0, ())
    return found


MAX_COMBINATIONS = 200_000


def ambiguous_cells(runs: Sequence[Run], fmt: FormatSpec) -> frozenset[tuple[str, CellKey]]:
    """The cells of ``runs`` whose value the declared sums do not decide: those that differ
    between two solutions of the whole table (every run cut, every sum and balance held)."""
    out: set[tuple[str, CellKey]] = set()
    for table in {r.table for r in runs}:
        spec = fmt.table(table)
        mine = [r for r in runs if r.table == table]
        options = [splits(r, spec) for r in mine]
        for r, found in zip(mine, options, strict=True):
            kinds = [spec.fields[k].kind for k in r.keys]
            truth = tuple(value_of(t, kind) for t, kind in zip(r.cells, kinds, strict=True))
            assert truth in found, f"{r.text}: the printed cells are not a solution"
        fixed: dict[CellKey, Stated] = {}
        open_runs = []
        for r, found in zip(mine, options, strict=True):
            if len(found) == 1:
                fixed.update(zip(r.keys, found[0], strict=True))
            else:
                open_runs.append((r, found))
        seen: dict[CellKey, set[Stated]] = {}
        for solution in _joint(open_runs, fixed, spec):
            for key, value in solution.items():
                seen.setdefault(key, set()).add(value)
        out.update((table, k) for k, values in seen.items() if len(values) > 1)
    return frozenset(out)


def _joint(
    open_runs: list[tuple[Run, list[tuple[Stated, ...]]]],
    fixed: dict[CellKey, Stated],
    spec: TableSpec,
) -> Iterator[dict[CellKey, Stated]]:
    """Every assignment of the open runs' splits that keeps the table's sums and balances.
    Past ``MAX_COMBINATIONS`` it yields every split of every open run, so that each cell
    they disagree on counts as ambiguous (the safe side: a reader may leave it unread)."""
    rules = [
        r
        for r in _constraints(spec)
        if all(c in fixed or any(c in run.keys for run, _ in open_runs) for c in _cells_of(r))
    ]
    count = 1
    for _, found in open_runs:
        count *= len(found)
    if count > MAX_COMBINATIONS:
        for run, found in open_runs:
            for split in found:
                yield dict(zip(run.keys, split, strict=True))
        return
    last: dict[int, list[Constraint]] = {}
    position = {k: i for i, (run, _) in enumerate(open_runs) for k in run.keys}
    for rule in rules:
        cells = _cells_of(rule)
        at = max((position[c] for c in cells if c in position), default=-1)
        last.setdefault(at, []).append(rule)
    values = dict(fixed)
    assert all(_holds(r, values) for r in last.get(-1, ())), "fixed cells break a sum"

    def go(i: int) -> Iterator[dict[CellKey, Stated]]:
        if i == len(open_runs):
            yield {k: values[k] for run, _ in open_runs for k in run.keys}
            return
        run, found = open_runs[i]
        for split in found:
            values.update(zip(run.keys, split, strict=True))
            if all(_holds(r, values) for r in last.get(i, ())):
                yield from go(i + 1)

    yield from go(0)


# --- a page: the report as a writer prints it ---------------------------------------------


@dataclass
class Page:
    """What a writer prints: the report's lines and tables, and the page around them."""

    head: list[str]
    """Before the first section heading: title lines, preamble, date line."""
    title_lines: int
    """How many lines of ``head`` are the title (printed centred and bold)."""
    body: list[str | Rows]
    headings: frozenset[str]
    """The section headings printed in ``body`` (``#`` headings in converted text)."""
    title: str
    """The page's own title: the portal's heading and 标题 fields, the crawler's 标题."""
    agency: str
    date: datetime.date
    """The portal's 发布时间, which is not the report's date."""
    site: str
    chrome: bool = False
    """The portal's navigation, breadcrumb, share buttons and footer around the report."""
    info_box: bool = False
    """The portal's 索引号 / 发布机构 / 标题 box above the report, instead of a heading."""


def _chrome_top(page: Page) -> list[str]:
    city = page.agency[:2]
    lines = [
        f"{city}市人民政府门户网站",
        f"首页 政务公开 政务服务 互动交流 走进{city}",
        "当前位置：首页 > 政务公开 > 法定主动公开内容 > 政府信息公开年报",
    ]
    if page.info_box:
        lines += _info_box(page)
    else:
        lines.append(page.title)
    return [
        *lines,
        f"来源：{page.agency}  发布时间：{page.date:%Y-%m-%d} 09:30  浏览：{page.date.day * 37}",
        "字号：大 中 小",
    ]


def _info_box(page: Page) -> list[str]:
    return [
        f"索引号：{page.site.upper()}-{page.date:%Y}-000{page.date.day}",
        f"发布机构：{page.agency}",
        f"生成日期：{page.date:%Y-%m-%d}",
        f"标题：{page.title}",
        "文号：",
        "主题词：",
    ]


def _chrome_bottom(page: Page) -> list[str]:
    return [
        "附件下载：",
        f"{page.title}.pdf",
        "分享到：微信 微博 QQ空间",
        "【打印本页】【关闭窗口】",
        f"主办单位：{page.agency[:2]}市人民政府办公室",
        "网站标识码：3601000021  赣ICP备05004157号-1",
    ]


# --- web pages ------------------------------------------------------------------------------


def html_page(page: Page, rng: random.Random, style: str, charset: str) -> bytes:
    """A web page: ``style`` ``plain`` (a CMS's own markup) or ``word`` (pasted from Word:
    ``MsoNormal`` paragraphs split into spans, ``&nbsp;``, the report inside a layout table);
    encoded in ``charset`` as it declares."""
    word = style == "word"
    parts: list[str] = []
    for n, line in enumerate(page.head):
        if n < page.title_lines:
            parts.append(
                _mso(line, rng, "center", "22.0pt", "方正小标宋简体")
                if word
                else f'<p style="text-align:center"><strong>{_esc(line)}</strong></p>'
            )
        else:
            parts.append(_mso(line, rng) if word else f"<p>{_esc(line)}</p>")
    for block in page.body:
        if block == PAGE_BREAK:
            parts.append('<p style="page-break-before:always"></p>')
        elif isinstance(block, str):
            if word:
                heading = block in page.headings
                parts.append(_mso(block, rng, font="黑体" if heading else "仿宋_GB2312"))
                if heading and rng.random() < 0.3:
                    parts.append("<p class=MsoNormal><span lang=EN-US>&nbsp;</span></p>")
            else:
                parts.append(f"<p>{_esc(block)}</p>")
        else:
            parts.append(_mso_table(block, rng) if word else _html_table(block))
    content = "\n".join(parts)
    if word and rng.random() < 0.5:  # old CMS templates put the article in a layout table
        content = (
            f'<table width="100%" border="0"><tr><td class="content">{content}</td></tr></table>'
        )
    content = f'<div class="TRS_Editor">{content}</div>'
    if page.info_box and not page.chrome:
        content = _html_info_box(page) + content
    if page.chrome:
        content = _html_chrome(page, content)
    if charset == "utf-8":
        meta = '<meta charset="utf-8">'
    else:
        meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    # The browser's title is the printed one (or the portal's, with its chrome), never a
    # cleaner one than the page shows.
    title = "".join(page.head[: page.title_lines]) or "政府信息公开工作年度报告"
    if page.chrome:
        title = page.title
    document = (
        f"<!DOCTYPE html><html><head>{meta}<title>{_esc(title)}</title></head>"
        f"<body>\n{content}\n</body></html>"
    )
    codec = "utf-8" if charset == "utf-8" else "gb18030" if charset == "GB18030" else "gbk"
    return document.encode(codec, errors="xmlcharrefreplace")


def _esc(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _pieces(text: str, rng: random.Random) -> list[str]:
    """``text`` cut where Word happens to start a new run (editing history, proofing marks)."""
    if len(text) < 4 or rng.random() < 0.5:
        return [text]
    cuts = sorted(rng.sample(range(1, len(text)), min(2, len(text) - 1)))
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True) if a < b]


def _mso(
    text: str,
    rng: random.Random,
    align: str = "",
    size: str = "16.0pt",
    font: str = "仿宋_GB2312",
) -> str:
    aligned = f" align={align} style='text-align:{align}'" if align else ""
    indent = "&nbsp;&nbsp;&nbsp;&nbsp;" if not align and rng.random() < 0.3 else ""
    spans = "".join(
        f"<span style='font-size:{size};font-family:{font}'>{html.escape(p)}</span>"
        for p in _pieces(text, rng)
    )
    return f"<p class=MsoNormal{aligned}>{indent}{spans}<o:p></o:p></p>"


def _mso_table(rows: Rows, rng: random.Random) -> str:
    out = [
        "<div align=center><table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 "
        "style='border-collapse:collapse;border:none'>"
    ]
    for row in rows:
        out.append("<tr style='height:20.0pt'>")
        for c in row:
            span = (f" rowspan={c.rowspan}" if c.rowspan > 1 else "") + (
                f" colspan={c.colspan}" if c.colspan > 1 else ""
            )
            paragraphs = []
            for line in c.text.split("\n"):
                inner = (
                    f"<span lang=EN-US>{html.escape(line)}</span>"
                    if c.key is not None and line
                    else html.escape(line)
                )
                if not line:  # Word writes an empty cell as a non-breaking space
                    inner = "<span lang=EN-US>&nbsp;</span>"
                paragraphs.append(
                    f"<p class=MsoNormal align=center style='text-align:center'>"
                    f"<span style='font-size:10.5pt;font-family:宋体'>{inner}</span></p>"
                )
            out.append(
                f"<td{span} valign=center style='border:solid windowtext 1.0pt;"
                f"padding:0cm 5.4pt 0cm 5.4pt'>{''.join(paragraphs)}</td>"
            )
        out.append("</tr>")
    out.append("</table></div>")
    return "".join(out)


def _html_chrome(page: Page, content: str) -> str:
    top = _chrome_top(page)
    nav = "".join(f"<div>{_esc(line)}</div>" for line in top[:3])
    heading = _html_info_box(page) if page.info_box else f"<h1>{_esc(page.title)}</h1>"
    source = "".join(f"<span>{_esc(line)}</span>" for line in top[-2:])
    bottom = _chrome_bottom(page)
    return (
        f'<div class="header">{nav}</div><div class="article">{heading}'
        f'<div class="info">{source}</div>{content}'
        f'<div class="attach">{_esc(bottom[0])}<a href="#">{_esc(bottom[1])}</a></div>'
        f'<div class="share">{_esc(bottom[2])} {_esc(bottom[3])}</div></div>'
        f'<div class="footer">{_esc(bottom[4])}<br>{_esc(bottom[5])}</div>'
        "<script>var _hmt = _hmt || []; document.title;</script>"
    )


def _html_info_box(page: Page) -> str:
    box = "".join(
        f"<tr><td>{_esc(k)}：</td><td>{_esc(v)}</td></tr>"
        for k, _, v in (line.partition("：") for line in _info_box(page))
    )
    return f'<table class="xxgk_info">{box}</table>'


# --- Word files ------------------------------------------------------------------------------

_A4 = (
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" '
    'w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>'
)
_TEXT_WIDTH = 8844  # twips: A4 less the GB/T 9704 margins


def _w_run(text: str, font: str, size: int, bold: bool = False) -> str:
    fonts = f'<w:rFonts w:ascii="{font}" w:eastAsia="{font}" w:hAnsi="{font}"/>'
    properties = f'<w:rPr>{fonts}{"<w:b/>" if bold else ""}<w:sz w:val="{size}"/></w:rPr>'
    return f'<w:r>{properties}<w:t xml:space="preserve">{html.escape(text)}</w:t></w:r>'


def _w_par(
    text: str,
    rng: random.Random | None = None,
    font: str = "仿宋_GB2312",
    size: int = 32,
    bold: bool = False,
    center: bool = False,
) -> str:
    layout = '<w:jc w:val="center"/>' if center else '<w:ind w:firstLineChars="200"/>'
    pieces = _pieces(text, rng) if rng else [text]
    runs = "".join(_w_run(p, font, size, bold) for p in pieces)
    return f"<w:p><w:pPr>{layout}</w:pPr>{runs}</w:p>"


def _w_cell_text(text: str) -> str:
    """A cell's text: one centred paragraph per printed line, as a label broken by Enter."""
    return "".join(_w_par(line, font="宋体", size=21, center=True) for line in text.split("\n"))


def _widths(columns: int) -> list[int]:
    if columns == 10:  # table 三: three label columns, then seven data columns
        return [840, 1000, 2010, *[714] * 7]
    if columns == 4:  # table 二: the label column is wider
        return [2844, 2000, 2000, 2000]
    return [_TEXT_WIDTH // columns] * columns


def _w_table_properties(columns: int, borders: bool) -> str:
    lines = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    ruled = f"<w:tblBorders>{lines}</w:tblBorders>" if borders else ""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in _widths(columns))
    return (
        f'<w:tblPr><w:tblW w:w="{_TEXT_WIDTH}" w:type="dxa"/><w:jc w:val="center"/>{ruled}'
        f'<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
    )


def docx_file(page: Page, rng: random.Random, borders: bool = True, header_rows: int = 0) -> bytes:
    """A Word document as an agency's staff type it: 仿宋 body, bold 黑体 headings, a centred
    title, ruled tables (``borders``) with the official merges (``w:gridSpan``, ``w:vMerge``)
    at GB/T 9704 margins; table 三's first ``header_rows`` rows repeat on every page."""
    body = []
    for n, line in enumerate(page.head):
        if n < page.title_lines:
            body.append(_w_par(line, font="方正小标宋简体", size=44, center=True))
        else:
            body.append(_w_par(line, rng))
    for block in page.body:
        if block == PAGE_BREAK:
            body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        elif isinstance(block, str):
            heading = block in page.headings
            body.append(_w_par(block, rng, font="黑体" if heading else "仿宋_GB2312", bold=heading))
        else:
            columns = sum(c.colspan for c in block[0])
            repeat = header_rows if columns == 10 else 0
            body.append(
                _w_table(block, _w_table_properties(columns, borders), repeat, _w_cell_text)
            )
            body.append(_w_par(""))  # Word keeps a paragraph between two tables
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}"><w:body>{"".join(body)}{_A4}</w:body></w:document>'
    )
    return zip_bytes(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": ROOT_RELS,
            "word/document.xml": document.encode("utf-8"),
        }
    )


# --- text -----------------------------------------------------------------------------------

TEXT_STYLES = (
    "tab-led",
    "tabs",
    "pipes-outer",
    "pipes",
    "pipe-lines",
    "space-runs",
    "single-space",
)
"""How a table's cells are apart in text: each cell on a line led by a tab (a browser's
copy), tab-separated rows, ``|`` with and without outer pipes, one cell per line ending in
``|``, runs of spaces (a layout-preserving PDF extraction), single spaces."""
SEPARATED = ("tab-led", "tabs", "pipes-outer", "pipes", "pipe-lines")
"""The styles in which an empty cell still shows (between its separators)."""


def text_file(page: Page, rng: random.Random, style: str) -> str:
    """The report as text copied from a web page or extracted from a PDF."""
    markdown = style == "pipes-outer" and rng.random() < 0.5  # converted to Markdown-ish text
    lines: list[str] = []
    if page.chrome:
        lines += _chrome_top(page)
    elif page.info_box:
        lines += _info_box(page)
    for n, line in enumerate(page.head):
        lines.append(f"# {line}" if markdown and n < page.title_lines else line)
    footer = 1
    for block in page.body:
        if block == PAGE_BREAK:
            lines += [f"- {footer} -", ""]
            footer += 1
        elif isinstance(block, str):
            lines.append(f"## {block}" if markdown and block in page.headings else block)
        else:
            lines += _text_table(block, style, rng, markdown)
    if page.chrome:
        lines += _chrome_bottom(page)
    gap = "\n\n" if rng.random() < 0.4 else "\n"
    return gap.join(lines) + "\n"


def _text_table(rows: Rows, style: str, rng: random.Random, markdown: bool) -> list[str]:
    out: list[str] = []
    for n, row in enumerate(rows):
        texts = [c.text for c in row]
        if style == "tab-led":
            out += [f"\t{t}" for t in texts] + [""]
        elif style == "tabs":
            out.append("\t".join(texts))
        elif style == "pipes-outer":
            out.append("| " + " | ".join(texts) + " |")
            if markdown and n == 0:
                out.append("|" + "---|" * len(texts))
        elif style == "pipes":
            out.append(" | ".join(texts))
        elif style == "pipe-lines":
            out += [f"{t}|" for t in texts]
        elif style == "space-runs":
            out.append("".join(t + " " * rng.randint(2, 6) for t in texts if t).rstrip())
        elif style == "single-space":
            out.append(" ".join(t for t in texts if t))
        elif style == "glued":  # a PDF extraction that lost the gaps between cells
            out.append("".join(texts))
        else:
            raise ValueError(style)
    return out


CRAWL_RULE = "==================== 正文 ===================="


def crawled_text(page: Page, rng: random.Random, spaces: bool) -> tuple[str, list[Run]]:
    """The report as a web crawler captured it: the crawler's header, then everything on one
    line, paragraphs and table cells joined with nothing between them (a space kept here
    and there between two cells when ``spaces``). Also the runs of data cells it made."""
    header = [
        f"标题: {page.title}",
        f"发布时间: {page.date:%Y-%m-%d} 16:{page.date.day + 10}",
        "文号: ",
        "发布机构: ",
        "栏目: 政府信息公开年报",
        f"原文链接: https://www.{page.site}.gov.cn/zwgk/ndbg/{page.date:%Y%m}/"
        f"t{page.date:%Y%m%d}_{page.date.day * 7919}.htm",
        CRAWL_RULE,
    ]
    out: list[str | Run] = [*_chrome_top(page)] if page.chrome else []
    out += page.head
    for block in page.body:
        out += [block.strip()] if isinstance(block, str) else walk(block)
    if page.chrome:
        out += _chrome_bottom(page)
    runs = [x for x in out if isinstance(x, Run)]
    if spaces:
        for run in runs:
            run.spaces = frozenset(i for i in range(len(run.cells) - 1) if rng.random() < 0.08)
    line = "".join(x if isinstance(x, str) else x.text for x in out)
    return "\n".join([*header, line]) + "\n", runs


def walk(rows: Rows) -> list[str | Run]:
    """A table's cells in reading order, each run of data cells with nothing printed between
    them made one ``Run`` (a label ends a run; an empty cell leaves no trace)."""
    out: list[str | Run] = []
    run: Run | None = None
    for row in rows:
        for c in row:
            if c.key is None:
                if c.text:
                    run = None
                    out.append(c.text)
                continue
            if run is None:
                run = Run(_ROW_TABLES[c.key[0]], [], [])
                out.append(run)
            run.keys.append(c.key)
            run.cells.append(c.text)
    return out


_ROW_TABLES = {
    row: t.key for v in ("2019", "2021") for t in get_format(v).tables for row in t.row_keys
}


# --- the classes of variation ---------------------------------------------------------------


@dataclass
class Draft:
    """A variant being made: the report, its layout, and what the recipe sets for the page."""

    rng: random.Random
    report: Report
    published: Published
    head: list[str]
    page_date: datetime.date
    title_lines: int = 1
    chrome: bool | None = None
    """None: the writer's choice (now and then, for web pages and copied text)."""
    info_box: bool = False
    text_styles: tuple[str, ...] = TEXT_STYLES
    html_styles: tuple[str, ...] = ("plain", "word")
    borders: bool = True
    header_rows: int = 0
    crawl: bool = False
    glued: bool = False

    @property
    def title(self) -> str:
        return self.published.title

    def rows(self, table: str) -> Rows:
        return self.published.tables[table]

    def restate(self, published: datetime.date) -> None:
        """Give the report a date (before it is printed)."""
        meta = attrs.evolve(self.report.meta, published=published)
        self.report = attrs.evolve(self.report, meta=meta)
        self.published.report = self.report


@dataclass(frozen=True)
class Recipe:
    klass: str
    variation: str
    sources: tuple[str, ...]
    apply: Callable[[Draft, str], None]
    versions: tuple[str, ...] = ("2021", "2019")
    no_other: bool = False
    """Draw no （六） outcomes: the layout prints the 2019-style single （六） row of zeros."""
    deviation: bool = False
    """The truth departs from the format (``validate`` reports it): not a clean report."""


ALL = ("pdf", "html", "docx", "txt")
WEB = ("html", "txt")
WORD = ("pdf", "docx")


def _preamble(d: Draft) -> str:
    y = d.report.meta.year
    who = d.report.meta.agency
    return (
        "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和国务院办公厅政府信息与政务"
        f"公开办公室关于政府信息公开工作年度报告格式的要求，{who}编制本报告。本报告所列数据的"
        f"统计期限自{y}年1月1日起至{y}年12月31日止。本报告电子版可在"
        f"{d.report.meta.website}查阅或下载。如对本报告有疑问，请与{who}办公室联系。"
    )


# 1 — title, agency and year


def _title_preamble(d: Draft, source: str) -> None:
    d.head = [d.title, _preamble(d)]
    d.chrome = False


def _title_date_line(d: Draft, source: str) -> None:
    if source in WEB and d.rng.random() < 0.5:
        # The portal's date under the title, which is not the report's own date.
        d.head = [d.title, f"发布日期：{d.page_date:%Y-%m-%d}"]
    else:
        date = d.report.meta.published or datetime.date(d.report.meta.year + 1, 1, 20)
        d.restate(published=date)
        d.head = [d.title, f"（{date.year}年{date.month}月{date.day}日）"]
    d.chrome = False


def _title_chrome(d: Draft, source: str) -> None:
    d.chrome = True
    d.head = [d.title] if d.rng.random() < 0.5 else []  # the portal's heading may be the only one
    d.title_lines = len(d.head)


def _title_prefix(d: Draft, source: str) -> None:
    d.chrome = False
    if d.rng.random() < 0.5:
        d.info_box = True  # 索引号 / 发布机构 / 标题 … above the report
        d.head = []
        d.title_lines = 0
    else:
        d.head = [f"标题{d.rng.choice('：:')}{d.title}"]


def _title_two_lines(d: Draft, source: str) -> None:
    m = d.report.meta
    d.head = (
        [m.agency, f"{m.year} 年政府信息公开工作年度报告"]
        if d.rng.random() < 0.5
        else [f"{m.agency}{m.year}年", "政府信息公开工作年度报告"]
    )
    d.title_lines = 2
    d.chrome = False


def _title_year_first(d: Draft, source: str) -> None:
    m = d.report.meta
    d.head = [f"{m.year}年{d.rng.choice(('度', ''))}{m.agency}政府信息公开工作年度报告"]
    d.chrome = False


def _title_without_gongzuo(d: Draft, source: str) -> None:
    m = d.report.meta
    d.head = [f"{m.agency}{m.year}年{d.rng.choice(('度', ''))}政府信息公开年度报告"]
    d.chrome = False


def _title_period_only(d: Draft, source: str) -> None:
    # No title at all: the year is only in the statistics period (and the signature's date,
    # a year later), the agency in the preamble's sentences and the signature.
    d.head = [_preamble(d)]
    d.title_lines = 0
    d.chrome = False


# 2 — section headings

_HEADING_WORDING = {
    "overview": ("一、总体情况概述",),
    "table2": ("二、主动公开政府信息情况统计", "二、主动公开政府信息的情况"),
    "table3": ("三、收到和处理政府信息公开申请的情况", "三、收到和处理政府信息公开申请情况统计"),
    "table4": (
        "四、政府信息公开行政复议、行政诉讼的情况",
        "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "四、因政府信息公开申请行政复议、提起行政诉讼的情况",
    ),
    "problems": ("五、政府信息公开工作存在的主要问题及改进情况", "五、存在的主要问题和改进情况"),
    "other": ("六、其他需要报告的事项说明",),
}
_NUMERALS = "一二三四五六"


def _headings_renumbered(d: Draft, source: str) -> None:
    style = d.rng.choice(("{i}、{t}", "（{n}）{t}", "{n}．{t}", "{i}.{t}", "第{n}部分 {t}"))
    for key, title in d.published.headings.items():
        n, _, t = title.partition("、")
        d.published.headings[key] = style.format(n=n, i=_NUMERALS.index(n) + 1, t=t)
    if style.startswith("（"):  # then the parts of section 一 are numbered 1. 2. …
        d.published.part_format = "{i}.{heading}"


def _headings_missing(d: Draft, source: str) -> None:
    gone = d.rng.choice((("table2",), ("table3",), ("table4",), ("table2", "table3", "table4")))
    for key in gone:
        d.published.headings[key] = ""


def _headings_wording(d: Draft, source: str) -> None:
    for key, titles in _HEADING_WORDING.items():
        if d.rng.random() < 0.7:
            d.published.headings[key] = d.rng.choice(titles)


def _headings_lookalike(d: Draft, source: str) -> None:
    # Section 一's parts named like the sections that follow, as many reports name them.
    names = ("主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息资源管理")
    overview = d.report.overview
    assert overview is not None
    parts = tuple(
        attrs.evolve(p, heading=names[i]) if i < len(names) else p
        for i, p in enumerate(overview.parts)
    )
    d.report = d.report.replace(overview=attrs.evolve(overview, parts=parts))
    d.published.report = d.report
    if d.rng.random() < 0.5:
        d.published.part_format = "{n}、{heading}"  # “二、主动公开政府信息情况” inside 一


# 3 — row labels


def _row_labels(rows: Rows) -> list[Cell]:
    """The label cells of the rows that hold data (not the column headers)."""
    return [c for row in rows if any(x.key for x in row) for c in row if c.header and c.text]


def _long_labels(d: Draft, tables: Sequence[str] = ("table3",), length: int = 8) -> list[Cell]:
    return [c for t in tables for c in _row_labels(d.rows(t)) if len(c.text) >= length]


_ENUMERATED = re.compile(r"^(\d)\.")


def _labels_enumeration(d: Draft, source: str) -> None:
    style = d.rng.choice(("{d}、", "{d}．", "（{d}）", "({d})", "{d}. "))
    for c in _row_labels(d.rows("table3")):
        c.text = _ENUMERATED.sub(lambda m: style.format(d=m.group(1)), c.text)


_PREFIX = re.compile(r"^(?:[一二三四]、|（[一二三四五六七]）)")


def _labels_no_prefix(d: Draft, source: str) -> None:
    for c in _row_labels(d.rows("table3")):
        c.text = _PREFIX.sub("", c.text)


def _labels_wrapped(d: Draft, source: str) -> None:
    for c in _long_labels(d, ("table2", "table3"), 9):
        if d.rng.random() < 0.6:
            at = d.rng.randint(len(c.text) // 3, 2 * len(c.text) // 3)
            c.text = c.text[:at] + "\n" + c.text[at:]


def _labels_inner_spaces(d: Draft, source: str) -> None:
    for c in d.rng.sample(_long_labels(d), 4):
        at = d.rng.randint(2, len(c.text) - 2)
        c.text = c.text[:at] + " " + c.text[at:]  # “只计这一情 形”


def _labels_typo(d: Draft, source: str) -> None:
    for c in d.rng.sample(_long_labels(d, length=9), 2):
        at = d.rng.randint(4, len(c.text) - 3)
        c.text = c.text[:at] + c.text[at + 1 :]  # one character dropped


_LABEL_WORDING = {
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": (
        "（二）部分公开（区分处理的，只计这一情形，不计其它情形）"
    ),
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": (
        "1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请"
    ),
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": (
        "2.申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请"
    ),
    "3.危及“三安全一稳定”": '3.危及"三安全一稳定"',
    "行政规范性文件": "规范性文件",
    "规范性文件": "行政规范性文件",
    "本年收费金额（单位：万元）": "本年收费金额(单位:万元)",
    "一、本年新收政府信息公开申请数量": "一、本年新收政府信息公开申请数",
    "（七）总计": "（七）合计",
}


def _labels_other_wording(d: Draft, source: str) -> None:
    for key in ("table2", "table3"):
        for row in d.rows(key):
            for c in row:
                if c.header and c.text in _LABEL_WORDING:
                    c.text = _LABEL_WORDING[c.text]


# 4 — cells in text


def _cells(style: str, blanks: bool = False) -> Callable[[Draft, str], None]:
    def apply(d: Draft, source: str) -> None:
        d.text_styles = (style,)
        if blanks:
            _blank_zeros(d, "", 0.3)

    return apply


# 5 — digits run together


def _runs_crawled(d: Draft, source: str) -> None:
    d.crawl = True
    d.chrome = d.rng.random() < 0.4
    if d.rng.random() < 0.5:  # the body has no title: only the crawler's 标题 line names it
        d.head = []
        d.title_lines = 0


def _runs_glued(d: Draft, source: str) -> None:
    d.glued = True


# 6 — layouts

_T4_CAPTIONS = (
    ("（一）行政复议", "（二）行政诉讼（未经复议直接起诉）", "（三）行政诉讼（复议后起诉）"),
    ("行政复议情况", "未经复议直接起诉的行政诉讼情况", "复议后起诉的行政诉讼情况"),
)
_T4_HEADER = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def _layout_table4_captioned(d: Draft, source: str) -> None:
    data = d.rows("table4")[3]
    printed: list[str | Rows] = []
    for n, caption in enumerate(d.rng.choice(_T4_CAPTIONS)):
        header = [Cell(t, header=True) for t in _T4_HEADER]
        printed += [caption, [header, data[5 * n : 5 * n + 5]]]
    d.published.printed["table4"] = printed


def _layout_table2_small_tables(d: Draft, source: str) -> None:
    rows = d.rows("table2")
    starts = [i for i, row in enumerate(rows) if row[0].colspan == 4]
    inside = d.rng.random() < 0.5  # the caption as the small table's first row, or above it
    printed: list[str | Rows] = []
    for a, b in zip(starts, [*starts[1:], len(rows)], strict=True):
        printed += [rows[a:b]] if inside else [rows[a][0].text, rows[a + 1 : b]]
    d.published.printed["table2"] = printed


def _layout_table3_page_break(d: Draft, source: str) -> None:
    if source == "pdf":
        # A long table that runs onto the next page, its header rows repeated by the program.
        d.header_rows = 3
        return
    rows = d.rows("table3")
    d.published.split["table3"] = d.rng.randint(6, len(rows) - 3)
    first, second = d.published._pages("table3")
    d.published.printed["table3"] = [first, PAGE_BREAK, second]


def _layout_2019_other_row(d: Draft, source: str) -> None:
    rows = d.rows("table3")
    at = [
        i
        for i, row in enumerate(rows)
        if any((c.key or ("",))[0].startswith("other_") for c in row)
    ]
    zeros = [Cell("0") for _ in range(7)]
    _replace_rows(
        rows, at[0], at[-1] + 1, [[Cell("（六）其他处理", colspan=2, header=True), *zeros]]
    )


def _replace_rows(rows: Rows, start: int, stop: int, new: Rows) -> None:
    """Replace ``rows[start:stop]`` by ``new``, shortening or lengthening the label cells
    above that span into them."""
    for r in range(start):
        for c in rows[r]:
            end = r + c.rowspan
            if end > start:
                c.rowspan -= min(end, stop) - start
                if end >= stop:
                    c.rowspan += len(new)
    rows[start:stop] = new


def _layout_borderless(d: Draft, source: str) -> None:
    d.borders = False


# 7 — merged and empty cells


def _merged_official(d: Draft, source: str) -> None:
    pass  # the official merges as Word writes them: the baseline of this class


def _merged_empty_sublabel(d: Draft, source: str) -> None:
    # A label meant to span both label columns drawn as a label and an empty cell beside it.
    for row in d.rows("table3"):
        for i, c in enumerate(row):
            if c.header and c.colspan == 2:
                c.colspan = 1
                row.insert(i + 1, Cell(""))
                break


def _merged_empty_rows(d: Draft, source: str) -> None:
    for row in d.rows("table3"):
        data = [c for c in row if c.key]
        if data and all(c.text == "0" for c in data) and d.rng.random() < 0.7:
            for c in data:
                c.text = ""


# 9 — blank cells and placeholders


def _zeros(d: Draft, tables: Sequence[str] = ("table3", "table4")) -> list[Cell]:
    return [c for t in tables for row in d.rows(t) for c in row if c.key and c.text == "0"]


def _blank_zeros(d: Draft, text: str, p: float) -> None:
    for c in _zeros(d):
        if d.rng.random() < p:
            c.text = text


def _dirty_blank(d: Draft, source: str) -> None:
    d.text_styles = SEPARATED
    if d.rng.random() < 0.5:
        _blank_zeros(d, "", 0.3)
    else:  # the 总计 column left blank, as 上海 2019 did
        for row in d.rows("table3"):
            for c in row:
                if c.key and c.key[1] == "total":
                    c.text = ""


def _dirty_slash(d: Draft, source: str) -> None:
    if d.rng.random() < 0.5:
        _blank_zeros(d, "/", 1.0)
    else:  # the applicant columns nobody used
        unused = {
            col
            for col in ("research", "social_welfare", "legal_services", "other")
            if all(c.text == "0" for c in _column(d, col))
        }
        for col in unused:
            for c in _column(d, col):
                c.text = "/"


def _column(d: Draft, col: str) -> list[Cell]:
    return [c for row in d.rows("table3") for c in row if c.key and c.key[1] == col]


def _dirty_dash(d: Draft, source: str) -> None:
    for c in _zeros(d, ("table4",)):
        c.text = "-"
    _blank_zeros(d, "-", 0.5)


RECIPES = (
    Recipe("title", "title-preamble", ALL, _title_preamble),
    Recipe("title", "title-date-line", ALL, _title_date_line),
    Recipe("title", "title-chrome", WEB, _title_chrome),
    Recipe("title", "title-prefix", WEB, _title_prefix),
    Recipe("title", "title-two-lines", ALL, _title_two_lines),
    Recipe("title", "title-year-first", ALL, _title_year_first),
    Recipe("title", "title-without-gongzuo", ALL, _title_without_gongzuo),
    Recipe("title", "title-period-only", ALL, _title_period_only),
    Recipe("headings", "headings-renumbered", ALL, _headings_renumbered),
    Recipe("headings", "headings-missing", ALL, _headings_missing),
    Recipe("headings", "headings-wording", ALL, _headings_wording),
    Recipe("headings", "headings-lookalike", ALL, _headings_lookalike),
    Recipe("labels", "labels-enumeration", ALL, _labels_enumeration),
    Recipe("labels", "labels-no-prefix", ALL, _labels_no_prefix),
    Recipe("labels", "labels-wrapped", ALL, _labels_wrapped),
    Recipe("labels", "labels-inner-spaces", ALL, _labels_inner_spaces),
    Recipe("labels", "labels-typo", ALL, _labels_typo),
    Recipe("labels", "labels-other-wording", ALL, _labels_other_wording),
    *(Recipe("cells", f"cells-{style}", ("txt",), _cells(style)) for style in TEXT_STYLES),
    Recipe("cells", "cells-blank-between-separators", ("txt",), _cells("pipes", blanks=True)),
    Recipe("cells", "cells-blank-between-tabs", ("txt",), _cells("tabs", blanks=True)),
    Recipe("runs", "runs-crawled", ("txt",) * 3, _runs_crawled),
    Recipe("runs", "runs-glued", ("txt",), _runs_glued),
    Recipe("layout", "layout-table4-captioned", ALL, _layout_table4_captioned),
    Recipe("layout", "layout-table2-small-tables", ALL, _layout_table2_small_tables),
    Recipe("layout", "layout-table3-page-break", ALL, _layout_table3_page_break),
    Recipe(
        "layout",
        "layout-2019-other-row",
        ALL,
        _layout_2019_other_row,
        versions=("2021",),
        no_other=True,
        deviation=True,
    ),
    Recipe("layout", "layout-borderless", WORD, _layout_borderless),
    Recipe("merged", "merged-official", WORD, _merged_official),
    Recipe("merged", "merged-empty-sublabel", (*WORD, "html"), _merged_empty_sublabel),
    Recipe("merged", "merged-empty-rows", WORD, _merged_empty_rows),
    Recipe("dirty", "dirty-blank", ALL, _dirty_blank),
    Recipe("dirty", "dirty-slash", ALL, _dirty_slash),
    Recipe("dirty", "dirty-dash", ALL, _dirty_dash),
)


# --- the corpus -----------------------------------------------------------------------------


def make_variant(n: int, recipe: Recipe, source: str, version: str, seed: int) -> Variant:
    rng = random.Random(f"{seed}/{n}/{recipe.variation}/{source}")
    report = random_report(rng, version, recipe.no_other)
    published = Published.of(report)
    date = report.meta.published or datetime.date(report.meta.year + 1, 1, 15)
    draft = Draft(
        rng,
        report,
        published,
        head=[published.title],
        page_date=date + datetime.timedelta(days=rng.randint(0, 6)),
    )
    recipe.apply(draft, source)
    body = draft.published.blocks()
    page = Page(
        head=draft.head,
        title_lines=min(draft.title_lines, len(draft.head)),
        body=body,
        headings=frozenset(h for h in draft.published.headings.values() if h),
        title=draft.title,
        agency=draft.report.meta.agency,
        date=draft.page_date,
        site=rng.choice(SITES),
        chrome=draft.chrome if draft.chrome is not None else source in WEB and rng.random() < 0.3,
        info_box=draft.info_box,
    )
    data, suffix, detail, runs = _write(draft, page, source)
    return Variant(
        name=f"{n:03d}-{recipe.variation}-{source}",
        klass=recipe.klass,
        variation=recipe.variation,
        source=source,
        suffix=suffix,
        data=data,
        truth=truth_of(draft.report, body),
        ambiguous=ambiguous_cells(runs, draft.report.format),
        detail=detail,
    )


def _write(d: Draft, page: Page, source: str) -> tuple[bytes, str, str, list[Run]]:
    rng = d.rng
    chrome = ["chrome"] if page.chrome else []
    if source in WORD:
        detail = ("ruled" if d.borders else "borderless") + (
            "-header-rows" if d.header_rows else ""
        )
        return docx_file(page, rng, d.borders, d.header_rows), f".{source}", detail, []
    if source == "html":
        style = rng.choice(d.html_styles)
        charset = rng.choice(("utf-8", "utf-8", "utf-8", "gb2312", "gbk", "GB18030"))
        data = html_page(page, rng, style, charset)
        detail = "-".join([style, charset.lower(), *chrome])
        return data, rng.choice((".html", ".htm")), detail, []
    if d.crawl:
        spaces = rng.random() < 0.5
        text, runs = crawled_text(page, rng, spaces)
        return text.encode(), ".txt", "-".join(["crawled", *(["spaces"] * spaces), *chrome]), runs
    style = "glued" if d.glued else rng.choice(d.text_styles)
    text = text_file(page, rng, style)
    runs = [x for b in page.body if not isinstance(b, str) for x in walk(b) if isinstance(x, Run)]
    encoding = "gbk" if rng.random() < 0.15 else "utf-8"  # a text file saved on Windows
    detail = "-".join([style, encoding, *chrome])
    return text.encode(encoding), ".txt", detail, runs if d.glued else []


def corpus(seed: int = 11, repeats: int = 2) -> list[Variant]:
    """Every recipe in every source format it applies to, ``repeats`` times over with other
    numbers, alternating the format versions: 236 variants by default."""
    out: list[Variant] = []
    for rep in range(repeats):
        for i, recipe in enumerate(RECIPES):
            for j, source in enumerate(recipe.sources):
                version = recipe.versions[(rep + i + j) % len(recipe.versions)]
                out.append(make_variant(len(out), recipe, source, version, seed))
    return out


DEVIATIONS = frozenset(r.variation for r in RECIPES if r.deviation)
"""The variations whose truth departs from the format (validate reports it, rightly)."""


def write_corpus(
    variants: Sequence[Variant], directory: Path, soffice: str | None
) -> list[tuple[Variant, Path]]:
    """Write every variant into ``directory``. The PDF variants are printed by LibreOffice
    (``soffice``) from their docx, all in one run of it; without ``soffice`` they are left
    out. Returns each variant written with its file."""
    written: list[tuple[Variant, Path]] = []
    to_print: list[tuple[Variant, Path]] = []
    for v in variants:
        if v.source == "pdf":
            if soffice is not None:
                source = directory / f"{v.name}.docx"
                source.write_bytes(v.data)
                to_print.append((v, source))
            continue
        path = directory / f"{v.name}{v.suffix}"
        path.write_bytes(v.data)
        written.append((v, path))
    if to_print:
        result = libreoffice([s for _, s in to_print], "pdf", directory, soffice)
        for v, source in to_print:
            pdf = source.with_suffix(".pdf")
            if not pdf.exists():
                raise RuntimeError(f"LibreOffice did not print {source.name}: {result.stderr}")
            source.unlink()
            written.append((v, pdf))
    return sorted(written, key=lambda w: w[0].name)
