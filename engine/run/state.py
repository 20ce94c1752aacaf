"""What a replay keeps as it goes: an obligation's instance and the lifecycle its status moves through
(``Status``, ``TRANSITIONS``), a remedy's row and how it accrues (``Remedy``), a finding, the phases of an
instant (``PHASE_*``), and the small helpers the replay reads on the path of every fact."""
from __future__ import annotations

import bisect
import functools
import operator
import types
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from typing import TYPE_CHECKING

from .compiler import DayOnly, Event
from ..lang.numbers import CENT
from .steps import Quantity, Step, TypeRef
from ..time.timecalc import CONTRACT_TZ, Deadline, Moment

if TYPE_CHECKING:
    from .plans import ObligationPlan, RemedyPlan, TriggerPlan


class Status(str, Enum):
    """The lifecycle of an obligation (and the states a report shows)."""

    INACTIVE = "inactive"    # not triggered by as_of
    ACTIVE = "active"        # triggered, not yet due
    SUSPENDED = "suspended"  # triggered, running paused (reserved for excuses that pause time)
    FULFILLED = "fulfilled"  # performed before it was due
    VIOLATED = "violated"    # due passed unperformed
    EXCUSED = "excused"      # an exception of the contract applies
    DISCHARGED = "discharged"  # the contract ended before it was performed or due (民法典第566条)
    UNDETERMINED = "undetermined"  # its deadline needs a year no calendar knows


# Which transitions the lifecycle allows; anything else is a bug in the evaluator.
TRANSITIONS = {
    Status.INACTIVE: {Status.ACTIVE, Status.EXCUSED, Status.UNDETERMINED},
    Status.ACTIVE: {Status.FULFILLED, Status.VIOLATED, Status.EXCUSED, Status.SUSPENDED, Status.DISCHARGED,
                    Status.UNDETERMINED},
    Status.SUSPENDED: {Status.ACTIVE, Status.EXCUSED, Status.DISCHARGED, Status.FULFILLED},
    # (violated → fulfilled: performed within the period, as an event deemed at an earlier instant tells later)
    # (violated → active: a delay applied for in time and confirmed after the deadline extends it — `retroactively`)
    # (violated → excused: it arose at an `unless` window's end that an event learnt of later met after all)
    Status.FULFILLED: set(), Status.VIOLATED: {Status.FULFILLED, Status.ACTIVE, Status.EXCUSED}, Status.EXCUSED: set(),
    Status.DISCHARGED: set(),
    Status.UNDETERMINED: {Status.ACTIVE, Status.EXCUSED},  # (a `due by` whose value becomes known: retry_due_by)
}

# the same, as pairs of texts: checked on every move (an enum hashes through Python code)
_ALLOWED = frozenset((a._value_, b._value_) for a, targets in TRANSITIONS.items() for b in targets)

# What happens at one instant, in this order: deadlines that passed at it (a period of days ends at
# 24:00, so its `due` is the first late instant); the facts of that instant, all together, and what
# they set off; the notices of termination of that instant, decided together; the end of the
# contract, if one of them ended it; the periods of recurring duties that begin at it (after all
# that: a report handed in at that instant performs the new month's duty, a contract ended at it
# begins no new month); then the deadlines whose end instant is itself still in time (hours and
# minutes, 民法典第1259条).  Before all of it, the day that ends at that instant is looked back on: what a
# fact known by that day alone came before (a finding on a payment of that day: the conditions as they stood
# before 24:00 acted — counsel round 40).
PHASE_DEADLINE, PHASE_EVENT, PHASE_DECIDE, PHASE_END, PHASE_BEGIN, PHASE_LATE = 0, 1, 2, 3, 4, 5
PHASE_DAY_END = -1
_HOUR, _NO_TIME = timedelta(hours=1), timedelta(0)  # (a per-hour amount's hours: ``Remedy.hours``)
_AT = operator.attrgetter("moment.at")  # an event's instant, for bisecting a time-ordered pool
# replay order: time, then id — facts of one instant are simultaneous, and the order in which
# they were listed must never change a verdict
_WHEN_ID = operator.attrgetter("moment.at", "id")
_new_step = functools.partial(tuple.__new__, Step)  # Step((code, args, depth)), without a Python frame
_NOTHING_BOUND = types.MappingProxyType({})  # the bindings a trigger starts from (read-only)
_NO_DOUBT = frozenset()
# steps without arguments: one object each, encoded and worded once in a report however often cited
_DUTY_WITHOUT_END, _DUTY_END_OPEN = Step("duty_without_end", {}), Step("duty_end_open", {})
# the statuses in which a duty may still be performed (on time, or late, or with its time unknown)
_MAY_PERFORM = (Status.ACTIVE, Status.VIOLATED, Status.UNDETERMINED, Status.SUSPENDED)


