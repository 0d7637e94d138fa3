"""Fuzzing: whatever goes in, only the library's documented errors come out.

Documented errors: InputError (an input file or a published report that cannot be used),
RenderError (a report or template that cannot be rendered); both are GovDisclosureError.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govdisclosure as g
from govdisclosure.reading import READERS, read_bytes
from govdisclosure.rendering import RenderError, render

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

keys = st.sampled_from(
    [
        "agency",
        "year",
        "format",
        "table3",
        "table4",
        "new",
        "total",
        "natural_person",
        "review",
        "upheld",
        "overview",
        "paragraphs",
        "parts",
        "heading",
        "contact",
        "phone",
        "other",
        "x",
    ]
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from([2019, 2020, 2021, 2024, "2021", "/", "-", "无"]),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=6)),
    max_leaves=30,
)


def documented(call: Callable[[], object]) -> object | None:
    try:
        return call()
    except g.GovDisclosureError:
        return None


@pytest.mark.slow
@FUZZ
@given(text=st.text(max_size=300), suffix=st.sampled_from([".yaml", ".json", ".toml"]))
def test_loads_of_any_text_is_a_report_or_an_input_error(text: str, suffix: str) -> None:
    documented(lambda: g.loads(text, suffix))


@pytest.mark.slow
@FUZZ
@given(
    data=st.dictionaries(keys, documents, max_size=8),
    year=st.sampled_from([2019, 2020, 2024, None]),
)
def test_any_structure_loads_validates_and_renders_or_says_why(
    data: dict[str, Any], year: int | None
) -> None:
    if year is not None:
        data = {**data, "agency": "某局", "year": year}
    report = documented(lambda: g.loads(json.dumps(data, default=str), ".json"))
    if isinstance(report, g.Report):
        assert isinstance(g.validate(report), list)
        for to in ("html", "md", "txt", "docx"):
            documented(functools.partial(render, report, to))


@FUZZ
@given(data=st.binary(max_size=2000), suffix=st.sampled_from(sorted(READERS)))
def test_reading_any_bytes_is_a_reading_or_an_input_error(data: bytes, suffix: str) -> None:
    documented(lambda: read_bytes(data, suffix))


@FUZZ
@given(text=st.text(max_size=500), suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_reading_any_text_is_a_reading_or_an_input_error(text: str, suffix: str) -> None:
    documented(lambda: read_bytes(text.encode("utf-8", "surrogatepass"), suffix))


prose = st.lists(
    st.one_of(
        st.text(max_size=5),
        st.sampled_from(
            ["{{", "}}", "{%", "%}", "{#", "<", ">", "&", "t3.new.total", "\x00", "\x0b"]
        ),
    ),
    max_size=16,
).map("".join)


@pytest.mark.slow
@FUZZ
@given(paragraph=prose, agency=st.text(min_size=1, max_size=20))
def test_rendering_any_prose_is_output_or_a_render_error(paragraph: str, agency: str) -> None:
    base = g.load("examples/example-2024.yaml")
    report = base.replace(
        meta=attrs.evolve(base.meta, agency=agency), overview=g.Section(paragraphs=(paragraph,))
    )
    for to in ("html", "docx"):
        try:
            out = render(report, to)
        except RenderError:
            continue
        assert out
