"""Opposing counsel, round 40: arguing each side in turn on the SPEC'S STATED RULES at their exact boundaries (the last
second of a period and the first after, a last day that is a rest day followed by a MAKE-UP working day, a last day
inside a holiday run, a deemed delivery on a holiday, a fact known by its DAY ALONE on the boundary day, 24:00 of a
day against 00:00 of the next), the SAME REPORT ASKED SEVERAL WAYS (`evaluate`, `evaluate_many`, the Session API fed
the facts one by one with a duplicate and a same-instant pair out of order, `qiyue eval --as-of A,B` in JSON and in
text), what a party may still do AFTER A TERMINATION (第566–567条) on each ground of the contract and with the notice
deemed delivered by each method of clause 10, and the daily damages of 8.3 counted across many days and read in the
text report as a lawyer reads them.

Every expected figure is counted by hand from the contract (shared/seeds/000_2fd1bbbed6f06600.txt), the interface
(shared/spec/seed-contract-interface.md), the rules of time (shared/spec/time-and-law.md) and the law (民法典 第201–204、
502、562–567、1259条), with the official calendar (chinese_calendar.is_workday, checked by the first test):
  2025 — Mon 08-04, Tue 08-05, Tue 08-19, Wed 08-20, Mon 09-01, Tue 09-02, Wed 09-03, Fri 09-05, Thu 09-25, Fri 09-26
         working; Sat 09-06, Sun 09-07 off; Sat 09-27 off, Sun 09-28 a MAKE-UP working day, Mon 09-29, Tue 09-30 working;
         Wed 10-01 .. Wed 10-08 off (National Day / Mid-Autumn), Thu 10-09, Fri 10-10 working.
  2026 — Sat 03-07 off, Tue 03-10, Wed 03-11 working; Fri 04-10 working; Sat 06-27, Sun 06-28 off; Fri 07-17, Mon 07-20
         .. Fri 07-24, Mon 07-27 .. Fri 07-31 working, Sat/Sun 07-18, 07-19, 07-25, 07-26 off; Wed 08-19, Thu 08-20
         working; Sun 08-30 off, Mon 08-31, Tue 09-01 working; Fri 09-25 off (Mid-Autumn), Sat 09-26, Sun 09-27 off,
         Mon 09-28 .. Wed 09-30 working, Thu 10-01 .. Wed 10-07 off (National Day), Thu 10-08, Fri 10-09 working,
         Sat 10-10 a MAKE-UP working day, Sun 10-11 off, Mon 10-12 .. Thu 10-15 working.

Conventions of the hand counts:
  SIGN   both sign Fri 2025-06-27 10:00 (11.1): in force from that instant (第502条).  The service year (1.4, a term, not
         moved) ends 24:00 Sat 2026-06-27 → service_end 2026-06-28T00:00.  2.1(1): 3 months → Sat 09-27 (rest) → Sun
         09-28 (make-up working day) → due 2025-09-29T00:00.
  PAY_1  (seedfacts) installment 1 owed from Fri 2025-07-04 10:00; payment_term 30 days: 07-05 .. Sun 08-03 (rest) →
         Mon 08-04 → due 2025-08-05T00:00.  8.3: ¥6,980,000.00 × 0.1% = ¥6,980.00 for each day begun from 08-05;
         "逾期超出15天" 08-05 .. 08-19 (a term) → 乙方's power with 5% = ¥349,000.00 from 2025-08-20T00:00 (24:00 of 08-19).
  INST_2 two months of service from the staff's arrival Tue 2025-07-01 09:00 (a term, 第201–202条) have passed at
         24:00 of Mon 09-01 = 2025-09-02T00:00 (the spec's own example); report approved 08-29, application 08-30 and
         invoice 08-31 for ¥1,396,000.00: installment 2 owed from 2025-09-02T00:00; 30 days 09-02 .. Wed 10-01
         (holiday through 10-08) → Thu 10-09 → due 2025-10-10T00:00.
  SUB_3  附件1 row 3 (贵州省区划地名管理服务系统运维项目) ¥175,700.00: 1% = ¥1,757.00.
  24:00  An instant at 24:00 of day D (a period that closes D, a deemed event "at" it) belongs to D for further day
         counting (time-and-law.md "An event at 24:00"), but it comes AFTER every instant of D: a fact recorded by its
         day alone "D" happened at some instant of D (00:00 .. 23:59:59), so strictly before 24:00 of D, and strictly
         after 24:00 of D-1.

Defects found (strict xfail; no engine or rule patch this round) — four causes, ten strict xfails:
  A. A termination known by its DAY ALONE on day D (a termination_notified "D", or — on termination_effective "on
     delivery of the notice" — an express or registered letter deemed delivered "on the 3rd day", a day without an
     hour) is treated as possibly LATER than what falls at 24:00 of that same day; the report then says "本项产生于同日
     D日24时，在合同终止之前还是之后无法判断" (undetermined) where the answer is certain — the contract had ended:
       A1. 1.4: the service year's end (24:00 Sat 2026-06-27) is still deemed after 甲方's termination of 06-27, and
           2.2(4) organize_acceptance hangs "undetermined" on it — by a termination_notified "2026-06-27", and by a
           termination letter sent by express on Wed 06-24 (deemed delivered on Sat 06-27, 10.3.3).
       A2. 8.3: 甲方 ends the contract without cause on "2025-08-19": 乙方's power to terminate with 5% (¥349,000.00),
           which would arise only at 24:00 of 08-19, is listed "undetermined ¥349,000.00" beside the ¥349,000.00 of the
           termination itself.
       A3. 2.2(2): terminated on "2025-09-01", the installment owed only from 24:00 of 09-01 (two months of service)
           is "undetermined" — ¥1,396,000.00 and its 30 days — instead of never owed; the text summary lists it under
           "待定 1 项" and `qiyue eval --strict` exits 3 on a stream where nothing is in doubt.
       A4. 2.1(3): terminated on "2025-09-06", a power to deduct that would arise at 24:00 of 09-06 ("超5日") is
           "undetermined" instead of never arising.
     engine/run/evaluator.py `Evaluator.apply` (line ~3127: `moment.day != self.ended.day`) and the `derived` branch of
     the event loop (line ~1360: `e.moment.day == self.ended.day`) compare the DAY of an instant that is 24:00 of D
     (whose `day` is D) with the end's day, so an end of that day alone "may have come first"; the same test in
     `doubt_step`.  Fix: a moment at `Moment.end_of_day(self.ended.day).at` is after an end known by that day alone.
  B. 2.2(2) finding payment_before_preconditions: installment 2 paid on "2025-09-01" (day alone) — every instant of
     that day is before the two months end at 24:00 — raises no finding, while the same payment at 09-01 23:59:59
     does.  engine/run/evaluator.py `fire`: a finding on a fact of its day alone is asked again at
     `Moment.end_of_day(day)` (PHASE_DEADLINE), AFTER the time root `passed(2 months …)` of that very instant has made
     the installment owed; it should be asked as of the last instant of the day, before what happens at 24:00.
  C. 附件2 六: cooperation_end = earliest(ended, service_period.end).  A termination on "2026-06-28" (day alone, or at
     2026-06-28T00:00) comes after the service year ended at 24:00 of 06-27, yet the confidentiality duty's term moves
     from 2029-06-28T00:00 to 2029-06-29T00:00 — one day longer.  engine/run/compiler.py `Compiler.call` (earliest /
     latest): of two moments at the same instant (00:00 of 06-28 and 24:00 of 06-27) it keeps the first argument's day
     (06-28); `_earliest` likewise lets a day-alone 06-28 win.  The earlier is the one closing the earlier day.
  D. 8.3 (`because`, text report), on damages_after_termination = "until the contract ends": damages counted to a
     termination known by its day alone ("2025-09-03") say "合同于 2025年9月3日0时 终止" — an hour the record never
     gave (the header says "2025年9月3日（时刻不明）").  engine/run/state.py `Remedy.accrued` puts the end's bare Moment
     in the `accrued_to_end` step (no day-alone mark, as `_cited(moment, bare)` gives elsewhere).

Runs go through seedfacts.on_both_backends (the reference's report; the durable backend's must be the very same JSON
where durable_rules is installed); the text and JSON reports of the CLI through `python -m engine.cli` as a user runs
them.
"""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from seedfacts import PAY_1, fact as f, lines, notice, on_both_backends, rows, verdicts

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


