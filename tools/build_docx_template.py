"""Write ``templates/report.docx``, the package every rendered docx is built on.

    python3 tools/build_docx_template.py [OUTPUT]

The docx renderer takes every part of this package as is, except ``word/document.xml``,
which it renders from ``templates/document.xml.j2``. So the parts here hold what does not
change from report to report: the styles (fonts and sizes after GB/T 9704-2012), the page
number footers, the settings and the theme. They are written out by hand below, kept to what
the report uses, and zipped deterministically: running this again gives the same bytes.

A user's own ``report.docx`` (``--templates DIR``) replaces this one whole; it must keep the
style ids (Title, Heading1, Heading2, BodyText, TableText, Signature) and the footer
relationships (rId5, rId6) that ``document.xml.j2`` refers to.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# Fonts after GB/T 9704: 仿宋_GB2312 body, 黑体 “一、”, 楷体_GB2312 “（一）”, 方正小标宋简体 title,
# 宋体 tables and page numbers. Each is named for ascii/hAnsi too, so that digits and Latin
# letters in Chinese text do not switch to a Western font.
FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
SONGTI = "宋体"


def fonts(name: str) -> str:
    return (
        f'<w:rFonts w:ascii="{name}" w:eastAsia="{name}" w:hAnsi="{name}" w:cs="{name}"'
        ' w:hint="eastAsia"/>'
    )


def size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


# Point sizes of the Chinese 字号 in half-points (w:sz).
ERHAO, SANHAO, SIHAO, WUHAO = 44, 32, 28, 21
LINE = 560
"""Body line pitch, exactly 28 pt: 22 lines on GB/T 9704's 225 mm type area."""
INDENT = '<w:ind w:firstLineChars="200" w:firstLine="640"/>'
"""Two characters of 三号 (16 pt); Word uses the Chars value, older readers the twips."""

CONTENT_TYPES = (
    DECLARATION + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels"'
    ' ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    + "".join(
        f'<Override PartName="/{part}" ContentType="application/vnd.openxmlformats-{kind}+xml"/>'
        for part, kind in (
            ("word/document.xml", "officedocument.wordprocessingml.document.main"),
            ("word/styles.xml", "officedocument.wordprocessingml.styles"),
            ("word/settings.xml", "officedocument.wordprocessingml.settings"),
            ("word/fontTable.xml", "officedocument.wordprocessingml.fontTable"),
            ("word/theme/theme1.xml", "officedocument.theme"),
            ("word/footer1.xml", "officedocument.wordprocessingml.footer"),
            ("word/footer2.xml", "officedocument.wordprocessingml.footer"),
            ("docProps/core.xml", "package.core-properties"),
            ("docProps/app.xml", "officedocument.extended-properties"),
        )
    )
    + "</Types>"
)

