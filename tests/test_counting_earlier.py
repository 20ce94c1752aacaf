"""`counting earlier` / `exclusively` (language §4.3, §4.4): which earlier fact performs a new duty.

Written against commit f78d943 (a new duty no longer walks every earlier fact: with `exclusively`
the consumed facts at the start of the pool are passed over once and for all, and the pool is the
shorter of the key's index and the facts that pass the where-clause's parts on the fact alone).  The
claim was that every report stays byte-identical; each case here is counted by hand from the
language doc, not taken from either engine.

The last case is a difference found between the old and the new engine: a deemed event whose moment
lies before the fact it was deemed from (`at s.signed_at`, signed before sent) is recorded after
later events, so the history of its kind is not in time order; the candidate loop of
``Evaluation.performed_already`` stops at the first candidate of another instant, so which facts lie
*between* two facts of one instant decides — and the new pool (the facts passing the pure parts)
leaves out other facts than the key's index does.  Fixed: a kind whose history received an event
earlier than one already recorded is marked (``Evaluation._late_types``) and searched whole, the
earliest fitting fact taken (of one instant, by content); both cases pass.
"""
from __future__ import annotations

import json

import pytest

from engine.api import compile_rules

RULES = """\
contract "CE-1" "含此前计数" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
event change "地址变更" {
  party: party "变更方"
  start: datetime optional "自何时起"
}
event notice "通知" {
  from: party "发件方"
  subject: text "事由"
}
event sent "发出" {
  from: party "发件方"
  subject: text "事由"
  signed_at: datetime optional "签收"
}
clause "1" "通知" {
  deemed delivered "送达" {
    for each sent s
    if present(s.signed_at): at s.signed_at "签收之时"
    otherwise: finding no_signature warning "无签收"
  }
  obligation tell "变更通知（仅抵一项）" {
    debtor c.party
    creditor other(c.party)
    for each change c
    fulfilled by notice n where n.from == c.party and n.subject != "other" counting earlier exclusively
    within 10 days
  }
  obligation tell_delivered "送达的变更通知（仅抵一项）" {
    debtor c.party
    creditor other(c.party)
    for each change c
    fulfilled by delivered n where n.from == c.party and n.subject != "other" counting earlier exclusively
    within 10 days
  }
}
"""

SINCE_RULES = """\
contract "CE-2" "含此前起自" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
event change "地址变更" {
  party: party "变更方"
  start: datetime "自何时起"
}
event notice "通知" {
  from: party "发件方"
  subject: text "事由"
}
clause "1" "通知" {
  obligation tell "变更通知" {
    debtor c.party
    creditor other(c.party)
    for each change c
    fulfilled by notice n where n.from == c.party and n.subject != "other" counting earlier since c.start
    within 10 days
  }
  obligation tell_any "变更通知（或答复）" {
    debtor c.party
    creditor other(c.party)
    for each change c
    fulfilled by notice n where n.from == c.party and n.subject == "addr" counting earlier exclusively
      or by notice m where m.from == other(c.party) and m.subject == "ack" counting earlier exclusively
    within 10 days
  }
}
"""

_compiled: dict = {}


def _rules(text):
    if text not in _compiled:
        _compiled[text] = compile_rules(text)
    return _compiled[text]


def _line(fid, etype, at, **attrs):
    return json.dumps({"id": fid, "type": etype, "at": at, **attrs}, ensure_ascii=False)


def _verdicts(report: dict, name: str) -> dict:
    """trigger id -> (status, the fact that performed it or None), for one obligation."""
    out = {}
    for o in report["obligations"]:
        if o["name"] != name or o["trigger"] is None:
            continue
        by = None
        for s in o["steps"]:
            if s["code"] in ("fulfilled", "performed_late", "undetermined_bare_day"):
                by = s["args"]["fact"]["id"]
        out[o["trigger"]] = (o["status"], by)
    return out


def _eval(text, lines, as_of):
    return _rules(text).evaluate(lines, as_of)


# --- several duties of one clause competing for the same earlier facts, with `exclusively` ------

