"""Opposing counsel, round 11: deemed-delivery days used as hour anchors, notices about events that had not yet
happened, a leak notice judged by its label, and chains over the 2025/2026 make-up working days — counted by hand.

Tests whose docstring starts with DEFECT fail until the engine is fixed; test_passing_… cover a new adversarial
angle and hold today.  Contract: shared/seeds/000_2fd1bbbed6f06600.txt; counting: shared/spec/time-and-law.md.
Calendar (chinese_calendar 1.11.0):
  2025 — National Day + Mid-Autumn: Wed 10-01 .. Wed 10-08 off, Sun 09-28 and Sat 10-11 make-up working days;
         Sun 07-27, Sat 11-15 rest; Mon 07-28, Mon 11-10 .. Thu 11-13 working.
  2026 — Spring Festival: Sat 02-14 and Sat 02-28 make-up working days, Sun 02-15 .. Mon 02-23 off;
         Mid-Autumn Fri 09-25 .. Sun 09-27 off; National Day Thu 10-01 .. Wed 10-07 off; Sun 09-20 and
         Sat 10-10 make-up working days; Sat 03-28, Sat 11-14 rest; Mon 03-30, Mon 11-09, Tue 11-10 working.
"""
from __future__ import annotations

import json

import pytest

from test_counsel_round7 import BASE, FULL, SIGN, codes, rows, run  # (the seed fixture: conftest.py)

BOND = {"id": "g", "type": "guarantee_submitted", "at": "2025-07-15T10:00:00+08:00", "purpose": "performance",
        "amount": "349000.00", "valid_until": "2026-12-31"}


def _one(report, name):
    (o,) = rows(report, name)
    return o


def _remedies(report, name):
    return [r for r in report["remedies"] if r["name"] == name]


def _events(report, name):
    return [e["at"] for e in report["events"] if e["name"] == name]


# ================================================================ DEFECTS

# ---------------------------------------------------------------- 1. a deemed day used as if it were 00:00
@pytest.mark.parametrize("method", ["express", "registered_mail"])
def test_a_notice_deemed_delivered_on_the_third_day_does_not_start_two_hours_at_midnight(seed, method):
    """DEFECT.  附件2 三.5 with the rules' reading leak_found_by_buyer ("from the buyer's notice"): a supplier-caused
    leak found by 甲方 Mon 2025-11-10 10:00; 甲方 tells 乙方 by local express (or registered mail) posted Mon 11-10
    11:00.  10.3.3 / 10.3.4: "发出后第3日视为送达" — 11-11 (1st), 11-12 (2nd), Thu 11-13 (3rd): the contract fixes
    a DAY, not an hour.  So 乙方's 2 hours run from some moment of 11-13: they end at the earliest at 02:00 of 11-13
    and at the latest at 02:00 of Fri 11-14 (民法典第201条第2款, 第1259条).  That is exactly how the engine treats a
    personal delivery the receiver signed on the bare date 2025-11-13 (10.3.1 "签收之日"): due 2025-11-14T02:00,
    active at 11-13 03:00.  For the express/registered notice it instead takes the deemed day as 00:00 sharp: due
    2025-11-13T02:00 and 乙方 "已违约" at 03:00 of the very night the notice is merely deemed to arrive — for not
    answering in writing a notice no courier could have brought by 02:00.  Right answer at 2025-11-13T03:00:
    breach_notice not violated; its due (the last instant it can be late from) 2025-11-14T02:00:00+08:00."""
    leak = {"id": "lk", "type": "data_leak_discovered", "at": "2025-11-10T10:00:00+08:00", "cause": "supplier",
            "found_by": "甲方"}
    notice = {"id": "n1", "type": "notice_sent", "at": "2025-11-10T11:00:00+08:00", "from": "甲方", "to": "乙方",
              "subject": "data_leak", "method": method, "ref": "lk"}
    # (as of 03:00 that day the delivery, of the day alone, may come after 03:00: not counted as certain, and said —
    # day_alone_at_as_of, counsel round 34 —: the duty it would start undetermined, never violated.  As of the day's
    # 24:00 it is counted: due 11-14 02:00, active)
    report = run(seed, [SIGN, leak, notice], "2025-11-13T03:00:00+08:00")
    assert _events(report, "notice_delivered") == []
    assert "day_alone_at_as_of" in [f["code"] for f in report["findings"]]
    assert [(o["status"], o["due"]) for o in report["obligations"] if o["name"] == "breach_notice"] == [
        ("undetermined", "2025-11-14T02:00:00+08:00")]
    report = run(seed, [SIGN, leak, notice], "2025-11-14T00:00:00+08:00")
    assert [a[:10] for a in _events(report, "notice_delivered")] == ["2025-11-13"]
    o = _one(report, "breach_notice")
    assert o["status"] == "active", o["because"]
    assert o["due"] == "2025-11-14T02:00:00+08:00"

    # the same notice, personally delivered and signed on the bare date 11-13: the engine's own answer
    signed = dict(notice, method="personal", signed_at="2025-11-13")
    same_day = _one(run(seed, [SIGN, leak, signed], "2025-11-14T00:00:00+08:00"), "breach_notice")
    assert (same_day["status"], same_day["due"]) == (o["status"], o["due"])


