"""The layers: reading and rendering depend on the declarations and the model, never on each
other; validation is light to import; each small fact is written in one module."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import attrs

import govdisclosure
from govdisclosure.formats.common import CONTACT_FIELDS

PACKAGE = Path(govdisclosure.__file__).resolve().parent


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


def test_the_import_parser_resolves_relative_imports() -> None:
    imports = _layer_imports("reading")["govdisclosure/reading/assemble.py"]
    assert "govdisclosure.formats.common" in imports
    assert "govdisclosure.reading.items" in imports


def test_reading_never_imports_render() -> None:
    assert _importing("reading", "render") == {}


def test_render_never_imports_reading() -> None:
    assert _importing("render", "reading") == {}


def test_reading_a_file_does_not_load_jinja() -> None:
    script = (
        "import sys, json, govdisclosure.reading; "
        "print(json.dumps([m for m in ('jinja2', 'govdisclosure.render') if m in sys.modules]))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, check=True)
    assert json.loads(done.stdout) == []


def test_importing_validation_stays_light() -> None:
    heavy = ("jinja2", "lxml", "pdfplumber", "openpyxl", "multiprocessing.pool")
    script = (
        "import sys, json, govdisclosure.validation; "
        f"print(json.dumps([m for m in {heavy!r} if m in sys.modules]))"
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
