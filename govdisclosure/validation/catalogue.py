"""Every rule a finding can name: its id, severity, and what it checks (spec §5)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from attrs import frozen

from ..findings import Severity


@frozen
class Rule:
    id: str
    severity: Severity
    title: str
    """What the rule requires, in Chinese."""
    formula: str
    """The rule as arithmetic or a condition."""


E, W = Severity.ERROR, Severity.WARNING

RULES: Mapping[str, Rule] = MappingProxyType(
    {
        r.id: r
        for r in (
            Rule(
                "H1",
                E,
                "表三每列：第一项加第二项之和，等于第三项加第四项之和",
                "一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理",
            ),
            Rule(
                "H2",
                E,
                "表三（七）总计等于（一）至（六）各项之和",
                "（七）总计 = （一）+（二）+（三）1–8 +（四）1–3 +（五）1–5 +（六）",
            ),
            Rule(
                "H3",
                E,
                "表三每行总计等于各类申请人之和",
                "总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
            ),
            Rule(
                "H4",
                E,
                "表四每组总计等于结果维持、结果纠正、其他结果、尚未审结之和",
                "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
            ),
            Rule(
                "H5",
                E,
                "表内数值类型正确：件数为非负整数，本年增/减为整数，金额非负",
                "件数 ∈ ℕ；本年增/减 ∈ ℤ；金额 ≥ 0",
            ),
            Rule(
                "S1",
                W,
                "本年上年结转等于上年报告的结转下年度继续办理（逐列）",
                "二、上年结转(N) = 四、结转下年度继续办理(N−1)",
            ),
            Rule(
                "S2",
                W,
                "现行有效件数约等于上年现行有效件数加本年制发减本年废止",
                "现行有效(N) ≈ 现行有效(N−1) + 本年制发(N) − 本年废止(N)",
            ),
            Rule(
                "S4",
                W,
                "正文中的数字与表格一致；正文中的百分比与其所引件数相符",
                "正文“新收申请N件”= 表三一、总计；“X件，占Y%”= X ÷ 总数",
            ),
            Rule(
                "S5",
                W,
                "有因逾期未缴费而不再处理的申请时，第六部分应报告发出收费通知情况",
                "（六）2 总计 > 0 ⇒ 收费通知件数 > 0",
            ),
            Rule(
                "S6",
                E,
                "报告所用格式版本应与报告年度相符",
                "2019–2020年度：2019试行格式；2021年度起：2021格式",
            ),
            Rule("MISSING", E, "必填的部分、表格或单元格不可缺少", "每个部分与单元格均已填写"),
            Rule("BLANK", W, "单元格留空或以“/”“-”“无”代替数字，按0计算", "空白 → 0"),
            Rule(
                "LAYOUT",
                E,
                "表格印有另一版本格式的行（如2021年格式报告印2019年格式的单行“（六）其他处理”），"
                "本格式相应的行未印出",
                "表格各行属于报告所用的格式版本",
            ),
            Rule(
                "UNCHECKED",
                W,
                "有单元格未能从已发布的报告中读出，涉及它们的勾稽关系无法核对",
                "未读出的单元格不按0计算，相关规则不作判断",
            ),
            Rule("EMPTY", W, "文字部分尚未填写内容", "段落非空"),
            Rule("KEY", E, "输入文件中出现未知的键", "键名属于格式声明"),
            Rule("TYPE", E, "输入值的类型不对", "值可读为所需类型"),
            Rule("RANGE", E, "报告年度超出统一格式适用的范围", "年度 ≥ 2019"),
            Rule("SYNTAX", E, "输入文件无法解析", "文件为合法的 YAML/JSON/TOML"),
            Rule("RENDER", E, "报告未能生成发布文件（校验有错误、模板出错或无法写入）", "生成成功"),
            Rule("READ", E, "已发布报告中未能读出、或与格式不符的内容", "各部分、各行均可读出"),
        )
    }
)
