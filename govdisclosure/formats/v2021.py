"""The 2021 format: 国办公开办函〔2021〕30号, for reports on 2021 onward (spec §4, §7.1)."""

from __future__ import annotations

from ..rules import RuleId
from .declaration import Data, FeeNotices, FormatSpec, Kind, Label, SectionKey, Stock, TableSpec
from .shared import CARRY_OVER, SECTIONS, TABLE4, table3


def _decisions_header() -> tuple[Label, ...]:
    return (Label("信息内容"), Label("本年处理决定数量", colspan=3))


def _decisions(row: str, label: str) -> tuple[Label | Data, ...]:
    return (Label(label), Data(row, "decisions", colspan=3))


def _documents(row: str, label: str) -> tuple[Label | Data, ...]:
    return (
        Label(label),
        Data(row, "issued"),
        Data(row, "repealed"),
        Data(row, "in_force"),
    )


TABLE2 = TableSpec(
    key=SectionKey.TABLE2,
    name="表二",
    width=4,
    rows=(
        (Label("第二十条第（一）项", colspan=4),),
        (Label("信息内容"), Label("本年制发件数"), Label("本年废止件数"), Label("现行有效件数")),
        _documents("regulations", "规章"),
        _documents("normative_documents", "行政规范性文件"),
        (Label("第二十条第（五）项", colspan=4),),
        _decisions_header(),
        _decisions("licensing", "行政许可"),
        (Label("第二十条第（六）项", colspan=4),),
        _decisions_header(),
        _decisions("punishment", "行政处罚"),
        _decisions("enforcement", "行政强制"),
        (Label("第二十条第（八）项", colspan=4),),
        (Label("信息内容"), Label("本年收费金额（单位：万元）", colspan=3)),
        (Label("行政事业性收费"), Data("fees", "amount", Kind.WANYUAN, colspan=3)),
    ),
    # The 2019 format's wording, kept by many 2021 reports.
    variants=(("行政规范性文件", ("规范性文件",)),),
)

# The three （六） rows are confirmed only from published report HTML [G]; some reports
# write “，” instead of “、” before 行政机关.
OTHER_2021 = (
    ("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    (
        "other_unpaid_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    ("other_misc", "3.其他"),
)

FORMAT_2021 = FormatSpec(
    version="2021",
    name="中华人民共和国政府信息公开工作年度报告格式",
    document="国办公开办函〔2021〕30号",
    first_year=2021,
    last_year=None,
    sections=SECTIONS,
    tables=(TABLE2, table3(OTHER_2021), TABLE4),
    relations=(
        CARRY_OVER,
        # 现行有效 = last year's + 本年制发 − 本年废止 (S2): the 2019 table has no such columns.
        Stock(
            RuleId.S2,
            SectionKey.TABLE2,
            ("regulations", "normative_documents"),
            "in_force",
            "issued",
            "repealed",
        ),
        # （六）2 counts applications dropped for an unpaid fee: notices were sent (S5).
        FeeNotices(RuleId.S5, SectionKey.TABLE3, ("other_unpaid_fee", "total"), SectionKey.OTHER),
    ),
)
