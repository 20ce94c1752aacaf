"""An aggregate whose condition is the fact's own parts and then its instant compared with a value that does not read
it — a running total up to the line's fact, `sum(q.amount for each paid q where q.at <= p.at)` — is kept as a running
count and total in time order and answered by a search, not counted again over the history for every fact
(``Compiler._timed``; the fuzzer, round 10: 4,000 payments took 16 s).  Against the same rules counting in full the
reports are equal — hand counts first, then hypothesis over every operator, both sides, simultaneous facts."""
from __future__ import annotations

import dataclasses
import json
from datetime import datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.api import compile_rules
from engine.run.plans import Prepared

RULES = '''contract "T" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
event paid "付款" { amount: money  kind: text }
event mark "节点"
clause "1" "累计付款" {
  remedy reached "累计付款达到¥100.00" {
    holder 乙方
    for each paid p where p.kind == "goods" and sum(q.amount for each paid q where q.kind == "goods" and q.at <= p.at) >= ¥100.00
    once
    amount ¥1.00
  }
  remedy earlier_count "此前已有两笔付款" {
    holder 乙方
    for each paid p where count(paid q where q.at < p.at) >= 2
    amount ¥1.00
  }
  remedy after_mark "节点之后首笔付款" {
    holder 甲方
    for each mark m where exists(paid q where m.at <= q.at)
    amount ¥1.00
  }
}
clause "2" "节点" {
  obligation pay_before_mark "节点前付清" {
    debtor 甲方
    creditor 乙方
    for each mark m
    fulfilled when sum(q.amount for each paid q where q.at >= m.at) >= ¥50.00
    within 3 days
  }
}
'''

START = datetime.fromisoformat("2026-03-02T09:00:00+08:00")


def _rules():
    fast = compile_rules(RULES, "t.qy")
    full = dataclasses.replace(fast, prepared=Prepared(fast.checked, fast.prepared.calendar, incremental=False))
    return fast, full


FAST, FULL = _rules()


def _lines(facts):
    return [json.dumps(f, ensure_ascii=False) for f in facts]


def _fact(k, kind, minutes, amount="40.00", what="goods"):
    f = {"id": f"f{k:02d}", "type": kind, "at": (START + timedelta(minutes=minutes)).isoformat()}
    if kind == "paid":
        f.update(amount=amount, kind=what)
    return f


def test_the_shapes_taken():
    """Each of the four aggregates compiles to the running count (one reads the fact's own kind first)."""
    text = json.dumps(FAST.evaluate(_lines([]), "2026-03-20"))
    assert "error" not in text


def test_a_running_total_reaches_the_amount_at_the_third_goods_payment():
    """¥40.00 goods 09:00, ¥500.00 services 09:01, ¥40.00 goods 09:02, ¥40.00 goods 09:03: the goods total up to each
    is 40, 80, 120 — the remedy arises once, at 09:03 (f03); the services payment is not counted."""
    facts = [_fact(0, "paid", 0), _fact(1, "paid", 1, "500.00", "services"), _fact(2, "paid", 2), _fact(3, "paid", 3)]
    report = FAST.evaluate(_lines(facts), "2026-03-20")
    assert report == FULL.evaluate(_lines(facts), "2026-03-20")
    assert [r["trigger"] for r in report["remedies"] if r["name"] == "reached"] == ["f03"]
    # (`count(paid q where q.at < p.at) >= 2`: two payments strictly before — at 09:02 and 09:03)
    assert [r["trigger"] for r in report["remedies"] if r["name"] == "earlier_count"] == ["f02", "f03"]


def test_payments_at_one_instant_are_all_up_to_it():
    """Three goods payments of ¥40.00 at one instant: each one's total up to its own instant is ¥120.00 — the remedy
    arises (once) at that instant; none of them has two payments strictly before it."""
    facts = [_fact(0, "paid", 0), _fact(1, "paid", 0), _fact(2, "paid", 0)]
    report = FAST.evaluate(_lines(facts), "2026-03-20")
    assert report == FULL.evaluate(_lines(facts), "2026-03-20")
    assert len([r for r in report["remedies"] if r["name"] == "reached"]) == 1
    assert [r for r in report["remedies"] if r["name"] == "earlier_count"] == []


def test_payments_after_a_mark_fulfil_its_duty():
    """A mark 09:10; ¥40.00 at 09:05 (before it: not counted), ¥40.00 at 09:10 (at it) and 09:20: ¥80.00 from the mark
    on reaches ¥50.00 at 09:20 — fulfilled then."""
    facts = [_fact(0, "paid", 5), _fact(1, "mark", 10), _fact(2, "paid", 10), _fact(3, "paid", 20)]
    report = FAST.evaluate(_lines(facts), "2026-03-20")
    assert report == FULL.evaluate(_lines(facts), "2026-03-20")
    [o] = [o for o in report["obligations"] if o["name"] == "pay_before_mark"]
    assert (o["status"], o["fulfilled_at"]) == ("fulfilled", "2026-03-02T09:20:00+08:00")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["paid", "paid", "mark"]), st.integers(0, 3 * 24 * 60),
                          st.sampled_from(["0.00", "30.00", "60.00"]), st.sampled_from(["goods", "services"])),
                max_size=16),
       st.integers(0, 6 * 24 * 60))
def test_running_counts_agree_with_counting_in_full(events, as_of_minutes):
    """Random streams (facts at shared instants too, in any order), at a random instant: the same report."""
    facts = [_fact(k, kind, minutes, a, w) for k, (kind, minutes, a, w) in enumerate(events)]
    as_of = (START + timedelta(minutes=as_of_minutes)).isoformat()
    assert FAST.evaluate(_lines(facts), as_of) == FULL.evaluate(_lines(facts), as_of)
