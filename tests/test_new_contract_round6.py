"""What a legal engineer writing a sale-of-equipment contract (买卖合同) in the language found: each case
cut down to a few lines, counted by hand (time-and-law.md)."""
import json
import textwrap

import pytest

from engine.api import compile_rules

HEAD = '''\
contract "X" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
'''


def run(rules, facts, as_of, backend="reference"):
    compiled = compile_rules(HEAD + textwrap.dedent(rules), "x.qy")
    return compiled.evaluate([json.dumps(f, ensure_ascii=False) for f in facts], as_of, backend=backend)


def f(fid, ftype, at, **attrs):
    return {"id": fid, "type": ftype, "at": at, **attrs}


def rows(report, name):
    return [(o["trigger"], o["status"]) for o in report["obligations"] if o["name"] == name]


INSPECTION = '''
event received "收货"
event sent "发出质量异议通知（快递）"
event answered_fact "签署验收报告"
clause "5" "检验" {
  deemed delivered "视为送达" { for each sent s at day 3 after s }
  deemed answered "检验期内已有结论" { for each delivered d at d }
  deemed conforming "视为合格" { for each received g unless answered a within 15 days as term
    at end of 15 days as term after g }
  deemed accepted "验收合格" { for each conforming c at c }
  obligation rectify "修复或更换" {
    debtor 乙方
    creditor 甲方
    for each delivered n where not exists(accepted)
    fulfilled by answered_fact x
    within 10 days
  }
}
'''


@pytest.mark.parametrize("backend", ["reference", "durable"])
def test_an_event_deemed_at_24_00_comes_before_one_deemed_on_the_next_day(backend):
    """Goods received Fri 2026-01-30 16:00; 15 days of inspection (第620–621条): 01-31 … 02-14 (a make-up
    Saturday, and a period that merely runs is not moved anyway) → deemed conforming at 24:00 of 02-14.
    The buyer's objection sent by express Thu 02-12 is deemed delivered on the 3rd day, Sun 02-15.  Both
    are 2026-02-15T00:00, but 24:00 of the 14th is on the 14th (time-and-law.md, "An event at 24:00"):
    the objection came after the goods were deemed conforming — no duty to rectify.  (The engine ran the
    deemed events of one instant in the order they were scheduled: the delivery, scheduled on 02-12,
    first — and found a breach of a duty that never arose.)"""
    if backend == "durable":
        from engine.live import available
        if not available():
            pytest.skip("durable_rules is not installed")
    facts = [f("g", "received", "2026-01-30T16:00:00+08:00"), f("n", "sent", "2026-02-12T10:00:00+08:00")]
    report = run(INSPECTION, facts, "2026-03-10", backend)
    events = sorted((e["name"], e["at"]) for e in report["events"])
    assert ("conforming", "2026-02-15T00:00:00+08:00") in events and ("accepted", "2026-02-15T00:00:00+08:00") in events
    assert rows(report, "rectify") == [(None, "inactive")]
    # sent a day earlier, delivered Sat 02-14 (within the period): the objection stops the deemed conformity
    facts = [f("g", "received", "2026-01-30T16:00:00+08:00"), f("n", "sent", "2026-02-11T10:00:00+08:00")]
    report = run(INSPECTION, facts, "2026-03-10", backend)
    assert not [e for e in report["events"] if e["name"] == "conforming"]
    assert [s for _, s in rows(report, "rectify")] == ["violated"]


PARAM_JOIN = '''
event start "开始"
event rep "报修"
event fix "修复" { ref: ref (rep) "报修" }
param n "已修复的报修" = sum(1 for each fix x, rep r where x.ref == r.id)
clause "1" "c" {
  remedy z "z" {
    holder 甲方
    when passed(2 days as term since first(start).at + (n) days)
  }
}
'''


def test_a_parameter_that_joins_two_kinds_of_fact_read_first_in_the_replay_does_not_crash():
    """KeyError ('rep', ('id',)): the parameter was compiled where first read — inside `passed( )` during
    the replay — after the evaluation had set up the indexes its join looks facts up in."""
    facts = [f("s", "start", "2026-03-01T10:00:00+08:00"), f("r1", "rep", "2026-03-02T10:00:00+08:00"),
             f("x1", "fix", "2026-03-02T12:00:00+08:00", ref="r1")]
    report = run(PARAM_JOIN, facts, "2026-03-10")
    (z,) = report["remedies"]
    # n = 1 once x1 came: 03-01 10:00 + 1 day ends 24:00 03-02; 2 days more end 24:00 03-04
    assert z["since"] == "2026-03-05T00:00:00+08:00"


