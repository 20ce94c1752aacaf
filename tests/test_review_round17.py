"""Review round 17 of the last 25 commits: the evaluator's fast paths (a one-source condition answered by an attribute's
bucket, caba493/ea4b11a; a running total searched by an instant, 4ed538d/ea4b11a; a count or sum carried forward per
binding, 3370b8f/0267374/7b2327a) and the new power's period to exercise in (`exercise within` / `exercise until`,
45401b9/2ebe17e/ad1145f).

The fast paths are compared with the same rules counting in full (``Prepared(…, incremental=False)``) on rule files
that hit each of them — bindings read through calendar arithmetic (`m.at + 2 working days`), a year no calendar knows
under each fallback, exists/first/sum on either side of an instant, buckets on every kind of literal — and a live
session fed fact by fact is compared with eval.  The period to exercise a power in is hand-counted: 民法典第564条第1款
("当事人约定解除权行使期限，期限届满当事人不行使的，该权利消灭"), 第201条 (a period in days starts the next day), 第203条 (its
last day ends at 24:00), 第1259条 and time-and-law.md "The end of a period is included" (an act at the very end
instant of a period of hours is in time)."""
from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from engine.run.plans import Prepared

from test_review_round16 import _lines, _outcome  # (round 16's: the report, or the error's words)

HEAD = '''contract "R17" { calendar official%s }
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
'''


def _rules(text, fallback=""):
    fast = compile_rules(HEAD % fallback + text, "r17.qy")
    full = dataclasses.replace(fast, prepared=Prepared(fast.checked, fast.prepared.calendar, incremental=False))
    return fast, full




# ---------------------------------------------------------------- the fast paths against counting in full

SHAPES = '''event paid "付款" { x: decimal  kind: text  n: int }
event mark "节点" { limit: decimal  n: int }
clause "1" "x" {
  remedy pb1 "按工作日" {
    holder 乙方
    for each mark m where count(paid q where q.kind == "a" and q.at < m.at + 2 working days) >= 2
    amount ¥1.00
  }
  remedy pb2 "按绑定求和" {
    holder 乙方
    for each mark m where sum(q.x * m.limit for each paid q where q.n == m.n or q.x > m.limit) > 2
    amount ¥1.00
  }
  remedy pb3 "一日内" {
    holder 乙方
    for each mark m where count(paid q where q.at >= m.at and q.at < m.at + 1 days) >= 2
    amount ¥1.00
  }
  remedy t1 "此后有" {
    holder 甲方
    for each mark m where exists(paid q where q.kind == "b" and q.at > m.at)
    amount ¥1.00
  }
  obligation t2 "此后首笔" {
    debtor 甲方
    creditor 乙方
    for each mark m
    fulfilled when first(paid q where q.kind == "a" and m.at <= q.at).x >= 1
    within 2 days
  }
  remedy t3 "最后一笔" {
    holder 甲方
    for each paid p where count(paid q where q.at >= p.at) == 1
    amount ¥1.00
  }
  remedy t4 "此前合计" {
    holder 甲方
    for each paid p where sum(q.x for each paid q where q.n != 1 and q.at < p.at) >= 2
    amount ¥1.00
  }
  remedy t5 "一个工作日后" {
    holder 甲方
    for each mark m where sum(q.x for each paid q where q.kind == "a" and m.at + 1 working days < q.at) >= 1
    amount ¥1.00
  }
  remedy b1 "同类第二期" {
    holder 乙方
    for each paid p where p.n == 2 and count(paid q where q.n == 2 and q.kind == p.kind) >= 2
    amount ¥1.00
  }
}
'''
FALLBACKS = {"": _rules(SHAPES), "undetermined": _rules(SHAPES, " calendar fallback undetermined"),
             "weekdays": _rules(SHAPES, " calendar fallback weekdays")}
MARCH = datetime.fromisoformat("2026-03-02T09:00:00+08:00")
YEAR_END = datetime.fromisoformat("2026-12-28T09:00:00+08:00")  # (2027: no calendar the engine knows)

_SLOT = st.integers(0, 5 * 1440).map(lambda v: v - v % 180)  # (every 3 hours: shared instants are common)
FACT = st.one_of(
    st.tuples(st.just("paid"), _SLOT, st.booleans(), st.sampled_from(["0", "1", "1.5", "2"]), st.sampled_from(["a", "b"]),
              st.integers(0, 2)),
    st.tuples(st.just("mark"), _SLOT, st.booleans(), st.sampled_from(["0.5", "1", "1.5"]), st.integers(0, 2)))


