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


def test_a_set_of_files_is_written_all_or_nothing(tmp_path: Path) -> None:
    from govdisclosure.atomic import write_all

    kept = tmp_path / "a.html"
    kept.write_bytes(b"published")
    missing = tmp_path / "no-such-folder" / "b.docx"  # its temporary file cannot be made
    with pytest.raises(OSError):
        write_all([(kept, b"new"), (missing, b"new")])
    assert kept.read_bytes() == b"published"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html"]  # no .tmp left behind


def test_render_files_refuses_existing_outputs_when_asked_before_writing_any(
    tmp_path: Path,
) -> None:
    import govdisclosure as g
    from govdisclosure.rendering import render_files

    report = g.load(EXAMPLE)
    (tmp_path / "r.html").write_bytes(b"published")
    with pytest.raises(FileExistsError):
        render_files(report, tmp_path, ("docx", "html"), stem="r", overwrite=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]
    assert (tmp_path / "r.html").read_bytes() == b"published"
