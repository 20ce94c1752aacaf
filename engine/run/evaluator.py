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
import functools
import heapq
import operator
import types
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import Enum
from typing import Iterator

from ..lang import model as m
from ..time import timecalc
from ..lang.checker import BUILTINS, LIFECYCLE, Checked, money
from .compiler import (Compiler, Env, Event, PatternPlan, PeriodValue, _conjuncts, referenced_assumptions,
                       end_moment, fixed_length, referenced_types, to_moment)
from ..diagnostics import Diagnostic, QiyueError, diag
from ..messages import Msg
from ..report.explain import Labels
from .steps import Quantity, Step, TypeRef, nested
from ..time.timecalc import (CONTRACT_TZ, CalendarYearUnknown, Counting, Deadline, EarliestCalendar, LengthError, Moment,
                       Period, Unit, count, count_back, earliest_end)


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
    Status.FULFILLED: set(), Status.VIOLATED: set(), Status.EXCUSED: set(), Status.DISCHARGED: set(),
    Status.UNDETERMINED: set(),
}

# the same, as pairs of texts: checked on every move (an enum hashes through Python code)
_ALLOWED = frozenset((a._value_, b._value_) for a, targets in TRANSITIONS.items() for b in targets)

# What happens at one instant, in this order: deadlines that passed at it (a period of days ends at
# 24:00, so its `due` is the first late instant); the facts of that instant, all together, and what
# they set off; the notices of termination of that instant, decided together; the end of the
# contract, if one of them ended it; the periods of recurring duties that begin at it (after all
# that: a report handed in at that instant performs the new month's duty, a contract ended at it
# begins no new month); then the deadlines whose end instant is itself still in time (hours and
# minutes, 民法典第1259条).
PHASE_DEADLINE, PHASE_EVENT, PHASE_DECIDE, PHASE_END, PHASE_BEGIN, PHASE_LATE = 0, 1, 2, 3, 4, 5
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
    and it only names the row.)"""
    return (e.type, sorted((k, repr(v)) for k, v in e.attrs.items() if k[:2] != "__"), e.id)


# The most derived events one within another at one instant (a duty's stage setting off a duty whose
# stage sets off …): far beyond a contract's (the checker refuses chains of over 50 rules), within
# what the interpreter's stack holds.
MAX_CASCADE = 100

_EFFECTS = types.MappingProxyType({"ObligationPlan": "start_obligation", "RemedyPlan": "grant_remedy",
                                   "DeemedPlan": "deem", "FindingPlan": "record_finding"})


def refs(names) -> list[TypeRef]:
    """Names of rules (verdicts a step rests on), in a stable order, to be worded with their labels."""
    return [TypeRef(n) for n in sorted(names)]


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
    paused: tuple | None = None  # (since when, the bindings with the suspending fact, which suspension)

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
    unless_assumption: tuple | None = None  # (name, label): the period is an assumption of the rule file
    unless_way: object = None  # the same, as a way to look up what cancels it at its own instant
    text: str = ""
    parts: list = field(default_factory=list)  # `when`: (text of a condition, its explanation, its test)
    reads: frozenset = frozenset()  # event types its conditions read (not the facts it fires on)
    doubts: frozenset = frozenset()  # obligations whose verdicts those come from: undetermined → so is it
    every: tuple | None = None  # `every UNIT p from … until …`: (unit, alias, start, until)


@dataclass(eq=False)
class Way:
    """One way of performing an obligation: `fulfilled by PATTERN` or `or by PATTERN`."""

    pattern: PatternPlan
    key: tuple | None  # (attrs, key closure) when the pattern looks its fact up by equality
    earlier: bool  # `counting earlier`: a fact from before the trigger counts
    since: object  # `counting earlier since X`: from X on
    exclusive: bool  # `exclusively`: one fact performs one instance only
    parts: tuple = ()  # (rule text, closure) of each `and`-part of its where-clause: why a fact is not it
    # `counting earlier`: the parts of the where-clause that read the fact alone and constants, as a
    # pattern whose facts are kept as they come (Evaluation.kept) — the earlier facts that could perform a
    # new duty, without going through every fact of the kind (None: no such part)
    prefilter: PatternPlan | None = None
    type: str = field(init=False, default="")  # the kind of fact it is (read on the path of every duty)
    slot: tuple | None = field(init=False, default=None)  # (that kind, the key's attributes): its index

    def __post_init__(self):
        self.type = self.pattern.sources[0][0]
        self.slot = (self.type, self.key[0]) if self.key else None


@dataclass
class ObligationPlan:
    decl: m.Obligation
    triggers: list[TriggerPlan]
    debtor: object
    creditor: object
    ways: list[Way]
    fulfil_when: object
    fulfil_deps: frozenset
    excuse_deps: frozenset  # event types an exception reads: it may come to apply while the duty runs
    duration: object
    counting: Counting
    anchor: object
    before: bool
    until: object
    violated_by: PatternPlan | None
    excuses: list[tuple[object, str]]
    excuse_ways: list  # (way, text): exceptions `exists(EVENT …)`, applied when such an event comes
    stages: dict[str, str] = field(default_factory=dict)  # stage → its event type ("pay.violated")
    once: tuple | None = None  # `once` / `once per ALIAS` (as declared)
    fulfil_text: str = ""  # `fulfilled when CONDITION`, as written, and what satisfies it (for the steps)
    fulfil_why: object = None
    suspensions: tuple = ()  # (suspending pattern, resuming pattern) of each `suspended by … until …`
    extensions: tuple = ()  # (pattern, the moment it extends to) of each `extended by … until …`
    by: object = None  # `due by MOMENT`
    by_text: str = ""
    by_earliest: object = None  # (the same, counted as early as a year no calendar knows allows)
    # worked out once, not per duty: the `deadline_from` step's arguments that depend on the rule
    # alone (counted as a term?, the assumption its period is, and its label), the kinds of fact
    # that perform it (as the `violated` step names them), and the stages some rule reads
    from_args: tuple = (False, None, None)
    way_refs: tuple = ()
    announced: frozenset = frozenset()

    @property
    def fulfil(self) -> PatternPlan | None:
        return self.ways[0].pattern if self.ways else None


@dataclass
class RemedyPlan:
    decl: m.Remedy
    triggers: list[TriggerPlan]
    holders: list
    amount: object
    once: tuple | None = None
    base: object = None  # `P% of X`: the closure giving X, to show how the amount was computed
    per_day_by: str | None = None  # the assumption `per day only if` reads, to name it beside the amount
    terms: tuple = ()  # a computed amount: (text, type, value function) of each value it reads
    amount_text: str = ""  # (its rule text)
    cap: object = None  # `total at most EXPR`, compiled
    amount_kind: str | None = None
    reads: frozenset = frozenset()  # `recomputed daily`: the kinds of fact whose arrival can change the amount


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


@dataclass
class PropertyPlan:
    """A `property`, compiled: the bindings it is tested for (its `for each` patterns), and each
    condition and never-pattern with its rule text.  Tested after an evaluation (verify.properties)."""
    decl: m.Property
    patterns: list  # PatternPlan of each `for each`
    holds: list  # (text, compiled condition)
    never: list  # (text, PatternPlan)


# rules that describe facts (deemed events, findings): they do not wait for the contract to bind
_FACT_LIKE = (DeemedPlan, FindingPlan)


@dataclass
class LifePlan:
    """What puts the contract in force (`effective`) or one ground that ends it (`termination`)."""

    decl: m.Life
    triggers: list[TriggerPlan]
    held_by: object = None  # who must hold the power it exercises
    once: tuple | None = None


def switched_off(pattern: m.Pattern, checked: Checked) -> bool:
    """A pattern one of whose `and` conditions compares an assumption with a reading it does not take
    in this run (`… and some_reading == "another reading"`): it matches nothing."""
    where = pattern.where
    parts = list(where.items) if isinstance(where, m.BoolOp) and where.op == "and" else [where]
    while parts:
        c = parts.pop()
        if isinstance(c, m.BoolOp) and c.op == "and":
            parts += c.items
        elif (isinstance(c, m.Compare) and c.op in ("==", "!=") and isinstance(c.left, m.Name)
              and isinstance(c.right, m.Literal) and c.left.name in checked.params):
            param = checked.params[c.left.name]
            if param.is_assumption and isinstance(param.expr, m.Literal) and \
                    (param.expr.value == c.right.value) != (c.op == "=="):
                return True
    return False


_NUMERIC_CALLS = ("min", "max", "round", "round_up", "round_down")


def accrued_names(node) -> frozenset[str]:
    """The remedies named in `accrued(NAME)` anywhere under ``node``."""
    return frozenset(x.args[0].name for x in m.nodes(node) if isinstance(x, m.Call)
                     and BUILTINS.get(x.function) == "accrued" and x.args and isinstance(x.args[0], m.Name))


def _computed(e: m.Expr | None) -> bool:
    """An amount worked out by arithmetic (×, ÷, +, −, min, max, rounding), not a share of one
    base (`1% of budget`, explained by its own step) nor a value as it stands."""
    return isinstance(e, (m.Arith, m.ShareOf, m.Conditional)) or (isinstance(e, m.Call) and e.kind is not None) or (
        isinstance(e, m.PercentOf) and _computed(e.of))


def _term_nodes(e: m.Expr, out: list) -> list:
    """The values a computation reads, left to right: what is neither an operator nor a literal."""
    if isinstance(e, m.Arith) and e.kind != "elapsed":
        _term_nodes(e.left, out)
        _term_nodes(e.right, out)
    elif isinstance(e, m.Call) and e.kind is not None and e.function:
        for a in e.args:
            _term_nodes(a, out)
    elif isinstance(e, m.PercentOf):
        _term_nodes(e.of, out)
    elif isinstance(e, m.ShareOf):
        _term_nodes(e.rate, out)
        _term_nodes(e.of, out)
    elif isinstance(e, m.Conditional):  # the condition (its truth shown) and what each case reads
        for x in (e.condition, e.then, e.otherwise):
            _term_nodes(x, out)
    elif isinstance(e, m.Compare):  # a case's condition: its truth, then the values it compares
        out.append(e)
        _term_nodes(e.left, out)
        _term_nodes(e.right, out)
    elif isinstance(e, m.BoolOp):
        for x in e.items:
            _term_nodes(x, out)
    elif not isinstance(e, (m.Literal, m.DurationValue)):
        out.append(e)
    return out


def deadline_at(end: Moment, start: Moment, period: Period, counting: Counting, steps: tuple,
                provisional: int | None = None) -> Deadline:
    """A deadline at a moment the rules name: the end (24:00) of a day is the first late instant, as
    for a period of days; a moment within a day is itself still in time (民法典第1259条)."""
    return Deadline(start, period, counting, end.day if end.is_end_of_day() else None, end.at, steps, provisional)


def _kind(t) -> str:
    """A checked type as a step's quantity kind (an enum or a row is shown as it is)."""
    return t if t in ("money", "percent", "int", "number", "elapsed") else "number"


def _one_event(e: m.Expr) -> bool:
    """An exception that is the existence of one kind of event: it is applied when such an event
    comes (looked up like a fulfilment), not by testing the condition again on every event."""
    return isinstance(e, m.Exists) and len(e.pattern.sources) == 1


def _src_text(e: m.Expr | m.Pattern, text: "str | list[str]") -> str:
    """The rule text of a node, on one line, to quote in a `because` (``text``: the rule file's
    text, or its lines already split — a large file is split once, not once per quotation)."""
    s = e.span
    lines = (text.splitlines() if isinstance(text, str) else text)[s.line - 1: s.end_line]
    if not lines:
        return ""
    lines[-1] = lines[-1][: s.end_column - 1]
    lines[0] = lines[0][s.column - 1:]
    return " ".join(" ".join(lines).split())


