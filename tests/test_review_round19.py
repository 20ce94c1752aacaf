"""Review round 19 of the evaluation's short ways (42d3822, 5dd42c7, 9b7efee; issue 13) against the general ways of
4ea2d5f.  Differential runs (both engines, both backends, byte for byte): ~15,000 generated rule files and streams —
conditions of one and two facts over int/money/text/party/bool/ref/date/datetime attributes (absent, null, given;
datetimes by day alone and in other zones), `.at`, `.at.day`, `.t.day`, `present( )`, `end of … after …`, divisions,
`and`/`or`/`not` nested, in English and Chinese keywords; powers held by both parties lapsing and arising again;
duties and their stages (`v.due`, `v.by.at`, `v.x.n`, parameters); periods counted from `latest`/`earliest`.
One difference: ``Evaluation.period``'s memo (5dd42c7) keyed by (name, instant, day) takes a start known by its day
alone (``DayOnly``) and an exact start of the same instant for one — Moment's own `==` holds them apart.  Fixed here
(the key adds the start's type); the two tests of it fail on 9b7efee.  The rest are guards, counted by hand.
Calendar: 2026-03-02 is a Monday, 03-03 a Tuesday, 03-04 a Wednesday (all working days)."""
from __future__ import annotations

import json

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from seedfacts import on_both_backends

HEAD = '''contract "R19" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
'''


def _report(rules: str, facts: list[dict], as_of: str = "2026-04-01") -> dict:
    return on_both_backends(compile_rules(HEAD + rules, "r19.qy"),
                            [json.dumps(f, ensure_ascii=False) for f in facts], as_of)


def _events(report: dict) -> dict:
    return {e["id"]: e for e in report["events"]}


def t(day: int, hm: str = "10:00") -> str:
    return f"2026-03-{day:02d}T{hm}:00+08:00"


# ---------------------------------------------------------------- the finding: a period's start, of a day alone or exact

PERIOD = '''event sent "发出"
event signed "签收"
event cut "截断"
clause "1" "期间" {
  period p "期间" = 10 days as term after (if exists(cut) then THEN otherwise OTHERWISE)
  deemed d1 "一" {
    for each sent s
    at p.start
  }
  deemed d2 "二" {
    for each cut c
    at p.start
  }
}
'''
PERIOD_FACTS = [{"id": "g", "type": "signed", "at": "2026-03-02"},  # (its day alone: some time of 2 March)
                {"id": "s", "type": "sent", "at": t(2)},
                {"id": "c", "type": "cut", "at": t(2, "12:00")}]
EXACT = "deemed_at"  # an event deemed at an instant known to the second
DAY_ALONE = "deemed_on_day_not_before"  # an event deemed on a day, no earlier than an instant of it


def _codes(event: dict) -> list[str]:
    return [s["code"] for s in event["steps"]]


def test_a_period_started_by_a_day_alone_then_exactly_at_the_same_instant():
    """p counts from `latest(first(sent), first(signed))` until a cut, then from `latest(first(sent))`.  At 10:00 of
    03-02 (d1): the sending at 10:00 and a receipt dated 03-02 alone — some time of 2 March from 10:00 on
    (language.en.md, `latest`: "that day, no earlier than 11:00"), d1 deemed of that day alone.  At 12:00 (d2): a
    cut, p counts from the sending alone — exactly 10:00 — and d2 is deemed at 10:00 (4ea2d5f: `deemed_at`
    10:00).  9b7efee's memo, keyed by (p, 10:00, 3-02), handed back the day-alone start: d2 "of 2 March, no earlier
    than 10:00" (`deemed_on_day_not_before`), a start the rules no longer give."""
    rules = PERIOD.replace("THEN", "latest(first(sent))").replace("OTHERWISE", "latest(first(sent), first(signed))")
    events = _events(_report(rules, PERIOD_FACTS))
    assert DAY_ALONE in _codes(events["d1:s"]) and EXACT not in _codes(events["d1:s"])
    assert EXACT in _codes(events["d2:c"]) and DAY_ALONE not in _codes(events["d2:c"])
    assert events["d2:c"]["at"] == t(2) and events["d2:c"]["at_cn"] == "2026年3月2日10时"
    assert "视为于 2026年3月2日10时 发生" in events["d2:c"]["because"]


