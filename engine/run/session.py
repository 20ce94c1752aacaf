"""A live evaluation: facts added as they come, a clock that only goes forward, the state asked for
at any time, and what changed since the last time it was asked (``qiyue watch``).

    session = rules.session()
    session.add(line)                # one JSON line, several (a list or a text), or fact dicts
    session.advance("2026-07-20")    # the clock on to an instant: what falls due on the way happens
    session.changes(lang="en")       # what changed since the last call, in time order, as data
    session.report()                 # == rules.evaluate(every line added, session.clock)

It is the replay of ``Evaluation`` cut where it stands: the reference evaluator's own state, kept
between calls, with an ``as_of`` so far away that nothing is cut off; a report is the state
finished as of the clock and put back (``Evaluation.stop``), as a replay to many instants does.

Time order.  A fact earlier than the clock is refused (``fact_before_clock``): the changes said so
far cannot be taken back — but one of the clock's own day known by its day alone happened some time
that day, not before the clock, and is taken (that day replayed with it, as below).  A fact at the
clock's own instant is taken — when facts of that instant were already taken (or what follows them
at that instant ran), the state is rebuilt by replaying the facts so far, and the changes then say
what the late fact changed.  Facts of one instant added together are simultaneous, as in a replay.

A change is data: a ``code`` (``obligation_triggered`` … ``contract_ended``), the instant it
happened at (``after``: just after it — the end of a period of hours is itself in time), and its
arguments, encoded as an explanation's steps are; its words come from the catalogue
(``change:CODE`` in ``messages.CATALOGUE``), never from here.
"""
from __future__ import annotations

import bisect
import weakref
from datetime import datetime

from ..diagnostics import QiyueError, diag
from .evaluator import Evaluation, _later_refs
from .compiler import DayOnly, Event, PeriodValue
from .state import PHASE_DECIDE, PHASE_LATE, _AT, _WHEN_ID, Status
from ..time.timecalc import LengthError
from ..report.explain import Encoder, Labels, arg, fact_name_zh, root_id
from ..facts import load_facts
from ..messages import render
from ..lang.model import Span
from ..report.build import TEXT_WORDS, build, clause_ref
from .steps import Step, TypeRef
from ..time.timecalc import CONTRACT_TZ, Moment, period_label_zh

FAR = datetime(9999, 12, 31, tzinfo=CONTRACT_TZ)  # a live evaluation's as_of: nothing scheduled is cut off
_FINAL = frozenset((Status.FULFILLED, Status.EXCUSED, Status.DISCHARGED, Status.UNDETERMINED))
_REPLAY_ERRORS = (OverflowError, ArithmeticError, ValueError, LengthError)
# what a status an obligation moves into is called as a change
_MOVED = {"fulfilled": "obligation_fulfilled", "violated": "obligation_violated", "excused": "obligation_excused",
          "discharged": "obligation_discharged", "suspended": "obligation_suspended",
          "undetermined": "obligation_undetermined", "active": "obligation_resumed"}
_PERFORMED = frozenset(("obligation_fulfilled", "obligation_performed_late"))  # (by a fact, or by a condition)
_POWER_LAPSED = ("power_lapsed", "power_lapsed_agreed", "power_lapsed_until", "right_lapsed_agreed", "right_lapsed_until")  # (unused in its period: expired)
_REMEDY = {"exercised": "remedy_exercised", "lapsed": "remedy_lapsed", "undetermined": "remedy_undetermined",
           "settled": "remedy_settled", "withdrawn": "remedy_withdrawn"}
CODES = ("fact", "contract_effective", "contract_ended", "deemed", "obligation_triggered", "obligation_fulfilled",
         "obligation_performed_late", "obligation_violated", "obligation_excused", "obligation_discharged",
         "obligation_discharged_in_part",
         "obligation_suspended", "obligation_resumed", "obligation_undetermined", "obligation_due_changed",
         "remedy_arisen", "remedy_exercised", "remedy_lapsed", "remedy_expired", "remedy_undetermined", "remedy_settled",
         "remedy_withdrawn", "withdrawn")


def _period(row) -> dict:
    """``{"period": True}`` when a duty's or remedy's trigger is its recurring period's label (2026-08), not a fact."""
    b = row.bindings or {}
    return {"period": True} if any(type(v) is PeriodValue and v.label == row.trigger_id for v in b.values()) else {}


