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
from typing import Any

import yaml

from .errors import SyntaxProblem
from .written import WrittenInt

SUFFIXES = (".yaml", ".yml")

# libyaml parses a report ten times faster than the pure-Python parser. Only its parser is
# used: the document is composed into nodes, which keep each scalar's text and quoting, and the
# values are built here by the core schema (subclassing the C loader to change its resolvers
# crashed the interpreter during garbage collection).
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_SPECIAL = {
    ".inf": float("inf"),
    "+.inf": float("inf"),
    "-.inf": float("-inf"),
    ".nan": float("nan"),
}


def _scalar(node: yaml.ScalarNode) -> object:
    text = str(node.value)
    if node.style:  # quoted or a block scalar: always the text written (plain is None or "")
        return text
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        try:
            return WrittenInt(text)
        except ValueError:
            # Python refuses to convert more than 4,300 digits (a denial-of-service guard).
            shown = f"{text[:20]}…（{len(text)} 位）"
            raise _problem(node, f"无法读取的数值“{shown}”") from None
    if _FLOAT.match(text):
        return float(text)
    if text.lower() in _SPECIAL:
        return _SPECIAL[text.lower()]
    return text


def _problem(node: yaml.Node, message: str) -> SyntaxProblem:
    mark = node.start_mark
    return SyntaxProblem("YAML", message, (mark.line + 1, mark.column + 1) if mark else None)


def _build(root: yaml.Node) -> object:
    """The data of a composed document; a node given twice (an alias) is built once and shared,
    as a YAML loader does, so that an alias bomb stays small."""
    built: dict[int, object] = {}

    def build(node: yaml.Node) -> object:
        if id(node) in built:
            return built[id(node)]
        if isinstance(node, yaml.ScalarNode):
            value = _scalar(node)
        elif isinstance(node, yaml.SequenceNode):
            items: list[object] = []
            built[id(node)] = items
            items.extend(build(child) for child in node.value)
            return items
        elif isinstance(node, yaml.MappingNode):
            mapping: dict[object, object] = {}
            built[id(node)] = mapping
            lines: dict[object, int] = {}
            for key_node, value_node in node.value:
                key = build(key_node)
                try:
                    first = lines.get(key)
                except TypeError:
                    raise _problem(key_node, "键不能是列表或映射") from None
                if first is not None:
                    raise _problem(
                        key_node,
                        f"键“{key}”重复（第 {first} 行与第 {key_node.start_mark.line + 1} 行）",
                    )
                lines[key] = key_node.start_mark.line + 1
                mapping[key] = build(value_node)
            return mapping
        else:  # pragma: no cover - the composer makes no other kind of node
            raise _problem(node, "无法识别的 YAML 内容")
        built[id(node)] = value
        return value

    return build(root)


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
        root = yaml.compose(text, Loader=_LOADER)
        return None if root is None else _build(root)
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
