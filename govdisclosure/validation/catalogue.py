"""The rule catalogue, :data:`RULES`: declared in :mod:`govdisclosure.rules`, below the
readers and input files that report findings too; importable from here as before."""

from __future__ import annotations

from ..rules import RULES, Rule, RuleId

__all__ = ["RULES", "Rule", "RuleId"]
