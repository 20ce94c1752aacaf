"""saas 3.2 (`service_credit`) on the Rete, and rule files of its two shapes (issue 14; docs/live.md §7).

The line's condition is `c.at <= end of 30 days as term after month_end(c.month) and (100% × (1 - sum(V(x, c) for
each outage x where W(x, c)) ÷ D(c)) < sla or count(incident_reported i where P(i, c) and not exists(
incident_restored r where r.ref == i.id and r.at <= i.at + 4 hours)) > 0)`.  Two shapes the Rete did not take:

* a `sum( )` whose value reads the line's fact as well as the counted one (`earliest(x.end, month_end(c.month)) -
  latest(x.start, c.month)`): the counted facts are joined with the line's probe as any `sum( )`'s are, and the
  backend computes each value with the kept fact and the probe's fact bound (``JoinedAgg.outer``), in the history's
  order;
* a `count( )` (or `exists( )`) whose condition holds `not exists( )` (or `exists( )`) of a third kind reading the
  counted fact: a join of the counted kind with that kind, both kept in the session, marks a counted fact when it
  fires (``patterns._marked``, ``DurableEvaluation._marks``); the count takes the facts its leaves pair with the
  probe that are not marked (marked, for `exists( )`).

Every case is compared with the reference backend byte for byte (``on_both_backends``); the cases counted by hand
say what the report holds.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from engine.live import available as durable_available
from seedfacts import backends_agree_on_generated_streams, compiled_rules, on_both_backends

ROOT = Path(__file__).resolve().parent.parent
SAAS = ROOT / "tests" / "contracts" / "saas.qy"
SIGNED = {"id": "s1", "type": "contract_signed", "at": "2025-06-20T10:00:00+08:00"}
needs_durable = pytest.mark.skipif(not durable_available(), reason="durable_rules not installed (the [live] extra)")


def f(fid, ftype, at, **attrs):
    return {"id": fid, "type": ftype, "at": at, **attrs}


def outage(fid, start, end, cause="provider", at=None):
    return f(fid, "outage", at or start, start=start, end=end, cause=cause)


def lines(facts):
    return [json.dumps(x, ensure_ascii=False) for x in facts]


@pytest.fixture(scope="module")
def saas():
    with compiled_rules(path=str(SAAS)) as c:
        yield c


def credits(saas, facts, as_of="2026-07-01"):
    """service_credit's rows (trigger, amount) — the report the same JSON text on both backends, at ``as_of`` and,
    in one replay, at each instant a fact happens too (``evaluate_many``)."""
    ls = lines([SIGNED, *facts])
    report = on_both_backends(saas, ls, as_of)
    if durable_available():
        ats = sorted({x["at"] for x in facts}) + [as_of]
        assert json.dumps(saas.evaluate_many(ls, ats, backend="durable"), ensure_ascii=False) == \
            json.dumps(saas.evaluate_many(ls, ats), ensure_ascii=False)
    return [(r["trigger"], r["amount"]) for r in report["remedies"] if r["name"] == "service_credit"]


@needs_durable
def test_saas_runs_wholly_on_the_rete(saas):
    """No line of saas.qy is left to qiyue: 3.2 is `rete`, and `qiyue check --backend durable` says no
    `live_residual`."""
    from engine.live.backend import plan
    rows = {d["line"]: d for d in plan(saas).describe()}
    assert rows["remedy:service_credit#0"]["runs_on"] == "rete"
    assert rows["remedy:service_credit#0"]["reason"] is None
    assert {d["runs_on"] for d in rows.values()} <= {"rete", "never"}


@needs_durable
def test_check_names_no_residual_line_of_saas():
    import subprocess
    import sys
    got = subprocess.run([sys.executable, "-m", "engine.cli", "check", str(SAAS), "--backend", "durable"],
                         capture_output=True, text=True, cwd=ROOT)
    assert "live_residual" not in got.stdout + got.stderr


# ------------------------------------------------------------------ the sum whose value reads the claim
def test_an_outage_across_the_month_boundary_counts_in_each_month_its_part(saas):
    """03-31 23:30 – 04-01 00:20, 50 min: 30 min in March (of 44.64 allowed), 20 in April (of 43.2) — no credit;
    counted whole in either month it would be one."""
    facts = [outage("o1", "2026-03-31T23:30:00+08:00", "2026-04-01T00:20:00+08:00"),
             f("c3", "credit_claimed", "2026-04-10T10:00:00+08:00", month="2026-03-01"),
             f("c4", "credit_claimed", "2026-05-10T10:00:00+08:00", month="2026-04-01")]
    assert credits(saas, facts) == []
    # 40 more minutes on 04-15: April 60 > 43.2 → 10%; March still 30
    facts.insert(1, outage("o2", "2026-04-15T10:00:00+08:00", "2026-04-15T10:40:00+08:00"))
    assert credits(saas, facts) == [("c4", "3000.00")]
    # the boundary outage 23:00 – 00:20: March 60 > 44.64 → 10% too
    facts[0] = outage("o1", "2026-03-31T23:00:00+08:00", "2026-04-01T00:20:00+08:00")
    assert credits(saas, facts) == [("c3", "3000.00"), ("c4", "3000.00")]


def test_an_outage_recorded_after_the_claim_is_not_in_its_sum(saas):
    """January's 60 min outage recorded (its fact's instant) on 02-10, after the claim of 02-05: the claim finds
    99.9%+ then; a second claim on 02-20 finds the outage — a credit for it alone."""
    facts = [outage("o1", "2026-01-10T10:00:00+08:00", "2026-01-10T11:00:00+08:00", at="2026-02-10T09:00:00+08:00"),
             f("c1", "credit_claimed", "2026-02-05T10:00:00+08:00", month="2026-01-01"),
             f("c2", "credit_claimed", "2026-02-20T10:00:00+08:00", month="2026-01-01")]
    assert credits(saas, facts) == [("c2", "3000.00")]


def test_a_sum_of_several_outages_each_clipped_to_the_month(saas):
    """Below 99% (446.4 min in January): 25%.  An outage of December and February's each clipped."""
    facts = [outage("o0", "2025-12-31T20:00:00+08:00", "2026-01-01T02:00:00+08:00"),  # 120 min of January
             outage("o1", "2026-01-10T00:00:00+08:00", "2026-01-10T05:00:00+08:00"),  # 300
             outage("o2", "2026-01-31T23:00:00+08:00", "2026-02-01T09:00:00+08:00"),  # 60
             outage("o3", "2026-01-20T00:00:00+08:00", "2026-01-20T01:00:00+08:00", "maintenance"),
             f("c", "credit_claimed", "2026-02-03T10:00:00+08:00", month="2026-01-01")]
    assert credits(saas, facts) == [("c", "7500.00")]


