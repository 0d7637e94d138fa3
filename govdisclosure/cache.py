"""What is built from the declarations and is the same in every process, kept between
processes: the prose vocabulary's scanners, with their regular expressions compiled.

Building them took most of the time of ``govdisclosure validate FILE`` as a process (some
120 ms, against 80 ms for Python to import YAML and attrs), so the first process writes
what it built to a file and the next ones read it back (a few milliseconds). A file holds
the sources it was built from, and is named by them and by the code that built it: one built
from other sources (another version of the vocabulary), by other code (another version of
govdisclosure), by another Python, or damaged, is not used but built again and written
over. Nothing in it is code: it is written with :mod:`marshal` (lists, strings,
numbers, no objects) and checked by a CRC before use.

Where: ``$GOVDISCLOSURE_CACHE_DIR`` when set (set but empty: no cache); otherwise the
user's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache`` on Linux, ``~/Library/Caches`` on
macOS, ``%LOCALAPPDATA%`` on Windows), in ``govdisclosure``. A folder that cannot be read
or written is not an error: everything is then built in each process, as without a cache.
The files can be deleted at any time.
"""

from __future__ import annotations

import contextlib
import functools
import marshal
import os
import sys
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import TypeVar, cast

T = TypeVar("T")

ENV = "GOVDISCLOSURE_CACHE_DIR"
_MAGIC = b"GDC1"
_STAMP = f"{sys.implementation.cache_tag}|{sys.version}|{marshal.version}|{sys.byteorder}"
"""What else the data depends on: compiled regular expressions are this Python's own."""


def directory() -> Path | None:
    """The cache folder (not created here), or None when caching is off."""
    chosen = os.environ.get(ENV)
    if chosen is not None:
        return Path(chosen) if chosen else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "govdisclosure" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "govdisclosure"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "govdisclosure"


def cached(
    kind: str, sources: Sequence[str], build: Callable[[], T], code: Sequence[ModuleType]
) -> T:
    """What ``build()`` returns for ``sources``, read from the cache when it holds it, else
    built and written there. ``build`` must return what :mod:`marshal` writes (tuples,
    lists, dicts, strings, numbers, None) and depend only on ``sources`` and on the modules
    ``code`` (whose files are part of the key: a change to them is a new cache file, not an
    old result read back)."""
    folder = directory()
    if folder is None:
        return build()
    key = (_STAMP, kind, *map(_fingerprint, code), *sources)
    path = folder / f"{kind}-{zlib.crc32(repr(key).encode()):08x}.bin"
    found = _read(path, key)
    if found is not None:
        return cast(T, found)  # what ``build`` returned for the same key
    value = build()
    _write(path, key, value)
    return value


@functools.cache
def _fingerprint(module: ModuleType) -> str:
    """The CRC of the file ``module`` was loaded from (source or bytecode), with its name."""
    try:
        return f"{module.__name__}:{zlib.crc32(Path(str(module.__file__)).read_bytes()):08x}"
    except (OSError, TypeError):
        return f"{module.__name__}:{id(module)}"  # no file to read: kept for this process only


def _read(path: Path, key: tuple[str, ...]) -> object | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head, crc, payload = data[:4], data[4:8], data[8:]
    if head != _MAGIC or int.from_bytes(crc, "little") != zlib.crc32(payload):
        return None
    try:
        stored_key, value = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    return value if stored_key == key else None


def _write(path: Path, key: tuple[str, ...], value: object) -> None:
    """Written whole under a name of its own, then renamed into place: a process reading it
    meanwhile sees the old file or the new one, and two processes writing it at once both
    write the same."""
    try:
        payload = marshal.dumps((key, value))  # type: ignore[arg-type]
    except ValueError:
        raise TypeError(f"cache: {type(value).__name__} is not plain data") from None
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(_MAGIC + zlib.crc32(payload).to_bytes(4, "little") + payload)
        os.replace(temporary, path)
    except OSError:  # a folder that cannot be written: no cache
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
