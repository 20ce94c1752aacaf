"""Fuzz round 7: today's features — reasons in Chinese words (phrases), labelled readings of assumptions,
`extended by … retroactively`, `verify` over dates, deemed events on a day (bare).

Each test is a defect found (failing = defect), with a minimal reproduction; verdicts counted by hand.
Calendar: 2026-03-01 is a Sunday; 03-07/08, 03-14/15, 03-21/22 are weekends."""
import json
import time

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from engine.report.phrase import words


def F(fid, ftype, at, **attrs):
    return {"id": fid, "type": ftype, "at": at, **attrs}


def run(rules, facts, as_of):
    rep = rules.evaluate([json.dumps(x, ensure_ascii=False) for x in facts], as_of)
    return rep if isinstance(rep, dict) else rep.to_dict()


def duties(rep, name):
    return [o for o in rep["obligations"] if o["name"] == name and o["status"] != "inactive"]


# ---------------------------------------------------------------- retroactive extensions
RETRO = '''contract "R" { calendar official }
party 甲方 "甲" as buyer
party 乙方 "乙" as seller
param daily "每日违约金" = ¥100.00
event ordered "下单"
event delivered "交付" { ref: ref (ordered) "所交付的订单" }
event ext "签证顺延" { ref: ref (ordered) "订单"  days: int 0..365 "天数" }
event ended_notice "解除通知"
clause "1" "交付" {
  obligation deliver "交付" {
    debtor 乙方
    creditor 甲方
    for each ordered o
    fulfilled by delivered d where d.ref == o.id
    within 10 days
    extended by ext x where x.ref == o.id for x.days days retroactively
  }
}
clause "2" "违约" {
  remedy damages "逾期违约金" {
    holder 甲方
    for each deliver.violated v
    amount daily per day
  }
  obligation pay_penalty "支付违约金" {
    debtor 乙方
    creditor 甲方
    for each deliver.violated v
    fulfilled by delivered d where d.ref == v.o.id
    within 5 days
  }
  remedy terminate "逾期超过5日解除" {
    holder 甲方
    for each deliver.violated v unless delivered d where d.ref == v.o.id within 5 days
    once
  }
}
clause "3" "解除" {
  termination any_end "解除" {
    for each ended_notice n
  }
}
'''
ORDER = F("o1", "ordered", "2026-03-02T10:00:00+08:00")  # within 10 days: last day 03-12, late from 03-13 00:00


@pytest.fixture(scope="module")
def retro():
    return compile_rules(RETRO, "retro.qy")


@pytest.mark.parametrize("as_of", ["2026-03-21", "2026-04-10"])
def test_retroactive_extension_after_the_contract_ended_does_not_revive_the_duty(retro, as_of):
    """Deliver was late (03-13) when the contract ended (03-15 10:00). An extension of 10 days confirmed on 03-20
    moves the end to 03-22 (Sunday) → 03-23, late from 03-24 00:00: by the new end nothing was late when the
    contract ended, so the duty is discharged (§4.11: no duty runs after the end). The engine makes it `active`
    again after the end (03-21), then `violated` on 03-24, nine days after the contract ended."""
    rep = run(retro, [ORDER, F("n1", "ended_notice", "2026-03-15T10:00:00+08:00"),
                      F("x1", "ext", "2026-03-20T10:00:00+08:00", ref="o1", days=10)], as_of)
    (o,) = duties(rep, "deliver")
    assert o["status"] == "discharged", (o["status"], o["due"])


@pytest.mark.xfail(strict=True, reason="left (closing note; docs: what a withdrawn breach set off by an event deemed at it stays done): a duty whose trigger is the withdrawn breach's stage stays")
def test_two_retroactive_extensions_leave_one_penalty_duty_not_three(retro):
    """x1 (03-20, 3 days): end 03-12 + 3 = 03-15 (Sunday) → 03-16, late from 03-17; still late on 03-20.
    x2 (03-21, 3 days): 03-15 + 3 = 03-18, late from 03-19. One late delivery, one breach standing (03-19):
    one duty to pay the penalty. The engine keeps the penalty duties of the two withdrawn breaches (03-13, 03-17)
    as well — three in all, one of them `violated` for a breach that no longer exists."""
    rep = run(retro, [ORDER, F("x1", "ext", "2026-03-20T10:00:00+08:00", ref="o1", days=3),
                      F("x2", "ext", "2026-03-21T10:00:00+08:00", ref="o1", days=3)], "2026-03-21T12:00:00+08:00")
    (o,) = duties(rep, "deliver")
    assert (o["status"], o["due"]) == ("violated", "2026-03-19T00:00:00+08:00")
    held = [r for r in rep["remedies"] if r["name"] == "damages" and r["status"] == "held"]
    assert [r["amount"] for r in held] == ["300.00"]  # 03-19, 03-20, 03-21 begun
    assert len(duties(rep, "pay_penalty")) == 1, [(o["status"], o["due"]) for o in duties(rep, "pay_penalty")]


