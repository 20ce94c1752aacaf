"""Opposing counsel, round 43: the seed contract argued first for 乙方 (the supplier), then for 甲方 (the department),
where the earlier rounds are thin — (a) the payment chain across the 2025 National Day / Mid-Autumn holiday and its
make-up working days (a payment term whose last day is the make-up Sunday 2025-09-28, one whose last day falls in the
holiday, partial payments, the daily 0.1% and the "more than 15 days" of 8.3, a prepayment guarantee valid exactly to
the service year's last day), (b) acceptance and deemed acceptance (视为验收合格) and deemed delivery (视为送达) when the
other party is silent, counted over the same holiday with a contract signed in 2024 so that its service year ends on
2025-09-20, (c) termination by either party and what survives it (damages already accrued and still accruing, the
wind-up duties after a deemed acceptance, confidentiality, a leak after the end, a second termination, a termination
one second before the deemed instant and at it), (d) two interruptions overlapping over the holiday, and the same fact
sent twice with the same or with a different id; plus facts at the same instant in either order, facts before the
contract took effect, facts known by their day alone next to timed facts, and reports asked exactly at a deadline and
one second before / after; and the Chinese text report read as a lawyer reads it.

Every expected figure is counted by hand from the contract (shared/seeds/000_2fd1bbbed6f06600.txt), the interface
(shared/spec/seed-contract-interface.md), the rules of time (shared/spec/time-and-law.md) and the law (民法典 第201–204、
502、562–567、1259条), with the official calendar (chinese_calendar.is_workday; the first test checks every day relied on):
  2024 — Fri 09-20, Fri 12-20 working.
  2025 — Sun 07-27 off, Mon 07-28 working; Wed 08-27, Fri 08-29, Mon 09-01, Wed 09-10, Fri 09-26 working; Sat 09-20 off;
         Sat 09-27 off, Sun 09-28 a MAKE-UP working day; Mon 09-29, Tue 09-30 working; Wed 10-01 .. Wed 10-08 off
         (National Day, Mid-Autumn on Mon 10-06); Thu 10-09, Fri 10-10 working, Sat 10-11 a MAKE-UP working day, Sun 10-12
         off; Mon 10-13 .. Fri 10-17 working; Sat 10-18, Sun 10-19 off; Mon 10-20 .. Fri 10-24, Tue 10-28 working;
         Mon 10-27 .. Fri 10-31, Mon 11-03, Tue 11-04 working; Sat 11-15, Sun 11-16, Sun 11-23 off; Mon 11-17,
         Mon 11-24, Wed 12-03 working; Sun 06-29 off, Mon 06-30 working.

Conventions of the hand counts:
  SIGN   both sign Fri 2025-06-27 10:00 (11.1; no party named: signed together) — in force from that instant (第502条).
  SIGN24 both sign Fri 2024-09-20 10:00: the service year (1.4, a term, not moved) ends at 24:00 Sat 2025-09-20 →
         service_end at 2025-09-21T00:00 (an event of 09-20 for further counting).
  PAY    payment_term (an assumption of the rules) is 30 days from the instant the last precondition of an installment
         holds; the period to act stretches over rest days and holidays (第203条); 8.3: ¥6,980,000.00 × 0.1% =
         ¥6,980.00 for each day begun from the due instant to the payment (or as_of); "逾期超出15天": 15 days from the
         due (a term that runs, not moved) → 乙方's power to terminate with 5% = ¥349,000.00 at the start of the 16th.
  DAY    a fact recorded by its day alone "D" happened at some instant of D, strictly before 24:00 of D.

No defect found this round: every case below passes (no strict xfail).  The engine's answers were counted against
the hand counts one by one; where a reading of the rules decides the answer, the case names the assumption.
"""
from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from seedfacts import fact as f, lines, notice, on_both_backends, rows

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "gzmz-2025-it-ops.qy"


def T(day, hms="10:00:00"):
    return f"{day}T{hms}+08:00"


def Z(day):
    """00:00 of ``day`` — the end (24:00) of the day before."""
    return f"{day}T00:00:00+08:00"


SIGN = f("c", "contract_signed", T("2025-06-27"))
BOND = f("g", "guarantee_submitted", T("2025-07-10"), purpose="performance", amount="349000.00",
         valid_until="2026-12-31")
SIGN24 = f("c", "contract_signed", T("2024-09-20"))
BOND24 = f("g", "guarantee_submitted", T("2024-10-10"), purpose="performance", amount="349000.00",
           valid_until="2026-01-31")
APPLY = f("a", "acceptance_applied", T("2025-09-26"))  # Fri, after the service year of SIGN24 ended


def pay(id_, at, amount, installment=1):
    return f(id_, "payment_made", at, installment=installment, amount=amount)


def inv(id_, at, amount="3490000.00", installment=1, kind="vat_ordinary"):
    return f(id_, "invoice_received", at, installment=installment, amount=amount, kind=kind)


# installment 1: staff, plan, application before; the invoice is the last precondition.
PRE_1 = [SIGN, BOND, f("s", "staff_onsite", T("2025-07-01", "09:00:00"), count=2),
         f("pl", "service_plan_submitted", T("2025-07-02")),
         f("ap", "payment_application_received", T("2025-08-20"), installment=1, amount="3490000.00")]
# HOLIDAY: invoice Mon 2025-09-01 10:00 → 30 days 09-02 .. Wed 10-01 (National Day) → holiday to 10-08 → Thu 10-09
# → due 2025-10-10T00:00.
HOLIDAY = PRE_1 + [inv("in", T("2025-09-01"))]
# MAKEUP: invoice Fri 2025-08-29 10:00 → 30 days 08-30 .. Sun 09-28, a make-up WORKING day → not moved → due
# 2025-09-29T00:00 (a Monday–Friday count would move it to Mon 09-29 and due 09-30: wrong).
MAKEUP = PRE_1 + [inv("in", T("2025-08-29"))]


def run(rules, facts, as_of):
    return on_both_backends(rules, lines(facts), as_of)


def live(rep, name):
    """(trigger, status, due, fulfilled_at) of each triggered row of one obligation."""
    return [(o["trigger"], o["status"], o["due"], o["fulfilled_at"]) for o in rows(rep, "obligations", name)
            if o["status"] != "inactive"]


def rem(rep, name):
    return [(r["status"], r["since"], r["amount"]) for r in rows(rep, "remedies", name)]


def events(rep, name):
    return [e["at"] for e in rows(rep, "events", name)]


def codes(rep):
    return sorted(x["code"] for x in rep["findings"] if x["code"] not in ("open_point", "amount_words_mismatch"))


def cli(tmp_path, facts, as_of, fmt="text"):
    path = tmp_path / "facts.jsonl"
    path.write_text("\n".join(lines(facts)) + "\n", encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(RULES), "--facts", str(path),
                           "--as-of", as_of, "--format", fmt], capture_output=True, text=True, cwd=ROOT, timeout=120)


# ---------------------------------------------------------------------------------------------------- the calendar

def test_passing_the_calendar_days_of_the_hand_counts():
    import chinese_calendar as cc

    working = ["2024-09-20", "2024-12-20", "2025-07-28", "2025-08-27", "2025-08-29", "2025-09-01", "2025-09-10",
               "2025-09-26", "2025-09-28", "2025-09-29", "2025-09-30", "2025-10-09", "2025-10-10", "2025-10-11",
               "2025-10-13", "2025-10-14", "2025-10-15", "2025-10-16", "2025-10-17", "2025-10-20", "2025-10-21",
               "2025-10-22", "2025-10-23", "2025-10-24", "2025-10-27", "2025-10-28", "2025-10-29", "2025-10-30",
               "2025-10-31", "2025-11-03", "2025-11-04", "2025-11-17", "2025-11-24", "2025-12-03", "2025-06-30"]
    off = ["2025-06-29", "2025-07-27", "2025-09-20", "2025-09-27", "2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04",
           "2025-10-05", "2025-10-06", "2025-10-07", "2025-10-08", "2025-10-12", "2025-10-18", "2025-10-19",
           "2025-11-15", "2025-11-16", "2025-11-23"]
    assert all(cc.is_workday(date.fromisoformat(d)) for d in working)
    assert not any(cc.is_workday(date.fromisoformat(d)) for d in off)
    assert date(2025, 9, 28).weekday() == 6 and date(2025, 10, 11).weekday() == 5  # the make-up Sunday / Saturday


# ---------------------------------------------------------------------------------------------------- (a) payment

