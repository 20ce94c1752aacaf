"""Opposing counsel, round 34: arguing first 乙方's side (the supplier, 贵州大数据产业集团有限公司, who wants to be paid)
and then 甲方's (the department, who wants to pay no more and no earlier than it must) on THE MONEY, THE END AND THE
REPORT'S INSTANT — 2.2(1)–(3) the three installments (their preconditions, the 《付款申请》 and the 等额增值税普通发票,
the two months of service, the prepayment guarantee), the 30-day payment term of the assumption payment_term, 8.3's
¥6,980.00 a day and the supplier's power after "逾期超出15天" (5% = ¥349,000.00), 2.1(3) bond_deduction around an
ending; termination (3.1.3, 8.3, 民法典 第562–567条) by a notice delivered in each way of 10.3 (personal, fax, express
and registered mail within the city, express outside it with and without a receipt) and the instant the contract ends;
and the as_of boundary (the report at a due instant, a second before, a second after; for a day-counted, a
working-day and an hour-counted duty; facts later than as_of ignored).  Attacked with: a payment at the instant of the
last precondition, in both input orders; a payment at the signing instant and before it; an invoice received on a
holiday and on a make-up working day; payment terms ending on the make-up days of 2025 and 2026 (and on the holidays
beside them); the two months of service passing at 24:00 as the last precondition; amounts written 3490000,
"3490000", "3,490,000.00", "¥3,490,000.00", 3490000.0, in capitals (叁佰肆拾玖万元整 / 陆佰玖拾捌万元) and as three
JSON numbers summing exactly; over- and under-payment by one fen; the same payment twice under one id (spelled alike
and differently), the same content under two ids, one id at two instants; facts in other time offsets; a payment
after the end; a fact known by its date alone on the as_of day.

Every expected figure is counted by hand from the contract (shared/seeds/000_2fd1bbbed6f06600.txt) and the law
(民法典 第137、201–204、502、562–567、1259条; shared/spec/time-and-law.md), with the official calendar
(chinese_calendar.is_workday, checked by the first guard): 2025 — Sat 09-27 off, Sun 09-28 a make-up working day,
Mon 09-29 and Tue 09-30 working, Wed 10-01 .. Wed 10-08 off, Thu 10-09 and Fri 10-10 working, Sat 10-11 a make-up working
day, Sun 10-12 off, Mon 10-13 working, Fri 10-31 working, Sat 11-01 off; 2026 — Thu 01-01 and Fri 01-02 off, Sat 01-03 off,
Sun 01-04 a make-up working day; Sat 02-14 a make-up working day, Sun 02-15 .. Mon 02-23 off, Tue 02-24 working; Sat
02-28 a make-up working day; Mon 03-16 working; Sat 05-09 a make-up working day; Fri 09-11 working, Sat 09-12 and Sun
09-13 off, Sat 09-19 off, Sun 09-20 a make-up working day, Thu 09-24 working, Fri 09-25 off (Mid-Autumn), 10-01 .. 10-07
off, Sat 10-10 a make-up working day, Sat 10-24 and Sun 10-25 off, Mon 10-26 working.

Conventions of the hand counts:
  SIGN    both sign Fri 2025-06-27 10:00 (11.1): in force from that instant (第502条); service year ends 24:00 Sat
          2026-06-27 (a term, not moved) = 2026-06-28T00:00.
  TERM    payment_term 30 days from the instant the last precondition holds: the start day not counted (第201条), the
          last day moved off rest days and holidays (第203条), due at 24:00 of it.  An invoice on day D → the 30th day
          is D+30: Fri 08-29 → Sun 09-28 (make-up) → due 09-29T00:00; Thu 08-28 → Sat 09-27 → Sun 09-28 → 09-29; Mon
          09-01 → Wed 10-01 → Thu 10-09 → 10-10; Thu 09-11 → Sat 10-11 (make-up) → 10-12; Fri 09-12 → Sun 10-12 → Mon
          10-13 → 10-14; Wed 10-01 (a holiday) → Fri 10-31 → 11-01; Sun 09-28 (make-up) → Tue 10-28 → 10-29; Fri
          2025-12-05 → Sun 2026-01-04 (make-up) → 01-05; Wed 12-03 → Fri 01-02 (holiday) → Sun 01-04 → 01-05; Thu
          2026-01-15 → Sat 02-14 (make-up) → 02-15; Fri 01-16 → Sun 02-15 (holiday) → Tue 02-24 → 02-25; Thu 01-29 →
          Sat 02-28 (make-up) → 03-01; Thu 04-09 → Sat 05-09 (make-up) → 05-10; Thu 09-10 → Sat 10-10 (make-up) → 10-11.
  15天    8.3 "逾期超出15天": 15 days from the due instant, a term, not moved: due 09-29 → power from 10-14T00:00 (and so
          10-10 → 10-25, 10-12 → 10-27, 10-14 → 10-29, 11-01 → 11-16, 10-29 → 11-13, 01-05 → 01-20, 02-15 → 03-02,
          02-25 → 03-12, 03-01 → 03-16, 05-10 → 05-25, 10-11 → 10-26).  A power unused for a year lapses (第564条): the
          2025 powers have lapsed by the report of 2026-12-01 (amount ¥0.00), the 2026 ones still carry ¥349,000.00.
  24:00   two months of service pass at 24:00 of their last day (staff 08-01 10:00 → 10-02T00:00); an event at 24:00 of
          day D counts from D+1 (time-and-law "An event at 24:00"): 10-02 .. Fri 10-31 → due 11-01T00:00 (counting from
          10-03 would give Sat 11-01 → Mon 11-03 → 11-04, wrong).  Likewise 06-30 15:00 → 08-31T00:00 → due 09-30;
          12-31 → 2026-03-01T00:00 → Mon 03-30 → due 03-31; 12-13 → 02-14T00:00 → Sun 03-15 → Mon 03-16 → due 03-17.
  DAYS    8.3 ¥6,980.00 for each day begun from the due instant (the rule file's documented reading): PAY_1 (seedfacts)
          due 2025-08-05T00:00 — at 08-05T00:00 one day (¥6,980.00), at 08-06T00:00 two (¥13,960.00), at 09-01 10:00
          28 days (08-05 .. 09-01, ¥195,440.00); paid 08-10 10:00 → 6 days ¥41,880.00; paid 08-20 → 16 days
          ¥111,680.00.  Under damages_after_termination = "until the contract ends": ended 08-10 10:00 → 6 days; ended
          on 08-05 (hour unknown) → 1 day; ended 08-09 23:59:59 → 5 days ¥34,900.00.
  10.3    fax: the confirmation time; personal: the receiver's signature (none: not delivered); express / registered
          mail within the city: the 3rd day after dispatch, a day, hour unknown, not moved (Fri 08-01 → Mon 08-04; Sat
          08-02 → Tue 08-05); outside the city: the actual receipt only (none: notice_delivery_undetermined, nothing
          ends).  Under termination_effective = "on delivery of the notice" the contract ends at that delivery; ended
          on day D at an unknown hour, a duty due at D T00:00 (24:00 of D-1) was broken before the end (violated,
          第567条), one due at D+1 T00:00 was not yet due (discharged, 第566条) — both certain whatever the hour.
  hours   附件2 三.5: 2 hours including the end instant (第1259条): a leak at 10:00 → due 12:00, a notice at 12:00:00 in
          time, 12:00:01 late; the report at 12:00:00 says active, at 12:00:01 violated.  A leak at 22:00 of Tue 09-30
          → due 00:00 of Wed 10-01 (a holiday moves no hours).
  wdays   5.2.3 10 working days: application Fri 2026-09-11 → 09-14, 15, 16, 17, 18, Sun 09-20, 21, 22, 23, Thu 09-24
          → due 2026-09-25T00:00; deemed_acceptance then; release_bond 30 days from the deemed acceptance (of 09-24):
          09-25 .. Sat 10-24 → Mon 10-26 → 10-27T00:00; handover 1 month → Sat 10-24 → Mon 10-26 → 10-27T00:00.  A
          review at 09-24 23:59:59 → acceptance_meeting 10 working days: 09-28, 29, 30, 10-08, 09, Sat 10-10, 12, 13,
          14, 15 → due 10-16T00:00.

Hand counts of this file (each figure counted by hand before the engine ran; 127 test cases in 39 test functions —
118 that hold and 9 strict xfail cases (3 defects)): 47 calendar days; 14 payment terms, each with its due instant, its
15-day power and the power's amount after 第564条 (42 figures); 4 two-month triggers (8) and 4 instants around one; 2
payments at the last precondition or at signing in both orders and 1 before signing (with its finding); 5 accepted
amount spellings (10 verdicts), 8 refused (exit 1, file:line:column, in Chinese); 2 exact sums; 3 fen-sized over-,
under- and top-up cases (damages ¥0.00, ¥195,440.00, ¥41,880.00; power ¥349,000.00 or none); 6 same-id duplicates, 2
two-id cases, 2 id conflicts; 7 time-offset cases; 4 prepayment guarantees; 12 terminations by each way of delivery
(end instant, payment verdict, damages, the 5% and the finding: 60 figures); 4 reports around a receipt after as_of;
4 damages-to-the-end amounts; 1 payment after the end (¥111,680.00); 4 terminations around 超5日 and 3 leaks around the
end; 7 + 4 + 6 + 3 + 4 + 3 reports at and around day, hour and working-day due instants; 2 reports of facts later than
as_of; 3 instants of one replay; 2 CLI runs on both backends; the guards of the three defects (14 figures).

Defects found (strict xfail; no engine or rule patch this round):
  1. A fact known by its date alone ON THE as_of DAY is taken as seen (as if at 00:00): at as_of 2025-08-04T12:00 a
     payment recorded "2025-08-04" fulfils 2.2(1) (`fulfilled`, fulfilled_at 08-04T00:00); at 09:00 a termination
     recorded "2025-08-04", or one deemed delivered on 08-04 by express (10.3.3, a day), has ended the contract and
     gives 乙方 ¥349,000.00 (8.3 无故中途解除) — though each may have happened after as_of (interface spec: "facts later
     than as_of are ignored").  The hour decides: `undetermined` (language.md §4.8), not a certain verdict.
  2. Two terminations on the day of a deemed delivery (termination_effective = on delivery): 乙方's 8.3 termination by
     registered mail deemed delivered Sat 2025-08-23 (a day), 甲方's 3.1.3 fax 08:00 that day — the report silently
     puts the letter first (00:00): ended by 8.3, ¥349,000.00 to 乙方, finding only already_terminated.  Had the letter
     come after 08:00, the contract ended by 3.1.3 and 乙方's power with its 5% went unused (¥0.00).  The same doubt
     under the default reading is flagged termination_hour_unknown and resolved the other way.
  3. A termination known only by its day (recorded "2025-08-04", or deemed delivered that day by express) and a
     security incident / a supplier leak found at 10:00 that day: ended after 10:00, 附件2 三.4's 2-hour notice was owed
     and broken at 12:00 (violated, surviving, 第567条) and 2.1(3) gives 甲方 a deduction; ended before, nothing.  The
     report says nothing at all (no row, no deduction, no finding), as if the contract ended at 00:00 — against 甲方,
     under both readings.

In-process runs compare the reference with the durable backend (seedfacts.on_both_backends: the very same JSON); CLI runs
use `python -m engine.cli eval … --backend reference|durable` (seedfacts.cli_on_both_backends).
"""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from seedfacts import PAY_1, cli_on_both_backends, fact as f, lines, notice, on_both_backends, rows

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "gzmz-2025-it-ops.qy"


