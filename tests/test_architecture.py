"""How the package is put together, checked over its source.

The report's sections and the rules are each declared once: their keys and ids are spelled in
one module only. Everything else reaches a section through
:class:`govdisclosure.formats.SectionKey` or by iterating ``report.format.sections``, and a rule
through :class:`govdisclosure.RuleId`, so a format with other sections or rules is one new
declaration module, not a hunt through readers, renderers and workbooks for hand-written keys.

The layers: reading and rendering depend on the declarations and the model, never on each
other; validation is light to import; each small fact is written in one module.
"""

from __future__ import annotations

import ast
import io
import json
import re
import subprocess
import sys
import tokenize
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import govdisclosure
from govdisclosure.formats import FORMATS, SectionKey
from govdisclosure.formats.common import CONTACT_FIELDS
from govdisclosure.rules import RULES, RuleId

PACKAGE = Path(govdisclosure.__file__).resolve().parent
EXAMPLES = PACKAGE.parent / "examples"
RULES_MODULE = PACKAGE / "rules.py"
RULE_IDS = (
    *(f"H{n}" for n in range(1, 6)),
    *("S1", "S2", "S4", "S5", "S6", "S9", "S10"),
    *("MISSING", "BLANK", "LAYOUT", "UNCHECKED", "EMPTY", "HIDDEN"),
    *("KEY", "TYPE", "RANGE", "SYNTAX", "RENDER", "READ"),
)
QUOTED_ID = re.compile(r"""(["'])(""" + "|".join(RULE_IDS) + r")\1")


def test_the_rule_ids_are_spelled_in_one_module() -> None:
    """Every rule id is written in govdisclosure/rules.py only; elsewhere it is a RuleId."""
    outside = [
        f"{path.relative_to(PACKAGE.parent)}:{n}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != RULES_MODULE
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if QUOTED_ID.search(line)
    ]
    assert not outside, "rule ids spelled outside govdisclosure/rules.py:\n" + "\n".join(outside)


def test_the_pattern_finds_an_id() -> None:
    assert QUOTED_ID.search('Finding("H2", ...)')
    assert QUOTED_ID.search("rule == 'READ'")
    assert not QUOTED_ID.search('"H20"') and not QUOTED_ID.search("RuleId.H2")


def test_every_rule_id_is_declared_once() -> None:
    assert set(RuleId) == set(RULE_IDS)
    assert list(RULES) == list(RuleId)
    assert all(rule.id is key for key, rule in RULES.items())


# --- sections ---------------------------------------------------------------------------
DECLARATION = PACKAGE / "sections.py"
"""The one module that spells the section keys."""

KEYS = frozenset(k.value for k in SectionKey)

MARKER = "not a section key"
"""A comment that marks a line whose literal is a cell, row or topic key that happens to be
spelled like a section (表三's row and applicant column ``other``, 表四's outcome ``other``)."""


def section_literals(source: str) -> Iterator[tuple[int, str]]:
    """(line, key) of each string literal in ``source`` that is exactly a section key, unless
    its line carries the :data:`MARKER` comment."""
    marked = set()
    strings: list[tuple[int, str]] = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT and MARKER in token.string:
            marked.add(token.start[0])
        elif token.type == tokenize.STRING:
            try:
                value = ast.literal_eval(token.string)
            except (ValueError, SyntaxError):  # pragma: no cover - every literal evaluates
                continue
            if isinstance(value, str) and value in KEYS:
                strings.append((token.start[0], value))
    yield from ((line, key) for line, key in strings if line not in marked)


def test_the_section_keys_cover_the_declared_sections() -> None:
    for fmt in FORMATS.values():
        assert [s.key for s in fmt.sections] == list(SectionKey)
        assert all(isinstance(s.key, SectionKey) for s in fmt.sections)
        assert {t.key for t in fmt.tables} == {s.table for s in fmt.sections if s.table}


@pytest.mark.slow
def test_section_keys_are_spelled_only_in_the_declaration() -> None:
    offending = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {key!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != DECLARATION
        for line, key in section_literals(path.read_text(encoding="utf-8"))
    ]
    assert not offending, (
        "section keys spelled outside govdisclosure/sections.py; use SectionKey or iterate "
        "report.format.sections:\n" + "\n".join(offending)
    )


