"""The annual report as typed, immutable data.

Tables are not a class per official table: a :class:`Table` holds the values *as stated*
keyed by the stable cell keys of its format declaration, and derives every total the
input left out from the declaration's sum rules. So one model serves both format
versions, and whatever the declaration says is the only place the layout is written.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from types import MappingProxyType

from attrs import field, frozen

from .formats import FormatSpec, TableSpec, get_format
from .formats.declaration import CellKey, Kind, SectionKey, SectionSpec

Number = int | Decimal


@frozen
class Blank:
    """A cell stated blank, or with a placeholder such as “/”, “-” or “无” instead of a number.

    Kept distinct from 0 so that a check can say the cell was left blank; arithmetic
    treats it as 0 (a derived total stated blank is computed instead).
    """

    text: str = ""

    def __str__(self) -> str:
        return self.text


@frozen
class Money:
    """An amount with the unit the agency wrote (2019 format 采购总金额: 元 or 万元, or none)."""

    amount: Decimal
    unit: str = ""

    def __str__(self) -> str:
        return f"{self.amount}{self.unit}"


Stated = int | Decimal | Money | Blank
"""A cell value as the input states it."""

Value = int | Decimal | Money
"""A cell value as the report shows it: stated, or computed where the total was left out."""


def numeric(value: Stated | None) -> Number:
    """The number a stated value counts as in arithmetic (blank and missing count as 0)."""
    if value is None or isinstance(value, Blank):
        return 0
    if isinstance(value, Money):
        return value.amount
    return value


def _frozen_cells(cells: Mapping[CellKey, Stated]) -> Mapping[CellKey, Stated]:
    return MappingProxyType(dict(cells))


def _frozen_keys(cells: Iterable[CellKey]) -> frozenset[CellKey]:
    return frozenset(cells)


@frozen(eq=True, hash=False)
class Table:
    """One statistical table: values as stated, plus every omitted total computed.

    Values read as ``table["new", "total"]`` or, in templates, ``table.new.total``.
    """

    spec: TableSpec = field(eq=False, repr=False)
    stated: Mapping[CellKey, Stated] = field(converter=_frozen_cells)
    unread: frozenset[CellKey] = field(default=frozenset(), converter=_frozen_keys)
    """Cells a reader found printed but could not read with certainty (a run of digits with
    several splits, a row whose values cannot be placed). They are neither stated nor missing:
    validation reports the rules that need them as not checkable, never as 勾稽 errors."""
    key: str = field(init=False)
    computed: Mapping[CellKey, Number] = field(init=False, eq=False, repr=False)
    """Each derivable cell's value computed from the leaves, ignoring any stated subtotal."""

    def __attrs_post_init__(self) -> None:
        unknown = [k for k in (*self.stated, *self.unread) if k not in self.spec.fields]
        if unknown:
            raise ValueError(f"{self.spec.name}: unknown cells {unknown}")
        if not self.unread.isdisjoint(self.stated):
            raise ValueError(f"{self.spec.name}: cells both stated and unread")
        object.__setattr__(self, "key", self.spec.key)
        computed: dict[CellKey, Number] = {}

        def compute(cell: CellKey) -> Number:
            if cell not in computed:
                rule = self.spec.derived.get(cell)
                if rule is None:
                    computed[cell] = numeric(self.stated.get(cell))
                else:
                    computed[cell] = sum((compute(p) for p in rule.parts), start=0)
            return computed[cell]

        for cell in self.spec.fields:
            compute(cell)
        object.__setattr__(self, "computed", MappingProxyType(computed))

    @classmethod
    def empty(cls, spec: TableSpec) -> Table:
        """A table with nothing stated."""
        return cls(spec, {})

    @classmethod
    def zeros(cls, spec: TableSpec) -> Table:
        """A table whose every non-derived cell is stated as 0 (totals then compute to 0)."""
        return cls(
            spec,
            {
                k: Money(Decimal(0)) if f.kind is Kind.MONEY else 0
                for k, f in spec.fields.items()
                if k not in spec.derived
            },
        )

    def value(self, key: CellKey) -> Value:
        """The value the report shows: the stated number, else the computed total, else 0."""
        stated = self.stated.get(key)
        if isinstance(stated, int | Decimal | Money):
            return stated
        return self.computed[key]

    def __getitem__(self, key: CellKey) -> Value:
        if key not in self.spec.fields:
            raise KeyError(f"{self.spec.name} has no cell {key!r}")
        return self.value(key)

    def __iter__(self) -> Iterator[CellKey]:
        return iter(self.spec.fields)

    def row(self, row: str) -> Row:
        if row not in self.spec.row_keys:
            raise KeyError(f"{self.spec.name} has no row {row!r}")
        return Row(self, row)

    def __getattr__(self, name: str) -> Row:
        # Only reached when normal lookup fails: lets templates write ``t3.new.total``.
        if name.startswith("_") or name not in self.spec.row_keys:
            raise AttributeError(name)
        return Row(self, name)

    def with_stated(self, changes: Mapping[CellKey, Stated | None]) -> Table:
        """A copy with some cells restated (``None`` removes a stated value)."""
        stated = dict(self.stated)
        for key, value in changes.items():
            if value is None:
                stated.pop(key, None)
            else:
                stated[key] = value
        return Table(self.spec, stated, self.unread - set(changes))

    def with_totals(self) -> Table:
        """A copy that states every derivable total, as a complete published table would."""
        return self.with_stated({k: self.computed[k] for k in self.spec.derived})

    def without_totals(self) -> Table:
        """A copy that leaves every derivable total to be computed."""
        return self.with_stated(dict.fromkeys(self.spec.derived))


