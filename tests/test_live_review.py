"""Cases a reviewer of the probes, joins and derived values found (issue 14): each gave a report on the durable
backend other than the reference's.  Each is kept with the reference's verdict, checked by hand, and both
backends must now give the very same report.

- a line with `exists( )` whose period or parameter could not be counted for the fact (a year no calendar
  knows, a parameter neither yes nor no — through another line on the same kind of fact): qiyue's for
  that fact, not decided with the part false;
- a join on a probe reading a yes/no parameter: the probe carries it;
- a parameter or period that fails to compute (division by zero, a year past 9999) where the reference never
  reads it (it stops at an earlier false part): no error;
- durable_rules completing a join once for each true side of an `or`: one duty;
- two properties of one probe with one 32-bit hash, from two lines; an attribute named `at__day`: the
  lines qiyue's, with the reason;
- an instant computed from one fact of a join (`p.at == (if … then i.at otherwise i.at)`).
"""
from __future__ import annotations

import json

import pytest

from engine.api import compile_rules
from engine.live import available as durable_available
from seedfacts import compiled_rules, on_both_backends, triggers

HEAD = """contract "P-1" "t" { calendar official calendar fallback undetermined }
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
event done "d"
"""


def ob(name, cond):
    return f"""  obligation {name} "{name}" {{
    debtor 乙方
    creditor 甲方
    for each {cond}
    fulfilled by done d
    within 3 days
  }}
"""


def rules_text(events, params, periods, lines):
    return HEAD + events + params + 'clause "1" "c" {\n' + periods + "".join(ob(n, c) for n, c in lines) + "}\n"


def fact(i, t, at, **attrs):
    return json.dumps({"id": i, "type": t, "at": at, **attrs}, ensure_ascii=False)


INCIDENT = 'event incident "i" { level: text optional "l"  n: int optional "n" }\n'
REPLY = 'event reply "r" { ref: ref (incident) "x"  level: text optional "l"  n: int optional "n" }\n'
SPAN = '  period span "sp" = 3 working days after first(started)\n'
WINDOW = '  period window "w" = 10 days as term after first(started).at\n'