def test_a_period_started_exactly_then_by_a_day_alone_at_the_same_instant():
    """The other way round: exact first (d1 at 10:00: the sending alone), then the sending with the receipt dated
    that day alone after the cut (d2: 2 March, from 10:00 on — `deemed_on_day_not_before`); 9b7efee said d2 was at exactly
    10:00 (the memo's exact start)."""
    rules = PERIOD.replace("THEN", "latest(first(sent), first(signed))").replace("OTHERWISE", "latest(first(sent))")
    events = _events(_report(rules, PERIOD_FACTS))
    assert EXACT in _codes(events["d1:s"]) and events["d1:s"]["at_cn"] == "2026年3月2日10时"
    assert DAY_ALONE in _codes(events["d2:c"]) and EXACT not in _codes(events["d2:c"])
    assert events["d2:c"]["at_cn"] == "2026年3月2日（不早于10时）"


# ---------------------------------------------------------------- guards: the short ways' answers, counted by hand

def test_two_facts_instants_compared_directly():
    """`y.ref == x.id and x.at <= y.at` (a fused field check, then _instants_compare), x at 10:00 of 03-02:
    y1 at 10:00 (same instant: <=), y2 dated 03-02 alone (00:00 of it: earlier), y3 09:00Z = 17:00, y4 01:59:59Z =
    09:59:59 (earlier), y5 dated 03-03 alone (00:00 of 03-03: later), y6 without a ref (unknown: false)."""
    rules = '''event s "起"
event n "知" { ref: ref optional }
clause "1" "x" {
  deemed k "知悉" {
    for each s x, n y where y.ref == x.id and x.at <= y.at
    at y
  }
}
'''
    facts = [{"id": "x1", "type": "s", "at": t(2)},
             {"id": "y1", "type": "n", "at": t(2), "ref": "x1"},
             {"id": "y2", "type": "n", "at": "2026-03-02", "ref": "x1"},
             {"id": "y3", "type": "n", "at": "2026-03-02T09:00:00+00:00", "ref": "x1"},
             {"id": "y4", "type": "n", "at": "2026-03-02T01:59:59+00:00", "ref": "x1"},
             {"id": "y5", "type": "n", "at": "2026-03-03", "ref": "x1"},
             {"id": "y6", "type": "n", "at": "2026-03-03"}]
    assert sorted(_events(_report(rules, facts))) == ["k:y1", "k:y3", "k:y5"]


def test_days_of_datetimes_and_present_in_chinese():
    """`x.t.day == x.at.day` (day_of: a datetime's day in Beijing time), its `非`, `已提供(x.t)`, a fact at 10:00 of
    03-02 unless said: a1 t 20:00Z of 03-01 = 04:00 of 03-02 (same day); a2 t 16:00Z of 03-02 = 00:00 of 03-03
    (another day); a3 t dated 03-02 alone; a4 without t, a5 t null (unknown: the comparison false, its `非` true,
    not present); a6 dated 03-02 alone, t 23:59:59 that day; a7 at 23:59:59 of 03-02, t 00:00 of 03-03."""
    rules = '''event a "甲" { t: datetime optional }
clause "1" "x" {
  视为 same "同日" {
    每当 a x 满足 x.t.day == x.at.day
    于 x
  }
  视为 other "非同日" {
    每当 a x 满足 非 (x.t.day == x.at.day)
    于 x
  }
  视为 has "有" {
    每当 a x 满足 已提供(x.t)
    于 x
  }
}
'''
    facts = [{"id": "a1", "type": "a", "at": t(2), "t": "2026-03-01T20:00:00+00:00"},
             {"id": "a2", "type": "a", "at": t(2), "t": "2026-03-02T16:00:00+00:00"},
             {"id": "a3", "type": "a", "at": t(2), "t": "2026-03-02"},
             {"id": "a4", "type": "a", "at": t(2)},
             {"id": "a5", "type": "a", "at": t(2), "t": None},
             {"id": "a6", "type": "a", "at": "2026-03-02", "t": "2026-03-02T23:59:59+08:00"},
             {"id": "a7", "type": "a", "at": t(2, "23:59"), "t": "2026-03-02T16:00:00Z"}]
    got = sorted(_events(_report(rules, facts)))
    assert got == sorted(["same:a1", "same:a3", "same:a6", "other:a2", "other:a4", "other:a5", "other:a7",
                          "has:a1", "has:a2", "has:a3", "has:a6", "has:a7"])


