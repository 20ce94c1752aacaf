"""Opposing counsel, round 47, on the seed contract (rules/gzmz-2025-it-ops.qy): the MONEY of the contract, the
acceptance stages and what a termination does to them — argued first for 乙方 (its price, its 8.3 damages and power,
its deemed acceptance), then for 甲方 (conditions of each installment, the 8.2 damages and 2.1(3) deduction, the
end of the contract cutting off what is not yet owed).  Every figure counted by hand below, asserted against the JSON
report on both backends (seedfacts.on_both_backends), and against the Chinese text report for two cases.

Money.  Total ¥6,980,000.00; 50% = ¥3,490,000.00, 20% = ¥1,396,000.00, 30% = ¥2,094,000.00, bond 5% = ¥349,000.00.
8.3: 0.1% of the total = ¥6,980.00 for each day begun from the first late instant to the completing payment or the
as_of (its own day counted — as rounds 15, 24, 29 count); "逾期超出15天": a term of 15 days from the day after the
last day of the payment term, not moved.  8.2: 1% of the sub-project's 附件1 budget, once (assumption
interruption_damages_basis): row 10 ¥0.00 → ¥0.00; row 19 ¥3,600.00 → ¥36.00; row 5 ¥4,500.00 → ¥45.00.
payment_term (assumption) 30 days, moved to the next working day (第203条).

Conventions.  PAY_1 (seedfacts): both sign Fri 2025-06-27 10:00; installment 1 owed from Fri 07-04 10:00; 30 days
07-05 .. Sun 08-03 → Mon 08-04 → due 2025-08-05T00:00; power (and its 5%) from 2025-08-20T00:00.  Acceptance cases
sign 2025-01-09 10:00 so that the service year ends 2026-01-09 24:00 (= 2026-01-10T00:00) and the acceptance runs over
the 2026 Spring Festival and its make-up Saturdays 02-14 and 02-28; other acceptance cases sign 2025-06-27 (service
year ends Sat 2026-06-27 24:00 = 2026-06-28T00:00).  An instant at 24:00 is written as the next day's 00:00 and, as a
starting point, belongs to the day that ended (the later period starts the next day).

Calendar relied on (chinese_calendar.is_workday, checked in the first test):
  working — 2025: Mon 07-28, Mon 08-04, Mon 08-11, Mon 09-08, Sun 09-28 (make-up), Thu 10-09, Sat 10-11 (make-up), Wed 12-31;
            2026: Mon 01-12 .. Fri 01-16, Mon 01-19 .. Fri 01-23, Mon 01-26 .. Fri 01-30, Mon 02-02 .. Fri 02-06,
            Mon 02-09 .. Fri 02-13, Sat 02-14 (make-up), Tue 02-24 .. Fri 02-27, Sat 02-28 (make-up), Mon 03-02 ..
            Fri 03-06, Mon 03-16, Thu 03-19, Mon 03-30, Tue 04-07, Wed 04-15, Thu 04-16, Mon 06-29 .. Fri 07-03,
            Mon 07-06 .. Fri 07-10, Mon 07-13, Mon 07-27, Wed 08-12, Thu 08-13.
  off     — 2025: Sun 07-27, Sat 08-09, Sun 08-10, Sat 09-06, Sun 09-07, Wed 10-01 .. Wed 10-08;
            2026: Sat 01-24, Sun 01-25, Sat 02-07, Sun 02-08, Sun 02-15 .. Mon 02-23 (Spring Festival), Sat 03-14,
            Sun 03-15, Sat 03-28, Sun 03-29, Sat 04-04 .. Mon 04-06 (Qingming), Sat 06-27, Sun 06-28.

Found (strict xfail, 3):
  1. a prepayment guarantee that 甲方 has already helped to end (bond_release_assisted, purpose prepayment) before
     the application and invoice still fulfils the 2.2(3) condition: the engine makes 甲方 owe the 30% "预付" with no
     live guarantee behind it, and charges 8.3 damages on it;
  2. a mid-term report submitted and left unreviewed for months: the report never names it (the rule file does not use
     midterm_report_submitted and states no assumption for 甲方's unlimited review time);
  3. 8.2 damages under the "per day" reading exceed the sub-project's whole budget with no 第585条 caveat (8.3 has one).
Everything else argued here holds (passing tests lock it): payments in parts and short by a fen, invoices of the wrong
kind, payment before the invoice, the National Day and the make-up Saturday in the payment term, two months ending on
the last day of February, zero-budget sub-projects, deemed acceptance over the Spring Festival with answers at 23:59:59,
at 24:00 and on a holiday, rejection and resubmission, a failed meeting at 24:00, expiry of a prepayment guarantee as
its "release", and terminations (by 乙方 for late payment, by 甲方 without cause, by force majeure at or just before
the deemed-acceptance instant, by 甲方 for the public interest during an outage).
"""
from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from seedfacts import PAY_1, fact as f, lines, notice, on_both_backends, rows, write_facts

from engine.api import compile_file

ROOT = Path(__file__).resolve().parent.parent
SEED_RULES = ROOT / "rules" / "gzmz-2025-it-ops.qy"
SEED = compile_file(SEED_RULES)
PER_DAY = compile_file(SEED_RULES, assume={"interruption_damages_basis": "per day"})

IGNORED = ("open_point", "amount_words_mismatch", "unused_assumption")


def T(day, hms="10:00:00"):
    return f"{day}T{hms}+08:00"


def run(facts, as_of):
    return on_both_backends(SEED, lines(facts), as_of)


def obl(rep, name):
    """(trigger, status, due, fulfilled_at) of each live duty of one obligation."""
    return [(o["trigger"], o["status"], o["due"], o["fulfilled_at"]) for o in rows(rep, "obligations", name)
            if o["status"] != "inactive"]


def st(rep, name):
    return [(o["status"], o["due"], o["fulfilled_at"]) for o in rows(rep, "obligations", name)
            if o["status"] != "inactive"]


def rem(rep, name):
    return [(r["status"], r["since"], r["amount"]) for r in rows(rep, "remedies", name)]


def evs(rep, name):
    return [e["at"] for e in rows(rep, "events", name)]


def codes(rep):
    return sorted(x["code"] for x in rep["findings"] if x["code"] not in IGNORED)


def pay(id_, inst, amount, at):
    return f(id_, "payment_made", at, installment=inst, amount=amount)


OUTAGE_3 = [f("c", "contract_signed", T("2025-06-27")),
            f("s", "service_interruption_started", T("2025-09-01"), subproject=3, cause="supplier"),
            notice("n", T("2025-09-01", "11:00:00"), "甲方", "乙方", "service_interruption", "fax", ref="s")]


def text_report(facts, as_of, tmp_path):
    path = write_facts(facts, tmp_path)
    out = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(SEED_RULES), "--facts", str(path),
                          "--as-of", as_of, "--format", "text"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    return out.stdout


# ---------------------------------------------------------------------------------------------------- calendar