def pay(id_, at, amount="3490000.00", installment=1):
    return f(id_, "payment_made", at, installment=installment, amount=amount)


INST_2 = PAY_1 + [pay("p1", T("2025-07-10")), f("mr", "midterm_report_approved", T("2025-08-29")),
                  f("ap2", "payment_application_received", T("2025-08-30"), installment=2, amount="1396000.00"),
                  f("in2", "invoice_received", T("2025-08-31"), installment=2, amount="1396000.00",
                    kind="vat_ordinary")]


def run(rules, facts, as_of):
    return on_both_backends(rules, lines(facts), as_of)


def live(rep, name):
    """(trigger, status, due, fulfilled_at) of each triggered row of one obligation."""
    return [(o["trigger"], o["status"], o["due"], o["fulfilled_at"]) for o in rows(rep, "obligations", name)
            if o["status"] != "inactive"]


def one(rep, name):
    (o,) = [o for o in rows(rep, "obligations", name) if o["status"] != "inactive"]
    return o


def rem(rep, name):
    return [(r["status"], r["since"], r["amount"]) for r in rows(rep, "remedies", name)]


def events(rep, name):
    return [e["at"] for e in rows(rep, "events", name)]


def codes(rep):
    return sorted(x["code"] for x in rep["findings"] if x["code"] not in ("open_point", "amount_words_mismatch"))


def ended(rep):
    life = rep["contract_life"]
    return life["ended"], life["ended_by"]


def _compiled(assume):
    from engine.api import compile_file

    rules = compile_file(RULES, assume=assume)
    yield rules
    plan = getattr(rules, "_live_plan", None)
    if plan is not None:
        plan.close()


@pytest.fixture(scope="module")
def on_delivery():
    """termination_effective = "on delivery of the notice" (第565条: the contract ends when the notice arrives, 10.3)."""
    yield from _compiled({"termination_effective": '"on delivery of the notice"'})


@pytest.fixture(scope="module")
def to_the_end():
    """damages_after_termination = "until the contract ends"."""
    yield from _compiled({"damages_after_termination": '"until the contract ends"'})


def cli(tmp_path, facts, as_of, fmt, *extra):
    path = tmp_path / "facts.jsonl"
    path.write_text("\n".join(lines(facts)) + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(RULES), "--facts", str(path),
                          "--as-of", as_of, "--format", fmt, *extra], capture_output=True, text=True, cwd=ROOT,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


# ---------------------------------------------------------------------------------------------------- the calendar

def test_passing_the_calendar_days_of_the_hand_counts():
    import chinese_calendar as cc

    working = ["2025-08-04", "2025-08-05", "2025-08-19", "2025-08-20", "2025-09-01", "2025-09-02", "2025-09-03",
               "2025-09-05", "2025-09-25", "2025-09-26", "2025-09-28", "2025-09-29", "2025-09-30", "2025-10-09",
               "2025-10-10", "2026-03-10", "2026-03-11", "2026-04-10", "2026-07-17", "2026-07-20", "2026-07-21",
               "2026-07-22", "2026-07-23", "2026-07-24", "2026-07-27", "2026-07-28", "2026-07-29", "2026-07-30",
               "2026-07-31", "2026-08-19", "2026-08-20", "2026-08-31", "2026-09-01", "2026-09-28", "2026-09-29",
               "2026-09-30", "2026-10-08", "2026-10-09", "2026-10-10", "2026-10-12", "2026-10-13", "2026-10-14",
               "2026-10-15"]
    off = ["2025-09-06", "2025-09-07", "2025-09-27", "2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04",
           "2025-10-05", "2025-10-06", "2025-10-07", "2025-10-08", "2026-03-07", "2026-06-27", "2026-06-28",
           "2026-07-18", "2026-07-19", "2026-07-25", "2026-07-26", "2026-08-30", "2026-09-25", "2026-09-26",
           "2026-09-27", "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06",
           "2026-10-07", "2026-10-11"]
    assert [d for d in working if not cc.is_workday(date.fromisoformat(d))] == []
    assert [d for d in off if cc.is_workday(date.fromisoformat(d))] == []
    # the make-up working days the counts rest on fall on a weekend
    assert date(2025, 9, 28).weekday() == 6 and date(2026, 10, 10).weekday() == 5
    assert date(2026, 9, 25).weekday() == 4  # a Friday, and a holiday (Mid-Autumn 2026)


# ---------------------------------------------------------------------------------------------------- spec rules at their edges

@pytest.mark.parametrize("valid_until, status, fulfilled", [
    ("2026-09-27", "violated", None),               # ends WITH the three months: not "大于"
    ("2026-09-28", "fulfilled", T("2025-07-10")),   # the first day beyond them
])
def test_passing_the_bond_must_outlive_three_months_after_the_service_year(seed, valid_until, status, fulfilled):
    """2.1(1) "有效期大于本合同1.4条约定的服务周期届满后三个月".  The service year's last day is Sat 2026-06-27; three
    months after it (第201–202条: from 06-28, corresponding day) end 24:00 of Sun 2026-09-27.  A guarantee valid until
    09-27 lasts exactly as long — not longer; one valid until 09-28 is.  The duty is due 2025-09-29T00:00 (SIGN)."""
    g = f("g", "guarantee_submitted", T("2025-07-10"), purpose="performance", amount="349000.00",
          valid_until=valid_until)
    assert live(run(seed, [SIGN, g], T("2025-10-01")), "performance_bond") == [("c", status, Z("2025-09-29"), fulfilled)]


