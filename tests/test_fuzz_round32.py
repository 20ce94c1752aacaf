"""Fuzz round 32: what the last sessions added — `each at least` (每笔不低于) beside caps and totals, a remedy's own
`lapses when` (per row, reading the trigger's aliases), `recomputed daily` with a deemed event, facts known by their
day alone on as_of's day and a termination of a day alone, `excused if` of several parts, date attributes near 1900
and 9000, `evaluate_many` / `qiyue eval --as-of A,B,C`, the live Session fed facts out of order, duplicate ids, odd and
huge inputs.

What was run (scratch scripts outside the repository; every case seeded):

- Differential, on the seven small contracts of tests/test_review_round34.py (fees with `each at least`, with `each at
  least` + `each at most` + `total at most`, with a row's own lapse on a payment; the payment of a day alone; the
  termination of a day alone; the exception of three parts; the arrears carried at year end, `recomputed daily`):
  random streams of 1–6 facts, a third of them known by their day alone, 00:00 / 08:00 / 10:00 / 12:00 / 23:59 on
  the days that matter, each at four instants (00:00, 09:00, 12:00, 23:59:59 of those days, 07-30): 1,900 streams
  each — the durable backend = the reference, the facts shuffled and reversed = as listed, `evaluate_many` = single
  runs.  No disagreement but finding 5.  Live sessions on the same streams (the facts of an instant shuffled, some
  added after the clock reached their instant — the rebuild —, a line given twice, a report at every instant), 1,110
  streams per backend: every report = `evaluate` of the lines added so far — but finding 2.
- The same on tests/contracts powersupply, finlease, furniture, brokerage, construction, labour, patentlicence,
  devsoft, loan, saas, freight, property, warehouse, advert (round 29's stream, a day alone in 35 % of the facts,
  as-of instants at a fact, on its day alone, at 12:00 of its day, any day): 60–200 streams each, and sessions fed
  line by line (60 each): one report but finding 5.
- `each at least` counted by hand against one-shot, per-day, per-hour, `recomputed daily` amounts, with `each at
  most`, `total at most`, `lapses when`, a floor reading the trigger, an amount of nothing, payments and bills known by
  their day alone: findings 3 and 4.  `each at least` twice is `duplicate_part`; `-¥1.00` a syntax error.
- A row's own `lapses when` reading a verdict reached by time (`pay.violated`, `remind.violated`) or a deemed event
  (`carried` at year end): each lapses (guards).  Exceptions of two and three parts, first false part a verdict, a
  parameter, `passed( )`, `not exists( )`: as counted (guards).
- Date attributes 1900-01-01 … 9000-12-31 through `day_end`, `± 1 days / 1 months / 1 years / 400 years`,
  `month_end`, `quarter_end`, `year_end`, `day_of_month`, `working_day_from`, `end of N (working) days after` on both
  backends, as of 2026 and 9000-12-31 23:59:59: no traceback; a calendar count reaching a year without a calendar
  stops with calendar_year_unknown at the rule's line (documented).
- `--as-of` lists: duplicates, one instant in two offsets, unordered, `A,`, `,A`, `A,,B`, `A;B`, years 1899 / 9001,
  `24:00`, `now`: read (one report per distinct instant, in time order) or bad_as_of naming which of how many (exit 1).
  As-of instants in other offsets fall in the contract's day (day_alone_at_as_of as at +08:00).
- Odd input: amounts 1e400 (number and string), 1e-400, "1e3", "0x10", "+1000.00", "1_000.00", " 1000.00 ",
  full-width digits, "¥1千", "1000元", "RMB1000", "1 000.00", "00.10", ".5", "1000.": refused at the line and column;
  "1,000.5", "¥1000.00", "￥1,000.00", -0, 1000: read.  installment 1e400 / 1.0 / true refused.  A NUL escaped in a
  type (unknown type), a lone surrogate in an id, a BOM inside a line (column 91), a BOM at the head of line 2 (dropped,
  on purpose), a week date, an ordinal date, "24:00", nine decimals of a second, full-width and Arabic-Indic digits:
  refused on their line.  Python objects through `session.add`: NaN, ±inf, bytes, a set, a tuple key, a dict holding
  itself, a dict 5,000 deep, an int of 5,000 digits: each a QiyueError, no traceback.  A 10 MB (and 20 MB) id through
  eval and a session: kept whole, linear (0.77 s a 10 MB in `changes()`); a 10 MB unknown key: refused at column 67.
- bench/fuzz.py --seed 3201 --jobs 1 --time-limit 600: finding 9.
- Live changes (`session.changes`, zh and en) of this session's constructs: finding 10.
- Scaling (CPU time, best of two, at N and 4N): N rows of a row's own lapse and N payments a second apart (finding 6);
  the lapse not reading the trigger: linear.  N bills carried at year end (`recomputed daily`, `exists(carried …)`):
  ×4.2 per doubling at 400 → 800 (noted below).  N payments of one instant or of one day alone, each of its own duty
  (`fulfilled when sum/exists(… where p.ref == o.id)`): quadratic — round 28's finding 5 (still a strict xfail there;
  a day alone is one instant, 00:00, so the same).  As-of instants at 00:00 of days with facts of a day alone: linear;
  within those days: finding 8.

Calendar (chinese_calendar.is_workday, 2026): 06-01 Mon, 06-02 Tue, 06-05 Fri, 06-11 Thu, 06-12 Fri, 06-15 Mon working;
06-06 Sat, 06-13 Sat, 06-19 (端午) not.  The periods below are `as term` or of hours: no day moves.

Defects (each a strict xfail below).  Review round 35, run beside this round, found 2, 5, 6 and 14 too (its 15, 14,
20 and 9) and 7 and 17 (its 1 and 19, fixed in 6df0529 before this file was committed: guards now); the others are new.

1. An id written with an invisible character — "p\\u200b1", "p\\ufeff1", "p\\u20601" — beside "p1" is a second fact: two
   payment lines a reader sees as one line given twice (which the engine takes as one fact) pay a ¥1,000.00 bill with
   ¥500.00 + ¥500.00.  The engine refuses an NFC/NFD twin (conflicting_id.form) and names a reference's invisible
   near-miss (`_near_id`), but not an id's.  Right: refused on the second line.
2. A live session refuses a fact known by its day alone once its clock is past 00:00 of that day (after a timed fact
   of that day, or an `advance` to 12:00): fact_before_clock "事实 “p” 发生于 2026-06-05T00:00:00+08:00" — the fact
   says only the day, and `eval` takes it (undetermined as of 12:00, fulfilled as of 24:00).  `qiyue watch` on a file
   listing an order, a fact of 06-05 10:00, then the payment "2026-06-05" refuses the payment and prints the duty
   violated at 06-12 (eval of the file: fulfilled).  Right: taken, the report eval's.
3. `each at least ¥1.00` leaves a one-shot amount that rounds to ¥0.00 at ¥0.00: a ¥2.00 bill's 0.2 % (¥0.004) is
   ¥0.00, a ¥2.50 bill's (¥0.005) ¥1.00, while a per-day ¥0.0002 is ¥1.00 (powersupply 5.1 “总额不足1元的，按1元收取”;
   docs: only an amount of nothing — nothing owed — stays nothing).  Right: ¥1.00.
4. `each at least` against a per-hour amount whose hours are known only between two counts (the payment known by its
   day alone): 1 to 24 hours × ¥0.0002, both ends under ¥1.00, is reported "金额无法确定" (null), where `each at most`
   below the lesser count decides the amount (docs §5 accrued_hours_range).  Right: ¥1.00 (with `each at most ¥0.50`:
   ¥0.50).
5. `evaluate_many` (and `qiyue eval --as-of A,B`) copies the `day_alone_at_as_of` finding of its LAST instant, when
   that instant falls within the day of a fact known by its day alone, into every earlier report: as of 06-02 the
   report says the payment of 06-05 "可能发生在报告时刻之后" — the single run at 06-02 says nothing.  The API promises
   each report is the very report `evaluate` returns.
6. A row's own `lapses when` reading the trigger's aliases (`lapses when exists(paid p where p.ref == b.id)`) is tested
   for every row at each fact of a kind it reads: N bills then N payments a second apart, each lapsing its own row,
   ×13 at 200 → 800 on both backends (a lapse not reading the trigger: ×3.9).  Linear is right: the payment names its
   bill.
7. (FIXED on main in 6df0529 while this round ran; review round 35's defect 1.)  `each at least ¥1.00` floored a
   one-shot amount recomputed to ¥0.00 — `max(¥0.00, o.b.amount − sum(paid …))`
   `recomputed daily`, the bill paid in full after the row arose at ¥1,000.00 — to ¥1.00 ("本笔计得 ¥0.00，不足
   ¥1.00，按 ¥1.00 计"); the same ¥0.00 at the row's start stays ¥0.00.  Right: ¥0.00 (docs §5: "本项金额本身为零的
   （没有欠交的金额），仍为零").  Finding 3 stands after the fix: a one-shot ¥0.004, owed, is still taken as
   nothing.
8. `evaluate_many` with an instant inside each of many days that have a fact known by its day alone replays every fact
   again per such instant: n days, n instants at 12:00 — 400 → 0.24 s, 800 → 0.73, 1600 → 2.6 (at 00:00 of each day:
   0.02 → 0.06, linear).  A year's stream asked at noon of each day is as slow as 365 separate runs.
9. A UTF-8 fact file that is ASCII but for an emoji (or U+0085) in an id is refused as "UTF-8 or GBK cannot be told"
   (GB18030 reads F0 9F 98 80 as 馃榾, C2 85 as 聟): bench/fuzz.py --seed 3201, cases facts:178 and facts:3230
   (wrong_refusal:odd_char_in_id — the bench's docstring lists "U+2028 or U+0085 inside an id" as valid beyond
   doubt).  Right: UTF-8.  (U+2028, U+2029, U+3000, 中: read; "café" refused alike — the design, not tested.)
10. A row's own lapse is told by a live session (`qiyue watch`) as "因合同终止而失效" / "lapsed with the end of the
   contract" (change:remedy_lapsed) — the contract runs on; a remedy's lapse not reading the trigger is told
   "消灭：… ——存在付款，此后不再享有" (change:remedy_lapsed.when, with its condition).  Right: the latter.
11. An exception completed by a fact known by its day alone on the day a period of hours runs out is taken as before
   the deadline: the report due 06-05 10:00 (48 hours), a waiver "2026-06-05" → `excused`, no finding — the waiver
   at 09:00 excuses, at 11:00 it does not (民法典第590条第2款, which the engine applies), and the report itself given
   as "2026-06-05" is `undetermined`.  Also with two parts (`exists(paid p) and exists(waiver w)`, paid 06-04) and
   `late_a or exists(waiver w)`.  Right: undetermined.
12. A remedy's `lapses when` completed by a fact known by its day alone is taken at 00:00 of that day: a fine of
   ¥100.00 an hour from 06-05 10:00, cured "2026-06-06", is `lapsed` ¥1,400.00 (14 hours) as certain — cured at 23:59
   it is ¥3,800.00; right: not known (null), as the docs give a late performance of a day alone (accrued_hours_range).
   Cured "2026-06-05", the day the row arises at 10:00: no row and no finding — cured at 09:00 no row, at 13:30 a
   lapsed row; right: the row undetermined.
13. `for each rep.violated v unless cured c within 5 hours` (or `1 days`) met by a cure known by its day alone on the
   day of the violation (10:00) is taken as in time: no fine, no finding — a cure at 09:00 precedes the violation and
   counts for nothing (the fine held), at 14:00 it is in time.  The duty `fulfilled by cured c within 5 hours` of the
   same file is `undetermined` on the same fact.  Right: the row undetermined.
14. A per-hour row (not `survives`) ended by a termination known by its day alone is counted to 00:00 of that day:
   terminated "2026-06-06", the fine from 06-05 10:00 is ¥1,400.00 as certain (at 23:00 ¥3,700.00).  Right: not known
   (null), as finding 12.
15. What rests on a verdict left undetermined is silently absent: the report "2026-06-05" against 06-05 10:00 leaves
   rep `undetermined`; `for each claim c where exists(rep.violated v)` and `… where exists(rep.fulfilled v)` are both
   `inactive` — though one of them certainly arises at the claim of 06-08 —, and the fine `for each rep.violated v`
   has no row, no finding.  Right: each undetermined (docs, status `undetermined`: "A duty, right or termination whose
   condition rests on an undetermined verdict is undetermined too").
16. `each at most` / `each at least` / `settled by` written twice: duplicate_part names the part by its code — "救济 fee
   写了两处row_cap" / "row_floor" / "settled", en "says `row_cap` twice" — where `total at most` and `lapses when` are
   named “累计不超过”, “消灭于”.
17. (FIXED on main in 6df0529, accrued_cycle.floor; review round 35's defect 19.)  `each at least accrued(fee)` (or
   through a param) was refused as accrued_cycle.cap, whose words spoke of a cap:
   "累计上限或每笔上限（经由 accrued( )）…上限要等合计算出才知道" / "the cap of remedy fee".  Right: the least.
18. A remedy of points counted by the day (`amount 0.5 per day`: the report's `points` 4.5) is explained in money:
   "共 9 日 × 每日 ¥0.50 = ¥4.50" (the step `accrued` encodes per_day and total as money).  Right: points (or `per
   day` refused for points).
19. Exceptions of several parts are tested again for every open duty at each fact of a kind they read: N orders, each
   duty `excused if exists(waiver w where w.ref == o.id) and not exists(misc m)`, N waivers each of its own order —
   200 → 0.03 s, 400 → 0.11, 800 → 0.39, 1600 → 1.55; `exists(misc m) and exists(waiver …)` with N unrelated misc
   facts 0.06 → 3.84, `count(misc m) > 100000` 0.05 → 3.14 (×4 per doubling, both backends).  The one part `exists(
   waiver w where w.ref == o.id)`: linear.  (The part-by-part testing of d6d1427, `excuse_guards`.)
20. `once per b.month` takes a fact known by its day alone as the first of its day (00:00): bills of May "2026-06-01"
   ¥500.00 and 06-01 10:00 ¥800.00, ¥500.00 paid → the ¥500.00 bill decides, `fulfilled`; the other way round
   `violated` — no finding either way.  Had the day-alone bill come at 11:00 the other decides (powersupply 4.x
   “同一月份的通知单重复送达的，以第一次为准”).  Right: undetermined.
21. A notice of termination known by its day alone on the day the power's period of hours runs out (`exercise within
   48 hours` from 06-03 10:00: until 06-05 10:00) is taken as in time: the power `exercised`, the contract ended
   06-05 00:00, no finding — the notice at 11:00 is termination_without_right and the contract runs on.  Right:
   termination_hour_unknown (the docs' word for a notice of a day alone whose ground's timing that day decides) or
   the power undetermined.
22. A contract's effect (`when exists(deposit d)`) completed by a fact known by its day alone on the day its `lapses
   when passed(48 hours since first(signed))` runs out (06-05 10:00) is in force from 06-05 00:00, silently — the
   deposit at 11:00 leaves it never in force (contract_never_in_force, 民法典第158条).  Right: not told (a finding,
   or what it sets off undetermined).
Findings 11–14 and 20–22 are one family: a fact known by its day alone is taken at 00:00 of its day wherever an
instant within that day decides — an exception, a lapse, an `unless … within`, the end of a per-hour count, `once
per`, a power's period, an effect's lapse — where the same fact against a deadline of hours (a performance) is
undetermined.

Noticed, not tested:
- `each at least o.b.floor` / `each at most o.b.cap` whose attribute is absent (optional): the bound is skipped and the
  amount given as certain (¥0.01 where the floor is unknown) — a silent guess, or a choice; the docs say nothing.
- A row's own lapse (reading the trigger) already true when the row arises (cured 09:00, the row at 10:00 of a period
  of hours whose end instant is in time) is `lapsed` ¥100.00 — one hour counted "起至 10时（本项消灭之时）共计 1
  小时", though no hour began (the remedy-level lapse gives no row); the rule "权利产生即至少计1小时" against "该时刻不计".
- N bills carried at year end (tests/test_review_round34.py CARRIED): 100 → 0.05 s, 200 → 0.16, 400 → 0.65, 800 → 2.7
  (×3.6–4.2 per doubling): `exists(carried y where y.b.id == o.b.id)` in a `recomputed daily` amount, recounted per row.
- A live session refuses a fact of the clock's instant whose ref names a fact of the same instant not yet added
  (unknown_ref), where eval, seeing the file, takes it; `ahead` refs are the documented way.
- `"at": "2025-08-01T10+08:00"` (hours alone) and `"2025-08-01 10:00:00+08:00"` (a space) are read; a time without an
  offset is Beijing time (documented).
- A guarantee `valid_until` 2030+ with `end of 10 days after g.valid` stops an evaluation as of 2026 with
  calendar_year_unknown, though the deadline is years away (documented: `calendar fallback undetermined` avoids it).
"""
from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "rules" / "gzmz-2025-it-ops.qy"


