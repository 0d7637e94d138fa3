"""YAML input (safe loader only: no tags, no code)."""

from __future__ import annotations

import yaml

from .errors import SyntaxProblem

SUFFIXES = (".yaml", ".yml")

# libyaml's safe loader parses a report ten times faster than the pure-Python one; both
# accept the same documents and build only plain data.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


MAX_DEPTH = 32
"""Nesting deeper than this is refused before loading: a report nests five levels, and
libyaml's loader overflows the C stack (a crash, not an exception) on a few thousand."""

_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _check_depth(text: str) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, _OPEN):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                where = (mark.line + 1, mark.column + 1) if mark else None
                raise SyntaxProblem("YAML", f"嵌套层次超过 {MAX_DEPTH} 层", where)
        elif isinstance(event, _CLOSE):
            depth -= 1


def parse(text: str) -> object:
    try:
        _check_depth(text)
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
