"""Two values each computed from one fact of a join alone, compared, on the Rete (issue 14).

freight.qy 4.2: `for each deliver.violated v where count(deliver.violated w where month_end(w) == month_end(v) and
w.at <= v.at) >= late_count_for_termination` — three late deliveries in one calendar month.  Each side of the
equality reads one fact alone (and the rules' calendar), so qiyue computes it with its own compiled expression
when the fact is sent to durable_rules — a property of the fact's message and of its probe — and the Rete pairs
the two properties (``patterns._computed_pair``).  qiyue compares by the day where a side is the end of a day
(24:00 of 31 March is before 00:00 of 1 April, one instant though they are): such values are sent as instants
that know their day (``patterns.BY_DAY``); a value without the form the comparison needs (a sub-cent amount) is
``Beyond`` the Rete, and the evaluation is then qiyue's.
"""
from __future__ import annotations

import json
import operator
import textwrap
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from engine.live import available as durable_available
from engine.live.patterns import BY_DAY, encode
from engine.run.compiler import Event, _compare_by_day
from engine.time.timecalc import CONTRACT_TZ, Moment
from seedfacts import backends_agree_on_generated_streams, compiled_rules, on_both_backends
from test_new_contract_round8 import HEAD, THREE_LATE, f

ROOT = Path(__file__).resolve().parent.parent
needs_durable = pytest.mark.skipif(not durable_available(), reason="durable_rules not installed (the [live] extra)")


def lines(facts):
    return [json.dumps(x, ensure_ascii=False) for x in facts]


@needs_durable
def test_freight_and_its_month_count_run_wholly_on_the_rete():
    """`qiyue check --backend durable` names no line of freight.qy: the count of late deliveries in a month is
    decided by the Rete, each violation's month end a property of its message."""
    from engine.live.backend import plan
    with compiled_rules(path=str(ROOT / "tests" / "contracts" / "freight.qy")) as c:
        rows = {d["line"]: d for d in plan(c).describe()}
        assert rows["remedy:terminate_for_delays#0"]["runs_on"] == "rete"
        assert {d["runs_on"] for d in rows.values()} <= {"rete", "never"}


@pytest.mark.parametrize("picked,notice,power", [
    # late at 24:00 of 03-09, 03-19 and 03-31 (at 2026-04-01T00:00, on 31 March): three in March
    (["2026-03-06T09:00:00+08:00", "2026-03-16T09:00:00+08:00", "2026-03-28T09:00:00+08:00"],
     "2026-04-01T00:00:00+08:00", ("exercised", "2026-04-01T00:00:00+08:00")),
    # late at 24:00 of 02-28 (at 2026-03-01T00:00, on 28 February), 03-09, 03-19: two in March
    (["2026-02-25T09:00:00+08:00", "2026-03-06T09:00:00+08:00", "2026-03-16T09:00:00+08:00"],
     "2026-03-25T10:00:00+08:00", None),
])
def test_three_late_in_a_month_on_both_backends(picked, notice, power):
    """round 8's cases, counted by hand there: the same report on either backend."""
    facts = [f("p%d" % i, "picked_up", at) for i, at in enumerate(picked)]
    facts.append(f("t", "termination_notified", notice, party="甲方"))
    with compiled_rules(HEAD + textwrap.dedent(THREE_LATE)) as c:
        report = on_both_backends(c, lines(facts), "2026-05-01")
    got = [(r["status"], r["exercised_at"]) for r in report["remedies"]]
    assert got == ([] if power is None else [power])


def _moments():
    """Instants around a midnight, each with the day it counts as: 24:00 of 31 March and 00:00 of 1 April are one
    instant; a fact's own (an event) and a plain moment."""
    midnight = datetime(2026, 4, 1, tzinfo=CONTRACT_TZ)
    out = [Moment.end_of_day(date(2026, 3, 31)), Moment.start_of_day(date(2026, 4, 1)),
           Moment.of(midnight - timedelta(microseconds=1)), Moment.of(midnight + timedelta(microseconds=1)),
           Moment.end_of_day(date(2026, 4, 1)), Moment.start_of_day(date(2026, 3, 31))]
    return out + [Event("e", "x", m, {}) for m in out[:2]]


@pytest.mark.parametrize("op", ["==", "!=", "<", "<=", ">", ">="])
def test_the_by_day_form_orders_as_qiyue_compares_by_the_day(op):
    """Sent as ``BY_DAY``, two instants compare on the Rete (integers) as qiyue compares them by the day."""
    fn = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt,
          ">=": operator.ge}[op]
    for a in _moments():
        for b in _moments():
            assert fn(encode(BY_DAY, a), encode(BY_DAY, b)) == _compare_by_day(a, b, fn), (a, b, op)
    # (a bare instant or a day is equal to both 24:00 and 00:00: it has no such form — Beyond the Rete)
    assert encode(BY_DAY, datetime(2026, 4, 1, tzinfo=CONTRACT_TZ)) is None
    assert encode(BY_DAY, date(2026, 4, 1)) is None


