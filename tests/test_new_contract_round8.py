"""What a legal engineer writing a road-freight framework contract (公路货物运输框架合同, tests/contracts/freight.qy
and .txt) in the language found: each case cut down to a few lines, counted by hand (time-and-law.md).

Calendar facts used (chinese-calendar 1.11.0): National Day 2025 = 10-01 … 10-08, Sun 09-28 and Sat 10-11
make-up working days; Spring Festival 2026 = 02-15 … 02-23 (Sun 02-15 is a holiday, not a make-up day),
Sat 02-14 and Sat 02-28 make-up working days; Qingming 2026 = 04-04 … 04-06; Labour Day 2026 = 05-01 … 05-05,
Sat 05-09 a make-up working day; National Day 2026 = 10-01 … 10-07, Sat 10-10 a make-up working day."""
import json
import textwrap
from pathlib import Path

import pytest

from engine.api import compile_file, compile_rules

ROOT = Path(__file__).resolve().parent.parent
FREIGHT = ROOT / "tests" / "contracts" / "freight.qy"

HEAD = '''\
contract "X" { calendar official }
party 甲方 "托运人" as shipper
party 乙方 "承运人" as carrier
'''


def run(rules, facts, as_of, assume=None):
    compiled = compile_rules(HEAD + textwrap.dedent(rules), "x.qy", assume=assume)
    return compiled.evaluate([json.dumps(x, ensure_ascii=False) for x in facts], as_of)


def run_freight(facts, as_of):
    return compile_file(FREIGHT).evaluate([json.dumps(x, ensure_ascii=False) for x in facts], as_of)


def f(fid, ftype, at, **attrs):
    return {"id": fid, "type": ftype, "at": at, **attrs}


def obligations(report, name):
    return [(o["trigger"], o["status"], o["due"], o["fulfilled_at"]) for o in report["obligations"]
            if o["name"] == name and o["status"] != "inactive"]


def remedies(report, name):
    return [(r["status"], r["amount"]) for r in report["remedies"] if r["name"] == name]


def events(report, name):
    return [e["at"] for e in report["events"] if e["name"] == name]


# ------------------------------------------------------------------ 2.2 / 2.3 confirmation and pick-up
CONFIRM = '''
event order_received "收到订单"
event order_confirmed "确认接单" { ref: ref (order_received) "订单" }
event picked_up "提货" { ref: ref (order_received) "订单" }
clause "2.2" "确认接单" {
  obligation confirm "确认接单" {
    debtor 乙方
    creditor 甲方
    for each order_received o
    fulfilled by order_confirmed c where c.ref == o.id
    within 2 hours
  }
  deemed order_rejected "视为拒单" {
    for each confirm.violated v
    at v
  }
}
clause "2.3" "提货" {
  obligation pickup "提货" {
    debtor 乙方
    creditor 甲方
    for each order_confirmed c where not exists(order_rejected r where r.o.id == c.ref)
    fulfilled by picked_up p where p.ref == c.ref
    within 24 hours
  }
}
'''


@pytest.mark.parametrize("confirmed,status,rejected,pickups", [
    ("2025-10-01T00:30:00+08:00", "fulfilled", [], 1),
    ("2025-10-01T00:30:01+08:00", "violated", ["2025-10-01T00:30:00+08:00"], 0),
])
def test_confirmation_within_two_hours_across_midnight(confirmed, status, rejected, pickups):
    """Order received Tue 2025-09-30 22:30, the eve of National Day.  2 hours run from the moment itself (第201条第2款)
    and are never moved: 23:30 (1 h), 00:30 of 10-01 (2 h) — 00:30:00 is still in time (第1259条), 00:30:01 is late.
    Late: deemed rejected at 00:30:00 (2.2 视为拒单), and the late confirmation starts no 24-hour pick-up duty."""
    facts = [f("o", "order_received", "2025-09-30T22:30:00+08:00"), f("c", "order_confirmed", confirmed, ref="o")]
    report = run(CONFIRM, facts, "2025-10-03")
    assert obligations(report, "confirm") == [("o", status, "2025-10-01T00:30:00+08:00", confirmed)]
    assert events(report, "order_rejected") == rejected
    assert len(obligations(report, "pickup")) == pickups


