"""The Excel workbook for agency staff: written from any report, read back to an equal one,
laid out as the official tables, and every hand-editing mistake a located error.

The LibreOffice test is skipped, with the reason shown, when ``soffice`` is missing; in CI
(``CI`` set) it fails instead, since ``.ci/run`` installs LibreOffice Calc.
"""

from __future__ import annotations

import datetime
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from expect import libreoffice, load_error, the_finding
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

import govdisclosure as g
from govdisclosure.cli import main
from govdisclosure.formats.declaration import Data, Kind, Label
from govdisclosure.inputs import load_bytes, suffixes
from govdisclosure.reading import read as read_published
from govdisclosure.skeleton import blank_report

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "example-2024.yaml"  # 2021 format, totals stated
CORRECTED = ROOT / "examples" / "nanchang-edu-2020-corrected.yaml"  # 2019 format, omitted
PUBLISHED = ROOT / "examples" / "nanchang-edu-2020.yaml"  # 2019 format, wrong stated totals

GRID_TOP = 3
"""The declaration's grid row 0 is the sheet's row 3, below the title and the hint."""

NEW_NATURAL_PERSON = "表三 “一、本年新收政府信息公开申请数量” × “自然人”"


# --- helpers ------------------------------------------------------------------------------


def cell_of(field_row: int, field_col: int) -> str:
    """The sheet address of a grid position, computed here independently of the library."""
    return f"{get_column_letter(field_col + 1)}{field_row + GRID_TOP}"


def address(table: g.TableSpec, key: tuple[str, str]) -> str:
    f = table.fields[key]
    return cell_of(f.row, f.col)


