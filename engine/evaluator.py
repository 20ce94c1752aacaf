"""Evaluation: replay the facts in time order up to ``as_of`` and track every rule.

Obligations move through an explicit lifecycle (``Status``).  Deadlines fire at their
instants; a deadline is checked *before* anything that happens at the same instant,
because ``due`` is the first late instant.  Deemed events are scheduled at the instant
the contract deems them, and may in turn trigger other rules.  Rules never read the
wall clock: the only "now" is the instant being replayed.
"""
from __future__ import annotations

import bisect
import dataclasses
import heapq
import operator
import types
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum
from typing import Iterator

from . import model as m
from .checker import LIFECYCLE, Checked
from .compiler import Compiler, Env, Event, PatternPlan, PeriodValue, referenced_types, to_moment
from .diagnostics import Diagnostic, QiyueError
from .timecalc import (CONTRACT_TZ, CalendarYearUnknown, Counting, Deadline, Moment, Period, Unit, count, count_back)


class Status(str, Enum):
    """The lifecycle of an obligation (and the states a report shows)."""

    INACTIVE = "inactive"    # not triggered by as_of
    ACTIVE = "active"        # triggered, not yet due
    SUSPENDED = "suspended"  # triggered, running paused (reserved for excuses that pause time)
    FULFILLED = "fulfilled"  # performed before it was due
    VIOLATED = "violated"    # due passed unperformed
    EXCUSED = "excused"      # an exception of the contract applies
    DISCHARGED = "discharged"  # ended otherwise (e.g. the contract ended)


# Which transitions the lifecycle allows; anything else is a bug in the evaluator.
TRANSITIONS = {
    Status.INACTIVE: {Status.ACTIVE, Status.EXCUSED},
    Status.ACTIVE: {Status.FULFILLED, Status.VIOLATED, Status.EXCUSED, Status.SUSPENDED, Status.DISCHARGED},
    Status.SUSPENDED: {Status.ACTIVE, Status.EXCUSED, Status.DISCHARGED},
    Status.FULFILLED: set(), Status.VIOLATED: set(), Status.EXCUSED: set(), Status.DISCHARGED: set(),
}

# the same, as pairs of texts: checked on every move (an enum hashes through Python code)
_ALLOWED = frozenset((a._value_, b._value_) for a, targets in TRANSITIONS.items() for b in targets)

PHASE_DEADLINE, PHASE_EVENT = 0, 1
_AT = operator.attrgetter("moment.at")  # an event's instant, for bisecting a time-ordered pool
_WHEN_GIVEN = operator.attrgetter("moment.at", "seq")  # replay order: time, then the order given
_NOTHING_BOUND = types.MappingProxyType({})  # the bindings a trigger starts from (read-only)


def key_reader(attrs: tuple[str, ...]):
    """A function giving an event's value under an index key: the bare value of one attribute,
    the tuple of several (as ``compiler._key_of`` builds the other side).  Built once per key:
    reading keys is on the path of every fact."""
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


def quote(ev: Event) -> str:
    """An event as explanations cite it: 'f-12 (notice_sent at 2025-07-04T10:00:00+08:00)'."""
    return f"{ev.id} ({ev.type} at {ev.moment.iso()})"


@dataclass(eq=False, slots=True)  # identity: an obligation instance is itself, whatever its fields
class Instance:
    """One obligation arising from one trigger."""

    rule: "ObligationPlan"
    number: int
    bindings: dict
    trigger_id: str | None
    triggered: Moment
    because: list[str]  # the explanation, line by line, as it grows
    debtor: str | None = None
    creditor: str | None = None
    status: Status = Status.INACTIVE
    deadline: Deadline | None = None
    fulfilled: Moment | None = None  # when performed (its day: a bare-date fact counts as that day)
    fulfilled_by: str | None = None

    def move(self, to: Status):
        assert (self.status._value_, to._value_) in _ALLOWED, f"{self.status} → {to}"
        self.status = to


@dataclass
class TriggerPlan:
    kind: str  # for_each | when
    pattern: PatternPlan | None = None
    condition: object = None
    deps: frozenset = frozenset()
    unless: PatternPlan | None = None
    unless_key: tuple | None = None
    unless_duration: object = None
    unless_counting: Counting | None = None
    unless_text: str = ""
    text: str = ""
    parts: list = field(default_factory=list)  # `when`: (text of a condition, closure explaining it)


@dataclass
class ObligationPlan:
    decl: m.Obligation
    triggers: list[TriggerPlan]
    debtor: object
    creditor: object
    fulfil: PatternPlan | None
    fulfil_key: tuple | None
    fulfil_when: object
    fulfil_deps: frozenset
    duration: object
    counting: Counting
    anchor: object
    earlier_since: object
    before: bool
    until: object
    violated_by: PatternPlan | None
    excuses: list[tuple[object, str]]
    stages: dict[str, str] = field(default_factory=dict)  # stage → its event type ("pay.violated")
    once: tuple | None = None  # `once` / `once per ALIAS` (as declared)


