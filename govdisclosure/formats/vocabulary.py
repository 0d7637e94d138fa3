"""The words in which reports state the figures of their tables (rules S4, S9, S10).

Evaluators cross-check the numbers in the prose of a report with its tables: “全年新收政府信息公开
申请67件” against 表三 一、总计, “现行有效41件” against 表二, “未发生行政复议” against 表四. This
module declares, once for every format version, which figures the prose states, in which
phrasings, and what each means as table cells; ``govdisclosure.validation.prose`` reads the
prose with it and nothing else. It is data, like the format declarations beside it:

* A :class:`Figure` is one checkable quantity: its Chinese name (used in messages), the
  phrasings that state it, and its :class:`Base` es — the table cells whose sum it means. A
  figure with several bases accepts any of them (“收到申请” is 一 in some reports, 一 + 二 in
  others); one whose cells a format version lacks is skipped for that version, so the 2019
  and 2021 formats share this list, and a later format adds here the phrases of its new cells
  and nothing else.
* A phrasing is a regular-expression fragment (no capturing groups) with ``{n}`` where the
  number stands and ``{u}`` for its unit; ``said`` phrasings carry a number, ``nil`` phrasings
  state zero without one (“全部办结” says that none was carried over). Other ``{name}`` s are
  the shared :data:`FRAGMENTS`.
* A figure's ``topic`` says what the sentence must be about for a phrase to mean it: “办结65件”
  is about applications only where the text is (“…12345平台受理群众诉求3519件，全部办结” is not).
  The topic at a place in the text is that of the last :data:`TOPICS` marker before it.

Where two phrasings could match at the same place, the one declared first wins: compound and
more specific phrasings (“予以公开及部分公开”, “本机关不掌握相关政府信息”) come before the
simpler ones they contain.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType

from attrs import frozen

from ..rules import RuleId
from .declaration import CellKey, SectionKey


class Measure(enum.Enum):
    """What kind of number a figure is."""

    COUNT = "count"
    """A whole number of 件 (or 个, 份, 起 …)."""
    AMOUNT = "amount"
    """An amount of money, written in 元 or 万元; the table states 万元."""


class Relation(enum.Enum):
    """How the prose's number relates to the table's."""

    EQUAL = "equal"
    AT_LEAST = "at_least"
    """The prose's number may exceed the cells, never fall short: every application dropped
    for an unpaid fee (表三（六）2) had a 收费通知, but not every notice led to one."""


@frozen
class Base:
    """One meaning of a figure: the sum of ``cells`` of the table ``table``."""

    table: str
    cells: tuple[CellKey, ...]


@frozen
class Figure:
    """A quantity that the prose states and the tables also give."""

    key: str
    """Stable identifier (“received”)."""
    name: str
    """What the prose calls it, in messages (“收到申请”)."""
    topic: str | None
    """What the text must be about at the number (a key of :data:`TOPICS`); None when the
    phrasings themselves name their subject unambiguously."""
    bases: tuple[Base, ...]
    said: tuple[str, ...] = ()
    nil: tuple[str, ...] = ()
    unless: str | None = None
    """Words that make a phrase mean something else: looked for since the previous number
    (for ``said``) or since the start of the sentence (for ``nil``). “因属于过程性信息，不予
    公开1件” speaks of one reason, not of every 不予公开."""
    within: str | None = None
    """Words the sentence must contain (or the topic before it must be applications): 表四
    counts only reviews and suits about 政府信息公开, while a paragraph on 法治政府 may count
    every 行政复议 of the agency."""
    sure: bool = True
    """False for a phrasing with several meanings (“办理申请30件”: received or concluded): a
    number that fits none is a warning (S10), not a contradiction (S4)."""
    measure: Measure = Measure.COUNT
    relation: Relation = Relation.EQUAL

    @property
    def rule(self) -> RuleId:
        """The rule a number that fits none of the meanings breaks: S4, or S10 if not ``sure``."""
        return RuleId.S4 if self.sure else RuleId.S10


# --- shared fragments ---------------------------------------------------------------------

FRAGMENTS: Mapping[str, str] = MappingProxyType(
    {
        # 政府信息公开申请 in the forms reports write it.
        "apps": r"(?:各类)?(?:(?:政府信息公开|信息公开|依申请公开|公开)?申请(?:事项|件)?"
        r"|依申请公开(?:事项|件)?)(?:数量|总数|总量)?",
        # Words between a noun and its number: “申请共计67件”, “办结率为”, never “约”, “余”.
        "sum": r"(?:共计|共有|共|合计|总计|累计|计|为|达到|达|有|了)*",
        # A reason before its outcome: “属于过程性信息而不予公开的1件”.
        "why": r"(?:的|而)?(?:不予公开|无法提供|不予处理|不再处理)?(?:的)?(?:申请)?",
        # A denial before what did not happen: “未发生…”, “没有因政府信息公开…被申请…”.
        "none": r"(?:(?:未发生|没有发生|未出现|没有出现|未产生|没有产生|不存在|未有|没有|"
        r"未被|均未|未曾)[^，。；：\d]{0,16}?|无(?:因政府信息公开[^，。；：\d]{0,8}?)?)",
        # “（政府信息公开）信息处理费” before 收费通知.
        "fee": r"(?:(?:政府信息公开|依申请公开)?(?:信息)?处理费)?",
        # What a review or suit may be followed by that makes “未发生…” about its outcome.
        "outcome": r"(?:案件|申请)?被?(?:纠|撤销|败诉|确认违法|改变)",
    }
)

UNITS: Mapping[Measure, str] = MappingProxyType(
    {
        # “件次” and “200件以上” are not counts of applications.
        Measure.COUNT: r"(?:件|个|份|宗|起|例|部|篇)(?!以上|左右|以下|上下|之多|次)",
        Measure.AMOUNT: r"(?:万元|元)",
    }
)

TOPICS: tuple[tuple[str, str], ...] = (
    # Specific markers first: at one place the first that matches is the topic.
    ("suit_after", r"(?:行政)?复议后(?:提起)?(?:行政)?(?:诉讼|起诉)"),
    ("suit_direct", r"(?:未经复议)?直接(?:向法院)?(?:提起)?(?:行政)?(?:诉讼|起诉)"),
    ("review", r"行政复议(?:申请|案件)?"),
    ("suit", r"行政诉讼(?:案件)?|起诉"),
    ("licensing", r"行政许可(?:申请)?"),
    ("punishment", r"行政处罚"),
    ("enforcement", r"行政强制"),
    ("regulations", r"规章(?!制度)"),
    ("normative", r"规范性文件"),
    ("fees", r"行政事业性收费"),
    ("processing_fees", r"信息处理费|收费通知"),
    (
        "other",  # a topic, not a section key
        r"诉求|来电|来信|信件|留言|咨询|投诉(?!类)|举报(?!投诉)|信访(?!举报)|热线|12345|"
        r"服务事项|审批事项|政务服务|办件|建议|提案|议案|(?:审批|补贴|救助|项目|资金|入学|登记)申请"
        # “清理各类文件120件，废止10件”: not 规范性文件 (whose marker, earlier, wins there).
        r"|文件",
    ),
    ("application", r"依申请|申请"),
)
"""Markers of what the text is about, in the order they are tried at one place."""

LOCAL_TOPICS = frozenset(
    ("regulations", "normative", "licensing", "punishment", "enforcement", "fees")
)
"""Topics that hold only in the sentence that names them: “废止2件” is of 规范性文件 right
after “制发行政规范性文件6件，”, not three sentences later."""

SCOPE = (
    r"全区|全市|全县|全省|全州|全盟|全旗|全镇|全乡|全系统|各部门|各单位|各级|各乡镇|各街道"
    r"|所属单位|下属单位|直属单位"
)
"""Words that make a sentence about more than the reporting agency (“全区共收到申请523件”):
its figures are not the table's, and are never compared."""

