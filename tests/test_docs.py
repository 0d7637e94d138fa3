"""Every Python example in the README and in docs/ runs, so that none can rot."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

import govdisclosure

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("**/*.md"))]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)

EXAMPLES = [
    pytest.param(code, id=f"{page.relative_to(ROOT)}:{n}")
    for page in PAGES
    for n, code in enumerate(BLOCK.findall(page.read_text("utf-8")), start=1)
]


def test_docs_have_examples() -> None:
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("code", EXAMPLES)
def test_example_runs(code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    exec(compile(code, "<docs example>", "exec"), {"__name__": "__docs__"})


def test_package_docstring_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testmod(govdisclosure, raise_on_error=False)
    assert result.attempted > 0
    assert result.failed == 0


def test_hand_written_pages_take_the_severities_of_rules_from_the_declarations() -> None:
    """A table that gives a rule's severity is written from ``RULES`` by docs/hooks.py
    (``<!-- rules: … -->``), never by hand, where it could drift from what is reported."""
    restated = re.compile(r"^\|[^\n]*\|\s*(错误|警告)\s*\|", re.M)
    pages = [p for p in PAGES if restated.search(p.read_text("utf-8"))]
    assert pages == []