@frozen
class Row:
    """A view of one table row, for templates: ``row.total``, ``row["natural_person"]``."""

    table: Table
    key: str

    def __getitem__(self, col: str) -> Value:
        return self.table[self.key, col]

    def __getattr__(self, col: str) -> Value:
        if col.startswith("_") or (self.key, col) not in self.table.spec.fields:
            raise AttributeError(col)
        return self.table.value((self.key, col))


@frozen
class Contact:
    """Where readers send questions about the report."""

    address: str | None = None
    postcode: str | None = None
    phone: str | None = None
    fax: str | None = None


@frozen
class Metadata:
    agency: str
    """The reporting agency, e.g. 南昌市教育局."""
    year: int
    """The year reported on (the statistics cover 1月1日至12月31日 of it)."""
    version: str
    """The format version used: ``"2019"`` or ``"2021"``."""
    published: datetime.date | None = None
    contact: Contact = Contact()
    website: str | None = None
    sources: tuple[str, ...] = ()
    """For a summary of several agencies' reports: the agencies summed (``aggregate``)."""

    @property
    def format(self) -> FormatSpec:
        return get_format(self.version)


@frozen
class Part:
    """A sub-heading （一）… with its paragraphs; the ordinal is added when rendering."""

    heading: str | None = None
    paragraphs: tuple[str, ...] = ()