def T(day, hms="10:00:00"):
    return f"{day}T{hms}+08:00"


SIGN = f("c", "contract_signed", T("2025-06-27"))
DUE_1 = "2025-08-05T00:00:00+08:00"
AS_OF = T("2025-09-01")


def pay(id_, at, amount="3490000.00", installment=1):
    return f(id_, "payment_made", at, installment=installment, amount=amount)


def ended(id_, at, party="甲方", ground="other"):
    return f(id_, "termination_notified", at, party=party, ground=ground)


def run(rules, facts, as_of):
    return on_both_backends(rules, lines(facts), as_of)


def live(rep, name):
    """(status, due, fulfilled_at) of each triggered row of one obligation."""
    return [(o["status"], o["due"], o["fulfilled_at"]) for o in rows(rep, "obligations", name) if o["status"] != "inactive"]


def rem(rep, name):
    return [(r["status"], r["since"], r["amount"]) for r in rows(rep, "remedies", name)]


def codes(rep):
    return sorted(x["code"] for x in rep["findings"] if x["code"] not in ("open_point", "amount_words_mismatch"))


def end(rep):
    return rep["contract_life"]["ended"], rep["contract_life"]["ended_by"]


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
    """damages_after_termination = "until the contract ends": 8.3's ¥6,980.00 a day stop at the end."""
    yield from _compiled({"damages_after_termination": '"until the contract ends"'})


def invoice_on(at):
    """PAY_1 with its invoice (the last precondition) received at ``at`` instead of Fri 2025-07-04 10:00."""
    facts = [dict(x) for x in PAY_1]
    facts[4]["at"] = at
    return facts


# ======================================================================================================== DEFECT
# FIXED (was a strict xfail: a fact or deemed event known by its day alone, on the day as_of falls within, is not counted and the report says so: day_alone_at_as_of)
@pytest.mark.parametrize("case", ["payment", "termination", "deemed delivery"])
def test_a_fact_known_by_its_date_alone_on_the_as_of_day_is_not_certainly_seen(seed, on_delivery, case):
    """DEFECT (silent guess; medium-high confidence).  The interface: "Nothing after as_of is seen: facts later than
    as_of are ignored"; a bare date "means that day" — any hour of it.  (a) PAY_1 (due 2025-08-05T00:00) and 甲方's
    payment of ¥3,490,000.00 recorded "2025-08-04"; the report as of 2025-08-04T12:00.  Paid at 09:00 → `fulfilled`;
    paid at 15:00 → not yet seen, `active`.  The engine: `fulfilled`, fulfilled_at 2025-08-04T00:00, no word of the doubt
    — 甲方's treasury reading the noon report believes the money left; if it leaves at 15:00 it has not.  (b) 甲方's
    termination "other" (8.3 无故中途解除) recorded "2025-08-04"; the report as of 09:00 that day says ended
    2025-08-04, pay_installment_1 `discharged` and 乙方 holding ¥349,000.00 — a notice at 15:00 has not yet ended
    anything at 09:00.  The engine's own rule for a termination whose order with a same-day fact is unknown is
    `termination_hour_unknown`, the contract treated as continuing (language.md §4.8); here the "fact" is the report's
    instant.  Right: (a) `undetermined` (or, at the least, not a certain `fulfilled`); (b) not a certain end — ended
    None, or a finding that says the hour decides.  (c) The same for a notice DEEMED delivered on the as_of day: 甲方's
    express within the city of Fri 08-01 is delivered "on Mon 08-04" (10.3.3, a day): the report as of 08-04 09:00
    (termination_effective = on delivery) says ended, ¥349,000.00.  Guard: at as_of 2025-08-05T00:00 (the day past) both are certain
    (test_passing_a_fact_known_by_its_date_alone_on_an_earlier_day_is_seen)."""
    if case == "payment":
        rep = run(seed, PAY_1 + [pay("p", "2025-08-04")], T("2025-08-04", "12:00:00"))
        assert [s for s, _, _ in live(rep, "pay_installment_1")] in (["undetermined"], ["active"])
    elif case == "termination":
        rep = run(seed, PAY_1 + [ended("t", "2025-08-04")], T("2025-08-04", "09:00:00"))
        assert end(rep)[0] is None or any("hour" in c or "undetermined" in c for c in codes(rep))
    else:
        rep = run(on_delivery, PAY_1 + [ended("t", T("2025-08-01")),
                                        notice("n", T("2025-08-01"), "甲方", "乙方", "termination", "express", ref="t")],
                  T("2025-08-04", "09:00:00"))
        assert end(rep)[0] is None or any("hour" in c or "undetermined" in c for c in codes(rep))


def test_passing_a_fact_known_by_its_date_alone_on_an_earlier_day_is_seen(seed):
    """Guard bracketing the defect: as of 2025-08-05T00:00 the payment of "2025-08-04" certainly came before — in time
    (`fulfilled`, no damages); the termination of "2025-08-04" certainly ended the contract on 08-04 (its hour unknown:
    ended_cn says so), before the due instant 08-05T00:00 — pay_installment_1 `discharged` (第566条), ¥349,000.00 (8.3
    无故中途解除, no power of 3.1.3 or 8.4 held).  A payment "2025-08-05" as of 08-05T12:00 is late whatever its hour
    (one day begun, ¥6,980.00)."""
    rep = run(seed, PAY_1 + [pay("p", "2025-08-04")], DUE_1)
    assert [s for s, _, _ in live(rep, "pay_installment_1")] == ["fulfilled"]
    assert rem(rep, "late_payment_damages") == []
    rep = run(seed, PAY_1 + [ended("t", "2025-08-04")], DUE_1)
    assert end(rep) == ("2025-08-04T00:00:00+08:00", "buyer_without_cause")
    assert rep["contract_life"]["ended_cn"] == "2025年8月4日（时刻不明）"
    assert live(rep, "pay_installment_1") == [("discharged", DUE_1, None)]
    assert [a for _, _, a in rem(rep, "unjustified_termination_damages")] == ["349000.00"]
    rep = run(seed, PAY_1 + [pay("p", "2025-08-05")], T("2025-08-05", "12:00:00"))
    assert [s for s, _, _ in live(rep, "pay_installment_1")] == ["violated"]
    assert [a for _, _, a in rem(rep, "late_payment_damages")] == ["6980.00"]


