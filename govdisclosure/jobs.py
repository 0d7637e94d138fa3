"""The work the command line does for one file, as functions a worker process can run.

Each imports what only it uses (the readers, Jinja, the dataset's rows) when it first runs,
so that ``validate`` does not load them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .atomic import write_text
from .batch import Outcome, carry, identity
from .findings import Finding, has_errors
from .inputs import load, load_noted, suffixes
from .rules import RULES, RuleId
from .validation import validate
from .validation.report import check_version


def validate_file(path: Path, previous: Path | None = None) -> Outcome:
    """``govdisclosure validate``: load an input file and check every rule."""
    report, notes = load_noted(path)
    last = load(previous) if previous is not None else None
    return Outcome(str(path), identity(report), (*notes, *validate(report, last)))


def aggregate_file(path: Path) -> Outcome:
    """``govdisclosure aggregate``: load an input file; what summing needs of it."""
    from .aggregate import summand

    report = load(path)
    return Outcome(str(path), identity(report), (), summand=summand(report))


def check_file(path: Path) -> Outcome:
    """``govdisclosure check``: read a published report and check every rule."""
    from .reading import read

    reading = read(path)
    report = reading.report
    findings = (*reading.findings, *validate(report))
    return Outcome(str(path), identity(report), findings, carry=carry(report))


def render_file(
    path: Path,
    out: Path,
    formats: Sequence[str],
    templates: Path | None = None,
    allow_errors: bool = False,
    previous: Path | None = None,
    force: bool = True,
    durable: bool = True,
) -> Outcome:
    """``govdisclosure render``: validate, then write every output format (or nothing); an
    existing output is refused unless ``force``. ``durable=False``: the files are not
    flushed to disk one by one, the batch syncs once at its end."""
    from .rendering import RenderError, render_files

    report, notes = load_noted(path)
    last = load(previous) if previous is not None else None
    findings = (*notes, *validate(report, last))
    if has_errors(findings) and not allow_errors:
        refused = RULES[RuleId.RENDER].finding(
            "$",
            "文件",
            "校验有错误，未生成；改正后重试，或加 --allow-errors",
        )
        return Outcome(str(path), identity(report), (*findings, refused))
    try:
        written = render_files(
            report,
            out,
            formats,
            templates,
            stem=path.stem,
            previous=last,
            overwrite=force,
            durable=durable,
        )
    except FileExistsError as exc:
        refused = RULES[RuleId.RENDER].finding("$", str(out), f"未生成：{exc}")
        return Outcome(str(path), identity(report), (*findings, refused), blocked=True)
    except RenderError as exc:
        failed = RULES[RuleId.RENDER].finding("$", "模板", f"无法生成：{exc}")
        return Outcome(str(path), identity(report), (*findings, failed), blocked=True)
    except OSError as exc:
        failed = RULES[RuleId.RENDER].finding("$", str(out), f"无法写入：{exc.strerror or exc}")
        return Outcome(str(path), identity(report), (*findings, failed), blocked=True)
    return Outcome(str(path), identity(report), findings, tuple(map(str, written)))


def collect_file(path: Path) -> Outcome:
    """``govdisclosure collect``: an input file or a published report, chosen by suffix as
    ``export`` does, checked by every rule, with every cell as a dataset row."""
    from .dataset.rows import cell_rows
    from .reading import read

    if path.suffix.lower() in suffixes():
        report, notes = load_noted(path)
        findings: tuple[Finding, ...] = (*notes, *validate(report))
    else:
        reading = read(path)
        report = reading.report
        findings = (*reading.findings, *validate(report))
    return Outcome(
        str(path), identity(report), findings, carry=carry(report), cells=cell_rows(report)
    )


def read_file(
    path: Path, out: Path, to: str = "yaml", force: bool = True, durable: bool = True
) -> Outcome:
    """``govdisclosure read`` of many files: each published report into an editable input
    file in ``out``, named after it (``.yaml`` or ``.json``), with what could not be read.
    ``durable=False`` as for :func:`render_file`."""
    from .inputs.dump import to_json, to_yaml
    from .reading import read
    from .rendering.document import literal_report

    reading = read(path)
    out_of_range = tuple(f for f in check_version(reading.report) if f.rule is RuleId.RANGE)
    if out_of_range:  # such a file could not be loaded again: nothing is written
        return Outcome(str(path), identity(reading.report), (*reading.findings, *out_of_range))
    # Prose of a downloaded report is written so that rendering it never runs its “{{ … }}”.
    report = literal_report(reading.report)
    target = out / f"{path.stem}.{to}"
    if target.exists() and not force:
        refused = RULES[RuleId.READ].finding("$", str(target), "已存在；如需覆盖请加 --force")
        return Outcome(str(path), identity(report), (*reading.findings, refused), blocked=True)
    header = f"读取自 {path}；请核对后使用"
    try:
        out.mkdir(parents=True, exist_ok=True)
        text = to_json(report) if to == "json" else to_yaml(report, header)
        write_text(target, text, durable)
    except OSError as exc:
        failed = RULES[RuleId.READ].finding("$", str(out), f"无法写入：{exc.strerror or exc}")
        return Outcome(str(path), identity(report), (*reading.findings, failed), blocked=True)
    return Outcome(str(path), identity(report), reading.findings, (str(target),))