def _phase_of(d: Deadline) -> int:
    """When a period's end is acted on at its instant: before that instant's facts when ``due`` is
    the first late instant (days), after them when ``due`` itself is still in time (hours)."""
    return PHASE_LATE if d.inclusive else PHASE_DEADLINE


def _phase_of_end(end: Moment) -> int:
    """The same for an end given as an instant: the end of a day (24:00) is the first late instant; an instant
    within a day is itself still in time (民法典第1259条)."""
    return PHASE_DEADLINE if end.is_end_of_day() else PHASE_LATE


def _held_id(attr: str):
    """The id of the event an attribute holds (a duty's stage: `by`, the fact that performed it), or None
    (as `o.by.id` reads where it holds none: a comparison with it is false, so no lookup finds it)."""
    def read(e):
        v = e.attrs.get(attr)
        return v.id if type(v) is Event else None
    return read


def key_reader(attrs: tuple[str, ...]):
    """A function giving an event's value under an index key: the bare value of one attribute,
    the tuple of several (as ``compiler._key_of`` builds the other side).  Built once per key:
    reading keys is on the path of every fact."""
    if any("." in a for a in attrs):  # (`by.id`: the id of the event an attribute holds — o.by.id)
        readers = tuple(_held_id(a.split(".")[0]) if "." in a else key_reader((a,)) for a in attrs)
        if len(readers) == 1:
            return readers[0]
        return lambda e: tuple(r(e) for r in readers)
    if len(attrs) == 1:
        a = attrs[0]
        if a == "id":
            return operator.attrgetter("id")
        return lambda e: e.attrs.get(a)
    if "id" in attrs:
        return lambda e: tuple(e.id if a == "id" else e.attrs.get(a) for a in attrs)
    return lambda e: tuple(map(e.attrs.get, attrs))


def first_at_or_after(pool: list[Event], at: datetime) -> int:
    """Where the events at or after ``at`` begin in a time-ordered pool.  Searched from the end,
    doubling the step, then bisected: the tail is usually short, and touching only recent
    events is far cheaper in a large heap than bisecting the whole pool."""
    n, step, hi = len(pool), 1, len(pool)
    while True:
        i = n - step
        if i <= 0:
            lo = 0
            break
        if pool[i].moment.at < at:
            lo = i + 1
            break
        hi, step = i, step * 2
    return bisect.bisect_left(pool, at, lo, hi, key=_AT)


class TimeOrder:
    """Where the events of pools *not* in time order lie in time — the pools of a kind some event of
    which was recorded after a later one (a delivery deemed on a day given alone, dated 00:00 of it,
    after that day's facts) — so that finding those at or after an instant, or between two, costs what
    is found and not the whole pool: one (instant, place) pair per event, kept sorted, per pool.  Pools
    only grow (a history, an index's list, a kind's kept facts): each is brought up to date when it is
    asked about.  What is found comes back in the pool's own order, as a scan of the pool would give it."""

    __slots__ = ("_sorted",)

    def __init__(self):
        self._sorted: dict[int, tuple[list, list]] = {}  # id(pool) -> (the pool, its (at, place) pairs sorted)

    def _pairs(self, pool: list[Event]) -> list:
        entry = self._sorted.get(id(pool))
        if entry is None or entry[0] is not pool:
            pairs = sorted((e.moment.at, i) for i, e in enumerate(pool))
            self._sorted[id(pool)] = (pool, pairs)  # (the pool kept with it: its id stays its own)
            return pairs
        pairs = entry[1]
        for i in range(len(pairs), len(pool)):
            bisect.insort(pairs, (pool[i].moment.at, i))
        return pairs

    def places(self, pool: list[Event], start: datetime, end: datetime | None = None) -> list[int]:
        """The places in ``pool`` of its events at or after ``start`` (and before ``end``), in pool order."""
        pairs = self._pairs(pool)
        lo = bisect.bisect_left(pairs, (start, -1))
        hi = len(pairs) if end is None else bisect.bisect_left(pairs, (end, -1))
        return sorted(i for _, i in pairs[lo:hi])

    def since(self, pool: list[Event], start: datetime) -> list[Event]:
        """The events of ``pool`` at or after ``start``, in pool order (``[e for e in pool if e.at >= start]``)."""
        return [pool[i] for i in self.places(pool, start)]

    def latest_between(self, pool: list[Event], start: datetime, end: datetime, most: int) -> list[Event]:
        """The last ``most`` events of ``pool`` (in pool order) at or after ``start`` and before ``end``."""
        return [pool[i] for i in self.places(pool, start, end)[-most:]]


def FOREVER(env):
    """The end of a duty `without end` (长期有效): never."""
    return None


def iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt is not None else None


