"""The Dask engine on a real local cluster (two worker processes): the same outcomes, in the
same order, as the built-in pool; a worker killed mid-run loses nothing."""

from __future__ import annotations

import functools
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client
from fixtures_batch import fatal_on_poison, write_pair, write_reports

from govdisclosure.batch import Outcome, guarded, run, summary
from govdisclosure.cli import main
from govdisclosure.engines._dask import connect
from govdisclosure.jobs import check_file

AGENCY_PAIR = "示例市成对局"


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """200 generated reports (every 7th with a 勾稽 defect), one unreadable file and one
    pair of years of one agency, as a folder of published reports would hold them."""
    folder = tmp_path_factory.mktemp("published")
    files = write_reports(folder / "many", 200, "docx", defect=lambda n: n % 7 == 0)
    broken = folder / "many" / "r00100-broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n not really a PDF")
    files.insert(101, broken)
    return [*files, *write_pair(folder, AGENCY_PAIR, "html")]


@pytest.fixture(scope="module")
def pooled(reports: list[Path]) -> list[Outcome]:
    return list(run(functools.partial(guarded, check_file), reports, 2))


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    # The engine's own local cluster: two worker processes, one thread each.
    with connect(2) as c:
        yield c


def _comparable(outcomes: list[Outcome]) -> list[tuple[object, ...]]:
    return [(o.file, o.report, o.findings, o.carry) for o in outcomes]


@pytest.mark.external
def test_dask_gives_the_pools_findings_in_the_same_order(
    reports: list[Path], pooled: list[Outcome], client: Client
) -> None:
    on_dask = list(run(functools.partial(guarded, check_file), reports, client=client))
    assert _comparable(on_dask) == _comparable(pooled)
    assert len(on_dask) == 203
    assert sum(o.failed for o in on_dask) == 200 // 7 + 1 + 1  # defects, the broken file
    assert not on_dask[101].readable
    assert on_dask[101].findings[0].rule == "READ"
    assert summary(on_dask) == summary(pooled)


@pytest.mark.external
def test_a_worker_killed_mid_run_loses_no_file(reports: list[Path], pooled: list[Outcome]) -> None:
    with connect(2) as c:
        c.wait_for_workers(2)
        pids = c.run(os.getpid)
        outcomes: list[Outcome] = []
        killed = None
        for outcome in run(functools.partial(guarded, check_file), reports, client=c):
            outcomes.append(outcome)
            if killed is None:
                # The first results are in; kill a worker that is reading files right now.
                busy = [w for w, keys in c.processing().items() if keys]
                killed = pids[busy[0]]
                os.kill(killed, signal.SIGKILL)
        assert killed is not None
        with pytest.raises(ProcessLookupError):
            os.kill(killed, 0)
        # The nanny started a new worker in its place; every file still has its outcome.
        assert killed not in c.run(os.getpid).values()
    assert _comparable(outcomes) == _comparable(pooled)


def _json(args: list[str], capsys: pytest.CaptureFixture[str]) -> object:
    main(args)
    return json.loads(capsys.readouterr().out)


@pytest.mark.external
def test_check_on_a_scheduler_prints_what_the_pool_prints_and_pairs_years(
    reports: list[Path], client: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(p) for p in reports]
    assert client.scheduler is not None
    address = str(client.scheduler.address)
    pool = _json(["check", *files, "--json"], capsys)
    dask = _json(["check", *files, "--json", "--scheduler", address], capsys)
    assert dask == pool
    assert isinstance(dask, list)
    s1 = [f["path"] for f in dask[-1]["findings"] if f["rule"] == "S1"]
    assert s1 and all(p.startswith("table3.carry_in.") for p in s1)

    assert main(["check", *files, "--scheduler", address]) == 2  # one cannot be read
    printed = capsys.readouterr().out
    assert "跨年度检查（S1" in printed
    assert printed.rstrip().endswith("共 203 个文件：173 个无错误，29 个有错误，1 个无法读取。")


