"""Review round 16 of three ways of counting an aggregate without counting it in full: a one-source condition
answered by an attribute's bucket (caba493, ``Compiler._bucket``), a running count/total searched by an instant
(4ed538d, ``Compiler._timed``), an aggregate carried forward per binding (3370b8f, ``Compiler._per_binding``).
Each must give the report counting in full gives (``Prepared(checked, calendar, incremental=False)``) — the same
verdicts, the same words, the same errors, raised or not.  Each finding is a minimal stream, hand-counted."""
from __future__ import annotations

import dataclasses
import json
import re
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from engine.run.plans import Prepared

HEAD = '''contract "R16" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
'''


def _rules(text):
    fast = compile_rules(HEAD + text, "r16.qy")
    full = dataclasses.replace(fast, prepared=Prepared(fast.checked, fast.prepared.calendar, incremental=False))
    return fast, full


def _lines(facts):
    return [json.dumps(f, ensure_ascii=False) for f in facts]


def _outcome(rules, facts, as_of, backend="reference"):
    """The report, or the error's words (an error is an outcome to compare as well)."""
    try:
        return rules.evaluate(_lines(facts), as_of, backend=backend)
    except QiyueError as exc:
        return ("error", str(exc))


def _same(text, facts, as_of):
    fast, full = _rules(text)
    want = _outcome(full, facts, as_of)
    assert _outcome(fast, facts, as_of) == want
    return want


# ---------------------------------------------------------------- 4ed538d: a running total searched by an instant

TIMED_ERROR = '''event paid "付款" { amount: money  n: int }
clause "1" "累计" {
  remedy r "r" {
    holder 乙方
    for each paid p where sum(100 / q.n for each paid q where q.at < p.at) > 10
    amount ¥1.00
  }
}
'''


def test_a_value_of_a_fact_the_instant_leaves_out_is_not_computed():
    """One payment, n = 0, at 09:00: no payment is before it, the sum is 0 and 100 / 0 is never computed in full —
    no remedy, no error.  _timed computed 100 / p.n for p itself and stopped with 除数为零."""
    facts = [{"id": "a", "type": "paid", "at": "2026-03-02T09:00:00+08:00", "amount": "1.00", "n": 0}]
    report = _same(TIMED_ERROR, facts, "2026-03-10")
    assert report["remedies"] == []


TAIL = '''event reading "读数" { x: decimal }
event mark "节点"
clause "1" "节点后" {
  obligation o "节点后读数合计达到3" {
    debtor 乙方
    creditor 甲方
    for each mark m
    fulfilled when sum(q.x for each reading q where q.at >= m.at) >= 3
    within 3 days
  }
}
'''


def test_a_sum_after_an_instant_is_the_sum_of_those_facts_not_a_difference():
    """x = 1.25 at 09:00, the mark at 11:00, x = 1 at 12:00: the sum since the mark is 1 (< 3), the duty is violated
    at 24:00 of 03-05 (3 days from 03-03, 民法典第201条) and its reason quotes the value 1 — a number, as in full."""
    facts = [{"id": "a", "type": "reading", "at": "2026-03-02T09:00:00+08:00", "x": "1.25"},
             {"id": "m", "type": "mark", "at": "2026-03-02T11:00:00+08:00"},
             {"id": "b", "type": "reading", "at": "2026-03-02T12:00:00+08:00", "x": "1"}]
    report = _same(TAIL, facts, "2026-03-10")
    [o] = report["obligations"]
    assert o["status"] == "violated"
    assert re.search(r"（b）（数值 1）", o["because"][-1]), o["because"][-1]


def test_a_sum_after_an_instant_keeps_its_small_part():
    """x² of a reading of 10^10 (09:00) is 10^20, before the mark (11:00); x² of 0.0001 (12:00) is 10^-8 > 0 — the
    duty `sum(q.x * q.x … where q.at >= m.at) > 0` is fulfilled at 12:00."""
    text = TAIL.replace("sum(q.x for each", "sum(q.x * q.x for each").replace(">= 3\n", "> 0\n")
    facts = [{"id": "c", "type": "reading", "at": "2026-03-02T09:00:00+08:00", "x": "10000000000"},
             {"id": "m", "type": "mark", "at": "2026-03-02T11:00:00+08:00"},
             {"id": "d", "type": "reading", "at": "2026-03-02T12:00:00+08:00", "x": "0.0001"}]
    report = _same(text, facts, "2026-03-10")
    assert [o["status"] for o in report["obligations"]] == ["fulfilled"]


def test_a_running_total_up_to_an_instant_is_the_running_total():
    """Guard (kept right by the change): the same numbers summed up to the mark — 1.25 (09:00) + 1 (10:00) = 2.25,
    worded as in full; the reading after the mark does not count."""
    text = TAIL.replace("q.at >= m.at", "q.at <= m.at")
    facts = [{"id": "a", "type": "reading", "at": "2026-03-02T09:00:00+08:00", "x": "1.25"},
             {"id": "b", "type": "reading", "at": "2026-03-02T10:00:00+08:00", "x": "1"},
             {"id": "m", "type": "mark", "at": "2026-03-02T11:00:00+08:00"},
             {"id": "c", "type": "reading", "at": "2026-03-02T12:00:00+08:00", "x": "5"}]
    report = _same(text, facts, "2026-03-10")
    assert [o["status"] for o in report["obligations"]] == ["violated"]


