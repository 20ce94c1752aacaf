"""Review round 41: a fresh reviewer of the day's change (7c05d3d..HEAD) — chiefly `ends only` / `仅终止`.

Rules: tests/contracts/partial_termination.qy (2 deliver within 5 working days of an order, late_fee ¥100/day for each
deliver.violated; 3 a monthly report within 10 working days after the month's end; 4 cancel_orders `ends only deliver,
late_fee`, stop_reports `ends only report`, terminate_all the whole contract), and an inline file (DEEMED below).

Counted by hand (2026, March: every Mon–Fri a working day, no holiday — tests/test_ends_only.py checks it):
- signed Mon 03-02 10:00 → in force then;
- an order Wed 03-04 10:00 → deliver within 5 working days: 03-05 (1), 03-06 (2), 03-09 (3), 03-10 (4), 03-11 (5) →
  due 03-11 24:00 = 03-12T00:00+08:00; an order Thu 03-05 10:00 → 03-06, 09, 10, 11, 12 → due 03-13T00:00+08:00;
- the March report period runs 03-02 10:00 … 03-31 24:00; April's period begins 04-01 00:00.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from engine.api import compile_file, compile_rules
from engine.diagnostics import QiyueError

ROOT = Path(__file__).resolve().parent.parent
QY = ROOT / "tests" / "contracts" / "partial_termination.qy"
RULES = compile_file(QY)


def t(s: str) -> str:
    """'2026-03-04 10:00' → ISO of contract time; a bare date '2026-03-05' stays a date (known by its day alone)."""
    if " " not in s:
        return s
    day, hm = s.split(" ")
    return f"{day}T{hm}:00+08:00"


def f(fid, ftype, at, **attrs):
    return {"id": fid, "type": ftype, "at": t(at), **attrs}


def notice(fid, at, ground):
    return f(fid, "notice", at, ground=ground, **{"from": "甲方"})


SIGNED = [f("s", "contract_signed", "2026-03-02 10:00")]


def lines(facts):
    return [json.dumps(x, ensure_ascii=False) for x in SIGNED + facts]


def run(facts, as_of, rules=RULES):
    return rules.evaluate(lines(facts), t(as_of))


def ob(r, name):
    return [(o["trigger"], o["status"], o["due"]) for o in r["obligations"]
            if o["name"] == name and o["status"] != "inactive"]


def amount(r, name):
    return [(x["status"], x["amount"]) for x in r["remedies"] if x["name"] == name]


def bare(r):
    r = copy.deepcopy(r)
    r.pop("rules", None)
    r.pop("facts", None)
    return r


# ---------------------------------------------------------------- 1. a named daily amount after its part ended

def test_passing_whole_termination_stops_the_daily_late_fee():
    """o1 (03-04) due 03-12 00:00, not delivered: late_fee from 03-12.  The whole contract ended Fri 03-13 10:00: the
    days 03-12, 03-13 = 2 × ¥100 = ¥200 (the engine: 本项不在终止后继续计算)."""
    r = run([f("o1", "ordered", "2026-03-04 10:00"), notice("x", "2026-03-13 10:00", "all")], "2026-03-20 12:00")
    assert amount(r, "late_fee") == [("held", "200.00")]


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (03:48–): review round 41 fixed: a named remedy's amount by the day is counted to the partial end (accrued_to_part_end); a rule's row of the day of a partial end known by its day alone is undetermined)
def test_named_daily_late_fee_stops_with_its_part():
    """Same facts, 4's cancel_orders instead: late_fee is NAMED in `ends only`.  Days 03-12, 03-13 = 2 × ¥100 = ¥200."""
    r = run([f("o1", "ordered", "2026-03-04 10:00"), notice("c", "2026-03-13 10:00", "cancel_orders")],
            "2026-03-20 12:00")
    assert ob(r, "deliver") == [("o1", "violated", "2026-03-12T00:00:00+08:00")]
    assert amount(r, "late_fee") == [("held", "200.00")]


