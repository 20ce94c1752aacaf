"""`suspended by … until … counted by day` (`按日计算`): a pause counted in calendar days — the day it began counted, the
day it ended not, whatever their hours (培训合同 6.2 “休学自休学开始之日起算，至复学之日前一日止，按日计算”; contract
round 29 found the language could only count days of 24 hours).

Counted by hand on the official calendar of 2026 (Sat 06-06, Sun 06-07, Sat 06-13, Sun 06-14 rest days).  Each report is
compared with the durable backend's.
"""
from __future__ import annotations

import json

import pytest

from engine.api import compile_rules
from engine.live import available

HEAD = '''contract "D" "按日" {
  calendar official
}
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
event ordered "订货" { }
event paid "付款" { }
event hit "中止" { }
event over "恢复" { ref: ref (hit) "所涉" }
clause "3" "付款" {
  obligation pay "付款" {
    debtor 甲方
    creditor 乙方
    for each ordered o
    fulfilled by paid p
    @WITHIN@
    suspended by hit h until over v where v.ref == h.id @BY@
  }
}
'''


def rules(by="counted by day", within="within 10 days"):
    return compile_rules(HEAD.replace("@BY@", by).replace("@WITHIN@", within), "d.qy")


BY_DAY, BY_BLOCKS = rules(), rules("")


def f(fid, ftype, at, **attrs):
    return json.dumps({"id": fid, "type": ftype, "at": at, **attrs}, ensure_ascii=False)


def run(r, facts, as_of="2026-07-30"):
    got = r.evaluate(facts, as_of)
    if available():
        assert r.evaluate(facts, as_of, backend="durable") == got
    (o,) = got["obligations"]
    return o


ORDER = f("o", "ordered", "2026-06-03T10:00:00+08:00")  # Wed: 06-04 .. Sat 06-13 → Mon 06-15 → due 06-16T00:00


def pause(start, end):
    return [ORDER, f("h", "hit", start), f("v", "over", end, ref="h")]


def test_two_days_by_the_calendar_three_by_24_hours():
    """Paused Thu 06-04 10:00 to Sat 06-06 11:00: 06-04 and 06-05 (the 6th, the day it ended, not counted) → 2 days:
    06-13 + 2 = Mon 06-15 → due 06-16T00:00.  In days of 24 hours: 49 hours → 3 days → Tue 06-16 → due 06-17T00:00."""
    facts = pause("2026-06-04T10:00:00+08:00", "2026-06-06T11:00:00+08:00")
    assert run(BY_DAY, facts)["due"] == "2026-06-16T00:00:00+08:00"
    assert run(BY_BLOCKS, facts)["due"] == "2026-06-17T00:00:00+08:00"


def test_paused_and_resumed_on_one_day_moves_nothing_and_says_so():
    o = run(BY_DAY, pause("2026-06-04T10:00:00+08:00", "2026-06-04T18:00:00+08:00"))
    assert (o["status"], o["due"]) == ("violated", "2026-06-16T00:00:00+08:00")
    assert any("按日计算（中止开始之日计入，恢复之日不计入），期限不顺延" in b for b in o["because"])
    en = BY_DAY.evaluate(pause("2026-06-04T10:00:00+08:00", "2026-06-04T18:00:00+08:00"), "2026-07-30", lang="en")
    assert any("counted by day (the day it began counted, the day it ended not); the deadline does not move" in b
               for b in en["obligations"][0]["because"])


def test_the_hours_do_not_matter():
    """Paused 06-04 23:59 to 06-06 00:00 (a day and a minute): still 06-04 and 06-05 → 2 days, due 06-16T00:00."""
    o = run(BY_DAY, pause("2026-06-04T23:59:00+08:00", "2026-06-06T00:00:00+08:00"))
    assert o["due"] == "2026-06-16T00:00:00+08:00"
    assert any("按日计算（中止开始之日计入，恢复之日不计入），期限顺延 2 日" in b for b in o["because"])


def test_a_period_of_hours_moves_by_days_of_24_hours():
    """Within 48 hours of Wed 06-03 10:00 → 06-05 10:00; paused 06-03 22:00 to 06-04 01:00 (3 hours, but 06-03 is
    one day by the calendar) → 06-06 10:00."""
    r = rules(within="within 48 hours")
    o = run(r, pause("2026-06-03T22:00:00+08:00", "2026-06-04T01:00:00+08:00"))
    assert o["due"] == "2026-06-06T10:00:00+08:00"


def test_chinese_keywords():
    r = compile_rules(HEAD.replace("@BY@", "按日计算").replace("@WITHIN@", "within 10 days")
                      .replace("suspended by", "中止事件").replace(" until ", " 直至 "), "d.qy")
    assert run(r, pause("2026-06-04T10:00:00+08:00", "2026-06-06T11:00:00+08:00"))["due"] == \
        "2026-06-16T00:00:00+08:00"


@pytest.mark.parametrize("end", ["2026-06-06", "2026-06-06T23:00:00+08:00"])
def test_an_end_known_by_its_day_alone_is_that_day(end):
    """The day the pause ended is not counted, whatever its hour: 2 days, due 06-16T00:00."""
    assert run(BY_DAY, pause("2026-06-04T10:00:00+08:00", end))["due"] == "2026-06-16T00:00:00+08:00"


def test_a_period_of_working_days_moves_by_the_working_days_paused():
    """Within 5 working days of Tue 2026-09-29 10:00: 09-30, 10-08 (National Day 10-01 … 10-07 off), Fri 10-09, Sat
    10-10 (a make-up working day), Mon 10-12 → due 10-13T00:00.  Paused 09-30 09:00 to 10-09 09:00: the working days it
    took, a part counted whole — 09-30, 10-08, 10-09: 3 → 10-12 + 3 working days = 10-13, 14, 15 → due 10-16T00:00 (not
    9 calendar days, the holidays with them)."""
    r = rules(by="", within="within 5 working days")
    facts = [f("o", "ordered", "2026-09-29T10:00:00+08:00"), f("h", "hit", "2026-09-30T09:00:00+08:00"),
             f("v", "over", "2026-10-09T09:00:00+08:00", ref="h")]
    o = run(r, facts, "2026-11-30")
    assert o["due"] == "2026-10-16T00:00:00+08:00"
    assert any("其间 3 个工作日，期限顺延 3 个工作日" in b for b in o["because"]), o["because"]
