"""Opposing counsel, round 13: what lies outside the contract's life — a force majeure or a leak from before the
contract took effect that reaches into it through a later certificate or notice, a force majeure certified after
the termination, powers still "held" once the contract has been performed in full, a guarantee released before the
service year ended — plus installments, the bond, the wind-up and termination at make-up working days and at
24:00 / 00:00, counted by hand.

Tests whose docstring starts with DEFECT fail until the engine is fixed (xfail strict); test_passing_… cover a new
adversarial angle and hold today.  Contract: shared/seeds/000_2fd1bbbed6f06600.txt; counting:
shared/spec/time-and-law.md.  Signed by both Fri 2025-06-27 10:00 (SIGN): the service year ends 24:00 Sat
2026-06-27 (service_end 2026-06-28T00:00, a term, not moved); 2.1(1)'s three months end Sat 2025-09-27, a rest
day, moved to the make-up working Sunday 09-28 → due 2025-09-29T00:00.  Total ¥6,980,000.00: 0.1% a day =
¥6,980.00; 5% = ¥349,000.00.  Sub-project 3 (附件1 序号3): ¥175,700.00, 1% = ¥1,757.00.
Calendar (chinese_calendar 1.11.0):
  2025 — Fri 06-20, Wed 06-25, Fri 06-27, Mon 06-30, Tue 07-01, Thu 07-10, Tue 07-15, Mon 08-04, Fri 08-29,
         Mon 09-01 .. Fri 09-05, Mon 09-08, Mon 09-22, Mon 09-29, Thu 10-09, Mon 10-13, Mon 10-20 working;
         Sun 07-27, Sun 08-03, Sat 09-06, Sun 09-07, Sat 09-20, Sun 09-21, Sat 09-27 rest; Sun 09-28 a make-up
         working day; 10-01 .. 10-08 National Day + Mid-Autumn off.
  2026 — Tue 03-03 .. Fri 03-06, Tue 03-10, Fri 07-10, Fri 07-24, Thu 07-30, Wed 08-05, Mon 08-10, Thu 09-10,
         Wed 09-30, Thu 10-08, Fri 10-09, Mon 10-12 working; Sun 08-09, Sun 10-11 rest; Fri 09-25 .. Sun 09-27
         Mid-Autumn off; Thu 10-01 .. Wed 10-07 National Day off; Sat 10-10 a make-up working day.
"""
from __future__ import annotations


import pytest

from test_counsel_round7 import FULL, SIGN, codes, rows, run  # (the seed fixture: conftest.py)
from test_counsel_round11 import _events, _one, _remedies
from test_counsel_round12 import _notice, run_assuming

def _run_on_certification(facts, as_of):
    """The seed rules with the documented alternative force_majeure_termination_basis = "on certification"
    (8.4's power to end the contract listed once the force majeure is certified)."""
    return run_assuming("force_majeure_termination_basis", '"on certification"', facts, as_of)


def f(id_, type_, at, **attrs):
    return {"id": id_, "type": type_, "at": at, **attrs}


def _statuses(report, name):
    return [o["status"] for o in rows(report, name)]


def _held(report, name):
    return [(r["holder"], r["status"]) for r in _remedies(report, name) if r["status"] == "held"]


BOND = f("g", "guarantee_submitted", "2025-07-15T10:00:00+08:00", purpose="performance", amount="349000.00",
         valid_until="2026-12-31")
# installment 1's preconditions: 2 staff Tue 07-01, plan Wed 07-02, application Thu 07-03 (the invoice is added per test)
PRE1 = [SIGN, f("st", "staff_onsite", "2025-07-01T09:00:00+08:00", count=2),
        f("plan", "service_plan_submitted", "2025-07-02T10:00:00+08:00"),
        f("a1", "payment_application_received", "2025-07-03T10:00:00+08:00", installment=1, amount="3490000.00")]
INV1 = f("i1", "invoice_received", "2025-07-04T10:00:00+08:00", installment=1, amount="3490000.00",
         kind="vat_ordinary")