# ------------------------------------------------------------------ the count with its `not exists( )`
@pytest.mark.parametrize("restored, rows", [
    ("2026-03-05T14:00:00+08:00", []),  # exactly 4 hours: restored in time
    ("2026-03-05T14:00:01+08:00", [("c", "4500.00")]),  # a second late
    (None, [("c", "4500.00")]),  # never
    ("2026-03-05T09:00:00+08:00", []),  # recorded before the incident (the ref a later fact's id)
])
def test_a_p1_incident_restored_within_four_hours_or_not(saas, restored, rows):
    facts = [f("i", "incident_reported", "2026-03-05T10:00:00+08:00", level="P1"),
             f("c", "credit_claimed", "2026-04-02T10:00:00+08:00", month="2026-03-01")]
    if restored is not None:
        facts.insert(0 if restored < facts[0]["at"] else 1, f("r", "incident_restored", restored, ref="i"))
    assert credits(saas, facts) == rows


def test_a_restoration_recorded_after_the_claim_comes_too_late_for_it(saas):
    """Restored at 12:00 but recorded (the fact) after the claim: the claim counts the incident unrestored.
    (`r.at` is the fact's instant: a restoration recorded later is a later restoration.)"""
    facts = [f("i", "incident_reported", "2026-03-05T10:00:00+08:00", level="P1"),
             f("c", "credit_claimed", "2026-04-02T10:00:00+08:00", month="2026-03-01"),
             f("r", "incident_restored", "2026-04-03T10:00:00+08:00", ref="i")]
    assert credits(saas, facts) == [("c", "4500.00")]