PAIRS = """\
contract "X" { calendar official }
party 甲方 "托运人" as shipper
party 乙方 "承运人" as carrier
event picked_up "提货" { amount: money "运费"  who: party optional "经办方" }
event delivered "签收" {
  ref: ref (picked_up) "提货"  amount: money optional "金额"
  who: party optional "经办方"  n: int optional "件数"
}
clause "1" "c" {
  obligation deliver "交付" {
    debtor 乙方
    creditor 甲方
    for each picked_up p
    fulfilled by delivered d where d.ref == p.id
    within 3 days as term
  }
  remedy same_month "同月两次" {
    holder 甲方
    for each deliver.violated v
      where count(deliver.violated w where month_end(w) == month_end(v) and w.at <= v.at) >= 2
    once
  }
  remedy at_the_end "于当日24时签收" {
    holder 甲方
    for each deliver.violated v, delivered d where d.ref == v.p.id and d.at == day_end(v)
    amount ¥1.00
  }
  remedy not_at_the_end "非于当日24时签收" {
    holder 甲方
    for each deliver.violated v, delivered d where d.ref == v.p.id and d.at != day_end(v)
    amount ¥2.00
  }
  remedy later_month "次月签收" {
    holder 甲方
    for each picked_up p, delivered d where d.ref == p.id and month_end(d) > month_end(p)
    amount ¥3.00
  }
  remedy other_month "非同月" {
    holder 甲方
    for each picked_up p, delivered d where d.ref == p.id and not (month_end(d) == month_end(p))
    amount ¥4.00
  }
  remedy double "两倍" {
    holder 甲方
    for each picked_up p, delivered d where d.ref == p.id and d.amount × 2 == p.amount + ¥0.00
    amount ¥5.00
  }
  remedy half "一半" {
    holder 甲方
    for each picked_up p, delivered d where d.ref == p.id and d.amount ÷ d.n == p.amount ÷ 4
    amount ¥6.00
  }
  remedy others "对方" {
    holder 甲方
    for each picked_up p, delivered d where d.ref == p.id and other(d.who) == other(p.who)
    amount ¥7.00
  }
}
"""


@needs_durable
def test_every_line_of_the_pairs_runs_on_the_rete():
    from engine.live.backend import plan
    with compiled_rules(PAIRS) as c:
        assert {d["line"]: d["runs_on"] for d in plan(c).describe()} == {
            "obligation:deliver#0": "rete", **{f"remedy:{n}#0": "rete" for n in (
                "same_month", "at_the_end", "not_at_the_end", "later_month", "other_month", "double", "half",
                "others")}}


def _remedies(report) -> dict:
    got: dict = {}
    for r in report["remedies"]:
        got.setdefault(r["name"], []).append(r["trigger"])
    return {k: sorted(v) for k, v in got.items()}


FACTS = [f("p1", "picked_up", "2026-03-28T09:00:00+08:00", amount="100.00", who="甲方"),
         f("d1", "delivered", "2026-04-01T00:00:00+08:00", ref="p1", amount="1.00", who="乙方"),
         f("p2", "picked_up", "2026-04-10T09:00:00+08:00", amount="100.00", who="乙方"),
         f("d2", "delivered", "2026-04-11T09:00:00+08:00", ref="p2", amount="50.00", who="乙方", n=2),
         f("p3", "picked_up", "2026-04-16T09:00:00+08:00", amount="3.00"),
         f("d3", "delivered", "2026-04-25T10:00:00+08:00", ref="p3", amount="0.01"),
         f("p4", "picked_up", "2026-04-28T09:00:00+08:00", amount="3.00")]


def test_pairs_counted_by_hand_on_both_backends():
    """p1 (Sat 03-28) is late at 24:00 of 03-31 and delivered at 00:00 of 04-01 — one instant, but the next day
    (`d.at == day_end(v)` fails, `!=` holds) and the next month; p2 delivered in time, ¥50.00 × 2 = ¥100.00 + ¥0.00
    and ¥50.00 ÷ 2 = ¥100.00 ÷ 4, its parties' others alike; p3 late at 24:00 of 04-19, delivered 04-25 (no count
    of pieces: unknown, the comparison fails); p4 late at 24:00 of 05-01.  One late delivery in each of March, April
    and May: no same_month."""
    with compiled_rules(PAIRS) as c:
        got = _remedies(on_both_backends(c, lines(FACTS), "2026-06-01"))
    assert got == {"not_at_the_end": ["d1", "d3"], "later_month": ["d1"], "other_month": ["d1"], "double": ["d2"],
                   "half": ["d2"], "others": ["d2"]}


@needs_durable
def test_a_value_qiyue_fails_to_compute_is_beyond_the_rete():
    """¥0.01 ÷ 0 cannot be computed: the fact cannot be sent — the evaluation's lines are then qiyue's, which
    meets the error where the reference does: the same error on both."""
    from decimal import Decimal
    from engine.diagnostics import QiyueError
    from engine.live.backend import plan
    from engine.live.patterns import Beyond
    with compiled_rules(PAIRS) as c:
        matcher = plan(c).matcher
        at = Moment.of(datetime(2026, 4, 25, 10, tzinfo=CONTRACT_TZ))
        matcher.message("s", Event("d", "delivered", at, {"ref": "p", "amount": Decimal("0.01"), "n": 1}))
        with pytest.raises(Beyond):
            matcher.message("s", Event("d", "delivered", at, {"ref": "p", "amount": Decimal("0.01"), "n": 0}))
        facts = lines([*FACTS, f("d5", "delivered", "2026-05-02T10:00:00+08:00", ref="p3", amount="1.00", n=0)])
        got = []
        for backend in ("reference", "durable"):
            try:
                got.append(json.dumps(c.evaluate(facts, "2026-06-01", backend=backend), ensure_ascii=False))
            except QiyueError as exc:
                got.append(f"error: {exc}")
        assert got[0] == got[1] and got[0].startswith("error")


@needs_durable
def test_the_backends_agree_on_generated_streams_of_the_pairs():
    with compiled_rules(PAIRS) as c:
        backends_agree_on_generated_streams(c, max_examples=60, max_facts=12)
