"""What two legal engineers writing a loan contract (借款合同) and a construction contract (建设工程施工合同) in the
language found: each case cut down to a few lines, counted by hand (time-and-law.md)."""
import json
import textwrap

import pytest

from engine.api import compile_rules

HEAD = '''\
contract "X" { calendar official }
party 甲方 "贷款人" as buyer
party 乙方 "借款人" as supplier
'''


def run(rules, facts, as_of, backend="reference"):
    compiled = compile_rules(HEAD + textwrap.dedent(rules), "x.qy")
    return compiled.evaluate([json.dumps(f, ensure_ascii=False) for f in facts], as_of, backend=backend)


def f(fid, ftype, at, **attrs):
    return {"id": fid, "type": ftype, "at": at, **attrs}


def remedy(report, name):
    return [r for r in report["remedies"] if r["name"] == name]


OVERDUE = '''
event due_set "到期" { amount: money "本金" }
event paid "还款" { amount: money "金额" }
clause "7.3" "逾期利息" {
  obligation repay "还本" {
    debtor 乙方
    creditor 甲方
    for each due_set d
    fulfilled when sum(p.amount for each paid p) >= d.amount
    within 1 days
  }
  remedy overdue "逾期利息" {
    holder 甲方
    for each repay.violated o
    amount AMOUNT per day recomputed daily
  }
}
'''
LOAN_FACTS = [f("d", "due_set", "2025-12-31T10:00:00+08:00", amount="1250000.00"),
              f("p1", "paid", "2026-01-07T10:00:00+08:00", amount="500000.00")]


@pytest.mark.parametrize("backend", ["reference", "durable"])
def test_interest_by_the_day_is_rounded_once_in_total(backend):
    """¥1,250,000.00 due 2025-12-31 10:00 within 1 day: 2026-01-01 is New Year's Day (01-01 … 01-03 holidays),
    moved to the make-up Sunday 01-04 → late from 2026-01-05T00:00.  Overdue interest 6.525% a year ÷ 360 on
    what is unpaid, by the day: 01-05 … 01-07 (3 days) × ¥226.5625 = ¥679.6875; ¥500,000.00 paid on 01-07, so
    01-08 … 01-18 (11 days, as of 2026-01-18 00:00: the day it falls on counts) × ¥135.9375 = ¥1,495.3125;
    in all ¥2,175.00 exactly — rounding each day first would give 3 × ¥226.56 + 11 × ¥135.94 = ¥2,175.02
    (the loan's author: courts and banks round the total once, never the day)."""
    if backend == "durable":
        pytest.importorskip("durable")
    rules = OVERDUE.replace("AMOUNT", "max(¥0.00, o.d.amount - sum(p.amount for each paid p)) × 6.525% ÷ 360")
    report = run(rules, LOAN_FACTS, "2026-01-18T00:00:00+08:00", backend)
    (row,) = remedy(report, "overdue")
    assert row["amount"] == "2175.00"
    text = "\n".join(row["because"])
    assert "3 日 × 每日 ¥226.5625 = ¥679.6875" in text and "11 日 × 每日 ¥135.9375 = ¥1,495.3125" in text
    assert "合计 ¥2,175.00（每日金额不先行舍入，合计四舍五入至分）" in text


def test_a_contract_that_rounds_each_day_says_so():
    """`round(…) per day`: the day's amount rounded as the rules write it — ¥226.56 and ¥135.94, ¥2,175.02."""
    rules = OVERDUE.replace("AMOUNT", "round(max(¥0.00, o.d.amount - sum(p.amount for each paid p)) × 6.525% ÷ 360)")
    (row,) = remedy(run(rules, LOAN_FACTS, "2026-01-18T00:00:00+08:00"), "overdue")
    assert row["amount"] == "2175.02"
    assert "不先行舍入" not in "\n".join(row["because"])


def test_a_fixed_day_amount_over_a_year_of_days():
    """Not recomputed: ¥5,000,000.00 × 4.35% ÷ 365 = ¥595.890410958904… a day; 2026-01-05 … 2026-03-31 is 86 days:
    ¥51,246.58 (51,246.575342…), where 86 × ¥595.89 would be ¥51,246.54; the day's amount is shown to the
    millionth of a yuan, marked ≈."""
    rules = OVERDUE.replace("AMOUNT", "o.d.amount × 4.35% ÷ 365").replace(" recomputed daily", "")
    facts = [f("d", "due_set", "2025-12-31T10:00:00+08:00", amount="5000000.00")]
    (row,) = remedy(run(rules, facts, "2026-03-31T12:00:00+08:00"), "overdue")
    assert row["amount"] == "51246.58"
    assert "共 86 日 × 每日 ≈¥595.890411 = ¥51,246.58（每日金额不先行舍入，合计四舍五入至分）" in "\n".join(row["because"])
