"""Reading untrusted files within bounds: zip size and entry limits, XML without entities.

zipfile and lxml are imported when first used, not with this module: the PDF reader's
child process, started for every PDF, needs only :class:`UnreadableError` from here.
"""

from __future__ import annotations

import functools

from ..bounded import ZIP_MAX_ENTRIES, inflates_too_much
from ..errors import UnreadableError as UnreadableError

TYPE_CHECKING = False  # typing is not imported at run time: see _pdf's module doc
if TYPE_CHECKING:
    import zipfile

    from lxml import etree

MAX_MEMBER_BYTES = 64 * 1024 * 1024
"""A docx's body inflates to a few megabytes at most (the entries and the inflation ratio are
bounded as for every zip package: :mod:`govdisclosure.bounded`)."""


def zip_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """One member of an archive, refused if the archive or the member is out of bounds."""
    infos = archive.infolist()
    if len(infos) > ZIP_MAX_ENTRIES:
        raise UnreadableError(f"压缩包条目过多（{len(infos)}，上限 {ZIP_MAX_ENTRIES}）")
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise UnreadableError(f"文件中缺少 {name}") from None
    if info.flag_bits & 0x1:
        raise UnreadableError("文件已加密，无法读取")
    if info.file_size > MAX_MEMBER_BYTES or inflates_too_much(info.file_size, info.compress_size):
        raise UnreadableError(f"{name} 解压后过大（{info.file_size} 字节），疑似压缩炸弹")
    import zipfile
    import zlib

    try:
        with archive.open(info) as fh:
            data = fh.read(MAX_MEMBER_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        # A header that lies about the member's size ends here, as a CRC error, after at
        # most the stated size was inflated.
        raise UnreadableError(f"{name} 已损坏（{exc}）") from None
    if len(data) > MAX_MEMBER_BYTES:
        raise UnreadableError(f"{name} 解压后过大，疑似压缩炸弹")
    return data


@functools.cache
def _parser() -> etree.XMLParser:
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        collect_ids=False,  # no reader looks elements up by xml:id; indexing them cost a tenth
    )


def safe_xml(data: bytes) -> etree._Element:
    """Parse XML without DTDs, entity expansion or network access."""
    from lxml import etree

    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        raise UnreadableError("XML 中含有 DOCTYPE/实体声明，拒绝读取")
    try:
        return etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise UnreadableError(f"XML 已损坏：{exc.msg}") from None
