"""The report as output formats see it: titles, numbered headings, expanded prose, laid-out tables.

Prose may contain Jinja expressions over the model and the helpers, such as
``本年新收申请{{ t3.new.total }}件，{{ share(t3.disclosed.total, t3.total.total) }}``, so
that numbers in the text are computed from the tables. Those expressions run in Jinja's
sandbox with only the model and the helpers in scope.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Mapping
from typing import Any

import attrs
import jinja2
from attrs import frozen

from ..errors import GovDisclosureError
from ..errors import RenderError as RenderError
from ..formats.common import CONTACT_FIELDS, WEBSITE_LABEL
from ..helpers import TEMPLATE_HELPERS, date_cn, ordinal
from ..model import Report, Section, Table
from .grid import Grid, layout
from .safe import clean
from .sandbox import BoundedSandbox


@frozen
class PartView:
    heading: str | None
    """With its ordinal: “（一）主动公开”."""
    paragraphs: tuple[str, ...]


@frozen
class SectionView:
    key: str
    title: str
    paragraphs: tuple[str, ...] = ()
    parts: tuple[PartView, ...] = ()
    table: Table | None = None
    """The model's table, in a table section."""

    @functools.cached_property
    def grid(self) -> Grid | None:
        """The table laid out on its official grid with its values, for a template that draws
        it cell by cell; laid out when first asked for (the built-in templates draw a table
        once per format and fill in the values, see ``Stencil``)."""
        return None if self.table is None else layout(self.table)


@frozen
class Document:
    title: str
    agency: str
    year: int
    published: str | None
    """The publication date as printed: “2025年1月24日”."""
    format_name: str
    format_document: str
    sections: tuple[SectionView, ...]
    report: Report
    contact: str | None = None
    """The contact details as one line: “地址：…；邮编：…；电话：…；传真：…；网站：…”."""


def contact_line(report: Report) -> str | None:
    """The metadata's contact details as printed at the end of the report, if any."""
    contact = report.meta.contact
    items = [(label, getattr(contact, name)) for name, label in CONTACT_FIELDS.items()]
    items.append((WEBSITE_LABEL, report.meta.website))
    text = "；".join(f"{label}：{value}" for label, value in items if value)
    return clean(text) if text else None


def _environment() -> BoundedSandbox:
    env = BoundedSandbox(
        undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False
    )
    env.globals.update(TEMPLATE_HELPERS)
    return env


_PROSE = _environment()


_DELIMITER = re.compile(r"\{[{%#]")


def literal(text: str) -> str:
    """``text`` as prose that renders to itself: every Jinja delimiter it holds (``{{``,
    ``{%``, ``{#``) written as an expression that prints it. Text read from a downloaded report
    is written this way, so that rendering it never runs what the download contains."""
    return _DELIMITER.sub(lambda m: "{{ '" + m.group() + "' }}", text)


def literal_report(report: Report) -> Report:
    """``report`` with every piece of its prose made :func:`literal`."""

    def section(s: Section | None) -> Any:
        if s is None:
            return None
        parts = tuple(
            attrs.evolve(
                p,
                heading=literal(p.heading) if p.heading else p.heading,
                paragraphs=tuple(map(literal, p.paragraphs)),
            )
            for p in s.parts
        )
        return attrs.evolve(s, paragraphs=tuple(map(literal, s.paragraphs)), parts=parts)

    return report.replace(**{s.key: section(c) for s, c in report if not isinstance(c, Table)})


def _names(report: Report) -> dict[str, Any]:
    return {"meta": report.meta, "t2": report.table2, "t3": report.table3, "t4": report.table4}


def prose_context(report: Report, previous: Report | None = None) -> dict[str, Any]:
    """What prose expressions can name: the model, its tables, the helpers, and — when last
    year's report is given — ``last`` with the same names (``last.t3.new.total``)."""
    context = {"report": report, **_names(report)}
    if previous is not None:
        context["last"] = _names(previous)
    return context


def expand(text: str, context: Mapping[str, Any], where: str) -> str:
    """Evaluate the Jinja expressions in one paragraph of prose."""
    if "{" not in text:
        return clean(text)
    try:
        return clean(_PROSE.from_string(text).render(context))
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"{where}：模板语法错误：{exc.message}") from None
    except jinja2.UndefinedError as exc:
        raise RenderError(f"{where}：未知的名称：{exc.message}") from None
    except jinja2.exceptions.SecurityError as exc:
        raise RenderError(f"{where}：不允许的操作：{exc}") from None
    except (GovDisclosureError, ArithmeticError, ValueError, TypeError, KeyError) as exc:
        raise RenderError(f"{where}：计算出错：{exc}") from None
    except (RecursionError, MemoryError):
        raise RenderError(f"{where}：表达式过于复杂，无法计算") from None


def _section(report: Report, key: str, title: str, context: Mapping[str, Any]) -> SectionView:
    section = report.section(key)
    if not isinstance(section, Section):
        return SectionView(key, title)

    def paragraphs(texts: tuple[str, ...], where: str) -> tuple[str, ...]:
        return tuple(expand(t, context, f"{where}第{i}段") for i, t in enumerate(texts, start=1))

    parts = tuple(
        PartView(
            f"{ordinal(2, n)}{expand(p.heading, context, f'{title}第{n}小节标题')}"
            if p.heading
            else None,
            paragraphs(p.paragraphs, f"{title}第{n}小节"),
        )
        for n, p in enumerate(section.parts, start=1)
    )
    return SectionView(key, title, paragraphs(section.paragraphs, title), parts)


def document(report: Report, previous: Report | None = None) -> Document:
    """Everything an output format needs, computed once; ``previous`` (last year's report)
    lets prose compare: ``{{ yoy(t3.new.total, last.t3.new.total) }}``."""
    fmt = report.format
    context = prose_context(report, previous)
    sections = tuple(
        SectionView(s.key, s.title, table=report.table(s.table))
        if s.table
        else _section(report, s.key, s.title, context)
        for s in fmt.sections
    )
    published = report.meta.published
    return Document(
        title=clean(f"{report.meta.agency}{report.meta.year}年政府信息公开工作年度报告"),
        agency=clean(report.meta.agency),
        year=report.meta.year,
        published=date_cn(published) if isinstance(published, datetime.date) else None,
        format_name=fmt.name,
        format_document=fmt.document,
        sections=sections,
        report=report,
        contact=contact_line(report),
    )