HARM = f("h", "public_interest_harm_found", T("2025-08-21", "09:00:00"))
BY_MAIL = [f("ty", "termination_notified", T("2025-08-20"), party="乙方", ground="late_payment"),
           notice("ny", T("2025-08-20"), "乙方", "甲方", "termination", "registered_mail", ref="ty")]  # → Sat 08-23


def buyer_fax(at):
    return [f("tj", "termination_notified", T("2025-08-22"), party="甲方", ground="public_interest"),
            notice("nj", at, "甲方", "乙方", "termination", "fax", ref="tj")]


# FIXED (was a strict xfail: the later notice of that day says the order cannot be told: termination_order_unknown — the end decided first stands, said, rather than undone (termination_hour_unknown's 'as if it continues' would drop an end that did happen that day))
@pytest.mark.parametrize("order", ["mail first", "fax first"])
def test_two_terminations_on_the_day_of_a_deemed_delivery_are_not_silently_ordered(on_delivery, order):
    """DEFECT (silent guess; ¥349,000.00 against 甲方; high confidence).  PAY_1 unpaid: 乙方 holds 8.3's power from
    2025-08-20T00:00.  乙方 posts its termination by registered mail within the city Wed 08-20 → deemed delivered Sat
    08-23 (10.3.4: a day, not an hour).  甲方 found a harm to the public interest Thu 08-21 and faxes its 3.1.3
    termination Sat 08-23 08:00 (confirmation sheet).  第565条: the contract ends when the first notice arrives.  If
    the letter came after 08:00 (post is delivered in the day), 甲方's 3.1.3 termination ended the contract and 乙方's
    unused power — and its 5% "随解除而产生" (assumption termination_damages_basis) — went with it: ¥0.00.  If it came
    before 08:00, 乙方 exercised its power: ¥349,000.00.  Not known.  The engine: ended 2025-08-23T00:00 by
    supplier_terminates, ¥349,000.00 `exercised`, 甲方's power `lapsed`, finding only already_terminated — the letter
    silently taken at 00:00.  Under the default reading the same doubt (乙方's termination of "2025-08-23", 甲方's at
    08:00) is flagged termination_hour_unknown and the day-only one is not taken first (guard below); and under this
    reading a same-day harm or payment is flagged too.  Right: termination_hour_unknown, not a certain ¥349,000.00."""
    facts = PAY_1 + [HARM] + (BY_MAIL + buyer_fax(T("2025-08-23", "08:00:00")) if order == "mail first"
                              else buyer_fax(T("2025-08-23", "08:00:00")) + BY_MAIL)
    rep = run(on_delivery, facts, AS_OF)
    assert {"termination_hour_unknown", "termination_order_unknown"} & set(codes(rep))


@pytest.mark.parametrize("fax, by, five", [(T("2025-08-22"), "buyer_terminates", ("lapsed", "0.00")),
                                           (T("2025-08-24", "08:00:00"), "supplier_terminates", ("exercised", "349000.00"))])
def test_passing_two_terminations_on_different_days_end_the_contract_by_the_first_delivered(on_delivery, fax, by, five):
    """Guard bracketing the defect: 甲方's fax Fri 08-22 10:00 arrives before the letter of Sat 08-23 — ended then by
    3.1.3, 乙方's power lapsed with its 5% (¥0.00); the fax Sun 08-24 08:00 comes after — ended on 08-23 by 8.3,
    ¥349,000.00 exercised.  The later notice: already_terminated.  Both input orders."""
    for facts in (PAY_1 + [HARM] + BY_MAIL + buyer_fax(fax), PAY_1 + [HARM] + buyer_fax(fax) + BY_MAIL):
        rep = run(on_delivery, facts, AS_OF)
        assert end(rep) == (fax if by == "buyer_terminates" else "2025-08-23T00:00:00+08:00", by)
        assert [(s, a) for s, _, a in rem(rep, "supplier_termination")] == [five]
        assert codes(rep) == ["already_terminated"]


def test_passing_the_same_doubt_under_the_default_reading_is_flagged(seed):
    """Default reading (the termination_notified fact is the arrival): 乙方's termination recorded "2025-08-23" alone,
    甲方's 3.1.3 termination at 08:00 that day.  Either notice first, the contract ended on 08-23 (the session of
    2026-12-07, 10:31–: it was held, termination_hour_unknown, and the contract ended at 08:00 by 3.1.3 with 乙方's power
    lapsed — a silent ¥0.00): both orders are replayed, the report takes the day-alone notice first, as the reading on
    delivery does (above), and what the two orders decide differently — the 5% — is undetermined, the ground's doubt
    said (termination_ground_order_unknown; the fax, termination_order_unknown)."""
    facts = PAY_1 + [HARM, f("ty", "termination_notified", "2025-08-23", party="乙方", ground="late_payment"),
                     f("tj", "termination_notified", T("2025-08-23", "08:00:00"), party="甲方", ground="public_interest")]
    rep = run(seed, facts, AS_OF)
    assert {"termination_ground_order_unknown", "termination_order_unknown"} <= set(codes(rep))
    assert end(rep) == ("2025-08-23T00:00:00+08:00", "supplier_terminates")
    assert [s for s, _, a in rem(rep, "supplier_termination")] == ["undetermined"]


INCIDENT = f("x", "security_incident_found", T("2025-08-04"))
LEAK_0804 = f("d", "data_leak_discovered", T("2025-08-04"), cause="supplier")
BY_EXPRESS = [f("tj", "termination_notified", T("2025-08-01"), party="甲方", ground="other"),
              notice("nj", T("2025-08-01"), "甲方", "乙方", "termination", "express", ref="tj")]  # → Mon 08-04


# FIXED (was a strict xfail: what a fact sets off later the day a termination known by its day alone ended the contract is undetermined: arose_on_day_of_end)
@pytest.mark.parametrize("reading", ["default", "on delivery"])
@pytest.mark.parametrize("what", ["incident", "leak"])
def test_a_termination_known_by_its_day_does_not_silently_precede_a_same_day_breach(seed, on_delivery, reading, what):
    """DEFECT (silent guess against 甲方; high confidence).  甲方 ends the contract without cause; its end is known only by
    the day, Mon 2025-08-04 — recorded "2025-08-04" (default reading), or an express within the city sent Fri 08-01,
    deemed delivered on the 3rd day (10.3.3, a day, not an hour) under termination_effective = on delivery.  乙方
    finds a data-security incident at 10:00 that day (附件2 三.4 "立即通知", assumption immediate_notice: 2 hours → due
    12:00), never notified; or a leak through 乙方 (2.1(3): 甲方 may deduct from the bond).  Ended at 15:00 (guard
    below): the incident's duty arose while the contract bound 乙方 and was broken at 12:00, before the end — violated,
    surviving (第567条); the leak gives 甲方 its deduction.  Ended at 09:00: no contract at 10:00, nothing.  Known only
    by the day: not known.  The engine: nothing — no row, no deduction, no word — as if the contract ended at 00:00,
    while the same day-only end beside a same-day harm or payment is flagged termination_hour_unknown (its own rule,
    language.md §4.8).  Right: `undetermined` or termination_hour_unknown."""
    end_facts = [f("tj", "termination_notified", "2025-08-04", party="甲方", ground="other")] if reading == "default" \
        else BY_EXPRESS
    rep = run(seed if reading == "default" else on_delivery, [SIGN, *end_facts, INCIDENT if what == "incident" else LEAK_0804],
              AS_OF)
    row = "security_incident_notice" if what == "incident" else "bond_deduction"
    assert "termination_hour_unknown" in codes(rep) or \
        any(r["status"] == "undetermined" for r in rows(rep, "obligations" if what == "incident" else "remedies", row))


