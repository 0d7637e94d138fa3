"""One file never ends or hangs a batch: a task that overruns its time budget is that file's
error, and SIGTERM to the command stops its worker processes too."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from govdisclosure.batch import Outcome, guarded

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "example-2024.yaml"


def _sleeps(path: Path) -> Outcome:
    time.sleep(30)
    raise AssertionError("the alarm should have stopped this task")


def test_a_task_over_its_time_budget_is_that_files_error() -> None:
    outcome = guarded(_sleeps, Path("slow.pdf"), seconds=0.2)
    (finding,) = outcome.findings
    assert finding.is_error
    assert "处理超时（超过 0.2 秒）" in finding.message


def _allocates(path: Path) -> Outcome:
    raise MemoryError


def test_a_task_out_of_memory_is_that_files_error() -> None:
    (finding,) = guarded(_allocates, Path("big.docx")).findings
    assert "超出内存上限" in finding.message


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
