"""Every rule a finding can name, declared once (spec §5): its id, severity, Chinese wording,
formula and the parts of the report it relates.

This is the one module that spells a rule id. Findings are made through their rule
(``RULES[RuleId.H2].finding(...)``), so a severity is never written at a call site and the
catalogue cannot disagree with what is reported; validation runs the checks of these rules
(:mod:`govdisclosure.validation`), and the rule catalogue of the documentation
(``reference/rules.md``) is written from :data:`RULES`.

It sits below everything that reports findings (input files, readers, validation, jobs) and
imports only :mod:`govdisclosure.findings` and :mod:`govdisclosure.sections`. The cells a table
rule relates are declared with the format versions (``TableSpec.sums`` and ``balances``,
``FormatSpec.relations`` …), whose declarations name their rule by :class:`RuleId`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType

from attrs import frozen

from .findings import Finding, FindingValue, Severity
from .sections import PROSE, TABLES, SectionKey
from .sections import SectionKey as S


class RuleId(enum.StrEnum):
    """A rule's id. A string, so ``finding.rule == "H2"`` holds and JSON shows ``"H2"``."""

    H1 = "H1"
    H2 = "H2"
    H3 = "H3"
    H4 = "H4"
    H5 = "H5"
    S1 = "S1"
    S2 = "S2"
    S4 = "S4"
    S5 = "S5"
    S6 = "S6"
    S9 = "S9"
    S10 = "S10"
    MISSING = "MISSING"
    BLANK = "BLANK"
    LAYOUT = "LAYOUT"
    UNCHECKED = "UNCHECKED"
    EMPTY = "EMPTY"
    HIDDEN = "HIDDEN"
    KEY = "KEY"
    TYPE = "TYPE"
    RANGE = "RANGE"
    SYNTAX = "SYNTAX"
    RENDER = "RENDER"
    READ = "READ"


@frozen
class Rule:
    id: RuleId
    severity: Severity
    """The severity of its findings; of a rule with ``warning_when``, of all but those."""
    title: str
    """What the rule requires, in Chinese."""
    formula: str
    """The rule as arithmetic or a condition."""
    sections: tuple[SectionKey, ...] = ()
    """The keys of the sections (and tables) whose content the rule relates; empty for a rule
    on the file as a whole. The cells are declared with each format version."""
    warning_when: str | None = None
    """For a rule reported as an error in some cases and as a warning in others (READ): when
    it is a warning, in Chinese. None: every finding has ``severity``."""

    @property
    def severities(self) -> tuple[Severity, ...]:
        """Every severity the rule's findings can have."""
        if self.warning_when is None:
            return (self.severity,)
        return (self.severity, Severity.WARNING)

    def finding(
        self,
        path: str,
        location: str,
        message: str,
        stated: FindingValue = None,
        computed: FindingValue = None,
    ) -> Finding:
        """A finding of this rule, with the rule's severity."""
        return Finding(self.id, self.severity, path, location, message, stated, computed)

    def warning(self, path: str, location: str, message: str) -> Finding:
        """A finding of this rule in the case ``warning_when`` declares: a warning (of what
        was read only in part, so with no stated or computed value)."""
        if self.warning_when is None:
            raise ValueError(f"rule {self.id} is never a warning: use Rule.finding")
        return Finding(self.id, Severity.WARNING, path, location, message)


E, W = Severity.ERROR, Severity.WARNING
R = RuleId

