"""The 2019 trial format: 国办公开办函〔2019〕60号, for reports on 2019 and 2020 (spec §3, §7.2)."""

from __future__ import annotations

from .declaration import Data, Empty, FormatSpec, Kind, Label, SectionKey, TableSpec
from .shared import CARRY_OVER, SECTIONS, TABLE4, table3

_ITEM_HEADER = (
    Label("信息内容"),
    Label("上一年项目数量"),
    Label("本年增/减"),
    Label("处理决定数量"),
)


def _items(row: str, label: str) -> tuple[Label | Data, ...]:
    return (
        Label(label),
        Data(row, "prior_items"),
        Data(row, "change", Kind.DELTA),
        Data(row, "decisions"),
    )


TABLE2 = TableSpec(
    key=SectionKey.TABLE2,
    name="表二",
    width=4,
    rows=(
        (Label("第二十条第（一）项", colspan=4),),
        (
            Label("信息内容"),
            Label("本年新制作数量"),
            Label("本年新公开数量"),
            Label("对外公开总数量"),
        ),
        (
            Label("规章"),
            Data("regulations", "made"),
            Data("regulations", "published"),
            Data("regulations", "total_published"),
        ),
        (
            Label("规范性文件"),
            Data("normative_documents", "made"),
            Data("normative_documents", "published"),
            Data("normative_documents", "total_published"),
        ),
        (Label("第二十条第（五）项", colspan=4),),
        _ITEM_HEADER,
        _items("licensing", "行政许可"),
        _items("other_services", "其他对外管理服务事项"),
        (Label("第二十条第（六）项", colspan=4),),
        _ITEM_HEADER,
        _items("punishment", "行政处罚"),
        _items("enforcement", "行政强制"),
        (Label("第二十条第（八）项", colspan=4),),
        # The official merge of the last two positions of （八）and（九）is unconfirmed [U];
        # published copies draw them as two values and an empty cell.
        (Label("信息内容"), Label("上一年项目数量"), Label("本年增/减"), Empty()),
        (
            Label("行政事业性收费"),
            Data("fees", "prior_items"),
            Data("fees", "change", Kind.DELTA),
            Empty(),
        ),
        (Label("第二十条第（九）项", colspan=4),),
        (Label("信息内容"), Label("采购项目数量"), Label("采购总金额"), Empty()),
        (
            Label("政府集中采购"),
            Data("procurement", "projects"),
            Data("procurement", "amount", Kind.MONEY),
            Empty(),
        ),
    ),
)

FORMAT_2019 = FormatSpec(
    version="2019",
    name="中华人民共和国政府信息公开工作年度报告格式（试行）",
    document="国办公开办函〔2019〕60号",
    first_year=2019,
    last_year=2020,
    sections=SECTIONS,
    tables=(TABLE2, table3((("other", "（六）其他处理"),)), TABLE4),  # a row, not a section key
    relations=(CARRY_OVER,),
)
