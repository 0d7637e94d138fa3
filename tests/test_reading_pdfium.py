"""The PDF reader's two engines read a page alike: PDFium (through ctypes, in C) as pdfplumber.

PDFium reads every PDF it can read as pdfplumber would; pdfplumber reads the rest and gives
the verdict on what is refused. These tests hold PDFium's pages, tables and items to
pdfplumber's on PDFs printed by LibreOffice and on the real WPS-made report, check what is
left to pdfplumber, and that the child process that reads each PDF starts lean. PDFs come
from LibreOffice (skipped with a reason where it is missing, failing on CI).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from fixtures_reading import EXAMPLES, minimal_pdf, to_pdf

import govdisclosure as g
from govdisclosure.reading import _pdf, _pdfgrid, _pdfium, read_bytes
from govdisclosure.reading.assemble import assemble
from govdisclosure.rendering import render

ROOT = Path(__file__).resolve().parent.parent
REALWORLD = ROOT.parent / "shared" / "realworld" / "hongze-2024.pdf"
LIBRARY = _pdfium.library_path()

pytestmark = pytest.mark.skipif(LIBRARY is None, reason="pypdfium2 (with pdfplumber) is missing")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The examples printed by LibreOffice, and the real report where it is at hand."""
    out = {}
    for name in ("example-2024", "nanchang-edu-2020-corrected"):
        report = g.load(EXAMPLES / f"{name}.yaml")
        out[name] = to_pdf(render(report, "docx"), tmp_path_factory.mktemp(name), name)
    if REALWORLD.is_file():
        out["hongze-2024"] = REALWORLD.read_bytes()
    return out


def engines(data: bytes) -> tuple[list[_pdfium.Page], list[pdfplumber.page.Page]]:
    assert LIBRARY is not None
    pages = list(_pdfium.Pdfium(LIBRARY).pages(data, _pdf.MAX_PAGES))
    return pages, pdfplumber.open(io.BytesIO(data)).pages


@pytest.mark.external
def test_both_engines_give_the_same_items(pdfs: dict[str, bytes]) -> None:
    for name, data in pdfs.items():
        fast = _pdf._pdfium_blocks(data, LIBRARY)
        assert fast is not None, name
        assert _pdf._items(fast) == _pdf._items(_pdf._pdfplumber_blocks(data)), name


@pytest.mark.external
def test_glyphs_stand_where_pdfplumber_puts_them(pdfs: dict[str, bytes]) -> None:
    # LibreOffice declares no descent for its fonts, so pdfminer's boxes stand on the
    # baseline as PDFium's do: same text, same boxes to a hundredth of a point.
    # (PDFium gives a page's glyphs in its reading order, pdfminer in the content's.)
    pages, theirs = engines(pdfs["example-2024"])
    for ours, page in zip(pages, theirs, strict=True):
        expected = sorted((c for c in page.chars if c["text"].strip()), key=_place)
        got = sorted(ours.chars, key=_place)
        assert [c["text"] for c in got] == [c["text"] for c in expected]
        for a, b in zip(got, expected, strict=True):
            for key in ("x0", "x1", "top", "bottom", "size"):
                assert abs(a[key] - float(b[key])) < 0.01, (a, key, b[key])
            assert a["upright"] == b["upright"]


def _place(char: dict[str, object]) -> tuple[float, float]:
    return (round(float(str(char["top"])), 1), round(float(str(char["x0"])), 1))


@pytest.mark.external
def test_rules_and_tables_are_pdfplumbers(pdfs: dict[str, bytes]) -> None:
    for name, data in pdfs.items():
        pages, theirs = engines(data)
        for ours, page in zip(pages, theirs, strict=True):
            for kind in ("lines", "rects", "curves"):
                assert len(getattr(ours, kind)) == len(getattr(page, kind)), (name, kind)
            ours_found = _pdf._find_tables(ours)
            settings = _explicit(page)
            theirs_found = page.find_tables(settings) if settings else []
            assert len(ours_found) == len(theirs_found), name
            for a, b in zip(ours_found, theirs_found, strict=True):
                assert _close(a.bbox, b.bbox)
                assert len(a.rows) == len(b.rows)
                for row_a, row_b in zip(a.rows, b.rows, strict=True):
                    assert [c is None for c in row_a.cells] == [c is None for c in row_b.cells]