@frozen
class Section:
    """A prose section (一、五、六): opening paragraphs, then optional numbered parts."""

    paragraphs: tuple[str, ...] = ()
    parts: tuple[Part, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not any(p.strip() for p in self.text_paragraphs())

    def text_paragraphs(self) -> Iterator[str]:
        yield from self.paragraphs
        for part in self.parts:
            if part.heading:
                yield part.heading
            yield from part.paragraphs


@frozen
class ProcessingFees:
    """信息处理费 under 国办函〔2020〕109号, reported in section 六 (amounts in 元)."""

    notices: int
    """收费通知 issued."""
    billed: Decimal = Decimal(0)
    """Total amount of those notices."""
    collected: Decimal = Decimal(0)
    """Amount actually collected."""


@frozen
class OtherMatters(Section):
    """Section 六, which may report the 信息处理费 figures in structured form."""

    processing_fees: ProcessingFees | None = None


Content = Section | Table | None
"""What a section of a report holds: its table, its prose, or ``None`` for prose left out."""


def prose_type(spec: SectionSpec) -> type[Section]:
    """The class of a prose section's content: :class:`OtherMatters` for the section that may
    state the 信息处理费, else :class:`Section`."""
    return OtherMatters if spec.processing_fees else Section


@frozen(eq=True, hash=False, init=False)
class Report:
    """A whole annual report: its metadata and the content of each section its format declares.

    Built from the sections by key, ``Report(meta, {SectionKey.OVERVIEW: ..., ...})``, or by
    keyword, ``Report(meta=..., overview=..., table2=..., ...)``; either way every section the
    format declares must be given, a table one as a :class:`Table` built on the format's own
    declaration and a prose one as a :class:`Section` or ``None`` (left out of the input).
    ``report.replace(table3=...)`` (or ``attrs.evolve``) replaces one section.

    Sections read as ``report.overview``, ``report.table3``, … (as templates write them),
    ``report.section(key)``, or in declared order ``for spec, content in report``.
    """

    meta: Metadata
    contents: Mapping[str, Content]
    """Each declared section's content by its :class:`SectionKey`, in declared order."""

    def __init__(
        self,
        meta: Metadata,
        contents: Mapping[SectionKey, Content] | Mapping[str, Content] | None = None,
        **sections: Content,
    ) -> None:
        given: dict[str, Content] = {}
        for key, content in (*(contents or {}).items(), *sections.items()):
            given[key] = content
        self.__attrs_init__(meta, given)

    def __attrs_post_init__(self) -> None:
        fmt = self.meta.format
        declared = {s.key for s in fmt.sections}
        unknown = [k for k in self.contents if k not in declared]
        if unknown:
            raise ValueError(
                f"format {fmt.version} declares no section {', '.join(map(str, unknown))}; "
                f"its sections are {', '.join(s.key for s in fmt.sections)}"
            )
        missing = [s.key for s in fmt.sections if s.key not in self.contents]
        if missing:
            raise ValueError(
                f"report lacks section {', '.join(missing)} "
                "(give None for a prose section left out)"
            )
        for spec in fmt.sections:
            content = self.contents[spec.key]
            if spec.table is not None:
                if not isinstance(content, Table):
                    raise ValueError(f"section {spec.key} must be a Table, not {content!r}")
                if content.spec is not fmt.table(spec.table):
                    raise ValueError(
                        f"{content.spec.name} is not declared by format {fmt.version}; "
                        f"build it with report.format.table({str(spec.table)!r})"
                    )
            elif content is not None and not isinstance(content, prose_type(spec)):
                raise ValueError(
                    f"section {spec.key} must be {prose_type(spec).__name__} or None, "
                    f"not {content!r}"
                )
        ordered = {s.key: self.contents[s.key] for s in fmt.sections}
        object.__setattr__(self, "contents", MappingProxyType(ordered))

    def replace(self, meta: Metadata | None = None, **sections: Content) -> Report:
        """A copy with the metadata or some sections replaced: ``report.replace(table3=t3)``."""
        return Report(self.meta if meta is None else meta, {**self.contents, **sections})

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self.contents.items())
        return f"Report(meta={self.meta!r}, {inner})"

    def __iter__(self) -> Iterator[tuple[SectionSpec, Content]]:
        """Each section's declaration and content, in declared order."""
        for spec in self.format.sections:
            yield spec, self.contents[spec.key]

    @property
    def format(self) -> FormatSpec:
        return self.meta.format

    @property
    def tables(self) -> tuple[Table, ...]:
        """The tables, in declared order (二, 三, 四)."""
        return tuple(c for c in self.contents.values() if isinstance(c, Table))

    def table(self, key: str) -> Table:
        """A table by its key (``table3``)."""
        content = self.contents.get(key)
        if not isinstance(content, Table):
            raise KeyError(f"format {self.meta.version} declares no table {str(key)!r}")
        return content

    def section(self, key: str) -> Content:
        """A section by its key in the format declaration (``overview`` … ``other``)."""
        try:
            return self.contents[key]
        except KeyError:
            raise KeyError(f"format {self.meta.version} declares no section {str(key)!r}") from None

    def prose(self, key: str) -> Section | None:
        """A prose section by its key (``overview``, ``problems``, ``other``)."""
        content = self.section(key)
        if isinstance(content, Table):
            raise KeyError(f"section {str(key)!r} is a table, not prose")
        return content

    @property
    def overview(self) -> Section | None:
        """一、总体情况."""
        return self.prose(SectionKey.OVERVIEW)

    @property
    def table2(self) -> Table:
        """二、主动公开政府信息情况: 表二."""
        return self.table(SectionKey.TABLE2)

    @property
    def table3(self) -> Table:
        """三、收到和处理政府信息公开申请情况: 表三."""
        return self.table(SectionKey.TABLE3)

    @property
    def table4(self) -> Table:
        """四、政府信息公开行政复议、行政诉讼情况: 表四."""
        return self.table(SectionKey.TABLE4)

    @property
    def problems(self) -> Section | None:
        """五、存在的主要问题及改进情况."""
        return self.prose(SectionKey.PROBLEMS)

    @property
    def other(self) -> OtherMatters | None:
        """六、其他需要报告的事项, with the 信息处理费 when stated in structured form."""
        content = self.prose(SectionKey.OTHER)
        assert content is None or isinstance(content, OtherMatters)
        return content


def kind_of(table: Table, key: CellKey) -> Kind:
    return table.spec.fields[key].kind
