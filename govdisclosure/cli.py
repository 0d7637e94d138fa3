"""The ``govdisclosure`` command line: ``init`` and ``validate``.

A user mistake (a bad file, a wrong option) ends with a located message and a non-zero
exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from . import __name__ as package
from .atomic import write_text
from .findings import Finding, InputError, has_errors
from .formats import FORMATS, UnknownFormatError, format_for_year, get_format
from .inputs import load
from .inputs.dump import to_json, to_yaml
from .model import Report
from .reading import read as read_report
from .render import RENDERERS, RenderError, render_files
from .skeleton import PLACEHOLDER_AGENCY, skeleton
from .textwidth import pad, width
from .validation import validate

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.run(args)
        sys.stdout.flush()
    except KeyboardInterrupt:  # pragma: no cover - interactive only
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
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    init = sub.add_parser("init", help="写出某年度报告的完整输入模板（YAML）")
    init.add_argument("--year", type=int, required=True, help="报告年度，如 2025")
    init.add_argument(
        "--format", choices=sorted(FORMATS), help="强制使用的格式版本（默认由年度决定）"
    )
    init.add_argument("--agency", default=PLACEHOLDER_AGENCY, help="机关名称")
    init.add_argument(
        "-o", "--output", type=Path, help="输出文件（默认 report-年度.yaml；“-”为标准输出）"
    )
    init.add_argument("--force", action="store_true", help="覆盖已有文件")
    init.set_defaults(run=_init)

    check = sub.add_parser("validate", help="校验输入文件，列出全部问题；有错误时退出码为 1")
    check.add_argument("files", nargs="+", type=Path, metavar="FILE")
    check.add_argument(
        "--previous", type=Path, metavar="FILE", help="同一机关上一年度的报告（检查 S1、S2）"
    )
    check.add_argument("--json", action="store_true", help="以 JSON 输出，供程序使用")
    check.set_defaults(run=_validate)

    render = sub.add_parser("render", help="生成可发布的 docx、HTML、Markdown、纯文本文件")
    render.add_argument("files", nargs="+", type=Path, metavar="FILE")
    render.add_argument(
        "-o", "--output", type=Path, default=Path("."), metavar="DIR", help="输出目录"
    )
    render.add_argument(
        "--to",
        default=",".join(RENDERERS),
        help=f"输出格式，逗号分隔（默认 {','.join(RENDERERS)}）",
    )
    render.add_argument(
        "--templates", type=Path, metavar="DIR", help="自定义模板目录，覆盖同名内置模板"
    )
    render.add_argument(
        "--allow-errors", action="store_true", help="即使校验有错误也生成（不建议用于发布）"
    )
    render.set_defaults(run=_render)

    read = sub.add_parser("read", help="读取已发布的报告（docx/HTML/Markdown/文本），写成输入文件")
    read.add_argument("file", type=Path, metavar="FILE")
    read.add_argument("--to", choices=("yaml", "json"), default="yaml", help="输出格式")
    read.add_argument("-o", "--output", type=Path, help="输出文件（默认标准输出）")
    read.set_defaults(run=_read)

    check = sub.add_parser("check", help="检查已发布的报告：读取并校验全部规则；有错误时退出码为 1")
    check.add_argument("files", nargs="+", type=Path, metavar="FILE")
    check.add_argument("--json", action="store_true", help="以 JSON 输出，供程序使用")
    check.set_defaults(run=_check)
    return parser


def _init(args: argparse.Namespace) -> int:
    try:
        fmt = get_format(args.format) if args.format else format_for_year(args.year)
        text = skeleton(args.year, fmt.version, args.agency)
    except UnknownFormatError as exc:
        print(f"{package} init: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.output is not None and str(args.output) == "-":
        sys.stdout.write(text)
        return EXIT_OK
    target: Path = args.output or Path(f"report-{args.year}.yaml")
    if target.exists() and not args.force:
        print(f"{package} init: {target} 已存在；如需覆盖请加 --force", file=sys.stderr)
        return EXIT_USAGE
    try:
        write_text(target, text)
    except OSError as exc:
        print(f"{package} init: 无法写入 {target}：{exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"已写出 {target}（{args.year}年度，{fmt.document}格式）")
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    previous: Report | None = None
    results: list[tuple[str, Report | None, list[Finding]]] = []
    if args.previous is not None:
        try:
            previous = load(args.previous)
        except InputError as exc:
            results.append((exc.file, None, list(exc.findings)))
    for path in args.files:
        try:
            report = load(path)
        except InputError as exc:
            results.append((exc.file, None, list(exc.findings)))
            continue
        results.append((str(path), report, validate(report, previous)))
    _print_results(results, args.json)
    return EXIT_FINDINGS if any(has_errors(fs) for _, _, fs in results) else EXIT_OK


def _render(args: argparse.Namespace) -> int:
    formats = [f.strip() for f in args.to.split(",") if f.strip()]
    unknown = [f for f in formats if f not in RENDERERS]
    if unknown or not formats:
        known = ",".join(RENDERERS)
        print(
            f"{package} render: 未知的输出格式 {','.join(unknown)}；可选 {known}", file=sys.stderr
        )
        return EXIT_USAGE
    status = EXIT_OK
    for path in args.files:
        try:
            report = load(path)
        except InputError as exc:
            for f in exc.findings:
                print(f.one_line(exc.file), file=sys.stderr)
            status = EXIT_FINDINGS
            continue
        findings = validate(report)
        if has_errors(findings) and not args.allow_errors:
            print_findings(str(path), report, findings, sys.stderr)
            print(f"{path}: 校验有错误，未生成；改正后重试，或加 --allow-errors", file=sys.stderr)
            status = EXIT_FINDINGS
            continue
        try:
            written = render_files(report, args.output, formats, args.templates, stem=path.stem)
        except RenderError as exc:
            print(f"{path}: 无法生成：{exc}", file=sys.stderr)
            status = EXIT_FINDINGS
            continue
        except OSError as exc:
            print(f"{path}: 无法写入 {args.output}：{exc.strerror or exc}", file=sys.stderr)
            status = EXIT_FINDINGS
            continue
        for out in written:
            print(out)
    return status


def _read(args: argparse.Namespace) -> int:
    try:
        reading = read_report(args.file)
    except InputError as exc:
        for f in exc.findings:
            print(f.one_line(exc.file), file=sys.stderr)
        return EXIT_FINDINGS
    for f in reading.findings:
        print(f.one_line(str(args.file)), file=sys.stderr)
    header = f"读取自 {args.file}；请核对后使用"
    text = to_json(reading.report) if args.to == "json" else to_yaml(reading.report, header)
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_text(args.output, text)
        print(f"已写出 {args.output}", file=sys.stderr)
    return EXIT_FINDINGS if has_errors(reading.findings) else EXIT_OK


def _check(args: argparse.Namespace) -> int:
    read: list[tuple[str, Report | None, list[Finding]]] = []
    for path in args.files:
        try:
            reading = read_report(path)
        except InputError as exc:
            read.append((exc.file, None, list(exc.findings)))
            continue
        read.append((str(path), reading.report, list(reading.findings)))
    # Two years of one agency among the files: check the carry-over between them (S1).
    by_agency = {(r.meta.agency, r.meta.year): r for _, r, _ in read if r is not None}
    results = []
    for file, report, findings in read:
        if report is not None:
            previous = by_agency.get((report.meta.agency, report.meta.year - 1))
            findings = findings + validate(report, previous)
        results.append((file, report, findings))
    _print_results(results, args.json)
    return EXIT_FINDINGS if any(has_errors(fs) for _, _, fs in results) else EXIT_OK


def _print_results(results: list[tuple[str, Report | None, list[Finding]]], as_json: bool) -> None:
    if as_json:
        payload = [_as_json(f, r, fs) for f, r, fs in results]
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    for i, (file, report, findings) in enumerate(results):
        if i:
            print()
        if report is None:
            # An unreadable file has no report to head a table: one line per problem.
            for f in findings:
                print(f.one_line(file))
        else:
            print_findings(file, report, findings, sys.stdout)


def _value(v: object) -> object:
    return str(v) if isinstance(v, Decimal) else v


def _as_json(file: str, report: Report | None, findings: list[Finding]) -> dict[str, object]:
    return {
        "file": file,
        "agency": report.meta.agency if report else None,
        "year": report.meta.year if report else None,
        "format": report.meta.version if report else None,
        "errors": sum(f.is_error for f in findings),
        "warnings": sum(not f.is_error for f in findings),
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


def print_findings(file: str, report: Report, findings: list[Finding], out: TextIO) -> None:
    """Findings of one file as an aligned table, with a heading and a closing count."""
    fmt = report.format
    out.write(f"{file} — {report.meta.agency} {report.meta.year}年度（{fmt.document}格式）\n")
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
