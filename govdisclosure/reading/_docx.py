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

# An OLE compound file: a .doc (or .wps) saved under a .docx name, or an encrypted .docx.
_COMPOUND_FILE = b"\xd0\xcf\x11\xe0"


def items(data: bytes) -> list[Item]:
    if data.startswith(_COMPOUND_FILE):
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
    _blocks(body, out)
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


def _blocks(container: etree._Element, out: list[Item]) -> None:
    for child in container:
        tag = child.tag
        if tag == f"{W}p":
            out.extend(_paragraph(child))
        elif tag == f"{W}tbl":
            _table(child, out)
        elif tag == f"{W}sdt":
            content = _sdt_content(child)
            if content is not None:
                _blocks(content, out)
        elif tag == f"{MC}AlternateContent":
            branch = _branch(child)
            if branch is not None:
                _blocks(branch, out)
        elif tag in _TRANSPARENT:
            _blocks(child, out)


def _sdt_content(sdt: etree._Element) -> etree._Element | None:
    """A content control's content, or None while it shows its placeholder
    (“单击或点击此处输入文字。”), which is no text of the document."""
    if sdt.find(f"{W}sdtPr/{W}showingPlcHdr") is not None:
        return None
    return sdt.find(f"{W}sdtContent")


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
        elif child.tag == f"{W}sdt":
            content = _sdt_content(child)
            if content is not None:
                yield from _children(content, tag)
        elif child.tag in (f"{W}customXml", f"{W}sdtContent"):
            yield from _children(child, tag)


def _on(element: etree._Element | None, default: bool = True) -> bool:
    """An on/off property: present without ``w:val``, or with a true value."""
    if element is None:
        return False
    value = element.get(f"{W}val")
    return default if value is None else value not in ("0", "false", "off")


def _table(table: etree._Element, out: list[Item]) -> None:
    for row in _children(table, f"{W}tr"):
        if row.find(f"{W}trPr/{W}del") is not None:
            continue  # a row deleted with tracked changes on
        for cell in _children(row, f"{W}tc"):
            props = cell.find(f"{W}tcPr")
            if props is not None:
                merge = props.find(f"{W}vMerge")
                if merge is not None and merge.get(f"{W}val") != "restart":
                    continue  # covered by the cell above
                hmerge = props.find(f"{W}hMerge")
                if hmerge is not None and hmerge.get(f"{W}val") != "restart":
                    continue  # covered by the cell on its left (older documents)
                if props.find(f"{W}cellDel") is not None:
                    continue
            inside: list[Item] = []
            _blocks(cell, inside)
            if next(cell.iter(f"{W}tbl"), None) is not None or _layout(inside):
                out.extend(inside)  # the cell lays the report out: its own items, in order
            else:
                out.append(Item(_join(i.text for i in inside), cell=True))


_LONG_CELL = 300
"""A cell with more text than this in several paragraphs is a layout cell: no cell of the
report's tables comes near it."""


def _layout(inside: list[Item]) -> bool:
    """A cell whose paragraphs are the report's (a section heading, pages of prose)."""
    text = "".join(i.text for i in inside)
    if len(text) <= 60:
        return len(inside) == 1 and section_number(text) is not None
    return len(inside) >= 2 and len(text) > _LONG_CELL


_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_BREAK = re.compile(rf"(?<=[{_CJK}])\n|\n(?=[{_CJK}])")


def _join(lines: Iterable[str]) -> str:
    """A cell's lines as one text: a narrow column's “商业|企业” is 商业企业, while two numbers
    on two lines (“3|5”) stay apart as “3 5”, never one number 35."""
    text = "\n".join(line.strip() for line in lines if line.strip())
    return _BREAK.sub("", text).replace("\n", " ")


# --- Paragraphs --------------------------------------------------------------------------


class _Runs:
    """A paragraph's text as it is shown, split at line breaks, and the paragraphs of the
    text boxes anchored in it."""

    def __init__(self) -> None:
        self.lines: list[list[str]] = [[]]
        self.boxes: list[Item] = []

    def walk(self, element: etree._Element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _INVISIBLE:
                continue
            if tag == f"{W}r" and _hidden(child):
                continue
            if tag == f"{W}t":
                self.lines[-1].append(child.text or "")
            elif tag == f"{W}tab":
                self.lines[-1].append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                self.lines.append([])
            elif tag == f"{W}noBreakHyphen":
                self.lines[-1].append("-")
            elif tag == f"{W}txbxContent":
                _blocks(child, self.boxes)
            elif tag == f"{MC}AlternateContent":
                branch = _branch(child)
                if branch is not None:
                    self.walk(branch)
            elif tag == f"{W}sdt":
                content = _sdt_content(child)
                if content is not None:
                    self.walk(content)
            else:
                self.walk(child)  # runs, hyperlinks, insertions, fields, drawings …


# What makes a paragraph's text more than its w:t elements joined: without any of these (most
# paragraphs) the text is read in one pass.
_SPECIAL = (
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


def _paragraph(paragraph: etree._Element) -> list[Item]:
    if next(paragraph.iter(*_SPECIAL), None) is None:
        text = "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
        return [Item(text)] if text.strip() else []
    runs = _Runs()
    runs.walk(paragraph)
    lines = ["".join(parts) for parts in runs.lines]
    return [*runs.boxes, *(Item(line) for line in lines if line.strip())]


def _hidden(run: etree._Element) -> bool:
    """A run formatted as hidden text (shown only with formatting marks on)."""
    props = run.find(f"{W}rPr")
    return props is not None and (
        _on(props.find(f"{W}vanish")) or _on(props.find(f"{W}specVanish"))
    )
