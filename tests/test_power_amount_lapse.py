"""A power to terminate that carries a one-off amount (the seed's 8.3: "逾期超出15天的，乙方还有权单方解除本合同，甲方应按
合同总价款的5%向乙方支付违约金", read under termination_damages_basis = "with the termination"): the amount is the power's.
Unused when it lapses — its year (第564条第2款), its agreed period (第1款), `lapses when`, the contract ended another
way — the amount goes with it: the row comes to ¥0.00 from that instant, says why, and `accrued( )` counts it so.
Exercised, it stays.  (Opposing counsel round 20: a lapsed row billing ¥349,000.00, and a second 5% beside 8.3's
termination without cause.)"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from engine.api import compile_file, compile_rules
from seedfacts import PAY_1, on_both_backends

ROOT = Path(__file__).resolve().parent.parent
SEED = compile_file(ROOT / "rules" / "gzmz-2025-it-ops.qy")


def f(fid, ftype, at, **attrs):
    return {"id": fid, "type": ftype, "at": at, **attrs}


def five_percent(facts, as_of, rules=SEED):
    report = on_both_backends(rules, [json.dumps(x, ensure_ascii=False) for x in facts], as_of)
    return [(r["status"], r["amount"]) for r in report["remedies"] if r["name"] == "supplier_termination"], report


# Installment 1 unpaid: due 2025-08-05T00:00; "超出15天" 08-05 … 08-19 (a term) → the power from 2025-08-20T00:00.
# Its year (an act period, 第201–203条): from 08-20 to Wed 2026-08-19, a working day → gone at 2026-08-20T00:00.
@pytest.mark.parametrize("as_of, row", [
    ("2025-08-20T00:00:00+08:00", ("held", "349000.00")),
    ("2026-08-19T23:59:59+08:00", ("held", "349000.00")),      # the last second of its year
    ("2026-08-20T00:00:00+08:00", ("lapsed", "0.00")),          # gone with the power
])
def test_unused_for_a_year_the_five_percent_goes_with_the_power(as_of, row):
    rows, report = five_percent(PAY_1, as_of)
    assert rows == [row]
    if row[0] == "lapsed":
        [r] = [r for r in report["remedies"] if r["name"] == "supplier_termination"]
        assert r["because"][-1] == ("金额：¥349,000.00 随解除权而生，解除权已于 2026年8月19日24时 未经行使而消灭，"
                                    "该金额随之不再有（¥0.00）")
        # the daily 0.1% (8.3's first sentence) is not tied to the power: it runs on
        assert [x["amount"] for x in report["remedies"] if x["name"] == "late_payment_damages"] == \
            [str(Decimal("6980.00") * 381)]  # 2025-08-05 … 2026-08-19 begun by 08-20 00:00: 381 days


def test_exercised_the_five_percent_stays():
    """乙方 ends the contract Mon 2025-09-01 10:00 on the power: exercised, ¥349,000.00, a year later too."""
    facts = PAY_1 + [f("t", "termination_notified", "2025-09-01T10:00:00+08:00", party="乙方", ground="late_payment")]
    assert five_percent(facts, "2026-09-01T00:00:00+08:00")[0] == [("exercised", "349000.00")]


def test_the_contract_ended_another_way_five_percent_once():
    """甲方 ends the contract without cause Mon 08-25 10:00, after 乙方's power arose: 8.3's second sentence gives
    ¥349,000.00 (unjustified_termination_damages); 乙方's unused power lapses with the contract and its 5% with it."""
    facts = PAY_1 + [f("t", "termination_notified", "2025-08-25T10:00:00+08:00", party="甲方", ground="other")]
    rows, report = five_percent(facts, "2025-09-01T00:00:00+08:00")
    assert rows == [("lapsed", "0.00")]
    assert [r["amount"] for r in report["remedies"] if r["name"] == "unjustified_termination_damages"] == ["349000.00"]


def test_read_as_due_once_fifteen_days_late_the_five_percent_is_its_own():
    """termination_damages_basis = "once 15 days late": the 5% is a remedy of its own (late_payment_five_percent),
    not the power's, and stays when the power lapses."""
    rules = compile_file(ROOT / "rules" / "gzmz-2025-it-ops.qy",
                         assume={"termination_damages_basis": '"once 15 days late"'})
    rows, report = five_percent(PAY_1, "2026-09-01T00:00:00+08:00", rules)
    assert [r[0] for r in rows] == ["lapsed"] and rows[0][1] in (None, "0.00")
    assert [r["amount"] for r in report["remedies"] if r["name"] == "late_payment_five_percent"] == ["349000.00"]


EXIT = '''contract "X" { calendar official }
party 甲方 "A" as buyer
party 乙方 "B" as supplier
event signed "签订"
event breach "违约"
event exit_notice "解除通知"
event check "核对"
clause "1" "t" {
  remedy exit_right "解除权及违约金" {
    holder 甲方
    for each breach b
    amount ¥100.00
    exercise within 10 days as term
  }
  termination buyer_exits "甲方解除" {
    for each exit_notice n
    exercises exit_right held by 甲方
  }
  finding fee_counted info "违约金计入" {
    for each check c where accrued(exit_right) == ¥100.00
  }
}
'''


@pytest.mark.parametrize("check_at, counted", [
    ("2025-03-11T23:59:59+08:00", True),    # within the 10 days (03-02 … 03-11, a term)
    ("2025-03-12T00:00:00+08:00", False),   # the power gone, its ¥100.00 with it
])
def test_accrued_reads_the_amount_gone_with_the_power(check_at, counted):
    rules = compile_rules(EXIT, "exit.qy")
    facts = [f("s", "signed", "2025-03-01T09:00:00+08:00"), f("b", "breach", "2025-03-01T10:00:00+08:00"),
             f("c", "check", check_at)]
    report = on_both_backends(rules, [json.dumps(x) for x in facts], "2025-04-01")
    assert [(r["status"], r["amount"]) for r in report["remedies"]] == [("lapsed", "0.00")]
    assert ("fee_counted" in [x["code"] for x in report["findings"]]) is counted
