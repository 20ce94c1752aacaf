"""Fuzz round 11: the newest feature first — a power to terminate with the period the contract gives to exercise it in
(`exercise within D` / `exercise until X`, 民法典第564条第1款) — then the ends of deadlines a fact gives by its day alone.

Each test is a finding with a minimal reproduction and the verdict counted by hand.  Those fixed in this round
(/tmp/fuzz11.patch) are plain tests; those not fixed are xfail(strict).  Calendar: 2026-02-02 is a Monday; 2026 is the
last year the built-in calendar knows."""
from __future__ import annotations

import json

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from engine.run.state import Remedy

try:
    import durable  # noqa: F401
    BACKENDS = ["reference", "durable"]
except ImportError:  # pragma: no cover - the [live] extra is not installed
    BACKENDS = ["reference"]

RULES = '''contract "E" { calendar official HEADER }
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
event signed "签订"
event late "逾期" { days: int 0..400 optional "天数"  until: datetime optional "期限" }
event notice "解除通知" { party: party "解除方" }
clause "1" "解除" {
  remedy quick "逾期解除权" {
    holder 甲方
    for each late x
    EXER
  }
  termination by_buyer "买方解除" {
    for each notice n where n.party == 甲方
    exercises quick held by 甲方
  }
}
'''
SIGNED = {"id": "s", "type": "signed", "at": "2026-01-05T10:00:00+08:00"}


def _rules(exer, header=""):
    return compile_rules(RULES.replace("EXER", exer).replace("HEADER", header), "e.qy")


def _late(at="2026-02-02T10:00:00+08:00", **attrs):
    return {"id": "x", "type": "late", "at": at, **attrs}


def _notice(at):
    return {"id": "n", "type": "notice", "at": at, "party": "甲方"}


def _run(rules, facts, as_of, backend="reference"):
    return rules.evaluate([json.dumps(f, ensure_ascii=False) for f in facts], as_of, backend=backend)


def _quick(report):
    [r] = [r for r in report["remedies"] if r["name"] == "quick"]
    return r


# ---------------------------------------------------------------- 1. the end instant of a period of hours is in time

@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("exer, end", [("exercise within 2 hours", "2026-02-02T12:00:00+08:00"),
                                       ("exercise within 30 minutes", "2026-02-02T10:30:00+08:00"),
                                       ("exercise until x.at + 2 hours", "2026-02-02T12:00:00+08:00")])
def test_a_notice_at_the_end_instant_of_a_period_in_hours_exercises_the_power(exer, end, backend):
    """Late 02-02 10:00; `exercise within 2 hours`: the power is exercisable up to 12:00 itself (民法典第1259条, “以内”
    包括本数 — the report's own step said 截止时刻 2026年2月2日12时 本身仍在期限内), so 甲方's notice at 12:00:00 ends the
    contract.  Was: the power lapsed at 12:00 before the notice of that instant was decided — quick `lapsed`,
    termination_without_right, the contract going on.  One second later it has lapsed."""
    rules = _rules(exer)
    report = _run(rules, [SIGNED, _late(), _notice(end)], "2026-03-01", backend)
    assert (_quick(report)["status"], report["contract_life"]["ended"]) == ("exercised", end)
    later = end.replace(":00+08:00", ":01+08:00")
    report = _run(rules, [SIGNED, _late(), _notice(later)], "2026-03-01", backend)
    assert (_quick(report)["status"], report["contract_life"]["ended"]) == ("lapsed", None)
    # reported at the end instant itself, the power is still held (its lapse is "just after")
    assert _quick(_run(rules, [SIGNED, _late()], end, backend))["status"] == "held"


# ---------------------------------------------------------------- 2. a period to exercise in whose length a fact gives

@pytest.mark.parametrize("exer", ["exercise within x.days days", "行使期限 x.days 日"])
def test_a_period_to_exercise_in_may_be_a_length_a_fact_gives(exer):
    """evaluator.arm_power_lapse handles `exercise within x.days days` (commit 2ebe17e: a fact without it sets none)
    and the checker checks the duration in the trigger's scope — but the grammar took a literal or a parameter only:
    `exercise within x.days days` was a syntax error (unexpected '.').  days = 3 from 02-02 10:00: 02-03..02-05, the
    power lapses at 02-05 24:00; a fact without days (or with 0: no period, as for `within`) sets none."""
    rules = _rules(exer)
    report = _run(rules, [SIGNED, _late(days=3), _notice("2026-02-05T23:00:00+08:00")], "2026-03-01")
    assert _quick(report)["status"] == "exercised"
    report = _run(rules, [SIGNED, _late(days=3), _notice("2026-02-06T10:00:00+08:00")], "2026-03-01")
    assert _quick(report)["status"] == "lapsed" and report["contract_life"]["ended"] is None
    assert any("2026年2月5日24时" in line for line in _quick(report)["because"])
    for late in (_late(), _late(days=0)):
        report = _run(rules, [SIGNED, late, _notice("2026-06-01T10:00:00+08:00")], "2026-07-01")
        assert _quick(report)["status"] == "exercised"


