"""The rendered files in the programs people open them with: LibreOffice and Chromium.

Locally these tests are skipped, with the reason shown, when a program is missing; in CI
(``CI`` set) a missing program fails them, since ``.ci/run`` installs every one.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from expect import chromium, libreoffice, program

import govdisclosure as g
from govdisclosure.rendering import render
from govdisclosure.rendering.grid import flatten

EXAMPLES = ["example-2024.yaml", "nanchang-edu-2020-corrected.yaml"]


def table_values(report: g.Report) -> Counter[str]:
    return Counter(
        v for t in report.tables for flat in flatten(t) for row in flat.rows for v in row[1:]
    )


@pytest.fixture(params=EXAMPLES)
def report(request: pytest.FixtureRequest, examples: Path) -> g.Report:
    return g.load(examples / request.param)


@pytest.mark.external
def test_libreoffice_prints_every_section_and_number(report: g.Report, tmp_path: Path) -> None:
    pdftotext = program("pdftotext", "poppler reads the text LibreOffice printed")
    docx = tmp_path / "report.docx"
    docx.write_bytes(render(report, "docx"))
    converted = libreoffice(docx, "pdf", tmp_path)
    assert converted.returncode == 0, converted.stderr
    text = subprocess.run(
        [pdftotext, "-layout", str(tmp_path / "report.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    flat = re.sub(r"\s+", "", text)
    for section in report.format.sections:
        assert section.title in flat
    # LibreOffice sets a thin space between digits and CJK (“12350.49 万元”) whatever the
    # document says: join the unit back before counting.
    tokens = Counter(re.findall(r"\d+(?:\.\d+)?(?:万元)?", re.sub(r"(\d)\s+(万元)", r"\1\2", text)))
    assert not table_values(report) - tokens  # every table value printed at least as often


@pytest.mark.external
def test_chromium_loads_the_html_and_shows_the_tables(report: g.Report, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_bytes(render(report, "html"))
    dom = chromium(tmp_path / "profile", "--dump-dom", page.as_uri()).stdout
    assert dom.count("<table>") == 3
    assert report.meta.agency in dom
    shot = tmp_path / "page.png"
    chromium(tmp_path / "profile", "--window-size=1100,2400", f"--screenshot={shot}", page.as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 50_000  # a page of tables and text, not a blank window
