"""YAML input (safe loader only: no tags, no code)."""

from __future__ import annotations

import yaml

from .errors import SyntaxProblem

SUFFIXES = (".yaml", ".yml")

# libyaml's safe loader parses a report ten times faster than the pure-Python one; both
# accept the same documents and build only plain data.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(text: str) -> object:
    try:
        return yaml.load(text, Loader=_LOADER)
    except yaml.reader.ReaderError as exc:
        # Raised before parsing, with a character offset rather than a mark.
        before = text[: exc.position]
        at = (before.count("\n") + 1, exc.position - before.rfind("\n"))
        raise SyntaxProblem("YAML", f"不允许的字符 U+{exc.character:04X}", at) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else None
        raise SyntaxProblem("YAML", str(exc.problem or exc.context), where) from None
    except yaml.YAMLError as exc:
        raise SyntaxProblem("YAML", str(exc), None) from None
