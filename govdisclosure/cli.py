"""The ``govdisclosure`` command line: init, validate, render, read, check, collect, aggregate,
compare.

A user mistake (a bad file, a wrong option) ends with a located message and a non-zero
exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import functools
import io
import itertools
import json
import multiprocessing
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TextIO, overload

import attrs

from . import __name__ as package
from .aggregate import AggregateError
from .atomic import sync_folders, write_bytes
from .batch import Hashes, Outcome, Progress, Tally, expand, guarded
from .engines import ENGINES, open_engine
from .findings import Finding, GovDisclosureError, InputError, has_errors
from .formats import FORMATS, UnknownFormatError, format_for_year, get_format
from .inputs import load, suffixes
from .jobs import aggregate_file, check_file, collect_file, read_file, render_file, validate_file
from .model import Report
from .skeleton import PLACEHOLDER_AGENCY, blank_report, skeleton
from .textwidth import pad, width
from .validation.report import check_version
from .years import Years

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

OUTPUTS = ("docx", "html", "md", "txt")
"""The names of :data:`govdisclosure.render.RENDERERS` (a test keeps them equal), so that
the parser does not import Jinja for a command that renders nothing."""


_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` with every control character and bidirectional override shown as ``\\uXXXX``:
    a downloaded file's text must not clear the screen, move the cursor, overwrite a line with
    a fake “未发现问题” or reverse what follows it. (JSON output reads back unchanged.)"""
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class _Visible(io.TextIOBase):
    """A text stream that writes :func:`visible` text to ``inner``."""

    def __init__(self, inner: TextIO) -> None:
        self.inner = inner

    def write(self, text: str) -> int:
        self.inner.write(visible(text))
        return len(text)

    def flush(self) -> None:
        self.inner.flush()

    def isatty(self) -> bool:
        return self.inner.isatty()

    def fileno(self) -> int:
        return self.inner.fileno()