@pytest.mark.parametrize("at, owed", [("15:00:00", True), ("09:00:00", False)])
def test_passing_a_termination_at_an_hour_either_side_of_a_same_day_incident(seed, at, owed):
    """Guard bracketing the defect: ended 15:00 → the incident of 10:00 owed its notice by 12:00, violated; the leak of
    10:00 gives the deduction (and deduction_without_bond: no bond given).  Ended 09:00 → neither."""
    tn = f("tj", "termination_notified", T("2025-08-04", at), party="甲方", ground="other")
    rep = run(seed, [SIGN, tn, INCIDENT], AS_OF)
    assert live(rep, "security_incident_notice") == ([("violated", T("2025-08-04", "12:00:00"), None)] if owed else [])
    rep = run(seed, [SIGN, tn, LEAK_0804], AS_OF)
    assert [s for s, _, _ in rem(rep, "bond_deduction")] == (["held"] if owed else [])
    assert ("deduction_without_bond" in codes(rep)) is owed


# ======================================================================================================== GUARDS
# ------------------------------------------------------------------ the calendar
def test_passing_the_calendar_the_hand_counts_rest_on():
    """The official calendar of every day the counts above name (chinese_calendar.is_workday)."""
    from chinese_calendar import is_workday

    work = ["2025-09-28", "2025-09-29", "2025-09-30", "2025-10-09", "2025-10-10", "2025-10-11", "2025-10-13",
            "2025-10-31", "2026-01-04", "2026-02-14", "2026-02-24", "2026-02-28", "2026-03-16", "2026-05-09",
            "2026-09-11", "2026-09-20", "2026-09-24", "2026-10-10", "2026-10-26", "2025-08-04", "2025-09-29"]
    off = ["2025-09-27", "2025-10-01", "2025-10-02", "2025-10-03", "2025-10-06", "2025-10-07", "2025-10-08",
           "2025-10-12", "2025-11-01", "2025-08-03", "2026-01-01", "2026-01-02", "2026-01-03", "2026-02-15",
           "2026-02-16", "2026-02-23", "2026-09-12", "2026-09-13", "2026-09-19", "2026-09-25", "2026-10-01",
           "2026-10-07", "2026-10-24", "2026-10-25", "2026-03-15", "2026-11-01"]
    assert [d for d in work if not is_workday(date.fromisoformat(d))] == []
    assert [d for d in off if is_workday(date.fromisoformat(d))] == []


# ------------------------------------------------------------------ the payment term over make-up days and holidays
@pytest.mark.parametrize("day, due, power, amount", [
    ("2025-08-29", "2025-09-29", "2025-10-14", "0.00"),   # 30th day Sun 09-28, a make-up working day: not moved
    ("2025-08-28", "2025-09-29", "2025-10-14", "0.00"),   # Sat 09-27 → the make-up Sunday 09-28
    ("2025-09-01", "2025-10-10", "2025-10-25", "0.00"),   # Wed 10-01 → Thu 10-09
    ("2025-09-11", "2025-10-12", "2025-10-27", "0.00"),   # Sat 10-11, a make-up working day
    ("2025-09-12", "2025-10-14", "2025-10-29", "0.00"),   # Sun 10-12 → Mon 10-13
    ("2025-10-01", "2025-11-01", "2025-11-16", "0.00"),   # invoice on a holiday: counted from 10-02, Fri 10-31
    ("2025-09-28", "2025-10-29", "2025-11-13", "0.00"),   # invoice on the make-up Sunday
    ("2025-12-05", "2026-01-05", "2026-01-20", "349000.00"),  # Sun 2026-01-04, a make-up working day
    ("2025-12-03", "2026-01-05", "2026-01-20", "349000.00"),  # Fri 01-02 (holiday), Sat 01-03 → Sun 01-04
    ("2026-01-15", "2026-02-15", "2026-03-02", "349000.00"),  # Sat 02-14, a make-up working day
    ("2026-01-16", "2026-02-25", "2026-03-12", "349000.00"),  # Sun 02-15 .. Mon 02-23 → Tue 02-24
    ("2026-01-29", "2026-03-01", "2026-03-16", "349000.00"),  # Sat 02-28, a make-up working day
    ("2026-04-09", "2026-05-10", "2026-05-25", "349000.00"),  # Sat 05-09, a make-up working day
    ("2026-09-10", "2026-10-11", "2026-10-26", "349000.00"),  # Sat 10-10, a make-up working day
])
def test_passing_the_payment_term_ends_on_make_up_days_and_moves_off_holidays(seed, day, due, power, amount):
    """PAY_1 with the invoice (the last precondition) on ``day`` 10:00, never paid, reported 2026-12-01: 2.2(1) due at
    24:00 of the 30th day as moved (TERM), violated; 8.3's power from 15 days after the due instant (not moved); the
    2025 powers lapsed within the year (第564条: ¥0.00), the 2026 ones not."""
    rep = run(seed, invoice_on(T(day)), T("2026-12-01"))
    assert live(rep, "pay_installment_1") == [("violated", f"{due}T00:00:00+08:00", None)]
    assert [(s, a) for _, s, a in rem(rep, "supplier_termination")] == [(f"{power}T00:00:00+08:00", amount)]


@pytest.mark.parametrize("sign, staff, rest, trig, due", [
    (T("2025-06-27"), T("2025-08-01"), T("2025-09-20"), "2025-10-02", "2025-11-01"),
    (T("2025-06-30", "15:00:00"), T("2025-06-28"), T("2025-08-20"), "2025-08-31", "2025-09-30"),
    (T("2025-12-31"), T("2025-12-31"), T("2026-02-10"), "2026-03-01", "2026-03-31"),
    (T("2025-06-27"), T("2025-12-13"), T("2026-01-10"), "2026-02-14", "2026-03-17"),
])
def test_passing_two_months_passing_at_24_00_start_the_thirty_days_the_next_day(seed, sign, staff, rest, trig, due):
    """2.2(2): the two months of service (from the later of the first staff and the effect, assumption service_start)
    are the last precondition; they pass at 24:00 of their last day (trig = next day 00:00), and 30 days count from that
    next day (24:00): 10-02 .. Fri 10-31 → 11-01 (not 11-04); 08-31 .. Mon 09-29 → 09-30; 03-01 .. Mon 03-30 → 03-31;
    02-14 .. Sun 03-15 → Mon 03-16 → 03-17."""
    facts = [f("c", "contract_signed", sign), f("s", "staff_onsite", staff, count=2),
             f("m", "midterm_report_approved", rest),
             f("a2", "payment_application_received", rest, installment=2, amount="1396000.00"),
             f("i2", "invoice_received", rest, installment=2, amount="1396000.00", kind="vat_ordinary")]
    rep = run(seed, facts, T("2026-06-01"))
    got = [(o["status"], o["triggered_at"], o["due"]) for o in rows(rep, "obligations", "pay_installment_2")]
    assert got == [("violated", f"{trig}T00:00:00+08:00", f"{due}T00:00:00+08:00")]


def test_passing_the_two_months_boundary_as_of_to_the_second(seed):
    """The first case above: inactive at 10-01 23:59:59; active from 10-02T00:00 (due 11-01); violated at 11-01T00:00."""
    facts = [SIGN, f("s", "staff_onsite", T("2025-08-01"), count=2), f("m", "midterm_report_approved", T("2025-09-20")),
             f("a2", "payment_application_received", T("2025-09-20"), installment=2, amount="1396000.00"),
             f("i2", "invoice_received", T("2025-09-20"), installment=2, amount="1396000.00", kind="vat_ordinary")]
    got = [[o["status"] for o in rows(run(seed, facts, a), "obligations", "pay_installment_2")]
           for a in (T("2025-10-01", "23:59:59"), T("2025-10-02", "00:00:00"), T("2025-10-31", "23:59:59"),
                     T("2025-11-01", "00:00:00"))]
    assert got == [["inactive"], ["active"], ["active"], ["violated"]]


# ------------------------------------------------------------------ a payment at the last precondition, at signing, before
def test_passing_a_payment_at_the_instant_of_the_last_precondition_in_either_order(seed):
    """time-and-law: "a payment recorded at the same instant as the invoice that completes its preconditions is not
    before the preconditions" — paid Fri 07-04 10:00 with the invoice: fulfilled then, no finding, either order."""
    for facts in (PAY_1 + [pay("p", T("2025-07-04"))], [pay("p", T("2025-07-04"))] + PAY_1[::-1]):
        rep = run(seed, facts, AS_OF)
        assert live(rep, "pay_installment_1") == [("fulfilled", DUE_1, T("2025-07-04"))]
        assert codes(rep) == []


