"""Reports on the web pages of government portals: the report is read out of the page's chrome
(header, navigation, breadcrumb, share and print buttons, attachment lists, sidebar, footer),
Word-pasted markup is read as a browser shows it, any encoding is decoded, and a page holding
several reports gives one, never a mix.

The pages are built here around the official grid (tests/fixtures_reading) in the shapes the
common portal systems give them (TRS, Hanweb, Ucap, a plain HTML5 site, an old table-layout
site) and as Word's “save as web page” writes them; the real page in ../shared/realworld is
read as well where it is present.
"""

from __future__ import annotations

import codecs
import html
from collections.abc import Callable

import pytest
from expect import REALWORLD
from fixtures_reading import EXAMPLES, Published, Rows

import govdisclosure as g
from govdisclosure.reading import Reading, read, read_bytes
from govdisclosure.reading._html import items, page_reports, reports_in_page
from govdisclosure.reading.items import Item

EXAMPLE = g.load(EXAMPLES / "example-2024.yaml")
OTHER = g.load(EXAMPLES / "nanchang-edu-2020-corrected.yaml")
TITLE = "示例市人力资源和社会保障局2024年政府信息公开工作年度报告"

CHROME = (
    "当前位置",
    "首页",
    "办事服务",
    "互动交流",
    "搜索",
    "来源",
    "发布时间",
    "浏览次数",
    "字号",
    "分享",
    "微信",
    "微博",
    "QQ空间",
    "附件",
    ".docx",
    "打印",
    "关闭",
    "上一篇",
    "下一篇",
    "相关文章",
    "扫一扫",
    "版权所有",
    "主办单位",
    "网站标识码",
    "ICP",
)
"""Words of the pages' chrome, none of which the example report contains."""


def texts(found: list[Item]) -> list[str]:
    return [i.text for i in found]


def assert_no_chrome(found: list[Item]) -> None:
    leaked = [(word, t) for t in texts(found) for word in CHROME if word in t]
    assert not leaked


def assert_report(reading: Reading, report: g.Report = EXAMPLE) -> None:
    """Every table number, the prose and the closing date as the report states them."""
    got = reading.report
    assert got.table2 == report.table2
    assert got.table3 == report.table3.with_totals()
    assert got.table4 == report.table4.with_totals()
    assert got.overview == report.overview
    assert got.problems == report.problems
    assert got.meta.published == report.meta.published


# --- The report's body as a CMS editor holds it ------------------------------------------


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


PREAMBLE = (
    "本报告根据《中华人民共和国政府信息公开条例》编制，所列数据统计期限自2024年1月1日起至"
    "2024年12月31日止。"
)


def body(published: Published, preamble: bool = True, title: bool = False) -> str:
    """The report as the CMS's rich-text block holds it: a <p> per paragraph, tables,
    signature and date."""
    out = [f'<p style="text-align:center">{html.escape(published.title)}</p>'] if title else []
    if preamble:
        out.append(f"<p>{PREAMBLE}</p>")
    for block in published.blocks():
        if isinstance(block, str):
            out.append(f'<p style="text-indent:2em">{html.escape(block)}</p>')
        else:
            out.append(table_html(block))
    return "\n".join(out)


# --- Portal pages ------------------------------------------------------------------------