APPLICANTS = r"自然人|法人|商业企业|科研机构|社会公益组织|法律服务机构"
"""Words that make what follows them, up to the next semicolon, about some applicants only
(“其中自然人申请120件，予以公开40件”): 表三's figures are of all applicants, and are not
compared there."""

SHARE_BASES = ("concluded", "received")
"""The figures whose bases a share of applications may be a share of (（七）总计, 一, 一+二),
besides the numbers named in its sentence."""

DISCLOSURE = r"信息公开|依申请|公开申请|申请公开"
"""What makes a 行政复议 or 行政诉讼 one about 政府信息公开 (表四)."""


# --- 表三 -----------------------------------------------------------------------------------

T3 = SectionKey.TABLE3
APP = "application"


_OTHER_2019 = "other"  # 表三's row （六）其他处理 in the 2019 format: not a section key


def _t3(*rows: str) -> Base:
    return Base(T3, tuple((row, "total") for row in rows))


_DENIED = (
    ("denied_state_secret", "属于国家秘密", r"(?:属于|涉及)国家秘密"),
    ("denied_prohibited_by_law", "法律行政法规禁止公开", r"(?:其他)?法律、?行政法规禁止公开"),
    ("denied_three_safeties", "危及“三安全一稳定”", r"危及[“\"]?三安全一稳定[”\"]?"),
    ("denied_third_party", "保护第三方合法权益", r"(?:保护|涉及|损害)第三方合法权益"),
    ("denied_internal_affairs", "属于三类内部事务信息", r"(?:属于)?(?:三类)?内部事务信息"),
    ("denied_process_information", "属于四类过程性信息", r"(?:属于)?(?:四类)?过程性信息"),
    ("denied_enforcement_file", "属于行政执法案卷", r"(?:属于)?行政执法案卷"),
    ("denied_inquiry", "属于行政查询事项", r"(?:属于)?行政查询事项"),
)
_UNABLE = (
    ("unable_not_held", "本机关不掌握相关政府信息", r"(?:本机关)?不掌握(?:相关)?(?:政府)?信息"),
    ("unable_needs_creation", "没有现成信息需要另行制作", r"(?:没有现成信息)?需要?另行制作"),
    ("unable_unclear", "补正后申请内容仍不明确", r"补正后(?:申请)?内容仍?不明确"),
)
_NOT_PROCESSED = (
    ("rejected_petition", "信访举报投诉类申请", r"信访举报投诉类(?:申请)?"),
    ("rejected_repeated", "重复申请", r"重复申请"),
    ("rejected_publication", "要求提供公开出版物", r"(?:要求)?提供公开出版物"),
    ("rejected_excessive", "无正当理由大量反复申请", r"(?:无正当理由)?大量反复申请"),
    (
        "rejected_confirmation",
        "要求行政机关确认或重新出具已获取信息",
        r"要求(?:行政机关)?确认或重新出具(?:已获取)?信息",
    ),
)
_OTHER_2021 = (
    ("other_no_correction", "逾期不补正", r"(?:申请人)?(?:无正当理由)?逾期(?:不|未)补正"),
    (
        "other_unpaid_fee",
        "逾期未缴纳信息处理费",
        r"(?:申请人)?逾期未(?:按收费通知要求)?缴纳?(?:信息处理)?费用?",
    ),
)

