"""A report as an Excel workbook for agency staff to fill in (``govdisclosure init --xlsx``).

Each table sheet is the official table as declared, its totals live ``SUM`` formulas over the
declared parts. The workbook states exactly what the report states: a stated total is the
formula's cached value (what Excel itself saves), an omitted one has none, so reading the
workbook back gives an equal report.
"""

from __future__ import annotations

import datetime
import io
import math
import re
import zipfile
from collections.abc import Mapping
from decimal import Decimal
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import WorkbookError as WorkbookError
from ..formats import FIRST_YEAR, LAST_YEAR, Kind
from ..formats.common import CONTACT_FIELDS
from ..formats.declaration import Empty, Label
from ..inputs.schema import FIELD_LABELS
from ..model import Blank, Money, OtherMatters, Report, Section, Stated, Table
from ..textwidth import width
from . import layout
from .layout import GRID_LEFT, GRID_TOP, HINT_ROW, TITLE_ROW, ProseLayout, TableLayout

MAX_CELL_TEXT = 32767
"""Excel's limit on the characters of one cell."""

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_TOTAL_FILL = PatternFill("solid", fgColor="D9D9D9")
_EMPTY_FILL = PatternFill("solid", fgColor="F2F2F2")
_TITLE_FONT = Font(bold=True, size=14)
_BOLD = Font(bold=True)
_WRAP = Alignment(vertical="center", wrap_text=True)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_UNLOCKED = Protection(locked=False)

_PROMPTS = {
    Kind.COUNT: f"请填写{Kind.COUNT.wording}；没有请填0，不要留空。",
    Kind.DELTA: f"请填写{Kind.DELTA.wording}；没有变化填0。",
    Kind.WANYUAN: f"请填写{Kind.WANYUAN.wording}，最多两位小数；没有请填0。",
    Kind.MONEY: "填写金额数字（单位元），或带单位的文字，如“12350.49万元”。",
}


def to_xlsx(report: Report) -> bytes:
    """The report as an .xlsx workbook: one sheet per table laid out as the official table,
    plus 基本信息, the prose sections and 填表说明. :func:`govdisclosure.load` reads it back
    to an equal report (a prose section left out of the report comes back empty)."""
    fmt = report.format
    wb = Workbook()
    guide = wb.active
    assert guide is not None
    guide.title = layout.GUIDE_SHEET
    _guide(guide, report)
    _meta(wb.create_sheet(layout.META_SHEET), report)
    cached: dict[str, dict[str, Stated]] = {}
    for section in fmt.sections:
        if section.table:
            table = report.table(section.table)
            ws = wb.create_sheet(table.spec.name)
            cached[ws.title] = _table(ws, table, section.title)
        else:
            prose = ProseLayout.of(section)
            _prose(wb.create_sheet(prose.sheet), prose, report.section(section.key))
    wb.active = 0
    buffer = io.BytesIO()
    wb.save(buffer)
    return _with_cached_values(buffer.getvalue(), cached)


# --- cells ---------------------------------------------------------------------------------


def _at(ws: Worksheet, row: int, col: int, value: str | None = None) -> Cell:
    """A cell to write; only the top-left cell of a merged range is ever written."""
    cell = ws.cell(row, col)
    assert isinstance(cell, Cell), cell.coordinate
    if value is not None:
        _text(cell, value, cell.coordinate)
    return cell


def _text(cell: Cell, text: str, where: str) -> None:
    """Store text as text: openpyxl would take “=…” for a formula and “#N/A” for an error."""
    # Control characters cannot be stored in the file's XML at all.
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if len(text) > MAX_CELL_TEXT:
        raise WorkbookError(f"{where}：文字超过 Excel 单元格上限 {MAX_CELL_TEXT} 字")
    cell.value = text
    cell.data_type = "s"


def _value(cell: Cell, value: Stated, where: str) -> None:
    if isinstance(value, Blank):
        if value.text:
            _text(cell, value.text, where)
    elif isinstance(value, Money):
        if value.unit:
            _text(cell, str(value), where)
        else:
            cell.value = value.amount
    else:
        cell.value = value


def _box(ws: Worksheet, span: str, fill: PatternFill | None = None) -> None:
    """Border (and fill) every position of a span, so that merged cells are drawn whole."""
    for row in ws[span] if ":" in span else ((ws[span],),):
        for c in row:
            c.border = _BORDER
            if fill is not None:
                c.fill = fill


