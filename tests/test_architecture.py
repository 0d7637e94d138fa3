"""How the package is put together, checked over its source.

The report's sections and the rules are each declared once: their keys and ids are spelled in
one module only. Everything else reaches a section through
:class:`govdisclosure.formats.SectionKey` or by iterating ``report.format.sections``, and a rule
through :class:`govdisclosure.RuleId`, so a format with other sections or rules is one new
declaration module, not a hunt through readers, renderers and workbooks for hand-written keys.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path

import pytest

import govdisclosure
from govdisclosure.formats import FORMATS, SectionKey
from govdisclosure.rules import RULES, RuleId

PACKAGE = Path(govdisclosure.__file__).parent
RULES_MODULE = PACKAGE / "rules.py"
RULE_IDS = (
    *(f"H{n}" for n in range(1, 6)),
    *("S1", "S2", "S4", "S5", "S6", "S9", "S10"),
    *("MISSING", "BLANK", "LAYOUT", "UNCHECKED", "EMPTY", "HIDDEN"),
    *("KEY", "TYPE", "RANGE", "SYNTAX", "RENDER", "READ"),
)
QUOTED_ID = re.compile(r"""(["'])(""" + "|".join(RULE_IDS) + r")\1")


def test_the_rule_ids_are_spelled_in_one_module() -> None:
    """Every rule id is written in govdisclosure/rules.py only; elsewhere it is a RuleId."""
    outside = [
        f"{path.relative_to(PACKAGE.parent)}:{n}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != RULES_MODULE
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if QUOTED_ID.search(line)
    ]
    assert not outside, "rule ids spelled outside govdisclosure/rules.py:\n" + "\n".join(outside)


def test_the_pattern_finds_an_id() -> None:
    assert QUOTED_ID.search('Finding("H2", ...)')
    assert QUOTED_ID.search("rule == 'READ'")
    assert not QUOTED_ID.search('"H20"') and not QUOTED_ID.search("RuleId.H2")


def test_every_rule_id_is_declared_once() -> None:
    assert set(RuleId) == set(RULE_IDS)
    assert list(RULES) == list(RuleId)
    assert all(rule.id is key for key, rule in RULES.items())


# --- sections ---------------------------------------------------------------------------
DECLARATION = PACKAGE / "sections.py"
"""The one module that spells the section keys."""

KEYS = frozenset(k.value for k in SectionKey)

MARKER = "not a section key"
"""A comment that marks a line whose literal is a cell, row or topic key that happens to be
spelled like a section (表三's row and applicant column ``other``, 表四's outcome ``other``)."""


def section_literals(source: str) -> Iterator[tuple[int, str]]:
    """(line, key) of each string literal in ``source`` that is exactly a section key, unless
    its line carries the :data:`MARKER` comment."""
    marked = set()
    strings: list[tuple[int, str]] = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT and MARKER in token.string:
            marked.add(token.start[0])
        elif token.type == tokenize.STRING:
            try:
                value = ast.literal_eval(token.string)
            except (ValueError, SyntaxError):  # pragma: no cover - every literal evaluates
                continue
            if isinstance(value, str) and value in KEYS:
                strings.append((token.start[0], value))
    yield from ((line, key) for line, key in strings if line not in marked)


def test_the_section_keys_cover_the_declared_sections() -> None:
    for fmt in FORMATS.values():
        assert [s.key for s in fmt.sections] == list(SectionKey)
        assert all(isinstance(s.key, SectionKey) for s in fmt.sections)
        assert {t.key for t in fmt.tables} == {s.table for s in fmt.sections if s.table}


def test_section_keys_are_spelled_only_in_the_declaration() -> None:
    offending = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {key!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != DECLARATION
        for line, key in section_literals(path.read_text(encoding="utf-8"))
    ]
    assert not offending, (
        "section keys spelled outside govdisclosure/sections.py; use SectionKey or iterate "
        "report.format.sections:\n" + "\n".join(offending)
    )


def test_the_declaration_spells_every_key() -> None:
    found = {key for _, key in section_literals(DECLARATION.read_text(encoding="utf-8"))}
    assert found == KEYS


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('x = "table3"\n', [(1, "table3")]),
        ("x = 'other'\ny = 1\n", [(1, "other")]),
        ('x = ("a",\n     "overview")\n', [(2, "overview")]),
        ('x = "other"  # a cell key, not a section key\n', []),
        ('x = "table3.new"\nf"{t}"\n"""overview"""\n', [(3, "overview")]),
        ('x = "others"\n', []),
    ],
)
def test_the_scan_finds_quoted_keys(source: str, expected: list[tuple[int, str]]) -> None:
    assert list(section_literals(source)) == expected
