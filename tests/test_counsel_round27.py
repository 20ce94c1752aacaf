"""Opposing counsel, round 27: arguing 甲方's side (the department) on WRITTEN NOTICES and DEEMED DELIVERY (10.1–10.3)
as they start or perform 8.2 (5 days from 甲方's notice), 8.4 (2 days) and 附件2 三.4/三.5 (2 hours) — notices and
events on the very day, at the very instant, or before the contract took effect, several notices about one fact,
and deemed deliveries around National Day 2025 and Spring Festival 2026 — and on LATE PAYMENT (8.3: ¥6,980.00 a day;
more than 15 days → 乙方's power with 5% = ¥349,000.00) around a termination, at 00:00, and by bare dates.  One
finding (the last defect) cuts for 乙方: it is listed because it is a report contradicting itself.

Every expected figure is counted by hand from the contract (shared/seeds/000_2fd1bbbed6f06600.txt) and the law
(民法典 第137、201–204、502、562–567、1259条), with the official calendar: 2025 — Sun 09-28 and Sat 10-11 make-up
working days, 10-01 .. 10-08 National Day / Mid-Autumn off, Thu 10-09 working; 2026 — Spring Festival Sun 02-15 ..
Mon 02-23 off, Sat 02-14 and Sat 02-28 make-up working days.

Conventions of the hand counts:
  SIGN     both sign Fri 2025-06-27 10:00 (11.1): the contract is in force from that instant (第502条).
  days     a period of days excludes its start day (第201条), ends at 24:00 of the last day (`due` = 00:00 of the
           next day, already late), and a last day that is a rest day or holiday moves to the next working day
           (第203条).  Hours include their end instant (第1259条).
  10.3     fax: the confirmation time; express / registered mail within the city: the 3rd day after dispatch, not
           moved (a deemed date, not a period to act in), an event of that day whose hour is unknown.
  bare     a fact given as `YYYY-MM-DD` happened on that day, hour unknown.  The engine's own convention (round 7,
           bond_deduction's own words): a fact of the signing day given by its day alone is "视为生效之后发生".
  PAY_1    (seedfacts) installment 1's conditions complete Fri 2025-07-04 10:00; 30 days 07-05 .. Sun 08-03 (rest) →
           Mon 08-04 → due 2025-08-05T00:00; late days Tue 08-05 (1st) .. Tue 08-19 (15th) → "逾期超出15天" from
           2025-08-20T00:00.  Daily damages count each day begun, up to the payment or `as_of` (its own day counts).

Tests marked xfail (strict) are defects not fixed yet; those whose docstring says FIXED were strict xfails that the
same session fixed (the engine and rules/gzmz-2025-it-ops.qy); plain tests guard what holds.  Every run goes through the CLI (`qiyue eval … --format json`) on --backend reference and --backend durable,
and the two verdicts must agree.
"""
from __future__ import annotations

import pytest
from seedfacts import PAY_1, fact as f, notice, rows
from seedfacts import cli_on_both_backends as both  # (the reference backend's report; the
# durable backend must give the very same verdicts)


def pay(id_, at, installment=1, amount="3490000.00"):
    return f(id_, "payment_made", at, installment=installment, amount=amount)


SIGN = f("s", "contract_signed", "2025-06-27T10:00:00+08:00")
OUTAGE_BEFORE = f("i", "service_interruption_started", "2025-06-20T10:00:00+08:00", subproject=3, cause="supplier")


def ob(rep, name):
    return rows(rep, "obligations", name)


def rem(rep, name):
    return rows(rep, "remedies", name)


def codes(rep):
    return [x["code"] for x in rep["findings"]]


def triggered(rep, name):
    return [(o["trigger"], o["status"], o["triggered_at"], o["due"], o["fulfilled_at"]) for o in ob(rep, name)
            if o["triggered_at"]]


# ======================================================================================================== DEFECTS

# ------------------------------------------------------------------ 1. a leak on the signing day, by its date alone
LEAK_ON_SIGNING_DAY = f("d", "data_leak_discovered", "2025-06-27", cause="supplier")


