"""What validation and input reading report: located findings, and the error that carries them."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from attrs import field, frozen

if TYPE_CHECKING:  # rules.py makes its findings with Finding: it is imported when first needed
    from .rules import RuleId


class Severity(enum.Enum):
    ERROR = "error"
    """The report is wrong: a published report with it is inconsistent or unreadable."""
    WARNING = "warning"
    """Worth a look, but not necessarily wrong."""

    @property
    def label(self) -> str:
        return "错误" if self is Severity.ERROR else "警告"


FindingValue = int | Decimal | str | None


def _rule_id(rule: str) -> RuleId:
    """A rule id given as a string is that rule's :class:`~govdisclosure.rules.RuleId`."""
    from .rules import RuleId

    return RuleId(rule)


@frozen
class Finding:
    """One problem, located by machine path and by its official Chinese label."""

    rule: RuleId = field(converter=_rule_id)
    """The rule's id, a key of :data:`govdisclosure.RULES`; a string, equal to the id as text."""
    severity: Severity
    path: str
    """Machine path, e.g. ``table3.total.natural_person`` or ``contact.phone``."""
    location: str
    """Official location, e.g. 表三 “（七）总计” × “自然人”."""
    message: str
    """One line in Chinese."""
    stated: FindingValue = None
    computed: FindingValue = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def one_line(self, file: str | None = None) -> str:
        """The finding as one line: ``file: 错误 H2 表三 … 填报 0，计算 10：message``."""
        values = []
        if self.stated is not None:
            values.append(f"填报 {self.stated}")
        if self.computed is not None:
            values.append(f"计算 {self.computed}")
        head = f"{file}: " if file else ""
        tail = f"（{'，'.join(values)}）" if values else ""
        return f"{head}{self.severity.label} {self.rule} {self.location}：{self.message}{tail}"

    def to_dict(self) -> dict[str, str | int | None]:
        """The finding as JSON data (``validate --json``, ``check --json``): every field,
        the severity as ``"error"`` or ``"warning"``, and a decimal value as its text
        (``"12.5"``), which JSON numbers would round. This is the one definition of a
        finding's JSON shape: the command line prints it, programs may rely on its keys."""
        return {
            "rule": str(self.rule),
            "severity": self.severity.value,
            "path": self.path,
            "location": self.location,
            "message": self.message,
            "stated": _json_value(self.stated),
            "computed": _json_value(self.computed),
        }


def _json_value(value: FindingValue) -> str | int | None:
    return str(value) if isinstance(value, Decimal) else value


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.is_error for f in findings)


# The errors live in errors.py; these names stay importable from here.
from .errors import GovDisclosureError, InputError  # noqa: E402

__all__ = ["Finding", "FindingValue", "GovDisclosureError", "InputError", "Severity", "has_errors"]
