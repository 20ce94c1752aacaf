"""Counting periods under 民法典 第201–204条 against the official working-day calendar.

Deadlines are legal answers: a day off is wrong. So every count records its steps in
words, the calendar never guesses a year it does not know, and the calendar's sources
are reported so a verdict can be reproduced.
"""

from __future__ import annotations

import calendar as _stdcal
import dataclasses
import functools
import hashlib
import importlib.metadata
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from enum import Enum
from pathlib import Path
from types import MappingProxyType
from typing import Mapping, Sequence

import chinese_calendar
from chinese_calendar import constants as _cc_constants
from ..run.steps import Step
from ..textfile import UndecodableText, decode

__all__ = [
    "CONTRACT_TZ",
    "Moment",
    "Unit",
    "Counting",
    "Period",
    "Deadline",
    "CalendarYearUnknown",
    "UNDETERMINED",
    "CalendarFileError",
    "Calendar",
    "add_months",
    "next_working_day",
    "add_working_days",
    "subtract_working_days",
    "count",
    "count_back",
]

# Contract time is Beijing time.  China has kept UTC+08:00 without daylight saving since
# 1992, so a fixed offset is exact for any contract this engine serves — and comparing
# instants that share one fixed tzinfo object is several times faster than with zoneinfo.
CONTRACT_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# chinese_calendar's English holiday names -> the Chinese names lawyers use.
_HOLIDAY_ZH: Mapping[str, str] = MappingProxyType(
    {
        "New Year's Day": "元旦",
        "Spring Festival": "春节",
        "Tomb-sweeping Day": "清明节",
        "Labour Day": "劳动节",
        "Dragon Boat Festival": "端午节",
        "National Day": "国庆节",
        "Mid-autumn Festival": "中秋节",
        "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
    }
)

_FALLBACKS = ("weekdays",)
# `calendar fallback undetermined`: a verdict that needs a year no calendar knows is left undetermined and the
# rest of the report stands; by default such a need stops the evaluation with an error (time-and-law.md)
UNDETERMINED = ("undetermined", "待定")


# --------------------------------------------------------------------------- moments


def _midnight(d: date) -> datetime:
    return datetime.combine(d, time(0, 0), tzinfo=CONTRACT_TZ)


def _wd(d: date) -> str:
    """'Thu 2026-03-05': the weekday is what a reader checks first."""
    return f"{_WEEKDAYS[d.weekday()]} {d.isoformat()}"


@dataclass(frozen=True, order=False, slots=True)
class Moment:
    """An instant plus the calendar day it counts as (民法典: an event at 24:00 of D counts as day D)."""

    at: datetime
    day: date
    # How the moment is written, worked out once (explanations and the report quote the same
    # moments many times); unset until first asked for.
    _iso: str | None = field(default=None, init=False, repr=False, compare=False)
    _cn: str | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.at, datetime) or self.at.tzinfo is None:
            raise ValueError(f"Moment.at must be a timezone-aware datetime, got {self.at!r}")
        local = self.at.astimezone(CONTRACT_TZ)
        at_midnight = local.time() == time(0, 0)
        if self.day != local.date() and not (at_midnight and self.day == local.date() - timedelta(days=1)):
            raise ValueError(
                f"Moment day {self.day} does not match instant {local.isoformat()} "
                "(it must be that instant's day, or the day before when the instant is 24:00)"
            )

    @classmethod
    def of(cls, dt: datetime) -> "Moment":
        """The moment of a recorded fact; naive times are contract (Beijing) time."""
        if not isinstance(dt, datetime):
            raise TypeError(f"Moment.of needs a datetime, got {type(dt).__name__}")
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=CONTRACT_TZ)
        return cls.in_contract_time(dt if dt.tzinfo is CONTRACT_TZ else dt.astimezone(CONTRACT_TZ))

    @classmethod
    def in_contract_time(cls, local: datetime, iso: str | None = None) -> "Moment":
        """The moment of an instant already in contract time (its tzinfo is CONTRACT_TZ); ``iso``:
        its ISO text when the caller already has it exactly as isoformat() writes it."""
        # Correct by construction (day is the instant's own day): skip __post_init__'s check,
        # which costs more than the rest of loading a fact.
        moment = object.__new__(cls)
        _SET_AT(moment, local)  # (the slots' own setters: frozen, yet faster than object.__setattr__)
        _SET_DAY(moment, local.date())
        _SET_ISO(moment, iso)
        _SET_CN(moment, None)
        return moment

    @classmethod
    def start_of_day(cls, d: date) -> "Moment":
        return cls(at=_midnight(d), day=d)

    @classmethod
    def end_of_day(cls, d: date) -> "Moment":
        """24:00 of d: the same instant as 00:00 of d+1, but it counts as day d."""
        return cls(at=_midnight(d + timedelta(days=1)), day=d)

    def local(self) -> datetime:
        at = self.at
        return at if at.tzinfo is CONTRACT_TZ else at.astimezone(CONTRACT_TZ)

    def is_end_of_day(self) -> bool:
        return self.local().date() != self.day

    def is_start_of_day(self) -> bool:
        """00:00 of its day (a fact given by its day alone is at it, unless known to come later that day)."""
        return self.local().time() == time(0, 0) and not self.is_end_of_day()

    def iso(self) -> str:
        """The instant in ISO 8601, as the report writes it."""
        text = self._iso
        if text is None:
            text = self.at.isoformat()
            object.__setattr__(self, "_iso", text)
        return text

    def chinese(self) -> str:
        """The moment as written in a Chinese contract or notice: 2026年7月13日24时."""
        text = self._cn
        if text is None:
            text = self._chinese()
            object.__setattr__(self, "_cn", text)
        return text

    def _chinese(self) -> str:
        local = self.local()
        if local.date() != self.day:  # 24:00 of the day before
            d = self.day
            return f"{d.year}年{d.month}月{d.day}日24时"
        minute, second = local.minute, local.second
        if second:  # (made in one piece: a fact's instant has its seconds as often as not)
            return f"{local.year}年{local.month}月{local.day}日{local.hour}时{minute:02d}分{second:02d}秒"
        if minute:
            return f"{local.year}年{local.month}月{local.day}日{local.hour}时{minute:02d}分"
        return f"{local.year}年{local.month}月{local.day}日{local.hour}时"


_SET_AT, _SET_DAY, _SET_ISO, _SET_CN = (Moment.__dict__[f].__set__ for f in ("at", "day", "_iso", "_cn"))


# --------------------------------------------------------------------------- periods


class Unit(str, Enum):
    MINUTES = "minutes"
    HOURS = "hours"
    DAYS = "days"
    WORKING_DAYS = "working_days"
    MONTHS = "months"
    YEARS = "years"


