"""Joins, `exists( )` and numbers on the Rete (issue 14).

A `for each` line over several facts runs as one durable_rules rule.

The Rete pairs the facts (each source's kind and own conditions, the equalities and orders between
sources); qiyue takes the pairs at the moment the reference would find them (a fact of the same
instant listed later is paired at its own turn), in the order of the history, and tests them against
the whole condition when the Rete could not test all of it.  Every case here is compared, report for
report, with the reference evaluator; the expected matches are counted by hand.
"""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings, strategies as st

from engine.api import compile_rules
from engine.live import available as durable_available
from seedfacts import backends_agree_on_generated_streams, on_both_backends

pytestmark = pytest.mark.skipif(not durable_available(), reason="durable_rules not installed (the [live] extra)")

RULES = """\
contract "J-1" "联接测试合同" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
event report "报告" { level: text optional "级别" }
event reply "答复" {
  ref: ref (report) "所答复的报告"
  from: party "答复方"
}
event offer "报价" {
  party: party "报价方"
  price: money "价格"
}
event check "复核" { ref: ref (reply) "所复核的答复" }
event done "完成" { ok: bool optional "合格" }
event rated "评分" { value: decimal "分值" }
param limit "及格线" = 60.5
clause "1" "联接" {
  obligation confirm "确认答复" {
    debtor 甲方
    creditor 乙方
    for each report r, reply p where p.ref == r.id and p.from == 乙方
    fulfilled by done d
    within 3 days
  }
  obligation late_reply "迟延答复的说明" {
    debtor 乙方
    creditor 甲方
    for each reply p, report r where p.ref == r.id and p.at - r.at > 2 hours
    fulfilled by done d
    within 3 days
  }
  obligation match "撮合" {
    debtor 甲方
    creditor 乙方
    for each offer a, offer b where a.price == b.price and a.party != b.party
    fulfilled by done d
    within 3 days
  }
  obligation same "同价（含自身）" {
    debtor 甲方
    creditor 乙方
    for each offer a, offer b where a.price == b.price
    fulfilled by done d
    within 3 days
  }
  obligation chain "三方联接" {
    debtor 甲方
    creditor 乙方
    for each report r, reply p, check c where p.ref == r.id and c.ref == p.id
    fulfilled by done d
    within 3 days
  }
  obligation after_done "完成之后的报告" {
    debtor 甲方
    creditor 乙方
    for each report r where r.level == "high" and exists(done d where d.ok)
    fulfilled by done d
    within 3 days
  }
  obligation before_done "完成之前的报告" {
    debtor 甲方
    creditor 乙方
    for each report r where not exists(done) or exists(check)
    fulfilled by done d
    within 3 days
  }
  obligation low_score "低分整改" {
    debtor 乙方
    creditor 甲方
    for each rated s where s.value < limit and not s.value == 0
    fulfilled by done d
    within 3 days
  }
  obligation by_stage "由履行事实联接" {
    debtor 甲方
    creditor 乙方
    for each confirm.fulfilled o, done d where o.by.id == d.id
    fulfilled by done x
    within 3 days
  }
}
"""


def fact(i, t, at, **attrs):
    return json.dumps({"id": i, "type": t, "at": at, **attrs}, ensure_ascii=False)


@pytest.fixture(scope="module", params=[None, 0, 2, 5], ids=lambda k: f"max_kept={k}")
def compiled(request):
    """The rules, their joins on the Rete (None: the default budget of kept facts) or moved to qiyue's
    matcher once 0, 2 or 5 facts were kept (``DurableEvaluation.joins_to_qiyue``): the same matches."""
    from engine.live.backend import plan
    c = compile_rules(RULES, "j.qy")
    if request.param is not None:
        plan(c).max_kept = request.param
    yield c
    live = getattr(c, "_live_plan", None)
    if live is not None:
        live.close()


def triggers(report, name):
    return [o["trigger"] for o in report["obligations"] if o["name"] == name and o["triggered_at"]]


def both(compiled, facts, as_of="2026-03-01"):
    return on_both_backends(compiled, facts, as_of)


