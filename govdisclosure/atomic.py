"""Writing files so that a failure never leaves a half-written or clobbered file behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from .bounded import own_status


def _mode(target: Path) -> int:
    """The permissions a new file gets from the umask (0644 under the usual 022), or those of
    the file it replaces: a published page stays readable by the web server's user, which
    ``mkstemp``'s 0600 would not be."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    # Linux shows the umask without changing it; elsewhere it can only be read by setting it,
    # which is briefly process-wide.
    shown = own_status("Umask")
    if shown is not None and shown.isdigit():
        return int(shown, 8)
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def write_bytes(path: str | os.PathLike[str], data: bytes, durable: bool = True) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place."""
    write_all([(path, data)], durable)


def write_all(
    files: Sequence[tuple[str | os.PathLike[str], bytes | Iterable[bytes]]], durable: bool = True
) -> None:
    """Write a set of files all or nothing: every one to a temporary file beside its target
    first (where a full disk or a kill strikes), then each renamed into place. If any write
    fails, the temporary files are removed and no target has changed. Data is bytes, or
    pieces of bytes written one after the other (never held whole).

    ``durable``: each file's data is flushed to disk before its rename and each folder's
    entry after it, so that the set survives a power cut once this returns. A batch passes
    False and calls :func:`sync` once at its end: flushing file by file made writing a
    report take twice as long, waiting for the disk each time."""
    written: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            target = Path(path)
            mode = _mode(target)
            fd, tmp = tempfile.mkstemp(
                prefix=f".{target.name[:100]}.", suffix=".tmp", dir=target.parent or "."
            )
            written.append((tmp, target))
            os.fchmod(fd, mode)
            with os.fdopen(fd, "wb") as fh:
                for piece in (data,) if isinstance(data, bytes) else data:
                    fh.write(piece)
                fh.flush()
                if durable:
                    os.fsync(fh.fileno())
        for tmp, target in written:
            os.replace(tmp, target)
    except BaseException:
        for tmp, _ in written:
            Path(tmp).unlink(missing_ok=True)
        raise
    if durable:
        sync_folders({t.parent for _, t in written}, everything=False)


def write_text(path: str | os.PathLike[str], text: str, durable: bool = True) -> None:
    write_bytes(path, text.encode("utf-8"), durable)


def sync_folders(folders: Iterable[str | os.PathLike[str]], everything: bool = True) -> None:
    """Make what was written into ``folders`` durable: with ``everything``, one ``sync()``
    of every file system (the files' data, whichever process wrote them), then each folder
    flushed, so that the renames that put the files in place are on disk too.

    The end of a batch: its files were written and renamed without waiting for the disk
    (:func:`write_all` with ``durable=False``), each atomically; this is the one wait."""
    if everything and hasattr(os, "sync"):
        os.sync()
    for folder in folders:
        try:
            fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:  # a folder that cannot be opened (Windows): the sync() stands
            continue
        try:
            os.fsync(fd)
        except OSError:  # some file systems cannot flush a folder; their renames are sync()'s
            pass
        finally:
            os.close(fd)
