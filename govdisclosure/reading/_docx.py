"""Word documents (from Word and WPS), read from their XML as Word shows them.

A merged cell is one item (python-docx would repeat it at every grid position it covers); a
cell holding a nested table or the report's headings lays the report out and is walked into;
a text box (where WPS puts titles) gives its paragraphs before the paragraph it is anchored
in, once (Word stores it twice, for new and old readers); tracked deletions and moves away,
hidden runs, field codes and content-control placeholders are not text of the document.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterable

from lxml import etree

from ..bounded import OLE_SIGNATURE
from . import _legacy
from ._html import section_number
from .items import Item
from .safety import UnreadableError, safe_xml, zip_member

SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_STRICT = "{http://purl.oclc.org/ooxml/wordprocessingml/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MAIN = re.compile(r"/officeDocument$")


def items(data: bytes) -> list[Item]:
    # An OLE compound file: a .doc (or .wps) saved under a .docx name, or an encrypted .docx.
    if data.startswith(OLE_SIGNATURE):
        if _legacy.is_word_binary(data):
            return _legacy.items(data)  # a .doc renamed .docx, as portals often serve them
        raise UnreadableError(
            "文件已加密（或为旧版 Word .doc 格式），无法读取；请另存为未加密的 .docx"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError):
        raise UnreadableError(
            "不是有效的 docx 文件（无法作为 zip 打开；可能已损坏或加密）"
        ) from None
    with archive:
        xml = zip_member(archive, _main_part(archive))
    root = safe_xml(xml)
    # Word's “Strict Open XML” documents use another namespace for the same elements.
    ns = _STRICT if str(root.tag).startswith(_STRICT) else W
    body = root.find(f"{ns}body")
    if body is None:
        raise UnreadableError("docx 中没有正文（word/document.xml 无 w:body）")
    if ns != W:
        body = _renamed(body, ns)
    out: list[Item] = []
    _Walk(body).blocks(body, out)
    return out


def _main_part(archive: zipfile.ZipFile) -> str:
    """The document part the package names (word/document.xml unless it says otherwise)."""
    if "_rels/.rels" in archive.namelist():
        rels = safe_xml(zip_member(archive, "_rels/.rels"))
        for rel in rels.iter(f"{_RELS}Relationship"):
            if _MAIN.search(rel.get("Type") or ""):
                target = posixpath.normpath((rel.get("Target") or "").lstrip("/"))
                if target and not target.startswith(".."):
                    return target
    return "word/document.xml"


def _renamed(body: etree._Element, ns: str) -> etree._Element:
    """A Strict document's body with its elements and attributes in the transitional namespace."""
    for element in body.iter():
        if isinstance(element.tag, str) and element.tag.startswith(ns):
            element.tag = W + element.tag[len(ns) :]
        for name in [a for a in element.attrib if a.startswith(ns)]:
            element.set(W + name[len(ns) :], element.attrib.pop(name))
    return body


# --- Blocks: paragraphs, tables and the wrappers around them ----------------------------

# Tag names, spelt once: the walk compares thousands of tags per document.
_P, _TBL, _TR, _TC, _T = f"{W}p", f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}t"
_SDT, _SDT_CONTENT, _CUSTOM_XML = f"{W}sdt", f"{W}sdtContent", f"{W}customXml"
_ALTERNATE = f"{MC}AlternateContent"
_TC_PR, _V_MERGE, _H_MERGE, _CELL_DEL = f"{W}tcPr", f"{W}vMerge", f"{W}hMerge", f"{W}cellDel"
_VAL = f"{W}val"

# Wrappers whose content is shown as if they were not there.
_TRANSPARENT = {f"{W}customXml", f"{W}smartTag", f"{W}ins", f"{W}moveTo", f"{W}sdtContent"}
# What the reader of the document does not see: deleted or moved-away content, hidden
# properties, field instructions, ruby (phonetic) text, a content control's settings.
_INVISIBLE = {
    f"{W}del",
    f"{W}moveFrom",
    f"{W}delText",
    f"{W}delInstrText",
    f"{W}instrText",
    f"{W}rPr",
    f"{W}pPr",
    f"{W}tblPr",
    f"{W}trPr",
    f"{W}tcPr",
    f"{W}sdtPr",
    f"{W}sdtEndPr",
    f"{W}rt",
    f"{W}fldData",
}