# ---------------------------------------------------------------- 3. working days into a year no calendar knows

@pytest.mark.parametrize("late_at", ["2027-03-01T10:00:00+08:00", "2026-12-25T10:00:00+08:00"])
def test_an_agreed_period_of_working_days_into_an_unknown_year_is_undetermined_not_held_forever(late_at):
    """`calendar fallback undetermined`, `exercise within 10 working days`, the power arising in (or counting into) 2027,
    which no calendar knows.  Ten working days are at least ten days, so by 2027-06-01 the period may well have run out:
    the power is undetermined (docs §3.1: each verdict that needs that year is undetermined), and a notice then is
    termination_undetermined.  Was: the count's CalendarYearUnknown, met as the power arose, set no lapse at all — the
    power `held` for ever, and 甲方's notice three months later ended the contract with certainty."""
    rules = _rules("exercise within 10 working days", "\n calendar fallback undetermined")
    report = _run(rules, [SIGNED, _late(late_at)], "2027-12-01")
    assert _quick(report)["status"] == "undetermined"
    report = _run(rules, [SIGNED, _late(late_at), _notice("2027-06-01T10:00:00+08:00")], "2027-12-01")
    assert report["contract_life"]["ended"] is None
    assert "termination_undetermined" in [f["code"] for f in report["findings"]]
    # before even ten calendar days have passed, the power is surely held and the notice surely ends the contract
    report = _run(rules, [SIGNED, _late("2027-03-01T10:00:00+08:00"), _notice("2027-03-10T10:00:00+08:00")], "2027-12-01")
    assert report["contract_life"]["ended"] == "2027-03-10T10:00:00+08:00"


def test_whether_an_agreed_period_ran_out_is_said_of_that_period_not_of_the_year():
    """`exercise within 10 days` under `calendar fallback undetermined`, arisen 2027-03-01: the reason said
    “自 2027年3月1日10时 产生起一年的期间最早于 2027年3月12日0时 届满” — a year of 第564条第2款 that ends in 11 days.  It is
    the contract's 10 days (第564条第1款), and the report names them."""
    rules = _rules("exercise within 10 days", "\n calendar fallback undetermined")
    report = _run(rules, [SIGNED, _late("2027-03-01T10:00:00+08:00")], "2027-06-01")
    quick = _quick(report)
    assert quick["status"] == "undetermined"
    said = " ".join(quick["because"])
    assert "一年" not in said and "10日" in said and "2027年3月12日0时" in said


# ---------------------------------------------------------------- 4. the law named where a power lapses

def test_watch_says_an_agreed_period_ran_out_under_564_1_not_the_year():
    """`qiyue watch` (a session) said of a power lapsing 3 days after it arose “解除权自产生起一年内未行使而消灭…（民法典第564条
    第2款）”, while `eval` says 合同约定的行使期限…（民法典第564条第1款）."""
    rules = _rules("exercise within 3 days")
    session = rules.session("facts.jsonl")
    for f in (SIGNED, _late()):
        session.add(json.dumps(f, ensure_ascii=False))
    session.advance("2026-02-10")
    changes = [c for c in session.changes(lang="zh") if c["code"] == "remedy_expired"]
    assert len(changes) == 1 and changes[0]["at"] == "2026-02-06T00:00:00+08:00"
    assert "第564条第1款" in changes[0]["text"] and "一年" not in changes[0]["text"]


def test_a_ground_waiting_for_a_lapsed_power_counts_the_contracts_period_and_says_so():
    """`once` power, `exercise within 3 days`: late x1 02-02 10:00 (power until 02-05 24:00), late x2 02-04 10:00 waits;
    x1's power lapses and x2's arises, its 3 days counted from 02-04 (02-05..02-07, Saturday → Monday 02-09 as an act,
    第203条).  The reason said 其一年期间自本项事由发生之时起算（民法典第564条第2款）— the contract's period governs."""
    rules = _rules("exercise within 3 days\n    once")
    x2 = _late("2026-03-04T10:00:00+08:00") | {"id": "x2"}
    x1 = _late("2026-03-02T10:00:00+08:00") | {"id": "x1"}
    report = _run(rules, [SIGNED, x1, x2], "2026-03-08")
    [second] = [r for r in report["remedies"] if r["trigger"] == "x2"]
    said = " ".join(second["because"])
    assert second["status"] == "held" and "第564条第1款" in said and "一年" not in said