def _stamp(t0, minutes, bare):
    t = t0 + timedelta(minutes=minutes)
    return t.date().isoformat() if bare else t.isoformat()


def _build(t0, evs):
    out = []
    for k, ev in enumerate(evs):
        if ev[0] == "paid":
            _, at, bare, x, kind, n = ev
            out.append({"id": f"f{k:02d}", "type": "paid", "at": _stamp(t0, at, bare), "x": x, "kind": kind, "n": n})
        elif ev[0] == "mark":
            _, at, bare, limit, n = ev
            out.append({"id": f"f{k:02d}", "type": "mark", "at": _stamp(t0, at, bare), "limit": limit, "n": n})
        else:
            _, at, bare, party = ev
            out.append({"id": f"n{k:02d}", "type": "notice", "at": _stamp(t0, at, bare), "party": party})
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(st.lists(FACT, max_size=9), st.integers(0, 9 * 1440), st.sampled_from(sorted(FALLBACKS)),
       st.sampled_from([MARCH, YEAR_END]), st.sampled_from(["reference", "durable"]))
def test_fast_paths_agree_with_counting_in_full(evs, as_of, fallback, t0, backend):
    """Guard: bindings read through calendar arithmetic, exists/first/sum on either side of an instant, a bucket beside a
    key; bare days, shared instants; a year no calendar knows (2027) under each fallback — the same report or the same
    error, on either backend."""
    fast, full = FALLBACKS[fallback]
    facts = _build(t0, evs)
    at = (t0 + timedelta(minutes=as_of)).isoformat()
    assert _outcome(fast, facts, at, backend) == _outcome(full, facts, at, backend)


def test_a_sum_read_through_the_binding_hand_counted():
    """Guard, pb2: mark m (n 1, limit 1.5) at 12:00; payments before it: a (x 2, n 0: 2 > 1.5 → 2 × 1.5 = 3), b (x 1, n 1:
    n matches → 1 × 1.5 = 1.5), c (x 1, n 0: neither → not counted): 4.5 > 2 → the remedy arises at m.  A second mark
    m2 (n 2, limit 2) at 13:00: a (2 > 2? no; n 0 ≠ 2), b (no), c (no) → 0: no remedy."""
    fast, full = FALLBACKS[""]
    facts = [{"id": "a", "type": "paid", "at": "2026-03-02T09:00:00+08:00", "x": "2", "kind": "b", "n": 0},
             {"id": "b", "type": "paid", "at": "2026-03-02T10:00:00+08:00", "x": "1", "kind": "b", "n": 1},
             {"id": "c", "type": "paid", "at": "2026-03-02T11:00:00+08:00", "x": "1", "kind": "b", "n": 0},
             {"id": "m", "type": "mark", "at": "2026-03-02T12:00:00+08:00", "limit": "1.5", "n": 1},
             {"id": "m2", "type": "mark", "at": "2026-03-02T13:00:00+08:00", "limit": "2", "n": 2}]
    report = _outcome(fast, facts, "2026-03-10")
    assert report == _outcome(full, facts, "2026-03-10")
    assert [r["trigger"] for r in report["remedies"] if r["name"] == "pb2"] == ["m"]


BUCKETS = '''event invoice "发票"
event paid "付款" { invoice: ref(invoice)  by: party  n: int  flag: bool optional  amt: money  kind: text (cash "现金") }
clause "1" "x" {
  finding f_ref warning "ref" { for each paid p where p.invoice == "i1" }
  finding f_by warning "by" { for each paid p where p.by == 甲方 }
  finding f_true warning "flag" { for each paid p where p.flag == true }
  finding f_false warning "flag false" { for each paid p where p.flag == false }
  finding f_amt warning "amt" { for each paid p where p.amt == ¥100 }
  finding f_n warning "n" { for each paid p where p.n == 2.0 }
  finding f_not warning "not" { for each paid p where not (p.n == 2) and p.by == 乙方 }
  finding f_word warning "word" { for each paid p where p.kind == "现金" }
  remedy r_false "计数" { holder 甲方 for each paid p where count(paid q where q.flag == false) == 1 amount ¥1.00 }
  remedy r_sum "求和" {
    holder 甲方
    for each paid p where sum(q.amt for each paid q where q.amt == ¥100.00 and q.by == 甲方) >= ¥200
    amount ¥1.00
  }
}
'''