HEADER = (
    '<div class="header"><div class="logo"><h1>示例市人民政府</h1></div>'
    '<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>'
    '<li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul>'
    '<form action="/search"><input name="q"><button>搜索</button></form></div>'
)
BREADCRUMB = (
    '<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a>'
    ' &gt; <a href="/zwgk/nb/">政府信息公开年报</a></div>'
)
INFO = (
    '<div class="info"><span>来源：示例市人力资源和社会保障局</span> '
    "<span>发布时间：2025-01-24 09:30</span> <span>浏览次数：1024</span></div>"
)
TOOLS = (
    '<div class="fontsize">字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>'
    '<div class="bdsharebuttonbox">分享到：<a href="#" class="bds_weixin">微信</a>'
    '<a href="#" class="bds_tsina">微博</a><a href="#" class="bds_qzone">QQ空间</a></div>'
)
ATTACHMENTS = (
    '<div class="xgfj"><p>附件下载：</p><ul>'
    f'<li><a href="/files/P020250124.docx">{TITLE}.docx</a></li>'
    f'<li><a href="/files/P020250124.pdf">{TITLE}.pdf</a></li></ul></div>'
)
BUTTONS = (
    '<div class="btns"><a href="javascript:window.print()">【打印本页】</a> '
    '<a href="javascript:window.close()">【关闭窗口】</a></div>'
    '<div class="ewm"><p>扫一扫在手机打开当前页</p></div>'
)
PREV_NEXT = (
    '<div class="prevnext"><p>上一篇：<a href="/2023.html">'
    "示例市人力资源和社会保障局2023年政府信息公开工作年度报告</a></p>"
    '<p>下一篇：<a href="/tz.html">关于做好2025年度政务公开工作的通知</a></p></div>'
)
SIDEBAR = (
    '<div class="sidebar"><h3>相关文章</h3><ul>'
    '<li><a href="/2023.html">示例市人力资源和社会保障局2023年政府信息公开工作年度报告</a></li>'
    '<li><a href="/2022.html">示例市人力资源和社会保障局2022年政府信息公开工作年度报告</a></li>'
    "</ul></div>"
)
FOOTER = (
    '<div class="footer"><p><a href="/map">网站地图</a> | <a href="/lx">联系我们</a></p>'
    "<p>主办单位：示例市人民政府办公室 版权所有</p>"
    "<p>网站标识码：1234000001 京ICP备00000000号</p></div>"
)


def page(head: str, content: str, charset: str = "utf-8") -> bytes:
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}">{head}</head>'
        f"<body>{content}</body></html>"
    ).encode()


def trs(report: str) -> bytes:
    """TRS WCM: title div, info line, the report in div.TRS_Editor, attachments after it."""
    return page(
        f"<title>{TITLE}_示例市人民政府</title>",
        f'{HEADER}<div class="main">{BREADCRUMB}<div class="article">'
        f'<div class="article_title">{TITLE}</div>{INFO}{TOOLS}'
        f'<div class="article_content"><div class="TRS_Editor">{report}</div></div>'
        f"{ATTACHMENTS}{BUTTONS}</div>{SIDEBAR}</div>{FOOTER}",
    )


def hanweb(report: str) -> bytes:
    """Hanweb: a table of page metadata, an <h1>, the report in div#zoom, print buttons."""
    return page(
        f"<title>{TITLE} - 示例市人民政府门户网站</title>",
        f'{HEADER}{BREADCRUMB}<div class="con">'
        '<table class="xxgk_table"><tr><td>索引号：</td><td>11000000-2025-00001</td>'
        "<td>发布机构：</td><td>示例市人力资源和社会保障局</td></tr></table>"
        f'<h1 class="xxgk_title">{TITLE}</h1>{TOOLS}'
        f'<div id="zoom">{report}</div>{PREV_NEXT}{BUTTONS}</div>{FOOTER}',
    )


def ucap(report: str) -> bytes:
    """Ucap: the title in div.pages-title, the report in div.pages_content."""
    return page(
        f"<title>{TITLE}</title>",
        f'{HEADER}<div class="container">{SIDEBAR}<div class="pages-box">{BREADCRUMB}'
        f'<div class="pages-title">{TITLE}</div>{INFO}'
        f'<div class="pages_content">{report}</div>{ATTACHMENTS}{BUTTONS}</div></div>{FOOTER}',
    )


def html5(report: str) -> bytes:
    """A plain HTML5 site with no CMS class names: header, nav, main>article, aside, footer."""
    return page(
        f"<title>{TITLE} | 示例市人民政府</title>",
        '<header><a href="/">首页</a><nav><a href="/zwgk/">政务公开</a> '
        '<a href="/bsfw/">办事服务</a></nav></header>'
        f'<main><p class="crumbs">当前位置：<a href="/">首页</a></p><article>'
        f"<h1>{TITLE}</h1><p>发布时间：2025-01-24</p><section>{report}</section></article>"
        f"<aside><h3>相关文章</h3><ul><li><a href='/2023'>2023年度报告</a></li></ul></aside>"
        f"</main><footer><p>版权所有：示例市人民政府</p></footer>",
    )


