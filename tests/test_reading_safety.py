"""Reading an untrusted file never hangs and never exhausts memory: each hostile, corrupt,
encrypted, empty or oversized file is refused with one line naming the file.

The hostile files are generated here, small on disk, and never committed. No timing is
asserted: the limits are in the design (sizes checked before inflating, no entities
expanded), so each case either ends quickly or the run would hang visibly.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
from pathlib import Path

import pytest
from fixtures_reading import CONTENT_TYPES, EXAMPLES, ROOT_RELS, W_NS, zip_bytes

import govdisclosure as g
from govdisclosure.bounded import ZIP_MAX_ENTRIES as MAX_ENTRIES
from govdisclosure.reading import MAX_BYTES, read
from govdisclosure.rendering import render

MB = 1024 * 1024


def refusal(path: Path) -> str:
    """The error reading ``path`` gives: one line, naming the file, rule READ."""
    with pytest.raises(g.InputError) as caught:
        read(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: 错误 READ 文件：")
    return message.removeprefix(f"{path}: 错误 READ 文件：")


def docx_with(document: bytes) -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": ROOT_RELS,
            "word/document.xml": document,
        }
    )


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def zeros_docx(inflated: int) -> bytes:
    """A docx whose word/document.xml is ``inflated`` bytes of zeros, streamed into the
    archive so that the test never holds them in memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(inflated // MB):
                member.write(bytes(MB))
    return buffer.getvalue()


@pytest.mark.slow
def test_zip_bomb_docx_is_refused_before_inflating(tmp_path: Path) -> None:
    data = zeros_docx(200 * MB)
    assert len(data) < MAX_BYTES // 50  # small on disk, 200 MB inflated
    message = refusal(write(tmp_path, "bomb.docx", data))
    assert message == f"word/document.xml 解压后过大（{200 * MB} 字节），疑似压缩炸弹"


@pytest.mark.slow
def test_zip_bomb_lying_about_its_size_stops_at_the_stated_size(tmp_path: Path) -> None:
    # The headers say 1000 bytes; inflating stops there and the CRC does not match.
    data = bytearray(zeros_docx(80 * MB))
    name = b"word/document.xml"
    for signature, header, size_at in ((b"PK\x03\x04", 30, 22), (b"PK\x01\x02", 46, 24)):
        at = data.find(signature)
        while at >= 0:
            if data[at + header : at + header + len(name)] == name:
                struct.pack_into("<I", data, at + size_at, 1000)
            at = data.find(signature, at + 4)
    message = refusal(write(tmp_path, "liar.docx", bytes(data)))
    assert message.startswith("word/document.xml 已损坏")


def test_docx_with_too_many_entries_is_refused(tmp_path: Path) -> None:
    members = {f"word/media/{n}.txt": b"" for n in range(MAX_ENTRIES + 1)}
    members["word/document.xml"] = b"<w:document/>"
    message = refusal(write(tmp_path, "many.docx", zip_bytes(members)))
    assert message == f"压缩包条目过多（{MAX_ENTRIES + 2}，上限 {MAX_ENTRIES}）"


def test_docx_with_an_external_entity_is_refused_without_reading_it(tmp_path: Path) -> None:
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="' + W_NS.encode() + b'"><w:body><w:p><w:r><w:t>&x;</w:t>'
        b"</w:r></w:p></w:body></w:document>"
    )
    message = refusal(write(tmp_path, "xxe.docx", docx_with(xxe)))
    assert message == "XML 中含有 DOCTYPE/实体声明，拒绝读取"
    assert "root:" not in message


def test_docx_with_entity_expansion_is_refused(tmp_path: Path) -> None:
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10 if n else "lol"}">' for n in range(10))
    document = (
        f'<?xml version="1.0"?><!DOCTYPE d [{laughs}]><w:document xmlns:w="{W_NS}">'
        f"<w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>"
    )
    message = refusal(write(tmp_path, "laughs.docx", docx_with(document.encode())))
    assert message == "XML 中含有 DOCTYPE/实体声明，拒绝读取"


def test_encrypted_docx_is_refused(tmp_path: Path) -> None:
    # Word saves a password-protected .docx as an OLE compound file, not a zip.
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)
    message = refusal(write(tmp_path, "locked.docx", data))
    assert message == "文件已加密（或为旧版 Word .doc 格式），无法读取；请另存为未加密的 .docx"


def test_truncated_docx_is_refused(tmp_path: Path) -> None:
    whole = render(g.load(EXAMPLES / "example-2024.yaml"), "docx")
    message = refusal(write(tmp_path, "cut.docx", whole[: len(whole) // 2]))
    assert message == "不是有效的 docx 文件（无法作为 zip 打开；可能已损坏或加密）"


def test_docx_without_its_document_part_is_refused(tmp_path: Path) -> None:
    data = zip_bytes({"[Content_Types].xml": CONTENT_TYPES})
    assert refusal(write(tmp_path, "hollow.docx", data)) == "文件中缺少 word/document.xml"


@pytest.mark.parametrize("suffix", [".txt", ".html", ".docx", ".md", ".pdf"])
def test_empty_file_is_refused(tmp_path: Path, suffix: str) -> None:
    assert refusal(write(tmp_path, f"empty{suffix}", b"")) == "文件为空"


def test_oversized_text_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        for _ in range(60):
            fh.write(b"\xe6\x97\xa0\n" * (MB // 4))  # “无” lines, 60 MB in all
    size = path.stat().st_size
    assert size > MAX_BYTES
    assert refusal(path) == f"文件过大（{size} 字节，上限 {MAX_BYTES} 字节）"


def test_unknown_suffix_is_refused(tmp_path: Path) -> None:
    message = refusal(write(tmp_path, "report.rtf", b"{\\rtf1 x}"))
    assert message.startswith("不支持的文件类型“.rtf”")


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    assert refusal(fifo) == "不是普通文件（可能是管道、设备或指向它们的链接），不读取"


def test_a_link_to_an_endless_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "report.html"
    link.symlink_to("/dev/zero")
    assert refusal(link) == "不是普通文件（可能是管道、设备或指向它们的链接），不读取"


@pytest.mark.slow
@pytest.mark.usefixtures("bounded")  # quadratic matching of a long line would hit its alarm
def test_a_line_of_200000_digits_is_read_in_bounded_work() -> None:
    # Title and signature patterns once tried every start of a line with every length: a
    # 5,000-digit number took seconds, this one would take hours.
    title = "某局2024年政府信息公开工作年度报告\n一、总体情况\n"
    text = title + "本年新收申请" + "9" * 200_000 + "件。\n"
    reading = g.reading.read_bytes(text.encode(), ".txt", "long.txt")
    assert reading.report.meta.agency == "某局"
