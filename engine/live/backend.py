"""The durable backend (issue 14): the reference's replay, with the Rete deciding what each event matches.

"Rete does matching, qiyue's agenda keeps time" (docs/live.md §3).  An evaluation on this backend is
the reference's own ``Evaluation`` — the same agenda, the same state, the same verdicts and report —
except for one step: which `for each` lines an event sets off (``Evaluation.matched``).  Each event
the replay records (a fact, a deemed event, an obligation's stage) is asserted into a durable_rules
session (one per evaluation, over the ruleset ``patterns.compile_patterns`` compiles once per rule
file); the rules it completes are the single-fact patterns it matches.  Those lines' bindings come
from the Rete's activations alone, put back in qiyue's own order (the order of ``Prepared.by_type``:
the grounds of termination, then the remedies read with `accrued( )`, the obligations, the other
remedies, deemed events and findings, each in file order); the replay itself takes events in time
order, then by id, as the reference does.  A line the Rete does not run — a join of several facts, an
aggregate, an instant, a decimal, state (``patterns.Refused`` says which and why) — is a *residual*:
it is matched by qiyue's own matcher, exactly as the reference matches it.  Everything else — `when`
conditions, fulfilment, `violated by`, `unless`, excuses, suspensions, deadlines, deemed instants,
recurrences — is qiyue's, unchanged: no durable_rules timer, no wall clock.

``plan(rules)`` says, for every line, where it runs and why (``LivePlan.describe``).
"""
from __future__ import annotations

from datetime import datetime
import weakref
from itertools import count

from types import MappingProxyType

from ..lang.numbers import apply
from ..run.compiler import _OPS, Env, _compare_values
from ..run.evaluator import Evaluation
from ..run.plans import Prepared
from ..time.timecalc import CalendarYearUnknown, Moment, longest_run, period_index
from . import durable_engine
from .patterns import DUTY, FINAL_STATUSES, LAST_DAY_NUMBER, Beyond, CompiledPatterns, bound, compile_patterns, \
    holds, micros, aggregated, cond, counted, encode, extreme, rule_triggers, state
from .rete import A, ID, MID, SID, TYPE

NEVER = ("", False)  # (a line whose condition is false whatever the fact)
_NOTHING_BOUND = MappingProxyType({})  # the bindings a trigger starts from (read-only)

BACKENDS = ("reference", "durable")

# facts an evaluation keeps in its durable_rules session for joins before its joins move to qiyue's own
# matcher (``DurableEvaluation.joins_to_qiyue``): eight per bucket of durable_rules' indexes
MAX_KEPT = 4096



class LivePlan:
    """A rule file's patterns compiled into durable_rules, its matcher (sessions over a pool of
    ruleset copies), and the ``Prepared`` whose evaluations match on the Rete.  Made once per
    ``CompiledRules`` (``plan``)."""

    def __init__(self, rules):
        self.patterns: CompiledPatterns = compile_patterns(rules)
        self.lines = list(rule_triggers(rules.prepared))
        # for each trigger plan: (its pattern key, whether qiyue tests it again) if the Rete matches it or
        # filters its facts, NEVER if it never matches; a residual line is not there
        self.key_of: dict[int, tuple] = {}
        self.fed_types: set[str] = set()  # the kinds of fact some line the Rete runs reads
        pt = self.patterns
        for key, _plan, t, tp in self.lines:
            if key in pt.trees:
                self.key_of[id(tp)] = (key, False)
            elif key in pt.compiled or key in pt.joins or key in pt.probe_joins:
                self.key_of[id(tp)] = (key, key in pt.joins and not pt.join_lines[key].whole)
            elif key in pt.never:
                self.key_of[id(tp)] = NEVER
            elif key in pt.filters:
                self.key_of[id(tp)] = (key, True)
            else:
                continue
            if key not in pt.never:
                self.fed_types.update(src[0] for src in tp.pattern.sources)
        self.fed_types.update(pt.counts.values())
        self.fed_types.update(t for kinds in pt.tree_joins.values() for t in kinds)
        self.kept_types = pt.kept_types
        self.join_lines = pt.join_lines
        self.trees, self.counts, self.extremes, self.sums = pt.trees, pt.counts, pt.extremes, pt.sums
        self.tree_joins = pt.tree_joins  # (lines whose `exists( )` joins kept facts with the line's probe)
        self.marks = frozenset(pt.marks)  # (the joins marking a counted fact: ``patterns._marked``)
        # kinds of fact a join keeps or an aggregate counts: one whose number has no exact double makes every line
        # qiyue's (a one-fact line's own fact is qiyue's for that fact alone)
        self.strict_types = frozenset(pt.kept_types) | frozenset(pt.counts.values())
        self.duties = pt.duties  # obligation -> what of its duties working memory holds ("arose", "duty")
        self.probes, self.probe_keys = pt.probes, pt.probe_keys  # (lines decided on a fact's probe)
        self.probe_joins = pt.probe_joins  # (joins decided on a probe: ``_probe_join``)
        self.max_kept = MAX_KEPT
        self.matcher = self.patterns.matcher(filters=True)
        self._sids = count()
        self.prepared = DurablePrepared(rules.prepared, self)

    def new_session(self) -> str:
        return f"e{next(self._sids)}"

    def describe(self) -> list[dict]:
        """Each `for each` line of the rule file: where it runs — "rete" (a durable_rules rule decides
        it), "never" (its condition is false whatever the fact: decided when compiled), "rete+residual"
        (the Rete tests the leading parts of its condition that it can, qiyue tests the facts that pass
        them against the whole condition) or "residual" (qiyue's own matcher) — with the reason for
        what qiyue tests."""
        out = []
        pt = self.patterns
        for key, plan, t, tp in self.lines:
            line = pt.join_lines.get(key)
            where = pt.runs_on(key)
            out.append({"line": key, "rule": getattr(plan.decl, "name", None) or plan.decl.code,
                        "text": tp.text, "span": str(t.span) if getattr(t, "span", None) else None,
                        "runs_on": where, "joins": len(line.types) if line is not None else 1,
                        "reason": pt.refused.get(key)})
        return out

    def close(self):
        self.matcher.close()