@pytest.mark.parametrize("paid, status, damages", [
    (T("2025-10-09", "23:59:59"), "fulfilled", []),
    (Z("2025-10-10"), "violated", [("held", Z("2025-10-10"), "6980.00")]),
])
def test_passing_a_payment_term_ending_in_national_day_stretches_to_the_ninth(seed, paid, status, damages):
    """For 甲方: HOLIDAY — installment 1 owed from Mon 09-01 10:00; 30 days 09-02 .. Wed 10-01 is the last day, a
    holiday; the holiday lasts to Wed 10-08 → Thu 10-09 is the last day (第203条) → due 2025-10-10T00:00.  Paid 10-09
    23:59:59: in time, nothing owed.  Paid 10-10 00:00:00: on 10-10, late — one day begun: ¥6,980.00."""
    rep = run(seed, HOLIDAY + [pay("p", paid, "3490000.00")], T("2025-10-20"))
    assert live(rep, "pay_installment_1") == [("in", status, Z("2025-10-10"), paid)]
    assert rem(rep, "late_payment_damages") == damages
    assert rem(rep, "supplier_termination") == []


@pytest.mark.parametrize("as_of, status, damages", [
    (T("2025-10-09", "23:59:59"), "active", []),
    (Z("2025-10-10"), "violated", [("held", Z("2025-10-10"), "6980.00")]),
])
def test_passing_a_report_asked_at_the_due_instant_and_one_second_before(seed, as_of, status, damages):
    """For 乙方: HOLIDAY, nothing paid.  Asked at 10-09 23:59:59 — the last second of the last day — the duty is still
    running; asked at 10-10 00:00:00 — the due instant, the first of the first late day — it is violated and the first
    day of 0.1% (¥6,980.00) has begun."""
    rep = run(seed, HOLIDAY, as_of)
    assert live(rep, "pay_installment_1") == [("in", status, Z("2025-10-10"), None)]
    assert rem(rep, "late_payment_damages") == damages


def test_passing_a_payment_term_ending_on_the_make_up_sunday_is_not_moved(seed):
    """For 乙方: MAKEUP — the last day of the 30 is Sun 2025-09-28, an official make-up working day: not moved (第203条
    moves only off rest days and holidays) → due 2025-09-29T00:00.  Paid in two parts — ¥3,000,000.00 on 09-20 (in
    time, but not the whole) and ¥490,000.00 on Thu 10-02 10:00 (in the holiday): the installment is paid when the sum
    reaches ¥3,490,000.00, on 10-02; 8.3's 0.1% is of the TOTAL price, not of the part outstanding: days begun 09-29,
    09-30, 10-01, 10-02 = 4 × ¥6,980.00 = ¥27,920.00.  No power to terminate (paid within the 15 days)."""
    rep = run(seed, MAKEUP + [pay("p", T("2025-09-20"), "3000000.00"), pay("q", T("2025-10-02"), "490000.00")],
              T("2025-10-20"))
    assert live(rep, "pay_installment_1") == [("in", "violated", Z("2025-09-29"), T("2025-10-02"))]
    assert rem(rep, "late_payment_damages") == [("held", Z("2025-09-29"), "27920.00")]
    assert rem(rep, "supplier_termination") == []


@pytest.mark.parametrize("as_of, power", [
    (T("2025-10-13", "23:59:59"), []),
    (Z("2025-10-14"), [("held", Z("2025-10-14"), "349000.00")]),
])
def test_passing_more_than_fifteen_days_late_across_the_holiday_not_moved(seed, as_of, power):
    """For 乙方: MAKEUP, only ¥3,000,000.00 paid (09-20).  "逾期超出15天": 15 days from the due instant 09-29 00:00 —
    09-29 .. 10-13, holidays counted (a term, not a period to act) — are exceeded at 2025-10-14T00:00: from that instant
    乙方 may terminate, with 5% of the total = ¥349,000.00 (termination_damages_basis "with the termination").  At 10-13
    23:59:59 the 15th day is still running: no power.  A part payment does not stop the 15 days."""
    rep = run(seed, MAKEUP + [pay("p", T("2025-09-20"), "3000000.00")], as_of)
    assert rem(rep, "supplier_termination") == power


def test_passing_partial_payment_does_not_reduce_the_daily_rate(seed):
    """For 乙方: MAKEUP, ¥3,000,000.00 paid on 09-20 and nothing more.  As of Tue 10-14 10:00: days begun 09-29 .. 10-14 =
    16 × ¥6,980.00 = ¥111,680.00 (8.3: "每延期一天，按合同总价款的0.1%" — of the total, whatever is outstanding)."""
    rep = run(seed, MAKEUP + [pay("p", T("2025-09-20"), "3000000.00")], T("2025-10-14"))
    assert live(rep, "pay_installment_1") == [("in", "violated", Z("2025-09-29"), None)]
    assert rem(rep, "late_payment_damages") == [("held", Z("2025-09-29"), "111680.00")]


@pytest.mark.parametrize("paid, status, damages", [
    ("2025-10-09", "fulfilled", []),
    ("2025-10-10", "violated", [("held", Z("2025-10-10"), "6980.00")]),
])
def test_passing_an_invoice_and_a_payment_known_by_their_day_alone(seed, paid, status, damages):
    """For 甲方: HOLIDAY, but the invoice known only as "2025-09-01" (DAY) and the payment only by its day.  The 30 days
    count from the day either way (第201条: the start day is not counted): 09-02 .. 10-01 → 10-09 → due 2025-10-10T00:00.
    A payment on "2025-10-09" was made on 10-09, before 24:00: in time.  On "2025-10-10": late, one day: ¥6,980.00."""
    facts = PRE_1 + [inv("in", "2025-09-01"), pay("p", paid, "3490000.00")]
    rep = run(seed, facts, T("2025-10-20"))
    [(trigger, st, due, _done)] = live(rep, "pay_installment_1")
    assert (trigger, st, due) == ("in", status, Z("2025-10-10"))
    assert rem(rep, "late_payment_damages") == damages


@pytest.mark.parametrize("pay_first", [True, False])
def test_passing_payment_at_the_instant_of_the_completing_invoice_in_either_order(seed, pay_first):
    """For 甲方: the invoice that completes installment 1's preconditions and the payment both at Mon 09-01 10:00:00.
    Facts at one instant happened together whatever their order: the payment is not "before the preconditions"
    (no payment_before_preconditions) and performs the duty at once."""
    invoice, payment = inv("in", T("2025-09-01")), pay("p", T("2025-09-01"), "3490000.00")
    facts = PRE_1 + ([payment, invoice] if pay_first else [invoice, payment])
    rep = run(seed, facts, T("2025-10-20"))
    assert live(rep, "pay_installment_1") == [("in", "fulfilled", Z("2025-10-10"), T("2025-09-01"))]
    assert codes(rep) == []


def test_passing_every_precondition_before_signing_runs_from_the_effective_instant(seed):
    """For 乙方: staff (2), plan, application and invoice all on 06-25/06-26, before both sign on 06-27 10:00.  No duty
    before the contract is in force (第502条), but the facts still count: installment 1 is owed from 06-27 10:00; 30 days
    06-28 .. Sun 07-27 (rest) → Mon 07-28 → due 2025-07-29T00:00.  Asked at that instant: violated, ¥6,980.00."""
    facts = [f("s", "staff_onsite", T("2025-06-25"), count=2), f("pl", "service_plan_submitted", T("2025-06-25")),
             f("ap", "payment_application_received", T("2025-06-26"), installment=1, amount="3490000.00"),
             inv("in", T("2025-06-26")), SIGN]
    rep = run(seed, facts, Z("2025-07-29"))
    assert live(rep, "pay_installment_1") == [("c", "violated", Z("2025-07-29"), None)]
    assert rows(rep, "obligations", "pay_installment_1")[0]["triggered_at"] == T("2025-06-27")
    assert rem(rep, "late_payment_damages") == [("held", Z("2025-07-29"), "6980.00")]


def test_passing_a_payment_before_the_contract_took_effect_is_flagged_but_counts(seed):
    """For 甲方: everything as above, and 甲方 pays ¥3,490,000.00 on 06-26 11:00 — before signing.  The money was paid
    and counts (the duty is performed the moment it arises, 06-27 10:00), but the payment came before the contract
    that is its first precondition (2.2(1) "本运维服务合同签订后"): payment_before_preconditions is reported."""
    facts = [f("s", "staff_onsite", T("2025-06-25"), count=2), f("pl", "service_plan_submitted", T("2025-06-25")),
             f("ap", "payment_application_received", T("2025-06-26"), installment=1, amount="3490000.00"),
             inv("in", T("2025-06-26")), pay("p", T("2025-06-26", "11:00:00"), "3490000.00"), SIGN]
    rep = run(seed, facts, Z("2025-07-29"))
    assert live(rep, "pay_installment_1") == [("c", "fulfilled", Z("2025-07-29"), T("2025-06-27"))]
    assert codes(rep) == ["payment_before_preconditions"]
    assert rem(rep, "late_payment_damages") == []