def _title(ws: Worksheet, title: str, hint: str, last_column: int) -> None:
    _at(ws, TITLE_ROW, 1, title).font = _TITLE_FONT
    ws.row_dimensions[TITLE_ROW].height = 22
    hint_cell = _at(ws, HINT_ROW, 1, hint)
    hint_cell.alignment = Alignment(wrap_text=True, vertical="top")
    if last_column > 1:
        ws.merge_cells(
            start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=last_column
        )
        ws.merge_cells(start_row=HINT_ROW, start_column=1, end_row=HINT_ROW, end_column=last_column)


_LINE_HEIGHT = 16
"""Points per line of wrapped text; openpyxl cannot measure, and programs keep a set height."""


def _fit(ws: Worksheet, rows: range, text: str, columns: float) -> None:
    """Make ``rows`` tall enough together for ``text`` wrapped in ``columns`` of width."""
    lines = sum(max(1, math.ceil(width(line) / max(columns - 2, 1))) for line in text.split("\n"))
    each = math.ceil(lines * _LINE_HEIGHT / len(rows))
    for row in rows:
        if lines > len(rows) and each > (ws.row_dimensions[row].height or _LINE_HEIGHT):
            ws.row_dimensions[row].height = each


def _fit_page(ws: Worksheet, landscape: bool) -> None:
    """Print each sheet one page wide."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _protect(ws: Worksheet) -> None:
    """Protect without a password; staff may still widen columns and rows to read."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


# --- tables --------------------------------------------------------------------------------


def _validation(kind: Kind, first: str) -> DataValidation:
    """The validation of one kind of input cell; a custom formula is relative to ``first``."""
    if kind is Kind.COUNT:
        dv = DataValidation("whole", operator="greaterThanOrEqual", formula1="0")
    elif kind is Kind.DELTA:
        dv = DataValidation(
            "whole", operator="between", formula1="-1000000000", formula2="1000000000"
        )
    elif kind is Kind.WANYUAN:
        dv = DataValidation(
            "custom", formula1=f"AND(ISNUMBER({first}),{first}>=0,ROUND({first},2)={first})"
        )
    else:
        # A number, or text ending in its unit (元 or 万元); the reader parses the text.
        dv = DataValidation(
            "custom",
            formula1=f'OR(AND(ISNUMBER({first}),{first}>=0),RIGHT({first},1)="元")',
        )
    dv.showErrorMessage = True
    dv.showInputMessage = True
    dv.errorTitle = "数值不符合要求"
    dv.error = f"应为{kind.wording}。{_PROMPTS[kind]}"
    dv.promptTitle = "填写说明"
    dv.prompt = _PROMPTS[kind]
    return dv


def _table(ws: Worksheet, table: Table, title: str) -> dict[str, Stated]:
    """Lay out one table sheet; returns the cached values its formulas must carry."""
    spec = table.spec
    place = TableLayout(spec)
    totals = "灰色“总计”为公式，自动计算。" if spec.derived else ""
    _title(
        ws,
        title,
        f"浅黄色单元格填写数字（没有的填0，不要留空）；{totals}请勿插入或删除行列。",
        place.last_column,
    )
    data_rows = {f.row for f in spec.fields.values()}
    validations: dict[Kind, DataValidation] = {}
    cached: dict[str, Stated] = {}
    for p in spec.placed:
        span = place.span(p)
        cell = _at(ws, p.row + GRID_TOP, p.col + GRID_LEFT)
        cell.alignment = _CENTER
        if isinstance(p.cell, Label):
            _text(cell, p.cell.text, span)
            if p.row in data_rows and p.cell.colspan < spec.width:
                cell.alignment = _WRAP
            _box(ws, span)
        elif isinstance(p.cell, Empty):
            _box(ws, span, _EMPTY_FILL)
        else:
            key = (p.cell.row, p.cell.col)
            stated = table.stated.get(key)
            if key in spec.derived and not isinstance(stated, Blank):
                # The formula, caching what the report states. A total stated blank has no
                # value to cache: it is written below as an input cell, blank as stated.
                cell.value = place.formula(key)
                if stated is not None:
                    cached[cell.coordinate] = stated
                _box(ws, span, _TOTAL_FILL)
                continue
            if stated is not None:
                _value(cell, stated, place.where(key))
            cell.protection = _UNLOCKED
            _box(ws, span, _INPUT_FILL)
            kind = p.cell.kind
            if kind in (Kind.WANYUAN, Kind.MONEY):
                dv = _validation(kind, cell.coordinate)
                ws.add_data_validation(dv)
            else:
                if kind not in validations:
                    validations[kind] = _validation(kind, cell.coordinate)
                dv = validations[kind]
            dv.add(cell.coordinate)
    for dv in validations.values():
        ws.add_data_validation(dv)
    for span in place.merged:
        ws.merge_cells(span)
    widths = _table_widths(ws, place)
    _fit(ws, range(HINT_ROW, HINT_ROW + 1), str(_at(ws, HINT_ROW, 1).value), sum(widths))
    for p in spec.placed:
        if isinstance(p.cell, Label):
            top = p.row + GRID_TOP
            columns = sum(widths[p.col : p.col + p.cell.colspan])
            _fit(ws, range(top, top + p.cell.rowspan), p.cell.text, columns)
    _fit_page(ws, landscape=True)
    _protect(ws)
    return cached


