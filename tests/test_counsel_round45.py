"""Opposing counsel, round 45: instants written with offsets, periods across midnight and the National Day holiday,
several reports at once, facts after the end, and the same incident reported twice.

Argued first for 乙方 (the supplier: its 2-hour leak notice, its 5-day repair, its payment and its power to terminate),
then for 甲方 (the department: 8.2 damages, 2.1(3) deduction, 8.4 notice, acceptance by silence), on the seed contract
(rules/gzmz-2025-it-ops.qy), every verdict counted by hand below and asserted against the JSON report (both backends,
through ``seedfacts.on_both_backends``).

Instants.  Contract time is Asia/Shanghai (+08:00).  ``2025-10-01T15:30:00Z`` is 2025-10-01 23:30 Beijing;
``2025-09-23T16:00:00Z`` is 2025-09-24 00:00 Beijing (a fact of the 24th, not the 23rd); ``2025-09-23T20:00:00-05:00``
is 2025-09-24 09:00 Beijing.  A period in hours includes its end instant (民法典第1259条); a period in days ends at 24:00
of its last day, reported as the next day's 00:00, at which instant an act is late.

Calendar relied on (chinese_calendar.is_workday, checked in the first test):
  working — Thu 2024-12-25, Tue 2025-09-23, Wed 09-24, Thu 09-25, Fri 09-26, Sun 09-28 (make-up), Mon 09-29,
            Tue 09-30, Thu 10-09, Fri 10-10, Sat 10-11 (make-up), Mon 10-13 .. Thu 10-16, Mon 10-20 .. Fri 10-24,
            Mon 10-27 .. Thu 10-30, Mon 11-17, Mon 12-01, Mon 2026-06-29 .. Fri 07-03, Mon 07-27;
  off     — Sat 2025-09-27, Wed 10-01 .. Wed 10-08 (National Day + Mid-Autumn), Sun 10-12, Sat 10-25, Sun 10-26,
            Sat 11-15, Sun 11-16, Sat 11-29, Sun 11-30, Sat 2026-06-27, Sun 06-28.

Conventions.  SIGN: both sign Fri 2025-06-27 10:00 (11.1; written ``2025-06-27T02:00:00Z`` where said).  Sub-project 3
(附件1: ¥175,700.00 → 8.2's 1% = ¥1,757.00); sub-project 14 (¥410,000.00 → ¥4,100.00).  PAY_1 (seedfacts):
installment 1 owed from 07-04 10:00, due 2025-08-05T00:00; 8.3: ¥6,980.00 a day begun; "逾期超出15天" 08-05 .. 08-19 →
乙方's power (and 5% = ¥349,000.00) at 2025-08-20T00:00.

Found (strict xfail): one failed expert acceptance recorded twice at one instant (written in UTC and in Beijing time)
is one 2.1(3) right but two deduction_without_bond warnings (same root as round 35's warning-twice xfail).  Known and
not repeated here: an outage recorded again while it lasts (round 14), the same leak / force majeure twice (round 36).
Everything else argued here holds: offsets are read as Beijing instants everywhere (facts, signed_at, as_of, Python
datetimes, sessions), 24:00 is refused with a Chinese explanation, hour periods include their end and day periods end
at 24:00 across the National Day and both make-up days, and several reports at once are each report alone.
"""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from seedfacts import PAY_1, fact as f, lines, notice, on_both_backends, rows, verdicts, write_facts

from engine.api import compile_file
from engine.diagnostics import QiyueError

ROOT = Path(__file__).resolve().parent.parent
SEED_RULES = ROOT / "rules" / "gzmz-2025-it-ops.qy"
SEED = compile_file(SEED_RULES)
UNTIL_END = compile_file(SEED_RULES, assume={"damages_after_termination": "until the contract ends"})

SIGN = f("c", "contract_signed", "2025-06-27T10:00:00+08:00")
SIGN_Z = f("c", "contract_signed", "2025-06-27T02:00:00Z")


def run(facts, as_of, rules=SEED):
    return on_both_backends(rules, lines(facts), as_of)


def obl(rep, name):
    return [(o["trigger"], o["status"], o["due"], o["fulfilled_at"]) for o in rows(rep, "obligations", name)
            if o["status"] != "inactive"]


def rem(rep, name):
    return [(r["trigger"], r["status"], r["since"], r["amount"]) for r in rows(rep, "remedies", name)]


def codes(rep):
    return sorted(x["code"] for x in rep["findings"]
                  if x["code"] not in ("open_point", "amount_words_mismatch", "unused_assumption"))


def cli(facts, as_of, tmp_path, fmt="json", name="facts.jsonl"):
    path = write_facts(facts, tmp_path, name)
    return subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(SEED_RULES), "--facts", str(path),
                           "--as-of", as_of, "--format", fmt], capture_output=True, text=True, cwd=ROOT)


def interruption(id_, at, sub=3, cause="supplier"):
    return f(id_, "service_interruption_started", at, subproject=sub, cause=cause)


def buyer_notice(id_, at, ref, method="fax"):
    return notice(id_, at, "甲方", "乙方", "service_interruption", method, ref=ref)


# ---------------------------------------------------------------------------------------------------- calendar

def test_passing_the_calendar_days_of_the_hand_counts():
    import chinese_calendar as cc

    working = ["2024-12-25", "2025-09-23", "2025-09-24", "2025-09-25", "2025-09-26", "2025-09-28", "2025-09-29",
               "2025-09-30", "2025-10-09", "2025-10-10", "2025-10-11", "2025-10-13", "2025-10-14", "2025-10-15",
               "2025-10-16", "2025-10-20", "2025-10-21", "2025-10-22", "2025-10-23", "2025-10-24", "2025-10-27",
               "2025-10-28", "2025-10-29", "2025-10-30", "2025-11-17", "2025-12-01", "2026-06-29", "2026-06-30",
               "2026-07-01", "2026-07-02", "2026-07-03", "2026-07-27"]
    off = ["2025-09-27", "2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04", "2025-10-05", "2025-10-06",
           "2025-10-07", "2025-10-08", "2025-10-12", "2025-10-25", "2025-10-26", "2025-11-15", "2025-11-16",
           "2025-11-29", "2025-11-30", "2026-06-27", "2026-06-28"]
    assert all(cc.is_workday(date.fromisoformat(d)) for d in working)
    assert not any(cc.is_workday(date.fromisoformat(d)) for d in off)


# ---------------------------------------------------------------------------------------------------- (a) offsets

LEAK_Z = f("d", "data_leak_discovered", "2025-10-01T15:30:00Z", cause="supplier")  # 2025-10-01 23:30 Beijing


@pytest.mark.parametrize("sent, status, fulfilled", [
    # 附件2 三.5 "2 小时内": 23:30 + 2 h = 2025-10-02 01:30 Beijing, that instant included (第1259条); a fax is
    # delivered at its confirmation time (10.3.2).
    ("2025-10-01T17:30:00Z", "fulfilled", "2025-10-02T01:30:00+08:00"),        # 01:30:00 Beijing, written in UTC
    ("2025-10-02T01:30:00+08:00", "fulfilled", "2025-10-02T01:30:00+08:00"),   # the same moment, Beijing
    ("2025-10-01T12:30:00-05:00", "fulfilled", "2025-10-02T01:30:00+08:00"),   # the same moment, UTC-5
    ("2025-10-01T17:30:01Z", "violated", "2025-10-02T01:30:01+08:00"),         # one second after
    ("2025-10-02T01:30:00.500+08:00", "violated", "2025-10-02T01:30:00.500000+08:00"),  # half a second after
])
def test_passing_leak_notice_two_hours_across_midnight_written_in_any_zone(sent, status, fulfilled):
    # for 乙方: a leak found 23:30 on the National Day, its notice at 01:30 the next day — in time, however written
    n = notice("n", sent, "乙方", "甲方", "data_leak", "fax", ref="d")
    rep = run([SIGN, LEAK_Z, n], "2025-10-03T00:00:00+08:00")
    assert obl(rep, "breach_notice") == [("d", status, "2025-10-02T01:30:00+08:00", fulfilled)]
    # 附件2 三.4 "立即" = 2 h (assumption immediate_notice): the same notice, the same verdict
    assert obl(rep, "security_incident_notice") == [("d", status, "2025-10-02T01:30:00+08:00", fulfilled)]