@pytest.mark.parametrize("valid_until, owed", [("2026-06-27", False), ("2026-06-28", True)])
def test_passing_the_prepayment_guarantee_must_outlive_the_service_year(seed, valid_until, owed):
    """2.2(3) "有效期大于本合同1.4条约定的服务周期": the year's last day is 2026-06-27; a guarantee valid until that very
    day is not longer than it.  Valid until 06-28 (and all else in by 08-22): installment 3 owed once two months of
    service have passed, 2025-09-02T00:00; 30 days → due 2025-10-10T00:00 (INST_2's count); unpaid at 10-20: violated."""
    facts = PAY_1 + [pay("p1", T("2025-07-10")),
                     f("gp", "guarantee_submitted", T("2025-08-20"), purpose="prepayment", amount="2094000.00",
                       valid_until=valid_until),
                     f("ap3", "payment_application_received", T("2025-08-21"), installment=3, amount="2094000.00"),
                     f("in3", "invoice_received", T("2025-08-22"), installment=3, amount="2094000.00",
                       kind="vat_ordinary")]
    got = [(o["status"], o["triggered_at"], o["due"]) for o in rows(run(seed, facts, T("2025-10-20")), "obligations",
                                                                       "pay_installment_3") if o["status"] != "inactive"]
    assert got == ([("violated", Z("2025-09-02"), Z("2025-10-10"))] if owed else [])


@pytest.mark.parametrize("at, status, damages", [
    (T("2025-08-04", "23:59:59"), "fulfilled", []),                                   # the last second of the period
    (Z("2025-08-05"), "violated", [("held", Z("2025-08-05"), "6980.00")]),           # the first: one day begun
    ("2025-08-04", "fulfilled", []),                                                  # by its day alone, the last day
    ("2025-08-05", "violated", [("held", Z("2025-08-05"), "6980.00")]),              # by its day alone, the day after
])
def test_passing_installment_1_paid_at_the_edge_of_its_thirty_days(seed, at, status, damages):
    """2.2(1)/8.3 (PAY_1): due 2025-08-05T00:00 (24:00 of Mon 08-04).  Paid at 08-04 23:59:59 or on "2025-08-04": in
    time, no damages.  Paid at 08-05 00:00:00 or on "2025-08-05": on 5 August, late — one day begun × ¥6,980.00."""
    rep = run(seed, PAY_1 + [pay("p", at)], T("2025-09-01"))
    o = one(rep, "pay_installment_1")
    assert (o["status"], o["due"]) == (status, Z("2025-08-05"))
    assert rem(rep, "late_payment_damages") == damages


@pytest.mark.parametrize("last, days, power", [
    (T("2025-08-19", "23:59:59"), 15, False),   # the 15th day not yet fully passed
    ("2025-08-19", 15, False),                   # by its day alone, the 15th day
    (Z("2025-08-20"), 16, True),                 # "超出15天": from 24:00 of 08-19
    ("2025-08-20", 16, True),
])
def test_passing_a_payment_in_parts_stops_the_count_only_when_whole(seed, last, days, power):
    """8.3 (PAY_1): ¥1,000,000.00 paid Sun 08-10 (the count goes on: the installment is not paid), the rest ¥2,490,000.00
    at ``last``.  Days of delay from 08-05 to the day of the last part: 08-05 .. 08-19 = 15, .. 08-20 = 16; × ¥6,980.00 =
    ¥104,700.00 / ¥111,680.00.  "逾期超出15天" (a term, not moved): 08-05 .. 08-19 → 乙方's power with ¥349,000.00 only
    if the installment is still not whole at 2025-08-20T00:00."""
    facts = PAY_1 + [pay("p1", T("2025-08-10"), "1000000.00"), pay("p2", last, "2490000.00")]
    rep = run(seed, facts, T("2025-09-10"))
    assert rem(rep, "late_payment_damages") == [("held", Z("2025-08-05"), f"{days * 6980}.00")]
    assert rem(rep, "supplier_termination") == ([("held", Z("2025-08-20"), "349000.00")] if power else [])


@pytest.mark.parametrize("sent, status", [(T("2025-09-28", "23:59:59"), "fulfilled"), (Z("2025-09-29"), "violated")])
def test_passing_force_majeure_notice_moved_off_a_saturday_onto_a_make_up_sunday(seed, sent, status):
    """8.4 "2日内": 乙方's force majeure Thu 2025-09-25 10:00; 第201条: 09-26 (1), Sat 09-27 (2) — a rest day —
    第203条: the first working day after it is Sun 09-28, an official MAKE-UP working day (国庆节调休), not Monday →
    due 2025-09-29T00:00.  A fax (10.3.2: delivered at its sending) at 09-28 23:59:59 is in time, at 09-29 00:00 late."""
    fm = f("fm", "force_majeure_occurred", T("2025-09-25"), party="乙方")
    n = notice("n", sent, "乙方", "甲方", "force_majeure", "fax", ref="fm")
    assert live(run(seed, [SIGN, fm, n], T("2025-10-10")), "force_majeure_notice") == \
        [("fm", status, Z("2025-09-29"), sent)]


def test_passing_express_cannot_meet_two_days_and_its_third_day_is_not_moved_off_a_holiday(seed):
    """8.4 / 10.3.3 (time-and-law.md: "a notice that must arrive within 2 days cannot be met by express").
    (1) 乙方's force majeure Fri 2025-09-26 09:00: 09-27 (Sat), 09-28 (Sun, a make-up working day: not moved) → due
        2025-09-29T00:00; express sent 09-26 10:00 is deemed delivered on the 3rd day, Mon 09-29 → late.
    (2) 乙方's force majeure Sun 2025-09-28 08:00: 09-29, 09-30 (Tue, working) → due 2025-10-01T00:00; express sent
        09-28 10:00 → the 3rd day is Wed 10-01, National Day — a deemed date is NOT moved (not to 10-09) → delivered
        on 10-01, one day late."""
    fm1 = f("fm1", "force_majeure_occurred", T("2025-09-26", "09:00:00"), party="乙方")
    n1 = notice("n1", T("2025-09-26"), "乙方", "甲方", "force_majeure", "express", ref="fm1")
    fm2 = f("fm2", "force_majeure_occurred", T("2025-09-28", "08:00:00"), party="乙方")
    n2 = notice("n2", T("2025-09-28"), "乙方", "甲方", "force_majeure", "express", ref="fm2")
    rep = run(seed, [SIGN, fm1, n1, fm2, n2], T("2025-10-20"))
    assert live(rep, "force_majeure_notice") == [("fm1", "violated", Z("2025-09-29"), Z("2025-09-29")),
                                                 ("fm2", "violated", Z("2025-10-01"), Z("2025-10-01"))]
    assert events(rep, "notice_delivered") == [Z("2025-09-29"), Z("2025-10-01")]