def test_buckets_on_every_kind_of_literal():
    """Guard: a bucket files a fact under its attribute's value; the literal it is asked for must find it as `==` does —
    a party, a bool (true, false, absent), money written ¥100 / 100.00 / 100.0, an int asked for 2.0, a reference by id,
    a text's word.  Hand count: a (甲方, n 2, ¥100, false, 现金, i1) 09:00; b (乙方, n 3, ¥100.00, true, cash, i1) 10:00;
    c (甲方, n 2, ¥100.0, no flag, cash, i1) 11:00."""
    fast, full = _rules(BUCKETS)
    facts = [{"id": "i1", "type": "invoice", "at": "2026-03-02T08:00:00+08:00"},
             {"id": "a", "type": "paid", "at": "2026-03-02T09:00:00+08:00", "invoice": "i1", "by": "甲方", "n": 2,
              "amt": "100", "flag": False, "kind": "现金"},
             {"id": "b", "type": "paid", "at": "2026-03-02T10:00:00+08:00", "invoice": "i1", "by": "乙方", "n": 3,
              "amt": "100.00", "flag": True, "kind": "cash"},
             {"id": "c", "type": "paid", "at": "2026-03-02T11:00:00+08:00", "invoice": "i1", "by": "甲方", "n": 2,
              "amt": "100.0", "kind": "cash"}]
    report = _outcome(fast, facts, "2026-03-10")
    assert report == _outcome(full, facts, "2026-03-10")
    fired = {}
    for f in report["findings"]:
        fired.setdefault(f["code"], []).append(f["at"][11:16])
    assert fired == {"f_ref": ["09:00", "10:00", "11:00"], "f_by": ["09:00", "11:00"], "f_true": ["10:00"],
                     "f_false": ["09:00"], "f_amt": ["09:00", "10:00", "11:00"], "f_n": ["09:00", "11:00"],
                     "f_not": ["10:00"], "f_word": ["09:00"]}
    # r_false: one false flag (a) from 09:00 on — every payment sets it off; r_sum: ¥100 of 甲方 twice only at c
    assert [(r["name"], r["trigger"]) for r in report["remedies"]] == [
        ("r_false", "a"), ("r_false", "b"), ("r_false", "c"), ("r_sum", "c")]


WEEKS = '''event signed "签订"
event stop "终止服务"
event paid "付款" { x: decimal  kind: text  start: datetime  end: datetime }
clause "1" "x" {
  obligation weekly "每周两笔" {
    debtor 甲方
    creditor 乙方
    every week w from first(signed).at until first(stop).at
    fulfilled when count(paid q where q.start < w.end and q.end > w.start and q.kind == "a") >= 2
    within 1 days after w.end
  }
  obligation weekly_hours "每周合计" {
    debtor 甲方
    creditor 乙方
    every week w from first(signed).at until first(stop).at
    fulfilled when sum((earliest(q.end, w.end) - latest(q.start, w.start)) / 1 hours for each paid q where q.start < w.end and q.end > w.start) >= 30
    within 1 days after w.end
  }
}
'''
WEEKS_FAST, WEEKS_FULL = _rules(WEEKS)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(st.lists(st.tuples(st.integers(0, 30 * 1440).map(lambda v: v - v % 360), st.integers(-3 * 1440, 3 * 1440),
                          st.integers(1, 4 * 1440), st.sampled_from(["a", "b"]), st.sampled_from(["1", "2"])), max_size=8),
       st.one_of(st.none(), st.integers(0, 30 * 1440).map(lambda v: v - v % 360)), st.integers(0, 40 * 1440),
       st.sampled_from(["reference", "durable"]))
def test_per_binding_over_periods_a_stop_cuts(pays, stop, as_of, backend):
    """Guard (3370b8f): a count and a sum over the facts that overlap a week `w`, carried forward per week — the running
    week cut short where `until` becomes known (its end moves in place: what was carried is counted again) — against
    counting in full; facts whose own interval lies before, across or after their instant."""
    def at(minutes):
        return (MARCH + timedelta(minutes=minutes)).isoformat()
    facts = [{"id": "s", "type": "signed", "at": at(0)}]
    for k, (t, off, length, kind, x) in enumerate(pays):
        facts.append({"id": f"p{k}", "type": "paid", "at": at(t), "x": x, "kind": kind, "start": at(t + off),
                      "end": at(t + off + length)})
    if stop is not None:
        facts.append({"id": "z", "type": "stop", "at": at(stop)})
    assert _outcome(WEEKS_FAST, facts, at(as_of), backend) == _outcome(WEEKS_FULL, facts, at(as_of), backend)


