"""Web pages as portals publish them: the report found inside the page's chrome, in any encoding.

A government portal wraps a report in a header, navigation, breadcrumb, share buttons, an
attachment list, a sidebar and a footer. The report is found by its own anchors, the six
section headings (一、总体情况 … 六、其他需要报告的事项) and the first row of table 二: the
smallest element holding them, widened to a CMS content container (``TRS_Editor``, ``#zoom`` …)
and to the report's own title, preamble and signature next to it. Only that is read, preceded by
the page's title, so that agency and year are found where the body has no title of its own.

Word-pasted markup is read as a browser shows it: a layout table holding the report is walked
into, never read as one cell; hidden content is skipped; ``<br>`` ends a line of prose.
"""

from __future__ import annotations

import codecs
import difflib
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import lxml.html
from lxml import etree

from ..formats import FORMATS
from .items import AGENCY_END, Item, decode, normalize
from .safety import UnreadableError

SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")

Element = etree._Element

# --- Encoding ----------------------------------------------------------------------------

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


def decode_page(data: bytes) -> str:
    """A page's text (:func:`.items.decode`), with the encoding it declares if that is one a
    web page can really be in."""
    return decode(data, _declared(data))


# --- Parsing and walking -----------------------------------------------------------------

_PARSER = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
# lxml refuses NUL and other control characters in a str; a browser ignores them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")

_BLOCKS = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "nav",
        "aside",
        "blockquote",
        "pre",
        "address",
        "figure",
        "figcaption",
        "form",
        "fieldset",
        "center",
        "hr",
        "body",
        "html",
    }
)
_SKIP = frozenset(
    {
        "head",
        "title",
        "script",
        "style",
        "noscript",
        "template",
        "caption",
        "button",
        "input",
        "select",
        "option",
        "textarea",
        "iframe",
        "frame",
        "object",
        "embed",
        "svg",
        "math",
        "canvas",
        "audio",
        "video",
        "img",
        "map",
    }
)
_HIDDEN_STYLE = re.compile(
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all)", re.I
)
# Word wraps its HTML source at ~80 columns, anywhere in Chinese text; such a line break next
# to a Chinese character is no space in the text (Chinese puts no spaces between words, nor
# between a number and its measure word: “27\n篇” is 27篇).
_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_SEGMENT_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n\s*|[ \t\r\f]*\n\s*(?=[{_CJK}])")
_SPACE = re.compile(r"\s+")


def _clean(raw: str) -> str:
    if raw.isalnum():  # most cells: a number or a label without spaces, nothing to clean
        return raw
    return _SPACE.sub(" ", _SEGMENT_BREAK.sub("", raw)).strip()


def _all(element: Element) -> str:
    """Every text inside ``element``, hidden or not (to size and classify it, not to read it)."""
    return "".join(element.itertext())


def _tag(element: Element) -> str:
    tag = element.tag
    return tag if isinstance(tag, str) else ""  # lxml's HTML parser gives tags in lower case


def _hidden(element: Element) -> bool:
    return element.get("hidden") is not None or bool(
        _HIDDEN_STYLE.search(element.get("style") or "")
    )


@dataclass
class _Line:
    text: str
    cell: bool
    node: Element
    """The block (or table cell) the line was read from."""


