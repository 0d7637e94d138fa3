"""Files written for publishing are readable as the umask allows (a web server running as
another user must read the HTML), and replacing a file keeps its mode."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from govdisclosure.atomic import write_bytes
from govdisclosure.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "example-2024.yaml"


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_mode_the_umask_allows(tmp_path: Path, umask_022: None) -> None:
    write_bytes(tmp_path / "a.html", b"<p>x</p>")
    assert mode(tmp_path / "a.html") == 0o644


def test_a_replaced_file_keeps_its_mode(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "a.html"
    target.write_bytes(b"old")
    target.chmod(0o664)
    write_bytes(target, b"new")
    assert (mode(target), target.read_bytes()) == (0o664, b"new")


def test_rendered_files_are_readable_by_others(tmp_path: Path, umask_022: None) -> None:
    assert main(["render", str(EXAMPLE), "-o", str(tmp_path), "--to", "html,docx"]) == 0
    written = sorted(tmp_path.iterdir())
    assert [p.suffix for p in written] == [".docx", ".html"]
    assert {mode(p) for p in written} == {0o644}
