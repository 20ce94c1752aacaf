"""A rule file's `for each` patterns as one durable_rules ruleset (the first slice of issue 14).

Each `for each EVENT x where CONDITION` line of a rule (obligation, remedy, deemed event, finding,
the contract's taking effect and its ends) whose CONDITION reads only ``x``'s own attributes and
constants — literals, parties, parameters whose value is a literal — becomes one durable_rules rule;
fed a contract's facts, ``Matcher`` says which of those lines each fact matches.  A line of another
shape is ``refused`` with the reason (a join of several facts, an aggregate, an instant, a number
without an exact form in durable_rules …): docs/live.md says how each is to be mapped.

Values are sent in exact forms: money as an integer of fen, dates as day numbers, text, parties,
references and enum values as strings, booleans as booleans, integers as integers; an attribute a fact
leaves out is left out of the message (durable_rules, like qiyue, then fails every comparison with it).
A `not` is pushed inward (De Morgan) so that an unknown attribute reads as qiyue reads it: `not
x.a == 1` holds when ``a`` is unknown, `x.a != 1` does not.
"""
from __future__ import annotations

import json
import operator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from fractions import Fraction

from ..lang import model as m
from ..lang.checker import BUILTINS, CALENDAR_DAYS, CALENDAR_PLACES, Checker
from ..lang.amounts import MAX_MONEY
from ..lang.numbers import OPS, apply, rounded
from ..time.timecalc import CONTRACT_TZ, Moment, Period, Unit, count as count_period
from ..messages import Msg
from ..run.compiler import Env, Event, _as_instant, _ends_a_day, _norm
from ..run.state import TRANSITIONS, Status
from .rete import A, ID, MID, SID, TYPE, Beyond, Pool

N = "qy_n"  # a kept fact's place in its evaluation's history (joins put partners in that order)

_FLIP = {"==": "==", "!=": "!=", ">": "<", "<": ">", ">=": "<=", "<=": ">="}
_NEGATE = {"==": "!=", "!=": "==", ">": "<=", "<": ">=", ">=": "<", "<=": ">"}
_DURABLE = {"!=": "$neq", ">": "$gt", ">=": "$gte", "<": "$lt", "<=": "$lte"}
_PY = {"==": operator.eq, "!=": operator.ne, ">": operator.gt, ">=": operator.ge, "<": operator.lt,
       "<=": operator.le}
_ORDERED = frozenset({"int", "money", "date", "instant"})  # kinds whose values are sent as ordered integers
_EQUAL_ONLY = frozenset({"text", "party", "ref", "bool"})  # kinds compared only for (in)equality
# a number (a decimal) is sent as a double when it has at most 15 significant digits: distinct decimals of
# 15 digits are distinct doubles (DBL_DIG), and rounding to the nearest double never reverses an order, so
# the Rete compares such values exactly as qiyue does; a fact with a number of more digits is marked
# (``INEXACT``) and its one-fact lines are matched by qiyue.  (Joins and `exists( )` do not read numbers.)
_DOUBLE_DIGITS = 15
INEXACT = "qy_inexact"
EVENT_ID = "__id"  # an attribute naming a fact (an obligation stage's `by`) is sent as that fact's id
# the form of an instant that knows its day (a fact's, a deemed event's, `month_end( )`'s), for comparisons qiyue
# makes by the day (``compiler._compare_by_day``: 24:00 of a day is before 00:00 of the next, one instant though
# they are): twice its microseconds, plus one unless it is the end of its day (``encode``) — the same order
BY_DAY = "by_day"
# the duties of an obligation that `triggered( )` or `open( )` reads, in the session's working memory
# (``DurableEvaluation.arose``): a kind no rule file can name (a name has no colon). Each such obligation
# has, once its first duty arose, one fact `what: "arose"` (for `triggered( )`), and each of its duties a
# fact `what: "duty"` with its status while it can still change (for `open( )`: ACTIVE or SUSPENDED, as
# ``Evaluation.is_open``); a duty whose status can no longer change leaves working memory
DUTY = "qy:duty"
OPEN_STATUSES = (Status.ACTIVE.value, Status.SUSPENDED.value)
# a line comparing a fact's instant with a bound of a period of the rule file (`r.at < warranty.end`), or reading a
# yes/no parameter computed from state (`not accepted`), is decided when qiyue's replay matches the fact — not when
# it records it: a period can move between the two (the contract taking effect at that instant moves the service's
# start) — on a copy of the fact's message of the kind ``PROBE`` + its kind, asserted then and retracted at once,
# carrying each period's bounds and each parameter's value as the replay has them then (``bound``, ``state``: a
# bound not yet known is left out, and a comparison with it fails, as qiyue's does); the Rete compares the fact's
# instant with them (`$m`: a property of the same message)
PROBE = "qy:at:"
# a line joining three or more facts with one kind of fact in several places (`ordered o, delivered d, delivered
# e`) may pair a fact with itself (`d` and `e` one delivery) as qiyue does, but durable_rules never binds one message
# twice: each kept fact of such a kind is asserted once more for each further place (``COPY`` + N + ":" + its kind,
# the kind's Nth copy), and the line's Nth place of the kind reads the Nth copy — every combination, a fact in two
# places too, completed once; no other rule reads a copy
COPY = "qy:copy"


class Counter:
    """What a value computed from one fact alone reads of an evaluation, in place of one (``Env.st``): the
    count of a period on the rules' calendar (`end of 2 working days after f`, `day 3 after n`), as
    ``Evaluation.count`` counts it — the same instant whatever the history."""

    __slots__ = ("calendar",)

    def __init__(self, calendar):
        self.calendar = calendar

    def count(self, start: Moment, period: Period, counting):
        return count_period(start, period, counting, self.calendar)


def copy_type(kind: str, n: int) -> str:
    """The kind a fact's ``n``th copy is asserted as (``COPY``; the 0th: the fact itself)."""
    return f"{COPY}{n}:{kind}" if n else kind
PAIR = "qy_pair"  # (the probes of a join's two facts a count reads, made together: one pair, ``Matcher.probe``)
OWN = "qy_c."  # (a part of the condition read from the fact alone, carried by its message: ``own_cond``)
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
AT = A + "at"  # a fact's instant in every message: integer microseconds since the epoch (``micros``)
AT_DAY = A + "at__day"  # …and the day it counts as (`x.at.day`; 24:00 counts as the day before), a day number
_MICROSECOND = timedelta(microseconds=1)


def micros(at: datetime) -> int:
    """An instant as durable_rules compares it exactly: whole microseconds since the epoch (an instant has
    no finer part; 2**63 microseconds are 292,000 years)."""
    return (at - EPOCH) // _MICROSECOND
FINAL_STATUSES = frozenset(s for s, targets in TRANSITIONS.items() if not targets)


class Refused(Exception):
    """A pattern the Rete does not decide, and why: ``msg`` — the reason as a catalogue phrase
    (``word:rete.KEY``: `qiyue check --backend durable` says it in Chinese or English); ``str()`` — in
    English (``LivePlan.describe``, docs and tests)."""

    def __init__(self, key: str, **args):
        self.msg = Msg(f"word:rete.{key}", args)
        super().__init__(self.msg.text("en"))


MAX_TEXT_BYTES = 65_535  # durable_rules compares texts with strncmp over unsigned short lengths
MAX_PROPERTIES = 254  # a message's properties (MAX_OBJECT_PROPERTIES 255)
# distinct rules on one kind of fact: durable_rules keeps a node's successors in fixed tables (128 in a
# list, 256 betas, 512 hashed) and reads past them when they are full; well below, the rest are qiyue's
RULES_PER_KIND = 100
# distinct kinds of message one ruleset's rules test (the rule files' kinds, each kind's probe, copies, duties,
# and the session's opening): durable_rules hashes them into a fixed table of 512 and, once it is full, never
# returns from an assertion (measured: 511 kinds of fact and the opening answer, 512 hang); well below, the
# lines that would bring a new kind past this are qiyue's
KINDS_PER_RULESET = 400


@dataclass
class CompiledPatterns:
    """The ruleset's rules by pattern key ("obligation:NAME#i"), and what was left out and why."""

    compiled: dict[str, dict] = field(default_factory=dict)  # key -> durable_rules antecedent
    never: set[str] = field(default_factory=set)  # keys whose condition is false whatever the fact
    refused: dict[str, str] = field(default_factory=dict)  # key -> reason (in English)
    why: dict[str, Msg] = field(default_factory=dict)  # key -> the reason as a catalogue phrase (its words in zh, en)
    kinds: dict[str, dict[str, object]] = field(default_factory=dict)  # event type -> attr -> kind
    names: dict[str, str] = field(default_factory=dict)  # durable_rules rule name -> pattern key
    # refused lines of one fact whose condition is a conjunction with some parts the Rete can test:
    # those parts, as a rule (a filter: a fact that fails it fails the line; one that passes it is
    # tested by qiyue, the whole condition — a residual), by pattern key
    filters: dict[str, dict] = field(default_factory=dict)
    filter_names: dict[str, str] = field(default_factory=dict)  # durable_rules rule name -> pattern key
    # lines that join several facts: their rules (the kinds of fact of each source, the leading parts
    # of the condition the Rete can test — each source's own attributes against constants, equalities
    # and orders between the sources' attributes), by pattern key; what each line is (``Join``)
    # (a line whose condition has alternatives across its facts — `or`, `not` — is several rules, one per
    # alternative, ``_dnf``: a pair any of them completes is the line's, once)
    joins: dict[str, list[dict]] = field(default_factory=dict)
    # one-fact lines whose condition holds `exists( )` of a kind of fact (``_tree``): the condition as a tree
    # whose leaves are rules — on the line's own fact ("fact") or counting the facts an `exists( )` counts
    # ("count") — by pattern key; the leaves' rules under "KEY/i" (like the filters, matched with them)
    trees: dict[str, object] = field(default_factory=dict)
    leaves: dict[str, dict] = field(default_factory=dict)  # "KEY/i" -> durable_rules antecedent
    leaf_names: dict[str, str] = field(default_factory=dict)  # durable_rules rule name -> "KEY/i"
    counts: dict[str, str] = field(default_factory=dict)  # "KEY/i" of a "count" leaf -> the kind it counts
    # count leaves of an `exists( )` whose fact's instant is compared with a period's bound (`exists(closed k where
    # k.at < span.end)`): "KEY/i" -> True: the earliest instant of the facts that passed it is tracked (`<`,
    # `<=`), False: the latest (``_exists_leaf``)
    extremes: dict[str, bool] = field(default_factory=dict)
    # count leaves of a `sum( )` compared with a constant: "KEY/i" -> (the attribute summed, the form it is sent in)
    sums: dict[str, tuple] = field(default_factory=dict)
    # conditions computed from state alone that probes carry: name -> qiyue's compiled expression
    conds: dict[str, object] = field(default_factory=dict)
    # one-fact lines with an `exists( )` that reads the line's fact (`not exists(resolved r where r.ref ==
    # s.id)`): line key -> the kinds of fact it counts, kept in the session and joined with the line's probe
    tree_joins: dict[str, set] = field(default_factory=dict)
    join_lines: dict[str, "Join"] = field(default_factory=dict)
    # obligations whose duties a leaf reads (`triggered( )`, `open( )`) -> what of them: "arose", "duty"
    duties: dict[str, set] = field(default_factory=dict)
    # kinds of fact some line decides on the fact's probe -> what the probe carries (("period", name): its
    # bounds; ("param", name): a parameter's value computed from state), and the lines (or leaves) on probes
    probes: dict[str, set] = field(default_factory=dict)
    probe_keys: set = field(default_factory=set)
    # joins of two kinds of fact that the Rete would not wholly decide when their facts are recorded (a
    # period's bounds, a parameter computed from state): decided when the replay matches either fact, on its
    # probe joined with the other fact kept in the session — a rule per position of the probe (pattern key
    # -> position -> its rules, one per alternative of the condition; ``_probe_join``)
    probe_joins: dict[str, dict[int, list[dict]]] = field(default_factory=dict)
    probe_types: dict[str, set] = field(default_factory=dict)  # kind of fact -> the lines on its probe
    # values a join compares that are computed from one fact alone (`if a.score >= 90 then fee otherwise …`):
    # kind of fact -> [(property, the compiled expression, its alias, the kind it is sent as)], carried by
    # each message of that kind (``Matcher.message``)
    derived: dict[str, list] = field(default_factory=dict)
    # count( ) and sum( ) of a kind of fact joined with a one-fact line's probe (``_agg_joined``): "KEY/aN" ->
    # how the facts its leaves pair with the probe are counted and compared (``JoinedAgg``)
    joined_aggs: dict[str, "JoinedAgg"] = field(default_factory=dict)
    # kinds of fact some join reads in several places of three or more (``Join.copied``) -> the copies each
    # kept fact of the kind is asserted as, besides itself (``COPY``)
    copies: dict[str, int] = field(default_factory=dict)
    counter: "Counter | None" = None  # (what a value computed from one fact reads of an evaluation)
    # kinds of fact whose attributes a sum across facts reads (``_within``) -> property -> the largest value (in the
    # form sent) with which no partial sum overflows: a fact holding more is Beyond the Rete
    limits: dict[str, dict[str, int]] = field(default_factory=dict)
    # the leaves of a join's aggregates by "KEY~j" (``_join_aggs``) as ``_agg_joined`` makes them, before they are
    # added as rules
    agg_leaves: dict[str, list] = field(default_factory=dict)
    # an `exists( )` of another kind of fact in the condition of an aggregate joined with a probe, reading the
    # counted fact (`count(reported i where … and not exists(restored r where r.ref == i.id and r.at <= i.at + 4
    # hours))`): "KEY/mN" -> the rules (one per alternative of its condition) joining the counted fact (``j0``)
    # with a fact of that kind, both kept in the session; each time one fires, the counted fact is marked
    # (``DurableEvaluation._marks``) — the aggregate then takes the facts marked, or those not (``_marked``)
    marks: dict[str, list] = field(default_factory=dict)
    # lines over two facts of one kind that must be one fact (``one_fact_twice``): compiled as the one-fact line
    # they are; the backend binds both names to the fact, at the first place alone
    twice: set[str] = field(default_factory=set)

    def matcher(self, per_ruleset: int = 1024, filters: bool = False) -> "Matcher":
        """The matcher of the compiled lines (and, with ``filters``, of the filters and joins too)."""
        return Matcher(self, per_ruleset, filters)

    def runs_on(self, key: str) -> str:
        """Where the line ``key`` runs: "rete" (a durable_rules rule decides it), "never" (its condition
        is false whatever the fact), "rete+residual" (the Rete tests the leading parts of its condition
        it can, qiyue the facts that pass them against the whole) or "residual" (qiyue's own matcher)."""
        line = self.join_lines.get(key)
        if key in self.trees:
            return "rete"
        if line is not None:
            return "rete" if line.whole else "rete+residual"
        return "rete" if key in self.compiled else "never" if key in self.never else \
            "rete+residual" if key in self.filters else "residual"

    @property
    def kept_types(self) -> frozenset:
        """The kinds of fact a join reads: their facts stay in the session (a later fact may pair
        with them)."""
        return frozenset(t for j in self.join_lines.values() for t in j.types) | \
            frozenset(t for kinds in self.tree_joins.values() for t in kinds)


@dataclass(frozen=True)
class Join:
    """A `for each` line over several facts that the Rete joins: its sources' aliases and kinds of
    fact, and whether the Rete tests its whole condition (``whole``) or only the leading parts
    (qiyue tests each pair it finds against the whole condition)."""

    aliases: tuple[str, ...]
    types: tuple[str, ...]
    whole: bool
    reason: str | None  # (why not whole: the first part the Rete cannot test)
    why: Msg | None = None  # (the same as a catalogue phrase)
    # parts of its condition that count or add up facts of another kind reading one or two of its sources (`not
    # exists(fault_fixed x where x.ref == f.id)`): (those sources' positions, the ``JoinedAgg``'s name) — each
    # decided on the probes of those sources' facts (made together: one pair), joined with the counted facts kept
    # in the session (``_join_aggs``)
    aggs: tuple = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The sources' names in the ruleset (``j0``, ``j1`` …: no alias of a rule file can clash
        with a name durable_rules gives a meaning)."""
        return tuple(f"j{i}" for i in range(len(self.aliases)))

    @property
    def self_pairs(self) -> bool:
        """Two sources of one kind of fact: qiyue pairs a fact with itself, durable_rules never
        binds one fact twice, so that pair is qiyue's to test."""
        return len(self.types) == 2 and self.types[0] == self.types[1]

    @property
    def copied(self) -> bool:
        """Three or more sources with one kind in several places: its later places read copies (``COPY``)."""
        return len(self.types) > 2 and len(set(self.types)) < len(self.types)

    def place_types(self) -> tuple[str, ...]:
        """The kind each source's rule tests: the fact's own, or for a later place of a kind in a ``copied``
        line, that kind's copy."""
        if not self.copied:
            return self.types
        return tuple(copy_type(t, self.types[:j].count(t)) for j, t in enumerate(self.types))


def rule_triggers(prepared):
    """(key, rule plan, trigger model, trigger plan) of every `for each` line, in file order by kind."""
    groups = (("effective", prepared.effective), ("termination", prepared.terminations),
              ("obligation", prepared.obligations), ("remedy", prepared.remedies),
              ("deemed", prepared.deemed), ("finding", prepared.findings))
    for kind, plans in groups:
        for j, plan in enumerate(plans):
            name = getattr(plan.decl, "name", None) or f"{plan.decl.code}@{j}"  # (findings: by code and place)
            for i, (t, tp) in enumerate(zip(plan.decl.triggers, plan.triggers)):
                if isinstance(t, m.ForEach):
                    yield f"{kind}:{name}#{i}", plan, t, tp


def findings(rules) -> list:
    """What `qiyue check --backend durable` adds to a rule file's findings: each `for each` line the
    Rete does not wholly decide (``runs_on`` "residual" or "rete+residual"), at its place in the file,
    with the reason (info: the durable backend's report is the reference's either way).  Compiled
    without durable_rules: the patterns are plain data."""
    from ..diagnostics import diag

    pt = compile_patterns(rules)
    out = []
    for key, plan, t, _tp in rule_triggers(rules.prepared):
        where = pt.runs_on(key)
        if where not in ("residual", "rete+residual"):
            continue
        decl = plan.decl
        out.append(diag("live_residual" if where == "residual" else "live_residual.partial", t.span,
                        severity="info", hint="hint:live_residual", clause=getattr(decl, "clause", None),
                        rule=getattr(decl, "name", None) or decl.code, reason=pt.why[key]))
    return out


class _Checked:
    """The checked rule file as the patterns read it, with the values of its parameters that read nothing
    of an evaluation (``consts``: `performance_bond = 5% of total`), each a constant of the rules."""

    def __init__(self, checked, consts: dict, compiler=None, durations: dict | None = None):
        self._checked, self.consts, self.compiler = checked, consts, compiler
        self.durations = durations or {}  # parameters holding a length of time alone (`response_limit = 2 hours`)
        # conditions computed from the evaluation's state alone, tested on probes (``_Translator.state_cond``):
        # id(expression) -> (its name, qiyue's compiled expression); and values computed from state alone
        # that a fact's attribute is compared with (``_Translator.state_value``), likewise — keyed by (id, the
        # microseconds it is moved by) when it is moved by a fixed duration
        self.conds: dict[int, tuple[str, object]] = {}
        self.values: dict[int, tuple[str, object]] = {}
        # parts reading one fact alone and constants, carried by its message (``_Translator.own_cond``):
        # (kind of fact, id(expression)) -> (property, qiyue's compiled expression, the alias it reads)
        self.owns: dict[tuple[str, int], tuple[str, object, str]] = {}
        # the expressions those are keyed by the ids of, kept alive: a part made while translating (a comparison
        # with a value by cases, taken case by case) is freed after, and a later one could reuse its id — and be
        # taken for it (a reviewer's finding: one line tested with another's part)
        self.alive: list = []

    def __getattr__(self, name):
        return getattr(self._checked, name)


def _constants(rules) -> dict:
    """The parameters whose value needs no evaluation — computed from literals and one another, with no
    state, instant or calendar (an expression that reads any finds no state here, and is not one)."""
    out = {}
    compiler = rules.prepared.compiler
    for name in rules.checked.params:
        try:
            value = compiler.param(name)(Env({}, None, None))
        except Exception:  # noqa: BLE001 - whatever it reads of an evaluation, it is not a constant
            continue
        if type(value) in (bool, int, str, Decimal, date):
            out[name] = value
    return out


def _durations(rules) -> dict:
    """The parameters whose value is a length of time needing no evaluation (`response_limit = 2 hours`)."""
    compiler, out = rules.prepared.compiler, {}
    for name in rules.checked.params:
        if rules.checked.param_types.get(name) != "duration":
            continue
        try:
            value = compiler.param(name)(Env({}, None, None))
        except Exception:  # noqa: BLE001 - (one that reads an evaluation is not one)
            continue
        if type(value) is Period:
            out[name] = value
    return out