def table_layout(report: str) -> bytes:
    """An old portal laid out in tables: nav, breadcrumb and title in cells, the report in
    a cell of a nested layout table."""
    return page(
        f"<title>{TITLE}--示例市人民政府</title>",
        '<table width="100%"><tr><td><a href="/">首页</a> | <a href="/zwgk/">政务公开</a></td></tr>'
        '<tr><td class="dqwz">当前位置：<a href="/">首页</a> &gt; 年报</td></tr>'
        '<tr><td><table width="960"><tr><td width="200" valign="top">'
        '<a href="/2023.html">2023年年报</a><br><a href="/2022.html">2022年年报</a></td>'
        f'<td valign="top"><table><tr><td class="bt" align="center">{TITLE}</td></tr>'
        f"<tr><td>{report}</td></tr>"
        "<tr><td>【<a href='javascript:window.print()'>打印本页</a>】"
        "【<a href='javascript:window.close()'>关闭窗口</a>】</td></tr></table></td></tr></table>"
        "</td></tr><tr><td>版权所有：示例市人民政府 主办单位：示例市人民政府办公室</td></tr>"
        "</table>",
    )


PORTALS: dict[str, Callable[[str], bytes]] = {
    "trs": trs,
    "hanweb": hanweb,
    "ucap": ucap,
    "html5": html5,
    "table-layout": table_layout,
}


@pytest.mark.parametrize("portal", PORTALS)
def test_portal_page_gives_its_title_then_the_report_and_nothing_of_the_chrome(
    portal: str,
) -> None:
    data = PORTALS[portal](body(Published.of(EXAMPLE)))
    found = items(data)
    assert texts(found)[:3] == [TITLE, PREAMBLE, "一、总体情况"]
    assert texts(found)[-2:] == ["示例市人力资源和社会保障局", "2025年1月24日"]
    assert_no_chrome(found)


@pytest.mark.parametrize("portal", PORTALS)
def test_portal_page_reads_every_number_prose_and_date(portal: str) -> None:
    assert_report(read_bytes(PORTALS[portal](body(Published.of(EXAMPLE))), ".html"))


@pytest.mark.parametrize("portal", PORTALS)
def test_portal_page_without_a_preamble_gives_agency_and_year(portal: str) -> None:
    reading = read_bytes(PORTALS[portal](body(Published.of(EXAMPLE), preamble=False)), ".html")
    assert (reading.report.meta.agency, reading.report.meta.year) == (
        "示例市人力资源和社会保障局",
        2024,
    )
    assert_report(reading)


def test_report_that_prints_its_own_title_is_not_given_a_second_one() -> None:
    found = texts(items(trs(body(Published.of(EXAMPLE), title=True))))
    assert found[:2] == [TITLE, PREAMBLE]
    assert found.count(TITLE) == 1


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (f"{TITLE} - 示例市人民政府", TITLE),
        (f"{TITLE}_示例市人民政府网", TITLE),
        (f"示例市人民政府-{TITLE}", TITLE),
        (f"{TITLE}｜示例市人力资源和社会保障局", TITLE),
    ],
    ids=["spaced dash", "underscore", "site first", "full-width bar"],
)
def test_page_without_a_title_element_is_titled_from_its_title_tag_without_the_site(
    title: str, expected: str
) -> None:
    data = page(
        f"<title>{title}</title>", f'{HEADER}<div id="zoom">{body(Published.of(EXAMPLE))}</div>'
    )
    assert texts(items(data))[0] == expected


def test_page_with_neither_title_element_nor_title_tag_is_titled_from_its_article_meta() -> None:
    head = f'<title>示例市人民政府</title><meta name="ArticleTitle" content="{TITLE}">'
    data = page(head, f'{HEADER}<div id="zoom">{body(Published.of(EXAMPLE))}</div>')
    assert texts(items(data))[0] == TITLE