@dataclass
class RemedyPlan:
    decl: m.Remedy
    triggers: list[TriggerPlan]
    holders: list
    amount: object
    once: tuple | None = None


@dataclass
class DeemedPlan:
    decl: m.Deemed
    triggers: list[TriggerPlan]
    cases: list[tuple[object, object, str]]
    once: tuple | None = None


@dataclass
class FindingPlan:
    decl: m.FindingRule
    triggers: list[TriggerPlan]
    once: tuple | None = None


def _src_text(e: m.Expr | m.Pattern, text: str) -> str:
    """The rule text of a node, on one line, to quote in a `because`."""
    s = e.span
    lines = text.splitlines()[s.line - 1: s.end_line]
    if not lines:
        return ""
    lines[-1] = lines[-1][: s.end_column - 1]
    lines[0] = lines[0][s.column - 1:]
    return " ".join(" ".join(lines).split())


class Prepared:
    """A checked rule file compiled once, ready to evaluate any number of fact streams."""

    def __init__(self, checked: Checked, calendar):
        self.checked = checked
        self.calendar = calendar
        comp = Compiler(checked, calendar)
        self.compiler = comp
        text = checked.rules.text
        self.obligations = [self._obligation(o, comp, text) for o in checked.rules.obligations]
        self.remedies = [RemedyPlan(r, [self._trigger(t, comp, text) for t in r.triggers],
                                    [comp.expr(h, self._scope(r.triggers)) for h in r.holders],
                                    comp.expr(r.amount, self._scope(r.triggers)) if r.amount else None)
                         for r in checked.rules.remedies]
        self.deemed = [DeemedPlan(d, [self._trigger(t, comp, text) for t in d.triggers],
                                  [(comp.expr(c.condition, self._scope(d.triggers)) if c.condition else None,
                                    comp.expr(c.at, self._scope(d.triggers)), f"{d.clause}: {c.text}" if c.text else None)
                                   for c in d.cases])
                       for d in checked.rules.deemed]
        self.findings = [FindingPlan(f, [self._trigger(t, comp, text) for t in f.triggers])
                         for f in checked.rules.findings]
        self.periods = {name: (comp.duration(p.duration), p.counting or Counting.ACT,
                               comp.expr(p.anchor, set())) for name, p in checked.periods.items()}
        for group in (self.obligations, self.remedies, self.deemed, self.findings):
            for plan in group:
                plan.once = getattr(plan.decl, "once", None)
        # for each event type, the (rule, trigger, source position) it can start
        self.by_type: dict[str, list] = {}
        for plan, t in self.all_triggers():
            if t.kind == "for_each":
                for pos, (tname, _) in enumerate(t.pattern.sources):
                    self.by_type.setdefault(tname, []).append((plan, t, pos))
        self.index_keys = comp.index_keys
        self._key_readers: dict[tuple, object] = {}
        # event types some condition (a `when` trigger, a `fulfilled when`) depends on
        self.condition_types = set().union(*(t.deps for _, t in self.all_triggers()),
                                           *(o.fulfil_deps for o in self.obligations))
        # every event type some rule reads, anywhere (a trigger, a fulfilment, an aggregate in a
        # where-clause): only these stages of an obligation need to be announced as events
        rules = checked.rules
        self.read_types = set().union(*(referenced_types(d, checked) for d in (
            *rules.obligations, *rules.remedies, *rules.deemed, *rules.findings)))

    def key_reader(self, attrs: tuple[str, ...]):
        fn = self._key_readers.get(attrs)
        if fn is None:
            fn = self._key_readers[attrs] = key_reader(attrs)
        return fn

    def all_triggers(self):
        """(rule plan, trigger plan) for every trigger of every rule, in file order."""
        for group in (self.obligations, self.remedies, self.deemed, self.findings):
            for plan in group:
                for t in plan.triggers:
                    yield plan, t

    @staticmethod
    def _scope(triggers) -> set[str]:
        return {s.alias for t in triggers if isinstance(t, m.ForEach) for s in t.pattern.sources if s.alias}

    def _trigger(self, t, comp: Compiler, text: str) -> TriggerPlan:
        if isinstance(t, m.When):
            items = t.condition.items if isinstance(t.condition, m.BoolOp) and t.condition.op == "and" \
                else [t.condition]
            return TriggerPlan("when", condition=comp.expr(t.condition, set()),
                               deps=frozenset(referenced_types(t.condition, self.checked)),
                               text=_src_text(t.condition, text),
                               parts=[(_src_text(i, text), comp.explain(i, set())) for i in items])
        plan = TriggerPlan("for_each", pattern=comp.pattern(t.pattern, set()), text=_src_text(t.pattern, text))
        if t.unless is not None:
            bound = self._scope([t])
            plan.unless = comp.pattern(t.unless.pattern, bound)
            plan.unless_key = comp.key_for_source(t.unless.pattern, bound)
            plan.unless_duration = comp.duration(t.unless.duration)
            plan.unless_counting = t.unless.counting or Counting.ACT
            plan.unless_text = _src_text(t.unless.pattern, text)
        return plan

    def _obligation(self, o: m.Obligation, comp: Compiler, text: str) -> ObligationPlan:
        scope = self._scope(o.triggers)
        fulfil = comp.pattern(o.fulfilled_by, scope) if o.fulfilled_by else None
        return ObligationPlan(
            decl=o, triggers=[self._trigger(t, comp, text) for t in o.triggers],
            debtor=comp.expr(o.debtor, scope) if o.debtor else None,
            creditor=comp.expr(o.creditor, scope) if o.creditor else None,
            fulfil=fulfil, fulfil_key=comp.key_for_source(o.fulfilled_by, scope) if o.fulfilled_by else None,
            fulfil_when=comp.expr(o.fulfilled_when, scope) if o.fulfilled_when else None,
            fulfil_deps=frozenset(referenced_types(o.fulfilled_when, self.checked)) if o.fulfilled_when else frozenset(),
            duration=comp.duration(o.deadline.duration) if o.deadline and o.deadline.until is None else None,
            counting=(o.deadline.counting if o.deadline and o.deadline.counting else Counting.ACT),
            anchor=comp.expr(o.deadline.anchor, scope) if o.deadline and o.deadline.anchor else None,
            before=bool(o.deadline and o.deadline.before),
            until=comp.expr(o.deadline.until, scope) if o.deadline and o.deadline.until is not None else None,
            violated_by=comp.pattern(o.violated_by, scope) if o.violated_by else None,
            earlier_since=comp.expr(o.earlier_since, scope) if o.earlier_since is not None else None,
            excuses=[(comp.expr(x.condition, scope), x.text or _src_text(x.condition, text)) for x in o.excuses],
            stages={phase: f"{o.name}.{phase}" for phase in set(LIFECYCLE.values())},
        )

    def evaluate(self, facts: list[Event], as_of: datetime) -> "Evaluation":
        ev = Evaluation(self, as_of)
        try:
            ev.run(facts)
        except CalendarYearUnknown as exc:
            rule = ev.current_rule
            span = rule.deadline.span if isinstance(rule, m.Obligation) and rule.deadline else \
                (rule.span if rule else None)
            raise QiyueError([Diagnostic(
                "calendar_year_unknown", str(exc), span, clause=rule.clause if rule else None,
                hint="add a calendar file for that year (calendars/README.md) and name it in the contract "
                     "header: calendar file \"calendars/YEAR.toml\"")]) from None
        except (OverflowError, ArithmeticError, ValueError) as exc:
            rule = ev.current_rule
            raise QiyueError([Diagnostic(
                "out_of_range", f"a date or amount went out of range while applying this rule: {exc}",
                rule.span if rule else None, clause=rule.clause if rule else None,
                hint="check the facts' dates and the rule's periods and amounts")]) from None
        return ev