# a force majeure that hit 乙方 a week before the contract was signed (Fri 2025-06-20), certified after it (Thu 07-10)
FM_BEFORE = f("fm", "force_majeure_occurred", "2025-06-20T10:00:00+08:00", party="乙方")
CERT_AFTER = f("c", "force_majeure_certified", "2025-07-10T10:00:00+08:00", ref="fm")
# full-year.jsonl with installment 1 paid late, Mon 2025-08-25 15:00 — after 8.3's power arose (08-20T00:00)
LATE_1 = [x for x in FULL if x["id"] != "f-007"] + [
    f("f-007", "payment_made", "2025-08-25T15:00:00+08:00", installment=1, amount="3490000.00")]


# ================================================================ DEFECTS

# ---------------------------------------------------------------- 1. a force majeure from before the contract
def test_a_force_majeure_before_the_contract_gives_no_excuse_when_certified_after_it(seed):
    """Was a DEFECT (fixed in the seed rules, round 13; medium-high confidence).  A force majeure hits 乙方 Fri 2025-06-20 10:00; the contract takes effect
    a week later, Fri 06-27 10:00 (11.1); the event is certified Thu 07-10 10:00.  An event that had already happened
    when the parties signed is no force majeure of this contract (民法典第180条: 不能预见; 第502条: no duty, and no
    excuse from one, before the contract binds).  The engine agrees for the rest of 8.4 — no notice duty, no power to
    end the contract (the rules' param force_majeure_power asks for a force majeure after the effective instant;
    counsel round 7) — and yet lists 8.4's excuse, force_majeure_excuse, held by 乙方 since 2025-07-10T10:00
    ("延期履行、修订合同、部分或全部免责"), because the certificate, not the event, falls inside the contract.
    Hand count: 8.4 gives 乙方 nothing here — no force_majeure_excuse, no force_majeure_termination, no
    force_majeure_notice triggered; the bond stays due 2025-09-29T00:00 (active as of 08-01)."""
    report = run(seed, [FM_BEFORE, SIGN, CERT_AFTER], "2025-08-01")
    assert _statuses(report, "force_majeure_notice") == ["inactive"]
    assert _remedies(report, "force_majeure_termination") == []
    assert (_one(report, "performance_bond")["status"], _one(report, "performance_bond")["due"]) == (
        "active", "2025-09-29T00:00:00+08:00")
    assert _remedies(report, "force_majeure_excuse") == [], _remedies(report, "force_majeure_excuse")


def test_on_certification_a_force_majeure_before_the_contract_gives_the_buyer_no_power_to_end_it(seed):
    """Was a DEFECT (fixed in the seed rules, round 13; high confidence; under the rules' documented alternative force_majeure_termination_basis = "on
    certification").  Force majeure Fri 2025-06-20 10:00 (乙方), contract in force Fri 06-27 10:00, certificate
    Thu 07-10 10:00.  甲方 ends the contract Tue 07-15 10:00, ground force_majeure.
    The rules' own param force_majeure_power — "已有不可抗力终止权", written for exactly this reading — is false: the
    only force majeure happened before the contract took effect (counsel round 7).  甲方 holds no 3.1.3 power either
    (no harm to the public interest).  So this is 甲方 ending the contract 无故 (8.3): the contract ends Tue 07-15
    10:00 as buyer_without_cause; the bond (due 09-29T00:00) is discharged; 乙方 holds 5% × ¥6,980,000.00 =
    ¥349,000.00 (unjustified_termination_damages).
    The engine lists force_majeure_termination held by both parties since the certificate (07-10 10:00), lets 甲方
    exercise it — ended_by force_majeure_terminates — and 乙方 gets nothing: ¥349,000.00 lost."""
    t = f("t", "termination_notified", "2025-07-15T10:00:00+08:00", party="甲方", ground="force_majeure")
    report = _run_on_certification([FM_BEFORE, SIGN, CERT_AFTER, t], "2025-08-01")
    assert report["contract_life"]["ended"] == "2025-07-15T10:00:00+08:00"
    assert _one(report, "performance_bond")["status"] == "discharged"
    assert report["contract_life"]["ended_by"] == "buyer_without_cause", report["contract_life"]
    assert [r["amount"] for r in _remedies(report, "unjustified_termination_damages")] == ["349000.00"]