# ---------------------------------------------------------------- 2. a notice about an interruption not yet begun
def test_a_notice_received_before_the_interruption_began_does_not_start_the_five_days_of_8_2(seed):
    """DEFECT (medium-high confidence).  8.2: "乙方应在接到甲方通知之日起5日内解决中断情形".  甲方's fax (10.3.2:
    delivered at its send time) is of Mon 2025-09-01 10:00 and names (ref) an interruption of sub-project 3 that only
    begins Fri 09-05 10:00 (supplier-caused) and is never resolved.  A notice received four days before the
    interruption existed cannot be 甲方's notice OF it: 8.2's five days never start, so 乙方 is not in breach of 8.2
    and owes no 1% (附件1 序号3 ¥175,700.00 × 1% = ¥1,757.00).  (2.1(3) is untouched: the interruption lasts more
    than 5 days — 09-06 .. 09-10, 超5日 from 09-11T00:00 — so 甲方 may deduct from the bond.)  The engine triggers
    resolve_interruption "由 2025年9月5日10时 运维服务中断 …、2025年9月1日10时 视为送达 触发", counts 5 days from
    09-05 (due 09-11T00:00), reports it violated and gives 甲方 interruption_damages ¥1,757.00 — a deadline that runs
    from the interruption, not from any notice received.  The engine already refuses an impossible order elsewhere
    (notice_signed_before_sent); here it should not trigger, or at least say the notice predates its subject."""
    facts = [SIGN,
             {"id": "n", "type": "notice_sent", "at": "2025-09-01T10:00:00+08:00", "from": "甲方", "to": "乙方",
              "subject": "service_interruption", "method": "fax", "ref": "s"},
             {"id": "s", "type": "service_interruption_started", "at": "2025-09-05T10:00:00+08:00", "subproject": 3,
              "cause": "supplier"}]
    report = run(seed, facts, "2025-10-01")
    assert [r["since"] for r in _remedies(report, "bond_deduction")] == ["2025-09-11T00:00:00+08:00"]
    assert _one(report, "resolve_interruption")["status"] == "inactive"
    assert _remedies(report, "interruption_damages") == []


