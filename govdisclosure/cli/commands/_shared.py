"""What several commands share: running a batch, closing it, writing an output file."""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import overload

import attrs

from ...atomic import write_bytes
from ...batch import Outcome, Progress, expand, guarded, summary
from ...engines import open_engine
from ...findings import InputError
from ...inputs import load
from ...model import Report
from ..exits import ExitCode
from ..output import as_json, error, print_outcome, terminal


def files(args: argparse.Namespace, suffixes: Sequence[str]) -> list[Path]:
    return expand(args.files, suffixes)


def run_batch(
    task: Callable[[Path], Outcome],
    files: list[Path],
    args: argparse.Namespace,
    sink: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Run ``task`` over ``files`` on the chosen engine (every core by default), printing each
    outcome as it arrives (in the files' order) unless ``--json`` collects them; a summary
    closes a batch. ``sink`` sees each outcome first, with its dataset rows, which are then
    dropped: the outcomes kept are only what is printed."""
    progress = Progress(len(files), terminal())
    outcomes: list[Outcome] = []
    with open_engine(args.engine, args.jobs, args.scheduler) as engine:
        progress.note(engine.description)
        for outcome in engine.run(functools.partial(guarded, task), files):
            progress.step()
            if sink is not None:
                sink(outcome)
                outcome = attrs.evolve(outcome, cells=())
            outcomes.append(outcome)
            if not args.json:
                progress.clear()
                print_outcome(outcome, len(outcomes) > 1)
        progress.clear()
    return outcomes


def finish(
    outcomes: list[Outcome],
    args: argparse.Namespace,
    failed: Callable[[Outcome], bool] | None = None,
) -> ExitCode:
    if args.json:
        payload = [as_json(o) for o in outcomes]
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif len(outcomes) > 1:
        print()
        print(summary(outcomes))
    return ExitCode.of(outcomes, failed)


def same_outputs(files: Sequence[Path], command: str) -> bool:
    """Whether two inputs would write the same output (a.yaml and a.json, or one name in two
    folders): refused before anything is written, naming them."""
    by_stem: dict[str, list[Path]] = {}
    for f in files:
        by_stem.setdefault(f.stem, []).append(f)
    clashes = [paths for paths in by_stem.values() if len(paths) > 1]
    for paths in clashes:
        names = "、".join(map(str, paths))
        error(command, f"{names} 会写出同名文件，未生成；请分开处理")
    return bool(clashes)


def write_new(command: str, target: Path, data: bytes, force: bool) -> bool:
    """Write ``data`` to ``target`` atomically, refusing to replace a file unless forced."""
    if target.exists() and not force:
        error(command, f"{target} 已存在；如需覆盖请加 --force")
        return False
    try:
        write_bytes(target, data)
    except OSError as exc:
        error(command, f"无法写入 {target}：{exc.strerror or exc}")
        return False
    return True


def load_all(paths: list[Path]) -> tuple[list[Report], list[str]]:
    loaded: list[Report] = []
    problems: list[str] = []
    for path in paths:
        try:
            loaded.append(load(path))
        except InputError as exc:
            problems += [f.one_line(exc.file) for f in exc.findings]
    return loaded, problems


@overload
def on_workers(args: argparse.Namespace, path: Path) -> Path: ...
@overload
def on_workers(args: argparse.Namespace, path: Path | None) -> Path | None: ...
def on_workers(args: argparse.Namespace, path: Path | None) -> Path | None:
    """A path as the workers must see it: on a cluster, their working directory is not ours."""
    on_dask = args.engine == "dask" or args.scheduler is not None
    return path.absolute() if path is not None and on_dask else path
