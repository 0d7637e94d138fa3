"""TOML input."""

from __future__ import annotations

import re

from .errors import SyntaxProblem

SUFFIXES = (".toml",)

_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def parse(text: str) -> object:
    import tomllib  # here: a YAML report never loads the TOML parser (start-up)

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = _AT.search(message)
        where = (int(m[1]), int(m[2])) if m else None
        raise SyntaxProblem("TOML", _AT.sub("", message).strip(), where) from None
