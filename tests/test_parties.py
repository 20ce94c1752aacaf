"""Any number of parties (issue 11, part 6): an agent, a guarantor bank, other bidders — each a
party with its own duties; `other( )` is refused where it would have to guess."""
import textwrap

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from seedfacts import lines

RULES = textwrap.dedent('''\
    contract "T-14" "三方以上" { calendar official }
    party 甲方 "采购人" as buyer
    party 乙方 "供应商" as supplier
    party 丙方 "采购代理机构" as agent
    party 丁方 "担保银行" as guarantor
    event bid_bond_paid "缴纳投标保证金" { bidder: text "投标人" }
    event award_notified "中标通知书发出"
    event bond_returned "退还投标保证金" { bidder: text "投标人" }
    event claim_made "保函索赔" { amount: money "索赔金额" }
    event claim_paid "银行付款" { amount: money }
    clause "1" "投标保证金退还" {
      quote "采购代理机构应当自中标通知书发出之日起5个工作日内退还未中标供应商的投标保证金。"
      obligation return_bid_bond "退还投标保证金" {
        debtor 丙方
        creditor 乙方
        for each bid_bond_paid b, award_notified a
        fulfilled by bond_returned r where r.bidder == b.bidder
        within 5 working days after a
      }
    }
    clause "2" "保函兑付" {
      quote "担保银行收到采购人的索赔通知后3个工作日内无条件付款。"
      obligation pay_claim "担保银行兑付" {
        debtor 丁方
        creditor 甲方
        for each claim_made c
        fulfilled by claim_paid p where p.amount >= c.amount
        within 3 working days
      }
    }
    ''')


def test_four_parties_each_with_their_own_duties():
    rep = compile_rules(RULES, "t.qy").evaluate(lines([
        {"id": "b1", "type": "bid_bond_paid", "at": "2026-09-20T10:00:00+08:00", "bidder": "某公司"},
        # award Mon 09-28: 29, 30 Sep, (1–7 Oct National Day), 8, 9, 10 (Sat, make-up) → due 10-11 00:00
        {"id": "a1", "type": "award_notified", "at": "2026-09-28T10:00:00+08:00"},
        {"id": "c1", "type": "claim_made", "at": "2026-10-12T10:00:00+08:00", "amount": "50000.00"},
        {"id": "p1", "type": "claim_paid", "at": "2026-10-15T09:00:00+08:00", "amount": "50000.00"}]), "2026-10-20")
    got = {o["name"]: (o["debtor"], o["creditor"], o["status"], o["due"]) for o in rep["obligations"]}
    assert got["return_bid_bond"] == ("丙方", "乙方", "violated", "2026-10-11T00:00:00+08:00")
    # claim Mon 10-12: 13, 14, 15 → due 10-16 00:00; paid 10-15
    assert got["pay_claim"] == ("丁方", "甲方", "fulfilled", "2026-10-16T00:00:00+08:00")


def test_other_party_is_refused_when_there_are_more_than_two():
    bad = RULES.replace("creditor 乙方", "creditor other(丙方)")
    with pytest.raises(QiyueError) as exc:
        compile_rules(bad, "t.qy")
    assert "ambiguous_other" in [d.code for d in exc.value.diagnostics]