def _table_widths(ws: Worksheet, place: TableLayout) -> list[int]:
    """Columns wide enough for their one-column labels: a long label wraps at 36, and one
    spanning many rows may wrap at 16. Returns the widths, grid column by grid column."""
    need = [10] * place.spec.width
    for p in place.spec.placed:
        if isinstance(p.cell, Label) and p.cell.colspan == 1:
            text = width(p.cell.text) + 2
            cap = 16 if p.cell.rowspan > 2 else 36
            need[p.col] = max(need[p.col], min(text, cap))
    for col, w in enumerate(need):
        ws.column_dimensions[get_column_letter(col + GRID_LEFT)].width = w
    return need


# --- 基本信息 ------------------------------------------------------------------------------


_META_WIDTHS = (24, 44, 52)


def _meta(ws: Worksheet, report: Report) -> None:
    meta = report.meta
    fmt = report.format
    _title(ws, layout.META_SHEET, "浅黄色单元格填写；“格式版本”由程序按年度确定。", 3)
    header_row = layout.META_FIRST_ROW - 1
    for col, text in enumerate(layout.META_HEADER, 1):
        c = _at(ws, header_row, col, text)
        c.font = _BOLD
        c.border = _BORDER
    values: Mapping[str, str | int | datetime.date | None] = {
        "agency": meta.agency,
        "year": meta.year,
        "format": fmt.version,
        "published": meta.published,
        **{f"contact.{name}": getattr(meta.contact, name) for name in CONTACT_FIELDS},
        "website": meta.website,
        "sources": "\n".join(meta.sources) or None,
    }
    for item in layout.META_ITEMS:
        row = layout.meta_row(item.path)
        _at(ws, row, 1, item.label)
        cell = _at(ws, row, 2)
        value = values[item.path]
        if isinstance(value, datetime.date):
            cell.value = value
            cell.number_format = "yyyy-mm-dd"
        elif isinstance(value, str):
            _text(cell, value, item.label)
            if item.path.startswith("contact."):
                cell.number_format = "@"  # keeps a postcode's leading zero
        elif value is not None:
            cell.value = value
        cell.alignment = Alignment(vertical="center", wrap_text=True, horizontal="left")
        _fit(ws, range(row, row + 1), str(value or ""), _META_WIDTHS[1])
        hint = item.hint
        if item.path == "format":
            hint = f"{fmt.document}《{fmt.name}》；由程序填写，请勿修改"
        else:
            cell.protection = _UNLOCKED
            cell.fill = _INPUT_FILL
        _at(ws, row, 3, hint).alignment = _WRAP
        _fit(ws, range(row, row + 1), hint, _META_WIDTHS[2])
        for col in (1, 2, 3):
            _at(ws, row, col).border = _BORDER
    year = DataValidation(
        "whole", operator="between", formula1=str(FIRST_YEAR), formula2=str(LAST_YEAR)
    )
    year.showErrorMessage = True
    year.error = f"报告年度应为 {FIRST_YEAR} 至 {LAST_YEAR} 之间的四位数字"
    year.add(f"B{layout.meta_row('year')}")
    ws.add_data_validation(year)
    for letter, w in zip("ABC", _META_WIDTHS, strict=True):
        ws.column_dimensions[letter].width = w
    _fit_page(ws, landscape=False)
    _protect(ws)


# --- 一、五、六 -----------------------------------------------------------------------------


