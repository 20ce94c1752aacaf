"""Hypothesis strategies that build facts and whole fact streams for any rule file, from its
event declarations: typed attribute values, ids and references that resolve, instants biased to
where verdicts flip.

A random amount never equals ¥175,700.00 and a random instant never falls at 24:00 of a
deadline's last day, so values are drawn, most of the time, from what the rule file itself
names: its amounts (± a fen), numbers (± 1), texts, dates, the durations of its periods
(added to an earlier fact's instant, ± a second, ± a day), the days the official calendar
marks (public holidays, make-up working days) and the edges of a day (00:00:00, 23:59:59).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import chinese_calendar.constants as _calendar_days
from hypothesis import strategies as st

from .. import model as m
from ..compiler import Env, referenced_types
from ..timecalc import CONTRACT_TZ, Unit

CENT = Decimal("0.01")
# instants of a day where verdicts flip: its first and last second, and a working-hours time
TIMES = (time(0, 0, 0), time(23, 59, 59), time(9, 0), time(12, 0), time(17, 30), time(0, 0, 1))
ONE_SECOND, ONE_DAY = timedelta(seconds=1), timedelta(days=1)


@dataclass
class Spec:
    """What a rule file tells about its facts: each kind of fact and its attributes, the parties,
    and the constants the rules compare them with."""
    events: list  # EventDecl of each kind of fact
    parties: list[str]
    money: list[Decimal] = field(default_factory=list)
    numbers: list = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    dates: list[date] = field(default_factory=list)
    lengths: list[timedelta] = field(default_factory=list)  # the rule file's periods, as time to add
    special_days: list[date] = field(default_factory=list)  # holidays and make-up working days in the window
    window: tuple[date, date] = (date(2026, 1, 1), date(2026, 12, 31))
    first_types: list[str] = field(default_factory=list)  # what puts the contract in force
    weighted: list[str] = field(default_factory=list)  # each kind of fact once, and again for each rule that reads it

    @classmethod
    def of(cls, rules) -> "Spec":
        """The spec of a compiled rule file (``CompiledRules``)."""
        checked = rules.checked
        rf = checked.rules
        spec = cls(list(rf.events), list(checked.parties))
        money, numbers, texts, dates, lengths = set(), set(), set(), set(), set()
        for node in m.nodes(rf):
            if isinstance(node, m.Literal):
                v = node.value
                if node.kind == "money":
                    money.add(v)
                elif node.kind == "number":
                    numbers.add(v)
                elif node.kind == "text":
                    texts.add(v)
                elif node.kind == "date":
                    dates.add(v)
            elif isinstance(node, m.DurationExpr) and node.amount is not None and node.unit is not None:
                lengths.add(_length(node.amount, node.unit))
        comp = rules.prepared.compiler
        for name in checked.params:  # (a parameter's value: ¥175,700.00, 2025-07-01, 30 days)
            try:
                v = comp.param(name)(Env({}, None, None))
            except Exception:  # noqa: BLE001 - a parameter that reads the state has no value here
                continue
            if isinstance(v, Decimal) and checked.param_types.get(name) == "money":
                money.add(v)
            elif isinstance(v, (int, Decimal)) and not isinstance(v, bool):
                numbers.add(v)
            elif isinstance(v, date) and not isinstance(v, datetime):
                dates.add(v)
            elif hasattr(v, "unit") and hasattr(v, "amount"):
                lengths.add(_length(v.amount, v.unit))
        first_year, last_year = min(_calendar_days.holidays).year, max(_calendar_days.holidays).year
        lo, hi = (min(dates) - 60 * ONE_DAY, max(dates) + 60 * ONE_DAY) if dates else \
            (date(last_year - 1, 1, 1), date(last_year, 12, 31))  # (two years: a contract's term and after)
        lo, hi = max(lo, date(first_year, 1, 1)), min(hi, date(last_year, 12, 31))  # (a calendar knows them)
        if lo > hi:
            lo, hi = date(last_year, 1, 1), date(last_year, 12, 31)
        spec.window = (lo, hi)
        spec.money = sorted(money)
        spec.numbers = sorted(numbers)
        spec.texts = sorted(texts)
        spec.dates = sorted(d for d in dates if lo <= d <= hi) or [lo]
        spec.lengths = sorted(x for x in lengths if x) or [ONE_DAY]
        spec.special_days = sorted(d for d in (*_calendar_days.holidays, *_calendar_days.workdays) if lo <= d <= hi)
        declared = {e.name for e in rf.events}
        spec.first_types = sorted(set().union(*(referenced_types(x, checked) for x in rf.effective)) & declared)
        reads = [t for x in (*rf.obligations, *rf.remedies, *rf.deemed, *rf.terminations)
                 for t in sorted(referenced_types(x, checked) & declared)]
        spec.weighted = [e.name for e in rf.events] + reads  # (a fact that many rules read is drawn more often)
        return spec


def _length(amount: int, unit) -> timedelta:
    """A period as time to add to an instant: days of all kinds as days (a working day as a day,
    a month as 30 days) — close enough to land near a deadline, where the ± a day and ± a second
    then fall on both sides of it."""
    unit = unit if isinstance(unit, Unit) else Unit(unit)
    if unit is Unit.MINUTES:
        return timedelta(minutes=amount)
    if unit is Unit.HOURS:
        return timedelta(hours=amount)
    if unit is Unit.MONTHS:
        return timedelta(days=30 * amount)
    if unit is Unit.YEARS:
        return timedelta(days=365 * amount)
    return timedelta(days=min(amount, 3650))


def _at(d: date, t: time) -> datetime:
    return datetime.combine(d, t, CONTRACT_TZ)


@st.composite
def instants(draw, spec: Spec, earlier: tuple = ()) -> datetime:
    """An instant, most often where a verdict can flip: the edge of a named or special day, or an
    earlier instant plus one of the rule file's periods (± a second, ± a day)."""
    lo, hi = spec.window
    way = draw(st.sampled_from(("named", "special", "after", "after", "after", "any")))
    if way == "after" and earlier:
        base = draw(st.sampled_from(earlier))
        shift = draw(st.sampled_from((timedelta(0), ONE_SECOND, -ONE_SECOND, ONE_DAY, -ONE_DAY)))
        at = base + draw(st.sampled_from(spec.lengths)) + shift
        if draw(st.booleans()):  # (the edge of that day: a period of days ends at its 24:00)
            at = _at(at.astimezone(CONTRACT_TZ).date(), draw(st.sampled_from(TIMES)))
        return min(max(at, _at(lo, time(0))), _at(hi, time(23, 59, 59)))
    if way == "named" or (way == "after" and not earlier):
        day = draw(st.sampled_from(spec.dates)) + draw(st.sampled_from((timedelta(0), ONE_DAY, -ONE_DAY)))
        day = min(max(day, lo), hi)
    elif way == "special" and spec.special_days:
        day = draw(st.sampled_from(spec.special_days))
    else:
        day = draw(st.dates(min_value=lo, max_value=hi))
    if draw(st.integers(0, 3)) == 0:
        return _at(day, time(0)) + timedelta(seconds=draw(st.integers(0, 86399)))
    return _at(day, draw(st.sampled_from(TIMES)))