def test_passing_the_calendar_days_of_the_hand_counts():
    import chinese_calendar as cc

    working = ["2025-07-28", "2025-08-04", "2025-08-11", "2025-09-08", "2025-09-28", "2025-10-09", "2025-10-11", "2025-12-31",
               "2026-01-12", "2026-01-13", "2026-01-14", "2026-01-15", "2026-01-16", "2026-01-19", "2026-01-20",
               "2026-01-21", "2026-01-22", "2026-01-23", "2026-01-26", "2026-01-27", "2026-01-28", "2026-01-29",
               "2026-01-30", "2026-02-02", "2026-02-03", "2026-02-04", "2026-02-05", "2026-02-06", "2026-02-09",
               "2026-02-10", "2026-02-11", "2026-02-12", "2026-02-13", "2026-02-14", "2026-02-24", "2026-02-25",
               "2026-02-26", "2026-02-27", "2026-02-28", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05",
               "2026-03-06", "2026-03-16", "2026-03-19", "2026-03-30", "2026-04-07", "2026-04-15", "2026-04-16",
               "2026-06-29", "2026-06-30", "2026-07-01", "2026-07-02", "2026-07-03", "2026-07-06", "2026-07-07",
               "2026-07-08", "2026-07-09", "2026-07-10", "2026-07-13", "2026-07-27", "2026-08-12", "2026-08-13"]
    off = ["2025-07-27", "2025-08-09", "2025-08-10", "2025-09-06", "2025-09-07", "2025-10-01", "2025-10-02", "2025-10-03",
           "2025-10-04", "2025-10-05", "2025-10-06", "2025-10-07", "2025-10-08", "2026-01-24", "2026-01-25",
           "2026-02-07", "2026-02-08", "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19",
           "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23", "2026-03-14", "2026-03-15", "2026-03-28",
           "2026-03-29", "2026-04-04", "2026-04-05", "2026-04-06", "2026-06-27", "2026-06-28"]
    assert all(cc.is_workday(date.fromisoformat(d)) for d in working)
    assert not any(cc.is_workday(date.fromisoformat(d)) for d in off)


# ==================================================================================================== (a) money

DUE_1 = "2025-08-05T00:00:00+08:00"


def test_passing_installment_1_paid_in_two_parts_runs_to_the_completing_payment():
    """乙方: the 8.3 damages run until the installment is paid in full, not until the first part.  ¥3,000,000.00 on
    Wed 08-06 15:00, ¥490,000.00 on Fri 08-08 09:00 (completing it).  Late days begun: 08-05, 08-06, 08-07, 08-08 =
    4 × ¥6,980.00 = ¥27,920.00 (the whole daily rate whatever part is unpaid: 0.1% of 合同总价款).  Paid in full before
    2025-08-20T00:00: no power to terminate, no 5%."""
    rep = run(PAY_1 + [pay("p1", 1, "3000000.00", T("2025-08-06", "15:00:00")),
                       pay("p2", 1, "490000.00", T("2025-08-08", "09:00:00"))], T("2025-08-30", "12:00:00"))
    assert st(rep, "pay_installment_1") == [("violated", DUE_1, T("2025-08-08", "09:00:00"))]
    assert rem(rep, "late_payment_damages") == [("held", DUE_1, "27920.00")]
    assert rem(rep, "supplier_termination") == []


@pytest.mark.parametrize("as_of, damages, power", [
    # 08-05 .. 08-19 = 15 days begun = ¥104,700.00; the 15-day term ends 08-19 24:00: no power yet.
    (T("2025-08-19", "23:59:59"), "104700.00", []),
    # 08-05 .. 08-20 = 16 days = ¥111,680.00; ¥0.01 still unpaid at 24:00 08-19 → power and 5% ¥349,000.00.
    (T("2025-08-20", "12:00:00"), "111680.00", [("held", "2025-08-20T00:00:00+08:00", "349000.00")]),
])
def test_passing_installment_1_short_by_one_fen_is_unpaid(as_of, damages, power):
    """甲方 pays ¥3,489,999.99 on Mon 08-04 (in time but one fen short).  乙方: "不低于" ¥3,490,000.00 is not met, so
    the installment is late from DUE_1 and, still unpaid when the 15 days end, gives the 8.3 power."""
    rep = run(PAY_1 + [pay("p", 1, "3489999.99", T("2025-08-04"))], as_of)
    assert st(rep, "pay_installment_1") == [("violated", DUE_1, None)]
    assert rem(rep, "late_payment_damages") == [("held", DUE_1, damages)]
    assert rem(rep, "supplier_termination") == power


def test_passing_a_special_invoice_does_not_make_up_the_ordinary_invoice():
    """甲方: 2.2(1) asks for "等额增值税普通发票".  A 专用发票 of ¥3,000,000.00 (07-04) and an ordinary one of
    ¥490,000.00 (07-05): ordinary invoices total ¥490,000.00 ≠ ¥3,490,000.00 — nothing owed.  A corrected ordinary
    invoice of ¥3,000,000.00 on Thu 07-10 10:00 completes ¥3,490,000.00: owed from 07-10 10:00; 30 days 07-11 ..
    Sat 08-09 → (Sun 08-10 off) Mon 08-11 → due 2025-08-12T00:00.  As of 08-30 12:00: 08-12 .. 08-30 = 19 days =
    ¥132,620.00; 15 days 08-12 .. 08-26 → power from 2025-08-27T00:00."""
    base = PAY_1[:4] + [f("i1", "invoice_received", T("2025-07-04"), installment=1, amount="3000000.00", kind="vat_special"),
                        f("i2", "invoice_received", T("2025-07-05"), installment=1, amount="490000.00", kind="vat_ordinary")]
    rep = run(base, T("2025-08-30", "12:00:00"))
    assert obl(rep, "pay_installment_1") == [] and rem(rep, "late_payment_damages") == []
    rep = run(base + [f("i3", "invoice_received", T("2025-07-10"), installment=1, amount="3000000.00",
                        kind="vat_ordinary")], T("2025-08-30", "12:00:00"))
    assert obl(rep, "pay_installment_1") == [("i3", "violated", "2025-08-12T00:00:00+08:00", None)]
    assert rem(rep, "late_payment_damages") == [("held", "2025-08-12T00:00:00+08:00", "132620.00")]
    assert rem(rep, "supplier_termination") == [("held", "2025-08-27T00:00:00+08:00", "349000.00")]


def test_passing_payment_before_the_invoice_is_warned_and_counts_once_the_duty_arises():
    """甲方 pays ¥3,490,000.00 on 07-03 11:00, before the invoice (07-04 10:00): the finding
    payment_before_preconditions; once the duty arises at 07-04 10:00 it is already performed (fulfilled at that
    instant), no damages."""
    rep = run(PAY_1[:4] + [pay("p", 1, "3490000.00", T("2025-07-03", "11:00:00"))] + PAY_1[4:],
              T("2025-08-30", "12:00:00"))
    assert st(rep, "pay_installment_1") == [("fulfilled", DUE_1, T("2025-07-04"))]
    assert codes(rep) == ["payment_before_preconditions"]
    assert rem(rep, "late_payment_damages") == []


PAID_1 = PAY_1 + [pay("p1", 1, "3490000.00", T("2025-07-20"))]
INST_2 = [f("mr", "midterm_report_submitted", T("2025-08-20")), f("ma", "midterm_report_approved", T("2025-08-25")),
          f("a2", "payment_application_received", T("2025-08-26"), installment=2, amount="1396000.00"),
          f("i2", "invoice_received", T("2025-08-27"), installment=2, amount="1396000.00", kind="vat_ordinary")]
DUE_2 = "2025-10-10T00:00:00+08:00"


