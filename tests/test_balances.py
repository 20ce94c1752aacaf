"""Issue 11, part 5: amounts on what remains.  Interest on an unpaid balance that part payments
lower (`recomputed daily`: each day's amount is computed on the facts before that day began).
Counted by hand on the official 2026 calendar."""
import json
import re
import subprocess
import sys
import textwrap

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from seedfacts import lines

RULES = textwrap.dedent('''\
    contract "T-B" "付款（测试）" { calendar official }
    party 甲方 "采购人" as buyer
    party 乙方 "供应商" as supplier
    param late_rate "逾期付款违约金日费率" = 0.05%
    event invoiced "收到发票" { amount: money "发票金额" }
    event paid "付款" { amount: money "付款金额" }
    clause "8.3" "逾期付款" {
      quote "甲方逾期付款的，每逾期一日，按逾期未付金额的0.05%向乙方支付违约金。"
      obligation pay "付款" {
        debtor 甲方
        creditor 乙方
        for each invoiced i
        fulfilled when sum(p.amount for each paid p) >= i.amount
        within 10 days
      }
      remedy late_interest "逾期付款违约金" {
        holder 乙方
        for each pay.violated o
        amount late_rate of max(¥0.00, o.i.amount - sum(p.amount for each paid p)) per day
        recomputed daily
      }
    }
    ''')
# invoiced Mon 03-02 10:00; 10 days from 03-03: last day Thu 03-12, due 03-12 24:00; late from 03-13
INVOICE = {"id": "i", "type": "invoiced", "at": "2026-03-02T10:00:00+08:00", "amount": "100000.00"}


def interest(facts, as_of, rules=RULES):
    rep = compile_rules(rules, "t.qy").evaluate(lines([INVOICE] + facts), as_of)
    return [r for r in rep["remedies"] if r["name"] == "late_interest"]


def paid(at, amount, n):
    return {"id": f"p{n}", "type": "paid", "at": at, "amount": amount}


@pytest.mark.parametrize("payments,as_of,amount", [
    # nothing paid: 03-13..03-25 = 13 days × ¥50.00 (0.05% of ¥100,000.00) = ¥650.00
    ([], "2026-03-25T12:00:00+08:00", "650.00"),
    # ¥60,000.00 paid Fri 03-20 15:00: 03-13..03-20 8 days × ¥50.00 = ¥400.00 (the day of the payment at the
    # balance before it); from 03-21 ¥40,000.00 unpaid, ¥20.00 a day: 03-21..03-25 5 days = ¥100.00 → ¥500.00
    ([("2026-03-20T15:00:00+08:00", "60000.00")], "2026-03-25T12:00:00+08:00", "500.00"),
    # the rest paid Tue 03-31 09:00: 03-21..03-31 11 days × ¥20.00 = ¥220.00 (to the day of the late
    # performance) → ¥620.00, and no more after it
    ([("2026-03-20T15:00:00+08:00", "60000.00"), ("2026-03-31T09:00:00+08:00", "40000.00")],
     "2026-05-01T00:00:00+08:00", "620.00"),
    # a part payment at 00:00:00 of 03-21 is made on 03-21: that day still at ¥50.00 (03-13..03-21 9 days =
    # ¥450.00), then 03-22..03-25 4 days × ¥20.00 = ¥80.00 → ¥530.00
    ([("2026-03-21T00:00:00+08:00", "60000.00")], "2026-03-25T12:00:00+08:00", "530.00"),
    # one second earlier (23:59:59 on 03-20): as the first case, ¥500.00
    ([("2026-03-20T23:59:59+08:00", "60000.00")], "2026-03-25T12:00:00+08:00", "500.00"),
    # a part payment before the deadline lowers the amount from the first late day: ¥30,000.00 on 03-05 →
    # ¥35.00 a day, 03-13..03-25 13 days = ¥455.00
    ([("2026-03-05T10:00:00+08:00", "30000.00")], "2026-03-25T12:00:00+08:00", "455.00"),
    # two part payments at one instant count together: ¥90,000.00 on 03-20 → ¥5.00 a day from 03-21:
    # ¥400.00 + 5 × ¥5.00 = ¥425.00
    ([("2026-03-20T15:00:00+08:00", "60000.00"), ("2026-03-20T15:00:00+08:00", "30000.00")],
     "2026-03-25T12:00:00+08:00", "425.00"),
])
def test_interest_runs_on_what_is_still_unpaid(payments, as_of, amount):
    (r,) = interest([paid(at, a, n) for n, (at, a) in enumerate(payments)], as_of)
    assert r["amount"] == amount


