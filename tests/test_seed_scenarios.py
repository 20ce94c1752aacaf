"""Seed-contract scenarios: the engine's report against answers counted by hand.

Contract: shared/seeds/000_2fd1bbbed6f06600.txt (GZSMZTXXZX2025004).  Counting rules:
shared/spec/time-and-law.md — 民法典第201条 (day periods start the next day; hour periods
start at the moment), 第202条 (month periods end on the corresponding day), 第203条 (a
period to act whose last day is a rest day or holiday ends on the next official working
day; terms and deemed dates are not moved), ``due`` = the first late instant.

Every expected instant below was counted by hand from the contract and the official
calendar; each day used was checked with chinese_calendar.is_workday (1.11.0):

- 2025: Sat 07-05/Sun 07-06, Sat 07-12/Sun 07-13 rest; Sun 08-03 rest, Mon 08-04 working;
  Sat 09-27 rest, Sun 09-28 make-up working; 10-01..10-08 National Day + Mid-autumn off;
  Thu 10-09, Fri 10-10 working; Sat 10-11 make-up working.
- 2026: Sat 03-07/Sun 03-08 rest, Mon 03-09 working; Sun 03-15 rest, Mon 03-16 working;
  Thu 04-16, Fri 04-17 working; 05-01..05-05 Labour Day off, Sat 05-09 make-up working;
  Thu 05-14 working; Sat 06-06/Sun 06-07 rest, Mon 06-08 working; Wed 06-17 working,
  Fri 06-19 Dragon Boat; Mon 07-27 working; Sun 08-09 rest, Mon 08-10 working;
  Sun 09-20 make-up working; 09-25..09-27 Mid-autumn off; 10-01..10-07 National Day off;
  Sat 10-10 make-up working; Sat 10-17/Sun 10-18 rest; Sun 11-08 rest, Mon 11-09 working;
  Sun 11-15 rest, Mon 11-16 working.

Rows that the interface spec requires but the rule file does not yet define
(organize_acceptance, release_bond, handover, address_change_notice,
late_payment_damages) are tested all the same: the names are part of the public
interface (shared/spec/seed-contract-interface.md).
"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "gzmz-2025-it-ops.qy"
FACTS = ROOT / "facts"

# ``seed`` (the compiled rule file, compiled once per session) comes from tests/conftest.py.

_REPORTS: dict[tuple[str, str], dict] = {}


def report(seed, scenario: str, as_of: str) -> dict:
    """The report for facts/<scenario>.jsonl as of ``as_of`` (memoised per module run)."""
    key = (scenario, as_of)
    if key not in _REPORTS:
        lines = (FACTS / f"{scenario}.jsonl").read_text(encoding="utf-8").splitlines()
        _REPORTS[key] = seed.evaluate(lines, as_of)
    return _REPORTS[key]


ANY = object()  # "do not check this field"


class Day:
    """An instant expected only to fall on a given contract day (deemed delivery on day D)."""

    def __init__(self, day: str):
        self.day = day

    def __repr__(self):
        return f"Day({self.day})"


def matches(actual, expected) -> bool:
    if expected is ANY:
        return True
    if isinstance(expected, Day):
        return isinstance(actual, str) and actual.startswith(expected.day + "T")
    if isinstance(expected, tuple):
        return actual in expected
    return actual == expected


def obligation(rep: dict, name: str, trigger) -> dict:
    """The one obligation row called ``name`` whose trigger matches ``trigger``.

    ``trigger`` is a fact id, a tuple of acceptable ids (where the trigger is a join of two
    facts, or a derived event whose id convention the interface does not fix), or ANY.
    """
    named = [o for o in rep["obligations"] if o["name"] == name]
    found = [o for o in named if matches(o["trigger"], trigger)]
    assert len(found) == 1, (
        f"expected exactly one {name} row with trigger {trigger!r}; "
        f"rows named {name}: {[(o['trigger'], o['status']) for o in named]}")
    return found[0]


def named(rep: dict, kind: str, name: str) -> list[dict]:
    return [x for x in rep[kind] if x["name"] == name]


def findings(rep: dict, code: str) -> list[dict]:
    return [f for f in rep["findings"] if f["code"] == code]


def check_row(row: dict, exp: dict) -> None:
    for key, want in exp.items():
        assert matches(row[key], want), f"{row['name']} ({row['trigger']}): {key} = {row[key]!r}, expected {want!r}"


# ============================================================================ clean year
CLEAN_AS_OF = "2026-07-20T00:00:00+08:00"

CLEAN_ROWS = [
    # (name, trigger, expected fields)
    pytest.param(
        "performance_bond", "f-001",
        dict(status="fulfilled", triggered_at="2025-06-27T10:00:00+08:00",
             # 2.1(1) 三个月内 from signing Fri 06-27: 201条 start 06-28; 202条 corresponding day
             # Sat 09-27 (rest) → 203条 next working day Sun 09-28 (make-up) → due 09-29T00:00
             due="2025-09-29T00:00:00+08:00",
             # f-006: ¥349,000.00, valid until 2026-12-31 > 2026-09-27 (service end + 3 months)
             fulfilled_at="2025-07-15T10:00:00+08:00", debtor="乙方", creditor="甲方"),
        id="performance_bond"),
    pytest.param(
        "pay_installment_1", "f-005",
        # last precondition: invoice f-005 Fri 07-04 10:00 (2 staff 07-01, plan 07-02, application 07-03)
        dict(status="fulfilled", triggered_at="2025-07-04T10:00:00+08:00",
             # 30 days: start Sat 07-05; 07-05..07-31 = 27 days, 08-01..08-03 → last day Sun 08-03
             # (rest) → Mon 08-04 → due 08-05T00:00
             due="2025-08-05T00:00:00+08:00",
             fulfilled_at="2025-07-20T15:00:00+08:00", debtor="甲方", creditor="乙方"),
        id="pay_installment_1"),
    pytest.param(
        "pay_installment_2", "time:2025-09-02T00:00:00+08:00",
        # two months of service from staff 07-01 09:00: start 07-02, corresponding day 09-01 →
        # passed at 09-02T00:00, after approval 08-29 and application/invoice 09-01 → the last
        # condition is the passing of time (trigger names that instant)
        dict(status="fulfilled", triggered_at="2025-09-02T00:00:00+08:00",
             # 30 days from Tue 09-02: start 09-03; 09-03..09-30 = 28, 10-01 = 29, 10-02 = 30 →
             # Thu 10-02 National Day; 10-03..10-08 off → Thu 10-09 → due 10-10T00:00
             due="2025-10-10T00:00:00+08:00",
             fulfilled_at="2025-09-15T15:00:00+08:00", debtor="甲方", creditor="乙方"),
        id="pay_installment_2"),
    pytest.param(
        "pay_installment_3", "f-014",
        # last precondition: invoice f-014 Fri 09-05 10:30 (prepayment guarantee f-012 valid
        # until 2026-07-31 > 2026-06-27, application f-013)
        dict(status="fulfilled", triggered_at="2025-09-05T10:30:00+08:00",
             # 30 days: start Sat 09-06; 09-06..09-30 = 25, 10-01..10-05 → Sun 10-05 holiday;
             # 10-06..10-08 off → Thu 10-09 → due 10-10T00:00
             due="2025-10-10T00:00:00+08:00",
             fulfilled_at="2025-09-20T15:00:00+08:00", debtor="甲方", creditor="乙方"),
        id="pay_installment_3"),
    pytest.param(
        "acceptance_review", "f-017",
        dict(status="fulfilled", triggered_at="2026-06-29T10:00:00+08:00",
             # 10 working days from Mon 06-29: 06-30, 07-01, 07-02, 07-03, 07-06, 07-07, 07-08,
             # 07-09, 07-10, 07-13 (10th) → due 07-14T00:00
             due="2026-07-14T00:00:00+08:00",
             fulfilled_at="2026-07-06T17:00:00+08:00", debtor="甲方", creditor="乙方"),
        id="acceptance_review"),
    pytest.param(
        "acceptance_meeting", "f-018",
        dict(status="fulfilled", triggered_at="2026-07-06T17:00:00+08:00",
             # 10 working days from Mon 07-06: 07-07..07-10 (4), 07-13..07-17 (9), Mon 07-20 (10)
             # → due 07-21T00:00
             due="2026-07-21T00:00:00+08:00",
             fulfilled_at="2026-07-10T10:00:00+08:00", debtor="甲方", creditor="乙方"),
        id="acceptance_meeting"),
    pytest.param(
        "organize_acceptance", ("service_end:f-001", "f-001"),
        # 2.2(4) 服务期满后30日内: service ends 24:00 Sat 2026-06-27 (1.4, a term, not moved);
        # an event at 24:00 of 06-27 belongs to 06-27, so the 30 days start 06-28:
        # 06-28..06-30 = 3, 07-01..07-27 = 27 → Mon 07-27 (working) → due 07-28T00:00
        dict(status="fulfilled", triggered_at="2026-06-28T00:00:00+08:00",
             due="2026-07-28T00:00:00+08:00",
             # the acceptance was held (organized) on 07-10
             fulfilled_at="2026-07-10T10:00:00+08:00", debtor="甲方", creditor="乙方"),
        id="organize_acceptance"),
    pytest.param(
        "release_bond", "f-019",
        # 2.1(2) 验收通过后30日内: acceptance held and passed Fri 07-10 10:00; start 07-11;
        # 07-11..07-31 = 21, 08-01..08-09 = 9 → Sun 08-09 (rest) → Mon 08-10 → due 08-11T00:00
        dict(status="active", triggered_at="2026-07-10T10:00:00+08:00",
             due="2026-08-11T00:00:00+08:00", fulfilled_at=None, debtor="甲方", creditor="乙方"),
        id="release_bond"),
    pytest.param(
        "handover", "f-019",
        # 5.3 验收通过后的一个月内: from Fri 07-10, 202条 corresponding day Mon 08-10 (working)
        # → due 08-11T00:00; handed over f-020 Fri 07-17 16:00
        dict(status="fulfilled", triggered_at="2026-07-10T10:00:00+08:00",
             due="2026-08-11T00:00:00+08:00", fulfilled_at="2026-07-17T16:00:00+08:00",
             debtor="乙方", creditor="甲方"),
        id="handover"),
]


@pytest.mark.parametrize("name, trigger, exp", CLEAN_ROWS)
def test_clean_year_obligation_rows(seed, name, trigger, exp):
    check_row(obligation(report(seed, "clean-year", CLEAN_AS_OF), name, trigger), exp)


@pytest.mark.parametrize("name, debtor, creditor", [
    pytest.param("resolve_interruption", "乙方", "甲方", id="resolve_interruption"),  # 8.2
    pytest.param("breach_notice", "乙方", "甲方", id="breach_notice"),  # 附件2 三.5
    # 8.4 / 10.2: the parties depend on who is affected / who changes address
    pytest.param("force_majeure_notice", ANY, ANY, id="force_majeure_notice"),
    pytest.param("address_change_notice", ANY, ANY, id="address_change_notice"),
])
def test_clean_year_untriggered_rows_are_inactive(seed, name, debtor, creditor):
    rows = named(report(seed, "clean-year", CLEAN_AS_OF), "obligations", name)
    assert len(rows) == 1, f"expected one inactive {name} row, got {rows}"
    check_row(rows[0], dict(status="inactive", trigger=None, triggered_at=None, due=None,
                            fulfilled_at=None, debtor=debtor, creditor=creditor))


def test_clean_year_has_every_obligation_of_the_interface(seed):
    rep = report(seed, "clean-year", CLEAN_AS_OF)
    names = {o["name"] for o in rep["obligations"]}
    expected = {"performance_bond", "pay_installment_1", "pay_installment_2", "pay_installment_3",
                "resolve_interruption", "force_majeure_notice", "breach_notice",
                "acceptance_review", "acceptance_meeting", "organize_acceptance", "release_bond",
                "handover", "address_change_notice"}
    assert expected <= names, f"missing obligations: {sorted(expected - names)}"
    # one row per trigger: exactly one row per obligation in a year where each fired at most once
    assert len(rep["obligations"]) == len(names)


def test_clean_year_nothing_went_wrong(seed):
    rep = report(seed, "clean-year", CLEAN_AS_OF)
    assert rep["contract"] == "GZSMZTXXZX2025004"
    assert rep["as_of"] == CLEAN_AS_OF
    assert not [o for o in rep["obligations"] if o["status"] == "violated"]
    assert rep["remedies"] == []
    # the only events: the contract takes effect on signing (11.1), and the service year ends at
    # 24:00 Sat 2026-06-27 (a term: not moved)
    assert [(e["name"], e["at"]) for e in rep["events"]] == [("contract_effective", "2025-06-27T10:00:00+08:00"),
                                                             ("service_end", "2026-06-28T00:00:00+08:00")]
    # only the rule file's own findings: 附件1 total in capitals says ¥6,988,000.00, and the
    # open points the contract leaves (each assumption of the rule file, severity info)
    assert [f["code"] for f in rep["findings"] if f["code"] != "open_point"] == ["amount_words_mismatch"]
    assert {f["severity"] for f in rep["findings"] if f["code"] == "open_point"} == {"info"}


# ============================================================================ scenario table
# (scenario, as_of, name, trigger, expected fields)
SCENARIO_ROWS = [
    # ------------------------------------------------------------------ missed-review (5.2.3)
    pytest.param(
        "missed-review", "2026-10-20T00:00:00+08:00", "acceptance_review", "oa-20260629-001",
        # first application Mon 06-29: 10 working days → Mon 07-13 → due 07-14T00:00; reviewed 07-06
        dict(status="fulfilled", triggered_at="2026-06-29T10:00:00+08:00",
             due="2026-07-14T00:00:00+08:00", fulfilled_at="2026-07-06T17:00:00+08:00",
             debtor="甲方", creditor="乙方"),
        id="missed-review/first-review"),
    pytest.param(
        "missed-review", "2026-10-20T00:00:00+08:00", "acceptance_meeting", "oa-20260706-001",
        # review passed Mon 07-06: 10 working days → Mon 07-20 → due 07-21T00:00; held (failed) 07-10
        dict(status="fulfilled", triggered_at="2026-07-06T17:00:00+08:00",
             due="2026-07-21T00:00:00+08:00", fulfilled_at="2026-07-10T10:00:00+08:00",
             debtor="甲方", creditor="乙方"),
        id="missed-review/first-meeting"),
    pytest.param(
        "missed-review", "2026-10-20T00:00:00+08:00", "acceptance_review", "oa-20260928-001",
        # re-application Mon 09-28, never reviewed (the 07-06 review is earlier and does not count):
        # 09-29 (1), 09-30 (2), [10-01..10-07 National Day], 10-08 (3), 10-09 (4),
        # Sat 10-10 make-up (5), 10-12 (6), 10-13 (7), 10-14 (8), 10-15 (9), Fri 10-16 (10)
        # → due 10-17T00:00  (a Mon–Fri count would wrongly give 10-20)
        dict(status="violated", triggered_at="2026-09-28T09:30:00+08:00",
             due="2026-10-17T00:00:00+08:00", fulfilled_at=None, debtor="甲方", creditor="乙方"),
        id="missed-review/second-review"),
    pytest.param(
        "missed-review", "2026-10-20T00:00:00+08:00", "handover", ANY,
        # deemed acceptance at 24:00 Fri 10-16 belongs to 10-16; 一个月 → corresponding day
        # Mon 11-16 (working) → due 11-17T00:00 (counting from 10-17 would give 11-18)
        dict(status="active", triggered_at="2026-10-17T00:00:00+08:00",
             due="2026-11-17T00:00:00+08:00", fulfilled_at=None, debtor="乙方", creditor="甲方"),
        id="missed-review/handover-after-deemed"),
    pytest.param(
        "missed-review", "2026-10-20T00:00:00+08:00", "release_bond", ANY,
        # 30 days from 10-16: start 10-17; 10-17..10-31 = 15, 11-01..11-15 = 15 → Sun 11-15
        # (rest) → Mon 11-16 → due 11-17T00:00
        dict(status="active", triggered_at="2026-10-17T00:00:00+08:00",
             due="2026-11-17T00:00:00+08:00", fulfilled_at=None, debtor="甲方", creditor="乙方"),
        id="missed-review/release-bond-after-deemed"),
    # ------------------------------------------------------------------ missed-meeting (5.2.3)
    pytest.param(
        "missed-meeting", "2026-10-20T00:00:00+08:00", "acceptance_review", "oa-20260907-001",
        # application Mon 09-07: 09-08..09-11 (4), 09-14..09-18 (9), Sun 09-20 make-up (10)
        # → due 09-21T00:00; reviewed Fri 09-18 16:00
        dict(status="fulfilled", triggered_at="2026-09-07T10:00:00+08:00",
             due="2026-09-21T00:00:00+08:00", fulfilled_at="2026-09-18T16:00:00+08:00",
             debtor="甲方", creditor="乙方"),
        id="missed-meeting/review"),
    pytest.param(
        "missed-meeting", "2026-10-20T00:00:00+08:00", "acceptance_meeting", "oa-20260918-001",
        # review passed Fri 09-18: Sun 09-20 make-up (1), 09-21..09-24 (5), [09-25..09-27
        # Mid-autumn], 09-28, 09-29, 09-30 (8), [10-01..10-07], 10-08 (9), Fri 10-09 (10)
        # → due 10-10T00:00; no acceptance held
        dict(status="violated", triggered_at="2026-09-18T16:00:00+08:00",
             due="2026-10-10T00:00:00+08:00", fulfilled_at=None, debtor="甲方", creditor="乙方"),
        id="missed-meeting/meeting"),
    pytest.param(
        "missed-meeting", "2026-10-20T00:00:00+08:00", "handover", ANY,
        # deemed acceptance at 24:00 Fri 10-09 belongs to 10-09; 一个月 → Mon 11-09 → due 11-10T00:00
        dict(status="active", triggered_at="2026-10-10T00:00:00+08:00",
             due="2026-11-10T00:00:00+08:00", fulfilled_at=None, debtor="乙方", creditor="甲方"),
        id="missed-meeting/handover-after-deemed"),
    # ------------------------------------------------------------------ force majeure (8.4, 10.3)
    pytest.param(
        "force-majeure", "2026-07-01T00:00:00+08:00", "force_majeure_notice", "mon-20260303-001",
        # FM Tue 03-03 14:00: 2 days → start 03-04, last day Thu 03-05 → due 03-06T00:00;
        # fax sent Wed 03-04 09:30 → delivered at the confirmation time (10.3.2)
        dict(status="fulfilled", triggered_at="2026-03-03T14:00:00+08:00",
             due="2026-03-06T00:00:00+08:00", fulfilled_at="2026-03-04T09:30:00+08:00",
             debtor="乙方", creditor="甲方"),
        id="fm/fax-in-time"),
    pytest.param(
        "force-majeure", "2026-07-01T00:00:00+08:00", "force_majeure_notice", "mon-20260305-001",
        # FM Thu 03-05 14:00 (甲方 affected): 2 days → 03-06, Sat 03-07 (rest) → Mon 03-09 → due
        # 03-10T00:00; local express sent Thu 03-05 → 3rd day after dispatch Sun 03-08 (deemed, not
        # moved) ≤ 03-09 → in time
        dict(status="fulfilled", triggered_at="2026-03-05T14:00:00+08:00",
             due="2026-03-10T00:00:00+08:00", fulfilled_at=Day("2026-03-08"),
             debtor="甲方", creditor="乙方"),
        id="fm/express-deemed-sunday"),
    pytest.param(
        "force-majeure", "2026-07-01T00:00:00+08:00", "force_majeure_notice", "mon-20260414-001",
        # FM Tue 04-14 09:00: 2 days → 04-15, Thu 04-16 → due 04-17T00:00; local express sent
        # 04-14 15:00 → deemed Fri 04-17, after the last day 04-16 → violated
        dict(status="violated", triggered_at="2026-04-14T09:00:00+08:00",
             due="2026-04-17T00:00:00+08:00", fulfilled_at=ANY, debtor="乙方", creditor="甲方"),
        id="fm/express-too-late"),
    pytest.param(
        "force-majeure", "2026-07-01T00:00:00+08:00", "force_majeure_notice", "mon-20260512-001",
        # FM Tue 05-12 08:00: 2 days → 05-13, Thu 05-14 → due 05-15T00:00; express outside the city
        # without receipt: delivery undetermined, so never shown as fulfilled
        dict(triggered_at="2026-05-12T08:00:00+08:00", due="2026-05-15T00:00:00+08:00",
             fulfilled_at=None, debtor="乙方", creditor="甲方"),
        id="fm/express-outside-city-undetermined"),
    pytest.param(
        "force-majeure", "2026-07-01T00:00:00+08:00", "force_majeure_notice", "mon-20260615-001",
        # FM Mon 06-15 10:00: 2 days → 06-16, Wed 06-17 → due 06-18T00:00; express outside the
        # city, receipt signed Tue 06-16 15:20 → delivered then (actual receipt)
        dict(status="fulfilled", triggered_at="2026-06-15T10:00:00+08:00",
             due="2026-06-18T00:00:00+08:00", fulfilled_at="2026-06-16T15:20:00+08:00",
             debtor="乙方", creditor="甲方"),
        id="fm/express-outside-city-signed"),
    # ------------------------------------------------------------------ data leak (附件2 三.5)
    pytest.param(
        "data-leak", "2026-07-01T00:00:00+08:00", "breach_notice", "mon-20260410-001",
        # discovered Fri 04-10 09:00; 2 hours from the moment itself (201条) → due 11:00;
        # fax at 10:59 (1h59)
        dict(status="fulfilled", triggered_at="2026-04-10T09:00:00+08:00",
             due="2026-04-10T11:00:00+08:00", fulfilled_at="2026-04-10T10:59:00+08:00",
             debtor="乙方", creditor="甲方"),
        id="leak/fax-1h59"),
    pytest.param(
        "data-leak", "2026-07-01T00:00:00+08:00", "breach_notice", "mon-20260520-001",
        # discovered Wed 05-20 14:30 → due 16:30; fax at 16:31 (2h01) → violated
        dict(status="violated", triggered_at="2026-05-20T14:30:00+08:00",
             due="2026-05-20T16:30:00+08:00", fulfilled_at=ANY, debtor="乙方", creditor="甲方"),
        id="leak/fax-2h01"),
    # ------------------------------------------------------------------ interruption (8.2)
    pytest.param(
        "interruption-late", "2026-07-01T00:00:00+08:00", "resolve_interruption",
        ("oa-20260310-002", "notice_delivered:oa-20260310-002", "mon-20260310-001"),
        # 甲方's notice delivered personally, signed Tue 03-10 11:00 (10.3.1); 接到通知之日起5日:
        # start 03-11, last day Sun 03-15 (rest) → Mon 03-16 → due 03-17T00:00; resolved 03-18
        dict(status="violated", triggered_at="2026-03-10T11:00:00+08:00",
             due="2026-03-17T00:00:00+08:00", fulfilled_at=ANY, debtor="乙方", creditor="甲方"),
        id="interruption/supplier-late"),
    pytest.param(
        "interruption-late", "2026-07-01T00:00:00+08:00", "resolve_interruption",
        ("oa-20260428-002", "notice_delivered:oa-20260428-002", "mon-20260428-001"),
        # buyer-caused (甲方需求变更等非乙方原因): resolved late on 05-08 but excused (8.2 但书)
        dict(status="excused", triggered_at="2026-04-28T10:00:00+08:00",
             debtor="乙方", creditor="甲方"),
        id="interruption/buyer-excused"),
    pytest.param(
        "interruption-late", "2026-07-01T00:00:00+08:00", "resolve_interruption",
        ("oa-20260601-002", "notice_delivered:oa-20260601-002", "mon-20260601-001"),
        # fax Mon 06-01 11:00: start 06-02, last day Sat 06-06 (rest) → Mon 06-08 → due 06-09T00:00;
        # resolved Sat 06-06 23:30 → fulfilled
        dict(status="fulfilled", triggered_at="2026-06-01T11:00:00+08:00",
             due="2026-06-09T00:00:00+08:00", fulfilled_at="2026-06-06T23:30:00+08:00",
             debtor="乙方", creditor="甲方"),
        id="interruption/supplier-in-time"),
    # ------------------------------------------------------------------ payments (2.2, 8.3)
    pytest.param(
        "payments", "2025-12-31T00:00:00+08:00", "pay_installment_1", "oa-20250714-001",
        # one staff 07-01; plan, application, equal invoice by 07-04; the second staff arrives
        # Mon 07-14 09:00 → trigger. 30 days: start 07-15; 07-15..07-31 = 17, 08-01..08-13 = 13
        # → Wed 08-13 (working) → due 08-14T00:00; paid 08-12
        dict(status="fulfilled", triggered_at="2025-07-14T09:00:00+08:00",
             due="2025-08-14T00:00:00+08:00", fulfilled_at="2025-08-12T15:00:00+08:00",
             debtor="甲方", creditor="乙方"),
        id="payments/1-second-staff"),
    pytest.param(
        "payments", "2025-12-31T00:00:00+08:00", "pay_installment_2", "fin-20250903-001",
        # invoice 08-28 says ¥1,369,000.00 ≠ ¥1,396,000.00; the re-issued equal invoice Wed 09-03
        # 10:00 is the last condition (two months passed 09-02T00:00). 30 days: start 09-04;
        # 09-04..09-30 = 27, 10-01..10-03 → Fri 10-03 holiday; → Thu 10-09 → due 10-10T00:00.
        # Already paid in full on 09-01 (early) → fulfilled
        dict(status="fulfilled", triggered_at="2025-09-03T10:00:00+08:00",
             due="2025-10-10T00:00:00+08:00", fulfilled_at=ANY, debtor="甲方", creditor="乙方"),
        id="payments/2-reissued-invoice"),
    pytest.param(
        "payments", "2025-12-31T00:00:00+08:00", "pay_installment_3", "oa-20250905-001",
        # the 09-04 guarantee is valid until 2026-06-27 = the service period's last day, not
        # beyond it; the replacement valid until 2026-07-31 (Fri 09-05 10:30) is the last condition.
        # 30 days: start 09-06; 09-06..09-30 = 25, 10-01..10-05 → Sun 10-05 holiday; 10-06..10-08
        # off → Thu 10-09 → due 10-10T00:00; paid Fri 10-10 09:00 → violated
        dict(status="violated", triggered_at="2025-09-05T10:30:00+08:00",
             due="2025-10-10T00:00:00+08:00", fulfilled_at=ANY, debtor="甲方", creditor="乙方"),
        id="payments/3-late"),
    # ------------------------------------------------------------------ performance bond (2.1(1))
    pytest.param(
        "performance-bond", "2025-10-01T00:00:00+08:00", "performance_bond", "oa-20250627-001",
        # 3 months from Fri 06-27: Sat 09-27 rest → Sun 09-28 make-up → due 09-29T00:00.
        # 07-15: valid until 2026-09-27, not beyond service end + 3 months (2026-09-27);
        # 08-20: ¥340,000.00 < ¥349,000.00; 09-05: a prepayment guarantee, wrong purpose
        dict(status="violated", triggered_at="2025-06-27T10:00:00+08:00",
             due="2025-09-29T00:00:00+08:00", fulfilled_at=None, debtor="乙方", creditor="甲方"),
        id="bond/violated"),
    pytest.param(
        "performance-bond", "2025-12-31T00:00:00+08:00", "performance_bond", "oa-20250627-001",
        # the correct guarantee of 10-09 comes after the due instant: still violated
        dict(status="violated", due="2025-09-29T00:00:00+08:00", fulfilled_at=ANY),
        id="bond/late-cure-stays-violated"),
    pytest.param(
        "performance-bond-sunday", "2025-10-01T00:00:00+08:00", "performance_bond", "oa-20250627-001",
        # guarantee on Sun 09-28 (make-up working day, last day of the period), valid until
        # 2026-09-28 > 2026-09-27 → in time
        dict(status="fulfilled", triggered_at="2025-06-27T10:00:00+08:00",
             due="2025-09-29T00:00:00+08:00", fulfilled_at="2025-09-28T15:00:00+08:00",
             debtor="乙方", creditor="甲方"),
        id="bond/sunday-make-up-day"),
]


@pytest.mark.parametrize("scenario, as_of, name, trigger, exp", SCENARIO_ROWS)
def test_scenario_obligation_rows(seed, scenario, as_of, name, trigger, exp):
    check_row(obligation(report(seed, scenario, as_of), name, trigger), exp)


# ============================================================================ as_of boundaries
# (scenario, name, trigger, due): at due − 1 minute "active", at due "violated"
BOUNDARIES = [
    pytest.param("missed-review", "acceptance_review", "oa-20260928-001",
                 "2026-10-16T23:59:00+08:00", "2026-10-17T00:00:00+08:00", id="review"),
    pytest.param("missed-meeting", "acceptance_meeting", "oa-20260918-001",
                 "2026-10-09T23:59:00+08:00", "2026-10-10T00:00:00+08:00", id="meeting"),
    pytest.param("force-majeure", "force_majeure_notice", "mon-20260414-001",
                 "2026-04-16T23:59:00+08:00", "2026-04-17T00:00:00+08:00", id="fm-express"),
    pytest.param("interruption-late", "resolve_interruption",
                 ("oa-20260310-002", "notice_delivered:oa-20260310-002", "mon-20260310-001"),
                 "2026-03-16T23:59:00+08:00", "2026-03-17T00:00:00+08:00", id="interruption"),
    pytest.param("payments", "pay_installment_3", "oa-20250905-001",
                 "2025-10-09T23:59:00+08:00", "2025-10-10T00:00:00+08:00", id="payment-3"),
    pytest.param("performance-bond", "performance_bond", "oa-20250627-001",
                 "2025-09-28T23:59:00+08:00", "2025-09-29T00:00:00+08:00", id="bond"),
]


@pytest.mark.parametrize("scenario, name, trigger, before, due", BOUNDARIES)
def test_due_boundary(seed, scenario, name, trigger, before, due):
    row = obligation(report(seed, scenario, before), name, trigger)
    assert row["status"] == "active" and row["due"] == due, row
    row = obligation(report(seed, scenario, due), name, trigger)
    assert row["status"] == "violated" and row["due"] == due, row


def test_an_hours_period_includes_its_end_instant(seed):
    # 附件2 三.5 “2小时内”: discovered 14:30 → due 16:30, and 16:30 itself is still in time
    # (民法典第1259条); late only after it
    for as_of, expected in (("2026-05-20T16:29:00+08:00", "active"), ("2026-05-20T16:30:00+08:00", "active"),
                            ("2026-05-20T16:30:01+08:00", "violated")):
        row = obligation(report(seed, "data-leak", as_of), "breach_notice", "mon-20260520-001")
        assert (row["status"], row["due"], row["due_included"]) == (expected, "2026-05-20T16:30:00+08:00", True), as_of


# ============================================================================ 5.2.3 deemed acceptance
def test_deemed_acceptance_after_missed_review(seed):
    at = "2026-10-17T00:00:00+08:00"  # due of the re-application's review (see table)
    assert named(report(seed, "missed-review", "2026-10-16T23:59:00+08:00"), "events", "deemed_acceptance") == []
    events = named(report(seed, "missed-review", at), "events", "deemed_acceptance")
    assert [e["at"] for e in events] == [at]
    assert named(report(seed, "missed-review", "2026-10-20T00:00:00+08:00"), "events", "deemed_acceptance")[0]["at"] == at


def test_deemed_acceptance_after_missed_meeting(seed):
    rep = report(seed, "missed-meeting", "2026-10-20T00:00:00+08:00")
    assert [e["at"] for e in named(rep, "events", "deemed_acceptance")] == ["2026-10-10T00:00:00+08:00"]
    assert named(rep, "remedies", "bond_deduction") == []  # no acceptance failed


def test_failed_acceptance_gives_bond_deduction(seed):
    rep = report(seed, "missed-review", "2026-10-20T00:00:00+08:00")
    # 2.1(3) 未通过验收: acceptance held 07-10 10:00 with passed false
    rows = named(rep, "remedies", "bond_deduction")
    assert len(rows) == 1, rows
    assert rows[0]["holder"] == "甲方" and rows[0]["clause"] == "2.1(3)"
    assert rows[0]["since"] == "2026-07-10T10:00:00+08:00"
    # and only 甲方's missed review is deemed acceptance, not the failed one
    assert len(named(rep, "events", "deemed_acceptance")) == 1


def test_facts_after_as_of_are_ignored_for_acceptance(seed):
    # as of 09-01 the re-application of 09-28 is unseen: one review row, no trace of the fact
    rep = report(seed, "missed-review", "2026-09-01T00:00:00+08:00")
    rows = [o for o in named(rep, "obligations", "acceptance_review") if o["status"] != "inactive"]
    assert [o["trigger"] for o in rows] == ["oa-20260629-001"]
    assert "oa-20260928-001" not in json.dumps(rep, ensure_ascii=False)


# ============================================================================ 8.4 / 10.3 notices
def test_notice_delivered_events(seed):
    rep = report(seed, "force-majeure", "2026-07-01T00:00:00+08:00")
    ats = sorted(e["at"] for e in named(rep, "events", "notice_delivered"))
    # fax 03-04 09:30 (10.3.2); local express Thu 03-05 → Sun 03-08; local express Tue 04-14 →
    # Fri 04-17; express outside the city signed 06-16 15:20.  The unsigned out-of-city express
    # of 05-12 has no deemed delivery: four events, not five.
    assert len(ats) == 4, ats
    assert ats[0] == "2026-03-04T09:30:00+08:00"
    assert ats[1].startswith("2026-03-08T")
    assert ats[2].startswith("2026-04-17T")
    assert ats[3] == "2026-06-16T15:20:00+08:00"
    text = json.dumps(named(rep, "events", "notice_delivered"), ensure_ascii=False)
    assert "oa-20260512-002" not in text
    assert not any(a.startswith("2026-05-15") for a in ats)  # no invented "3rd day" for it


def test_notice_delivery_undetermined_finding(seed):
    rep = report(seed, "force-majeure", "2026-07-01T00:00:00+08:00")
    found = findings(rep, "notice_delivery_undetermined")
    assert len(found) == 1, found
    assert found[0]["clause"] == "10.3"
    assert "oa-20260512-002" in json.dumps(found[0], ensure_ascii=False)  # names the notice


# ============================================================================ 附件2 三.5 data leak
def test_leak_notice_seen_exactly_at_as_of(seed):
    # fax at 10:59: as of 10:58 it is not yet seen (active); as of 10:59 it is (fulfilled)
    row = obligation(report(seed, "data-leak", "2026-04-10T10:58:00+08:00"), "breach_notice", "mon-20260410-001")
    assert row["status"] == "active" and row["fulfilled_at"] is None
    row = obligation(report(seed, "data-leak", "2026-04-10T10:59:00+08:00"), "breach_notice", "mon-20260410-001")
    assert row["status"] == "fulfilled" and row["fulfilled_at"] == "2026-04-10T10:59:00+08:00"


def test_leaks_bond_deduction_and_other_cause(seed):
    rep = report(seed, "data-leak", "2026-07-01T00:00:00+08:00")
    # supplier-caused leaks 04-10 09:00 and 05-20 14:30 each give a bond deduction from discovery
    since = sorted(r["since"] for r in named(rep, "remedies", "bond_deduction"))
    assert since == ["2026-04-10T09:00:00+08:00", "2026-05-20T14:30:00+08:00"]
    assert all(r["holder"] == "甲方" for r in named(rep, "remedies", "bond_deduction"))
    # the leak of cause "other" (06-02) gives neither a breach_notice obligation nor a deduction
    # (it is still a data-security event 乙方 found: 附件2 三.4's notice duty applies to it)
    triggers = [o["trigger"] for o in named(rep, "obligations", "breach_notice")]
    assert sorted(triggers) == ["mon-20260410-001", "mon-20260520-001"]
    assert "mon-20260602-001" not in json.dumps(rep["remedies"], ensure_ascii=False)
    (incident,) = [o for o in named(rep, "obligations", "security_incident_notice") if o["trigger"] == "mon-20260602-001"]
    assert incident["status"] == "fulfilled"


# ============================================================================ 8.2 / 2.1(3) interruption
def test_interruption_damages(seed):
    rep = report(seed, "interruption-late", "2026-07-01T00:00:00+08:00")
    rows = named(rep, "remedies", "interruption_damages")
    # only sub-project 3 (¥175,700.00): 1% = ¥1,757.00; the buyer-caused one (14) is excused and
    # sub-project 12 was resolved in time
    assert len(rows) == 1, rows
    assert rows[0]["amount"] == "1757.00"
    assert rows[0]["holder"] == "甲方" and rows[0]["clause"] == "8.2"


def test_interruption_bond_deduction_over_five_days(seed):
    # 超5日 is a term from the day after the start (201条): sub-project 3 started Tue 03-10 →
    # 03-11..03-15 are the 5 days → more than 5 days at 03-16T00:00 (not moved for the Sunday).
    # Sub-project 12 started Mon 06-01, resolved Sat 06-06 23:30 (5th day) → not more than 5 days.
    # Sub-project 14 is buyer-caused → no deduction.
    assert named(report(seed, "interruption-late", "2026-03-15T23:59:00+08:00"), "remedies", "bond_deduction") == []
    rows = named(report(seed, "interruption-late", "2026-03-16T00:00:00+08:00"), "remedies", "bond_deduction")
    assert [r["since"] for r in rows] == ["2026-03-16T00:00:00+08:00"]
    rows = named(report(seed, "interruption-late", "2026-07-01T00:00:00+08:00"), "remedies", "bond_deduction")
    assert [r["since"] for r in rows] == ["2026-03-16T00:00:00+08:00"]


def test_interruption_damages_appear_at_due(seed):
    assert named(report(seed, "interruption-late", "2026-03-16T23:59:00+08:00"), "remedies", "interruption_damages") == []
    assert len(named(report(seed, "interruption-late", "2026-03-17T00:00:00+08:00"), "remedies", "interruption_damages")) == 1


# ============================================================================ 2.2 / 8.3 payments
@pytest.mark.parametrize("as_of, name, why", [
    # 07-10: plan, application and equal invoice present, but only 1 staff on site
    ("2025-07-10T00:00:00+08:00", "pay_installment_1", "one staff"),
    ("2025-07-14T08:59:00+08:00", "pay_installment_1", "second staff arrives at 09:00"),
    # 09-02 12:00: two months passed, report approved, application present, but the invoice
    # says ¥1,369,000.00 — not 等额
    ("2025-09-02T12:00:00+08:00", "pay_installment_2", "invoice amount differs"),
    ("2025-09-03T09:59:00+08:00", "pay_installment_2", "re-issued invoice at 10:00"),
    # 09-04 12:00: application, invoice, and a prepayment guarantee valid only to 2026-06-27
    ("2025-09-04T12:00:00+08:00", "pay_installment_3", "guarantee not beyond the service period"),
])
def test_payment_preconditions_not_yet_met(seed, as_of, name, why):
    rows = named(report(seed, "payments", as_of), "obligations", name)
    assert [o["status"] for o in rows] == ["inactive"], (why, rows)


def test_payment_1_triggers_when_second_staff_arrives(seed):
    row = obligation(report(seed, "payments", "2025-07-14T09:00:00+08:00"), "pay_installment_1", "oa-20250714-001")
    assert row["status"] == "active" and row["due"] == "2025-08-14T00:00:00+08:00"


def test_payment_before_preconditions_finding(seed):
    rep = report(seed, "payments", "2025-12-31T00:00:00+08:00")
    found = findings(rep, "payment_before_preconditions")
    # only installment 2's payment of Mon 09-01 15:00: two months of service had not passed
    # (09-02T00:00) and the invoice was not for the equal amount
    assert len(found) == 1, found
    assert "fin-20250901-001" in json.dumps(found[0], ensure_ascii=False)
    assert found[0]["clause"] in ("2.2(2)", "2.2"), found[0]  # installment 2 is clause 2.2(2)


def test_late_payment_damages(seed):
    rep = report(seed, "payments", "2025-12-31T00:00:00+08:00")
    rows = named(rep, "remedies", "late_payment_damages")
    # installment 3 due by 24:00 Thu 10-09, paid Fri 10-10 09:00: one day late →
    # 0.1% × ¥6,980,000.00 × 1 = ¥6,980.00 (8.3)
    assert len(rows) == 1, rows
    assert rows[0]["holder"] == "乙方" and rows[0]["amount"] == "6980.00"
    # not more than 15 days late: no termination right
    assert named(rep, "remedies", "supplier_termination") == []


# ============================================================================ 2.1(1) performance bond
def test_bond_facts_after_as_of_are_ignored(seed):
    rep = report(seed, "performance-bond", "2025-10-01T00:00:00+08:00")
    assert "oa-20251009-001" not in json.dumps(rep, ensure_ascii=False)


# ============================================================================ CLI
def test_cli_eval_missed_review():
    proc = subprocess.run(
        ["qiyue", "eval", str(RULES), "--facts", str(FACTS / "missed-review.jsonl"),
         "--as-of", "2026-10-20", "--format", "json"],
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    rep = json.loads(proc.stdout)
    assert rep["contract"] == "GZSMZTXXZX2025004"
    assert rep["as_of"] == "2026-10-20T00:00:00+08:00"
    row = obligation(rep, "acceptance_review", "oa-20260928-001")
    assert (row["status"], row["due"]) == ("violated", "2026-10-17T00:00:00+08:00")
    assert [e["at"] for e in named(rep, "events", "deemed_acceptance")] == ["2026-10-17T00:00:00+08:00"]