@pytest.mark.parametrize("as_of, status, shown", [
    ("2025-10-02T01:30:00+08:00", "active", "2025-10-02T01:30:00+08:00"),   # the end instant is still in time
    ("2025-10-01T17:30:00Z", "active", "2025-10-02T01:30:00+08:00"),        # the same instant written in UTC
    ("2025-10-02T01:30:00.000001+08:00", "violated", "2025-10-02T01:30:00.000001+08:00"),
    ("2025-10-01T17:30:01Z", "violated", "2025-10-02T01:30:01+08:00"),      # one second after
])
def test_passing_report_asked_at_the_two_hour_end_and_after(as_of, status, shown):
    rep = run([SIGN, LEAK_Z], as_of)
    assert rep["as_of"] == shown
    assert obl(rep, "breach_notice") == [("d", status, "2025-10-02T01:30:00+08:00", None)]
    # the report says the end instant is inside the period (hours) — and, for the 3 months of 2.1(1), that it is not
    # (due 09-29T00:00 is the first late instant: 2025年9月28日24时)
    [o] = rows(rep, "obligations", "breach_notice")
    assert (o["due_included"], o["due_cn"]) == (True, "2025年10月2日1时30分")
    [b] = rows(rep, "obligations", "performance_bond")
    assert (b["due"], b["due_included"], b["due_cn"]) == ("2025-09-29T00:00:00+08:00", False, "2025年9月28日24时")


def test_passing_the_same_story_written_in_utc_and_in_beijing_time_gives_the_same_report():
    # one stream written two ways: every verdict, date, amount and finding equal
    beijing = [SIGN, interruption("i", "2025-10-05T09:00:00+08:00", sub=14),
               buyer_notice("n", "2025-10-06T10:00:00+08:00", "i"),
               f("d", "data_leak_discovered", "2025-10-11T23:30:00+08:00", cause="supplier"),
               notice("m", "2025-10-12T01:30:00+08:00", "乙方", "甲方", "data_leak", "fax", ref="d")]
    utc = [SIGN_Z, interruption("i", "2025-10-05T01:00:00Z", sub=14), buyer_notice("n", "2025-10-06T02:00:00Z", "i"),
           f("d", "data_leak_discovered", "2025-10-11T15:30:00Z", cause="supplier"),
           notice("m", "2025-10-11T17:30:00Z", "乙方", "甲方", "data_leak", "fax", ref="d")]
    a, b = run(beijing, "2025-10-20T00:00:00+08:00"), run(utc, "2025-10-19T16:00:00Z")
    assert verdicts(a) == verdicts(b)
    assert a["obligations"] == b["obligations"] and a["remedies"] == b["remedies"]
    # hand count: notice 10-06 (holiday) → 5 days 10-07 .. 10-11 (Sat, make-up working day: not moved) → due 10-12
    assert obl(a, "resolve_interruption") == [("i", "violated", "2025-10-12T00:00:00+08:00", None)]
    assert rem(a, "interruption_damages")[0][1:] == ("held", "2025-10-12T00:00:00+08:00", "4100.00")  # 1% × 410,000
    assert obl(a, "breach_notice") == [("d", "fulfilled", "2025-10-12T01:30:00+08:00", "2025-10-12T01:30:00+08:00")]


@pytest.mark.parametrize("sent, triggered, due", [
    # 8.2: 5 days from the day the notice is delivered (fax: its confirmation time), start day excluded.
    # 23:59:59 on Tue 09-23 → 09-24 .. 09-28; Sun 09-28 is a make-up working day → not moved → due 09-29T00:00.
    ("2025-09-23T23:59:59+08:00", "2025-09-23T23:59:59+08:00", "2025-09-29T00:00:00+08:00"),
    # one second later, written in UTC: 09-24 00:00 Beijing → 09-25 .. Mon 09-29 (working) → due 09-30T00:00.
    ("2025-09-23T16:00:00Z", "2025-09-24T00:00:00+08:00", "2025-09-30T00:00:00+08:00"),
    # written in UTC-5, the 23rd there: 09-24 00:00 Beijing all the same.
    ("2025-09-23T11:00:00-05:00", "2025-09-24T00:00:00+08:00", "2025-09-30T00:00:00+08:00"),
])
def test_passing_repair_notice_at_midnight_beijing_written_in_other_zones(sent, triggered, due):
    i = interruption("i", "2025-09-23T09:00:00+08:00")
    rep = run([SIGN, i, buyer_notice("n", sent, "i")], "2025-10-01T00:00:00+08:00")
    got = [(o["status"], o["triggered_at"], o["due"]) for o in rows(rep, "obligations", "resolve_interruption")]
    assert got == [("violated", triggered, due)]
    assert rem(rep, "interruption_damages")[0][1:] == ("held", due, "1757.00")
    # 2.1(3) "超5日" counts from the interruption (09-23): 09-24 .. 09-28, a term not moved → since 09-29T00:00
    assert rem(rep, "bond_deduction") == [("i", "held", "2025-09-29T00:00:00+08:00", None)]


def test_passing_a_day_alone_interruption_and_a_notice_on_that_beijing_day_written_in_utc_minus_5():
    # the interruption known by its day 09-24 alone; the notice at 2025-09-23T20:00-05:00 = 09-24 09:00 Beijing: the
    # same Beijing day, so a notice about it (its order that day unknown) — the 5 days run 09-25 .. 09-29 → 09-30.
    # "超5日" from the 24th: 09-25 .. 09-29 → since 09-30T00:00.
    i = interruption("i", "2025-09-24")
    rep = run([SIGN, i, buyer_notice("n", "2025-09-23T20:00:00-05:00", "i")], "2025-10-01T00:00:00+08:00")
    assert obl(rep, "resolve_interruption") == [("i", "violated", "2025-09-30T00:00:00+08:00", None)]
    assert rem(rep, "bond_deduction") == [("i", "held", "2025-09-30T00:00:00+08:00", None)]


def test_passing_a_notice_before_the_interruption_in_beijing_time_starts_nothing():
    # for 乙方: the notice at 09-24 09:00 Beijing (written 09-23T20:00-05:00, "after" only in UTC-5 wall time if one
    # misreads the date) precedes the 10:00 interruption it names: not a notice of it (8.2) — no repair duty, no 1%.
    i = interruption("i", "2025-09-24T10:00:00+08:00")
    rep = run([SIGN, i, buyer_notice("n", "2025-09-23T20:00:00-05:00", "i")], "2025-10-01T00:00:00+08:00")
    assert obl(rep, "resolve_interruption") == []
    assert rem(rep, "interruption_damages") == []
    assert rem(rep, "bond_deduction") == [("i", "held", "2025-09-30T00:00:00+08:00", None)]  # 09-25 .. 09-29


def test_passing_24_00_is_refused_with_a_chinese_explanation(tmp_path):
    # a deadline "24:00 Beijing" written as such: the interface's ISO instants do not take it; the refusal says in
    # Chinese that 24:00 is the next day's 00:00 and an act then is late — exit 1, no traceback
    n = notice("n", "2025-10-01T24:00:00+08:00", "乙方", "甲方", "data_leak", "fax", ref="d")
    r = cli([SIGN, LEAK_Z, n], "2025-10-03", tmp_path)
    assert r.returncode == 1, r.stdout
    assert "Traceback" not in r.stderr + r.stdout
    out = r.stdout + r.stderr
    assert "不写 24:00" in out and "次日 0 时" in out and "已逾期" in out


# ---------------------------------------------------------------------------------------------------- (b) periods

