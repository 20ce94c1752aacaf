"""Review round 15 (adversarial): 985298e (a `when` / `lapses when` tested part by part, re-tested only on a fact of a
kind its first false part or those before it read) and 03ba48d (the durable backend's marks and `JoinedAgg.outer`).

Part 1's reference is the same rules counting in full — `Prepared(checked, calendar, incremental=False)`, which keeps
the whole condition (``TriggerPlan.guards == ()``) — as tests/test_when_parts.py compares.  Part 2's is
`backend="reference"` against `backend="durable"`, byte for byte.

Findings (fixed: such parts, and those after them, are tested on every fact — ``Prepared._moves_alone``): a part's value changes with no fact of the kinds ``referenced_types`` gives it —
`accrued( )` of a `per day` remedy grows as days pass (no fact, no wake), and `open( )` changes when a duty becomes
`undetermined` (a fact given by its day alone, of a kind `open( )` does not read) or is `discharged` by the end of the
contract — and the later fact the whole condition was re-tested on is skipped: a duty, a finding, a lapse missing.
"""
from __future__ import annotations

import dataclasses
import json
import random

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from engine.run.plans import Prepared

try:
    from engine.live import available as _durable_available
    DURABLE = _durable_available()
except ImportError:  # pragma: no cover
    DURABLE = False
needs_durable = pytest.mark.skipif(not DURABLE, reason="durable_rules not installed")

HEAD = '''contract "W" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
'''


def _pair(body, head=HEAD):
    fast = compile_rules(head + body, "w.qy")
    full = dataclasses.replace(fast, prepared=Prepared(fast.checked, fast.prepared.calendar, incremental=False))
    return fast, full


def _f(fid, kind, at, **attrs):
    return {"id": fid, "type": kind, "at": at, **attrs}


def _lines(facts):
    return [json.dumps(x, ensure_ascii=False) for x in facts]


def _report(rules, facts, as_of):
    try:
        return json.dumps(rules.evaluate(_lines(facts), as_of), ensure_ascii=False)
    except QiyueError as exc:
        return f"error: {exc}"


def _same(body, facts, as_of, head=HEAD):
    fast, full = _pair(body, head)
    got, want = _report(fast, facts, as_of), _report(full, facts, as_of)
    assert got == want
    return json.loads(got) if not got.startswith("error") else got


def _status(report, name):
    return [(o["trigger"], o["status"]) for o in report["obligations"] if o["name"] == name] + \
        [(r["trigger"], r["status"]) for r in report["remedies"] if r["name"] == name]


# ====================================================================== part 1: findings (fixed)
ACCRUED = '''event a "A"
event b "B"
event done "D"
clause "1" "x" {
  remedy fee "F" { holder 甲方 for each a t amount ¥100.00 per day }
  obligation y "Y" { debtor 乙方 creditor 甲方 when accrued(fee) >= ¥300.00 and exists(b) fulfilled by done within 5 days }
}
'''


def test_accrued_per_day_grows_without_a_fact_of_its_kind():
    """fee: ¥100 a day from 03-02 09:00; `b` 03-10 09:00 (fee ¥900 by then).  Counting in full: y arises at b1
    (violated by 03-20).  Part by part: false at `accrued(fee) >= ¥300` when fee's row arose (¥0..¥100), and `b`
    is not a kind that part reads — y stays `inactive`, though its own explanation says both parts hold."""
    facts = [_f("a1", "a", "2026-03-02T09:00:00+08:00"), _f("b1", "b", "2026-03-10T09:00:00+08:00")]
    report = _same(ACCRUED, facts, "2026-03-20")
    assert _status(report, "y") == [("b1", "violated")]


LAPSE_ACCRUED = '''event a "A"
event b "B"
event late "L"
clause "1" "x" {
  remedy fee "F" { holder 甲方 for each a t amount ¥100.00 per day }
  remedy power "P" { holder 甲方 for each late x amount ¥10.00 lapses when accrued(fee) >= ¥300.00 and exists(b) }
}
'''


def test_a_lapse_on_accrued_per_day():
    facts = [_f("l1", "late", "2026-03-01T09:00:00+08:00"), _f("a1", "a", "2026-03-02T09:00:00+08:00"),
             _f("b1", "b", "2026-03-10T09:00:00+08:00")]
    report = _same(LAPSE_ACCRUED, facts, "2026-03-20")
    assert _status(report, "power") == [("l1", "lapsed")]