# ---------------------------------------------------------------- 2. a leak from before the contract
def test_a_leak_found_by_the_buyer_before_the_contract_gives_no_leak_notice_duty_through_its_later_notice(seed):
    """Was a DEFECT (fixed in the seed rules, round 13; high confidence).  附件2 三.5 with the rules' reading leak_found_by_buyer ("from the buyer's notice").
    A supplier-caused leak is found by 甲方 Wed 2025-06-25 10:00 — two days before the contract and its 保密协议 took
    effect (Fri 06-27 10:00; 附件2 六: "保密期限自本协议生效之日起").  甲方 faxes 乙方 about it (ref lk) Mon 06-30 10:00
    (10.3.2: delivered 10:00).  A leak before the agreement binds is no breach of it, and owes no 三.5 notice — the
    rules say so themselves when 乙方 found the same leak (tests/test_counsel.py: "a supplier-caused leak Wed 06-25
    … no 三.5 notice"; the engine agrees, checked below).  Who found it cannot make a pre-contract leak a breach.
    Hand count: breach_notice never triggered (inactive); no security_incident_notice either.
    The engine triggers breach_notice at the fax (06-30 10:00), due 12:00, and reports 乙方 in breach at 12:00 for
    not writing back about a leak from before the contract — "承担全部法律责任及赔偿"."""
    found_by_supplier = f("lk", "data_leak_discovered", "2025-06-25T10:00:00+08:00", cause="supplier")
    assert _statuses(run(seed, [found_by_supplier, SIGN], "2025-08-01"), "breach_notice") == ["inactive"]
    found_by_buyer = {**found_by_supplier, "found_by": "甲方"}
    fax = _notice("n", "2025-06-30T10:00:00+08:00", "甲方", "乙方", "data_leak", "fax", "lk")
    report = run(seed, [found_by_buyer, SIGN, fax], "2025-08-01")
    assert _statuses(report, "security_incident_notice") == ["inactive"]
    assert _statuses(report, "breach_notice") == ["inactive"], [(o["status"], o["due"]) for o in
                                                                rows(report, "breach_notice")]


# ---------------------------------------------------------------- 3. powers still "held" after full performance
def test_after_full_performance_the_suppliers_power_and_its_five_percent_are_no_longer_held(seed):
    """Was a DEFECT (fixed in the seed rules, round 13: `lapses when`; medium-high confidence).  full-year.jsonl with installment 1 paid late, Mon 2025-08-25 15:00.
    Installment 1's conditions complete Fri 07-04 10:00; 30 days (payment_term): last day Sun 08-03 → Mon 08-04 →
    due 08-05T00:00.  Paid 08-25: late 08-05 .. 08-25 = 21 days × ¥6,980.00 = ¥146,580.00 (a breach before the end:
    kept).  "逾期超出15天" (08-05 .. 08-19, not moved): 乙方's 8.3 power (with 5% = ¥349,000.00) from 08-20T00:00.
    Everything else is performed: installments 2 and 3 paid in time, accepted Fri 2026-07-10, materials handed
    over 07-17, the guarantee's release assisted Fri 07-24 10:00 — the contract is performed in full then
    (民法典第557条第1款第1项; the rules' performed_in_full).  The rules' own readings: after that "任何一方的单方解除通知
    ——无论是否持有解除权——都不发生解除的效力，也不产生5%违约金" (termination_after_performance), and the 5% "随解除权
    而生 … 合同以其他方式终止的，这5%也不再有" (termination_damages_basis) — the engine already refuses 乙方's notice
    after that (counsel round 6).
    Hand count, as of Sat 2026-08-01 (before the power's one year, 第564条): late_payment_damages ¥146,580.00 held;
    supplier_termination not held — no power to end a performed contract, no ¥349,000.00.
    The engine lists supplier_termination "held", amount ¥349,000.00: a report 乙方 can take to court for a 5% the
    rules say it can never get."""
    report = run(seed, LATE_1, "2026-08-01")
    assert report["contract_life"]["ended"] is None
    assert [(r["amount"], r["status"]) for r in _remedies(report, "late_payment_damages")] == [("146580.00", "held")]
    assert _held(report, "supplier_termination") == [], [(r["status"], r["amount"]) for r in
                                                         _remedies(report, "supplier_termination")]


