"""One file never ends or hangs a batch: a task that overruns its time or memory budget is
that file's error, and SIGTERM to the command stops its worker processes too."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govdisclosure.batch import Outcome, guarded
from govdisclosure.jobs import validate_file

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "example-2024.yaml"


def _sleeps(path: Path) -> Outcome:
    time.sleep(30)
    raise AssertionError("the alarm should have stopped this task")


@pytest.mark.slow
def test_a_task_over_its_time_budget_is_that_files_error() -> None:
    outcome = guarded(_sleeps, Path("slow.pdf"), seconds=0.2)
    (finding,) = outcome.findings
    assert finding.is_error
    assert "处理超时（超过 0.2 秒）" in finding.message


def _allocates(path: Path) -> Outcome:
    held = bytearray(2 * 1024**3)  # a reader running away on a hostile file
    raise AssertionError(f"the memory budget should have stopped this task ({len(held)})")


def test_a_task_over_its_memory_budget_is_that_files_error() -> None:
    (finding,) = guarded(_allocates, Path("big.docx"), memory=256 * 1024**2).findings
    assert finding.is_error
    assert "处理此文件超出内存上限（256 MB）" in finding.message


@pytest.mark.slow
def test_the_memory_budget_is_lifted_after_the_file() -> None:
    before = resource.getrlimit(resource.RLIMIT_AS)
    guarded(_allocates, Path("big.docx"), memory=256 * 1024**2)
    assert resource.getrlimit(resource.RLIMIT_AS) == before
    assert len(bytearray(512 * 1024**2)) > 0  # more than the budget, now allowed again


def test_a_task_within_its_budgets_is_unaffected() -> None:
    outcome = guarded(validate_file, EXAMPLE)
    assert outcome.findings == ()


@pytest.mark.slow
def test_sigterm_stops_the_command_and_its_workers(tmp_path: Path) -> None:
    files = []
    for n in range(1500):
        copy = tmp_path / f"r{n:03}.yaml"
        copy.write_bytes(EXAMPLE.read_bytes())
        files.append(str(copy))
    command = [
        sys.executable,
        "-m",
        "govdisclosure",
        "render",
        "-j",
        "2",
        "-o",
        str(tmp_path / "out"),
    ]
    run = subprocess.Popen(
        [*command, *files],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, to see that no worker is left
    )
    out = tmp_path / "out"
    while not (out.exists() and len(list(out.iterdir())) >= 4):  # the workers are at work
        assert run.poll() is None, "the run ended before it could be stopped"
        time.sleep(0.05)
    run.send_signal(signal.SIGTERM)
    assert run.wait(timeout=60) == 130
    for _ in range(100):  # the workers' exit is asynchronous: give them a moment
        try:
            os.killpg(run.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    raise AssertionError("worker processes are still running after SIGTERM")
