"""How the prose is read: numerals, the declared vocabulary, the fast scan (the same matches as
one big alternation), and the work staying linear in the text."""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from expect import REALWORLD
from test_prose_corpus import RIGHT_2024, SILENT_2024, WRONG_2024

import govdisclosure as g
from govdisclosure.formats import FORMATS
from govdisclosure.formats.vocabulary import VOCABULARY, Base, Figure
from govdisclosure.validation.prose import check_prose
from govdisclosure.validation.prose.extraction import (
    chinese_number,
    compile_vocabulary,
    compiled,
    parse_number,
    read_paragraph,
)
from govdisclosure.validation.prose.scanning import Scanner, beginnings

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十二", 12),
        ("一百零三", 103),
        ("两", 2),
        ("二十", 20),
        ("三千零五", 3005),
        ("一万二千", 12000),
        ("一〇三", 103),
        ("零", 0),
    ],
)
def test_chinese_numerals(text: str, value: int) -> None:
    assert chinese_number(text) == value


def test_numbers_with_separators_and_decimals() -> None:
    assert parse_number("1,283") == (Decimal(1283), 0)
    assert parse_number("12.35") == (Decimal("12.35"), 2)
    assert parse_number("一百零三") == (Decimal(103), 0)


def test_full_width_digits_are_read_and_quoted_as_printed() -> None:
    reading = read_paragraph("全年新收政府信息公开申请６７件，占１００％。")
    (claim,) = reading.claims
    assert (claim.value, claim.text) == (Decimal(67), "新收政府信息公开申请67件")
    assert reading.printed[claim.start : claim.end] == "新收政府信息公开申请６７件"


def test_a_phrase_is_read_only_where_its_topic_is() -> None:
    assert read_paragraph("办结65件。").claims == ()  # 办结 of what?
    (claim,) = read_paragraph("办结65件。", topic="application").claims
    assert claim.figure.key == "concluded"
    # The same words under another topic are another figure: 废止 of 规章, not of 规范性文件.
    (repealed,) = read_paragraph("制发规章1件，废止2件。").claims[1:]
    assert repealed.figure.key == "regulations_repealed"


# --- the vocabulary as declared -------------------------------------------------------------


def test_every_cell_of_the_vocabulary_is_declared_by_some_format() -> None:
    for fig in VOCABULARY:
        present = 0
        for base in fig.bases:
            for spec in FORMATS.values():
                fields = spec.table(base.table).fields
                missing = [cell for cell in base.cells if cell not in fields]
                # A base is in a format entirely or not at all: never half a sum.
                assert missing in ([], list(base.cells)), (fig.key, spec.version, missing)
                present += not missing
        assert present, f"{fig.key} has no meaning in any format version"


def test_two_figures_may_not_share_a_phrasing_and_a_topic() -> None:
    one = Figure(
        "a", "甲", "application", (Base("table3", (("new", "total"),)),), said=("甲{n}{u}",)
    )
    two = attrs.evolve(one, key="b")
    with pytest.raises(ValueError, match="share a phrasing and a topic"):
        compile_vocabulary((one, two))
    unnamed = attrs.evolve(one, said=("(甲|乙){n}{u}",))
    with pytest.raises(ValueError, match="unnamed group"):
        compile_vocabulary((unnamed,))


def test_a_later_format_adds_its_figures_as_data() -> None:
    # A new figure is a declaration; nothing else changes.
    fee = Figure(
        "fees_amount_2027",
        "收费金额",
        "fees",
        (Base("table2", (("fees", "amount"),)),),
        said=("收费金额{sum}{n}{u}",),
    )
    c = compile_vocabulary((*VOCABULARY, fee))
    (claim,) = read_paragraph("本年行政事业性收费项目收费金额5件。", c=c).claims
    assert claim.figure.key == "fees_amount_2027"


# --- the fast scan gives what one alternation gives -----------------------------------------


def _texts() -> list[str]:
    texts = [*RIGHT_2024, *SILENT_2024, *(w[0] for w in WRONG_2024)]
    for path in sorted(ROOT.glob("examples/*.yaml")) + sorted(REALWORLD.glob("*.truth.yaml")):
        report = g.load(path)
        for key in ("overview", "problems", "other"):
            section = report.section(key)
            if isinstance(section, g.Section):
                texts.extend(section.text_paragraphs())
    texts.append("".join(texts))  # run together, as a crawler captures a page
    texts.append("0" * 50 + "一二三四五六七八九十件" * 20 + "无" * 30 + "行政复议" * 10)
    return texts