class _Walker:
    """The page's lines as a browser lays them out: block texts, ``<br>``-separated lines and
    table cells, in document order, each with the element it came from."""

    def __init__(self, show_hidden: bool) -> None:
        self.show_hidden = show_hidden
        self.lines: list[_Line] = []
        self._buffer: list[str] = []
        self._blocks: list[Element] = []

    def skipped(self, element: Element) -> bool:
        tag = _tag(element)
        return not tag or tag in _SKIP or (not self.show_hidden and _hidden(element))

    def walk(self, root: Element) -> list[_Line]:
        self._blocks.append(root)
        self._children(root)
        self._flush()
        return self.lines

    def _flush(self) -> None:
        text = _clean("".join(self._buffer))
        self._buffer.clear()
        if text:
            self.lines.append(_Line(text, False, self._blocks[-1]))

    def _children(self, element: Element) -> None:
        if element.text:
            self._buffer.append(element.text)
        for child in element:
            self._visit(child)
            if child.tail:
                self._buffer.append(child.tail)

    def _visit(self, element: Element) -> None:
        if self.skipped(element):
            return
        tag = _tag(element)
        if tag == "br":
            self._flush()
        elif tag == "table":
            self._flush()
            self._table(element)
        elif tag == "pre":
            self._flush()
            self._pre(element)
        elif tag in _BLOCKS or tag in ("td", "th"):
            self._flush()
            self._blocks.append(element)
            self._children(element)
            self._flush()
            self._blocks.pop()
        else:
            self._children(element)

    def _pre(self, pre: Element) -> None:
        """Preformatted text (a report pasted as plain text): its source lines are its lines."""
        for line in self._source(pre, blocks=False).splitlines():
            if line.strip():
                self.lines.append(_Line(_SPACE.sub(" ", line).strip(), False, pre))

    def _source(self, element: Element, blocks: bool) -> str:
        """The text of ``element`` and what it holds, hidden parts skipped, a line break for
        each ``<br>`` (and, with ``blocks``, around each block element)."""
        parts: list[str] = []

        def collect(node: Element) -> None:
            if node.text:
                parts.append(node.text)
            for child in node:
                if not self.skipped(child):
                    apart = _tag(child) == "br" or (blocks and _tag(child) in _BLOCKS)
                    parts.append("\n" if apart else "")
                    collect(child)
                    parts.append("\n" if apart and blocks else "")
                if child.tail:
                    parts.append(child.tail)

        collect(element)
        return "".join(parts)

    def _table(self, table: Element) -> None:
        for part in table:
            tag = _tag(part)
            if tag in ("thead", "tbody", "tfoot"):
                for row in part:
                    self._row(row)
            elif tag == "tr":
                self._row(part)
            else:
                self._visit(part)  # stray content of malformed markup is still shown

    def _row(self, row: Element) -> None:
        if _tag(row) != "tr":
            self._visit(row)
            return
        if self.skipped(row) or _spacer(row):
            return
        for cell in row:
            if _tag(cell) not in ("td", "th"):
                self._visit(cell)
            elif self.skipped(cell):
                continue
            elif any(True for _ in cell.iterdescendants("table")):
                self._visit(cell)  # a layout cell: the report's tables are inside it
            else:
                text = self._cell_text(cell)
                if _layout(cell, text):
                    self._visit(cell)
                else:
                    self.lines.append(_Line(text, True, cell))

    def _cell_text(self, cell: Element) -> str:
        """A cell's text; its lines (``<br>``, paragraphs) joined as :func:`_clean` joins
        source lines: a narrow column's “商业<br>企业” is 商业企业, “1<br>0” stays two values."""
        if not len(cell):  # text only, the usual cell: nothing inside to skip or break at
            return _clean(cell.text or "")
        return _clean(self._source(cell, blocks=True))


def _spacer(row: Element) -> bool:
    """The zero-height row Word appends to a table to fix its column widths."""
    height = (row.get("height") or "").strip().lower()
    style = (row.get("style") or "").replace(" ", "").lower()
    if height not in ("0", "0px") and "height:0" not in style:
        return False
    return not "".join(row.itertext()).strip()


_LONG_CELL = 300
"""A table cell with more text than this in several paragraphs is a layout cell: no cell of
the report's tables comes near it."""


def _layout(cell: Element, text: str) -> bool:
    """A cell (with ``text``) that lays out the report: a section heading, or pages of prose;
    not a cell of its tables."""
    if len(text) <= 60:
        return section_number(text) is not None
    blocks = sum(1 for e in cell.iterdescendants(*_BLOCKS) if _all(e).strip())
    return blocks >= 2 and len(text) > _LONG_CELL


# --- The report's anchors ----------------------------------------------------------------

_ORDINALS = "一二三四五六"
# A section's number as reports write it (after normalize: 、 is “,” and ． is “.”).
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+|\d{1,2})[,.]|^第[一二三四五六七八九十]+部分")


def _section_titles() -> dict[str, int]:
    titles: dict[str, int] = {}
    for fmt in FORMATS.values():
        for spec in fmt.sections:
            n = _ORDINALS.index(spec.title[0]) + 1
            for title in (spec.title, *spec.aliases):
                titles[_NUMBERED.sub("", normalize(title))] = n
    return titles