def test_only_p1_incidents_of_the_month_count(saas):
    facts = [f("i1", "incident_reported", "2026-03-05T10:00:00+08:00", level="P2"),
             f("i2", "incident_reported", "2026-02-28T23:59:59+08:00", level="P1"),
             f("i3", "incident_reported", "2026-04-01T00:00:00+08:00", level="P1"),
             f("i4", "incident_reported", "2026-03-01T00:00:00+08:00", level="P1"),
             f("r4", "incident_restored", "2026-03-01T03:00:00+08:00", ref="i4"),
             f("c", "credit_claimed", "2026-04-02T10:00:00+08:00", month="2026-03-01")]
    assert credits(saas, facts) == []
    facts[4] = f("r4", "incident_restored", "2026-03-01T03:00:00+08:00", ref="i2")  # (restores another)
    assert credits(saas, facts) == [("c", "4500.00")]


def test_two_claims_for_one_month_and_two_unrestored_incidents(saas):
    """One month claimed twice is one month's credit (`once per c.month`, 第3.2条：同一自然月的服务抵扣合计不超过当月服务费 —
    counsel round 46): the first claim credited, two P1 × 15%; the finding says the second."""
    facts = [f("i1", "incident_reported", "2026-03-05T10:00:00+08:00", level="P1"),
             f("i2", "incident_reported", "2026-03-06T10:00:00+08:00", level="P1"),
             f("r2", "incident_restored", "2026-03-06T15:00:00+08:00", ref="i2"),
             f("c1", "credit_claimed", "2026-04-02T10:00:00+08:00", month="2026-03-01"),
             f("c2", "credit_claimed", "2026-04-03T10:00:00+08:00", month="2026-03-01")]
    assert credits(saas, facts) == [("c1", "9000.00")]


@pytest.mark.parametrize("claimed, rows", [
    ("2026-04-30T23:59:59+08:00", [("c", "4500.00")]),
    ("2026-05-01T00:00:00+08:00", []),
    ("2026-05-20T10:00:00+08:00", []),
])
def test_a_claim_after_the_thirty_days_finds_nothing(saas, claimed, rows):
    facts = [f("i", "incident_reported", "2026-03-05T10:00:00+08:00", level="P1"),
             f("c", "credit_claimed", claimed, month="2026-03-01")]
    assert credits(saas, facts) == rows


@pytest.mark.parametrize("order", [("i", "c", "r"), ("c", "i", "r"), ("r", "c", "i"), ("c", "r", "i")])
def test_an_incident_at_the_instant_of_the_claim(saas, order):
    """A claim within its month (03-20 10:00) and a P1 reported at that instant: the facts of an instant are all
    recorded before any is matched, in whatever order listed — counted; restored at that instant too: not."""
    at = "2026-03-20T10:00:00+08:00"
    by = {"i": f("i", "incident_reported", at, level="P1"), "c": f("c", "credit_claimed", at, month="2026-03-01"),
          "r": f("r", "incident_restored", at, ref="i")}
    assert credits(saas, [by[k] for k in order if k != "r"]) == [("c", "4500.00")]
    assert credits(saas, [by[k] for k in order]) == []


def test_both_sides_of_the_or(saas):
    """Outage below 99.9% and an unrestored P1: 10% + 15%."""
    facts = [outage("o1", "2026-03-10T10:00:00+08:00", "2026-03-10T11:00:00+08:00"),
             f("i", "incident_reported", "2026-03-05T10:00:00+08:00", level="P1"),
             f("c", "credit_claimed", "2026-04-02T10:00:00+08:00", month="2026-03-01")]
    assert credits(saas, facts) == [("c", "7500.00")]


# ------------------------------------------------------------------ streams
@needs_durable
def test_the_backends_agree_on_generated_streams_of_saas(saas):
    backends_agree_on_generated_streams(saas, max_examples=60, max_facts=14)


