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
from hypothesis import reject, strategies as st

from ..lang import model as m
from ..run.compiler import Env, Event, referenced_types
from ..time.timecalc import CONTRACT_TZ, Moment, Unit

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
    goals: list["Goal"] = field(default_factory=list)  # for each rule, the facts that set it off
    first_goals: list["Goal"] = field(default_factory=list)  # the facts that put the contract in force
    end_goals: list["Goal"] = field(default_factory=list)  # the facts that end it (a termination)
    # kind of fact -> [(attribute, condition)]: `require ATTR when COND` of its declaration (FactSchema's)
    requirements: dict = field(default_factory=dict)

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
        every = goals(rules, declared)
        effective = {x.name for x in rf.effective}
        spec.goals = [g for g in every if g.rule not in effective]
        spec.first_goals = [g for g in every if g.rule in effective]
        spec.end_goals = [g for g in every if g.rule in {x.name for x in rf.terminations}]
        spec.requirements = {k: v for k, v in rules.schema.requirements.items() if v}
        return spec


@dataclass(frozen=True)
class RefTo:
    """A hint for a reference: name an earlier fact of one of these kinds (``n.ref == s.id``).  The kinds in their
    sorted order, not a set: hints are ordered by how they are written, and a set's order moves with the process's
    string hashes — one seed must draw the same streams in every run."""
    kinds: tuple


@dataclass(frozen=True)
class Same:
    """A hint for an attribute: the value an earlier fact of these kinds has for ``attr``
    (``r.subproject == s.subproject``)."""
    kinds: tuple
    attr: str


@dataclass(frozen=True)
class Later:
    """A hint for a date or an instant compared with one that moves with the facts
    (``g.valid_until > service_period.last_day + 3 months``): the fact's own instant plus the periods
    that expression names, a few days either side."""
    length: timedelta


@dataclass(frozen=True)
class Goal:
    """The facts that can set off one rule (an obligation, a remedy, a deemed event, a termination)
    by one of its triggers: the kinds of fact it reads, through the rules it reads in turn (a remedy
    for a duty violated reads what triggers that duty), and for each kind's attributes the values
    its conditions compare them with (``a.installment == 1 and a.amount == installment_1``, a
    reference to the fact it is about, the same sub-project).  A random stream rarely meets four
    such conditions at once; a stream drawn for a goal meets them most of the time, and misses one
    now and then — both sides of the rule."""
    rule: str
    types: tuple[str, ...]  # kinds of fact, those a reference names first
    hints: tuple[tuple[str, str, tuple], ...]  # (kind, attribute, values as a fact line writes them | RefTo | Same)
    lengths: tuple[timedelta, ...] = ()  # the periods of the rules it reads (a service year, 10 working days)

    def hinted(self, etype: str) -> dict[str, tuple]:
        return {a: vs for t, a, vs in self.hints if t == etype}


_STEPS = {"int": 1, "number": CENT, "money": CENT, "date": ONE_DAY}


def rules_named(node, rules) -> list[str]:
    """The rules of the file (obligations, remedies, deemed events, effective and termination
    grounds) that ``node`` (a property, say) names: what a search for it should aim at."""
    rf = rules.checked.rules
    names = {x.name for x in (*rf.obligations, *rf.remedies, *rf.deemed, *rf.effective, *rf.terminations)}
    found = set()
    for n in m.nodes(node):
        if isinstance(n, m.Source):
            found.add(n.type_name)
        elif isinstance(n, m.Name):
            found.add(n.name)
    return sorted(found & names)


