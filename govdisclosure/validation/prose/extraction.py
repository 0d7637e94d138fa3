"""Reading the figures a paragraph states: each phrase of the vocabulary with its number, unit
and sentence, and each share (“36件，占55%”) with the counts its sentence names.

A paragraph is read in a fixed number of passes, whatever its length or the size of the
vocabulary: one regular expression finds every phrase of every figure at once, one every
topic marker, one every count with its share, one the sentence ends. Everything else is a
lookup in what these passes found, so the work is linear in the text.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from decimal import Decimal

from attrs import frozen

from ...formats.vocabulary import (
    APP,
    APPLICANTS,
    FRAGMENTS,
    LOCAL_TOPICS,
    SCOPE,
    TOPICS,
    UNITS,
    VOCABULARY,
    Figure,
    Measure,
)
from .scanning import Scanner, UnnamedGroup

_NUMERALS = "零〇一二两三四五六七八九十百千万"
_ARABIC = r"(?:\d{1,3}(?:,\d{3}){1,5}(?![\d,])|\d{1,15}(?!\d))(?:\.\d{1,6}(?!\d))?"
NUMBER = rf"(?<![\d.,{_NUMERALS}])(?:{_ARABIC}|[{_NUMERALS}]{{1,12}}(?![{_NUMERALS}]))"
"""A number as reports print it: 1283, 1,283, 12.35 or 一百零三 (full-width digits are made
ASCII first). Never the tail of a longer number, and never longer than a count or amount of
a report can be: a run of 5,000 digits is not read as one."""

_FULL_WIDTH = str.maketrans("０１２３４５６７８９％", "0123456789%")
_SPACE = re.compile(r"\s+")

# A claim without a number is not one when a number follows in its clause: “没有现成信息
# 需要另行制作而被申请行政复议1件” counts a review, it does not deny one.
_NIL_TAIL = r"(?![^，。；：,;]{0,12}?(?:\d|[一二两三四五六七八九十]+[件起宗例个]))"

_SENTENCE_END = re.compile(r"[。！？!?]+")
_CONTINUES = re.compile(r"(?:其中|以上|上述|前述|这些|分别)")
"""A sentence that begins so is about the numbers of the one before it."""
_ENUMERATION = re.compile(
    r"(?:^|(?<=[。！？!?；;]))(?:（[一二三四五六七八九十\d]{1,3}）|\([一二三四五六七八九十\d]{1,3}\)"
    r"|[一二三四五六七八九十]{1,3}、|\d{1,2}[、．.](?!\d)|[一二三四五六七八九十]是|第[一二三四五六七八九十]{1,3}[，、是])"
)
"""A new numbered item (“（三）政府信息管理情况。”, “二是…”) starts a new subject."""
_CLAUSE = re.compile(r"[，,；;：:]")
WINDOW = 120
"""How far before a phrase its sentence is searched for words that change its meaning (a
scope, a year, a reason): far enough for any real sentence, and a bound on the work per
phrase however long a run-together paragraph is."""
_NAMED = 30
"""How many counts before a share are looked at as its possible bases."""
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_LAST_YEAR = re.compile(r"上年|上一年|去年|同期")
_SCOPE = re.compile(SCOPE)
_APPLICANTS = re.compile(APPLICANTS)
_SEGMENT = re.compile(r"[；;]")

_COUNT_UNITS = "件|个|份|宗|起|例|部|篇|条|项|次|人|家|户|场|期"
_COUNTS = re.compile(
    rf"(?P<n>{NUMBER})(?P<u>万元|元|{_COUNT_UNITS})"
    r"(?P<share>(?:[，,]|（|\()?(?P<about>约)?占[^，。；：\d%]{0,12}?(?P<about2>约)?"
    r"(?P<pct>\d{1,3}(?:\.\d{1,4})?)%)?"
)
"""Every count (and amount) in the text, with the share that follows it."""


def parse_number(text: str) -> tuple[Decimal, int]:
    """A printed number and its number of decimals: “1,283” → 1283, “一百零三” → 103."""
    if text[0].isdigit():
        plain = text.replace(",", "")
        return Decimal(plain), len(plain.partition(".")[2])
    return Decimal(chinese_number(text)), 0


_DIGIT_VALUES = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_number(text: str) -> int:
    """The value of a Chinese numeral: 十二 → 12, 一百零三 → 103, 两 → 2, 一〇三 → 103."""
    if not any(c in _SMALL_UNITS or c == "万" for c in text):
        return int("".join(str(_DIGIT_VALUES[c]) for c in text))
    total = section = digit = 0
    for c in text:
        if c in _DIGIT_VALUES:
            digit = _DIGIT_VALUES[c]
        elif c in _SMALL_UNITS:
            section += (digit or 1) * _SMALL_UNITS[c]
            digit = 0
        else:  # 万
            total += (section + digit) * 10000
            section = digit = 0
    return total + section + digit


def unspaced(text: str) -> str:
    """The text without whitespace: PDF and crawled text break lines and words anywhere."""
    return _SPACE.sub("", text)


def normalize(text: str) -> str:
    """The text as it is read: :func:`unspaced`, with full-width digits and ％ made ASCII
    (one character for one, so that places in it are places in the unspaced text)."""
    return unspaced(text).translate(_FULL_WIDTH)


# --- the compiled vocabulary ----------------------------------------------------------------


@frozen
class Alternative:
    """One phrasing as compiled: the figures it may mean, told apart by topic."""

    figures: tuple[Figure, ...]
    nil: bool


@frozen
class Compiled:
    """The vocabulary ready for reading (:func:`compile_vocabulary`)."""

    phrases: Scanner
    """Every phrasing; alternative ``i`` is the group ``a{i}``, its number ``n{i}``."""
    alternatives: tuple[Alternative, ...]
    topics: Scanner
    """Every topic marker; marker ``i`` is the group ``t{i}``."""
    topic_names: tuple[str, ...]
    unless: dict[str, re.Pattern[str]]
    """Each figure's ``unless``, compiled, by figure key."""
    within: dict[str, re.Pattern[str]]
    """Each figure's ``within``, compiled, by figure key."""