class Prepared:
    """A checked rule file compiled once, ready to evaluate any number of fact streams."""

    def __init__(self, checked: Checked, calendar, incremental: bool = True, properties: bool = False):
        """``incremental=False`` counts every aggregate in full: the reference the tests compare with.
        ``properties``: compile the `property` blocks too (for `qiyue verify`); an ordinary evaluation
        leaves them out, so that the obligation stages only they name are not announced."""
        self.checked = checked
        self.calendar = calendar
        comp = Compiler(checked, calendar, incremental)
        self.compiler = comp
        # (`due by` a place counted in working days of a year no calendar knows: its earliest instant)
        self.earliest_compiler = Compiler(checked, EarliestCalendar(calendar), incremental)
        self.labels = Labels(checked)  # what the rule file calls facts, for the explanations
        self.accrued_names = accrued_names(checked.rules)  # remedies some rule reads with `accrued( )`
        text = checked.rules.text.splitlines()  # (split once: every rule quotes its conditions from it)
        self.obligations = [self._obligation(o, comp, text) for o in checked.rules.obligations]
        self.remedies = [RemedyPlan(r, [self._trigger(t, comp, text) for t in r.triggers],
                                    [comp.expr(h, self._scope(r.triggers)) for h in r.holders],
                                    comp.expr(r.amount, self._scope(r.triggers)) if r.amount else None,
                                    base=comp.expr(r.amount.of, self._scope(r.triggers))
                                    if isinstance(r.amount, m.PercentOf) else None,
                                    per_day_by=next(iter(referenced_assumptions(r.per_day_if, checked)), None)
                                    if r.per_day_if else None,
                                    terms=self._terms(r.amount, comp, self._scope(r.triggers), text)
                                    if _computed(r.amount) else (),
                                    amount_text=_src_text(r.amount, text) if _computed(r.amount) else "",
                                    amount_kind=checked.expr_types.get(id(r.amount)),
                                    cap=comp.expr(r.cap, set()) if r.cap is not None else None,
                                    reads=frozenset(referenced_types(r.amount, checked))
                                    if r.recomputed and r.amount is not None else frozenset())
                         for r in checked.rules.remedies]
        self.deemed = [DeemedPlan(d, [self._trigger(t, comp, text) for t in d.triggers],
                                  [(comp.expr(c.condition, self._scope(d.triggers)) if c.condition else None,
                                    comp.expr(c.at, self._scope(d.triggers)),
                                    Step("deemed_case", {"clause": d.clause, "text": c.text}) if c.text else None)
                                   for c in d.cases])
                       for d in checked.rules.deemed]
        self.findings = [FindingPlan(f, [self._trigger(t, comp, text) for t in f.triggers])
                         for f in checked.rules.findings]
        self.properties = [self._property(p, comp, text) for p in checked.rules.properties] if properties else []
        self.effective = [LifePlan(x, [self._trigger(t, comp, text) for t in x.triggers])
                          for x in checked.rules.effective]
        # grounds that use a power to terminate are tried first, then the others in file order:
        # a wide ground ("甲方 ends without cause") catches only what no specific ground took
        lives = sorted(checked.rules.terminations, key=lambda x: x.exercises is None)
        self.terminations = [LifePlan(x, [self._trigger(t, comp, text) for t in x.triggers],
                                      comp.expr(x.held_by, self._scope(x.triggers)) if x.held_by else None)
                             for x in lives]
        self.rank = {id(x): i for i, x in enumerate(self.terminations)}
        # for each event type, the keys duties look their performing events up by (None: no key)
        self.way_keys: dict[str, set] = {}
        for o in self.obligations:
            for way in o.ways:
                self.way_keys.setdefault(way.type, set()).add(way.key[0] if way.key else None)
        # the remedies that are powers to terminate: spent when used, lapsed when the contract ends
        self.powers = {x.exercises for x in checked.rules.terminations if x.exercises}
        # deemed events that still happen after the contract ended
        self.deemed_surviving = {d.decl.name for d in self.deemed if d.decl.survives}
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
        self.index_keys = comp.index_keys | self.earliest_compiler.index_keys
        # which obligations' verdicts each event type comes from (a stage directly, a deemed event
        # through its triggers): a rule that reads them is as undetermined as they are
        came = {f"{o.decl.name}.{ph}": {o.decl.name} for o in self.obligations for ph in o.stages}
        changed = True
        while changed:
            changed = False
            for d in self.deemed:
                got = set().union(*(came.get(x, ()) for t in d.decl.triggers
                                    for x in referenced_types(t, checked)))
                if not got <= came.get(d.decl.name, set()):
                    came[d.decl.name] = came.get(d.decl.name, set()) | got
                    changed = True
        for _, t in self.all_triggers():
            t.doubts = frozenset().union(*(came.get(x, ()) for x in t.reads))
        # the assumptions each rule rests on, for the report to list beside its verdicts: those its
        # expressions read, those its notes name ("见假定 grace_period"), and those of the verdicts
        # it comes from (8.3's damages rest on the payment term of the late installment)
        names = [p.name for p in checked.rules.params if p.is_assumption]
        own = {}
        rules = (*checked.rules.obligations, *checked.rules.remedies, *checked.rules.deemed,
                 *checked.rules.effective, *checked.rules.terminations)
        for d in rules:
            texts = " ".join([*getattr(d, "notes", ()), *(x.text or "" for x in getattr(d, "excuses", ()))])
            own[d.name] = set(referenced_assumptions(d, checked)) | {n for n in names if n in texts}
        self.assumptions = {}
        for d in rules:
            # (a `for each` line an assumption switches off now adds nothing: a termination by the
            # fact itself does not rest on how the notices it did not wait for are delivered)
            lines = [t for t in d.triggers if isinstance(t, m.ForEach) and not switched_off(t.pattern, checked)]
            sources = set().union(*(came.get(src.type_name if not src.lifecycle else
                                             f"{src.type_name}.{LIFECYCLE.get(src.lifecycle, src.lifecycle)}", ())
                                    for t in lines for src in t.pattern.sources))
            # and those of the deemed events it is triggered or performed by (a notice deemed
            # delivered on dispatch, or outside the city as within it)
            deemed_read = {src.type_name for t in lines for src in t.pattern.sources}
            for way in (getattr(d, "fulfilled_by", None), *getattr(d, "alternatives", ())):
                pattern = getattr(way, "pattern", way)
                deemed_read |= {src.type_name for src in getattr(pattern, "sources", ())}
            used = own[d.name] | set().union(*(own.get(o, ()) for o in sources | (deemed_read & set(checked.deemed))))
            if getattr(d, "exercises", None):  # a termination that uses a power rests on what the power rests on
                used |= set(self.assumptions.get(d.exercises, ()))
            self.assumptions[d.name] = [n for n in names if n in used]
        # a power to terminate comes from these obligations' verdicts (8.3's from late payments)
        self.power_sources = {r.decl.name: frozenset().union(*(came.get(src[0], ()) for t in r.triggers
                                                               if t.kind == "for_each" for src in t.pattern.sources),
                                                             *(t.doubts for t in r.triggers))
                              for r in self.remedies}
        self._key_readers: dict[tuple, object] = {}
        # event types some condition (a `when` trigger, a `fulfilled when`) depends on
        self.effective_deps = frozenset().union(*(t.deps for x in self.effective for t in x.triggers))
        # event types the end of a recurrence reads: when one comes, the running period may be cut
        self.until_types = frozenset().union(*(referenced_types(t.until, checked) for x in checked.rules.obligations
                                               for t in x.triggers if isinstance(t, m.Every) and t.until is not None))
        self.condition_types = set().union(*(t.deps for _, t in self.all_triggers()),
                                           *(o.fulfil_deps for o in self.obligations),
                                           *(o.excuse_deps for o in self.obligations), self.effective_deps)
        # events the report lists: deemed ones, and the contract's taking effect and its end
        self.reported_types = set(checked.deemed) | set(checked.lives)
        # every event type some rule reads, anywhere (a trigger, a fulfilment, an aggregate in a
        # where-clause): only these stages of an obligation need to be announced as events
        rules = checked.rules
        self.read_types = set().union(*(referenced_types(d, checked) for d in (
            *rules.obligations, *rules.remedies, *rules.deemed, *rules.findings, *rules.effective,
            *rules.terminations, *(rules.properties if properties else ()))))
        for o in self.obligations:
            o.announced = frozenset(ph for ph, etype in o.stages.items() if etype in self.read_types)
            o.way_refs = tuple(TypeRef(w.pattern.sources[0][0]) for w in o.ways)
            ref = o.decl.deadline.duration.ref if o.decl.deadline is not None else None
            chosen = checked.params.get(ref) if ref else None
            assumed = chosen is not None and chosen.is_assumption
            o.from_args = (o.counting is Counting.TERM, ref if assumed else None,
                           (chosen.label or "") if assumed else None)


    def key_reader(self, attrs: tuple[str, ...]):
        fn = self._key_readers.get(attrs)
        if fn is None:
            fn = self._key_readers[attrs] = key_reader(attrs)
        return fn

    def all_triggers(self):
        """(rule plan, trigger plan) for every trigger of every rule, in file order (the grounds of
        termination first; then the remedies some rule reads with `accrued( )`, so that a duty set
        off by the same fact sees the row it reads).  What puts the contract in force is tested on
        its own, before these."""
        read = self.accrued_names
        first = [r for r in self.remedies if r.decl.name in read]
        rest = [r for r in self.remedies if r.decl.name not in read]
        for group in (self.terminations, first, self.obligations, rest, self.deemed, self.findings):
            for plan in group:
                for t in plan.triggers:
                    yield plan, t

    @staticmethod
    def _scope(triggers) -> set[str]:
        return {s.alias for t in triggers if isinstance(t, m.ForEach) for s in t.pattern.sources if s.alias} | {
            t.alias for t in triggers if isinstance(t, m.Every)}

    def _trigger(self, t, comp: Compiler, text: str) -> TriggerPlan:
        if isinstance(t, m.Every):  # waits, like `when`, for its start to be known; then runs by itself
            deps = frozenset(referenced_types(t.start, self.checked))
            start = comp.expr(t.start, set())
            return TriggerPlan("every", condition=lambda env: start(env) is not None, deps=deps, reads=deps,
                               text=_src_text(t.start, text),
                               every=(t.unit, t.alias, start, comp.expr(t.until, set()) if t.until else None))
        if isinstance(t, m.When):
            items = t.condition.items if isinstance(t.condition, m.BoolOp) and t.condition.op == "and" \
                else [t.condition]
            deps = frozenset(referenced_types(t.condition, self.checked))
            return TriggerPlan("when", condition=comp.expr(t.condition, set()), deps=deps, reads=deps,
                               text=_src_text(t.condition, text),
                               parts=[(_src_text(i, text), comp.explain(i, set()), comp.expr(i, set()))
                                      for i in items])
        plan = TriggerPlan("for_each", pattern=comp.pattern(t.pattern, set()), text=_src_text(t.pattern, text),
                           reads=frozenset(referenced_types(t.pattern.where, self.checked)
                                           | referenced_types(t.unless, self.checked)))
        if t.unless is not None:
            bound = self._scope([t])
            plan.unless = comp.pattern(t.unless.pattern, bound)
            plan.unless_key = comp.key_for_source(t.unless.pattern, bound)
            plan.unless_duration = comp.duration(t.unless.duration)
            plan.unless_counting = t.unless.counting or Counting.ACT
            plan.unless_text = _src_text(t.unless.pattern, text)
            ref = self.checked.params.get(t.unless.duration.ref) if t.unless.duration.ref else None
            if ref is not None and ref.is_assumption:
                plan.unless_assumption = (ref.name, ref.label or "")
            plan.unless_way = Way(plan.unless, None, False, None, False)
        return plan

    def _property(self, p: m.Property, comp: Compiler, text) -> PropertyPlan:
        scope = self._scope(p.triggers)
        return PropertyPlan(p, [comp.pattern(t.pattern, set()) for t in p.triggers],
                            [(_src_text(h, text), comp.expr(h, scope)) for h in p.holds],
                            [(_src_text(n, text), comp.pattern(n, scope)) for n in p.never])

    def _obligation(self, o: m.Obligation, comp: Compiler, text: str) -> ObligationPlan:
        scope = self._scope(o.triggers)
        ways = []
        if o.fulfilled_by:
            for f in [m.Fulfilment(o.fulfilled_by.span, o.fulfilled_by, o.counting_earlier, o.earlier_since,
                                   o.exclusive), *o.alternatives]:
                inner = scope | {s.alias for s in f.pattern.sources if s.alias}
                parts = tuple((_src_text(c, text), comp.expr(c, inner)) for c in _conjuncts(f.pattern.where))
                pattern = comp.pattern(f.pattern, scope)
                ways.append(Way(pattern, comp.key_for_source(f.pattern, scope), f.counting_earlier,
                                comp.expr(f.earlier_since, scope) if f.earlier_since is not None else None,
                                f.exclusive, parts, _prefilter(f, pattern, comp, scope)))
        continuing = bool(o.deadline and (o.deadline.until is not None or o.deadline.forever))
        return ObligationPlan(
            decl=o, triggers=[self._trigger(t, comp, text) for t in o.triggers],
            debtor=comp.expr(o.debtor, scope) if o.debtor else None,
            creditor=comp.expr(o.creditor, scope) if o.creditor else None,
            ways=ways,
            fulfil_when=comp.expr(o.fulfilled_when, scope) if o.fulfilled_when else None,
            fulfil_text=_src_text(o.fulfilled_when, text) if o.fulfilled_when else "",
            fulfil_why=comp.explain(o.fulfilled_when, scope) if o.fulfilled_when else None,
            fulfil_deps=frozenset(referenced_types(o.fulfilled_when, self.checked)) if o.fulfilled_when else frozenset(),
            excuse_deps=frozenset().union(*(referenced_types(x.condition, self.checked) for x in o.excuses
                                            if not _one_event(x.condition))),
            duration=comp.duration(o.deadline.duration) if o.deadline and not continuing and o.deadline.by is None
            else None,
            by=comp.expr(o.deadline.by, scope) if o.deadline and o.deadline.by is not None else None,
            suspensions=tuple((comp.pattern(a, scope), comp.pattern(z, scope | {s.alias for s in a.sources if s.alias}))
                              for a, z in o.suspensions),
            extensions=tuple((comp.pattern(a, scope), comp.expr(to, scope | {s.alias for s in a.sources if s.alias}), mode)
                             for a, to, mode in o.extensions),
            by_text=_src_text(o.deadline.by, text) if o.deadline and o.deadline.by is not None else "",
            by_earliest=self.earliest_compiler.expr(o.deadline.by, scope)
            if o.deadline and o.deadline.by is not None else None,
            counting=(o.deadline.counting if o.deadline and o.deadline.counting else Counting.ACT),
            anchor=comp.expr(o.deadline.anchor, scope) if o.deadline and o.deadline.anchor else None,
            before=bool(o.deadline and o.deadline.before),
            until=(comp.expr(o.deadline.until, scope) if o.deadline.until is not None else FOREVER)
            if continuing else None,
            violated_by=comp.pattern(o.violated_by, scope) if o.violated_by else None,
            excuses=[(comp.expr(x.condition, scope), x.text or _src_text(x.condition, text)) for x in o.excuses],
            excuse_ways=[(Way(comp.pattern(x.condition.pattern, scope), comp.key_for_source(x.condition.pattern, scope),
                              False, None, False), x.text or _src_text(x.condition, text))
                         for x in o.excuses if _one_event(x.condition)],
            stages={phase: f"{o.name}.{phase}" for phase in set(LIFECYCLE.values())},
        )

    def _terms(self, e: m.Expr, comp, scope, text) -> tuple:
        """(rule text, type, compiled value) of each value a computed amount reads, once each."""
        seen, out = set(), []
        for node in _term_nodes(e, []):
            words = _src_text(node, text)
            if words not in seen:
                seen.add(words)
                out.append((words, self.checked.expr_types.get(id(node)), comp.expr(node, scope)))
        return tuple(out)

    def new_evaluation(self, as_of: datetime) -> "Evaluation":
        """An evaluation of these rules as of ``as_of``, not yet run: the reference's own ``Evaluation``
        (a backend's ``Prepared`` gives its own kind: engine/live/backend.py)."""
        return Evaluation(self, as_of)

    def evaluate(self, facts: list[Event], as_of: datetime) -> "Evaluation":
        ev = self.new_evaluation(as_of)
        try:
            ev.run(facts)
        except (CalendarYearUnknown, OverflowError, ArithmeticError, ValueError) as exc:
            raise self.error(ev, exc) from None
        finally:
            ev.release()
        return ev

    def evaluate_at(self, facts: list[Event], instants: list[datetime]) -> Iterator[tuple[datetime, "Evaluation"]]:
        """The evaluations at several instants from one replay: (instant, state) in time order, each
        distinct instant once — the state being exactly what ``evaluate(facts, instant)`` returns, to
        be read (a report built) before the next one is asked for.  An instant before the first fact
        is evaluated on its own (a replay without facts is cheap, and its recurring duties start at
        the instant itself, not at the first fact)."""
        instants = sorted(set(instants))
        first = min((f.moment.at for f in facts), default=None)
        later = [a for a in instants if first is not None and a >= first]
        for a in instants:
            if first is None or a < first:
                yield a, self.evaluate(facts, a)
        if not later:
            return
        ev = self.new_evaluation(later[-1])
        stops = ev.replay(facts, later[:-1])
        try:
            while True:
                try:
                    at = next(stops)
                except StopIteration:
                    return
                except (CalendarYearUnknown, OverflowError, ArithmeticError, ValueError) as exc:
                    raise self.error(ev, exc) from None
                yield at, ev
        finally:
            ev.release()

    def error(self, ev: "Evaluation", exc: Exception) -> QiyueError:
        """What stopped a replay, as a diagnostic naming the rule (and the fact) it came from."""
        if isinstance(exc, CalendarYearUnknown):  # pragma: no cover - each rule's own count catches it first
            rule = ev.current_rule
            span = rule.deadline.span if isinstance(rule, m.Obligation) and rule.deadline else \
                (rule.span if rule else None)
            return QiyueError([diag("calendar_year_unknown", span, year=exc.year, clause=rule.clause if rule else None,
                                    hint="hint:calendar_year_unknown")])
        rule, fact = ev.current_rule, ev.current_fact
        error = Msg("division_by_zero", {}) if isinstance(exc, ZeroDivisionError) else \
            Msg(*exc.msg) if isinstance(exc, LengthError) else str(exc)  # (a length or a period's name)
        where = dict(span=rule.span if rule else None, error=error, clause=rule.clause if rule else None,
                     hint="hint:out_of_range")
        if fact is not None and fact.line is not None:  # the fact that set it off, by its line
            return QiyueError([diag("out_of_range.fact", id=fact.id, line=fact.line, **where)])
        return QiyueError([diag("out_of_range", **where)])