def test_passing_two_months_of_service_ending_on_the_make_up_sunday(seed):
    """For 乙方: staff arrive Mon 2025-07-28 10:00 with plan, application and invoice (installment 1 owed from then:
    07-29 .. Wed 08-27 → due 08-28T00:00; paid 08-10).  Installment 2: mid-term report approved 09-20, application and
    invoice for ¥1,396,000.00 on 09-22; "开展运维服务两个月后" (service_start = latest(first staff, effect) = 07-28 10:00):
    the corresponding day Sun 09-28 — a term, the make-up day is irrelevant — has fully passed at 2025-09-29T00:00, an
    event of 09-28.  30 days 09-29 .. Tue 10-28 → due 2025-10-29T00:00.  At 09-28 23:59:59 nothing is owed; as of 10-29
    10:00 one day late: ¥6,980.00."""
    facts = [SIGN, f("s", "staff_onsite", T("2025-07-28"), count=2), f("pl", "service_plan_submitted", T("2025-07-28")),
             f("ap", "payment_application_received", T("2025-07-28"), installment=1, amount="3490000.00"),
             inv("in", T("2025-07-28")), pay("p1", T("2025-08-10"), "3490000.00"),
             f("mr", "midterm_report_approved", T("2025-09-20")),
             f("ap2", "payment_application_received", T("2025-09-22"), installment=2, amount="1396000.00"),
             inv("in2", T("2025-09-22"), "1396000.00", installment=2)]
    before = run(seed, facts, T("2025-09-28", "23:59:59"))
    assert live(before, "pay_installment_2") == []
    rep = run(seed, facts, T("2025-10-29"))
    assert live(rep, "pay_installment_1") == [("in", "fulfilled", Z("2025-08-28"), T("2025-08-10"))]
    [row] = [o for o in rows(rep, "obligations", "pay_installment_2") if o["status"] != "inactive"]
    assert (row["status"], row["triggered_at"], row["due"]) == ("violated", Z("2025-09-29"), Z("2025-10-29"))
    assert rem(rep, "late_payment_damages") == [("held", Z("2025-10-29"), "6980.00")]


@pytest.mark.parametrize("valid_until, owed", [("2026-06-27", False), ("2026-06-28", True)])
def test_passing_a_prepayment_guarantee_valid_exactly_to_the_last_service_day_is_not_enough(seed, valid_until, owed):
    """For 甲方: 2.2(3) wants a guarantee "有效期大于本合同1.4条约定的服务周期": the service year's last day is Sat
    2026-06-27 (24:00).  A guarantee valid until 2026-06-27 is valid exactly as long — not longer ("大于" excludes
    the number, 第1259条): installment 3 is not owed, and 甲方's payment of 09-15 came before its preconditions.  Valid
    until 06-28: owed from 09-10 10:00 (two months of service passed 09-02T00:00); 30 days 09-11 .. Fri 10-10 → due
    2025-10-11T00:00; paid 09-15: fulfilled."""
    facts = HOLIDAY[:-1] + [inv("in", T("2025-08-29")), pay("p1", T("2025-09-01"), "3490000.00"),
                            f("gp", "guarantee_submitted", T("2025-09-10"), purpose="prepayment", amount="2094000.00",
                              valid_until=valid_until),
                            f("ap3", "payment_application_received", T("2025-09-10"), installment=3,
                              amount="2094000.00"),
                            inv("in3", T("2025-09-10"), "2094000.00", installment=3),
                            pay("p3", T("2025-09-15"), "2094000.00", installment=3)]
    rep = run(seed, facts, T("2025-10-20"))
    if owed:
        assert live(rep, "pay_installment_3") == [("in3", "fulfilled", Z("2025-10-11"), T("2025-09-15"))]
        assert codes(rep) == []
    else:
        assert live(rep, "pay_installment_3") == []
        assert codes(rep) == ["payment_before_preconditions"]


@pytest.mark.parametrize("at, valid_until, status", [
    (T("2025-09-28"), "2026-09-28", "fulfilled"),
    (Z("2025-09-29"), "2026-09-28", "violated"),
    (T("2025-09-28"), "2026-09-27", "violated"),
])
def test_passing_the_performance_bond_on_the_make_up_sunday(seed, at, valid_until, status):
    """For each side: 2.1(1) three months from 06-27 10:00 → corresponding day Sat 09-27 (rest) → Sun 09-28 a make-up
    working day → due 2025-09-29T00:00.  A bond handed over on the make-up Sunday is in time; at 09-29 00:00 it is late.
    Its validity must be "大于 … 服务周期届满后三个月": the year ends 2026-06-27, three months later 2026-09-27; valid
    until 09-27 is not more (violated, never performed), 09-28 is."""
    bond = f("g", "guarantee_submitted", at, purpose="performance", amount="349000.00", valid_until=valid_until)
    rep = run(seed, [SIGN, bond], T("2025-10-01"))
    [(trigger, st, due, _done)] = live(rep, "performance_bond")
    assert (trigger, st, due) == ("c", status, Z("2025-09-29"))


def test_passing_the_same_invoice_and_one_payment_sent_in_two_halves(seed):
    """For 甲方 (the same fact twice with a different id): the finance system sends the installment-1 invoice twice,
    "in" and "in-b", both ¥3,490,000.00 at 09-01 10:00 — one invoice equal to the installment exists, the condition
    holds once: ONE pay_installment_1 row, due 10-10T00:00.  Two payments of ¥1,745,000.00 on 09-10 (different ids,
    different facts) add up to the installment: fulfilled, nothing late."""
    facts = PRE_1 + [inv("in", T("2025-09-01")), inv("in-b", T("2025-09-01")),
                     pay("p1", T("2025-09-10"), "1745000.00"), pay("p2", T("2025-09-10"), "1745000.00")]
    rep = run(seed, facts, T("2025-10-20"))
    [(trigger, st, due, done)] = live(rep, "pay_installment_1")
    assert (st, due, done) == ("fulfilled", Z("2025-10-10"), T("2025-09-10"))
    assert trigger in ("in", "in-b")
    assert rem(rep, "late_payment_damages") == []


def test_passing_the_same_id_twice_same_content_is_one_fact_different_content_an_error(seed, tmp_path):
    """For 乙方: a payment sent twice with the same id and content is ONE payment (the installment is not paid twice,
    nor does it count twice); the same id with a different amount is an error (exit 1) that names the line of each and
    says in Chinese what differs."""
    p = pay("p", T("2025-09-10"), "3490000.00")
    rep = run(seed, HOLIDAY + [p, p], T("2025-10-20"))
    assert live(rep, "pay_installment_1") == [("in", "fulfilled", Z("2025-10-10"), T("2025-09-10"))]
    out = cli(tmp_path, HOLIDAY + [p, dict(p, amount="349000.00")], T("2025-10-20"), fmt="json")
    assert out.returncode == 1
    n = len(HOLIDAY)
    assert "编号 “p”" in out.stdout and f"第 {n + 1} 行" in out.stdout and "amount" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr


# ---------------------------------------------------------------------------------------------------- (b) acceptance

@pytest.mark.parametrize("as_of, status", [(T("2025-10-16", "23:59:59"), "active"), (Z("2025-10-17"), "violated")])
def test_passing_ten_working_days_of_review_across_national_day_and_both_make_up_days(seed, as_of, status):
    """For 乙方: SIGN24, the service year ended 2025-09-21T00:00; 乙方 applies Fri 09-26 10:00 and 甲方 is silent.  10
    working days (start day excluded): Sun 09-28 (make-up), Mon 09-29, Tue 09-30, [10-01 .. 10-08 off], Thu 10-09,
    Fri 10-10, Sat 10-11 (make-up), [Sun 10-12 off], Mon 10-13, Tue 10-14, Wed 10-15, Thu 10-16 → due 2025-10-17T00:00.
    At 10-16 23:59:59 nothing is deemed yet; at 10-17 00:00 the review is missed and 视为验收合格 at that instant."""
    rep = run(seed, [SIGN24, BOND24, APPLY], as_of)
    assert live(rep, "acceptance_review") == [("a", status, Z("2025-10-17"), None)]
    assert events(rep, "service_end") == [Z("2025-09-21")]
    assert events(rep, "deemed_acceptance") == ([Z("2025-10-17")] if status == "violated" else [])


