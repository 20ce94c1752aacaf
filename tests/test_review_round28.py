"""Review round 28: this session's changes (286d705..debc670) — `once per EXPR, …` and several `once per`, `caveat if`,
`unless … within (EXPR) days`, a pause ended by a fact of its day alone, JSON exponents, `type_mismatch.party_joined`.

Plain tests guard what holds; each defect is a strict xfail asserting the right behaviour, with the smallest input.
Every figure counted by hand (official calendar, 2026: Sat 06-06, Sun 06-07, Sat 06-13, Sun 06-14 rest days; Mon 06-01
.. Fri 06-05, Mon 06-08 .. Fri 06-12, Mon 06-15 working).  Each report is compared with the durable backend's.
"""
from __future__ import annotations

import json

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError


def f(fid, ftype, at, **attrs):
    return json.dumps({"id": fid, "type": ftype, "at": at, **attrs}, ensure_ascii=False)


def evaluate(rules, facts, as_of):
    got = rules.evaluate(facts, as_of)
    from engine.live import available
    if available():
        assert rules.evaluate(facts, as_of, backend="durable") == got
    return got


HEAD = '''contract "R-28" "复核" {
  calendar official
}
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
'''

# ---------------------------------------------------------------------------------------------------- caveat if

CAVEAT = HEAD + '''
event ordered "订货" { }
event paid "付款" { }
event agreed "延期" { days: int "日数" }
event hit "不可抗力" { party: party "受影响方" }
param fm "甲方不可抗力" = exists(hit h where h.party == 甲方)
clause "3" "付款" {
  obligation pay "付款" {
    debtor 甲方
    creditor 乙方
    for each ordered o
    fulfilled by paid p
    within 5 days
    extended by agreed x for x.days days retroactively
    caveat if fm "甲方遭遇不可抗力：是否延期须个案判断"
  }
}
'''
CAVEAT_RULES = compile_rules(CAVEAT, "caveat.qy")
# Ordered Mon 06-01 10:00, 5 days: 06-02 .. Sat 06-06 → Mon 06-08 (第203条) → due 06-09T00:00.  甲方's force majeure
# 06-03.  Agreed 06-10 (after the breach), 10 days retroactively: from the period's own last day Sat 06-06 → Tue 06-16,
# a working day → due 06-17T00:00.
ORDERED = f("o", "ordered", "2026-06-01T10:00:00+08:00")
HIT = f("h", "hit", "2026-06-03T10:00:00+08:00", party="甲方")
AGREED = f("x", "agreed", "2026-06-10T10:00:00+08:00", days=10)


def caveats(row):
    return [b for b in row["because"] if "须个案判断" in b]


def test_a_caveat_reads_its_condition_at_each_breach():
    """A param read by the caveat is asked at each breach, not once: o1 breached 06-09 before the force majeure of
    06-12 says nothing; o2 (ordered 06-15, due 06-23T00:00) says it."""
    r = compile_rules(CAVEAT.replace("    extended by agreed x for x.days days retroactively\n", ""), "c.qy")
    facts = [f("o1", "ordered", "2026-06-01T10:00:00+08:00"), f("h", "hit", "2026-06-12T10:00:00+08:00", party="甲方"),
             f("o2", "ordered", "2026-06-15T10:00:00+08:00")]
    rep = evaluate(r, facts, "2026-07-30")
    assert [(o["trigger"], o["status"], len(caveats(o))) for o in rep["obligations"]] == [
        ("o1", "violated", 0), ("o2", "violated", 1)]


# FIXED (was a strict xfail: fixed the same session)
def test_a_withdrawn_breach_takes_its_caveat_with_it():
    (o,) = evaluate(CAVEAT_RULES, [ORDERED, HIT, AGREED], "2026-06-15")["obligations"]
    assert (o["status"], o["due"]) == ("active", "2026-06-17T00:00:00+08:00")
    assert caveats(o) == []


# FIXED (was a strict xfail: fixed the same session)
def test_a_breach_found_again_says_its_caveat_once():
    (o,) = evaluate(CAVEAT_RULES, [ORDERED, HIT, AGREED], "2026-06-30")["obligations"]
    assert (o["status"], o["due"]) == ("violated", "2026-06-17T00:00:00+08:00")
    assert len(caveats(o)) == 1


# ------------------------------------------------------------------------------------- unless … within (EXPR) days