@pytest.mark.parametrize("paid, status, damages", [
    (T("2025-10-09", "23:59:59"), "fulfilled", []),                                      # last second of 10-09
    ("2025-10-10T00:00:00+08:00", "violated", [("held", DUE_2, "6980.00")]),            # 24:00 10-09: 1 day
    (T("2025-10-11"), "violated", [("held", DUE_2, "13960.00")]),                       # make-up Sat: 10-10, 10-11
])
def test_passing_installment_2_due_after_the_national_day_paid_on_the_make_up_saturday(paid, status, damages):
    """2.2(2): two months of service from the staff's entry Tue 07-01 09:00: 07-02 .. 09-01 (a term) → passed
    2025-09-02T00:00 (24:00 09-01), with approval (08-25), application (08-26) and invoice (08-27) already there:
    owed from 09-02T00:00.  30 days 09-02 .. Wed 10-01 (National Day, off to 10-08) → Thu 10-09 → due
    2025-10-10T00:00.  A payment on Sat 10-11 (a make-up working day, but the deadline is past): 2 days = ¥13,960.00."""
    rep = run(PAID_1 + INST_2 + [pay("q", 2, "1396000.00", paid)], T("2025-10-20"))
    assert obl(rep, "pay_installment_2") == [("time:2025-09-02T00:00:00+08:00", status, DUE_2, paid)]
    assert rem(rep, "late_payment_damages") == damages


END_FEB = [f("c", "contract_signed", T("2025-12-30")), f("s", "staff_onsite", T("2025-12-31", "09:00:00"), count=2),
           f("ma", "midterm_report_approved", T("2026-02-10")),
           f("a2", "payment_application_received", T("2026-02-11"), installment=2, amount="1396000.00"),
           f("i2", "invoice_received", T("2026-02-11"), installment=2, amount="1396000.00", kind="vat_ordinary"),
           f("pg", "guarantee_submitted", T("2026-02-11"), purpose="prepayment", amount="2094000.00",
             valid_until="2026-12-31"),
           f("a3", "payment_application_received", T("2026-02-11"), installment=3, amount="2094000.00"),
           f("i3", "invoice_received", T("2026-02-11"), installment=3, amount="2094000.00", kind="vat_ordinary")]


def test_passing_two_months_of_service_from_the_last_day_of_december_end_on_the_last_day_of_february():
    """Staff enter Wed 2025-12-31 09:00 (contract in force 12-30).  "开展运维服务两个月后": from 2026-01-01, two
    months; February has no 31st → its last day, Sat 02-28, is the last day (第202条) → passed 2026-03-01T00:00.
    At 02-28 23:59:59 neither installment 2 nor 3 is owed (everything else is there since 02-11).  Owed from
    03-01T00:00 (24:00 02-28): 30 days 03-01 .. Mon 03-30 → due 2026-03-31T00:00.  As of 04-01 12:00: 03-31, 04-01 =
    2 days for each late installment (assumption late_payment_damages_basis "per late installment") = ¥13,960.00 each."""
    rep = run(END_FEB, T("2026-02-28", "23:59:59"))
    assert obl(rep, "pay_installment_2") == [] and obl(rep, "pay_installment_3") == []
    rep = run(END_FEB, T("2026-04-01", "12:00:00"))
    due = "2026-03-31T00:00:00+08:00"
    assert obl(rep, "pay_installment_2") == [("time:2026-03-01T00:00:00+08:00", "violated", due, None)]
    assert obl(rep, "pay_installment_3") == [("time:2026-03-01T00:00:00+08:00", "violated", due, None)]
    assert rem(rep, "late_payment_damages") == [("held", due, "13960.00"), ("held", due, "13960.00")]


@pytest.mark.parametrize("sub, damages", [(10, "0.00"), (19, "36.00"), (5, "45.00")])
def test_passing_interruption_damages_of_the_smallest_sub_projects(sub, damages):
    """8.2 for 甲方 on the smallest rows of 附件1: row 10 (信创终端运维服务, ¥0.00) → 1% = ¥0.00; row 19 (¥3,600.00) →
    ¥36.00; row 5 (¥4,500.00) → ¥45.00.  Outage Mon 2025-09-01 10:00, 甲方's fax 11:00: 5 days 09-02 .. Sat 09-06 →
    (Sun 09-07 off) Mon 09-08 → due 2025-09-09T00:00, unresolved → violated.  2.1(3) "超5日" is a state, not moved:
    09-02 .. 09-06 → the power to deduct from 2025-09-07T00:00 (no guarantee given: deduction_without_bond)."""
    rep = run([PAY_1[0], f("s", "service_interruption_started", T("2025-09-01"), subproject=sub, cause="supplier"),
               notice("n", T("2025-09-01", "11:00:00"), "甲方", "乙方", "service_interruption", "fax", ref="s")],
              T("2025-09-10"))
    assert st(rep, "resolve_interruption") == [("violated", "2025-09-09T00:00:00+08:00", None)]
    assert rem(rep, "interruption_damages") == [("held", "2025-09-09T00:00:00+08:00", damages)]
    assert rem(rep, "bond_deduction") == [("held", "2025-09-07T00:00:00+08:00", None)]
    assert codes(rep) == ["deduction_without_bond"]


def test_passing_conditions_and_payment_before_the_contract_took_effect():
    """甲方 signs Fri 06-20, 乙方 Fri 06-27 10:00 (11.1: in force when the later signs).  Staff (06-21), plan (06-22),
    application (06-23), invoice (06-24) and even the full payment (06-25) all come before: the duty arises only at the
    taking effect (第502条), 06-27 10:00 — 30 days 06-28 .. Sun 07-27 → Mon 07-28 → due 2025-07-29T00:00 — and is
    performed at that instant by the earlier payment; the payment made when no duty existed is warned of.  Without
    乙方's signature nothing is owed at all (contract_not_in_force)."""
    pre = [f("cA", "contract_signed", T("2025-06-20"), party="甲方"),
           f("s", "staff_onsite", T("2025-06-21"), count=2), f("pl", "service_plan_submitted", T("2025-06-22")),
           f("ap", "payment_application_received", T("2025-06-23"), installment=1, amount="3490000.00"),
           f("in", "invoice_received", T("2025-06-24"), installment=1, amount="3490000.00", kind="vat_ordinary"),
           pay("p", 1, "3490000.00", T("2025-06-25"))]
    rep = run(pre + [f("cB", "contract_signed", T("2025-06-27"), party="乙方")], T("2025-08-30"))
    assert obl(rep, "pay_installment_1") == [("cB", "fulfilled", "2025-07-29T00:00:00+08:00", T("2025-06-27"))]
    assert codes(rep) == ["payment_before_preconditions"]
    rep = run(pre, T("2025-08-30"))
    assert obl(rep, "pay_installment_1") == []
    assert codes(rep) == ["contract_not_in_force", "payment_before_preconditions"]


def test_passing_the_power_once_acquired_survives_a_late_cure():
    """8.3 "一旦逾期超出15天的，乙方还有权单方解除本合同": the power arose at 2025-08-20T00:00; 甲方 pays in full
    on Mon 08-25 10:00; 乙方 terminates on 09-01 — the power was not taken away by the late payment ("一旦").  Damages
    08-05 .. 08-25 = 21 days = ¥146,580.00; the 5% ¥349,000.00 exercised."""
    rep = run(PAY_1 + [pay("p", 1, "3490000.00", T("2025-08-25")),
                       f("t", "termination_notified", T("2025-09-01"), party="乙方", ground="late_payment")],
              T("2025-09-10"))
    assert evs(rep, "supplier_terminates") == [T("2025-09-01")]
    assert rem(rep, "late_payment_damages") == [("held", DUE_1, "146580.00")]
    assert rem(rep, "supplier_termination") == [("exercised", "2025-08-20T00:00:00+08:00", "349000.00")]


