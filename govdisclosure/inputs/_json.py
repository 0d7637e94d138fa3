"""JSON input."""

from __future__ import annotations

import json

from .errors import SyntaxProblem

SUFFIXES = (".json",)


def parse(text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SyntaxProblem("JSON", exc.msg, (exc.lineno, exc.colno)) from None