def compile_patterns(rules) -> CompiledPatterns:
    """The `for each` patterns of ``rules`` (CompiledRules) that this slice compiles."""
    checked = _Checked(rules.checked, _constants(rules), rules.prepared.compiler, _durations(rules))
    out = CompiledPatterns(kinds={t: dict(et.attrs) for t, et in checked.event_types.items()},
                           counter=Counter(rules.prepared.calendar))
    for key, _plan, t, _tp in rule_triggers(rules.prepared):
        pattern = t.pattern
        single = one_fact_twice(pattern)
        if single is not None:  # (one fact named twice: the line of one fact it is, both names bound to it)
            pattern = single
            out.twice.add(key)
        if len(pattern.sources) > 1:
            try:
                joined = _join(checked, pattern, out, key)
            except Refused as exc:
                out.refused[key], out.why[key] = str(exc), exc.msg
                continue
            if joined is False:
                out.never.add(key)
                continue
            antecedents, line = joined
            if not line.whole and len(line.types) == 2:  # (decided on a probe, it may be whole)
                try:
                    out.probe_joins[key] = _probe_join(checked, pattern, out, key)
                except Refused:
                    pass
                else:
                    out.join_lines[key] = Join(line.aliases, line.types, True, None)
                    continue
            out.joins[key] = antecedents
            out.join_lines[key] = line
            if line.copied:
                for kind in set(line.types):
                    if line.types.count(kind) > 1:
                        out.copies[kind] = max(out.copies.get(kind, 0), line.types.count(kind) - 1)
            if not line.whole:
                out.refused[key], out.why[key] = line.reason, line.why
            continue
        because = None  # (why a condition with `exists( )` is beyond the Rete: its part that is)
        try:
            tree = _tree(checked, pattern, out, key)
        except Refused as exc:
            tree, because = None, exc
            for leaf in [k for k in out.leaves if k.startswith(f"{key}/x")]:  # (a leaf made for it: not kept)
                _drop_leaf(out, leaf)
            for mark in [k for k in out.marks if k.startswith(f"{key}/")]:  # (…nor the marks of its aggregates)
                del out.marks[mark]
            if out.tree_joins.pop(key, None) is not None:  # (…nor the probe a join of it made)
                out.probe_keys.discard(key)
                for lines in out.probe_types.values():
                    lines.discard(key)
        if tree is not None:
            cond, leaves = tree
            if cond is False:
                out.never.add(key)
                continue
            out.trees[key] = cond
            for i, (kind, etype, antecedent) in enumerate(leaves):
                if kind == "fact":
                    antecedent = _rule(etype, antecedent[0], antecedent[1], out, f"{key}/{i}")
                _add_leaf(out, f"{key}/{i}", antecedent)
                if kind == "count":
                    out.counts[f"{key}/{i}"] = etype
                if etype == DUTY:
                    _, obligation, what = antecedent["all"][0]["x"]["$and"][:3]
                    out.duties.setdefault(obligation[A + "obligation"], set()).add(what[A + "what"])
            continue
        try:
            tr = _Translator(checked, pattern, numbers=True, periods=True)
            cond = tr.pattern()
        except Refused as exc:
            exc = because or exc
            out.refused[key], out.why[key] = str(exc), exc.msg
            filt = _filter(checked, pattern)
            if filt is False:  # (a part that is false whatever the fact: the line never matches)
                out.never.add(key)
                del out.refused[key], out.why[key]
            elif filt is not None:
                name = f"f{len(out.filters)}"
                out.filters[key] = {"all": [{"x": filt}]}
                out.filter_names[name] = key
            continue
        if cond is False:
            out.never.add(key)
            continue
        name = f"p{len(out.compiled)}"
        out.compiled[key] = _rule(tr.type, _read(tr), cond, out, key)
        out.names[name] = key
    out.conds = dict(checked.conds.values())
    out.conds.update(checked.values.values())
    _cap(out, [key for key, *_ in rule_triggers(rules.prepared)])
    _own_conds(checked, out)
    _probe_clashes(out)
    return out


def _line_keys(out: CompiledPatterns) -> list[str]:
    """The lines with a rule on the Rete."""
    keys = {*out.compiled, *out.filters, *out.joins, *out.probe_joins, *(k.rpartition("/")[0] for k in out.leaves),
            *(k.rpartition("/")[0] for k in out.marks)}
    return sorted(keys)


def _rules_text(out: CompiledPatterns) -> str:
    """Every rule kept, as one text (to find the properties they read)."""
    return json.dumps([out.compiled, out.joins, out.filters, out.leaves, out.probe_joins, out.marks],
                      ensure_ascii=False, default=str)


def _own_conds(checked, out: CompiledPatterns) -> None:
    """The parts read from one fact alone (``_Translator.own_cond``) that a rule kept reads: computed when a
    fact of their kind is sent, as yes or no — qiyue's own truth of them (an unknown value is no, as in its
    `and`, `or` and `not`).  One that fails there (a division by zero, a table without the row, a year no
    calendar knows) is ``Beyond`` the Rete: the evaluation's lines are qiyue's from then on, which meets the
    error only where the reference does."""
    text = _rules_text(out)
    for (etype, _), (prop, fn, alias) in checked.owns.items():
        if f'"{prop}"' in text:
            out.derived.setdefault(etype, []).append((prop, lambda env, f=fn: bool(f(env)), alias, "bool", True))


def _probe_clashes(out: CompiledPatterns) -> None:
    """A kind of fact whose probe (or message) would carry two properties of one 32-bit hash — its
    attributes, the bounds and values of every line on its probe, its derived values — has its lines on
    the probe made qiyue's, with the reason (each line checked only what it reads itself)."""
    for etype in sorted(set(out.probes) | set(out.derived)):
        props = [p for kind, name in sorted(out.probes.get(etype, ()))
                 for p in (tuple(bound(name, x) for x in _CARRIED) if kind == "period" else
                           (counted(name),) if kind == "count" else (extreme(name),) if kind == "extreme" else
                           (aggregated(kind, name),) if kind in ("number", "sum") else
                           (cond(name),) if kind == "cond" else (state(name),))]
        props += [p for p, *_ in out.derived.get(etype, ())]
        clash = _hash_clash(out.kinds.get(etype, {}), props)
        if clash is None:
            continue
        why = Msg("word:rete.hash_clash", {"a": clash[0], "b": clash[1], "type": etype})
        for key in sorted(out.probe_types.get(etype, ())) + sorted(
                k for k, line in out.join_lines.items() if etype in line.types and out.derived.get(etype)):
            if key in out.probe_keys or key in out.probe_joins or key in out.join_lines:
                _drop(out, key, why)
        owns = [f'"{p}"' for p, *_ in out.derived.get(etype, ()) if p.startswith(OWN)]
        for key in _line_keys(out) if owns else ():  # (…and every line reading a part of one fact, ``own_cond``)
            if any(p in json.dumps(_antecedents(out, key), ensure_ascii=False, default=str) for p in owns):
                _drop(out, key, why)
        out.probes.pop(etype, None)
        out.derived.pop(etype, None)


def _rule(etype: str, read: list, cond: dict, out: CompiledPatterns, key: str) -> dict:
    """The rule of a test on the line's fact of kind ``etype`` (``cond``, its kind first): as it is, or —
    when it reads what qiyue counts (``read``: ("period", name) — a period's bounds —, ("param", name) — a
    parameter computed from state) — on the fact's probe."""
    if not read:
        return {"all": [{"x": cond}]}
    out.probes.setdefault(etype, set()).update(read)
    line = key.rpartition("/")[0] or key  # (a leaf "KEY/i" of a line with `exists( )`: the line's own key)
    out.probe_keys.add(line)
    out.probe_types.setdefault(etype, set()).add(line)
    test = cond["$and"][1:] if "$and" in cond else []
    return {"all": [{"x": {"$and": [{TYPE: PROBE + etype}, *test]}}]}


def _read(tr: "_Translator") -> list:
    """What a translated condition reads that qiyue counts (``_rule``)."""
    return [("period", p) for p in tr.periods or ()] + [("param", p) for p in tr.params or ()] + \
        [x for leaf in getattr(tr, "aggs", None) or () for x in leaf.reads] + [("cond", n) for n in tr.conds]


_BOUNDS = ("start", "end", "last_day")  # (a period's bounds a probe carries: `last_day` as the instant its day begins)
LAST_DAY_NUMBER = "last_day_n"  # (…and `last_day` as a day number, compared with a day: `f.at.day <= span.last_day`)
_CARRIED = (*_BOUNDS, LAST_DAY_NUMBER)


def bound(period: str, part: str) -> str:
    """The property of a probe holding a period's bound (``_BOUNDS``)."""
    return f"qy_{period}.{part}"


def counted(leaf: str) -> str:
    """The property of a probe saying whether some fact recorded so far passed the `exists( )` leaf whose
    rule is named ``leaf`` (``t<n>``, ``CompiledPatterns.leaf_names``)."""
    return f"qy_count.{leaf}"


def aggregated(what: str, leaf: str) -> str:
    """The property of a probe holding how many facts recorded so far passed the leaf named ``leaf``
    ("number") or the total of their attribute ("sum")."""
    return f"qy_{'n' if what == 'number' else 'sum'}.{leaf}"


def cond(name: str) -> str:
    """The property of a probe holding a condition computed from the evaluation's state alone."""
    return f"qy_cond.{name}"


def extreme(leaf: str) -> str:
    """The property of a probe holding the earliest (or latest) instant of the facts recorded so far that
    passed the count leaf whose rule is named ``leaf`` (``CompiledPatterns.extremes``), when one did."""
    return f"qy_ext.{leaf}"


def state(param: str) -> str:
    """The property of a probe holding a parameter's value computed from state."""
    return f"qy_param.{param}"


def _antecedents(out: CompiledPatterns, key: str) -> list[dict]:
    """The durable_rules rules a line stands on."""
    found = [d[key] for d in (out.compiled, out.filters) if key in d] + out.joins.get(key, [])
    found += [r for rules in out.probe_joins.get(key, {}).values() for r in rules]
    found += [r for k, rules in out.marks.items() if k.rpartition("/")[0] == key for r in rules]
    return found + [a for k, a in out.leaves.items() if k.rpartition("/")[0] == key]


def _kinds_of(antecedent: dict) -> set[str]:
    out = set()
    for part in antecedent["all"]:
        (cond,) = part.values()
        out.add(cond[TYPE] if TYPE in cond else cond["$and"][0][TYPE])
    return out


def _cap(out: CompiledPatterns, keys: list[str]) -> None:
    """Past ``RULES_PER_KIND`` distinct rules on one kind of fact, or ``KINDS_PER_RULESET`` kinds in all, the
    later lines (in file order) are qiyue's, with the reason."""
    import json

    rules: dict[str, set] = {}
    for key in keys:
        antecedents = _antecedents(out, key)
        texts = [(json.dumps(a, sort_keys=True, ensure_ascii=False), _kinds_of(a)) for a in antecedents]
        full = sorted({k for text, kinds in texts for k in kinds
                       if text not in rules.get(k, ()) and len(rules.get(k, ())) >= RULES_PER_KIND})
        if full:
            _drop(out, key, Msg("word:rete.too_many", {"n": RULES_PER_KIND, "kind": full[0]}))
            continue
        new = sorted({k for _, kinds in texts for k in kinds} - rules.keys())
        if len(rules) + len(new) > KINDS_PER_RULESET - 1:  # (one for the session's opening, qy:open)
            _drop(out, key, Msg("word:rete.too_many_kinds", {"n": len(rules), "kind": new[0]}))
            continue
        for text, kinds in texts:
            for k in kinds:
                rules.setdefault(k, set()).add(text)


def _drop(out: CompiledPatterns, key: str, reason: Msg) -> None:
    """A line taken off the Rete: qiyue's, with the reason."""
    for table, names in ((out.compiled, out.names), (out.filters, out.filter_names)):
        if key in table:
            del table[key]
            for name in [n for n, k in names.items() if k == key]:
                del names[name]
    out.joins.pop(key, None)
    out.join_lines.pop(key, None)
    out.probe_joins.pop(key, None)
    out.probe_keys.discard(key)
    out.trees.pop(key, None)
    out.tree_joins.pop(key, None)
    for leaf in [k for k in out.leaves if k.rpartition("/")[0] == key]:
        _drop_leaf(out, leaf)
    for mark in [k for k in out.marks if k.rpartition("/")[0] == key]:
        del out.marks[mark]
    out.refused[key], out.why[key] = reason.text("en"), reason


def _add_leaf(out: CompiledPatterns, leaf: str, antecedent: dict) -> str:
    """A leaf's rule under its key ("KEY/…"), and its rule name in the ruleset (``t<n>``)."""
    name = f"t{len(out.leaf_names)}"
    out.leaves[leaf] = antecedent
    out.leaf_names[name] = leaf
    return name


def _drop_leaf(out: CompiledPatterns, leaf: str) -> None:
    del out.leaves[leaf]
    out.counts.pop(leaf, None)
    out.extremes.pop(leaf, None)
    out.sums.pop(leaf, None)
    for name in [n for n, k in out.leaf_names.items() if k == leaf]:
        del out.leaf_names[name]


def _tree(checked, pattern: m.Pattern, out: CompiledPatterns | None = None, key: str | None = None):
    """A one-fact line whose condition holds `exists( )` of a kind of fact, over that kind's own
    attributes and constants (`h.passed and not exists(service_end)`): the condition as a tree — ("and"
    | "or", [parts]), ("not", part), ("fact", i) (leaf i: a rule on the line's fact), ("count", i)
    (leaf i: a rule on the facts `exists( )` counts; it holds once one was recorded), True, False — and
    the leaves — (kind, the kind of fact it reads, its rule; for a "fact" leaf: the periods it reads and its test, made a rule by ``_rule``).  None when there is no `exists( )` in it; Refused when a part is beyond the Rete.
    Every part is decided by the Rete, none can fail, so the order qiyue tests them in does not matter."""
    alias = pattern.sources[0].alias  # (a `first( )` reading the line's fact: ``_agg_joined``; another: from state)
    if pattern.where is None or not any(isinstance(x, (m.Exists, m.Count, m.Sum)) or _duty_call(x) or (
            isinstance(x, m.First) and x.pattern.where is not None and alias in _names_in(x.pattern.where))
                                        for x in _nodes(pattern.where)):
        return None
    tr = _Translator(checked, pattern, numbers=True, periods=True)
    leaves: list = []
    if out is not None:
        tr.aggregate = lambda agg, op, const: _agg_leaf(checked, agg, op, const, out, f"{key}/x{len(out.leaves)}")

    def walk(e):
        if isinstance(e, m.Not):
            x = walk(e.item)
            return (not x) if isinstance(x, bool) else ("not", x)
        if isinstance(e, m.BoolOp):
            conj = e.op == "and"
            parts, start = [], len(leaves)
            for item in e.items:
                x = walk(item)
                if x is (not conj):
                    if any(kind == "join" or kind == "fact" and what[0] for kind, _, what in leaves[start:]) \
                            and _decided(checked, item, pattern) is not x:
                        raise Refused("false_computed")  # (a part before reads a value qiyue computes: it may fail)
                    return not conj
                if x is not conj:
                    parts.append(x)
            return conj if not parts else parts[0] if len(parts) == 1 else (e.op, parts)
        if isinstance(e, m.Exists):
            p = e.pattern
            if len(p.sources) != 1:  # (over a join of other kinds: its facts kept, joined with the line's probe)
                kinds = [Checker.source_type_name(x) for x in p.sources]
                if out is None or len(set(kinds)) < len(kinds):
                    raise Refused("exists_join")
                return _exists_joined(checked, pattern, p, out, key, leaves)
            if out is not None and _markable(checked, p, {tr.alias}):
                # (its condition holds `exists( )` of another kind reading its fact: as `count( ) >= 1`, joined
                # with the probe, its facts marked by that `exists( )` — ``_marked``)
                got = _agg_joined(checked, pattern, m.Compare(e.span, ">=", m.Count(e.span, p),
                                                              m.Literal(e.span, 1, "number")), out, key, leaves)
                if got is None:
                    raise Refused("exists_own")
                return got
            if p.where is not None and tr.alias in _names_in(p.where):
                if out is None:
                    raise Refused("exists_own")
                return _exists_joined(checked, pattern, p, out, key, leaves)
            inner = _Translator(checked, p)
            try:
                cond = inner.pattern()
            except Refused:  # (its fact's instant against a period's bound: the earliest or latest, on the probe)
                if out is None or _by_bound(checked, p) is None:
                    raise
                got = _exists_leaf(checked, e, out, f"{key}/x{len(out.leaves)}")
                if got is False:
                    return False
                (tests,) = got.tests(False)
                leaves.append(("fact", tr.type, (got.reads, {"$and": [{TYPE: tr.type}, *tests]})))
                return ("fact", len(leaves) - 1)
            if cond is False:
                return False
            leaves.append(("count", inner.type, {"all": [{"x": cond}]}))
            return ("count", len(leaves) - 1)
        fn = _duty_call(e)
        if fn is not None:  # `triggered(o)`, `open(o)`: the obligation's duties in working memory, counted
            name = e.args[0].name
            cond = [{TYPE: DUTY}, {A + "obligation": name}]
            if fn == "triggered":
                cond.append({A + "what": "arose"})
            else:
                cond += [{A + "what": "duty"}, {"$or": [{A + "status": s} for s in OPEN_STATUSES]}]
            leaves.append(("count", DUTY, {"all": [{"x": {"$and": cond}}]}))
            return ("count", len(leaves) - 1)
        tr.periods, tr.params, tr.aggs, tr.conds = [], [], [], []  # (each leaf its own rule: what it reads)
        try:
            cond = tr.expr(e, False)
        except Refused:
            got = _agg_joined(checked, pattern, e, out, key, leaves) if out is not None and \
                isinstance(e, m.Compare) else None
            if got is None:
                raise
            return got
        if isinstance(cond, bool):
            return cond
        leaves.append(("fact", tr.type, (_read(tr), {"$and": [{TYPE: tr.type}, cond]})))
        return ("fact", len(leaves) - 1)
    return walk(pattern.where), leaves


def _exists_joined(checked, pattern: m.Pattern, inner: m.Pattern, out: CompiledPatterns, key: str, leaves: list):
    """`exists(resolved r where r.ref == s.id and …)` in a one-fact line, reading the line's fact: a join of
    the facts it counts — kept in the session as they are recorded, as a join's are — with the probe of the
    line's fact when the replay matches it, one rule per alternative of its condition (``_alternatives``); it
    holds when one of them fires (some fact recorded so far passes it, as qiyue's aggregate counts them).  A
    ``_tree`` part: ("or", the leaves of those rules), added to ``leaves``."""
    if any(own.alias is None or own.alias == pattern.sources[0].alias for own in inner.sources):
        raise Refused("exists_own")
    joined = _joined_with_probe(checked, pattern, inner, out, key, leaves)
    if joined is None:
        return False
    parts = [("fact", i) for i in joined]
    return parts[0] if len(parts) == 1 else ("or", parts)


def _joined_with_probe(checked, pattern: m.Pattern, inner: m.Pattern, out: CompiledPatterns, key: str,
                       leaves: list) -> range | None:
    """The facts an aggregate of a one-fact line counts (``inner``, of one kind), joined with the line's probe:
    one leaf rule per alternative of its condition (``_alternatives``), the counted fact kept in the session
    (``tree_joins``) and first, the probe second; the places of the leaves added to ``leaves``, or None when no
    fact can pass it."""
    n = len(inner.sources)  # (an `exists( )` over a join: its facts of each kind kept, the probe last)
    probes = pattern.sources  # (a join's count reading two of its facts: a probe of each, one pair, last)
    both = m.Pattern(inner.span, [*inner.sources, *probes], inner.where)
    trs = [*(_Translator(checked, both, k, periods=True, probe=f"j{n}") for k in range(n)),
           *(_Translator(checked, both, n + k, periods=True) for k in range(len(probes)))]
    alternatives = _alternatives(checked, trs, inner.where, out, on=n)
    if alternatives is False:
        return None
    for alternative in alternatives:  # (durable_rules reads a reference to an earlier element only)
        for j, tests in enumerate(alternative):
            if any(int(r[1:]) > j for r in _references(tests)):
                raise Refused("over_facts", what=_what(inner.where), n=len(both.sources))
    counted = [tr.type for tr in trs[:n]]
    for k, tr in enumerate(trs[n:]):
        out.probes.setdefault(tr.type, set()).update(x for t in (trs if k == 0 else [tr]) for x in _read(t))
        out.probe_types.setdefault(tr.type, set()).add(key)
    out.probe_keys.add(key)
    out.tree_joins.setdefault(key, set()).update(counted)
    start = len(leaves)
    etype = trs[n].type
    for tests in alternatives:
        leaves.append(("join", etype, {"all": [
            *({f"j{k}": {"$and": _flat([{TYPE: counted[k]}, *tests[k]], "j0" if k else None)}} for k in range(n)),
            *({f"j{n + k}": {"$and": _flat([{TYPE: PROBE + trs[n + k].type}, *tests[n + k],
                                            *([{PAIR: {f"j{n}": PAIR}}] if k else [])], "j0")}}
              for k in range(len(probes)))]}))
    return range(start, len(leaves))