@dataclass
class Remedy:
    plan: RemedyPlan
    holder: str | None
    since: Moment
    amount: object  # for a per-day remedy: the amount of one day
    trigger_id: str | None
    because: list[Step]
    instance: Instance | None = None  # the obligation whose violation gave rise to it
    status: str = "held"  # held; exercised (a power to terminate, used); lapsed (the contract ended first)
    exercised_at: Moment | None = None
    # `recomputed daily`: the bindings its amount is computed with, and each (moment, amount of a day)
    # from when it arose; a day's amount is the last one computed before that day began
    bindings: dict | None = None
    changes: list | None = None

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
        a day they cover is not counted again."""
        if not self.plan.decl.per_day or self.amount is None:
            return self.amount, []
        first, end_day, late, stopped = self.days(as_of, ended)
        if self.changes is not None and len(self.changes) > 1:
            return self.accrued_in_parts(first, end_day, late, stopped, as_of, counted)
        days = (end_day - first).days
        net, by = days, []
        if self.plan.decl.each_day_once:
            overlap, by = days_covered(first, end_day, counted)
            net = days - overlap
        total = None if net != days else self.amount * days
        if stopped is not None:
            steps = [Step("accrued_to_end", {"days": days, "since": self.since, "end": end_day, "ended": stopped,
                                             "per_day": self.amount, "total": total})]
        else:
            steps = [Step("accrued", {"days": days, "since": self.since, "end": end_day, "late": late,
                                      "as_of": as_of, "per_day": self.amount, "total": total})]
        if net != days:
            steps.append(Step("counted_once", {"overlap": days - net, "rows": by, "days": net,
                                               "per_day": self.amount, "total": self.amount * net}))
        return self.amount * net, steps


    def day_amounts(self, first: date, end_day: date) -> list[tuple[date, date, object]]:
        """(the day before the first, the last day, the amount of each day) of each run of days with
        one amount: a day's amount is the last one computed before its 00:00 — an amount computed
        during day D (or at its 00:00) counts from D + 1."""
        parts, after, amount = [], first, self.changes[0][1]
        for moment, value in self.changes[1:]:
            starts = moment.at.astimezone(CONTRACT_TZ).date()  # (counts from the day after this one)
            if starts >= end_day:
                break
            if starts > after:
                parts.append((after, starts, amount))
                after = starts
            amount = value
        parts.append((after, end_day, amount))
        return [(a, b, v) for a, b, v in parts if b > a]

    def accrued_in_parts(self, first, end_day, late, stopped, as_of, counted) -> tuple[object, list[Step]]:
        """A `recomputed daily` amount: the days of each run at its own amount of a day, each run
        shown (with the days an earlier row already counted, under `each day counted once`)."""
        total, runs, by_all = None, [], []
        for after, last, per_day in self.day_amounts(first, end_day):
            days = (last - after).days
            net = days
            if self.plan.decl.each_day_once:
                overlap, by = days_covered(after, last, counted)
                net -= overlap
                by_all += [w for w in by if w not in by_all]
            sub = None if per_day is None else per_day * net
            runs.append({"first": after + timedelta(days=1), "last": last, "days": net, "per_day": per_day,
                         "total": sub})
            total = sub if total is None else (total if sub is None else total + sub)
        step = Step("accrued_daily", {"since": self.since, "end": end_day, "late": late, "as_of": as_of,
                                      "ended": stopped, "runs": runs, "total": total,
                                      "rows": by_all})
        return total, [step]


def days_covered(after: date, last: date, ranges) -> tuple[int, list]:
    """How many of the days after ``after`` up to ``last`` some range (after, last, who) covers, and
    whose ranges they are (each named once, in order)."""
    spans = sorted((max(a, after), min(b, last), who) for a, b, who in ranges if min(b, last) > max(a, after))
    covered, reach, who_all = 0, after, []
    for a, b, who in spans:
        if b > reach:
            covered += (b - max(a, reach)).days
            reach = b
        if who not in who_all:
            who_all.append(who)
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


def _prefilter(f: m.Fulfilment, pattern: PatternPlan, comp: Compiler, scope: set) -> PatternPlan | None:
    """Of a `counting earlier` way of one source, the parts of its where-clause that read the fact alone
    and constants (`n.subject == "address_change"`), as a pattern (``Way.prefilter``); None if none."""
    alias = pattern.names[0]
    if not f.counting_earlier or len(pattern.sources) != 1 or f.pattern.where is None:
        return None
    pure = [c for c in _conjuncts(f.pattern.where) if comp._pure(c, {alias})]
    if not pure:
        return None
    where = comp.expr(pure[0] if len(pure) == 1 else m.BoolOp(f.pattern.where.span, "and", pure), scope | {alias})
    return PatternPlan(pattern.sources, where, {})


class Evaluation:
    """The state of one replay.  Built by ``Prepared.evaluate``; read by ``report``."""

    # Declared slots: the replay reads its state on every event, and slots keep that fast
    # however many parts the state has (an instance dict past ~30 keys loses its fast path).
    __slots__ = ("p", "as_of", "recomputing", "phase", "_slot_rest", "history", "index", "index_by_type", "instances", "waiting", "waiting_keyed",
                 "waiting_cond", "waiting_breach", "unless_pending", "pending_when", "consumed",
                 "events", "remedies", "findings", "slots", "agenda", "now", "_wakes",
                 "_counts", "_periods", "current_rule", "current_fact", "_once", "q", "_effects",
                 "effective", "effective_by", "ended", "ended_by", "_unprocessed", "_refused", "_done",
                 "_unknown_years", "_deferred", "_hidden", "_hiding", "waiting_excuse", "undetermined", "_doubt",
                 "_bare_types", "_fired", "waiting_excuse_ways", "unknown_times", "unmet", "_scans", "_depth",
                 "open_periods", "waiting_suspend", "waiting_resume", "_passed")

    def __init__(self, prepared: Prepared, as_of: datetime):
        self.p = prepared
        self.as_of = as_of
        self.open_periods: list = []  # (plan, trig, period, its duties): the current period of each recurrence
        self.waiting_suspend: dict = {}  # event type → [(duty, which suspension)]: running duties a fact may pause
        self.waiting_resume: dict = {}  # event type → [duty]: paused duties a fact may resume
        self.history: dict[str, list[Event]] = {}
        self.index: dict[tuple[str, str], dict] = {k: {} for k in prepared.index_keys}
        self.index_by_type: dict[str, list[tuple[dict, object]]] = {}  # type -> (index, key reader)
        for tname, attr in prepared.index_keys:
            self.index_by_type.setdefault(tname, []).append((self.index[(tname, attr)], prepared.key_reader(attr)))
        self.instances: dict[str, list[Instance]] = {o.decl.name: [] for o in prepared.obligations}
        self.waiting: dict[str, list] = {}            # fulfil type -> (instance, way) (no key)
        self.waiting_keyed: dict[str, dict] = {}      # fulfil type -> key attrs -> key -> (instance, way)
        self.waiting_cond: list[Instance] = []
        self.waiting_excuse: list[Instance] = []  # running duties whose exception may come to apply
        self.waiting_excuse_ways: dict = {}  # event type -> key attrs -> key -> [(instance, way, text)]
        self.unknown_times: dict = {}  # (deemed type, key attrs) -> key -> events deemed without a fixed time
        self.unmet: dict = {}  # obligation not triggered -> which of its conditions hold and which not yet
        self._scans: dict = {}  # id(pattern plan) -> what Evaluation.scan carried forward
        self._depth = 0  # how many derived events are being reacted to, one within another
        self.undetermined: set = set()  # obligations with an undetermined verdict
        self._doubt: frozenset = frozenset()  # those the rule being applied depends on
        self._bare_types: set = set()  # event types of which some fact gave its day alone
        self._fired: tuple = (None, set())  # (instant, rules applied at it): a second copy is tested again
        self.waiting_breach: dict[str, list[Instance]] = {}      # continuing duties, by breaching type
        self.unless_pending: dict[str, dict] = {}             # type -> key attr -> key -> pending
        self.pending_when = [(plan, t) for plan, t in prepared.all_triggers() if t.kind in ("when", "every")]
        self.consumed: dict[str, set] = {}  # for `exclusively`: the facts that already performed one
        # `counting earlier exclusively`: (obligation, id of a pool of earlier facts) -> how many of the
        # pool's first facts all performed a duty already (consumed only grows: they never can again)
        self._passed: dict[tuple, int] = {}
        self.events: list[Event] = []
        self.remedies: list[Remedy] = []
        self.recomputing: dict[str, list[Remedy]] = {}  # kind of fact -> `recomputed daily` rows it may change
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
        self.current_fact = None  # the fact being taken (None while periods run out), to name it too
        self.q = Quotes()
        # (by name, not bound methods: a bound method kept on the instance is a reference cycle)
        self._effects = _EFFECTS
        self._once: set = set()
        # the contract's life: in force from `effective` (at once, when the file declares none)
        self.effective: Moment | None = None
        self.effective_by: Event | None = None
        self.ended: Moment | None = None
        self.ended_by: Event | None = None
        self._unprocessed: set = set()  # (ids of) facts of the instant being replayed not yet reacted to
        self._refused: dict = {}  # termination facts no ground took: fact id -> (fact, reasons)
        self._done: set = set()  # termination facts that ended the contract (or came after its end)
        self._unknown_years: set = set()
        # terminations notified at an instant: decided together once everything of that instant
        # happened (a power that arises at the very instant of the notice is held at it)
        self._deferred: dict = {}  # instant -> [(ground plan, bindings, moment, trigger id, because)]
        self._hidden: set = set()  # facts an aggregate leaves out, to find the one a condition turned on
        self.phase = None  # the phase of the scheduled slot being run (None: a fact's own processing)
        self._slot_rest = ()  # (the items of that slot, the position after the one being run)
        self._hiding: tuple = ()  # (the same facts themselves)

    # ------------------------------------------------------------------ helpers for compiled code
    def count(self, start: Moment, period: Period, counting: Counting) -> Deadline:
        """``timecalc.count``, memoised: a period counted in days depends only on the start's day,
        so one count serves every start on that day.  Its steps then omit the start's time of
        day (the `deadline: … from …` line before them names it), unless the start is a 24:00."""
        if period.unit in (Unit.HOURS, Unit.MINUTES) or start.is_end_of_day():
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

    def accruals(self, remedies: list, as_of: datetime) -> dict[int, tuple]:
        """Each remedy row's amount as of ``as_of`` and the steps of its computation.  The rows of an
        `each day counted once` remedy (one holder) are counted from the earliest: a day an earlier
        row already counted is not counted again; `total at most` lets the earliest rows count first."""
        out, counted, totals = {}, {}, {}
        for r in sorted(remedies, key=lambda r: r.since.at):  # (stable: rows at one instant keep their order)
            ranges = counted.setdefault((r.plan.decl.name, r.holder), [])
            amount, steps = r.accrued(as_of, self.ended, ranges)
            if r.plan.decl.each_day_once and r.plan.decl.per_day and r.amount is not None:
                first, last, _, _ = r.days(as_of, self.ended)
                ranges.append((first, last, r.trigger_id))
            if r.plan.cap is not None and amount is not None:  # `total at most`: the earliest rows first
                cap = r.plan.cap(Env({}, self, as_of))
                per = r.plan.decl.cap_per  # (`per month`: the rows of each calendar month apart)
                period = timecalc.period_label(per, timecalc.period_start(per, r.since.day)) if per else None
                key = (r.plan.decl.name, r.holder, period)
                points = r.plan.amount_kind in ("int", "number")
                zero = Decimal(0) if points else Decimal("0.00")
                before = totals.get(key, zero)
                if cap is not None and before + amount > cap:
                    allowed = max(zero, cap - before)
                    q = (lambda v: Quantity(v, "number")) if points else (lambda v: Quantity(v, "money"))
                    steps = steps + [Step("capped", {"cap": q(cap), "before": q(before), "amount": q(amount),
                                                     "allowed": q(allowed), "period": period})]
                    amount = allowed
                totals[key] = before + amount
            out[id(r)] = (amount, steps)
        return out

    def accrued_total(self, name: str, now: datetime):
        """`accrued(NAME)`: what the rows of remedy NAME that arose by ``now`` come to at ``now``,
        caps applied (a remedy in points: its points)."""
        rows = [r for r in self.remedies if r.plan.decl.name == name and r.since.at <= now]
        plan = next((p for p in self.p.remedies if p.decl.name == name), None)
        total = Decimal(0) if plan is not None and plan.amount_kind in ("int", "number") else Decimal("0.00")
        for amount, _ in self.accruals(rows, now).values():
            if amount is not None:
                total += amount
        return total

    def triggered(self, name: str) -> bool:
        return bool(self.instances.get(name))

    def is_open(self, name: str) -> bool:
        """`open(x)`: some duty of obligation x is running (triggered, neither performed nor ended)."""
        return any(i.status is Status.ACTIVE or i.status is Status.SUSPENDED for i in self.instances.get(name, ()))

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
        tname, alias = plan.sources[other][0], plan.names[other]
        key = plan.keys.get((first, other))
        if key is not None:
            index = self.index[(tname, key[0])]
            if not index and getattr(key[1], "_plain_key", False):
                return []  # nothing of that kind under any key yet (and the key reads an attribute only)
        b0 = dict(bound) if bound else {}
        b0[plan.names[first]] = event
        now = self.now
        if key is not None:
            pool = index.get(key[1](Env(b0, self, now)), ())
        else:
            pool = self.history.get(tname, ())
        where, out = plan.where, []
        unprocessed = self._unprocessed
        for cand in pool:
            if unprocessed and id(cand) in unprocessed:
                continue
            if cand is event and other < first:
                continue  # (the event in both sources of one kind: found once, at the first of them)
            b = dict(b0)
            b[alias] = cand
            if where is None or where(Env(b, self, now)):
                out.append(b)
        return out

    def scan(self, plan: PatternPlan, value) -> list:
        """[facts seen, matches, total of ``value``, first match] of a one-source pattern whose
        condition reads only its own fact, carried forward over the facts recorded since the last
        call (history only grows, and such a fact's match never changes)."""
        s = self._scans.get(id(plan))
        if s is None:
            s = self._scans[id(plan)] = [0, 0, Decimal(0), None]
        pool = self.history.get(plan.sources[0][0], ())
        if s[0] < len(pool):
            alias, where, now = plan.names[0], plan.where, self.now
            for cand in pool[s[0]:]:
                b = {alias: cand}
                if where is None or where(Env(b, self, now)):
                    s[1] += 1
                    if value is not None:
                        v = value(Env(b, self, now))
                        if v is not None:
                            s[2] += v
                    if s[3] is None:
                        s[3] = b
            s[0] = len(pool)
        return s

    def kept(self, plan: PatternPlan) -> list[Event]:
        """The facts of a kind that pass a condition reading only the fact itself, in the order
        they came, carried forward over the facts recorded since the last call."""
        s = self._scans.get(id(plan))
        if s is None:
            s = self._scans[id(plan)] = [0, []]
        pool = self.history.get(plan.sources[0][0], ())
        if s[0] < len(pool):
            alias, where, now, out = plan.names[0], plan.where, self.now, s[1]
            for cand in pool[s[0]:]:
                if where(Env({alias: cand}, self, now)):
                    out.append(cand)
            s[0] = len(pool)
        return s[1]

    def matches(self, plan: PatternPlan, env: Env, first: int | None = None, event: Event | None = None
                ) -> Iterator[dict]:
        """Every binding of the pattern's sources (one of them fixed to ``event``) where it holds.
        (A new event's one- and two-source patterns take the shorter ways, ``one`` and ``_pairs``.)
        An aggregate (no fixed event) sees every fact of the current instant: they are simultaneous."""
        n = len(plan.sources)
        order = list(range(n)) if first is None else [first] + [j for j in range(n) if j != first]
        hide = self._unprocessed if event is not None else self._hidden
        # (a method, not a nested recursive function: that would be a reference cycle per call,
        # left for the cyclic collector — memory that creeps in a long-running process)
        yield from self._bind(plan, order, 0, dict(env.b), env.now, event, hide)

    def _bind(self, plan: PatternPlan, order: list, k: int, b: dict, now, event, hide) -> Iterator[dict]:
        """The bindings of sources ``order[k:]`` given ``b`` (the first one to ``event`` if given)."""
        if k == len(order):
            if plan.where is None or plan.where(Env(b, self, now)):
                yield b
            return
        j = order[k]
        alias = plan.names[j]
        if k == 0 and event is not None:
            pool = (event,)
        else:
            tname = plan.sources[j][0]
            key = plan.keys.get((order[0], j))
            if key is not None:
                attr, fn = key
                pool = self.index[(tname, attr)].get(fn(Env(b, self, now)), ())
            else:
                pool = self.history.get(tname, ())
        for cand in pool:
            if hide and id(cand) in hide:
                continue
            if cand is event and k and j < order[0]:
                continue  # (the event in several sources of one kind: found once, at the first of them)
            nb = dict(b)
            nb[alias] = cand
            yield from self._bind(plan, order, k + 1, nb, now, event, hide)

    # ------------------------------------------------------------------ the loop
    def push(self, at: datetime, phase: int, kind: str, payload):
        """Schedule something at an instant; what falls after ``as_of`` never happens here (nor does
        the lateness of an hours period ending at ``as_of`` itself: its end instant is still in time)."""
        if at < self.as_of or (at == self.as_of and phase != PHASE_LATE):
            slot = (at, phase)
            items = self.agenda.get(slot)
            if items is None:
                items = self.agenda[slot] = []
                heapq.heappush(self.slots, slot)
            items.append((kind, payload))

    def run(self, facts: list[Event]):
        for _ in self.replay(facts):
            pass

    def release(self):
        """Free what the evaluation holds outside Python once its replay is over (the durable backend's
        durable_rules session); the reference holds nothing."""

    def replay(self, facts: list[Event], stops: list[datetime] = ()) -> Iterator[datetime]:
        """Replay the facts up to ``as_of``, pausing at each of ``stops`` (in time order, each before
        ``as_of`` and not before the first fact) and at ``as_of`` itself: at each it yields the
        instant, the state being what a replay to that instant alone leaves (``stop``)."""
        facts = sorted(facts, key=_WHEN_ID)
        facts = facts[:bisect.bisect_right(facts, self.as_of, key=_AT)]  # only facts up to as_of
        self.start_fixed_recurrences(facts[0].moment.at if facts else self.as_of)
        stops = [a for a in stops if a < self.as_of]
        k, last = 0, len(stops)
        i, n = 0, len(facts)
        while i < n:
            at = facts[i].moment.at
            while k < last and stops[k] < at:  # (facts of the stop's own instant are in its report)
                yield from self.stop(stops[k])
                k += 1
            j = i + 1
            while j < n and facts[j].moment.at == at:
                j += 1
            self.take(facts[i:j] if j > i + 1 else facts[i])
            i = j
        while k < last:
            yield from self.stop(stops[k])
            k += 1
        self.run_scheduled(None)
        self.finish()
        yield self.as_of

    def take(self, batch: "list[Event] | Event"):
        """The facts of one instant (a list), or the one fact of its instant, with what is due before
        them: the replay's step, and a live session's (``engine.run.session``)."""
        at = batch.moment.at if type(batch) is not list else batch[0].moment.at
        # what is due before these facts happens first: deadlines that passed at this instant
        # and what they set off (a deemed acceptance at 24:00), and events deemed for it
        if self.slots and self.slots[0] < (at, PHASE_DECIDE):
            self.run_scheduled((at, PHASE_DECIDE))
        self.now = at
        self.current_fact = batch if type(batch) is not list else batch[0]
        try:  # a year no calendar knows stops only what depends on it
            if type(batch) is not list:
                self.occur_alone(batch)
            else:
                self.occur_together(batch)
        except CalendarYearUnknown as exc:
            self.unknown_year(exc, self.current_rule)
        if self.recomputing:
            self.recompute({batch.type} if type(batch) is not list else {f.type for f in batch})
        self.current_fact = None

    def stop(self, at: datetime) -> Iterator[datetime]:
        """Pause a replay whose ``as_of`` is later at the instant ``at``: what a replay to ``at`` alone
        would still run is run (every slot before ``at``'s lateness of hours, which is not yet late at
        ``at``), the state is finished as of ``at`` and yielded, then put back as it was — what
        ``finish`` added is taken away again, the rest of the replay does not see the pause.  (Nothing
        scheduled after ``at`` runs before the pause: a replay to ``at`` would never have scheduled it.)"""
        self.run_scheduled((at, PHASE_LATE))
        as_of, now, findings = self.as_of, self.now, len(self.findings)
        self.as_of = at
        try:
            self.finish()
            yield at
        finally:
            self.as_of, self.now, self.unmet = as_of, now, {}
            del self.findings[findings:]

    def finish(self):
        """What a replay adds once it reached ``as_of``: what the obligations not triggered wait for,
        and a warning when the contract never came into force."""
        self.say_what_is_unmet()
        if self.awaiting_effect():
            x = self.p.effective[0].decl
            self.findings.append(Finding(
                "contract_not_in_force", "warning", x.clause, None, None,
                [Step("rule_at", {"name": x.name, "span": str(x.span)})],
                {"as_of": Moment.of(self.as_of), "name": x.name}))

    def recompute(self, types: set[str]):
        """`recomputed daily` rows whose amount reads a kind of fact that just came: the amount of a
        day from the next day on is computed anew (what is still unpaid after a part payment).  A
        row stops being recomputed once the duty behind it is performed (it accrues no more)."""
        for t in types:
            rows = self.recomputing.get(t)
            if not rows:
                continue
            for r in list(rows):
                inst = r.instance
                if r.status == "lapsed" or (inst is not None and inst.fulfilled is not None):
                    rows.remove(r)
                    continue
                value = r.plan.amount(Env(r.bindings, self, self.now))
                if value != r.changes[-1][1]:
                    r.changes.append((Moment.of(self.now), value))

    def run_scheduled(self, before: tuple | None):
        """Run what is scheduled in the slots before ``before`` (all of it: None), in time order."""
        slots, agenda = self.slots, self.agenda
        while slots and (before is None or slots[0] < before):
            slot = slots[0]
            items = agenda[slot]
            self.now, self.phase = slot
            i = 0
            while i < len(items):  # (what is scheduled into this slot meanwhile joins the end)
                kind, payload = items[i]
                i += 1
                self._slot_rest = (items, i)
                try:
                    self.dispatch(kind, payload)
                except CalendarYearUnknown as exc:
                    self.unknown_year(exc, self.current_rule)
                if slots[0] is not slot:  # something was scheduled earlier still: it goes first
                    del items[:i]
                    break
            else:
                heapq.heappop(slots)
                del agenda[slot]
        self.phase, self._slot_rest = None, ()

    def say_what_is_unmet(self):
        """For each obligation not triggered by ``as_of``: which of its conditions hold and which do
        not yet, or which fact it waits for."""
        self.now = self.as_of
        env = Env({}, self, self.as_of)
        for plan in self.p.obligations:
            if self.instances[plan.decl.name]:
                continue
            lines = []
            for trig in plan.triggers:
                if trig.kind == "for_each":
                    lines.append(Step("waits_for", {"text": trig.text}, 1))
                    continue
                for text, explain, test in trig.parts:
                    try:
                        ok = bool(test(env))
                        said = explain(env) if ok else None
                        state = "holds" if ok else "not_yet"
                    except CalendarYearUnknown as exc:
                        state, said = "unknown", exc.step()
                    lines.append(Step("condition_state", {"text": text, "state": state, "why": said}, 1))
            if self.awaiting_effect():
                lines.append(Step("not_in_force", {}, 1))
            self.unmet[plan.decl.name] = lines

    def dispatch(self, kind: str, payload):
        if kind == "due":
            self.on_due(payload)
        elif kind == "due_after_events":  # (decided once this instant's derived events have happened)
            items, i = self._slot_rest
            if any(k == "derived" for k, _ in items[i:]):
                self.push(self.now, PHASE_EVENT, "due_after_events", payload)
            else:
                self.on_due(payload, after_events=True)
        elif kind == "derived":
            e = payload
            if self.ended is not None and e.moment.at > self.ended.at and e.type not in self.p.deemed_surviving:
                return  # deemed for a moment after the contract ended: it no longer happens
            self.occur(e)
        elif kind == "unless":
            self.on_unless_expired(payload)
        elif kind == "wake":
            self.reconsider(None, payload)
        elif kind == "decide":
            self.decide(payload)
        elif kind == "end":
            self.on_end(payload)
        elif kind == "recur":
            self.next_period(*payload)

    def record(self, e: Event):
        """Keep a fact in the history and the indexes."""
        etype = e.type
        if e.bare:
            self._bare_types.add(etype)
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
        if self.open_periods and etype in self.p.until_types:
            self.cut_periods()

    def cut_periods(self):
        """An end of a recurrence that becomes known while a period runs cuts that period there
        (“每季度至少巡检2次，直至验收”: no inspection is owed after the acceptance): its end moves, and
        the deadline of its duty still running is counted again from it."""
        for plan, trig, period, duties in self.open_periods:
            until = end_moment(trig.every[3](Env({}, self, self.now))) if trig.every[3] else None
            if until is None or until.at >= period.end.at:
                continue
            period.end = max(until, period.start, key=lambda x: x.at)
            period.last_day = period.end.day if period.end.is_end_of_day() else None
            for inst in duties:
                if inst.status is not Status.ACTIVE:
                    continue
                inst.because.append(Step("period_cut", {"label": period.label, "end": period.end}))
                if inst.rule.by is not None and self.set_due_by(inst, inst.rule, Env(inst.bindings, self, self.now)):
                    d = inst.deadline
                    self.push(max(d.due, self.now), _phase_of(d), "due", inst)
    def react(self, e: Event):
        """Let every rule that cares see one event: the duties it performs, then what it sets off."""
        self.perform(e)
        for args in self.matched(e):
            self.fire(*args)

    def perform(self, e: Event):
        """What an event does to duties already running: performs, cancels, breaches."""
        etype = e.type
        if etype in self.waiting or etype in self.waiting_keyed:
            self.try_fulfil(e)
        if etype in self.unless_pending:
            self.try_cancel_unless(e)
        if etype in self.waiting_breach:
            self.try_breach(e)
        if etype in self.waiting_excuse_ways:
            self.try_excuse(e)
        if etype in self.waiting_suspend:
            self.try_suspend(e)
        if etype in self.waiting_resume:
            self.try_resume(e)

    def try_suspend(self, e: Event):
        """A fact that pauses running duties (`suspended by …`): they are `suspended` from it, and
        cannot fall due until a fact resumes them."""
        pool = self.waiting_suspend[e.type]
        for entry in list(pool):
            inst, k = entry
            if inst.status is Status.SUSPENDED:
                continue
            if inst.status is not Status.ACTIVE:
                pool.remove(entry)
                continue
            if k < 0:  # an agreed extension
                self.try_extend(inst, inst.rule.extensions[-1 - k], e)
                continue
            b = self.one(inst.rule.suspensions[k][0], inst.bindings, e)
            if b is None:
                continue
            inst.move(Status.SUSPENDED)
            inst.paused = (e.moment, b, k)
            inst.because.append(Step("suspended_by", {"fact": e, "due": inst.deadline.end()}))
            end_type = inst.rule.suspensions[k][1].sources[0][0]
            self.waiting_resume.setdefault(end_type, []).append(inst)

    def try_extend(self, inst: Instance, extension, e: Event):
        """`extended by AGREEMENT x until x.new_due`: before the deadline, an agreement moves it to
        the moment it names (a date: the whole day); a moment no later than the deadline changes nothing.
        `extended by AGREEMENT x for x.days days`: the deadline as it stands moves on by that length."""
        pattern, to, mode = extension
        b = self.one(pattern, inst.bindings, e)
        if b is None:
            return
        d = inst.deadline
        if mode == "for":
            length = to(Env(b, self, self.now))
            moved, how = self.lengthened(inst, d, length)
            if moved is None:
                return
            inst.because.append(Step("extended_for", {"fact": e, "length": length if isinstance(length, Period)
                                                      else Quantity(length, "elapsed"),
                                                      "due_before": d.end(), "due": moved.end()}))
            inst.because.extend(Step(s.code, s.args, 1) for s in how)
            inst.deadline = moved
            self.push(max(moved.due, self.now), _phase_of(moved), "due", inst)
            return
        end = end_moment(to(Env(b, self, self.now)))
        if end is None or end.at <= d.due:
            return
        moved = deadline_at(end, d.start, d.period, d.counting, d.steps, d.provisional)
        inst.because.append(Step("extended", {"fact": e, "due_before": d.end(), "due": moved.end()}))
        inst.deadline = moved
        self.push(max(moved.due, self.now), _phase_of(moved), "due", inst)

    def lengthened(self, inst: Instance, d: Deadline, length) -> tuple[Deadline | None, tuple]:
        """The deadline ``d`` moved on by ``length`` (顺延): a period of days, months or working days
        counted on from its last day as a new period (第201条: from the next day; for a period to
        act in, a last day that is a rest day moves to the next working day, 第203条); hours and
        minutes, and any length of a deadline within a day, exactly; an elapsed time (the length
        between two facts) as the days begun.  With the steps of the count (the last day moved to a
        working day); None: nothing to move (unknown, or no length)."""
        if length is None or (isinstance(length, Period) and length.amount == 0) or \
                (isinstance(length, timedelta) and length <= timedelta(0)):
            return None, ()
        if isinstance(length, timedelta):
            if d.last_day is None:
                return Deadline(d.start, d.period, d.counting, None, d.due + length, d.steps, d.provisional), ()
            length = Period(-(-length // timedelta(days=1)), Unit.DAYS)  # (days begun)
        if d.last_day is None or length.unit in (Unit.HOURS, Unit.MINUTES):
            if length.unit in (Unit.HOURS, Unit.MINUTES, Unit.DAYS):  # (a fixed length: added exactly)
                due = d.due + fixed_length(length)
                return Deadline(d.start, d.period, d.counting, None, due, d.steps, d.provisional), ()
            start = Moment.of(d.due)
        else:  # (on from the period's own last day: a move off a rest day applies to its new end only)
            start = Moment.end_of_day(d.counted_to)
        try:
            c = self.count(start, length, d.counting)
        except CalendarYearUnknown as exc:
            self.unknown_year(exc, inst.rule.decl)
            return None, ()
        return Deadline(d.start, d.period, d.counting, c.last_day, c.due, d.steps, d.provisional, c.nominal), \
            c.steps[1:]

    def try_resume(self, e: Event):
        """The fact that ends a pause: the deadline moves on by the time paused — days begun for a
        period of days (then to a working day, for a period to act in: 第203条), exactly for hours."""
        pool = self.waiting_resume[e.type]
        for inst in list(pool):
            if inst.status is not Status.SUSPENDED:
                pool.remove(inst)
                continue
            since, b, k = inst.paused
            if self.one(inst.rule.suspensions[k][1], b, e) is None:
                continue
            pool.remove(inst)
            d, paused = inst.deadline, e.moment.at - since.at
            moved_off = None  # (the step naming the rest days a new last day was moved past)
            if d.last_day is not None:
                days = -(-paused // timedelta(days=1))  # (days begun)
                # (on from the period's own last day: a move off a rest day applies to its new end only)
                nominal = last = d.counted_to + timedelta(days=days)
                if d.counting is Counting.ACT:
                    cal = self.p.calendar
                    try:
                        last, skipped = timecalc.skip_rest_days(last, cal)
                        if skipped:
                            moved_off = Step("last_day_moved", {"skipped": [cal.day_info(s) for s in skipped],
                                                                "to": cal.day_info(last)}, 1)
                    except CalendarYearUnknown as exc:
                        self.unknown_year(exc, inst.rule.decl)
                moved = Deadline(d.start, d.period, d.counting, last, Moment.end_of_day(last).at, d.steps,
                                 d.provisional, nominal if last != nominal else None)
            else:
                days = None
                moved = Deadline(d.start, d.period, d.counting, None, d.due + paused, d.steps, d.provisional)
            inst.because.append(Step("resumed", {"fact": e, "since": since, "days": days,
                                                 "paused": Quantity(paused, "elapsed"),
                                                 "due_before": d.end(), "due": moved.end()}))
            if moved_off is not None:
                inst.because.append(moved_off)
            inst.deadline, inst.paused = moved, None
            inst.move(Status.ACTIVE)
            self.push(max(moved.due, self.now), _phase_of(moved), "due", inst)
            for k2, (start, _) in enumerate(inst.rule.suspensions):  # (it may be paused again)
                self.waiting_suspend.setdefault(start.sources[0][0], []).append((inst, k2))

    def try_excuse(self, e: Event):
        """An event that makes an exception `exists(…)` apply to running duties."""
        for attr, by_key in self.waiting_excuse_ways[e.type].items():
            pool = by_key.get(None if attr is None else self.p.key_reader(attr)(e))
            if not pool:
                continue
            for entry in list(pool):
                inst, way, text = entry
                if inst.status is Status.VIOLATED:  # the exception came only after the delay
                    own = f"{inst.rule.decl.name}#{inst.number}."  # (not what its own violation brought about)
                    if e.moment.at >= inst.deadline.due and not str(e.attrs.get("source", "")).startswith(own) \
                            and self.one(way.pattern, inst.bindings, e) is not None:
                        pool.remove(entry)
                        inst.because.append(Step("excuse_after_delay", {"text": text, "fact": e}))
                elif inst.status is not Status.ACTIVE:
                    pool.remove(entry)
                elif self.one(way.pattern, inst.bindings, e) is not None:
                    pool.remove(entry)
                    self.excuse(inst, text, e.moment)

    def matched(self, e: Event) -> list:
        """The rules an event sets off, with their bindings (tested, not yet applied)."""
        found = []
        for plan, trig, pos in self.p.by_type.get(e.type, ()):
            pattern = trig.pattern
            n = len(pattern.sources)
            try:
                if n == 1:  # the common cases, without the general matcher (``one``, inline)
                    b = {pattern.names[0]: e}
                    if pattern.where is None or pattern.where(Env(b, self, self.now)):
                        found.append((plan, trig, b, e.moment, e.id))
                    continue
                bs = self._pairs(pattern, _NOTHING_BOUND, pos, e) if n == 2 else \
                    list(self.matches(pattern, Env({}, self, self.now), pos, e))
            except CalendarYearUnknown as exc:  # a condition that needs an unknown calendar
                self.unknown_year(exc, plan.decl)
                continue
            found += [(plan, trig, b, e.moment, e.id) for b in bs]
        return found

    def occur(self, e: Event):
        """Something the contract or an obligation produced happened: record it, let rules see it."""
        etype = e.type
        if etype in self.p.reported_types:
            self.events.append(e)
        self.record(e)
        self._depth += 1  # a verdict setting off a verdict at one instant, call within call
        if self._depth > MAX_CASCADE:  # (duties that perform each other at one instant, for ever)
            rule = self.current_rule
            raise QiyueError([diag("too_deep.cascade", getattr(rule, "span", None), limit=MAX_CASCADE,
                                   name=getattr(rule, "name", e.type), event=e.id,
                                   clause=getattr(rule, "clause", None), hint="hint:too_deep_cascade")])
        try:
            # as for facts: the conditions it completes first (the contract taking effect above all),
            # then what it sets off, then the duties performed by a condition
            tested = etype in self.p.condition_types
            if tested and (self.pending_when or self.awaiting_effect()):
                self.reconsider_when({etype}, (e,))
            self.react(e)
        finally:
            self._depth -= 1
        if tested and (self.waiting_cond or self.waiting_excuse):
            self.reconsider_cond({etype}, (e,))

    def occur_together(self, batch: list[Event]):
        """The facts of one instant happened together: each rule sees all of them at once, so the
        order in which they were listed — or their ids — never changes a verdict.  All are recorded
        first; then the conditions that depend on them are tested (what puts the contract in force
        first); then every rule each fact sets off is found, against the state before the instant's
        effects (a join of two of them is found once, when its second is taken); then the facts
        perform the duties already running (the oldest first); then what they set off happens."""
        for e in batch:
            self.record(e)
        types = {e.type for e in batch}
        self._unprocessed = {id(e) for e in batch}
        try:
            if (self.pending_when or self.awaiting_effect()) and not types.isdisjoint(self.p.condition_types):
                self.reconsider_when(types, batch)
            found = []
            for e in batch:
                self._unprocessed.discard(id(e))
                found += self.matched(e)
        finally:
            self._unprocessed = set()
        for e in sorted(batch, key=_by_content):  # (not by id: two results of one review at one instant)
            self.perform(e)
        self.fire_found(found)
        if (self.waiting_cond or self.waiting_excuse) and not types.isdisjoint(self.p.condition_types):
            self.reconsider_cond(types, batch)

    def occur_alone(self, e: Event):
        """A fact alone at its instant: the same steps as ``occur_together``, without the bookkeeping
        that simultaneous facts need (most facts are alone)."""
        self.record(e)
        etype = e.type
        tested = etype in self.p.condition_types
        if tested and (self.pending_when or self.awaiting_effect()):
            self.reconsider_when({etype}, (e,))
        found = self.matched(e) if etype in self.p.by_type else ()
        if etype in self.waiting or etype in self.waiting_keyed or etype in self.unless_pending \
                or etype in self.waiting_breach or etype in self.waiting_excuse_ways \
                or etype in self.waiting_suspend or etype in self.waiting_resume:
            self.perform(e)
        if found:
            self.fire_found(found)
        if tested and (self.waiting_cond or self.waiting_excuse):
            self.reconsider_cond({etype}, (e,))

    def fire_found(self, found: list):
        """Fire what the facts of an instant set off.  Once a rule fired at this instant, its later
        matches are tested again against what it did (a second copy of one application)."""
        for args in found:
            plan, trig, b = args[0], args[1], args[2]
            where = trig.pattern.where
            at, fired = self._fired
            if at == self.now and id(plan) in fired and where is not None:
                try:
                    if not where(Env(b, self, self.now)):
                        continue  # what the rule already did at this instant answers it
                except CalendarYearUnknown as exc:
                    self.unknown_year(exc, plan.decl)
                    continue
            self.fire(*args)

    def last_of(self, types, batch, condition=None, b=_NOTHING_BOUND) -> Event | None:
        """The fact a condition came true with: of the instant's facts of the types it reads, the
        one without which it would not hold (the last such by id), else the last of them."""
        cands = [e for e in batch if e.type in types]
        if len(cands) > 1 and condition is not None:
            outer = self._hidden, self._hiding
            for e in reversed(cands):
                self._hidden, self._hiding = {id(e)}, (e,)
                try:
                    holds = condition(Env(b, self, self.now))
                except CalendarYearUnknown:
                    holds = True
                finally:
                    self._hidden, self._hiding = outer
                if not holds:
                    return e
        return cands[-1] if cands else None

    def reconsider(self, etype: str | None, woken: Moment | None = None):
        """Re-test `when` triggers and `fulfilled when` conditions that depend on this event type
        (all of them when a period has passed: ``woken`` is that moment)."""
        types = None if etype is None else {etype}
        batch = () if etype is None else (self.history[etype][-1],)
        if self.pending_when or self.awaiting_effect():
            self.reconsider_when(types, batch, woken)
        if self.waiting_cond or self.waiting_excuse:
            self.reconsider_cond(types, batch, woken)

    def reconsider_when(self, types, batch, woken: Moment | None = None):
        if self.awaiting_effect() and (types is None or not types.isdisjoint(
                self.p.effective_deps)) and self.try_take_effect(batch, woken):
            types = None  # conditions that held before the contract was in force: the duties arise now
        for item in list(self.pending_when):
            plan, trig = item
            if types is not None and types.isdisjoint(trig.deps):
                continue
            try:
                if not self.in_force_for(plan, self.now) or not trig.condition(Env({}, self, self.now)):
                    continue  # (before the contract is in force a condition waits for it)
            except CalendarYearUnknown as exc:
                self.unknown_year(exc, plan.decl)
                continue
            if item not in self.pending_when:  # fired meanwhile, by what an earlier one set off
                continue
            self.pending_when.remove(item)
            if trig.every is not None:  # its start is known: the periods follow by themselves
                self.start_recurrence(plan, trig)
                continue
            last = self.last_of(trig.deps, batch, trig.condition)
            if last is not None:
                self.fire(plan, trig, {}, last.moment, last.id)
            elif woken is not None and woken.at == self.now:  # a time condition came true: the instant
                self.fire(plan, trig, {}, woken, f"time:{self.q.iso(self.now)}")
            elif self.effective_by is not None and self.effective_by.moment.at == self.now:
                self.fire(plan, trig, {}, self.effective_by.moment, self.effective_by.id)
            else:
                self.fire(plan, trig, {}, woken or Moment.of(self.now), f"time:{self.q.iso(self.now)}")

    def reconsider_cond(self, types, batch, woken: Moment | None = None):
        for inst in list(self.waiting_cond):
            if inst.status in _MAY_PERFORM and (types is None or not types.isdisjoint(
                    inst.rule.fulfil_deps)):
                try:
                    holds = inst.rule.fulfil_when(Env(inst.bindings, self, self.now))
                except CalendarYearUnknown as exc:
                    self.unknown_year(exc, inst.rule.decl)
                    continue
                if holds:
                    last = self.last_of(inst.rule.fulfil_deps, batch, inst.rule.fulfil_when, inst.bindings)
                    self.fulfil(inst, last, last.moment if last else (woken or Moment.of(self.now)))
        for inst in list(self.waiting_excuse):  # an exception that comes to apply while the duty runs
            if inst.status is not Status.ACTIVE:
                self.waiting_excuse.remove(inst)
            elif types is None or not types.isdisjoint(inst.rule.excuse_deps):
                last = self.last_of(inst.rule.excuse_deps, batch)
                try:
                    if self.excused(inst, Env(inst.bindings, self, self.now),
                                    last.moment if last else (woken or Moment.of(self.now))):
                        self.waiting_excuse.remove(inst)
                except CalendarYearUnknown as exc:
                    self.unknown_year(exc, inst.rule.decl)

    # ------------------------------------------------------------------ the contract's life
    def awaiting_effect(self) -> bool:
        """The rule file says what puts the contract in force, and it has not happened yet (a file
        without `effective` is in force from its first fact and waits for nothing)."""
        return bool(self.p.effective) and self.effective is None

    def in_force_for(self, plan, at: datetime) -> bool:
        """Duties, rights and terminations arise only once the contract is in force; deemed events
        and findings describe facts, whenever they happened."""
        if not self.p.effective or type(plan) in _FACT_LIKE:
            return True
        return self.effective is not None and at >= self.effective.at

    def try_take_effect(self, batch, woken: Moment | None) -> bool:
        """`effective … { when … }`: the contract takes effect the instant its condition first holds
        (with a fact, a deemed event or a period passing)."""
        env = Env({}, self, self.now)
        for plan in self.p.effective:
            for trig in plan.triggers:
                if trig.kind == "when" and trig.condition(env):
                    last = self.last_of(trig.deps, batch, trig.condition)
                    moment = last.moment if last else (woken or Moment.of(self.now))
                    source = last.id if last else f"time:{self.q.iso(self.now)}"  # (an id, not words)
                    self.current_rule = plan.decl
                    self.take_effect(plan, moment, source, self.trigger_words(plan, trig, {}, moment, source))
                    return True
        return False

    def take_effect(self, plan: LifePlan, moment: Moment, source: str, because: list[Step]):
        self.effective = moment
        # it bears the id of the fact that completed it: "the duty arising on signing f-001"
        ev = Event(source, plan.decl.name, moment, {"source": source}, 0, None,
                   tuple(because + [Step("in_force_from", {"clause": plan.decl.clause or "", "at": moment})]))
        self.effective_by = ev
        self.occur(ev)

    def terminate(self, plan: LifePlan, b, moment: Moment, trigger_id: str | None, because: list[Step],
                  doubt: frozenset = frozenset()):
        """A fact on one ground of termination: it ends the contract when the ground's power is held."""
        d = plan.decl
        fact = next((v for v in b.values() if type(v) is Event), None)
        key = fact.id if fact is not None else trigger_id
        if doubt and self.ended is None:  # whether this ground applies at all is undetermined
            self.undetermined_termination(d, key, moment, because, doubt)
            return
        if self.ended is not None:  # the contract has already ended: a second notice changes nothing
            power = self.held_power(plan, b, moment) if moment.at == self.ended.at and d.exercises else None
            if power is not None:  # both parties used their powers at the same instant: both are spent
                power.status, power.exercised_at = "exercised", moment
            elif key not in self._done and key != self.ended_by.attrs.get("source"):
                self.findings.append(Finding(
                    "already_terminated", "info", d.clause, None, moment.at, because,
                    {"fact": key, "ended": self.ended, "ground": TypeRef(self.ended_by.type)}))
            self._done.add(key)
            return
        power = None
        if d.exercises:
            power = self.held_power(plan, b, moment)
            if power is None:
                doubt = self.p.power_sources.get(d.exercises, frozenset()) & self.undetermined
                doubt |= {r.plan.decl.name for r in self.remedies if r.plan.decl.name == d.exercises
                          and r.status == "undetermined" and r.since.at <= moment.at}
                if doubt:  # the power may well be held: it comes from verdicts not yet determined
                    self.undetermined_termination(d, key, moment, because, doubt)
                    return
                self._refused.setdefault(key, (fact, moment, []))[2].append(Step("no_power", {
                    "clause": d.clause or "", "name": TypeRef(d.name), "power": TypeRef(d.exercises), "at": moment,
                    "holder": plan.held_by(Env(b, self, self.now)) if plan.held_by else None}))
                return
            power.status, power.exercised_at = "exercised", moment
        self._done.add(key)
        self.ended = moment
        words = because + ([Step("exercises", {"power": TypeRef(d.exercises), "clause": power.plan.decl.clause,
                                               "since": power.since})] if power else [])
        ev = Event(f"{d.name}:{trigger_id}", d.name, moment, {**(fact.attrs if fact else {}), "source": trigger_id},
                   0, None, tuple(words + [Step("contract_ends", {"at": moment})]))
        self.ended_by = ev
        self.push(moment.at, PHASE_END, "end", ev)
        self.occur(ev)

    def undetermined_termination(self, d, key, moment: Moment, because, doubt):
        self._done.add(key)
        self.findings.append(Finding(
            "termination_undetermined", "warning", d.clause, None, moment.at, because,
            {"fact": key, "doubts": refs(doubt)}))

    def held_power(self, plan: LifePlan, b, moment: Moment) -> "Remedy | None":
        """The power to terminate a ground uses, held (by the party who must hold it) at ``moment``."""
        d = plan.decl
        holder = plan.held_by(Env(b, self, self.now)) if plan.held_by else None
        return next((r for r in self.remedies if r.plan.decl.name == d.exercises and r.status == "held"
                     and r.since.at <= moment.at and (holder is None or r.holder == holder)), None)

    def defer(self, at: datetime) -> list:
        """The notices of termination of one instant, decided together in the phase before the end."""
        items = self._deferred.get(at)
        if items is None:
            items = self._deferred[at] = []
            self.push(at, PHASE_DECIDE, "decide", at)
        return items

    def decide(self, at: datetime):
        """Decide the notices of termination of one instant: the grounds that use a power first, then
        the others, each in file order, and by fact id — never by the order they were listed. A
        notice that a ground took but whose power was not held has no effect, and the report says
        so (unless another ground ended the contract with it)."""
        items = sorted(self._deferred.pop(at, ()), key=lambda x: (self.p.rank[id(x[0])], x[3] or ""))
        for args in items:
            self.terminate(*args)
        for key, (fact, moment, reasons) in self._refused.items():
            if key in self._done:
                continue
            self.findings.append(Finding(
                "termination_without_right", "warning", reasons[0].args.get("clause") or None if reasons else None,
                None, moment.at, reasons, {"fact": key}))
        self._refused = {}

    def on_end(self, ev: Event):
        """From the end, duties not yet performed are discharged (民法典第566条); what survives stays;
        powers to terminate not used lapse."""
        why = Step("discharged", {"at": ev.moment, "ground": TypeRef(ev.type), "source": ev.attrs.get("source")})
        for insts in self.instances.values():
            for inst in insts:
                if inst.status is not Status.ACTIVE and inst.status is not Status.SUSPENDED:
                    continue
                if inst.rule.decl.survives:
                    self.reset_end(inst)
                    continue
                inst.move(Status.DISCHARGED)
                inst.because.append(why)
        for r in self.remedies:
            if r.status == "held" and r.plan.decl.name in self.p.powers:
                r.status = "lapsed"
                r.because.append(Step("lapsed", {"at": ev.moment, "ground": TypeRef(ev.type)}))

    def reset_end(self, inst: Instance):
        """A continuing duty that survives the end: its end may be counted from the end itself."""
        if inst.rule.until is None or inst.deadline is None:
            return
        end = to_moment(inst.rule.until(Env(inst.bindings, self, self.now)))
        if end is None or end.at == inst.deadline.due:
            return
        inst.deadline = Deadline(inst.deadline.start, inst.deadline.period, Counting.TERM, end.day, end.at,
                                 (Step("duty_until_recounted", {"until": end}),))
        inst.because.extend(inst.deadline.steps)
        self.push(max(end.at, self.now), PHASE_DEADLINE, "due", inst)

    def mark_undetermined(self, inst: Instance):
        inst.move(Status.UNDETERMINED)
        self.undetermined.add(inst.rule.decl.name)

    def unknown_year(self, exc: CalendarYearUnknown, rule=None):
        """Say once per year that a calendar is missing; the rest of the report stands."""
        if exc.year in self._unknown_years:
            return
        self._unknown_years.add(exc.year)
        needed = [Step("first_needed_by", {
            "name": TypeRef(getattr(rule, "name", "")),
            "span": str(getattr(getattr(rule, "deadline", None), "span", None) or rule.span)})] if rule is not None else []
        self.findings.append(Finding(
            "calendar_year_unknown", "warning", getattr(rule, "clause", None), None, None,
            [exc.step(), *needed, Step("add_calendar_file", {"year": exc.year})], {"year": exc.year}))

    # ------------------------------------------------------------------ rules firing
    def fire(self, plan, trig: TriggerPlan, b: dict, moment: Moment, trigger_id: str | None):
        self.current_rule = plan.decl
        eff = self.effective  # nothing binds before the contract is in force (deemed events, findings aside)
        if self.p.effective and (eff is None or moment.at < eff.at) and type(plan) not in _FACT_LIKE:
            if type(plan) is LifePlan:
                fact = next((v for v in b.values() if type(v) is Event), None)
                self.findings.append(Finding(
                    "termination_before_effective", "warning", plan.decl.clause, None, moment.at,
                    [Step("notice_at", {"name": TypeRef(plan.decl.name), "fact": fact})] if fact else [],
                    {"fact": trigger_id}))
            return
        outer = self._doubt
        if self.undetermined:
            doubt = trig.doubts & self.undetermined
            for v in b.values():  # an event deemed on an undetermined verdict carries that doubt
                if type(v) is Event and "__doubt__" in v.attrs:
                    doubt |= v.attrs["__doubt__"]
            self._doubt = doubt
        elif outer:
            self._doubt = _NO_DOUBT
        try:
            if trig.unless is not None:
                self.arm_unless(plan, trig, b, moment, trigger_id)
            elif not plan.once or self.first_time(plan, b):
                self.apply(plan, b, moment, trigger_id, self.trigger_words(plan, trig, b, moment, trigger_id))
        except CalendarYearUnknown as exc:  # only this rule's verdict needs the unknown calendar
            self.unknown_year(exc, plan.decl)
        finally:
            self._doubt = outer  # (fire recurses through the events a rule produces)

    def apply(self, plan, b: dict, moment: Moment, trigger_id: str | None, because: list[Step]):
        """A rule's trigger has matched (the first time, for a `once` rule): start the obligation,
        grant the remedy, deem the event or record the finding."""
        if type(plan) is LifePlan:  # decided with every other notice of that instant
            self.defer(moment.at).append((plan, b, moment, trigger_id, because, self._doubt))
            return
        if self.ended is not None and moment.at > self.ended.at and type(plan) is not FindingPlan \
                and not plan.decl.survives:
            return  # after the end nothing new arises but what the contract keeps alive
        if self._fired[0] != self.now:
            self._fired = (self.now, {id(plan)})
        else:
            self._fired[1].add(id(plan))
        once = plan.once
        if once and once[0] and type(b.get(once[0])) is Event:
            trigger_id = b[once[0]].id  # one instance per that event: it names the instance
        getattr(self, self._effects[type(plan).__name__])(plan, b, moment, trigger_id, because)

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

    def start_fixed_recurrences(self, first: datetime):
        """A recurring duty whose start reads no fact (a date, a period counted from one) waits for
        nothing: it starts with the first instant of the run (or with the contract, if later)."""
        self.now = first
        for item in [x for x in self.pending_when if x[1].kind == "every" and not x[1].deps]:
            plan, trig = item
            if self.in_force_for(plan, self.now):
                self.pending_when.remove(item)
                self.start_recurrence(plan, trig)

    def start_recurrence(self, plan, trig: TriggerPlan):
        """The first period of an `every` duty: the one its start falls in (cut to the start)."""
        unit, alias, start_fn, until_fn = trig.every
        start = to_moment(start_fn(Env({}, self, self.now)))
        if start is None:
            return
        first = timecalc.period_start(unit, start.day)
        self.push(max(start.at, self.now), PHASE_BEGIN, "recur", (plan, trig, start, first))

    def next_period(self, plan, trig: TriggerPlan, start: Moment, first_day: date):
        """A period begins: its duty arises (the period cut to the series' start and end), and the
        next period is scheduled — the end read again each time, for it may become known later."""
        unit, alias, start_fn, until_fn = trig.every
        if self.ended is not None:  # no period begins once the contract has ended (第566条)
            return
        until = end_moment(until_fn(Env({}, self, self.now))) if until_fn else None
        begin = max(start, Moment.start_of_day(first_day), key=lambda x: x.at)
        if until is not None and begin.at >= until.at:
            return
        last_day = timecalc.period_end(unit, first_day)
        end = Moment.end_of_day(last_day)
        if until is not None and until.at < end.at:
            end = until
        label = timecalc.period_label(unit, first_day)
        if begin.at < end.at:  # (a start at 24:00 of a month's last day begins the next month, not this one)
            period = PeriodValue(begin, end, end.day if end.is_end_of_day() else None, label)
            duties = self.instances[plan.decl.name]
            known = len(duties)
            self.fire(plan, trig, {alias: period}, begin, label)
            self.open_periods = [x for x in self.open_periods if x[1] is not trig]
            if trig.every[3] is not None and (until is None or until.at > end.at):  # (its end may still cut it)
                self.open_periods.append((plan, trig, period, duties[known:]))
        # the next period begins after what happens at its first instant (facts, the contract's end)
        self.push(Moment.start_of_day(last_day + timedelta(days=1)).at, PHASE_BEGIN, "recur",
                  (plan, trig, start, last_day + timedelta(days=1)))

    def trigger_words(self, plan, trig, b, moment, trigger_id) -> list[str]:
        clause = plan.decl.clause
        if trig.kind == "every":
            period = b[trig.every[1]]
            return [Step("period_began", {"clause": clause, "label": period.label, "start": period.start,
                                          "end": period.end})]
        if trig.kind == "when":
            env = Env({}, self, self.now)
            return [Step("conditions_held", {"clause": clause, "at": moment, "last": trigger_id})] + \
                [Step("condition", {"text": text, "why": explain(env)}, 1) for text, explain, _ in trig.parts]
        return [_new_step(("triggered_by", {"clause": clause, "facts": [ev for ev in b.values() if type(ev) is Event]},
                           0))]

    def start_obligation(self, plan: ObligationPlan, b, moment, trigger_id, because):
        instances = self.instances[plan.decl.name]
        inst = Instance(plan, len(instances) + 1, b, trigger_id, moment, because)
        instances.append(inst)
        env = Env(b, self, self.now)
        if plan.debtor:
            inst.debtor = plan.debtor(env)
        if plan.creditor:
            inst.creditor = plan.creditor(env)
        if self._doubt:  # whether it arose at all depends on verdicts not yet determined
            self.mark_undetermined(inst)
            inst.because.append(Step("undetermined_by_doubt", {"doubts": refs(self._doubt)}))
            return
        if plan.excuses and self.excused(inst, env, moment, announce_trigger=True):
            return
        if plan.until is not None:
            self.start_duty(inst, plan, env, moment)
            return
        if plan.by is not None:
            if not self.set_due_by(inst, plan, env):
                return
            self.await_performance(inst, plan, env, moment)
            return
        anchor = to_moment(plan.anchor(env)) if plan.anchor else moment
        try:
            if plan.before:
                inst.deadline = count_back(anchor, plan.duration(env), self.p.calendar)
            else:
                inst.deadline = self.count(anchor, plan.duration(env), plan.counting)
        except CalendarYearUnknown as exc:
            self.unknown_year(exc, plan.decl)
            if plan.before:
                self.mark_undetermined(inst)
                inst.because.append(Step("undetermined_calendar", {"why": exc.step()}))
                return
            # what is known: the earliest the period can end; an act before it is in time
            inst.deadline = earliest_end(anchor, plan.duration(env), exc.year, self.p.calendar)
        d = inst.deadline
        if plan.before:
            inst.because.append(Step("deadline_before", {"period": d.period, "anchor": anchor}))
        else:
            term, assumption, reason = plan.from_args
            inst.because.append(_new_step(("deadline_from", {
                "period": d.period, "anchor": anchor, "term": term, "assumption": assumption, "reason": reason}, 0)))
        inst.because.extend(d.steps)
        self.await_performance(inst, plan, env, moment)

    def set_due_by(self, inst: Instance, plan: ObligationPlan, env) -> bool:
        """`due by MOMENT`: the deadline is that instant — the end (24:00) of a day the contract names
        (次月第5个工作日) is the first late instant, as a period of days; a moment within a day is itself
        still in time (as a period of hours, 民法典第1259条).  Unknown (a year no calendar knows, a
        moment not yet known): undetermined."""
        try:
            end = end_moment(plan.by(env))
        except CalendarYearUnknown as exc:
            self.unknown_year(exc, plan.decl)
            try:  # the earliest it can be: an act before it is in time whatever that calendar says
                earliest = end_moment(plan.by_earliest(env)) if plan.by_earliest else None
            except CalendarYearUnknown:
                earliest = None
            if earliest is None or earliest.at < inst.triggered.at:
                self.mark_undetermined(inst)
                inst.because.append(Step("undetermined_calendar", {"why": exc.step()}))
                return False
            how = Step("calendar_unknown_earliest", {"year": exc.year, "how": "working_days",
                                                     "last": earliest.day})
            inst.deadline = deadline_at(earliest, inst.triggered, Period(0, Unit.DAYS), Counting.TERM, (how,),
                                        provisional=exc.year)
            inst.because.extend(inst.deadline.steps)
            return True
        if end is None:
            self.mark_undetermined(inst)
            inst.because.append(Step("due_by_unknown", {"text": plan.by_text}))
            return False
        day_end = end.is_end_of_day()
        said = Step("due_by", {"text": plan.by_text, "due": end, "day_end": day_end})
        if end.at < inst.triggered.at:  # nothing can be late before it exists: due the instant it arises
            before = Step("due_before_trigger", {"due": end, "at": inst.triggered})
            inst.deadline = Deadline(inst.triggered, Period(0, Unit.DAYS), Counting.TERM, None, inst.triggered.at,
                                     (said, before))
            self.findings.append(Finding("due_before_trigger", "warning", plan.decl.clause, None, inst.triggered.at,
                                         [said, before], {"name": TypeRef(plan.decl.name), "trigger": inst.trigger_id,
                                                          "due": end, "at": inst.triggered}))
        else:
            inst.deadline = deadline_at(end, inst.triggered, Period(0, Unit.DAYS), Counting.TERM, (said,))
        inst.because.extend(inst.deadline.steps)
        return True

    def await_performance(self, inst: Instance, plan: ObligationPlan, env, moment: Moment):
        """A duty with its deadline set: running, performed by what already happened or waiting for it."""
        inst.move(Status.ACTIVE)
        if "triggered" in plan.announced:
            self.lifecycle(inst, "triggered", moment)
        ways = plan.ways
        if ways:
            keys = []  # (each way's key, computed once: its candidates and its place in the waiting)
            index = self.index
            for way in ways:
                if way.key:
                    k = way.key[1](env)
                    keys.append(k)
                    if not index[way.slot].get(k):
                        continue  # no fact of that key yet: nothing performs it already
                cand = self.performed_already(inst, way, env)
                if cand is not None:
                    self.fulfil(inst, cand, cand.moment, earlier=cand.moment.at < self.now, way=way)
                    return
            keys = iter(keys)
            for way in ways:
                if way.key:
                    by_attr = self.waiting_keyed.get(way.type)
                    if by_attr is None:
                        by_attr = self.waiting_keyed[way.type] = {}
                    by_key = by_attr.get(way.key[0])
                    if by_key is None:
                        by_key = by_attr[way.key[0]] = {}
                    k = next(keys)
                    waiting = by_key.get(k)
                    if waiting is None:
                        by_key[k] = [(inst, way)]
                    else:
                        waiting.append((inst, way))
                else:
                    waiting = self.waiting.get(way.type)
                    if waiting is None:
                        self.waiting[way.type] = [(inst, way)]
                    else:
                        waiting.append((inst, way))
        if plan.fulfil_when is not None:
            if plan.fulfil_when(env):
                self.fulfil(inst, None, moment)
                return
            self.waiting_cond.append(inst)
        if plan.excuse_deps:
            self.waiting_excuse.append(inst)
        for way, text in plan.excuse_ways:
            attr, key = (way.key[0], way.key[1](env)) if way.key else (None, None)
            self.waiting_excuse_ways.setdefault(way.type, {}).setdefault(attr, {}).setdefault(key, []).append(
                (inst, way, text))
        d = inst.deadline
        due = d.due
        self.push(self.now if self.now > due else due, PHASE_LATE if d.last_day is None else PHASE_DEADLINE,
                  "due", inst)
        if plan.suspensions:
            for k, (start, _) in enumerate(plan.suspensions):
                self.waiting_suspend.setdefault(start.sources[0][0], []).append((inst, k))
        if plan.extensions:
            for k, (pattern, _, _) in enumerate(plan.extensions):
                self.waiting_suspend.setdefault(pattern.sources[0][0], []).append((inst, -1 - k))

    def performed_already(self, inst: Instance, way: Way, env) -> Event | None:
        """A fact that performs a new duty as it arises: one of the same instant (simultaneous with
        the trigger), or with `counting earlier` one from before it — the oldest that fits."""
        used = self.consumed.get(inst.rule.decl.name, ()) if way.exclusive else ()
        best = None
        if used and way.earlier and way.since is None:  # (every earlier fact: those that performed one
            pool = self._earlier_pool(way, env)  # already, at the pool's start, passed over at once)
            key = (inst.rule.decl.name, id(pool))
            i = self._passed.get(key, 0)
            while i < len(pool) and pool[i].id in used:
                i += 1
            self._passed[key] = i
            cands = pool[i:]
        else:
            cands = self.candidates_for(way, env, everything=way.earlier)
        for cand in cands:
            if best is not None and cand.moment.at != best.moment.at:
                break  # (the pool is in time order)
            if cand.id not in used and self.one(way.pattern, inst.bindings, cand) is not None:
                if best is None or _by_content(cand) < _by_content(best):
                    best = cand  # of several of one instant: by what they say, not by id
        return best

    def excused(self, inst: Instance, env, moment: Moment, announce_trigger: bool = False) -> bool:
        """Apply the first exception of the clause that holds; True when the obligation is excused."""
        for cond, text in inst.rule.excuses:
            if cond(env):
                self.excuse(inst, text, moment, announce_trigger)
                return True
        return False

    def excuse(self, inst: Instance, text: str, moment: Moment, announce_trigger: bool = False):
        inst.move(Status.EXCUSED)
        inst.because.append(Step("excused", {"text": text}))
        if announce_trigger:
            self.lifecycle(inst, "triggered", moment)
        self.lifecycle(inst, "excused", moment)

    def start_duty(self, inst: Instance, plan: ObligationPlan, env, moment: Moment):
        """A continuing duty (confidentiality): active until its end, breached by a matching event."""
        end = to_moment(plan.until(env))
        if plan.decl.deadline.forever:
            inst.because.append(_DUTY_WITHOUT_END)
        elif end is None:
            inst.because.append(_DUTY_END_OPEN)
        else:
            inst.deadline = Deadline(moment, Period(0, Unit.DAYS), Counting.TERM, end.day, end.at,
                                     (Step("duty_until", {"until": end}),))
            inst.because.extend(inst.deadline.steps)
            self.push(max(end.at, self.now), PHASE_DEADLINE, "due", inst)
        inst.move(Status.ACTIVE)
        self.lifecycle(inst, "triggered", moment)
        if plan.violated_by is not None:
            self.waiting_breach.setdefault(plan.violated_by.sources[0][0], []).append(inst)
            for cand in self.candidates_for(Way(plan.violated_by, None, False, None, False), env, everything=False):
                if self.breach(inst, cand):  # a breach at the very instant the duty arose
                    self.waiting_breach[plan.violated_by.sources[0][0]].remove(inst)
                    break

    def try_breach(self, e: Event):
        pool = self.waiting_breach[e.type]
        for inst in list(pool):
            if inst.status is not Status.ACTIVE:
                pool.remove(inst)
                continue
            if self.breach(inst, e):
                pool.remove(inst)

    def breach(self, inst: Instance, e: Event) -> bool:
        if self.one(inst.rule.violated_by, inst.bindings, e) is None:
            return False
        inst.move(Status.VIOLATED)
        inst.because.append(Step("breached_by", {"fact": e}))
        self.lifecycle(inst, "violated", e.moment)
        return True

    def candidates_for(self, way: Way, env: Env, everything: bool) -> list[Event]:
        """Facts already seen that could perform a new duty, oldest first: with `counting earlier`
        all of them (from `since` on, if given), else only those of the current instant."""
        if everything:
            pool = self._earlier_pool(way, env)
        elif way.key:
            attr, fn = way.key
            pool = self.index[(way.type, attr)].get(fn(env), ())
        else:
            pool = self.history.get(way.type, ())
        if not pool:
            return []
        if not everything:
            since = self.now
            if pool[-1].moment.at < since and way.type not in self._bare_types:
                return []  # nothing of this instant (the usual case)
        elif way.since is not None:
            start = to_moment(way.since(env))
            if start is None:
                return list(pool)
            since = start.at
        else:
            return list(pool)
        # the pool is in processing order, which is time order; a fact given by its day alone
        # happened some time that day: it is not "before" anything else of that day
        if way.type not in self._bare_types:
            return pool[first_at_or_after(pool, since):]
        local = since.astimezone(CONTRACT_TZ)
        day_start = local.replace(hour=0, minute=0, second=0, microsecond=0)
        return [c for c in pool[first_at_or_after(pool, day_start):] if c.moment.at >= since or c.bare]

    def _earlier_pool(self, way: Way, env: Env) -> list:
        """The facts of ``way``'s kind seen so far that could perform a duty `counting earlier`, in the
        order they came: those its key names, or those that pass its parts on the fact alone — the
        shorter list (both hold every fact the whole where-clause can take)."""
        pool = self.kept(way.prefilter) if way.prefilter is not None else None
        if way.key:
            attr, fn = way.key
            keyed = self.index[(way.type, attr)].get(fn(env), ())
            if pool is None or len(keyed) < len(pool):
                pool = keyed
        return self.history.get(way.type, ()) if pool is None else pool

    def try_fulfil(self, e: Event):
        pools = []
        if e.type in self.waiting:
            pools.append(self.waiting[e.type])
        for attr, by_key in self.waiting_keyed.get(e.type, {}).items():
            v = self.p.key_reader(attr)(e)
            if v in by_key:
                pools.append(by_key[v])
        for pool in pools:
            for entry in list(pool):
                inst, way = entry
                if inst.fulfilled is not None or inst.status not in _MAY_PERFORM:
                    pool.remove(entry)
                    continue
                if way.exclusive and e.id in self.consumed.get(inst.rule.decl.name, ()):
                    continue  # this fact already performed another duty of the clause
                if self.one(way.pattern, inst.bindings, e) is not None:
                    pool.remove(entry)
                    self.fulfil(inst, e, e.moment, way=way)

    def fulfil(self, inst: Instance, e: Event | None, moment: Moment, earlier: bool = False, way: Way | None = None):
        name = inst.rule.decl.name
        d = inst.deadline
        if e is not None and e.bare and d.inclusive and inst.status is Status.ACTIVE and \
                moment.day >= Moment.of(d.due).day and not d.provisional:
            # an hours period ending on the day the fact gives by its day alone: it cannot be told
            # whether the act came within the hours
            self.mark_undetermined(inst)
            inst.fulfilled, inst.fulfilled_by = moment, e.id
            if way is not None and way.exclusive:
                self.consumed.setdefault(name, set()).add(e.id)
            inst.because.append(Step("undetermined_bare_day", {"fact": e, "due": d.end()}))
            return
        if inst.status is Status.ACTIVE and d.is_late(moment.at):
            self.on_due(inst)  # performed, but only after its period ended
            if inst.status is Status.EXCUSED:
                return
        if e is not None and way is not None and way.exclusive:
            consumed = self.consumed.get(name)
            if consumed is None:
                self.consumed[name] = {e.id}
            else:
                consumed.add(e.id)
        if inst in self.waiting_cond:
            self.waiting_cond.remove(inst)
        if inst.fulfilled is not None:
            return
        inst.fulfilled, inst.fulfilled_by = moment, e.id if e else None
        if inst.status is Status.UNDETERMINED:
            inst.because.append(Step("performed_calendar_unknown", {"fact": e or moment, "year": d.provisional}))
            return
        if inst.status is Status.VIOLATED:
            inst.because.append(Step("performed_late", {"fact": e, "due": d.end()}) if e else
                                Step("performed_late_by_condition", {"at": moment, "due": d.end()}))
            return
        inst.move(Status.FULFILLED)
        inst.because.append(
            Step("fulfilled", {"fact": e, "due": d.end(), "inclusive": d.inclusive, "earlier": earlier}) if e else
            Step("fulfilled_by_condition", {"at": moment, "due": d.end(), "inclusive": d.inclusive,
                                            "condition": inst.rule.fulfil_text, "why": self.fulfil_why(inst)}))
        self.lifecycle(inst, "fulfilled", moment, by=e)

    def on_due(self, inst: Instance, after_events: bool = False):
        """A duty's deadline has passed: kept (continuing), excused, undetermined, or violated.  A duty
        with an exception is decided only after the events deemed for this same instant (an
        acceptance deemed at the 24:00 its 30 days end excuses the duty to organize one)."""
        if inst.status is not Status.ACTIVE:
            return
        d = inst.deadline
        if d is None or self.now < d.due:
            return  # (the deadline it was scheduled for moved on since: a pause, an agreement, a recount)
        rule = inst.rule
        if rule.until is not None:  # a continuing duty kept to its end
            inst.move(Status.FULFILLED)
            inst.fulfilled = inst.deadline.end()
            inst.because.append(Step("kept_until_end", {"due": inst.deadline.end()}))
            self.lifecycle(inst, "fulfilled", inst.deadline.end())
            return
        if rule.excuses:
            if self.excused(inst, Env(inst.bindings, self, self.now), d.end()):
                return
            if not after_events and self.phase == PHASE_DEADLINE:
                self.push(self.now, PHASE_EVENT, "due_after_events", inst)
                return
            for _, text in rule.excuses:  # considered, and why it does not help
                inst.because.append(Step("not_excused", {"text": text, "at": Moment.of(self.now)}))
        if self.unknown_times and inst.rule.ways:
            for way in inst.rule.ways:
                if way.key:  # looked up by the way's key (a reference, as a fulfilment is)
                    attr, fn = way.key
                    pool = self.unknown_times.get((way.type, attr), {}).get(fn(Env(inst.bindings, self, self.now)), ())
                else:
                    pool = self.unknown_times.get((way.type, None), {}).get(None, ())
                for e in pool:
                    if e.moment.at < inst.deadline.due and self.one(way.pattern, inst.bindings, e) is not None:
                        self.mark_undetermined(inst)
                        inst.because.append(Step("undetermined_unknown_time", {"source": e.attrs.get("source"),
                                                                               "type": TypeRef(way.type)}))
                        return
        if inst.deadline.provisional:  # not performed by the earliest possible end: only the calendar can tell
            self.mark_undetermined(inst)
            inst.because.append(Step("undetermined_provisional", {"due": inst.deadline.end(),
                                                                  "year": inst.deadline.provisional}))
            return
        inst.move(Status.VIOLATED)
        if rule.ways:
            self.say_what_was_not_taken(inst)
        ways = rule.way_refs
        end = d.end()
        inst.because.append(_new_step(("violated", {"type": ways[0] if ways else None,
                                                    "or_types": list(ways) if len(ways) > 1 else None,
                                                    "due": end, "inclusive": d.last_day is None,
                                                    "condition": None if ways else rule.fulfil_text,
                                                    "why": None if ways else self.fulfil_why(inst)}, 0)))
        if "violated" in rule.announced:
            self.lifecycle(inst, "violated", end)

    def say_what_was_not_taken(self, inst: Instance, most: int = 3):
        """The facts of a kind that performs a duty, seen between its trigger and its due instant, that
        did not perform it — and why: already used for another duty of the clause (`exclusively`), or
        not the fact the clause asks for (another reference, another amount…). The latest few only."""
        start, due = inst.triggered.at, inst.deadline.due
        for way in inst.rule.ways:
            pool = self.history.get(way.type)
            if not pool:
                continue
            hi = first_at_or_after(pool, due)
            if not hi:
                continue
            lo = first_at_or_after(pool, start)
            used = self.consumed.get(inst.rule.decl.name, ()) if way.exclusive else ()
            for cand in pool[max(lo, hi - most):hi]:
                if cand.id in used:
                    inst.because.append(Step("not_taken_used", {"fact": cand}))
                elif self.one(way.pattern, inst.bindings, cand) is None:
                    inst.because.append(Step("not_taken_mismatch", {"fact": cand, "type": TypeRef(way.type),
                                                                    "unmet": self.first_unmet(way, inst, cand)}))

    def fulfil_why(self, inst: Instance) -> Step | None:
        """What a `fulfilled when` condition stands on now (the payments it counts, their sum)."""
        why = inst.rule.fulfil_why
        if why is None:
            return None
        try:
            return why(Env(inst.bindings, self, self.now))
        except CalendarYearUnknown:
            return None

    def first_unmet(self, way: Way, inst: Instance, cand: Event) -> str | None:
        """The first part of a fulfilment's where-clause a fact fails, as the rule writes it."""
        b = dict(inst.bindings)
        b[way.pattern.names[0]] = cand
        env = Env(b, self, self.now)
        for text, test in way.parts:
            try:
                if not test(env):
                    return text
            except CalendarYearUnknown:
                return text
        return None

    def lifecycle(self, inst: Instance, phase: str, moment: Moment, by: Event | None = None):
        """Announce a stage of an obligation as an event other rules can react to."""
        if phase not in inst.rule.announced:  # (no rule reads that stage)
            return
        etype = inst.rule.stages[phase]
        attrs = dict(inst.bindings)
        attrs.update(due=inst.deadline.due if inst.deadline else None, triggered_at=inst.triggered.at,
                     trigger=inst.trigger_id, debtor=inst.debtor, creditor=inst.creditor, by=by,
                     fulfilled_at=inst.fulfilled.at if inst.fulfilled else None, __instance__=inst)
        because = tuple(inst.because)
        self.occur(Event(f"{inst.rule.decl.name}#{inst.number}.{phase}", etype, moment, attrs, because=because))

    def grant_remedy(self, plan: RemedyPlan, b, moment, trigger_id, because):
        env = Env(b, self, self.now)
        amount = plan.amount(env) if plan.amount else None
        if isinstance(amount, Decimal) and amount < 0:  # (a computation the facts drove below zero: said, not hidden)
            self.findings.append(Finding("negative_amount", "warning", plan.decl.clause, None, moment.at, [],
                                         {"name": TypeRef(plan.decl.name), "trigger": trigger_id, "amount": amount}))
        if plan.terms and amount is not None:  # how the amount was computed: the values it read
            because = because + [Step("computed", {
                "what": "amount", "text": plan.amount_text,
                "terms": [{"text": t, "value": Quantity(fn(env), _kind(kind))} for t, kind, fn in plan.terms],
                "value": Quantity(amount, _kind(plan.amount_kind)),
                "per_day": plan.decl.per_day, "assumption": plan.per_day_by})]
        elif plan.base is not None and amount is not None:  # how the amount was computed
            base = plan.base(env)
            because = because + [Step("amount", {"formula": plan.decl.amount.text, "base": money(base),
                                                 "amount": money(amount), "per_day": plan.decl.per_day,
                                                 "assumption": plan.per_day_by})]
        instance = None
        for ev in b.values():
            if isinstance(ev, Event) and ev.because:
                because = because + nested(ev.because)
            if isinstance(ev, Event) and "__instance__" in ev.attrs:
                instance = ev.attrs["__instance__"]
        status = "held"
        if self._doubt:
            status = "undetermined"
            because = because + [Step("remedy_doubt", {"doubts": refs(self._doubt)})]
        for holder in plan.holders:
            r = Remedy(plan, holder(env), moment, amount, trigger_id, because, instance, status)
            self.remedies.append(r)
            if plan.decl.recomputed and plan.decl.per_day and amount is not None:
                r.bindings, r.changes = b, [(moment, amount)]
                for t in plan.reads:
                    self.recomputing.setdefault(t, []).append(r)

    def deem(self, plan: DeemedPlan, b, moment, trigger_id, because: list[Step]):
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
                if self._doubt:
                    attrs["__doubt__"] = self._doubt
                    because.append(Step("deemed_rests_on_doubt", {"doubts": refs(self._doubt)}))
                if said:
                    because.append(said)
                because.append(Step("deemed_at", {"at": at}))
                if first is not None and first.because:
                    because += nested(first.because)
                name = plan.decl.name
                bare = first is not None and first.bare and at is first.moment
                self.push(at.at, PHASE_EVENT, "derived", Event(f"{name}:{trigger_id}", name, at, attrs, 0, None,
                                                               tuple(because), bare))
                return
        o = plan.decl.otherwise
        if o is not None:
            self.findings.append(Finding(o.code, o.severity, plan.decl.clause, o.message, moment.at,
                                         because + [Step("no_case", {"name": TypeRef(plan.decl.name), "fact": trigger_id})]))
            # it happened (a notice was sent) but when the contract deems it is not fixed: a duty it
            # might perform is then undetermined, not violated
            first = next((v for v in b.values() if type(v) is Event), None)
            if first is not None:
                attrs = {k: v for k, v in first.attrs.items() if k != "__instance__"}
                attrs["source"] = trigger_id
                name = plan.decl.name
                e = Event(f"{name}:{trigger_id}", name, moment, attrs, 0, None, tuple(because))
                for attr in self.p.way_keys.get(name, (None,)):  # kept under each key a duty looks it up by
                    key = None if attr is None else self.p.key_reader(attr)(e)
                    self.unknown_times.setdefault((name, attr), {}).setdefault(key, []).append(e)

    # ------------------------------------------------------------------ unless … within …
    def arm_unless(self, plan, trig: TriggerPlan, b, moment, trigger_id):
        env = Env(b, self, self.now)
        try:
            d = self.count(moment, trig.unless_duration(env), trig.unless_counting)
        except CalendarYearUnknown as exc:
            self.unknown_year(exc, plan.decl)
            return
        utype = trig.unless.sources[0][0]
        # what cancels it may have happened at the very same instant (simultaneous facts), or on
        # this day when it gives its day alone
        for cand in self.candidates_for(trig.unless_way, env, everything=False):
            if self.one(trig.unless, b, cand) is not None:
                return
        attr, key = (trig.unless_key[0], trig.unless_key[1](env)) if trig.unless_key else (None, None)
        # it waits under its key (kept as a key, not the list: no reference cycle)
        pending = Pending(plan, trig, b, moment, trigger_id, d, (utype, attr, key), False, self._doubt)
        self.unless_pending.setdefault(utype, {}).setdefault(attr, {}).setdefault(key, []).append(pending)
        self.push(d.due, _phase_of(d), "unless", pending)

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
            Step("unless_expired", {"text": trig.unless_text, "period": d.period,
                                    "assumption": trig.unless_assumption[0] if trig.unless_assumption else None,
                                    "reason": trig.unless_assumption[1] if trig.unless_assumption else None,
                                    "term": d.counting is Counting.TERM, "due": d.end()})] + list(d.steps)
        if self.first_time(p.plan, p.b):
            outer, self._doubt = self._doubt, p.doubt
            try:
                self.apply(p.plan, p.b, d.end(), p.trigger, because)
            finally:
                self._doubt = outer