def test_the_title_nearest_the_report_is_taken_not_the_site_logo_or_the_sidebar() -> None:
    # The logo <h1> (HEADER) and the sidebar's report titles come before the article's own.
    data = page(
        "<title>示例市人民政府</title>",
        f'{HEADER}{SIDEBAR}<div class="detail"><h2>{TITLE}</h2>'
        f'<div class="TRS_Editor">{body(Published.of(EXAMPLE))}</div></div>',
    )
    assert texts(items(data))[0] == TITLE


def test_signature_after_the_content_block_is_kept() -> None:
    # The CMS block ends with section 六; the signature was typed into the page after it.
    published = Published.of(EXAMPLE)
    report = body(published)
    report = report.replace('<p style="text-indent:2em">示例市人力资源和社会保障局</p>', "")
    report = report.replace('<p style="text-indent:2em">2025年1月24日</p>', "")
    data = page(
        f"<title>{TITLE}</title>",
        f'{HEADER}<div class="article"><div class="TRS_Editor">{report}</div>'
        '<p align="right">示例市人力资源和社会保障局</p><p align="right">2025年1月24日</p>'
        f"{ATTACHMENTS}</div>{FOOTER}",
    )
    found = items(data)
    assert texts(found)[-2:] == ["示例市人力资源和社会保障局", "2025年1月24日"]
    assert_no_chrome(found)
    assert read_bytes(data, ".html").report.meta.published == EXAMPLE.meta.published


def test_attachment_link_inside_the_content_block_is_left_out() -> None:
    report = body(Published.of(EXAMPLE))
    report += f'<p>附件：<a href="/files/P020250124.pdf">{TITLE}.pdf</a></p>'
    report += f'<p><a href="/files/P020250124.docx">{TITLE}.docx</a></p>'
    found = items(trs(report))
    assert texts(found)[-1] == "2025年1月24日"
    assert_no_chrome(found)


def test_page_without_section_headings_is_read_from_its_content_block_without_chrome() -> None:
    # Nothing to anchor on (say the headings are images): the CMS block is read, not the page.
    data = trs("<p>本机关2024年度未制作年度报告正文，详见附件。</p>")
    assert texts(items(data)) == [TITLE, "本机关2024年度未制作年度报告正文，详见附件。"]


# --- Word's “save as web page” -----------------------------------------------------------


def word_paragraph(text: str, heading: bool = False) -> str:
    """A paragraph as Word writes it: MsoNormal, spans per run, the source wrapped at 60
    columns (a line break inside the Chinese text), an empty <o:p> at the end."""
    runs = "\r\n".join(text[i : i + 30] for i in range(0, len(text), 30))
    if heading and text[:2] in ("二、", "三、", "四、"):
        # A numbered list paragraph: the number in a list span Word hides from other browsers.
        number, rest = text[:2], text[2:]
        return (
            "<p class=MsoListParagraph style='margin-left:0cm;text-indent:0cm;"
            "mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:黑体'>"
            f"{number}<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span></span>"
            f"<![endif]><span style='font-family:黑体'>{html.escape(rest)}<o:p></o:p></span></p>"
        )
    return (
        "<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt'>"
        f"<span style='font-size:16.0pt;font-family:仿宋_GB2312'>{html.escape(runs)}"
        "<span lang=EN-US><o:p></o:p></span></span></p>"
    )


def word_table(rows: Rows) -> str:
    width = sum(c.colspan for c in rows[0])
    out = [
        "<div align=center><table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0 "
        "style='border-collapse:collapse;mso-yfti-tbllook:1184'>"
    ]
    for row in rows:
        out.append("<tr style='height:20.0pt'>")
        for c in row:
            span = (f" rowspan={c.rowspan}" if c.rowspan > 1 else "") + (
                f" colspan={c.colspan}" if c.colspan > 1 else ""
            )
            text = "<br>\r\n".join(html.escape(part) for part in c.text.split("\n"))
            out.append(
                f"<td width=60{span} style='border:solid windowtext 1.0pt;padding:0cm 5.4pt'>"
                "<p class=MsoNormal align=center style='text-align:center'>"
                f"<span style='font-size:10.0pt;font-family:宋体'>{text}"
                "<span lang=EN-US><o:p></o:p></span></span></p></td>"
            )
        out.append("</tr>")
    # The row Word adds to fix the column widths, shown only to browsers other than IE.
    out.append("<![if !supportMisalignedColumns]><tr height=0>")
    out += ["<td width=60 style='border:none'></td>"] * width
    out.append("</tr><![endif]></table></div>")
    return "\r\n".join(out)


