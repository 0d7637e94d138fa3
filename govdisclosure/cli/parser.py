"""The ``govdisclosure`` command line's arguments: one sub-command each, run by
``args.run`` (a function of :mod:`govdisclosure.cli.commands`)."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from pathlib import Path

from ..engines import ENGINES
from ..formats import FORMATS
from ..skeleton import PLACEHOLDER_AGENCY
from .exits import ExitCode
from .output import PROG

OUTPUTS = ("docx", "html", "md", "txt")
"""The names of :data:`govdisclosure.rendering.RENDERERS` (a test keeps them equal), so that
the parser does not import Jinja for a command that renders nothing."""


def _command(name: str) -> Callable[[argparse.Namespace], ExitCode]:
    """The ``run`` of :mod:`govdisclosure.cli.commands`'s module ``name``, imported when the
    command runs: a command loads only its own module and what that uses (start-up)."""

    def run(args: argparse.Namespace) -> ExitCode:
        module = importlib.import_module(f"{__package__}.commands.{name}")
        result: ExitCode = module.run(args)
        return result

    return run


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="政府信息公开工作年度报告：生成输入模板、校验勾稽关系。",
        epilog=(
            "退出码（每条命令相同）：0 完成，没有错误；1 完成，发现错误；"
            "2 未能完成（选项有误、文件无法读取、输出文件已存在而未加 --force 或无法写入）。"
        ),
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
    init.set_defaults(run=_command("init"))

    export = sub.add_parser(
        "export", help="把报告（YAML/JSON/TOML/xlsx，或已发布的 docx 等）转成 Excel 工作簿"
    )
    export.add_argument("file", type=Path, metavar="FILE")
    export.add_argument(
        "--xlsx", type=Path, required=True, metavar="OUT", help="写出的 Excel 工作簿（.xlsx）"
    )
    export.add_argument("--force", action="store_true", help="覆盖已有文件")
    export.set_defaults(run=_command("export"))

    check = sub.add_parser("validate", help="校验输入文件，列出全部问题；有错误时退出码为 1")
    check.add_argument("files", nargs="+", type=Path, metavar="FILE")
    check.add_argument(
        "--previous", type=Path, metavar="FILE", help="同一机关上一年度的报告（检查 S1、S2）"
    )
    check.add_argument("--json", action="store_true", help="以 JSON 输出，供程序使用")
    _engine_options(check)
    check.set_defaults(run=_command("validate"))

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
    _engine_options(render)
    render.set_defaults(run=_command("render"))

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
    _engine_options(read)
    read.set_defaults(run=_command("read"))

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
    _engine_options(check)
    check.set_defaults(run=_command("check"))

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
    _engine_options(collect)
    collect.set_defaults(run=_command("collect"))

    agg = sub.add_parser(
        "aggregate", help="汇总同一年度、同一格式多个机关的报告（表二、三、四逐格相加）"
    )
    agg.add_argument("files", nargs="+", metavar="FILE", help="输入文件、目录或通配符")
    agg.add_argument("-o", "--output", type=Path, required=True, help="汇总结果（YAML）")
    agg.add_argument("--force", action="store_true", help="覆盖已有文件")
    agg.add_argument("--agency", default="（汇总）", help="汇总报告的机关名称")
    _engine_options(agg)
    agg.set_defaults(run=_command("aggregate"))

    cmp = sub.add_parser("compare", help="逐格比较同一机关两个年度的报告（同比）")
    cmp.add_argument("last", type=Path, metavar="LAST", help="上一年度的报告")
    cmp.add_argument("this", type=Path, metavar="THIS", help="本年度的报告")
    cmp.add_argument("--all", action="store_true", help="列出全部单元格（默认只列两年不全为0的）")
    cmp.set_defaults(run=_command("compare"))
    return parser


def _engine_options(parser: argparse.ArgumentParser) -> None:
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