class Counting(str, Enum):
    ACT = "act"
    TERM = "term"
    DEEMED_DAY = "deemed_day"


_UNIT_WORDS: Mapping[Unit, tuple[str, str]] = MappingProxyType(
    {
        Unit.MINUTES: ("minute", "minutes"),
        Unit.HOURS: ("hour", "hours"),
        Unit.DAYS: ("day", "days"),
        Unit.WORKING_DAYS: ("working day", "working days"),
        Unit.MONTHS: ("month", "months"),
        Unit.YEARS: ("year", "years"),
    }
)


@dataclass(frozen=True)
class Period:
    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        if isinstance(self.amount, bool) or not isinstance(self.amount, int) or self.amount < 0:
            raise ValueError(f"Period amount must be a whole number >= 0, got {self.amount!r}")
        if not isinstance(self.unit, Unit):
            object.__setattr__(self, "unit", Unit(self.unit))

    def describe(self) -> str:
        one, many = _UNIT_WORDS[self.unit]
        return f"{self.amount} {one if self.amount == 1 else many}"


@dataclass(frozen=True)
class Deadline:
    start: Moment
    period: Period
    counting: Counting
    last_day: date | None
    due: datetime  # the end of the period: the first late instant, or for hours and minutes the last in-time one
    steps: tuple[Step, ...]  # how it was counted (explain.PHRASES words each code)
    # a year no calendar knows: `due` is then only the earliest the period can end (see earliest_end)
    provisional: int | None = None
    # the last day before 第203条 moved it off a rest day (None: not moved).  A period that is then
    # suspended or extended (顺延) runs on from this day — the move applies to the period's true end
    nominal: date | None = None
    # a period of hours or minutes started by a fact given by its day alone: `due` is the latest it can
    # end (from 24:00 of that day), `earliest` the earliest (from 00:00); an act between them cannot be
    # told in time or late (see bare_start)
    earliest: datetime | None = None
    # such a period's latest end is not itself in time: the fact of that day came before its 24:00, so the period ended
    # before the end counted from 24:00 (an act at that very instant is late — counsel round 41, 第1259条)
    open_end: bool = False

    @property
    def counted_to(self) -> date | None:
        """The last day the period itself reaches, before any move to a working day."""
        return self.nominal or self.last_day

    @property
    def inclusive(self) -> bool:
        """True when ``due`` itself is still in time: a period in hours or minutes includes its end
        instant (民法典第1259条, “以内”包括本数); a period of days ends at 24:00 of its last day, and
        ``due`` (00:00 of the next day) is the first late instant — as it is of hours counted from a fact of its day
        alone to their latest end (``open_end``)."""
        return self.last_day is None and not self.open_end

    def is_late(self, at: datetime) -> bool:
        """Whether an act at ``at`` comes after the period (at ``due`` itself: only for days)."""
        return at > self.due if self.inclusive else at >= self.due

    def end(self) -> Moment:
        """The moment the period ends, as a day-counting Moment (made once: it is quoted often)."""
        end = self.__dict__.get("_end")
        if end is None:
            if self.last_day is None:
                end = Moment.of(self.due)
            elif self.counting is Counting.DEEMED_DAY:
                end = Moment.start_of_day(self.last_day)
            else:
                end = Moment(at=self.due, day=self.last_day)
            self.__dict__["_end"] = end  # a cache beside the frozen fields, not one of them
        return end


def bare_start(earliest: Deadline, latest: Deadline) -> Deadline:
    """A period of hours or minutes whose start a fact gives by its day alone (a leak "found on
    2026-04-10"): it starts at some instant of that day, so it ends between ``earliest.due`` (counted
    from 00:00) and ``latest.due`` (from 24:00). The deadline is the latest — only after it is the act
    late for certain —, with the earliest beside it: an act by then is in time whatever the hour."""
    steps = tuple(Step("bare_latest_start", s.args) if s.code == "count_start_midnight" else s for s in latest.steps
                  if s.code != "end_instant_included")  # (the latest end is not in time: ``open_end``)
    return dataclasses.replace(latest, earliest=earliest.due, open_end=True, steps=steps + (  # (24:00 is the latest start, not *the*
        Step("bare_start_window", {"day": earliest.start.day, "earliest": Moment.of(earliest.due),  # start: counsel 19)
                                   "latest": Moment.of(latest.due)}),))


_new_step = functools.partial(tuple.__new__, Step)  # Step((code, args, depth)) without a Python frame


def _deadline(start: Moment, period: Period, counting: Counting, last_day: date | None, due: datetime,
              steps: tuple, provisional: int | None = None, nominal: date | None = None) -> Deadline:
    """``Deadline(...)`` built without the frozen dataclass's __init__ (a setattr per field): the same
    value, made on the path of every duty."""
    d = object.__new__(Deadline)
    d.__dict__.update(start=start, period=period, counting=counting, last_day=last_day, due=due, steps=steps,
                      provisional=provisional, nominal=nominal)
    return d


# --------------------------------------------------------------------------- errors


def year_ranges(years: Sequence[int]) -> str:
    """(2004, 2005, 2006, 2027) -> '2004–2006, 2027'."""
    ys = sorted(set(years))
    if not ys:
        return "none"
    parts, lo, prev = [], ys[0], ys[0]
    for y in ys[1:] + [None]:
        if y is not None and y == prev + 1:
            prev = y
            continue
        parts.append(str(lo) if lo == prev else f"{lo}–{prev}")
        if y is not None:
            lo = prev = y
    return ", ".join(parts)


class CalendarYearUnknown(Exception):
    """A date in a year no calendar knows. Never guessed."""

    def __init__(self, year: int, known_years: Sequence[int] = (), day: date | None = None):
        self.year = year
        self.known_years = tuple(known_years)
        self.day = day
        what = f"{_wd(day)} is" if day is not None else "a date is"
        super().__init__(
            f"No official working-day calendar for {year}: {what} in {year}, and the known calendar "
            f"years are {year_ranges(self.known_years)}. Working days are never guessed. To fix: add a "
            f"calendar file for {year} (TOML, format in calendars/README.md) and pass it with the rule "
            f"file's calendar declaration, or choose a fallback explicitly (fallback \"weekdays\": "
            f"Monday–Friday outside the known years)."
        )

    def step(self) -> Step:
        """The same, as a step of an explanation."""
        return Step("calendar_year_unknown", {"year": self.year, "known": year_ranges(self.known_years),
                                              "day": self.day})