def test_every_join_runs_on_the_rete(compiled):
    from engine.live.backend import plan
    rows = {r["rule"]: r for r in plan(compiled).describe()}
    assert rows["confirm"]["runs_on"] == rows["match"]["runs_on"] == rows["same"]["runs_on"] == "rete"
    assert rows["chain"]["runs_on"] == rows["by_stage"]["runs_on"] == "rete"
    assert rows["chain"]["joins"] == 3
    assert rows["after_done"]["runs_on"] == rows["before_done"]["runs_on"] == "rete"  # (`exists( )`: counted)
    # `p.at - r.at > 2 hours`: the reply's instant after the report's plus 2 hours, in microseconds
    assert rows["late_reply"]["runs_on"] == "rete"


@pytest.mark.parametrize("reply_at,late", [
    ("2026-01-05T11:00:00+08:00", False),  # exactly 2 hours: not more than 2 hours
    ("2026-01-05T11:00:00.000001+08:00", True),  # one microsecond more
    ("2026-01-05T10:59:59.999999+08:00", False),
    ("2026-01-05", False),  # a day alone, before the report's instant: a negative time
    ("2026-01-06", True),  # a day alone: 00:00 of the 6th, 15 hours later
])
def test_the_time_between_two_facts_to_the_microsecond(compiled, reply_at, late):
    facts = [fact("r1", "report", "2026-01-05T09:00:00+08:00"),
             fact("p1", "reply", reply_at, ref="r1", **{"from": "乙方"})]
    assert triggers(both(compiled, facts), "late_reply") == (["p1"] if late else [])
    # the reply first (its report listed later, at a later instant: the pair is found at the report)
    early = [fact("p1", "reply", "2026-01-05T06:00:00+08:00", ref="r1", **{"from": "乙方"}),
             fact("r1", "report", "2026-01-05T09:00:00+08:00")]
    assert triggers(both(compiled, early), "late_reply") == []


def test_a_reply_pairs_with_its_report_whichever_comes_first(compiled):
    facts = [fact("r1", "report", "2026-01-05T09:00:00+08:00"),
             fact("p1", "reply", "2026-01-05T10:00:00+08:00", ref="r1", **{"from": "乙方"}),
             fact("p0", "reply", "2026-01-04T10:00:00+08:00", ref="r2", **{"from": "乙方"}),  # before its report
             fact("r2", "report", "2026-01-06T09:00:00+08:00"),
             fact("p2", "reply", "2026-01-06T09:30:00+08:00", ref="r2", **{"from": "甲方"}),  # the wrong party
             fact("p3", "reply", "2026-01-07T12:00:00+08:00", ref="r2", **{"from": "乙方"})]
    r = both(compiled, facts)
    # p1 pairs with r1 when p1 comes; r2 pairs with p0 when r2 comes (the reply came first); p3 with r2
    assert triggers(r, "confirm") == ["p1", "r2", "p3"]
    # later than 2 hours: p3 (27 h after r2); p0 came before r2 (negative: not late)
    assert triggers(r, "late_reply") == ["p3"]


def test_facts_of_one_instant_pair_once_at_the_later_in_the_listing(compiled):
    at = "2026-01-05T09:00:00+08:00"
    for order in ([0, 1], [1, 0]):
        two = [fact("r1", "report", at), fact("p1", "reply", at, ref="r1", **{"from": "乙方"})]
        r = both(compiled, [two[i] for i in order])
        assert len(triggers(r, "confirm")) == 1


def test_a_fact_twice_and_a_join_with_itself(compiled):
    facts = [fact("a1", "offer", "2026-01-05T09:00:00+08:00", party="甲方", price="10.00"),
             fact("a2", "offer", "2026-01-05T09:00:00+08:00", party="乙方", price="10.00"),
             fact("a3", "offer", "2026-01-06T09:00:00+08:00", party="乙方", price="10.00"),
             fact("a4", "offer", "2026-01-07T09:00:00+08:00", party="甲方", price="12.00")]
    r = both(compiled, facts)
    # match: at a2 (a1 is taken first, a2 waits its turn) a2 pairs with a1 in both places, (a2, a1) and
    # (a1, a2); at a3 likewise with a1; a4 pairs with nobody (its price), a2 and a3 not (one party)
    assert triggers(r, "match") == ["a2", "a2", "a3", "a3"]
    # same (a fact pairs with itself too, once): a1 with itself; a2 (same instant, after a1) with a1 in
    # both places and with itself; a3 with a1, a2 in both places and itself; a4 with itself
    assert triggers(r, "same") == ["a1"] + ["a2"] * 3 + ["a3"] * 5 + ["a4"]