COMPETING = [
    _line("n1", "notice", "2026-04-01T10:00:00+08:00", **{"from": "乙方", "subject": "addr"}),
    _line("n2", "notice", "2026-04-02T10:00:00+08:00", **{"from": "甲方", "subject": "addr"}),
    _line("n3", "notice", "2026-04-03T10:00:00+08:00", **{"from": "乙方", "subject": "other"}),
    _line("n4", "notice", "2026-04-04T10:00:00+08:00", **{"from": "乙方", "subject": "addr"}),
    _line("c1", "change", "2026-04-05T10:00:00+08:00", party="乙方"),
    _line("c2", "change", "2026-04-06T10:00:00+08:00", party="甲方"),
    _line("c3", "change", "2026-04-07T10:00:00+08:00", party="乙方"),
    _line("c4", "change", "2026-04-08T10:00:00+08:00", party="乙方"),
    _line("c5", "change", "2026-04-09T10:00:00+08:00", party="甲方"),
]


def test_exclusive_duties_take_the_oldest_unused_earlier_fact():
    # c1 (乙方) takes n1, the oldest; c2 (甲方) n2; c3 (乙方) n4 (n1 used, n3 is "other"); c4 and c5
    # find none left: violated by 31 May.
    v = _verdicts(_eval(RULES, COMPETING, "2026-05-31"), "tell")
    assert v == {"c1": ("fulfilled", "n1"), "c2": ("fulfilled", "n2"), "c3": ("fulfilled", "n4"),
                 "c4": ("violated", None), "c5": ("violated", None)}


def test_a_later_fact_goes_to_the_oldest_waiting_duty_and_the_next_duty_skips_it():
    # c4 and c5 wait; n5 (乙方) performs c4 — the only 乙方 duty open; n6 (甲方) performs c5;
    # c6 (乙方) then finds n1, n4, n5 used and takes n7, the one 乙方 "addr" notice left.
    lines = COMPETING + [
        _line("n5", "notice", "2026-04-10T10:00:00+08:00", **{"from": "乙方", "subject": "addr"}),
        _line("n6", "notice", "2026-04-11T10:00:00+08:00", **{"from": "甲方", "subject": "x"}),
        _line("n7", "notice", "2026-04-12T10:00:00+08:00", **{"from": "乙方", "subject": "late"}),
        _line("c6", "change", "2026-04-13T10:00:00+08:00", party="乙方"),
        _line("c7", "change", "2026-04-14T10:00:00+08:00", party="乙方"),
    ]
    v = _verdicts(_eval(RULES, lines, "2026-05-31"), "tell")
    assert v == {"c1": ("fulfilled", "n1"), "c2": ("fulfilled", "n2"), "c3": ("fulfilled", "n4"),
                 "c4": ("fulfilled", "n5"), "c5": ("fulfilled", "n6"), "c6": ("fulfilled", "n7"),
                 "c7": ("violated", None)}


def test_several_instants_of_one_replay():
    # At 8 April 12:00 c4 is running.  10 days from 8 April end on Saturday 18 April, from 9 April on
    # Sunday 19 April: both moved to Monday 20 April (第203条) — running at 20 April 12:00, violated
    # from 21 April 00:00.
    reps = _rules(RULES).evaluate_many(COMPETING, ["2026-04-08T12:00:00+08:00", "2026-04-20T12:00:00+08:00",
                                                   "2026-04-21"])
    first, second, third = (_verdicts(r, "tell") for r in reps)
    assert first == {"c1": ("fulfilled", "n1"), "c2": ("fulfilled", "n2"), "c3": ("fulfilled", "n4"),
                     "c4": ("active", None)}
    assert second["c4"] == second["c5"] == ("active", None)
    assert third["c4"] == third["c5"] == ("violated", None)
    assert reps[2] == _eval(RULES, COMPETING, "2026-04-21")