_REASONS = "|".join(
    p for group in (_DENIED, _UNABLE, _NOT_PROCESSED, _OTHER_2021) for *_, p in group
)
"""Any reason of a sub-row: an outcome group's phrase after one is about that reason."""


def _sub_rows(rows: tuple[tuple[str, str, str], ...]) -> tuple[Figure, ...]:
    """The named sub-rows of an outcome group: “本机关不掌握相关政府信息10件”."""
    return tuple(
        Figure(key, name, APP, (_t3(key),), said=(pattern + "{why}{sum}{n}{u}",))
        for key, name, pattern in rows
    )


def _group(key: str, name: str, words: str, rows: tuple[str, ...]) -> Figure:
    """An outcome group: its phrases mean the sum of its rows, unless a reason precedes."""
    return Figure(
        key,
        name,
        APP,
        (_t3(*rows),),
        said=(words + "(?:的)?{sum}{n}{u}", "{n}{u}(?:申请)?(?:被)?" + words),
        unless=_REASONS,
    )


APPLICATIONS: tuple[Figure, ...] = (
    Figure(
        "received",
        "收到申请",
        APP,
        (_t3("new"), _t3("new", "carry_in")),
        said=(
            r"(?:新收|受理|收到|接收|接到|收悉|新增)(?:了)?{apps}{sum}{n}{u}",
            r"(?:新收|受理|收到|接收|接到)(?:了)?{n}{u}(?:政府信息公开|信息公开|依申请公开)?申请",
        ),
        nil=(
            r"(?:未|没有)(?:收到|受理|接到|接收|发生|产生)(?:过)?(?:任何)?"
            r"(?:政府信息公开|信息公开|依申请公开)?申请(?!人|书|表|材料|补正|费)",
            r"无(?:政府信息公开|信息公开|依申请公开)申请(?!人)",
        ),
    ),
    Figure(
        "carried_in",
        "上年结转",
        APP,
        (_t3("carry_in"),),
        said=(
            r"(?:上年度?|上一年度?|去年)结转(?:至本年度?|到本年度?)?(?:的)?(?:{apps})?{sum}{n}{u}",
            r"结转上(?:一)?年度?(?:的)?(?:{apps})?{sum}{n}{u}",
            r"{n}{u}(?:申请)?(?:为|系)上(?:一)?年度?结转",
        ),
        nil=(
            r"(?:上年度?|上一年度?)(?:无|没有)(?:申请)?结转",
            r"(?:无|没有)上(?:一)?年度?结转",
        ),
    ),
    Figure(
        "carried_out",
        "结转下年度",
        APP,
        (_t3("carry_out"),),
        said=(
            r"结转(?:至|到)?(?:下(?:一)?年度?|\d{4}年度?)(?:继续)?(?:办理)?(?:的)?(?:{apps})?{sum}{n}{u}",
            r"{n}{u}(?:申请)?(?:需|将)?结转(?:至|到)?下(?:一)?年度?",
        ),
        nil=(r"(?:无|没有|未有|不存在)(?:需要?)?(?:申请)?结转(?:至|到)?下(?:一)?年度?",),
    ),
    Figure(
        "all_concluded",
        "全部办结",
        APP,
        (_t3("carry_out"),),
        nil=(
            r"(?<!未)(?<!未能)(?<!不能)(?<!无法)(?<!没有)(?<!尚未)"
            r"(?:全部|均已经|均已|均|都已经|都已|都|悉数)(?:依法|按时|及时|如期)?(?:予以)?"
            r"(?:办结|办理完毕|办理完成|处理完毕|答复完毕)(?!率)",
        ),
        # “上年结转的3件已全部办结” speaks of those 3 only.
        unless=r"上年|上一年|去年|结转|部分|个别|大部分|多数|其中",
    ),
    Figure(
        "no_carry",
        "无结转",
        APP,
        (_t3("carry_out"),),
        # A bare “无结转” in a sentence on this year's applications: none left for next year.
        nil=(r"(?<![上年度])(?:无|没有)结转(?![至到下上])",),
        # Said of last year (“上年结转0件，本年…无结转”?) it may mean 二: not compared.
        unless=r"上年|上一年|去年",
    ),
    Figure(
        "concluded",
        "办结",
        APP,
        (_t3("total"),),
        said=(
            r"办结(?:了)?(?:{apps})?{sum}{n}{u}",
            r"(?:作出|予以)?答复(?:了)?(?:{apps})?{sum}{n}{u}",
            r"(?:办理|处理)完毕(?:的)?(?:{apps})?{sum}{n}{u}",
            r"{n}{u}(?:申请)?(?:均|全部)?已(?:经)?(?:办结|办理完毕|答复)",
        ),
    ),
    Figure(
        "handled",
        "办理申请",
        APP,
        (_t3("new"), _t3("new", "carry_in"), _t3("total")),
        # 办理 is received to some, concluded to others.
        said=(r"(?:办理|处理)(?:了)?{apps}{sum}{n}{u}",),
        sure=False,
    ),
    Figure(
        "disclosed_or_partly",
        "予以公开及部分公开",
        APP,
        (_t3("disclosed", "partially_disclosed"),),
        said=(
            r"(?:予以公开|全部公开|同意公开)(?:及|和|与|、|或|以及)部分公开(?:的)?{sum}{n}{u}",
            r"(?:公开|全部或部分公开)(?:和|及|或)?部分公开(?:的)?{sum}{n}{u}",
            r"全部或部分公开(?:的)?{sum}{n}{u}",
        ),
    ),
    Figure(
        "disclosed",
        "予以公开",
        APP,
        (_t3("disclosed"),),
        said=(
            r"(?<!不)(?:予以公开|同意公开|全部公开)(?:的)?{sum}{n}{u}",
            r"{n}{u}(?:申请)?(?:被)?(?:予以公开|同意公开|全部公开)(?![及和与、或]|以及)",
        ),
    ),
    Figure(
        "partially_disclosed",
        "部分公开",
        APP,
        (_t3("partially_disclosed"),),
        said=(r"部分公开(?:的)?{sum}{n}{u}", r"{n}{u}(?:申请)?(?:予以)?部分公开"),
    ),
    *_sub_rows(_DENIED),
    *_sub_rows(_UNABLE),
    *_sub_rows(_NOT_PROCESSED),
    *_sub_rows(_OTHER_2021),
    _group("denied", "不予公开", r"不予(?:以)?公开", tuple(k for k, *_ in _DENIED)),
    _group("unable", "无法提供", r"无法提供", tuple(k for k, *_ in _UNABLE)),
    _group("not_processed", "不予处理", r"不予处理", tuple(k for k, *_ in _NOT_PROCESSED)),
    Figure(
        "other_processing",
        "其他处理",
        APP,
        # One row in the 2019 format, three in 2021: each version has one of these bases.
        (_t3(_OTHER_2019), _t3("other_no_correction", "other_unpaid_fee", "other_misc")),
        said=(r"其他处理(?:的)?{sum}{n}{u}",),
        unless=_REASONS,
    ),
)