def _references(tests) -> set[str]:
    """The other elements (``jN``) a source's tests refer to."""
    found: set[str] = set()

    def walk(t):
        if isinstance(t, dict):
            for k, v in t.items():
                if k[:1] == "j" and k[1:].isdigit():
                    found.add(k)
                walk(v)
        elif isinstance(t, list):
            for x in t:
                walk(x)
    walk(tests)
    return found


@dataclass(frozen=True)
class JoinedAgg:
    """A `count( )`, `sum( )`, `mean( )` or `first( ).x` of the facts a one-fact line's probe is joined with
    (``_agg_joined``): its leaves ("KEY/i"), what each fact adds (None: one; else qiyue's compiled value, read
    from the fact under ``alias``), the empty total, and the comparison — `aggregate OP other`, ``other``
    computed from the line's fact (under ``outer``) by qiyue's compiled expression."""

    leaves: tuple[str, ...]
    alias: str
    value: object
    zero: object
    op: str
    other: object
    outer: tuple[str, ...]  # (the line's fact's alias; a join's count reading two of its facts: both)
    first: bool = False  # (`first(…).x`: the value of the earliest of them, none without one)
    mean: str | None = None  # (`mean(…)`: the total over the count, as "money" or "number"; none without one)
    other_first: bool = False  # (written on the right: qiyue computes the other side first, meets its error first)
    consecutive: str | None = None  # (`consecutive(UNIT, …)`: the most periods in a row the values fall in)
    # (the other side an aggregate too — `sum(o.amount for each offset o where o.ref == d.ref) > sum(t.cost for
    # each repaired t where t.ref == d.ref)` —: its own leaves and values, in place of ``other``)
    other_agg: "JoinedAgg | None" = None
    # (any other comparison over such aggregates — `count(reply r where r.ref == i.id) + 1 > 2`, `count(…) >
    # count(…) + 1` —: each aggregate a side of its own, the comparison qiyue's compiled expression with each
    # aggregate read, when it reads it, as a name of its own: ``names``, ``sides``, ``whole``)
    names: tuple[str, ...] = ()
    sides: tuple = ()
    whole: object = None
    # (its condition holding `exists( )` / `not exists( )` of another kind reading the counted fact: for each, the
    # key of the marks its rules set — "KEY/mN", ``CompiledPatterns.marks`` — and whether a fact counts when marked
    # (`exists`) or when not (`not exists`): ``_marked``)
    marks: tuple = ()


def _agg_joined(checked, pattern: m.Pattern, e: m.Compare, out: CompiledPatterns, key: str, leaves: list):
    """`count(fault_reported g where g.device == f.device) >= 3`, `sum(p.amount for each paid p where
    p.installment == i.installment) < i.amount`, `consecutive(month, b.month for each assessed b where b.team ==
    a.team and b.score < 80) >= 3` in a one-fact line: a count or total of a kind of fact compared
    with a constant, a value of the line's own fact, or another such count or total (`sum(o.amount for each
    offset o where o.ref == d.ref) > sum(t.cost for each repaired t where t.ref == d.ref)`).  The facts it
    counts are kept in the session as they are recorded and joined with the probe of the line's fact when the
    replay matches it, one rule per alternative of its condition (as ``_exists_joined``): the facts those rules
    pair with the probe are the ones qiyue's aggregate counts then (recorded so far, the line's fact and those
    of its instant among them), and the backend adds them up in the order of the history, as qiyue does, and
    compares the total as qiyue compares (``DurableEvaluation._joined_agg``).  A ``_tree`` part ("agg",
    "KEY/aN"); None when the comparison is not of that shape."""
    compiler = getattr(checked, "compiler", None)
    outer = {s.alias for s in pattern.sources}  # (a join's count reading two of its facts: both, each probed)
    if compiler is None or None in outer:
        return None
    for agg, other, op in ((e.left, e.right, e.op), (e.right, e.left, _FLIP[e.op])):
        if _agg_shape(agg) is not None:
            break
    else:
        return _agg_expr(checked, compiler, pattern, e, outer, out, key, leaves)
    other_first = agg is e.right  # (written on the right: qiyue computes the other side first)
    both = _agg_shape(other) is not None and not _fact_only(compiler, other, outer)
    if not _agg_fits(compiler, agg, outer) or not (both and _agg_fits(compiler, other, outer)
                                                   or _fact_only(compiler, other, outer)):
        return _agg_expr(checked, compiler, pattern, e, outer, out, key, leaves)
    side = _agg_side(checked, compiler, pattern, agg, outer, out, key, leaves)
    # (both sides aggregates: each its own leaves, totalled in the order written)
    other_agg = _agg_side(checked, compiler, pattern, other, outer, out, key, leaves) if both else None
    name = f"{key}/a{len(out.joined_aggs)}"
    out.joined_aggs[name] = replace(side, op=op, other=None if other_agg is not None else compiler.expr(other, outer),
                                    other_first=other_first, other_agg=other_agg)
    return ("agg", name)


def _agg_expr(checked, compiler, pattern: m.Pattern, e: m.Compare, outer: set, out: CompiledPatterns, key: str,
              leaves: list):
    """A comparison that reads aggregates inside arithmetic (`count(reply r where r.ref == i.id) + 1 > 2`,
    `count(…) > count(…) + 1`): each aggregate that can be joined with the line's probe (``_agg_fits``) becomes a
    side of its own and a name of its own in the comparison, which — once they are names — must read nothing but
    the line's facts and constants; the backend evaluates qiyue's compiled comparison with each name computed
    when it is read (``DurableEvaluation._joined_agg``), so values and errors come in qiyue's order.  None when
    the comparison is not of that shape."""
    found: list = []

    def collect(x):
        if _agg_shape(x) is not None:
            found.append(x)
            return
        if isinstance(x, list):
            for i in x:
                collect(i)
        elif hasattr(x, "__dataclass_fields__") and not isinstance(x, (m.Span, m.Pattern)):
            for f in x.__dataclass_fields__:
                collect(getattr(x, f))
    collect(e)
    if not found or not all(_agg_fits(compiler, a, outer) for a in found):
        return None
    names = {id(a): f"__qy_agg{k}" for k, a in enumerate(found)}
    rewritten = _substitute(e, names)
    scope = outer | set(names.values())
    if not _fact_only(compiler, rewritten, scope):
        return None
    sides = tuple(_agg_side(checked, compiler, pattern, a, outer, out, key, leaves) for a in found)
    name = f"{key}/a{len(out.joined_aggs)}"
    out.joined_aggs[name] = JoinedAgg((), "", None, None, e.op, None, tuple(x.alias for x in pattern.sources),
                                      names=tuple(names.values()), sides=sides,
                                      whole=compiler.expr(rewritten, scope))
    return ("agg", name)


def _substitute(e, names: dict, patterns: bool = False):
    """``e`` with each node whose id is in ``names`` replaced by a name (the nodes around it copied, the rest
    shared); the patterns of its aggregates left as they are, unless ``patterns``."""
    if id(e) in names:
        return m.Name(e.span, names[id(e)])
    if isinstance(e, list):
        items = [_substitute(x, names, patterns) for x in e]
        return items if any(a is not b for a, b in zip(items, e)) else e
    if hasattr(e, "__dataclass_fields__") and not isinstance(e, m.Span) and (patterns or not isinstance(e, m.Pattern)):
        changed = {f: _substitute(getattr(e, f), names, patterns) for f in e.__dataclass_fields__}
        changed = {f: v for f, v in changed.items() if v is not getattr(e, f)}
        return replace(e, **changed) if changed else e
    return e


def _agg_shape(e):
    """A count, total, mean or run of one kind of fact (`count(…)`, `sum(…)`, `mean(…)`, `consecutive(…)`), or
    an attribute of the `first( )` of one (`first(…).at`): (the aggregate, the `first( )`'s attribute or None);
    None for anything else."""
    if type(e) in (m.Count, m.Sum, m.Mean, m.Consecutive) and len(e.pattern.sources) == 1:
        return e, None
    if type(e) is m.Attribute and type(e.obj) is m.First and len(e.obj.pattern.sources) == 1:
        return e.obj, e
    return None


def _agg_fits(compiler, e, outer: set) -> bool:
    """Whether an aggregate (``_agg_shape``) can be joined with the line's probe: its own fact named and not
    one of the line's, the value it adds up read from its fact and the line's facts (``outer``) alone — `sum((
    earliest(x.end, month_end(c.month)) - latest(x.start, c.month)) ÷ 1 minutes for each outage x where …)`: the
    backend computes each value with the kept fact and the probe's facts bound (``JoinedAgg.outer``)."""
    agg = _agg_shape(e)[0]
    own = agg.pattern.sources[0]
    return own.alias is not None and own.alias not in outer and not (
        type(agg) in (m.Sum, m.Mean, m.Consecutive) and not _fact_only(compiler, agg.value, {own.alias} | outer))


def _agg_side(checked, compiler, pattern: m.Pattern, e, outer: set, out: CompiledPatterns, key: str,
              leaves: list) -> JoinedAgg:
    """One aggregate of a ``_agg_joined`` comparison (``_agg_shape``, ``_agg_fits``): its facts joined with the
    line's probe (their leaves added to ``leaves``), what each adds and its empty total — a ``JoinedAgg`` whose
    comparison is still to be filled in."""
    agg, first = _agg_shape(e)
    own = agg.pattern.sources[0]
    inner, marks = _marked(checked, agg.pattern, outer, out, key)
    # (no fact can pass it: no leaf — the count stays 0, the total its zero)
    joined = _joined_with_probe(checked, pattern, inner, out, key, leaves) or ()
    value = zero = None
    if first is not None:
        value = compiler.expr(m.Attribute(first.span, m.Name(first.span, own.alias), first.name), {own.alias})
    elif type(agg) in (m.Consecutive, m.Sum, m.Mean):  # (consecutive( ): each value's period, as qiyue's reads
        value = compiler.expr(agg.value, {own.alias} | outer)  # it; a value may read the line's facts too: bound)
        if type(agg) is not m.Consecutive:
            zero = compiler._zero(agg, Checker.source_type_name(own))  # (the empty sum, as qiyue's: ¥0.00 or 0)
    mean = None
    if type(agg) is m.Mean:  # (as qiyue's: the total over the count, money where the checker typed it so)
        mean = "money" if checked.expr_types.get(id(agg)) == "money" else "number"
    return JoinedAgg(tuple(f"{key}/{i}" for i in joined), own.alias, value, zero, "", None,
                     tuple(x.alias for x in pattern.sources), first is not None, mean, False,
                     agg.unit if type(agg) is m.Consecutive else None, marks=marks)


def _markable(checked, inner: m.Pattern, outer: set) -> list:
    """The parts of an aggregate's condition (one of its `and`) that are `exists( )` or `not exists( )` of
    another kind of fact, named, whose condition reads the counted fact and none of the line's (``outer``):
    [(the part, the `exists( )`, whether it holds when one exists)]."""
    if len(inner.sources) != 1 or inner.where is None or inner.sources[0].alias is None:
        return []
    own = inner.sources[0]
    found = []
    for part in _conjuncts(inner.where):
        e, holds_ = (part.item, False) if isinstance(part, m.Not) and isinstance(part.item, m.Exists) else (part, True)
        if not isinstance(e, m.Exists) or len(e.pattern.sources) != 1 or e.pattern.where is None:
            continue
        other = e.pattern.sources[0]
        names = _names_in(e.pattern.where)
        if other.alias is None or other.alias == own.alias or other.alias in outer or own.alias not in names \
                or names & set(outer):
            continue
        found.append((part, e, holds_))
    return found


def _marked(checked, inner: m.Pattern, outer: set, out: CompiledPatterns, key: str) -> tuple[m.Pattern, tuple]:
    """An aggregate's condition whose parts (of its `and`) include `exists( )` / `not exists( )` of another kind
    of fact reading the counted fact alone (``_markable``: `count(incident_reported i where i.level == "P1" and
    … and not exists(incident_restored r where r.ref == i.id and r.at <= i.at + 4 hours))`): the condition
    without them — what the counted fact's join with the probe tests —, and for each of them a mark (``marks``):
    its rules join the counted fact (``j0``) with a fact of the other kind, both kept in the session as they are
    recorded, one rule per alternative of its condition (``_alternatives``, as a join's); when one fires — the
    later of the two recorded —, the counted fact is marked.  So when the probe is made, a kept fact is marked
    exactly when some fact recorded so far passes the `exists( )` with it, as qiyue's `exists( )` counts then
    (every fact recorded, those of the instant among them); the aggregate takes the facts its leaves pair with
    the probe that are marked (`exists`) or not (`not exists`).  Each part is the Rete's whole (no part of it can
    fail: a value computed from one fact that fails is ``Beyond``, and the evaluation is qiyue's), so where it
    stands in the `and` decides nothing.  Refused when one is beyond the Rete (a period's bound, a value from
    state, a third fact)."""
    parts = _markable(checked, inner, outer)
    if not parts:
        return inner, ()
    own = inner.sources[0]
    saved = {t: list(v) for t, v in out.derived.items()}
    marks = []
    try:
        for _part, e, holds_ in parts:
            other = e.pattern.sources[0]
            both = m.Pattern(e.pattern.span, [own, other], e.pattern.where)
            trs = [_Translator(checked, both, 0), _Translator(checked, both, 1)]
            alternatives = _alternatives(checked, trs, e.pattern.where, out)
            if alternatives is False:
                if not holds_:  # (`not exists( )` of what no fact can pass: always true — nothing to mark)
                    continue
                alternatives = []  # (`exists( )` of it: never marked — the aggregate takes no fact)
            if any(_references(parts_[0]) for parts_ in alternatives):  # (an earlier element only)
                raise Refused("over_facts", what=_what(e), n=2)
            rules = [{"all": [{f"j{j}": {"$and": _flat([{TYPE: trs[j].type}, *parts_[j]], "j0" if j else None)}}
                              for j in range(2)]} for parts_ in alternatives]
            if trs[0].type == trs[1].type:  # (of the counted fact's own kind: qiyue's `exists( )` offers the fact
                itself = _itself(checked, own, other, e.pattern)  # itself too, which durable_rules never binds
                if itself is not False:  # twice — its own rule, the condition read with the fact in both places)
                    rules.append({"all": [{"j0": itself}]})
            name = f"{key}/m{len(out.marks)}"
            while name in out.marks:  # pragma: no cover - (keys are made once per line)
                name += "'"
            out.marks[name] = rules
            out.tree_joins.setdefault(key, set()).update(tr.type for tr in trs)
            marks.append((name, holds_))
    except Refused:
        out.derived.clear()
        out.derived.update(saved)
        for name, _ in marks:
            del out.marks[name]
        raise
    rest = [p for p in _conjuncts(inner.where) if not any(p is part for part, _, _ in parts)]
    where = _all_of(rest, inner.where.span)
    return m.Pattern(inner.span, inner.sources, where), tuple(marks)


class _Shadowed(Exception):
    """``_renamed``: a pattern inside names its own fact with the name being replaced."""


def _itself(checked, own: m.Source, other: m.Source, inner: m.Pattern):
    """The test a fact passes when it is itself the fact an `exists( )` of its own kind looks for (``_marked``):
    the `exists( )`'s condition with its fact's name read as the counted fact's — a one-fact rule's test, False
    when no fact passes it.  Refused when that is beyond the Rete."""
    try:
        where = _renamed(inner.where, other.alias, own.alias)
    except _Shadowed:
        raise Refused("exists_own") from None
    return _Translator(checked, m.Pattern(inner.span, [own], where)).pattern()


def one_fact_twice(pattern: m.Pattern) -> m.Pattern | None:
    """A line over two facts of one kind that must be one fact — `for each sales_report r, sales_report p where
    p.id == r.id and …`, a way to name one fact twice (`at p`, `once per r` shared with another line) — as the
    one-fact line it is: the condition without that part, the second name read as the first (a fact's id is
    its own: the pair is the fact with itself, which qiyue finds once, at the first place).  None for any other
    line."""
    if len(pattern.sources) != 2 or pattern.where is None:
        return None
    a, b = pattern.sources
    if a.alias is None or b.alias is None or a.alias == b.alias or \
            Checker.source_type_name(a) != Checker.source_type_name(b):
        return None
    ids = {a.alias, b.alias}
    parts = _conjuncts(pattern.where)
    for k, part in enumerate(parts):
        if isinstance(part, m.Compare) and part.op == "==" and all(
                isinstance(x, m.Attribute) and x.name == "id" and isinstance(x.obj, m.Name) for x in (part.left, part.right)) \
                and {part.left.obj.name, part.right.obj.name} == ids:
            break
    else:
        return None
    rest = parts[:k] + parts[k + 1:]
    where = _all_of(rest, pattern.where.span)
    try:
        where = _renamed(where, b.alias, a.alias)
    except _Shadowed:
        return None
    return m.Pattern(pattern.span, [a], where)


def _renamed(e, old: str, new: str):
    """``e`` with every name ``old`` read as ``new``, inside the patterns of its aggregates too (``_substitute``);
    raises ``_Shadowed`` when a pattern in it names its own fact ``old`` or ``new`` (a name there is another
    fact's)."""
    nodes = list(_nodes(e))
    if any(isinstance(x, m.Pattern) and any(s.alias in (old, new) for s in x.sources) for x in nodes):
        raise _Shadowed
    return _substitute(e, {id(x): new for x in nodes if isinstance(x, m.Name) and x.name == old}, patterns=True)


def _duty_call(e) -> str | None:
    """"triggered" or "open" for `triggered(o)` / `open(o)` of an obligation (any of their spellings)."""
    if isinstance(e, m.Call) and len(e.args) == 1 and isinstance(e.args[0], m.Name):
        fn = BUILTINS.get(e.function)
        if fn in ("triggered", "open"):
            return fn
    return None


def holds(tree, fact_hits, counted, joined_agg=None) -> bool:
    """A ``_tree`` condition: ``fact_hits(i)`` — the line's fact passed leaf i; ``counted(i)`` — some
    fact recorded so far passed leaf i; ``joined_agg(name)`` — the comparison of a ``JoinedAgg`` holds."""
    if tree is True or tree is False:
        return tree
    op, arg = tree
    if op == "fact":
        return fact_hits(arg)
    if op == "count":
        return counted(arg)
    if op == "agg":
        return joined_agg(arg)
    if op == "not":
        return not holds(arg, fact_hits, counted, joined_agg)
    if op == "and":
        return all(holds(x, fact_hits, counted, joined_agg) for x in arg)
    return any(holds(x, fact_hits, counted, joined_agg) for x in arg)


def _nodes(e):
    """Every node of an expression (dataclasses all the way down)."""
    yield e
    if isinstance(e, list):
        for i in e:
            yield from _nodes(i)
    elif hasattr(e, "__dataclass_fields__") and not isinstance(e, m.Span):
        for f in e.__dataclass_fields__:
            yield from _nodes(getattr(e, f))


def _filter(checked, pattern: m.Pattern):
    """The leading parts of a one-fact pattern's conjunction that the Rete can test (a durable_rules
    condition), False if one of them is false whatever the fact, None if none is (or the pattern
    joins several facts).  Sound: a fact that fails a part fails the conjunction, and qiyue, testing
    the parts in order, would not have tested the others either."""
    if len(pattern.sources) != 1 or pattern.where is None:
        return None
    try:
        tr = _Translator(checked, pattern, numbers=True)
    except Refused:  # (a kind of fact the Rete cannot read at all)
        return None
    parts = []
    for item in _conjuncts(pattern.where):  # (the parts before the first it cannot test: qiyue tests
        try:  # them in order and stops at a false one, so a fact they fail never meets the others)
            cond = tr.expr(item, False)
        except Refused:
            break
        if cond is False:
            return False
        if cond is not True:
            parts.append(cond)
    if not parts:
        return None
    return {"$and": [{TYPE: tr.type}, *parts]}


def _all_of(parts: list, span: m.Span) -> m.Expr | None:
    """The conjunction of ``parts`` (the inverse of ``_conjuncts``): None for none, the part itself for one."""
    return None if not parts else parts[0] if len(parts) == 1 else m.BoolOp(span, "and", parts)


def _conjuncts(e: m.Expr) -> list:
    if isinstance(e, m.BoolOp) and e.op == "and":
        return [x for item in e.items for x in _conjuncts(item)]
    return [e]


