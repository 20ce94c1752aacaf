"""A fresh reviewer's round 40 on 635b9e6..HEAD.  Each case is a few lines of rules and facts, every figure counted by
hand next to it.  Strict xfails assert what is right; `test_passing_...` are what was checked and holds.

Calendar (official, chinese_calendar, checked in test_passing_calendar_days_relied_on): 2026 — Mon 03-02 … Fri 03-06,
Mon 03-09 … Fri 03-13 working; Sat 03-07, Sun 03-08 rest.  `within N days` counts from the day after the trigger
(民法典第201条) and ends at 24:00 of the N-th day (= 00:00 of the next, as the report writes `due`); `within N hours`
ends N hours after the instant (第201条第2款); a last day that is a working day is not moved (第203条).

Found (strict xfails):

1. `each day counted once` + `lapses when accrued(r) >= ¥3.00` (evaluator._in_order_of_arising vs accrued_total).
   Orders o1 (¥100.00) and a2 (¥50.00), both Mon 03-02 10:00, each to be delivered within 3 days: 03-03, 03-04,
   03-05 → due 03-05 24:00 (= 03-06 00:00), neither delivered; r = 1% of the amount a day: o1's row ¥1.00 a day, a2's
   ¥0.50 a day, both from 03-06 00:00.  Every day is counted once, by one row.  The report (accruals) lets o1's row
   count the days (rows of one instant by what set them off: o1's content sorts first), so r has accrued ¥1.00 at
   03-06 00:00, ¥2.00 at 03-07, ¥3.00 at 03-08 00:00: `lapses when` holds then — lapsed at 03-08 00:00, ¥3.00 in all.
   (Had a2's row counted the days: ¥0.50 × 6 = ¥3.00 at 03-11 00:00 — ¥3.00 in all too: r can never come to more
   than the ¥3.00 at which it lapses, rows of ¥1.00 and ¥0.50 a day.)  The engine lapses r at 03-11 00:00 (the lapse
   test, accrued_total, still counts the rows of one instant in the order they were made — a2 first, its id sorting
   first) and reports o1's row at 6 × ¥1.00 = ¥6.00; as of 03-09 r is "held" at ¥4.00.  With ids o1/o2 the same
   stream gives ¥3.00, lapsed at 03-08 — the ids decide again.  Before this change (635b9e6) the report and the
   lapse test counted in one order (the ids'): ¥3.00 in all whatever the ids (o1/a2: a2's row ¥3.00, lapsed 03-11).

2. Evaluator.excuse (at, fact) through Evaluator.excused (no fact): a duty set off by a fact of its day alone
   ("2026-03-04") whose exception already holds is excused "——该条件于 2026年3月4日0时 成立" / "holding from 4 March
   2026, 00:00": an hour the record never gave (before the change no instant was said).  And with a known trigger
   (03-04 09:00) and force majeure since Mon 03-02 10:00, the English says "holding from 4 March 2026, 09:00" — the
   condition held two days before.

3. `each day counted once` over rows of one `.at` but of two days: a days duty due 24:00 of Wed 03-04 and an hours
   duty (38 hours from Tue 03-03 10:00) ending 00:00 of Thu 03-05.  The 24:00 row arose first (the engine's own
   order: 24:00 of D before 00:00 of D+1, compiler._at_and_day, the report's "3月4日24时" / "3月5日0时"), and before
   the change it counted the days; now the rows are sorted by `.at` alone and then by their facts' content, so the
   name of the fact kind decides (`order` → ¥6.00/¥0.00, `zorder` → ¥0.00/¥3.00).

4. explain.from_words words every root that is not `time:` as a period (period_label_zh): a fact whose id is
   "2026-03" or "2026-Q1" is cited "（源自 2026年3月）" / "（源自 2026年第1季度）" — ids no fact line has.

Checked and holding (plain tests or probes): joined_later_that_day for hours (4, 30) and days (2) periods, either fact
of the join first, the known-time fact at 00:00, three facts (two known, one of its day alone; two of the day alone),
the day-alone fact a day earlier; 24:00 of a day a termination of that day alone came (duties due then discharged,
an event deemed at 24:00 not deemed, a surviving duty on it not set off), the seed's four such cases through
`evaluate`, `evaluate_many`, a Session and the durable backend at instants inside the day, at its 24:00 and after;
PHASE_DAY_END (the seed's day-alone installment payment) the same four ways; the compiler's `_per_binding` for a
pure part before the key (`or`, `not`, party tests; `exists`, `count`, `sum`, `not exists`, with and without
`g.at <= m.at`) against the reference compiler on 1,000+ random streams with facts of a day alone and at 00:00, and
against a Session fed each instant's facts shuffled one by one; `lapses when` on a fact at the row's own instant
(one-off and per day, either id first); no_power's not_yet / held_from through evaluate, evaluate_many, Session,
durable; the watch's words for twin duties (triggered, fulfilled, violated, zh/en); `--as-of` in Chinese.
"""
import json
import textwrap
from datetime import date

