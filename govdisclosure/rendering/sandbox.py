"""The environment prose expressions run in: Jinja's immutable sandbox, bounded.

Prose comes from input files, which may come from anyone (a colleague's workbook, a report
read from a portal). Jinja's sandbox stops attribute tricks, not work: nested loops, ``10 **
10 ** 8``, ``'a' * 10 ** 10``, ``'%0999999999d' % 1``, ``''|center(10 ** 10)``, recursive
macros and huge helper arguments each ran for ever or took gigabytes. So:

* a paragraph is an expression language, not a program: ``for`` loops, macros, call blocks,
  ``include``/``import``/``extends`` and ``set`` blocks are refused when it is parsed;
* ``*``, ``**`` and ``%`` are intercepted and refuse a result larger than :data:`MAX_SIZE`
  (digits or items), and any call or filter refuses a number argument above :data:`MAX_ARG`
  or a width inside a ``%`` format;
* a paragraph's source is at most :data:`MAX_SOURCE` characters.

With no loops, evaluation is bounded by the size of the paragraph.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_SOURCE = 20_000
"""Characters of one paragraph of prose."""
MAX_SIZE = 100_000
"""Digits of a number, or characters or items of a string or list, that an operation makes."""
MAX_ARG = 1_000_000
"""The largest number a call or filter takes (a width, a count, a number of digits)."""

_REFUSED = (
    nodes.For,
    nodes.Macro,
    nodes.CallBlock,
    nodes.Include,
    nodes.Import,
    nodes.FromImport,
    nodes.Extends,
    nodes.AssignBlock,
    nodes.FilterBlock,
    nodes.Scope,
)
_WIDTH = re.compile(r"%[-+ #0]*(\d+|\*)|\{[^{}]*?:[^{}]*?(\d+)")


def _size(value: object) -> float:
    if isinstance(value, bool):
        return 1
    if isinstance(value, int):
        return math.log10(abs(value) + 1)
    if isinstance(value, str | list | tuple):
        return len(value)
    return 0


def _check_arg(value: object) -> None:
    if isinstance(value, bool):
        return
    if isinstance(value, int | float) and abs(value) > MAX_ARG:
        raise SecurityError(f"数值 {value} 过大（上限 {MAX_ARG}）")
    if isinstance(value, str):
        if len(value) > MAX_SIZE:
            raise SecurityError(f"文本过长（上限 {MAX_SIZE} 字）")
        for m in _WIDTH.finditer(value):
            width = m.group(1) or m.group(2)
            if width == "*" or (width and int(width) > MAX_ARG):
                raise SecurityError("格式中的宽度过大")


def _bounded(function: Callable[..., Any]) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        for value in (*args, *kwargs.values()):
            _check_arg(value)
        return function(*args, **kwargs)

    for name in ("jinja_pass_arg", "__name__", "__doc__"):
        if hasattr(function, name):
            setattr(call, name, getattr(function, name))
    return call


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with the bounds of this module."""

    intercepted_binops = frozenset(["*", "**", "%"])

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.filters = {name: _bounded(f) for name, f in self.filters.items()}

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        # Every way of compiling a template (from_string, parse) parses here.
        if len(source) > MAX_SOURCE:
            raise SecurityError(f"段落过长（{len(source)} 字，上限 {MAX_SOURCE} 字）")
        tree = super()._parse(source, name, filename)
        for node in tree.find_all(_REFUSED):
            raise SecurityError(f"段落中不能使用“{type(node).__name__}”语句，只能写表达式和 if")
        return tree

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        _check_arg(left)
        numbers = isinstance(left, int | float) and isinstance(right, int | float)
        if operator == "**":
            _check_arg(right)
            if numbers and _size(left) * abs(right) > MAX_SIZE:
                raise SecurityError("乘方的结果过大")
        elif operator == "*":
            for a, b in ((left, right), (right, left)):
                repeats = isinstance(b, int) and not isinstance(b, bool)
                if repeats and isinstance(a, str | list | tuple) and _size(a) * abs(b) > MAX_SIZE:
                    raise SecurityError("重复的结果过长")
            if numbers and _size(left) + _size(right) > MAX_SIZE:
                raise SecurityError("乘积过大")
        return super().call_binop(context, operator, left, right)

    def call(
        __self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any
    ) -> Any:
        for value in (*args, *kwargs.values()):
            _check_arg(value)
        return super().call(__context, __obj, *args, **kwargs)