def _explicit(page: pdfplumber.page.Page) -> dict[str, object] | None:
    """pdfplumber's own table finder on the rules the reader takes for visible."""
    from pdfplumber.utils.geometry import obj_to_edges

    vertical: list[dict[str, Any]] = []
    horizontal: list[dict[str, Any]] = []
    for obj in (*page.lines, *page.rects, *page.curves):
        if _pdf._visible_rule(obj):
            for edge in obj_to_edges(obj):
                (vertical if edge["orientation"] == "v" else horizontal).append(edge)
    if len(vertical) < 2 or len(horizontal) < 2:
        return None
    return {
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "explicit_vertical_lines": vertical,
        "explicit_horizontal_lines": horizontal,
    }


def _close(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return all(abs(x - float(y)) < 0.01 for x, y in zip(a, b, strict=True))


@pytest.mark.external
def test_the_table_finder_is_pdfplumbers_on_pdfplumbers_own_rules(
    pdfs: dict[str, bytes],
) -> None:
    # The port alone, fed the very edges pdfplumber is fed: the same cells, to the bit.
    for data in pdfs.values():
        for page in pdfplumber.open(io.BytesIO(data)).pages:
            settings = _explicit(page)
            if settings is None:
                continue
            theirs = page.find_tables(settings)
            ours = _pdfgrid.find_tables(
                settings["explicit_vertical_lines"],  # type: ignore[arg-type]
                settings["explicit_horizontal_lines"],  # type: ignore[arg-type]
            )
            assert [t.cells for t in ours] == [t.cells for t in theirs]
            assert [[r.cells for r in t.rows] for t in ours] == [
                [r.cells for r in t.rows] for t in theirs
            ]


@pytest.mark.external
@pytest.mark.skipif(not REALWORLD.is_file(), reason="../shared/realworld is not at hand")
def test_vertical_writing_is_read_as_pdfplumber_reads_it(pdfs: dict[str, bytes]) -> None:
    # hongze-2024 writes table 三's “三、本年度办理结果” down a merged cell in a vertical
    # font: PDFium places those glyphs otherwise, and they must still fall in that cell.
    cells = [
        text
        for text, cell in _pdf._items(_pdf._pdfium_blocks(pdfs["hongze-2024"], LIBRARY) or [])
        if cell
    ]
    assert "三、本年度办理结果" in cells


def test_a_rotated_page_is_left_to_pdfplumber() -> None:
    from govdisclosure.reading.safety import UnreadableError

    content = b"BT /F1 24 Tf 72 700 Td (Annual report 2024) Tj ET"
    data = minimal_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate 90 /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )
    assert _pdf._pdfium_blocks(data, LIBRARY) is None
    # pdfplumber's verdict: the text runs up the page as shown, so it is no text it reads.
    with pytest.raises(UnreadableError, match="没有可提取的文字"):
        _pdf._pieces(data, LIBRARY)


def test_what_is_refused_is_refused_as_pdfplumber_refuses_it() -> None:
    from govdisclosure.reading.safety import UnreadableError

    blank = minimal_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ]
    )
    with pytest.raises(UnreadableError, match="没有可提取的文字"):
        _pdf._pieces(blank, LIBRARY)


@pytest.mark.external
def test_the_child_imports_neither_attrs_nor_lxml_nor_pdfplumber(
    pdfs: dict[str, bytes],
) -> None:
    # Every PDF starts a child: what it imports is what each PDF costs before it is read.
    here = os.path.dirname(_pdf.__file__)
    probe = _pdf._CHILD.replace(
        "_child(int(sys.argv[3]), float(sys.argv[4]), sys.argv[5] or None)",
        "from govdisclosure.reading._pdf import _pieces\n"
        "_pieces(sys.stdin.buffer.read(), sys.argv[5])\n"
        "import json; print(json.dumps(sorted(sys.modules)))",
    )
    command = [sys.executable, "-I", "-S", "-c", probe]
    search_path = os.pathsep.join(sys.path)
    done = subprocess.run(
        [*command, os.path.dirname(here), here, "0", "0", LIBRARY or "", search_path],
        input=pdfs["example-2024"],
        capture_output=True,
        check=True,
    )
    loaded = set(json.loads(done.stdout))
    for heavy in ("attrs", "lxml", "pdfplumber", "pdfminer", "dataclasses"):
        assert heavy not in loaded, heavy


@pytest.mark.external
def test_a_pdf_read_through_the_child_is_the_pdf_read_here(pdfs: dict[str, bytes]) -> None:
    for data in pdfs.values():
        assert read_bytes(data, ".pdf").report == assemble(_pdf.extract(data)).report
