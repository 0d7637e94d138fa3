"""YAML input (safe loader only: no tags, no code), read by the YAML 1.2 core schema.

PyYAML resolves plain scalars by YAML 1.1, which silently changes what agencies type: a
postcode ``010010`` became the octal 4104, a phone number ``02164321234`` 298951324, a count
``0x3A`` or ``5_8`` or ``1:30`` a number, ``no`` and ``on`` booleans. Here only the core
schema's forms resolve: decimal integers (kept with the text as written, so that a postcode
keeps its leading zero), decimal floats, ``true``/``false``, ``null``. Everything else is the
text written, which a count or a year then refuses with a located error. A key given twice is
refused, naming both lines.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

import yaml

from .errors import SyntaxProblem
from .written import WrittenInt

SUFFIXES = (".yaml", ".yml")

# libyaml's safe loader parses a report ten times faster than the pure-Python one; both
# accept the same documents and build only plain data.
_BASE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE):  # type: ignore[misc]
    yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, re.Pattern[str]]]]] = {}

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
            except TypeError:
                continue  # an unhashable key: the base constructor reports it
            if first is not None:
                raise yaml.constructor.ConstructorError(
                    f"键“{key}”在第 {first.start_mark.line + 1} 行已经出现过",
                    None,
                    f"键“{key}”重复（第 {first.start_mark.line + 1} 行与"
                    f"第 {key_node.start_mark.line + 1} 行）",
                    key_node.start_mark,
                )
            seen[key] = key_node
        result: dict[Any, Any] = _BASE.construct_mapping(self, node, deep=deep)
        return result


def _written_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node))
    try:
        return WrittenInt(text)
    except ValueError:
        # Python refuses to convert more than 4,300 digits (a denial-of-service guard).
        shown = text if len(text) <= 20 else f"{text[:20]}…（{len(text)} 位）"
        raise yaml.constructor.ConstructorError(
            None, None, f"无法读取的数值“{shown}”", node.start_mark
        ) from None


_CORE = (
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
)
for _tag, _pattern, _first in _CORE:
    _Loader.add_implicit_resolver(_tag, re.compile(_pattern), _first)
_Loader.add_constructor("tag:yaml.org,2002:int", _written_int)
_LOADER = _Loader


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
