"""Negative controls for the prose rules (S4, S9, S10): the seed's shares, the project's
examples and the shared real reports stay silent, except for the prose defect the real
reports' README names (the PDF's “受理…17件” against 95)."""

from __future__ import annotations

from pathlib import Path

import pytest
from expect import REALWORLD, realworld

import govdisclosure as g
from govdisclosure.reading import read
from govdisclosure.validation.prose import read_prose

ROOT = Path(__file__).resolve().parent.parent
PROSE = ("S4", "S9", "S10")


def prose(report: g.Report) -> list[g.Finding]:
    return [f for f in g.validate(report) if f.rule in PROSE]


def read_figures(report: g.Report) -> int:
    return sum(len(r.claims) + len(r.shares) for _, r in read_prose(report))


def test_the_seeds_shares_are_accepted() -> None:
    # 3694/1357/12890/65 of 18006 → 20.5/7.5/71.6/0.4 %, the base named the sentence before.
    report = read(ROOT / "tests" / "data" / "nanchang-edu-2020.txt").report
    assert read_figures(report) == 4
    assert prose(report) == []


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "examples").glob("*.yaml")))
def test_the_examples_are_silent(name: str) -> None:
    report = g.load(ROOT / "examples" / name)
    assert read_figures(report) > 0
    assert prose(report) == []


TRUTHS = {
    # file: the prose findings its README names, as (rule, path, stated, computed)
    "hongze-2024.truth.yaml": [("S4", "overview[3]", 17, 95)],
    "pingtan-natres-2022.truth.yaml": [],
    "pingtan-police-2022.truth.yaml": [],
    "pingtan-social-2021.truth.yaml": [],
    "pingtan-transport-2023.truth.yaml": [],
}


@pytest.mark.parametrize("name", sorted(TRUTHS))
def test_the_real_reports_give_only_their_named_prose_defects(name: str) -> None:
    report = g.load(realworld(name))
    found = [(f.rule, f.path, f.stated, f.computed) for f in prose(report)]
    assert found == TRUTHS[name]


def test_every_real_truth_file_is_a_control() -> None:
    if not REALWORLD.exists():
        realworld("README.md")
    assert sorted(p.name for p in REALWORLD.glob("*.truth.yaml")) == sorted(TRUTHS)


def test_the_real_reports_figures_are_read_and_compared() -> None:
    """Silence is not blindness: the figures the real reports state are read."""
    read_in = {name: read_figures(g.load(realworld(name))) for name in TRUTHS}
    # police: 收到1 + 结转上年度1 + 没有…行政复议或行政诉讼; natres: 办理依申请公开30;
    # transport: 收到14 (its 12345 诉求 “全部办结” is not about applications); hongze: 受理17.
    assert read_in == {
        "hongze-2024.truth.yaml": 1,
        "pingtan-natres-2022.truth.yaml": 1,
        "pingtan-police-2022.truth.yaml": 3,
        "pingtan-social-2021.truth.yaml": 0,
        "pingtan-transport-2023.truth.yaml": 1,
    }


def test_the_hongze_finding_names_sentence_figure_and_cell() -> None:
    (finding,) = prose(g.load(realworld("hongze-2024.truth.yaml")))
    assert finding.is_error
    assert finding.location == "一、总体情况第3段"
    assert "“……区政府办代表区政府受理政府信息公开申请17件" in finding.message
    assert "称收到申请17件" in finding.message
    assert "表三 “一、本年新收政府信息公开申请数量” × “总计”为95件" in finding.message


@pytest.mark.parametrize(
    "name",
    [
        "hongze-2024.pdf",
        "pingtan-police-2022.txt",
        "pingtan-natres-2022.txt",
        "pingtan-transport-2023.txt",
        "pingtan-social-2021.txt",
    ],
)
def test_the_published_files_as_read_give_the_same_prose_findings(name: str) -> None:
    report = read(realworld(name)).report
    truth = name.rsplit(".", 1)[0] + ".truth.yaml"
    found = [(f.rule, f.stated, f.computed) for f in prose(report)]
    assert found == [(rule, stated, computed) for rule, _, stated, computed in TRUTHS[truth]]