class Quotes:
    """ISO texts of bare instants (due instants above all), memoised for one evaluation: one
    memoised count serves every obligation started that day, and its due instant is quoted
    at the trigger, at the outcome and in the report.  (A Moment keeps its own texts.)"""

    __slots__ = ("_iso",)

    def __init__(self):
        self._iso: dict[datetime, str] = {}

    def iso(self, dt: datetime | None) -> str | None:
        if dt is None:
            return None
        if dt.tzinfo is not CONTRACT_TZ:  # an equal instant in another zone is written differently
            return dt.isoformat()
        text = self._iso.get(dt)
        if text is None:
            text = self._iso[dt] = dt.isoformat()
        return text


def _by_content(e: Event) -> tuple:
    """The order in which the facts of one instant perform running duties: by what they say, never by
    their ids — of two different results given at one instant (a review passed and failed), which
    one performs the duty must not turn on how they were numbered. (Equal contents: the id decides,
    and it only names the row.)  A fact at 00:00 exactly comes before one known by that day alone, which happened at
    some hour of it (fuzz round 38: a delivery at the deadline's instant performs in time whatever the ids)."""
    return (e.bare, e.type, sorted((k, repr(v)) for k, v in e.attrs.items() if k[:2] != "__"), e.id)


# The most derived events one within another at one instant (a duty's stage setting off a duty whose
# stage sets off …): far beyond a contract's (the checker refuses chains of over 50 rules), within
# what the interpreter's stack holds.
MAX_CASCADE = 100

_EFFECTS = types.MappingProxyType({"ObligationPlan": "start_obligation", "RemedyPlan": "grant_remedy",
                                   "DeemedPlan": "deem", "FindingPlan": "record_finding"})


def refs(names) -> list[TypeRef]:
    """Names of rules (verdicts a step rests on), in a stable order, to be worded with their labels."""
    return [TypeRef(n) for n in sorted(names)]


_RUNNING = frozenset((Status.ACTIVE, Status.SUSPENDED))  # (a duty `open( )` counts: triggered, running)


@dataclass(eq=False, slots=True)  # identity: an obligation instance is itself, whatever its fields
class Instance:
    """One obligation arising from one trigger."""

    rule: "ObligationPlan"
    number: int
    bindings: dict
    trigger_id: str | None
    triggered: Moment
    because: list[Step]  # the explanation, step by step, as it grows
    debtor: str | None = None
    creditor: str | None = None
    status: Status = Status.INACTIVE
    deadline: Deadline | None = None
    fulfilled: Moment | None = None  # when performed (its day: a bare-date fact counts as that day)
    fulfilled_by: str | None = None
    fulfilled_bare: bool = False  # performed by a fact or event known by its day alone (from ``fulfilled`` on)
    # an act known by its day alone, of the trigger's own day, that may have come before the trigger (then it performs
    # nothing): kept while the duty waits for one that surely performs it; undetermined at the due instant without
    tentative: object = None
    paused: tuple | None = None  # (since when, the bindings with the suspending fact, which suspension)
    # told of each move (the durable backend: the duty's state in durable_rules' working memory, for `open( )`)
    watch: object = None
    # a duty set off by the first of two triggers, one of an instant the contract does not fix: the earliest its period
    # can end (``Evaluation.after_unknown_time``)
    window: object = None
    # the evaluation's count of running duties (active or suspended) by obligation, kept as they move: `open( )`
    running: dict | None = None

    def move(self, to: Status):
        assert (self.status._value_, to._value_) in _ALLOWED, f"{self.status} → {to}"
        running = self.running
        if running is not None and (self.status in _RUNNING) != (to in _RUNNING):
            name = self.rule.decl.name
            running[name] = running.get(name, 0) + (1 if to in _RUNNING else -1)
        self.status = to
        if self.watch is not None:
            self.watch(self)


