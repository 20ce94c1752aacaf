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
from collections import Counter
import itertools
import operator
import types
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Iterator

from ..time import timecalc
from ..lang.checker import money
from .compiler import ACCRUED, DAY_ONLY, DayOnly, Env, Event, _at_and_day, _day_only, PatternPlan, PeriodValue, _day_of, end_moment, end_of, fixed_length, read_day_only, to_moment
from ..diagnostics import QiyueError, diag
from .steps import Quantity, Step, TypeRef, nested, plain
from ..time.timecalc import (CONTRACT_TZ, CalendarYearUnknown, bare_start, Counting, Deadline, Moment, Period, Unit,
    count, count_back, earliest_end)
from .state import (Status, PHASE_DEADLINE, PHASE_EVENT, PHASE_DECIDE, PHASE_END, PHASE_BEGIN, PHASE_LATE, PHASE_DAY_END,
    _AT, _WHEN_ID, _new_step, _NOTHING_BOUND, _NO_DOUBT, _DUTY_WITHOUT_END, _DUTY_END_OPEN, _MAY_PERFORM,
    _phase_of, _phase_of_end, first_at_or_after, TimeOrder, Quotes, _by_content, MAX_CASCADE, _EFFECTS, refs, Instance, Remedy, DaysCounted,
    Pending, Finding)
from .plans import (SKIPPED, TriggerPlan, Way, ObligationPlan, RemedyPlan, DeemedPlan, FindingPlan, _FACT_LIKE,
    LifePlan, deadline_at, _kind, Prepared)


def _unknown_key(k) -> bool:
    """Whether a key has an unknown part: it names no fact (a comparison with an unknown value is false)."""
    return k is None or (type(k) is tuple and None in k)


def _with_change(before: tuple, then: tuple | None, now: tuple) -> tuple:
    """``before`` (what `open( )` and `triggered( )` read: running duties by obligation, those triggered) with the
    change from ``then`` to ``now`` added (``Evaluation.match_again``: what the instant's deemed events did)."""
    if then is None:
        return before
    running = dict(before[0])
    for name in then[0].keys() | now[0].keys():
        change = now[0].get(name, 0) - then[0].get(name, 0)
        if change:
            running[name] = running.get(name, 0) + change
    return running, before[1] | (now[1] - then[1])


def _amount_unknown(r, amount) -> bool:
    """Whether a row of a remedy that has an amount came to none — a value it reads is not known: then neither is
    the total `accrued( )` reads (never taken as nought — a builder's case)."""
    return amount is None and r.plan.amount is not None


# the most later periods one declaration brings forward at once (`accelerated by … with later periods`; a daily series
# to the year 9999 would be millions): the rest begin as they would have
MAX_ACCELERATED = 10_000
_PER_HOUR = {True: types.MappingProxyType({"per_hour": True}), False: types.MappingProxyType({})}  # (said where
# it holds: the steps of every other amount stay as they were)


def _same_day_alone(bindings, trigger_id, end: Event) -> bool:
    """Whether what a duty or right arose from is a fact known by the day alone of the day a termination known by its
    day alone (``end``) ended the contract — not that termination's own fact."""
    fact = _trigger_fact(bindings, trigger_id)
    source = end.attrs.get("source")
    return fact is not None and fact.bare and fact.moment.day == end.moment.day and fact.id not in (source, end.id) \
        and not any(type(v) is Event and v.id == source for v in (bindings or {}).values())


def _bound_ids(bindings) -> tuple:
    """The facts a duty's or row's bindings name, by id (a derived event's id is made from its source's: the same in
    both replays of ``Evaluation.day_alone_decides``)."""
    return tuple(sorted((k, v.id) for k, v in (bindings or {}).items() if type(v) is Event))


def _duty_key(inst) -> tuple:
    return inst.trigger_id, inst.triggered.at, _bound_ids(inst.bindings)


def _duty_day_key(inst) -> tuple:
    """``_duty_key`` by the day a duty arose: the same duty of two replays that end the contract at two instants of one
    day (``order_decides``: a refund owed from the end)."""
    return inst.trigger_id, inst.triggered.day, _bound_ids(inst.bindings)


def _row_day_key(r) -> tuple:
    """``_row_key`` by the day a row arose (``_duty_day_key``), without its bindings: a row set off after an end of its
    day alone, in doubt, keeps none (review round 43: one late fact gave a row from each replay)."""
    return r.plan.decl.name, r.trigger_id, r.holder, r.since.day


def _row_key(r) -> tuple:
    inst = r.instance
    return (r.plan.decl.name, r.trigger_id, r.holder, r.since.at,
            _bound_ids(inst.bindings) if inst is not None else _bound_ids(r.bindings))


def _loose(key, deemed):
    """``key`` with the id of each event the contract deems written as its kind alone: the same deemed acceptance of one
    instant comes from the missed review in one replay, the missed meeting in the other (``tentative_decides``).  (One
    closure, reading no sibling: compiled, siblings share a scope — a reference cycle per call, tests/test_native.py.)"""
    return lambda item: _canon(key(item), deemed)


def _canon(x, deemed):
    """``_loose``'s writing of a key: an id of a deemed event as its kind, in tuples too."""
    if type(x) is str and ":" in x and x.partition(":")[0] in deemed:
        return x.partition(":")[0]
    if type(x) is tuple:
        return tuple(_canon(y, deemed) for y in x)
    return x


def _paired(items, key) -> dict:
    """``items`` by ``key``, each key's in their order (the rows of a join share a trigger and an instant)."""
    out: dict = {}
    for x in items:
        out.setdefault(key(x), []).append(x)
    return out


def _is_within_day(moment: Moment, at: datetime) -> bool:
    """Whether the instant ``at`` lies within the day of ``moment`` (an event known by that day alone), after the
    earliest instant it may have come at: it may then have come before ``at`` or after it."""
    return moment.at < at < Moment.end_of_day(moment.day).at


def _recomputed(r) -> bool:
    """Whether a `recomputed daily` row still accrues (it stops once the duty behind it is performed); a one-off
    amount recomputed (the price still unpaid) follows the facts while the row is held."""
    if not r.plan.decl.per_day:
        return r.status == "held"
    return r.status != "lapsed" and (r.instance is None or r.instance.fulfilled is None)


def _performed_at_day_end(r, at) -> bool:
    """A `recomputed daily at day end` row whose duty was performed at ``at``: the performing fact's day is on its
    end balance, so the row is recomputed once more, at that instant."""
    return r.plan.decl.recomputed_at_end and r.plan.decl.per_day and r.status != "lapsed" \
        and r.instance is not None and r.instance.fulfilled is not None and r.instance.fulfilled.at == at


def _late(d, moment) -> bool:
    """Whether an act at ``moment`` comes after the period ``d``: an event at 24:00 of a period's last day (a
    guarantee lapsing at the end of its last valid day, `day_end( )`) belongs to that day (docs/language.md §9:
    "24时发生的事件属于当日") and is in time; a fact recorded at 00:00 of the next day is on that day and late."""
    if not d.is_late(moment.at):
        return False
    return not (d.last_day is not None and not d.inclusive and moment.at == d.due and moment.day <= d.last_day)


def _later_refs(facts: list[Event], ref_attrs: dict) -> dict:
    """The facts (in time order) named by a reference of a fact before them: id -> [(referring fact, attribute)]."""
    if not ref_attrs:
        return {}
    at = {e.id: e.moment.at for e in facts}
    out: dict = {}
    for e in facts:
        for attr in ref_attrs.get(e.type, ()):
            ref = e.attrs.get(attr)
            later = at.get(ref) if ref is not None else None
            if later is not None and later > e.moment.at and not (e.bare and later < Moment.end_of_day(e.moment.day).at):
                # (a fact given by its day alone that names a fact of that same day at an hour: not "after" it — its
                # hour is unknown, and a reference says it came after; review round 24)
                out.setdefault(ref, []).append((e, attr))
    return out


def _trigger_event(r: Remedy):
    """The event a remedy row arose from (its first `triggered_by` fact: a duty's violation, worded with its source
    fact), as the words of a later row cite it (`each day counted once`: the days it counted) — its id if none."""
    for step in r.because[:1]:
        if type(step) is Step and step.code == "triggered_by" and step.args.get("facts"):
            return step.args["facts"][0]
    return r.trigger_id


def _due_value(d: Deadline | None):
    """A duty's due as its stages give it (`t.due`): a period of days ends at 24:00 of its last day — that instant
    with the day it belongs to, so that a period counted `after` it starts the next day (第201条) as one after
    `day_end( )` of that day does, not a day later (contract round 32: 保证期间 from the main debt's due); a period of
    hours, its last instant."""
    if d is None:
        return None
    if d.last_day is not None and d.counting is not Counting.DEEMED_DAY and d.due == Moment.end_of_day(d.last_day).at:
        return d.end()
    return d.due


def _held(r: Remedy) -> bool:
    return r.status == "held"


def _since(r: Remedy) -> datetime:
    return r.since.at


def _since_and_day(r: Remedy) -> tuple:
    return _at_and_day(r.since)


def _in_order_of_arising(rows) -> list:
    """Rows in the order they arose; rows of one instant by what set them off, never by the facts' ids (`each day
    counted once`, `total at most`: which row counts a day or takes the cap first must not turn on how the facts
    were numbered — the fuzzer, round 37)."""
    out = sorted(rows, key=_since_and_day)  # (24:00 of a day before 00:00 of the next: the day first — review 40)
    i, n = 0, len(out)
    while i < n:
        j = i + 1
        at = _since_and_day(out[i])
        while j < n and _since_and_day(out[j]) == at:
            j += 1
        if j - i > 1:
            out[i:j] = sorted(out[i:j], key=_what_set_off)
        i = j
    return out


def _what_set_off(r: Remedy) -> tuple:
    """What set a row off, as content (``_content``): its trigger fact, else its bindings' facts."""
    bindings = r.bindings if r.bindings is not None else r.instance.bindings if r.instance is not None else {}
    # (a reference to a fact the rule bound — an order's `quote: ref (quote)` — by that fact's content, not the id it
    # names: the fuzzer, round 38)
    bound = {v.id: v for v in bindings.values() if type(v) is Event}
    fact = _trigger_fact(bindings, r.trigger_id)
    if fact is not None:
        return (_content(fact, 0, bound),)
    return tuple(sorted(_content(v, 0, bound) for v in bound.values()))  # (each an event's content)


def _content(e, depth: int = 0, bound: dict | None = None) -> tuple:
    """An event by what it says — its kind and attributes, the facts it holds by theirs (and, given ``bound``, the facts
    it names by their ids by theirs too) —, not by its id."""
    if depth > 3:
        return (e.type,)
    return (e.type, tuple(sorted((k, _value_content(v, depth, bound)) for k, v in e.attrs.items() if k[:2] != "__")))


def _value_content(v, depth: int, bound: dict | None) -> tuple:
    if type(v) is Event:
        return ("e", _content(v, depth + 1, bound))
    if bound and type(v) is str and v in bound:
        return ("e", _content(bound[v], depth + 1, bound))
    return ("v", type(v).__name__, repr(v))


@dataclasses.dataclass(eq=False, slots=True)
class Accrued:
    """What `accrued(NAME)` counted of a remedy's settled rows (``Evaluation.accrued_total``): the first
    ``k`` rows as they arose, the instant of the last, their total, and the day ranges and cap totals
    they took; valid while the contract's end is ``ended``, for reads at ``read`` or later (the replay's clock
    goes back when a deemed event dated in the past happens: what was settled then may not have been yet)."""

    ended: object
    total: Decimal
    read: datetime | None = None  # the latest instant it was read at: a read at an earlier one counts afresh
    unordered: bool = False  # rows added up in any order (``accrue_unordered``): ``open`` holds those not settled
    open: list = dataclasses.field(default_factory=list)
    k: int = 0
    last: datetime | None = None
    counted: dict = dataclasses.field(default_factory=dict)
    totals: dict = dataclasses.field(default_factory=dict)
    unknown: bool = False  # a settled row's amount is not known: so is the total, at every later read


def _match_key(trig, b: dict) -> tuple:
    """A trigger's match, the same whichever of its facts found it (``Evaluation.match_again``)."""
    return id(trig), frozenset((k, id(v)) for k, v in b.items())


# what a remedy row can be when the breach it rests on turns out never to have been (a retroactive extension, a
# violation withdrawn, an exception met after all): withdrawn — a power lapsed meanwhile (its own `lapses when`, its
# year) never existed either (the fuzzer, round 9); one exercised stays what it did
_WITHDRAWABLE = ("held", "undetermined", "lapsed")
_LIVE_ROW = ("held", "undetermined")  # (a remedy's row in neither is not held again)

def _place_in_line(entry: tuple) -> int:
    return entry[2]