def test_after_full_performance_a_later_harm_or_force_majeure_gives_no_power_to_end_the_contract(seed):
    """Was a DEFECT (fixed in the seed rules, round 13; medium confidence).  full-year.jsonl: performed in full Fri 2026-07-24 10:00 (accepted 07-10,
    handover 07-17, all three installments paid, release assisted 07-24).  Afterwards 甲方 finds harm to the public
    interest Thu 07-30 10:00 and a force majeure hits 乙方 Wed 08-05 10:00.  3.1.3 gives 甲方 its power for harm
    "在乙方履行合同过程中" — there is no performance left; 8.4's power is for a force majeure that makes the contract
    "不能履行" — nothing is left to perform; and the rules refuse any effect to a unilateral notice after full
    performance (termination_after_performance).
    Hand count, as of 08-20: no buyer_termination and no force_majeure_termination held by anyone.
    The engine lists buyer_termination held by 甲方 since 07-30 10:00 and force_majeure_termination held by both
    since 08-05 10:00 (and makes 乙方 late with an 8.4 notice due 08-08T00:00 about a contract it has finished)."""
    extra = [f("h", "public_interest_harm_found", "2026-07-30T10:00:00+08:00"),
             f("fm", "force_majeure_occurred", "2026-08-05T10:00:00+08:00", party="乙方")]
    report = run(seed, FULL + extra, "2026-08-20")
    assert report["contract_life"]["ended"] is None
    assert _held(report, "buyer_termination") + _held(report, "force_majeure_termination") == []


# ---------------------------------------------------------------- 4. a certificate after the termination
def test_a_force_majeure_certified_after_the_termination_still_excuses_a_breach_before_it(seed):
    """Was a DEFECT (fixed in the seed rules, round 13; medium-high confidence).  A force majeure hits 乙方 Sat 2025-09-20 10:00; 乙方 faxes 甲方 Sun 09-21
    10:00 (8.4: 2 days 09-21, Mon 09-22 → due 09-23T00:00: fulfilled).  The bond (2.1(1), due 2025-09-29T00:00)
    is never provided: violated at 09-29T00:00 — a breach before the end, which the engine rightly keeps.  乙方 ends
    the contract under 8.4 Mon 10-13 10:00 (power since 09-20).  The certificate comes Mon 10-20 10:00.
    8.4: "在取得有关机构的不可抗力证明或谅解确认后，…并可根据具体情况部分或全部免于承担违约责任".  The liability for the
    bond survives the termination (民法典第566条第2款), and so does the defence to it (第590条第1款; the event came before
    the delay, so 第590条第2款 does not bar it).
    Hand count: performance_bond violated (due 09-29T00:00); force_majeure_excuse held by 乙方 since
    2025-10-20T10:00.  The engine lists no force_majeure_excuse: the certificate "after the end" is dropped, and 乙方
    stands liable for the bond with no excuse to plead."""
    fm = f("fm", "force_majeure_occurred", "2025-09-20T10:00:00+08:00", party="乙方")
    fax = _notice("n", "2025-09-21T10:00:00+08:00", "乙方", "甲方", "force_majeure", "fax", "fm")
    t = f("t", "termination_notified", "2025-10-13T10:00:00+08:00", party="乙方", ground="force_majeure")
    cert = f("c", "force_majeure_certified", "2025-10-20T10:00:00+08:00", ref="fm")
    report = run(seed, [SIGN, fm, fax, t, cert], "2025-11-01")
    assert report["contract_life"]["ended_by"] == "force_majeure_terminates"
    assert (_one(report, "force_majeure_notice")["status"], _one(report, "force_majeure_notice")["due"]) == (
        "fulfilled", "2025-09-23T00:00:00+08:00")
    assert (_one(report, "performance_bond")["status"], _one(report, "performance_bond")["due"]) == (
        "violated", "2025-09-29T00:00:00+08:00")
    assert [(r["holder"], r["since"]) for r in _remedies(report, "force_majeure_excuse")] == [
        ("乙方", "2025-10-20T10:00:00+08:00")]