class EarliestCalendar:
    """A calendar that answers for a year no calendar knows as if every day of it were a working day:
    places counted in working days come out at the earliest they can be (the 5th working day of a
    month is at the earliest its 5th day).  Known years answer as they are."""

    def __init__(self, cal: "Calendar"):
        self._cal = cal

    def is_working_day(self, d: date) -> bool:
        return self._cal.is_working_day(d) if self._cal.knows_year(d.year) else True

    def day_info(self, d: date) -> dict:
        """A day of a known year as it is; of a year no calendar knows, a working day (the earliest reading)."""
        if self._cal.knows_year(d.year):
            return self._cal.day_info(d)
        return {"kind": "day", "date": d.isoformat(), "weekday": d.weekday(), "type": "working", "holiday": None,
                "holiday_zh": None, "source": None}

    def __getattr__(self, name):
        return getattr(self._cal, name)


class CalendarFileError(Exception):
    """A calendar file that cannot be trusted: stop rather than count with it."""

    def __init__(self, path: str | Path, key: str | None, what: str, **args):
        """``what`` names the message (``word:calendar_file.WHAT`` in messages.CATALOGUE), ``args`` its
        arguments: the error is worded in Chinese or English where it is shown."""
        from ..messages import render

        self.path = str(path)
        self.key = key
        self.msg_key = f"word:calendar_file.{what}"
        self.msg_args = {"where": f"{self.path}: {key}: " if key else f"{self.path}: ", **args}
        super().__init__(render(self.msg_key, self.msg_args, "en"))


# --------------------------------------------------------------------------- calendar


@dataclass(frozen=True)
class _FileYear:
    year: int
    source: str
    holidays: frozenset[date]
    workdays: frozenset[date]
    path: str


@dataclass(frozen=True)
class _CalendarFile:
    path: str
    sha256: str
    years: tuple[_FileYear, ...]


_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")  # (ASCII digits only)
_MAX_CALENDAR_BYTES = 1024 * 1024  # a year's calendar is a few hundred bytes
_YEAR_KEYS = frozenset({"source", "holidays", "workdays"})


def _parse_day(path: str, key: str, item: object, year: int) -> date:
    if isinstance(item, datetime):
        raise CalendarFileError(path, key, "date_with_time", year=year, item=repr(item))
    if isinstance(item, date):
        d = item
    elif isinstance(item, str) and _ISO_DATE.match(item):
        try:
            d = date.fromisoformat(item)
        except ValueError:
            raise CalendarFileError(path, key, "no_such_date", item=item) from None
    else:
        raise CalendarFileError(path, key, "not_a_date", item=repr(item))
    if d.year != year:
        raise CalendarFileError(path, key, "wrong_year", year=year, day=str(d))
    return d


def _parse_days(path: str, table: Mapping, year: int, name: str) -> frozenset[date]:
    key = f"year.{year}.{name}"
    if name not in table:
        raise CalendarFileError(path, key, "missing_list", name=name)
    items = table[name]
    if not isinstance(items, list):
        raise CalendarFileError(path, key, "not_a_list", year=year, items=repr(items)[:60])
    days: dict = {}
    for i, it in enumerate(items):
        d = _parse_day(path, f"{key}, item {i + 1}", it, year)
        if d in days:  # (a date typed twice: most likely a neighbour mistyped — the fuzzer, round 36)
            raise CalendarFileError(path, f"{key}, item {i + 1}", "twice", day=str(d), first=days[d])
        days[d] = i + 1
    return frozenset(days)


def _parse_year(path: str, year_key: str, table: object) -> _FileYear:
    if not re.fullmatch(r"[0-9]{4}", year_key) or year_key == "0000":  # (ASCII digits: `\d` and int() read any
        # script's — a fuzzer; and no year 0: the calendar has none, no day of it can be counted)
        raise CalendarFileError(path, f"year.{year_key}", "bad_year")
    year = int(year_key)
    key = f"year.{year}"
    if not isinstance(table, dict):
        raise CalendarFileError(path, key, "not_a_table", year=year)
    unknown = sorted(set(table) - _YEAR_KEYS)
    if unknown:
        raise CalendarFileError(path, f"{key}.{unknown[0]}", "unknown_year_key")
    source = table.get("source")
    if not isinstance(source, str) or not source.strip():
        raise CalendarFileError(path, f"{key}.source", "missing_source")
    holidays = _parse_days(path, table, year, "holidays")
    workdays = _parse_days(path, table, year, "workdays")
    both = sorted(holidays & workdays)
    if both:
        raise CalendarFileError(path, key, "both", day=str(both[0]))
    weekday = sorted(d for d in workdays if d.weekday() < 5)
    if weekday:  # (a make-up working day, 调休上班, is a Saturday or a Sunday: Monday–Friday already is a working day —
        # a date there is mistyped, and the Saturday the notice named would be counted as a rest day, silently)
        raise CalendarFileError(path, f"{key}.workdays", "workday_on_weekday", day=str(weekday[0]),
                                weekday_zh="一二三四五"[weekday[0].weekday()],
                                weekday_en=weekday[0].strftime("%A"))
    return _FileYear(year, source.strip(), holidays, workdays, path)


