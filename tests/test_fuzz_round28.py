"""Fuzz round 28 (`python bench/fuzz.py --seed 2828` and `--seed 2829 --durable`, each `--rules 10000 --facts 50000
--api 2500 --jobs 1 --time-limit 1200`, side by side on two cores with the hand work beside them: 23,070 cases in
1,246 s and 21,285 cases in 1,283 s), then by hand on this session's features — `accelerated by … with later periods`,
caps with rows of unknown amount, `unreachable_case` / `type_mismatch.cap_kind`, aggregates carried per binding, a
contract put in force by a day-alone fact, `fulfilled when` at one instant — with a generator of series rules and
streams (4,180 cases, four instants each: reference = durable = `evaluate_many`), extreme values and pathological sizes (N facts of each
kind at one instant against the seed and the twelve contracts in tests/contracts, N vs 4N).

The fuzzer's own findings, triaged (none real):
- timeouts 2828 rules:688, 2829 rules:1171, rules:1874, rules:78 (rule files of 0.5–1.3 MB made by `repeat`): 2.1–2.5 s
  alone after the runs — their size.  2828 rules:1658, rules:2044, facts:1999 and 2829 rules:1652, facts:6362 (a 2.3 MB
  stream, 4.7 s alone on the durable backend), facts:7908, facts:13724: the fuzzer itself says "slowed by the load".
- `--durable` (2829): no report differed.

Findings (each a strict xfail below):

1. A recurring series whose end falls inside a day — `until first(stop)` with stop at 10:00, a literal
   `day_end(2026-03-14) + 10 hours`, or stop at 00:00 of 03-16 (the very end of 03-15) — leaves its last period with no
   `last_day`: `due by day_end(m.last_day)` is "待定：期限 本期的最后一日当日24时 尚不可知" forever (still so a year
   later; `--strict` exits 3), though the last day is known (the day the end falls in; for 03-16 00:00, 03-15).
   engine/run/evaluator.py `cut_periods` / `_period_of`: `last_day = end.day if end.is_end_of_day() else None`.
2. `with later periods` brings forward at most MAX_ACCELERATED = 10,000 periods (evaluator.py); past them the series
   silently begins "as it would have".  `every month m from 2026-01-01 until 9000-12-31`, declared 2026-03-15: 2026-04
   … 2859-07 arise at the declaration, due 03-15 10:00; 2859-08 onward keep their own dates and deadlines.  No
   finding, no step: a lawyer reading the report sees a declaration of 全部到期 that did not bring everything forward.
3. A declaration made while a duty is suspended: the accelerated deadline (`until end of 5 days after d`: 03-20 24:00,
   set at 03-15) is extended on resumption by the whole pause, including the five days before the deadline was set
   (force majeure 03-10 → 03-25: 15 days → 04-04 24:00).  The later periods the same declaration makes arise during the
   pause and get 10 days → 03-30 24:00.  One declaration, one cause, one new deadline: two results.  The 5 days granted
   at 03-15 were all under the obstacle: 03-30 for both (as for a `for each` duty accelerated while paused, the same).
4. `evaluate_many` / `--as-of A,B` differs from a separate run at B: the findings come in another order when one is
   raised while replaying (`already_terminated`) and another at load (`ref_to_later_fact` to a fact after A).  The API
   promises "each the very report `evaluate` returns at that instant".
5. `fulfilled when` reading its binding, met by many facts of one instant, is quadratic: one duty, `count(paid p where
   p.ref == o.id) >= 1`, N payments at one instant: 500 → 1.2 s, 2,000 → 18.7 s (spread over the hour: 0.02 → 0.06 s);
   N duties, each `exists(note n where n.ref == x.id)`, N notes at one instant: 500 → 2.2 s, 2,000 → 34.8 s.
   evaluator.py `last_of` tests the condition with each fact of the instant hidden, per duty.  Round 27's finding 3
   fixed the condition reading no binding; this is the one that reads it.
6. `count( )` / `sum( )` reading the line's own binding (`for each credit_claimed c where count(credit_claimed d where
   d.month == c.month) > 1`, tests/contracts/saas.qy) is recounted for every fact: quadratic whether the facts share an
   instant or not (1,200 → 0.9 s, 4,800 → 14 s) — `exists( )` of the same shape is carried (linear).  freight.qy 4.2
   (`count(deliver.violated w where month_end(w) == month_end(v) and w.at <= v.at) >= 3`, `once`): 1,000 pickups of one
   day → 1,000 violations at one instant → 24 s, 4,000 → 274 s — and it keeps counting after `once` has fired;
   patentlicence.qy `audit_started` (1,000 → 4.7 s, 4,000 → 68 s).
7. `suspended by` with many causes running together is quadratic: one duty, N force-majeure facts (overlapping):
   500 → 0.24 s, 2,000 → 3.4 s (no duty: 0.03 → 0.05 s).  evaluator.py `try_suspend`: `any(e in c[0].values() for c in
   inst.paused[1])` scans every running cause for each new one.
8. Under `total at most`, a row after one of unknown amount is "无法确定" even where the earlier row's most leaves room
   for it whole: ¥300/hour capped at ¥20,000; row 1 is ¥3,000–¥10,200 (a day-alone restoration, amount_range), row 2
   ¥1,500 (5 known hours) — ¥10,200 + ¥1,500 < ¥20,000, so row 2 is ¥1,500 in any case; the report says "本项在上限内
   可计多少无法确定；之后各项同样待定" and gives null.
9. docs/language.md §4.7a: "宣布的条件读取期间本身（`where d.from <= m.label`）的，从第一个不符合的一期起照常开始" —
   that condition compiles for no attribute type but `one of`: text, date, datetime and int are `type_mismatch`
   ("cannot order text against text with <="), and with `from: one of (a, b)` it compiles and is silently false (a
   label is not one of the words).  (Written with a date — `where m.start <= d.upto` — it works as documented.)

10. Duties falling due at one instant whose violations deem an event are cubic: `for each arrival a … within 1 day`
    and `deemed accepted { for each inspect.violated o  at o }`, N arrivals at one instant (warehouse.qy 3.2/3.3: a
    day's batches): 200 → 0.07 s, 400 → 0.38 s, 800 → 2.8 s; warehouse.qy with 1,000 arrivals 5.6 s, 4,000 331 s.
    evaluator.py `dispatch("due_after_events")` scans the rest of the slot for a derived event and, finding one, puts
    the duty back at its end: each of N duties is put back up to N times, each time scanning N items.  (Already so
    before this session's 454946d, which added the second scan beside it.)

11. A percent as a cap, `each at most 10%` (for `10% of o.b.rent`), is refused at the right place (11:18) with a
    message about the amount: "救济的金额必须是金额（或扣分的分数），而不是百分比；上限与之同类" / "a remedy's amount must
    be money (or points, a number), not percent" — the amount (`c.fee`) is money; the cap is the percent, and no fix is
    offered (write `10% of …`).  Round 27's finding 6, for a percent.

Notes (not findings here):
- A declaration known by its day alone (`"at": "2026-03-15"`) and a payment of a later period at 09:00 that day, no
  `counting earlier`: that period is fulfilled, though the declaration may have come at 10:00 (after it) — the class of
  tests/test_review_round13.py `test_an_exact_act_the_day_of_a_trigger_known_by_its_day` (still a strict xfail).
- With `until` later than a period's own deadline (`until d.at + 99999 hours`), the later periods still arise at the
  declaration, said "以后各期一并提前到期，本期义务于此时产生", their deadlines unchanged — documented ("都于此时产生"),
  though nothing is brought forward.
- `until day_end(2025-01-01)` (before the declaration): the deadline becomes the declaration's instant; the step says
  "提前至 2026年3月15日10时" without saying the rule's instant was earlier.
- `effective when exists(signed)` with a day-alone signing and an exact one at 15:00 the same day: the 4-hour duty's
  latest due is given as 03-10 04:00, not 19:00 — round 13's `_earliest` drops its upper bound (strict xfail there).
- loan.qy `repaid`, 1,000 → 8.7 s, 4,000 → 163 s: the rule itself compares each repayment with every repayment of its
  day (`not exists(repaid y where y.at.day == r.at.day …)`), the same class as finding 6.
- `if true: at …` followed by another `at` is not `unreachable_case` (only an `at` without a condition is looked at).

Held (plain tests below, and by hand): with later periods at the instant a period begins, twice, at as_of exactly,
before the series starts (nothing), after it ends, with the right held and not (used once; a declaration before the
default names accelerated_without_right), with a termination at the same instant (all discharged) and an hour
before/after, `suspended by` before the declaration (later periods arise paused), a condition reading the period
(`m.start <= d.upto`, `m.label != …`); `every day` and a datetime literal in `until` refused naming line, column and
the units expected; series to year 9000 on a calendar-free deadline, 8999 on a working-day one (calendar_year_unknown
naming the fact); weekly series of 1,000–10,000 later periods accelerated at once (linear); N declarations / N
defaults / N repayments (`fulfilled by`) at one instant (linear); rule files of 100 → 400 series clauses (2,000 →
8,000 lines: check 2.6 → 6.1 s, evaluation 0.7 → 2.9 s); caps in money and points with several unknown rows, same-
instant rows, a ¥0 cap; N facts of every kind at one instant against the seed rules (all ~4×) and eleven of the
twelve contracts (all ~4× but the four rule-text counts of finding 6 and loan.qy); a random generator of series rules
(units, ends read from facts, four deadline forms, power, suspension, termination, money/points caps, unknown rows)
and streams with day-alone and midnight instants: reference = durable = `evaluate_many` on every case but finding 4;
English and HTML renderings of the new steps; `watch --once --until` on an accelerated, paused series (reference =
durable, its last states those of `eval`); `--strict` on finding 1 (exits 3, naming calendars or day-alone facts —
neither the cause).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from scaling import ratio  # (shared: the collector held off, CPU time, the best of three)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "rules" / "gzmz-2025-it-ops.qy"


def f(fid, ftype, at, **attrs):
    return json.dumps({"id": fid, "type": ftype, "at": at, **attrs}, ensure_ascii=False)


def both(rules, facts, as_of):
    """The report, checked equal on the durable backend where durable_rules is installed."""
    report = rules.evaluate(facts, as_of)
    try:
        from engine.live import available
    except ImportError:  # pragma: no cover
        available = None
    if available is not None and available():
        assert rules.evaluate(facts, as_of, backend="durable") == report
    return report


def rows(report, name="repay"):
    return [(o["trigger"], o["status"], o["triggered_at"], o["due"]) for o in report["obligations"] if o["name"] == name]


def one(report, name, trigger):
    return next(o for o in report["obligations"] if o["name"] == name and o["trigger"] == trigger)


SERIES = '''contract "T" { calendar official }
party 甲方 "贷款人"
party 乙方 "借款人"
event repaid "还款" { month: text "所还月份" }
event declared "宣布提前到期" { upto: date optional "至" }
event defaulted "违约事件" { }
event stop "租期届满" { }
event fm "不可抗力" { }
event fm_end "不可抗力消除" { ref: ref (fm) "不可抗力" }
event term_notice "解除通知" { }
clause "3" "分期还款" {
  remedy acc "宣布提前到期的权利" {
    holder 甲方
    for each defaulted x
  }
  obligation repay "按月还款" {
    debtor 乙方
    creditor 甲方
    @EVERY@
    fulfilled by repaid r where r.month == m.label
    due by day_end(m.last_day)
    accelerated by declared d@COND@ until end of 5 days after d with later periods@POWER@
    @SUSP@
  }
}
clause "9" "解除" {
  termination by_notice "解除" {
    for each term_notice t
  }
}
'''
MONTHLY = "every month m from 2026-01-01 until 2026-12-31"
SUSPENDED = "suspended by fm f until fm_end e where e.ref == f.id"


def series(every=MONTHLY, power="", susp="", cond=""):
    return compile_rules(SERIES.replace("@EVERY@", every).replace("@POWER@", power).replace("@SUSP@", susp)
                         .replace("@COND@", cond), "series.qy")


DECLARED = f("d", "declared", "2026-03-15T10:00:00+08:00")


# ------------------------------------------------------------------ 1. a series ending inside a day

# FIXED (was a strict xfail: _last_day_of: the day a period cut inside a day ends in)
@pytest.mark.parametrize("stop", ["2026-03-15T10:00:00+08:00", "2026-03-16T00:00:00+08:00"])
def test_the_last_period_of_a_series_ending_inside_a_day_has_that_day_as_its_last(stop):
    """`until first(stop)`, stop 03-15 10:00 (or 03-16 00:00, the end of 03-15): March runs 03-01 → the stop; its last
    day is 03-15, `day_end(m.last_day)` 03-16 00:00: as of 2027 it is violated, not "期限 … 尚不可知"."""
    rules = series(every="every month m from 2026-01-01 until first(stop)")
    march = one(both(rules, [f("e", "stop", stop)], "2027-01-01"), "repay", "2026-03")
    assert (march["status"], march["due"]) == ("violated", "2026-03-16T00:00:00+08:00"), march["because"]


# FIXED (was a strict xfail: _last_day_of: the day a period cut inside a day ends in)
def test_a_written_end_inside_a_day_gives_the_last_period_that_day():
    rules = series(every="every month m from 2026-01-01 until day_end(2026-03-14) + 10 hours")
    march = one(both(rules, [], "2027-01-01"), "repay", "2026-03")
    assert (march["status"], march["due"]) == ("violated", "2026-03-16T00:00:00+08:00"), march["because"]


def test_a_series_ending_at_24_00_keeps_its_last_day():
    """The control: `until day_end(first(stop))`, stop on 03-15 at 10:00 → March ends 03-15 24:00; due then."""
    rules = series(every="every month m from 2026-01-01 until day_end(first(stop))")
    march = one(both(rules, [f("e", "stop", "2026-03-15T10:00:00+08:00")], "2027-01-01"), "repay", "2026-03")
    assert (march["status"], march["due"]) == ("violated", "2026-03-16T00:00:00+08:00")


# ------------------------------------------------------------------ 2. the most periods brought forward at once

# FIXED (was a strict xfail: accelerated_periods_limited)
def test_periods_past_the_most_brought_forward_at_once_are_said(monkeypatch):
    """The engine's bound is 10,000 (a monthly series to 9000-12-31 reaches it at 2859-07); set to 4 here to keep the
    test fast.  Either every later period is brought forward, or the report says which were not and why."""
    from engine.run import evaluator
    monkeypatch.setattr(evaluator, "MAX_ACCELERATED", 4, raising=False)
    report = both(series(), [DECLARED], "2027-01-01")
    got = rows(report)
    assert len(got) == 12
    later = [r for r in got if r[0] >= "2026-04"]
    if all(r[2] == "2026-03-15T10:00:00+08:00" for r in later):
        return
    first_left = next(o for o in report["obligations"] if o["name"] == "repay" and o["trigger"] >= "2026-04"
                      and o["triggered_at"] != "2026-03-15T10:00:00+08:00")
    said = [s["code"] for s in first_left["steps"]] + [x["code"] for x in report["findings"]]
    assert any("accelerat" in code for code in said), (got, said)


def test_later_periods_accelerated_at_once_take_linear_time():
    """A weekly series: ~1,000 vs ~4,000 later periods arising at one declaration."""
    def run(years):
        rules = series(every=f"every week m from 2026-01-05 until {2026 + years}-12-31")
        report = rules.evaluate([DECLARED], "2026-03-16", explain="none")
        assert len(report["obligations"]) > 50 * years
    assert ratio(run, 20, 80) < 8


# ------------------------------------------------------------------ 3. a declaration during a suspension

@pytest.mark.xfail(strict=True, reason="the accelerated deadline set during a pause is extended by the pause before it")
def test_one_declaration_during_a_pause_gives_one_deadline():
    """Force majeure 03-10 10:00 → 03-25 10:00; declared 03-15 10:00, until the end of 5 days after it (03-20 24:00).
    The later periods (arising paused at 03-15): 10 days → 03-30 24:00.  March, paused since 03-10: 04-04 24:00."""
    facts = [f("f", "fm", "2026-03-10T10:00:00+08:00"), DECLARED,
             f("fe", "fm_end", "2026-03-25T10:00:00+08:00", ref="f")]
    report = both(series(susp=SUSPENDED), facts, "2026-06-01")
    dues = {r[0]: r[3] for r in rows(report)}
    assert dues["2026-05"] == "2026-03-31T00:00:00+08:00"
    assert dues["2026-03"] == dues["2026-05"], one(report, "repay", "2026-03")["because"]


def test_later_periods_arising_during_a_pause_are_paused_from_their_arising():
    facts = [f("f", "fm", "2026-03-10T10:00:00+08:00"), DECLARED,
             f("fe", "fm_end", "2026-03-25T10:00:00+08:00", ref="f")]
    may = one(both(series(susp=SUSPENDED), facts, "2026-06-01"), "repay", "2026-05")
    assert may["due"] == "2026-03-31T00:00:00+08:00"
    assert any("中止 10日，期限顺延 10 日" in line for line in may["because"]), may["because"]


# ------------------------------------------------------------------ 4. --as-of A,B and a run at B

FINDINGS_ORDER = '''contract "T" { calendar official }
party 甲方 "甲"
party 乙方 "乙"
event fm "不可抗力" { }
event fm_end "不可抗力消除" { ref: ref (fm) "" }
event term_notice "解除通知" { }
clause "9" "解除" {
  termination by_notice "解除" {
    for each term_notice t
  }
}
'''
ORDER_FACTS = [f("e", "fm_end", "2026-02-28T23:00:00+08:00", ref="f"), f("t1", "term_notice", "2026-03-01T10:00:00+08:00"),
               f("t2", "term_notice", "2026-03-16T00:00:00+08:00"), f("f", "fm", "2026-05-20T09:30:00+08:00")]


# FIXED (was a strict xfail: ref_to_later_fact said after what was due before the fact)
def test_reports_of_several_instants_are_each_the_report_of_that_instant():
    rules = compile_rules(FINDINGS_ORDER, "order.qy")
    alone = rules.evaluate(ORDER_FACTS, "2026-06-01")
    many = rules.evaluate_many(ORDER_FACTS, ["2026-04-01", "2026-06-01"])[1]
    assert [x["code"] for x in many["findings"]] == [x["code"] for x in alone["findings"]]
    assert many == alone


def test_reports_of_several_instants_of_an_accelerated_series_are_those_of_separate_runs():
    rules = series(power=" exercises acc held by 甲方", susp=SUSPENDED)
    facts = [f("x", "defaulted", "2026-03-01T10:00:00+08:00"), f("f", "fm", "2026-03-10T10:00:00+08:00"), DECLARED,
             f("p", "repaid", "2026-03-15", month="2026-05"), f("fe", "fm_end", "2026-03-25T10:00:00+08:00", ref="f")]
    instants = ["2026-03-15T10:00:00+08:00", "2026-03-15", "2026-03-25T10:00:00+08:00", "2026-04-01", "2027-01-01"]
    for at, report in zip(instants, rules.evaluate_many(facts, instants)):
        assert report == both(rules, facts, at), at


# ------------------------------------------------------------------ 5. fulfilled when reading its binding, one instant

WHEN_RULES = '''contract "T" { calendar official }
party 甲方 "甲"
party 乙方 "乙"
event ordered "下单" { }
event paid "付款" { ref: ref (ordered) "订单"
  amount: money "金额" }
clause "3" "x" {
  obligation pay "付" {
    debtor 乙方
    creditor 甲方
    for each ordered o
    fulfilled when @COND@
    within 30 days
  }
}
'''
AT = "2026-03-15T10:00:00+08:00"


def _payments(cond, spread):
    rules = compile_rules(WHEN_RULES.replace("@COND@", cond), "when.qy")

    def run(n):
        facts = [f("o", "ordered", "2026-03-10T10:00:00+08:00")]
        facts += [f(f"p{i}", "paid", f"2026-03-15T10:{i // 60 % 60:02d}:{i % 60:02d}+08:00" if spread else AT,
                    ref="o", amount="1.00") for i in range(n)]
        report = rules.evaluate(facts, "2026-06-01", explain="none")
        assert [o["status"] for o in report["obligations"]] == ["fulfilled"]
    return run


@pytest.mark.xfail(strict=True, reason="last_of hides each fact of the instant in turn and counts again (quadratic)")
def test_fulfilled_when_a_count_of_its_own_payments_at_one_instant_is_linear():
    assert ratio(_payments("count(paid p where p.ref == o.id) >= 1", spread=False), 150, 600) < 6.5


def test_fulfilled_when_a_count_of_its_own_payments_spread_is_linear():
    assert ratio(_payments("count(paid p where p.ref == o.id) >= 1", spread=True), 150, 600) < 8


EXISTS_RULES = WHEN_RULES.replace('event paid "付款" { ref: ref (ordered) "订单"\n  amount: money "金额" }',
                                  'event paid "付款" { ref: ref (ordered) "订单" }')


@pytest.mark.xfail(strict=True, reason="N duties each finding which of N facts of one instant completed it (quadratic)")
def test_many_duties_each_met_by_its_own_fact_at_one_instant_is_linear():
    rules = compile_rules(EXISTS_RULES.replace("@COND@", "exists(paid p where p.ref == o.id)"), "exists.qy")

    def run(n):
        facts = [f(f"o{i}", "ordered", "2026-03-10T10:00:00+08:00") for i in range(n)]
        facts += [f(f"p{i}", "paid", AT, ref=f"o{i}") for i in range(n)]
        report = rules.evaluate(facts, "2026-06-01", explain="none")
        assert {o["status"] for o in report["obligations"]} == {"fulfilled"}
    assert ratio(run, 100, 400) < 6.5


def test_many_duties_each_fulfilled_by_its_own_fact_at_one_instant_is_linear():
    rules = compile_rules(EXISTS_RULES.replace("fulfilled when @COND@", "fulfilled by paid p where p.ref == o.id"),
                          "by.qy")

    def run(n):
        facts = [f(f"o{i}", "ordered", "2026-03-10T10:00:00+08:00") for i in range(n)]
        facts += [f(f"p{i}", "paid", AT, ref=f"o{i}") for i in range(n)]
        rules.evaluate(facts, "2026-06-01", explain="none")
    assert ratio(run, 250, 1000) < 8


# ------------------------------------------------------------------ 6. count( ) of the line's own binding

COUNT_RULES = '''contract "T" { calendar official }
party 甲方 "甲"
party 乙方 "乙"
event claim "申请" { month: date "月" }
clause "4" "x" {
  remedy r "r" {
    holder 甲方
    for each claim c where @COND@
  }
}
'''


def _claims(cond):
    rules = compile_rules(COUNT_RULES.replace("@COND@", cond), "count.qy")

    def run(n):
        facts = [f(f"c{i}", "claim", f"2026-03-10T1{i // 3600}:{i // 60 % 60:02d}:{i % 60:02d}+08:00",
                   month="2026-03-01") for i in range(n)]
        assert len(rules.evaluate(facts, "2026-06-01", explain="none")["remedies"]) >= n - 1
    return run


# FIXED (was a strict xfail: per-binding memo keyed by the attribute values read)
def test_a_count_of_the_facts_sharing_the_triggers_key_is_linear():
    """saas.qy's shape: `count(credit_claimed d where d.month == c.month) > 1`."""
    assert ratio(_claims("count(claim d where d.month == c.month) > 1"), 400, 1600) < 6.5