ALTERNATIVES = '''
param price "价款" = ¥1,000,000.00
event unpaid "逾期未付达五分之一"
event terminated "解除通知" { party: party }
event late "逾期交付"
clause "7" "分期付款" {
  remedy whole_price "请求支付全部价款" {
    holder 乙方
    for each unpaid u
    amount price
    alternative to terminate_634
  }
  remedy terminate_634 "解除合同" {
    holder 乙方
    for each unpaid u
  }
  termination seller_terminates "乙方解除" {
    for each terminated t where t.party == 乙方
    exercises terminate_634 held by 乙方
  }
}
clause "8" "定金与违约金" {
  remedy damages "违约金" {
    holder 甲方
    for each late l
    amount ¥100.00 per day
    survives
  }
  remedy double_deposit "双倍返还定金" {
    holder 甲方
    for each late l
    择一 damages
    amount ¥20,000.00
    survives
  }
}
'''


@pytest.mark.parametrize("backend", ["reference", "durable"])
def test_remedies_of_which_the_holder_takes_one(backend):
    """民法典第634条: the seller may claim the whole price *or* terminate — once it terminated, the whole price is
    no longer claimable (the author's report listed it as still owed); 第588条: earnest money or damages —
    both open, marked as one or the other, never owed together."""
    if backend == "durable":
        from engine.live import available
        if not available():
            pytest.skip("durable_rules is not installed")
    facts = [f("l", "late", "2026-03-02T10:00:00+08:00"), f("u", "unpaid", "2026-03-05T10:00:00+08:00"),
             f("t", "terminated", "2026-03-10T10:00:00+08:00", party="乙方")]
    before = run(ALTERNATIVES, facts, "2026-03-08", backend)
    state = {r["name"]: (r["status"], r["alternatives"]) for r in before["remedies"]}
    assert state == {"whole_price": ("held", ["terminate_634"]), "terminate_634": ("held", ["whole_price"]),
                     "damages": ("held", ["double_deposit"]), "double_deposit": ("held", ["damages"])}
    after = run(ALTERNATIVES, facts, "2026-03-20", backend)
    state = {r["name"]: r["status"] for r in after["remedies"]}
    assert state == {"whole_price": "lapsed", "terminate_634": "exercised", "damages": "held", "double_deposit": "held"}
    (whole,) = [r for r in after["remedies"] if r["name"] == "whole_price"]
    assert whole["steps"][-1]["code"] == "alternative_taken" and "只能择一" in whole["because"][-1]


def test_the_summary_marks_alternatives_and_leaves_out_the_lapsed_one():
    compiled = compile_rules(HEAD + textwrap.dedent(ALTERNATIVES), "x.qy")
    facts = [json.dumps(x, ensure_ascii=False) for x in (
        f("l", "late", "2026-03-02T10:00:00+08:00"), f("u", "unpaid", "2026-03-05T10:00:00+08:00"),
        f("t", "terminated", "2026-03-10T10:00:00+08:00", party="乙方"))]
    from engine.report.build import render
    text = render(compiled.evaluate(facts, "2026-03-20"), "zh")
    summary = next(line for line in text.splitlines() if line.startswith("  可主张的救济"))
    assert "可主张的救济 2 项" in summary and "whole_price" not in summary
    assert "违约金（damages）甲方 ¥1,900.00（与 双倍返还定金（double_deposit） 择一）" in summary  # (label first in
    # Chinese — the alternative too, round 26)


@pytest.mark.parametrize("edit,code", [
    (lambda t: t.replace("alternative to terminate_634", "alternative to terminate_643"), "unknown_name"),
    (lambda t: t.replace("alternative to terminate_634", "alternative to whole_price"), "alternative_to_itself"),
])
def test_an_alternative_names_another_remedy(edit, code):
    from engine.diagnostics import QiyueError
    with pytest.raises(QiyueError) as exc:
        compile_rules(HEAD + textwrap.dedent(edit(ALTERNATIVES)), "x.qy")
    (d,) = exc.value.diagnostics
    assert d.code == code and d.span.line == 14
    if code == "unknown_name":
        assert d.did_you_mean == "terminate_634"