def plan(rules) -> LivePlan:
    """The durable backend of ``rules`` (CompiledRules), compiled on first use and kept with them
    (compile once, evaluate many).  Raises ``QiyueError`` ``live_unavailable`` without durable_rules."""
    found = getattr(rules, "_live_plan", None)
    if found is None:
        found = LivePlan(rules)
        rules._live_plan = found
        # (its rulesets are freed with the rules: durable_rules keeps them until told)
        weakref.finalize(rules, found.close).atexit = False
    return found


class DurablePrepared(Prepared):
    """The reference's ``Prepared`` (shared, not copied: the same compiled rules), whose
    evaluations are ``DurableEvaluation``s.  ``evaluate`` and ``evaluate_at`` are the reference's,
    with the evaluation's durable_rules session freed at the end."""

    def __init__(self, base: Prepared, live: LivePlan):  # noqa: super().__init__ compiles: here it is shared
        self.__dict__.update(base.__dict__)
        self.live = live

    def new_evaluation(self, as_of: datetime) -> Evaluation:
        """A ``DurableEvaluation``: ``evaluate`` and ``evaluate_at`` are the reference's own, which
        release it (its durable_rules session) when its replay is over."""
        return DurableEvaluation(self, as_of)


class DurableEvaluation(Evaluation):
    """The reference's replay, whose `for each` lines the Rete matches (``matched``).

    Each event of a kind the Rete reads is asserted when the replay records it (``record``); what it
    completes — the one-fact lines it matches, the joins it makes with events recorded before it — is
    kept with it (``_fed``) until the replay lets rules see it (``matched``), and a join is kept too with
    each partner the rules have not seen yet (a fact of the same instant, listed after it).  A join's
    partners are those the reference's ``_pairs`` would find: recorded, and not facts of the instant
    still waiting their turn (``_unprocessed``), in the order of the history."""

    __slots__ = ("live", "sid", "_fed", "_kept", "_kept_msgs", "_counted", "_extremes", "_sums", "_off", "_duties",
                 "_asserted", "_marks")

    def __init__(self, prepared: DurablePrepared, as_of: datetime):
        super().__init__(prepared, as_of)
        self.live = prepared.live
        self.sid = self.live.new_session()
        # id(event) -> (one-fact lines matched, joins, place, a number without an exact double) until matched
        self._fed: dict[int, tuple] = {}
        self._kept: list = []  # the events a join reads, by place in the history
        self._kept_msgs: list | None = []  # their messages in the session (None: joins moved to qiyue)
        self._counted: dict[str, int] = {}  # "KEY/i" of an `exists( )` leaf -> facts recorded that passed it
        self._extremes: dict[str, int] = {}  # …of one compared with a bound -> their earliest (latest) instant
        self._sums: dict[str, object] = {}  # …of a sum( ) -> the total of the attribute it sums
        self._off = False  # True: a fact durable_rules could not hold as it is — every line is qiyue's now
        self._duties: dict[int, tuple] = {}  # id(duty) -> (its message in working memory, the leaves it passes)
        self._asserted = count()  # (each state message its own identity)
        # "KEY/mN" of a mark (``patterns._marked``) -> the places of the kept facts it marked: some fact recorded so far
        # passes the `exists( )` of another kind with them
        self._marks: dict[str, set] = {}

    def release(self):
        """Free this evaluation's durable_rules session (its replay is over)."""
        self.live.matcher.delete(self.sid)

    def record(self, e):
        super().record(e)
        live = self.live
        if self._off or e.type not in live.fed_types:
            return
        place = None
        if self._kept_msgs is not None and e.type in live.kept_types:
            if len(self._kept_msgs) >= live.max_kept:
                self.joins_to_qiyue()
            else:
                place = len(self._kept)
        try:
            found, joined, msgs, inexact = live.matcher.feed_joined(self.sid, e, place)
        except (Beyond, durable_engine().error):
            # a fact durable_rules cannot hold as it is (a text of 64 KiB or more, too many attributes) or
            # refuses (a fact passing more tests than its stack holds): from here on every line is matched
            # by qiyue from the history — complete, so the matches are the reference's
            self._off = True
            return
        if inexact and e.type in live.strict_types:  # (a number without an exact double, in a kind a join or
            self._off = True  # an aggregate reads: the Rete would compare it wrongly — every line is qiyue's)
            return
        if joined and live.marks:  # (a counted fact now passing an `exists( )` of another kind with this one)
            rows = []
            for row in joined:
                if row[0] in live.marks:
                    self._marks.setdefault(row[0], set()).add(row[1][0])
                else:
                    rows.append(row)
            joined = rows
        if live.counts:
            self._count(found)
            if live.extremes:
                self._extreme(found, e)
            if live.sums:
                for k in found:
                    summed = live.sums.get(k)
                    if summed is not None:
                        v = e.attrs.get(summed[0])
                        if v is not None:
                            self._sums[k] = self._sums.get(k, 0) + v
        fed = self._fed
        fed[id(e)] = (found, [], place, inexact)
        if msgs is None:
            return
        self._kept.append(e)
        self._kept_msgs += msgs
        kept = self._kept
        for row in joined:  # (with the event itself, and with each partner the rules have not seen yet)
            for p in row[1].values():
                waiting = fed.get(id(kept[p]))
                if waiting is not None:
                    waiting[1].append(row)

    def arose(self, inst):
        """A duty arose: where a line reads its obligation's `triggered( )` or `open( )`, working memory
        learns it — the obligation's `arose` fact with its first duty, and each duty's own fact with its
        status, followed through each move (``_moved``) until the status can no longer change."""
        reads = self.live.duties.get(inst.rule.decl.name)
        if reads is None or self._off:
            return
        if "arose" in reads and inst.number == 1:
            self._state({TYPE: DUTY, A + "obligation": inst.rule.decl.name, A + "what": "arose"})
        if "duty" in reads:
            inst.watch = self._moved
            self._moved(inst)

    def _moved(self, inst):
        """A duty's status changed: its fact in working memory is replaced by one with the new status
        (retracted for good once the status can no longer change)."""
        old = self._duties.pop(id(inst), None)
        if old is not None and not self._off:
            self.live.matcher.retract(self.sid, [old[0]])
            for k in old[1]:
                self._counted[k] -= 1
        if inst.status in FINAL_STATUSES or self._off:
            inst.watch = None
            return
        msg = {TYPE: DUTY, A + "obligation": inst.rule.decl.name, A + "what": "duty", A + "status": inst.status.value}
        found = self._state(msg)
        if found is not None:
            self._duties[id(inst)] = (msg, found)

    def _state(self, msg: dict) -> set | None:
        """Assert a fact of the evaluation's own state; count the leaves it passes (None: durable_rules
        refused it, and every line is qiyue's from now on)."""
        msg[SID] = self.sid
        msg[MID] = msg[ID] = f"{DUTY}{next(self._asserted)}"
        try:
            found = self.live.matcher.assert_state(self.sid, msg)
        except (Beyond, durable_engine().error):
            self._off = True
            return None
        self._count(found)
        return found

    def _count(self, keys):
        """The `exists( )`, `triggered( )` and `open( )` leaves a fact now in the session passes: counted."""
        counts, counted = self.live.counts, self._counted
        for k in keys:
            if k in counts:
                counted[k] = counted.get(k, 0) + 1

    def _extreme(self, keys, e):
        """The earliest (or latest) instant of the facts that passed each leaf of an `exists( )` compared with
        a period's bound (``CompiledPatterns.extremes``), with ``e`` now among them."""
        extremes, kept = self.live.extremes, self._extremes
        for k in keys:
            low = extremes.get(k)
            if low is not None:
                at, old = micros(e.moment.at), kept.get(k)
                if old is None or (at < old if low else at > old):
                    kept[k] = at

    def cut_periods(self):
        """A period cut where its recurrence's end became known changes the stages its duties announced
        already (they hold it: `t.p.end` reads the new end); what the Rete was sent of them — a value computed
        from `t.p` when the stage came, a leaf's count — is then out of date: from here on every line is
        qiyue's, matched from the history (complete, so the same matches).  A cut is rare: once, at the end."""
        ends = [(plan, period, period.end) for plan, _, period, _ in self.open_periods]
        super().cut_periods()
        if not self._off and any(period.end is not end for _, period, end in ends):
            self._off = True  # (its stages, and what they set off through their bindings, may be anywhere)

    def joins_to_qiyue(self):
        """durable_rules' indexes have a fixed number of buckets (512), so each fact kept for a join
        makes every later assertion slower (measured: 20 -> 45 us a fact at 20,000 kept): past
        ``LivePlan.max_kept`` kept facts, the kept facts leave the session and joins are matched by
        qiyue's own indexed matcher from the history — complete whenever the switch happens, so the
        matches are the same — and the per-fact cost stays flat however long the history."""
        self.live.matcher.retract(self.sid, self._kept_msgs)
        self._kept_msgs = None
        self._kept = []

    def matched(self, e, table: dict | None = None) -> list:
        """The rules an event sets off, with their bindings, in the reference's order: each line
        the Rete runs from what it completed, each residual line by qiyue's own matcher (``table``: as
        the reference's)."""
        if self._off:
            return Evaluation.matched(self, e, table)
        entries = (table or self.p.by_type).get(e.type, ())
        fed = self._fed.pop(id(e), None)
        if not entries:
            return []
        key_of, probed, probe_rows, paired = self.live.key_of, True, (), {}
        if fed is not None and e.type in self.live.probes:  # (lines decided on its probe)
            hits = self._probe(e, fed[2])
            if hits is None:
                probed = False
            else:
                if hits[0]:
                    fed = (fed[0] | hits[0], *fed[1:])
                probe_rows, paired = hits[1], hits[2]
        found, twice = [], self.live.patterns.twice
        for plan, trig, pos in entries:
            rete = key_of.get(id(trig))
            if rete is not None:  # the Rete's
                if rete is NEVER or fed is None:
                    continue
                key, again = rete
                if key in twice and pos:  # (one fact named twice: found once, at the first place — as qiyue does)
                    continue
                if not probed and (key in self.live.probe_keys or key in self.live.probe_joins):
                    found += self.residual(plan, trig, pos, e)  # (its probe could not be made: qiyue's)
                    continue
                if key in self.live.probe_joins:  # (its pairs from the probe: this fact's, at its position)
                    if self._kept_msgs is None or fed[2] is None:
                        found += self.residual(plan, trig, pos, e)
                    else:
                        rows = [(k, places) for k, p, places in probe_rows if k == key and p == pos]
                        found += self.joined(plan, trig, pos, e, (fed[0], rows, fed[2], fed[3]), key,
                                             self.live.join_lines[key], False)
                    continue
                line = self.live.join_lines.get(key)
                if fed[3] and line is None:  # (a number the Rete could not read exactly: qiyue's)
                    found += self.residual(plan, trig, pos, e)
                    continue
                tree = self.live.trees.get(key)
                if tree is not None and key in self.live.tree_joins and self._kept_msgs is None:
                    found += self.residual(plan, trig, pos, e)  # (the facts its `exists( )` joins left the session)
                    continue
                if tree is not None:  # (a condition with `exists( )`: its parts the Rete's, put together)
                    hits, counted = fed[0], self._counted
                    try:
                        if holds(tree, lambda i: f"{key}/{i}" in hits, lambda i: counted.get(f"{key}/{i}", 0) > 0,
                                 lambda name: self._joined_agg(name, paired, (e,))):
                            found.append((plan, trig, dict.fromkeys(trig.pattern.names, e), e.moment, e.id))
                    except CalendarYearUnknown as exc:  # (a joined count's value or other side: as the reference,
                        self.unknown_year(exc, plan.decl)  # the line finds nothing at this event, the others go on)
                    continue
                if line is not None:
                    if self._kept_msgs is not None:
                        found += self.joined(plan, trig, pos, e, fed, key, line, again,
                                             paired if probed and fed[2] is not None else None)
                    else:  # (joins moved to qiyue: ``joins_to_qiyue``)
                        found += self.residual(plan, trig, pos, e)
                    continue
                if key not in fed[0]:
                    continue
                if not again:  # (a line naming one fact twice: both names bound to it)
                    found.append((plan, trig, dict.fromkeys(trig.pattern.names, e), e.moment, e.id))
                    continue
            found += self.residual(plan, trig, pos, e)
        return found

    def _joined_agg(self, name: str, paired: dict, facts: tuple) -> bool:
        """The comparison of a count or total of the facts the Rete paired with the probe of ``facts`` (the
        line's fact; a join's facts a count reads) (``JoinedAgg``): each kept fact once, in the order of the
        history, added as qiyue's aggregate adds them, compared as qiyue compares (an unknown side: false) with
        a value of ``facts`` or another such total."""
        agg = self.live.patterns.joined_aggs[name]
        outer = dict(zip(agg.outer, facts))
        if agg.whole is not None:  # (aggregates inside arithmetic: qiyue's comparison, each total read when it is)
            totals = _Totals(outer, agg, lambda side: self._total(side, paired, outer))
            return agg.whole(Env(totals, self, self.now)) is True
        # (both sides computed in the order they are written, as qiyue's comparison does: the error met first is
        # the same — a reviewer's case)
        other = agg.other(Env(outer, self, self.now)) if agg.other_first else None
        total = self._total(agg, paired, outer)
        if agg.other_agg is not None:
            other = self._total(agg.other_agg, paired, outer)
        elif not agg.other_first:
            other = agg.other(Env(outer, self, self.now))
        return total is not None and other is not None and _compare_values(total, other, _OPS[agg.op])

    def _total(self, agg, paired: dict, outer: dict):
        """What one aggregate of a ``JoinedAgg`` comes to over the kept facts its leaves paired with the probe (and,
        for each `exists( )` of another kind its condition holds, ``JoinedAgg.marks``, marked or not as it says);
        each value computed with the kept fact bound and the probe's facts (``outer``: a value may read them)."""
        places = sorted(set().union(*(paired.get(k, ()) for k in agg.leaves)))
        for mark, holds_ in agg.marks:  # (`… and not exists(restored r where r.ref == i.id)`: those never marked)
            marked = self._marks.get(mark, ())
            places = [p for p in places if (p in marked) is holds_]
        if agg.consecutive is not None:  # (the periods their values fall in, in the order of the history)
            seen = set()
            for p in places:
                v = agg.value(Env({**outer, agg.alias: self._kept[p]}, self, self.now))
                if v is not None:
                    seen.add(period_index(agg.consecutive, v))
            return longest_run(seen)
        if agg.first:  # (the earliest of them in the history, as qiyue's first( ) finds it)
            return agg.value(Env({**outer, agg.alias: self._kept[places[0]]}, self, self.now)) if places else None
        if agg.value is None:
            return len(places)
        total = agg.zero
        for p in places:
            v = agg.value(Env({**outer, agg.alias: self._kept[p]}, self, self.now))
            if v is not None:
                total += v
        if agg.mean is not None:  # (qiyue's mean: over how many matched, none of none)
            total = apply("/", total, len(places), agg.mean) if places else None
        return total

    def _probe(self, e, place: int | None) -> tuple | None:
        """The lines decided on ``e``'s probe that it matches, with what they read that qiyue counts — the
        bounds of periods, the values of parameters computed from state — as the replay has them now (as
        the reference's condition reads them), and the joins the probe makes with the facts kept before it
        (``Matcher.probe``; ``place``: ``e``'s own place among them).  None when one cannot be had now (a
        year no calendar knows; a parameter neither yes nor no): those lines are then qiyue's for this
        fact, which meets the year only where the reference does; or when durable_rules refused the probe."""
        props = self._probe_props(e)
        if props is None:
            return None
        try:
            return self.live.matcher.probe(self.sid, e, props, place if self._kept_msgs is not None else None)
        except (Beyond, durable_engine().error):
            self._off = True
            return None

    def _probe_props(self, e) -> dict | None:
        """What ``e``'s probe carries now (``_probe``): None when it cannot be had."""
        props, env = {}, None
        leaf_names = self.live.patterns.leaf_names
        try:
            for kind, name in self.live.probes[e.type]:
                if kind == "period":
                    p = self.period(name)
                    if p is not None:  # (unknown yet: left out, and a comparison with it fails)
                        props[bound(name, "start")], props[bound(name, "end")] = micros(p.start.at), micros(p.end.at)
                        if p.last_day is not None:  # (a day, compared with an instant as the instant it begins)
                            props[bound(name, "last_day")] = micros(Moment.start_of_day(p.last_day).at)
                            props[bound(name, LAST_DAY_NUMBER)] = p.last_day.toordinal()  # (…and with a day)
                    continue
                if kind == "count":  # (an `exists( )` of a join's condition: some fact recorded passed its leaf)
                    props[counted(name)] = self._counted.get(leaf_names[name], 0) > 0
                    continue
                if kind == "number":  # (a count( ) compared with a constant: how many passed its leaf)
                    props[aggregated(kind, name)] = self._counted.get(leaf_names[name], 0)
                    continue
                if kind == "sum":  # (a sum( ) compared with a constant: their total, in the constant's form)
                    leaf = leaf_names[name]
                    sent = encode(self.live.sums[leaf][1], self._sums.get(leaf, 0))
                    if sent is None:
                        return None
                    props[aggregated(kind, name)] = sent
                    continue
                if kind == "cond":  # (a part reading state alone: yes or no, as the replay has it now)
                    env = env or Env({}, self, self.now)
                    if name[0] == "v":  # (…or a value compared with the fact's attribute, in its form)
                        base, form, strict = name.rsplit("_", 2)
                        value = self.live.patterns.conds[base](env)
                        if value is not None:
                            sent = encode(form, value)
                            if sent is None and strict == "1":
                                return None
                            if sent is not None:
                                props[cond(name)] = sent
                        continue
                    value = self.live.patterns.conds[name](env)
                    if value is not None and type(value) is not bool:
                        return None
                    props[cond(name)] = bool(value)
                    continue
                if kind == "extreme":  # (…compared with a bound: the earliest or latest of them, if any)
                    at = self._extremes.get(leaf_names[name])
                    if at is not None:
                        props[extreme(name)] = at
                    continue
                env = env or Env({}, self, self.now)
                value = self.p.compiler.param(name)(env)
                if type(value) is not bool:
                    return None
                props[state(name)] = value
        except Exception:  # noqa: BLE001 - a year no calendar knows, a division by zero, a year past 9999 …:
            return None  # (qiyue meets it where the reference does, if it does — it may never read that part)
        return props

    def joined(self, plan, trig, pos, e, fed, key, line, again, paired=None) -> list:
        """A join's matches with ``e`` at source ``pos``: the partners the Rete paired it with (and
        ``e`` with itself, for two sources of its kind: durable_rules never binds one fact twice), in
        the order of the history, each tested by qiyue against the whole condition unless the Rete
        tested all of it — and its counts of other facts (``Join.aggs``) on the probe of the fact each reads
        (``paired``: what ``e``'s own probe paired, if it was made)."""
        _, joins, place, _ = fed
        kept, unprocessed = self._kept, self._unprocessed
        rows = []
        seen = set()
        copied = line.copied
        for k, places in joins:
            if k != key or places[pos] != place:
                continue
            if unprocessed and any(id(kept[p]) in unprocessed for j, p in places.items() if j != pos):
                continue  # (a fact of this instant still waiting its turn: the pair is found at its own)
            pair = tuple(sorted(places.items()))
            if pair in seen:  # (durable_rules completes a rule once for each true side of an `or`)
                continue
            if copied and any(p == place for j, p in places.items() if j < pos):
                continue  # (the event in several places of its kind: the reference finds it once, at the first)
            seen.add(pair)
            rows.append(places)
        if line.self_pairs and pos == 0:  # (the reference finds it once, at the first source)
            rows.append({0: place, 1: place})
        if not rows:
            return []
        others = [j for j in range(len(line.types)) if j != pos]
        rows.sort(key=lambda places: [places[j] for j in others])
        names, where, keys, out = trig.pattern.names, trig.pattern.where, trig.pattern.keys, []
        reader, now = self.p.key_reader, self.now
        try:
            for places in rows:
                test = again or (line.self_pairs and places[0] == places[1])  # (qiyue tests what the Rete did not)
                b = {names[pos]: e}  # (bound in the reference's order: the event, then the others)
                for j in others:
                    cand = kept[places[j]]
                    # the reference offers only the partners its index key names (`p.ref == r.id`, wherever
                    # it is written): a pair the Rete found by the leading parts alone is not tested if not
                    k = keys.get((pos, j)) if test else None
                    if k is not None and reader(k[0])(cand) != k[1](Env(b, self, now)):
                        break
                    b[names[j]] = cand
                else:
                    if line.aggs and not test:  # (its counts, each on the probe of the fact it reads)
                        held = self._aggs_hold(line, pos, e, places, paired)
                        if held is None:  # (a probe not made now: qiyue tests the pair against the whole)
                            test = True
                        elif not held:
                            continue
                    if where is not None and test and not where(Env(b, self, now)):
                        continue
                    out.append((plan, trig, b, e.moment, e.id))
        except CalendarYearUnknown as exc:  # (as the reference: the line finds nothing at this event)
            self.unknown_year(exc, plan.decl)
            return []
        return out

    def _aggs_hold(self, line, pos: int, e, places: dict, paired) -> bool | None:
        """Whether every count of a join's pair holds (``Join.aggs``): each on the probe of the fact it reads —
        ``e``'s own (``paired``), or one made now of the kept partner —, as ``_joined_agg`` decides a one-fact
        line's.  None when a probe cannot be made now (a year no calendar knows in what it carries)."""
        probes: dict[tuple, dict] = {}
        for js, name in line.aggs:
            facts = tuple(e if j == pos else self._kept[places[j]] for j in js)
            got = probes.get(js)
            if got is None:
                if js == (pos,) and paired is not None:
                    got = paired
                elif len(js) == 1:
                    hits = self._probe(facts[0], places[js[0]])
                    if hits is None:
                        return None
                    got = hits[2]
                else:  # (a count reading two of the pair's facts: their probes made together)
                    got = self._probe_pair(facts)
                    if got is None:
                        return None
                probes[js] = got
            if not self._joined_agg(name, got, facts):
                return False
        return True

    def _probe_pair(self, facts: tuple) -> dict | None:
        """What the probes of ``facts``, made together, paired (``Matcher.probe_pair``); None when one cannot be
        made now (as ``_probe``)."""
        props = [self._probe_props(f) for f in facts]
        if any(p is None for p in props):
            return None
        try:
            return self.live.matcher.probe_pair(self.sid, list(zip(facts, props)), next(self._asserted))
        except (Beyond, durable_engine().error):
            self._off = True
            return None

    def residual(self, plan, trig, pos, e) -> list:
        """A line the Rete does not run, matched as the reference matches it."""
        pattern = trig.pattern
        n = len(pattern.sources)
        try:
            if n == 1:
                b = self.one(pattern, _NOTHING_BOUND, e)
                return [] if b is None else [(plan, trig, b, e.moment, e.id)]
            bs = self._pairs(pattern, _NOTHING_BOUND, pos, e) if n == 2 else \
                list(self.matches(pattern, Env({}, self, self.now), pos, e))
        except CalendarYearUnknown as exc:
            self.unknown_year(exc, plan.decl)
            return []
        return [(plan, trig, b, e.moment, e.id) for b in bs]


class _Totals(dict):
    """The bindings of a comparison over aggregates (``JoinedAgg.whole``): the line's facts, and each aggregate's
    name, whose total is computed the first time the comparison reads it — in qiyue's order."""

    def __init__(self, facts: dict, agg, total):
        super().__init__(facts)
        self._sides = dict(zip(agg.names, agg.sides))
        self._total = total

    def get(self, k, default=None):
        if k in self._sides and not dict.__contains__(self, k):
            self[k] = self._total(self._sides[k])
        return dict.get(self, k, default)


__all__ = ["BACKENDS", "DurableEvaluation", "DurablePrepared", "LivePlan", "plan"]
