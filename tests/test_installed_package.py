"""A wheel installed into a fresh virtual environment finds its templates and renders."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.external
def test_wheel_renders_outside_the_source_tree(tmp_path: Path, examples: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), str(ROOT)],
        check=True,
        timeout=600,
    )
    (wheel,) = dist.glob("govdisclosure-*.whl")
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    subprocess.run([env / "bin" / "pip", "install", "-q", str(wheel)], check=True, timeout=600)
    work = tmp_path / "elsewhere"
    work.mkdir()
    subprocess.run(
        [
            env / "bin" / "govdisclosure",
            "render",
            str(examples / "example-2024.yaml"),
            "-o",
            str(work),
        ],
        check=True,
        cwd=work,
        timeout=120,
    )
    assert sorted(p.suffix for p in work.iterdir()) == [".docx", ".html", ".md", ".txt"]
    assert "示例市人力资源和社会保障局" in (work / "example-2024.html").read_text("utf-8")