def _load_file(p: str | Path) -> _CalendarFile:
    path = str(p)
    try:
        if not Path(p).exists():
            raise CalendarFileError(path, None, "missing")
        if not Path(p).is_file():  # (a directory, a device such as /dev/zero, a pipe: never read)
            raise CalendarFileError(path, None, "not_a_file")
        if Path(p).stat().st_size > _MAX_CALENDAR_BYTES:
            raise CalendarFileError(path, None, "too_large", limit=_MAX_CALENDAR_BYTES // 1024)
        raw = Path(p).read_bytes()
    except OSError as e:
        raise CalendarFileError(path, None, "unreadable", reason=e.strerror or str(e)) from None
    from ..messages import Msg  # (the reasons worded in the reader's language, not the library's English)

    try:
        data = tomllib.loads(decode(raw)[0])
    except UndecodableText as e:  # (why, as a fact file's is said: bytes no encoding reads, or read two ways)
        where = {"line": e.line, "column": e.column, "byte": e.byte}
        reason = Msg("word:undecodable_ambiguous", {**where, "utf8": e.readings[0], "gb18030": e.readings[1]}) \
            if e.readings is not None else Msg("word:undecodable", where) if e.utf8_line is None else \
            Msg("word:undecodable_mixed", {**where, "utf8_line": e.utf8_line})
        raise CalendarFileError(path, None, "not_text", reason=reason) from None
    except tomllib.TOMLDecodeError as e:
        at = re.search(r"\(at line (\d+), column (\d+)\)", str(e))
        reason = Msg("word:toml_at", {"line": int(at.group(1)), "column": int(at.group(2)), "detail": str(e)}) \
            if at else Msg("word:os.other", {"reason": str(e)})
        raise CalendarFileError(path, None, "not_toml", reason=reason) from None
    unknown = sorted(set(data) - {"year"})
    if unknown:
        raise CalendarFileError(path, unknown[0], "unknown_key")
    years = data.get("year")
    if not isinstance(years, dict) or not years:
        raise CalendarFileError(path, "year", "no_years")
    parsed = tuple(_parse_year(path, k, v) for k, v in years.items())
    return _CalendarFile(path, hashlib.sha256(raw).hexdigest(), parsed)


def _package_years() -> tuple[int, int]:
    """Read from the package's data, so a newer package extends the range by itself."""
    keys = list(_cc_constants.holidays) + list(_cc_constants.workdays)
    return min(k.year for k in keys), max(k.year for k in keys)


@functools.cache  # (one installed package, one answer: and each lookup leaves reference cycles)
def _package_version() -> str:
    try:
        return importlib.metadata.version("chinese-calendar")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - vendored copies
        return getattr(chinese_calendar, "__version__", "unknown")


class Calendar:
    """Official working days: the chinese-calendar package, overridden/extended by calendar files."""

    def __init__(self, files: Sequence[str | Path] = (), fallback: str | None = None):
        if fallback is not None and fallback not in _FALLBACKS:
            raise ValueError(f"unknown calendar fallback {fallback!r}; expected None or one of {_FALLBACKS}")
        if isinstance(files, (str, Path)):
            files = (files,)
        self._fallback = fallback
        self._package_range = _package_years()
        seen: dict[Path, str] = {}
        for f in files:  # (one file named twice: said so, not "its years are defined in itself"; a fuzzer)
            try:
                same = Path(f).resolve()
            except (OSError, RuntimeError):
                same = Path(f)
            if same in seen:
                raise CalendarFileError(f, None, "named_twice", other=seen[same])
            seen[same] = str(f)
        self._files = tuple(_load_file(f) for f in files)
        by_year: dict[int, _FileYear] = {}
        for cf in self._files:
            for fy in cf.years:
                if fy.year in by_year:
                    raise CalendarFileError(cf.path, f"year.{fy.year}", "year_twice", year=fy.year,
                                            other=by_year[fy.year].path)
                by_year[fy.year] = fy
        self._file_years: Mapping[int, _FileYear] = MappingProxyType(by_year)
        # Per-calendar memo of answers: the package's own lookup is slow (it scans its
        # tables on every call), and one evaluation asks about the same days many times.
        # Only days of the years a file or the package knows are kept (a few thousand at
        # most): a fallback day is answered from its weekday, and keeping every day a count
        # ever crossed under the fallback would grow with each long period counted.
        self._working: dict[date, bool] = {}
        self._notes: dict[date, str] = {}
        self._infos: dict[date, Mapping] = {}
        # Working days per known year (counting long periods jumps whole years), and the
        # package's holidays and make-up working days grouped by year, both made when first asked.
        self._year_counts: dict[int, int] = {}
        self._package_days: dict[int, tuple[set[date], set[date]]] | None = None

    # -- which source answers for a year

    def _in_package(self, year: int) -> bool:
        lo, hi = self._package_range
        return lo <= year <= hi

    def _check_known(self, d: date) -> None:
        if d.year not in self._file_years and not self._in_package(d.year) and self._fallback is None:
            raise CalendarYearUnknown(d.year, self.known_years(), d)

    def known_years(self) -> tuple[int, ...]:
        lo, hi = self._package_range
        return tuple(sorted(set(range(lo, hi + 1)) | set(self._file_years)))

    def knows_year(self, year: int) -> bool:
        """Whether a calendar file, the package or the explicit fallback answers for ``year``."""
        return year in self._file_years or self._in_package(year) or self._fallback is not None

    def _kept(self, year: int) -> bool:
        """Whether answers about days of ``year`` are memoised (see __init__)."""
        return year in self._file_years or self._in_package(year)

    def is_working_day(self, d: date) -> bool:
        known = self._working.get(d)
        if known is None:
            known = self._is_working_day(d)
            if self._kept(d.year):
                self._working[d] = known
        return known

    def working_days_in_year(self, year: int, reached: date | None = None) -> int:
        """How many working days ``year`` has, as ``is_working_day`` counts them day by day: its
        Mondays–Fridays, less those that are holidays, plus the weekend days that are make-up
        working days.  A year no calendar knows raises CalendarYearUnknown at once, naming
        ``reached`` (the day of it a count reached first; by default 1 January)."""
        n = self._year_counts.get(year)
        if n is None:
            if not self.knows_year(year):
                raise CalendarYearUnknown(year, self.known_years(), reached or date(year, 1, 1))
            fy = self._file_years.get(year)
            if fy is not None:
                holidays, workdays = fy.holidays, fy.workdays
            elif self._in_package(year):
                holidays, workdays = self._package_year(year)
            else:  # the explicit fallback: Monday–Friday
                holidays = workdays = frozenset()
            off = sum(1 for h in holidays if h.weekday() < 5 and h not in workdays)
            extra = sum(1 for w in workdays if w.weekday() >= 5)
            n = self._year_counts[year] = _weekdays_in_year(year) - off + extra
        return n

    def _package_year(self, year: int) -> tuple[set[date], set[date]]:
        """The package's holidays and make-up working days of ``year``."""
        if self._package_days is None:
            by_year: dict[int, tuple[set[date], set[date]]] = {}
            for i, table in enumerate((_cc_constants.holidays, _cc_constants.workdays)):
                for d in table:
                    by_year.setdefault(d.year, (set(), set()))[i].add(d)
            self._package_days = by_year
        return self._package_days.get(year, (set(), set()))

    def _is_working_day(self, d: date) -> bool:
        self._check_known(d)
        fy = self._file_years.get(d.year)
        if fy is not None:
            return d in fy.workdays or (d.weekday() < 5 and d not in fy.holidays)
        if self._in_package(d.year):
            return bool(chinese_calendar.is_workday(d))
        return d.weekday() < 5  # explicit "weekdays" fallback

    def is_rest_day(self, d: date) -> bool:
        return not self.is_working_day(d)

    def note_for(self, d: date) -> str:
        """Why d is or is not a working day, for the steps a lawyer reads."""
        note = self._notes.get(d)
        if note is None:
            note = self._note_for(d)
            if self._kept(d.year):
                self._notes[d] = note
        return note

    def _note_for(self, d: date) -> str:
        self._check_known(d)
        wd = _WEEKDAYS[d.weekday()]
        weekend = d.weekday() >= 5
        fy = self._file_years.get(d.year)
        if fy is not None:
            if d in fy.workdays:
                return f"{wd}, make-up working day (调休上班) per {fy.path}" if weekend else f"{wd}, working day"
            if d in fy.holidays:
                return f"{wd}, official holiday (法定节假日) per {fy.path}"
            return f"{wd}, rest day" if weekend else f"{wd}, working day"
        if self._in_package(d.year):
            is_holiday, name = chinese_calendar.get_holiday_detail(d)
            zh = f" ({_HOLIDAY_ZH[name]})" if name in _HOLIDAY_ZH else ""
            if not is_holiday and name:
                return f"{wd}, make-up working day (调休上班) for {name}{zh}" if weekend else f"{wd}, working day"
            if is_holiday and name:
                return f"{wd}, {name} holiday{zh}"
            return f"{wd}, rest day" if is_holiday else f"{wd}, working day"
        kind = "rest day" if weekend else "working day"
        return f"{wd}, {kind} (no official calendar for {d.year}: explicit Monday–Friday fallback)"

    def day_info(self, d: date) -> dict:
        """What d is for counting, as data for a step: its weekday, whether it is a working day,
        rest day, official holiday or make-up working day (调休上班), and on whose authority."""
        info = self._infos.get(d)
        if info is None:
            info = MappingProxyType(self._day_info(d))
            if self._kept(d.year):
                self._infos[d] = info
        return info

    def _day_info(self, d: date) -> dict:
        self._check_known(d)
        weekend = d.weekday() >= 5
        out = {"kind": "day", "date": d.isoformat(), "weekday": d.weekday(), "type": "rest" if weekend else "working",
               "holiday": None, "holiday_zh": None, "source": None}
        fy = self._file_years.get(d.year)
        if fy is not None:
            out["source"] = str(fy.path)
            if d in fy.workdays and weekend:
                out["type"] = "makeup"
            elif d in fy.holidays:
                out["type"] = "holiday"
            return out
        if self._in_package(d.year):
            is_holiday, name = chinese_calendar.get_holiday_detail(d)
            out["source"] = "chinese-calendar"
            if name:
                out.update(holiday=name, holiday_zh=_HOLIDAY_ZH.get(name))
            if not is_holiday and name and weekend:
                out["type"] = "makeup"
            elif is_holiday and name:
                out["type"] = "holiday"
            elif is_holiday:
                out["type"] = "rest"
            else:
                out["type"] = "working"
            return out
        out["source"] = "fallback"  # explicit Monday–Friday outside the known years
        return out

    def file_paths(self) -> list[str]:
        """The calendar files this calendar was read from (a rule file's `calendar file "…"`), as they were named."""
        return [cf.path for cf in self._files]

    def sources(self) -> list[dict]:
        lo, hi = self._package_range
        out: list[dict] = [{"name": "chinese-calendar", "version": _package_version(), "years": f"{lo}-{hi}"}]
        for cf in self._files:
            years = [fy.year for fy in cf.years]
            out.append(
                {
                    "name": cf.path,
                    "sha256": cf.sha256,
                    "years": ", ".join(str(y) for y in sorted(years)),
                    "notices": {str(fy.year): fy.source for fy in cf.years},
                    "overrides_package": [y for y in sorted(years) if self._in_package(y)],
                }
            )
        if self._fallback is not None:
            out.append({"name": "fallback", "rule": self._fallback, "years": "outside " + year_ranges(self.known_years())})
        return out


# --------------------------------------------------------------------------- day arithmetic


class LengthError(ValueError):
    """A length a fact gave that no period can be: ``msg`` is a catalogue key and its arguments."""

    def __init__(self, key: str, args: dict):
        super().__init__(key)
        self.msg = (key, args)


def period_of(value, unit) -> Period:
    """The period ``value`` units long, for a length known only when evaluated (`e.days days`):
    weeks as 7 days, hours and minutes in whole minutes (1.5 hours = 90 minutes), any other unit
    in whole numbers; a ``LengthError`` for a negative, a fraction of a day, or a length past any
    calendar."""
    from ..messages import word  # (the unit in the reader's language)
    shown = {"value": str(value)[:40], "unit": word(f"unit.{unit.value if isinstance(unit, Unit) else unit}")}
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise LengthError("length_not_whole", shown)
    if value < 0:
        raise LengthError("length_negative", shown)
    if unit == "weeks":
        unit, value = Unit.DAYS, value * 7
    if unit in (Unit.HOURS, Unit.MINUTES):
        minutes = value * (60 if unit == Unit.HOURS else 1)
        if minutes != int(minutes):  # (3.333 hours: 199.98 minutes — hours may have a part, in whole minutes)
            raise LengthError("length_not_whole_minutes", {**shown, "minutes": _plain_number(minutes)})
        if unit == Unit.HOURS and minutes % 60 == 0:  # (whole hours said in hours, as a literal length is: 100小时, not
            value = minutes // 60  # 6000分钟 — fuzz round 40)
        else:
            unit, value = Unit.MINUTES, minutes
    if value != int(value):
        raise LengthError("length_not_whole", shown)
    if value > 10 ** 8:
        raise LengthError("length_too_long", shown)
    return Period(int(value), unit)


def _plain_number(v) -> str:
    """A number as people write it (199.98, not 199.980 or 1.9998E+2), at most 40 characters."""
    text = f"{Decimal(v).normalize():f}" if isinstance(v, Decimal) else str(v)
    return text[:40]


def add_months(d: date, n: int) -> date:
    """第202条: the corresponding day n months on; the month's last day where there is none."""
    index = d.year * 12 + (d.month - 1) + n
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(d.day, _stdcal.monthrange(year, month)[1]))