# ---------------------------------------------------------------- 5. a guarantee released before the year ended
def test_a_guarantee_released_before_the_service_year_ended_leaves_nothing_to_release_after_acceptance(seed):
    """Was a DEFECT (fixed in the seed rules, round 13; medium-high confidence).  乙方's performance guarantee (¥349,000.00, valid to 2026-12-31) is handed
    over 2025-07-15.  On Tue 2026-03-10 甲方 helps 乙方 end it at the bank (bond_release_assisted) — months before the
    service year ends (24:00 Sat 06-27).  Acceptance passes Fri 07-10 10:00.  2.1(2): within 30 days "配合乙方向银行申请
    终止保函效力或银行保函到期自动失效" — the guarantee has been void since March; there is nothing left to end.
    The rules themselves treat an ended guarantee so elsewhere: one that EXPIRED before the acceptance performs the
    duty (counsel round 7, counted at any time); bond_held says no bond is held after any release; performed_in_full
    counts a release at any time.
    Hand count: release_bond fulfilled (the guarantee already ended); not violated.  The engine: violated at
    2026-08-11T00:00 (30 days: 07-11 .. Sun 08-09 → Mon 08-10), "未见履行的 甲方配合乙方向银行申请终止保函效力" —
    甲方 in breach for not releasing, a second time, a guarantee it released in March."""
    release = f("rel", "bond_release_assisted", "2026-03-10T10:00:00+08:00")
    held = f("h", "acceptance_held", "2026-07-10T10:00:00+08:00", passed=True)
    report = run(seed, [SIGN, BOND, release, held], "2026-09-01")
    o = _one(report, "release_bond")
    assert (o["status"], o["due"]) == ("fulfilled", "2026-08-11T00:00:00+08:00"), o["because"]


# ---------------------------------------------------------------- 6. 8.4's notice judged by its label
def test_a_written_notice_of_the_force_majeure_within_two_days_performs_8_4_whatever_its_subject_label(seed):
    """Was a DEFECT (fixed in the seed rules, round 13; medium confidence: the label requirement is no announced assumption).  8.4: "应在不可抗力事件发生后2日内
    向另一方书面通报".  A force majeure hits 乙方 Tue 2026-03-03 14:00; 2 days: Wed 03-04, Thu 03-05 → due
    2026-03-06T00:00.  乙方 faxes 甲方 Wed 03-04 09:30 (10.3.2: delivered 09:30) a written notice about that very event
    (ref fm), filed under subject "other".  The clause asks for a written report to the other party within 2 days,
    not a heading; for 附件2 三.5 the rules accepted exactly this after round 11 (assumption leak_notice_subject: "就该次
    泄露（ref）发出的书面通知均可", 民法典第142条).
    Hand count: force_majeure_notice fulfilled at 2026-03-04T09:30.  The engine: violated at 03-06T00:00 — the fax
    is "不满足 subject为“force_majeure”"."""
    fm = f("fm", "force_majeure_occurred", "2026-03-03T14:00:00+08:00", party="乙方")
    fax = _notice("n", "2026-03-04T09:30:00+08:00", "乙方", "甲方", "other", "fax", "fm")
    report = run(seed, [SIGN, BOND, fm, fax], "2026-03-10")
    assert _events(report, "notice_delivered") == ["2026-03-04T09:30:00+08:00"]
    o = _one(report, "force_majeure_notice")
    assert (o["status"], o["due"], o["fulfilled_at"]) == (
        "fulfilled", "2026-03-06T00:00:00+08:00", "2026-03-04T09:30:00+08:00"), o["because"]


# ================================================================ PASSING (new angles that hold)

