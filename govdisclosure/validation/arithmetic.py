"""The 勾稽 rules, checked exactly as the format declaration states them (H1–H4).

A rule with a cell that a reader could not read (``Table.unread``) is not checked: the
reading failure must never show up as an arithmetic defect of the report. Such rules are
reported together, once per table, as not checkable (UNCHECKED).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..model import Table, numeric
from ..rules import RULES, RuleId

_MESSAGES = {
    RuleId.H2: "总计应等于各项办理结果之和",
    RuleId.H3: "总计应等于各类申请人之和",
    RuleId.H4: "总计应等于结果维持、结果纠正、其他结果、尚未审结之和",
}


def check_sums(table: Table) -> Iterator[Finding]:
    """Each stated total against the sum of its parts as the table shows them.

    This is the check a reader makes with the printed table: a row or column that does
    not add up is reported at its total cell. A wrong subtotal therefore shows up both
    in its own column and in the row of totals it belongs to.
    """
    for rule in table.spec.sums:
        if table.unread.intersection((rule.target, *rule.parts)):
            continue
        stated = table.stated.get(rule.target)
        if stated is None or not isinstance(stated, int):
            continue  # omitted (computed), blank (reported as BLANK) or mistyped (H5)
        computed = sum((numeric(table.value(p)) for p in rule.parts), start=0)
        if stated != computed:
            yield RULES[rule.rule].finding(
                f"{table.key}.{rule.target[0]}.{rule.target[1]}",
                table.spec.location(rule.target),
                _MESSAGES.get(rule.rule, RULES[rule.rule].title),
                stated=stated,
                computed=computed,
            )


def check_balances(table: Table) -> Iterator[Finding]:
    """Table 三's own note, per column, on the values as the table shows them."""
    for rule in table.spec.balances:
        if table.unread.intersection((*rule.left, *rule.right)):
            continue
        left = sum((numeric(table.value(k)) for k in rule.left), start=0)
        right = sum((numeric(table.value(k)) for k in rule.right), start=0)
        if left != right:
            column = table.spec.column_label(rule.column)
            yield RULES[rule.rule].finding(
                f"{table.key}.*.{rule.column}",
                f"{table.spec.name} “{column}”列",
                f"第一项加第二项之和（{left}）不等于第三项加第四项之和（{right}）",
                stated=right,
                computed=left,
            )


def check_unchecked(table: Table) -> Iterator[Finding]:
    """One finding for the rules of ``table`` that its unread cells leave uncheckable."""
    if not table.unread:
        return
    spec = table.spec
    blocked: dict[RuleId, list[str]] = {}
    for rule in spec.sums:
        if table.unread.intersection((rule.target, *rule.parts)):
            blocked.setdefault(rule.rule, []).append(spec.location(rule.target))
    for bal in spec.balances:
        if table.unread.intersection((*bal.left, *bal.right)):
            blocked.setdefault(bal.rule, []).append(f"“{spec.column_label(bal.column)}”列")
    if not blocked:
        return
    rules = "、".join(f"{r}（{len(where)}处）" for r, where in sorted(blocked.items()))
    yield RULES[RuleId.UNCHECKED].finding(
        table.key,
        spec.name,
        f"{len(table.unread)}个单元格未能读出，以下勾稽关系无法核对：{rules}",
    )