def _join(checked, pattern: m.Pattern, out: CompiledPatterns | None = None, key: str | None = None):
    """A line over several facts as durable_rules rules, and what the line is (``Join``); False if its
    condition is false whatever the facts.

    Its whole condition when the Rete can test every part of it (``_alternatives``: one rule per
    alternative, each source's kind of fact, its own tests and those comparing it with an earlier
    source).  Else one rule of the leading parts of the condition the Rete can test (a source's own
    attributes against constants; an equality or order between two sources' attributes of one exact
    form), each on the later of the sources it reads: sound as a filter for the reason ``_filter`` is —
    qiyue tests the parts in order and stops at the first false one — and qiyue tests each pair it
    finds against the whole condition."""
    if pattern.where is not None and _decided(checked, pattern.where, pattern) is False:
        return False  # (the rules alone decide it — `… and never` —: qiyue computes none of it)
    sources = pattern.sources
    aliases = tuple(s.alias for s in sources)
    types = tuple(Checker.source_type_name(s) for s in sources)
    if None in aliases or len(set(aliases)) < len(aliases):  # pragma: no cover - the checker names them
        raise Refused("join_unnamed")
    names = tuple(f"j{i}" for i in range(len(sources)))
    trs = [_Translator(checked, pattern, j) for j in range(len(sources))]
    saved = {t: list(v) for t, v in out.derived.items()} if out is not None else None
    too_many = None  # (the whole condition refused for its number of alternatives: the reason to give)
    try:
        alternatives = _alternatives(checked, trs, pattern.where, out)
    except Refused as exc:
        alternatives = None
        too_many = exc if exc.msg.key == "word:rete.alternatives" else None
    tested = Join(aliases, types, True, None).place_types()  # (a later place of a kind: its copy)
    if alternatives is not None and alternatives is not False:
        rules = [{"all": [{name: {"$and": _flat([{TYPE: tested[j]}, *parts[j]], "j0" if j else None)}}
                          for j, name in enumerate(names)]} for parts in alternatives]
        return rules, Join(aliases, types, True, None)
    if saved is not None:  # (the values it would have sent for a part of it: not sent)
        out.derived.clear()
        out.derived.update(saved)
    if alternatives is None and key is not None and len(set(types)) == len(types):
        got = _join_aggs(checked, pattern, trs, out, key)
        if got is not None:
            return got
        out.derived.clear()
        out.derived.update(saved)
    parts: list[list] = [[] for _ in sources]
    reason = None
    computed = False  # (a part before computes a value from a fact: qiyue may meet an error there first)
    for item in _conjuncts(pattern.where) if pattern.where is not None else ():
        known = _decided(checked, item, pattern)
        if known is not None:  # (the rules alone decide it — `not (p.n < i.n or always)` —, as qiyue does)
            if known:
                continue
            return False
        used = sorted({aliases.index(n) for n in _names_in(item) if n in aliases})
        try:
            if len(used) <= 1:
                cond = trs[used[0] if used else 0].expr(item, False)
                if cond is False:
                    if computed and _decided(checked, item, pattern) is not False:
                        raise Refused("false_computed")
                    return False
                if cond is not True:
                    parts[used[0] if used else 0].append(cond)
            elif len(used) == 2 and isinstance(item, m.Compare):
                try:
                    tests = _beta(trs, item)
                except Refused:
                    got = _derived(checked, trs, item, out) or _computed_pair(checked, trs, item, out)
                    if got is None:
                        raise
                    (tests,) = got  # (not negated: one alternative)
                    computed = True
                for j, cond in tests:
                    parts[j].append(cond)
            else:
                raise Refused("over_facts", what=_what(item), n=len(used))
        except Refused as exc:
            reason = too_many or exc
            break
    line = Join(aliases, types, reason is None, None if reason is None else str(reason),
                None if reason is None else reason.msg)
    antecedent = {"all": [{name: {"$and": _flat([{TYPE: tested[j]}, *parts[j]], "j0" if j else None)}}
                          for j, name in enumerate(line.names)]}
    return [antecedent], line


def _join_aggs(checked, pattern: m.Pattern, trs: list, out: CompiledPatterns, key: str):
    """A join whose condition is parts the Rete tests whole and parts — each one of the `and` — that count or
    add up facts of another kind reading one source alone and constants (`r.ref == f.id and not exists(
    fault_fixed x where x.ref == f.id)`, `count(fault_responded q where q.ref == f.id) >= 2`, `sum(q.amount for
    each paid q where q.ref == i.id) > i.amount`): the Rete pairs the sources by the first; each of the others
    is a ``JoinedAgg`` of that source's kind (``_agg_joined``: the counted facts kept in the session, joined with
    the probe of the source's fact), decided for each pair the Rete finds on the probe of its fact then — what
    qiyue's aggregate counts at that instant.  Only parts that can meet no error are taken (a plain attribute
    summed, compared with a constant or a plain attribute), so that the order qiyue tests them in decides
    nothing.  None when the line is not of that shape."""
    aliases = [s.alias for s in pattern.sources]
    rest, aggs = [], []
    for item in _conjuncts(pattern.where) if pattern.where is not None else ():
        got = _agg_part(item, aliases)
        if got is None:
            # (a part after a count: qiyue counts first, for pairs the part rejects too — and meets there what
            # counting may meet, a year no calendar knows: a reviewer's case; unless counting can meet nothing)
            if aggs and not all(_plain(compare, checked) for _, compare in aggs):
                return None
            rest.append(item)
        else:
            aggs.append(got)
    if not aggs:
        return None
    where = _all_of(rest, pattern.where.span)
    try:
        alternatives = _alternatives(checked, trs, where, out) if where is not None else [[[] for _ in trs]]
    except Refused:
        return None
    if alternatives is False:
        return False
    made, joined = [], []
    for j, compare in aggs:
        pkey = f"{key}~{'~'.join(map(str, j))}"  # (the leaves of the aggregates of sources j, on their probes)
        one = m.Pattern(pattern.span, [pattern.sources[k] for k in j], None)
        leaves = out.agg_leaves.setdefault(pkey, [])
        try:
            got = _agg_joined(checked, one, compare, out, pkey, leaves)
        except Refused:
            got = None
        made.append(pkey)
        if got is None:
            for k in made:
                _undo_probe_line(out, k)
            return None
        joined.append((j, got[1]))
    for pkey in dict.fromkeys(made):
        for i, (_, _, antecedent) in enumerate(out.agg_leaves[pkey]):
            if f"{pkey}/{i}" not in out.leaves:
                _add_leaf(out, f"{pkey}/{i}", antecedent)
    types = tuple(Checker.source_type_name(s) for s in pattern.sources)
    rules = [{"all": [{f"j{j}": {"$and": _flat([{TYPE: types[j]}, *parts[j]], "j0" if j else None)}}
                      for j in range(len(types))]} for parts in alternatives]
    return rules, Join(tuple(aliases), types, True, None, aggs=tuple(joined))


def _agg_part(item: m.Expr, aliases: list) -> tuple[tuple[int, ...], m.Compare] | None:
    """(the sources it reads, the part as a comparison of an aggregate) for a part of a join's condition that
    ``_join_aggs`` takes: `exists(P)` (as `count(P) >= 1`), `not exists(P)` (`count(P) == 0`), `count(P)`,
    `sum(x.a for each P)` or `mean(…)` compared with a constant or a plain attribute — P of one kind whose
    condition reads one or two sources of the join and constants, the other side those sources or none."""
    span = item.span
    if isinstance(item, m.Exists):
        item = m.Compare(span, ">=", m.Count(span, item.pattern), m.Literal(span, 1, "number"))
    elif isinstance(item, m.Not) and isinstance(item.item, m.Exists):
        item = m.Compare(span, "==", m.Count(span, item.item.pattern), m.Literal(span, 0, "number"))
    if not isinstance(item, m.Compare):
        return None
    for agg, other in ((item.left, item.right), (item.right, item.left)):
        if type(agg) in (m.Count, m.Sum, m.Mean, m.Consecutive) and len(agg.pattern.sources) == 1:
            break
    else:
        return None
    inner = agg.pattern.sources[0].alias
    if inner is None or inner in aliases:
        return None
    if type(agg) is not m.Count and not (isinstance(agg.value, m.Attribute) and isinstance(agg.value.obj, m.Name)
                                         and agg.value.obj.name == inner):
        return None
    if any(isinstance(x, m.Pattern) for x in _nodes(other)):  # (the other side: the sources' values and
        return None  # constants, `(min(r.ytd, tier) - …) × rate` — no count of its own: ``_agg_joined`` decides)
    read = {n for n in _names_in(agg.pattern.where) if n in aliases} if agg.pattern.where is not None else set()
    read |= {n for n in _names_in(other) if n in aliases}
    if not 1 <= len(read) <= 2:
        return None
    return tuple(sorted(aliases.index(a) for a in read)), item


def _plain(compare: m.Compare, checked) -> bool:
    """Whether counting an aggregate (``_agg_part``'s comparison) can meet no error: its condition compares
    attributes with attributes, literals, parties and constant parameters alone, with `and`/`or`/`not` — no
    period, no value computed from state, no arithmetic, no calendar — and it is compared with one of those
    (not a value computed, which may fail), so that counting it for more pairs than the Rete lets through
    changes nothing qiyue could see."""
    agg = compare.left if isinstance(compare.left, (m.Count, m.Sum, m.Mean, m.Consecutive)) else compare.right
    other = compare.right if agg is compare.left else compare.left
    if isinstance(agg, m.Consecutive):  # (each value's period: a label of another kind — `2026-13` — is an error)
        return False

    def plain(e) -> bool:
        if e is None or isinstance(e, m.Literal):
            return True
        if isinstance(e, m.Name):
            return e.name in checked.parties or e.name in getattr(checked, "consts", {}) or \
                any(s.alias == e.name for s in agg.pattern.sources)
        if isinstance(e, m.Attribute):
            return isinstance(e.obj, m.Name) and e.obj.name not in checked.periods
        if isinstance(e, m.Compare):
            return plain(e.left) and plain(e.right)
        if isinstance(e, m.BoolOp):
            return all(plain(x) for x in e.items)
        if isinstance(e, m.Not):
            return plain(e.item)
        return False
    return plain(agg.pattern.where) and isinstance(other, (m.Literal, m.Name, m.Attribute)) and plain(other)


def _undo_probe_line(out: CompiledPatterns, key: str) -> None:
    """What ``_agg_joined`` registered under ``key`` taken back (a line that stays qiyue's after all)."""
    for leaf in [k for k in out.leaves if k.startswith(f"{key}/")]:
        _drop_leaf(out, leaf)
    for name in [n for n in out.joined_aggs if n.startswith(f"{key}/")]:
        del out.joined_aggs[name]
    for mark in [k for k in out.marks if k.startswith(f"{key}/")]:
        del out.marks[mark]
    out.agg_leaves.pop(key, None)
    out.tree_joins.pop(key, None)
    out.probe_keys.discard(key)
    for lines in out.probe_types.values():
        lines.discard(key)


MOST_ALTERNATIVES = 16  # rules a line over several facts may become, one per alternative of its condition
_SPLIT = object()  # (``_dnf``: a part the Rete tests only taken apart — `or`/`not` across two facts)


def _dnf(e: m.Expr, neg: bool, atom):
    """The condition ``e`` (its negation when ``neg``) as alternatives, each a list of tests that must all
    hold — (source position, durable_rules test) —, or True/False when it is constant.  ``atom(e, neg)``
    gives a part's alternatives, True/False, or ``_SPLIT`` for an `and`/`or`/`not` to be taken apart here:
    `not` pushed inward (De Morgan), `and` multiplied out.  A part false whatever the facts ends an `and`
    where qiyue would stop testing it; ``Refused`` past ``MOST_ALTERNATIVES``."""
    got = atom(e, neg)
    if got is not _SPLIT:
        return got
    if isinstance(e, m.Not):
        return _dnf(e.item, not neg, atom)
    conj = (e.op == "and") != neg  # not (a and b) = not a or not b
    out: list = [[]] if conj else []
    for item in e.items:
        got = _dnf(item, neg, atom)
        if got is (not conj):  # a false part of an `and`, a true part of an `or`
            return not conj
        if got is conj:
            continue
        if conj:  # (none possible: one is kept all the same, a rule that never fires — the line reads what it did)
            both = [a + b for a in out for b in got]
            out = _fewest([a for a in both if _possible(a)] or both[:1])
        else:
            out = _merged(_fewest(out + got))
        if len(out) > MOST_ALTERNATIVES:
            raise Refused("alternatives", n=MOST_ALTERNATIVES)
    if conj:
        return True if out == [[]] else out
    return out or False


# ---------------------------------------------------------------- alternatives no message can pass
_BY_OP = {v: k for k, v in _DURABLE.items()}  # durable_rules' comparison → qiyue's operator


def _literals(test: dict) -> list:
    """A durable_rules test as the literals it is the conjunction of: ("nex"|"ex", key), ("or", [[literals]
    …]), ("cmp", op, key, value) — a comparison of the message's own ``key`` with ``value`` (a constant,
    ``{"$m": another key}`` or another source's ``{"jN": key}``) —, or ("other", test)."""
    if len(test) != 1:
        return [("other", test)]
    (k, v), = test.items()
    if k == "$and":
        return [x for t in v for x in _literals(t)]
    if k == "$or":
        return [("or", [_literals(t) for t in v])]
    if k in ("$nex", "$ex") and isinstance(v, dict) and len(v) == 1:
        return [(k[1:], next(iter(v)))]
    if k in _BY_OP and isinstance(v, dict) and len(v) == 1:
        (key, value), = v.items()
        return [("cmp", _BY_OP[k], key, value)]
    if not k.startswith("$"):
        return [("cmp", "==", k, v)]
    return [("other", test)]


def _both_hold(op1: str, c1, op2: str, c2) -> bool:
    """Whether some value passes `x op1 c1` and `x op2 c2` (two constants): for numbers, one of the constants,
    their midpoint or a value beyond both does when any does (each test keeps an interval, or all but a
    point); for texts or yes/no, equalities alone are decided.  True when unsure."""
    if all(type(c) in (int, float) for c in (c1, c2)):
        lo, hi = min(c1, c2), max(c1, c2)
        # (the midpoint exact: a float's halves of two integers past 2**53 round onto one of them)
        mid = (Fraction(c1) + Fraction(c2)) / 2
        return any(_PY[op1](x, c1) and _PY[op2](x, c2) for x in (c1, c2, mid, lo - 1, hi + 1))
    if type(c1) is type(c2) and type(c1) in (str, bool) and {op1, op2} <= {"==", "!="}:
        return c1 == c2 if op1 == op2 == "==" else c1 != c2 if op1 != op2 else True
    return True


def _clash(a: tuple, b: tuple) -> bool:
    """Whether no message passes both literals (of one source).  A comparison of a property the message lacks
    fails in durable_rules, whatever the comparison (`$neq` too) and whatever it is compared with, as qiyue's
    with an unknown value (``tests/test_live_alternatives``, against durable_rules itself)."""
    if a[0] == "or" or b[0] == "or":
        one, other = (a, b) if a[0] == "or" else (b, a)
        return other[0] != "or" and all(any(_clash(x, other) for x in branch) for branch in one[1])
    if a[0] == "nex" or b[0] == "nex":
        absent, other = (a, b) if a[0] == "nex" else (b, a)
        k = absent[1]
        # (the property compared, not a property of the message it is compared with: `n < {"$m": k}` passes in
        # durable_rules where k is absent, which is why such a test always comes with `$ex` of k)
        return (other[0] == "ex" and other[1] == k) or (other[0] == "cmp" and other[2] == k)
    if a[0] == b[0] == "cmp" and a[2] == b[2] and not isinstance(a[3], dict) and not isinstance(b[3], dict):
        return not _both_hold(a[1], a[3], b[1], b[3])
    return False


def _possible(alternative: list) -> bool:
    """Whether some facts may pass every test of an alternative ([(source, test)]): False when two tests of
    one source contradict each other (`n > 1` beside `n <= 1 or n absent`; a property absent and compared).
    Such an alternative is a rule that never fires: leaving it out changes nothing."""
    by: dict = {}
    for j, test in alternative:
        by.setdefault(j, []).extend(_literals(test))
    return not any(_clash(a, b) for lits in by.values() for i, a in enumerate(lits) for b in lits[i + 1:])


def _merged(alternatives: list) -> list:
    """The alternatives of an `or` that are each one test of one source, of its own properties alone, put
    together as one alternative testing `$or` of them on that source (`(f.urgent or f.level == "p1" or x.at -
    f.at < 1 hours)`: two alternatives, not three) — the same condition, in fewer rules."""
    single: dict[int, list] = {}
    rest = []
    for a in alternatives:
        if len(a) == 1 and not _refers(a[0][1]):
            single.setdefault(a[0][0], []).append(a[0][1])
        else:
            rest.append(a)
    if all(len(tests) < 2 for tests in single.values()):
        return alternatives
    merged = [[(j, tests[0] if len(tests) == 1 else {"$or": tests})] for j, tests in single.items()]
    return merged + rest


def _fewest(alternatives: list) -> list:
    """The alternatives less those whose tests include all of another's (they hold only where it holds, and a
    pair any rule completes is taken once: the larger adds nothing), and repeats."""
    if len(alternatives) < 2:
        return alternatives
    sets = [frozenset((j, repr(t)) for j, t in a) for a in alternatives]
    return [a for i, a in enumerate(alternatives)
            if not any(o < sets[i] or (o == sets[i] and k < i) for k, o in enumerate(sets) if k != i)]


@dataclass(frozen=True)
class _Leaf:
    """An `exists( )` of a kind of fact as a count leaf (``_exists_leaf``): its rule's name, and — when its
    fact's instant is compared with a period's bound — the bound's property and the order, `k.at OP bound`."""

    name: str
    bound: str | None = None
    op: str | None = None
    period: str | None = None
    what: str = "exists"  # …or "count", "sum": the number (total) of the facts that passed it, `OP value`
    value: object = None

    @property
    def reads(self) -> list:
        """What a probe testing it carries (``_read``'s kinds)."""
        if self.what != "exists":
            return [(self.what, self.name)]
        if self.bound is None:
            return [("count", self.name)]
        return [("extreme", self.name), ("period", self.period)]

    def tests(self, neg: bool) -> list[list[dict]]:
        """The `exists( )` (or, ``neg``, `not exists( )`) as alternatives of tests of the probe: some fact
        passed the leaf; with a bound, the earliest (or latest) of them is before (or after) it — the bound
        unknown, no fact is, as in qiyue.  A count or total against a constant: the probe always carries it."""
        if self.what != "exists":
            return [[_test(aggregated(self.what, self.name), _NEGATE[self.op] if neg else self.op, self.value)]]
        if self.bound is None:
            return [[{counted(self.name): not neg}]]
        ext, b = extreme(self.name), self.bound
        if not neg:
            return [[{"$ex": {ext: 1}}, {"$ex": {b: 1}}, _test(ext, self.op, {"$m": b})]]
        return [[{"$nex": {ext: 1}}], [{"$nex": {b: 1}}],
                [{"$ex": {ext: 1}}, {"$ex": {b: 1}}, _test(ext, _NEGATE[self.op], {"$m": b})]]


def _exists_leaf(checked, e: m.Exists, out: CompiledPatterns, leaf: str, aliases=()) -> "_Leaf | bool":
    """`exists(closed)` of a kind of fact and constants alone, in a condition decided on a probe: a leaf rule
    the Rete counts that kind's facts on (as ``_tree``'s), registered under ``leaf`` ("KEY/…"); False when no
    fact can pass it.  A part comparing the fact's instant with a period's bound (`exists(closed k where k.at
    < span.end)`) is not in the leaf: the replay keeps the earliest instant of the facts that passed it (for
    `<`, `<=`; the latest for `>`, `>=`) and the probe compares that with the bound as counted then — some
    fact is before the bound exactly when the earliest is.  Refused when it reads the join's facts."""
    inner = e.pattern
    if len(inner.sources) != 1:
        raise Refused("exists_join")
    if inner.where is not None and set(aliases) & _names_in(inner.where):
        raise Refused("over_facts", what=_what(e), n=2)
    tr = _Translator(checked, inner)
    by = None
    try:
        cond = tr.pattern()
    except Refused:
        by = _by_bound(checked, inner)
        if by is None:
            raise
        rest, by = by
        cond = tr.expr(m.BoolOp(inner.where.span, "and", rest), False) if rest else True
        if cond is not False:
            cond = {TYPE: tr.type} if cond is True else {"$and": [{TYPE: tr.type}, cond]}
    if cond is False:
        return False
    name = _add_leaf(out, leaf, {"all": [{"x": cond}]})
    out.counts[leaf] = tr.type
    if by is None:
        return _Leaf(name)
    period, part, op = by
    out.extremes[leaf] = op in ("<", "<=")
    return _Leaf(name, bound(period, part), op, period)