def test_three_facts_and_a_stage(compiled):
    facts = [fact("r1", "report", "2026-01-05T09:00:00+08:00"),
             fact("p1", "reply", "2026-01-05T10:00:00+08:00", ref="r1", **{"from": "乙方"}),
             fact("c1", "check", "2026-01-05T11:00:00+08:00", ref="p1"),
             fact("c0", "check", "2026-01-05T09:30:00+08:00", ref="p1"),  # (a check before its reply)
             fact("d1", "done", "2026-01-06T11:00:00+08:00")]
    r = both(compiled, facts)
    # c0 completes the chain when p1 comes (the middle source), c1 at its own arrival
    assert triggers(r, "chain") == ["p1", "c1"]
    # d1 performs confirm (its stage `fulfilled` names d1 by `by`), which joins with d1 itself
    assert len(triggers(r, "by_stage")) == 1


def test_exists_sees_every_fact_recorded_so_far(compiled):
    """`exists(done d where d.ok)` is decided by the Rete (which `done` facts pass `d.ok`) and counted
    as they are recorded: a `done` of the same instant listed after the report counts (the facts of an
    instant are simultaneous: the reference's aggregates see all of them), one that comes later does not."""
    at = "2026-01-05T09:00:00+08:00"
    facts = [fact("r0", "report", "2026-01-04T09:00:00+08:00", level="high"),  # before any done
             fact("d1", "done", at, ok=False),
             fact("r1", "report", at, level="high"),  # same instant as d1 (not ok) and d2 (ok), listed between
             fact("d2", "done", at, ok=True),
             fact("r2", "report", "2026-01-06T09:00:00+08:00", level="low"),
             fact("r3", "report", "2026-01-07T09:00:00+08:00", level="high"),
             fact("c1", "check", "2026-01-08T09:00:00+08:00", ref="p1"),
             fact("p1", "reply", "2026-01-08T08:00:00+08:00", ref="r0", **{"from": "乙方"}),
             fact("r4", "report", "2026-01-09T09:00:00+08:00")]
    r = both(compiled, facts)
    assert triggers(r, "after_done") == ["r1", "r3"]
    # not exists(done) or exists(check): r0 (no done yet), r4 (a check by then)
    assert triggers(r, "before_done") == ["r0", "r4"]


def test_numbers_are_compared_exactly(compiled):
    """A `number` goes to the Rete as a double when it has at most 15 significant digits (then the double
    keeps its order against the constant); with more, the fact's one-fact lines are qiyue's."""
    from engine.live.backend import plan
    assert {r["rule"]: r for r in plan(compiled).describe()}["low_score"]["runs_on"] == "rete"
    values = ["60.4999999999", "60.5", "60.5000000001", "999999999999999.9999999999", "-3", "0", "0.000",
              "0.0000000001", "60", "-123456789012345.1234567891"]
    facts = [f'{{"id": "s{i}", "type": "rated", "at": "2026-01-{5 + i:02d}T09:00:00+08:00", "value": {v}}}'
             for i, v in enumerate(values)]  # (the numbers as JSON numbers, read exactly)
    r = both(compiled, facts)
    # below 60.5 and not zero: 60.4999999999, -3, 0.0000000001 (under 0.0001: qiyue's, durable_rules reads
    # no 1e-10), 60 and -123456789012345.1234567891 (25 digits: no exact double, so qiyue's); not 60.5, 60.5000000001, 999999999999999.9999999999 (qiyue's),
    # 0 or 0.000
    assert triggers(r, "low_score") == ["s0", "s4", "s7", "s8", "s9"]

def test_the_backends_agree_on_generated_streams(compiled):
    backends_agree_on_generated_streams(compiled, max_examples=100, max_facts=14)


def test_past_the_budget_the_kept_facts_leave_the_session():
    """``joins_to_qiyue``: once ``max_kept`` facts are kept for joins, they are retracted (the session
    keeps nothing for joins any more) and the joins are qiyue's — the same report."""
    from engine.live.backend import DurableEvaluation, plan
    c = compile_rules(RULES, "j.qy")
    live = plan(c)
    live.max_kept = 3
    facts = [fact(f"r{i}", "report", f"2026-01-{5 + i:02d}T09:00:00+08:00") for i in range(6)] + \
            [fact(f"p{i}", "reply", f"2026-01-{5 + i:02d}T10:00:00+08:00", ref=f"r{i}", **{"from": "乙方"})
             for i in range(6)]
    seen = []
    switch = DurableEvaluation.joins_to_qiyue

    def spy(self):
        seen.append((len(self._kept), len(live.matcher.pool.ruleset_for(self.sid).facts(self.sid))))
        switch(self)
        seen.append(len(live.matcher.pool.ruleset_for(self.sid).facts(self.sid)))
    DurableEvaluation.joins_to_qiyue = spy
    try:
        r = both(c, facts)
    finally:
        DurableEvaluation.joins_to_qiyue = switch
        live.close()
    assert seen == [(3, 3), 0]
    assert triggers(r, "confirm") == [f"p{i}" for i in range(6)]


