"""Opposing counsel, round 3: hand-counted regression guards on the seed contract.

Contract: shared/seeds/000_2fd1bbbed6f06600.txt (GZSMZTXXZX2025004); counting rules:
shared/spec/time-and-law.md.  Every expected instant below was counted by hand first
(民法典 第201–203条, official calendar: 2025 National Day 10-01..10-08 with make-up days
Sun 09-28 and Sat 10-11; 2026 New Year 01-01..01-03 with Sun 01-04 worked; Spring Festival
02-15..02-23 with Sat 02-14 and Sat 02-28 worked; Labour Day 05-01..05-05 with Sat 05-09
worked; National Day 10-01..10-07 with Sun 09-20 and Sat 10-10 worked), then checked
against the engine.  Only cases where the engine agrees are here; the disagreements are in
the round-3 report, not in this file.
"""
from __future__ import annotations

import json

import pytest

SIGN = {"id": "sign", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"}  # 11.1: in force from here


def f(id_, type_, at, **attrs):
    return {"id": id_, "type": type_, "at": at, **attrs}


def notice(id_, at, frm, to, subject, method, ref=None, **attrs):
    n = {"id": id_, "type": "notice_sent", "at": at, "from": frm, "to": to, "subject": subject, "method": method}
    if ref:
        n["ref"] = ref
    n.update(attrs)
    return n


def fm(at, party="乙方"):
    return [SIGN, f("fm", "force_majeure_occurred", at, party=party)]


PRE_1 = [f("st", "staff_onsite", "2025-07-01T09:00:00+08:00", count=2),
         f("pl", "service_plan_submitted", "2025-07-01T10:00:00+08:00")]


def pay1_complete_at(at):
    return [SIGN, *PRE_1,
            f("ap1", "payment_application_received", at, installment=1, amount="3490000.00"),
            f("in1", "invoice_received", at, installment=1, amount="3490000.00", kind="vat_ordinary")]


def pay2(at):
    return [f("m", "midterm_report_approved", at),
            f("ap2", "payment_application_received", at, installment=2, amount="1396000.00"),
            f("in2", "invoice_received", at, installment=2, amount="1396000.00", kind="vat_ordinary")]


def interruption(start, notice_at, method="fax", subproject=3):
    return [SIGN, f("i", "service_interruption_started", start, subproject=subproject, cause="supplier"),
            notice("n", notice_at, "甲方", "乙方", "service_interruption", method, "i")]


# (id, facts, as_of, [(name, trigger or None, {field: value})], [(kind, name, {field: value})], [(kind, name)] absent)
CASES = [
    # ---------------------------------------------------------------- 8.4: 2 days, last day a make-up or a holiday
    ("fm-last-day-saturday-make-up-2026-02-14",
     # Thu 2026-02-12 10:00: 02-13 (1), Sat 02-14 (2) is a make-up working day → not moved → due 02-15T00:00.
     fm("2026-02-12T10:00:00+08:00"), "2026-03-01",
     [("force_majeure_notice", "fm", dict(status="violated", due="2026-02-15T00:00:00+08:00"))], [], []),
    ("fm-last-day-in-spring-festival",
     # Fri 2026-02-13 10:00: Sat 02-14 (1), Sun 02-15 (2) is in the holiday 02-15..02-23 → 第203条: the day
     # after the holiday, Tue 02-24 → due 02-25T00:00.
     fm("2026-02-13T10:00:00+08:00"), "2026-03-01",
     [("force_majeure_notice", "fm", dict(status="violated", due="2026-02-25T00:00:00+08:00"))], [], []),
    ("fm-written-in-utc-counts-the-china-day",
     # 2026-03-03T17:00Z is Wed 03-04 01:00 in contract time: 03-05 (1), Fri 03-06 (2) → due 03-07T00:00
     # (a UTC day count would give 03-06T00:00).
     fm("2026-03-03T17:00:00Z"), "2026-03-20",
     [("force_majeure_notice", "fm", dict(triggered_at="2026-03-04T01:00:00+08:00",
                                          due="2026-03-07T00:00:00+08:00"))], [], []),
    ("fm-last-day-labour-day-make-up-saturday",
     # Thu 2026-05-07: Fri 05-08 (1), Sat 05-09 (2, make-up working day) → due 05-10T00:00.
     fm("2026-05-07T10:00:00+08:00"), "2026-06-01",
     [("force_majeure_notice", "fm", dict(due="2026-05-10T00:00:00+08:00"))], [], []),
    ("fm-on-new-year-holiday-ends-on-make-up-sunday",
     # Fri 2026-01-02 (holiday): Sat 01-03 (1, holiday), Sun 01-04 (2, make-up working day) → due 01-05T00:00.
     fm("2026-01-02T10:00:00+08:00"), "2026-06-01",
     [("force_majeure_notice", "fm", dict(due="2026-01-05T00:00:00+08:00"))], [], []),
    ("fm-last-day-national-day-make-up-saturday-2025",
     # Thu 2025-10-09: Fri 10-10 (1), Sat 10-11 (2, make-up working day) → due 10-12T00:00.
     fm("2025-10-09T10:00:00+08:00"), "2026-06-01",
     [("force_majeure_notice", "fm", dict(due="2025-10-12T00:00:00+08:00"))], [], []),
    ("fm-at-the-signing-instant",
     # FM at the very instant the contract takes effect (same instant = together): the duty arises.
     # Fri 06-27: Sat 06-28 (1), Sun 06-29 (2, rest) → Mon 06-30 → due 07-01T00:00.
     [SIGN, f("fm", "force_majeure_occurred", "2025-06-27T10:00:00+08:00", party="乙方")], "2025-07-20",
     [("force_majeure_notice", "fm", dict(status="violated", due="2025-07-01T00:00:00+08:00"))], [], []),
    ("personal-notice-signed-after-as-of-is-not-seen",
     # FM Tue 03-03 14:00 → due 03-06T00:00; personal notice sent 03-04, signed for 03-05 10:00.  At
     # as_of 03-04 12:00 the receipt lies in the future → still active, no delivery yet.
     [*fm("2026-03-03T14:00:00+08:00"),
      notice("n", "2026-03-04T09:00:00+08:00", "乙方", "甲方", "force_majeure", "personal", "fm",
             signed_at="2026-03-05T10:00:00+08:00")], "2026-03-04T12:00:00+08:00",
     [("force_majeure_notice", "fm", dict(status="active", fulfilled_at=None))], [], [("events", "notice_delivered")]),

    # ---------------------------------------------------------------- 2.2 / 8.3: payment term ending on a make-up Saturday
    ("pay1-due-after-make-up-saturday-2025-10-11",
     # all of 2.2(1) holds Thu 2025-09-11 10:00; payment_term 30 days: 09-12 .. Sat 10-11 (30th, a make-up
     # working day: not moved) → due 10-12T00:00.  8.3 逾期超出15天: late days 10-12 .. 10-26 → right at
     # 10-27T00:00.  Damages to as_of 10-31T00:00: 10-12 .. 10-31 begun = 20 days × ¥6,980.00 = ¥139,600.00.
     pay1_complete_at("2025-09-11T10:00:00+08:00"), "2025-10-31",
     [("pay_installment_1", "in1", dict(status="violated", due="2025-10-12T00:00:00+08:00"))],
     [("remedies", "supplier_termination", dict(since="2025-10-27T00:00:00+08:00", amount="349000.00")),
      ("remedies", "late_payment_damages", dict(since="2025-10-12T00:00:00+08:00", amount="139600.00"))], []),
    ("pay2-two-months-from-07-31-end-09-30",
     # staff Thu 2025-07-31 → two months end 24:00 Tue 09-30 (term) → condition at 10-01T00:00 (a day of 09-30);
     # 30 days 10-01 .. Thu 10-30 (working) → due 10-31T00:00.
     [SIGN, f("st", "staff_onsite", "2025-07-31T10:00:00+08:00", count=2), *pay2("2025-09-15T10:00:00+08:00")],
     "2025-12-01",
     [("pay_installment_2", None, dict(triggered_at="2025-10-01T00:00:00+08:00", due="2025-10-31T00:00:00+08:00"))],
     [], []),
    ("pay2-two-months-from-12-31-end-on-feb-28",
     # signed and staffed Wed 2025-12-31 → two months: no 02-31 → last day Sat 2026-02-28 (第202条), a term,
     # ends 24:00 → 03-01T00:00; 30 days 03-01 .. Mon 03-30 → due 03-31T00:00.
     [f("s", "contract_signed", "2025-12-31T10:00:00+08:00"),
      f("st", "staff_onsite", "2025-12-31T12:00:00+08:00", count=2), *pay2("2026-01-15T10:00:00+08:00")],
     "2026-05-01",
     [("pay_installment_2", None, dict(triggered_at="2026-03-01T00:00:00+08:00", due="2026-03-31T00:00:00+08:00"))],
     [], []),
    ("duplicate-payment-written-two-ways-is-one-fact",
     # the same id twice, amount "1745000.00" and "1,745,000.00", at 10:00+08:00 and 02:00Z: one fact of
     # ¥1,745,000.00, so installment 1 (¥3,490,000.00) stays unpaid → violated at 08-05T00:00.
     [*pay1_complete_at("2025-07-04T10:00:00+08:00"),
      f("p", "payment_made", "2025-07-10T10:00:00+08:00", installment=1, amount="1745000.00"),
      f("p", "payment_made", "2025-07-10T02:00:00Z", installment=1, amount="1,745,000.00")], "2025-09-01",
     [("pay_installment_1", "in1", dict(status="violated", due="2025-08-05T00:00:00+08:00"))], [], []),

    # ---------------------------------------------------------------- 2.1(1): three months ending in Feb 2026
    ("bond-month-end-on-make-up-saturday-02-28",
     # signed Sun 2025-11-30: three months → no 02-30 → Sat 2026-02-28, a make-up working day → not moved →
     # due 03-01T00:00.
     [f("s", "contract_signed", "2025-11-30T10:00:00+08:00")], "2026-03-02",
     [("performance_bond", None, dict(status="violated", due="2026-03-01T00:00:00+08:00"))], [], []),
    ("bond-last-day-spring-festival",
     # signed Sat 2025-11-15: → Sun 2026-02-15, holiday to 02-23 → Tue 02-24 → due 02-25T00:00.
     [f("s", "contract_signed", "2025-11-15T10:00:00+08:00")], "2026-03-02",
     [("performance_bond", None, dict(due="2026-02-25T00:00:00+08:00"))], [], []),
    ("bond-from-08-31-to-11-30-sunday",
     # signed Sun 2025-08-31: → 11-30 (no 11-31; a Sunday) → Mon 12-01 → due 12-02T00:00.
     [f("s", "contract_signed", "2025-08-31T10:00:00+08:00")], "2025-12-05",
     [("performance_bond", None, dict(due="2025-12-02T00:00:00+08:00"))], [], []),
    ("service-year-from-a-leap-day",
     # signed 2024-02-29: one year → no 2025-02-29 → 02-28, ends 24:00 → service_end 2025-03-01T00:00 (term);
     # 2.2(4) 30 days from 02-28: 03-01 .. Sun 03-30 → Mon 03-31 → due 04-01T00:00.
     [f("s", "contract_signed", "2024-02-29T10:00:00+08:00")], "2025-03-02",
     [("organize_acceptance", None, dict(triggered_at="2025-03-01T00:00:00+08:00", due="2025-04-01T00:00:00+08:00"))],
     [("events", "service_end", dict(at="2025-03-01T00:00:00+08:00"))], []),

    # ---------------------------------------------------------------- 5.2.3: 10 working days across holidays
    ("review-applied-saturday-before-national-day-2026",
     # Sat 2026-09-19: Sun 09-20 (1, make-up), 21, 22, 23, 24 (5), [25–27 Mid-autumn], 28, 29, 30 (8),
     # [10-01..10-07], 10-08 (9), 10-09 (10) → due 10-10T00:00 → deemed acceptance then (a day of 10-09).
     # 5.3 one month from 10-09 → Mon 11-09 → due 11-10T00:00; 2.1(2) 30 days 10-10 .. Sun 11-08 → Mon 11-09
     # → due 11-10T00:00.
     [SIGN, f("a", "acceptance_applied", "2026-09-19T10:00:00+08:00")], "2026-10-20",
     [("acceptance_review", "a", dict(status="violated", due="2026-10-10T00:00:00+08:00")),
      ("handover", None, dict(status="active", due="2026-11-10T00:00:00+08:00")),
      ("release_bond", None, dict(status="active", due="2026-11-10T00:00:00+08:00"))],
     [("events", "deemed_acceptance", dict(at="2026-10-10T00:00:00+08:00"))], []),
    ("review-applied-on-make-up-sunday-09-20",
     # Sun 2026-09-20 (make-up day itself, not counted): 21..24 (4), 28..30 (7), 10-08, 10-09, Sat 10-10
     # (make-up, 10) → due 10-11T00:00; deemed then (a day of 10-10): handover → Tue 11-10 → due 11-11T00:00;
     # release 10-11 .. Mon 11-09 → due 11-10T00:00.
     [SIGN, f("a", "acceptance_applied", "2026-09-20T10:00:00+08:00")], "2026-10-20",
     [("acceptance_review", "a", dict(due="2026-10-11T00:00:00+08:00")),
      ("handover", None, dict(due="2026-11-11T00:00:00+08:00")),
      ("release_bond", None, dict(due="2026-11-10T00:00:00+08:00"))],
     [("events", "deemed_acceptance", dict(at="2026-10-11T00:00:00+08:00"))], []),
    ("review-applied-at-the-service-end-instant",
     # service_end 2026-06-28T00:00 (24:00 of 06-27); an application at that very instant is after the
     # service period (5.2.1) and starts the review: Sun 06-28 not counted; 06-29 .. 07-03 (5), 07-06 .. 07-10
     # (10) → due 07-11T00:00.
     [SIGN, f("a", "acceptance_applied", "2026-06-28T00:00:00+08:00")], "2026-07-20",
     [("acceptance_review", "a", dict(status="violated", triggered_at="2026-06-28T00:00:00+08:00",
                                      due="2026-07-11T00:00:00+08:00"))],
     [("events", "deemed_acceptance", dict(at="2026-07-11T00:00:00+08:00"))], []),
    ("review-ending-2026-12-31-needs-no-2027-calendar",
     # Thu 2026-12-17: 12-18 (1), 12-21..25 (6), 12-28..31 (10) → due 2027-01-01T00:00; only 2026 days are
     # counted, so no unknown-year finding before that instant.
     [SIGN, f("a", "acceptance_applied", "2026-12-17T10:00:00+08:00")], "2026-12-31T12:00:00+08:00",
     [("acceptance_review", "a", dict(status="active", due="2027-01-01T00:00:00+08:00"))], [], []),
    ("review-across-spring-festival-2026",
     # signed 2025-02-10 → service_end 2026-02-11T00:00; applied Fri 2026-02-13: Sat 02-14 (1, make-up),
     # [02-15..02-23], 24, 25, 26, 27 (5), Sat 02-28 (6, make-up), 03-02 .. 03-05 (10) → due 03-06T00:00.
     [f("s", "contract_signed", "2025-02-10T10:00:00+08:00"), f("a", "acceptance_applied", "2026-02-13T10:00:00+08:00")],
     "2026-03-10",
     [("acceptance_review", "a", dict(due="2026-03-06T00:00:00+08:00"))],
     [("events", "deemed_acceptance", dict(at="2026-03-06T00:00:00+08:00"))], []),
    ("deemed-at-24-00-of-month-end-counts-from-that-day",
     # applied Fri 2026-07-17: 07-20..24 (5), 07-27..31 (10) → deemed at 08-01T00:00 = 24:00 of Fri 07-31.
     # 5.3 one month from 07-31 → Mon 08-31 → due 09-01T00:00; 2.1(2) 30 days 08-01 .. Sun 08-30 → Mon 08-31
     # → due 09-01T00:00.
     [SIGN, f("a", "acceptance_applied", "2026-07-17T10:00:00+08:00")], "2026-08-10",
     [("handover", None, dict(triggered_at="2026-08-01T00:00:00+08:00", due="2026-09-01T00:00:00+08:00")),
      ("release_bond", None, dict(due="2026-09-01T00:00:00+08:00"))], [], []),

    # ---------------------------------------------------------------- 8.2 / 2.1(3): interruption
    ("interruption-notice-by-local-express",
     # express sent Wed 2026-03-04 → deemed Sat 03-07 (10.3.3, not moved); 8.2 5 days 03-08 .. Thu 03-12 →
     # due 03-13T00:00; resolved 03-12 23:59:59 → fulfilled.  2.1(3) 超5日 from the interruption Wed 03-04
     # 08:00: 03-05 .. 03-09 → bond deduction from 03-10T00:00 (a term, not moved).
     [*interruption("2026-03-04T08:00:00+08:00", "2026-03-04T15:00:00+08:00", "express"),
      f("r", "service_interruption_resolved", "2026-03-12T23:59:59+08:00", subproject=3)], "2026-03-20",
     [("resolve_interruption", "i", dict(status="fulfilled", triggered_at="2026-03-07T00:00:00+08:00",
                                         due="2026-03-13T00:00:00+08:00"))],
     [("remedies", "bond_deduction", dict(since="2026-03-10T00:00:00+08:00"))], [("remedies", "interruption_damages")]),
    ("interruption-resolved-at-the-due-instant-is-late",
     # same, resolved 03-13 00:00:00 → on 03-13, late → interruption damages 1% × ¥175,700.00 = ¥1,757.00.
     [*interruption("2026-03-04T08:00:00+08:00", "2026-03-04T15:00:00+08:00", "express"),
      f("r", "service_interruption_resolved", "2026-03-13T00:00:00+08:00", subproject=3)], "2026-03-20",
     [("resolve_interruption", "i", dict(status="violated", fulfilled_at="2026-03-13T00:00:00+08:00"))],
     [("remedies", "interruption_damages", dict(since="2026-03-13T00:00:00+08:00", amount="1757.00"))], []),
    ("interruption-over-spring-festival",
     # fax Thu 2026-02-12 09:00: 5 days 02-13 .. Tue 02-17 (holiday) → Tue 02-24 → due 02-25T00:00; the
     # 超5日 term from 08:00 the same day is not moved: 02-13 .. 02-17 → bond deduction from 02-18T00:00.
     interruption("2026-02-12T08:00:00+08:00", "2026-02-12T09:00:00+08:00"), "2026-03-01",
     [("resolve_interruption", "i", dict(status="violated", due="2026-02-25T00:00:00+08:00"))],
     [("remedies", "bond_deduction", dict(since="2026-02-18T00:00:00+08:00")),
      ("remedies", "interruption_damages", dict(since="2026-02-25T00:00:00+08:00", amount="1757.00"))], []),
    ("interruption-resolved-last-second-of-fifth-day-no-deduction",
     # interruption Tue 03-10 09:00; 超5日: 03-11 .. 03-15 → resolved 03-15 23:59:59 is not 超5日.
     [SIGN, f("i", "service_interruption_started", "2026-03-10T09:00:00+08:00", subproject=4, cause="supplier"),
      f("r", "service_interruption_resolved", "2026-03-15T23:59:59+08:00", subproject=4)], "2026-03-20",
     [], [], [("remedies", "bond_deduction")]),
    ("interruption-resolved-at-midnight-after-fifth-day-deduction",
     [SIGN, f("i", "service_interruption_started", "2026-03-10T09:00:00+08:00", subproject=4, cause="supplier"),
      f("r", "service_interruption_resolved", "2026-03-16T00:00:00+08:00", subproject=4)], "2026-03-20",
     [], [("remedies", "bond_deduction", dict(since="2026-03-16T00:00:00+08:00"))], []),

    # ---------------------------------------------------------------- 3.1.3: harm before the contract
    ("public-interest-harm-before-signing-gives-no-right",
     # 3.1.3 "在乙方履行合同过程中出现": harm found 06-20, before the contract took effect (06-27) → 甲方's
     # termination 07-10 has no 3.1.3 ground → 无故中途解除 (8.3) → 5% × ¥6,980,000.00 = ¥349,000.00.
     [f("ph", "public_interest_harm_found", "2025-06-20T10:00:00+08:00"), SIGN,
      f("t", "termination_notified", "2025-07-10T10:00:00+08:00", party="甲方", ground="public_interest")],
     "2025-07-20",
     [("performance_bond", None, dict(status="discharged"))],
     [("remedies", "unjustified_termination_damages", dict(amount="349000.00", since="2025-07-10T10:00:00+08:00"))],
     [("remedies", "buyer_termination")]),
]


def _rows(report, kind, name):
    rows = [r for r in report[kind] if r["name"] == name]
    if kind == "obligations":
        rows = [r for r in rows if r["status"] != "inactive"]
    return rows


@pytest.fixture(scope="module")
def reports(seed):
    return {cid: seed.evaluate([json.dumps(x, ensure_ascii=False) for x in facts], as_of)
            for cid, facts, as_of, *_ in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_round3(reports, case):
    cid, _facts, _as_of, obligations, others, absent = case
    report = reports[cid]
    for name, trigger, exp in obligations:
        rows = _rows(report, "obligations", name)
        if trigger is not None:
            rows = [r for r in rows if r["trigger"] == trigger]
        assert len(rows) == 1, (name, trigger, rows)
        got = {k: rows[0][k] for k in exp}
        assert got == exp, (name, got)
    for kind, name, exp in others:
        rows = _rows(report, kind, name)
        assert any(all(r.get(k) == v for k, v in exp.items()) for r in rows), (kind, name, rows)
    for kind, name in absent:
        assert _rows(report, kind, name) == [], (kind, name)
    assert not [x for x in report["findings"] if x["code"] == "calendar_year_unknown"]


def _fm_notice(seed, method, signed_at):
    # force majeure Tue 2026-03-03 10:00 (乙方): 2 days, 03-04 (1), 03-05 (2) → due 03-06T00:00; the notice sent
    # Wed 03-04 09:00, in time if delivered then
    facts = [SIGN, f("fm", "force_majeure_occurred", "2026-03-03T10:00:00+08:00", party="乙方"),
             notice("n", "2026-03-04T09:00:00+08:00", "乙方", "甲方", "force_majeure", method, "fm",
                    signed_at=signed_at)]
    r = seed.evaluate([json.dumps(x, ensure_ascii=False) for x in facts], "2026-03-20")
    duty, = [o for o in r["obligations"] if o["name"] == "force_majeure_notice"]
    delivered = [e["at"] for e in r["events"] if e["name"] == "notice_delivered"]
    codes = {x["code"] for x in r["findings"]}
    return duty, delivered, codes


@pytest.mark.parametrize("method,signed_at,status,fulfilled_at,delivered,findings", [
    # round 4: a receipt signed on 03-03 12:00, the day before the notice was sent, cannot be its arrival (民法典第137条:
    # a notice takes effect on arrival, never before it is sent); it was taken as the delivery, and the report said
    # the notice was performed on 03-03 and "late" against 03-05 24:00.  Now the receipt counts for nothing, said so:
    # personal delivery without a receipt → 10.3.1 fixes no delivery → undetermined (notice_delivery_undetermined);
    # express within the city → 10.3.3 day 3 after sending: 03-05 (1), 03-06 (2), Sat 03-07 (3) → 03-07T00:00, late
    ("personal", "2026-03-03T12:00:00+08:00", "undetermined", None, [], {"notice_signed_before_sent",
                                                                           "notice_delivery_undetermined"}),
    ("express", "2026-03-03T12:00:00+08:00", "violated", "2026-03-07T00:00:00+08:00", ["2026-03-07T00:00:00+08:00"],
     {"notice_signed_before_sent"}),
    # signed for that day, hour unknown (a bare date, the day it was sent): a receipt, not one before sending —
    # personal, delivered that day (in time); express, the receipt earlier than the third day counts.  Delivered
    # that day no earlier than the sending at 09:00 (`latest(n, n.signed_at)`): the event's instant is 09:00, its
    # words "2026年3月4日（不早于9时）" (round 12)
    ("personal", "2026-03-04", "fulfilled", "2026-03-04T09:00:00+08:00", ["2026-03-04T09:00:00+08:00"], set()),
    ("express", "2026-03-04", "fulfilled", "2026-03-04T09:00:00+08:00", ["2026-03-04T09:00:00+08:00"], set()),
    # signed the day before it was sent, by its day alone: before it was sent whatever the hour
    ("personal", "2026-03-03", "undetermined", None, [], {"notice_signed_before_sent", "notice_delivery_undetermined"}),
    # signed at the very instant it was sent: a receipt, delivered then (in time)
    ("personal", "2026-03-04T09:00:00+08:00", "fulfilled", "2026-03-04T09:00:00+08:00", ["2026-03-04T09:00:00+08:00"],
     set()),
    ("express", "2026-03-04T09:00:00+08:00", "fulfilled", "2026-03-04T09:00:00+08:00", ["2026-03-04T09:00:00+08:00"],
     set()),
])
def test_a_receipt_signed_before_the_notice_was_sent_is_not_its_delivery(seed, method, signed_at, status,
                                                                         fulfilled_at, delivered, findings):
    duty, got, codes = _fm_notice(seed, method, signed_at)
    assert (duty["status"], duty["due"], duty["fulfilled_at"]) == (status, "2026-03-06T00:00:00+08:00", fulfilled_at)
    assert got == delivered
    assert codes & {"notice_signed_before_sent", "notice_delivery_undetermined"} == findings
