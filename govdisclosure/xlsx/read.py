"""Reading a workbook (as :func:`~govdisclosure.xlsx.to_xlsx` writes it, filled in by staff)
back into a report.

The workbook is turned into the same plain data an input file holds and structured by the
same code as YAML, so values mean the same in both; each finding then gets the sheet and
cell it came from in front of its official location (``表三!D6 表三 “一、…” × “自然人”``).
Before that, the sheets and their printed labels are checked against the layout, so that
a moved row is reported where it happened instead of as wrong numbers everywhere below.
"""

from __future__ import annotations

import datetime
import difflib
import io
import warnings
import zipfile
from decimal import Decimal
from typing import Any

from attrs import evolve
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..bounded import OLE_SIGNATURE, ZIP_MAX_ENTRIES, inflates_too_much
from ..cells import describe
from ..findings import Finding, InputError
from ..formats import (
    FORMATS,
    FormatSpec,
    TableSpec,
    UnknownFormatError,
    format_for_year,
    get_format,
)
from ..inputs.schema import FIELD_LABELS
from ..inputs.structure import structure_report
from ..model import Report
from ..rules import RULES, RuleId
from . import layout
from .layout import ProseLayout, TableLayout, ref

SUFFIXES = (".xlsx",)

MAX_UNZIPPED = 16 * 1024 * 1024
"""A real workbook unpacks to well under a megabyte; more than this is refused unread."""
MAX_PROSE_ROWS = 5000
"""A prose sheet with text further down than this is a mistake, not a report."""

_KNOWN = frozenset(name for fmt in FORMATS.values() for name in layout.sheet_names(fmt))
"""Every sheet a workbook of some version has: not a candidate for a renamed one."""


def _refuse(name: str, message: str) -> InputError:
    return InputError(name, [RULES[RuleId.SYNTAX].finding("$", "文件", message)])


def load_bytes(data: bytes, name: str) -> tuple[Report, tuple[Finding, ...]]:
    """The report in the workbook ``data``, with what the author should know about the
    workbook itself (a hidden worksheet); raises :class:`InputError` naming ``name``."""
    formulas, values = _open(data, name)
    reader = _Reader(formulas, values)
    return reader.report(name), tuple(reader.notes)


def _open(data: bytes, name: str) -> tuple[Workbook, Workbook]:
    """The workbook twice: with its formulas, and with the values last calculated."""
    if data.startswith(OLE_SIGNATURE):  # an encrypted .xlsx, or an old binary .xls
        raise _refuse(
            name, "文件已加密或为旧版 Excel（.xls）格式；请取消密码，另存为 Excel 工作簿（.xlsx）"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _refuse(name, "文件不是 Excel 工作簿（.xlsx），或已损坏") from None
    unzipped = sum(i.file_size for i in infos)
    if (
        len(infos) > ZIP_MAX_ENTRIES
        or unzipped > MAX_UNZIPPED
        or any(inflates_too_much(i.file_size, i.compress_size) for i in infos)
    ):
        raise _refuse(name, f"工作簿解压后过大（{unzipped} 字节），拒绝读取")
    if any(i.flag_bits & 0x1 for i in infos):
        raise _refuse(name, "文件已加密，无法读取")
    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops (extensions, styles); none matter here.
            warnings.simplefilter("ignore")
            return (
                load_workbook(io.BytesIO(data), data_only=False),
                load_workbook(io.BytesIO(data), data_only=True),
            )
    except Exception as exc:
        # A damaged package can fail anywhere in openpyxl (zip, XML, KeyError for a missing
        # part, ValueError for a bad attribute): each is the same one-line answer to the user.
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise _refuse(name, f"Excel 工作簿已损坏，无法读取（{reason}）") from None


def _as_text(value: object) -> str | None:
    """A prose cell as text (Excel turns a paragraph “2024” into a number); blank is None."""
    if value is None:
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, float):
        return str(Decimal(repr(value)))
    return str(value)


def _parent(path: str) -> str:
    cut = max(path.rfind("."), path.rfind("["))
    return path[:cut] if cut > 0 else ""


