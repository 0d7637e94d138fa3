"""Rules S4, S9, S10: the figures the prose states against the tables.

Published reports often say one thing in the text and another in the tables (spec §8:
上海 2019 “258/265” against 275/337; the shared PDF's “受理…17件” against 95), and evaluators
cross-check exactly these figures by hand. The figures, their phrasings and what they mean
as cells are declared in :mod:`govdisclosure.formats.vocabulary`; here the prose is read
with it (:mod:`.extraction`), compared with the tables (:mod:`.matching`) and reported
(:mod:`.findings`):

* **S4**: a count or amount that fits none of the meanings of its phrase, or a claim
  without a number (“全部办结”, “未收到政府信息公开申请”, “未发生行政复议”) that the tables
  contradict;
* **S9**: a share (“36件，占55%”) that no base a reader could take it of gives,
  rounded 四舍五入 at the digits printed;
* **S10**: a phrase of several meanings (“办理申请30件”) that fits none of them.

Their severities are declared in :data:`govdisclosure.RULES`. Nothing is compared with a cell
the report does not make known (unread by a reader, not stated), and a sentence about another
agency's scope (全区…) or another year is not read.
"""

from __future__ import annotations

from collections.abc import Iterator

from attrs import frozen

from ...findings import Finding
from ...model import Report, Section
from .extraction import Claim, Reading, Share, read_paragraph
from .findings import mismatch_finding, share_finding
from .matching import Mismatch, ShareMismatch, Tables, check_claim, check_share, share_bases

_HEADING_MAX = 30


def read_prose(report: Report) -> Iterator[tuple[tuple[str, str], Reading]]:
    """Every prose paragraph as read, with its machine path and official location
    (``overview[3]``, ``一、总体情况第3段``), in document order.

    A heading paragraph (short, without sentence punctuation: “依申请公开”) sets the topic of
    the paragraphs below it, until the next heading.
    """
    year = report.meta.year
    for spec in report.format.sections:
        section = report.section(spec.key)
        if not isinstance(section, Section):
            continue
        topic: str | None = None
        for n, raw in enumerate(section.text_paragraphs(), start=1):
            reading = read_paragraph(raw, year, topic)
            if _is_heading(reading.text):
                topic = reading.topic
            yield (f"{spec.key}[{n}]", f"{spec.title}第{n}段"), reading


def _is_heading(text: str) -> bool:
    return len(text) <= _HEADING_MAX and not any(c in text for c in "。；！？，,;")


@frozen
class Problem:
    """A claim or share of one paragraph that the tables contradict."""

    path: str
    location: str
    reading: Reading
    found: Mismatch | ShareMismatch


def compare_prose(report: Report) -> Iterator[Problem]:
    """Every claim and share of the prose that the tables contradict, in document order."""
    tables = Tables(report)
    table_bases = share_bases(tables)
    for (path, location), reading in read_prose(report):
        for claim in reading.claims:
            mismatch = check_claim(tables, claim)
            if mismatch is not None:
                yield Problem(path, location, reading, mismatch)
        for share in reading.shares:
            wrong = check_share(tables, share, table_bases)
            if wrong is not None:
                yield Problem(path, location, reading, wrong)


def check_prose(report: Report) -> Iterator[Finding]:
    """S4, S9 and S10 findings on the report's prose."""
    for p in compare_prose(report):
        where = (p.path, p.location)
        if isinstance(p.found, Mismatch):
            yield mismatch_finding(report, where, p.reading, p.found)
        else:
            yield share_finding(where, p.reading, p.found)


__all__ = [
    "Claim",
    "Mismatch",
    "Problem",
    "Reading",
    "Share",
    "ShareMismatch",
    "check_prose",
    "compare_prose",
    "read_prose",
]