def _agg_leaf(checked, e, op: str, const, out: CompiledPatterns, leaf: str) -> _Leaf:
    """`count(closed k where …)` or `sum(p.amount for each paid p where …)` compared with a constant, of a
    kind of fact and constants alone: a leaf rule the Rete counts that kind's facts on, registered under
    ``leaf``; the replay keeps how many passed it (``_counted``) and, for a sum, the total of their attribute
    (``CompiledPatterns.sums``), as qiyue's own aggregate counts the facts recorded so far; the probe
    carries the number, in the form of the constant it is compared with (a total without one: the line is
    qiyue's for that fact).  Refused for another aggregate."""
    inner = e.pattern
    if len(inner.sources) != 1:
        raise Refused("exists_join")
    tr = _Translator(checked, inner)
    cond = tr.pattern()
    if cond is False:  # (no fact can pass it: the count stays 0, the sum 0 — kept on the Rete all the same)
        cond = {"$and": [{TYPE: tr.type}, {"$nex": {ID: 1}}]}
    if isinstance(e, m.Sum):
        v = e.value
        if not (isinstance(v, m.Attribute) and isinstance(v.obj, m.Name) and v.obj.name == tr.alias):
            raise Refused("in_condition", what=_what(e))
        _, kind = tr.key(v)
        if kind not in ("money", "int"):
            raise Refused("in_condition", what=_what(e))
        value = tr.encode_constant(kind, const, v.name)
        form, attr = kind, v.name
    else:
        value, form, attr = tr.encode_constant("int", const, "count"), "int", None
    name = _add_leaf(out, leaf, {"all": [{"x": cond}]})
    out.counts[leaf] = tr.type
    if attr is not None:
        out.sums[leaf] = (attr, form)
    return _Leaf(name, op=op, what="sum" if attr is not None else "number", value=value)


def _by_bound(checked, inner: m.Pattern):
    """The parts of an `exists( )`'s conjunction other than the one comparing its fact's instant with a
    period's bound by an order, and (period, bound, order as `k.at OP bound`); None without exactly one."""
    alias = inner.sources[0].alias
    if alias is None or inner.where is None:
        return None
    tr = _Translator(checked, inner, periods=True)
    found, rest = [], []
    for c in _conjuncts(inner.where):
        if isinstance(c, m.Compare) and c.op in ("<", "<=", ">", ">="):
            lp, rp = tr.period_part(c.left), tr.period_part(c.right)
            at, op, pb = (c.right, _FLIP[c.op], lp) if lp else (c.left, c.op, rp)
            if (lp is None) != (rp is None) and isinstance(at, m.Attribute) and at.name == "at" \
                    and isinstance(at.obj, m.Name) and at.obj.name == alias:
                found.append((*pb, op))
                continue
        rest.append(c)
    return (rest, found[0]) if len(found) == 1 else None


_ALWAYS_SENT = frozenset((ID, AT, AT_DAY))  # (properties every message has: `$nex` of them never holds)


def _alternatives(checked, trs: list, where, out: CompiledPatterns | None, on: int | None = None,
                  exists=None, read: set | None = None):
    """A join's whole condition as alternatives (``_dnf``), each as the tests of each source: [[tests of
    source 0], [tests of source 1] …]; False when it never holds.  Each part over one source is that
    source's test (a probe's, ``on``: the position of the probe, where a part reading no fact is tested —
    the bounds of periods and values from state it carries); a comparison between two sources as
    ``_cross`` has it; on a probe, an `exists( )` of a kind of fact alone as ``exists`` makes it (a probe
    property, added to ``read``).  Refused when some part is beyond the Rete, or when the condition is false
    whatever the facts while it reads a value computed from a fact (qiyue may meet an error computing it
    first)."""
    aliases = tuple(t.alias for t in trs)
    computed = [False]

    def atom(e, neg):
        before = _computed(trs)
        got = _atom(e, neg)
        if got is not _SPLIT and _computed(trs) != before:  # (read a value qiyue computes: it may fail there)
            computed[0] = True
        return got

    def _atom(e, neg):
        if isinstance(e, m.Exists) and exists is not None and on is not None:
            got = exists(e)
            if got is False:
                return neg
            read.update(got.reads)
            return [[(on, t) for t in alternative] for alternative in got.tests(neg)]
        used = sorted({aliases.index(n) for n in _names_in(e) if n in aliases})
        if len(used) <= 1:
            j = used[0] if used else (on if on is not None else 0)
            try:
                cond = trs[j].expr(e, neg)
            except Refused:  # (`s.level == "low" and flag` on the kept fact: `flag` is the probe's to test)
                if on is not None and isinstance(e, (m.Not, m.BoolOp)):
                    return _SPLIT
                raise
            if isinstance(cond, bool):
                return cond
            if _ON_PROBE in cond:  # the kept fact's instant against a bound: on the probe, flipped
                prop, op, ref, negated, *key = cond[_ON_PROBE]
                kept = [(j, {"$ex": {k: 1}}) for k in key]  # (an attribute the kept fact may lack)
                if not negated:
                    return [[*kept, (on, {"$and": [{"$ex": {prop: 1}}, _test(prop, op, ref)]})]]
                # (negated: holds while the bound is unknown, as qiyue's negation of a comparison with it)
                return [[(on, {"$nex": {prop: 1}})], *([[(j, {"$nex": {k: 1}})] for k in key]),
                        [*kept, (on, {"$and": [{"$ex": {prop: 1}}, _test(prop, _NEGATE[op], ref)]})]]
            if _ON_PROBE in repr(cond):  # (inside `and`/`or`/`not`: taken apart)
                if isinstance(e, (m.Not, m.BoolOp)):
                    return _SPLIT
                raise Refused("period_bound", period="")
            return [[(j, cond)]]
        if isinstance(e, (m.Not, m.BoolOp)):
            return _SPLIT
        if len(used) == 2 and isinstance(e, m.Compare):
            try:
                alts, derived = _cross(checked, trs, e, neg, out, on)
            except Refused:
                cases = _by_cases(e) or _as_orders(e, checked)
                if cases is None:
                    raise
                return _dnf(cases, neg, atom)
            computed[0] = computed[0] or derived
            return alts
        if len(used) > 2 and isinstance(e, m.Compare):
            got = _linear(trs, e, neg, on) if _within(trs, e, out) else None
            if got is not None:
                return got
        raise Refused("over_facts", what=_what(e), n=len(used))

    if where is None:
        return [[[] for _ in trs]]
    got = _dnf(where, False, atom)
    if got is True:
        got = [[]]
    if got is False:
        if computed[0] and _decided(checked, where, trs[0].pattern_) is not False:
            raise Refused("false_computed")
        return False
    rules = []
    for alternative in got:
        parts: list[list] = [[] for _ in trs]
        for j, test in alternative:
            if test not in parts[j]:
                parts[j].append(test)
        rules.append(parts)
    return rules


def _as_orders(e: m.Compare, c) -> m.Expr | None:
    """A rounded time's equality with a number (`round_up((p.at - f.at) ÷ 1 hours, 1) == 4`: every time in the
    fourth hour) as two orders of it, `v >= 4 and v <= 4` (`!=`: `v < 4 or v > 4`) — the same in qiyue for a
    value that never falls as the time grows (``_ratio``), also where the time is unknown: every comparison
    with an unknown value is false, and its negation true, both ways.  Each order is a bound of the time
    (``_elapsed``); None for another comparison, or one that is already a bound (true for one microsecond)."""
    if not isinstance(e, m.Compare) or e.op not in ("==", "!=") or _elapsed(e, c, named=False) is not None \
            or _elapsed(replace(e, op=">="), c, named=False) is None:
        return None
    both = ((">=", "<=") if e.op == "==" else ("<", ">"))
    return m.BoolOp(e.span, "and" if e.op == "==" else "or", [replace(e, op=op) for op in both])


def _decided(checked, e: m.Expr, pattern: m.Pattern) -> bool | None:
    """The truth of a part of ``pattern``'s condition that the rules alone decide — qiyue decides it when it
    compiles, and computes nothing of the `and`/`or` it decides (``Compiler.decided``) —, else None."""
    compiler = getattr(checked, "compiler", None)
    if compiler is None or pattern is None:
        return None
    return compiler.decided(e, {s.alias for s in pattern.sources if s.alias})


def _by_cases(e: m.Compare) -> m.Expr | None:
    """A comparison with a value by cases, `x OP (if c then a otherwise b)`, as `(c and x OP a) or (not c and
    x OP b)` — the same in qiyue, whose condition `c` is either true or not (a comparison with an unknown value
    is false: the `otherwise` branch), and which computes only the branch it takes; None for another
    comparison."""
    for side in ("right", "left"):
        c = getattr(e, side)
        if isinstance(c, m.Conditional):
            then, otherwise = replace(e, **{side: c.then}), replace(e, **{side: c.otherwise})
            cond = c.condition
            # (a condition that may be unknown — a yes/no attribute a fact leaves out, a parameter — makes the
            # value unknown, and the comparison false: the `otherwise` branch only where it is known and false)
            known_false = m.Not(e.span, cond) if isinstance(cond, (m.Compare, m.BoolOp, m.Not)) else \
                m.Compare(e.span, "==", cond, m.Literal(e.span, False, "bool"))
            return m.BoolOp(e.span, "or", [m.BoolOp(e.span, "and", [cond, then]),
                                          m.BoolOp(e.span, "and", [known_false, otherwise])])
    return None


_LINEAR = frozenset({"money", "int", "number"})  # (kinds whose + and - are exact: money stays in fen)


def _terms(e: m.Expr, sign: int = 1) -> list[tuple[int, m.Expr]] | None:
    """A sum of amounts or numbers (`p.amount + i.amount - ¥10.00`) as its signed terms; None for
    anything but + and - of such kinds."""
    if isinstance(e, m.Arith):
        op = OPS.get(e.op, e.op)
        if op not in ("+", "-") or e.kind not in _LINEAR:
            return None
        left, right = _terms(e.left, sign), _terms(e.right, sign if op == "+" else -sign)
        return None if left is None or right is None else left + right
    return [(sign, e)]


def _sum_parts(trs: list, e: m.Compare, kind: str) -> tuple[list, list] | None:
    """A comparison of sums (`d.qty + e.qty >= o.qty + 1`) as `… OP 0`: its attributes — (sign, the source's
    translator, the property, its kind) — and its constants — (sign, the value in the form ``kind`` is sent in);
    None for a term neither (or a constant without a whole-number form)."""
    left, right = _terms(e.left), _terms(e.right, -1)
    if left is None or right is None:
        return None
    attrs, consts = [], []
    for sign, t in left + right:
        tr = next((x for x in trs if isinstance(t, m.Attribute) and x.own(t)), None)
        if tr is None:
            known, v = trs[0].constant(t)
            sent = encode(kind, v) if known else None
            if type(sent) is not int:
                return None
            consts.append((sign, sent))
            continue
        attrs.append((sign, tr, *tr.key(t)))
    return attrs, consts


def _within(trs: list, e: m.Compare, out: CompiledPatterns | None) -> bool:
    """Whether a sum of attributes of several facts (`d.qty + e.qty >= o.qty`, `p.amount + i.amount > ¥1.00`)
    can be taken apart as ``_linear`` and ``_rearranged`` take it: qiyue adds whole numbers without bound and
    stops with an error at an amount of ¥10^15 or more (``numbers.apply``), where durable_rules adds 64-bit
    integers and a value computed from one fact never meets the whole sum.  So each attribute it reads is
    bounded — the largest value with which no partial sum, constants included, reaches the limit — and a fact
    holding more is ``Beyond`` the Rete when sent (``CompiledPatterns.limits``: its evaluation is qiyue's,
    which meets the error where the reference does).  False when the sum is not of whole numbers or amounts
    (decimals are sent as doubles: ``_DOUBLE_DIGITS``) or its constants alone leave no room."""
    kind = next((x.kind for x in (e.left, e.right) if isinstance(x, m.Arith)), None)
    if kind not in ("int", "money"):
        return kind == "number"  # (as before: the derived value is qiyue's own decimal, compared exactly or Beyond)
    parts = _sum_parts(trs, e, kind)
    if out is None or parts is None:
        return False
    read = [(tr.type, key) for _, tr, key, _ in parts[0]]
    total = sum(abs(sent) for _, sent in parts[1])
    limit = (int(MAX_MONEY) * 100 if kind == "money" else 2 ** 63) - 1 - total  # (in fen for an amount)
    if not read or limit < len(read):
        return False
    each = limit // len(read)
    for etype, key in read:
        bounds = out.limits.setdefault(etype, {})
        bounds[key] = min(bounds.get(key, each), each)
    return True


def _linear(trs: list, e: m.Compare, neg: bool, on: int | None) -> list | None:
    """A comparison of sums of whole numbers or amounts of three or more facts (`d.qty + e.qty >= o.qty`) as
    alternatives (``_dnf``): one source's attribute against the others' sum, on that source — the latest it
    reads, or the probe — (`e.qty >= j0.qty - j1.qty`: durable_rules adds 64-bit integers, and whole numbers
    and amounts in fen are sent as such: exact, as qiyue's + and -); every attribute required first, and a
    negation holding where one is unknown.  None when not of that shape (a term not an attribute or a
    constant, a source with two terms where the test must go)."""
    kind = next((x.kind for x in (e.left, e.right) if isinstance(x, m.Arith)), None)
    op = _NEGATE[e.op] if neg else e.op
    if kind not in ("int", "money"):
        return None
    parts = _sum_parts(trs, e, kind)
    if parts is None:
        return None
    by: dict[int, list] = {}  # source -> its signed terms ((sign, property) …)
    for sign, tr, key, akind in parts[0]:
        if _form(akind) != kind:
            return None
        by.setdefault(tr.j, []).append((sign, key))
    total = sum(sign * sent for sign, sent in parts[1])  # (the constants' sum, in the form sent)
    j = on if on in by else max(by)
    if len(by.get(j, ())) != 1:
        return None
    (sign, key), = by[j]
    # sign·x + rest OP 0: x OP -rest (sign +1), x FLIP rest (sign -1) — the rest's terms with their signs turned
    value = None
    for k, terms in by.items():
        for s, other in terms if k != j else ():
            ref = {f"j{k}": other}
            if value is None:
                value = ref if s == -sign else {"$sub": {"$l": 0, "$r": ref}}
            else:
                value = {"$add" if s == -sign else "$sub": {"$l": value, "$r": ref}}
    if total:
        value = {"$add" if -sign * total > 0 else "$sub": {"$l": value, "$r": abs(total)}}
    if value is None:
        return None
    test = _test(key, op if sign > 0 else _FLIP[op], value)
    keys = [(k, x) for k, terms in by.items() for _, x in terms if x not in _ALWAYS_SENT]
    alternatives = [[*((k, {"$ex": {x: 1}}) for k, x in keys), (j, test)]]
    if neg:  # (qiyue: the negation of a comparison with an unknown value holds)
        alternatives += [[(k, {"$nex": {x: 1}})] for k, x in keys]
    return alternatives


def _rearranged(trs: list, e: m.Compare) -> tuple[m.Compare, str] | None:
    """A comparison of sums mixing two facts' amounts or numbers (`p.amount + i.amount > ¥100.00`,
    `p.n - i.n >= 2`) as one fact's attribute against a value of the other alone (`p.amount > ¥100.00 -
    i.amount`), and the kind of that value — the same comparison, + and - of these kinds being exact (an
    amount in fen stays in fen); unknown on either side, it is false either way.  None when no fact has
    exactly one term that is its own attribute, alone of its terms."""
    kind = next((x.kind for x in (e.left, e.right) if isinstance(x, m.Arith)), None)
    if kind not in _LINEAR:
        return None
    left, right = _terms(e.left), _terms(e.right, -1)
    if left is None or right is None:
        return None
    terms = left + right  # (sum of terms OP 0)
    for tr in trs:
        mine = [(sign, t) for sign, t in terms if tr.alias in _names_in(t)]
        if len(mine) != 1 or not (isinstance(mine[0][1], m.Attribute) and tr.own(mine[0][1])):
            continue
        (sign, attr), = mine
        value: m.Expr = m.Literal(e.span, 0 if kind == "int" else Decimal(0), kind)
        for s, t in terms:
            if t is not attr:  # (moved to the other side: its sign turned, against `attr`'s)
                value = m.Arith(e.span, "-" if s == sign else "+", value, t, kind)
        return m.Compare(e.span, e.op if sign > 0 else _FLIP[e.op], attr, value), kind
    return None


def _computed(trs) -> int:
    """How many values the translators ``trs`` have read that qiyue computes when it matches a fact (bounds,
    parameters, values from state): a part that reads one may fail there (a year no calendar knows)."""
    return sum(len(t.periods or ()) + len(t.params or ()) + len(t.conds) + len(t.owns) for t in trs)


def _cross(checked, trs: list, e: m.Compare, neg: bool, out, on: int | None) -> tuple[list, bool]:
    """A comparison between two sources (negated when ``neg``) as alternatives (``_dnf``), and whether it
    reads a value computed from a fact (``_derived``, ``_computed_pair``).  qiyue's comparison with an unknown
    value is false and its negation true: a negated comparison also holds where either side is unknown (`$nex`,
    each an alternative of its own)."""
    try:
        tests = _beta(trs, e, on, neg)
    except Refused:
        got = _derived(checked, trs, e, out, on, neg)
        if got is None:
            moved = _rearranged(trs, e)
            if moved is not None and _within(trs, e, out):
                got = _derived(checked, trs, moved[0], out, on, neg, moved[1])
        got = got or _computed_pair(checked, trs, e, out, on, neg)
        if got is None:
            raise
        return got, True
    alternatives = [tests]
    if neg:
        elapsed = _elapsed(e, checked)
        for side in (e.left, e.right) if elapsed is None else elapsed[:2]:
            tr = next(t for t in trs if t.own(side))
            key, _ = tr.key(side)
            if key not in _ALWAYS_SENT:
                alternatives.append([(tr.j, {"$nex": {key: 1}})])
    return alternatives, False


_FIXED_MICROS = {Unit.MINUTES: 60_000_000, Unit.HOURS: 3_600_000_000, Unit.DAYS: 86_400_000_000}


_DAY_KEPT = frozenset(("triggered_at", "due"))  # (a duty's stage: instants that keep the day they count as)


def _is_derived(checked, etype: str) -> bool:
    """Whether a kind of event is one the engine derives (a deemed event, a duty's stage), not a fact."""
    et = checked.event_types.get(etype)
    return et is None or et.decl is None


def _before_midnight(fn):
    """qiyue's instant ``fn``, where it is the end of a day (24:00), as the microsecond before it (``_derived``)."""
    def bound(env):
        v = fn(env)
        if isinstance(v, Moment) and v.is_end_of_day():
            return v.at - timedelta(microseconds=1)
        return v
    return bound


def _day_bound(fn, op: str):
    """qiyue's instant ``fn`` as the day a day's attribute is compared with by ``op``: qiyue compares a day with
    an instant as the instant the day begins (``compiler._compare_values``), so `d OP v` is `d OP' D`, D the
    day of v — `>` and `<=` as they are; `>=` and `<` against the next day unless v is the day's very start;
    `==` only then (else no day: left out, and the comparison fails, as qiyue's does)."""
    def day(env):
        v = fn(env)
        if v is None:
            return None
        at = _norm(v)  # (an instant, as qiyue compares it; a day as it is)
        if isinstance(at, date) and not isinstance(at, datetime):
            return at
        d = at.astimezone(CONTRACT_TZ).date()
        start = Moment.start_of_day(d).at == at
        if op in (">", "<="):
            return d
        if op in (">=", "<"):
            return d if start else d + timedelta(days=1)
        return d if start else None
    return day


def _shifted(fn, by: int):
    """qiyue's value ``fn`` (an instant, or a day as the instant it begins) moved by ``by`` microseconds."""
    delta = timedelta(microseconds=by)

    def shifted(env):
        v = fn(env)
        return None if v is None else _as_instant(_norm(v)) + delta  # (as qiyue's elapsed time reads it)
    return shifted


def _elapsed(e: m.Compare, c=None, named: bool = True):
    """`x.at - y.at > 24 hours` (the time between two facts' instants — or an instant one gives, `n.signed_at`;
    ``named`` False: either side any instant, `f.at - first(accepted).at > 365 days`) against a duration of
    fixed length — minutes, hours, days of 24 hours —, either way round, written out or a parameter holding
    one (`> response_limit`, ``c.durations``); or that time in a unit, rounded or not, against a number
    (`round_up((r.at - f.at) ÷ 1 hours, 1) > 4`, ``_ratio``; ``c.consts``: the parameters that are
    constants): (x, y, the comparison, the duration in microseconds) — qiyue compares the instants'
    difference with the duration exactly, and `x - y OP d` is `x OP y + d` —; else None."""
    durations, consts = getattr(c, "durations", None), getattr(c, "consts", None) or {}
    left, right, op = e.left, e.right, e.op
    if isinstance(right, (m.Arith, m.Call)) and not isinstance(left, (m.Arith, m.Call)):
        left, right, op = right, left, _FLIP[op]
    if isinstance(left, m.Call) or (isinstance(left, m.Arith) and OPS.get(left.op) == "/"):
        got = _ratio(left, op, right, durations, consts)
        if got is None:
            return None
        left, op, d = got
    else:
        d = _fixed_micros(right, durations)
    if d is None or not (isinstance(left, m.Arith) and OPS.get(left.op) == "-" and left.kind == "elapsed"):
        return None
    x, y = left.left, left.right
    if named and not all(isinstance(a, m.Attribute) and isinstance(a.obj, m.Name) for a in (x, y)):
        return None  # (a fact's instant, or an instant it gives — `n.signed_at`: ``_beta`` takes instants alone)
    return x, y, op, d


