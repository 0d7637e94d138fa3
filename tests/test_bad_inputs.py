"""The bad-input corpus (tests/bad_inputs/): each file gives what EXPECTED.tsv says.

Every entry runs the real command on the real file. An error must name the file, end with
the exit code EXPECTED.tsv gives (1 an error found in a report, 2 a file that cannot be read
as one) and carry the expected text (the rule and the official location); a hostile text
that renders must come out escaped. Never a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from govdisclosure.cli import main

CORPUS = Path(__file__).parent / "bad_inputs"
ENTRIES = [
    line.split("\t")
    for line in (CORPUS / "EXPECTED.tsv").read_text("utf-8").splitlines()
    if line and not line.startswith("#")
]


def test_corpus_has_at_least_forty_inputs_across_every_reader() -> None:
    assert len(ENTRIES) >= 40
    suffixes = {Path(name).suffix for name, *_ in ENTRIES}
    assert {".yaml", ".json", ".toml", ".xlsx", ".docx", ".html", ".txt"} <= suffixes


def test_every_corpus_file_is_listed() -> None:
    listed = {name for name, *_ in ENTRIES}
    on_disk = {p.name for p in CORPUS.iterdir()} - {"EXPECTED.tsv", "generate.py"}
    assert on_disk == listed


@pytest.mark.usefixtures("bounded")  # hostile prose among them: a regression must not hang
@pytest.mark.parametrize(
    ("name", "command", "code", "expected"), ENTRIES, ids=[e[0] for e in ENTRIES]
)
def test_bad_input(
    name: str,
    command: str,
    code: str,
    expected: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = CORPUS / name
    if command.startswith("render-"):
        to = command.removeprefix("render-")
        status = main(["render", str(path), "-o", str(tmp_path), "--to", to])
        out = "".join(capsys.readouterr())
        written = list(tmp_path.iterdir())
        if status == 0:
            out += written[0].read_text("utf-8")
            assert "<script>" not in out
            assert "\u202e" not in out  # a bidi override never reaches a published page
        else:
            assert written == []
    else:
        status = main([command, str(path)])
        out = "".join(capsys.readouterr())
    assert status == int(code), out
    assert expected in out
    assert "Traceback" not in out
    assert "\x1b" not in out  # nothing printed can move the cursor or clear the screen
    if status:
        assert str(path) in out


def test_hundred_megabyte_text_is_refused_without_reading_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)  # sparse: 100 MB on paper, nothing on disk
    assert main(["check", str(big)]) == 2
    assert "文件过大" in capsys.readouterr().out


def test_hundred_megabyte_yaml_is_refused_without_reading_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)
    assert main(["validate", str(big)]) == 2
    assert "文件过大" in capsys.readouterr().out


def test_failed_write_keeps_the_good_file_and_leaves_no_temporary(
    examples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (
        main(["render", str(examples / "example-2024.yaml"), "-o", str(tmp_path), "--to", "html"])
        == 0
    )
    good = (tmp_path / "example-2024.html").read_bytes()

    def disk_full(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    assert (
        main(
            [
                "render",
                str(examples / "example-2024.yaml"),
                "-o",
                str(tmp_path),
                "--to",
                "html",
                "-j",
                "1",
                "--force",
            ]
        )
        == 2
    )
    assert (tmp_path / "example-2024.html").read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["example-2024.html"]


def test_failed_render_midway_writes_nothing(
    examples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from govdisclosure.rendering import _text

    def broken(*args: object) -> bytes:
        raise RuntimeError("the disk went away")

    # docx renders first, then HTML fails: no file of either may appear.
    monkeypatch.setattr(_text, "render_html", broken)
    with pytest.raises(RuntimeError):
        from govdisclosure.rendering import render_files

        render_files(
            __import__("govdisclosure").load(examples / "example-2024.yaml"),
            tmp_path,
            ("docx", "html"),
        )
    assert list(tmp_path.iterdir()) == []