@pytest.mark.parametrize("sent, status", [(T("2026-04-10", "11:00:00"), "fulfilled"),
                                          (T("2026-04-10", "11:00:01"), "violated")])
def test_passing_two_hours_include_their_end_instant(seed, sent, status):
    """附件2 三.5 "2小时内" (第1259条: 以内 includes the number): a supplier-caused leak found by 乙方 Fri 2026-04-10
    09:00 → due 11:00:00 itself in time (due_included); a fax at 11:00:01 is late.  附件2 三.4's immediate notice (2 hours,
    the same fax) alike."""
    leak = f("d", "data_leak_discovered", T("2026-04-10", "09:00:00"), cause="supplier")
    n = notice("n", sent, "乙方", "甲方", "data_leak", "fax", ref="d")
    rep = run(seed, [SIGN, leak, n], T("2026-04-11"))
    for name in ("breach_notice", "security_incident_notice"):
        o = one(rep, name)
        assert (o["status"], o["due"], o["due_included"], o["fulfilled_at"]) == \
            (status, T("2026-04-10", "11:00:00"), True, sent)


@pytest.mark.parametrize("resolved, status, damages", [
    (T("2025-10-09", "23:59:59"), "fulfilled", []),
    (Z("2025-10-10"), "violated", [("held", Z("2025-10-10"), "1757.00")]),
])
def test_passing_five_days_to_resolve_end_after_the_national_day_run(seed, resolved, status, damages):
    """8.2 / 2.1(3).  A supplier-caused interruption of sub-project 3 Fri 2025-09-26 09:00; 甲方's fax 10:00 the same day.
    8.2's five days (a period to act): 09-27 .. 10-01 — Wed 10-01 is National Day, holidays through Wed 10-08 → the
    last day is Thu 10-09 → due 2025-10-10T00:00.  Resolved 10-09 23:59:59: in time; at 10-10 00:00: late, and 甲方
    holds 1% of ¥175,700.00 = ¥1,757.00 (once).  2.1(3) "服务中断超5日" is a state that runs, not moved: 09-27 .. 10-01
    → exceeded from 2025-10-02T00:00 either way — 甲方 may deduct from the bond."""
    s = f("s", "service_interruption_started", T("2025-09-26", "09:00:00"), subproject=3, cause="supplier")
    n = notice("n", T("2025-09-26"), "甲方", "乙方", "service_interruption", "fax", ref="s")
    r = f("r", "service_interruption_resolved", resolved, subproject=3)
    rep = run(seed, [SIGN, BOND, s, n, r], T("2025-10-20"))
    assert [x[1:] for x in live(rep, "resolve_interruption")] == [(status, Z("2025-10-10"), resolved)]
    assert rem(rep, "interruption_damages") == damages
    assert rem(rep, "bond_deduction") == [("held", Z("2025-10-02"), None)]


def test_passing_ten_working_days_from_a_mid_autumn_holiday_across_national_day_2026(seed):
    """5.2.3.  乙方 applies on Fri 2026-09-25 10:00 — itself a holiday (Mid-Autumn 2026).  Working days after it:
    Mon 09-28 (1), 09-29 (2), 09-30 (3), [10-01 .. 10-07 off], Thu 10-08 (4), Fri 10-09 (5), Sat 10-10 a make-up working
    day (6), Mon 10-12 (7), 10-13 (8), 10-14 (9), Thu 10-15 (10) → due 2026-10-16T00:00.  Unreviewed: deemed accepted at
    that instant; reviewed (passed) at 10-15 23:59:59: in time, no deemed acceptance."""
    a = f("a", "acceptance_applied", T("2026-09-25"))
    rep = run(seed, [SIGN, BOND, a], T("2026-10-20"))
    assert live(rep, "acceptance_review") == [("a", "violated", Z("2026-10-16"), None)]
    assert events(rep, "deemed_acceptance") == [Z("2026-10-16")]
    r = f("r", "acceptance_review_completed", T("2026-10-15", "23:59:59"), passed=True)
    rep = run(seed, [SIGN, BOND, a, r], T("2026-10-20"))
    assert live(rep, "acceptance_review") == [("a", "fulfilled", Z("2026-10-16"), T("2026-10-15", "23:59:59"))]
    assert events(rep, "deemed_acceptance") == []


@pytest.mark.parametrize("day, deduction", [("2026-06-27", [("held", Z("2026-07-03"), None)]), ("2026-06-28", [])])
def test_passing_an_interruption_known_by_its_day_alone_on_the_service_years_last_day(seed, day, deduction):
    """1.4 / 2.1(3).  The service year ends 24:00 Sat 2026-06-27 (a term: not moved to Monday).  An interruption recorded
    "2026-06-27" began at some hour of that day — within the year: exceeded 5 days from 24:00 of 07-02 (06-28 .. 07-02)
    → a deduction from 2026-07-03T00:00.  One recorded "2026-06-28" began after the year: none (operations_after_
    service_period, "end with the service period")."""
    s = f("s", "service_interruption_started", day, subproject=3, cause="supplier")
    assert rem(run(seed, [SIGN, BOND, s], T("2026-07-20")), "bond_deduction") == deduction


def test_passing_handover_and_bond_release_from_a_deemed_acceptance_at_24_00_of_a_month_end(seed):
    """5.2.3 → 5.3, 2.1(2).  Application Fri 2026-07-17 10:00: 07-20 .. 07-24 (5), 07-27 .. 07-31 (10) → review due
    24:00 Fri 07-31 = 2026-08-01T00:00, missed → deemed acceptance then, belonging to 07-31.  5.3 one month from 07-31:
    the corresponding day 08-31 (Mon) → due 2026-09-01T00:00 (counted from 08-01 it would be 09-02).  2.1(2) 30 days:
    08-01 .. Sun 08-30 (rest) → Mon 08-31 → due 2026-09-01T00:00."""
    rep = run(seed, [SIGN, BOND, f("a", "acceptance_applied", T("2026-07-17"))], T("2026-09-10"))
    assert events(rep, "deemed_acceptance") == [Z("2026-08-01")]
    assert [x[1:] for x in live(rep, "handover")] == [("violated", Z("2026-09-01"), None)]
    assert [x[1:] for x in live(rep, "release_bond")] == [("violated", Z("2026-09-01"), None)]


@pytest.mark.parametrize("sent, status, delivered", [(T("2026-03-07"), "fulfilled", Z("2026-03-10")),
                                                     (T("2026-03-08"), "violated", Z("2026-03-11"))])
