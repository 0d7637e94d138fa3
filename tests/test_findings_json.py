"""The JSON shape of a finding is the library's (``Finding.to_dict``), and the pairing of two
years in a batch (S1) is the library's (``years.carry_over_in_batch``): the command line only
prints them."""

from __future__ import annotations

import json
from decimal import Decimal

from govdisclosure.batch import Carry, Identity, Outcome
from govdisclosure.findings import Finding, Severity
from govdisclosure.years import carry_over_in_batch


def test_a_finding_as_json_data_keeps_every_field_and_a_decimal_as_text() -> None:
    finding = Finding(
        "H2", Severity.ERROR, "table3.total.natural_person", "表三", "不符", Decimal("12.5"), 10
    )
    data = finding.to_dict()
    assert data == {
        "rule": "H2",
        "severity": "error",
        "path": "table3.total.natural_person",
        "location": "表三",
        "message": "不符",
        "stated": "12.5",
        "computed": 10,
    }
    assert json.loads(json.dumps(data)) == data


def test_a_warning_without_values_has_null_values() -> None:
    data = Finding("S2", Severity.WARNING, "table2", "表二", "请核实").to_dict()
    assert (data["severity"], data["stated"], data["computed"]) == ("warning", None, None)


def _outcome(agency: str, year: int, carry_in: int, carry_out: int) -> Outcome:
    carry = Carry(
        agency,
        year,
        (("natural_person", carry_in), ("total", carry_in)),
        (("natural_person", carry_out), ("total", carry_out)),
    )
    return Outcome(f"{agency}{year}.pdf", Identity(agency, year, "2021"), (), carry=carry)


def test_s1_in_a_batch_belongs_to_the_later_year_whatever_the_order() -> None:
    outcomes = [
        _outcome("甲", 2023, carry_in=1, carry_out=5),
        _outcome("乙", 2022, carry_in=0, carry_out=2),
        Outcome("unreadable.pdf", None, ()),  # no carry rows: takes no part
        _outcome("甲", 2022, carry_in=0, carry_out=3),  # 甲 2023 carried in 1, not 3
        _outcome("乙", 2023, carry_in=2, carry_out=0),  # 乙 agrees
    ]
    found = carry_over_in_batch(outcomes)
    assert list(found) == [0]
    assert [(f.rule, f.path, f.stated, f.computed) for f in found[0]] == [
        ("S1", "table3.carry_in.natural_person", 1, 3),
        ("S1", "table3.carry_in.total", 1, 3),
    ]


def test_s1_in_a_batch_pairs_only_consecutive_years_of_one_agency() -> None:
    outcomes = [
        _outcome("甲", 2021, carry_in=0, carry_out=3),
        _outcome("甲", 2023, carry_in=1, carry_out=0),  # two years apart
        _outcome("乙", 2022, carry_in=1, carry_out=0),  # another agency
    ]
    assert carry_over_in_batch(outcomes) == {}