def goals(rules, declared: set[str]) -> list[Goal]:
    """One goal per trigger of each rule (and property) of the file that reads facts."""
    checked = rules.checked
    rf = checked.rules
    comp = rules.prepared.compiler
    decls = {e.name: e for e in rf.events}
    named = {x.name: x for x in (*rf.obligations, *rf.remedies, *rf.deemed, *rf.effective, *rf.terminations)}
    # (and each property: a goal that draws the facts it speaks of — the force majeure of 甲方 that
    # `never pay.violated v where exists(force_majeure f where f.party == 甲方 …)` is about)
    named.update({x.name: x for x in rf.properties if x.name not in named})

    def constant(e):
        try:
            return comp.expr(e, set())(Env({}, None, None))
        except Exception:  # noqa: BLE001 - an expression that reads facts or the state: no constant
            return None

    def kinds_read(node, seen=frozenset()) -> set[str]:
        """The declared kinds of fact ``node`` reads, through the derived events and duties it names."""
        out = set()
        if isinstance(node, list):
            return out.union(*(kinds_read(x, seen) for x in node))
        for k in referenced_types(node, checked):
            base = k.split(".")[0]
            if base in declared:
                out.add(base)
            elif base in named and base not in seen:
                out |= kinds_read(named[base], seen | {base})
        return out

    def facts_of(type_name: str) -> set[str]:
        """The declared kinds behind an alias's type: itself, or what sets off a derived event."""
        if type_name in declared:
            return {type_name}
        rule = named.get(type_name)
        return kinds_read(rule.triggers) if rule is not None else set()

    def hints_of(rule) -> dict:
        aliases: dict[str, set[str]] = {}
        for n in m.nodes(rule):
            if isinstance(n, m.Source) and n.alias:
                aliases.setdefault(n.alias, set()).update(facts_of(n.type_name))
        hints: dict[tuple[str, str], set] = {}
        excused = {id(n) for x in getattr(rule, "excuses", ()) for n in m.nodes(x)}  # (an exception: met by chance)

        def attr_of(x):
            if isinstance(x, m.Sum) and not isinstance(x, m.Consecutive):  # (the total, reached by one)
                x = x.value
            ok = isinstance(x, m.Attribute) and isinstance(x.obj, m.Name) and x.obj.name in aliases
            return (x.obj.name, x.name) if ok else None

        negated = {id(n) for x in m.nodes(rule) if isinstance(x, m.Not) for n in m.nodes(x.item)}
        for n in m.nodes(rule):  # (a yes-or-no attribute read as a condition: `r.passed`, `not h.passed`)
            here = attr_of(n) if isinstance(n, m.Attribute) and id(n) not in excused else None
            for t in aliases[here[0]] if here else ():
                attr = next((a for a in decls[t].attrs if a.name == here[1]), None)
                if attr is not None and attr.type.kind == "bool":
                    hints.setdefault((t, attr.name), set()).add(id(n) not in negated)
        for n in m.nodes(rule):
            if not isinstance(n, m.Compare) or id(n) in excused:
                continue
            for side, other in ((n.left, n.right), (n.right, n.left)):
                here = attr_of(side)
                if here is None:
                    continue
                there = attr_of(other)
                value = constant(other) if there is None else None
                for t in aliases[here[0]]:
                    attr = next((a for a in decls[t].attrs if a.name == here[1]), None)
                    if attr is None:
                        continue
                    if there is not None and there[1] == "id" and attr.type.kind == "ref":
                        hints.setdefault((t, attr.name), set()).add(RefTo(tuple(sorted(aliases[there[0]]))))
                    elif there is not None and there[1] != "id":
                        hints.setdefault((t, attr.name), set()).add(Same(tuple(sorted(aliases[there[0]])), there[1]))
                    elif value is None and there is None and attr.type.kind in ("date", "datetime"):
                        total = sum(lengths_of(other), timedelta(0))
                        if total:
                            hints.setdefault((t, attr.name), set()).add(Later(total))
                    elif value is not None and not (n.op == "!=" and attr.type.kind not in _STEPS):
                        step = _STEPS.get(attr.type.kind) if n.op != "==" else None
                        for v in (value,) if step is None else (value, value + step, value - step):
                            written = _written(attr.type, v)
                            if written is not None:
                                hints.setdefault((t, attr.name), set()).add(written)
        return hints

    def lengths_of(rule) -> set[timedelta]:
        out, todo, seen = set(), [rule], set()
        while todo:
            for n in m.nodes(todo.pop()):
                if isinstance(n, m.DurationExpr) and n.amount is not None and n.unit is not None:
                    out.add(_length(n.amount, n.unit))
                elif isinstance(n, m.Name) and n.name not in seen:
                    seen.add(n.name)
                    if n.name in checked.periods:
                        todo.append(checked.periods[n.name])
                    elif n.name in checked.params:
                        try:
                            v = comp.param(n.name)(Env({}, None, None))
                        except Exception:  # noqa: BLE001 - a parameter that reads the state
                            continue
                        if hasattr(v, "unit") and hasattr(v, "amount"):
                            out.add(_length(v.amount, v.unit))
        return {x for x in out if x}

    rule_hints = {name: hints_of(rule) for name, rule in named.items()}
    rule_lengths = {name: lengths_of(rule) for name, rule in named.items()}
    def parts(rule, trigger=...):
        """(what sets the rule off, the rest of it: what performs it, excuses, amounts)"""
        rest = [getattr(rule, f) for f in rule.__dataclass_fields__ if f not in ("triggers", "span")]
        return (rule.triggers if trigger is ... else [trigger] if trigger is not None else []), rest

    def read(nodes, positive: bool = False) -> tuple[set[str], set[str]]:
        """The declared kinds ``nodes`` read directly, and the rules they name (``positive``: only
        where they must be present — not under a `not`, not in an exception)."""
        kinds, rules_named = set(), set()
        for x in (_positive(nodes) if positive else nodes):
            for k in referenced_types(x, checked):
                base = k.split(".")[0]
                (kinds if base in declared else rules_named if base in named else set()).add(base)
        return kinds, rules_named

    out = []
    for name, rule in named.items():
        for trigger in rule.triggers or [None]:
            # each kind's levels: what the rules it reads (and the rules those read) are set off by comes
            # first, then what performs them, then what sets this rule off, then what performs it
            levels: dict[str, list[int]] = {}
            todo, seen = [(name, 0, trigger)], set()
            if getattr(rule, "exercises", None) in named:  # (a ground that uses up a power: what gives it)
                todo.append((rule.exercises, 1, ...))
            while todo:
                r, depth, which = todo.pop(0)
                if r in seen:  # (each rule once, at the depth it is first read: a cycle does not reorder)
                    continue
                seen.add(r)
                for level, nodes in zip((2 * depth + 1, 2 * depth), parts(named[r], which)):
                    ks, rs = read(nodes, positive=True)
                    for k in ks:
                        levels.setdefault(k, []).append(level)
                    for k in read(nodes)[0] - ks:  # (read only where it must be absent: last)
                        levels.setdefault(k, [])
                    todo += [(x, depth + 1, ...) for x in sorted(rs) if x != r]
            hints, lengths = {}, set()
            for r in seen:
                for key, vs in rule_hints[r].items():
                    hints.setdefault(key, set()).update(vs)
                lengths |= rule_lengths[r]
            if levels:
                kinds = sorted(levels, key=lambda k: (-max(levels[k], default=-1), -min(levels[k], default=-1), k))
                out.append(Goal(name, _referred_first(kinds, decls, hints),
                                tuple((t, a, tuple(sorted(vs, key=str))) for (t, a), vs in sorted(hints.items())),
                                tuple(sorted(lengths))))
    return out


