"""Reading a file that anyone may have made, within bounds: regular files only, opened without
blocking (a FIFO with no writer would block for ever), and never read past a limit (a link to
``/dev/zero`` reports no size)."""

from __future__ import annotations

import os
import stat

from .errors import GovDisclosureError


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
