"""A notice sent before the fact it names is no notice of it, whenever it is delivered (counsel rounds 12 and 19).

8.2: "乙方应在接到甲方通知之日起5日内解决中断情形"; 附件2 三.5 as the rules read it for a leak 甲方 found itself
(leak_found_by_buyer = "from the buyer's notice": the two hours run from 甲方's notice naming the leak).  The rules
used to compare the interruption (the leak) with the notice's *delivery* alone, so a local express letter posted the
day before the outage and deemed delivered three days later (10.3.3) started 8.2's five days.  A deemed event now
carries `source_at`, the instant of the fact it was deemed from (here: when the notice was sent), and both triggers
read "sent on the day the fact began or later, and delivered no earlier than it".  A notice of the fact's own day
given by its day alone counts (its hour is unknown; it names the outage); one sent on an earlier day does not.

Calendar (official): Mon 2025-09-08 .. Fri 09-12 working; Sat 09-13 / Sun 09-14 rest days; Mon 09-15 .. Fri 09-19
working.  SIGN: both sign Fri 2025-06-27 10:00 (11.1).  Sub-project 3's budget (附件1) ¥175,700.00: 1% ¥1,757.00.
Every report is checked equal on the reference and the durable backend.
"""
from __future__ import annotations

import json

import pytest

from seedfacts import on_both_backends