@pytest.mark.parametrize("ended, terminated, power, code", [
    ("2026-08-19T23:59:59+08:00", ["2026-08-19T23:59:59+08:00"], ("exercised", "349000.00"), []),
    ("2026-08-20T00:00:00+08:00", [], ("lapsed", "0.00"), ["termination_without_right"]),
])
def test_passing_the_power_to_terminate_lapses_after_one_year(ended, terminated, power, code):
    """第564条第2款: a power not used within one year of the day its ground arose is extinguished.  The ground arose
    at 24:00 Tue 2025-08-19 (an instant of that day, as every chained period here counts it: the 15 days began
    08-05 after the due 24:00 08-04); one year from 08-20 ends 24:00 2026-08-19.  A notice at 23:59:59 ends the
    contract with the 5%; one at 24:00 (2026-08-20T00:00) comes too late — no termination, no 5% (assumption
    termination_damages_basis "with the termination")."""
    rep = run(PAY_1 + [f("t", "termination_notified", ended, party="乙方", ground="late_payment")], T("2026-08-25"))
    assert evs(rep, "supplier_terminates") == terminated
    assert [(s, a) for s, _, a in rem(rep, "supplier_termination")] == [power]
    assert codes(rep) == code


@pytest.mark.parametrize("given, valid_until, status, fulfilled", [
    ("2026-02-28T23:59:59+08:00", "2027-03-01", "fulfilled", "2026-02-28T23:59:59+08:00"),
    ("2026-03-01T00:00:00+08:00", "2027-03-01", "violated", "2026-03-01T00:00:00+08:00"),
    # in time but valid only to 2027-02-28, not beyond 服务周期届满后三个月 (2026-11-30 + 3 months = 2027-02-28)
    (T("2026-02-27"), "2027-02-28", "violated", None),
])
def test_passing_the_bond_term_ends_on_the_last_day_of_february_a_make_up_saturday(given, valid_until, status, fulfilled):
    """Signed Sun 2025-11-30 10:00.  2.1(1) "三个月内": from 12-01; February has no 30th → Sat 2026-02-28, a make-up
    working day (春节调休), so not moved (第203条 moves only a rest day) → due 2026-03-01T00:00.  The guarantee must be
    valid beyond the service year's last day 2026-11-30 plus three months = 2027-02-28 (valid_until > that date)."""
    rep = run([f("c", "contract_signed", T("2025-11-30")),
               f("g", "guarantee_submitted", given, purpose="performance", amount="349000.00", valid_until=valid_until)],
              T("2026-03-10"))
    assert st(rep, "performance_bond") == [(status, "2026-03-01T00:00:00+08:00", fulfilled)]


def test_passing_an_extra_invoice_after_the_duty_arose_does_not_undo_it():
    """Ordinary invoices ¥3,000,000.00 (07-04) + ¥490,000.00 (Sat 07-05) total the installment (assumption
    invoice_in_parts): owed from 07-05 10:00 — 30 days 07-06 .. Mon 08-04 → due 2025-08-05T00:00.  乙方 sends one more
    ordinary invoice of ¥1,000.00 on 07-06 (the total is now ¥3,491,000.00, not "等额"): the duty that arose stays;
    unpaid: 08-05 .. 08-10 = 6 days = ¥41,880.00."""
    rep = run(PAY_1[:4] + [
        f("i1", "invoice_received", T("2025-07-04"), installment=1, amount="3000000.00", kind="vat_ordinary"),
        f("i2", "invoice_received", T("2025-07-05"), installment=1, amount="490000.00", kind="vat_ordinary"),
        f("i3", "invoice_received", T("2025-07-06"), installment=1, amount="1000.00", kind="vat_ordinary")],
        T("2025-08-10"))
    assert obl(rep, "pay_installment_1") == [("i2", "violated", DUE_1, None)]
    assert rem(rep, "late_payment_damages") == [("held", DUE_1, "41880.00")]


MIDTERM_PENDING = PAID_1 + [
    f("mr", "midterm_report_submitted", T("2025-09-05")),
    f("a2", "payment_application_received", T("2025-09-06"), installment=2, amount="1396000.00"),
    f("i2", "invoice_received", T("2025-09-06"), installment=2, amount="1396000.00", kind="vat_ordinary")]


def test_passing_installment_2_waits_on_the_mid_term_approval():
    """甲方: 2.2(2) "并经甲方审核通过后" — without the approval installment 2 is not owed, however long 甲方 is silent:
    as of 12-31 nothing owed, no 8.3 damages (the engine's reading, argued against by 乙方 below)."""
    rep = run(MIDTERM_PENDING, T("2025-12-31"))
    assert obl(rep, "pay_installment_2") == [] and rem(rep, "late_payment_damages") == []


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (18:18–): the seed's finding midterm_review_pending: an application for installment 2 while the submitted mid-term report awaits 甲方's review)
def test_a_mid_term_report_left_unreviewed_is_named_in_the_report():
    rep = run(MIDTERM_PENDING, T("2025-12-31"))
    assert any("中期服务评估报告" in x["message"] for x in rep["findings"])


def test_passing_per_day_interruption_damages_counted_by_hand():
    """Assumption interruption_damages_basis "per day": 1% of row 3 (¥175,700.00) = ¥1,757.00 for each day begun from
    2025-09-09T00:00 (the repair due of the earlier test) to 2026-02-01: 09-09 .. 09-30 (22) + 31 + 30 + 31 + 31 +
    1 = 146 days = ¥256,522.00 — 146% of the sub-project's whole budget."""
    rep = on_both_backends(PER_DAY, lines(OUTAGE_3), T("2026-02-01"))
    assert rem(rep, "interruption_damages") == [("held", "2025-09-09T00:00:00+08:00", "256522.00")]


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (18:18–): the seed's 8.2 per-day damages carry the 第585条第2款 caveat as 8.3's do)
def test_per_day_interruption_damages_carry_the_585_caveat():
    rep = on_both_backends(PER_DAY, lines(OUTAGE_3), T("2026-02-01"))
    (row,) = rows(rep, "remedies", "interruption_damages")
    assert any(s["code"] == "caveat" and "第585条" in s["args"]["text"] for s in row["steps"])


PREPAY_RELEASED = PAID_1 + [
    f("pg", "guarantee_submitted", T("2025-09-01"), purpose="prepayment", amount="2094000.00", valid_until="2026-06-28"),
    f("rel", "bond_release_assisted", T("2025-09-03"), purpose="prepayment"),
    f("a3", "payment_application_received", T("2025-09-05"), installment=3, amount="2094000.00"),
    f("i3", "invoice_received", T("2025-09-05"), installment=3, amount="2094000.00", kind="vat_ordinary")]


