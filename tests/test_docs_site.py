"""The documentation site builds with ``mkdocs build --strict``: no broken link, anchor,
cross-reference or image, every page in the nav, and the generated pages (rule catalogue,
format versions) complete. Needs the ``docs`` extra; skipped without it, except in CI."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govdisclosure import FORMATS, RULES

ROOT = Path(__file__).resolve().parent.parent
NEEDED = ("mkdocs", "material", "mkdocstrings", "mkdocstrings_handlers.python")
"""The modules of the ``docs`` extra: MkDocs, the Material theme, mkdocstrings for Python."""
IMAGE_BYTES = 100_000
"""The table images are greyscale PNGs of a few tens of kilobytes; keep the repository small."""


def _missing() -> list[str]:
    missing = []
    for name in NEEDED:
        try:
            found = importlib.util.find_spec(name) is not None
        except ModuleNotFoundError:  # the parent package of a dotted name is missing
            found = False
        if not found:
            missing.append(name)
    return missing


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


@pytest.mark.external
def test_site_builds_strict(tmp_path: Path) -> None:
    missing = _missing()
    if missing:
        reason = (
            f"the docs extra is not installed (no {', '.join(missing)}): "
            "pip install -e '.[docs]' to build the site"
        )
        if _in_ci():
            pytest.fail(f"{reason}; CI must install it")
        pytest.skip(reason)
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr

    catalogue = (site / "reference" / "rules" / "index.html").read_text("utf-8")
    for rule in RULES:
        assert f'id="{rule.lower()}"' in catalogue, rule
    for version, spec in FORMATS.items():
        page = (site / "formats" / version / "index.html").read_text("utf-8")
        for table in spec.tables:
            assert f"format-{version}-{table.key}.png" in page
            assert f"{table.key}.{next(iter(table.fields))[0]}." in page  # the cell keys
    api = (site / "api" / "govdisclosure" / "index.html").read_text("utf-8")
    assert 'id="govdisclosure.validate"' in api


@pytest.mark.parametrize("version", sorted(FORMATS))
def test_format_images_are_committed_and_small(version: str) -> None:
    # Made by tools/build_docs_images.py; the format pages show them.
    for table in FORMATS[version].tables:
        image = ROOT / "docs" / "images" / f"format-{version}-{table.key}.png"
        assert image.is_file(), f"{image.name} missing: run python3 tools/build_docs_images.py"
        assert image.read_bytes().startswith(b"\x89PNG")
        assert image.stat().st_size < IMAGE_BYTES
