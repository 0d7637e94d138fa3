"""Issue 12's corpus of prose variants: every declared phrasing of every figure, right and
wrong, with Chinese numerals, thousands separators, full-width digits and shares of each
base. A wrong one is found once, at the right cells; a right one gives nothing.

The tables are those of ``examples/example-2024.yaml`` (2021 format) and of
``examples/nanchang-edu-2020-corrected.yaml`` (2019 format). What the 2024 one says:

- 表三: 一 67, 二 3 (一+二 70), （七）总计 65, 四 5; 予以公开 36, 部分公开 7, 不予公开 3 (4. 第三方
  2, 6. 过程性 1), 无法提供 12 (1. 不掌握 10, 2. 另行制作 2), 不予处理 4 (1. 信访 3, 2. 重复 1),
  其他处理 3 (1. 不补正 2, 2. 未缴费 1);
- 表四: 行政复议 4 (维持 2, 纠正 1, 尚未审结 1), 直接起诉 1 (维持 1), 复议后起诉 0;
- 表二: 规章 0/0/0, 行政规范性文件 制发 6 废止 2 现行有效 41, 许可 1283, 处罚 57, 强制 3,
  收费 12.35 万元.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import govdisclosure as g
from govdisclosure.formats.declaration import CellKey
from govdisclosure.reading import read
from govdisclosure.validation.prose import (
    Mismatch,
    Problem,
    ShareMismatch,
    compare_prose,
    read_prose,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PROSE = ("S4", "S9", "S10")


def example(name: str = "example-2024.yaml") -> g.Report:
    return g.load(EXAMPLES / name)


def saying(report: g.Report, *paragraphs: str) -> g.Report:
    """The report with section 一 replaced by a heading “依申请公开” (as reports print it, and
    whose topic the paragraphs below it share) and ``paragraphs``; 五 and 六 say nothing."""
    return report.replace(
        overview=g.Section(paragraphs=("依申请公开", *paragraphs)),
        problems=g.Section(paragraphs=("无。",)),
        other=g.OtherMatters(paragraphs=("无。",)),
    )


def claims_read(report: g.Report) -> int:
    return sum(len(r.claims) + len(r.shares) for _, r in read_prose(report))


def prose_findings(report: g.Report) -> list[g.Finding]:
    return [f for f in g.validate(report) if f.rule in PROSE]


def total(*rows: str) -> tuple[CellKey, ...]:
    return tuple((row, "total") for row in rows)


DENIED = total(
    "denied_state_secret",
    "denied_prohibited_by_law",
    "denied_three_safeties",
    "denied_third_party",
    "denied_internal_affairs",
    "denied_process_information",
    "denied_enforcement_file",
    "denied_inquiry",
)
UNABLE = total("unable_not_held", "unable_needs_creation", "unable_unclear")
NOT_PROCESSED = total(
    "rejected_petition",
    "rejected_repeated",
    "rejected_publication",
    "rejected_excessive",
    "rejected_confirmation",
)
OTHER = total("other_no_correction", "other_unpaid_fee", "other_misc")


def cells(problem: Problem) -> tuple[CellKey, ...]:
    """The cells of the first meaning of the contradicted figure."""
    assert isinstance(problem.found, Mismatch)
    return problem.found.values[0].base.cells


# --- right: nothing is found ------------------------------------------------------------------

RIGHT_2024 = [
    # 收到申请: 一 or 一+二, any verb, numerals of every kind
    "全年新收政府信息公开申请67件。",
    "共收到政府信息公开申请70件（含上年结转3件）。",
    "本年度受理政府信息公开申请六十七件。",
    "我局接收依申请公开申请６７件。",
    "全年共收到67件政府信息公开申请。",
    "全年收到各类政府信息公开申请七十件，均为网络申请。",
    # 上年结转, 结转下年度, 办结
    "上年结转3件，结转下年度继续办理5件。",
    "结转上年度政府信息公开申请3件。",
    "全年办结政府信息公开申请六十五件，结转至2025年办理5件。",
    "已答复65件，5件结转下年度。",
    "全年共办理政府信息公开申请70件。",  # 办理: 一+二
    "办理依申请公开65件。",  # 办理: （七）
    # outcomes and their named sub-rows
    "予以公开36件，部分公开7件，不予公开3件，无法提供12件，不予处理4件，其他处理3件。",
    "予以公开及部分公开43件。",
    "公开和部分公开四十三件。",
    "无法提供12件，其中本机关不掌握相关政府信息10件，没有现成信息需要另行制作2件。",
    "因属于过程性信息不予公开1件，保护第三方合法权益不予公开2件。",
    "不予处理的申请中，信访举报投诉类申请3件，重复申请1件。",
    "申请人无正当理由逾期不补正的2件，逾期未按收费通知要求缴纳费用的1件。",
    # shares of every base, and the range of a sentence
    "共办结65件，其中予以公开36件，占55.4%；部分公开7件，占10.8%；不予公开3件，占4.6%。",
    "收到申请67件，予以公开36件，占53.7%。",  # of 一
    "予以公开36件，占51.4%。",  # of 一+二, the base not named
    "予以公开36件，约占55%。",
    "部分公开7件，占比10.8%，占办结总数的10.8%。",
    # 表四
    "全年发生政府信息公开行政复议4件，其中维持2件，纠正1件，尚未审结1件；行政诉讼1件，维持1件。",
    "因政府信息公开被提起行政诉讼1件，系未经复议直接起诉1件，复议后起诉0件。",
    # 表二
    "制发行政规范性文件6件，废止2件，现行有效41件；未制发规章。",
    "现行有效的行政规范性文件41件。",
    "作出行政许可决定1,283件，行政处罚决定57件，行政强制决定三件。",
    "办理行政处罚案件57件。",
    "行政事业性收费12.35万元。",
    "收取行政事业性收费123,500元。",
    "行政事业性收费123456元。",  # 12.3456万元 is the table's 12.35
    "行政事业性收费约12万元，行政事业性收费12万元。",
    # 信息处理费 (（六）2 is 1)
    "发出信息处理费收费通知1件，金额380元，实际收取0元。",
    "发出收费通知2件。",  # a notice may not lead to a dropped application
    "全年发出政府信息公开信息处理费收费通知1件，实际收取费用0元。",
    "本年度受理政府信息公开申请67件，所涉信息均未收取信息处理费。",
]

SILENT_2024 = [
    "本年度未收取信息处理费。",
    # Not about the agency's applications: another scope, another year, another subject.
    "全区共收到政府信息公开申请523件。",
    "各部门共受理政府信息公开申请300件。",
    "2023年收到政府信息公开申请55件。",
    "去年收到政府信息公开申请55件，今年有所增加。",
    "通过12345平台受理群众诉求3519件，全部办结。",  # real text: pingtan-transport-2023
    "累计办理各类教育服务事项计18006件。其中，网上书面答复3694件，占20.5%。",
    "受理行政许可申请9487件，全部办结。",
    # The agency as reviewing body, or its suits of every kind, are not 表四's.
    "作为复议机关，全年受理行政复议申请120件，办理行政复议案件30件。",
    "全年应诉行政诉讼案件20件。",
    # Approximate, published, or not a claim of zero.
    "受理申请约70件，受理申请70余件，受理申请200件以上。",
    "公开行政处罚决定50件。",
    "全年未发生行政复议被纠错的情况。",
    "全年没有应公开而不予公开的情况。",  # real text: pingtan-police-2022
    "上年结转的3件申请已全部办结。",
    "上年结转3件，本年无结转。",  # of which year? not compared
    "区分可以公开和不予公开部分内容后，作出答复。",
    "“三安全一稳定”相关信息严格审查。",
    "制发行政规范性文件6件。开展文件清理，废止9件。",  # 规范性文件 was the last sentence's
    "制发行政规范性文件6件，清理各类文件120件，废止10件。",
    "予以公开36件、部分公开7件，分别占55.4%、10.8%。",
    "其中自然人申请58件，予以公开30件；法人或其他组织申请9件，均已办结。",  # some applicants
]


@pytest.mark.parametrize("sentence", RIGHT_2024)
def test_a_right_sentence_is_read_and_accepted(sentence: str) -> None:
    report = saying(example(), sentence)
    assert claims_read(report) > 0
    assert [f.one_line() for f in prose_findings(report)] == []


@pytest.mark.parametrize("sentence", SILENT_2024)
def test_a_sentence_about_something_else_gives_nothing(sentence: str) -> None:
    assert [f.one_line() for f in prose_findings(saying(example(), sentence))] == []


def test_reviews_not_said_to_be_about_disclosure_are_not_table_fours() -> None:
    # Without a heading or words on 政府信息公开, a 法治 paragraph's reviews are every review.
    report = example().replace(
        overview=g.Section(paragraphs=("本局全年发生行政复议案件12件，主要涉及征地拆迁。",))
    )
    assert prose_findings(report) == []


# --- wrong: found once, at the right cells ----------------------------------------------------

NEW = ("new", "total")
WRONG_2024: list[tuple[str, str, str, tuple[CellKey, ...], object, object]] = [
    # (sentence, rule, figure, cells of its first meaning, stated, computed)
    ("全年共收到政府信息公开申请71件。", "S4", "received", (NEW,), 71, 67),
    (
        "共收到申请67件，其中自然人申请58件、法人或其他组织申请9件；予以公开30件。",
        "S4",
        "disclosed",
        (("disclosed", "total"),),
        30,
        36,
    ),
    ("受理申请十二件。", "S4", "received", (NEW,), 12, 67),
    ("全年新收政府信息公开申请1,067件。", "S4", "received", (NEW,), 1067, 67),
    ("本年度未收到政府信息公开申请。", "S4", "received", (NEW,), 0, 67),
    ("上年结转申请4件。", "S4", "carried_in", (("carry_in", "total"),), 4, 3),
    ("上年度无结转。", "S4", "carried_in", (("carry_in", "total"),), 0, 3),
    ("结转下一年度４件。", "S4", "carried_out", (("carry_out", "total"),), 4, 5),
    ("无结转至下年度的申请。", "S4", "carried_out", (("carry_out", "total"),), 0, 5),
    ("收到的政府信息公开申请均已办结。", "S4", "all_concluded", (("carry_out", "total"),), 0, 5),
    ("全年收到申请67件，办结65件，无结转。", "S4", "no_carry", (("carry_out", "total"),), 0, 5),
    ("全年办结申请一百零三件。", "S4", "concluded", (("total", "total"),), 103, 65),
    ("办理完毕64件。", "S4", "concluded", (("total", "total"),), 64, 65),
    ("全年处理政府信息公开申请80件。", "S10", "handled", (NEW,), 80, 67),
    ("予以公开35件。", "S4", "disclosed", (("disclosed", "total"),), 35, 36),
    ("部分公开八件。", "S4", "partially_disclosed", (("partially_disclosed", "total"),), 8, 7),
    (
        "予以公开和部分公开44件。",
        "S4",
        "disclosed_or_partly",
        (("disclosed", "total"), ("partially_disclosed", "total")),
        44,
        43,
    ),
    ("不予公开4件。", "S4", "denied", DENIED, 4, 3),
    (
        "属于四类过程性信息的2件。",
        "S4",
        "denied_process_information",
        (("denied_process_information", "total"),),
        2,
        1,
    ),
    ("无法提供11件。", "S4", "unable", UNABLE, 11, 12),
    (
        "本机关不掌握相关政府信息9件。",
        "S4",
        "unable_not_held",
        (("unable_not_held", "total"),),
        9,
        10,
    ),
    ("不予处理5件。", "S4", "not_processed", NOT_PROCESSED, 5, 4),
    ("重复申请2件。", "S4", "rejected_repeated", (("rejected_repeated", "total"),), 2, 1),
    ("其他处理2件。", "S4", "other_processing", OTHER, 2, 3),
    ("逾期不补正3件。", "S4", "other_no_correction", (("other_no_correction", "total"),), 3, 2),
    # 表四
    ("因政府信息公开被申请行政复议5件。", "S4", "review", (("review", "total"),), 5, 4),
    (
        "政府信息公开行政复议结果纠正2件。",
        "S4",
        "review_corrected",
        (("review", "corrected"),),
        2,
        1,
    ),
    ("政府信息公开行政复议4件，维持3件。", "S4", "review_upheld", (("review", "upheld"),), 3, 2),
    (
        "因政府信息公开被提起行政诉讼2件。",
        "S4",
        "suit",
        (("direct_suit", "total"), ("suit_after_review", "total")),
        2,
        1,
    ),
    (
        "政府信息公开行政诉讼1件，尚未审结1件。",
        "S4",
        "suit_pending",
        (("direct_suit", "pending"), ("suit_after_review", "pending")),
        1,
        0,
    ),
    ("未发生政府信息公开行政复议案件。", "S4", "review", (("review", "total"),), 0, 4),
    (
        "没有因政府信息公开被申请行政复议或提起行政诉讼。",
        "S4",
        "review_and_suit",
        (("review", "total"), ("direct_suit", "total"), ("suit_after_review", "total")),
        0,
        5,
    ),
    # 表二
    (
        "制发规范性文件7件。",
        "S4",
        "normative_documents_issued",
        (("normative_documents", "issued"),),
        7,
        6,
    ),
    (
        "废止行政规范性文件3件。",
        "S4",
        "normative_documents_repealed",
        (("normative_documents", "repealed"),),
        3,
        2,
    ),
    (
        "清理行政规范性文件，现行有效40件。",
        "S4",
        "normative_documents_in_force",
        (("normative_documents", "in_force"),),
        40,
        41,
    ),
    ("制定规章1件。", "S4", "regulations_issued", (("regulations", "issued"),), 1, 0),
    ("废止规章1件。", "S4", "regulations_repealed", (("regulations", "repealed"),), 1, 0),
    (
        "作出行政处罚决定58件。",
        "S4",
        "punishment_decisions",
        (("punishment", "decisions"),),
        58,
        57,
    ),
    (
        "行政许可决定1,284件。",
        "S4",
        "licensing_decisions",
        (("licensing", "decisions"),),
        1284,
        1283,
    ),
    ("实施行政强制措施5件。", "S10", "enforcement_cases", (("enforcement", "decisions"),), 5, 3),
    ("行政事业性收费20万元。", "S4", "fees_amount", (("fees", "amount"),), "20万元", "12.35万元"),
    (
        "收取行政事业性收费124,000元。",
        "S4",
        "fees_amount",
        (("fees", "amount"),),
        "124000元",
        "12.35万元",
    ),
    ("未收取行政事业性收费。", "S4", "fees_amount", (("fees", "amount"),), "0万元", "12.35万元"),
    # 信息处理费 against （六）2 = 1
    ("本年度未发出收费通知。", "S10", "fee_notices", (("other_unpaid_fee", "total"),), 0, 1),
    (
        "本年度未向申请人发出信息处理费收费通知。",
        "S10",
        "fee_notices",
        (("other_unpaid_fee", "total"),),
        0,
        1,
    ),
]


@pytest.mark.parametrize(
    ("sentence", "rule", "key", "where", "stated", "computed"),
    WRONG_2024,
    ids=[w[0] for w in WRONG_2024],
)
def test_a_contradiction_is_found_once_at_its_cells(
    sentence: str, rule: str, key: str, where: tuple[CellKey, ...], stated: object, computed: object
) -> None:
    report = saying(example(), sentence)
    (finding,) = prose_findings(report)
    (problem,) = compare_prose(report)
    assert isinstance(problem.found, Mismatch)
    assert (finding.rule, problem.found.claim.figure.key, cells(problem)) == (rule, key, where)
    assert (finding.stated, finding.computed) == (stated, computed)
    assert finding.severity is g.RULES[rule].severity
    assert (finding.path, finding.location) == ("overview[2]", "一、总体情况第2段")
    # The message quotes the sentence and names the cells with their value.
    table = report.table(problem.found.values[0].base.table)
    assert finding.message.startswith("“")
    assert sentence.rstrip("。")[:10] in finding.message
    if len(where) == 1:
        assert table.spec.location(where[0]) in finding.message
    assert f"为{computed}" in finding.message or f"为{computed}件" in finding.message


def test_the_severities_are_one_per_rule() -> None:
    assert g.RULES["S4"].severity is g.Severity.ERROR
    assert g.RULES["S9"].severity is g.RULES["S10"].severity is g.Severity.WARNING


WRONG_SHARES = [
    # (sentence, the part, the share printed, the shares the bases give)
    ("予以公开36件，占60%。", "36", "60", ["55", "54", "51"]),
    ("共办结65件，其中部分公开7件（占10.7%）。", "7", "10.7", ["10.8", "10.4", "10.0"]),
    ("全年收到申请1,000件，予以公开五十件，占比6%。", "50", "6", ["5", "77", "75", "71"]),
]


@pytest.mark.parametrize(("sentence", "part", "share", "bases"), WRONG_SHARES)
def test_a_share_that_fits_no_base_is_a_warning(
    sentence: str, part: str, share: str, bases: list[str]
) -> None:
    report = saying(example(), sentence)
    found = prose_findings(report)
    (finding,) = [f for f in found if f.rule == "S9"]
    assert finding.severity is g.Severity.WARNING
    assert finding.stated == f"{share}%"
    (wrong,) = [p.found for p in compare_prose(report) if isinstance(p.found, ShareMismatch)]
    assert str(wrong.share.part) == part
    assert [str(f.share) for f in wrong.fits][: len(bases)] == bases
    assert f"正文写作{share}%" in finding.message


def test_the_seeds_shares_of_a_base_named_before_them_are_accepted() -> None:
    report = read(Path(__file__).parent / "data" / "nanchang-edu-2020.txt").report
    (share_paragraph,) = [r for _, r in read_prose(report) if r.shares]
    assert [(str(s.part), str(s.share)) for s in share_paragraph.shares] == [
        ("3694", "20.5"),
        ("1357", "7.5"),
        ("12890", "71.6"),
        ("65", "0.4"),
    ]
    assert all(s.named[-1] == 18006 for s in share_paragraph.shares)
    assert prose_findings(report) == []


# --- the 2019 format: its own cells, and figures it does not have are skipped -----------------


RIGHT_2019 = [
    "本年度收到政府信息公开申请10件，均已办结。",
    "因属于过程性信息不予公开10件，占100%。",
    "现行有效规范性文件99件。",  # no 现行有效 column in 2019
    "逾期不补正1件。",  # no such row in 2019
    "行政事业性收费5万元。",  # 2019 counts fee items, not amounts
    "发出收费通知0件。",
]
WRONG_2019 = [
    ("其他处理1件。", "other_processing", (("other", "total"),), 1, 0),
    ("制发规范性文件2件。", "normative_documents_issued", (("normative_documents", "made"),), 2, 0),
    ("收到政府信息公开申请十一件。", "received", (NEW,), 11, 10),
]


@pytest.mark.parametrize("sentence", RIGHT_2019)
def test_2019_right_sentences_give_nothing(sentence: str) -> None:
    report = saying(example("nanchang-edu-2020-corrected.yaml"), sentence)
    assert [f.one_line() for f in prose_findings(report)] == []


def test_2019_reads_the_figures_it_has() -> None:
    report = saying(example("nanchang-edu-2020-corrected.yaml"), *RIGHT_2019[:2])
    assert claims_read(report) == 4  # received, all_concluded, denied_process_information, share


@pytest.mark.parametrize(("sentence", "key", "where", "stated", "computed"), WRONG_2019)
def test_2019_contradictions_are_found_at_the_2019_cells(
    sentence: str, key: str, where: tuple[CellKey, ...], stated: int, computed: int
) -> None:
    report = saying(example("nanchang-edu-2020-corrected.yaml"), sentence)
    (finding,) = prose_findings(report)
    (problem,) = compare_prose(report)
    assert isinstance(problem.found, Mismatch)
    assert (problem.found.claim.figure.key, cells(problem)) == (key, where)
    assert (finding.rule, finding.stated, finding.computed) == ("S4", stated, computed)


# --- cells that are not known are never compared ----------------------------------------------


def test_a_cell_a_reader_left_unread_is_never_compared() -> None:
    report = saying(example(), "全年共收到政府信息公开申请71件，予以公开35件，占60%。")
    t3 = report.table3
    stated = {k: v for k, v in t3.stated.items() if k not in (NEW, ("disclosed", "total"))}
    unread = g.Table(t3.spec, stated, (NEW, ("disclosed", "total")))
    found = prose_findings(report.replace(table3=unread))
    # 71 might be 一; 35 might be 予以公开; the share is still checked against what is known.
    assert [f.rule for f in found] == ["S9"]


def test_a_table_not_stated_is_never_compared() -> None:
    report = saying(example(), "全年共收到政府信息公开申请71件，制发规范性文件9件。")
    empty = report.replace(
        table2=g.Table.empty(report.table2.spec), table3=g.Table.empty(report.table3.spec)
    )
    assert prose_findings(empty) == []


def test_a_total_left_out_is_computed_from_stated_rows() -> None:
    report = saying(example(), "全年共收到政府信息公开申请71件。")
    without = report.replace(table3=report.table3.without_totals())
    ((finding,),) = [prose_findings(without)]
    assert (finding.stated, finding.computed) == (71, 67)
