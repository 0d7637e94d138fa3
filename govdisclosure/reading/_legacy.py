"""Legacy Word files, ``.doc`` (Word 97–2003) and ``.wps`` (Kingsoft WPS), which portals often
attach to a report's page: converted to docx by LibreOffice, then read as docx.

Both are OLE compound files holding a Word binary stream; LibreOffice opens either. It runs
headless with a profile of its own in a temporary directory (so that it neither waits for nor
disturbs a LibreOffice the user has open), under a time limit, and every file it writes is
removed afterwards. Where it is not installed, the file is refused with an error naming it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from ..bounded import OLE_SIGNATURE
from .items import Item
from .safety import UnreadableError

SUFFIXES = (".doc", ".wps")

TIMEOUT = 120
"""Seconds LibreOffice may take to convert one file (its first start with a new profile takes
a few seconds; a report converts in well under a minute)."""

_ZIP = b"PK\x03\x04"
_RTF = b"{\\rtf"
# OLE directory entries are named in UTF-16LE: a Word binary has a “WordDocument” stream, an
# encrypted Office Open XML file (a password-protected .docx) an “EncryptedPackage”.
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")

MISSING = "需要安装 LibreOffice 才能读取 .doc/.wps 文件（未找到 soffice 程序）"

# Where LibreOffice installs its program outside the PATH.
_KNOWN = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/opt/libreoffice/program/soffice",
)


def is_word_binary(data: bytes) -> bool:
    """An OLE compound file holding a Word document (not an encrypted docx or a spreadsheet)."""
    return data.startswith(OLE_SIGNATURE) and _WORD_STREAM in data


def soffice() -> str | None:
    """The LibreOffice program, or None where it is not installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((p for p in _KNOWN if os.path.isfile(p)), None)


def items(data: bytes) -> list[Item]:
    from . import _docx, _html  # not at the top: _docx imports this module

    head = data.removeprefix(b"\xef\xbb\xbf").lstrip()
    if data.startswith(_ZIP):
        return _docx.items(data)  # a docx under an old name: no conversion needed
    if head[:1] == b"<" and b"<html" in head[:4096].lower():
        return _html.items(data)  # Word's “web page” saved as .doc, as some systems write
    if head[:13].lower() == b"mime-version:":
        raise UnreadableError(
            "此文件是网页存档（MHT），不是 Word 文档；请用 Word 或浏览器打开后另存为 .docx 或 .html"
        )
    if data.startswith(_RTF):
        return _docx.items(convert(data))  # Word's RTF saved as .doc
    if not data.startswith(OLE_SIGNATURE):
        found = data[:8].hex(" ").upper()
        raise UnreadableError(
            "不是 Word 文档：.doc/.wps 文件应为 OLE 复合文档（开头为 D0 CF 11 E0），"
            f"此文件开头为 {found}"
        )
    if _ENCRYPTED_PACKAGE in data:
        raise UnreadableError("文件已加密，无法读取；请另存为未加密的 .docx")
    if not is_word_binary(data):
        raise UnreadableError(
            "不是 Word 文档：文件是 OLE 复合文档，但其中没有 Word 正文（WordDocument 数据流），"
            "可能是 Excel 表格或其他程序的文件"
        )
    return _docx.items(convert(data))


def convert(data: bytes, timeout: float = TIMEOUT) -> bytes:
    """``data`` (a Word binary .doc or .wps, or RTF) as docx, converted by LibreOffice headless.

    The import filter is named, not detected: LibreOffice imports a file no filter recognises
    as plain text, which would turn a damaged .doc into a page of garbage instead of an error.
    """
    program = soffice()
    if program is None:
        raise UnreadableError(MISSING)
    with tempfile.TemporaryDirectory(prefix="govdisclosure-") as tmp:
        work = Path(tmp)
        rtf = data.startswith(_RTF)
        source = work / ("source.rtf" if rtf else "source.doc")
        source.write_bytes(data)
        out = work / "out"
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--nologo",
            f"--infilter={'Rich Text Format' if rtf else 'MS Word 97'}",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ]
        stderr = _run(command, timeout)
        result = out / "source.docx"
        if not result.is_file():
            errors = [line for line in stderr.splitlines() if line.startswith("Error")]
            raise UnreadableError(
                "LibreOffice 未能转换此文件（文件可能已损坏、加密或不是 Word 文档）"
                + (f"：{errors[-1]}" if errors else "")
            )
        return result.read_bytes()


def _run(command: list[str], timeout: float) -> str:
    """Run LibreOffice; on timeout end it and every process it started. Returns its stderr."""
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            # A process group of its own (POSIX): the office process the launcher starts is
            # ended with it on a timeout.
            start_new_session=os.name == "posix",
        )
    except OSError as exc:
        raise UnreadableError(
            f"无法启动 LibreOffice（{command[0]}）：{exc.strerror or exc}"
        ) from None
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _end(process)
        raise UnreadableError(
            f"LibreOffice 转换超时（超过 {timeout:g} 秒），已终止；文件可能过大或已损坏"
        ) from None
    return bytes(stderr).decode(sys.getfilesystemencoding(), errors="replace")


def _end(process: subprocess.Popen[bytes]) -> None:
    if os.name == "posix":
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    else:
        process.kill()
    process.communicate()