def f(fid, ftype, at, **attrs):
    return json.dumps({"id": fid, "type": ftype, "at": at, **attrs}, ensure_ascii=False)


def T(day, hm="10:00"):
    return f"{day}T{hm}:00+08:00"


def _durable():
    try:
        from engine.live import available
    except ImportError:  # pragma: no cover
        return False
    return available()


BACKENDS = ("reference", "durable") if _durable() else ("reference",)


def run(rules, facts, as_of):
    """The report, checked equal on the durable backend and with the facts listed backwards."""
    got = rules.evaluate(facts, as_of)
    if _durable():
        assert rules.evaluate(facts, as_of, backend="durable") == got
    assert rules.evaluate(facts[::-1], as_of) == got
    return got


def codes(rep):
    return [x["code"] for x in rep["findings"]]


def duties(rep, name=None):
    return [(o["trigger"], o["status"]) for o in rep["obligations"] if name in (None, o["name"])]


def rows(rep, name=None):
    return [(x["status"], x["amount"]) for x in rep["remedies"] if name in (None, x["name"])]


def growth(fn, small, big):
    """CPU time at ``big`` over CPU time at ``small`` (each the best of two)."""
    def best(n):
        out = []
        for _ in range(2):
            start = time.process_time()
            fn(n)
            out.append(time.process_time() - start)
        return min(out)
    fn(small)  # (warm)
    return best(big) / max(best(small), 2e-3)


def at_second(day, i):
    return f"{day}T1{i // 3600}:{i // 60 % 60:02d}:{i % 60:02d}+08:00"


HEAD = '''contract "F-32" "模糊测试" {
  calendar official
}
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
'''

# ================================================================== the contracts

# A bill paid by payments naming it; 10 days as term: a bill of Mon 06-01 10:00 is due by 06-11 24:00, violated at
# 06-12 00:00.  A fee on the violation (`@AMT@`, `@BOUND@`), a power to cut that lapses when `@LAPSE@`.
BILLS = HEAD + '''event bill "账单" { amount: money "金额"  floor: money optional "最低" }
event paid "付款" { ref: ref (bill) "所付"  amount: money "金额" }
clause "3" "付款" {
  obligation pay "付款" {
    debtor 乙方
    creditor 甲方
    for each bill b
    fulfilled when sum(p.amount for each paid p where p.ref == b.id) >= b.amount
    within 10 days as term
  }
}
clause "5" "违约金" {
  remedy fee "违约金" {
    holder 甲方
    for each pay.violated o
    amount @AMT@
    @BOUND@
  }
  remedy cut "中止权" {
    holder 甲方
    for each pay.violated o
    lapses when @LAPSE@
  }
}
'''

_COMPILED: dict = {}


def bills(amount="o.b.amount × 0.2% per day", bound="each at least ¥1.00",
          lapse="exists(pay.performed_late y where y.b.id == o.b.id)"):
    key = (amount, bound, lapse)
    if key not in _COMPILED:
        _COMPILED[key] = compile_rules(BILLS.replace("@AMT@", amount).replace("@BOUND@", bound)
                                       .replace("@LAPSE@", lapse), "bills.qy")
    return _COMPILED[key]


def bill(amount, at=T("2026-06-01"), fid="b1"):
    return f(fid, "bill", at, amount=amount)


def paid(at, amount, ref="b1", fid="p1"):
    return f(fid, "paid", at, ref=ref, amount=amount)


# An order paid within 10 days (days from 06-02: due 06-11 24:00, i.e. 06-12 00:00).
_PAY_SRC = HEAD + '''event ordered "订货" { }
event paid "付款" { }
event misc "其他" { }
clause "3" "付款" {
  obligation pay "付款" {
    debtor 甲方
    creditor 乙方
    for each ordered o
    fulfilled by paid p
    within 10 days
  }
}
'''
PAY = compile_rules(_PAY_SRC, "pay.qy")
O = f("o", "ordered", T("2026-06-01"))
P_DAY = f("p", "paid", "2026-06-05")

# ================================================================== 1. guards: odd input refused where it stands

AMOUNT = '{"id": "b1", "type": "bill", "at": "2026-06-01T10:00:00+08:00", "amount": @V@}'


@pytest.mark.parametrize("raw", ["1e400", '"1e400"', "1e-400", '"1e3"', '"0x10"', '"+1000.00"', '"1_000.00"',
                                 '" 1000.00 "', '"１０００.００"', '"¥1千"', '"1000元"', '"RMB1000"', '"1 000.00"',
                                 '"00.10"', '".5"', '"1000."', '"1,0000.00"', "NaN", "true"])