def _service_streams():
    """Streams around one month (March 2026): outages across its ends, P1/P2 incidents, restorations referring to
    them (or to ids not yet reported), claims for February, March or April at instants inside and after —
    instants on a half-hour grid, so that facts share instants."""
    from hypothesis import strategies as st
    base = 1772294400  # 2026-03-01T00:00:00+08:00
    half = 1800
    at = st.integers(-6 * 48, 70 * 48).map(lambda k: base + k * half)

    def iso(t):
        from datetime import datetime, timezone, timedelta
        return datetime.fromtimestamp(t, timezone(timedelta(hours=8))).isoformat()

    ids = st.sampled_from(["i0", "i1", "i2", "i3"])
    outages = st.builds(lambda s, d, lag, cause: [{"type": "outage", "at": iso(s + lag * half), "start": iso(s),
                                                   "end": iso(s + d * half), "cause": cause}],
                        at, st.integers(0, 30), st.sampled_from([0, 0, 1, 200]), st.sampled_from(["provider",
                                                                                                   "maintenance"]))
    # an incident, and maybe its restoration from an hour before to six hours after (8 half-hours: 4 hours)
    incidents = st.builds(lambda t, lv, i, d: [{"id": i, "type": "incident_reported", "at": iso(t), "level": lv}] + (
        [] if d is None else [{"type": "incident_restored", "at": iso(t + d * half), "ref": i}]),
        at, st.sampled_from(["P1", "P1", "P2"]), ids, st.one_of(st.none(), st.integers(-2, 12)))
    restored = st.builds(lambda t, i: [{"type": "incident_restored", "at": iso(t), "ref": i}], at, ids)
    claims = st.builds(lambda t, mth: [{"type": "credit_claimed", "at": iso(t), "month": mth}], at,
                       st.sampled_from(["2026-02-01", "2026-03-01", "2026-03-01", "2026-04-01"]))
    return st.lists(st.one_of(outages, incidents, incidents, restored, claims), max_size=10).map(
        lambda groups: sorted((x for g in groups for x in g), key=lambda x: x["at"]))


def _numbered(stream) -> list:
    """A stream's facts after the signing, each with an id of its own (an incident's own the first time), a
    restoration kept only if the incident it names is in the file (before or after it)."""
    seen, facts = set(), [SIGNED]
    for k, x in enumerate(stream):
        x = dict(x)
        if "id" not in x or x["id"] in seen:
            x["id"] = f"e{k}"
        seen.add(x["id"])
        facts.append(x)
    return [x for x in facts if x["type"] != "incident_restored" or x["ref"] in seen]


@needs_durable
def test_the_backends_agree_on_streams_around_a_month(saas):
    """Hypothesis: both backends' reports the same JSON text (or the same error) on streams made for 3.2."""
    from hypothesis import HealthCheck, given, settings
    from engine.diagnostics import QiyueError

    def outcome(ls, ats, backend):
        try:
            return json.dumps(saas.evaluate_many(ls, ats, backend=backend), ensure_ascii=False)
        except QiyueError as exc:
            return f"error: {exc}"

    @settings(max_examples=int(os.environ.get("QIYUE_DIFF_EXAMPLES", "150")), deadline=None, derandomize=True,
              database=None, suppress_health_check=list(HealthCheck))
    @given(_service_streams())
    def check(stream):
        facts = _numbered(stream)
        ls = lines(facts)
        ats = ["2026-03-15T00:00:00+08:00", "2026-05-01T00:00:00+08:00", "2026-06-01T00:00:00+08:00"]
        assert outcome(ls, ats, "durable") == outcome(ls, ats, "reference")

    check()