def test_passing_the_prepayment_chain_without_the_release_is_owed_as_counted():
    """Guard for the defect below: without the release, 2.2(3) is owed from Fri 09-05 10:00 (two months passed
    09-02T00:00; guarantee ¥2,094,000.00 valid to 2026-06-28 > the service year's last day 2026-06-27); 30 days 09-06
    .. Sun 10-05 (holiday) → Thu 10-09 → due 2025-10-10T00:00; as of 10-20 10:00: 10-10 .. 10-20 = 11 days = ¥76,780.00."""
    rep = run([x for x in PREPAY_RELEASED if x["id"] != "rel"], T("2025-10-20"))
    assert obl(rep, "pay_installment_3") == [("i3", "violated", DUE_2, None)]
    assert rem(rep, "late_payment_damages") == [("held", DUE_2, "76780.00")]


@pytest.mark.xfail(strict=True, reason=(
    "2.2(3) conditions the 30% 预付 on 乙方 providing a bank guarantee of ≥ ¥2,094,000.00 valid beyond the service "
    "period — security for a prepayment.  Here 甲方 helped end that guarantee (bond_release_assisted, purpose "
    "prepayment) on 09-03, before the application and invoice of 09-05: when the other conditions complete there is no "
    "guarantee.  The engine's condition is exists(guarantee_submitted …), blind to the release: it says "
    "pay_installment_3 owed from 09-05 10:00, violated at 10-10T00:00, and ¥76,780.00 of 8.3 damages.  Right: not owed, "
    "no damages.  (Tried in the session of 2026-12-07 (18:18–) as `not exists(bond_release_assisted r where r.at >= "
    "g.at …)` inside the guarantee's exists: right, but each guarantee then scans every release — tests/"
    "test_scale_shapes.py's guarantees grew ×5.3 for ×4 the input — so taken back; it wants the latest release read "
    "once, which the language cannot yet say: a `last(PATTERN)`.)"))
def test_a_prepayment_guarantee_already_released_does_not_satisfy_2_2_3():
    rep = run(PREPAY_RELEASED, T("2025-10-20"))
    assert obl(rep, "pay_installment_3") == []
    assert rem(rep, "late_payment_damages") == []


# ==================================================================================================== (c) termination and money

def test_passing_the_suppliers_termination_leaves_the_late_installment_owed_and_stops_the_next():
    """乙方 terminates for late payment on Mon 09-01 10:00 (power since 08-20T00:00): the 5% ¥349,000.00 is exercised.
    Installment 1 stays owed; damages run to the completing payment Fri 09-05 10:00 (damages_after_termination "accrue
    until paid"): 08-05 .. 08-31 (27) + 09-01 .. 09-05 (5) = 32 days = ¥223,360.00.  The mid-term approval, application
    and invoice for installment 2 come after the end (09-05, 09-06): nothing owed (第566条).  The performance bond,
    due 09-28 24:00 (make-up Sunday), is discharged by the end before its due instant."""
    after = [f("ma", "midterm_report_approved", T("2025-09-05")),
             f("a2", "payment_application_received", T("2025-09-06"), installment=2, amount="1396000.00"),
             f("i2", "invoice_received", T("2025-09-06"), installment=2, amount="1396000.00", kind="vat_ordinary")]
    rep = run(PAY_1 + [f("t", "termination_notified", T("2025-09-01"), party="乙方", ground="late_payment"),
                       pay("p", 1, "3490000.00", T("2025-09-05"))] + after, T("2025-11-10", "12:00:00"))
    assert evs(rep, "supplier_terminates") == [T("2025-09-01")]
    assert st(rep, "pay_installment_1") == [("violated", DUE_1, T("2025-09-05"))]
    assert rem(rep, "late_payment_damages") == [("held", DUE_1, "223360.00")]
    assert rem(rep, "supplier_termination") == [("exercised", "2025-08-20T00:00:00+08:00", "349000.00")]
    assert obl(rep, "pay_installment_2") == []
    assert st(rep, "performance_bond") == [("discharged", "2025-09-29T00:00:00+08:00", None)]


def test_passing_the_buyers_termination_without_cause_before_installment_1_is_due():
    """甲方 ends the contract without a ground on Sun 07-20 10:00, inside installment 1's payment term (due
    08-05T00:00): the unpaid installment is discharged (第566条: 尚未履行的，终止履行; 8.3: "乙方收到的款项不予退回" —
    only what was received is kept), and 乙方 holds the 8.3 5% for the unjustified termination, ¥349,000.00."""
    rep = run(PAY_1 + [f("t", "termination_notified", T("2025-07-20"), party="甲方", ground="other")],
              T("2025-08-20", "12:00:00"))
    assert st(rep, "pay_installment_1") == [("discharged", DUE_1, None)]
    assert rem(rep, "unjustified_termination_damages") == [("held", T("2025-07-20"), "349000.00")]
    assert rem(rep, "late_payment_damages") == [] and rem(rep, "supplier_termination") == []


def test_passing_the_buyers_termination_without_cause_after_the_suppliers_power_gives_one_five_percent():
    """乙方 holds the 8.3 power since 08-20T00:00; 甲方 ends the contract without cause on Mon 08-25 10:00.  The contract
    ends once: 甲方's unjustified termination gives ¥349,000.00; 乙方's own 5% (assumption termination_damages_basis
    "with the termination") lapses with the power it came with, ¥0.00 — one 5% in all.  Damages on installment 1 run
    on: 08-05 .. 09-01 = 28 days = ¥195,440.00.  (乙方 would argue 第159条 — 甲方 prevented the exercise — for a second
    5%; the rule file's reading, stated as an assumption, gives one; not argued as a defect.)"""
    rep = run(PAY_1 + [f("t", "termination_notified", T("2025-08-25"), party="甲方", ground="other")],
              T("2025-09-01", "12:00:00"))
    assert rem(rep, "supplier_termination") == [("lapsed", "2025-08-20T00:00:00+08:00", "0.00")]
    assert rem(rep, "unjustified_termination_damages") == [("held", T("2025-08-25"), "349000.00")]
    assert rem(rep, "late_payment_damages") == [("held", DUE_1, "195440.00")]


def test_passing_an_outage_running_past_a_public_interest_termination_gives_no_deduction():
    """甲方 (for 乙方's side of it): an outage of row 3 from Thu 08-28 10:00; 甲方 ends the contract for the public
    interest (3.1.3) on Sat 08-30 10:00.  "超5日" would be reached at 2025-09-03T00:00 — after the end, when no service
    was owed any more: no 2.1(3) deduction.  A leak found after the end (09-02): the 2-hour written notice survives
    (附件2 六; violated at 12:00), but no deduction either."""
    base = [f("c", "contract_signed", T("2025-06-27")),
            f("g", "guarantee_submitted", T("2025-07-10"), purpose="performance", amount="349000.00",
              valid_until="2026-12-31"),
            f("x", "public_interest_harm_found", T("2025-08-27")),
            f("t", "termination_notified", T("2025-08-30"), party="甲方", ground="public_interest")]
    rep = run(base + [f("s", "service_interruption_started", T("2025-08-28"), subproject=3, cause="supplier"),
                      f("d", "data_leak_discovered", T("2025-09-02"), cause="supplier")], T("2025-09-10"))
    assert evs(rep, "buyer_terminates") == [T("2025-08-30")]
    assert rem(rep, "bond_deduction") == []
    assert st(rep, "breach_notice") == [("violated", T("2025-09-02", "12:00:00"), None)]
    assert codes(rep) == []


# ==================================================================================================== (b) acceptance

SIGN_JAN = [f("c", "contract_signed", T("2025-01-09")),
            f("g", "guarantee_submitted", T("2025-02-10"), purpose="performance", amount="349000.00",
              valid_until="2026-04-30")]
