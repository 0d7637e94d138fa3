"""How well a printed label stands for a declared one.

Published tables print the official row labels with other enumerations (``1、`` ``（1）``
``1．``), without their enumeration, without a parenthetical note, broken over two lines or
cells (only the first part beside the values), with spaces inside, or with a typo (a dropped
character: “其他法律行政止公开”). A label is compared by what it ends with, since the text
before a row's values may also hold its group label, the table's header or a caption.
"""

from __future__ import annotations

import difflib
import functools
import re

from .items import normalize

PART = 6
"""The shortest first part of a broken label that is taken for the label."""
SHORT = 4
"""A label core shorter than this (“其他”, “规章”) is only ever matched exactly."""
FUZZY = 0.75
"""Similarity above which a printed label with a typo is taken for the declared one."""

_ENUMERATION = re.compile(r"(?<![\d.])\(?(\d{1,2})[).,](?=\D)|(?<![\d.])\((\d{1,2})\)")
_LEADING = re.compile(r"^(?:[一二三四五六七八九十]+[,.]|\([一二三四五六七八九十]+\)|\d{1,2}\.)")
_NOTE = re.compile(r"\([^()]*\)$")


@functools.lru_cache(maxsize=8192)  # labels repeat across rows and reports
def canon(text: str) -> str:
    """A label as compared: :func:`normalize`, and every arabic enumeration written ``1.``."""
    t = normalize(text)
    return _ENUMERATION.sub(lambda m: f"{m[1] or m[2]}.", t)


def core(label: str) -> str:
    """A canonical label without its leading enumeration (“1.属于国家秘密” → “属于国家秘密”)."""
    return _LEADING.sub("", label, count=1)


def score(printed: str, label: str) -> float:
    """How surely the canonical ``printed`` text ends with the canonical ``label``: 1 for the
    label itself, less for a variant, 0 for no match."""
    if not printed:
        return 0.0
    if printed.endswith(label):
        return 1.0
    c, bare = _forms(label)
    if not c:
        return 0.0
    if printed.endswith(c) and (len(c) >= SHORT or printed == c or _enumerated(printed, c)):
        return 0.95
    if len(c) < SHORT:
        return 0.0
    if bare != c and len(bare) >= SHORT and printed.endswith(bare):
        return 0.9  # printed without its note: “（二）部分公开”
    # The first part of a label broken over lines: it ends where the printed text does, so
    # only the places in the label of the printed text's last character are tried.
    last = printed[-1]
    for k in range(len(c) - 1, min(PART, len(c)) - 1, -1):
        if c[k - 1] == last and printed.endswith(c[:k]):
            return 0.6 + 0.3 * k / len(c)
    return 0.0


@functools.lru_cache(maxsize=4096)
def _forms(label: str) -> tuple[str, str]:
    """A declared label's :func:`core`, and that core without its trailing note: each of the
    format's few hundred labels is compared with every printed row of every report read,
    so they are derived once (bounded: a label is only ever a declared one)."""
    c = core(label)
    return c, _NOTE.sub("", c)


def similarity(printed: str, label: str) -> float:
    """For a label :func:`score` does not find: how much the end of ``printed`` looks like
    the label with a typo (a character dropped or changed), from 0.375 up; else 0. Slower:
    only asked where the alignment leaves a row without its segment."""
    c = core(label)
    if len(c) < SHORT or not printed:
        return 0.0
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(c)  # difflib caches what it learns of the second sequence
    best = 0.0
    for n in range(max(SHORT, len(c) - 4), len(c) + 3):
        matcher.set_seq1(printed[-n:])
        if matcher.real_quick_ratio() >= FUZZY and matcher.quick_ratio() >= FUZZY:
            best = max(best, matcher.ratio())
    return 0.5 * best if best >= FUZZY else 0.0


def _enumerated(printed: str, c: str) -> bool:
    """Whether a short core stands after an enumeration of its own (“3.其他”, “(三)其他”)."""
    before = printed[: -len(c)]
    return bool(re.search(r"(?:\d{1,2}\.|\([一二三四五六七八九十\d]+\))$", before))