# ------------------------------------------------------------------ the same shapes, other names
SHAPES = """\
contract "S-1" "班组考核" { calendar official }
party 甲方 "业主" as owner
party 乙方 "运维方" as operator
event shift "值班" { from: datetime "开始"  to: datetime "结束"  site: text "站点" }
event audit "考核" { site: text "站点"  since: datetime "起"  until: datetime "止" }
event alarm "告警" { site: text "站点"  sev: one of (high "高", low "低") "级别" }
event cleared "消除" { ref: ref (alarm) "所消除的告警" }
event acked "确认" { ref: ref (alarm) "所确认的告警"  by: party "确认方" }
param cap "值班上限（小时）" = 10
clause "1" "考核" {
  remedy overtime "超时" {
    holder 乙方
    for each audit a
      where sum((earliest(s.to, a.until) - latest(s.from, a.since)) ÷ 1 hours
                for each shift s where s.site == a.site and s.from < a.until and s.to > a.since) > cap
    amount ¥100.00
  }
  remedy open_alarm "未消除告警" {
    holder 甲方
    for each audit a
      where exists(alarm x where x.site == a.site and x.sev == "high"
                   and not exists(cleared k where k.ref == x.id and k.at <= x.at + 30 minutes))
    amount ¥200.00
  }
  remedy either "任一" {
    holder 甲方
    for each audit a
      where a.at >= a.until
        and (sum((earliest(s.to, a.until) - latest(s.from, a.since)) ÷ 1 hours
                for each shift s where s.site == a.site and s.from < a.until and s.to > a.since) < 2
             or count(alarm x where x.site == a.site and exists(acked q where q.ref == x.id and q.by == 乙方)
                      and not exists(cleared k where k.ref == x.id)) >= 2)
    amount ¥300.00
  }
  remedy acked_not_cleared "确认未消除" {
    holder 甲方
    for each audit a, alarm x where x.site == a.site and x.at <= a.at
      and not exists(cleared k where k.ref == x.id)
    amount ¥1.00
  }
  remedy shift_alarm "班次内未消除告警" {
    holder 甲方
    for each audit a, shift s where s.site == a.site
      and count(alarm x where x.site == s.site and x.at >= s.from and not exists(cleared k where k.ref == x.id)) >= 1
    amount ¥2.00
  }
  remedy quiet_shifts "平静班次均长" {
    holder 乙方
    for each audit a
      where mean((earliest(s.to, a.until) - s.from) ÷ 1 hours for each shift s
                 where s.site == a.site
                   and not exists(alarm y where y.site == s.site and y.at >= s.from and y.at < s.to))
            > 3
    amount ¥5.00
  }
  remedy piling "告警堆积" {
    holder 甲方
    for each alarm a where count(alarm x where x.site == a.site and not exists(cleared k where k.ref == x.id)) >= 2
    amount ¥6.00
  }
  remedy still_open "消除后仍有未消除" {
    holder 乙方
    for each cleared k0 where exists(alarm x where x.id != k0.ref and not exists(cleared k where k.ref == x.id))
    amount ¥7.00
  }
}
"""


@needs_durable
def test_every_line_of_the_shapes_runs_on_the_rete():
    from engine.live.backend import plan
    with compiled_rules(SHAPES) as c:
        assert {d["line"]: d["runs_on"] for d in plan(c).describe()} == {
            "remedy:overtime#0": "rete", "remedy:open_alarm#0": "rete", "remedy:either#0": "rete",
            "remedy:acked_not_cleared#0": "rete", "remedy:shift_alarm#0": "rete", "remedy:quiet_shifts#0": "rete",
            "remedy:piling#0": "rete", "remedy:still_open#0": "rete"}


SHAPE_FACTS = [
    f("s1", "shift", "2026-03-01T08:00:00+08:00", **{"from": "2026-03-01T08:00:00+08:00"},
      to="2026-03-01T16:00:00+08:00", site="A"),
    f("s2", "shift", "2026-03-02T20:00:00+08:00", **{"from": "2026-03-02T20:00:00+08:00"},
      to="2026-03-03T04:00:00+08:00", site="A"),
    f("x1", "alarm", "2026-03-02T09:00:00+08:00", site="A", sev="high"),
    f("k1", "cleared", "2026-03-02T09:30:00+08:00", ref="x1"),
    f("x2", "alarm", "2026-03-02T10:00:00+08:00", site="A", sev="low"),
    f("q2", "acked", "2026-03-02T10:05:00+08:00", ref="x2", by="乙方"),
    f("x3", "alarm", "2026-03-02T11:00:00+08:00", site="A", sev="high"),
    f("q3", "acked", "2026-03-02T11:05:00+08:00", ref="x3", by="乙方"),
    f("k3", "cleared", "2026-03-02T11:31:00+08:00", ref="x3"),
    f("a1", "audit", "2026-03-03T00:00:00+08:00", site="A", since="2026-03-01T00:00:00+08:00",
      until="2026-03-03T00:00:00+08:00"),
    f("a2", "audit", "2026-03-05T00:00:00+08:00", site="A", since="2026-03-01T00:00:00+08:00",
      until="2026-03-05T00:00:00+08:00"),
    f("a3", "audit", "2026-03-05T00:00:00+08:00", site="B", since="2026-03-01T00:00:00+08:00",
      until="2026-03-05T00:00:00+08:00"),
]