def test_an_exists_of_the_facts_sharing_the_triggers_key_is_linear():
    assert ratio(_claims("exists(claim d where d.month == c.month and d.id != c.id)"), 400, 1600) < 8


# ------------------------------------------------------------------ 7. many causes of one pause

PAUSE_RULES = '''contract "T" { calendar official }
party 甲方 "甲"
party 乙方 "乙"
event ordered "下单" { }
event repaid "还款" { }
event fm "不可抗力" { }
event fm_end "不可抗力消除" { ref: ref (fm) "" }
clause "3" "x" {
  obligation pay "付" {
    debtor 乙方
    creditor 甲方
    for each ordered o
    fulfilled by repaid r
    within 30 days
    suspended by fm f until fm_end e where e.ref == f.id
  }
}
'''


# FIXED (was a strict xfail: the causes' bound values counted)
def test_a_duty_paused_by_many_causes_at_once_takes_linear_time():
    rules = compile_rules(PAUSE_RULES, "pause.qy")

    def run(n):
        facts = [f("o", "ordered", "2026-03-01T10:00:00+08:00")]
        facts += [f(f"f{i}", "fm", f"2026-03-10T1{i // 3600}:{i // 60 % 60:02d}:{i % 60:02d}+08:00") for i in range(n)]
        assert rules.evaluate(facts, "2026-06-01", explain="none")["obligations"][0]["status"] == "suspended"
    assert ratio(run, 400, 1600) < 6.5


