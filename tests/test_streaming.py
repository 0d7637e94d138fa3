"""Batches hold nothing per file: the results are streamed and summed as they come, with the
same results as when everything was kept."""

from __future__ import annotations

import io
import json
import random
import shutil
from pathlib import Path

import attrs
import pytest
from fixtures_batch import EXAMPLE, random_report

import govdisclosure as g
from govdisclosure.aggregate import AggregateError, Sum, Summand, aggregate
from govdisclosure.batch import Hashes, expand
from govdisclosure.cli import main
from govdisclosure.inputs.dump import to_yaml


@pytest.fixture(scope="module")
def reports() -> list[g.Report]:
    base, rng = g.load(EXAMPLE), random.Random(7)
    return [random_report(base, rng, f"示例县第{n}局") for n in range(40)]


@pytest.fixture
def inputs(tmp_path: Path, reports: list[g.Report]) -> Path:
    folder = tmp_path / "in"
    for n, r in enumerate(reports):
        sub = folder / f"d{n % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"r{n:03d}.yaml").write_text(to_yaml(r), "utf-8")
    return folder


@pytest.mark.slow  # a process pool: over the fast loop's 0.25 s
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_aggregate_on_workers_is_the_sum_of_every_report(
    inputs: Path, tmp_path: Path, jobs: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sum.yaml"
    assert main(["aggregate", str(inputs), "-o", str(out), "--agency", "示例县", "-j", jobs]) == 0
    assert "汇总 40 份报告" in capsys.readouterr().out
    summed = g.load(out)
    # The same as summing the reports in the order the files are listed, all held at once.
    expected = aggregate([g.load(p) for p in expand([inputs], (".yaml",))], "示例县")
    assert summed == expected
    assert len(summed.meta.sources) == 40
    assert [f.rule for f in g.validate(summed) if f.is_error] == []


def test_aggregate_refuses_one_agency_twice_among_many(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(inputs / "d1" / "r001.yaml", inputs / "d2" / "again.yaml")
    out = tmp_path / "sum.yaml"
    # Reports that cannot be added up: not done (ExitCode.USAGE).
    assert main(["aggregate", str(inputs), "-o", str(out), "-j", "2"]) == 2
    assert "同一机关同一年度的报告出现了不止一份：示例县第1局" in capsys.readouterr().err
    assert not out.exists()


def test_aggregate_names_the_agencies_of_each_year(reports: list[g.Report]) -> None:
    older = attrs.evolve(reports[1], meta=attrs.evolve(reports[1].meta, year=2023))
    with pytest.raises(AggregateError, match="2023年度（2021格式）：示例县第1局；2024年度"):
        aggregate([reports[0], older, reports[2]], "示例县")


def test_aggregate_lists_the_first_years_agencies_too(reports: list[g.Report]) -> None:
    older = attrs.evolve(reports[1], meta=attrs.evolve(reports[1].meta, year=2023))
    with pytest.raises(AggregateError, match="2024年度（2021格式）：示例县第0局、示例县第2局"):
        aggregate([reports[0], older, reports[2]], "示例县")


def test_the_sources_come_back_as_given_whatever_their_length() -> None:
    # Each name is kept as its UTF-8 length (a varint: one byte under 128) and its bytes.
    names = ["局", "", "示例县第1局", "机" * 43, "机" * 200, "x" * 20_000, "😀 ✓"]
    total = Sum()
    for name in names:
        total.add(Summand(name, 2024, "2021", False, (), None))
    assert list(total.sources()) == names
    assert total.count == len(names)


@pytest.mark.slow  # a process pool: over the fast loop's 0.25 s
def test_the_summary_counts_are_kept_as_the_outcomes_pass(
    tmp_path: Path, examples: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for n in range(7):
        shutil.copy(examples / "example-2024.yaml", folder / f"a{n}.yaml")
    for n in range(3):
        shutil.copy(examples / "nanchang-edu-2020.yaml", folder / f"b{n}.yaml")
    (folder / "c.yaml").write_text("agency: [x\n", "utf-8")
    # A file that cannot be read: not all done (ExitCode.USAGE), the others still are.
    assert main(["validate", str(folder), "-j", "2"]) == 2
    out = capsys.readouterr().out
    assert out.rstrip().endswith("共 11 个文件：7 个无错误，3 个有错误，1 个无法读取。")
    assert main(["validate", str(folder), "-j", "2", "--json"]) == 2
    items = json.loads(capsys.readouterr().out)
    assert [Path(i["file"]).name for i in items] == [
        *(f"a{n}.yaml" for n in range(7)),
        *(f"b{n}.yaml" for n in range(3)),
        "c.yaml",
    ]
    assert [bool(i["errors"]) for i in items] == [False] * 7 + [True] * 4


def test_json_written_element_by_element_is_what_json_dump_writes(
    examples: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(examples / n) for n in ("example-2024.yaml", "nanchang-edu-2020.yaml")]
    main(["validate", *files, "--json"])
    out = capsys.readouterr().out
    buffer = io.StringIO()
    json.dump(json.loads(out), buffer, ensure_ascii=False, indent=2)
    assert out == buffer.getvalue() + "\n"


def test_a_folder_is_listed_as_sorted_rglob_lists_it(tmp_path: Path) -> None:
    names = ["a", "a-b", "a.b", "b", "中文", "Z", "a0", "é"]
    for top in names:
        for sub in names[:4]:
            (tmp_path / top / sub).mkdir(parents=True)
            (tmp_path / top / sub / f"{top}{sub}.yaml").write_text("x")
        (tmp_path / top / f"{top}.yaml").write_text("x")
        (tmp_path / top / f"{top}.txt").write_text("x")
    found = expand([tmp_path], (".yaml",))
    expected = sorted(f for f in tmp_path.rglob("*") if f.is_file() and f.suffix == ".yaml")
    assert list(found) == expected
    assert [found[i] for i in range(-1, -len(found) - 1, -1)] == expected[::-1]
    assert found[3:9] == expected[3:9]


def test_hashes_are_a_set() -> None:
    seen = Hashes()
    assert [seen.add(str(n % 3000)) for n in range(6000)] == [False] * 3000 + [True] * 3000
    assert len(seen) == 3000 and "17" in seen and "3001" not in seen


def test_two_inputs_writing_one_output_are_still_refused(
    tmp_path: Path, examples: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for sub in ("x", "y"):
        (tmp_path / "in" / sub).mkdir(parents=True)
        shutil.copy(examples / "example-2024.yaml", tmp_path / "in" / sub / "same.yaml")
    shutil.copy(examples / "example-2024.yaml", tmp_path / "in" / "other.yaml")
    assert main(["render", str(tmp_path / "in"), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "x/same.yaml" in err and "y/same.yaml" in err and "other" not in err
    assert not (tmp_path / "out").exists()


def test_the_parser_names_every_output_format() -> None:
    from govdisclosure.cli.parser import OUTPUTS
    from govdisclosure.rendering import RENDERERS

    assert tuple(RENDERERS) == OUTPUTS


@pytest.mark.slow  # three reports rendered and read: over the fast loop's 0.25 s
def test_check_json_puts_s1_in_the_later_years_element_listed_before_the_earlier(
    tmp_path: Path, examples: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # check --json streams its elements; the 2024 report listed first waits for 2023's to
    # have its S1 findings, and holds back the file listed between them (as text), in order.
    from govdisclosure.rendering import render

    this = g.load(examples / "example-2024.yaml")
    last = this.replace(meta=attrs.evolve(this.meta, year=2023))
    (tmp_path / "a.html").write_bytes(render(this, "html"))
    (tmp_path / "b.html").write_text("<p>not a report</p>", "utf-8")
    (tmp_path / "c.html").write_bytes(render(last, "html"))
    files = [str(tmp_path / n) for n in ("a.html", "b.html", "c.html")]
    code = main(["check", *files, "--json"])
    out = capsys.readouterr().out
    items = json.loads(out)
    assert [Path(i["file"]).name for i in items] == ["a.html", "b.html", "c.html"]
    assert [f["rule"] for f in items[0]["findings"] if f["rule"] == "S1"] != []
    assert not [f for f in items[2]["findings"] if f["rule"] == "S1"]
    buffer = io.StringIO()
    json.dump(items, buffer, ensure_ascii=False, indent=2)
    assert out == buffer.getvalue() + "\n"
    assert code == 1  # b.html is read with errors
    assert main(["check", *files]) == code
    printed = capsys.readouterr().out
    assert "跨年度检查（S1" in printed and printed.rstrip().endswith("0 个无法读取。")


def test_the_running_verdict_is_exit_code_of_every_outcome() -> None:
    from govdisclosure.batch import Identity, Outcome
    from govdisclosure.cli.exits import ExitCode, Verdict
    from govdisclosure.rules import RULES, RuleId

    error = RULES[RuleId.H1].finding("$", "表三", "x")
    ident = Identity("甲", 2024, "2021")
    kinds = [
        Outcome("ok", ident, ()),
        Outcome("failed", ident, (error,)),
        Outcome("unread", None, (error,)),
        Outcome("blocked", ident, (), blocked=True),
    ]
    rng = random.Random(3)
    for _ in range(200):
        outcomes = rng.choices(kinds, k=rng.randrange(5))
        verdict = Verdict()
        for o in outcomes:
            verdict.add(o)
        assert verdict.code == ExitCode.of(outcomes)