# ---------------------------------------------------------------- 2. a partial termination known by its day alone

def test_passing_whole_termination_of_its_day_alone_discharges_an_order_of_that_day_either_way():
    """The whole contract ended by a notice of 03-05 alone; o1 at 03-05 10:00: before or after it cannot be told — but
    its delivery falls due after that day, so before the end it was discharged by it and after it it never arose:
    discharged either way (第566条第1款; review round 46, 2026-12-07 — this said undetermined before the engine counted
    a fixed period for that question)."""
    r = run([f("o1", "ordered", "2026-03-05 10:00"), notice("x", "2026-03-05", "all")], "2026-03-20 12:00")
    assert [(o, s) for o, s, _ in ob(r, "deliver")] == [("o1", "discharged")]


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (03:48–): review round 41 fixed: a named remedy's amount by the day is counted to the partial end (accrued_to_part_end); a rule's row of the day of a partial end known by its day alone is undetermined)
def test_partial_termination_of_its_day_alone_leaves_an_order_of_that_day_undetermined():
    r = run([f("o1", "ordered", "2026-03-05 10:00"), notice("c", "2026-03-05", "cancel_orders")], "2026-03-20 12:00")
    assert [(o, s) for o, s, _ in ob(r, "deliver")] == [("o1", "undetermined")]


# ---------------------------------------------------------------- 3. a recurring duty ended at a period's first instant

def test_passing_whole_termination_at_a_period_start_begins_no_period():
    """Whole contract ended 04-01 00:00 (the instant April's period would begin): March's report (due 04-16 00:00)
    discharged; no April period."""
    r = run([notice("x", "2026-04-01 00:00", "all")], "2026-06-30 12:00")
    assert [(m, s) for m, s, _ in ob(r, "report")] == [("2026-03", "discharged")]


def test_passing_reports_waived_before_a_period_start_begin_no_period():
    r = run([notice("w", "2026-03-31 23:00", "stop_reports")], "2026-06-30 12:00")
    assert [(m, s) for m, s, _ in ob(r, "report")] == [("2026-03", "discharged")]


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (03:48–): a period of a duty ended in part begins at or after the partial end's instant: it does not begin (next_period reads the period's own start))
@pytest.mark.parametrize("at", ["2026-04-01 00:00", "2026-04-01"])
def test_reports_waived_at_a_period_start_owe_no_report_of_that_period(at):
    r = run([notice("w", at, "stop_reports")], "2026-06-30 12:00")
    statuses = [s for _, s, _ in ob(r, "report")]
    assert statuses[0] == "discharged"  # (March: due 04-16 00:00, not yet late)
    assert set(statuses) == {"discharged"}  # (April, if listed at all: not owed)


# ---------------------------------------------------------------- 4. other interactions the engine keeps

def test_passing_one_replay_durable_and_session_agree():
    """evaluate_many, the durable backend and a Session give what separate evaluations give, across a cancellation,
    a waiver and a whole termination at one instant."""
    facts = [f("o1", "ordered", "2026-03-04 10:00"), notice("c", "2026-03-05 10:00", "cancel_orders"),
             notice("w", "2026-03-05 10:00", "stop_reports"), f("o2", "ordered", "2026-03-06 10:00")]
    ases = ["2026-03-05 09:00", "2026-03-05 10:00", "2026-03-13 10:00", "2026-04-20 12:00"]
    many = RULES.evaluate_many(lines(facts), [t(a) for a in ases])
    for a, m in zip(ases, many):
        one = RULES.evaluate(lines(facts), t(a))
        assert bare(m) == bare(one)
        assert bare(RULES.evaluate(lines(facts), t(a), backend="durable")) == bare(one)
    s = RULES.session()
    s.add(lines(facts[:1]))
    s.advance(t("2026-03-05 09:00"))
    s.add([json.dumps(x, ensure_ascii=False) for x in facts[1:]])
    s.advance(t("2026-03-13 10:00"))
    assert bare(s.report()) == bare(RULES.evaluate(lines(facts), t("2026-03-13 10:00")))