def test_a_pause_of_many_causes_lasts_until_the_last_ends():
    rules = compile_rules(PAUSE_RULES, "pause.qy")
    facts = [f("o", "ordered", "2026-03-01T10:00:00+08:00")]
    facts += [f(f"f{i}", "fm", f"2026-03-0{2 + i}T10:00:00+08:00") for i in range(3)]
    facts += [f(f"e{i}", "fm_end", f"2026-03-0{7 - i}T10:00:00+08:00", ref=f"f{i}") for i in range(3)]
    pay = both(rules, facts, "2026-06-01")["obligations"][0]
    # (03-02 → 03-07: 5 days; 03-31 + 5 = Sun 04-05, 清明 04-05/06 → Tue 04-07, 第203条)
    assert pay["due"] == "2026-04-08T00:00:00+08:00", pay["because"]


# ------------------------------------------------------------------ 8. a cap and a row after one of unknown amount

HOURLY = '''contract "C" { calendar official }
party 甲方 "采购人"
party 乙方 "供应商"
event outage "服务中断" { }
event restored "恢复服务" { ref: ref (outage) "中断" }
clause "2" "恢复" {
  obligation restore "恢复服务" {
    debtor 乙方
    creditor 甲方
    for each outage o
    fulfilled by restored r where r.ref == o.id
    within 4 hours
  }
  remedy late_restore "超时违约金" {
    holder 甲方
    for each restore.violated v
    amount ¥300.00 per hour
    total at most @CAP@
  }
}
'''
HOURLY_FACTS = [f("o1", "outage", "2026-03-03T10:00:00+08:00"), f("o2", "outage", "2026-03-03T11:00:00+08:00"),
                f("r1", "restored", "2026-03-04", ref="o1"), f("r2", "restored", "2026-03-03T20:00:00+08:00", ref="o2")]


