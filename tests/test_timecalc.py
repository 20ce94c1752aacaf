"""Deadlines under 民法典第201–203条, hand-counted.

Calendar facts used below were checked against chinese-calendar 1.11.0
(chinese_calendar.get_holiday_detail / is_workday), and test_package_calendar_facts
asserts them, so a changed package fails loudly rather than silently moving a deadline:

- 2025 National Day: Wed 10-01 .. Wed 10-08 off (10-06 Mon is Mid-autumn);
  make-up working days Sun 2025-09-28 and Sat 2025-10-11.
- 2026 Spring Festival: Sun 02-15 .. Mon 02-23 off;
  make-up working days Sat 2026-02-14 and Sat 2026-02-28.
- 2026 Mid-autumn: Fri 09-25 .. Sun 09-27 off; make-up working day Sun 2026-09-20.
- 2026 National Day: Thu 10-01 .. Wed 10-07 off; make-up working day Sat 2026-10-10.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.report.explain import words
from engine.time.timecalc import (
    CONTRACT_TZ,
    Calendar,
    CalendarFileError,
    CalendarYearUnknown,
    Counting,
    Deadline,
    Moment,
    Period,
    Unit,
    add_months,
    add_working_days,
    count,
    next_working_day,
)

CAL = Calendar()  # package calendar only; Calendar is immutable after construction
ACT, TERM, DEEMED = Counting.ACT, Counting.TERM, Counting.DEEMED_DAY
SAMPLE = Path(__file__).resolve().parent.parent / "calendars" / "example-2027.toml.sample"


def bj(y, m, d, h=0, mi=0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=CONTRACT_TZ)


def at(y, m, d, h=0, mi=0) -> Moment:
    return Moment.of(bj(y, m, d, h, mi))


D = date


# --------------------------------------------------------------------------- package facts


def test_package_calendar_facts():
    work = chinese_calendar.is_workday
    # 2025 National Day (Wed 10-01 .. Wed 10-08), make-up Sun 09-28 and Sat 10-11
    assert work(D(2025, 9, 28)) and D(2025, 9, 28).weekday() == 6
    assert work(D(2025, 10, 11)) and D(2025, 10, 11).weekday() == 5
    assert not any(work(D(2025, 10, k)) for k in range(1, 9))
    assert work(D(2025, 10, 9))
    # 2026 Spring Festival (Sun 02-15 .. Mon 02-23), make-up Sat 02-14 and Sat 02-28
    assert work(D(2026, 2, 14)) and D(2026, 2, 14).weekday() == 5
    assert work(D(2026, 2, 28)) and D(2026, 2, 28).weekday() == 5
    assert not any(work(D(2026, 2, k)) for k in range(15, 24))
    assert work(D(2026, 2, 24))
    # 2026 Mid-autumn (Fri 09-25 .. Sun 09-27), make-up Sun 09-20
    assert work(D(2026, 9, 20)) and D(2026, 9, 20).weekday() == 6
    assert not any(work(D(2026, 9, k)) for k in (25, 26, 27))
    # 2026 National Day (Thu 10-01 .. Wed 10-07), make-up Sat 10-10
    assert not any(work(D(2026, 10, k)) for k in range(1, 8))
    assert work(D(2026, 10, 8)) and work(D(2026, 10, 10)) and D(2026, 10, 10).weekday() == 5
    assert not work(D(2026, 10, 11))


# --------------------------------------------------------------------------- hand-counted table

CASES = [
    # id, start, amount, unit, counting, last_day, due
    # Tue 03-03 14:00, start day not counted: 1=Wed 04, 2=Thu 05 (working) -> ends 05 24:00
    ("spec-2days", at(2026, 3, 3, 14), 2, Unit.DAYS, ACT, D(2026, 3, 5), bj(2026, 3, 6)),
    # Thu 03-05: 1=Fri 06, 2=Sat 07 rest; Sun 08 rest -> Mon 03-09
    ("spec-2days-weekend", at(2026, 3, 5, 14), 2, Unit.DAYS, ACT, D(2026, 3, 9), bj(2026, 3, 10)),
    # 06-27 + 3 months = Sat 09-27 rest -> Sun 09-28 make-up working day, counts
    ("spec-3months", at(2025, 6, 27), 3, Unit.MONTHS, ACT, D(2025, 9, 28), bj(2025, 9, 29)),
    # Mon 09-28: 29, 30 Sep; 1-7 Oct off; 8, 9, 10 (Sat make-up), 11 Sun off; 12..16 -> 10th = Fri 10-16
    ("spec-10-working-days", at(2026, 9, 28, 10), 10, Unit.WORKING_DAYS, ACT, D(2026, 10, 16), bj(2026, 10, 17)),
    # service year from 2025-06-27: corresponding day Sat 2026-06-27, a term, not moved
    ("service-year-term", at(2025, 6, 27), 1, Unit.YEARS, TERM, D(2026, 6, 27), bj(2026, 6, 28)),
    # two months from 07-01 09:00: corresponding day 09-01, passed at 09-02 00:00
    ("two-months-term", at(2025, 7, 1, 9), 2, Unit.MONTHS, TERM, D(2025, 9, 1), bj(2025, 9, 2)),
    # acceptance at 24:00 Fri 07-10 counts as 07-10: +30 = Sun 08-09 rest -> Mon 08-10
    ("from-24h-fri", Moment.end_of_day(D(2026, 7, 10)), 30, Unit.DAYS, ACT, D(2026, 8, 10), bj(2026, 8, 11)),
    # deemed acceptance at 24:00 of 07-13: counting starts 07-14, +30 = Wed 08-12
    ("from-24h-13-july", Moment.end_of_day(D(2026, 7, 13)), 30, Unit.DAYS, ACT, D(2026, 8, 12), bj(2026, 8, 13)),
    # month ends (第202条): 01-31 + 1 month -> no 02-31 -> 02-29 in leap 2024 (Thu)
    ("jan31-leap", at(2024, 1, 31), 1, Unit.MONTHS, TERM, D(2024, 2, 29), bj(2024, 3, 1)),
    ("jan31-leap-act", at(2024, 1, 31), 1, Unit.MONTHS, ACT, D(2024, 2, 29), bj(2024, 3, 1)),
    # 2025 not leap: 02-28 (Fri)
    ("jan31-nonleap", at(2025, 1, 31), 1, Unit.MONTHS, TERM, D(2025, 2, 28), bj(2025, 3, 1)),
    # 03-31 + 1 month -> 04-30 (Wed)
    ("mar31", at(2025, 3, 31), 1, Unit.MONTHS, ACT, D(2025, 4, 30), bj(2025, 5, 1)),
    # 2025-08-31 + 6 months -> Feb 2026 has no 31st -> Sat 02-28, a term: not moved
    ("aug31-6m-term", at(2025, 8, 31), 6, Unit.MONTHS, TERM, D(2026, 2, 28), bj(2026, 3, 1)),
    # same with ACT: Sat 2026-02-28 is a Spring Festival make-up working day -> not moved
    ("aug31-6m-act-makeup", at(2025, 8, 31), 6, Unit.MONTHS, ACT, D(2026, 2, 28), bj(2026, 3, 1)),
    # leap day + 1 year -> 2025 has no 02-29 -> 02-28 (Fri)
    ("leapday-1y", at(2024, 2, 29), 1, Unit.YEARS, TERM, D(2025, 2, 28), bj(2025, 3, 1)),
    # 2 years TERM runs into 2027: no calendar needed
    ("2y-term-2027", at(2025, 6, 27), 2, Unit.YEARS, TERM, D(2027, 6, 27), bj(2027, 6, 28)),
    # make-up day as last day: Fri 2025-09-26 + 2 days = Sun 09-28, make-up working day, not moved
    ("makeup-sun-2025", at(2025, 9, 26, 11), 2, Unit.DAYS, ACT, D(2025, 9, 28), bj(2025, 9, 29)),
    # Fri 2025-09-26 + 3 working days: Sat 27 off, 1=Sun 28 (make-up), 2=Mon 29, 3=Tue 30
    ("makeup-in-working-days", at(2025, 9, 26), 3, Unit.WORKING_DAYS, ACT, D(2025, 9, 30), bj(2025, 10, 1)),
    # 2025 National Day: Mon 09-29 + 3 days = Thu 10-02 off; 10-02..10-08 off -> Thu 10-09
    ("national-day-2025", at(2025, 9, 29, 9), 3, Unit.DAYS, ACT, D(2025, 10, 9), bj(2025, 10, 10)),
    # 2025: Tue 09-30 + 1 working day: 10-01..10-08 off -> Thu 10-09
    ("national-day-2025-wd", at(2025, 9, 30), 1, Unit.WORKING_DAYS, ACT, D(2025, 10, 9), bj(2025, 10, 10)),
    # 2026 National Day: Mon 09-28 + 3 days = Thu 10-01 off; 10-01..10-07 off -> Thu 10-08
    ("national-day-2026", at(2026, 9, 28, 10), 3, Unit.DAYS, ACT, D(2026, 10, 8), bj(2026, 10, 9)),
    # same period as a term: ends on Thu 10-01 in the holiday, not moved
    ("national-day-2026-term", at(2026, 9, 28, 10), 3, Unit.DAYS, TERM, D(2026, 10, 1), bj(2026, 10, 2)),
    # 2026 Mid-autumn: Tue 09-22 + 3 = Fri 09-25 off; Sat 26, Sun 27 off -> Mon 09-28
    ("mid-autumn-2026", at(2026, 9, 22), 3, Unit.DAYS, ACT, D(2026, 9, 28), bj(2026, 9, 29)),
    # Fri 2026-09-18 + 2 = Sun 09-20, make-up working day (National Day) -> not moved
    ("makeup-sun-2026", at(2026, 9, 18), 2, Unit.DAYS, ACT, D(2026, 9, 20), bj(2026, 9, 21)),
    # 2026 Spring Festival: Tue 02-10 + 5 = Sun 02-15 off; 15..23 off -> Tue 02-24
    ("spring-festival-2026", at(2026, 2, 10, 15), 5, Unit.DAYS, ACT, D(2026, 2, 24), bj(2026, 2, 25)),
    # Thu 02-12 + 2 = Sat 02-14, make-up working day -> not moved
    ("spring-festival-2026-makeup", at(2026, 2, 12), 2, Unit.DAYS, ACT, D(2026, 2, 14), bj(2026, 2, 15)),
    # Fri 02-13 + 3 working days: 1=Sat 02-14 (make-up), 15..23 off, 2=Tue 24, 3=Wed 25
    ("spring-festival-2026-wd", at(2026, 2, 13), 3, Unit.WORKING_DAYS, ACT, D(2026, 2, 25), bj(2026, 2, 26)),
    # a month spanning the festival: 01-23 + 1 month = Mon 02-23 off -> Tue 02-24
    ("spring-festival-2026-month", at(2026, 1, 23), 1, Unit.MONTHS, ACT, D(2026, 2, 24), bj(2026, 2, 25)),
    # deemed delivery by express: sent Wed 03-04, 第3日 = Sat 03-07, not moved; from its start
    ("deemed-express", at(2026, 3, 4, 16), 3, Unit.DAYS, DEEMED, D(2026, 3, 7), bj(2026, 3, 7)),
    # deemed day inside National Day 2026: Tue 09-29 + 3 = Fri 10-02, not moved
    ("deemed-holiday", at(2026, 9, 29, 9), 3, Unit.DAYS, DEEMED, D(2026, 10, 2), bj(2026, 10, 2)),
    # deemed day needs no calendar: 2030
    ("deemed-2030", at(2030, 5, 6), 3, Unit.DAYS, DEEMED, D(2030, 5, 9), bj(2030, 5, 9)),
]


@pytest.mark.parametrize(
    "start, amount, unit, counting, last_day, due", [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_hand_counted(start, amount, unit, counting, last_day, due):
    d = count(start, Period(amount, unit), counting, CAL)
    assert d.last_day == last_day
    assert d.due == due
    assert d.due.utcoffset() == timedelta(hours=8)
    assert d.steps and all(line for lang in ("zh", "en") for line in words(d.steps, lang))


HOURS_CASES = [
    # spec: 09:00 + 2 h = 11:00, from the moment itself
    ("spec-2h", at(2026, 4, 10, 9), 2, bj(2026, 4, 10, 11)),
    # crossing midnight: Thu 22:30 + 3 h = Fri 01:30
    ("midnight", at(2026, 3, 5, 22, 30), 3, bj(2026, 3, 6, 1, 30)),
    # crossing a weekend: Fri 22:30 + 48 h = Sun 22:30, not moved to Monday
    ("weekend", at(2026, 3, 6, 22, 30), 48, bj(2026, 3, 8, 22, 30)),
    # into National Day 2026: Wed 09-30 20:00 + 12 h = Thu 10-01 08:00, not moved
    ("holiday", at(2026, 9, 30, 20), 12, bj(2026, 10, 1, 8)),
    # from 24:00 of a day: 24:00 07-13 + 2 h = 07-14 02:00
    ("from-24h", Moment.end_of_day(D(2026, 7, 13)), 2, bj(2026, 7, 14, 2)),
    # hours never need a calendar: 2027
    ("2027", at(2027, 1, 1, 23), 2, bj(2027, 1, 2, 1)),
]


@pytest.mark.parametrize("start, amount, due", [c[1:] for c in HOURS_CASES], ids=[c[0] for c in HOURS_CASES])
def test_hours(start, amount, due):
    d = count(start, Period(amount, Unit.HOURS), ACT, CAL)
    assert d.due == due
    assert d.last_day is None
    assert d.end() == Moment.of(due)


def test_hours_deemed_day_rejected():
    with pytest.raises(ValueError):
        count(at(2026, 4, 10, 9), Period(2, Unit.HOURS), DEEMED, CAL)


@pytest.mark.parametrize("unit", [Unit.MONTHS, Unit.YEARS, Unit.WORKING_DAYS])
def test_deemed_day_only_in_days(unit):
    with pytest.raises(ValueError):
        count(at(2026, 3, 4), Period(3, unit), DEEMED, CAL)


# --------------------------------------------------------------------------- steps, end()


def test_steps_name_articles_and_skipped_days():
    d = count(at(2026, 3, 5, 14), Period(2, Unit.DAYS), ACT, CAL)
    text = "\n".join(words(d.steps))
    assert "第201条" in text and "第203条" in text
    assert "2026-03-07 (Sat, rest day)" in text and "2026-03-08 (Sun, rest day)" in text
    assert "due by 24:00 on 9 March 2026" in text


def test_steps_name_makeup_day_and_holidays_in_working_days():
    text = "\n".join(words(count(at(2026, 9, 28, 10), Period(10, Unit.WORKING_DAYS), ACT, CAL).steps))
    assert "2026-10-10 (Sat, make-up working day (调休上班)" in text
    for k in range(1, 8):
        assert f"2026-10-0{k} (" in text and "国庆节" in text
    assert "2026-10-11 (Sun, rest day)" in text


def test_steps_months_cite_202_and_clamp():
    text = "\n".join(words(count(at(2024, 1, 31), Period(1, Unit.MONTHS), TERM, CAL).steps))
    assert "第202条" in text and "2024-02 has no day 31" in text
    assert "not moved" in text


def test_steps_deemed_not_moved():
    text = "\n".join(words(count(at(2026, 3, 4, 16), Period(3, Unit.DAYS), DEEMED, CAL).steps))
    assert "Sat 2026-03-07" in text and "not moved" in text


def test_end_moments():
    d = count(at(2026, 7, 10), Period(30, Unit.DAYS), ACT, CAL)  # Sun 08-09 -> Mon 08-10
    assert d.end() == Moment(at=bj(2026, 8, 11), day=D(2026, 8, 10))
    assert d.end().chinese() == "2026年8月10日24时"
    # further counting from the end: 24:00 of 08-10 counts as 08-10, +2 days = Wed 08-12
    assert count(d.end(), Period(2, Unit.DAYS), ACT, CAL).last_day == D(2026, 8, 12)
    deemed = count(at(2026, 3, 4, 16), Period(3, Unit.DAYS), DEEMED, CAL)
    assert deemed.end() == Moment.start_of_day(D(2026, 3, 7))
    assert deemed.end().chinese() == "2026年3月7日0时"


def test_deadline_is_frozen():
    d = count(at(2026, 3, 3, 14), Period(2, Unit.DAYS), ACT, CAL)
    assert isinstance(d, Deadline)
    with pytest.raises(AttributeError):
        d.due = bj(2030, 1, 1)  # type: ignore[misc]


# --------------------------------------------------------------------------- Moment


@pytest.mark.parametrize(
    "moment, text",
    [
        (Moment.end_of_day(D(2026, 7, 13)), "2026年7月13日24时"),
        (Moment.of(datetime(2026, 7, 13, 10, 5)), "2026年7月13日10时05分"),
        (Moment.of(datetime(2026, 7, 13, 10)), "2026年7月13日10时"),
        (Moment.start_of_day(D(2026, 7, 14)), "2026年7月14日0时"),
        (Moment.of(datetime(2026, 1, 2, 9, 30, 15)), "2026年1月2日9时30分15秒"),
        # 02:05 UTC is 10:05 in Beijing
        (Moment.of(datetime(2026, 7, 13, 2, 5, tzinfo=timezone.utc)), "2026年7月13日10时05分"),
    ],
)
def test_moment_chinese(moment, text):
    assert moment.chinese() == text


def test_moment_of():
    naive = Moment.of(datetime(2026, 7, 13, 10, 5))
    assert naive.at == bj(2026, 7, 13, 10, 5) and naive.day == D(2026, 7, 13)
    # 17:00 UTC on 07-13 is 01:00 on 07-14 in Beijing: that is the day counted
    utc = Moment.of(datetime(2026, 7, 13, 17, 0, tzinfo=timezone.utc))
    assert utc.day == D(2026, 7, 14)
    assert utc.at.utcoffset() == timedelta(hours=8)


def test_moment_end_and_start_of_day():
    end = Moment.end_of_day(D(2026, 7, 13))
    start = Moment.start_of_day(D(2026, 7, 14))
    assert end.at == start.at == bj(2026, 7, 14)
    assert end.day == D(2026, 7, 13) and start.day == D(2026, 7, 14)
    assert end != start  # same instant, different counting day


def test_moment_rejects_naive_and_inconsistent_day():
    with pytest.raises(ValueError):
        Moment(at=datetime(2026, 7, 13, 10), day=D(2026, 7, 13))
    with pytest.raises(ValueError):
        Moment(at=bj(2026, 7, 13, 10), day=D(2026, 7, 12))
    with pytest.raises(TypeError):
        Moment.of(D(2026, 7, 13))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- Period


@pytest.mark.parametrize(
    "period, text",
    [
        (Period(2, Unit.DAYS), "2 days"),
        (Period(1, Unit.DAYS), "1 day"),
        (Period(10, Unit.WORKING_DAYS), "10 working days"),
        (Period(3, Unit.MONTHS), "3 months"),
        (Period(2, Unit.HOURS), "2 hours"),
        (Period(1, Unit.YEARS), "1 year"),
        (Period(2, Unit.YEARS), "2 years"),
    ],
)
def test_period_describe(period, text):
    assert period.describe() == text


def test_period_rejects_negative():
    with pytest.raises(ValueError):
        Period(-1, Unit.DAYS)


# --------------------------------------------------------------------------- day arithmetic


@pytest.mark.parametrize(
    "d, n, expected",
    [
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2025, 3, 31), 1, D(2025, 4, 30)),
        (D(2025, 8, 31), 6, D(2026, 2, 28)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2025, 11, 15), 3, D(2026, 2, 15)),  # across a year end
        (D(2025, 3, 31), -1, D(2025, 2, 28)),
        (D(2025, 6, 27), 0, D(2025, 6, 27)),
    ],
)
def test_add_months(d, n, expected):
    assert add_months(d, n) == expected


def test_next_working_day():
    assert next_working_day(D(2026, 3, 9), CAL) == D(2026, 3, 9)  # Mon, itself
    assert next_working_day(D(2026, 3, 7), CAL) == D(2026, 3, 9)  # Sat -> Mon
    assert next_working_day(D(2026, 10, 1), CAL) == D(2026, 10, 8)  # National Day 2026
    assert next_working_day(D(2025, 9, 27), CAL) == D(2025, 9, 28)  # Sat -> Sun make-up day


def test_add_working_days():
    assert add_working_days(D(2026, 9, 28), 10, CAL) == D(2026, 10, 16)
    assert add_working_days(D(2026, 3, 6), 1, CAL) == D(2026, 3, 9)  # Fri -> Mon
    assert add_working_days(D(2026, 3, 7), 0, CAL) == D(2026, 3, 7)


# --------------------------------------------------------------------------- unknown years


@pytest.mark.parametrize(
    "start, period, year",
    [
        (at(2027, 3, 1), Period(2, Unit.DAYS), 2027),
        (at(2027, 3, 1), Period(1, Unit.MONTHS), 2027),
        (at(2027, 3, 1), Period(5, Unit.WORKING_DAYS), 2027),
        (at(2003, 6, 2), Period(2, Unit.DAYS), 2003),
        (at(2003, 6, 2), Period(3, Unit.WORKING_DAYS), 2003),
        # starts in a known year, ends in an unknown one: Wed 2026-12-30 + 5 = 2027-01-04
        (at(2026, 12, 30), Period(5, Unit.DAYS), 2027),
    ],
)
def test_unknown_year_with_act(start, period, year):
    with pytest.raises(CalendarYearUnknown) as info:
        count(start, period, ACT, CAL)
    assert info.value.year == year
    message = str(info.value)
    assert str(year) in message and "calendar" in message
    assert "2004" in message and "2026" in message  # the years that are known
    assert "calendars/README.md" in message and "fallback" in message


@pytest.mark.parametrize(
    "start, period, last_day",
    [
        (at(2030, 3, 1), Period(2, Unit.DAYS), D(2030, 3, 3)),
        (at(2027, 1, 31), Period(1, Unit.MONTHS), D(2027, 2, 28)),
        (at(2003, 6, 2), Period(1, Unit.YEARS), D(2004, 6, 2)),
    ],
)
def test_unknown_year_term_needs_no_calendar(start, period, last_day):
    assert count(start, period, TERM, CAL).last_day == last_day


def test_unknown_year_direct():
    with pytest.raises(CalendarYearUnknown) as info:
        CAL.is_working_day(D(2027, 1, 4))
    assert info.value.year == 2027
    with pytest.raises(CalendarYearUnknown):
        CAL.note_for(D(2003, 12, 31))
    known = CAL.known_years()
    assert 2004 in known and 2026 in known and 2027 not in known and 2003 not in known


# --------------------------------------------------------------------------- notes, sources


@pytest.mark.parametrize(
    "d, note",
    [
        (D(2026, 3, 7), "Sat, rest day"),
        (D(2026, 3, 9), "Mon, working day"),
        (D(2025, 9, 28), "Sun, make-up working day (调休上班) for National Day (国庆节)"),
        (D(2025, 10, 1), "Wed, National Day holiday (国庆节)"),
        (D(2025, 10, 6), "Mon, Mid-autumn Festival holiday (中秋节)"),
        (D(2026, 2, 16), "Mon, Spring Festival holiday (春节)"),
        (D(2026, 2, 28), "Sat, make-up working day (调休上班) for Spring Festival (春节)"),
    ],
)
def test_note_for(d, note):
    assert CAL.note_for(d) == note


def test_sources_package():
    (pkg,) = CAL.sources()
    assert pkg["name"] == "chinese-calendar"
    assert pkg["version"] == importlib.metadata.version("chinese-calendar")
    assert pkg["years"].startswith("2004-")


# --------------------------------------------------------------------------- calendar files


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_sample_file_defines_2027():
    cal = Calendar([SAMPLE])
    assert 2027 in cal.known_years()
    # sample (invented dates): Wed 2027-09-29 + 2 = Fri 10-01 off, 10-01..10-07 off -> Fri 10-08
    d = count(at(2027, 9, 29, 10), Period(2, Unit.DAYS), ACT, cal)
    assert d.last_day == D(2027, 10, 8) and d.due == bj(2027, 10, 9)
    assert cal.is_working_day(D(2027, 10, 9))  # Sat, make-up in the sample
    assert cal.note_for(D(2027, 10, 9)).startswith("Sat, make-up working day (调休上班)")
    assert cal.note_for(D(2027, 10, 1)).startswith("Fri, official holiday")


def test_file_year_makes_2027_count_work(tmp_path):
    p = write(
        tmp_path,
        "2027.toml",
        '[year.2027]\nsource = "test notice"\nholidays = ["2027-03-05"]\nworkdays = ["2027-03-06"]\n',
    )
    with pytest.raises(CalendarYearUnknown):
        count(at(2027, 3, 3), Period(2, Unit.DAYS), ACT, CAL)
    cal = Calendar([p])
    # Wed 03-03 + 2 = Fri 03-05, a holiday in this file -> Sat 03-06, a make-up working day in this file
    d = count(at(2027, 3, 3), Period(2, Unit.DAYS), ACT, cal)
    assert d.last_day == D(2027, 3, 6) and d.due == bj(2027, 3, 7)
    # Mon 2027-03-08 + 2 = Wed 03-10, an ordinary weekday
    assert count(at(2027, 3, 8), Period(2, Unit.DAYS), ACT, cal).last_day == D(2027, 3, 10)
    src = cal.sources()
    assert src[1]["name"] == str(p)
    assert src[1]["sha256"] == hashlib.sha256(p.read_bytes()).hexdigest()
    assert src[1]["years"] == "2027"


def test_file_overrides_package_year(tmp_path):
    # the whole of 2026 replaced: Sat 03-07 a make-up working day, and no holidays at all
    p = write(
        tmp_path,
        "2026.toml",
        '[year.2026]\nsource = "override"\nholidays = []\nworkdays = [2026-03-07]\n',  # TOML native date
    )
    cal = Calendar([p])
    # Thu 03-05 + 2 = Sat 03-07, now a working day: not moved (package answer: Mon 03-09)
    d = count(at(2026, 3, 5, 14), Period(2, Unit.DAYS), ACT, cal)
    assert d.last_day == D(2026, 3, 7) and d.due == bj(2026, 3, 8)
    # whole-year override: 2026-10-01 (Thu) is no longer a holiday under this file
    assert cal.is_working_day(D(2026, 10, 1))
    assert not CAL.is_working_day(D(2026, 10, 1))
    assert cal.sources()[1]["overrides_package"] == [2026]


@pytest.mark.parametrize(
    "text, key",
    [
        ("[year.2027\nsource = 'x'", None),  # malformed TOML
        ('[year.2027]\nsource = "x"\nholidays = ["2027-02-30"]\nworkdays = []\n', "year.2027.holidays"),
        ('[year.2027]\nsource = "x"\nholidays = ["2027-2-3"]\nworkdays = []\n', "year.2027.holidays"),
        ('[year.2027]\nsource = "x"\nholidays = ["2026-10-01"]\nworkdays = []\n', "year.2027.holidays"),
        ('[year.2027]\nsource = "x"\nholidays = []\nworkdays = [20270101]\n', "year.2027.workdays"),
        ('[year.2027]\nsource = "x"\nholiday = []\nworkdays = []\n', "year.2027.holiday"),  # typo
        ('[year.2027]\nsource = "x"\nholidays = []\n', "year.2027.workdays"),  # missing
        ('[year.2027]\nholidays = []\nworkdays = []\n', "year.2027.source"),
        ('[year.2027]\nsource = "x"\nholidays = ["2027-01-02"]\nworkdays = ["2027-01-02"]\n', "year.2027"),
        ('[year.27]\nsource = "x"\nholidays = []\nworkdays = []\n', "year.27"),
        ('title = "x"\n', "title"),
        ('[year.2027]\nsource = "x"\nholidays = "2027-01-01"\nworkdays = []\n', "year.2027.holidays"),
    ],
)
def test_bad_calendar_file(tmp_path, text, key):
    p = write(tmp_path, "bad-2027.toml", text)
    with pytest.raises(CalendarFileError) as info:
        Calendar([p])
    assert info.value.path == str(p)
    assert str(p) in str(info.value)
    if key is not None:
        assert key in str(info.value)


def test_missing_file_and_duplicate_year(tmp_path):
    missing = tmp_path / "nope.toml"
    with pytest.raises(CalendarFileError) as info:
        Calendar([missing])
    assert str(missing) in str(info.value)
    body = '[year.2027]\nsource = "x"\nholidays = []\nworkdays = []\n'
    a, b = write(tmp_path, "a.toml", body), write(tmp_path, "b.toml", body)
    with pytest.raises(CalendarFileError) as info:
        Calendar([a, b])
    assert info.value.path == str(b) and str(a) in str(info.value)


# --------------------------------------------------------------------------- fallback


def test_fallback_weekdays():
    cal = Calendar(fallback="weekdays")
    # Fri 2027-03-05 + 2 = Sun 03-07 -> Mon 03-08 (Mon–Fri only, chosen explicitly)
    d = count(at(2027, 3, 5), Period(2, Unit.DAYS), ACT, cal)
    assert d.last_day == D(2027, 3, 8) and d.due == bj(2027, 3, 9)
    assert "fallback" in "\n".join(words(d.steps))
    assert any(s["name"] == "fallback" and s["rule"] == "weekdays" for s in cal.sources())
    assert 2027 not in cal.known_years()
    # known years still use the official calendar: 2026-10-01 stays a holiday
    assert not cal.is_working_day(D(2026, 10, 1))


def test_fallback_must_be_known():
    with pytest.raises(ValueError):
        Calendar(fallback="guess")


# --------------------------------------------------------------------------- properties

dates = st.dates(min_value=D(2004, 1, 1), max_value=D(2026, 6, 30))  # +≤ 5 months stays in 2026


@st.composite
def moments(draw):
    d = draw(dates)
    if draw(st.booleans()):
        return Moment.end_of_day(d)
    return Moment.of(datetime(d.year, d.month, d.day, draw(st.integers(0, 23)), draw(st.integers(0, 59))))


periods = st.one_of(
    st.builds(Period, st.integers(1, 60), st.just(Unit.DAYS)),
    st.builds(Period, st.integers(1, 40), st.just(Unit.WORKING_DAYS)),
    st.builds(Period, st.integers(1, 5), st.just(Unit.MONTHS)),
)
FAST = settings(max_examples=150, deadline=None)


@FAST
@given(moments(), periods)
def test_act_ends_at_midnight_after_a_working_day(start, period):
    d = count(start, period, ACT, CAL)
    assert CAL.is_working_day(d.last_day)
    assert d.due == datetime.combine(d.last_day + timedelta(days=1), datetime.min.time(), tzinfo=CONTRACT_TZ)
    assert d.due > start.at
    assert d.end().day == d.last_day


@FAST
@given(moments(), st.integers(1, 60))
def test_act_moves_only_to_first_working_day(start, n):
    d = count(start, Period(n, Unit.DAYS), ACT, CAL)
    raw = start.day + timedelta(days=n)
    assert d.last_day == next_working_day(raw, CAL)
    k = raw
    while k < d.last_day:  # every day passed over is a rest day
        assert CAL.is_rest_day(k)
        k += timedelta(days=1)


@FAST
@given(dates, st.integers(0, 30))
def test_add_working_days_monotone_in_n(d, n):
    assert add_working_days(d, n + 1, CAL) > add_working_days(d, n, CAL)


@FAST
@given(dates, st.integers(0, 10), st.integers(1, 30))
def test_add_working_days_nondecreasing_in_d(d, shift, n):
    assert add_working_days(d, n, CAL) <= add_working_days(d + timedelta(days=shift), n, CAL)


@FAST
@given(moments(), st.integers(1, 5), st.sampled_from([Unit.MONTHS, Unit.YEARS]))
def test_term_equals_add_months(start, n, unit):
    d = count(start, Period(n, unit), TERM, Calendar())
    assert d.last_day == add_months(start.day, n * (12 if unit is Unit.YEARS else 1))
    assert d.due > start.at


@FAST
@given(moments(), st.integers(1, 60))
def test_term_and_deemed_days_not_moved(start, n):
    term = count(start, Period(n, Unit.DAYS), TERM, CAL)
    deemed = count(start, Period(n, Unit.DAYS), DEEMED, CAL)
    assert term.last_day == deemed.last_day == start.day + timedelta(days=n)
    assert term.due > start.at
    # a deemed 1st day after an event at 24:00 is the same instant, so >= not >
    assert deemed.due >= start.at
    assert deemed.due == term.due - timedelta(days=1)


@FAST
@given(moments(), st.integers(1, 200))
def test_hours_exact(start, n):
    d = count(start, Period(n, Unit.HOURS), ACT, CAL)
    assert d.due - start.at == timedelta(hours=n)
    assert d.due > start.at


def test_every_calendar_file_error_is_worded_in_both_languages_and_reached(tmp_path):
    from engine.messages import CATALOGUE, render

    bodies = {
        "date_with_time": '[year.2027]\nsource = "x"\nholidays = [2027-01-01T10:00:00]\nworkdays = []\n',
        "no_such_date": '[year.2027]\nsource = "x"\nholidays = ["2027-02-30"]\nworkdays = []\n',
        "not_a_date": '[year.2027]\nsource = "x"\nholidays = ["2027-2-3"]\nworkdays = []\n',
        "wrong_year": '[year.2027]\nsource = "x"\nholidays = ["2026-10-01"]\nworkdays = []\n',
        "missing_list": '[year.2027]\nsource = "x"\nholidays = []\n',
        "not_a_list": '[year.2027]\nsource = "x"\nholidays = "2027-01-01"\nworkdays = []\n',
        "bad_year": '[year.27]\nsource = "x"\nholidays = []\nworkdays = []\n',
        "not_a_table": '[year]\n2027 = 5\n',
        "unknown_year_key": '[year.2027]\nsource = "x"\nholiday = []\nworkdays = []\n',
        "missing_source": '[year.2027]\nholidays = []\nworkdays = []\n',
        "both": '[year.2027]\nsource = "x"\nholidays = ["2027-01-02"]\nworkdays = ["2027-01-02"]\n',
        "workday_on_weekday": '[year.2027]\nsource = "x"\nholidays = []\nworkdays = ["2027-01-05"]\n',  # (a Tuesday)
        "twice": '[year.2027]\nsource = "x"\nholidays = ["2027-01-01", "2027-01-01"]\nworkdays = []\n',
        "not_toml": "[year.2027\nsource = 'x'",
        "unknown_key": 'title = "x"\n',
        "no_years": "[year]\n",
    }
    reached = {}
    for what, body in bodies.items():
        p = write(tmp_path, f"{what}.toml", body)
        with pytest.raises(CalendarFileError) as info:
            Calendar([p])
        reached[info.value.msg_key] = info.value
    binary = tmp_path / "bin.toml"
    binary.write_bytes(b"\xff\xfe\x00\x00\xff")
    big = tmp_path / "big.toml"
    big.write_text("#" * (1024 * 1024 + 1), encoding="utf-8")
    body = '[year.2027]\nsource = "x"\nholidays = []\nworkdays = []\n'
    twice = [write(tmp_path, "a.toml", body), write(tmp_path, "b.toml", body)]
    for files in ([tmp_path / "nope.toml"], [tmp_path], [Path("/dev/zero")], [binary], [big], twice, twice[:1] * 2):
        with pytest.raises(CalendarFileError) as info:
            Calendar(files)
        reached[info.value.msg_key] = info.value
    keys = {k for k in CATALOGUE if k.startswith("word:calendar_file.")}
    assert keys - set(reached) <= {"word:calendar_file.unreadable"}  # (an OS error other than these)
    for key, exc in reached.items():
        assert key in keys, key
        zh, en = render(key, exc.msg_args, "zh"), render(key, exc.msg_args, "en")
        assert zh != en and str(exc) == en and exc.path in zh