def test_a_suppliers_leak_found_on_the_signing_day_by_its_date_owes_the_two_hour_notice(tmp_path):
    """FIXED (was a strict xfail: the report contradicted itself).  乙方 finds a leak it caused on Fri 2025-06-27, recorded by its date
    alone; the contract took effect at 10:00 that day; no notice ever.  The engine's own bond_deduction row says of
    this very fact: "只记载日期，与合同生效同日：时刻不明，合同自该日起生效，视为生效之后发生，自生效之时起算" and lists
    甲方's 2.1(3) deduction from 06-27 10:00; a force majeure recorded the same way owes its 8.4 notice (guard
    below).  Yet 附件2 三.5's "需在2小时内书面通知甲方" and 三.4's immediate notice are both `inactive`: not triggered.
    Hand count (as for any day-alone leak, round 19): the 2 hours end at the latest at 24:00 + 2 h →
    2025-06-28T02:00; as of 07-10 nothing was sent: breach_notice and security_incident_notice violated."""
    rep = both([SIGN, LEAK_ON_SIGNING_DAY], "2025-07-10T00:00:00+08:00", tmp_path)
    assert [(r["trigger"], r["since"]) for r in rem(rep, "bond_deduction")] == [("d", "2025-06-27T10:00:00+08:00")]
    for name in ("breach_notice", "security_incident_notice"):
        got = triggered(rep, name)
        assert [(t, s, d) for t, s, _, d, _ in got] == [("d", "violated", "2025-06-28T02:00:00+08:00")], (name, got)


def test_a_leak_of_the_signing_day_by_its_date_warns_that_there_is_no_bond_to_deduct_from(tmp_path):
    """FIXED (was a strict xfail, same root).  Same leak, no performance guarantee ever handed over.  The deduction is listed (from
    06-27 10:00), and the same leak timed 10:00 — or given by its date on any later day (11-10, guard below) — raises
    deduction_without_bond ("无保证金可扣").  For the date-alone leak of the signing day the warning is missing: 甲方
    is told it may deduct and not told that there is nothing to deduct from."""
    rep = both([SIGN, LEAK_ON_SIGNING_DAY], "2025-07-10T00:00:00+08:00", tmp_path)
    assert rem(rep, "bond_deduction")
    assert "deduction_without_bond" in codes(rep)


def test_passing_the_same_leak_at_the_signing_instant_or_on_a_later_day_by_its_date(tmp_path):
    """Guard for the two defects above.  (a) Leak at 2025-06-27T10:00 (the signing instant): 2 hours → due
    2025-06-27T12:00 (included), violated; deduction_without_bond raised.  (b) Leak given as "2025-11-10": due at
    the latest 2025-11-11T02:00, violated; deduction_without_bond raised."""
    a = both([SIGN, f("d", "data_leak_discovered", "2025-06-27T10:00:00+08:00", cause="supplier")],
             "2025-07-10T00:00:00+08:00", tmp_path)
    for name in ("breach_notice", "security_incident_notice"):
        assert [(t, s, d) for t, s, _, d, _ in triggered(a, name)] == [("d", "violated", "2025-06-27T12:00:00+08:00")]
    assert "deduction_without_bond" in codes(a)
    b = both([SIGN, f("d", "data_leak_discovered", "2025-11-10", cause="supplier")], "2025-12-01T00:00:00+08:00",
             tmp_path)
    assert [(t, s, d) for t, s, _, d, _ in triggered(b, "breach_notice")] == \
        [("d", "violated", "2025-11-11T02:00:00+08:00")]
    assert "deduction_without_bond" in codes(b)


def test_passing_a_force_majeure_of_the_signing_day_by_its_date_owes_its_notice(tmp_path):
    """Guard (the engine's convention the leak defect departs from).  Force majeure of 乙方 given as "2025-06-27":
    taken as after 10:00 → 2 days 06-28 (Sat), 06-29 (Sun) → last day moved to Mon 06-30 → due 2025-07-01T00:00;
    no notice: violated."""
    rep = both([SIGN, f("fm", "force_majeure_occurred", "2025-06-27", party="乙方")], "2025-07-10T00:00:00+08:00",
               tmp_path)
    assert [(t, s, d) for t, s, _, d, _ in triggered(rep, "force_majeure_notice")] == \
        [("fm", "violated", "2025-07-01T00:00:00+08:00")]