def _positive(root) -> list:
    """The sources, names and calls under ``root`` that are not under a `not` or in an exception:
    what must be there for the rule to be set off, in an order the goal draws first."""
    out, stack = [], [root]
    while stack:
        x = stack.pop()
        if x is None or isinstance(x, (str, int, float, bool, Decimal, date, m.Span, m.Not, m.Excuse)):
            continue
        if isinstance(x, (list, tuple)):
            stack.extend(x)
        elif isinstance(x, (m.Source, m.Name, m.Call)):
            out.append(x)
            if isinstance(x, m.Call):
                stack.extend(x.args)
        elif hasattr(x, "__dataclass_fields__"):
            stack.extend(getattr(x, f) for f in x.__dataclass_fields__)
    return out


def _referred_first(kinds: list[str], decls: dict, hints: dict) -> tuple[str, ...]:
    """The kinds in an order where a kind that another's reference names (or whose value another
    copies) comes before it."""
    def needs(k, kinds=(RefTo, Same)):
        out = {t for a in decls[k].attrs if a.type.kind == "ref" and a.type.values for t in a.type.values}
        for (t, _), vs in hints.items():
            if t == k:
                out |= {x for v in vs if isinstance(v, kinds) for x in v.kinds}
        return out - {k}

    out: list[str] = []
    left = list(kinds)
    while left:  # (two kinds that copy each other's value: a reference decides, then the name)
        ready = [k for k in left if not needs(k) & set(left)] or \
            [k for k in left if not needs(k, RefTo) & set(left)][:1] or left[:1]
        out += ready
        left = [k for k in left if k not in ready]
    return tuple(out)