@dataclass
class Remedy:
    plan: RemedyPlan
    holder: str | None
    since: Moment
    amount: object  # for a per-day remedy: the amount of one day
    trigger_id: str | None
    because: list[str]
    instance: Instance | None = None  # the obligation whose violation gave rise to it

    def accrued(self, as_of: datetime) -> tuple[object, str | None]:
        """The amount as of ``as_of``; a per-day remedy counts each calendar day begun after it
        arose (the day of a 24:00 start is over), up to the late performance or ``as_of``."""
        if not self.plan.decl.per_day or self.amount is None:
            return self.amount, None
        inst = self.instance
        if inst is not None and inst.fulfilled is not None and inst.fulfilled.at < as_of:
            end_day = inst.fulfilled.day
            why = f"to the late performance on {end_day.isoformat()}"
        else:  # the last day begun before the report's instant
            end_day = (as_of - timedelta(microseconds=1)).astimezone(CONTRACT_TZ).date()
            why = f"to {end_day.isoformat()}, the last day begun before {iso(as_of)}"
        first = self.since.day if self.since.is_end_of_day() else self.since.day - timedelta(days=1)
        days = max(0, (end_day - first).days)
        return self.amount * days, (f"{days} day{'s' if days != 1 else ''} from {self.since.chinese()} {why} "
                                    f"× {self.amount} a day")


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


@dataclass
class Finding:
    code: str
    severity: str
    clause: str | None
    message: str
    at: datetime | None
    because: list[str]


