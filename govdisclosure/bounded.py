"""Reading a file that anyone may have made, within bounds: regular files only, opened without
blocking (a FIFO with no writer would block for ever), and never read past a limit (a link to
``/dev/zero`` reports no size); and the bounds of the zip packages inside (docx, xlsx)."""

from __future__ import annotations

import os
import stat

from .errors import GovDisclosureError


def own_status(field: str) -> str | None:
    """The value of ``field`` (``"VmSize"``, ``"Umask"``) in this process's ``/proc/self/status``,
    or None where there is no such file (not Linux) or no such field."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                name, _, value = line.partition(":")
                if name == field:
                    return value.strip()
    except OSError:
        pass
    return None


class NotRegular(GovDisclosureError, OSError):
    """A FIFO, a device, a directory, or a link to one of them."""


class TooLarge(GovDisclosureError, OSError):
    """Larger than the limit; ``size`` is what it reported, if it did."""

    def __init__(self, size: int | None) -> None:
        self.size = size
        super().__init__("too large")


def read_bounded(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular("not a regular file")
        if info.st_size > limit:
            raise TooLarge(info.st_size)
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(None)
    return data


NOT_REGULAR = "不是普通文件（可能是管道、设备或指向它们的链接），不读取"


def too_large(size: int | None, limit: int) -> str:
    shown = f"{size} 字节，" if size is not None else ""
    return f"文件过大（{shown}上限 {limit} 字节）"


ZIP_MAX_ENTRIES = 2000
"""More members than a report's docx or a workbook ever has: more is refused unread."""
ZIP_MAX_RATIO = 200
"""A member that inflates more than this many times its compressed size (or 1 KiB) is a zip bomb."""
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an OLE compound file starts: a .doc, .wps or .xls, or an encrypted .docx or .xlsx."""


def inflates_too_much(file_size: int, compress_size: int) -> bool:
    """Whether a zip member's stated sizes are those of a zip bomb (:data:`ZIP_MAX_RATIO`)."""
    return file_size > ZIP_MAX_RATIO * max(compress_size, 1024)