def _late_rows(cap):
    report = both(compile_rules(HOURLY.replace("@CAP@", cap), "hourly.qy"), HOURLY_FACTS, "2026-03-10")
    return [(x["amount"], x.get("amount_range")) for x in report["remedies"]]


# FIXED (was a strict xfail: the review's _Unknown with least and most)
def test_a_row_the_cap_holds_whole_whatever_came_before_is_known():
    assert _late_rows("¥20,000.00") == [(None, {"least": "3000.00", "most": "10200.00"}), ("1500.00", None)]


def test_a_row_the_cap_may_cut_after_one_of_unknown_amount_is_unknown():
    """Cap ¥5,000: row 1 ¥3,000–¥10,200 leaves ¥0–¥2,000: row 2 (¥1,500) may be cut — not known.  (Row 1's range is
    its share of the cap, ¥3,000–¥5,000, since the session of 2026-12-07 (07:12–): review round 42; row 2's share,
    what is left of ¥5,000 after ¥3,000–¥5,000 as far as its ¥1,500 reaches, ¥0.00–¥1,500.00, since the session of
    2026-12-07 (18:18–): review round 45.)"""
    assert _late_rows("¥5,000.00") == [(None, {"least": "3000.00", "most": "5000.00"}),
                                       (None, {"least": "0.00", "most": "1500.00"})]