def test_passing_what_follows_a_deemed_acceptance_at_24_00(seed):
    """For 甲方: after the deemed acceptance at 24:00 of Thu 10-16 (an event of 10-16, counted from 10-17): 2.1(2)
    release_bond 30 days 10-17 .. Sat 11-15 (rest; Sun 11-16 rest) → Mon 11-17 → due 2025-11-18T00:00; 5.3 handover one
    month → corresponding day Sun 11-16 (rest) → Mon 11-17 → due 2025-11-18T00:00.  2.2(4) organize_acceptance (30 days
    from 09-20: 09-21 .. Mon 10-20 → due 10-21T00:00) is excused: the project is accepted before its due."""
    rep = run(seed, [SIGN24, BOND24, APPLY], T("2025-10-20"))
    assert live(rep, "release_bond")[0][1:3] == ("active", Z("2025-11-18"))
    assert live(rep, "handover")[0][1:3] == ("active", Z("2025-11-18"))
    assert live(rep, "organize_acceptance") == [("service_end:c", "excused", Z("2025-10-21"), None)]


def test_passing_a_review_passed_on_the_make_up_saturday_then_silence(seed):
    """For 乙方: 甲方 passes the review on Sat 10-11 10:00 (a make-up working day) and then holds no expert acceptance.
    5.2.3: 10 working days from 10-11: 10-13 .. 10-17, [10-18, 10-19 off], 10-20 .. 10-24 → due 2025-10-25T00:00 →
    视为验收合格 at 24:00 of Fri 10-24.  release_bond 30 days 10-25 .. Sun 11-23 → Mon 11-24 → due 11-25T00:00; handover
    one month → Mon 11-24 (a working day) → due 11-25T00:00.  For 甲方's side, the 30 days of 2.2(4) had run out at
    10-21T00:00 with no acceptance held and nothing deemed yet: organize_acceptance is violated (a passed review is
    not the acceptance; reading acceptance_after_late_application "30 days stand")."""
    facts = [SIGN24, BOND24, APPLY, f("r", "acceptance_review_completed", T("2025-10-11"), passed=True)]
    rep = run(seed, facts, T("2025-11-20"))
    assert live(rep, "acceptance_review") == [("a", "fulfilled", Z("2025-10-17"), T("2025-10-11"))]
    assert live(rep, "acceptance_meeting") == [("r", "violated", Z("2025-10-25"), None)]
    assert events(rep, "deemed_acceptance") == [Z("2025-10-25")]
    assert live(rep, "release_bond")[0][1:3] == ("active", Z("2025-11-25"))
    assert live(rep, "handover")[0][1:3] == ("active", Z("2025-11-25"))
    assert live(rep, "organize_acceptance") == [("service_end:c", "violated", Z("2025-10-21"), None)]


@pytest.mark.parametrize("review_at, status", [("2025-10-16", "fulfilled"), (Z("2025-10-17"), "violated")])
def test_passing_a_review_known_by_its_day_alone_on_the_last_day(seed, review_at, status):
    """For each side: a passed review known only as "2025-10-16" — on the last working day, before its 24:00 — is in
    time: no deemed acceptance; the expert meeting is owed within 10 working days from 10-16: 10-17, 10-20 .. 10-24,
    10-27 .. 10-30 → due 2025-10-31T00:00.  The same review recorded at 10-17 00:00:00 is on 10-17, late: 视为验收合格
    at 10-17T00:00 stands, and the late review starts no meeting."""
    facts = [SIGN24, BOND24, APPLY, f("r", "acceptance_review_completed", review_at, passed=True)]
    rep = run(seed, facts, T("2025-10-20"))
    assert live(rep, "acceptance_review")[0][1:3] == (status, Z("2025-10-17"))
    if status == "fulfilled":
        assert events(rep, "deemed_acceptance") == []
        assert live(rep, "acceptance_meeting")[0][1:3] == ("active", Z("2025-10-31"))
    else:
        assert events(rep, "deemed_acceptance") == [Z("2025-10-17")]
        assert live(rep, "acceptance_meeting") == []


@pytest.mark.parametrize("applied, review", [
    (Z("2025-09-21"), True), ("2025-09-21", True), ("2025-09-20", False), (T("2025-09-20", "23:59:59"), False)])
def test_passing_an_application_at_the_end_of_the_service_year(seed, applied, review):
    """For 甲方 / 乙方: the service year of SIGN24 ends at 24:00 of Sat 09-20.  An application at 09-21 00:00:00 or on
    "2025-09-21" is after it and starts the review: 10 working days from Sun 09-21 — 09-22 .. 09-26, 09-28 (make-up),
    09-29, 09-30, 10-09, 10-10 → due 2025-10-11T00:00.  One at 23:59:59 of 09-20, or known only as "2025-09-20", is
    within the year: premature (5.2.1, assumption acceptance_application), no review period, nothing deemed."""
    rep = run(seed, [SIGN24, BOND24, f("a", "acceptance_applied", applied)], T("2025-10-20"))
    if review:
        assert live(rep, "acceptance_review")[0][1:3] == ("violated", Z("2025-10-11"))
        assert events(rep, "deemed_acceptance") == [Z("2025-10-11")]
    else:
        assert live(rep, "acceptance_review") == []
        assert codes(rep) == ["premature_acceptance_application"]


def test_passing_an_application_sent_again_during_the_review_starts_nothing_new(seed):
    """For 甲方: 乙方's application of 09-26 re-sent on Thu 10-09 with a new id while the review is still running: one
    acceptance procedure (5.2.1 "一次性验收"), one review due 10-17T00:00 — not a second one due 10 working days after
    10-09 — and one deemed acceptance."""
    facts = [SIGN24, BOND24, APPLY, f("a2", "acceptance_applied", T("2025-10-09"))]
    rep = run(seed, facts, T("2025-11-20"))
    assert live(rep, "acceptance_review") == [("a", "violated", Z("2025-10-17"), None)]
    assert events(rep, "deemed_acceptance") == [Z("2025-10-17")]


@pytest.mark.parametrize("review_first", [True, False])
def test_passing_a_review_at_the_instant_of_the_application_in_either_order(seed, review_first):
    """For 甲方: the passed review recorded at the very instant of the application (09-26 10:00) answers it, whatever
    the order of the lines: the review is performed at 09-26 10:00; the meeting is owed from then (10 working days →
    due 10-17T00:00)."""
    r = f("r", "acceptance_review_completed", T("2025-09-26"), passed=True)
    rep = run(seed, [SIGN24, BOND24] + ([r, APPLY] if review_first else [APPLY, r]), T("2025-10-10"))
    assert live(rep, "acceptance_review") == [("a", "fulfilled", Z("2025-10-17"), T("2025-09-26"))]
    assert live(rep, "acceptance_meeting") == [("r", "active", Z("2025-10-17"), None)]


# ---------------------------------------------------------------------------------------------------- deemed delivery

def test_passing_an_express_notice_deemed_delivered_inside_the_holiday_starts_five_days(seed):
    """For 乙方: sub-project 3 down Mon 09-29 10:00 (乙方); 甲方's notice by local express on Tue 09-30 → 10.3.3 "发出后第3日
    视为送达": Fri 10-03, in the holiday, not moved (a deemed date, not a period).  8.2 "接到甲方通知之日起5日内":
    10-04 .. 10-08 all holiday → Thu 10-09 → due 2025-10-10T00:00; unresolved → 1% of ¥175,700.00 = ¥1,757.00.  2.1(3)
    "超5日" from 09-29: 09-30 .. 10-04 (not moved) → 甲方 may deduct from 2025-10-05T00:00."""
    facts = [SIGN, BOND, f("s", "service_interruption_started", T("2025-09-29"), subproject=3, cause="supplier"),
             notice("n", T("2025-09-30"), "甲方", "乙方", "service_interruption", "express", ref="s")]
    rep = run(seed, facts, T("2025-10-20"))
    assert events(rep, "notice_delivered") == [Z("2025-10-03")]
    assert live(rep, "resolve_interruption") == [("s", "violated", Z("2025-10-10"), None)]
    assert [(r["status"], r["amount"]) for r in rows(rep, "remedies", "interruption_damages")] == [("held", "1757.00")]
    assert [r["since"] for r in rows(rep, "remedies", "bond_deduction")] == [Z("2025-10-05")]


