"""A fact's instant compared with a period's bounds — alone or in a join of two facts —, and a yes/no
parameter computed from state, on the Rete (issue 14).

`for each incident i where i.at >= window.start and i.at < window.end`: the period's bounds are the
replay's own count (anchors, calendars), so the session holds one fact per period with its bounds as
counted now, and a line that reads one is decided when qiyue's replay matches the fact — by a probe of
the fact asserted then — not when it is recorded (a fact of the same instant can move the period between
the two).  A parameter computed from state (`not settled`) is carried by the probe in the same way, its
value as the replay computes it then.  `x.at.day` is the day the instant counts as.  Each case is counted by hand from the rule file
below and the official calendar (2026: 1–3 January a holiday, Sunday 4 January a make-up working day),
and both backends must give the same report.
"""
from __future__ import annotations

import json

import pytest

from engine.live import available as durable_available
from seedfacts import backends_agree_on_generated_streams, compiled_rules, on_both_backends, triggers

RULES = """\
contract "P-1" "期间测试合同" { calendar official calendar fallback undetermined }
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
event started "开始"
event restarted "重新开始"
event incident "故障" { level: text optional "级别" }
event closed "关闭"
event done "完成"
event reply "答复" { ref: ref (incident) "所答复的故障" }
param anchor "起点" = if exists(restarted) then first(restarted).at otherwise first(started).at
param settled "已了结" = any of (exists(closed), exists(restarted r where r.at >= span.end))
clause "1" "期间" {
  period window "窗口期" = 10 days as term after anchor
  period span "工作日窗口" = 3 working days after first(started)
  obligation inside "窗口期内的高级别故障" {
    debtor 乙方
    creditor 甲方
    for each incident i where i.level == "high" and i.at >= window.start and i.at < window.end
    fulfilled by done d
    within 3 days
  }
  obligation open_or_inside "未关闭或在窗口期内" {
    debtor 乙方
    creditor 甲方
    for each incident i where not exists(closed) or i.at <= window.end
    fulfilled by done d
    within 3 days
  }
  obligation from_day "某日起的故障" {
    debtor 乙方
    creditor 甲方
    for each incident i where i.at.day >= 2026-01-05 and i.at.day < 2026-01-07
    fulfilled by done d
    within 3 days
  }
  obligation unsettled "了结之前的故障" {
    debtor 乙方
    creditor 甲方
    for each incident i where i.level == "low" and not settled
    fulfilled by done d
    within 3 days
  }
  obligation late_reply "窗口期内故障的迟延答复" {
    debtor 乙方
    creditor 甲方
    for each reply p, incident i where p.ref == i.id and i.at < window.end and p.at - i.at > 2 hours
    fulfilled by done d
    within 3 days
  }
  obligation reply_in_span "工作日窗口内的答复" {
    debtor 乙方
    creditor 甲方
    for each incident i, reply p where p.ref == i.id and p.at < span.end
    fulfilled by done d
    within 3 days
  }
  obligation in_span "工作日窗口内" {
    debtor 乙方
    creditor 甲方
    for each incident i where i.at < span.end
    fulfilled by done d
    within 3 days
  }
}
"""


def fact(i, t, at, **attrs):
    return json.dumps({"id": i, "type": t, "at": at, **attrs}, ensure_ascii=False)


def high(i, at):
    return fact(i, "incident", at, level="high")


@pytest.fixture(scope="module")
def rules():
    with compiled_rules(RULES, "p.qy") as c:
        yield c