def test_passing_address_change_notice_by_express_on_the_tenth_day_before(seed, sent, status, delivered):
    """10.2 "须在变更前10日以书面形式通知对方": 乙方's address changes on "2026-03-20"; counted back, the notice must
    arrive by 24:00 of 03-10 (due 2026-03-11T00:00, a backward count: not moved).  Express sent Sat 03-07 is deemed
    delivered on the 3rd day, Tue 03-10 (10.3.3): in time; sent Sun 03-08 → Wed 03-11: late."""
    a = f("a", "address_changed", "2026-03-20", party="乙方")
    n = notice("n", sent, "乙方", "甲方", "address_change", "express", ref="a")
    assert [x[1:] for x in live(run(seed, [SIGN, a, n], T("2026-04-01")), "address_change_notice")] == \
        [(status, Z("2026-03-11"), delivered)]


@pytest.mark.parametrize("at, ends", [("2026-08-19", True), (T("2026-08-19", "23:59:59"), True),
                                      ("2026-08-20", False), (Z("2026-08-20"), False)])
def test_passing_the_one_year_to_use_the_late_payment_power(seed, at, ends):
    """8.3 / 第564条第2款 (PAY_1, never paid): the power arises at 24:00 of Tue 2025-08-19; a year from 08-20 ends 24:00
    of Wed 2026-08-19 (a working day).  A termination on 08-19 (by its day alone or at 23:59:59) ends the contract
    with the ¥349,000.00; one on 08-20 comes after the power lapsed: no termination (termination_without_right), the 5%
    gone with the power.  Damages run on either way: 2025-08-05 .. 2026-09-01 (begun) = 27 + 334 + 31 + 1 = 393 days ×
    ¥6,980.00 = ¥2,743,140.00."""
    rep = run(seed, PAY_1 + [f("t", "termination_notified", at, party="乙方", ground="late_payment")], Z("2026-09-01"))
    assert rem(rep, "late_payment_damages") == [("held", Z("2025-08-05"), "2743140.00")]
    if ends:
        assert ended(rep)[1] == "supplier_terminates"
        assert rem(rep, "supplier_termination") == [("exercised", Z("2025-08-20"), "349000.00")]
    else:
        assert ended(rep) == (None, None) and "termination_without_right" in codes(rep)
        assert rem(rep, "supplier_termination") == [("lapsed", Z("2025-08-20"), "0.00")]


# ---------------------------------------------------------------------------------------------------- one report, asked several ways

BOND_0704 = f("g", "guarantee_submitted", T("2025-07-04"), purpose="performance", amount="349000.00",
              valid_until="2026-12-31")  # given at the very instant of the invoice
SEVERAL = PAY_1 + [BOND_0704, f("d", "data_leak_discovered", T("2025-09-01"), cause="supplier"),
                   f("fm", "force_majeure_occurred", T("2025-09-03", "12:00:00"), party="甲方"),
                   f("t", "termination_notified", "2025-09-05", party="乙方", ground="late_payment"),
                   pay("p", T("2025-09-10"))]
INSTANTS = [T("2025-09-05", "12:00:00"), Z("2025-09-20")]


def test_passing_evaluate_evaluate_many_session_and_cli_give_one_report(seed, tmp_path):
    """The same stream (PAY_1 and the performance bond given at the invoice's very instant, Fri 07-04 10:00; a leak
    09-01; 甲方's force majeure 09-03 12:00; 乙方's termination known by its day alone "2025-09-05"; the installment paid
    09-10) asked four ways at 09-05 12:00 (inside the termination's day) and 09-20: `evaluate` alone, `evaluate_many`
    in one replay, the Session API fed the facts one by one — the bond before the invoice of its instant (the reverse of
    the stream's order) and given twice (the same id, the same content: one fact) — and the CLI's `--as-of A,B` JSON:
    the same verdicts, rows, events and findings."""
    ls = lines(SEVERAL)
    alone = [seed.evaluate(ls, a) for a in INSTANTS]
    many = seed.evaluate_many(ls, INSTANTS)
    assert [verdicts(r) for r in many] == [verdicts(r) for r in alone]

    s = seed.session("facts.jsonl")
    order = PAY_1[:4] + [BOND_0704, PAY_1[4], BOND_0704] + SEVERAL[6:]
    rep_a = None
    for x in order:
        if rep_a is None and x["at"][:10] > INSTANTS[0][:10]:
            s.advance(INSTANTS[0])
            rep_a = s.report()
        s.add(json.dumps(x, ensure_ascii=False))
    s.advance(INSTANTS[1])
    assert [verdicts(rep_a), verdicts(s.report())] == [verdicts(r) for r in alone]

    both = json.loads(cli(tmp_path, SEVERAL, ",".join(INSTANTS), "json"))
    assert list(both) == INSTANTS
    assert [verdicts(both[k]) for k in INSTANTS] == [verdicts(r) for r in alone]
    # and what they agree on, counted by hand: at 09-20 the contract ended on 09-05 (day alone) by 8.3's power; the
    # installment was paid 09-10: 08-05 .. 09-10 = 37 days × ¥6,980.00 = ¥258,260.00 (accrue until paid); the bond
    # (07-04) fulfilled 2.1(1) at once
    later = alone[1]
    assert ended(later) == (Z("2025-09-05"), "supplier_terminates")
    assert rem(later, "late_payment_damages") == [("held", Z("2025-08-05"), "258260.00")]
    assert live(later, "performance_bond") == [("c", "fulfilled", Z("2025-09-29"), T("2025-07-04"))]


def test_passing_the_text_report_of_two_instants_is_the_two_reports(tmp_path):
    """`--format text --as-of A,B`: a section per instant, each exactly the text `--as-of` that instant alone prints."""
    both = cli(tmp_path, SEVERAL, ",".join(INSTANTS), "text")
    alone = [cli(tmp_path, SEVERAL, a, "text") for a in INSTANTS]
    parts = [p for p in both.split("========") if p.strip()]
    assert "报告时点 1/2" in parts[0] and "报告时点 2/2" in parts[2]
    assert [parts[1].strip(), parts[3].strip()] == [t.strip() for t in alone]


# ---------------------------------------------------------------------------------------------------- after a termination

