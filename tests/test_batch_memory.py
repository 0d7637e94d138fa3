"""What a batch leaves behind in memory before and while its workers run (issue 15): the
parent's memory when the pool starts is what every worker inherits, so nothing the size of
the batch may be left there, not even as free space."""

from __future__ import annotations

import ctypes
import sys

import pytest

from govdisclosure.batch import Hashes


def _mallinfo_in_use() -> int | None:
    """Bytes the C allocator (glibc's malloc) has handed out now, or None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(None)
    if not hasattr(libc, "mallinfo2"):  # glibc before 2.33, or another C library
        return None

    class Mallinfo2(ctypes.Structure):
        _fields_ = [
            (name, ctypes.c_size_t)
            for name in (
                *("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks"),
                *("uordblks", "fordblks", "keepcost"),
            )
        ]

    libc.mallinfo2.restype = Mallinfo2
    info = libc.mallinfo2()
    return int(info.uordblks + info.hblkhd)


@pytest.mark.skipif(_mallinfo_in_use() is None, reason="glibc's mallinfo2 only")
def test_hashes_keep_their_table_off_the_c_heap() -> None:
    # render fills one with every output name and drops it just before the workers start:
    # from malloc, its tables stayed in the heap they inherit (docs/scale.md).
    names = [f"r{n:06d}" for n in range(100_000)]
    before = _mallinfo_in_use()
    seen = Hashes()
    for name in names:
        seen.add(name)
    after = _mallinfo_in_use()
    assert before is not None and after is not None
    assert len(seen) == 100_000  # a table of 262,144 slots, 2 MiB
    assert after - before < 256 * 1024