_PROSE_WIDTH = 80


def _prose(ws: Worksheet, place: ProseLayout, section: Section | Table | None) -> None:
    assert section is None or isinstance(section, Section)
    _title(
        ws,
        place.title,
        f"每段一行，写在 B 列，A 列选“{layout.PARAGRAPH}”；分小节时，先写一行“{layout.HEADING}”"
        "（不写（一）（二）等序号，由程序编号），其后各行为该小节的段落。可插入、删除行。",
        2,
    )
    _fit(ws, range(HINT_ROW, HINT_ROW + 1), str(_at(ws, HINT_ROW, 1).value), 12 + _PROSE_WIDTH)
    if place.has_fees:
        _fees(ws, place, section)
    for col, heading in enumerate(layout.PROSE_HEADER, 1):
        c = _at(ws, place.header_row, col, heading)
        c.font = _BOLD
        c.border = _BORDER
    rows: list[tuple[str, str | None]] = []
    if section is not None:
        rows += [(layout.PARAGRAPH, p) for p in section.paragraphs]
        for part in section.parts:
            rows.append((layout.HEADING, part.heading))
            rows += [(layout.PARAGRAPH, p) for p in part.paragraphs]
    for i, (kind, text) in enumerate(rows):
        row = place.first_row + i
        kind_cell = _at(ws, row, 1, kind)
        kind_cell.alignment = Alignment(vertical="top")
        if text is not None:
            _text(_at(ws, row, 2), text, f"{place.sheet}第{row}行")
        _at(ws, row, 2).alignment = Alignment(wrap_text=True, vertical="top")
        _fit(ws, range(row, row + 1), text or "", _PROSE_WIDTH)
        if kind == layout.HEADING:
            _at(ws, row, 2).font = _BOLD
    kinds = DataValidation("list", formula1='"' + ",".join(layout.PROSE_KINDS) + '"')
    kinds.showErrorMessage = True
    kinds.error = f"请选择“{layout.PARAGRAPH}”或“{layout.HEADING}”"
    kinds.add(f"A{place.first_row}:A{place.first_row + len(rows) + 500}")
    ws.add_data_validation(kinds)
    # Section 六's column A also holds the fee labels (“收费通知总金额（元）”).
    ws.column_dimensions["A"].width = 24 if place.has_fees else 12
    ws.column_dimensions["B"].width = _PROSE_WIDTH
    _fit_page(ws, landscape=False)


def _fees(ws: Worksheet, place: ProseLayout, section: Section | None) -> None:
    _at(ws, place.fees_caption_row, 1, layout.FEES_CAPTION).font = _BOLD
    fees = section.processing_fees if isinstance(section, OtherMatters) else None
    for name in layout.FEES:
        row = place.fee_row(name)
        _at(ws, row, 1, FIELD_LABELS[name])
        cell = _at(ws, row, 2)
        if fees is not None:
            cell.value = getattr(fees, name)
        cell.fill = _INPUT_FILL
        cell.alignment = Alignment(horizontal="left")
        for col in (1, 2):
            _at(ws, row, col).border = _BORDER


# --- 填表说明 -------------------------------------------------------------------------------