OPEN_UNDETERMINED = '''event a "A"
event b "B"
event done "D"
clause "1" "x" {
  obligation x "X" { debtor 乙方 creditor 甲方 for each a t fulfilled by done within 2 hours }
  obligation y "Y" { debtor 乙方 creditor 甲方 when not open(x) and exists(b) fulfilled by done within 5 days }
}
'''


def test_open_changes_when_a_day_alone_fact_makes_the_duty_undetermined():
    """x triggered 03-02 09:00, 2 hours; `done` on 03-02 (day alone): x undetermined, no longer open; b 03-04:
    counting in full y arises at b1 (undetermined, resting on x); part by part y stays inactive."""
    facts = [_f("a1", "a", "2026-03-02T09:00:00+08:00"), _f("d1", "done", "2026-03-02"),
             _f("b1", "b", "2026-03-04T09:00:00+08:00")]
    report = _same(OPEN_UNDETERMINED, facts, "2026-03-20")
    assert _status(report, "y") == [("b1", "undetermined")]


OPEN_DISCHARGED = '''event a "A"
event b "B"
event stop "S"
event done "D"
clause "1" "x" {
  obligation x "X" { debtor 乙方 creditor 甲方 for each a t fulfilled by done within 5 days }
  finding f warning "m" { when not open(x) and exists(b) }
}
clause "2" "t" {
  termination end "E" { for each stop s }
}
'''


def test_open_changes_when_the_end_discharges_the_duty():
    facts = [_f("a1", "a", "2026-03-02T09:00:00+08:00"), _f("s1", "stop", "2026-03-03T09:00:00+08:00"),
             _f("b1", "b", "2026-03-04T09:00:00+08:00")]
    report = _same(OPEN_DISCHARGED, facts, "2026-03-20")
    assert [x["code"] for x in report["findings"]] == ["f"]


# ====================================================================== part 1: what held
OPEN_STAGES = '''event a "A"
event b "B"
event done "D"
clause "1" "x" {
  obligation x "X" { debtor 乙方 creditor 甲方 for each a t fulfilled by done within 5 days }
  obligation y "Y" { debtor 乙方 creditor 甲方 when open(x) and exists(b) fulfilled by done within 5 days }
  obligation z "Z" { debtor 乙方 creditor 甲方 when triggered(x) and exists(b) fulfilled by done within 5 days }
  obligation w "W" { debtor 乙方 creditor 甲方 when not open(x) and exists(b) and count(a) >= 1 fulfilled by done within 5 days }
}
'''


@pytest.mark.parametrize("facts", [
    [("a1", "a", "2026-03-02T09:00:00+08:00"), ("b1", "b", "2026-03-03T09:00:00+08:00")],
    [("b1", "b", "2026-03-02T09:00:00+08:00"), ("a1", "a", "2026-03-03T09:00:00+08:00"),
     ("b2", "b", "2026-03-04T09:00:00+08:00")],
    [("b1", "b", "2026-03-02T09:00:00+08:00"), ("a1", "a", "2026-03-02T09:00:00+08:00")],
    [("a1", "a", "2026-03-02T09:00:00+08:00"), ("d1", "done", "2026-03-02T10:00:00+08:00"),
     ("b1", "b", "2026-03-04T09:00:00+08:00")],
    [("a1", "a", "2026-03-02T09:00:00+08:00"), ("b1", "b", "2026-03-12T09:00:00+08:00")],  # x violated between
])
def test_open_and_triggered_moved_by_stages_hold(facts):
    _same(OPEN_STAGES, [_f(*x) for x in facts], "2026-03-20")


FALLBACK = '''contract "W" { calendar official calendar fallback undetermined }
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
'''


def test_a_year_no_calendar_knows_in_a_later_part_holds():
    """`count(x) >= 2 and (exists(y) or passed(5 working days since first(x).at))`: the second x (12-28) meets 2027 in
    the second part — undetermined on both, at the same instant."""
    body = '''event x "X"
event y "Y"
event done "D"
clause "1" "c" {
  obligation o "O" { debtor 乙方 creditor 甲方 when count(x) >= 2 and (exists(y) or passed(5 working days since first(x).at)) fulfilled by done within 5 days }
}
'''
    facts = [_f("x1", "x", "2026-12-20T09:00:00+08:00"), _f("x2", "x", "2026-12-28T09:00:00+08:00"),
             _f("y1", "y", "2026-12-29T09:00:00+08:00")]
    report = _same(body, facts, "2027-01-20", FALLBACK)
    assert _status(report, "o") == [("x2", "undetermined")]
    # without the fallback: the same error on both
    _same(body, facts, "2027-01-20")


