"""Assertions shared by the tests of input files (YAML, JSON, TOML, xlsx)."""

from __future__ import annotations

from pathlib import Path

import pytest

import govdisclosure as g


def load_error(path: Path) -> g.InputError:
    """The error loading ``path`` raises; it must name the file."""
    with pytest.raises(g.InputError) as info:
        g.load(path)
    assert info.value.file == str(path)
    return info.value


def the_finding(error: g.InputError) -> g.Finding:
    """The one finding of ``error``."""
    assert len(error.findings) == 1, error.findings
    return error.findings[0]
