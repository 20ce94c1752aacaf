"""Counting working days over long spans (issue 10, fuzz finding rules:128 of seed 1).

`within 999999 working days` took 5.5 s: a count running into a year no calendar knows was then
re-counted day by day for the earliest end, through a million days of unknown years.  Counting
now jumps whole years by their number of working days, and stops at once where no calendar
knows the year.  The answers must be those of the plain day-by-day count, kept here as the
reference and compared on random starts and lengths.
"""
from __future__ import annotations

import calendar
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from engine.time.timecalc import (
    CONTRACT_TZ,
    Calendar,
    CalendarYearUnknown,
    Counting,
    Moment,
    Period,
    Unit,
    add_working_days,
    count,
    count_back,
    earliest_end,
    subtract_working_days,
)

SAMPLE = Path(__file__).resolve().parent.parent / "calendars" / "example-2027.toml.sample"
PACKAGE = Calendar()
WITH_FILE = Calendar([SAMPLE])
FALLBACK = Calendar(fallback="weekdays")
LO, HI = 2004, 2026  # the package's years (test_timecalc checks the package's facts)


# --------------------------------------------------------------------------- the reference


def walk(d: date, n: int, cal: Calendar, step: int = 1) -> date:
    """The nth working day after (before) d, day by day: the count as it was."""
    while n:
        d += timedelta(days=step)
        n -= cal.is_working_day(d)
    return d


def walk_earliest(d: date, n: int, cal: Calendar) -> date:
    """Day by day, a day of an unknown year counting as a working day (earliest_end as it was)."""
    while n:
        d += timedelta(days=1)
        try:
            n -= cal.is_working_day(d)
        except CalendarYearUnknown:
            n -= 1
    return d


def outcome(f, *args):
    """The date, or the unknown year and the day the count stopped at."""
    try:
        return f(*args)
    except CalendarYearUnknown as e:
        return ("unknown", e.year, e.day)


# --------------------------------------------------------------------------- per-year counts


@pytest.mark.parametrize("cal", [PACKAGE, WITH_FILE, FALLBACK], ids=["package", "file-2027", "fallback"])
def test_year_counts_are_the_days_counted_one_by_one(cal):
    years = list(range(LO, HI + 1)) + ([2027] if cal is not PACKAGE else []) + ([1, 2100, 9999] if cal is FALLBACK else [])
    for y in years:
        n = sum(cal.is_working_day(date(y, 1, 1) + timedelta(days=k)) for k in range(365 + calendar.isleap(y)))
        assert cal.working_days_in_year(y) == n, y


def test_a_year_no_calendar_knows_has_no_count():
    with pytest.raises(CalendarYearUnknown) as e:
        PACKAGE.working_days_in_year(HI + 1)
    assert (e.value.year, e.value.day) == (HI + 1, date(HI + 1, 1, 1))


def test_year_counts_belong_to_each_calendar():
    """Cached per Calendar instance: a calendar file's year is counted by its own rules."""
    assert WITH_FILE.working_days_in_year(2027) > 0
    with pytest.raises(CalendarYearUnknown):
        PACKAGE.working_days_in_year(2027)


# --------------------------------------------------------------------------- the same answers

known_days = st.dates(date(LO - 1, 12, 1), date(HI, 12, 31))
lengths = st.integers(0, 6200)  # up to ~24 years of working days: into the unknown years too


@settings(max_examples=150, deadline=None)
@given(known_days, lengths, st.sampled_from(["package", "file"]))
def test_forward_count_is_the_day_by_day_count(d, n, which):
    cal = PACKAGE if which == "package" else WITH_FILE
    assert outcome(add_working_days, d, n, cal) == outcome(walk, d, n, cal)


@settings(max_examples=150, deadline=None)
@given(st.dates(date(LO, 1, 1), date(HI + 2, 1, 31)), lengths, st.sampled_from(["package", "file"]))
def test_backward_count_is_the_day_by_day_count(d, n, which):
    cal = PACKAGE if which == "package" else WITH_FILE
    assert outcome(subtract_working_days, d, n, cal) == outcome(walk, d, n, cal, -1)


@settings(max_examples=100, deadline=None)
@given(known_days, st.integers(0, 12000))
def test_earliest_end_is_the_day_by_day_count(d, n):
    start = Moment.start_of_day(d)
    got = earliest_end(start, Period(n, Unit.WORKING_DAYS), HI + 1, PACKAGE)
    assert got.last_day == walk_earliest(d, n, PACKAGE)


@settings(max_examples=60, deadline=None)
@given(st.dates(date(2020, 1, 1), date(2032, 12, 31)), st.integers(0, 3000))
def test_fallback_count_is_the_day_by_day_count(d, n):
    assert add_working_days(d, n, FALLBACK) == walk(d, n, FALLBACK)
    assert subtract_working_days(d, n, FALLBACK) == walk(d, n, FALLBACK, -1)