def _expand(phrasing: str, figure: Figure) -> str:
    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name == "n":
            return f"(?P<n§>{NUMBER})"
        if name == "u":
            return f"(?P<u§>{UNITS[figure.measure]})"
        return FRAGMENTS[name]

    return re.sub(r"\{([a-z]+)\}", sub, phrasing)


@functools.cache
def compiled() -> Compiled:
    """The declared vocabulary, compiled once."""
    return compile_vocabulary(VOCABULARY)


def compile_vocabulary(vocabulary: tuple[Figure, ...]) -> Compiled:
    """The vocabulary as one regular expression: each phrasing an alternative, in declaration
    order; a phrasing that several figures share (“废止2件” of 规章 or of 规范性文件) is one
    alternative whose figures differ by topic."""
    order: dict[tuple[str, bool], list[Figure]] = {}
    for fig in vocabulary:
        for phrasing in fig.said:
            if "{n}" not in phrasing:
                raise ValueError(f"{fig.key}: a said phrasing needs {{n}}: {phrasing}")
            order.setdefault((_expand(phrasing, fig), False), []).append(fig)
        for phrasing in fig.nil:
            order.setdefault((_expand(phrasing, fig) + _NIL_TAIL, True), []).append(fig)
    parts: list[str] = []
    alternatives: list[Alternative] = []
    for i, ((expanded, nil), figures) in enumerate(order.items()):
        wanted = [f.topic for f in figures]
        if len(set(wanted)) != len(wanted) or (None in wanted and len(wanted) > 1):
            keys = ", ".join(f.key for f in figures)
            raise ValueError(f"figures {keys} share a phrasing and a topic: {expanded}")
        parts.append(f"(?P<a{i}>{expanded.replace('§', str(i))})")
        alternatives.append(Alternative(tuple(figures), nil))
    names = tuple(name for name, _ in TOPICS)
    try:
        phrases = Scanner.build(parts)
    except UnnamedGroup as e:
        key = alternatives[e.index].figures[0].key
        raise ValueError(f"a phrasing of {key} has an unnamed group: {parts[e.index]}") from None
    markers = [f"(?P<t{i}>{marker})" for i, (_, marker) in enumerate(TOPICS)]
    unless = {f.key: re.compile(f.unless) for f in vocabulary if f.unless}
    within = {f.key: re.compile(f.within) for f in vocabulary if f.within}
    return Compiled(phrases, tuple(alternatives), Scanner.build(markers), names, unless, within)


# --- what a paragraph states ----------------------------------------------------------------


@frozen
class Claim:
    """A figure as the prose states it."""

    figure: Figure
    value: Decimal
    """The number stated; 0 for a claim without one (“全部办结”)."""
    unit: str
    """As printed: 件, 万元, 元; empty for a claim without a number."""
    digits: int
    """Decimals printed (an amount is compared at this precision)."""
    nil: bool
    text: str
    """The phrase as printed."""
    start: int
    end: int
    number: int
    """Where the number starts (the phrase's end for a claim without one)."""
    sentence: tuple[int, int]