@dataclass
class Remedy:
    plan: RemedyPlan
    holder: str | None
    since: Moment
    amount: object  # for a per-day remedy: the amount of one day
    trigger_id: str | None
    because: list[Step]
    instance: Instance | None = None  # the obligation whose violation gave rise to it
    status: str = "held"  # held; exercised (a power to terminate, used); lapsed (the contract ended first); settled
    exercised_at: Moment | None = None
    exercised_day_alone: bool = False  # (exercised by a notice known by its day alone: its steps cite that day)
    settled_at: Moment | None = None  # `settled by`: when a fact paid it (its amount counted to then)
    # `recomputed daily`: the bindings its amount is computed with, and each (moment, amount of a day)
    # from when it arose; a day's amount is the last one computed before that day began
    bindings: dict | None = None
    changes: list | None = None
    row_cap: object = None  # `each at most`: what this row comes to at most (computed when it arose)
    row_floor: object = None  # `each at least`: what it comes to at least, once it comes to anything (so too)
    below_cent: object = None  # its one-off amount rounds to ¥0.00 yet is this, above nothing (`each at least` lifts it)
    exact_zero: dict | None = None  # (`recomputed daily`: so of its later amounts, by their place in ``changes``)
    # (`recomputed daily`: its amounts the hour of a fact of its day alone leaves unknown — each its step
    # `amount_hour_unknown`, by its place in ``changes``: review round 45)
    hour_ranges: dict | None = None
    lapsed_at: Moment | None = None  # `lapses when`: when the remedy was gone (an amount by the day runs to that day)
    # a power to terminate: the end of its period to exercise in, known when it arose — the instant of `exercise until
    # X`, or the length counted from its arising (`exercise within D`; else the year of 民法典第564条第2款)
    exercise_end: object = None
    # a power to terminate's one-off amount (the seed's 8.3: 5% with the power) gone with the power when it lapsed
    # unused — its year, its agreed period, `lapses when`, the contract ended another way: when (a Moment)
    amount_gone: Moment | None = None
    # the assumptions this row rests on where its rule's lines rest on different ones (``Prepared.row_assumptions``:
    # the line it came from); None: the rule's
    assumed: list | None = None
    # it arose at a fact given by its day alone (its hour unknown): a per-hour amount then runs from some instant of
    # that day (``hours_range``)
    since_bare: bool = False
    # `once per EXPR`: the values it came under (``Evaluation.once_key``): a power gone unused frees them
    once_key: tuple | None = None
    # it arose at a fact given by its day alone (its hour unknown): held from some instant of that day
    day_alone: bool = False
    # (`recomputed daily`: the runs of days its amount changes closed so far, and what they came to, kept between
    # reads — ``day_amounts``, ``accrued_in_parts``; not part of what the row is)
    _runs: object = field(default=None, compare=False, repr=False)
    _sums: object = field(default=None, compare=False, repr=False)

    def days(self, as_of: datetime, ended: Moment | None = None) -> tuple[date, date, bool, Moment | None]:
        """The days a per-day remedy runs, as (the day before the first, the last day, performed
        late?, the end of the contract that stopped it or None): each calendar day begun after it
        arose (the day of a 24:00 start is over), up to the late performance or ``as_of`` — or, when
        it does not survive the contract, up to the day the contract ended."""
        inst = self.instance
        late = inst is not None and inst.fulfilled is not None and inst.fulfilled.at <= as_of
        if late:  # to the day of the late performance (an act at 00:00 is on that day and late)
            end_day = inst.fulfilled.day
        else:  # to the day begun at the report's instant (a day has begun at its 00:00)
            end_day = as_of.astimezone(CONTRACT_TZ).date()
        stopped = None
        gone = self.lapsed_at
        if gone is not None and gone.at <= as_of and gone.day < end_day:  # (`lapses when`: to the day it lapsed)
            end_day = gone.day
        if ended is not None and not self.plan.decl.survives and ended.at <= as_of:
            ended_day = ended.at.astimezone(CONTRACT_TZ).date()  # (a day has begun at its 00:00)
            if ended_day < end_day:
                end_day, stopped = ended_day, ended
        first = self.since.day if self.since.is_end_of_day() else self.since.day - timedelta(days=1)
        return first, max(first, end_day), late, stopped

    def accrued(self, as_of: datetime, ended: Moment | None = None,
                counted: "list[tuple[date, date, str | None]]" = ()) -> tuple[object, list[Step]]:
        """The amount as of ``as_of``, and the steps of its computation.  ``counted``: the day ranges
        (after, last, trigger) earlier rows of an `each day counted once` remedy already counted —
        a day they cover is not counted again.  `each at least`: a row that comes to anything comes to no less than its
        own least (“总额不足1元的，按1元收取”; nothing owed stays nothing); `each at most`: no more than its own cap."""
        amount, steps = self._accrued(as_of, ended, counted)
        floor = self.row_floor
        if floor is not None and amount is not None and amount < floor and (amount > 0 or self._owes_something(
                as_of, ended, counted)):
            kind = self._quantity_kind()
            exact = self._exact_of(as_of) if amount == 0 else amount  # (¥0.004, not ¥0.00: what is owed, lifted —
            # review round 44)
            steps = steps + [Step("floored_row", {"floor": Quantity(floor, kind), "amount": Quantity(exact, kind)})]
            amount = floor
        cap = self.row_cap
        if cap is not None and amount is not None and amount > cap:
            kind = self._quantity_kind()
            steps = steps + [Step("capped_row", {"cap": Quantity(cap, kind), "amount": Quantity(amount, kind)})]
            amount = cap
        return amount, steps

    def _owes_something(self, as_of: datetime, ended: Moment | None, counted=()) -> bool:
        """Whether what the row counts as of ``as_of`` is above nothing before it is rounded: ¥0.0002 a day rounds to
        ¥0.00 yet is owed — `each at least` makes it its least —, where an amount of nothing owes nothing: a one-off
        amount as it now stands (paid off: nothing), an amount gone with its power, the days counted at their own
        amounts (a rate that is positive only from a later day: nothing yet — review round 35)."""
        decl = self.plan.decl
        if not decl.accrues:
            gone = self.amount_gone
            if gone is not None and gone.at <= as_of:
                return False
            changes = self.changes
            if changes is not None and len(changes) > 1:
                i = self._change_at(as_of)
                value = changes[i][1]
                # (a later amount under half a fen, still owed: review round 44)
                return isinstance(value, Decimal) and (value > 0 or value == 0 and i in (self.exact_zero or {})
                                                       or value == 0 and i == 0 and self.below_cent is not None)
            value = self.amount
            return isinstance(value, Decimal) and (value > 0 or (self.below_cent is not None and value == 0))
        if decl.per_hour:
            return isinstance(self.amount, Decimal) and self.amount > 0
        first, end_day = self.days(as_of, ended)[:2]
        runs = self.day_amounts(first, end_day) if self.changes is not None and len(self.changes) > 1 else \
            ([(first, end_day, self.amount)] if end_day > first else [])
        # (`each day counted once`: only the days no earlier row counted are this row's — none, and it owes nothing:
        # review round 36)
        return any(isinstance(v, Decimal) and v > 0 and (not decl.each_day_once
                                                          or days_covered(a, b, counted)[0] < (b - a).days)
                   for a, b, v in runs)

    def hour_range(self) -> tuple | None:
        """A one-off amount the hour of a fact known by its day alone leaves unknown (``amount_hour_unknown``): its
        least and most, where both are known; else None."""
        for s in reversed(self.because):
            if getattr(s, "code", None) == "amount_hour_unknown":
                least, most = s.args.get("least"), s.args.get("most")
                return None if least is None or most is None else (least.value, most.value)
        return None

    def _exact_of(self, as_of: datetime):
        """The one-off amount owed as of ``as_of`` before rounding, where it rounds to ¥0.00 yet is above nothing (else
        ¥0.00)."""
        changes = self.changes
        if changes is not None and len(changes) > 1:
            i = self._change_at(as_of)
            if i:
                return (self.exact_zero or {}).get(i, changes[i][1])
        return self.below_cent if self.below_cent is not None else Decimal("0.00")

    def _change_at(self, as_of: datetime) -> int:
        """The place in ``changes`` of the amount that holds as of ``as_of`` (the first, before any)."""
        changes = self.changes
        return next((k for k in range(len(changes) - 1, -1, -1) if changes[k][0].at <= as_of), 0)

    def _shown(self, value):
        """An amount as a step shows it: points as a number (`amount 0.5 per day` of points: 共 9 日 × 每日 0.5 = 4.5, not
        ¥4.50 — fuzz round 32), money as it is."""
        if value is None or self._quantity_kind() != "number":
            return value
        return Quantity(value, "number")

    def _quantity_kind(self) -> str:
        """How a step shows this row's amounts: points as a number, else money."""
        return "number" if self.plan.amount_kind in ("int", "number") else "money"

    def _performed_by(self, late) -> dict:
        """The fact whose late performance ends a count by the day (its id: `by`), where the row comes from a duty
        that one fact performed — the accountant's question which payment ended the damages (counsel round 29)."""
        inst = self.instance
        by = getattr(inst, "fulfilled_by", None) if late else None
        return {"by": by} if type(by) is str else {}

    def _accrued(self, as_of: datetime, ended: Moment | None = None,
                 counted: "list[tuple[date, date, str | None]]" = ()) -> tuple[object, list[Step]]:
        if not self.plan.decl.accrues:
            gone = self.amount_gone
            ranged = self.hour_range() if gone is not None and self.amount is None else None
            if gone is not None and gone.at <= as_of and (self.amount is not None or ranged is not None):  # (gone with
                # the power: nothing owed — an amount the hour of a day-alone fact left unknown too: review round 45)
                kind = self._quantity_kind()
                came = self.amount  # (what came with the power: a one-off amount `each at least` lifted, its least —
                floor = self.row_floor  # review round 44)
                if isinstance(came, Decimal) and floor is not None and came < floor and (came > 0 or self.below_cent
                                                                                          is not None):
                    came = floor
                said = {"amount": Quantity(came, kind), "at": gone} if ranged is None else \
                    {"amount": Quantity(ranged[0], kind), "amount_most": Quantity(ranged[1], kind), "at": gone}
                return (Decimal(0) if kind == "number" else Decimal("0.00")), [Step("amount_gone_with_power", said)]
            changes = self.changes
            if changes is not None and len(changes) > 1:  # (a one-off amount recomputed: as the facts it read came)
                i = self._change_at(as_of)
                at, value = changes[i]
                said = {"since": self.since, "first": changes[0][1], "at": at, "amount": value}
                ranges = self.hour_ranges or {}
                for k, key in ((0, "first"), (i, "amount")):  # (an amount the hour left unknown: its least and most)
                    step = ranges.get(k)
                    if step is not None and step.args.get("least") is not None:
                        said[key], said[key + "_most"] = step.args["least"], step.args["most"]
                steps = [Step("recomputed_amount", said)]
                if value is None and i in ranges:  # (what it is now: not known — its range, as amount_range reads it)
                    steps.append(ranges[i])
                return value, steps
            return self.amount, []
        if self.amount is None:
            return self.amount, []
        if self.plan.decl.per_hour:
            return self.accrued_hours(as_of, ended)
        first, end_day, late, stopped = self.days(as_of, ended)
        if self.changes is not None and len(self.changes) > 1:
            return self.accrued_in_parts(first, end_day, late, stopped, as_of, counted)
        days = (end_day - first).days
        net, by = days, []
        if self.plan.decl.each_day_once:
            overlap, by = days_covered(first, end_day, counted)
            net = days - overlap
        whole, shown = self.whole, self._shown
        total = None if net != days else whole(self.amount * days)
        if stopped is not None:
            steps = [Step("accrued_to_end", {"days": days, "since": self.since, "end": end_day, "ended": stopped,
                                             "per_day": shown(self.amount), "total": shown(total)})]
        elif self.lapsed_at is not None and self.lapsed_at.at <= as_of and end_day == self.lapsed_at.day \
                and (not late or self.lapsed_at.at < self.instance.fulfilled.at):  # (lapsed before the late
            # performance came: counted to the lapse, and said so — not to a performance days after it: fuzz round 37)
            steps = [Step("accrued_to_lapse", {"days": days, "since": self.since, "end": end_day,
                                               "lapsed": self.lapsed_at, "per_day": shown(self.amount), "total": shown(total)})]
        else:
            steps = [Step("accrued", {"days": days, "since": self.since, "end": end_day, "late": late,
                                      "as_of": as_of, "per_day": shown(self.amount), "total": shown(total),
                                      **self._performed_by(late)})]
        if net != days:
            steps.append(Step("counted_once", {"overlap": days - net, "rows": by, "days": net,
                                               "per_day": shown(self.amount), "total": shown(whole(self.amount * net))}))
        return whole(self.amount * net), steps

    def hours(self, as_of: datetime, ended: Moment | None = None) -> tuple[int, Moment, str, bool]:
        """The hours begun of a per-hour remedy, each counted whole (不足1小时的按1小时计), as (how many, the instant
        counted to, what that instant is — "performed" (the late performance), "lapsed" (`lapses when`), "ended" (the
        end of a contract it does not survive) or "as_of" —, whether its start is itself in time).  They run from
        when it arose to the first of those: the time between, in hours, each hour begun counted whole — 4 h 30 min
        are 5 hours, 4 h exactly are 4 — and at least one once it has arisen (a row of a day-based deadline at its
        00:00, the first late instant: late by less than an hour).  Where it arose at the end of a period that
        includes its end instant (第1259条: a duty due at 11:00 and done at 11:00 is in time), that instant is not
        late and the first hour runs after it (11:00:01–12:00:00); the words say so (``in_time``)."""
        inst = self.instance
        end, to = Moment.of(as_of), "as_of"
        if inst is not None and inst.fulfilled is not None and inst.fulfilled.at <= as_of:
            end, to = inst.fulfilled, "performed"
        gone = self.lapsed_at
        if gone is not None and gone.at <= as_of and gone.at < end.at:
            end, to = gone, "lapsed"
        if ended is not None and not self.plan.decl.survives and ended.at <= as_of and ended.at < end.at:
            end, to = ended, "ended"
        deadline = getattr(inst, "deadline", None)
        in_time = deadline is not None and deadline.inclusive and deadline.due == self.since.at
        elapsed = end.at - self.since.at
        if elapsed < _NO_TIME:
            return 0, end, to, in_time
        return _hours_begun(elapsed), end, to, in_time

    def accrued_hours(self, as_of: datetime, ended: Moment | None = None) -> tuple[object, list[Step]]:
        """A per-hour amount: the hours begun (``hours``) × the amount of an hour, the total rounded once.  Where its
        start or the late performance that ends it is known by its day alone, the hours lie between two counts
        (``hours_range``): the amount is not known — unless `each at most` caps even the fewest."""
        hours, end, to, in_time = self.hours(as_of, ended)
        span = self.hours_range(as_of, end, to)
        if span is not None:
            low, high, bare = span
            least, most = self.whole(self.amount * low), self.whole(self.amount * high)
            capped = self.row_cap is not None and least >= self.row_cap  # (whatever the hour: the cap, ``accrued``)
            # (whatever the hour, something owed and not above `each at least`: the floor, ``accrued`` — fuzz round 32)
            floored = self.row_floor is not None and low > 0 and self.amount > 0 and most <= self.row_floor
            if self.row_cap is not None and most > self.row_cap:  # (`each at most`: the most is the cap — review 42)
                most = self.row_cap
            day = DayOnly.in_contract_time  # (what is known by its day alone is worded as that day, not its 0时)
            shown = self._shown  # (points as numbers: review round 44)
            step = Step("accrued_hours_range", {
                "since": day(self.since.local()) if self.since_bare else self.since,
                "end": day(end.local()) if bare != "start" else end, "to": to, "bare": bare, "low": low, "high": high,
                "per_hour": shown(self.amount), "least": shown(least), "most": shown(most), "capped": capped,
                "floored": floored})
            return (least if capped or floored else None), [step]
        total = self.whole(self.amount * hours)
        return total, [Step("accrued_hours", {"hours": hours, "since": self.since, "end": end, "to": to,
                                              "in_time": in_time, "per_hour": self._shown(self.amount),
                                              "total": self._shown(total)})]

    def hours_range(self, as_of: datetime, end: Moment, to: str) -> tuple[int, int, str] | None:
        """The fewest and the most hours begun where the row's start (a fact of its day alone) or its end (a late
        performance of its day alone) is some instant of its day — from that day's 00:00 (or the instant known)
        to its 24:00, never past ``as_of`` —, and which of the two is so ("start", "end", "both"); None where both
        are known to the second (or the count is the same either way)."""
        inst = self.instance
        # (the end a late performance, or the end of the contract or of the part that ends the row, known by its
        # day alone: some instant of that day — fuzz round 39)
        stop = to == "ended" and type(end) is DayOnly
        bare_end = stop or to == "performed" and inst is not None and inst.fulfilled_bare
        if not (self.since_bare or bare_end):
            return None
        start_lo = self.since.at
        start_hi = min(Moment.end_of_day(self.since.day).at, as_of) if self.since_bare else start_lo
        end_lo = end.at
        end_hi = min(Moment.end_of_day(end.day).at, as_of) if bare_end else end_lo
        low, high = _hours_begun(end_lo - start_hi), _hours_begun(end_hi - start_lo)
        if low == high:
            return None
        which = "both" if self.since_bare and bare_end else "start" if self.since_bare else "end"
        return low, high, f"{which}_stop" if stop else which

    def whole(self, v):
        """A total of days in money rounded to the fen, once (each day's amount is exact: ``checker._exact_per_day``);
        points as they are."""
        if self.plan.amount_kind == "money" and type(v) is Decimal and v.is_finite():
            q = v.quantize(CENT, rounding=ROUND_HALF_UP)  # (past what an amount may be: the report says so)
            return q if q else abs(q)
        return v


    def day_amounts(self, first: date, end_day: date) -> list[tuple[date, date, object]]:
        """(the day before the first, the last day, the amount of each day) of each run of days with
        one amount: a day's amount is the last one computed before its 00:00 — an amount computed
        during day D (or at its 00:00) counts from D + 1."""
        changes = self.changes
        shift = timedelta(days=1) if self.plan.decl.recomputed_at_end else timedelta(0)
        # (the runs closed by the changes read before, kept: read at every fact — 5.4's `accrued(financing_fee)` at
        # each payment — the changes were walked from the first each time, quadratic: the fuzzer, round 36.  Kept
        # while the first day is the same and every change taken started before this end: the walk would take them)
        memo = self._runs  # (first, changes taken, the latest start taken, the runs closed, the open run's start, amount)
        if memo is not None and memo[0] == first and memo[1] <= len(changes) and memo[2] < end_day:
            _, k, top, parts, after, amount = memo
        else:
            k, top, parts, after, amount = 1, date.min, [], first, changes[0][1]
        while k < len(changes):
            moment, value = changes[k]
            # (counts from the day after this one; `at day end`: from this very day — a day is on its end balance)
            starts = moment.day - shift  # (an event at 24:00 of D is of day D: 民法典, the day it ends)
            if starts >= end_day:
                break
            if starts > after:
                parts.append((after, starts, amount))
                after = starts
            amount = value
            top = max(top, starts)
            k += 1
        object.__setattr__(self, "_runs", (first, k, top, parts, after, amount))  # (not a change a watch notes)
        return parts + [(after, end_day, amount)] if end_day > after else parts[:]

    def accrued_in_parts(self, first, end_day, late, stopped, as_of, counted) -> tuple[object, list[Step]]:
        """A `recomputed daily` amount: the days of each run at its own amount of a day, each run
        shown (with the days an earlier row already counted, under `each day counted once`)."""
        total, runs, by_all, named = None, [], [], set()
        parts = self.day_amounts(first, end_day)
        once = self.plan.decl.each_day_once
        start = 0
        memo = self._sums  # (first, runs counted, the last of them, their words, their total: all but the open run)
        if not once and memo is not None and memo[0] == first and 0 < memo[1] <= len(parts) \
                and parts[memo[1] - 1] is memo[2]:
            start, runs, total = memo[1], memo[3][:memo[1]], memo[4]
        for i in range(start, len(parts)):
            after, last, per_day = parts[i]
            days = (last - after).days
            net = days
            if once:
                overlap, by = days_covered(after, last, counted)
                net -= overlap
                for w in by:  # (each row once, by identity, as ``days_covered`` names them)
                    if id(w) not in named:
                        named.add(id(w))
                        by_all.append(w)
            sub = None if per_day is None else per_day * net
            runs.append({"first": after + timedelta(days=1), "last": last, "days": net, "per_day": per_day,
                         "total": sub})
            total = sub if total is None else (total if sub is None else total + sub)
            if not once and i == len(parts) - 2:  # (the runs before the open one: counted once, kept)
                object.__setattr__(self, "_sums", (first, i + 1, parts[i], runs, total))
        total = None if total is None else self.whole(total)  # (the exact runs added up, rounded once)
        step = Step("accrued_daily", {"since": self.since, "end": end_day, "late": late, "as_of": as_of,
                                      "ended": stopped, "runs": runs, "total": total, **self._performed_by(late),
                                      "rows": by_all, **({"at_end": True} if self.plan.decl.recomputed_at_end else {})})
        return total, [step]


