"""Checked expressions → Python closures, built once per rule file (no eval/exec).

Each closure takes an ``Env`` (the aliases bound so far, the evaluation state and the
current instant) and returns a value: Decimal for money and numbers, ``date``,
``Moment`` for instants, ``Event`` for bound facts, ``None`` when a value is unknown.
Unknown propagates: a comparison with an unknown side is false.
"""
from __future__ import annotations

import bisect
import operator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Callable

from ..lang import model as m
from ..time import timecalc
from ..lang.amounts import shown
from ..lang.checker import BUILTIN_NAMES, BUILTINS, CALENDAR_DAYS, CALENDAR_PLACES, LIFECYCLE, Checked, Checker
from ..lang.checker import _children as _model_children
from ..lang.numbers import OPS, apply, rounded
from ..diagnostics import QiyueError, diag
from .steps import Step
from ..time.timecalc import Counting, Moment, Period, Unit, add_months, add_working_days, longest_run, period_index, period_of


@dataclass(slots=True)
class Event:
    """One thing that happened: a fact from the stream, a deemed event, or a stage of an obligation."""

    id: str
    type: str
    moment: Moment
    attrs: dict
    seq: int = 0
    line: int | None = None  # line in the fact file, for facts
    because: tuple[Step, ...] = ()  # why it happened (a derived event)
    bare: bool = False  # given by its day alone ("2026-04-10"): it happened some time that day


@dataclass(slots=True)
class PeriodValue:
    start: Moment
    end: Moment
    last_day: date | None
    label: str | None = None  # a calendar period of a recurring duty: "2026-03", "2026-Q1", "2026", "2026-W10"


class Env:
    """What an expression sees: bound aliases, the evaluation state, the current instant."""

    __slots__ = ("b", "st", "now", "memo")

    def __init__(self, b: dict, st, now: datetime):
        self.b, self.st, self.now = b, st, now
        self.memo = None  # (parameters read from the facts, worked out once for this reading: ``Compiler.name``)


Fn = Callable[[Env], Any]


def end_moment(v) -> Moment | None:
    """A moment that ends something — a deadline, a period: a date means the whole of that day, up to
    its 24:00 (“最迟于3月20日” includes 20 March; 民法典第1259条) — and so does an instant known by its day
    alone (a datetime a fact gave as "2026-02-10": that day, its hour unknown — never its 00:00, which would call an
    act later that day late: the fuzzer, round 11); anything else as to_moment."""
    if isinstance(v, date) and not isinstance(v, datetime):
        return Moment.end_of_day(v)
    if type(v) is DayOnly:
        return Moment.end_of_day(v.day)
    return to_moment(v)


# an event's attribute naming its datetime attributes that its fact gave as a bare date ("signed_at":
# "2026-04-10": that day, its hour unknown); internal ("__" keys are not the fact's own: no report shows them)
DAY_ONLY = "__day_only__"


class DayOnly(Moment):
    """An instant known by its day and an earliest time within that day alone: "the later of the receipt, dated 13
    November, and the sending at 11:00" (`latest(n, n.signed_at)`) is some time of 13 November from 11:00 on — not
    11:00, and not 00:00 either.  Its ``at`` is that earliest instant: it compares as it, as a fact given by its day
    alone compares as 00:00 of the day; an event deemed at it is of the day alone (``Evaluator.deem``)."""

    __slots__ = ()


def read_day_only(value, ev) -> bool:
    """Whether ``value`` is a datetime attribute of ``ev`` that its fact gave as a bare date (the very
    value: an instant computed from it is the computation's, not the fact's)."""
    names = ev.attrs.get(DAY_ONLY)
    return bool(names) and any(ev.attrs.get(n) is value for n in names)


def _day_only(v, env) -> bool:
    """Whether a value is an instant known by its day alone: a fact or event given so, a datetime attribute a fact
    gave as a bare date, an instant computed as one (``DayOnly``)."""
    if type(v) is Event:
        return v.bare
    if type(v) is DayOnly:
        return True
    return isinstance(v, datetime) and any(type(x) is Event and read_day_only(v, x) for x in env.b.values())


def end_of(v, env) -> Moment | None:
    """``end_moment`` of a value read in ``env``: a datetime attribute a fact gave as a bare date ends with its day too
    (`due by o.until`, `exercise until x.until` of "until": "2026-02-10" — the whole of 10 February)."""
    if isinstance(v, datetime) and type(v) is not DayOnly and _day_only(v, env):
        return Moment.end_of_day(to_moment(v).day)
    return end_moment(v)


def _ends(known: list) -> list:
    """The latest each of ``(moment, day_only)`` can be: a day-only one's day end, an exact one's own instant."""
    return [Moment.end_of_day(k.day).at if day_only else k.at for k, day_only in known]


def _extreme_of_days(bound: Moment, exact_at) -> Moment:
    """The later or earlier of instants some of which are known by their day alone: the instant itself where the
    bounds meet (it is known to the second), else of its day alone from ``bound`` on."""
    if bound.at == exact_at:  # (as it is: 24:00 of a day stays that day's — a reviewer)
        return bound if type(bound) is not DayOnly else Moment(bound.at, bound.day)
    return DayOnly.in_contract_time(bound.local())


def _latest(known: list) -> Moment:
    """The later of instants, some known by their day alone (``(moment, day_only)`` pairs, a day-only one lying
    somewhere from its moment to the end of its day): no earlier than the latest earliest instant, no later than
    the latest end — the receipt dated 13 November and the sending at 11:00 that day: 13 November, from 11:00 on."""
    return _extreme_of_days(max((k for k, _ in known), key=lambda k: k.at), max(_ends(known)))


def _at_and_day(k: Moment) -> tuple:
    """The order of instants: by the instant, then by the day it is of (24:00 of a day before 00:00 of the next — the
    end of a service year and a termination at 00:00 the next day: the earlier is the year's end; counsel round 40)."""
    return k.at, k.day


def _earliest(known: list) -> Moment:
    """The earlier of instants, some known by their day alone (as ``_latest``)."""
    # (of one instant, the exact one first: 24:00 of a day is no later than any hour of the next — a fuzzer)
    return _extreme_of_days(min(known, key=lambda k: (k[0].at, k[1]))[0], min(_ends(known)))


def to_moment(v) -> Moment | None:
    if v is None or isinstance(v, Moment):
        return v
    if isinstance(v, Event):
        return v.moment
    if isinstance(v, datetime):
        return Moment.of(v)
    if isinstance(v, date):
        return Moment.start_of_day(v)
    if isinstance(v, PeriodValue):
        return v.end
    raise TypeError(f"not a moment: {v!r}")  # pragma: no cover - the checker prevents it


# attribute kinds whose values are plain dictionary keys (and compare as such)
_PLAIN_KINDS = frozenset({"text", "int", "money", "bool", "party", "ref"})


# A key closure marked ``_plain_key``: it only reads attributes of a bound alias (``Compiler._read_off``), so it cannot fail;
# where its index is still empty it need not be computed at all (nothing can be found under it).


_NO_KEY = object()  # (the key of a value no fact's attribute equals: a period, an event — it names nothing)


def _hashable_key(f: Fn) -> Fn:
    """A key closure whose value may be one no index can hold (a period, an event: unhashable): such a value
    equals no fact's attribute of a kind an index is kept for (text, numbers, money, parties, references —
    an event compares as its instant, a period as itself), so it is looked up as a key that names nothing."""
    def key(env):
        k = f(env)
        try:
            hash(k)
        except TypeError:
            return _NO_KEY
        return k
    if getattr(f, "_plain_key", False):
        key._plain_key = True
    return key


def _runs(seen: set, ends: dict, i: int) -> int:
    """Add period ``i`` to the runs of consecutive periods ``seen``, each run kept as its two ends mapped to each
    other (``ends``; what is inside a run is never read again: its neighbours are both seen): the length of
    ``i``'s run now (0 when it was seen already)."""
    if i in seen:
        return 0
    seen.add(i)
    start = ends[i - 1] if i - 1 in seen else i  # (i - 1 seen and i not: i - 1 ends its run)
    end = ends[i + 1] if i + 1 in seen else i
    ends[start], ends[end] = end, start
    return end - start + 1


def _key_of(fns: list[Fn]) -> Fn:
    """One closure giving a key's value: the bare value for one closure (the common case, and
    no tuple to keep per index entry), else the tuple of their values (a composite key)."""
    if len(fns) == 1:
        return fns[0]
    if len(fns) == 2:
        f0, f1 = fns
        return lambda env: (f0(env), f1(env))
    if len(fns) == 3:
        f0, f1, f2 = fns
        return lambda env: (f0(env), f1(env), f2(env))
    return lambda env: tuple([f(env) for f in fns])


def _norm(v):
    """Comparable form: instants as datetimes."""
    if isinstance(v, Moment):
        return v.at
    if isinstance(v, Event):
        return v.moment.at
    return v


