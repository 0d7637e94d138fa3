"""Reading published reports back into the model, to check them or to start from them.

Each source format is a small module that turns a file into items (paragraphs and table
cells in reading order); one assembler turns items into a report, guided by the format
declarations. ``read(path)`` chooses the module by the file's suffix.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType

from ..bounded import NOT_REGULAR, NotRegular, TooLarge, read_bounded, too_large
from ..findings import InputError
from ..rules import RULES, RuleId
from ..suffixes import dotted
from . import _docx, _html, _legacy, _markdown, _pdf, _text
from .assemble import Reading, assemble
from .items import Item, decode
from .safety import UnreadableError

MAX_BYTES = 50 * 1024 * 1024
"""Larger files are refused before they are read: a published report is well under this."""


def _from_text(parse: Callable[[str], list[Item]]) -> Callable[[bytes], list[Item]]:
    return lambda data: parse(decode(data))


READERS: Mapping[str, Callable[[bytes], list[Item]]] = MappingProxyType(
    {
        **dict.fromkeys(_text.SUFFIXES, _from_text(_text.items)),
        **dict.fromkeys(_markdown.SUFFIXES, _from_text(_markdown.items)),
        **dict.fromkeys(_html.SUFFIXES, _html.items),
        **dict.fromkeys(_docx.SUFFIXES, _docx.items),
        **dict.fromkeys(_legacy.SUFFIXES, _legacy.items),
        **dict.fromkeys(_pdf.SUFFIXES, _pdf.items),
    }
)
"""Source formats by file suffix (read-only): each turns the file's bytes into items."""


def _refuse(name: str, message: str) -> InputError:
    return InputError(name, [RULES[RuleId.READ].finding("$", "文件", message)])


def read(path: str | os.PathLike[str]) -> Reading:
    """Read a published report (.docx, .html, .md, .txt, .pdf) into the model, keeping every value
    as stated; what could not be read is in ``Reading.findings``.

    Raises :class:`~govdisclosure.InputError` for a file that cannot be read at all
    (unknown type, empty, too large, corrupt, encrypted, hostile).
    """
    p = Path(path)
    name = str(path)
    reader = READERS.get(p.suffix.lower())
    if reader is None:
        raise _refuse(name, f"不支持的文件类型“{p.suffix}”，可读取 {'、'.join(READERS)}")
    try:
        data = read_bounded(p, MAX_BYTES)
    except NotRegular:
        raise _refuse(name, NOT_REGULAR) from None
    except TooLarge as exc:
        raise _refuse(name, too_large(exc.size, MAX_BYTES)) from None
    except OSError as exc:
        raise _refuse(name, f"无法读取文件：{exc.strerror or exc}") from None
    if not data.strip():
        raise _refuse(name, "文件为空")
    return read_bytes(data, p.suffix, name)


def read_bytes(data: bytes, suffix: str, name: str = "<bytes>") -> Reading:
    """Like :func:`read`, from the file's content and its suffix (``".html"`` or ``"html"``)."""
    reader = READERS.get(dotted(suffix))
    if reader is None:
        raise _refuse(name, f"不支持的文件类型“{suffix}”")
    try:
        found = reader(data)
    except UnreadableError as exc:
        raise _refuse(name, str(exc)) from None
    if not any(i.text.strip() for i in found):
        raise _refuse(name, "文件中没有可读的文字（扫描图片需先做文字识别）")
    return assemble(found)


__all__ = ["READERS", "Reading", "read", "read_bytes"]