# --- 表四 -----------------------------------------------------------------------------------

T4 = SectionKey.TABLE4
_GROUPS = (
    ("review", "行政复议", ("review",)),
    ("suit", "行政诉讼", ("direct_suit", "suit_after_review")),
    ("suit_direct", "未经复议直接起诉", ("direct_suit",)),
    ("suit_after", "复议后起诉", ("suit_after_review",)),
)
_OUTCOMES = (
    (
        "upheld",
        "结果维持",
        r"(?:结果)?(?:予以)?维持(?:原(?:具体)?(?:行政)?(?:行为|决定|答复))?(?:的)?{sum}{n}{u}",
        (),
    ),
    (
        "corrected",
        "结果纠正",
        r"(?:结果)?(?:被)?(?:纠正|纠错)(?:的)?{sum}{n}{u}",
        (r"(?:未|没有|无)(?:被)?(?:纠正|纠错)(?!率)",),
    ),
    ("other", "其他结果", r"其他结果(?:的)?{sum}{n}{u}", ()),  # not a section key
    (
        "pending",
        "尚未审结",
        r"(?:尚未审结|未审结|尚在审理中?|正在审理中?|审理中)(?:的)?{sum}{n}{u}",
        (),
    ),
)
_ORGAN = r"受理|审理|办理|办结|作出|复议机关|复议机构|应诉|出庭"
"""Words of an agency acting as the reviewing body or defending suits of every kind: its
行政复议 and 行政诉讼 are not those of 表四."""