@settings(max_examples=2000, deadline=None, derandomize=True, database=None)
@given(st.lists(st.decimals(min_value=-10**15 + 1, max_value=10**15 - 1, places=10, allow_nan=False,
                            allow_infinity=False), min_size=2, max_size=2))
def test_a_number_sent_as_a_double_keeps_its_order(pair):
    """Any two numbers a fact may hold (at most ten decimals, under 10¹⁵) that ``encode`` sends compare
    as doubles exactly as they compare as decimals: <, == and > alike."""
    from engine.live.patterns import encode
    a, b = pair
    x, y = encode("number", a), encode("number", b)
    if x is None or y is None:
        return
    assert (x < y, x == y, x > y) == (a < b, a == b, a > b)
    assert "e" not in repr(x) and "e" not in repr(y)


def test_a_comparison_between_facts_after_an_or_is_still_tested():
    """durable_rules 2.0.28 skips an order between two sources placed after a compound test (`$or`, a
    nested `$and`) of the same source: with `(p.from == 甲方 or p.from == 乙方)` before it, `p.at - r.at > 2
    hours` held at exactly 2 hours.  The compiled join puts such comparisons first (``patterns._flat``)."""
    from engine.live.backend import plan
    text = RULES.replace("for each reply p, report r where p.ref == r.id and p.at - r.at > 2 hours",
                         "for each report r, reply p where (p.from == 甲方 or p.from == 乙方) and p.ref == r.id "
                         "and p.at - r.at > 2 hours")  # (the reply the later source: its tests hold the orders)
    assert text != RULES
    c = compile_rules(text, "j.qy")
    try:
        assert {r["rule"]: r["runs_on"] for r in plan(c).describe()}["late_reply"] == "rete"
        facts = [fact("r1", "report", "2026-01-05T09:00:00+08:00"),
                 fact("p1", "reply", "2026-01-05T11:00:00+08:00", ref="r1", **{"from": "乙方"}),  # exactly 2 h
                 fact("r2", "report", "2026-01-06T09:00:00+08:00"),
                 fact("p2", "reply", "2026-01-06T11:00:01+08:00", ref="r2", **{"from": "甲方"})]
        assert triggers(both(c, facts), "late_reply") == ["p2"]
    finally:
        plan(c).close()


def _groups_end_true(antecedent) -> bool:
    """In each source's tests: the last comparison with another source is one that always holds
    (``_sentinel``), and no compound test comes before it."""
    from engine.live.patterns import _compound, _refers, _sentinel
    for part in antecedent["all"]:
        ((name, cond),) = part.items()
        tests = cond["$and"] if "$and" in cond else [cond]
        refs = [i for i, t in enumerate(tests) if _refers(t)]
        if not refs:
            continue
        if any(_compound(t) for t in tests[:refs[-1]]):
            return False
        if tests[refs[-1]] not in [_sentinel(f"j{k}") for k in range(4)]:
            return False
    return True


@pytest.mark.parametrize("path", ["rules/gzmz-2025-it-ops.qy", "rules/examples/goods-procurement.qy",
                                  "rules/examples/om-outsourcing.qy", None])
def test_no_comparison_between_facts_is_last_of_its_group(path):
    """durable_rules 2.0.28 reads past a rule's table when the last comparison between two sources of a group is
    false (an AddressSanitizer build stops there on any failing order between two facts; an ordinary one crashed
    once enough rule files had lived in one process): every compiled join ends its comparisons with one that
    always holds, and puts no compound test before them (``patterns._flat``)."""
    from engine.api import compile_file
    from engine.live.patterns import compile_patterns
    c = compile_file(path) if path else compile_rules(RULES, "j.qy")
    pt = compile_patterns(c)
    rules = [r for alternatives in pt.joins.values() for r in alternatives] + \
        [r for by_pos in pt.probe_joins.values() for rs in by_pos.values() for r in rs]
    assert rules
    assert all(_groups_end_true(r) for r in rules)