def _near(values: list, step) -> st.SearchStrategy:
    """One of ``values``, or one a step beside it."""
    base = st.sampled_from(values)
    return st.one_of(base, base, base, base.map(lambda v: v + step), base.map(lambda v: v - step))


def values(spec: Spec, t: m.AttrType, facts: list[dict], at: datetime) -> st.SearchStrategy:
    """A value of an attribute of type ``t`` as a fact line writes it (JSON)."""
    k = t.kind
    if k == "int":
        lo = t.low if t.low is not None else -1000
        hi = t.high if t.high is not None else max(1000, lo)
        edges = [v for v in (lo, hi, *[int(n) for n in spec.numbers if n == int(n)]) if lo <= v <= hi]
        return st.one_of(st.sampled_from(edges), st.integers(lo, hi)) if edges else st.integers(lo, hi)
    if k == "number":
        lo = Decimal(t.low) if t.low is not None else Decimal(-1000)
        hi = Decimal(t.high) if t.high is not None else max(Decimal(1000), lo)
        named = [Decimal(n) for n in spec.numbers if lo <= Decimal(n) <= hi]
        anywhere = st.decimals(lo, hi, places=2, allow_nan=False, allow_infinity=False)
        return (st.one_of(_near(named, CENT).filter(lambda v: lo <= v <= hi), anywhere) if named
                else anywhere).map(lambda v: str(v))
    if k == "money":
        top = max(spec.money, default=Decimal("100000.00"))
        anywhere = st.decimals(Decimal(0), top * 2, places=2, allow_nan=False, allow_infinity=False)
        named = _near(spec.money, CENT).filter(lambda v: v >= 0) if spec.money else anywhere
        return st.one_of(named, named, anywhere).map(lambda v: f"{Decimal(v).quantize(CENT)}")
    if k == "bool":
        return st.booleans()
    if k == "date":
        day = at.astimezone(CONTRACT_TZ).date()
        return st.one_of(st.sampled_from(spec.dates), st.integers(-3, 40).map(lambda n: day + n * ONE_DAY)
                         ).map(lambda d: d.isoformat())
    if k == "datetime":
        return instants(spec, (at,)).map(lambda x: x.isoformat())
    if k == "text":
        return st.one_of(st.sampled_from(spec.texts), st.text("甲乙abc123", max_size=4)) if spec.texts else \
            st.text("甲乙abc123", min_size=1, max_size=4)
    if k == "party":
        return st.sampled_from(spec.parties) if spec.parties else st.text("ab", min_size=1, max_size=2)
    if k == "enum":
        return st.sampled_from(list(t.values))
    if k == "ref":  # the id of an earlier fact of a kind the reference may name
        allowed = set(t.values) if t.values else None
        ids = [f["id"] for f in facts if allowed is None or f["type"] in allowed]
        return st.sampled_from(ids) if ids else st.just("none")
    return st.nothing()  # pragma: no cover