def test_order_and_confirmation_at_the_same_instant():
    """Received and confirmed at 2026-02-14 09:00:00 (the make-up Saturday): the confirmation counts for its order;
    pick-up 24 h → 2026-02-15 09:00 (a Spring Festival holiday: hours are not moved), picked up at exactly 09:00."""
    facts = [f("c", "order_confirmed", "2026-02-14T09:00:00+08:00", ref="o"),
             f("o", "order_received", "2026-02-14T09:00:00+08:00"),
             f("p", "picked_up", "2026-02-15T09:00:00+08:00", ref="o")]
    report = run(CONFIRM, facts, "2026-02-20")
    assert obligations(report, "confirm") == [("o", "fulfilled", "2026-02-14T11:00:00+08:00", "2026-02-14T09:00:00+08:00")]
    assert obligations(report, "pickup") == [("c", "fulfilled", "2026-02-15T09:00:00+08:00", "2026-02-15T09:00:00+08:00")]


# ------------------------------------------------------------------ 3.1 / 3.2 route periods
DELIVER = '''
event picked_up "提货" { route: int 1..3 "线路"  freight: money "运费"  cargo_value: money "声明价值" }
event delivered "签收" { ref: ref (picked_up) "提货" }
event fm "不可抗力" { party: party "受影响方" }
event fm_end "不可抗力消除" { ref: ref (fm) "不可抗力" }
event fm_notified "不可抗力通知" { ref: ref (fm) "不可抗力" }
table routes "线路时效" (days: int "日") {
  1: 3
  2: 4
  3: 5
}
clause "3.2" "交付" {
  obligation deliver "按时效交付" {
    debtor 乙方
    creditor 甲方
    for each picked_up p
    fulfilled by delivered d where d.ref == p.id
    DUE
    SUSPENSION
  }
  remedy late "逾期交付违约金" {
    holder 甲方
    for each deliver.violated v
    amount 0.5% of v.p.freight per day
    each at most min(20% of v.p.freight, v.p.cargo_value)
  }
}
'''
TABLE_DUE = "due by day_end(p.at.day + routes[p.route].days days)"
FM_SUSPENSION = "suspended by fm f where f.party == 乙方 until fm_end e where e.ref == f.id"


def deliver_rules(due=TABLE_DUE, suspension=""):
    return DELIVER.replace("DUE", due).replace("SUSPENSION", suspension)


@pytest.mark.parametrize("due", [TABLE_DUE, "within 4 days as term"])
def test_route_period_over_national_day_is_not_moved(due):
    """3.2 运输时效…末日为法定节假日或休息日的，不顺延 (第204条: agreed otherwise).  Route 2 (4 days) picked up Wed
    2025-10-01 20:00: 10-02, 10-03, 10-04, 10-05 → last day Sun 10-05 (National Day), not moved → late from
    2025-10-06T00:00 (moved it would have run to Thu 10-09, the first working day after 10-08).  Delivered 10-06
    09:00: one day begun × 0.5% × ¥8,000.00 = ¥40.00."""
    facts = [f("p", "picked_up", "2025-10-01T20:00:00+08:00", route=2, freight="8000.00", cargo_value="100000.00"),
             f("d", "delivered", "2025-10-06T09:00:00+08:00", ref="p")]
    report = run(deliver_rules(due), facts, "2025-10-20")
    assert obligations(report, "deliver") == [("p", "violated", "2025-10-06T00:00:00+08:00", "2025-10-06T09:00:00+08:00")]
    assert remedies(report, "late") == [("held", "40.00")]