def _written(t: m.AttrType, v):
    """A constant as a fact line writes an attribute of type ``t`` (None: not a value of that type)."""
    k = t.kind
    try:
        if k in ("money", "int", "number") and isinstance(v, (int, Decimal)) and not isinstance(v, bool) and \
                not _in_range(t, v):
            return None  # (a step beside a constant that no fact may hold: ¥0.00 - ¥0.01, below a range)
        if k == "money" and isinstance(v, Decimal):
            return f"{v.quantize(CENT)}"
        if k == "int" and isinstance(v, (int, Decimal)) and not isinstance(v, bool) and v == int(v):
            return int(v)
        if k == "number" and isinstance(v, (int, Decimal)) and not isinstance(v, bool):
            return str(v)
        if k in ("text", "party") and isinstance(v, str):
            return v
        if k == "enum" and isinstance(v, str) and v in t.values:
            return v
        if k == "bool" and isinstance(v, bool):
            return v
        if k == "date" and isinstance(v, date) and not isinstance(v, datetime):
            return v.isoformat()
    except (ArithmeticError, ValueError, TypeError):
        return None
    return None


_LONGEST = timedelta(days=36525)  # (a century: an instant further on is past any window the streams are drawn in)


def _length(amount: int, unit) -> timedelta:
    """A period as time to add to an instant: days of all kinds as days (a working day as a day,
    a month as 30 days) — close enough to land near a deadline, where the ± a day and ± a second
    then fall on both sides of it; at most a century (9,999 years would pass the year 9999)."""
    return min(_full_length(amount, unit), _LONGEST)


def _full_length(amount: int, unit) -> timedelta:
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
        try:
            at = base + draw(st.sampled_from(spec.lengths)) + shift
        except OverflowError:  # (past year 9999: the window's end)
            at = _at(hi, time(23, 59, 59))
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
    if k == "money":  # (not below zero, or within the range declared: `money -10000000..10000000`)
        top = max(spec.money, default=Decimal("100000.00"))
        lo = Decimal(t.low) if t.low is not None else Decimal(0)
        hi = Decimal(t.high) if t.high is not None else max(top * 2, lo)
        anywhere = st.decimals(lo, hi, places=2, allow_nan=False, allow_infinity=False)
        named = _near(spec.money, CENT).filter(lambda v: _in_range(t, v)) if spec.money else anywhere
        return st.one_of(named, named, anywhere).map(lambda v: f"{Decimal(v).quantize(CENT)}")
    if k == "bool":
        return st.booleans()
    if k == "date":
        day = at.astimezone(CONTRACT_TZ).date()
        return st.one_of(st.sampled_from(spec.dates), st.integers(-3, 40).map(lambda n: day + n * ONE_DAY),
                         st.integers(300, 800).map(lambda n: day + n * ONE_DAY)  # (a guarantee valid past the term)
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
          at: datetime | None = None, bare: bool = False, hints: dict | None = None) -> dict:
    """One fact of kind ``etype`` as a dict (a line of a fact file once written as JSON); ``hints``
    gives, for some attributes, the values a rule compares them with: drawn most of the time."""
    hints = hints or {}
    earlier = earlier or []
    decl = next(e for e in spec.events if e.name == etype)
    if at is None:
        at = draw(instants(spec, tuple(datetime.fromisoformat(f["at"]) for f in earlier)))
    fact = {"id": f"{etype[:12]}-{number}", "type": etype, "at": at.isoformat()}
    for a in decl.attrs:
        hinted = _resolved(hints.get(a.name, ()), earlier, at, a.type) if draw(st.integers(0, 3)) > 0 else ()
        if (a.optional or a.has_default) and not hinted and (
                bare or draw(st.integers(0, 4)) == 0 or not _can_refer(a.type, earlier)):
            continue  # (left out now and then: an optional attribute, or one with a default)
        fact[a.name] = draw(st.sampled_from(hinted)) if hinted else draw(values(spec, a.type, earlier, at))
    for name, cond, _ in spec.requirements.get(etype, ()):  # `require ref when subject == "data_leak"`
        if name not in fact and _required(cond, fact, at, decl):
            a = next(x for x in decl.attrs if x.name == name)
            if not _can_refer(a.type, earlier):  # (a notice about a leak before any leak: not a fact a file can hold)
                reject()
            fact[name] = draw(values(spec, a.type, earlier, at))
    return fact