DEEMED = """contract "EO-2" "测试" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
event contract_signed "签署合同" { }
event ordered "甲方下达订单" { }
event delivered "乙方交付" { order: text "订单" }
event notice "通知" { from: party "发出方"  ground: one of (cancel_orders "撤销", rescind "解除") "事由" }
clause "1" "生效" {
  effective contract_effective "合同生效" {
    when exists(contract_signed c)
  }
}
clause "2" "交付" {
  obligation deliver "交付订单货物" {
    debtor 乙方
    creditor 甲方
    for each ordered o
    fulfilled by delivered d where d.order == o.id
    within 5 days
  }
  remedy rescind_power "逾期交付的解除权" {
    holder 甲方
    for each deliver.violated v
  }
  deemed accepted "视为验收" {
    for each delivered d
    at d.at + 3 days
  }
  obligation pay "支付货款" {
    debtor 甲方
    creditor 乙方
    for each accepted a
    fulfilled by delivered q where q.order == "paid"
    within 10 days
  }
}
clause "4" "撤销与解除" {
  termination cancel_orders "甲方撤销未交付的订单" {
    for each notice n where n.ground == "cancel_orders" and n.from == 甲方
    ends only deliver, rescind_power, accepted
  }
  termination rescind "甲方因逾期交付解除" {
    for each notice n where n.ground == "rescind" and n.from == 甲方
    exercises rescind_power held by 甲方
  }
}
"""


def test_passing_a_named_power_lapses_and_a_later_notice_on_it_has_no_right():
    """o1 Tue 03-03 10:00, within 5 days (第201条: from the next day) 03-04 (1) … 03-08 (5), a Sunday → 第203条 the next
    working day, Mon 03-09 → due 03-09 24:00 = 03-10T00:00+08:00: violated.  rescind_power arose then; cancel_orders
    (`ends only deliver, rescind_power, accepted`) at 03-12 10:00 lapses it; 03-13's rescission has no right."""
    rules = compile_rules(DEEMED, "x.qy")
    r = run([f("o1", "ordered", "2026-03-03 10:00"), notice("c", "2026-03-12 10:00", "cancel_orders"),
             notice("x", "2026-03-13 10:00", "rescind")], "2026-03-20 12:00", rules)
    assert ob(r, "deliver") == [("o1", "violated", "2026-03-10T00:00:00+08:00")]
    assert [x["status"] for x in r["remedies"] if x["name"] == "rescind_power"] == ["lapsed"]
    assert [x["code"] for x in r["findings"] if x["code"] != "open_point"] == ["terminated_in_part",
                                                                                "termination_without_right"]
    assert r["contract_life"].get("ended") is None


def test_passing_a_named_deemed_event_after_the_part_ended_does_not_happen():
    """Delivered 03-03 12:00 → accepted deemed 03-06 12:00; `ends only … accepted` at 03-05 10:00: no acceptance, no pay."""
    rules = compile_rules(DEEMED, "x.qy")
    r = run([f("o1", "ordered", "2026-03-03 10:00"), f("d", "delivered", "2026-03-03 12:00", order="o1"),
             notice("c", "2026-03-05 10:00", "cancel_orders")], "2026-03-20 12:00", rules)
    assert ob(r, "pay") == []
    assert [s for _, s, _ in ob(r, "deliver")] == ["fulfilled"]


def test_passing_two_ends_only_lines_are_an_error_not_the_last_alone():
    text = QY.read_text(encoding="utf-8").replace("ends only deliver, late_fee", "ends only deliver\n    ends only late_fee")
    with pytest.raises(QiyueError) as exc:
        compile_rules(text, "x.qy")
    assert [d.key for d in exc.value.diagnostics] == ["duplicate_part"]
