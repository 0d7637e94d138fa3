"""YAML input (safe loader only: no tags, no code)."""

from __future__ import annotations

import yaml

from .errors import SyntaxProblem

SUFFIXES = (".yaml", ".yml")


def parse(text: str) -> object:
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else None
        raise SyntaxProblem("YAML", str(exc.problem or exc.context), where) from None
    except yaml.YAMLError as exc:
        raise SyntaxProblem("YAML", str(exc), None) from None