_TITLES = _section_titles()
_MAYBE_SECTION = re.compile("[一二三四五六七八九十]|情况|事项")


@functools.lru_cache(maxsize=4096)  # cells and lines repeat: "0", the official labels
def section_number(text: str) -> int | None:
    """The number (1–6) of the section whose heading ``text`` is, written the official way or
    close to it (“一、总体情况”, “四、行政复议、行政诉讼情况”, “总体情况”)."""
    if not _MAYBE_SECTION.search(text):
        return None  # most lines and cells: no ordinal, no 情况 or 事项
    t = normalize(text).rstrip(",.:;")
    if len(t) > 40 or "。" in t:
        return None
    body = _NUMBERED.sub("", t)
    if body in _TITLES:
        return _TITLES[body]
    if body == t or len(body) < 2:
        return None  # loosely matched only when numbered as a section
    best = max(_TITLES, key=lambda title: difflib.SequenceMatcher(None, body, title).ratio())
    return _TITLES[best] if difflib.SequenceMatcher(None, body, best).ratio() >= 0.7 else None


_TABLE2_ANCHOR = normalize("第二十条第（一）项")


def _rank(line: _Line) -> int | None:
    """Where in a report a line is an anchor: section n ranks 2n, table 二's first row 5."""
    if line.cell:
        return 5 if normalize(line.text).startswith(_TABLE2_ANCHOR) else None
    n = section_number(line.text)
    return None if n is None else 2 * n


@dataclass
class _Report:
    anchors: list[int]
    """Indices of the report's anchor lines, in order."""
    ranks: set[int]

    def complete(self, lines: Sequence[_Line]) -> bool:
        """Two anchors or more with a report between them: a table, or more than a list of
        headings (a table of contents or a teaser lists them with nothing in between)."""
        if len(self.ranks) < 2:
            return False
        inside = lines[self.anchors[0] : self.anchors[-1] + 1]
        prose = sum(len(x.text) for x in inside if not x.cell)
        return any(x.cell for x in inside) or prose > 200 + 40 * len(self.anchors)


def _reports(lines: Sequence[_Line]) -> list[_Report]:
    """The anchors grouped into reports: a new report begins where the order goes back. A
    heading given twice in a row (as heading and again as the table's caption) is the same
    report's, unless a report's title stands between the two."""
    reports: list[_Report] = []
    last, at = 0, 0
    for i, line in enumerate(lines):
        rank = _rank(line)
        if rank is None:
            continue
        again = rank == last and any(not x.cell and _title_like(x.text) for x in lines[at + 1 : i])
        if not reports or rank < last or again:
            reports.append(_Report([], set()))
        reports[-1].anchors.append(i)
        reports[-1].ranks.add(rank)
        last, at = rank, i
    return reports


# --- Page chrome -------------------------------------------------------------------------


# Class and id words (split at “_” and “-”) of page furniture, as portals name it in English
# and in pinyin: breadcrumb (当前位置), share and print tools, attachments (附件), navigation,
# related links (相关文章), paging (上一篇/下一篇), QR codes (二维码).
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_NAV_TOKENS = _words(
    """
    breadcrumb breadcrumbs crumb crumbs bread position location weizhi dqwz
    share sharebox bdshare jiathis fenxiang print dayin close guanbi
    attach attachment attachments fujian fj download downloads xiazai
    nav navbar navigation menu submenu sidebar aside
    related relate xgwz xglj xgxx relnews prev next prevnext pager pagination fanye
    qrcode ewm erweima toolbar tools search comment comments copyright login skip fontsize zihao
    """
)
# Regions of the page around the article; inside the report an element may be named so.
_PAGE_TOKENS = _words("header footer banner")
_PAGE_TAGS = frozenset({"nav", "aside", "header", "footer", "menu"})
_TABLE_PARTS = frozenset({"table", "thead", "tbody", "tfoot", "tr", "td", "th"})
_SHARE = r"(?:微信|微博|QQ空间|QQ好友|QQ|朋友圈|新浪微博|腾讯微博|人人网|豆瓣|分享)"
_CHROME_TEXT = re.compile(
    r"^(?:当前|您的|您现在的|你现在的|你的|所在)位置"
    r"|分享到"
    rf"|^{_SHARE}(?:[\s|/、,，]*{_SHARE})*$"
    r"|打印本页|打印此页|打印文章|关闭窗口|关闭本页|[【\[](?:打印|关闭|收藏)[】\]]"
    r"|^(?:打印|关闭|收藏|返回|返回顶部|顶部|全真版|文字版)$"
    r"|^(?:上一篇|下一篇|上一条|下一条)"
    r"|^(?:附件下载|相关附件|附件列表)|^附件[：:]"
    r"|扫一扫|二维码"
    r"|^字号|字体[：:]\s*[【\[]?\s*大|[【\[]\s*大\s*中\s*小\s*[】\]]"
    r"|浏览次数|阅读次数|访问次数|点击数|点击量|浏览量"
    r"|^(?:信息)?来源[：:]|^发布(?:时间|日期)[：:]|^(?:时间|日期)[：:]|^(?:责任)?编辑[：:]"
    r"|^相关(?:链接|文章|阅读|新闻|信息)"
)
_SHORT = 80
"""Chrome text is looked for in elements no longer than this: a line of page furniture."""
_FILE_LINK = re.compile(r"\.(?:docx?|wps|pdf|xlsx?|et|zip|rar|7z|ofd|txt)(?:[?#].*)?$", re.I)

