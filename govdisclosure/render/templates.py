"""Finding the templates: the user's directory first, then the built-in ones.

Built-in templates live in the repository's ``templates/`` folder; a wheel carries them
as ``govdisclosure/templates`` (see ``pyproject.toml``), so an installed package finds them too.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

from ..helpers import TEMPLATE_HELPERS
from .document import RenderError
from .filters import FILTERS, GLOBALS

_PACKAGE = Path(__file__).resolve().parent.parent


def builtin_dir() -> Path:
    """The built-in templates: inside the installed package, else in the source tree."""
    for candidate in (_PACKAGE / "templates", _PACKAGE.parent / "templates"):
        if (candidate / "report.html.j2").is_file():
            return candidate
    raise RenderError(f"找不到内置模板目录（已查找 {_PACKAGE / 'templates'}）")  # pragma: no cover


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
        template = self.get(name)
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