@pytest.mark.parametrize("day, sent, status", [
    ("2025-09-30", "2025-09-30", "fulfilled"),
    ("2025-09-26", "2025-09-26", "violated"),
])
def test_passing_force_majeure_notice_by_express_in_time_only_because_of_the_holiday(seed, day, sent, status):
    """For 乙方, then 甲方: 8.4's 2 days to notify.  Force majeure Tue 09-30 10:00, express sent the same day 11:00 →
    deemed delivered Fri 10-03; the 2 days 10-01, 10-02 end in the holiday → Thu 10-09 → due 10-10T00:00: the express
    letter is IN TIME.  Force majeure Fri 09-26 10:00, express the same day → deemed delivered Mon 09-29; the 2 days
    Sat 09-27, Sun 09-28 — a make-up WORKING day, not moved → due 2025-09-29T00:00: the letter arrives on 09-29, late."""
    facts = [SIGN, BOND, f("fm", "force_majeure_occurred", T(day), party="乙方"),
             notice("nf", T(sent, "11:00:00"), "乙方", "甲方", "force_majeure", "express", ref="fm")]
    rep = run(seed, facts, T("2025-10-20"))
    due = Z("2025-10-10") if status == "fulfilled" else Z("2025-09-29")
    delivered = Z("2025-10-03") if status == "fulfilled" else Z("2025-09-29")
    assert live(rep, "force_majeure_notice") == [("fm", status, due, delivered)]


@pytest.mark.parametrize("signed, status", [("2025-10-09", "fulfilled"), ("2025-10-10", "violated")])
def test_passing_personal_delivery_signed_on_a_bare_day_after_the_holiday(seed, signed, status):
    """For 甲方: force majeure of 乙方 Tue 09-30 10:00; 乙方's notice handed over personally, the receipt signed on a day
    known alone (10.3.1 "接收人签收之日视为送达").  Due 10-10T00:00 (as above).  Signed "2025-10-09": delivered that day,
    in time.  Signed "2025-10-10": delivered on the 10th, late."""
    facts = [SIGN, BOND, f("fm", "force_majeure_occurred", T("2025-09-30"), party="乙方"),
             notice("nf", T("2025-09-30", "12:00:00"), "乙方", "甲方", "force_majeure", "personal", ref="fm",
                    signed_at=signed)]
    rep = run(seed, facts, T("2025-10-20"))
    assert live(rep, "force_majeure_notice") == [("fm", status, Z("2025-10-10"), Z(signed))]


# ---------------------------------------------------------------------------------------------------- (d) interruptions

def test_passing_two_overlapping_interruptions_over_the_holiday(seed):
    """For 乙方: sub-project 3 (¥175,700.00) down Fri 09-26 10:00, sub-project 14 (¥410,000.00) down Mon 09-29 10:00,
    both 乙方's; 甲方 faxes about each an hour later (10.3.2: delivered at sending).  8.2: from 09-26: 09-27 .. 10-01
    (holiday) → 10-09 → due 10-10T00:00; from 09-29: 09-30 .. 10-04 (holiday) → 10-09 → due 10-10T00:00.  Both fixed
    Thu 10-09 10:00: both in time, no 1%.  But 2.1(3) "超5日" runs unmoved: 09-27 .. 10-01 → from 10-02T00:00, and
    09-30 .. 10-04 → from 10-05T00:00: two powers to deduct, one for each outage."""
    facts = [SIGN, BOND,
             f("s3", "service_interruption_started", T("2025-09-26"), subproject=3, cause="supplier"),
             f("s14", "service_interruption_started", T("2025-09-29"), subproject=14, cause="supplier"),
             notice("n3", T("2025-09-26", "11:00:00"), "甲方", "乙方", "service_interruption", "fax", ref="s3"),
             notice("n14", T("2025-09-29", "11:00:00"), "甲方", "乙方", "service_interruption", "fax", ref="s14"),
             f("r3", "service_interruption_resolved", T("2025-10-09"), subproject=3),
             f("r14", "service_interruption_resolved", T("2025-10-09"), subproject=14)]
    rep = run(seed, facts, T("2025-10-20"))
    assert live(rep, "resolve_interruption") == [("s3", "fulfilled", Z("2025-10-10"), T("2025-10-09")),
                                                 ("s14", "fulfilled", Z("2025-10-10"), T("2025-10-09"))]
    assert rows(rep, "remedies", "interruption_damages") == []
    assert sorted(r["since"] for r in rows(rep, "remedies", "bond_deduction")) == [Z("2025-10-02"), Z("2025-10-05")]


def test_passing_two_overlapping_interruptions_unresolved_at_the_due_instant(seed):
    """For 甲方: as above but never fixed, asked exactly at 10-10 00:00:00: both violated at that instant; 1% of each
    sub-project's budget: ¥1,757.00 (3) and ¥4,100.00 (14)."""
    facts = [SIGN, BOND,
             f("s3", "service_interruption_started", T("2025-09-26"), subproject=3, cause="supplier"),
             f("s14", "service_interruption_started", T("2025-09-29"), subproject=14, cause="supplier"),
             notice("n3", T("2025-09-26", "11:00:00"), "甲方", "乙方", "service_interruption", "fax", ref="s3"),
             notice("n14", T("2025-09-29", "11:00:00"), "甲方", "乙方", "service_interruption", "fax", ref="s14")]
    rep = run(seed, facts, Z("2025-10-10"))
    assert [s for _t, s, _d, _f in live(rep, "resolve_interruption")] == ["violated", "violated"]
    assert sorted(r["amount"] for r in rows(rep, "remedies", "interruption_damages")) == ["1757.00", "4100.00"]


@pytest.mark.parametrize("second_id", ["s3", "s3-again"])
def test_passing_one_outage_sent_twice_same_or_new_id_counts_once(seed, second_id):
    """For 乙方: sub-project 3's outage of 09-26 10:00 sent twice by the monitoring job — with the same id (one fact)
    or with a new id at the same instant (the rules: "同一子项目同一时刻的中断…是同一次中断") — and one fax.  One duty to
    resolve (due 10-10T00:00), one 1% = ¥1,757.00, one deduction from 10-02T00:00."""
    s = f("s3", "service_interruption_started", T("2025-09-26"), subproject=3, cause="supplier")
    facts = [SIGN, BOND, s, dict(s, id=second_id),
             notice("n3", T("2025-09-26", "11:00:00"), "甲方", "乙方", "service_interruption", "fax", ref="s3")]
    rep = run(seed, facts, T("2025-10-20"))
    assert live(rep, "resolve_interruption") == [("s3", "violated", Z("2025-10-10"), None)]
    assert [r["amount"] for r in rows(rep, "remedies", "interruption_damages")] == ["1757.00"]
    assert [r["since"] for r in rows(rep, "remedies", "bond_deduction")] == [Z("2025-10-02")]


# ---------------------------------------------------------------------------------------------------- (c) termination

TERM_S = f("t", "termination_notified", T("2025-10-15"), party="乙方", ground="late_payment")


def test_passing_supplier_terminates_and_damages_run_on_after_the_end(seed):
    """For 乙方: MAKEUP, nothing paid; the power arose 10-14T00:00; 乙方 terminates Wed 10-15 10:00: the contract ends
    (8.3), the power is exercised with its 5% = ¥349,000.00.  甲方 pays the ¥3,490,000.00 only on Sat 10-25: the daily
    0.1% runs on after the end until paid (damages_after_termination "accrue until paid"): 09-29 .. 10-25 = 27 days ×
    ¥6,980.00 = ¥188,460.00.  The supplier-caused leak found Sat 11-01 10:00, after the end: 附件2 三.5's two hours
    survive (leak_notice_after_end): due 12:00, no notice → violated.  Confidentiality (附件2 六): the cooperation ended
    at 10-15 10:00 → 3 years to 2028-10-15 → due 2028-10-16T00:00."""
    facts = MAKEUP + [TERM_S, pay("p", T("2025-10-25"), "3490000.00"),
                      f("l", "data_leak_discovered", T("2025-11-01"), cause="supplier")]
    rep = run(seed, facts, T("2025-11-05"))
    assert rep["contract_life"]["ended"] == T("2025-10-15") and rep["contract_life"]["ended_by"] == "supplier_terminates"
    assert rem(rep, "supplier_termination") == [("exercised", Z("2025-10-14"), "349000.00")]
    assert rem(rep, "late_payment_damages") == [("held", Z("2025-09-29"), "188460.00")]
    assert live(rep, "breach_notice") == [("l", "violated", T("2025-11-01", "12:00:00"), None)]
    assert [o["due"] for o in rows(rep, "obligations", "confidentiality")] == [Z("2028-10-16")]
    assert codes(rep) == []  # the payment after the end is not "before the preconditions"