def test_the_declaration_spells_every_key() -> None:
    found = {key for _, key in section_literals(DECLARATION.read_text(encoding="utf-8"))}
    assert found == KEYS


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('x = "table3"\n', [(1, "table3")]),
        ("x = 'other'\ny = 1\n", [(1, "other")]),
        ('x = ("a",\n     "overview")\n', [(2, "overview")]),
        ('x = "other"  # a cell key, not a section key\n', []),
        ('x = "table3.new"\nf"{t}"\n"""overview"""\n', [(3, "overview")]),
        ('x = "others"\n', []),
    ],
)
def test_the_scan_finds_quoted_keys(source: str, expected: list[tuple[int, str]]) -> None:
    assert list(section_literals(source)) == expected


# --- layers -----------------------------------------------------------------------------


def _imported(path: Path, package: str) -> set[str]:
    """The absolute names of the modules ``path`` (a module of ``package``) imports."""
    tree = ast.parse(path.read_text("utf-8"), str(path))
    parts = package.split(".")  # the layer's modules all sit directly in its package
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = parts[: len(parts) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def _layer_imports(layer: str) -> dict[str, set[str]]:
    return {
        str(path.relative_to(PACKAGE.parent)): _imported(path, f"govdisclosure.{layer}")
        for path in sorted((PACKAGE / layer).glob("*.py"))
    }


def _importing(layer: str, other: str) -> dict[str, list[str]]:
    forbidden = f"govdisclosure.{other}"
    return {
        module: sorted(n for n in names if n == forbidden or n.startswith(forbidden + "."))
        for module, names in _layer_imports(layer).items()
        if any(n == forbidden or n.startswith(forbidden + ".") for n in names)
    }


@pytest.mark.slow
def test_the_import_parser_resolves_relative_imports() -> None:
    imports = _layer_imports("reading")["govdisclosure/reading/assemble.py"]
    assert "govdisclosure.formats.common" in imports
    assert "govdisclosure.reading.items" in imports


@pytest.mark.slow
def test_reading_never_imports_render() -> None:
    assert _importing("reading", "rendering") == {}


def test_render_never_imports_reading() -> None:
    assert _importing("rendering", "reading") == {}


@pytest.mark.slow
def test_reading_a_file_does_not_load_jinja() -> None:
    script = (
        "import sys, json, govdisclosure.reading; "
        "print(json.dumps([m for m in ('jinja2', 'govdisclosure.rendering') if m in sys.modules]))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True)
    assert json.loads(done.stdout) == []


@pytest.mark.slow
def test_importing_validation_stays_light() -> None:
    heavy = ("jinja2", "lxml", "pdfplumber", "openpyxl", "multiprocessing.pool")
    script = (
        "import sys, json, govdisclosure.validation; "
        f"print(json.dumps([m for m in {heavy!r} if m in sys.modules]))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True)
    assert json.loads(done.stdout) == []


@pytest.mark.slow
def test_the_validate_command_loads_only_what_it_uses() -> None:
    # Start-up (docs/scale.md): no other command's module, no Dask engine, no reader.
    unused = (
        "govdisclosure.cli.commands.render",
        "govdisclosure.cli.commands.check",
        "govdisclosure.engines._dask",
        "govdisclosure.reading",
        "logging",
        "jinja2",
        "multiprocessing",
        "tomllib",  # a YAML file
        "difflib",  # no misspelt key
    )
    script = (
        "import sys, json, io, contextlib\n"
        "from govdisclosure.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['validate', {str(EXAMPLES / 'example-2024.yaml')!r}])\n"
        f"print(json.dumps([m for m in {unused!r} if m in sys.modules]))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True)
    assert json.loads(done.stdout) == []


def test_contact_fields_are_the_models() -> None:
    assert tuple(f.name for f in attrs.fields(govdisclosure.Contact)) == tuple(CONTACT_FIELDS)


def _written(pattern: str) -> list[str]:
    """The package's modules whose source matches ``pattern``."""
    found = re.compile(pattern)
    return sorted(
        str(p.relative_to(PACKAGE.parent))
        for p in PACKAGE.rglob("*.py")
        if found.search(p.read_text("utf-8"))
    )


def test_small_facts_are_written_once() -> None:
    # The contact fields' labels, a placeholder set, the OLE signature, the zip bomb ratio,
    # the wording of a cell kind: each in one module.
    assert _written(r'"postcode": "邮编"') == ["govdisclosure/formats/common.py"]
    assert _written(r'"address", "postcode"|\("address", "地址"\)') == []
    assert _written(r'frozenset\(\{"", "/"') == ["govdisclosure/formats/common.py"]
    assert _written(r"xd0\\xcf\\x11\\xe0") == ["govdisclosure/bounded.py"]
    assert _written(r"MAX_RATIO = |RATIO \* max\(") == ["govdisclosure/bounded.py"]
    assert _written(r'"非负整数"') == ["govdisclosure/formats/declaration.py"]