@pytest.mark.parametrize("resolved, status, damages", [
    # notice delivered Mon 10-06 10:00 (National Day): 5 days 10-07 .. 10-11; Sat 10-11 is a make-up working day, so
    # the last day stays 10-11 → due 2025-10-12T00:00.
    ("2025-10-11T23:59:59+08:00", "fulfilled", []),
    ("2025-10-11T16:00:00Z", "violated", ["1757.00"]),        # 10-12 00:00 Beijing: late, ¥175,700.00 × 1%
])
def test_passing_repair_due_on_the_make_up_saturday(resolved, status, damages):
    i = interruption("i", "2025-10-05T09:00:00+08:00")
    r = f("r", "service_interruption_resolved", resolved, subproject=3)
    rep = run([SIGN, i, buyer_notice("n", "2025-10-06T10:00:00+08:00", "i"), r], "2025-10-20T00:00:00+08:00")
    [o] = rows(rep, "obligations", "resolve_interruption")
    assert (o["status"], o["due"]) == (status, "2025-10-12T00:00:00+08:00")
    assert [a for _, _, _, a in rem(rep, "interruption_damages")] == damages
    # for 甲方: 2.1(3) "超5日" is a term from the interruption (10-05): 10-06 .. 10-10, not moved by the holiday →
    # the deduction right since 10-11T00:00 whichever day the repair came
    assert rem(rep, "bond_deduction") == [("i", "held", "2025-10-11T00:00:00+08:00", None)]


@pytest.mark.parametrize("method, sent, delivered, due", [
    # 甲方's letter about an outage of Thu 09-25 10:00 (written 02:00Z); in the city, deemed on the 3rd day after
    # sending, not moved (10.3.3, 10.3.4) — both make-up days are deemed-delivery days here:
    # sent 09-25 (03:00Z = 11:00) → Sun 09-28 (make-up); 5 days 09-29 .. 10-03 (holiday) → Thu 10-09 → due 10-10T00:00
    ("express", "2025-09-25T03:00:00Z", "2025-09-28T00:00:00+08:00", "2025-10-10T00:00:00+08:00"),
    ("registered_mail", "2025-09-25", "2025-09-28T00:00:00+08:00", "2025-10-10T00:00:00+08:00"),
    # sent Wed 10-08 (holiday) → Sat 10-11 (make-up); 5 days 10-12 .. Thu 10-16 → due 10-17T00:00
    ("express", "2025-10-08", "2025-10-11T00:00:00+08:00", "2025-10-17T00:00:00+08:00"),
])
def test_passing_repair_from_a_letter_deemed_delivered_on_a_make_up_day(method, sent, delivered, due):
    i = interruption("i", "2025-09-25T02:00:00Z")
    rep = run([SIGN, i, buyer_notice("n", sent, "i", method=method)], "2025-10-20T00:00:00+08:00")
    assert [e["at"] for e in rows(rep, "events", "notice_delivered")] == [delivered]
    [o] = rows(rep, "obligations", "resolve_interruption")
    assert (o["status"], o["triggered_at"], o["due"]) == ("violated", delivered, due)


@pytest.mark.parametrize("as_of, status", [
    ("2025-10-11T23:59:59+08:00", "active"),
    ("2025-10-11T15:59:59Z", "active"),
    ("2025-10-12T00:00:00+08:00", "violated"),
    ("2025-10-11T16:00:00Z", "violated"),
    ("2025-10-12", "violated"),
])
def test_passing_repair_report_at_the_last_second_and_at_the_due_instant(as_of, status):
    i = interruption("i", "2025-10-05T09:00:00+08:00")
    rep = run([SIGN, i, buyer_notice("n", "2025-10-06T10:00:00+08:00", "i")], as_of)
    assert obl(rep, "resolve_interruption") == [("i", status, "2025-10-12T00:00:00+08:00", None)]
    assert len(rem(rep, "interruption_damages")) == (status == "violated")


@pytest.mark.parametrize("sent, method, status, delivered", [
    # 8.4: force majeure Tue 09-30 10:00; 2 days 10-01, 10-02 — the last day in the holiday (10-01 .. 10-08) → the day
    # after it ends, Thu 10-09 → due 10-10T00:00.
    ("2025-10-09T15:59:59Z", "fax", "fulfilled", "2025-10-09T23:59:59+08:00"),
    ("2025-10-09T16:00:00Z", "fax", "violated", "2025-10-10T00:00:00+08:00"),
    # express in the city: deemed on the 3rd day after dispatch, not moved (10.3.3): sent 10-06 → 10-09, in time;
    # sent 10-07 → Fri 10-10, late.  Registered mail posted 10-06 10:00 → 10-09 (10.3.4).
    ("2025-10-06", "express", "fulfilled", "2025-10-09T00:00:00+08:00"),
    ("2025-10-07", "express", "violated", "2025-10-10T00:00:00+08:00"),
    ("2025-10-06T10:00:00+08:00", "registered_mail", "fulfilled", "2025-10-09T00:00:00+08:00"),
])
def test_passing_force_majeure_notice_across_the_national_day(sent, method, status, delivered):
    fm = f("fm", "force_majeure_occurred", "2025-09-30T10:00:00+08:00", party="乙方")
    rep = run([SIGN, fm, notice("n", sent, "乙方", "甲方", "force_majeure", method, ref="fm")],
              "2025-10-20T00:00:00+08:00")
    assert obl(rep, "force_majeure_notice") == [("fm", status, "2025-10-10T00:00:00+08:00", delivered)]
    assert [e["at"] for e in rows(rep, "events", "notice_delivered")] == [delivered]


def test_passing_day_alone_force_majeure_and_a_notice_early_that_beijing_day_in_utc():
    # force majeure on Thu 09-25 (day alone); 2 days 09-26, Sat 09-27 (rest) → Sun 09-28, a make-up working day →
    # due 09-29T00:00.  The fax at 2025-09-24T17:00Z is 09-25 01:00 Beijing: that day, so a notice of the event.
    fm = f("fm", "force_majeure_occurred", "2025-09-25", party="乙方")
    rep = run([SIGN, fm, notice("n", "2025-09-24T17:00:00Z", "乙方", "甲方", "force_majeure", "fax", ref="fm")],
              "2025-10-20T00:00:00+08:00")
    assert obl(rep, "force_majeure_notice") == [("fm", "fulfilled", "2025-09-29T00:00:00+08:00",
                                                 "2025-09-25T01:00:00+08:00")]


@pytest.mark.parametrize("paid, status, damages, power", [
    # installment 1 due 2025-08-05T00:00 (seedfacts PAY_1).  ¥6,980.00 per day begun from the due instant.
    ("2025-08-04T15:59:59Z", "fulfilled", None, False),            # 08-04 23:59:59 Beijing: in time
    ("2025-08-04T16:00:00Z", "violated", "6980.00", False),        # 08-05 00:00: 1 day begun
    ("2025-08-19T15:59:59Z", "violated", "104700.00", False),      # 08-19 23:59:59: 08-05 .. 08-19 = 15 days, not "超出"
    ("2025-08-19T16:00:00Z", "violated", "111680.00", True),       # 08-20 00:00: 16th day, over 15 → power + 5%
])
def test_passing_payment_at_midnight_written_in_utc(paid, status, damages, power):
    p = f("p", "payment_made", paid, installment=1, amount="3490000.00")
    rep = run(PAY_1 + [p], "2025-09-01T00:00:00+08:00")
    [o] = rows(rep, "obligations", "pay_installment_1")
    assert (o["status"], o["due"]) == (status, "2025-08-05T00:00:00+08:00")
    assert [a for *_, a in rem(rep, "late_payment_damages")] == ([damages] if damages else [])
    assert rem(rep, "supplier_termination") == (
        [("pay_installment_1#1.violated", "held", "2025-08-20T00:00:00+08:00", "349000.00")] if power else [])


