"""Finding many alternative regular expressions in one left-to-right pass, fast.

Python's ``re`` tries every branch of an alternation at every position of the text: with a
hundred phrasings, a 500 KB paragraph costs seconds. But a phrasing can only start where the
text begins with one of its first two characters (“办结…” at 办结, “{n}件…” at a digit and
what may follow it), and most places of a report begin none. So each alternative's possible
first two characters are worked out from its source, the text is scanned (in C) for them,
and at each such place only the alternatives that can begin so are tried, in declaration
order. The result is exactly that of ``re.finditer`` on the whole alternation: leftmost
match, first declared alternative at that place, the next search after its end.

The beginnings are read from the pattern source with a small parser for the syntax the
vocabulary uses (literals, groups, alternation, quantifiers, classes, ``\\d``, look-arounds).
Anything else makes an alternative possible everywhere: slower, never wrong.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

from attrs import frozen

from ... import cache
from ...errors import GovDisclosureError
from . import programs

K = 2
"""How many first characters are worked out."""
_MOST = 4096
"""More beginnings than this are as good as any."""

Beginnings = frozenset[str] | None
"""What a match of a pattern can begin with: strings of ``K`` characters; None when it may
begin with anything (or be shorter)."""

Lang = set[str] | None
"""While parsing: the first ``K`` characters of every string a piece matches; None for any."""

_DIGITS = frozenset("0123456789")


class _Unknown(Exception):
    """Syntax the analysis does not follow: the pattern may begin with anything."""


class UnnamedGroup(GovDisclosureError, ValueError):
    """An alternative has a capturing group without a name, which would shift the groups that
    say which alternative matched; ``index`` is the alternative's."""

    def __init__(self, index: int) -> None:
        self.index = index
        super().__init__(f"alternative {index} has an unnamed group")


class _Source:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0

    def peek(self, n: int = 1) -> str:
        return self.text[self.i : self.i + n]

    def take(self, n: int = 1) -> str:
        s = self.text[self.i : self.i + n]
        self.i += n
        return s


def _cap(lang: set[str]) -> Lang:
    return None if len(lang) > _MOST else lang


def _union(a: Lang, b: Lang) -> Lang:
    return None if a is None or b is None else _cap(a | b)


def _concat(a: Lang, b: Lang) -> Lang:
    if a is None:
        return None
    done = {x for x in a if len(x) >= K}
    open_ = [x for x in a if len(x) < K]
    if not open_:
        return a  # every string is long enough: what follows does not matter
    if b is None:
        return None
    return _cap(done | {(x + y)[:K] for x in open_ for y in b})


def _repeat(a: Lang, low: int, high: int | None) -> Lang:
    """``a`` repeated low to high times (None: unbounded), as far as K characters go."""
    result: Lang = {""}
    for _ in range(low):
        result = _concat(result, a)
    more = K if high is None else min(high - low, K)
    step = result
    for _ in range(more):
        step = _concat(step, a)
        result = _union(result, step)
    return result


def beginnings(pattern: str) -> Beginnings:
    """What a match of ``pattern`` can begin with (None: anything, or an empty match)."""
    try:
        src = _Source(pattern)
        lang = _alternation(src)
    except _Unknown:
        return None
    if src.i != len(pattern) or lang is None or any(len(x) < K for x in lang):
        return None  # anything, or a match shorter than K: tried everywhere
    return frozenset(lang)


def _alternation(src: _Source) -> Lang:
    lang = _sequence(src)
    while src.peek() == "|":
        src.take()
        lang = _union(lang, _sequence(src))
    return lang


def _sequence(src: _Source) -> Lang:
    lang: Lang = {""}
    while src.peek() and src.peek() not in "|)":
        lang = _concat(lang, _item(src))
    return lang


def _item(src: _Source) -> Lang:
    lang = _atom(src)
    q = src.peek()
    if q == "?":
        src.take()
        lang = _repeat(lang, 0, 1)
    elif q == "*":
        src.take()
        lang = _repeat(lang, 0, None)
    elif q == "+":
        src.take()
        lang = _repeat(lang, 1, None)
    elif q == "{":
        m = re.match(r"\{(\d*)(,?)(\d*)\}", src.text[src.i :])
        if m is None:
            raise _Unknown
        src.take(m.end())
        low = int(m.group(1) or 0)
        high = int(m.group(3)) if m.group(3) else (None if m.group(2) else low)
        lang = _repeat(lang, low, high)
    else:
        return lang
    if src.peek() in ("?", "+"):
        src.take()  # lazy or possessive: the same strings
    return lang


def _atom(src: _Source) -> Lang:
    c = src.take()
    if c == "(":
        zero_width = False
        if src.peek() == "?":
            head = src.take(2)
            if head in ("?=", "?!"):
                zero_width = True
            elif head == "?<" and src.peek() in ("=", "!"):
                src.take()
                zero_width = True
            elif head == "?P" and src.peek() == "<":
                src.i = src.text.index(">", src.i) + 1
            elif head != "?:":
                raise _Unknown
        lang = _alternation(src)
        if src.take() != ")":
            raise _Unknown
        # A look-around consumes nothing: what follows it begins the match.
        return {""} if zero_width else lang
    if c == "[":
        return _class(src)
    if c == "\\":
        return _escape(src.take())
    if c in "^$":
        return {""}  # an anchor consumes nothing
    if c == ".":
        return None
    if not c or c in "*+?{)|":
        raise _Unknown
    return {c}


def _escape(c: str) -> Lang:
    if c == "d":
        return set(_DIGITS)
    if c.isalnum():
        return None  # \\w, \\s, \\b …: many characters, or none
    return {c}


