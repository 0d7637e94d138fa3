"""One module a command, each with ``run(args) -> ExitCode``; what they share is in
:mod:`._shared`."""

from . import aggregate, check, collect, compare, export, init, read, render, validate

__all__ = [
    "aggregate",
    "check",
    "collect",
    "compare",
    "export",
    "init",
    "read",
    "render",
    "validate",
]