@st.composite
def facts(draw, spec: Spec, etype: str, number: int = 0, earlier: list | None = None,
          at: datetime | None = None, bare: bool = False) -> dict:
    """One fact of kind ``etype`` as a dict (a line of a fact file once written as JSON)."""
    earlier = earlier or []
    decl = next(e for e in spec.events if e.name == etype)
    if at is None:
        at = draw(instants(spec, tuple(datetime.fromisoformat(f["at"]) for f in earlier)))
    fact = {"id": f"{etype[:12]}-{number}", "type": etype, "at": at.isoformat()}
    for a in decl.attrs:
        if (a.optional or a.has_default) and (bare or draw(st.integers(0, 4)) == 0 or not _can_refer(a.type, earlier)):
            continue  # (left out now and then: an optional attribute, or one with a default)
        fact[a.name] = draw(values(spec, a.type, earlier, at))
    return fact


def _can_refer(t: m.AttrType, earlier: list[dict]) -> bool:
    """Whether a reference of type ``t`` has an earlier fact to name (always, for other types)."""
    return t.kind != "ref" or any(not t.values or f["type"] in t.values for f in earlier)


def _possible(spec: Spec, etype: str, earlier: list[dict]) -> bool:
    """Whether a fact of kind ``etype`` can be made now: each reference it needs has a fact to name."""
    decl = next(e for e in spec.events if e.name == etype)
    return all(a.optional or a.has_default or _can_refer(a.type, earlier) for a in decl.attrs)


@st.composite
def fact_streams(draw, spec: Spec, max_facts: int = 12, types: list[str] | None = None):
    """A fact stream: (the fact dicts in time order, the instant to evaluate at).  Most streams
    begin with what puts the contract in force; the evaluation instant is the last fact, or a
    while after it (a day, a month, a year), so that deadlines pass."""
    kinds = types or spec.weighted or [e.name for e in spec.events]
    out: list[dict] = []
    if spec.first_types and draw(st.integers(0, 4)) > 0:  # (most often without its optional attributes:
        out.append(draw(facts(spec, draw(st.sampled_from(spec.first_types)), 0, out,  # "signed by both at once")
                              bare=draw(st.integers(0, 3)) > 0)))
    for n in range(len(out), draw(st.integers(0, max_facts))):
        possible = [k for k in kinds if _possible(spec, k, out)]
        out.append(draw(facts(spec, draw(st.sampled_from(possible)), n, out)))
    out.sort(key=lambda f: datetime.fromisoformat(f["at"]))
    last = max((datetime.fromisoformat(f["at"]) for f in out), default=_at(spec.window[0], time(0)))
    as_of = last + draw(st.sampled_from((timedelta(0), ONE_SECOND, ONE_DAY, 10 * ONE_DAY, 40 * ONE_DAY,
                                         400 * ONE_DAY)))
    return out, as_of


def lines(stream: list[dict]) -> list[str]:
    """The fact dicts as the lines of a fact file."""
    return [json.dumps(f, ensure_ascii=False) for f in stream]