def word_page(published: Published, charset: str = "gb2312") -> str:
    """The report as Word 2016 saves it as a filtered web page."""
    out = [
        "<p class=MsoNormal align=center style='text-align:center'><b><span "
        f"style='font-size:22.0pt;font-family:方正小标宋简体'>{html.escape(published.title)}"
        "<span lang=EN-US><o:p></o:p></span></span></b></p>",
        "<p class=MsoNormal><span lang=EN-US>&nbsp;</span></p>",
    ]
    for block in published.blocks():
        if isinstance(block, str):
            out.append(word_paragraph(block, heading=True))
            if block == "一、总体情况":
                # A comment Word keeps hidden, and a paragraph hidden by its author.
                out.append(
                    "<p class=MsoNormal><span style='display:none;mso-hide:all'>"
                    "审核意见：请核对数据</span></p>"
                    "<p class=MsoNormal style='display:none'>内部草稿，不予公开</p>"
                )
        else:
            out.append(word_table(block))
            out.append("<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>")
    return (
        '<html xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:w="urn:schemas-microsoft-com:office:word" '
        'xmlns="http://www.w3.org/TR/REC-html40"><head>'
        f'<meta http-equiv=Content-Type content="text/html; charset={charset}">'
        '<meta name=Generator content="Microsoft Word 15 (filtered)">'
        "<style><!-- p.MsoNormal {margin:0cm;font-size:10.5pt;} --></style>"
        "<!--[if gte mso 9]><xml><o:shapedefaults v:ext='edit' spidmax='1026'/></xml><![endif]-->"
        "</head><body lang=ZH-CN style='text-justify-trim:punctuation'>"
        "<div class=WordSection1 style='layout-grid:15.6pt'>"
        + "\r\n".join(out)
        + "</div></body></html>"
    )


def test_word_saved_page_in_gbk_reads_every_number_and_the_prose() -> None:
    data = word_page(Published.of(EXAMPLE)).encode("gbk")
    reading = read_bytes(data, ".html")
    assert_report(reading)
    assert (reading.report.meta.agency, reading.report.meta.year) == (
        "示例市人力资源和社会保障局",
        2024,
    )


def test_word_markup_gives_clean_lines_and_no_hidden_text() -> None:
    found = texts(items(word_page(Published.of(EXAMPLE), charset="utf-8").encode()))
    assert found[:2] == [TITLE, "一、总体情况"]
    assert "二、 主动公开政府信息情况" in found  # the list number and its text, one line
    # Source lines wrapped inside the Chinese text are joined without a space.
    assert EXAMPLE.overview is not None
    assert EXAMPLE.overview.paragraphs[0] in found
    assert not [t for t in found if "审核意见" in t or "内部草稿" in t]
    assert "" not in [t for t in found if t.strip() != t]


@pytest.mark.slow
def test_word_spacer_row_adds_no_cells() -> None:
    published = Published.of(EXAMPLE)
    plain = [i for i in items(page("", body(published))) if i.cell]
    word = [i for i in items(word_page(published, "utf-8").encode()) if i.cell]
    assert word == plain


def test_line_breaks_inside_cells_join_words_and_keep_numbers_apart() -> None:
    published = Published.of(EXAMPLE)
    rows = published.tables["table3"]
    for row in rows:
        for c in row:
            if c.text == "商业企业":
                c.text = "商业\n企业"
    rows[3][-1].text = "3\n5"  # two numbers on two lines: not one number 35
    found = [i.text for i in items(word_page(published, "utf-8").encode()) if i.cell]
    assert "商业企业" in found
    assert "3 5" in found


