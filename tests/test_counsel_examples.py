"""Opposing counsel on the two other contracts (rules/examples/), counted by hand; both backends alike.

goods-procurement: signed Mon 2026-03-02 10:00; accepted Wed 03-25 10:00, so the 3-year warranty (a term,
6.1) ends at 24:00 on 2029-03-25; a repair over 24 hours costs ¥500 an hour begun (7.3) — once per fault;
the bank pays a claim within 5 working days even after the contract is ended (10.2, 第566条第3款); the
acceptance notice of 3.2 comes after installation. om-outsourcing: the service year is 2026 (2.1).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from engine.api import compile_file
from seedfacts import lines, on_both_backends

EXAMPLES = Path(__file__).resolve().parent.parent / "rules" / "examples"
SIGNED = {"id": "s", "type": "contract_signed", "at": "2026-03-02T10:00:00+08:00"}
ACCEPTED = [SIGNED, {"id": "gs", "type": "guarantee_submitted", "at": "2026-03-03T10:00:00+08:00", "amount": "64000.00"},
            {"id": "gi", "type": "goods_installed", "at": "2026-03-20T10:00:00+08:00"},
            {"id": "an", "type": "acceptance_notice_received", "at": "2026-03-20T15:00:00+08:00"},
            {"id": "ah", "type": "acceptance_held", "at": "2026-03-25T10:00:00+08:00", "passed": True}]


def fact(i, t, at, **attrs):
    return {"id": i, "type": t, "at": at, **attrs}


def obligations(name):
    return lambda r: [(o["trigger"], o["status"]) for o in r["obligations"] if o["name"] == name and o["trigger"]]


def remedies(name, field="amount"):
    return lambda r: [x[field] for x in r["remedies"] if x["name"] == name]


CASES = [
    # 7.3: reported 04-01 09:00, repaired 04-02 11:00 (26 h: 2 h over, ¥1,000.00) and again at 15:00 — one fault,
    # one deduction, counted at the first repair
    ("goods", "the same fault repaired twice is deducted once",
     ACCEPTED + [fact("r1", "fault_reported", "2026-04-01T09:00:00+08:00"),
                 fact("x1", "fault_responded", "2026-04-01T10:00:00+08:00", ref="r1"),
                 fact("f1", "fault_repaired", "2026-04-02T11:00:00+08:00", ref="r1"),
                 fact("f1b", "fault_repaired", "2026-04-02T15:00:00+08:00", ref="r1")],
     "2026-04-10", remedies("repair_overtime"), ["1000.00"]),
    # 6.1: the warranty's last day is 2029-03-25: a fault at 23:59:59 is within it, one at 00:00 on the 26th is not
    ("goods", "a fault at 00:00 after the warranty's last day is outside it",
     ACCEPTED + [fact("r1", "fault_reported", "2029-03-25T23:59:59+08:00"),
                 fact("r2", "fault_reported", "2029-03-26T00:00:00+08:00"),
                 fact("f2", "fault_repaired", "2029-03-27T10:00:00+08:00", ref="r2")],
     "2029-04-10", obligations("respond"), [("r1", "violated")]),
    # 10.2: ended by 甲方 on Fri 05-15; a claim received Mon 05-18 10:00 is paid within 5 working days (05-19…05-22,
    # 05-25), due 24:00 on 05-25 — the guarantee outlives the contract (第566条第3款)
    ("goods", "the bank still pays a claim after the contract ended",
     [SIGNED, fact("gs", "guarantee_submitted", "2026-03-03T10:00:00+08:00", amount="64000.00"),
      fact("t", "termination_notified", "2026-05-15T10:00:00+08:00", party="甲方"),
      fact("c1", "guarantee_claimed", "2026-05-18T10:00:00+08:00", amount="28160.00")],
     "2026-06-30", lambda r: [(o["status"], o["due"]) for o in r["obligations"] if o["name"] == "pay_guarantee_claim"],
     [("violated", "2026-05-26T00:00:00+08:00")]),
    # 3.2: a notice before installation is not the acceptance notice: no acceptance to organise, none deemed
    ("goods", "an acceptance notice before installation starts nothing",
     [SIGNED, fact("an", "acceptance_notice_received", "2026-03-05T10:00:00+08:00")],
     "2026-06-30", lambda r: [e["name"] for e in r["events"]], ["contract_effective"]),
    # 2.1: the service year is 2026; an incident at 23:59:59 on 12-31 is within it, one at 00:00 on 2027-01-01 or
    # before 2026 is not
    ("om", "incidents outside the service year set off nothing",
     [fact("s", "contract_signed", "2025-12-26T10:00:00+08:00"),
      fact("p0", "incident_started", "2025-12-28T09:00:00+08:00", level="p1"),
      fact("p1", "incident_started", "2026-12-31T23:59:59+08:00", level="p1"),
      fact("p2", "incident_started", "2027-01-01T00:00:00+08:00", level="p1")],
     "2027-03-01", obligations("restore_p1"), [("p1", "violated")]),
]
RULES = {"goods": EXAMPLES / "goods-procurement.qy", "om": EXAMPLES / "om-outsourcing.qy"}


@pytest.fixture(scope="module")
def compiled():
    return {k: compile_file(p) for k, p in RULES.items()}


@pytest.mark.parametrize("contract,name,facts,as_of,read,expected", CASES, ids=[c[1] for c in CASES])
def test_counsel_on_the_other_contracts(compiled, contract, name, facts, as_of, read, expected):
    rules = compiled[contract]
    assert read(on_both_backends(rules, lines(facts), as_of)) == expected


def test_a_contract_taking_effect_within_a_period_owes_that_periods_duties(compiled):
    """om-outsourcing signed at 09:00 on Thu 2026-01-01 (the service year began at 00:00): January's report
    (5th working day of February: 02-02…02-06 → due 24:00 on Fri 02-06), Q1's three inspections (by 24:00 on
    03-31) and 2026's drills (by 24:00 on 12-31) arise when the contract takes effect — 第502条 puts them off
    until then, not for ever (each was dropped because its period began before)."""
    report = on_both_backends(compiled["om"], lines([fact("s", "contract_signed", "2026-01-01T09:00:00+08:00")]),
                              "2026-07-20")
    got = {(o["name"], o["trigger"]): (o["triggered_at"], o["due"]) for o in report["obligations"]}
    assert got[("monthly_report", "2026-01")] == ("2026-01-01T09:00:00+08:00", "2026-02-07T00:00:00+08:00")
    assert got[("quarterly_inspections", "2026-Q1")] == ("2026-01-01T09:00:00+08:00", "2026-04-01T00:00:00+08:00")
    assert got[("emergency_drills", "2026")] == ("2026-01-01T09:00:00+08:00", "2027-01-01T00:00:00+08:00")