def _guide(ws: Worksheet, report: Report) -> None:
    fmt = report.format
    meta = report.meta
    kinds = {f.kind for t in fmt.tables for f in t.fields.values()}
    numbers = ["件数填非负整数。"]
    if Kind.DELTA in kinds:
        numbers.append("表二“本年增/减”填整数，减少用负数。")
    if Kind.WANYUAN in kinds:
        numbers.append("表二“本年收费金额”以万元为单位，最多两位小数。")
    if Kind.MONEY in kinds:
        numbers.append("表二“采购总金额”填数字（单位元），或写明单位，如“12350.49万元”。")
    sheets = [f"{layout.META_SHEET}：机关名称、报告年度、发布日期、联系方式、网站。"]
    for section in fmt.sections:
        if section.table:
            sheets.append(f"{fmt.table(section.table).name}：{section.title}。")
        else:
            fees = "；信息处理费填在上方三行" if section.processing_fees else ""
            sheets.append(f"{section.title}：文字部分，每段一行{fees}。")
    # (heading?, text): headings are bold.
    lines: list[tuple[bool, str]] = [
        (
            False,
            f"本工作簿按《{fmt.name}》（{fmt.document}）编制，用于填写"
            f"{meta.agency}{meta.year}年政府信息公开工作年度报告。",
        ),
        (False, ""),
        (True, "一、怎样填写"),
        (False, "1. 浅黄色单元格是填写项；白色单元格是表格原有的标签；灰色单元格不填。"),
        (
            False,
            "2. 数字一律填写，没有的填 0，不要留空；留空或填“/”“-”“无”按 0 计算，校验时会提示。",
        ),
        (False, "3. 灰色的“总计”单元格是公式（=SUM(…)），随填写自动计算，无需也无法修改。"),
        (False, "4. " + "".join(numbers)),
        (
            False,
            "5. 各表已保护（无密码）：请勿插入或删除行列、请勿改动工作表名称，否则程序无法读取。",
        ),
        (False, ""),
        (True, "二、各工作表"),
        *((False, line) for line in sheets),
        (False, ""),
        (True, "三、检查与生成"),
        (
            False,
            "保存后运行：govdisclosure validate 本文件.xlsx（列出全部问题，注明工作表和单元格）；",
        ),
        (False, "无误后运行：govdisclosure render 本文件.xlsx（生成可发布的文件）。"),
    ]
    _at(ws, TITLE_ROW, 1, layout.GUIDE_SHEET).font = _TITLE_FONT
    ws.row_dimensions[TITLE_ROW].height = 22
    for i, (heading, line) in enumerate(lines):
        row = HINT_ROW + i
        cell = _at(ws, row, 1)
        _text(cell, line, layout.GUIDE_SHEET)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        _fit(ws, range(row, row + 1), line, _GUIDE_WIDTH)
        if heading:
            cell.font = _BOLD
    ws.column_dimensions["A"].width = _GUIDE_WIDTH
    _fit_page(ws, landscape=False)


_GUIDE_WIDTH = 80


# --- cached values -------------------------------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def _with_cached_values(data: bytes, cached: Mapping[str, Mapping[str, Stated]]) -> bytes:
    """Give formula cells their cached values, as a spreadsheet program saves them.

    openpyxl writes formulas without values; a reader then sees the total as not yet
    calculated (omitted). A total the report states must come back stated, so it is
    written into the formula cell's ``<v>``. Excel recalculates on opening
    (``fullCalcOnLoad``); LibreOffice shows the cached value until a part changes, so a
    report's wrong total stays visible, as it is stated, until it is corrected.
    """
    if not any(cached.values()):
        return data
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = _sheet_parts(source)
    patched = {
        parts[sheet]: _patch_sheet(source.read(parts[sheet]), v) for sheet, v in cached.items() if v
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, patched.get(info.filename) or source.read(info))
    return out.getvalue()


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part in the package, through the workbook's relationships."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{{{_PKG_REL}}}Relationship")}
    parts = {}
    for sheet in workbook.iter(f"{{{_MAIN}}}sheet"):
        target = targets[sheet.get(f"{{{_REL}}}id")]
        parts[sheet.get("name", "")] = (
            target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        )
    return parts


def _patch_sheet(xml: bytes, values: Mapping[str, Stated]) -> bytes:
    """Fill the ``<v>`` of the named formula cells. The sheet was just written by openpyxl,
    one ``<c r="…">`` element per cell, so a pattern over it is exact; every cell must be
    found, or this fails loudly instead of losing a stated total."""
    done: set[str] = set()

    def fill(m: re.Match[str]) -> str:
        addr = m["r"]
        if addr not in values:
            return m[0]
        value = values[addr]
        attrs = m["attrs"]
        if not isinstance(value, int | Decimal):
            attrs = re.sub(r'\st="[^"]*"', "", attrs) + ' t="str"'
        body = _V.sub("", m["body"]) + f"<v>{escape(str(value))}</v>"
        done.add(addr)
        return f'<c r="{addr}"{attrs}>{body}</c>'

    text = _CELL.sub(fill, xml.decode("utf-8"))
    missing = set(values) - done
    if missing:  # pragma: no cover - would mean openpyxl changed how it writes cells
        raise RuntimeError(f"formula cells not found in the sheet: {sorted(missing)}")
    return text.encode("utf-8")


_CELL = re.compile(r'<c r="(?P<r>[A-Z]+[0-9]+)"(?P<attrs>[^>/]*)>(?P<body>.*?)</c>', re.S)
_V = re.compile(r"<v\s*/>|<v>.*?</v>", re.S)
