"""Testing a rule file's `property` blocks against one evaluation.

A property holds when, at the end of the evaluation (``as_of``), each of its conditions is true for
every match of its `for each` patterns (once, when it has none) and none of its `never` patterns
matches.  A failure names the property, the binding it failed for, and what failed — as data."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..run.compiler import Env, Event
from ..time.timecalc import CalendarYearUnknown


@dataclass
class Failure:
    """One way a property failed: ``what`` is the condition or the never-pattern (its rule text);
    ``facts`` the facts and events bound when it failed (the match of a never-pattern included)."""
    name: str
    label: str | None
    clause: str | None
    what: str
    kind: str  # "holds" (a condition was false) or "never" (a pattern matched)
    facts: list = field(default_factory=list)
    # a false comparison (the condition, or the first false part of its `and`): (op, (words, value) of each side) —
    # the values a reader would otherwise recount (user round 24); None for another condition
    sides: tuple | None = None


def failures(ev) -> list[Failure]:
    """Every property of the evaluation's rule file that fails, at most one failure each (the first
    binding it fails for, in the order the facts came)."""
    out = []
    ev.now = ev.as_of
    for plan in ev.p.properties:
        try:
            found = _first_failure(plan, ev)
        except (ArithmeticError, ValueError) as exc:  # (a division by zero in the property: the stream cannot
            ev.current_rule, ev.current_fact = plan.decl, None  # be told by it — said as a replay's error is, at
            raise ev.p.error(ev, exc) from None  # the property, not a traceback)
        if found is not None:
            out.append(found)
    return out


def _bindings(plan, ev):
    if not plan.patterns:
        yield {}
        return
    env = Env({}, ev, ev.as_of)
    for pattern in plan.patterns:
        # (the bindings of each fact of the first kind apart: one whose condition needs a year no calendar knows is
        # spared, as a condition of `holds` is — not a traceback ending the run: contract round 32)
        for e in list(ev.history.get(pattern.sources[0][0], ())):
            try:
                found = list(ev.matches(pattern, env, first=0, event=e))
            except CalendarYearUnknown:
                continue
            yield from found


def _first_failure(plan, ev) -> Failure | None:
    """(A condition that cannot be told — it needs a year no calendar knows — is not a failure.)"""
    d = plan.decl
    for b in _bindings(plan, ev):
        env = Env(b, ev, ev.as_of)
        for k, (text, test) in enumerate(plan.holds):
            try:
                ok = test(env)
            except CalendarYearUnknown:
                continue
            if not ok:
                return Failure(d.name, d.label, d.clause, text, "holds", _events(b),
                               _sides(plan.sides[k] if k < len(plan.sides) else (), env))
        for text, pattern in plan.never:
            try:
                hit = next(ev.matches(pattern, env), None)
            except CalendarYearUnknown:
                continue
            if hit is not None:
                return Failure(d.name, d.label, d.clause, text, "never", _events(hit))
    return None


def _sides(comparisons, env) -> tuple | None:
    """The first false comparison of a failed condition, with its two sides' values: (op, (words, value),
    (words, value)); None when none is (a condition of another shape, a side that cannot be told)."""
    for test, op, (left_words, left), (right_words, right) in comparisons:
        try:
            if test(env):
                continue
            return op, (left_words, left(env)), (right_words, right(env))
        except (CalendarYearUnknown, ArithmeticError, ValueError):  # (its values not to be had: the failure said alone)
            return None
    return None


def _events(b: dict) -> list:
    seen, out = set(), []
    for v in b.values():
        if isinstance(v, Event) and v.id not in seen:
            seen.add(v.id)
            out.append(v)
    return out