@pytest.mark.parametrize("pay_first", [True, False])
def test_passing_termination_and_full_payment_at_one_instant(seed, pay_first):
    """For 乙方: 乙方's termination and 甲方's full payment both at 10-15 10:00, in either order.  The power arose at
    10-14T00:00 and a payment after that does not take it back ("一旦逾期超出15天"): the contract ends at 10-15 10:00;
    the installment is paid at that instant: 09-29 .. 10-15 = 17 days × ¥6,980.00 = ¥118,660.00."""
    p = pay("p", T("2025-10-15"), "3490000.00")
    rep = run(seed, MAKEUP + ([p, TERM_S] if pay_first else [TERM_S, p]), T("2025-10-20"))
    assert rep["contract_life"]["ended"] == T("2025-10-15")
    assert rem(rep, "supplier_termination") == [("exercised", Z("2025-10-14"), "349000.00")]
    assert rem(rep, "late_payment_damages") == [("held", Z("2025-09-29"), "118660.00")]


def test_passing_a_termination_one_day_early_ends_nothing_and_a_second_one_is_spent(seed):
    """For 甲方: 乙方's notice of Mon 10-13 10:00 comes on the 15th late day — not yet "超出15天" — and ends nothing
    (termination_without_right; the power still arises 10-14T00:00).  For 乙方: a second termination after the first
    effective one (10-15, then 10-16) changes nothing: the contract ended once, at 10-15 10:00 (already_terminated)."""
    early = run(seed, MAKEUP + [dict(TERM_S, at=T("2025-10-13"))], T("2025-10-20"))
    assert early["contract_life"]["ended"] is None
    assert codes(early) == ["termination_without_right"]
    assert rem(early, "supplier_termination") == [("held", Z("2025-10-14"), "349000.00")]
    twice = run(seed, MAKEUP + [TERM_S, dict(TERM_S, id="t2", at=T("2025-10-16"))], T("2025-10-20"))
    assert twice["contract_life"]["ended"] == T("2025-10-15") and twice["contract_life"]["trigger"] == "t"
    assert codes(twice) == ["already_terminated"]


def test_passing_buyer_terminates_without_cause_while_late_one_five_percent(seed):
    """For 甲方: installment 2 late since 10-29T00:00 (the make-up-Sunday case above), 乙方's power since 11-13T00:00
    (10-29 .. 11-12).  甲方 terminates "other" on Thu 11-20 10:00 — no ground of 3.1.3/8.4, so 无故中途解除: 5% =
    ¥349,000.00 to 乙方; 乙方's own power lapses unexercised and its 5% with it (termination_damages_basis "with the
    termination"): ONE 5%, not two.  The daily 0.1% runs on: 10-29 .. 11-25 = 28 × ¥6,980.00 = ¥195,440.00."""
    facts = [SIGN, f("s", "staff_onsite", T("2025-07-28"), count=2), f("pl", "service_plan_submitted", T("2025-07-28")),
             f("ap", "payment_application_received", T("2025-07-28"), installment=1, amount="3490000.00"),
             inv("in", T("2025-07-28")), pay("p1", T("2025-08-10"), "3490000.00"),
             f("mr", "midterm_report_approved", T("2025-09-20")),
             f("ap2", "payment_application_received", T("2025-09-22"), installment=2, amount="1396000.00"),
             inv("in2", T("2025-09-22"), "1396000.00", installment=2),
             f("t", "termination_notified", T("2025-11-20"), party="甲方", ground="other")]
    rep = run(seed, facts, T("2025-11-25"))
    assert rep["contract_life"]["ended_by"] == "buyer_without_cause"
    assert rem(rep, "unjustified_termination_damages") == [("held", T("2025-11-20"), "349000.00")]
    assert rem(rep, "supplier_termination") == [("lapsed", Z("2025-11-13"), "0.00")]
    assert rem(rep, "late_payment_damages") == [("held", Z("2025-10-29"), "195440.00")]


@pytest.mark.parametrize("at, deemed", [(Z("2025-10-17"), True), (T("2025-10-16", "23:59:59"), False)])
def test_passing_buyer_terminates_at_the_deemed_instant_or_one_second_before(seed, at, deemed):
    """For 乙方 and then 甲方: SIGN24 + APPLY, 甲方 silent, then 甲方 terminates without cause.  At 10-17 00:00:00 — on
    10-17, after the review period ended at 24:00 of 10-16 — the review was already missed and 视为验收合格 happened:
    the wind-up duties it started survive (wind_up_after_termination): release_bond and handover due 11-18T00:00, and
    as of 12-01 both violated.  At 10-16 23:59:59 the contract ended inside the period: the review is discharged
    (第566条), nothing is deemed, no wind-up.  Either way 甲方 owes the 5% = ¥349,000.00 of 8.3."""
    t = f("tb", "termination_notified", at, party="甲方", ground="other")
    rep = run(seed, [SIGN24, BOND24, APPLY, t], T("2025-12-01"))
    assert rem(rep, "unjustified_termination_damages") == [("held", at, "349000.00")]
    if deemed:
        assert live(rep, "acceptance_review")[0][1] == "violated"
        assert events(rep, "deemed_acceptance") == [Z("2025-10-17")]
        assert live(rep, "release_bond")[0][1:3] == ("violated", Z("2025-11-18"))
        assert live(rep, "handover")[0][1:3] == ("violated", Z("2025-11-18"))
    else:
        assert live(rep, "acceptance_review")[0][1] == "discharged"
        assert events(rep, "deemed_acceptance") == []
        assert live(rep, "release_bond") == [] and live(rep, "handover") == []


@pytest.mark.parametrize("as_of, power", [
    (T("2026-10-13", "23:59:59"), ("held", Z("2025-10-14"), "349000.00")),
    (Z("2026-10-14"), ("lapsed", Z("2025-10-14"), "0.00")),
])
def test_passing_the_power_to_terminate_lapses_after_one_year(seed, as_of, power):
    """For 甲方: MAKEUP, never paid; 乙方's power arose at 24:00 of 10-13 (an event of 10-13) and is never used.
    民法典 第564条第2款: one year from 10-14 → 2026-10-13 ends at 24:00 → at 2026-10-13 23:59:59 still held (with its 5%),
    at 2026-10-14 00:00 lapsed — and the 5% that goes with it (termination_damages_basis) is gone."""
    rep = run(seed, MAKEUP, as_of)
    assert rem(rep, "supplier_termination") == [power]


# ---------------------------------------------------------------------------------------------------- the text report

def test_passing_the_text_report_says_the_deemed_acceptance_and_the_holiday_count(tmp_path):
    """For legal staff (乙方): the Chinese report of the silent review says, in Chinese, that the review is violated,
    lists the make-up days 9月28日 and 10月11日 as counted (调休上班日), the holiday as skipped, ends the period at
    "2025年10月16日24时", and reports 视为验收合格 at that time; release_bond's 30 days end on Mon 11-17 after the
    weekend."""
    out = cli(tmp_path, [SIGN24, BOND24, APPLY], T("2025-10-20"))
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "审核验收申请（acceptance_review，第5.2.3条" in text and "已违约" in text
    assert "第1日 2025年9月28日（星期日，调休上班日" in text
    assert "第6日 2025年10月11日（星期六，调休上班日" in text
    assert "第10日 2025年10月16日（星期四，工作日）" in text
    assert "2025年10月1日（星期三，法定节假日（国庆节））" in text
    assert "视为验收合格（deemed_acceptance）：2025年10月16日24时（2025-10-17T00:00:00+08:00）" in text
    assert "2025年11月17日（星期一，工作日） 为期间的最后一日" in text
    assert "Traceback" not in text and "Error" not in text


def test_passing_the_text_report_of_the_make_up_sunday_payment_term(tmp_path):
    """For legal staff (甲方): the Chinese report of MAKEUP paid late in parts says that the last day Sun 09-28 is a
    working day and is not moved, the due end 2025年9月28日24时, and the 0.1% total ¥27,920.00."""
    out = cli(tmp_path, MAKEUP + [pay("p", T("2025-09-20"), "3000000.00"), pay("q", T("2025-10-02"), "490000.00")],
              T("2025-10-20"))
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "支付第一期款（pay_installment_1）" in text
    assert "2025年9月28日（星期日" in text and "不顺延" in text
    assert "2025年9月28日24时" in text
    assert "¥27,920.00" in text
    assert "Traceback" not in text