FUSED = '''event a "甲" { k: text optional  p: party optional  n: int optional  m: money optional }
clause "1" "x" {
  deemed q "商" {
    for each a x where x.k == "u" and x.p == 甲方 and x.m / x.n > ¥1.00 and x.n != 7 and x.k != "w"
    at x
  }
}
'''


@pytest.mark.parametrize("attrs, fired", [
    ({"k": "v", "p": "甲方", "n": 0, "m": "5.00"}, False),  # (the fused run fails first: the division is not reached)
    ({"k": "u", "p": "乙方", "n": 0, "m": "5.00"}, False),
    ({"k": "u", "n": 0, "m": "5.00"}, False),  # (p unknown: false, the division not reached)
    ({"k": "u", "p": "甲方", "n": 2, "m": "5.00"}, True),  # (¥2.50 > ¥1.00, then the second run: 2 != 7, "u" != "w")
    ({"k": "u", "p": "甲方", "n": 5, "m": "5.00"}, False),  # (¥1.00 is not more than ¥1.00)
])
def test_fused_runs_around_a_division_keep_their_order(attrs, fired):
    facts = [{"id": "a1", "type": "a", "at": t(2), **attrs}]
    assert ("q:a1" in _events(_report(FUSED, facts))) is fired


def test_fused_run_passed_then_division_by_zero_is_the_error():
    """k "u", p 甲方, n 0: the first run holds, ¥5.00 / 0 stops the evaluation with a diagnostic naming the fact."""
    with pytest.raises(QiyueError) as exc:
        _report(FUSED, [{"id": "a1", "type": "a", "at": t(2), "k": "u", "p": "甲方", "n": 0, "m": "5.00"}])
    [d] = exc.value.diagnostics
    assert d.code == "out_of_range" and "division_by_zero" in str(d.args) and d.args["id"] == "a1"


POWER = '''event fault "故障"
event notify "通知" { p: party }
clause "1" "解除" {
  remedy quit "解除权" {
    holder 甲方, 乙方
    for each fault f
    once
    exercise within 1 day
  }
  termination by_a "甲方解除" {
    for each notify n where n.p == 甲方
    exercises quit held by 甲方
  }
  termination by_b "乙方解除" {
    for each notify n where n.p == 乙方
    exercises quit held by 乙方
  }
}
'''


def test_a_power_both_parties_hold_arises_again_when_its_last_row_lapses():
    """f1 (Mon 03-02 10:00) gives each party the power (`once`), to be used within 1 day: 03-03, to 24:00 (第201条:
    the day it arose not counted).  f2 (03-03 10:00) arises while it is held: it waits.  At 24:00 of 03-03 both f1
    rows lapse — the power is gone with its last row — and f2 gives the power again, its day counted from f2
    (03-04, to 24:00).  乙方's notice at 10:00 of 03-04 uses it: 乙方's f2 row exercised, the contract ended."""
    rows = _report(POWER, [{"id": "f1", "type": "fault", "at": t(2)},
                           {"id": "f2", "type": "fault", "at": t(3)},
                           {"id": "n1", "type": "notify", "at": t(4), "p": "乙方"}])["remedies"]
    got = {(r["trigger"], r["holder"], r["status"]) for r in rows}
    assert got == {("f1", "甲方", "lapsed"), ("f1", "乙方", "lapsed"),
                   ("f2", "甲方", "lapsed"), ("f2", "乙方", "exercised")}


def test_a_power_both_parties_hold_does_not_arise_again_while_a_row_is_held():
    """As above, the notice at 10:00 of 03-03 (both f1 rows still held, f2 waiting): 乙方's f1 row exercised; f2
    gives no power of its own — the contract has ended (甲方's f1 row lapses with it)."""
    rows = _report(POWER, [{"id": "f1", "type": "fault", "at": t(2)},
                           {"id": "f2", "type": "fault", "at": t(3)},
                           {"id": "n1", "type": "notify", "at": t(3, "11:00"), "p": "乙方"}])["remedies"]
    got = {(r["trigger"], r["holder"], r["status"]) for r in rows}
    assert got == {("f1", "甲方", "lapsed"), ("f1", "乙方", "exercised")}
