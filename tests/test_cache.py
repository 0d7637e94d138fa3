"""The cache of what is built from the declarations (govdisclosure.cache): a second process reads
what the first built; a damaged, stale or foreign file is built again; no folder, no cache,
and no error."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import govdisclosure as g
from govdisclosure import cache
from govdisclosure.validation.prose import programs, scanning
from govdisclosure.validation.prose.extraction import compile_vocabulary, read_paragraph
from govdisclosure.validation.prose.scanning import Scanner

ROOT = Path(__file__).resolve().parent.parent
ALTERNATIVES = ["(?P<a0>办结(?P<n0>\\d+)件)", "(?P<a1>(?:受理|收到)(?P<n1>\\d+)件)"]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def _found(scan: Scanner, text: str) -> list[tuple[int, str | None, str]]:
    return [(m.start(), m.lastgroup, m.group()) for m in scan.finditer(text)]


def _not_built(*args: object, **kwargs: object) -> None:
    raise AssertionError("built again: the cache was not read")


def test_a_scanner_is_read_back_from_the_cache(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Scanner.build(ALTERNATIVES)
    assert len(list(folder.glob("scanner-*.bin"))) == 1
    monkeypatch.setattr(scanning, "_analysed", _not_built)
    second = Scanner.build(ALTERNATIVES)
    text = "本年受理12件，办结10件。"
    expected = [(2, "a1", "受理12件"), (8, "a0", "办结10件")]
    assert _found(second, text) == _found(first, text) == expected
    assert second.by_start == first.by_start


def test_other_alternatives_are_not_served_from_another_cache_file(folder: Path) -> None:
    Scanner.build(ALTERNATIVES)
    other = Scanner.build([ALTERNATIVES[0]])
    assert _found(other, "受理12件，办结10件") == [(6, "a0", "办结10件")]
    assert len(list(folder.glob("scanner-*.bin"))) == 2


def test_a_damaged_cache_file_is_built_again_and_rewritten(folder: Path) -> None:
    Scanner.build(ALTERNATIVES)
    (path,) = folder.glob("scanner-*.bin")
    good = path.read_bytes()
    path.write_bytes(good[:-40] + bytes(40))  # a torn write: zeros at the end
    assert _found(Scanner.build(ALTERNATIVES), "办结3件") == [(0, "a0", "办结3件")]
    assert path.read_bytes() == good


def test_a_cache_file_of_another_python_is_not_used(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = ("x", "scanner", *ALTERNATIVES)
    path = folder / "scanner-stale.bin"
    cache._write(path, key, "stale")
    monkeypatch.setattr(cache, "_STAMP", "x")
    assert cache._read(path, key) == "stale"
    monkeypatch.setattr(cache, "_STAMP", "another Python")
    assert cache._read(path, ("another Python", "scanner", *ALTERNATIVES)) is None


def test_a_change_to_the_code_that_builds_it_is_a_new_cache_file(
    folder: Path, tmp_path: Path
) -> None:
    # The analysis may change between versions for the same vocabulary: its old result is
    # not read back.
    builder = ModuleType("builder")
    builder.__file__ = str(tmp_path / "builder.py")
    Path(builder.__file__).write_text("VERSION = 1")
    assert cache.cached("k", ["x"], lambda: "built by 1", code=(builder,)) == "built by 1"
    assert cache.cached("k", ["x"], lambda: "built again", code=(builder,)) == "built by 1"
    changed = ModuleType("builder")  # the next version, in a new process
    changed.__file__ = str(tmp_path / "builder-2.py")
    Path(changed.__file__).write_text("VERSION = 2")
    assert cache.cached("k", ["x"], lambda: "built by 2", code=(changed,)) == "built by 2"


def test_an_empty_setting_turns_the_cache_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.ENV, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    scan = Scanner.build(ALTERNATIVES)
    assert _found(scan, "办结3件") == [(0, "a0", "办结3件")]
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_written_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    monkeypatch.setenv(cache.ENV, str(blocked / "cache"))
    assert _found(Scanner.build(ALTERNATIVES), "办结3件") == [(0, "a0", "办结3件")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a file"]


def test_only_plain_data_is_cached(folder: Path) -> None:
    with pytest.raises(TypeError, match="not plain data"):
        cache.cached("odd", ["x"], lambda: object(), code=())


def test_the_default_folder_is_the_users_cache_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cache.ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    expected = {
        "win32": None,
        "darwin": Path.home() / "Library" / "Caches" / "govdisclosure",
    }.get(sys.platform, Path("/somewhere/govdisclosure"))
    if expected is not None:
        assert cache.directory() == expected


# --- compiled programs ----------------------------------------------------------------------


@pytest.mark.slow
def test_every_phrasing_from_its_program_is_the_pattern_re_compiles(folder: Path) -> None:
    c = compile_vocabulary(g.formats.vocabulary.VOCABULARY)
    sources = c.phrases.alternatives + c.topics.alternatives
    assert programs.program(sources[0]) is not None  # CPython: programs are used
    text = "".join(
        p for path in sorted((ROOT / "examples").glob("*.yaml")) for p in _paragraphs(path)
    )
    for source in sources:
        ours, usual = programs.pattern(source, programs.program(source)), re.compile(source)
        assert (ours.groupindex, ours.groups, ours.flags) == (
            usual.groupindex,
            usual.groups,
            usual.flags,
        )
        assert [m.span() for m in ours.finditer(text)] == [m.span() for m in usual.finditer(text)]


def _paragraphs(path: Path) -> list[str]:
    section = g.load(path).section("overview")
    assert isinstance(section, g.Section)
    return list(section.text_paragraphs())


def test_without_the_internals_patterns_are_compiled_as_usual(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(programs, "_internals", lambda: None)
    assert programs.program("办结") is None
    assert programs.pattern("办结", None).match("办结")
    scan = Scanner.build(ALTERNATIVES)
    assert scan._compiled == [None, None]  # compiled when first needed, as without a cache
    assert _found(scan, "办结3件") == [(0, "a0", "办结3件")]


def test_a_program_this_python_refuses_falls_back_to_compiling() -> None:
    made = programs.program("办结")
    assert made is not None
    flags, code, groups, index, names = made
    broken = (flags, code[:12] + bytes(4), groups, index, names)  # _sre checks every program
    assert programs.pattern("办结", broken).match("办结3件")


@pytest.mark.slow
def test_a_second_process_reads_the_vocabulary_from_the_cache(folder: Path) -> None:
    # The whole vocabulary, as two commands in a row build it: the second builds nothing.
    script = (
        "from govdisclosure.validation.prose import scanning, extraction\n"
        "built = []\n"
        "analysed = scanning._analysed\n"
        "scanning._analysed = lambda *a, **k: built.append(1) or analysed(*a, **k)\n"
        "r = extraction.read_paragraph('本年共收到政府信息公开申请36件。')\n"
        "print(len(built), [c.figure.key for c in r.claims])\n"
    )
    runs = [
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    assert [r.stdout.split(" ", 1)[0] for r in runs] == ["2", "0"]
    assert runs[0].stdout.split(" ", 1)[1] == runs[1].stdout.split(" ", 1)[1]
    assert read_paragraph("本年共收到政府信息公开申请36件。").claims