CAPS = '''contract "C" { calendar official }
party 甲方 "采购人"
party 乙方 "供应商"
event claim "索赔" { fee: money optional "金额"
  pts: int optional "分" }
clause "2" "赔偿" {
  remedy damages "赔偿" {
    holder 甲方
    for each claim c
    amount c.fee
    total at most ¥1,000.00
  }
  remedy deduct "扣分" {
    holder 甲方
    for each claim c
    amount c.pts
    total at most 10
  }
}
'''


def test_caps_in_money_and_points_with_unknown_rows_after_the_cap_is_reached():
    facts = [f("c1", "claim", "2026-03-03T10:00:00+08:00", fee="1200.00", pts=12),
             f("c2", "claim", "2026-03-03T11:00:00+08:00"), f("c3", "claim", "2026-03-03T11:00:00+08:00"),
             f("c4", "claim", "2026-03-03T13:00:00+08:00", fee="5.00", pts=1)]
    report = both(compile_rules(CAPS, "caps.qy"), facts, "2026-03-10")
    assert [x["amount"] for x in report["remedies"] if x["name"] == "damages"] == ["1000.00", "0.00", "0.00", "0.00"]
    assert [x["points"] for x in report["remedies"] if x["name"] == "deduct"] == ["10", "0", "0", "0"]


