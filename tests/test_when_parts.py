"""A `when` / `lapses when` condition that is an `and` of parts (through parameters defined as one) is tested part by
part, and once false it is tested again only on a fact of a kind its first false part or a part before it reads
(``Prepared._guards``, ``Evaluation.holds_when``; issue 13: the seed's three powers' `lapses when performed_in_full`
was tested on every payment before acceptance, a third of the payment mix's evaluation).  Against the same rules
counting in full — which tests the whole condition on every fact of any kind it reads — the reports are equal.
Hand counts first; then hypothesis."""
from __future__ import annotations

import dataclasses
import json
from datetime import datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.api import compile_rules
from engine.run.plans import Prepared

RULES = '''contract "W" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
event ready "准备就绪"
event part "部件到货" { n: int }
event late "逾期"
event done "履行完毕"
event stop "暂停"
param parts_in "部件齐备" = exists(ready) and sum(p.n for each part p) >= 3
clause "1" "交付" {
  obligation deliver "交付" {
    debtor 乙方
    creditor 甲方
    when parts_in and passed(2 days as term since first(ready).at) and not exists(stop)
    fulfilled by done
    within 5 days
  }
}
clause "2" "解除" {
  remedy terminate "解除权" {
    holder 甲方
    for each late x
    amount ¥100.00
    lapses when all of (parts_in, exists(done), count(late) >= 2)
  }
}
'''

START = datetime.fromisoformat("2026-03-02T09:00:00+08:00")


def _rules():
    fast = compile_rules(RULES, "w.qy")
    full = dataclasses.replace(fast, prepared=Prepared(fast.checked, fast.prepared.calendar, incremental=False))
    return fast, full


FAST, FULL = _rules()


def _lines(facts):
    return [json.dumps(f, ensure_ascii=False) for f in facts]


def _fact(k, kind, minutes, n=1):
    f = {"id": f"f{k:02d}", "type": kind, "at": (START + timedelta(minutes=minutes)).isoformat()}
    if kind == "part":
        f["n"] = n
    return f


def test_the_condition_is_taken_apart_through_its_parameter():
    """`parts_in and passed(…) and not exists(stop)`: four parts (parts_in is two); each with the kinds it and the
    parts before it read; counting in full keeps it whole."""
    [(plan, trig)] = [(p, t) for p, t in FAST.prepared.all_triggers() if t.kind == "when"]
    assert [sorted(reads) for reads, _ in trig.guards] == [
        ["ready"], ["part", "ready"], ["part", "ready"], ["part", "ready", "stop"]]
    [full_trig] = [t for _, t in FULL.prepared.all_triggers() if t.kind == "when"]
    assert full_trig.guards == ()


def test_parts_arriving_after_the_first_false_part_still_count():
    """Three parts arrive (03-02 09:00–09:02) before `ready` (03-02 10:00): false on each part at `exists(ready)`, then
    `ready` makes the first two parts true and the third — two days from 10:00 as a term (民法典第201条: from
    03-03, two days end 03-04 24:00) — false; the wake at 03-05 00:00 fires the duty, due five days later."""
    facts = [_fact(0, "part", 0), _fact(1, "part", 1), _fact(2, "part", 2), _fact(3, "ready", 60)]
    report = FAST.evaluate(_lines(facts), "2026-03-20")
    assert report == FULL.evaluate(_lines(facts), "2026-03-20")
    [o] = [o for o in report["obligations"] if o["name"] == "deliver"]
    assert (o["triggered_at"], o["status"]) == ("2026-03-05T00:00:00+08:00", "violated")


def test_a_fact_of_a_part_after_the_first_false_one_does_not_fire_it():
    """`ready` alone (sum 0 < 3): false at the sum; a `stop` (read only by the last part) changes nothing — and the
    duty never arises even when the parts come, as `stop` stays."""
    facts = [_fact(0, "ready", 0), _fact(1, "stop", 5), _fact(2, "part", 10, 3)]
    report = FAST.evaluate(_lines(facts), "2026-03-20")
    assert report == FULL.evaluate(_lines(facts), "2026-03-20")
    assert [o for o in report["obligations"] if o["name"] == "deliver" and o["status"] != "inactive"] == []


def test_the_lapse_comes_with_the_fact_that_completes_it():
    """A late 03-02 09:00 gives the power; `done` (09:05) and a second late (09:10) come before `ready` — the lapse is
    false at `parts_in`, and neither re-test is needed; `ready` 09:20 and three parts 09:30 complete it: the row lapses
    at 09:30 (the part that completed the sum)."""
    facts = [_fact(0, "late", 0), _fact(1, "done", 5), _fact(2, "late", 10), _fact(3, "ready", 20),
             _fact(4, "part", 30, 3)]
    report = FAST.evaluate(_lines(facts), "2026-03-20")
    assert report == FULL.evaluate(_lines(facts), "2026-03-20")
    rows = [(r["since"], r["status"]) for r in report["remedies"] if r["name"] == "terminate"]
    assert rows == [("2026-03-02T09:00:00+08:00", "lapsed"), ("2026-03-02T09:10:00+08:00", "lapsed")]
    assert any("f04" in line for line in [r for r in report["remedies"]][0]["because"])


KINDS = ["ready", "part", "late", "done", "stop"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 6 * 24 * 60), st.integers(0, 3)),
                max_size=14),
       st.integers(0, 10 * 24 * 60))
def test_part_by_part_agrees_with_the_whole_condition(events, as_of_minutes):
    """Random streams (facts at shared instants too, in any order), at a random instant: the same report."""
    facts = [_fact(k, kind, minutes, n) for k, (kind, minutes, n) in enumerate(events)]
    as_of = (START + timedelta(minutes=as_of_minutes)).isoformat()
    assert FAST.evaluate(_lines(facts), as_of) == FULL.evaluate(_lines(facts), as_of)