def test_zero_day_retroactive_extension_is_not_called_too_late(retro):
    """A retroactive extension is allowed after the deadline; one of 0 days changes nothing (§4.7a). The reason
    says instead that an agreement after the deadline cannot undo the delay — the rule says it can."""
    rep = run(retro, [ORDER, F("x1", "ext", "2026-03-20T10:00:00+08:00", ref="o1", days=0)], "2026-03-21")
    (o,) = duties(rep, "deliver")
    assert o["status"] == "violated"
    assert not any("不能使已经逾期的义务不逾期" in b for b in o["because"]), o["because"][-1]


def _retro_lines(n):
    facts = [F(f"o{i}", "ordered", "2026-03-02T10:00:00+08:00") for i in range(n)]
    facts += [F(f"x{i}", "ext", "2026-03-14T10:00:00+08:00", ref=f"o{i}", days=10) for i in range(n)]
    return [json.dumps(x) for x in facts]


def test_retroactive_extensions_are_not_quadratic(retro):
    """n duties violated, each with its `unless` window pending, then n retroactive confirmations:
    extend_back → cancel_windows_of walks every pending window of every duty (n² checks; 2,000: 4 million;
    5,000 × 5,000 ≈ 14 s). Four times the duties should take about four times as long, not sixteen."""
    small, big = _retro_lines(500), _retro_lines(2000)
    retro.evaluate(small, "2026-03-15")  # (warm)
    t = time.perf_counter(); retro.evaluate(small, "2026-03-15"); t_small = time.perf_counter() - t
    t = time.perf_counter(); retro.evaluate(big, "2026-03-15"); t_big = time.perf_counter() - t
    assert t_big < 7 * t_small, (t_small, t_big)


# ---------------------------------------------------------------- labelled readings of an assumption
LHEAD = '''contract "X" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
event ordered "下单"
event paid "付款"
'''
LBODY = '''clause "1" "测试" {
 obligation o "测试" {
  debtor 乙方
  creditor 甲方
  for each ordered x where rd == "b"
  fulfilled by paid p
  within 5 days
 }
}
'''


def _refused_or_warned(text):
    try:
        rules = compile_rules(text, "t.qy")
    except QiyueError:
        return True
    return any(d.severity in ("warning", "error") for d in rules.findings)


def test_a_reading_labelled_with_another_readings_name_is_refused():
    """`one of ("a" "b", "b" "a")`: reading a's words are "b". The rule `rd == "b"` is said 假定“读法”为a while the
    reading in force IS a — the report says the duty waits for what already holds; the assumptions table says
    reading "b" for the value "a". Accepted without a word."""
    text = LHEAD + 'assumption rd "读法" = "a" one of ("a" "b", "b" "a") "r"\n' + LBODY
    assert _refused_or_warned(text)


def test_a_reading_listed_twice_is_refused():
    """`one of ("a" "甲读", "a" "乙读", …)`: the same reading twice with different words; the later silently wins
    (assumptions table: 乙读)."""
    text = LHEAD + 'assumption rd "读法" = "a" one of ("a" "甲读", "a" "乙读", "b" "丙读") "r"\n' + LBODY
    assert _refused_or_warned(text)


def test_two_readings_with_the_same_words_are_flagged():
    """`one of ("a" "同一", "b" "同一")`: rd == "a" and rd == "b" read alike (假定“读法”为同一); the report cannot
    say which reading is in force."""
    text = LHEAD + 'assumption rd "读法" = "a" one of ("a" "同一", "b" "同一") "r"\n' + LBODY
    assert _refused_or_warned(text)


def test_an_empty_label_does_not_lose_the_reading():
    """`one of ("a" "", "b" "")`: accepted, and the report's assumptions table then gives reading None —
    the reading in force is gone from the report (it should be "a", or the empty words refused)."""
    text = LHEAD + 'assumption rd "读法" = "a" one of ("a" "", "b" "") "r"\n' + LBODY
    try:
        rules = compile_rules(text, "t.qy")
    except QiyueError:
        return
    rep = run(rules, [F("x1", "ordered", "2026-03-02T10:00:00+08:00")], "2026-03-20")
    assert rep["assumptions"]["rd"]["reading"], rep["assumptions"]


# ---------------------------------------------------------------- phrases
PHEAD = '''contract "X" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
param n0 "基数" = 5
event delivered "交付货物" { lot: int 1..9 "批次"  month: text "月份" }
event paid "付款" { lot: int 1..9 "批次"  amount: money "付款金额" }
event ordered "下单"
'''


def said(cond):
    rules = compile_rules(PHEAD + f'clause "1" "测试" {{\n obligation o "测试" {{\n  debtor 乙方\n  creditor 甲方\n'
                                  f'  when {cond}\n  fulfilled by paid x\n  within 5 days\n }}\n}}\n', "t.qy")
    (plan,) = [o for o in rules.prepared.obligations if o.decl.name == "o"]
    (text,) = [t.text for t in plan.triggers]
    return words(text.tree, "zh", str(text))


def test_two_facts_of_one_kind_are_told_apart():
    """`exists(paid p, paid q where p.amount > q.amount)` reads 存在付款与付款（该付款的付款金额超过该付款的付款金额）:
    both sides are 该付款 — a condition that reads as never true. The two facts must be told apart."""
    zh = said("exists(paid p, paid q where p.amount > q.amount)")
    assert "该付款的付款金额超过该付款的付款金额" not in zh, zh