def test_a_leak_found_by_the_buyer_on_the_signing_day_and_faxed_that_afternoon_starts_the_two_hours(tmp_path):
    """FIXED (was a strict xfail).  甲方 finds a supplier-caused leak on 2025-06-27 (date alone) and faxes 乙方 about it (ref d) at 15:00
    that day — five hours after the contract took effect.  Under the rules' own reading leak_found_by_buyer = "from the
    buyer's notice", 乙方's 2 hours run from that fax: 15:00 → due 2025-06-27T17:00 (included); 乙方 never writes:
    violated.  The engine: breach_notice inactive, its row "等待" a pair of facts whose every listed condition holds
    — the trigger is dropped because the leak's day-alone instant (00:00) is compared with 10:00, though the fax that
    starts the duty came at 15:00 and the engine itself takes such a leak as after the effect (2.1(3) row)."""
    rep = both([SIGN, f("d", "data_leak_discovered", "2025-06-27", cause="supplier", found_by="甲方"),
                notice("m", "2025-06-27T15:00:00+08:00", "甲方", "乙方", "data_leak", "fax", "d")],
               "2025-07-10T00:00:00+08:00", tmp_path)
    assert [(t, s, at, d) for t, s, at, d, _ in triggered(rep, "breach_notice")] == \
        [("d", "violated", "2025-06-27T15:00:00+08:00", "2025-06-27T17:00:00+08:00")]  # (named by the leak:
    # `once per d` — one duty a leak, whichever of 甲方's notices about it came first)


# ------------------------------------------------------------------ 2. 8.2: 甲方's notice and the effective instant
def test_a_buyers_fax_on_the_signing_day_by_its_date_about_a_running_outage_is_not_silently_nothing(tmp_path):
    """FIXED (was a strict xfail).  Sub-project 3 (区划地名, ¥175,700.00) down since Fri 06-20 10:00 (乙方's cause), never restored;
    甲方's fax about it (ref i) is recorded as "2025-06-27" — the signing day, hour unknown.  Any fax that day after
    10:00 starts 8.2's duty (guard below: a fax at the signing instant does): 乙方 received it "之日" 06-27 → 5 days
    06-28 .. Wed 07-02 → due 2025-07-03T00:00 → violated, ¥1,757.00.  A fax before 10:00 that day gives — under the
    engine's reading — no duty, under 甲方's (next test) the same 07-03.  So the verdict is violated (or at the
    very least undetermined), due 07-03T00:00 — never "inactive".  The engine's convention for a bare date of the
    signing day ("视为生效之后发生") says the same.  The engine: resolve_interruption inactive, no damages."""
    rep = both([SIGN, OUTAGE_BEFORE, notice("n", "2025-06-27", "甲方", "乙方", "service_interruption", "fax", "i")],
               "2025-08-01T00:00:00+08:00", tmp_path)
    got = [(s, d) for _, s, _, d, _ in triggered(rep, "resolve_interruption")]
    assert got in ([("violated", "2025-07-03T00:00:00+08:00")], [("undetermined", "2025-07-03T00:00:00+08:00")]), got


@pytest.mark.xfail(strict=True, reason="甲方's reading; the rule file now names it (assumption notice_before_effect) but "
                                       "takes the other by default: a notice before the contract starts nothing")
def test_a_buyers_notice_received_before_signing_starts_8_2_from_the_effective_instant(tmp_path):
    """DEFECT on 甲方's reading (the rule file now names it — assumption notice_before_effect — and takes "no duty" by
    default: tests/test_assumptions.py switches it to "from effect", where this holds).  Outage of sub-project 3 since 06-20 10:00,
    甲方's fax about it 06-21 10:00, contract in force 06-27 10:00, never resolved.  8.2: "乙方应在接到甲方通知之日起
    5日内解决中断情形" — 乙方 HAS received 甲方's notice and the outage runs on into the contract.  No duty before the
    contract (第502条), so the duty arises when it takes effect, exactly as the engine itself does for installment 1
    whose conditions were met before signing (round 11: its 30 days run from the effective instant) and for 2.1(3)'s
    five days of this very outage (assumption interruption_before_effect = "from effect", bond_deduction from
    07-03).  Hand count: from 06-27 10:00, 5 days 06-28 .. Wed 07-02 → due 2025-07-03T00:00 → violated; 1% of
    ¥175,700.00 = ¥1,757.00.  The engine: nothing — and a fax ONE SECOND later (at the signing instant, guard below)
    gives the full duty and the ¥1,757.00: one second before the signature costs 甲方 the whole of 8.2."""
    rep = both([SIGN, OUTAGE_BEFORE,
                notice("n", "2025-06-21T10:00:00+08:00", "甲方", "乙方", "service_interruption", "fax", "i")],
               "2025-08-01T00:00:00+08:00", tmp_path)
    assert [(s, at, d) for _, s, at, d, _ in triggered(rep, "resolve_interruption")] == \
        [("violated", "2025-06-27T10:00:00+08:00", "2025-07-03T00:00:00+08:00")]
    assert [r["amount"] for r in rem(rep, "interruption_damages")] == ["1757.00"]


