"""Shared by the tests: assertions on input errors, the outside programs they use, and the
shared real-world reports."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

import govdisclosure as g


def load_error(path: Path) -> g.InputError:
    """The error loading ``path`` raises; it must name the file."""
    with pytest.raises(g.InputError) as info:
        g.load(path)
    assert info.value.file == str(path)
    return info.value


def the_finding(error: g.InputError) -> g.Finding:
    """The one finding of ``error``."""
    assert len(error.findings) == 1, error.findings
    return error.findings[0]


RUNNING: pytest.Item | None = None
"""The test being set up or run (set by conftest.py): a program is started only for a test
marked ``external``."""


def program(name: str, purpose: str, *aliases: str) -> str:
    """The path of an outside program a test opens its output with.

    Where it is missing the test is skipped, with the reason shown; on CI (``CI`` set), where
    ``.ci/run`` installs every one, it fails instead, so that a green run never hides a skip.
    """
    if RUNNING is not None and RUNNING.get_closest_marker("external") is None:
        pytest.fail(f"{RUNNING.nodeid} runs {name}: mark it @pytest.mark.external")
    path = next((p for p in map(shutil.which, (name, *aliases)) if p), None)
    if path is None:
        message = f"{name} is not installed: {purpose} (Debian packages: see .ci/run)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def libreoffice(
    source: Path | Sequence[Path], to: str, outdir: Path, soffice: str | None = None
) -> subprocess.CompletedProcess[str]:
    """LibreOffice headless converting ``source`` into ``outdir`` as ``to`` (pdf, xlsx …),
    with a profile of its own so that parallel runs do not share one.

    Several sources are converted by one start of LibreOffice, which is much faster than one
    start each. ``soffice`` is the program, if already located (the benchmarks, which run
    outside pytest, find it themselves)."""
    if soffice is None:
        soffice = program(
            "soffice", "LibreOffice converts documents for these tests", "libreoffice"
        )
    sources = [source] if isinstance(source, Path) else list(source)
    return subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(outdir / 'lo-profile').resolve().as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            *map(str, sources),
        ],
        capture_output=True,
        text=True,
        timeout=180 + 5 * len(sources),
        check=False,
    )


CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these, Chromium keeps trying this machine's closed network at every start.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Headless Chromium run with ``args`` (a URL and what to do with it) and its own profile."""
    browser = program("chromium", "Chromium opens the HTML for these tests", "chromium-browser")
    return subprocess.run(
        [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        check=True,
        capture_output=True,
        text=True,
        timeout=180,
    )


REALWORLD = Path(__file__).resolve().parents[2] / "shared" / "realworld"
"""The real published reports with their truth files, beside the repository (``../shared``)."""


def realworld(name: str) -> Path:
    """A shared real-world report; skipped where ``../shared`` is missing, but failed on CI,
    which always has it."""
    path = REALWORLD / name
    if not path.exists():
        message = f"{path} is missing: the shared real-world reports lie beside the repository"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path
