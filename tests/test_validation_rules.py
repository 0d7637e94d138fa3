"""Each rule: one report that breaks it, one that keeps it. Starting point: a clean example."""

from __future__ import annotations

import importlib.util
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import govdisclosure as g
from govdisclosure.model import Stated
from govdisclosure.rules import RULES, RuleId
from govdisclosure.validation import CHECKS, checks_of

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def clean(examples: Path) -> g.Report:
    report = g.load(examples / "example-2024.yaml")
    assert g.validate(report) == []
    return report


@pytest.fixture
def clean_2019(examples: Path) -> g.Report:
    report = g.load(examples / "nanchang-edu-2020-corrected.yaml")
    assert g.validate(report) == []
    return report


def restate(report: g.Report, table: str, **cells: Stated | None) -> g.Report:
    changes = {tuple(name.split("__")): v for name, v in cells.items()}
    return attrs.evolve(report, **{table: report.table(table).with_stated(changes)})  # type: ignore[arg-type]


def only(findings: list[g.Finding], rule: str) -> list[g.Finding]:
    return [f for f in findings if f.rule == rule]


# --- H1: each column of table 三, 一 + 二 = 三 + 四 --------------------------------------------


def test_h1_holds_when_carry_over_balances(clean: g.Report) -> None:
    assert only(g.validate(clean), "H1") == []


def test_h1_reports_the_column_that_does_not_balance(clean: g.Report) -> None:
    broken = restate(clean, "table3", carry_out__research=2, carry_out__total=None)
    finding, total = only(g.validate(broken), "H1")
    assert total.path == "table3.*.total"  # the computed 总计 column carries the 2 along
    assert finding.path == "table3.*.research"
    assert finding.location == "表三 “法人或其他组织·科研机构”列"
    assert (finding.stated, finding.computed) == (2, 0)
    assert finding.is_error


# --- H2: （七）总计 = sum of the outcomes ------------------------------------------------------


def test_h2_holds_for_stated_consistent_totals(clean: g.Report) -> None:
    assert only(g.validate(clean), "H2") == []


def test_h2_reports_a_wrong_total_row_cell(clean: g.Report) -> None:
    broken = restate(clean, "table3", total__commercial=4)
    findings = only(g.validate(broken), "H2")
    assert [(f.path, f.stated, f.computed) for f in findings] == [("table3.total.commercial", 4, 5)]
    assert findings[0].location == "表三 “（七）总计” × “法人或其他组织·商业企业”"


def test_h2_counts_all_three_other_rows_in_2021(clean: g.Report) -> None:
    # （六）3.其他 is part of （七）总计 in the 2021 format.
    broken = restate(clean, "table3", other_misc__natural_person=1, other_misc__total=None)
    paths = {f.path for f in only(g.validate(broken), "H2")}
    assert paths == {"table3.total.natural_person", "table3.total.total"}


# --- H3: 总计 column = sum of applicants ----------------------------------------------------


def test_h3_holds_when_rows_add_up(clean: g.Report) -> None:
    assert only(g.validate(clean), "H3") == []


def test_h3_reports_a_row_whose_total_is_wrong(clean: g.Report) -> None:
    broken = restate(clean, "table3", new__total=66)
    (finding,) = only(g.validate(broken), "H3")
    assert finding.path == "table3.new.total"
    assert finding.location == "表三 “一、本年新收政府信息公开申请数量” × “总计”"
    assert (finding.stated, finding.computed) == (66, 67)


# --- H4: table 四 totals -------------------------------------------------------------------


def test_h4_holds_when_groups_add_up(clean: g.Report) -> None:
    assert only(g.validate(clean), "H4") == []


def test_h4_reports_each_group_total(clean: g.Report) -> None:
    broken = restate(clean, "table4", review__total=3, direct_suit__total=0)
    findings = only(g.validate(broken), "H4")
    assert [(f.location, f.stated, f.computed) for f in findings] == [
        ("表四 “行政复议·总计”", 3, 4),
        ("表四 “行政诉讼·未经复议直接起诉·总计”", 0, 1),
    ]


# --- H5: types and ranges -----------------------------------------------------------------


def test_h5_holds_for_whole_non_negative_counts(clean: g.Report) -> None:
    assert only(g.validate(clean), "H5") == []


def test_h5_reports_a_negative_count(clean: g.Report) -> None:
    broken = restate(clean, "table2", punishment__decisions=-1)
    (finding,) = only(g.validate(broken), "H5")
    assert finding.location == "表二 第二十条第（六）项 “行政处罚” × “本年处理决定数量”"
    assert finding.stated == -1


def test_h5_reports_a_fraction_where_a_count_belongs(clean: g.Report) -> None:
    broken = restate(clean, "table3", carry_in__research=Decimal("1.5"))
    (finding,) = only(g.validate(broken), "H5")
    assert finding.path == "table3.carry_in.research"
    assert finding.message == "应为非负整数"