def write(tmp_path: Path, report: g.Report, name: str = "report.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(g.to_xlsx(report))
    return path


def edited(path: Path, change: Callable[[Workbook], object], name: str = "edited.xlsx") -> Path:
    """A copy of the workbook after a hand edit (saved by openpyxl, as a program would)."""
    wb = openpyxl.load_workbook(path)
    change(wb)
    out = path.with_name(name)
    wb.save(out)
    return out


def put(sheet: str, addr: str, value: str | int | datetime.datetime) -> Callable[[Workbook], None]:
    def change(wb: Workbook) -> None:
        wb[sheet][addr] = value

    return change


def assert_one_line_error(path: Path, fragment: str) -> None:
    error = load_error(path)
    finding = the_finding(error)
    assert (finding.rule, finding.path, finding.location) == ("SYNTAX", "$", "文件")
    assert fragment in finding.message
    assert "\n" not in str(error)


def with_tables(report: g.Report, change: Callable[[g.Table], g.Table]) -> g.Report:
    return report.replace(
        table2=change(report.table2), table3=change(report.table3), table4=change(report.table4)
    )


def sheet(path: Path, name: str, data_only: bool = False) -> Worksheet:
    return openpyxl.load_workbook(path, data_only=data_only)[name]


# --- round trip ---------------------------------------------------------------------------

TOTALS: dict[str, Callable[[g.Table], g.Table]] = {
    "as-in-file": lambda t: t,
    "stated": lambda t: t.with_totals(),
    "omitted": lambda t: t.without_totals(),
}


@pytest.mark.slow
@pytest.mark.parametrize("totals", TOTALS)
@pytest.mark.parametrize("source", [EXAMPLE, CORRECTED], ids=lambda p: p.stem)
def test_round_trip_gives_an_equal_report(tmp_path: Path, source: Path, totals: str) -> None:
    report = with_tables(g.load(source), TOTALS[totals])

    back = g.load(write(tmp_path, report))

    assert back == report
    assert back.table3.stated.keys() == report.table3.stated.keys()  # stated stays stated
    assert g.validate(back) == g.validate(report)


@pytest.mark.slow
@pytest.mark.parametrize("year", [2020, 2025])
def test_round_trip_of_the_blank_report_of_each_version(tmp_path: Path, year: int) -> None:
    report = blank_report(year, agency="某县统计局")

    assert g.load(write(tmp_path, report)) == report


@pytest.mark.slow
def test_round_trip_keeps_placeholders_units_and_text_that_looks_like_a_formula(
    tmp_path: Path,
) -> None:
    report = g.load(CORRECTED)
    report = report.replace(
        table2=report.table2.with_stated(
            {("procurement", "amount"): g.Money(Decimal("251000"), "元")}
        ),
        table3=report.table3.with_stated(
            {("new", "research"): g.Blank("/"), ("new", "total"): g.Blank("")}
        ),
        table4=report.table4.with_stated({("review", "total"): g.Blank("-")}),
        problems=g.Section(("=1+1", "#N/A"), (g.Part(None, ("无标题的小节",)),)),
        other=g.OtherMatters(("2024",), processing_fees=g.ProcessingFees(2, Decimal("380.5"))),
    )

    assert g.load(write(tmp_path, report)) == report


@pytest.mark.slow
def test_a_stated_total_that_disagrees_with_its_parts_is_reported_as_in_yaml(
    tmp_path: Path,
) -> None:
    published = g.load(PUBLISHED)

    back = g.load(write(tmp_path, published))

    assert back.table3.stated["total", "natural_person"] == 0
    assert [(f.rule, f.path, f.location) for f in g.validate(back)] == [
        (f.rule, f.path, f.location) for f in g.validate(published)
    ]
    assert ("H2", "table3.total.natural_person") in {(f.rule, f.path) for f in g.validate(back)}


@pytest.mark.slow
def test_a_total_formula_never_calculated_counts_as_omitted(tmp_path: Path) -> None:
    path = write(tmp_path, g.load(EXAMPLE))
    resaved = edited(path, lambda wb: None)  # openpyxl keeps formulas, drops their values
    key = ("new", "total")
    t3 = g.load(EXAMPLE).table3.spec
    assert sheet(resaved, "表三", data_only=True)[address(t3, key)].value is None

    report = g.load(resaved)

    assert not set(report.table3.stated) & set(t3.derived)
    assert report.table3[key] == 67
    assert g.validate(report) == []


# --- layout -------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("source", [EXAMPLE, CORRECTED], ids=lambda p: p.stem)
def test_table3_has_the_declarations_merged_ranges_and_labels(tmp_path: Path, source: Path) -> None:
    report = g.load(source)
    spec = report.table3.spec
    ws = sheet(write(tmp_path, report), "表三")

    expected = set()
    for p in spec.placed:
        if p.cell.rowspan > 1 or p.cell.colspan > 1:
            last = cell_of(p.row + p.cell.rowspan - 1, p.col + p.cell.colspan - 1)
            expected.add(f"{cell_of(p.row, p.col)}:{last}")
    in_grid = {str(r) for r in ws.merged_cells.ranges if r.min_row >= GRID_TOP}
    assert in_grid == expected
    labels = [p for p in spec.placed if isinstance(p.cell, Label)]
    assert [ws[cell_of(p.row, p.col)].value for p in labels] == [
        p.cell.text for p in labels if isinstance(p.cell, Label)
    ]
    assert ws["A1"].value == "三、收到和处理政府信息公开申请情况"
    assert (
        ws[cell_of(0, 0)].value
        == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    )


@pytest.mark.slow
def test_workbook_has_a_sheet_per_table_metadata_prose_and_guide(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(write(tmp_path, g.load(EXAMPLE)))

    assert wb.sheetnames == [
        "填表说明",
        "基本信息",
        "一、总体情况",
        "表二",
        "表三",
        "表四",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    guide = "\n".join(str(c.value) for c in wb["填表说明"]["A"] if c.value)
    assert "国办公开办函〔2021〕30号" in guide
    assert "=SUM" in guide and "不要留空" in guide
    assert all(wb["表三"].column_dimensions[c].width >= 10 for c in "CDEFGHIJ")


@pytest.mark.slow
@pytest.mark.parametrize("source", [EXAMPLE, CORRECTED], ids=lambda p: p.stem)
def test_labels_and_totals_are_locked_inputs_unlocked_and_sheets_protected(
    tmp_path: Path, source: Path
) -> None:
    report = g.load(source)
    wb = openpyxl.load_workbook(write(tmp_path, report))

    for table in report.tables:
        spec = table.spec
        ws = wb[spec.name]
        assert ws.protection.sheet
        assert not ws.protection.password
        for p in spec.placed:
            cell = ws[cell_of(p.row, p.col)]
            if isinstance(p.cell, Data) and (p.cell.row, p.cell.col) not in spec.derived:
                assert not cell.protection.locked, cell.coordinate
                assert cell.fill.fgColor.rgb.endswith("FFF2CC"), cell.coordinate
            else:
                assert cell.protection.locked, cell.coordinate
    assert wb["基本信息"].protection.sheet
    assert not wb["基本信息"]["B4"].protection.locked  # 机关名称 is filled in
    assert wb["基本信息"]["B6"].protection.locked  # 格式版本 is the program's


def _validation_of(ws: Worksheet, addr: str) -> DataValidation:
    found: list[DataValidation] = [
        dv for dv in ws.data_validations.dataValidation if addr in dv.sqref
    ]
    assert len(found) == 1, (addr, found)
    return found[0]


@pytest.mark.slow
@pytest.mark.parametrize("source", [EXAMPLE, CORRECTED], ids=lambda p: p.stem)
def test_every_input_cell_has_the_data_validation_of_its_kind(tmp_path: Path, source: Path) -> None:
    report = g.load(source)
    wb = openpyxl.load_workbook(write(tmp_path, report))
    kinds = set()

    for table in report.tables:
        spec = table.spec
        for key, f in spec.fields.items():
            if key in spec.derived:
                continue
            addr = cell_of(f.row, f.col)
            dv = _validation_of(wb[spec.name], addr)
            kinds.add(f.kind)
            assert dv.showErrorMessage
            if f.kind is Kind.COUNT:
                assert (dv.type, dv.operator, dv.formula1) == ("whole", "greaterThanOrEqual", "0")
            elif f.kind is Kind.DELTA:
                assert (dv.type, dv.operator) == ("whole", "between")
                assert int(dv.formula1 or 0) < 0 < int(dv.formula2 or 0)
            elif f.kind is Kind.WANYUAN:
                assert dv.type == "custom"
                assert f"ROUND({addr},2)={addr}" in (dv.formula1 or "")
                assert f"{addr}>=0" in (dv.formula1 or "")
            else:
                assert dv.type == "custom"
                assert '"元"' in (dv.formula1 or "") and f"{addr}>=0" in (dv.formula1 or "")
    expected = (
        {Kind.COUNT, Kind.WANYUAN}
        if report.format.version == "2021"
        else set(Kind) - {Kind.WANYUAN}
    )
    assert kinds == expected


def _expand(formula: str) -> set[str]:
    assert formula.startswith("=SUM(") and formula.endswith(")"), formula
    cells = set()
    for part in formula[len("=SUM(") : -1].split(","):
        min_col, min_row, max_col, max_row = range_boundaries(part)
        assert None not in (min_col, min_row, max_col, max_row)
        for row in range(min_row or 0, (max_row or 0) + 1):
            for col in range(min_col or 0, (max_col or 0) + 1):
                cells.add(f"{get_column_letter(col)}{row}")
    return cells


@pytest.mark.slow
@pytest.mark.parametrize("source", [EXAMPLE, CORRECTED], ids=lambda p: p.stem)
def test_total_cells_are_sum_formulas_over_their_declared_parts(
    tmp_path: Path, source: Path
) -> None:
    report = g.load(source)
    wb = openpyxl.load_workbook(write(tmp_path, report))
    checked = 0

    for table in report.tables:
        spec = table.spec
        for key, rule in spec.derived.items():
            formula = wb[spec.name][address(spec, key)].value
            assert isinstance(formula, str)
            assert _expand(formula) == {address(spec, p) for p in rule.parts}, key
            checked += 1
    assert checked == sum(len(t.spec.derived) for t in report.tables) > 30


# --- LibreOffice --------------------------------------------------------------------------


def recalculated(path: Path, tmp_path: Path) -> Path:
    """The workbook as LibreOffice Calc saves it after opening it (formulas recalculated)."""
    out = tmp_path / "recalculated"
    result = libreoffice(path, "xlsx", out)
    converted = out / path.name
    assert converted.exists(), (
        "LibreOffice did not convert the workbook (is libreoffice-calc-nogui installed?)\n"
        + result.stdout
        + result.stderr
    )
    return converted


@pytest.mark.external
@pytest.mark.parametrize("source", [EXAMPLE, CORRECTED], ids=lambda p: p.stem)
def test_libreoffice_recalculates_the_same_totals_as_the_library(
    tmp_path: Path, source: Path
) -> None:
    report = g.load(source)
    path = write(tmp_path, report)

    def fill(wb: Workbook) -> None:
        n = 0
        for table in (report.table3, report.table4):
            spec = table.spec
            for key, f in spec.fields.items():
                if key not in spec.derived:
                    n += 1
                    wb[spec.name][address(spec, key)] = (n * 7) % 13
                    assert f.kind is Kind.COUNT

    filled = edited(path, fill)
    library = g.load(filled)
    assert library.table3 != report.table3

    copy = recalculated(filled, tmp_path)

    wb = openpyxl.load_workbook(copy, data_only=True)
    for table in (library.table3, library.table4):
        spec = table.spec
        for key in spec.derived:
            assert wb[spec.name][address(spec, key)].value == table.computed[key], key
    again = g.load(copy)  # the totals are now stated, and agree
    assert set(again.table3.spec.derived) <= set(again.table3.stated)
    assert again == with_tables(library, lambda t: t.with_totals())
    assert not {f.rule for f in g.validate(again)} & {"H2", "H3", "H4"}


# --- hand-edited mistakes -----------------------------------------------------------------


@pytest.mark.slow
def test_text_in_a_count_cell_is_a_type_error_at_its_sheet_cell_and_label(
    tmp_path: Path,
) -> None:
    path = edited(write(tmp_path, g.load(EXAMPLE)), put("表三", "D6", "五十八"))

    finding = the_finding(load_error(path))

    assert finding.rule == "TYPE"
    assert finding.path == "table3.new.natural_person"
    assert finding.location == f"表三!D6 {NEW_NATURAL_PERSON}"
    assert finding.stated == "五十八"
    assert "非负整数" in finding.message


@pytest.mark.slow
def test_negative_number_loads_and_validate_reports_h5_at_that_cell(tmp_path: Path) -> None:
    path = edited(write(tmp_path, g.load(EXAMPLE)), put("表三", "D6", -58))

    findings = g.validate(g.load(path))

    h5 = [f for f in findings if f.rule == "H5"]
    assert [(f.path, f.location, f.stated) for f in h5] == [
        ("table3.new.natural_person", NEW_NATURAL_PERSON, -58)
    ]


@pytest.mark.slow
def test_date_typed_into_a_count_cell_is_a_located_type_error(tmp_path: Path) -> None:
    path = edited(
        write(tmp_path, g.load(EXAMPLE)),
        put("表三", "D6", datetime.datetime(2025, 1, 2)),
    )

    finding = the_finding(load_error(path))

    assert (finding.rule, finding.location) == ("TYPE", f"表三!D6 {NEW_NATURAL_PERSON}")
    assert "2025-01-02" in finding.message


@pytest.mark.slow
def test_deleted_row_is_an_error_at_the_first_displaced_label(tmp_path: Path) -> None:
    path = edited(write(tmp_path, g.load(EXAMPLE)), lambda wb: wb["表三"].delete_rows(7))

    finding = the_finding(load_error(path))

    assert finding.rule == "SYNTAX"
    assert finding.path == "table3.carry_in"
    assert finding.location == "表三!A7 表三 “二、上年结转政府信息公开申请数量”"
    assert "“三、本年度办理结果”" in finding.message  # what moved up into its place


@pytest.mark.slow
def test_inserted_row_is_an_error_at_the_first_displaced_label(tmp_path: Path) -> None:
    path = edited(write(tmp_path, g.load(CORRECTED)), lambda wb: wb["表二"].insert_rows(5))

    finding = the_finding(load_error(path))

    assert finding.location == "表二!A5 表二 “规章”"
    assert "空白" in finding.message


@pytest.mark.slow
def test_renamed_sheet_is_an_error_naming_it_and_listing_the_sheets_found(
    tmp_path: Path,
) -> None:
    def rename(wb: Workbook) -> None:
        wb["表三"].title = "表3"

    path = edited(write(tmp_path, g.load(EXAMPLE)), rename)

    finding = the_finding(load_error(path))

    assert (finding.rule, finding.path) == ("MISSING", "table3")
    assert "“表三”" in finding.location
    assert "表二、表3、表四" in finding.message
    assert "是否被改名为“表3”" in finding.message


@pytest.mark.slow
def test_missing_metadata_sheet_is_an_error_naming_it(tmp_path: Path) -> None:
    path = edited(write(tmp_path, g.load(EXAMPLE)), lambda wb: wb.remove(wb["基本信息"]))

    finding = the_finding(load_error(path))  # no year, so nothing else can be read

    assert (finding.rule, finding.location) == ("MISSING", "工作表“基本信息”")
    assert "表三" in finding.message


@pytest.mark.slow
def test_year_written_as_text_is_located_on_the_metadata_sheet(tmp_path: Path) -> None:
    path = edited(write(tmp_path, g.load(EXAMPLE)), put("基本信息", "B5", "二〇二四"))

    finding = the_finding(load_error(path))

    assert (finding.rule, finding.path, finding.location) == (
        "TYPE",
        "year",
        "基本信息!B5 报告年度",
    )


@pytest.mark.slow
def test_unknown_row_type_on_a_prose_sheet_is_a_located_error(tmp_path: Path) -> None:
    path = edited(write(tmp_path, g.load(EXAMPLE)), put("一、总体情况", "A4", "正文"))

    finding = the_finding(load_error(path))

    assert finding.location.startswith("一、总体情况!A4 ")
    assert "“段落”或“小标题”" in finding.message


@pytest.mark.slow
def test_text_far_below_a_prose_section_is_a_located_error(tmp_path: Path) -> None:
    path = edited(
        write(tmp_path, g.load(EXAMPLE)), put("五、存在的主要问题及改进情况", "B9000", "x")
    )

    finding = the_finding(load_error(path))

    assert finding.location.startswith("五、存在的主要问题及改进情况!A9000 ")


@pytest.mark.slow
def test_processing_fees_error_names_its_cell(tmp_path: Path) -> None:
    path = edited(write(tmp_path, g.load(EXAMPLE)), put("六、其他需要报告的事项", "B4", "一件"))

    finding = the_finding(load_error(path))

    assert finding.path == "other.processing_fees.notices"
    assert finding.location.startswith("六、其他需要报告的事项!B4 ")


def test_file_that_is_not_a_workbook_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    path.write_text(EXAMPLE.read_text("utf-8"), "utf-8")

    assert_one_line_error(path, "不是 Excel 工作簿")


def test_truncated_workbook_is_a_one_line_error(tmp_path: Path) -> None:
    data = g.to_xlsx(g.load(EXAMPLE))
    path = tmp_path / "report.xlsx"
    path.write_bytes(data[: len(data) // 2])

    assert_one_line_error(path, "工作簿")


def test_zip_that_is_not_a_workbook_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")

    assert_one_line_error(path, "已损坏")


def test_encrypted_workbook_is_a_one_line_error(tmp_path: Path) -> None:
    # An encrypted .xlsx is an OLE compound file, like the old .xls.
    path = tmp_path / "report.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088))

    assert_one_line_error(path, "加密")


@pytest.mark.slow
def test_xlsx_is_a_registered_suffix_and_text_loading_points_to_load() -> None:
    assert ".xlsx" in suffixes() and ".yaml" in suffixes()
    assert load_bytes(g.to_xlsx(g.load(EXAMPLE)), ".xlsx") == g.load(EXAMPLE)
    with pytest.raises(g.InputError, match="load"):
        g.loads("", ".xlsx")


# --- command line -------------------------------------------------------------------------


@pytest.mark.slow
def test_cli_init_xlsx_writes_the_blank_workbook_and_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "report.xlsx"

    assert main(["init", "--year", "2025", "--agency", "某县统计局", "--xlsx", str(path)]) == 0
    assert g.load(path) == blank_report(2025, agency="某县统计局")
    written = path.read_bytes()
    assert main(["init", "--year", "2020", "--xlsx", str(path)]) == 2
    assert "--force" in capsys.readouterr().err
    assert path.read_bytes() == written
    assert main(["init", "--year", "2020", "--xlsx", str(path), "--force"]) == 0
    assert g.load(path).format.version == "2019"
    assert not (tmp_path / "report-2025.yaml").exists()


@pytest.mark.slow
@pytest.mark.parametrize("source", [EXAMPLE, PUBLISHED], ids=lambda p: p.stem)
def test_cli_export_turns_a_report_into_the_workbook(tmp_path: Path, source: Path) -> None:
    out = tmp_path / "out.xlsx"

    assert main(["export", str(source), "--xlsx", str(out)]) == 0

    assert g.load(out) == g.load(source)


@pytest.mark.slow
def test_cli_export_turns_a_published_report_into_the_workbook(tmp_path: Path) -> None:
    published = ROOT / "tests" / "data" / "nanchang-edu-2020.txt"
    out = tmp_path / "out.xlsx"

    status = main(["export", str(published), "--xlsx", str(out)])

    reading = read_published(published)
    assert status == (1 if any(f.is_error for f in reading.findings) else 0)
    assert g.load(out) == reading.report


@pytest.mark.slow
def test_cli_export_from_a_workbook_and_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = write(tmp_path, g.load(CORRECTED), "first.xlsx")
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"keep")

    assert main(["export", str(first), "--xlsx", str(out)]) == 2
    assert out.read_bytes() == b"keep"
    assert main(["export", str(first), "--xlsx", str(out), "--force"]) == 0
    assert g.load(out) == g.load(CORRECTED)
    assert "--force" in capsys.readouterr().err


@pytest.mark.slow
def test_cli_export_of_a_bad_workbook_names_the_cell_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = edited(write(tmp_path, g.load(EXAMPLE)), put("表三", "D6", "五十八"))
    out = tmp_path / "out.xlsx"

    assert main(["export", str(bad), "--xlsx", str(out)]) == 2

    assert f"表三!D6 {NEW_NATURAL_PERSON}" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.slow
def test_cli_validate_reads_a_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, g.load(PUBLISHED))

    assert main(["validate", "-j", "1", str(path)]) == 1

    assert "表三 “（七）总计” × “自然人”" in capsys.readouterr().out


# --- hidden worksheets -----------------------------------------------------------------


def hide(name: str) -> Callable[[Workbook], None]:
    def change(book: Workbook) -> None:
        book[name].sheet_state = "hidden"

    return change


@pytest.mark.slow
def test_a_hidden_sheet_that_is_read_is_a_located_warning(tmp_path: Path) -> None:
    path = edited(write(tmp_path, g.load(EXAMPLE)), hide("表三"))
    report, notes = g.inputs.load_noted(path)
    assert [(n.rule, n.location, n.is_error) for n in notes] == [("HIDDEN", "工作表“表三”", False)]
    shown = g.load(EXAMPLE).table3
    assert {k: report.table3.value(k) for k in shown} == {k: shown.value(k) for k in shown}


@pytest.mark.slow
def test_load_issues_the_hidden_sheet_as_an_input_warning(tmp_path: Path) -> None:
    path = edited(write(tmp_path, g.load(EXAMPLE)), hide("表四"))
    with pytest.warns(g.InputWarning, match="工作表“表四”：此工作表已隐藏") as caught:
        g.load(path)
    assert caught[0].message.file == str(path)  # type: ignore[union-attr]


@pytest.mark.slow
def test_a_visible_workbook_has_no_notes(tmp_path: Path) -> None:
    _, notes = g.inputs.load_noted(write(tmp_path, g.load(EXAMPLE)))
    assert notes == ()


@pytest.mark.slow
def test_validate_reports_the_hidden_sheet_and_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = edited(write(tmp_path, g.load(EXAMPLE)), hide("一、总体情况"))
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "警告  HIDDEN  工作表“一、总体情况”" in out
