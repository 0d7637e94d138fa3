"""Hostile input files end in a clear error, in bounded time and memory, never a crash.

Each runs the command line in a subprocess: a crash of a C extension (libyaml overflowing
its stack) would otherwise take the test run down with it instead of failing one test.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

LAUGHS = "\n".join(
    [
        "agency: x",
        "year: 2024",
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(
            f"{n}: &{n} [{','.join(['*' + p] * 9)}]"
            for p, n in zip("abcdefgh", "bcdefghi", strict=True)
        ),
        "overview:",
        "  paragraphs: *i",
        "table3:",
        "  new: {natural_person: *i}",
    ]
)

CASES = {
    "deep-flow.yaml": "agency: x\nyear: 2024\noverview: " + "[" * 50_000 + "]" * 50_000 + "\n",
    "deep-block.yaml": "agency: x\nyear: 2024\noverview:\n"
    + "".join("  " * i + "- \n" for i in range(1, 400)),
    "laughs.yaml": LAUGHS + "\n",
    "deep.json": '{"agency": "x", "year": 2024, "overview": ' + "[" * 50_000 + "]" * 50_000 + "}",
    "deep.toml": 'agency = "x"\nyear = 2024\nx = ' + "[" * 50_000 + "]" * 50_000 + "\n",
    "huge-number.yaml": "agency: x\nyear: 2024\ntable4:\n  review: {upheld: " + "9" * 5000 + "}\n",
    "huge-year.json": '{"agency": "x", "year": ' + "9" * 5000 + "}",
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input_is_a_clear_error(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_text(CASES[name], "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "govdisclosure", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 2, output  # cannot be read: not a crash (negative) nor a pass
    assert "Traceback" not in output
    assert f"{path}: 错误" in output