# ---------------------------------------------------------------- 3. the leak notice judged by its label
def test_a_written_notice_of_the_leak_within_two_hours_performs_annex_2_3_5_whatever_its_subject_label(seed):
    """DEFECT (medium confidence: the rules' requirement subject == "data_leak" is not an announced assumption).
    附件2 三.5: "若因乙原因发生数据泄露，需在 2 小时内书面通知甲方".  乙方 finds a supplier-caused leak Mon
    2025-11-10 10:00 and faxes 甲方 at 11:00 (10.3.2: delivered 11:00) a written notice about that very leak
    (ref lk), headed "数据安全事件" (subject security_incident — a data leak is a data-security incident).
    Due 10:00 + 2 h = 12:00 (第1259条: 12:00 itself in time); 11:00 is in time.  The engine accepts the fax for
    三.4 (security_incident_notice fulfilled 11:00) but holds 三.5 violated — "不满足 subject为“data_leak”" — so 乙方
    "承担全部法律责任" for a leak it reported in writing within the hour.  The clause asks for a written notice to
    甲方 within 2 hours, not a heading; the rules themselves judge a termination notice by substance, not its label
    (assumption termination_ground_reading, 民法典第142条 on interpreting a declaration by its content).
    Right answer: breach_notice fulfilled at 2025-11-10T11:00:00+08:00."""
    leak = {"id": "lk", "type": "data_leak_discovered", "at": "2025-11-10T10:00:00+08:00", "cause": "supplier"}
    fax = {"id": "n", "type": "notice_sent", "at": "2025-11-10T11:00:00+08:00", "from": "乙方", "to": "甲方",
           "subject": "security_incident", "method": "fax", "ref": "lk"}
    report = run(seed, [SIGN, leak, fax], "2025-11-11")
    assert (_one(report, "security_incident_notice")["status"]) == "fulfilled"
    o = _one(report, "breach_notice")
    assert (o["status"], o["fulfilled_at"]) == ("fulfilled", "2025-11-10T11:00:00+08:00"), o["because"]


# ================================================================ PASSING (new angles that hold)

def test_passing_review_due_on_the_national_day_make_up_saturday_feeds_release_and_handover(seed):
    """Application on the make-up working day Sun 2026-09-20 10:00 (after the service year, 5.2.1).  5.2.3, 10
    working days, start day excluded: Mon 09-21, 22, 23, 24 (Fri 09-25 .. Sun 09-27 Mid-Autumn, off), 28, 29, 30
    (10-01 .. 10-07 off), Thu 10-08, Fri 10-09, Sat 10-10 (make-up) = 10 → due 2026-10-11T00:00.  Never reviewed:
    deemed accepted at 24:00 of Sat 10-10.  2.1(2) 30 days from 10-10: 10-11 .. Mon 11-09 → due 11-10T00:00.
    5.3 one month from 10-10: Tue 11-10 (第202条) → due 11-11T00:00."""
    report = run(seed, [SIGN, BOND, {"id": "ap", "type": "acceptance_applied", "at": "2026-09-20T10:00:00+08:00"}],
                 "2026-12-01")
    assert _one(report, "acceptance_review")["due"] == "2026-10-11T00:00:00+08:00"
    assert _events(report, "deemed_acceptance") == ["2026-10-11T00:00:00+08:00"]
    assert _one(report, "release_bond")["due"] == "2026-11-10T00:00:00+08:00"
    assert _one(report, "handover")["due"] == "2026-11-11T00:00:00+08:00"


def test_passing_review_over_spring_festival_counts_both_make_up_saturdays_and_the_chain_follows(seed):
    """Contract signed Mon 2025-01-20 10:00: the service year ends 24:00 of Tue 2026-01-20 (not moved).  2.2(4): 30
    days 01-21 .. Thu 02-19 — inside Spring Festival (02-15 .. 02-23) → Tue 02-24 → due 02-25T00:00.  Application
    Mon 2026-02-09 10:00; 10 working days: 02-10, 11, 12, 13, Sat 02-14 (make-up), (02-15 .. 02-23 off), 24, 25,
    26, 27, Sat 02-28 (make-up) → due 03-01T00:00 (a Monday–Friday count would give 03-03).  Deemed accepted at
    24:00 of 02-28: release_bond 30 days 03-01 .. Mon 03-30 → due 03-31T00:00; handover one month → Sat 03-28, a
    rest day → Mon 03-30 → due 03-31T00:00."""
    sign = dict(SIGN, at="2025-01-20T10:00:00+08:00")
    bond = dict(BOND, at="2025-02-15T10:00:00+08:00")
    report = run(seed, [sign, bond, {"id": "ap", "type": "acceptance_applied", "at": "2026-02-09T10:00:00+08:00"}],
                 "2026-05-01")
    assert _events(report, "service_end") == ["2026-01-21T00:00:00+08:00"]
    assert _one(report, "organize_acceptance")["due"] == "2026-02-25T00:00:00+08:00"
    assert _one(report, "acceptance_review")["due"] == "2026-03-01T00:00:00+08:00"
    assert _events(report, "deemed_acceptance") == ["2026-03-01T00:00:00+08:00"]
    assert _one(report, "release_bond")["due"] == "2026-03-31T00:00:00+08:00"
    assert _one(report, "handover")["due"] == "2026-03-31T00:00:00+08:00"


