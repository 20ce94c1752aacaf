"""2.1(3) "服务中断超5日" for an outage that began before the contract took effect (assumption
interruption_before_effect, default "from effect"): no duty binds before the contract (第502条), so the days before it
do not count; from the effective instant 乙方 owes the service (1.3) and the outage, still running, is counted from
then — 5 days as a term (第201条: the day of effect not counted; a state, not moved off rest days).

Counted by hand: signed and in force Fri 2025-06-27 10:00; days 06-28 (Sat) … 07-02 (Wed); "超5日" from
2025-07-03T00:00.  Opposing counsel (rounds 17, 20) tried: resolved before the contract, at its very instant, at the
last second of the fifth day, at the first instant after; a buyer-caused outage; a bond held; the other reading."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.api import compile_file
from seedfacts import on_both_backends

ROOT = Path(__file__).resolve().parent.parent
SEED = compile_file(ROOT / "rules" / "gzmz-2025-it-ops.qy")
SIGN = {"id": "c", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"}
BOND = {"id": "g", "type": "guarantee_submitted", "at": "2025-06-25T10:00:00+08:00", "purpose": "performance",
        "amount": "349000.00", "valid_until": "2026-12-31"}


def outage(at="2025-06-20T10:00:00+08:00", cause="supplier", subproject=3):
    return {"id": "i", "type": "service_interruption_started", "at": at, "subproject": subproject, "cause": cause}


def resolved(at, subproject=3):
    return {"id": "r", "type": "service_interruption_resolved", "at": at, "subproject": subproject}


def run(facts, as_of="2025-07-20", rules=SEED):
    report = on_both_backends(rules, [json.dumps(x, ensure_ascii=False) for x in facts], as_of)
    since = [r["since"] for r in report["remedies"] if r["name"] == "bond_deduction"]
    warned = [f["code"] for f in report["findings"] if f["code"] == "deduction_without_bond"]
    return since, warned


@pytest.mark.parametrize("end, since", [
    (None, ["2025-07-03T00:00:00+08:00"]),                      # never restored
    ("2025-06-26T18:00:00+08:00", []),                          # restored before the contract
    ("2025-06-27T10:00:00+08:00", []),                          # restored at the effective instant itself
    ("2025-07-02T23:59:59+08:00", []),                          # within the 5th day
    ("2025-07-03T00:00:00+08:00", ["2025-07-03T00:00:00+08:00"]),  # the first instant past 5 days: 超5日
    ("2025-07-10T10:00:00+08:00", ["2025-07-03T00:00:00+08:00"]),
])
def test_counted_from_the_effective_instant(end, since):
    facts = [outage(), SIGN] + ([resolved(end)] if end else [])
    got, warned = run(facts)
    assert got == since
    assert warned == []  # (no bond yet: the rule file's reading names it; no separate warning for this case)


def test_with_a_bond_held_the_deduction_stands_without_the_warning():
    """(The bond given before the contract, held when it takes effect — as for an outage begun after the effect, the
    warning's condition is asked when the outage starts to count.)"""
    assert run([outage(), SIGN, BOND]) == (["2025-07-03T00:00:00+08:00"], [])


def test_an_outage_of_the_buyers_making_gives_nothing():
    assert run([outage(cause="buyer"), SIGN]) == ([], [])


def test_an_outage_begun_after_the_effect_is_counted_from_its_own_start_once():
    """Begun Mon 06-30 09:00 (after the effect): 07-01 … 07-05 → 超5日 from 07-06T00:00, one row — the line for an
    outage before the contract does not also take it."""
    assert run([SIGN, outage("2025-06-30T09:00:00+08:00")]) == (["2025-07-06T00:00:00+08:00"],
                                                                 ["deduction_without_bond"])  # (as before)


def test_read_as_not_counted_nothing_arises():
    rules = compile_file(ROOT / "rules" / "gzmz-2025-it-ops.qy",
                         assume={"interruption_before_effect": '"not counted"'})
    assert run([outage(), SIGN], rules=rules) == ([], [])


def test_the_row_names_the_outage_and_the_reading():
    report = on_both_backends(SEED, [json.dumps(x, ensure_ascii=False) for x in (outage(), SIGN)], "2025-07-20")
    [row] = [r for r in report["remedies"] if r["name"] == "bond_deduction"]
    assert "运维服务中断" in row["because"][0] and "（i）" in row["because"][0]
    assert "interruption_before_effect" in row["assumptions"]


def test_a_notice_to_oneself_is_flagged_and_performs_nothing():
    """(Fuzz round 21: accepted without a word.)  乙方 faxes itself about its own force majeure: not 8.4's notice to
    the other party — the duty stays unperformed — and a warning names the record."""
    facts = [SIGN, {"id": "fm", "type": "force_majeure_occurred", "at": "2025-07-01T09:00:00+08:00", "party": "乙方"},
             {"id": "n", "type": "notice_sent", "at": "2025-07-01T10:00:00+08:00", "from": "乙方", "to": "乙方",
              "subject": "force_majeure", "method": "fax", "ref": "fm"}]
    report = on_both_backends(SEED, [json.dumps(x, ensure_ascii=False) for x in facts], "2025-08-01")
    assert "notice_to_itself" in [f["code"] for f in report["findings"]]
    assert [o["status"] for o in report["obligations"] if o["name"] == "force_majeure_notice"] == ["violated"]
