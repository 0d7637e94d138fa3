"""The public functions take what a user naturally writes: a suffix with or without its dot,
in any case, everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

import govdisclosure as g
from govdisclosure.inputs import load_bytes, loads
from govdisclosure.reading import read_bytes

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "example-2024.yaml"
REPORT = g.load(EXAMPLE)


@pytest.mark.parametrize("suffix", [".yaml", "yaml", ".YAML", "YML"])
def test_loads_takes_a_suffix_with_or_without_its_dot(suffix: str) -> None:
    assert loads(EXAMPLE.read_text("utf-8"), suffix) == REPORT


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".xlsx", "xlsx", "XLSX"])
def test_load_bytes_takes_a_suffix_with_or_without_its_dot(suffix: str) -> None:
    assert load_bytes(g.to_xlsx(REPORT), suffix).meta == REPORT.meta


@pytest.mark.parametrize("suffix", [".txt", "txt", "TXT", ".html", "html"])
def test_read_bytes_takes_a_suffix_with_or_without_its_dot(suffix: str) -> None:
    rendered = g.render(REPORT, suffix.lower().lstrip("."))
    assert read_bytes(rendered, suffix).report.meta.agency == REPORT.meta.agency


@pytest.mark.parametrize("to", ["html", ".html", "HTML", ".md", "txt"])
def test_render_takes_a_suffix_with_or_without_its_dot(to: str) -> None:
    assert g.render(REPORT, to) == g.render(REPORT, to.lower().lstrip("."))


def test_an_unknown_suffix_is_named_in_the_error() -> None:
    with pytest.raises(g.InputError, match=r"不支持的文件类型“\.ini”"):
        loads("agency: x", "ini")


def test_render_stays_the_function_after_the_rendering_package_is_imported() -> None:
    import govdisclosure.rendering  # noqa: F401 - what any renderer's import does

    # The package was once also named govdisclosure.render: importing it replaced the function.
    assert g.render(REPORT, "md") == g.render(REPORT, "md")
    assert callable(g.render) and g.render.__module__ == "govdisclosure"