def skip_rest_days(d: date, cal: Calendar) -> tuple[date, tuple[date, ...]]:
    """First working day on or after d, and the rest days passed over."""
    skipped = []
    while not cal.is_working_day(d):
        skipped.append(d)
        d += timedelta(days=1)
    return d, tuple(skipped)


def next_working_day(d: date, cal: Calendar) -> date:
    """d itself if it is a working day, else the first working day after it."""
    return skip_rest_days(d, cal)[0]


def _weekdays_in_year(year: int) -> int:
    """How many Mondays–Fridays ``year`` has."""
    days = 366 if _stdcal.isleap(year) else 365
    first = date(year, 1, 1).weekday()
    weeks, rest = divmod(days, 7)
    return weeks * 5 + sum(1 for k in range(rest) if (first + k) % 7 < 5)


def _nth_counted_day(d: date, n: int, cal: Calendar, step: int = 1, unknown_counts: bool = False) -> date:
    """The nth working day after d (``step`` 1) or before it (``step`` -1), d not counted; d itself
    for n == 0.  The same answer as walking day by day, in time that grows with the years crossed,
    not the days: the days of the first and the last year are walked, every year between is
    jumped by its number of working days (Calendar.working_days_in_year).

    A year no calendar knows stops the count at the first of its days the count reaches
    (CalendarYearUnknown, as walking would) — or, with ``unknown_counts``, every day of it counts
    (the earliest a period can end, see ``earliest_end``).  Past the years a date can have:
    OverflowError, as walking would."""
    if n < 0:
        raise ValueError(f"cannot count {n} working days")
    one = timedelta(days=step)
    left = n

    def counts(day: date) -> bool:
        if unknown_counts and not cal.knows_year(day.year):
            return True
        return cal.is_working_day(day)

    while left:
        edge = date(d.year, 12, 31) if step > 0 else date(d.year, 1, 1)
        while left and d != edge:  # day by day to the end of this year
            d += one
            left -= counts(d)
        if not left:
            break
        year = d.year + step
        while True:  # whole years the count passes through
            if not 1 <= year <= 9999:
                raise OverflowError("date value out of range")
            first = date(year, 1, 1) if step > 0 else date(year, 12, 31)
            if unknown_counts and not cal.knows_year(year):
                total = 366 if _stdcal.isleap(year) else 365
            else:
                total = cal.working_days_in_year(year, first)
            if total >= left:
                break
            left -= total
            year += step
        d = first  # the count ends in this year: walk it
        left -= counts(d)
    return d