def test_the_untriggered_8_2_row_does_not_say_it_waits_for_conditions_that_all_hold(tmp_path):
    """FIXED (was a strict xfail: explanation).  The row now also waits on 8.2's line for a notice delivered before the
    contract took effect (an outage and the contract's taking effect, with 甲方's earlier notice), and names its
    assumption notice_before_effect — which, by default, starts no period.  Same facts (fax 06-21, before the contract).  Whatever the verdict, a lawyer must read
    why: the row's `because` says "截至 2025年8月1日0时 尚未触发 — 等待：视为送达与运维服务中断（该视为送达的所涉事实的
    id为该运维服务中断的编号，且…发件方为甲方，且…收件方为乙方，且该运维服务中断的时间不晚于该视为送达的时间 …）":
    every one of those conditions holds (ref i, 甲方 → 乙方, outage 06-20 before the fax 06-21, within the service
    year).  The only reason — the notice came before the contract took effect (第502条) — is never said.  Right: the
    row is triggered (previous test), or its because names the contract's effect (生效 / 第502条)."""
    rep = both([SIGN, OUTAGE_BEFORE,
                notice("n", "2025-06-21T10:00:00+08:00", "甲方", "乙方", "service_interruption", "fax", "i")],
               "2025-08-01T00:00:00+08:00", tmp_path)
    (o,) = ob(rep, "resolve_interruption")
    text = "".join(o["because"])
    assert o["triggered_at"] or ("生效" in text or "502" in text), text
    assert "合同生效前送达的中断通知" in text, text  # (the reading that decides it, named)


def test_passing_a_buyers_fax_at_the_signing_instant_or_posted_before_and_deemed_after(tmp_path):
    """Guard.  Same outage (06-20, sub-project 3).  (a) 甲方's fax at 2025-06-27T10:00, the very instant the
    contract took effect (simultaneous facts): 5 days 06-28 .. Wed 07-02 → due 2025-07-03T00:00, violated,
    ¥1,757.00.  (b) express posted Wed 06-25 10:00 (本市内) → deemed delivered Sat 06-28 (10.3.3, not moved): 5 days
    06-29 .. Thu 07-03 → due 2025-07-04T00:00, violated.  2.1(3)'s deduction from effect in both: 06-28 .. 07-02 →
    since 2025-07-03T00:00."""
    a = both([SIGN, OUTAGE_BEFORE,
              notice("n", "2025-06-27T10:00:00+08:00", "甲方", "乙方", "service_interruption", "fax", "i")],
             "2025-08-01T00:00:00+08:00", tmp_path)
    assert [(s, at, d) for _, s, at, d, _ in triggered(a, "resolve_interruption")] == \
        [("violated", "2025-06-27T10:00:00+08:00", "2025-07-03T00:00:00+08:00")]
    assert [r["amount"] for r in rem(a, "interruption_damages")] == ["1757.00"]
    b = both([SIGN, OUTAGE_BEFORE,
              notice("n", "2025-06-25T10:00:00+08:00", "甲方", "乙方", "service_interruption", "express", "i")],
             "2025-08-01T00:00:00+08:00", tmp_path)
    assert [(s, d) for _, s, _, d, _ in triggered(b, "resolve_interruption")] == \
        [("violated", "2025-07-04T00:00:00+08:00")]
    for rep in (a, b):
        assert [r["since"] for r in rem(rep, "bond_deduction")] == ["2025-07-03T00:00:00+08:00"]


