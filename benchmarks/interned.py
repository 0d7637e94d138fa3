"""What making a ``Path`` of each of many new names costs a process: pathlib interns every
part of a path it makes (``sys.intern``), and the interpreter's table of interned strings
grows once as names come and go.

    python benchmarks/interned.py [--names 100000]

In a fresh interpreter that has imported what a ``render`` worker imports, makes one new
name at a time and drops it: as a ``Path`` (what a worker does for each of its files), as a
string passed to ``sys.intern``, and as a plain string (the control); prints the bytes the C
allocator has handed out (glibc's ``mallinfo2``) and the resident memory, against the start,
at checkpoints. Linux with glibc 2.33 or later.
"""

from __future__ import annotations

import argparse
import ctypes
import subprocess
import sys
from pathlib import Path

CHECKPOINTS = (1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 1_000_000)

PROBE = """
import ctypes, sys
from pathlib import Path
import govdisclosure.jobs, govdisclosure.rendering._text  # what a render worker imports

class Mallinfo2(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
        "uordblks", "fordblks", "keepcost")]

libc = ctypes.CDLL(None)
libc.mallinfo2.restype = Mallinfo2

def in_use():
    info = libc.mallinfo2()
    return info.uordblks + info.hblkhd

def resident():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024

how, count, checkpoints = sys.argv[1], int(sys.argv[2]), set(map(int, sys.argv[3:]))
make = {
    "Path": lambda name: Path("/srv/reports", name),
    "sys.intern": sys.intern,
    "plain str": lambda name: name + "",
}[how]
malloc0, rss0 = in_use(), resident()
for n in range(count + 1):
    if n in checkpoints:
        print(n, in_use() - malloc0, resident() - rss0)
    make(f"r{n:07d}.yaml")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=100_000)
    args = parser.parse_args()
    if not sys.platform.startswith("linux") or not hasattr(ctypes.CDLL(None), "mallinfo2"):
        sys.exit("needs Linux with glibc 2.33 or later (mallinfo2)")
    points = [str(n) for n in CHECKPOINTS if n <= args.names]
    root = Path(__file__).resolve().parent.parent
    print(f"Python {sys.version.split()[0]}; {args.names:,} new names, one at a time")
    print(f"{'made as':<11} " + " ".join(f"{int(n):>17,}" for n in points))
    for how in ("Path", "sys.intern", "plain str"):
        command = [sys.executable, "-c", PROBE, how, str(args.names), *points]
        lines = subprocess.run(command, capture_output=True, text=True, check=True, cwd=root)
        cells = []
        for line in lines.stdout.split("\n"):
            if line:
                _, malloc, rss = map(int, line.split())
                cells.append(f"{malloc / 1024:+,.0f}/{rss / 1024:+,.0f} KiB")
        print(f"{how:<11} " + " ".join(f"{c:>17}" for c in cells))
    print("(C allocator in use / resident, against the start)")


if __name__ == "__main__":
    main()