APPLIED = SIGN_JAN + [f("a", "acceptance_applied", T("2026-02-05"))]
REVIEW_DUE = "2026-02-27T00:00:00+08:00"


def test_passing_silence_over_the_spring_festival_is_deemed_acceptance_on_the_10th_working_day():
    """乙方: applied Thu 2026-02-05 10:00.  10 working days: 02-06 (1), 02-09 .. 02-13 (2-6), Sat 02-14 make-up (7),
    02-15 .. 02-23 Spring Festival skipped, 02-24 (8), 02-25 (9), 02-26 (10) → due 2026-02-27T00:00; silence → 视为验收
    合格 at that instant (24:00 02-26).  Then 2.1(2) release: 30 days 02-27 .. Sat 03-28 → (Sun 03-29) Mon 03-30 → due
    2026-03-31T00:00; 5.3 handover: one month from 02-26 → 03-26 → due 2026-03-27T00:00.  2.2(4): the service year
    ended 2026-01-10T00:00; 30 days 01-10 .. Sun 02-08 → Mon 02-09 → due 02-10T00:00, nothing organised: violated
    (assumption acceptance_after_late_application "30 days stand")."""
    rep = run(APPLIED, T("2026-02-27", "12:00:00"))
    assert evs(rep, "service_end") == ["2026-01-10T00:00:00+08:00"]
    assert st(rep, "acceptance_review") == [("violated", REVIEW_DUE, None)]
    assert evs(rep, "deemed_acceptance") == [REVIEW_DUE]
    assert st(rep, "release_bond") == [("active", "2026-03-31T00:00:00+08:00", None)]
    assert st(rep, "handover") == [("active", "2026-03-27T00:00:00+08:00", None)]
    assert st(rep, "organize_acceptance") == [("violated", "2026-02-10T00:00:00+08:00", None)]


@pytest.mark.parametrize("answered, review, deemed, resubmit, deduction", [
    # the last second of 02-26: in time; a rejection → resubmit within 30 days 02-27 .. Sat 03-28 → Mon 03-30 →
    # due 03-31T00:00; 2.1(3) "未通过验收" (assumption failed_review_fails).
    (T("2026-02-26", "23:59:59"), "fulfilled", [], [("active", "2026-03-31T00:00:00+08:00", None)],
     [("held", T("2026-02-26", "23:59:59"), None)]),
    # 24:00 02-26 (written 02-27 00:00): late; the project is deemed accepted at that very instant, so the rejection
    # given then changes nothing — no resubmission, no deduction (5.2.1 一次性验收).
    ("2026-02-27T00:00:00+08:00", "violated", [REVIEW_DUE], [], []),
    # Tue 02-17, a Spring Festival holiday, inside the period: an answer on a holiday is an answer.  Resubmit within
    # 30 days 02-18 .. Thu 03-19 → due 03-20T00:00; none by then → violated.
    (T("2026-02-17"), "fulfilled", [], [("violated", "2026-03-20T00:00:00+08:00", None)], [("held", T("2026-02-17"), None)]),
])
def test_passing_a_rejection_at_the_last_second_at_24_00_and_on_a_holiday(answered, review, deemed, resubmit, deduction):
    rep = run(APPLIED + [f("r", "acceptance_review_completed", answered, passed=False)], T("2026-03-20", "12:00:00"))
    assert [(s, d) for s, d, _ in st(rep, "acceptance_review")] == [(review, REVIEW_DUE)]
    assert evs(rep, "deemed_acceptance") == deemed
    assert st(rep, "resubmit_acceptance") == resubmit
    assert rem(rep, "bond_deduction") == deduction


def test_passing_rejection_and_resubmission_then_silence():
    """Rejected Thu 02-12 10:00 (in time); 乙方 resubmits Mon 03-02 10:00 (within 30 days 02-13 .. Sat 03-14 →
    Mon 03-16).  Second review: 10 working days 03-03 .. 03-06 (4), 03-09 .. 03-13 (9), 03-16 (10) → due
    2026-03-17T00:00; silence → deemed accepted then.  Release: 30 days 03-17 .. Wed 04-15 → due 04-16T00:00; handover:
    one month from 03-16 → Thu 04-16 → due 04-17T00:00.  The first rejection's 2.1(3) right stays (it was a failed
    acceptance when made)."""
    rep = run(APPLIED + [f("r", "acceptance_review_completed", T("2026-02-12"), passed=False),
                         f("a2", "acceptance_applied", T("2026-03-02"))], T("2026-03-17", "12:00:00"))
    assert obl(rep, "acceptance_review") == [("a", "fulfilled", REVIEW_DUE, T("2026-02-12")),
                                             ("a2", "violated", "2026-03-17T00:00:00+08:00", None)]
    assert st(rep, "resubmit_acceptance") == [("fulfilled", "2026-03-17T00:00:00+08:00", T("2026-03-02"))]
    assert evs(rep, "deemed_acceptance") == ["2026-03-17T00:00:00+08:00"]
    assert st(rep, "release_bond") == [("active", "2026-04-16T00:00:00+08:00", None)]
    assert st(rep, "handover") == [("active", "2026-04-17T00:00:00+08:00", None)]
    assert rem(rep, "bond_deduction") == [("held", T("2026-02-12"), None)]


@pytest.mark.parametrize("applied, due", [
    # on make-up Sat 02-14 (a working day, but the day of the application is not counted): 02-24 .. 02-27 (1-4),
    # Sat 02-28 (5), 03-02 .. 03-06 (6-10) → due 2026-03-07T00:00.
    (T("2026-02-14"), "2026-03-07T00:00:00+08:00"),
    # on Tue 02-17, a holiday: the same count.
    (T("2026-02-17"), "2026-03-07T00:00:00+08:00"),
    # on make-up Sat 02-28: 03-02 .. 03-06 (1-5), 03-09 .. 03-13 (6-10) → due 2026-03-14T00:00.
    (T("2026-02-28"), "2026-03-14T00:00:00+08:00"),
])
def test_passing_an_application_on_a_make_up_saturday_or_a_holiday(applied, due):
    rep = run(SIGN_JAN + [f("a", "acceptance_applied", applied)], T("2026-03-20"))
    assert st(rep, "acceptance_review") == [("violated", due, None)]
    assert evs(rep, "deemed_acceptance") == [due]


def test_passing_a_review_passed_after_its_deadline_changes_nothing():
    """甲方 passes the review on Fri 02-27 10:00, ten hours after the project was deemed accepted (24:00 02-26): the
    review is late (violated, performed late); no expert meeting is owed (5.2.1 一次性验收); release and handover
    run from the deemed acceptance (due 03-31T00:00 and 03-27T00:00 as counted above)."""
    rep = run(APPLIED + [f("r", "acceptance_review_completed", T("2026-02-27"), passed=True)], T("2026-03-20"))
    assert st(rep, "acceptance_review") == [("violated", REVIEW_DUE, T("2026-02-27"))]
    assert st(rep, "acceptance_meeting") == []
    assert evs(rep, "deemed_acceptance") == [REVIEW_DUE]
    assert st(rep, "release_bond") == [("active", "2026-03-31T00:00:00+08:00", None)]
    assert st(rep, "handover") == [("active", "2026-03-27T00:00:00+08:00", None)]