# started 2026-01-01 10:00: window from that instant, 10 days as a term from the next day (2–11 January),
# ending at 24:00 of 11 January (2026-01-12T00:00); span: 3 working days from the next day — 2 and 3
# January are holidays, Sunday the 4th is a make-up working day (1), then the 5th (2) and the 6th (3) —
# ending at 24:00 of 6 January (2026-01-07T00:00)
CASES = {
    "each bound to the second": (
        [fact("s", "started", "2026-01-01T10:00:00+08:00"),
         high("a", "2026-01-01T09:59:59+08:00"),  # before the start: no period yet, no window, no span
         high("b", "2026-01-01T10:00:00+08:00"),  # the start itself: inside (>=)
         high("c", "2026-01-06T23:59:59+08:00"),  # the span's last second
         high("d", "2026-01-07T00:00:00+08:00"),  # the span's end: outside (<)
         high("e", "2026-01-11T23:59:59+08:00"),  # the window's last second
         high("f", "2026-01-12T00:00:00+08:00")],  # the window's end: outside (<); inside for `<=`
        {"inside": ["b", "c", "d", "e"], "open_or_inside": ["a", "b", "c", "d", "e", "f"], "from_day": ["c"],
         "in_span": ["b", "c"]}, []),
    "no period yet: a comparison with it fails, its negation's other side decides": (
        [fact("k", "closed", "2025-12-01T10:00:00+08:00"), high("a", "2025-12-02T10:00:00+08:00")],
        {}, []),
    "the start at the incident's instant, listed after it": (
        [high("b", "2026-01-01T10:00:00+08:00"), fact("s", "started", "2026-01-01T10:00:00+08:00")],
        {"inside": ["b"], "open_or_inside": ["b"], "in_span": ["b"]}, []),
    "the window moves with its anchor": (
        # a restart on 20 January 08:00 moves the window to 20 January 08:00 – 24:00 of 30 January
        [fact("s", "started", "2026-01-01T10:00:00+08:00"), fact("k", "closed", "2026-01-02T10:00:00+08:00"),
         high("a", "2026-01-05T10:00:00+08:00"),  # in the first window
         high("b", "2026-01-19T10:00:00+08:00"),  # between the windows
         fact("r", "restarted", "2026-01-20T08:00:00+08:00"),
         high("c", "2026-01-20T08:00:00+08:00"),  # the restart's own instant
         high("d", "2026-01-30T23:59:59+08:00"),
         high("e", "2026-01-31T00:00:00+08:00"),  # the second window's end: `<=` only
         high("f", "2026-01-31T00:00:01+08:00")],
        {"inside": ["a", "c", "d"], "open_or_inside": ["a", "c", "d", "e"], "from_day": ["a"], "in_span": ["a"]},
        []),
    "the day an instant counts as, a day alone included": (
        [fact("a", "incident", "2026-01-04T23:59:59+08:00"), fact("b", "incident", "2026-01-05T00:00:00+08:00"),
         fact("c", "incident", "2026-01-06"), fact("d", "incident", "2026-01-07T00:00:00+08:00")],
        {"open_or_inside": ["a", "b", "c", "d"], "from_day": ["b", "c"]}, []),
    "a span into a year no calendar knows: the reference's finding, no match": (
        # started 30 December 2026: the span's 3 working days reach 2027, which the calendar does not know
        # (the window, a term, needs no calendar: the incident is inside it — its duty's 3 days end in 2027)
        [fact("s", "started", "2026-12-30T10:00:00+08:00"), high("a", "2026-12-31T08:00:00+08:00")],
        {"inside": ["a"], "open_or_inside": ["a"]}, ["calendar_year_unknown"]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_counted_by_hand(rules, name):
    facts, expected, codes = CASES[name]
    report = on_both_backends(rules, facts, "2027-03-01")
    assert triggers(report) == expected
    assert [f["code"] for f in report["findings"]] == codes


def test_a_parameter_computed_from_state_as_the_replay_has_it_when_it_matches(rules):
    # settled: once a `closed` fact, or a restart at or after the span's end (24:00 of 6 January), was recorded
    facts = [fact("s", "started", "2026-01-01T10:00:00+08:00"),
             fact("a", "incident", "2026-01-05T10:00:00+08:00", level="low"),  # nothing settled yet
             fact("r", "restarted", "2026-01-07T00:00:00+08:00"),  # at the span's end: settled
             fact("b", "incident", "2026-01-07T00:00:00+08:00", level="low")]  # the same instant: settled
    assert triggers(on_both_backends(rules, facts, "2027-03-01")).get("unsettled") == ["a"]
    facts = [fact("s", "started", "2026-01-01T10:00:00+08:00"),
             fact("r", "restarted", "2026-01-06T23:59:59+08:00"),  # before the end: not settled by it
             fact("a", "incident", "2026-01-07T00:00:00+08:00", level="low"),
             fact("b", "incident", "2026-01-13T00:00:00+08:00", level="low"),  # the listing's order, then:
             fact("k", "closed", "2026-01-13T00:00:00+08:00")]  # all of an instant recorded first: settled
    assert triggers(on_both_backends(rules, facts, "2027-03-01")).get("unsettled") == ["a"]


def reply(i, at, ref):
    return fact(i, "reply", at, ref=ref)


# joins: a reply and its incident, the period's bounds as the replay counts them when it matches the later
# of the two (window: to 24:00 of 11 January; span: to 24:00 of 6 January)
JOINS = {
    "to the second, both ways round": (
        [fact("s", "started", "2026-01-01T10:00:00+08:00"),
         fact("i1", "incident", "2026-01-05T10:00:00+08:00"),
         reply("p1", "2026-01-05T12:00:00+08:00", "i1"),  # exactly 2 hours: not more than 2 hours
         reply("p2", "2026-01-05T12:00:01+08:00", "i1"),
         fact("i2", "incident", "2026-01-11T23:00:00+08:00"),  # inside the window, its reply after it
         reply("p3", "2026-01-12T02:00:00+08:00", "i2"),
         fact("i3", "incident", "2026-01-12T00:00:00+08:00"),  # the window's end: outside
         reply("p4", "2026-01-12T03:00:00+08:00", "i3")],
        {"late_reply": ["p2", "p3"], "reply_in_span": ["p1", "p2"]}),
    "the period unknown at the incident, known at its reply": (
        [fact("i0", "incident", "2025-12-31T10:00:00+08:00"), fact("s", "started", "2026-01-01T10:00:00+08:00"),
         reply("p0", "2026-01-01T11:00:00+08:00", "i0")],
        {"late_reply": ["p0"], "reply_in_span": ["p0"]}),
    "the reply listed first, then its incident, at one instant": (
        # (facts of one instant are taken in the order of their ids: the pair is found at p, the later;
        # no time between them, so no late reply)
        [fact("s", "started", "2026-01-01T10:00:00+08:00"), reply("p", "2026-01-02T10:00:00+08:00", "i"),
         fact("i", "incident", "2026-01-02T10:00:00+08:00")],
        {"reply_in_span": ["p"]}),
    "a reply before its incident (a later fact completes the pair)": (
        [fact("s", "started", "2026-01-01T10:00:00+08:00"), reply("p", "2026-01-02T10:00:00+08:00", "i"),
         fact("i", "incident", "2026-01-02T11:00:00+08:00")],
        {"reply_in_span": ["i"]}),
}


@pytest.mark.parametrize("name", list(JOINS))
def test_joins_counted_by_hand(rules, name):
    facts, expected = JOINS[name]
    got = triggers(on_both_backends(rules, facts, "2027-03-01"))
    assert {k: v for k, v in got.items() if k in ("late_reply", "reply_in_span")} == expected


@pytest.mark.skipif(not durable_available(), reason="durable_rules not installed (the [live] extra)")
def test_every_line_runs_on_the_rete(rules):
    from engine.live.backend import plan
    assert {d["rule"]: d["runs_on"] for d in plan(rules).describe()} == {
        "inside": "rete", "open_or_inside": "rete", "from_day": "rete", "unsettled": "rete", "late_reply": "rete",
        "reply_in_span": "rete", "in_span": "rete"}


@pytest.mark.skipif(not durable_available(), reason="durable_rules not installed (the [live] extra)")
def test_the_backends_agree_on_generated_streams(rules):
    backends_agree_on_generated_streams(rules, max_examples=150, max_facts=12)


MORE = """\
contract "P-2" "期间测试合同二" { calendar official calendar fallback undetermined }
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
event started "开始"
event incident "故障"
event closed "关闭"
event done "完成"
event reply "答复" { ref: ref (incident) "所答复的故障" }
param settled "已了结" = exists(closed)
clause "1" "期间" {
  period window "窗口期" = 10 days as term after first(started).at
  period span "工作日窗口" = 3 working days after first(started)
  obligation outside "窗口期外（或窗口期未定）的故障" {
    debtor 乙方
    creditor 甲方
    for each incident i where not (i.at < window.end)
    fulfilled by done d
    within 3 days
  }
  obligation before_last "工作日窗口最后一日之前的故障" {
    debtor 乙方
    creditor 甲方
    for each incident i where i.at < span.last_day
    fulfilled by done d
    within 3 days
  }
  obligation from_jan5 "1月5日起的故障" {
    debtor 乙方
    creditor 甲方
    for each incident i where i.at >= 2026-01-05
    fulfilled by done d
    within 3 days
  }
  obligation unsettled_reply "了结之前的答复" {
    debtor 乙方
    creditor 甲方
    for each reply p, incident i where p.ref == i.id and not settled
    fulfilled by done d
    within 3 days
  }
}
"""


def test_a_negated_bound_a_last_day_a_day_and_a_parameter_in_a_join():
    """`not (i.at < window.end)` holds while the window is unknown (as qiyue's negation of a comparison with
    an unknown value); `i.at < span.last_day` compares with the instant the last day begins (span: 3 working
    days from 2 January — the 4th, a make-up working day, the 5th and the 6th: last day the 6th); `i.at >=
    2026-01-05` with 00:00 of that day; `not settled` in a join, on the probe.  Started 1 January 10:00; the
    window ends at 24:00 of 11 January."""
    from engine.live.backend import plan
    with compiled_rules(MORE, "p2.qy") as c:
        if durable_available():
            assert {d["runs_on"] for d in plan(c).describe()} == {"rete"}
        facts = [fact("a", "incident", "2025-12-31T10:00:00+08:00"),  # before the start: no window yet
                 fact("s", "started", "2026-01-01T10:00:00+08:00"),
                 fact("e", "incident", "2026-01-04"),  # a day alone: 00:00 of the 4th
                 fact("b", "incident", "2026-01-05T23:59:59+08:00"),
                 reply("p1", "2026-01-05T23:59:59+08:00", "b"),
                 fact("c", "incident", "2026-01-06T00:00:00+08:00"),  # the last day's first instant
                 fact("k", "closed", "2026-01-07T10:00:00+08:00"),
                 reply("p2", "2026-01-08T10:00:00+08:00", "c"),  # settled by then
                 fact("d", "incident", "2026-01-12T00:00:00+08:00")]  # the window's end: outside it
        got = {k: sorted(v) for k, v in triggers(on_both_backends(c, facts, "2026-03-01")).items()}
        assert got == {"outside": ["a", "d"], "before_last": ["b", "e"], "from_jan5": ["b", "c", "d"],
                       "unsettled_reply": ["p1"]}