@pytest.mark.parametrize("method, extra, end, end_cn", [
    ("fax", {}, T("2025-09-03", "11:00:00"), "2025年9月3日11时"),
    ("personal", {"signed_at": T("2025-09-05", "16:00:00")}, T("2025-09-05", "16:00:00"), "2025年9月5日16时"),
    ("express", {}, Z("2025-09-06"), "2025年9月6日（时刻不明）"),
    ("registered_mail", {}, Z("2025-09-06"), "2025年9月6日（时刻不明）"),
    ("express", {"local": False}, None, None),
])
def test_passing_the_termination_takes_effect_as_its_notice_is_deemed_delivered(on_delivery, method, extra, end,
                                                                               end_cn):
    """8.3 / 10.3 with termination_effective = "on delivery of the notice" (第565条).  乙方 holds 8.3's power from
    2025-08-20T00:00 (PAY_1, unpaid); it decides on Wed 09-03 10:00 and sends the notice at 11:00:
      fax — delivered at the sending, 09-03 11:00 (10.3.2); personal — when 甲方 signs, 09-05 16:00 (10.3.1);
      express / registered mail in the city — the 3rd day after, Sat 09-06, a day without an hour (10.3.3–4);
      express outside the city, no receipt — the contract fixes nothing: not delivered, not terminated
      (notice_delivery_undetermined), the power still held."""
    t = f("t", "termination_notified", T("2025-09-03"), party="乙方", ground="late_payment")
    n = notice("n", T("2025-09-03", "11:00:00"), "乙方", "甲方", "termination", method, ref="t", **extra)
    rep = run(on_delivery, PAY_1 + [BOND, t, n], T("2025-09-20"))
    if end is None:
        assert ended(rep) == (None, None)
        assert "notice_delivery_undetermined" in codes(rep)
        assert rem(rep, "supplier_termination") == [("held", Z("2025-08-20"), "349000.00")]
    else:
        assert ended(rep) == (end, "supplier_terminates") and rep["contract_life"]["ended_cn"] == end_cn
        assert rem(rep, "supplier_termination") == [("exercised", Z("2025-08-20"), "349000.00")]
    # 8.3's damages survive the end (damages_after_termination "accrue until paid"): 08-05 .. 09-20 begun = 47 days
    assert rem(rep, "late_payment_damages") == [("held", Z("2025-08-05"), "328060.00")]


@pytest.mark.parametrize("method, status", [("express", "violated"), ("fax", "discharged")])
def test_passing_a_duty_due_before_the_deemed_delivery_stays_broken(on_delivery, method, status):
    """第566条 with termination_effective = "on delivery of the notice": 乙方's force majeure Wed 2025-09-03 09:00 → 8.4's
    2 days 09-04, Fri 09-05 → due 2025-09-06T00:00 (24:00 of 09-05), never notified.  乙方's termination letter sent
    09-03 11:00: by express deemed delivered on Sat 09-06 — a day that begins after 24:00 of 09-05: the contract was
    still in force when the notice fell due: violated.  By fax it arrived at 09-03 11:00, before the due: discharged."""
    fm = f("fm", "force_majeure_occurred", T("2025-09-03", "09:00:00"), party="乙方")
    t = f("t", "termination_notified", T("2025-09-03"), party="乙方", ground="late_payment")
    n = notice("n", T("2025-09-03", "11:00:00"), "乙方", "甲方", "termination", method, ref="t")
    rep = run(on_delivery, PAY_1 + [BOND, fm, t, n], T("2025-09-20"))
    assert live(rep, "force_majeure_notice") == [("fm", status, Z("2025-09-06"), None)]


@pytest.mark.parametrize("party, ground, extra, by", [
    ("甲方", "public_interest", "harm", "buyer_terminates"),
    ("甲方", "other", "harm", "buyer_terminates"),            # the right held decides, not the word
    ("甲方", "force_majeure", "fm", "force_majeure_terminates"),
    ("乙方", "force_majeure", "fm", "force_majeure_terminates"),
    ("甲方", "agreement", None, "by_agreement"),
])
def test_passing_what_survives_the_end_on_each_ground(seed, party, ground, extra, by):
    """第566–567条 on each ground of the contract (default: the contract ends at the termination_notified fact, Fri
    2025-09-05 10:00).  Before it: a supplier-caused leak found by 乙方 Mon 09-01 10:00 — 附件2 三.5's written notice was
    due 12:00 and never came (violated: a breach before the end stays a breach) and 2.1(3) gave 甲方 a power to deduct
    (held: 第566条第2款); 甲方's force majeure Wed 09-03 12:00 — 8.4's notice due 2025-09-06T00:00 (09-04, 09-05), not yet
    due at the end: discharged.  The power to deduct is no termination power: it does not lapse."""
    facts = [SIGN, BOND, f("d", "data_leak_discovered", T("2025-09-01"), cause="supplier"),
             f("fm", "force_majeure_occurred", T("2025-09-03", "12:00:00"), party="甲方")]
    if extra == "harm":
        facts.append(f("h", "public_interest_harm_found", T("2025-09-03")))
    facts.append(f("t", "termination_notified", T("2025-09-05"), party=party, ground=ground))
    rep = run(seed, facts, T("2025-09-20"))
    assert ended(rep) == (T("2025-09-05"), by)
    assert live(rep, "breach_notice") == [("d", "violated", T("2025-09-01", "12:00:00"), None)]
    assert live(rep, "force_majeure_notice") == [("fm", "discharged", Z("2025-09-06"), None)]
    assert rem(rep, "bond_deduction") == [("held", T("2025-09-01"), None)]
    assert rem(rep, "unjustified_termination_damages") == []


def test_passing_a_buyer_without_any_ground_pays_five_percent_and_what_was_due_stays_due(seed):
    """8.3 "如甲方无故中途解除合同的…甲方应按合同总价款的【5%】向乙方支付违约金": 甲方 ends the contract on Fri 2025-09-05
    10:00 holding no power (no public-interest harm, no force majeure, no agreement): ¥349,000.00 to 乙方.  Installment
    1 (PAY_1), due 2025-08-05T00:00, stays violated and its damages run on to the report (08-05 .. 09-20 begun = 47 days
    × ¥6,980.00 = ¥328,060.00); 乙方's own power of 8.3 (from 08-20) lapses unused with the end."""
    rep = run(seed, PAY_1 + [BOND, f("t", "termination_notified", T("2025-09-05"), party="甲方", ground="other")],
              T("2025-09-20"))
    assert ended(rep) == (T("2025-09-05"), "buyer_without_cause")
    assert rem(rep, "unjustified_termination_damages") == [("held", T("2025-09-05"), "349000.00")]
    assert live(rep, "pay_installment_1") == [("in", "violated", Z("2025-08-05"), None)]
    assert rem(rep, "late_payment_damages") == [("held", Z("2025-08-05"), "328060.00")]
    assert [r[0] for r in rem(rep, "supplier_termination")] == ["lapsed"]


@pytest.mark.parametrize("at, days", [("2025-09-03", 30), (T("2025-09-03"), 30), (T("2025-09-02", "23:59:59"), 29)])
def test_passing_damages_until_the_end_count_the_day_of_the_end(to_the_end, at, days):
    """8.3 with damages_after_termination = "until the contract ends": 乙方 terminates (PAY_1, unpaid): the days of delay
    from 08-05 to the end's day — 09-03 (by its day alone or at 10:00): 27 + 3 = 30 days = ¥209,400.00; at 09-02
    23:59:59: 29 days = ¥202,420.00."""
    rep = run(to_the_end, PAY_1 + [f("t", "termination_notified", at, party="乙方", ground="late_payment")],
              T("2025-09-20"))
    assert rem(rep, "late_payment_damages") == [("held", Z("2025-08-05"), f"{days * 6980}.00")]


