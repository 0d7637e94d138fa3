"""A batch's files are written atomically and flushed to disk once, at its end, not one by one."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from govdisclosure.atomic import write_all, write_bytes
from govdisclosure.cli import main


class Syncs:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.sync = 0
        self.files: list[int] = []
        self.folders: list[int] = []
        fsync, sync = os.fsync, os.sync

        def counted_fsync(fd: int) -> None:
            (self.folders if os.path.isdir(f"/proc/self/fd/{fd}") else self.files).append(fd)
            fsync(fd)

        def counted_sync() -> None:
            self.sync += 1
            sync()

        monkeypatch.setattr(os, "fsync", counted_fsync)
        monkeypatch.setattr(os, "sync", counted_sync)


@pytest.fixture
def inputs(tmp_path: Path, examples: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(5):
        shutil.copy(examples / "example-2024.yaml", folder / f"r{n}.yaml")
    return folder


@pytest.mark.slow  # a process pool: over the fast loop's 0.25 s
def test_a_batch_syncs_once_at_its_end(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    syncs = Syncs(monkeypatch)
    out = tmp_path / "out"
    assert main(["render", str(inputs), "-o", str(out), "--to", "html,txt", "-j", "1"]) == 0
    assert len(list(out.iterdir())) == 10
    assert (syncs.sync, syncs.files, len(syncs.folders)) == (1, [], 1)


@pytest.mark.slow  # a process pool: over the fast loop's 0.25 s
def test_a_batch_read_syncs_once(
    tmp_path: Path, inputs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = tmp_path / "html"
    assert main(["render", str(inputs), "-o", str(html), "--to", "html", "-j", "1"]) == 0
    syncs = Syncs(monkeypatch)
    out = tmp_path / "read"
    assert main(["read", str(html), "-o", str(out), "-j", "1"]) == 0
    assert len(list(out.iterdir())) == 5
    assert (syncs.sync, syncs.files, len(syncs.folders)) == (1, [], 1)


def test_one_file_is_flushed_with_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    syncs = Syncs(monkeypatch)
    write_bytes(tmp_path / "a.txt", b"a")
    assert (syncs.sync, len(syncs.files), len(syncs.folders)) == (0, 1, 1)


def test_no_temporary_file_is_left_when_a_write_fails(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"old")

    def pieces() -> Iterator[bytes]:
        yield b"new, half"
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_all([(tmp_path / "a.txt", b"new"), (tmp_path / "b.txt", pieces())], durable=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
    assert (tmp_path / "a.txt").read_bytes() == b"old"