class Watch:
    """What a session watches: the duties still open and the remedies still held are given a class of
    their own — the evaluator's, whose attribute assignments also note the object in ``sink`` — so
    that a look after an instant examines what something was set on, not everything still open (a
    violated duty never performed stays open for ever: its late performance is still to be said)."""

    def __init__(self):
        self.sink: list = []
        self.classes: dict = {}  # the evaluator's class -> its watched subclass

    def of(self, base: type) -> type:
        c = self.classes.get(base)
        if c is None:
            def __setattr__(obj, name, value, _set=base.__setattr__, _note=self.sink.append):
                _set(obj, name, value)
                _note(obj)
            c = self.classes[base] = type(base.__name__, (base,), {"__slots__": (), "__setattr__": __setattr__,
                                                                  "__qualname__": base.__qualname__,
                                                                  "__module__": base.__module__,
                                                                  "_watched_from": base})
        return c


def _watch(x, w: Watch) -> None:
    if "_watched_from" not in type(x).__dict__:
        x.__class__ = w.of(type(x))


def _unwatch(x) -> None:
    base = type(x).__dict__.get("_watched_from")
    if base is not None:
        x.__class__ = base


class Session:
    """A resumable evaluation of one contract's facts (``CompiledRules.session``)."""

    def __init__(self, rules, facts_path: str = "<facts>", prepared=None):
        self.rules = rules
        self.p = prepared if prepared is not None else rules.prepared  # (a backend's: rules.prepared_for)
        self.path = facts_path
        self.labels = self.p.labels if hasattr(self.p, "labels") else Labels(self.p.checked)
        self.facts: list = []  # every fact added, in replay order (time, then id)
        self.known: dict = {}  # the same by id (a repeated line is one fact; a ref names one of them)
        self.texts: dict = {}  # their text values beyond ASCII by NFC form (one written two ways: ``value_form``)
        # a `ref (kinds) ahead` naming a fact not come yet: its id -> [(the referring fact, attribute, kinds)] — the
        # fact, when it comes, must be of those kinds, as eval, which sees the whole file, checks (a reviewer, round 18)
        self._ahead_refs: dict = {}
        self.lines = 0  # lines read so far: the next one is line lines + 1
        self.clock: datetime | None = None  # None: no fact yet, never advanced
        self.ev: Evaluation | None = None  # the replay so far (made by the first fact)
        self.taken = 0  # facts[:taken] are in ev
        self.done: tuple = ()  # ev's agenda has run everything before this (instant, phase[, 0: facts taken])
        self.failed: QiyueError | None = None  # the replay met an error: every later answer is that error
        self._pending: list = []  # changes not yet handed out: (instant, after, code, args)
        self._announced: set = set()  # ids of the facts the changes have named
        self._seen: dict = {}  # key of an obligation, event, remedy or the contract -> what the changes said
        self._what: dict = {}  # the same key -> what names it in a change (a withdrawn one says which)
        self._watched = Watch()
        self._track_reset()

    # ------------------------------------------------------------------ what comes in
    def add(self, facts) -> list:
        """Add facts: one JSON line or a text of lines (a str), lines, or fact dicts.  They are
        validated as ``eval`` validates a file (numbered on from the lines added before, a repeated
        id checked against every fact so far) and must not be earlier than the clock; a bad line or a
        late fact refuses the whole call (``QiyueError``), nothing of it added.  The clock moves on to
        the latest of them.  Returns the facts added (a line repeating a fact adds nothing)."""
        from ..api import fact_lines

        self._refuse_if_closed()
        lines, _, _ = fact_lines([facts] if isinstance(facts, dict) else facts)
        first = self.lines + 1
        self.lines += len(lines)
        events = load_facts(lines, self.rules.schema, self.path, first, self.known, self.texts)
        # (a fact of the clock's own day known by that day alone — a bank statement's value date — is not earlier
        # than the clock: some time that day, as eval takes it; the facts of that day are replayed with it.  One of an
        # earlier day is refused, said by its day, not by an hour it never gave: counsel round 37)
        today = Moment.of(self.clock).day if self.clock is not None else None
        late = [e for e in events if self.clock is not None and e.moment.at < self.clock
                and not (e.bare and e.moment.day == today)]
        if late:
            raise QiyueError([diag("fact_before_clock", Span(self.path, e.line, 1, e.line, 2), line=e.line,
                                   id=e.id, at=e.moment.day.isoformat() if e.bare else e.moment.iso(),
                                   clock=self.clock.isoformat(),
                                   hint="hint:fact_before_clock") for e in late])
        if not events:
            return []
        self._check_ahead_refs(events)
        events.sort(key=_WHEN_ID)
        for e in events:
            self.known[e.id] = e
        at = events[0].moment.at
        k = bisect.bisect_left(self.facts, at, key=_AT)  # (facts of that instant already added join them)
        if k < len(self.facts):
            for e in events:  # (each put in its place: a batch stamped with one instant, added line by line, is
                # not sorted again whole at each line — the fuzzer: n² —; only the pointers after it move)
                bisect.insort(self.facts, e, lo=k, key=_WHEN_ID)
        else:
            self.facts.extend(events)
        if self.ev is not None and self.p.ref_attrs:  # (a fact named by an earlier one of the same call: said when
            for fid, refs in _later_refs(events, self.p.ref_attrs).items():  # taken, as eval says it)
                self.ev._later_refs.setdefault(fid, []).extend(refs)
        # a notice of termination known by its day alone, decided that day before a fact of that day it reads was
        # known: decided again now that the replay can see it, as eval, which looks ahead in its facts, decides it
        # (the fuzzer, round 9)
        reads = self.p.termination_reads
        decided = [t for t, day in (self.ev.bare_decided if self.ev is not None else ())
                   if any(e.moment.day == day and e.moment.at > t and e.type in reads for e in events)]
        if decided or k < self.taken or (self.done and self.done > (at, PHASE_DECIDE)):
            self._rebuild(min([at, *decided]))  # that instant's facts were taken (or what follows them ran): again
            # (a fact of the clock's day known by that day alone, before the clock: what it withdraws is said so —
            # not "a fact of the same instant": review round 37)
            self._day_alone = self.clock is not None and any(e.bare and e.moment.at < self.clock for e in events)
        self.clock = max(self.clock or events[-1].moment.at, events[-1].moment.at)
        return events

    def _check_ahead_refs(self, events) -> None:
        """A fact that an earlier `ref (kinds) ahead` named before it came is of one of those kinds (else
        ``ref_type``, at the referring line, as eval says it — and the call is refused); the references of these
        facts to ids not come yet are kept for the facts that come later."""
        schema, pending = self.rules.schema, self._ahead_refs
        bad = [(ref_ev, attr, types, e) for e in events for ref_ev, attr, types in pending.get(e.id, ())
               if e.type not in types]
        if bad:
            raise QiyueError([diag("ref_type", Span(self.path, ref_ev.line, 1, ref_ev.line, 2), name=attr, ref=e.id,
                                   type=e.type, types=list(types), other=e.line, hint="hint:ref_type")
                              for ref_ev, attr, types, e in bad])
        for e in events:
            pending.pop(e.id, None)
        ids = {e.id for e in events}
        for e in events:
            for attr, types in schema.refs.get(e.type, ()):
                ref = e.attrs.get(attr)
                if types and ref is not None and ref not in self.known and ref not in ids \
                        and (e.type, attr) in schema.ahead:
                    pending.setdefault(ref, []).append((e, attr, types))

    def advance(self, instant) -> None:
        """Move the clock on to ``instant`` (ISO text, a date or a datetime, as ``as_of``); what falls due
        on the way happens then (``changes`` says so).  Refused when it is earlier than the clock."""
        from ..api import as_of_instant

        self._refuse_if_closed()
        at = as_of_instant(instant, "instant")
        if self.clock is not None and at < self.clock:
            raise QiyueError([diag("clock_backwards", at=at.isoformat(), clock=self.clock.isoformat())])
        self.clock = at

    # ------------------------------------------------------------------ what goes out
    def changes(self, lang: str = "zh", partial: bool = False) -> list[dict]:
        """What changed since the last call, up to the clock, in time order: each a dict with ``code``,
        ``at`` (ISO), ``after`` (True: just after ``at``), ``args`` (encoded as an explanation's are) and
        ``text`` (in ``lang``).  An error the replay met is raised (and is every later answer); with ``partial``,
        what changed before it is handed out first, the error at the next call."""
        from ..api import check_lang

        check_lang(lang)
        try:
            self._bring()
        except QiyueError:
            if not (partial and self._pending):
                raise
            # (``partial``: what changed before the replay met its error is handed out first; the error is every
            # later answer — `qiyue watch` prints those changes, then the error)
        out, self._pending = self._pending, []
        coder = Encoder(self.labels)
        return [self.word(c, coder, lang) for c in out]

    def report(self, lang: str = "zh") -> dict:
        """The report as of the clock: what ``rules.evaluate(every line added, clock)`` returns."""
        from ..api import check_lang, collector_paused

        check_lang(lang)
        self._refuse_if_closed()  # (before no_clock: "add facts" is no advice to a closed session — fuzz round 44)
        if self.clock is None:
            raise QiyueError([diag("no_clock")])
        self._bring()
        with collector_paused():
            if self.ev is None:  # before the first fact: a replay of none, as `evaluate` makes
                ev = self.p.evaluate([], self.clock)
                return self.rules._described(build(ev, self.rules.sha256, self.rules.findings, lang), self.path, None)
            day = Moment.of(self.clock).day
            if day in self.ev.bare_days and self.clock > Moment.start_of_day(day).at or self.ev.needs_replays():
                # (the clock within a day of which the replay took an event known by that day alone: it may come after
                # the clock — eval does not count it, ``Evaluation.not_yet_known`` —: a replay to the clock, as eval's;
                # so too a notice of termination of its day alone held, which eval decides replaying both orders)
                ev = self.p.evaluate(self.facts, self.clock)
                return self.rules._described(build(ev, self.rules.sha256, self.rules.findings, lang), self.path, None)
            for _ in self.ev.stop(self.clock):
                report = build(self.ev, self.rules.sha256, self.rules.findings, lang)
        return self.rules._described(report, self.path, None)

    def _stamped(self, at, code: str, args: dict):
        """The instant a change is stamped with: 00:00 of a day at which only facts known by that day alone were given
        is that day, its hour unknown — not 0时, the one hour that decides what came before it (eval words such an end
        2025年9月20日（时刻不明）: counsel round 37) — unless the change is time's own: a deadline that ran out at that
        instant (24:00 of the day before), or what a verdict of that very instant set off (review round 37)."""
        if type(at) is not Moment or not at.is_start_of_day():
            return at
        due, trigger = args.get("due"), args.get("trigger_event")
        if code == "obligation_violated" and getattr(due, "at", None) == at.at or \
                getattr(getattr(trigger, "moment", None), "at", None) == at.at and not getattr(trigger, "bare", True):
            return at
        facts = self.facts
        k = bisect.bisect_left(facts, at.at, key=_AT)
        j = bisect.bisect_right(facts, at.at, lo=k, key=_AT)  # (the facts of that instant, found — not a copy of the rest)
        return DayOnly.in_contract_time(at.local()) if j > k and all(facts[i].bare for i in range(k, j)) else at

    def word(self, change: tuple, coder: Encoder, lang: str) -> dict:
        at, after, code, args = change
        enc = {k: coder.encode(v) for k, v in args.items()}
        worded = {k: "" if v is None else clause_ref(v, lang) + " " if k == "clause" else arg(v, lang)
                  for k, v in enc.items()}  # (a clause is followed by what it says; none — an `effective` outside
        # a clause —: nothing, not a stray space, the fuzzer; in English 'clause 4', as the text report names it — a
        # bare '4 violated' reads as a count: user round 24)
        for k in ("debtor", "creditor", "holder"):  # (a party a fact did not give: said so, not left a gap —
            if k in args and args[k] is None:  # a reviewer, round 39)
                worded[k] = TEXT_WORDS["en" if lang == "en" else "zh"]["unknown_party"]
        if code.startswith("obligation_") and code != "obligation_triggered" and args.get("triggered_at") is not None \
                and self._nth.get(("duty", str(args["name"]), args.get("trigger"), args["triggered_at"].at), 0) > 1:
            # (two duties of one rule set off by one fact — the profit owed to each partner —: told apart by their
            # parties, as the summary tells them apart — the fuzzer, round 37)
            worded["name"] += (f" ({worded['debtor']} to {worded['creditor']})" if lang == "en"
                               else f"（{worded['debtor']} 对 {worded['creditor']}）")
        if "trigger_event" in enc:  # (a derived trigger: worded as eval words it, not by the engine's key)
            worded["trigger"] = worded["trigger_event"]
        elif args.get("period") and lang != "en":  # (a recurring duty's period: 2026年8月, not 2026-08 — round 37)
            worded["trigger"] = period_label_zh(args["trigger"])
        elif str(args.get("trigger") or "").startswith("time:"):  # (a `when` that held as a period ran out: as eval
            worded["trigger"] = "a period running out" if lang == "en" else TEXT_WORDS["zh"]["period_ran_out"]  # words it)
        if "by_event" in enc:  # (performed by a derived event: the same — in Chinese without its instant, the
            worded["by"] = fact_name_zh(enc["by_event"]) if lang != "en" else worded["by_event"]  # change's own)
        moment = arg(coder.encode(self._stamped(at, code, args)), lang)
        key = f"change:{code}" + (".due" if code == "obligation_triggered" and args.get("due") is not None else
                                  ".condition" if code in _PERFORMED and args.get("by") is None else
                                  ".when" if code == "remedy_lapsed" and args.get("condition") is not None else
                                  ".agreed" if code == "remedy_expired" and args.get("agreed") else
                                  ".right" if code == "remedy_expired" and args.get("right") else
                                  ".day" if code == "withdrawn" and args.get("day") else "")
        when = render("change:after" if after else "change:at", {"at": moment}, lang)
        return {"code": code, "at": at.iso(), "after": after, "args": enc,
                "text": render("change:line", {"at": when, "what": render(key, worded, lang)}, lang)}

    # ------------------------------------------------------------------ the replay, resumed
    def _new_evaluation(self) -> Evaluation:
        """A replay to FAR on the session's backend; the one it replaces is released (the durable
        backend's durable_rules session), and so is the last one when the session is closed or freed."""
        self._release()
        ev = self.p.new_evaluation(FAR)
        ev._ahead = self.facts  # (the facts known so far, in time order: a day-alone notice looks at its day's)
        ev._later_refs = _later_refs(self.facts, self.p.ref_attrs)
        self._finalizer = weakref.finalize(self, ev.release)
        return ev

    def close(self) -> None:
        """Release what the session holds outside Python (the durable backend's session); it answers
        nothing after."""
        self._release()
        self.failed = QiyueError([diag("live_closed")])

    def _refuse_if_closed(self) -> None:
        """A closed session takes nothing and answers nothing (``live_closed``): not facts, not a clock moved on."""
        if self.failed is not None and self.failed.diagnostics[0].code == "live_closed":
            raise self.failed

    def _release(self) -> None:
        """Release the current replay now, its finalizer detached (left attached, it would keep the
        replay alive until the session dies)."""
        if self.ev is not None:
            self._finalizer.detach()
            self.ev.release()

    def _bring(self):
        """Run the replay on to the clock, noting what changed at each instant it passes: each fact's
        and each instant something was due at (and just after it, for a period of hours)."""
        if self.failed is not None:
            raise self.failed
        if self.clock is None:
            return
        try:
            self._run_to(self.clock)
        except (*_REPLAY_ERRORS, QiyueError) as exc:
            raise self._stopped(self.ev, exc) from None

    def _stopped(self, ev: Evaluation, exc: Exception) -> QiyueError:
        """The error the replay met, as the session's answer from now on (``failed``): a division by zero or a
        length past its range worded as ``evaluate`` words it; one already a diagnostic (a table without the row
        a fact names) as it is — asked again, the same error, never a state half taken: `evaluate` stops there."""
        self.failed = exc if isinstance(exc, QiyueError) else self.p.error(ev, exc)
        return self.failed

    def _run_to(self, to: datetime):
        facts, n = self.facts, len(self.facts)
        while True:
            ev = self.ev
            nxt = facts[self.taken].moment.at if self.taken < n and facts[self.taken].moment.at <= to else None
            slot = ev.slots[0] if ev is not None and ev.slots and ev.slots[0] < (to, PHASE_LATE) else None
            if nxt is None and slot is None:
                return
            at = nxt if slot is None or (nxt is not None and nxt <= slot[0]) else slot[0]
            if nxt == at:
                j = self.taken + 1
                while j < n and facts[j].moment.at == at:
                    j += 1
                if ev is None:
                    ev = self.ev = self._new_evaluation()
                    ev.start_fixed_recurrences(at)
                for f in facts[self.taken:j]:
                    if f.id not in self._announced:  # (a fact taken again in a new replay is said once)
                        self._announced.add(f.id)
                        self._pending.append((f.moment, False, "fact", {"fact": f}))
                ev.take(facts[self.taken:j] if j > self.taken + 1 else facts[self.taken])
                self.taken, self.done = j, (at, PHASE_DECIDE, 0)
            ev.run_scheduled((at, PHASE_LATE))
            while ev._by_known is not None and ev._by_known.at <= at:
                # (a value a `due by` / `until` waits for, made known by an event deemed in a slot up to here: tried
                # again at this instant, as eval's replay and ``stop`` do — not at the next stop, a later instant;
                # the fuzzer, round 10)
                ev.retry_due_by()
                ev.run_scheduled((at, PHASE_LATE))
            self.done = max(self.done, (at, PHASE_LATE))
            self._observe(Moment.of(at), False)
            if at < to and ev.slots and ev.slots[0] < (at, PHASE_LATE + 1):  # late just after `at`
                ev.run_scheduled((at, PHASE_LATE + 1))
                self.done = (at, PHASE_LATE + 1)
                self._observe(Moment.of(at), True)

    def _rebuild(self, at: datetime):
        """A fact of an instant whose facts were already taken: the replay made again up to just
        before that instant's facts, without a word; the next look compares everything with what the
        changes said so far."""
        ev = self.ev = self._new_evaluation()
        facts = self.facts
        ev.start_fixed_recurrences(facts[0].moment.at)
        i = 0
        try:
            while i < len(facts) and facts[i].moment.at < at:
                j = i + 1
                while j < len(facts) and facts[j].moment.at == facts[i].moment.at:
                    j += 1
                ev.take(facts[i:j] if j > i + 1 else facts[i])
                i = j
            ev.run_scheduled((at, PHASE_DECIDE))
        except (*_REPLAY_ERRORS, QiyueError) as exc:
            raise self._stopped(ev, exc) from None
        self.taken, self.done = i, (at, PHASE_DECIDE)
        self._track_reset()

    # ------------------------------------------------------------------ what changed
    def _track_reset(self):
        self._full = True  # the next look goes through everything (a new replay)
        self._day_alone = False  # (set by ``add``: that replay came of a fact of the clock's day known by that day alone)
        self._counted: dict = {}  # obligation name -> instances looked at
        self._live: dict = {}  # id -> (instance, key): obligations whose status may still change (watched)
        self._events = 0
        self._remedies = 0
        self._live_remedies: dict = {}  # id -> (remedy, key): remedies still held (watched)
        self._nth: dict = {}  # a key's first part -> how many had it (the n-th duty of one trigger)

    def _key(self, base: tuple) -> tuple:
        n = self._nth.get(base, 0) + 1
        self._nth[base] = n
        return base + (n,)

    def _observe(self, at: Moment, after: bool):
        """Compare the state now with what the changes said, and say what differs."""
        ev, seen, say = self.ev, self._seen, self._pending.append
        full, visited = self._full, set()
        out = []  # (order, …): the contract first, then deemed events, duties, remedies
        if full or ("contract",) in seen or ev.effective_by is not None or ev.ended_by is not None:
            life = (ev.effective_by.moment if ev.effective_by else None,
                    ev.effective_by.type if ev.effective_by else None,
                    ev.ended_by.moment if ev.ended_by else None,
                    ev.ended_by.type if ev.ended_by else None)
            old = seen.get(("contract",), (None, None, None, None))
            if life != old:
                for n, code in ((0, "contract_effective"), (2, "contract_ended")):
                    if life[n:n + 2] == old[n:n + 2]:
                        continue
                    if old[n] is not None:  # (a fact of the same instant, come later, took the contract's life
                        # to another ground — another termination, say — or undid it: the one said is withdrawn)
                        out.append(("withdrawn", {"what": "event", "name": TypeRef(old[n + 1]), "at": old[n],
                                                  **({"day": True} if self._day_alone else {})}))
                    if life[n] is None:
                        continue
                    by = ev.effective_by if n == 0 else ev.ended_by
                    x = self.p.checked.lives.get(by.type)
                    # (the end on a delivered notice: the notice's fact, as the eval report says it — `tn`, not the
                    # engine's key of the deemed delivery, notice_delivered:tn: contract round 33)
                    trigger = root_id(by.attrs.get("source") or "", {d.name for d in self.p.checked.rules.deemed}
                                      | set(self.p.checked.lives)) if n == 2 else None
                    out.append((code, {"name": TypeRef(by.type), "clause": x.clause if x else None,
                                       **({"trigger": trigger} if n == 2 else {}), "at": by.moment}))
                seen[("contract",)] = life
            visited.add(("contract",))
        lives = self.p.checked.lives
        for e in ev.events[0 if full else self._events:]:
            key = self._key(("event", e.type, e.id))
            visited.add(key)
            if key not in seen:
                seen[key] = True
                self._what[key] = {"name": TypeRef(e.type), "at": e.moment}
                if e.type not in lives:
                    d = self.p.checked.deemed.get(e.type)
                    out.append(("deemed", {"name": TypeRef(e.type), "clause": d.clause if d else None,
                                           # (known by its day alone: worded as that day, not an hour of it)
                                           "at": DayOnly.in_contract_time(e.moment.local()) if e.bare else e.moment,
                                           "source": e.attrs.get("source")}))
        self._events = len(ev.events)
        touched = self._touched()
        live = self._live
        if full:
            for inst, _ in live.values():
                _unwatch(inst)
            live.clear()
        for inst, key in self._looked_at(full, touched):
            if full:
                visited.add(key)
            d = inst.deadline
            due = d.due if d is not None and not d.provisional else None
            state = (inst.status._value_, inst.fulfilled.at if inst.fulfilled else None, due)
            old = seen.get(key)
            if old != state:
                out.extend(self._duty_changes(inst, old, state))
                seen[key] = state
                if old is None:
                    self._what[key] = {"name": TypeRef(inst.rule.decl.name), "trigger": inst.trigger_id,
                                       "triggered_at": inst.triggered}
            if inst.status not in _FINAL and not (inst.status is Status.VIOLATED and inst.fulfilled):
                if id(inst) not in live:  # (watched: what sets its status, performance or deadline says so)
                    live[id(inst)] = (inst, key)
                    _watch(inst, self._watched)
            elif live.pop(id(inst), None) is not None:
                _unwatch(inst)
        held = self._live_remedies
        if full:
            for r, _ in held.values():
                _unwatch(r)
            held.clear()
        remedies = [held[id(x)] for x in touched if id(x) in held] + \
            [(r, self._key(("remedy", r.plan.decl.name, r.holder, r.trigger_id, r.since.at)))
             for r in ev.remedies[0 if full else self._remedies:]]
        self._remedies = len(ev.remedies)
        for r, key in remedies:
            if full:
                visited.add(key)
            old = seen.get(key)
            if old != r.status:
                args = {"name": TypeRef(r.plan.decl.name), "clause": r.plan.decl.clause, "holder": r.holder,
                        "trigger": r.trigger_id, "since": r.since, "status": r.status,
                        **self._trigger_event(r.because, r.trigger_id), **_period(r)}
                if old is None:
                    out.append(("remedy_arisen", args))
                    self._what[key] = {k: args[k] for k in ("name", "holder", "trigger", "since")}
                if r.status in _REMEDY:  # (lapsed unused for a year, 第564条第2款: expired; with the end: lapsed)
                    expired = r.status == "lapsed" and any(type(x) is Step and x.code in _POWER_LAPSED
                                                           for x in r.because)
                    gone = next((x for x in r.because if type(x) is Step and x.code in ("lapsed_when", "row_lapsed_when")),
                                None) \
                        if r.status == "lapsed" else None
                    if gone is not None:  # (gone by its own `lapses when`, the contract in force: said so — the fuzzer)
                        args = {**args, "condition": gone.args.get("condition")}
                    if expired and any(type(x) is Step and x.code in ("power_lapsed_agreed", "power_lapsed_until")
                                       for x in r.because):  # (the contract's own period, 第564条第1款: not the year)
                        args = {**args, "agreed": True}
                    if expired and any(type(x) is Step and x.code in ("right_lapsed_agreed", "right_lapsed_until")
                                       for x in r.because):  # (a right to accelerate: the contract's period, no 第564条)
                        args = {**args, "right": True}
                    out.append(("remedy_expired" if expired else _REMEDY[r.status], args))
                seen[key] = r.status
            if r.status in ("held", "undetermined"):
                if id(r) not in held:
                    held[id(r)] = (r, key)
                    _watch(r, self._watched)
            elif held.pop(id(r), None) is not None:
                _unwatch(r)
        if full:
            for key in [k for k in seen if k not in visited]:
                named = self._what.pop(key, {"name": TypeRef(key[1]) if len(key) > 1 else None})
                del seen[key]
                if key[0] == "event" and key[1] in lives:  # (the contract's life is said by its own key: its
                    continue  # instants; the same instant's start or end read from another fact is no change)
                out.append(("withdrawn", {"what": key[0], **named, **({"day": True} if self._day_alone else {})}))
            self._full = self._day_alone = False
        for code, args in out:
            say((at, after, code, args))

    def _touched(self) -> list:
        """The watched duties and remedies something was set on since the last look (each once)."""
        sink = self._watched.sink
        if not sink:
            return []
        once = {id(x): x for x in sink}
        sink.clear()
        return list(once.values())

    def _looked_at(self, full: bool, touched: list = ()):
        """The duties whose state may have changed: every one (a new replay), else the new ones and the
        open ones something was set on since the last look."""
        if not full:
            live = self._live
            yield from (live[id(x)] for x in touched if id(x) in live)
        counted = self._counted
        for name, insts in self.ev.instances.items():
            start = 0 if full else counted.get(name, 0)
            for inst in insts[start:]:
                yield inst, self._key(("duty", name, inst.trigger_id, inst.triggered.at))
            counted[name] = len(insts)

    def _trigger_event(self, because: list, trigger_id) -> dict:
        """``{"trigger_event": the event}`` when a duty's or remedy's trigger is an event the engine derived — a
        duty's stage (`pay_installment_1#1.violated`), a deemed event —, whose id is the engine's key, not words
        legal staff read: the change words it as eval's `triggered_by` does (its instant, what it is and the fact it
        comes from); ``args.trigger`` stays the id.  A fact's own id needs nothing more: ``{}``."""
        if trigger_id is None or trigger_id in self.known:
            return {}
        for step in because[:1]:
            if type(step) is Step and step.code == "triggered_by":
                for ev in step.args.get("facts") or ():
                    if getattr(ev, "id", None) == trigger_id:
                        return {"trigger_event": ev}
            if type(step) is Step and step.code == "conditions_held":  # (a `when` a derived event completed — an
                ev = step.args.get("last")  # agreed end, by_agreement:m1: fuzz round 34)
                if getattr(ev, "id", None) == trigger_id:
                    return {"trigger_event": ev}
        return {}

    def _by_event(self, inst) -> dict:
        """``{"by_event": the event}`` when what performed a duty is an event the engine derived (a notice deemed
        delivered: ``notice_delivered:r1``, its key): the change words it as eval does — 视为送达（源自 r1） — and
        ``args.by`` stays the id (contract round 36).  A fact's own id needs nothing more: ``{}``."""
        by = inst.fulfilled_by
        if by is None or by in self.known:
            return {}
        for step in reversed(inst.because):
            if type(step) is Step:
                for v in step.args.values():
                    if type(v) is Event and v.id == by:
                        return {"by_event": v}
        return {}

    def _duty_changes(self, inst, old: tuple | None, state: tuple) -> list:
        decl = inst.rule.decl
        d = inst.deadline
        args = {"name": TypeRef(decl.name), "clause": decl.clause, "trigger": inst.trigger_id,
                "triggered_at": inst.triggered, "debtor": inst.debtor, "creditor": inst.creditor,
                "due": d.end() if state[2] is not None else None, "status": state[0],
                "fulfilled_at": inst.fulfilled, "by": inst.fulfilled_by,
                **self._trigger_event(inst.because, inst.trigger_id), **self._by_event(inst), **_period(inst)}
        out = []
        if old is None:
            out.append(("obligation_triggered", args))
            old = ("inactive" if state[0] == "inactive" else "active", None, state[2])
        if state[0] != old[0] and state[0] in _MOVED and old[0] != "inactive":
            out.append(("obligation_discharged_in_part" if state[0] == "discharged" and inst.because
                        and getattr(inst.because[-1], "code", None) == "discharged_in_part" else _MOVED[state[0]], args))
        elif state[0] == old[0] == "violated" and state[1] is not None and old[1] is None:
            out.append(("obligation_performed_late", args))
        if state[2] != old[2] and state[2] is not None and state[0] not in ("fulfilled", "excused", "discharged"):
            out.append(("obligation_due_changed", args))
        return out