def test_passing_an_amount_in_no_accepted_form_is_refused_at_its_line_and_column(raw):
    with pytest.raises(QiyueError) as e:
        bills().load_facts([bill("1.00", fid="b0"), AMOUNT.replace("@V@", raw)])
    d = e.value.diagnostics[0]
    assert (d.code, d.span.file, d.span.line, d.span.column) == ("bad_attribute", "<facts>", 2, 65)
    assert d.text("zh") and d.text("en")


@pytest.mark.parametrize("raw, amount", [('"1,000.5"', "1000.50"), ('"¥1000.00"', "1000.00"),
                                         ('"￥1,000.00"', "1000.00"), ("-0", "0.00"), ("1000", "1000.00"),
                                         ('"1,000,000.00"', "1000000.00")])
def test_passing_an_amount_in_an_accepted_form_is_read_exactly(raw, amount):
    (e,) = bills().load_facts([AMOUNT.replace("@V@", raw)])
    assert f"{e.attrs['amount']:.2f}" == amount


SEED_SIGNED = f("f1", "contract_signed", "2025-06-27T10:00:00+08:00")
SEED_PAY = '{"id": "p1", "type": "payment_made", "at": "2025-08-01T10:00:00+08:00", "installment": 1, "amount": "1.00"}'


@pytest.mark.parametrize("line, code, column", [
    (SEED_PAY.replace('"payment_made"', '"payment_made\\u0000"'), "unknown_event_type", 22),
    (SEED_PAY.replace('"p1"', '"\\udc80"'), "bad_fact", 1),
    (SEED_PAY.replace('"amount"', '\ufeff"amount"'), "bad_json", 91),
    (SEED_PAY.replace('"installment": 1', '"installment": 1e400'), "bad_attribute", 73),
    (SEED_PAY.replace("2025-08-01T10:00:00+08:00", "2025-W31-5"), "bad_time", 38),
    (SEED_PAY.replace("2025-08-01T10:00:00+08:00", "2025-213"), "bad_time", 38),
    (SEED_PAY.replace("2025-08-01T10:00:00+08:00", "2025-08-01T10:00:00.123456789+08:00"), "bad_time", 38),
    (SEED_PAY.replace("2025-08-01T10:00:00+08:00", "1899-12-31"), "bad_time", 38),
])
def test_passing_an_odd_seed_fact_line_is_refused_on_its_line(line, code, column, tmp_path):
    path = tmp_path / "odd.jsonl"
    path.write_text(SEED_SIGNED + "\n" + line + "\n", encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(SEED), "--facts", str(path), "--as-of",
                        "2026-07-31", "--format", "json"], capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 1 and "Traceback" not in p.stderr, p.stderr
    (err,) = json.loads(p.stdout)["errors"]
    assert (err["code"], err["line"], err["column"]) == (code, 2, column)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), b"1.00", {1}, True, 10 ** 5000],
                         ids=["nan", "inf", "bytes", "set", "true", "int of 5001 digits"])
def test_passing_an_odd_python_value_through_a_session_is_refused(value):
    s = bills().session()
    with pytest.raises(QiyueError):
        s.add({"id": "b1", "type": "bill", "at": T("2026-06-01"), "amount": value})


def test_passing_a_fact_dict_holding_itself_or_nested_deep_through_a_session_is_refused():
    looped = {"id": "b1", "type": "bill", "at": T("2026-06-01"), "amount": "1.00"}
    looped["self"] = looped
    deep = {"id": "b1", "type": "bill", "at": T("2026-06-01"), "amount": "1.00"}
    x = deep
    for _ in range(5000):
        x["n"] = {}
        x = x["n"]
    for fact in (looped, deep):
        with pytest.raises(QiyueError) as e:
            bills().session().add(fact)
        assert e.value.diagnostics[0].code == "unwritable_fact"


def test_passing_a_ten_megabyte_id_is_kept_whole_in_a_session():
    big = "x" * (10 * 2 ** 20)
    s = PAY.session()
    s.add(f(big, "ordered", T("2026-06-01")))
    s.advance("2026-06-20")
    s.changes()
    assert duties(s.report()) == [(big, "violated")]


def test_passing_a_ten_megabyte_unknown_key_is_refused_at_its_column():
    with pytest.raises(QiyueError) as e:
        PAY.session().add('{"id": "o", "type": "ordered", "at": "2026-06-01T10:00:00+08:00", "zz": "%s"}'
                          % ("x" * (10 * 2 ** 20)))
    d = e.value.diagnostics[0]
    assert (d.code, d.span.line, d.span.column) == ("unknown_attribute", 1, 67)


# ================================================================== 2. guards: --as-of lists, offsets

def _cli(rules_path, facts, as_of, tmp_path):
    path = tmp_path / "facts.jsonl"
    path.write_text("\n".join(facts) + "\n", encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(rules_path), "--facts", str(path), "--as-of",
                        as_of, "--format", "json"], capture_output=True, text=True, cwd=ROOT)
    assert p.returncode in (0, 1) and "Traceback" not in p.stderr, p.stderr
    return p.returncode, json.loads(p.stdout)


@pytest.mark.parametrize("as_of, keys", [
    ("2026-06-20,2026-06-02,2026-06-20", ["2026-06-02T00:00:00+08:00", "2026-06-20T00:00:00+08:00"]),
    ("2026-06-02T02:00:00Z,2026-06-02T10:00:00+08:00", ["2026-06-02T10:00:00+08:00"]),
    ("2026-06-20, 2026-06-02", ["2026-06-02T00:00:00+08:00", "2026-06-20T00:00:00+08:00"])])
def test_passing_an_as_of_list_gives_one_report_per_distinct_instant_in_time_order(as_of, keys, tmp_path):
    rules_path = tmp_path / "pay.qy"
    rules_path.write_text(_PAY_SRC, encoding="utf-8")
    rc, out = _cli(rules_path, [O], as_of, tmp_path)
    assert rc == 0 and list(out) == keys
    assert out[keys[-1]]["obligations"] == PAY.evaluate([O], keys[-1])["obligations"]


@pytest.mark.parametrize("as_of, which", [("2026-06-20,", "第 2 个（共 2 个）"), (",2026-06-20", "第 1 个（共 2 个）"),
                                          ("2026-06-02,,2026-06-20", "第 2 个（共 3 个）"),
                                          ("1899-12-31,2026-06-20", "第 1 个（共 2 个）")])
def test_passing_an_empty_or_impossible_instant_in_an_as_of_list_is_named(as_of, which, tmp_path):
    rules_path = tmp_path / "pay.qy"
    rules_path.write_text(_PAY_SRC, encoding="utf-8")
    rc, out = _cli(rules_path, [O], as_of, tmp_path)
    (err,) = out["errors"]
    assert rc == 1 and err["code"] == "bad_as_of" and which in err["message"]



@pytest.mark.parametrize("as_of, status", [("2026-06-04T20:00:00-08:00", "undetermined"),
                                           ("2026-06-05T04:00:00Z", "undetermined"),
                                           ("2026-06-04T16:00:00Z", "fulfilled"),
                                           ("2026-06-05T15:59:59Z", "undetermined"),
                                           ("2026-06-05T16:00:00Z", "fulfilled")])
def test_passing_an_as_of_in_another_offset_falls_in_the_contracts_day(as_of, status):
    """Paid "2026-06-05" (Beijing): as of 06-05 00:00 +08:00 (06-04 16:00 Z) it is seen, within that day (12:00, 23:59:59
    +08:00, written in -08:00 or Z) it may come later (undetermined, said), at its 24:00 it came."""
    rep = run(PAY, [O, P_DAY], as_of)
    assert duties(rep) == [("o", status)]
    assert ("day_alone_at_as_of" in codes(rep)) is (status == "undetermined")


# ================================================================== 3. guards: each at least, counted by hand

@pytest.mark.parametrize("amount, bound, facts, fee", [
    # ¥0.10 × 0.2% = ¥0.0002 a day, 06-12 .. 06-12 (paid 06-12 10:00, that day counted): ¥0.0002 → ¥1.00
    ("o.b.amount × 0.2% per day", "each at least ¥1.00", [bill("0.10"), paid(T("2026-06-12"), "0.10")], "1.00"),
    # ¥1,000.00: ¥2.00 a day; unpaid, 06-12 .. 06-20 (as_of 06-20 00:00, that day begun): 9 days, ¥18.00 ≥ ¥1.00
    ("o.b.amount × 0.2% per day", "每笔不低于 ¥1.00", [bill("1000.00")], "18.00"),
    # a bill of ¥0.00 is paid by nothing at once: no violation, no row (guard below: no rows)
    # a one-shot ¥2.50 × 0.2% = ¥0.005 → ¥0.01 → floored ¥1.00; ¥1,000.00 × 0.2% = ¥2.00 stays
    ("o.b.amount × 0.2%", "each at least ¥1.00", [bill("2.50")], "1.00"),
    ("o.b.amount × 0.2%", "each at least ¥1.00", [bill("1000.00")], "2.00"),
    # per hour, the payment timed: 06-12 00:00 .. 10:00 is 10 hours × ¥0.0002 = ¥0.002 → ¥1.00
    ("o.b.amount × 0.2% per hour", "each at least ¥1.00", [bill("0.10"), paid(T("2026-06-12"), "0.10")], "1.00"),
    # the least first, then the cap: ¥1.00 → ¥0.50
    ("o.b.amount × 0.2% per day", "each at least ¥1.00\n    each at most ¥0.50", [bill("0.10")], "0.50"),
    # a floor reading the trigger: the bill's own floor ¥2.00
    ("o.b.amount × 0.2% per day", "each at least o.b.floor",
     [f("b1", "bill", T("2026-06-01"), amount="0.10", floor="2.00")], "2.00"),
    # a bill known by its day alone "2026-06-01": due 06-11 24:00 all the same; ¥2.00 a day × 9 days
    ("o.b.amount × 0.2% per day", "each at least ¥1.00", [bill("1000.00", at="2026-06-01")], "18.00"),
])
def test_passing_each_at_least_counted_by_hand(amount, bound, facts, fee):
    rep = run(bills(amount, bound), facts, "2026-06-20")
    assert rows(rep, "fee") == [("held", fee)]


def test_passing_each_at_least_beside_a_total():
    """Two bills of ¥0.10, each row floored to ¥1.00; `total at most ¥1.50`: the first ¥1.00, the second ¥0.50."""
    rep = run(bills(bound="each at least ¥1.00\n    total at most ¥1.50"),
              [bill("0.10"), bill("0.10", fid="b2")], "2026-06-20")
    assert sorted(rows(rep, "fee")) == [("held", "0.50"), ("held", "1.00")]


