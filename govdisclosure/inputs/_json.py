"""JSON input: a key given twice and text that is no Unicode (a lone surrogate ``\\ud800``,
which no file can be written with) are refused, located."""

from __future__ import annotations

import json
import re
from typing import Any

from .errors import SyntaxProblem

SUFFIXES = (".json",)

_SURROGATE = re.compile("[\ud800-\udfff]")


class _Duplicate(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Duplicate(key)
        out[key] = value
    return out


def _line_col(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - before.rfind("\n")


def parse(text: str) -> object:
    try:
        data = json.loads(text, object_pairs_hook=_pairs)
    except json.JSONDecodeError as exc:
        raise SyntaxProblem("JSON", exc.msg, (exc.lineno, exc.colno)) from None
    except _Duplicate as dup:
        places = [m.start() for m in re.finditer(re.escape(json.dumps(dup.key)) + r"\s*:", text)]
        lines = [_line_col(text, p)[0] for p in places]
        where = f"（第 {lines[0]} 行与第 {lines[1]} 行）" if len(lines) >= 2 else ""
        at = _line_col(text, places[1]) if len(places) >= 2 else None
        raise SyntaxProblem("JSON", f"键“{dup.key}”重复{where}", at) from None
    bad = _SURROGATE.search(json.dumps(data, ensure_ascii=False))
    if bad is not None:
        raise SyntaxProblem("JSON", f"不允许的字符 U+{ord(bad.group()):04X}（孤立的代理项）", None)
    return data