# ---------------------------------------------------------------- a live session fed fact by fact, against eval

LIVE = SHAPES.replace('clause "1" "x" {', '''event notice "解除通知" { party: party "解除方" }
clause "2" "y" {
  remedy hq "小时内解除权" { holder 甲方 for each mark m where m.n == 1 exercise within 6 hours }
  remedy uq "至某时解除权" { holder 乙方 for each mark m where m.n == 2 exercise until m.at + 3 hours }
  termination tb "甲方解除" { for each notice n where n.party == 甲方 exercises hq held by 甲方 }
  termination ts "乙方解除" { for each notice n where n.party == 乙方 exercises uq held by 乙方 }
}
clause "1" "x" {''')
LIVE_RULES = compile_rules(HEAD % "" + LIVE, "r17.qy")


def _session_report(rules, facts, as_of, chunks):
    s = rules.session("<facts>")
    try:
        i = 0
        for c in chunks:
            if i >= len(facts):
                break
            s.add(_lines(facts[i:i + c]))
            i += c
            s.changes()
        if i < len(facts):
            s.add(_lines(facts[i:]))
        s.advance(as_of)
        return s.report()
    except QiyueError as exc:
        return ("error", str(exc))


NOTICE = st.tuples(st.just("notice"), _SLOT, st.just(False), st.sampled_from(["甲方", "乙方"]))


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(st.lists(st.one_of(FACT, NOTICE), max_size=9), st.integers(0, 9 * 1440), st.lists(st.integers(1, 3), max_size=9))
def test_a_session_fed_fact_by_fact_agrees_with_eval(evs, as_of, chunks):
    """Guard: the carried counts survive a session's calls (and its rebuilds); powers with a period of hours and one
    until an instant lapse where eval says they do."""
    facts = sorted(_build(MARCH, evs), key=lambda f: f["at"])
    at = (MARCH + timedelta(minutes=as_of)).isoformat()
    if facts and facts[-1]["at"] > at:
        at = facts[-1]["at"]
    want = _outcome(LIVE_RULES, facts, at)
    got = _session_report(LIVE_RULES, facts, at, chunks)
    if isinstance(want, tuple) or isinstance(got, tuple):
        assert isinstance(want, tuple) and isinstance(got, tuple)
    else:
        assert got == want


def test_a_day_alone_notice_names_the_same_later_facts_live_and_in_eval():
    """乙方's notice known by its day alone (03-02); a mark n 1 at 09:00 (甲方's power hq), a mark n 2 at 12:00 (乙方's
    power uq — the one 乙方's notice exercises if it came after 12:00).  eval: termination_hour_unknown naming f07 and
    f03; a session fed one fact per call names f07 alone — the mark that gives 乙方 the power is left out.  The session's
    report must be eval's (Session.report: 'what rules.evaluate(every line added, clock) returns')."""
    facts = [{"id": "n07", "type": "notice", "at": "2026-03-02", "party": "乙方"},
             {"id": "f07", "type": "mark", "at": "2026-03-02T09:00:00+08:00", "limit": "0.5", "n": 1},
             {"id": "f03", "type": "mark", "at": "2026-03-02T12:00:00+08:00", "limit": "0.5", "n": 2}]
    at = "2026-03-03T12:00:00+08:00"
    want = _outcome(LIVE_RULES, facts, at)
    assert [f["args"]["later"] for f in want["findings"] if f["code"] == "termination_hour_unknown"] == [["f07", "f03"]]
    assert _session_report(LIVE_RULES, facts, at, [1, 1, 1]) == want


# ---------------------------------------------------------------- a period to exercise a power in (45401b9, 2ebe17e)

POWER = '''event late "逾期" { days: int optional  cutoff: datetime optional }
event notice "解除通知" { party: party "解除方" }
clause "1" "解除" {
  remedy quick "逾期解除权" {
    holder 甲方
    for each late x
    %s
  }
  termination by_buyer "买方解除" {
    for each notice n where n.party == 甲方
    exercises quick held by 甲方
  }
}
'''
LATE = {"id": "x", "type": "late", "at": "2026-03-02T10:00:00+08:00", "days": 10, "cutoff": "2026-03-02T17:00:00+08:00"}