def _walk_working_days(d: date, n: int, cal: Calendar) -> tuple[tuple[date, ...], tuple[date, ...]]:
    """The n working days after d (d not counted), and the days skipped between them.  Where the
    count ends is found first (a count running into a year no calendar knows stops there at once);
    then the days up to it are listed."""
    last = _nth_counted_day(d, n, cal)
    counted: list[date] = []
    skipped: list[date] = []
    while d < last:
        d += timedelta(days=1)
        (counted if cal.is_working_day(d) else skipped).append(d)
    return tuple(counted), tuple(skipped)


def add_working_days(d: date, n: int, cal: Calendar) -> date:
    """The nth working day after d (d not counted); d itself for n == 0."""
    return _nth_counted_day(d, n, cal)


def subtract_working_days(d: date, n: int, cal: Calendar) -> date:
    """The nth working day before d (d not counted); d itself for n == 0."""
    return _nth_counted_day(d, n, cal, step=-1)


# --------------------------------------------------------------------------- counting


def start_step(start: Moment) -> Step:
    """Where the count starts; an event at 24:00 belongs to the day that ends then."""
    if start.is_end_of_day():
        return Step("count_start_midnight", {"start": start, "day": start.day})
    return Step("count_start", {"start": start})


def _close_step(last_day: date) -> Step:
    return Step("last_day_ends", {"last": last_day, "first_late": Moment.of(_midnight(last_day + timedelta(days=1)))})


# steps without arguments, the same in every count that has them: one object, so that a report
# encodes and words each once however many duties cite it
_HOURS_NOT_EXTENDED = Step("hours_not_extended", {})
_DEEMED_NOT_MOVED = Step("deemed_not_moved", {})


def _clock(period: Period) -> timedelta:
    """An hours or minutes period as elapsed time."""
    return timedelta(minutes=period.amount) if period.unit is Unit.MINUTES else timedelta(hours=period.amount)


def _count_hours(start: Moment, period: Period, counting: Counting) -> Deadline:
    at = start.at
    delta = timedelta(minutes=period.amount) if period.unit is Unit.MINUTES else timedelta(hours=period.amount)
    if at.tzinfo is CONTRACT_TZ and 1 < at.year < 9999:
        # (a fixed offset: the wall clock moves as UTC does; the same instant, written the same way)
        due = at + delta
    else:
        due = (at.astimezone(timezone.utc) + delta).astimezone(CONTRACT_TZ)
    end = Moment.in_contract_time(due)
    local = at if at.tzinfo is CONTRACT_TZ else at.astimezone(CONTRACT_TZ)
    first = (_new_step(("count_start_midnight", {"start": start, "day": start.day}, 0))
             if local.date() != start.day else _new_step(("count_start", {"start": start}, 0)))  # (start_step)
    steps = (
        first,
        _new_step(("hours_from_instant", {"period": period, "due": end}, 0)),
        _HOURS_NOT_EXTENDED,
        _new_step(("end_instant_included", {"due": end}, 0)),
    )
    d = _deadline(start, period, counting, None, due, steps)
    d.__dict__["_end"] = end  # (what Deadline.end() would make: the same moment, made once)
    return d


def _raw_last_day(start: Moment, period: Period) -> tuple[date, list[Step]]:
    """Last day by 第201–202条, before any 第203条 extension."""
    d0 = start.day
    first = d0 + timedelta(days=1)
    steps = [Step("start_day_not_counted", {"day": d0, "first": first})]
    if period.unit is Unit.DAYS:
        last = d0 + timedelta(days=period.amount)
        steps.append(Step("last_day_of_days", {"period": period, "from": d0, "last": last}))
        return last, steps
    months = period.amount * (12 if period.unit is Unit.YEARS else 1)
    last = add_months(d0, months)
    if last.day != d0.day:
        steps.append(Step("corresponding_day_month_end", {"period": period, "from": d0, "last": last,
                                                          "missing": d0.day}))
    else:
        steps.append(Step("corresponding_day", {"period": period, "from": d0, "last": last}))
    return last, steps


def _deadline_for_day(start: Moment, period: Period, counting: Counting, last: date, steps: list[Step]) -> Deadline:
    steps.append(_close_step(last))
    due = _midnight(last + timedelta(days=1))
    return Deadline(start, period, counting, last, due, tuple(steps))


def _count_calendar(start: Moment, period: Period, counting: Counting, cal: Calendar) -> Deadline:
    last, steps = _raw_last_day(start, period)
    steps.insert(0, start_step(start))
    if counting is Counting.TERM:
        steps.append(Step("term_not_moved", {"last": last}))
        return _deadline_for_day(start, period, counting, last, steps)
    moved, skipped = skip_rest_days(last, cal)
    if skipped:
        steps.append(Step("last_day_moved", {"skipped": [cal.day_info(s) for s in skipped],
                                             "to": cal.day_info(moved)}))
    else:
        steps.append(Step("last_day_working", {"last": cal.day_info(last)}))
    d = _deadline_for_day(start, period, counting, moved, steps)
    return dataclasses.replace(d, nominal=last) if skipped else d


