"""Opposing counsel, round 8: wrong verdicts found on the seed contract, counted by hand (these fail until fixed).

Contract: shared/seeds/000_2fd1bbbed6f06600.txt; counting: shared/spec/time-and-law.md.  Calendar days used
(chinese_calendar 1.11.0): 2025 — Fri 09-05, Mon 09-01, Wed 09-03, Sat 09-06 rest; 10-01 .. 10-08 National Day and
Mid-Autumn off, Thu 10-09 working.  2026 — Fri 07-10, Fri 07-17, Fri 07-24, Mon 08-03, Mon 07-20, Fri 05-01 (Labour
Day off), Mon 05-11, Sat 10-24 and Sun 10-25 rest, Mon 10-26 working.
"""
from __future__ import annotations

from test_counsel_round7 import SIGN, codes, rows, run, without  # (the seed fixture: conftest.py)


# ---------------------------------------------------------------- 1. "performed in full" counted on the sum of all payments
def test_an_installment_paid_twice_does_not_pay_an_unpaid_one_so_the_suppliers_termination_takes_effect(seed):
    """full-year.jsonl, except that 甲方 never pays installment 3 (f-016 removed) and pays installment 1 a second time
    on 2025-09-20 15:00 (a duplicate transfer designated installment 1, 民法典第560条).  Installment 3's conditions
    complete Fri 2025-09-05 10:30 (f-014); 30 days → Sun 10-05, inside the holiday → Thu 10-09, due 10-10T00:00;
    unpaid, "逾期超出15天" (10-10 … 10-24): 乙方's 8.3 power from 2025-10-25T00:00, its year to Mon 2026-10-26 (10-24 is
    a Saturday).  The rest is performed (accepted 2026-07-10, handover 07-17, release 07-24).  乙方 terminates Mon
    2026-08-03 10:00 for late payment: the contract ends then (8.3), with ¥349,000.00.
    The engine itself says pay_installment_3 violated, late damages accruing and supplier_termination held — and yet
    refuses the notice with termination_after_performance ("合同已履行完毕…三期款共¥6,980,000.00 付清"): the seed's
    performed_in_full adds up every payment_made (3,490,000 × 2 + 1,396,000 = 8,376,000 ≥ 6,980,000) instead of
    asking whether each installment was paid."""
    facts = without("f-016") + [
        {"id": "p1dup", "type": "payment_made", "at": "2025-09-20T15:00:00+08:00", "installment": 1,
         "amount": "3490000.00"},
        {"id": "t", "type": "termination_notified", "at": "2026-08-03T10:00:00+08:00", "party": "乙方",
         "ground": "late_payment"}]
    report = run(seed, facts, "2026-08-10")
    assert [o["status"] for o in rows(report, "pay_installment_3")] == ["violated"]
    assert "termination_after_performance" not in codes(report)
    assert report["contract_life"]["ended"] == "2026-08-03T10:00:00+08:00"
    assert report["contract_life"]["ended_by"] == "supplier_terminates"


def test_materials_handed_over_before_the_service_ended_do_not_make_the_contract_performed_in_full(seed):
    """full-year.jsonl, except that the only handover_delivered is Fri 2026-05-01 (before the service year ended at
    24:00 of 2026-06-27; early_handover counts only "since first(service_end)").  Accepted Fri 2026-07-10 10:00: the
    engine rightly finds handover (5.3, one month → Mon 08-10, due 08-11T00:00) violated.  甲方 ends the contract
    Thu 2026-08-20 10:00 (ground "other", holding no power): that is a termination, not a notice "after full
    performance" — the engine's own handover verdict says the materials were never handed over.  The engine: the
    notice has no effect (termination_after_performance: "合同已履行完毕"), because performed_in_full asks only
    exists(handover_delivered), at any time."""
    facts = without("f-020") + [
        {"id": "ho", "type": "handover_delivered", "at": "2026-05-01T10:00:00+08:00"},
        {"id": "t", "type": "termination_notified", "at": "2026-08-20T10:00:00+08:00", "party": "甲方",
         "ground": "other"}]
    report = run(seed, facts, "2026-08-25")
    assert [o["status"] for o in rows(report, "handover")] == ["violated"]
    assert "termination_after_performance" not in codes(report)
    assert report["contract_life"]["ended"] == "2026-08-20T10:00:00+08:00"


# ---------------------------------------------------------------- 2. a deduction warning for a case the contract's end cut off
def test_no_deduction_without_bond_warning_for_an_interruption_the_termination_cut_short(seed):
    """2.1(3) "服务中断超5日": a supplier-caused interruption of sub-project 3 starts Mon 2025-09-01 09:00; the parties
    end the contract by agreement Wed 09-03 10:00 (8.6, 第562条).  The five days (09-02 … 09-06, not moved) would
    have passed only at 2025-09-07T00:00, after the contract ended: from 09-03 乙方 owes no service, so there is no
    interruption "超5日" and no power to deduct — the engine agrees (with a guarantee held it lists no bond_deduction).
    Without a guarantee it still warns deduction_without_bond, "扣减保证金的情形发生时，甲方没有持有履约保函" — of a
    deduction case that never arose (round 7's fix checks only that the interruption began before the end)."""
    facts = [SIGN,
             {"id": "s", "type": "service_interruption_started", "at": "2025-09-01T09:00:00+08:00", "subproject": 3,
              "cause": "supplier"},
             {"id": "t", "type": "termination_notified", "at": "2025-09-03T10:00:00+08:00", "party": "甲方",
              "ground": "agreement"}]
    report = run(seed, facts, "2025-09-20")
    assert report["contract_life"]["ended_by"] == "by_agreement"
    assert not [r for r in report["remedies"] if r["name"] == "bond_deduction"]
    assert "deduction_without_bond" not in codes(report)


# ---------------------------------------------------------------- 3. an exercised power said to have lapsed
def test_the_force_majeure_power_that_was_exercised_is_not_said_to_have_lapsed(seed):
    """8.4: a force majeure Mon 2026-05-11 10:00 gives both parties the power to end the contract; 甲方 uses it Mon
    07-20 10:00.  甲方's row is rightly "exercised", but its because ends "失效：合同已于 2026年7月20日10时 终止（因不可抗力
    终止合同）" — the power did not lapse, it was used (the same line is right on 乙方's row).  Compare 3.1.3 and 8.3,
    whose exercised rows say no such thing.  (The golden force-majeure-termination-by-notice report has the same
    line.)"""
    facts = [SIGN,
             {"id": "fm", "type": "force_majeure_occurred", "at": "2026-05-11T10:00:00+08:00", "party": "甲方"},
             {"id": "t", "type": "termination_notified", "at": "2026-07-20T10:00:00+08:00", "party": "甲方",
              "ground": "force_majeure"}]
    report = run(seed, facts, "2026-08-01")
    assert report["contract_life"]["ended_by"] == "force_majeure_terminates"
    (mine,) = [r for r in report["remedies"] if r["name"] == "force_majeure_termination" and r["holder"] == "甲方"]
    assert mine["status"] == "exercised"
    assert not [b for b in mine["because"] if b.startswith("失效")], mine["because"]