def _required(cond, fact: dict, at: datetime, decl) -> bool:
    """Whether a `require … when COND` holds for a drawn fact (its attributes as drawn: texts, numbers, parties)."""
    attrs = {k: v for k, v in fact.items() if k not in ("id", "type", "at")}
    for a in decl.attrs:  # (an attribute left out takes its default, as the loader gives it)
        if a.has_default and a.name not in attrs:
            attrs[a.name] = a.default
    try:
        return bool(cond(Env({"__self__": Event(fact["id"], fact["type"], Moment.of(at), attrs, 0, None)}, None, at)))
    except Exception:  # (a condition on a value drawn in its written form, a money text say: the loader decides)
        return False


LATER_BY = tuple(timedelta(days=n) for n in (-30, -7, -1, 0, 1, 7, 30))


def _resolved(hinted: tuple, earlier: list[dict], at: datetime, t: m.AttrType) -> list:
    """The values of an attribute's hints, with a reference or a copy resolved against the facts
    drawn so far, a later date against the fact's own instant (none: the hint cannot be met yet); a copy
    only where the attribute may hold it (`d.accepted < d.qty`: an optional count of any size is no `qty 1..`)."""
    kind, out = t.kind, []
    for h in hinted:
        if isinstance(h, Later):
            out += [(at + h.length + d).astimezone(CONTRACT_TZ).date().isoformat() if kind == "date"
                    else (at + h.length + d).isoformat() for d in LATER_BY]
        elif isinstance(h, RefTo):
            out += [f["id"] for f in earlier if f["type"] in h.kinds]
        elif isinstance(h, Same):
            out += [f[h.attr] for f in earlier if f["type"] in h.kinds and h.attr in f and _holds(t, f[h.attr])]
        else:
            out.append(h)
    return out


def _in_range(t: m.AttrType, v) -> bool:
    """Whether a number is one an attribute of type ``t`` may hold: within its range, money without one not below
    zero."""
    return not ((t.kind == "money" and t.low is None and v < 0) or (t.low is not None and v < t.low)
                or (t.high is not None and v > t.high))


def _holds(t: m.AttrType, written) -> bool:
    """Whether an attribute of type ``t`` may hold a value as a fact line writes it: a number within the
    type's range (``_in_range``); any other value as it is."""
    if t.kind not in ("int", "number", "money") or isinstance(written, bool):
        return True
    try:
        v = Decimal(str(written).replace(",", ""))
    except ArithmeticError:
        return True
    return _in_range(t, v)


def _can_refer(t: m.AttrType, earlier: list[dict]) -> bool:
    """Whether a reference of type ``t`` has an earlier fact to name (always, for other types)."""
    return t.kind != "ref" or any(not t.values or f["type"] in t.values for f in earlier)


def _possible(spec: Spec, etype: str, earlier: list[dict]) -> bool:
    """Whether a fact of kind ``etype`` can be made now: each reference it needs has a fact to name."""
    decl = next(e for e in spec.events if e.name == etype)
    return all(a.optional or a.has_default or _can_refer(a.type, earlier) for a in decl.attrs)


@st.composite
def fact_streams(draw, spec: Spec, max_facts: int = 12, types: list[str] | None = None,
                 aim: list[str] | None = None):
    """A fact stream: (the fact dicts in time order, the instant to evaluate at).  Most streams
    begin with what puts the contract in force; the evaluation instant is the last fact, or a
    while after it (a day, a month, a year), so that deadlines pass.  Half of them are drawn for a
    goal (``goal_streams``): one of the rules named in ``aim`` when it names some (three in four
    then), else any rule of the file."""
    kinds = types or spec.weighted or [e.name for e in spec.events]
    aimed = [g for g in spec.goals if g.rule in aim] if aim else []
    if types is None and spec.goals and draw(st.integers(0, 3)) < (3 if aimed else 2):
        return draw(goal_streams(spec, max_facts, draw(st.sampled_from(aimed)) if aimed else None))
    out: list[dict] = []
    if spec.first_types and draw(st.integers(0, 4)) > 0:  # (most often without its optional attributes:
        out.append(draw(facts(spec, draw(st.sampled_from(spec.first_types)), 0, out,  # "signed by both at once")
                              bare=draw(st.integers(0, 3)) > 0)))
    for n in range(len(out), draw(st.integers(0, max_facts))):
        possible = [k for k in kinds if _possible(spec, k, out)]
        out.append(draw(facts(spec, draw(st.sampled_from(possible)), n, out)))
    return _in_order(draw, spec, out)