# Working days listed one by one in an explanation up to this many; a longer count (a year's 250) is summed up —
# its first and last day and how many days it passed over — and found without walking each day
_LISTED_WORKING_DAYS = 60


def _count_working_days(start: Moment, period: Period, counting: Counting, cal: Calendar) -> Deadline:
    d0 = start.day
    steps = [start_step(start), Step("working_days_start", {"day": d0})]
    if period.amount > _LISTED_WORKING_DAYS:
        last = _nth_counted_day(d0, period.amount, cal)
        first = _nth_counted_day(d0, 1, cal)
        steps.append(Step("working_days_counted_from_to", {
            "n": period.amount, "first": cal.day_info(first), "last": cal.day_info(last),
            "skipped": (last - d0).days - period.amount}))
        return _deadline_for_day(start, period, counting, last, steps)
    counted, skipped = _walk_working_days(d0, period.amount, cal)
    if counted:
        steps.append(Step("working_days_counted", {"days": [cal.day_info(c) for c in counted]}))
    if skipped:
        steps.append(Step("days_skipped", {"days": [cal.day_info(s) for s in skipped]}))
    last = counted[-1] if counted else d0
    return _deadline_for_day(start, period, counting, last, steps)


def _count_deemed(start: Moment, period: Period) -> Deadline:
    d0 = start.day
    day = d0 + timedelta(days=period.amount)
    steps = (
        start_step(start),
        Step("deemed_day", {"n": period.amount, "from": d0, "day": day}),
        _DEEMED_NOT_MOVED,
        Step("deemed_from_day_start", {"day": day, "at": Moment.of(_midnight(day))}),
    )
    return Deadline(start, period, Counting.DEEMED_DAY, day, _midnight(day), steps)


def _known_working_day(d: date, cal: Calendar) -> bool | None:
    """Whether d is an official working day, or None when no calendar knows its year."""
    try:
        return cal.is_working_day(d)
    except CalendarYearUnknown:
        return None


def earliest_end(start: Moment, period: Period, year: int, cal: Calendar) -> Deadline:
    """The earliest a period to act can end when the calendar of ``year`` is unknown.  Days of known
    years count as they are; in an unknown year every day might be a working day, and a last day
    there might not be moved (第203条 only ever moves it later).  An act before this instant is in
    time whatever that calendar says; after it, only the calendar can tell."""
    if period.unit is Unit.WORKING_DAYS:
        last = _nth_counted_day(start.day, period.amount, cal, unknown_counts=True)
        how = "working_days"
    else:
        last, _ = _raw_last_day(start, period)
        while _known_working_day(last, cal) is False:  # a known rest day: moved past it (第203条)
            last += timedelta(days=1)
        how = "days"
    steps = (start_step(start), Step("calendar_unknown_earliest", {"year": year, "how": how, "last": last}))
    return Deadline(start, period, Counting.ACT, last, _midnight(last + timedelta(days=1)), steps, provisional=year)


def count(start: Moment, period: Period, counting: Counting, cal: Calendar) -> Deadline:
    """Count a period from start under 民法典第201–203条, saying how in Deadline.steps."""
    if type(counting) is not Counting:
        counting = Counting(counting)
    if period.unit is Unit.HOURS or period.unit is Unit.MINUTES:
        if counting is Counting.DEEMED_DAY:
            raise ValueError("a deemed day (第N日视为…) is counted in days, not hours")
        return _count_hours(start, period, counting)
    if counting is Counting.DEEMED_DAY:
        if period.unit is not Unit.DAYS:
            raise ValueError(f"a deemed day (第N日视为…) is counted in days, not {period.unit.value}")
        return _count_deemed(start, period)
    if period.unit is Unit.WORKING_DAYS:
        return _count_working_days(start, period, counting, cal)
    return _count_calendar(start, period, counting, cal)


def count_back(event: Moment, period: Period, cal: Calendar) -> Deadline:
    """A period that must end *before* an event ("变更前10日"): the last day to act is n days
    (months, years) before the event's day, and it is not moved — moving it later would cut
    into the notice the other party is owed, and 第203条 speaks of periods running forward.
    Hours count back from the instant itself."""
    n = period.amount
    if period.unit in (Unit.HOURS, Unit.MINUTES):
        due = (event.at.astimezone(timezone.utc) - _clock(period)).astimezone(CONTRACT_TZ)
        steps = (start_step(event), Step("hours_before", {"period": period, "due": Moment.of(due)}))
        return Deadline(event, period, Counting.TERM, None, due, steps)
    d0 = event.day
    if period.unit is Unit.DAYS:
        last = d0 - timedelta(days=n)
    elif period.unit is Unit.WORKING_DAYS:
        last = subtract_working_days(d0, n, cal)
    else:
        last = add_months(d0, -n * (12 if period.unit is Unit.YEARS else 1))
    steps = [Step("counted_back_event", {"event": event, "day": d0}),
             Step("counted_back", {"period": period, "from": d0, "last": last})]
    return _deadline_for_day(event, period, Counting.TERM, last, steps)


# ---------------------------------------------------------------------------- places in the calendar
def month_after(d: date, months: int = 1) -> tuple[int, int]:
    """(year, month) ``months`` after the month of ``d``."""
    n = d.year * 12 + d.month - 1 + months
    return n // 12, n % 12 + 1


def last_day_of_month(year: int, month: int) -> date:
    return date(year, month, _stdcal.monthrange(year, month)[1])


def day_of_month(year: int, month: int, n: int) -> date:
    """Day ``n`` of a month (the 10th); a month without it has none — ValueError (the 31st of June)."""
    return date(year, month, n)


def working_day_of_month(cal: "Calendar", year: int, month: int, n: int) -> date:
    """The ``n``-th official working day of a month: holidays skipped, make-up working days counted
    (the 5th working day of October 2026 is Tue 10-13, after the National Day holiday).  A month
    with fewer working days: its last one (as 民法典第202条 reads a missing corresponding day)."""
    d, seen, last = date(year, month, 1), 0, None
    while d.month == month:
        if cal.is_working_day(d):
            seen, last = seen + 1, d
            if seen == n:
                return d
        d += timedelta(days=1)
    if last is None:
        raise ValueError(f"{year}-{month:02d} has no working day")
    return last


def working_day_from(cal: "Calendar", d: date) -> date:
    """``d`` if it is an official working day, else the first working day after it (“遇法定节假日顺延至其后
    第一个工作日”: Sun 2026-10-04 → Thu 10-08; the make-up Saturday 2026-10-10 is itself a working day)."""
    while not cal.is_working_day(d):
        d += timedelta(days=1)
    return d