def _t4(groups: tuple[str, ...], col: str) -> Base:
    return Base(T4, tuple((g, col) for g in groups))


def _outcomes() -> tuple[Figure, ...]:
    return tuple(
        Figure(
            f"{topic}_{col}",
            f"{name}{label}",
            topic,
            (_t4(groups, col),),
            said=(pattern,),
            nil=nil,
            within=DISCLOSURE,
            unless=_ORGAN,
        )
        for topic, name, groups in _GROUPS
        for col, label, pattern, nil in _OUTCOMES
    )


APPEALS: tuple[Figure, ...] = (
    Figure(
        "review_and_suit",
        "行政复议、行政诉讼",
        None,
        (_t4(("review", "direct_suit", "suit_after_review"), "total"),),
        nil=(
            r"{none}行政复议(?:案件)?(?:[或和、及与]|以及)(?:被)?(?:提起)?(?:行政)?诉讼(?:案件)?"
            r"(?!{outcome})",
            r"行政复议(?:[或和、及与]|以及)(?:行政)?诉讼(?:案件)?(?:数量|件数)?均为(?:0|零)",
        ),
        within=DISCLOSURE,
        unless=_ORGAN,
    ),
    Figure(
        "suit_direct",
        "未经复议直接起诉",
        "suit_direct",
        (_t4(("direct_suit",), "total"),),
        said=(r"(?:未经复议)?直接(?:向法院)?(?:提起)?(?:行政)?(?:诉讼|起诉)(?:的)?{sum}{n}{u}",),
        within=DISCLOSURE,
        unless=_ORGAN,
    ),
    Figure(
        "suit_after",
        "复议后起诉",
        "suit_after",
        (_t4(("suit_after_review",), "total"),),
        said=(r"(?:行政)?复议后(?:提起)?(?:行政)?(?:诉讼|起诉)(?:的)?{sum}{n}{u}",),
        within=DISCLOSURE,
        unless=_ORGAN,
    ),
    Figure(
        "review",
        "行政复议",
        "review",
        (_t4(("review",), "total"),),
        said=(
            r"(?<!受理)(?<!办理)(?<!审理)(?<!办结)(?<!作出)(?<!收到)"
            r"行政复议(?:案件|申请)?(?:数量)?{sum}{n}{u}",
            r"(?:发生|涉及|被申请|有)(?:了)?{n}{u}(?:政府信息公开)?行政复议",
        ),
        nil=(
            r"{none}行政复议(?:案件|申请)?(?![或和、及与]|以及|{outcome})",
            r"行政复议(?:案件)?(?:数量|件数)?为(?:0|零)(?!\d)",
        ),
        within=DISCLOSURE,
        unless=_ORGAN,
    ),
    Figure(
        "suit",
        "行政诉讼",
        "suit",
        (_t4(("direct_suit", "suit_after_review"), "total"),),
        said=(
            r"(?<!受理)(?<!审理)行政诉讼(?:案件)?(?:数量)?{sum}{n}{u}",
            r"被(?:提起行政诉讼|起诉){sum}{n}{u}",
            r"(?:发生|涉及|被提起|有)(?:了)?{n}{u}(?:政府信息公开)?行政诉讼",
        ),
        nil=(
            r"{none}(?:行政诉讼|被起诉)(?:案件)?(?!{outcome})",
            r"行政诉讼(?:案件)?(?:数量|件数)?为(?:0|零)(?!\d)",
        ),
        within=DISCLOSURE,
        unless=_ORGAN,
    ),
    *_outcomes(),
)