# Content containers of the CMSs government portals run (TRS, Hanweb, Ucap …): what is in them
# is the article. The generic names are used only where the report's anchors are not found.
_CMS = _words(
    """
    trs_editor trs_ueditor custom_unionstyle trs_paper_default zoom fontzoom ucap-content
    pages_content pages-content article_content article-content news_content detail_content
    xxgk_content zwnr art_con artcon bt_content
    """
)
_GENERIC = _words("content article view main detail text txt con zw")


def _names(element: Element) -> list[str]:
    return f"{element.get('class') or ''} {element.get('id') or ''}".lower().split()


def _tokens(element: Element) -> set[str]:
    return {t for name in _names(element) for t in re.split(r"[_\-]+", name) if t}


class _Page:
    """A parsed page, its lines and the chrome tests, cached per element."""

    def __init__(self, root: Element, show_hidden: bool) -> None:
        self.root = root
        self.lines = _Walker(show_hidden).walk(root)
        self.order = {e: i for i, e in enumerate(root.iter())}
        self._end: dict[Element, int] = {}
        self._text: dict[Element, str] = {}
        self._chrome: dict[tuple[Element, bool], bool] = {}
        self._dropped: dict[tuple[Element, Element | None], int] = {}
        self.reports = _reports(self.lines)
        self.protected: set[Element] = set()
        for report in self.reports:
            for i in report.anchors:
                node: Element | None = self.lines[i].node
                while node is not None and node not in self.protected:
                    self.protected.add(node)
                    node = node.getparent()

    def end(self, container: Element) -> int:
        """The document position just past ``container``'s last descendant."""
        if container not in self._end:
            last = container
            while len(last):
                last = last[-1]
            self._end[container] = self.order[last] + 1
        return self._end[container]

    def inside(self, node: Element, container: Element) -> bool:
        return self.order[container] <= self.order[node] < self.end(container)

    def text(self, element: Element) -> str:
        if element not in self._text:
            self._text[element] = _clean(_all(element))
        return self._text[element]

    def chrome(self, element: Element, in_report: bool) -> bool:
        """Page furniture: navigation, breadcrumb, share and print buttons, attachments.
        Inside the report (between its anchors) only what cannot be report text is."""
        key = (element, in_report)
        if key not in self._chrome:
            self._chrome[key] = self._is_chrome(element, in_report)
        return self._chrome[key]

    def _is_chrome(self, element: Element, in_report: bool) -> bool:
        tag = _tag(element)
        if element in self.protected or (in_report and tag in _TABLE_PARTS):
            return False  # the report's own tables are data, whatever their markup says
        tokens = _tokens(element)
        if tokens & _NAV_TOKENS:
            return True
        # Data tables name their header cells “header”; a page's header is no table part.
        page_part = tag in _PAGE_TAGS or (tokens & _PAGE_TOKENS and tag not in _TABLE_PARTS)
        if not in_report and page_part:
            return True
        text = self.text(element)
        if len(text) <= _SHORT and _CHROME_TEXT.search(text):
            return True
        links = [a for a in element.iter("a") if a.get("href") is not None]
        if (
            len(links) == 1
            and _FILE_LINK.search(links[0].get("href") or "")
            and _clean(_all(links[0])) == text
        ):
            return True  # a link to a file and nothing else: an attachment
        if not in_report and links and text:
            linked = sum(len(_clean(_all(a))) for a in links)
            listed = tag in ("ul", "ol", "li", "dl", "dt", "dd")
            if linked >= 0.5 * len(text) and (len(links) >= 2 or listed):
                return True
        return False

    def _deepest_chrome(self, node: Element, report: Element | None) -> int:
        """The document position of the innermost chrome element around ``node`` (itself
        included), -1 if none: the node is chrome within any container above that one."""
        key = (node, report)
        if key not in self._dropped:
            in_report = report is not None and self.inside(node, report)
            parent = node.getparent()
            if self.chrome(node, in_report):
                self._dropped[key] = self.order[node]
            else:
                self._dropped[key] = -1 if parent is None else self._deepest_chrome(parent, report)
        return self._dropped[key]

    def kept(self, container: Element, report: Element | None) -> list[int]:
        """Indices of the lines in ``container`` that no chrome element below it holds."""
        start, end = self.order[container], self.end(container)
        return [
            i
            for i, line in enumerate(self.lines)
            if start <= self.order[line.node] < end
            and self._deepest_chrome(line.node, report) <= start
        ]