def working_day_until(cal: "Calendar", d: date) -> date:
    """``d`` if it is an official working day, else the last working day before it (“遇法定节假日或者休息日的，提前到最近的
    工作日”: the 15th on Sun 2026-02-15, in the Spring Festival → Sat 02-14, a make-up working day)."""
    while not cal.is_working_day(d):
        d -= timedelta(days=1)
    return d


def quarter_end(d: date) -> date:
    """The last day of the quarter of ``d`` (3-31, 6-30, 9-30, 12-31)."""
    return last_day_of_month(d.year, (d.month - 1) // 3 * 3 + 3)


@dataclass(frozen=True)
class Anchored:
    """`every 3 months p from X` (每3个月为一期，自X起): periods of ``n`` weeks, months, quarters or years counted from
    X's own day, not the calendar's — the k-th begins on the day k·n units after X (第202条: a month without the
    corresponding day, its last day) and ends the day before the next begins.  Its label is the day it begins."""
    unit: str
    n: int

    def start(self, anchor: date, k: int) -> date:
        if self.unit == "weeks":
            return anchor + timedelta(days=7 * self.n * k)
        return add_months(anchor, {"months": 1, "quarters": 3, "years": 12}[self.unit] * self.n * k)

    def index(self, anchor: date, day: date) -> int:
        """Which period ``day`` falls in (0: the first; a day before the anchor, -1 or less)."""
        if self.unit == "weeks":
            return (day - anchor).days // (7 * self.n)
        step = {"months": 1, "quarters": 3, "years": 12}[self.unit] * self.n
        k = ((day.year - anchor.year) * 12 + day.month - anchor.month) // step
        while self.start(anchor, k) > day:
            k -= 1
        while self.start(anchor, k + 1) <= day:
            k += 1
        return k

    def last_day(self, anchor: date, first: date) -> date:
        return self.start(anchor, self.index(anchor, first) + 1) - timedelta(days=1)


def period_start(unit: str, d: date) -> date:
    """The first day of the calendar period (weeks from Monday, months, quarters, years) ``d`` is in."""
    if unit == "weeks":
        return d - timedelta(days=d.weekday())
    if unit == "months":
        return d.replace(day=1)
    if unit == "quarters":
        return date(d.year, (d.month - 1) // 3 * 3 + 1, 1)
    return date(d.year, 1, 1)


def period_end(unit: str, first: date) -> date:
    """The last day of the calendar period that begins on ``first``."""
    if unit == "weeks":
        return first + timedelta(days=6)
    if unit == "months":
        return last_day_of_month(first.year, first.month)
    if unit == "quarters":
        return quarter_end(first)
    return date(first.year, 12, 31)


# (as the engine writes them, and as a Chinese record does: 2024年, 2024年3月, 2024年第1季度, 2024年第10周)
_LABELS = {"months": re.compile(r"(\d{4})(?:-(\d{2})|年(\d{1,2})月)"),
           "quarters": re.compile(r"(\d{4})(?:-Q([1-4])|年第?([1-4])季度?)"),
           "years": re.compile(r"(\d{4})年?"), "weeks": re.compile(r"(\d{4})(?:-W(\d{2})|年第(\d{1,2})周)")}


def period_index(unit: str, value) -> int:
    """The calendar period (weeks from Monday, months, quarters, years) a value falls in, as a
    number that grows by one from each period to the next: a label as the engine writes them
    (2026-03, 2026-Q1, 2026, 2026-W10), a date, an instant (its day in China), a period (its
    first day).  A ``LengthError`` for a label of another kind."""
    if hasattr(value, "start") and hasattr(value, "label"):  # a period: its first day
        value = value.start
    if hasattr(value, "moment"):  # a fact: when it happened
        value = value.moment
    if isinstance(value, Moment):
        value = value.day
    if isinstance(value, datetime):
        value = value.astimezone(CONTRACT_TZ).date()
    if isinstance(value, str):
        hit = _LABELS[unit].fullmatch(value.strip())
        try:
            if hit is None:
                raise ValueError(value)
            y, n = int(hit.group(1)), int(next((g for g in hit.groups()[1:] if g is not None), 1))
            value = date.fromisocalendar(y, n, 1) if unit == "weeks" else date(y, n if unit == "months" else
                                                                             (n - 1) * 3 + 1 if unit == "quarters"
                                                                             else 1, 1)
        except ValueError:
            from ..messages import word  # (the unit in the reader's language)
            raise LengthError("bad_period_label", {"value": value[:40], "unit": word(f"unit.{unit}"),
                                                   "example": period_label(unit, date(2026, 3, 2))}) from None
    if not isinstance(value, date):  # (a number or an amount, as an attribute of any kind may hold)
        from ..messages import word
        raise LengthError("bad_period_label", {"value": str(value)[:40], "unit": word(f"unit.{unit}"),
                                               "example": period_label(unit, date(2026, 3, 2))})
    if unit == "weeks":  # (Mondays: 1 January of year 1 was one)
        return ((value - timedelta(days=value.weekday())).toordinal() - 1) // 7
    if unit == "months":
        return value.year * 12 + value.month - 1
    if unit == "quarters":
        return value.year * 4 + (value.month - 1) // 3
    return value.year


def longest_run(indexes: set[int]) -> int:
    """The most consecutive numbers in ``indexes`` (0 when empty)."""
    best = 0
    for i in indexes:
        if i - 1 not in indexes:
            n = 1
            while i + n in indexes:
                n += 1
            best = max(best, n)
    return best


_LABEL = re.compile(r"(\d{4})(?:-Q([1-4])|-W(\d{2})|-(\d{2}))?")


def period_label_zh(label: str) -> str:
    """A period's label (``period_label``) as a Chinese reader names it: 2026-Q3 → 2026年第3季度, 2026-03 → 2026年3月,
    2026-W10 → 2026年第10周, 2026 → 2026年; anything else as it is."""
    m = _LABEL.fullmatch(label) if type(label) is str else None
    if m is None:
        return label
    year, quarter, week, month = m.groups()
    if quarter:
        return f"{year}年第{quarter}季度"
    if week:
        return f"{year}年第{int(week)}周"
    return f"{year}年{int(month)}月" if month else f"{year}年"


def period_label(unit: str, first: date) -> str:
    """How a period is named: 2026-03, 2026-Q1, 2026, 2026-W10 (ISO week)."""
    if unit == "weeks":
        year, week, _ = first.isocalendar()
        return f"{year}-W{week:02d}"
    if unit == "months":
        return f"{first.year}-{first.month:02d}"
    if unit == "quarters":
        return f"{first.year}-Q{(first.month - 1) // 3 + 1}"
    return str(first.year)