PACKAGE_RELS = (
    DECLARATION + f'<Relationships xmlns="{RELS}">'
    f'<Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships'
    '/metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{R}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

DOCUMENT_RELS = (
    DECLARATION + f'<Relationships xmlns="{RELS}">'
    f'<Relationship Id="rId1" Type="{R}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{R}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rId3" Type="{R}/fontTable" Target="fontTable.xml"/>'
    f'<Relationship Id="rId4" Type="{R}/theme" Target="theme/theme1.xml"/>'
    f'<Relationship Id="rId5" Type="{R}/footer" Target="footer1.xml"/>'
    f'<Relationship Id="rId6" Type="{R}/footer" Target="footer2.xml"/>'
    "</Relationships>"
)


def paragraph_style(
    style_id: str, name: str, ppr: str, rpr: str, based_on: str | None = "Normal", **extra: str
) -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    following = f'<w:next w:val="{extra["next"]}"/>' if "next" in extra else ""
    return (
        f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f"{based}{following}<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


STYLES = (
    DECLARATION + f'<w:styles xmlns:w="{W}">'
    "<w:docDefaults>"
    f'<w:rPrDefault><w:rPr>{fonts(FANGSONG)}<w:kern w:val="2"/>{size(SANHAO)}'
    '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
    f'<w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:spacing w:line="{LINE}"'
    ' w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault>'
    "</w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    f'<w:qFormat/><w:pPr><w:spacing w:line="{LINE}" w:lineRule="exact"/><w:jc w:val="both"/>'
    f"</w:pPr><w:rPr>{fonts(FANGSONG)}{size(SANHAO)}</w:rPr></w:style>"
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
    '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
    "</w:tblCellMar></w:tblPr></w:style>"
    + paragraph_style(
        "Title",
        "Title",
        '<w:keepNext/><w:spacing w:after="560" w:line="700" w:lineRule="exact"/>'
        '<w:jc w:val="center"/>',
        fonts(XIAOBIAOSONG) + size(ERHAO),
        next="BodyText",
    )
    + paragraph_style("BodyText", "Body Text", INDENT, fonts(FANGSONG) + size(SANHAO))
    + paragraph_style(
        "Heading1",
        "heading 1",
        f'<w:keepNext/><w:keepLines/>{INDENT}<w:outlineLvl w:val="0"/>',
        fonts(HEITI) + '<w:b w:val="0"/><w:bCs w:val="0"/>' + size(SANHAO),
        next="BodyText",
    )
    + paragraph_style(
        "Heading2",
        "heading 2",
        f'<w:keepNext/><w:keepLines/>{INDENT}<w:outlineLvl w:val="1"/>',
        fonts(KAITI) + '<w:b w:val="0"/><w:bCs w:val="0"/>' + size(SANHAO),
        next="BodyText",
    )
    + paragraph_style(
        "TableText",
        "Table Text",
        # No extra space between Chinese and digits in Word: narrow cells need the room, and
        # an amount such as “12350.49万元” should print as written. (LibreOffice ignores this
        # on import and always adds the space.)
        '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
        '<w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>',
        fonts(SONGTI) + '<w:kern w:val="0"/>' + size(WUHAO),
    )
    + paragraph_style("Signature", "Signature", '<w:jc w:val="right"/>', fonts(FANGSONG))
    + paragraph_style(
        "Footer",
        "footer",
        '<w:spacing w:line="240" w:lineRule="auto"/>',
        fonts(SONGTI) + size(SIHAO),
    )
    + '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
    '<w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders>'
    + "".join(
        f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders></w:tblPr></w:style>"
    "</w:styles>"
)

SETTINGS = (
    DECLARATION + f'<w:settings xmlns:w="{W}">'
    '<w:zoom w:percent="100"/>'
    '<w:defaultTabStop w:val="420"/>'
    # GB/T 9704: odd page numbers on the right, even on the left — two footers.
    "<w:evenAndOddHeaders/>"
    '<w:characterSpacingControl w:val="compressPunctuation"/>'
    "<w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/>"
    "<w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/>"
    '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
    ' w:val="15"/></w:compat>'
    # Without this, Word picks theme fonts for East Asian text by the user's locale.
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
    '<w:clrSchemeMapping w:bg1="light1" w:t1="dark1" w:bg2="light2" w:t2="dark2"'
    ' w:accent1="accent1" w:accent2="accent2" w:accent3="accent3" w:accent4="accent4"'
    ' w:accent5="accent5" w:accent6="accent6" w:hyperlink="hyperlink"'
    ' w:followedHyperlink="followedHyperlink"/>'
    '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
    "</w:settings>"
)


def font_entry(name: str, alt: str | None, family: str) -> str:
    # charset 86 is GB2312; altName lets Word and LibreOffice substitute the common
    # system font (仿宋, 楷体) where the _GB2312 or 方正 font is not installed.
    alt_name = f'<w:altName w:val="{alt}"/>' if alt else ""
    return (
        f'<w:font w:name="{name}">{alt_name}<w:charset w:val="86"/>'
        f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
    )


FONT_TABLE = (
    DECLARATION
    + f'<w:fonts xmlns:w="{W}">'
    + font_entry(SONGTI, "SimSun", "auto")
    + font_entry(FANGSONG, "仿宋", "modern")
    + font_entry(HEITI, "SimHei", "modern")
    + font_entry(KAITI, "楷体", "modern")
    + font_entry(XIAOBIAOSONG, "宋体", "script")
    + '<w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/>'
    '<w:pitch w:val="variable"/></w:font>'
    "</w:fonts>"
)

A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def theme_fonts(tag: str) -> str:
    # East Asian text maps to 宋体 only: no <a:font script="Jpan"> entry, which would make
    # Word fall back to a Japanese font for Chinese text.
    return (
        f'<a:{tag}><a:latin typeface="Times New Roman"/><a:ea typeface="{SONGTI}"/>'
        f'<a:cs typeface=""/><a:font script="Hans" typeface="{SONGTI}"/></a:{tag}>'
    )


SOLID = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
EFFECT = "<a:effectStyle><a:effectLst/></a:effectStyle>"


THEME = (
    DECLARATION + f'<a:theme xmlns:a="{A}" name="govdisclosure">'
    '<a:themeElements><a:clrScheme name="govdisclosure">'
    '<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
    '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>'
    + "".join(
        f'<a:{name}><a:srgbClr val="{rgb}"/></a:{name}>'
        for name, rgb in (
            ("dk2", "44546A"),
            ("lt2", "E7E6E6"),
            ("accent1", "4472C4"),
            ("accent2", "ED7D31"),
            ("accent3", "A5A5A5"),
            ("accent4", "FFC000"),
            ("accent5", "5B9BD5"),
            ("accent6", "70AD47"),
            ("hlink", "0563C1"),
            ("folHlink", "954F72"),
        )
    )
    + '</a:clrScheme><a:fontScheme name="govdisclosure">'
    + theme_fonts("majorFont")
    + theme_fonts("minorFont")
    + '</a:fontScheme><a:fmtScheme name="govdisclosure">'
    "<a:fillStyleLst>" + SOLID * 3 + "</a:fillStyleLst>"
    "<a:lnStyleLst>"
    + "".join(
        f'<a:ln w="{w}" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/>'
        '</a:solidFill><a:prstDash val="solid"/></a:ln>'
        for w in (6350, 12700, 19050)
    )
    + "</a:lnStyleLst>"
    + "<a:effectStyleLst>"
    + EFFECT * 3
    + "</a:effectStyleLst>"
    "<a:bgFillStyleLst>" + SOLID * 3 + "</a:bgFillStyleLst>"
    "</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
)


def footer(align: str, indent: str) -> str:
    # “— 1 —”: 4号 宋体 digits between 一字线, one character (14 pt) in from the margin.
    run = f"<w:r><w:rPr>{fonts(SONGTI)}</w:rPr>{{}}</w:r>"
    return (
        DECLARATION + f'<w:ftr xmlns:w="{W}" xmlns:r="{R}"><w:p><w:pPr><w:pStyle w:val="Footer"/>'
        f'<w:ind w:{indent}="280"/><w:jc w:val="{align}"/></w:pPr>'
        + run.format('<w:t xml:space="preserve">— </w:t>')
        + run.format('<w:fldChar w:fldCharType="begin"/>')
        + run.format('<w:instrText xml:space="preserve"> PAGE </w:instrText>')
        + run.format('<w:fldChar w:fldCharType="separate"/>')
        + run.format("<w:t>1</w:t>")
        + run.format('<w:fldChar w:fldCharType="end"/>')
        + run.format('<w:t xml:space="preserve"> —</w:t>')
        + "</w:p></w:ftr>"
    )


SECTION = (
    '<w:sectPr><w:footerReference w:type="default" r:id="rId5"/>'
    '<w:footerReference w:type="even" r:id="rId6"/>'
    '<w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588"'
    ' w:header="851" w:footer="1304" w:gutter="0"/></w:sectPr>'
)

PLACEHOLDER = (
    DECLARATION + f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>'
    f'<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:rPr>{fonts(XIAOBIAOSONG)}</w:rPr>'
    "<w:t>政府信息公开工作年度报告</w:t></w:r></w:p>"
    f'<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:rPr>{fonts(FANGSONG)}</w:rPr>'
    "<w:t>这是 govdisclosure 的 docx 模板。生成报告时，本部分（word/document.xml）"
    "由 document.xml.j2 生成，其余部分原样使用。</w:t></w:r></w:p>"
    f"{SECTION}</w:body></w:document>"
)

CORE = (
    DECLARATION + "<cp:coreProperties"
    ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>政府信息公开工作年度报告</dc:title><dc:creator>govdisclosure</dc:creator>"
    "<dc:language>zh-CN</dc:language></cp:coreProperties>"
)

APP = (
    DECLARATION
    + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>govdisclosure</Application><DocSecurity>0</DocSecurity></Properties>"
)

PARTS: tuple[tuple[str, str], ...] = (
    ("[Content_Types].xml", CONTENT_TYPES),
    ("_rels/.rels", PACKAGE_RELS),
    ("word/document.xml", PLACEHOLDER),
    ("word/_rels/document.xml.rels", DOCUMENT_RELS),
    ("word/styles.xml", STYLES),
    ("word/settings.xml", SETTINGS),
    ("word/fontTable.xml", FONT_TABLE),
    ("word/theme/theme1.xml", THEME),
    ("word/footer1.xml", footer("right", "right")),
    ("word/footer2.xml", footer("left", "left")),
    ("docProps/core.xml", CORE),
    ("docProps/app.xml", APP),
)
"""The package, in the order written (``[Content_Types].xml`` first, as Word writes it)."""


def build() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in PARTS:
            # A fixed timestamp and mode, so that the file only changes when a part does.
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            zf.writestr(info, text.encode("utf-8"))
    return out.getvalue()


def main(argv: list[str]) -> None:
    target = Path(argv[0]) if argv else ROOT / "templates" / "report.docx"
    target.write_bytes(build())
    print(target)


if __name__ == "__main__":
    main(sys.argv[1:])