def test_passing_an_acceptance_after_the_suppliers_termination_winds_nothing_up():
    """Installment 1 never paid (power since 2025-08-20).  The service year ends 2026-06-28T00:00; 乙方 applies Mon
    06-29 and terminates on Mon 07-06 10:00 while the review runs (due 07-14T00:00): the review is discharged, no
    deemed acceptance; an expert acceptance held on 07-08 after the end gives no release or handover duty.  Damages
    run on: 2025-08-05 .. 12-31 (149) + 2026-01-01 .. 07-20 (201) = 350 days × ¥6,980.00 = ¥2,443,000.00."""
    rep = run(PAY_1 + [f("a", "acceptance_applied", T("2026-06-29")),
                       f("t", "termination_notified", T("2026-07-06"), party="乙方", ground="late_payment"),
                       f("h", "acceptance_held", T("2026-07-08"), passed=True)], T("2026-07-20"))
    assert st(rep, "acceptance_review") == [("discharged", "2026-07-14T00:00:00+08:00", None)]
    assert evs(rep, "deemed_acceptance") == []
    assert st(rep, "release_bond") == [] and st(rep, "handover") == []
    assert rem(rep, "late_payment_damages") == [("held", DUE_1, "2443000.00")]


PASSED_REVIEW = APPLIED + [f("r", "acceptance_review_completed", T("2026-02-13", "15:00:00"), passed=True)]
MEETING_DUE = "2026-03-06T00:00:00+08:00"


@pytest.mark.parametrize("held, meeting, deemed, deduction", [
    # the meeting's 10 working days from Fri 02-13 15:00: Sat 02-14 (1), 02-24 .. 02-27 (2-5), Sat 02-28 (6),
    # 03-02 .. 03-05 (7-10) → due 2026-03-06T00:00.
    ([f("h", "acceptance_held", T("2026-03-05", "23:59:59"), passed=True)], "fulfilled", [], []),
    ([], "violated", [MEETING_DUE], []),
    # a failed meeting at 24:00 03-05: late; deemed accepted at that instant; the failure changes nothing.
    ([f("h", "acceptance_held", MEETING_DUE, passed=False)], "violated", [MEETING_DUE], []),
])
def test_passing_the_expert_meeting_over_both_make_up_saturdays(held, meeting, deemed, deduction):
    """Both endings fall on Qingming: release 30 days from 03-06 → Sat 04-04 (Qingming 04-04 .. 04-06) → Tue 04-07 →
    due 2026-04-08T00:00; handover one month from 03-05 → Sun 04-05 → Tue 04-07 → due 04-08T00:00 — whether the
    meeting passed at 03-05 23:59:59 or the project was deemed accepted at 24:00 03-05."""
    rep = run(PASSED_REVIEW + held, T("2026-03-10"))
    assert [s for s, _, _ in st(rep, "acceptance_meeting")] == [meeting]
    assert [d for _, d, _ in st(rep, "acceptance_meeting")] == [MEETING_DUE]
    assert evs(rep, "deemed_acceptance") == deemed
    assert [d for _, d, _ in st(rep, "release_bond")] == ["2026-04-08T00:00:00+08:00"]
    assert [d for _, d, _ in st(rep, "handover")] == ["2026-04-08T00:00:00+08:00"]
    assert rem(rep, "bond_deduction") == deduction
    assert st(rep, "resubmit_acceptance") == []


def test_passing_a_failed_meeting_then_resubmission_over_the_spring_festival():
    """Applied Mon 2026-01-12; review passed Fri 01-16 (due: 01-13 .. 01-16, 01-19 .. 01-23, 01-26 → 01-27T00:00);
    meeting Fri 01-23 failed (due: 01-19 .. 01-23, 01-26 .. 01-30 → 01-31T00:00) → 2.2(4) organised in time (the
    service year ended 01-10T00:00, due 02-10T00:00), 2.1(3) right, resubmission within 30 days 01-24 .. Sun 02-22
    (Spring Festival) → Tue 02-24 → due 02-25T00:00; resubmitted Thu 02-05; its review silent → deemed accepted
    2026-02-27T00:00 (the count of the first test)."""
    rep = run(SIGN_JAN + [f("a", "acceptance_applied", T("2026-01-12")),
                          f("r", "acceptance_review_completed", T("2026-01-16"), passed=True),
                          f("h", "acceptance_held", T("2026-01-23"), passed=False),
                          f("a2", "acceptance_applied", T("2026-02-05"))], T("2026-02-27", "12:00:00"))
    assert obl(rep, "acceptance_review") == [("a", "fulfilled", "2026-01-27T00:00:00+08:00", T("2026-01-16")),
                                             ("a2", "violated", REVIEW_DUE, None)]
    assert st(rep, "acceptance_meeting") == [("fulfilled", "2026-01-31T00:00:00+08:00", T("2026-01-23"))]
    assert st(rep, "organize_acceptance") == [("fulfilled", "2026-02-10T00:00:00+08:00", T("2026-01-23"))]
    assert st(rep, "resubmit_acceptance") == [("fulfilled", "2026-02-25T00:00:00+08:00", T("2026-02-05"))]
    assert rem(rep, "bond_deduction") == [("held", T("2026-01-23"), None)]
    assert evs(rep, "deemed_acceptance") == [REVIEW_DUE]


def test_passing_two_full_cycles_each_with_its_own_meeting_and_deduction():
    """Cycle 1 as in the previous test (meeting failed Fri 01-23).  Cycle 2: resubmitted Thu 02-05, review passed Fri
    02-13 15:00 (in time), meeting due 2026-03-06T00:00 (both make-up Saturdays counted).  If the second meeting fails
    on Thu 03-05 10:00: a second 2.1(3) right and a second resubmission duty — 30 days 03-06 .. Sat 04-04 (Qingming
    04-04 .. 04-06) → Tue 04-07 → due 2026-04-08T00:00, none by 04-10: violated.  If it is never held: deemed
    accepted at 24:00 03-05; release and handover both due 04-08T00:00 (counted above)."""
    cycle = SIGN_JAN + [f("a", "acceptance_applied", T("2026-01-12")),
                        f("r", "acceptance_review_completed", T("2026-01-16"), passed=True),
                        f("h", "acceptance_held", T("2026-01-23"), passed=False),
                        f("a2", "acceptance_applied", T("2026-02-05")),
                        f("r2", "acceptance_review_completed", T("2026-02-13", "15:00:00"), passed=True)]
    rep = run(cycle + [f("h2", "acceptance_held", T("2026-03-05"), passed=False)], T("2026-04-10"))
    assert obl(rep, "acceptance_meeting") == [("r", "fulfilled", "2026-01-31T00:00:00+08:00", T("2026-01-23")),
                                              ("r2", "fulfilled", MEETING_DUE, T("2026-03-05"))]
    assert obl(rep, "resubmit_acceptance") == [("h", "fulfilled", "2026-02-25T00:00:00+08:00", T("2026-02-05")),
                                               ("h2", "violated", "2026-04-08T00:00:00+08:00", None)]
    assert rem(rep, "bond_deduction") == [("held", T("2026-01-23"), None), ("held", T("2026-03-05"), None)]
    assert evs(rep, "deemed_acceptance") == []
    rep = run(cycle, T("2026-03-10"))
    assert evs(rep, "deemed_acceptance") == [MEETING_DUE]
    assert st(rep, "release_bond") == [("active", "2026-04-08T00:00:00+08:00", None)]
    assert st(rep, "handover") == [("active", "2026-04-08T00:00:00+08:00", None)]