class _Walk:
    """One document's walk, from the body down: blocks, tables, cells, paragraphs.

    What it asks of every paragraph, cell and table — does it hold any of the markup that
    makes a paragraph's text more than its ``w:t`` joined, does a cell hold a table, is it
    covered by a merge — is answered for the whole body before the walk, in one pass of
    lxml's C iteration each, as sets of the elements concerned: asked of each of the
    hundreds of cells as it came, it was most of the reading time. (lxml returns the same
    element object for a node while one is referenced, and the sets hold them, so
    membership is identity.)
    """

    def __init__(self, body: etree._Element) -> None:
        self.special = {p for e in body.iter(*_SPECIAL) for p in e.iterancestors(_P)}
        self.nesting = {c for t in body.iter(_TBL) for c in t.iterancestors(_TC)}
        self.intricate = {t for e in body.iter(*_INTRICATE) for t in e.iterancestors(_TBL)}
        self.covered = _covered(body)

    def blocks(self, container: etree._Element, out: list[Item]) -> None:
        for child in container:
            tag = child.tag
            if tag == _P:
                out.extend(self.paragraph(child))
            elif tag == _TBL:
                found = None if child in self.intricate else self.plain_table(child)
                if found is None:
                    self.table(child, out)
                else:
                    out.extend(found)
            elif tag == _SDT:
                content = _sdt_content(child)
                if content is not None:
                    self.blocks(content, out)
            elif tag == _ALTERNATE:
                branch = _branch(child)
                if branch is not None:
                    self.blocks(branch, out)
            elif tag in _TRANSPARENT:
                self.blocks(child, out)

    # --- Tables --------------------------------------------------------------------------

    def table(self, table: etree._Element, out: list[Item]) -> None:
        for row in _children(table, _TR):
            if row.find(_ROW_DELETED) is not None:
                continue  # a row deleted with tracked changes on
            for cell in _children(row, _TC):
                if cell in self.covered:
                    continue
                inside: list[Item] = []
                self.blocks(cell, inside)
                if cell in self.nesting or _layout([i.text for i in inside]):
                    out.extend(inside)  # the cell lays the report out: its own items, in order
                else:
                    out.append(Item(_join(i.text for i in inside), cell=True))

    def plain_table(self, table: etree._Element) -> list[Item] | None:
        """The items of a table of nothing but cells of plain paragraphs (no nested table,
        no content control, no tracked deletion, no markup that makes a paragraph more
        than its ``w:t`` joined: most tables), as :meth:`table` gives them, from one pass
        over its cells, paragraphs and texts; None for any other table."""
        out: list[Item] = []
        cell: etree._Element | None = None  # None in a covered cell
        lines: list[str] = []  # the cell's paragraphs so far
        parts: list[str] | None = None  # the paragraph's texts so far
        for element in table.iter(_TC, _P, _T):
            tag = element.tag
            if tag == _T:
                if parts is not None:
                    parts.append(element.text or "")
                elif cell is not None:
                    return None  # text outside a paragraph
            elif tag == _P:
                if cell is None:
                    continue
                if element.getparent() is not cell:
                    return None  # a paragraph in a wrapper: left to table()
                if parts is not None and "".join(parts).strip():
                    lines.append("".join(parts))
                parts = []
            else:
                if cell is not None:
                    if parts is not None and "".join(parts).strip():
                        lines.append("".join(parts))
                    _cell(lines, out)
                cell = None if element in self.covered else element
                lines, parts = [], None
        if cell is not None:
            if parts is not None and "".join(parts).strip():
                lines.append("".join(parts))
            _cell(lines, out)
        return out

    # --- Paragraphs ----------------------------------------------------------------------

    def paragraph(self, paragraph: etree._Element) -> list[Item]:
        if paragraph not in self.special:
            text = "".join([t.text or "" for t in paragraph.iter(_T)])
            return [Item(text)] if text.strip() else []
        runs = _Runs(self)
        runs.walk(paragraph)
        lines = ["".join(parts) for parts in runs.lines]
        return [*runs.boxes, *(Item(line) for line in lines if line.strip())]


def _sdt_content(sdt: etree._Element) -> etree._Element | None:
    """A content control's content, or None while it shows its placeholder
    (“单击或点击此处输入文字。”), which is no text of the document."""
    if sdt.find(_SHOWING_PLACEHOLDER) is not None:
        return None
    return sdt.find(_SDT_CONTENT)


_SHOWING_PLACEHOLDER = f"{W}sdtPr/{W}showingPlcHdr"


def _branch(alternate: etree._Element) -> etree._Element | None:
    """The one branch of an mc:AlternateContent to read: Word writes a text box twice, as a
    DrawingML shape (mc:Choice) and as VML for older readers (mc:Fallback)."""
    choice = alternate.find(f"{MC}Choice")
    return choice if choice is not None else alternate.find(f"{MC}Fallback")


# --- Tables ------------------------------------------------------------------------------


