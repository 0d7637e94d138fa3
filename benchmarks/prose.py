"""Checking prose against the tables: time in proportion to the length of the prose.

    python benchmarks/prose.py [--rounds N]

Side by side in one run, interleaved (see ``interleave.py``), the seconds ``check_prose``
takes on real prose (the shipped examples' paragraphs, repeated) of 100,000 and 500,000
characters, as one paragraph and as one paragraph a sentence. The 500 kB text is compared
with the 100 kB one round by round: linear work gives about 5×, the quadratic scan this
replaced gave 25× and more (31.5 s for 528 kB). Target: ≤ 6× the 100 kB text. The test suite
checks the same property by counting calls, not seconds (``tests/test_prose_reading.py``).
Exit status 1 when a target is missed. Leaves no files behind.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from hermetic import own_cache
from interleave import Contender, interleave, report

import govdisclosure as g
from govdisclosure.validation.prose import check_prose

ROOT = Path(__file__).resolve().parent.parent


def prose(size: int) -> str:
    """The examples' prose, repeated to ``size`` characters."""
    paragraphs = [
        text
        for example in sorted((ROOT / "examples").glob("*.yaml"))
        for section in g.load(example).format.sections
        if (part := g.load(example).section(section.key)) is not None
        and isinstance(part, g.Section)
        for text in part.text_paragraphs()
    ]
    unit = "".join(paragraphs)
    return (unit * (size // len(unit) + 1))[:size]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    report_ = g.load(ROOT / "examples" / "example-2024.yaml")
    contenders = []
    for shape in ("one paragraph", "a paragraph a sentence"):
        for size in (100_000, 500_000):
            text = prose(size)
            paragraphs = (
                (text,) if shape == "one paragraph" else tuple(re.findall("[^。]*。?", text))
            )
            checked = report_.replace(overview=g.Section(paragraphs=paragraphs))
            name = f"{size // 1000} kB, {shape}"
            contenders.append(
                Contender(
                    name,
                    run=lambda r=checked: list(check_prose(r)),
                    baseline=f"100 kB, {shape}" if size == 500_000 else None,
                    target=6.0 if size == 500_000 else None,
                )
            )
    interleave(contenders, args.rounds, at_least=0.05)
    met = report(contenders, unit=1.0, unit_name="s")
    return 0 if met else 1


if __name__ == "__main__":
    with own_cache():
        sys.exit(main())