def test_passing_a_payment_at_the_signing_instant_and_one_before_it(seed):
    """Every precondition before the signing of Tue 07-08 10:00 (第502条: the duty arises at effect, due 07-09 ..
    Thu 08-07 → 08-08T00:00).  Paid AT the signing instant: fulfilled then, no finding (facts at one instant happen
    together), in either order.  Paid Sat 07-05 (before there was a contract): the duty still fulfilled at effect by the
    money already paid, and payment_before_preconditions (the contract was not yet in force)."""
    facts = [dict(x) for x in PAY_1]
    facts[0]["at"] = T("2025-07-08")
    for stream in (facts + [pay("p", T("2025-07-08"))], [pay("p", T("2025-07-08"))] + facts[::-1]):
        rep = run(seed, stream, AS_OF)
        assert live(rep, "pay_installment_1") == [("fulfilled", "2025-08-08T00:00:00+08:00", T("2025-07-08"))]
        assert codes(rep) == []
    rep = run(seed, facts + [pay("p", T("2025-07-05"))], AS_OF)
    assert live(rep, "pay_installment_1") == [("fulfilled", "2025-08-08T00:00:00+08:00", T("2025-07-08"))]
    assert codes(rep) == ["payment_before_preconditions"]


# ------------------------------------------------------------------ amounts
@pytest.mark.parametrize("amount", ["3490000", 3490000, 3490000.0, "3,490,000.00", "¥3,490,000.00"])
def test_passing_the_installment_amount_in_every_accepted_spelling(seed, amount):
    """Application and invoice written ``amount``: the same ¥3,490,000.00 — the duty arises at the invoice (07-04
    10:00), due 08-05T00:00, violated by 09-01 with 28 days ¥195,440.00; paid in the same spelling: fulfilled."""
    facts = [dict(x) for x in PAY_1]
    facts[3]["amount"] = facts[4]["amount"] = amount
    rep = run(seed, facts, AS_OF)
    assert live(rep, "pay_installment_1") == [("violated", DUE_1, None)]
    assert [a for _, _, a in rem(rep, "late_payment_damages")] == ["195440.00"]
    rep = run(seed, facts + [pay("p", T("2025-07-10"), amount)], AS_OF)
    assert live(rep, "pay_installment_1") == [("fulfilled", DUE_1, T("2025-07-10"))]


@pytest.mark.parametrize("amount, says", [
    ('"陆佰玖拾捌万元"', "不是金额的规范写法"), ('"叁佰肆拾玖万元整"', "不是金额的规范写法"),
    ('"3490000.001"', "超过两位小数"), ('"3490000.00元"', "不是金额的规范写法"), ('" 3490000.00"', "不是金额的规范写法"),
    ('"+3490000"', "不是金额的规范写法"), ("-3490000", "负数"), ('"RMB3490000"', "不是金额的规范写法"),
])
def test_passing_an_amount_in_capitals_or_otherwise_unreadable_is_an_error_with_file_line_column(tmp_path, amount, says):
    """The seed's 大写 amounts are for the contract's text, not for a fact: a payment of "陆佰玖拾捌万元" is refused,
    exit 1, naming the file, line 6 and the column of the value, in Chinese — never read as zero or as anything."""
    ls = lines(PAY_1) + ['{"id": "p", "type": "payment_made", "at": "2025-07-10T10:00:00+08:00", "installment": 1, '
                         f'"amount": {amount}}}']
    path = tmp_path / "f.jsonl"
    path.write_text("\n".join(ls) + "\n", encoding="utf-8")
    run_ = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(RULES), "--facts", str(path), "--as-of",
                           AS_OF, "--format", "text"], capture_output=True, text=True, cwd=ROOT)
    assert run_.returncode == 1 and run_.stdout == ""
    assert f"{path}:6:90:" in run_.stderr and "第 6 行第 90 列" in run_.stderr and says in run_.stderr
    assert "Traceback" not in run_.stderr


def test_passing_three_json_numbers_sum_to_the_installment_exactly(seed):
    """1163333.33 + 1163333.33 + 1163333.34 as JSON numbers (binary floats would not sum to 3490000.00) and 0.1 + 0.2 +
    3489999.70: exact decimals, the installment paid 07-10 10:00, fulfilled."""
    for parts in ((1163333.33, 1163333.33, 1163333.34), (0.1, 0.2, "3489999.70")):
        ps = [pay(f"p{i}", T("2025-07-10"), a) for i, a in enumerate(parts)]
        assert live(run(seed, PAY_1 + ps, AS_OF), "pay_installment_1") == [("fulfilled", DUE_1, T("2025-07-10"))]


def test_passing_over_and_under_payment_by_one_fen(seed):
    """¥3,490,000.01 pays the installment (fulfilled, no damages); ¥3,489,999.99 does not: violated, 28 days ¥195,440.00
    and the power from 08-20T00:00 with ¥349,000.00; the missing fen paid Sun 08-10 10:00: performed late then, 6 days
    (08-05 .. 08-10) ¥41,880.00, no power (paid within the 15 days)."""
    rep = run(seed, PAY_1 + [pay("p", T("2025-07-10"), "3490000.01")], AS_OF)
    assert live(rep, "pay_installment_1") == [("fulfilled", DUE_1, T("2025-07-10"))]
    assert rem(rep, "late_payment_damages") == []
    rep = run(seed, PAY_1 + [pay("p", T("2025-07-10"), "3489999.99")], AS_OF)
    assert live(rep, "pay_installment_1") == [("violated", DUE_1, None)]
    assert rem(rep, "late_payment_damages") == [("held", DUE_1, "195440.00")]
    assert rem(rep, "supplier_termination") == [("held", "2025-08-20T00:00:00+08:00", "349000.00")]
    rep = run(seed, PAY_1 + [pay("p", T("2025-07-10"), "3489999.99"), pay("q", T("2025-08-10"), "0.01")], AS_OF)
    assert live(rep, "pay_installment_1") == [("violated", DUE_1, T("2025-08-10"))]
    assert rem(rep, "late_payment_damages") == [("held", DUE_1, "41880.00")]
    assert rem(rep, "supplier_termination") == []


# ------------------------------------------------------------------ the same payment twice
@pytest.mark.parametrize("second", [
    pay("p", T("2025-07-10"), "1745000.00"), pay("p", T("2025-07-10"), "1745000.0"), pay("p", T("2025-07-10"), 1745000),
    pay("p", "2025-07-10T02:00:00Z", "1745000.00"), pay("p", "2025-07-10T10:00:00", "1,745,000.00"),
    dict(reversed(list(pay("p", T("2025-07-10"), "1745000.00").items()))),
])
def test_passing_one_half_payment_given_twice_under_one_id_is_one_payment(seed, second):
    """Interface: "the same id twice with the same content is one fact" — the same content spelled otherwise (an amount
    1745000 / "1745000.0" / "1,745,000.00", the instant in UTC or without its offset, the keys in another order) is
    still one ¥1,745,000.00: the installment is not paid, violated, 28 days ¥195,440.00."""
    rep = run(seed, PAY_1 + [pay("p", T("2025-07-10"), "1745000.00"), second], AS_OF)
    assert live(rep, "pay_installment_1") == [("violated", DUE_1, None)]
    assert rem(rep, "late_payment_damages") == [("held", DUE_1, "195440.00")]


def test_passing_the_same_half_under_two_ids_is_two_payments_and_two_fulls_overpay(seed):
    """Two ids are two payments (ids name facts): two halves at one instant pay the installment (fulfilled 07-10);
    the full amount twice is ¥6,980,000.00 for installment 1 — fulfilled, and nothing of installment 2 (第560条)."""
    rep = run(seed, PAY_1 + [pay("p", T("2025-07-10"), "1745000.00"), pay("q", T("2025-07-10"), "1745000.00")], AS_OF)
    assert live(rep, "pay_installment_1") == [("fulfilled", DUE_1, T("2025-07-10"))]
    rep = run(seed, PAY_1 + [pay("p", T("2025-07-10")), pay("q", T("2025-07-10"))], AS_OF)
    assert live(rep, "pay_installment_1") == [("fulfilled", DUE_1, T("2025-07-10"))]
    assert codes(rep) == []


def test_passing_one_id_at_two_instants_is_an_error_even_when_one_is_after_as_of(seed):
    """The id `p` at 07-10 and again at 12-01 (after the as_of 09-01): the file is wrong whatever the report's instant —
    an error naming the first line and the field that differs, in either order."""
    from engine.diagnostics import QiyueError

    a, b = pay("p", T("2025-07-10")), pay("p", T("2025-12-01"))
    for facts in (PAY_1 + [a, b], PAY_1 + [b, a]):
        with pytest.raises(QiyueError) as err:
            seed.evaluate(lines(facts), AS_OF)
        assert "编号 “p” 已在第 6 行用过" in str(err.value) and "at" in str(err.value)


