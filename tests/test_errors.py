"""One exception hierarchy: every error the package defines is a GovDisclosureError, and also
the builtin it refines (ValueError for bad input, RuntimeError for an engine that cannot run),
so that callers may catch either."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import govdisclosure
from govdisclosure.errors import GovDisclosureError


def defined_errors() -> list[type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    for module in pkgutil.walk_packages(govdisclosure.__path__, "govdisclosure."):
        if module.name.endswith(("__main__", "._dask")) or ".dataset." in module.name:
            continue  # the command line entry point, and optional extras
        loaded = importlib.import_module(module.name)
        for name, value in vars(loaded).items():
            if (
                inspect.isclass(value)
                and issubclass(value, BaseException)
                and not issubclass(value, Warning)  # a warning is not an error
                and value.__module__.startswith("govdisclosure")
                and not name.startswith("_")
            ):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return list(found.values())


def test_the_package_defines_its_errors() -> None:
    names = {e.__name__ for e in defined_errors()}
    assert {"InputError", "UnknownFormatError", "HelperError", "RenderError"} <= names


def test_the_input_warning_is_a_user_warning_and_no_error() -> None:
    assert issubclass(govdisclosure.InputWarning, UserWarning)
    assert not issubclass(govdisclosure.InputWarning, GovDisclosureError)


def test_every_error_is_a_govdisclosure_error_and_a_builtin_one() -> None:
    for error in defined_errors():
        assert issubclass(error, GovDisclosureError), error
        if error is not GovDisclosureError:
            assert issubclass(error, ValueError | RuntimeError | OSError), error


def test_errors_are_importable_from_the_package_and_where_they_are_raised() -> None:
    from govdisclosure.formats import UnknownFormatError
    from govdisclosure.helpers import HelperError

    assert govdisclosure.UnknownFormatError is UnknownFormatError
    assert issubclass(HelperError, GovDisclosureError)


@pytest.mark.slow
def test_a_downstream_strict_type_check_sees_the_types(tmp_path: Path) -> None:
    # py.typed: the package's annotations reach its users' mypy --strict (not Any).
    program = tmp_path / "use.py"
    program.write_text(
        "import govdisclosure\n"
        "report = govdisclosure.load('r.yaml')\n"
        "agency: str = report.meta.agency\n"
        "wrong: int = report\n",
        "utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(program)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert "use.py:4: error: Incompatible types in assignment" in done.stdout, done.stdout
    assert "use.py:3" not in done.stdout