@pytest.mark.parametrize("paid, status, damages", [
    ("2025-09-28T15:00:00+08:00", "fulfilled", []),              # the make-up working Sunday: in time
    ("2025-09-29T00:00:00+08:00", "violated", ["6980.00"]),       # 00:00 of Monday: one day late
])
def test_passing_installment_1_due_on_the_make_up_sunday_of_2025_is_not_moved(seed, paid, status, damages):
    """The invoice completes 2.2(1) Fri 2025-08-29 10:00.  30 days (payment_term): 08-30, 08-31 (2), 09-01 .. 09-28
    (30) → Sun 09-28, an official make-up working day → not moved (第203条 moves only a rest day) → due
    2025-09-29T00:00.  Paid Sun 09-28 15:00: in time.  Paid 09-29 00:00: on 09-29, one day late → ¥6,980.00."""
    inv = {**INV1, "at": "2025-08-29T10:00:00+08:00"}
    pay = f("p", "payment_made", paid, installment=1, amount="3490000.00")
    report = run(seed, PRE1 + [inv, pay], "2025-11-01")
    o = _one(report, "pay_installment_1")
    assert (o["status"], o["due"], o["fulfilled_at"]) == (status, "2025-09-29T00:00:00+08:00", paid)
    assert [r["amount"] for r in _remedies(report, "late_payment_damages")] == damages


@pytest.mark.parametrize("paid, findings", [("2025-09-02T00:00:00+08:00", 0), ("2025-09-01T23:59:59+08:00", 1)])
def test_passing_installment_2_paid_at_the_instant_two_months_of_service_pass(seed, paid, findings):
    """Staff arrive Tue 2025-07-01 09:00: two months of service (a term, not moved) pass at 2025-09-02T00:00
    (time-and-law.md).  Report approved, application and invoice of ¥1,396,000.00 all Fri 08-29 10:00.  A payment
    at 09-02 00:00:00 is at the instant the last condition holds — not before it (same instant); one at
    09-01 23:59:59 is before it: payment_before_preconditions, once.  Either way the duty, arising at 09-02T00:00
    (24:00 of 09-01), is fulfilled then; due: 30 days 09-02 .. 10-01 → National Day → Thu 10-09 → 10-10T00:00."""
    facts = PRE1 + [INV1, f("p1", "payment_made", "2025-07-20T10:00:00+08:00", installment=1, amount="3490000.00"),
                    f("m", "midterm_report_approved", "2025-08-29T10:00:00+08:00"),
                    f("a2", "payment_application_received", "2025-08-29T10:00:00+08:00", installment=2,
                      amount="1396000.00"),
                    f("i2", "invoice_received", "2025-08-29T10:00:00+08:00", installment=2, amount="1396000.00",
                      kind="vat_ordinary"),
                    f("p2", "payment_made", paid, installment=2, amount="1396000.00")]
    report = run(seed, facts, "2025-11-01")
    o = _one(report, "pay_installment_2")
    assert (o["status"], o["triggered_at"], o["due"], o["fulfilled_at"]) == (
        "fulfilled", "2025-09-02T00:00:00+08:00", "2025-10-10T00:00:00+08:00", "2025-09-02T00:00:00+08:00")
    assert codes(report).count("payment_before_preconditions") == findings


@pytest.mark.parametrize("paid, findings", [("2025-06-27T10:00:00+08:00", 0), ("2025-06-26T10:00:00+08:00", 1)])
def test_passing_installment_1_paid_at_the_instant_the_contract_took_effect(seed, paid, findings):
    """Staff (2) Fri 06-20, plan Mon 06-23, application Tue 06-24, invoice Wed 06-25: every condition of 2.2(1) but
    "本运维服务合同签订后" holds before the contract; it takes effect Fri 06-27 10:00 (第502条), and the duty arises then
    (due: 30 days 06-28 .. Sun 07-27 → Mon 07-28 → 07-29T00:00).  A payment at 06-27 10:00 is at the very instant
    the last condition holds: no finding.  One the day before precedes the contract: one finding.  Either way the
    duty is fulfilled at 06-27 10:00, the instant it arises."""
    pre = [f("st", "staff_onsite", "2025-06-20T09:00:00+08:00", count=2),
           f("plan", "service_plan_submitted", "2025-06-23T10:00:00+08:00"),
           f("a1", "payment_application_received", "2025-06-24T10:00:00+08:00", installment=1, amount="3490000.00"),
           {**INV1, "at": "2025-06-25T10:00:00+08:00"}]
    report = run(seed, pre + [f("p", "payment_made", paid, installment=1, amount="3490000.00"), SIGN], "2025-10-01")
    o = _one(report, "pay_installment_1")
    assert (o["status"], o["triggered_at"], o["due"], o["fulfilled_at"]) == (
        "fulfilled", "2025-06-27T10:00:00+08:00", "2025-07-29T00:00:00+08:00", "2025-06-27T10:00:00+08:00")
    assert codes(report).count("payment_before_preconditions") == findings