# --- 表二 -----------------------------------------------------------------------------------

T2 = SectionKey.TABLE2
_MAKE = r"(?:本年)?(?:新)?(?:制发|制定|出台|颁布|印发)(?:了)?"


def _documents(row: str, name: str, noun: str, topic: str) -> tuple[Figure, ...]:
    """制发 / 废止 / 现行有效 of 规章 or 规范性文件. The 2019 format counts 本年新制作 instead of
    制发 and has no 废止 or 现行有效 column: those figures are skipped for it."""
    return (
        Figure(
            f"{row}_issued",
            f"制发{name}",
            topic,
            (Base(T2, ((row, "issued"),)), Base(T2, ((row, "made"),))),
            said=(_MAKE + noun + "{sum}{n}{u}", _MAKE + "{n}{u}" + noun, _MAKE + "{sum}{n}{u}"),
        ),
        Figure(
            f"{row}_repealed",
            f"废止{name}",
            topic,
            (Base(T2, ((row, "repealed"),)),),
            said=(r"废止(?:了)?" + noun + "{sum}{n}{u}", r"废止(?:了)?{sum}{n}{u}"),
        ),
        Figure(
            f"{row}_in_force",
            f"现行有效{name}",
            topic,
            (Base(T2, ((row, "in_force"),)),),
            said=(
                r"现行有效(?:的)?" + noun + "{sum}{n}{u}",
                noun + r"现行有效(?:的)?{sum}{n}{u}",
                r"现行有效(?:的)?{sum}{n}{u}",
            ),
        ),
    )