def test_a_period_from_the_route_table_can_be_written_with_within():
    rules = deliver_rules("within routes[p.route].days days as term")
    facts = [f("p", "picked_up", "2025-10-01T20:00:00+08:00", route=2, freight="8000.00", cargo_value="100000.00")]
    report = run(rules, facts, "2025-10-20")
    assert obligations(report, "deliver")[0][2] == "2025-10-06T00:00:00+08:00"


def test_an_agreed_no_extension_is_explained_by_article_204():
    facts = [f("p", "picked_up", "2025-10-01T20:00:00+08:00", route=2, freight="8000.00", cargo_value="100000.00")]
    report = run(deliver_rules("within 4 days as term"), facts, "2025-10-20")
    because = "\n".join(report["obligations"][0]["because"])
    assert "第204条" in because


def test_late_damages_capped_at_the_lower_of_20_percent_and_the_declared_value():
    """Route 1 picked up Mon 2026-03-02 09:00 → last day Thu 03-05, late from 03-06T00:00, never delivered.  As of
    2026-04-20T00:00: 03-06 … 03-31 (26) + 04-01 … 04-20 (20, the day the report's instant falls on counts) = 46
    days × ¥10.00 (0.5% × ¥2,000.00) = ¥460.00; cap min(20% × ¥2,000.00 = ¥400.00, declared value): ¥300.00 for
    cargo declared at ¥300.00, ¥400.00 for cargo declared at ¥5,000.00."""
    facts = [f("p", "picked_up", "2026-03-02T09:00:00+08:00", route=1, freight="2000.00", cargo_value="300.00"),
             f("q", "picked_up", "2026-03-02T09:00:00+08:00", route=1, freight="2000.00", cargo_value="5000.00")]
    report = run(deliver_rules(), facts, "2026-04-20T00:00:00+08:00")
    assert remedies(report, "late") == [("held", "300.00"), ("held", "400.00")]


# ------------------------------------------------------------------ 7.1 / 7.2 force majeure
FM_FACTS = [f("p", "picked_up", "2026-04-01T10:00:00+08:00", route=1, freight="5000.00", cargo_value="100000.00"),
            f("x", "fm", "2026-04-02T08:00:00+08:00", party="乙方"),
            f("n", "fm_notified", "2026-04-02T20:00:00+08:00", ref="x"),
            f("y", "fm_end", "2026-04-03T20:00:00+08:00", ref="x"),
            f("d", "delivered", "2026-04-06T22:00:00+08:00", ref="p")]


@pytest.mark.parametrize("due", [TABLE_DUE, "within 3 days as term"])
def test_force_majeure_moves_the_route_period_on_by_the_days_begun(due):
    """Route 1 picked up Wed 2026-04-01 10:00: 04-02, 04-03, 04-04 → last day Sat 04-04 (Qingming), due 04-05T00:00.
    Force majeure 04-02 08:00 → 04-03 20:00 = 1 day 12 hours → 2 days: 04-04 + 2 = Mon 04-06 (Qingming holiday,
    not moved: agreed) → due 2026-04-07T00:00; delivered 04-06 22:00, in time."""
    report = run(deliver_rules(due, FM_SUSPENSION), FM_FACTS, "2026-05-01")
    assert obligations(report, "deliver") == [("p", "fulfilled", "2026-04-07T00:00:00+08:00", "2026-04-06T22:00:00+08:00")]


@pytest.mark.xfail(strict=True, reason="gap/wrong verdict: 7.2 未按时通知的，不得就通知前的延误主张顺延 — the suspension's "
                   "`where` is tested only at the force-majeure fact, when the notice (12 h later, in time) is not yet "
                   "known, and never again: the duty is reported violated (due 04-05) instead of fulfilled (due 04-07); "
                   "a join `suspended by fm_notified n, fm f` is refused (suspension_one_fact)")