RECOMPUTED_BALANCE = "max(¥0.00, o.b.amount - sum(p.amount for each paid p where p.ref == o.b.id))\n    recomputed daily"


def test_passing_an_amount_of_nothing_at_its_start_stays_nothing():
    """A one-shot ¥0.00 (`o.b.amount × 0%`) on a violated ¥1,000.00 bill: nothing, not the floor."""
    rep = run(bills("o.b.amount × 0%"), [bill("1000.00")], "2026-06-20")
    assert rows(rep, "fee") == [("held", "0.00")]


def test_passing_a_recomputed_balance_left_under_the_floor_is_floored():
    """¥1,000.00 bill; the one-shot balance recomputed as payments come: ¥1,000.00 at 06-12 00:00, ¥999.50 paid 06-12
    10:00 → ¥0.50 still owed, something, under ¥1.00 → ¥1.00."""
    rep = run(bills(RECOMPUTED_BALANCE), [bill("1000.00"), paid(T("2026-06-12"), "999.50")], "2026-06-20")
    assert rows(rep, "fee") == [("held", "1.00")]


def test_passing_a_row_lapsed_on_its_payment_keeps_its_floor():
    """¥0.10 bill paid 06-12 10:00: its power to cut lapses then (its own payment), the fee (¥0.0002 for 06-12) is
    ¥1.00; a second bill unpaid keeps its power."""
    rep = run(bills(lapse="exists(paid p where p.ref == o.b.id)"),
              [bill("0.10"), bill("0.10", fid="b2"), paid(T("2026-06-12"), "0.10")], "2026-06-20")
    assert sorted(rows(rep, "cut")) == [("held", None), ("lapsed", None)]
    assert rows(rep, "fee") == [("held", "1.00"), ("held", "1.00")]


# ================================================================== 4. guards: a row's own lapse by a verdict or a
# deemed event; exceptions of several parts

LAPSE = HEAD + '''event bill "账单" { amount: money "金额" }
event paid "付款" { ref: ref (bill) "所付"  amount: money "金额" }
event waived "豁免" { ref: ref (bill) "所涉" }
clause "3" "付款" {
  obligation pay "付款" {
    debtor 乙方
    creditor 甲方
    for each bill b
    fulfilled when sum(p.amount for each paid p where p.ref == b.id) >= b.amount
    within 5 days
  }
}
clause "5" "x" {
  deemed carried "跨年" {
    for each pay.violated o
    at year_end(o.b) "年末"
  }
  remedy cut "中止权" {
    holder 甲方
    for each bill b
    lapses when @LAPSE@
  }
}
'''


@pytest.mark.parametrize("lapse, as_of, status", [
    # bill 2025-12-20 10:00, 5 days → violated 12-25 24:00; carried 12-31 24:00
    ("exists(pay.violated v where v.b.id == b.id)", "2025-12-25T23:59:59+08:00", "held"),
    ("exists(pay.violated v where v.b.id == b.id)", "2025-12-26", "lapsed"),
    ("exists(carried y where y.b.id == b.id)", "2025-12-31T23:59:59+08:00", "held"),
    ("exists(carried y where y.b.id == b.id)", "2026-01-01", "lapsed")])
def test_passing_a_rows_own_lapse_by_a_verdict_or_a_deemed_event_reached_by_time(lapse, as_of, status):
    rules = compile_rules(LAPSE.replace("@LAPSE@", lapse), "l.qy")
    rep = run(rules, [f("b", "bill", T("2025-12-20"), amount="1000.00")], as_of)
    assert [(x["trigger"], x["status"]) for x in rep["remedies"]] == [("b", status)]


EXCUSE = HEAD + '''event ordered "订货" { }
event paid "付款" { }
event waiver "豁免" { }
event report "报告" { }
param late_a = exists(pay_a.violated v)
clause "3" "付款" {
  obligation pay_a "付款" {
    debtor 甲方
    creditor 乙方
    for each ordered o
    fulfilled by paid p
    within 10 days
  }
  obligation rep "报告" {
    debtor 乙方
    creditor 甲方
    for each ordered o
    fulfilled by report p
    within 20 days
    excused if @EXC@ "免"
  }
}
'''
W2 = f("w", "waiver", T("2026-06-02"))


@pytest.mark.parametrize("exc, facts, as_of, status", [
    # pay_a of 06-01 10:00 unpaid is violated at 06-12 00:00 (10 days from 06-02), before rep's 06-22 00:00
    ("late_a and exists(waiver w)", [O, W2], "2026-06-10", "active"),
    ("late_a and exists(waiver w)", [O, W2], "2026-06-30", "excused"),
    ("exists(waiver w) and late_a", [O, W2], "2026-06-30", "excused"),
    ("exists(pay_a.violated x) and exists(waiver w) and not exists(paid p)", [O, W2], "2026-06-30", "excused"),
    # passed(5 days since o): days from 06-02, 06-02 .. 06-06, run out at 06-06 24:00
    ("passed(5 days since o) and exists(waiver w)", [O, W2], "2026-06-06T23:59:59+08:00", "active"),
    ("passed(5 days since o) and exists(waiver w)", [O, W2], "2026-06-07T00:00:00+08:00", "excused"),
    # paid 06-02 before the waiver 06-03: `not exists(paid p)` never held with the waiver — rep violated at 06-22
    ("not exists(paid p) and exists(waiver w)", [O, f("p", "paid", T("2026-06-02")), f("w", "waiver", T("2026-06-03"))],
     "2026-06-30", "violated"),
    # the waiver 06-02 before the payment 06-03: the exception held on 06-02 — excused from then
    ("exists(waiver w) and not exists(paid p)", [O, W2, f("p", "paid", T("2026-06-03"))], "2026-06-30", "excused"),
])
def test_passing_an_exception_of_several_parts_reading_the_state(exc, facts, as_of, status):
    rules = compile_rules(EXCUSE.replace("@EXC@", exc), "e.qy")
    assert duties(run(rules, facts, as_of), "rep") == [("o", status)]


# ================================================================== 5. guards: a termination of a day alone

ENDS = compile_rules(HEAD + '''event terminated "解除通知" { party: party "一方" }
event incident "事故" { }
event notified "通报" { ref: ref (incident) "所涉" }
clause "5" "解除" {
  termination buyer_ends "甲方解除" {
    for each terminated t where t.party == 甲方
  }
}
clause "6" "事故" {
  obligation notify "通报" {
    debtor 乙方
    creditor 甲方
    for each incident x
    fulfilled by notified n where n.ref == x.id
    within 2 hours
  }
}
''', "ends.qy")
TJ = f("tj", "terminated", "2026-06-05", party="甲方")


@pytest.mark.parametrize("incident, status", [
    (T("2026-06-04", "23:00"), "undetermined"),  # due 06-05 01:00: the end that day may come before or after it
    (T("2026-06-04", "20:00"), "violated"),      # due 06-04 22:00: violated before the day of the end began
    ("2026-06-04", "undetermined")])             # due 06-04 02:00 .. 06-05 02:00
def test_passing_a_duty_due_on_the_day_of_an_end_known_by_the_day_alone(incident, status):
    rep = run(ENDS, [TJ, f("x", "incident", incident)], "2026-06-10")
    assert duties(rep) == [("x", status)]
    assert rep["contract_life"]["ended"] == "2026-06-05T00:00:00+08:00"


# ================================================================== 6. guards: date attributes at 1900 and 9000

GIVEN = HEAD + '''event given "保函" { valid: date "有效期至" }
clause "3" "保函" {
  obligation renew "续期" {
    debtor 甲方
    creditor 乙方
    for each given g
    fulfilled by given h where h.at > g.at
    due by @DUE@
  }
}
'''


@pytest.mark.parametrize("due, valid, at, as_of, status, when", [
    ("day_end(g.valid)", "1900-01-01", "1900-01-01T10:00:00+08:00", "2026-07-01", "violated",
     "1900-01-02T00:00:00+08:00"),
    ("day_end(g.valid + 1 days)", "1900-12-31", "1900-01-01T10:00:00+08:00", "2026-07-01", "violated",
     "1901-01-02T00:00:00+08:00"),
    ("day_end(g.valid - 1 years)", "9000-12-31", T("2026-06-01"), "9000-12-31T23:59:59+08:00", "violated",
     "9000-01-01T00:00:00+08:00"),
    ("day_end(g.valid)", "9000-01-01", T("2026-06-01"), "9000-12-31T23:59:59+08:00", "violated",
     "9000-01-02T00:00:00+08:00"),
    ("month_end(g.valid)", "9000-12-31", T("2026-06-01"), "2026-07-01", "active", "9001-01-01T00:00:00+08:00"),
    ("day_end(g.valid + 400 years)", "9000-12-31", T("2026-06-01"), "2026-07-01", "active",
     "9401-01-01T00:00:00+08:00")])
def test_passing_a_deadline_from_a_date_near_1900_or_9000(due, valid, at, as_of, status, when):
    rules = compile_rules(GIVEN.replace("@DUE@", due), "g.qy")
    rep = run(rules, [f("g", "given", at, valid=valid)], as_of)
    (o,) = rep["obligations"]
    assert (o["status"], o["due"]) == (status, when)


def test_passing_a_calendar_count_from_a_date_of_1900_stops_at_the_rules_line():
    rules = compile_rules(GIVEN.replace("@DUE@", "end of 3 working days after g.valid"), "g.qy")
    with pytest.raises(QiyueError) as e:
        rules.evaluate([f("g", "given", T("2026-06-01"), valid="1900-01-01")], "2026-07-01")
    d = e.value.diagnostics[0]
    assert (d.code, d.span.file, d.span.line) == ("calendar_year_unknown", "g.qy", 13)


# ================================================================== 7. guards: backends, orders, replays, sessions on
# random streams

DAYS = ["2026-06-01", "2026-06-02", "2026-06-05", "2026-06-06", "2026-06-11", "2026-06-12", "2026-06-15"]


def _at(rng, days):
    d = rng.choice(days)
    if rng.random() < 0.3:
        return d
    return T(d, rng.choice(["00:00", "08:00", "10:00", "12:00", "23:59"]))


def _bill_stream(rng):
    facts = [bill(rng.choice(["0.10", "1000.00", "500.00"]), _at(rng, DAYS[:3]), f"b{i}")
             for i in range(rng.randint(1, 3))]
    ids = [json.loads(x)["id"] for x in facts]
    facts += [paid(_at(rng, DAYS), rng.choice(["0.10", "500.00", "1000.00"]), rng.choice(ids), f"p{j}")
              for j in range(rng.randint(0, 3))]
    return facts