@frozen
class Share:
    """“36件，占55%”: a count and the share the prose gives it."""

    part: Decimal
    unit: str
    share: Decimal
    digits: int
    about: bool
    """Written “约占”: any rounding of the last digit is accepted."""
    start: int
    end: int
    named: tuple[Decimal, ...]
    """The larger counts of the same unit named before it in its sentence: bases it may be
    a share of."""
    topic: str | None
    claim: Claim | None
    """The claim whose number is the part, if the part is a figure of the vocabulary."""
    sentence: tuple[int, int]


@frozen
class Reading:
    """What one paragraph states."""

    text: str
    """The paragraph as read (:func:`normalize`); claims and shares index into it."""
    printed: str
    """The paragraph as printed, without whitespace: for quoting (same places as ``text``)."""
    claims: tuple[Claim, ...]
    shares: tuple[Share, ...]
    topic: str | None
    """The topic at its end: a heading (“依申请公开”) passes it on to the paragraphs below."""


@frozen
class _Count:
    start: int
    end: int
    value: Decimal
    unit: str
    match: re.Match[str]


Event = tuple[int, int, str | None]
"""A topic taking effect: (position, order at that position, topic)."""


def _end_local_topics(
    events: list[Event], starts: Sequence[int], passages: Sequence[int], base: str | None
) -> list[Event]:
    """A local topic (a 规范性文件 named in one sentence) ends with its sentence, unless the
    next continues it (“其中…”): the paragraph's topic takes effect again."""
    merged: list[Event] = []
    j = 0
    current = base
    for start, passage in zip(starts[1:], passages[1:], strict=True):
        while j < len(events) and events[j][0] < start:
            merged.append(events[j])
            current = events[j][2]
            j += 1
        if current in LOCAL_TOPICS and passage == start:
            merged.append((start, 0, base))
            current = base
    merged.extend(events[j:])
    return merged