@pytest.mark.parametrize("resolved, status, damages", [
    ("2025-10-09T20:00:00+08:00", "fulfilled", []),
    ("2025-10-10T00:00:00+08:00", "violated", ["26945.00"]),
])
def test_passing_an_interruption_notice_deemed_delivered_in_the_national_day_holiday(seed, resolved, status, damages):
    """Sub-project 2 (附件1: 1,373,071 + 646,500 + 674,929 = ¥2,694,500.00) interrupted Mon 2025-09-29 10:00 by
    乙方.  甲方's local express posted 09-29 12:00 is deemed delivered on the 3rd day, Thu 10-02, a holiday — not
    moved (10.3.3).  8.2's 5 days from 10-02: 10-03 .. 10-07, the last a holiday (10-01 .. 10-08) → Thu 10-09 (第203条)
    → due 10-10T00:00.  Resolved 10-09 20:00: in time; at 10-10 00:00: late, 1% = ¥26,945.00.  Either way 2.1(3)'s
    "超5日" runs from the interruption and is not moved: 09-30 .. 10-04 → bond deduction from 10-05T00:00."""
    facts = [SIGN,
             {"id": "s", "type": "service_interruption_started", "at": "2025-09-29T10:00:00+08:00", "subproject": 2,
              "cause": "supplier"},
             {"id": "n", "type": "notice_sent", "at": "2025-09-29T12:00:00+08:00", "from": "甲方", "to": "乙方",
              "subject": "service_interruption", "method": "express", "ref": "s"},
             {"id": "x", "type": "service_interruption_resolved", "at": resolved, "subproject": 2}]
    report = run(seed, facts, "2025-10-20")
    assert _events(report, "notice_delivered") == ["2025-10-02T00:00:00+08:00"]
    o = _one(report, "resolve_interruption")
    assert (o["status"], o["due"]) == (status, "2025-10-10T00:00:00+08:00")
    assert [r["amount"] for r in _remedies(report, "interruption_damages")] == damages
    assert [r["since"] for r in _remedies(report, "bond_deduction")] == ["2025-10-05T00:00:00+08:00"]


@pytest.mark.parametrize("sent, method, status", [
    ("2025-10-06T10:00:00+08:00", "express", "fulfilled"),         # deemed Thu 10-09: the moved last day
    ("2025-10-07T10:00:00+08:00", "registered_mail", "violated"),  # deemed Fri 10-10: one day late
])
def test_passing_force_majeure_notice_over_the_eight_day_holiday_of_2025(seed, sent, method, status):
    """8.4: force majeure (乙方) Tue 2025-09-30 10:00; 2 days: 10-01, 10-02 — a holiday; the holiday runs to 10-08,
    so the last day is Thu 10-09 (第203条) → due 10-10T00:00.  Deemed delivery (10.3.3/10.3.4, 3rd day, not
    moved): posted 10-06 → 10-09, in time; posted 10-07 → 10-10, late."""
    fm = {"id": "fm", "type": "force_majeure_occurred", "at": "2025-09-30T10:00:00+08:00", "party": "乙方"}
    n = {"id": "n", "type": "notice_sent", "at": sent, "from": "乙方", "to": "甲方", "subject": "force_majeure",
         "method": method, "ref": "fm"}
    o = _one(run(seed, [SIGN, fm, n], "2025-11-01"), "force_majeure_notice")
    assert (o["status"], o["due"]) == (status, "2025-10-10T00:00:00+08:00")