def _instants(rng):
    out = {"2026-07-30"}
    for _ in range(3):
        d = rng.choice(DAYS)
        out.add(rng.choice([d, T(d, "00:00"), T(d, "09:00"), T(d, "12:00"), T(d, "23:59")]))
    return sorted(out, key=lambda a: a if "T" in a else a + "T00:00")


@pytest.mark.parametrize("bound", ["each at least ¥1.00", "each at least ¥1.00\n    each at most ¥3.00\n    "
                                   "total at most ¥5.00"])
def test_passing_random_bill_streams_agree_across_backends_orders_and_sessions(bound):
    rules = bills(bound=bound, lapse="exists(paid p where p.ref == o.b.id and p.amount >= o.b.amount)")
    for k in range(25):
        rng = random.Random(f"3201:{bound}:{k}")
        facts = _bill_stream(rng)
        ats = _instants(rng)
        singles = []
        for a in ats:
            single = rules.evaluate(facts, a)
            singles.append(single)
            shuffled = facts[:]
            rng.shuffle(shuffled)
            assert rules.evaluate(shuffled, a) == single
            if _durable():
                assert rules.evaluate(facts, a, backend="durable") == single
        # (the last instant 07-30 00:00 is within no day of a fact: finding 5 aside)
        assert rules.evaluate_many(facts, ats) == singles
        for backend in BACKENDS:
            s = rules.session(backend=backend)
            order = sorted(facts, key=lambda x: json.loads(x)["at"] if "T" in json.loads(x)["at"]
                           else json.loads(x)["at"] + "T00:00")
            added = []
            for a in ats:
                key = a if "T" in a else a + "T00:00"
                for x in [x for x in order if x not in added]:
                    at = json.loads(x)["at"]
                    if (at if "T" in at else at + "T00:00") <= key:
                        try:
                            s.add(x)
                        except QiyueError as e:  # (a ref to a bill of a later instant; finding 2)
                            assert e.diagnostics[0].code in ("unknown_ref", "fact_before_clock")
                            order.remove(x)
                            continue
                        added.append(x)
                s.advance(a)
                s.changes()
                assert s.report() == rules.evaluate(added, a)


def test_passing_a_line_given_twice_to_a_session_is_one_fact_and_a_changed_one_is_refused():
    s = bills().session()
    s.add([bill("1000.00"), paid(T("2026-06-02"), "1000.00")])
    assert s.add(paid(T("2026-06-02"), "1000.00")) == []
    with pytest.raises(QiyueError) as e:
        s.add(paid(T("2026-06-02"), "999.00"))
    assert (e.value.diagnostics[0].code, e.value.diagnostics[0].span.line) == ("conflicting_id", 4)
    s.advance("2026-06-20")
    s.changes()
    assert duties(s.report()) == [("b1", "fulfilled")]


# ================================================================== 8. guards: scaling that holds

LAPSE_ROWS = HEAD + '''event bill "账单" { amount: money "金额" }
event paid "付款" { ref: ref (bill) "所付" }
clause "6" "中止" {
  remedy cut "中止权" {
    holder 甲方
    for each bill b
    lapses when @LAPSE@
  }
}
'''


def _lapse_rows(lapse, backend, own):
    rules = compile_rules(LAPSE_ROWS.replace("@LAPSE@", lapse), "rows.qy")

    def go(n):
        facts = [f(f"b{i}", "bill", at_second("2026-06-01", i), amount="1.00") for i in range(n)]
        facts += [f(f"p{i}", "paid", at_second("2026-06-02", i), ref=f"b{i}") for i in range(n)]
        rep = rules.evaluate(facts, "2026-06-10", explain="none", backend=backend)
        assert {x["status"] for x in rep["remedies"]} == {"lapsed" if own else "held"}
    return go


@pytest.mark.parametrize("backend", BACKENDS)
def test_passing_a_lapse_not_reading_the_trigger_is_linear(backend):
    # (400 and 3,200 rows, not 100 and 800: at 100 rows a run takes 9 ms, and the clean-clone CI of 6bafb8f measured
    # 16.04 by noise alone; linear is 8, quadratic 64)
    assert growth(_lapse_rows('exists(paid p where p.ref == "zz")', backend, own=False), 400, 3200) < 16


def _many_days(hm):
    """Ordered 06-01 10:00; from 06-02 on, n days each with a fact known by its day alone, and one as-of instant at
    ``hm`` of each of those days."""
    def go(n):
        days = [(date(2026, 6, 2) + timedelta(days=i)).isoformat() for i in range(n)]
        facts = [O] + [f(f"m{i}", "misc", d) for i, d in enumerate(days)]
        PAY.evaluate_many(facts, [T(d, hm) for d in days], explain="none")
    return go


def test_passing_many_as_of_instants_at_the_start_of_days_of_facts_of_a_day_alone_is_linear():
    assert growth(_many_days("00:00"), 200, 1600) < 16


def test_passing_many_floored_rows_under_a_total_take_linear_time():
    """N bills of ¥0.10 a second apart, each row ¥0.0002 a day recomputed daily, floored to ¥1.00, `total at most
    ¥50.00`."""
    rules = bills("o.b.amount × 0.2% per day\n    recomputed daily", "each at least ¥1.00\n    total at most ¥50.00",
                  "exists(paid p)")

    def go(n):
        rep = rules.evaluate([bill("0.10", at_second("2026-06-01", i), f"b{i}") for i in range(n)], "2026-06-20",
                             explain="none")
        assert sum(x["amount"] == "1.00" for x in rep["remedies"] if x["name"] == "fee") == 50
    assert growth(go, 100, 800) < 16


# ================================================================== 9. the defects

# ---------------------------------------------------------------- 1. an id twin by an invisible character

@pytest.mark.parametrize("twin", ["p\u200b1", "p\ufeff1", "p\u20601"], ids=["ZWSP", "BOM", "WJ"])
# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (06:46–): ids compared without invisible characters (facts._INVISIBLE))
def test_an_id_twin_by_an_invisible_character_is_refused_on_its_line(twin):
    """A ¥1,000.00 bill; "p1" ¥500.00 at 06-02 10:00, and the same line with the id "p<invisible>1".  Shown, the two are
    one line given twice — one fact, ¥500.00 paid, the bill violated at 06-12 00:00.  The engine: two payments, the
    bill fulfilled."""
    facts = [bill("1000.00"), paid(T("2026-06-02"), "500.00"), paid(T("2026-06-02"), "500.00", fid=twin)]
    with pytest.raises(QiyueError) as e:
        bills().evaluate(facts, "2026-06-20")
    assert e.value.diagnostics[0].span.line == 3


def test_an_id_given_twice_alike_is_one_fact():
    """(guard) The same line twice: one payment of ¥500.00 — the bill violated."""
    facts = [bill("1000.00"), paid(T("2026-06-02"), "500.00"), paid(T("2026-06-02"), "500.00")]
    assert duties(run(bills(), facts, "2026-06-20")) == [("b1", "violated")]


# ---------------------------------------------------------------- 2. a session and a fact of the clock's day alone

@pytest.mark.parametrize("before", ["timed fact", "advance"])
# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (13:44–): session.add takes a fact of the clock's own day known by its day alone (counsel round 37 found it again))
def test_a_session_takes_a_fact_of_the_clocks_day_alone(before):
    """Ordered 06-01 10:00; the clock reaches 06-05 12:00 (a misc fact at 10:00 that day, or `advance`); then the
    payment "2026-06-05" comes.  It may have been made at 13:00: as of 12:00 undetermined (eval), as of 06-06
    fulfilled."""
    s = PAY.session()
    s.add(O)
    lines = [O]
    if before == "timed fact":
        s.add(f("m", "misc", T("2026-06-05")))
        lines.append(f("m", "misc", T("2026-06-05")))
    s.advance("2026-06-05T12:00:00+08:00")
    s.add(P_DAY)
    s.changes()
    assert s.report() == PAY.evaluate(lines + [P_DAY], "2026-06-05T12:00:00+08:00")
    s.advance("2026-06-06")
    s.changes()
    assert duties(s.report()) == [("o", "fulfilled")]


def test_a_session_takes_a_fact_of_its_day_alone_before_any_fact_of_that_day():
    """(guard) The payment "2026-06-05" added while the clock is before that day, then the clock at 12:00: eval's."""
    s = PAY.session()
    s.add([O, P_DAY])
    s.advance("2026-06-05T12:00:00+08:00")
    s.changes()
    assert s.report() == PAY.evaluate([O, P_DAY], "2026-06-05T12:00:00+08:00")


# ---------------------------------------------------------------- 3. each at least, a one-shot amount under a cent

# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (14:36–): a one-off amount's last step kept exact beside the rounded one (RemedyPlan.amount_exact): under a cent yet above nothing, each at least lifts it)
def test_each_at_least_floors_a_one_shot_amount_under_a_cent():
    """Bill ¥2.00 of 06-01 10:00, unpaid, violated 06-12 00:00; a one-shot 0.2 %: ¥0.004, something owed, under ¥1.00 →
    ¥1.00.  The engine: ¥0.00 (a ¥2.50 bill: ¥1.00, guard above)."""
    rep = run(bills("o.b.amount × 0.2%"), [bill("2.00")], "2026-06-20")
    assert rows(rep, "fee") == [("held", "1.00")]


# ---------------------------------------------------------------- 4. each at least, hours known between two counts

@pytest.mark.parametrize("bound, fee", [("each at least ¥1.00", "1.00"),
                                        ("each at least ¥1.00\n    each at most ¥0.50", "0.50")])
# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (14:36–): an hour range whose most is not above each at least, something owed: the floor (state.accrued_hours, step arg floored))
def test_each_at_least_decides_an_hour_range_below_it(bound, fee):
    """Bill ¥0.10, violated 06-12 00:00, paid "2026-06-12" (the day alone): 1 to 24 hours × ¥0.0002 = ¥0.0002 ..
    ¥0.0048, under ¥1.00 either way → ¥1.00 (with the cap ¥0.50 after it → ¥0.50).  The engine: null."""
    rep = run(bills("o.b.amount × 0.2% per hour", bound), [bill("0.10"), paid("2026-06-12", "0.10")], "2026-06-20")
    assert rows(rep, "fee") == [("held", fee)]


def test_each_at_least_leaves_an_hour_range_above_it_unknown():
    """(guard) Bill ¥1,000.00: 1 to 24 hours × ¥2.00 = ¥2.00 .. ¥48.00, above the floor: not known (null)."""
    rep = run(bills("o.b.amount × 0.2% per hour"), [bill("1000.00"), paid("2026-06-12", "1000.00")], "2026-06-20")
    assert rows(rep, "fee") == [("held", None)]


# ---------------------------------------------------------------- 5. evaluate_many and the last instant's day