def test_every_error_of_a_fact_file_in_one_run_references_too():
    """A new contract's author: a missing attribute was reported first, a reference to no fact only on the next
    run.  Both now, once — a reference to a line refused for its own error is not a second error."""
    from engine.diagnostics import QiyueError
    rules = HEAD + textwrap.dedent('''
        event leak "泄露" { cause: one of (supplier "乙方原因", other "其他") }
        event notice "通知" { ref: ref (leak) }
        clause "1" "c" { deemed seen "已通知" { for each notice n at n } }
        ''')
    compiled = compile_rules(rules, "x.qy")
    lines = [json.dumps(x) for x in (f("x", "leak", "2026-04-10T09:00:00+08:00"),
                                     f("n", "notice", "2026-04-10T10:00:00+08:00", ref="x"),
                                     f("n2", "notice", "2026-04-10T10:00:00+08:00", ref="nope"))]
    with pytest.raises(QiyueError) as exc:
        compiled.evaluate(lines, "2026-05-01")
    assert [(d.code, d.span.line) for d in exc.value.diagnostics] == [("bad_attribute", 1), ("unknown_ref", 3)]


REMAINING = '''
param price "价款" = ¥2,400,000.00
event unpaid "到期未付达五分之一"
event paid "付款" { amount: money }
clause "7" "分期付款" {
  remedy whole_price "请求支付全部价款（尚欠部分）" {
    holder 乙方
    for each unpaid u
    amount price - sum(p.amount for each paid p)
    recomputed daily
  }
}
'''


@pytest.mark.parametrize("backend", ["reference", "durable"])
def test_a_one_off_amount_recomputed_follows_the_payments_after_it_arose(backend):
    """A new contract's author (第634条): the right to the whole price arose when ¥960,000.00 was paid (¥1,440,000.00
    unpaid); ¥480,000.00 paid two days later leaves ¥960,000.00 — the amount stayed frozen when the right arose.
    `recomputed daily` on a one-off amount: computed anew as the facts it reads come."""
    if backend == "durable":
        from engine.live import available
        if not available():
            pytest.skip("durable_rules is not installed")
    facts = [f("p1", "paid", "2026-01-10T10:00:00+08:00", amount="960000.00"),
             f("u", "unpaid", "2026-03-17T10:00:00+08:00"),
             f("p2", "paid", "2026-03-19T10:00:00+08:00", amount="480000.00")]
    report = run(REMAINING, facts, "2026-03-18", backend)
    assert [r["amount"] for r in report["remedies"]] == ["1440000.00"]
    report = run(REMAINING, facts, "2026-03-31", backend)
    (r,) = report["remedies"]
    assert r["amount"] == "960000.00" and r["steps"][-1]["code"] == "recomputed_amount"
    assert "¥1,440,000.00" in r["because"][-1] and "¥960,000.00" in r["because"][-1]
    # the same without `recomputed daily`: the amount when the right arose
    report = run(REMAINING.replace("    recomputed daily\n", ""), facts, "2026-03-31", backend)
    assert [r["amount"] for r in report["remedies"]] == ["1440000.00"]


RENT = '''
event month_started "计租月开始"
event rent_paid "付租"
clause "4" "租金" {
  obligation pay_rent "支付当月租金" {
    debtor 甲方
    creditor 乙方
    for each month_started m
    fulfilled by rent_paid p
    due by 顺延至工作日(当月日(5, m))
  }
}
'''


@pytest.mark.parametrize("month,due", [
    ("2026-04", "2026-04-08T00:00:00+08:00"),  # Sun 04-05 Qingming (04-04…04-06) → Tue 04-07
    ("2026-09", "2026-09-08T00:00:00+08:00"),  # Sat 09-05 → Mon 09-07
    ("2026-10", "2026-10-09T00:00:00+08:00"),  # 10-05 in National Day (10-01…10-07) → Thu 10-08
    ("2026-11", "2026-11-06T00:00:00+08:00"),  # Thu 11-05, a working day: itself
])
def test_a_day_of_the_month_moved_to_the_next_working_day(month, due):
    """A new contract's author (a lease): "每月5日前支付，遇法定节假日顺延" could not be written as a point in the
    calendar; `working_day_from(T)` (顺延至工作日) is T's day or the first working day after it."""
    report = run(RENT, [f("m", "month_started", f"{month}-01T00:00:00+08:00")], "2026-12-31")
    assert [o["due"] for o in report["obligations"]] == [due]


DUE_BY_UNKNOWN_YEAR = '''
event paid "付租" { month: text "月份" }
clause "1" "x" {
  obligation pay_a "按 due by end of" {
    debtor 乙方
    creditor 甲方
    every month p from 2027-01-01 until 2027-03-31
    fulfilled by paid x where x.month == p.label counting earlier
    due by end of 4 days after p.start
  }
}
'''