def _common_ancestor(nodes: Iterable[Element]) -> Element:
    paths = [[*reversed(list(n.iterancestors())), n] for n in nodes]
    common = paths[0][0]
    for level in zip(*paths, strict=False):
        if any(e is not level[0] for e in level):
            break
        common = level[0]
    return common


# --- Lines that belong to a report around its sections -------------------------------------

_DATE_LINE = re.compile(
    r"^(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)$"
)
_CONTACT = re.compile(
    r"^(?:联系方式|联系电话|联系人|地址|通讯地址|电话|邮编|邮政编码|传真|网址|网站|电子邮箱|邮箱)"
)
_REPORT_TITLE = re.compile(r"信息公开.{0,12}(?:年度报告|年报|工作报告)|年度报告$")


_YEAR = re.compile(r"(?:19|20)\d{2}|[〇零一二三四五六七八九]{4}年")


def _title_like(text: str) -> bool:
    """A report's title: it names the report, and is no sentence (“现将……年度报告公布如下：”)."""
    return (
        len(text) <= 80
        and not re.search(r"[，。；：:]", text)
        and _REPORT_TITLE.search(text) is not None
    )


def _closing_like(text: str) -> bool:
    t = _SPACE.sub("", text)
    return bool(
        _DATE_LINE.match(t)
        or (len(t) <= 30 and AGENCY_END.search(t) and not re.search(r"[，。；、]", t))
        or (len(t) <= 160 and _CONTACT.match(t))
    )


def _preamble_like(text: str) -> bool:
    return any(w in text for w in ("条例", "本报告", "年度报告", "特编制", "现予公布"))


# --- Choosing what to emit ---------------------------------------------------------------


def _container(page: _Page, index: int, lca: Element) -> Element:
    """The element the report is read from: the anchors' common ancestor, widened to a CMS
    content container around it and then, level by level, while what a wider element adds is
    only chrome or the report's own title, preamble and closing lines."""
    others = [
        page.lines[i].node for n, r in enumerate(page.reports) if n != index for i in r.anchors
    ]

    def holds_others(element: Element) -> bool:
        return any(page.inside(o, element) for o in others) and not all(
            page.inside(o, lca) for o in others if page.inside(o, element)
        )

    container = lca
    for ancestor in lca.iterancestors():
        if _tag(ancestor) in ("body", "html") or holds_others(ancestor):
            break
        if set(_names(ancestor)) & _CMS:
            container = ancestor
    while True:
        parent = container.getparent()
        if parent is None or _tag(parent) in ("body", "html") or holds_others(parent):
            return container
        for i in page.kept(parent, lca):
            line = page.lines[i]
            if page.inside(line.node, container):
                continue
            if line.cell or not (
                _title_like(line.text) or _closing_like(line.text) or _preamble_like(line.text)
            ):
                return container
        container = parent