UNLESS = compile_rules(HEAD + '''
event started "开始" { days: int optional "日数" }
event back "恢复" { ref: ref (started) "所涉" }
clause "8" "窗口" {
  remedy r "违约金" {
    holder 甲方
    for each started s unless back z where z.ref == s.id within (s.days) days
    amount ¥100.00
  }
}
''', "unless.qy")


def test_an_unless_window_computed_from_the_trigger():
    """Mon 06-01 10:00, 3 days: 06-02 .. Thu 06-04 → the window ends 06-05T00:00; a return 06-04 23:00 in time."""
    start = f("s", "started", "2026-06-01T10:00:00+08:00", days=3)
    rep = evaluate(UNLESS, [start], "2026-06-30")
    assert [(r["trigger"], r["since"]) for r in rep["remedies"]] == [("s", "2026-06-05T00:00:00+08:00")]
    rep = evaluate(UNLESS, [start, f("z", "back", "2026-06-04T23:00:00+08:00", ref="s")], "2026-06-30")
    assert rep["remedies"] == []


# FIXED (was a strict xfail: fixed the same session)
def test_an_unless_window_of_a_value_the_fact_lacks_is_no_traceback():
    try:
        UNLESS.evaluate([f("s", "started", "2026-06-01T10:00:00+08:00")], "2026-06-30")
    except QiyueError:
        pass


# --------------------------------------------------------------------------------------------- once per EXPR, …

ONCE = HEAD + '''
event held "验收" { passed: bool "是否通过" }
event leak "泄露" { }
clause "2" "扣减" {
  remedy deduct "扣减保证金" {
    holder 甲方
    for each held h where not h.passed
    for each leak d
    @ONCE@
  }
}
'''
BY_INSTANT = compile_rules(ONCE.replace("@ONCE@", "once per h.at"), "once.qy")


def deduct_rows(rep):
    return [(r["trigger"], r["since"]) for r in rep["remedies"]]


# FIXED (was a strict xfail: fixed the same session)
def test_an_instant_and_a_day_alone_are_not_one_instant():
    facts = [f("h1", "held", "2026-07-10T00:00:00+08:00", passed=False), f("h2", "held", "2026-07-10", passed=False)]
    assert sorted(t for t, _ in deduct_rows(evaluate(BY_INSTANT, facts, "2026-12-31"))) == ["h1", "h2"]


# FIXED (was a strict xfail: fixed the same session)
def test_two_facts_of_their_day_alone_are_not_known_to_be_one_instant():
    facts = [f("h1", "held", "2026-07-10", passed=False), f("h2", "held", "2026-07-10", passed=False)]
    assert sorted(t for t, _ in deduct_rows(evaluate(BY_INSTANT, facts, "2026-12-31"))) == ["h1", "h2"]


# FIXED (was a strict xfail: once_unbound)
def test_a_once_per_no_line_can_bind_is_refused():
    with pytest.raises(QiyueError):
        compile_rules(ONCE.replace("@ONCE@", "once per h.at, d.at"), "once.qy")


FIX = compile_rules(HEAD + '''
event started "中断" { sub: text "子项目"  cause: one of (buyer "甲方原因", supplier "乙方原因") "原因" }
event resolved "解决" { sub: text "子项目" }
clause "8" "中断" {
  obligation fix "解决" {
    debtor 乙方
    creditor 甲方
    for each started s
    once per s.sub, s.at
    fulfilled by resolved r where r.sub == s.sub
    within 5 days
    excused if s.cause == "buyer" "甲方原因"
  }
}
''', "fix.qy")


def outage(fid, cause):
    return f(fid, "started", "2026-06-01T10:00:00+08:00", sub="A", cause=cause)


def test_once_per_values_the_same_in_any_order_of_the_lines():
    one = evaluate(FIX, [outage("s1", "buyer"), outage("s2", "supplier")], "2026-06-30")
    two = evaluate(FIX, [outage("s2", "supplier"), outage("s1", "buyer")], "2026-06-30")
    assert [(o["trigger"], o["status"]) for o in one["obligations"]] == \
           [(o["trigger"], o["status"]) for o in two["obligations"]] == [("s1", "excused")]


# FIXED (was a strict xfail: fixed: the instant's facts set off rules in the order of what they say)
def test_once_per_values_verdict_does_not_depend_on_the_ids():
    one = evaluate(FIX, [outage("s1", "buyer"), outage("s2", "supplier")], "2026-06-30")
    two = evaluate(FIX, [outage("s1", "supplier"), outage("s2", "buyer")], "2026-06-30")
    assert sorted(o["status"] for o in one["obligations"]) == sorted(o["status"] for o in two["obligations"])


