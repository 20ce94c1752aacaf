"""Opposing counsel, round 42: the seed contract argued first for 乙方, then for 甲方, where the earlier rounds are thin —
a late first arrival of staff (31 July) that puts "two months of service" on the end of a 30-day month, a signing on
the 31st whose three months and whose service year end on the 30th, facts before the contract took effect (a leak, a
prepayment guarantee, an interruption, a termination), facts at the same instant in either order, two sub-projects
interrupted at one instant over National Day 2025, a report asked exactly at a due instant, facts known by their day
alone next to timed facts on the same day (termination, payment, force majeure, the notices of 附件2), and the Chinese
text report read as a lawyer reads it.

Every expected figure is counted by hand from the contract (shared/seeds/000_2fd1bbbed6f06600.txt), the interface
(shared/spec/seed-contract-interface.md), the rules of time (shared/spec/time-and-law.md) and the law (民法典 第201–204、
502、562–567、1259条), with the official calendar (chinese_calendar.is_workday, checked by the first test):
  2025 — Mon 06-30, Tue 07-01, Mon 07-07 working; Sat 07-05, Sun 07-06 off; Sun 08-31 off, Mon 09-01, Tue 09-02
         working; Wed 09-03 .. Mon 09-08 (Sat 09-06, Sun 09-07 off); Fri 09-26 working, Sat 09-27 off, Sun 09-28 a
         MAKE-UP working day, Mon 09-29, Tue 09-30 working, Wed 10-01 .. Wed 10-08 off (National Day + Mid-Autumn),
         Thu 10-09, Fri 10-10 working, Sat 10-11 a MAKE-UP working day; Thu 10-30, Fri 10-31, Fri 11-14 working,
         Sun 11-16 off; Sun 11-30 off, Mon 12-01 working.
  2026 — Tue 03-03, Wed 03-04, Tue 03-10 working; Mon 08-31 working; Mon 06-01 working.

Conventions of the hand counts:
  SIGN   both sign Fri 2025-06-27 10:00 (11.1, no party named: signed together): in force from that instant (第502条).
         Service year (1.4, a term, not moved) ends 24:00 Sat 2026-06-27.
  LATE   (staff on Thu 2025-07-31 09:00) installment 1 owed from Fri 08-01 10:00 (the invoice, the last condition);
         payment_term 30 days: 08-02 .. Sun 08-31 (rest) → Mon 09-01 → due 2025-09-02T00:00.
         "两个月" of service from 07-31 09:00: the corresponding day 09-31 does not exist → last day 09-30 (第202条) →
         passed at 2025-10-01T00:00 (24:00 of 09-30, an event of 09-30 for further counting).  Installment 2 then owed
         from 24:00 of 09-30: 30 days 10-01 .. Thu 10-30 (working) → due 2025-10-31T00:00.  8.3's "逾期超出15天":
         10-31 .. 11-14 (a term, not moved) → the power with 5% = ¥349,000.00 from 2025-11-15T00:00.
  DAY    a fact recorded by its day alone "D" happened at some instant of D, strictly before 24:00 of D.
  REF    a notice that names a fact (ref) is about that fact: it cannot have been given before the fact happened.

Defect found (strict xfail; no engine or rule patch this round) — one cause, three strict xfails:
  X1. 8.4 / 附件2 三.4: a force majeure (or an incident, or a leak) at a known hour late on day D, and the affected
      party's notice about it (ref) known by its day alone D.  The notice is after the event (REF) and on D, so inside
      the period (2 days → 24:00 of D+2; 2 hours from 22:00/22:30 → 24:00 / 00:30 of D+1): `fulfilled`.  The engine
      says `undetermined` — "在触发之前的不计入…无法判断是哪一种" — treating the notice as possibly before the event it
      reports.  The same notice for breach_notice (附件2 三.5) is `fulfilled`, and resolve_interruption takes a
      resolution of the day alone the same way: the rules' own where-clauses admit the same-day notice
      (`day_alone(n.source_at)`).
  Where (diagnosis, not patched): engine/run/evaluator.py, the `undetermined_bare_before_trigger` branch of fulfilment
  for duties without `counting earlier`: a fulfilling fact whose match requires it to be about the trigger (n.ref ==
  f.id) is not before the trigger; only the in-time question (its latest instant vs due) remains.

Runs go through seedfacts.on_both_backends (the durable backend's report must be the very same JSON where
durable_rules is installed); the CLI through `python -m engine.cli` as a user runs it.
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


def pay(id_, at, amount, installment):
    return f(id_, "payment_made", at, installment=installment, amount=amount)


# LATE: staff arrive Thu 2025-07-31 09:00; installment 1 owed from Fri 08-01 10:00, due 2025-09-02T00:00.
LATE = [SIGN, f("s", "staff_onsite", T("2025-07-31", "09:00:00"), count=2),
        f("pl", "service_plan_submitted", T("2025-07-31")),
        f("ap", "payment_application_received", T("2025-08-01", "09:00:00"), installment=1, amount="3490000.00"),
        f("in", "invoice_received", T("2025-08-01"), installment=1, amount="3490000.00", kind="vat_ordinary")]
# installment 1 paid in time; installment 2's other conditions hold by 09-25; it falls owed at 24:00 of 09-30.
LATE_2 = LATE + [pay("p1", T("2025-08-20"), "3490000.00", 1), f("mr", "midterm_report_approved", T("2025-09-20")),
                 f("ap2", "payment_application_received", T("2025-09-25"), installment=2, amount="1396000.00"),
                 f("in2", "invoice_received", T("2025-09-25"), installment=2, amount="1396000.00",
                   kind="vat_ordinary")]


def run(rules, facts, as_of):
    return on_both_backends(rules, lines(facts), as_of)


def live(rep, name):
    """(trigger, status, due, fulfilled_at) of each triggered row of one obligation."""
    return [(o["trigger"], o["status"], o["due"], o["fulfilled_at"]) for o in rows(rep, "obligations", name)
            if o["status"] != "inactive"]


def st(rep, name):
    return [o["status"] for o in rows(rep, "obligations", name) if o["status"] != "inactive"]


def rem(rep, name):
    return [(r["trigger"], r["status"], r["since"], r["amount"]) for r in rows(rep, "remedies", name)]


def codes(rep):
    return sorted(x["code"] for x in rep["findings"] if x["code"] not in ("open_point", "amount_words_mismatch"))


def cli_text(tmp_path, facts, as_of):
    path = tmp_path / "facts.jsonl"
    path.write_text("\n".join(lines(facts)) + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(RULES), "--facts", str(path),
                          "--as-of", as_of, "--format", "text"], capture_output=True, text=True, cwd=ROOT,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


# ---------------------------------------------------------------------------------------------------- the calendar

def test_passing_the_calendar_days_of_the_hand_counts():
    import chinese_calendar as cc

    working = ["2025-06-30", "2025-07-01", "2025-07-07", "2025-09-01", "2025-09-02", "2025-09-03", "2025-09-04",
               "2025-09-05", "2025-09-08", "2025-09-26", "2025-09-28", "2025-09-29", "2025-09-30", "2025-10-09",
               "2025-10-10", "2025-10-11", "2025-10-30", "2025-10-31", "2025-11-14", "2025-12-01", "2026-03-03",
               "2026-03-04", "2026-03-10", "2026-06-01", "2026-08-31"]
    off = ["2025-07-05", "2025-07-06", "2025-08-31", "2025-09-06", "2025-09-07", "2025-09-27", "2025-10-01",
           "2025-10-02", "2025-10-03", "2025-10-06", "2025-10-08", "2025-11-16", "2025-11-30"]
    assert all(cc.is_workday(date.fromisoformat(d)) for d in working)
    assert not any(cc.is_workday(date.fromisoformat(d)) for d in off)
    assert date(2025, 9, 28).weekday() == 6 and date(2025, 10, 11).weekday() == 5  # the make-up Sunday / Saturday


# ---------------------------------------------------------------------------------------------------- before the contract

def test_passing_a_leak_before_the_contract_took_effect_owes_nothing(seed):
    """For 乙方: a supplier-caused leak found Thu 2025-06-26 10:00, the day before both sign (06-27 10:00).  No duty of
    the contract arises before it is in force (第502条; 11.1): no breach_notice / security_incident_notice, and 甲方
    holds no 2.1(3) deduction for it.  As of 07-01 nothing is owed or broken."""
    rep = run(seed, [f("l", "data_leak_discovered", T("2025-06-26"), cause="supplier"), SIGN], T("2025-07-01"))
    assert live(rep, "breach_notice") == [] and live(rep, "security_incident_notice") == []
    assert rem(rep, "bond_deduction") == []
    assert codes(rep) == []


@pytest.mark.parametrize("leak_first", [True, False])
def test_passing_a_leak_at_the_signing_instant_in_either_order(seed, leak_first):
    """For 甲方: a supplier-caused leak at 06-27 10:00:00, the very instant both sign.  Facts at one instant happened
    together, whatever their order in the stream: the contract is in force at 10:00 (c.at <= t.at), so the 2 hours of
    附件2 三.5 / 三.4 run from 10:00 to 12:00 (第201条第2款: hours from the instant; 第1259条: 12:00 included); no notice
    by 07-01 → violated.  2.1(3) "数据泄露": 甲方 may deduct from 10:00 (no bond yet → deduction_without_bond)."""
    leak = f("l", "data_leak_discovered", T("2025-06-27"), cause="supplier")
    rep = run(seed, [leak, SIGN] if leak_first else [SIGN, leak], T("2025-07-01"))
    assert live(rep, "breach_notice") == [("l", "violated", T("2025-06-27", "12:00:00"), None)]
    assert live(rep, "security_incident_notice") == [("l", "violated", T("2025-06-27", "12:00:00"), None)]
    assert rem(rep, "bond_deduction") == [("l", "held", T("2025-06-27"), None)]
    assert codes(rep) == ["deduction_without_bond"]


def test_passing_a_termination_before_the_contract_took_effect_ends_nothing(seed):
    """For 乙方: 甲方 records a termination (ground other) on 06-26, a day before the contract took effect.  There is no
    contract to terminate (第502条, 第562–566条 presuppose a contract in force): it does not end the contract signed the
    next day — the report says so (termination_before_effective), the contract runs, and 附件2 六 still ends 3 years
    after the service year: 2026-06-27 + 3 years = 2029-06-27 24:00 → 2029-06-28T00:00."""
    rep = run(seed, [f("t", "termination_notified", T("2025-06-26"), party="甲方", ground="other"), SIGN, BOND],
              T("2025-12-01"))
    assert rep["contract_life"]["ended"] is None
    assert codes(rep) == ["termination_before_effective"]
    assert [o["due"] for o in rows(rep, "obligations", "confidentiality")] == [Z("2029-06-28")]
    assert live(rep, "performance_bond") == [("c", "fulfilled", Z("2025-09-29"), T("2025-07-10"))]


def test_passing_a_prepayment_guarantee_handed_over_before_signing_counts_for_installment_3(seed):
    """For 乙方: the 30% prepayment guarantee (¥2,094,000.00, valid until 2026-06-28 — beyond the service year's last
    day 2026-06-27) handed over on 06-20, before signing.  Facts before the contract still count as facts: with two
    months of service passed at 24:00 of 09-30 (LATE) and application + invoice for ¥2,094,000.00 on 09-25,
    installment 3 is owed from 2025-10-01T00:00, due 2025-10-31T00:00; as of 11-01 10:00 two days have begun (10-31,
    11-01): 2 × ¥6,980.00 = ¥13,960.00."""
    facts = [f("gp", "guarantee_submitted", T("2025-06-20"), purpose="prepayment", amount="2094000.00",
               valid_until="2026-06-28")] + LATE + [
        pay("p1", T("2025-08-20"), "3490000.00", 1),
        f("ap3", "payment_application_received", T("2025-09-25"), installment=3, amount="2094000.00"),
        f("in3", "invoice_received", T("2025-09-25"), installment=3, amount="2094000.00", kind="vat_ordinary")]
    rep = run(seed, facts, T("2025-11-01"))
    [(trigger, status, due, done)] = live(rep, "pay_installment_3")
    assert (status, due, done) == ("violated", Z("2025-10-31"), None)
    assert rows(rep, "obligations", "pay_installment_3")[0]["triggered_at"] == Z("2025-10-01")
    assert [r["amount"] for r in rows(rep, "remedies", "late_payment_damages")] == ["13960.00"]


def test_passing_an_interruption_before_effect_counted_from_the_notice_after(seed):
    """For 甲方: sub-project 3 (¥175,700.00) interrupted by 乙方 on 06-25, before the contract; not resolved; 甲方's fax
    about it on Mon 06-30 10:00 (delivered at sending, 10.3.2).  8.2: 5 days from the notice's day: 07-01 .. Sat 07-05
    (rest) → Sun 07-06 (rest) → Mon 07-07 → due 2025-07-08T00:00 → violated; 1% = ¥1,757.00.  2.1(3) "超5日"
    (interruption_before_effect "from effect"): 5 days from the effective instant 06-27 10:00: 06-28 .. 07-02 (a state
    that lasts, not moved) → 甲方 may deduct from 2025-07-03T00:00."""
    facts = [f("s", "service_interruption_started", T("2025-06-25"), subproject=3, cause="supplier"), SIGN, BOND,
             notice("n", T("2025-06-30"), "甲方", "乙方", "service_interruption", "fax", ref="s")]
    rep = run(seed, facts, T("2025-07-08"))
    assert live(rep, "resolve_interruption") == [("s", "violated", Z("2025-07-08"), None)]
    assert [r["amount"] for r in rows(rep, "remedies", "interruption_damages")] == ["1757.00"]
    assert rem(rep, "bond_deduction") == [("s", "held", Z("2025-07-03"), None)]


# ---------------------------------------------------------------------------------------------------- the 31st and its months

@pytest.mark.parametrize("valid_until, submitted, status", [
    ("2026-11-30", T("2025-12-01", "23:59:59"), "violated"),   # not "大于" 3 months after 2026-08-31
    ("2026-12-01", T("2025-12-01", "23:59:59"), "fulfilled"),  # one day beyond; on the last in-time second
    ("2026-12-01", Z("2025-12-02"), "violated"),               # 24:00 of 12-01: late
])
def test_passing_a_signing_on_the_31st_of_august(seed, valid_until, submitted, status):
    """For 甲方: both sign Sun 2025-08-31 10:00.  2.1(1) three months: corresponding day 11-31 does not exist → Sun
    11-30 (第202条), a rest day → Mon 12-01 (第203条) → due 2025-12-02T00:00.  The service year (1.4) ends 24:00 Mon
    2026-08-31 (a term) → service_end 2026-09-01T00:00; the bond must be valid beyond 2026-08-31 + 3 months = 11-30
    (no 11-31): valid until 11-30 is not enough, 12-01 is."""
    facts = [f("c", "contract_signed", T("2025-08-31")),
             f("g", "guarantee_submitted", submitted, purpose="performance", amount="349000.00",
               valid_until=valid_until)]
    rep = run(seed, facts, T("2025-12-10"))
    [(trigger, got, due, _done)] = live(rep, "performance_bond")
    assert (got, due) == (status, Z("2025-12-02"))
    rep = run(seed, facts[:1], T("2026-09-02"))
    assert [e["at"] for e in rows(rep, "events", "service_end")] == [Z("2026-09-01")]


def test_passing_two_months_of_service_from_the_31st_of_july(seed):
    """For 乙方 (LATE_2): two months from 07-31 09:00 end with 09-30 (第202条: September has no 31st) → installment 2
    owed from 24:00 of 09-30; 30 days 10-01 .. 10-30 → due 2025-10-31T00:00.  Paid Sun 11-16 10:00: days begun
    10-31 .. 11-16 = 17 × ¥6,980.00 = ¥118,660.00.  Not paid within 15 days (10-31 .. 11-14, not moved): power to
    terminate with ¥349,000.00 from 2025-11-15T00:00."""
    rep = run(seed, LATE_2 + [pay("p2", T("2025-11-16"), "1396000.00", 2)], T("2025-11-20"))
    [row] = rows(rep, "obligations", "pay_installment_2")
    assert (row["status"], row["triggered_at"], row["due"], row["fulfilled_at"]) == \
        ("violated", Z("2025-10-01"), Z("2025-10-31"), T("2025-11-16"))
    assert [r["amount"] for r in rows(rep, "remedies", "late_payment_damages")] == ["118660.00"]
    assert [(r["status"], r["since"], r["amount"]) for r in rows(rep, "remedies", "supplier_termination")] == \
        [("held", Z("2025-11-15"), "349000.00")]


def test_passing_installment_2_paid_on_the_last_second_of_two_months_is_early(seed):
    """For 甲方: installment 2 paid at 09-30 23:59:59 — one second before the two months have passed (24:00 of 09-30).
    The payment is not late (no damages, no power) but it came before a precondition: payment_before_preconditions."""
    rep = run(seed, LATE_2 + [pay("p2", T("2025-09-30", "23:59:59"), "1396000.00", 2)], T("2025-11-20"))
    assert st(rep, "pay_installment_2") == ["fulfilled"]
    assert rem(rep, "late_payment_damages") == [] and rem(rep, "supplier_termination") == []
    assert codes(rep) == ["payment_before_preconditions"]


# ---------------------------------------------------------------------------------------------------- at the due instant

@pytest.mark.parametrize("as_of, status, damages", [
    (T("2025-09-01", "23:59:59"), "active", []),
    (Z("2025-09-02"), "violated", ["6980.00"]),       # the report asked exactly at the due instant
    (T("2025-09-02", "00:00:01"), "violated", ["6980.00"]),
])
def test_passing_a_report_asked_on_the_due_instant(seed, as_of, status, damages):
    """For 乙方 (LATE): installment 1 due 2025-09-02T00:00 (24:00 of Mon 09-01), unpaid.  At 23:59:59 of 09-01 the
    duty still runs; at 00:00 of 09-02 the deadline has passed and the first day of delay has begun (8.3 "每延期一天":
    each day begun counts): ¥6,980.00."""
    rep = run(seed, LATE, as_of)
    assert live(rep, "pay_installment_1") == [("in", status, Z("2025-09-02"), None)]
    assert [r["amount"] for r in rows(rep, "remedies", "late_payment_damages")] == damages


@pytest.mark.parametrize("paid, status, damages", [
    (T("2025-09-01", "23:59:59"), "fulfilled", []),
    ("2025-09-01", "fulfilled", []),               # its day alone: before 24:00 of 09-01 whatever the hour
    (Z("2025-09-02"), "violated", ["6980.00"]),
    ("2025-09-02", "violated", ["6980.00"]),       # its day alone on the first day of delay: one day
])
def test_passing_installment_1_paid_at_the_turn_of_its_last_day(seed, paid, status, damages):
    """For 甲方 (LATE): payment of ¥3,490,000.00 at the last in-time instant, one instant after, and by the day alone."""
    rep = run(seed, LATE + [pay("p1", paid, "3490000.00", 1)], T("2025-09-20"))
    assert st(rep, "pay_installment_1") == [status]
    assert [r["amount"] for r in rows(rep, "remedies", "late_payment_damages")] == damages
    assert rem(rep, "supplier_termination") == []


# ---------------------------------------------------------------------------------------------------- 8.3 termination

@pytest.mark.parametrize("at, ends", [
    (T("2025-11-14", "23:59:59"), None),     # one second before the power: no effect
    ("2025-11-14", None),                    # its day alone: every instant of 11-14 is before the power
    (Z("2025-11-15"), Z("2025-11-15")),      # the very instant the power arises
    ("2025-11-15", Z("2025-11-15")),         # its day alone: every instant of 11-15 is at or after 00:00
])
def test_passing_the_suppliers_termination_at_the_turn_of_the_fifteenth_day(seed, at, ends):
    """For 乙方 (LATE_2, installment 2 unpaid): the power of 8.3 arises at 2025-11-15T00:00.  A termination before it
    has no effect (termination_without_right; the contract runs, the power stays held); at or after it the contract
    ends and the 5% (¥349,000.00) stays claimable.  Damages accrue until paid (damages_after_termination): as of 11-20
    10:00 the days 10-31 .. 11-20 = 21 × ¥6,980.00 = ¥146,580.00, either way."""
    rep = run(seed, LATE_2 + [f("t", "termination_notified", at, party="乙方", ground="late_payment")],
              T("2025-11-20"))
    assert rep["contract_life"]["ended"] == ends
    assert [r["amount"] for r in rows(rep, "remedies", "late_payment_damages")] == ["146580.00"]
    assert [(r["status"], r["since"], r["amount"]) for r in rows(rep, "remedies", "supplier_termination")] == \
        [("held" if ends is None else "exercised", Z("2025-11-15"), "349000.00")]
    assert codes(rep) == (["termination_without_right"] if ends is None else [])


@pytest.mark.parametrize("paid, damages, power", [("2025-11-14", "104700.00", False),
                                                  ("2025-11-15", "111680.00", True)])
def test_passing_a_payment_of_its_day_alone_either_side_of_fifteen_days(seed, paid, damages, power):
    """For 甲方 (LATE_2): installment 2 paid by its day alone.  On 11-14: days 10-31 .. 11-14 = 15 × ¥6,980.00 =
    ¥104,700.00 and not "超出15天" (paid within 10-31 .. 11-14): no power.  On 11-15: 16 days = ¥111,680.00 and the
    power has arisen at 00:00 of 11-15, before any instant of that day."""
    rep = run(seed, LATE_2 + [pay("p2", paid, "1396000.00", 2)], T("2025-11-20"))
    assert [r["amount"] for r in rows(rep, "remedies", "late_payment_damages")] == [damages]
    assert [r["since"] for r in rows(rep, "remedies", "supplier_termination")] == ([Z("2025-11-15")] if power else [])


def test_the_text_report_of_a_termination_of_its_day_alone(tmp_path):
    """The Chinese text (LATE_2, 乙方 terminating on "2025-11-15", as of 11-20 10:00) must say the decisive things: the
    contract ended on 11-15 without an invented hour; 21 days × ¥6,980.00 = ¥146,580.00; the 5% ¥349,000.00 still
    claimable after the termination; confidentiality (附件2 六) recounted to 3 years after 11-15: 2028-11-15 24:00."""
    text = cli_text(tmp_path, LATE_2 + [f("t", "termination_notified", "2025-11-15", party="乙方",
                                          ground="late_payment")], T("2025-11-20"))
    assert "合同于 2025年11月15日（时刻不明）" in text
    assert "2025年11月15日0时（" not in text.split("二、逐条")[0]
    assert "共 21 日 × 每日 ¥6,980.00 = ¥146,580.00" in text
    assert "¥349,000.00（已解除合同，违约金仍可主张）" in text
    assert "至 2028年11月15日24时 止（合同终止时重新计算）" in text


# ---------------------------------------------------------------------------------------------------- 8.2 / 2.1(3) interruptions

TWO_SUBS = [SIGN, BOND,
            f("s14", "service_interruption_started", T("2025-09-26"), subproject=14, cause="supplier"),
            f("s25", "service_interruption_started", T("2025-09-26"), subproject=25, cause="supplier"),
            notice("n14", T("2025-09-26", "11:00:00"), "甲方", "乙方", "service_interruption", "fax", ref="s14"),
            notice("n25", T("2025-09-26", "11:00:00"), "甲方", "乙方", "service_interruption", "fax", ref="s25"),
            f("r14", "service_interruption_resolved", T("2025-10-09", "23:59:59"), subproject=14)]


@pytest.mark.parametrize("as_of, statuses, deduction_since, damages", [
    (T("2025-10-01", "23:59:59"), ["active", "active"], [], []),
    (Z("2025-10-02"), ["active", "active"], [Z("2025-10-02")] * 2, []),
    (Z("2025-10-10"), ["fulfilled", "violated"], [Z("2025-10-02")] * 2, ["4632.00"]),
])
def test_passing_two_sub_projects_interrupted_at_one_instant_over_national_day(seed, as_of, statuses,
                                                                             deduction_since, damages):
    """For 甲方: sub-projects 14 (¥410,000.00) and 25 (¥463,200.00) interrupted by 乙方 Fri 2025-09-26 10:00; a fax
    about each at 11:00.  Two interruptions, two duties (once per sub-project and instant).  8.2's 5 days from 09-26:
    09-27 (Sat) .. 10-01, whose last day is in the National Day holiday → the next working day Thu 10-09 → due
    2025-10-10T00:00 (the make-up Sunday 09-28 lies inside, not at the end).  14 resolved at 10-09 23:59:59 (in time);
    25 never → violated, 1% of ¥463,200.00 = ¥4,632.00, once.  2.1(3) "超5日": 5 days 09-27 .. 10-01 (not moved)
    fully passed at 2025-10-02T00:00 for both — 14's later cure within 8.2's period does not undo 2.1(3)."""
    rep = run(seed, TWO_SUBS, as_of)
    assert [(o["trigger"], o["due"]) for o in rows(rep, "obligations", "resolve_interruption")
            if o["status"] != "inactive"] == [("s14", Z("2025-10-10")), ("s25", Z("2025-10-10"))]
    assert st(rep, "resolve_interruption") == statuses
    assert [r["since"] for r in rows(rep, "remedies", "bond_deduction")] == deduction_since
    assert [r["amount"] for r in rows(rep, "remedies", "interruption_damages")] == damages


def test_passing_a_resolution_before_a_second_interruption_does_not_cure_it(seed):
    """For 甲方: sub-project 3 interrupted Mon 09-01 10:00 and resolved 12:00 (no notice: nothing owed); interrupted
    again Wed 09-03 10:00, 甲方's fax 11:00.  Only a resolution after the second interruption counts: 5 days 09-04 ..
    Mon 09-08 (working) → due 2025-09-09T00:00 → violated, ¥1,757.00; 2.1(3): 09-04 .. 09-08 → from 09-09T00:00."""
    facts = [SIGN, BOND, f("s1", "service_interruption_started", T("2025-09-01"), subproject=3, cause="supplier"),
             f("r1", "service_interruption_resolved", T("2025-09-01", "12:00:00"), subproject=3),
             f("s2", "service_interruption_started", T("2025-09-03"), subproject=3, cause="supplier"),
             notice("n2", T("2025-09-03", "11:00:00"), "甲方", "乙方", "service_interruption", "fax", ref="s2")]
    rep = run(seed, facts, T("2025-09-10"))
    assert live(rep, "resolve_interruption") == [("s2", "violated", Z("2025-09-09"), None)]
    assert [r["amount"] for r in rows(rep, "remedies", "interruption_damages")] == ["1757.00"]
    assert rem(rep, "bond_deduction") == [("s2", "held", Z("2025-09-09"), None)]


@pytest.mark.parametrize("resolved_first", [True, False])
def test_passing_an_interruption_resolved_at_the_instant_it_began(seed, resolved_first):
    """For 乙方: sub-project 3 interrupted and resolved at the same instant Mon 09-01 10:00 (either order in the
    stream); 甲方's fax at 11:00 anyway.  The duty arises (due: 09-02 .. Sat 09-06 → Mon 09-08 → 2025-09-09T00:00)
    and is already performed at 10:00; no 1%, no deduction."""
    start = f("s", "service_interruption_started", T("2025-09-01"), subproject=3, cause="supplier")
    fix = f("r", "service_interruption_resolved", T("2025-09-01"), subproject=3)
    facts = [SIGN, BOND] + ([fix, start] if resolved_first else [start, fix]) + [
        notice("n", T("2025-09-01", "11:00:00"), "甲方", "乙方", "service_interruption", "fax", ref="s")]
    rep = run(seed, facts, T("2025-09-20"))
    assert live(rep, "resolve_interruption") == [("s", "fulfilled", Z("2025-09-09"), T("2025-09-01"))]
    assert rem(rep, "interruption_damages") == [] and rem(rep, "bond_deduction") == []


def test_passing_a_resolution_of_its_day_alone_on_the_day_of_a_late_evening_interruption(seed):
    """For 乙方: interrupted Fri 09-26 22:00, 甲方's fax 23:00, resolved "2025-09-26" (day alone).  A resolution of
    sub-project 3 recorded on 09-26 is the end of this interruption (there is no other): in time, whatever the hour."""
    facts = [SIGN, BOND, f("s", "service_interruption_started", T("2025-09-26", "22:00:00"), subproject=3,
                           cause="supplier"),
             notice("n", T("2025-09-26", "23:00:00"), "甲方", "乙方", "service_interruption", "fax", ref="s"),
             f("r", "service_interruption_resolved", "2025-09-26", subproject=3)]
    rep = run(seed, facts, T("2025-10-15"))
    assert st(rep, "resolve_interruption") == ["fulfilled"]
    assert rem(rep, "bond_deduction") == []


# ---------------------------------------------------------------------------------------------------- notices

@pytest.mark.parametrize("sent, status", [(T("2026-03-10", "16:00:00"), "fulfilled"),
                                          (T("2026-03-10", "16:00:01"), "violated")])
def test_passing_a_leak_found_by_the_department_two_hours_from_its_notice(seed, sent, status):
    """For 甲方: a supplier-caused leak found by 甲方 Tue 2026-03-10 13:00; 甲方's fax about it at 14:00 (delivered at
    sending).  leak_found_by_buyer "from the buyer's notice": 乙方's 2 hours run 14:00 → 16:00, the end included
    (第1259条).  No 三.4 duty (乙方 did not find it); 2.1(3) deduction from the leak itself (13:00)."""
    facts = [SIGN, BOND, f("l", "data_leak_discovered", T("2026-03-10", "13:00:00"), cause="supplier",
                           found_by="甲方"),
             notice("nb", T("2026-03-10", "14:00:00"), "甲方", "乙方", "data_leak", "fax", ref="l"),
             notice("ns", sent, "乙方", "甲方", "data_leak", "fax", ref="l")]
    rep = run(seed, facts, T("2026-03-11"))
    assert live(rep, "breach_notice") == [("l", status, T("2026-03-10", "16:00:00"), sent)]
    assert live(rep, "security_incident_notice") == []
    assert rem(rep, "bond_deduction") == [("l", "held", T("2026-03-10", "13:00:00"), None)]


@pytest.mark.parametrize("changed, sent, status, due", [
    ("2025-07-07", T("2025-06-27", "15:00:00"), "fulfilled", Z("2025-06-28")),
    ("2025-07-07", None, "violated", Z("2025-06-28")),
    ("2025-07-06", None, "excused", None),
])
def test_passing_an_address_change_ten_days_after_signing(seed, changed, sent, status, due):
    """For 甲方: 乙方's address changes on 07-07: "变更前10日" — the last day is 07-07 − 10 days = 06-27, the day the
    contract took effect → due 2025-06-28T00:00 (counted back, not moved); a fax on 06-27 15:00 is in time.  A change
    on 07-06 puts the last day on 06-26, before the contract bound anyone (第502条): excused (change_soon_after_signing)."""
    facts = [SIGN, f("a", "address_changed", T(changed), party="乙方")]
    if sent:
        facts.append(notice("na", sent, "乙方", "甲方", "address_change", "fax", ref="a"))
    rep = run(seed, facts, T("2025-07-10"))
    [row] = [o for o in rows(rep, "obligations", "address_change_notice") if o["status"] != "inactive"]
    assert (row["status"], row["due"]) == (status, due)


@pytest.mark.parametrize("sent, status", [(T("2025-09-28", "23:59:59"), "fulfilled"), ("2025-09-28", "fulfilled"),
                                          (Z("2025-09-29"), "violated")])
def test_passing_force_majeure_of_its_day_alone_noticed_on_the_make_up_sunday(seed, sent, status):
    """For 乙方: force majeure on "2025-09-26" (Fri, day alone).  8.4's 2 days: 09-27 (Sat), 09-28 — the make-up
    Sunday is a working day, so the last day stays → due 2025-09-29T00:00 whatever the hour on 09-26.  A fax on 09-28
    (at 23:59:59, or by its day alone) is in time; at 00:00 of 09-29 it is late."""
    facts = [SIGN, BOND, f("fm", "force_majeure_occurred", "2025-09-26", party="乙方"),
             notice("nf", sent, "乙方", "甲方", "force_majeure", "fax", ref="fm")]
    rep = run(seed, facts, T("2025-10-05"))
    assert [(o["status"], o["due"]) for o in rows(rep, "obligations", "force_majeure_notice")] == \
        [(status, Z("2025-09-29"))]


@pytest.mark.parametrize("found, status, due", [
    ("22:30:00", "fulfilled", T("2026-03-04", "00:30:00")),
    ("22:00:00", "fulfilled", Z("2026-03-04")),
    ("09:30:00", "undetermined", T("2026-03-03", "11:30:00")),
])
def test_passing_a_leak_notice_of_its_day_alone_on_the_day_of_the_leak(seed, found, status, due):
    """For 乙方: a supplier-caused leak found at a known hour of Tue 2026-03-03; 乙方's fax about it known only as
    "2026-03-03".  The fax is after the leak (REF) and before 24:00 of 03-03 (DAY).  Found 22:30 → due 00:30 of 03-04:
    in time whatever the hour; found 22:00 → due 24:00 of 03-03: in time (the fax is strictly before 24:00); found
    09:30 → due 11:30: the fax may be at 10:00 or at 20:00 — undetermined."""
    facts = [SIGN, BOND, f("l", "data_leak_discovered", T("2026-03-03", found), cause="supplier"),
             notice("nl", "2026-03-03", "乙方", "甲方", "data_leak", "fax", ref="l")]
    rep = run(seed, facts, T("2026-03-05"))
    assert [(o["status"], o["due"]) for o in rows(rep, "obligations", "breach_notice")] == [(status, due)]


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (07:12–): a fact of its day alone that refers (ref) to the fact setting a duty off came after it: not in doubt as before the trigger (evaluator._refers_to_trigger))
@pytest.mark.parametrize("name, event", [
    ("force_majeure_notice", f("e", "force_majeure_occurred", T("2025-09-26", "22:00:00"), party="乙方")),
    ("security_incident_notice", f("e", "security_incident_found", T("2025-09-26", "22:30:00"))),
    ("security_incident_notice", f("e", "data_leak_discovered", T("2025-09-26", "22:30:00"), cause="supplier")),
])
def test_a_notice_of_its_day_alone_after_a_late_evening_event_is_in_time(seed, name, event):
    """For 甲方 arguing the other way and losing: force majeure of 乙方 at Fri 2025-09-26 22:00 — 2 days: 09-27 (Sat),
    09-28 (make-up Sunday, working) → due 2025-09-29T00:00; an incident / a leak found by 乙方 at 22:30 — 2 hours
    (immediate_notice) → due 2025-09-27T00:30.  乙方's fax about it (ref e) known as "2025-09-26": after 22:00 / 22:30
    (REF) and before 24:00 of 09-26 (DAY) — inside either period: fulfilled."""
    facts = [SIGN, BOND, event, notice("nn", "2025-09-26", "乙方", "甲方", "other", "fax", ref="e")]
    rep = run(seed, facts, T("2025-10-05"))
    assert [o["status"] for o in rows(rep, "obligations", name)] == ["fulfilled"]


# ---------------------------------------------------------------------------------------------------- what survives a 3.1.3 termination

def test_passing_what_survives_a_public_interest_termination(seed):
    """For 甲方: harm to the public interest found Mon 2025-11-03 10:00; 甲方 terminates Tue 11-04 10:00 (3.1.3).  The
    contract ends at 11-04 10:00 (buyer_terminates); the 附件2 六 term is recounted from it: 3 years after 2025-11-04
    → 2028-11-04 24:00 (due 2028-11-05T00:00).  After the end: 乙方's leak of 11-20 10:00 still owes the 2-hour notice
    (leak_notice_after_end "survives"; due 12:00 → violated) and 乙方's breach of confidence on 11-21 breaks 7.2 and
    附件2 六 (长期有效); the incident notice of 三.4 (operations) is not owed after the end."""
    facts = [SIGN, BOND, f("h", "public_interest_harm_found", T("2025-11-03")),
             f("t", "termination_notified", T("2025-11-04"), party="甲方", ground="public_interest"),
             f("l", "data_leak_discovered", T("2025-11-20"), cause="supplier"),
             f("i", "security_incident_found", T("2025-11-20")),
             f("b", "confidentiality_breach", T("2025-11-21"), party="乙方")]
    rep = run(seed, facts, T("2025-11-22"))
    life = rep["contract_life"]
    assert (life["ended"], life["ended_by"]) == (T("2025-11-04"), "buyer_terminates")
    assert live(rep, "breach_notice") == [("l", "violated", T("2025-11-20", "12:00:00"), None)]
    assert live(rep, "security_incident_notice") == []
    assert st(rep, "confidentiality_7_supplier") == ["violated"] and st(rep, "confidentiality_7_buyer") == ["active"]
    assert [(o["status"], o["due"]) for o in rows(rep, "obligations", "confidentiality")] == \
        [("violated", Z("2028-11-05"))]
    assert [r["status"] for r in rows(rep, "remedies", "buyer_termination")] == ["exercised"]
    assert rows(rep, "remedies", "supplier_termination") == []


def test_passing_the_bond_handed_over_at_the_due_instant_is_late(seed):
    """For 甲方: 2.1(1) due 2025-09-29T00:00 (06-27 + 3 months = Sat 09-27 → the make-up Sunday 09-28 is the last
    day); the bond handed over at 00:00 of 09-29 is on 09-29: violated, performed late at that instant."""
    rep = run(seed, [SIGN, f("g", "guarantee_submitted", Z("2025-09-29"), purpose="performance",
                             amount="349000.00", valid_until="2026-12-31")], T("2025-10-05"))
    assert live(rep, "performance_bond") == [("c", "violated", Z("2025-09-29"), Z("2025-09-29"))]


def test_the_text_report_says_the_due_instant_of_installment_1(tmp_path):
    """The Chinese text (LATE, as of exactly 2025-09-02T00:00): installment 1 is violated; the deadline is stated as
    24:00 of Mon 09-01 with the Sunday 08-31 moved (第203条), and the first day of delay ¥6,980.00."""
    text = cli_text(tmp_path, LATE, Z("2025-09-02"))
    part = text.split("支付第一期款（pay_installment_1）", 1)[1].split("第 2.2(2) 条", 1)[0]
    assert "已违约" in part
    assert "2025年9月1日24时（2025-09-02T00:00:00+08:00）（该时刻起逾期）" in part
    assert "2025年8月31日（星期日，休息日）" in part and "2025年9月1日（星期一，工作日）" in part
    assert "¥6,980.00" in text


def test_the_text_report_of_two_sub_projects_names_each_and_the_one_percent(tmp_path):
    """The Chinese text (TWO_SUBS as of 2025-10-10T00:00): the holiday move of 8.2's last day to 10-09 and the 1% of
    sub-project 25 (¥4,632.00) are said."""
    text = cli_text(tmp_path, TWO_SUBS, Z("2025-10-10"))
    assert "2025年10月9日（星期四" in text
    assert "¥4,632.00" in text
    assert "2025年10月9日24时（2025-10-10T00:00:00+08:00）" in text


# ---------------------------------------------------------------------------------------------------- more, both sides

@pytest.mark.parametrize("buyer_first", [True, False])
def test_passing_both_parties_terminate_at_one_instant_once(seed, buyer_first):
    """For 乙方 and 甲方 at once (LATE plus the bond): installment 1 due 2025-09-02T00:00, unpaid; "超出15天" 09-02 ..
    09-16 → 乙方's power from 2025-09-17T00:00.  At Sat 09-20 10:00 甲方 terminates without a ground (8.3 无故中途解除)
    and 乙方 terminates for late payment — the same instant, either order in the stream.  The contract ends once
    (already_terminated for the other notice); 乙方's 5% is ¥349,000.00 once, not twice; damages 09-02 .. 09-25 =
    24 × ¥6,980.00 = ¥167,520.00 as of 09-25 10:00."""
    a = f("ta", "termination_notified", T("2025-09-20"), party="甲方", ground="other")
    b = f("tb", "termination_notified", T("2025-09-20"), party="乙方", ground="late_payment")
    rep = run(seed, LATE + [BOND] + ([a, b] if buyer_first else [b, a]), T("2025-09-25"))
    assert rep["contract_life"]["ended"] == T("2025-09-20")
    assert [r["amount"] for r in rows(rep, "remedies", "late_payment_damages")] == ["167520.00"]
    fives = [r["amount"] for r in rep["remedies"] if r["amount"] == "349000.00"]
    assert fives == ["349000.00"]
    assert [(r["status"], r["since"]) for r in rows(rep, "remedies", "supplier_termination")] == \
        [("exercised", Z("2025-09-17"))]
    assert codes(rep) == ["already_terminated"]


def test_passing_an_interruption_the_department_caused_is_excused(seed):
    """For 乙方: sub-project 2 interrupted 09-01 10:00 by 甲方's change of needs (cause buyer), never resolved; 甲方's
    fax at 11:00.  8.2 但书: 乙方 bears no liability for the delay — excused, no 1% (which would be ¥26,945.00), and
    2.1(3) gives no deduction (it is not 乙方's breach)."""
    facts = [SIGN, BOND, f("s", "service_interruption_started", T("2025-09-01"), subproject=2, cause="buyer"),
             notice("n", T("2025-09-01", "11:00:00"), "甲方", "乙方", "service_interruption", "fax", ref="s")]
    rep = run(seed, facts, T("2025-09-20"))
    assert st(rep, "resolve_interruption") == ["excused"]
    assert rem(rep, "interruption_damages") == [] and rem(rep, "bond_deduction") == []


@pytest.mark.parametrize("signed_at, delivered", [
    (T("2025-09-02", "09:00:00"), T("2025-09-02", "09:00:00")),
    ("2025-09-02", Z("2025-09-02")),                       # its day alone: delivered on 09-02
    ("2025-09-01", T("2025-09-01", "11:00:00")),           # same day as sent: not before the sending
])
def test_passing_a_personal_delivery_starts_five_days_from_the_signing_day(seed, signed_at, delivered):
    """For 甲方: sub-project 2 (¥2,694,500.00) interrupted Mon 09-01 10:00; 甲方's notice handed over in person, sent
    11:00, signed for as given (10.3.1: the day the receiver signs).  From 09-02: 09-03 .. Sun 09-07 → Mon 09-08; from
    09-01: 09-02 .. Sat 09-06 → Mon 09-08: due 2025-09-09T00:00 either way; never resolved → 1% = ¥26,945.00."""
    facts = [SIGN, BOND, f("s", "service_interruption_started", T("2025-09-01"), subproject=2, cause="supplier"),
             notice("n", T("2025-09-01", "11:00:00"), "甲方", "乙方", "service_interruption", "personal", ref="s",
                    signed_at=signed_at)]
    rep = run(seed, facts, T("2025-09-20"))
    assert [e["at"] for e in rows(rep, "events", "notice_delivered")] == [delivered]
    assert live(rep, "resolve_interruption") == [("s", "violated", Z("2025-09-09"), None)]
    assert [r["amount"] for r in rows(rep, "remedies", "interruption_damages")] == ["26945.00"]


def test_passing_the_cli_as_of_a_bare_date_is_its_00_00(tmp_path):
    """`--as-of 2025-09-02` is 00:00 of that day (README) — exactly installment 1's due instant (LATE): violated with
    the first day of delay ¥6,980.00, the report's as_of being 2025-09-02T00:00:00+08:00."""
    path = tmp_path / "facts.jsonl"
    path.write_text("\n".join(lines(LATE)) + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(RULES), "--facts", str(path),
                          "--as-of", "2025-09-02", "--format", "json"], capture_output=True, text=True, cwd=ROOT,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    import json
    rep = json.loads(out.stdout)
    assert rep["as_of"] == Z("2025-09-02")
    assert live(rep, "pay_installment_1") == [("in", "violated", Z("2025-09-02"), None)]
    assert [r["amount"] for r in rows(rep, "remedies", "late_payment_damages")] == ["6980.00"]


@pytest.mark.parametrize("name, event, sent, status", [
    ("force_majeure_notice", f("e", "force_majeure_occurred", "2025-09-26", party="乙方"), "08:00:00", "fulfilled"),
    ("security_incident_notice", f("e", "security_incident_found", "2025-09-26"), "00:30:00", "fulfilled"),
    ("security_incident_notice", f("e", "security_incident_found", "2025-09-26"), "08:00:00", "undetermined"),
])
def test_passing_a_timed_notice_about_an_event_of_its_day_alone(seed, name, event, sent, status):
    """The mirror of X1 — the event known by its day alone "2025-09-26", 乙方's fax about it (ref e) at a known hour of
    that day.  The event came before the notice (REF).  Force majeure: 2 days from 09-26 → due 2025-09-29T00:00,
    whatever the hours: fulfilled.  An incident (immediate_notice 2 hours): a fax at 00:30 means the incident was
    found between 00:00 and 00:30, so 2 hours from it end at 02:00 or later: fulfilled; a fax at 08:00 may be 1 hour
    or 7 hours after the incident: undetermined.  (The engine already reads REF this way here; X1 is the same reading
    with the roles of day and hour swapped.)"""
    rep = run(seed, [SIGN, BOND, event, notice("nn", T("2025-09-26", sent), "乙方", "甲方", "other", "fax", ref="e")],
              T("2025-10-05"))
    assert [o["status"] for o in rows(rep, "obligations", name)] == [status]


def test_the_text_report_of_force_majeure_known_by_its_day(tmp_path):
    """The Chinese text: force majeure "2025-09-26" (day alone), fax "2025-09-28" (day alone), certificate 10-09 10:00;
    as of 2025-10-10.  The row says the trigger without an hour (时刻不明), the due 24:00 of 09-28 because the make-up
    Sunday is a working day (not moved), the performance on 09-28 without an hour, and the 8.4 excuse from 10-09 10:00."""
    facts = [SIGN, BOND, f("fm", "force_majeure_occurred", "2025-09-26", party="乙方"),
             notice("nf", "2025-09-28", "乙方", "甲方", "force_majeure", "fax", ref="fm"),
             f("fc", "force_majeure_certified", T("2025-10-09"), ref="fm")]
    text = cli_text(tmp_path, facts, "2025-10-10")
    part = text.split("不可抗力书面通报（force_majeure_notice）", 1)[1].split("救济", 1)[0]
    assert "：已履行" in part
    assert "触发  不可抗力事件发生（fm）  2025年9月26日（时刻不明）" in part
    assert "期限  2025年9月28日24时（2025-09-29T00:00:00+08:00）" in part
    assert "2025年9月28日（星期日，调休上班日" in part and "为工作日，不顺延" in part
    assert "履行  2025年9月28日（2025-09-28" in part and "2025年9月28日0时" not in part
    assert "force_majeure_excuse）乙方 自 2025年10月9日10时" in text