# ------------------------------------------------------------------ 3. 乙方's termination by its date (cuts for 乙方)
# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (10:31–): a notice of termination known by its day alone that ends the contract before and after the facts of that day it reads ends it that day: both orders replayed (Prepared.order_decides), what they decide differently undetermined)
def test_a_termination_by_its_day_after_the_power_arose_ends_the_contract_whatever_the_payments_hour(tmp_path):
    """DEFECT (the report contradicts itself; this one cuts for 乙方).  PAY_1, unpaid past the 15 days: the power
    of 8.3 arises at 2025-08-20T00:00.  甲方 pays the whole installment 1 at 08-20 10:00; 乙方's termination for late
    payment is recorded as "2025-08-20" (hour unknown).  The engine decides both hours itself: termination at 10:00
    before a payment at 15:00 → ended; termination at 15:00 after a payment at 10:00 → ended too (guard below: a
    payment after the power arose does not take it away).  So the termination ends the contract whatever its hour:
    ended on 2025-08-20, supplier_termination exercised, damages 08-05 .. 08-20 = 16 days = ¥111,680.00.  The
    engine: termination_hour_unknown — "同日稍后有 p；通知在其前还是其后，合同是否解除、依何种事由解除，结论不同，无法
    判断——本报告按合同继续有效处理" (and it calls p "later that day" though t's hour is unknown): contract alive,
    power merely held."""
    rep = both([*PAY_1, pay("p", "2025-08-20T10:00:00+08:00"),
                f("t", "termination_notified", "2025-08-20", party="乙方", ground="late_payment")],
               "2025-09-01T00:00:00+08:00", tmp_path)
    assert [r["amount"] for r in rem(rep, "late_payment_damages")] == ["111680.00"]
    assert rep["contract_life"]["ended_by"] == "supplier_terminates"
    assert rep["contract_life"]["ended"].startswith("2025-08-20")
    assert [r["status"] for r in rem(rep, "supplier_termination")] == ["exercised"]
    assert "termination_hour_unknown" not in codes(rep)


@pytest.mark.parametrize("paid, ended", [("2025-08-20T10:00:00+08:00", "2025-08-20T15:00:00+08:00"),
                                         ("2025-08-20T15:00:00+08:00", "2025-08-20T10:00:00+08:00"),
                                         ("2025-08-20", "2025-08-20T10:00:00+08:00")])
def test_passing_a_late_payment_termination_on_the_16th_late_day_before_or_after_the_payment(tmp_path, paid, ended):
    """Guard (basis of the defect above).  The power arose 2025-08-20T00:00; 乙方 terminates on 08-20 at a known
    hour, 甲方 pays in full that day before or after (or by its date alone): the contract ends at the termination,
    the power is exercised (since 08-20T00:00, ¥349,000.00), damages 08-05 .. 08-20 = 16 × ¥6,980.00 = ¥111,680.00."""
    rep = both([*PAY_1, pay("p", paid), f("t", "termination_notified", ended, party="乙方", ground="late_payment")],
               "2025-09-01T00:00:00+08:00", tmp_path)
    assert (rep["contract_life"]["ended"], rep["contract_life"]["ended_by"]) == (ended, "supplier_terminates")
    assert [(r["status"], r["since"], r["amount"]) for r in rem(rep, "supplier_termination")] == \
        [("exercised", "2025-08-20T00:00:00+08:00", "349000.00")]
    assert [r["amount"] for r in rem(rep, "late_payment_damages")] == ["111680.00"]


# ======================================================================================================== GUARDS

# ------------------------------------------------------------------ notices around holidays and make-up days
def test_passing_an_outage_notice_deemed_on_the_make_up_sunday_runs_past_national_day(tmp_path):
    """8.2.  Outage Wed 2025-09-24 10:00 (sub-project 3); 甲方's express (本市内) posted "2025-09-25" (date alone) →
    deemed delivered on the 3rd day, Sun 09-28 (a make-up working day; deemed dates are not moved anyway): 5 days
    09-29, 09-30, 10-01, 10-02, 10-03 → last day 10-03 a holiday → first working day after the holiday Thu 10-09 →
    due 2025-10-10T00:00; unresolved: violated."""
    rep = both([SIGN, f("i", "service_interruption_started", "2025-09-24T10:00:00+08:00", subproject=3,
                        cause="supplier"),
                notice("n", "2025-09-25", "甲方", "乙方", "service_interruption", "express", "i")],
               "2025-10-20T00:00:00+08:00", tmp_path)
    assert [(s, at, d) for _, s, at, d, _ in triggered(rep, "resolve_interruption")] == \
        [("violated", "2025-09-28T00:00:00+08:00", "2025-10-10T00:00:00+08:00")]


def test_passing_an_outage_notice_deemed_on_the_make_up_saturday_and_a_bare_date_resolution(tmp_path):
    """8.2.  Outage Tue 2025-10-07 18:00 (sub-project 14, ¥410,000.00); 甲方's express posted Wed 10-08 09:00 →
    deemed Sat 10-11 (make-up working day): 5 days 10-12 .. Thu 10-16 → due 2025-10-17T00:00.  Resolved "2025-10-17"
    (date alone): on the day after the last → late: violated, 1% = ¥4,100.00."""
    rep = both([SIGN, f("i", "service_interruption_started", "2025-10-07T18:00:00+08:00", subproject=14,
                        cause="supplier"),
                notice("n", "2025-10-08T09:00:00+08:00", "甲方", "乙方", "service_interruption", "express", "i"),
                f("r", "service_interruption_resolved", "2025-10-17", subproject=14)],
               "2025-11-10T00:00:00+08:00", tmp_path)
    assert [(s, at, d) for _, s, at, d, _ in triggered(rep, "resolve_interruption")] == \
        [("violated", "2025-10-11T00:00:00+08:00", "2025-10-17T00:00:00+08:00")]
    assert [r["amount"] for r in rem(rep, "interruption_damages")] == ["4100.00"]