def test_report_in_a_one_cell_layout_table_gives_its_data_cells_not_one_blob() -> None:
    published = Published.of(EXAMPLE)
    data = page(
        f"<title>{TITLE}</title>",
        '<table width="100%" border="0"><tr><td>'
        f'<p align="center">{TITLE}</p>{body(published, preamble=False)}</td></tr></table>',
    )
    found = items(data)
    assert max(len(i.text) for i in found if i.cell) < 40
    assert_report(read_bytes(data, ".html"))
    assert read_bytes(data, ".html").report.meta.agency == "示例市人力资源和社会保障局"


def test_colspan_and_rowspan_cells_are_read_once() -> None:
    found = [i.text for i in items(trs(body(Published.of(EXAMPLE)))) if i.cell]
    assert found.count("（三）不予公开") == 1
    assert found.count("申请人情况") == 1
    assert found.count("行政诉讼") == 1


# --- Encodings ---------------------------------------------------------------------------


def plain_page(charset: str | None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return (
        f"<html><head>{meta}<title>{TITLE}</title></head><body>"
        f"{body(Published.of(EXAMPLE), preamble=False)}</body></html>"
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


# --- Several reports on one page ---------------------------------------------------------


OTHER_TITLE = Published.of(OTHER).title


def two_reports(layout: str) -> bytes:
    first = body(Published.of(EXAMPLE), preamble=False, title=True)
    second = body(Published.of(OTHER), preamble=False, title=True)
    if layout == "one block":
        content = f'<div class="TRS_Editor">{first}{second}</div>'
    elif layout == "two blocks":
        content = f'<div class="item">{first}</div><div class="item">{second}</div>'
    elif layout == "no signature":
        first = first.replace('<p style="text-indent:2em">2025年1月24日</p>', "")
        content = f'<div id="zoom">{first}{second}</div>'
    else:
        raise AssertionError(layout)
    return page("<title>政府信息公开年报</title>", f"{HEADER}{content}{FOOTER}")


@pytest.mark.parametrize("layout", ["one block", "two blocks", "no signature"])
def test_page_with_two_reports_reads_the_first_without_a_cell_of_the_second(
    layout: str,
) -> None:
    data = two_reports(layout)
    assert reports_in_page(data) == 2
    found = texts(items(data))
    assert found[0] == TITLE
    assert OTHER_TITLE not in found
    reading = read_bytes(data, ".html")
    assert reading.report.table3 == EXAMPLE.table3.with_totals()
    assert reading.report.table4 == EXAMPLE.table4.with_totals()
    assert reading.report.problems == EXAMPLE.problems


@pytest.mark.parametrize("layout", ["one block", "two blocks", "no signature"])
def test_each_report_of_a_page_can_be_read(layout: str) -> None:
    first, second = page_reports(two_reports(layout))
    assert texts(first)[0] == TITLE
    assert texts(second)[0] == OTHER_TITLE
    cells = [i.text for i in second if i.cell]
    assert cells == [i.text for i in items(page("", body(Published.of(OTHER)))) if i.cell]


def test_print_view_hidden_on_the_page_is_not_a_second_report() -> None:
    report = body(Published.of(EXAMPLE))
    data = trs(f'{report}</div><div class="printview" style="display:none">{report}')
    assert reports_in_page(data) == 1
    assert_report(read_bytes(data, ".html"))


def test_report_repeated_in_a_visible_print_view_is_read_once() -> None:
    report = body(Published.of(EXAMPLE))
    data = trs(f'{report}</div><div class="print_area">{report}')
    assert reports_in_page(data) == 2
    found = items(data)
    assert texts(found).count("一、总体情况") == 1
    assert_report(read_bytes(data, ".html"))


def test_table_of_contents_before_the_report_is_not_taken_for_it() -> None:
    published = Published.of(EXAMPLE)
    toc = "".join(f"<p>{h}</p>" for h in published.headings.values())
    data = trs(f"<p>目录</p>{toc}{body(published)}")
    assert reports_in_page(data) == 1
    assert texts(items(data))[:3] == [TITLE, PREAMBLE, "一、总体情况"]
    assert_report(read_bytes(data, ".html"))


# --- The published page in ../shared/realworld --------------------------------------------

PINGTAN = REALWORLD / "pingtan-police-2022.html"
needs_pingtan = pytest.mark.skipif(not PINGTAN.exists(), reason=f"{PINGTAN} is not present")


@needs_pingtan
def test_real_portal_page_gives_the_title_then_the_report_only() -> None:
    found = items(PINGTAN.read_bytes())
    assert texts(found)[:3] == [
        "平潭综合实验区公安局2022年政府信息公开工作年度报告",
        "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）、国务院办公厅政府信息与政务"
        "公开办公室关于明确政府信息公开工作年度报告格式的要求，以及省政府、区管委会办公室关于"
        "政府信息公开工作的要求，特编制此报告：",
        "一、总体情况",
    ]
    assert texts(found)[-2:] == ["六、其他需要报告的事项", "2022年，无收取信息处理费情况。"]
    assert_no_chrome(found)
    assert not [t for t in texts(found) if "平潭网" in t or "闽政通" in t or "登录" in t]


@needs_pingtan
def test_real_portal_page_reads_every_cell_of_its_truth() -> None:
    truth = g.load(REALWORLD / "pingtan-police-2022.truth.yaml")
    got = read(PINGTAN).report
    for key in ("table2", "table3", "table4"):
        assert getattr(got, key).stated == getattr(truth, key).stated
    assert got.overview is not None and truth.overview is not None
    assert list(got.overview.text_paragraphs()) == list(truth.overview.text_paragraphs())


def test_page_whose_titles_name_no_report_is_titled_from_its_title_tag_not_the_logo() -> None:
    report = body(Published.of(EXAMPLE), preamble=False)
    data = page(
        "<title>年报公开 - 示例市人民政府</title>", f'{HEADER}<div id="zoom">{report}</div>'
    )
    assert texts(items(data))[:2] == ["年报公开", "一、总体情况"]


def test_heading_repeated_as_the_table_caption_is_one_report() -> None:
    report = body(Published.of(EXAMPLE))
    heading = '<p style="text-indent:2em">二、主动公开政府信息情况</p>'
    report = report.replace(heading, heading + '<p align="center">二、主动公开政府信息情况</p>')
    data = trs(report)
    assert reports_in_page(data) == 1
    assert_report(read_bytes(data, ".html"))


def test_report_pasted_as_preformatted_text_gives_its_lines() -> None:
    text = "\n".join(b for b in Published.of(EXAMPLE).blocks() if isinstance(b, str))
    found = texts(items(trs(f"<pre>{html.escape(text)}</pre>")))
    assert found[:3] == [TITLE, "一、总体情况", EXAMPLE.overview.paragraphs[0]]  # type: ignore[union-attr]
    assert found[-2:] == ["示例市人力资源和社会保障局", "2025年1月24日"]


NUMBERINGS: dict[str, Callable[[int], str]] = {
    "1、": lambda n: f"{n}、",
    "1.": lambda n: f"{n}.",
    "1．": lambda n: f"{n}．",
    "第一部分": lambda n: f"第{'一二三四五六'[n - 1]}部分",
}


@pytest.mark.parametrize("numbering", NUMBERINGS, ids=["1-dunhao", "1-dot", "1-wide-dot", "part-1"])
def test_sections_numbered_otherwise_are_still_the_report_anchors(numbering: str) -> None:
    published = Published.of(EXAMPLE)
    number = NUMBERINGS[numbering]
    published.headings = {
        key: number(n) + heading[2:]
        for n, (key, heading) in enumerate(published.headings.items(), start=1)
    }
    found = items(html5(body(published)))  # no CMS block to fall back on: by anchors only
    assert texts(found)[:3] == [TITLE, PREAMBLE, f"{number(1)}总体情况"]
    assert_no_chrome(found)