def test_suspension_that_needs_a_timely_notice():
    """Same facts; the notice at 04-02 20:00 is within 24 hours of the force majeure (08:00): the whole pause counts,
    due 2026-04-07T00:00, delivered 04-06 22:00 in time."""
    suspension = ("suspended by fm f where f.party == 乙方 and exists(fm_notified n where n.ref == f.id and "
                  "n.at <= f.at + 24 hours) until fm_end e where e.ref == f.id")
    report = run(deliver_rules("within 3 days as term", suspension), FM_FACTS, "2026-05-01")
    assert obligations(report, "deliver") == [("p", "fulfilled", "2026-04-07T00:00:00+08:00", "2026-04-06T22:00:00+08:00")]


# ------------------------------------------------------------------ 5.1 / 5.3 inspection and cargo damage
INSPECTION = '''
event delivered "签收" { value: money "声明价值" }
event damage_notified "货损通知" { ref: ref (delivered) "签收"  loss: money "实际损失" }
clause "5" "货损" {
  deemed good_order "视为完好交付" {
    for each delivered d unless damage_notified n where n.ref == d.id within 10 days
    at end of 10 days after d
  }
  remedy cargo_damages "货损赔偿" {
    holder 甲方
    for each damage_notified n, delivered d where n.ref == d.id and COND
    amount min(n.loss, d.value)
  }
}
'''


@pytest.mark.parametrize("notified,good_order,damages", [
    ("2026-02-24T23:59:59+08:00", [], [("held", "300.00")]),
    ("2026-02-25T00:00:00+08:00", ["2026-02-25T00:00:00+08:00"], []),
])
def test_inspection_period_over_spring_festival(notified, good_order, damages):
    """Delivered Fri 2026-02-06 14:00; 10 days: 02-07 … 02-16, last day Mon 02-16 (Spring Festival) → a period to
    act in is moved (第203条): 02-17 … 02-20 holidays, 02-21/22 weekend, 02-23 holiday → Tue 02-24, late from
    02-25T00:00.  A notice at 23:59:59 of 02-24 is in time (damages min(¥500.00, ¥300.00 declared) = ¥300.00);
    one at 00:00 of 02-25 is late: deemed delivered in good order at 24:00 of 02-24 (5.2, 第831条), no damages."""
    facts = [f("d", "delivered", "2026-02-06T14:00:00+08:00", value="300.00"),
             f("n", "damage_notified", notified, ref="d", loss="500.00")]
    report = run(INSPECTION.replace("COND", "not exists(good_order g where g.source == d.id)"), facts, "2026-03-10")
    assert events(report, "good_order") == good_order
    assert remedies(report, "cargo_damages") == damages


def test_a_notice_at_the_next_midnight_is_not_within_end_of():
    facts = [f("d", "delivered", "2026-02-06T14:00:00+08:00", value="300.00"),
             f("n", "damage_notified", "2026-02-25T00:00:00+08:00", ref="d", loss="500.00")]
    report = run(INSPECTION.replace("COND", "n.at <= end of 10 days after d"), facts, "2026-03-10")
    assert remedies(report, "cargo_damages") == []


# ------------------------------------------------------------------ 6.1 / 6.2 / 6.3 statement and payment
STATEMENT = '''
event started "开始"
event statement "对账单" { month: text "月份" }
assumption before_includes "“第5个工作日前”是否含当日" = "including" one of ("including", "excluding")
  "“前”不在第1259条所列词中。"
clause "6.1" "对账" {
  obligation monthly_statement "提交上月对账单" {
    debtor 乙方
    creditor 甲方
    every month m from first(started).at until 2025-12-31
    fulfilled by statement s where s.month == m.label counting earlier
    due by if before_includes == "including" then working_day_of_next_month(5, m.end)
      otherwise working_day_of_next_month(4, m.end)
  }
}
'''
STATEMENT_FACTS = [f("a", "started", "2025-09-01T10:00:00+08:00"),
                   f("s9", "statement", "2025-10-14T18:00:00+08:00", month="2025-09")]