import pytest

from engine.api import compile_rules

HEAD = '''\
contract "X" { calendar official }
party 甲方 "甲" as buyer
party 乙方 "乙" as supplier
'''


def compiled(rules, head=HEAD):
    return compile_rules(head + textwrap.dedent(rules), "x.qy")


def f(fid, ftype, at, **attrs):
    return {"id": fid, "type": ftype, "at": at, **attrs}


def lines(facts):
    return [json.dumps(x, ensure_ascii=False) for x in facts]


def run(rules, facts, as_of, **kw):
    return rules.evaluate(lines(facts), as_of, **kw)


def test_passing_calendar_days_relied_on():
    import chinese_calendar as cc
    working = ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-09", "2026-03-10",
               "2026-03-11", "2026-03-12", "2026-03-13"]
    assert all(cc.is_workday(date.fromisoformat(d)) for d in working)
    assert not any(cc.is_workday(date.fromisoformat(d)) for d in ["2026-03-07", "2026-03-08"])


# ================================================================== 1. each day counted once and `lapses when accrued`

ORDERS = '''
event signed "签署"
event order "订单" { n: int 1..5 "号"  amount: money "金额" }
event deliver "交付" { n: int 1..5 "号" }
clause "1" "生效" { effective eff "生效" { when exists(signed) } }
clause "2" "交付" {
  obligation ob "交付" {
    debtor 乙方
    creditor 甲方
    for each order o
    fulfilled by deliver d where d.n == o.n
    within 3 days
  }
  remedy r "违约金" {
    holder 甲方
    for each ob.violated v
    amount 1% of v.o.amount per day
    MORE
  }
}
'''
ONCE_LAPSE = compiled(ORDERS.replace("MORE", "each day counted once\n    lapses when accrued(r) >= ¥3.00"))
TOTAL_LAPSE = compiled(ORDERS.replace("MORE", "total at most ¥3.00\n    lapses when accrued(r) >= ¥3.00"))
SIGNED = f("s", "signed", "2026-03-02T09:00:00+08:00")


def _orders(big, small):
    """``big``: the id of the ¥100.00 order (¥1.00 a day late), ``small``: of the ¥50.00 one (¥0.50 a day)."""
    return [SIGNED, f(big, "order", "2026-03-02T10:00:00+08:00", n=1, amount="100.00"),
            f(small, "order", "2026-03-02T10:00:00+08:00", n=2, amount="50.00")]


def _rows(rules, facts, as_of, **kw):
    """(status, amount) of r's rows, the ¥1.00-a-day row (order n=1) first."""
    rep = run(rules, facts, as_of, explain="words", **kw)
    out = {}
    for r in rep["remedies"]:
        big = any("号 1，" in line for line in r["because"])
        out[big] = (r["status"], r["amount"])
    return [out[True], out[False]]


