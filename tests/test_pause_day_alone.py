"""A pause begun at an hour of a day and ended by a fact known by that day alone (the end's record has no hour).

The end names the cause (`until over v where v.ref == h.id`), so it came after the pause, some hour of that day: the
pause ends, and that day counts as a day of it (days begun).  Before, the end was taken at 00:00 — before the pause —
and dropped: the duty stayed `suspended` for ever (review round 28).  Counted by hand on the official calendar of 2026
(Sat 06-13, Sun 06-14 rest days).  Each report is compared with the durable backend's.
"""
from __future__ import annotations

import json

import pytest

from engine.api import compile_rules
from engine.live import available

HEAD = '''contract "P" "中止" {
  calendar official
}
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
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
    suspended by hit h @UNTIL@
  }
}
'''
KEYED = compile_rules(HEAD.replace("@UNTIL@", "until over v where v.ref == h.id"), "keyed.qy")
ANY = compile_rules(HEAD.replace("@UNTIL@", "until over v"), "any.qy")


def f(fid, ftype, at, **attrs):
    return json.dumps({"id": fid, "type": ftype, "at": at, **attrs}, ensure_ascii=False)


def pay(rules, facts):
    got = rules.evaluate(facts, "2026-07-30")
    if available():
        assert rules.evaluate(facts, "2026-07-30", backend="durable") == got
    (o,) = got["obligations"]
    return o["status"], o["due"]


@pytest.mark.parametrize("rules", [KEYED, ANY], ids=["keyed", "any"])
def test_a_running_duty_paused_at_10_and_ended_that_day_alone(rules):
    """Ordered Mon 06-01 10:00: 06-02 .. Thu 06-11 → due 06-12T00:00; paused 06-03 10:00 to some hour of 06-03: one
    day begun, added to the last day: Fri 06-12 (a working day) → due 06-13T00:00."""
    facts = [f("o", "ordered", "2026-06-01T10:00:00+08:00"), f("h", "hit", "2026-06-03T10:00:00+08:00"),
             f("v", "over", "2026-06-03", ref="h")]
    assert pay(rules, facts) == ("violated", "2026-06-13T00:00:00+08:00")


@pytest.mark.parametrize("rules", [KEYED, ANY], ids=["keyed", "any"])
def test_a_duty_arising_after_a_pause_ended_that_day_alone_is_not_paused(rules):
    """The pause of 06-03 10:00 ended some hour of 06-03; ordered 06-03 12:00 — not paused from its start (as a duty
    arising after an end at an hour): 06-04 .. Sat 06-13 → Mon 06-15 → due 06-16T00:00."""
    facts = [f("h", "hit", "2026-06-03T10:00:00+08:00"), f("v", "over", "2026-06-03", ref="h"),
             f("o", "ordered", "2026-06-03T12:00:00+08:00")]
    assert pay(rules, facts) == ("violated", "2026-06-16T00:00:00+08:00")


@pytest.mark.parametrize("rules", [KEYED, ANY], ids=["keyed", "any"])
def test_one_end_ends_one_pause(rules):
    """v (06-03 alone) ends the pause of h0 (06-02 10:00 → through 06-03: 38 hours, 2 days begun: due 06-12 + 2 = Sun
    06-14 → Mon 06-15 → 06-16T00:00); the pause of h at 06-03 10:00 has no end of its own: suspended still."""
    facts = [f("o", "ordered", "2026-06-01T10:00:00+08:00"), f("h0", "hit", "2026-06-02T10:00:00+08:00"),
             f("v", "over", "2026-06-03", ref="h0"), f("h", "hit", "2026-06-03T10:00:00+08:00")]
    assert pay(rules, facts) == ("suspended", "2026-06-16T00:00:00+08:00")


def test_an_end_of_the_day_before_does_not_end_a_pause():
    facts = [f("o", "ordered", "2026-06-01T10:00:00+08:00"), f("v", "over", "2026-06-02", ref="h"),
             f("h", "hit", "2026-06-03T10:00:00+08:00")]
    assert pay(KEYED, facts)[0] == "suspended"


# ------------------------------------------------ `once per` keeps the same record whatever the ids or the order

ONCE = compile_rules('''contract "O" "一次" {
  calendar official
}
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
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
''', "once.qy")


@pytest.mark.parametrize("ids", [("s1", "s2"), ("s2", "s1"), ("b", "a")])
@pytest.mark.parametrize("first", ["buyer", "supplier"])
def test_two_records_of_one_outage_that_disagree_give_one_verdict_in_any_order(ids, first):
    other = "supplier" if first == "buyer" else "buyer"
    facts = [f(ids[0], "started", "2026-06-01T10:00:00+08:00", sub="A", cause=first),
             f(ids[1], "started", "2026-06-01T10:00:00+08:00", sub="A", cause=other)]
    got = ONCE.evaluate(facts, "2026-06-30")
    assert [o["status"] for o in got["obligations"]] == ["excused"]