def test_rows_after_several_unknown_rows_are_unknown_in_money_and_points():
    facts = [f("c1", "claim", "2026-03-03T10:00:00+08:00"), f("c2", "claim", "2026-03-03T11:00:00+08:00"),
             f("c3", "claim", "2026-03-03T13:00:00+08:00", fee="5.00", pts=1)]
    report = both(compile_rules(CAPS, "caps.qy"), facts, "2026-03-10")
    assert [x["amount"] for x in report["remedies"]] == [None] * 6
    assert all(x.get("points") is None for x in report["remedies"])


# ------------------------------------------------------------------ 9. the docs' condition reading the period

# FIXED (was a strict xfail: the docs now give m.start <= d.upto)
def test_the_documented_condition_reading_the_period_compiles():
    doc = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
    if "d.from <= m.label" not in doc:
        return
    text = SERIES.replace("@EVERY@", MONTHLY).replace("@POWER@", "").replace("@SUSP@", "") \
        .replace("@COND@", " where d.from <= m.label").replace('{ upto: date optional "至" }', '{ from: text "自" }')
    try:
        compile_rules(text, "doc.qy")
    except QiyueError as err:
        pytest.fail(f"the documented example is refused: {err.diagnostics[0].code}: {err.diagnostics[0].message}")


def test_a_condition_reading_the_period_stops_at_the_first_period_it_does_not_hold():
    rules = series(cond=" where m.start <= d.upto")
    got = rows(both(rules, [f("d", "declared", "2026-03-15T10:00:00+08:00", upto="2026-06-15")], "2026-07-02"))
    assert [r[2] for r in got[3:]] == ["2026-03-15T10:00:00+08:00"] * 3 + ["2026-07-01T00:00:00+08:00"]