def _in_order(draw, spec: Spec, out: list[dict]):
    """The stream in time order, and an instant to evaluate at: the last fact, or a while after it
    (a second, a day, ten days, forty days, a year), so that deadlines pass."""
    out.sort(key=lambda f: datetime.fromisoformat(f["at"]))
    last = max((datetime.fromisoformat(f["at"]) for f in out), default=_at(spec.window[0], time(0)))
    as_of = last + draw(st.sampled_from((timedelta(0), ONE_SECOND, ONE_DAY, 10 * ONE_DAY, 40 * ONE_DAY,
                                         400 * ONE_DAY)))
    return out, as_of


@st.composite
def goal_streams(draw, spec: Spec, max_facts: int = 12, goal: Goal | None = None):
    """A stream drawn to set off one rule (``goal``, or one drawn from the file's): what puts the
    contract in force, then one to three facts of each kind that rule reads, their attributes most
    often the values its conditions name, at instants soon after (or on the edges the rule file
    names), and a few facts of other kinds."""
    goal = goal or draw(st.sampled_from(spec.goals))
    out: list[dict] = []
    way = draw(st.integers(0, 5)) if spec.first_types else 0
    if way >= 3:  # (in force at once: "signed by both", without its optional attributes)
        out.append(draw(facts(spec, draw(st.sampled_from(spec.first_types)), 0, out, bare=True)))
    elif way > 0:  # (what puts it in force, drawn as for a goal: each party's signature, say)
        first = draw(st.sampled_from(spec.first_goals)) if spec.first_goals else None
        for etype in first.types if first else ():
            for _ in range(draw(st.integers(1, 2))):
                if _possible(spec, etype, out):
                    out.append(draw(facts(spec, etype, len(out), out, hints=first.hinted(etype),
                                          at=datetime.fromisoformat(out[0]["at"]) if out and draw(st.booleans())
                                          else None)))
    start = min((datetime.fromisoformat(f["at"]) for f in out), default=None)
    end = draw(st.sampled_from(spec.end_goals)) if spec.end_goals and draw(st.integers(0, 3)) == 0 else None
    ends_first = end is not None and draw(st.booleans())  # (now and then the contract ends: before or after)
    for g in ((end, goal) if ends_first else (goal, end)):
        if g is not None:
            start = _chain(draw, spec, g, out, start, max(max_facts, 2 * len(goal.types) + 1))
    kinds = spec.weighted or [e.name for e in spec.events]
    for _ in range(draw(st.integers(0, 3))):
        if len(out) >= max_facts:
            break
        possible = [k for k in kinds if _possible(spec, k, out)]
        out.append(draw(facts(spec, draw(st.sampled_from(possible)), len(out), out)))
    return _in_order(draw, spec, out)


def _chain(draw, spec: Spec, goal: Goal, out: list[dict], start: datetime | None, most: int) -> datetime | None:
    """Draw one to three facts of each of the goal's kinds into ``out``, each soon after the one before
    (in the order of the goal's kinds: what is referred to first), or one of its periods after it
    (± a second or a day), now and then anywhere; returns the instant the chain reached."""
    for etype in goal.types:
        for _ in range(draw(st.integers(1, 3))):  # (twice: a sum, a repeat, a later one)
            if len(out) >= most or not _possible(spec, etype, out):
                break
            at = None
            if start is not None and draw(st.integers(0, 2)) > 0:
                at = start + (draw(st.sampled_from(goal.lengths)) if goal.lengths and draw(st.booleans())
                              else timedelta(days=draw(st.integers(0, 30)))) + \
                    draw(st.sampled_from((timedelta(0), ONE_SECOND, -ONE_SECOND, ONE_DAY, -ONE_DAY, timedelta(hours=1))))
                at = max(start, _at(at.astimezone(CONTRACT_TZ).date(), draw(st.sampled_from(TIMES)))) \
                    if draw(st.booleans()) else at
                at = start = min(at, _at(spec.window[1], time(23, 59, 59)))  # (a year the calendar knows)
            out.append(draw(facts(spec, etype, len(out), out, at=at, hints=goal.hinted(etype))))
    return start


def lines(stream: list[dict]) -> list[str]:
    """The fact dicts as the lines of a fact file."""
    return [json.dumps(f, ensure_ascii=False) for f in stream]