@pytest.mark.parametrize("reading,status,due", [
    (None, "fulfilled", "2025-10-15T00:00:00+08:00"),
    ("excluding", "violated", "2025-10-14T00:00:00+08:00"),
])
def test_fifth_working_day_after_national_day_2025(reading, status, due):
    """September's statement “次月第5个工作日前”: October 2025 working days 10-09 (1), 10-10 (2), Sat 10-11 make-up (3),
    10-13 (4), 10-14 (5) → 24:00 of Tue 10-14; submitted 10-14 18:00, in time.  Read “前” as excluding the day (the
    assumption's other reading): 24:00 of 10-13, late.  October's: 11-03 … 11-07 → 24:00 of Fri 11-07."""
    report = run(STATEMENT, STATEMENT_FACTS, "2025-10-20", assume={"before_includes": reading} if reading else None)
    got = obligations(report, "monthly_statement")
    assert got[0] == ("2025-09", status, due, "2025-10-14T18:00:00+08:00")
    assert got[1][2] == ("2025-11-08T00:00:00+08:00" if reading is None else "2025-11-07T00:00:00+08:00")


def test_nth_working_day_of_next_month_shows_the_days_counted():
    report = run(STATEMENT, STATEMENT_FACTS, "2025-10-20")
    because = "\n".join(report["obligations"][0]["because"])
    assert "2025年10月11日（星期六，调休上班日" in because


PAYMENT = '''
event statement "对账单" { amount: money "金额" }
event paid "付款" { amount: money "金额" }
clause "6.2" "付款" {
  obligation pay "支付运费" {
    debtor 甲方
    creditor 乙方
    for each statement s
    fulfilled when sum(p.amount for each paid p) >= s.amount
    within 15 working days
  }
  remedy late "逾期付款违约金" {
    holder 乙方
    for each pay.violated v
    amount 0.05% of max(¥0.00, v.s.amount - sum(p.amount for each paid p)) per day
    recomputed daily
  }
}
'''


@pytest.mark.parametrize("paid,status", [("2026-03-05T23:59:59+08:00", "fulfilled"),
                                         ("2026-03-06T00:00:00+08:00", "violated")])
def test_fifteen_working_days_over_spring_festival(paid, status):
    """Statement received Fri 2026-02-06: 02-09 … 02-13 (1–5), Sat 02-14 make-up (6), [02-15 … 02-23 holidays],
    02-24 … 02-27 (7–10), Sat 02-28 make-up (11), 03-02 … 03-05 (12–15) → 24:00 of Thu 03-05."""
    facts = [f("s", "statement", "2026-02-06T10:00:00+08:00", amount="1000.00"), f("p", "paid", paid, amount="1000.00")]
    report = run(PAYMENT, facts, "2026-04-01")
    assert obligations(report, "pay") == [("s", status, "2026-03-06T00:00:00+08:00", paid)]


def test_part_payment_over_labour_day():
    """March's statement ¥15,000.00 received Wed 2026-04-08 16:00: 04-09, 04-10, 04-13 … 04-17, 04-20 … 04-24,
    04-27, 04-28, 04-29 (15th) → late from 04-30T00:00.  ¥10,000.00 paid 04-29 (before the first late day), the rest
    05-06: 04-30, 05-01 … 05-05 (Labour Day: calendar days count), 05-06 (the day paid) = 7 days × 0.05% × ¥5,000.00
    = 7 × ¥2.50 = ¥17.50."""
    facts = [f("s", "statement", "2026-04-08T16:00:00+08:00", amount="15000.00"),
             f("p1", "paid", "2026-04-29T10:00:00+08:00", amount="10000.00"),
             f("p2", "paid", "2026-05-06T10:00:00+08:00", amount="5000.00")]
    report = run(PAYMENT, facts, "2026-05-15")
    assert obligations(report, "pay") == [("s", "violated", "2026-04-30T00:00:00+08:00", "2026-05-06T10:00:00+08:00")]
    assert remedies(report, "late") == [("held", "17.50")]