def _power(part, facts, as_of, fallback=""):
    return compile_rules(HEAD % fallback + POWER % part, "e.qy").evaluate(_lines(facts), as_of)


def _notice(at):
    return {"id": "n", "type": "notice", "at": at, "party": "甲方"}


@pytest.mark.parametrize("part", ["exercise within x.days days", "行使期限 x.days 日"])
def test_a_period_a_fact_gives(part):
    """docs §5: `exercise within DURATION`, where DURATION (§4, `within DURATION`) 'may be a fact's or a table's'; 2ebe17e
    handles `exercise within x.days days` of a fact without it — but the grammar took only a literal or a named
    duration: 此处不能写 “.”.  Hand count: x at Mon 03-02 10:00, 10 days from 03-03 → the 10th day Thu 03-12 (a working
    day, not moved) → a notice at 03-12 23:00 exercises the power; at 03-13 00:00 it had lapsed (第564条第1款)."""
    in_time = _power(part, [LATE, _notice("2026-03-12T23:00:00+08:00")], "2026-04-30")
    assert in_time["contract_life"]["ended_by"] == "by_buyer"
    late = _power(part, [LATE, _notice("2026-03-13T00:00:00+08:00")], "2026-04-30")
    [row] = late["remedies"]
    assert row["status"] == "lapsed" and any("第564条第1款" in b for b in row["because"])
    assert "termination_without_right" in [f["code"] for f in late["findings"]]


def test_a_period_a_fact_does_not_give_sets_none():
    """2ebe17e: x without days — no period is set, nothing runs out (docs: 'an instant not known as the power arises
    sets no end')."""
    facts = [{k: v for k, v in LATE.items() if k != "days"}]
    [row] = _power("exercise within x.days days", facts, "2027-06-30")["remedies"]
    assert row["status"] == "held"


@pytest.mark.parametrize("part, ends", [("exercise within 4 hours", "2026-03-02T14:00"),
                                        ("exercise until x.cutoff", "2026-03-02T17:00")], ids=["within", "until"])
def test_the_last_instant_of_a_period_of_hours_is_in_time(part, ends):
    """time-and-law.md, 'The end of a period is included' (民法典第1259条: 以内 includes the number): 4 hours from 10:00
    end at 14:00 and an act at 14:00:00 is in time, one at 14:00:01 late; `until x.cutoff` (17:00) likewise (as `due by`
    an instant that is not a day's end).  The power lapsed at 14:00 (17:00) before the notice of that instant was taken
    (termination_without_right)."""
    on_time = _power(part, [LATE, _notice(ends + ":00+08:00")], "2026-04-30")
    assert on_time["contract_life"]["ended_by"] == "by_buyer"
    assert [r["status"] for r in on_time["remedies"]] == ["exercised"]
    late = _power(part, [LATE, _notice(ends + ":01+08:00")], "2026-04-30")
    assert [r["status"] for r in late["remedies"]] == ["lapsed"]
    assert late["contract_life"]["ended"] is None
    # a report at the very instant: still held; a second later: lapsed
    assert [r["status"] for r in _power(part, [LATE], ends + ":00+08:00")["remedies"]] == ["held"]
    assert [r["status"] for r in _power(part, [LATE], ends + ":01+08:00")["remedies"]] == ["lapsed"]


def test_until_a_days_end_is_not_met_at_00_00_of_the_next_day():
    """Guard: `exercise until day_end(x.at)` ends at 24:00 of 03-02; a notice at 03-03 00:00 is on the next day — late;
    one at 23:59 is in time."""
    late = _power("exercise until day_end(x.at)", [LATE, _notice("2026-03-03T00:00:00+08:00")], "2026-04-30")
    assert [r["status"] for r in late["remedies"]] == ["lapsed"] and late["contract_life"]["ended"] is None
    ok = _power("exercise until day_end(x.at)", [LATE, _notice("2026-03-02T23:59:00+08:00")], "2026-04-30")
    assert ok["contract_life"]["ended_by"] == "by_buyer"


YEAR_END_LATE = {"id": "x", "type": "late", "at": "2026-12-28T10:00:00+08:00"}