def test_a_duty_undetermined_by_its_year_is_still_triggered():
    body = '''event a "A"
event b "B"
event done "D"
clause "1" "x" {
  obligation x "X" { debtor 乙方 creditor 甲方 for each a t fulfilled by done within 5 working days }
  obligation y "Y" { debtor 乙方 creditor 甲方 when triggered(x) and exists(b) fulfilled by done within 5 days }
  obligation z "Z" { debtor 乙方 creditor 甲方 when open(x) and exists(b) fulfilled by done within 5 days }
}
'''
    facts = [_f("b0", "b", "2026-12-01T09:00:00+08:00"), _f("a1", "a", "2026-12-28T09:00:00+08:00"),
             _f("b1", "b", "2026-12-29T09:00:00+08:00")]
    _same(body, facts, "2027-01-20", FALLBACK)


def test_a_contract_taking_effect_later_holds():
    body = '''event sign "签署"
event a "A"
event b "B"
event done "D"
clause "0" "生效" { effective in_force "生效" { when exists(sign) } }
clause "1" "x" {
  obligation y "Y" { debtor 乙方 creditor 甲方 when exists(a) and exists(b) and count(a) >= 2 fulfilled by done within 5 days }
}
'''
    for facts in ([("a1", "a", "2026-03-02T09:00:00+08:00"), ("b1", "b", "2026-03-03T09:00:00+08:00"),
                   ("a2", "a", "2026-03-04T09:00:00+08:00"), ("s", "sign", "2026-03-05T09:00:00+08:00")],
                  [("s", "sign", "2026-03-01T09:00:00+08:00"), ("b1", "b", "2026-03-02T09:00:00+08:00"),
                   ("a1", "a", "2026-03-03T09:00:00+08:00"), ("a2", "a", "2026-03-03T09:00:00+08:00")]):
        try:
            _same(body, [_f(*x) for x in facts], "2026-03-20")
        except QiyueError:  # pragma: no cover - (the syntax of `effective` differs: nothing to compare)
            pytest.skip("effective syntax")


# ====================================================================== part 2: the durable backend's marks (held)
MARKS_HEAD = '''contract "M" { calendar official }
party 甲方 "甲" as buyer
party 乙方 "乙" as seller
event inc "I" { site: text "s"  level: text "l" }
event fix "R" { ref: ref (inc) "r"  by: text "b" optional }
event claim "C" { site: text "s"  n: int "n" }
'''
MARKS = MARKS_HEAD + '''clause "1" "x" {
  obligation fixit "FX" { debtor 乙方 creditor 甲方 for each inc i fulfilled by fix r where r.ref == i.id within 4 hours }
  deemed done "D" { for each fix r where r.by == "x" at r }
  remedy unfixed "U" { holder 甲方
    for each claim c where count(inc i where i.site == c.site and not exists(fix r where r.ref == i.id and r.at <= i.at + 4 hours)) > 0
    amount ¥1.00 }
  remedy fixed "F" { holder 甲方
    for each claim c where count(inc i where i.site == c.site and exists(fix r where r.ref == i.id)) >= 1
    amount ¥2.00 }
  remedy summed "S" { holder 甲方
    for each claim c where sum((c.at - x.at) ÷ 1 hours for each inc x where x.site == c.site and not exists(fix r where r.ref == x.id)) > 2
    amount ¥3.00 }
  remedy staged "G" { holder 甲方
    for each claim c where count(inc i where i.site == c.site and not exists(fixit.fulfilled f where f.trigger == i.id)) >= 1
    amount ¥4.00 }
  remedy deemed_mark "DM" { holder 甲方
    for each claim c where count(inc i where i.site == c.site and exists(done d where d.ref == i.id)) >= 1
    amount ¥5.00 }
}
'''


def _gen(rng, n, bare):
    facts, ids = [], [f"i{k}" for k in range(4)]
    for k in range(n):
        kind = rng.choice(["inc", "fix", "fix", "claim"])
        day, hour = rng.choice([2, 2, 3]), rng.choice([9, 10, 12, 13, 14])
        at = f"2026-03-0{day}" if rng.random() < bare else f"2026-03-0{day}T{hour:02d}:00:00+08:00"
        if kind == "inc":
            fid = rng.choice(ids)
            fid = fid if all(x["id"] != fid for x in facts) else f"i{k + 10}"
            facts.append(_f(fid, "inc", at, site=rng.choice("AB"), level=rng.choice(["P1", "P2"])))
        elif kind == "fix":
            d = _f(f"r{k}", "fix", at, ref=rng.choice(ids))
            if rng.random() < 0.4:
                d["by"] = rng.choice(["x", "y"])
            facts.append(d)
        else:
            facts.append(_f(f"c{k}", "claim", at, site=rng.choice("AB"), n=rng.choice([0, 1, 2])))
    return facts


