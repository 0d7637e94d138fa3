"""``govdisclosure render``: files written atomically, invalid reports refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govdisclosure.cli import main


def test_render_writes_every_format(
    examples: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", str(examples / "example-2024.yaml"), "-o", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "example-2024.docx",
        "example-2024.html",
        "example-2024.md",
        "example-2024.txt",
    ]
    assert capsys.readouterr().out.count("example-2024.") == 4


def test_render_chooses_formats(examples: Path, tmp_path: Path) -> None:
    assert (
        main(
            ["render", str(examples / "example-2024.yaml"), "-o", str(tmp_path), "--to", "html,txt"]
        )
        == 0
    )
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".html", ".txt"]


def test_render_refuses_a_report_with_errors(
    examples: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", str(examples / "nanchang-edu-2020.yaml"), "-o", str(tmp_path)]) == 1
    err = "".join(capsys.readouterr())
    assert "表三 “（七）总计” × “自然人”" in err
    assert "--allow-errors" in err
    assert list(tmp_path.iterdir()) == []


def test_render_anyway_when_asked(examples: Path, tmp_path: Path) -> None:
    args = [
        "render",
        str(examples / "nanchang-edu-2020.yaml"),
        "-o",
        str(tmp_path),
        "--allow-errors",
    ]
    assert main([*args, "--to", "html"]) == 0
    assert (tmp_path / "nanchang-edu-2020.html").read_text("utf-8").count("政府集中采购") == 1


def test_unknown_output_format_is_a_usage_error(
    examples: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["render", str(examples / "example-2024.yaml"), "-o", str(tmp_path), "--to", "pdf"])
        == 2
    )
    assert "未知的输出格式 pdf" in "".join(capsys.readouterr())


def test_user_templates_override_builtin_ones(examples: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "report.txt.j2").write_text("{{ doc.agency }}（本机关信笺）\n", "utf-8")
    out = tmp_path / "out"
    assert (
        main(
            [
                "render",
                str(examples / "example-2024.yaml"),
                "-o",
                str(out),
                "--to",
                "txt,md",
                "--templates",
                str(mine),
            ]
        )
        == 0
    )
    assert (out / "example-2024.txt").read_text(
        "utf-8"
    ) == "示例市人力资源和社会保障局（本机关信笺）\n"
    assert (out / "example-2024.md").read_text("utf-8").startswith("# 示例市")  # not overridden


def test_template_error_is_located_and_nothing_is_written(
    examples: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "report.md.j2").write_text("ok\n{% for x in %}\n", "utf-8")
    out = tmp_path / "out"
    assert (
        main(
            [
                "render",
                str(examples / "example-2024.yaml"),
                "-o",
                str(out),
                "--templates",
                str(mine),
            ]
        )
        == 2
    )
    err = "".join(capsys.readouterr())
    assert "report.md.j2 第2行语法错误" in err
    assert not out.exists() or list(out.iterdir()) == []


def test_failed_render_keeps_the_previous_good_file(examples: Path, tmp_path: Path) -> None:
    source = tmp_path / "r.yaml"
    shutil.copy(examples / "example-2024.yaml", source)
    assert main(["render", str(source), "-o", str(tmp_path), "--to", "html"]) == 0
    good = (tmp_path / "r.html").read_bytes()
    text = source.read_text("utf-8").replace('  - "2024年，', '  - "{{ t3.new.nope }}2024年，', 1)
    source.write_text(text, "utf-8")
    # --force: the existing file is not in the way; the failing render is what keeps it.
    render = ["render", str(source), "-o", str(tmp_path), "--to", "html", "--force"]
    assert main(render) == 2
    assert (tmp_path / "r.html").read_bytes() == good
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_missing_template_directory_is_reported(
    examples: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "render",
                str(examples / "example-2024.yaml"),
                "-o",
                str(tmp_path),
                "--templates",
                str(tmp_path / "none"),
            ]
        )
        == 2
    )
    assert "模板目录不存在" in "".join(capsys.readouterr())
