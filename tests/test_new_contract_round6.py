"""What a legal engineer writing a sale-of-equipment contract (买卖合同) in the language found: each case
cut down to a few lines, counted by hand (time-and-law.md)."""
import json
import textwrap

import pytest

from engine.api import compile_rules

HEAD = '''\
contract "X" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
'''


def run(rules, facts, as_of, backend="reference"):
    compiled = compile_rules(HEAD + textwrap.dedent(rules), "x.qy")
    return compiled.evaluate([json.dumps(f, ensure_ascii=False) for f in facts], as_of, backend=backend)


def f(fid, ftype, at, **attrs):
    return {"id": fid, "type": ftype, "at": at, **attrs}


def rows(report, name):
    return [(o["trigger"], o["status"]) for o in report["obligations"] if o["name"] == name]


INSPECTION = '''
event received "收货"
event sent "发出质量异议通知（快递）"
event answered_fact "签署验收报告"
clause "5" "检验" {
  deemed delivered "视为送达" { for each sent s at day 3 after s }
  deemed answered "检验期内已有结论" { for each delivered d at d }
  deemed conforming "视为合格" { for each received g unless answered a within 15 days as term
    at end of 15 days as term after g }
  deemed accepted "验收合格" { for each conforming c at c }
  obligation rectify "修复或更换" {
    debtor 乙方
    creditor 甲方
    for each delivered n where not exists(accepted)
    fulfilled by answered_fact x
    within 10 days
  }
}
'''


@pytest.mark.parametrize("backend", ["reference", "durable"])
def test_an_event_deemed_at_24_00_comes_before_one_deemed_on_the_next_day(backend):
    """Goods received Fri 2026-01-30 16:00; 15 days of inspection (第620–621条): 01-31 … 02-14 (a make-up
    Saturday, and a period that merely runs is not moved anyway) → deemed conforming at 24:00 of 02-14.
    The buyer's objection sent by express Thu 02-12 is deemed delivered on the 3rd day, Sun 02-15.  Both
    are 2026-02-15T00:00, but 24:00 of the 14th is on the 14th (time-and-law.md, "An event at 24:00"):
    the objection came after the goods were deemed conforming — no duty to rectify.  (The engine ran the
    deemed events of one instant in the order they were scheduled: the delivery, scheduled on 02-12,
    first — and found a breach of a duty that never arose.)"""
    if backend == "durable":
        from engine.live import available
        if not available():
            pytest.skip("durable_rules is not installed")
    facts = [f("g", "received", "2026-01-30T16:00:00+08:00"), f("n", "sent", "2026-02-12T10:00:00+08:00")]
    report = run(INSPECTION, facts, "2026-03-10", backend)
    events = sorted((e["name"], e["at"]) for e in report["events"])
    assert ("conforming", "2026-02-15T00:00:00+08:00") in events and ("accepted", "2026-02-15T00:00:00+08:00") in events
    assert rows(report, "rectify") == [(None, "inactive")]
    # sent a day earlier, delivered Sat 02-14 (within the period): the objection stops the deemed conformity
    facts = [f("g", "received", "2026-01-30T16:00:00+08:00"), f("n", "sent", "2026-02-11T10:00:00+08:00")]
    report = run(INSPECTION, facts, "2026-03-10", backend)
    assert not [e for e in report["events"] if e["name"] == "conforming"]
    assert [s for _, s in rows(report, "rectify")] == ["violated"]


PARAM_JOIN = '''
event start "开始"
event rep "报修"
event fix "修复" { ref: ref (rep) "报修" }
param n "已修复的报修" = sum(1 for each fix x, rep r where x.ref == r.id)
clause "1" "c" {
  remedy z "z" {
    holder 甲方
    when passed(2 days as term since first(start).at + (n) days)
  }
}
'''


def test_a_parameter_that_joins_two_kinds_of_fact_read_first_in_the_replay_does_not_crash():
    """KeyError ('rep', ('id',)): the parameter was compiled where first read — inside `passed( )` during
    the replay — after the evaluation had set up the indexes its join looks facts up in."""
    facts = [f("s", "start", "2026-03-01T10:00:00+08:00"), f("r1", "rep", "2026-03-02T10:00:00+08:00"),
             f("x1", "fix", "2026-03-02T12:00:00+08:00", ref="r1")]
    report = run(PARAM_JOIN, facts, "2026-03-10")
    (z,) = report["remedies"]
    # n = 1 once x1 came: 03-01 10:00 + 1 day ends 24:00 03-02; 2 days more end 24:00 03-04
    assert z["since"] == "2026-03-05T00:00:00+08:00"