@pytest.mark.external
def test_engine_dask_starts_a_local_cluster_for_every_batch_command(
    tmp_path: Path, examples: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = [str(examples / "example-2024.yaml"), str(examples / "nanchang-edu-2020.yaml")]
    assert main(["validate", *inputs, "--engine", "dask", "-j", "2"]) == 1
    assert (
        capsys.readouterr()
        .out.rstrip()
        .endswith("共 2 个文件：1 个无错误，1 个有错误，0 个无法读取。")
    )
    out = tmp_path / "site"
    assert main(["render", inputs[0], "-o", str(out), "--to", "html", "--engine", "dask"]) == 0
    assert [p.name for p in out.iterdir()] == ["example-2024.html"]
    assert main(["read", str(out), "-o", str(tmp_path / "back"), "--engine", "dask"]) == 0
    assert [p.name for p in (tmp_path / "back").iterdir()] == ["example-2024.yaml"]


def _cli(*args: str, block: bool = False) -> subprocess.CompletedProcess[str]:
    """The command line in a fresh interpreter; with ``block``, as if the extras were not
    installed (their imports fail as they do in an environment without them)."""
    blocked = "import sys; sys.modules.update(dict.fromkeys(['dask', 'distributed'])); "
    code = (blocked if block else "") + "from govdisclosure.cli import main; sys.exit(main())"
    return subprocess.run(
        [sys.executable, "-c", "import sys; " + code, *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_a_missing_extra_names_the_pip_command_not_a_traceback(examples: Path) -> None:
    done = _cli("check", str(examples / "example-2024.yaml"), "--engine", "dask", block=True)
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "govdisclosure check: 未安装 Dask（缺少 distributed）："
        "请先运行 pip install 'govdisclosure[dask]'"
    )


@pytest.mark.slow
def test_an_unreachable_scheduler_is_a_message(examples: Path) -> None:
    start = time.monotonic()
    # A port on this machine nothing listens on: the connection is refused at once.
    done = _cli("validate", str(examples / "example-2024.yaml"), "--scheduler", "tcp://127.0.0.1:9")
    assert done.returncode == 2
    assert done.stderr.startswith(
        "govdisclosure validate: 无法连接 Dask 调度器 tcp://127.0.0.1:9："
    )
    assert "Traceback" not in done.stderr
    assert time.monotonic() - start < 60


def test_options_that_contradict_each_other_are_refused(
    examples: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = str(examples / "example-2024.yaml")
    assert main(["validate", file, "--engine", "pool", "--scheduler", "tcp://127.0.0.1:9"]) == 2
    assert "--scheduler 只用于 Dask" in capsys.readouterr().err
    assert main(["validate", file, "--scheduler", "tcp://127.0.0.1:9", "-j", "2"]) == 2
    assert "-j 只用于本机" in capsys.readouterr().err


@pytest.mark.slow
def test_importing_the_package_imports_neither_dask_nor_pyarrow() -> None:
    code = (
        "import sys, govdisclosure, govdisclosure.cli, govdisclosure.batch, "
        "govdisclosure.engines, govdisclosure.dataset, govdisclosure.jobs; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'dask', 'distributed', 'pyarrow'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.external
def test_a_local_cluster_leaves_nothing_in_the_temporary_folder(
    tmp_path: Path, examples: Path
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    command = ["validate", str(examples / "example-2024.yaml"), "--engine", "dask", "-j", "1"]
    done = subprocess.run(
        [sys.executable, "-m", "govdisclosure", *command],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "TMPDIR": str(scratch)},
    )
    assert done.returncode == 0, done.stderr
    assert list(scratch.iterdir()) == []


@pytest.mark.external
def test_a_file_that_kills_every_worker_reading_it_is_that_files_error(
    tmp_path: Path, reports: list[Path], pooled: list[Outcome]
) -> None:
    import dask

    poison = tmp_path / "poison.html"
    poison.write_bytes(reports[-1].read_bytes())
    files = [*reports[:20], poison, *reports[20:40]]
    # Give up on a task after its second lost worker, not its fourth: the same path, sooner.
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), connect(2) as c:
        outcomes = list(run(functools.partial(guarded, fatal_on_poison), files, client=c))
    assert [o.file for o in outcomes] == list(map(str, files))
    assert outcomes[20].findings[0].message.startswith("处理此文件的工作进程多次意外退出")
    assert not outcomes[20].readable
    assert _comparable(outcomes[:20] + outcomes[21:]) == _comparable(pooled[:40])


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.external
def test_a_terminal_shows_the_cluster_and_the_progress_of_a_dask_run(
    examples: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    files = [str(examples / "example-2024.yaml"), str(examples / "nanchang-edu-2020.yaml")]
    assert main(["validate", *files, "--engine", "dask", "-j", "1"]) == 1
    shown = screen.getvalue()
    assert re.match(r"Dask 集群 tcp://127\.0\.0\.1:\d+（1 个工作进程，1 个线程）\n", shown)
    assert "█" * 30 + " 2/2" in shown
    assert (
        capsys.readouterr()
        .out.rstrip()
        .endswith("共 2 个文件：1 个无错误，1 个有错误，0 个无法读取。")
    )