@frozen
class _Paragraph:
    """What the passes over one paragraph found, for lookups by position."""

    text: str
    starts: tuple[int, ...]
    """Where each sentence starts."""
    ends: tuple[int, ...]
    passages: tuple[int, ...]
    """Where each sentence's passage starts: it and the sentences it continues (“其中…”)."""
    topic_at: tuple[int, ...]
    """Where the topic changes, and to what."""
    topics: tuple[str | None, ...]
    counts: tuple[_Count, ...]
    count_starts: tuple[int, ...]
    clauses: tuple[int, ...]
    """Where each clause starts after a comma, semicolon or colon."""
    segments: tuple[int, ...]
    """Where each part of a sentence starts after a semicolon."""

    @classmethod
    def read(cls, text: str, topic: str | None, c: Compiled) -> _Paragraph:
        ends = [m.end() for m in _SENTENCE_END.finditer(text)]
        starts = [0, *(e for e in ends if e < len(text))]
        passages: list[int] = []
        for i, s in enumerate(starts):
            continues = i > 0 and _CONTINUES.match(text, s) is not None
            passages.append(passages[-1] if continues else s)
        # Topic changes: (position, order, topic); a numbered item returns to the paragraph's.
        events: list[Event] = [(0, 0, topic)]
        events += [(m.start(), 0, topic) for m in _ENUMERATION.finditer(text)]
        for m in c.topics.finditer(text):
            assert m.lastgroup is not None
            events.append((m.start(), 1, c.topic_names[int(m.lastgroup[1:])]))
        events.sort(key=lambda e: (e[0], e[1]))
        events = _end_local_topics(events, starts, passages, topic)
        counts = tuple(
            _Count(m.start(), m.end("u"), parse_number(m.group("n"))[0], m.group("u"), m)
            for m in _COUNTS.finditer(text)
        )
        return cls(
            text,
            tuple(starts),
            (*starts[1:], len(text)),
            tuple(passages),
            tuple(e[0] for e in events),
            tuple(e[2] for e in events),
            counts,
            tuple(k.start for k in counts),
            tuple(m.end() for m in _CLAUSE.finditer(text)),
            tuple(m.end() for m in _SEGMENT.finditer(text)),
        )

    def sentence(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1

    def topic(self, pos: int) -> str | None:
        """The topic in effect just before ``pos``."""
        return self.topics[bisect_left(self.topic_at, pos) - 1] if pos > 0 else self.topics[0]

    def clause_start(self, pos: int, floor: int) -> int:
        i = bisect_right(self.clauses, pos) - 1
        return max(floor, self.clauses[i]) if i >= 0 else floor

    def segment_start(self, pos: int, floor: int) -> int:
        i = bisect_right(self.segments, pos) - 1
        return max(floor, self.segments[i]) if i >= 0 else floor

    def previous_number_end(self, pos: int, floor: int) -> int:
        i = bisect_left(self.count_starts, pos) - 1
        return max(floor, self.counts[i].end) if i >= 0 else floor


def read_paragraph(
    paragraph: str, year: int | None = None, topic: str | None = None, c: Compiled | None = None
) -> Reading:
    """Every claim and share in one paragraph.

    ``year`` is the report's: a figure in a sentence about another year is not read.
    ``topic`` is the one in effect where the paragraph starts (from a heading above it).
    """
    c = c or compiled()
    printed = unspaced(paragraph)
    text = printed.translate(_FULL_WIDTH)
    p = _Paragraph.read(text, topic, c)
    claims = [claim for m in c.phrases.finditer(text) if (claim := _claim(m, p, c, year))]
    by_number = {claim.number: claim for claim in claims if not claim.nil}
    shares = list(_shares(p, by_number))
    end_topic = p.topics[-1]
    return Reading(text, printed, tuple(claims), tuple(shares), end_topic)


def _claim(m: re.Match[str], p: _Paragraph, c: Compiled, year: int | None) -> Claim | None:
    assert m.lastgroup is not None
    i = int(m.lastgroup[1:])
    alternative = c.alternatives[i]
    text = p.text
    number = m.start(f"n{i}") if not alternative.nil else m.end()
    topic = p.topic(number)
    fig = next((f for f in alternative.figures if f.topic in (None, topic)), None)
    if fig is None:
        return None
    start = m.start()
    s = p.sentence(start)
    sentence = (p.starts[s], p.ends[s])
    passage = max(p.passages[s], start - WINDOW)
    before = text[passage:start]
    if _SCOPE.search(before) or not _this_year(before, year):
        return None
    if _LAST_YEAR.search(text, p.clause_start(start, sentence[0]), start):
        return None
    if fig.topic == APP and _APPLICANTS.search(
        text, max(p.segment_start(start, sentence[0]), start - WINDOW), start
    ):
        return None  # about some applicants only
    unless = c.unless.get(fig.key)
    if unless is not None:
        since = sentence[0] if alternative.nil else p.previous_number_end(start, sentence[0])
        if unless.search(text, max(since, start - WINDOW), start):
            return None
    within = c.within.get(fig.key)
    if within is not None and not (
        within.search(text, passage, m.end()) or p.topic(p.passages[s]) == APP
    ):
        return None
    if alternative.nil:
        value, unit, digits = Decimal(0), "", 0
    else:
        value, digits = parse_number(m.group(f"n{i}"))
        unit = m.group(f"u{i}")
        if fig.measure is Measure.COUNT and digits:
            return None  # 12.5件 is not a count
    return Claim(
        fig, value, unit, digits, alternative.nil, m.group(), start, m.end(), number, sentence
    )


def _this_year(before: str, year: int | None) -> bool:
    """Whether the last year named before a phrase in its sentence is the report's own."""
    if year is None:
        return True
    named = [int(y) for y in _YEAR.findall(before)]
    return not named or named[-1] == year


def _shares(p: _Paragraph, by_number: dict[int, Claim]) -> Iterator[Share]:
    """Every count followed by a share (“36件，占55%”), with the counts named before it."""
    for i, count in enumerate(p.counts):
        m = count.match
        if m.group("pct") is None or count.unit in ("元", "万元"):
            continue
        s = p.sentence(count.start)
        passage = p.passages[s]
        named = _named_bases(p.counts, i, passage, count)
        pct = m.group("pct")
        yield Share(
            count.value,
            count.unit,
            Decimal(pct),
            len(pct.partition(".")[2]),
            bool(m.group("about") or m.group("about2")),
            count.start,
            m.end(),
            named,
            p.topic(count.start),
            by_number.get(count.start),
            (p.starts[s], p.ends[s]),
        )


def _named_bases(
    counts: Sequence[_Count], i: int, passage: int, part: _Count
) -> tuple[Decimal, ...]:
    """The distinct counts of the part's unit, not smaller than it, named before it in its
    passage (nearest first; at most ``_NAMED`` looked at, so that the work stays bounded)."""
    found: list[Decimal] = []
    for k in range(i - 1, max(-1, i - 1 - _NAMED), -1):
        other = counts[k]
        if other.start < passage:
            break
        if other.unit == part.unit and other.value >= part.value and other.value not in found:
            found.append(other.value)
    return tuple(found)


__all__ = [
    "NUMBER",
    "Claim",
    "Compiled",
    "Reading",
    "Share",
    "chinese_number",
    "compile_vocabulary",
    "compiled",
    "normalize",
    "parse_number",
    "read_paragraph",
    "unspaced",
]
