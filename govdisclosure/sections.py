"""The six sections of the report, spelled once.

The lowest layer of the package (standard library only), so that the format declarations, the
rule catalogue and everything above them name a section by the same constant.
"""

from __future__ import annotations

import enum


class SectionKey(enum.StrEnum):
    """The six sections of the report, in the order every format prints them.

    This is the one place the section keys are spelled: the model, the input files, the
    readers, renderers and workbooks all refer to a section through these constants or
    by iterating :attr:`FormatSpec.sections`. A key is a ``str`` (``"table3"``), so input
    files and paths such as ``table3.new.total`` are written with it unchanged.
    """

    OVERVIEW = "overview"
    """一、总体情况 (prose)."""
    TABLE2 = "table2"
    """二、主动公开政府信息情况 (表二)."""
    TABLE3 = "table3"
    """三、收到和处理政府信息公开申请情况 (表三)."""
    TABLE4 = "table4"
    """四、政府信息公开行政复议、行政诉讼情况 (表四)."""
    PROBLEMS = "problems"
    """五、存在的主要问题及改进情况 (prose)."""
    OTHER = "other"
    """六、其他需要报告的事项 (prose, with the structured 信息处理费)."""


TABLES = (SectionKey.TABLE2, SectionKey.TABLE3, SectionKey.TABLE4)
"""The sections that are statistical tables."""
PROSE = (SectionKey.OVERVIEW, SectionKey.PROBLEMS, SectionKey.OTHER)
"""The sections that are prose."""

__all__ = ["PROSE", "TABLES", "SectionKey"]
