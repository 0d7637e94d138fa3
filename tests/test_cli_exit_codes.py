"""Every command ends with the same exit codes (``govdisclosure.cli.ExitCode``): 0 done and
no error, 1 done with errors found, 2 not done or not all done (a usage error, an input that
cannot be read, an output refused). And every command that writes a file refuses to replace
one without ``--force``, saying which file.
"""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from govdisclosure.cli import ExitCode, main
from govdisclosure.cli.parser import build_parser

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
GOOD = EXAMPLES / "example-2024.yaml"
"""An input file without errors."""
WRONG = EXAMPLES / "nanchang-edu-2020.yaml"
"""An input file whose tables do not add up (errors)."""
LAST, THIS = EXAMPLES / "nanchang-edu-2020-corrected.yaml", GOOD
PUBLISHED_WRONG = Path(__file__).resolve().parent / "data" / "nanchang-edu-2020.txt"
"""A published report, as saved from the web, with errors."""

Argv = Callable[[Path], list[str]]
"""The arguments of a case, given a scratch folder it may fill first."""


def broken(tmp: Path) -> str:
    """An input file that cannot be loaded."""
    path = tmp / "broken.yaml"
    path.write_text("agency: [x\n", "utf-8")
    return str(path)


def scan(tmp: Path) -> str:
    """A “published report” that cannot be read."""
    path = tmp / "scan.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    return str(path)


def published(tmp: Path) -> str:
    """A published report without errors: the good input, rendered."""
    assert main(["render", str(GOOD), "-o", str(tmp / "site"), "--to", "html", "-j", "1"]) == 0
    return str(tmp / "site" / f"{GOOD.stem}.html")


def existing(tmp: Path, name: str) -> str:
    path = tmp / name
    path.write_bytes(b"keep me")
    return str(path)


def render_over(tmp: Path) -> list[str]:
    existing(tmp, f"{GOOD.stem}.md")
    return ["render", str(GOOD), "-o", str(tmp), "--to", "md", "-j", "1"]


OK, FINDINGS, USAGE = ExitCode.OK, ExitCode.FINDINGS, ExitCode.USAGE
CASES: list[tuple[str, ExitCode, str, Argv]] = [
    ("init", OK, "a new file", lambda t: ["init", "--year", "2024", "-o", str(t / "r.yaml")]),
    ("init", USAGE, "an unknown format", lambda t: ["init", "--year", "2024", "--format", "x"]),
    (
        "init",
        USAGE,
        "an existing output",
        lambda t: ["init", "--year", "2024", "-o", existing(t, "r.yaml")],
    ),
    ("export", OK, "a good input", lambda t: ["export", str(GOOD), "--xlsx", str(t / "r.xlsx")]),
    ("export", USAGE, "an unreadable input", lambda t: ["export", broken(t), "--xlsx", "r.xlsx"]),
    ("validate", OK, "a good input", lambda t: ["validate", str(GOOD)]),
    ("validate", FINDINGS, "errors", lambda t: ["validate", str(WRONG)]),
    ("validate", USAGE, "an unreadable input", lambda t: ["validate", broken(t)]),
    (
        "validate",
        USAGE,
        "one unreadable of three",
        lambda t: ["validate", str(GOOD), str(WRONG), broken(t)],
    ),
    ("render", OK, "a good input", lambda t: ["render", str(GOOD), "-o", str(t), "--to", "md"]),
    ("render", FINDINGS, "errors", lambda t: ["render", str(WRONG), "-o", str(t), "--to", "md"]),
    ("render", USAGE, "an unreadable input", lambda t: ["render", broken(t), "-o", str(t)]),
    ("render", USAGE, "an unknown format", lambda t: ["render", str(GOOD), "--to", "pdf"]),
    ("render", USAGE, "an existing output", lambda t: render_over(t)),
    ("read", OK, "a published report", lambda t: ["read", published(t), "-o", str(t / "r.yaml")]),
    ("read", USAGE, "an unreadable report", lambda t: ["read", scan(t)]),
    (
        "read",
        USAGE,
        "an unreadable one of two",
        lambda t: ["read", scan(t), published(t), "-o", str(t / "out")],
    ),
    ("read", USAGE, "many without -o", lambda t: ["read", str(PUBLISHED_WRONG), published(t)]),
    ("check", OK, "a published report", lambda t: ["check", published(t)]),
    ("check", FINDINGS, "errors", lambda t: ["check", str(PUBLISHED_WRONG)]),
    ("check", USAGE, "an unreadable report", lambda t: ["check", scan(t)]),
    ("collect", OK, "a good input", lambda t: ["collect", str(GOOD), "-o", str(t / "d")]),
    ("collect", FINDINGS, "errors", lambda t: ["collect", str(WRONG), "-o", str(t / "d")]),
    ("collect", USAGE, "an unreadable input", lambda t: ["collect", broken(t), "-o", str(t / "d")]),
    ("aggregate", OK, "one year", lambda t: ["aggregate", str(GOOD), "-o", str(t / "s.yaml")]),
    ("aggregate", USAGE, "an unreadable input", lambda t: ["aggregate", broken(t), "-o", "s.yaml"]),
    (
        "aggregate",
        USAGE,
        "two years",
        lambda t: ["aggregate", str(LAST), str(THIS), "-o", str(t / "s.yaml")],
    ),
    ("compare", OK, "two years", lambda t: ["compare", str(LAST), str(THIS)]),
    ("compare", USAGE, "an unreadable input", lambda t: ["compare", str(LAST), broken(t)]),
    ("compare", USAGE, "years the wrong way round", lambda t: ["compare", str(THIS), str(LAST)]),
]
"""(command, expected code, what the case is, its arguments). No case of 1 where a command
has no findings of its own: init, export of an input file, aggregate; compare's findings
(S1, S2) are warnings."""