def test_consecutive_says_its_unit():
    """`consecutive(week, …) >= 3` and `consecutive(month, …) >= 3` read alike (交付货物的月份（连续计）不低于3):
    three weeks or three months in a row is not said."""
    week = said("consecutive(week, d.month for each delivered d) >= 3")
    month = said("consecutive(month, d.month for each delivered d) >= 3")
    assert week != month, week


def test_a_min_of_a_max_is_bracketed():
    """`min(n0, max(1, 2))` (= 2) reads 基数与1与2中的较大者中的较小者: n0, 1 and 2 listed together as if all were
    the max's values (which would give 5). The inner call must be set apart."""
    zh = said("count(ordered) >= min(n0, max(1, 2))")
    assert "基数与1与2" not in zh, zh


# ---------------------------------------------------------------- deemed events on a day (bare)
BARE = '''contract "B" { calendar official }
party 甲方 "甲" as buyer
party 乙方 "乙" as seller
event sent "寄出通知"
event incident "事故"
event reply "回复"
clause "1" "送达" {
  deemed delivered "视为送达" {
    for each sent n
    at day 3 after n
  }
}
clause "2" "通知" {
  obligation notify "两小时内送达通知" {
    debtor 乙方
    creditor 甲方
    for each incident i
    fulfilled by delivered d
    within 2 hours
  }
  remedy quick "送达后回复" {
    holder 甲方
    for each reply r where exists(delivered d where d.at < r.at)
  }
}
'''
SENT = F("n1", "sent", "2026-03-02T10:00:00+08:00")  # deemed delivered on 03-05, its hour unknown


@pytest.fixture(scope="module")
def bare():
    return compile_rules(BARE, "bare.qy")


def test_a_delivery_on_the_triggers_day_is_not_said_to_count_earlier(bare):
    """Incident 03-05 23:30; the notice is deemed delivered on 03-05, hour unknown. Delivered before 23:30 it
    comes before the duty (no `counting earlier`: it does not perform, late after 03-06 01:30); after 23:30 it
    is in time. By hand: undetermined. The engine says fulfilled, because 该事实发生在触发之前；条款约定之前的
    履行亦计入 — the clause says no such thing."""
    rep = run(bare, [SENT, F("i1", "incident", "2026-03-05T23:30:00+08:00")], "2026-03-08")
    (o,) = duties(rep, "notify")
    assert not any("条款约定之前的履行亦计入" in b for b in o["because"]), o["because"][-1]
    assert o["status"] == "undetermined", o["status"]


@pytest.mark.xfail(strict=True, reason="left (closing note): a fact or deemed event given by its day alone is compared with a timed fact of the same day as its first instant (00:00) in a condition; undetermined is not built")
def test_before_a_bare_deemed_delivery_is_not_decided_as_midnight(bare):
    """Reply 03-05 01:30; delivery deemed on 03-05 at an hour the contract does not fix (§3.6: "on that day, not
    at 00:00"). `d.at < r.at` holds only if it was delivered before 01:30: undetermined. The engine compares
    00:00 and holds the right outright."""
    rep = run(bare, [SENT, F("r1", "reply", "2026-03-05T01:30:00+08:00")], "2026-03-08")
    assert [r["status"] for r in rep["remedies"] if r["name"] == "quick"] != ["held"]


# ---------------------------------------------------------------- verify over dates
VHEAD = '''contract "X" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
param d1 "开工" = 2025-03-03
param d2 "竣工" = 2025-07-30
param last "末日" = 9999-12-31
'''


def _verify(cond):
    return compile_rules(VHEAD + f'verify {cond} "核对"\n', "t.qy")


def test_verify_folds_not():
    """`verify not (d1 > d2)` (and even `verify not (1 > 2)`) is refused as not_constant ("只能写由金额和参数构成的
    条件") though `and`/`or` of the same comparisons fold: `constant()` has no case for `not`. It holds."""
    rules = _verify("not (d1 > d2)")
    assert not [d for d in rules.findings if d.code == "contract_inconsistency"]


def test_verify_date_minus_date():
    """`verify d2 - d1 == 149 days`: the contract's 150-day term with the start day counted (03-03 + 149 days =
    07-30). A date less a date is a length in the rules (`d.d - start_day > 3 days`); verify refuses it as
    not_constant."""
    rules = _verify("d2 - d1 == 149 days")
    assert not [d for d in rules.findings if d.code == "contract_inconsistency"]


@pytest.mark.xfail(strict=True, reason="left (closing note): a date past year 9999 in verify is refused as not_constant, without naming the year")
def test_verify_past_year_9999_says_so():
    """`verify last + 1 days > last` passes year 9999; the error says only "“核对”只能写由金额和参数构成的条件" —
    it is made of parameters; what is wrong is the year."""
    with pytest.raises(QiyueError) as err:
        _verify("last + 1 days > last")
    assert "9999" in str(err.value), str(err.value)
