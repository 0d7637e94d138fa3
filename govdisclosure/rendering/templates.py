"""Finding the templates: the user's directory first, then the built-in ones.

Built-in templates live in the repository's ``templates/`` folder; a wheel carries them
as ``govdisclosure/templates`` (see ``pyproject.toml``), so an installed package finds them too.

A report's tables are most of its markup, and all of that markup but the values depends on
the format alone: rendering it cell by cell for every report cost more than the rest of the
report together. So a built-in table template is rendered once per format over the table's
shape, whose value cells hold slots (``grid.slot``), and kept as a :class:`Stencil` that each
report's values fill; the page template then takes the filled tables as UTF-8 bytes, placed
where it puts them (:meth:`Templates.render_with`), so that their markup is neither copied
into the page's text nor encoded again. A template of the user's own may compute with a value
or rewrite a table's markup (a ``replace`` filter), so it is always rendered as it is, with
the values and the tables themselves.
"""

from __future__ import annotations

import functools
import itertools
import os
from collections.abc import Hashable, Mapping, Sequence
from pathlib import Path

import jinja2
from attrs import frozen
from markupsafe import Markup

from ..helpers import TEMPLATE_HELPERS
from .document import RenderError
from .filters import FILTERS, GLOBALS
from .grid import SLOTS, slot

_PACKAGE = Path(__file__).resolve().parent.parent


def builtin_dir() -> Path:
    """The built-in templates: inside the installed package, else in the source tree."""
    for candidate in (_PACKAGE / "templates", _PACKAGE.parent / "templates"):
        if (candidate / "report.html.j2").is_file():
            return candidate
    raise RenderError(f"找不到内置模板目录（已查找 {_PACKAGE / 'templates'}）")  # pragma: no cover


@frozen
class Stencil:
    """A template's output, UTF-8 encoded, cut at its slots: filled with each report's values."""

    chunks: tuple[bytes, ...]
    """The output between the slots: one more than there are slots."""

    @classmethod
    def of(cls, output: str, slots: int) -> Stencil | None:
        """``output`` cut at its slots, or None unless it holds slots 0 … ``slots`` - 1,
        each once and in order (a template that dropped, repeated or changed one)."""
        parts = SLOTS.split(output)
        if parts[1::2] != [str(n) for n in range(slots)]:
            return None
        return cls(tuple(p.encode("utf-8") for p in parts[0::2]))

    def fill(self, values: Sequence[bytes]) -> bytes:
        """The output with slot ``n`` replaced by ``values[n]``, which must be markup-safe."""
        if len(values) != len(self.chunks) - 1:
            raise ValueError(f"{len(values)} values for {len(self.chunks) - 1} slots")
        pieces = itertools.chain.from_iterable(zip(values, self.chunks[1:], strict=True))
        return self.chunks[0] + b"".join(pieces)


_STENCILS_LIMIT = 64
"""Stencils kept per template set: one per table of each format, for each table template."""


class Templates:
    """A set of templates: files in ``override`` (if given) win over the built-in ones."""

    def __init__(self, override: Path | None = None) -> None:
        if override is not None and not override.is_dir():
            raise RenderError(f"模板目录不存在：{override}")
        self.dirs = tuple(d for d in (override, builtin_dir()) if d is not None)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in self.dirs]),
            autoescape=jinja2.select_autoescape(["html", "html.j2", "xml", "xml.j2"]),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.globals.update(TEMPLATE_HELPERS)
        self.env.globals.update(GLOBALS)
        self.env.filters.update(FILTERS)
        self._builtin = str(builtin_dir())
        self._stencils: dict[tuple[str, Hashable], tuple[jinja2.Template, Stencil]] = {}

    def find(self, name: str) -> Path:
        """The file ``name`` from the first directory that has it."""
        for d in self.dirs:
            if (d / name).is_file():
                return d / name
        raise RenderError(f"找不到模板文件 {name}（已查找 {'、'.join(map(str, self.dirs))}）")

    def get(self, name: str) -> jinja2.Template:
        try:
            return self.env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            raise RenderError(
                f"模板 {exc.filename or name} 第{exc.lineno}行语法错误：{exc.message}"
            ) from None
        except jinja2.TemplateNotFound:
            raise RenderError(f"找不到模板文件 {name}") from None

    def render(self, name: str, **context: object) -> str:
        return self._render(name, self.get(name), context)

    def stencil(self, name: str, key: Hashable, slots: int, **context: object) -> Stencil | None:
        """Template ``name`` rendered over ``context`` (whose values are ``slots`` slots) as a
        :class:`Stencil`, once per ``key``, which must stand for everything in ``context``;
        None for a template of the user's own (see the module doc)."""
        template = self.get(name)  # a new object when the file changed since it was loaded
        cached = self._stencils.get((name, key))
        if cached is not None and cached[0] is template:
            return cached[1]
        if not self._is_builtin(template):
            return None
        stencil = Stencil.of(self._render(name, template, context), slots)
        if stencil is None:
            return None
        if len(self._stencils) >= _STENCILS_LIMIT:
            self._stencils.clear()
        self._stencils[name, key] = (template, stencil)
        return stencil

    def render_with(
        self, name: str, inserts: Mapping[str, bytes], as_name: str, **context: object
    ) -> bytes:
        """Template ``name`` rendered as UTF-8, with ``inserts`` (markup, by key) in its context
        as ``as_name``, placed where the template places them.

        A built-in template is rendered with a slot for each insert, which is then replaced
        by the insert's bytes; a template of the user's own gets the inserts themselves.
        """
        template = self.get(name)
        if self._is_builtin(template):
            keys = list(inserts)
            marks = {key: Markup(slot(n)) for n, key in enumerate(keys)}
            parts = SLOTS.split(self._render(name, template, {**context, as_name: marks}))
            placed = parts[1::2]
            if sorted(placed, key=int) == [str(n) for n in range(len(keys))]:
                out = [parts[0].encode("utf-8")]
                for n, text in zip(placed, parts[2::2], strict=True):
                    out += (inserts[keys[int(n)]], text.encode("utf-8"))
                return b"".join(out)
        own = {key: Markup(data.decode("utf-8")) for key, data in inserts.items()}
        return self._render(name, template, {**context, as_name: own}).encode("utf-8")

    def _is_builtin(self, template: jinja2.Template) -> bool:
        return template.filename is not None and os.path.dirname(template.filename) == self._builtin

    @staticmethod
    def _render(name: str, template: jinja2.Template, context: Mapping[str, object]) -> str:
        try:
            return template.render(**context)
        except jinja2.UndefinedError as exc:
            raise RenderError(f"模板 {name}：未知的名称：{exc.message}") from None
        except jinja2.TemplateError as exc:
            raise RenderError(f"模板 {name}：{exc}") from None


@functools.lru_cache(maxsize=8)
def templates(override: Path | None = None) -> Templates:
    """A cached template set (building the Jinja environment costs more than a render)."""
    return Templates(override)