class Evaluation:
    """The state of one replay.  Built by ``Prepared.evaluate``; read by ``report``."""

    # Declared slots: the replay reads its state on every event, and slots keep that fast
    # however many parts the state has (an instance dict past ~30 keys loses its fast path).
    __slots__ = ("p", "as_of", "history", "index", "index_by_type", "instances", "waiting", "waiting_keyed",
                 "waiting_cond", "waiting_breach", "unless_pending", "pending_when", "consumed",
                 "events", "remedies", "findings", "slots", "agenda", "now", "_wakes",
                 "_counts", "_periods", "current_rule", "_once", "q", "_effects")

    def __init__(self, prepared: Prepared, as_of: datetime):
        self.p = prepared
        self.as_of = as_of
        self.history: dict[str, list[Event]] = {}
        self.index: dict[tuple[str, str], dict] = {k: {} for k in prepared.index_keys}
        self.index_by_type: dict[str, list[tuple[dict, object]]] = {}  # type -> (index, key reader)
        for tname, attr in prepared.index_keys:
            self.index_by_type.setdefault(tname, []).append((self.index[(tname, attr)], prepared.key_reader(attr)))
        self.instances: dict[str, list[Instance]] = {o.decl.name: [] for o in prepared.obligations}
        self.waiting: dict[str, list[Instance]] = {}            # fulfil type -> instances (no key)
        self.waiting_keyed: dict[str, dict] = {}                 # fulfil type -> key attrs -> key -> instances
        self.waiting_cond: list[Instance] = []
        self.waiting_breach: dict[str, list[Instance]] = {}      # continuing duties, by breaching type
        self.unless_pending: dict[str, dict] = {}             # type -> key attr -> key -> pending
        self.pending_when = [(plan, t) for plan, t in prepared.all_triggers() if t.kind == "when"]
        self.consumed: dict[str, set] = {}
        self.events: list[Event] = []
        self.remedies: list[Remedy] = []
        self.findings: list[Finding] = []
        # what is scheduled: a heap of the (instant, phase) slots that have something, and for
        # each slot its items in the order they were scheduled (many deadlines share a midnight)
        self.slots: list[tuple[datetime, int]] = []
        self.agenda: dict[tuple[datetime, int], list] = {}
        self.now: datetime | None = None
        self._wakes: set[datetime] = set()
        self._counts: dict = {}
        self._periods: dict = {}
        self.current_rule = None  # the rule being applied, to place an error
        self.q = Quotes()
        self._effects = {ObligationPlan: self.start_obligation, RemedyPlan: self.grant_remedy,
                         DeemedPlan: self.deem, FindingPlan: self.record_finding}
        self._once: set = set()

    # ------------------------------------------------------------------ helpers for compiled code
    def count(self, start: Moment, period: Period, counting: Counting) -> Deadline:
        """``timecalc.count``, memoised: a period counted in days depends only on the start's day,
        so one count serves every start on that day.  Its steps then omit the start's time of
        day (the `deadline: … from …` line before them names it), unless the start is a 24:00."""
        if period.unit is Unit.HOURS or start.is_end_of_day():
            return count(start, period, counting, self.p.calendar)
        key = (start.day, period.amount, period.unit._value_, counting._value_)  # (enums hash slowly)
        d = self._counts.get(key)
        if d is None:
            d = count(start, period, counting, self.p.calendar)
            d = self._counts[key] = dataclasses.replace(d, steps=d.steps[1:])
        return d

    def wake_at(self, moment: Moment):
        """Re-test conditions when a period passes; the Moment keeps the day it counts as
        (a term ending at 24:00 of D wakes at 00:00 of D+1 but belongs to D)."""
        if moment.at not in self._wakes and moment.at <= self.as_of:
            self._wakes.add(moment.at)
            self.push(moment.at, PHASE_DEADLINE, "wake", moment)

    def triggered(self, name: str) -> bool:
        return bool(self.instances.get(name))

    def period(self, name: str) -> PeriodValue | None:
        dur, counting, anchor = self.p.periods[name]
        env = Env({}, self, self.now)
        start = to_moment(anchor(env))
        if start is None:
            return None
        key = (name, start)
        if key not in self._periods:
            d = self.count(start, dur(env), counting)
            self._periods[key] = PeriodValue(start, d.end(), d.last_day)
        return self._periods[key]

    def one(self, plan: PatternPlan, bound, event: Event) -> dict | None:
        """Bind a one-source pattern to ``event`` on top of ``bound``: the bindings if it holds."""
        if bound:
            b = dict(bound)
            b[plan.names[0]] = event
        else:
            b = {plan.names[0]: event}
        return b if plan.where is None or plan.where(Env(b, self, self.now)) else None

    def _pairs(self, plan: PatternPlan, bound: dict, first: int, event: Event) -> list[dict]:
        """Two sources, one fixed to ``event``: the other's candidates come from its index."""
        other = 1 - first
        b0 = dict(bound) if bound else {}
        b0[plan.names[first]] = event
        tname, alias = plan.sources[other][0], plan.names[other]
        key = plan.keys.get((first, other))
        now = self.now
        if key is not None:
            attr, fn = key
            pool = self.index[(tname, attr)].get(fn(Env(b0, self, now)), ())
        else:
            pool = self.history.get(tname, ())
        where, out = plan.where, []
        for cand in pool:
            b = dict(b0)
            b[alias] = cand
            if where is None or where(Env(b, self, now)):
                out.append(b)
        return out

    def matches(self, plan: PatternPlan, env: Env, first: int | None = None, event: Event | None = None
                ) -> Iterator[dict]:
        """Every binding of the pattern's sources (one of them fixed to ``event``) where it holds.
        (A new event's one- and two-source patterns take the shorter ways, ``one`` and ``_pairs``.)"""
        n = len(plan.sources)
        order = list(range(n)) if first is None else [first] + [j for j in range(n) if j != first]
        start = order[0]
        base = dict(env.b)

        def candidates(j, b):
            tname = plan.sources[j][0]
            key = plan.keys.get((start, j))
            if key is not None:
                attr, fn = key
                return self.index[(tname, attr)].get(fn(Env(b, self, env.now)), ())
            return self.history.get(tname, ())

        def rec(k, b):
            if k == n:
                if plan.where is None or plan.where(Env(b, self, env.now)):
                    yield b
                return
            j = order[k]
            alias = plan.names[j]
            if k == 0 and event is not None:
                pool = (event,)
            else:
                pool = candidates(j, b)
            for cand in pool:
                nb = dict(b)
                nb[alias] = cand
                yield from rec(k + 1, nb)
        yield from rec(0, base)

    # ------------------------------------------------------------------ the loop
    def push(self, at: datetime, phase: int, kind: str, payload):
        """Schedule something at an instant; what falls after ``as_of`` never happens here."""
        if at <= self.as_of:
            slot = (at, phase)
            items = self.agenda.get(slot)
            if items is None:
                items = self.agenda[slot] = []
                heapq.heappush(self.slots, slot)
            items.append((kind, payload))

    def run(self, facts: list[Event]):
        facts = sorted(facts, key=_WHEN_GIVEN)
        facts = facts[:bisect.bisect_right(facts, self.as_of, key=_AT)]  # only facts up to as_of
        for fact in facts:
            # what is scheduled before this fact happens first: a deadline before a fact at the
            # same instant, but what a fact sets off at its own instant after the facts of that instant
            at = fact.moment.at
            if self.slots and self.slots[0] < (at, PHASE_EVENT):
                self.run_scheduled((at, PHASE_EVENT))
            self.now = at
            self.occur(fact)
        self.run_scheduled(None)

    def run_scheduled(self, before: tuple | None):
        """Run what is scheduled in the slots before ``before`` (all of it: None), in time order."""
        slots, agenda = self.slots, self.agenda
        while slots and (before is None or slots[0] < before):
            slot = slots[0]
            items = agenda[slot]
            self.now = slot[0]
            i = 0
            while i < len(items):  # (what is scheduled into this slot meanwhile joins the end)
                kind, payload = items[i]
                i += 1
                self.dispatch(kind, payload)
                if slots[0] is not slot:  # something was scheduled earlier still: it goes first
                    del items[:i]
                    break
            else:
                heapq.heappop(slots)
                del agenda[slot]

    def dispatch(self, kind: str, payload):
        if kind == "due":
            self.on_due(payload)
        elif kind == "derived":
            self.occur(payload)
        elif kind == "unless":
            self.on_unless_expired(payload)
        elif kind == "wake":
            self.reconsider(None, payload)

    def occur(self, e: Event):
        """Something happened: record it, then let every rule that cares see it."""
        etype = e.type
        if etype in self.p.checked.deemed:
            self.events.append(e)
        history = self.history.get(etype)
        if history is None:
            self.history[etype] = [e]
        else:
            history.append(e)
        for index, key in self.index_by_type.get(etype, ()):
            k = key(e)
            pool = index.get(k)
            if pool is None:
                index[k] = [e]
            else:
                pool.append(e)
        if etype in self.waiting or etype in self.waiting_keyed:
            self.try_fulfil(e)
        if etype in self.unless_pending:
            self.try_cancel_unless(e)
        if etype in self.waiting_breach:
            self.try_breach(e)
        for plan, trig, pos in self.p.by_type.get(etype, ()):
            pattern = trig.pattern
            n = len(pattern.sources)
            if n == 1:  # the common cases, without the general matcher
                b = self.one(pattern, _NOTHING_BOUND, e)
                if b is not None:
                    self.fire(plan, trig, b, e.moment, e.id)
                continue
            found = self._pairs(pattern, _NOTHING_BOUND, pos, e) if n == 2 else \
                list(self.matches(pattern, Env({}, self, self.now), pos, e))
            for b in found:
                self.fire(plan, trig, b, e.moment, e.id)
        if etype in self.p.condition_types and (self.pending_when or self.waiting_cond):
            self.reconsider(etype)

    def reconsider(self, etype: str | None, woken: Moment | None = None):
        """Re-test `when` triggers and `fulfilled when` conditions that depend on this event type
        (all of them when a period has passed: ``woken`` is that moment)."""
        if self.pending_when:
            still = []
            for plan, trig in self.pending_when:
                if etype is None or etype in trig.deps:
                    if trig.condition(Env({}, self, self.now)):
                        if etype is None:  # a time condition came true: the trigger is the instant
                            self.fire(plan, trig, {}, woken, f"time:{self.q.iso(self.now)}")
                        else:
                            last = self.history[etype][-1]
                            self.fire(plan, trig, {}, last.moment, last.id)
                        continue
                still.append((plan, trig))
            self.pending_when = still
        if self.waiting_cond:
            for inst in list(self.waiting_cond):
                if inst.status in (Status.ACTIVE, Status.VIOLATED) and (etype is None or etype in inst.rule.fulfil_deps):
                    if inst.rule.fulfil_when(Env(inst.bindings, self, self.now)):
                        last = self.history[etype][-1] if etype else None
                        self.fulfil(inst, last, last.moment if last else woken)

    # ------------------------------------------------------------------ rules firing
    def fire(self, plan, trig: TriggerPlan, b: dict, moment: Moment, trigger_id: str | None):
        self.current_rule = plan.decl
        if trig.unless is not None:
            self.arm_unless(plan, trig, b, moment, trigger_id)
        elif self.first_time(plan, b):
            self.apply(plan, b, moment, trigger_id, self.trigger_words(plan, trig, b, moment, trigger_id))

    def apply(self, plan, b: dict, moment: Moment, trigger_id: str | None, because: list[str]):
        """A rule's trigger has matched (the first time, for a `once` rule): start the obligation,
        grant the remedy, deem the event or record the finding."""
        once = plan.once
        if once and once[0] and type(b.get(once[0])) is Event:
            trigger_id = b[once[0]].id  # one instance per that event: it names the instance
        self._effects[type(plan)](plan, b, moment, trigger_id, because)

    def record_finding(self, plan: FindingPlan, b, moment, trigger_id, because):
        d = plan.decl
        self.findings.append(Finding(d.code, d.severity, d.clause, d.message, moment.at, because))

    def first_time(self, plan, b) -> bool:
        """`once` / `once per ALIAS`: only the first trigger (for that event) counts."""
        once = plan.once
        if not once:
            return True
        ev = b.get(once[0]) if once[0] else None
        key = (plan.decl.name, ev.id if isinstance(ev, Event) else None)
        if key in self._once:
            return False
        self._once.add(key)
        return True

    def trigger_words(self, plan, trig, b, moment, trigger_id) -> list[str]:
        clause = plan.decl.clause
        if trig.kind == "when":
            env = Env({}, self, self.now)
            return [f"{clause}: all of its conditions held at {moment.iso()}, the last met by {trigger_id}"] + \
                [f"  - {text}: {explain(env)}" for text, explain in trig.parts]
        if len(b) == 1:
            (ev,) = b.values()
            if type(ev) is Event:
                return [f"{clause}: triggered by {quote(ev)}"]
        facts = ", ".join([quote(ev) for ev in b.values() if type(ev) is Event])
        return [f"{clause}: triggered by {facts}"]

    def start_obligation(self, plan: ObligationPlan, b, moment, trigger_id, because):
        name = plan.decl.name
        instances = self.instances[name]
        inst = Instance(plan, len(instances) + 1, b, trigger_id, moment, because)
        instances.append(inst)
        env = Env(b, self, self.now)
        inst.debtor = plan.debtor(env) if plan.debtor else None
        inst.creditor = plan.creditor(env) if plan.creditor else None
        if self.excused(inst, env, moment, announce_trigger=True):
            return
        if plan.until is not None:
            self.start_duty(inst, plan, env, moment)
            return
        anchor = to_moment(plan.anchor(env)) if plan.anchor else moment
        if plan.before:
            inst.deadline = count_back(anchor, plan.duration(env), self.p.calendar)
        else:
            inst.deadline = self.count(anchor, plan.duration(env), plan.counting)
        d = inst.deadline
        if plan.before:
            inst.because.append(f"deadline: {d.period.describe()} before {anchor.iso()}")
        else:
            inst.because.append(f"deadline: {d.period.describe()} from {anchor.iso()} "
                                f"({'as a term, not extended' if plan.counting is Counting.TERM else '民法典第201–203条'})")
        inst.because.extend(d.steps)
        inst.move(Status.ACTIVE)
        self.lifecycle(inst, "triggered", moment)
        if plan.fulfil is not None:
            if plan.decl.counting_earlier:
                for cand in self.candidates_for(plan, b):
                    if cand.id not in self.consumed.get(name, ()) and self.fulfils(plan, b, cand):
                        self.fulfil(inst, cand, cand.moment, earlier=True)
                        return
            ftype = plan.fulfil.sources[0][0]
            if plan.fulfil_key:
                attr, key_fn = plan.fulfil_key
                self.waiting_keyed.setdefault(ftype, {}).setdefault(attr, {}).setdefault(key_fn(env), []).append(inst)
            else:
                self.waiting.setdefault(ftype, []).append(inst)
        if plan.fulfil_when is not None:
            if plan.fulfil_when(env):
                self.fulfil(inst, None, moment)
                return
            self.waiting_cond.append(inst)
        self.push(max(d.due, self.now), PHASE_DEADLINE, "due", inst)

    def excused(self, inst: Instance, env, moment: Moment, announce_trigger: bool = False) -> bool:
        """Apply the first exception of the clause that holds; True when the obligation is excused."""
        for cond, text in inst.rule.excuses:
            if cond(env):
                inst.move(Status.EXCUSED)
                inst.because.append(f"excused: {text}")
                if announce_trigger:
                    self.lifecycle(inst, "triggered", moment)
                self.lifecycle(inst, "excused", moment)
                return True
        return False

    def start_duty(self, inst: Instance, plan: ObligationPlan, env, moment: Moment):
        """A continuing duty (confidentiality): active until its end, breached by a matching event."""
        end = to_moment(plan.until(env))
        if end is None:
            inst.because.append("the duty's end cannot be fixed yet: it runs on")
        else:
            inst.deadline = Deadline(moment, Period(0, Unit.DAYS), Counting.TERM, end.day, end.at,
                                     (f"a continuing duty until {end.iso()} ({end.chinese()})",))
            inst.because.extend(inst.deadline.steps)
            self.push(max(end.at, self.now), PHASE_DEADLINE, "due", inst)
        inst.move(Status.ACTIVE)
        self.lifecycle(inst, "triggered", moment)
        if plan.violated_by is not None:
            self.waiting_breach.setdefault(plan.violated_by.sources[0][0], []).append(inst)

    def try_breach(self, e: Event):
        for inst in list(self.waiting_breach.get(e.type, ())):
            if inst.status is not Status.ACTIVE:
                self.waiting_breach[e.type].remove(inst)
                continue
            if self.one(inst.rule.violated_by, inst.bindings, e) is not None:
                self.waiting_breach[e.type].remove(inst)
                inst.move(Status.VIOLATED)
                inst.because.append(f"breached by {quote(e)}")
                self.lifecycle(inst, "violated", e.moment)

    def candidates_for(self, plan: ObligationPlan, b) -> list[Event]:
        """Earlier events that could fulfil a new instance, oldest first (from `since` on, if given)."""
        ftype = plan.fulfil.sources[0][0]
        env = Env(b, self, self.now)
        if plan.fulfil_key:
            attr, fn = plan.fulfil_key
            pool = self.index[(ftype, attr)].get(fn(env), ())
        else:
            pool = self.history.get(ftype, ())
        if plan.earlier_since is not None:
            since = to_moment(plan.earlier_since(env))
            if since is not None:  # the pool is in processing order, which is time order
                return pool[first_at_or_after(pool, since.at):]
        return list(pool)

    def fulfils(self, plan: ObligationPlan, b, cand: Event) -> bool:
        return self.one(plan.fulfil, b, cand) is not None

    def try_fulfil(self, e: Event):
        pools = []
        if e.type in self.waiting:
            pools.append(self.waiting[e.type])
        for attr, by_key in self.waiting_keyed.get(e.type, {}).items():
            v = self.p.key_reader(attr)(e)
            if v in by_key:
                pools.append(by_key[v])
        for pool in pools:
            for inst in list(pool):
                if inst.status not in (Status.ACTIVE, Status.VIOLATED):
                    pool.remove(inst)
                    continue
                if e.id in self.consumed.get(inst.rule.decl.name, ()):
                    break
                if self.fulfils(inst.rule, inst.bindings, e):
                    pool.remove(inst)
                    self.fulfil(inst, e, e.moment)

    def fulfil(self, inst: Instance, e: Event | None, moment: Moment, earlier: bool = False):
        name = inst.rule.decl.name
        if inst.status is Status.ACTIVE and moment.at >= inst.deadline.due:
            self.on_due(inst)  # performed, but only at or after the first late instant
            if inst.status is Status.EXCUSED:
                return
        if e is not None:
            consumed = self.consumed.get(name)
            if consumed is None:
                self.consumed[name] = {e.id}
            else:
                consumed.add(e.id)
        if inst in self.waiting_cond:
            self.waiting_cond.remove(inst)
        if inst.fulfilled is not None:
            return
        by = (quote(e) if e
              else f"its condition becoming true at {moment.iso()}")
        inst.fulfilled, inst.fulfilled_by = moment, e.id if e else None
        if inst.status is Status.VIOLATED:
            inst.because.append(f"performed late by {by}, after the due instant {self.q.iso(inst.deadline.due)}")
            return
        inst.move(Status.FULFILLED)
        when = " (it happened before the trigger; counted because the clause says counting earlier)" if earlier else ""
        inst.because.append(f"fulfilled by {by}{when}, before the due instant {self.q.iso(inst.deadline.due)}")
        self.lifecycle(inst, "fulfilled", moment)

    def on_due(self, inst: Instance):
        if inst.status is not Status.ACTIVE:
            return
        if inst.rule.until is not None:  # a continuing duty kept to its end
            inst.move(Status.FULFILLED)
            inst.fulfilled = inst.deadline.end()
            inst.because.append(f"kept until its end, {self.q.iso(inst.deadline.due)}")
            self.lifecycle(inst, "fulfilled", inst.deadline.end())
            return
        if self.excused(inst, Env(inst.bindings, self, self.now), inst.deadline.end()):
            return
        inst.move(Status.VIOLATED)
        what = (f"no {inst.rule.fulfil.sources[0][0]} fulfilling it" if inst.rule.fulfil
                else "its fulfilment condition did not hold")
        inst.because.append(f"violated: {what} before {self.q.iso(inst.deadline.due)} ({inst.deadline.end().chinese()})")
        self.lifecycle(inst, "violated", inst.deadline.end())

    def lifecycle(self, inst: Instance, phase: str, moment: Moment):
        """Announce a stage of an obligation as an event other rules can react to."""
        etype = inst.rule.stages[phase]
        if etype not in self.p.read_types:
            return
        attrs = dict(inst.bindings)
        attrs.update(due=inst.deadline.due if inst.deadline else None, triggered_at=inst.triggered.at,
                     trigger=inst.trigger_id, debtor=inst.debtor, creditor=inst.creditor, __instance__=inst)
        because = tuple(inst.because)
        self.occur(Event(f"{inst.rule.decl.name}#{inst.number}.{phase}", etype, moment, attrs, because=because))

    def grant_remedy(self, plan: RemedyPlan, b, moment, trigger_id, because):
        env = Env(b, self, self.now)
        amount = plan.amount(env) if plan.amount else None
        instance = None
        for ev in b.values():
            if isinstance(ev, Event) and ev.because:
                because = because + [f"  {line}" for line in ev.because]
            if isinstance(ev, Event) and "__instance__" in ev.attrs:
                instance = ev.attrs["__instance__"]
        for holder in plan.holders:
            self.remedies.append(Remedy(plan, holder(env), moment, amount, trigger_id, because, instance))

    def deem(self, plan: DeemedPlan, b, moment, trigger_id, because: list[str]):
        env = Env(b, self, self.now)
        for cond, at_fn, said in plan.cases:
            if cond is None or cond(env):
                at = to_moment(at_fn(env))
                if at is None:
                    continue
                first = None  # the deemed event carries the attributes of its (first) fact
                for v in b.values():
                    if type(v) is Event:
                        first = v
                        break
                attrs = dict(first.attrs) if first is not None else {}
                attrs.pop("__instance__", None)
                attrs["source"] = trigger_id
                if said:
                    because.append(said)
                because.append(f"deemed at {at.iso()} ({at.chinese()})")
                if first is not None and first.because:
                    because += [f"  {line}" for line in first.because]
                name = plan.decl.name
                self.push(at.at, PHASE_EVENT, "derived", Event(f"{name}:{trigger_id}", name, at, attrs, 0, None,
                                                               tuple(because)))
                return
        o = plan.decl.otherwise
        if o is not None:
            self.findings.append(Finding(o.code, o.severity, plan.decl.clause, o.message, moment.at,
                                         because + [f"no case of {plan.decl.name} applies to {trigger_id}"]))

    # ------------------------------------------------------------------ unless … within …
    def arm_unless(self, plan, trig: TriggerPlan, b, moment, trigger_id):
        env = Env(b, self, self.now)
        d = self.count(moment, trig.unless_duration(env), trig.unless_counting)
        utype = trig.unless.sources[0][0]
        attr, key = (trig.unless_key[0], trig.unless_key[1](env)) if trig.unless_key else (None, None)
        # it waits under its key (kept as a key, not the list: no reference cycle)
        pending = Pending(plan, trig, b, moment, trigger_id, d, (utype, attr, key))
        self.unless_pending.setdefault(utype, {}).setdefault(attr, {}).setdefault(key, []).append(pending)
        self.push(d.due, PHASE_DEADLINE, "unless", pending)

    def try_cancel_unless(self, e: Event):
        by_attr = self.unless_pending.get(e.type)
        if not by_attr:
            return
        for attr, by_key in by_attr.items():
            pend = by_key.get(None if attr is None else self.p.key_reader(attr)(e))
            if not pend:
                continue
            for p in list(pend):
                if self.one(p.trig.unless, p.b, e) is not None:
                    p.cancelled = True
                    pend.remove(p)

    def on_unless_expired(self, p: "Pending"):
        if p.cancelled:
            return
        utype, attr, key = p.slot
        self.unless_pending[utype][attr][key].remove(p)
        trig, d = p.trig, p.deadline
        because = self.trigger_words(p.plan, trig, p.b, p.moment, p.trigger) + [
                   f"no {trig.unless_text} within {d.period.describe()}"
                   f"{' (a term, not extended)' if d.counting is Counting.TERM else ''}: "
                   f"the period ended at {self.q.iso(d.due)} ({d.end().chinese()})"] + list(d.steps)
        if self.first_time(p.plan, p.b):
            self.apply(p.plan, p.b, d.end(), p.trigger, because)
