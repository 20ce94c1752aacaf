"""`triggered( )` and `open( )` on the Rete (issue 14): an obligation's duties in durable_rules' working
memory.

A line whose condition reads `triggered(o)` or `open(o)` is a condition tree (like `exists( )`): its
parts on the line's own fact are rules on that fact; `triggered(o)` is a rule on the obligation's
`arose` fact (put in working memory when its first duty arises), `open(o)` a rule on its duties' facts
whose status is active or suspended (each duty's fact replaced at each move, gone once its status can
no longer change).  qiyue counts what passes them and puts the answers together when the replay lets
the line see its fact — so a fact of the same instant sees the duties as the reference does.  Every case
is compared, report for report, with the reference; the expected findings are counted by hand.
"""
from __future__ import annotations

import json

import pytest

from engine.live import available as durable_available
from seedfacts import backends_agree_on_generated_streams, compiled_rules, on_both_backends

pytestmark = pytest.mark.skipif(not durable_available(), reason="durable_rules not installed (the [live] extra)")

RULES = """\
contract "S-1" "状态测试合同" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
event signed "签约" {}
event order "订单" { urgent: bool optional "加急" }
event delivered "交付" { ref: ref (order) "订单" }
event query "询问" { level: int optional "级别" }
event fm "不可抗力" {}
event fm_end "不可抗力结束" { ref: ref (fm) "所结束的不可抗力" }
event waived "豁免" {}
event ended "合同解除" { party: party "解除方" }
effective in_force "合同生效" { when exists(signed) }
clause "1" "交付" {
  obligation deliver "交付" {
    debtor 乙方
    creditor 甲方
    for each order o
    fulfilled by delivered d where d.ref == o.id
    within 2 days
    suspended by fm f until fm_end e where e.ref == f.id
    excused if exists(waived) "已豁免"
  }
  finding asked_before warning "未下单即询问" {
    for each query q where not triggered(deliver)
  }
  finding asked_open info "交付进行中的询问" {
    for each query q where open(deliver) and not q.level == 9
  }
  finding asked_closed info "交付都已了结后的询问" {
    for each query q where triggered(deliver) and not open(deliver)
  }
  finding urgent_again info "已有交付进行中又下加急单" {
    for each order o where o.urgent and (open(deliver) or not triggered(deliver))
  }
  termination by_notice "解除" {
    for each ended x
  }
}
"""


def fact(i, t, at, **attrs):
    return json.dumps({"id": i, "type": t, "at": at, **attrs}, ensure_ascii=False)


@pytest.fixture(scope="module")
def compiled():
    with compiled_rules(RULES, "s.qy") as c:
        yield c


def both(compiled, facts, as_of="2026-03-01"):
    return on_both_backends(compiled, facts, as_of)


def found(report, code):
    return [f["args"]["trigger"] if f.get("args") and "trigger" in f["args"] else f["at"]
            for f in report["findings"] if f["code"] == code]


def at(day, hour=9):
    return f"2026-01-{day:02d}T{hour:02d}:00:00+08:00"


def test_every_line_reading_duties_runs_on_the_rete(compiled):
    from engine.live.backend import plan
    rows = {(r["rule"], r["line"]): r for r in plan(compiled).describe()}
    assert all(r["runs_on"] == "rete" for (rule, _), r in rows.items() if rule.startswith(("asked", "urgent"))), rows
    assert plan(compiled).duties == {"deliver": {"arose", "duty"}}


