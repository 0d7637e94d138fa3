"""One Parquet table written row by row, in row groups, with a bounded buffer.

Rows are buffered column by column and written as a row group whenever ``group`` rows are
waiting, so memory holds one row group whatever the number of reports. The file is written
beside its target under a temporary name and renamed into place only when complete, so a
failed run never leaves a truncated table that looks whole.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DatasetError as DatasetError
from .schema import Column, arrow_schema

if TYPE_CHECKING:
    import pyarrow.parquet as pq

INSTALL = "pip install 'govdisclosure[dataset]'"

GROUP = 65_536
"""Rows per row group of the cells: some 300 reports' cells. Large enough for readers to
scan well, small enough that the buffer stays a few megabytes."""


def require() -> None:
    """Fail with the command that installs the extra, when pyarrow is not installed."""
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise DatasetError(f"未安装 pyarrow，无法写出 Parquet：请先运行 {INSTALL}") from None


class TableWriter:
    """Rows of ``columns`` into a Parquet file at ``target``, committed at the end."""

    def __init__(self, target: Path, columns: tuple[Column, ...], group: int = GROUP) -> None:
        require()
        import pyarrow.parquet as pq

        self.target, self.columns, self.group = target, columns, group
        self.schema = arrow_schema(columns)
        self.rows = 0
        self._buffer: list[list[object]] = [[] for _ in columns]
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        self._tmp = Path(tmp)
        try:
            # zstd: the labels repeat in every report, and dictionary pages plus zstd make
            # them nearly free on disk.
            self._writer: pq.ParquetWriter | None = pq.ParquetWriter(
                self._tmp, self.schema, compression="zstd"
            )
        except BaseException:
            self._tmp.unlink(missing_ok=True)
            raise

    def add(self, row: tuple[object, ...]) -> None:
        for column, value in zip(self._buffer, row, strict=True):
            column.append(value)
        self.rows += 1
        if len(self._buffer[0]) >= self.group:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if not self._buffer[0] or self._writer is None:
            return
        arrays = [
            pa.array(values, type=field.type)
            for values, field in zip(self._buffer, self.schema, strict=True)
        ]
        self._writer.write_table(pa.Table.from_arrays(arrays, schema=self.schema))
        self._buffer = [[] for _ in self.columns]

    def commit(self) -> None:
        """Write what is buffered, close, and move the file into place."""
        self._flush()
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        os.replace(self._tmp, self.target)

    def abort(self) -> None:
        """Close and remove the unfinished file; the target is left as it was."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self._tmp.unlink(missing_ok=True)