def test_the_shapes_counted_by_hand_on_both_backends():
    """a1 (until 03-03 00:00): 8 h + 4 h of s2 = 12 > 10 — overtime; a2: 8 + 8 = 16 — overtime.  x3 high, cleared
    after 31 min — open_alarm for a1 and a2 (x1 cleared at 30 min).  either: x2 acked, never cleared, x3 acked and
    cleared (`not exists(cleared …)` of any time): one, not two; a3 (site B): no shift, 0 h < 2 — either.
    acked_not_cleared: x2 with a1 and with a2 (each found at the audit).  shift_alarm: x2 (10:00 on 03-02) after
    s1's start, before s2's — (a1, s1), (a2, s1).  quiet_shifts: no alarm during s1 or s2; a1: (8 + 4) ÷ 2 = 6 h, a2:
    8 h; a3: no shift, no mean.  piling (the counted kind the line's own): at x3, x2 and x3 itself uncleared (x1 was,
    at 09:30); still_open (the marking kind the line's own: k0 marks too): at k3, x2 uncleared; at k1, none yet."""
    with compiled_rules(SHAPES) as c:
        report = on_both_backends(c, lines(SHAPE_FACTS), "2026-04-01")
    got: dict = {}
    for r in report["remedies"]:
        got.setdefault(r["name"], []).append(r["trigger"])
    assert got == {"overtime": ["a1", "a2"], "open_alarm": ["a1", "a2"], "either": ["a3"],
                   "acked_not_cleared": ["a1", "a2"], "shift_alarm": ["a1", "a2"], "quiet_shifts": ["a1", "a2"],
                   "piling": ["x3"], "still_open": ["k3"]}
    # a second alarm acked by 乙方 and never cleared (x4): `either` for a1 and a2 too
    more = SHAPE_FACTS + [f("x4", "alarm", "2026-03-02T12:00:00+08:00", site="A", sev="low"),
                          f("q4", "acked", "2026-03-02T12:01:00+08:00", ref="x4", by="乙方")]
    with compiled_rules(SHAPES) as c:
        report = on_both_backends(c, lines(sorted(more, key=lambda x: x["at"])), "2026-04-01")
    assert sorted(r["trigger"] for r in report["remedies"] if r["name"] == "either") == ["a1", "a2", "a3"]


@needs_durable
def test_the_backends_agree_on_generated_streams_of_the_shapes():
    with compiled_rules(SHAPES) as c:
        backends_agree_on_generated_streams(c, max_examples=80, max_facts=14)


BEYOND = """\
  remedy outer_reading "读外层" {
    holder 甲方
    for each audit a
      where count(alarm x where x.site == a.site and not exists(cleared k where k.ref == x.id and k.at <= a.until)) >= 1
    amount ¥3.00
  }
  remedy nested "嵌套" {
    holder 甲方
    for each audit a
      where not exists(alarm x where x.site == a.site
                       and (x.sev == "high" or not exists(cleared k where k.ref == x.id)))
    amount ¥4.00
  }
}
"""


@needs_durable
def test_an_exists_reading_the_line_s_fact_or_under_an_or_stays_qiyue_s():
    """What a mark cannot say stays qiyue's, with the reason: the inner `exists( )` reading the audit too (its truth
    for a kept alarm changes with the audit), or not one of the aggregate's `and` (under an `or`)."""
    from engine.live.backend import plan
    with compiled_rules(SHAPES.rstrip()[:-1] + BEYOND) as c:
        rows = {d["line"]: d for d in plan(c).describe()}
        assert rows["remedy:outer_reading#0"]["runs_on"] == "residual"
        assert rows["remedy:nested#0"]["runs_on"] == "residual"
        assert all(rows[k]["reason"] for k in ("remedy:outer_reading#0", "remedy:nested#0"))
        assert all(d["runs_on"] == "rete" for k, d in rows.items() if k not in ("remedy:outer_reading#0",
                                                                                 "remedy:nested#0"))
        on_both_backends(c, lines(SHAPE_FACTS), "2026-04-01")


