"""Word documents, read from their XML: merged cells once each (python-docx would repeat a
merged cell at every grid position it covers), paragraphs in document order."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from .items import Item
from .safety import UnreadableError, safe_xml, zip_member

SUFFIXES = (".docx",)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# An OLE compound file: what Word writes for a password-protected document (and for .doc).
_COMPOUND_FILE = b"\xd0\xcf\x11\xe0"


def items(data: bytes) -> list[Item]:
    if data.startswith(_COMPOUND_FILE):
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
        xml = zip_member(archive, "word/document.xml")
    body = safe_xml(xml).find(f"{W}body")
    if body is None:
        raise UnreadableError("docx 中没有正文（word/document.xml 无 w:body）")
    out: list[Item] = []
    _walk(body, out)
    return out


def _walk(element: etree._Element, out: list[Item]) -> None:
    for child in element:
        if child.tag == f"{W}p":
            text = _text(child)
            if text.strip():
                out.append(Item(text))
        elif child.tag == f"{W}tbl":
            for row in child.iter(f"{W}tr"):
                for cell in row.findall(f"{W}tc"):
                    merge = cell.find(f"{W}tcPr/{W}vMerge")
                    if merge is not None and merge.get(f"{W}val") != "restart":
                        continue  # covered by the cell above
                    paragraphs = [_text(p) for p in cell.findall(f"{W}p")]
                    out.append(Item("".join(paragraphs).strip(), cell=True))
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag"):
            _walk(child, out)


def _text(paragraph: etree._Element) -> str:
    parts = []
    for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append("\t")
    return "".join(parts)
