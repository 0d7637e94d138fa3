from __future__ import annotations

import os
import resource
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import expect
import pytest

from govdisclosure import cache
from govdisclosure.bounded import own_status

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def pytest_configure(config: pytest.Config) -> None:
    # The tests' processes (and the commands they start) keep the compiled vocabulary in a
    # folder of the run's own, never in the user's cache; it is removed at the end.
    os.environ[cache.ENV] = tempfile.mkdtemp(prefix="govdisclosure-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(os.environ.pop(cache.ENV, ""), ignore_errors=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A test that starts another program is slow by nature: the fast loop runs none.
    for item in items:
        if item.get_closest_marker("external") is not None:
            item.add_marker(pytest.mark.slow)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    # expect.program() refuses to start a program for a test not marked external (in its
    # fixtures too), so that the fast loop never waits on LibreOffice or Chromium by oversight.
    expect.RUNNING = item
    try:
        return (yield)
    finally:
        expect.RUNNING = None


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


CAP = 2 * 1024**3


def _mapped() -> int:
    """The address space the process maps now, in bytes."""
    shown = own_status("VmSize")  # "123456 kB"
    return int(shown.split()[0]) * 1024 if shown else 0


ALARM = 120
"""Seconds after which a test that has not finished is a hang, not a slow machine."""


def _hung(signum: int, frame: FrameType | None) -> None:
    raise TimeoutError(f"test still running after {ALARM} s")


@pytest.fixture
def bounded() -> Iterator[None]:
    """Run the test under a memory cap and an alarm, so that a regression in bounding hostile
    input (prose that allocates gigabytes or loops for ever) fails the test instead of
    exhausting the machine or hanging the suite."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    # On top of what the process already maps: libraries imported by earlier tests (pyarrow,
    # duckdb) reserve gigabytes of address space, and a cap below that fails every allocation.
    limit = _mapped() + CAP
    limit = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    previous = signal.signal(signal.SIGALRM, _hung)
    signal.alarm(ALARM)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