# ------------------------------------------------------------------ other offsets; the prepayment guarantee
@pytest.mark.parametrize("at, trig, due", [
    ("2025-09-11T20:00:00-04:00", T("2025-09-12", "08:00:00"), "2025-10-14"),  # Fri 09-12 in contract time
    ("2025-09-12T00:00:00Z", T("2025-09-12", "08:00:00"), "2025-10-14"),
    ("2025-09-11T15:59:59Z", T("2025-09-11", "23:59:59"), "2025-10-12"),       # still Thu 09-11
    ("2025-09-11T23:59:59", T("2025-09-11", "23:59:59"), "2025-10-12"),        # no offset: contract time
])
def test_passing_an_invoice_in_another_offset_counts_its_day_in_contract_time(seed, at, trig, due):
    """The day of a fact is its day in Asia/Shanghai: 20:00 in New York on 09-11 is Fri 09-12 08:00 here (→ Sun 10-12
    → Mon 10-13 → 10-14), 15:59:59Z is still Thu 09-11 23:59:59 (→ Sat 10-11, make-up → 10-12)."""
    rep = run(seed, invoice_on(at), T("2025-12-01"))
    got = [(o["status"], o["triggered_at"], o["due"]) for o in rows(rep, "obligations", "pay_installment_1")]
    assert got == [("violated", trig, f"{due}T00:00:00+08:00")]


@pytest.mark.parametrize("at, in_time", [("2025-08-04T15:59:59Z", True), ("2025-08-04T16:00:00Z", False),
                                          ("2025-08-05T00:30:00+09:00", True)])
def test_passing_a_payment_in_another_offset_meets_the_due_instant_in_contract_time(seed, at, in_time):
    """Due 2025-08-05T00:00+08:00 = 08-04T16:00:00Z: a payment at 15:59:59Z is in time, at 16:00:00Z late (one day,
    ¥6,980.00); 00:30 in Tokyo on 08-05 is 23:30 of 08-04 here — in time."""
    rep = run(seed, PAY_1 + [pay("p", at)], AS_OF)
    assert [s for s, _, _ in live(rep, "pay_installment_1")] == ["fulfilled" if in_time else "violated"]
    assert [a for _, _, a in rem(rep, "late_payment_damages")] == ([] if in_time else ["6980.00"])


@pytest.mark.parametrize("valid_until, amount, owed", [
    ("2026-06-28", "2094000.00", True), ("2026-06-27", "2094000.00", False), ("2026-06-28", "2093999.99", False),
    ("2026-06-28", "6980000", True),
])
def test_passing_the_prepayment_guarantee_at_its_boundaries(seed, valid_until, amount, owed):
    """2.2(3): a guarantee of at least 30% (¥2,094,000.00) valid beyond the service period (ends 24:00 2026-06-27): valid
    until 06-28 — owed from the guarantee Fri 2025-09-12 10:00, 30 days → Sun 10-12 → Mon 10-13 → due 10-14; valid until
    06-27 (= the period, not beyond it) or one fen short — never owed."""
    facts = [SIGN, f("s", "staff_onsite", T("2025-07-01", "09:00:00"), count=2),
             f("a3", "payment_application_received", T("2025-09-10"), installment=3, amount="2094000.00"),
             f("i3", "invoice_received", T("2025-09-10"), installment=3, amount="2094000.00", kind="vat_ordinary"),
             f("g", "guarantee_submitted", T("2025-09-12"), purpose="prepayment", amount=amount,
               valid_until=valid_until)]
    rep = run(seed, facts, T("2025-12-01"))
    assert live(rep, "pay_installment_3") == ([("violated", "2025-10-14T00:00:00+08:00", None)] if owed else [])


# ------------------------------------------------------------------ termination by each way of delivery
DEC = ended("t", T("2025-07-31"))  # 甲方 decides to end the contract ("other": 8.3 无故中途解除)


@pytest.mark.parametrize("note, gone, pay_status, damages", [
    (notice("n", T("2025-08-04", "23:59:59"), "甲方", "乙方", "termination", "fax", ref="t"),
     T("2025-08-04", "23:59:59"), "discharged", None),
    (notice("n", T("2025-08-05", "00:00:00"), "甲方", "乙方", "termination", "fax", ref="t"),
     T("2025-08-05", "00:00:00"), "violated", "195440.00"),
    (notice("n", T("2025-08-04"), "甲方", "乙方", "termination", "personal", ref="t", signed_at=T("2025-08-04", "23:59:59")),
     T("2025-08-04", "23:59:59"), "discharged", None),
    (notice("n", T("2025-08-04"), "甲方", "乙方", "termination", "personal", ref="t", signed_at=T("2025-08-05", "00:00:00")),
     T("2025-08-05", "00:00:00"), "violated", "195440.00"),
    (notice("n", T("2025-08-04"), "甲方", "乙方", "termination", "personal", ref="t"), None, "violated", "195440.00"),
    (notice("n", T("2025-08-01", "11:00:00"), "甲方", "乙方", "termination", "express", ref="t"),
     T("2025-08-04", "00:00:00"), "discharged", None),
    (notice("n", T("2025-08-02", "11:00:00"), "甲方", "乙方", "termination", "express", ref="t"),
     T("2025-08-05", "00:00:00"), "violated", "195440.00"),
    (notice("n", T("2025-08-01", "11:00:00"), "甲方", "乙方", "termination", "registered_mail", ref="t"),
     T("2025-08-04", "00:00:00"), "discharged", None),
    (notice("n", T("2025-08-02", "11:00:00"), "甲方", "乙方", "termination", "registered_mail", ref="t"),
     T("2025-08-05", "00:00:00"), "violated", "195440.00"),
    (notice("n", T("2025-07-31", "11:00:00"), "甲方", "乙方", "termination", "express", ref="t", local=False),
     None, "violated", "195440.00"),
    (notice("n", T("2025-08-01", "11:00:00"), "甲方", "乙方", "termination", "express", ref="t", local=False,
            signed_at=T("2025-08-04", "09:00:00")), T("2025-08-04", "09:00:00"), "discharged", None),
    (notice("n", T("2025-08-01", "11:00:00"), "甲方", "乙方", "termination", "express", ref="t", local=False,
            signed_at=T("2025-08-05", "09:00:00")), T("2025-08-05", "09:00:00"), "violated", "195440.00"),
], ids=["fax-2359", "fax-0000", "personal-2359", "personal-0000", "personal-unsigned", "express-fri", "express-sat",
        "mail-fri", "mail-sat", "out-of-city-unsigned", "out-of-city-0804", "out-of-city-0805"])
def test_passing_a_termination_delivered_each_way_ends_the_contract_at_its_delivery(on_delivery, note, gone, pay_status,
                                                                                  damages):
    """On delivery (第565条, 10.3): PAY_1 is due 2025-08-05T00:00.  Delivered before that instant → the payment was not
    yet due, `discharged` (第566条), no damages; delivered at or after it → it was already broken, `violated`, and its
    damages survive (28 days to 09-01, ¥195,440.00, assumption damages_after_termination).  Express / mail within the
    city sent Fri 08-01 → Mon 08-04 (some hour of it: before 24:00, discharged for certain), sent Sat 08-02 → Tue
    08-05 (at 00:00 or later: violated for certain).  No receipt of a personal or out-of-city notice → nothing ends
    (and notice_delivery_undetermined); ended, 甲方 owes ¥349,000.00 (8.3 无故中途解除)."""
    rep = run(on_delivery, PAY_1 + [DEC, note], AS_OF)
    assert end(rep) == ((gone, "buyer_without_cause") if gone else (None, None))
    assert [s for s, _, _ in live(rep, "pay_installment_1")] == [pay_status]
    assert [a for _, _, a in rem(rep, "late_payment_damages")] == ([damages] if damages else [])
    assert [a for _, _, a in rem(rep, "unjustified_termination_damages")] == (["349000.00"] if gone else [])
    assert ("notice_delivery_undetermined" in codes(rep)) == (note["method"] == "personal" and gone is None
                                                              or not note.get("local", True) and gone is None)