# ------------------------------------------------------------------ 4.2 three late deliveries in a calendar month
THREE_LATE = '''
event picked_up "提货"
event delivered "签收" { ref: ref (picked_up) "提货" }
event termination_notified "解除通知" { party: party "解除方" }
clause "3" "交付" {
  obligation deliver "交付" {
    debtor 乙方
    creditor 甲方
    for each picked_up p
    fulfilled by delivered d where d.ref == p.id
    within 3 days as term
  }
}
clause "4.2" "解除" {
  remedy terminate_for_delays "同一自然月内逾期交付3次" {
    holder 甲方
    for each deliver.violated v
      where count(deliver.violated w where month_end(w) == month_end(v) and w.at <= v.at) >= 3
    once
  }
  termination shipper_terminates "甲方解除" {
    for each termination_notified t where t.party == 甲方
    exercises terminate_for_delays held by 甲方
  }
}
'''


def test_a_violation_at_24_00_of_march_31_counts_in_march_and_is_used_at_that_instant():
    """Route 3-day periods picked up 03-06, 03-16, 03-28 (09:00) → late at 24:00 of 03-09, 03-19 and 03-31.  The third
    happens at 2026-04-01T00:00 but belongs to 31 March (an event at 24:00 of D is on D): three in March, the power
    arises then, and 甲方's notice at that same instant uses it: the contract ends at 2026-04-01T00:00.  (There is
    no 'start of the month' or 'month of' function: the rules compare `month_end(w) == month_end(v)`.)"""
    facts = [f("p%d" % i, "picked_up", at) for i, at in enumerate(
        ["2026-03-06T09:00:00+08:00", "2026-03-16T09:00:00+08:00", "2026-03-28T09:00:00+08:00"])]
    facts.append(f("t", "termination_notified", "2026-04-01T00:00:00+08:00", party="甲方"))
    report = run(THREE_LATE, facts, "2026-05-01")
    assert [(r["status"], r["since"], r["exercised_at"]) for r in report["remedies"]] == [("exercised", "2026-04-01T00:00:00+08:00",
                                                                               "2026-04-01T00:00:00+08:00")]
    assert report["contract_life"]["ended"] == "2026-04-01T00:00:00+08:00"


def test_a_violation_at_24_00_of_february_28_does_not_count_in_march():
    """Late at 24:00 of Sat 02-28 (picked up 02-25), 03-09, 03-19: two in March — no power; 甲方's notice of 03-25
    ends nothing (termination_without_right)."""
    facts = [f("p%d" % i, "picked_up", at) for i, at in enumerate(
        ["2026-02-25T09:00:00+08:00", "2026-03-06T09:00:00+08:00", "2026-03-16T09:00:00+08:00"])]
    facts.append(f("t", "termination_notified", "2026-03-25T10:00:00+08:00", party="甲方"))
    report = run(THREE_LATE, facts, "2026-04-01")
    assert report["remedies"] == [] and report["contract_life"].get("ended") is None
    assert "termination_without_right" in [x["code"] for x in report["findings"]]


# ------------------------------------------------------------------ the whole example
B_FACTS = [
    f("s", "contract_signed", "2026-03-01T10:00:00+08:00"),
    f("dp", "deposit_paid", "2026-03-06T10:00:00+08:00", amount="50000.00"),
    *[x for i, (r, c, p) in enumerate([("03-05T09", "03-05T10", "03-06T09"), ("03-15T09", "03-15T10", "03-16T09"),
                                      ("03-27T09", "03-27T10", "03-28T09"), ("04-01T09", "04-01T10", "04-01T15")], 1)
      for x in (f("o%d" % i, "order_received", "2026-%s:00:00+08:00" % r, route=1, freight="5000.00",
                  cargo_value="200000.00"),
                f("c%d" % i, "order_confirmed", "2026-%s:00:00+08:00" % c, ref="o%d" % i),
                f("p%d" % i, "picked_up", "2026-%s:00:00+08:00" % p, ref="o%d" % i))],
    f("d1", "delivered", "2026-03-10T10:00:00+08:00", ref="o1"),
    f("d2", "delivered", "2026-03-21T10:00:00+08:00", ref="o2"),
    f("t", "termination_notified", "2026-04-02T10:00:00+08:00", party="甲方"),
    f("d3", "delivered", "2026-04-03T10:00:00+08:00", ref="o3"),
    f("st3", "statement_submitted", "2026-04-08T16:00:00+08:00", month="2026-03", amount="15000.00"),
    f("pay1", "freight_paid", "2026-04-29T10:00:00+08:00", month="2026-03", amount="10000.00"),
    f("pay2", "freight_paid", "2026-05-06T10:00:00+08:00", month="2026-03", amount="5000.00"),
]