@settings(max_examples=40, deadline=None)
@given(known_days, st.integers(0, 400))
def test_deadline_steps_list_the_same_days(d, n):
    """The steps of a count list every day counted and skipped, as walking found them (up to 60 working days;
    a longer one is summed up with the same first and last day and the same number of days passed over)."""
    start = Moment.of(datetime.combine(d, datetime.min.time(), tzinfo=CONTRACT_TZ) + timedelta(hours=10))
    try:
        got = count(start, Period(n, Unit.WORKING_DAYS), Counting.ACT, PACKAGE)
    except CalendarYearUnknown as e:
        assert outcome(walk, d, n, PACKAGE) == ("unknown", e.year, e.day)
        return
    assert got.last_day == walk(d, n, PACKAGE)
    by_code = {s.code: s.args for s in got.steps}
    days = [d + timedelta(days=k) for k in range(1, (got.last_day - d).days + 1)]
    if n > 60:  # (a long count is summed up: its first and last day and the days passed over, not listed)
        summed = by_code["working_days_counted_from_to"]
        worked = [x for x in days if PACKAGE.is_working_day(x)]
        assert (summed["n"], summed["first"]["date"], summed["last"]["date"], summed["skipped"]) == \
            (n, worked[0].isoformat(), worked[-1].isoformat(), len(days) - n)
        return
    listed = [date.fromisoformat(i["date"]) for i in by_code.get("working_days_counted", {"days": []})["days"]]
    skipped = [date.fromisoformat(i["date"]) for i in by_code.get("days_skipped", {"days": []})["days"]]
    assert listed == [x for x in days if PACKAGE.is_working_day(x)]
    assert skipped == [x for x in days if not PACKAGE.is_working_day(x)]
    assert len(listed) == n


def test_counts_past_the_last_date_overflow_as_before():
    with pytest.raises(OverflowError):
        add_working_days(date(9999, 6, 1), 999999, FALLBACK)
    with pytest.raises(OverflowError):
        subtract_working_days(date(2, 6, 1), 999999, FALLBACK)


# --------------------------------------------------------------------------- fast


def test_a_million_working_days_is_refused_or_bounded_at_once():
    start = Moment.of(datetime(2025, 9, 30, 12, tzinfo=CONTRACT_TZ))
    period = Period(999999, Unit.WORKING_DAYS)
    t0 = time.perf_counter()
    with pytest.raises(CalendarYearUnknown) as e:
        count(start, period, Counting.ACT, Calendar())
    assert (e.value.year, e.value.day) == (2027, date(2027, 1, 1))
    end = earliest_end(start, period, 2027, Calendar())
    # 2025-10-01..12-31 has 61 working days (October 23 weekdays, less the six of National Day,
    # plus make-up Sat 10-11: 18; November 20; December 23), 2026 has 248 (counted day by day
    # above); every day from 2027-01-01 counts: 999999 - 61 - 248 = 999690 days, the last of
    # them 2027-01-01 + 999689 days
    assert PACKAGE.working_days_in_year(2026) == 248
    assert end.last_day == date(2027, 1, 1) + timedelta(days=999689)
    assert count_back(Moment.start_of_day(date(2026, 12, 31)), Period(5000, Unit.WORKING_DAYS),
                      Calendar()).last_day == walk(date(2026, 12, 31), 5000, PACKAGE, -1)
    assert time.perf_counter() - t0 < 0.5


FUZZ_RULES = """\
contract "T-2" "中英对照测试" { calendar official }
party 甲方 "买方" as buyer
party 乙方 "卖方" as supplier
param 价款 "价款" = ¥2,000.00 words "贰仟元整"
event 交付 "交付" { 数量: int 1..10 "数量" 方式: one of (快递, 自提) }
event 付款 "付款" { 金额: money }
clause "3.1" "付款" {
  quote "买方应在交付后5个工作日内付清价款。"
  obligation 付款义务 "付款义务" {
    debtor 甲方
    creditor 乙方
    for each 交付 d where d.方式 == "快递" and d.数量 >= 1
    fulfilled by 付款 p where p.金额 >= 价款
    within 250000 working days
  }
}
"""


def test_the_fuzz_case_evaluates_quickly():
    """rules:128 of the long run (seed 1): 5.5 s before.  By default it stops at once (2027 is needed);
    under `calendar fallback undetermined` the earliest end is counted, quickly."""
    facts = ['{"id": "d1", "type": "交付", "at": "2025-09-30T12:00:00+08:00", "数量": 1, "方式": "快递"}']
    t0 = time.perf_counter()
    with pytest.raises(QiyueError) as exc:
        compile_rules(FUZZ_RULES, "t.qy").evaluate(facts, "2025-10-30T12:00:00+08:00", lang="en")
    assert time.perf_counter() - t0 < 1.0 and exc.value.diagnostics[0].args["year"] == 2027
    compiled = compile_rules(FUZZ_RULES.replace("{ calendar official }", "{ calendar official calendar fallback undetermined }"),
                             "t.qy")
    t0 = time.perf_counter()
    report = compiled.evaluate(facts, "2025-10-30T12:00:00+08:00", lang="en")
    assert time.perf_counter() - t0 < 1.0
    (duty,) = report["obligations"]
    assert duty["status"] == "active" and duty["due"] is None  # (2027's calendar is not known)
    # the earliest end, as test_a_million_working_days_is_refused_or_bounded_at_once counts it (250,000 the most
    # a rule may write): 250000 - 61 - 248 = 249691 days from 2027-01-01, 24:00 of 2027-01-01 + 249690 days
    assert duty["due_not_before"] == (date(2027, 1, 1) + timedelta(days=249691)).isoformat() + "T00:00:00+08:00"


def test_a_count_of_a_million_working_days_under_the_weekdays_fallback_is_quick():
    """A fuzzer: `within 999999 working days` under `calendar fallback weekdays` listed every day of the count in
    the explanation (1.4 million days, each looked up): 25 s a duty, 75 s for three."""
    rules = FUZZ_RULES.replace("{ calendar official }", "{ calendar official calendar fallback weekdays }")
    compiled = compile_rules(rules, "t.qy")
    facts = ['{"id": "d%d", "type": "交付", "at": "2025-09-2%dT12:00:00+08:00", "数量": 1, "方式": "快递"}' % (k, k)
             for k in range(1, 4)]
    t0 = time.perf_counter()
    report = compiled.evaluate(facts, "2025-10-30T12:00:00+08:00", lang="en")
    assert time.perf_counter() - t0 < 2.0
    assert all(o["due"] for o in report["obligations"])