def test_passing_a_receipt_after_as_of_delivers_nothing_yet(on_delivery):
    """A personal notice handed over 08-04 10:00 and signed for 08-05 09:00: as of 08-04 12:00 nothing has ended (the
    payment active); as of 08-05 08:59:59 still nothing (the payment broken at 00:00, one day ¥6,980.00); as of 09:00
    ended then.  The same for an out-of-city express signed 08-05 09:00: no notice_delivery_undetermined before it."""
    n = notice("n", T("2025-08-04"), "甲方", "乙方", "termination", "personal", ref="t", signed_at=T("2025-08-05", "09:00:00"))
    got = []
    for a in (T("2025-08-04", "12:00:00"), T("2025-08-05", "08:59:59"), T("2025-08-05", "09:00:00")):
        rep = run(on_delivery, PAY_1 + [ended("t", T("2025-08-04")), n], a)
        got.append((end(rep)[0], [s for s, _, _ in live(rep, "pay_installment_1")]))
    assert got == [(None, ["active"]), (None, ["violated"]), (T("2025-08-05", "09:00:00"), ["violated"])]
    x = notice("n", T("2025-08-01"), "甲方", "乙方", "termination", "express", ref="t", local=False,
               signed_at=T("2025-08-05", "09:00:00"))
    rep = run(on_delivery, PAY_1 + [ended("t", T("2025-08-01")), x], T("2025-08-04", "12:00:00"))
    assert end(rep) == (None, None) and codes(rep) == []


@pytest.mark.parametrize("at, amount", [("2025-08-05", "6980.00"), (T("2025-08-10"), "41880.00"),
                                        ("2025-08-10", "41880.00"), (T("2025-08-09", "23:59:59"), "34900.00")])
def test_passing_the_damages_stop_at_the_end_under_the_named_reading(to_the_end, at, amount):
    """damages_after_termination = "until the contract ends": 甲方's termination (无故, 8.3) at ``at``; the days begun up to
    the end: ended on 08-05 (any hour) → 1 day; 08-10 10:00 or on 08-10 → 6; 08-09 23:59:59 → 5 (¥34,900.00)."""
    rep = run(to_the_end, PAY_1 + [ended("t", at)], AS_OF)
    assert live(rep, "pay_installment_1") == [("violated", DUE_1, None)]
    assert [a for _, _, a in rem(rep, "late_payment_damages")] == [amount]


def test_passing_a_payment_after_the_end_stops_the_surviving_damages(seed):
    """甲方 ends the contract without cause Sun 08-10 10:00 and pays the broken installment Wed 08-20 10:00: the debt
    survived (第566条第2款), the payment performs it late, the damages run 08-05 .. 08-20 = 16 days = ¥111,680.00 (not to
    as_of), and ¥349,000.00 for the termination."""
    rep = run(seed, PAY_1 + [ended("t", T("2025-08-10")), pay("p", T("2025-08-20"))], AS_OF)
    assert live(rep, "pay_installment_1") == [("violated", DUE_1, T("2025-08-20"))]
    assert [a for _, _, a in rem(rep, "late_payment_damages")] == ["111680.00"]
    assert [a for _, _, a in rem(rep, "unjustified_termination_damages")] == ["349000.00"]


OUT = f("i", "service_interruption_started", T("2025-09-24"), subproject=3, cause="supplier")
OUT_FAX = notice("nn", T("2025-09-25"), "甲方", "乙方", "service_interruption", "fax", ref="i")


@pytest.mark.parametrize("at, deducted", [(T("2025-09-27"), False), (T("2025-09-29", "23:59:59"), False),
                                          (T("2025-09-30", "00:00:00"), True), (T("2025-09-30", "00:00:01"), True)])
def test_passing_a_termination_before_the_fifth_day_has_passed_gives_no_deduction(seed, at, deducted):
    """Sub-project 3 down Wed 09-24 10:00 through 乙方, 甲方's fax Thu 09-25 (8.2 due 10-01T00:00); 2.1(3) "超5日" from
    09-30T00:00.  甲方 ends the contract at ``at``: before 09-30T00:00 the outage never ran more than 5 days while the
    contract bound 乙方 — no deduction; at or after, the power arose (at 00:00) and survives.  8.2's duty, not yet due,
    is discharged in every case."""
    rep = run(seed, [SIGN, OUT, OUT_FAX, ended("t", at)], T("2025-10-20"))
    assert live(rep, "resolve_interruption") == [("discharged", "2025-10-01T00:00:00+08:00", None)]
    assert rem(rep, "bond_deduction") == ([("held", "2025-09-30T00:00:00+08:00", None)] if deducted else [])
    assert rem(rep, "interruption_damages") == []


@pytest.mark.parametrize("leak, deducted", [("09:59:59", True), ("10:00:00", True), ("10:00:01", False)])
def test_passing_a_leak_at_the_instant_of_the_end_still_gives_the_deduction(seed, leak, deducted):
    """甲方 ends the contract Wed 09-24 10:00; a leak through 乙方 found at ``leak`` that day: at or before the end (facts
    at one instant happen together) 甲方 may deduct (2.1(3)); one second after, no contract, no deduction.  The 2-hour
    notice is owed in every case (附件2 三.5, leak_notice_after_end = survives), due two hours later, violated."""
    rep = run(seed, [SIGN, ended("t", T("2025-09-24")),
                     f("d", "data_leak_discovered", T("2025-09-24", leak), cause="supplier")], T("2025-09-25"))
    h, m, s = leak.split(":")
    assert live(rep, "breach_notice") == [("violated", T("2025-09-24", f"{int(h) + 2:02d}:{m}:{s}"), None)]
    assert [x[1] for x in rem(rep, "bond_deduction")] == ([T("2025-09-24", leak)] if deducted else [])


# ------------------------------------------------------------------ the as_of boundary
@pytest.mark.parametrize("as_of, status, damages", [
    (T("2025-08-04", "23:59:59"), "active", None), (T("2025-08-05", "00:00:00"), "violated", "6980.00"),
    (T("2025-08-05", "00:00:01"), "violated", "6980.00"), (T("2025-08-05", "23:59:59"), "violated", "6980.00"),
    (T("2025-08-06", "00:00:00"), "violated", "13960.00"), ("2025-08-04T15:59:59Z", "active", None),
    ("2025-08-04T16:00:00Z", "violated", "6980.00"),
])
def test_passing_the_report_around_a_day_counted_due_instant(seed, as_of, status, damages):
    """PAY_1 never paid: a second before 24:00 of 08-04 active; at 08-05T00:00 violated, one day begun (¥6,980.00); two
    days from 08-06T00:00.  as_of in UTC is the same instant."""
    rep = run(seed, PAY_1, as_of)
    assert live(rep, "pay_installment_1") == [(status, DUE_1, None)]
    assert [a for _, _, a in rem(rep, "late_payment_damages")] == ([damages] if damages else [])


@pytest.mark.parametrize("paid, as_of, status, fulfilled, damages", [
    (T("2025-08-05", "00:00:00"), T("2025-08-05", "00:00:00"), "violated", T("2025-08-05", "00:00:00"), "6980.00"),
    (T("2025-08-05", "00:00:01"), T("2025-08-05", "00:00:00"), "violated", None, "6980.00"),
    (T("2025-08-04", "23:59:59"), T("2025-08-04", "23:59:59"), "fulfilled", T("2025-08-04", "23:59:59"), None),
    (T("2025-08-05", "00:00:00"), T("2025-08-04", "23:59:59"), "active", None, None),
])
def test_passing_a_payment_at_as_of_is_seen_and_one_after_it_is_not(seed, paid, as_of, status, fulfilled, damages):
    """A fact at exactly as_of is seen; one a second later is not (the report at 08-05T00:00 does not know of the
    payment at 00:00:01: violated, unpaid).  A payment at 00:00 of 08-05 is on 08-05 and late (one day)."""
    rep = run(seed, PAY_1 + [pay("p", paid)], as_of)
    assert live(rep, "pay_installment_1") == [(status, DUE_1, fulfilled)]
    assert [a for _, _, a in rem(rep, "late_payment_damages")] == ([damages] if damages else [])


LEAK = f("d", "data_leak_discovered", T("2025-09-24"), cause="supplier")


@pytest.mark.parametrize("note_at, as_of, status, fulfilled", [
    (None, T("2025-09-24", "11:59:59"), "active", None), (None, T("2025-09-24", "12:00:00"), "active", None),
    (None, T("2025-09-24", "12:00:01"), "violated", None),
    ("12:00:00", T("2025-09-24", "12:00:00"), "fulfilled", T("2025-09-24", "12:00:00")),
    ("12:00:01", T("2025-09-24", "12:00:00"), "active", None),
    ("12:00:01", T("2025-09-24", "12:00:01"), "violated", T("2025-09-24", "12:00:01")),
])
def test_passing_the_report_around_an_hour_counted_due_instant(seed, note_at, as_of, status, fulfilled):
    """附件2 三.5, a leak at 10:00, due 12:00 INCLUDED (第1259条): the report at 12:00:00 is still active (a fax then is
    in time); at 12:00:01 violated; a fax at 12:00:01 is not seen at 12:00:00, and late at 12:00:01."""
    facts = [SIGN, LEAK] + ([notice("m", T("2025-09-24", note_at), "乙方", "甲方", "data_leak", "fax", ref="d")]
                            if note_at else [])
    rep = run(seed, facts, as_of)
    assert live(rep, "breach_notice") == [(status, T("2025-09-24", "12:00:00"), fulfilled)]