def test_passing_each_day_counted_once_lapses_at_three_yuan_with_ids_o1_o2():
    """o1 counts the days: ¥1.00 (03-06), ¥2.00 (03-07), ¥3.00 at 03-08 00:00 → lapsed; o2's row counts none."""
    assert _rows(ONCE_LAPSE, _orders("o1", "o2"), "2026-03-20") == [("lapsed", "3.00"), ("lapsed", "0.00")]


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (00:06–): one order for the rows of a remedy everywhere they are counted (evaluator._in_order_of_arising in accruals, accrued_total, row_lapses_woken), by (instant, day), then by what set them off)
def test_each_day_counted_once_lapses_at_three_yuan_whatever_the_ids():
    rows = _rows(ONCE_LAPSE, _orders("o1", "a2"), "2026-03-20")
    assert [s for s, _ in rows] == ["lapsed", "lapsed"]
    assert sum(float(a) for _, a in rows) == 3.0          # whichever row counts the days: r lapses at ¥3.00
    assert rows == [("lapsed", "3.00"), ("lapsed", "0.00")]  # the report's own order: o1's row counts them


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (00:06–): one order for the rows of a remedy everywhere they are counted (evaluator._in_order_of_arising in accruals, accrued_total, row_lapses_woken), by (instant, day), then by what set them off)
def test_each_day_counted_once_is_not_held_past_its_lapse_amount():
    rows = _rows(ONCE_LAPSE, _orders("o1", "a2"), "2026-03-09")
    assert sum(float(a) for _, a in rows) <= 3.0          # under any order of counting: held at most ¥3.00
    assert rows == [("lapsed", "3.00"), ("lapsed", "0.00")]


def test_passing_total_at_most_with_lapse_splits_the_cap_by_the_rates_whatever_the_ids():
    """total at most ¥3.00 + lapses at ¥3.00: 03-06 ¥1.00 + ¥0.50, 03-07 again → ¥3.00 at 03-07 00:00: lapsed,
    o1's row ¥2.00, the other ¥1.00 — with either id."""
    for small in ("o2", "a2"):
        assert _rows(TOTAL_LAPSE, _orders("o1", small), "2026-03-20") == [("lapsed", "2.00"), ("lapsed", "1.00")]


# ================================================================== 2. an excuse's instant (Evaluator.excuse: at, fact)

FAULTS = compiled('''
event fault "故障" { n: int "号" }
event fixed "修复" { n: int "号" }
event fm "不可抗力"
clause "1" "x" {
  obligation fix "修复" {
    debtor 乙方
    creditor 甲方
    for each fault f
    fulfilled by fixed x where x.n == f.n
    within 2 days
    excused if exists(fm)
  }
}
''')


def _excused_line(facts, lang="zh"):
    rep = run(FAULTS, facts, "2026-03-20", explain="words", lang=lang)
    (o,) = rep["obligations"]
    assert o["status"] == "excused"
    (line,) = [x for x in o["because"] if x.startswith("免除") or x.startswith("excused")]
    return line


def test_passing_an_excuse_by_a_fact_of_its_day_alone_cites_that_day():
    """Fault Wed 03-04 09:00; force majeure recorded "2026-03-05" (day alone) while the 2 days (03-05, 03-06) run:
    excused, the condition said to hold on 03-05 without an hour, the fact named."""
    said = _excused_line([f("f", "fault", "2026-03-04T09:00:00+08:00", n=1), f("m", "fm", "2026-03-05")])
    assert "该条件于 2026年3月5日 成立" in said and "（m）" in said


def test_passing_an_excuse_by_a_fact_of_known_time_cites_its_instant():
    said = _excused_line([f("f", "fault", "2026-03-04T09:00:00+08:00", n=1), f("m", "fm", "2026-03-05T11:00:00+08:00")])
    assert "该条件于 2026年3月5日11时 成立" in said


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (00:06–): Evaluator.excused: an exception that held as the duty arose is said to hold then (arose, cited of its day alone where the trigger was), not to come to hold at that instant)
def test_an_excuse_at_a_trigger_of_its_day_alone_invents_no_hour():
    facts = [f("m", "fm", "2026-03-02T10:00:00+08:00"), f("f", "fault", "2026-03-04", n=1)]
    said = _excused_line(facts)
    assert "2026年3月4日" in said and "0时" not in said
    assert "00:00" not in _excused_line(facts, "en")


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (00:06–): Evaluator.excused: an exception that held as the duty arose is said to hold then (arose, cited of its day alone where the trigger was), not to come to hold at that instant)
def test_an_excuse_that_held_before_the_duty_is_not_said_to_hold_from_its_arising():
    said = _excused_line([f("m", "fm", "2026-03-02T10:00:00+08:00"), f("f", "fault", "2026-03-04T09:00:00+08:00",
                                                                       n=1)], "en")
    assert "holding from 4 March 2026, 09:00" not in said