def _fixed_micros(e: m.Expr, durations: dict | None) -> int | None:
    """A duration of fixed length, written out or a parameter holding one, in microseconds; else None."""
    ref = e.duration.ref if isinstance(e, m.DurationValue) else e.name if isinstance(e, m.Name) else None
    if ref is not None:  # (a parameter whose value is a length of time of its own: `response_limit = 2 hours`)
        d = (durations or {}).get(ref)
        amount, unit = (d.amount, d.unit) if d is not None else (None, None)
    elif isinstance(e, m.DurationValue):
        amount, unit = e.duration.amount, e.duration.unit
    else:
        return None
    if amount is None or unit not in _FIXED_MICROS:
        return None
    return amount * _FIXED_MICROS[unit]


_ROUNDED = ("round", "round_up", "round_down")


def _constant_number(e: m.Expr, consts: dict):
    """A number written out — or of literals and constant parameters with + - × (`(0 - 1)`: how a
    negative number is written) — as qiyue computes it (``numbers.apply``: its own precision); else None."""
    if isinstance(e, m.Literal) and type(e.value) in (int, Decimal):
        return e.value
    if isinstance(e, m.Name) and type(consts.get(e.name)) in (int, Decimal):
        return consts[e.name]
    if isinstance(e, m.Arith) and OPS.get(e.op) in ("+", "-", "*"):
        a, b = _constant_number(e.left, consts), _constant_number(e.right, consts)
        if a is None or b is None:
            return None
        try:
            return apply(OPS[e.op], a, b, e.kind)
        except ArithmeticError:  # (an amount out of range: qiyue's error, where it computes it)
            return None
    return None


_BEYOND = 2 ** 59  # microseconds: more than between the years 1 and 9999 either way