# ---------------------------------------------------------------- 3370b8f: carried forward per binding

PER_BINDING = '''event paid "付款" { amount: money  n: int }
event mark "节点" { limit: int }
clause "1" "x" {
  remedy r "r" {
    holder 乙方
    for each mark m where exists(paid q where 100 / q.n > m.limit)
    amount ¥1.00
  }
}
'''
TWO_PAID_MARK = [{"id": "a", "type": "paid", "at": "2026-03-02T09:00:00+08:00", "amount": "1.00", "n": 1},
                 {"id": "b", "type": "paid", "at": "2026-03-02T10:00:00+08:00", "amount": "1.00", "n": 0},
                 {"id": "m", "type": "mark", "at": "2026-03-02T11:00:00+08:00", "limit": 5}]


def test_exists_per_binding_stops_at_its_first_match():
    """a: 100 / 1 = 100 > 5 — exists holds at the mark, the remedy arises; b (100 / 0) is never reached in full."""
    report = _same(PER_BINDING, TWO_PAID_MARK, "2026-03-10")
    assert [r["trigger"] for r in report["remedies"]] == ["m"]


def test_exists_scanned_stops_at_its_first_match():
    """(Was a strict xfail: ``Evaluation.scan`` counted every fact; ``scan_first`` stops at the first match.)"""
    report = _same(PER_BINDING.replace("100 / q.n > m.limit", "100 / q.n > 5"), TWO_PAID_MARK, "2026-03-10")
    assert [r["trigger"] for r in report["remedies"]] == ["m"]


@pytest.mark.parametrize("expr", ["first(paid q where 100 / q.n > 5).at < m.at",
                                  "not exists(paid q where 100 / q.n > 5) or m.limit > 1"])
def test_first_and_exists_scanned_meet_no_fact_past_their_first_match(expr):
    """`first( )` (and a negated `exists( )`) answered by the first match too: b's division by zero is never reached."""
    report = _same(PER_BINDING.replace("exists(paid q where 100 / q.n > m.limit)", expr), TWO_PAID_MARK, "2026-03-10")
    assert [r["trigger"] for r in report["remedies"]] == ["m"]


def test_a_first_match_of_the_instant_hidden_is_answered_in_full():
    """Two matches at one instant and the first of them hidden (which fact made the condition true): the other
    still answers — the same report as counting in full."""
    facts = [{"id": "a", "type": "paid", "at": "2026-03-02T09:00:00+08:00", "amount": "1.00", "n": 1},
             {"id": "b", "type": "paid", "at": "2026-03-02T09:00:00+08:00", "amount": "1.00", "n": 2},
             {"id": "m", "type": "mark", "at": "2026-03-02T09:00:00+08:00", "limit": 5}]
    text = PER_BINDING.replace("for each mark m where exists(paid q where 100 / q.n > m.limit)",
                               "when exists(paid q where 100 / q.n > 5) and exists(mark k)")
    _same(text, facts, "2026-03-10")


# ---------------------------------------------------------------- caba493: a condition answered by a bucket

BUCKET_PARAM = '''event paid "付款" { installment: int  kind: text }
param ratio "比" = 100 / count(paid x where x.kind == "z")
clause "1" "x" {
  finding f warning "提示" {
    for each paid p where ratio > 1 and p.installment == 2
  }
}
'''


def test_a_parameter_before_the_key_is_computed_for_every_fact():
    facts = [{"id": "a", "type": "paid", "at": "2026-03-02T09:00:00+08:00", "installment": 1, "kind": "y"}]
    assert _same(BUCKET_PARAM, facts, "2026-03-10")[0] == "error"


BUCKET_PERIOD = '''event signed "签订"
event paid "付款" { installment: int }
period window "付款窗口" = 10 working days after first(signed)
clause "1" "x" {
  finding late warning "窗口后付第二期" {
    for each paid p where p.at > window.end and p.installment == 2
  }
}
'''
SIGNED_2035 = [{"id": "s", "type": "signed", "at": "2035-03-02T09:00:00+08:00"},
               {"id": "a", "type": "paid", "at": "2035-03-20T09:00:00+08:00", "installment": 1}]


def test_a_period_before_the_key_needs_its_year():
    assert _same(BUCKET_PERIOD, SIGNED_2035, "2035-04-10")[0] == "error"


def test_a_period_before_the_key_needs_its_year_undetermined():
    text = BUCKET_PERIOD
    fast = compile_rules(HEAD.replace("{ calendar official }", "{ calendar official calendar fallback undetermined }")
                         + text, "r16.qy")
    full = dataclasses.replace(fast, prepared=Prepared(fast.checked, fast.prepared.calendar, incremental=False))
    want = _outcome(full, SIGNED_2035, "2035-04-10")
    assert [f["code"] for f in want["findings"]] == ["calendar_year_unknown"]
    assert _outcome(fast, SIGNED_2035, "2035-04-10") == want