def _boundary(lines: Sequence[_Line], kept: Sequence[int], last: int, first: int) -> int:
    """Where one report ends and the next begins, between the last anchor of the one and the
    first anchor of the other: at the next report's title, else after the first date line
    (the signature), else at the next report's first anchor."""
    between = [i for i in kept if last < i < first]
    title = next((i for i in between if not lines[i].cell and _title_like(lines[i].text)), None)
    date = next((i for i in between if _DATE_LINE.match(_SPACE.sub("", lines[i].text))), None)
    if title is not None and (date is None or title < date):
        return title
    if date is not None:
        return date + 1
    return first


def _title_candidates(page: _Page, limit: int) -> list[Element]:
    """Title elements before document position ``limit``: headings, and elements named as
    titles (``article_title``, ``#title``, ``.bt`` …)."""
    found = []
    for n, element in enumerate(page.root.iter()):
        if n >= limit:
            break
        tag = _tag(element)
        if tag not in ("h1", "h2", "h3"):
            named = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
            if "tit" not in named and "bt" not in named:
                continue  # cheap test first: most elements are no title
            tokens = _tokens(element)
            if not (any("title" in t for t in tokens) or tokens & {"tit", "bt", "biaoti"}):
                continue
        text = page.text(element)
        if (
            not 4 <= len(text) <= 120
            or section_number(text) is not None
            or _CHROME_TEXT.search(text)
        ):
            continue
        if any(_tokens(a) & _NAV_TOKENS for a in (element, *element.iterancestors())):
            continue
        found.append(element)
    return found


_SITE_SUFFIX = re.compile(r"\s*(?:[_|｜]|(?<!\d)[-—–]+(?!\d))\s*")


def _page_title(page: _Page, before: Element | None) -> str | None:
    """The report's title as the page gives it: the title element nearest before the report,
    else ``<title>`` without the site's name, else ``<meta name="ArticleTitle">``; the first
    of these that names a report. Where none does, ``<title>`` (an article page's title is
    the article's) before the nearest element (which may be the site's logo)."""
    limit = page.order[before] if before is not None else len(page.order)
    elements = _title_candidates(page, limit)
    nearest = [page.text(e) for e in reversed(elements)]
    head = page.root.find("head")
    titles: list[str] = []
    if head is not None:
        title = head.find("title")
        if title is not None:
            parts = [p for p in _SITE_SUFFIX.split(_clean(_all(title))) if p]
            titles += [p for p in parts if _title_like(p)] or parts[:1]
        for meta in head.iter("meta"):
            if (meta.get("name") or "").lower() == "articletitle":
                titles.append(_clean(meta.get("content") or ""))
    boxed = _info_box_title(page)
    report_like = (t for t in (*boxed, *nearest, *titles) if _title_like(t))
    return next(report_like, next((t for t in (*titles, *nearest) if t), None))


_BOX_LABEL = re.compile(r"^(?:标\s*题|名\s*称|文件名称|信息名称)\s*[:：]\s*")


def _info_box_title(page: _Page) -> list[str]:
    """The title in a portal's 信息公开目录 box (索引号, 发布机构, 标题：…, 文号), as a cell after
    its label cell or as the label's own text, where it names a report and its year."""
    found: list[str] = []
    for element in page.root.iter("td", "th", "li", "span", "p", "div", "dd"):
        text = _clean(_all(element))
        if len(text) > 120 or not _BOX_LABEL.match(text):
            continue
        value = _BOX_LABEL.sub("", text)
        if not value:
            following = element.getnext()
            value = _clean(_all(following)) if following is not None else ""
        if value and _YEAR.search(value):
            found.append(value)
    return found


def _emit(page: _Page, index: int) -> list[Item]:
    lines = page.lines
    report = page.reports[index]
    nodes = [lines[i].node for i in report.anchors]
    lca = _common_ancestor(nodes)
    parent = lca.getparent()
    if len(report.anchors) == 1 and parent is not None:
        lca = parent  # one anchor: its block alone is no report
    container = _container(page, index, lca)
    kept = page.kept(container, lca)
    # Another report in the same container: cut between the two, never mix them.
    start, end = 0, len(lines)
    if index > 0:
        before = page.reports[index - 1]
        previous = before.anchors[-1]
        if not before.complete(lines):
            start = previous + 1  # a table of contents: what follows it is the report's
        elif page.inside(lines[previous].node, container):
            start = _boundary(lines, kept, previous, report.anchors[0])
    if index + 1 < len(page.reports):
        following = page.reports[index + 1].anchors[0]
        if page.inside(lines[following].node, container):
            end = _boundary(lines, kept, report.anchors[-1], following)
    body = [lines[i] for i in kept if start <= i < end]
    first = lines[report.anchors[0]]
    return _with_title(page, body, first.node, body[: body.index(first)] if first in body else [])


