"""How the package is put together, checked over its source."""

from __future__ import annotations

import re
from pathlib import Path

import govdisclosure
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
