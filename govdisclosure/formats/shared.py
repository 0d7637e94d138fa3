"""Declarations common to both format versions (spec §3.2, §3.4, §3.5, §4.4, §5)."""

from __future__ import annotations

from ..rules import RuleId
from .declaration import (
    Balance,
    CarryOver,
    Data,
    GridCell,
    Label,
    SectionKey,
    SectionSpec,
    Sum,
    TableSpec,
    column_sums,
    row_sums,
)

SECTIONS = (
    SectionSpec(SectionKey.OVERVIEW, "一、总体情况"),
    SectionSpec(SectionKey.TABLE2, "二、主动公开政府信息情况", table=SectionKey.TABLE2),
    SectionSpec(SectionKey.TABLE3, "三、收到和处理政府信息公开申请情况", table=SectionKey.TABLE3),
    SectionSpec(
        SectionKey.TABLE4,
        "四、政府信息公开行政复议、行政诉讼情况",
        table=SectionKey.TABLE4,
        aliases=("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",),
    ),
    SectionSpec(
        SectionKey.PROBLEMS,
        "五、存在的主要问题及改进情况",
        aliases=("五、政府信息公开工作存在的主要问题及改进情况",),
    ),
    SectionSpec(SectionKey.OTHER, "六、其他需要报告的事项", processing_fees=True),
)

# --- 表三 -------------------------------------------------------------------------------

APPLICANTS = (
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_services",
    "other",  # a cell key (法人或其他组织·其他), not a section key
)
T3_COLUMNS = (*APPLICANTS, "total")

T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

# (row key, label) of the outcome groups that are the same in both versions.
_DENIED = (
    ("denied_state_secret", "1.属于国家秘密"),
    ("denied_prohibited_by_law", "2.其他法律行政法规禁止公开"),
    ("denied_three_safeties", "3.危及“三安全一稳定”"),
    ("denied_third_party", "4.保护第三方合法权益"),
    ("denied_internal_affairs", "5.属于三类内部事务信息"),
    ("denied_process_information", "6.属于四类过程性信息"),
    ("denied_enforcement_file", "7.属于行政执法案卷"),
    ("denied_inquiry", "8.属于行政查询事项"),
)
_UNABLE = (
    ("unable_not_held", "1.本机关不掌握相关政府信息"),
    ("unable_needs_creation", "2.没有现成信息需要另行制作"),
    ("unable_unclear", "3.补正后申请内容仍不明确"),
)
_NOT_PROCESSED = (
    ("rejected_petition", "1.信访举报投诉类申请"),
    ("rejected_repeated", "2.重复申请"),
    ("rejected_publication", "3.要求提供公开出版物"),
    ("rejected_excessive", "4.无正当理由大量反复申请"),
    ("rejected_confirmation", "5.要求行政机关确认或重新出具已获取信息"),
)


def _data_row(row: str) -> tuple[Data, ...]:
    return tuple(Data(row, c) for c in T3_COLUMNS)


def _group(title: str, items: tuple[tuple[str, str], ...]) -> list[tuple[GridCell, ...]]:
    """A numbered group of outcome rows: its title spans them in the second label column."""
    rows: list[tuple[GridCell, ...]] = []
    for i, (key, label) in enumerate(items):
        head: tuple[GridCell, ...] = (Label(title, rowspan=len(items)),) if i == 0 else ()
        rows.append((*head, Label(label), *_data_row(key)))
    return rows


T3_VARIANTS = (("（七）总计", ("（七）合计",)),)


def table3(other: tuple[tuple[str, str], ...]) -> TableSpec:
    """表三 — 收到和处理政府信息公开申请情况.

    ``other`` gives the rows of （六）其他处理: one unnumbered row in 2019, three in 2021.
    """
    other_rows: list[tuple[GridCell, ...]]
    if len(other) == 1:
        other_rows = [(Label("（六）其他处理", colspan=2), *_data_row(other[0][0]))]
    else:
        other_rows = _group("（六）其他处理", other)
    outcomes: list[tuple[GridCell, ...]] = [
        (Label("（一）予以公开", colspan=2), *_data_row("disclosed")),
        (
            Label("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", colspan=2),
            *_data_row("partially_disclosed"),
        ),
        *_group("（三）不予公开", _DENIED),
        *_group("（四）无法提供", _UNABLE),
        *_group("（五）不予处理", _NOT_PROCESSED),
        *other_rows,
        (Label("（七）总计", colspan=2), *_data_row("total")),
    ]
    result = Label("三、本年度办理结果", rowspan=len(outcomes))
    outcome_keys = (
        "disclosed",
        "partially_disclosed",
        *(key for group in (_DENIED, _UNABLE, _NOT_PROCESSED, other) for key, _ in group),
    )
    all_rows = ("new", "carry_in", *outcome_keys, "total", "carry_out")
    sums: tuple[Sum, ...] = (
        *row_sums(RuleId.H3, all_rows, APPLICANTS, "total"),
        *column_sums(RuleId.H2, T3_COLUMNS, outcome_keys, "total"),
    )
    return TableSpec(
        key=SectionKey.TABLE3,
        name="表三",
        width=10,
        rows=(
            (Label(T3_NOTE, rowspan=3, colspan=3), Label("申请人情况", colspan=7)),
            (
                Label("自然人", rowspan=2),
                Label("法人或其他组织", colspan=5),
                Label("总计", rowspan=2),
            ),
            (
                Label("商业企业"),
                Label("科研机构"),
                Label("社会公益组织"),
                Label("法律服务机构"),
                Label("其他"),
            ),
            (Label("一、本年新收政府信息公开申请数量", colspan=3), *_data_row("new")),
            (Label("二、上年结转政府信息公开申请数量", colspan=3), *_data_row("carry_in")),
            (result, *outcomes[0]),
            *outcomes[1:],
            (Label("四、结转下年度继续办理", colspan=3), *_data_row("carry_out")),
        ),
        sums=sums,
        balances=tuple(
            Balance(RuleId.H1, c, (("new", c), ("carry_in", c)), (("total", c), ("carry_out", c)))
            for c in T3_COLUMNS
        ),
        row_label_skip=1,
        col_label_skip=1,
        variants=T3_VARIANTS,
    )


CARRY_OVER = CarryOver(RuleId.S1, SectionKey.TABLE3, "carry_in", "carry_out")
"""This year's 二、上年结转 is last year's 四、结转下年度继续办理 (S1)."""


# --- 表四 -------------------------------------------------------------------------------

T4_GROUPS = ("review", "direct_suit", "suit_after_review")
T4_OUTCOMES = ("upheld", "corrected", "other", "pending")  # cell keys, not a section key
_OUTCOME_LABELS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
_T4_COLUMNS = (*T4_OUTCOMES, "total")

TABLE4 = TableSpec(
    key=SectionKey.TABLE4,
    name="表四",
    width=15,
    rows=(
        (Label("行政复议", colspan=5), Label("行政诉讼", colspan=10)),
        (
            *(Label(text, rowspan=2) for text in _OUTCOME_LABELS),
            Label("未经复议直接起诉", colspan=5),
            Label("复议后起诉", colspan=5),
        ),
        tuple(Label(text) for _ in range(2) for text in _OUTCOME_LABELS),
        tuple(Data(group, c) for group in T4_GROUPS for c in _T4_COLUMNS),
    ),
    sums=tuple(Sum(RuleId.H4, (g, "total"), tuple((g, c) for c in T4_OUTCOMES)) for g in T4_GROUPS),
)