# ---------------------------------------------------------------------------------------------------- more money

# LATE_2: staff Mon 07-28; installment 1 owed from 08-29 10:00 (application and invoice that day) → 30 days 08-30 ..
# Sun 09-28 (make-up, working) → due 09-29T00:00, never paid; installment 2 owed from 09-29T00:00 (two months of service
# passed at 24:00 of 09-28) → due 10-29T00:00, never paid.
LATE_2 = [SIGN, f("s", "staff_onsite", T("2025-07-28"), count=2), f("pl", "service_plan_submitted", T("2025-07-28")),
          f("ap", "payment_application_received", T("2025-08-29"), installment=1, amount="3490000.00"),
          inv("in", T("2025-08-29")), f("mr", "midterm_report_approved", T("2025-09-20")),
          f("ap2", "payment_application_received", T("2025-09-22"), installment=2, amount="1396000.00"),
          inv("in2", T("2025-09-22"), "1396000.00", installment=2)]

_RULES_BY_READING: dict = {}


def _reading(**assume):
    from engine.api import compile_file

    key = tuple(sorted(assume.items()))
    if key not in _RULES_BY_READING:
        _RULES_BY_READING[key] = compile_file(RULES, assume=assume)
    return _RULES_BY_READING[key]


def _amounts(rep, name):
    return sorted((r["trigger"], r["amount"]) for r in rows(rep, "remedies", name))


def test_passing_two_installments_late_at_once_under_each_reading_of_the_daily_rate(seed):
    """For 乙方, then 甲方: LATE_2 as of Sat 11-01 10:00.  Default reading (late_payment_damages_basis "per late
    installment"): installment 1 09-29 .. 11-01 = 34 days × ¥6,980.00 = ¥237,320.00; installment 2 10-29 .. 11-01 = 4 ×
    ¥6,980.00 = ¥27,920.00.  Reading "once a day": each day counted once — installment 2's four days are already
    counted for installment 1: ¥237,320.00 and ¥0.00.  And if installment 1 is paid Thu 10-30 10:00 (09-29 .. 10-30 =
    32 days = ¥223,360.00), installment 2 alone carries 10-31 and 11-01: ¥13,960.00."""
    rep = run(seed, LATE_2, T("2025-11-01"))
    assert _amounts(rep, "late_payment_damages") == [("pay_installment_1#1.violated", "237320.00"),
                                                     ("pay_installment_2#1.violated", "27920.00")]
    once = _reading(late_payment_damages_basis="once a day")
    rep = run(once, LATE_2, T("2025-11-01"))
    assert _amounts(rep, "late_payment_damages") == [("pay_installment_1#1.violated", "237320.00"),
                                                     ("pay_installment_2#1.violated", "0.00")]
    rep = run(once, LATE_2 + [pay("p", T("2025-10-30"), "3490000.00")], T("2025-11-01"))
    assert _amounts(rep, "late_payment_damages") == [("pay_installment_1#1.violated", "223360.00"),
                                                     ("pay_installment_2#1.violated", "13960.00")]


def test_passing_supplier_termination_discharges_the_installment_not_yet_due(seed):
    """For 甲方: LATE_2; 乙方 terminates Mon 10-20 10:00 (its power since 10-14T00:00).  Installment 2 was owed but
    not yet due (10-29T00:00): it is discharged (第566条; spec: duties not yet performed end), never violated, and no
    0.1% runs for it; installment 1's 0.1% runs on to as_of 11-01 (34 days = ¥237,320.00).  Under the reading
    damages_after_termination "until the contract ends" it stops at the end: 09-29 .. 10-20 = 22 days = ¥153,560.00."""
    facts = LATE_2 + [f("t", "termination_notified", T("2025-10-20"), party="乙方", ground="late_payment")]
    rep = run(seed, facts, T("2025-11-01"))
    assert [o["status"] for o in rows(rep, "obligations", "pay_installment_2")] == ["discharged"]
    assert _amounts(rep, "late_payment_damages") == [("pay_installment_1#1.violated", "237320.00")]
    rep = run(_reading(damages_after_termination="until the contract ends"), facts, T("2025-11-01"))
    assert _amounts(rep, "late_payment_damages") == [("pay_installment_1#1.violated", "153560.00")]


def test_passing_no_cap_on_the_daily_rate_but_the_585_caveat(seed):
    """For 甲方 (caps): MAKEUP, never paid, asked Mon 2027-03-01 10:00: 2025-09-29 .. 2027-03-01 = 519 days begun ×
    ¥6,980.00 = ¥3,622,620.00 — more than the installment itself (¥3,490,000.00).  The contract sets no cap; the
    report does not invent one, but says 甲方 may ask a court to reduce it (《民法典》第585条第2款).  乙方's power, never
    used within a year (第564条第2款), lapsed at 2026-10-14T00:00."""
    rep = run(seed, MAKEUP, T("2027-03-01"))
    [row] = rows(rep, "remedies", "late_payment_damages")
    assert (row["since"], row["amount"]) == (Z("2025-09-29"), "3622620.00")
    assert any("第585条第2款" in b for b in row["because"])
    assert any("共 519 日" in b for b in row["because"])
    assert rem(rep, "supplier_termination") == [("lapsed", Z("2025-10-14"), "0.00")]


# ---------------------------------------------------------------------------------------------------- more acceptance

def test_passing_a_failed_review_a_resubmission_and_a_second_silence(seed):
    """For 乙方: SIGN24 + APPLY; 甲方's review FAILS on Tue 09-30 10:00 (in time: the review is performed; 2.2(4)
    counts it as organizing the acceptance, failed_review_organizes; and it is a failed acceptance, failed_review_fails:
    甲方 may deduct from the bond from 09-30 10:00).  乙方 must resubmit within 30 days (rectification_term): 10-01 ..
    Thu 10-30 → due 10-31T00:00; it resubmits Mon 10-20 10:00.  The second review: 10-21 .. 10-24, 10-27 .. 10-31,
    Mon 11-03 → due 2025-11-04T00:00; 甲方 is silent → 视为验收合格 at 24:00 of 11-03.  release_bond 30 days 11-04 ..
    Wed 12-03 → due 12-04T00:00; handover one month → 12-03 → due 12-04T00:00."""
    facts = [SIGN24, BOND24, APPLY, f("r", "acceptance_review_completed", T("2025-09-30"), passed=False),
             f("a2", "acceptance_applied", T("2025-10-20"))]
    rep = run(seed, facts, T("2025-11-10"))
    assert live(rep, "acceptance_review") == [("a", "fulfilled", Z("2025-10-17"), T("2025-09-30")),
                                              ("a2", "violated", Z("2025-11-04"), None)]
    assert live(rep, "resubmit_acceptance") == [("r", "fulfilled", Z("2025-10-31"), T("2025-10-20"))]
    assert live(rep, "organize_acceptance") == [("service_end:c", "fulfilled", Z("2025-10-21"), T("2025-09-30"))]
    assert events(rep, "deemed_acceptance") == [Z("2025-11-04")]
    assert rem(rep, "bond_deduction") == [("held", T("2025-09-30"), None)]
    assert live(rep, "release_bond")[0][1:3] == ("active", Z("2025-12-04"))
    assert live(rep, "handover")[0][1:3] == ("active", Z("2025-12-04"))


def test_passing_a_failed_expert_acceptance_after_the_deemed_one_gives_甲方_nothing(seed):
    """For 乙方: 视为验收合格 at 10-17T00:00 (甲方 silent); 甲方 then holds an expert acceptance on Mon 10-20 that fails.
    5.2.1 "一次性验收": the project is already accepted — no deduction from the bond (2.1(3) "未通过验收"), no duty to
    resubmit; the wind-up runs from the deemed acceptance (due 11-18T00:00)."""
    facts = [SIGN24, BOND24, APPLY, f("h", "acceptance_held", T("2025-10-20"), passed=False)]
    rep = run(seed, facts, T("2025-11-10"))
    assert events(rep, "deemed_acceptance") == [Z("2025-10-17")]
    assert rem(rep, "bond_deduction") == []
    assert live(rep, "resubmit_acceptance") == []
    assert live(rep, "release_bond")[0][1:3] == ("active", Z("2025-11-18"))