SIGN = {"id": "sign", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"}
OUTAGE = {"id": "s", "type": "service_interruption_started", "at": "2025-09-09T10:00:00+08:00", "subproject": 3,
          "cause": "supplier"}


def notice(id_, at, method, ref, frm="甲方", to="乙方", subject="service_interruption", **more):
    return {"id": id_, "type": "notice_sent", "at": at, "from": frm, "to": to, "subject": subject, "method": method,
            "ref": ref, **more}


def report(seed, facts, as_of="2025-10-01"):
    return on_both_backends(seed, [json.dumps(x, ensure_ascii=False) for x in facts], as_of)


def duty(rep, name):
    rows = [o for o in rep["obligations"] if o["name"] == name]
    assert len(rows) == 1, rows
    o = rows[0]
    return o["status"], o["triggered_at"], o["due"]


def damages(rep):
    return [(r["since"], r["amount"]) for r in rep["remedies"] if r["name"] == "interruption_damages"]


# 2.1(3) "超5日" stands on the outage alone: 09-10 .. 09-14 pass → the power to deduct from 2025-09-15T00:00
DEDUCTION = ("bond_deduction", "2025-09-15T00:00:00+08:00")


@pytest.mark.parametrize("sent, local_method", [
    ("2025-09-08T10:00:00+08:00", "express"),   # the day before; deemed delivered Thu 09-11, after the outage began
    ("2025-09-08", "express"),                  # the day before, by its day alone
    ("2025-09-08T23:59:59+08:00", "registered_mail"),  # one second before the outage's day
])
def test_a_letter_sent_on_a_day_before_the_outage_does_not_start_8_2(seed, sent, local_method):
    """No 8.2 duty (resolve_interruption not triggered), no 1%; 2.1(3) untouched."""
    rep = report(seed, [SIGN, notice("n", sent, local_method, "s", local=True), OUTAGE])
    assert duty(rep, "resolve_interruption")[0] == "inactive"
    assert damages(rep) == []
    assert [(r["name"], r["since"]) for r in rep["remedies"] if r["name"] == "bond_deduction"] == [DEDUCTION]


def test_a_second_notice_after_the_outage_starts_8_2_from_its_own_delivery(seed):
    """The letter of 09-08 is no notice; the local express of Tue 09-09 11:00 is: deemed delivered Fri 09-12 (day
    3, not moved).  5 days: 09-13 .. 09-17 (Wed, a working day) → due 2025-09-18T00:00; never resolved → ¥1,757.00."""
    rep = report(seed, [SIGN, notice("n", "2025-09-08T10:00:00+08:00", "express", "s", local=True), OUTAGE,
                        notice("n2", "2025-09-09T11:00:00+08:00", "express", "s", local=True)])
    assert duty(rep, "resolve_interruption") == ("violated", "2025-09-12T00:00:00+08:00", "2025-09-18T00:00:00+08:00")
    assert damages(rep) == [("2025-09-18T00:00:00+08:00", "1757.00")]


def test_a_notice_of_the_outages_own_day_given_by_its_day_alone_counts(seed):
    """Sent "2025-09-09" (hour unknown; it names the outage of 10:00 that day), local express: deemed Fri 09-12 →
    due 2025-09-18T00:00, as in the test above."""
    rep = report(seed, [SIGN, OUTAGE, notice("n", "2025-09-09", "express", "s", local=True)])
    assert duty(rep, "resolve_interruption") == ("violated", "2025-09-12T00:00:00+08:00", "2025-09-18T00:00:00+08:00")


@pytest.mark.parametrize("at, status", [("2025-09-09T09:59:59+08:00", "inactive"),   # delivered before the outage
                                        ("2025-09-09T10:00:00+08:00", "violated")])  # at its very instant: together
def test_a_fax_the_day_of_the_outage_counts_from_the_outages_instant(seed, at, status):
    """A fax is delivered when sent (10.3.2).  At 10:00:00 — the outage's instant, facts at one instant happened
    together — it is notice: 5 days 09-10 .. 09-14 (Sun) → Mon 09-15 → due 2025-09-16T00:00; one second earlier it
    is not."""
    rep = report(seed, [SIGN, OUTAGE, notice("n", at, "fax", "s")])
    assert duty(rep, "resolve_interruption")[0] == status
    if status == "violated":
        assert duty(rep, "resolve_interruption")[2] == "2025-09-16T00:00:00+08:00"


LEAK = {"id": "d", "type": "data_leak_discovered", "at": "2025-11-11T10:00:00+08:00", "cause": "supplier",
        "found_by": "甲方"}


@pytest.mark.parametrize("sent, method, status", [
    ("2025-11-10T10:00:00+08:00", "express", "inactive"),  # posted the day before 甲方 found the leak (delivered 11-13)
    ("2025-11-11T11:00:00+08:00", "fax", "violated"),       # after it: 2 hours → due 13:00, no notice from 乙方
])
def test_the_buyers_notice_of_a_leak_counts_only_if_sent_on_its_day_or_later(seed, sent, method, status):
    """附件2 三.5 (leak_found_by_buyer: from 甲方's notice naming the leak): a letter posted Mon 11-10, the day before
    甲方 found the leak (Tue 11-11 10:00), deemed delivered Thu 11-13 — no notice of it; 乙方's two hours never start."""
    rep = report(seed, [SIGN, LEAK, notice("m", sent, method, "d", subject="data_leak", local=True)], "2025-12-01")
    assert duty(rep, "breach_notice")[0] == status


# ---------------------------------------------------------------- the language: a deemed event's `source_at`
SOURCE_AT_RULES = '''contract "X" "函件往来" { calendar official }
party 甲方 "甲方" as buyer
party 乙方 "乙方" as supplier
event signed "签订"
event letter "函件" { about: ref (fault) ahead "所指故障" }
event fault "故障"
event fixed "修复"
clause "1" "生效" {
  effective in_force "合同生效" { when exists(signed) }
}
clause "2" "送达" {
  deemed received "视为收到" {
    for each letter l
    at day 2 after l "发出后第2日"
  }
}
clause "3" "修复" {
  obligation repair "修复故障" {
    debtor 乙方
    creditor 甲方
    for each received r, fault x where r.about == x.id and x.at <= r.source_at
    fulfilled by fixed y
    within 3 days
  }
}
'''


@pytest.fixture(scope="module")
def source_at_rules():
    from engine.api import compile_rules
    return compile_rules(SOURCE_AT_RULES, "letters.qy")


@pytest.mark.parametrize("sent, status", [
    ("2026-03-02T09:00:00+08:00", "inactive"),  # sent before the fault of 10:00, received 03-04: no notice of it
    ("2026-03-02T10:00:00+08:00", "violated"),  # at the fault's instant: received 03-04, 3 days → due 03-08T00:00
    ("2026-03-02", "inactive"),                 # by its day alone: compared as the day's first instant (00:00)
    ("2026-03-03", "violated"),                 # the next day, by its day alone
])
def test_a_deemed_event_carries_the_instant_of_the_fact_it_was_deemed_from(source_at_rules, sent, status):
    facts = [{"id": "s", "type": "signed", "at": "2026-03-01T10:00:00+08:00"},
             {"id": "x", "type": "fault", "at": "2026-03-02T10:00:00+08:00"},
             {"id": "l", "type": "letter", "at": sent, "about": "x"}]
    rep = on_both_backends(source_at_rules, [json.dumps(x, ensure_ascii=False) for x in facts], "2026-04-01")
    (o,) = [o for o in rep["obligations"] if o["name"] == "repair"]
    assert o["status"] == status
    if status == "violated":
        assert o["because"][0].startswith("第3条：由 ")