def _terminal() -> TextIO:
    """stderr itself, for the progress bar, whose carriage returns are its own: everything
    else goes through :class:`_Visible`."""
    err = sys.stderr
    return err.inner if isinstance(err, _Visible) else err


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM (a service stopping, a scheduler's time limit): stop the workers first, which
    unlike Ctrl-C it does not reach, then stop as Ctrl-C does."""
    for child in multiprocessing.active_children():
        child.terminate()
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminated)
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Visible(out), _Visible(err)
    try:
        return _run(args)
    finally:
        sys.stdout, sys.stderr = out, err


def _run(args: argparse.Namespace) -> int:
    try:
        result: int = args.run(args)
        sys.stdout.flush()
    except GovDisclosureError as exc:
        # An engine or a dataset that cannot run (extra missing, cluster unreachable,
        # output in the way): a message, never a traceback.
        print(f"{package} {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:  # Ctrl-C, or SIGTERM through _terminated
        return 130
    except BrokenPipeError:
        # The reader (``| head``) went away: not an error of ours. Silence the flush at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=package,
        description="政府信息公开工作年度报告：生成输入模板、校验勾稽关系。",
    )
    sub = parser.add_subparsers(required=True, metavar="COMMAND", dest="command")

    init = sub.add_parser(
        "init", help="写出某年度报告的完整输入模板（YAML，或加 --xlsx 写成 Excel 工作簿）"
    )
    init.add_argument("--year", type=int, required=True, help="报告年度，如 2025")
    init.add_argument(
        "--format", choices=sorted(FORMATS), help="强制使用的格式版本（默认由年度决定）"
    )
    init.add_argument("--agency", default=PLACEHOLDER_AGENCY, help="机关名称")
    output = init.add_mutually_exclusive_group()
    output.add_argument(
        "-o", "--output", type=Path, help="输出文件（默认 report-年度.yaml；“-”为标准输出）"
    )
    output.add_argument(
        "--xlsx", type=Path, metavar="FILE", help="改为写出供填写的 Excel 工作簿（.xlsx）"
    )
    init.add_argument("--force", action="store_true", help="覆盖已有文件")
    init.set_defaults(run=_init)

    export = sub.add_parser(
        "export", help="把报告（YAML/JSON/TOML/xlsx，或已发布的 docx 等）转成 Excel 工作簿"
    )
    export.add_argument("file", type=Path, metavar="FILE")
    export.add_argument(
        "--xlsx", type=Path, required=True, metavar="OUT", help="写出的 Excel 工作簿（.xlsx）"
    )
    export.add_argument("--force", action="store_true", help="覆盖已有文件")
    export.set_defaults(run=_export)

    check = sub.add_parser("validate", help="校验输入文件，列出全部问题；有错误时退出码为 1")
    check.add_argument("files", nargs="+", type=Path, metavar="FILE")
    check.add_argument(
        "--previous", type=Path, metavar="FILE", help="同一机关上一年度的报告（检查 S1、S2）"
    )
    check.add_argument("--json", action="store_true", help="以 JSON 输出，供程序使用")
    _jobs(check)
    check.set_defaults(run=_validate)

    render = sub.add_parser("render", help="生成可发布的 docx、HTML、Markdown、纯文本文件")
    render.add_argument("files", nargs="+", type=Path, metavar="FILE")
    render.add_argument(
        "-o", "--output", type=Path, default=Path("."), metavar="DIR", help="输出目录"
    )
    render.add_argument(
        "--to",
        default=",".join(OUTPUTS),
        help=f"输出格式，逗号分隔（默认 {','.join(OUTPUTS)}）",
    )
    render.add_argument(
        "--templates", type=Path, metavar="DIR", help="自定义模板目录，覆盖同名内置模板"
    )
    render.add_argument(
        "--allow-errors", action="store_true", help="即使校验有错误也生成（不建议用于发布）"
    )
    render.add_argument(
        "--previous", type=Path, metavar="FILE", help="上一年度的报告（正文可写 last.t3.new.total）"
    )
    render.add_argument("--json", action="store_true", help="以 JSON 输出结果，供程序使用")
    render.add_argument("--force", action="store_true", help="覆盖已有文件")
    _jobs(render)
    render.set_defaults(run=_render)

    read = sub.add_parser(
        "read", help="读取已发布的报告（docx/HTML/PDF/Markdown/文本），写成输入文件"
    )
    read.add_argument("files", nargs="+", type=Path, metavar="FILE")
    read.add_argument("--to", choices=("yaml", "json"), default="yaml", help="输出格式")
    read.add_argument(
        "-o",
        "--output",
        type=Path,
        help="输出文件（默认标准输出）；读取多个文件或目录时为输出目录，每份报告一个文件",
    )
    read.add_argument("--force", action="store_true", help="覆盖已有文件")
    _jobs(read)
    read.set_defaults(run=_read)

    check = sub.add_parser("check", help="检查已发布的报告：读取并校验全部规则；有错误时退出码为 1")
    check.add_argument("files", nargs="+", type=Path, metavar="FILE")
    check.add_argument("--json", action="store_true", help="以 JSON 输出，供程序使用")
    check.add_argument(
        "--dataset",
        type=Path,
        metavar="DIR",
        help="同时把全部单元格和问题写成数据集（DIR/cells.parquet、DIR/findings.parquet）",
    )
    check.add_argument("--force", action="store_true", help="覆盖已有的数据集文件")
    _jobs(check)
    check.set_defaults(run=_check)

    collect = sub.add_parser(
        "collect", help="把全部报告（已发布的报告或输入文件）的每个单元格写成一张 Parquet 表"
    )
    collect.add_argument("files", nargs="+", metavar="FILE", help="文件、目录或通配符")
    collect.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="OUT",
        help="X.parquet（问题另写 X.findings.parquet），或目录（cells.parquet、findings.parquet）",
    )
    collect.add_argument("--force", action="store_true", help="覆盖已有文件")
    _jobs(collect)
    collect.set_defaults(run=_collect)

    agg = sub.add_parser(
        "aggregate", help="汇总同一年度、同一格式多个机关的报告（表二、三、四逐格相加）"
    )
    agg.add_argument("files", nargs="+", metavar="FILE", help="输入文件、目录或通配符")
    agg.add_argument("-o", "--output", type=Path, required=True, help="汇总结果（YAML）")
    agg.add_argument("--force", action="store_true", help="覆盖已有文件")
    agg.add_argument("--agency", default="（汇总）", help="汇总报告的机关名称")
    _jobs(agg)
    agg.set_defaults(run=_aggregate)

    cmp = sub.add_parser("compare", help="逐格比较同一机关两个年度的报告（同比）")
    cmp.add_argument("last", type=Path, metavar="LAST", help="上一年度的报告")
    cmp.add_argument("this", type=Path, metavar="THIS", help="本年度的报告")
    cmp.add_argument("--all", action="store_true", help="列出全部单元格（默认只列两年不全为0的）")
    cmp.set_defaults(run=_compare)
    return parser


def _jobs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-j", "--jobs", type=int, metavar="N", help="并行进程数（默认为 CPU 核数）")
    parser.add_argument(
        "--engine",
        choices=list(ENGINES),
        help="; ".join(f"{e.name}：{e.help}" for e in ENGINES.values()),
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="在已运行的 Dask 集群上处理（调度器地址，如 tcp://主机:8786）；需 govdisclosure[dask]",
    )


def _init(args: argparse.Namespace) -> int:
    try:
        fmt = get_format(args.format) if args.format else format_for_year(args.year)
    except UnknownFormatError as exc:
        print(f"{package} init: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.xlsx is not None:
        target: Path = args.xlsx
        from .xlsx import to_xlsx  # openpyxl costs 0.15 s to import: only when asked for

        data = to_xlsx(blank_report(args.year, fmt.version, args.agency))
    else:
        text = skeleton(args.year, fmt.version, args.agency)
        if args.output is not None and str(args.output) == "-":
            sys.stdout.write(text)
            return EXIT_OK
        target = args.output or Path(f"report-{args.year}.yaml")
        data = text.encode("utf-8")
    if not _write_new("init", target, data, args.force):
        return EXIT_USAGE
    print(f"已写出 {target}（{args.year}年度，{fmt.document}格式）")
    return EXIT_OK


def _files(args: argparse.Namespace, suffixes: Sequence[str]) -> Sequence[Path]:
    return expand(args.files, suffixes)


class _Results:
    """What a batch keeps of its outcomes as they pass, so that it holds nothing per file:
    the counts of the closing line, whether any failed, and, with ``--json``, an array whose
    elements are written out one by one (the text ``json.dump`` of a list would give)."""

    def __init__(
        self, args: argparse.Namespace, failed: Callable[[Outcome], bool], stream: bool
    ) -> None:
        self.tally = Tally()
        self.any_failed = False
        self._failed = failed
        self._json = bool(args.json)
        self._stream = stream and self._json
        self._opened = False

    def add(self, outcome: Outcome) -> None:
        self.tally.add(outcome)
        self.any_failed |= self._failed(outcome)
        if self._stream:
            self.write_json(_as_json(outcome))

    def write_json(self, item: dict[str, object]) -> None:
        text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        sys.stdout.write(f"{',' if self._opened else '['}\n  {text}")
        self._opened = True

    def finish(self) -> int:
        if self._json:
            sys.stdout.write("\n]\n" if self._opened else "[]\n")
        elif self.tally.files > 1:
            print()
            print(self.tally.line())
        return EXIT_FINDINGS if self.any_failed else EXIT_OK


def _batch(
    task: Callable[[Path], Outcome],
    files: Sequence[Path],
    args: argparse.Namespace,
    sink: Callable[[Outcome], None] | None = None,
    failed: Callable[[Outcome], bool] | None = None,
    each: Callable[[Outcome], None] | None = None,
    stream: bool = True,
) -> _Results:
    """Run ``task`` over ``files`` on the chosen engine (every core by default), printing each
    outcome as it arrives (in the files' order), or writing it as JSON with ``--json``, and
    keeping only counts: a batch of a million files holds no more than one of ten. ``sink``
    sees each outcome first, with its dataset rows; ``each`` sees it as printed. Without
    ``stream``, the caller writes the JSON elements."""
    progress = Progress(len(files), _terminal())
    results = _Results(args, failed or (lambda o: o.failed), stream)
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
                _print_outcome(outcome, results.tally.files > 0)
            results.add(outcome)
        progress.clear()
    return results


def _same_outputs(files: Sequence[Path], command: str) -> bool:
    """Whether two inputs would write the same output (a.yaml and a.json, or one name in two
    folders): refused before anything is written, naming them.

    Kept per file: a 64-bit hash of its name's stem (:class:`~govdisclosure.batch.Hashes`,
    16 to 32 bytes a file); only when two hashes meet are the files read again by name."""
    stems, twice = Hashes(), Hashes()
    for f in files:
        if stems.add(f.stem):
            twice.add(f.stem)
    if not twice:
        return False
    by_stem: dict[str, list[Path]] = {}
    for f in files:
        if f.stem in twice:
            by_stem.setdefault(f.stem, []).append(f)
    clashes = [paths for paths in by_stem.values() if len(paths) > 1]
    for paths in clashes:
        names = "、".join(map(str, paths))
        print(f"{package} {command}: {names} 会写出同名文件，未生成；请分开处理", file=sys.stderr)
    return bool(clashes)


def _write_new(command: str, target: Path, data: bytes, force: bool) -> bool:
    """Write ``data`` to ``target`` atomically, refusing to replace a file unless forced."""
    if target.exists() and not force:
        print(f"{package} {command}: {target} 已存在；如需覆盖请加 --force", file=sys.stderr)
        return False
    try:
        write_bytes(target, data)
    except OSError as exc:
        print(f"{package} {command}: 无法写入 {target}：{exc.strerror or exc}", file=sys.stderr)
        return False
    return True


def _export(args: argparse.Namespace) -> int:
    from .reading import read as read_report

    path: Path = args.file
    findings: list[Finding] = []
    try:
        if path.suffix.lower() in suffixes():
            report = load(path)
        else:
            # A published report (docx, HTML, …): what could not be read is warned about.
            reading = read_report(path)
            report, findings = reading.report, list(reading.findings)
    except InputError as exc:
        for f in exc.findings:
            print(f.one_line(exc.file), file=sys.stderr)
        return EXIT_FINDINGS
    for f in findings:
        print(f.one_line(str(path)), file=sys.stderr)
    from .xlsx import WorkbookError, to_xlsx  # openpyxl only when asked for

    try:
        workbook = to_xlsx(report)
    except WorkbookError as exc:
        print(f"{package} export: {path}: {exc}", file=sys.stderr)
        return EXIT_FINDINGS
    if not _write_new("export", args.xlsx, workbook, args.force):
        return EXIT_USAGE
    print(f"已写出 {args.xlsx}（{report.meta.agency} {report.meta.year}年度）")
    return EXIT_FINDINGS if has_errors(findings) else EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    files = _files(args, suffixes())
    task = functools.partial(validate_file, previous=_on_workers(args, args.previous))
    return _batch(task, files, args).finish()


def _check(args: argparse.Namespace) -> int:
    from .reading import READERS  # the readers only for the commands that read

    files = _files(args, tuple(READERS))
    if args.json:
        # Two years of one agency pair up only once both are read, and S1's findings belong
        # in the earlier-listed file's element of the array: with --json the outcomes are
        # kept to the end (without it, only each report's two carry rows are).
        return _check_json(files, args)
    # Two years of one agency among the files: check the carry-over between them (S1),
    # pairing them as they come, keeping of each report its name, its heading and two rows.
    years: Years[tuple[int, str, str | None, bool]] = Years()
    extra: list[tuple[tuple[int, str, str | None, bool], tuple[Finding, ...]]] = []
    seen = itertools.count()

    def pair(o: Outcome) -> None:
        i = next(seen)
        if o.carry:
            extra.extend(years.add((i, o.file, o.heading, o.failed), o.carry))

    if args.dataset is None:
        results = _batch(check_file, files, args, each=pair)
    else:
        from .dataset import DatasetWriter, prepare  # pyarrow only when a dataset is asked for

        with DatasetWriter(*prepare(args.dataset, args.force)) as dataset:
            results = _batch(collect_file, files, args, sink=dataset.add, each=pair)
        print(f"已写出数据集 {dataset.cells.target}、{dataset.findings.target}", file=sys.stderr)
    if extra:
        print("\n跨年度检查（S1：上年结转与上年度报告的结转下年度）")
        for (_, file, heading, failed), found in sorted(extra, key=lambda e: e[0][0]):
            print()
            print_findings(f"{file} — {heading}", list(found), sys.stdout)
            if has_errors(found) and not failed:
                results.tally.failed += 1
                results.any_failed = True
    return results.finish()


def _check_json(files: Sequence[Path], args: argparse.Namespace) -> int:
    outcomes: list[Outcome] = []
    task: Callable[[Path], Outcome] = check_file
    if args.dataset is None:
        results = _batch(task, files, args, each=outcomes.append, stream=False)
    else:
        from .dataset import DatasetWriter, prepare

        with DatasetWriter(*prepare(args.dataset, args.force)) as dataset:
            results = _batch(
                collect_file, files, args, sink=dataset.add, each=outcomes.append, stream=False
            )
        print(f"已写出数据集 {dataset.cells.target}、{dataset.findings.target}", file=sys.stderr)
    years: Years[int] = Years()
    for i, o in enumerate(outcomes):
        if o.carry:
            for j, found in years.add(i, o.carry):
                outcomes[j] = attrs.evolve(outcomes[j], findings=(*outcomes[j].findings, *found))
    for o in outcomes:
        results.write_json(_as_json(o))
    return results.finish()


def _render(args: argparse.Namespace) -> int:
    from .render import RENDERERS

    formats = [f.strip() for f in args.to.split(",") if f.strip()]
    unknown = [f for f in formats if f not in RENDERERS]
    if unknown or not formats:
        known = ",".join(RENDERERS)
        print(
            f"{package} render: 未知的输出格式 {','.join(unknown)}；可选 {known}", file=sys.stderr
        )
        return EXIT_USAGE
    task = functools.partial(
        render_file,
        out=_on_workers(args, args.output),
        formats=formats,
        templates=_on_workers(args, args.templates),
        allow_errors=args.allow_errors,
        previous=_on_workers(args, args.previous),
        force=args.force,
        durable=_on_dask(args),  # on the pool: one sync at the end (_synced)
    )
    files = _files(args, suffixes())
    if _same_outputs(files, "render"):
        return EXIT_USAGE
    # With --allow-errors a report with findings still counts as done once it is written.
    results = _batch(task, files, args, failed=lambda o: not o.written)
    return _synced(results, args, args.output)


def _load_all(paths: Sequence[Path]) -> tuple[list[Report], list[str]]:
    loaded: list[Report] = []
    problems: list[str] = []
    for path in paths:
        try:
            loaded.append(load(path))
        except InputError as exc:
            problems += [f.one_line(exc.file) for f in exc.findings]
    return loaded, problems


def _aggregate(args: argparse.Namespace) -> int:
    """Every input loaded on the chosen engine (every core by default), and summed in here as
    the outcomes come, keeping running sums and the sources' names, never the reports."""
    from .aggregate import Sum
    from .atomic import write_all
    from .inputs.dump import yaml_lines

    if args.output.exists() and not args.force:
        print(f"{package} aggregate: {args.output} 已存在；如需覆盖请加 --force", file=sys.stderr)
        return EXIT_USAGE
    files = expand(args.files, suffixes())
    progress = Progress(len(files), _terminal())
    total, unreadable = Sum(), False
    with open_engine(args.engine, args.jobs, args.scheduler) as engine:
        progress.note(engine.description)
        for outcome in engine.run(functools.partial(guarded, aggregate_file), files):
            progress.step()
            if outcome.summand is None:
                unreadable = True
                progress.clear()
                for f in outcome.findings:
                    print(f.one_line(outcome.file), file=sys.stderr)
            elif not unreadable:
                total.add(outcome.summand)
        progress.clear()
    if unreadable or not total.count:
        print(f"{package} aggregate: 有文件无法读取，未汇总", file=sys.stderr)
        return EXIT_FINDINGS
    try:
        summary = total.report(args.agency, sources=False)
    except AggregateError as exc:
        print(f"{package} aggregate: {exc}", file=sys.stderr)
        return EXIT_FINDINGS
    header = f"{args.agency} {summary.meta.year}年度汇总，来自{total.count}份报告"
    text = (line.encode("utf-8") for line in yaml_lines(summary, header, total.sources()))
    try:
        write_all([(args.output, text)])
    except OSError as exc:
        print(
            f"{package} aggregate: 无法写入 {args.output}：{exc.strerror or exc}", file=sys.stderr
        )
        return EXIT_USAGE
    print(f"已写出 {args.output}（汇总 {total.count} 份报告）")
    return EXIT_OK


def _compare(args: argparse.Namespace) -> int:
    from .compare import CompareError, compare  # imported by the command that uses it

    loaded, problems = _load_all([args.last, args.this])
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        return EXIT_FINDINGS
    last, this = loaded
    try:
        result = compare(last, this)
    except CompareError as exc:
        print(f"{package} compare: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for warning in result.warnings:
        print(f"{package} compare: 警告：{warning}", file=sys.stderr)
    rows = [("位置", f"{last.meta.year}年", f"{this.meta.year}年", "增减", "同比")]
    for c in result.cells:
        if args.all or c.last or c.this:
            rows.append((c.location, str(c.last), str(c.this), f"{c.change:+}", c.phrase))
    widths = [max(width(r[i]) for r in rows) for i in range(4)]
    print(f"{this.meta.agency} {last.meta.year}—{this.meta.year}年度比较")
    for row in rows:
        print(
            "  ".join([*(pad(c, w) for c, w in zip(row, widths, strict=False)), row[-1]]).rstrip()
        )
    if result.findings:
        print()
        print_findings("跨年度检查", list(result.findings), sys.stdout)
    return EXIT_OK


def _print_outcome(outcome: Outcome, separate: bool) -> None:
    if separate:
        print()
    if outcome.heading is None:
        # An unreadable file has no report to head a table: one line per problem.
        for f in outcome.findings:
            print(f.one_line(outcome.file))
        return
    if outcome.written and not outcome.findings:
        for path in outcome.written:
            print(path)
        return
    print_findings(f"{outcome.file} — {outcome.heading}", list(outcome.findings), sys.stdout)
    for path in outcome.written:
        print(path)


def _read(args: argparse.Namespace) -> int:
    from .inputs.dump import to_json, to_yaml
    from .reading import READERS
    from .reading import read as read_report
    from .render.document import literal_report

    files = _files(args, tuple(READERS))
    one = len(args.files) == 1 and len(files) == 1 and files[0] == args.files[0]
    if not one or (args.output is not None and args.output.is_dir()):
        return _read_many(files, args)
    args.file = files[0]
    try:
        reading = read_report(args.file)
    except InputError as exc:
        for f in exc.findings:
            print(f.one_line(exc.file), file=sys.stderr)
        return EXIT_FINDINGS
    for f in reading.findings:
        print(f.one_line(str(args.file)), file=sys.stderr)
    out_of_range = [f for f in check_version(reading.report) if f.rule == "RANGE"]
    if out_of_range:
        # Such a file could not be loaded again: nothing is written.
        for f in out_of_range:
            print(f.one_line(str(args.file)), file=sys.stderr)
        return EXIT_FINDINGS
    header = f"读取自 {args.file}；请核对后使用"
    # Prose of a downloaded report is written so that rendering it never runs its “{{ … }}”.
    report = literal_report(reading.report)
    text = to_json(report) if args.to == "json" else to_yaml(report, header)
    if args.output is None:
        sys.stdout.write(text)
    elif not _write_new("read", args.output, text.encode("utf-8"), args.force):
        return EXIT_USAGE
    else:
        print(f"已写出 {args.output}", file=sys.stderr)
    return EXIT_FINDINGS if has_errors(reading.findings) else EXIT_OK


def _read_many(files: Sequence[Path], args: argparse.Namespace) -> int:
    """``read`` of several files or a directory: one input file each, into ``-o DIR``."""
    if args.output is None:
        print(f"{package} read: 读取多个文件时请用 -o 指定输出目录", file=sys.stderr)
        return EXIT_USAGE
    args.json = False
    if _same_outputs(files, "read"):
        return EXIT_USAGE
    out = _on_workers(args, args.output)
    task = functools.partial(
        read_file, out=out, to=args.to, force=args.force, durable=_on_dask(args)
    )
    results = _batch(task, files, args, failed=lambda o: not o.written or o.failed)
    return _synced(results, args, args.output)


def _synced(results: _Results, args: argparse.Namespace, folder: Path) -> int:
    """A batch's closing line and exit code once what it wrote is on disk: its files were
    each written and renamed atomically, without waiting for the disk; this is the one wait
    (see docs/scale.md). On a Dask cluster each worker flushed its own files."""
    if not _on_dask(args) and results.tally.files:
        try:
            sync_folders([folder])
        except OSError as exc:
            print(f"{package} {args.command}: 无法写入磁盘：{exc.strerror or exc}", file=sys.stderr)
            results.finish()
            return EXIT_FINDINGS
    return results.finish()


@overload
def _on_workers(args: argparse.Namespace, path: Path) -> Path: ...
@overload
def _on_workers(args: argparse.Namespace, path: Path | None) -> Path | None: ...
def _on_workers(args: argparse.Namespace, path: Path | None) -> Path | None:
    """A path as the workers must see it: on a cluster, their working directory is not ours."""
    return path.absolute() if path is not None and _on_dask(args) else path


def _on_dask(args: argparse.Namespace) -> bool:
    return bool(args.engine == "dask" or args.scheduler is not None)


def _collect(args: argparse.Namespace) -> int:
    from .dataset import SUFFIXES, write  # pyarrow only when a dataset is asked for

    files = expand(args.files, SUFFIXES)
    progress = Progress(len(files), _terminal())

    def outcomes() -> Iterator[Outcome]:
        with open_engine(args.engine, args.jobs, args.scheduler) as engine:
            progress.note(engine.description)
            for outcome in engine.run(functools.partial(guarded, collect_file), files):
                progress.step()
                if not outcome.readable:
                    progress.clear()
                    for f in outcome.findings:
                        print(f.one_line(outcome.file), file=sys.stderr)
                yield outcome
        progress.clear()

    done = write(outcomes(), args.output, args.force)
    print(
        f"已写出 {done.cells}（{done.reports} 份报告，{done.cell_rows} 个单元格）"
        f"和 {done.findings}（{done.finding_rows} 个问题）"
    )
    print(done.summary)
    return EXIT_OK


def _value(v: object) -> object:
    return str(v) if isinstance(v, Decimal) else v


def _as_json(outcome: Outcome) -> dict[str, object]:
    findings = outcome.findings
    return {
        "file": outcome.file,
        "agency": outcome.report.agency if outcome.report else None,
        "year": outcome.report.year if outcome.report else None,
        "format": outcome.report.version if outcome.report else None,
        "errors": sum(f.is_error for f in findings),
        "warnings": sum(not f.is_error for f in findings),
        "written": list(outcome.written),
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity.value,
                "path": f.path,
                "location": f.location,
                "message": f.message,
                "stated": _value(f.stated),
                "computed": _value(f.computed),
            }
            for f in findings
        ],
    }


def print_findings(title: str, findings: list[Finding], out: TextIO) -> None:
    """Findings of one file as an aligned table, with a heading and a closing count."""
    out.write(f"{title}\n")
    if not findings:
        out.write("未发现问题。\n")
        return
    header = ("级别", "规则", "位置", "填报", "计算", "说明")
    rows = [
        (
            f.severity.label,
            f.rule,
            f.location,
            "" if f.stated is None else str(f.stated),
            "" if f.computed is None else str(f.computed),
            f.message,
        )
        for f in findings
    ]
    widths = [max(width(r[i]) for r in (header, *rows)) for i in range(len(header) - 1)]
    for row in (header, *rows):
        cells = [pad(c, w) for c, w in zip(row, widths, strict=False)]
        out.write("  ".join([*cells, row[-1]]).rstrip() + "\n")
    errors = sum(f.is_error for f in findings)
    out.write(f"共 {errors} 个错误，{len(findings) - errors} 个警告。\n")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