@pytest.mark.slow
@pytest.mark.parametrize("scanner", ["phrases", "topics"])
def test_the_scan_finds_what_one_alternation_finds(scanner: str) -> None:
    scan: Scanner = getattr(compiled(), scanner)
    assert scan.everywhere is None  # every declared phrasing has known beginnings
    whole = re.compile("|".join(p.pattern for p in scan.patterns))
    for text in _texts():
        fast = [(m.start(), m.end(), m.lastgroup) for m in scan.finditer(text)]
        slow = [(m.start(), m.end(), m.lastgroup) for m in whole.finditer(text)]
        assert fast == slow, text[:40]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("办结", {"办结"}),
        ("(?<!不)(?:予以公开|同意公开)", {"予以", "同意"}),
        ("(?:结果)?维持", {"结果", "维持"}),
        (r"\d件", {f"{d}件" for d in "0123456789"}),
        ("[^，]{0,3}a", None),  # may begin with nearly anything
        ("a?", None),  # may match nothing
        ("ab|c", None),  # a match of one character
        ("(?:未|没有)[^，]{0,3}x", None),  # 未 followed by anything
        ("(?:未发生|没有)[^，]{0,3}x", {"未发", "没有"}),
    ],
)
def test_beginnings(pattern: str, expected: set[str] | None) -> None:
    found = beginnings(pattern)
    assert (None if found is None else set(found)) == expected


def test_a_pattern_that_may_begin_anywhere_is_searched_everywhere() -> None:
    scan = Scanner.build(["(?P<a0>a[^b]c)", "(?P<a1>x)"])
    assert scan.everywhere is not None
    assert [m.group() for m in scan.finditer("aac x")] == ["aac", "x"]


# --- linear in the text ---------------------------------------------------------------------


def _prose_of(size: int) -> str:
    """Real prose (the examples' and the shared reports'), repeated to ``size`` characters."""
    unit = "".join(_texts()[:-2])
    return (unit * (size // len(unit) + 1))[:size]


def _calls(report: g.Report) -> int:
    """How many functions, Python or C (each regex search included), checking ``report``'s
    prose calls: a count of work that a loaded machine cannot change, where seconds would be
    a timed test (the seconds are in ``benchmarks/prose.py``)."""
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        list(check_prose(report))
    finally:
        sys.setprofile(None)
    return count


@pytest.mark.slow
def test_checking_prose_does_work_in_proportion_to_its_length() -> None:
    assert compiled().phrases.patterns  # built, and its phrasings compiled, once per process
    report = g.load(ROOT / "examples" / "example-2024.yaml")

    def one(size: int) -> g.Report:
        return report.replace(overview=g.Section(paragraphs=(_prose_of(size),)))

    def many(size: int) -> g.Report:
        sentences = tuple(re.findall(r"[^。]*。?", _prose_of(size)))
        return report.replace(overview=g.Section(paragraphs=sentences))

    list(check_prose(many(10_000)))  # caches filled on first use are not work per character
    for shape in (one, many):
        # Five times the text, about five times the work: never the square of it.
        assert _calls(shape(200_000)) < 6 * _calls(shape(40_000))


@pytest.mark.parametrize(
    "sentence",
    [
        "行政事业性收费" + "9" * 60 + "元。",
        "受理申请" + "一" * 5000 + "件。",
        "受理申请" + "9" * 5000 + "件。",
        "予以公开36件，占" + "9" * 400 + "%。",
        "收到申请" + "1" * 30 + "件，予以公开" + "1" * 29 + "件，占10%。",
    ],
    ids=["amount", "numerals", "digits", "share", "counts"],
)
def test_hostile_prose_is_read_without_error(sentence: str) -> None:
    # Runs longer than any real count are not numbers; nothing raises, nothing is found.
    report = g.load(ROOT / "examples" / "example-2024.yaml")
    said = report.replace(overview=g.Section(paragraphs=("依申请公开", sentence)))
    assert [f.rule for f in g.validate(said) if f.rule in ("S4", "S9", "S10")] == []


def test_a_denial_repeated_thousands_of_times_is_one_claim() -> None:
    reading = read_paragraph("没有" * 3000 + "行政复议" * 3000, topic="application")
    assert [c.figure.key for c in reading.claims] == ["review"]


def test_large_numbers_are_read_exactly() -> None:
    (claim,) = read_paragraph("收到申请1,234,567件。").claims
    assert claim.value == 1234567
    (amount,) = read_paragraph("行政事业性收费99999999999999.5万元。").claims
    assert amount.value == Decimal("99999999999999.5")
