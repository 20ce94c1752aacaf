"""Fuzzer, round 40: money by the day recomputed daily with `each at most` / `total at most`, `each day counted
once`, working days across 春节 and 国庆, months to a month's end, deemed delivery on the 3rd day, `calendar fallback
weekdays|undetermined` at the years 1900 and 9000, a calendar file for 2027, `when` triggers (a sum reached with
payments of their day alone, a term passed), ends of the contract and of a part against money by the day, amounts
in 大写 in `words`, lengths computed from a fact, extreme and malformed facts and rule text through the API and the
command line.  Rules inline (this file stands alone).

What was run (scratch scripts outside the repository; every case seeded, QIYUE_NATIVE=off):

- A generator over the contract BASE below: 17,000 streams of 1–8 facts (signed, bills, payments referring to a
  bill, express/fax notices with and without `signed_at`, terminations) with years 1900/1901/2003/2004/2025–2027/
  2099–2101/8999/9000 and, in a second mode, 3,000 dense streams whose instants are drawn from twelve around one
  due (a bare day, 00:00, 16:00Z of the day before, 23:59:59, 00:00 of the next day), many facts sharing an instant;
  the reference report against `backend="durable"`, `evaluate_many(..)[-1]`, the lines reversed and a Session fed
  in time order then `advance(as_of)`.  No disagreement, no traceback; every refusal a QiyueError (unknown
  calendar year: 2027, 1900, 8999, 2099 …, with the rule's line).
- Extreme streams (years 1/2/1899/9999, amounts 壹万元整 / 1e3 / 123.456 / NaN / -5.00 / 10^23 / full-width / JSON
  true / null, unknown ids, duplicate ids, é written NFC and NFD, a party not declared): every one a QiyueError.
- 58 `words` readings of 大写 against their numerals (`amount_words_mismatch` / `amount_words_unreadable`).
- The command line (`eval`) on a year 9999, an amount in 大写, a date 0000-01-01, `--as-of 0001-01-01` and an
  as_of that is 9000 in one zone and 9001 in Beijing: each a Chinese error naming file, line and column, no
  traceback — but see findings 1 and 2.
- 30,000 mutations of BASE and WHEN (a token replaced by / joined with one of ~50 — 0, -1, 1.5, ¥1e3, 1000%, units,
  `recomputed daily`, `ends only … where`, `lapses when accrued(late) >= ¥1.00`, `settled by`, U+200B, ２, 壹, 零 — a
  token deleted or swapped): 8,275 compiled, 18,725 refused with a place, no traceback, the durable backend equal.
- 8,000 more hypothesis examples of the two differentials below (BASE dense, WHEN dense): no disagreement.

No verdict, deadline or amount differed from its hand count; those counts are plain tests (they lock the behaviour).
What was found is in the words legal staff read — strict xfails:

1. A fact's `at` of a year out of range or a day that does not exist (9999-12-31…, 2026-02-30) gets no “应为” and no
   “修改方法” line; the same value in a date attribute gets both.
2. The year 0000 (in `at`, in a date attribute, in --as-of) is called “不是有效的日期（应为 YYYY-MM-DD）” though it is
   written YYYY-MM-DD; year 0001 is rightly “年份 1 不在 1900–9000 之间”.
3. A length of whole hours computed from a fact (`(b.amount / ¥1000.00) hours`) is worded “6000分钟”, the literal
   `100 hours` “100小时”.
4. A length of hours that is not whole minutes (3.333 h) stops as “超出了可计算的范围：… 不是整数（只有小时、分钟可以有
   小数…）” — not a range, and self-contradictory.
5. A duration in Chinese numerals with a space (`within 十 日`, `三 个工作日`, `三 days`) gets “此处不能写 “日”，应为：
   “.”、“[”…”; written together (`十五日`) it gets “期间的长度用阿拉伯数字写：15 日”.

Calendar (chinese_calendar 1.11.0, checked in test_passing_calendar_days_relied_on): 2026 — Fri 02-13 and the
make-up Sat 02-14 working, 02-15…02-23 春节 rest, Tue 02-24 working, Sat 02-28 make-up working; Thu 03-05, Fri 03-06,
Mon 03-09, Tue 03-10 working; Sat 03-07, Sun 03-08 rest; Fri 03-13, Mon 03-16, Fri 03-27, Mon 03-30, Tue 03-31,
Wed 04-01 … Fri 04-03 working, 04-04…04-06 清明 rest, Tue 04-07, Wed 04-08 working; 10-01…10-07 国庆 rest, Thu 10-08
working; Thu 12-31 working; 2027 not known to the package (2004–2026 only).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import chinese_calendar
import pytest
from hypothesis import given, settings, HealthCheck
from hypothesis import strategies as st

from engine.api import compile_rules
from engine.diagnostics import QiyueError

ROOT = Path(__file__).resolve().parent.parent

BASE = '''contract "F-40" "测试合同" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
param price "价款" = ¥10,000.00 words "壹万元整"
event signed "签署" { }
event billed "开票" { amount: money "金额"  due: date optional "约定日" }
event paid "付款" { ref: ref (billed) "所付账单"  amount: money "金额" }
event sent "发出通知" { method: one of (express "快递", fax "传真") "方式"  signed_at: datetime optional "签收" }
event stop "解除" { from: party "发出方" }
clause "1" "生效" {
  effective eff "生效" { when exists(signed s) }
}
clause "2" "付款" {
  obligation pay "付款" {
    debtor 甲方
    creditor 乙方
    for each billed b
    fulfilled when sum(p.amount for each paid p where p.ref == b.id) >= b.amount
    within 3 working days
  }
  remedy late "逾期付款违约金" {
    holder 乙方
    for each pay.violated o
    amount 0.05% of max(¥0.00, o.b.amount - sum(p.amount for each paid p where p.ref == o.b.id)) per day
    recomputed daily
    each at most 20% of o.b.amount
    total at most price
  }
  remedy flat "逾期费" {
    holder 乙方
    for each pay.violated o
    amount ¥10.00 per day
    each day counted once
  }
}
clause "3" "通知" {
  deemed delivered "视为送达" {
    for each sent n
    if n.method == "fax": at n "传真"
    if present(n.signed_at): at latest(n, n.signed_at) "签收"
    if n.method == "express": at day 3 after n "第3日"
    otherwise: finding undetermined warning "无法确定"
  }
  obligation reply "答复" {
    debtor 乙方
    creditor 甲方
    for each delivered d
    fulfilled by paid p
    within 2 days
  }
}
clause "4" "解除" {
  termination end "解除" {
    for each stop s
  }
}
'''
RULES = compile_rules(BASE, "f40.qy")


def variant(old, new, header=None):
    text = BASE.replace(old, new)
    assert old in BASE
    if header:
        text = text.replace("calendar official", "calendar official\n  " + header)
    return compile_rules(text, "f40.qy")


def T(s: str) -> str:
    """'2026-03-02 10:00' → an instant of Beijing time; anything else as written (a bare day stays bare)."""
    if " " not in s:
        return s
    day, hm = s.split(" ")
    return f"{day}T{hm}{':00' if hm.count(':') == 1 else ''}+08:00"


SIGNED = {"id": "s", "type": "signed", "at": T("2026-01-05 09:00")}


def bill(at, amount="10000.00", fid="b", **kw):
    return {"id": fid, "type": "billed", "at": T(at), "amount": amount, **kw}


def pay(at, amount, ref="b", fid="p"):
    return {"id": fid, "type": "paid", "at": T(at), "ref": ref, "amount": amount}


def sent(at, method="express", signed_at=None, fid="n"):
    x = {"id": fid, "type": "sent", "at": T(at), "method": method}
    if signed_at:
        x["signed_at"] = T(signed_at)
    return x


def _instant(at: str) -> datetime:
    if "T" not in at:
        at += "T23:59:59.999+08:00"
    return datetime.fromisoformat(at.replace("Z", "+00:00"))


def run(facts, as_of, rules=RULES, early="2026-01-01T00:00:00+08:00"):
    """The reference report, checked equal to the durable backend, evaluate_many, the facts reversed and a Session fed
    the facts in time order (a day-alone fact last of its day; a payment after the bill it names)."""
    ls = [json.dumps(x, ensure_ascii=False) for x in facts]
    as_of = T(as_of)
    ref = rules.evaluate(ls, as_of)
    assert rules.evaluate(ls, as_of, backend="durable") == ref
    if _instant(early) < _instant(as_of):
        assert rules.evaluate_many(ls, [early, as_of])[-1] == ref
    assert rules.evaluate(list(reversed(ls)), as_of) == ref
    if all(_instant(x["at"]) <= _instant(as_of) for x in facts):
        order = sorted(facts, key=lambda x: _instant(x["at"]))
        for x in [y for y in order if y.get("ref")]:
            tgt = next(i for i, y in enumerate(order) if y["id"] == x["ref"])
            if order.index(x) < tgt:
                order.remove(x)
                order.insert(tgt, x)
        s = rules.session()
        for x in order:
            s.add(json.dumps(x, ensure_ascii=False))
        s.advance(as_of)
        assert s.report() == ref
    return ref


def ob(r, name="pay"):
    return [(o["status"], o["due"]) for o in r["obligations"] if o["name"] == name and o["status"] != "inactive"]


def rem(r):
    return [(x["name"], x["status"], x["amount"]) for x in r["remedies"]]


# ---------------------------------------------------------------- the calendar relied on


def test_passing_calendar_days_relied_on():
    work = [(2, 13), (2, 14), (2, 24), (2, 28), (3, 2), (3, 3), (3, 4), (3, 5), (3, 6), (3, 9), (3, 10), (4, 1),
            (4, 2), (10, 8), (12, 31), (9, 7), (9, 8), (3, 13), (3, 16), (3, 27), (3, 30), (3, 31), (4, 3), (4, 7),
            (4, 8), (2, 2), (2, 3), (6, 10), (7, 24), (4, 30)]
    rest = [(2, 15), (2, 16), (2, 20), (2, 23), (3, 7), (3, 8), (3, 14), (3, 15), (10, 1), (10, 5), (10, 7), (1, 31),
            (2, 1), (4, 4), (4, 5), (4, 6)]
    assert all(chinese_calendar.is_workday(date(2026, m, d)) for m, d in work)
    assert not any(chinese_calendar.is_workday(date(2026, m, d)) for m, d in rest)
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(date(2027, 1, 4))


# ---------------------------------------------------------------- money by the day, recomputed daily


def test_passing_unpaid_bill_counts_five_days():
    """Bill Mon 03-02 10:00, 3 working days: Tue 03-03, Wed 03-04, Thu 03-05 → due 03-05 24:00 (= 03-06T00:00).
    As of Tue 03-10 12:00 days begun: 03-06, 07, 08, 09, 10 = 5.  late: 0.05% × ¥10,000 = ¥5.00 a day → ¥25.00 (cap
    20% = ¥2,000, total ¥10,000 not reached); flat ¥10 × 5 = ¥50.00."""
    r = run([SIGNED, bill("2026-03-02 10:00")], "2026-03-10 12:00")
    assert ob(r) == [("violated", "2026-03-06T00:00:00+08:00")]
    assert rem(r) == [("late", "held", "25.00"), ("flat", "held", "50.00")]


def test_passing_part_payment_lowers_the_rate_from_the_next_day():
    """As above, ¥4,000 paid Sun 03-08 10:00: 03-06, 07, 08 at ¥5.00 (the day of the payment at the balance before
    it) = ¥15.00; 03-09, 10 at 0.05% × ¥6,000 = ¥3.00 = ¥6.00; ¥21.00.  flat still ¥50.00 (not paid in full)."""
    r = run([SIGNED, bill("2026-03-02 10:00"), pay("2026-03-08 10:00", "4000")], "2026-03-10 12:00")
    assert rem(r) == [("late", "held", "21.00"), ("flat", "held", "50.00")]
    assert "¥15.00" in r["remedies"][0]["because"][-1] and "¥6.00" in r["remedies"][0]["because"][-1]


def test_passing_a_huge_bill_is_capped_by_the_total_and_says_the_uncapped_figure():
    """¥999,999,999,999,999.99 (just under the money range ¥10^15): 5 days × 0.05% = ¥2,499,999,999,999.999975 →
    ¥2,500,000,000,000.00; each at most 20% (¥199,999,999,999,999.998) not reached; total at most ¥10,000.00 is."""
    r = run([SIGNED, bill("2026-03-02 10:00", "999999999999999.99")], "2026-03-10 12:00")
    assert rem(r)[0] == ("late", "held", "10000.00")
    assert "¥2,500,000,000,000.00" in r["remedies"][0]["because"][-1]


def test_passing_a_cent_bill_accrues_exactly_and_rounds_once():
    """¥0.01 × 0.05% = ¥0.000005 a day, 5 days = ¥0.000025 → ¥0.00 (each day not rounded first)."""
    r = run([SIGNED, bill("2026-03-02 10:00", "0.01")], "2026-03-10 12:00")
    assert rem(r) == [("late", "held", "0.00"), ("flat", "held", "50.00")]
    assert "¥0.000005" in r["remedies"][0]["because"][-1]


def test_passing_a_bill_of_zero_is_met_at_once():
    r = run([SIGNED, bill("2026-03-02 10:00", "0")], "2026-03-10 12:00")
    assert [x[0] for x in ob(r)] == ["fulfilled"] and rem(r) == []


@pytest.mark.parametrize("paid_at, status, late, flat", [
    ("2026-03-05T23:59:59.999+08:00", "fulfilled", None, None),   # before 24:00 of the last day
    ("2026-03-05", "fulfilled", None, None),                      # some time on the last day: in time
    ("2026-03-06T00:00:00+08:00", "violated", "5.00", "10.00"),   # = 24:00: late, the day 03-06 begun: 1 day
    ("2026-03-04T16:00:00Z", "violated", "5.00", "10.00"),        # 16:00Z 03-05 = 03-06 00:00 +08:00
    ("2026-03-06", "violated", "5.00", "10.00"),                  # some time on 03-06: 1 day
])
def test_passing_payment_at_the_edges_of_the_due(paid_at, status, late, flat):
    """Due 03-05 24:00 (bill Mon 03-02 10:00, 3 working days)."""
    paid_at = paid_at.replace("2026-03-04T16", "2026-03-05T16")
    r = run([SIGNED, bill("2026-03-02 10:00"), pay(paid_at, "10000")], "2026-03-10 12:00")
    assert ob(r) == [(status, "2026-03-06T00:00:00+08:00")]
    assert rem(r) == ([] if late is None else [("late", "held", late), ("flat", "held", flat)])


def test_passing_two_halves_one_of_its_day_alone_one_timed_on_the_last_day():
    """¥5,000 on 03-05 (day alone) + ¥5,000 on 03-05 10:00: complete on 03-05, before 24:00 — in time."""
    r = run([SIGNED, bill("2026-03-02 10:00"), pay("2026-03-05", "5000", fid="p1"),
             pay("2026-03-05 10:00", "5000", fid="p2")], "2026-03-10 12:00")
    assert [x[0] for x in ob(r)] == ["fulfilled"]


def test_passing_two_halves_the_second_of_the_next_day_alone():
    """¥5,000 on 03-05 10:00, ¥5,000 on 03-06 (day alone): complete on 03-06 — late, 1 day; late counts 03-06 at the
    balance before that day began (¥5,000 × 0.05% = ¥2.50); flat ¥10.00."""
    r = run([SIGNED, bill("2026-03-02 10:00"), pay("2026-03-05 10:00", "5000", fid="p1"),
             pay("2026-03-06", "5000", fid="p2")], "2026-03-10 12:00")
    assert rem(r) == [("late", "held", "2.50"), ("flat", "held", "10.00")]


def test_passing_two_bills_late_together_count_each_day_once_in_flat():
    """b1 Mon 03-02 10:00 and b2 Tue 03-03 10:00, both unpaid.  b1 due 03-05 24:00, b2: 03-04, 05, 06 → 03-06 24:00.
    As of 03-10 12:00: flat b1 03-06…03-10 = 5 days ¥50; b2 03-07…03-10 = 4 days, all counted by b1 → ¥0.00.
    late (no `each day counted once`): b1 5 × ¥5 = ¥25, b2 4 × ¥5 = ¥20."""
    r = run([SIGNED, bill("2026-03-02 10:00", fid="b1"), bill("2026-03-03 10:00", fid="b2")], "2026-03-10 12:00")
    assert sorted(rem(r)) == sorted([("late", "held", "25.00"), ("late", "held", "20.00"), ("flat", "held", "50.00"),
                                     ("flat", "held", "0.00")])


# ---------------------------------------------------------------- periods counted by hand


@pytest.mark.parametrize("within, at, due", [
    # 3 working days across 春节: Fri 02-13 10:00 → Sat 02-14 (make-up), Tue 02-24, Wed 02-25 → 02-25 24:00
    ("3 working days", "2026-02-13 10:00", "2026-02-26T00:00:00+08:00"),
    # 2 working days from Sat 01-31 10:00: Mon 02-02, Tue 02-03
    ("2 working days", "2026-01-31 10:00", "2026-02-04T00:00:00+08:00"),
    # from a day alone 02-14 (itself a working day, not counted): 02-24, 02-25
    ("2 working days", "2026-02-14", "2026-02-26T00:00:00+08:00"),
    # 1 month from 01-31: February has no 31st → its last day 02-28, a make-up working Saturday: not moved
    ("1 months", "2026-01-31 10:00", "2026-03-01T00:00:00+08:00"),
    ("1 months", "2026-01-30", "2026-03-01T00:00:00+08:00"),
    ("1 months", "2026-03-31 10:00", "2026-05-01T00:00:00+08:00"),   # 04-30, Thu
    # 09-05 → 10-05, in 国庆 (10-01…10-07): an act period moves to Thu 10-08; as a term it stays 10-05
    ("1 months", "2026-09-05 10:00", "2026-10-09T00:00:00+08:00"),
    ("1 months as term", "2026-09-05 10:00", "2026-10-06T00:00:00+08:00"),
    # 02-14 → 03-14 Sat → Mon 03-16 (act); as a term 03-14
    ("1 months", "2026-02-14", "2026-03-17T00:00:00+08:00"),
    ("1 months as term", "2026-02-14", "2026-03-15T00:00:00+08:00"),
    # hours: not moved by 春节; from a day alone, the latest end from 24:00 (02-14 24:00 + 48 h)
    ("48 hours", "2026-02-13 23:59:59", "2026-02-15T23:59:59+08:00"),
    ("48 hours", "2026-02-14", "2026-02-17T00:00:00+08:00"),
])
def test_passing_periods_by_hand(within, at, due):
    rules = variant("within 3 working days", "within " + within)
    r = run([SIGNED, bill(at)], "2026-12-30 12:00", rules)
    assert ob(r) == [("violated", due)]


def test_passing_a_period_of_zero_is_refused_when_checked():
    with pytest.raises(QiyueError) as exc:
        variant("within 3 working days", "within 0 days")
    assert exc.value.diagnostics[0].span.line == 19
    assert "期间为 0" in str(exc.value)


# ---------------------------------------------------------------- deemed delivery


@pytest.mark.parametrize("notice, at, due", [
    # express Mon 03-02 10:00 → deemed on day 3 after: Thu 03-05 (its day); reply 2 days: 03-06, 03-07 (Sat) →
    # an act period ending on a rest day moves to Mon 03-09 → 03-09 24:00
    (("2026-03-02 10:00",), "2026-03-05T00:00:00+08:00", "2026-03-10T00:00:00+08:00"),
    # signed the day before it was sent: latest(n, signed_at) = the sending, 03-02 10:00; 03-03, 03-04 → 03-04 24:00
    (("2026-03-02 10:00", "express", "2026-03-01 10:00"), "2026-03-02T10:00:00+08:00", "2026-03-05T00:00:00+08:00"),
    # signed Wed 03-04 23:00: delivered then; 03-05, 03-06 → 03-06 24:00
    (("2026-03-02 10:00", "express", "2026-03-04 23:00"), "2026-03-04T23:00:00+08:00", "2026-03-07T00:00:00+08:00"),
    # fax of its day alone 03-02: delivered that day; 03-03, 03-04
    (("2026-03-02", "fax"), "2026-03-02T00:00:00+08:00", "2026-03-05T00:00:00+08:00"),
])
def test_passing_deemed_delivery_and_the_reply(notice, at, due):
    r = run([SIGNED, sent(*notice)], "2026-03-20 12:00")
    assert [(e["name"], e["at"]) for e in r["events"] if e["name"] == "delivered"] == [("delivered", at)]
    assert ob(r, "reply") == [("violated", due)]


# ---------------------------------------------------------------- years no calendar knows


def test_passing_a_year_no_calendar_knows_stops_with_the_rule_and_the_fact():
    """Bill Wed 2026-12-30 10:00: 12-31, then 2027 — not known: an error naming the rule's line and the fact's."""
    with pytest.raises(QiyueError) as exc:
        RULES.evaluate([json.dumps(SIGNED), json.dumps(bill("2026-12-30 10:00"))], T("2027-01-10 12:00"))
    d = exc.value.diagnostics[0]
    assert (d.key, d.span.line) == ("calendar_year_unknown.fact", 19)
    assert "第 2 行的事实 b" in str(exc.value) and "2027" in str(exc.value)


@pytest.mark.parametrize("within, at, as_of, obligation, remedies", [
    # weekdays: 12-31 Thu (known), 2027-01-01 Fri (counted as a working day under the fallback), Mon 01-04 →
    # 01-04 24:00; as of 01-10: days 01-05…01-10 = 6: late ¥30, flat ¥60
    ("3 working days", "2026-12-30 10:00", "2027-01-10 12:00", ("violated", "2027-01-05T00:00:00+08:00"),
     [("late", "held", "30.00"), ("flat", "held", "60.00")]),
    # 3 days: 12-31, 01-01, 01-02 (Sat) → moved to Mon 01-04 (weekdays know no holiday)
    ("3 days", "2026-12-30 10:00", "2027-01-10 12:00", ("violated", "2027-01-05T00:00:00+08:00"),
     [("late", "held", "30.00"), ("flat", "held", "60.00")]),
    # from a bare 1900-01-01 (Mon): 01-02, 03, 04 → 01-04 24:00; to 9000-12-31: 2,593,583 days × ¥10 (flat);
    # late capped each at most 20% of ¥10,000 = ¥2,000
    ("3 working days", "1900-01-01", "9000-12-31 12:00", ("violated", "1900-01-05T00:00:00+08:00"),
     [("late", "held", "2000.00"), ("flat", "held", "25935830.00")]),
    # 1 year from 1900-01-01: 1901-01-01 (Tue) → 1901-01-01 24:00; to 9000-12-31: 2,593,221 days
    ("1 years", "1900-01-01", "9000-12-31 12:00", ("violated", "1901-01-02T00:00:00+08:00"),
     [("late", "held", "2000.00"), ("flat", "held", "25932210.00")]),
])
def test_passing_fallback_weekdays(within, at, as_of, obligation, remedies):
    rules = variant("within 3 working days", "within " + within, "calendar fallback weekdays")
    r = run([{"id": "s", "type": "signed", "at": "1900-01-01"}, bill(at)], as_of, rules,
            early="1900-01-01T00:00:00+08:00")
    assert ob(r) == [obligation] and rem(r) == remedies


@pytest.mark.parametrize("at, as_of, status, not_before", [
    ("2026-12-30 10:00", "2027-01-10 12:00", "undetermined", "2027-01-03T00:00:00+08:00"),  # 3 days at least
    ("2026-12-30 10:00", "2026-12-31 12:00", "active", "2027-01-03T00:00:00+08:00"),
    ("9000-12-30 10:00", "9000-12-31 23:59:59", "active", "9001-01-03T00:00:00+08:00"),   # past the last year
    ("1900-01-01", "9000-12-31 12:00", "undetermined", "1900-01-05T00:00:00+08:00"),
])
def test_passing_fallback_undetermined(at, as_of, status, not_before):
    rules = variant("within 3 working days", "within 3 working days", "calendar fallback undetermined")
    r = run([{"id": "s", "type": "signed", "at": "1900-01-01"}, bill(at)], as_of, rules,
            early="1900-01-01T00:00:00+08:00")
    o = [x for x in r["obligations"] if x["name"] == "pay"][0]
    assert (o["status"], o["due"], o["due_not_before"]) == (status, None, not_before)
    # (what rests on a breach undetermined is undetermined too, from the earliest end — not absent: contract round 41)
    assert {s for _, s, _ in rem(r)} == ({"undetermined"} if status == "undetermined" else set())


# ---------------------------------------------------------------- 大写 in `words`


@pytest.mark.parametrize("numerals, words, code", [
    ("¥10,000.00", "人民币壹万元整", None),
    ("¥10,000.00", "壹万元正", None),
    ("¥100,000.00", "拾万元整", None),
    ("¥10,000.00", "拾万元整", "amount_words_mismatch"),       # ¥100,000
    ("¥10,000.05", "壹万元零伍分", None),
    ("¥10,000.50", "壹万元伍角整", None),
    ("¥120,000,000.00", "壹亿贰仟万元整", None),
    ("¥10,010.00", "壹万零壹拾元整", None),
    ("¥10,000.00", "壹萬元整", None),                           # traditional 萬
    ("¥10,000.00", "壹仟万元整", "amount_words_mismatch"),     # ¥10,000,000
    ("¥10,000.00", "负壹万元整", "amount_words_mismatch"),
    ("¥10,000.00", "壹万亿元整", "amount_words_mismatch"),
    ("¥10,000.00", "壹元万整", "amount_words_unreadable"),
    ("¥10,000.00", "壹万元整（￥10,000.00）", "amount_words_unreadable"),
    ("¥20,000.00", "贰万万元整", "amount_words_unreadable"),
    ("¥0.50", "零元伍角", None),
])
def test_passing_words_read_against_numerals(numerals, words, code):
    rules = compile_rules(BASE.replace('¥10,000.00 words "壹万元整"', f'{numerals} words "{words}"'), "f40.qy")
    found = [d.key for d in rules.findings if d.key.startswith("amount_words")]
    assert found == ([] if code is None else [code])


# ---------------------------------------------------------------- the command line: errors, never a traceback


def _cli(tmp_path, facts_lines, as_of):
    rq = tmp_path / "f40.qy"
    rq.write_text(BASE, encoding="utf-8")
    fx = tmp_path / "f.jsonl"
    fx.write_text("\n".join(facts_lines) + "\n", encoding="utf-8")
    env = dict(os.environ, QIYUE_NATIVE="off")
    p = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(rq), "--facts", str(fx), "--as-of", as_of],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    return p, str(fx)


@pytest.mark.parametrize("line2, as_of, col, expect", [
    ('{"id":"b","type":"billed","at":"2026-03-02T10:00:00+08:00","amount":"壹万元整"}', "2026-03-10", 60,
     '"10000.00"'),
    ('{"id":"b","type":"billed","at":"2026-03-02T10:00:00+08:00","amount":"100","due":"9999-12-31"}', "2026-03-10",
     75, "年份 9999 不在 1900–9000 之间"),
    ('{"id":"b","type":"billed","at":"2026-03-02T10:00:00+08:00","amount":"100","due":"2026-02-30"}', "2026-03-10",
     75, "2 月只有 28 日"),
    ('{"id":"b","type":"billed","at":"2026-03-02T10:00:00+08:00","amount":"-5.00"}', "2026-03-10", None, "amount"),
    ('{"id":"b","type":"billed","at":"2026-03-02T10:00:00+08:00","amount":"1e3"}', "2026-03-10", None, "1e3"),
])
def test_passing_cli_bad_fact_names_file_line_column_and_fix(tmp_path, line2, as_of, col, expect):
    p, fx = _cli(tmp_path, [json.dumps(SIGNED), line2], as_of)
    assert p.returncode == 1 and "Traceback" not in p.stderr + p.stdout
    first = (p.stderr + p.stdout).splitlines()[0]
    assert first.startswith(f"{fx}:2:" + (f"{col}:" if col else ""))
    assert "第 2 行" in first and expect in p.stderr + p.stdout
    assert "修改方法" in p.stderr + p.stdout or "应为" in p.stderr + p.stdout


@pytest.mark.parametrize("as_of", ["0001-01-01", "9999-12-31T23:59:59-12:00", "9000-12-31T23:59:59-12:00"])
def test_passing_cli_as_of_out_of_range_is_an_error(tmp_path, as_of):
    """9000-12-31 23:59:59 at -12:00 is 9001-01-01 19:59:59 in Beijing: past the range, as the message says."""
    p, _ = _cli(tmp_path, [json.dumps(SIGNED)], as_of)
    assert p.returncode != 0 and "Traceback" not in p.stderr + p.stdout
    assert "bad_as_of" in p.stderr and "1900–9000" in p.stderr and "应为" in p.stderr


def _bad_at(tmp_path, at):
    p, fx = _cli(tmp_path, [json.dumps(SIGNED), json.dumps(bill("2026-03-02 10:00") | {"at": at})], "2026-03-10")
    out = p.stderr + p.stdout
    assert p.returncode == 1 and "Traceback" not in out and out.startswith(f"{fx}:2:31: 错误[bad_time] 第 2 行第 31 列")
    return out


@pytest.mark.parametrize("at, words", [
    ("1899-12-31T23:00:00+08:00", "年份 1899 不在 1900–9000 之间"),
    ("9000-12-31T20:00:00-12:00", "即北京时间（合同时间）9001-01-01T16:00"),
    ("2026-3-5", "是否想写：2026-03-05"),
])
def test_passing_cli_bad_at_says_what_is_wrong(tmp_path, at, words):
    assert words in _bad_at(tmp_path, at)


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (07:12–): every bad_time says what is expected and how to fix it (hint:bad_time))
@pytest.mark.parametrize("at", ["9999-12-31T23:00:00+08:00", "2026-02-30"])
def test_a_bad_at_out_of_range_or_impossible_gets_expected_and_a_hint(tmp_path, at):
    out = _bad_at(tmp_path, at)
    assert "修改方法" in out and "应为" in out


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (07:12–): the year 0 is refused as no year 0 (limits.missing_day: no_such_year))
@pytest.mark.parametrize("where", ["at", "due", "as_of"])
def test_the_year_zero_is_refused_as_a_year_out_of_range(tmp_path, where):
    if where == "at":
        out = _bad_at(tmp_path, "0000-01-01")
    elif where == "due":
        p, _ = _cli(tmp_path, [json.dumps(SIGNED), json.dumps(bill("2026-03-02 10:00", due="0000-01-01"))],
                    "2026-03-10")
        out = p.stderr + p.stdout
    else:
        p, _ = _cli(tmp_path, [json.dumps(SIGNED)], "0000-01-01")
        out = p.stderr + p.stdout
    assert "Traceback" not in out
    assert "1900–9000" in out or "没有 0 年" in out


def test_passing_cli_unknown_year_names_the_rule_and_how_to_add_it(tmp_path):
    p, _ = _cli(tmp_path, [json.dumps(SIGNED), json.dumps(bill("2026-12-30 10:00"))], "2027-01-10")
    assert p.returncode == 1 and "Traceback" not in p.stderr + p.stdout
    assert "f40.qy:19:5: 错误[calendar_year_unknown]" in p.stderr
    assert "calendars/README.zh.md" in p.stderr and "兜底" in p.stderr


# ---------------------------------------------------------------- hypothesis


DENSE = ["2026-03-02", "2026-03-02T10:00:00+08:00", "2026-03-04T16:00:00Z", "2026-03-05", "2026-03-05T00:00:00+08:00",
         "2026-03-05T10:00:00+08:00", "2026-03-05T23:59:59+08:00", "2026-03-06T00:00:00+08:00", "2026-03-06",
         "2026-03-05T16:00:00Z", "2026-03-07", "2026-03-09T09:00:00+08:00"]
AMOUNTS = ["5000", "5000.00", "10000", "2500", "0.01", "9999.99"]


@st.composite
def dense_streams(draw):
    facts = [{"id": "s0", "type": "signed", "at": draw(st.sampled_from(["2026-01-05", "2026-03-02",
                                                                           "2026-03-02T10:00:00+08:00", "2026-03-05"]))}]
    for i in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["billed", "billed", "paid", "paid", "sent", "stop"]))
        x = {"id": f"f{i}", "type": kind, "at": draw(st.sampled_from(DENSE))}
        if kind == "billed":
            x["amount"] = draw(st.sampled_from(AMOUNTS))
        elif kind == "paid":
            bills = [y for y in facts if y["type"] == "billed"]
            if not bills:
                continue
            b = draw(st.sampled_from(bills))
            x["ref"], x["amount"] = b["id"], draw(st.sampled_from(AMOUNTS))
            if _instant(x["at"]) < _instant(b["at"]):
                x["at"] = b["at"]
        elif kind == "sent":
            x["method"] = draw(st.sampled_from(["express", "fax"]))
            if draw(st.booleans()):
                x["signed_at"] = draw(st.sampled_from(DENSE))
        else:
            x["from"] = draw(st.sampled_from(["甲方", "乙方"]))
        facts.append(x)
    return facts


@given(dense_streams(), st.sampled_from(["2026-03-05T12:00:00+08:00", "2026-03-06T00:00:00+08:00",
                                         "2026-03-06T12:00:00+08:00", "2026-03-08T23:59:59+08:00",
                                         "2026-03-12T12:00:00+08:00"]))
@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
def test_passing_paths_agree_on_dense_streams(facts, as_of):
    ls = [json.dumps(x, ensure_ascii=False) for x in facts]
    ref = RULES.evaluate(ls, as_of)
    assert RULES.evaluate(ls, as_of, backend="durable") == ref
    assert RULES.evaluate_many(ls, ["2026-03-01T00:00:00+08:00", as_of])[-1] == ref
    assert RULES.evaluate(list(reversed(ls)), as_of) == ref
    for o in ref["obligations"]:        # a due never before its trigger
        if o["due"] and o["triggered_at"]:
            assert _instant(o["due"]) >= _instant(o["triggered_at"])


ODD_AT = ["0001-01-01", "1899-12-31T23:59:59+08:00", "1900-01-01T00:00:00+08:00", "9000-12-31T23:59:59+08:00",
          "9999-12-31", "2026-02-29", "2026-03-05T24:00:00+08:00", "2026-03-05T16:00:00Z", "2026-03-05", 20260305, None]
ODD_MONEY = ["壹万元整", "1e3", "123.456", "NaN", "-5.00", "99999999999999999999999", "１００", " 100 ", "100.00元",
             "¥1,000.00", "0.00", 50, 1.5, True, None, [], {"v": 1}]


@given(st.lists(st.tuples(st.sampled_from(["billed", "paid", "sent", "stop", "signed", "nope"]),
                          st.sampled_from(ODD_AT), st.sampled_from(ODD_MONEY),
                          st.sampled_from(["b", "b", "e\u0301", "\u00e9", "", "x\u2028y"])), min_size=1, max_size=4))
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
def test_passing_odd_facts_are_refused_with_a_place_never_a_traceback(rows):
    facts = [SIGNED]
    for i, (kind, at, money, fid) in enumerate(rows):
        x = {"id": fid or f"f{i}", "type": kind, "at": at}
        if kind in ("billed", "paid"):
            x["amount"] = money
        if kind == "paid":
            x["ref"] = "b"
        if kind == "sent":
            x["method"] = "express"
        if kind == "stop":
            x["from"] = "甲方"
        facts.append(x)
    ls = [json.dumps(x, ensure_ascii=False) for x in facts]
    try:
        RULES.evaluate(ls, "2026-03-10T12:00:00+08:00")
    except QiyueError as exc:
        for d in exc.diagnostics:
            assert d.key and d.span is not None and d.span.line >= 1


# ---------------------------------------------------------------- the contract's end and the end of a part


def stop(at, fid="x"):
    return {"id": fid, "type": "stop", "at": T(at), "from": "甲方"}


@pytest.mark.parametrize("end, late, flat", [
    ("2026-03-08 10:00", "15.00", "30.00"),                 # days 03-06, 07, 08 begun by the end: 3
    ("2026-03-08", "15.00", "30.00"),                       # an end of its day alone: that day counts, 3
    ("2026-03-06T00:00:00+08:00", "5.00", "10.00"),         # at the due instant itself: late, 1 day
])
def test_passing_money_by_the_day_runs_to_the_end_of_the_contract(end, late, flat):
    """Bill Mon 03-02 10:00, due 03-05 24:00, unpaid; the remedies do not survive: they run to the end."""
    r = run([SIGNED, bill("2026-03-02 10:00"), stop(end)], "2026-03-10 12:00")
    assert ob(r) == [("violated", "2026-03-06T00:00:00+08:00")]
    assert rem(r) == [("late", "held", late), ("flat", "held", flat)]


def test_passing_an_end_on_the_last_day_by_its_day_alone_discharges():
    """Ended 03-05 (day alone): some time before 24:00 of the last day — discharged, nothing owed."""
    r = run([SIGNED, bill("2026-03-02 10:00"), stop("2026-03-05")], "2026-03-10 12:00")
    assert ob(r) == [("discharged", "2026-03-06T00:00:00+08:00")] and rem(r) == []


def test_passing_a_part_payment_and_the_end_at_one_instant():
    """¥4,000 and the end both at Sun 03-08 10:00: 03-06, 07, 08 at ¥5.00 (the day of the payment at the balance
    before it) = ¥15.00; flat 3 × ¥10."""
    r = run([SIGNED, bill("2026-03-02 10:00"), pay("2026-03-08 10:00", "4000"), stop("2026-03-08 10:00")],
            "2026-03-10 12:00")
    assert rem(r) == [("late", "held", "15.00"), ("flat", "held", "30.00")]


def test_passing_recomputed_at_day_end_counts_the_payment_day_at_the_new_balance():
    """`recomputed daily at day end`, ¥4,000 on 03-08 10:00: 03-06, 07 at ¥5 = ¥10; 03-08, 09, 10 at ¥3 = ¥9."""
    rules = variant("recomputed daily", "recomputed daily at day end")
    r = run([SIGNED, bill("2026-03-02 10:00"), pay("2026-03-08 10:00", "4000")], "2026-03-10 12:00", rules)
    assert rem(r) == [("late", "held", "19.00"), ("flat", "held", "50.00")]


def test_passing_ends_only_a_remedy_recomputed_daily_by_a_day_alone_end():
    """`ends only late` on 03-08 (day alone), ¥4,000 paid 03-07 10:00: 03-06, 07 at ¥5 = ¥10, 03-08 (the end's day)
    at ¥3 = ¥3 → ¥13.00; flat not ended: 5 days ¥50."""
    rules = variant("    for each stop s\n", "    for each stop s\n    ends only late\n")
    r = run([SIGNED, bill("2026-03-02 10:00"), pay("2026-03-07 10:00", "4000"), stop("2026-03-08")],
            "2026-03-10 12:00", rules)
    assert rem(r) == [("late", "held", "13.00"), ("flat", "held", "50.00")]
    assert r["contract_life"]["ended"] is None


def test_passing_ends_only_the_duty_after_its_breach_keeps_the_breach():
    rules = variant("    for each stop s\n", "    for each stop s\n    ends only pay\n")
    r = run([SIGNED, bill("2026-03-02 10:00"), stop("2026-03-08 10:00")], "2026-03-10 12:00", rules)
    assert ob(r) == [("violated", "2026-03-06T00:00:00+08:00")]
    assert rem(r) == [("late", "held", "25.00"), ("flat", "held", "50.00")]
    r = run([SIGNED, bill("2026-03-02 10:00"), stop("2026-03-04 10:00")], "2026-03-10 12:00", rules)
    assert ob(r) == [("discharged", "2026-03-06T00:00:00+08:00")] and rem(r) == []


# ---------------------------------------------------------------- hours from a deemed delivery of a day alone


HOURS = variant("    within 2 days", "    within 4 hours")


def test_passing_hours_from_a_delivery_signed_at_a_time_of_a_day_alone_sending():
    """Express sent 03-02 (day alone), signed 03-02 08:00: delivered on 03-02 no earlier than 08:00 — the 4 hours end
    at the earliest 12:00, and before 03-03 04:00 (from 24:00).  A payment 14:00 lies between: undetermined; none by
    03-03 12:00: violated at 03-03 04:00."""
    b = bill("2026-03-01 10:00", "1")
    n = sent("2026-03-02", "express", "2026-03-02 08:00")
    r = run([SIGNED, b, n, pay("2026-03-02 14:00", "1")], "2026-03-03 12:00", HOURS)
    o = [x for x in r["obligations"] if x["name"] == "reply"][0]
    assert (o["status"], o["due"], o["due_not_before"]) == ("undetermined", "2026-03-03T04:00:00+08:00",
                                                            "2026-03-02T12:00:00+08:00")
    r = run([SIGNED, b, n], "2026-03-03 12:00", HOURS)
    assert ob(r, "reply") == [("violated", "2026-03-03T04:00:00+08:00")]


# ---------------------------------------------------------------- lengths computed from a fact


@pytest.mark.parametrize("within, amount, due", [
    ("(b.amount / ¥1000.00) days", "100000", "2026-06-11T00:00:00+08:00"),          # 100 days: 06-10 (Wed)
    ("(b.amount / ¥1000.00) working days", "100000", "2026-07-25T00:00:00+08:00"),  # 100 working days: 07-24
    ("(b.amount / ¥1000.00) hours", "100000", "2026-03-06T14:00:00+08:00"),         # 100 h from 03-02 10:00
    ("(b.amount / ¥1000.00) minutes", "100000", "2026-03-02T11:40:00+08:00"),
    ("(b.amount / ¥100000.00) days", "100000", "2026-03-04T00:00:00+08:00"),         # 1 day: 03-03
])
def test_passing_lengths_computed_from_the_bill(within, amount, due):
    r = run([SIGNED, bill("2026-03-02 10:00", amount)], "2026-12-30 12:00", variant("within 3 working days",
                                                                                     "within " + within))
    assert ob(r) == [("violated", due)]


def test_passing_calendar_days_counted_by_hand_for_the_100_working_days():
    """03-02 10:00 + 100 working days (2026 calendar): the 100th is 07-24."""
    d, n = date(2026, 3, 2), 0
    while n < 100:
        d = date.fromordinal(d.toordinal() + 1)
        n += chinese_calendar.is_workday(d)
    assert d == date(2026, 7, 24)


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (07:12–): a length of whole hours computed from a fact is kept in hours (timecalc.period_of))
def test_a_computed_length_of_whole_hours_is_worded_in_hours():
    rules = variant("within 3 working days", "within (b.amount / ¥1000.00) hours")
    r = run([SIGNED, bill("2026-03-02 10:00", "100000")], "2026-12-30 12:00", rules)
    o = [x for x in r["obligations"] if x["name"] == "pay"][0]
    assert "100小时" in o["because"][1] and "6000分钟" not in o["because"][1]


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (07:12–): hours not whole minutes: length_not_whole_minutes, under its own code bad_length (not out_of_range))
def test_a_fraction_of_an_hour_not_whole_minutes_is_said_so():
    rules = variant("within 3 working days", "within (b.amount / ¥1000.00) hours")
    with pytest.raises(QiyueError) as exc:
        rules.evaluate([json.dumps(SIGNED), json.dumps(bill("2026-03-02 10:00", "3333"))], T("2026-12-30 12:00"))
    msg = str(exc.value)
    assert "第 2 行的事实 b" in msg
    assert "超出了可计算的范围" not in msg and "整分钟" in msg and "不是整数" not in msg


def test_passing_a_fractional_number_of_days_from_a_fact_stops_naming_the_fact():
    rules = variant("within 3 working days", "within (b.amount / ¥1000.00) days")
    with pytest.raises(QiyueError) as exc:
        rules.evaluate([json.dumps(SIGNED), json.dumps(bill("2026-03-02 10:00", "3333"))], T("2026-12-30 12:00"))
    assert "第 2 行的事实 b" in str(exc.value) and "3.333 日" in str(exc.value)


# ---------------------------------------------------------------- caps by the month at 24:00; as_of lists


CAPPED = variant('''    amount ¥10.00 per day
    each day counted once''', '''    amount ¥100.00
    total at most ¥150.00 per month''')


@pytest.mark.parametrize("second, due, amount", [
    # Thu 03-26 10:00: Fri 03-27, Mon 03-30, Tue 03-31 → breach at 03-31 24:00, which belongs to March: capped,
    # ¥150 − ¥100 (bill a, breached 03-05 24:00) = ¥50
    ("2026-03-26 10:00", "2026-04-01T00:00:00+08:00", "50.00"),
    ("2026-03-26", "2026-04-01T00:00:00+08:00", "50.00"),            # its day alone: the same days
    # Fri 03-27 00:00 (also written 16:00Z of 03-26): 03-30, 03-31, 04-01 → April's own ¥150: ¥100
    ("2026-03-27T00:00:00+08:00", "2026-04-02T00:00:00+08:00", "100.00"),
    ("2026-03-26T16:00:00Z", "2026-04-02T00:00:00+08:00", "100.00"),
])
def test_passing_a_breach_at_24_00_of_the_months_last_day_is_capped_in_that_month(second, due, amount):
    r = run([SIGNED, bill("2026-03-02 10:00", fid="a"), bill(second, fid="c")], "2026-04-10 12:00", CAPPED)
    assert ob(r) == [("violated", "2026-03-06T00:00:00+08:00"), ("violated", due)]
    assert [x["amount"] for x in r["remedies"] if x["name"] == "flat"] == ["100.00", amount]


def test_passing_a_floor_above_the_cap_gives_the_cap():
    """`each at least ¥5,000.00` beside `each at most 20%` (¥2,000): the least first, then the cap (docs §5)."""
    rules = variant("each at most 20% of o.b.amount", "each at most 20% of o.b.amount\n    each at least ¥5,000.00")
    r = run([SIGNED, bill("2026-03-02 10:00")], "2026-03-10 12:00", rules)
    assert rem(r)[0] == ("late", "held", "2000.00")


def test_passing_evaluate_many_in_any_order_and_twice_equals_single_runs():
    """Bill 03-02 10:00, ¥4,000 on 03-08 (day alone).  As of 03-10 00:00 — the instant day 03-10 begins, counted:
    03-06, 07, 08 at ¥5 + 03-09, 10 at ¥3 = ¥21, flat ¥50; as of 03-08 00:00: 3 days, ¥15 / ¥30."""
    ls = [json.dumps(x) for x in (SIGNED, bill("2026-03-02 10:00"), pay("2026-03-08", "4000"))]
    as_ofs = ["2026-03-10", "2026-03-08", "2026-03-08", "2026-03-08T23:59:59+08:00"]
    many = RULES.evaluate_many(ls, as_ofs)
    assert many == [RULES.evaluate(ls, a) for a in as_ofs]
    assert [[x["amount"] for x in m["remedies"]] for m in many] == [["21.00", "50.00"], ["15.00", "30.00"],
                                                                      ["15.00", "30.00"], ["15.00", "30.00"]]
    with pytest.raises(QiyueError):
        RULES.evaluate_many(ls, [])


# ---------------------------------------------------------------- a calendar file for 2027


CAL_2027 = '''[year.2027]
source   = "测试用日历（日期为虚构）"
holidays = ["2027-01-01", "2027-01-04"]
workdays = ["2027-01-09"]
'''


@pytest.mark.parametrize("within, at, due", [
    # 12-31 (Thu, 2026: working) 1; 2027-01-01 holiday, 02/03 weekend, 01-04 holiday; 01-05 2, 01-06 3
    ("3 working days", "2026-12-30 10:00", "2027-01-07T00:00:00+08:00"),
    ("3 working days", "2026-12-31", "2027-01-08T00:00:00+08:00"),              # 01-05, 06, 07
    # 12-31 1, 01-05…01-08 2–5, Sat 01-09 (make-up) 6, Mon 01-11 7, 01-12 8
    ("8 working days", "2026-12-30 10:00", "2027-01-13T00:00:00+08:00"),
    # 3 days: 12-31, 01-01, 01-02 (Sat) → 01-03 Sun, 01-04 holiday → Tue 01-05
    ("3 days", "2026-12-30 10:00", "2027-01-06T00:00:00+08:00"),
    # 1 month: 2027-01-30 (Sat, not a make-up day) → Mon 02-01
    ("1 months", "2026-12-30 10:00", "2027-02-02T00:00:00+08:00"),
    ("1 months", "2026-12-31", "2027-02-02T00:00:00+08:00"),                    # 01-31 Sun → 02-01
])
def test_passing_a_calendar_file_for_2027_counted_by_hand(tmp_path, within, at, due):
    (tmp_path / "c2027.toml").write_text(CAL_2027, encoding="utf-8")
    text = BASE.replace("calendar official", 'calendar official\n  calendar file "c2027.toml"').replace(
        "within 3 working days", "within " + within)
    rules = compile_rules(text, str(tmp_path / "f40.qy"), base_dir=tmp_path)
    r = run([SIGNED, bill(at)], "2027-03-10 12:00", rules)
    assert ob(r) == [("violated", due)]


# ---------------------------------------------------------------- `when` triggers: a sum reached, a term passed


WHEN = '''contract "W-40" "测试合同二" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
param price "价款" = ¥10,000.00
event signed "签署" { }
event paid "付款" { amount: money "金额" }
event invoiced "开票" { }
event report "报告" { month: text "月份" }
clause "1" "生效" {
  effective eff "生效" { when exists(signed s) }
}
clause "2" "开票" {
  obligation invoice "开具发票" {
    debtor 乙方
    creditor 甲方
    when sum(p.amount for each paid p) >= price
    fulfilled by invoiced i
    within 2 working days
  }
  obligation settle "结清" {
    debtor 甲方
    creditor 乙方
    when passed(10 days as term since first(eff).at)
    fulfilled when sum(p.amount for each paid p) >= price
    within 3 days
  }
  remedy late "违约金" {
    holder 乙方
    for each settle.violated o
    amount 0.1% of max(¥0.00, price - sum(p.amount for each paid p)) per day
    recomputed daily
  }
}
clause "3" "月报" {
  obligation monthly "月报" {
    debtor 乙方
    creditor 甲方
    every month m from first(eff).at until 2026-06-01
    fulfilled by report r where r.month == m.label
    within 5 working days after m.end
  }
}
'''
W_RULES = compile_rules(WHEN, "w40.qy")


def paid(at, amount, fid):
    return {"id": fid, "type": "paid", "at": T(at), "amount": amount}


W_SIGNED = {"id": "s", "type": "signed", "at": T("2026-03-02 10:00")}


@pytest.mark.parametrize("payments", [
    [("2026-03-05", "5000", "p1"), ("2026-03-05 10:00", "5000", "p2")],     # the sum reached on 03-05, ≥ 10:00
    [("2026-03-05 10:00", "5000", "p1"), ("2026-03-05", "5000", "p2")],
    [("2026-03-05 10:00", "10000", "p1")],
])
def test_passing_a_sum_reached_on_a_day_with_a_day_alone_payment(payments):
    """invoice: met 03-05 (no earlier than 10:00); 2 working days: Fri 03-06, Mon 03-09 → 03-09 24:00.  settle:
    passed(10 days as term since 03-02 10:00) = 03-12 24:00 → 03-13T00:00; 3 days 03-13…03-15 (Sun) → Mon 03-16
    24:00; paid in full by then: fulfilled.  monthly (03-02 … 04-01): 5 working days after 03-31 24:00 — 04-01,
    02, 03, (清明 04-04…06), 07, 08 → 04-08 24:00."""
    r = run([W_SIGNED] + [paid(*x) for x in payments], "2026-03-20 12:00", W_RULES)
    assert [(o["name"], o["status"], o["triggered_at"], o["due"]) for o in r["obligations"]
            if o["status"] != "inactive"] == [
        ("invoice", "violated", "2026-03-05T10:00:00+08:00", "2026-03-10T00:00:00+08:00"),
        ("settle", "fulfilled", "2026-03-13T00:00:00+08:00", "2026-03-17T00:00:00+08:00"),
        ("monthly", "active", "2026-03-02T10:00:00+08:00", "2026-04-09T00:00:00+08:00")]
    assert r["remedies"] == []


@pytest.mark.parametrize("signed, payments, amount", [
    # ¥4,000 on 03-13 (day alone): late from 03-16 24:00, 03-17…03-20 = 4 days × 0.1% × ¥6,000 = ¥24.00
    ("2026-03-02 10:00", [("2026-03-13", "4000", "p1")], "24.00"),
    # signed by its day alone, nothing paid: the same term (03-12 24:00), 4 days × ¥10.00
    ("2026-03-02", [], "40.00"),
    # ¥4,000 on 03-18 10:00: 03-17, 18 at ¥10 (the day of payment at the balance before it), 03-19, 20 at ¥6
    ("2026-03-02 10:00", [("2026-03-18 10:00", "4000", "p1")], "32.00"),
])
def test_passing_a_term_passed_then_money_recomputed_daily(signed, payments, amount):
    r = run([{"id": "s", "type": "signed", "at": T(signed)}] + [paid(*x) for x in payments], "2026-03-20 12:00",
            W_RULES)
    assert [(o["status"], o["due"]) for o in r["obligations"] if o["name"] == "settle"] == [
        ("violated", "2026-03-17T00:00:00+08:00")]
    assert [x["amount"] for x in r["remedies"]] == [amount]


W_DENSE = ["2026-03-02", "2026-03-02T10:00:00+08:00", "2026-03-12", "2026-03-12T23:59:59+08:00",
           "2026-03-13T00:00:00+08:00", "2026-03-12T16:00:00Z", "2026-03-13", "2026-03-16", "2026-03-17T00:00:00+08:00",
           "2026-03-31", "2026-04-01T00:00:00+08:00", "2026-04-08"]


@st.composite
def w_streams(draw):
    facts = [{"id": "s", "type": "signed", "at": draw(st.sampled_from(["2026-03-02", "2026-03-02T10:00:00+08:00"]))}]
    for i in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["paid", "paid", "invoiced", "report"]))
        x = {"id": f"f{i}", "type": kind, "at": draw(st.sampled_from(W_DENSE))}
        if kind == "paid":
            x["amount"] = draw(st.sampled_from(["5000", "4000", "10000", "0.01"]))
        if kind == "report":
            x["month"] = draw(st.sampled_from(["2026-03", "2026-04"]))
        facts.append(x)
    return facts


@given(w_streams(), st.sampled_from(["2026-03-13T00:00:00+08:00", "2026-03-17T00:00:00+08:00",
                                     "2026-03-20T12:00:00+08:00", "2026-04-10T12:00:00+08:00"]))
@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
def test_passing_paths_agree_on_when_triggers(facts, as_of):
    run(facts, as_of, W_RULES, early="2026-03-01T00:00:00+08:00")


# ---------------------------------------------------------------- a length written in Chinese numerals


def _check(tmp_path, within):
    rq = tmp_path / "f40.qy"
    rq.write_text(BASE.replace("within 3 working days", "within " + within), encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "engine.cli", "check", str(rq)], cwd=ROOT,
                       env=dict(os.environ, QIYUE_NATIVE="off"), capture_output=True, text=True, timeout=60)
    out = p.stdout + p.stderr
    assert p.returncode != 0 and "Traceback" not in out and out.startswith(f"{rq}:19:")
    return out


@pytest.mark.parametrize("within, digits", [("三个工作日", "3 个工作日"), ("十五日", "15 日"), ("叁个工作日", "3 个工作日")])
def test_passing_a_length_in_chinese_numerals_written_together_gets_the_digits(tmp_path, within, digits):
    out = _check(tmp_path, within)
    assert f"是否想写：{digits}" in out and "期间的长度用阿拉伯数字写" in out


# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (07:12–): a Chinese numeral with a space before its unit gets hint:numeral_length (parser._numeral_before_unit))
@pytest.mark.parametrize("within, digits", [("十 日", "10 日"), ("三 个工作日", "3 个工作日"), ("三 days", "3 days")])
def test_a_length_in_chinese_numerals_with_a_space_gets_the_digits(tmp_path, within, digits):
    out = _check(tmp_path, within)
    assert "期间的长度用阿拉伯数字写" in out and digits in out


# ---------------------------------------------------------------- a row recomputed daily that lapses on its own total


LAPSING = variant("    recomputed daily\n", "    recomputed daily\n    lapses when accrued(late) >= ¥12.00\n")


@pytest.mark.parametrize("paid_facts, as_of, status, amount", [
    # ¥5 a day from 03-06: ¥10 by 03-07, ¥15 at 00:00 of 03-08 ≥ ¥12 → lapsed then, counted to that day: ¥15
    ([], "2026-03-07 23:59:59", "held", "10.00"),
    ([], "2026-03-08 00:00", "lapsed", "15.00"),
    ([], "2026-03-10 12:00", "lapsed", "15.00"),
    # ¥4,000 on 03-07 10:00: 03-06, 07 at ¥5, 03-08 at ¥3 → ¥13 at 03-08 00:00: lapsed, ¥13
    ([("2026-03-07 10:00", "4000")], "2026-03-10 12:00", "lapsed", "13.00"),
    # ¥8,000 on 03-07 (day alone): 03-06, 07 at ¥5, then ¥1 a day: ¥11 on 03-08, ¥12 at 00:00 of 03-09 → lapsed
    ([("2026-03-07", "8000")], "2026-03-08 12:00", "held", "11.00"),
    ([("2026-03-07", "8000")], "2026-03-10 12:00", "lapsed", "12.00"),
])
def test_passing_a_row_lapses_at_00_00_of_the_day_its_total_reaches(paid_facts, as_of, status, amount):
    facts = [SIGNED, bill("2026-03-02 10:00")] + [pay(at, amt, fid=f"p{i}") for i, (at, amt) in enumerate(paid_facts)]
    r = run(facts, as_of, LAPSING)
    assert [(x["status"], x["amount"]) for x in r["remedies"] if x["name"] == "late"] == [(status, amount)]
