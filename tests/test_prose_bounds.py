"""Prose expressions run within bounds: hostile prose ends in a located RenderError without
taking the machine's memory or time. The tests run under a memory cap and an alarm, so that a
regression fails instead of exhausting the machine or hanging the suite."""

from __future__ import annotations

import pytest

import govdisclosure as g
from govdisclosure.model import Section
from govdisclosure.rendering import RenderError, render

EXAMPLE = g.load("examples/example-2024.yaml")
pytestmark = pytest.mark.usefixtures("bounded")  # the cap and alarm of conftest.py


def with_prose(text: str) -> g.Report:
    return EXAMPLE.replace(problems=Section(paragraphs=(text,)))


HOSTILE = {
    "nested-loops": "{% for a in range(99999) %}{% for b in range(99999) %}x{% endfor %}"
    "{% endfor %}",
    "huge-power": "{{ 10 ** (10 ** 8) }}",
    "huge-repeat": "{{ 'a' * 10 ** 10 }}",
    "huge-list-repeat": "{{ (range(9999)|list) * 99999 }}",
    "huge-format-width": "{{ '%0999999999d' % 1 }}",
    "huge-center": "{{ ''|center(10 ** 10) }}",
    "huge-method-arg": "{{ 'a'.ljust(10 ** 9) }}",
    "recursive-macro": "{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}",
    "huge-helper-arg": "{{ share(1, 3, digits=10 ** 8) }}",
    "deep-nesting": "{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}",
    "huge-source": "{{ 1 }}" + "字" * 30_000,
}


@pytest.mark.parametrize("prose", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_prose_is_a_located_render_error(prose: str) -> None:
    with pytest.raises(RenderError) as caught:
        render(with_prose(prose), "html")
    assert str(caught.value).startswith("五、存在的主要问题及改进情况")


def test_ordinary_prose_expressions_still_work() -> None:
    text = "新收申请{{ t3.new.total }}件，{% if t3.new.total > 0 %}有{% else %}无{% endif %}。"
    page = render(with_prose(text), "html").decode()
    assert "新收申请67件，有。" in page