def test_passing_an_outage_notice_faxed_on_the_spring_festival_make_up_saturday(tmp_path):
    """8.2.  Outage Fri 2026-02-13 18:00 (sub-project 14); 甲方's fax Sat 02-14 09:00 (make-up working day): 5 days
    02-15 .. 02-19, last day in the holiday → Tue 02-24 → due 2026-02-25T00:00; resolved 02-24 23:59:59: fulfilled."""
    rep = both([SIGN, f("i", "service_interruption_started", "2026-02-13T18:00:00+08:00", subproject=14,
                        cause="supplier"),
                notice("n", "2026-02-14T09:00:00+08:00", "甲方", "乙方", "service_interruption", "fax", "i"),
                f("r", "service_interruption_resolved", "2026-02-24T23:59:59+08:00", subproject=14)],
               "2026-03-10T00:00:00+08:00", tmp_path)
    assert triggered(rep, "resolve_interruption") == \
        [("i", "fulfilled", "2026-02-14T09:00:00+08:00", "2026-02-25T00:00:00+08:00", "2026-02-24T23:59:59+08:00")]
    assert not rem(rep, "interruption_damages")


def test_passing_a_fax_at_0_00_is_on_its_own_day(tmp_path):
    """8.2.  Outage Tue 2025-09-09 20:00; 甲方's fax at Wed 09-10 00:00:00 — received ON 09-10, not at 24:00 of 09-09:
    5 days 09-11 .. Mon 09-15 → due 2025-09-16T00:00 (not 09-15T00:00)."""
    rep = both([SIGN, f("i", "service_interruption_started", "2025-09-09T20:00:00+08:00", subproject=3,
                        cause="supplier"),
                notice("n", "2025-09-10T00:00:00+08:00", "甲方", "乙方", "service_interruption", "fax", "i")],
               "2025-10-01T00:00:00+08:00", tmp_path)
    assert [(s, d) for _, s, _, d, _ in triggered(rep, "resolve_interruption")] == \
        [("violated", "2025-09-16T00:00:00+08:00")]


def test_passing_force_majeure_notice_ending_on_the_make_up_saturday_11_october(tmp_path):
    """8.4.  乙方's force majeure Thu 2025-10-09 10:00: 2 days 10-10 (Fri), 10-11 (Sat, make-up working day — not
    moved) → due 2025-10-12T00:00.  Express (本市内) posted 10-09 12:00 → deemed Sun 10-12: late by its day."""
    rep = both([SIGN, f("fm", "force_majeure_occurred", "2025-10-09T10:00:00+08:00", party="乙方"),
                notice("n", "2025-10-09T12:00:00+08:00", "乙方", "甲方", "force_majeure", "express", "fm")],
               "2025-10-20T00:00:00+08:00", tmp_path)
    assert triggered(rep, "force_majeure_notice") == \
        [("fm", "violated", "2025-10-09T10:00:00+08:00", "2025-10-12T00:00:00+08:00", "2025-10-12T00:00:00+08:00")]


def test_passing_force_majeure_of_both_parties_before_spring_festival_2026(tmp_path):
    """8.4.  Both parties hit Fri 2026-02-13 10:00.  2 days: 02-14 (make-up Sat, working), 02-15 (holiday) → last
    day moved past the holiday to Tue 02-24 → due 2026-02-25T00:00.  乙方's express posted Sun 02-22 → deemed Wed
    02-25: late.  甲方's registered letter posted Sat 02-21 23:00 → deemed Tue 02-24: in time."""
    rep = both([SIGN, f("fm", "force_majeure_occurred", "2026-02-13T10:00:00+08:00", party="乙方"),
                f("fm2", "force_majeure_occurred", "2026-02-13T10:00:00+08:00", party="甲方"),
                notice("n", "2026-02-22T12:00:00+08:00", "乙方", "甲方", "force_majeure", "express", "fm"),
                notice("n2", "2026-02-21T23:00:00+08:00", "甲方", "乙方", "force_majeure", "registered_mail", "fm2")],
               "2026-03-20T00:00:00+08:00", tmp_path)
    assert sorted(triggered(rep, "force_majeure_notice")) == [
        ("fm", "violated", "2026-02-13T10:00:00+08:00", "2026-02-25T00:00:00+08:00", "2026-02-25T00:00:00+08:00"),
        ("fm2", "fulfilled", "2026-02-13T10:00:00+08:00", "2026-02-25T00:00:00+08:00", "2026-02-24T00:00:00+08:00")]