def test_the_pool_grows_past_the_key_and_back():
    # Many 乙方 "other" notices (the key's list grows long, the pure-part list stays short), then many
    # 甲方 "addr" notices (the pure-part list grows longer than 乙方's key list): each duty still
    # takes its party's oldest unused notice.
    lines = [_line(f"o{i:02}", "notice", f"2026-03-01T{8 + i // 6:02}:{i % 6 * 10:02}:00+08:00",
                   **{"from": "乙方", "subject": "other"}) for i in range(12)]
    lines += [_line("b1", "notice", "2026-03-02T10:00:00+08:00", **{"from": "乙方", "subject": "addr"}),
              _line("x1", "change", "2026-03-03T10:00:00+08:00", party="乙方")]
    lines += [_line(f"a{i:02}", "notice", f"2026-03-04T{8 + i // 6:02}:{i % 6 * 10:02}:00+08:00",
                    **{"from": "甲方", "subject": "addr"}) for i in range(20)]
    lines += [_line("b2", "notice", "2026-03-05T10:00:00+08:00", **{"from": "乙方", "subject": "addr"}),
              _line("x2", "change", "2026-03-06T10:00:00+08:00", party="甲方"),
              _line("x3", "change", "2026-03-06T11:00:00+08:00", party="乙方"),
              _line("x4", "change", "2026-03-06T12:00:00+08:00", party="甲方"),
              _line("x5", "change", "2026-03-06T13:00:00+08:00", party="乙方")]
    v = _verdicts(_eval(RULES, lines, "2026-03-10"), "tell")
    assert v == {"x1": ("fulfilled", "b1"), "x2": ("fulfilled", "a00"), "x3": ("fulfilled", "b2"),
                 "x4": ("fulfilled", "a01"), "x5": ("active", None)}


def test_facts_of_one_instant_go_by_content_not_by_id_or_listing():
    # n-1 and n-2 at the very same instant: the first duty takes the one that says less ("aa" < "zz"),
    # whatever their ids and the order they are listed in (§4.3: simultaneous).
    for order in (1, -1):
        lines = [_line("n-1", "notice", "2026-04-01T10:00:00+08:00", **{"from": "乙方", "subject": "zz"}),
                 _line("n-2", "notice", "2026-04-01T10:00:00+08:00", **{"from": "乙方", "subject": "aa"})][::order]
        lines += [_line("c1", "change", "2026-04-02T10:00:00+08:00", party="乙方"),
                  _line("c2", "change", "2026-04-03T10:00:00+08:00", party="乙方")]
        v = _verdicts(_eval(RULES, lines, "2026-05-31"), "tell")
        assert v == {"c1": ("fulfilled", "n-2"), "c2": ("fulfilled", "n-1")}


def test_a_fact_given_by_its_day_alone_counts_as_earlier():
    # "at": "2026-04-10" — some time that day; `counting earlier` takes any earlier fact, so the
    # change at 15:00 of the same day is performed by it either way; the second change has none left.
    lines = [_line("n1", "notice", "2026-04-10", **{"from": "乙方", "subject": "addr"}),
             _line("c1", "change", "2026-04-10T15:00:00+08:00", party="乙方"),
             _line("c2", "change", "2026-04-11T15:00:00+08:00", party="乙方")]
    v = _verdicts(_eval(RULES, lines, "2026-05-31"), "tell")
    assert v == {"c1": ("fulfilled", "n1"), "c2": ("violated", None)}


def test_counting_earlier_since():
    # tell (not exclusive, since c.start): c1 from 3 April takes n2 (n1 of 1 April is before it);
    # c2 from 1 April takes n1 too (one fact, several duties); c3 from 5 April finds nothing earlier.
    lines = [_line("n1", "notice", "2026-04-01T10:00:00+08:00", **{"from": "乙方", "subject": "addr"}),
             _line("n0", "notice", "2026-04-02T10:00:00+08:00", **{"from": "乙方", "subject": "other"}),
             _line("n2", "notice", "2026-04-04T10:00:00+08:00", **{"from": "乙方", "subject": "addr"}),
             _line("c1", "change", "2026-04-06T10:00:00+08:00", party="乙方", start="2026-04-03T00:00:00+08:00"),
             _line("c2", "change", "2026-04-06T11:00:00+08:00", party="乙方", start="2026-04-01T00:00:00+08:00"),
             _line("c3", "change", "2026-04-06T12:00:00+08:00", party="乙方", start="2026-04-05T00:00:00+08:00")]
    v = _verdicts(_eval(SINCE_RULES, lines, "2026-05-31"), "tell")
    assert v == {"c1": ("fulfilled", "n2"), "c2": ("fulfilled", "n1"), "c3": ("violated", None)}