def test_passing_installment_1_preconditions_met_before_signing_run_from_the_effective_instant(seed):
    """第502条: no duty before the contract binds, but facts before it count.  Staff (2) 06-20, plan 06-21,
    application 06-22, invoice 06-23 — all before signing Fri 2025-06-27 10:00: pay_installment_1 arises at 06-27
    10:00.  30 days (payment_term): 06-28 .. Sun 07-27 → Mon 07-28 → due 07-29T00:00.  8.3 damages as of 09-01
    00:00 (each day begun): 07-29 .. 07-31 (3) + August (31) + 09-01 (1) = 35 × ¥6,980.00 = ¥244,300.00.
    "逾期超出15天": 07-29 .. 08-12 (not moved) → 乙方's power from 08-13T00:00."""
    pre = [{"id": "st", "type": "staff_onsite", "at": "2025-06-20T09:00:00+08:00", "count": 2},
           {"id": "plan", "type": "service_plan_submitted", "at": "2025-06-21T10:00:00+08:00"},
           {"id": "app1", "type": "payment_application_received", "at": "2025-06-22T10:00:00+08:00",
            "installment": 1, "amount": "3490000.00"},
           {"id": "inv1", "type": "invoice_received", "at": "2025-06-23T10:00:00+08:00", "installment": 1,
            "amount": "3490000.00", "kind": "vat_ordinary"}]
    report = run(seed, pre + [SIGN], "2025-09-01")
    o = _one(report, "pay_installment_1")
    assert (o["triggered_at"], o["due"]) == ("2025-06-27T10:00:00+08:00", "2025-07-29T00:00:00+08:00")
    assert [r["amount"] for r in _remedies(report, "late_payment_damages")] == ["244300.00"]
    assert [r["since"] for r in _remedies(report, "supplier_termination")] == ["2025-08-13T00:00:00+08:00"]


@pytest.mark.parametrize("at, ended", [
    ("2025-08-19T23:59:59+08:00", None),                          # the 15th day has not fully passed
    ("2025-08-20T00:00:00+08:00", "2025-08-20T00:00:00+08:00"),   # 超出15天: the power exists from this instant
])
def test_passing_the_suppliers_termination_at_the_fifteen_day_boundary_to_the_second(seed, at, ended):
    """Installment 1 due 2025-08-05T00:00 (BASE), unpaid.  8.3 "逾期超出15天": 08-05 .. 08-19, not moved; the power
    exists from 08-20T00:00 (第1259条: 超过 excludes the number).  乙方's notice at 08-19 23:59:59 has no power behind
    it (termination_without_right, the contract goes on); at 08-20 00:00:00 it ends the contract."""
    t = {"id": "t", "type": "termination_notified", "at": at, "party": "乙方", "ground": "late_payment"}
    report = run(seed, BASE + [t], "2025-09-01")
    assert report["contract_life"]["ended"] == ended
    assert ("termination_without_right" in codes(report)) == (ended is None)


@pytest.mark.parametrize("as_of, status", [
    ("2026-08-19T23:00:00+08:00", "held"),
    ("2026-08-20T00:00:00+08:00", "lapsed"),
])
def test_passing_the_suppliers_power_lapses_one_year_after_it_arose(seed, as_of, status):
    """第564条第2款: the power (from 24:00 of Tue 2025-08-19) lapses if not used within one year.  The start day
    08-19 is not counted (第201条); corresponding day Wed 2026-08-19, a working day → lapsed from 2026-08-20T00:00."""
    (r,) = _remedies(run(seed, BASE, as_of), "supplier_termination")
    assert r["status"] == status