def test_freight_example_terminated_in_the_middle():
    """freight.qy, signed Sun 2026-03-01 10:00.  Deposit 5 working days 03-02 … 03-06 → paid 03-06 in time.
    Route 1 (3 days, not moved): p1 03-06 → late from 03-10 (delivered 03-10: 1 day × ¥25.00); p2 03-16 → late from
    03-20 (delivered 03-21: 2 days, ¥50.00); p3 Sat 03-28 → late at 24:00 of 03-31, a March violation: the third in
    March, 甲方's power at 04-01T00:00; notice 04-02 10:00 ends the contract; p3 delivered 04-03 (04-01, 02, 03: 3
    days, ¥75.00); p4 (04-01) discharged.  March's statement (survives): April working days 04-01, 02, 03, (Qingming
    04-04 … 06), 04-07, 04-08 → 24:00 of 04-08, submitted 04-08 16:00; paid 15 working days → late from 04-30; ¥17.50
    as above.  April's statement (04-01 … the end) survives: May 06, 07, 08, Sat 09 (make-up), 11 → late from 05-12.
    Deposit: 30 days from 04-02 → 04-03 … 05-02 (Sat, Labour Day) → Wed 05-06, late from 05-07; its balance is struck
    when the contract ends: ¥50,000.00 − 25 − 50 − 50 (p3's two days so far) = ¥49,875.00, though p3's damages come
    to ¥75.00 by 04-03 (a trap: the amount is not what is owed when the deposit is returned)."""
    report = run_freight(B_FACTS, "2026-05-15")
    assert report["contract_life"]["ended"] == "2026-04-02T10:00:00+08:00"
    assert [(o[0], o[1], o[2]) for o in obligations(report, "deliver")] == [
        ("p1", "violated", "2026-03-10T00:00:00+08:00"), ("p2", "violated", "2026-03-20T00:00:00+08:00"),
        ("p3", "violated", "2026-04-01T00:00:00+08:00"), ("p4", "discharged", "2026-04-05T00:00:00+08:00")]
    assert remedies(report, "late_delivery_damages") == [("held", "25.00"), ("held", "50.00"), ("held", "75.00")]
    assert [(o[0], o[1], o[2]) for o in obligations(report, "monthly_statement")] == [
        ("2026-03", "fulfilled", "2026-04-09T00:00:00+08:00"), ("2026-04", "violated", "2026-05-12T00:00:00+08:00")]
    assert remedies(report, "late_payment_damages") == [("held", "17.50")]
    assert [(o[1], o[2]) for o in obligations(report, "return_deposit")] == [("violated", "2026-05-07T00:00:00+08:00")]
    assert remedies(report, "deposit_balance") == [("held", "49875.00")]