def _children(element: etree._Element, tag: str) -> Iterable[etree._Element]:
    """``element``'s children with ``tag``, also those inside content controls and custom XML
    (Word wraps rows and cells in them)."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag == _SDT:
            content = _sdt_content(child)
            if content is not None:
                yield from _children(content, tag)
        elif child.tag in (_CUSTOM_XML, _SDT_CONTENT):
            yield from _children(child, tag)


def _on(element: etree._Element | None, default: bool = True) -> bool:
    """An on/off property: present without ``w:val``, or with a true value."""
    if element is None:
        return False
    value = element.get(_VAL)
    return default if value is None else value not in ("0", "false", "off")


def _covered(body: etree._Element) -> set[etree._Element]:
    """The cells that another covers (the continuation of a merge), and those deleted with
    tracked changes on: no cells of the tables as shown. A cell's properties are its first
    ``w:tcPr``, and a property is the first of its name there."""
    covered = set()
    for prop in body.iter(_V_MERGE, _H_MERGE, _CELL_DEL):
        props = prop.getparent()
        if props is None or props.tag != _TC_PR:
            continue
        cell = props.getparent()
        if cell is None or cell.tag != _TC:
            continue
        # Properties come first (cell[0]), a property once: the other tests are rarely made.
        if cell[0] is not props and next(cell.iterchildren(_TC_PR)) is not props:
            continue
        tag = str(prop.tag)
        if tag == _CELL_DEL:
            covered.add(cell)
        elif prop.get(_VAL) != "restart" and (
            prop.getprevious() is None or next(props.iterchildren(tag)) is prop
        ):
            # A vMerge continues the cell above; an hMerge (older documents) the one on its
            # left.
            covered.add(cell)
    return covered


_ROW_DELETED = f"{W}trPr/{W}del"


def _cell(lines: list[str], out: list[Item]) -> None:
    """A cell of plain paragraphs that read ``lines``, as :meth:`_Walk.table` reads it: one
    item, or, where it lays the report out (the report's own text), its paragraphs."""
    # Most cells: empty, or one line that is no section heading (what _layout and _join
    # make of them, without their lists and joins).
    if not lines:
        out.append(Item("", cell=True))
        return
    if len(lines) == 1:
        line = lines[0].strip()
        if "\n" not in line and (len(lines[0]) > 60 or section_number(lines[0]) is None):
            out.append(Item(line, cell=True))
            return
    if _layout(lines):
        out.extend(Item(line) for line in lines)
    else:
        out.append(Item(_join(lines), cell=True))


_LONG_CELL = 300
"""A cell with more text than this in several paragraphs is a layout cell: no cell of the
report's tables comes near it."""


def _layout(lines: list[str]) -> bool:
    """A cell whose paragraphs (``lines``) are the report's (a section heading, pages of
    prose)."""
    text = "".join(lines)
    if len(text) <= 60:
        return len(lines) == 1 and section_number(text) is not None
    return len(lines) >= 2 and len(text) > _LONG_CELL


_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_BREAK = re.compile(rf"(?<=[{_CJK}])\n|\n(?=[{_CJK}])")


def _join(lines: Iterable[str]) -> str:
    """A cell's lines as one text: a narrow column's “商业|企业” is 商业企业, while two numbers
    on two lines (“3|5”) stay apart as “3 5”, never one number 35."""
    kept = [line for line in (line.strip() for line in lines) if line]
    if len(kept) == 1 and "\n" not in kept[0]:
        return kept[0]  # most cells: one line
    return _BREAK.sub("", "\n".join(kept)).replace("\n", " ")


# --- Paragraphs --------------------------------------------------------------------------


_R, _TAB, _NO_BREAK_HYPHEN, _TEXT_BOX = f"{W}r", f"{W}tab", f"{W}noBreakHyphen", f"{W}txbxContent"
_BREAKS = (f"{W}br", f"{W}cr")


class _Runs:
    """A paragraph's text as it is shown, split at line breaks, and the paragraphs of the
    text boxes anchored in it."""

    def __init__(self, document: _Walk) -> None:
        self.document = document
        self.lines: list[list[str]] = [[]]
        self.boxes: list[Item] = []

    def walk(self, element: etree._Element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _INVISIBLE:
                continue
            if tag == _R and _hidden(child):
                continue
            if tag == _T:
                self.lines[-1].append(child.text or "")
            elif tag == _TAB:
                self.lines[-1].append("\t")
            elif tag in _BREAKS:
                self.lines.append([])
            elif tag == _NO_BREAK_HYPHEN:
                self.lines[-1].append("-")
            elif tag == _TEXT_BOX:
                self.document.blocks(child, self.boxes)
            elif tag == _ALTERNATE:
                branch = _branch(child)
                if branch is not None:
                    self.walk(branch)
            elif tag == _SDT:
                content = _sdt_content(child)
                if content is not None:
                    self.walk(content)
            else:
                self.walk(child)  # runs, hyperlinks, insertions, fields, drawings …


# What makes a paragraph's text more than its w:t elements joined: without any of these (most
# paragraphs) the text is read in one pass.
_SPECIAL: tuple[str, ...] = (
    f"{W}vanish",
    f"{W}specVanish",
    f"{W}moveFrom",
    f"{W}rt",
    f"{W}tab",
    f"{W}br",
    f"{W}cr",
    f"{W}noBreakHyphen",
    f"{W}sdt",
    f"{W}txbxContent",
    f"{MC}AlternateContent",
)
# What makes a table more than cells of paragraphs: read cell by cell, block by block.
_INTRICATE = (*_SPECIAL, _TBL, f"{W}del")


def _hidden(run: etree._Element) -> bool:
    """A run formatted as hidden text (shown only with formatting marks on)."""
    props = run.find(_R_PR)
    return props is not None and (_on(props.find(_VANISH)) or _on(props.find(_SPEC_VANISH)))


_R_PR, _VANISH, _SPEC_VANISH = f"{W}rPr", f"{W}vanish", f"{W}specVanish"
