"""Write the table images of the documentation's format-version pages.

    python3 tools/build_docs_images.py [--check]

For each format version in ``govdisclosure.FORMATS`` this renders a zero-filled report of a
year the version covers (``blank_report``) to HTML with the built-in template, cuts out each
official table (表二, 表三, 表四) with the page's own stylesheet, has headless Chromium
photograph it, trims the margins and stores it as a small greyscale PNG:
``docs/images/format-<version>-<table>.png``. ``docs/hooks.py`` puts them on the pages and
fails the strict build when one is missing, so a new format version needs one run of this.

Needs ``chromium`` (Debian package) and Pillow (``pip install pillow``); neither is needed
to build the site, which uses the committed images. ``--check`` only lists missing images.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from lxml import html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govdisclosure import FORMATS, FormatSpec  # noqa: E402
from govdisclosure.rendering import render  # noqa: E402
from govdisclosure.skeleton import blank_report  # noqa: E402

IMAGES = ROOT / "docs" / "images"
WIDTH, HEIGHT = 1000, 1800
"""The browser window: as wide as the HTML page's column, taller than the tallest table."""
MARGIN = 8
"""White pixels kept around the table after trimming."""
COLOURS = 32
"""Grey levels kept: enough for anti-aliased CJK text, few enough for a small file."""

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)


def image_path(version: str, table: str) -> Path:
    """Where the image of ``table`` of format ``version`` is kept."""
    return IMAGES / f"format-{version}-{table}.png"


def sample_year(spec: FormatSpec) -> int:
    """A year the format covers, for the report photographed (it shows in no table)."""
    return spec.last_year if spec.last_year is not None else spec.first_year


def table_pages(spec: FormatSpec) -> dict[str, bytes]:
    """One standalone HTML page per table: the rendered report's stylesheet and that table."""
    page = html.fromstring(render(blank_report(sample_year(spec), spec.version), "html"))
    style = page.find(".//style")
    assert style is not None and style.text is not None
    pages: dict[str, bytes] = {}
    for table in spec.tables:
        (wrap,) = page.xpath(f"//section[@id='{table.key}']//div[@class='table-wrap']")
        body = html.tostring(wrap, encoding="unicode")
        pages[table.key] = (
            '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            f"<style>{style.text} body {{ padding: 0 {MARGIN}px; margin: 0; }}</style>"
            f"</head><body>{body}</body></html>"
        ).encode()
    return pages


def screenshot(page: bytes, browser: str, work: Path) -> bytes:
    source, shot = work / "page.html", work / "shot.png"
    source.write_bytes(page)
    shot.unlink(missing_ok=True)
    subprocess.run(
        [
            browser,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={work / 'profile'}",
            f"--screenshot={shot}",
            f"--window-size={WIDTH},{HEIGHT}",
            source.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return shot.read_bytes()


def small_png(png: bytes) -> bytes:
    """Trim the white margins, keep ``COLOURS`` grey levels, and compress."""
    from PIL import Image, ImageChops, ImageOps

    image = ImageOps.grayscale(Image.open(io.BytesIO(png)))
    box = ImageChops.invert(image).getbbox()
    if box is None:
        raise SystemExit("the screenshot is blank: did Chromium render the page?")
    left, top, right, bottom = box
    image = image.crop(
        (
            max(left - MARGIN, 0),
            max(top - MARGIN, 0),
            min(right + MARGIN, image.width),
            min(bottom + MARGIN, image.height),
        )
    )
    if image.height >= HEIGHT - 2 * MARGIN:
        raise SystemExit(f"a table is taller than the {HEIGHT}px window: raise HEIGHT")
    out = io.BytesIO()
    image.quantize(COLOURS).save(out, "PNG", optimize=True)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only list missing images")
    args = parser.parse_args(argv)
    wanted = [(spec, t.key) for spec in FORMATS.values() for t in spec.tables]
    if args.check:
        missing = [
            image_path(s.version, t) for s, t in wanted if not image_path(s.version, t).exists()
        ]
        for path in missing:
            print(f"missing: {path.relative_to(ROOT)}")
        return 1 if missing else 0
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise SystemExit("chromium not found (apt-get install chromium)")
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for spec in FORMATS.values():
            for key, page in table_pages(spec).items():
                target = image_path(spec.version, key)
                target.write_bytes(small_png(screenshot(page, browser, Path(tmp))))
                size = target.stat().st_size
                print(f"{target.relative_to(ROOT)}  {size // 1024} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
