"""The columns of the two tables of a dataset, declared once: the writer builds its Parquet
schema from them, and the documentation and the tests check against them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import frozen

if TYPE_CHECKING:
    import pyarrow as pa


@frozen
class Column:
    name: str
    type: str
    """The Parquet logical type as DuckDB and pandas show it: ``string``, ``int32``, ``double``."""
    nullable: bool
    doc: str


CELLS: tuple[Column, ...] = (
    Column("file", "string", False, "源文件，如命令行所给"),
    Column("agency", "string", False, "机关名称"),
    Column("year", "int32", False, "报告年度"),
    Column("format_version", "string", False, "格式版本：2019 或 2021"),
    Column("table_key", "string", False, "表：table2、table3、table4"),
    Column("table_name", "string", False, "表的正式简称：表二、表三、表四"),
    Column("row_key", "string", False, "行键，如 new、disclosed、total"),
    Column("column_key", "string", False, "列键，如 natural_person、total"),
    Column("row_label", "string", False, "正式行标签，如“（一）予以公开”"),
    Column("column_label", "string", False, "正式列标签，如“法人或其他组织·商业企业”"),
    Column("location", "string", False, "正式位置，如 表三 “（一）予以公开” × “总计”"),
    Column("status", "string", False, "stated、computed、blank、missing 或 unread"),
    Column("value_text", "string", True, "数值原文（精确）；留空时为所填占位符；无值时为空"),
    Column("value", "double", True, "数值；留空、缺少、未读出时为空"),
    Column("unit", "string", True, "金额的单位（万元、元）；件数为空"),
)
"""One row per cell of every report: every data cell of the three tables, whatever its status."""

FINDINGS: tuple[Column, ...] = (
    Column("file", "string", False, "源文件"),
    Column("agency", "string", True, "机关名称；文件无法读取时为空"),
    Column("year", "int32", True, "报告年度；文件无法读取时为空"),
    Column("format_version", "string", True, "格式版本；文件无法读取时为空"),
    Column("rule", "string", False, "规则，如 H1、S1、READ"),
    Column("severity", "string", False, "error 或 warning"),
    Column("path", "string", False, "机器路径，如 table3.total.natural_person"),
    Column("location", "string", False, "正式位置"),
    Column("stated", "string", True, "填报值（原文）"),
    Column("computed", "string", True, "计算值（原文）"),
    Column("message", "string", False, "说明"),
)
"""One row per finding of every file, the unreadable ones included."""


def arrow_schema(columns: tuple[Column, ...]) -> pa.Schema:
    import pyarrow as pa

    types = {"string": pa.string(), "int32": pa.int32(), "double": pa.float64()}
    return pa.schema([pa.field(c.name, types[c.type], nullable=c.nullable) for c in columns])