# ---------------------------------------------------------------------------------------------------- 24:00 of the end's day

@pytest.mark.parametrize("at", [T("2025-08-19", "23:59:59"), T("2025-08-19", "00:00:01")])
def test_passing_a_buyer_termination_at_a_known_hour_of_08_19_forestalls_the_late_payment_power(seed, at):
    """8.3: 甲方 ends the contract without cause on 2025-08-19 at a known hour, before 24:00: 乙方's power (from 24:00 of
    08-19) never arises — the engine knows this when the hour is given.  (Compare A2 below, the same day alone.)"""
    rep = run(seed, PAY_1 + [f("t", "termination_notified", at, party="甲方", ground="other")], T("2025-09-10"))
    assert rem(rep, "supplier_termination") == []
    assert rem(rep, "unjustified_termination_damages") == [("held", at, "349000.00")]


def test_passing_a_duty_due_at_24_00_of_the_ends_day_is_discharged(seed):
    """5.2.3 (第566条): review due 24:00 of Fri 2026-07-31 (application 07-17, see the month-end test); 甲方 ends the
    contract on "2026-07-31" (day alone): whatever the hour, before 24:00 — the review is discharged, no deemed
    acceptance.  The engine gets THIS 24:00 right (compare A1–A4)."""
    rep = run(seed, [SIGN, BOND, f("a", "acceptance_applied", T("2026-07-17")),
                     f("t", "termination_notified", "2026-07-31", party="甲方", ground="other")], T("2026-09-10"))
    assert live(rep, "acceptance_review") == [("a", "discharged", Z("2026-08-01"), None)]
    assert events(rep, "deemed_acceptance") == []


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (00:06–): 24:00 of the day a termination of that day alone came is after it, not of that day in doubt (Evaluator.on_day_of_a_bare_end))
def test_the_service_year_does_not_end_after_a_termination_on_its_last_day(seed):
    """A1.  甲方 ends the contract without cause on "2026-06-27" (day alone) — the service year's last day.  The year
    would end at 24:00 of 06-27, after every instant of that day: the contract had ended first.  No service_end, so no
    2.2(4) duty (its 30 days would run from it); the confidentiality term runs from the end on 06-27: 3 years → 24:00
    of 2029-06-27 = 2029-06-28T00:00."""
    rep = run(seed, [SIGN, BOND, f("t", "termination_notified", "2026-06-27", party="甲方", ground="other")],
              T("2026-08-10"))
    assert ended(rep) == (Z("2026-06-27"), "buyer_without_cause")
    assert events(rep, "service_end") == []
    assert live(rep, "organize_acceptance") == []
    assert [x[2] for x in live(rep, "confidentiality")] == [Z("2029-06-28")]


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (00:06–): 24:00 of the day a termination of that day alone came is after it, not of that day in doubt (Evaluator.on_day_of_a_bare_end))
def test_the_service_year_does_not_end_after_an_express_termination_deemed_delivered_on_its_last_day(on_delivery):
    """A1 by the method of 10.3.3: 甲方 (no ground: 8.3 无故中途解除) sends its termination by express on Wed 2026-06-24
    10:00 → deemed delivered on the 3rd day, Sat 06-27, at no stated hour; the contract ends that day (¥349,000.00 to
    乙方), before the service year's end at 24:00 of 06-27."""
    t = f("t", "termination_notified", T("2026-06-24"), party="甲方", ground="other")
    n = notice("n", T("2026-06-24", "11:00:00"), "甲方", "乙方", "termination", "express", ref="t")
    rep = run(on_delivery, [SIGN, BOND, t, n], T("2026-08-10"))
    assert ended(rep) == (Z("2026-06-27"), "buyer_without_cause")
    assert rem(rep, "unjustified_termination_damages") == [("held", Z("2026-06-27"), "349000.00")]
    assert events(rep, "service_end") == []
    assert live(rep, "organize_acceptance") == []


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (00:06–): 24:00 of the day a termination of that day alone came is after it, not of that day in doubt (Evaluator.on_day_of_a_bare_end))
def test_the_late_payment_power_does_not_arise_after_a_termination_of_its_day(seed):
    """A2.  PAY_1 unpaid; 甲方 terminates without cause on "2025-08-19" — the 15th day of the delay.  Any hour of 08-19
    is before 24:00 of 08-19, when "逾期超出15天" would be reached: the contract ended first, no power arises
    (a known hour, 23:59:59, gives exactly that: see the passing test above)."""
    rep = run(seed, PAY_1 + [f("t", "termination_notified", "2025-08-19", party="甲方", ground="other")],
              T("2025-09-10"))
    assert rem(rep, "unjustified_termination_damages") == [("held", Z("2025-08-19"), "349000.00")]
    assert rem(rep, "supplier_termination") == []


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (00:06–): 24:00 of the day a termination of that day alone came is after it, not of that day in doubt (Evaluator.on_day_of_a_bare_end))
def test_installment_2_is_not_owed_after_a_termination_on_the_last_day_of_two_months(seed):
    """A3.  INST_2 with 甲方's termination without cause on "2025-09-01": two months of service pass at 24:00 of 09-01,
    after every instant of 09-01.  (At 23:59:59 the engine says so: inactive.)"""
    rep = run(seed, INST_2 + [f("t", "termination_notified", "2025-09-01", party="甲方", ground="other")],
              T("2025-10-20"))
    assert live(rep, "pay_installment_2") == []


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (00:06–): 24:00 of the day a termination of that day alone came is after it, not of that day in doubt (Evaluator.on_day_of_a_bare_end))
def test_strict_does_not_fail_on_a_certain_order_of_a_day_and_its_24_00(tmp_path):
    """A3 as the department's monitoring job runs it: `qiyue eval … --strict` (exit 3 only when a verdict is
    undetermined: README).  Terminated on "2025-09-01", the installment never became owed: nothing is undetermined."""
    path = tmp_path / "facts.jsonl"
    facts = INST_2 + [f("t", "termination_notified", "2025-09-01", party="甲方", ground="other")]
    path.write_text("\n".join(lines(facts)) + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(RULES), "--facts", str(path), "--as-of",
                          T("2025-10-20"), "--format", "text", "--strict"], capture_output=True, text=True, cwd=ROOT,
                         timeout=120)
    assert "待定 1 项" not in out.stdout
    assert out.returncode == 0, out.stderr


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (00:06–): 24:00 of the day a termination of that day alone came is after it, not of that day in doubt (Evaluator.on_day_of_a_bare_end))
def test_no_bond_deduction_after_a_termination_on_the_fifth_day(seed):
    """A4.  A supplier-caused interruption Mon 2025-09-01 10:00 (sub-project 3), unresolved; 5 days 09-02 .. Sat 09-06
    (a state that runs, not moved) → exceeded from 2025-09-07T00:00.  甲方 ends the contract on "2025-09-06": before
    24:00 of 09-06 at any hour.  (At 23:59:59 the engine gives no deduction.)"""
    s = f("s", "service_interruption_started", T("2025-09-01"), subproject=3, cause="supplier")
    rep = run(seed, [SIGN, BOND, s, f("t", "termination_notified", "2025-09-06", party="甲方", ground="other")],
              T("2025-09-20"))
    assert rem(rep, "bond_deduction") == []