@pytest.mark.parametrize("valid_until, status", [("2026-09-27", "violated"), ("2026-09-28", "fulfilled")])
def test_passing_a_performance_guarantee_valid_exactly_three_months_past_the_year_is_not_more(seed, valid_until,
                                                                                             status):
    """2.1(1): a guarantee "有效期大于…服务周期届满后三个月".  The service year's last day is Sat 2026-06-27; three months
    on (a term): 2026-09-27.  Valid until 09-27 is not MORE than that ("大于", like "超过", excludes the number,
    第1259条): the bond duty (due 2025-09-29T00:00) is violated; valid until 09-28 performs it at 2025-07-15."""
    g = {**BOND, "valid_until": valid_until}
    o = _one(run(seed, [SIGN, g], "2025-10-01"), "performance_bond")
    assert (o["status"], o["due"]) == (status, "2025-09-29T00:00:00+08:00")


@pytest.mark.parametrize("act, status", [("2026-10-10T16:00:00+08:00", "fulfilled"),
                                         ("2026-10-11T00:00:00+08:00", "violated")])
def test_passing_release_and_handover_due_on_the_make_up_saturday_of_2026(seed, act, status):
    """Acceptance passes Thu 2026-09-10 10:00 (after the service year).  2.1(2) 30 days: 09-11 .. 09-30 (20),
    10-01 .. 10-10 (30) → Sat 10-10, a make-up working day → not moved → due 10-11T00:00.  5.3 one month: the
    corresponding day Sat 10-10 → the same due.  The Mid-Autumn and National Day days in between do not matter to
    a count of calendar days.  Release and handover on Sat 10-10 16:00: in time; at 10-11 00:00: late."""
    facts = [SIGN, BOND, f("h", "acceptance_held", "2026-09-10T10:00:00+08:00", passed=True),
             f("r", "bond_release_assisted", act), f("hd", "handover_delivered", act)]
    report = run(seed, facts, "2026-10-20")
    for name in ("release_bond", "handover"):
        o = _one(report, name)
        assert (o["status"], o["due"], o["fulfilled_at"]) == (status, "2026-10-11T00:00:00+08:00", act), name


@pytest.mark.parametrize("sent, status", [("2026-10-10T23:59:59+08:00", "fulfilled"),
                                          ("2026-10-11T00:00:00+08:00", "violated")])
def test_passing_the_buyers_force_majeure_notice_ends_on_the_make_up_saturday(seed, sent, status):
    """A force majeure hits 甲方 (which still owes the acceptance) Thu 2026-10-08 10:00.  8.4's 2 days: Fri 10-09,
    Sat 10-10 — a make-up working day, not moved → due 10-11T00:00; the debtor is 甲方, the creditor 乙方.  甲方's fax
    at 10-10 23:59:59: in time; at 10-11 00:00: late."""
    fm = f("fm", "force_majeure_occurred", "2026-10-08T10:00:00+08:00", party="甲方")
    fax = _notice("n", sent, "甲方", "乙方", "force_majeure", "fax", "fm")
    o = _one(run(seed, [SIGN, BOND, fm, fax], "2026-10-20"), "force_majeure_notice")
    assert (o["debtor"], o["creditor"], o["status"], o["due"]) == ("甲方", "乙方", status, "2026-10-11T00:00:00+08:00")


