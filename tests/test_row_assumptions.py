"""A verdict lists the assumptions of the `for each` line it came from (the report shows a reading wherever it
decides a verdict, and only there).

A rule with several `for each` lines may rest on different readings through each: the seed's 8.3 damages
(`late_payment_damages`) arise from the breach of installment 1, 2 or 3; installments 2 and 3 wait for "乙方开展运维
服务两个月后" (assumption ``service_start``), installment 1 does not.  Before, every row of the rule listed the union
of all its lines' readings, so damages on installment 1 alone were said to rest on when service started (counsel,
round 17).  Each case counted by hand; both backends.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from seedfacts import on_both_backends

from engine import api as qiyue

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "rules" / "gzmz-2025-it-ops.qy"
GOODS = ROOT / "rules" / "examples" / "goods-procurement.qy"

SIGN = {"id": "c", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"}
# installment 1's conditions all met by Fri 2025-07-04 10:00 (invoice); payment term 30 days (assumption
# payment_term): 07-05 .. Sun 08-03 → Mon 08-04 → due 08-05T00:00
FIRST = [SIGN, {"id": "st", "type": "staff_onsite", "at": "2025-07-01T09:00:00+08:00", "count": 2},
         {"id": "plan", "type": "service_plan_submitted", "at": "2025-07-02T10:00:00+08:00"},
         {"id": "app1", "type": "payment_application_received", "at": "2025-07-03T10:00:00+08:00", "installment": 1,
          "amount": "3490000.00"},
         {"id": "inv1", "type": "invoice_received", "at": "2025-07-04T10:00:00+08:00", "installment": 1,
          "amount": "3490000.00", "kind": "vat_ordinary"}]
# installment 2: service from 07-01 09:00 (first staff_onsite), two months to 09-01 09:00; the mid-term report
# approved Wed 09-03, application and invoice Thu 09-04 10:00 → 30 days: 09-05 .. Sat 10-04 (National Day) → the
# first working day after is Thu 10-09 (10-01 .. 10-08 holidays; 09-28 and 10-11 are make-up working days) → due
# 10-10T00:00
SECOND = [{"id": "mr", "type": "midterm_report_submitted", "at": "2025-09-02T10:00:00+08:00"},
          {"id": "ma", "type": "midterm_report_approved", "at": "2025-09-03T10:00:00+08:00"},
          {"id": "app2", "type": "payment_application_received", "at": "2025-09-04T10:00:00+08:00", "installment": 2,
           "amount": "1396000.00"},
          {"id": "inv2", "type": "invoice_received", "at": "2025-09-04T10:00:00+08:00", "installment": 2,
           "amount": "1396000.00", "kind": "vat_ordinary"},
          {"id": "pay1", "type": "payment_made", "at": "2025-07-10T10:00:00+08:00", "installment": 1,
           "amount": "3490000.00"}]


@pytest.fixture(scope="module")
def seed():
    return qiyue.compile_rules(SEED.read_text(encoding="utf-8"), str(SEED), base_dir=SEED.parent)


def _lines(facts):
    return [json.dumps(x, ensure_ascii=False) for x in facts]


def _rows(report, kind, name):
    return [r for r in report[kind] if r["name"] == name]


def test_damages_on_installment_1_do_not_rest_on_when_service_started(seed):
    """Installment 1 unpaid: due 08-05T00:00; as of 08-10T00:00 the damages run 08-05 .. 08-10 (the as_of day begun):
    6 days × 0.1% × ¥6,980,000.00 = ¥41,880.00.  Its readings: the installment's (staff_required, invoice_in_parts,
    payment_term) and
    the damages' own (late_payment_damages_basis, damages_after_termination) — not service_start."""
    report = on_both_backends(seed, _lines(FIRST), "2025-08-10")
    (row,) = _rows(report, "remedies", "late_payment_damages")
    assert row["amount"] == "41880.00"
    assert row["assumptions"] == ["staff_required", "invoice_in_parts", "payment_term", "late_payment_damages_basis",
                                  "damages_after_termination"]
    (duty,) = _rows(report, "obligations", "pay_installment_1")
    assert "service_start" not in duty["assumptions"]


def test_damages_on_installment_2_rest_on_when_service_started(seed):
    """Installment 1 paid in time (07-10); installment 2 unpaid: due 10-10T00:00 (above); as of 10-12T00:00: 10-10 ..
    10-12, 3 days × ¥6,980.00 = ¥20,940.00 — and whether two months of service had passed turns on service_start."""
    report = on_both_backends(seed, _lines(FIRST + SECOND), "2025-10-12")
    (duty,) = _rows(report, "obligations", "pay_installment_2")
    assert (duty["status"], duty["due"]) == ("violated", "2025-10-10T00:00:00+08:00")
    (row,) = _rows(report, "remedies", "late_payment_damages")
    assert row["amount"] == "20940.00"
    assert row["assumptions"] == ["invoice_in_parts", "service_start", "payment_term", "late_payment_damages_basis",
                                  "damages_after_termination"]


def test_the_text_summary_names_only_the_readings_the_verdicts_rest_on(seed, tmp_path):
    """The text report's list of the assumptions its open verdicts rest on (以上结论所依据的假定) follows the rows:
    installment 1 late alone — no service_start."""
    facts = tmp_path / "f.jsonl"
    facts.write_text("\n".join(_lines(FIRST)) + "\n", encoding="utf-8")
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(SEED), "--facts", str(facts), "--as-of",
                          "2025-08-10T00:00:00+08:00", "--format", "text"], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    (used,) = [x for x in out.splitlines() if x.startswith("  以上结论所依据的假定：")]
    assert "payment_term" in used and "damages_after_termination" in used
    assert "service_start" not in used, used


def test_a_rule_whose_lines_rest_on_the_same_readings_lists_them_all(seed):
    """A rule of one line (8.2's damages) is as before: every row lists the rule's readings."""
    p = seed.prepared_for()
    assert "interruption_damages" not in p.line_assumptions
    assert "late_payment_damages" in p.line_assumptions


def test_a_guarantee_claim_lists_the_reading_of_the_breach_it_comes_from():
    """rules/examples/goods-procurement.qy: a claim on the guarantee for a late response to a fault report rests on
    when the report counts as received (report_received), not on the readings of late delivery
    (delivery_force_majeure) or of a failed acceptance (failed_acceptance_notice); a claim for a late repair on none."""
    goods = qiyue.compile_rules(GOODS.read_text(encoding="utf-8"), str(GOODS), base_dir=GOODS.parent)
    facts = (ROOT / "facts" / "examples" / "goods-late-and-capped.jsonl").read_text(encoding="utf-8").splitlines()
    report = goods.evaluate(facts, "2027-01-01")
    claims = [(r["trigger"].split("#")[0], r["assumptions"]) for r in _rows(report, "remedies", "guarantee_claim")]
    expected = {"respond": ["report_received"], "repair": [], "deliver": ["delivery_force_majeure"]}
    for kind, assumed in claims:  # (the trigger of a claim is the breach it comes from: respond#1.violated)
        assert assumed == expected[kind], (kind, assumed)
    seen = {kind for kind, _ in claims}
    assert seen == {"respond", "repair", "deliver"}, claims