# ================================================================== what holds

def test_a_declaration_at_the_instant_a_period_begins_brings_it_and_the_later_ones_forward():
    got = rows(both(series(), [f("d", "declared", "2026-04-01T00:00:00+08:00")], "2026-06-01"))
    assert got[3] == ("2026-04", "violated", "2026-04-01T00:00:00+08:00", "2026-04-08T00:00:00+08:00")
    assert all(r[2:] == ("2026-04-01T00:00:00+08:00", "2026-04-08T00:00:00+08:00") for r in got[3:])


def test_a_second_declaration_moves_nothing_later():
    facts = [DECLARED, f("d2", "declared", "2026-03-16T10:00:00+08:00")]
    got = rows(both(series(), facts, "2026-06-01"))
    assert all(r[3] == "2026-03-21T00:00:00+08:00" for r in got[2:])


def test_as_of_the_declaration_itself_the_later_periods_are_active():
    got = rows(both(series(), [DECLARED], "2026-03-15T10:00:00+08:00"))
    assert [r[1] for r in got] == ["violated", "violated"] + ["active"] * 10


def test_a_declaration_before_the_series_begins_brings_nothing():
    got = rows(both(series(), [f("d", "declared", "2025-12-15T10:00:00+08:00")], "2026-03-02"))
    assert [r[2] for r in got] == ["2026-01-01T00:00:00+08:00", "2026-02-01T00:00:00+08:00",
                                   "2026-03-01T00:00:00+08:00"]


def test_with_the_right_used_once_a_declaration_before_the_default_names_why_it_moves_nothing():
    facts = [f("d0", "declared", "2026-02-15T10:00:00+08:00"), f("x", "defaulted", "2026-03-01T10:00:00+08:00"),
             DECLARED, f("d2", "declared", "2026-03-16T10:00:00+08:00")]
    report = both(series(power=" exercises acc held by 甲方"), facts, "2026-06-01")
    assert [(x["status"], x["exercised_at"]) for x in report["remedies"]] == [("exercised", "2026-03-15T10:00:00+08:00")]
    feb = one(report, "repay", "2026-02")
    assert any("此时没有可行使的权利" in line for line in feb["because"]) and feb["due"] == "2026-03-01T00:00:00+08:00"


@pytest.mark.parametrize("at, periods", [("2026-03-15T10:00:00+08:00", 12), ("2026-03-15T11:00:00+08:00", 12),
                                          ("2026-03-15T09:00:00+08:00", 3)])
def test_a_termination_about_the_declaration_discharges_what_arose(at, periods):
    report = both(series(), [DECLARED, f("t", "term_notice", at)], "2026-06-01")
    got = rows(report)
    assert len(got) == periods and [r[1] for r in got[2:]] == ["discharged"] * (periods - 2)


def test_a_series_to_year_9000_accelerates_on_a_deadline_needing_no_calendar():
    rules = compile_rules(SERIES.replace("@EVERY@", "every month m from 8999-01-01 until 9000-12-31")
                          .replace("@POWER@", "").replace("@SUSP@", "").replace("@COND@", "")
                          .replace(" until end of 5 days after d", ""), "far.qy")
    got = rows(both(rules, [f("d", "declared", "8999-03-15T10:00:00+08:00")], "9000-12-31T23:00:00+08:00"))
    assert len(got) == 24 and got[-1] == ("9000-12", "violated", "8999-03-15T10:00:00+08:00",
                                         "8999-03-15T10:00:00+08:00")