def test_or_by_ways_share_the_clause_exclusively():
    # tell_any: c1 (乙方) takes n1 (its own "addr"); c2 (乙方): no "addr" notice left, takes the 甲方
    # "ack" a1 by the second way; c3 (乙方) none left of either way.
    lines = [_line("n1", "notice", "2026-04-01T10:00:00+08:00", **{"from": "乙方", "subject": "addr"}),
             _line("a1", "notice", "2026-04-02T10:00:00+08:00", **{"from": "甲方", "subject": "ack"}),
             _line("c1", "change", "2026-04-06T10:00:00+08:00", party="乙方", start="2026-04-01T00:00:00+08:00"),
             _line("c2", "change", "2026-04-06T11:00:00+08:00", party="乙方", start="2026-04-01T00:00:00+08:00"),
             _line("c3", "change", "2026-04-06T12:00:00+08:00", party="乙方", start="2026-04-01T00:00:00+08:00")]
    v = _verdicts(_eval(SINCE_RULES, lines, "2026-05-31"), "tell_any")
    assert v == {"c1": ("fulfilled", "n1"), "c2": ("fulfilled", "a1"), "c3": ("violated", None)}


# --- deemed events recorded out of time order (signed before sent) -------------------------------

def _sent(fid, at, frm, subject, signed):
    return _line(fid, "sent", at, **{"from": frm, "subject": subject, "signed_at": signed})


def test_deemed_events_of_one_instant_recorded_apart_go_by_content():
    # delivered:z-1 and delivered:a-3 are both deemed at 08:00 (signed then, sent later); between them
    # the history holds delivered:m-2 at 09:00 ("other": it fails the pure part).  Of the two of one
    # instant the duty takes the one that says less: attribute source "a-3" < "z-1".
    lines = [_sent("z-1", "2026-04-10T10:00:00+08:00", "乙方", "addr", "2026-04-10T08:00:00+08:00"),
             _sent("m-2", "2026-04-10T11:00:00+08:00", "乙方", "other", "2026-04-10T09:00:00+08:00"),
             _sent("a-3", "2026-04-10T12:00:00+08:00", "乙方", "addr", "2026-04-10T08:00:00+08:00"),
             _line("c-1", "change", "2026-04-10T13:00:00+08:00", party="乙方")]
    v = _verdicts(_eval(RULES, lines, "2026-05-31"), "tell_delivered")
    assert v == {"c-1": ("fulfilled", "delivered:a-3")}


def test_deemed_events_of_one_instant_with_another_partys_event_between():
    # As above, but the 09:00 event between the two 08:00 ones is 甲方's (it passes the pure part
    # n.subject != "other" but not the key n.from == c.party), and two 乙方 "other" events earlier make
    # 乙方's key list (4) longer than the pure-part list (3).  Per §4.3 the answer is the same: a-3.
    lines = [_sent("w-1", "2026-04-10T07:00:00+08:00", "乙方", "other", "2026-04-10T07:00:00+08:00"),
             _sent("w-2", "2026-04-10T07:30:00+08:00", "乙方", "other", "2026-04-10T07:30:00+08:00"),
             _sent("z-1", "2026-04-10T10:00:00+08:00", "乙方", "addr", "2026-04-10T08:00:00+08:00"),
             _sent("m-2", "2026-04-10T11:00:00+08:00", "甲方", "addr", "2026-04-10T09:00:00+08:00"),
             _sent("a-3", "2026-04-10T12:00:00+08:00", "乙方", "addr", "2026-04-10T08:00:00+08:00"),
             _line("c-1", "change", "2026-04-10T13:00:00+08:00", party="乙方")]
    v = _verdicts(_eval(RULES, lines, "2026-05-31"), "tell_delivered")
    assert v == {"c-1": ("fulfilled", "delivered:a-3")}