def test_the_explanation_shows_each_run_of_days_at_its_amount():
    (r,) = interest([paid("2026-03-20T15:00:00+08:00", "60000.00", 1)], "2026-03-25T12:00:00+08:00")
    (step,) = [s for s in r["steps"] if s["code"] == "accrued_daily"]
    runs = [(x["first"]["date"], x["last"]["date"], x["days"], x["per_day"]["amount"]) for x in step["args"]["runs"]]
    assert runs == [("2026-03-13", "2026-03-20", 8, "50.00"), ("2026-03-21", "2026-03-25", 5, "20.00")]
    (text,) = [line for line in r["because"] if "逐日计算" in line]
    assert "逐日计算" in text and "8 日 × 每日 ¥50.00 = ¥400.00" in text and "；合计 ¥500.00" in text


def test_without_recomputed_daily_the_amount_of_the_first_day_runs_on():
    # ¥50.00 a day for 03-13..03-25 whatever was paid: 13 × ¥50.00 = ¥650.00
    (r,) = interest([paid("2026-03-20T15:00:00+08:00", "60000.00", 1)], "2026-03-25T12:00:00+08:00",
                    RULES.replace("    recomputed daily\n", ""))
    assert r["amount"] == "650.00"


def test_input_order_does_not_matter():
    facts = [paid("2026-03-31T09:00:00+08:00", "40000.00", 2), paid("2026-03-20T15:00:00+08:00", "60000.00", 1)]
    a = interest(facts, "2026-05-01")
    b = interest(facts[::-1], "2026-05-01")
    assert a[0]["amount"] == b[0]["amount"] == "620.00"


def test_recomputed_daily_needs_an_amount():
    with pytest.raises(QiyueError) as exc:
        compile_rules(re.sub(r"\n    amount [^\n]*\n", "\n", RULES), "t.qy")
    assert "recomputed_without_amount" in [d.key for d in exc.value.diagnostics]


