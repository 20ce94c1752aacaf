"""Opposing counsel, round 14: a performance guarantee that was rejected, released and replaced — the one 甲方 still
holds is neither "released" nor "not held" (2.1(2), 2.1(3), and through performed_in_full the `lapses when` of 8.3); a
review failed and then passed without a new application (5.2.3); one sub-project's outage recorded twice (8.2, 2.1(3));
plus what holds: 2.1(3)'s "超5日" across the 2025 National Day and past the service year to the second, a failed
acceptance's deduction surviving the later pass, an acceptance loop over the 2026 National Day with the make-up
Saturday 10-10, installment 2 arising at 24:00, invoices in parts followed by a stray one, facts given twice.

Tests whose docstring starts with DEFECT fail until the engine is fixed (xfail strict); test_passing_… cover a new
adversarial angle and hold today.  Contract: shared/seeds/000_2fd1bbbed6f06600.txt; counting:
shared/spec/time-and-law.md.  Signed by both Fri 2025-06-27 10:00 (SIGN / f-001): the service year ends 24:00 Sat
2026-06-27 (service_end 2026-06-28T00:00, a term); 2.1(1)'s three months end Sat 2025-09-27 → make-up Sunday 09-28 →
due 2025-09-29T00:00; 2.1(1)'s guarantee must be valid beyond 2026-09-27.  Total ¥6,980,000.00: 0.1% a day =
¥6,980.00; 5% = ¥349,000.00.  Sub-project 3 (附件1 序号3): ¥175,700.00, 1% = ¥1,757.00.
Calendar (chinese_calendar 1.11.0):
  2025 — Mon 09-01 .. Fri 09-05, Mon 09-08, Wed 09-10, Tue 09-30, Thu 10-09, Fri 10-10 working; Sat 09-06, Sun 09-07
         rest; Sun 09-28 and Sat 10-11 make-up working days; Wed 10-01 .. Wed 10-08 National Day + Mid-Autumn off.
  2026 — Sat 02-14 and Sat 02-28 make-up working days; Fri 06-26, Wed 07-01, Fri 07-03, Mon 07-06 .. Fri 07-10,
         Mon 07-13 .. Fri 07-17, Mon 07-27, Mon 08-10, Mon 08-17, Fri 08-21, Thu 09-03, Wed 09-30, Thu 10-08, Fri 10-09,
         Mon 10-12 .. Fri 10-16, Mon 10-19, Tue 10-20, Thu 11-19, Fri 11-20 working; Sat 06-27, Sun 08-09, Sun 08-16,
         Sun 10-11, Sat 10-17, Sun 10-18 rest; Fri 09-25 .. Sun 09-27 Mid-Autumn off; Thu 10-01 .. Wed 10-07 National
         Day off; Sat 10-10 a make-up working day.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from test_counsel_round7 import FULL, SIGN, codes, rows, run  # (the seed fixture: conftest.py)
from test_counsel_round11 import _events, _one, _remedies
from test_counsel_round12 import run_assuming
from test_counsel_round13 import BOND, f

def _run_bond_held(facts, as_of):
    """The seed rules with the documented alternative deduction_needs_bond = "bond held" (2.1(3)'s power to deduct
    listed only while 甲方 holds a valid performance guarantee)."""
    return run_assuming("deduction_needs_bond", '"bond held"', facts, as_of)


def _fax(id_, at, ref):
    return {"id": id_, "type": "notice_sent", "at": at, "from": "甲方", "to": "乙方",
            "subject": "service_interruption", "method": "fax", "ref": ref}


def _held(report, name):
    return [r for r in _remedies(report, name) if r["status"] == "held"]


def _total(remedy_rows):
    return sum((Decimal(r["amount"]) for r in remedy_rows if r["amount"] is not None), Decimal("0"))


# 乙方's first performance guarantee is valid only to 2026-08-31 — not beyond 2026-09-27 (2.1(1)) —; 甲方 rejects it and
# helps end it at the bank Sun 2025-07-20; 乙方 then provides a proper one Fri 07-25 (valid to 2026-12-31), which 甲方
# holds to the end: it is never released, and it expires only at 24:00 of 2026-12-31.
REPLACED = [f("g1", "guarantee_submitted", "2025-07-15T10:00:00+08:00", purpose="performance", amount="349000.00",
              valid_until="2026-08-31"),
            f("rel1", "bond_release_assisted", "2025-07-20T10:00:00+08:00"),
            f("g2", "guarantee_submitted", "2025-07-25T10:00:00+08:00", purpose="performance", amount="349000.00",
              valid_until="2026-12-31")]
# full-year.jsonl with that history of guarantees in place of f-006, and no release after the acceptance (no f-026)
FULL_REPLACED = [x for x in FULL if x["id"] not in ("f-006", "f-026")] + REPLACED


# ================================================================ DEFECTS

# ---------------------------------------------------------------- 1. a release before the guarantee existed
def test_the_release_of_a_rejected_guarantee_does_not_release_its_replacement(seed):
    """Was a DEFECT (fixed in the seed rules, round 14)  (high confidence).  2.1(2): "甲方应在验收通过后30日内，配合乙方向银行申请终止保函效力或银行保函到期自动失效".
    REPLACED: 甲方 helped end the rejected guarantee g1 on 2025-07-20; the guarantee it holds, g2, was handed over on
    07-25 — after that release — valid to 2026-12-31, and is never released.  Acceptance passes Fri 2026-07-10 10:00
    (f-019).  30 days (bond_release_term): 07-11 .. Sun 08-09 → Mon 08-10 (第203条) → due 2026-08-11T00:00; g2 does not
    lapse within them (24:00 of 2026-12-31).  So release_bond is violated at 08-11T00:00.
    The engine: release_bond "fulfilled" on 2025-07-20 by rel1 — a release a year before the acceptance and five days
    before the guarantee to be released existed (early_bond_release counts any release "since the first guarantee",
    not since the one still held).  乙方's lawyer: its bond is still tied up at the bank, and the report says 甲方 did
    its part."""
    report = run(seed, FULL_REPLACED, "2026-09-01")
    o = _one(report, "release_bond")
    assert o["due"] == "2026-08-11T00:00:00+08:00"
    assert o["status"] == "violated"
    assert o["fulfilled_at"] is None


def test_a_contract_whose_current_guarantee_is_still_held_is_not_performed_in_full(seed):
    """Was a DEFECT (fixed in the seed rules, round 14)  (medium-high confidence; the same root through `lapses when performed_in_full`).  FULL_REPLACED with
    installment 3 paid late.  Installment 3's conditions complete Fri 2025-09-05 10:30 (f-014); 30 days: 09-06 ..
    10-05, inside the holiday (10-01 .. 10-08) → Thu 10-09 → due 2025-10-10T00:00.  Paid only Wed 2026-07-15 15:00.
    8.3 "逾期超出15天": 10-10 .. 10-24 (not moved) → 乙方's power and 5% (¥349,000.00) from 2025-10-25T00:00, for one year
    (第564条第2款: to 2026-10-25T00:00).  Accepted 2026-07-10, handover 07-17, all three installments paid by 07-15 —
    but g2 is neither released (the only release, 2025-07-20, came before it) nor expired (24:00 of 2026-12-31): the
    contract is NOT performed in full (the rules' own performed_in_full asks for the release of the guarantee or its
    expiry).  So at 2026-08-01 supplier_termination is held (¥349,000.00), and 乙方's notice Thu 07-30 10:00
    (late_payment) ends the contract under 8.3.
    Counted: damages 2025-10-10 .. 2026-07-15 = 22 + 30 + 31 + 31 + 28 + 31 + 30 + 31 + 30 + 15 = 279 days ×
    ¥6,980.00 = ¥1,947,420.00 (the engine agrees).
    The engine: supplier_termination "lapsed" (performed in full), the 07-30 notice "has no effect"
    (termination_after_performance) — ¥349,000.00 and a termination lost to 乙方."""
    facts = [x for x in FULL_REPLACED if x["id"] != "f-016"] + [
        f("f-016", "payment_made", "2026-07-15T15:00:00+08:00", installment=3, amount="2094000.00")]
    report = run(seed, facts, "2026-08-01")
    assert _total(_remedies(report, "late_payment_damages")) == Decimal("1947420.00")
    (p,) = _remedies(report, "supplier_termination")
    assert p["since"] == "2025-10-25T00:00:00+08:00"
    assert (p["status"], p["amount"]) == ("held", "349000.00")
    ended = run(seed, facts + [f("t", "termination_notified", "2026-07-30T10:00:00+08:00", party="乙方",
                                 ground="late_payment")], "2026-08-01")
    assert ended["contract_life"]["ended_by"] == "supplier_terminates"
    assert ended["contract_life"]["ended"] == "2026-07-30T10:00:00+08:00"
    assert "termination_after_performance" not in codes(ended)


def test_the_replacement_guarantee_is_a_bond_to_deduct_from(seed):
    """Was a DEFECT (fixed in the seed rules, round 14)  (medium-high confidence; the same root in 2.1(3)'s bond_held).  REPLACED with a supplier-caused
    interruption of sub-project 3 from Mon 2025-09-01 10:00, never resolved.  2.1(3) "服务中断超5日" (a term, not moved):
    09-02 .. Sat 09-06 → the power to deduct from 2025-09-07T00:00.  At that moment 甲方 holds g2 (handed over 07-25,
    valid to 2026-12-31, never released): there IS a bond to deduct from.
    The engine (default deduction_needs_bond = "regardless"): the deduction is listed, but with the warning
    deduction_without_bond — "甲方没有持有履约保函…无保证金可扣" — because some release (of g1, on 07-20) exists.  Under the
    documented alternative "bond held" it lists no deduction at all: 甲方 loses its 2.1(3) right over ¥349,000.00."""
    facts = [SIGN] + REPLACED + [f("s", "service_interruption_started", "2025-09-01T10:00:00+08:00", subproject=3,
                                   cause="supplier")]
    report = run(seed, facts, "2025-10-01")
    assert [r["since"] for r in _held(report, "bond_deduction")] == ["2025-09-07T00:00:00+08:00"]
    assert "deduction_without_bond" not in codes(report)
    alt = _run_bond_held(facts, "2025-10-01")
    assert [r["since"] for r in _held(alt, "bond_deduction")] == ["2025-09-07T00:00:00+08:00"]


# ---------------------------------------------------------------- 2. a review failed, then passed
@pytest.mark.xfail(strict=True, reason="a passed review that follows a failed one on the same application starts no "
                                       "10 working days for the expert acceptance, so no deemed acceptance")
def test_a_review_passed_after_a_failed_one_starts_the_ten_working_days_for_the_acceptance(seed):
    """DEFECT (medium confidence: the rules' note "重复的审核记录不另起期限" is aimed at duplicates, not at 甲方 reversing
    itself).  full-year.jsonl with the review and the acceptance reshaped: 乙方 applies Mon 2026-06-29 10:00 (f-017);
    甲方's review fails Wed 07-01 10:00; 乙方 adds material and 甲方 reviews again, passing, Fri 07-03 10:00 (within the
    review's 10 working days, due 07-14T00:00).  5.2.3: "审核通过后【10】个工作日内…组织相关专家进行验收…未在上述期限内组织
    验收、审核，则视为本项目验收合格".  10 working days from Fri 07-03: Mon 07-06 .. Fri 07-10 (5), Mon 07-13 .. Fri 07-17
    (10) → due 2026-07-18T00:00.  No acceptance is ever held → deemed acceptance at 07-18T00:00 (24:00 of 07-17).
    Then 2.1(2) 30 days from 07-17: 07-18 .. Sun 08-16 → Mon 08-17 → due 08-18T00:00; 5.3 one month: Mon 08-17 → due
    08-18T00:00; 2.2(4) (due 07-28T00:00) excused by the acceptance.
    The engine: no acceptance_meeting at all, no deemed acceptance, no release or handover duty, and organize_acceptance
    violated — 乙方's project left un-accepted though 甲方 passed its review and then did nothing."""
    facts = [x for x in FULL if x["id"] not in ("f-018", "f-019", "f-020", "f-026")] + [
        f("rv1", "acceptance_review_completed", "2026-07-01T10:00:00+08:00", passed=False),
        f("rv2", "acceptance_review_completed", "2026-07-03T10:00:00+08:00", passed=True)]
    report = run(seed, facts, "2026-09-01")
    m = _one(report, "acceptance_meeting")
    assert (m["trigger"], m["due"], m["status"]) == ("rv2", "2026-07-18T00:00:00+08:00", "violated")
    assert _events(report, "deemed_acceptance") == ["2026-07-18T00:00:00+08:00"]
    assert _one(report, "release_bond")["due"] == "2026-08-18T00:00:00+08:00"
    assert _one(report, "handover")["due"] == "2026-08-18T00:00:00+08:00"
    assert _one(report, "organize_acceptance")["status"] == "excused"


# ---------------------------------------------------------------- 3. one outage of a sub-project, recorded twice
@pytest.mark.xfail(strict=True, reason="an outage of one sub-project recorded again while it lasts gives 8.2's 1% "
                                       "(and 2.1(3)'s deduction) twice")
def test_a_second_record_of_an_outage_already_running_does_not_double_the_one_percent(seed):
    """DEFECT (medium-low confidence: the interface makes two ids two facts, but 8.2 counts 中断情形, and a service that is
    already down cannot go down again).  Sub-project 3 goes down through 乙方's fault Mon 2025-09-01 10:00 (s1) and
    stays down until Sat 09-20 10:00 — one outage.  The monitoring job files a second interruption of sub-project 3 on
    Wed 09-03 10:00 (s2), while it is still down; 甲方 faxes about each (09-01 11:00, 09-03 11:00).  8.2 from the
    first notice: 09-02 .. Sat 09-06 → Mon 09-08 → due 09-09T00:00; unresolved → "按相关子项目预算金额1%" once:
    ¥1,757.00 (interruption_damages_basis "once" — a 1% for the 中断情形, not for each record of it).  2.1(3): one
    interruption "超5日", from 09-07T00:00 — one power to deduct.
    The engine: two violated resolve_interruption rows, interruption_damages ¥1,757.00 + ¥1,757.00 = ¥3,514.00, and two
    bond deductions (09-07, 09-09) — 甲方 claims a second 1% for the same outage."""
    facts = [SIGN, BOND,
             f("s1", "service_interruption_started", "2025-09-01T10:00:00+08:00", subproject=3, cause="supplier"),
             _fax("n1", "2025-09-01T11:00:00+08:00", "s1"),
             f("s2", "service_interruption_started", "2025-09-03T10:00:00+08:00", subproject=3, cause="supplier"),
             _fax("n2", "2025-09-03T11:00:00+08:00", "s2"),
             f("r", "service_interruption_resolved", "2025-09-20T10:00:00+08:00", subproject=3)]
    report = run(seed, facts, "2025-10-01")
    assert _total(_remedies(report, "interruption_damages")) == Decimal("1757.00")
    assert [r["since"] for r in _held(report, "bond_deduction")] == ["2025-09-07T00:00:00+08:00"]


# ================================================================ NEW ANGLES THAT HOLD

@pytest.mark.parametrize("resolved, since", [
    (None, "2025-10-06T00:00:00+08:00"),
    ("2025-10-05T23:59:59+08:00", None),
    ("2025-10-06T00:00:00+08:00", "2025-10-06T00:00:00+08:00"),
])
def test_passing_more_than_five_days_of_outage_runs_through_national_day_unmoved(seed, resolved, since):
    """2.1(3) "服务中断超5日" is a state that lasts, not a period to act in (assumption interruption_grace): sub-project
    3 down Tue 2025-09-30 10:00 (乙方), no notice.  Five days 10-01 .. 10-05 — all holidays, not moved — fully passed at
    10-06T00:00 ("超" excludes the number, 第1259条).  Resolved 10-05 23:59:59: no deduction; resolved 10-06 00:00:00 (on
    the 6th day) or never: the power from 10-06T00:00 — not from the end of the holiday."""
    facts = [SIGN, BOND, f("s", "service_interruption_started", "2025-09-30T10:00:00+08:00", subproject=3,
                           cause="supplier")]
    if resolved:
        facts.append(f("r", "service_interruption_resolved", resolved, subproject=3))
    report = run(seed, facts, "2025-11-01")
    assert [r["since"] for r in _held(report, "bond_deduction")] == ([since] if since else [])


@pytest.mark.parametrize("resolved, late", [
    (None, True), ("2026-07-01T23:00:00+08:00", False), ("2026-07-02T00:00:00+08:00", True)])
def test_passing_an_outage_begun_in_the_service_year_is_judged_after_it(seed, resolved, late):
    """Sub-project 3 down Fri 2026-06-26 10:00 (乙方), a day before the service year ends (24:00 Sat 06-27); 甲方's fax
    11:00.  8.2: 06-27 .. Wed 07-01 (a working day) → due 07-02T00:00; 2.1(3): 06-27 .. 07-01 → from 07-02T00:00 — both
    after the year, for an outage begun inside it (operations_after_service_period bars only outages begun after).
    Resolved 07-01 23:00: in time, nothing; 07-02 00:00 or never: ¥1,757.00 and the deduction, both from 07-02T00:00."""
    facts = [SIGN, BOND, f("s", "service_interruption_started", "2026-06-26T10:00:00+08:00", subproject=3,
                           cause="supplier"), _fax("n", "2026-06-26T11:00:00+08:00", "s")]
    if resolved:
        facts.append(f("r", "service_interruption_resolved", resolved, subproject=3))
    report = run(seed, facts, "2026-12-01")
    o = _one(report, "resolve_interruption")
    assert o["due"] == "2026-07-02T00:00:00+08:00"
    assert o["status"] == ("violated" if late else "fulfilled")
    assert [(r["since"], r["amount"]) for r in _held(report, "interruption_damages")] == \
        ([("2026-07-02T00:00:00+08:00", "1757.00")] if late else [])
    assert [r["since"] for r in _held(report, "bond_deduction")] == (["2026-07-02T00:00:00+08:00"] if late else [])


def test_passing_a_resolution_of_an_earlier_outage_does_not_excuse_a_later_one(seed):
    """Sub-project 3: s1 down Mon 2025-09-01 10:00, resolved Tue 09-02 10:00 (in time).  s2 down again Wed 09-03 10:00,
    never resolved; fax 11:00.  The 09-02 resolution came before s2 and is not its resolution.  8.2 for s2: 09-04 ..
    Mon 09-08 → due 09-09T00:00 → ¥1,757.00; 2.1(3): 09-04 .. 09-08 → from 09-09T00:00 (one deduction, for s2)."""
    facts = [SIGN, BOND,
             f("s1", "service_interruption_started", "2025-09-01T10:00:00+08:00", subproject=3, cause="supplier"),
             _fax("n1", "2025-09-01T11:00:00+08:00", "s1"),
             f("r1", "service_interruption_resolved", "2025-09-02T10:00:00+08:00", subproject=3),
             f("s2", "service_interruption_started", "2025-09-03T10:00:00+08:00", subproject=3, cause="supplier"),
             _fax("n2", "2025-09-03T11:00:00+08:00", "s2")]
    report = run(seed, facts, "2025-10-01")
    assert [(o["trigger"], o["status"]) for o in rows(report, "resolve_interruption")] == \
        [("s1", "fulfilled"), ("s2", "violated")]
    assert [(r["since"], r["amount"]) for r in _held(report, "interruption_damages")] == \
        [("2025-09-09T00:00:00+08:00", "1757.00")]
    assert [r["since"] for r in _held(report, "bond_deduction")] == ["2025-09-09T00:00:00+08:00"]


def test_passing_a_failed_acceptance_keeps_its_deduction_after_the_project_later_passes(seed):
    """2.1(3) "未通过验收": the expert acceptance fails Fri 2026-07-10 10:00 (after the service year) — 甲方 may deduct from
    then.  乙方 resubmits Mon 07-20 (5.2.3; 30 days, due 08-11T00:00: fulfilled), the review passes Wed 07-22, the second
    acceptance passes Fri 07-24.  The later pass does not undo the deduction that arose on 07-10 ("not accepted" is
    read when the acceptance failed, not at the report's instant); release and handover run from 07-24: 30 days
    07-25 .. Sun 08-23 → Mon 08-24 → due 08-25T00:00; one month → Mon 08-24 → due 08-25T00:00."""
    facts = [x for x in FULL if x["id"] not in ("f-019", "f-020", "f-026")] + [
        f("h1", "acceptance_held", "2026-07-10T10:00:00+08:00", passed=False),
        f("ap2", "acceptance_applied", "2026-07-20T10:00:00+08:00"),
        f("rv2", "acceptance_review_completed", "2026-07-22T10:00:00+08:00", passed=True),
        f("h2", "acceptance_held", "2026-07-24T10:00:00+08:00", passed=True)]
    report = run(seed, facts, "2026-09-01")
    assert [r["since"] for r in _held(report, "bond_deduction")] == ["2026-07-10T10:00:00+08:00"]
    assert _one(report, "resubmit_acceptance")["status"] == "fulfilled"
    assert (_one(report, "release_bond")["trigger"], _one(report, "release_bond")["due"]) == \
        ("h2", "2026-08-25T00:00:00+08:00")
    assert _one(report, "handover")["due"] == "2026-08-25T00:00:00+08:00"
    assert _events(report, "deemed_acceptance") == []


def test_passing_two_failed_acceptances_then_a_review_missed_over_national_day_2026(seed):
    """An acceptance loop over the 2026 holidays.  Application f-017 Mon 06-29, review f-018 passed Mon 07-06; the
    acceptance fails Fri 07-10 (h1).  Resubmitted Mon 08-10 (30 days 07-11 .. Sun 08-09 → Mon 08-10, due 08-11T00:00:
    in time).  Review: 10 working days 08-11 .. 08-24 → due 08-25T00:00; passed Fri 08-21.  Acceptance: 10 working days
    08-24 .. 09-04 → due 09-05T00:00; held Thu 09-03, fails (h2).  Resubmission: 30 days 09-04 .. Sat 10-03, a National
    Day holiday → Thu 10-08 → due 10-09T00:00; resubmitted Wed 09-30 10:00 (ap3).  Review of ap3: Thu 10-08 (1), Fri
    10-09 (2), Sat 10-10 (3, make-up), Mon 10-12 .. Fri 10-16 (8), Mon 10-19 (9), Tue 10-20 (10) → due 10-21T00:00;
    never done → deemed acceptance at 10-21T00:00 (24:00 of 10-20).  2.1(2): 30 days 10-21 .. Thu 11-19 → due
    11-20T00:00; 5.3: one month from 10-20 → Fri 11-20 → due 11-21T00:00.  Two failed acceptances: two deductions."""
    facts = [x for x in FULL if x["id"] not in ("f-019", "f-020", "f-026")] + [
        f("h1", "acceptance_held", "2026-07-10T10:00:00+08:00", passed=False),
        f("ap2", "acceptance_applied", "2026-08-10T10:00:00+08:00"),
        f("rv2", "acceptance_review_completed", "2026-08-21T10:00:00+08:00", passed=True),
        f("h2", "acceptance_held", "2026-09-03T10:00:00+08:00", passed=False),
        f("ap3", "acceptance_applied", "2026-09-30T10:00:00+08:00")]
    report = run(seed, facts, "2026-12-01")
    assert [(o["trigger"], o["due"], o["status"]) for o in rows(report, "resubmit_acceptance")] == [
        ("h1", "2026-08-11T00:00:00+08:00", "fulfilled"), ("h2", "2026-10-09T00:00:00+08:00", "fulfilled")]
    assert [(o["trigger"], o["due"], o["status"]) for o in rows(report, "acceptance_review")] == [
        ("f-017", "2026-07-14T00:00:00+08:00", "fulfilled"), ("ap2", "2026-08-25T00:00:00+08:00", "fulfilled"),
        ("ap3", "2026-10-21T00:00:00+08:00", "violated")]
    assert [(o["trigger"], o["due"]) for o in rows(report, "acceptance_meeting")] == [
        ("f-018", "2026-07-21T00:00:00+08:00"), ("rv2", "2026-09-05T00:00:00+08:00")]
    assert _events(report, "deemed_acceptance") == ["2026-10-21T00:00:00+08:00"]
    assert (_one(report, "release_bond")["due"], _one(report, "handover")["due"]) == \
        ("2026-11-20T00:00:00+08:00", "2026-11-21T00:00:00+08:00")
    assert [r["since"] for r in _held(report, "bond_deduction")] == \
        ["2026-07-10T10:00:00+08:00", "2026-09-03T10:00:00+08:00"]
    before = run(seed, facts, "2026-10-20T23:59:59+08:00")
    assert _events(before, "deemed_acceptance") == []
    assert [o["status"] for o in rows(before, "acceptance_review")][-1] == "active"


def test_passing_installment_2_arising_at_24_00_counts_its_thirty_days_from_the_next_day(seed):
    """Staff arrive Thu 2025-07-10 09:00: two months of service (a term) pass at 24:00 of Wed 09-10
    (2025-09-11T00:00).  Report approved, application and invoice of ¥1,396,000.00 all Fri 08-29.  An event at 24:00
    belongs to its day (time-and-law.md): 30 days 09-11 .. Fri 10-10 → due 10-11T00:00 — not 10-12T00:00, which
    counting from 09-12 would give (Sat 10-11 is a make-up working day, so nothing would move it back).  Unpaid at
    2025-12-01: 10-11 .. 12-01 = 21 + 30 + 1 = 52 days × ¥6,980.00 = ¥362,960.00."""
    facts = [SIGN, f("st", "staff_onsite", "2025-07-10T09:00:00+08:00", count=2),
             f("mr", "midterm_report_approved", "2025-08-29T10:00:00+08:00"),
             f("a2", "payment_application_received", "2025-08-29T10:00:00+08:00", installment=2, amount="1396000.00"),
             f("i2", "invoice_received", "2025-08-29T10:00:00+08:00", installment=2, amount="1396000.00",
               kind="vat_ordinary")]
    report = run(seed, facts, "2025-12-01")
    o = _one(report, "pay_installment_2")
    assert (o["triggered_at"], o["due"], o["status"]) == \
        ("2025-09-11T00:00:00+08:00", "2025-10-11T00:00:00+08:00", "violated")
    assert _total(_remedies(report, "late_payment_damages")) == Decimal("362960.00")


def test_passing_invoices_in_parts_then_a_stray_one_keep_the_duty_that_arose(seed):
    """2.2(1) with invoices in parts (assumption invoice_in_parts): ¥2,000,000.00 Fri 2025-07-04 10:00 and
    ¥1,490,000.00 at 11:00 — together "等额" — complete the conditions at 11:00; 30 days 07-05 .. Sun 08-03 → Mon 08-04 →
    due 08-05T00:00.  A stray ¥100,000.00 invoice on 07-10 makes the sum no longer equal, but the duty had arisen and
    stays: unpaid at 2025-09-01 → 08-05 .. 09-01 = 28 days × ¥6,980.00 = ¥195,440.00, and 乙方's 8.3 power from
    08-20T00:00 (08-05 .. 08-19)."""
    facts = [SIGN, f("st", "staff_onsite", "2025-07-01T09:00:00+08:00", count=2),
             f("plan", "service_plan_submitted", "2025-07-02T10:00:00+08:00"),
             f("a1", "payment_application_received", "2025-07-03T10:00:00+08:00", installment=1, amount="3490000.00"),
             f("i1", "invoice_received", "2025-07-04T10:00:00+08:00", installment=1, amount="2000000.00",
               kind="vat_ordinary"),
             f("i2", "invoice_received", "2025-07-04T11:00:00+08:00", installment=1, amount="1490000.00",
               kind="vat_ordinary"),
             f("i3", "invoice_received", "2025-07-10T10:00:00+08:00", installment=1, amount="100000.00",
               kind="vat_ordinary")]
    report = run(seed, facts, "2025-09-01")
    o = _one(report, "pay_installment_1")
    assert (o["trigger"], o["due"], o["status"]) == ("i2", "2025-08-05T00:00:00+08:00", "violated")
    assert _total(_remedies(report, "late_payment_damages")) == Decimal("195440.00")
    assert [r["since"] for r in _held(report, "supplier_termination")] == ["2025-08-20T00:00:00+08:00"]


@pytest.mark.parametrize("twice", [
    [f("st", "staff_onsite", "2025-07-01T09:00:00+08:00", count=1)] * 2,
    [f("i1", "invoice_received", "2025-07-04T10:00:00+08:00", installment=1, amount="1745000.00",
       kind="vat_ordinary")] * 2,
])
def test_passing_a_fact_given_twice_under_one_id_is_counted_once(seed, twice):
    """The same id with the same content is one fact (the interface): one staff member listed twice is one, not the
    two that 2.2(1) needs; half an invoice listed twice is half, not "等额".  Installment 1 is not owed."""
    full = [SIGN, f("st", "staff_onsite", "2025-07-01T09:00:00+08:00", count=2),
            f("plan", "service_plan_submitted", "2025-07-02T10:00:00+08:00"),
            f("a1", "payment_application_received", "2025-07-03T10:00:00+08:00", installment=1, amount="3490000.00"),
            f("i1", "invoice_received", "2025-07-04T10:00:00+08:00", installment=1, amount="3490000.00",
              kind="vat_ordinary")]
    facts = [x for x in full if x["id"] != twice[0]["id"]] + twice
    report = run(seed, facts, "2025-09-01")
    assert _one(report, "pay_installment_1")["status"] == "inactive"


@pytest.mark.parametrize("signed, due", [
    ("2025-11-14T10:00:00+08:00", "2026-02-15T00:00:00+08:00"),  # 3 months → Sat 02-14, a make-up working day
    ("2025-11-30T10:00:00+08:00", "2026-03-01T00:00:00+08:00"),  # → no 02-30: Sat 02-28 (第202条), make-up working day
])
def test_passing_the_bond_due_on_a_spring_festival_make_up_saturday_is_not_moved(seed, signed, due):
    """2.1(1)'s three months from a contract signed in November 2025 end on a Saturday that is an official make-up
    working day of the 2026 Spring Festival (02-14, 02-28): not a rest day, so not moved (第203条)."""
    report = run(seed, [f("sg", "contract_signed", signed)], "2026-01-01")
    assert _one(report, "performance_bond")["due"] == due