# ---------------------------------------------------------------- 5. many notices at one instant on lapsed powers

def test_many_notices_at_one_instant_do_not_each_look_at_every_lapsed_power(monkeypatch):
    """n lates (each a power, `exercise within 30 days`, all lapsed by 03-20) and n notices of 甲方 at one instant
    (03-20 11:00): each notice looked at every row of the power — held_power's scan and the doubt set beside it —
    O(n²): 4,000 + 4,000 facts 0.83 s, 8,000 3.1 s, 16,000 9.8 s.  Counted here: how often a row's status is read."""
    reads = [0]

    def get(self):
        reads[0] += 1
        return self.__dict__.get("_status_", "held")

    def put(self, value):
        self.__dict__["_status_"] = value

    monkeypatch.setattr(Remedy, "status", property(get, put))
    rules = _rules("exercise within 30 days")

    def cost(n):
        facts = [SIGNED] + [_late(f"2026-02-02T10:{i % 60:02d}:00+08:00") | {"id": f"x{i}"} for i in range(n)] + \
            [_notice("2026-03-20T11:00:00+08:00") | {"id": f"n{i}"} for i in range(n)]
        reads[0] = 0
        report = _run(rules, facts, "2026-04-01")
        assert report["contract_life"]["ended"] is None
        return reads[0]

    small, large = cost(150), cost(600)
    assert large < 8 * small, (small, large)  # (linear: ~4×; quadratic: ~16×)


# ---------------------------------------------------------------- 6. ends a fact gives by its day alone (not fixed)

def test_a_deadline_a_fact_gives_by_its_day_alone_is_not_its_00_00():
    """`due by o.until`, `until: datetime`, the order giving "until": "2026-02-10" (docs §3.6: a bare date is that day,
    its hour unknown).  The engine says 期限：…即 2026年2月10日0时（含该时刻）and the act at 10:00 that day violated.
    The same day given to a `date` attribute is the whole day (due 02-11 00:00, tests/test_recurring.py).  Counted:
    the deadline is some hour of 02-10; an act at 10:00 that day is in time if the hour is later — undetermined (or,
    read as a date is, in time); never certainly violated."""
    text = '''contract "M" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as seller
event order "订单" { until: datetime "期限" }
event done "完成"
clause "1" "x" {
  obligation o1 "义务" {
    debtor 乙方
    creditor 甲方
    for each order o
    fulfilled by done x
    due by o.until
  }
}
'''
    rules = compile_rules(text, "m.qy")
    facts = [{"id": "o", "type": "order", "at": "2026-02-02T10:00:00+08:00", "until": "2026-02-10"},
             {"id": "d", "type": "done", "at": "2026-02-10T10:00:00+08:00"}]
    [o] = _run(rules, facts, "2026-03-01")["obligations"]
    assert o["status"] != "violated" and o["due"] != "2026-02-10T00:00:00+08:00", (o["status"], o["due"])


def test_a_power_exercisable_until_a_day_alone_is_not_gone_at_its_00_00():
    """`exercise until x.until`, the late fact giving "until": "2026-02-10" (hour unknown): the power was said to lapse
    at 2026年2月10日0时, and 甲方's notice at 10:00 that day was termination_without_right.  Whether 10:00 is before the
    end's hour cannot be told: at most undetermined (termination_undetermined), not a certain lapse."""
    rules = _rules("exercise until x.until")
    report = _run(rules, [SIGNED, _late(until="2026-02-10"), _notice("2026-02-10T10:00:00+08:00")], "2026-03-01")
    assert "termination_without_right" not in [f["code"] for f in report["findings"]]


@pytest.mark.xfail(strict=True, reason="a notice of its day alone whose decision is put off (termination_hour_unknown) "
                                       "leaves the power it may have used reported as certainly lapsed")
@pytest.mark.parametrize("exer", ["exercise within 2 hours", "exercise within 1 days"])
def test_a_power_a_notice_of_unknown_hour_may_have_used_is_not_certainly_lapsed(exer):
    """Late 02-02 10:00 (the power), 甲方's notice "2026-02-02" (hour unknown): before 10:00 it had no power, after it the
    power was exercised (2 hours: up to 12:00; 1 day: to 02-03 24:00) — termination_hour_unknown, rightly.  But the
    power is then reported `lapsed` at 2026-03-01, a certainty the facts do not give: had the notice come at 11:00 it
    was exercised.  Expected: undetermined."""
    rules = _rules(exer)
    report = _run(rules, [SIGNED, _late(), _notice("2026-02-02")], "2026-03-01")
    assert "termination_hour_unknown" in [f["code"] for f in report["findings"]]
    assert _quick(report)["status"] == "undetermined"