def test_passing_a_letter_of_unknown_delivery_then_a_late_fax_leave_8_4_undetermined(tmp_path):
    """8.4, several notices about one fact.  Force majeure Wed 2025-09-10 10:00 → due 2025-09-13T00:00.  乙方's
    registered letter to outside the city, posted 09-10 12:00, no receipt: delivery not fixed by 10.3 (it may have
    arrived on 09-11); a fax 09-15 12:00 is late.  Verdict: undetermined, with notice_delivery_undetermined."""
    rep = both([SIGN, f("fm", "force_majeure_occurred", "2025-09-10T10:00:00+08:00", party="乙方"),
                notice("n1", "2025-09-10T12:00:00+08:00", "乙方", "甲方", "force_majeure", "registered_mail", "fm",
                       local=False),
                notice("n2", "2025-09-15T12:00:00+08:00", "乙方", "甲方", "force_majeure", "fax", "fm")],
               "2025-10-01T00:00:00+08:00", tmp_path)
    assert [(s, d) for _, s, _, d, _ in triggered(rep, "force_majeure_notice")] == \
        [("undetermined", "2025-09-13T00:00:00+08:00")]
    assert "notice_delivery_undetermined" in codes(rep)


@pytest.mark.parametrize("order", [0, 1])
def test_passing_a_force_majeure_and_its_termination_at_one_instant(tmp_path, order):
    """8.4 + 第566条, simultaneous facts in either order.  Force majeure of 乙方 and 乙方's termination for it, both
    Wed 2025-09-10 10:00: the contract ends at 10:00; the notice duty (due 09-13T00:00) is discharged, not violated."""
    fm = f("fm", "force_majeure_occurred", "2025-09-10T10:00:00+08:00", party="乙方")
    t = f("t", "termination_notified", "2025-09-10T10:00:00+08:00", party="乙方", ground="force_majeure")
    rep = both([SIGN, *([fm, t] if order == 0 else [t, fm])], "2025-10-01T00:00:00+08:00", tmp_path)
    assert (rep["contract_life"]["ended"], rep["contract_life"]["ended_by"]) == \
        ("2025-09-10T10:00:00+08:00", "force_majeure_terminates")
    assert [(s, d) for _, s, _, d, _ in triggered(rep, "force_majeure_notice")] == \
        [("discharged", "2025-09-13T00:00:00+08:00")]


# ------------------------------------------------------------------ 8.3 at 00:00, by bare dates, around a termination
@pytest.mark.parametrize("paid, amount", [("2025-08-05T23:59:59+08:00", "6980.00"),
                                          ("2025-08-06T00:00:00+08:00", "13960.00"),
                                          ("2025-08-06", "13960.00")])
def test_passing_late_payment_damages_for_a_payment_at_0_00_and_by_its_date(tmp_path, paid, amount):
    """8.3, PAY_1 (due 2025-08-05T00:00).  Paid 08-05 23:59:59 → 1 day (08-05) = ¥6,980.00.  Paid 08-06 00:00:00 —
    on 08-06 — or "2025-08-06" → 2 days (08-05, 08-06) = ¥13,960.00."""
    rep = both([*PAY_1, pay("p", paid)], "2025-09-01T00:00:00+08:00", tmp_path)
    assert [r["amount"] for r in rem(rep, "late_payment_damages")] == [amount]
    assert not rem(rep, "supplier_termination")


@pytest.mark.parametrize("paid, power, amount", [("2025-08-19T23:59:59+08:00", False, "104700.00"),
                                                 ("2025-08-19", False, "104700.00"),
                                                 ("2025-08-20T00:00:00+08:00", True, "111680.00"),
                                                 ("2025-08-20", True, "111680.00")])