def _least(holds) -> int | None:
    """The least whole ``t`` in ±``_BEYOND`` where ``holds`` (false, then true as t grows) holds; None if none."""
    lo, hi = -_BEYOND, _BEYOND
    if not holds(hi):
        return None
    while lo < hi:
        mid = (lo + hi) // 2
        if holds(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo


def _ratio(e: m.Expr, op: str, c: m.Expr, durations: dict | None, consts: dict | None = None):
    """`[round…(](x - y) ÷ U[, s)] OP c` — a time in a unit of fixed length, rounded to a step `s` or not,
    against a number written out — as the time `x - y` against a duration: (the difference, the comparison,
    the duration in microseconds), or None.  qiyue's value of it — the time in the unit to its 28 digits,
    rounded as ``numbers.rounded`` rounds — never falls as the time grows, so `f(t) OP c` holds on one side of
    a bound: the bound is found, to the microsecond, by bisection over qiyue's own arithmetic (the same
    answer for every time, whatever precision its digits have; an equality: where it holds for one
    microsecond alone)."""
    const = _constant_number(c, consts or {})
    if const is None:
        return None
    how = step = kind = None
    if isinstance(e, m.Call):
        how = BUILTINS.get(e.function)
        if how not in _ROUNDED or not 1 <= len(e.args) <= 2:
            return None
        if len(e.args) == 2:
            step = _constant_number(e.args[1], consts or {})
            if step is None or step <= 0:
                return None
        kind = e.kind
        e = e.args[0]
    if not (isinstance(e, m.Arith) and OPS.get(e.op) == "/"):
        return None
    unit = _fixed_micros(e.right, durations)
    if not unit:
        return None
    per = Decimal(unit)

    def value(t: int):  # (qiyue's: ``compiler._elapsed`` divides, ``numbers.rounded`` rounds)
        v = Decimal(t) / per
        return v if how is None else rounded(how, v, step, kind)
    try:
        if op in ("==", "!="):
            t = _least(lambda t: value(t) >= const)
            if t is None or value(t) != const or value(t + 1) == const:
                return None
            return e.left, op, t
        if op in (">", ">="):
            t = _least(lambda t: _PY[op](value(t), const))
            return e.left, ">=", _BEYOND if t is None else t
        t = _least(lambda t: not _PY[op](value(t), const))  # (the first time it fails: it held up to before it)
        return e.left, "<", _BEYOND if t is None else t
    except ArithmeticError:
        return None


def _flat(tests: list, earlier: str | None = None) -> list:
    """A joined source's tests as durable_rules 2.0.28 evaluates them right: every `$and` spliced in, what
    stays compound (`$or`) after the rest, and — when some test compares with another source, ``earlier``
    being one before it — a comparison with it that always holds after them (``_sentinel``).

    Two defects of its C engine (src/rules/events.c, ``reduceExpressionSequence``), both found here: a
    comparison with another source placed after a compound test is skipped (measured: `[$or[…], at > j0.at + 2
    h]` matched at exactly 2 hours); and when the last comparison of a group is false, the engine looks for the
    group's end past it, reading beyond the rule's table — an AddressSanitizer build stops there (`SEGV in
    reduceExpressionSequence`) on any failing order between two facts, and an ordinary build crashed once
    enough rule files had lived in one process.  The order of a conjunction's parts decides nothing; a `$ex`
    stays before the order it guards."""
    flat = []
    for t in tests:
        if len(t) == 1 and "$and" in t:
            flat += _flat(t["$and"])
        else:
            flat.append(t)
    plain = [t for t in flat if not _compound(t)]
    if earlier is not None and any(_refers(t) for t in plain):
        plain.append(_sentinel(earlier))
    return plain + [t for t in flat if _compound(t)]


def _refers(t) -> bool:
    """Whether a test compares with another source (a reference `{"jN": …}`)."""
    if isinstance(t, dict):
        return any((k[:1] == "j" and k[1:].isdigit()) or _refers(v) for k, v in t.items())
    if isinstance(t, list):
        return any(_refers(x) for x in t)
    return False


def _sentinel(earlier: str) -> dict:
    """A comparison with the source ``earlier`` that always holds — the fact's instant is not 2**62
    microseconds (146,000 years) before the other's: the last comparison of the group, never false."""
    return {"$gte": {AT: {"$sub": {"$l": {earlier: AT}, "$r": 2 ** 62}}}}


def _compound(t: dict) -> bool:
    return len(t) == 1 and next(iter(t)) in ("$or", "$and")


_ON_PROBE = "qy:on_probe"  # (a comparison of the kept fact's instant with a bound, to be tested on the probe)


def _value_form(t) -> str | None:
    """The exact form a value of the checker's type ``t`` is sent in (as ``_form`` of an attribute's kind)."""
    if isinstance(t, tuple):
        return "text" if t[0] == "enum" else None
    return {"moment": "instant", "datetime": "instant", "text": "text", "party": "text", "ref": "text",
            "money": "money", "int": "int", "date": "date", "bool": "bool"}.get(t)


def _derived(checked, trs: list, e: m.Compare, out: CompiledPatterns | None, on: int | None = None,
             neg: bool = False, value_type: str | None = None) -> list | None:
    """A fact's attribute compared with a value computed from the other fact alone (`i.amount == (if
    a.score >= 90 then fee otherwise round_down(fee × a.score ÷ 90, ¥1.00))`), as alternatives (``_dnf``):
    the value is computed by qiyue's own compiled expression when the other fact is sent (a property of its
    message, in the exact form of the attribute's kind — left out when unknown, and a comparison with it
    fails, as qiyue's does) and the Rete compares the two, on the later source (``on``: the probe's).  A
    value without an exact form (a sub-cent amount) is left out too for an equality, which qiyue's exact
    comparison fails as well; for anything else (`!=`, an order, a negation) it is ``Beyond`` the Rete when
    it is sent — the evaluation's lines are then qiyue's.  None when the comparison is not of that shape."""
    compiler = getattr(checked, "compiler", None)
    if out is None or compiler is None:
        return None
    for attr, expr, op in ((e.left, e.right, e.op), (e.right, e.left, _FLIP[e.op])):
        ta = next((t for t in trs if isinstance(attr, m.Attribute) and t.own(attr)), None)
        if ta is None:
            continue
        tv = next((t for t in trs if t is not ta and t.alias in _names_in(expr)), None)
        if tv is None or not _fact_only(compiler, expr, {tv.alias}):
            continue
        key, kind = ta.key(attr)
        op = _NEGATE[op] if neg else op
        # (a value of the attribute's own form: qiyue compares a date with an instant as instants)
        vtype = value_type or checked.expr_types.get(id(expr))  # (a value made here: ``_rearranged``'s kind)
        form = _value_form(vtype)
        by_day = None  # (a day against an instant: the instant's day, on the side the comparison keeps)
        if form == "date" and _form(kind) == "instant":  # (`d.at > o.due_date`: the day as the instant it begins)
            form = "instant"
        elif form == "instant" and _form(kind) == "date" and op != "!=" and not (neg and op == "=="):
            # (`x.due > end of 2 working days after f`; an equality — no day at all when the instant is not a day's
            # start — not under a negation, whose alternative for an unknown value would hold there: a reviewer's case)
            form, by_day = "date", op
        elif isinstance(expr, m.Attribute) and tv.own(expr):  # (the other fact's own attribute: ``_beta``'s)
            continue
        if form is None and vtype == "number" and kind in ("int", "money"):
            form = _form(kind)  # (a number sent in the attribute's form: one without it is left out, or Beyond)
        if kind == "number" or form != _form(kind):
            return None
        if op not in ("==", "!=") and _form(kind) not in _ORDERED:
            return None
        strict = neg or op != "=="
        derived = out.derived.setdefault(tv.type, [])
        prop = f"qy_v.{sum(map(len, out.derived.values()))}"
        if _hash_clash(tv.attrs, [p for p, *_ in derived] + [prop]):
            return None
        fn = compiler.expr(expr, {tv.alias})
        if key != AT and attr.name in _DAY_KEPT and op not in ("<", ">=") and _ends_a_day(expr, checked.params) \
                and (checked.event_types.get(ta.type) is None or checked.event_types[ta.type].decl is None):
            return None  # (a stage's `triggered_at` / `due` against an end of a day: by the day, qiyue's — review 36)
        if key == AT and op not in ("<", ">=") and _ends_a_day(expr, checked.params):  # (qiyue: a fact at 00:00 is after the end
            # of the day before, one instant though they are — ``compiler._compare_by_day`` —: `>` is `>=` and `<=` is
            # `<` against that end, i.e. against the microsecond before it; an equality by the day, and an event
            # deemed at 24:00 — of that day — compared so, are qiyue's)
            if op in ("==", "!=") or _is_derived(checked, ta.type):
                return None
            fn = _before_midnight(fn)
        derived.append((prop, fn if by_day is None else _day_bound(fn, by_day), tv.alias, kind, strict))
        later = on if on in (ta.j, tv.j) else max(ta.j, tv.j)
        if ta.j == later:  # (on the later source, the other by reference)
            test = _test(key, op, {f"j{tv.j}": prop})
        else:
            test = _test(prop, _FLIP[op], {f"j{ta.j}": key})
        if op == "==":
            tests = [(later, test)]
        else:  # (an order or `!=` with a property a message leaves out stops durable_rules: both present first)
            tests = [(tv.j, {"$ex": {prop: 1}}), (ta.j, {"$ex": {key: 1}}), (later, test)]
        alternatives = [tests]
        if neg:  # (qiyue: the negation of a comparison with an unknown value holds)
            if key not in _ALWAYS_SENT:
                alternatives.append([(ta.j, {"$nex": {key: 1}})])
            alternatives.append([(tv.j, {"$nex": {prop: 1}})])
        return alternatives
    return None


def _sides_form(checked, e: m.Compare, op: str) -> str | None:
    """The one form in which two values computed each from its own fact (``_computed_pair``) are sent so that
    the Rete compares them as qiyue does — None when there is none.  qiyue compares by the day where either
    side is the end of a day (``compiler._ends_a_day``: `month_end(w) == month_end(v)`), which only two
    instants that know their day can be sent for (``BY_DAY``); else a day against an instant as the instant
    the day begins (``compiler._compare_values``), both then sent as instants; else both of one form, an
    order only of an ordered one.  (A decimal number has no exact form: ``_DOUBLE_DIGITS``.)"""
    types = [checked.expr_types.get(id(x)) for x in (e.left, e.right)]
    if _ends_a_day(e.left, checked.params) or _ends_a_day(e.right, checked.params):
        return BY_DAY if types == ["moment", "moment"] else None
    forms = {_value_form(t) for t in types}
    if forms == {"date", "instant"}:
        return "instant"
    if len(forms) != 1 or None in forms:
        return None
    (form,) = forms
    return form if op in ("==", "!=") or form in _ORDERED else None


def _computed_pair(checked, trs: list, e: m.Compare, out: CompiledPatterns | None, on: int | None = None,
                   neg: bool = False) -> list | None:
    """Two values each computed from one fact of a join alone and compared (`month_end(w) == month_end(v)`,
    `day_end(x) > day_end(f)`, `d.amount × 2 == p.amount + ¥1.00`), as alternatives (``_dnf``): each value is
    computed by qiyue's own compiled expression when its fact is sent — a property of the fact's message (and its
    probe's), in the one form the comparison needs (``_sides_form``) — and the Rete compares the two properties,
    on the later source (``on``: the probe's).  Unknown, a value is left out: the comparison fails, its negation
    holds, as qiyue's.  A known value without that form (a bare instant where the comparison is by the day), or
    one qiyue fails to compute (a year no calendar knows, a division by zero), is ``Beyond`` the Rete when sent:
    the evaluation's lines are then qiyue's, which meets the error only where the reference does.  None when the
    comparison is not of that shape (a side reading both facts, or the state: periods, aggregates)."""
    compiler = getattr(checked, "compiler", None)
    if out is None or compiler is None:
        return None
    sides = []
    for x in (e.left, e.right):
        tr = [t for t in trs if t.alias in _names_in(x)]
        if len(tr) != 1 or not _fact_only(compiler, x, {tr[0].alias}):
            return None
        sides.append((tr[0], x))
    (ta, _), (tb, _) = sides
    op = _NEGATE[e.op] if neg else e.op
    form = _sides_form(checked, e, op) if ta is not tb else None
    if form is None:
        return None
    n = sum(map(len, out.derived.values()))
    pa, pb = f"qy_v.{n}", f"qy_v.{n + 1}"
    for tr in {ta.type: ta, tb.type: tb}.values():  # (both properties named first: none sent for a clash)
        mine = [p for (t, _), p in zip(sides, (pa, pb)) if t.type == tr.type]
        if _hash_clash(tr.attrs, [p for p, *_ in out.derived.get(tr.type, ())] + mine):
            return None
    for (tr, x), prop in zip(sides, (pa, pb)):
        fn = compiler.expr(x, {tr.alias})
        out.derived.setdefault(tr.type, []).append(
            (prop, fn if form != "instant" else lambda env, f=fn: _norm(f(env)), tr.alias, form, True))
    later = on if on in (ta.j, tb.j) else max(ta.j, tb.j)
    test = _test(pa, op, {f"j{tb.j}": pb}) if ta.j == later else _test(pb, _FLIP[op], {f"j{ta.j}": pa})
    alternatives = [[(ta.j, {"$ex": {pa: 1}}), (tb.j, {"$ex": {pb: 1}}), (later, test)]]
    if neg:  # (qiyue: the negation of a comparison with an unknown value holds)
        alternatives += [[(ta.j, {"$nex": {pa: 1}})], [(tb.j, {"$nex": {pb: 1}})]]
    return alternatives


def _probe_join(checked, pattern: m.Pattern, out: CompiledPatterns, key: str) -> dict[int, list[dict]]:
    """A join of two kinds of fact whose condition reads a period's bounds or a state parameter: for each
    position of the probe, rules joining a fact of the other kind kept in the session with the probe of
    the fact the replay matches (kind ``PROBE`` + its kind, carrying the bounds as counted then), with
    every part of the condition — the kept fact's own tests on it; the probe's own tests, the comparisons
    between the two and with the bounds on the probe, by reference to the kept fact — one rule per
    alternative of the condition (``_alternatives``).  Refused when a part is beyond the Rete (the line is
    then joined when recorded, and qiyue tests the rest)."""
    sources = pattern.sources
    types = tuple(Checker.source_type_name(s) for s in sources)
    aliases = tuple(s.alias for s in sources)
    if len(sources) != 2 or types[0] == types[1] or None in aliases:
        raise Refused("period_bound", period="")
    rules = {}
    leaves: dict[int, object] = {}  # id(an `exists( )` of the condition) -> its test on the probe, what it reads

    def exists(e: m.Exists):
        if id(e) not in leaves:
            leaves[id(e)] = _exists_leaf(checked, e, out, f"{key}/x{len(leaves)}", aliases)
        return leaves[id(e)]

    def aggregate(e, op, const):
        if (id(e), op) not in leaves:
            if e.pattern.where is not None and set(aliases) & _names_in(e.pattern.where):
                raise Refused("over_facts", what=_what(e), n=2)
            leaves[(id(e), op)] = _agg_leaf(checked, e, op, const, out, f"{key}/x{len(leaves)}")
        return leaves[(id(e), op)]

    for p in (0, 1):
        q = 1 - p
        trs = [_Translator(checked, pattern, j, periods=True, probe=None if j == p else f"j{q}") for j in (0, 1)]
        trs[p].aggregate = aggregate
        read = set()
        alternatives = _alternatives(checked, trs, pattern.where, out, on=p, exists=exists, read=read)
        if alternatives is False:
            raise Refused("period_bound", period="")  # (never: the record-time join says so)
        out.probes.setdefault(types[p], set()).update(read)
        out.probes.setdefault(types[p], set()).update(x for tr in trs for x in _read(tr))
        out.probe_types.setdefault(types[p], set()).add(key)
        rules[p] = [{"all": [{f"j{q}": {"$and": _flat([{TYPE: types[q]}, *parts[q]])}},
                             {f"j{p}": {"$and": _flat([{TYPE: PROBE + types[p]}, *parts[p]], f"j{q}")}}]}
                    for parts in alternatives]
    return rules


def _beta(trs: list, e: m.Compare, on: int | None = None, neg: bool = False) -> list[tuple[int, dict]]:
    """A comparison of two sources' attributes (`n.ref == t.id`) as durable_rules tests, each with the
    source it is tested on: on the later one, the earlier source's attribute by reference.  An unknown
    attribute fails it on both sides (qiyue: a comparison with an unknown value is false).  The time
    between two facts against a fixed duration (``_elapsed``) is an order of one instant against the
    other's plus (or minus) the duration.  ``on``: the source tested on, whichever comes later (a join
    with a fact's probe: the kept fact, the probe being first).  ``neg``: the comparison's negation, of
    known values (``_cross`` adds where one is unknown)."""
    elapsed = _elapsed(e, trs[0].c)
    if elapsed is not None:
        x, y, op, d = elapsed
        op = _NEGATE[op] if neg else op
        tx = next((t for t in trs if t.own(x)), None)
        ty = next((t for t in trs if t.own(y)), None)
        if tx is None or ty is None or tx is ty:
            raise Refused("vs_other", what=_what(e.left))
        (kx, fx), (ky, fy) = tx.key(x), ty.key(y)
        if fx != "instant" or fy != "instant":
            raise Refused("vs_other", what=_what(e.left))
        # (an instant a fact may leave out, `n.signed_at`: required first, as for any order — qiyue's difference
        # with an unknown instant is unknown, and the comparison false)
        guards = [(t.j, {"$ex": {k: 1}}) for t, k in ((tx, kx), (ty, ky)) if k not in _ALWAYS_SENT]
        if tx.j == on or (ty.j != on and tx.j > ty.j):  # x OP y + d, on x (the probe, or the later source)
            return guards + [(tx.j, _test(kx, op, {"$add": {"$l": {f"j{ty.j}": ky}, "$r": d}}))]
        return guards + [(ty.j, _test(ky, _FLIP[op], {"$sub": {"$l": {f"j{tx.j}": kx}, "$r": d}}))]  # y FLIP x - d
    sides = []
    for side in (e.left, e.right):
        tr = next((t for t in trs if isinstance(side, m.Attribute) and t.own(side)), None)
        if tr is None:
            raise Refused("vs_other", what=_what(side))
        sides.append((tr, *tr.key(side)))
    (lt, lkey, lkind), (rt, rkey, rkind) = sides
    if _form(lkind) != _form(rkind):
        raise Refused("kinds_differ", left=str(lkind), right=str(rkind))
    op = _NEGATE[e.op] if neg else e.op
    if op not in ("==", "!=") and _form(lkind) not in _ORDERED | {"number"}:  # (numbers: doubles keep their order)
        raise Refused("kind_order", kind=str(lkind))
    if rt.j == on or (lt.j != on and lt.j < rt.j):  # (tested on the probe or the later source, the other by reference)
        (lt, lkey), (rt, rkey), op = (rt, rkey), (lt, lkey), _FLIP[op]
    ref = {f"j{rt.j}": rkey}
    if op == "==":
        return [(lt.j, {lkey: ref})]
    # durable_rules fails `==` with an attribute a fact leaves out but stops with an error on an order or
    # `!=` (ERR_PROPERTY_NOT_FOUND): both attributes are required first, each on its own source — qiyue's
    # comparison with an unknown value is false, so a pair without them never matches either way
    return [(rt.j, {"$ex": {rkey: 1}}), (lt.j, {"$ex": {lkey: 1}}), (lt.j, {_DURABLE[op]: {lkey: ref}})]


_FACT_CALLS = frozenset({"min", "max", "round", "round_up", "round_down", "other", "present", "day_alone", "earliest", "latest",
                         *CALENDAR_PLACES, *CALENDAR_DAYS})  # (functions of their arguments alone)


def _fact_only(compiler, e, aliases: set[str]) -> bool:
    """Whether an expression reads nothing but the facts of ``aliases`` and constants — the compiler's
    ``pure``, also through the functions of their arguments alone (``_FACT_CALLS``: the calendar's are the
    rules' own), lengths of time (`3 days`, `e.days days`) and instants counted from a fact (`end of 2
    working days after f`, `day 3 after n`: on the rules' calendar, ``Counter``).  Not the evaluation's
    state: aggregates, periods, `passed`, `ended`, duties."""
    return e is not None and compiler.pure(e, aliases, _FACT_CALLS, lengths=True)


def _fnv1a(name: str) -> int:
    """durable_rules' hash of a property's name (32-bit FNV-1a): the only way it finds a property."""
    h = 2166136261
    for b in name.encode("utf-8"):
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h


def _hash_clash(attrs: dict, more=()) -> tuple[str, str] | None:
    """Two property names a message of a kind of fact can hold (and its probe: ``more``) whose hashes are
    equal (None: none)."""
    names = [SID, MID, ID, TYPE, N, INEXACT, AT, AT_DAY, PAIR, *more]
    for attr, kind in attrs.items():
        names.append(A + attr + EVENT_ID if _names_a_fact(attr, kind) else A + attr)
    seen: dict[int, str] = {}
    for name in names:
        h = _fnv1a(name)
        if h in seen:  # (the same name twice — an attribute `at__day` — or two names of one hash)
            return seen[h].removeprefix(A), name.removeprefix(A)
        seen[h] = name
    return None


def _names_a_fact(attr: str, kind) -> bool:
    """An attribute whose value is a fact: an obligation stage's alias of a trigger's fact, or `by`
    (the fact that performed it; of no single kind where several ways perform it)."""
    return (isinstance(kind, tuple) and kind[0] == "event") or (attr == "by" and kind == "any")


def _form(kind) -> str:
    """The exact form values of a kind are sent in: kinds of one form compare with one another."""
    return "text" if kind in ("text", "party", "ref") else kind


def _names_in(e) -> set[str]:
    """Every name an expression reads (aliases, parameters, parties; an aggregate's own too)."""
    return {x.name for x in _nodes(e) if isinstance(x, m.Name)}


class _Translator:
    """A condition on one source's fact (``j``: which source of a join) as durable_rules tests.
    ``numbers``: whether it may read `number` attributes, sent as doubles where exact — a fact whose number
    has none is matched by qiyue: its one-fact lines for that fact, and every line of its evaluation once
    such a fact is of a kind a join keeps or an aggregate counts (``DurableEvaluation.record``)."""

    def __init__(self, checked, pattern: m.Pattern, j: int | None = None, numbers: bool = True,
                 periods: bool = False, probe: str | None = None):
        self.c = checked
        self.probe = probe  # (this fact's frame in a join with a probe, which holds the bounds: None — its own)
        self.numbers = numbers
        # the periods whose bounds the condition compares the fact's instant with, in the order first read
        # (None: not here — a rule tested when the fact is recorded, a filter or a join, would not see the
        # bounds as the replay counts them when it matches the fact: only a line decided on its probe does)
        self.periods: list[str] | None = [] if periods else None
        # …and the parameters computed from the evaluation's state (`accepted`) it reads, in the same way
        self.params: list[str] | None = [] if periods else None
        # …and the count( ) and sum( ) it compares with constants, each a leaf the Rete counts facts on
        # (``_agg_leaf``), when ``aggregate`` makes them (None: not here)
        self.aggs: list = []
        self.aggregate = None
        self.conds: list[str] = []  # …and the conditions computed from state alone (``state_cond``)
        self.owns: list[str] = []  # …and the parts read from the fact alone, carried by its message (``own_cond``)
        self.line_aliases = {s.alias for s in pattern.sources}
        self.pattern_ = pattern  # (the line's: what the rules alone decide of its condition, ``_decided``)
        if j is None and len(pattern.sources) != 1:
            raise Refused("join_n", n=len(pattern.sources))
        self.j = j or 0
        src = pattern.sources[self.j]
        self.type = Checker.source_type_name(src)
        self.alias = src.alias
        self.where = pattern.where
        et = checked.event_types.get(self.type)
        if et is None:  # pragma: no cover - the checker resolved every source
            raise Refused("unknown_type", type=self.type)
        self.attrs = et.attrs
        clash = _hash_clash(et.attrs)
        if clash:
            raise Refused("hash_clash", a=clash[0], b=clash[1], type=self.type)

    def pattern(self):
        test = {TYPE: self.type}
        if self.where is None:
            return test
        cond = self.expr(self.where, False)
        if cond is False:
            return False
        if cond is True:
            return test
        return {"$and": [test, cond]}

    # each returns a durable_rules condition, or True/False when it is constant
    def expr(self, e: m.Expr, neg: bool):
        try:
            return self._expr(e, neg)
        except Refused:
            own = self.own_cond(e, neg)
            if own is not None:
                return own
            if self.params is None or self.probe is not None or _names_in(e) & self.line_aliases \
                    or getattr(self.c, "compiler", None) is None:
                raise
            return self.state_cond(e, neg)

    def own_cond(self, e: m.Expr, neg: bool) -> dict | None:
        """A part of the condition that reads this fact alone and constants, in a form the Rete has no test
        for (`i.amount × 2 > price`, `present(n.signed_at)`, `n.to == other(n.from)`, `o.f.urgent`, `r.at >
        day_of_month(25, r)`, `n.signed_at - n.at > 3 days`): its value never changes, so qiyue's own compiled
        expression computes it when the fact is sent and the message carries it as yes or no (``OWN``…,
        ``_own_conds``); the Rete tests that.  None when the part reads anything else (another fact, the
        evaluation's state: periods, aggregates, `ended`)."""
        compiler = getattr(self.c, "compiler", None)
        if compiler is None or self.alias is None or not isinstance(e, (m.Compare, m.BoolOp, m.Not, m.Call,
                                                                           m.Attribute, m.Conditional)) \
                or not _fact_only(compiler, e, {self.alias}):
            return None
        owns = self.c.owns
        got = owns.get((self.type, id(e)))
        if got is None:
            prop = f"{OWN}{len(owns)}"
            if _hash_clash(self.attrs, [p for (t, _), (p, *_) in owns.items() if t == self.type] + [prop]):
                return None
            got = owns[(self.type, id(e))] = (prop, compiler.expr(e, {self.alias}), self.alias)
            self.c.alive.append(e)
        self.owns.append(got[0])
        return {got[0]: not neg}

    def state_cond(self, e: m.Expr, neg: bool) -> dict:
        """A part of the condition that reads no fact of the line, only the evaluation's state (`accrued(fee) >
        ¥1,000.00`, `count(closed c where c.at < span.end) >= 2`): computed by qiyue's own compiled expression
        when the replay matches the fact, and carried by the fact's probe (``cond``) as yes or no — a value
        neither (unknown) makes the line qiyue's for that fact."""
        got = self.c.conds.get(id(e))
        if got is None:
            got = self.c.conds[id(e)] = (f"c{len(self.c.conds)}", self.c.compiler.expr(e, set()))
            self.c.alive.append(e)
        name = got[0]
        if name not in self.conds:
            clash = _hash_clash(self.attrs, [cond(n) for n in (*self.conds, name)])
            if clash:
                raise Refused("hash_clash", a=clash[0], b=clash[1], type=self.type)
            self.conds.append(name)
        return {cond(name): not neg}

    def state_value(self, attr: m.Attribute, op: str, e: m.Expr, neg: bool, by: int | None = None) -> dict:
        """The fact's attribute compared with a value computed from the evaluation's state alone (`i.amount >
        limit`, `p.at < first(started).at`): computed by qiyue's own compiled expression when the replay
        matches the fact and carried by its probe in the attribute's form (``value``).  Unknown, it is left
        out, and the comparison fails — its negation holds —, as qiyue's; known without an exact form, the
        probe cannot be made for an order, `!=` or a negation (the line is qiyue's for that fact), and is left
        out for an equality, which qiyue's exact one fails as well.  ``by``: the value is an instant moved by so
        many microseconds (the time between the two against a fixed duration, ``_elapsed``)."""
        key, kind = self.key(attr)
        form = _form(kind)
        if kind == "number" or form not in _ORDERED | _EQUAL_ONLY or (op not in ("==", "!=") and form not in _ORDERED):
            raise Refused("compared", left=_what(attr), right=_what(e))
        if by is not None and form != "instant":
            raise Refused("compared", left=_what(attr), right=_what(e))
        midnight = by is None and self.by_day(attr, op, e)  # (`n.at > day_end(main_due)`: by the day — round 32;
        if midnight and _is_derived(self.c, self.type):
            raise Refused("compared", left=_what(attr), right=_what(e))  # a deemed event of 24:00 is qiyue's)
        ident = id(e) if by is None and not midnight else (id(e), by if by is not None else "by_day")
        got = self.c.values.get(ident)
        if got is None:
            fn = self.c.compiler.expr(e, set())
            fn = _shifted(fn, by) if by is not None else _before_midnight(fn) if midnight else fn
            got = self.c.values[ident] = (f"v{len(self.c.values)}", fn)
            self.c.alive.append(e)
        name = f"{got[0]}_{form}_{int(neg or op != '==')}"
        if name not in self.conds:
            clash = _hash_clash(self.attrs, [cond(n) for n in (*self.conds, name)])
            if clash:
                raise Refused("hash_clash", a=clash[0], b=clash[1], type=self.type)
            self.conds.append(name)
        prop = cond(name)
        if self.probe is not None:  # (a kept fact joined with the probe, which carries the value: ``_alternatives``)
            return {_ON_PROBE: (prop, _FLIP[op], {self.probe: key}, neg, *([] if key in _ALWAYS_SENT else [key]))}
        present = [{"$ex": {prop: 1}}] + ([] if key in _ALWAYS_SENT else [{"$ex": {key: 1}}])
        if not neg:
            return {"$and": [*present, _test(key, op, {"$m": prop})]}
        absent = [{"$nex": {prop: 1}}] + ([] if key in _ALWAYS_SENT else [{"$nex": {key: 1}}])
        return {"$or": [*absent, {"$and": [*present, _test(key, _NEGATE[op], {"$m": prop})]}]}

    def _expr(self, e: m.Expr, neg: bool):
        if isinstance(e, m.Not):
            return self.expr(e.item, not neg)
        if isinstance(e, m.BoolOp):
            conj = (e.op == "and") != neg  # not (a and b) = not a or not b
            parts, refused, start = [], None, _computed([self])
            for item in e.items:
                try:
                    p = self.expr(item, neg)
                except Refused as exc:  # (a part decided by a constant may still decide the whole)
                    refused = refused or exc
                    continue
                if p is (not conj):  # a false part of an `and`, a true part of an `or`
                    if _decided(self.c, item, self.pattern_) is (p != neg):  # (the rules alone decide it: qiyue
                        return not conj  # decides the whole when it compiles, and computes none of it)
                    if refused is not None:  # (qiyue tests the parts in order, and stops at this
                        break  # one: a part before it that it cannot test may raise — a year no calendar knows)
                    if _computed([self]) != start:  # (…or a part before it reads a value qiyue computes)
                        raise Refused("false_computed")
                    return not conj
                if p is not conj:
                    parts.append(p)
            if refused is not None:
                raise refused
            if not parts:
                return conj
            return parts[0] if len(parts) == 1 else {("$and" if conj else "$or"): parts}
        if isinstance(e, m.Compare):
            return self.compare(e, neg)
        if isinstance(e, m.Attribute) and self.own(e):  # a yes/no attribute as the condition
            key, kind = self.key(e)
            if kind != "bool":
                raise Refused("attr_as_condition", name=e.name, kind=str(kind))
            return {key: True} if not neg else {"$or": [{"$nex": {key: 1}}, {key: False}]}
        if isinstance(e, m.Call) and e.function == "present" and len(e.args) == 1 \
                and isinstance(e.args[0], m.Attribute) and self.own(e.args[0]):
            key, _ = self.key(e.args[0])
            return {("$nex" if neg else "$ex"): {key: 1}}
        known, value = self.constant(e)
        if known and isinstance(value, bool):
            return value != neg
        if isinstance(e, m.Name) and not known and e.name != self.alias and e.name in self.c.params \
                and self.params is not None and self.probe is None and self.c.param_types.get(e.name) == "bool":
            return self.state_param(e.name, neg)
        raise Refused("in_condition", what=_what(e))

    def state_param(self, name: str, neg: bool) -> dict:
        """A yes/no parameter computed from the evaluation's state (`not accepted`): a test of the fact's
        probe, which carries its value as the replay computes it when it matches the fact (``state``)."""
        if name not in self.params:
            clash = _hash_clash(self.attrs, [state(p) for p in (*self.params, name)]
                                + [bound(p, x) for p in self.periods for x in _CARRIED])
            if clash:
                raise Refused("hash_clash", a=clash[0], b=clash[1], type=self.type)
            self.params.append(name)
        return {state(name): not neg}

    def compare(self, e: m.Compare, neg: bool):
        cases = _by_cases(e) or _as_orders(e, self.c)
        if cases is not None:  # (`x.at <= (if x.n > 1 then x.at otherwise span.end)`: case by case)
            return self.expr(cases, neg)
        lp, rp = self.period_part(e.left), self.period_part(e.right)
        if lp or rp:
            return self.vs_period(e, lp, rp, neg)
        elapsed = _elapsed(e, self.c, named=False)
        if elapsed is not None and self.params is not None and getattr(self.c, "compiler", None):
            # (the time between the fact's instant and one computed from state: `f.at - first(accepted).at >
            # 365 days` is `f.at > first(accepted).at + 365 days`, `V - f.at OP d` is `f.at FLIP V - d`)
            x, y, op, d = elapsed
            for attr, value, op, by in ((x, y, op, d), (y, x, _FLIP[op], -d)):
                if isinstance(attr, m.Attribute) and self.own(attr) and not _names_in(value) & self.line_aliases:
                    return self.state_value(attr, op, value, neg, by)
        lk, lv = self.constant(e.left)
        rk, rv = self.constant(e.right)
        agg = e.right if lk else e.left
        if lk != rk and self.aggregate is not None and self.probe is None and type(agg) in (m.Count, m.Sum) \
                and (agg.pattern.where is None or self.alias not in _names_in(agg.pattern.where)):
            agg, op, const = (e.right, _FLIP[e.op], lv) if lk else (e.left, e.op, rv)
            leaf = self.aggregate(agg, op, const)  # (`count(closed) >= 2`: the number the probe carries)
            self.aggs.append(leaf)
            ((test,),) = leaf.tests(neg)
            return test
        if lk and rk:  # `an_assumption == "a reading"`: decided now
            try:
                return _PY[e.op](lv, rv) != neg
            except TypeError:
                raise Refused("constants_types") from None
        if lk and not rk:
            attr, op, const = e.right, _FLIP[e.op], lv
            day_test = self.by_day_constant(attr, op, e.left, const, neg)
        elif rk:
            attr, op, const = e.left, e.op, rv
            day_test = self.by_day_constant(attr, op, e.right, const, neg)
        else:
            for attr, value, op in ((e.left, e.right, e.op), (e.right, e.left, _FLIP[e.op])):
                if isinstance(attr, m.Attribute) and self.own(attr) and not _names_in(value) & self.line_aliases \
                        and self.params is not None and getattr(self.c, "compiler", None):
                    return self.state_value(attr, op, value, neg)
            if isinstance(e.left, m.Attribute) and isinstance(e.right, m.Attribute) and self.own(e.left) \
                    and self.own(e.right):
                return self.own_pair(e, neg)
            raise Refused("compared", left=_what(e.left), right=_what(e.right))
        if day_test is not None:
            return day_test
        if not (isinstance(attr, m.Attribute) and self.own(attr)):
            raise Refused("vs_constant", what=_what(attr))
        key, kind = self.key(attr)
        if kind == "int" and type(const) is Decimal:  # (`n > 2.5`: a whole number's order, `n >= 3`)
            whole = _whole(op, const)
            if whole is None:  # (`n == 2.5` never holds, `n != 2.5` wherever n is known)
                return {("$nex" if neg else "$ex"): {key: 1}} if op == "!=" else neg
            op, const = whole
        value = self.encode_constant(kind, const, attr.name)
        if kind in _EQUAL_ONLY and op not in ("==", "!="):
            raise Refused("attr_order", kind=str(kind), name=attr.name)
        positive = _test(key, _NEGATE[op] if neg else op, value)
        return {"$or": [{"$nex": {key: 1}}, positive]} if neg else positive

    def by_day(self, attr, op: str, e: m.Expr) -> bool:
        """Whether the fact's instant is compared with ``e``, the end of a day (``compiler._ends_a_day``), by ``op``
        where qiyue's comparison by the day differs from the instants' (`>` and `<=`: a fact at 00:00 is after the day
        that ended then, one instant though they are — contract rounds 32 and 33).  An equality by the day is qiyue's
        (refused)."""
        if not (isinstance(attr, m.Attribute) and self.own(attr) and _ends_a_day(e, self.c.params)):
            return False
        if self.key(attr)[0] != AT:
            if attr.name in _DAY_KEPT and op not in ("<", ">=") and _is_derived(self.c, self.type):
                # (a duty's stage gives its `triggered_at` and `due` with the day they count as — a duty set off at
                # 00:00 of 06-01 arose after the end of 05-31, one instant though they are —: qiyue's, review round 36)
                raise Refused("compared", left=_what(attr), right=_what(e))
            return False
        if op in ("==", "!="):
            raise Refused("compared", left=_what(attr), right=_what(e))
        return op in (">", "<=")

    def by_day_constant(self, attr, op: str, e: m.Expr, const, neg: bool) -> dict | None:
        """The fact's instant against the constant ``e`` (a parameter, `day_end(2027-08-30)`), the end of a day D, by
        the day (``by_day``): `>` D is a day after D, `<=` D a day no later than D — the day the event counts as
        (``AT_DAY``: a deemed event of 24:00 is of the day that ends, a fact of 00:00 of the next).  None otherwise."""
        if not (self.by_day(attr, op, e) and isinstance(const, Moment) and const.is_end_of_day()):
            return None
        return _test(AT_DAY, _NEGATE[op] if neg else op, const.day.toordinal())

    def own_pair(self, e: m.Compare, neg: bool) -> dict:
        """Two attributes of the fact compared (`i.paid < i.due`, `r.from != r.to`): a test of its message
        against itself (`$m`), of one kind — qiyue's comparison with an unknown value is false and its negation
        true, so both present (and, negated, either absent or the negated order)."""
        (lk, lkind), (rk, rkind) = self.key(e.left), self.key(e.right)
        if _form(lkind) != _form(rkind):
            raise Refused("kinds_differ", left=str(lkind), right=str(rkind))
        if e.op not in ("==", "!=") and _form(lkind) not in _ORDERED | {"number"}:
            raise Refused("kind_order", kind=str(lkind))
        keys = [k for k in dict.fromkeys((lk, rk)) if k not in _ALWAYS_SENT]
        test = _test(lk, _NEGATE[e.op] if neg else e.op, {"$m": rk})
        # (a property compared with another the message leaves out: durable_rules passes an order then)
        present = {"$and": [*({"$ex": {k: 1}} for k in keys), test]} if keys else test
        return {"$or": [*({"$nex": {k: 1}} for k in keys), present]} if neg and keys else present

    def period_part(self, e: m.Expr) -> tuple[str, str] | None:
        """(period, one of ``_BOUNDS``) for a bound of a period of the rule file (`warranty.end`), read as
        the compiler reads it (a name that is no alias nor parameter); else None."""
        if isinstance(e, m.Attribute) and e.name in _BOUNDS and isinstance(e.obj, m.Name):
            name = e.obj.name
            if name != self.alias and name in self.c.periods and name not in self.c.params:
                return name, e.name
        return None

    def vs_period(self, e: m.Compare, lp, rp, neg: bool):
        """The fact's instant compared with a period's bound (`r.at < warranty.end`): a test of the fact's
        probe, which carries the bound (``bound``) when it is known.  Negated, it holds while the bound is
        unknown (qiyue: a comparison with an unknown value is false, its negation true) — on the probe's own
        message; a kept fact's comparison, tested on another's probe, is marked for ``_alternatives``."""
        if lp and rp or self.periods is None:
            raise Refused("period_bound", period=(lp or rp)[0])
        attr, op, (period, part) = (e.right, _FLIP[e.op], lp) if lp else (e.left, e.op, rp)
        if not (isinstance(attr, m.Attribute) and self.own(attr)):
            raise Refused("compared", left=_what(e.left), right=_what(e.right))
        key, kind = self.key(attr)
        if kind == "date" and part == "last_day":  # (`f.at.day <= span.last_day`: a day against a day, by number)
            part = LAST_DAY_NUMBER
        elif kind != "instant":
            raise Refused("period_bound", period=period)
        prop = bound(period, part)
        clash = _hash_clash(self.attrs, [bound(p, x) for p in {*self.periods, period} for x in _CARRIED]
                            + [state(p) for p in self.params])
        if clash:
            raise Refused("hash_clash", a=clash[0], b=clash[1], type=self.type)
        if period not in self.periods:
            self.periods.append(period)
        # (an attribute a fact may lack — a datetime, a date —, unlike its instant: absent, the comparison fails)
        lacking = [] if key in _ALWAYS_SENT else [key]
        if self.probe is not None:  # (the fact joined with the probe: tested on the probe — ``_alternatives``)
            return {_ON_PROBE: (prop, _FLIP[op], {self.probe: key}, neg, *lacking)}
        if neg:  # (holds while the bound or the attribute is unknown, as qiyue's negation of a comparison with one)
            return {"$or": [{"$nex": {prop: 1}}, *({"$nex": {k: 1}} for k in lacking),
                            {"$and": [*({"$ex": {k: 1}} for k in lacking), _test(key, _NEGATE[op], {"$m": prop})]}]}
        # (an order with a property the message leaves out stops durable_rules with an error: present first)
        return {"$and": [{"$ex": {prop: 1}}, *({"$ex": {k: 1}} for k in lacking), _test(key, op, {"$m": prop})]}

    def own(self, e: m.Attribute) -> bool:
        """An attribute of this source's fact (`x.a`), or the id of a fact it names (`o.by.id`)."""
        if isinstance(e.obj, m.Attribute) and e.name == "id":
            return self.own(e.obj) and _names_a_fact(e.obj.name, self.attrs.get(e.obj.name))
        if isinstance(e.obj, m.Attribute) and e.name == "day":  # `x.at.day`
            return e.obj.name == "at" and self.own(e.obj)
        return isinstance(e.obj, m.Name) and e.obj.name == self.alias

    def key(self, e: m.Attribute) -> tuple[str, object]:
        if isinstance(e.obj, m.Attribute) and e.name == "day":  # `x.at.day`: the day the instant counts as
            return AT_DAY, "date"
        if isinstance(e.obj, m.Attribute):  # `o.by.id`: sent as the attribute `by__id`
            return A + e.obj.name + EVENT_ID, "text"
        if e.name == "id":
            return ID, "text"
        if e.name == "at":  # (the fact's instant: integer microseconds since the epoch, ``instant``)
            return AT, "instant"
        kind = self.attrs.get(e.name)
        if isinstance(kind, tuple) and kind[0] == "enum":
            kind = "text"
        if kind == "datetime":  # (an instant a fact gives, `signed_at`: compared as qiyue compares instants)
            kind = "instant"
        if kind == "number" and not self.numbers:
            raise Refused("number_join", name=e.name)
        if kind not in _ORDERED | _EQUAL_ONLY | {"number"}:
            raise Refused("attr_kind", name=e.name, kind=repr(kind))
        return A + e.name, kind

    def constant(self, e: m.Expr, seen=()) -> tuple[bool, object]:
        """(True, value) for a literal, a party, or a parameter whose value is one."""
        if isinstance(e, m.Literal) and isinstance(e.value, (str, bool, int, Decimal, date)) \
                and not isinstance(e.value, datetime):
            return True, e.value
        if isinstance(e, m.Name) and e.name != self.alias:
            if e.name in self.c.parties:
                return True, e.name
            p = self.c.params.get(e.name)
            if p is not None and e.name not in seen:
                known, value = self.constant(p.expr, (*seen, e.name))
                if not known and e.name in getattr(self.c, "consts", ()):  # (`5% of total`: computed once)
                    return True, self.c.consts[e.name]
                return known, value
        return False, None

    @staticmethod
    def encode_constant(kind, value, attr: str):
        try:
            encoded = encode(kind, value)
        except (TypeError, ValueError):
            encoded = None
        if encoded is None:
            raise Refused("constant_form", value=repr(value), kind=str(kind), attr=attr)
        if type(encoded) is str and len(encoded.encode("utf-8")) >= MAX_TEXT_BYTES:
            raise Refused("long_text", attr=attr)
        return encoded


def _whole(op: str, c: Decimal) -> tuple[str, int] | None:
    """A whole number compared with the constant ``c`` as the same comparison with a whole constant (`n > 2.5`
    is `n >= 3`, `n <= 2.5` is `n <= 2`, `n > 2.0` is `n > 2`); None for `==`/`!=` with a fraction."""
    if c == c.to_integral_value():
        return op, int(c)
    if op in (">", ">="):
        return ">=", int(c.to_integral_value(rounding=ROUND_CEILING))
    if op in ("<", "<="):
        return "<=", int(c.to_integral_value(rounding=ROUND_FLOOR))
    return None


def _test(key: str, op: str, value) -> dict:
    return {key: value} if op == "==" else {_DURABLE[op]: {key: value}}


def _int64(n: int) -> int | None:
    """A whole number as durable_rules holds it exactly — a signed 64-bit integer — or None: past that its
    JSON reader makes it a double (10**19 and 10**19 - 10 are then equal), so it has no exact form there.
    (A fact's own numbers never go so far; a sum( ) of them, a constant, a value computed from a fact can.)"""
    return n if -2 ** 63 < n < 2 ** 63 else None


def encode(kind, value):
    """A value of an attribute of ``kind`` in the exact form durable_rules compares (None: none)."""
    if isinstance(kind, tuple) and kind[0] == "enum":
        kind = "text"
    if kind == "datetime":  # (a fact's instant attribute: as its instant, in microseconds)
        kind = "instant"
    if kind == "money":
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            return None
        fen = Decimal(value) * 100
        return _int64(int(fen)) if fen == fen.to_integral_value() else None
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            return None
        return _int64(int(value)) if value == int(value) else None
    if kind == "instant":
        value = getattr(value, "at", value)  # (an instant with the day it counts as: its instant)
        if isinstance(value, date) and not isinstance(value, datetime):  # (a day: as qiyue, the instant it begins)
            return micros(Moment.start_of_day(value).at)
        return micros(value) if isinstance(value, datetime) and value.tzinfo is not None else None
    if kind == "date":
        return value.toordinal() if isinstance(value, date) and not isinstance(value, datetime) else None
    if kind == BY_DAY:  # (an instant that knows its day, alone: a bare datetime or a day is equal to both forms)
        moment = value.moment if type(value) is Event else value
        return 2 * micros(moment.at) + (not moment.is_end_of_day()) if type(moment) is Moment else None
    if kind == "bool":
        return value if isinstance(value, bool) else None
    if kind in ("text", "party", "ref"):
        return value if isinstance(value, str) else None
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            return None
        d = Decimal(value)
        if not d.is_finite():
            return None
        t = d.normalize().as_tuple()
        if len(t.digits) > _DOUBLE_DIGITS:
            return None
        x = float(d)
        # (durable_rules' JSON reader takes no exponent after an integer part: 1e-05 would not parse; such
        # a value — under 0.0001 — goes the way of one without an exact double)
        return None if "e" in repr(x) else x
    return None


def _number(v):
    return encode("number", v)


def _encoder(attr: str, kind) -> tuple[str, object]:
    """How a message carries an attribute of ``kind``: (its property, the function of its value — ``str``
    for a text sent as it is when it is one; None for a fact, sent as its id), as ``encode`` does it."""
    if _names_a_fact(attr, kind):
        return A + attr + EVENT_ID, None
    if isinstance(kind, tuple) and kind[0] == "enum" or kind in ("text", "party", "ref"):
        return A + attr, str
    if kind == "number":
        return A + attr, _number
    return A + attr, lambda v, kind=kind: encode(kind, v)


def _encoders(kinds: dict) -> dict:
    return {attr: _encoder(attr, kind) for attr, kind in kinds.items()}


_WHAT = {m.Exists: "exists", m.Count: "count", m.Sum: "sum", m.First: "first", m.Mean: "mean",
         m.Consecutive: "consecutive", m.Passed: "passed", m.Arith: "arith", m.Conditional: "conditional",
         m.DurationValue: "duration", m.ScaledDuration: "duration", m.DayAfter: "day_after", m.EndOf: "end_of",
         m.Index: "row", m.PercentOf: "share", m.ShareOf: "share", m.Literal: "literal", m.Compare: "compare",
         m.BoolOp: "boolop", m.Not: "boolop"}


def _what(e: m.Expr) -> Msg:
    """What a part of a condition is, as a phrase of the catalogue (``word:rete.what.…``)."""
    if type(e) is m.Call:
        return Msg("word:rete.what.call", {"name": e.function})
    word = _WHAT.get(type(e))
    if word is not None:
        return Msg(f"word:rete.what.{word}", {})
    if isinstance(e, m.Attribute):
        if isinstance(e.obj, m.Name):  # (`r.at`, `warranty.start`: whose attribute it is, by name)
            return Msg("word:rete.what.of", {"name": e.name, "of": e.obj.name})
        return Msg("word:rete.what.attribute", {"name": e.name})
    if isinstance(e, m.Name):
        return Msg("word:rete.what.name", {"name": e.name})
    return Msg("word:rete.what.other", {"name": type(e).__name__})


def _shared(groups, rules: dict) -> dict[str, list[str]]:
    """Rules of one antecedent made one (the first one's name), added to ``rules``: rule name -> the keys
    of every line (or leaf, filter, join) it stands for."""
    import json

    by_text: dict[str, str] = {}
    keys: dict[str, list[str]] = {}
    for names, antecedents in groups:
        for name, key in names.items():
            text = json.dumps(antecedents[key], sort_keys=True, ensure_ascii=False)
            first = by_text.setdefault(text, name)
            if first == name:
                rules[name] = antecedents[key]
            keys.setdefault(first, []).append(key)
    return keys


def _note_paired(paired: dict, keys: list, b: dict) -> None:
    """The kept fact a leaf joined with a probe (its first element, ``j0``) noted under each of the leaf's keys."""
    kept = b.get("j0")
    if kept is not None and N in kept:
        for k in keys:
            paired.setdefault(k, set()).add(kept[N])


class Matcher:
    """The compiled patterns over any number of contracts (one session each): ``feed`` gives the
    one-fact lines a fact matches and the joins it completes.  A fact no join reads is retracted as
    soon as it matched (nothing pairs it with another later); a fact a join reads stays in the session
    (``CompiledPatterns.kept_types``), carrying its place in the history (``N``) so that a join's
    partners can be put back in qiyue's order."""

    def __init__(self, plan: CompiledPatterns, per_ruleset: int = 1024, filters: bool = False):
        self.plan = plan
        groups = [(plan.names, plan.compiled)]
        if filters:
            groups += [(plan.filter_names, plan.filters), (plan.leaf_names, plan.leaves)]
        # lines of one condition share one rule (a session's memory and an assertion's cost grow with the
        # rules: durable_rules gives each rule of each session its own indexes): rule name -> the keys
        rules: dict[str, dict] = {}
        self.keys = _shared(groups, rules)
        joins = {f"j{i}": (key, rule) for i, (key, rule) in
                 enumerate((key, rule) for key, alternatives in plan.joins.items() for rule in alternatives)}
        self.join_keys = _shared([({name: name for name in joins}, {name: r for name, (_, r) in joins.items()})]
                                 if filters else [], rules)
        self.join_keys = {name: [joins[n][0] for n in names] for name, names in self.join_keys.items()}
        # the joins decided on a probe: rule name -> [(pattern key, the probe's position)]
        self.probe_join_keys: dict[str, list] = {}
        if filters:
            for key, by_pos in plan.probe_joins.items():
                for pos, alternatives in by_pos.items():
                    for antecedent in alternatives:
                        name = f"k{len(self.probe_join_keys)}"
                        rules[name] = antecedent
                        self.probe_join_keys[name] = [(key, pos)]
        # the rules marking a counted fact (``CompiledPatterns.marks``): rule name -> the marks' keys
        marks = {f"m{i}": (key, rule) for i, (key, rule) in
                 enumerate((key, rule) for key, alternatives in plan.marks.items() for rule in alternatives)}
        self.mark_keys = _shared([({name: name for name in marks}, {name: r for name, (_, r) in marks.items()})]
                                 if filters else [], rules)
        self.mark_keys = {name: [marks[n][0] for n in names] for name, names in self.mark_keys.items()}
        self.kept = plan.kept_types if filters else frozenset()
        self.pool = Pool(rules, "patterns", per_ruleset)
        self._how: dict[str, dict] = {}  # kind of fact -> attribute -> (property, how its value is sent)

    def message(self, sid: str, ev) -> dict:
        moment = ev.moment
        msg = {SID: sid, MID: ev.id, ID: ev.id, TYPE: ev.type, AT: micros(moment.at), AT_DAY: moment.day.toordinal()}
        how = self._how.get(ev.type)
        if how is None:
            how = self._how[ev.type] = _encoders(self.plan.kinds.get(ev.type, {}))
        for attr, v in ev.attrs.items():
            if v is None:
                continue
            key, fn = how.get(attr) or _encoder(attr, None)
            if fn is None:  # (the fact that performed an obligation: its id)
                if type(v) is Event:
                    msg[key] = v.id
                continue
            encoded = (v if isinstance(v, str) else None) if fn is str else fn(v)
            if encoded is not None:
                msg[key] = encoded
            elif fn is _number:  # (no exact double: the Rete would read it as unknown)
                msg[INEXACT] = True
        limits = self.plan.limits.get(ev.type)
        if limits:
            for key, most in limits.items():
                v = msg.get(key)
                if type(v) is int and abs(v) > most:  # (a sum across facts could overflow: ``_within``)
                    raise Beyond(f"{key}: {v} past what a sum across facts can hold")
        derived = self.plan.derived.get(ev.type)
        if derived:
            for prop, fn, alias, kind, strict in derived:
                try:
                    value = fn(Env({alias: ev}, self.plan.counter, None))
                    sent = encode(kind, value)
                except Exception as exc:  # noqa: BLE001 - (a value qiyue would fail on where it reads it)
                    raise Beyond(f"{prop}: {exc!r}") from exc
                if sent is not None:
                    msg[prop] = sent
                elif strict and value is not None:  # (known, without an exact form: see ``_derived``)
                    raise Beyond(f"{prop}: {value!r} has no exact form")
        return msg

    def feed(self, sid: str, ev) -> set[str]:
        """The keys of the one-fact lines ``ev`` (an engine.run.compiler.Event) matches."""
        return self.feed_joined(sid, ev)[0]

    def feed_joined(self, sid: str, ev, n: int | None = None) -> tuple[set[str], list, dict | None, bool]:
        """The keys of the one-fact lines ``ev`` matches, each join it completes with facts fed
        before it — (key, {source position: place in the history}); a mark's key (``CompiledPatterns.marks``)
        when the join marks a counted fact, its ``j0`` —, the messages it is kept as
        (itself and its copies, ``COPY``; None: not kept), and whether it holds a number without an exact double (its one-fact lines are
        then qiyue's).  ``n`` is its place in the history: given, a fact of a kind some join reads is
        kept in the session; without it, it is retracted at once like any other."""
        msg = self.message(sid, ev)
        keep = n is not None and ev.type in self.kept
        if keep:
            msg[N] = n
        if len(msg) > MAX_PROPERTIES:
            raise Beyond(f"{len(msg)} properties")
        for v in msg.values():
            if type(v) is str and len(v) * 4 >= MAX_TEXT_BYTES and len(v.encode("utf-8")) >= MAX_TEXT_BYTES:
                raise Beyond("a text of 64 KiB or more")
        rs = self.pool.ruleset_for(sid)
        found, joined = set(), []
        msgs = [msg]
        copies = self.plan.copies.get(ev.type) if keep else None
        if copies:  # (a kind some join reads in several places: its copies, one for each further place)
            for i in range(1, copies + 1):
                c = dict(msg)
                c[TYPE] = copy_type(ev.type, i)
                c[MID] = f"{COPY}{i}:{msg[MID]}"
                msgs.append(c)
        for one in msgs:
            for rule, b in rs.assert_fact(one):
                keys = self.keys.get(rule)
                if keys is not None:
                    found.update(keys)
                else:
                    places = {int(a[1:]): x[N] for a, x in b.items()}
                    joined += [(key, places) for key in self.mark_keys.get(rule) or self.join_keys[rule]]
        if not keep and (found or ev.type in self.kept):
            rs.retract_fact(msg)
        return found, joined, msgs if keep else None, INEXACT in msg

    def assert_state(self, sid: str, msg: dict) -> set[str]:
        """Put a fact of the evaluation's own state (a ``DUTY``) in the session: the leaves it passes."""
        found: set[str] = set()
        for rule, _ in self.pool.ruleset_for(sid).assert_fact(msg):
            found.update(self.keys.get(rule, ()))
        return found

    def probe(self, sid: str, ev, bounds: dict, n: int | None = None) -> tuple[set[str], list]:
        """The lines (and leaves) ``ev`` matches among those decided on its probe (``PROBE``), with the
        periods' ``bounds`` (property -> value) as the replay counts them now, and the joins its probe
        makes with the facts kept in the session — (key, the probe's position, {source position: place in
        the history}), ``n`` being its own place: asserted and retracted."""
        msg = self._probe_message(sid, ev, bounds, f"{PROBE}{ev.id}", {} if n is None else {N: n})
        rs = self.pool.ruleset_for(sid)
        found: set[str] = set()
        joined = []
        paired: dict[str, set] = {}  # leaf of a join with the probe -> the places of the kept facts it paired
        for rule, b in rs.assert_fact(msg):
            keys = self.keys.get(rule)
            if keys is not None:
                found.update(keys)
                _note_paired(paired, keys, b)
            elif n is not None and rule in self.probe_join_keys:
                places = {int(a[1:]): x[N] for a, x in b.items()}
                joined += [(key, pos, places) for key, pos in self.probe_join_keys[rule]]
        rs.retract_fact(msg)
        return found, joined, paired

    def _probe_message(self, sid: str, ev, bounds: dict, mid: str, more: dict) -> dict:
        """``ev``'s probe: its message as the kind ``PROBE`` + its kind, under the identity ``mid``, carrying
        ``bounds`` and ``more``."""
        msg = self.message(sid, ev)
        msg[TYPE] = PROBE + ev.type
        msg[MID] = mid
        msg.update(bounds)
        msg.update(more)
        if len(msg) > MAX_PROPERTIES:
            raise Beyond(f"{len(msg)} properties")
        return msg

    def probe_pair(self, sid: str, probes: list[tuple], pair: int) -> dict[str, set]:
        """The probes of a join's facts that a count reads (``_join_aggs``), made together — each fact with its
        ``bounds``, all carrying the pair's number (``PAIR``) —: the places of the kept facts each leaf paired
        with them (as ``probe``'s third answer).  Asserted and retracted."""
        rs = self.pool.ruleset_for(sid)
        asserted, paired = [], {}
        try:
            for ev, bounds in probes:
                msg = self._probe_message(sid, ev, bounds, f"{PROBE}{ev.id}:{PAIR}{pair}", {PAIR: pair})
                fired = rs.assert_fact(msg)
                asserted.append(msg)
                for rule, b in fired:
                    keys = self.keys.get(rule)
                    if keys is not None:
                        _note_paired(paired, keys, b)
        finally:
            for msg in asserted:
                rs.retract_fact(msg)
        return paired

    def retract(self, sid: str, msgs: list[dict]):
        """Take kept facts out of a session (their joins are no longer the Rete's)."""
        rs = self.pool.ruleset_for(sid)
        for msg in msgs:
            rs.retract_fact(msg)

    def delete(self, sid: str):
        self.pool.delete_session(sid)

    def close(self):
        self.pool.close()


__all__ = ["AT", "AT_DAY", "INEXACT", "PROBE", "Beyond", "CompiledPatterns", "Join", "Matcher", "N", "Refused", "aggregated", "bound", "cond", "counted", "extreme", "holds", "state", "compile_patterns", "encode", "micros", "rule_triggers"]
