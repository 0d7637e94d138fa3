"""Reading input files (YAML, JSON, TOML) into a report.

Each format is a small module with ``SUFFIXES`` and ``parse(text) -> object``; the parsed
data is structured the same way whatever its format.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..findings import Finding, InputError, Severity
from ..model import Report
from . import _json, _toml, _yaml
from .errors import SyntaxProblem
from .structure import structure_report

MAX_BYTES = 20 * 1024 * 1024
"""Input files larger than this are refused: a real report is a few tens of kilobytes."""

_PARSERS: dict[str, Callable[[str], object]] = {
    suffix: module.parse for module in (_yaml, _json, _toml) for suffix in module.SUFFIXES
}


def suffixes() -> tuple[str, ...]:
    """The file suffixes :func:`load` understands."""
    return tuple(_PARSERS)


def _file_error(path: str, rule: str, message: str) -> InputError:
    return InputError(path, [Finding(rule, Severity.ERROR, "$", "文件", message)])


def load(path: str | os.PathLike[str]) -> Report:
    """Read a report from a YAML, JSON or TOML file, chosen by its suffix.

    Raises :class:`~govdisclosure.InputError` listing every problem found, each located by
    its key path and official label.
    """
    p = Path(path)
    name = str(path)
    parse = _PARSERS.get(p.suffix.lower())
    if parse is None:
        known = "、".join(_PARSERS)
        raise _file_error(name, "SYNTAX", f"不支持的文件类型“{p.suffix}”，应为 {known} 之一")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise _file_error(name, "SYNTAX", f"文件过大（{size} 字节，上限 {MAX_BYTES} 字节）")
        raw = p.read_bytes()
    except OSError as exc:
        raise _file_error(name, "SYNTAX", f"无法读取文件：{exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _file_error(
            name, "SYNTAX", f"文件不是 UTF-8 编码（第 {exc.start + 1} 字节）；请另存为 UTF-8"
        ) from None
    return loads(text, p.suffix, name)


def loads(text: str, suffix: str = ".yaml", name: str = "<string>") -> Report:
    """Read a report from text in the format named by ``suffix``."""
    parse = _PARSERS.get(suffix.lower())
    if parse is None:
        raise _file_error(name, "SYNTAX", f"不支持的文件类型“{suffix}”")
    try:
        data = parse(text)
    except SyntaxProblem as exc:
        at = f"第{exc.where[0]}行第{exc.where[1]}列" if exc.where else "文件"
        raise InputError(
            name, [Finding("SYNTAX", Severity.ERROR, "$", at, f"{exc.fmt} 语法错误：{exc.message}")]
        ) from None
    except RecursionError:
        raise _file_error(name, "SYNTAX", "文件嵌套层次过深") from None
    try:
        return structure_report(data)
    except InputError as exc:
        raise InputError(name, exc.findings) from None


__all__ = ["MAX_BYTES", "load", "loads", "suffixes"]
