"""Many files at once: directories and globs, every core, deterministic output, no stops."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from govdisclosure.batch import Progress, expand
from govdisclosure.cli import main


@pytest.fixture
def folder(tmp_path: Path, examples: Path) -> Path:
    d = tmp_path / "reports"
    (d / "sub").mkdir(parents=True)
    shutil.copy(examples / "example-2024.yaml", d / "a-good.yaml")
    shutil.copy(examples / "nanchang-edu-2020.yaml", d / "b-inconsistent.yaml")
    (d / "sub" / "c-broken.yaml").write_text("agency: [x\n", "utf-8")
    shutil.copy(examples / "nanchang-edu-2020-corrected.yaml", d / "sub" / "d-good.yaml")
    (d / "notes.txt").write_text("not a report", "utf-8")
    return d


def test_expand_finds_files_in_directories_by_suffix_in_a_stable_order(folder: Path) -> None:
    names = [p.relative_to(folder).as_posix() for p in expand([folder], (".yaml",))]
    assert names == ["a-good.yaml", "b-inconsistent.yaml", "sub/c-broken.yaml", "sub/d-good.yaml"]


def test_expand_matches_globs_and_keeps_unknown_names(folder: Path) -> None:
    found = expand([str(folder / "*.yaml"), str(folder / "missing.yaml")], (".yaml",))
    assert [p.name for p in found] == ["a-good.yaml", "b-inconsistent.yaml", "missing.yaml"]


def test_expand_lists_each_file_once(folder: Path) -> None:
    found = expand([folder / "a-good.yaml", str(folder / "a-*.yaml")], (".yaml",))
    assert [p.name for p in found] == ["a-good.yaml"]


def test_one_bad_file_does_not_stop_the_batch(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The others are done; the one that could not be read makes the exit code 2.
    assert main(["validate", str(folder), "-j", "2"]) == 2
    out = capsys.readouterr().out
    assert "c-broken.yaml: 错误 SYNTAX" in out
    assert (
        out.index("a-good.yaml")
        < out.index("b-inconsistent.yaml")
        < out.index("c-broken.yaml")
        < out.index("d-good.yaml")
    )
    assert out.rstrip().endswith("共 4 个文件：2 个无错误，1 个有错误，1 个无法读取。")


def test_output_is_the_same_with_one_or_two_processes(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["validate", str(folder), "-j", "1", "--json"])
    one = json.loads(capsys.readouterr().out)
    main(["validate", str(folder), "-j", "2", "--json"])
    two = json.loads(capsys.readouterr().out)
    assert one == two
    assert [r["errors"] > 0 for r in one] == [False, True, True, False]


def test_progress_is_silent_off_a_terminal(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["validate", str(folder)])
    assert "█" not in capsys.readouterr().err


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_draws_a_bar_on_a_terminal() -> None:
    screen = Terminal()
    progress = Progress(4, screen)
    progress.step()
    progress.step()
    assert screen.getvalue().endswith("2/4")
    assert "█" * 15 in screen.getvalue()


def test_render_a_directory_into_one_folder(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert (
        main(
            [
                "render",
                str(folder / "a-good.yaml"),
                str(folder / "sub" / "d-good.yaml"),
                "-o",
                str(out),
                "--to",
                "html",
                "-j",
                "2",
            ]
        )
        == 0
    )
    assert sorted(p.name for p in out.iterdir()) == ["a-good.html", "d-good.html"]


def test_check_pairs_two_years_of_one_agency(
    tmp_path: Path, examples: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import attrs

    import govdisclosure as g
    from govdisclosure.rendering import render

    this = g.load(examples / "example-2024.yaml")
    last = attrs.evolve(this, meta=attrs.evolve(this.meta, year=2023))
    (tmp_path / "2023.html").write_bytes(render(last, "html"))
    (tmp_path / "2024.html").write_bytes(render(this, "html"))
    main(["check", str(tmp_path / "2023.html"), str(tmp_path / "2024.html"), "--json"])
    results = json.loads(capsys.readouterr().out)
    s1 = [f["path"] for f in results[1]["findings"] if f["rule"] == "S1"]
    assert s1 == [
        "table3.carry_in.commercial",
        "table3.carry_in.legal_services",
        "table3.carry_in.total",
    ]