def test_h5_allows_a_negative_change_in_the_2019_format(clean_2019: g.Report) -> None:
    report = restate(clean_2019, "table2", licensing__change=-8)
    assert only(g.validate(report), "H5") == []


def test_h5_reports_a_negative_fee_amount(clean: g.Report) -> None:
    broken = restate(clean, "table2", fees__amount=Decimal("-0.5"))
    (finding,) = only(g.validate(broken), "H5")
    assert finding.message == "金额不能为负数"


# --- BLANK and MISSING --------------------------------------------------------------------


def test_blank_cell_is_a_warning_and_counts_as_zero(clean: g.Report) -> None:
    report = restate(clean, "table3", new__research=g.Blank("/"))
    (finding,) = g.validate(report)
    assert (finding.rule, finding.severity) == ("BLANK", g.Severity.WARNING)
    assert finding.stated == "/"


def test_blank_total_reports_the_computed_value(clean: g.Report) -> None:
    report = restate(clean, "table3", new__total=g.Blank(""))
    (finding,) = g.validate(report)
    assert (finding.rule, finding.path, finding.computed) == ("BLANK", "table3.new.total", 67)


def test_missing_cell_is_an_error(clean: g.Report) -> None:
    broken = restate(clean, "table3", carry_in__research=None)
    (finding,) = g.validate(broken)
    assert (finding.rule, finding.path) == ("MISSING", "table3.carry_in.research")


def test_missing_total_is_computed_not_reported(clean: g.Report) -> None:
    assert g.validate(restate(clean, "table3", carry_in__total=None)) == []


def test_missing_prose_section_is_an_error(clean: g.Report) -> None:
    (finding,) = g.validate(clean.replace(problems=None))
    assert (finding.rule, finding.location) == ("MISSING", "五、存在的主要问题及改进情况")


def test_empty_prose_section_is_a_warning(clean: g.Report) -> None:
    (finding,) = g.validate(clean.replace(overview=g.Section()))
    assert (finding.rule, finding.severity) == ("EMPTY", g.Severity.WARNING)


# --- S5: dropped for non-payment ⇒ fee notices reported -----------------------------------


def test_s5_holds_when_fee_notices_are_reported(clean: g.Report) -> None:
    assert clean.table3["other_unpaid_fee", "total"] == 1
    assert only(g.validate(clean), "S5") == []


def test_s5_warns_when_no_fee_notice_is_reported(clean: g.Report) -> None:
    other = g.OtherMatters(paragraphs=("无。",))
    (finding,) = only(g.validate(clean.replace(other=other)), "S5")
    assert finding.severity is g.Severity.WARNING
    assert "1件申请因逾期未缴费" in finding.message


def test_s5_warns_when_fee_notices_are_stated_as_zero(clean: g.Report) -> None:
    other = g.OtherMatters(paragraphs=("无。",), processing_fees=g.ProcessingFees(notices=0))
    assert len(only(g.validate(clean.replace(other=other)), "S5")) == 1


def test_s5_accepts_fee_notices_described_in_prose(clean: g.Report) -> None:
    other = g.OtherMatters(paragraphs=("全年发出收费通知1件，收取信息处理费0元。",))
    assert only(g.validate(clean.replace(other=other)), "S5") == []


# --- S6: format version follows the year --------------------------------------------------


def test_s6_holds_when_version_matches_year(clean: g.Report, clean_2019: g.Report) -> None:
    assert only(g.validate(clean), "S6") == only(g.validate(clean_2019), "S6") == []


def test_s6_reports_the_2021_format_used_for_2020(clean: g.Report) -> None:
    wrong = attrs.evolve(clean, meta=attrs.evolve(clean.meta, year=2020))
    (finding,) = only(g.validate(wrong), "S6")
    assert finding.is_error
    assert (finding.stated, finding.computed) == ("2021", "2019")
    assert "国办公开办函〔2019〕60号" in finding.message


# --- S1 and S2: against last year's report ------------------------------------------------


def last_year(report: g.Report, **table2: Stated) -> g.Report:
    previous = attrs.evolve(report, meta=attrs.evolve(report.meta, year=report.meta.year - 1))
    return restate(previous, "table2", **table2) if table2 else previous


def test_s1_holds_when_carry_in_equals_last_years_carry_out(clean: g.Report) -> None:
    previous = restate(
        last_year(clean),
        "table3",
        carry_out__natural_person=3,
        carry_out__commercial=0,
        carry_out__legal_services=0,
        carry_out__total=3,
    )
    assert only(g.validate(clean, previous), "S1") == []


def test_s1_warns_per_column_that_differs(clean: g.Report) -> None:
    previous = last_year(clean)  # its carry_out is 3/1/1, this year's carry_in is 3/0/0
    findings = only(g.validate(clean, previous), "S1")
    assert [f.path for f in findings] == [
        "table3.carry_in.commercial",
        "table3.carry_in.legal_services",
        "table3.carry_in.total",
    ]
    assert all(f.severity is g.Severity.WARNING for f in findings)