def test_a_plain_part_before_the_key_keeps_the_bucket():
    """Guard: the parts before the key that read the fact, parties and literals alone still take a bucket."""
    fast, _ = _rules('''event paid "付款" { installment: int  kind: text  by: party }
clause "1" "x" {
  finding f warning "提示" {
    for each paid p where p.kind == "cash" and p.by == 甲方 and p.installment == 2
  }
}
''')
    assert [t.pattern.bucket[:2] for _, t in fast.prepared.all_triggers() if t.kind == "for_each"] == [
        (("paid", ("kind", "installment")), ("cash", 2))]


# ---------------------------------------------------------------- hypothesis: several shapes, backends, instants

MIXED = '''event paid "付款" { x: decimal  kind: text  n: int  signed_at: datetime optional }
event mark "节点" { limit: decimal  n: int }
clause "1" "x" {
  deemed got "视为收到" {
    for each paid p
    if present(p.signed_at): at p.signed_at "签收"
    otherwise: finding no_sign info "未签收"
  }
  remedy run_total "累计" {
    holder 乙方
    for each paid p where p.kind == "a" and sum(q.x for each paid q where q.kind == "a" and q.at <= p.at) >= 3
    amount ¥1.00
  }
  remedy before2 "此前" {
    holder 乙方
    for each mark m where count(paid q where q.at < m.at) >= 2 and first(paid q where q.at < m.at).n == 1
    amount ¥1.00
  }
  remedy got_before "已收" {
    holder 甲方
    for each mark m where count(got g where g.at <= m.at) >= 2 and exists(got g where g.at > m.at) == false
    amount ¥2.00
  }
  obligation after_mark "节点后" {
    debtor 甲方
    creditor 乙方
    for each mark m
    fulfilled when sum(q.x for each paid q where q.at >= m.at) >= 3
    within 2 days
  }
  obligation over_limit "超限" {
    debtor 乙方
    creditor 甲方
    for each mark m
    fulfilled when count(paid q where q.x > m.limit and q.kind == "b") >= 2
    within 3 days
  }
  remedy per_mark "每节点" {
    holder 乙方
    for each mark m where exists(paid q where q.n == m.n and q.x >= m.limit) and sum(q.x for each paid q where q.n == m.n) > 2
    amount ¥1.00
  }
  remedy first_over "首笔" {
    holder 甲方
    for each mark m where first(paid q where q.x > m.limit).kind == "b"
    amount ¥3.00
  }
}
'''
T0 = datetime.fromisoformat("2026-03-02T09:00:00+08:00")


def _stamp(minutes, bare):
    t = T0 + timedelta(minutes=minutes)
    return t.date().isoformat() if bare else t.isoformat()


_SLOT = st.integers(0, 4 * 1440).map(lambda v: v - v % 180)  # (every 3 hours: shared instants are common)
FACT = st.one_of(
    st.tuples(st.just("paid"), _SLOT, st.booleans(), st.sampled_from(["0", "1", "2", "3"]), st.sampled_from(["a", "b"]),
              st.integers(0, 2), st.one_of(st.none(), st.integers(-2 * 1440, 4 * 1440).map(lambda v: v - v % 360)),
              st.booleans()),
    st.tuples(st.just("mark"), _SLOT, st.booleans(), st.sampled_from(["0.5", "1", "1.5"]), st.integers(0, 2)))


def _build(evs):
    out = []
    for k, ev in enumerate(evs):
        if ev[0] == "paid":
            _, at, bare, x, kind, n, signed, signed_bare = ev
            f = {"id": f"f{k:02d}", "type": "paid", "at": _stamp(at, bare), "x": x, "kind": kind, "n": n}
            if signed is not None:  # (a signature before the payment: a deemed event recorded out of time order)
                f["signed_at"] = _stamp(signed, signed_bare)
        else:
            _, at, bare, limit, n = ev
            f = {"id": f"f{k:02d}", "type": "mark", "at": _stamp(at, bare), "limit": limit, "n": n}
        out.append(f)
    return out


MIXED_FAST, MIXED_FULL = _rules(MIXED)


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(st.lists(FACT, max_size=10), st.lists(st.integers(0, 8 * 1440), min_size=1, max_size=3),
       st.sampled_from(["reference", "durable", "many"]))
def test_mixed_shapes_agree_with_counting_in_full(evs, as_ofs, how):
    """Guard (whole numbers, no division: what the three changes got right): bare days, shared instants, deemed
    events recorded out of order; one instant on either backend, or several from one replay."""
    facts = _build(evs)
    as_ofs = [(T0 + timedelta(minutes=a)).isoformat() for a in as_ofs]
    want = [_outcome(MIXED_FULL, facts, a) for a in as_ofs]
    if how == "many":
        try:
            got = MIXED_FAST.evaluate_many(_lines(facts), as_ofs)
        except QiyueError:
            assert any(w[0] == "error" for w in want if isinstance(w, tuple))
            return
        assert got == want
    else:
        assert _outcome(MIXED_FAST, facts, as_ofs[-1], how) == want[-1]