_OPS = {"==": operator.eq, "!=": operator.ne, ">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt}

# values that compare as they are (no instants to bring to one form first)
_PLAIN_TYPES = frozenset({str, int, bool, Decimal})


def _not_comparable(a, b) -> Exception:
    """Two values that cannot be ordered (a day and a number, text and a number: an attribute of any kind may hold
    either, and the checker cannot see it): the evaluation stops with a diagnostic, never a traceback."""
    return timecalc.LengthError("values_not_comparable", {"left": str(a), "right": str(b)})


def _compare_values(a, b, op) -> bool:
    """A comparison of two known values: plain ones as they are, instants as instants, an elapsed
    time with a fixed duration.  Two that cannot be ordered (a day and a number, as an attribute of any
    kind may hold: the checker cannot see it) stop the evaluation with a diagnostic, never a traceback."""
    try:
        ta, tb = type(a), type(b)
        if ta in _PLAIN_TYPES and tb in _PLAIN_TYPES:
            return op(a, b)
        # the usual instants, without the general steps below (which give these same answers): two instants (a
        # fact's `.at`, a period's end), an instant a clock gives against one, two days
        if tb is Moment:
            if ta is Moment:
                return op(a.at, b.at)
            if ta is datetime:
                return op(a, b.at)
        elif ta is date and tb is date:
            return op(a, b)
        if isinstance(a, timedelta) or isinstance(b, timedelta):
            return op(fixed_length(a), fixed_length(b))
        a, b = _norm(a), _norm(b)
        if isinstance(a, datetime) != isinstance(b, datetime):
            a, b = _as_instant(a), _as_instant(b)
        return op(a, b)
    except TypeError:
        raise _not_comparable(a, b) from None


def _compare_by_day(a, b, op) -> bool:
    """As ``_compare_values``, where one side is the end of a day (`end of 10 days after d`, `day_end(T)`): 24:00
    of a day and 00:00 of the next are one instant, but what happens at 00:00 is on the next day, after the day
    that ended (time-and-law.md) — `n.at <= end of 10 days after d` is false for a notice at 00:00 of the 11th
    day, as the deadline counts it late, and `n.at > …` true."""
    if isinstance(a, (Moment, Event)) and isinstance(b, (Moment, Event)):  # (`==` too: 00:00 of the 12th is not
        # the end of the 11th, though one instant — as `<=` and `>` say — the fuzzer)
        # (instants that know their day: a fact's, a deemed event's, a computed end — not a datetime a duty's `due`
        # holds, the first late instant, which is the same deadline as the end it is counted from)
        x, y = _norm(a), _norm(b)
        if x == y:
            da, db = _day_of(a), _day_of(b)
            if da != db:
                return op(da, db)
    return _compare_values(a, b, op)


def _at_of(e: m.Expr) -> str | None:
    """The name X of an expression `X.at` (a bound fact's instant), else None."""
    if isinstance(e, m.Attribute) and e.name == "at" and isinstance(e.obj, m.Name):
        return e.obj.name
    return None


def _ends_a_day(e, params=None, seen: tuple = ()) -> bool:
    """An expression whose value is the end of a day, 24:00 (`end of` a period, `day_end( )` …): compared by the
    day (``_compare_by_day``) — and, given the rule file's ``params``, a parameter that is one (`param cutoff =
    day_end(2027-08-30)`: named, it compares as written out — contract rounds 32 and 33).  (Not a period's `.end`:
    as the durable backend's Rete compares it, by the instant.)"""
    if isinstance(e, m.EndOf) or (isinstance(e, m.Call) and BUILTINS.get(e.function) in CALENDAR_PLACES[:4]):
        return True
    if params and isinstance(e, m.Name) and e.name in params and e.name not in seen:
        return _ends_a_day(params[e.name].expr, params, (*seen, e.name))
    return False


@dataclass
class PatternPlan:
    """How to find the matches of a pattern: its sources, the where-closure and join keys.

    ``keys[j]`` (for a source j after the first bound one) is ``(attr_of_j, fn)`` when
    the where-condition demands ``j.attr == <something bound earlier>``, so candidates
    are looked up in an index instead of scanned.
    """

    sources: list[tuple[str, str | None]]  # (event type, alias)
    where: Fn | None
    keys: dict[tuple[int, int], tuple[str, Fn]]  # (first bound, j) -> (attr, key fn)
    # two sources: for source j, the parts of the condition at its start that compare j's own attributes
    # with literals and parties (nothing before them can stop the replay), as a pattern of j alone — a
    # partner that fails them fails the condition, so without a key the partners are the facts that pass
    # them (Evaluation.kept), not every fact of the kind
    filters: dict = field(default_factory=dict)
    # one source: the condition asks `alias.attr == <literal>` with nothing that computes before it — ((type, attrs),
    # the value, the attrs' reader): a fact whose attributes differ fails the condition, and the facts that pass it
    # are those an index on (type, attrs) files under the value (``Compiler._bucket``)
    bucket: tuple | None = None
    # its condition (or value) reads `ended` beside its own fact: what a scan carried forward holds for one end — made
    # again if the contract's end changes (``Evaluation.scan``)
    reads_end: bool = False

    def __post_init__(self):
        # the name each source is bound under in the bindings (an unnamed one gets a stand-in)
        self.names = [alias or ("__first__" if j == 0 else f"__{j}__") for j, (_, alias) in enumerate(self.sources)]


class Compiler:
    def __init__(self, checked: Checked, calendar, incremental: bool = True):
        self.c = checked
        self.cal = calendar
        self.incremental = incremental  # False: every aggregate counted in full (the reference)
        self._params: dict[str, Fn] = {}
        self._param_reads: dict[str, bool] = {}  # parameter -> whether it is read from the facts (``_reads_facts``)
        # an aggregate compiled once per node and scope: its running state (``Evaluation._scans``, ``carried``) is
        # kept by what it compiled to, so a condition compiled twice — whole, and part by part (``Prepared._guards``)
        # — counts each kind's facts once
        self._aggregates: dict[tuple, tuple] = {}
        self.index_keys: set[tuple[str, tuple]] = set()  # (event type, attrs) to keep indexed
        kinds = [(a, kind) for et in checked.event_types.values() for a, kind in et.attrs.items()]
        # attributes some kind of event has that may hold a period (whose end a cut moves in place) or a value of
        # any kind; and those that may hold a value no index holds (those, and events held by a stage or a deemed event)
        self._unsteady = frozenset(a for a, kind in kinds if kind in ("period", "any"))
        self._loose = self._unsteady | {a for a, kind in kinds if isinstance(kind, tuple) and kind[0] == "event"}

    # ------------------------------------------------------------------ durations
    def duration(self, d: m.DurationExpr, scope=frozenset()) -> Callable[[Env], Period]:
        if d.expr is not None:  # (`within o.days days`: known when the duty arises; None where the fact has none)
            return self.expr(d.expr, set(scope))
        if d.ref is None:
            p = Period(d.amount, d.unit)
            return lambda env: p
        f = self.param(d.ref)
        return f

    def _reads_facts(self, name: str) -> bool:
        """Whether a parameter's value is read from the facts (an aggregate, a function of the state: `count(…)`,
        `accrued(…)`), itself or through the parameters it reads — worked out once per parameter."""
        known = self._param_reads
        if name in known:
            return known[name]
        known[name] = False  # (against a cycle: the checker refused one)
        stack, params, found = [self.c.params[name].expr], self.c.params, False
        while stack and not found:
            node = stack.pop()
            if isinstance(node, (m.Exists, m.Count, m.Sum, m.First, m.Call)) or isinstance(node, m.Name) and (
                    node.name in self.c.periods or node.name in BUILTIN_NAMES):
                found = True
            elif isinstance(node, m.Name) and node.name in params and node.name != name:
                found = self._reads_facts(node.name)
            else:
                stack.extend(_model_children(node))
        known[name] = found
        return found

    def param(self, name: str) -> Fn:
        if name not in self._params:
            self._params[name] = lambda env: None  # placeholder against self-reference
            fn = self.expr(self.c.params[name].expr, set())
            self._params[name] = fn
        return self._params[name]

    # ------------------------------------------------------------------ patterns
    def pattern(self, p: m.Pattern, bound: set[str]) -> PatternPlan:
        sources = [(Checker.source_type_name(s), s.alias) for s in p.sources]
        aliases = set(bound) | {a for _, a in sources if a}
        where = self.expr(p.where, aliases) if p.where is not None else None
        keys: dict[tuple[int, int], tuple[str, Fn]] = {}
        conj = _conjuncts(p.where)
        if bound:  # (an aggregate reading the line's facts — sum(p.amount for each paid p where p.ref == c.id):
            for j, (tname, alias) in enumerate(sources):  # its first source looked up by them, (j, j))
                key = self._join_key(conj, tname, alias, set(bound))
                if key and self._leading_key(conj, key[0], tname, alias, set(bound)):
                    keys[(j, j)] = key
                    self.index_keys.add((tname, key[0]))
        for first in range(len(sources)):
            order = [first] + [j for j in range(len(sources)) if j != first]
            known = set(bound) | ({sources[first][1]} if sources[first][1] else set())
            for j in order[1:]:
                key = self._join_key(conj, sources[j][0], sources[j][1], known)
                if key:
                    keys[(first, j)] = key
                    self.index_keys.add((sources[j][0], key[0]))
                if sources[j][1]:
                    known.add(sources[j][1])
        return PatternPlan(sources, where, keys, self._partner_filters(sources, conj, aliases),
                           self._bucket(conj, sources) if len(sources) == 1 and not bound and self.incremental else None)

    def _bucket(self, conj: list, sources) -> tuple | None:
        """``PatternPlan.bucket`` of a one-source pattern (`payment_made q where q.installment == 1`): the parts of its
        condition that ask the fact's own plain attributes for literals, as an index key and the value they name — when
        nothing before them computes anything (``_leading_key``: a fact left out never had a part tested that could
        stop the replay).  Alpha discrimination: the rules a fact cannot set off, and the facts an aggregate cannot
        count, are passed over without their conditions being run."""
        tname, alias = sources[0]
        if alias is None or not conj:
            return None
        key = self._join_key(conj, tname, alias, set())
        if key is None or not self._leading_key(conj, key[0], tname, alias, set()):
            return None
        # (the parts before the key read the fact, parties and literals alone: a parameter or a period named there is
        # computed for every fact the whole test is run on — `ratio > 1 and p.installment == 2` stops the evaluation
        # where `ratio` divides by zero, or needs a year no calendar knows, whatever the installment)
        mine = self._key_parts(conj, key[0], tname, alias, set())
        last = max(i for i, c in enumerate(conj) if any(c is k for k in mine))
        if any(isinstance(x, m.Name) and x.name != alias and x.name not in self.c.parties
               for c in conj[:last] for x in m.nodes(c)):
            return None
        try:
            value = key[1](Env({}, None, None))  # (literals alone: nothing to read)
            hash(value)
        except Exception:  # noqa: BLE001 - a value that is not a plain key: no bucket, the condition decides
            return None
        if value is None or value is _NO_KEY or (type(value) is tuple and any(v is None for v in value)):
            return None
        from .state import key_reader  # (state imports this module)
        return (tname, key[0]), value, key_reader(key[0])

    def decided(self, e: m.Expr, scope: set[str] = frozenset(), implicit: bool = False) -> bool | None:
        """True or False for a condition the rules alone decide — of literals, parties, assumptions and
        parameters that need no evaluation (`never`, `reading == "b"`; computed as every condition is, with
        no fact, state or instant to read: one that would read any is not decided) —, else None."""
        if implicit:
            return None
        if isinstance(e, m.BoolOp):  # (`p.n < 10 / i.n and never`: decided by its `never`)
            items = self._undecided(e, scope, implicit)
            return items if type(items) is bool else None
        if isinstance(e, m.Not):
            known = self.decided(e.item, scope, implicit)
            return None if known is None else not known
        if any(isinstance(x, m.Name) and x.name in scope for x in m.nodes(e)):
            return None
        known, value = self.rules_value(e)
        return value if known and type(value) is bool else None

    def rules_value(self, e: m.Expr) -> tuple[bool, object]:
        """(True, its value) for an expression the rules alone give — computed as every expression is,
        with no fact, state or instant to read —, else (False, None): one that would read any, or fails."""
        try:
            return True, self.expr(e, set())(Env({}, None, None))
        except Exception:  # noqa: BLE001 - whatever it reads of an evaluation, it is not known now
            return False, None

    def _undecided(self, e: m.BoolOp, scope: set[str], implicit: bool) -> list | bool:
        """The items of an `and`/`or` the rules alone do not decide (``decided``), or the whole's truth when
        one decides it — a false part of an `and`, a true part of an `or`, wherever it is written: a
        clause an assumption switches off computes nothing, and meets no error, whatever its other parts."""
        conj, items = e.op == "and", []
        for item in e.items:
            known = self.decided(item, scope, implicit)
            if known is None:
                items.append(item)
            elif known is not conj:
                return known
        return items or conj

    def _partner_filters(self, sources, conj: list, aliases: set[str]) -> dict:
        """``PatternPlan.filters``: for each named source of a two-source pattern, the parts of the
        condition's plain start (comparisons of attributes, literals and parties: none can stop the
        replay, so a pair that fails one is never tested further) that read that source alone."""
        if len(sources) != 2:
            return {}
        parties = self.c.parties
        plain = []
        for c in conj:
            if not plain_compare(c, aliases, parties):
                break
            plain.append(c)
        out = {}
        for j, (tname, alias) in enumerate(sources):
            own = [c for c in plain if alias and _only_names(c.left) | _only_names(c.right) <= {alias} | set(parties)]
            if own:
                where = own[0] if len(own) == 1 else m.BoolOp(own[0].span, "and", own)
                out[j] = PatternPlan([(tname, alias)], self.expr(where, {alias}), {})
        return out

    def _join_key(self, conj, etype: str, alias: str | None, known: set[str]):
        """The ``alias.attr == <bound>`` conjuncts usable as an index key: (attrs, key closure).

        Only attributes whose values compare as plain dictionary keys (text, numbers, money,
        parties, references, ids) take part: an instant or a bound event would never be found
        in an index.  An id or a reference alone is kept when there is one: it picks one fact
        already, and one small index per event type serves every rule that looks it up.  The
        where-clause is always tested on what the index returns, so a key narrows, never decides."""
        if alias is None:
            return None
        used = self.key_conjuncts(conj, etype, alias, known)
        if not used:
            return None
        attrs = list(used)
        fns = [self.expr(that, known) for _, that in used.values()]
        plain = [self._read_off(that, known) for _, that in used.values()]
        loose = self._loose
        for a, f, p, (_, that) in zip(attrs, fns, plain, used.values()):
            if self._identifying(etype, a):
                if p:
                    f._plain_key = True
                return (a,), f if p and getattr(that, "name", None) not in loose else _hashable_key(f)
        f = _key_of(fns)
        if all(plain):
            f._plain_key = True
        if not all(p and getattr(that, "name", None) not in loose for p, (_, that) in zip(plain, used.values())):
            f = _hashable_key(f)
        return tuple(attrs), f

    def _reads_unsteady(self, e: m.Expr | None) -> bool:
        """Whether ``e`` reads an attribute that may hold a period (whose end a cut moves in place) or a value of
        any kind (which may not compare at all): what a key looked up once cannot stand for."""
        return any(isinstance(x, m.Attribute) and x.name in self._unsteady for x in m.nodes(e))

    def _read_off(self, that: m.Expr, known: set[str]) -> bool:
        """Whether a key's side is read straight off the bindings — an attribute of a bound name, or of the events it
        holds (`c.id`, `o.a.month`: a duty's stage holds its trigger's facts) — nothing computed, nothing that can
        fail (no step through a value that may be a period or of any kind) —, or a text written in the rule (`n.subject
        == "price_consent"`: a fact of another subject is refused without computing anything, so the duties waiting on
        such an `exists` need not be shown every notice — the fuzzer, round 36)."""
        if isinstance(that, m.Literal):
            return that.kind == "text" and type(that.value) is str
        if not isinstance(that, m.Attribute):
            return False
        x = that.obj
        while isinstance(x, m.Attribute):
            if x.name in self._unsteady:
                return False
            x = x.obj
        return isinstance(x, m.Name) and x.name in known

    def key_conjuncts(self, conj, etype: str, alias: str, known: set[str]) -> dict[str, tuple[m.Expr, m.Expr]]:
        """The ``alias.attr == <known>`` conjuncts an index key can be made of, in order: each name the facts
        are indexed under (``_keyed_name``) -> (the first conjunct that gives it, its side read from ``known``)."""
        used: dict[str, tuple[m.Expr, m.Expr]] = {}
        for c in conj:
            if not (isinstance(c, m.Compare) and c.op == "=="):
                continue
            for this, that in ((c.left, c.right), (c.right, c.left)):
                name = self._keyed_name(this, etype, alias)
                if name is not None and _only_names(that) <= known and name not in used:
                    used[name] = (c, that)
                    break
        return used

    def _key_parts(self, conj, attrs: tuple, etype: str, alias: str, known: set[str]) -> list[m.Expr] | None:
        """The very conjuncts the key ``attrs`` was made of (None when one is not among ``conj``)."""
        used = self.key_conjuncts(conj, etype, alias, known)
        return [used[a][0] for a in attrs] if all(a in used for a in attrs) else None

    def _leading_key(self, conj, attrs: tuple, etype: str, alias: str, known: set[str]) -> bool:
        """Whether looking the facts up by ``attrs`` leaves out none that the condition, tested left to right,
        would have computed something of: every part before the key's own is an attribute, a name or a
        literal compared or negated (nothing to compute, nothing that can fail) — `10 / p.n > 1 and p.month ==
        a.month` computes 10 / p.n for every p (a division by zero stops the evaluation), so it is not."""
        mine = self._key_parts(conj, attrs, etype, alias, known)
        if mine is None:
            return False
        last = max(i for i, c in enumerate(conj) if any(c is k for k in mine))
        return all(any(c is k for k in mine) or _plain_part(c) for c in conj[:last])

    def _keyed_name(self, e: m.Expr, etype: str, alias: str) -> str | None:
        """The name ``alias``'s facts are indexed under for ``e``: an attribute of it (`x.ref`), or the id of
        an event it holds (`o.by.id`, the fact that performed a duty: ``by.id``, state.key_reader); None."""
        if not isinstance(e, m.Attribute):
            return None
        if isinstance(e.obj, m.Name):
            return e.name if e.obj.name == alias and self._keyable(etype, e.name) else None
        inner = e.obj
        if e.name == "id" and isinstance(inner, m.Attribute) and isinstance(inner.obj, m.Name) \
                and inner.obj.name == alias and "." not in inner.name:
            kind = self._attr_kind(etype, inner.name)
            # (a duty's stage `by`: the fact that performed it, of one kind or, performed several ways, "any" —
            # an event or nothing all the same)
            if (isinstance(kind, tuple) and kind[0] == "event") or (kind == "any" and inner.name == "by" and "." in etype):
                return f"{inner.name}.id"
        return None

    def _attr_kind(self, etype: str, attr: str):
        et = self.c.event_types.get(etype)
        return et.attrs.get(attr) if et is not None else None

    def _keyable(self, etype: str, attr: str) -> bool:
        if attr == "id":
            return True
        kind = self._attr_kind(etype, attr)
        return kind in _PLAIN_KINDS or (isinstance(kind, tuple) and kind[0] == "enum")

    def _identifying(self, etype: str, attr: str) -> bool:
        return attr == "id" or self._attr_kind(etype, attr) == "ref"

    def key_for_source(self, p: m.Pattern, bound: set[str]) -> tuple[str, Fn] | None:
        """For a single-source pattern waiting on bindings (fulfilment, unless): its equality key."""
        if len(p.sources) != 1:
            return None
        key = self._join_key(_conjuncts(p.where), Checker.source_type_name(p.sources[0]), p.sources[0].alias,
                             set(bound))
        if key:
            self.index_keys.add((Checker.source_type_name(p.sources[0]), key[0]))
        return key

    def exact_key(self, p: m.Pattern, bound: set[str]) -> tuple[tuple, Fn] | None:
        """``key_for_source``'s key of a one-source pattern where it decides exactly which facts the pattern
        can hold for: read straight off the bindings (an attribute of a bound fact: nothing computed, nothing
        that can fail), with nothing computed before the key's parts — so a fact of another key is one the
        pattern would have refused without computing anything, and the bindings waiting under other keys
        need not be shown it.  None otherwise."""
        if len(p.sources) != 1 or self._reads_unsteady(p.where):
            return None  # (`h.x > 5` on a value of any kind can fail for a fact of another key: it is shown them all)
        key = self.key_for_source(p, bound)
        if key is None or not getattr(key[1], "_plain_key", False) or not self._leading_key(
                _conjuncts(p.where), key[0], Checker.source_type_name(p.sources[0]), p.sources[0].alias, bound):
            return None
        return key

    def decided_by_key(self, p: m.Pattern, bound: set[str]) -> bool:
        """Whether a one-source pattern's where-clause reads the bindings through its exact key alone (``exact_key``),
        every other part reading the fact alone and constants (`r.subproject == s.subproject`): which facts it holds
        for is then the same for every binding of one key value — the duties of one key arising at one instant
        share the answer of `counting earlier` (``Evaluation.performed_already``)."""
        if not self.incremental or len(p.sources) != 1 or not p.sources[0].alias:
            return False
        key = self.exact_key(p, bound)
        if key is None:
            return False
        alias = p.sources[0].alias
        conj = _conjuncts(p.where)
        mine = self._key_parts(conj, key[0], Checker.source_type_name(p.sources[0]), alias, set(bound))
        return mine is not None and all(any(c is k for k in mine) or self.pure(c, {alias}) for c in conj)

    def retiring(self, p: m.Pattern, bound: set[str]) -> tuple | None:
        """For a one-source `fulfilled by` pattern: when a duty waiting on it stops needing to be shown every fact.

        A where-clause one of whose `and`-parts is an `or` of a reference to a bound fact (``n.ref == a.id``) and
        parts that can hold only while the fact is no later than a bound fact (``… and n.at <= a.at``, beside
        constants: ``address_notice_for == "earliest open" or n.at <= a.at``) holds for a fact after that instant
        only if the fact names the bound one.  Once the evaluation has passed that instant, such a duty is
        filed aside by that reference (``Evaluation.try_fulfil``): a later fact is tested on it only if it names
        it, or if it is dated no later than the instant (a fact known by its day, recorded late).  Without this,
        a duty never performed (an address change nobody gave notice of) was tested again on every later
        notice: quadratic in the notices.

        Returns (the reference's key attributes, the closure of the value it must have, the constant parts —
        closures: the bound counts only while each is false —, the bound fact's name), or None: for the
        reference compiler (``incremental`` off), and for a where-clause reading anything but the facts'
        attributes, constants, `present( )` and `other( )` (what skipping a test could change nothing else of)."""
        if not self.incremental or len(p.sources) != 1 or p.where is None or not p.sources[0].alias:
            return None
        alias = p.sources[0].alias
        etype = Checker.source_type_name(p.sources[0])
        if self._reads_unsteady(p.where) or not self._plain_test(p.where, bound | {alias}):
            return None
        for c in _conjuncts(p.where):
            if not (isinstance(c, m.BoolOp) and c.op == "or"):
                continue
            refs, rest = [], []
            for item in c.items:
                key = self._join_key([item], etype, alias, set(bound)) \
                    if isinstance(item, m.Compare) and item.op == "==" else None
                if key is not None and len(key[0]) == 1 and self._identifying(etype, key[0][0]) \
                        and getattr(key[1], "_plain_key", False):
                    refs.append(key)
                else:
                    rest.append(item)
            if len(refs) != 1 or not rest:
                continue
            found = self._bounded_by(m.BoolOp(c.span, "or", rest), alias, bound)
            if found is not None:
                guards, name = found
                return refs[0][0], refs[0][1], tuple(self.expr(g, set(bound)) for g in guards), name
        return None

    def _plain_test(self, e: m.Expr, names: set[str]) -> bool:
        """Whether ``e`` reads only the named facts' attributes, parties, literals and parameters of constants,
        compared, negated, joined with and/or, through `present( )` and `other( )`: a test that can neither fail
        nor read the evaluation's state."""
        for x in m.nodes(e):
            if isinstance(x, m.Name):
                c = self.c
                if not (x.name in names or x.name in c.parties or
                        (x.name in c.params and self.pure(c.params[x.name].expr, set()))):
                    return False
            elif isinstance(x, m.Call):
                if BUILTINS.get(x.function) not in ("present", "other"):
                    return False
            elif not isinstance(x, (m.Attribute, m.Literal, m.Compare, m.BoolOp, m.Not, list)):
                return False  # (``m.nodes`` gives the lists of items too)
        return True

    def _bounded_by(self, e: m.Expr, alias: str, bound: set[str]) -> tuple[list, str] | None:
        """(constant parts, name X) such that ``e`` holds for a fact ``alias`` only where ``alias.at <= X.at`` or one
        of the constant parts is true; None where no such bound is seen."""
        if isinstance(e, m.Compare) and not _ends_a_day(e.left, self.c.params) and not _ends_a_day(e.right, self.c.params):
            flipped = {">=": "<=", ">": "<"}
            for own, other, op in ((e.left, e.right, e.op), (e.right, e.left, flipped.get(e.op))):
                if op in ("<=", "<") and _at_of(own) == alias:
                    x = _at_of(other)
                    if x is not None and x != alias and x in bound:
                        return [], x
            return None
        if isinstance(e, m.BoolOp) and e.op == "and":
            for item in e.items:
                found = self._bounded_by(item, alias, bound)
                if found is not None:
                    return found
            return None
        if isinstance(e, m.BoolOp) and e.op == "or":
            consts = [i for i in e.items if self.pure(i, set())]
            others = [i for i in e.items if not self.pure(i, set())]
            if len(others) == 1:
                found = self._bounded_by(others[0], alias, bound)
                if found is not None:
                    return consts + found[0], found[1]
        return None

    def cond_keys(self, e: m.Expr, bound: set[str]) -> dict[str, tuple] | None:
        """For a duty's `fulfilled when` condition: which of the duties waiting on it a new fact can change.

        Where the condition's value can change only with facts of the kinds it counts — it reads the duty's
        own facts (``bound``: never its period), constants, and aggregates whose parts read their own facts,
        those and constants alone (no state, no time), and no attribute that may hold a period (a cut moves
        its end in place: `v.q.end` of a recurring duty's stage) — the result maps each kind of fact it
        counts to the index keys of the aggregates over that kind (`sum(p.amount for each guarantee_paid p
        where p.ref == c.id)`: ``(("ref",), <c.id>)``), or to None when some aggregate over it has no such
        key, or computes something before the key's parts (`10 / p.n > 1 and p.ref == c.id` computes it for
        every fact: a division by zero stops the evaluation wherever it is met), so that every fact of the
        kind may change it or stop it.  A fact of a keyed kind changes only the duties its key names: the
        others are not tested again (``Evaluation.reconsider_cond``).  None when the condition reads anything
        else (it is tested again on every fact of the kinds it reads, as before), and for the reference
        compiler (``incremental`` off), which counts in full."""
        if not self.incremental:
            return None
        if self._reads_unsteady(e):
            return None
        keys: dict[str, list | None] = {}

        def aggregate(x) -> bool:
            if isinstance(x, m.Consecutive):
                return False
            p = x.pattern
            inner = bound | {s.alias for s in p.sources if s.alias}
            if not self.pure(p.where, inner) or (isinstance(x, m.Sum) and not self.pure(x.value, inner)):
                return False
            types = [Checker.source_type_name(s) for s in p.sources]
            key = self.exact_key(p, bound)
            if key is None:
                keys.update((t, None) for t in types)
            elif keys.setdefault(types[0], []) is not None and all(key[0] != k[0] for k in keys[types[0]]):
                keys[types[0]].append(key)
            return True

        if not self.pure(e, bound, aggs=aggregate):
            return None
        return {t: None if ks is None else tuple(ks) for t, ks in keys.items()}

    def value_keys(self, e: m.Expr, bound: set[str]) -> dict[str, tuple] | None:
        """For a value that only facts of some kinds can make known — a `due by` reading `first(took t where t.ref
        == x.id).at`, shifted or placed in the calendar as it likes —: each kind, with the keys its aggregates
        count it by; None where an aggregate has no such key or the value reads anything else that moves (a
        period, the contract's end, the time passing), so that every fact of the kind is to try it again."""
        if not self.incremental:
            return None
        keys: dict[str, list] = {}

        def walk(x) -> bool:
            if isinstance(x, (m.Exists, m.Count, m.Sum, m.First, m.Mean)):
                key = self.exact_key(x.pattern, bound)
                if key is None or len(x.pattern.sources) != 1:
                    return False
                t = Checker.source_type_name(x.pattern.sources[0])
                if all(key[0] != k[0] for k in keys.setdefault(t, [])):
                    keys[t].append(key)
                return True
            if isinstance(x, (m.Passed, m.Consecutive)) or (isinstance(x, m.Name) and (
                    x.name in self.c.periods or x.name in BUILTIN_NAMES)):
                return False
            for v in vars(x).values():
                for y in (v if isinstance(v, (list, tuple)) else (v,)):
                    if isinstance(y, (m.Expr, m.DurationExpr)) and not walk(y):
                        return False
            return True

        if not walk(e):
            return None
        return {t: tuple(ks) for t, ks in keys.items()} or None

    # ------------------------------------------------------------------ expressions
    def expr(self, e: m.Expr, scope: set[str], implicit: bool = False) -> Fn:  # noqa: C901 - a dispatch table
        ex = lambda x: self.expr(x, scope, implicit)  # noqa: E731
        if isinstance(e, m.Literal):
            v = e.value
            return lambda env: v
        if isinstance(e, m.DurationValue):
            return self.duration(e.duration)
        if isinstance(e, m.ScaledDuration):  # `e.days days`: a period known when evaluated
            value, unit = ex(e.value), e.unit

            def scaled(env):
                v = value(env)
                return None if v is None else period_of(v, unit)
            return scaled
        if isinstance(e, m.Name):
            return self.name(e.name, scope, implicit)
        if isinstance(e, m.Attribute):
            attr = e.name
            if isinstance(e.obj, m.Name) and e.obj.name in scope and attr not in ("id", "at"):
                alias = e.obj.name  # the common case, `alias.attr`, without the generic dispatch

                def alias_attr(env):
                    try:  # a bound event with that attribute (facts carry every declared one)
                        return env.b[alias].attrs[attr]
                    except (KeyError, AttributeError):  # unbound, not an event, or no such attribute
                        return _get(env.b.get(alias), attr)
                return alias_attr
            if isinstance(e.obj, m.Name) and e.obj.name in scope and attr == "id":
                alias = e.obj.name  # `alias.id` (the key most duties are looked up by): as _get reads it

                def alias_id(env):
                    v = env.b.get(alias)
                    return v.id if type(v) is Event else _get(v, "id")
                return alias_id
            if isinstance(e.obj, m.Name) and not implicit and e.obj.name not in scope \
                    and e.obj.name not in self.c.params and e.obj.name in self.c.periods and attr in _PERIOD_PARTS:
                period = e.obj.name  # `warranty.end`: the period as the evaluation counts it, then its part

                def period_part(env):
                    p = env.st.period(period)
                    return None if p is None else getattr(p, attr)
                return period_part
            if isinstance(e.obj, m.Name) and e.obj.name in scope and attr == "at":
                alias = e.obj.name  # `alias.at` (an instant compared with a period's end): as _get reads it

                def alias_at(env):
                    v = env.b.get(alias)
                    return v.moment if type(v) is Event else _get(v, "at")
                return alias_at
            obj = ex(e.obj)
            if attr == "day" and isinstance(e.obj, m.Attribute) and e.obj.name == "at" \
                    and isinstance(e.obj.obj, m.Name) and e.obj.obj.name in scope:
                alias = e.obj.obj.name  # `n.at.day`: a bound fact's day, read off it (else as below)

                def fact_day(env):
                    v = env.b.get(alias)
                    return v.moment.day if type(v) is Event else _get(obj(env), "day")
                return fact_day
            if attr == "day":  # (`n.signed_at.day`: a day read off an instant, as _get reads it)
                def day_of(env):
                    v = obj(env)
                    t = type(v)
                    if t is Moment:
                        return v.day
                    if t is datetime:
                        return _datetime_day(v)
                    return _get(v, "day")
                return day_of
            return lambda env: _get(obj(env), attr)
        if isinstance(e, m.Index):
            return self.row(e, ex)
        if isinstance(e, m.PercentOf):
            pct, of, kind = e.percent, ex(e.of), e.kind

            def percent_of(env):
                base = of(env)
                return None if base is None else apply("*", base, pct, kind)
            return percent_of
        if isinstance(e, m.ShareOf):
            rate, of, kind = ex(e.rate), ex(e.of), e.kind

            def share_of(env):
                r, base = rate(env), of(env)
                return None if r is None or base is None else apply("*", base, r, kind)
            return share_of
        if isinstance(e, m.Conditional):
            cond, then, otherwise = ex(e.condition), ex(e.then), ex(e.otherwise)

            def by_cases(env):
                c = cond(env)
                return None if c is None else (then(env) if c else otherwise(env))
            return by_cases
        if isinstance(e, m.BoolOp):
            items = self._undecided(e, scope, implicit)
            if type(items) is bool:  # (decided by the rules alone: nothing of it is computed)
                return (lambda env: True) if items else (lambda env: False)
            if len(items) < len(e.items):
                e = m.BoolOp(e.span, e.op, items)
            if e.op == "and":
                fields = self._field_checks(e.items, scope, implicit)
                if fields is not None:
                    return fields
            items = tuple(self._conjunction_parts(e.items, scope, implicit) if e.op == "and" else
                          (ex(i) for i in e.items))
            if e.op == "and":
                def all_of(env):
                    for f in items:
                        if not f(env):
                            return False
                    return True
                return all_of

            def any_of(env):
                for f in items:
                    if f(env):
                        return True
                return False
            return any_of
        if isinstance(e, m.Not):
            item = ex(e.item)
            return lambda env: not item(env)
        if isinstance(e, m.Compare):
            fields = self._field_checks([e], scope, implicit)
            if fields is not None:
                return fields
            left, op = ex(e.left), _OPS[e.op]
            if _ends_a_day(e.left, self.c.params) or _ends_a_day(e.right, self.c.params):
                right = ex(e.right)

                def compare_by_day(env):
                    a, b = left(env), right(env)
                    return a is not None and b is not None and _compare_by_day(a, b, op)
                return compare_by_day
            const = self._constant(e.right, scope, implicit)
            if const is not None:  # `n.subject == "data_leak"`, `n.from == 甲方`: the usual shape

                def compare_to_constant(env):
                    a = left(env)
                    return a is not None and _compare_values(a, const, op)
                return compare_to_constant
            instants = self._instants_compare(e, scope, implicit, op)
            if instants is not None:
                return instants
            right = ex(e.right)

            def compare(env):  # an unknown side makes a comparison false
                a, b = left(env), right(env)
                return a is not None and b is not None and _compare_values(a, b, op)
            return compare
        if isinstance(e, m.Arith):
            return self.arith(e, ex(e.left), ex(e.right))
        if isinstance(e, m.Mean):  # the sum over the count, each the way aggregates are kept
            total = self.aggregate(m.Sum(e.span, e.value, e.pattern), scope)
            count = self.aggregate(m.Count(e.span, e.pattern), scope)
            as_money = self.c.expr_types.get(id(e)) == "money"

            def mean(env):
                n = count(env)
                if not n:
                    return None
                return apply("/", total(env), n, "money" if as_money else "number")
            return mean
        if isinstance(e, m.Consecutive):
            return self.consecutive(e, scope)
        if isinstance(e, (m.Exists, m.Count, m.Sum, m.First)):
            return self.aggregate(e, scope)
        if isinstance(e, m.Passed):
            dur, since = self.duration(e.duration), ex(e.since)
            counting = e.counting or Counting.TERM

            def passed(env):
                start = to_moment(since(env))
                if start is None:
                    return False
                end = env.st.count(start, dur(env), counting)
                if end.end().at <= env.now:
                    return True
                env.st.wake_at(end.end())
                return False
            return passed
        if isinstance(e, m.EndOf):
            dur, after = self.duration(e.duration), ex(e.after)
            counting = e.counting or Counting.ACT
            if isinstance(self.cal, timecalc.EarliestCalendar):  # (the earliest a `due by` can be, in a year no
                cal = self.cal  # calendar knows: counted on this compiler's calendar, not the evaluation's)

                def earliest_end_of(env):
                    start = to_moment(after(env))
                    return None if start is None else timecalc.count(start, dur(env), counting, cal).end()
                return earliest_end_of

            def end_of(env):
                start = to_moment(after(env))
                return None if start is None else env.st.count(start, dur(env), counting).end()
            return end_of
        if isinstance(e, m.DayAfter):
            period, after = Period(e.day, Unit.DAYS), ex(e.after)

            def day_after(env):
                start = to_moment(after(env))
                return None if start is None else env.st.count(start, period, Counting.DEEMED_DAY).end()
            return day_after
        if isinstance(e, m.Call):
            return self.call(e, scope, implicit)
        raise AssertionError(type(e))  # pragma: no cover

    def row(self, e: m.Index, ex) -> Fn:
        """A table's row by its number; a number the table lacks, read from a fact, is an error that
        names the fact's line and id (the checker refuses a constant one) — never a silent nothing."""
        obj, key, span = ex(e.obj), ex(e.key), e.key.span
        table = e.obj.name if isinstance(e.obj, m.Name) else "?"
        source = ex(e.key.obj) if isinstance(e.key, m.Attribute) else None  # the fact the number is read from

        def row(env):
            rows, k = obj(env) or {}, key(env)
            found = rows.get(k)
            if found is None and k is not None:
                raise _missing_row(table, k, span, source(env) if source else None, env)
            return found
        return row

    def explain(self, e: m.Expr, scope: set[str]) -> Callable[[Env], Step | None]:
        """A closure saying what satisfied a condition (a step: the facts it matched, the instant it passed)."""
        if isinstance(e, (m.Exists, m.Sum, m.Count, m.First)):
            plan = self.pattern(e.pattern, scope)
            proof = isinstance(e, (m.Exists, m.First))  # (one match proves it: the first, not every one)

            def matched(env):
                facts = []
                for b in env.st.matches(plan, env):
                    facts += [ev for k, ev in b.items() if isinstance(ev, Event) and k not in env.b]
                    if proof:
                        break
                return Step("matched", {"facts": list({ev.id: ev for ev in facts}.values())})
            return matched
        if isinstance(e, m.Compare):
            left, right = self.explain(e.left, scope), self.explain(e.right, scope)
            value = self.expr(e.left, scope)
            shown = isinstance(e.left, (m.Sum, m.Count))
            # (what the total is compared with, where it is computed — `>= d.amount`: the sum owed, not only the
            # sum paid — the lender's author)
            other = self.expr(e.right, scope) if shown and not isinstance(e.right, m.Literal) else None
            return lambda env: _compared_step(left(env), right(env), value(env) if shown else None,
                                              other(env) if other is not None else None, e.op)
        if isinstance(e, m.Passed):
            dur, since = self.duration(e.duration), self.expr(e.since, scope)
            counting = e.counting or Counting.TERM

            def passed(env):
                start = to_moment(since(env))
                if start is None:
                    return Step("no_start", {})
                d = env.st.count(start, dur(env), counting)
                # (a month without the start's day: 第202条's month end said, as a duty's own period says it — counsel 39)
                short = next((x.args["missing"] for x in d.steps if x.code == "corresponding_day_month_end"), None)
                return Step("period_passed", {"period": d.period, "start": start, "end": d.end(),
                                              **({"missing": short} if short is not None else {})})
            return passed
        if isinstance(e, m.BoolOp):  # the parts that hold (for `or`: those that made it true)
            parts = [(self.explain(x, scope), self.expr(x, scope)) for x in e.items]
            if e.op == "or":  # the first alternative that holds is the reason
                return lambda env: next((why(env) for why, test in parts if test(env)), None)
            def both(env):  # (when it holds, the parts — all hold; when not, the parts that do not, each with its values:
                # a loan's interest not paid — the ¥180,000.00 owed, the ¥0.00 paid, not only "未成立" (the lender's
                # author) —, never a part that holds given as the reason (counsel 18))
                held, failed = [], []
                for why, test in parts:
                    try:
                        (held if test(env) else failed).append(why)
                    except Exception:  # noqa: BLE001 - (a part qiyue's `and` never reached may fail: not said)
                        continue
                out = []
                for why in failed or held:
                    try:
                        s = why(env)
                    except Exception:  # noqa: BLE001 - (likewise)
                        continue
                    if s:
                        out.append(s)
                return Step("compared", {"parts": out, "value": None})
            return both
        if isinstance(e, m.Name) and e.name in self.c.params:
            inner = self.explain(self.c.params[e.name].expr, scope)
            return inner
        if isinstance(e, m.Not) and isinstance(e.item, m.Exists):  # (`not exists(x)` holds: none has happened)
            return lambda env: Step("none_matched", {})
        return lambda env: None

    def missed(self, e: m.Expr, scope: set[str]) -> Callable[[Env], Step | None] | None:
        """For an `exists` of one kind of fact that does not hold: a closure naming the facts of that kind that came and
        do not fit (the last three by then) — the application one fen short, which "尚未满足" alone reads as none
        received (counsel round 39); None for another condition."""
        if not isinstance(e, m.Exists):
            return None
        plan = self.pattern(e.pattern, scope)
        if len(plan.sources) != 1:
            return None
        etype = plan.sources[0][0]

        def unmatched(env):
            pool = env.st.history.get(etype) or ()
            came = [x for x in pool if x.moment.at <= env.now][-3:]
            return Step("unmatched", {"facts": came}) if came else None
        return unmatched

    def name(self, n: str, scope: set[str], implicit: bool) -> Fn:
        if n in scope:
            return lambda env: env.b.get(n)
        if implicit:
            return lambda env: env.b["__self__"].attrs.get(n)
        c = self.c
        if n in c.params:
            params = self._params  # (looked up as the value is asked: a parameter is compiled when first needed)

            if not self._reads_facts(n):
                def param_value(env):
                    fn = params.get(n)
                    return (fn if fn is not None else self.param(n))(env)
                return param_value

            def param_over_facts(env):  # (read from the facts: worked out once for what one expression reads —
                memo = env.memo  # p_i = p_(i-1) + p_(i-2) over facts is not 2ⁿ: fuzz round 35)
                if memo is None:
                    memo = env.memo = {}
                elif n in memo:
                    return memo[n]
                fn = params.get(n)
                v = memo[n] = (fn if fn is not None else self.param(n))(env)
                return v
            return param_over_facts
        if n in c.periods:
            return lambda env: env.st.period(n)
        if n in c.tables:
            rows = {r.key: {col.name: v for col, v in zip(c.tables[n].columns, r.values)} for r in c.tables[n].rows}
            return lambda env: rows
        if n in c.parties or n in c.obligations:
            return lambda env: n
        if n in BUILTIN_NAMES:  # `ended`: when the contract ended, unknown while it is in force
            return lambda env: env.st.ended
        raise AssertionError(n)  # pragma: no cover - the checker resolved every name

    def _field_checks(self, items: list[m.Expr], scope: set[str], implicit: bool) -> Fn | None:
        """A conjunction of comparisons between bound facts' attributes and constants or other
        bound attributes (`n.ref == d.id and n.from == 乙方`), the most common where-clause,
        as one closure that reads the attributes itself: the same answers as the general
        closures (an unknown side is false; instants compare as instants), with far fewer calls.
        None when the expression has another shape."""
        if implicit:
            return None
        checks = []
        for c in items:
            if not isinstance(c, m.Compare):
                return None
            left = self._field(c.left, scope)
            const = self._constant(c.right, scope, implicit)
            right = self._field(c.right, scope) if const is None else None
            if left is None or (const is None and right is None):
                return None
            checks.append((left[0], left[1], left[1] == "id", _OPS[c.op], const, right))
        checks = tuple(checks)
        if len(checks) == 1 and checks[0][5] is None:
            return _field_is(*checks[0][:5])

        def fields_match(env):
            a = c = const = right = None
            try:
                b = env.b
                for alias, attr, is_id, op, const, right in checks:
                    ev = b.get(alias)
                    if type(ev) is Event:
                        a = ev.id if is_id else ev.attrs.get(attr)
                    else:
                        a = _get(ev, attr)
                    if a is None:
                        return False
                    if right is None:
                        if type(a) in _PLAIN_TYPES:  # (a constant is always of a plain type)
                            if not op(a, const):
                                return False
                            continue
                        c = const
                    else:
                        ev = b.get(right[0])
                        if type(ev) is Event:
                            c = ev.id if right[1] == "id" else ev.attrs.get(right[1])
                        else:
                            c = _get(ev, right[1])
                        if c is None:
                            return False
                    if type(a) in _PLAIN_TYPES and type(c) in _PLAIN_TYPES:
                        if not op(a, c):
                            return False
                    elif not _compare_values(a, c, op):
                        return False
                return True
            except TypeError:  # (an attribute of any kind holding text, ordered against a number)
                raise _not_comparable(a, const if right is None else c) from None
        return fields_match

    def _conjunction_parts(self, items: list[m.Expr], scope: set[str], implicit: bool) -> list[Fn]:
        """The closures an `and` tests in turn: a run of two or more comparisons of bound attributes with constants or
        other bound attributes (`n.ref == s.id and n.from == 甲方 and n.to == 乙方`, before `s.at <= n.at`) is one
        ``_field_checks`` closure — the same tests in the same order, one call where each was its own."""
        out, run = [], []

        def close_run():
            if len(run) > 1:
                out.append(self._field_checks(run, scope, implicit))
            elif run:
                out.append(self.expr(run[0], scope, implicit))
            run.clear()
        for item in items:
            if isinstance(item, m.Compare) and self._field_checks([item], scope, implicit) is not None:
                run.append(item)
                continue
            close_run()
            out.append(self.expr(item, scope, implicit))
        close_run()
        return out

    def _instants_compare(self, e: m.Compare, scope: set[str], implicit: bool, op) -> Fn | None:
        """`s.at <= n.at` — the instants of two bound facts — as one closure reading both (what ``compare`` answers
        through alias_at and ``_compare_values``: two facts' instants compare as instants); a side bound to anything
        but a fact goes the general way.  None for any other shape."""
        def alias_of(x):
            name = None if implicit else _at_of(x)
            return name if name in scope else None
        left, right = alias_of(e.left), alias_of(e.right)
        if left is None or right is None:
            return None
        ex_left, ex_right = self.expr(e.left, scope, implicit), self.expr(e.right, scope, implicit)

        def compare_instants(env):
            b = env.b
            x, y = b.get(left), b.get(right)
            if type(x) is Event and type(y) is Event:
                return op(x.moment.at, y.moment.at)
            a, c = ex_left(env), ex_right(env)
            return a is not None and c is not None and _compare_values(a, c, op)
        return compare_instants

    @staticmethod
    def _field(e: m.Expr, scope: set[str]) -> tuple[str, str] | None:
        """(alias, attribute) for `alias.attr` on a bound alias (its instant `at` aside)."""
        if isinstance(e, m.Attribute) and isinstance(e.obj, m.Name) and e.obj.name in scope and e.name != "at":
            return e.obj.name, e.name
        return None

    def _constant(self, e: m.Expr, scope: set[str], implicit: bool):
        """The plain value of a literal or a party's name (None if the expression is not one;
        as in ``name``, a bare name in a fact's own requirement is one of its attributes)."""
        if isinstance(e, m.Literal) and type(e.value) in _PLAIN_TYPES:
            return e.value
        if isinstance(e, m.Name) and not implicit and e.name not in scope and e.name in self.c.parties:
            return e.name
        return None

    def arith(self, e: m.Arith, left: Fn, right: Fn) -> Fn:
        op, kind = OPS.get(e.op, e.op), e.kind
        sign = 1 if op == "+" else -1
        cal = self.cal
        if kind == "elapsed" or (kind == "number" and op == "/" and self.c.expr_types.get(id(e.left)) == "elapsed"):
            return _elapsed(op, left, right)
        if kind == "moment_elapsed":
            return _moved_by(op, left, right)

        def arith(env):
            a, b = left(env), right(env)
            if a is None or b is None:
                return None
            if isinstance(b, Period):
                return _shift(a, b, sign, cal, env, kind == "moment")
            if op == "/" and type(a) is timedelta and type(b) is timedelta:  # (a time between two instants over a
                # length — `(v.by.at.day - v.due.day) ÷ 1 days` — where the checker could not tell the first was one: a
                # number, exactly, as ``_elapsed`` gives it: review round 36)
                return _length_ratio(a, b)
            return apply(op, a, b, kind)
        return arith

    def aggregate(self, e, scope: set[str]) -> Fn:
        key = (id(e), frozenset(scope))
        got = self._aggregates.get(key)
        if got is None:  # (the node is kept with it: a node made for one compile and freed cannot lend its id)
            got = self._aggregates[key] = (e, self._aggregate(e, scope))
        return got[1]

    def _aggregate(self, e, scope: set[str]) -> Fn:
        plan = self.pattern(e.pattern, scope)
        settled = self._settled(plan.names[0])
        if self.incremental and len(plan.sources) == 1 and self.pure(e.pattern.where, {plan.names[0]}, aggs=settled) and (
                not isinstance(e, m.Sum) or self.pure(e.value, {plan.names[0]}, aggs=settled)):
            return self._scanned(e, plan, scope)
        if self.incremental and len(plan.sources) == 1 and self._pure_but_end(e, plan.names[0]):
            # (`sum(w.amount for each wage_paid w where w.month < ended)`: summed afresh at every fact once the contract
            # ended — labour.qy's avg_wage, the fuzzer, round 31 —; carried forward as a pure one, for one end)
            plan.reads_end = True
            return self._scanned(e, plan, scope)
        if self.incremental and self._bucketed_shape(e, plan, scope):
            return self._bucketed(e, plan, scope)
        timed_key = self._bucketed_timed_shape(e, plan, scope) if self.incremental else None
        if timed_key is not None:
            return self._bucketed_timed(e, plan, scope, *timed_key)
        if self.incremental and len(plan.sources) == 1 and e.pattern.where is not None:
            timed = self._timed_shape(e, plan, scope)
            if timed is not None:
                return self._timed(e, plan, scope, *timed)
            names = self._bound_reads(e, plan, scope)
            if names:
                return self._per_binding(e, plan, scope, names)
            # (fading before a pure lead: `exists(r where <r alone> and not exists(g where … g.at > r.at))` — the seed's
            # release of a guarantee named by purpose — tested each fact's condition again at every read when kept by
            # its lead, quadratic in the guarantees; refused once, a fact is refused for good)
            if self._fading_shape(e, plan):
                return self._fading(e, plan, scope)
            pure = self._pure_lead(e.pattern.where, plan.names[0])
            if pure and (0, 0) in plan.keys:  # (a part read from the fact alone written before the line's key —
                # `g.party == 乙方 and g.proposal == m.proposal and g.at <= m.at` —: looked up under the key, as the
                # same condition with the key first is, not every kept fact tested for each binding — fuzz round 37)
                names = self._bound_reads(e, plan, scope, first=True)
                if names:
                    return self._per_binding(e, plan, scope, names)
            if pure:
                return self._prefiltered(e, plan, pure, scope)
            # (`not exists(notice_delivered m where m.ref == t.id and … and m.at <= t.at)` of a line's fact `t`: tested
            # in full for every notice of one instant about one termination was quadratic — fuzz round 26, 5,000 notices
            # 14 s; carried per binding of `t`, each notice is tested once per termination)
            names = self._bound_reads(e, plan, scope, first=True)
            if names:
                return self._per_binding(e, plan, scope, names)
        return self._full(e, plan, scope)

    def _pure_but_end(self, e, alias: str) -> bool:
        """Whether an aggregate's condition (and value) reads its own fact, constants and `ended` alone."""
        parts = [e.pattern.where] + ([e.value] if isinstance(e, m.Sum) else [])
        return alias is not None and alias not in BUILTIN_NAMES and all(self.pure(p, {alias}, end=True) for p in parts)

    def _fading_shape(self, e, plan: PatternPlan) -> bool:
        """`exists(x where not exists(g where …))` — an exists( ) over one kind of fact whose condition reads the fact
        alone and constants but for parts `not exists(…)` whose own condition reads their fact, it and constants
        alone (the seed's `exists(performance_bond_expired x where not exists(guarantee_submitted g where … and
        g.valid_until > x.valid_until))`): such a part, once false for a fact, stays false (facts are only ever
        added), so a fact the condition refused is refused for good."""
        alias = plan.names[0]
        if not isinstance(e, m.Exists) or alias is None or (0, 0) in plan.keys:
            return False
        fading = []

        def inner(x) -> bool:
            p = x.pattern
            ok = isinstance(x, m.Exists) and len(p.sources) == 1 and p.sources[0].alias is not None \
                and self.pure(p.where, {alias, p.sources[0].alias})
            fading.append(ok)
            return ok

        for c in _conjuncts(e.pattern.where):
            if self.pure(c, {alias}):
                continue
            if not (isinstance(c, m.Not) and isinstance(c.item, m.Exists) and self.pure(c, {alias}, aggs=inner)):
                return False
        return any(fading) and all(fading)

    def _fading(self, e, plan: PatternPlan, scope: set[str]) -> Fn:
        """``_fading_shape``'s exists( ): the facts its condition refused are not tested again — a place in the kind's
        list before which every fact was refused is carried forward (``Evaluation.carried``); the first fact from it
        on that passes is, as in full, the first match.  The facts of an instant being told apart (hidden ones) go
        the whole way."""
        tname, alias, where = plan.sources[0][0], plan.names[0], plan.where
        whole = self._full(e, plan, scope)

        def fading(env):
            st = env.st
            if st._hidden:
                return whole(env)
            pool = st.history.get(tname, ())
            memo = st.carried.get(fading)
            start = memo[1] if memo is not None and memo[0] is pool else 0
            for i in range(start, len(pool)):
                b = dict(env.b)
                b[alias] = pool[i]
                if where(Env(b, st, env.now)):
                    st.carried[fading] = (pool, i)
                    return True
            st.carried[fading] = (pool, len(pool))
            return False
        return fading

    def pure(self, e: m.Expr | None, aliases: set[str], calls: frozenset | None = None,
             lengths: bool = False, aggs: Callable | None = None, end: bool = False) -> bool:
        """Whether an expression reads nothing but the pattern's own fact and constants (literals,
        parties, tables, parameters that are themselves such): its value for a fact never changes,
        so an aggregate over it can be kept up to date fact by fact instead of recounted.  ``calls`` (the
        functions of their arguments alone it may go through; ``_PURE_CALLS`` by default) and ``lengths`` (`3 days`, `e.days days`, and
        the instants counted from a fact on the rules' calendar: `end of 2 working days after f`, `day 3 after n`): a
        wider reading, the live backend's (``engine.live.patterns._fact_only``); a parameter is read as the
        narrower one reads it either way.  ``aggs``: how an aggregate it holds is read (``cond_keys``), else
        one is not pure."""
        if e is None or isinstance(e, m.Literal):
            return True
        if isinstance(e, m.Name):
            c = self.c
            if e.name in aliases or e.name in c.parties or e.name in c.tables:
                return True
            if end and e.name in BUILTIN_NAMES and e.name not in c.params:  # (`ended`, counted as given: ``_pure_but_end``)
                return True
            return e.name in c.params and self.pure(c.params[e.name].expr, set(), end=end)
        if lengths and isinstance(e, m.DurationValue):
            return self._pure_length(e.duration)
        if isinstance(e, m.DurationValue):  # (`÷ 1 days`: a length of fixed size written out is a constant — the days
            d = e.duration  # of a suspension summed, training.qy 6.2, were recounted at each fact: fuzz round 30)
            # (and months or years: `ended.day - 12 months` is the corresponding day, counted on the date alone)
            return d.ref is None and d.expr is None and d.unit in (Unit.MINUTES, Unit.HOURS, Unit.DAYS, Unit.MONTHS,
                                                                   Unit.YEARS)
        if lengths and isinstance(e, m.EndOf):  # (counted from a fact on the rules' own calendar)
            return self._pure_length(e.duration) and self.pure(e.after, aliases, calls, lengths, aggs, end)
        if lengths and isinstance(e, m.DayAfter):
            return self.pure(e.after, aliases, calls, lengths, aggs, end)
        if lengths and isinstance(e, m.ScaledDuration):
            return self.pure(e.value, aliases, calls, lengths, aggs, end)
        if isinstance(e, m.Attribute):
            return self.pure(e.obj, aliases, calls, lengths, aggs, end)
        if isinstance(e, m.Index):
            return self.pure(e.obj, aliases, calls, lengths, aggs, end) and self.pure(e.key, aliases, calls, lengths, aggs, end)
        if isinstance(e, (m.Compare, m.Arith)):
            return self.pure(e.left, aliases, calls, lengths, aggs, end) and self.pure(e.right, aliases, calls, lengths, aggs, end)
        if isinstance(e, m.BoolOp):
            return all(self.pure(i, aliases, calls, lengths, aggs, end) for i in e.items)
        if isinstance(e, m.Not):
            return self.pure(e.item, aliases, calls, lengths, aggs, end)
        if isinstance(e, m.PercentOf):
            return self.pure(e.of, aliases, calls, lengths, aggs, end)
        if isinstance(e, m.ShareOf):
            return self.pure(e.rate, aliases, calls, lengths, aggs, end) and self.pure(e.of, aliases, calls, lengths, aggs, end)
        if isinstance(e, m.Conditional):
            return all(self.pure(x, aliases, calls, lengths, aggs, end) for x in (e.condition, e.then, e.otherwise))
        if isinstance(e, m.Call):  # (min, max, round…: a function of its arguments alone)
            return BUILTINS.get(e.function) in (_PURE_CALLS if calls is None else calls) and \
                all(self.pure(a, aliases, calls, lengths, aggs, end) for a in e.args)
        if aggs is not None and isinstance(e, (m.Exists, m.Count, m.Sum, m.First)):
            return aggs(e)
        return False

    def consecutive(self, e: m.Consecutive, scope: set[str]) -> Fn:
        """`consecutive(UNIT, V for each P)`: the most periods in a row that some match's V falls in.  Over one
        kind of fact whose condition and value read the fact alone, the periods are carried forward as facts
        come, with the runs they make (``_runs``): the facts since the last call cost what they are, not the
        history.  Over one kind with parts read from the fact alone (`a.score < 80` beside a test of later
        facts), only the facts that pass those parts are tested (``Evaluation.kept``).  The facts of an instant
        being told apart (hidden ones) go the whole way."""
        plan = self.pattern(e.pattern, scope)
        value = self.expr(e.value, scope | {a for _, a in plan.sources if a})
        unit = e.unit
        alias, where = plan.names[0], plan.where
        one = self.incremental and len(plan.sources) == 1 and alias is not None
        pure = self._pure_lead(e.pattern.where, alias) if one else []
        matching = self._kept_matching(plan, pure, scope)[1] if pure else lambda env: env.st.matches(plan, env)

        def full(env):
            seen = set()
            for b in matching(env):
                v = value(Env(b, env.st, env.now))
                if v is not None:
                    seen.add(_period_of_fact(unit, v, b.get(alias)))
            return longest_run(seen)
        if one and self.pure(e.pattern.where, {alias}) and self.pure(e.value, {alias}):
            def carried(env):
                st = env.st
                if st._hidden and plan.sources[0][0] in st._hidden_types:  # (a hidden fact of another kind: nothing it reads)
                    return full(env)
                memo = st.carried.get(carried)
                if memo is None:
                    memo = st.carried[carried] = [0, set(), {}, 0]  # facts seen, periods, runs' ends, longest
                pool = st.history.get(plan.sources[0][0], ())
                if memo[0] < len(pool):
                    now = env.now
                    for cand in pool[memo[0]:]:
                        b = {alias: cand}
                        if where is None or where(Env(b, st, now)):
                            v = value(Env(b, st, now))
                            if v is not None:
                                memo[3] = max(memo[3], _runs(memo[1], memo[2], _period_of_fact(unit, v, cand)))
                    memo[0] = len(pool)
                return memo[3]
            return carried
        return full

    def _pure_lead(self, where: m.Expr | None, alias: str) -> list[m.Expr]:
        """The parts a condition starts with that read its fact alone (``pure``): a fact that fails one is refused
        before anything after it is computed, as the whole condition tested left to right refuses it — so facts
        kept by these parts (``Evaluation.kept``) are the only ones the rest need be tested on, and whatever the
        rest would compute, or fail on (`10 / x.n > 1`), is computed for the very facts it was."""
        lead, settled = [], self._settled(alias)
        for c in _conjuncts(where):
            if not self.pure(c, {alias}, aggs=settled):
                break
            lead.append(c)
        return lead

    def _settled(self, alias: str | None) -> Callable | None:
        """How ``pure`` reads an aggregate inside the condition of an aggregate over facts `alias`: as one that
        never changes for that fact once it is recorded when it counts only facts recorded strictly before it —
        `not exists(sales_report e where e.period_end == r.period_end and e.at < r.at)`, the first report of each
        period (patentlicence.qy 4.5, 6.1) — so the facts it is about are tested once as they come, not again at
        every fact (fuzz round 29: quadratic, 1,600 reports 15 s).  Settled: one kind of fact as the contract's
        facts give it (given in time order: none deemed, none an obligation's stage, which may be dated before
        facts recorded already), a part `e.at < r.at` (or `r.at > e.at`) in its condition, the rest of it and its
        value reading the two facts and constants alone."""
        if alias is None or alias in BUILTIN_NAMES:
            return None
        types = self.c.event_types

        def settled(x) -> bool:
            p = x.pattern
            if len(p.sources) != 1 or p.sources[0].alias in (None, alias) or p.sources[0].lifecycle is not None:
                return False
            src, inner = p.sources[0], p.sources[0].alias
            t = types.get(src.type_name)
            if t is None or t.decl is None or t.derived_from is not None or src.type_name in self.c.deemed:
                return False
            if not any(_strictly_before(c, inner, alias) for c in _conjuncts(p.where)):
                return False
            return self.pure(p.where, {alias, inner}) and (not isinstance(x, m.Sum) or self.pure(x.value, {alias, inner}))
        return settled

    def _pure_length(self, d: m.DurationExpr) -> bool:
        """A length of time written out, or a parameter that is one and reads nothing of an evaluation."""
        return d.ref is None or (d.ref in self.c.params and self.pure(self.c.params[d.ref].expr, set(), lengths=True))

    def _scanned(self, e, plan: PatternPlan, scope: set[str]) -> Fn:
        """An aggregate over one kind of fact whose condition reads only that fact: its count, sum
        and first match are carried forward as facts come (Evaluation.scan), so testing it again
        on every fact costs the new facts only, not the whole history.  While the facts of one
        instant are being told apart (a hidden fact), what the hidden facts add is taken off
        again — a thousand payments at one instant cost a thousand steps, not a million."""
        alias, where = plan.names[0], plan.where
        value = self.expr(e.value, scope | {alias}) if isinstance(e, m.Sum) else None
        full = self._full(e, plan, scope)
        tname = plan.sources[0][0]
        if plan.bucket is not None:  # (counted over the facts filed under the value, not every fact of the kind)
            self.index_keys.add(plan.bucket[0])

        def hidden(env) -> tuple[int, object]:
            """How many of the hidden facts match, and what they add."""
            count, total = 0, 0
            for h in env.st._hiding:
                if h.type != tname:
                    continue
                b = {alias: h}
                if where is None or where(Env(b, env.st, env.now)):
                    count += 1
                    if value is not None:
                        v = value(Env(b, env.st, env.now))
                        if v is not None:
                            total += v
            return count, total

        if isinstance(e, m.Count):
            return lambda env: env.st.scan(plan, None)[1] - (hidden(env)[0] if env.st._hidden else 0)
        if isinstance(e, (m.Exists, m.First)):  # (the first match alone, as in full: the facts after it untested)
            exists = isinstance(e, m.Exists)

            def first(env):
                b = env.st.scan_first(plan)
                if b is None:
                    return False if exists else None
                if env.st._hidden and id(b[alias]) in env.st._hidden:
                    return full(env)  # (the first match is the hidden one: the next one, counted in full)
                return True if exists else b[alias]
            return first
        zero = self._zero(e, plan.sources[0][0])

        def total(env):
            s = env.st.scan(plan, value)[2] + zero
            return s - hidden(env)[1] if env.st._hidden else s
        return total

    def _zero(self, e, etype: str) -> Decimal:
        """The empty sum of a kind of fact: ¥0.00 for a sum of amounts (so that it reads as money), else 0."""
        v = e.value
        money_sum = isinstance(v, m.Attribute) and self._attr_kind(etype, v.name) == "money"
        return Decimal("0.00") if money_sum else Decimal(0)

    def _kept_matching(self, plan: PatternPlan, pure: list[m.Expr], scope: set[str]) -> tuple[PatternPlan, Fn]:
        """For a one-source pattern whose condition starts with ``pure`` (``_pure_lead``): the pattern of those parts,
        whose facts the evaluation keeps as they come (``Evaluation.kept``), and the bindings of the kept facts that
        pass the whole condition — the facts of an instant being told apart (hidden ones) left out."""
        alias, where = plan.names[0], plan.where
        keep = PatternPlan(plan.sources, self.expr(pure[0] if len(pure) == 1 else m.BoolOp(pure[0].span, "and", pure),
                                                   scope | {alias}), {})

        def matching(env):
            st = env.st
            hide = st._hidden
            for cand in st.kept(keep):
                if hide and id(cand) in hide:
                    continue
                b = dict(env.b)
                b[alias] = cand
                if where(Env(b, st, env.now)):
                    yield b
        return keep, matching

    def _timed_shape(self, e, plan: PatternPlan, scope: set[str]) -> tuple | None:
        """An aggregate over one kind of fact whose condition is parts read from the fact alone, then — last — its
        instant compared with a value that does not read it (`q.at <= p.at`: a running total up to the line's fact;
        `h.at < first(x).at`): (the pure parts, the operator, the other side's closure, whether the fact's instant
        is on the left).  None for any other shape (an end of a day compared by the day, a side that may ask to be
        woken, a fact's instant that is not its own moment)."""
        alias = plan.names[0]
        if alias is None or (isinstance(e, m.Sum) and not self.pure(e.value, {alias})):
            return None
        conj = _conjuncts(e.pattern.where)
        impure = [c for c in conj if not self.pure(c, {alias})]
        if len(impure) == 1 and impure[0] is not conj[-1] and all(  # (`y.at <= s.at and y.at.day >= 2026-01-01`: the
                isinstance(c, m.Compare) and all(isinstance(x, (m.Literal, m.Name, m.Attribute)) for x in (c.left, c.right))
                for c in conj if c is not impure[0]):  # part read from the fact alone written last, a plain comparison
            # that cannot fail — tested first, as kept facts, as it would be had it been written first)
            conj = [c for c in conj if c is not impure[0]] + impure
        *pure, last = conj
        if not all(self.pure(c, {alias}) for c in pure) or not isinstance(last, m.Compare) \
                or last.op not in ("<", "<=", ">", ">="):
            return None
        for own, other, left in ((last.left, last.right, True), (last.right, last.left, False)):
            by_day = isinstance(own, m.Attribute) and own.name == "day" and _at_of(own.obj) == alias
            if (by_day or _at_of(own) == alias) and not _reads_name(other, alias) and not self._waits(other) \
                    and not _ends_a_day(other, self.c.params) and not _ends_a_day(own, self.c.params):
                # (`y.at.day <= s.at.day`: the facts' days, in the same order as their instants — the fuzzer, round
                # 30: counted again for each fact, quadratic)
                return pure, last.op, self.expr(other, scope), left, by_day
        return None

    def _timed(self, e, plan: PatternPlan, scope: set[str], pure: list, op: str, other: Fn, left: bool,
               by_day: bool = False) -> Fn:
        """``_timed_shape``'s aggregate: the facts that pass the pure parts are kept as they come, in time order, with
        their running count and total (carried forward, ``Evaluation.carried``); the comparison with the other side's
        instant is a search in that order — a running total up to each fact costs the new facts, not the history
        again (the fuzzer, round 10: `sum(q.amount for each paid q where q.at <= p.at)` was quadratic).  The facts of
        an instant being told apart (hidden ones), a kind recorded out of time order (an event deemed earlier than
        facts recorded already), or another side that is not an instant go the whole way, as does one that cannot be
        computed (the whole test meets it where it did, or not).  ``by_day``: the fact's day compared (`y.at.day`), with
        a day on the other side."""
        (tname, _), alias = plan.sources[0], plan.names[0]
        want = date if by_day else datetime
        keep = None
        if pure:
            keep, _ = self._kept_matching(plan, pure, scope)
        whole = self._full(e, plan, scope)
        value = self.expr(e.value, scope | {alias}) if isinstance(e, m.Sum) else None
        zero = self._zero(e, tname) if isinstance(e, m.Sum) else 0
        kind = "exists" if isinstance(e, m.Exists) else "count" if isinstance(e, m.Count) else \
            "sum" if isinstance(e, m.Sum) else "first"
        if not left:  # (`X >= q.at` is `q.at <= X`)
            op = _MIRRORED[op]
        before = op in ("<", "<=")  # (the facts at the start of the order match; else those at its end)
        strict = op in ("<", ">=")  # (bisect_left: the facts at the very instant are not before it)
        empty = {"exists": False, "count": 0, "sum": zero, "first": None}[kind]

        def timed(env):
            st = env.st
            if st._hidden and tname in st._hidden_types or tname in st._late_types:
                return whole(env)
            pool = st.kept(keep) if keep is not None else st.history.get(tname, ())
            if not pool:  # (nothing passes the fact's own parts: the other side is not computed, as the whole test
                return empty  # does not compute it)
            try:
                x = _norm(other(env))
            except Exception:  # noqa: BLE001 - the whole test raises it, or not, exactly where it did
                return whole(env)
            if type(x) is not want:
                return whole(env)
            memo = st.carried.get(timed)
            if memo is None or memo[0] is not pool:
                memo = st.carried[timed] = (pool, [], [zero], [], {})
            _, ats, totals, values, tails = memo
            if len(ats) < len(pool):
                acc, now = totals[-1], env.now
                for cand in pool[len(ats):]:
                    v = None
                    if value is not None:
                        b = dict(env.b)
                        b[alias] = cand
                        try:
                            v = value(Env(b, st, now))
                        except Exception:  # noqa: BLE001 - a fact the comparison may leave out (a later one, one of
                            return whole(env)  # the very instant): the whole test computes it only if it counts
                        if v is not None:
                            acc += v
                    ats.append(cand.moment.day if by_day else cand.moment.at)  # (only once its value is known: a fact is
                    # kept whole or not at all)
                    values.append(v)
                    totals.append(acc)
            j = (bisect.bisect_left if strict else bisect.bisect_right)(ats, x)
            lo, hi = (0, j) if before else (j, len(ats))
            if kind == "exists":
                return hi > lo
            if kind == "count":
                return hi - lo
            if kind == "sum":
                if before:  # (the running total itself: the very additions the whole test makes, from the empty sum)
                    return totals[hi]
                # the facts from j on, added from the empty sum in their order as the whole test adds them — a
                # difference of running totals is not that sum (1.25 + 1 − 1.25 is 1.00, an amount in a report,
                # not 1; a total past 28 digits loses the small part), so each other side keeps its own tail,
                # carried forward (the facts after j only grow: the kind is in time order)
                tail = tails.get(x)
                if tail is None:
                    tail = tails[x] = [j, zero]
                acc = tail[1]
                for v in values[max(tail[0], j):]:
                    if v is not None:
                        acc += v
                tail[0], tail[1] = len(values), acc
                return acc
            return pool[lo] if hi > lo else None
        return timed

    def _bound_reads(self, e, plan: PatternPlan, scope: set[str], first: bool = False) -> tuple | None:
        """The names of the line's bindings an aggregate over one kind of fact reads, when its condition (and value)
        read nothing else but that fact and constants — `sum(… for each outage y where y.start < m.end and y.end >
        m.start)` of a month `m`: what it comes to for a fact never changes while those bindings are the same.
        ``first``: an `exists( )` / `first( )` too (those with a part read from the fact alone go by ``_carried``, by
        the values the line gives — one a new binding of the same values reuses)."""
        alias = plan.names[0]
        if alias is None or not isinstance(e, (m.Count, m.Sum, m.Exists, m.First) if first else (m.Count, m.Sum)):
            return None
        parts = [e.pattern.where] + ([e.value] if isinstance(e, m.Sum) else [])
        names = tuple(sorted({x.name for p in parts for x in m.nodes(p) if isinstance(x, m.Name)} & (set(scope) - {alias})))
        if not names or any(isinstance(x, (m.EndOf, m.DayAfter)) for p in parts for x in m.nodes(p)):
            return None  # (an instant counted on the calendar may meet a year it does not know: tested as it comes)
        if not all(self.pure(p, {alias, *names}, _BOUND_CALLS, lengths=True, aggs=self._settled(alias)) for p in parts):
            return None
        return names

    def _per_binding(self, e, plan: PatternPlan, scope: set[str], names: tuple) -> Fn:
        """``_bound_reads``'s aggregate carried forward per binding of those names (``Evaluation.carried``, keyed by
        this closure and the bound values, which the entry keeps): the facts recorded since the last call with the same
        binding are tested and added — a month's outages are not summed again for each new outage (the fuzzer, round
        10: 2,000 outages in a month 79 s); an `exists( )` / `first( )`, once it has its first match, keeps it (facts
        are only ever added).  While the facts of an instant are told apart, a hidden fact of this kind sends it the
        whole way (one of another kind changes nothing it reads)."""
        (tname, _), alias = plan.sources[0], plan.names[0]
        where = plan.where
        pure = self._pure_lead(e.pattern.where, alias)
        keep = self._kept_matching(plan, pure, scope)[0] if pure else None
        whole = self._full(e, plan, scope)
        value = self.expr(e.value, scope | {alias}) if isinstance(e, m.Sum) else None
        zero = self._zero(e, tname) if isinstance(e, m.Sum) else 0
        keyed = plan.keys.get((0, 0))  # (`t.ref == x.id`: the facts the index files under the binding's value)
        # (the memo's ways, a module function — a closure read by its sibling closures would be a reference cycle
        # per compile in the compiled module: tests/test_native.py)
        source = (tname, keyed, None if keyed is not None else keep, names, _value_reads(e, names))
        if isinstance(e, (m.Exists, m.First)):
            exists = isinstance(e, m.Exists)

            def first_per_binding(env):
                st = env.st
                if st._hidden and tname in st._hidden_types:
                    return whole(env)
                pool, key, memo = _carried_for(st, env, first_per_binding, source, (None,))  # (…, the first match)
                if memo[3] is None and memo[2] < len(pool):
                    now = env.now
                    try:
                        for i in range(memo[2], len(pool)):
                            b = dict(env.b)
                            b[alias] = pool[i]
                            if where(Env(b, st, now)):
                                memo[3] = pool[i]
                                break
                    except Exception:  # noqa: BLE001 - the whole test meets it where it does (nothing carried past it)
                        return whole(env)
                    memo[2] = len(pool)
                    st.carried[key] = memo
                return (memo[3] is not None) if exists else memo[3]
            return first_per_binding

        def per_binding(env):
            st = env.st
            if st._hidden and tname in st._hidden_types:
                return whole(env)
            pool, key, memo = _carried_for(st, env, per_binding, source, (0, zero))  # (…, how many matched, their total)
            if memo[2] < len(pool):
                now, n, acc = env.now, memo[3], memo[4]
                try:
                    for i in range(memo[2], len(pool)):
                        b = dict(env.b)
                        b[alias] = pool[i]
                        if where(Env(b, st, now)):
                            n += 1
                            if value is not None:
                                v = value(Env(b, st, now))
                                if v is not None:
                                    acc += v
                except Exception:  # noqa: BLE001 - the whole test meets it where it does (nothing is carried past it)
                    return whole(env)
                memo[2:] = [len(pool), n, acc]
                st.carried[key] = memo
            return memo[4] if value is not None else memo[3]
        return per_binding

    def _prefiltered(self, e, plan: PatternPlan, pure: list[m.Expr], scope: set[str]) -> Fn:
        """An aggregate over one kind of fact whose condition has parts that read only that fact
        (`h.passed`) and parts that read the state (`h.at >= first(service_end).at`): the facts
        that pass the first parts are kept as they come (Evaluation.kept); only they are tested
        against the whole condition, instead of every fact of the kind every time."""
        w = e.pattern.where
        keep, matching = self._kept_matching(plan, pure, scope)
        alias, where = plan.names[0], plan.where
        value = self.expr(e.value, scope | {alias}) if isinstance(e, m.Sum) else None
        frees = self._free_sides(w, pure, alias, scope)
        if frees is not None and isinstance(e, (m.Exists, m.First)):
            return self._carried(e, keep, alias, where, frees, matching)
        if isinstance(e, m.Exists):
            return lambda env: next(matching(env), None) is not None
        if isinstance(e, m.Count):
            return lambda env: sum(1 for _ in matching(env))
        if isinstance(e, m.First):
            def first(env):
                b = next(matching(env), None)
                return None if b is None else b[alias]
            return first

        zero = self._zero(e, plan.sources[0][0])

        def total(env):
            acc = zero
            for b in matching(env):
                v = value(Env(b, env.st, env.now))
                if v is not None:
                    acc += v
            return acc
        return total

    def _bucketed_shape(self, e, plan: PatternPlan, scope: set[str]) -> bool:
        """An exists( ) / count( ) / sum( ) over one kind of fact whose condition is the line's facts' key
        (`p.month == a.month`: the index of that kind by month) and parts read from the fact alone: what it
        counts under each value of the key never changes for a fact, so it is carried forward per value."""
        keyed = self._keyed_parts(e, plan, scope, (m.Exists, m.Count, m.Sum))
        if keyed is None:
            return False
        alias, conj, mine = keyed
        return all(self.pure(c, {alias}) or any(c is k for k in mine) for c in conj)

    def _keyed_parts(self, e, plan: PatternPlan, scope: set[str], kinds: tuple) -> tuple | None:
        """(alias, the condition's parts, the very parts the line's key was made of) of an aggregate of ``kinds`` over
        one kind of fact looked up by the key (``_bucketed_shape``, ``_bucketed_timed_shape``), its value read from the
        fact alone; None for any other."""
        if not isinstance(e, kinds) or len(plan.sources) != 1 or (0, 0) not in plan.keys:
            return None
        alias = plan.names[0]
        if alias is None or (isinstance(e, m.Sum) and not self.pure(e.value, {alias})):
            return None
        conj = _conjuncts(e.pattern.where)
        # (the very parts the key was made of: `p.month == a.other` beside `p.month == a.month` is not one)
        mine = self._key_parts(conj, plan.keys[(0, 0)][0], plan.sources[0][0], alias, set(scope))
        return None if mine is None else (alias, conj, mine)

    def _bucketed(self, e, plan: PatternPlan, scope: set[str]) -> Fn:
        """``_bucketed_shape``'s aggregate, carried forward under each value of its key (``Evaluation.carried``,
        keyed by this closure and the value): the facts the index holds under it since the last call are
        tested (their own parts) and added.  A key with an unknown part matches nothing (a comparison with an
        unknown value is false).  The facts of an instant being told apart (hidden ones) go the whole way."""
        (tname, _), alias = plan.sources[0], plan.names[0]
        attrs, key_fn = plan.keys[(0, 0)]
        where = plan.where
        value = self.expr(e.value, scope | {alias}) if isinstance(e, m.Sum) else None
        full = self._full(e, plan, scope)
        zero = self._zero(e, tname) if isinstance(e, m.Sum) else 0
        kind = "exists" if isinstance(e, m.Exists) else "count" if isinstance(e, m.Count) else "sum"

        def bucketed(env):
            st = env.st
            if st._hidden and tname in st._hidden_types:  # (a hidden fact of another kind: nothing it reads)
                return full(env)
            k = key_fn(env)
            if k is None or (type(k) is tuple and None in k):
                return False if kind == "exists" else zero
            pool = st.index[(tname, attrs)].get(k, ())
            memo = st.carried.get((bucketed, k))
            upto, n, acc = (0, 0, zero) if memo is None else memo
            if upto < len(pool):
                bound, now = env.b, env.now
                for i in range(upto, len(pool)):
                    b = dict(bound)
                    b[alias] = pool[i]
                    if where is None or where(Env(b, st, now)):
                        n += 1
                        if value is not None:
                            v = value(Env(b, st, now))
                            if v is not None:
                                acc += v
                st.carried[(bucketed, k)] = (len(pool), n, acc)
            return n > 0 if kind == "exists" else n if kind == "count" else acc
        return bucketed

    def _bucketed_timed_shape(self, e, plan: PatternPlan, scope: set[str]) -> tuple | None:
        """A count( ) / sum( ) over one kind of fact whose condition is its key, parts read from the fact alone, parts
        equating an attribute of it with a value of the line (`x.period_end == r.period_end`) and — last — its instant
        before an instant that does not read it: `sum(x.amount for each paid x where x.kind == "royalty" and
        x.period_end == r.period_end and x.at <= p.at)` (patentlicence 4.4, a running
        total of one quarter's payments up to each payment): (the parts to keep a fact by, the comparison's
        operator, the other side's closure), or None.  The facts under each value of the key are kept in time order
        with their running totals, so each new payment costs itself, not the quarter's payments again (fuzz round
        34: quadratic, ×29–47 at 8× the payments)."""
        keyed = self._keyed_parts(e, plan, scope, (m.Count, m.Sum))
        if keyed is None:
            return None
        alias, conj, mine = keyed
        rest = [c for c in conj if not any(c is k for k in mine) and not self.pure(c, {alias})]
        if not rest or not isinstance(rest[-1], m.Compare) or rest[-1] is not conj[-1]:
            return None  # (the instant compared last: every part before it tested first, as the whole test does)
        *equal, last = rest
        sides = []  # (`x.period_end == r.period_end`: the line's value, part of what the running totals are kept under)
        for c in equal:
            side = next((other for own, other in ((c.left, c.right), (c.right, c.left)) if isinstance(c, m.Compare)
                         and c.op == "==" and self.pure(own, {alias}) and not _reads_name(other, alias)
                         and not self._waits(other)), None)
            if side is None:
                return None
            sides.append(self.expr(side, scope))
        for own, other, op in ((last.left, last.right, last.op),
                               (last.right, last.left, _MIRRORED.get(last.op))):
            if op in ("<", "<=") and _at_of(own) == alias and not _reads_name(other, alias) and not self._waits(other) \
                    and not _ends_a_day(other, self.c.params) and not _ends_a_day(own, self.c.params):
                return [c for c in conj if c is not last], op, self.expr(other, scope), sides
        return None

    def _bucketed_timed(self, e, plan: PatternPlan, scope: set[str], parts: list, op: str, other: Fn,
                        sides: list) -> Fn:
        """``_bucketed_timed_shape``'s aggregate: under each value of the key (``Evaluation.carried``), the facts the
        index holds that pass the other parts, in time order, with their running count and total; the instant on the
        other side is a search in that order.  The facts of an instant being told apart (hidden ones), a kind recorded
        out of time order, another side that is not an instant, or a part that cannot be computed go the whole way."""
        (tname, _), alias = plan.sources[0], plan.names[0]
        attrs, key_fn = plan.keys[(0, 0)]
        tests = [self.expr(c, scope | {alias}) for c in parts]  # (in the order written: a fact failing one is not
        # tested further, as the whole condition refuses it)
        whole = self._full(e, plan, scope)
        value = self.expr(e.value, scope | {alias}) if isinstance(e, m.Sum) else None
        zero = self._zero(e, tname) if isinstance(e, m.Sum) else 0
        strict = op == "<"  # (bisect_left: the facts at the very instant are not before it)

        def bucketed_timed(env):
            st = env.st
            if st._hidden and tname in st._hidden_types or tname in st._late_types:
                return whole(env)
            k = key_fn(env)
            if k is None or (type(k) is tuple and None in k):
                return zero
            try:
                x = _norm(other(env))
            except Exception:  # noqa: BLE001 - the whole test raises it, or not, exactly where it did
                return whole(env)
            if type(x) is not datetime:
                return whole(env)
            pool = st.index[(tname, attrs)].get(k, ())
            try:
                key = (bucketed_timed, k, *[f(env) for f in sides])
                if any(type(v) is Event or isinstance(v, Moment) for v in key[2:]):
                    return whole(env)  # (a fact or an instant: equal as the whole test compares them, not as keys)
                memo = st.carried.get(key)
            except Exception:  # noqa: BLE001 - a value that cannot be computed or kept under: the whole way
                return whole(env)
            if memo is None:
                memo = st.carried[key] = [0, [], [zero]]
            if memo[0] < len(pool):
                ats, totals, now = memo[1], memo[2], env.now
                try:
                    for i in range(memo[0], len(pool)):
                        b = dict(env.b)
                        b[alias] = pool[i]
                        bound = Env(b, st, now)
                        if all(t(bound) for t in tests):
                            v = value(bound) if value is not None else None
                            ats.append(pool[i].moment.at)  # (kept whole or not at all: after its value is known)
                            totals.append(totals[-1] + v if v is not None else totals[-1])
                        memo[0] = i + 1
                except Exception:  # noqa: BLE001 - a fact the comparison may leave out: the whole test computes it
                    return whole(env)  # only if it counts (nothing is carried past it)
            j = (bisect.bisect_left if strict else bisect.bisect_right)(memo[1], x)
            return memo[2][j] if value is not None else j
        return bucketed_timed

    def _free_sides(self, w: m.Expr, pure: list[m.Expr], alias: str, scope: set[str]) -> list[Fn] | None:
        """Where every part of a condition that is not read from the fact alone compares something read from
        the fact alone with something that does not read the fact at all (`h.at >= first(service_end).at`):
        the closures of those other sides — their values decide, with the fact's own, whether it matches.
        None for any other shape."""
        frees = []
        for c in _conjuncts(w):
            if any(c is p for p in pure):
                continue
            if not isinstance(c, m.Compare):
                return None
            for own, other in ((c.left, c.right), (c.right, c.left)):
                if self.pure(own, {alias}) and not _reads_name(other, alias) and not self._waits(other):
                    frees.append(self.expr(other, scope))
                    break
            else:
                return None
        return frees or None

    def _waits(self, e: m.Expr, seen: frozenset = frozenset()) -> bool:
        """Whether computing ``e`` can ask the evaluation to wake at an instant (`passed( )`, here or in a
        parameter it reads): ``_carried`` computes its free sides once per call, where the whole test computes
        them only for a fact that reaches them — a wake asked for where none was would test conditions again
        at another instant."""
        for x in m.nodes(e):
            if isinstance(x, m.Passed):
                return True
            if isinstance(x, m.Name) and x.name in self.c.params and x.name not in seen:
                if self._waits(self.c.params[x.name].expr, seen | {x.name}):
                    return True
        return False

    @staticmethod
    def _carried(e, keep: PatternPlan, alias: str, where: Fn, frees: list[Fn], matching) -> Fn:
        """`exists( )` / `first( )` of ``_prefiltered`` carried forward: while the values ``frees`` read are the
        same, a fact tested once matches as it did (its own parts never change), so only the facts kept since
        are tested — the first match, once found, stays the first.  Kept per evaluation (``Evaluation.carried``,
        keyed by this closure).  The facts of an instant being told apart (hidden ones), or a value that cannot
        be read (a year no calendar knows: the whole test meets it where it did), go the whole way."""
        exists = isinstance(e, m.Exists)

        def whole(env):
            b = next(matching(env), None)
            return (b is not None) if exists else (None if b is None else b[alias])

        def carried(env):
            st = env.st
            if st._hidden:
                return whole(env)
            pool = st.kept(keep)
            try:
                values = tuple(f(env) for f in frees) if pool else ()
            except Exception:  # (the whole test raises it, or not, exactly where it did)
                return whole(env)
            memo = st.carried.get(carried)
            start, found = 0, None
            if memo is not None and memo[0] is pool and memo[1] == values:
                start, found = memo[2], memo[3]
            if found is None:
                bound = env.b
                for i in range(start, len(pool)):
                    cand = pool[i]
                    b = dict(bound)
                    b[alias] = cand
                    if where(Env(b, st, env.now)):
                        found = cand
                        break
            st.carried[carried] = (pool, values, len(pool), found)
            return (found is not None) if exists else found
        return carried

    def _full(self, e, plan: PatternPlan, scope: set[str]) -> Fn:
        """The aggregate counted over every match (the general way)."""
        if isinstance(e, m.Exists):
            return lambda env: next(env.st.matches(plan, env), None) is not None
        if isinstance(e, m.Count):
            return lambda env: sum(1 for _ in env.st.matches(plan, env))
        if isinstance(e, m.First):
            alias = plan.sources[0][1]

            def first(env):
                for b in env.st.matches(plan, env):
                    return b[alias] if alias else b["__first__"]
                return None
            return first
        value = self.expr(e.value, scope | {a for _, a in plan.sources if a})
        zero = self._zero(e, plan.sources[0][0])

        def total(env):
            acc = zero
            for b in env.st.matches(plan, env):
                v = value(Env(b, env.st, env.now))
                if v is not None:
                    acc += v
            return acc
        return total

    def call(self, e: m.Call, scope, implicit) -> Fn:
        fn = BUILTINS[e.function]
        if fn in ("earliest", "latest"):  # of the known moments (unknown ones are left out)
            parts = [self.expr(a, scope, implicit) for a in e.args]
            pick = min if fn == "earliest" else max
            # (`x.at` of a bound fact: of its day alone where its fact is — as `x` itself reads: fuzz round 38)
            ats = [_at_of(a) if _at_of(a) in scope else None for a in e.args]

            def extreme(env):
                known = [(to_moment(v), _day_only(env.b.get(x) if x is not None else v, env))
                         for v, x in ((p(env), x) for p, x in zip(parts, ats)) if v is not None]
                if not known:
                    return None
                if not any(day_only for _, day_only in known):  # (of one instant, by the day it is of: 24:00 of a
                    return pick((k for k, _ in known), key=_at_and_day)  # day is earlier than 00:00 of the next)
                # (one known by its day alone: the answer may be too — the receipt of a day, the sending at 11:00)
                return (_earliest if fn == "earliest" else _latest)(known)
            return extreme
        if fn in ("min", "max", "round", "round_up", "round_down"):
            return _numeric_call(fn, e.kind, [self.expr(a, scope, implicit) for a in e.args])
        if fn in CALENDAR_PLACES or fn in CALENDAR_DAYS:
            return _calendar_place(fn, [self.expr(a, scope, implicit) for a in e.args], self.cal)
        arg = e.args[0]
        if fn == "triggered":
            name = arg.name
            return lambda env: env.st.triggered(name)
        if fn == "open":
            name = arg.name
            return lambda env: env.st.is_open(name)
        if fn == "accrued":
            name = arg.name
            return lambda env: env.st.accrued_total(name, env.now)
        if fn == "day_alone":  # (a bound fact, or its instant `x.at`: whether its fact gave it as a bare date)
            alias = arg.name if isinstance(arg, m.Name) and arg.name in scope else _at_of(arg)
            if alias is not None and alias in scope:
                return lambda env: _day_only(env.b.get(alias), env)
            a = self.expr(arg, scope, implicit)
            return lambda env: _day_only(a(env), env)
        a = self.expr(arg, scope, implicit)
        if fn == "present":
            if isinstance(arg, m.Attribute) and isinstance(arg.obj, m.Name) and arg.obj.name in scope \
                    and arg.name not in ("id", "at"):
                alias, attr = arg.obj.name, arg.name  # `present(n.signed_at)`: read off the bound fact (as alias_attr)

                def present_attr(env):
                    v = env.b.get(alias)
                    return v.attrs.get(attr) is not None if type(v) is Event else a(env) is not None
                return present_attr
            return lambda env: a(env) is not None
        parties = list(self.c.parties)

        def other(env):
            p = a(env)
            rest = [q for q in parties if q != p]
            return rest[0] if p in parties and len(rest) == 1 else None
        return other


def _day_of(v) -> date | None:
    """The calendar day a moment counts as (24:00 of D is D), a fact's day, a date."""
    if isinstance(v, Event):
        return v.moment.day
    if isinstance(v, Moment):
        return v.day
    if isinstance(v, datetime):
        return Moment.of(v).day
    return v if isinstance(v, date) else None


def _calendar_place(fn: str, parts: list[Fn], cal) -> Fn:
    """The end (24:00) of a day the contract names by its place in the calendar: the month's,
    quarter's or year's last day; day N of this or the next month (a month without it: its last
    day, as 民法典第202条 reads a missing corresponding day); the N-th official working day of
    this or the next month; a day, or the working day after it when it is a rest day or holiday."""
    when = parts[-1]
    n_of = parts[0] if len(parts) == 2 else None

    def place(env):
        d = _day_of(when(env))
        if d is None:
            return None
        if fn == "day_end":  # (“至2027年2月28日止”: 24:00 of that day, which belongs to it)
            day = d
        elif fn == "month_end":
            day = timecalc.last_day_of_month(d.year, d.month)
        elif fn == "quarter_end":
            day = timecalc.quarter_end(d)
        elif fn == "year_end":
            day = date(d.year, 12, 31)
        elif fn == "working_day_from":  # (the day itself if a working day, else the next one: 第203条 on a date)
            day = timecalc.working_day_from(cal, d)
        elif fn == "working_day_until":  # (the day itself if a working day, else the last one before it)
            day = timecalc.working_day_until(cal, d)
        else:
            n = n_of(env)
            year, month = timecalc.month_after(d, 1 if "next_month" in fn else 0)
            if fn.startswith("working_day"):
                day = timecalc.working_day_of_month(cal, year, month, n)
            else:
                day = min(date(year, month, 1) + timedelta(days=n - 1), timecalc.last_day_of_month(year, month))
        return Moment.end_of_day(day)
    return place


def _numeric_call(fn: str, kind: str | None, parts: list[Fn]) -> Fn:
    """min / max over values (an unknown value leaves the result unknown), or a value rounded."""
    if fn in ("min", "max"):
        pick = min if fn == "min" else max

        def extreme(env):
            vals = [p(env) for p in parts]
            return None if any(v is None for v in vals) else pick(vals)
        return extreme
    value, step = parts[0], parts[1] if len(parts) > 1 else None

    def round_(env):
        v = value(env)
        s = step(env) if step is not None else None
        if v is None or (step is not None and s is None):
            return None
        return rounded(fn, v, s, kind)
    return round_


def _missing_row(table: str, k, span: m.Span, ev, env: Env) -> QiyueError:
    if not (isinstance(ev, Event) and ev.line is not None):  # the number is not a fact's attribute: a bound fact
        ev = next((v for v in env.b.values() if isinstance(v, Event) and v.line is not None), None)
    if ev is None:
        return QiyueError([diag("unknown_row", span, table=table, row=shown(k), hint="hint:unknown_row")])
    return QiyueError([diag("unknown_row.fact", span, table=table, row=k if isinstance(k, int) and abs(k) < 10 ** 12
                            else shown(k), line=ev.line, id=ev.id, hint="hint:unknown_row")])


_PURE_CALLS = frozenset({"round", "round_up", "round_down", "min", "max", "present", "day_alone",
                         # (and the places in the calendar counted on the dates alone — 24:00 of the day, of its month's,
                         # quarter's, year's last day, of day N of this or the next month —, not those reading the
                         # rules' calendar, which may not know the year: a count of the same month, `month_end(y) ==
                         # month_end(s)`, and a param `day_end(…)` were recounted at every fact, the fuzzer, round 31)
                         "day_end", "month_end", "quarter_end", "year_end", "day_of_month", "day_of_next_month"})
# (builtins reading their arguments alone: `present(c.party)` too — a fact with it or without it — the fuzzer, round 10)
_ORDER_CALLS = frozenset({"earliest", "latest"})  # (of their arguments alone too: the earlier or later instant)
_BOUND_CALLS = _PURE_CALLS | _ORDER_CALLS | {"other"}  # (``_bound_reads``: `other(t.party)` is the party that is not it)
_PERIOD_PARTS = frozenset(("start", "end", "last_day", "label"))  # (what `period.x` reads)


def _get(obj, attr):
    if obj is None:
        return None
    if isinstance(obj, Event):
        if attr == "id":
            return obj.id
        if attr == "at":
            return obj.moment
        return obj.attrs.get(attr)
    if isinstance(obj, PeriodValue):
        if attr in _PERIOD_PARTS:
            return getattr(obj, attr)
        raise KeyError(attr)
    if isinstance(obj, dict):
        return obj.get(attr)
    if isinstance(obj, Moment) and attr == "day":
        return obj.day
    if isinstance(obj, datetime) and attr == "day":
        return Moment.of(obj).day
    return None


def _field_is(alias: str, attr: str, is_id: bool, op, const) -> Fn:
    """``Compiler._field_checks`` of a single comparison of a bound attribute with a constant (`n.method != "fax"`,
    `s.cause == "supplier"`: the commonest test of all): the same answers, without the loop over checks."""
    def field_is(env):
        ev = env.b.get(alias)
        if type(ev) is Event:
            a = ev.id if is_id else ev.attrs.get(attr)
        else:
            a = _get(ev, attr)
        if a is None:
            return False
        try:
            if type(a) in _PLAIN_TYPES:  # (a constant is always of a plain type)
                return True if op(a, const) else False
            return True if _compare_values(a, const, op) else False
        except TypeError:  # (an attribute of any kind holding text, ordered against a number)
            raise _not_comparable(a, const) from None
    return field_is


def _datetime_day(dt: datetime) -> date:
    """``Moment.of(dt).day`` of a datetime (an attribute a fact gave), without making the Moment: its day in contract
    time (naive: contract time already)."""
    tz = dt.tzinfo
    if tz is None:
        return dt.date()
    return (dt if tz is timecalc.CONTRACT_TZ else dt.astimezone(timecalc.CONTRACT_TZ)).date()


_FIXED = {"minutes": timedelta(minutes=1), "hours": timedelta(hours=1), "days": timedelta(days=1)}


def fixed_length(v) -> timedelta:
    """An elapsed time, or a duration of fixed length (minutes, hours, days of 24 hours) as one."""
    if isinstance(v, timedelta):
        return v
    if isinstance(v, Period) and v.unit.value in _FIXED:
        return _FIXED[v.unit.value] * v.amount
    raise ValueError(f"{v.describe() if isinstance(v, Period) else v} has no fixed length")


def _length_ratio(a: timedelta, b: timedelta) -> Decimal:
    """One length of time over another, a number, exactly (÷ 1 hours gives hours)."""
    if not b:
        raise ZeroDivisionError("division by zero")
    return Decimal(a // timedelta(microseconds=1)) / Decimal(b // timedelta(microseconds=1))


def _elapsed(op: str, left: Fn, right: Fn) -> Fn:
    """Time between two instants (``-`` of moments), plus or minus a fixed duration, or divided by
    one (a number: ÷ 1 hours gives hours, exactly)."""
    def elapsed(env):
        a, b = left(env), right(env)
        if a is None or b is None:
            return None
        if op == "/":
            return _length_ratio(fixed_length(a), fixed_length(b))
        if isinstance(a, timedelta):
            return a + fixed_length(b) if op == "+" else a - fixed_length(b)
        return _as_instant(_norm(a)) - _as_instant(_norm(b))
    return elapsed


def _carried_for(st, env, owner, source: tuple, fresh: tuple) -> tuple:
    """``Compiler._per_binding``'s memo of ``owner`` for the binding of ``env``: (the facts to go through — filed under
    the key, else kept, else all, in the order they came —, the memo's key, the memo: [pool, the bound values (kept:
    their ids stay theirs), how many tested, *``fresh``] — a new one where the pool is not the one it was made for).
    ``source``: (the kind, its index key or None, the pattern of the facts kept or None, the names bound, the attributes
    of them it reads — ``_value_reads`` — or None).  Keyed by those attributes' values where it reads nothing else of
    the bound facts: the claims of one month share one count (`count(claim d where d.month == c.month)`, each new claim
    counted again from the first: the fuzzer, round 28), else by the bound facts themselves."""
    tname, keyed, keep, names, reads = source
    if keyed is not None:
        pool = st.index[(tname, keyed[0])].get(keyed[1](env), ())
    else:
        pool = st.kept(keep) if keep is not None else st.history.get(tname, ())
    bound = tuple(env.b.get(n) for n in names)
    key = None
    if reads is not None and all(type(env.b.get(n)) is Event for n, _ in reads):
        values = tuple(_get(env.b.get(n), a) for n, a in reads)
        if all(type(v) in _KEYABLE for v in values):
            key = (owner, values)
    if key is None:
        key = (owner, tuple(map(id, bound)))
    memo = st.carried.get(key)
    if memo is None or memo[0] is not pool:
        memo = [pool, bound, 0, *fresh]
    return pool, key, memo


_KEYABLE = frozenset((str, int, bool, Decimal, date, type(None)))  # (values equal when they say the same: a key)


def _value_reads(e, names: tuple) -> tuple | None:
    """The attributes of the bound ``names`` an aggregate's condition (and value) reads — `c.month` —, None where it
    reads a bound fact otherwise (the fact itself, its instant, a function of it)."""
    parts = [e.pattern.where] + ([e.value] if isinstance(e, m.Sum) else [])
    reads, objs = set(), set()
    for p in parts:
        for x in m.nodes(p):
            if isinstance(x, m.Attribute) and isinstance(x.obj, m.Name) and x.obj.name in names:
                if x.name == "at":
                    return None
                reads.add((x.obj.name, x.name))
                objs.add(id(x.obj))
    for p in parts:
        for x in m.nodes(p):
            if isinstance(x, m.Name) and x.name in names and id(x) not in objs:
                return None
    return tuple(sorted(reads)) or None


def _moved_by(op: str, left: Fn, right: Fn) -> Fn:
    """An instant moved by an elapsed time (`p.at + (b.at − a.at)`, `(b.at − a.at) + p.at`): that much later, or
    earlier with ``-`` — exactly, as the two instants the time is between were apart."""
    def moved(env):
        a, b = left(env), right(env)
        if a is None or b is None:
            return None
        if isinstance(a, timedelta):
            a, b = b, a
        at = _as_instant(_norm(a))
        return Moment.of(at + b if op == "+" else at - b)
    return moved


def _as_instant(v):
    if isinstance(v, date) and not isinstance(v, datetime):
        return Moment.start_of_day(v).at
    return v


def _shift(a, period: Period, sign: int, cal, env, clock: bool = False):
    """date ± duration by 民法典第202条 (months: corresponding day); moments as terms; an instant less hours or
    minutes, that much earlier; ``clock`` (the checker typed `DATE + N hours` an instant): that time of the day."""
    hours = period.unit in (Unit.HOURS, Unit.MINUTES)
    if isinstance(a, (Moment, Event, datetime)):
        if sign < 0:
            if not hours:
                return None
            step = timedelta(hours=period.amount) if period.unit is Unit.HOURS else timedelta(minutes=period.amount)
            return Moment.of(to_moment(a).at - step)
        return env.st.count(to_moment(a), period, Counting.TERM).end()
    if hours:  # (hours on a date: a time of that day where the checker typed it so, else nothing)
        if not clock or sign < 0 or not isinstance(a, date):
            return None
        return env.st.count(Moment.of(datetime(a.year, a.month, a.day, tzinfo=timecalc.CONTRACT_TZ)), period,
                            Counting.TERM).end()
    n = period.amount * sign
    if period.unit is Unit.DAYS:
        return a + timedelta(days=n)
    if period.unit is Unit.MONTHS:
        return add_months(a, n)
    if period.unit is Unit.YEARS:
        return add_months(a, 12 * n)
    if period.unit is Unit.WORKING_DAYS:
        if n >= 0:
            return add_working_days(a, n, cal)
        d, left = a, -n
        while left:
            d -= timedelta(days=1)
            left -= cal.is_working_day(d)
        return d
    return None


def plain_compare(c, aliases: set[str], parties) -> bool:
    """A comparison that can never stop the replay: each side a fact's own attribute, a literal or a party."""
    return isinstance(c, m.Compare) and all(
        isinstance(x, m.Literal) or (isinstance(x, m.Name) and x.name in parties)
        or (isinstance(x, m.Attribute) and isinstance(x.obj, m.Name) and x.obj.name in aliases)
        for x in (c.left, c.right))


def _period_of_fact(unit: str, value, fact) -> int:
    """``period_index`` of a value read from ``fact`` (`b.month` of `consecutive(month, b.month for each …)`): a value
    that names no period is that fact's error — the report names it and its line, not the fact being taken when the
    count was asked for (a signing that let a held assessment be counted, or none at all; the fuzzer, round 9)."""
    try:
        return period_index(unit, value)
    except timecalc.LengthError as exc:
        if getattr(exc, "fact", None) is None and type(fact) is Event:
            exc.fact = fact
        raise


_MIRRORED = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}  # (`X >= q.at` is `q.at <= X`)


def _strictly_before(c: m.Expr, inner: str, outer: str) -> bool:
    """Whether a part of a condition is `inner.at < outer.at` (or `outer.at > inner.at`): the instants themselves."""
    def at(x, name):
        return isinstance(x, m.Attribute) and x.name == "at" and isinstance(x.obj, m.Name) and x.obj.name == name
    return isinstance(c, m.Compare) and (c.op == "<" and at(c.left, inner) and at(c.right, outer)
                                         or c.op == ">" and at(c.left, outer) and at(c.right, inner))


def _conjuncts(e: m.Expr | None) -> list[m.Expr]:
    if e is None:
        return []
    if isinstance(e, m.BoolOp) and e.op == "and":
        return [c for item in e.items for c in _conjuncts(item)]
    return [e]


def _plain_part(e: m.Expr) -> bool:
    """A part of a condition with nothing to compute: attributes, names and literals, compared or negated."""
    return all(isinstance(x, (m.Attribute, m.Name, m.Literal, m.Compare, m.Not)) for x in m.nodes(e))


def _reads_name(e: m.Expr, name: str) -> bool:
    """Whether ``name`` appears anywhere in ``e`` (an alias, a parameter)."""
    return any(isinstance(x, m.Name) and x.name == name for x in m.nodes(e))


def _only_names(e: m.Expr) -> set[str]:
    """The aliases an expression reads (for join planning); a sentinel when it aggregates."""
    if isinstance(e, m.Name):
        return {e.name}
    if isinstance(e, m.Attribute):
        return _only_names(e.obj)
    if isinstance(e, m.Literal):
        return set()
    return {"\0complex"}


def reads_accrued(e, checked: Checked, seen: set | None = None) -> bool:
    """Whether an expression reads `accrued( )`, itself or through a parameter or period."""
    seen = set() if seen is None else seen
    for x in m.nodes(e):
        if isinstance(x, m.Call) and BUILTINS.get(x.function) == "accrued":
            return True
        if isinstance(x, m.Name) and x.name not in seen:
            seen.add(x.name)
            if x.name in checked.params and reads_accrued(checked.params[x.name].expr, checked, seen):
                return True
            if x.name in checked.periods and reads_accrued(checked.periods[x.name].anchor, checked, seen):
                return True
    return False


ACCRUED = "accrued:"  # (a `when` reading `accrued(X)` is tested again when a row of X arises: this kind names it)


def accrued_read(e, checked: Checked, seen: set | None = None) -> set[str]:
    """The kinds ``ACCRUED + X`` of each `accrued(X)` an expression reads, itself or through a parameter or period."""
    seen = set() if seen is None else seen
    out = set()
    for x in m.nodes(e):
        if isinstance(x, m.Call) and BUILTINS.get(x.function) == "accrued" and x.args and isinstance(x.args[0], m.Name):
            out.add(ACCRUED + x.args[0].name)
        if isinstance(x, m.Name) and x.name not in seen:
            seen.add(x.name)
            if x.name in checked.params:
                out |= accrued_read(checked.params[x.name].expr, checked, seen)
            if x.name in checked.periods:
                out |= accrued_read(checked.periods[x.name].anchor, checked, seen)
    return out


def referenced_types(e, checked: Checked, seen: set | None = None) -> set[str]:
    """Event types an expression depends on, through parameters and periods too."""
    seen = set() if seen is None else seen
    out: set[str] = set()

    def walk(x):
        if isinstance(x, (list, tuple)):  # (an obligation's suspensions and extensions are pairs of patterns)
            for i in x:
                walk(i)
            return
        if isinstance(x, m.Source):
            out.add(Checker.source_type_name(x))
        elif isinstance(x, m.Name):
            if x.name in checked.params and x.name not in seen:
                seen.add(x.name)
                walk(checked.params[x.name].expr)
            elif x.name in checked.periods and x.name not in seen:
                seen.add(x.name)
                walk(checked.periods[x.name].anchor)
            elif x.name in BUILTIN_NAMES and x.name not in checked.params:  # `ended` changes when a ground ends it
                out.update(t.name for t in checked.rules.terminations)
        elif isinstance(x, m.Call) and x.function in BUILTINS and BUILTINS[x.function] == "triggered":
            out.update(f"{x.args[0].name}.{p}" for p in ("triggered",))
        elif isinstance(x, m.Call) and x.function in BUILTINS and BUILTINS[x.function] == "open":
            out.update(f"{x.args[0].name}.{p}" for p in ("triggered", "fulfilled", "violated", "excused"))
        if isinstance(x, (m.Expr, m.Pattern)) or hasattr(x, "__dataclass_fields__"):
            for f in getattr(x, "__dataclass_fields__", {}):
                v = getattr(x, f)
                if isinstance(v, (list, tuple)):
                    walk(v)
                elif hasattr(v, "__dataclass_fields__") and not isinstance(v, m.Span):
                    walk(v)
    walk(e)
    return out


def referenced_assumptions(node, checked: Checked) -> list[str]:
    """The assumptions a rule rests on, through parameters and periods too, and through the remedies whose
    `accrued( )` it reads (a lease's author: a deposit's balance rests on how the damages it deducts are counted),
    in file order."""
    found: set[str] = set()
    seen: set[int] = set()
    stack = [node]  # (without recursion: a chain of remedies each reading the one before through `accrued( )`, each
    while stack:  # amount deep, is thousands of levels — fuzz round 35)
        x = stack.pop()
        if x is None or isinstance(x, (str, int, float, bool, m.Span)) or id(x) in seen:
            continue
        seen.add(id(x))
        n = x.name if isinstance(x, m.Name) else x.ref if isinstance(x, m.DurationExpr) and x.ref else None
        if n is not None:
            if n in checked.params:
                if checked.params[n].is_assumption:
                    found.add(n)
                stack.append(checked.params[n].expr)
            elif n in checked.periods:
                stack.extend((checked.periods[n].anchor, checked.periods[n].duration))
        if isinstance(x, m.Call) and BUILTINS.get(x.function) == "accrued" and x.args \
                and isinstance(x.args[0], m.Name) and x.args[0].name in checked.remedies:
            stack.append(checked.remedies[x.args[0].name])  # (what the remedy's rows come to rests on its own readings)
        if isinstance(x, list):
            stack.extend(reversed(x))
        elif hasattr(x, "__dataclass_fields__"):
            stack.extend(getattr(x, f) for f in reversed(list(x.__dataclass_fields__)))
    return [p.name for p in checked.rules.params if p.name in found]


__all__ = ["referenced_assumptions", "Compiler", "Env", "Event", "PeriodValue", "PatternPlan", "to_moment", "referenced_types", "LIFECYCLE"]


def _compared_step(left, right, value, other, op) -> Step:
    """A comparison's reason: what each side counts (a side with nothing to say left out); where both sides count facts
    (a sum of refunds against a sum of deposits) they are told apart (``sides``: 前者 / 后者) — not "nothing matched;
    matched: dep" in one breath (contract round 39)."""
    args = {"parts": [x for x in (left, right) if x], "value": value}
    if left and right:
        args["sides"] = True
    if other is not None:
        args["other"], args["op"] = other, op
    return Step("compared", args)

