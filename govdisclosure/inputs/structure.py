"""Plain data (as parsed from YAML, JSON or TOML) into a :class:`~govdisclosure.model.Report`.

Metadata and prose go through cattrs, whose error paths are turned into located findings;
the tables are read cell by cell from the format declaration. Every problem in the file
is collected before anything is raised, so the user sees them all at once.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import cattrs
from cattrs.errors import (
    BaseValidationError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)

from ..cells import CellValueError, describe, parse_cell
from ..findings import Finding, InputError
from ..formats import (
    FormatSpec,
    SectionKey,
    TableSpec,
    UnknownFormatError,
    format_for_year,
    get_format,
)
from ..model import Contact, Metadata, Report, Section, Stated, Table, prose_type
from ..rules import RULES, RuleId
from .schema import FIELD_LABELS, META_LABELS, label, top_level_keys
from .written import WrittenInt

T = TypeVar("T")


class _Problems:
    """Collects the findings of one file."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def add(self, rule: RuleId, path: str, location: str, message: str, stated: Any = None) -> None:
        shown = stated if stated is None or isinstance(stated, int | Decimal | str) else None
        self.findings.append(RULES[rule].finding(path, location, message, stated=shown))

    def unknown_key(self, path: str, location: str, key: object, known: Iterable[str]) -> None:
        import difflib  # here: only a misspelt key needs it (start-up)

        close = difflib.get_close_matches(str(key), list(known), n=1, cutoff=0.6)
        hint = f"，是否应为“{close[0]}”？" if close else f"；可用的键：{'、'.join(known)}"
        self.add(RuleId.KEY, path, location, f"未知的键“{key}”{hint}")


def _converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)

    def text(value: object, _: object) -> str:
        # Phone numbers and postcodes are often written unquoted; anything else is a mistake.
        if isinstance(value, str):
            return value
        if isinstance(value, WrittenInt):
            return value.written  # 010010 stays 010010
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        raise ValueError(f"应为文本，实为{describe(value)}")

    def paragraphs(value: object, _: object) -> tuple[str, ...]:
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list | tuple):
            raise ValueError(f"应为段落列表，实为{describe(value)}")
        return tuple(text(v, str) for v in value)

    def date(value: object, _: object) -> datetime.date:
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise ValueError(f"应为日期（如 2021-01-31），实为{describe(value)}")

    def whole(value: object, _: object) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        raise ValueError(f"应为非负整数，实为{describe(value)}")

    def amount(value: object, _: object) -> Decimal:
        if isinstance(value, int | float | str) and not isinstance(value, bool):
            try:
                result = Decimal(str(value).strip())
            except InvalidOperation:
                pass
            else:
                if result.is_finite() and result >= 0:
                    return result
        raise ValueError(f"应为非负金额，实为{describe(value)}")

    conv.register_structure_hook(str, text)
    conv.register_structure_hook_func(lambda t: t == tuple[str, ...], paragraphs)
    conv.register_structure_hook(datetime.date, date)
    conv.register_structure_hook(int, whole)
    conv.register_structure_hook(Decimal, amount)
    return conv


_CONVERTER = _converter()


def _cattrs_findings(exc: Exception, path: str, location: str, problems: _Problems) -> None:
    """Turn a cattrs validation error tree into located findings."""
    if isinstance(exc, ClassValidationError):
        with_names, without = exc.group_exceptions()
        for sub, attribute in with_names:
            name = attribute.name
            label = FIELD_LABELS.get(name, name)
            _cattrs_findings(sub, f"{path}.{name}", f"{location}·{label}", problems)
        for sub in without:
            _cattrs_findings(sub, path, location, problems)
    elif isinstance(exc, IterableValidationError):
        with_index, without = exc.group_exceptions()
        for sub, item in with_index:
            index = int(item.index)
            _cattrs_findings(sub, f"{path}[{index}]", f"{location}·第{index + 1}项", problems)
        for sub in without:
            _cattrs_findings(sub, path, location, problems)
    elif isinstance(exc, ForbiddenExtraKeysError):
        known = [a.name for a in exc.cl.__attrs_attrs__]  # type: ignore[attr-defined]
        for extra in sorted(exc.extra_fields):
            problems.unknown_key(f"{path}.{extra}", location, extra, known)
    elif isinstance(exc, KeyError):
        problems.add(RuleId.MISSING, path, location, "缺少必填项")
    else:
        problems.add(RuleId.TYPE, path, location, str(exc))


def _structure(
    value: object, cls: type[T], path: str, location: str, problems: _Problems
) -> T | None:
    if not isinstance(value, Mapping):
        problems.add(RuleId.TYPE, path, location, f"应为一组键值，实为{describe(value)}")
        return None
    try:
        return _CONVERTER.structure(value, cls)
    except (BaseValidationError, ForbiddenExtraKeysError, ValueError) as exc:
        _cattrs_findings(exc, path, location, problems)
        return None