def test_a_declaration_whose_deadline_needs_an_unknown_calendar_names_the_fact():
    rules = series(every="every month m from 8999-01-01 until 9000-12-31")
    with pytest.raises(QiyueError) as err:
        rules.evaluate([f("d", "declared", "8999-03-15T10:00:00+08:00")], "9000-12-31")
    d = err.value.diagnostics[0]
    assert d.code == "calendar_year_unknown" and "8999" in d.message and " d " in d.message


@pytest.mark.parametrize("every, col, expected", [
    ("every day m from 2026-01-01 until 2026-12-31", 11, "months"),
    ("every month m from 2026-01-01 until 2026-03-15T10:00:00+08:00", 51, "+ or -")])
def test_a_series_of_days_or_a_datetime_literal_end_is_refused_where_it_is_written(every, col, expected):
    with pytest.raises(QiyueError) as err:
        compile_rules(SERIES.replace("@EVERY@", every).replace("@POWER@", "").replace("@SUSP@", "")
                      .replace("@COND@", ""), "bad.qy")
    d = err.value.diagnostics[0]
    assert d.code == "syntax_error" and (d.span.line, d.span.column) == (19, col)
    assert expected in d.as_json("en")["message"] + json.dumps(d.as_json("en"), ensure_ascii=False)


def test_many_declarations_at_one_instant_take_linear_time():
    rules = series(power=" exercises acc held by 甲方")

    def run(n):
        facts = [f("x", "defaulted", "2026-03-01T10:00:00+08:00")] + [f(f"d{i}", "declared", AT) for i in range(n)]
        rules.evaluate(facts, "2026-06-01", explain="none")
    assert ratio(run, 500, 2000) < 8


def test_notices_at_one_instant_against_the_seed_take_linear_time():
    from engine.api import compile_file
    rules = compile_file(SEED)
    signed = f("c", "contract_signed", "2025-06-27T10:00:00+08:00")

    def run(n):
        facts = [signed] + [f(f"n{i}", "notice_sent", "2025-09-10T10:00:00+08:00", **{
            "from": "乙方", "to": "甲方", "subject": "staffing", "method": "fax"}) for i in range(n)]
        rules.evaluate(facts, "2025-12-31", explain="none")
    assert ratio(run, 250, 1000) < 8


# ------------------------------------------------------------------ 10. many duties due at one instant, each deeming

DEEMING = '''contract "W" { calendar official }
party 甲方 "存货人"
party 乙方 "保管人"
event arrival "到库" { }
event inspected "验收" { ref: ref (arrival) "批次" }
clause "3" "验收" {
  obligation inspect "入库验收" {
    debtor 乙方
    creditor 甲方
    for each arrival a
    fulfilled by inspected i where i.ref == a.id
    within 1 day
  }
  deemed accepted "视为验收合格" {
    for each inspect.violated o
    at o
  }
}
'''


# FIXED (was a strict xfail: derived_first: the slot's deemed events happen before the duty is decided, not the duty put back behind them)
def test_many_duties_due_at_one_instant_each_deeming_an_event_take_linear_time():
    rules = compile_rules(DEEMING, "deeming.qy")

    def run(n):
        facts = [f(f"a{i}", "arrival", "2026-03-10T10:00:00+08:00") for i in range(n)]
        assert len(rules.evaluate(facts, "2026-04-01", explain="none")["events"]) == n
    assert ratio(run, 200, 800) < 6.5


def test_many_duties_due_at_one_instant_each_deem_their_event_at_it():
    facts = [f(f"a{i}", "arrival", "2026-03-10T10:00:00+08:00") for i in range(3)] + [
        f("i1", "inspected", "2026-03-11T09:00:00+08:00", ref="a1")]
    report = both(compile_rules(DEEMING, "deeming.qy"), facts, "2026-04-01")
    assert [(e["name"], e["at"]) for e in report["events"]] == [("accepted", "2026-03-12T00:00:00+08:00")] * 2


# ------------------------------------------------------------------ 11. a percent as a cap

# FIXED (was a strict xfail: type_mismatch.cap_percent)
def test_a_percent_cap_is_refused_naming_the_cap_and_how_to_write_it():
    with pytest.raises(QiyueError) as err:
        compile_rules(CAPS.replace("total at most ¥1,000.00", "each at most 10%"), "pct.qy")
    d = err.value.diagnostics[0]
    assert d.code == "type_mismatch" and (d.span.line, d.span.column) == (11, 18)
    zh, en = d.as_json("zh"), d.as_json("en")
    assert "金额必须是金额" not in zh["message"] and "amount must be money" not in en["message"], (zh, en)
    assert "of" in en.get("hint", ""), en
