"""Timing contenders side by side on a shared, noisy machine: the machinery of the benchmarks.

Every round runs each contender (a batch of calls, for the fast ones) three times over, in
an order shuffled anew for each pass, so that a burst of other work on the machine falls on
all of them alike; the round's time of a contender is the fastest of its three, since other
work only ever adds time. Time is CPU time, of this process and of the child processes it
waited for (a PDF is read in one): on a machine that other work shares, time spent waiting
for a CPU is not the contender's. A contender is compared with its baseline round by round
(the ratio of the two times measured in the same round), and the median and the spread of
those ratios are printed with the medians of the times. Nothing is pinned to one CPU: on a
machine whose other work moves between cores, pinning made results swing by half.
"""

from __future__ import annotations

import random
import resource
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass
class Contender:
    name: str
    run: Callable[[], object] | None = None
    """One call, timed here; or else:"""
    timed: Callable[[int], float] | None = None
    """n calls made elsewhere (a worker process), returning the CPU seconds they took."""
    baseline: str | None = None
    """The contender it is compared with, round by round."""
    target: float | None = None
    """The ratio to its baseline it must not exceed (a speed-up target is written as a
    ratio below 1: 4× faster is 0.25)."""
    rounds: int | None = None
    """Run in this many rounds only (the slow ones), interleaved with the others all the same."""
    speedup: bool = False
    """Shown as how many times faster than its baseline (as a target below 1 is)."""
    note: str = ""
    times: list[float] = field(default_factory=list)
    """Seconds per call, one entry per round it ran in."""
    batch: int = 1


def cpu() -> float:
    """CPU seconds used so far by this process and by the children it has waited for."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def measure(contender: Contender, n: int) -> float:
    """CPU seconds per call, over ``n`` calls."""
    if contender.timed is not None:
        return contender.timed(n) / n
    run = contender.run
    assert run is not None
    start = cpu()
    for _ in range(n):
        run()
    return (cpu() - start) / n


def calibrate(contender: Contender, at_least: float) -> None:
    """Warm the contender up (imports, caches, as a long-running process has them) and
    choose how many calls one timing takes, so that it lasts ``at_least`` seconds."""
    measure(contender, 1)
    once = measure(contender, 1)
    contender.batch = max(1, min(1000, round(at_least / max(once, 1e-6))))


PASSES = 3
"""Runs of each contender in a round, of which the fastest counts."""


def interleave(contenders: Sequence[Contender], rounds: int, at_least: float = 0.01) -> None:
    """Time every contender in every round (see the module doc); fills ``times``."""
    for c in contenders:
        calibrate(c, at_least)
    order = list(contenders)
    rng = random.Random(15)
    for n in range(rounds):
        taking = [c for c in order if c.rounds is None or n < c.rounds]
        best = {id(c): float("inf") for c in taking}
        for _ in range(PASSES):
            rng.shuffle(taking)
            for c in taking:
                best[id(c)] = min(best[id(c)], measure(c, c.batch))
        for c in taking:
            c.times.append(best[id(c)])


def quartiles(values: Sequence[float]) -> tuple[float, float, float]:
    """The 25th, 50th and 75th percentiles."""
    if len(values) == 1:
        return values[0], values[0], values[0]
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q2, q3


def ratios(contender: Contender, baseline: Contender) -> list[float]:
    """Its time over the baseline's, in each round both ran in."""
    return [a / b for a, b in zip(contender.times, baseline.times, strict=False)]


def report(contenders: Sequence[Contender], unit: float = 1e3, unit_name: str = "ms") -> bool:
    """Print one line per contender: median time, its spread, and the median ratio to its
    baseline with that ratio's spread and the target. True when every target is met."""
    by_name = {c.name: c for c in contenders}
    width = max(len(c.name) for c in contenders) + 2
    print(
        f"{'':<{width}}{'median':>9}{'p25–p75 ' + unit_name:>20}{'runs':>6}"
        f"   {'ratio to baseline (median, p25–p75)'}"
    )
    met = True
    for c in contenders:
        q1, q2, q3 = quartiles(c.times)
        line = (
            f"{c.name:<{width}}{q2 * unit:>9.3f}{f'{q1 * unit:.3f}–{q3 * unit:.3f}':>20}"
            f"{len(c.times):>6}"
        )
        if c.baseline is not None:
            r1, r2, r3 = quartiles(ratios(c, by_name[c.baseline]))
            if c.speedup or (c.target is not None and c.target < 1):  # a speed-up
                line += f"   {1 / r2:5.2f}× faster than {c.baseline} ({1 / r3:.2f}–{1 / r1:.2f})"
                goal = f"≥ {1 / c.target:g}× faster" if c.target is not None else ""
            else:
                line += f"   {r2:5.2f}× {c.baseline} ({r1:.2f}–{r3:.2f})"
                goal = f"≤ {c.target:g}×" if c.target is not None else ""
            if c.target is not None:
                ok = r2 <= c.target
                met &= ok
                line += f"  target {goal}: {'ok' if ok else 'MISSED'}"
        if c.note:
            line += f"  [{c.note}]"
        print(line)
    return met