def test_s2_holds_when_documents_in_force_add_up(clean: g.Report) -> None:
    previous = last_year(clean, normative_documents__in_force=37)  # 37 + 6 − 2 = 41
    assert only(g.validate(clean, previous), "S2") == []


def test_s2_warns_when_documents_in_force_do_not_add_up(clean: g.Report) -> None:
    previous = last_year(clean, normative_documents__in_force=30)
    (finding,) = only(g.validate(clean, previous), "S2")
    assert finding.path == "table2.normative_documents.in_force"
    assert (finding.stated, finding.computed) == (41, 34)


def test_rules_across_years_need_consecutive_years(clean: g.Report) -> None:
    older = attrs.evolve(clean, meta=attrs.evolve(clean.meta, year=2020))
    assert only(g.validate(clean, older), "S1") == []


def test_every_finding_rule_is_in_the_catalogue(examples: Path) -> None:
    report = g.load(examples / "nanchang-edu-2020.yaml")
    assert {f.rule for f in g.validate(report)} <= set(g.RULES)


def unread(report: g.Report, table: str, *cells: tuple[str, str]) -> g.Report:
    """``report`` as a reader that could not read ``cells`` of ``table`` gives it."""
    t = report.table(table)
    changed = g.Table(t.spec, {k: v for k, v in t.stated.items() if k not in cells}, cells)
    return report.replace(table2=changed) if table == "table2" else report.replace(table3=changed)


def test_s1_skips_a_column_whose_carry_cell_was_not_read(clean: g.Report) -> None:
    previous = unread(last_year(clean), "table3", ("carry_out", "commercial"))
    findings = only(g.validate(clean, previous), "S1")
    assert [f.path for f in findings] == ["table3.carry_in.legal_services", "table3.carry_in.total"]


def test_s2_is_not_checked_with_a_cell_that_was_not_read(clean: g.Report) -> None:
    previous = last_year(clean, normative_documents__in_force=30)
    now = unread(clean, "table2", ("normative_documents", "repealed"))
    assert only(g.validate(now, previous), "S2") == []


# --- the rules as declared --------------------------------------------------------------


def _hooks() -> Any:
    """docs/hooks.py, whose examples make the real code report every rule."""
    spec = importlib.util.spec_from_file_location("_docs_hooks", ROOT / "docs" / "hooks.py")
    assert spec is not None and spec.loader is not None
    module = sys.modules.setdefault(spec.name, importlib.util.module_from_spec(spec))
    spec.loader.exec_module(module)
    return module


OUTSIDE_VALIDATION = {"KEY", "TYPE", "SYNTAX", "READ", "LAYOUT", "RENDER", "HIDDEN"}


def test_every_rule_is_checked_by_validate_or_reported_where_its_problem_is_met() -> None:
    checked = {rule for check in CHECKS for rule in check.rules}
    assert checked | OUTSIDE_VALIDATION == set(RuleId)
    assert not checked & OUTSIDE_VALIDATION
    assert [c.rules for c in checks_of("MISSING")] == [
        c.rules for c in CHECKS if RuleId.MISSING in c.rules
    ]


@pytest.mark.slow
def test_each_finding_has_a_severity_its_rule_declares_and_comes_from_its_check() -> None:
    hooks = _hooks()
    seen: set[str] = set()
    for example in hooks.EXAMPLES:
        findings = hooks.run_example(example)
        for f in findings:
            assert f.severity in RULES[f.rule].severities, f
            assert isinstance(f.rule, RuleId)
        seen |= {f.rule for f in findings}
        if example.run != "validate":
            continue
        report = g.loads(hooks.example_input(example.year, example.patch, example.drop), ".json")
        previous = None
        if example.previous is not None:
            text = hooks.example_input(example.year - 1, example.previous)
            previous = g.loads(text, ".json")
        for check in CHECKS:
            for f in check.run(report, previous):
                assert f.rule in check.rules, (check, f)
    assert seen == set(RuleId)


def test_a_rule_is_an_error_or_a_warning_as_declared() -> None:
    read = RULES["READ"]
    assert read.severities == (g.Severity.ERROR, g.Severity.WARNING)
    assert read.warning("$", "文件", "x").severity is g.Severity.WARNING
    assert read.finding("$", "文件", "x").severity is g.Severity.ERROR
    with pytest.raises(ValueError, match="never a warning"):
        RULES["H2"].warning("$", "表三", "x")
    assert all(r.severities == (r.severity,) for r in RULES.values() if r.id != "READ")


def test_a_finding_named_by_a_string_has_the_rule_id() -> None:
    f = g.Finding("H2", g.Severity.ERROR, "table3.total.total", "表三", "x")
    assert f.rule is RuleId.H2 and f.rule == "H2" and json.dumps(f.rule) == '"H2"'
    assert f.one_line() == "错误 H2 表三：x"
    with pytest.raises(ValueError):
        g.Finding("S3", g.Severity.ERROR, "$", "", "")