def test_passing_the_fifteen_days_to_the_second_and_by_the_date(tmp_path, paid, power, amount):
    """8.3 "逾期超出15天".  Paid in full on the 15th late day (08-19, at 23:59:59 or by its date): no power, 15 days
    = ¥104,700.00.  Paid at 08-20 00:00:00 or "2025-08-20" — the 16th late day —: the power (¥349,000.00, since
    08-20T00:00) and 16 days = ¥111,680.00."""
    rep = both([*PAY_1, pay("p", paid)], "2025-09-01T00:00:00+08:00", tmp_path)
    assert [r["amount"] for r in rem(rep, "late_payment_damages")] == [amount]
    got = [(r["since"], r["amount"]) for r in rem(rep, "supplier_termination")]
    assert got == ([("2025-08-20T00:00:00+08:00", "349000.00")] if power else [])


@pytest.mark.parametrize("paid, amount", [("2025-08-30T10:00:00+08:00", "181480.00"),
                                          ("2025-08-25T10:00:00+08:00", "146580.00")])
def test_passing_damages_run_past_the_suppliers_termination_until_paid(tmp_path, paid, amount):
    """8.3 + 第566条 (assumption damages_after_termination = "accrue until paid").  乙方 terminates Mon 2025-08-25
    10:00 (power since 08-20).  Paid 08-30 10:00 → 08-05 .. 08-30 = 26 days = ¥181,480.00; paid at the termination's
    own instant → 08-05 .. 08-25 = 21 days = ¥146,580.00.  Power exercised once, ¥349,000.00."""
    rep = both([*PAY_1, f("t", "termination_notified", "2025-08-25T10:00:00+08:00", party="乙方",
                          ground="late_payment"), pay("p", paid)], "2025-09-10T00:00:00+08:00", tmp_path)
    assert [r["amount"] for r in rem(rep, "late_payment_damages")] == [amount]
    assert [(r["status"], r["amount"]) for r in rem(rep, "supplier_termination")] == [("exercised", "349000.00")]


def test_passing_a_termination_by_its_date_on_the_16th_late_day_alone(tmp_path):
    """8.3.  Unpaid; 乙方's termination recorded as "2025-08-20" (no payment that day): any hour of 08-20 is after
    the power arose (00:00): the contract ends on 08-20; damages run on to as_of 09-01 00:00 (its day counts):
    08-05 .. 09-01 = 28 days = ¥195,440.00."""
    rep = both([*PAY_1, f("t", "termination_notified", "2025-08-20", party="乙方", ground="late_payment")],
               "2025-09-01T00:00:00+08:00", tmp_path)
    assert rep["contract_life"]["ended_by"] == "supplier_terminates"
    assert [r["status"] for r in rem(rep, "supplier_termination")] == ["exercised"]
    assert [r["amount"] for r in rem(rep, "late_payment_damages")] == ["195440.00"]


def test_passing_two_installments_late_at_once_over_national_day(tmp_path):
    """8.3, two installments late at once (assumption late_payment_damages_basis = "per late installment").
    PAY_1 unpaid.  Installment 2: two months of service from 07-01 09:00 passed at 09-02T00:00; mid-term approved
    08-25, application 09-01, invoice Tue 09-02 10:00 → 30 days 09-03 .. Thu 10-02 (holiday) → Thu 10-09 → due
    2025-10-10T00:00.  As of Sun 10-12 00:00: installment 1 08-05 .. 10-12 = 27 + 30 + 12 = 69 days = ¥481,620.00;
    installment 2 10-10 .. 10-12 = 3 days = ¥20,940.00; one power only (from 08-20)."""
    facts = [*PAY_1, f("ma", "midterm_report_approved", "2025-08-25T10:00:00+08:00"),
             f("a2", "payment_application_received", "2025-09-01T10:00:00+08:00", installment=2, amount="1396000.00"),
             f("i2", "invoice_received", "2025-09-02T10:00:00+08:00", installment=2, amount="1396000.00",
               kind="vat_ordinary")]
    rep = both(facts, "2025-10-12T00:00:00+08:00", tmp_path)
    assert [(o["status"], o["due"]) for o in ob(rep, "pay_installment_2")] == [("violated", "2025-10-10T00:00:00+08:00")]
    assert sorted((r["since"], r["amount"]) for r in rem(rep, "late_payment_damages")) == \
        [("2025-08-05T00:00:00+08:00", "481620.00"), ("2025-10-10T00:00:00+08:00", "20940.00")]
    assert [(r["since"], r["amount"]) for r in rem(rep, "supplier_termination")] == \
        [("2025-08-20T00:00:00+08:00", "349000.00")]
