"""Reports on the web pages of government portals: any encoding is decoded.

The pages are built here around the official grid (tests/fixtures_reading).
"""

from __future__ import annotations

import codecs
import html

import pytest
from fixtures_reading import EXAMPLES, Published, Rows

import govdisclosure as g
from govdisclosure.reading._html import items
from govdisclosure.reading.items import Item

EXAMPLE = g.load(EXAMPLES / "example-2024.yaml")
TITLE = "示例市人力资源和社会保障局2024年政府信息公开工作年度报告"


def texts(found: list[Item]) -> list[str]:
    return [i.text for i in found]


def cell_html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def table_html(rows: Rows, attrs: str = 'border="1"') -> str:
    out = [f"<table {attrs}><tbody>"]
    for row in rows:
        out.append("<tr>")
        for c in row:
            span = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (
                f' colspan="{c.colspan}"' if c.colspan > 1 else ""
            )
            out.append(f'<td{span}><p style="text-align:center">{cell_html(c.text)}</p></td>')
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def body(published: Published) -> str:
    """The report as the CMS's rich-text block holds it: a <p> per paragraph, tables,
    signature and date."""
    out = []
    for block in published.blocks():
        if isinstance(block, str):
            out.append(f'<p style="text-indent:2em">{html.escape(block)}</p>')
        else:
            out.append(table_html(block))
    return "\n".join(out)


# --- Encodings ---------------------------------------------------------------------------


def plain_page(charset: str | None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return (
        f"<html><head>{meta}<title>{TITLE}</title></head><body>"
        f"{body(Published.of(EXAMPLE))}</body></html>"
    )


EXPECTED = items(plain_page("utf-8").encode())


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf-8 with BOM, no meta", codecs.BOM_UTF8 + plain_page(None).encode()),
        ("utf-16-le with BOM", codecs.BOM_UTF16_LE + plain_page(None).encode("utf-16-le")),
        ("utf-16-be with BOM", codecs.BOM_UTF16_BE + plain_page(None).encode("utf-16-be")),
        ("utf-16 with BOM, meta says utf-16", plain_page("utf-16").encode("utf-16")),
        ("utf-16-le without BOM", plain_page("utf-16").encode("utf-16-le")),
        ("gbk declared gbk", plain_page("gbk").encode("gbk")),
        ("gbk declared gb2312", plain_page("gb2312").encode("gbk")),
        ("gb18030 declared gb18030", plain_page("GB18030").encode("gb18030")),
        ("gbk declared utf-8", plain_page("utf-8").encode("gbk")),
        ("utf-8 declared gbk", plain_page("gbk").encode("utf-8")),
        ("gbk without meta", plain_page(None).encode("gbk")),
    ],
)
def test_page_is_decoded_whatever_its_encoding(name: str, data: bytes) -> None:
    assert items(data) == EXPECTED, name


@pytest.mark.parametrize(
    "charset",
    [
        "utf-7",
        "x-user-defined",
        "undefined",
        "rot13",
        "base64",
        "unicode_escape",
        "utf-32",
        "../../etc/passwd",
        "idna",
        "palmos",
        "x" * 40,
    ],
)
@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_unknown_or_hostile_charset_falls_back_safely(charset: str, encoding: str) -> None:
    data = plain_page(charset).encode(encoding)
    assert items(data) == EXPECTED


def test_utf7_declared_page_is_not_read_as_utf7() -> None:
    # “+AGEAbABlAHIAdAAo-” is UTF-7 for alert(: the declaration must not decode it.
    data = plain_page("utf-7").replace("</body>", "<p>+AGEAbABlAHIAdAAo-</p></body>").encode()
    assert "+AGEAbABlAHIAdAAo-" in texts(items(data))


def test_gb18030_character_outside_gbk_survives() -> None:
    # 䶮 (CJK extension A) has no GBK code: only GB18030 encodes it.
    text = plain_page("gb18030").replace("政策解读", "政策䶮读")
    found = texts(items(text.encode("gb18030")))
    assert any("政策䶮读" in t for t in found)


def test_control_characters_and_nul_bytes_are_ignored_not_refused() -> None:
    data = plain_page("utf-8").replace("一、总体情况", "一、总体\x00情况\x0b").encode()
    assert items(data) == EXPECTED