@pytest.mark.parametrize("first", ["2026-06-02", "2026-06-03T12:00:00+08:00", "2026-06-04T23:59:59+08:00"])
# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (06:46–), with review round 35's)
def test_many_instants_give_each_instants_own_findings(first):
    """Ordered 06-01 10:00, paid "2026-06-05"; as of `first` and 06-05 12:00.  As of 06-02 the payment is three days
    ahead: no finding (the single run).  evaluate_many: day_alone_at_as_of in both."""
    ats = [first, "2026-06-05T12:00:00+08:00"]
    assert PAY.evaluate_many([O, P_DAY], ats) == [PAY.evaluate([O, P_DAY], a) for a in ats]


def test_many_instants_ending_after_the_day_give_the_single_reports():
    """(guard) The same with the last instant 06-06 00:00 (the day over): each the single run."""
    ats = ["2026-06-02", "2026-06-05T12:00:00+08:00", "2026-06-06"]
    assert PAY.evaluate_many([O, P_DAY], ats) == [PAY.evaluate([O, P_DAY], a) for a in ats]


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (06:46–), with review round 35's)
def test_the_command_lines_as_of_list_gives_each_instants_own_findings(tmp_path):
    rules_path = tmp_path / "pay.qy"
    rules_path.write_text(_PAY_SRC, encoding="utf-8")
    rc, out = _cli(rules_path, [O, P_DAY], "2026-06-02,2026-06-05T12:00:00+08:00", tmp_path)
    assert rc == 0
    assert codes(out["2026-06-02T00:00:00+08:00"]) == []
    assert codes(out["2026-06-05T12:00:00+08:00"]) == ["day_alone_at_as_of"]


# ---------------------------------------------------------------- 6. a row's own lapse: quadratic

@pytest.mark.parametrize("backend", BACKENDS)
# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (06:46–), with review round 35's)
def test_many_rows_each_lapsing_on_its_own_payment_take_linear_time(backend):
    assert growth(_lapse_rows("exists(paid p where p.ref == b.id)", backend, own=True), 100, 800) < 16


# ---------------------------------------------------------------- 7. each at least, a recomputed amount of nothing

# FIXED (was a strict xfail: fixed on main in 6df0529 while this round ran — review round 35's defect 1)
def test_each_at_least_leaves_a_balance_recomputed_to_nothing_at_nothing():
    """¥1,000.00 bill, violated 06-12 00:00 (the balance ¥1,000.00 then), paid in full 06-12 10:00: the balance
    recomputed is ¥0.00 — nothing owed.  The engine: "本笔计得 ¥0.00，不足 ¥1.00，按 ¥1.00 计"."""
    rep = run(bills(RECOMPUTED_BALANCE), [bill("1000.00"), paid(T("2026-06-12"), "1000.00")], "2026-06-20")
    assert rows(rep, "fee") == [("held", "0.00")]


# ---------------------------------------------------------------- 8. many as-of instants within days of facts of a
# day alone

@pytest.mark.xfail(strict=True, reason="evaluate_many replays every fact again for each instant within a day of a "
                                       "fact known by its day alone: quadratic (400 → 0.24 s, 800 → 0.73, 1600 → "
                                       "2.6; the same at 00:00 of each day 0.02 → 0.06)")
def test_many_as_of_instants_within_days_of_facts_of_a_day_alone_take_linear_time():
    # (×16 the instants: linear is ×16; the bound at 32, far below what the quadratic shape gives — at 100 → 800 and
    # a bound of 16 the compiled modules' run came close enough to pass by noise, a clean-clone CI of 2026-12-06)
    assert growth(_many_days("12:00"), 100, 1600) < 32


# ---------------------------------------------------------------- 9. an emoji or U+0085 in an id of an ASCII fact file

# (U+0085 alone stays refused as ambiguous — GBK reads C2 85 as 聟 —, as fuzz round 27 decided: a control character is
# no text a user writes, and a byte-order mark makes the file plain)
@pytest.mark.parametrize("ch", ["\U0001F600"], ids=["emoji"])
# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (06:46–): an emoji or a C1 control counts as UTF-8 evidence (textfile._TYPOGRAPHY))
def test_an_odd_character_in_an_id_of_an_ascii_utf8_file_is_read(ch):
    from engine.textfile import decode
    raw = (f("oa-1", "contract_signed", "2025-06-27T10:00:00+08:00") + "\n"
           + f(f"oa{ch}-2", "contract_signed", "2025-06-28T10:00:00+08:00") + "\n").encode("utf-8")
    assert decode(raw) == (raw.decode("utf-8"), "UTF-8")


@pytest.mark.parametrize("ch", ["\u2028", "\u2029", "\u3000", "中"])
def test_passing_other_odd_characters_in_an_id_of_an_ascii_utf8_file_are_read(ch):
    from engine.textfile import decode
    raw = (f(f"oa{ch}-2", "contract_signed", "2025-06-28T10:00:00+08:00") + "\n").encode("utf-8")
    assert decode(raw) == (raw.decode("utf-8"), "UTF-8")


def test_an_emoji_in_an_id_beside_chinese_is_read():
    """(guard) The same beside one Chinese character (a party 甲方): UTF-8."""
    from engine.textfile import decode
    raw = (f("oa\U0001F600-2", "contract_signed", "2025-06-28T10:00:00+08:00", party="甲方") + "\n").encode("utf-8")
    assert decode(raw) == (raw.decode("utf-8"), "UTF-8")


# ---------------------------------------------------------------- 10. a row's own lapse, as a live change

def _lapse_changes(lapse, lang):
    s = bills(lapse=lapse).session()
    s.add([bill("0.10"), paid(T("2026-06-12"), "0.10")])
    s.advance("2026-06-20")
    return [c for c in s.changes(lang=lang) if c["code"] == "remedy_lapsed"]


@pytest.mark.parametrize("lang, wrong", [("zh", "因合同终止"), ("en", "end of the contract")])
def test_passing_a_remedys_lapse_as_a_live_change_names_its_condition(lang, wrong):
    """(guard) `lapses when exists(paid p)` (not reading the trigger): the change says 消灭 … 存在付款, 此后不再享有."""
    (c,) = _lapse_changes("exists(paid p)", lang)
    assert wrong not in c["text"] and "condition" in c["args"]


@pytest.mark.parametrize("lang, wrong", [("zh", "因合同终止"), ("en", "end of the contract")])
# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (06:46–): the session reads row_lapsed_when as lapsed_when)
def test_a_rows_own_lapse_as_a_live_change_names_its_condition(lang, wrong):
    """Bill ¥0.10 violated 06-12 00:00, paid 06-12 10:00: its power to cut lapses then by its own payment (the report:
    "消灭：存在付款（…），于 2026年6月12日10时 成立 …（只是本项…）"); the contract runs on."""
    (c,) = _lapse_changes("exists(paid p where p.ref == o.b.id)", lang)
    assert wrong not in c["text"] and "condition" in c["args"]


# ---------------------------------------------------------------- 11. an exception known by its day alone on the day
# a period of hours runs out

HOURS_EXCUSE = EXCUSE.replace("within 20 days\n    excused if @EXC@", "within 48 hours\n    excused if @EXC@")
O3 = f("o", "ordered", T("2026-06-03"))  # rep due 06-05 10:00 (48 hours)


@pytest.mark.parametrize("waiver, status", [(T("2026-06-05", "09:00"), "excused"), (T("2026-06-05", "11:00"), "violated"),
                                            ("2026-06-04", "excused"), ("2026-06-06", "violated")])
def test_passing_an_exception_before_or_after_a_deadline_of_hours(waiver, status):
    """Ordered Wed 06-03 10:00; the report within 48 hours: due 06-05 10:00.  A waiver at 09:00 (or the day before)
    excuses; at 11:00 (or the next day) it comes after the delay began — violated (民法典第590条第2款, the report says
    so)."""
    rules = compile_rules(HOURS_EXCUSE.replace("@EXC@", "exists(waiver w)"), "e.qy")
    assert duties(run(rules, [O3, f("w", "waiver", waiver)], "2026-06-10"), "rep") == [("o", status)]


def test_passing_a_performance_of_the_deadlines_day_alone_is_undetermined():
    """(guard) The report itself given as "2026-06-05" against 06-05 10:00: undetermined (docs: an act of a day alone
    against a period of hours)."""
    rules = compile_rules(HOURS_EXCUSE.replace("@EXC@", "exists(waiver w)"), "e.qy")
    assert duties(run(rules, [O3, f("r", "report", "2026-06-05")], "2026-06-10"), "rep") == [("o", "undetermined")]


@pytest.mark.parametrize("exc, extra", [("exists(waiver w)", []),
                                        ("exists(paid p) and exists(waiver w)", [f("p", "paid", T("2026-06-04"))]),
                                        ("late_a or exists(waiver w)", [])])
@pytest.mark.xfail(strict=True, reason="an exception completed by a fact known by its day alone on the day a period of "
                                       "hours runs out is taken as before the deadline (excused); the same fact at 11:00 "
                                       "excuses nothing (第590条第2款); right: undetermined, as a performance of that "
                                       "day alone is")
def test_an_exception_of_the_deadlines_day_alone_is_undetermined(exc, extra):
    """Due 06-05 10:00; the waiver "2026-06-05" came at 09:00 (excused) or at 11:00 (violated): which cannot be told.
    The engine: excused, no finding."""
    rules = compile_rules(HOURS_EXCUSE.replace("@EXC@", exc), "e.qy")
    rep = run(rules, [O3, f("w", "waiver", "2026-06-05")] + extra, "2026-06-10")
    assert duties(rep, "rep") == [("o", "undetermined")]


# ---------------------------------------------------------------- 12. a remedy's lapse by a fact of a day alone

FINE = HEAD + '''event ordered "订货" { }
event report "报告" { }
event cured "补救" { }
clause "3" "x" {
  obligation rep "报告" {
    debtor 乙方
    creditor 甲方
    for each ordered o
    fulfilled by report r
    within 48 hours
  }
  remedy fine "罚金" {
    holder 甲方
    for each rep.violated v
    amount @AMT@
    lapses when exists(cured c)
  }
}
'''


@pytest.mark.parametrize("amt, cured, row", [
    # the report due 06-05 10:00 (48 hours from Wed 06-03 10:00), never made: the fine from 10:00
    ("¥100.00 per hour", T("2026-06-05", "09:00"), []),                            # lapsed before it arose
    ("¥100.00 per hour", T("2026-06-05", "13:30"), [("lapsed", "400.00")]),        # 10:00:01 .. 13:30: 4 hours begun
    ("¥100.00 per hour", T("2026-06-06", "00:00"), [("lapsed", "1400.00")]),       # 14 hours
    ("¥100.00 per hour", T("2026-06-06", "23:59"), [("lapsed", "3800.00")]),       # 38 hours
    ("¥100.00", T("2026-06-05", "13:30"), [("lapsed", "100.00")]),
    ("¥100.00 per day", "2026-06-06", [("lapsed", "200.00")])])                     # 06-05, 06-06: any hour