@pytest.mark.parametrize("ended, resolve, deduction, damages", [
    ("2025-09-06T23:00:00+08:00", "discharged", [], []),
    ("2025-09-07T10:00:00+08:00", "discharged", ["2025-09-07T00:00:00+08:00"], []),
    ("2025-09-09T10:00:00+08:00", "violated", ["2025-09-07T00:00:00+08:00"], ["1757.00"]),
])
def test_passing_a_public_interest_termination_during_an_interruption_keeps_only_the_breaches_before_it(
        seed, ended, resolve, deduction, damages):
    """Sub-project 3 goes down through 乙方's fault Mon 2025-09-01 10:00; 甲方's fax 11:00.  8.2: 09-02 .. Sat 09-06 →
    Mon 09-08 → due 09-09T00:00.  2.1(3) "超5日" (a term): 09-02 .. 09-06 → from 09-07T00:00.  Harm to the public
    interest Fri 09-05 10:00; 甲方 ends the contract under 3.1.3 at `ended`.  第566条: what was not yet due ends
    (discharged); a breach before the end keeps its remedy.  Ended Sat 23:00 — neither; Sun 10:00 — the deduction
    (arisen 00:00) stays, 8.2's duty is discharged, no 1%; Tue 09-09 10:00 — both stay: ¥1,757.00."""
    facts = [SIGN, BOND,
             f("s", "service_interruption_started", "2025-09-01T10:00:00+08:00", subproject=3, cause="supplier"),
             _notice("n", "2025-09-01T11:00:00+08:00", "甲方", "乙方", "service_interruption", "fax", "s"),
             f("h", "public_interest_harm_found", "2025-09-05T10:00:00+08:00"),
             f("t", "termination_notified", ended, party="甲方", ground="public_interest")]
    report = run(seed, facts, "2025-10-01")
    assert report["contract_life"]["ended_by"] == "buyer_terminates"
    o = _one(report, "resolve_interruption")
    assert (o["status"], o["due"]) == (resolve, "2025-09-09T00:00:00+08:00")
    assert [r["since"] for r in _remedies(report, "bond_deduction")] == deduction
    assert [r["amount"] for r in _remedies(report, "interruption_damages")] == damages
    assert _remedies(report, "unjustified_termination_damages") == []


def test_passing_a_payment_after_the_suppliers_termination_stops_the_daily_damages(seed):
    """Installment 1 due 2025-08-05T00:00, unpaid; 乙方's 8.3 power from 08-20T00:00; 乙方 ends the contract Mon
    08-25 10:00.  甲方 pays in full Wed 09-10 10:00 — after the end.  The debt survives the termination
    (damages_after_termination = "accrue until paid"), and stops with the payment: 08-05 .. 09-10 = 27 + 10 = 37
    days × ¥6,980.00 = ¥258,260.00 (not counted to as_of 11-01); the power exercised with its ¥349,000.00."""
    t = f("t", "termination_notified", "2025-08-25T10:00:00+08:00", party="乙方", ground="late_payment")
    p = f("p", "payment_made", "2025-09-10T10:00:00+08:00", installment=1, amount="3490000.00")
    report = run(seed, PRE1 + [INV1, BOND, t, p], "2025-11-01")
    assert report["contract_life"]["ended"] == "2025-08-25T10:00:00+08:00"
    o = _one(report, "pay_installment_1")
    assert (o["status"], o["fulfilled_at"]) == ("violated", "2025-09-10T10:00:00+08:00")
    assert [r["amount"] for r in _remedies(report, "late_payment_damages")] == ["258260.00"]
    assert [(r["amount"], r["status"]) for r in _remedies(report, "supplier_termination")] == [("349000.00",
                                                                                                "exercised")]


def test_passing_a_harm_to_the_public_interest_before_the_contract_gives_no_3_1_3_power(seed):
    """3.1.3: 甲方 may end the contract for harm "在乙方履行合同过程中".  The harm is found Fri 2025-06-20, before the
    contract took effect (06-27 10:00): no power (第502条).  甲方's termination Thu 07-10 10:00 "for the public
    interest" is therefore 无故 (8.3): the contract ends, the bond (due 09-29) is discharged, 乙方 holds ¥349,000.00."""
    facts = [f("h", "public_interest_harm_found", "2025-06-20T10:00:00+08:00"), SIGN,
             f("t", "termination_notified", "2025-07-10T10:00:00+08:00", party="甲方", ground="public_interest")]
    report = run(seed, facts, "2025-08-01")
    assert report["contract_life"]["ended_by"] == "buyer_without_cause"
    assert _remedies(report, "buyer_termination") == []
    assert [r["amount"] for r in _remedies(report, "unjustified_termination_damages")] == ["349000.00"]
    assert _one(report, "performance_bond")["status"] == "discharged"