@pytest.mark.parametrize("note_at, status", [("2025-10-01T00:00:00+08:00", "fulfilled"),
                                              ("2025-09-30T16:00:00Z", "fulfilled"),
                                              ("2025-10-01T00:00:01+08:00", "violated")])
def test_passing_two_hours_ending_at_midnight_into_a_holiday_are_not_moved(seed, note_at, status):
    """A leak at 22:00 of Tue 2025-09-30: due 00:00 of Wed 10-01 (National Day) — hours are not moved by a holiday; a
    fax at 00:00:00 (= 16:00:00Z) is in time, 00:00:01 late."""
    rep = run(seed, [SIGN, f("d", "data_leak_discovered", T("2025-09-30", "22:00:00"), cause="supplier"),
                     notice("m", note_at, "乙方", "甲方", "data_leak", "fax", ref="d")], T("2025-10-02"))
    assert [(s, d) for s, d, _ in live(rep, "breach_notice")] == [(status, "2025-10-01T00:00:00+08:00")]


APPLY = f("a", "acceptance_applied", T("2026-09-11"))


@pytest.mark.parametrize("as_of, review, deemed, release", [
    (T("2026-09-24", "23:59:59"), "active", [], []),
    (T("2026-09-25", "00:00:00"), "violated", ["2026-09-25T00:00:00+08:00"], [("active", "2026-10-27T00:00:00+08:00")]),
    (T("2026-09-25", "00:00:01"), "violated", ["2026-09-25T00:00:00+08:00"], [("active", "2026-10-27T00:00:00+08:00")]),
    (T("2026-11-01", "00:00:00"), "violated", ["2026-09-25T00:00:00+08:00"],
     [("violated", "2026-10-27T00:00:00+08:00")]),
])
def test_passing_the_report_around_a_working_day_due_instant(seed, as_of, review, deemed, release):
    """5.2.3: application Fri 2026-09-11 → 10 working days with the make-up Sunday 09-20 → due 09-25T00:00 (Mid-Autumn
    itself not needed).  At 23:59:59 active, nothing deemed; at 00:00 violated and deemed accepted at that instant, the
    30 days of 2.1(2) from it (→ Sat 10-24 → Mon 10-26 → 10-27T00:00) and the month of 5.3 (same due)."""
    rep = run(seed, [SIGN, APPLY], as_of)
    assert [s for s, _, _ in live(rep, "acceptance_review")] == [review]
    assert [e["at"] for e in rep["events"] if e["name"] == "deemed_acceptance"] == deemed
    assert [(s, d) for s, d, _ in live(rep, "release_bond")] == release
    assert [(s, d) for s, d, _ in live(rep, "handover")] == release


@pytest.mark.parametrize("at, status, meeting, deemed", [
    (T("2026-09-24", "23:59:59"), "fulfilled", [("active", "2026-10-16T00:00:00+08:00")], False),
    (T("2026-09-25", "00:00:00"), "violated", [], True),
    (T("2026-09-25", "00:00:01"), "violated", [], True),
])
def test_passing_a_review_a_second_either_side_of_the_working_day_due(seed, at, status, meeting, deemed):
    """A passed review at 09-24 23:59:59 is in time (meeting due 10 working days later over National Day and the make-up
    Saturday 10-10: 10-16T00:00); at 00:00 of 09-25 it is late and the project is deemed accepted then; one at
    00:00:01 is not seen by the report of 00:00 — the same verdict."""
    rep = run(seed, [SIGN, APPLY, f("r", "acceptance_review_completed", at, passed=True)], T("2026-09-25", "00:00:00"))
    assert [s for s, _, _ in live(rep, "acceptance_review")] == [status]
    assert [(s, d) for s, d, _ in live(rep, "acceptance_meeting")] == meeting
    assert bool([e for e in rep["events"] if e["name"] == "deemed_acceptance"]) is deemed


def test_passing_facts_later_than_as_of_raise_no_finding_and_no_event(seed):
    """Facts after as_of 09-01 that would raise findings (an out-of-city express without receipt, a payment before
    its preconditions, a notice to oneself, a certificate of a force majeure that comes after it): none of it in the
    report of 09-01; all of it in the report of 10-03."""
    later = [notice("n", T("2025-10-01"), "甲方", "乙方", "other", "express", local=False),
             pay("x", T("2025-10-01"), "1.00", installment=2), notice("n2", T("2025-10-01"), "甲方", "甲方", "other", "fax"),
             f("k", "force_majeure_certified", T("2025-08-01"), ref="fm"),
             f("fm", "force_majeure_occurred", T("2025-10-02"), party="乙方")]
    rep = run(seed, [SIGN, *later], AS_OF)
    assert codes(rep) == [] and [e["name"] for e in rep["events"]] == ["contract_effective"]
    rep = run(seed, [SIGN, *later], T("2025-10-03"))
    assert codes(rep) == ["notice_delivery_undetermined", "notice_to_itself", "payment_before_preconditions",
                          "ref_to_later_fact"]


def test_passing_several_as_of_instants_around_the_due_are_each_the_single_report(seed):
    """One replay at 08-04 23:59:59, 08-05 00:00:00, 00:00:01 with the payment at 00:00:01: each the report of a
    separate run, on both backends (active; violated unpaid; violated performed late at 00:00:01)."""
    facts = lines(PAY_1 + [pay("p", T("2025-08-05", "00:00:01"))])
    at = [T("2025-08-04", "23:59:59"), T("2025-08-05", "00:00:00"), T("2025-08-05", "00:00:01")]
    many = seed.evaluate_many(facts, at)
    assert json.dumps(seed.evaluate_many(facts, at, backend="durable"), ensure_ascii=False) == \
        json.dumps(many, ensure_ascii=False)
    for a, rep in zip(at, many):
        assert json.dumps(rep, ensure_ascii=False) == json.dumps(seed.evaluate(facts, a), ensure_ascii=False)
    assert [live(r, "pay_installment_1") for r in many] == [
        [("active", DUE_1, None)], [("violated", DUE_1, None)], [("violated", DUE_1, T("2025-08-05", "00:00:01"))]]


# ------------------------------------------------------------------ through the CLI, both backends
def test_passing_the_cli_on_both_backends_a_termination_by_express_and_a_late_fen(tmp_path):
    """`qiyue eval --assume termination_effective=…` on both backends: the under-payment by one fen (07-10), 甲方's
    termination by express within the city sent Sat 08-02 → Tue 08-05 (hour unknown): the installment was broken at
    00:00 of 08-05 — violated, 28 days ¥195,440.00 surviving, ended 2025-08-05 by 8.3 无故中途解除 (¥349,000.00)."""
    facts = PAY_1 + [pay("p", T("2025-07-10"), "3489999.99"), DEC,
                     notice("n", T("2025-08-02", "11:00:00"), "甲方", "乙方", "termination", "express", ref="t")]
    rep = cli_on_both_backends(facts, AS_OF, tmp_path, "--assume", 'termination_effective="on delivery of the notice"')
    assert live(rep, "pay_installment_1") == [("violated", DUE_1, None)]
    assert [a for _, _, a in rem(rep, "late_payment_damages")] == ["195440.00"]
    assert end(rep) == ("2025-08-05T00:00:00+08:00", "buyer_without_cause")
    assert [a for _, _, a in rem(rep, "unjustified_termination_damages")] == ["349000.00"]


def test_passing_the_cli_on_both_backends_the_payment_term_on_the_make_up_saturday(tmp_path):
    """Invoice Thu 2025-09-11 (→ Sat 10-11, a make-up working day → due 10-12T00:00), paid Mon 10-13 10:00: violated,
    performed late, 10-12 and 10-13 = 2 days ¥13,960.00; no power (paid within 15 days)."""
    rep = cli_on_both_backends(invoice_on(T("2025-09-11")) + [pay("p", T("2025-10-13"))], T("2025-12-01"), tmp_path)
    assert live(rep, "pay_installment_1") == [("violated", "2025-10-12T00:00:00+08:00", T("2025-10-13"))]
    assert [a for _, _, a in rem(rep, "late_payment_damages")] == ["13960.00"]
    assert rem(rep, "supplier_termination") == []