@pytest.mark.parametrize("review, expect", [
    # signed 2024-09-25 10:00 → service year ends 2025-09-25 24:00 (service_end 09-26T00:00).  乙方 applies Fri
    # 2025-09-26 10:00 (written 02:00Z).  10 working days: Sun 09-28 (make-up) 1, 09-29 2, 09-30 3, [10-01 .. 10-08
    # off], 10-09 4, 10-10 5, Sat 10-11 (make-up) 6, 10-13 7, 10-14 8, 10-15 9, 10-16 10 → due 2025-10-17T00:00.
    (None, "deemed"),
    ("2025-10-16T15:59:59Z", "reviewed"),      # 10-16 23:59:59 Beijing: in time
    ("2025-10-16T16:00:00Z", "deemed"),        # 10-17 00:00: late — acceptance deemed at the due instant
])
def test_passing_acceptance_review_across_both_make_up_days(review, expect):
    facts = [f("c", "contract_signed", "2024-09-25T10:00:00+08:00"), f("a", "acceptance_applied", "2025-09-26T02:00:00Z")]
    if review:
        facts.append(f("rv", "acceptance_review_completed", review, passed=True))
    rep = run(facts, "2025-11-20T00:00:00+08:00")
    assert [e["at"] for e in rows(rep, "events", "service_end")] == ["2025-09-26T00:00:00+08:00"]
    [o] = rows(rep, "obligations", "acceptance_review")
    assert o["due"] == "2025-10-17T00:00:00+08:00"
    if expect == "deemed":
        assert o["status"] == "violated"
        assert [e["at"] for e in rows(rep, "events", "deemed_acceptance")] == ["2025-10-17T00:00:00+08:00"]
        # deemed at the end of 10-16 → counted from 10-17: release_bond 30 days 10-17 .. Sat 11-15 → Mon 11-17 →
        # 11-18T00:00; handover 1 month from 10-16 → Sun 11-16 → Mon 11-17 → 11-18T00:00
        assert [o["due"] for o in rows(rep, "obligations", "release_bond")] == ["2025-11-18T00:00:00+08:00"]
        assert [o["due"] for o in rows(rep, "obligations", "handover")] == ["2025-11-18T00:00:00+08:00"]
    else:
        assert (o["status"], o["fulfilled_at"]) == ("fulfilled", "2025-10-16T23:59:59+08:00")
        # the meeting: 10 working days after 10-16: 10-17, 10-20 .. 10-24, 10-27 .. 10-30 → due 10-31T00:00, missed →
        # deemed then; release and handover from 10-31: 30 days → Sat 11-29 → Mon 12-01; 1 month → Sun 11-30 → 12-01
        assert obl(rep, "acceptance_meeting") == [("rv", "violated", "2025-10-31T00:00:00+08:00", None)]
        assert [e["at"] for e in rows(rep, "events", "deemed_acceptance")] == ["2025-10-31T00:00:00+08:00"]
        assert [o["due"] for o in rows(rep, "obligations", "release_bond")] == ["2025-12-02T00:00:00+08:00"]
        assert [o["due"] for o in rows(rep, "obligations", "handover")] == ["2025-12-02T00:00:00+08:00"]
    # 2.1(1) from the signing in 2024: 3 months → Wed 2024-12-25 (working) → due 12-26T00:00, never given: violated
    assert obl(rep, "performance_bond") == [("c", "violated", "2024-12-26T00:00:00+08:00", None)]


@pytest.mark.parametrize("given, status, fulfilled", [
    # 2.1(1): 3 months from 06-27 → Sat 09-27 (rest) → Sun 09-28, a make-up working day → due 09-29T00:00
    ("2025-09-28T15:59:59Z", "fulfilled", "2025-09-28T23:59:59+08:00"),
    ("2025-09-28T16:00:00Z", "violated", "2025-09-29T00:00:00+08:00"),
])
def test_passing_performance_bond_on_the_make_up_sunday_written_in_utc(given, status, fulfilled):
    # valid until 2026-09-28: beyond the service year's end (2026-06-27) + 3 months (2026-09-27), as 2.1(1) asks
    g = f("g", "guarantee_submitted", given, purpose="performance", amount="349000.00", valid_until="2026-09-28")
    rep = run([SIGN_Z, g], "2025-10-01T00:00:00+08:00")
    assert obl(rep, "performance_bond") == [("c", status, "2025-09-29T00:00:00+08:00", fulfilled)]


@pytest.mark.parametrize("signed_at, status, fulfilled", [
    # personal delivery (10.3.1): delivered when the receiver signs.  Leak 23:30 Beijing → due 01:30 the next day.
    ("2025-10-01T12:30:00-05:00", "fulfilled", "2025-10-02T01:30:00+08:00"),  # 01:30 Beijing, written in UTC-5
    ("2025-10-02T01:30:00", "fulfilled", "2025-10-02T01:30:00+08:00"),        # no offset: contract time
    ("2025-10-01T17:30:01Z", "violated", "2025-10-02T01:30:01+08:00"),
    ("2025-10-01", "fulfilled", "2025-10-01T23:40:00+08:00"),   # signed that day, after the 23:40 hand-over: in time
])
def test_passing_personal_delivery_signed_in_another_zone(signed_at, status, fulfilled):
    n = notice("n", "2025-10-01T15:40:00Z", "乙方", "甲方", "data_leak", "personal", ref="d", signed_at=signed_at)
    rep = run([SIGN, LEAK_Z, n], "2025-10-03T00:00:00+08:00")
    assert obl(rep, "breach_notice") == [("d", status, "2025-10-02T01:30:00+08:00", fulfilled)]


@pytest.mark.parametrize("sent, status", [
    # a leak 甲方 found itself (10-05); its express letter sent 10-06 is deemed delivered on 10-09, a day alone: 乙方's
    # 2 hours run from some instant of 10-09 — they end by 10-10 02:00 at the latest, and 02:00 itself is already
    # past every possible end (the delivery is before 24:00) — late; 23:00 on 10-09 is in doubt (in time only if the
    # letter came after 21:00).
    ("2025-10-09T18:00:00Z", "violated"),           # 10-10 02:00 Beijing
    ("2025-10-09T23:00:00+08:00", "undetermined"),
])
def test_passing_two_hours_from_a_delivery_known_by_its_day(sent, status, tmp_path):
    d = f("d", "data_leak_discovered", "2025-10-05T10:00:00+08:00", cause="supplier", found_by="甲方")
    facts = [SIGN_Z, d, notice("bn", "2025-10-06", "甲方", "乙方", "data_leak", "express", ref="d"),
             notice("m", sent, "乙方", "甲方", "data_leak", "fax", ref="d")]
    rep = run(facts, "2025-10-20T00:00:00+08:00")
    [o] = rows(rep, "obligations", "breach_notice")
    assert (o["status"], o["triggered_at"], o["due"]) == (status, "2025-10-09T00:00:00+08:00", "2025-10-10T02:00:00+08:00")
    # the latest end is not itself in time; the earliest (delivery at 10-09 00:00) is 10-09 02:00
    assert (o["due_included"], o["due_not_before"]) == (False, "2025-10-09T02:00:00+08:00")
    if status == "violated":
        r = cli(facts, "2025-10-20", tmp_path, fmt="text")
        block = r.stdout.split("数据泄露书面通知（breach_notice） 乙方 → 甲方：")[1].split("\n\n")[0]
        assert block.startswith("已违约")
        assert "2025年10月9日（时刻不明）" in block
        assert "（2025年10月10日2时 本身已逾期）" in block and "（该时刻起逾期）" in block


BOND_HELD = compile_file(SEED_RULES, assume={"deduction_needs_bond": "bond held"})