def _format(data: Mapping[str, Any], problems: _Problems) -> FormatSpec | None:
    """The format version forced by the file, else the one the year selects."""
    year = data.get("year")
    if "year" not in data:
        problems.add(RuleId.MISSING, "year", "报告年度", "缺少报告年度（如 year: 2025）")
        return None
    if not isinstance(year, int) or isinstance(year, bool):
        problems.add(RuleId.TYPE, "year", "报告年度", f"应为四位数年份，实为{describe(year)}", year)
        return None
    try:
        by_year = format_for_year(year)
    except UnknownFormatError as exc:
        problems.add(RuleId.RANGE, "year", "报告年度", str(exc), year)
        return None
    forced = data.get("format")
    if forced is None:
        return by_year
    try:
        return get_format(str(forced))
    except UnknownFormatError as exc:
        problems.add(RuleId.TYPE, "format", "格式版本", str(exc), str(forced))
        return None


def structure_table(
    spec: TableSpec, data: object, problems: _Problems, path: str | None = None
) -> Table:
    """Read a table's ``{row: {column: value}}`` mapping against its declaration."""
    path = path or spec.key
    if data is None:
        return Table.empty(spec)
    if not isinstance(data, Mapping):
        problems.add(RuleId.TYPE, path, spec.name, f"应为按行列出的一组键值，实为{describe(data)}")
        return Table.empty(spec)
    stated: dict[tuple[str, str], Stated] = {}
    for row, cols in data.items():
        if row not in spec.row_keys:
            problems.unknown_key(f"{path}.{row}", spec.name, row, spec.row_keys)
            continue
        known = spec.columns_of(row)
        row_location = spec.row_location(row)
        if not isinstance(cols, Mapping):
            problems.add(
                RuleId.TYPE,
                f"{path}.{row}",
                row_location,
                f"应为按列列出的一组键值，实为{describe(cols)}",
            )
            continue
        for col, raw in cols.items():
            key = (str(row), str(col))
            if key not in spec.fields:
                problems.unknown_key(f"{path}.{row}.{col}", row_location, col, known)
                continue
            try:
                stated[key] = parse_cell(raw, spec.fields[key].kind)
            except CellValueError as exc:
                shown = raw if isinstance(raw, int | str) and not isinstance(raw, bool) else None
                problems.add(
                    RuleId.TYPE, f"{path}.{row}.{col}", spec.location(key), str(exc), shown
                )
    return Table(spec, stated)


def structure_report(data: object) -> Report:
    """Build a report from plain data; raises :class:`InputError` (file left blank) listing
    every problem found."""
    problems = _Problems()
    if data is None:
        problems.add(RuleId.MISSING, "$", "文件", "文件为空")
        raise InputError("", problems.findings)
    if not isinstance(data, Mapping):
        problems.add(RuleId.TYPE, "$", "文件", f"文件内容应为一组键值，实为{describe(data)}")
        raise InputError("", problems.findings)
    allowed = top_level_keys()
    for key in data:
        if key not in allowed:
            problems.unknown_key(str(key), "文件顶层", key, allowed)
    fmt = _format(data, problems)
    if fmt is None:
        raise InputError("", problems.findings)

    agency = data.get("agency")
    if not isinstance(agency, str) or not agency.strip():
        rule = RuleId.MISSING if agency is None or isinstance(agency, str) else RuleId.TYPE
        problems.add(
            rule,
            "agency",
            "机关名称",
            "缺少机关名称" if rule == RuleId.MISSING else f"应为文本，实为{describe(agency)}",
        )
    published = _structure_value(data, "published", datetime.date, problems)
    website = _structure_value(data, "website", str, problems)
    sources = _structure_value(data, "sources", tuple[str, ...], problems) or ()
    contact = Contact()
    if data.get("contact") is not None:
        contact = _structure(data["contact"], Contact, "contact", "联系方式", problems) or contact

    # The prose sections first, then the tables: the order in which problems are reported.
    contents: dict[SectionKey, Section | Table | None] = {}
    for spec in fmt.sections:
        if spec.table is not None:
            continue
        key = spec.key
        cls = prose_type(spec)
        value = data.get(key)
        if value is None:
            contents[key] = None if key not in data else cls()
        elif isinstance(value, str | list):
            value = {"paragraphs": value}
            contents[key] = _structure(value, cls, key, label(key, fmt), problems)
        else:
            contents[key] = _structure(value, cls, key, label(key, fmt), problems)
    for spec in fmt.sections:
        if spec.table is not None:
            table = fmt.table(spec.table)
            contents[spec.key] = structure_table(table, data.get(spec.key), problems)

    if problems.findings:
        raise InputError("", problems.findings)
    assert isinstance(agency, str) and isinstance(data["year"], int)
    return Report(
        Metadata(
            agency=agency.strip(),
            year=data["year"],
            version=fmt.version,
            published=published,
            contact=contact,
            website=website,
            sources=sources,
        ),
        contents,
    )


def _structure_value(
    data: Mapping[str, Any], key: str, cls: type[T], problems: _Problems
) -> T | None:
    value = data.get(key)
    if value is None:
        return None
    try:
        return _CONVERTER.structure(value, cls)
    except ValueError as exc:
        problems.add(RuleId.TYPE, key, META_LABELS[key], str(exc), describe(value))
        return None