def test_due_by_the_end_of_a_period_in_a_year_no_calendar_knows_has_its_earliest_end():
    """A lease's author: `due by end of 4 days after p.start` in 2027 (no calendar; `calendar fallback
    undetermined`) left every month undetermined — rent paid a month early too — while `within 4 days after
    p.start` gave the earliest end (24:00 of the 5th: a rest day could only move it later) and judged them."""
    rules = DUE_BY_UNKNOWN_YEAR
    compiled = compile_rules(HEAD.replace("calendar official", "calendar fallback undetermined")
                             + textwrap.dedent(rules), "x.qy")
    facts = [f("p1", "paid", "2026-12-20T10:00:00+08:00", month="2027-01"),
             f("p2", "paid", "2027-02-02T10:00:00+08:00", month="2027-02")]
    report = compiled.evaluate([json.dumps(x) for x in facts], "2027-03-02")
    assert [(o["trigger"], o["status"], o["due_not_before"]) for o in report["obligations"]] == [
        ("2027-01", "fulfilled", "2027-01-06T00:00:00+08:00"), ("2027-02", "fulfilled", "2027-02-06T00:00:00+08:00"),
        ("2027-03", "active", "2027-03-06T00:00:00+08:00")]


def test_a_balance_rests_on_the_readings_of_what_it_deducts():
    """A lease's author: a deposit's balance read `accrued(late_rent_damages)`, whose daily amount is an assumption;
    switching it moved the balance (and the refund's verdict) while the balance listed no assumption."""
    rules = HEAD + textwrap.dedent('''
        assumption daily_basis "日租金计法" = ¥100.00 "合同未写明" "按月租金÷30"
        param deposit "押金" = ¥10,000.00
        event late "逾期"
        event returned "返还"
        clause "1" "c" {
          remedy overstay "逾期返还房屋" { holder 乙方 for each late l amount daily_basis per day }
          remedy balance "押金余额" { holder 甲方 for each returned r amount max(¥0.00, deposit - accrued(overstay)) }
        }
        ''')
    facts = [f("l", "late", "2026-03-02T10:00:00+08:00"), f("r", "returned", "2026-03-10T10:00:00+08:00")]
    report = compile_rules(rules, "x.qy").evaluate([json.dumps(x) for x in facts], "2026-03-12")
    assert {r["name"]: r["assumptions"] for r in report["remedies"]} == {"overstay": ["daily_basis"],
                                                                         "balance": ["daily_basis"]}


def test_a_right_given_up_is_no_longer_counted_and_a_later_one_is_given_up_too():
    """A reviewer: after the seller terminated, accrued(whole_price) still counted the whole price given up, and a
    second demand arising after the termination stood as claimable."""
    rules = HEAD + textwrap.dedent('''
        event demanded "d"
        event notified "n"
        event check "c"
        clause "1" "c" {
          remedy whole_price "全部价款" { holder 乙方 for each demanded d amount ¥1000.00 alternative to may_end survives }
          remedy may_end "解除权" { holder 乙方 for each demanded d }
          termination ends "解除" { for each notified n exercises may_end held by 乙方 }
          remedy still_claimed "仍可主张的全部价款" { holder 乙方 for each check c amount accrued(whole_price) survives }
        }
        ''')
    facts = [f("d", "demanded", "2026-03-02T09:00:00+08:00"), f("n", "notified", "2026-03-04T09:00:00+08:00"),
             f("d2", "demanded", "2026-03-05T09:00:00+08:00"), f("c", "check", "2026-03-06T09:00:00+08:00")]
    report = compile_rules(rules, "x.qy").evaluate([json.dumps(x) for x in facts], "2026-03-20")
    assert [(r["name"], r["trigger"], r["status"], r["amount"]) for r in report["remedies"]] == [
        ("whole_price", "d", "lapsed", "1000.00"), ("may_end", "d", "exercised", None),
        ("whole_price", "d2", "lapsed", "1000.00"), ("still_claimed", "c", "held", "0.00")]


def test_a_recomputed_amount_driven_below_zero_is_said():
    facts = [f("u", "unpaid", "2026-03-17T10:00:00+08:00"), f("p", "paid", "2026-03-19T10:00:00+08:00",
                                                               amount="2500000.00")]
    report = run(REMAINING, facts, "2026-03-31")
    assert [r["amount"] for r in report["remedies"]] == ["-100000.00"]
    assert [x["code"] for x in report["findings"] if x["code"] == "negative_amount"] == ["negative_amount"]