SAAS_CASES = [
    [outage("o1", "2026-03-31T23:00:00+08:00", "2026-04-01T00:20:00+08:00"),
     f("i1", "incident_reported", "2026-03-05T10:00:00+08:00", level="P1"),
     f("r1", "incident_restored", "2026-03-05T14:00:00+08:00", ref="i1"),
     f("r2", "incident_restored", "2026-03-06T09:00:00+08:00", ref="i2"),
     f("i2", "incident_reported", "2026-03-06T10:00:00+08:00", level="P1"),
     f("i3", "incident_reported", "2026-03-07T10:00:00+08:00", level="P1"),
     f("c3", "credit_claimed", "2026-04-02T10:00:00+08:00", month="2026-03-01"),
     f("r3", "incident_restored", "2026-04-02T10:00:00+08:00", ref="i3"),
     f("c4", "credit_claimed", "2026-04-02T10:00:00+08:00", month="2026-03-01"),
     f("c5", "credit_claimed", "2026-05-02T10:00:00+08:00", month="2026-04-01")],
]


@needs_durable
@pytest.mark.parametrize("kept", [0, 2, 5])
def test_the_same_once_kept_facts_leave_the_session(kept):
    """Past ``max_kept`` kept facts the joins — the marks' among them — are qiyue's: the same reports, on saas and
    on the shapes."""
    from engine.live.backend import plan
    with compiled_rules(path=str(SAAS)) as c:
        plan(c).max_kept = kept
        for facts in SAAS_CASES:
            ls = lines([SIGNED, *facts])
            on_both_backends(c, ls, "2026-07-01")
            ats = sorted({x["at"] for x in facts})
            assert json.dumps(c.evaluate_many(ls, ats, backend="durable"), ensure_ascii=False) == \
                json.dumps(c.evaluate_many(ls, ats), ensure_ascii=False)
    with compiled_rules(SHAPES) as c:
        plan(c).max_kept = kept
        on_both_backends(c, lines(SHAPE_FACTS), "2026-04-01")


@needs_durable
def test_the_marks_are_the_rete_s():
    """The count takes what the Rete marked: with what the marking rules say not taken, an incident restored in time
    is counted as unrestored — the line's answer comes from the marks, not from qiyue's `not exists( )`."""
    from engine.live.backend import plan
    with compiled_rules(path=str(SAAS)) as c:
        live = plan(c)
        assert live.marks and all(k.startswith("remedy:service_credit#0/m") for k in live.marks)
        facts = lines([SIGNED, f("i", "incident_reported", "2026-03-05T10:00:00+08:00", level="P1"),
                       f("r", "incident_restored", "2026-03-05T11:00:00+08:00", ref="i"),
                       f("c", "credit_claimed", "2026-04-02T10:00:00+08:00", month="2026-03-01")])
        credited = lambda report: [r["trigger"] for r in report["remedies"] if r["name"] == "service_credit"]  # noqa
        assert credited(on_both_backends(c, facts, "2026-05-01")) == []
        marks = live.marks
        live.marks = frozenset()  # (what the marking rules say, not taken)
        try:
            assert credited(c.evaluate(facts, "2026-05-01", backend="durable")) == ["c"]
        finally:
            live.marks = marks


ZERO = """\
contract "Z" { calendar official }
party 甲方 "甲" as buyer
party 乙方 "乙" as seller
event claim "申请" { n: int "份数"  site: text "站点" }
event work "工作" { a: int "量"  site: text "站点" }
clause "1" "x" {
  remedy per_copy "每份" { holder 甲方
    for each claim c where sum(x.a ÷ c.n for each work x where x.site == c.site) > 1
    amount ¥1.00 }
}
"""


@needs_durable
def test_a_value_reading_the_line_s_fact_fails_where_the_reference_does():
    """`x.a ÷ c.n` with `c.n` 0: the backend computes the value as qiyue does, for the facts the Rete paired — the
    same error on both; with no work at the claim's site, no value is computed, and no error on either."""
    from engine.diagnostics import QiyueError
    from engine.live.backend import plan
    with compiled_rules(ZERO) as c:
        assert plan(c).describe()[0]["runs_on"] == "rete"
        for site, error in (("A", True), ("B", False)):
            ls = lines([f("w1", "work", "2026-01-01T10:00:00+08:00", a=3, site="A"),
                        f("c1", "claim", "2026-01-02T10:00:00+08:00", n=0, site=site)])
            got = []
            for backend in ("reference", "durable"):
                try:
                    got.append(json.dumps(c.evaluate(ls, "2026-02-01", backend=backend), ensure_ascii=False))
                except QiyueError as exc:
                    got.append(f"error: {exc}")
            assert got[0] == got[1] and got[0].startswith("error") is error
