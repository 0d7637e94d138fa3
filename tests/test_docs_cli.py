"""The console sessions of the user guide run as shown.

In ``docs/index.md`` and ``docs/guide/``, each ```` ```console ```` block is a session: a line
``$ govdisclosure …`` is a command, and the lines after it, up to the next command, are exactly
what it prints (stdout and stderr, as a terminal shows them). The sessions of one page run in
order in one scratch folder holding a copy of ``examples/`` and the published 南昌市教育局 2020
report as saved from the web (``南昌市教育局2020年报.txt``), so that what a page tells a user to
type is what the program does.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "docs" / "index.md", *sorted((ROOT / "docs" / "guide").glob("**/*.md"))]
BLOCK = re.compile(r"^```console\n(.*?)^```", re.S | re.M)
PROMPT = "$ "

Step = tuple[str, list[str]]
"""A command, and the lines it prints."""


def steps(page: Path) -> list[Step]:
    found: list[Step] = []
    for block in BLOCK.findall(page.read_text("utf-8")):
        for line in block.splitlines():
            if line.startswith(PROMPT):
                found.append((line[len(PROMPT) :], []))
            else:
                assert found, f"{page.name}: output before any command in a console block"
                found[-1][1].append(line)
    return found


SESSIONS = {page: found for page in PAGES if (found := steps(page))}


def test_the_guide_has_sessions() -> None:
    assert sum(len(session) for session in SESSIONS.values()) >= 10


def _scratch(folder: Path) -> None:
    shutil.copytree(ROOT / "examples", folder / "examples")
    shutil.copy(
        ROOT / "tests" / "data" / "nanchang-edu-2020.txt", folder / "南昌市教育局2020年报.txt"
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("page", "session"),
    [pytest.param(page, s, id=str(page.relative_to(ROOT))) for page, s in SESSIONS.items()],
)
def test_session_runs_as_shown(page: Path, session: list[Step], tmp_path: Path) -> None:
    _scratch(tmp_path)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))),
        "PYTHONUNBUFFERED": "1",  # stdout and stderr interleaved as on a terminal
        "PYTHONIOENCODING": "utf-8",
    }
    for command, expected in session:
        argv = shlex.split(command, comments=True)
        assert argv[0] == "govdisclosure", f"{page.name}: not a govdisclosure command: {command}"
        done = subprocess.run(
            [sys.executable, "-m", "govdisclosure", *argv[1:]],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )
        shown = [line.rstrip() for line in done.stdout.rstrip("\n").splitlines()]
        assert shown == [line.rstrip() for line in expected], f"{page.name}: $ {command}"
