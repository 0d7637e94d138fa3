"""Benchmarks leave nothing behind: govdisclosure's cache of the compiled prose vocabulary
(``GOVDISCLOSURE_CACHE_DIR``) goes to a temporary folder for the run, not the user's cache
folder, and is removed at the end; the processes a benchmark starts inherit it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def own_cache() -> Iterator[None]:
    before = os.environ.get("GOVDISCLOSURE_CACHE_DIR")
    with tempfile.TemporaryDirectory(prefix="benchmark-cache-") as folder:
        os.environ["GOVDISCLOSURE_CACHE_DIR"] = folder
        try:
            yield
        finally:
            if before is None:
                del os.environ["GOVDISCLOSURE_CACHE_DIR"]
            else:
                os.environ["GOVDISCLOSURE_CACHE_DIR"] = before