@pytest.mark.parametrize("found, default, held", [
    # the performance bond valid until 2026-09-28 (a date: through its 24:00 Beijing, 2.1(2) "到期自动失效").  A leak
    # at 23:59:59 that day (15:59:59Z): the bond still held — a right on either reading; at 00:00 the next day (16:00Z):
    # no bond — "regardless": the right with deduction_without_bond; "bond held": no right.
    ("2026-09-28T15:59:59Z", ("held", "2026-09-28T23:59:59+08:00", []), True),
    ("2026-09-28T16:00:00Z", ("held", "2026-09-29T00:00:00+08:00", ["deduction_without_bond"]), False),
])
def test_passing_a_leak_at_the_bonds_last_second_written_in_utc(found, default, held):
    g = f("g", "guarantee_submitted", "2025-07-01T02:00:00Z", purpose="performance", amount="349000.00",
          valid_until="2026-09-28")
    d = f("d", "data_leak_discovered", found, cause="supplier")
    rep = run([SIGN, g, d], "2026-10-10T00:00:00+08:00")
    status, since, warn = default
    assert rem(rep, "bond_deduction") == [("d", status, since, None)] and codes(rep) == warn
    rep = run([SIGN, g, d], "2026-10-10T00:00:00+08:00", BOND_HELD)
    assert rem(rep, "bond_deduction") == ([("d", "held", since, None)] if held else [])


@pytest.mark.parametrize("as_of, deemed", [
    ("2025-10-16T15:59:59Z", False),   # 10-16 23:59:59: the review still open (due 10-17T00:00)
    ("2025-10-16T16:00:00Z", True),    # 10-17 00:00: missed — acceptance deemed at that instant (5.2.3)
    ("2025-10-17", True),
])
def test_passing_deemed_acceptance_asked_at_the_last_second_and_at_the_instant(as_of, deemed, tmp_path):
    facts = [S24, f("a", "acceptance_applied", "2025-09-26T02:00:00Z")]
    rep = run(facts, as_of)
    assert obl(rep, "acceptance_review") == [("a", "violated" if deemed else "active", "2025-10-17T00:00:00+08:00", None)]
    assert [e["at"] for e in rows(rep, "events", "deemed_acceptance")] == (["2025-10-17T00:00:00+08:00"] if deemed else [])
    if as_of == "2025-10-16T16:00:00Z":
        r = cli(facts, as_of, tmp_path, fmt="text")
        out = r.stdout
        assert "事件 视为验收合格（deemed_acceptance）：2025年10月16日24时（2025-10-17T00:00:00+08:00）" in out
        assert ("第1日 2025年9月28日（星期日，调休上班日（国庆节调休））" in out
                and "第6日 2025年10月11日（星期六，调休上班日（国庆节调休））" in out
                and "第10日 2025年10月16日（星期四，工作日）" in out)
        assert "2025年10月6日（星期一，法定节假日（中秋节））" in out


# ---------------------------------------------------------------------------------------------------- (c) several reports

STREAM = [SIGN_Z, interruption("i", "2025-09-24T10:00:00+08:00"), buyer_notice("n", "2025-09-24T03:00:00Z", "i")]
# notice 09-24 11:00 Beijing → 5 days 09-25 .. Mon 09-29 → due 09-30T00:00; "超5日" 09-25 .. 09-29 → 09-30T00:00


def test_passing_evaluate_many_is_each_report_whatever_the_notation():
    instants = ["2025-09-29T00:00:00+08:00", "2025-09-30T00:00:00+08:00", "2025-09-29T15:59:59Z", "2025-09-30",
                "2025-09-29T16:00:00Z"]
    many = SEED.evaluate_many(lines(STREAM), instants)
    assert [r["as_of"] for r in many] == ["2025-09-29T00:00:00+08:00", "2025-09-30T00:00:00+08:00",
                                          "2025-09-29T23:59:59+08:00", "2025-09-30T00:00:00+08:00",
                                          "2025-09-30T00:00:00+08:00"]
    for at, report in zip(instants, many):
        assert report == SEED.evaluate(lines(STREAM), at)
    assert [obl(r, "resolve_interruption")[0][1] for r in many] == ["active", "violated", "active", "violated",
                                                                    "violated"]
    assert many[1] == many[3] == many[4]