def _commands() -> set[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(sub.choices)


def test_every_command_has_its_cases() -> None:
    covered: dict[str, set[ExitCode]] = {}
    for command, code, _, _ in CASES:
        covered.setdefault(command, set()).add(code)
    assert set(covered) == _commands()
    assert all({OK, USAGE} <= codes for codes in covered.values())


@pytest.mark.parametrize(
    ("command", "code", "argv"),
    [pytest.param(c, code, argv, id=f"{c}-{int(code)}-{what}") for c, code, what, argv in CASES],
)
def test_exit_code(
    command: str,
    code: ExitCode,
    argv: Argv,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    args = argv(tmp_path)
    capsys.readouterr()
    status = _run(args)
    out = "".join(capsys.readouterr())
    assert status == code, out
    assert "Traceback" not in out


def _run(args: list[str]) -> int:
    """The exit code, also of a usage error argparse finds itself (it exits the process)."""
    try:
        return main(args)
    except SystemExit as exc:
        assert isinstance(exc.code, int)
        return exc.code


def test_a_usage_error_of_argparse_is_2_as_well(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["validate"], ["nonsense"], ["check", "x.pdf", "--no-such-option"]):
        assert _run(args) == USAGE
    capsys.readouterr()


# Every command that writes a file (or files into a folder): the option that names it, the
# file that is in the way, and what the message must say of it.
Writes = Callable[[Path], tuple[list[str], Path]]
WRITERS: dict[str, Writes] = {
    "init -o": lambda t: (["init", "--year", "2024", "-o", str(t / "r.yaml")], t / "r.yaml"),
    "init --xlsx": lambda t: (
        ["init", "--year", "2024", "--xlsx", str(t / "r.xlsx")],
        t / "r.xlsx",
    ),
    "export --xlsx": lambda t: (["export", str(GOOD), "--xlsx", str(t / "r.xlsx")], t / "r.xlsx"),
    "render -o DIR": lambda t: (
        ["render", str(GOOD), "-o", str(t), "--to", "md,html", "-j", "1"],
        t / f"{GOOD.stem}.html",
    ),
    "read -o FILE": lambda t: (["read", published(t), "-o", str(t / "r.yaml")], t / "r.yaml"),
    "read -o DIR": lambda t: (
        ["read", published(t), str(PUBLISHED_WRONG), "-o", str(t / "out"), "-j", "1"],
        t / "out" / f"{GOOD.stem}.yaml",
    ),
    "check --dataset": lambda t: (
        ["check", str(PUBLISHED_WRONG), "--dataset", str(t / "d")],
        t / "d" / "findings.parquet",
    ),
    "collect -o": lambda t: (["collect", str(GOOD), "-o", str(t / "c.parquet")], t / "c.parquet"),
    "aggregate -o": lambda t: (["aggregate", str(GOOD), "-o", str(t / "s.yaml")], t / "s.yaml"),
}


def test_every_command_that_writes_is_listed() -> None:
    writing = {name.split()[0] for name in WRITERS}
    # validate and compare print only.
    assert writing == _commands() - {"validate", "compare"}


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_an_existing_output_is_refused_without_force_and_named(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv, target = WRITERS[name](tmp_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"keep me")
    capsys.readouterr()

    assert main(argv) == USAGE
    out = "".join(capsys.readouterr())
    assert str(target) in out
    assert "已存在；如需覆盖请加 --force" in out
    assert "Traceback" not in out
    assert target.read_bytes() == b"keep me"

    assert main([*argv, "--force"]) in (OK, FINDINGS)
    assert target.read_bytes() != b"keep me"
    capsys.readouterr()


def test_a_refused_output_in_a_batch_leaves_the_others_done(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("a", "b"):
        shutil.copy(GOOD, inputs / f"{name}.yaml")
    (tmp_path / "a.md").write_text("keep me", "utf-8")
    code = main(["render", str(inputs), "-o", str(tmp_path), "--to", "md", "-j", "1"])
    assert code == USAGE
    assert (tmp_path / "a.md").read_text("utf-8") == "keep me"
    assert (tmp_path / "b.md").exists()
    capsys.readouterr()