# ---------------------------------------------------------------------------------------------------- the contract's life

def test_passing_signatures_apart_the_later_known_by_its_day(seed):
    """For 乙方: 甲方 signs Fri 06-27 10:00, 乙方 on "2025-06-30" (its day alone).  11.1: in force when both have signed —
    on Mon 06-30.  2.1(1) three months from 06-30 (start day not counted) → Tue 09-30, a working day → due
    2025-10-01T00:00 (not 09-29 as from 06-27): no bond by 10-02 → violated from 10-01T00:00."""
    facts = [f("c1", "contract_signed", T("2025-06-27"), party="甲方"),
             f("c2", "contract_signed", "2025-06-30", party="乙方")]
    rep = run(seed, facts, T("2025-10-02"))
    assert live(rep, "performance_bond") == [("c2", "violated", Z("2025-10-01"), None)]


def test_passing_a_report_asked_before_the_contract_took_effect(seed):
    """For 乙方: a supplier-caused leak at 06-27 09:00 and the signing at 10:00; asked at 09:59:59 the contract is not
    in force: no duty, no remedy, the report says so (contract_not_in_force)."""
    facts = [SIGN, f("l", "data_leak_discovered", T("2025-06-27", "09:00:00"), cause="supplier")]
    rep = run(seed, facts, T("2025-06-27", "09:59:59"))
    assert rep["contract_life"]["effective"] is None
    assert [o for o in rep["obligations"] if o["status"] != "inactive"] == []
    assert rep["remedies"] == []
    assert codes(rep) == ["contract_not_in_force"]


def test_passing_part_paid_within_the_fifteen_days_rest_after_still_gives_the_power(seed):
    """For 乙方: MAKEUP; ¥3,000,000.00 paid Sun 10-05 (inside the 15 days 09-29 .. 10-13), the last ¥490,000.00 only on
    Mon 10-20.  The installment was not paid in full within the 15 days: 乙方's power arises at 10-14T00:00 and is
    still held after the late payment of the rest ("一旦逾期超出15天"); a later payment does not take it back.  0.1%
    to the full payment: 09-29 .. 10-20 = 22 days × ¥6,980.00 = ¥153,560.00; as of 10-15 10:00: 17 days = ¥118,660.00."""
    facts = MAKEUP + [pay("p", T("2025-10-05"), "3000000.00"), pay("q", T("2025-10-20"), "490000.00")]
    mid = run(seed, facts, T("2025-10-15"))
    assert rem(mid, "supplier_termination") == [("held", Z("2025-10-14"), "349000.00")]
    assert rem(mid, "late_payment_damages") == [("held", Z("2025-09-29"), "118660.00")]
    after = run(seed, facts, T("2025-10-25"))
    assert live(after, "pay_installment_1") == [("in", "violated", Z("2025-09-29"), T("2025-10-20"))]
    assert rem(after, "supplier_termination") == [("held", Z("2025-10-14"), "349000.00")]
    assert rem(after, "late_payment_damages") == [("held", Z("2025-09-29"), "153560.00")]


@pytest.mark.parametrize("as_of, since", [(T("2025-10-01", "23:59:59"), []), (Z("2025-10-02"), [Z("2025-10-02")])])
def test_passing_more_than_five_days_of_outage_asked_at_its_instant_and_a_second_before(seed, as_of, since):
    """For 甲方: sub-project 3 down (乙方) Fri 09-26 10:00, never fixed.  2.1(3) "超5日": 09-27 .. 10-01 (a state, not
    moved; holidays count) — exceeded only once the fifth day has fully passed (第1259条 "超" excludes the number): at
    10-01 23:59:59 no power yet; at 10-02 00:00:00 甲方 may deduct."""
    facts = [SIGN, BOND, f("s3", "service_interruption_started", T("2025-09-26"), subproject=3, cause="supplier")]
    rep = run(seed, facts, as_of)
    assert [r["since"] for r in rows(rep, "remedies", "bond_deduction")] == since


@pytest.mark.parametrize("sent, status", [("2025-09-29", "fulfilled"), ("2025-09-30", "violated")])
def test_passing_an_address_change_notice_by_registered_mail_deemed_delivered_in_the_holiday(seed, sent, status):
    """For 甲方: 乙方's address changes Sun 10-12.  10.2 "须在变更前10日": delivered at the latest on 10-02 (10-12 minus
    10 days), counted backwards and not moved → due 2025-10-03T00:00.  Registered mail within the city (10.3.4 "邮寄后
    第3日"): posted Mon 09-29 → deemed delivered Thu 10-02 (a holiday, not moved): in time; posted Tue 09-30 → Fri
    10-03: late."""
    facts = [SIGN, f("ac", "address_changed", T("2025-10-12"), party="乙方"),
             notice("na", T(sent), "乙方", "甲方", "address_change", "registered_mail", ref="ac")]
    rep = run(seed, facts, T("2025-10-20"))
    delivered = Z("2025-10-02") if status == "fulfilled" else Z("2025-10-03")
    assert events(rep, "notice_delivered") == [delivered]
    assert live(rep, "address_change_notice") == [("ac", status, Z("2025-10-03"), delivered)]


def test_passing_the_text_report_of_the_supplier_termination_and_what_survives(tmp_path):
    """For legal staff (乙方): the Chinese report of the termination of 10-15 with payment only on 10-25 says when and
    why the contract ended, that the 5% may still be claimed after the termination, the 27 days × ¥6,980.00 =
    ¥188,460.00 counted to the payment after the end, and the confidentiality running to 24:00 of 2028-10-15."""
    out = cli(tmp_path, MAKEUP + [TERM_S, pay("p", T("2025-10-25"), "3490000.00")], T("2025-11-05"))
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "合同于 2025年10月15日10时（2025-10-15T10:00:00+08:00） 终止：乙方因逾期付款解除合同" in text
    assert "乙方 ¥349,000.00（已解除合同，违约金仍可主张）" in text
    assert "共 27 日 × 每日 ¥6,980.00 = ¥188,460.00" in text
    assert "2025年10月13日24时" in text and "不因休息日或法定节假日顺延" in text
    assert "2028年10月15日24时（2028-10-16T00:00:00+08:00）" in text
    assert "Traceback" not in text


@pytest.mark.parametrize("as_of, listed", [("2025-09-17", False), ("2025-09-18", True), ("2025-09-30", True)])
def test_passing_the_summary_window_of_ten_working_days_across_the_holiday(tmp_path, as_of, listed):
    """For legal staff (甲方's finance): HOLIDAY, installment 1 due at 24:00 of Thu 10-09.  The summary's "10个工作日内到期"
    counts official working days after the day asked: from Thu 09-18 — 09-19, 09-22 .. 09-26, Sun 09-28 (make-up),
    09-29, 09-30, [holiday], 10-09 = the 10th → listed; from Wed 09-17 the 10th working day is 09-30 → not yet listed
    (a Monday–Friday count, ignoring the holiday, would list it from 09-26 only and the make-up Sunday would be lost)."""
    out = cli(tmp_path, HOLIDAY, T(as_of))
    assert out.returncode == 0, out.stderr
    summary = out.stdout.split("一、概要", 1)[1].split("二、逐条", 1)[0]
    if listed:
        assert "10个工作日内到期 1 项：支付第一期款（pay_installment_1" in summary and "期限 2025年10月9日24时" in summary
    else:
        assert "10个工作日内到期 0 项" in summary


@pytest.mark.parametrize("amount, ok", [("3,490,000.00", True), ("¥3,490,000.00", True), ("3490000.001", False),
                                        ("3.490.000,00", False)])
def test_passing_money_as_a_finance_system_writes_it(seed, amount, ok):
    """For 乙方 (amounts): the payment written "3,490,000.00" or "¥3,490,000.00" is ¥3,490,000.00 exactly and pays
    installment 1; "3490000.001" (a tenth of a fen) and "3.490.000,00" (a European form) are refused — an error that
    names the attribute and says in Chinese why, not a guess."""
    from engine.diagnostics import QiyueError

    facts = HOLIDAY + [pay("p", T("2025-10-01"), amount)]
    if ok:
        rep = run(seed, facts, T("2025-10-20"))
        assert live(rep, "pay_installment_1") == [("in", "fulfilled", Z("2025-10-10"), T("2025-10-01"))]
    else:
        with pytest.raises(QiyueError) as err:
            seed.evaluate(lines(facts), T("2025-10-20"))
        text = str(err.value)
        assert "amount" in text and amount in text and "金额" in text
