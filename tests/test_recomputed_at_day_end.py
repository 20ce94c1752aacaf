"""`recomputed daily at day end` (`逐日计算 按日终`): a day's amount on the facts up to its end — interest "至本金偿还之日
（不含当日）" (算头不算尾: the repayment day bears none); without it, on the facts before the day began — damages
"计至清偿之日" (the payment day still bears a day).  The loan of round 15, 3.2 and 8.1."""
from __future__ import annotations

import json

import pytest

from engine.api import compile_rules
from seedfacts import on_both_backends

RULES = '''contract "T-END" { calendar official }
party 甲方 "贷款人" as lender
party 乙方 "借款人" as borrower
param rate "日利率" = 0.02%
event matured "到期"
event repaid "还款" { amount: money }
event drawn "放款" { amount: money }
clause "3.2" "利息" {
  remedy interest "到期后的利息" {
    holder 甲方
    for each matured m
    amount max(¥0.00, ¥1,000,000.00 + sum(d.amount for each drawn d where d.at > m.at)
                      - sum(r.amount for each repaid r)) × rate per day
    recomputed daily AT_END
  }
}
'''


def accrued(at_end, facts, as_of="2027-01-01"):
    rules = compile_rules(RULES.replace("AT_END", at_end), "end.qy")
    report = on_both_backends(rules, [json.dumps(f, ensure_ascii=False) for f in facts], as_of)
    ((amount, because),) = [(r["amount"], r["because"]) for r in report["remedies"]]
    return amount, because


M = {"id": "m", "type": "matured", "at": "2026-12-20T00:00:00+08:00"}


def _repaid(day, amount, hm="10:00"):
    return {"id": f"r{day}{hm}", "type": "repaid", "at": f"{day}T{hm}:00+08:00", "amount": amount}


@pytest.mark.parametrize("at_end, amount", [("at day end", "0.00"), ("按日终", "0.00"), ("", "200.00")])
def test_repaid_on_the_first_day(at_end, amount):
    """Matured 00:00 12-20 (days from 12-20); ¥1,000,000 × 0.02% = ¥200.00 a day; repaid 12-20 10:00 in full: at day end
    the day bears nothing, else one day at the balance before it."""
    assert accrued(at_end, [M, _repaid("2026-12-20", "1000000.00")])[0] == amount


def test_a_part_repayment_and_a_further_drawdown():
    """12-20 … 12-22 at ¥1,000,000 less ¥400,000 repaid 12-22 10:00 → at day end: 12-20, 12-21 ¥200.00, 12-22 on
    ¥600,000 ¥120.00; a drawdown of ¥500,000 on 12-24 23:00 → 12-23 ¥120.00, 12-24 on ¥1,100,000 ¥220.00; to as of
    12-25 00:00 (12-25 begun: at ¥1,100,000, ¥220.00) — 200 + 200 + 120 + 120 + 220 + 220 = ¥1,080.00.  At the start
    of the day: 12-22 still ¥200.00, 12-24 ¥120.00 → 200 × 3 + 120 × 2 + 220 = ¥1,060.00."""
    facts = [M, _repaid("2026-12-22", "400000.00"),
             {"id": "d", "type": "drawn", "at": "2026-12-24T23:00:00+08:00", "amount": "500000.00"}]
    got, because = accrued("at day end", facts, "2026-12-25T00:00:00+08:00")
    assert got == "1080.00"
    assert any("当日结束时" in line for line in because)
    assert accrued("", facts, "2026-12-25T00:00:00+08:00")[0] == "1060.00"


def test_a_repayment_at_midnight_is_on_the_next_day():
    """Repaid at 00:00 12-22: that is day 12-22 — at day end 12-20, 12-21 bear a day, 12-22 none: ¥400.00."""
    assert accrued("at day end", [M, _repaid("2026-12-22", "1000000.00", "00:00")], "2027-01-01")[0] == "400.00"