def test_passing_a_remedys_lapse_counted_by_hand(amt, cured, row):
    rules = compile_rules(FINE.replace("@AMT@", amt), "fine.qy")
    assert rows(run(rules, [O3, f("c", "cured", cured)], "2026-06-10")) == row


@pytest.mark.xfail(strict=True, reason="a per-hour row lapsing by a fact known by its day alone is counted to 00:00 of "
                                       "that day (14 hours, ¥1,400.00, as certain); right: between 14 and 38 hours — "
                                       "the amount not known (null), as for a late performance of a day alone "
                                       "(accrued_hours_range)")
def test_a_per_hour_row_lapsing_on_a_day_alone_is_a_range():
    """Cured "2026-06-06": at 00:00 the row is ¥1,400.00, at 23:59 ¥3,800.00 (guards above)."""
    rules = compile_rules(FINE.replace("@AMT@", "¥100.00 per hour"), "fine.qy")
    rep = run(rules, [O3, f("c", "cured", "2026-06-06")], "2026-06-10")
    assert [a for _, a in rows(rep)] == [None]


@pytest.mark.parametrize("amt", ["¥100.00", "¥100.00 per hour"])
@pytest.mark.xfail(strict=True, reason="a remedy's lapse by a fact known by its day alone on the day its row arises "
                                       "(10:00) is taken as before it: no row, no finding; cured at 09:00 no row, at "
                                       "13:30 a lapsed row (¥100.00; ¥400.00 by the hour); right: the row undetermined")
def test_a_lapse_on_the_day_alone_a_row_arises_is_undetermined(amt):
    rules = compile_rules(FINE.replace("@AMT@", amt), "fine.qy")
    rep = run(rules, [O3, f("c", "cured", "2026-06-05")], "2026-06-10")
    assert [s for s, _ in rows(rep)] == ["undetermined"]


# ---------------------------------------------------------------- 13. `unless … within` met by a fact of a day alone

UNLESS = HEAD + '''event ordered "订货" { }
event report "报告" { }
event cured "补救" { }
clause "3" "x" {
  obligation rep "报告" {
    debtor 乙方
    creditor 甲方
    for each ordered o
    fulfilled by report r
    within 48 hours
  }
  remedy fine "罚金" {
    holder 甲方
    for each rep.violated v
      unless cured c within @W@
    amount ¥100.00
  }
  obligation fix "补救" {
    debtor 乙方
    creditor 甲方
    for each rep.violated v
    fulfilled by cured c
    within 5 hours
  }
}
'''


@pytest.mark.parametrize("within, cured, fine, fix", [
    # violated 06-05 10:00; the cure must follow it: at 09:00 it does not count
    ("5 hours", T("2026-06-05", "09:00"), [("held", "100.00")], "violated"),
    ("5 hours", T("2026-06-05", "14:00"), [], "fulfilled"),
    ("5 hours", T("2026-06-05", "16:00"), [("held", "100.00")], "violated"),
    ("5 hours", "2026-06-06", [("held", "100.00")], "violated"),
    ("1 days", T("2026-06-06", "23:00"), [], "violated"),   # 1 day from 06-05 10:00: 06-06 24:00
    ("5 hours", "2026-06-05", None, "undetermined")])        # the duty to cure: 09:00 or 14:00 cannot be told
def test_passing_unless_within_counted_by_hand(within, cured, fine, fix):
    rules = compile_rules(UNLESS.replace("@W@", within), "u.qy")
    rep = run(rules, [O3, f("c", "cured", cured)], "2026-06-10")
    assert duties(rep, "fix") == [("rep#1.violated", fix)]
    if fine is not None:
        assert rows(rep, "fine") == fine


@pytest.mark.parametrize("within", ["5 hours", "1 days"])
@pytest.mark.xfail(strict=True, reason="`unless cured c within …` met by a cure known by its day alone on the trigger's "
                                       "day is taken as in time: no row, no finding — at 09:00 (before the violation) "
                                       "it counts for nothing and the fine is held; right: the row undetermined, as the "
                                       "duty to cure of the same rule file is")
def test_unless_within_met_on_the_triggers_day_alone_is_undetermined(within):
    rules = compile_rules(UNLESS.replace("@W@", within), "u.qy")
    rep = run(rules, [O3, f("c", "cured", "2026-06-05")], "2026-06-10")
    assert [s for s, _ in rows(rep, "fine")] == ["undetermined"]


# ---------------------------------------------------------------- 14. a per-hour row ended by a termination of a day alone

ENDED = HEAD + '''event ordered "订货" { }
event report "报告" { }
event claim "索赔" { }
event terminated "解除" { party: party "一方" }
clause "3" "x" {
  obligation rep "报告" {
    debtor 乙方
    creditor 甲方
    for each ordered o
    fulfilled by report r
    within 48 hours
  }
  remedy fine "罚金" {
    holder 甲方
    for each rep.violated v
    amount @AMT@
  }
  obligation pay "付" {
    debtor 甲方
    creditor 乙方
    for each claim c where exists(rep.violated v)
    fulfilled by report r where r.at > c.at
    within 5 days
  }
  obligation pay2 "付2" {
    debtor 甲方
    creditor 乙方
    for each claim c where exists(rep.fulfilled v)
    fulfilled by report r where r.at > c.at
    within 5 days
  }
  termination ends "解除" {
    for each terminated t where t.party == 甲方
  }
}
'''


@pytest.mark.parametrize("amt, end, fine", [("¥100.00 per hour", T("2026-06-06", "00:00"), "1400.00"),
                                            ("¥100.00 per hour", T("2026-06-06", "23:00"), "3700.00"),
                                            ("¥100.00 per day", "2026-06-06", "200.00")])
def test_passing_a_row_counted_to_the_end_of_the_contract(amt, end, fine):
    """The fine from 06-05 10:00 (not `survives`) runs to the end: 14 hours to 06-06 00:00, 37 to 23:00; by the day,
    06-05 and 06-06 whatever the hour."""
    rules = compile_rules(ENDED.replace("@AMT@", amt), "ended.qy")
    rep = run(rules, [O3, f("t", "terminated", end, party="甲方")], "2026-06-10")
    assert rows(rep, "fine") == [("held", fine)]


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (07:12–): hours counted to an end of the contract or of a part known by its day alone are a range (state.Remedy.hours_range: end_stop))
def test_a_per_hour_row_ended_on_a_day_alone_is_a_range():
    rules = compile_rules(ENDED.replace("@AMT@", "¥100.00 per hour"), "ended.qy")
    rep = run(rules, [O3, f("t", "terminated", "2026-06-06", party="甲方")], "2026-06-10")
    assert [a for _, a in rows(rep, "fine")] == [None]


# ---------------------------------------------------------------- 15. what rests on an undetermined verdict

REPORT_DAY = [O3, f("c", "claim", T("2026-06-08")), f("r", "report", "2026-06-05")]


@pytest.mark.parametrize("report, pay, pay2, fine", [
    (None, "violated", None, [("held", "100.00")]),                             # rep violated 06-05 10:00
    (T("2026-06-05", "09:00"), None, "violated", []),                           # rep fulfilled
    (T("2026-06-05", "11:00"), "violated", None, [("held", "100.00")])])        # performed late
def test_passing_duties_and_rights_set_off_by_a_verdict(report, pay, pay2, fine):
    rules = compile_rules(ENDED.replace("@AMT@", "¥100.00"), "ended.qy")
    facts = REPORT_DAY[:2] + ([f("r", "report", report)] if report else [])
    rep = run(rules, facts, "2026-06-20")
    assert [s for _, s in duties(rep, "pay")] == ([pay] if pay else ["inactive"])
    assert [s for _, s in duties(rep, "pay2")] == ([pay2] if pay2 else ["inactive"])
    assert rows(rep, "fine") == fine


@pytest.mark.parametrize("name", ["pay", "pay2", "fine"])
@pytest.mark.xfail(strict=True, reason="a duty or right whose `for each … where exists(rep.violated …)` (or "
                                       "`rep.fulfilled`, or `for each rep.violated`) rests on a verdict left "
                                       "undetermined is silently absent — both pay and pay2 inactive though one of "
                                       "them arises; right: undetermined (docs: 'a duty, right or termination whose "
                                       "condition rests on an undetermined verdict is undetermined too')")
def test_what_rests_on_an_undetermined_verdict_is_undetermined(name):
    """The report "2026-06-05" against 06-05 10:00: rep undetermined (guard below).  Whichever it was, one of pay (rep
    violated) and pay2 (rep fulfilled) arises at the claim of 06-08; the fine too if violated."""
    rules = compile_rules(ENDED.replace("@AMT@", "¥100.00"), "ended.qy")
    rep = run(rules, REPORT_DAY, "2026-06-20")
    assert duties(rep, "rep") == [("o", "undetermined")]
    got = [s for s, _ in rows(rep, "fine")] if name == "fine" else [s for _, s in duties(rep, name)]
    assert got == ["undetermined"]


# ---------------------------------------------------------------- 16–18. words: a part named by its code, a least
# called a cap, points called money

def _diagnostic(bound, amount="o.b.amount × 0.2% per day"):
    with pytest.raises(QiyueError) as e:
        compile_rules(BILLS.replace("@AMT@", amount).replace("@BOUND@", bound).replace("@LAPSE@", "exists(paid p)"),
                      "w.qy")
    return e.value.diagnostics[0]


@pytest.mark.parametrize("bound, zh", [("total at most ¥1.00\n    total at most ¥2.00", "“累计不超过”"),
                                       ("lapses when exists(paid p)\n    lapses when exists(paid p)", "“消灭于”")])
def test_passing_a_part_written_twice_is_named_in_words(bound, zh):
    d = _diagnostic(bound)
    assert d.code == "duplicate_part" and zh in d.text("zh")


@pytest.mark.parametrize("bound, zh", [("each at most ¥1.00\n    each at most ¥2.00", "每笔不超过"),
                                       ("each at least ¥1.00\n    each at least ¥2.00", "每笔不低于"),
                                       ("每笔不低于 ¥1.00\n    每笔不低于 ¥2.00", "每笔不低于"),
                                       ("settled by paid p where p.ref == o.b.id and p.amount >= ¥1.00\n    "
                                        "settled by paid p where p.ref == o.b.id and p.amount >= ¥1.00", "清偿")])
# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (06:46–): word:part.row_cap / row_floor / settled / alternative; the English message names the part in words)
def test_each_at_most_or_least_written_twice_is_named_in_words(bound, zh):
    d = _diagnostic(bound, amount="¥1.00" if "settled" in bound else "o.b.amount × 0.2% per day")
    assert d.code == "duplicate_part"
    assert zh in d.text("zh") and not re.search(r"两处[a-z_]", d.text("zh")) and "`row_" not in d.text("en")


# FIXED (was a strict xfail: fixed on main in 6df0529 while this round ran — review round 35's defect 19)
def test_a_least_reading_its_own_total_is_not_called_a_cap():
    d = _diagnostic("each at least accrued(fee)")
    assert d.code == "accrued_cycle"
    assert "上限" not in d.text("zh") and "cap" not in d.text("en")


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (14:36–): a count by the day of points shows its amounts as numbers (Remedy._shown); the test's check narrowed to the count's line, the bill cited keeps its ¥0.10)
def test_points_by_the_day_are_not_explained_as_money():
    """A violated bill, 06-12 .. 06-20: 9 days × 0.5 points = 4.5 points (the report's `points`)."""
    try:
        rules = compile_rules(BILLS.replace("@AMT@", "0.5 per day").replace("@BOUND@", "")
                              .replace("@LAPSE@", "exists(paid p)"), "pts.qy")
    except QiyueError:
        return  # (refused at check: right too)
    (row,) = [x for x in rules.evaluate([bill("0.10")], "2026-06-20")["remedies"] if x["name"] == "fee"]
    assert row["points"] == "4.5"
    # (the count's own line: the bill it cites has its amount in money, ¥0.10, rightly)
    (line,) = [b for b in row["because"] if b.startswith("累计")]
    assert "¥" not in line and "共 9 日 × 每日 0.5 = 4.5" in line


# ---------------------------------------------------------------- 19. exceptions of several parts: quadratic

MANY_EXCUSED = HEAD + '''event ordered "订货" { }
event waiver "豁免" { ref: ref (ordered) "所涉" }
event report "报告" { ref: ref (ordered) "所涉" }
event misc "其他" { }
clause "3" "x" {
  obligation rep "报告" {
    debtor 乙方
    creditor 甲方
    for each ordered o
    fulfilled by report r where r.ref == o.id
    within 20 days
    excused if @EXC@ "免"
  }
}
'''


def _many_excused(exc, kind, backend):
    """N orders a second apart on 06-01, then N facts a second apart on 06-02: waivers each of its own order, or
    unrelated facts."""
    rules = compile_rules(MANY_EXCUSED.replace("@EXC@", exc), "exc.qy")

    def go(n):
        facts = [f(f"o{i}", "ordered", at_second("2026-06-01", i)) for i in range(n)]
        if kind == "waiver":
            facts += [f(f"w{i}", "waiver", at_second("2026-06-02", i), ref=f"o{i}") for i in range(n)]
        else:
            facts += [f(f"m{i}", "misc", at_second("2026-06-02", i)) for i in range(n)]
        rep = rules.evaluate(facts, "2026-06-10", explain="none", backend=backend)
        assert len(rep["obligations"]) == n
    return go


@pytest.mark.parametrize("backend", BACKENDS)
def test_passing_many_duties_each_excused_by_its_own_waiver_take_linear_time(backend):
    assert growth(_many_excused("exists(waiver w where w.ref == o.id)", "waiver", backend), 100, 800) < 16


@pytest.mark.parametrize("exc, kind", [
    ("exists(waiver w where w.ref == o.id) and not exists(misc m)", "waiver"),
    ("exists(misc m) and exists(waiver w where w.ref == o.id)", "misc"),
    ("count(misc m) > 100000", "misc")], ids=["own waiver and no misc", "a misc and own waiver", "a count"])
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.xfail(strict=True, reason="an exception of two parts (or reading a count) is tested again for every open "
                                       "duty at each fact of a kind it reads: quadratic (×36–54 at 100 → 800; 1,600 "
                                       "duties and facts 1.6–3.8 s); one part of its own waiver: linear")
def test_many_duties_with_an_exception_of_several_parts_take_linear_time(exc, kind, backend):
    assert growth(_many_excused(exc, kind, backend), 100, 800) < 16


# ---------------------------------------------------------------- 20. `once per` and a fact of a day alone

ONCE = HEAD + '''event bill "通知单" { month: text "月份"  amount: money "金额" }
event paid "付款" { month: text "月份"  amount: money "金额" }
clause "4" "x" {
  obligation pay "交费" {
    debtor 乙方
    creditor 甲方
    for each bill b
    once per b.month
    fulfilled when sum(p.amount for each paid p where p.month == b.month) >= b.amount
    within 10 days as term
  }
}
'''
MAY_PAID = f("p", "paid", T("2026-06-05"), month="2026-05", amount="500.00")


@pytest.mark.parametrize("first, second, duty", [(T("2026-06-01", "10:00"), T("2026-06-01", "11:00"), ("b1", "fulfilled")),
                                                 (T("2026-06-01", "11:00"), T("2026-06-01", "10:00"), ("b2", "violated"))])
def test_passing_once_per_month_takes_the_first_bill(first, second, duty):
    """Two bills of May on Mon 06-01, ¥500.00 (b1) and ¥800.00 (b2); ¥500.00 paid 06-05: the first decides
    (powersupply 4.x “同一月份的通知单重复送达的，以第一次为准”) — b1 first: fulfilled; b2 first: ¥500.00 < ¥800.00,
    violated at 06-12 00:00."""
    rules = compile_rules(ONCE, "once.qy")
    facts = [f("b1", "bill", first, month="2026-05", amount="500.00"),
             f("b2", "bill", second, month="2026-05", amount="800.00"), MAY_PAID]
    assert duties(run(rules, facts, "2026-06-20")) == [duty]


@pytest.mark.parametrize("b1, b2", [("2026-06-01", T("2026-06-01", "10:00")), (T("2026-06-01", "10:00"), "2026-06-01")])
@pytest.mark.xfail(strict=True, reason="`once per b.month` takes a bill known by its day alone as the first of its day "
                                       "(00:00), silently: which of two bills of one month and day came first — and so "
                                       "the amount owed — cannot be told; right: undetermined")
def test_once_per_month_with_a_bill_of_the_day_alone_is_undetermined(b1, b2):
    rules = compile_rules(ONCE, "once.qy")
    facts = [f("b1", "bill", b1, month="2026-05", amount="500.00"),
             f("b2", "bill", b2, month="2026-05", amount="800.00"), MAY_PAID]
    rep = run(rules, facts, "2026-06-20")
    assert [s for _, s in duties(rep)] == ["undetermined"]


# ---------------------------------------------------------------- 21. a notice of termination of the day alone the
# power's hours run out

POWER = HEAD + '''event late "逾期" { }
event notice "解除通知" { party: party "一方" }
clause "8" "x" {
  remedy power "解除权" {
    holder 甲方
    for each late x
    exercise within 48 hours
  }
  termination ends "解除" {
    for each notice n where n.party == 甲方
    exercises power held by 甲方
  }
}
'''
LATE3 = f("l", "late", T("2026-06-03"))  # the power to terminate until Fri 06-05 10:00


@pytest.mark.parametrize("notice, power, ended, said", [
    (T("2026-06-05", "09:00"), "exercised", "2026-06-05T09:00:00+08:00", []),
    (T("2026-06-05", "11:00"), "lapsed", None, ["termination_without_right"]),
    ("2026-06-04", "exercised", "2026-06-04T00:00:00+08:00", []),
    ("2026-06-06", "lapsed", None, ["termination_without_right"])])
def test_passing_a_notice_of_termination_within_or_after_the_powers_hours(notice, power, ended, said):
    rules = compile_rules(POWER, "power.qy")
    rep = run(rules, [LATE3, f("n", "notice", notice, party="甲方")], "2026-06-10")
    assert [x["status"] for x in rep["remedies"]] == [power]
    assert (rep["contract_life"]["ended"], codes(rep)) == (ended, said)


@pytest.mark.xfail(strict=True, reason="a notice of termination known by its day alone on the day the power's period "
                                       "of hours runs out (10:00) is taken as in time: exercised, the contract ended "
                                       "06-05, no finding — at 11:00 it is termination_without_right; right: which "
                                       "came first cannot be told (termination_hour_unknown, as the docs say for a "
                                       "ground arising later that day), or the power undetermined")
def test_a_notice_of_the_day_alone_the_power_runs_out_is_not_taken_as_in_time():
    rules = compile_rules(POWER, "power.qy")
    rep = run(rules, [LATE3, f("n", "notice", "2026-06-05", party="甲方")], "2026-06-10")
    assert "termination_hour_unknown" in codes(rep) or [x["status"] for x in rep["remedies"]] == ["undetermined"]


# ---------------------------------------------------------------- 22. an effect of the day alone its lapse's hours run out

EFFECT = HEAD + '''event signed "签订" { }
event deposit "定金" { }
event ordered "订货" { }
effective contract_effective "合同生效" {
  when exists(deposit d)
  lapses when passed(48 hours since first(signed))
}
clause "3" "x" {
  obligation deliver "交货" {
    debtor 乙方
    creditor 甲方
    for each ordered o
    fulfilled by deposit r
    within 30 days
  }
}
'''
SIGNED3 = f("s", "signed", T("2026-06-03"))  # the condition lapses unless met by Fri 06-05 10:00 (第158条)
ORDER8 = f("o", "ordered", T("2026-06-08"))


@pytest.mark.parametrize("deposit, effective, duty, said", [
    (T("2026-06-05", "09:00"), "2026-06-05T09:00:00+08:00", "active", []),
    (T("2026-06-05", "11:00"), None, "inactive", ["contract_never_in_force"])])
def test_passing_an_effect_before_or_after_its_condition_lapses(deposit, effective, duty, said):
    rules = compile_rules(EFFECT, "eff.qy")
    rep = run(rules, [SIGNED3, f("d", "deposit", deposit), ORDER8], "2026-06-20")
    assert (rep["contract_life"]["effective"], [s for _, s in duties(rep)], codes(rep)) == (effective, [duty], said)


@pytest.mark.xfail(strict=True, reason="a deposit known by its day alone on the day the effect's `lapses when passed(48 "
                                       "hours …)` runs out (10:00) puts the contract in force at 06-05 00:00, silently "
                                       "— at 11:00 it is never in force; right: whether it took effect cannot be told "
                                       "(a finding, or what it sets off undetermined)")
def test_an_effect_of_the_day_alone_its_condition_lapses_is_not_taken_as_in_time():
    rules = compile_rules(EFFECT, "eff.qy")
    rep = run(rules, [SIGNED3, f("d", "deposit", "2026-06-05"), ORDER8], "2026-06-20")
    assert codes(rep) != [] or [s for _, s in duties(rep)] == ["undetermined"]
