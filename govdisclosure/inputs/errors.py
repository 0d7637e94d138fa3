"""The one error a format parser raises."""

from __future__ import annotations

from ..errors import GovDisclosureError


class SyntaxProblem(GovDisclosureError, ValueError):
    """The file is not valid in its format; ``where`` is (line, column), 1-based."""

    def __init__(self, fmt: str, message: str, where: tuple[int, int] | None) -> None:
        self.fmt = fmt
        self.message = message
        self.where = where
        super().__init__(message)