SIGN_JUN = [f("c", "contract_signed", T("2025-06-27"))]


@pytest.mark.parametrize("applied, review", [
    # one second before the service year ends (24:00 Sat 2026-06-27): premature, starts nothing (5.2.1).
    (T("2026-06-27", "23:59:59"), []),
    # at 24:00 06-27 (written 06-28 00:00): the year has ended; 10 working days 06-29 .. 07-03, 07-06 .. 07-10 →
    # due 2026-07-11T00:00 → deemed accepted then.
    ("2026-06-28T00:00:00+08:00", [("violated", "2026-07-11T00:00:00+08:00", None)]),
    # on Sunday 06-28 10:00: the same count (06-28 is no working day).
    (T("2026-06-28"), [("violated", "2026-07-11T00:00:00+08:00", None)]),
])
def test_passing_an_application_at_the_end_of_the_service_year(applied, review):
    rep = run(SIGN_JUN + [f("a", "acceptance_applied", applied)], T("2026-07-20"))
    assert st(rep, "acceptance_review") == review
    assert evs(rep, "deemed_acceptance") == ([review[0][1]] if review else [])
    assert ("premature_acceptance_application" in codes(rep)) == (not review)


def test_passing_a_prepayment_guarantee_expiring_after_deemed_acceptance_needs_no_release():
    """乙方 applied Mon 2026-06-29; 10 working days 06-30 .. 07-03 (4), 07-06 .. 07-10 (9), Mon 07-13 (10) → deemed
    accepted 2026-07-14T00:00.  2.2(4) (assumption prepayment_guarantee_release): 甲方 helps end the prepayment
    guarantee within 30 days 07-14 .. Wed 08-12 → due 08-13T00:00 — but that guarantee's validity ends 2026-07-15:
    "或银行保函到期自动失效" → performed at 24:00 07-15 (07-16T00:00).  The performance-bond release (no performance
    bond was ever given: release_without_guarantee) stays open to 08-13T00:00; handover: one month from 07-13 →
    Thu 08-13 → due 08-14T00:00.  2.2(4)'s own 30 days (06-28 .. Mon 07-27 → 07-28T00:00) are excused by the
    acceptance."""
    rep = run(SIGN_JUN + [f("pg", "guarantee_submitted", T("2025-09-05"), purpose="prepayment", amount="2094000.00",
                            valid_until="2026-07-15"),
                          f("a", "acceptance_applied", T("2026-06-29"))], T("2026-07-20", "12:00:00"))
    assert evs(rep, "deemed_acceptance") == ["2026-07-14T00:00:00+08:00"]
    assert st(rep, "release_prepayment_guarantee") == [("fulfilled", "2026-08-13T00:00:00+08:00",
                                                         "2026-07-16T00:00:00+08:00")]
    assert st(rep, "release_bond") == [("active", "2026-08-13T00:00:00+08:00", None)]
    assert st(rep, "handover") == [("active", "2026-08-14T00:00:00+08:00", None)]
    assert st(rep, "organize_acceptance") == [("excused", "2026-07-28T00:00:00+08:00", None)]
    assert codes(rep) == ["release_without_guarantee"]


@pytest.mark.parametrize("ended, review, deemed, wind_up", [
    # one second before the deemed instant: the review is discharged, no deemed acceptance, nothing to wind up.
    (T("2026-07-13", "23:59:59"), "discharged", [], False),
    # at the deemed instant (24:00 07-13): the 10 working days ran out while the contract was in force — deemed
    # accepted at that instant; the release and the handover survive the end (assumption wind_up_after_termination).
    ("2026-07-14T00:00:00+08:00", "violated", ["2026-07-14T00:00:00+08:00"], True),
])
def test_passing_force_majeure_termination_at_or_just_before_the_deemed_acceptance(ended, review, deemed, wind_up):
    """A long force majeure of 甲方 from 2026-07-01; 甲方 ends the contract for it (8.4).  Application Mon 06-29:
    review due 2026-07-14T00:00 (previous test)."""
    rep = run(SIGN_JUN + [f("fm", "force_majeure_occurred", T("2026-07-01"), party="甲方"),
                          f("a", "acceptance_applied", T("2026-06-29")),
                          f("t", "termination_notified", ended, party="甲方", ground="force_majeure")],
              T("2026-07-20", "12:00:00"))
    assert evs(rep, "force_majeure_terminates") == [ended]
    assert [s for s, _, _ in st(rep, "acceptance_review")] == [review]
    assert evs(rep, "deemed_acceptance") == deemed
    assert bool(st(rep, "handover")) == wind_up and bool(st(rep, "release_bond")) == wind_up
    assert rem(rep, "unjustified_termination_damages") == []


# ==================================================================================================== the Chinese text

def test_passing_text_report_of_a_part_payment_and_the_suppliers_termination(tmp_path):
    """¥3,000,000.00 of installment 1 paid 08-06; 乙方 terminates 09-01.  As of 09-10 12:00: 08-05 .. 09-10 = 37 days
    × ¥6,980.00 = ¥258,260.00 still running; the text must say so in Chinese, with the part payment that does not
    complete the installment and the 5% kept after the termination."""
    out = text_report(PAY_1 + [pay("p1", 1, "3000000.00", T("2025-08-06", "15:00:00")),
                               f("t", "termination_notified", T("2025-09-01"), party="乙方", ground="late_payment")],
                      T("2025-09-10", "12:00:00"), tmp_path)
    assert "合同于 2025年9月1日10时（2025-09-01T10:00:00+08:00） 终止：乙方因逾期付款解除合同" in out
    assert "共 37 日 × 每日 ¥6,980.00 = ¥258,260.00" in out
    assert "付款金额 ¥3,000,000.00）（p1）（数值 ¥3,000,000.00，条件要求 ≥ ¥3,490,000.00）" in out
    assert "乙方 ¥349,000.00（已解除合同，违约金仍可主张）" in out
    assert "Traceback" not in out


def test_passing_text_report_counts_the_make_up_saturday_and_says_deemed_acceptance(tmp_path):
    out = text_report(APPLIED, T("2026-02-27", "12:00:00"), tmp_path)
    assert "第7日 2026年2月14日（星期六，调休上班日（春节调休））" in out
    assert "2026年2月17日（星期二，法定节假日（春节））" in out
    assert "第10日 2026年2月26日（星期四，工作日）" in out
    assert "事件 视为验收合格（deemed_acceptance）：2026年2月26日24时（2026-02-27T00:00:00+08:00）" in out
    assert "Traceback" not in out


def test_passing_text_report_moves_the_due_day_over_the_national_day(tmp_path):
    """Installment 2 (INST_2) paid Sat 10-11: the text names every holiday day it skips, the first working day Thu
    10-09, the late payment, and 2 days × ¥6,980.00."""
    out = text_report(PAID_1 + INST_2 + [pay("q", 2, "1396000.00", T("2025-10-11"))], T("2025-10-20"), tmp_path)
    assert "2025年10月6日（星期一，法定节假日（中秋节））" in out
    assert "以其后的第一个工作日 2025年10月9日（星期四，工作日） 为期间的最后一日" in out
    assert "逾期履行：2025年10月11日10时 甲方付款（期次 2，付款金额 ¥1,396,000.00）（q），已晚于期限 2025年10月9日24时" in out
    assert "共 2 日 × 每日 ¥6,980.00 = ¥13,960.00" in out