# ================================================================== 3. rows of one instant: 24:00 of a day before 00:00 of the next

def _two_deadlines(days_kind):
    """A days duty on ``days_kind`` (due 24:00 of a day) and an hours duty on `rush` (due 00:00 of the next), one
    remedy over both, every day counted once."""
    return compiled(f'''
    event {days_kind} "订单" {{ n: int 1..5 "号"  amount: money "金额" }}
    event rush "急单" {{ n: int 1..5 "号"  amount: money "金额" }}
    event deliver "交付" {{ n: int 1..5 "号" }}
    clause "2" "交付" {{
      obligation ob "交付" {{
        debtor 乙方
        creditor 甲方
        for each {days_kind} o
        fulfilled by deliver d where d.n == o.n
        within 1 days
      }}
      obligation ob2 "急交付" {{
        debtor 乙方
        creditor 甲方
        for each rush o
        fulfilled by deliver d where d.n == o.n
        within 38 hours
      }}
      remedy r "违约金" {{
        holder 甲方
        for each ob.violated v
        for each ob2.violated v
        amount 1% of v.o.amount per day
        each day counted once
      }}
    }}
    ''')


def _day_rows(days_kind):
    """Order (¥100.00, days duty) and rush (¥50.00, hours duty) both Tue 03-03 10:00.  The order: 1 day → Wed 03-04
    (a working day) → due 24:00 of 03-04, its row arising then (¥1.00 a day).  The rush: 38 hours → 00:00 of Thu 03-05,
    that end instant still in time (第1259条 / language.md), late just after it: its row arises at 03-05 0时 (¥0.50 a
    day).  Both run the days 03-05 … 03-10 (6 days begun by 03-10 00:00).  The row that arose first — at 24:00 of
    03-04, before 00:00 of 03-05 — counts them: 6 × ¥1.00 = ¥6.00; the rush row none."""
    rep = run(_two_deadlines(days_kind), [
        f("a", days_kind, "2026-03-03T10:00:00+08:00", n=1, amount="100.00"),
        f("b", "rush", "2026-03-03T10:00:00+08:00", n=2, amount="50.00")], "2026-03-10", explain="words")
    return sorted((r["since_cn"], r["amount"]) for r in rep["remedies"])


def test_passing_the_row_of_24_00_counts_the_days_first():
    assert _day_rows("order") == [("2026年3月4日24时", "6.00"), ("2026年3月5日0时", "0.00")]


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (00:06–): one order for the rows of a remedy everywhere they are counted (evaluator._in_order_of_arising in accruals, accrued_total, row_lapses_woken), by (instant, day), then by what set them off)
def test_the_row_of_24_00_counts_the_days_first_whatever_the_kinds_are_named():
    assert _day_rows("zorder") == [("2026年3月4日24时", "6.00"), ("2026年3月5日0时", "0.00")]


# ================================================================== 4. a fact's id shaped like a period (explain.from_words)

@pytest.mark.parametrize("fid", ["2026-03", "2026-Q1"])
def test_passing_a_fact_id_shaped_like_a_period_is_the_duties_trigger(fid):
    rep = run(ONCE_LAPSE, [SIGNED, f(fid, "order", "2026-03-02T10:00:00+08:00", n=1, amount="100.00")], "2026-03-07")
    assert [o["trigger"] for o in rep["obligations"]] == [fid]


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (00:06–): explain: a root is named as a period only where the derived event's bindings hold a PeriodValue of that label (derived.period))
@pytest.mark.parametrize("fid", ["2026-03", "2026-Q1"])
def test_a_fact_id_shaped_like_a_period_is_cited_as_written(fid):
    rep = run(ONCE_LAPSE, [SIGNED, f(fid, "order", "2026-03-02T10:00:00+08:00", n=1, amount="100.00")], "2026-03-07",
              explain="words")
    (r,) = rep["remedies"]
    assert f"（源自 {fid}）" in r["because"][0]
