"""Regular expressions as their compiled programs, which :mod:`govdisclosure.cache` can keep
between processes.

``re.compile`` parses a pattern and generates its program in Python: about 0.7 ms for a
phrasing of the vocabulary, and a report's prose meets dozens. The program itself is a list
of integers, which CPython's ``_sre`` turns into a pattern in microseconds (checking it as it
does every program). Both halves are CPython's internals, so they are used only where they
are found, and checked once per process against ``re.compile``: anywhere else
:func:`program` gives None and patterns are compiled as usual. A program is only ever read
back by the Python that made it (the cache is keyed by its version).
"""

from __future__ import annotations

import functools
import importlib
import re
from array import array
from typing import Any

Program = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
"""flags, code, groups, group index, index group: ``_sre.compile``'s arguments but the source,
the code packed as 32-bit words (read back twice as fast as a list of numbers)."""


@functools.cache
def _internals() -> tuple[Any, Any, Any] | None:
    """CPython's regular expression parser, code generator and engine, where they are as
    this module expects (checked on one pattern); None elsewhere."""
    try:
        parser = importlib.import_module("re._parser")
        compiler = importlib.import_module("re._compiler")
        engine = importlib.import_module("_sre")
        probe = r"(?P<a>x(?<!y)[一-十]{1,2})|(?P<b>\d+)"
        if array("I").itemsize != engine.CODESIZE:
            return None
        pattern = _compiled(engine, probe, _made(probe, parser, compiler))
        usual = re.compile(probe)
        same = (pattern.groupindex, pattern.groups, pattern.flags) == (
            usual.groupindex,
            usual.groups,
            usual.flags,
        )
        probed = pattern.match("x二")
        if same and probed is not None and probed.group("a") == "x二":
            return parser, compiler, engine
    except (ImportError, AttributeError, TypeError, ValueError, RuntimeError):
        pass
    return None


def _made(source: str, parser: Any, compiler: Any) -> Program:
    parsed = parser.parse(source, 0)
    code = array("I", compiler._code(parsed, 0)).tobytes()
    index: dict[str, int] = dict(parsed.state.groupdict)
    groups: list[str | None] = [None] * parsed.state.groups
    for name, i in index.items():
        groups[i] = name
    return (int(parsed.state.flags), code, parsed.state.groups - 1, index, tuple(groups))


def _compiled(engine: Any, source: str, made: Program) -> re.Pattern[str]:
    flags, code, groups, index, names = made
    result: re.Pattern[str] = engine.compile(
        source, flags, array("I", code).tolist(), groups, index, names
    )
    return result


def available() -> bool:
    """Whether :func:`program` gives programs here (CPython, as expected)."""
    return _internals() is not None


def program(source: str) -> Program | None:
    """The compiled program of ``source`` (flags 0), or None where this Python's are not as
    expected."""
    found = _internals()
    return None if found is None else _made(source, found[0], found[1])


def pattern(source: str, made: Program | None) -> re.Pattern[str]:
    """``source`` compiled: from its program when one is given (and this Python takes it),
    else by ``re.compile``."""
    found = _internals()
    if made is not None and found is not None:
        try:
            return _compiled(found[2], source, made)
        except (TypeError, ValueError, RuntimeError):
            pass  # not a program this Python takes: compiled as usual
    return re.compile(source)
