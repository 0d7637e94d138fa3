"""A batch of a thousand files, ten of them hostile (one of each class that once ended or hung
a batch), finishes: every file is reported, the run exits 2 (some cannot be read), and
memory stays bounded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "example-2024.yaml"
LOOPS = "{% for a in range(99999) %}{% for b in range(99999) %}x{% endfor %}{% endfor %}"


def hostile(folder: Path) -> list[Path]:
    """Ten files, each a different way a file once stopped or exhausted a batch."""
    example = EXAMPLE.read_text("utf-8")

    def yaml(name: str, old: str, new: str) -> Path:
        assert old in example, old
        path = folder / name
        path.write_text(example.replace(old, new, 1), "utf-8")
        return path

    paragraph = "  paragraphs:                             # 段落\n  - "
    files = [
        yaml(
            "h01-loops.yaml",
            paragraph,
            paragraph + f'"{LOOPS}"\n  - ',
        ),
        yaml("h02-power.yaml", paragraph, paragraph + '"{{ 10 ** (10 ** 8) }}"\n  - '),
        yaml("h03-repeat.yaml", paragraph, paragraph + "\"{{ 'a' * 10 ** 10 }}\"\n  - "),
        yaml("h04-year-2015.yaml", "year: 2024", "year: 2015"),
        yaml(
            "h05-digits.yaml", "    natural_person: 58 ", "    natural_person: " + "9" * 5000 + " "
        ),
        yaml("h06-octal.yaml", "    natural_person: 58 ", "    natural_person: 0x3A "),
        yaml(
            "h07-duplicate.yaml",
            "    natural_person: 58 ",
            "    natural_person: 58\n    natural_person: 59 ",
        ),
    ]
    surrogate = folder / "h08-surrogate.json"
    surrogate.write_text('{"agency": "\\ud800", "year": 2024}', "utf-8")
    deep = folder / "h09-deep.yaml"
    deep.write_text("agency: x\nyear: 2024\na: " + "[" * 50000 + "]" * 50000 + "\n", "utf-8")
    fifo = folder.parent / "h10-fifo.yaml"  # named on the command line: a folder lists files only
    os.mkfifo(fifo)
    return [*files, surrogate, deep, fifo]


PEAK = (
    "import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
    "print('peak', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
    "sys.exit(done.returncode)"
)
"""Runs the command it is given and prints the peak RSS (KiB) of the largest process among it
and its workers: the test process's own RUSAGE_CHILDREN would also count every program earlier
tests started (LibreOffice, a docs build)."""


@pytest.mark.slow
def test_a_thousand_files_with_ten_hostile_ones_all_reported(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    bad = hostile(inputs)
    for n in range(1000 - len(bad)):  # with the nine hostile files in the folder
        (inputs / f"r{n:04}.yaml").write_bytes(EXAMPLE.read_bytes())
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            PEAK,
            sys.executable,
            "-m",
            "govdisclosure",
            "render",
            "--json",
            "-j",
            "2",
            "-o",
            str(tmp_path / "out"),
            "--to",
            "html",
            str(inputs),
            str(bad[-1]),
        ],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert done.returncode == 2, done.stderr[-2000:]
    peak_kib = int(done.stderr.rsplit("peak ", 1)[1])
    results = json.loads(done.stdout)
    assert len(results) == 1000  # every file reported, the hostile ones and those after them
    failed = {Path(r["file"]).name for r in results if r["errors"]}
    assert {p.name for p in bad} <= failed
    assert len(list((tmp_path / "out").iterdir())) == 1000 - len(bad)
    assert peak_kib * 1024 < 500 * 1024 * 1024  # any one process's peak
