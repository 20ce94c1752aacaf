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

from ..compiler import Env
from ..evaluator import Evaluation, Prepared
from ..timecalc import CalendarYearUnknown
from .patterns import CompiledPatterns, compile_patterns, rule_triggers

NEVER = ("", False)  # (a line whose condition is false whatever the fact)
_NOTHING_BOUND = MappingProxyType({})  # the bindings a trigger starts from (read-only)

BACKENDS = ("reference", "durable")



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
        for key, _plan, _t, tp in self.lines:
            if key in self.patterns.compiled:
                self.key_of[id(tp)] = (key, False)
            elif key in self.patterns.never:
                self.key_of[id(tp)] = NEVER
            elif key in self.patterns.filters:
                self.key_of[id(tp)] = (key, True)
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
            where = "rete" if key in pt.compiled else "never" if key in pt.never else \
                "rete+residual" if key in pt.filters else "residual"
            out.append({"line": key, "rule": getattr(plan.decl, "name", None) or plan.decl.code,
                        "text": tp.text, "span": str(t.span) if getattr(t, "span", None) else None,
                        "runs_on": where, "reason": self.patterns.refused.get(key)})
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
    """The reference's replay, whose `for each` lines the Rete matches (``matched``)."""

    __slots__ = ("live", "sid")

    def __init__(self, prepared: DurablePrepared, as_of: datetime):
        super().__init__(prepared, as_of)
        self.live = prepared.live
        self.sid = self.live.new_session()

    def release(self):
        """Free this evaluation's durable_rules session (its replay is over)."""
        self.live.matcher.delete(self.sid)

    def matched(self, e) -> list:
        """The rules an event sets off, with their bindings, in the reference's order: each line
        the Rete runs from its activations, each residual line by qiyue's own matcher."""
        entries = self.p.by_type.get(e.type, ())
        if not entries:
            return []
        key_of = self.live.key_of
        hits = None
        found = []
        for plan, trig, pos in entries:
            rete = key_of.get(id(trig))
            if rete is not None:  # the Rete's: asserted once, every line it completes at once
                key, again = rete
                if rete is NEVER:
                    continue
                if hits is None:
                    hits = self.live.matcher.feed(self.sid, e)
                if key not in hits:
                    continue
                if not again:
                    found.append((plan, trig, {trig.pattern.names[0]: e}, e.moment, e.id))
                    continue
            found += self.residual(plan, trig, pos, e)
        return found

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


__all__ = ["BACKENDS", "DurableEvaluation", "DurablePrepared", "LivePlan", "plan"]