def _class(src: _Source) -> Lang:
    negated = src.peek() == "^"
    if negated:
        src.take()
    chars: Lang = set()
    first = True
    while True:
        c = src.take()
        if not c:
            raise _Unknown
        if c == "]" and not first:
            return None if negated else chars
        first = False
        if c == "\\":
            chars = _union(chars, _escape(src.take()))
            continue
        if src.peek() == "-" and src.peek(2)[1:] not in ("]", ""):
            src.take()
            end = src.take()
            chars = _union(chars, {chr(x) for x in range(ord(c), ord(end) + 1)})
            continue
        chars = _union(chars, {c})


@frozen
class Scanner:
    """Alternatives (each a pattern with its own named groups) found as one alternation.

    Working out the beginnings and compiling the phrasings is most of the cost of validating
    one report as a process, so both are kept in :mod:`govdisclosure.cache` between
    processes. Without a cache, each alternative is compiled when a place that it may begin
    at is first met, not when the scanner is built: a report's prose meets only some."""

    alternatives: tuple[str, ...]
    """Each alternative's source."""
    everywhere: re.Pattern[str] | None
    """The whole alternation, when some alternative may begin with any character: then it
    is searched as ``re`` does. None otherwise."""
    starts: re.Pattern[str]
    """The places some alternative may begin at."""
    by_start: dict[str, tuple[int, ...]]
    """For each beginning, the alternatives that may begin so (their indices), in order."""
    _compiled: list[re.Pattern[str] | None]

    @classmethod
    def build(cls, alternatives: list[str]) -> Scanner:
        sources = tuple(alternatives)
        if cache.directory() is None:
            return cls._made(sources, _analysed(sources, compile_all=False))
        analysed = cache.cached(
            "scanner", sources, lambda: _analysed(sources), code=(sys.modules[__name__], programs)
        )
        return cls._made(sources, analysed)

    @classmethod
    def _made(cls, sources: tuple[str, ...], analysed: _Analysed) -> Scanner:
        everywhere, starts, starts_made, dispatch, made = analysed
        compiled: list[re.Pattern[str] | None] = (
            [None] * len(sources)
            if made is None
            else [programs.pattern(s, m) for s, m in zip(sources, made, strict=True)]
        )
        if everywhere:
            return cls(sources, re.compile("|".join(sources)), re.compile(r"(?!)"), {}, compiled)
        return cls(sources, None, programs.pattern(starts, starts_made), dispatch, compiled)

    def pattern(self, i: int) -> re.Pattern[str]:
        """Alternative ``i``, compiled (once)."""
        found = self._compiled[i]
        if found is None:
            found = self._compiled[i] = re.compile(self.alternatives[i])
        return found

    @property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """Every alternative, compiled."""
        return tuple(self.pattern(i) for i in range(len(self.alternatives)))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches ``re.finditer`` of the whole alternation would give."""
        if self.everywhere is not None:
            yield from self.everywhere.finditer(text)
            return
        end = 0
        dispatch, compiled = self.by_start, self._compiled
        for place in self.starts.finditer(text):
            pos = place.start()
            if pos < end:
                continue
            for i in dispatch[text[pos : pos + K]]:
                m = (compiled[i] or self.pattern(i)).match(text, pos)
                if m is not None:
                    end = m.end()  # never empty: no alternative matches nothing
                    yield m
                    break


_Analysed = tuple[
    bool,
    str,
    programs.Program | None,
    dict[str, tuple[int, ...]],
    list[programs.Program | None] | None,
]
"""What a scanner is built from, as plain data (for the cache): whether the alternatives are
searched everywhere, the pattern of the places they may begin at and its program, the
alternatives by beginning, and each alternative's program (None: compiled when first
needed)."""


def _analysed(sources: tuple[str, ...], compile_all: bool = True) -> _Analysed:
    for i, source in enumerate(sources):
        if _unnamed_group(source):
            raise UnnamedGroup(i)
    compile_all = compile_all and programs.available()  # else compiled when first needed
    made = [programs.program(s) for s in sources] if compile_all else None
    found = [beginnings(a) for a in sources]
    if any(b is None for b in found):
        # Rare and slow: then every alternative is tried everywhere, in order.
        return True, "", None, {}, made
    by_start: dict[str, list[int]] = {}
    for i, begins in enumerate(found):
        assert begins is not None
        for start in begins:
            by_start.setdefault(start, []).append(i)
    # One character is consumed and the second looked ahead at, so that places next to each
    # other are all found; each branch begins with a literal, so ``re`` skips in C to the
    # characters that begin some branch.
    seconds: dict[str, set[str]] = {}
    for start in by_start:
        seconds.setdefault(start[0], set()).add(start[1])
    branches = [
        f"{re.escape(first)}(?=[{''.join(re.escape(c) for c in sorted(after))}])"
        for first, after in sorted(seconds.items())
    ]
    dispatch = {start: tuple(p) for start, p in by_start.items()}
    starts = "|".join(branches)
    return False, starts, programs.program(starts) if compile_all else None, dispatch, made


def _unnamed_group(pattern: str) -> bool:
    """Whether ``pattern`` has a capturing group without a name: a “(” not escaped, not in a
    character class and not followed by “?” (read from the source: without a cache, the
    alternatives are compiled only when first needed)."""
    i, in_class = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "^":
                i += 1
            if pattern[i + 1 : i + 2] == "]":  # a “]” first in a class is a literal
                i += 1
        elif c == "(" and pattern[i + 1 : i + 2] != "?":
            return True
        i += 1
    return False


__all__ = ["Beginnings", "Scanner", "UnnamedGroup", "beginnings"]