@pytest.mark.parametrize("first", ["release", "termination"])
def test_passing_a_termination_at_the_instant_of_the_last_performance_has_no_effect_in_either_order(seed, first):
    """full-year.jsonl: accepted 2026-07-10, all three installments paid, handover 07-17; the last act is 甲方's
    release assistance Fri 2026-07-24 10:00 (2.1(2), due 08-11T00:00).  甲方's termination ("other") carries the same
    instant.  Simultaneous facts happened together (time-and-law.md): the contract is performed in full at that
    instant, so the notice has no effect and no 5% — whichever is listed first."""
    release = next(x for x in FULL if x["id"] == "f-026")
    rest = [x for x in FULL if x["id"] != "f-026"]
    t = {"id": "t", "type": "termination_notified", "at": "2026-07-24T10:00:00+08:00", "party": "甲方",
         "ground": "other"}
    report = run(seed, rest + ([release, t] if first == "release" else [t, release]), "2026-09-01")
    assert report["contract_life"]["ended"] is None
    assert _one(report, "release_bond")["status"] == "fulfilled"
    assert _remedies(report, "unjustified_termination_damages") == []
    assert "termination_after_performance" in codes(report)


def test_passing_a_termination_notice_before_the_contract_took_effect_changes_nothing(seed):
    """第502条: 甲方's "termination" on 2025-06-26, a day before the contract binds (06-27 10:00), ends no contract
    and owes no 5%: installment 1 (BASE) still falls due 08-05T00:00 and is late; the report says why."""
    t = {"id": "t", "type": "termination_notified", "at": "2025-06-26T10:00:00+08:00", "party": "甲方",
         "ground": "other"}
    report = run(seed, [t] + BASE, "2025-09-01")
    assert report["contract_life"]["ended"] is None
    assert _one(report, "pay_installment_1")["status"] == "violated"
    assert _remedies(report, "unjustified_termination_damages") == []
    assert "termination_before_effective" in codes(report)


@pytest.mark.parametrize("amount", ["3,490,000.00", "¥3,490,000.00", 3490000, "3490000"])
def test_passing_an_amount_written_several_ways_is_the_same_payment(seed, amount):
    """2.2(1) ¥3,490,000.00 paid Tue 2025-08-05 10:00, on the first late day (due 08-05T00:00): late.  8.3 damages
    stop at payment: one day begun (08-05) × ¥6,980.00 = ¥6,980.00 — however the amount is written (thousands
    separators, a ¥ sign, a JSON integer: exact decimals, never floats)."""
    p = {"id": "p", "type": "payment_made", "at": "2025-08-05T10:00:00+08:00", "installment": 1, "amount": amount}
    report = run(seed, BASE + [p], "2025-09-01")
    o = _one(report, "pay_installment_1")
    assert (o["status"], o["fulfilled_at"]) == ("violated", "2025-08-05T10:00:00+08:00")
    assert [r["amount"] for r in _remedies(report, "late_payment_damages")] == ["6980.00"]


def test_passing_a_payment_stamped_24_00_is_refused_with_a_clear_error_not_a_traceback(seed):
    """"2025-08-04T24:00:00+08:00" is ambiguous between the last instant of the due day and the first late one; the
    engine refuses it, saying what to write instead — an error the staff can act on, not a traceback."""
    p = {"id": "p", "type": "payment_made", "at": "2025-08-04T24:00:00+08:00", "installment": 1,
         "amount": "3490000.00"}
    with pytest.raises(Exception) as info:
        run(seed, BASE + [p], "2025-09-01")
    assert type(info.value).__name__ == "QiyueError"
    assert "24:00" in str(info.value) and "23:59:59" in str(info.value)


def test_a_termination_notice_before_the_contract_took_effect_is_said_once(seed):
    """Counsel's side note: one notice of termination before the contract took effect (it has no effect: 第502条)
    was said once per ground of termination it matched (3.1.3, 8.4, 8.3) — the same warning two or three times.
    Said once, of the notice."""
    facts = [{"id": "t", "type": "termination_notified", "at": "2025-06-20T10:00:00+08:00", "party": "甲方",
              "ground": "force_majeure"}, SIGN]
    report = run(seed, facts, "2025-07-01")
    assert codes(report).count("termination_before_effective") == 1