def test_passing_a_termination_at_23_59_59_of_the_fifth_day_forestalls_the_deduction(seed):
    """The hour known: 甲方 terminates at 2025-09-06 23:59:59; 超5日 would be reached at 09-07 00:00 — no deduction."""
    s = f("s", "service_interruption_started", T("2025-09-01"), subproject=3, cause="supplier")
    rep = run(seed, [SIGN, BOND, s, f("t", "termination_notified", T("2025-09-06", "23:59:59"), party="甲方",
                                      ground="other")], T("2025-09-20"))
    assert rem(rep, "bond_deduction") == []


# ---------------------------------------------------------------------------------------------------- a payment on its day alone

def test_passing_a_payment_at_23_59_59_of_the_last_day_of_two_months_is_before_the_preconditions(seed):
    """2.2(2) payment_before_preconditions: two months of service pass at 24:00 of 09-01 (INST_2); a payment at
    09-01 23:59:59 came before — the finding; one at 09-02 00:00 did not."""
    early = run(seed, INST_2 + [pay("p2", T("2025-09-01", "23:59:59"), "1396000.00", 2)], T("2025-10-20"))
    on_time = run(seed, INST_2 + [pay("p2", Z("2025-09-02"), "1396000.00", 2)], T("2025-10-20"))
    assert [x["clause"] for x in early["findings"] if x["code"] == "payment_before_preconditions"] == ["2.2(2)"]
    assert "payment_before_preconditions" not in codes(on_time)


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (00:06–): a finding on a fact of its day alone is asked as the day ends, before what 24:00 sets off (state.PHASE_DAY_END, before PHASE_DEADLINE))
def test_a_payment_on_the_last_day_of_two_months_by_its_day_alone_is_before_the_preconditions(seed):
    """B.  The bank statement gives the value date "2025-09-01" for ¥1,396,000.00 (installment 2).  Whatever its hour,
    it came before 24:00 of 09-01, when the two months of service (INST_2) first passed: "付款时第二期付款条件尚未全部
    成就" is certain, not doubtful."""
    rep = run(seed, INST_2 + [pay("p2", "2025-09-01", "1396000.00", 2)], T("2025-10-20"))
    assert [x["clause"] for x in rep["findings"] if x["code"] == "payment_before_preconditions"] == ["2.2(2)"]


# ---------------------------------------------------------------------------------------------------- 附件2 六: the confidentiality term

@pytest.mark.parametrize("at", [None, T("2026-06-28"), "2026-06-29"])
def test_passing_the_confidentiality_term_runs_three_years_from_the_service_years_end(seed, at):
    """附件2 六 "至双方合作结束后3年", cooperation_end = earliest(ended, service_period.end) (assumption): the service
    year ends at 24:00 of Sat 2026-06-27; 3 years (a term, not moved) from 06-28 → 24:00 of 2029-06-27 → due
    2029-06-28T00:00 — whether or not 甲方 later ends the contract (06-28 10:00, or "06-29")."""
    facts = [SIGN, BOND] + ([f("t", "termination_notified", at, party="甲方", ground="other")] if at else [])
    rep = run(seed, facts, T("2026-08-10"))
    assert [x[2] for x in live(rep, "confidentiality")] == [Z("2029-06-28")]
    assert [x[2] for x in live(rep, "confidentiality_buyer")] == [Z("2029-06-28")]


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (00:06–): earliest( )/latest( ) of instants tied to the second order them by the day they are of (compiler._at_and_day): 24:00 of 06-27 before 00:00 of 06-28)
@pytest.mark.parametrize("at", ["2026-06-28", Z("2026-06-28")])
def test_a_later_termination_does_not_lengthen_the_confidentiality_term(seed, at):
    """C.  Cooperation ended at 24:00 of 06-27 (the service year), which belongs to 06-27 (time-and-law.md "An event at
    24:00"); 甲方's termination on 06-28 — by its day alone, or at 00:00 of 06-28, "on the next day" — is no earlier.
    3 years from 06-28 → 24:00 of 2029-06-27 → 2029-06-28T00:00 (as with no termination, or one at 06-28 10:00)."""
    rep = run(seed, [SIGN, BOND, f("t", "termination_notified", at, party="甲方", ground="other")], T("2026-08-10"))
    assert [x[2] for x in live(rep, "confidentiality")] == [Z("2029-06-28")]


# ---------------------------------------------------------------------------------------------------- the text, read as a lawyer

def test_passing_the_text_report_names_the_day_alone_end_in_its_header(tmp_path):
    """The header of the text report for 乙方's termination known by its day alone ("2025-09-03"): "合同于 2025年9月3日
    （时刻不明）… 终止", no hour; the damages of 8.3 counted to the report (default reading): 08-05 .. 09-20 begun = 47
    days × ¥6,980.00 = ¥328,060.00, written with the day it counts to."""
    text = cli(tmp_path, PAY_1 + [f("t", "termination_notified", "2025-09-03", party="乙方", ground="late_payment")],
               T("2025-09-20"), "text")
    assert "合同于 2025年9月3日（时刻不明）" in text
    assert "共 47 日 × 每日 ¥6,980.00 = ¥328,060.00" in text


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (00:06–): the end of a termination known by its day alone is cited as that day in the damages counted to it (Evaluator.accrue: _cited))
def test_damages_counted_to_a_day_alone_end_do_not_invent_its_hour(tmp_path):
    """D.  The count itself is right (08-05 .. 09-03 = 30 days × ¥6,980.00 = ¥209,400.00: a passing test above); the
    words a lawyer reads put the end at midnight — the very first instant of 09-03 — which would make any payment or
    act that day come after the end."""
    text = cli(tmp_path, PAY_1 + [f("t", "termination_notified", "2025-09-03", party="乙方", ground="late_payment")],
               T("2025-09-20"), "text", "--assume", 'damages_after_termination="until the contract ends"')
    (line,) = [x for x in text.splitlines() if "累计" in x and "合同终止之日" in x]
    assert "共 30 日 × 每日 ¥6,980.00 = ¥209,400.00" in line
    assert "2025年9月3日0时" not in line