def _with_title(
    page: _Page, body: list[_Line], before: Element | None, head: list[_Line]
) -> list[Item]:
    """``body`` preceded by the page's title for it, unless ``head`` (the lines before the
    report's first section) prints a title already; a title both the page and the report
    print (the CMS's title element and the report's first line) is given once."""
    seen: set[str] = set()
    repeated: set[int] = set()
    for line in head:
        key = normalize(line.text)
        if key in seen and _title_like(line.text):
            repeated.add(id(line))
        seen.add(key)
    out = [Item(line.text, line.cell) for line in body if id(line) not in repeated]
    title = _page_title(page, before)
    if title is None or any(
        (_title_like(x.text) and _YEAR.search(x.text)) or normalize(x.text) == normalize(title)
        for x in head
        if not x.cell
    ):
        return out  # a report that prints its own title, naming the year, needs no other
    return [Item(title), *out]


def _fallback(page: _Page) -> list[Item]:
    """No anchors: read the CMS content container with the most text (else the whole body),
    without its chrome."""
    candidates = [
        e for e in page.root.iter() if isinstance(e.tag, str) and set(_names(e)) & (_CMS | _GENERIC)
    ]
    most = max((len(page.text(e)) for e in candidates), default=0)
    # The innermost container with most of the text: an outer one also holds the chrome.
    held = [e for e in candidates if most and len(page.text(e)) >= 0.7 * most]
    container = max(held, key=lambda e: page.order[e], default=None)
    if container is None:
        body = page.root.find("body")
        container = body if body is not None else page.root
    lines = [page.lines[i] for i in page.kept(container, None)]
    return _with_title(page, lines, lines[0].node if lines else None, lines[:3])


def _parse(data: bytes) -> Element | None:
    text = decode_page(data)
    # An XML declaration with an encoding cannot be parsed from str; it has done its work.
    text = _CONTROL.sub("", re.sub(r"^\s*<\?xml[^>]*\?>", "", text))
    if not text.strip():
        return None
    try:
        root = lxml.html.document_fromstring(text, parser=_PARSER)
    except etree.ParserError:
        return None  # nothing but comments or markup: no text to read
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise UnreadableError(f"无法解析 HTML：{exc}") from None
    return root


def _pages(data: bytes) -> _Page | None:
    root = _parse(data)
    if root is None:
        return None
    page = _Page(root, show_hidden=False)
    if not page.reports:
        # Some CMSs keep the article hidden until a script shows it: read it if that is
        # where the report is.
        shown = _Page(root, show_hidden=True)
        if shown.reports:
            return shown
    return page


def page_reports(data: bytes) -> list[list[Item]]:
    """Each complete report on a page, as items, in page order (a listing page, or a page
    that repeats its report in a print view, holds several)."""
    page = _pages(data)
    if page is None:
        return []
    return [_emit(page, n) for n, r in enumerate(page.reports) if r.complete(page.lines)]


def reports_in_page(data: bytes) -> int:
    """How many complete reports a page holds; :func:`items` reads the first."""
    page = _pages(data)
    return 0 if page is None else sum(r.complete(page.lines) for r in page.reports)


def items(data: bytes) -> list[Item]:
    """The page's report as items: its title, then its body without the page's chrome.

    Where the page holds several reports, the first complete one; see :func:`reports_in_page`.
    """
    page = _pages(data)
    if page is None:
        return []
    if not page.reports:
        return _fallback(page)
    complete = [n for n, r in enumerate(page.reports) if r.complete(page.lines)]
    if complete:
        return _emit(page, complete[0])
    best = max(range(len(page.reports)), key=lambda n: len(page.reports[n].ranks))
    return _emit(page, best)
