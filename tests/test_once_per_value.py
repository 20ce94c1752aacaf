"""`once per EXPR, …` (`仅一次 每个 EXPR`): one instance of a duty, right or deemed event per value — a thing recorded
twice is one thing.  A failed acceptance recorded twice at one instant is one failed acceptance (counsel round 15:
two powers to deduct one bond); a day is one lost day however many records of it there are (contract round 27).
`once per ALIAS` keeps its meaning (one instance per the event bound to ALIAS).  Counted by hand; both backends
where durable_rules is installed (the reference and the Rete report must be equal)."""
from __future__ import annotations

import json

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError

RULES = '''contract "T-1" "验收" {
  calendar official
}

party 甲方 "采购人" as buyer
party 乙方 "供应商" as supplier

event held "验收" { passed: bool "是否通过" }
event moved "地址变更" { party: party "变更方" }
event leak "泄露" { }

clause "2" "扣减" {
  remedy deduct "扣减保证金" {
    holder 甲方
    for each held h where not h.passed
    for each leak d
    @ONCE@
  }
  obligation tell "通知变更" {
    debtor a.party
    creditor other(a.party)
    for each moved a
    once per a.party, a.at
    fulfilled by held h
    within 10 days
  }
}
'''
BY_INSTANT = compile_rules(RULES.replace("@ONCE@", "once per h.at"), "once.qy")
BY_EVENT = compile_rules(RULES.replace("@ONCE@", "once per h"), "once.qy")


def f(fid, ftype, at, **attrs):
    return json.dumps({"id": fid, "type": ftype, "at": at, **attrs}, ensure_ascii=False)


def report(rules, facts, as_of="2026-12-31"):
    got = rules.evaluate(facts, as_of)
    try:
        from engine.live import available
    except ImportError:  # pragma: no cover
        available = None
    if available is not None and available():
        assert rules.evaluate(facts, as_of, backend="durable") == got
    return got


def rows(rep, name):
    return [(r.get("trigger"), r.get("since") or r.get("triggered_at")) for r in rep["remedies"] + rep["obligations"]
            if r["name"] == name]


FAIL_1 = f("h1", "held", "2026-07-10T10:00:00+08:00", passed=False)
FAIL_2 = f("h2", "held", "2026-07-10T10:00:00+08:00", passed=False)
FAIL_LATER = f("h3", "held", "2026-08-10T10:00:00+08:00", passed=False)


@pytest.mark.parametrize("order", [(FAIL_1, FAIL_2), (FAIL_2, FAIL_1)])
def test_one_failure_recorded_twice_at_one_instant_is_one_right(order):
    got = rows(report(BY_INSTANT, list(order)), "deduct")
    assert [s for _, s in got] == ["2026-07-10T10:00:00+08:00"]
    assert got[0][0] == "h1"  # (one of the records names the instance, as with `once per h`: the same in any order)


def test_per_alias_still_counts_each_event():
    assert [s for _, s in rows(report(BY_EVENT, [FAIL_1, FAIL_2]), "deduct")] == ["2026-07-10T10:00:00+08:00"] * 2


def test_another_instant_is_another_value():
    got = rows(report(BY_INSTANT, [FAIL_1, FAIL_2, FAIL_LATER]), "deduct")
    assert got == [("h1", "2026-07-10T10:00:00+08:00"), ("h3", "2026-08-10T10:00:00+08:00")]


def test_a_line_that_does_not_bind_what_the_values_read_is_not_limited():
    facts = [f("d1", "leak", "2026-07-10T10:00:00+08:00"), f("d2", "leak", "2026-07-10T10:00:00+08:00"), FAIL_1]
    assert sorted(t for t, _ in rows(report(BY_INSTANT, facts), "deduct")) == ["d1", "d2", "h1"]


def test_several_values_are_one_key():
    """`once per a.party, a.at`: the same party's change recorded twice is one duty; the other party's, its own.  Due
    10 days from Mon 2026-06-01 10:00: 06-02 .. 06-11 → 2026-06-12T00:00 (第201条)."""
    facts = [f("a1", "moved", "2026-06-01T10:00:00+08:00", party="乙方"),
             f("a2", "moved", "2026-06-01T10:00:00+08:00", party="乙方"),
             f("a3", "moved", "2026-06-01T10:00:00+08:00", party="甲方")]
    rep = report(BY_INSTANT, facts, "2026-06-20")
    tell = [(o["trigger"], o["debtor"], o["due"], o["status"]) for o in rep["obligations"] if o["name"] == "tell"]
    assert tell == [("a1", "乙方", "2026-06-12T00:00:00+08:00", "violated"),
                    ("a3", "甲方", "2026-06-12T00:00:00+08:00", "violated")]


def test_a_value_of_an_unknown_alias_is_refused_where_it_is_written():
    text = RULES.replace("@ONCE@", "once per q.at")
    with pytest.raises(QiyueError) as e:
        compile_rules(text, "once.qy")
    d = e.value.diagnostics[0]
    line = text.splitlines().index("    once per q.at") + 1
    assert d.code.startswith("unknown_name") and d.span.line == line and "q" in d.message


def test_once_per_alias_unknown_is_still_its_own_error():
    text = RULES.replace("@ONCE@", "once per q")
    with pytest.raises(QiyueError) as e:
        compile_rules(text, "once.qy")
    [d] = e.value.diagnostics
    assert d.code == "unknown_name" and "once per q" in d.message and "h" in str(d.expected)
    assert (d.span.line, d.span.column) == (text.splitlines().index("    once per q") + 1, 5)


def test_the_chinese_form():
    text = RULES.replace("@ONCE@", "仅一次 每个 h.at")
    got = rows(report(compile_rules(text, "once.qy"), [FAIL_1, FAIL_2]), "deduct")
    assert [s for _, s in got] == ["2026-07-10T10:00:00+08:00"]


SEVERAL = RULES.replace("@ONCE@", "once per h.at\n    once per d.at")


def test_several_once_per_each_for_the_lines_that_bind_what_it_reads():
    """2.1(3)'s shape: a failed acceptance recorded twice, and a leak recorded twice, each at one instant — one right
    each; a leak at another instant — its own."""
    facts = [FAIL_1, FAIL_2, f("d1", "leak", "2026-07-10T10:00:00+08:00"), f("d2", "leak", "2026-07-10T10:00:00+08:00"),
             f("d3", "leak", "2026-07-11T10:00:00+08:00")]
    got = rows(report(compile_rules(SEVERAL, "once.qy"), facts), "deduct")
    assert sorted(got) == [("d1", "2026-07-10T10:00:00+08:00"), ("d3", "2026-07-11T10:00:00+08:00"),
                           ("h1", "2026-07-10T10:00:00+08:00")]


def test_a_bare_once_beside_another_is_refused_naming_both_places():
    text = RULES.replace("@ONCE@", "once per h.at\n    once")
    with pytest.raises(QiyueError) as e:
        compile_rules(text, "once.qy")
    [d] = e.value.diagnostics
    lines = text.splitlines()
    assert d.code == "duplicate_part" and d.span.line == lines.index("    once") + 1
    assert f"once.qy:{lines.index('    once per h.at') + 1}" in d.message