RULES: Mapping[str, Rule] = MappingProxyType(
    {
        r.id: r
        for r in (
            Rule(
                R.H1,
                E,
                "表三每列：第一项加第二项之和，等于第三项加第四项之和",
                "一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理",
                (S.TABLE3,),
            ),
            Rule(
                R.H2,
                E,
                "表三（七）总计等于（一）至（六）各项之和",
                "（七）总计 = （一）+（二）+（三）1–8 +（四）1–3 +（五）1–5 +（六）",
                (S.TABLE3,),
            ),
            Rule(
                R.H3,
                E,
                "表三每行总计等于各类申请人之和",
                "总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
                (S.TABLE3,),
            ),
            Rule(
                R.H4,
                E,
                "表四每组总计等于结果维持、结果纠正、其他结果、尚未审结之和",
                "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
                (S.TABLE4,),
            ),
            Rule(
                R.H5,
                E,
                "表内数值类型正确：件数为非负整数，本年增/减为整数，金额非负",
                "件数 ∈ ℕ；本年增/减 ∈ ℤ；金额 ≥ 0",
                TABLES,
            ),
            Rule(
                R.S1,
                W,
                "本年上年结转等于上年报告的结转下年度继续办理（逐列）",
                "二、上年结转(N) = 四、结转下年度继续办理(N−1)",
                (S.TABLE3,),
            ),
            Rule(
                R.S2,
                W,
                "现行有效件数约等于上年现行有效件数加本年制发减本年废止",
                "现行有效(N) ≈ 现行有效(N−1) + 本年制发(N) − 本年废止(N)",
                (S.TABLE2,),
            ),
            Rule(
                R.S4,
                E,
                "正文所述件数、金额与表格一致（收到申请、办结、结转、各项办理结果、规章和规范性"
                "文件、处理决定、收费金额、行政复议和行政诉讼）；“全部办结”“未收到申请”"
                "“未发生行政复议”等说法不与表格矛盾",
                "正文“受理申请N件”= 表三 一 或 一+二；“办结N件”= （七）总计；"
                "“全部办结” ⇒ 四、结转下年度 = 0；……（见 govdisclosure.formats.vocabulary）",
                (*PROSE, *TABLES),
            ),
            Rule(
                R.S5,
                W,
                "有因逾期未缴费而不再处理的申请时，第六部分应报告发出收费通知情况",
                "（六）2 总计 > 0 ⇒ 收费通知件数 > 0",
                (S.TABLE3, S.OTHER),
            ),
            Rule(
                R.S6,
                E,
                "报告所用格式版本应与报告年度相符",
                "2019–2020年度：2019试行格式；2021年度起：2021格式",
            ),
            Rule(
                R.S9,
                W,
                "正文中的百分比与其所引件数相符：按句中所列总数或表三（七）总计、一、一+二中"
                "任一基数四舍五入后一致",
                "“X件，占Y%”：Y = round(X ÷ 基数 × 100, 所印位数)，"
                "基数 ∈ {句中总数, （七）, 一, 一+二}",
                (*PROSE, S.TABLE3),
            ),
            Rule(
                R.S10,
                W,
                "正文中含义不唯一的说法（如“办理申请N件”“发出收费通知N件”）至少按一种理解与表格相符",
                "“办理申请N件”∈ {一, 一+二, （七）}；“发出收费通知N件” ≥ （六）2",
                (*PROSE, *TABLES),
            ),
            Rule(R.MISSING, E, "必填的部分、表格或单元格不可缺少", "每个部分与单元格均已填写"),
            Rule(R.BLANK, W, "单元格留空或以“/”“-”“无”代替数字，按0计算", "空白 → 0", TABLES),
            Rule(
                R.LAYOUT,
                E,
                "表格印有另一版本格式的行（如2021年格式报告印2019年格式的单行“（六）其他处理”），"
                "本格式相应的行未印出",
                "表格各行属于报告所用的格式版本",
                TABLES,
            ),
            Rule(
                R.UNCHECKED,
                W,
                "有单元格未能从已发布的报告中读出，涉及它们的勾稽关系无法核对",
                "未读出的单元格不按0计算，相关规则不作判断",
                (S.TABLE3, S.TABLE4),
            ),
            Rule(R.EMPTY, W, "文字部分尚未填写内容", "段落非空", PROSE),
            Rule(
                R.HIDDEN,
                W,
                "Excel 工作簿中读入的工作表被隐藏：其内容照常核对，但填报人在表格软件中看不到",
                "读入的工作表均为可见",
            ),
            Rule(R.KEY, E, "输入文件中出现未知的键", "键名属于格式声明"),
            Rule(R.TYPE, E, "输入值的类型不对", "值可读为所需类型"),
            Rule(R.RANGE, E, "报告年度超出统一格式适用的范围", "年度 ≥ 2019"),
            Rule(R.SYNTAX, E, "输入文件无法解析", "文件为合法的 YAML/JSON/TOML"),
            Rule(R.RENDER, E, "报告未能生成发布文件（校验有错误、模板出错或无法写入）", "生成成功"),
            Rule(
                R.READ,
                E,
                "已发布报告中未能读出、或与格式不符的内容",
                "各部分、各行均可读出",
                warning_when="报告仍可读出，只是有内容与格式不同或未能读全：部分标题的写法或编号与格式不同、"
                "某行或表头未能读到、表中有格式之外的内容、机关名称未能从标题读出",
            ),
        )
    }
)
"""Every rule by its id (a :class:`RuleId`, or the id as text: ``RULES[finding.rule]``), in
the order of the catalogue."""

__all__ = ["RULES", "Rule", "RuleId"]
