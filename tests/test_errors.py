"""One exception hierarchy: every error the package defines is a GovDisclosureError, and also
the builtin it refines, so that callers may catch either."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

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
                and value.__module__.startswith("govdisclosure")
                and not name.startswith("_")
            ):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return list(found.values())


def test_the_package_defines_its_errors() -> None:
    names = {e.__name__ for e in defined_errors()}
    assert {"InputError", "UnknownFormatError", "HelperError", "RenderError"} <= names


def test_every_error_is_a_govdisclosure_error_and_a_builtin_one() -> None:
    for error in defined_errors():
        assert issubclass(error, GovDisclosureError), error
        if error is not GovDisclosureError:
            assert issubclass(error, ValueError), error


def test_errors_are_importable_from_the_package_and_where_they_are_raised() -> None:
    from govdisclosure.formats import UnknownFormatError
    from govdisclosure.helpers import HelperError

    assert govdisclosure.UnknownFormatError is UnknownFormatError
    assert issubclass(HelperError, GovDisclosureError)