def test_working_days_into_a_year_no_calendar_knows_do_not_leave_the_power_held_for_ever():
    """`exercise within 10 working days` from Mon 2026-12-28 10:00, `calendar fallback undetermined`: 12-29, 12-30,
    12-31 are the 1st–3rd working days; the 4th–10th fall in 2027, a year no calendar knows.  At the earliest (every day
    of 2027 a working day) the 10th is 01-07, ending 01-08 00:00.  The engine armed the lapse with a count that raised
    and then never looked again: on 2027-03-01 the power was reported 'held' — a definite verdict no calendar could
    give.  Right: held up to 01-07 24:00; from 01-08 00:00 undetermined, naming the agreed period (not 'a year')."""
    fb = " calendar fallback undetermined"
    part = "exercise within 10 working days"
    assert [r["status"] for r in _power(part, [YEAR_END_LATE], "2027-01-07T23:59:00+08:00", fb)["remedies"]] == ["held"]
    for as_of in ("2027-01-08T00:00:00+08:00", "2027-03-01"):
        report = _power(part, [YEAR_END_LATE], as_of, fb)
        [row] = report["remedies"]
        assert row["status"] == "undetermined", as_of
        assert "10个工作日" in row["because"][-1] and "一年" not in row["because"][-1]
        assert "calendar_year_unknown" in [f["code"] for f in report["findings"]]


def test_working_days_into_a_year_no_calendar_knows_stop_where_they_are_needed():
    """The default fallback stops the evaluation where 2027's calendar is needed — not before: on 2026-12-31 the power is
    certainly held (3 of 10 working days), as it is with `exercise within 10 days` (which needs the calendar only at its
    last day).  The engine stopped at once, on 12-28, for any instant asked."""
    part = "exercise within 10 working days"
    assert [r["status"] for r in _power(part, [YEAR_END_LATE], "2026-12-31")["remedies"]] == ["held"]
    with pytest.raises(QiyueError) as exc:
        _power(part, [YEAR_END_LATE], "2027-03-01")
    assert "2027" in str(exc.value)


def test_an_undetermined_agreed_period_is_not_called_a_year():
    """`exercise within 10 days` from 2026-12-28 10:00: the last day is 2027-01-07, and whether it moves off a rest day
    (第203条) needs 2027's calendar → undetermined.  The reason said '自…产生起一年的期间最早于 2027年1月8日0时 届满' — the
    year of 第564条第2款, which the agreed period replaces."""
    [row] = _power("exercise within 10 days", [YEAR_END_LATE], "2027-03-01", " calendar fallback undetermined")["remedies"]
    assert row["status"] == "undetermined"
    assert "10日" in row["because"][-1] and "一年" not in row["because"][-1] and "第564条第1款" in row["because"][-1]


def test_a_watch_names_the_agreed_period_not_the_year():
    """qiyue watch: the change for a power lapsed at the end of its agreed period said '解除权自产生起一年内未行使而消灭
    （民法典第564条第2款）' for a 4-hour period.  Right: the contract's period, 第564条第1款."""
    rules = compile_rules(HEAD % "" + POWER % "exercise within 4 hours", "e.qy")
    s = rules.session("<facts>")
    s.add(_lines([LATE]))
    s.advance("2026-03-02T15:00:00+08:00")
    [gone] = [c for c in s.changes() if c["code"] == "remedy_expired"]
    assert gone["at"].startswith("2026-03-02T14:00") and gone["after"] is True
    assert "第564条第1款" in gone["text"] and "一年" not in gone["text"]
    s2 = rules.session("<facts>")
    s2.add(_lines([LATE]))
    s2.advance("2026-03-02T15:00:00+08:00")
    [gone_en] = [c for c in s2.changes(lang="en") if c["code"] == "remedy_expired"]
    assert "period the contract gives" in gone_en["text"] and "for a year" not in gone_en["text"]


def test_the_years_lapse_keeps_its_words():
    """Guard: a power with no agreed period lapses after the year of 第564条第2款, worded so: from Mon 2025-03-03 10:00 the
    year's last day is Tue 2026-03-03 (a working day), so it lapses at 2026-03-04 00:00."""
    rules = compile_rules(HEAD % "" + POWER.replace("    %s\n", ""), "e.qy")
    s = rules.session("<facts>")
    s.add(_lines([{"id": "x", "type": "late", "at": "2025-03-03T10:00:00+08:00"}]))
    s.advance("2026-04-30")
    [gone] = [c for c in s.changes() if c["code"] == "remedy_expired"]
    assert gone["at"].startswith("2026-03-04T00:00")
    assert "一年" in gone["text"] and "第564条第2款" in gone["text"]