def test_freight_example_expiry_and_deposit_over_national_day_2026():
    """Signed Mon 2025-09-01 10:00; one year as a term: 2025-09-02 … 2026-09-01, ends at 24:00 of 09-01.  The deposit
    is due back within 30 days: 09-02 … 10-01, last day Thu 10-01 (National Day 10-01 … 10-07) → Thu 10-08, late
    from 2026-10-09T00:00.  The last statement (September 2026: the one day 09-01): October working days 10-08, 10-09,
    Sat 10-10 (make-up), 10-12, 10-13 → late from 10-14.  December 2025's: 01-04 (make-up Sunday), 01-05 … 01-08 →
    late from 2026-01-09."""
    facts = [f("s", "contract_signed", "2025-09-01T10:00:00+08:00"),
             f("dp", "deposit_paid", "2025-09-05T10:00:00+08:00", amount="50000.00")]
    report = run_freight(facts, "2026-10-20")
    assert report["contract_life"]["ended"] == "2026-09-02T00:00:00+08:00"
    assert [(o[1], o[2]) for o in obligations(report, "return_deposit")] == [("violated", "2026-10-09T00:00:00+08:00")]
    statements = {o[0]: o[2] for o in obligations(report, "monthly_statement")}
    assert statements["2025-12"] == "2026-01-09T00:00:00+08:00" and statements["2026-09"] == "2026-10-14T00:00:00+08:00"
    assert len(statements) == 13


def test_chinese_report_names_no_internal_ids():
    from engine.api import evaluate  # noqa: F401  (the text report is what legal staff read)
    import subprocess
    import sys
    import tempfile
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
        out.write("\n".join(json.dumps(x, ensure_ascii=False) for x in B_FACTS))
    text = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(FREIGHT), "--facts", out.name,
                           "--as-of", "2026-05-15", "--format", "text"], capture_output=True, text=True,
                          cwd=ROOT).stdout
    assert "deliver#1.violated" not in text
    assert "shipper_terminates:t" not in text
    assert "10日内未发生 damage_notified" not in text  # (what did not happen is named by its label, its rule beside it)


def test_a_deadline_before_its_trigger_is_flagged():
    rules = CONFIRM.replace("within 2 hours\n", "within 2 hours after o.at.day\n")
    facts = [f("o", "order_received", "2025-09-30T22:30:00+08:00"),
             f("c", "order_confirmed", "2025-09-30T23:00:00+08:00", ref="o")]
    report = run(rules, facts, "2025-10-03")
    assert report["findings"] or obligations(report, "confirm")[0][1] != "violated"


def test_an_instant_at_the_next_midnight_is_after_a_day_end_by_every_operator():
    """`day_end(d.at)` and `end of 1 days after d` are 24:00 of a day: a fact at 00:00 of the next day is after it
    (`>` true, `<=` false) and one at 23:59:59 before it; a fact at 24:00 itself cannot be given (00:00 is the next
    day's)."""
    rules = '''
    event d "交付" { }
    event n "通知" { }
    clause "1" "x" {
      finding late_gt warning "晚于" { for each n x, d y where x.at > day_end(y.at) }
      finding in_le warning "以内" { for each n x, d y where x.at <= end of 1 days after y }
    }
    '''
    def codes(at):
        report = run(rules, [f("d1", "d", "2026-03-02T10:00:00+08:00"), f("n1", "n", at)], "2026-04-01")
        return sorted(x["code"] for x in report["findings"])
    assert codes("2026-03-02T23:59:59+08:00") == ["in_le"]
    assert codes("2026-03-03T00:00:00+08:00") == ["in_le", "late_gt"]  # 1 day: the 3rd, to 24:00
    assert codes("2026-03-04T00:00:00+08:00") == ["late_gt"]


def test_an_attribute_written_without_its_fact_is_suggested_with_it():
    """`amount 10% of freight` in a remedy on `deliver.violated v`: “freight” is no name — the order's attribute is
    `v.o.freight`, and the error says so (是否想写：v.o.freight)."""
    from engine.diagnostics import QiyueError
    rules = '''
    event o "订单" { freight: money "运费" }
    event d "交付" { ref: ref }
    clause "1" "x" {
      obligation deliver "交付" {
        debtor 乙方
        creditor 甲方
        for each o o
        fulfilled by d x where x.ref == o.id
        within 3 days
      }
      remedy late "违约金" {
        holder 甲方
        for each deliver.violated v
        amount 10% of freight
      }
    }
    '''
    with pytest.raises(QiyueError) as exc:
        run(rules, [], "2026-01-01")
    assert [d.did_you_mean for d in exc.value.diagnostics] == ["v.o.freight"]