class _Reader:
    def __init__(self, formulas: Workbook, values: Workbook) -> None:
        self.formulas = formulas
        self.values = values
        self.findings: list[Finding] = []
        self.notes: list[Finding] = []
        """Warnings about the workbook itself, which do not stop it loading."""
        self.where: dict[str, str] = {}
        """Machine path → the cell it was read from (``表三!D6``)."""

    def error(self, rule: RuleId, path: str, location: str, message: str) -> None:
        self.findings.append(RULES[rule].finding(path, location, message))

    def report(self, name: str) -> Report:
        meta = self.meta()
        if meta is None:
            # Without its metadata the workbook has no year, so no layout to read it by.
            raise InputError(name, self.findings)
        data: dict[str, Any] = meta
        fmt = _format_of(data)
        if fmt is not None:
            for section in fmt.sections:
                if section.table:
                    table = self.table(fmt.table(section.table))
                    if table is not None:
                        data[section.table] = table
                else:
                    prose = self.prose(ProseLayout.of(section))
                    if prose is not None:
                        data[section.key] = prose
        try:
            report = structure_report(data)
        except InputError as exc:
            raise InputError(name, [*self.findings, *map(self.located, exc.findings)]) from None
        if self.findings:
            raise InputError(name, self.findings)
        return report

    def located(self, finding: Finding) -> Finding:
        """The finding with the cell its value came from in front of its location."""
        path = finding.path
        while path:
            if path in self.where:
                return evolve(finding, location=f"{self.where[path]} {finding.location}")
            path = _parent(path)
        return finding

    def sheet(self, name: str, path: str) -> Worksheet | None:
        """A sheet's values; a missing one is reported with the sheets there are."""
        if name in self.values.sheetnames:
            ws: Worksheet = self.values[name]
            if ws.sheet_state != "visible":
                # What Excel does not show is still what is checked and published: say so.
                self.notes.append(
                    RULES[RuleId.HIDDEN].finding(
                        path,
                        f"工作表“{name}”",
                        "此工作表已隐藏，其内容照常读入并核对；"
                        "如非有意，请在 Excel 或 WPS 中取消隐藏后核对一遍",
                    )
                )
            return ws
        found = self.values.sheetnames
        # “表4” matches “表四” only 0.5, yet is the likeliest rename: hence the low cutoff.
        unknown = [s for s in found if s not in _KNOWN]
        close = difflib.get_close_matches(name, unknown, n=1, cutoff=0.5)
        hint = f"，是否被改名为“{close[0]}”？请改回“{name}”" if close else ""
        self.error(
            RuleId.MISSING,
            path,
            f"工作表“{name}”",
            f"缺少工作表“{name}”{hint}（工作簿中的工作表：{'、'.join(found)}）",
        )
        return None

    def expect_label(self, ws: Worksheet, addr: str, text: str, path: str, where: str) -> bool:
        """Whether ``ws[addr]`` holds the label the layout puts there; reported if not."""
        found = ws[addr].value
        if isinstance(found, str) and found.strip() == text:
            return True
        shown = "空白" if found is None else describe(found)
        self.error(
            RuleId.SYNTAX,
            path,
            f"{ref(ws.title, addr)} {where}",
            f"此处应为“{text}”，实为{shown}；工作表的行列不可插入、删除或移动，"
            "请撤销这一改动（或用 govdisclosure init --xlsx 重新生成工作簿）",
        )
        return False

    # --- 基本信息 ----------------------------------------------------------------------------

    def meta(self) -> dict[str, Any] | None:
        ws = self.sheet(layout.META_SHEET, "$")
        if ws is None:
            return None
        data: dict[str, Any] = {}
        for item in layout.META_ITEMS:
            row = layout.meta_row(item.path)
            if not self.expect_label(ws, f"A{row}", item.label, item.path, layout.META_SHEET):
                return None
        for item in layout.META_ITEMS:
            addr = f"B{layout.meta_row(item.path)}"
            self.where[item.path] = ref(ws.title, addr)
            value = ws[addr].value
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if item.path == "sources":
                data["sources"] = [n.strip() for n in str(value).splitlines() if n.strip()]
            elif "." in item.path:
                group, key = item.path.split(".")
                data.setdefault(group, {})[key] = value
            else:
                data[item.path] = value
        return data

    # --- tables ------------------------------------------------------------------------------

    def table(self, spec: TableSpec) -> dict[str, dict[str, object]] | None:
        place = TableLayout(spec)
        ws = self.sheet(place.sheet, spec.key)
        if ws is None:
            return None
        for label in place.labels:
            path = f"{spec.key}.{label.row_key}" if label.row_key else spec.key
            where = f"{spec.name} “{label.text}”"
            # The first displaced label explains every one after it: report only that.
            if not self.expect_label(ws, label.address, label.text, path, where):
                return None
        formulas = self.formulas[place.sheet]
        rows: dict[str, dict[str, object]] = {}
        for key, f in spec.fields.items():
            addr = place.address(key)
            path = f"{spec.key}.{key[0]}.{key[1]}"
            self.where[path] = place.ref(key)
            value = ws[addr].value
            if formulas[addr].data_type == "f" and value is None:
                if key in spec.derived:
                    continue  # a total never calculated: omitted, so the model computes it
                self.error(
                    RuleId.TYPE,
                    path,
                    place.where(key),
                    "单元格是公式，但文件中没有计算结果；请在 Excel 或 WPS 中打开并保存后再读取",
                )
                continue
            if isinstance(value, datetime.date | datetime.time):
                # Excel turns “1/2” or “3-4” typed into a number cell into a date.
                self.error(
                    RuleId.TYPE,
                    path,
                    place.where(key),
                    f"应为{f.kind.wording}，实为日期或时间 {_as_text(value)}"
                    "（Excel 把输入识别成了日期，请改为数字）",
                )
                continue
            rows.setdefault(key[0], {})[key[1]] = value
        return rows

    # --- 一、五、六 ---------------------------------------------------------------------------

    def prose(self, place: ProseLayout) -> dict[str, object] | None:
        ws = self.sheet(place.sheet, place.key)
        if ws is None:
            return None
        expected = [
            (f"{col}{place.header_row}", label)
            for col, label in zip("AB", layout.PROSE_HEADER, strict=True)
        ]
        if place.has_fees:
            expected += [(f"A{place.fee_row(n)}", FIELD_LABELS[n]) for n in layout.FEES]
        for addr, label in expected:
            if not self.expect_label(ws, addr, label, place.key, place.title):
                return None
        if ws.max_row > MAX_PROSE_ROWS:
            self.error(
                RuleId.TYPE,
                place.key,
                f"{ref(ws.title, f'A{ws.max_row}')} {place.title}",
                f"文字写到了第{ws.max_row}行，超过{MAX_PROSE_ROWS}行；请删去表格下方多余的内容",
            )
            return None
        paragraphs: list[str] = []
        parts: list[dict[str, Any]] = []
        for row in range(place.first_row, ws.max_row + 1):
            kind = _as_text(ws.cell(row, 1).value)
            text = _as_text(ws.cell(row, 2).value)
            if kind is not None:
                kind = kind.strip()
            if kind == layout.HEADING:
                parts.append({"heading": text, "paragraphs": []})
            elif kind in (None, layout.PARAGRAPH):
                if text is not None:
                    (parts[-1]["paragraphs"] if parts else paragraphs).append(text)
            else:
                self.error(
                    RuleId.TYPE,
                    place.key,
                    f"{ref(ws.title, f'A{row}')} {place.title}第{row}行",
                    f"类型应为“{layout.PARAGRAPH}”或“{layout.HEADING}”，实为{describe(kind)}",
                )
        section: dict[str, object] = {"paragraphs": paragraphs, "parts": parts}
        if place.has_fees:
            fees: dict[str, object] = {}
            for name in layout.FEES:
                addr = f"B{place.fee_row(name)}"
                self.where[f"{place.key}.processing_fees.{name}"] = ref(ws.title, addr)
                value = ws[addr].value
                if value is not None and not (isinstance(value, str) and not value.strip()):
                    fees[name] = value
            if fees:
                section["processing_fees"] = fees
        return section


def _format_of(data: dict[str, Any]) -> FormatSpec | None:
    """The format the tables are laid out in: as structuring will choose it (the year must be
    valid; a stated version overrides it), or None when that fails and will be reported."""
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        return None
    try:
        by_year = format_for_year(year)
        forced = data.get("format")
        return by_year if forced is None else get_format(str(forced))
    except UnknownFormatError:
        return None
