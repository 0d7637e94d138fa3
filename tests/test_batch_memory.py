"""What a batch leaves behind in memory before and while its workers run (issue 15): the
parent's memory when the pool starts is what every worker inherits, so nothing the size of
the batch may be left there, not even as free space, and the parent makes no ``Path`` of the
files it sends."""

from __future__ import annotations

import ctypes
import functools
import sys
import tracemalloc
from pathlib import Path

import pytest

from govdisclosure import batch
from govdisclosure.batch import Files, Hashes, Outcome, expand
from govdisclosure.engines import _pool


def _touch(folder: Path, names: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).touch()


def test_a_folder_listed_in_runs_is_in_the_order_of_rglob(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "RUN", 4)  # 30 names: seven runs and the rest, merged
    names = [f"{c}{n}.yaml" for c in "azm" for n in range(10)]
    _touch(tmp_path, [*names, "b.txt"])
    for sub in ("a5", "m", "zz"):  # folders whose names fall between the files'
        _touch(tmp_path / sub, ["x.yaml", "y.yaml"])
    found = expand([tmp_path], (".yaml",))
    expected = sorted(f for f in tmp_path.rglob("*.yaml"))
    assert list(found) == expected
    assert len(found) == 36


def test_listing_a_folder_holds_a_few_names_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Held as a list of bytes, sorted and joined, 2,000 names took 8 times what their packed
    # list keeps at the peak (an object, a pointer, the join's buffer entry, copies each).
    monkeypatch.setattr(batch, "RUN", 64)
    _touch(tmp_path, [f"r{n:04d}.yaml" for n in range(2000)])
    tracemalloc.start()
    try:
        found = expand([tmp_path], (".yaml",))
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(found) == 2000
    assert peak < 4 * kept


def test_a_window_and_the_stems_are_those_of_the_paths(tmp_path: Path) -> None:
    _touch(tmp_path / "d", ["a.yaml", "b.c.yaml", ".h.yaml", "中文.json"])
    _touch(tmp_path / "d" / "e", ["f.YAML"])
    _touch(tmp_path, ["g.yaml"])
    for found in (
        expand([tmp_path / "d"], (".yaml", ".json")),
        expand([tmp_path / "g.yaml", tmp_path / "d"], (".yaml", ".json")),  # named, then found
    ):
        paths = list(found)
        assert list(found.stems()) == [p.stem for p in paths]
        for start, stop in ((0, 2), (1, 4), (3, 99), (0, len(paths))):
            window = found.window(start, stop)
            assert isinstance(window, Files)
            assert list(window) == paths[start:stop]


def _mallinfo_in_use() -> int | None:
    """Bytes the C allocator (glibc's malloc) has handed out now, or None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(None)
    if not hasattr(libc, "mallinfo2"):  # glibc before 2.33, or another C library
        return None

    class Mallinfo2(ctypes.Structure):
        _fields_ = [
            (name, ctypes.c_size_t)
            for name in (
                *("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks"),
                *("uordblks", "fordblks", "keepcost"),
            )
        ]

    libc.mallinfo2.restype = Mallinfo2
    info = libc.mallinfo2()
    return int(info.uordblks + info.hblkhd)


@pytest.mark.skipif(_mallinfo_in_use() is None, reason="glibc's mallinfo2 only")
def test_hashes_keep_their_table_off_the_c_heap() -> None:
    # render fills one with every output name and drops it just before the workers start:
    # from malloc, its tables stayed in the heap they inherit (docs/scale.md).
    names = [f"r{n:06d}" for n in range(100_000)]
    before = _mallinfo_in_use()
    seen = Hashes()
    for name in names:
        seen.add(name)
    after = _mallinfo_in_use()
    assert before is not None and after is not None
    assert len(seen) == 100_000  # a table of 262,144 slots, 2 MiB
    assert after - before < 256 * 1024


def _named(path: Path) -> Outcome:
    return Outcome(path.name, None, ())


@pytest.mark.slow  # a process pool: over the fast loop's 0.25 s
def test_the_pool_makes_no_path_of_the_files_it_sends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pathlib interns every part of a path it makes; for many new names the interpreter
    # doubles its table of interned strings. The parent sends names; each worker makes the
    # Paths of its own files.
    interned: list[str] = []

    def recording(text: str) -> str:
        interned.append(text)
        return text

    monkeypatch.setattr(sys, "intern", recording)
    Path("made", "here-0.yaml")
    if "here-0.yaml" not in interned:
        pytest.skip("this Python's pathlib interns nothing")
    names = [f"r{n:03d}.yaml" for n in range(200)]
    _touch(tmp_path, names)
    found = expand([tmp_path], (".yaml",))
    interned.clear()
    outcomes = list(_pool.run(functools.partial(batch.guarded, _named), found, 2))
    assert [o.file for o in outcomes] == names
    assert not set(interned) & set(names)