def test_chinese_keywords_and_the_cli(tmp_path):
    zh = RULES.replace("    recomputed daily\n", "    逐日计算\n").replace(" per day\n", " 按日\n")
    rules, facts = tmp_path / "t.qy", tmp_path / "f.jsonl"
    rules.write_text(zh, encoding="utf-8")
    facts.write_text("\n".join(lines([INVOICE, paid("2026-03-20T15:00:00+08:00", "60000.00", 1)])) + "\n",
                     encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(rules), "--facts", str(facts),
                          "--as-of", "2026-03-25T12:00:00+08:00", "--format", "json"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    (r,) = [r for r in json.loads(out.stdout)["remedies"] if r["name"] == "late_interest"]
    assert r["amount"] == "500.00"
    assert RULES.count("    recomputed daily\n") == 1


# ---------------------------------------------------------------- a balance: the bond less its deductions
BOND = textwrap.dedent('''\
    contract "T-BOND" "履约保证金（测试）" { calendar official }
    party 甲方 "采购人" as buyer
    party 乙方 "供应商" as supplier
    param bond "履约保证金" = ¥10,000.00
    event fault "故障未按时修复"
    event late_report "报告逾期" { days: int 1..100 "逾期日数" }
    event service_ended "服务期满"
    event bond_returned "退还保证金" { amount: money "退还金额" }
    clause "7" "保证金扣减与退还" {
      quote "每次故障未按时修复的，甲方从履约保证金中扣减3000元，累计以保证金金额为限；服务期满后15日内，甲方退还保证金余额。"
      remedy bond_deduction "扣减履约保证金" {
        holder 甲方
        for each fault f
        amount ¥3,000.00
        total at most bond
      }
      remedy report_points "报告逾期扣分" {
        holder 甲方
        for each late_report r
        amount 2 × r.days
      }
      remedy balance_due "保证金余额" {
        holder 乙方
        for each service_ended e
        amount max(¥0.00, bond - accrued(bond_deduction))
      }
      obligation return_bond "退还保证金余额" {
        debtor 甲方
        creditor 乙方
        for each service_ended e
        fulfilled when sum(r.amount for each bond_returned r) >= max(¥0.00, bond - accrued(bond_deduction))
        within 15 days
      }
    }
    ''')


def bond_report(facts, as_of="2026-12-31"):
    return compile_rules(BOND, "t.qy").evaluate(lines(facts), as_of)


def fault(n, at):
    return {"id": f"f{n}", "type": "fault", "at": at}


END = {"id": "e", "type": "service_ended", "at": "2026-06-30T18:00:00+08:00"}


@pytest.mark.parametrize("faults,balance", [
    (0, "10000.00"),
    (3, "1000.00"),   # ¥10,000.00 − 3 × ¥3,000.00
    (4, "0.00"),      # the 4th deduction is capped at the ¥1,000.00 left (total at most bond): ¥10,000.00 in all
    (5, "0.00"),      # the 5th counts ¥0.00: never below zero
])
def test_the_balance_is_the_bond_less_the_deductions_never_below_zero(faults, balance):
    rep = bond_report([fault(n, f"2026-0{n + 1}-10T10:00:00+08:00") for n in range(faults)] + [END])
    (r,) = [r for r in rep["remedies"] if r["name"] == "balance_due"]
    assert r["amount"] == balance
    assert any("扣减履约保证金已计金额 = " in line for line in r["because"])  # (accrued(bond_deduction))


def test_a_deduction_after_the_balance_was_struck_does_not_change_it():
    # the balance is computed when service ends (06-30 18:00): a fault of 07-02 is not in it
    rep = bond_report([fault(0, "2026-03-10T10:00:00+08:00"), END, fault(1, "2026-07-02T10:00:00+08:00")])
    (r,) = [r for r in rep["remedies"] if r["name"] == "balance_due"]
    assert r["amount"] == "7000.00"


@pytest.mark.parametrize("returned,status", [
    ("7000.00", "fulfilled"),   # the balance after one deduction: ¥7,000.00 returned in time
    ("6999.99", "violated"),    # a fen short: due 06-30 + 15 days = 07-15 (Wed) 24:00 passes
])
def test_the_return_of_the_bond_is_measured_against_the_balance(returned, status):
    rep = bond_report([fault(0, "2026-03-10T10:00:00+08:00"), END,
                       {"id": "r", "type": "bond_returned", "at": "2026-07-10T10:00:00+08:00", "amount": returned}])
    (o,) = [o for o in rep["obligations"] if o["name"] == "return_bond"]
    assert (o["status"], o["due"]) == (status, "2026-07-16T00:00:00+08:00")


def test_accrued_of_a_remedy_in_points_is_points():
    rules = BOND.replace("amount max(¥0.00, bond - accrued(bond_deduction))\n",
                         "amount max(0, 20 - accrued(report_points))\n")
    rep = compile_rules(rules, "t.qy").evaluate(lines([
        {"id": "r1", "type": "late_report", "at": "2026-03-10T10:00:00+08:00", "days": 3},
        {"id": "r2", "type": "late_report", "at": "2026-04-10T10:00:00+08:00", "days": 4}, END]), "2026-12-31")
    (r,) = [r for r in rep["remedies"] if r["name"] == "balance_due"]
    assert (r["amount"], r["points"]) == (None, "6")   # 20 − (6 + 8)


@pytest.mark.parametrize("edit,key", [
    (("    amount max(¥0.00, bond - accrued(bond_deduction))\n", "    amount max(¥0.00, bond - accrued(balance_due))\n"),
     "accrued_cycle"),
    (("    amount max(¥0.00, bond - accrued(bond_deduction))\n", "    amount max(¥0.00, bond - accrued(bond_deducton))\n"),
     "unknown_remedy"),
    (("    amount max(¥0.00, bond - accrued(bond_deduction))\n", "    amount max(¥0.00, bond - accrued(return_bond))\n"),
     "unknown_remedy"),
])
def test_misuses_of_accrued_are_refused(edit, key):
    text = BOND.replace(*edit)
    assert text != BOND
    with pytest.raises(QiyueError) as exc:
        compile_rules(text, "t.qy")
    assert key in [d.code for d in exc.value.diagnostics]
    if key == "unknown_remedy":
        d = next(d for d in exc.value.diagnostics if d.code == "unknown_remedy")
        assert d.did_you_mean in ("bond_deduction", None)


def test_a_duty_set_off_by_the_same_fact_reads_the_balance_row_it_arises_beside():
    # return_bond reads balance_due's row, which the same service_ended fact sets off: ¥7,000.00, not ¥0.00
    rules = BOND.replace(
        "fulfilled when sum(r.amount for each bond_returned r) >= max(¥0.00, bond - accrued(bond_deduction))",
        "fulfilled when sum(r.amount for each bond_returned r) >= accrued(balance_due)")
    assert rules != BOND
    rep = compile_rules(rules, "t.qy").evaluate(lines([fault(0, "2026-03-10T10:00:00+08:00"), END]), "2026-07-05")
    (o,) = [o for o in rep["obligations"] if o["name"] == "return_bond"]
    assert (o["status"], o["fulfilled_at"]) == ("active", None)
    rep = compile_rules(rules, "t.qy").evaluate(lines([
        fault(0, "2026-03-10T10:00:00+08:00"), END,
        {"id": "r", "type": "bond_returned", "at": "2026-07-10T10:00:00+08:00", "amount": "7000.00"}]), "2026-07-20")
    (o,) = [o for o in rep["obligations"] if o["name"] == "return_bond"]
    assert (o["status"], o["fulfilled_at"]) == ("fulfilled", "2026-07-10T10:00:00+08:00")