class Evaluation:
    """The state of one replay.  Built by ``Prepared.evaluate``; read by ``report``."""

    # Declared slots: the replay reads its state on every event, and slots keep that fast
    # however many parts the state has (an instance dict past ~30 keys loses its fast path).
    __slots__ = ("_completing", "p", "as_of", "recomputing", "phase", "_slot_rest", "_none_in_rest", "_caps", "since_due", "powers_came", "history", "index", "index_by_type", "instances", "waiting", "waiting_keyed",
                 "waiting_cond", "waiting_breach", "unless_pending", "unless_passed", "_resting", "pending_when", "consumed",
                 "events", "remedies", "findings", "slots", "agenda", "now", "_wakes",
                 "_counts", "_periods", "current_rule", "current_fact", "current_b", "_once", "_grounds", "_by_unknown", "_until_unknown", "_said_once", "_bare_before_effect", "_bare_asked", "_bare_later", "_early", "_unknown_first", "_until_keyed", "_until_ready", "_by_keyed", "_by_ready", "_by_kinds", "_by_known",
                 "_settle",
                 "_met_early", "_best_now", "_best_keyed", "q",
                 "_effects",
                 "effective", "effective_by", "never_effective", "ended", "ended_by", "_unprocessed", "_refused", "_done",
                 "_unknown_years", "_causes", "_ends_used", "_deferred", "_hidden", "_hiding", "_hidden_types", "waiting_excuse", "undetermined", "_doubt",
                 "_bare_types", "_fired", "waiting_excuse_ways", "unknown_times", "unmet", "_scans", "_depth",
                 "open_periods", "waiting_suspend", "waiting_resume", "_passed", "_late_types", "_time", "_retired", "_running", "carried",
                 "cond_keyed", "cond_loose", "_pausing", "_seq", "recompute_keyed", "_false_parts",
                 "_rows_by_name", "_rows_by_trigger", "_accelerating", "_series_next", "_live_rows", "_accel_used", "_unknown_doubts", "_accrued", "_instant_found", "_produced", "_state_before", "_before",
                 "_next_day", "_lapsed", "_ending", "_gone_amounts", "_gone", "_gone_by_rows", "_ahead", "_later_refs", "_hour_unknown", "_horizon", "cut_short", "_timeless", "bare_decided",
                 "_lapses", "_filed", "_aside", "_recount", "bare_days", "unseen_day", "_row_lapses", "_row_lapses_keyed", "_lapse_wakes", "_capture",
                 "see_day_alone", "unseen", "_excuse_skip", "first_fact", "ended_part", "_part_keys", "_used_rows",
                 "order_unknown", "taken_first", "tentatives", "tentative_as", "derived_later", "_late_in_doubt")

    def __init__(self, prepared: Prepared, as_of: datetime):
        self.p = prepared
        self.as_of = as_of
        self.open_periods: list = []  # (plan, trig, period, its duties): the current period of each recurrence
        # event type → key attrs (None: no key) → key → [(place in line, duty, which suspension)]: running duties a
        # fact may pause (or, which < 0, extend); ``_pausing`` holds each (duty, which) once
        self.waiting_suspend: dict = {}
        self._pausing: dict = {}
        self._seq = 0  # places in line, handed out in order
        self.waiting_resume: dict = {}  # event type → key attrs (None: no key) → key → [(place in line, duty)]: paused duties
        self.history: dict[str, list[Event]] = {}
        self._causes: dict = {}  # (rule, suspension) -> [pauses looked at, ends looked at, causes running]: _running_causes
        self._ends_used: set = set()  # (rule, suspension, end fact) of each end that ended a cause: one end, one pause
        self.index: dict[tuple[str, str], dict] = {k: {} for k in prepared.index_keys}
        self.index_by_type: dict[str, list[tuple[dict, object]]] = {}  # type -> (index, key reader)
        for tname, attr in prepared.index_keys:
            self.index_by_type.setdefault(tname, []).append((self.index[(tname, attr)], prepared.key_reader(attr)))
        self.instances: dict[str, list[Instance]] = {o.decl.name: [] for o in prepared.obligations}
        self.waiting: dict[str, list] = {}            # fulfil type -> (instance, way) (no key)
        self.waiting_keyed: dict[str, dict] = {}      # fulfil type -> key attrs -> key -> (instance, way)
        # (each entry of those also has its place in line, and a duty that stops being shown every fact once an
        # instant has passed — ``Way.retire`` — that instant and the reference that still performs it)
        self._filed = 0  # places in line of those entries, handed out in order
        self._aside: dict = {}  # id(a list of those) -> its entries filed aside (``try_fulfil``, ``_aside_for``)
        self._recount: list = []  # events the contract produced that a `recomputed daily` row reads (``recount``)
        # rows whose own `lapses when` reads a kind of event (``row_lapses``): under the kind, any fact of it may make
        # it hold; or under the key its bindings give (``file_by_key``): only a fact of that key may (review round 35)
        self._row_lapses: dict = {}
        self._row_lapses_keyed: dict = {}
        # instant -> {id(row): row}: rows whose own `lapses when`, found false, may come to hold as time passes (a
        # `passed( )`, a total by the day), tested again at the wake that instant (``row_lapses_woken``)
        self._lapse_wakes: dict = {}
        self._capture: list | None = None  # (while a row's own lapse is tested: the wakes its condition asks for)
        self._excuse_skip: dict = {}  # id(running duty) -> the kinds its exceptions' first false parts read
        self.waiting_cond: dict[Instance, int] = {}  # duties waiting on `fulfilled when` -> their place in line
        self.cond_keyed: dict[str, list] = {}  # event type -> [(key reader, key -> [duty])]: those a fact can change
        self.cond_loose: dict[str, list[Instance]] = {}  # event type -> duties any fact of it can change
        self.waiting_excuse: list[Instance] = []  # running duties whose exception may come to apply
        self.waiting_excuse_ways: dict = {}  # event type -> key attrs -> key -> [(instance, way, text)]
        self.unknown_times: dict = {}  # (deemed type, key attrs) -> key -> events deemed without a fixed time
        self.unmet: dict = {}  # obligation not triggered -> which of its conditions hold and which not yet
        self.since_due: dict = {}  # id of a duty violated -> what its `fulfilled when` stands on at as_of (``finish``)
        self.powers_came: dict = {}  # id of a termination_without_right finding -> when its power came (``finish``)
        self._scans: dict = {}  # id(pattern plan) -> what Evaluation.scan carried forward
        self.carried: dict = {}  # an aggregate's closure -> what it carried forward (compiler._carried)
        self._running: dict[str, int] = {}  # obligation -> its duties running now (Instance.move keeps it)
        self._retired: list = []  # (kept lists let go of by forget_scans: held, so that no other list takes their id)
        self._depth = 0  # how many derived events are being reacted to, one within another
        self.undetermined: set = set()  # obligations with an undetermined verdict
        self._doubt: frozenset = frozenset()  # those the rule being applied depends on
        self._bare_types: set = set()  # event types of which some fact gave its day alone
        self.bare_days: set = set()  # the days of the events known by their day alone taken so far (``evaluate_at``)
        self.unseen_day = None  # the day of ``as_of`` when facts of it known by the day alone were left out
        self.unseen: list = []  # those facts and events (``day_alone_unseen``)
        self._completing: Event | None = None  # (the event that completed a `when` being fired: ``trigger_words``)
        self.first_fact: tuple | None = None  # (the earliest fact given, how many were given: ``finish``)
        self.see_day_alone = False  # True: they are counted as any fact (the other world ``day_alone_decides`` asks)
        self._fired: tuple = (None, set())  # (instant, rules applied at it): a second copy is tested again
        self.waiting_breach: dict[str, list[Instance]] = {}      # continuing duties, by breaching type
        self.unless_pending: dict[str, dict] = {}             # type -> key attr -> key -> pending
        self._resting: dict[int, list] = {}  # id(duty) -> the remedy rows and unless-windows its stages gave rise to
        self.unless_passed: dict[str, dict] = {}  # type -> key attr -> key -> [(due, pending, rows)]: windows that ran
        # out and the rows they made, in the order they ran out (a late-told event looks up those it may fall in)
        self._lapses = [(plan, plan.lapse) for plan in prepared.remedies if plan.lapse is not None]
        self.pending_when = [(plan, t) for plan, t in prepared.all_triggers() if t.kind in ("when", "every")] + \
            self._lapses  # (`lapses when`: tested as `when` is; a fact only they read looks at them alone)
        self._gone: dict[str, Step] = {}  # remedies whose `lapses when` held: none arises any more (why not)
        self._gone_by_rows: dict[str, tuple] = {}  # of those, gone by what their own rows came to: at which (instant, day)
        # a `when` / `lapses when` found false: id(trigger) -> the kinds of fact its first false part and the parts
        # before it read (``TriggerPlan.guards``); a fact of no such kind leaves it false
        self._false_parts: dict[int, frozenset] = {}
        # a `when` or `lapses when` whose condition reads no kind of fact (a date parameter, an assumption): no fact
        # sets it off, so it is tested once at the first fact (a time it waits for is then armed; the fuzzer)
        self._timeless = any(not t.deps for _, t in self.pending_when)
        self._late_in_doubt: set = set()  # (duties whose breach at their due is in doubt, announced so: ``on_due``)
        self._ahead: list | None = None  # the replay's facts, in time order (a live session: those known so far)
        self._later_refs: dict = {}  # the id of a fact -> (fact, attribute) of the earlier facts that refer to it
        self._hour_unknown: set = set()  # notices of termination known by their day alone, found undecidable
        # of those, the ones that would end the whole contract: key -> (the notice, the facts later that day it may
        # have come after) — ``Prepared.order_decides`` replays the day both ways
        self.order_unknown: dict = {}
        # keys of notices known by their day alone taken as having come before the facts later that day (the first of
        # ``order_decides``' two replays): decided at once, not held
        self.taken_first: frozenset = frozenset()
        # acts of a duty's trigger's day known by that day alone, perhaps before the trigger, that left it undetermined
        # (``undetermined_by_tentative``): ``Prepared.tentative_decides`` replays the day taking each as before it and
        # as after it (``tentative_as``: the id of such a fact -> True, after the trigger: it performs; False, before:
        # it performs nothing)
        self.tentatives: dict = {}
        self.tentative_as: dict = {}
        # an event the contract deems on a day (a letter's delivery of that day alone) taken as later that day, at the
        # instant given (the second of ``order_decides``' replays, where the notice is a deemed delivery): id -> Moment
        self.derived_later: dict = {}
        # the earliest instants at which a notice of termination known by its day alone was decided, nothing that day
        # being seen after it: a live session that later learns a fact of that day decides it again (``Session.add``)
        self.bare_decided: set = set()
        self._horizon: datetime | None = None  # the next instant the replay stops at (None: as_of): no looking past it
        # a look-ahead stopped short at a stop (``later_that_day``): the instants after it need replays of their own
        self.cut_short = False
        self.consumed: dict[str, set] = {}  # for `exclusively`: the facts that already performed one
        # `counting earlier exclusively`: (obligation, id of a pool of earlier facts) -> how many of the
        # pool's first facts all performed a duty already (consumed only grows: they never can again)
        self._passed: dict[tuple, int] = {}
        # kinds of fact whose history is not in time order: an event recorded after a later one (a deemed
        # delivery dated from the signature, before facts already taken); searched by time through _time
        self._late_types: set[str] = set()
        self._time = TimeOrder()  # (where the events of those kinds' pools lie in time)
        self.events: list[Event] = []
        self.remedies: list[Remedy] = []
        self._rows_by_name: dict[str, list[Remedy]] = {}  # remedy -> its rows, as they arose
        # (remedy, the fact that set it off) -> its rows: a power's lapse asks whether another row of its power is still
        # held (both parties' rows of one power) — its own few, not every row the remedy ever had
        self._rows_by_trigger: dict[tuple, list[Remedy]] = {}
        # remedy -> its rows that were held or undetermined when last looked at, as they arose (a row never becomes held
        # again: those no longer either are dropped as they are met — a notice of termination does not look at every
        # power that lapsed before it: n notices at one instant on n lapsed powers took O(n²), the fuzzer)
        self._live_rows: dict[str, list[Remedy]] = {}
        self._accel_used: dict[tuple, Remedy] = {}  # (right to accelerate, declaration's id) -> the row it exercised
        self._accelerating: Event | None = None  # (the declaration later periods are made to arise by: their steps)
        # a recurring duty's next period, scheduled or past ``as_of``: (id of its plan, of its trigger) -> (the series'
        # start, the next period's first day) — what `accelerated by … with later periods` brings forward
        self._series_next: dict = {}
        self._unknown_doubts = False  # (an event of an instant the contract does not fix set off a duty: it is in doubt)
        self._accrued: dict[str, Accrued] = {}  # remedy -> what `accrued( )` counted of its settled rows
        self.recomputing: dict[str, list[Remedy]] = {}  # kind of fact -> `recomputed daily` rows any fact of it may change
        self.recompute_keyed: dict[str, list] = {}  # kind of fact -> [(key reader, key -> rows)]: those a fact may change
        self.findings: list[Finding] = []
        # what is scheduled: a heap of the (instant, phase) slots that have something, and for
        # each slot its items in the order they were scheduled (many deadlines share a midnight)
        self.slots: list[tuple[datetime, int]] = []
        self.agenda: dict[tuple[datetime, int], list] = {}
        self._caps: dict | None = None  # (while rows are counted: each cap's value at an instant, ``cap_at``)
        self.now: datetime | None = None
        self._wakes: set[datetime] = set()
        self._counts: dict = {}
        self._periods: dict = {}
        self.current_rule = None  # the rule being applied, to place an error
        self.current_b: dict = {}  # and what it bound (the facts a derived event goes back to, to name them)
        self.current_fact = None  # the fact being taken (None while periods run out), to name it too
        self.q = Quotes()
        # (by name, not bound methods: a bound method kept on the instance is a reference cycle)
        self._effects = _EFFECTS
        self._once: set = set()
        self._grounds: dict = {}  # (a `once` power's key) -> further grounds that arose while it was held
        self._by_unknown: list = []  # (duty, plan) whose `due by` read a value not known yet: tried again as facts come
        self._bare_later = False  # (a finding asked again at the end of a bare fact's day: not put off twice)
        self._bare_before_effect: list = []  # rules a fact given by its day alone set off before the contract bound
        self._bare_asked: set = set()  # (finding, trigger) asked at the end of its fact's day (``fire``: bare_finding)
        self._unknown_first: dict = {}  # (obligation, trigger) -> its duty undetermined by a trigger of unknown time
        self._early: dict = {}  # obligation -> (instant, facts) of its first match before the contract bound (said if
        # it never arose: ``say_what_is_unmet``)
        self._said_once: set = set()  # (code, …) of findings said once whatever the rules or rows that meet them
        self._by_keyed: dict = {}  # kind -> [(key reader, key -> [(duty, plan)])]: deadlines waiting under a key
        self._by_ready: list = []  # (duty, plan) a fact of its key came for (``retry_due_by``)
        self._until_keyed: dict = {}  # kind -> [(key reader, key -> [(duty, plan)])]: ends waiting under a key
        self._until_ready: list = []  # (duty, plan) a fact of its key came for: tried again (``retry_until``)
        self._until_unknown: list = []  # (duty, plan): a continuing duty whose end reads a value not known yet
        self._by_kinds: set = set()  # the kinds of event those deadlines and ends read (None: one reads no fact — every
        # kind)
        self._by_known: Moment | None = None  # the first instant since the last try an event such a deadline reads
        self._met_early: dict = {}  # such a duty -> (the fact, the moment) its condition first held while it waited
        self._settle: dict = {}  # kind of fact -> the remedy rows a fact of it may settle (`settled by`)
        self._best_now: dict = {}  # id(way) -> (instant, candidates, the fact of that instant performing its duties)
        # (id(way), key) -> ((instant, first candidate, candidates), the fact performing its duties): ``Way.by_key_alone``
        self._best_keyed: dict = {}
        # the contract's life: in force from `effective` (at once, when the file declares none)
        self.effective: Moment | None = None
        self.never_effective: tuple | None = None  # (instant, source, step): its `lapses when` held first
        self.effective_by: Event | None = None
        self.ended: Moment | None = None
        self.ended_by: Event | None = None
        # `ends only RULE, …`: each rule a termination of part of the contract ended → that termination's event (the
        # rest of the contract in force); and the facts such a termination was decided on (one notice, one ground)
        self.ended_part: dict[str, list] = {}  # rule → [(termination event, its bindings, alias, condition or None)]
        self._part_keys: set = set()
        self._used_rows: dict = {}  # power → its rows exercised, in order (a notice on a power used already says when)
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
        self._none_in_rest: dict = {}  # (what the rest of that slot is known not to hold: ``_in_rest``)
        self._hiding: tuple = ()  # (the same facts themselves)
        self._hidden_types: frozenset = frozenset()  # (and their kinds)
        # while facts whose triggers are tested again (``Prepared.rematch_by_type``) are taken: the matches
        # their triggers found, and the events that happened at their instant after them
        self._instant_found: set | None = None
        self._produced: list = []  # (the events that happened at the instant after its facts, in order)
        self._state_before: tuple | None = None  # (``_state_now`` as the instant's facts were first tested)
        self._next_day: set = set()  # slots holding an event deemed on a day (not at 24:00): ``push``
        self._lapsed: set = set()  # remedies some row of which has lapsed (``lapse``: `accrued( )` leaves it out)
        self._ending: list = []  # the announcements of terminations decided to end the contract later (``end_by``)
        self._gone_amounts: set = set()  # powers some row of which lost its amount with it (``amount_goes_with_power``)
        self._before: tuple | None = None  # (the same, while the held-back triggers are tested: ``is_open``)

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
        if self._capture is not None and moment.at <= self.as_of:
            self._capture.append(moment)
        if moment.at not in self._wakes and moment.at <= self.as_of:
            self._wakes.add(moment.at)
            self.push(moment.at, PHASE_DEADLINE, "wake", moment)

    def accruals(self, remedies: list, as_of: datetime) -> dict[int, tuple]:
        """Each remedy row's amount as of ``as_of`` and the steps of its computation.  The rows of an
        `each day counted once` remedy (one holder) are counted from the earliest: a day an earlier
        row already counted is not counted again; `total at most` lets the earliest rows count first."""
        out, counted, totals = {}, {}, {}
        outer = self._caps is None
        if outer:
            self._caps = {}
        try:
            for r in _in_order_of_arising(remedies):
                out[id(r)] = self.accrue(r, as_of, counted, totals)
        finally:
            if outer:
                self._caps = None
        return out

    def cap_at(self, plan, as_of: datetime):
        """A remedy's `total at most` at ``as_of``. While rows are counted (``accruals``, and what its caps read in
        turn) nothing else happens, so each cap is worked out once an instant: a chain of remedies each capped by
        ``accrued( )`` of the one before cost rows to the power of the chain's length (the fuzzer, round 35)."""
        caps = self._caps
        if caps is None:
            return plan.cap(Env({}, self, as_of))
        key = (id(plan), as_of)
        if key not in caps:
            caps[key] = plan.cap(Env({}, self, as_of))
        return caps[key]

    def accrue(self, r: Remedy, as_of: datetime, counted: dict, totals: dict) -> tuple:
        """One row's (amount, steps) as of ``as_of``, after the rows before it: ``counted`` holds the day
        ranges they counted (`each day counted once`), ``totals`` what they came to under each cap;
        both take this row's share."""
        ranges = counted.get((r.plan.decl.name, r.holder))
        if ranges is None:
            ranges = counted[(r.plan.decl.name, r.holder)] = DaysCounted()
        if r.settled_at is not None and r.settled_at.at < as_of:  # (paid: what it came to then)
            as_of = r.settled_at.at
        ended = self.ended  # (known by its day alone: cited as that day, not its 0时 — counsel round 40)
        part = self._part_end_of(r) if self.ended_part else None
        if part is not None:  # (named by a termination of part of the contract: counted to it — review round 41)
            amount, steps = r.accrued(as_of, _cited(part.moment, part.bare), ranges)
            steps = [Step("accrued_to_part_end", {**x.args, "ground": TypeRef(part.type)}) if x.code == "accrued_to_end"
                     else Step(x.code, {**x.args, "to": "part_ended", "ground": TypeRef(part.type)})
                     if x.code in ("accrued_hours", "accrued_hours_range") and x.args.get("to") == "ended" else x
                     for x in steps]  # (hours counted to it: its end, not the contract's — fuzz round 39)
        else:
            amount, steps = r.accrued(as_of, ended if self.ended_by is None or not self.ended_by.bare
                                      else _cited(ended, True), ranges)
        if r.status == "withdrawn":  # (a row that never arose — a violation a retroactive extension undid —: it takes
            # no day from the rows after it, and no share of a total's cap — the fuzzer, round 9; and it comes to
            # nothing: the days from the old end to a performance in time by the new one were no late days — the
            # author of a construction contract, round 24)
            if amount is None or not isinstance(amount, Decimal):
                return amount, steps
            zero = Decimal(0) if r.plan.amount_kind in ("int", "number") else Decimal("0.00")
            return zero, [Step("withdrawn_nothing_owed", {})]
        if r.plan.decl.each_day_once and r.plan.decl.per_day and r.amount is not None:
            part = self._part_end_of(r) if self.ended_part else None
            first, last, _, _ = r.days(as_of, self.ended if part is None else part.moment)
            ranges.add(first, last, _trigger_event(r))
        if r.plan.cap is not None:  # `total at most`: the earliest rows first
            cap = self.cap_at(r.plan, as_of)
            per = r.plan.decl.cap_per  # (`per month`: the rows of each calendar month apart)
            period = timecalc.period_label(per, timecalc.period_start(per, r.since.day)) if per else None
            key = (r.plan.decl.name, r.holder, period)
            points = r.plan.amount_kind in ("int", "number")
            zero = Decimal(0) if points else Decimal("0.00")
            before = totals.get(key, zero)
            if (amount is None or type(before) is _Unknown) and cap is not None:
                # (a row whose amount is not known — hours a fact of its day alone leaves open, a value a fact does
                # not give — takes an unknown share of the cap: never ¥0.00, which would hand the next row the
                # whole cap — the fuzzer, round 27)
                return self._share_unknown(key, cap, before, amount, steps, totals, zero, points, r.hour_range()
                                           if amount is None and not (r.changes and len(r.changes) > 1) else None)
            if amount is None:
                return amount, steps
            if cap is None:  # (a cap that reads a value not known — `total at most accrued(x)` of an unknown row —:
                # the amount is not known either, never uncapped — a reviewer)
                return None, steps + [Step("cap_unknown", {"amount": Quantity(amount, "number" if points else "money")})]
            if cap < 0 and ("negative_amount", key, r.trigger_id) not in self._said_once:  # (a cap below zero: nothing is owed — said,
                # once a row, not read silently as nought — the fuzzer)
                self._said_once.add(("negative_amount", key, r.trigger_id))
                self.findings.append(Finding("negative_amount", "warning", r.plan.decl.clause, None, r.since.at, [],
                                             {"name": TypeRef(r.plan.decl.name), "trigger": _cited_trigger((r.bindings or {}).values(), r.trigger_id),
                                              "amount": cap}))
            if before + amount > cap:
                allowed = max(zero, cap - before)
                q = (lambda v: Quantity(v, "number")) if points else (lambda v: Quantity(v, "money"))
                steps = steps + [Step("capped", {"cap": q(cap), "before": q(before), "amount": q(amount),
                                                 "allowed": q(allowed), "period": period})]
                amount = allowed
            totals[key] = before + amount
        return amount, steps

    @staticmethod
    def _share_unknown(key, cap, before, amount, steps: list, totals: dict, zero, points: bool,
                       own: tuple | None = None) -> tuple:
        """``accrue`` under a cap where this row's amount, or what the rows before it took, is not known: the least and
        the most they can come to decide what can be known — the least before reaching the cap, this row has nothing;
        the most before and this row's most within it, this row has its own amount; the cap reached by this row's least
        after a known total, what is left of it; otherwise its share is not known, and neither is the total the rows
        after it see (its least and most kept: ``_Unknown``; a most not known: None)."""
        low, high = (before.least, before.most) if type(before) is _Unknown else (before, before)
        if amount is None:  # (what the row may come to: the hours a fact of its day alone leaves open, or a one-off
            # amount its hour decides — ``own``, or a recomputed one's step — review round 45)
            span = next((s.args for s in steps if s.code in ("accrued_hours_range", "amount_hour_unknown")
                         and s.args.get("least") is not None and s.args.get("most") is not None), None)
            least, most = (plain(span["least"]), plain(span["most"])) if span is not None else own or (zero, None)
        else:
            least = most = amount
        q = (lambda v: Quantity(v, "number")) if points else (lambda v: Quantity(v, "money"))
        if low >= cap:  # (the rows before already took the whole cap, whatever they came to)
            totals[key] = cap
            return zero, steps + [Step("capped", {"cap": q(cap), "before": q(cap), "amount": q(least),
                                                  "allowed": q(zero), "period": key[2]})]
        if high is not None and most is not None and high + most <= cap:  # (the cap out of reach whatever they are)
            totals[key] = _Unknown(low + least, high + most) if (low != high or least != most) else high + most
            return amount, steps
        if low == high and low + least >= cap:  # (this row reaches the cap whatever it comes to)
            totals[key] = cap
            return cap - low, steps + [Step("capped_unknown", {"cap": q(cap), "before": q(low), "least": q(least),
                                                               "allowed": q(cap - low), "period": key[2]})]
        totals[key] = _Unknown(min(cap, low + least), None if high is None or most is None else min(cap, high + most))
        # (this row's own share lies between what is left of the cap after the most before, and after the least — as
        # far as its own least and most reach: review round 42)
        share = {"share_least": q(max(zero, min(least, cap - high))) if high is not None else q(zero),
                 "share_most": q(min(most, cap - low)) if most is not None else q(cap - low)}
        return None, steps + [Step("cap_share_unknown", {"cap": q(cap), "least_before": q(low),
                                                         "unknown_before": type(before) is _Unknown,
                                                         "period": key[2], "ranged": most is not None, **share})]

    def accrued_total(self, name: str, now: datetime):
        """`accrued(NAME)`: what the rows of remedy NAME that arose by ``now`` come to at ``now``,
        caps applied (a remedy in points: its points).

        Read at every fact of a deposit's balance, it must not count every row again: the rows whose
        amount no later instant changes (``settled``) are counted once, in the order of their instants,
        and kept (``Accrued``: how many, what they came to, the day ranges and cap totals they took);
        each read counts only the rows after them, from there.  Without a cap or days counted once the
        order does not matter: settled rows are added wherever they stand (``accrue_unordered``).  Kept only
        while the contract's end stays what it was, reads go forward in time (a deemed event dated in the past
        reads at an earlier instant: counted afresh), rows come in the order of their instants (where it
        matters), and the cap (if any) is a value of the rules alone; otherwise, and with ``incremental`` off,
        every row is counted as the report counts it."""
        plan = next((p for p in self.p.remedies if p.decl.name == name), None)
        rows = self._rows_by_name.get(name, ())
        zero = Decimal(0) if plan is not None and plan.amount_kind in ("int", "number") else Decimal("0.00")
        if name in self._lapsed:  # (rows gone since: the rest counted afresh, the kept counts no longer hold)
            return self.accrue_afresh([r for r in rows if r.status not in ("lapsed", "withdrawn")], now, zero)
        if name in self._gone_amounts:  # (an amount gone with its power: each row as of ``now``, as the report counts)
            return self.accrue_afresh(rows, now, zero)
        keep = plan is not None and self.p.compiler.incremental and (plan.cap is None or plan.cap_fixed)
        memo = self._accrued.get(name) if keep else None
        if memo is not None and now < memo.read:  # (a deemed event dated before a read already made: not kept)
            return self.accrue_afresh(rows, now, zero)
        if memo is None or memo.ended is not self.ended:
            if not keep:
                return self.accrue_afresh(rows, now, zero)
            # (without a cap or days counted once, a row's amount is its own: rows are added up in any order)
            memo = self._accrued[name] = Accrued(self.ended, zero, unordered=plan.cap is None and not (
                plan.decl.each_day_once and plan.decl.per_day) and plan.amount_kind != "number")
        memo.read = now
        if memo.unordered:
            return self.accrue_unordered(memo, rows, now)
        if memo.last is not None and any(r.since.at < memo.last for r in rows[memo.k:]):
            memo = self._accrued[name] = Accrued(self.ended, zero, read=now)  # (a row of an earlier instant came)
        rest = rows[memo.k:]
        live = _in_order_of_arising([r for r in rest if r.since.at <= now])  # (as the report counts them)
        settled = 0
        while settled < len(live) and live[settled] is rest[settled] and self.settled(live[settled], now):
            amount, _ = self.accrue(live[settled], now, memo.counted, memo.totals)
            if amount is not None:
                memo.total += amount
            elif _amount_unknown(live[settled], amount):
                memo.unknown = True
            settled += 1
        if settled:
            memo.k, memo.last = memo.k + settled, live[settled - 1].since.at
        total = None if memo.unknown else memo.total
        if settled < len(live):  # (the rows still accruing: counted after the kept ones, then let go of)
            marks = {key: len(ranges) for key, ranges in memo.counted.items()}
            totals = dict(memo.totals)
            for r in live[settled:]:
                amount, _ = self.accrue(r, now, memo.counted, totals)
                if _amount_unknown(r, amount):
                    total = None
                elif amount is not None and total is not None:
                    total += amount
            for key in list(memo.counted):
                if key in marks:
                    memo.counted[key].truncate(marks[key])
                else:
                    del memo.counted[key]
        return total

    def accrue_afresh(self, rows: list, now: datetime, zero: Decimal):
        """What the rows that arose by ``now`` come to at ``now``, every one counted (as the report counts)."""
        total = zero
        arisen = [r for r in rows if r.since.at <= now]
        got = self.accruals(arisen, now)
        for r in arisen:
            amount = got[id(r)][0]
            if _amount_unknown(r, amount):
                return None
            if amount is not None:
                total += amount
        return total

    def accrue_unordered(self, memo: "Accrued", rows: list, now: datetime):
        """``accrued_total`` of a remedy whose rows' amounts are each their own (no cap, no day counted once):
        the settled rows are added to the kept total wherever they stand, the others (still accruing, or of a
        later instant) stay open and are counted at each read.  (Money — two places, far below the 28 digits of
        the decimal context — and whole numbers add up exactly in any order; `number` amounts are kept in order.)"""
        if memo.k < len(rows):
            memo.open.extend(rows[memo.k:])
            memo.k = len(rows)
        extra, still, unknown = None, [], False
        for r in memo.open:
            if r.since.at > now:
                still.append(r)
                continue
            part = self._part_end_of(r) if self.ended_part else None
            amount = r.accrued(now, self.ended if part is None else part.moment)[0]  # (no cap, no day counted once)
            missing = _amount_unknown(r, amount)
            unknown = unknown or missing
            if self.settled(r, now):
                if amount is not None:
                    memo.total += amount
                memo.unknown = memo.unknown or missing
                continue
            still.append(r)
            if amount is not None:
                extra = amount if extra is None else extra + amount
        memo.open = still
        if memo.unknown or unknown:
            return None
        return memo.total if extra is None else memo.total + extra

    def settled(self, r: Remedy, now: datetime) -> bool:
        """Whether row ``r``'s amount at ``now`` is its amount at every later instant (the contract's end
        staying what it is): an amount not counted by the day; or one that stopped accruing — the duty
        behind it performed (late) by ``now``, or the contract ended by ``now`` and the row does not
        survive it (no duty behind it, or one discharged, which is never performed)."""
        if r.changes is not None and not r.plan.decl.per_day:  # (a one-off amount recomputed: never settled)
            return False
        if not r.plan.decl.accrues or r.amount is None:
            return True
        inst = r.instance
        if inst is not None and inst.fulfilled is not None and inst.fulfilled.at <= now:
            return True
        ended = self.ended
        return (ended is not None and ended.at <= now and not r.plan.decl.survives
                and (inst is None or inst.status is Status.DISCHARGED))

    def triggered(self, name: str) -> bool:
        before = self._before
        return bool(self.instances.get(name)) if before is None else name in before[1]

    def is_open(self, name: str) -> bool:
        """`open(x)`: some duty of obligation x is running (triggered, neither performed nor ended)."""
        before = self._before
        if before is not None:  # (the held-back triggers of an instant: as it was before the instant acted)
            return before[0].get(name, 0) > 0
        return self._running.get(name, 0) > 0  # (counted as duties move: not a walk over every duty it ever had)

    def _state_now(self) -> tuple:
        """What `open( )` and `triggered( )` read, as it is now (``match_again``: before the instant acts)."""
        return dict(self._running), {name for name, insts in self.instances.items() if insts}

    def period(self, name: str) -> PeriodValue | None:
        dur, counting, anchor = self.p.periods[name]
        env = Env({}, self, self.now)
        start = to_moment(anchor(env))
        if start is None:
            return None
        # (a Moment is its instant, its day and its kind — an instant known to the second, or of its day alone from it
        # on (DayOnly): hashed as those, not in Python; a DayOnly start is not a Moment's, as Moment's == says)
        key = (name, start.at, start.day, type(start))
        value = self._periods.get(key)
        if value is None:
            d = self.count(start, dur(env), counting)
            value = self._periods[key] = PeriodValue(start, d.end(), d.last_day)
        return value

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
        own = plan.filters.get(first)
        if own is not None and not own.where(Env({plan.names[first]: event}, self, self.now)):
            return []  # (the event fails its own plain parts: no pair holds, and none is tested)
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
            value = key[1](Env(b0, self, now))
            pool = index.get(value, ())
            if len(pool) > 16 and other in plan.filters:  # (a key that names many: `u.ground == "agreement"`)
                kept = self.kept(plan.filters[other])
                if len(kept) < len(pool):  # (those of them the key names: what the index offers, fewer)
                    read = self.p.key_reader(key[0])
                    pool = [c for c in kept if read(c) == value]
        elif other in plan.filters:  # (the partners that pass their own plain parts, kept as they come)
            pool = self.kept(plan.filters[other])
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
        """[facts seen, matches, total of ``value``] of a one-source pattern whose condition reads only
        its own fact, carried forward over the facts recorded since the last call (history only grows,
        and such a fact's match never changes).  Its first match: ``scan_first``."""
        s = self._scans.get(id(plan))
        if s is None or plan.reads_end and s[3] is not self.ended:  # (carried for one end of the contract)
            s = self._scans[id(plan)] = [0, 0, Decimal(0), self.ended]
        pool = self._scan_pool(plan)
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
            s[0] = len(pool)
        return s

    def _scan_pool(self, plan: PatternPlan):
        """The facts a scan of ``plan`` goes through: its kind's history, or — a condition asking an attribute for a
        literal (``PatternPlan.bucket``) — the facts an index files under it, in the order they came, as history."""
        bucket = plan.bucket
        index = self.index.get(bucket[0]) if bucket is not None else None
        return self.history.get(plan.sources[0][0], ()) if index is None else index.get(bucket[1], ())

    def scan_first(self, plan: PatternPlan) -> dict | None:
        """The first match of a one-source pattern whose condition reads only its own fact (as ``scan``), the
        facts after it never tested — as `exists( )` and `first( )` in full stop at it (a later fact's
        condition may fail: a division by zero that counting every fact would meet)."""
        key = (id(plan), "first")
        s = self._scans.get(key)
        if s is None or plan.reads_end and s[2] is not self.ended:  # (found for one end of the contract)
            s = self._scans[key] = [0, None, self.ended]
        if s[1] is not None:
            return s[1]
        pool = self._scan_pool(plan)
        if s[0] < len(pool):
            alias, where, now = plan.names[0], plan.where, self.now
            for k in range(s[0], len(pool)):
                b = {alias: pool[k]}
                if where is None or where(Env(b, self, now)):
                    s[0], s[1] = k + 1, b
                    return b
            s[0] = len(pool)
        return None

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
    def derived_pending(self) -> bool:
        """Whether an event deemed at 24:00 of the day ending at this instant is waiting to happen (scheduled in its
        event phase) — one deemed at 00:00 of the next day, the same instant, is of the next day (contract round 39)."""
        return any(kind == "derived" and e.moment.is_end_of_day()
                   for kind, e in self.agenda.get((self.now, PHASE_EVENT), ()))

    def push(self, at: datetime, phase: int, kind: str, payload):
        """Schedule something at an instant; what falls after ``as_of`` never happens here (nor does
        the lateness of an hours period ending at ``as_of`` itself: its end instant is still in time)."""
        if at < self.as_of or (at == self.as_of and phase != PHASE_LATE):
            slot = (at, phase)
            items = self.agenda.get(slot)
            if items is None:
                items = self.agenda[slot] = []
                heapq.heappush(self.slots, slot)
            if items and slot in self._next_day and (kind == "derived" and payload.moment.is_end_of_day()
                                                      or kind == "decide" and type(payload) is tuple
                                                      or kind == "end_later" and phase == PHASE_EVENT):
                self._before_the_new_day(items, (kind, payload))
            else:
                items.append((kind, payload))
                if kind == "derived" and phase == PHASE_EVENT and not payload.moment.is_end_of_day():
                    self._next_day.add(slot)  # (a slot where a 24:00 event may have to go before one: looked at)

    def _before_the_new_day(self, items: list, item: tuple):
        """An event deemed at 24:00 of day D happens on D (time-and-law.md, "An event at 24:00"): before
        the events of the same instant deemed on D+1 — acceptance deemed at the end of the inspection
        period comes before a notice deemed delivered on the next day, whatever was scheduled first."""
        running = self._slot_rest  # ((items, the next to run) of the slot being run, or ())
        i = running[1] if running and running[0] is items else 0
        while i < len(items) and not (items[i][0] == "derived" and not items[i][1].moment.is_end_of_day()):
            i += 1
        items.insert(i, item)
        self._none_in_rest.clear()  # (an item put before others: what was scanned is scanned again)

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
        self.first_fact = (facts[0], len(facts)) if facts else None
        facts = facts[:bisect.bisect_right(facts, self.as_of, key=_AT)]  # only facts up to as_of
        if facts and not self.see_day_alone:
            day_start = Moment.start_of_day(Moment.of(self.as_of).day).at
            if day_start < self.as_of and facts[-1].moment.at >= day_start:  # (facts of as_of's day, after its 00:00)
                facts = self.not_yet_known(facts, day_start)
        self._ahead = facts
        self._later_refs = _later_refs(facts, self.p.ref_attrs)
        self.start_fixed_recurrences(facts[0].moment.at if facts else self.as_of)
        stops = [a for a in stops if a < self.as_of]
        k, last = 0, len(stops)
        i, n = 0, len(facts)
        self._horizon = stops[0] if stops else None
        while i < n:
            at = facts[i].moment.at
            while k < last and stops[k] < at:  # (facts of the stop's own instant are in its report)
                yield from self.stop(stops[k])
                k += 1
                self._horizon = stops[k] if k < last else None
            j = i + 1
            while j < n and facts[j].moment.at == at:
                j += 1
            self.take(facts[i:j] if j > i + 1 else facts[i])
            i = j
        while k < last:
            yield from self.stop(stops[k])
            k += 1
        self.run_scheduled(None)
        while self._by_known is not None:  # (a value an event deemed after the last fact made known)
            self.retry_due_by()
            self.run_scheduled(None)
        if self._recount:
            self.recount()
        self.finish()
        yield self.as_of

    def not_yet_known(self, facts: list[Event], day_start: datetime) -> list[Event]:
        """Facts known by their day alone on the day ``as_of`` falls within, after its first instant: each may have
        come after ``as_of`` — facts later than it are not seen — or before; not counted, and said (the report as of
        that day's 24:00 counts them; one at the day's 00:00 sees them, as any fact at ``as_of``: counsel round 34 —
        a payment of "2025-08-04" read at 12:00 that day as made, a termination of that day as ending it at 09:00)."""
        i = bisect.bisect_left(facts, day_start, key=_AT)
        kept = facts[:i]
        for f in facts[i:]:
            if f.bare and _is_within_day(f.moment, self.as_of):
                self.day_alone_unseen(f)
            else:
                kept.append(f)
        return kept

    def day_alone_unseen(self, e: Event):
        """``e``, known by its day alone (a fact given so, an event the contract deems on a day), not counted: the
        report's instant falls within that day, after its earliest instant (``not_yet_known``)."""
        self.unseen_day = e.moment.day
        self.unseen.append(e)  # (said by ``finish``, in the report of the instant it is unseen at: review round 35)

    def day_alone_decides(self, counted: "Evaluation"):
        """What the facts left out by ``not_yet_known`` decide: ``counted`` is the replay that counts them (as having
        come by ``as_of``).  A duty or right whose verdict differs between the two — or that arises only in that one
        — is undetermined here, its reasons naming them: a notice of that day alone against a period of hours that
        ended before ``as_of`` was performed in time or not; a payment of that day performed the duty or not yet."""
        said = Step("day_alone_decides", {"facts": list(self.unseen), "as_of": Moment.of(self.as_of)})
        self.decided_apart(counted, said, lambda due: Step("day_alone_moves_deadline", {
            "facts": list(self.unseen), "as_of": Moment.of(self.as_of), "due": due}))

    def needs_replays(self) -> bool:
        """Whether ``Prepared.evaluate`` replays these facts again to decide what one replay leaves in doubt (a notice of
        termination of its day alone, an act of a trigger's day alone): a report from several instants of one replay
        (``evaluate_at``, a session) is then made by ``evaluate`` itself."""
        return bool(self.order_unknown) or len(self.tentatives) == 1

    def tentative_decides(self, before: "Evaluation", fact: Event):
        """This replay took ``fact`` (of a duty's trigger's day alone) as after the trigger, ``before`` as before it:
        what the two decide differently is undetermined (``decided_apart``); the rest holds on either reading (counsel
        round 28: a passed review of the application's day alone — 视为验收合格 at 24:00 07-13 either way)."""
        self.decided_apart(before, Step("tentative_decides", {"fact": fact}), lambda due: None, loose=True)

    def order_decides(self, after: "Evaluation", notice: Event, later: list):
        """This replay took ``notice`` (of its day alone, ending the contract) as having come before ``later``, the facts
        of that day it reads; ``after`` as after them — and both ended the contract that day.  What the two disagree on
        (the ground, the damages one ground gives) is undetermined; the rest holds whatever the order (counsel 27, 41)."""
        said = Step("termination_order_decides", {"fact": notice, "later": list(later)})
        self.decided_apart(after, said, lambda due: None, loose=True, by_day=True)
        if self.ended_by.type != after.ended_by.type:
            d = next((x.decl for x in self.p.terminations if x.decl.name == self.ended_by.type), None)
            self.findings.append(Finding("termination_ground_order_unknown", "warning", d.clause if d else None, None,
                                         notice.moment.at, [], {
                                             "fact": notice.id, "notice": notice, "later": [x.id for x in later],
                                             "day": notice.moment.day,
                                             "first": TypeRef(self.ended_by.type), "then": TypeRef(after.ended_by.type)}))

    def decided_apart(self, counted: "Evaluation", said: Step, moved, loose: bool = False, by_day: bool = False):
        """Duties and rights whose verdict differs between this replay and ``counted`` (one of two readings of the same
        facts) — or that arise in one only — are undetermined here, ``said`` naming why; a duty of the same verdict and
        another deadline gets ``moved(due)`` (a step, or None: nothing said)."""
        duty_key, row_key = (_duty_day_key, _row_day_key) if by_day else (_duty_key, _row_key)
        if loose:
            duty_key, row_key = _loose(duty_key, self.p.deemed_types), _loose(row_key, self.p.deemed_types)
        for name, mine in self.instances.items():
            theirs = _paired(counted.instances.get(name, ()), duty_key)
            for inst in list(mine):
                same = theirs.get(duty_key(inst))
                other = same.pop(0) if same else None
                if (other is None or other.status is not inst.status) and inst.status is not Status.UNDETERMINED:
                    inst.status = Status.UNDETERMINED  # (the replay is over: a verdict of the report, not a move)
                    inst.because.append(said)
                    self.undetermined.add(name)
                elif other is not None and inst.deadline is not None and other.deadline is not None \
                        and inst.deadline.due != other.deadline.due:  # (the same verdict, not the same deadline: a
                    # term counted from the contract's end — 附件2 六 — whose end that day's fact may have made: said,
                    # the verdict kept — counsel round 41)
                    step = moved(other.deadline.end())
                    if step is not None:
                        inst.because.append(step)
            for others in theirs.values():  # (they arise only if those facts came by as_of)
                for other in others:
                    other.status = Status.UNDETERMINED
                    other.because.append(said)
                    mine.append(other)
                    self.undetermined.add(name)
        theirs = _paired(counted.remedies, row_key)
        amounts = self.accruals(self.remedies, self.as_of)  # (what each comes to: the hours of a restoration of that
        other_amounts = counted.accruals(counted.remedies, self.as_of)  # day run to as_of, or to it)
        for r in list(self.remedies):
            key = row_key(r)
            other = theirs[key].pop(0) if theirs.get(key) else None
            if (other is None or other.status != r.status
                    or amounts[id(r)][0] != other_amounts[id(other)][0]) and r.status != "undetermined":
                r.status = "undetermined"
                r.because.append(said)
        for others in theirs.values():
            for other in others:
                other.status = "undetermined"
                other.because.append(said)
                self.remedies.append(other)

    def take(self, batch: "list[Event] | Event"):
        """The facts of one instant (a list), or the one fact of its instant, with what is due before
        them: the replay's step, and a live session's (``engine.run.session``)."""
        at = batch.moment.at if type(batch) is not list else batch[0].moment.at
        # what is due before these facts happens first: deadlines that passed at this instant
        # and what they set off (a deemed acceptance at 24:00), and events deemed for it
        if self.slots and self.slots[0] < (at, PHASE_DECIDE):
            self.run_scheduled((at, PHASE_DECIDE))
        if self._later_refs:  # (after what was due before it: in the order a replay stopping earlier says them — the
            self.say_later_refs(batch)  # fuzzer, round 28: `--as-of A,B` and a run at B listed findings apart)
        while self._by_known is not None and self._by_known.at < at:  # (known from an event deemed before these)
            self.retry_due_by()
            if self.slots and self.slots[0] < (at, PHASE_DECIDE):
                self.run_scheduled((at, PHASE_DECIDE))
        self.now = at
        self.current_fact = batch if type(batch) is not list else batch[0]
        again = self.p.rematch_by_type
        if again and (batch.type in again if type(batch) is not list else any(f.type in again for f in batch)):
            self._instant_found, self._produced = set(), []
        try:  # a year no calendar knows stops only what depends on it
            if type(batch) is not list:
                self.occur_alone(batch)
            else:
                self.occur_together(batch)
            if self._instant_found is not None:
                self.match_again(batch if type(batch) is list else [batch], at)
        except CalendarYearUnknown as exc:
            self.unknown_year(exc, self.current_rule)
        finally:
            self._instant_found = self._state_before = None
        if self.recomputing or self.recompute_keyed or self._row_lapses or self._row_lapses_keyed:
            batch = (batch,) if type(batch) is not list else batch
            self.recompute({f.type for f in batch}, batch)
            if self._row_lapses or self._row_lapses_keyed:
                self.row_lapses(batch)
            if self._recount:
                self.recount()
        if self._by_known is not None:
            self.retry_due_by()
        if self._timeless:
            self._timeless = False
            try:
                self.reconsider_when(None, ())
            except CalendarYearUnknown as exc:
                self.unknown_year(exc, self.current_rule)
        self.current_fact = None
        self.current_b = {}  # (what a rule bound is said only for the rule that bound it)

    def match_again(self, facts: list[Event], at: datetime):
        """An event deemed at the instant of a fact is simultaneous with the instant's facts: the triggers of
        those facts that read deemed events were held back (``Prepared.by_type_first``) and are tested once
        the events the instant's facts deem at that instant have happened — a defect reported at the very
        instant of the passed test that acceptance is deemed at is after it for `for each defect r where
        exists(accepted)` and not before it for `… where not exists(accepted)`.  Then again while what they
        set off deems more events they read, each match not found before firing.  (A match found before is
        not withdrawn: what a rule did at an instant stays done.)"""
        again, found_before, reads = self.p.rematch_by_type, self._instant_found, self.p.rematch_reads
        deemed = self.p.deemed_types
        looked = -1  # (the events produced before the last test; none yet: the held-back triggers' first test)
        place = {id(f): i for i, f in enumerate(facts)}
        # the state they read is the state before the instant acted, as for the instant's other triggers, with what
        # the instant's deemed events brought about: what the facts' own triggers set off (a duty arising,
        # performed) is hidden, a duty a deemed event started is not (a reviewer: `exists(accepted) and
        # open(warranty)`, the warranty started by the acceptance deemed at the instant, never held)
        hidden = [e for e in self._produced if e.type not in deemed]
        before, mark = self._state_before, self._state_now()
        for _ in range(MAX_CASCADE):
            if self.slots and self.slots[0] < (at, PHASE_DECIDE):
                self.run_scheduled((at, PHASE_DECIDE))  # (what the instant's facts produced at it)
            self.now = at  # (a deemed event dated earlier may have moved the clock back: the facts' instant again)
            produced = self._produced
            if looked >= 0 and not any(e.type in reads for e in produced[looked:]):
                return
            looked = len(produced)
            new = {id(e) for e in produced}
            before, mark = _with_change(before, mark, self._state_now()), None
            outer = self._hidden, self._hiding, self._hidden_types
            if hidden:
                self._hidden, self._hiding = outer[0] | {id(e) for e in hidden}, outer[1] + tuple(hidden)
                self._hidden_types = outer[2] | {e.type for e in hidden}
            self._before = before
            try:
                found = self._found_again(facts, again, found_before, new, place)
            finally:
                self._hidden, self._hiding, self._hidden_types = outer
                self._before = None
            if found:
                start = len(produced)
                self.fire_found(found)  # (what these triggers set off: the facts' doing, hidden from later tests)
                hidden += [e for e in self._produced[start:] if e.type not in deemed]
            mark = self._state_now()

    def _found_again(self, facts, again, found_before, new, place) -> list:
        """``match_again``'s test of the held-back triggers: the matches not found before."""
        found = []
        for f in facts:
            for plan, trig, pos in again.get(f.type, ()):
                for b in self.match_one(plan, trig, pos, f):
                    if any(id(v) in new for v in b.values()):
                        continue  # (a pair with an event produced after the facts: found when that event came)
                    key = _match_key(trig, b)
                    if key not in found_before:
                        found_before.add(key)
                        # (a pair of the instant's facts is the later one's, as when it is first found)
                        last = max((v for v in b.values() if id(v) in place), key=lambda v: place[id(v)])
                        found.append((plan, trig, b, last.moment, last.id))
        return found

    def match_one(self, plan, trig, pos: int, e: Event) -> list:
        """The bindings with which one trigger matches a fact at its position now (``matched``'s test, for
        one trigger; a year no calendar knows as there)."""
        pattern = trig.pattern
        n = len(pattern.sources)
        try:
            if n == 1:
                b = {pattern.names[0]: e}
                return [b] if pattern.where is None or pattern.where(Env(b, self, self.now)) else []
            return self._pairs(pattern, _NOTHING_BOUND, pos, e) if n == 2 else \
                list(self.matches(pattern, Env({}, self, self.now), pos, e))
        except CalendarYearUnknown as exc:
            self.unknown_year(exc, plan.decl)
            return []
        except (ArithmeticError, ValueError):  # (as in ``matched``: the error names this rule)
            self.current_rule = plan.decl
            self.current_b = {}
            raise

    def stop(self, at: datetime) -> Iterator[datetime]:
        """Pause a replay whose ``as_of`` is later at the instant ``at``: what a replay to ``at`` alone
        would still run is run (every slot before ``at``'s lateness of hours, which is not yet late at
        ``at``), the state is finished as of ``at`` and yielded, then put back as it was — what
        ``finish`` added is taken away again, the rest of the replay does not see the pause.  (Nothing
        scheduled after ``at`` runs before the pause: a replay to ``at`` would never have scheduled it.)"""
        self.run_scheduled((at, PHASE_LATE))
        while self._by_known is not None and self._by_known.at <= at:  # (as a replay to ``at`` alone would)
            self.retry_due_by()
            self.run_scheduled((at, PHASE_LATE))
        as_of, now, findings = self.as_of, self.now, len(self.findings)
        self.as_of = at
        try:
            self.finish()
            yield at
        finally:
            self.as_of, self.now, self.unmet, self.since_due, self.powers_came = as_of, now, {}, {}, {}
            del self.findings[findings:]

    def finish(self):
        """What a replay adds once it reached ``as_of``: what the obligations not triggered wait for,
        and a warning when the contract never came into force."""
        if self.first_fact is not None and self.first_fact[0].moment.at > self.as_of:  # (every fact given is later
            # than the report's instant — a slip of the year in --as-of: said, with the first of them, not only that
            # the contract is not in force — user round 23)
            first, count = self.first_fact
            self.findings.append(Finding("facts_all_after_as_of", "warning", None, None, None, [],
                                         {"count": count, "first": first, "as_of": Moment.of(self.as_of)}))
        for e in self.unseen:  # (the facts of as_of's day known by that day alone, not counted: ``not_yet_known``)
            if _is_within_day(e.moment, self.as_of):
                self.findings.append(Finding("day_alone_at_as_of", "warning", None, None, e.moment.at, [],
                                             {"fact": e, "day": e.moment.day, "as_of": Moment.of(self.as_of)}))
        self.say_what_is_unmet()
        self.say_what_came_since()
        self.say_when_powers_came()
        if self.awaiting_effect() or self.never_effective is not None:
            x = self.p.effective[0].decl
            rule = Step("rule_at", {"name": x.name, "span": str(x.span)})
            if self.never_effective is None:
                self.findings.append(Finding("contract_not_in_force", "warning", x.clause, None, None, [rule],
                                             {"as_of": Moment.of(self.as_of), "name": x.name, "label": x.label}))
            else:  # (its condition can no longer be met: it never takes effect — not "not yet")
                moment, source, said = self.never_effective
                self.findings.append(Finding("contract_never_in_force", "warning", x.clause, None, moment.at,
                                             [said, rule], {"at": moment, "name": x.name, "label": x.label}))

    def recount(self):
        """`recomputed daily` rows whose amount reads an event the contract produced (a deemed event — arrears
        carried into a new year at 24:00 of 31 December —, a verdict): recomputed as for a fact, each event in turn,
        the new amount counting from the event's own instant — a day's amount is what had happened before its 00:00,
        facts and deemed events alike (contract round 31) — or, for one dated before the row's last amount (deemed
        at a past instant as the row arose), from that amount's instant: never before what was already counted."""
        events, self._recount = self._recount, []
        for e in events:
            self.recompute({e.type}, (e,), e.moment)
            if self._row_lapses or self._row_lapses_keyed:
                self.row_lapses((e,))

    def recompute_read(self, batch):
        """The rows of `recomputed daily at day end` remedies some rule reads with `accrued( )` (``Prepared.recomputed_read``),
        recomputed as soon as the instant's facts are recorded: what those facts set off reads their totals as the
        facts leave them (the fee of the day a payment came, 算头不算尾), not as they were before the instant."""
        only = self.p.recomputed_read
        if only and (self.recomputing or self.recompute_keyed):
            self.recompute({f.type for f in batch}, batch, only=only)

    def recompute(self, types: set[str], batch, moment: Moment | None = None, only: frozenset | None = None):
        """`recomputed daily` rows whose amount reads a kind of fact that just came (those under the facts' keys,
        where the amount counts them by a key of the row's facts: ``RemedyPlan.read_keys``): the amount of a
        day from the next day on is computed anew (what is still unpaid after a part payment), or a one-off
        amount from now on.  A daily row stops being recomputed once the duty behind it is performed (it accrues
        no more); a one-off one once it is no longer held.  An amount driven below zero is said (negative_amount)."""
        at = batch[0].moment.at if batch else None
        # (`at day end`: the fact that performs the duty behind a daily row counts for its day too — the repayment
        # that pays off the balance leaves that day on its end balance, 算头不算尾 — then the row stops)
        alive = _recomputed if at is None else (lambda r: _recomputed(r) or _performed_at_day_end(r, at))
        for r in self.named_by(types, batch, self.recompute_keyed, self.recomputing, alive):
            if only is not None and r.plan.decl.name not in only:
                continue
            value = r.plan.amount(Env(r.bindings, self, self.now))
            ranged = None
            if isinstance(value, (Decimal, str)) and (r.plan.amount_instants or r.plan.amount_reads_end):  # (read at
                # the first and last instants of the day of a day-alone fact it reads: review round 45)
                value, said = self.hour_decides_amount(r.plan, r.bindings, value, [])
                ranged = said[-1] if value is None and said else None
            last_range = (r.hour_ranges or {}).get(len(r.changes) - 1)
            if value != r.changes[-1][1] or value is None and _range_of(ranged) != _range_of(last_range):
                last, before = r.changes[-1]
                if moment is None:
                    when = Moment.of(self.now)
                elif moment.at > last.at:
                    when = moment
                elif moment.at < (first := r.changes[0][0]).at or moment.at == first.at and moment.day <= first.day:
                    # (an event deemed no later than the row arose — 24:00 of the day before a row arising at 00:00 —:
                    # it counts from the row's first day — dated the day before it, which no day of the row is; a fact
                    # at the row's very instant counts from the next day, as any fact: review round 34, round 18 —
                    # and so does an event deemed at 00:00 of the row's first day, not before it: contract round 38)
                    since = r.since
                    when = Moment.start_of_day(since.day if since.is_end_of_day() else since.day - timedelta(days=1))
                elif moment.at == first.at:  # (00:00 of the day after a row arising at 24:00: as a fact then)
                    when = moment
                else:
                    when = last
                r.changes.append((when, value))
                if ranged is not None:
                    r.hour_ranges = {**(r.hour_ranges or {}), len(r.changes) - 1: ranged}
                if value == 0 and r.row_floor is not None and r.plan.amount_exact is not None and \
                        not r.plan.decl.accrues:  # (a balance left under half a fen, still owed: `each at least`
                    exact = self.below_cent(r.plan, Env(r.bindings, self, self.now))  # lifts it — review round 44)
                    if exact is not None:
                        r.exact_zero = {**(r.exact_zero or {}), len(r.changes) - 1: exact}
                if isinstance(value, Decimal) and value < 0 and not (isinstance(before, Decimal) and before < 0):
                    # (driven below zero by a later fact — overpaid: said, as when it arises so)
                    self.findings.append(Finding("negative_amount", "warning", r.plan.decl.clause, None, self.now, [],
                                                 {"name": TypeRef(r.plan.decl.name), "trigger": _cited_trigger((r.bindings or {}).values(), r.trigger_id),
                                                  "amount": Quantity(value, _kind(r.plan.amount_kind))}))

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
                    self._none_in_rest.clear()
                    break
            else:
                heapq.heappop(slots)
                del agenda[slot]
                self._next_day.discard(slot)
                if self._recount:
                    self.recount()
                if self._by_known is not None and (before is None or slot[0] < before[0]):
                    # (a value a `due by` / `until` waits for, made known by what this slot did — an event deemed
                    # then —: tried again at this instant, as a replay stopping here would, not at the next fact or
                    # stop — the instant it is said to be known at no longer moves with the instants reported
                    # before; the fuzzer, round 9.  Facts of the bound's own instant come first, as they did.)
                    self.retry_due_by()
        self.phase, self._slot_rest = None, ()

    def say_what_is_unmet(self):
        """For each obligation not triggered by ``as_of``: which of its conditions hold and which do
        not yet, or which fact it waits for."""
        self.now = self.as_of
        env = Env({}, self, self.as_of)
        for plan in self.p.obligations:
            if self.instances[plan.decl.name]:
                continue
            lines = self.conditions_now(plan, env)
            if self.awaiting_effect():
                lines.append(Step("not_in_force", {}, 1))
            elif self.ended is not None and not plan.decl.survives:
                # (conditions that held only after the contract ended set nothing off: no duty arises after the end,
                # 第566条 — said first, or a row of conditions all met reads as a duty still to come: counsel round 29)
                lines.insert(0, Step("ended_before_triggered", {"at": _cited(self.ended, self.ended_by is not None
                                                                             and self.ended_by.bare),
                                                                "by": TypeRef(self.ended_by.type)
                                                                if self.ended_by is not None else None}, 1))
            elif plan.decl.name in self._early and self.effective is not None:  # (what matched came before it bound)
                at, facts = self._early[plan.decl.name]
                lines.insert(0, Step("matched_before_effect", {"facts": facts, "at": at, "effective": self.effective}, 1))
            self.unmet[plan.decl.name] = lines

    def say_what_came_since(self):
        """A duty violated whose `fulfilled when` still does not hold at ``as_of``: what it stands on then, where that is
        not what it stood on at the due — a part paid after it, which the breach's reasons, said at the due, never
        named (counsel round 39)."""
        self.now = self.as_of
        for plan in self.p.obligations:
            if plan.fulfil_why is None:
                continue
            for inst in self.instances[plan.decl.name]:
                if inst.fulfilled is not None or inst.status not in (Status.VIOLATED, Status.ACTIVE):
                    continue
                now = self.fulfil_why(inst)
                if now is None:
                    continue
                if inst.status is Status.ACTIVE:  # (running: what it stands on so far, where some fact counts — the
                    if _cites_a_fact(now):  # price paid in part: ¥500,000.00 of ¥1,000,000.00 — a user, round 23)
                        self.since_due[id(inst)] = Step("unmet_so_far", {"as_of": Moment.of(self.as_of), "why": now})
                elif now != next((x.args.get("why") for x in reversed(inst.because) if x.code == "violated"), None):
                    self.since_due[id(inst)] = Step("unmet_since", {"as_of": Moment.of(self.as_of), "why": now})

    def say_when_powers_came(self):
        """For a notice of termination that rested on a power not yet held: when that power came, if it did by
        ``as_of`` (``powers_came``, for the finding's words — "尚未取得，自 … 起享有": user round 24)."""
        for f in self.findings:
            if f.code != "termination_without_right" or not f.args or f.args.get("state") != "not_yet":
                continue
            came = [r.since for x in f.because if x.code == "no_power"
                    for r in self._rows_by_name.get(str(x.args["power"]), ())
                    if f.at < r.since.at <= self.as_of and (x.args["holder"] is None or r.holder == x.args["holder"])]
            if came:
                self.powers_came[id(f)] = min(came, key=lambda m: (m.at, m.day))

    def conditions_now(self, plan, env: Env, depth: int = 1) -> list[Step]:
        """Of a duty not triggered: which of its conditions hold now and which do not yet, or which fact it waits for."""
        lines = []
        for trig in plan.triggers:
            if trig.kind == "for_each":
                lines.append(Step("waits_for", {"text": trig.text}, depth))
                continue
            for text, explain, test, missed in trig.parts:
                try:
                    ok = bool(test(env))
                    said = explain(env) if ok else missed(env) if missed is not None else None
                    state = "holds" if ok else "not_yet"
                except CalendarYearUnknown as exc:
                    state, said = "unknown", exc.step()
                lines.append(Step("condition_state", {"text": text, "state": state, "why": said}, depth))
        return lines

    def derived_first(self, items: list, i: int, day_end: bool = False):
        """The events deemed for this slot and not yet happened (after ``i`` in its ``items``) happen now, before the
        duty being decided — not the duty put back behind them, one by one: n duties of one instant, each deeming an
        event, went round the slot n times each (cubic: the fuzzer, round 28).  ``day_end``: the duty falls due at 24:00
        of its last day — only the events deemed at 24:00 of that day come first; those deemed at 00:00 of the next day,
        the same instant, are of the next day and come after (docs §9: a cure notice deemed received the day after the
        default finds the default there — contract round 39)."""
        known_none = self._none_in_rest
        key = "derived_day_end" if day_end else "derived"
        while True:
            known = known_none.get(key)  # (only what was added since the last look is looked at: n duties of
            start = known[1] if known is not None and known[0] is items and known[1] > i else i  # one instant, each
            tail = items[start:]  # deeming an event, looked the whole rest over each — quadratic: CI, round 28)
            pending = [x for x in tail if x[0] == "derived" and (not day_end or x[1].moment.is_end_of_day())]
            if pending:
                items[start:] = [x for x in tail if x[0] != "derived" or day_end and not x[1].moment.is_end_of_day()]
                for kind, (its, end) in list(known_none.items()):  # (what lies before ``start`` did not move)
                    if its is items and end > start:
                        known_none[kind] = (items, start)
            known_none[key] = (items, len(items))
            if not pending:
                return
            for kind, payload in pending:
                self.dispatch(kind, payload)

    def _in_rest(self, items: list, i: int, kind: str, rules=None) -> bool:
        """Whether the rest of the slot being run (``items[i:]``) holds an item of ``kind`` (of one of ``rules``, named,
        when given: each kind is asked with one set). How far it is known to hold none is remembered (items are
        appended; one put before others, or the rest moved up, clears what is known), so that n items of one instant
        asking it do not each scan the rest: n force majeure of one instant, each a duty due then, were quadratic
        (the fuzzer, round 35)."""
        known = self._none_in_rest.get(kind)
        start = known[1] if known is not None and known[0] is items and known[1] > i else i
        for k, payload in items[start:]:
            if k == kind and (rules is None or payload.rule.decl.name in rules):
                return True
        self._none_in_rest[kind] = (items, len(items))
        return False

    def dispatch(self, kind: str, payload):
        if kind == "due":
            self.on_due(payload)
        elif kind == "due_after_events":  # (decided once this instant's derived events have happened)
            items, i = self._slot_rest
            d = payload.deadline
            self.derived_first(items, i, d is not None and d.last_day is not None and d.end().is_end_of_day())
            deeming = self.p.deems_on_violation
            if deeming and payload.rule.decl.name not in deeming \
                    and self._in_rest(items, i, "due_after_events", deeming):
                # (and after the duties of this instant whose violation deems an event: a meeting missed at the very
                # instant 2.2(4)'s 30 days end is 视为验收合格 then, which excuses the duty to organize one — as a
                # review missed then already did; facts of one instant happen together: counsel round 28)
                self.push(self.now, PHASE_EVENT, "due_after_events", payload)
            else:
                self.on_due(payload, after_events=True)
        elif kind == "derived":
            e = payload
            later = self.derived_later.get(e.id) if self.derived_later else None
            if later is not None and e.moment.at < later.at:  # (taken as later that day: ``order_decides``)
                self.push(later.at, PHASE_EVENT, "derived", Event(e.id, e.type, later, e.attrs, e.seq, e.line,
                                                                  e.because, bare=True))
                return
            if self.ended is not None and _after_end(e.moment, self.ended) and e.type not in self.p.deemed_surviving \
                    and not self.on_day_of_a_bare_end(e.moment):
                return  # deemed for a moment after the contract ended: it no longer happens (the day a notice known
                # by its day alone ended it, it may have come first: it happens, what it sets off undetermined — ``apply``)
            if self.ended_part and self.part_ended(e.type, e.moment) is not None:
                return  # (deemed after its part of the contract ended)
            if e.bare and not self.see_day_alone and _is_within_day(e.moment, self.as_of):  # (deemed on the day as_of falls within: it may
                self.day_alone_unseen(e)  # come after as_of — 10.3.3's third day — ``not_yet_known``)
                return
            self.occur(e)
        elif kind == "unless":
            self.on_unless_expired(payload)
        elif kind == "bare_finding":  # (``fire``: a finding on a fact given by its day alone, asked at the day's end)
            plan, trig, b, moment, trigger_id = payload
            if trig.pattern.where(Env(b, self, self.now)):
                self._bare_later = True
                try:
                    self.fire(plan, trig, b, moment, trigger_id)
                finally:
                    self._bare_later = False
        elif kind == "wake":
            self.reconsider(None, payload)
            if self._lapse_wakes:
                self.row_lapses_woken(payload)
        elif kind == "decide":
            self.decide(payload)
        elif kind == "end":
            self.on_end(payload)
        elif kind == "end_part":
            self.on_end_part(*payload)
        elif kind == "end_later":  # (a termination decided earlier, ending the contract now — unless it ended first)
            if self.ended is None:
                self.end_by(payload)
        elif kind == "recur":
            self.next_period(*payload)
        elif kind == "accel_series":  # (`accelerated by … with later periods`)
            self.accelerate_series(payload)
        elif kind == "power_lapse":
            self.power_lapses(payload)
        elif kind == "accel_retry":  # (``try_extend``: a right to accelerate arising at the declaration's instant)
            inst, extension, e = payload
            if inst.status in (Status.ACTIVE, Status.SUSPENDED) and inst.deadline is not None:
                self.try_extend(inst, extension, e, retried=True)

    def wake_keyed(self, e: Event, keyed: dict, ready: list, still_waiting):
        """The duties ``wait_for_value`` filed under ``e``'s key: ready to be tried again (``retry_due_by``)."""
        found = self.named_by((), (e,), keyed, {}, still_waiting)
        if found:
            ready.extend(found)
            if self._by_known is None:
                self._by_known = e.moment

    def record(self, e: Event):
        """Keep a fact in the history and the indexes."""
        etype = e.type
        if self._settle and etype in self._settle:
            self.settle_rows(e)
        if self._by_kinds and self._by_known is None and (etype in self._by_kinds or None in self._by_kinds):
            self._by_known = e.moment  # (a deadline not known yet may be known from this event on: ``retry_due_by``)
        if self._by_keyed and etype in self._by_keyed:  # (deadlines and ends waiting under this fact's key)
            self.wake_keyed(e, self._by_keyed, self._by_ready, _by_open)
        if self._until_keyed and etype in self._until_keyed:
            self.wake_keyed(e, self._until_keyed, self._until_ready, _until_open)
        if e.bare:
            self._bare_types.add(etype)
            self.bare_days.add(e.moment.day)
        history = self.history.get(etype)
        if history is None:
            self.history[etype] = [e]
        else:
            if history[-1].moment.at > e.moment.at:  # (a deemed event dated before facts recorded already)
                self._late_types.add(etype)
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
            period.last_day = _last_day_of(period.end)
            # (the stages of its duties, announced already, hold the period — and so may what they set off,
            # through their bindings: `x.t.p.end`: what was carried forward over any kind is counted again)
            self.forget_scans()
            for inst in duties:
                if inst.status is not Status.ACTIVE:
                    continue
                inst.because.append(Step("period_cut", {"label": period.label, "end": period.end}))
                rule, env = inst.rule, Env(inst.bindings, self, self.now)
                if rule.by is not None and self.set_due_by(inst, rule, env):
                    d = inst.deadline
                    self.push(max(d.due, self.now), _phase_of(d), "due", inst)
                elif rule.by is None and rule.anchor is not None and not rule.before:  # (`within 5 working days after
                    # q.end`: counted again from the new end — a reviewer: it kept the uncut period's deadline)
                    anchor = to_moment(rule.anchor(env))
                    try:
                        d = self.count(anchor, rule.duration(env), rule.counting) if anchor is not None else None
                    except CalendarYearUnknown as exc:
                        self.unknown_year(exc, rule.decl)
                        d = None
                    if d is not None:
                        inst.deadline = d
                        inst.because.append(_deadline_from(rule, d, anchor))
                        inst.because.extend(d.steps)
                        self.push(max(d.due, self.now), _phase_of(d), "due", inst)

    def forget_scans(self) -> None:
        """What ``scan``, ``kept`` and the aggregates (``carried``) carried forward, counted again when next
        asked: a fact recorded changed (a period a stage holds was cut), so its match may have.  Rare: once,
        where a recurrence ends."""
        for s in self._scans.values():
            if len(s) < 4:  # (``kept``'s lists, ``scan_first``'s matches)
                self._retired.append(s[1])
        self._scans.clear()
        self.carried.clear()

    def react(self, e: Event):
        """Let every rule that cares see one event: the duties it performs, then what it sets off."""
        self.perform(e)
        for args in self.matched(e):
            self.fire(*args)

    def perform(self, e: Event, resume: bool = True):
        """What an event does to duties already running: performs, cancels, breaches, pauses and (``resume``)
        ends pauses."""
        etype = e.type
        if etype in self.waiting or etype in self.waiting_keyed:
            self.try_fulfil(e)
        if etype in self.unless_pending:
            self.try_cancel_unless(e)
            if etype in self.unless_passed and "__told_at__" in e.attrs:
                self.unless_met_late(e)
        if etype in self.waiting_breach:
            self.try_breach(e)
        if etype in self.waiting_excuse_ways:
            self.try_excuse(e)
        if etype in self.waiting_suspend:
            self.try_suspend(e)
        if resume and etype in self.waiting_resume:
            self.try_resume(e)
        if etype in self.p.accel_series and self.ended is None:  # (once the instant's facts are in, as a right to
            self.push(self.now, PHASE_DECIDE, "accel_series", e)  # accelerate arising with it is: ``accel_retry``)

    def wait_pause(self, inst: Instance, which: int):
        """A running duty waits for the facts that may pause it (suspension ``which`` >= 0) or extend it (-1 - the
        extension), under the key its bindings give (``ObligationPlan.pause_keys``), once: a key with an
        unknown part names no fact (a comparison with an unknown value is false)."""
        if (inst, which) in self._pausing:
            return
        rule = inst.rule
        if which >= 0:
            pattern, key = rule.suspensions[which][0], rule.pause_keys[which]
        else:
            pattern, key = rule.extensions[-1 - which][0], rule.pause_keys[len(rule.suspensions) - 1 - which]
        attrs, k = (None, None) if key is None else (key[0], key[1](Env(inst.bindings, self, self.now)))
        if attrs is not None and _unknown_key(k):
            return
        self._pausing[(inst, which)] = True
        self._seq += 1
        self.waiting_suspend.setdefault(pattern.sources[0][0], {}).setdefault(attrs, {}).setdefault(k, []).append(
            (self._seq, inst, which))

    def in_line(self, waiting: dict, e: Event) -> tuple[list, list]:
        """Of the duties waiting for a kind of fact by key (key attrs, None: no key → key → [(place in line, duty,
        …)]), those ``e`` may concern — under its key, and those without one: the pools they are in (each with
        its length now: what joins meanwhile is left alone) and the entries, in the order they came to wait.
        A fact whose key has an unknown part names none."""
        pools = []
        for attrs, by_key in waiting.items():
            k = None if attrs is None else self.p.key_reader(attrs)(e)
            if attrs is not None and _unknown_key(k):
                continue
            pool = by_key.get(k)
            if pool:
                pools.append((by_key, k, pool, len(pool)))
        entries = pools[0][2][:] if len(pools) == 1 else sorted(
            (x for _, _, pool, _ in pools for x in pool), key=lambda x: x[0])
        return pools, entries

    def try_suspend(self, e: Event):
        """A fact that pauses running duties (`suspended by …`): they are `suspended` from it, and
        cannot fall due until a fact resumes them.  The duties waiting under its key (and those without
        one) are tried in the order they came to wait; a paused duty keeps its place for when it resumes."""
        pools, entries = self.in_line(self.waiting_suspend[e.type], e)
        gone = set()
        for entry in entries:
            _, inst, k = entry
            if inst.status is Status.SUSPENDED:  # (it stays in line, in its place, for when it resumes)
                if k >= 0 and not inst.paused[2][id(e)] and \
                        (b := self.one(inst.rule.suspensions[k][0], inst.bindings, e)) is not None:
                    # a second cause while paused (a force majeure within another): the pause lasts until the
                    # last of them ends — the time they cover together, counted once
                    cause = (b, k)
                    inst.paused[1][id(cause)] = cause
                    inst.paused[2].update(map(id, b.values()))
                    inst.because.append(Step("suspended_also", {"fact": e, "since": inst.paused[0]}))
                    self.await_resume(inst, cause, e)
                elif k < 0:  # (an extension agreed while paused moves the deadline the pause will add to)
                    self.try_extend(inst, inst.rule.extensions[-1 - k], e)
                continue
            if inst.status is not Status.ACTIVE:
                ext = inst.rule.extensions[-1 - k] if k < 0 else None
                if ext is not None and ext[2] == "for_back" and inst.status is Status.VIOLATED and inst.deadline:
                    self.extend_back(inst, ext, e)  # (a length of 0 moves nothing: and is not "too late" either)
                    continue  # (re-dated, and open again or performed in time: it stays in line for further ones)
                if ext is not None and ext[2] != "earlier" and inst.status is Status.VIOLATED and inst.deadline \
                        and e.moment.at >= inst.deadline.due and self.one(ext[0], inst.bindings, e) is not None:
                    # (an agreement after the deadline does not undo the delay — said, not passed over: the software
                    # contract's author; whether it varies the contract is for the parties)
                    inst.because.append(Step("extended_too_late", {"fact": e, "due": inst.deadline.end()}))
                gone.add(id(entry))
                continue
            if k < 0:  # an agreed extension
                self.try_extend(inst, inst.rule.extensions[-1 - k], e)
                continue
            b = self.one(inst.rule.suspensions[k][0], inst.bindings, e)
            if b is None:
                continue
            inst.move(Status.SUSPENDED)
            # (since when, and each cause still running: its bindings, which; the ids of the values its causes bind, each
            # counted — a fact already a cause is not one twice, asked without going through every cause: the fuzzer,
            # round 28, N causes at once quadratic)
            cause = (b, k)  # (the causes by the id of each: one found and ended at once — the fuzzer, round 30, N
            # causes ended last-begun first quadratic)
            inst.paused = (e.moment, {id(cause): cause}, Counter(map(id, b.values())), None, frozenset())
            inst.because.append(Step("suspended_by", {"fact": e, "due": inst.deadline.end()}))
            self.await_resume(inst, cause, e)
        if gone:
            for by_key, k, pool, n in pools:
                for x in pool[:n]:
                    if id(x) in gone:
                        del self._pausing[(x[1], x[2])]
                pool[:n] = [x for x in pool[:n] if id(x) not in gone]
                if not pool:
                    del by_key[k]

    def await_resume(self, inst: Instance, cause: tuple, by: Event | None = None):
        """File a paused duty to wait for the fact that ends its pause ``k`` (under that fact's key).  A pause begun by
        ``by`` at an hour of a day may already have had its end: a fact of that day alone, which ended nothing of the
        duty when it came at the day's start — it came after the pause, some hour of that day (review round 28: the
        duty stayed suspended for ever).  Each entry names its cause (``cause``: (bindings, which), as ``inst.paused``
        holds it): the fact that ends it is tried against that cause alone."""
        b, k = cause
        end_type = inst.rule.suspensions[k][1].sources[0][0]
        key = inst.rule.resume_keys[k]
        attrs, kv = (None, None) if key is None else (key[0], key[1](Env(b, self, self.now)))
        if attrs is None or not _unknown_key(kv):  # (an unknown key: never)
            self._seq += 1
            self.waiting_resume.setdefault(end_type, {}).setdefault(attrs, {}).setdefault(kv, []).append(
                (self._seq, inst, cause))
        if by is not None and not by.bare and (ended := self._ended_that_day(inst, b, k, end_type, by)) is not None:
            self.resume(inst, ended, cause)

    def _ended_that_day(self, inst: Instance, b: dict, k: int, end_type: str, by: Event) -> Event | None:
        """A fact of ``by``'s day alone, recorded before it (at the day's start), that ends the cause ``b`` and used
        nothing of ``inst`` when it came — the last such (the history is in time order)."""
        history = self.history.get(end_type)
        if not history:
            return None
        day, until = by.moment.day, inst.rule.suspensions[k][1]
        for e in reversed(history):
            if e.moment.day != day:
                if e.moment.at < by.moment.at:
                    break
                continue
            if e.bare and e.moment.at < by.moment.at and (id(inst.rule), k, id(e)) not in self._ends_used \
                    and self.one(until, b, e) is not None:  # (an end that ended another pause — of this duty, or of the
                # pauses running when a duty arose — is not this one's: one end, one pause; review round 29)
                return e
        return None

    def try_extend(self, inst: Instance, extension, e: Event, retried: bool = False):
        """`extended by AGREEMENT x until x.new_due`: before the deadline, an agreement moves it to
        the moment it names (a date: the whole day); a moment no later than the deadline changes nothing.
        `extended by AGREEMENT x for x.days days`: the deadline as it stands moves on by that length."""
        pattern, to, mode, power = extension
        b = self.one(pattern, inst.bindings, e)
        if b is None:
            return
        d = inst.deadline
        if mode == "earlier":  # 加速到期: the deadline brought forward to the fact's instant (or the moment it names)
            if power is not None:  # (`… exercises POWER`: the right to accelerate, held — else no acceleration)
                right = self.accel_right(power, b, e)
                if right is None:
                    if not retried and (self.phase is None or self.phase < PHASE_DECIDE):  # (a right arising at this very instant — the
                        # default and the declaration together, in either order: facts of one instant happen
                        # together — is looked for again once the instant's facts are in: the fuzzer, round 12)
                        self.push(self.now, PHASE_DECIDE, "accel_retry", (inst, extension, e))
                        return
                    inst.because.append(Step("accelerated_without_right", {"fact": e, "power": TypeRef(power[0])}))
                    return
            end = e.moment if to is None else end_moment(to(Env(b, self, self.now)))
            if end is not None and end.at < e.moment.at:  # (never before it was declared: no one is late for a time past)
                end = e.moment
            if end is None or end.at >= d.due:
                return
            # (a moment known: no longer provisional on a year no calendar knows — a reviewer)
            moved = deadline_at(end, d.start, d.period, d.counting, d.steps, None)
            inst.because.append(Step("accelerated", {"fact": e, "due_before": d.end(), "due": moved.end()}))
            if power is not None:
                inst.because.append(Step("accelerated_using", {"power": TypeRef(power[0]), "since": right.since}))
            inst.deadline = moved
            self.push_due(inst, moved)
            return
        if mode == "for" or mode == "for_back":
            length = to(Env(b, self, self.now))
            moved, how = self.lengthened(inst, d, length)
            if moved is None:
                return
            inst.because.append(Step("extended_for", {"fact": e, "length": length if isinstance(length, Period)
                                                      else Quantity(length, "elapsed"),
                                                      "due_before": d.end(), "due": moved.end()}))
            inst.because.extend(Step(s.code, s.args, 1) for s in how)
            inst.deadline = moved
            self.push_due(inst, moved)
            return
        end = end_moment(to(Env(b, self, self.now)))
        if end is None or end.at <= (d.earliest or d.due):
            return
        if end.at < d.due:  # (hours from a day given alone: the new moment only raises the earliest end)
            moved = dataclasses.replace(d, earliest=end.at)
        else:  # (a moment the agreement names: no longer provisional on a year no calendar knows)
            moved = deadline_at(end, d.start, d.period, d.counting, d.steps, None)
        inst.because.append(Step("extended", {"fact": e, "due_before": d.end(), "due": moved.end()}))
        inst.deadline = moved
        self.push_due(inst, moved)

    def extend_back(self, inst: Instance, extension, e: Event) -> bool:
        """`extended by X x for LENGTH retroactively`: an extension confirmed after the deadline moves it all the same
        (施工合同解释（一）第10条: a delay applied for in time extends the term, however late the confirmation).  The
        breach found at the old end is withdrawn, with the rights that arose from it, when nothing was late by the new
        end: the duty runs again to it, or was performed within it.  Performed after the new end too: it stands, the
        end re-dated.  True when it moved the deadline."""
        pattern, to, _, _ = extension
        b = self.one(pattern, inst.bindings, e)
        if b is None:
            return False
        d = inst.deadline
        length = to(Env(b, self, self.now))
        moved, how = self.lengthened(inst, d, length)
        if moved is None:
            return False
        name = inst.rule.decl.name
        inst.because.append(Step("extended_back", {"fact": e, "length": length if isinstance(length, Period)
                                                   else Quantity(length, "elapsed"), "due_before": d.end(),
                                                   "due": moved.end()}))
        inst.because.extend(Step(s.code, s.args, 1) for s in how)
        inst.deadline = moved
        done = inst.fulfilled
        late = done is not None and moved.is_late(done.at)
        # what the breach at the old end set off goes with it: the rights it gave, the windows it opened (6.2's
        # "逾期超过30日" counted from the old end) — performed after the new end too, they arise again from it
        self.cancel_windows_of(inst)
        for r in self.resting_on(inst):
            if r.status in _WITHDRAWABLE:
                self.lapse(r, "withdrawn")
                r.because.append(Step("redated_back_remedy" if late else "violation_withdrawn_back_remedy",
                                      {"duty": TypeRef(name), "fact": e, "due": moved.end()}))
        if late:
            inst.because.append(Step("late_after_extension", {"due": moved.end()}))
            self.lifecycle(inst, "violated", moved.end())
            return True
        inst.because = [x for x in inst.because if x.code not in ("violated", "performed_late", "caveat")] + [
            Step("violation_withdrawn_back", {"fact": e, "due": moved.end()})]
        if done is not None:
            inst.move(Status.FULFILLED)
            self.lifecycle(inst, "fulfilled", done)
        elif self.ended is not None and self.ended_by is not None and moved.due > self.ended.at:  # (the contract
            # ended first: nothing was late by the new end when it did — discharged, 第566条)
            _discharge_after_all(inst, _discharged(self.ended_by))
        else:
            inst.move(Status.ACTIVE)
            self.push_due(inst, moved)
        return True

    def excuse_made_in_error(self, inst: Instance, said: Step):
        """A duty an `unless … within` window's end made, the window met after all by an event learnt of later:
        excused (the contract's own exception applies), and what its breach set off goes with it."""
        self.waiting_cond.pop(inst, None)
        self.cancel_windows_of(inst)
        for r in self.resting_on(inst):
            if r.status in _WITHDRAWABLE:
                self.lapse(r, "withdrawn")
                r.because.append(said)
        inst.because = [x for x in inst.because if x.code != "violated" and x.code != "caveat"] + [said]
        inst.move(Status.EXCUSED)

    def cancel_windows_of(self, inst: Instance):
        """The `unless … within` windows a stage of ``inst`` opened (a breach withdrawn), no longer waited out."""
        for p in self._resting.get(id(inst), ()):
            if type(p) is Pending and not p.cancelled:
                p.cancelled = True
                utype, attr, key = p.slot
                pend = self.unless_pending[utype][attr][key]
                if p in pend:
                    pend.remove(p)

    def push_due(self, inst: Instance, moved: Deadline):
        """A duty's deadline moved (paused, extended, accelerated, recounted): its due looked at again at its new end —
        or now, where that end has already passed, as a deadline passed (not in the phase after the instant where an
        hours period's own end instant is still in time: at the instant an extension into the past is agreed, the
        duty is late — the fuzzer, round 9)."""
        if moved.due >= self.now:
            self.push(moved.due, _phase_of(moved), "due", inst)
        else:
            self.push(self.now, PHASE_DEADLINE, "due", inst)

    def resting_on(self, inst: Instance) -> list:
        """The rows of remedies that arose from ``inst``'s breach."""
        return [r for r in self._resting.get(id(inst), ()) if isinstance(r, Remedy)]  # (a watched row is of a subclass: ``session._watch``)

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
                return _moved_to(d, d.due + length), ()
            length = Period(-(-length // timedelta(days=1)), Unit.DAYS)  # (days begun)
        if d.last_day is None or length.unit in (Unit.HOURS, Unit.MINUTES):
            if length.unit in (Unit.HOURS, Unit.MINUTES, Unit.DAYS):  # (a fixed length: added exactly)
                return _moved_to(d, d.due + fixed_length(length)), ()
            start = Moment.of(d.due)
        else:  # (on from the period's own last day: a move off a rest day applies to its new end only)
            start = Moment.end_of_day(d.counted_to)
        try:
            c = self.count(start, length, d.counting)
        except CalendarYearUnknown as exc:
            self.unknown_year(exc, inst.rule.decl)  # (stops here unless `calendar fallback undetermined`:)
            # the earliest the lengthened period can end — an act before it is in time whatever that calendar says
            c = earliest_end(start, length, exc.year, self.p.calendar)
            return Deadline(d.start, d.period, d.counting, c.last_day, c.due, d.steps, exc.year, None), c.steps[1:]
        return Deadline(d.start, d.period, d.counting, c.last_day, c.due, d.steps, d.provisional, c.nominal), \
            c.steps[1:]

    def try_resume(self, e: Event):
        """The fact that ends a pause: the deadline moves on by the time paused — days begun for a
        period of days (then to a working day, for a period to act in: 第203条), exactly for hours."""
        pools, entries = self.in_line(self.waiting_resume[e.type], e)  # (under its key and without one)
        gone = set()  # (resumed or ended: the others stay, in their order)
        served = set()  # (the duties a cause of which ``e`` ended: one end ends one pause of a duty)
        for entry in entries:
            inst, cause = entry[1], entry[2]
            if id(inst) in served:
                continue
            live = inst.status is Status.SUSPENDED and inst.paused[1].get(id(cause)) is cause
            if self.resume(inst, e, cause):
                gone.add(id(entry))
                if live:
                    served.add(id(inst))
        for by_key, k, pool, n in pools:  # (one pass each; what was paused meanwhile stays)
            pool[:n] = [x for x in pool[:n] if id(x) not in gone]
            if not pool:
                del by_key[k]

    def resume(self, inst: Instance, e: Event, cause: tuple) -> bool:
        """``e`` ends the cause ``cause`` of ``inst``'s pause, if it is its end: the last cause ended, the duty runs
        again (True: the entry waits no more — also when that cause has ended already, or the duty is no longer
        paused)."""
        if inst.status is not Status.SUSPENDED:
            return True
        since, causes, bound, bare_day, modes = inst.paused
        if id(cause) not in causes or causes[id(cause)] is not cause:
            return True
        if self.one(inst.rule.suspensions[cause[1]][1], cause[0], e) is None:
            return False
        ended = cause
        del causes[id(cause)]
        self._ends_used.add((id(inst.rule), cause[1], id(e)))
        bound.subtract(map(id, ended[0].values()))
        d = inst.deadline
        # (a fact of its day alone ends a pause of days on some hour of that day: that day is a day of the pause —
        # not 00:00, which counted it a day short without a word: contract round 28)
        by = e.attrs.get("by")  # (a stage — `pay_advance.performed_late y` — is of the day its fact was)
        day_alone = d.last_day is not None and (e.bare or type(by) is Event and by.bare and by.moment.at == e.moment.at)
        mode = inst.rule.pause_by_day[ended[1]]  # (`counted by day`, or in days of 24 hours)
        if causes:  # (another cause still runs: the pause goes on — through the day of a cause ended by that day alone;
            # the ways the causes ended so far count the pause are kept: the whole pause is counted by each)
            inst.paused = (since, causes, bound, e.moment.day if day_alone else bare_day, modes | {mode})
            inst.because.append(Step("still_suspended", {"fact": e, "since": since}))
            return True
        modes = modes | {mode}
        # (a cause ended by its day alone, the last at an hour of that day: the pause may have lasted the whole day —
        # a second cause does not shorten it: review round 28)
        day_alone = day_alone or d.last_day is not None and bare_day == e.moment.day
        # (an end known by its day alone, of the pause's own day, is no earlier than the pause began: a pause is never
        # negative — review round 29)
        paused = max((Moment.end_of_day(e.moment.day).at if day_alone else e.moment.at) - since.at, timedelta(0))
        blocks = -(-paused // timedelta(days=1))  # (days begun)
        # (`counted by day`: the days from the pause's day to the day before it ends, whatever the hours — 休学…至复学
        # 之日前一日止，按日计算: contract round 29; causes counted both ways: the longer — a second cause does not
        # shorten the pause, review round 29)
        calendar_days = (e.moment.day - since.day).days if True in modes else -1
        by_day = calendar_days >= (blocks if False in modes else 0)
        if by_day:
            day_alone, days = False, calendar_days
        else:
            days = blocks
        moved_off = None  # (the step naming the rest days a new last day was moved past)
        provisional = d.provisional
        working = d.last_day is not None and d.period is not None and d.period.unit is Unit.WORKING_DAYS
        if working:  # (a period of working days paused: the working days the pause took, each begun counted whole —
            # not the calendar days, holidays the period never counted among them: contract round 30)
            end_at = Moment.end_of_day(e.moment.day).at if day_alone else e.moment.at
            stop = e.moment.day if by_day else Moment.of(end_at - timedelta(microseconds=1)).day + timedelta(days=1)
            # (from the period's first day: a pause on the day it arose took none of its days — 第201条, that day is not
            # counted; a duty arisen at 15:00 during a typhoon over at 08:00 next day loses one working day, not two)
            first = max(since.day, d.start.day + timedelta(days=1))
            days = sum(1 for n in range((stop - first).days) if self.p.calendar.is_working_day(
                first + timedelta(days=n))) if paused > timedelta(0) or by_day else 0
            last = timecalc.add_working_days(d.counted_to, days, self.p.calendar)
            moved = Deadline(d.start, d.period, d.counting, last, Moment.end_of_day(last).at, d.steps, provisional, None)
        elif d.last_day is not None:
            # (on from the period's own last day: a move off a rest day applies to its new end only)
            nominal = last = d.counted_to + timedelta(days=days)
            if d.counting is Counting.ACT:
                cal = self.p.calendar
                try:
                    last, skipped = timecalc.skip_rest_days(last, cal)
                    if skipped:
                        moved_off = Step("last_day_moved", {"skipped": [cal.day_info(s) for s in skipped],
                                                            "to": cal.day_info(last)}, 1)
                except CalendarYearUnknown as exc:  # (`calendar fallback undetermined`: the day counted is
                    self.unknown_year(exc, inst.rule.decl)  # the earliest it can end, a move only later)
                    last, provisional = nominal, exc.year
            moved = Deadline(d.start, d.period, d.counting, last, Moment.end_of_day(last).at, d.steps,
                             provisional, nominal if last != nominal else None)
        else:
            by_day = by_day and timedelta(days=days) >= paused if False in modes else by_day
            moved = _moved_to(d, d.due + (timedelta(days=days) if by_day else paused))
            days = days if by_day else None
        said = {"fact": e, "since": since, "days": days, "paused": Quantity(paused, "elapsed"),
                "due_before": d.end(), "due": moved.end(), "day_alone": day_alone}
        if by_day:
            said["by_day"] = True
        if working:
            said["working"] = True
        inst.because.append(Step("resumed", said))
        if moved_off is not None:
            inst.because.append(moved_off)
        inst.deadline, inst.paused = moved, None
        inst.move(Status.ACTIVE)
        self.push_due(inst, moved)
        for k2 in range(len(inst.rule.suspensions)):  # (it may be paused again)
            self.wait_pause(inst, k2)
        return True

    def try_excuse(self, e: Event):
        """An event that makes an exception `exists(…)` apply to running duties."""
        for attr, by_key in self.waiting_excuse_ways[e.type].items():
            pool = by_key.get(None if attr is None else self.p.key_reader(attr)(e))
            if not pool:
                continue
            for entry in list(pool):
                inst, way, text, retro = entry
                if inst.status is Status.VIOLATED:  # the exception came only after the delay (or the breach: a
                    # continuing duty, `violated by`, has no deadline — it was violated when breached)
                    own = f"{inst.rule.decl.name}#{inst.number}."  # (not what its own violation brought about)
                    if (inst.deadline is None or e.moment.at >= inst.deadline.due) \
                            and not str(e.attrs.get("source", "")).startswith(own) \
                            and self.one(way.pattern, inst.bindings, e) is not None:
                        pool.remove(entry)
                        if retro:  # (`retroactively`: the exception holds whenever its fact is found — 第962条 —:
                            # the breach is withdrawn, and what it set off with it: contract round 30)
                            self.excuse_made_in_error(inst, Step("excused_retroactively", {"text": text, "fact": e}))
                        else:
                            inst.because.append(Step("excuse_after_delay", {"text": text, "fact": e}))
                elif inst.status is not Status.ACTIVE:
                    pool.remove(entry)
                elif self.one(way.pattern, inst.bindings, e) is not None:
                    pool.remove(entry)
                    self.excuse(inst, text, e.moment, fact=e)

    def matched(self, e: Event, table: dict | None = None) -> list:
        """The rules an event sets off, with their bindings (tested, not yet applied); ``table``: the triggers
        to test (``Prepared.by_type_first``: those not held back to the end of the instant), all by default."""
        found = []
        entries = (table or self.p.by_type).get(e.type)
        if not entries:
            return found
        for plan, trig, pos in entries:
            pattern = trig.pattern
            n = len(pattern.sources)
            try:
                if n == 1:  # the common cases, without the general matcher (``one``, inline)
                    bucket = pattern.bucket
                    if bucket is not None and bucket[2](e) != bucket[1]:
                        continue  # (`q.installment == 1` asked of a payment of installment 2: not set off)
                    b = {pattern.names[0]: e}
                    where = pattern.where
                    if where is None or where(Env(b, self, self.now)):
                        found.append((plan, trig, b, e.moment, e.id))
                    continue
                bs = self._pairs(pattern, _NOTHING_BOUND, pos, e) if n == 2 else \
                    list(self.matches(pattern, Env({}, self, self.now), pos, e))
            except CalendarYearUnknown as exc:  # a condition that needs an unknown calendar
                self.unknown_year(exc, plan.decl)
                continue
            except (ArithmeticError, ValueError):  # (a division by zero in the condition: the error names this rule)
                self.current_rule = plan.decl
                self.current_b = {}
                raise
            found += [(plan, trig, b, e.moment, e.id) for b in bs]
        return found

    def occur(self, e: Event):
        """Something the contract or an obligation produced happened: record it, let rules see it."""
        etype = e.type
        if etype in self.p.reported_types:
            self.events.append(e)
        self.record(e)
        if (self.recomputing or self.recompute_keyed) and (etype in self.recomputing or etype in self.recompute_keyed) \
                or (etype in self._row_lapses or etype in self._row_lapses_keyed):
            self._recount.append(e)  # (recomputed, rows' lapses tested, once the instant's work is done: ``recount``)
        if self._instant_found is not None:
            self._produced.append(e)
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
            if etype in self.p.when_types and (self.pending_when or self.awaiting_effect()):
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
        if self.p.recomputed_read:
            self.recompute_read(batch)
        types = {e.type for e in batch}
        self._unprocessed = {id(e) for e in batch}
        try:
            if (self.pending_when or self.awaiting_effect()) and not types.isdisjoint(self.p.when_types):
                self.reconsider_when(types, batch)
            found = []
            table = self._first_table()
            for e in batch:
                self._unprocessed.discard(id(e))
                found += self.matched(e, table)
        finally:
            self._unprocessed = set()
        if self._instant_found is not None:
            self.found_now(found)
        ordered = sorted(batch, key=_by_content)  # (not by id: two results of one review at one instant)
        for e in ordered:
            self.perform(e, resume=False)
        if self.waiting_resume and not types.isdisjoint(self.waiting_resume):
            # the instant's pauses first, then its ends: a pause and its end together pause for no time, and a
            # pause beginning as another ends joins it (one pause, counted once) — whatever the kinds are called
            for e in ordered:
                if e.type in self.waiting_resume:
                    self.try_resume(e)
        self.fire_found(found)
        if (self.waiting_cond or self.waiting_excuse) and not types.isdisjoint(self.p.condition_types):
            self.reconsider_cond(types, batch)

    def occur_alone(self, e: Event):
        """A fact alone at its instant: the same steps as ``occur_together``, without the bookkeeping
        that simultaneous facts need (most facts are alone)."""
        self.record(e)
        if self.p.recomputed_read:
            self.recompute_read((e,))
        etype = e.type
        tested = etype in self.p.condition_types
        if etype in self.p.when_types and (self.pending_when or self.awaiting_effect()):
            self.reconsider_when({etype}, (e,))
        found = self.matched(e, self._first_table()) if etype in self.p.by_type else ()
        if self._instant_found is not None:
            self.found_now(found)
        if etype in self.waiting or etype in self.waiting_keyed or etype in self.unless_pending \
                or etype in self.waiting_breach or etype in self.waiting_excuse_ways \
                or etype in self.waiting_suspend or etype in self.waiting_resume:
            self.perform(e)
        if found:
            self.fire_found(found)
        if tested and (self.waiting_cond or self.waiting_excuse):
            self.reconsider_cond({etype}, (e,))

    def _first_table(self) -> dict | None:
        """The triggers the instant's facts are first tested by: all of them (None), or, where some are held back to
        the end of the instant (``match_again``), the others — the state the held-back ones will read kept now."""
        if self._instant_found is None:
            return None
        self._state_before = self._state_now()
        return self.p.by_type_first

    def found_now(self, found):
        """Keep the matches found for facts whose triggers are tested again at their instant (``match_again``)."""
        keep = self._instant_found
        for args in found:
            keep.add(_match_key(args[1], args[2]))

    def fire_found(self, found: list):
        """Fire what the facts of an instant set off.  Once a rule fired at this instant, its later
        matches are tested again against what it did (a second copy of one application).  Of a `once` rule's matches,
        the first in the order of what the facts say (``_by_fact_content``) is the one kept: two records of one outage
        that disagree on its cause give one verdict whatever their ids or the order they were listed in (review round
        28); the other rules' rows keep the order of the facts."""
        if len(found) > 1:
            once = {}
            for n, args in enumerate(found):
                if args[0].once:
                    once.setdefault(id(args[0]), []).append(n)
            for places in once.values():
                if len(places) > 1:
                    for n, args in zip(places, sorted((found[n] for n in places), key=_by_fact_content)):
                        found[n] = args
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

    def last_of(self, types, batch, condition=None, b=_NOTHING_BOUND, order=None) -> Event | None:
        """The fact a condition came true with: of the instant's facts of the types it reads, the
        one without which it would not hold — the last such in the order the condition names their kinds
        (``order``: the application, then the invoice), then by what it says (``_by_content``) — else the
        last of them; never by its id (opposing counsel: renaming the facts of one instant changed which
        one a duty was triggered by)."""
        rank = (lambda e: (order.get(e.type, -1), _by_content(e))) if order else _by_content
        cands = sorted((e for e in batch if e.type in types), key=rank)
        if len(cands) > 1 and condition is not None:
            outer = self._hidden, self._hiding, self._hidden_types
            for e in reversed(cands):
                self._hidden, self._hiding, self._hidden_types = {id(e)}, (e,), frozenset((e.type,))
                try:
                    holds = condition(Env(b, self, self.now))
                except CalendarYearUnknown:
                    holds = True
                finally:
                    self._hidden, self._hiding, self._hidden_types = outer
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
        false = set()  # (`lapses when` conditions found false, by their text: several remedies lapsing on one
        # condition — the seed's three powers on performance in full — test it once a fact; a lapse changes
        # nothing a condition reads, and only lapses are looked up here)
        if types is None or not types.isdisjoint(self.p.condition_types):
            items = list(self.pending_when)
        else:  # (a fact only a `lapses when` reads — a payment, performing the contract in full —: those alone)
            items = [x for x in self._lapses if any(x is y for y in self.pending_when)]
        for item in items:
            plan, trig = item
            if types is not None and types.isdisjoint(trig.deps):
                continue
            if trig.kind == "lapse" and trig.text in false:
                continue
            if types is not None and types.isdisjoint(self._false_parts.get(id(trig), types)):
                if trig.kind == "lapse":  # (false still: its first false part reads none of these kinds)
                    false.add(trig.text)
                continue
            self.current_rule = plan.decl  # (an error in its condition is placed at the rule — the fuzzer)
            self.current_b = {}
            try:
                if not self.in_force_for(plan, self.now) or not self.holds_when(trig):
                    if trig.kind == "lapse":
                        false.add(trig.text)
                    if trig.accrued_by_day:  # (a total by the day grows with no fact: tested again as each day begins)
                        self.wake_as_it_accrues(trig.accrued_by_day)
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
            last = self.last_of(trig.deps, batch, trig.condition, order=trig.order)
            if last is not None:
                moment, source = last.moment, last.id
            elif woken is not None and woken.at == self.now:  # a time condition came true: the instant
                moment, source = woken, f"time:{self.q.iso(self.now)}"
            elif self.effective_by is not None and self.effective_by.moment.at == self.now:
                moment, source = self.effective_by.moment, self.effective_by.id
                last = self.effective_by  # (waiting for the contract: it arose with it — of its day alone, too)
            else:
                moment, source = woken or Moment.of(self.now), f"time:{self.q.iso(self.now)}"
            self._completing = last
            joined = None
            if trig.kind != "lapse" and type(plan) is ObligationPlan and not (last is not None and last.bare) \
                    and not moment.is_start_of_day():  # (a fact of that day alone among what the condition stands on,
                # its last fact of known time later that day: met that day, no earlier than that — counsel round 41)
                env = Env({}, self, self.now)
                joined = next((x for _, explain, _, _ in trig.parts
                               if (x := _day_alone_before(explain(env), moment)) is not None), None)
            if trig.kind == "lapse":
                self.remedy_gone(plan, trig, moment, source, last)
            elif last is not None and last.bare and last.moment.at == moment.at and type(plan) is ObligationPlan \
                    or joined is not None:
                # (completed by a fact known by its day alone: the duty arose at some instant of that day — bound
                # apart, where no condition can name it, so that a period of hours from it is not counted from the
                # day's 0时, as for a duty such a fact sets off itself — the fuzzer, round 27)
                self.fire(plan, trig, {_COMPLETED_BY: joined or last}, moment, source)
            else:
                self.fire(plan, trig, {}, moment, source)
            self._completing = None

    def wake_as_it_accrues(self, names) -> None:
        """A `when` / `lapses when` found false that reads the total of a remedy by the day (`accrued(late) >=
        ¥20.00`): that total grows as each day begins, with no fact to test the condition again — woken at the next
        day's start while a row of it is held (a day's amount counts from its first instant)."""
        for name in names:
            if any(r.status == "held" for r in self._rows_by_name.get(name, ())):
                self.wake_at(Moment.start_of_day(Moment.of(self.now).day + timedelta(days=1)))
                return

    def holds_when(self, trig) -> bool:
        """A `when` / `lapses when` condition tested now; tested part by part where it is an `and` of several
        (``TriggerPlan.guards``), the first false part's kinds kept for the next fact (``reconsider_when``)."""
        env = Env({}, self, self.now)
        if not trig.guards:
            return bool(trig.condition(env))
        for reads, part in trig.guards:
            if not part(env):
                if reads is None:  # (a part that moves without a fact of its kinds: no skipping)
                    self._false_parts.pop(id(trig), None)
                else:
                    self._false_parts[id(trig)] = reads
                return False
        self._false_parts.pop(id(trig), None)
        return True

    def row_lapses_now(self, r: Remedy, moment: Moment, source: str | None, by: Event | None = None) -> bool:
        """A row's own `lapses when` (one reading the trigger's aliases) tested now: where it holds, the row lapses at
        ``moment`` — an amount by the day counted to it, a power's one-off amount gone with it —, the others stay."""
        cond, text, _, by_day, _ = r.plan.row_lapse
        self._capture = woken = []  # (the instants its condition may come to hold at: tested again then)
        try:
            held = cond(Env(r.bindings, self, self.now))
            if not held and by_day:  # (a total by the day grows as each day begins, with no fact)
                self.wake_as_it_accrues(by_day)
        finally:
            self._capture = None
        if not held:
            for w in woken:
                self._lapse_wakes.setdefault(w.at, {})[id(r)] = r
            return False
        if moment.at < r.since.at:  # (made true by an event deemed before the row arose — arrears carried at 24:00 of
            moment = r.since  # 12-31, the row of 01-02 —: it lapses as it arises, never before it: review round 35)
        r.status, r.lapsed_at = "lapsed", moment
        r.because.append(Step("row_lapsed_when", {"clause": r.plan.decl.clause or "", "condition": text,
                                                  "at": moment, "source": source, "by": by}))
        self.amount_goes_with_power(r, moment)
        return True

    def row_lapses_woken(self, woken: Moment):
        """The rows whose own `lapses when` asked to be tested again at this instant (a `passed( )` running out, a
        total by the day grown as the day began): tested, in the order they arose (review round 34)."""
        rows = self._lapse_wakes.pop(woken.at, None)
        if not rows:
            return
        source = f"time:{self.q.iso(self.now)}"
        for r in _in_order_of_arising(rows.values()):
            if r.status == "held":
                try:
                    self.row_lapses_now(r, woken, source)
                except CalendarYearUnknown as exc:
                    self.unknown_year(exc, r.plan.decl)

    def row_lapses(self, batch):
        """The rows whose own `lapses when` reads a kind of the events ``batch`` (facts of an instant, or events the
        contract produced) — under their kinds, or under the keys these facts give —: tested, in the order they arose;
        those still held stay filed."""
        last = batch[-1]
        self.row_lapses_of({e.type for e in batch}, last.moment, last.id, batch, last)

    def row_lapses_of(self, types, moment: Moment, source: str | None, batch=(), by: Event | None = None):
        """The rows ``row_lapses`` names (``types`` may hold ``ACCRUED`` + a remedy whose row arose), tested now."""
        rows = self.named_by(types, batch, self._row_lapses_keyed, self._row_lapses, _held)
        if not rows:
            return
        for r in sorted(rows, key=lambda x: x.since.at):
            if r.status == "held":
                try:
                    self.row_lapses_now(r, moment, source, by)
                except CalendarYearUnknown as exc:
                    self.unknown_year(exc, r.plan.decl)

    def remedy_gone(self, plan: RemedyPlan, trig, moment: Moment, source: str, by: Event | None = None):
        """`lapses when COND` first holds: the rows of the remedy still held lapse (an amount by the day counted to the
        lapse stays counted by `accrued( )`; a power's one-off amount goes with it), and no row arises any more."""
        why = Step("lapsed_when", {"clause": plan.decl.clause or "", "condition": trig.text, "at": moment,
                                   "source": source, "by": by})  # (the event it held with, cited as such)
        self._gone[plan.decl.name] = why
        for r in self._rows_by_name.get(plan.decl.name, ()):
            if r.status == "held":
                r.status, r.lapsed_at = "lapsed", moment
                r.because.append(why)
                self.amount_goes_with_power(r, moment)

    def reconsider_cond(self, types, batch, woken: Moment | None = None):
        completed: dict = {}  # (a `fulfilled when` reading no binding, the facts it reads as they stand) -> last_of's
        for inst in list(self.waiting_cond) if types is None else self.cond_candidates(types, batch):
            if inst.status in _MAY_PERFORM and (types is None or not types.isdisjoint(
                    inst.rule.fulfil_deps)):
                try:
                    holds = inst.rule.fulfil_when(Env(inst.bindings, self, self.now))
                except CalendarYearUnknown as exc:
                    self.unknown_year(exc, inst.rule.decl)
                    continue
                if holds:
                    rule = inst.rule
                    if rule.fulfil_free:  # (the same fact completed it for every such duty: found once, not tested with
                        # each fact of the instant hidden for each of them — 1,200 duties, 1,200 payments at one
                        # instant, quadratic: the fuzzer, round 27)
                        key = (id(rule), tuple(len(self.history.get(t, ())) for t in rule.fulfil_deps))
                        last = completed.get(key, _NOT_YET)
                        if last is _NOT_YET:
                            last = completed[key] = self.last_of(rule.fulfil_deps, batch, rule.fulfil_when, inst.bindings)
                    else:
                        last = self.last_of(rule.fulfil_deps, batch, rule.fulfil_when, inst.bindings)
                    self.fulfil(inst, last, last.moment if last else (woken or Moment.of(self.now)))
        for inst in list(self.waiting_excuse):  # an exception that comes to apply while the duty runs
            if inst.status is not Status.ACTIVE:
                self.waiting_excuse.remove(inst)
            elif types is None or not types.isdisjoint(inst.rule.excuse_deps):
                skip = self._excuse_skip.get(id(inst))
                if skip is not None and types is not None and types.isdisjoint(skip):
                    continue  # (no kind its exceptions' first false parts read: still false)
                try:
                    held = self.excuse_held(inst, Env(inst.bindings, self, self.now))
                    if held is not None:  # (the fact it came with, looked for once it holds — not at every test: a
                        # force majeure's notice excused on performance in full was tested at every payment, sorting
                        # the instant's facts each time)
                        last = self.last_of(inst.rule.excuse_deps, batch)
                        self.excuse(inst, held, last.moment if last else (woken or Moment.of(self.now)), fact=last)
                        self.waiting_excuse.remove(inst)
                except CalendarYearUnknown as exc:
                    self.unknown_year(exc, inst.rule.decl)

    def wait_cond(self, inst: Instance, env: Env):
        """A duty waits for its `fulfilled when` condition: in line, and under each kind of fact it reads (by the
        keys of its aggregates over that kind, where the condition has them: ``Compiler.cond_keys``)."""
        self._seq += 1
        self.waiting_cond[inst] = self._seq
        self.file_by_key(inst, inst.rule.fulfil_deps, inst.rule.fulfil_keys, env, self.cond_keyed, self.cond_loose)

    def cond_candidates(self, types, batch) -> list[Instance]:
        """The duties waiting on a condition that the facts ``batch`` (of ``types``) can change, in line."""
        waiting = self.waiting_cond
        found = self.named_by(types, batch, self.cond_keyed, self.cond_loose, waiting.__contains__)
        return sorted(found, key=waiting.__getitem__) if len(found) > 1 else list(found)

    def file_by_key(self, item, kinds, keys: dict | None, env: Env, keyed: dict, loose: dict):
        """File ``item`` (a waiting duty, a recomputed row) under each kind of fact that may change it: by the
        key its bindings give where ``keys`` (``Compiler.cond_keys``) has one for that kind — a fact of
        another key cannot change it —, else among those any fact of the kind may change.  A key with an
        unknown part names no fact (a comparison with an unknown value is false): no fact of that kind
        changes it."""
        for t in kinds:
            ways = keys.get(t) if keys else None
            if ways is None:
                loose.setdefault(t, []).append(item)
                continue
            for attrs, key in ways:
                k = key(env)
                if _unknown_key(k):
                    continue
                read = self.p.key_reader(attrs)
                for r, by_key in keyed.setdefault(t, []):
                    if r is read:
                        break
                else:
                    by_key = {}
                    keyed[t].append((read, by_key))
                by_key.setdefault(k, []).append(item)

    def named_by(self, types, batch, keyed: dict, loose: dict, alive) -> list:
        """What ``file_by_key`` filed that the facts ``batch`` (of ``types``) may change: what is filed loosely
        under their kinds and what is filed under their keys (each pool looked at once, however many facts of
        the batch name it); what is no longer ``alive`` is let go of on the way."""
        found: dict = {}  # id -> what (rows of remedies compare by value: each is itself here)
        for t in types:
            pool = loose.get(t)
            if pool:
                pool[:] = [x for x in pool if alive(x)]
                found.update((id(x), x) for x in pool)
        asked = set()
        for e in batch:
            for read, by_key in keyed.get(e.type, ()):
                k = read(e)
                if (id(by_key), k) in asked:
                    continue
                asked.add((id(by_key), k))
                pool = by_key.get(k)
                if pool:
                    pool[:] = [x for x in pool if alive(x)]
                    if pool:
                        found.update((id(x), x) for x in pool)
                    else:
                        del by_key[k]
        return list(found.values())

    # ------------------------------------------------------------------ the contract's life
    def awaiting_effect(self) -> bool:
        """The rule file says what puts the contract in force, and it has not happened yet (a file
        without `effective` is in force from its first fact and waits for nothing)."""
        return bool(self.p.effective) and self.effective is None and self.never_effective is None

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
                    moment, source, bare = self._held_since(trig, batch, woken)
                    self.current_rule = plan.decl
                    self.current_b = {}
                    # (completed by a signing of its day alone: the steps cite that day, not its 0时 — counsel 38)
                    because = self.trigger_words(plan, trig, {_COMPLETED_BY: None} if bare else {}, moment, source)
                    self.take_effect(plan, moment, source, because, bare)
                    return True
            if plan.lapse is not None and self.holds_when(plan.lapse):  # (it can no longer take effect: 第158条)
                moment, source, _ = self._held_since(plan.lapse, batch, woken)
                self.never_effective = (moment, source, Step("effect_lapsed", {
                    "clause": plan.decl.clause or "", "condition": plan.lapse.text, "at": moment, "source": source}))
        return False

    def _held_since(self, trig, batch, woken: Moment | None) -> tuple:
        """(instant, source, whether it is known by its day alone) of a condition of the contract's life found to
        hold now: the fact that completed it, else the instant itself (a period passing: source `time:…`, an id, not
        words)."""
        last = self.last_of(trig.deps, batch, trig.condition, order=trig.order)
        if last is not None:
            return last.moment, last.id, last.bare
        return woken or Moment.of(self.now), f"time:{self.q.iso(self.now)}", False

    def take_effect(self, plan: LifePlan, moment: Moment, source: str, because: list[Step], bare: bool = False):
        """The contract is in force from ``moment`` (``bare``: the fact that completed its condition is known by its
        day alone — signed "2026-03-09" —: in force from some instant of that day, as an event deemed at it is, so that
        a period of hours from it is not counted from that day's 0时 — the fuzzer, round 27)."""
        self.effective = moment
        # it bears the id of the fact that completed it: "the duty arising on signing f-001"
        ev = Event(source, plan.decl.name, moment, {"source": source}, 0, None,
                   tuple(because + [Step("in_force_from", {"clause": plan.decl.clause or "",
                                                           "at": _cited(moment, bare)})]), bare=bare)
        self.effective_by = ev
        self.occur(ev)
        held, self._bare_before_effect = self._bare_before_effect, []
        for plan, _, b, trigger_id, fact in held:  # (a notice of an earlier day alone: before the contract, whatever
            if type(plan) is LifePlan and fact.moment.day != moment.day:  # its hour)
                self.before_effect(plan, b, fact.moment, trigger_id)
        held = [x for x in held if x[4].moment.day == moment.day]  # (facts of that day, given by their day alone)
        held += self.bare_unmatched(moment, {(id(x[0]), x[3]) for x in held})
        if held:
            # (a fact recorded before the contract bound that refers to one of them shows it came before — its
            # performance at 09:00, its withdrawal —: that one is not taken as after — the fuzzer)
            before = {v for events in self.history.values() for e in events if e.moment.at < moment.at
                      for v in e.attrs.values() if type(v) is str}
            for plan, trig, b, trigger_id, fact in held:
                if fact.id in before:
                    continue
                where = trig.pattern.where if trig.pattern is not None else None
                if where is not None and not where(Env(b, self, self.now)):
                    continue  # (its condition no longer holds once the contract binds)
                self.bare_on_effective_day(plan, trig, b, trigger_id, fact, moment)

    def bare_unmatched(self, moment: Moment, done: set) -> list:
        """The rules that a fact of the contract's first day, given by its day alone, sets off now that the contract
        binds, though they did not as it came: their conditions read what only the contract's taking effect gives
        (the service period, a term counted from it) — counsel, round 27: a leak recorded as "2025-06-27", the
        contract signed at 10:00 that day, set off 2.1(3)'s deduction but not 附件2's two hours.  ``done``: the (rule,
        trigger) already held back for it."""
        out = []
        for events in list(self.history.values()):
            for e in events:
                if not e.bare or e.moment.day != moment.day or e.moment.at >= moment.at:
                    continue
                for plan, trig, b, _, trigger_id in Evaluation.matched(self, e):  # (qiyue's own matcher: the
                    # durable backend's Rete finds a fact's matches as it is fed, not again)
                    if _trigger_fact(b, trigger_id) is not e or (id(plan), trigger_id) in done:
                        continue
                    if type(plan) is FindingPlan:  # (its condition false as the fact came, true now: asked, as any
                        # finding on a fact of its day alone, at the day's end — ``fire`` —; one that waits out an
                        # `unless` window, or fires once, from the fact's own day, as it would have)
                        if (id(plan), trigger_id) in self._bare_asked:
                            continue
                        self._bare_asked.add((id(plan), trigger_id))
                        if trig.unless is None and not plan.once and trig.pattern is not None \
                                and trig.pattern.where is not None:
                            self.push(Moment.end_of_day(e.moment.day).at, PHASE_DAY_END, "bare_finding",
                                      (plan, trig, b, e.moment, trigger_id))
                        else:
                            self.fire(plan, trig, b, e.moment, trigger_id)
                        continue
                    if type(plan) is DeemedPlan and (id(plan), trigger_id) not in done \
                            and not self._deemed_already(plan, trigger_id) and self._deemed_from(plan, b, e, moment):
                        # (an event deemed only while the contract is in force — a sale under it, `where
                        # exists(in_force)` —: deemed now, as the duty set off directly is taken — fuzz round 36)
                        done.add((id(plan), trigger_id))
                        self.fire(plan, trig, b, e.moment, trigger_id)
                        continue
                    if type(plan) in _FACT_LIKE or type(plan) is LifePlan:
                        continue
                    done.add((id(plan), trigger_id))
                    out.append((plan, trig, b, trigger_id, e))
        return out

    def _deemed_from(self, plan, b, fact: Event, effective: Moment) -> bool:
        """Whether ``plan`` deems its event, on a fact of the effect's day alone, at that fact's own day (its hour
        unknown) or no earlier than the effect — not at an hour counted from that day's 0时 before the contract bound
        (`at s.at + 3 hours`: 3时, before an effect at 10时, is no event under it — a reviewer, round 39)."""
        env = Env(b, self, self.now)
        for cond, at_fn, _, on_a_day in plan.cases:
            if cond is None or cond(env):
                raw = at_fn(env) if at_fn is not None else fact.moment
                at = to_moment(raw)
                if at is None:
                    continue
                return on_a_day or at is fact.moment or type(raw) is DayOnly or at.at >= effective.at
        return False

    def _deemed_already(self, plan, trigger_id) -> bool:
        """Whether the event ``plan`` deems on ``trigger_id`` has happened or is scheduled."""
        key = f"{plan.decl.name}:{trigger_id}"
        return any(x.id == key for x in self.history.get(plan.decl.name, ())) or any(
            kind == "derived" and payload.id == key for items in self.agenda.values() for kind, payload in items)

    def bare_on_effective_day(self, plan, trig, b, trigger_id, fact, moment: Moment):
        """A rule a fact given by its day alone set off before the contract took effect, that same day: its hour is
        unknown, the contract binds from that day (第502条; "自…之日起"), so it is taken as having come once the
        contract was in force — at that instant — and says so (counsel: a force majeure recorded as "2025-06-27", the
        contract signed at 10:00 that day, was as if never given)."""
        name = plan.decl.name
        duties, rows = len(self.instances.get(name, ())), len(self.remedies)
        self.fire(plan, trig, b, moment, trigger_id)
        said = Step("bare_on_effective_day", {"fact": fact, "at": moment})
        for inst in self.instances.get(name, ())[duties:]:
            inst.because.insert(1, said)
        for r in self.remedies[rows:]:
            r.because.insert(1, said)

    def terminate(self, plan: LifePlan, b, moment: Moment, trigger_id: str | None, because: list[Step],
                  doubt: frozenset = frozenset()):
        """A fact on one ground of termination: it ends the contract when the ground's power is held."""
        d = plan.decl
        fact = next((v for v in b.values() if type(v) is Event), None)
        key = fact.id if fact is not None else trigger_id
        # (what a finding cites: a fact by its id, an event the contract deems by itself — 委托期限届满（源自 sa）, not the
        # engine's key mandate_end:sa: contract round 35)
        cited = fact if fact is not None and fact.type in self.p.deemed_types else key
        if doubt and self.ended is None:  # whether this ground applies at all is undetermined
            self.undetermined_termination(d, key, moment, because, doubt, fact)
            return
        if key in self._hour_unknown or key in self._part_keys:  # (one notice uses one power: ended in part on
            return  # another ground already)
        later = self.later_that_day(b, moment) if self.ended is None and key not in self.taken_first else ()
        if later:  # (a notice of that day alone, a fact its decision reads later that day: which came first, unknown)
            self._hour_unknown.add(key)
            self._done.add(key)
            if d.ends_only is None and fact is not None and fact.bare:
                self.order_unknown[key] = (fact, later)
            self.findings.append(Finding("termination_hour_unknown", "warning", d.clause, None, moment.at, because,
                                         {"fact": cited, "later": [x.id for x in later]}))
            return
        if self.ended is not None:  # the contract has already ended: a second notice changes nothing
            if key in self._done:  # (the notice that ended it, read under another ground too: one notice uses one
                return  # power — the one it was decided by —, and no one else terminated: counsel round 15)
            by = self.ended_by
            if self.on_day_of_a_bare_end(moment) and moment.at > self.ended.at \
                    and key != by.attrs.get("source") and (not d.exercises or self.held_to_end(plan, b, moment)):
                # (ended that day by a notice known by its day alone, this one later that day on a ground it could
                # use: which came first, and so how the contract ended, cannot be told — said; the end stands as
                # decided: counsel round 34, a letter deemed delivered on a Saturday and a fax at 08:00 that day)
                self._done.add(key)
                self.findings.append(Finding("termination_order_unknown", "warning", d.clause, None, moment.at, because,
                                             {"fact": cited, "notice": fact, "day": self.ended.day,
                                              "ended_by": TypeRef(by.type), "ground": TypeRef(d.name)}))
                return
            power = self.held_power(plan, b, moment) if moment.at == self.ended.at and d.exercises \
                and moment.day == self.ended.day else None  # (a notice at 00:00 after an end at 24:00: after it)
            if power is not None:  # both parties used their powers at the same instant: both are spent
                self.exercise(power, moment, _by_day_alone(b, moment), fact)
                self.findings.append(Finding(  # (said: the contract's life names the ground decided first)
                    "terminated_together", "info", d.clause, None, moment.at, because,
                    {"fact": cited, "ended": self.ended, "ended_by": TypeRef(self.ended_by.type), "ground": TypeRef(d.name)}))
            elif key not in self._done and key != self.ended_by.attrs.get("source"):
                self.findings.append(Finding(
                    "already_terminated", "info", d.clause, None, moment.at, because,
                    {"fact": cited, "ended": _cited(self.ended, self.ended_by.bare),  # (an end of its day alone as that
                     "ground": TypeRef(self.ended_by.type)}))  # day, not its 0时: counsel round 44)
            self._done.add(key)
            return
        power = None
        if d.exercises:
            power = self.held_power(plan, b, moment)
            if power is None:
                doubt = self.p.power_sources.get(d.exercises, frozenset()) & self.undetermined
                doubt |= {r.plan.decl.name for r in self.live_rows(d.exercises)
                          if r.status == "undetermined" and r.since.at <= moment.at}
                if doubt:  # the power may well be held: it comes from verdicts not yet determined
                    self.undetermined_termination(d, key, moment, because, doubt, fact)
                    return
                holder = plan.held_by(Env(b, self, self.now)) if plan.held_by else None
                self._refused.setdefault(key, (fact, moment, []))[2].append(Step("no_power", {
                    "clause": d.clause or "", "name": TypeRef(d.name), "power": TypeRef(d.exercises), "at": moment,
                    "holder": holder, "held_before": any(  # (held once and gone — lapsed, used —, or not yet held:
                        r.since.at <= moment.at and (holder is None or r.holder == holder)  # which, the finding says)
                        for r in self._rows_by_name.get(d.exercises, ())),
                    # (used already — a batch rescinded the day before —: when, as the finding says: user round 25)
                    "used_at": next((_cited(r.exercised_at, r.exercised_day_alone)
                                     for r in self._used_rows.get(d.exercises, ())  # (not every row: fuzz 11)
                                     if r.status == "exercised" and r.exercised_at is not None
                                     and r.exercised_at.at <= moment.at and (holder is None or r.holder == holder)),
                                    None)}))
                return
        later = self.ends_later(plan, b, moment, key, because) if plan.ends_at else None
        if later is False:  # (its instant not to be had: said, and the contract not ended by it)
            self._done.add(key)
            return
        bare = _by_day_alone(b, moment)
        if d.exercises:
            self.exercise(power, moment, bare, fact)
            if power.day_alone and not bare and power.since.day == moment.day and power.since.at < moment.at:
                # (the ground known by its day alone, the notice at an hour of that day: the notice may have come
                # first, and rest on no power — said; the mirror of termination_hour_unknown: counsel, round 31)
                self.findings.append(Finding("termination_ground_hour_unknown", "warning", d.clause, None, moment.at,
                                             because, {"fact": cited, "notice": fact, "power": TypeRef(d.exercises),
                                                       "ground": power.trigger_id, "day": moment.day}))
        self._done.add(key)
        words = because + ([Step("exercises", {"power": TypeRef(d.exercises), "clause": power.plan.decl.clause,
                                               "since": _cited(power.since, power.day_alone)})] if power else [])
        attrs = {**(fact.attrs if fact else {}), "source": trigger_id}
        if d.ends_only is not None:  # (a termination of part of the contract: the rules it names end, the rest stays)
            self.end_part(plan, Event(f"{d.name}:{trigger_id}", d.name, moment, attrs, 0, None, tuple(
                words + [Step("ends_in_part", {"at": _cited(moment, bare), "rules": _part_names(d),
                                                "limits": _part_limits(plan)})]), bare=bare),
                key, cited, fact, because, b)
            return
        if later is not None:  # decided now, the contract ends at that later instant (``end_later``)
            at, text = later
            ev = Event(f"{d.name}:{trigger_id}", d.name, at, attrs, 0, None, tuple(
                words + [Step("contract_ends_later", {"decided": moment, "at": at, "text": text})]))
            said = Finding("termination_deferred", "info", d.clause, None, moment.at, because,
                           {"fact": cited, "notice": fact, "at": at, "ground": TypeRef(d.name)})
            self.findings.append(said)
            self._ending.append(said)  # (told otherwise should the contract end first: ``end_by``)
            # (an end at 24:00 of a day among that instant's events, before the next day's 00:00: as ``defer``)
            self.push(at.at, PHASE_EVENT if at.is_end_of_day() else PHASE_DECIDE, "end_later", ev)
            return
        self.ended = moment
        ev = Event(f"{d.name}:{trigger_id}", d.name, moment, attrs,
                   0, None, tuple(words + [Step("contract_ends", {"at": _cited(moment, bare)})]), bare=bare)
        self.end_by(ev)

    def end_by(self, ev: Event):
        """The contract ends with ``ev`` (a termination's event), at its instant.  A termination decided earlier that
        was to end it later no longer does: its announcement says so (``termination_deferred_overtaken``)."""
        for said in self._ending:
            if said.args["at"].at > ev.moment.at:
                said.code = "termination_deferred_overtaken"
                said.args = {**said.args, "ended": ev.moment, "ended_by": TypeRef(ev.type)}
        self._ending = []
        self.ended = ev.moment
        self.ended_by = ev
        self.push(ev.moment.at, PHASE_END, "end", ev)
        self.occur(ev)

    def end_part(self, plan: LifePlan, ev: Event, key, cited, fact, because, b: dict):
        """A termination of part of the contract (`ends only RULE [ALIAS where COND], …`) decided on its fact: from its
        instant the rules it names end — their duties not yet performed are discharged (of a duty with `ALIAS where
        COND`, the rows COND names: a batch rescinded, 第633条; one partner's duties, 第977条), their powers not used
        lapse, nothing of them arises after it (``part_ended``) — and the rest of the contract stays in force
        (撤销尚未支付部分的赠与, 第658条).  What was violated stays violated; money already owed stays owed (第566条)."""
        if plan.decl.exercises:  # (one notice uses one power: no other ground takes it — a fact that ends a part by
            self._part_keys.add(key)  # itself, a partner's leaving, may end the whole as well)
        for name, alias, cond, _ in plan.ends_only:
            self.ended_part.setdefault(name, []).append((ev, b, alias, cond))
        self.findings.append(Finding("terminated_in_part", "info", plan.decl.clause, None, ev.moment.at, because,
                                     {"fact": cited, "notice": fact, "ground": TypeRef(plan.decl.name),
                                      "rules": _part_names(plan.decl), "limits": _part_limits(plan),
                                      "at": _cited(ev.moment, ev.bare)}))
        self.push(ev.moment.at, PHASE_END, "end_part", (ev, plan.ends_only))
        self.occur(ev)

    def on_end_part(self, ev: Event, items: tuple):
        """From a termination of part of the contract (``end_part``): the named duties not yet performed are discharged,
        the named powers not used lapse (in the phase a whole contract's end discharges its duties: what that instant
        set off first)."""
        why = _discharged(ev, "discharged_in_part")
        for name, _, cond, _ in items:
            entries = self.ended_part.get(name, ())
            if any(e is not ev and c is None and not _after_end(e.moment, ev.moment) for e, _, _, c in entries):
                continue  # (ended whole by an earlier termination of part of the contract)
            for inst in self.instances.get(name, ()):
                status = inst.status
                if status is not Status.ACTIVE and status is not Status.SUSPENDED and status is not Status.VIOLATED:
                    continue
                if cond is not None and not self._row_ended(inst.rule, inst.bindings, inst.trigger_id, entries, ev,
                                                            inst):
                    continue
                if status is Status.VIOLATED:  # (in breach already: it stays a breach, and says its part ended — a
                    inst.because.append(_discharged(ev, "ended_in_part_after_breach"))  # batch rescinded, user 25)
                    continue
                inst.move(Status.DISCHARGED)
                inst.because.append(why)
            if cond is None and (name in self.p.powers or name in self.p.accel_powers):
                for r in self._rows_by_name.get(name, ()):
                    if r.status == "held":
                        self.lapse_with_end(r, ev, "lapsed_in_part")

    def lapse_with_end(self, r: Remedy, ev: Event, code: str):
        """A power not used lapses with the end ``ev`` — of the contract (``lapsed``) or of its part (``lapsed_in_part``) —
        and a one-off amount it carried goes with it, from that instant (an end of its day alone: that day)."""
        at = _cited(ev.moment, ev.bare)
        r.status = "lapsed"
        r.because.append(Step(code, {"at": at, "ground": TypeRef(ev.type)}))
        self.amount_goes_with_power(r, at)

    def _part_end_of(self, r) -> "Event | None":
        """The termination of part of the contract that ended remedy row ``r``'s rule whole, before the contract
        itself ended — a named amount by the day is counted to it, as to the contract's end."""
        for ev, _, _, cond in self.ended_part.get(r.plan.decl.name, ()):
            if cond is None and (self.ended is None or ev.moment.at < self.ended.at):
                return ev
        return None

    def part_ended(self, name: str, moment: Moment, plan=None, b: dict | None = None, trigger_id=None) -> "Event | None":
        """The termination of part of the contract that ended rule ``name`` before ``moment`` — whole, or (given the
        bindings ``b`` a duty of it arises with) the row those bindings make — else None."""
        entries = self.ended_part.get(name)
        if not entries:
            return None
        for ev, eb, alias, cond in entries:
            if _after_end(moment, ev.moment) and (cond is None or b is not None and self._row_ended(
                    plan, b, trigger_id, ((ev, eb, alias, cond),), ev)):
                return ev
        return None

    def _row_ended(self, plan, b: dict, trigger_id, entries, ev: Event, inst=None) -> bool:
        """Whether `ALIAS where COND` of the entry of ``ev`` names the duty of ``plan`` with bindings ``b``: COND read with
        the termination's own bindings and ALIAS bound to the duty as its `triggered` stage (its bindings, debtor,
        creditor, trigger)."""
        view = None
        for e, eb, alias, cond in entries:  # (each condition that termination wrote for the duty: any names the row —
            if e is not ev or cond is None:  # `ends only deliver d where …, deliver e where …`: fuzz round 39)
                continue
            if view is None:
                env = Env(b, self, self.now)
                debtor = inst.debtor if inst is not None else plan.debtor(env) if plan.debtor else None
                creditor = inst.creditor if inst is not None else plan.creditor(env) if plan.creditor else None
                view = Event(f"{plan.decl.name}#", f"{plan.decl.name}.triggered", e.moment,
                             {**b, "trigger": trigger_id, "debtor": debtor, "creditor": creditor})
            try:
                if cond(Env({**eb, alias: view}, self, self.now)):
                    return True
            except (ArithmeticError, ValueError):  # (a division by zero in the condition: the error names the
                self.current_rule = next((x.decl for x in self.p.terminations if x.decl.name == e.type), None)
                self.current_b = eb  # termination and its fact, as one in its `for each` does — fuzz round 39)
                raise
        return False

    def ends_later(self, plan: LifePlan, b, moment: Moment, key, because):
        """`at MOMENT` of a termination: (the later instant the contract ends at, the clause's words for it), None when
        it is the decision's own instant (or before it: a contract does not end in the past) or no case's condition
        holds (`if COND: at MOMENT` under another reading: the termination ends the contract at once, as one without
        `at` does), False when the instant cannot be had (a value not known) — a finding says so."""
        env = Env(b, self, self.now)
        for cond, at_fn, text in plan.ends_at:
            if cond is not None and not cond(env):
                continue
            raw = at_fn(env)
            if type(raw) is DayOnly:  # (a day alone, no earlier than an instant of it: that earliest instant)
                raw = Moment.in_contract_time(raw.local())
            at = to_moment(raw)
            if at is None:
                break
            return (at, text) if at.at > moment.at else None
        else:
            return None  # (no case applies: the termination ends the contract at its fact)
        self.findings.append(Finding("termination_time_unknown", "warning", plan.decl.clause, None, moment.at, because,
                                     {"fact": key, "ground": TypeRef(plan.decl.name)}))
        return False

    def before_effect(self, plan: LifePlan, b, moment: Moment, trigger_id):
        """A notice of termination before the contract was in force: no effect, said once per notice (one that several
        grounds of termination match is said once — counsel 11)."""
        if ("termination_before_effective", trigger_id) in self._said_once:
            return
        self._said_once.add(("termination_before_effective", trigger_id))
        fact = next((v for v in b.values() if type(v) is Event), None)
        self.findings.append(Finding(
            "termination_before_effective", "warning", plan.decl.clause, None, moment.at,
            [Step("notice_at", {"name": TypeRef(plan.decl.name), "fact": fact})] if fact else [],
            {"fact": trigger_id, "notice": fact}))

    def later_that_day(self, b, moment: Moment) -> list:
        """A notice of termination known by its day alone (a fact given so, a delivery deemed on a day): the facts of
        that day after its earliest instant that a decision to end the contract reads (``termination_reads``: a
        harm giving 3.1.3's power at 10:00, the last payment performing the contract) — it may have come before or
        after them, and the contract end by another ground, or not at all.  (The replay's facts are looked ahead in;
        a live session looks in the facts it knows so far, and decides again when it learns a later fact of that day
        it reads: ``bare_decided``, ``Session.add``.)"""
        if self._ahead is None or not any(type(v) is Event and v.bare and v.moment.day == moment.day
                                          for v in b.values()):
            return []
        reads, own = self.p.termination_reads, {v.id for v in b.values() if type(v) is Event}
        notice = next(v for v in b.values() if type(v) is Event and v.bare and v.moment.day == moment.day)
        end, horizon = Moment.end_of_day(moment.day).at, self._horizon
        ahead, out = self._ahead, []
        for i in range(bisect.bisect_left(ahead, moment.at, key=_AT), len(ahead)):
            f = ahead[i]
            if f.moment.at >= end:
                break
            if f.moment.at == moment.at and not f.bare:  # (a fact timed at its earliest instant came no later)
                continue
            if f.type in reads and f.id not in own:
                if f.bare and f.type == notice.type and f.moment.at == notice.moment.at and f.attrs == notice.attrs:
                    continue  # (the same notice recorded again: whichever came first, the other changes nothing —
                    # counsel round 44)
                if horizon is not None and f.moment.at > horizon:  # (after the instant the replay stops at next:
                    self.cut_short = True  # not seen in its report; the instants after it are replayed apart)
                    break
                out.append(f)
        # (decided on the facts seen: a session that learns a later one of that day decides again — also when some
        # were found, so that the finding names every one, as eval's: a reviewer, round 17)
        self.bare_decided.add((moment.at, moment.day))
        return out

    def exercise(self, power: Remedy, moment: Moment, day_alone: bool = False, by: Event | None = None):
        """A power to terminate is used: it is spent, and so are the remedies its holder could have taken
        instead (`alternative to`: the whole price or termination, 民法典第634条).  ``day_alone``: by a notice known by
        its day alone (the steps cite the day, not its 0时); ``by``: the fact that used it, which its reasons name (the
        year of 第564条第2款 is checked against it — counsel, round 31)."""
        power.status, power.exercised_at, power.exercised_day_alone = "exercised", moment, day_alone
        self._used_rows.setdefault(power.plan.decl.name, []).append(power)
        # (the end this very instant brought may have said it lapsed with the contract: used, it did not — counsel)
        power.because = [x for x in power.because if not _lapsed_at(x, moment)] + [
            Step("power_exercised", {"fact": by, "at": _cited(moment, day_alone)})]
        others = self.p.alternatives.get(power.plan.decl.name)
        if not others:
            return
        for name in others:
            for r in self._rows_by_name.get(name, ()):
                if r.status == "held" and r.holder == power.holder and r.since.at <= moment.at:
                    self.lapse(r)
                    r.because.append(Step("alternative_taken", {"power": TypeRef(power.plan.decl.name),
                                                                "at": _cited(moment, day_alone)}))

    def taken_instead(self, r: Remedy):
        """A row arising after its holder already exercised a power it is an alternative to: given up already."""
        for name in self.p.alternatives[r.plan.decl.name]:
            power = next((x for x in self._rows_by_name.get(name, ()) if x.status == "exercised"
                          and x.holder == r.holder), None)
            if power is not None:
                self.lapse(r)
                r.because.append(Step("alternative_taken", {"power": TypeRef(name),
                                                            "at": _cited(power.exercised_at, power.exercised_day_alone)}))
                return

    def lapse(self, r: Remedy, status: str = "lapsed"):
        """An alternative given up (its holder exercised the power it was an alternative to): no longer held, and
        from now on not counted by `accrued( )` (a reviewer: a balance still deducted a whole price given up).
        (A power that lapses unused: a one-off amount it carries goes with it — ``amount_goes_with_power``.)"""
        r.status = status
        self._lapsed.add(r.plan.decl.name)

    def amount_goes_with_power(self, r: Remedy, at: Moment):
        """A power to terminate lapsed unused: a one-off amount it carries is the power's (the rule file gives an
        amount meant to outlive the power a remedy of its own — the seed's termination_damages_basis) and goes with
        it — the row comes to nought from ``at`` (``Remedy.amount_gone``), and `accrued( )` counts it so.  An amount by
        the day counts to the lapse (``accrued_to_lapse``)."""
        if r.plan.decl.name in self.p.powers and not r.plan.decl.accrues and (r.amount is not None
                                                                               or r.hour_range() is not None):
            r.amount_gone = at
            self._gone_amounts.add(r.plan.decl.name)

    def arm_power_lapse(self, r: Remedy, env: Env):
        """民法典第564条第2款: a power to terminate not used within one year of when its holder knew or
        should have known its ground lapses (the contract sets no other period). The holder is taken to
        know when the power arose; the year counts as a period to act (第201–203条). First looked at when
        the year ends as a term (no calendar needed; a move off a rest day only puts it later).
        第564条第1款: where the contract gives the power a period to exercise in (`exercise within D`, counted from
        when it arose; `exercise until X`, X computed as the power arises), that period, not the year: an instant
        not known when the power arises sets none — it does not lapse by it."""
        exercise = r.plan.exercise
        if exercise is not None and exercise[0] == "until":
            end = end_of(exercise[1](env), env)
            r.exercise_end = end
            if end is not None:  # (an instant within a day is itself still in time, 民法典第1259条: gone just after it)
                self.push(max(end.at, self.now), _phase_of_end(end), "power_lapse", r)
            return
        length = exercise[1](env) if exercise is not None else _ONE_YEAR
        if length is None or length.amount == 0:  # (`exercise within x.days days` of a fact without it, or of 0: a
            return  # period of 0 is no period (zero_period) — none set, none runs out)
        r.exercise_end = length  # (the length — the year of 第2款 or the contract's —, counted again when it may have passed)
        try:
            d = self.count(r.since, length, Counting.TERM)  # (hours: the end instant itself is still in time, 第1259条)
        except CalendarYearUnknown:  # (working days into a year no calendar knows: each is at least a day — looked
            d = self.count(r.since, Period(length.amount, Unit.DAYS), Counting.TERM)  # at first then, decided there)
        self.push(d.due, _phase_of(d), "power_lapse", r)

    def power_lapses(self, r: Remedy):
        """The year of 第564条第2款 may have passed: the power, still unused, lapses at the end of its last
        day (moved off a rest day or holiday, 第203条) — looked at again then if that is later.  (The contract's own
        period, 第564条第1款, likewise — counted as the rule file says; an instant: at it.)"""
        if r.status != "held":
            return
        exercise = r.plan.exercise
        if exercise is not None and exercise[0] == "until":
            end = r.exercise_end
            if end is None:
                return
            if end.at > self.now:
                self.push(end.at, _phase_of_end(end), "power_lapse", r)
                return
            r.status = "lapsed"
            r.because.append(Step(self._lapse_code(r, "power_lapsed_until"), {"since": _since_said(r), "until": end}))
            self.amount_goes_with_power(r, end)
            self.after_power_lapse(r, end)
            return
        try:
            d = self.count(r.since, r.exercise_end, exercise[2] if exercise is not None else Counting.ACT)
        except CalendarYearUnknown as exc:  # (its last day may move off a rest day: when, no calendar says)
            self.unknown_year(exc, r.plan.decl)
            r.status = "undetermined"
            r.because.append(Step("power_lapse_unknown", {"since": _since_said(r), "earliest": Moment.of(self.now),
                                                          "year": exc.year}) if exercise is None else
                             Step(self._lapse_code(r, "power_lapse_unknown_agreed"), {"since": _since_said(r),
                                                                                      "period": r.exercise_end,
                                                                 "earliest": Moment.of(self.now), "year": exc.year}))
            return
        if d.due > self.now:
            self.push(d.due, _phase_of(d), "power_lapse", r)
            return
        r.status = "lapsed"  # (a one-off amount it carried goes with it: ``amount_goes_with_power``)
        r.because.append(Step(self._lapse_code(r, "power_lapsed_agreed") if exercise is not None else "power_lapsed",
                              {"since": _since_said(r), "period": d.period, "last": d.end()}))
        r.because.extend(d.steps)
        self.amount_goes_with_power(r, d.end())
        self.after_power_lapse(r, d.end())

    def _lapse_code(self, r: Remedy, code: str) -> str:
        """A lapse's step code: a power to terminate's (民法典第564条第1款), or — a right to accelerate no termination
        uses — a right's (the contract's own period, no article of 第564条): ``right_…``."""
        return code if r.plan.decl.name in self.p.powers else code.replace("power_", "right_", 1)

    def after_power_lapse(self, r: Remedy, last: Moment):
        """A power lapsed unused (``power_lapses``): a ground that arose while it was held and waits for it
        (``wait_for_lapse``) gives a power of its own now."""
        once = r.plan.once  # (a new ground gives a new power: `once` spoke of this one, now gone)
        if once and not any(x.status == "held"  # (a power both parties hold is one power: gone with its last row)
                            for x in self._rows_by_trigger.get((r.plan.decl.name, r.trigger_id), ())):
            key = r.once_key if len(once) > 1 else (r.plan.decl.name, r.trigger_id if once[0] else None)
            self._once.discard(key)
            waiting = self._grounds.get(key)
            if waiting:  # (a ground that arose while this power was held: a power of its own now, its year its own)
                plan, b, moment, trigger_id, because, doubt = waiting.pop(0)
                self.first_time(plan, b)
                outer, self._doubt = self._doubt, doubt
                try:
                    self.apply(plan, b, moment, trigger_id, because + [  # (its own period: the year, or the contract's)
                        Step("power_after_lapse" if r.plan.exercise is None else "power_after_lapse_agreed",
                             {"earlier": r.since, "lapsed": last})])
                finally:
                    self._doubt = outer

    def wait_for_lapse(self, plan, b, moment: Moment, trigger_id, because, doubt=None):
        """A ground for a `once` power to terminate that arises while an earlier one is held: the contract is ended
        once, so it gives no second power now — but each ground has its own year (民法典第564条第2款: from when
        its holder knew of *that* ground), so should the held power lapse unused, this ground's power arises then,
        dated from its own ground (counsel: a second installment 15 days late, months after the first)."""
        key = self.once_key(plan, b)
        self._grounds.setdefault(key, []).append(
            (plan, b, moment, trigger_id, because, self._doubt if doubt is None else doubt))

    def undetermined_termination(self, d, key, moment: Moment, because, doubt, fact=None):
        self._done.add(key)
        self.findings.append(Finding(
            "termination_undetermined", "warning", d.clause, None, moment.at, because,
            {"fact": key, "doubts": refs(doubt), "notice": fact}))

    def accel_right(self, power: tuple, b: dict, e: Event) -> "Remedy | None":
        """The right to accelerate a declaration ``e`` uses (`accelerated by … exercises POWER [held by X]`): a row of
        POWER held at its instant (by X), exercised by it — the same row for every duty the one declaration brings
        forward; None when none is held (the declaration accelerates nothing)."""
        name, held_by = power
        used = self._accel_used.get((name, e.id))
        if used is not None:
            return used
        holder = held_by(Env(b, self, self.now)) if held_by is not None else None
        row = self.held_row(name, holder, e.moment)
        if row is not None:
            self.exercise(row, e.moment, e.bare, e)
            self._accel_used[(name, e.id)] = row
        return row

    def live_rows(self, name: str) -> list:
        """The rows of remedy ``name`` still held or undetermined, in the order they arose."""
        rows = self._live_rows.get(name)
        if not rows:
            return ()
        if any(r.status not in _LIVE_ROW for r in rows):
            rows[:] = [r for r in rows if r.status in _LIVE_ROW]
        return rows

    def held_power(self, plan: LifePlan, b, moment: Moment) -> "Remedy | None":
        """The power to terminate a ground uses, held (by the party who must hold it) at ``moment``."""
        holder = plan.held_by(Env(b, self, self.now)) if plan.held_by else None
        return self.held_row(plan.decl.exercises, holder, moment)

    def held_to_end(self, plan: LifePlan, b, moment: Moment) -> bool:
        """Whether the power a ground uses was held, by the party who must hold it, from before ``moment`` until the
        contract ended (it lapsed with the end, ``end``), or is held still."""
        holder = plan.held_by(Env(b, self, self.now)) if plan.held_by else None
        end = self.ended
        return any((holder is None or r.holder == holder) and r.since.at <= moment.at and (
            r.status == "held" or r.status == "lapsed" and any(_lapsed_at(x, end) for x in r.because))
            for r in self._rows_by_name.get(plan.decl.exercises, ()))

    def held_row(self, name: str, holder, moment: Moment) -> "Remedy | None":
        """The first row of remedy ``name`` held at ``moment`` (by ``holder``, when given)."""
        return next((r for r in self.live_rows(name) if r.status == "held" and r.since.at <= moment.at
                     and (holder is None or r.holder == holder)), None)

    def defer(self, moment: Moment) -> list:
        """The notices of termination of one instant, decided together in the phase before the end — those of
        24:00 of a day (an expiry at the end of the term) among the events of that instant, before anything of the
        next day's 00:00 (its deemed events, its facts): a fact at 00:00 after a term that ran out at 24:00 is on
        the next day, after the end (docs §9; contract round 36: a sale then is no sale under the contract)."""
        at = moment.at
        key = (at, moment.day) if moment.is_end_of_day() else at
        items = self._deferred.get(key)
        if items is None:
            items = self._deferred[key] = []
            self.push(at, PHASE_EVENT if type(key) is tuple else PHASE_DECIDE, "decide", key)
        return items

    def decide(self, key):
        """Decide the notices of termination of one instant: the grounds that use a power first, then
        the others, each in file order, and by fact id — never by the order they were listed. A
        notice that a ground took but whose power was not held has no effect, and the report says
        so (unless another ground ended the contract with it).  Before all of them, what happened at 24:00 of the
        day before — an expiry at the end of the term — and after it what happened at 00:00 of this day: one instant,
        two days, and the earlier day's end comes first (docs §9; contract round 35: a notice at 00:00 after the term
        ran out at 24:00 ends nothing)."""
        items = sorted(self._deferred.pop(key, ()), key=lambda x: (x[2].day, self.p.rank[id(x[0])], x[3] or ""))
        for args in items:
            self.terminate(*args)
        for key, (fact, moment, reasons) in self._refused.items():
            if key in self._done or self.ended is not None and self.ended.at == moment.at:
                # (the contract ended at this very instant on another ground — the parties' agreement beside 甲方's
                # notice without one: counsel round 35 —: not "the contract continues"; its life names the end)
                continue
            powers = [r.args for r in reasons if r.code == "no_power"]
            self.findings.append(Finding(
                "termination_without_right", "warning", reasons[0].args.get("clause") or None if reasons else None,
                None, moment.at, reasons, {"fact": key, "notice": fact,
                                           "at": _cited(moment, fact is not None and fact.bare),
                                           **({"state": "gone" if any(x["held_before"] for x in powers) else "not_yet"}
                                              if powers else {}),
                                           **next(({"state": "used", "used_at": x["used_at"]} for x in powers
                                                   if x.get("used_at") is not None), {})}))
        self._refused = {}

    def on_end(self, ev: Event):
        """From the end, duties not yet performed are discharged (民法典第566条); what survives stays;
        powers to terminate not used lapse."""
        why = _discharged(ev)
        for insts in self.instances.values():
            for inst in insts:
                if inst.status is not Status.ACTIVE and inst.status is not Status.SUSPENDED:
                    continue
                if inst.rule.decl.survives and not (
                        ev.bare and inst.triggered.at == ev.moment.at and self._arose_by_a_lapsing_event(inst, ev)):
                    self.reset_end(inst)
                    continue
                if inst.tentative is not None:  # (an act of the trigger's day alone, perhaps after the trigger and so a
                    # performance before the end, perhaps before it and none: which, cannot be told — not plainly
                    # discharged, as if nothing had been done; counsel round 25)
                    self.undetermined_by_tentative(inst)
                    continue
                if ev.bare and inst.triggered.at == ev.moment.at and _same_day_alone(inst.bindings, inst.trigger_id, ev):
                    # (set off by a fact of that day alone too: before the end or after it — which, cannot be told)
                    d = inst.deadline
                    if d is not None and d.provisional is None and not inst.rule.decl.survives \
                            and min(d.earliest or d.due, d.due) >= Moment.end_of_day(ev.moment.day).at:
                        # (due after that day whatever the hours: arisen before the end, discharged by it; after, it
                        # never arose — nothing owed either way, as for a trigger of known hour: review round 46)
                        inst.move(Status.DISCHARGED)
                        inst.because.append(Step("discharged_on_day_of_end", {
                            "day": ev.moment.day, "by": TypeRef(ev.type), "at": _cited(inst.triggered, True),
                            "due": Moment.of(d.earliest) if d.earliest is not None else d.end()}))
                        continue
                    self.mark_undetermined(inst)
                    inst.because.append(Step("arose_on_day_of_end", {"day": ev.moment.day, "by": TypeRef(ev.type),
                                                                     "at": inst.triggered}))
                    continue
                d = inst.deadline
                if ev.bare and d is not None and ev.moment.at < d.due < Moment.end_of_day(ev.moment.day).at:
                    # (ended that day at an hour unknown, the period ending within it: before its end the duty is
                    # discharged, after it, it was violated — which, cannot be told)
                    self.mark_undetermined(inst)
                    inst.because.append(Step("undetermined_end_hour", {"end": ev.moment, "due": d.end()}))
                    continue
                inst.move(Status.DISCHARGED)
                inst.because.append(why)
        for r in self.remedies:
            if ev.bare and r.status == "held" and r.since.at == ev.moment.at and not r.plan.decl.survives \
                    and r.plan.decl.name not in self.p.powers and r.day_alone \
                    and r.trigger_id not in (ev.id, ev.attrs.get("source")):  # (not what the end itself set off)
                r.status = "undetermined"  # (a right from a fact of that day alone, the end of that day alone too)
                r.because.append(Step("arose_on_day_of_end", {"day": ev.moment.day, "by": TypeRef(ev.type),
                                                              "at": r.since}))
            elif r.status == "held" and r.plan.decl.name in self.p.powers:
                self.lapse_with_end(r, ev, "lapsed")

    def _arose_by_a_lapsing_event(self, inst: Instance, end: Event) -> bool:
        """Whether a duty that survives the end arose, on the day a termination known by its day alone ended the
        contract, from a fact of that day alone through an event the contract deems only while it is in force (a
        sale under the contract): before the end it arose, after it it did not — which, cannot be told (contract
        round 36).  One set off straight by the fact, or through an event deemed after the end too, arose either way."""
        return _same_day_alone(inst.bindings, inst.trigger_id, end) and self._through_a_lapsing_event(inst.bindings)

    def _through_a_lapsing_event(self, b: dict) -> bool:
        """Whether ``b`` binds an event the contract deems only while it is in force (not `survives`)."""
        deemed, surviving = self.p.deemed_types, self.p.deemed_surviving
        return any(type(v) is Event and v.type in deemed and v.type not in surviving for v in b.values())

    def reset_end(self, inst: Instance):
        """A duty that survives the end: a continuing one's end may be counted from the end itself; a `due by` that
        reads the end (`due by end of 30 days after earliest(y.end, ended)`) is counted again now it is known."""
        if inst.rule.by_reads_end and inst.status is Status.ACTIVE:
            old = inst.deadline
            inst.because = [x for x in inst.because if not (old is not None and x in old.steps)]
            if self.set_due_by(inst, inst.rule, Env(inst.bindings, self, self.now)) and inst.deadline is not old:
                inst.because.append(Step("due_by_recounted_at_end", {"end": self.ended}))
                self.push(max(inst.deadline.due, self.now), PHASE_DEADLINE, "due", inst)
            return
        if inst.rule.until is None or inst.rule.decl.deadline.forever:
            return
        end = to_moment(inst.rule.until(Env(inst.bindings, self, self.now)))
        if end is None or (inst.deadline is not None and end.at == inst.deadline.due):
            return
        if inst.deadline is None:  # (an end counted from the end itself — `until 3 years since ended` —: known now;
            # a software contract's author: the duty never ended)
            inst.because = [x for x in inst.because if x is not _DUTY_END_OPEN]
            inst.deadline = Deadline(inst.triggered, Period(0, Unit.DAYS), Counting.TERM, end.day, end.at,
                                     (Step("duty_until_known", {"until": end}),))
        else:
            inst.deadline = Deadline(inst.deadline.start, inst.deadline.period, Counting.TERM, end.day, end.at,
                                     (Step("duty_until_recounted", {"until": end}),))
        inst.because.extend(inst.deadline.steps)
        self.push(max(end.at, self.now), PHASE_DEADLINE, "due", inst)

    def undetermined_by_tentative(self, inst: Instance):
        """A duty whose one act is of its trigger's day, known by the day alone (``Instance.tentative``): it performed
        the duty if it came after the trigger, nothing if before — undetermined, that act named as its performance."""
        e = inst.tentative
        self.tentatives[e.id] = e  # (its two readings replayed: ``Prepared.tentative_decides``)
        self.mark_undetermined(inst)
        inst.fulfilled, inst.fulfilled_by, inst.fulfilled_bare = e.moment, e.id, True
        inst.because.append(Step("undetermined_bare_before_trigger", {"fact": e, "trigger": inst.triggered}))

    def mark_undetermined(self, inst: Instance):
        if inst.status is not Status.UNDETERMINED:  # (a `due by` known late may meet a year no calendar knows)
            inst.move(Status.UNDETERMINED)
        self.undetermined.add(inst.rule.decl.name)

    def unknown_year(self, exc: CalendarYearUnknown, rule=None):
        """A year no calendar knows, needed by ``rule``: the evaluation stops with an error naming the rule, the
        fact and the year (time-and-law.md: never guessed) — or, where the rule file chose `calendar fallback
        undetermined`, say once per year that a calendar is missing and let the rest of the report stand."""
        if self.p.stop_at_unknown_year:
            raise self.p.year_error(self, exc, rule)
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
        self.current_rule, self.current_b = plan.decl, b
        eff = self.effective  # nothing binds before the contract is in force (deemed events, findings aside)
        if self.p.effective and (eff is None or moment.at < eff.at) and type(plan) not in _FACT_LIKE:
            bare = _trigger_fact(b, trigger_id)
            if bare is not None and bare.bare and eff is not None and bare.moment.day == eff.day \
                    and bare.type in self.p.deemed_types and type(plan) is not LifePlan:
                # (an event deemed on a fact of the effect's day alone, once the contract bound: what it sets off is
                # taken as having come once the contract was in force, as the fact itself is — fuzz round 36)
                self.bare_on_effective_day(plan, trig, b, trigger_id, bare, eff)
                return
            if bare is not None and bare.bare and eff is None:
                # (a fact given by its day alone, before a contract not yet in force: if the contract takes effect
                # later that day, the fact may have come after — 11.1 "自…之日起生效" — it is taken then)
                self._bare_before_effect.append((plan, trig, b, trigger_id, bare))
                return  # (before the contract or not, said when it takes effect: ``take_effect`` — a fuzzer)
            if type(plan) is LifePlan:
                self.before_effect(plan, b, moment, trigger_id)
            elif type(plan) is ObligationPlan and plan.decl.name not in self._early:
                self._early[plan.decl.name] = (moment, [v for v in b.values() if type(v) is Event])
            return
        if type(plan) is FindingPlan and (trig.unless is not None or plan.once) \
                and not self._bare_later:  # (a finding on a fact of its day alone, asked as it came: not again when
            fact = _trigger_fact(b, trigger_id)  # the contract binds later that day — ``bare_unmatched``)
            if fact is not None and fact.bare:
                self._bare_asked.add((id(plan), trigger_id))
        if type(plan) is FindingPlan and trig.unless is None and not plan.once and trig.pattern is not None \
                and trig.pattern.where is not None and not self._bare_later:
            fact = _trigger_fact(b, trigger_id)
            if fact is not None and fact.bare and moment.at == fact.moment.at:
                # (a finding on a fact given by its day alone — "付款时第一期付款条件尚未全部成就" of a payment on
                # the day the invoice came at 10:00 —: its hour unknown, what its condition says of the rest of that
                # day is asked at the day's end; made, at the fact's day, only if it still holds then — counsel)
                self.push(Moment.end_of_day(fact.moment.day).at, PHASE_DAY_END, "bare_finding",
                          (plan, trig, b, moment, trigger_id))
                self._bare_asked.add((id(plan), trigger_id))
                return
        outer = self._doubt
        if self.undetermined or self._unknown_doubts:
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
            elif type(plan) is ObligationPlan and not self._doubt and self.after_unknown_time(plan, trig, b, moment):
                pass
            elif type(plan) is not FindingPlan and plan.decl.name in self.p.powers:  # (a further ground while the power
                # is held: kept for its lapse)
                self.wait_for_lapse(plan, b, moment, trigger_id, self.trigger_words(plan, trig, b, moment, trigger_id))
        except CalendarYearUnknown as exc:  # only this rule's verdict needs the unknown calendar
            self.unknown_year(exc, plan.decl)
        finally:
            self._doubt = outer  # (fire recurses through the events a rule produces)

    def apply(self, plan, b: dict, moment: Moment, trigger_id: str | None, because: list[Step]):
        """A rule's trigger has matched (the first time, for a `once` rule): start the obligation,
        grant the remedy, deem the event or record the finding."""
        if type(plan) is LifePlan:  # decided with every other notice of that instant
            self.defer(moment).append((plan, b, moment, trigger_id, because, self._doubt))
            return
        if self.ended_part:
            part = self.part_ended(plan.decl.name, moment, plan, b, trigger_id)
            if part is not None:
                if not (part.bare and moment.day == part.moment.day and not moment.is_end_of_day()):
                    return  # (its part of the contract ended: nothing of it arises after that — ``end_part``)
                self._doubt = self._doubt | {part.type}  # (ended that day at an hour unknown: this may have come
                # first — undetermined, as after a whole end of its day alone; review round 41)
        if self.ended is not None and _after_end(moment, self.ended) and type(plan) is not FindingPlan \
                and not plan.decl.survives:
            by = self.ended_by
            if not self.on_day_of_a_bare_end(moment):
                return  # after the end nothing new arises but what the contract keeps alive
            # (ended that day by a notice known by its day alone, this later that day: whether it came before the end
            # cannot be told — what it sets off is undetermined, not dropped; counsel round 34: a security incident
            # at 10:00 the day 甲方's termination of that day alone came, its two hours' notice owed or not)
            self._doubt = self._doubt | {by.type}
        elif self.ended is not None and type(plan) is ObligationPlan and plan.decl.survives \
                and _after_end(moment, self.ended) and self.on_day_of_a_bare_end(moment) \
                and self._through_a_lapsing_event(b):
            # (a duty that survives, set off later that day through an event the contract deems only while it is in
            # force — a sale under it —: before the end it arose, after it it did not; review round 38)
            self._doubt = self._doubt | {self.ended_by.type}
        if self._fired[0] != self.now:
            self._fired = (self.now, {id(plan)})
        else:
            self._fired[1].add(id(plan))
        once = plan.once
        alias = once and (once[0] or len(once) > 1 and (i := _once_part(once, b)) is not None and once[1][i][2])
        if alias and type(b.get(alias)) is Event:
            trigger_id = b[alias].id  # one instance per that event (per a value of it): it names the instance
        elif getattr(plan, "binds_effective", False):
            trigger_id = self._named_by_fact(b, trigger_id)
        getattr(self, self._effects[type(plan).__name__])(plan, b, moment, trigger_id, because)

    def _named_by_fact(self, b: dict, trigger_id):
        """A row set off by the contract taking effect, of a line that also binds a fact from before (`for each
        service_interruption_started s, contract_effective e where s.at < e.at`): named by that fact, not by the
        signing — two outages running at signing are two rows told apart by their `trigger` (counsel, round 30)."""
        t = _trigger_fact(b, trigger_id)
        if t is None or t.type not in self.p.effective_names:
            return trigger_id
        other = next((v for v in b.values() if type(v) is Event and v is not t and v.type not in self.p.effective_names),
                     None)
        return other.id if other is not None else trigger_id

    def say_later_refs(self, batch) -> None:
        """A fact named by an earlier fact's reference (a force majeure ended on 01-01 that began on 01-30): a fact can
        refer only to what happened before it (what a live session refuses: ``unknown_ref.so_far``); said once the
        later fact is seen, so a report before it says nothing of a fact it does not know (the fuzzer, round 10)."""
        for e in (batch if type(batch) is list else (batch,)):
            for fact, attr in self._later_refs.pop(e.id, ()):  # (ids are one fact each: a second is refused on load)
                self.findings.append(Finding("ref_to_later_fact", "warning", None, None, e.moment.at, [],
                                             {"fact": fact, "name": attr, "ref": e}))

    def record_finding(self, plan: FindingPlan, b, moment, trigger_id, because):
        d = plan.decl
        for name in plan.awaits:  # (`not triggered(X)`: which of X's conditions were not met then — an audit's question)
            awaited = self.p.obligation_by_name.get(name) if not self.instances.get(name) else None
            if awaited is not None and any(t.kind != "for_each" for t in awaited.triggers):
                because = because + [Step("awaited_conditions", {"name": TypeRef(name), "clause": awaited.decl.clause})] \
                    + self.conditions_now(awaited, Env({}, self, self.now))
        self.findings.append(Finding(d.code, d.severity, d.clause, d.message, moment.at, because))

    def after_unknown_time(self, plan: ObligationPlan, trig, b, moment: Moment) -> bool:
        """`once per X`: the duty's first trigger came at an instant the contract does not fix (a letter outside the
        city, no receipt: delivered no earlier than when it was sent), and now one of known time (a fax, delivered
        at ``moment``).  The duty arose from whichever came first, somewhere between the two.  Where its deadline
        counted from either end is the same — 5 days from a delivery on 09-01 or on 09-02 both end at 24:00 on Mon
        09-08 — the verdict does not turn on which: the undetermined duty is counted from the known trigger, and says
        that the other may have come first to the same end.  Not where an act between the two could perform it for
        one reading only (no `counting earlier`), nor for a deadline anchored elsewhere.  Counsel, round 19."""
        if plan.anchor or plan.by is not None or plan.until is not None or plan.before or plan.duration is None \
                or not plan.once or not (plan.once[0] or len(plan.once) > 1):
            return False
        key = self.once_key(plan, b)
        if key is None or not plan.ways:
            return False
        prev = self._unknown_first.get(key)  # (found by its key: no scan of the rule's duties)
        if prev is not None and (prev.status is not Status.UNDETERMINED or prev.deadline is not None):
            prev = None
        if prev is None or self.ended is not None and self.ended.at <= moment.at and not plan.decl.survives:
            return False  # (ended before the known trigger: a duty that arose, discharged, or none — a reviewer)
        name = plan.decl.name
        if any(f.code == "termination_undetermined" and f.at is not None and f.at >= prev.triggered.at
               and name in {str(x) for x in f.args.get("doubts") or ()} for f in self.findings):
            return False  # (a termination left undetermined on this very doubt meanwhile: it would have to be decided
            # again — the contract may have ended before the known trigger, the duty with it; a reviewer)
        env = Env(b, self, self.now)
        length = plan.duration(env)
        if length is None or length.amount == 0:
            return False
        early, late = self.count(prev.triggered, length, plan.counting), self.count(moment, length, plan.counting)
        if early.inclusive != late.inclusive:
            return False
        if not all(w.earlier for w in plan.ways):  # (an act between the two: in time for one reading, not the other)
            kinds = {w.pattern.sources[0][0] for w in plan.ways}
            if any(prev.triggered.at <= e.moment.at < moment.at for k in kinds for e in self.history.get(k, ())):
                return False
        unknown = next((v for v in prev.bindings.values() if type(v) is Event and "__unknown_time__" in v.attrs), None)
        prev.bindings, prev.triggered = b, moment
        prev.because = self.trigger_words(plan, trig, b, moment, prev.trigger_id) + [
            Step("unknown_first_same_due", {"fact": unknown, "earliest": early.start, "due": late.end(), "at": moment})
            if early.due == late.due else
            Step("unknown_first_window", {"fact": unknown, "earliest": early.start, "at": moment,
                                          "first": Moment.of(early.due) if early.inclusive else early.end(),
                                          "last": late.end()})]
        if not any(i.status is Status.UNDETERMINED for i in self.instances[plan.decl.name] if i is not prev):
            self.undetermined.discard(plan.decl.name)
        if early.due != late.due:  # (it ends between the two ends: an act by the earlier is in time whatever came
            # first, none by the later is late whatever came first, one between them cannot be told — as a period
            # from a fact of its day alone: ``Deadline.earliest``; a reviewer, round 26)
            prev.window = early.due
        self.run_obligation(prev, plan, env, moment)
        return True

    def once_key(self, plan, b):
        """What `once` counts instances by: the rule alone (`once`), the event bound to ALIAS (`once per ALIAS`), or the
        values (`once per h.at`: one failed acceptance recorded twice is one); None where the line does not bind what
        it reads (`once per h` speaks of the rows of h, not of a data leak's on another line — a reviewer, round 25)
        or a value is not known (two records that may differ are not taken for one)."""
        once = plan.once
        if len(once) > 1:
            i = _once_part(once, b)
            if i is None:
                return None
            fns, aliases, _, plain = once[1][i]
            if plain is not None:  # (`s.subproject, s.at`: read straight off the facts — this runs each time the line
                # fires; an instant as its datetime, hashed in C)
                values = []
                for a, n in plain:
                    ev = b[a]
                    if type(ev) is not Event or ev.bare:  # (a datetime attribute is never read so: ``_plain_attr``)
                        break
                    values.append(ev.moment.at if n == "at" else ev.id if n == "id" else ev.attrs.get(n))
                else:
                    return None if None in values else (_rule_key(plan), i, tuple(values))
            return self._once_value(plan, i, fns, aliases, b)
        if once[0] and once[0] not in b:
            return None
        ev = b.get(once[0]) if once[0] else None
        return _rule_key(plan), ev.id if isinstance(ev, Event) else None

    def _once_value(self, plan, i: int, fns, aliases, b):
        """The key of `once per EXPR, …`'s part ``i``: the rule, the part, the values (an event by its id); None where
        a value is not known — nor an instant of a fact known by its day alone (its `.day` is: a reviewer, round 28)."""
        env = Env(b, self, self.now)
        values = tuple(v.id if type(v) is Event else v for v in (fn(env) for fn in fns))
        if None in values or (any(type(b[a]) is Event and b[a].bare for a in aliases)
                              and any(isinstance(v, (Moment, datetime)) for v in values)) \
                or any(type(v) is DayOnly or isinstance(v, datetime) and _day_only(v, env) for v in values):
            return None  # (a datetime attribute given as a bare date is no known instant either: fuzz round 30)
        return _rule_key(plan), i, values

    def first_time(self, plan, b) -> bool:
        """`once` / `once per …`: only the first trigger (for that event, or those values) counts."""
        if not plan.once:
            return True
        key = self.once_key(plan, b)
        if key is None:
            return True
        if key in self._once:
            return False
        self._once.add(key)
        return True

    def start_fixed_recurrences(self, first: datetime):
        """A recurring duty whose start reads no fact (a date, a period counted from one) waits for
        nothing: it starts with the first instant of the run (or with the contract, if later)."""
        self.now = first
        fixed = [x for x in self.pending_when if x[1].kind == "every" and not x[1].deps]
        if fixed and not self.p.effective:  # (nothing to wait for: a series from 1 January begins then, though the
            # first fact comes in February — its first period's `passed(10 days since m.start)` holds on 01-12, not
            # at the first fact: the SaaS author)
            starts = [to_moment(trig.every[2](Env({}, self, self.now))) for _, trig in fixed]
            self.now = min([first] + [m.at for m in starts if m is not None])
        for item in fixed:
            plan, trig = item
            if self.in_force_for(plan, self.now):
                self.pending_when.remove(item)
                self.start_recurrence(plan, trig)

    def start_recurrence(self, plan, trig: TriggerPlan):
        """The first period of an `every` duty: the one its start falls in (cut to the start)."""
        unit, alias, start_fn, until_fn = trig.every
        self.current_rule, self.current_fact = plan.decl, None  # (an error here is placed at the rule)
        self.current_b = {}
        start = to_moment(start_fn(Env({}, self, self.now)))
        if start is None:
            return
        first = _anchor(start) if type(unit) is timecalc.Anchored else timecalc.period_start(unit, start.day)
        self.push_recur(plan, trig, start, first, max(start.at, self.now))

    def next_period(self, plan, trig: TriggerPlan, start: Moment, first_day: date):
        """A period begins: its duty arises (the period cut to the series' start and end), and the
        next period is scheduled — the end read again each time, for it may become known later."""
        unit, alias, start_fn, until_fn = trig.every
        if self.ended is not None and not (plan.decl.survives and start.at >= self.ended.at):
            # no period begins once the contract has ended (第566条) — but for a series the contract sets to run from its
            # end on and keeps alive (`every … from day_end(ended) … survives`: 竞业限制补偿 paid monthly after it); a
            # series that ran before the end keeps only the period then running (`survives`)
            return
        self.current_rule, self.current_fact = plan.decl, None  # (an error here is placed at the rule)
        self.current_b = {}
        until = end_moment(until_fn(Env({}, self, self.now))) if until_fn else None
        got = _period_of(unit, start, first_day, until)
        if got is None:
            return
        period, last_day = got
        if period is not None and self.ended_part and any(  # (its part of the contract ended: no period of it begins
                c is None and period.start.at >= ev.moment.at for ev, _, _, c in  # at or after that instant)
                self.ended_part.get(plan.decl.name, ())):
            return
        if period is not None:
            begin, end, label = period.start, period.end, period.label
            duties = self.instances[plan.decl.name]
            known = len(duties)
            effective = self.effective
            # (the contract took effect within the period: the period's duty arises then, not before — 第502条 —
            # and not never: a contract signed at 09:00 on 1 January owes January's report)
            at = effective if self.p.effective and effective is not None and begin.at < effective.at < end.at \
                else begin
            self.fire(plan, trig, {alias: period}, at, label)
            self.open_periods = [x for x in self.open_periods if x[1] is not trig]
            if trig.every[3] is not None and (until is None or until.at > end.at):  # (its end may still cut it)
                self.open_periods.append((plan, trig, period, duties[known:]))
        # the next period begins after what happens at its first instant (facts, the contract's end)
        self.push_recur(plan, trig, start, last_day + timedelta(days=1))

    def accelerate_series(self, e: Event):
        """`accelerated by … with later periods`: a declaration brings forward, with the period running, the periods
        of a recurring duty not yet begun (第752条: 全部租金; a loan's 全部借款提前到期) — each arises at the declaration
        and its deadline is brought forward as the running one's is; the series then has none left to begin.  Not
        while the series' end is unknown (which periods are later cannot be told), nor without the right to
        accelerate (`exercises POWER`), nor past the first period the declaration does not concern (its pattern
        reads the period): from that one on the periods begin as they would have."""
        if self.ended is not None:
            return
        for plan, k in self.p.accel_series.get(e.type, ()):
            ext = plan.extensions[k]
            for trig in plan.triggers:
                pending = self._series_next.get((id(plan), id(trig))) if trig.kind == "every" else None
                if pending is None:
                    continue
                start, first_day = pending
                unit, alias, _, until_fn = trig.every
                self.current_rule, self.current_fact = plan.decl, e
                self.current_b = {}
                until = end_moment(until_fn(Env({}, self, self.now))) if until_fn else None
                if until is None:
                    continue
                later, power_checked = [], ext[3] is None
                while len(later) < MAX_ACCELERATED:
                    got = _period_of(unit, start, first_day, until)
                    if got is None:
                        first_day = None  # (the series is over: nothing left to begin)
                        break
                    period, last_day = got
                    if period is not None:
                        b = self.one(ext[0], {alias: period}, e)
                        if b is None or not power_checked and self.accel_right(ext[3], b, e) is None:
                            break  # (this period and those after it begin as they would have)
                        power_checked = True
                        later.append(period)
                    first_day = last_day + timedelta(days=1)
                if len(later) >= MAX_ACCELERATED and first_day is not None:  # (said, never silently cut short)
                    self.findings.append(Finding("accelerated_periods_limited", "warning", plan.decl.clause, None,
                                                 e.moment.at, [], {"name": TypeRef(plan.decl.name), "fact": e,
                                                                   "limit": MAX_ACCELERATED,
                                                                   "from": first_day}))
                if not later:
                    continue
                self._unschedule_recur(plan, trig)
                if first_day is not None:  # (what is left — a declaration it does not concern, or past the most
                    # periods made at once — begins as it would have)
                    self.push_recur(plan, trig, start, first_day)
                self._accelerating = e
                try:
                    for period in later:
                        duties = self.instances[plan.decl.name]
                        known = len(duties)
                        # (brought forward by a declaration of its day alone: arisen at some instant of that day)
                        b = {alias: period, _COMPLETED_BY: e} if e.bare else {alias: period}
                        self.fire(plan, trig, b, e.moment, period.label)
                        for inst in duties[known:]:
                            if inst.status is Status.ACTIVE and inst.deadline is not None:
                                self.try_extend(inst, ext, e, retried=True)
                finally:
                    self._accelerating = None

    def push_recur(self, plan, trig: TriggerPlan, start: Moment, first_day: date, at: datetime | None = None):
        """Schedule the next period of a recurring duty (at 0时 of its first day, or ``at``), and keep where the
        series stands — also past ``as_of``, where nothing is scheduled."""
        self._series_next[(id(plan), id(trig))] = (start, first_day)
        self.push(Moment.start_of_day(first_day).at if at is None else at, PHASE_BEGIN, "recur",
                  (plan, trig, start, first_day))

    def _unschedule_recur(self, plan, trig):
        """A recurring duty's next period no longer begins as scheduled (``accelerate_series`` made it arise)."""
        self._series_next.pop((id(plan), id(trig)), None)
        for items in self.agenda.values():
            for item in items:
                if item[0] == "recur" and item[1][0] is plan and item[1][1] is trig:
                    items.remove(item)
                    self._none_in_rest.clear()  # (the rest moved up)
                    return

    def trigger_words(self, plan, trig, b, moment, trigger_id) -> list[str]:
        clause = plan.decl.clause
        if trig.kind == "every":
            period = b[trig.every[1]]
            if self._accelerating is not None:  # (a period not yet begun, brought forward by a declaration)
                return [Step("period_accelerated", {"clause": clause, "label": period.label, "start": period.start,
                                                    "end": period.end, "fact": self._accelerating})]
            return [Step("period_began", {"clause": clause, "label": period.label, "start": period.start,
                                          "end": period.end})]
        if trig.kind == "when":
            env = Env({}, self, self.now)
            # (completed by a fact of its day alone: that day, as the row's `triggered_cn` says, not its 0时)
            # (the event that completed it, worded as the fact it is or comes from — 协商一致解除（源自 m1）, not the
            # engine's key by_agreement:m1: fuzz round 34; a period that ran out, by its key time:…)
            c = self._completing  # (of any rule: a contract's taking effect by a signing of its day alone — counsel 38)
            day = _COMPLETED_BY in b or type(c) is Event and c.bare and c.moment.at == moment.at
            last = _cited_trigger((c,), trigger_id)
            joined = b.get(_COMPLETED_BY)
            if type(joined) is Event and joined is not c:  # (a fact of that day alone may have come after ``c``: either
                last = [c if type(c) is Event else last, joined]  # was the last — counsel round 41)
            return [Step("conditions_held", {"clause": clause, "at": _cited(moment, day),
                                             "last": last})] + \
                [Step("condition", {"text": text, "why": explain(env)}, 1) for text, explain, _, _ in trig.parts]
        return [_new_step(("triggered_by", {"clause": clause, "facts": [ev for ev in b.values() if type(ev) is Event]},
                           0))]

    def start_obligation(self, plan: ObligationPlan, b, moment, trigger_id, because):
        instances = self.instances[plan.decl.name]
        inst = Instance(plan, len(instances) + 1, b, trigger_id, moment, because, running=self._running)
        instances.append(inst)
        self.arose(inst)
        env = Env(b, self, self.now)
        if plan.debtor:
            inst.debtor = plan.debtor(env)
        if plan.creditor:
            inst.creditor = plan.creditor(env)
        if self._doubt:  # whether it arose at all depends on verdicts not yet determined
            if self.discharged_either_way(inst, plan, env, moment):
                return
            self.mark_undetermined(inst)
            unknown = next((v for v in b.values() if type(v) is Event and "__unknown_time__" in v.attrs), None)
            inst.because.append(Step("undetermined_trigger_time", {"fact": unknown, "earliest": moment})
                                if unknown is not None else self.doubt_step("undetermined_by_doubt", moment))
            if unknown is not None and plan.once:  # (a later trigger of known time may decide it: ``after_unknown_time``)
                key = self.once_key(plan, b)
                if key is not None:
                    self._unknown_first[key] = inst
            return
        self.run_obligation(inst, plan, env, moment)

    def discharged_either_way(self, inst: Instance, plan: ObligationPlan, env: Env, moment: Moment) -> bool:
        """A duty arising on the day a notice known by its day alone ended the contract, that alone in doubt, and due
        after that day: arisen before the end, it was discharged by it before it fell due (民法典第566条); after, it never
        arose — nothing is owed either way: discharged, said so (contract round 43: a delivery due 06:30 the next day)."""
        by = self.ended_by
        if plan.decl.survives or by is None or not self.on_day_of_a_bare_end(moment) or set(self._doubt) != {by.type}:
            return False
        due = self.due_if_arisen(plan, env, moment)
        if due is None or due < Moment.end_of_day(self.ended.day).at:
            return False
        inst.move(Status.ACTIVE)  # (arisen — if at all — before the end, and discharged by it)
        inst.move(Status.DISCHARGED)
        inst.because.append(Step("discharged_on_day_of_end", {"day": self.ended.day, "by": TypeRef(by.type),
                                                              "at": moment, "due": Moment.of(due)}))
        return True

    def due_if_arisen(self, plan: ObligationPlan, env: Env, moment: Moment):
        """The instant a duty arising at ``moment`` falls due (the first late instant of a period of days), worked out
        without arising it: None where that cannot be told so simply (a period counted back, a continuing duty, a
        value not known, a year no calendar knows)."""
        try:
            if plan.until is not None or plan.before:
                return None
            if plan.by is not None:
                end = end_of(plan.by(env), env)
                return None if end is None else end.at
            if plan.duration is None:  # (a fixed period — `within 2 days` — has no duration_text: review round 46)
                return None
            anchor = to_moment(plan.anchor(env)) if plan.anchor else moment
            length = plan.duration(env)
            if anchor is None or length is None or length.amount == 0:
                return None
            return self.count(anchor, length, plan.counting).due
        except (CalendarYearUnknown, ArithmeticError, TypeError, ValueError):
            return None

    def on_day_of_a_bare_end(self, moment: Moment) -> bool:
        """Whether the contract ended by a notice known by its day alone, and ``moment`` is of that day and may come
        before the end or after it — not 24:00 of that day, after every instant of it (a duty arising at 24:00 the
        day a termination of that day alone came never arises: counsel round 40)."""
        by = self.ended_by
        return by is not None and by.bare and moment.day == self.ended.day and not moment.is_end_of_day()

    def doubt_step(self, code: str, moment: Moment) -> Step:
        """Why a duty or right that arose under ``_doubt`` is undetermined: the verdicts it rests on (``code``), or the
        end of the contract that same day by a notice known by its day alone (``apply``)."""
        by = self.ended_by
        if by is not None and by.type in self._doubt and self.on_day_of_a_bare_end(moment):
            return Step("arose_on_day_of_end", {"day": self.ended.day, "by": TypeRef(by.type), "at": moment})
        return Step(code, {"doubts": refs(self._doubt)})

    def run_obligation(self, inst: Instance, plan: ObligationPlan, env: Env, moment: Moment):
        """A duty that has arisen, with no doubt on whether it did: its excuses, its deadline, its performance."""
        b = inst.bindings
        trigger_id = inst.trigger_id
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
        named = plan.anchor(env) if plan.anchor else None
        anchor = to_moment(named) if plan.anchor else moment
        length = plan.duration(env) if plan.duration_text else None
        if plan.duration_text and (length is None or length.amount == 0) or anchor is None:  # (`within o.days days`
            # of a fact that gives none, or 0 — no period, as `within 0 days` is refused —; `within 3 days after
            # first(d).at` before any d — `due by end of 3 days after first(d).at` waits for it: docs §4.5)
            self.mark_undetermined(inst)
            inst.because.append(Step("due_start_unknown", {"text": plan.anchor_text}) if anchor is None
                                else Step("due_by_unknown", {"text": plan.duration_text}) if length is None
                                else Step("length_zero", {"text": plan.duration_text}))
            return
        by_day = False  # (started by a fact of its day alone: ``_started_by_a_day``)
        try:
            if plan.before:  # (counted back from a fact of its day alone: its steps cite that day, not its 0时 —
                # counsel round 37; the count is the day's, as before)
                if type(anchor) is Moment and anchor.is_start_of_day() and (
                        (type(named) is Event and named.bare) or type(named) is DayOnly if plan.anchor
                        else _started_by_a_day(b, trigger_id, anchor)):
                    anchor = DayOnly.in_contract_time(anchor.local())
                inst.deadline = count_back(anchor, plan.duration(env), self.p.calendar)
            else:
                inst.deadline = d = self.count(anchor, plan.duration(env), plan.counting)
                by_day = (type(named) is Event and named.bare) or type(named) is DayOnly if plan.anchor \
                    else (d.inclusive or anchor.is_start_of_day()) and _started_by_a_day(b, trigger_id, anchor)
                if not plan.anchor and type(anchor) is Moment and joined_later_that_day(b, trigger_id, anchor):
                    anchor = DayOnly.in_contract_time(anchor.local())  # (its day, no earlier than that instant:
                    by_day = d.inclusive  # hours end between two instants; days are counted from that day alike)
                if d.inclusive and by_day:
                    # hours from a fact given by its day alone: the period ends between two instants
                    inst.deadline = bare_start(d, self.count(Moment.end_of_day(anchor.day), d.period, plan.counting))
        except CalendarYearUnknown as exc:
            self.unknown_year(exc, plan.decl)
            if plan.before:
                self.mark_undetermined(inst)
                inst.because.append(Step("undetermined_calendar", {"why": exc.step()}))
                return
            # what is known: the earliest the period can end; an act before it is in time
            inst.deadline = earliest_end(anchor, plan.duration(env), exc.year, self.p.calendar)
        if inst.window is not None and not plan.before:  # (``after_unknown_time``: from either of two triggers)
            inst.deadline = dataclasses.replace(inst.deadline, earliest=inst.window)
        d = inst.deadline
        if plan.before:
            inst.because.append(Step("deadline_before", {"period": d.period, "anchor": anchor}))
        else:  # (from a fact of its day alone: that day, not its 0时 — for hours, the steps say the latest start)
            inst.because.append(_deadline_from(plan, d, DayOnly.in_contract_time(anchor.local())
                                               if by_day and type(anchor) is Moment and anchor.is_start_of_day()
                                               or d.earliest is not None and inst.window is None
                                               and type(anchor) is not DayOnly else anchor))
        inst.because.extend(d.steps)
        if not plan.before and d.due < inst.triggered.at:  # (`within 2 hours after o.at.day` for an order at 22:30:
            # due 02:00, before the duty existed — a slip a reader must see, as `due by` says it — the freight author)
            inst.because.append(self.due_at_arising(inst, plan, d.end(), d.steps, []))
        self.await_performance(inst, plan, env, moment)

    def due_at_arising(self, inst: Instance, plan: ObligationPlan, due: Moment, kept: tuple, said: list) -> Step:
        """A deadline ``due`` that falls before the duty arose: nothing can be late before it exists, so it is due
        the instant it arises (its deadline's steps ``kept``), and the rule file is warned (``due_before_trigger``,
        its steps ``said`` then why); the step that says so."""
        before = Step("due_before_trigger", {"due": due, "at": inst.triggered})
        inst.deadline = Deadline(inst.triggered, Period(0, Unit.DAYS), Counting.TERM, None, inst.triggered.at,
                                 kept + (before,))
        self.findings.append(Finding("due_before_trigger", "warning", plan.decl.clause, None, inst.triggered.at,
                                     said + [before], {"name": TypeRef(plan.decl.name), "trigger": inst.trigger_id,
                                                       "due": due, "at": inst.triggered}))
        return before

    def arose(self, inst: Instance) -> None:
        """A duty has just arisen (``triggered( )`` of its obligation holds from now on): nothing to do
        for the reference; the durable backend puts it in durable_rules' working memory."""

    def set_due_by(self, inst: Instance, plan: ObligationPlan, env) -> bool:
        """`due by MOMENT`: the deadline is that instant — the end (24:00) of a day the contract names
        (次月第5个工作日) is the first late instant, as a period of days; a moment within a day is itself
        still in time (as a period of hours, 民法典第1259条).  Unknown (a year no calendar knows, a
        moment not yet known): undetermined."""
        try:
            value = plan.by(env)
            end = end_of(value, env)
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
        if end is None:  # (not known yet — `first(commencement_notice).start_date - 14 days` before the notice —:
            # undetermined until it is, tried again as facts come: ``retry_due_by``)
            self.mark_undetermined(inst)
            inst.because.append(Step("due_by_unknown", {"text": plan.by_text}))
            self.wait_for_value((inst, plan), plan.by_deps, plan.by_keys, env, self._by_keyed, self._by_unknown)
            if inst.deadline is None and plan.fulfil_when is not None:  # (when its condition first holds is kept)
                if plan.fulfil_when(env):
                    self._met_early[inst] = (None, inst.triggered)
                else:
                    self.wait_cond(inst, env)
            return False
        day_end = end.is_end_of_day()
        said = Step("due_by", {"text": plan.by_text, "due": end, "day_end": day_end, **self.by_words(plan, env, end)})
        if end.at < inst.triggered.at:  # nothing can be late before it exists: due the instant it arises
            self.due_at_arising(inst, plan, end, (said,), [said])
        else:  # (`as act`: days a pause or an extension adds to it are moved off a rest day — ``lengthened``)
            inst.deadline = deadline_at(end, inst.triggered, Period(0, Unit.DAYS), plan.counting, (said,))
            low = to_moment(value) if isinstance(value, (datetime, Moment)) and day_end else None
            if low is not None and low.at < end.at and low.day == end.day and low.at >= inst.triggered.at:
                # (an instant known by its day alone — a datetime a fact gave as a bare date, a receipt dated that
                # day —: the deadline is some instant of that day from ``low`` on; an act before it is in time, one
                # from it to the day's end cannot be told, one after the day late — the fuzzer, round 11; review 13)
                inst.deadline = dataclasses.replace(inst.deadline, earliest=low.at, steps=inst.deadline.steps + (
                    Step("due_by_day_only", {"day": end.day, "earliest": low}),))
        inst.because.extend(inst.deadline.steps)
        return True

    def wait_for_value(self, item: tuple, deps: frozenset, keys: dict | None, env: Env, keyed: dict, loose: list):
        """A duty (``item``: it and its plan) waiting for a value a later fact gives — its `due by`, its `until`: where
        each kind of fact the value reads is counted by a key (`first(took t where t.ref == x.id)`), filed under it
        in ``keyed``, and only a fact of that key tries it again (``record``); else in ``loose``, tried again at
        every fact of those kinds (the fuzzer: n² with thousands waiting)."""
        if keys and deps and all(keys.get(t) for t in deps):
            self.file_by_key(item, deps, keys, env, keyed, {})
        else:
            loose.append(item)
            self._by_kinds.update(deps or (None,))

    def retry_due_by(self):
        """The duties whose `due by` read a value not known when they arose (a builder's case: drawings due 14
        days before the start date a later notice gives), tried again once an event of a kind it reads happened
        (``record``): once it is known, the deadline is set and the duty runs from its trigger — performed by what
        happened since (a fact; the instant its condition first held), or violated at that deadline if it has
        passed; one whose deadline falls after the contract ended is discharged with it."""
        known, self._by_known = self._by_known, None
        if known is None:
            return
        if self._until_unknown or self._until_ready:
            self.retry_until()
        waiting, self._by_unknown = self._by_unknown, []
        ready, self._by_ready = self._by_ready, []
        keyed = {id(x) for x in ready}
        for item in waiting + ready:
            inst, plan = item
            if not _by_open(item):
                continue
            env = Env(inst.bindings, self, self.now)
            try:
                value = end_moment(plan.by(env))
            except CalendarYearUnknown:
                value = True  # (set_due_by says what a year no calendar knows leaves of it)
            if value is None:
                if id(item) not in keyed:
                    self._by_unknown.append(item)  # (a keyed one stays filed under its key)
                continue
            inst.because = [x for x in inst.because if x.code != "due_by_unknown"] + [
                Step("due_by_known", {"text": plan.by_text, "at": known})]
            self.waiting_cond.pop(inst, None)
            if not self.set_due_by(inst, plan, env):
                continue
            name = inst.rule.decl.name
            if not any(i.status is Status.UNDETERMINED for i in self.instances[name] if i is not inst):
                self.undetermined.discard(name)  # (no doubt left on what reads it)
            ended = self.ended
            if ended is not None and inst.deadline.due > ended.at and not inst.rule.decl.survives \
                    and inst not in self._met_early:  # (it would have been discharged with the contract)
                _discharge_after_all(inst, _discharged(self.ended_by))
                continue
            part = next((e for e, _, _, c in self.ended_part.get(name, ()) if c is None or self._row_ended(
                inst.rule, inst.bindings, inst.trigger_id, self.ended_part[name], e, inst)), None) \
                if self.ended_part else None
            if part is not None and inst.deadline.due > part.moment.at and inst not in self._met_early:
                # (its part of the contract ended first: discharged with it — ``end_part``)
                _discharge_after_all(inst, _discharged(part, "discharged_in_part"))
                continue
            self.await_performance(inst, plan, env, inst.triggered, known_late=True,
                                   met=self._met_early.pop(inst, None))
        self._by_kinds = {k for _, plan in self._by_unknown for k in (plan.by_deps or (None,))} | \
            {k for _, plan in self._until_unknown for k in (plan.until_deps or (None,))}

    def retry_until(self):
        """The continuing duties whose end was not known when they arose (第950条: serve on until the new manager
        takes over, `until first(takeover).at`), tried again once an event of a kind the end reads happened: once
        known, the duty ends then (kept to its end: fulfilled) — at once where that end has passed."""
        waiting, self._until_unknown = self._until_unknown, []
        ready, self._until_ready = self._until_ready, []
        keyed = {id(x) for x in ready}
        for item in waiting + ready:
            inst, plan = item
            if not _until_open(item):
                continue  # (known at the contract's end — ``reset_end`` —, breached or discharged meanwhile)
            end = to_moment(plan.until(Env(inst.bindings, self, self.now)))
            if end is None:
                if id(item) not in keyed:
                    self._until_unknown.append(item)  # (a keyed one stays filed under its key)
                continue
            inst.because = [x for x in inst.because if x is not _DUTY_END_OPEN]
            inst.deadline = Deadline(inst.triggered, Period(0, Unit.DAYS), Counting.TERM, end.day, end.at,
                                     (Step("duty_until_learnt", {"text": plan.until_text, "at": self.now,
                                                                 "until": end}),))
            inst.because.extend(inst.deadline.steps)
            self.push(max(end.at, self.now), PHASE_DEADLINE, "due", inst)

    def by_words(self, plan: ObligationPlan, env, end: Moment) -> dict:
        """What a `due by` deadline read (its values, a branch's condition with its truth) and, for
        `working_day_from(X)`, X's day and the rest days and holidays the deadline moved past — or that X's day is
        itself a working day (a make-up working day is not moved) — as the step's further arguments."""
        out = {}
        if plan.by_terms:
            out["terms"] = [{"text": t, "value": Quantity(v, _kind(kind))} for t, kind, fn in plan.by_terms
                            if (v := fn(env)) is not SKIPPED]  # (a case not taken: not said)
        if plan.by_moved is not None:
            start = _day_of(plan.by_moved(env))
            cal = self.p.calendar
            if start is not None and start <= end.day:
                out["from"] = cal.day_info(start)
                out["skipped"] = [cal.day_info(start + timedelta(days=k)) for k in range((end.day - start).days)]
            elif start is not None:  # (`working_day_until`: moved EARLIER, past the rest days before X's day)
                out["from"] = cal.day_info(start)
                out["skipped"] = [cal.day_info(end.day + timedelta(days=k)) for k in range(1, (start - end.day).days + 1)]
                out["earlier"] = True
        for nth in plan.by_nth:  # (the N-th working day of a month: the working days counted to it, make-up days
            # among them — the freight author: a make-up Saturday counted as the 3rd was not to be seen)
            day = _day_of(nth(env))
            if day is not None and day == end.day:
                cal = self.p.calendar
                days = [cal.day_info(day.replace(day=k)) for k in range(1, day.day + 1)]
                out["counted"] = [d for d in days if d.get("type") in ("working", "makeup")]
                break
        return out

    def await_performance(self, inst: Instance, plan: ObligationPlan, env, moment: Moment, known_late: bool = False,
                          met: tuple | None = None):
        """A duty with its deadline set: running, performed by what already happened or waiting for it
        (``known_late``: its deadline became known after it arose — what happened since it arose may perform it;
        ``met``: the fact and instant its condition first held while it waited)."""
        inst.move(Status.ACTIVE)
        if "triggered" in plan.announced:
            self.lifecycle(inst, "triggered", moment)
        if met is not None:
            self.fulfil(inst, met[0], met[1])
            return
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
                cand = self.performed_already(inst, way, env, known_late)
                before = cand is not None and self.maybe_before_trigger(inst, cand, way)
                taken = self.tentative_as.get(cand.id) if before else None
                if taken is not None:  # (one of ``tentative_decides``' replays: taken as after the trigger, or before
                    before, cand = False, cand if taken else None  # it — then it performs nothing)
                if before:
                    if inst.tentative is None:  # (it may perform, or not: the duty waits for an act that surely does)
                        inst.tentative = cand
                elif cand is not None:
                    moment = cand.moment
                    after = bool(taken) or cand.bare and moment.at < inst.triggered.at \
                        and moment.day == inst.triggered.day and self._refers_to_trigger(cand, inst)
                    if after:  # (of the trigger's day alone and naming it: that day, no earlier than the trigger —
                        moment = DayOnly.in_contract_time(inst.triggered.local())  # not an earlier act: counsel 42)
                    self.fulfil(inst, cand, moment, way=way,
                                earlier=not after and moment.at < (inst.triggered.at if known_late else self.now))
                    return
            keys = iter(keys)
            for way in ways:
                entry = self._entry(inst, way, env)
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
                        by_key[k] = [entry]
                    else:
                        waiting.append(entry)
                else:
                    waiting = self.waiting.get(way.type)
                    if waiting is None:
                        self.waiting[way.type] = [entry]
                    else:
                        waiting.append(entry)
        if plan.fulfil_when is not None:
            if plan.fulfil_when(env):
                self.fulfil(inst, None, Moment.of(self.now) if known_late else moment)
                return
            self.wait_cond(inst, env)
        self.wait_excuse(inst, plan, env)
        d = inst.deadline
        due = d.due
        self.push(self.now if self.now > due else due, PHASE_LATE if d.inclusive else PHASE_DEADLINE,
                  "due", inst)  # (hours from a fact of its day alone: their latest end is late itself — ``open_end``)
        for k in range(len(plan.suspensions)):
            self.wait_pause(inst, k)
        for k in range(len(plan.extensions)):
            self.wait_pause(inst, -1 - k)
            if plan.extensions[k][2] == "earlier":  # (an acceleration of the very instant the duty arises: simultaneous
                # — a reviewer)
                for cand in self.candidates_for(Way(plan.extensions[k][0], None, False, None, False), env, False):
                    if inst.deadline is not None:
                        self.try_extend(inst, plan.extensions[k], cand)
        if plan.suspensions:
            self.paused_from_start(inst, moment)

    def paused_from_start(self, inst: Instance, moment: Moment):
        """A duty that arises while a cause of its pause runs (a force majeure begun before it, or at its
        instant, and not yet ended) is `suspended` from the moment it arises until the causes end: it cannot be
        performed in time any more than a running one could (因不可抗力不能按期履行的，期限相应顺延).  Which
        causes run is found as a running duty would have found them (``_running_causes``); where neither pattern reads
        anything of the duty, that is the same for every duty and is kept, advanced as facts come (``_causes``)."""
        rule = inst.rule
        causes = []
        for k in range(len(rule.suspensions)):
            state = self._causes.setdefault((id(rule), k), [0, 0, [], []]) if rule.ends_alone[k] else [0, 0, [], []]
            causes.extend((b, k, f) for b, f in self._running_causes(rule, k, inst.bindings, state))
        if not causes:
            return
        inst.move(Status.SUSPENDED)
        running = [(b, k) for b, k, _ in causes]
        inst.paused = (moment, {id(c): c for c in running}, Counter(id(v) for b, _, _ in causes for v in b.values()),
                       None, frozenset())
        for n, ((_, _, f), cause) in enumerate(zip(causes, running)):
            inst.because.append(Step("suspended_from_start" if n == 0 else "suspended_also",
                                     {"fact": f, "due": inst.deadline.end()} if n == 0 else {"fact": f, "since": moment}))
            self.await_resume(inst, cause)

    def _running_causes(self, rule, k: int, bindings: dict, state: list) -> list:
        """The causes of suspension ``k`` still running now, each (its bindings, its fact): the facts of the pausing
        and the resuming kind recorded so far, taken in the order of the history — at one instant the pauses
        before the ends, as ``occur_together`` performs them — a pause joining the causes, an end ending the first
        cause it ends (one end ends one pause, an end from before a pause began is another's).  ``state`` is
        [pauses looked at, ends looked at, the causes running]: advanced from where it was."""
        pattern, until = rule.suspensions[k]
        pauses = self.history.get(pattern.sources[0][0], ())
        ends = self.history.get(until.sources[0][0], ())
        ci, ei, running, idle = state
        while ci < len(pauses) or ei < len(ends):
            if ei >= len(ends) or (ci < len(pauses) and pauses[ci].moment.at <= ends[ei].moment.at):
                f = pauses[ci]
                ci += 1
                b = self.one(pattern, bindings, f)
                if b is None:
                    continue
                # (an end of the pause's day alone that ended nothing at the day's start came after it, some hour of
                # that day: ``await_resume`` says the same of a running duty)
                n = None if f.bare else next((n for n, e in enumerate(idle) if e.moment.day == f.moment.day
                                              and self.one(until, b, e) is not None), None)
                if n is None:
                    running.append((b, f))
                else:
                    del idle[n]
            else:
                e = ends[ei]
                ei += 1
                n = next((n for n, (b, _) in enumerate(running) if self.one(until, b, e) is not None), None)
                if n is not None:
                    del running[n]
                    self._ends_used.add((id(rule), k, id(e)))
                elif e.bare:
                    idle[:] = [x for x in idle if x.moment.day == e.moment.day] + [e]
        state[0], state[1] = ci, ei
        return list(running)

    def maybe_before_trigger(self, inst: Instance, e: Event, way: Way) -> bool:
        """An act known by its day alone, of the trigger's own day, taken as before the trigger (or as simultaneous,
        both of that day alone) only by where the day begins: before the trigger it performs nothing (the clause does
        not count earlier acts), after it, it does — which, the record does not say.  Unless it names the fact that
        set the duty off by a plain `ref` (a notice of 06-05 about the incident of 10:00 it reports): such a reference
        names only what came before (``say_later_refs``), so it came after — review round 35; not a `ref … ahead`,
        which may name a later fact (an advance notice of an address change)."""
        return e.bare and not way.earlier and e.moment.day == inst.triggered.day and (
            e.moment.at < inst.triggered.at or e.moment.at == inst.triggered.at
            and _started_by_a_day(inst.bindings, inst.trigger_id, inst.triggered)) \
            and not self._refers_to_trigger(e, inst)

    def _refers_to_trigger(self, e: Event, inst: Instance) -> bool:
        """Whether ``e`` names by a reference (`ref`, not `ref ahead`) a fact the duty's trigger binds at its instant."""
        names = self.p.ref_attrs.get(e.type) or self.p.ref_attrs.get(e.attrs.get(_SOURCE_KIND))  # (deemed from a
        if not names:  # fact that names by a plain `ref`, though other kinds it may be deemed from do not: review 42)
            return False
        refs = {e.attrs.get(n) for n in names}
        return any(type(v) is Event and v.id in refs and v.moment.at >= inst.triggered.at
                   for v in (inst.bindings or {}).values())

    def performed_already(self, inst: Instance, way: Way, env, since_trigger: bool = False) -> Event | None:
        """A fact that performs a new duty as it arises: one of the same instant (simultaneous with
        the trigger), or with `counting earlier` one from before it — the oldest that fits; ``since_trigger``
        (a duty whose deadline became known later): also one since its trigger."""
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
            keyed = None
            if way.by_key_alone and not used and not since_trigger and way.prefilter is None \
                    and way.type not in self._late_types:
                # (the candidates come from the key's time-ordered list — no other list without a prefilter —, from
                # an instant on, and those of that day given by the day alone: told by the list's length, that
                # instant, and whether the kind has facts given by the day; the answer is the same for every duty of
                # that key: n duties and n facts of one key at one instant, or on one day, were n² tests)
                keyed = (id(way), way.key[1](env))
                start = to_moment(way.since(env)) if way.earlier and way.since is not None else None
                seen = (self.now, None if start is None else start.at, len(self.index[way.slot].get(keyed[1], ())),
                        way.type in self._bare_types)
                hit = self._best_keyed.get(keyed)
                if hit is not None and hit[0] == seen:
                    return hit[1]
            cands = self.candidates_for(way, env, everything=way.earlier or since_trigger)
            if since_trigger and not way.earlier:
                cands = [c for c in cands if c.moment.at >= inst.triggered.at]
            if keyed is not None:
                best = self._first_performing(inst, way, cands, used)
                self._best_keyed[keyed] = (seen, best)
                return best
        shared = way.alone and not used and not way.earlier and not since_trigger
        if shared:  # (the same answer for every duty of the rule at this instant: n duties and n facts at one
            # instant — a day's batch given by its day — were n² tests; a fuzzer)
            hit = self._best_now.get(id(way))
            if hit is not None and hit[0] == self.now and hit[1] == len(cands):
                return hit[2]
        best = self._first_performing(inst, way, cands, used)
        if shared:
            self._best_now[id(way)] = (self.now, len(cands), best)
        return best

    def _first_performing(self, inst: Instance, way: Way, cands: list, used) -> Event | None:
        """Of ``cands`` (oldest first), the earliest that performs ``inst`` by ``way`` and no other duty already
        (``used``); of several of one instant, by what they say, not by id."""
        best = None
        ordered = way.type not in self._late_types
        for cand in cands:
            if best is not None and cand.moment.at != best.moment.at:
                if ordered:
                    break  # (the pool is in time order: nothing earlier comes)
                if cand.moment.at > best.moment.at:
                    continue
            if cand.id not in used and self.one(way.pattern, inst.bindings, cand) is not None:
                if best is None or cand.moment.at < best.moment.at or _by_content(cand) < _by_content(best):
                    best = cand  # the earliest; of several of one instant: by what they say, not by id
        return best

    def excused(self, inst: Instance, env, moment: Moment, announce_trigger: bool = False) -> bool:
        """Apply the first exception of the clause that holds (``excuse_held``); True when the obligation is excused."""
        text = self.excuse_held(inst, env)
        if text is None:
            return False
        self.excuse(inst, text, moment, announce_trigger, came=False)
        return True

    def excuse_held(self, inst: Instance, env: Env) -> str | None:
        """The text of the first exception of a running duty's clause that holds now, or None — each condition tested
        part by part (``ObligationPlan.excuse_guards``), and where none holds, the kinds their first false parts read
        kept (``_excuse_skip``): a fact of no such kind leaves them false (a force majeure's notice excused on
        performance in full is not tested at every payment before the acceptance)."""
        kinds, track = frozenset(), True
        for (cond, text), guards in zip(inst.rule.excuses, inst.rule.excuse_guards):
            for reads, part in guards:
                if not part(env):
                    if reads is None:
                        track = False
                    else:
                        kinds |= reads
                    break
            else:
                self._excuse_skip.pop(id(inst), None)
                return text
        if track:
            self._excuse_skip[id(inst)] = kinds
        else:
            self._excuse_skip.pop(id(inst), None)
        return None

    def excuse(self, inst: Instance, text: str, moment: Moment, announce_trigger: bool = False,
               fact: Event | None = None, came: bool = True):
        inst.move(Status.EXCUSED)  # (``came``: the exception came to hold while the duty ran — when, and the fact it
        inst.because.append(Step("excused", {  # came with: a hardship notice one second before the deadline, contract
            # round 38 —; one that held as the duty arose may have held long before: no instant said — review 40)
            "text": text, **({"at": _cited(moment, fact is not None and fact.bare)} if came else {
                "arose": _cited(moment, _started_by_a_day(inst.bindings, inst.trigger_id, moment))}),
            **({"fact": fact} if fact else {})}))
        if announce_trigger:
            self.lifecycle(inst, "triggered", moment)
        self.lifecycle(inst, "excused", moment)

    def start_duty(self, inst: Instance, plan: ObligationPlan, env, moment: Moment):
        """A continuing duty (confidentiality): active until its end, breached by a matching event."""
        end = to_moment(plan.until(env))
        if plan.decl.deadline.forever:
            inst.because.append(_DUTY_WITHOUT_END)
        elif end is None:  # (not known yet — `until first(takeover).at` —: tried again as facts come, ``retry_due_by``)
            inst.because.append(_DUTY_END_OPEN)
            self.wait_for_value((inst, plan), plan.until_deps, plan.until_keys, env, self._until_keyed,
                                self._until_unknown)
        else:
            inst.deadline = Deadline(moment, Period(0, Unit.DAYS), Counting.TERM, end.day, end.at,
                                     (Step("duty_until", {"until": end}),))
            inst.because.extend(inst.deadline.steps)
            self.push(max(end.at, self.now), PHASE_DEADLINE, "due", inst)
        inst.move(Status.ACTIVE)
        self.lifecycle(inst, "triggered", moment)
        self.wait_excuse(inst, plan, env)  # (an exception that comes to apply while it runs ends it: excused)
        if plan.violated_by is not None:
            self.waiting_breach.setdefault(plan.violated_by.sources[0][0], []).append(inst)
            for cand in self.candidates_for(Way(plan.violated_by, None, False, None, False), env, everything=False):
                if self.breach(inst, cand):  # a breach at the very instant the duty arose
                    self.waiting_breach[plan.violated_by.sources[0][0]].remove(inst)
                    break

    def wait_excuse(self, inst: Instance, plan, env: Env):
        """A running duty (one with a deadline, or a continuing one) waits for an exception of its clause that may
        come to apply while it runs."""
        if plan.excuse_deps:
            self.waiting_excuse.append(inst)
        for way, text, retro in plan.excuse_ways:
            attr, key = (way.key[0], way.key[1](env)) if way.key else (None, None)
            self.waiting_excuse_ways.setdefault(way.type, {}).setdefault(attr, {}).setdefault(key, []).append(
                (inst, way, text, retro))

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
        if inst.rule.caveats:
            self.say_caveats(inst)
        self.lifecycle(inst, "violated", e.moment)
        return True

    def candidates_for(self, way: Way, env: Env, everything: bool, lazy: bool = False) -> list[Event]:
        """Facts already seen that could perform a new duty, oldest first: with `counting earlier`
        all of them (from `since` on, if given), else only those of the current instant.  ``lazy``: those of a
        day given by the day alone as they are read (for a caller that stops at the first that fits: an
        `unless` window — all of one day's, made into a list for each window, were n² on a day's batch)."""
        if everything:
            pool = self._earlier_pool(way, env)
        elif way.key:
            attr, fn = way.key
            pool = self.index[(way.type, attr)].get(fn(env), ())
        else:
            pool = self.history.get(way.type, ())
        if not pool:
            return []
        late = way.type in self._late_types  # (the pool is not in time order: no bisecting it)
        if not everything:
            since = self.now
            if pool[-1].moment.at < since and way.type not in self._bare_types and not late:
                return []  # nothing of this instant (the usual case)
        elif way.since is not None:
            start = to_moment(way.since(env))
            if start is None:
                return list(pool)
            since = start.at
        else:
            return list(pool)
        # the pool is in processing order, which is time order (but for a kind some event of which was
        # recorded after a later one: ``_late_types``); a fact given by its day alone happened some time
        # that day: it is not "before" anything else of that day
        if way.type not in self._bare_types:
            if late:
                return self._time.since(pool, since)
            return pool[first_at_or_after(pool, since):]
        local = since.astimezone(CONTRACT_TZ)
        day_start = local.replace(hour=0, minute=0, second=0, microsecond=0)
        if late:
            return [c for c in self._time.since(pool, day_start) if c.moment.at >= since or c.bare]
        if lazy:
            return (c for c in itertools.islice(pool, first_at_or_after(pool, day_start), None)
                    if c.moment.at >= since or c.bare)
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
        now, at = self.now, e.moment.at
        for pool in pools:
            aside = self._aside.get(id(pool)) if self._aside else None
            entries = list(pool)
            if aside is not None:
                extra = self._aside_for(aside, e)
                if extra:  # (each in its place in line, as if it had stayed there)
                    entries = sorted(entries + extra, key=_place_in_line)
            moved = None
            for entry in entries:
                inst, way = entry[0], entry[1]
                if inst.fulfilled is not None or inst.status not in _MAY_PERFORM:
                    self._let_go(pool, aside, entry)
                    continue
                if len(entry) > 3:  # (a duty filed with an instant after which only its reference performs it)
                    if now > entry[3] and (aside is None or entry[2] not in aside[1]):
                        if aside is None:
                            aside = self._aside[id(pool)] = [{}, {}, [], set()]
                        self._put_aside(aside, entry)
                        moved = moved or set()
                        moved.add(entry[2])
                    if at > entry[3] and self.p.key_reader(way.retire[0])(e) != entry[4]:
                        continue  # (later than that instant and naming another fact: the where-clause is false)
                if way.exclusive and e.id in self.consumed.get(inst.rule.decl.name, ()):
                    continue  # this fact already performed another duty of the clause
                if self.one(way.pattern, inst.bindings, e) is not None:
                    self._let_go(pool, aside, entry)
                    self.fulfil(inst, e, e.moment, way=way)
            if moved:  # (those filed aside leave the list in one pass)
                pool[:] = [x for x in pool if x[2] not in moved]

    def _entry(self, inst: Instance, way: Way, env) -> tuple:
        """What files a duty waiting on ``way``: (duty, way, place in line), and, for a way whose where-clause
        holds after an instant only for a fact naming a bound one (``Way.retire``; its constant parts false),
        that instant and the reference's value."""
        self._filed += 1
        retire = way.retire
        if retire is not None:
            x = env.b.get(retire[3])
            if type(x) is Event and not any(g(env) for g in retire[2]):
                ref = retire[1](env)
                if ref is not None:
                    return inst, way, self._filed, x.moment.at, ref
        return inst, way, self._filed

    def _put_aside(self, aside: list, entry: tuple):
        """File a duty aside: by its reference's value, and among all those aside by its instant."""
        by_ref, every, instants, attrs = aside
        key = (entry[1].retire[0], entry[4])
        attrs.add(key[0])
        by_ref.setdefault(key, {})[entry[2]] = entry
        every[entry[2]] = entry
        bisect.insort(instants, (entry[3], entry[2]))  # (let go of lazily: what ``every`` no longer holds)

    def _aside_for(self, aside: list, e: Event) -> list:
        """The duties filed aside that ``e`` may perform: those its references name, and those whose instant it is
        dated no later than (a fact known by its day, recorded late) — each once."""
        by_ref, every, instants, attrs = aside
        at = e.moment.at
        out = {}
        if instants and at <= instants[-1][0]:
            for _, seq in instants[bisect.bisect_left(instants, (at, -1)):]:
                if seq in every:
                    out[seq] = every[seq]
        for a in attrs:
            found = by_ref.get((a, self.p.key_reader(a)(e)))
            if found:
                out.update(found)
        return list(out.values())

    def _let_go(self, pool: list, aside: list | None, entry: tuple):
        """A duty no longer waiting on this way: out of its list, or out of those filed aside."""
        if aside is not None and entry[2] in aside[1]:
            del aside[1][entry[2]]
            found = aside[0].get((entry[1].retire[0], entry[4]))
            if found is not None:
                found.pop(entry[2], None)
        else:
            pool.remove(entry)

    def fulfil(self, inst: Instance, e: Event | None, moment: Moment, earlier: bool = False, way: Way | None = None):
        name = inst.rule.decl.name
        d = inst.deadline
        if d is None and inst.status is Status.UNDETERMINED:  # (its deadline not known yet: when the condition held
            self._met_early.setdefault(inst, (e, moment))  # is kept, to be judged once it is — ``retry_due_by``)
            self.waiting_cond.pop(inst, None)
            return
        why = None  # (whether the act came in time cannot be told: why not)
        if inst.status is Status.ACTIVE:
            if e is not None and e.bare and (d.inclusive or d.open_end) and not d.provisional and \
                    Moment.of(d.earliest or d.due).day <= moment.day <= Moment.of(d.due).day:
                # an hours period ending on the day the fact gives by its day alone: it cannot be told
                # whether the act came within the hours (on a later day it came after them: late)
                why = Step("undetermined_named_day" if "__named_day__" in e.attrs else "undetermined_bare_day",
                           {"fact": e, "due": _bound_in_doubt(d, moment)})
            elif d.earliest is not None and d.earliest < moment.at <= d.due and inst.window is not None:
                # (two triggers, the first of unknown time: an act between the two ends — ``after_unknown_time``)
                first = Moment.of(d.earliest)
                if d.last_day is not None and first.is_start_of_day():  # (a period of days: the 24:00 it ends at)
                    first = Moment.end_of_day(first.day - timedelta(days=1))
                why = Step("undetermined_unknown_first", {"fact": e or moment, "earliest": first, "latest": d.end()})
            elif d.earliest is not None and d.earliest < moment.at and (moment.at < d.due if d.open_end
                                                                        else moment.at <= d.due):
                # hours from a fact given by its day alone, and an act after the earliest end, before the latest
                start = _trigger_fact(inst.bindings, inst.trigger_id)
                why = Step("undetermined_day_deadline", {"fact": e or moment, "day": d.last_day,
                                                         "earliest": Moment.of(d.earliest)}) \
                    if d.last_day is not None else \
                    Step("undetermined_named_day_start" if start is not None and "__named_day__" in start.attrs
                         else "undetermined_bare_start", {"fact": e or moment, "earliest": Moment.of(d.earliest),
                                                          "latest": d.end()})
        if why is not None:
            self.mark_undetermined(inst)
            inst.fulfilled, inst.fulfilled_by, inst.fulfilled_bare = moment, e.id if e else None, e is not None and e.bare
            if e is not None and way is not None and way.exclusive:
                self.consumed.setdefault(name, set()).add(e.id)
            inst.because.append(why)
            return
        late = _late(d, moment)
        if inst.status is Status.ACTIVE and late:
            self.on_due(inst)  # performed, but only after its period ended
            if inst.status is Status.EXCUSED:
                return
        if inst.status is Status.VIOLATED and e is not None and inst.fulfilled is None and not late \
                and any(x.code == "violated" for x in inst.because):
            self.withdraw_violation(inst, e, moment, way)
            return
        if e is not None and way is not None and way.exclusive:
            consumed = self.consumed.get(name)
            if consumed is None:
                self.consumed[name] = {e.id}
            else:
                consumed.add(e.id)
        self.waiting_cond.pop(inst, None)
        if inst.fulfilled is not None:
            return
        inst.fulfilled, inst.fulfilled_by, inst.fulfilled_bare = moment, e.id if e else None, e is not None and e.bare
        if inst.status is Status.UNDETERMINED:
            if d.provisional is None:  # (undetermined not for a calendar but for an earlier act whose instant the
                # contract does not fix: this act is said against the due instant, no calendar is waited for — counsel16)
                inst.because.append(Step("performed_after_undetermined", {"fact": e or moment, "due": d.end(),
                                                                          "late": _late(d, moment)}))
            else:
                inst.because.append(Step("performed_calendar_unknown", {"fact": e or moment, "year": d.provisional}))
            return
        if inst.status is Status.VIOLATED:
            inst.because.append(Step("performed_late", {"fact": e, "due": d.end()}) if e else
                                Step("performed_late_by_condition", {"at": moment, "due": d.end()}))
            self.lifecycle(inst, "performed_late", moment, by=e)
            return
        inst.move(Status.FULFILLED)
        why = None if e else self.fulfil_why(inst)
        if e is None and _day_alone_before(why, moment) is not None:  # (a payment of that day alone among what the
            inst.fulfilled_bare = True  # condition counts: met that day, no earlier than ``moment`` — not at it; counsel 41)
        inst.because.append(  # (at the due instant itself only an event of 24:00 of the last day: "不晚于")
            Step("fulfilled", {"fact": e, "due": d.end(), "inclusive": d.inclusive or moment.at == d.due,
                               "earlier": earlier}) if e else
            Step("fulfilled_by_condition", {"at": _cited(moment, inst.fulfilled_bare), "due": d.end(),
                                            "inclusive": d.inclusive or moment.at == d.due,
                                            "condition": inst.rule.fulfil_text, "why": why}))
        self.lifecycle(inst, "fulfilled", moment, by=e)

    def settle_rows(self, e: Event, rows: list | None = None) -> bool:
        """`settled by PAID p where …`: the rows (of the remedies waiting on ``e``'s kind, or ``rows``) that ``e`` pays —
        arisen by then, still held — are settled: no longer claimable, their amount counted to that instant."""
        done = False
        if rows is not None:
            pools = [rows]
        else:  # (the rows under the fact's key, and those without one: not every row of the remedy — a reviewer)
            pools = []
            for attrs, by_key in self._settle.get(e.type, {}).items():
                k = None if attrs is None else self.p.key_reader(attrs)(e)
                if attrs is not None and _unknown_key(k):
                    continue
                pool = by_key.get(k)
                if pool:
                    pools.append(pool)
        for pool in pools:
            kept = []
            for r in pool:
                if r.status not in ("held", "undetermined"):
                    continue
                if e.moment.at < r.since.at or self.one(r.plan.settled, r.bindings or {}, e) is None:
                    kept.append(r)
                    continue
                r.status, r.settled_at = "settled", e.moment
                r.because.append(Step("settled_by", {"fact": e}))
                done = True
            if rows is None:
                pool[:] = kept
        return done

    def withdraw_violation(self, inst: Instance, e: Event, moment: Moment, way: Way | None):
        """A duty found violated when its period ended, performed — we learn later — within it: an event the
        contract deems to have happened at an earlier instant (the builder's 竣工日期: the day of the application,
        known once acceptance passes — 施工合同解释(一) 第9条).  It was performed in time: the violation is withdrawn,
        and the rights that arose from it (damages, a power) with it.  (What else the violation set off at the time
        — an event deemed at it — stays done: a limit stated in docs/language.md.)"""
        name = inst.rule.decl.name
        if way is not None and way.exclusive:
            self.consumed.setdefault(name, set()).add(e.id)
        self.waiting_cond.pop(inst, None)
        d = inst.deadline
        inst.fulfilled, inst.fulfilled_by, inst.fulfilled_bare = moment, e.id, e.bare
        inst.move(Status.FULFILLED)
        found = next(x for x in inst.because if x.code == "violated")
        inst.because = [x for x in inst.because if x is not found and x.code != "caveat"] + [
            Step("fulfilled", {"fact": e, "due": d.end(), "inclusive": d.inclusive, "earlier": False}),
            Step("violation_withdrawn", {"fact": e, "at": moment, "due": d.end()})]
        for r in self.resting_on(inst):
            if r.status in _WITHDRAWABLE:
                self.lapse(r, "withdrawn")  # (不成立: it never arose, rather than lapsed)
                r.because.append(Step("violation_withdrawn_remedy", {"duty": TypeRef(name), "fact": e, "at": moment,
                                                                     "due": d.end()}))
        self.lifecycle(inst, "fulfilled", moment, by=e)

    def on_due(self, inst: Instance, after_events: bool = False):
        """A duty's deadline has passed: kept (continuing), excused, undetermined, or violated.  A duty
        with an exception is decided only after the events deemed for this same instant (an
        acceptance deemed at the 24:00 its 30 days end excuses the duty to organize one)."""
        if inst.status is not Status.ACTIVE:
            if inst.status is Status.UNDETERMINED and inst.fulfilled_bare and "violated" in inst.rule.in_doubt:
                self.late_in_doubt(inst)
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
            at = Moment.of(self.now)  # (tested at the arising of a duty a fact of its day alone set off, already
            # late: that day, not its 0时 — counsel round 37)
            if self.now == inst.triggered.at and at.is_start_of_day() and _started_by_a_day(inst.bindings,
                                                                                            inst.trigger_id, at):
                at = DayOnly.in_contract_time(at.local())
            for _, text in rule.excuses:  # considered, and why it does not help
                inst.because.append(Step("not_excused", {"text": text, "at": at}))
        elif d.last_day is not None and (rule.ways or rule.fulfil_when is not None) and not after_events \
                and self.phase == PHASE_DEADLINE and self.derived_pending():
            # (an event deemed at 24:00 of the last day — a guarantee lapsing at the end of its last valid day —
            # belongs to that day, §9: the duty is decided once this instant's derived events have happened; only
            # where one is waiting: a duty decided later than the others of its instant would come after the events
            # its own violation deems, which another duty's exception reads — a deemed acceptance)
            self.push(self.now, PHASE_EVENT, "due_after_events", inst)
            return
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
        if inst.tentative is not None:  # (an act of the trigger's day alone, perhaps before it, and none since that
            self.undetermined_by_tentative(inst)  # surely performs)
            return
        if inst.deadline.provisional:  # not performed by the earliest possible end: only the calendar can tell
            self.mark_undetermined(inst)
            inst.because.append(Step("undetermined_provisional", {"due": inst.deadline.end(),
                                                                  "year": inst.deadline.provisional}))
            if "violated" in rule.in_doubt:  # (what its breach sets off — damages by the day from the earliest end —
                # is as undetermined as the breach, not absent: contract round 41, a retention due in a year no
                # calendar knows)
                self.lifecycle(inst, "violated", inst.deadline.end(), doubt=frozenset((rule.decl.name,)))
            return
        inst.move(Status.VIOLATED)
        if rule.ways:
            self.say_what_was_not_taken(inst)
        ways = rule.way_refs
        end = d.end()
        inst.because.append(_new_step(("violated", {"type": ways[0] if ways else None,
                                                    "or_types": list(ways) if len(ways) > 1 else None,
                                                    "due": end, "inclusive": d.inclusive,
                                                    "condition": None if ways else rule.fulfil_text,
                                                    "why": None if ways else self.fulfil_why(inst)}, 0)))
        if rule.caveats:
            self.say_caveats(inst)
        if "violated" in rule.announced:
            self.lifecycle(inst, "violated", end)

    def late_in_doubt(self, inst: Instance):
        """A duty performed by a fact known by its day alone on the day its deadline falls within (a delivery recorded
        "2026-03-03" against 06:30 that day): undetermined — and, the deadline passed, what its breach sets off (¥200.00
        for a late delivery) is as undetermined as the breach, not absent (docs §4.8; contract round 43)."""
        d = inst.deadline
        if d is None or self.now < d.due or id(inst) in self._late_in_doubt or not any(
                x.code in ("undetermined_bare_day", "undetermined_named_day") for x in inst.because):
            return
        self._late_in_doubt.add(id(inst))
        self.lifecycle(inst, "violated", d.end(), doubt=frozenset((inst.rule.decl.name,)))

    def say_caveats(self, inst: Instance):
        """`caveat if COND "…"`: a breach beside which the contract leaves something to be judged (8.4: a certified force
        majeure of the debtor, 允许延期履行) says so, its status unchanged (counsel, rounds 15, 29, 30)."""
        env = Env(inst.bindings, self, self.now)
        inst.because = [x for x in inst.because if x.code != "caveat"]  # (a breach found again says it once)
        outer = self.current_rule, self.current_b
        self.current_rule, self.current_b = inst.rule.decl, inst.bindings  # (an error in a condition names the duty's
        for cond, text in inst.rule.caveats:  # facts, as an `excused if` does: fuzz round 30 — it stops the replay
            if cond(env):
                inst.because.append(Step("caveat", {"clause": inst.rule.decl.clause, "text": text}))
        self.current_rule, self.current_b = outer

    def say_what_was_not_taken(self, inst: Instance, most: int = 3):
        """The facts of a kind that performs a duty, seen between its trigger and its due instant, that
        did not perform it — and why: already used for another duty of the clause (`exclusively`), or
        not the fact the clause asks for (another reference, another amount…). The latest few only."""
        start, due = inst.triggered.at, inst.deadline.due
        for way in inst.rule.ways:
            pool = self.history.get(way.type)
            if not pool:
                continue
            if way.type in self._late_types:  # (not in time order: found through its events' order in time)
                seen = self._time.latest_between(pool, start, due, most)
            else:
                hi = first_at_or_after(pool, due)
                seen = pool[max(first_at_or_after(pool, start), hi - most):hi] if hi else ()
            used = self.consumed.get(inst.rule.decl.name, ()) if way.exclusive else ()
            for cand in seen:
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

    def lifecycle(self, inst: Instance, phase: str, moment: Moment, by: Event | None = None, doubt: frozenset = None):
        """Announce a stage of an obligation as an event other rules can react to; ``doubt``: the stage may not have
        happened (the duties whose undetermined verdicts it rests on): what it sets off is undetermined too."""
        if phase not in inst.rule.announced:  # (no rule reads that stage)
            return
        etype = inst.rule.stages[phase]
        attrs = dict(inst.bindings)
        # (`triggered_at`: the instant with the day it counts as — a duty set off at 24:00 of D, by an event deemed then,
        # arose on D, and a period counted after it starts the next day: user round 23)
        attrs.update(due=_due_value(inst.deadline), triggered_at=inst.triggered,
                     trigger=inst.trigger_id, debtor=inst.debtor, creditor=inst.creditor, by=by,
                     fulfilled_at=inst.fulfilled.at if inst.fulfilled else None, __instance__=inst)
        if doubt:
            attrs["__doubt__"] = doubt
        because = tuple(inst.because)
        # (performed by a fact known by its day alone, at it: the stage too is of that day alone, as an event deemed at
        # such a fact is — not its 0时: counsel round 37)
        bare = by is not None and by.bare and by.moment.at == moment.at
        self.occur(Event(f"{inst.rule.decl.name}#{inst.number}.{phase}", etype, moment, attrs, because=because,
                         bare=bare))

    @staticmethod
    def below_cent(plan: RemedyPlan, env):
        """A one-off amount that rounds to ¥0.00: what it is before rounding where that is above nothing (¥0.004, owed:
        `each at least` lifts it), else None."""
        try:
            exact = plan.amount_exact(env)
        except (ArithmeticError, TypeError, ValueError):
            return None
        return exact if isinstance(exact, Decimal) and exact > 0 else None

    def hour_decides_amount(self, plan: RemedyPlan, b, amount, because):
        """A one-off amount reading the instant of a fact known by its day alone (a car returned "2026-06-29": the days
        of rent begun run to some hour of that day), or `ended` where the contract ended by a notice of its day alone:
        worked out again with each such instant at the first and at the last instant of its day (every combination of
        them: two facts of their days alone are a range of lengths — review round 45); where they differ, the amount is
        not known — its least and most said (step `amount_hour_unknown`), as an amount by the hour of such a fact is
        (accrued_hours_range) — contract round 42."""
        moves, facts = [], []  # (how to move one instant to its day's last)
        for path in sorted(plan.amount_instants):
            ev = _along(b, path)
            if type(ev) is Event and ev.bare and ev not in facts:
                facts.append(ev)
                moves.append(("fact", path, dataclasses.replace(ev, moment=_last_instant(ev.moment.day), bare=False)))
        by = self.ended_by
        if plan.amount_reads_end and self.ended is not None and by is not None and by.bare \
                and self.ended.at == Moment.start_of_day(self.ended.day).at:
            facts.append(by)
            moves.append(("end", None, _last_instant(self.ended.day)))
        if not facts or len(moves) > 4:  # (more than four such instants in one amount: left as the first reading)
            return amount, because
        values = [amount]
        for chosen in itertools.product((False, True), repeat=len(moves)):
            if not any(chosen):
                continue
            late, st = b, self
            for (kind, path, moved), take in zip(moves, chosen):
                if take and kind == "fact":
                    late = _moved(late, path, moved)
                elif take:
                    st = _EndedLater(self, moved)
            try:
                values.append(plan.amount(Env(late, st, self.now)))
            except (ArithmeticError, TypeError, ValueError):
                values.append(None)
        if all(v == amount for v in values):
            return amount, because
        known = [v for v in values if isinstance(v, Decimal)]
        low, high = (min(known), max(known)) if len(known) == len(values) else (None, None)
        said = {"facts": facts, "day": facts[0].moment.day, "text": plan.amount_text,
                "least": Quantity(low, _kind(plan.amount_kind)) if low is not None else None,
                "most": Quantity(high, _kind(plan.amount_kind)) if high is not None else None}
        if low is None and all(type(v) is str for v in values):  # (a rating: the words it may be, each once)
            said["values"] = list(dict.fromkeys(values))
        return None, because + [Step("amount_hour_unknown", said)]

    @staticmethod
    def bound_range(because: list, row_cap, row_floor):
        """An amount the hour of a fact of its day alone leaves between two figures, under `each at most` / `each at
        least`: the figures bounded so; where they meet, the amount is known (review round 45)."""
        step = because[-1]
        least, most = step.args.get("least"), step.args.get("most")
        if least is None or most is None:
            return None, because

        def bounded(v):
            if isinstance(row_floor, Decimal) and v < row_floor and v > 0:
                v = row_floor
            if isinstance(row_cap, Decimal) and v > row_cap:
                v = row_cap
            return v
        low, high = bounded(least.value), bounded(most.value)
        if low == high:
            return low, because
        step = Step(step.code, {**step.args, "least": Quantity(low, least.kind), "most": Quantity(high, most.kind)})
        return None, because[:-1] + [step]

    def grant_remedy(self, plan: RemedyPlan, b, moment, trigger_id, because):
        gone = self._gone.get(plan.decl.name)
        if gone is not None and self._gone_by_rows.get(plan.decl.name) != (moment.at, moment.day):  # (`lapses when`
            # held already:
            return  # the remedy is no more — but where what its own rows came to at this instant made it hold
            # (`accrued(r) >= ¥1.00`), the other rows of the instant arise, and lapse with it: facts of one instant
            # happen together, whichever row was made first — the fuzzer, round 37; a fact of the instant that made
            # it hold comes first, and no row arises then — tests/test_lapses_when.py)
        env = Env(b, self, self.now)
        amount = plan.amount(env) if plan.amount else None
        if isinstance(amount, (Decimal, str)) and (plan.amount_instants or plan.amount_reads_end):  # (money, points or
            # a rating — 按时 / 逾期 against an hour of the day: review round 45)
            amount, because = self.hour_decides_amount(plan, b, amount, because)
        if isinstance(amount, Decimal) and amount < 0:  # (a computation the facts drove below zero: said, not hidden)
            self.findings.append(Finding("negative_amount", "warning", plan.decl.clause, None, moment.at, [],
                                         {"name": TypeRef(plan.decl.name), "trigger": _cited_trigger(b.values(), trigger_id),
                                          # (as an amount: a negative JSON number read whole, -1, is -¥1.00)
                                          "amount": Quantity(amount, _kind(plan.amount_kind))}))
        if amount is None and plan.amount is not None and not plan.decl.recomputed and not (
                because and because[-1].code == "amount_hour_unknown"):  # (a value it reads is not known: said, not a
            # bare null; a row recomputed daily says its amounts as they come; one the hour decides said so already)
            because = because + [Step("amount_unknown", {"text": plan.amount_text})]
        elif plan.terms and amount is not None:  # how the amount was computed: the values it read
            because = because + [Step("computed", {
                "what": "amount", "text": plan.amount_text,
                "terms": [{"text": t, "value": Quantity(_as_read(fn(env), b, plan), _kind(kind))}
                          for t, kind, fn in plan.terms],
                "value": Quantity(amount, _kind(plan.amount_kind)),
                "per_day": plan.decl.per_day, **_PER_HOUR[plan.decl.per_hour], "assumption": plan.per_day_by, "assumption_label": plan.per_day_by_label})]
        elif plan.base is not None and amount is not None:  # how the amount was computed
            base = plan.base(env)
            because = because + [Step("amount", {"formula": plan.formula or plan.decl.amount.text, "base": money(base),
                                                 # (an amount of a day exact: its total rounded once)
                                                 "amount": amount if plan.decl.accrues else money(amount),
                                                 "per_day": plan.decl.per_day, **_PER_HOUR[plan.decl.per_hour],
                                                 "assumption": plan.per_day_by, "assumption_label": plan.per_day_by_label})]
        instance = None
        for ev in b.values():
            if isinstance(ev, Event) and ev.because:
                because = because + nested(ev.because)
            if isinstance(ev, Event) and "__instance__" in ev.attrs:
                instance = ev.attrs["__instance__"]
        status = "held"
        if self._doubt:
            status = "undetermined"
            because = because + [self.doubt_step("remedy_doubt", moment)]
        if plan.caveats:  # (`caveat if` of the remedy itself: what the contract leaves to be judged beside this right —
            # 2.1(3)'s deduction for an interruption and 8.4's force majeure: counsel round 32)
            said = [Step("caveat", {"clause": plan.decl.clause, "text": text}) for cond, text in plan.caveats if cond(env)]
            if said:
                because = because + said
        ranged = amount is None and because and because[-1].code == "amount_hour_unknown"
        row_cap = plan.row_cap(env) if plan.row_cap is not None and (amount is not None or ranged) else None
        row_floor = plan.row_floor(env) if plan.row_floor is not None and (amount is not None or ranged) else None
        if ranged and (row_cap is not None or row_floor is not None):
            amount, because = self.bound_range(because, row_cap, row_floor)
        below_cent = self.below_cent(plan, env) if row_floor is not None and amount == 0 and \
            plan.amount_exact is not None and not plan.decl.accrues else None
        if isinstance(row_cap, Decimal) and row_cap < 0 and not (isinstance(amount, Decimal) and amount < 0):
            # (`each at most ¥0.00 - price`: a cap below zero makes the row below zero — said, as the amount's own is)
            self.findings.append(Finding("negative_amount", "warning", plan.decl.clause, None, moment.at, [],
                                         {"name": TypeRef(plan.decl.name), "trigger": _cited_trigger(b.values(), trigger_id), "amount": row_cap}))
        day_alone = _started_by_a_day(b, trigger_id, moment)  # (worked out once for the rows of all holders)
        once_key = self.once_key(plan, b) if plan.once and len(plan.once) > 1 else None
        for holder in plan.holders:  # (each row its own list of reasons: a lapse said of one is not said twice in both
            # — counsel: 8.4's power held by both parties)
            assumed = self.p.row_assumptions(plan.decl.name, b) if plan.decl.name in self.p.line_assumptions else None
            if instance is not None and instance.rule.decl.name in self.p.line_assumptions:  # (as its duty's row)
                assumed = self.p.resting_assumptions(plan.decl.name, self.p.assumptions.get(plan.decl.name, [])
                                                     if assumed is None else assumed, instance)
            r = Remedy(plan, holder(env), moment, amount, trigger_id, list(because), instance, status, row_cap=row_cap,
                       row_floor=row_floor, below_cent=below_cent,
                       since_bare=plan.decl.per_hour and day_alone, assumed=assumed, once_key=once_key,
                       day_alone=day_alone)
            if gone is not None and status == "held":
                r.status, r.lapsed_at = "lapsed", gone.args["at"]
                r.because.append(gone)
                self.amount_goes_with_power(r, gone.args["at"])
            self.remedies.append(r)
            if instance is not None:  # (what rests on a duty's breach, found by the duty: a breach withdrawn takes it)
                self._resting.setdefault(id(instance), []).append(r)
            self._rows_by_name.setdefault(plan.decl.name, []).append(r)
            self._rows_by_trigger.setdefault((plan.decl.name, trigger_id), []).append(r)
            if status in _LIVE_ROW:
                self._live_rows.setdefault(plan.decl.name, []).append(r)
            if status == "held" and (plan.decl.name in self.p.powers or plan.decl.name in self.p.accel_powers
                                     and plan.exercise is not None):  # (a right to accelerate: its agreed period alone)
                self.arm_power_lapse(r, env)
            if status == "held" and self.p.alternatives.get(plan.decl.name):
                self.taken_instead(r)
            if plan.settled is not None:  # (waits for the fact that pays it, under its key: one of this instant may)
                r.bindings = b
                etype = plan.settled.sources[0][0]
                attrs, k = (None, None) if plan.settle_key is None else \
                    (plan.settle_key[0], plan.settle_key[1](Env(b, self, self.now)))
                if attrs is None or not _unknown_key(k):
                    self._settle.setdefault(etype, {}).setdefault(attrs, {}).setdefault(k, []).append(r)
                for cand in self.candidates_for(Way(plan.settled, None, False, None, False), env, everything=False):
                    if self.settle_rows(cand, [r]):
                        break
            if plan.decl.recomputed and (amount is not None or not plan.decl.per_day):
                r.bindings, r.changes = b, [(moment, amount)]
                if ranged and amount is None:  # (its first amount the hour left unknown: its range kept beside it)
                    r.hour_ranges = {0: because[-1]}
                self.file_by_key(r, plan.reads, plan.read_keys, Env(b, self, self.now), self.recompute_keyed,
                                 self.recomputing)
            if plan.row_lapse is not None and r.status == "held":  # (`lapses when` of the row's own: tested now, then
                r.bindings = b  # at each event of a kind it reads — ``row_lapses``)
                if not self.row_lapses_now(r, moment, trigger_id):
                    self.file_by_key(r, plan.row_lapse[2], plan.row_lapse[4], Env(b, self, self.now),
                                     self._row_lapses_keyed, self._row_lapses)
        watched = ACCRUED + plan.decl.name  # (a `when` or `lapses when` reading its total: tested again now)
        if self.pending_when and watched in self.p.when_types:
            self.reconsider_when({watched}, ())
            if plan.decl.name in self._gone and plan.decl.name not in self._gone_by_rows:  # (gone by what its own rows
                # came to, at this instant — and of this day: 24:00 of a day before 00:00 of the next, fuzz 38)
                self._gone_by_rows[plan.decl.name] = (moment.at, moment.day)  # (``grant_remedy``)
        if watched in self._row_lapses:  # (and a row's own `lapses when` reading it)
            self.row_lapses_of((watched,), moment, trigger_id)

    def deem(self, plan: DeemedPlan, b, moment, trigger_id, because: list[Step]):
        env = Env(b, self, self.now)
        for cond, at_fn, said, on_a_day in plan.cases:
            if cond is None or cond(env):
                raw = at_fn(env) if at_fn is not None else moment  # (no `at`: the instant its `when` first held)
                at = to_moment(raw)
                if at is None:
                    continue
                first = None  # the deemed event carries the attributes of its (first) fact
                for v in b.values():
                    if type(v) is Event:
                        first = v
                        break
                attrs = _deemed_attrs(first, trigger_id, moment)
                if self._doubt:
                    attrs["__doubt__"] = self._doubt
                    because.append(Step("deemed_rests_on_doubt", {"doubts": refs(self._doubt)}))
                if at.at < self.now:  # (deemed at an instant already passed: told late — 竣工日期 known at acceptance)
                    attrs["__told_at__"] = self.now
                if on_a_day:  # (its hour is not to be had: the contract fixes the day alone — nothing to record)
                    attrs["__named_day__"] = True
                if said:
                    because.append(said)
                # deemed at a day alone: the fact's own instant given as a bare date, or a datetime attribute
                # given so (10.3.1: "the day the receiver signs", signed_at "2026-04-10"), or a day the contract
                # names (10.3.3: "发出后第3日" — that day, at no hour it fixes) — never 00:00 of it
                bare = on_a_day or type(raw) is DayOnly or first is not None and (
                    (first.bare and at is first.moment) or read_day_only(raw, first))
                if type(at) is DayOnly:  # (its day alone, no earlier than an instant of it: the receipt dated the
                    # day a notice was sent at 11:00 — `latest(n, n.signed_at)`; the event is at that earliest instant)
                    at = Moment.in_contract_time(at.local())
                if not bare:
                    because.append(Step("deemed_at", {"at": at}))
                elif on_a_day or at.is_start_of_day():
                    because.append(Step("deemed_on_named_day" if on_a_day else "deemed_on_day", {"day": at.day}))
                else:
                    because.append(Step("deemed_on_day_not_before", {"day": at.day, "not_before": at}))
                if first is not None and first.because:
                    because += nested(first.because)
                name = plan.decl.name
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
                attrs = _deemed_attrs(first, trigger_id, moment)
                name = plan.decl.name
                e = Event(f"{name}:{trigger_id}", name, moment, attrs, 0, None, tuple(because))
                for attr in self.p.way_keys.get(name, (None,)):  # kept under each key a duty looks it up by
                    key = None if attr is None else self.p.key_reader(attr)(e)
                    self.unknown_times.setdefault((name, attr), {}).setdefault(key, []).append(e)
                self.trigger_unknown_time(e)

    def trigger_unknown_time(self, e: Event):
        """An event that happened at an instant the contract does not fix (a notice by express outside the city, no
        receipt): a duty it would set off — 8.2's 5 days from 甲方's notice — is undetermined, not untriggered; the
        lines of obligations that read its kind are matched with it as of its earliest instant (the source's), and
        each duty they set off is undetermined (``start_obligation``: ``undetermined_trigger_time``).  (A duty it
        performs is undetermined too: ``on_due``.)  Counsel, round 16."""
        entries = [x for x in self.p.by_type.get(e.type, ()) if type(x[0]) is ObligationPlan]
        if not entries:
            return
        e.attrs["__doubt__"] = frozenset((e.type,))
        e.attrs["__unknown_time__"] = True
        self._unknown_doubts = True
        for plan, trig, b, moment, trigger_id in Evaluation.matched(self, e, {e.type: entries}):
            self.fire(plan, trig, b, moment, trigger_id)

    # ------------------------------------------------------------------ unless … within …
    def arm_unless(self, plan, trig: TriggerPlan, b, moment, trigger_id):
        env = Env(b, self, self.now)
        length = trig.unless_duration(env)
        if length is None:  # (`within (s.days) days` of a fact without it: the window cannot be counted — said, as a
            # duty of such a length is undetermined; a reviewer, round 28)
            self.findings.append(Finding("window_unknown", "warning", plan.decl.clause, None, moment.at, [],
                                         {"name": TypeRef(plan.decl.name), "trigger": _cited_trigger(b.values(), trigger_id),
                                          "text": trig.unless_text}))
            return
        try:
            d = self.count(moment, length, trig.unless_counting)
        except CalendarYearUnknown as exc:
            self.unknown_year(exc, plan.decl)
            return
        utype = trig.unless.sources[0][0]
        # what cancels it may have happened at the very same instant (simultaneous facts), or on
        # this day when it gives its day alone
        for cand in self.candidates_for(trig.unless_way, env, everything=False, lazy=True):
            if self.one(trig.unless, b, cand) is not None:
                return
        attr, key = (trig.unless_key[0], trig.unless_key[1](env)) if trig.unless_key else (None, None)
        # it waits under its key (kept as a key, not the list: no reference cycle)
        pending = Pending(plan, trig, b, moment, trigger_id, d, (utype, attr, key), False, self._doubt)
        self.unless_pending.setdefault(utype, {}).setdefault(attr, {}).setdefault(key, []).append(pending)
        for v in b.values():  # (a window a duty's stage opened: found by the duty)
            if type(v) is Event and "__instance__" in v.attrs:
                self._resting.setdefault(id(v.attrs["__instance__"]), []).append(pending)
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

    def unless_met_late(self, e: Event):
        """An event the contract deems at an earlier instant, learnt of after an `unless … within` window it falls
        in ran out (the builder's 竣工日期, the day of the application, known once acceptance passes — 施工合同解释
        (一) 第9条): what did not follow did follow, in time — the rows the window's end made no longer hold."""
        at = e.moment.at
        for attr, by_key in self.unless_passed[e.type].items():
            passed = by_key.get(None if attr is None else self.p.key_reader(attr)(e))
            if not passed:
                continue
            # (in the order they ran out: those that ran out after ``at`` — few, for an event told a little late)
            for i in range(bisect.bisect_left(passed, at, key=_FIRST), len(passed)):
                due, p, rows = passed[i]
                if p is None:
                    continue
                d = p.deadline
                if at < p.moment.at or d.is_late(at) or self.one(p.trig.unless, p.b, e) is None:
                    continue
                passed[i] = (due, None, ())  # (met: not looked at again)
                said = Step("unless_met_late", {"fact": e, "at": e.moment, "due": d.end()})
                for r in rows:
                    if isinstance(r, Instance):  # a duty the window's end made: the exception the contract wrote applies
                        if r.status in (Status.ACTIVE, Status.SUSPENDED, Status.VIOLATED, Status.UNDETERMINED):
                            self.excuse_made_in_error(r, said)
                    elif r.status in _WITHDRAWABLE:
                        self.lapse(r, "withdrawn")
                        r.because.append(said)

    def on_unless_expired(self, p: "Pending"):
        if p.cancelled:
            return
        utype, attr, key = p.slot
        self.unless_pending[utype][attr][key].remove(p)
        trig, d = p.trig, p.deadline
        because = self.trigger_words(p.plan, trig, p.b, p.moment, p.trigger) + [
            Step("unless_expired", {"text": trig.unless_text, "type": TypeRef(trig.unless.sources[0][0]), "period": d.period,
                                    "assumption": trig.unless_assumption[0] if trig.unless_assumption else None,
                                    "reason": trig.unless_assumption[1] if trig.unless_assumption else None,
                                    "term": d.counting is Counting.TERM, "due": d.end()})] + _window(d.steps)
        if type(p.plan) is FindingPlan and self.ended is not None and d.end().at > self.ended.at \
                and p.moment.at <= self.ended.at:  # (armed while in force; one armed after the end is made as ever)
            return  # (what did not follow in time is no finding once the contract ended first: nothing had to follow —
            # an interruption the contract's end cut short before its five days, counsel and a reviewer)
        if self.first_time(p.plan, p.b):
            outer, self._doubt = self._doubt, p.doubt
            made = len(self.remedies)
            duties = self.instances.get(p.plan.decl.name) if type(p.plan) is ObligationPlan else None
            arisen = len(duties) if duties is not None else 0
            try:
                self.apply(p.plan, p.b, d.end(), p.trigger, because)
            finally:
                self._doubt = outer
            rows = self.remedies[made:] + (duties[arisen:] if duties is not None else [])
            if rows:  # (kept: an event deemed at an earlier instant may yet fall in the window)
                self.unless_passed.setdefault(utype, {}).setdefault(attr, {}).setdefault(key, []).append(
                    (d.due, p, rows))
        elif type(p.plan) is not FindingPlan and p.plan.decl.name in self.p.powers:  # (a further ground while the
            # power is held: kept for its lapse)
            self.wait_for_lapse(p.plan, p.b, d.end(), p.trigger, because, p.doubt)


# the end of a count said of a period in which something was awaited (`unless … within`: 8.3's "逾期超出15天", 2.1(3)'s
# "服务中断超5日") — its passing is no one's lateness: the period has run (counsel, round 24)
_WINDOW_ENDS = {"last_day_ends": "window_last_day_ends", "end_instant_included": "window_end_instant_included"}


def _window(steps) -> list:
    """A count's steps, its end said as the end of a period awaited, not as the first late instant of an act."""
    return [Step(_WINDOW_ENDS[s.code], s.args, s.depth) if type(s) is Step and s.code in _WINDOW_ENDS else s
            for s in steps]


def _deemed_attrs(first: Event | None, trigger_id, moment: Moment) -> dict:
    """A deemed event's attributes: those of the fact it is deemed from (``first``), its ``source`` (the id that set it
    off) and ``source_at`` (that fact's instant — when the notice deemed delivered was sent: a letter posted before the
    outage it names is no notice of it, whenever it is delivered); an instant the fact gave by its day alone stays so.
    Deemed by a `when` (no fact bound): the instant its condition came to hold, ``moment``."""
    if first is None:
        return {"source": trigger_id, "source_at": moment.at}
    attrs = dict(first.attrs)
    attrs.pop("__instance__", None)
    if _SOURCE_KIND not in attrs:  # (the kind of the fact it comes from, through events deemed from deemed events:
        attrs[_SOURCE_KIND] = first.type  # whose references it carries — ``_refers_to_trigger``, review round 42)
    attrs["source"] = trigger_id
    attrs["source_at"] = first.moment.at
    if first.bare:
        attrs[DAY_ONLY] = attrs.get(DAY_ONLY, frozenset()) | {"source_at"}
    elif "source_at" in attrs.get(DAY_ONLY, ()):  # (copied from the deemed event it was deemed from)
        attrs[DAY_ONLY] = attrs[DAY_ONLY] - {"source_at"} or None
        if attrs[DAY_ONLY] is None:
            del attrs[DAY_ONLY]
    return attrs


_SOURCE_KIND = "__source_kind__"  # (a deemed event's: the kind of the fact it was deemed from)
_NOT_YET = object()  # (``reconsider_cond``: not looked for yet)
_COMPLETED_BY = "\0completed_by"  # (a `when` duty's binding of the fact of its day alone that completed it)


class _Unknown:
    """What the rows of a capped remedy came to, some of them not known: at least ``least``, at most ``most`` (None: no
    bound known) — ``accrue``."""
    __slots__ = ("least", "most")

    def __init__(self, least, most):
        self.least, self.most = least, most


def _period_of(unit, start: Moment, first_day: date, until: Moment | None) -> tuple | None:
    """The period of a recurring duty (`every UNIT p from START until UNTIL`) that begins on ``first_day``: (the
    period — None where it has no time left, a start at 24:00 of its last day —, its last day); None once the
    series is over (``until`` reached)."""
    # (a series from 24:00 of a day — `from rent_free.end` — begins its period with the next day, as one
    # `from` that day's date does: the same instant, counted as the period's own first day)
    first = Moment.start_of_day(first_day)
    begin = start if start.at > first.at else first
    if until is not None and begin.at >= until.at:
        return None
    if type(unit) is timecalc.Anchored:  # (periods counted from the series' own first day: its day is the label)
        last_day, label = unit.last_day(_anchor(start), first_day), first_day.isoformat()
    else:
        last_day, label = timecalc.period_end(unit, first_day), timecalc.period_label(unit, first_day)
    end = Moment.end_of_day(last_day)
    if until is not None and until.at < end.at:
        end = until
    if begin.at >= end.at:  # (a start at 24:00 of a month's last day begins the next month, not this one)
        return None, last_day
    return PeriodValue(begin, end, _last_day_of(end), label), last_day


def _last_day_of(end: Moment) -> date:
    """The last day of a recurring duty's period that ends at ``end``: the day it ends in — cut inside a day (a series
    until 10:00 of 03-15), that day; ending at its 0时 (03-16 00:00), the day before, whose 24:00 it is (the fuzzer,
    round 28: a period cut inside a day had none, and `day_end(m.last_day)` was unknown for ever)."""
    if end.is_end_of_day():
        return end.day
    at = end.local()
    if at.hour == at.minute == at.second == at.microsecond == 0:
        return at.date() - timedelta(days=1)
    return at.date()


def _by_fact_content(args: tuple) -> list:
    """A match (plan, trigger, bindings, …) ordered by what its facts say (``_by_content``)."""
    return [_by_content(v) for v in args[2].values() if type(v) is Event]


def _by_day_alone(b: dict, moment: Moment) -> bool:
    """Whether a termination at ``moment`` comes from a notice known by its day alone (a receipt dated the day it was
    handed over, a delivery deemed on a day): a fact of its bindings at that instant given by its day."""
    return any(type(v) is Event and v.bare and v.moment.at == moment.at for v in b.values())


def _lapsed_at(step, moment: Moment) -> bool:
    """Whether a row's step says it lapsed at ``moment``'s instant (the step cites it as the reports do — of its day
    alone, a DayOnly — so the instants are compared, not the values)."""
    return step.code == "lapsed" and getattr(step.args.get("at"), "at", None) == moment.at


def _cited_trigger(candidates, trigger_id):
    """A row's trigger as a finding cites it: an event the engine derived — a duty's stage, a deemed event — as the
    event among ``candidates`` (the row's bound values), worded as the fact it comes from (…已违约（源自 c1）, not
    temporary_notice#1.violated: fuzz round 34); a fact by its id."""
    if type(trigger_id) is str and (":" in trigger_id or "#" in trigger_id):
        hit = next((v for v in candidates if type(v) is Event and v.id == trigger_id), None)
        if hit is not None:
            return hit
    return trigger_id


def _day_alone_before(step, moment: Moment) -> "Event | None":
    """A fact known by its day alone, of ``moment``'s day and set before it (its 0时), among the facts a condition's
    reason (a step, its parts) names as matched — a payment "2025-07-04" that a sum counts met at the 10:00 the duty
    arose: met that day no earlier than 10:00, not at it (counsel round 41)."""
    todo = [step]
    while todo:
        x = todo.pop()
        if type(x) is Step:
            todo.extend(x.args.values())
        elif type(x) is Event:
            if x.bare and x.moment.day == moment.day and x.moment.at < moment.at:
                return x
        elif type(x) in (list, tuple):
            todo.extend(x)
    return None


def _cited(moment: Moment, day_alone: bool) -> Moment:
    """An instant as a step cites it: known by its day alone (a notice deemed delivered on a day), as that day — not
    its 0时, which the report elsewhere calls 时刻不明."""
    return DayOnly.in_contract_time(moment.local()) if day_alone and type(moment) is not DayOnly else moment


def _bound_in_doubt(d: Deadline, moment: Moment) -> Moment:
    """The end of a period that a fact of ``moment``'s day alone may have come before or after: the deadline — or, the
    deadline a range whose latest end is after that whole day, its earliest end within the day (a delivery of 03-03
    alone against a deadline between 03-03 16:00 and 03-04 06:00: whether it came before 16:00 — the fuzzer, 38)."""
    if d.earliest is not None and d.due >= Moment.end_of_day(moment.day).at:
        first = Moment.of(d.earliest)
        if first.day == moment.day:
            return first
    return d.end()


def _discharge_after_all(inst: Instance, why: Step):
    """A duty whose deadline became known, or moved, only after the end that discharges it (of the contract or of its
    part): it was running then — discharged, ``why`` saying by what."""
    inst.move(Status.ACTIVE)
    inst.move(Status.DISCHARGED)
    inst.because.append(why)


def _part_names(d) -> list:
    """The rules a termination of part of the contract ends (`ends only`), as a step or a finding cites them."""
    return list(dict.fromkeys(TypeRef(n) for n, *_ in d.ends_only))  # (one duty with two conditions: named once)


def _part_limits(plan) -> list:
    """Of the rules a termination of part of the contract ends, those it ends only as to the rows a condition names
    (`ends only deliver d where d.o.id == n.order`): each with its condition, as the finding words it — not the whole
    duty (fuzz round 39: a cancelled order that matched no row read as if every delivery had ended)."""
    return [Step("ends_only_where", {"name": TypeRef(n), "condition": said})
            for n, _, cond, said in plan.ends_only if cond is not None]


def _discharged(end: Event, code: str = "discharged") -> Step:
    """The step saying a duty was discharged by the contract's end ``end`` (民法典第566条) — or, ``discharged_in_part``,
    by a termination of its part of the contract (`ends only`)."""
    return Step(code, {"at": _cited(end.moment, end.bare), "ground": TypeRef(end.type),
                               "source": end.attrs.get("source"), "end": end})


def _deadline_from(plan: ObligationPlan, d: Deadline, anchor: Moment) -> Step:
    """The step saying a duty's deadline is ``d``'s period counted from ``anchor`` (with the rule's own reading of
    it: a term, an assumption and its reason) — as a duty arises, and again when a period it counts from is cut."""
    term, assumption, reason = plan.from_args
    return _new_step(("deadline_from", {"period": d.period, "anchor": anchor, "term": term, "assumption": assumption,
                                        "reason": reason}, 0))


def _anchor(start: Moment) -> date:
    """The first day of a series of periods counted from ``start`` (`every 3 months p from X`): X's day; from 24:00
    of a day (`from rent_free.end`), the next."""
    return start.day + timedelta(days=1) if start.is_end_of_day() else start.day


_ONE_YEAR = Period(1, Unit.YEARS)  # 民法典第564条第2款
_FIRST = operator.itemgetter(0)  # (a window that ran out: by the instant it did)


def _moved_to(d: Deadline, due: datetime) -> Deadline:
    """A deadline of hours or minutes moved on to ``due`` (suspended, extended): the earliest end of one
    started by a fact given by its day alone moves on with it (by the same length)."""
    return Deadline(d.start, d.period, d.counting, None, due, d.steps, d.provisional,
                    earliest=None if d.earliest is None else d.earliest + (due - d.due))


def _by_open(item) -> bool:
    """A duty still waiting for its `due by` deadline to become known (``retry_due_by``)."""
    inst = item[0]
    return inst.status is Status.UNDETERMINED and inst.deadline is None


def _until_open(item) -> bool:
    """A continuing duty still waiting for its end to become known (``retry_until``)."""
    inst = item[0]
    return inst.deadline is None and (inst.status is Status.ACTIVE or inst.status is Status.SUSPENDED)


def _once_part(once: tuple, b: dict) -> int | None:
    """Which part of a `once per EXPR, …` (of several) speaks of a line's rows: the first whose aliases it binds."""
    for i, part in enumerate(once[1]):
        if part[1] <= b.keys():
            return i
    return None


def _trigger_fact(bindings: dict, trigger_id) -> Event | None:
    """The fact (or event) among a rule's bindings that set it off."""
    for v in bindings.values():  # (a loop, not next( ) of a generator: asked as every duty arises)
        if type(v) is Event and v.id == trigger_id:
            return v
    return None


def _cites_a_fact(step) -> bool:
    """Whether a step (or a step inside it) cites a fact or event."""
    todo = [step]
    while todo:
        x = todo.pop()
        if type(x) is Event:
            return True
        if type(x) is Step:
            todo.extend(x.args.values())
        elif type(x) in (list, tuple):
            todo.extend(x)
    return False


def _after_end(moment: Moment, ended: Moment) -> bool:
    """Whether ``moment`` is after the contract's end: a later instant, or the same as an end at 24:00 of the day
    before (00:00 of the next day is on that day: a sale then, after a term that ran out at 24:00, is after it)."""
    return moment.at > ended.at or moment.at == ended.at and moment.day > ended.day


def joined_later_that_day(bindings: dict, trigger_id, at: Moment) -> bool:
    """Whether a duty set off at ``at``, an instant of known time (its trigger fact's), was joined by a fact or event
    of that same day given by its day alone (a notice about an interruption of 09:00, received "2025-11-03"): the
    join is complete at some time of that day no earlier than ``at`` — not at ``at`` (counsel round 38).  The trigger
    fact itself of its day alone, joined by a later fact of known time, is ``_started_by_a_day``'s (that instant)."""
    if at.is_start_of_day():
        return False
    day, instant = at.day, at.at
    found = False
    for v in bindings.values():
        if type(v) is Event:
            if v.id == trigger_id and v.bare:
                return False
            if v.bare and v.moment.day == day and v.moment.at < instant:
                found = True
    return found


def _started_by_a_day(bindings: dict, trigger_id, at: Moment | None = None) -> bool:
    """Whether the fact that set a duty off was given by its day alone (its hour unknown) — of a join, the one
    whose instant it arose at (`once per d` names the duty by d, the leak; the notice that came last set it off)."""
    fact = _trigger_fact(bindings, trigger_id)
    if fact is not None and fact.bare:
        if at is not None and at.at != fact.moment.at and at.is_end_of_day():
            return False  # (arisen at 24:00, the end of days counted from that day — 2.1(3)'s five days from an
            # interruption of its day alone end at 24:00 of the fifth whatever its hour: 第201条; counsel round 38)
        # (but a join that a later fact of known time set off — a leak of its day alone, 甲方's fax about it at 15:00
        # — arose at that instant, known: counsel, round 27)
        return at is None or at.at == fact.moment.at or not any(
            type(v) is Event and not v.bare and v.moment.at == at.at for v in bindings.values())
    if at is None:
        return False
    instant = at.at
    for v in bindings.values():
        if type(v) is Event and v.bare and v.moment.at == instant:
            return True
    return False




def _rule_key(plan):
    """What `once` keys a rule's instances by: its name (a finding has none: the finding rule itself)."""
    name = getattr(plan.decl, "name", None)
    return name if name is not None else ("finding", id(plan.decl))


_LAST_INSTANT = timedelta(microseconds=1)  # (the last instant of a day: its 24:00 less the finest step a time has)


def _last_instant(day) -> Moment:
    """The last instant of a day (its 24:00 less a microsecond): where a fact of that day alone may be latest."""
    return Moment.of(Moment.end_of_day(day).at - _LAST_INSTANT)


class _EndedLater:
    """An evaluation as a closure reads it, but for `ended`: the contract's end at another instant of its day."""

    __slots__ = ("_st", "ended")

    def __init__(self, st, ended):
        self._st, self.ended = st, ended

    def __getattr__(self, name):
        return getattr(self._st, name)


def _range_of(step) -> tuple | None:
    """The least and most an `amount_hour_unknown` step says (None: no step)."""
    return None if step is None else (step.args.get("least"), step.args.get("most"), tuple(step.args.get("values", ())))


def _since_said(r: Remedy) -> Moment:
    """When a right arose, as its reasons say it: a right that arose at a fact known by its day alone, as that day
    (“2026年6月3日”), not as the 0时 it counts from — an hour no fact gave (review round 45)."""
    return DayOnly.in_contract_time(r.since.local()) if r.day_alone and type(r.since) is Moment else r.since


def _as_read(v, b: dict, plan: RemedyPlan):
    """A value an amount read, as its reasons say it: the instant of a fact known by its day alone as that day (“2026年6月3日”),
    not as the 0时 it compares as — an hour no fact gave (review round 45)."""
    if type(v) is Moment and plan.amount_instants:
        for path in plan.amount_instants:
            ev = _along(b, path)
            if type(ev) is Event and ev.bare and ev.moment is v:
                return DayOnly.in_contract_time(v.local())
    return v


def _along(b: dict, path: tuple):
    """The value a path of names reads from the bindings (`y.p`: the fact bound as p to the event bound as y)."""
    v = b.get(path[0])
    for name in path[1:]:
        if type(v) is not Event:
            return None
        v = v.attrs.get(name)
    return v


def _moved(b: dict, path: tuple, moved: Event) -> dict:
    """The bindings with the fact at ``path`` replaced by ``moved`` (the events along the path copied)."""
    def put(v, rest):
        if not rest:
            return moved
        return dataclasses.replace(v, attrs={**v.attrs, rest[0]: put(v.attrs.get(rest[0]), rest[1:])})
    return {**b, path[0]: put(b.get(path[0]), path[1:])}
