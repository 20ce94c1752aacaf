"""Opposing counsel, round 12: notices and deemed delivery (合同第十条) and what runs from a notice — 8.2's five days,
8.4's two days, 附件2 三.4/三.5's two hours, 10.2's ten days, terminations under 3.1.3 and 8.3 — counted by hand.

The engine's model under attack: a notice the contract deems delivered "on the 3rd day" (10.3.3/10.3.4), or whose
receiver signed on a date alone (10.3.1 "签收之日", signed_at "2025-09-01"), is an event of that DAY, hour unknown —
never 00:00 of it.  A day-only delivery still cannot precede the moment the notice was sent.

Tests whose docstring starts with DEFECT fail until the engine is fixed; test_passing_… cover a new adversarial angle
and hold today.  Contract: shared/seeds/000_2fd1bbbed6f06600.txt; counting: shared/spec/time-and-law.md.
Calendar (chinese_calendar 1.11.0):
  2025 — Mon 06-23 .. Fri 06-27 working, Sat 06-28, Sun 06-29 rest; Mon 09-01 .. Fri 09-05 working, Sat 09-06,
         Sun 09-07 rest; Thu 09-25 working; Sun 09-28 make-up working day; 10-01 .. 10-08 National Day +
         Mid-Autumn off; Thu 10-09 working; Mon 11-10 .. Fri 11-14 working.
  2026 — Tue 03-03 .. Fri 03-06, Mon 03-09, Tue 03-10 working, Sat 03-07, Sun 03-08 rest; Fri 07-24 working.
Sub-project 3 (附件1 序号3, 贵州省区划地名管理服务系统运维项目): ¥175,700.00, 1% = ¥1,757.00.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from engine.api import compile_file
from test_counsel_round7 import FULL, SIGN, rows, run  # (the seed fixture: conftest.py)
from test_counsel_round11 import _events, _one, _remedies

ROOT = Path(__file__).resolve().parent.parent


@functools.lru_cache(maxsize=None)
def seed_assuming(name: str, reading: str):
    """The seed rules with one of their documented alternative readings (compiled once per reading)."""
    return compile_file(ROOT / "rules" / "gzmz-2025-it-ops.qy", assume={name: reading})


def run_assuming(name: str, reading: str, facts, as_of):
    return seed_assuming(name, reading).evaluate([json.dumps(x, ensure_ascii=False) for x in facts], as_of)


def _on_delivery():
    """The seed rules with the documented alternative termination_effective = "on delivery of the notice"
    (民法典第565条: the contract ends when the terminating party's notice reaches the other, 10.3)."""
    return seed_assuming("termination_effective", '"on delivery of the notice"')


def _run_on_delivery(facts, as_of):
    return run_assuming("termination_effective", '"on delivery of the notice"', facts, as_of)


def _notice(id_, at, frm, to, subject, method, ref=None, **attrs):
    n = {"id": id_, "type": "notice_sent", "at": at, "from": frm, "to": to, "subject": subject, "method": method}
    if ref is not None:
        n["ref"] = ref
    return {**n, **attrs}


SUB3_DOWN = {"id": "s", "type": "service_interruption_started", "at": "2025-09-01T10:00:00+08:00", "subproject": 3,
             "cause": "supplier"}
# a supplier-caused leak that 甲方 itself found (附件2 三.5 with the rules' reading leak_found_by_buyer: 乙方's
# 2 hours run from 甲方's notice of it)
LEAK_BY_BUYER = {"id": "lk", "type": "data_leak_discovered", "at": "2025-11-10T10:00:00+08:00", "cause": "supplier",
                 "found_by": "甲方"}


# ================================================================ DEFECTS

# ---------------------------------------------------------------- 1. a receipt dated the day of sending
def test_a_notice_handed_over_after_the_interruption_began_and_signed_that_day_starts_the_five_days_of_8_2(seed):
    """Was a DEFECT (high confidence; fixed: the seed deems delivery at `latest(n, n.signed_at)`, that day from the sending on).  Sub-project 3 goes down through 乙方's fault Mon 2025-09-01 10:00.  甲方's written
    notice of it (ref s) is handed to 乙方 by a messenger at 11:00; the receipt bears only the date, "2025-09-01"
    (10.3.1: "接收人签收之日视为送达").  The notice was delivered on 09-01, at some hour no earlier than 11:00 — after
    the interruption began, so it is 甲方's notice OF it (8.2 "乙方应在接到甲方通知之日起5日内解决中断情形").
    5 days (第201条, start day excluded): 09-02, 03, 04, 05, Sat 09-06 — a rest day, Sun 09-07 too → Mon 09-08
    (第203条) → due 2025-09-09T00:00.  Never resolved: violated, 甲方 holds the 1% (¥175,700.00 × 1% = ¥1,757.00).
    2.1(3) "超5日" (09-02 .. 09-06, not moved): bond deduction from 09-07T00:00.
    The engine takes the day-only receipt as 00:00 of 09-01, before the interruption began at 10:00, so its rule's
    "s.at <= n.at" fails: resolve_interruption stays inactive and 乙方 owes nothing under 8.2 for a week-long outage
    it was told of in writing."""
    n = _notice("n", "2025-09-01T11:00:00+08:00", "甲方", "乙方", "service_interruption", "personal", "s",
                signed_at="2025-09-01")
    report = run(seed, [SIGN, SUB3_DOWN, n], "2025-10-01")
    assert [r["since"] for r in _remedies(report, "bond_deduction")] == ["2025-09-07T00:00:00+08:00"]
    o = _one(report, "resolve_interruption")
    assert (o["status"], o["due"]) == ("violated", "2025-09-09T00:00:00+08:00"), o["because"]
    assert [r["amount"] for r in _remedies(report, "interruption_damages")] == ["1757.00"]


def test_a_leak_notice_handed_over_after_the_two_hours_is_late_though_the_receipt_gives_only_the_day(seed):
    """Was a DEFECT (high confidence; fixed as above).  附件2 三.5: 乙方 finds a supplier-caused leak Thu 2025-11-13 08:00; written notice
    due within 2 hours: 10:00 (第201条第2款; 第1259条: 10:00 itself in time).  三.4 (assumption immediate_notice,
    2 hours): the same 10:00.  乙方's messenger hands the notice over at 11:00; the receipt says "2025-11-13".
    The notice reached 甲方 on 11-13 no earlier than 11:00 — it cannot arrive before it was sent — so it is an hour
    late: both duties violated (performed late), 乙方 "承担全部法律责任及赔偿".
    The engine reads the day-only receipt as 00:00 of 11-13 — eight hours before the leak was found and eleven before
    the notice left 乙方 — and reports both duties FULFILLED ("依合同视为于 2025年11月13日0时 发生 … 按时履行，违约
    不成立").  The rules' own note refuses a receipt timed before the sending; a receipt dated that day is no
    better evidence of an earlier arrival."""
    leak = {"id": "lk", "type": "data_leak_discovered", "at": "2025-11-13T08:00:00+08:00", "cause": "supplier"}
    n = _notice("n", "2025-11-13T11:00:00+08:00", "乙方", "甲方", "data_leak", "personal", "lk", signed_at="2025-11-13")
    report = run(seed, [SIGN, leak, n], "2025-11-20")
    for name in ("breach_notice", "security_incident_notice"):
        o = _one(report, name)
        assert (o["status"], o["due"]) == ("violated", "2025-11-13T10:00:00+08:00"), (name, o["because"])


def test_a_public_interest_termination_delivered_after_the_harm_on_the_same_day_is_not_one_without_cause(seed):
    """Was a DEFECT (high confidence; fixed as above; under the rules' documented alternative termination_effective = "on delivery of the
    notice": 民法典第565条, the contract ends when the notice reaches 乙方).  3.1.3: 甲方 finds harm to the public
    interest Thu 2025-09-04 10:00 — from that moment it holds the power to end the contract.  It decides at 11:00
    (termination_notified, ground public_interest) and hands its notice (ref t) to 乙方 at 11:30; the receipt says
    "2025-09-04".  The notice arrived on 09-04 no earlier than 11:30, after the harm: the contract ends under 3.1.3
    (buyer_terminates), and 甲方 owes no 5% (8.3's ¥349,000.00 is for ending it 无故).
    The engine puts the delivery at 00:00 of 09-04, ten hours before the harm was found: "甲方无故中途解除合同",
    ¥349,000.00 held by 乙方, 3.1.3's power "lapsed"."""
    harm = {"id": "h", "type": "public_interest_harm_found", "at": "2025-09-04T10:00:00+08:00"}
    t = {"id": "t", "type": "termination_notified", "at": "2025-09-04T11:00:00+08:00", "party": "甲方",
         "ground": "public_interest"}
    n = _notice("n", "2025-09-04T11:30:00+08:00", "甲方", "乙方", "termination", "personal", "t", signed_at="2025-09-04")
    report = _run_on_delivery([SIGN, harm, t, n], "2025-10-01")
    assert report["contract_life"]["ended_by"] == "buyer_terminates"
    assert _remedies(report, "unjustified_termination_damages") == []


# ---------------------------------------------------------------- 2. the same notice twice
@pytest.mark.parametrize("order", ["fax first", "express first"])
def test_one_leak_notified_to_the_supplier_twice_gives_one_duty_and_a_timely_answer_performs_it(seed, order):
    """DEFECT (high confidence).  附件2 三.5, reading leak_found_by_buyer: 甲方 finds a supplier-caused leak Mon
    2025-11-10 10:00 and sends 乙方 the same letter about it (ref lk) twice at 10:30 — by fax (10.3.2: delivered
    10:30) and, as a copy, by local express (10.3.3: deemed delivered on the 3rd day, Thu 11-13).  乙方's 2 hours
    run from the first delivery: due 12:30; 乙方 faxes its written notice at 11:30 — in time.  One leak, one duty
    ("breach_notice … within 2 hours of discovering a supplier-caused data leak"): fulfilled at 11:30.
    The engine makes a second breach_notice out of the express copy (its rule pairs every leak with every notice of
    甲方 about it; 8.2's resolve_interruption has "once per s", this one has nothing), counts 2 hours from 11-13,
    does not count 乙方's notice of 11-10, and reports 乙方 in breach at 2025-11-14T02:00 — for not answering a
    second time a leak it had already reported in writing within the hour.  Same result in either listing order."""
    fax = _notice("n1", "2025-11-10T10:30:00+08:00", "甲方", "乙方", "data_leak", "fax", "lk")
    copy = _notice("n2", "2025-11-10T10:30:00+08:00", "甲方", "乙方", "data_leak", "express", "lk")
    answer = _notice("r", "2025-11-10T11:30:00+08:00", "乙方", "甲方", "data_leak", "fax", "lk")
    notices = [fax, copy] if order == "fax first" else [copy, fax]
    report = run(seed, [SIGN, LEAK_BY_BUYER, *notices, answer], "2025-11-20")
    assert [(o["status"], o["fulfilled_at"]) for o in rows(report, "breach_notice")] == [
        ("fulfilled", "2025-11-10T11:30:00+08:00")]


def test_a_supplier_that_reported_the_leak_in_writing_before_the_buyers_express_arrived_is_not_in_breach(seed):
    """DEFECT (medium-high confidence: the rules' assumption leak_found_by_buyer says when 乙方's 2 hours START, not
    that an earlier written notice is worthless).  甲方 finds a supplier-caused leak Mon 2025-11-10 10:00 and posts
    乙方 a notice by local express at 11:00 — deemed delivered on the 3rd day, Thu 11-13 (10.3.3).  Meanwhile 乙方
    learns of the leak and faxes 甲方 a written notice of it (ref lk) on Wed 11-12 10:00, a day before 甲方's letter
    is deemed to arrive.  附件2 三.5 asks that 甲方 be told in writing; it was, before 乙方's clock even started
    (the rules accept early performance elsewhere, 民法典第530条: early_handover, early_bond_release).  Nothing
    is owed after 11-13.  The engine: breach_notice violated at 2025-11-14T02:00 — the fax of 11-12 "不计入"."""
    express = _notice("n1", "2025-11-10T11:00:00+08:00", "甲方", "乙方", "data_leak", "express", "lk")
    early = _notice("r", "2025-11-12T10:00:00+08:00", "乙方", "甲方", "data_leak", "fax", "lk")
    report = run(seed, [SIGN, LEAK_BY_BUYER, express, early], "2025-11-20")
    assert [o["status"] for o in rows(report, "breach_notice") if o["status"] == "violated"] == []


# ---------------------------------------------------------------- 3. a day-only termination against an hour that day
@pytest.mark.parametrize("how", ["by the date alone", "deemed on the 3rd day"])
def test_a_termination_reaching_the_supplier_on_the_day_of_the_last_payment_is_not_known_to_precede_it(seed, how):
    """Was a DEFECT (medium-high confidence; fixed: a notice known by its day alone with a fact its decision reads later
    that day is found termination_hour_unknown, the contract going on).  full-year.jsonl reshaped so that a payment is the last act of performance:
    accepted 2026-07-10 (f-019), handover 07-17 (f-020), 甲方 helps release the guarantee Mon 07-20 10:00,
    installments 1 and 2 paid in 2025 and installment 3 (¥2,094,000.00, late) paid Fri 2026-07-24 10:00 — from that
    moment the contract is performed in full (assumption termination_after_performance: a later unilateral notice has
    no effect, no 5%).  甲方's notice ending the contract without ground ("other") reaches 乙方 on Fri 07-24 —
    recorded by its date alone ("2026-07-24", default reading: termination_notified is the arrival), or posted by
    local express Tue 07-21 and deemed delivered on the 3rd day, 07-24 (alternative reading "on delivery of the
    notice").  Either way it arrived at an hour of 07-24 nobody knows: before 10:00 it ends the contract and costs
    甲方 ¥349,000.00 (8.3 无故中途解除); after 10:00 it does nothing.  (A fax at 11:00 — no effect; at 09:00 —
    ¥349,000.00: the engine gets both right.)  The report may say undetermined; it may not find the 5% owed.
    The engine puts the arrival at 00:00 of 07-24: ended 2026-07-24T00:00 "甲方无故中途解除合同", ¥349,000.00 held."""
    rest = [x for x in FULL if x["id"] not in ("f-016", "f-026")]
    release = {"id": "f-026", "type": "bond_release_assisted", "at": "2026-07-20T10:00:00+08:00"}
    pay3 = {"id": "f-016", "type": "payment_made", "at": "2026-07-24T10:00:00+08:00", "installment": 3,
            "amount": "2094000.00"}
    if how == "by the date alone":
        t = {"id": "t", "type": "termination_notified", "at": "2026-07-24", "party": "甲方", "ground": "other"}
        report = run(seed, rest + [release, pay3, t], "2026-09-01")
    else:
        t = {"id": "t", "type": "termination_notified", "at": "2026-07-21T09:00:00+08:00", "party": "甲方",
             "ground": "other"}
        n = _notice("nt", "2026-07-21T10:00:00+08:00", "甲方", "乙方", "termination", "express", "t")
        report = _run_on_delivery(rest + [release, pay3, t, n], "2026-09-01")
    assert [r["status"] for r in _remedies(report, "unjustified_termination_damages") if r["status"] == "held"] == []


def test_a_public_interest_termination_recorded_by_its_date_on_the_day_of_the_harm_is_not_found_without_cause(seed):
    """Was a DEFECT (medium confidence; fixed as above).  3.1.3: harm to the public interest found Thu 2025-09-04 10:00.  甲方's termination
    reached 乙方 on 09-04, recorded by the date alone (termination_notified "2025-09-04"; default reading: the fact is
    the arrival).  Arrived after 10:00: 3.1.3 ends the contract, no 5%; before: 甲方 held no power, 8.3 ¥349,000.00.
    Which, the record does not say: the engine may call it undetermined, not find the ¥349,000.00 owed.
    The engine: ended 2025-09-04T00:00 "甲方无故中途解除合同", ¥349,000.00 held — it decides the unknown hour as 00:00."""
    harm = {"id": "h", "type": "public_interest_harm_found", "at": "2025-09-04T10:00:00+08:00"}
    t = {"id": "t", "type": "termination_notified", "at": "2025-09-04", "party": "甲方", "ground": "public_interest"}
    report = run(seed, [SIGN, harm, t], "2025-10-01")
    assert [r["status"] for r in _remedies(report, "unjustified_termination_damages") if r["status"] == "held"] == []


# ---------------------------------------------------------------- 4. a notice posted before its subject existed
def test_an_express_letter_posted_before_the_interruption_began_is_not_notice_of_it_under_8_2(seed):
    """DEFECT (medium confidence; the round-11 fix's own words: "不可能在中断发生前通知该中断").  甲方 posts a local
    express letter Mon 2025-09-01 10:00 naming (ref s) an interruption of sub-project 3 that only begins Tue 09-02
    09:00 (supplier-caused, never resolved).  The letter is deemed delivered Thu 09-04 (10.3.3), after the outage
    began — but it was written and sent before there was any outage to notify: it is not 甲方's notice of it, and
    8.2's 5 days never start (no 1%, ¥1,757.00).  2.1(3) is untouched: "超5日" 09-03 .. 09-07 → bond deduction from
    09-08T00:00.  The engine checks only the delivery ("s.at <= n.at"): resolve_interruption due 09-10T00:00,
    violated, interruption_damages ¥1,757.00."""
    s = dict(SUB3_DOWN, at="2025-09-02T09:00:00+08:00")
    e = _notice("e", "2025-09-01T10:00:00+08:00", "甲方", "乙方", "service_interruption", "express", "s")
    report = run(seed, [SIGN, e, s], "2025-10-01")
    assert [r["since"] for r in _remedies(report, "bond_deduction")] == ["2025-09-08T00:00:00+08:00"]
    assert _one(report, "resolve_interruption")["status"] == "inactive"
    assert _remedies(report, "interruption_damages") == []


# ================================================================ PASSING (new angles that hold)

@pytest.mark.parametrize("sent, status", [
    ("2026-03-06T10:00:00+08:00", "fulfilled"),  # Fri → deemed Mon 03-09, the moved last day
    ("2026-03-07T10:00:00+08:00", "violated"),   # Sat → deemed Tue 03-10, the first late day
])
def test_passing_force_majeure_notice_deemed_on_the_moved_last_day_counts_as_that_day(seed, sent, status):
    """8.4: force majeure (乙方) Thu 2026-03-05 14:00; 2 days: 03-06, Sat 03-07 — a rest day → Mon 03-09 (第203条)
    → due 03-10T00:00 (time-and-law.md's own example).  Local express (10.3.3, 3rd day, not moved): posted Fri 03-06
    → 03-07, 03-08, 03-09: delivered on the last day, in time whatever its hour; posted Sat 03-07 → Tue 03-10: late."""
    fm = {"id": "fm", "type": "force_majeure_occurred", "at": "2026-03-05T14:00:00+08:00", "party": "乙方"}
    n = _notice("n", sent, "乙方", "甲方", "force_majeure", "express", "fm")
    o = _one(run(seed, [SIGN, fm, n], "2026-04-01"), "force_majeure_notice")
    assert (o["status"], o["due"]) == (status, "2026-03-10T00:00:00+08:00")


def test_passing_an_interruption_notice_deemed_on_the_national_day_make_up_sunday(seed):
    """Sub-project 3 down Thu 2025-09-25 09:00 (乙方).  甲方's local express posted 09-25 10:00 → 09-26, 09-27,
    Sun 09-28 (a make-up working day): deemed delivered 09-28.  8.2's 5 days: 09-29, 09-30, 10-01, 10-02, 10-03 —
    a holiday (10-01 .. 10-08) → Thu 10-09 → due 10-10T00:00; never resolved → ¥1,757.00.  2.1(3) "超5日" from the
    outage, not moved: 09-26 .. 09-30 → bond deduction from 10-01T00:00."""
    s = dict(SUB3_DOWN, at="2025-09-25T09:00:00+08:00")
    n = _notice("n", "2025-09-25T10:00:00+08:00", "甲方", "乙方", "service_interruption", "express", "s")
    report = run(seed, [SIGN, s, n], "2025-10-20")
    assert [a[:10] for a in _events(report, "notice_delivered")] == ["2025-09-28"]
    o = _one(report, "resolve_interruption")
    assert (o["status"], o["due"]) == ("violated", "2025-10-10T00:00:00+08:00")
    assert [r["amount"] for r in _remedies(report, "interruption_damages")] == ["1757.00"]
    assert [r["since"] for r in _remedies(report, "bond_deduction")] == ["2025-10-01T00:00:00+08:00"]


def test_passing_of_two_notices_of_one_interruption_the_first_delivered_starts_8_2(seed):
    """Sub-project 3 down Mon 2025-09-01 09:00 (乙方).  甲方 posts local express 09-01 10:00 (deemed Thu 09-04) and
    faxes Tue 09-02 10:00 (delivered then).  8.2 runs from the first receipt, 09-02: 09-03 .. Sun 09-07 → Mon 09-08
    → due 09-09T00:00 (from the express it would be 09-10T00:00).  Resolved 09-09 10:00: late, ¥1,757.00."""
    s = dict(SUB3_DOWN, at="2025-09-01T09:00:00+08:00")
    e = _notice("e", "2025-09-01T10:00:00+08:00", "甲方", "乙方", "service_interruption", "express", "s")
    f = _notice("f", "2025-09-02T10:00:00+08:00", "甲方", "乙方", "service_interruption", "fax", "s")
    x = {"id": "x", "type": "service_interruption_resolved", "at": "2025-09-09T10:00:00+08:00", "subproject": 3}
    report = run(seed, [SIGN, s, e, f, x], "2025-10-01")
    o = _one(report, "resolve_interruption")
    assert (o["status"], o["due"], o["fulfilled_at"]) == ("violated", "2025-09-09T00:00:00+08:00",
                                                          "2025-09-09T10:00:00+08:00")
    assert [r["amount"] for r in _remedies(report, "interruption_damages")] == ["1757.00"]


@pytest.mark.parametrize("sent, changed, status", [
    ("2025-06-24T10:00:00+08:00", "2025-07-07T10:00:00+08:00", "fulfilled"),  # deemed Fri 06-27, the effective day
    ("2025-06-25T10:00:00+08:00", "2025-07-08T10:00:00+08:00", "fulfilled"),  # deemed Sat 06-28, the last day
    ("2025-06-26T10:00:00+08:00", "2025-07-08T10:00:00+08:00", "violated"),   # deemed Sun 06-29, a day late
])
def test_passing_an_address_change_notice_posted_before_the_contract_and_deemed_after(seed, sent, changed, status):
    """10.2 "须在变更前10日以书面形式通知": 乙方 changes address Mon 07-07 (or Tue 07-08) 10:00; 10 days before,
    counted back and not moved: last day Fri 06-27 (or Sat 06-28).  07-07's last day is the very day the contract
    took effect (06-27 10:00), not before it: owed, not excused (assumption change_soon_after_signing).  乙方
    posted the notice by local express before signing; deemed delivered on the 3rd day (10.3.3): 06-24 → 06-27,
    06-25 → 06-28 (both in time — a fact from before the contract still counts, 第502条), 06-26 → 06-29 (late)."""
    n = _notice("n", sent, "乙方", "甲方", "address_change", "express")
    a = {"id": "a", "type": "address_changed", "at": changed, "party": "乙方"}
    o = _one(run(seed, [n, SIGN, a], "2025-08-01"), "address_change_notice")
    assert o["status"] == status


@pytest.mark.parametrize("as_of, status", [
    ("2025-11-12T23:59:59+08:00", "inactive"),
    ("2025-11-13T00:00:00+08:00", "active"),
    ("2025-11-14T00:00:00+08:00", "active"),   # 24:00 of the deemed day
    # (the latest end itself is late: the letter was deemed delivered at some hour of 11-13, before its 24:00, so the
    # 2 hours ended before 02:00 — changed in the session of 2026-12-07 (03:48–), counsel round 41; it was "active")
    ("2025-11-14T02:00:00+08:00", "violated"),
    ("2025-11-14T02:00:01+08:00", "violated"),
])
def test_passing_two_hours_from_a_registered_letter_deemed_on_the_3rd_day_to_the_second(seed, as_of, status):
    """附件2 三.5, leak_found_by_buyer: 甲方 finds the leak Mon 2025-11-10 10:00 and posts 乙方 a registered letter
    at 11:00 — deemed delivered on the 3rd day, Thu 11-13 (10.3.4), hour unknown.  乙方's 2 hours end at the
    latest just before 02:00 of Fri 11-14 (the end of 11-13 + 2 h); silent until then, 乙方 is late at 02:00:00."""
    n = _notice("n1", "2025-11-10T11:00:00+08:00", "甲方", "乙方", "data_leak", "registered_mail", "lk")
    o = _one(run(seed, [SIGN, LEAK_BY_BUYER, n], as_of), "breach_notice")
    assert o["status"] == status
    if status != "inactive":
        assert o["due"] == "2025-11-14T02:00:00+08:00"


@pytest.mark.parametrize("signed_at, delivered, due", [
    ("2025-11-11", "2025-11-11", "2025-11-12T02:00:00+08:00"),                 # signed before the 3rd day
    ("2025-11-15T09:00:00+08:00", "2025-11-13", "2025-11-14T02:00:00+08:00"),  # signed after it: 10.3.3 decides
])
def test_passing_a_receipt_before_the_3rd_day_brings_delivery_forward_a_later_one_does_not(seed, signed_at,
                                                                                          delivered, due):
    """甲方's local express of Mon 2025-11-10 11:00 about a leak it found (leak_found_by_buyer).  Deemed delivered on
    the 3rd day, Thu 11-13 (10.3.3), unless actually received earlier (民法典第137条): signed Tue 11-11 (date only)
    → delivered 11-11, 乙方's 2 hours end at the latest 11-12T02:00; signed Sat 11-15 → the contract's deemed day
    11-13 stands → 11-14T02:00."""
    n = _notice("n1", "2025-11-10T11:00:00+08:00", "甲方", "乙方", "data_leak", "express", "lk", signed_at=signed_at)
    report = run(seed, [SIGN, LEAK_BY_BUYER, n], "2025-11-20")
    assert [a[:10] for a in _events(report, "notice_delivered")] == [delivered]
    o = _one(report, "breach_notice")
    assert (o["status"], o["due"]) == ("violated", due)
