"""A griffe extension for the API reference: reStructuredText habits as Markdown.

The package's docstrings name other objects the reStructuredText way
(:class:`~govdisclosure.InputError`, :func:`read`) and show doctest sessions bare;
mkdocstrings renders docstrings as Markdown, where a role would print literally and a
doctest's output (``['H2', 'H1']``) would be read as a link. This rewrites each role to a
code span of the name as Sphinx would show it (``InputError``, ``read``) and fences each
doctest session as ``pycon``, leaving the source (and ``doctest``) untouched.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

ROLE = re.compile(
    r":(?:py:)?(?:class|func|data|meth|attr|mod|exc|obj):`(?P<tilde>~?)(?P<name>[^`]+)`"
)


def _code(match: re.Match[str]) -> str:
    name = match["name"]
    if match["tilde"]:
        name = name.rsplit(".", 1)[-1]
    return f"`{name}`"


def plain_roles(text: str) -> str:
    """``:class:`~a.B``` → ```B```; ``:func:`f``` → ```f```."""
    return ROLE.sub(_code, text)


def fence_doctests(text: str) -> str:
    """Put each run of ``>>>`` lines and their output (up to a blank line) in a fence."""
    out: list[str] = []
    fenced = in_session = False
    for line in text.splitlines():
        stripped = line.strip()
        if in_session and not stripped:
            out.append("```")
            in_session = False
        elif not in_session and not fenced and stripped.startswith(">>>"):
            out.append("```pycon")
            in_session = True
        elif not in_session and stripped.startswith("```"):
            fenced = not fenced
        out.append(line)
    if in_session:
        out.append("```")
    return "\n".join(out)


class SphinxRoles(griffe.Extension):
    """Rewrite every docstring as each object (modules included) is created."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = fence_doctests(plain_roles(obj.docstring.value))