# (name, events, params, periods, lines, facts, as_of, triggers by line, finding codes)
CASES = [
    ("a parameter neither yes nor no, read by another line: the line with exists( ) is qiyue's",
     'event started "s" { ok: bool optional "ok" }\nevent closed "c"\n' + INCIDENT, 'param flag "f" = first(started).ok\n',
     WINDOW, [("a", 'incident i where i.level == "zzz" and flag'),
              ("b", "incident i where exists(closed) and i.at < window.end")],
     [fact("s", "started", "2026-01-01T10:00:00+08:00"), fact("k", "closed", "2026-01-01T11:00:00+08:00"),
      fact("i1", "incident", "2026-01-02T08:00:00+08:00")], "2026-03-01", {"b": ["i1"]}, []),
    ("a year no calendar knows, through another line's span",
     'event started "s"\nevent closed "c"\n' + INCIDENT, "", SPAN + WINDOW,
     [("a", 'incident i where i.level == "zzz" and i.at < span.end'),
      ("b", "incident i where exists(closed) and i.at < window.end")],
     [fact("s", "started", "2026-12-30T10:00:00+08:00"), fact("k", "closed", "2026-12-30T11:00:00+08:00"),
      fact("i1", "incident", "2026-12-31T08:00:00+08:00")], "2027-03-01", {"b": ["i1"]}, ["calendar_year_unknown"]),
    ("a negated comparison with a span into a year no calendar knows",
     'event started "s"\nevent closed "c"\n' + INCIDENT, "", SPAN,
     [("a", "incident i where exists(closed) and not (i.at < span.end)"),
      ("b", "incident i where not exists(closed) or i.at < span.end")],
     [fact("s", "started", "2026-12-30T10:00:00+08:00"), fact("k", "closed", "2026-12-30T11:00:00+08:00"),
      fact("i1", "incident", "2026-12-31T08:00:00+08:00")], "2027-03-01", {}, ["calendar_year_unknown"]),
    ("a join on a probe reading a yes/no parameter",
     'event started "s"\nevent closed "c"\n' + INCIDENT + REPLY, 'param settled "st" = exists(closed)\n', WINDOW,
     [("a", "reply p, incident i where p.ref == i.id and p.at < window.end and not settled")],
     [fact("s", "started", "2026-01-01T10:00:00+08:00"), fact("i1", "incident", "2026-01-05T10:00:00+08:00"),
      fact("p1", "reply", "2026-01-06T10:00:00+08:00", ref="i1"),
      fact("p2", "reply", "2026-01-06T11:00:00+08:00", ref="i2"),
      fact("i2", "incident", "2026-01-06T12:00:00+08:00")], "2026-03-01", {"a": ["p1", "i2"]},
     ["ref_to_later_fact"]),  # (p2 names i2, which comes after it: said — the join is found all the same)
    ("a parameter dividing by zero that the reference never reads",
     'event closed "c"\n' + INCIDENT, 'param weird "w" = 100 / count(closed) > 5\n', "",
     [("a", 'incident i where i.level == "low" and not weird')],
     [fact("i0", "incident", "2026-01-05T10:00:00+08:00", level="high")], "2026-03-01", {}, []),
    ("a period ending past the year 9999 that the reference never reads",
     'event started "s"\n' + INCIDENT, "", '  period window "w" = 999 years after first(started).at + 999 years\n',
     [("a", 'incident i where i.level == "zzz" and i.at < window.end')],
     [fact("s", "started", "8500-01-01T10:00:00+08:00"), fact("i1", "incident", "8500-01-05T10:00:00+08:00",
                                                             level="low")], "8500-03-01", {}, []),
    ("an `or` with both sides true on a join on a probe: one duty",
     'event started "s"\n' + INCIDENT + REPLY, "", '  period window "w" = 3 days as term after first(started).at\n',
     [("f", 'reply p, incident i where p.ref == i.id and i.at < window.end and (p.level == "x" or p.n > 1)'),
      ("g", 'reply p, incident i where p.ref == i.id and i.at < window.end and (i.level == "x" or i.n > 1)')],
     [fact("s", "started", "2026-01-01T11:00:00+08:00"),
      fact("r6", "reply", "2026-01-01T12:00:00+08:00", level="x", n=3, ref="i2"),
      fact("i2", "incident", "2026-01-02T10:00:00+08:00", level="x", n=3)], "2026-03-01",
     {"f": ["i2"], "g": ["i2"]}, ["ref_to_later_fact"]),  # (r6 names i2, which comes after it)
    ("an `or` with both sides true on a join of facts: one duty",
     INCIDENT + REPLY, "", "",
     [("f", 'incident i, reply p where p.ref == i.id and (i.level == "x" or i.n > 1)'),
      ("g", 'incident i, reply p where (i.level == "x" or i.n > 1) and p.ref == i.id and p.at - i.at > 1 hours')],
     [fact("i2", "incident", "2026-01-02T10:00:00+08:00", level="x", n=3),
      fact("r6", "reply", "2026-01-02T12:00:00+08:00", level="x", n=3, ref="i2")], "2026-03-01",
     {"f": ["r6"], "g": ["r6"]}, []),
    ("an instant computed from one fact of a join",
     INCIDENT + REPLY, "", "",
     [("f", "incident i, reply p where p.ref == i.id and p.at == (if i.n > 1 then i.at otherwise i.at)")],
     [fact("i2", "incident", "2026-01-02T10:00:00+08:00", level="x", n=3),
      fact("r6", "reply", "2026-01-02T10:00:00+08:00", level="x", n=3, ref="i2")], "2026-03-01", {"f": ["r6"]}, []),
    ("two probe properties of one 32-bit hash, from two lines (found by brute force)",
     'event started "s"\nevent closed "c"\n' + INCIDENT, 'param q6937 "st" = exists(closed)\n',
     '  period w228304 "w" = 10 days as term after first(started).at\n',
     [("a", "incident i where i.at < w228304.end"), ("b", 'incident i where i.level == "low" and not q6937')],
     [fact("s", "started", "2026-01-01T10:00:00+08:00"), fact("i1", "incident", "2026-01-05T10:00:00+08:00", level="low"),
      fact("k", "closed", "2026-01-06T10:00:00+08:00"), fact("i2", "incident", "2026-01-07T10:00:00+08:00", level="low"),
      fact("i3", "incident", "2026-01-17T10:00:00+08:00", level="low")], "2026-03-01",
     {"a": ["i1", "i2"], "b": ["i1"]}, []),
    ("an attribute named at__day",
     'event incident "i" { at__day: int optional "l" }\n', "", "",
     [("a", "incident i where i.at.day >= 2026-01-05"), ("b", "incident i where i.at__day == 5")],
     [fact("i1", "incident", "2026-01-06T10:00:00+08:00", at__day=5),
      fact("i2", "incident", "2026-01-03T10:00:00+08:00", at__day=800000)], "2026-03-01",
     {"a": ["i1"], "b": ["i1"]}, []),
]


@pytest.mark.parametrize("name,events,params,periods,lines,facts,as_of,expected,codes", CASES,
                         ids=[c[0] for c in CASES])
def test_the_reference_verdict_on_both_backends(name, events, params, periods, lines, facts, as_of, expected, codes):
    with compiled_rules(rules_text(events, params, periods, lines), "x.qy") as c:
        report = on_both_backends(c, facts, as_of)
    assert triggers(report) == expected
    assert [f["code"] for f in report["findings"]] == codes


@pytest.mark.skipif(not durable_available(), reason="durable_rules not installed (the [live] extra)")
def test_a_hash_clash_on_a_probe_is_named_by_the_checker():
    from engine.live.patterns import compile_patterns
    name, events, params, periods, lines, *_ = CASES[-2]
    c = compile_rules(rules_text(events, params, periods, lines), "x.qy")
    pt = compile_patterns(c)
    assert pt.runs_on("obligation:a#0") == "residual" and pt.runs_on("obligation:b#0") == "residual"
    assert "hash" in pt.refused["obligation:a#0"] and "w228304.end" in pt.refused["obligation:a#0"]
