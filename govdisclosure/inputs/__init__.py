"""Reading input files (YAML, JSON, TOML, Excel) into a report.

Each text format is a small module with ``SUFFIXES`` and ``parse(text) -> object``; the parsed
data is structured the same way whatever its format. A binary format (the Excel workbook)
registers ``load_bytes(data, name) -> (Report, notes)`` instead, as it reads cells, not text;
its notes are what the author should know about the file itself (a hidden worksheet), issued
as :class:`~govdisclosure.errors.InputWarning` by :func:`load` and returned as findings by
:func:`load_noted`.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable
from pathlib import Path

from ..bounded import NOT_REGULAR, NotRegular, TooLarge, read_bounded, too_large
from ..errors import InputWarning
from ..findings import Finding, InputError
from ..model import Report
from ..rules import RULES, RuleId
from ..suffixes import dotted
from . import _json, _toml, _yaml
from .errors import SyntaxProblem
from .structure import structure_report

MAX_BYTES = 20 * 1024 * 1024
"""Input files larger than this are refused: a real report is a few tens of kilobytes."""

_PARSERS: dict[str, Callable[[str], object]] = {
    suffix: module.parse for module in (_yaml, _json, _toml) for suffix in module.SUFFIXES
}
"""Text formats by suffix: each parses the decoded text into plain data."""


Noted = tuple[Report, tuple[Finding, ...]]
"""A report, and the warnings about its file that did not stop it loading."""


def _xlsx(data: bytes, name: str) -> Noted:
    # openpyxl takes longer to import than the rest of the package: load it when used.
    from ..xlsx.read import load_bytes

    return load_bytes(data, name)


_BINARY: dict[str, Callable[[bytes, str], Noted]] = {".xlsx": _xlsx}
"""Binary formats by suffix: each reads the file's bytes into a report and its notes
(``name`` for errors)."""


def suffixes() -> tuple[str, ...]:
    """The file suffixes :func:`load` understands."""
    return (*_PARSERS, *_BINARY)


def _file_error(path: str, rule: RuleId, message: str) -> InputError:
    return InputError(path, [RULES[rule].finding("$", "文件", message)])


def _warned(name: str, noted: Noted) -> Report:
    report, notes = noted
    for note in notes:
        warnings.warn(InputWarning(name, note), stacklevel=3)
    return report


def load(path: str | os.PathLike[str]) -> Report:
    """Read a report from a YAML, JSON, TOML or Excel (.xlsx) file, chosen by its suffix.

    Raises :class:`~govdisclosure.InputError` listing every problem found, each located by
    its key path and official label (in a workbook, also by sheet and cell). What does not
    stop the file loading but its author should know (a worksheet hidden in Excel) is issued
    as an :class:`~govdisclosure.errors.InputWarning`; :func:`load_noted` returns it instead.
    """
    return _warned(str(path), load_noted(path))


def load_noted(path: str | os.PathLike[str]) -> Noted:
    """As :func:`load`, with the warnings about the file returned as findings (rule HIDDEN),
    for a caller that reports them beside the report's own, as the command line does."""
    p = Path(path)
    name = str(path)
    if p.suffix.lower() not in suffixes():
        known = "、".join(suffixes())
        raise _file_error(name, RuleId.SYNTAX, f"不支持的文件类型“{p.suffix}”，应为 {known} 之一")
    try:
        raw = read_bounded(p, MAX_BYTES)
    except NotRegular:
        raise _file_error(name, RuleId.SYNTAX, NOT_REGULAR) from None
    except TooLarge as exc:
        raise _file_error(name, RuleId.SYNTAX, too_large(exc.size, MAX_BYTES)) from None
    except OSError as exc:
        raise _file_error(name, RuleId.SYNTAX, f"无法读取文件：{exc.strerror or exc}") from None
    return load_bytes_noted(raw, p.suffix, name)


def load_bytes(data: bytes, suffix: str, name: str = "<bytes>") -> Report:
    """Read a report from the bytes of a file in the format named by ``suffix``."""
    return _warned(name, load_bytes_noted(data, suffix, name))


def load_bytes_noted(data: bytes, suffix: str, name: str = "<bytes>") -> Noted:
    """As :func:`load_bytes`, with the warnings about the file returned as findings."""
    suffix = dotted(suffix)
    binary = _BINARY.get(suffix)
    if binary is not None:
        return binary(data, name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _file_error(
            name, RuleId.SYNTAX, f"文件不是 UTF-8 编码（第 {exc.start + 1} 字节）；请另存为 UTF-8"
        ) from None
    return loads(text, suffix, name), ()


def loads(text: str, suffix: str = ".yaml", name: str = "<string>") -> Report:
    """Read a report from text in the format named by ``suffix`` (``".yaml"`` or ``"yaml"``)."""
    suffix = dotted(suffix)
    parse = _PARSERS.get(suffix)
    if parse is None:
        binary = "；二进制文件请用 load() 或 load_bytes() 读取" if suffix in _BINARY else ""
        raise _file_error(name, RuleId.SYNTAX, f"不支持的文件类型“{suffix}”{binary}")
    try:
        data = parse(text)
    except SyntaxProblem as exc:
        at = f"第{exc.where[0]}行第{exc.where[1]}列" if exc.where else "文件"
        raise InputError(
            name, [RULES[RuleId.SYNTAX].finding("$", at, f"{exc.fmt} 语法错误：{exc.message}")]
        ) from None
    except RecursionError:
        raise _file_error(name, RuleId.SYNTAX, "文件嵌套层次过深") from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise _file_error(name, RuleId.SYNTAX, f"文件中有无法读取的数值：{exc}") from None
    try:
        return structure_report(data)
    except InputError as exc:
        raise InputError(name, exc.findings) from None


__all__ = [
    "MAX_BYTES",
    "Noted",
    "load",
    "load_bytes",
    "load_bytes_noted",
    "load_noted",
    "loads",
    "suffixes",
]