# ------------------------------------------------------------------------------- a pause ended by a fact of its day

PAUSE = compile_rules(HEAD + '''
event ordered "订货" { }
event paid "付款" { }
event hit "不可抗力" { }
event over "消除" { ref: ref (hit) "所涉" }
clause "3" "付款" {
  obligation pay "付款" {
    debtor 甲方
    creditor 乙方
    for each ordered o
    fulfilled by paid p
    within 10 days
    suspended by hit h until over v where v.ref == h.id
  }
}
''', "pause.qy")
# Ordered Mon 06-01 10:00, 10 days: 06-02 .. Thu 06-11 → due 06-12T00:00.
ORDER = f("o", "ordered", "2026-06-01T10:00:00+08:00")


def pay(facts):
    (o,) = evaluate(PAUSE, [ORDER, *facts], "2026-07-30")["obligations"]
    return o["status"], o["due"]


def test_a_pause_ended_by_a_fact_of_its_day_alone_counts_that_day():
    """Paused 06-03 10:00 to 24:00 of 06-04 (38 hours: 2 days begun) → Sat 06-13 → Mon 06-15 → due 06-16T00:00."""
    assert pay([f("h1", "hit", "2026-06-03T10:00:00+08:00"), f("v1", "over", "2026-06-04", ref="h1")]) == \
        ("violated", "2026-06-16T00:00:00+08:00")


# FIXED (was a strict xfail: fixed: a cause ended by its day alone keeps the pause through that day)
def test_a_second_cause_ending_earlier_that_day_does_not_shorten_the_pause():
    facts = [f("h1", "hit", "2026-06-03T10:00:00+08:00"), f("h2", "hit", "2026-06-03T10:00:00+08:00"),
             f("v1", "over", "2026-06-04", ref="h1"), f("v2", "over", "2026-06-04T05:00:00+08:00", ref="h2")]
    assert pay(facts) == ("violated", "2026-06-16T00:00:00+08:00")


# FIXED (was a strict xfail: fixed: an end of the pause's day alone that ended nothing at the day's start ends it)
def test_a_pause_ended_by_a_fact_of_its_own_day_alone_ends():
    assert pay([f("h", "hit", "2026-06-03T10:00:00+08:00"), f("v", "over", "2026-06-03", ref="h")]) == \
        ("violated", "2026-06-13T00:00:00+08:00")


# --------------------------------------------------------------------------------------------- facts and checks

def test_an_int_written_with_an_exponent_is_refused_on_both_backends():
    r = compile_rules(HEAD + '''
event paid "付款" { n: int "数" }
clause "3" "x" {
  remedy r "违约金" {
    holder 甲方
    for each paid p
    amount ¥1.00
  }
}
''', "int.qy")
    line = '{"id": "p", "type": "paid", "at": "2026-06-01T10:00:00+08:00", "n": 2e0}'
    for backend in ("reference", "durable"):
        with pytest.raises(QiyueError) as e:
            r.evaluate([line], "2026-06-30", backend=backend)
        assert e.value.diagnostics[0].code == "bad_attribute" and "2e0" in e.value.diagnostics[0].message


JOINED = HEAD + '''
event paid "付款" { }
clause "3" "x" {
  remedy r "违约金" {
    holder 甲方 @OP@ 乙方
    for each paid p
    amount ¥1.00
  }
}
'''


def test_holder_joined_with_and_is_one_error():
    with pytest.raises(QiyueError) as e:
        compile_rules(JOINED.replace("@OP@", "and"), "j.qy")
    [d] = e.value.diagnostics
    assert "“and”" in d.text("zh")


# FIXED (was a strict xfail: fixed the same session)
def test_holder_joined_with_qie_quotes_what_was_written():
    with pytest.raises(QiyueError) as e:
        compile_rules(JOINED.replace("@OP@", "且"), "j.qy")
    [d] = e.value.diagnostics
    assert "“且”" in d.text("zh")


# FIXED (was a strict xfail: fixed the same session)
def test_debtor_joined_with_and_is_one_error():
    text = HEAD + '''
event paid "付款" { }
clause "3" "x" {
  obligation o "x" {
    debtor 甲方 and 乙方
    creditor 乙方
    for each paid p
    fulfilled by paid q
    within 5 days
  }
}
'''
    with pytest.raises(QiyueError) as e:
        compile_rules(text, "d.qy")
    assert len(e.value.diagnostics) == 1