def test_passing_python_instants_of_any_zone_and_naive_ones_are_contract_time():
    # as_of given to the API as datetimes: UTC, naive (contract time), a date, Asia/Shanghai, New York (EDT, -4:00)
    from datetime import datetime, timezone
    from zoneinfo import ZoneInfo

    instants = [datetime(2025, 9, 29, 16, 0, tzinfo=timezone.utc), datetime(2025, 9, 29, 23, 59, 59), date(2025, 9, 30),
                datetime(2025, 9, 30, 0, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
                datetime(2025, 9, 29, 11, 0, tzinfo=ZoneInfo("America/New_York"))]
    many = SEED.evaluate_many(lines(STREAM), instants)
    assert [r["as_of"] for r in many] == ["2025-09-30T00:00:00+08:00", "2025-09-29T23:59:59+08:00",
                                          "2025-09-30T00:00:00+08:00", "2025-09-30T00:00:00+08:00",
                                          "2025-09-29T23:00:00+08:00"]
    assert [obl(r, "resolve_interruption")[0][1] for r in many] == ["violated", "active", "violated", "violated",
                                                                    "active"]
    for at, report in zip(instants, many):
        assert report == SEED.evaluate(lines(STREAM), at)
    s = SEED.session()
    for x in STREAM:
        s.add(x)
    s.advance(datetime(2025, 9, 29, 15, 59, 59, tzinfo=timezone.utc))
    assert s.report() == many[1]
    s.advance(datetime(2025, 9, 30, 0, 0))
    assert s.report() == many[2]


def test_passing_cli_as_of_a_b_c_keys_each_instant_once(tmp_path):
    # three instants, two of them the same moment (09-30 00:00 written bare and in UTC): one report each moment
    r = cli(STREAM, "2025-09-29T15:59:59Z,2025-09-30,2025-09-29T16:00:00Z", tmp_path)
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert list(got) == ["2025-09-29T23:59:59+08:00", "2025-09-30T00:00:00+08:00"]
    for key, report in got.items():
        one = SEED.evaluate(lines(STREAM), key)
        assert verdicts(report) == verdicts(one)
    assert obl(got["2025-09-29T23:59:59+08:00"], "resolve_interruption")[0][1] == "active"
    assert obl(got["2025-09-30T00:00:00+08:00"], "resolve_interruption")[0][1] == "violated"


def test_passing_session_fed_fact_by_fact_in_utc_is_eval_at_each_clock():
    facts = [SIGN_Z, interruption("i", "2025-10-05T01:00:00Z", sub=14), buyer_notice("n", "2025-10-06T02:00:00Z", "i"),
             f("d", "data_leak_discovered", "2025-10-11T15:30:00Z", cause="supplier"),
             notice("m", "2025-10-11T17:30:00Z", "乙方", "甲方", "data_leak", "fax", ref="d")]
    s = SEED.session()
    said, texts = [], []
    for k, x in enumerate(facts, 1):
        s.add(x)
        got = s.changes()
        said += [(c["code"], c["at"]) for c in got]
        texts += [c["text"] for c in got if c["code"] == "obligation_violated"]
        assert s.report() == SEED.evaluate(lines(facts[:k]), s.clock.isoformat())
    s.advance("2025-10-12T17:30:00Z")
    later = s.changes()
    said += [(c["code"], c["at"]) for c in later]
    # said in Beijing time, the deadline as 24:00 of its last day
    [v] = [t for t in texts + [c["text"] for c in later if c["code"] == "obligation_violated"]
           if "resolve_interruption" in t]
    assert v.startswith("2025年10月12日0时") and "期限 2025年10月11日24时 已过，乙方 未履行" in v
    assert ("obligation_violated", "2025-10-12T00:00:00+08:00") in said     # the repair, at 10-11's 24:00
    assert ("obligation_fulfilled", "2025-10-12T01:30:00+08:00") in said    # the leak notice, at its 2-hour end
    rep = s.report()
    assert rep == SEED.evaluate(lines(facts), "2025-10-13T01:30:00+08:00")
    assert obl(rep, "resolve_interruption") == [("i", "violated", "2025-10-12T00:00:00+08:00", None)]


def test_passing_session_takes_a_day_alone_fact_of_the_clocks_beijing_day_not_of_the_utc_day():
    # clock 2025-10-11T16:30Z = 10-12 00:30 Beijing: a fact of "2025-10-11" alone is an earlier Beijing day — refused;
    # one of "2025-10-12" alone is of the clock's day — taken (it may be later that day).
    i = interruption("i", "2025-10-05T09:00:00+08:00")
    n = buyer_notice("n", "2025-10-06T10:00:00+08:00", "i")
    s = SEED.session()
    for x in (SIGN, i, n):
        s.add(x)
    s.advance("2025-10-11T16:30:00Z")
    with pytest.raises(QiyueError) as e:
        s.add(f("r0", "service_interruption_resolved", "2025-10-11", subproject=3))
    assert "早于实时评估的时钟" in str(e.value)
    r = f("r", "service_interruption_resolved", "2025-10-12", subproject=3)
    s.add(r)
    rep = s.report()
    assert rep == SEED.evaluate(lines([SIGN, i, n, r]), "2025-10-12T00:30:00+08:00")
    assert obl(rep, "resolve_interruption") == [("i", "violated", "2025-10-12T00:00:00+08:00", None)]


def test_passing_session_takes_a_repeat_in_utc_as_nothing_and_refuses_a_correction():
    # (e) in a live session: the interruption again under its id, its instant in UTC — one fact, nothing added; again
    # with 甲方's cause — refused in Chinese naming line 2 and the field, nothing of it kept; the report is eval's
    i = interruption("i", "2025-09-24T10:00:00+08:00")
    s = SEED.session()
    s.add(SIGN)
    s.add(i)
    assert s.add({**i, "at": "2025-09-24T02:00:00Z"}) == []
    with pytest.raises(QiyueError) as e:
        s.add({**i, "cause": "buyer"})
    assert "第 2 行" in str(e.value) and "cause" in str(e.value)
    s.advance("2025-10-01")
    rep = s.report()
    assert rep == SEED.evaluate(lines([SIGN, i]), "2025-10-01")
    assert rem(rep, "bond_deduction") == [("i", "held", "2025-09-30T00:00:00+08:00", None)]  # 09-25 .. 09-29


def test_passing_a_repair_of_the_last_day_alone_is_in_time_once_that_day_is_over():
    # resolved "2025-10-11" (day alone, the make-up Saturday, last day): at 10-11 12:00 it may be later that day —
    # not yet counted (day_alone_at_as_of), not violated either; at 10-12 00:00 (written in UTC) it is in time.
    i = interruption("i", "2025-10-05T09:00:00+08:00")
    facts = [SIGN, i, buyer_notice("n", "2025-10-06T10:00:00+08:00", "i"),
             f("r", "service_interruption_resolved", "2025-10-11", subproject=3)]
    inside, after = SEED.evaluate_many(lines(facts), ["2025-10-11T12:00:00+08:00", "2025-10-11T16:00:00Z"])
    assert obl(inside, "resolve_interruption")[0][1] not in ("violated", "fulfilled")
    assert "day_alone_at_as_of" in codes(inside)
    assert obl(after, "resolve_interruption") == [("i", "fulfilled", "2025-10-12T00:00:00+08:00",
                                                   "2025-10-11T00:00:00+08:00")]
    assert rem(after, "interruption_damages") == []


# ---------------------------------------------------------------------------------------------------- (d) the end

@pytest.mark.parametrize("started, duties", [
    # signed 2025-06-27 10:00: the service year ends at 24:00 of Sat 2026-06-27 (1.4, a term, not moved).
    ("2026-06-27T23:59:59+08:00", True),    # within the year: 8.2 and 三.4 apply
    ("2026-06-27T16:00:00Z", False),        # 06-28 00:00 Beijing: after it (operations_after_service_period)
])
def test_passing_interruption_at_the_last_second_of_the_service_year(started, duties):
    i = interruption("i", started)
    k = f("k", "security_incident_found", started)
    rep = run([SIGN, i, k, buyer_notice("n", "2026-06-28T10:00:00+08:00", "i")], "2026-07-10T00:00:00+08:00")
    assert [e["at"] for e in rows(rep, "events", "service_end")] == ["2026-06-28T00:00:00+08:00"]
    # 2.2(4): 30 days from the end day 06-27: 06-28 .. Mon 07-27 → due 07-28T00:00
    assert [o["due"] for o in rows(rep, "obligations", "organize_acceptance")] == ["2026-07-28T00:00:00+08:00"]
    if duties:
        # notice Sun 06-28: 06-29 .. Fri 07-03 → due 07-04T00:00; "超5日" from 06-27: 06-28 .. 07-02 → 07-03T00:00;
        # 三.4: 23:59:59 + 2 h = 06-28 01:59:59
        assert obl(rep, "resolve_interruption") == [("i", "violated", "2026-07-04T00:00:00+08:00", None)]
        assert rem(rep, "bond_deduction") == [("i", "held", "2026-07-03T00:00:00+08:00", None)]
        assert rem(rep, "interruption_damages")[0][1:] == ("held", "2026-07-04T00:00:00+08:00", "1757.00")
        assert obl(rep, "security_incident_notice") == [("k", "violated", "2026-06-28T01:59:59+08:00", None)]
    else:
        assert obl(rep, "resolve_interruption") == obl(rep, "security_incident_notice") == []
        assert rem(rep, "bond_deduction") == rem(rep, "interruption_damages") == []


def test_passing_facts_after_a_public_interest_termination_are_read_or_ignored_by_what_survives():
    # 甲方 ends the contract at 09-10 11:00 Beijing (written 03:00Z) on the harm found at 10:00 (3.1.3).
    facts = [SIGN, f("h", "public_interest_harm_found", "2025-09-10T10:00:00+08:00"),
             f("t", "termination_notified", "2025-09-10T03:00:00Z", party="甲方", ground="public_interest"),
             interruption("i", "2025-09-12T10:00:00+08:00"), buyer_notice("n", "2025-09-12T11:00:00+08:00", "i"),
             f("d", "data_leak_discovered", "2025-09-15T10:00:00+08:00", cause="supplier"),
             f("g", "guarantee_submitted", "2025-09-20T10:00:00+08:00", purpose="performance", amount="349000.00",
               valid_until="2026-12-31")]
    rep = run(facts, "2025-10-01T00:00:00+08:00")
    life = rep["contract_life"]
    assert (life["ended"], life["ended_by"], life["trigger"]) == ("2025-09-10T11:00:00+08:00", "buyer_terminates", "t")
    # the bond, due 09-29, is discharged (第566条); the guarantee given after the end fulfils nothing
    assert obl(rep, "performance_bond") == [("c", "discharged", "2025-09-29T00:00:00+08:00", None)]
    # the interruption after the end: no repair duty, no 1%, no deduction (operations ended with the contract)
    assert obl(rep, "resolve_interruption") == [] and rem(rep, "bond_deduction") == []
    # the leak after the end: the 2-hour written notice survives (附件2 六, leak_notice_after_end), the "立即" one of
    # 三.4 does not (in operations only): due 12:00, none given
    assert obl(rep, "breach_notice") == [("d", "violated", "2025-09-15T12:00:00+08:00", None)]
    assert obl(rep, "security_incident_notice") == []
    # 附件2 六: 3 years after cooperation ends (09-10): 09-11 .. 2028-09-10 → 2028-09-11T00:00
    assert [o["due"] for o in rows(rep, "obligations", "confidentiality")] == ["2028-09-11T00:00:00+08:00"]
    assert rem(rep, "buyer_termination") == [("h", "exercised", "2025-09-10T10:00:00+08:00", None)]


@pytest.mark.parametrize("rules, amount", [
    # paid 08-25 10:00 after 乙方 ended the contract 08-20 09:00: days begun 08-05 .. 08-25 = 21 × ¥6,980.00
    (SEED, "146580.00"),
    # damages_after_termination "until the contract ends": 08-05 .. 08-20 = 16 × ¥6,980.00
    (UNTIL_END, "111680.00"),
])
def test_passing_payment_after_the_suppliers_termination_and_a_second_termination(rules, amount):
    facts = PAY_1 + [f("t", "termination_notified", "2025-08-20T01:00:00Z", party="乙方", ground="late_payment"),
                     f("p", "payment_made", "2025-08-25T02:00:00Z", installment=1, amount="3490000.00"),
                     interruption("i", "2025-08-21T10:00:00+08:00"), buyer_notice("n", "2025-08-21T11:00:00+08:00", "i"),
                     f("t2", "termination_notified", "2025-08-23T10:00:00+08:00", party="甲方", ground="public_interest")]
    rep = run(facts, "2025-09-01T00:00:00+08:00", rules)
    assert (rep["contract_life"]["ended"], rep["contract_life"]["ended_by"]) == ("2025-08-20T09:00:00+08:00",
                                                                                  "supplier_terminates")
    assert obl(rep, "pay_installment_1") == [("in", "violated", "2025-08-05T00:00:00+08:00", "2025-08-25T10:00:00+08:00")]
    assert [a for *_, a in rem(rep, "late_payment_damages")] == [amount]
    assert rem(rep, "supplier_termination") == [("pay_installment_1#1.violated", "exercised",
                                                 "2025-08-20T00:00:00+08:00", "349000.00")]
    assert obl(rep, "resolve_interruption") == []
    assert codes(rep) == ["already_terminated"]
    [m] = [x["message"] for x in rep["findings"] if x["code"] == "already_terminated"]
    assert m.startswith("t2：合同已于 2025年8月20日9时 终止") and "合同只能终止一次" in m


@pytest.mark.parametrize("ended, bond", [
    # 甲方 ends the contract (3.1.3, harm found 09-20) at the bond's last second or at its first late instant.  2.1(1):
    # due 2025-09-29T00:00 (3 months → Sat 09-27 → the make-up Sunday 09-28, 24:00).
    ("2025-09-28T15:59:59Z", "discharged"),   # 09-28 23:59:59: ended while the bond could still be given (第566条)
    ("2025-09-28T16:00:00Z", "violated"),     # 09-29 00:00: the 24:00 of 09-28 had passed — the breach came first
])
def test_passing_termination_at_the_bonds_last_second_or_its_first_late_instant(ended, bond):
    facts = [SIGN, f("h", "public_interest_harm_found", "2025-09-20T10:00:00+08:00"),
             f("t", "termination_notified", ended, party="甲方", ground="public_interest")]
    rep = run(facts, "2025-10-10T00:00:00+08:00")
    assert obl(rep, "performance_bond") == [("c", bond, "2025-09-29T00:00:00+08:00", None)]
    # a guarantee handed over at the very instant of the end (23:59:59) is read with it: performed, not discharged
    g = f("g", "guarantee_submitted", "2025-09-28T23:59:59+08:00", purpose="performance", amount="349000.00",
          valid_until="2026-12-31")
    if bond == "discharged":
        rep = run(facts + [g], "2025-10-10T00:00:00+08:00")
        assert obl(rep, "performance_bond") == [("c", "fulfilled", "2025-09-29T00:00:00+08:00",
                                                 "2025-09-28T23:59:59+08:00")]


SUPPLIER_BREACH = compile_file(SEED_RULES, assume={"buyer_termination_cause": "supplier breach is a cause"})


@pytest.mark.parametrize("ended, by, five_percent", [
    # for 乙方 and then for 甲方: 甲方 ends the contract "for other reasons".  Under buyer_termination_cause "supplier
    # breach is a cause", 乙方's unperformed bond (due 2025-09-29T00:00) makes it a termination for breach — if the
    # breach came first.  At 09-28 23:59:59 it had not: 无故中途解除, 5% of ¥6,980,000.00 = ¥349,000.00 to 乙方 (8.3);
    # at 09-29 00:00 (16:00Z) it had: no 5%.
    ("2025-09-28T15:59:59Z", "buyer_without_cause", ["349000.00"]),
    ("2025-09-28T16:00:00Z", "buyer_for_supplier_breach", []),
])
def test_passing_buyers_termination_one_second_either_side_of_the_suppliers_breach(ended, by, five_percent):
    t = f("t", "termination_notified", ended, party="甲方", ground="other")
    rep = run([SIGN, t], "2025-10-10T00:00:00+08:00", SUPPLIER_BREACH)
    assert rep["contract_life"]["ended_by"] == by
    assert [r["amount"] for r in rows(rep, "remedies", "unjustified_termination_damages")] == five_percent


ON_DELIVERY = compile_file(SEED_RULES, assume={"termination_effective": "on delivery of the notice"})


@pytest.mark.parametrize("delivered, ended", [
    # 乙方 decides on 08-19 10:00 and faxes its notice; the contract ends when it arrives (第565条, assumption
    # termination_effective "on delivery").  The power exists from 08-20 00:00 ("逾期超出15天": 08-05 .. 08-19).
    ("2025-08-19T15:59:59Z", None),                           # 08-19 23:59:59: one second too early — no power
    ("2025-08-19T16:00:00Z", "2025-08-20T00:00:00+08:00"),    # 08-20 00:00: the power and the notice together
])
def test_passing_suppliers_notice_arriving_at_midnight_written_in_utc(delivered, ended):
    t = f("t", "termination_notified", "2025-08-19T10:00:00+08:00", party="乙方", ground="late_payment")
    n = notice("n", delivered, "乙方", "甲方", "termination", "fax", ref="t")
    rep = run(PAY_1 + [t, n], "2025-09-01T00:00:00+08:00", ON_DELIVERY)
    assert rep["contract_life"]["ended"] == ended
    # unpaid: ¥6,980.00 for each day begun 08-05 .. 09-01 (the report's instant begins 09-01) = 28 days
    assert [a for *_, a in rem(rep, "late_payment_damages")] == ["195440.00"]
    [power] = rem(rep, "supplier_termination")
    assert power == ("pay_installment_1#1.violated", "exercised" if ended else "held", "2025-08-20T00:00:00+08:00",
                     "349000.00")
    if ended:
        assert codes(rep) == []
    else:
        assert codes(rep) == ["termination_without_right"]
        [m] = [x["message"] for x in rep["findings"] if x["code"] == "termination_without_right"]
        assert "2025年8月19日23时59分59秒" in m and "自 2025年8月19日24时 起才享有" in m and "合同继续有效" in m


@pytest.mark.parametrize("found, duty", [
    # ended 2025-09-10 11:00 (3.1.3): confidentiality until 3 years after (附件2 六): 09-11 .. 2028-09-10 → ends at
    # 2028-09-11T00:00.  A leak at its last second is still within it; one at 00:00 Beijing (16:00Z) is not.
    ("2028-09-10T15:59:59Z", [("d", "violated", "2028-09-11T01:59:59+08:00", None)]),
    ("2028-09-10T16:00:00Z", []),
])
def test_passing_a_leak_at_the_end_of_the_three_years_after_the_end(found, duty):
    facts = [SIGN, f("h", "public_interest_harm_found", "2025-09-10T10:00:00+08:00"),
             f("t", "termination_notified", "2025-09-10T03:00:00Z", party="甲方", ground="public_interest"),
             f("d", "data_leak_discovered", found, cause="supplier")]
    rep = run(facts, "2028-09-20T00:00:00+08:00")
    assert obl(rep, "breach_notice") == duty
    assert [o["due"] for o in rows(rep, "obligations", "confidentiality")] == ["2028-09-11T00:00:00+08:00"]
    assert rem(rep, "bond_deduction") == []   # after the end: no power to deduct


# ---------------------------------------------------------------------------------------------------- (e) twice

def test_passing_the_same_interruption_twice_with_different_ids_is_one_duty():
    # i1 at 02:00Z and i2 at 10:00 Beijing: the same instant, the same sub-project — one interruption (once per
    # s.subproject, s.at): one repair duty (named i1, from the first notice n1 at 11:00: due 09-30T00:00), and
    # repaired 09-29 23:59:59 (written in UTC): in time, and within "超5日" (09-25 .. 09-29) — no deduction.
    facts = [SIGN, interruption("i1", "2025-09-24T02:00:00Z"), interruption("i2", "2025-09-24T10:00:00+08:00"),
             buyer_notice("n1", "2025-09-24T11:00:00+08:00", "i1"), buyer_notice("n2", "2025-09-24T12:00:00+08:00", "i2")]
    rep = run(facts, "2025-10-03T00:00:00+08:00")
    assert obl(rep, "resolve_interruption") == [("i1", "violated", "2025-09-30T00:00:00+08:00", None)]
    assert len(rem(rep, "interruption_damages")) == 1 and len(rem(rep, "bond_deduction")) == 1
    rep = run(facts + [f("r", "service_interruption_resolved", "2025-09-29T15:59:59Z", subproject=3)],
              "2025-10-03T00:00:00+08:00")
    assert obl(rep, "resolve_interruption") == [("i1", "fulfilled", "2025-09-30T00:00:00+08:00",
                                                 "2025-09-29T23:59:59+08:00")]
    assert rem(rep, "interruption_damages") == rem(rep, "bond_deduction") == []


@pytest.mark.parametrize("alt", [dict(at="2025-08-04T02:00:00Z"), dict(at="2025-08-04T10:00+08:00"),
                                 dict(at="2025-08-04T10:00:00"), dict(amount="3490000"), dict(amount=3490000)])
def test_passing_the_same_id_repeated_in_another_notation_is_one_fact(alt):
    # the same payment recorded again, its instant or amount written another way: one fact, one payment (not
    # ¥6,980,000.00 paid), in time (due 08-05T00:00)
    p = f("p", "payment_made", "2025-08-04T10:00:00+08:00", installment=1, amount="3490000.00")
    rep = run(PAY_1 + [p, {**p, **alt}], "2025-09-01T00:00:00+08:00")
    assert obl(rep, "pay_installment_1") == [("in", "fulfilled", "2025-08-05T00:00:00+08:00",
                                              "2025-08-04T10:00:00+08:00")]
    assert codes(rep) == []


def test_passing_a_correction_under_the_same_id_is_refused_naming_both_lines(tmp_path):
    # the interface has no amending fact: a line that "corrects" an earlier one under its id (the cause changed to
    # 甲方's) is an error naming both lines, in Chinese, exit 1 — not a silent second reading
    facts = [SIGN, interruption("i", "2025-09-24T10:00:00+08:00"),
             interruption("i", "2025-09-24T02:00:00Z", cause="buyer")]
    r = cli(facts, "2025-10-01", tmp_path)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    [err] = json.loads(r.stdout)["errors"]
    assert (err["code"], err["line"]) == ("conflicting_id", 3)
    assert "第 2 行" in err["message"] and "cause" in err["message"]


# (the same leak recorded twice — two notice duties, two deductions — is counsel round 36's strict xfail
# test_one_event_recorded_twice_is_one_notice_duty; an interruption recorded again while it lasts, round 14's.  Below:
# the outage twice and the acceptance passed twice warn twice: round 35's.  Below: one more ground of that root.)


S24 = f("c", "contract_signed", "2024-09-25T10:00:00+08:00")  # service year ends 2025-09-25 24:00
APPLIED = [S24, f("a", "acceptance_applied", "2025-09-26T02:00:00Z"),
           f("rv", "acceptance_review_completed", "2025-09-29T02:00:00Z", passed=True)]

# FIXED (was a strict xfail: fixed in the session of 2026-12-07 (14:36–): a finding takes once / once per as a rule does; the seed's deduction_without_bond once per h.at and s.subproject, s.at (as its remedy), release_without_guarantee once)
def test_one_failed_acceptance_recorded_twice_warns_once():
    # signed 2024-09-25 (service year ends 2025-09-25 24:00); applied 09-26; review passed 09-29; the expert acceptance
    # fails 10-09 10:00.  2.1(3) "未通过验收": one right from 10-09 10:00.  5.2.3 resubmission: 30 days 10-10 .. Sat
    # 11-08 → Mon 11-10 → due 11-11T00:00 (assumption rectification_term).
    facts = APPLIED + [f("h1", "acceptance_held", "2025-10-09T02:00:00Z", passed=False),
                       f("h2", "acceptance_held", "2025-10-09T10:00:00+08:00", passed=False)]
    rep = run(facts, "2025-10-20T00:00:00+08:00")
    assert rem(rep, "bond_deduction") == [("h1", "held", "2025-10-09T10:00:00+08:00", None)]   # holds today
    assert obl(rep, "resubmit_acceptance") == [("h1", "active", "2025-11-11T00:00:00+08:00", None)]  # holds today
    assert codes(rep) == ["deduction_without_bond"]                                          # the engine: twice


# ---------------------------------------------------------------------------------------------------- text reports

def test_passing_text_says_the_two_hour_end_is_included_and_one_second_is_late(tmp_path):
    n = notice("n", "2025-10-01T17:30:01Z", "乙方", "甲方", "data_leak", "fax", ref="d")
    r = cli([SIGN_Z, LEAK_Z, n], "2025-10-03", tmp_path, fmt="text")
    assert r.returncode == 0, r.stderr
    block = r.stdout.split("数据泄露书面通知（breach_notice） 乙方 → 甲方：")[1].split("\n\n")[0]
    assert block.startswith("已违约")
    assert "期限  2025年10月2日1时30分（2025-10-02T01:30:00+08:00）（含该时刻）" in block
    assert "2025年10月2日1时30分01秒" in block and "逾期履行" in block
    assert "民法典第1259条" in block and "不因休息日或法定节假日顺延" in block


def test_passing_text_says_the_make_up_saturday_is_the_last_day(tmp_path):
    facts = [SIGN_Z, interruption("i", "2025-10-05T01:00:00Z"), buyer_notice("n", "2025-10-06T02:00:00Z", "i"),
             f("r", "service_interruption_resolved", "2025-10-11T16:00:00Z", subproject=3)]
    r = cli(facts, "2025-10-20", tmp_path, fmt="text")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "解决服务中断（resolve_interruption） 乙方 → 甲方：已违约" in out
    assert "期限  2025年10月11日24时（2025-10-12T00:00:00+08:00）（该时刻起逾期）" in out
    assert "2025年10月11日（星期六，调休上班日（国庆节调休）） 为工作日，不顺延" in out
    assert "履行  2025年10月12日0时（2025-10-12T00:00:00+08:00）（逾期履行）" in out
    assert "¥175,700.00 × 1% = ¥1,757.00" in out
    # 2.1(3): a term, not moved by the holiday
    assert "直接扣减保证金（bond_deduction）甲方 自 2025年10月10日24时（2025-10-11T00:00:00+08:00）" in out


def test_passing_text_says_the_holiday_moves_the_force_majeure_notice(tmp_path):
    fm = f("fm", "force_majeure_occurred", "2025-09-30T02:00:00Z", party="乙方")
    n = notice("n", "2025-10-09T16:00:00Z", "乙方", "甲方", "force_majeure", "fax", ref="fm")
    r = cli([SIGN_Z, fm, n], "2025-10-20", tmp_path, fmt="text")
    assert r.returncode == 0, r.stderr
    block = r.stdout.split("不可抗力书面通报（force_majeure_notice）")[1].split("\n\n")[0]
    assert "已违约" in block
    assert "2025年10月9日24时（2025-10-10T00:00:00+08:00）" in block
    assert "民法典第203条" in block and "2025年10月9日" in block
    assert "2025年10月10日0时" in block and "逾期履行" in block


def test_passing_text_of_several_instants_heads_each_and_says_the_turn(tmp_path):
    r = cli(STREAM, "2025-09-29T15:59:59Z,2025-09-30", tmp_path, fmt="text")
    assert r.returncode == 0, r.stderr
    first, second = r.stdout.split("======== 报告时点 2/2")
    assert "报告时点 1/2：2025年9月29日23时59分59秒（2025-09-29T23:59:59+08:00）" in first
    assert "解决服务中断（resolve_interruption） 乙方 → 甲方：履行中" in first
    assert "解决服务中断（resolve_interruption） 乙方 → 甲方：已违约" in second
    assert "2025年9月29日24时（2025-09-30T00:00:00+08:00）" in second