def _both(c, facts, as_of):
    out = []
    for backend in ("reference", "durable"):
        try:
            out.append(json.dumps(c.evaluate(_lines(facts), as_of, backend=backend), ensure_ascii=False))
        except QiyueError as exc:
            out.append(f"error: {exc}")
    return out


@pytest.fixture(scope="module")
def marks():
    c = compile_rules(MARKS, "m.qy")
    yield c
    live = getattr(c, "_live_plan", None)
    if live is not None:
        live.close()


@needs_durable
def test_every_mark_line_is_the_rete_s(marks):
    from engine.live.backend import plan
    assert {d["line"]: d["runs_on"] for d in plan(marks).describe()
            if d["line"].startswith("remedy")} == {
        "remedy:unfixed#0": "rete", "remedy:fixed#0": "rete", "remedy:summed#0": "rete", "remedy:staged#0": "rete",
        "remedy:deemed_mark#0": "rete"}


@needs_durable
@pytest.mark.parametrize("order", [0, 1, 2, 3, 4, 5])
def test_marks_at_one_instant_in_any_order(marks, order):
    """The incident, its fix and the claim at one instant (and the fix before the incident it names), in every
    order of listing; as of that instant and later; evaluate_many at both."""
    import itertools
    t = "2026-03-02T10:00:00+08:00"
    base = [_f("i1", "inc", t, site="A", level="P1"), _f("r1", "fix", t, ref="i1", by="x"),
            _f("c1", "claim", t, site="A", n=1)]
    facts = list(itertools.permutations(base))[order]
    facts = [_f("r0", "fix", "2026-03-02T09:00:00+08:00", ref="i2"), *facts,
             _f("i2", "inc", "2026-03-02T11:00:00+08:00", site="A", level="P2"),
             _f("c2", "claim", "2026-03-02T11:00:00+08:00", site="A", n=1)]
    for as_of in (t, "2026-04-01"):
        a, b = _both(marks, facts, as_of)
        assert a == b
    ats = [t, "2026-03-02T11:00:00+08:00", "2026-04-01"]
    assert json.dumps(marks.evaluate_many(_lines(facts), ats, backend="durable"), ensure_ascii=False) == \
        json.dumps(marks.evaluate_many(_lines(facts), ats), ensure_ascii=False)


@needs_durable
@pytest.mark.parametrize("seed", range(4))
def test_marks_on_random_streams(marks, seed):
    rng = random.Random(seed)
    for _ in range(25):
        facts = _gen(rng, 7, 0.3 if seed % 2 else 0.0)
        for as_of in ("2026-03-02T12:00:00+08:00", "2026-04-01"):
            a, b = _both(marks, facts, as_of)
            assert a == b, facts


@needs_durable
def test_marks_in_a_live_session(marks):
    rng = random.Random(7)
    for _ in range(10):
        facts, seen = [], set()
        for x in sorted(_gen(rng, 7, 0.0), key=lambda x: (x["at"], x["id"])):
            if x["type"] == "fix" and x["ref"] not in seen:
                continue  # (a stream read as it grows names only the facts before it)
            seen.add(x["id"])
            facts.append(x)
        got = []
        for backend in ("reference", "durable"):
            s, out = marks.session(backend=backend), []
            for x in facts:
                s.add(_lines([x]))
                out += [json.dumps(s.changes(), ensure_ascii=False), json.dumps(s.report(), ensure_ascii=False)]
            got.append(out)
        assert got[0] == got[1]


@needs_durable
@pytest.mark.parametrize("kept", [0, 1, 2, 3])
def test_marks_with_kept_fact_budgets(kept):
    from engine.live.backend import plan
    c = compile_rules(MARKS, "m.qy")
    try:
        plan(c).max_kept = kept
        rng = random.Random(100 + kept)
        for _ in range(15):
            facts = _gen(rng, 8, 0.0)
            a, b = _both(c, facts, "2026-04-01")
            assert a == b, facts
    finally:
        live = getattr(c, "_live_plan", None)
        if live is not None:
            live.close()
