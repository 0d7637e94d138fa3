"""What several commands share: running a batch, closing it, writing an output file.

A batch keeps nothing per file (docs/scale.md): each outcome is printed, or written as one
element of the ``--json`` array, as it arrives, and only counts and the exit code are kept
(:class:`Results`)."""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import overload

import attrs

from ...atomic import sync_folders, write_bytes
from ...batch import Files, Hashes, Outcome, Progress, Tally, expand, guarded
from ...engines import open_engine
from ...findings import InputError
from ...inputs import load
from ...model import Report
from ..exits import ExitCode, Verdict
from ..output import as_json, error, print_outcome, terminal


def files(args: argparse.Namespace, suffixes: Sequence[str]) -> Sequence[Path]:
    return expand(args.files, suffixes)


class Results:
    """What a batch keeps of its outcomes as they pass, so that it holds nothing per file:
    the counts of the closing line, the exit code so far (:class:`~..exits.Verdict`: the
    same as :meth:`ExitCode.of` of every outcome), and, with ``--json``, an array whose
    elements are written out one by one (the text ``json.dump`` of a list would give)."""

    def __init__(
        self, args: argparse.Namespace, failed: Callable[[Outcome], bool] | None, stream: bool
    ) -> None:
        self.tally = Tally()
        self.verdict = Verdict(failed)
        self._json = bool(args.json)
        self._stream = stream and self._json
        self._opened = False

    def add(self, outcome: Outcome) -> None:
        self.tally.add(outcome)
        self.verdict.add(outcome)
        if self._stream:
            self.write_json(as_json(outcome))

    def failed_later(self) -> None:
        """A report added without an error (read, not failed) has one found after it was
        added (S1 between two files of a batch): counted as failed."""
        self.tally.failed += 1
        self.verdict.any_failed = True

    def write_json(self, item: dict[str, object]) -> None:
        self.write_raw(json.dumps(item, ensure_ascii=False, indent=2))

    def write_raw(self, text: str) -> None:
        """The next element of the JSON array, as ``json.dumps(..., indent=2)`` gives it."""
        text = text.replace("\n", "\n  ")
        sys.stdout.write(f"{',' if self._opened else '['}\n  {text}")
        self._opened = True

    def finish(self) -> ExitCode:
        """Close the batch: the end of the JSON array, or the closing line of several files;
        the exit code."""
        if self._json:
            sys.stdout.write("\n]\n" if self._opened else "[]\n")
        elif self.tally.files > 1:
            print()
            print(self.tally.line())
        return self.verdict.code


def run_batch(
    task: Callable[[Path], Outcome],
    files: Sequence[Path],
    args: argparse.Namespace,
    sink: Callable[[Outcome], None] | None = None,
    failed: Callable[[Outcome], bool] | None = None,
    each: Callable[[Outcome], None] | None = None,
    stream: bool = True,
    results: Results | None = None,
) -> Results:
    """Run ``task`` over ``files`` on the chosen engine (every core by default), printing each
    outcome as it arrives (in the files' order), or writing it as JSON with ``--json``, and
    keeping only counts: a batch of a million files holds no more than one of ten. ``sink``
    sees each outcome first, with its dataset rows; ``each`` sees it as printed. Without
    ``stream``, the caller writes the JSON elements (into ``results``, made beforehand so
    that ``each`` can). ``failed``: which outcomes make the exit
    code :attr:`ExitCode.FINDINGS` (by default those with an error finding)."""
    progress = Progress(len(files), terminal())
    if results is None:
        results = Results(args, failed, stream)
    with open_engine(args.engine, args.jobs, args.scheduler) as engine:
        progress.note(engine.description)
        for outcome in engine.run(functools.partial(guarded, task), files):
            progress.step()
            if sink is not None:
                sink(outcome)
                outcome = attrs.evolve(outcome, cells=())
            if each is not None:
                each(outcome)
            if not args.json:
                progress.clear()
                print_outcome(outcome, results.tally.files > 0)
            results.add(outcome)
        progress.clear()
    return results


def finish(results: Results) -> ExitCode:
    return results.finish()


def synced(results: Results, args: argparse.Namespace, folder: Path) -> ExitCode:
    """A batch's closing line and exit code once what it wrote is on disk: its files were
    each written and renamed atomically, without waiting for the disk; this is the one wait
    (see docs/scale.md). On a Dask cluster each worker flushed its own files. Output that
    cannot be made durable was not written: :attr:`ExitCode.USAGE`."""
    if not on_dask(args) and results.tally.files:
        try:
            sync_folders([folder])
        except OSError as exc:
            error(args.command, f"无法写入磁盘：{exc.strerror or exc}")
            results.finish()
            return ExitCode.USAGE
    return results.finish()


def same_outputs(files: Sequence[Path], command: str) -> bool:
    """Whether two inputs would write the same output (a.yaml and a.json, or one name in two
    folders): refused before anything is written, naming them.

    Kept per file: a 64-bit hash of its name's stem (:class:`~govdisclosure.batch.Hashes`,
    11 to 21 bytes a file); only when two hashes meet are the files read again by name."""
    stems, twice = Hashes(), Hashes()
    for stem in files.stems() if isinstance(files, Files) else (f.stem for f in files):
        if stems.add(stem):
            twice.add(stem)
    if not twice:
        return False
    by_stem: dict[str, list[Path]] = {}
    for f in files:
        if f.stem in twice:
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


def load_all(paths: Sequence[Path]) -> tuple[list[Report], list[str]]:
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
    return path.absolute() if path is not None and on_dask(args) else path


def on_dask(args: argparse.Namespace) -> bool:
    return bool(args.engine == "dask" or args.scheduler is not None)
