"""File suffixes as every registry keys them, however a caller writes them."""

from __future__ import annotations


def dotted(suffix: str) -> str:
    """``".yaml"`` for ``"yaml"``, ``".YAML"`` or ``".yaml"``: the public functions accept a
    suffix with or without its dot, in any case."""
    return "." + suffix.strip().lower().lstrip(".")
