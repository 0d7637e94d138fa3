"""Writing files so that a failure never leaves a half-written or clobbered file behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path


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
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place."""
    write_all([(path, data)])


def write_all(files: Sequence[tuple[str | os.PathLike[str], bytes]]) -> None:
    """Write a set of files all or nothing: every one to a temporary file beside its target
    first (where a full disk or a kill strikes), then each renamed into place. If any write
    fails, the temporary files are removed and no target has changed."""
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
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        for tmp, target in written:
            os.replace(tmp, target)
    except BaseException:
        for tmp, _ in written:
            Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: str | os.PathLike[str], text: str) -> None:
    write_bytes(path, text.encode("utf-8"))