def _decisions(row: str, name: str, words: str, acts: str, topic: str) -> tuple[Figure, ...]:
    """处理决定 of 表二（五）（六）: “作出行政处罚决定57件” is sure; “办理行政处罚案件57件” may
    count cases, not decisions. A decision said to be published (“公开行政处罚决定”) may be
    fewer than all decisions, which the table counts."""
    decisions = (Base(T2, ((row, "decisions"),)),)
    return (
        Figure(
            f"{row}_decisions",
            f"{name}决定",
            topic,
            decisions,
            said=(
                r"(?<!公开)(?<!公示)(?<!发布)"
                + words
                + r"(?:处理)?决定(?:书)?(?:数量)?{sum}{n}{u}",
                r"(?:作出|办理|实施)(?:了)?{n}{u}" + words + r"(?:处理)?决定",
            ),
        ),
        Figure(
            f"{row}_cases",
            name,
            topic,
            decisions,
            said=(acts + r"(?:了)?" + words + r"(?:事项|案件|件)?{sum}{n}{u}",),
            sure=False,
        ),
    )


DOCUMENTS: tuple[Figure, ...] = (
    *_documents("normative_documents", "规范性文件", r"(?:行政)?规范性文件", "normative"),
    *_documents("regulations", "规章", r"规章", "regulations"),
    *_decisions("licensing", "行政许可", r"行政许可", r"(?:办理|办结|作出|实施)", "licensing"),
    *_decisions("punishment", "行政处罚", r"行政处罚", r"(?:办理|办结|作出|实施)", "punishment"),
    *_decisions(
        "enforcement", "行政强制", r"行政强制(?:措施)?", r"(?:实施|采取|作出)", "enforcement"
    ),
    Figure(
        "fees_amount",
        "行政事业性收费",
        "fees",
        (Base(T2, (("fees", "amount"),)),),
        said=(r"行政事业性收费(?:金额|总额|收入|总金额)?{sum}{n}{u}",),
        nil=(r"(?:未|没有|无)(?:收取|产生|发生)?(?:任何)?行政事业性收费",),
        measure=Measure.AMOUNT,
    ),
)


# --- 六、其他需要报告的事项 ------------------------------------------------------------------

FEES: tuple[Figure, ...] = (
    Figure(
        "fee_notices",
        "发出收费通知",
        "processing_fees",
        # 2021 format only: （六）2 counts applications dropped after a 收费通知 went unpaid.
        (_t3("other_unpaid_fee"),),
        said=(
            r"(?:发出|开具|送达|出具|下发)(?:了)?{fee}收费通知(?:书)?{sum}{n}{u}",
            r"(?:发出|开具|送达|出具|下发)(?:了)?{n}{u}{fee}收费通知",
        ),
        nil=(r"(?:未|没有)(?:向申请人)?(?:发出|开具|送达|出具|下发)(?:过)?(?:任何)?{fee}收费通知",),
        # A notice of December may go unpaid, and its application be dropped, in January.
        sure=False,
        relation=Relation.AT_LEAST,
    ),
)


VOCABULARY: tuple[Figure, ...] = (*APPLICATIONS, *APPEALS, *DOCUMENTS, *FEES)
"""Every figure the prose is checked for, in the order its phrasings are tried."""


def figure(key: str) -> Figure:
    """The declared figure ``key``."""
    return next(f for f in VOCABULARY if f.key == key)


__all__ = [
    "APP",
    "APPLICANTS",
    "DISCLOSURE",
    "FRAGMENTS",
    "LOCAL_TOPICS",
    "SCOPE",
    "SHARE_BASES",
    "TOPICS",
    "UNITS",
    "VOCABULARY",
    "Base",
    "Figure",
    "Measure",
    "Relation",
    "figure",
]