def test_triggered_and_open_follow_each_duty(compiled):
    """o1 arises on the 5th (open), is delivered on the 6th (fulfilled: nothing open, but triggered)."""
    facts = [fact("s", "signed", at(1)),
             fact("q0", "query", at(4)),  # before any order: asked_before
             fact("o1", "order", at(5)),
             fact("q1", "query", at(5, 12)),  # o1 running: asked_open
             fact("q2", "query", at(5, 13), level=9),  # running, but level 9: nothing
             fact("d1", "delivered", at(6), ref="o1"),
             fact("q3", "query", at(6, 12))]  # o1 performed: asked_closed
    r = both(compiled, facts)
    times = {f["code"]: [] for f in r["findings"]}
    for f in r["findings"]:
        times[f["code"]].append(f["at"][:16])
    assert times.get("asked_before") == ["2026-01-04T09:00"]
    assert times.get("asked_open") == ["2026-01-05T12:00"]
    assert times.get("asked_closed") == ["2026-01-06T12:00"]


def test_a_fact_of_the_same_instant_sees_the_duty_that_instant_made(compiled):
    """The order and the query at one instant: the facts of an instant are seen in the replay's order
    (time, then id) — whichever it is, both backends see the same duties at the query."""
    for qid, oid in (("a-q", "b-o"), ("b-q", "a-o")):
        facts = [fact("s", "signed", at(1)), fact(oid, "order", at(5)), fact(qid, "query", at(5))]
        r = both(compiled, facts)
        assert len([f for f in r["findings"] if f["code"].startswith("asked")]) == 1


def test_suspended_is_open_violated_and_discharged_are_not(compiled):
    facts = [fact("s", "signed", at(1)),
             fact("o1", "order", at(5)),  # due 24:00 of the 7th
             fact("f1", "fm", at(6)),  # o1 suspended from the 6th
             fact("q1", "query", at(8)),  # suspended counts as open: asked_open
             fact("e1", "fm_end", at(20), ref="f1"),  # 14 days of suspension: o1 due 24:00 of the 21st
             fact("o2", "order", at(21), urgent=True),  # o1 running again: urgent_again; o2 due 24:00 of the 23rd
             fact("q2", "query", at(22, 12)),  # o1 violated at 00:00 of the 22nd, o2 running: asked_open
             fact("x", "ended", at(23, 10), party="甲方"),  # the contract ends: o2 discharged
             fact("q3", "query", at(26))]  # nothing open, o1 and o2 triggered: asked_closed
    r = both(compiled, facts)
    assert {o["trigger"]: o["status"] for o in r["obligations"] if o["name"] == "deliver"} == {
        "o1": "violated", "o2": "discharged"}
    assert [(f["code"], f["at"][:10]) for f in r["findings"] if f["code"].startswith(("asked", "urgent"))] == [
        ("asked_open", "2026-01-08"), ("urgent_again", "2026-01-21"), ("asked_open", "2026-01-22"),
        ("asked_closed", "2026-01-26")]


def test_a_duty_excused_as_it_arises_is_triggered_and_never_open(compiled):
    facts = [fact("s", "signed", at(1)), fact("w", "waived", at(4)),
             fact("o1", "order", at(5)),  # excused at once
             fact("q1", "query", at(5, 12)),  # triggered, not open: asked_closed
             fact("o2", "order", at(6), urgent=True)]  # neither open nor untriggered: no urgent_again
    r = both(compiled, facts)
    assert [o["status"] for o in r["obligations"] if o["name"] == "deliver"] == ["excused", "excused"]
    assert [f["code"] for f in r["findings"] if f["code"].startswith(("asked", "urgent"))] == ["asked_closed"]


def test_violated_duties_are_closed(compiled):
    facts = [fact("s", "signed", at(1)), fact("o1", "order", at(5)),
             fact("q1", "query", at(9)),  # o1 due 24:00 of the 7th: violated by now
             fact("o2", "order", at(9, 10), urgent=True)]  # nothing open, but triggered: no urgent_again
    r = both(compiled, facts, "2026-01-10")
    assert [o["status"] for o in r["obligations"] if o["name"] == "deliver"] == ["violated", "active"]
    assert [f["code"] for f in r["findings"] if f["code"].startswith(("asked", "urgent"))] == ["asked_closed"]


def test_the_backends_agree_on_generated_streams(compiled):
    backends_agree_on_generated_streams(compiled, max_examples=150, max_facts=16)