def _hours_begun(elapsed: timedelta) -> int:
    """The hours begun in ``elapsed``, each counted whole, at least one (a row that has arisen is late)."""
    return max(1, -(-elapsed // _HOUR)) if elapsed > _NO_TIME else 1


def days_covered(after: date, last: date, counted) -> tuple[int, list]:
    """How many of the days after ``after`` up to ``last`` earlier rows counted, and the rows that counted them (each
    named once, in the order of the days): ``counted`` a ``DaysCounted``, or ranges (after, last, who) in the order
    the rows were counted."""
    if not counted:
        return 0, []
    if type(counted) is not DaysCounted:
        counted = DaysCounted.of(counted)
    return counted.covered(after, last)


class DaysCounted:
    """The days the rows of one `each day counted once` remedy (one holder) counted, in the order they were counted:
    each row's range (after, last] takes the days no earlier row took, and is named for those alone.  Kept as the
    disjoint parts each row took, sorted by their first day: a row's days are found by bisection, not by walking every
    earlier row's range — n rows of one instant were quadratic, and named every earlier row whose range touched the
    days, not the row that counted them (the fuzzer, round 38).  ``truncate`` takes back the rows counted last."""

    __slots__ = ("starts", "parts", "log")

    def __init__(self):
        self.starts: list = []  # the parts' first days (exclusive), for bisection
        self.parts: list = []  # (after, last, who): disjoint, sorted
        self.log: list = []  # per row counted, the parts it took

    @classmethod
    def of(cls, ranges) -> "DaysCounted":
        made = cls()
        for after, last, who in ranges:
            made.add(after, last, who)
        return made

    def __len__(self) -> int:
        return len(self.log)

    def _first_part(self, after: date) -> int:
        i = bisect.bisect_right(self.starts, after) - 1
        return i + 1 if i < 0 or self.parts[i][1] <= after else i

    def add(self, after: date, last: date, who):
        """A row counted: the days of (after, last] no earlier row took are its."""
        took = []
        if last > after:
            parts = self.parts
            i, cur = self._first_part(after), after
            while i < len(parts) and parts[i][0] < last:
                a, b, _ = parts[i]
                if a > cur:
                    took.append((cur, a, who))
                if b > cur:
                    cur = b
                i += 1
            if cur < last:
                took.append((cur, last, who))
            for part in took:
                k = bisect.bisect_left(self.starts, part[0])
                self.starts.insert(k, part[0])
                parts.insert(k, part)
        self.log.append(took)

    def truncate(self, n: int):
        """Only the first ``n`` rows counted stay."""
        while len(self.log) > n:
            for part in self.log.pop():
                k = bisect.bisect_left(self.starts, part[0])
                del self.starts[k]
                del self.parts[k]

    def covered(self, after: date, last: date) -> tuple[int, list]:
        if last <= after:
            return 0, []
        parts = self.parts
        i, covered, who_all, seen = self._first_part(after), 0, [], set()
        while i < len(parts) and parts[i][0] < last:
            a, b, who = parts[i]
            n = (min(b, last) - max(a, after)).days
            if n > 0:
                covered += n
                if id(who) not in seen:  # (each row by identity: a list's `in` compared every field — round 37)
                    seen.add(id(who))
                    who_all.append(who)
            i += 1
        return covered, who_all


@dataclass(eq=False, slots=True)
class Pending:
    """A trigger waiting out its `unless … within …` period."""

    plan: object
    trig: TriggerPlan
    b: dict
    moment: Moment
    trigger: str | None
    deadline: Deadline
    slot: tuple  # (event type, key attributes, key) it waits under
    cancelled: bool = False
    doubt: frozenset = frozenset()  # undetermined verdicts its condition rested on when it was armed


@dataclass
class Finding:
    code: str
    severity: str
    clause: str | None
    message: str | None  # a rule file's own words; None: worded from the code and ``args`` (explain.FINDINGS)
    at: datetime | None
    because: list[Step]
    args: dict | None = None
