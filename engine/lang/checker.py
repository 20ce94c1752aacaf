"""Typed model → checked model: every name resolved, every expression typed.

The checker collects *all* errors in one run, sorted by place, so legal staff fix a
file in one pass.  It also raises the findings a rule file carries by itself (amounts
in capitals that differ from their numerals, stated amounts that differ from their
percentages, annex lines that do not add up).  It never evaluates facts.
"""
from __future__ import annotations

import difflib
import operator
import re
import unicodedata

from dataclasses import dataclass, field
from decimal import Decimal
from datetime import date, datetime, timedelta
from typing import Iterable

from . import model as m
from .amounts import CN_NUMERAL_CHARS, cn_numeral, shown, words_to_amount
from .amounts import MAX_MONEY
from .numbers import ARITH_HINTS, NUMERIC, OPS, apply, arith_type, money, rounded, StepError  # noqa: F401 (money: re-exported)
from ..diagnostics import Diagnostic, diag, suggest
from ..messages import Msg, word
from .limits import FACT_YEARS, MAX_DEPTH, MAX_REAL
from ..time.timecalc import Counting, Unit, add_months

# The most rules in a row each triggered by the one before (a duty by another's stage, a deemed event by
# a deemed event): the evaluation follows such a chain call within call at one instant.
MAX_RULE_CHAIN = 50
# The most errors listed for one rule file (one mistake repeated in a long `all of (…)` gave thousands).
MAX_ERRORS = 200

LIFECYCLE = {"triggered": "triggered", "fulfilled": "fulfilled", "violated": "violated", "excused": "excused",
             "performed_late": "performed_late",
             "触发": "triggered", "履行": "fulfilled", "违约": "violated", "免责": "excused", "逾期履行": "performed_late"}
# an obligation's stages, each an event other rules may read (`pay.violated`); `performed_late`: a violated duty
# performed after all (逾期履行), at the instant of that performance
STAGES = ("triggered", "fulfilled", "violated", "excused", "performed_late")

# Built-in functions: name (English and Chinese) → (canonical, argument types, result type).
# The aggregates and `passed` are keywords of the grammar (EXISTS, COUNT, …), written like calls: a misspelt one
# is an unknown function, whose did-you-mean must know them (tests/test_errors.py checks them against the grammar)
AGGREGATE_WORDS = ("exists", "存在", "count", "计数", "sum", "合计", "mean", "平均值", "consecutive", "连续",
                   "first", "首次", "passed", "已满")
# what a derived event has of its own, beside the attributes of the fact it comes from: `source`, that fact's id, and
# (a deemed event) `source_at`, its instant
OWN_ATTRS = frozenset(("source", "source_at"))

BUILTINS = {
    "other": "other", "对方": "other",
    "present": "present", "已提供": "present",
    # whether an instant is known by its day alone (a fact given as a bare date "2026-03-05", a receipt "signed_at"
    # dated so): where the hour decides, a rule may compare such a one by the day (`day_alone(n.source_at)`)
    "day_alone": "day_alone", "仅知日期": "day_alone",
    "triggered": "triggered", "已触发": "triggered",
    "open": "open", "未了结": "open",
    # what a remedy's rows come to so far (caps applied): a balance is the bond less them
    "accrued": "accrued", "已计": "accrued",
    "earliest": "earliest", "最早": "earliest",
    "latest": "latest", "最晚": "latest",
    "min": "min", "最小值": "min",
    "max": "max", "最大值": "max",
    "round": "round", "四舍五入": "round",
    "round_up": "round_up", "向上取整": "round_up",
    "round_down": "round_down", "向下取整": "round_down",
    # places in the calendar: the end (24:00) of a day the contract names
    "day_end": "day_end", "当日结束": "day_end",
    "month_end": "month_end", "月末": "month_end",
    "quarter_end": "quarter_end", "季末": "quarter_end",
    "year_end": "year_end", "年末": "year_end",
    "day_of_month": "day_of_month", "当月日": "day_of_month",
    "day_of_next_month": "day_of_next_month", "次月日": "day_of_next_month",
    "working_day_of_month": "working_day_of_month", "当月工作日": "working_day_of_month",
    "working_day_of_next_month": "working_day_of_next_month", "次月工作日": "working_day_of_next_month",
    # “遇法定节假日顺延至其后第一个工作日”: T's day if it is a working day, else the next working day
    "working_day_from": "working_day_from", "顺延至工作日": "working_day_from",
    # “遇法定节假日或者休息日的，提前到最近的工作日”: T's day if it is a working day, else the last working day before it
    "working_day_until": "working_day_until", "提前至工作日": "working_day_until",
}
CALENDAR_PLACES = ("day_end", "month_end", "quarter_end", "year_end", "working_day_from", "working_day_until")
CALENDAR_DAYS = ("day_of_month", "day_of_next_month", "working_day_of_month", "working_day_of_next_month")

# Built-in names: `ended` is the moment the contract ended (unknown while it is in force).
BUILTIN_NAMES = {"ended": "ended", "终止之时": "ended"}

# Types are plain tuples/strings: "money", "percent", "number", "bool", "date", "datetime",
# "text", "party", "ref", "duration", "moment", "period", ("enum", values), ("event", type),
# ("row", table), ("obligation", name), "any" (unknown: suppresses follow-on errors).


def _quotient(e) -> bool:
    """A number computed by a division (at any depth of its arithmetic): `x ÷ y`, `1 - x ÷ y`, `(a - b) ÷ a`."""
    if isinstance(e, m.Arith):
        return e.op in ("/", "÷") or _quotient(e.left) or _quotient(e.right)
    return False


def _exact_inside(*parts):
    """An amount computed inside a larger computation stays exact; only the whole is rounded to the
    fen (¥100,000.00 × 89.9999964 ÷ 90 is ¥99,999.996 before round_down, not ¥100,000.00)."""
    for p in parts:
        if isinstance(p, (m.Arith, m.PercentOf, m.ShareOf)) and p.kind == "money":
            p.kind = "money_exact"


def _exact_per_day(e):
    """The amount of each day of a `per day` remedy kept exact, not rounded to the fen: the total of its days
    is rounded once (¥1,250,000.00 × 6.525% ÷ 360 is ¥226.5625 a day; 7 days ¥1,585.94, not 7 × ¥226.56 =
    ¥1,585.92) — as a court or a bank counts interest and damages by the day.  Through the branches of a value
    by cases and the arguments of min/max; a rounding the rules write (`round(…)`) stays theirs."""
    if isinstance(e, (m.Arith, m.PercentOf, m.ShareOf)) and e.kind == "money":
        e.kind = "money_exact"
    elif isinstance(e, m.Conditional):
        _exact_per_day(e.then)
        _exact_per_day(e.otherwise)
    elif isinstance(e, m.Call) and BUILTINS.get(e.function) in ("min", "max"):
        for a in e.args:
            _exact_per_day(a)


def _constant(e):
    """The value of a computation of written numbers alone (`1 - 1`, `2 * 3`), else None."""
    if isinstance(e, m.Literal) and e.kind == "number" and _number(e.value):
        return e.value
    if isinstance(e, m.Arith) and e.op in ("+", "-", "*", "×", "÷", "/"):
        a, b = _constant(e.left), _constant(e.right)
        if a is None or b is None or e.op in ("÷", "/") and b == 0:
            return None
        if e.op in ("÷", "/"):  # (`(3 ÷ 2) days`: exact, as the evaluation divides)
            return Decimal(a) / Decimal(b)
        return a + b if e.op == "+" else a - b if e.op == "-" else a * b
    return None


@dataclass(frozen=True, order=True)
class _DayEnd:
    """24:00 of a written date, as `verify` folds it (`day_end(2026-05-30)`, `end of 60 days as term after …`): the
    instant that belongs to that day and is the next day's 00:00 (user round 29)."""
    day: date

    def isoformat(self) -> str:
        return f"{self.day.isoformat()} 24:00"


def _instant_key(v):
    """A folded date or day's end as the instant it is, for comparing the two kinds (a date is its 00:00)."""
    return v.day + timedelta(days=1) if type(v) is _DayEnd else v


# an assumption a note names as §3.4 writes it: “见假定 payment_term”, “(see assumption payment_term)”
_CALENDAR_UNITS = frozenset({"WORKING_DAYS"})  # (counted on the evaluation's calendar: not folded by `verify`)
_CURRENCY_RUN_ON = re.compile(r"(?:人民币|RMB|CNY|rmb|cny)([0-9][0-9]*(?:_[0-9]+)*)元?")
_NOTE_NAMES = re.compile(r"(?:假定|[Aa]ssumption\b)\s*[“\"'`]?([A-Za-z_][A-Za-z0-9_]*)")  # (`assumptions` no name: its
# `s` was taken for one — review round 46)


def _number(v) -> bool:
    return isinstance(v, (int, Decimal)) and not isinstance(v, bool)


def type_name(t) -> str:
    w = type_word(t)
    return w if isinstance(w, str) else w.text("en")


def type_word(t) -> Msg | str:
    """A type in words, in either language ("one of (a, b)" / "（a、b）之一", "money" / "金额")."""
    if isinstance(t, tuple):
        if t[0] == "enum":
            return Msg("word:type.enum", {"values": list(t[1])})
        return word(f"type.{t[0]}", name=t[1])  # event X, row T, table T, obligation X
    return word(f"type.{t}")


_FIXED_LENGTHS = {"days": "days", "weeks": "weeks", "hours": "hours", "minutes": "minutes"}
_COMPARE = {"==": operator.eq, "!=": operator.ne, ">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt}


@dataclass
class EventType:
    """A fact type, a deemed event type or an obligation's lifecycle event type."""

    name: str
    attrs: dict[str, object]  # attribute name → type
    decl: m.EventDecl | None = None
    derived_from: str | None = None  # deemed / lifecycle: the rule that produces it
    label: str | None = None


@dataclass
class Checked:
    """A rule file whose names all resolve and whose expressions all type."""

    rules: m.RuleFile
    event_types: dict[str, EventType]
    params: dict[str, m.Param]
    periods: dict[str, m.PeriodDecl]
    tables: dict[str, m.Table]
    parties: dict[str, m.Party]
    obligations: dict[str, m.Obligation]
    remedies: dict[str, m.Remedy]
    deemed: dict[str, m.Deemed]
    param_types: dict[str, object]
    findings: list[Diagnostic] = field(default_factory=list)  # warnings/info about the contract text
    lives: dict[str, m.Life] = field(default_factory=dict)  # `effective` and `termination` declarations
    expr_types: dict[int, object] = field(default_factory=dict)  # id(expression) → its type
    expr_nodes: dict[int, object] = field(default_factory=dict)  # id(expression) → the expression (kept alive)

    def __getstate__(self):
        """Pickled (engine/rulecache.py) with each typed expression itself, not its id: ids are those of
        one process, and the unpickled expressions have new ones."""
        state = dict(self.__dict__)
        nodes = state.pop("expr_nodes")
        state["expr_types"] = [(nodes[k], t) for k, t in self.expr_types.items()]
        return state

    def __setstate__(self, state):
        pairs = state["expr_types"]
        state["expr_types"] = {id(e): t for e, t in pairs}
        state["expr_nodes"] = {id(e): e for e, _ in pairs}
        self.__dict__.update(state)


def _clause_key(number: str) -> str:
    """A clause number as a reader tells it from another: full-width forms as their ASCII twins (NFKC: “１” is 1, U+3000
    a space), characters that print as nothing (U+200B) dropped, spaces at its ends dropped and within it one."""
    seen = "".join(c for c in unicodedata.normalize("NFKC", number) if unicodedata.category(c) != "Cf")
    return " ".join(seen.split())  # (a zero-width space, a format character, prints as nothing: review round 46)


def _nfc(name: str) -> str:
    """A name as Unicode reads it (NFC): the key two declarations that print alike share."""
    return unicodedata.normalize("NFC", name) if not name.isascii() else name


def _attr_type(t: m.AttrType):
    if t.kind == "enum":
        return ("enum", t.values)
    if t.kind == "int":
        return "int"
    return t.kind


def _always_known(e: m.Expr, bound: set) -> bool:
    """Whether an instant is known for every row: read from the instants of facts ``bound`` names alone (`n`, `n.at`),
    lengths of time and literals — no attribute a fact may lack, no aggregate, no function, no parameter."""
    for x in m.nodes(e):
        if isinstance(x, m.Name) and x.name not in bound:
            return False
        if isinstance(x, m.Attribute) and not (x.name == "at" and isinstance(x.obj, m.Name)):
            return False
        if isinstance(x, (m.Exists, m.Count, m.Sum, m.First, m.Call, m.Index, m.Conditional)):
            return False
    return True


class Checker:
    def __init__(self, rf: m.RuleFile):
        self.rf = rf
        self._text_beside = False  # (inferring the other side of a comparison with a text: ``infer``'s Compare)
        self.errors: list[Diagnostic] = []
        self.findings: list[Diagnostic] = []
        self.expr_types: dict[int, object] = {}  # id(expression) → its type
        self.expr_nodes: dict[int, object] = {}  # id(expression) → the expression (its id stays its own)
        self.event_types: dict[str, EventType] = {}
        self._partial: dict[tuple[str, str], list] = {}  # (deemed event, attribute) -> the kinds it comes from lacking it
        self._partial_said: set = set()
        self._in_present = False
        self.params = {p.name: p for p in rf.params}
        self.periods = {p.name: p for p in rf.periods}
        self.tables = {t.name: t for t in rf.tables}
        self.parties = {p.name: p for p in rf.parties}
        self.obligations = {o.name: o for o in rf.obligations}
        self.remedies = {r.name: r for r in rf.remedies}
        self._remedy_kinds: dict[str, str] = {}  # `accrued(NAME)`: money, or a number for points
        self._resolving_remedies: set[str] = set()
        self._resolving_part: dict[str, str] = {}  # (of a remedy being resolved: "amount" or "cap", for the message)
        self.deemed = {d.name: d for d in rf.deemed}
        self.lives = {x.name: x for x in (*rf.effective, *rf.terminations)}
        self.param_types: dict[str, object] = {}
        self._resolving: set[str] = set()
        self._folding: set[str] = set()
        self._folded: dict = {}  # parameter name -> its folded value (``constant``)
        self._param_order: list[str] = list(self.params)
        self._unsound: set[str] = set()  # params and periods on a cycle or too deep a chain (already reported)

    def error(self, key, span, **kw):
        """Record an error: ``key`` names its words in messages.CATALOGUE, ``kw`` its arguments."""
        self.errors.append(diag(key, span, **kw))

    # ------------------------------------------------------------------ entry
    def run(self) -> Checked:
        rf = self.rf
        if rf.contract is None:
            self.error("missing_contract", m.Span(rf.path, 1, 1, 1, 2), hint="hint:missing_contract")
        self.check_duplicates()
        self.check_references()  # before anything walks an expression through the names it reads
        self.check_events()
        for name in self._param_order:  # each after those it reads: no walk goes down a whole chain
            self.param_type(name)
        for pd in rf.periods:
            self.check_duration(pd.duration)
            self.expect_moment(self.infer(pd.anchor, {}), pd.anchor, "period_decl")
        self.check_tables()
        self.check_contract_header()
        for o in rf.obligations:
            self.check_obligation(o)
        for r in rf.remedies:
            self.check_remedy(r)
        for d in rf.deemed:
            self.check_deemed(d)
        for f in rf.findings:
            scope = {}
            for t in f.triggers:
                scope.update(self.check_trigger(t, f.clause, f))
            self.check_severity(f.severity, f.span)
            if f.once:
                self.check_once(f, scope, word("rule.finding"))
        for p in rf.properties:
            self.check_property(p)
        self.check_life()
        self.check_cycles()
        self.check_amounts()
        self.check_dates()
        self.check_verifications()
        self.check_choices()
        self.decide_switches()
        self.check_hourly_totals()
        for r in rf.remedies:  # (an amount of each day or hour: exact, the total of its days or hours rounded once)
            if r.accrues and r.amount is not None:
                _exact_per_day(r.amount)
        self.open_points()
        self.unreachable_rules()
        self.notes_naming()
        return Checked(rf, self.event_types, self.params, self.periods, self.tables, self.parties,
                       self.obligations, self.remedies, self.deemed, self.param_types, self.findings, self.lives,
                       self.expr_types, self.expr_nodes)

    # ------------------------------------------------------------------ names
    def check_duplicates(self):
        seen: dict[str, m.Span] = {}
        for c in self.rf.clauses:  # (two numbers Unicode reads as one, 1金 and 1金, are one: fuzz round 35; so are
            # "1", "1 " and "１" — spaces and full-width forms aside: fuzz round 43)
            key = _clause_key(c.number)
            if not key:  # (every reason of its rules cites it: a number of nothing, or of spaces, cites nothing)
                self.error("empty_clause", c.span, hint="hint:empty_clause")
                continue
            if key in seen:
                self.error("duplicate_clause", c.span, number=c.number, first=str(seen[key]),
                           hint="hint:duplicate_clause", clause=c.number)
            seen[key] = c.span
        groups = [
            ("event", [(e.name, e.span) for e in self.rf.events] + [(d.name, d.span) for d in self.rf.deemed]
             + [(x.name, x.span) for x in (*self.rf.effective, *self.rf.terminations)]),
            ("rule", [(o.name, o.span) for o in self.rf.obligations] + [(r.name, r.span) for r in self.rf.remedies]
             + [(d.name, d.span) for d in self.rf.deemed]),
            ("value", [(p.name, p.span) for p in self.rf.params] + [(p.name, p.span) for p in self.rf.periods]
             + [(t.name, t.span) for t in self.rf.tables] + [(p.name, p.span) for p in self.rf.parties]),
            ("property", [(p.name, p.span) for p in self.rf.properties]),
        ]
        # (two names that differ only in code points Unicode reads as one — 金额 with U+91D1 and with the
        # compatibility ideograph U+F90A — print alike: one name written twice, as fact ids are: fuzz round 34)
        same = _nfc
        for kind, items in groups:
            first: dict[str, m.Span] = {}
            for name, span in items:
                key = same(name)
                if key in first and first[key] != span:
                    self.error("duplicate_name", span, kind=word(f"kind.{kind}"), name=name, first=str(first[key]),
                               hint="hint:rename")
                first.setdefault(key, span)
        # (one name for a value and for an event or rule: `x == "a"` reads the value, `exists(x)` the event — the file
        # says two things with one word, and a reader cannot tell which is meant; names are not to repeat, §3)
        values = {}
        for name, span in groups[2][1]:
            values.setdefault(same(name), span)
        said = set()
        for name, span in groups[0][1] + groups[1][1]:
            if same(name) in values and same(name) not in said:
                said.add(same(name))
                first_span, later = sorted((values[same(name)], span), key=lambda sp: (sp.line, sp.column))
                self.error("duplicate_name", later, kind=word("kind.any"), name=name, first=str(first_span),
                           hint="hint:rename")

    def check_parts(self, rule, what: Msg):
        """A part written twice (two deadlines, `fulfilled by` beside `fulfilled when`, two debtors) is
        refused, naming both places: the engine never silently keeps one of them."""
        first: dict[str, m.Span] = {}
        for kind, span in getattr(rule, "parts", ()):
            if kind in ("trigger", "note", "excuse", "caveat", "case", "fulfilled_or_by", "suspension", "extension",
                        "once"):
                # (`once`: several `once per` are one — ``check_once``)
                continue
            if kind in first:
                hint = "hint:one_fulfilment" if kind == "fulfilment" else "hint:one_part"
                self.error("duplicate_part", span, what=what, name=rule.name, kind=kind, part=word(f"part.{kind}"),
                           first=str(first[kind]), here=str(span), hint=hint, clause=getattr(rule, "clause", None))
            else:
                first[kind] = span
        if any(k == "fulfilled_or_by" for k, _ in getattr(rule, "parts", ())) and rule.fulfilled_by is None:
            self.error("duplicate_part.or_by", rule.span, what=what, name=rule.name, hint="hint:or_by")

    def check_life(self):
        """`effective` (at most one) and `termination` declarations."""
        if len(self.rf.effective) > 1:
            first = self.rf.effective[0]
            for x in self.rf.effective[1:]:
                self.error("duplicate_part.effective", x.span, first=str(first.span), hint="hint:one_effective")
        for x in (*self.rf.effective, *self.rf.terminations):
            self.check_parts(x, word(f"rule.{x.kind}"))
            self.check_cases(x.ends_at, x)
            if not x.triggers:
                self.error("untriggered_rule", x.span, what=word(f"rule.{x.kind}"), name=x.name, clause=x.clause,
                           hint="hint:add_life_trigger")
            scope = {}
            for t in x.triggers:
                scope.update(self.check_trigger(t, x.clause, x))
            if x.kind == "effective" and any(not isinstance(t, m.When) for t in x.triggers):
                self.error("unsupported.effective_when", x.span, clause=x.clause, hint="hint:effective_when")
            if x.exercises is not None:
                if x.kind != "termination":
                    self.error("unsupported.exercises", x.exercises_span)
                elif x.exercises not in self.remedies:
                    self.error("unknown_name.remedy", x.exercises_span, name=x.exercises,
                               did_you_mean=suggest(x.exercises, self.remedies), hint="hint:name_remedy")
            if x.held_by is not None:
                self.check_party(x.held_by, scope, "holder", x.span)
            if x.ends_only is not None:
                self.check_ends_only(x, scope)
            if x.lapses_when is not None:  # (the condition of effect can no longer be met: an effective's alone)
                if x.kind != "effective":
                    self.error("unsupported.termination_lapses", x.lapses_when.span, hint="hint:termination_lapses")
                else:  # (a condition on the state, as its `when`: it binds no fact)
                    self.expect_bool(self.infer(x.lapses_when, {}), x.lapses_when)
            for c in x.ends_at:  # (a termination that ends the contract later: when, from its fact)
                if x.kind != "termination":
                    self.error("unsupported.effective_at", c.span, hint="hint:effective_when")
                    continue
                if c.condition is not None:
                    self.expect_bool(self.infer(c.condition, scope), c.condition)
                self.expect_moment(self.infer(c.at, scope), c.at, "termination_time")
        powers = {x.exercises for x in self.rf.terminations if x.exercises} | {
            p[0] for o in self.rf.obligations for p in o.accel_powers.values()}  # (a right to accelerate too)
        for r in self.rf.remedies:  # (a period to exercise in is a power's: 民法典第564条第1款)
            if (r.exercise_within is not None or r.exercise_until is not None) and r.name not in powers:
                span = next((sp for kind, sp in r.parts if kind == "exercise"), r.span)
                self.error("exercise_not_power", span, name=r.name, clause=r.clause, hint="hint:exercise_not_power")

    def check_ends_only(self, x: m.Life, scope: dict):
        """`ends only RULE [ALIAS where COND], …`: a termination's alone, ending at its fact (not `at` a later instant),
        each name a duty, a remedy or a deemed event of the file; `ALIAS where COND` a duty's only, ALIAS its
        `triggered` stage beside the termination's own aliases."""
        span = next((sp for kind, sp in x.parts if kind == "ends_only"), x.span)
        if x.kind != "termination":
            self.error("unsupported.ends_only", span, hint="hint:ends_only")
            return
        if x.ends_at:
            self.error("unsupported.ends_only_at", span, name=x.name, clause=x.clause, hint="hint:ends_only_at")
        rules = {**self.obligations, **self.remedies, **self.deemed}
        lives = {y.name for y in (*self.rf.effective, *self.rf.terminations)}
        named: dict = {}  # name → (where first named, named whole)
        for name, at, alias, cond in x.ends_only:
            first, whole = named.get(name, (at, False))
            if name in named and (whole or alias is None):  # (`ends only deliver, deliver` — a typo for another
                self.error("duplicate_name.ends_only", at, name=name, first=str(first),  # name?: fuzz 39; or a
                           hint="hint:duplicate_name.ends_only")  # `where` beside the whole, which ends nothing more)
                continue
            named[name] = (first, whole or alias is None)
            if name in lives:  # (the contract's taking effect or a ground of its end: not a part of it — user round 25)
                self.error("unsupported.ends_only_life", at, name=name, hint="hint:ends_only")
            elif name not in rules:
                self.error("unknown_name.ends_only", at, name=name, did_you_mean=suggest(name, rules),
                           hint="hint:ends_only")
            elif cond is not None and alias is None:  # (`ends only deliver where …`: which row the condition reads)
                self.error("ends_only_where_alias", at, name=name, hint="hint:ends_only_where")
            elif alias is not None and name not in self.obligations:
                self.error("unsupported.ends_only_where", at, name=name, hint="hint:ends_only_where")
            elif alias is not None:
                if alias in scope:
                    self.error("duplicate_alias", at, alias=alias)
                self.expect_bool(self.infer(cond, {**scope, alias: ("event", f"{name}.triggered")}), cond)

    def check_events(self):
        for e in self.rf.events:
            attrs, same = {}, set()
            for a in e.attrs:
                if a.name in attrs or _nfc(a.name) in same:  # (two spellings Unicode reads as one: review round 37)
                    self.error("duplicate_attribute", a.span, event=e.name, name=a.name)
                same.add(_nfc(a.name))
                if a.name in ("id", "type", "at"):
                    self.error("reserved_attribute", a.span, name=a.name)
                attrs[a.name] = _attr_type(a.type)
                if a.type.kind in ("enum", "text") and len({_nfc(v) for v in a.type.values}) != len(a.type.values):
                    self.error("duplicate_value", a.span, name=a.name)
                elif a.type.value_labels:  # (two values worded alike: a report could not tell them apart — as two
                    said: dict = {}  # readings of an assumption: fuzz round 35)
                    for v, words in a.type.value_labels.items():
                        if words and words in said:
                            self.error("value_words.same", a.span, name=a.name, value=said[words], other=v, words=words)
                        said.setdefault(words, v)
                if a.has_default:
                    self.check_default(a)
                if a.ahead and a.type.kind != "ref":  # (`ahead` says where a reference may point: a ref's option)
                    self.error("ahead_not_ref", a.span, name=a.name, hint="hint:ahead_not_ref")
            self.event_types[e.name] = EventType(e.name, attrs, decl=e, label=e.label)
        facts = {e.name for e in self.rf.events}
        for e in self.rf.events:  # `ref (TYPE, …)`: the fact types a reference may name are declared facts
            for a in e.attrs:
                for name in a.type.values if a.type.kind == "ref" else ():
                    if name not in facts:
                        self.error("unknown_event", a.type.spans.get(name, a.span), name=name,
                                   did_you_mean=suggest(name, facts), hint="hint:unknown_event")
        # obligation lifecycle events carry the obligation's bindings
        for o in self.rf.obligations:
            attrs = {"due": "datetime", "triggered_at": "datetime", "trigger": "ref", "debtor": "party",
                     "creditor": "party", "fulfilled_at": "datetime"}
            ways = [o.fulfilled_by] + [f.pattern for f in o.alternatives] if o.fulfilled_by else []
            by = {self.source_type_name(p.sources[0]) for p in ways if p.sources}
            # `o.by`: the fact that performed it (its type, where every way is one event type)
            attrs["by"] = ("event", by.pop()) if len(by) == 1 else "any"
            for t in o.triggers:
                if isinstance(t, m.ForEach):
                    for s in t.pattern.sources:
                        if s.alias:
                            attrs[s.alias] = ("event", self.source_type_name(s))
                elif isinstance(t, m.Every):
                    attrs[t.alias] = "period"
            for phase in STAGES:
                self.event_types[f"{o.name}.{phase}"] = EventType(f"{o.name}.{phase}", attrs, derived_from=o.name)
        # deemed events carry the attributes of what they were deemed from
        for d in self.rf.deemed:
            # (and the instant of that event: `n.source_at`, when the notice deemed delivered was sent)
            self.event_types[d.name] = EventType(d.name, {"source": "ref", "source_at": "datetime"}, derived_from=d.name,
                                                 label=d.label)
        for x in (*self.rf.effective, *self.rf.terminations):  # so do a contract's taking effect and its end
            self.event_types[x.name] = EventType(x.name, {"source": "ref"}, derived_from=x.name, label=x.label)
        # (to a fixed point: one deemed from another written later in the file — a date a notice states, deemed
        # from the notice's deemed delivery — gets the attributes that one got from its fact)
        # The fact it is deemed from is the one that set it off — of any kind of any of its triggers (in a
        # join, whichever came last): its attributes are those of every such kind; one that two kinds give in
        # different kinds of value (a date in one, an instant in another) is of no one kind ("any").
        derived = (*self.rf.deemed, *self.rf.effective, *self.rf.terminations)
        mixed: set[tuple[str, str]] = set()
        for _ in range(len(derived) + 1):
            grew = False
            for d in derived:
                attrs = self.event_types[d.name].attrs
                for t in d.triggers:
                    if not isinstance(t, m.ForEach):
                        continue
                    for s in t.pattern.sources:
                        src = self.event_types.get(self.source_type_name(s))
                        if src is None or src.name == d.name:
                            continue
                        for k, v in src.attrs.items():
                            if k not in attrs:
                                attrs[k], grew = v, True
                            elif attrs[k] != v and k not in OWN_ATTRS and (d.name, k) not in mixed:
                                mixed.add((d.name, k))
                                attrs[k], grew = "any", True
            if not grew:
                break
        # an attribute some of the kinds a deemed event comes from give and others do not: read, it is unknown for
        # the events deemed from those others — said where it is read (a software contract's author: a payment never
        # fell due after a deemed confirmation, `x.milestone` being unknown for it)
        guarded = {x.args[0].name for x in m.nodes(self.rf) if isinstance(x, m.Call)
                   and BUILTINS.get(x.function) == "present" and len(x.args) == 1 and isinstance(x.args[0], m.Attribute)}
        for d in derived:
            kinds = [self.source_type_name(s) for t in d.triggers if isinstance(t, m.ForEach)
                     for s in t.pattern.sources]
            kinds = [k for k in dict.fromkeys(kinds) if k in self.event_types and k != d.name]
            for attr in self.event_types[d.name].attrs:
                lack = [k for k in kinds if attr not in self.event_types[k].attrs]
                if attr not in OWN_ATTRS and lack and len(lack) < len(kinds) and attr not in guarded:  # (a file that
                    # asks `present(x.attr)` tells the sources apart, as the hint says)
                    self._partial[(d.name, attr)] = lack
        for e in self.rf.events:
            et = self.event_types[e.name]
            for r in e.requirements:
                if r.attr not in et.attrs:
                    self.unknown_attr(e.name, r.attr, r.span)
                self.expect_bool(self.infer(r.when, {}, implicit=e.name), r.when)

    def _value_by_label(self, values, given) -> str | None:
        """The one-of value a comparison means by a label (`n.方式 == "特快专递"` for `express "特快专递"`): the
        enum declaring these values labels it (AttrType.labelled)."""
        return next((hit for e in self.rf.events for a in e.attrs
                     if a.type.kind == "enum" and tuple(a.type.values) == tuple(values)
                     for hit in [a.type.labelled(given)] if hit is not None), None)

    def check_default(self, a: m.AttrDecl):
        kind, v = a.type.kind, a.default
        if kind == "datetime" and isinstance(v, str):  # (`t: datetime default "2026-03-01T08:00:00+08:00"`: an instant
            # as a fact writes one, read as the fact's would be; "x" is none — fuzz round 33: a traceback in every report)
            from ..facts import parse_instant
            try:
                parse_instant(v)
            except ValueError:
                v = None
        written = a.default_kind  # (the literal as written: a money default is an amount ¥5.00, not 5% or 1.5; a
        # decimal a number, not ¥1.00; a party one the contract declares — fuzz round 33)
        ok = {"bool": isinstance(v, bool), "int": isinstance(v, int) and not isinstance(v, bool),
              "money": isinstance(v, Decimal) and written in (None, "money"),
              "number": isinstance(v, (int, Decimal)) and not isinstance(v, bool) and written in (None, "number"),
              "party": isinstance(v, str) and (not self.rf.parties or v in {p.name for p in self.rf.parties}),
              "text": isinstance(v, str), "date": hasattr(v, "isoformat"),
              "enum": isinstance(v, str) and v in a.type.values,
              "datetime": v is not None and (isinstance(v, str) or hasattr(v, "isoformat"))}.get(kind, True)
        if not ok:
            self.error("type_mismatch.default", a.span, name=a.name, described=a.type.describe(),
                       type=type_word(_attr_type(a.type)))
        elif kind == "money" and abs(v) >= MAX_MONEY:
            self.error("amount_out_of_range", a.span, name=a.name, expected=[f"less than ¥{MAX_MONEY:,.0f}"])
        elif kind in ("int", "number", "money") and isinstance(v, (int, Decimal)) and not isinstance(v, bool) and (
                (a.type.low is not None and v < a.type.low) or (a.type.high is not None and v > a.type.high)):
            # (`qty: int 1..10 default 99`: a fact without qty would carry a value its own kind refuses — a fuzzer)
            self.error("default_out_of_range", a.span, name=a.name, value=str(v), described=a.type.describe(),
                       hint="hint:default_out_of_range")

    @staticmethod
    def source_type_name(s: m.Source) -> str:
        if s.lifecycle:
            return f"{s.type_name}.{LIFECYCLE.get(s.lifecycle, s.lifecycle)}"
        return s.type_name

    def unknown_attr(self, event: str, attr: str, span: m.Span):
        et = self.event_types.get(event)
        known = sorted(et.attrs) + ["id", "at"] if et else []
        self.error("unknown_attribute.event", span, event=event, name=attr, expected=known,
                   did_you_mean=suggest(attr, known), hint="hint:declare_attribute")

    # ------------------------------------------------------------------ params
    def elapsed_type(self, e: m.Arith, lt, rt):
        """Time between two instants (`f.at - r.at`): an elapsed time, compared with a fixed length
        (minutes, hours, days of 24 hours, weeks) or divided by one (`… ÷ 1 hours`: a number of hours).
        None where neither side is a time."""
        op = OPS.get(e.op, e.op)
        moments = ("date", "moment", "datetime")
        if op == "-" and lt in moments and rt in moments:
            e.kind = "elapsed"
            return "elapsed"
        if "elapsed" not in (lt, rt):
            return None
        spans = ("elapsed", "duration")
        for side, t in ((e.left, lt), (e.right, rt)):
            if t == "duration":
                self.expect_fixed(side)
        if op in "+-" and lt == "elapsed" and rt in spans:
            e.kind = "elapsed"
            return "elapsed"
        if op == "/" and lt == "elapsed" and rt in spans:
            if self._is_zero(e.right):  # (`… ÷ 0 days`, `÷ z` with z = 0 days: as `÷ 0` — fuzz round 33)
                self.error("division_by_zero", e.right.span, hint="hint:division_by_zero")
            e.kind = "number"
            return "number"
        instants = ("moment", "datetime")
        if (op in "+-" and lt in instants and rt == "elapsed") or (op == "+" and lt == "elapsed" and rt in instants):
            # (an instant moved by the time between two others — 9:00 of the next working day + (p.at − 15:00), the
            # remainder carried over: both fixed lengths of time, the instant that much later or earlier — contract 25)
            e.kind = "moment_elapsed"
            return "moment"
        self.error("type_mismatch.arith", e.span, left=type_word(lt), op=e.op, right=type_word(rt),
                   hint="hint:elapsed")
        return "any"

    def expect_fixed(self, e: m.Expr):
        """A duration set against an elapsed time must have a fixed length: not working days, months
        or years (how long those are depends on where they start)."""
        if isinstance(e, m.Name) and e.name in self.params:
            e = self.params[e.name].expr
        unit = e.duration.unit if isinstance(e, m.DurationValue) else e.unit if isinstance(e, m.ScaledDuration) else None
        if isinstance(unit, Unit) and unit.value in ("working_days", "months", "years"):
            self.error("not_fixed_duration", e.span, unit=word(f"unit.{unit.value}"), hint="hint:elapsed")

    def _is_zero(self, e: m.Expr) -> bool:
        """A divisor that is zero as written (a literal, or a parameter that is one)."""
        if isinstance(e, m.Name) and e.name in self.params and e.name not in self._folding:
            e = self.params[e.name].expr  # (a parameter of a length: `z = 0 months` too)
        if isinstance(e, m.DurationValue) and e.duration.expr is None and e.duration.ref is None:
            return e.duration.amount == 0  # (a length of nothing: 0 days, 0 months, 0 working days)
        try:
            v = self.constant(e)
        except (ArithmeticError, TypeError):
            return False
        return v == 0 or v == timedelta(0)

    def param_type(self, name: str):
        if name in self.param_types:
            return self.param_types[name]
        p = self.params[name]
        if name in self._resolving:
            self.error("param_cycle", p.span, name=name)
            return "any"
        self._resolving.add(name)
        t = self.infer(p.expr, {})
        self._resolving.discard(name)
        self.param_types[name] = t
        return t

    def _zero_length(self, d: m.DurationExpr) -> bool:
        """Whether a length is a constant 0 (`0 days`, `(1 - 1) days`, a parameter `= 0 days`)."""
        if d.expr is not None:
            return isinstance(d.expr, m.ScaledDuration) and _constant(d.expr.value) == 0
        if d.ref is None:
            return d.amount == 0
        prm = self.params.get(d.ref)
        return prm is not None and isinstance(prm.expr, m.DurationValue) and prm.expr.duration.amount == 0

    def check_duration(self, d: m.DurationExpr, zero_ok: bool = False, scope: dict | None = None, start_ok: bool = False):
        if d.expr is not None:  # (`within o.days days`: a number the trigger's facts give)
            self.infer(d.expr, scope or {})
            n = _constant(d.expr.value) if isinstance(d.expr, m.ScaledDuration) else None
            if n is not None and n == 0 and not zero_ok:  # (`within (1 - 1) days`: written, if computed, as 0)
                self.error("zero_period", d.span, hint="hint:zero_period")
            elif n is not None and n < 0:
                self.error("length_negative", d.span, value=n,
                           unit=word(f"unit.{getattr(d.expr.unit, 'value', d.expr.unit)}"), hint="hint:no_negative")
            elif n is not None and (n * 60 if getattr(d.expr.unit, "value", d.expr.unit) == "hours" else n) % 1:
                # (`within (1.5) days` computed from constants alone: refused as `within 1.5 days` is, not at every
                # evaluation where the rule fires — hours in whole minutes: fuzz round 30)
                self.error("not_whole_number", d.span, what=word("whole.duration"), raw=f"{n:f}".rstrip("0").rstrip("."),
                           expected=["a whole number such as 2"], hint="hint:whole_number")
            return
        if d.ref is None:
            if d.amount == 0 and not zero_ok:
                self.error("zero_period", d.span, hint="hint:zero_period")
            return
        if d.ref not in self.params:
            meant = _numeral_length(d.ref)  # (`期限 十个工作日`: a length in Chinese numerals, read as a name — user round 22)
            after = _length_after(d.ref) if start_ok and meant is None else None  # (`期限 验收通过后15日`: the period as
            # the contract words it, its start in the name — a deadline counts from a start of its own: user round 24;
            if after is not None:  # the start as a moment: the alias a trigger binds to that event, if one does)
                start = next((a for a, bound in (scope or {}).items() if bound == ("event", after[1])), after[1])
                after = f"{after[0]} 自 {start}"
            self.error("unknown_parameter", d.span, name=d.ref, did_you_mean=meant or after or suggest(d.ref, self.params),
                       hint="hint:numeral_length" if meant else "hint:length_after" if after else "hint:declare_duration",
                       **({"meant": meant or after} if meant or after else {}))
        elif self.param_type(d.ref) not in ("duration", "any"):
            self.error("type_mismatch.not_duration", d.span, name=d.ref, type=type_word(self.param_type(d.ref)),
                       expected=["a duration like 30 days"])
        elif not zero_ok and isinstance(self.params[d.ref].expr, m.DurationValue) and \
                self.params[d.ref].expr.duration.amount == 0:  # (a period to act in, named: `within grace`)
            self.error("zero_period", d.span, hint="hint:zero_period")

    def check_severity(self, sev: str, span: m.Span):
        if sev not in ("error", "warning", "info"):
            self.error("bad_severity", span, given=sev, expected=["error", "warning", "info"],
                       did_you_mean=suggest(sev, ["error", "warning", "info"]))

    # ------------------------------------------------------------------ tables
    def check_tables(self):
        for t in self.rf.tables:
            columns: set[str] = set()
            for col in t.columns:  # (a column written twice: `prices[1].v` would read the last — fuzz round 35)
                if _nfc(col.name) in columns:
                    self.error("duplicate_column", col.span, table=t.name, name=col.name)
                columns.add(_nfc(col.name))
            keys: set[int] = set()
            for row in t.rows:
                if row.key in keys:
                    self.error("duplicate_row", row.span, table=t.name, row=row.key)
                keys.add(row.key)
                if len(row.values) != len(t.columns):
                    self.error("row_width", row.span, row=row.key, table=t.name, values=len(row.values),
                               columns=len(t.columns), expected=[c.name for c in t.columns])
                    continue
                kinds = row.kinds or [None] * len(row.values)
                written = row.written or [None] * len(row.values)
                for col, v, kind, text in zip(t.columns, row.values, kinds, written):
                    want = col.type.kind
                    # (each column by the literal written: a money column takes an amount ¥5.00 — not 5%, 1.5 or 5 —,
                    # a date column a date, a bool column true or false, an int a whole number: fuzz round 33)
                    ok = {"money": isinstance(v, Decimal) and kind in (None, "money"),
                          "int": isinstance(v, int) and not isinstance(v, bool),
                          "text": isinstance(v, str), "date": isinstance(v, date) and kind in (None, "date"),
                          "bool": isinstance(v, bool)}
                    if want in ok and not ok[want]:
                        self.error("type_mismatch.cell", row.span, row=row.key, column=col.name, want=want,
                                   want_word=type_word(want), value=v if isinstance(v, str) else text or shown(v))
                    elif want == "money" and abs(v) >= MAX_MONEY:  # (as a param of that amount: fuzz round 33)
                        self.error("amount_out_of_range", row.span, name=f"{t.name}[{row.key}].{col.name}",
                                   amount=f"{v:,.2f}", expected=[f"less than ¥{MAX_MONEY:,.0f}"])

    def check_row(self, table: str, key: m.Expr):
        """A row looked up by a constant number is a row the table has (never a silent nothing)."""
        value = self.constant(key)
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            rows = sorted({r.key for r in self.tables[table].rows})
            if value not in rows:
                self.error("unknown_row", key.span, table=table, row=value if abs(value) < 10 ** 12 else shown(value),
                           expected=[str(r) for r in rows[:12]] + (["…"] if len(rows) > 12 else []),
                           hint="hint:unknown_row")

    # ------------------------------------------------------------------ rules
    def check_contract_header(self):
        """`contract "…" { number PARTY "…" calendar fallback … }`: each said once, numbers of declared parties (a
        fuzzer: the last of two fallbacks won silently, a number of a party nobody declared was kept)."""
        c = self.rf.contract
        if c is None:
            return
        for what, value, span in c.repeated:
            self.error("contract_header_twice", span, what=word(f"header.{what}"), value=value,
                       hint="hint:contract_header_twice")
        for party, span in c.number_spans.items():
            if party not in self.parties:
                self.error("unknown_party.number", span, name=party, expected=sorted(self.parties),
                           did_you_mean=suggest(party, self.parties), hint="hint:declare_party")

    def check_party(self, expr: m.Expr | None, scope, what: str, span: m.Span):
        if expr is None:
            self.error("missing_party", span, what=word(f"role.{what}"), hint="hint:add_party")
            return
        if isinstance(expr, m.Name) and not self.known_name(expr.name, scope):
            # (a party misspelt — 丙方 for 乙方 —: the parties are what may stand here, and one character of two
            # differs, which the usual closeness does not reach; a newcomer, round 20)
            near = difflib.get_close_matches(expr.name, list(self.parties), n=2, cutoff=0.5)
            self.error("unknown_name", expr.span, name=expr.name, expected=sorted(self.parties),
                       did_you_mean=near[0] if len(near) == 1 else None,  # (丙方: as near 甲方 as 乙方 — named neither)
                       hint="hint:unknown_name")
            return
        if isinstance(expr, m.BoolOp) and all(isinstance(x, m.Name) and x.name in self.parties for x in expr.items):
            # (`holder 定作人 and 承揽人`: two parties meant, which a comma says for a holder — one error, not three about
            # conditions; contract round 28; a debtor or creditor is one party: a reviewer, round 28)
            self.error("type_mismatch.party_joined", expr.span, what=word(f"role.{what}"), op=expr.written or expr.op,
                       hint="hint:party_joined" if what == "holder" else "hint:party_joined.one",
                       parties=", ".join(x.name for x in expr.items))
            return
        t = self.infer(expr, scope)
        if t not in ("party", "any"):
            self.error("type_mismatch.party", expr.span, what=word(f"role.{what}"), type=type_word(t),
                       expected=sorted(self.parties))

    def trigger_scope(self, rule, what: Msg, code: str) -> dict:
        """Check a rule's triggers; the aliases they bind, for the rest of the rule."""
        if not rule.triggers:
            self.error(code, rule.span, what=what, name=rule.name, hint="hint:add_trigger", clause=rule.clause)
        scope = {}
        for t in rule.triggers:
            scope.update(self.check_trigger(t, rule.clause, rule))
        every = [t for t in rule.triggers if isinstance(t, m.Every)] if isinstance(rule, m.Obligation) else []
        # (on any other rule `every` is refused already — every_not_here —: not said again as an obligation's)
        if every and len(rule.triggers) > 1:  # (the period would be unknown to the other triggers' duties)
            self.error("every_alone", every[0].span, name=rule.name, hint="hint:every", clause=rule.clause)
        if every and getattr(rule, "once", None):
            self.error("every_once", every[0].span, name=rule.name, hint="hint:every", clause=rule.clause)
        return scope

    def check_once(self, rule, scope, what: Msg):
        onces = [span for k, span in getattr(rule, "parts", ()) if k == "once"]
        if len(onces) > 1 and (rule.once is None or len(rule.once) < 3):  # (several are one only as `once per` each:
            # a bare `once` beside another is two answers to one question)
            self.error("duplicate_part", onces[1], what=what, name=_rule_name(rule), kind="once", part=word("part.once"),
                       first=str(onces[0]), here=str(onces[1]), hint="hint:one_part", clause=getattr(rule, "clause", None))
        if rule.once and rule.once[0] is None and len(rule.once) > 1:  # (`once per EXPR, …`: each value checked as
            lines = [{s.alias for s in t.pattern.sources} for t in rule.triggers if isinstance(t, m.ForEach)]
            taken: set = set()  # (the lines an earlier `once per` speaks of: the first written holds for them)
            for part in rule.once[1:]:  # any expression of the rule)
                for e in part:
                    self.infer(e, scope)
                read = m.names_in(list(part)) & set(scope)
                mine = {n for n, line in enumerate(lines) if read <= line}
                if not read and len(rule.once) > 2:  # (`once per 1` beside another: a bare `once` under another name,
                    # which is refused as duplicate_part — fuzz round 30)
                    self.error("once_unbound.nothing", part[0].span, name=_rule_name(rule), hint="hint:once_unbound",
                               clause=getattr(rule, "clause", None))
                elif read and not mine:  # (`once per h.at, d.at`, h and d on two lines: it would limit nothing — a
                    # reviewer, round 28)
                    self.error("once_unbound", part[0].span, aliases="、".join(sorted(read)), name=_rule_name(rule),
                               hint="hint:once_unbound", clause=getattr(rule, "clause", None))
                elif read and mine <= taken:  # (`once per h.at` then `once per h.sub`: the second limits nothing, and
                    # written the other way round the verdict changed — fuzz round 30)
                    self.error("once_unbound.taken", part[0].span, aliases="、".join(sorted(read)), name=_rule_name(rule),
                               hint="hint:once_taken", clause=getattr(rule, "clause", None))
                taken |= mine
            return
        if rule.once and rule.once[0] is not None and rule.once[0] not in scope:
            self.error("unknown_name.once", onces[0] if onces else rule.span, alias=rule.once[0], expected=sorted(scope),
                       did_you_mean=suggest(rule.once[0], scope))

    def check_caveat_texts(self, rule):
        """A caveat says what is left to be judged: an empty text would say "须注意：" and nothing (fuzz round 30)."""
        for ex in rule.caveats:
            if not (ex.text or "").strip():
                self.error("empty_text.caveat", ex.span, name=rule.name, clause=getattr(rule, "clause", None),
                           hint="hint:empty_caveat")

    def check_obligation(self, o: m.Obligation):
        scope = self.trigger_scope(o, word("rule.obligation"), "untriggered_obligation")
        self.check_parts(o, word("rule.obligation"))
        self.check_once(o, scope, word("rule.obligation"))
        for alt in o.alternatives:
            self.check_pattern(alt.pattern, dict(scope))
            if alt.earlier_since is not None:
                self.expect_moment(self.infer(alt.earlier_since, scope), alt.earlier_since, "earlier_since")
        self.check_party(o.debtor, scope, "debtor", o.span)
        self.check_party(o.creditor, scope, "creditor", o.span)
        if isinstance(o.debtor, m.Name) and isinstance(o.creditor, m.Name) and o.debtor.name == o.creditor.name \
                and o.debtor.name in self.parties:  # (a duty owed to oneself: a slip of the pen — a fuzzer)
            self.error("owed_to_itself", o.creditor.span, name=o.name, party=o.debtor.name, clause=o.clause,
                       hint="hint:owed_to_itself")
        continuing = o.deadline is not None and (o.deadline.until is not None or o.deadline.forever)
        if o.violated_by is not None:
            self.check_pattern(o.violated_by, dict(scope))
            if not continuing:
                self.error("missing_deadline.continuing", o.span, name=o.name, hint="hint:continuing",
                           clause=o.clause)
        if o.fulfilled_by is None and o.fulfilled_when is None and not continuing:
            self.error("unfulfillable_obligation", o.span, name=o.name, hint="hint:add_fulfilment", clause=o.clause)
        if o.fulfilled_by is not None:
            self.check_pattern(o.fulfilled_by, dict(scope))
            if o.earlier_since is not None:
                self.expect_moment(self.infer(o.earlier_since, scope), o.earlier_since, "earlier_since")
            for s in o.fulfilled_by.sources:  # (itself, or one of its own stages — `o.triggered`: performed by its
                # arising; `o.fulfilled`, `o.violated`: never — the fuzzer)
                if s.type_name == o.name:
                    self.error("unfulfillable_obligation.self", s.span, name=o.name)
        if o.fulfilled_when is not None:
            self.expect_bool(self.infer(o.fulfilled_when, scope), o.fulfilled_when)
            own: list[m.Call] = []
            if not self.changes(o.fulfilled_when, o.name, own, set()) and own:
                self.error("unfulfillable_obligation.self_condition", own[0].span, name=o.name, fn=own[0].function,
                           hint="hint:add_fulfilment", clause=o.clause)
        if o.deadline is None:
            self.error("missing_deadline", o.span, name=o.name, hint="hint:add_deadline", clause=o.clause)
        elif o.deadline.forever:
            pass
        elif o.deadline.until is not None:
            self.expect_moment(self.infer(o.deadline.until, scope), o.deadline.until, "duty_end")
        elif o.deadline.by is not None:
            self.expect_moment(self.infer(o.deadline.by, scope), o.deadline.by, "due_by")
        else:
            self.check_duration(o.deadline.duration, scope=scope, start_ok=o.deadline.anchor is None)
            if o.deadline.anchor is not None:
                self.expect_moment(self.infer(o.deadline.anchor, scope), o.deadline.anchor, "deadline_start")
        for ex in (*o.excuses, *o.caveats):
            self.expect_bool(self.infer(ex.condition, scope), ex.condition)
            if getattr(ex, "retro", None) is not None and not (isinstance(ex.condition, m.Exists)
                                                                and len(ex.condition.pattern.sources) == 1):
                # (`retroactively` says the fact that makes the exception, whenever it comes: a condition that is no
                # such fact would be tested at the breach only — the word would say nothing)
                self.error("excuse_retro_form", ex.retro, name=o.name, clause=o.clause, hint="hint:excuse_retro_form")
        self.check_caveat_texts(o)
        for k, (pattern, to, mode) in enumerate(o.extensions):  # `extended by AGREEMENT x until …` / `for …`
            inner = self.check_pattern(pattern, dict(scope))
            power = o.accel_powers.get(k)
            if power is not None:  # `accelerated by … exercises POWER [held by X]`: a remedy, held by a party
                name, held_by, span = power
                if name not in self.remedies:
                    self.error("unknown_name.remedy", span, name=name, did_you_mean=suggest(name, self.remedies),
                               hint="hint:name_remedy")
                if held_by is not None:
                    self.check_party(held_by, inner, "holder", span)
            if mode == "earlier":  # `accelerated by DECLARED x [until MOMENT]`: the fact's instant, or the moment
                if k in o.accel_later and not any(isinstance(t, m.Every) for t in o.triggers):
                    # (`with later periods`: the periods of a recurring duty not yet begun — a duty with none has none)
                    self.error("accelerated_later_not_series", o.accel_later[k], name=o.name, clause=o.clause,
                               hint="hint:accelerated_later_not_series")
                if to is not None:
                    self.expect_moment(self.infer(to, inner), to, "due_by")
                if o.deadline is not None and (o.deadline.until is not None or o.deadline.forever):
                    # (a continuing duty has no deadline to bring forward: it would be ignored — a reviewer)
                    self.error("accelerated_continuing", pattern.span, name=o.name, clause=o.clause,
                               hint="hint:accelerated_continuing")
            elif mode == "until":
                self.expect_moment(self.infer(to, inner), to, "due_by")
            else:
                t = self.infer(to, inner)
                if t not in ("duration", "elapsed", "any"):
                    self.error("type_mismatch.extension_length", to.span, type=type_word(t),
                               hint="hint:duration_count")
                elif isinstance(to, m.DurationValue) and self._zero_length(to.duration) or isinstance(
                        to, m.ScaledDuration) and _constant(to.value) == 0 or isinstance(to, m.Name) and isinstance(
                        getattr(self.params.get(to.name), "expr", None), m.DurationValue) and self._zero_length(
                        self.params[to.name].expr.duration):  # (`for z`, `param z = 0 days`: a reviewer, round 39)  # (`for 0 days`, `for (1 - 1) days`: a
                    # period of nothing, as `within 0 days` is refused — the fuzzer, round 36)
                    self.error("zero_period", to.span, hint="hint:zero_period")
            if len(pattern.sources) != 1:  # (said as what it is: an extension or acceleration, not a suspension)
                self.error("suspension_one_fact.extension", pattern.span, name=o.name, hint="hint:extension_one_fact",
                           clause=o.clause)
        for start, end in o.suspensions:  # the resuming pattern may read the suspending fact
            inner = self.check_pattern(start, dict(scope))
            self.check_pattern(end, inner)
            if len(start.sources) != 1 or len(end.sources) != 1:
                self.error("suspension_one_fact", start.span, name=o.name, hint="hint:suspension", clause=o.clause)
            if o.deadline is not None and (o.deadline.until is not None or o.deadline.forever):
                self.error("suspension_continuing", start.span, name=o.name, hint="hint:suspension", clause=o.clause)

    def changes(self, e: m.Expr, own: str, calls: list, params: set) -> bool:
        """Whether ``e`` reads anything that can change while obligation ``own`` runs — a fact, the
        time, another duty, a period, the contract's end; ``triggered(own)`` / ``open(own)`` are
        collected in ``calls`` instead (a condition that reads only those can only be fulfilled by
        the duty itself).  The trigger's own aliases, parameters and literals are fixed."""
        ch = lambda x: self.changes(x, own, calls, params)  # noqa: E731
        if isinstance(e, (m.Literal, m.DurationValue)):
            return False
        if isinstance(e, m.Call):
            fn = BUILTINS.get(e.function)
            if fn in ("triggered", "open"):
                if len(e.args) == 1 and isinstance(e.args[0], m.Name) and e.args[0].name == own:
                    calls.append(e)
                    return False
                return True
            if fn in ("earliest", "latest", "present", "other"):
                return any([ch(a) for a in e.args])
            return True
        if isinstance(e, m.Name):
            if e.name in self.params and e.name not in params:
                params.add(e.name)
                return ch(self.params[e.name].expr)
            return e.name in self.periods or e.name in BUILTIN_NAMES
        if isinstance(e, m.Attribute):
            return ch(e.obj)
        if isinstance(e, m.ScaledDuration):
            return ch(e.value)
        if isinstance(e, m.Index):
            return any([ch(e.obj), ch(e.key)])
        if isinstance(e, m.PercentOf):
            return ch(e.of)
        if isinstance(e, m.ShareOf):
            return any([ch(e.rate), ch(e.of)])
        if isinstance(e, m.Conditional):
            return any([ch(e.condition), ch(e.then), ch(e.otherwise)])
        if isinstance(e, m.Not):
            return ch(e.item)
        if isinstance(e, m.BoolOp):
            return any([ch(i) for i in e.items])
        if isinstance(e, (m.Compare, m.Arith)):
            return any([ch(e.left), ch(e.right)])
        if isinstance(e, m.Exists) and e.pattern.sources and all(s.type_name == own for s in e.pattern.sources):
            calls.append(m.Call(e.span, "exists", [m.Name(e.span, own)]))  # (`exists(o.fulfilled t)`: its own stage)
            return False
        return True  # facts (exists, count, sum, first), time (passed, end of, day after), anything else

    def check_remedy(self, r: m.Remedy):
        scope = self.trigger_scope(r, word("rule.remedy"), "untriggered_remedy")
        self.check_parts(r, word("rule.remedy"))
        self.check_once(r, scope, word("rule.remedy"))
        for ex in r.caveats:
            self.expect_bool(self.infer(ex.condition, scope), ex.condition)
        self.check_caveat_texts(r)
        if r.settled_by is not None:  # `settled by PAID p where p.ref == o.id`: may read the trigger's aliases
            self.check_pattern(r.settled_by, dict(scope))
            if r.accrues:  # (what accrues by the day or hour is not paid once: the time after a payment would be lost)
                self.error("settled_per_day", r.settled_by.span, name=r.name, clause=r.clause,
                           hint="hint:settled_per_day")
            if len(r.settled_by.sources) != 1:
                self.error("suspension_one_fact.settled", r.settled_by.span, name=r.name, hint="hint:settled_one_fact",
                           clause=r.clause)
        if r.accrues:  # (a row that arises when the late act is done accrues nothing after: one day, one hour)
            late = next((t for t in r.triggers if isinstance(t, m.ForEach)
                         and any(LIFECYCLE.get(src.lifecycle) == "performed_late" for src in t.pattern.sources)), None)
            if late is not None:
                self.findings.append(diag("accrues_from_performance", late.span, name=r.name, clause=r.clause,
                                          severity="warning", hint="hint:accrues_from_performance"))
        if r.lapses_when is not None:  # (a condition on the state, as a `when` trigger's; one that reads the trigger's
            # aliases is each row's own: “中止供电的权利，欠费交清即消灭” — `lapses when` the row's own bill is paid)
            self.expect_bool(self.infer(r.lapses_when, scope), r.lapses_when)
        if r.exercise_within is not None:  # (counted from when the power arose: it may read the trigger's facts)
            self.check_duration(r.exercise_within, scope=scope)
        if r.exercise_until is not None:
            self.expect_moment(self.infer(r.exercise_until, scope), r.exercise_until, "exercise_until")
        if not r.holders:
            self.check_party(None, scope, "holder", r.span)
        for h in r.holders:
            self.check_party(h, scope, "holder", r.span)
        t = None
        if r.amount is not None:  # an amount of money, points (扣分: a number), or a rating (评级: a text)
            t = self.infer(r.amount, scope)
            rating = t == "text" or (isinstance(t, tuple) and t[0] == "enum")
            if t not in ("money", "int", "number", "any") and not rating:
                self.error("type_mismatch.remedy_amount", r.amount.span, type=type_word(t))
            if rating and (r.accrues or r.cap is not None or r.row_cap is not None or r.row_floor is not None
                           or r.recomputed):
                self.error("rating_not_counted", r.amount.span, name=r.name, hint="hint:rating", clause=r.clause)
        if r.cap is not None:  # (read without the trigger's aliases: one cap for all the rows)
            self.check_cap(r, r.cap, {}, t)
        if r.row_cap is not None:  # `each at most`: per row, so it may read the trigger's aliases
            self.check_cap(r, r.row_cap, scope, t)
        if r.row_floor is not None:  # `each at least`: the same, a least instead of a most
            self.check_cap(r, r.row_floor, scope, t, "floor")
        for name, span in r.alternatives:
            if name == r.name:
                self.error("alternative_to_itself", span, remedy=r.name, clause=r.clause)
            elif name not in self.remedies:
                self.error("unknown_name.alternative", span, name=name, remedy=r.name, clause=r.clause,
                           did_you_mean=suggest(name, [x for x in self.remedies if x != r.name]),
                           hint="hint:name_alternative")

    def check_cap(self, r: m.Remedy, cap: m.Expr, scope: dict, t, kind: str = "cap"):
        """A cap of a remedy's amount (``t`` its type) — or its least (``kind`` "floor": `each at least`): an amount
        to cap, and a value of its kind."""
        if r.amount is None:
            self.error(f"{kind}_without_amount", cap.span, name=r.name, hint=f"hint:{kind}", clause=r.clause)
        ct = self.infer(cap, scope)
        same = ct == t or "any" in (ct, t) or {ct, t} <= {"int", "number"}
        if ct == "percent":  # (`each at most 10%`: a share of what? the cap names it — 10% of total)
            self.error(f"type_mismatch.{kind}_percent", cap.span, name=r.name, hint=f"hint:{kind}_percent",
                       clause=r.clause)
        elif ct not in ("money", "int", "number", "any") or (t is not None and not same):  # (say which is which)
            self.error(f"type_mismatch.{kind}_kind", cap.span, name=r.name, type=type_word(ct),
                       amount_type=type_word(t) if t is not None else word("type.money"), hint=f"hint:{kind}_kind",
                       clause=r.clause)

    def check_property(self, p: m.Property):
        """`property`: `for each` patterns (no other trigger: a property is tested at the end, over
        every match), conditions that are yes/no, patterns that must never match."""
        scope: dict = {}
        for t in p.triggers:
            if not isinstance(t, m.ForEach) or t.unless is not None:
                self.error("property_trigger", t.span, name=p.name, hint="hint:property", clause=p.clause)
                continue
            scope.update(self.check_trigger(t, p.clause, p))
        for h in p.holds:
            self.expect_bool(self.infer(h, scope), h)
        for pattern in p.never:
            self.check_pattern(pattern, dict(scope))
        if not p.holds and not p.never:
            self.error("property_empty", p.span, name=p.name, hint="hint:property", clause=p.clause)

    def check_cases(self, cases: list, rule):
        """`at` cases are taken in order, the first whose condition holds and whose instant is known: one after a case
        without a condition (a plain `at`, `otherwise: at`) whose instant is always known — read from the instants of
        facts every trigger of the rule binds, counted on the calendar — is never taken: refused, naming both, rather
        than kept and never used.  (A plain `at d` of one trigger's fact, an optional attribute, `first( )` of nothing:
        unknown for some rows, the cases after it are taken for those.)"""
        bound = None
        for t in rule.triggers:
            names = {s.alias for s in t.pattern.sources if s.alias} if isinstance(t, m.ForEach) else \
                {t.alias} if isinstance(t, m.Every) else set()
            bound = names if bound is None else bound & names
        plain = next((k for k, c in enumerate(cases) if c.condition is None and _always_known(c.at, bound or set())),
                     None)
        for c in cases[plain + 1:] if plain is not None else ():  # (the cases come in the order written)
            self.error("unreachable_case", c.span, name=rule.name, first=str(cases[plain].span),
                       clause=getattr(rule, "clause", None), hint="hint:unreachable_case")

    def check_deemed(self, d: m.Deemed):
        scope = self.trigger_scope(d, word("rule.deemed"), "untriggered_event")
        self.check_parts(d, word("rule.deemed"))
        self.check_once(d, scope, word("rule.deemed"))
        if not d.cases and not (d.triggers and all(isinstance(t, m.When) for t in d.triggers)):
            # (deemed on a condition alone — `when` —, it happens the instant the condition first holds: no `at`
            # needed, and none could name that instant — a new contract's author, 8.1 "自甲方付清全部价款之时")
            self.error("missing_time", d.span, name=d.name, hint="hint:missing_time")
        self.check_cases(d.cases, d)
        for c in d.cases:
            if c.condition is not None:
                self.expect_bool(self.infer(c.condition, scope), c.condition)
            self.expect_moment(self.infer(c.at, scope), c.at, "deemed_time")
        if d.otherwise:
            self.check_severity(d.otherwise.severity, d.otherwise.span)

    def check_trigger(self, t, clause, rule=None) -> dict:
        if isinstance(t, m.Every) and not isinstance(rule, m.Obligation):
            self.error("every_not_here", t.span, name=getattr(rule, "name", ""), hint="hint:every_not_here",
                       clause=clause)
        if isinstance(t, m.When):
            # (beside an `every` — refused as every_alone or every_not_here — its period's name is not said unknown
            # again at each use)
            periods = {x.alias: "period" for x in getattr(rule, "triggers", ()) if isinstance(x, m.Every)}
            self.expect_bool(self.infer(t.condition, periods), t.condition)
            return {}
        if isinstance(t, m.Every):  # `every month p from START until END`: p is a period
            self.expect_moment(self.infer(t.start, {}), t.start, "recurrence_start")
            if t.until is None:
                self.error("unbounded_recurrence", t.span, alias=t.alias, hint="hint:every")
            else:
                self.expect_moment(self.infer(t.until, {}), t.until, "recurrence_end")
            return {t.alias: "period"}
        scope = self.check_pattern(t.pattern, {})
        if t.unless is not None:
            self.check_pattern(t.unless.pattern, dict(scope))
            self.check_duration(t.unless.duration, scope=scope)
            violated = {s.type_name: s.alias for s in t.pattern.sources if LIFECYCLE.get(s.lifecycle) == "violated"}
            read = m.names_in(t.unless.pattern.where)
            for s in t.unless.pattern.sources:  # (`for each pay.violated o unless pay.fulfilled y where y.… == o.…`:
                # that very duty, fulfilled — never, once violated; another duty's fulfilment may well come)
                if s.type_name in violated and LIFECYCLE.get(s.lifecycle) == "fulfilled" and violated[s.type_name] in read:
                    self.findings.append(diag("unless_never_cancels", s.span, name=s.type_name, severity="warning",
                                              clause=clause, hint="hint:unless_never_cancels"))
        return scope

    def check_pattern(self, p: m.Pattern, scope: dict) -> dict:
        """Bind each source's alias to its event type, then type the where-condition."""
        if len(p.sources) > MAX_DEPTH:  # (each source is a level of the evaluation's search for bindings)
            self.error("too_deep.sources", p.span, sources=len(p.sources), limit=MAX_DEPTH, hint="hint:too_deep_sources")
        for s in p.sources:
            tname = self.source_type_name(s)
            if s.lifecycle is not None and s.lifecycle not in LIFECYCLE:
                self.error("unknown_event.stage", s.span, stage=s.lifecycle, expected=[  # (both words, as a syntax
                    f"{zh} / {en}" for zh, en in LIFECYCLE.items() if zh != en],  # error lists keywords: user round 22)
                           did_you_mean=suggest(s.lifecycle, LIFECYCLE))
            elif s.lifecycle is not None and s.type_name not in self.obligations:
                self.error("unknown_obligation", s.span, name=s.type_name,
                           did_you_mean=suggest(s.type_name, self.obligations))
            elif tname not in self.event_types and s.type_name in self.remedies and s.lifecycle is None:
                # (a remedy is a right held, not something that happens: a lease's author wrote `never overstay_fee r`)
                self.error("unknown_event.remedy", s.span, name=s.type_name, hint="hint:remedy_as_event")
            elif tname not in self.event_types:
                known = [n for n in self.event_types if "." not in n]
                self.error("unknown_event", s.span, name=s.type_name, did_you_mean=suggest(s.type_name, known),
                           hint="hint:unknown_event")
            if s.alias:
                if s.alias in scope or any(_nfc(s.alias) == _nfc(a) for a in scope):
                    self.error("duplicate_alias", s.span, alias=s.alias)
                scope[s.alias] = ("event", tname) if tname in self.event_types else "any"
        if p.where is not None:
            self.expect_bool(self.infer(p.where, scope), p.where)
        return scope

    # ------------------------------------------------------------------ expressions
    def expect_bool(self, t, e: m.Expr):
        if t not in ("bool", "any"):
            self.error("type_mismatch.condition", e.span, type=type_word(t))

    def expect_moment(self, t, e: m.Expr, what: str | Msg):
        """``what``: the place, as a ``word:at.…`` key's last part (or a phrase)."""
        if t not in ("moment", "datetime", "date", "any") and not (isinstance(t, tuple) and t[0] == "event"):
            said = self.params[e.name].expr if isinstance(e, m.Name) and e.name in self.params else e
            date = _slashed_date(said)
            self.error("type_mismatch.moment", e.span, what=word(f"at.{what}") if isinstance(what, str) else what,
                       type=type_word(t), **({"hint": "hint:date_form", "date": date} if date else {}))

    def infer(self, e: m.Expr, scope: dict, implicit: str | None = None):
        """The type of ``e`` under ``scope`` (alias → type); errors are recorded, 'any' returned.
        Each expression's type is kept (``Checked.expr_types``): an explanation says whether a
        number it shows is an amount, a percentage or a plain number."""
        t = self._infer(e, scope, implicit)
        self.expr_types[id(e)] = t
        self.expr_nodes[id(e)] = e
        return t

    def _infer(self, e: m.Expr, scope: dict, implicit: str | None = None):
        inf = lambda x: self.infer(x, scope, implicit)  # noqa: E731
        if isinstance(e, m.Literal):
            return {"number": "number"}.get(e.kind, e.kind)
        if isinstance(e, m.DurationValue):  # (a value, not a period to act in: `f.at - r.at <= 0 hours` is sound)
            self.check_duration(e.duration, zero_ok=True)
            return "duration"
        if isinstance(e, m.ScaledDuration):  # `e.days days`: how many, a number
            t = inf(e.value)
            if t not in ("int", "number", "any"):  # (already a length — `(y.at.day - y.due.day) days` —: drop the unit)
                self.error("type_mismatch.duration_count", e.value.span, type=type_word(t),
                           hint="hint:duration_count.already" if t in ("duration", "elapsed") else "hint:duration_count")
            return "duration"
        if isinstance(e, m.Name):
            return self.name_type(e, scope, implicit)
        if isinstance(e, m.Attribute):
            return self.attribute_type(inf(e.obj), e)
        if isinstance(e, m.Index):
            t = inf(e.obj)
            kt = inf(e.key)
            if isinstance(t, tuple) and t[0] == "table":
                if kt not in ("int", "number", "any"):
                    self.error("type_mismatch.table_key", e.key.span, type=type_word(kt))
                elif t[1] in self.tables:
                    self.check_row(t[1], e.key)
                return ("row", t[1])
            if t != "any":
                self.error("type_mismatch.index", e.span, type=type_word(t))
            return "any"
        if isinstance(e, m.PercentOf):
            t = inf(e.of)
            if t not in ("money", "number", "int", "any"):
                self.error("type_mismatch.percent", e.of.span, text=e.text, type=type_word(t))
            e.kind = "money" if t in ("money", "any") else "number"
            _exact_inside(e.of)
            return e.kind
        if isinstance(e, m.ShareOf):
            rt, t = inf(e.rate), inf(e.of)
            if rt not in ("percent", "any"):
                self.error("type_mismatch.share", e.rate.span, name=e.rate.name, type=type_word(rt),
                           hint="hint:share")
                return "any"
            if t not in ("money", "number", "int", "any"):
                self.error("type_mismatch.percent", e.of.span, text=e.rate.name, type=type_word(t))
                return "any"
            e.kind = "money" if t in ("money", "any") else "number"
            return e.kind
        if isinstance(e, m.Conditional):
            self.expect_bool(inf(e.condition), e.condition)
            a, b = inf(e.then), inf(e.otherwise)
            if "any" in (a, b):
                return "any"
            if a == b:
                e.kind = a
            elif {a, b} <= {"int", "number"}:
                e.kind = "number"
            else:
                self.error("type_mismatch.cases", e.span, then=type_word(a), otherwise=type_word(b),
                           hint="hint:cases")
                return "any"
            return e.kind
        if isinstance(e, m.BoolOp):
            for item in e.items:
                self.expect_bool(inf(item), item)
            return "bool"
        if isinstance(e, m.Not):
            self.expect_bool(inf(e.item), e.item)
            return "bool"
        if isinstance(e, m.Compare):
            lt = inf(e.left)
            # (`d.地点 == 甲方仓库`, 地点 a text: the unknown name on the other side is a text written without its quotes —
            # said so, not "did you mean 甲方": user round 23)
            self._text_beside = lt in ("text", "ref") and isinstance(e.right, m.Name)
            try:
                rt = inf(e.right)
            finally:
                self._text_beside = False
            self.check_comparison(e, lt, rt)
            self.check_reading(e)
            return "bool"
        if isinstance(e, m.Arith):
            lt, rt = inf(e.left), inf(e.right)
            if "any" in (lt, rt):
                return "any"
            if lt in ("date", "moment", "datetime") and rt == "duration":
                unit = e.right.duration.unit if isinstance(e.right, m.DurationValue) else \
                    e.right.unit if isinstance(e.right, m.ScaledDuration) else None
                clock = isinstance(unit, Unit) and unit.value in ("hours", "minutes")
                if lt != "date" and e.op == "-" and not clock:  # (an instant less hours or minutes is exact: 11:00 of
                    # the next working day is `working_day_from(D) - 13 hours` — a warehouse's author, round 25)
                    self.error("type_mismatch.moment_minus", e.span, raw=lt, type=type_word(lt))
                    return "any"
                if lt == "date" and clock:  # a time of that day: `p.at.day + 11 hours` is 11:00 of it
                    if e.op == "-":
                        self.error("type_mismatch.hours_on_date", e.span)
                        return "any"
                    e.kind = "moment"
                    return "moment"
                return lt if lt == "date" else "moment"
            elapsed = self.elapsed_type(e, lt, rt)
            if elapsed is not None:
                return elapsed
            result = arith_type(e.op, lt, rt)
            if result is None:
                hint = ARITH_HINTS.get((OPS.get(e.op, e.op), lt, rt), "hint:arith")
                alias = None
                if isinstance(lt, tuple) and lt[0] == "event" and rt == "duration" and e.op in ("+", "-"):
                    # (`p + 2 hours`: an event is not itself a time — its instant is `p.at`, fuzz round 25)
                    hint, alias = "hint:arith_event_time", getattr(e.left, "name", None) or "x"
                self.error("type_mismatch.arith", e.span, left=type_word(lt), op=e.op, right=type_word(rt),
                           hint=hint, **({"alias": alias} if alias else {}))
                return "any"
            if OPS.get(e.op) == "/" and self._is_zero(e.right):
                self.error("division_by_zero", e.right.span, hint="hint:division_by_zero")
            e.kind = result
            _exact_inside(e.left, e.right)
            return result
        if isinstance(e, m.Consecutive):  # the periods: labels, dates or instants
            inner = self.check_pattern(e.pattern, dict(scope))
            vt = self.infer(e.value, inner, implicit)
            if vt not in ("text", "date", "datetime", "moment", "period", "any") and \
                    not (isinstance(vt, tuple) and vt[0] in ("event", "enum")):
                self.error("type_mismatch.consecutive", e.value.span, type=type_word(vt), hint="hint:consecutive")
            return "int"
        if isinstance(e, (m.Exists, m.Count, m.First, m.Sum)):
            inner = self.check_pattern(e.pattern, dict(scope))
            if isinstance(e, m.Exists):
                return "bool"
            if isinstance(e, m.Count):
                return "int"
            if isinstance(e, m.First):
                src = e.pattern.sources[0] if e.pattern.sources else None
                return ("event", self.source_type_name(src)) if src else "any"
            vt = self.infer(e.value, inner, implicit)
            if vt not in NUMERIC and vt != "any":
                self.error("type_mismatch.sum", e.value.span, type=type_word(vt))
                return "any"
            if vt == "any":  # (a value already refused: its sum is unknown too, never a number that a later check
                return "any"  # refuses again — `rate × sum(…)` read as a percentage against an amount)
            if isinstance(e, m.Mean):  # (an amount's mean is rounded to the fen; a percentage stays one)
                return "money" if vt == "money" else "percent" if vt == "percent" else "number"
            return "money" if vt == "money" else "number"
        if isinstance(e, m.Passed):
            self.check_duration(e.duration)
            self.expect_moment(inf(e.since), e.since, "period_start")
            return "bool"
        if isinstance(e, m.EndOf):
            self.check_duration(e.duration)
            self.expect_moment(inf(e.after), e.after, "period_start")
            return "moment"
        if isinstance(e, m.DayAfter):
            if e.day < 1:  # (`day 0 after o`: 00:00 of o's own day, before o itself — the fuzzer, round 36)
                self.error("day_zero", e.span, hint="hint:day_zero")
            self.expect_moment(inf(e.after), e.after, "period_start")
            return "moment"
        if isinstance(e, m.Call):
            return self.call_type(e, scope, implicit)
        self.error("unsupported.expression", e.span, what=type(e).__name__)  # pragma: no cover
        return "any"

    def known_name(self, n: str, scope) -> bool:
        """A name ``name_type`` knows without an event's attributes: an alias, a parameter, period, table, party,
        obligation or a built-in moment."""
        return n in scope or n in self.params or n in self.periods or n in self.tables or n in self.parties \
            or n in self.obligations or n in BUILTIN_NAMES

    def name_type(self, e: m.Name, scope, implicit):
        n = e.name
        if n in scope:
            return scope[n]
        if implicit is not None and n in self.event_types[implicit].attrs:
            return self.event_types[implicit].attrs[n]
        if n in self.params:
            return self.param_type(n)
        if n in self.periods:
            return "period"
        if n in self.tables:
            return ("table", n)
        if n in self.parties:
            return "party"
        if n in self.obligations:
            return ("obligation", n)
        if n in BUILTIN_NAMES:
            return "moment"
        known = list(scope) + list(self.params) + list(self.periods) + list(self.tables) + list(self.parties)
        if implicit is not None:
            known += list(self.event_types[implicit].attrs)
        owned = self.attribute_paths(n, scope)  # (`freight` meant as `v.o.freight`: an attribute of a fact in scope)
        capitals = words_to_amount(n) if n[-1:] in "元整角分圆" else None  # (`= 贰万元整`: an amount in capitals alone —
        if capitals is not None:  # user round 22)
            self.error("unknown_name", e.span, name=n, hint="hint:capitals_alone", amount=f"¥{capitals:,.2f}")
            return "any"
        named = _CURRENCY_RUN_ON.fullmatch(n)
        if named is not None:  # (`人民币100元`, `RMB100`: the currency's name run into the digits, read as one name —
            from .parser import _as_money  # the amount as the language writes it, as `RMB100.00` is told: review 46)

            self.error("unknown_name", e.span, name=n, hint="hint:money_yen", amount=_as_money(named.group(1)))
            return "any"
        if self._text_beside and not owned:
            self.error("unknown_name", e.span, name=n, did_you_mean=f'"{n}"', hint="hint:quote_text", quoted=f'"{n}"')
            return "any"
        self.error("unknown_name", e.span, name=n, did_you_mean=owned[0] if len(owned) == 1 else suggest(n, known),
                   hint="hint:unknown_name")
        return "any"

    def attribute_paths(self, n: str, scope) -> list[str]:
        """The ways `alias.n` or `alias.a.n` name an attribute ``n`` of a fact in ``scope`` (the fact's own, or of
        a fact it holds: a violation's trigger)."""
        out = []
        for alias, t in scope.items():
            if not (isinstance(t, tuple) and len(t) == 2 and t[0] == "event" and t[1] in self.event_types):
                continue
            attrs = self.event_types[t[1]].attrs
            if n in attrs:
                out.append(f"{alias}.{n}")
                continue
            for a, at in attrs.items():
                if isinstance(at, tuple) and len(at) == 2 and at[0] == "event" and at[1] in self.event_types \
                        and n in self.event_types[at[1]].attrs:
                    out.append(f"{alias}.{a}.{n}")
        return out

    def attribute_type(self, t, e: m.Attribute):
        if t == "any":  # (what has an instant is an event, whatever its kind — `o.by.at` of a duty performed by any
            return "moment" if e.name == "at" else "any"  # fact: its day a day, as for a fact of a known kind: review 36)
        if isinstance(t, tuple) and t[0] == "event":
            et = self.event_types.get(t[1])
            if et is None:
                return "any"
            if e.name == "id":
                return "ref"
            if e.name == "at":
                return "moment"
            if e.name in et.attrs:
                lack = self._partial.get((t[1], e.name))
                if lack is not None and not self._in_present and (t[1], e.name) not in self._partial_said:
                    self._partial_said.add((t[1], e.name))
                    self.findings.append(diag("attribute_from_some_sources", e.span, severity="warning",
                                              event=t[1], name=e.name, lack=lack, hint="hint:attribute_from_some"))
                return et.attrs[e.name]
            self.unknown_attr(t[1], e.name, e.span)
            return "any"
        if t == "period":
            fields = {"start": "moment", "end": "moment", "last_day": "date", "label": "text"}
            if e.name in fields:
                return fields[e.name]
            self.error("unknown_attribute.period", e.span, name=e.name, expected=sorted(fields),
                       did_you_mean=suggest(e.name, fields))
            return "any"
        if isinstance(t, tuple) and t[0] == "row":
            cols = {c.name: _attr_type(c.type) for c in self.tables[t[1]].columns}
            if e.name in cols:
                return cols[e.name]
            self.error("unknown_attribute.column", e.span, table=t[1], name=e.name, expected=sorted(cols),
                       did_you_mean=suggest(e.name, cols))
            return "any"
        if t in ("moment", "datetime") and e.name in ("day",):
            return "date"
        self.error("type_mismatch.attribute", e.span, type=type_word(t), name=e.name)
        return "any"

    def call_type(self, e: m.Call, scope, implicit):
        fn = BUILTINS.get(e.function)
        if fn is None:  # (`exsits(…)`: the aggregates are keywords, not functions, but a typo of one reads as a call)
            known = sorted(BUILTINS) + list(AGGREGATE_WORDS)
            self.error("unknown_function", e.span, name=e.function, expected=known,
                       did_you_mean=suggest(e.function, known))
            return "any"
        if fn in ("earliest", "latest"):
            for a in e.args:
                self.expect_moment(self.infer(a, scope, implicit), a, word("at.argument", fn=e.function))
            return "moment"
        if fn in ("min", "max"):
            e.kind = self.extreme_type(e, [self.infer(a, scope, implicit) for a in e.args])
            return e.kind
        if fn in ("round", "round_up", "round_down"):
            e.kind = self.rounding_type(e, [self.infer(a, scope, implicit) for a in e.args])
            _exact_inside(e.args[0])  # (rounded as the rule says, from the exact value)
            return e.kind
        if fn in CALENDAR_PLACES or fn in CALENDAR_DAYS:
            return self.calendar_place_type(e, fn, [self.infer(a, scope, implicit) for a in e.args])
        if len(e.args) != 1:
            self.error("wrong_arguments", e.span, fn=e.function)
            return "any"
        arg = e.args[0]
        if fn in ("triggered", "open"):
            if not (isinstance(arg, m.Name) and arg.name in self.obligations):
                self.error("unknown_obligation.call", arg.span, fn=e.function,
                           did_you_mean=suggest(getattr(arg, "name", ""), self.obligations))
            return "bool"
        if fn == "accrued":
            if not (isinstance(arg, m.Name) and arg.name in self.remedies):
                self.error("unknown_remedy.call", arg.span, fn=e.function, name=getattr(arg, "name", "…"),
                           did_you_mean=suggest(getattr(arg, "name", ""), self.remedies), hint="hint:accrued")
                return "any"
            return self.remedy_kind(arg.name, arg.span)
        if fn == "day_alone":  # (an instant: a fact's, `x.at`, or a datetime attribute)
            self.expect_moment(self.infer(arg, scope, implicit), arg, word("at.argument", fn=e.function))
            return "bool"
        if fn == "present":  # (`present(x.milestone)`: asking is how a rule tells the sources apart)
            self._in_present, outer = True, self._in_present
            try:
                self.infer(arg, scope, implicit)
            finally:
                self._in_present = outer
            return "bool"
        t = self.infer(arg, scope, implicit)
        if fn == "other":
            if t not in ("party", "any"):
                self.error("type_mismatch.other", arg.span, type=type_word(t))
            if len(self.parties) != 2:
                self.error("ambiguous_other", e.span, fn=e.function, count=len(self.parties),
                           parties=list(self.parties) or word("none"), hint="hint:ambiguous_other")
            return "party"
        return "bool"  # present

    def remedy_kind(self, name: str, span: m.Span):
        """What `accrued(NAME)` reads: "money", or "number" for a remedy in points.  The remedy's amount
        is typed here (quietly: its own check reports its errors); a remedy whose amount reads its own
        total, directly or through another, is refused."""
        if name in self._remedy_kinds:
            return self._remedy_kinds[name]
        r = self.remedies[name]
        if r.amount is None:
            self.error("accrued_without_amount", span, name=name, hint="hint:accrued")
            return "any"
        if name in self._resolving_remedies:
            part = self._resolving_part.get(name, "amount")
            self.error("accrued_cycle" if part == "amount" else f"accrued_cycle.{part}", span, name=name,
                       hint="hint:accrued", clause=r.clause)
            return "any"
        self._resolving_remedies.add(name)
        errors, self.errors = self.errors, []
        try:
            scope = self.trigger_scope(r, word("rule.remedy"), "untriggered_remedy")
            self._resolving_part[name] = "amount"
            t = self.infer(r.amount, scope)
            # (what the rows come to is capped too: a cap reading the remedy's own total, itself or through another
            # remedy, has no value to start from — refused here, never left to recurse when evaluated; a fuzzer)
            for part, cap in (("cap", r.cap), ("cap", r.row_cap), ("floor", r.row_floor)):
                if cap is not None:
                    self._resolving_part[name] = part
                    self.infer(cap, scope)
            # (and through a parameter: `param bal = max(¥1.00, price - accrued(late))` read by late's amount or cap —
            # a parameter is typed once, its `accrued( )` not walked from here: the remedies it totals are, at the name)
            for part, expr in (("amount", r.amount), ("cap", r.cap), ("cap", r.row_cap), ("floor", r.row_floor)):
                for x in (m.nodes(expr) if expr is not None else ()):
                    if isinstance(x, m.Name) and x.name in self.params:
                        for other in self._accrued_through(x.name, set()):
                            self._resolving_part[name] = part
                            self.remedy_kind(other, x.span)
        finally:
            cycles = [d for d in self.errors if d.key.split(".")[0] == "accrued_cycle"]
            self.errors = errors + cycles
            self._resolving_remedies.discard(name)
            self._resolving_part.pop(name, None)
        kind = "number" if t in ("int", "number") else "money" if t == "money" else "any"
        if t == "text" or (isinstance(t, tuple) and t[0] == "enum"):  # (a rating adds up to nothing)
            self.error("accrued_without_amount", span, name=name, hint="hint:accrued")
        self._remedy_kinds[name] = kind
        return kind

    def _accrued_through(self, param: str, seen: set) -> list[str]:
        """The remedies (with an amount) that `accrued( )` reads in a parameter's definition, or in a parameter's
        it reads in turn."""
        out: list[str] = []
        seen.add(param)
        for x in m.nodes(self.params[param].expr):
            if isinstance(x, m.Call) and BUILTINS.get(x.function) == "accrued" and x.args and \
                    isinstance(x.args[0], m.Name) and x.args[0].name in self.remedies and \
                    self.remedies[x.args[0].name].amount is not None:
                out.append(x.args[0].name)
            elif isinstance(x, m.Name) and x.name in self.params and x.name not in seen:
                out += self._accrued_through(x.name, seen)
        return out

    def extreme_type(self, e: m.Call, types: list):
        """min(a, b, …) / max(a, b, …): two or more values of one kind (numbers may mix with
        whole numbers) — a cap is min(damages, 10% of total)."""
        if len(e.args) < 2:
            self.error("wrong_arguments.extreme", e.span, fn=e.function, hint="hint:extreme")
            return "any"
        known = [t for t in types if t != "any"]
        for a, t in zip(e.args, types):
            if t != "any" and t not in NUMERIC:
                timed = t in ("date", "moment", "datetime")  # (the later of two days is latest( ), not max( ))
                self.error("type_mismatch.extreme", a.span, fn=e.function, type=type_word(t),
                           hint="hint:extreme_moments" if timed else "hint:extreme")
                return "any"
        kinds = set(known)
        if kinds <= {"int", "number"}:
            return "int" if kinds == {"int"} else ("number" if kinds else "any")
        if len(kinds) > 1:
            self.error("type_mismatch.extreme_mixed", e.span, fn=e.function,
                       types=[type_word(t) for t in known], hint="hint:extreme")
            return "any"
        return known[0]

    def calendar_place_type(self, e: m.Call, fn: str, types: list):
        """month_end(T), quarter_end(T), year_end(T); day_of_next_month(N, T) (“次月10日前”),
        working_day_of_next_month(N, T) (“次月第5个工作日前”) and the same in T's own month: the end
        (24:00) of that day, a moment."""
        wanted = 1 if fn in CALENDAR_PLACES else 2
        if len(e.args) != wanted:
            self.error("wrong_arguments.calendar", e.span, fn=e.function, hint=f"hint:calendar_{wanted}")
            return "any"
        self.expect_moment(types[-1], e.args[-1], word("at.argument", fn=e.function))
        if wanted == 2:
            n = self.constant(e.args[0]) if types[0] in ("int", "number", "any") else None
            if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= 31:
                self.error("calendar_day_number", e.args[0].span, fn=e.function, hint="hint:calendar_2")
        return "moment"

    def rounding_type(self, e: m.Call, types: list):
        """round(x[, step]), round_up(x, step), round_down(x, step): the step is of x's kind (¥1.00
        for an amount, 1 or 0.5 for hours, a number for a number); without one, to the fen or to 1."""
        if len(e.args) not in (1, 2):
            self.error("wrong_arguments.rounding", e.span, fn=e.function, hint="hint:rounding")
            return "any"
        t = types[0]
        if t != "any" and t not in NUMERIC:
            self.error("type_mismatch.rounding", e.args[0].span, fn=e.function, type=type_word(t),
                       hint="hint:rounding")
            return "any"
        if len(e.args) == 2:
            st = types[1]
            fits = st == "any" or t == "any" or st == t or ({st, t} <= {"int", "number"})
            if not fits:
                self.error("type_mismatch.rounding_step", e.args[1].span, fn=e.function, type=type_word(st),
                           value=type_word(t), hint="hint:rounding")
                return "any"
            try:
                step = self.constant(e.args[1])
            except (ArithmeticError, TypeError):
                step = None
            if step is not None and not isinstance(step, bool) and step <= 0:
                self.error("rounding_step", e.args[1].span, fn=e.function, hint="hint:rounding")
            if t == "int" and st == "number":
                return "number"
        return t

    def check_comparison(self, e: m.Compare, lt, rt):
        if "any" in (lt, rt):
            return
        # an enum attribute compared with a text literal: the literal must be one of its values
        for a, b, other in ((lt, rt, e.right), (rt, lt, e.left)):
            if isinstance(a, tuple) and a[0] == "enum":
                if b == "text" and isinstance(other, m.Literal):
                    if other.value not in a[1]:
                        self.error("unknown_value", other.span, value=other.value, values=list(a[1]),
                                   expected=list(a[1]),
                                   did_you_mean=self._value_by_label(a[1], other.value) or suggest(other.value, a[1]))
                    return
                if b == "text" or (isinstance(b, tuple) and b[0] == "enum"):
                    return
        if "elapsed" in (lt, rt) and {lt, rt} <= {"elapsed", "duration"}:  # `f.at - r.at <= 4 hours`
            for side, t in ((e.left, lt), (e.right, rt)):
                if t == "duration":
                    self.expect_fixed(side)
            return
        if e.op not in ("==", "!=") and not (lt in NUMERIC and rt in NUMERIC) and not (
                lt in ("date", "moment", "datetime") and rt in ("date", "moment", "datetime")):
            self.error("type_mismatch.order", e.span, left=type_word(lt), right=type_word(rt), op=e.op)
            return
        if {lt, rt} == {"number", "percent"} and _quotient(e.left if lt == "number" else e.right):
            return  # (a share computed by a division — `1 - down ÷ minutes_in_month < 99.9%` — is a fraction, as a
            # percentage is: the SaaS author; a plain number against one — `a.score < 80%` — stays refused)
        if lt in NUMERIC and rt in NUMERIC and lt != rt and not ({lt, rt} <= {"int", "number"}) \
                and not any(isinstance(x, m.Literal) and self._is_zero(x) for x in (e.left, e.right)):
            # (an amount against a bare number or a percentage — `p.amount > 5`: 5 what?, `p.amount == 5%`: always
            # false —, as `amount + 3` is refused; ¥0.00 and 0 are the same nothing — a fuzzer)
            self.error("type_mismatch.compare", e.span, left=type_word(lt), right=type_word(rt),
                       hint="hint:compare_kinds")
            return
        groups = [NUMERIC, {"date", "moment", "datetime"}, {"text", "ref"}, {"party"}, {"bool"}]
        if lt == rt or any(lt in g and rt in g for g in groups):
            return
        if isinstance(lt, tuple) and isinstance(rt, tuple) and lt[0] == rt[0] == "event":
            return
        self.error("type_mismatch.compare", e.span, left=type_word(lt), right=type_word(rt))

    # ------------------------------------------------------------------ what cannot run
    def check_references(self):
        """Parameters and periods read one another.  Refused here, before any walk follows them: a
        cycle through a period (counted from itself, it would recurse at every evaluation), a cycle
        among parameters (param_cycle), and an expression that nests more than MAX_DEPTH levels
        through the names it reads (a chain of thousands of parameters each read from the one
        before: every level is a level of recursion when checking, compiling and evaluating).
        What is unsound is typed as unknown, so no later check walks it and no error repeats."""
        rf = self.rf
        decls: dict[str, list] = {}  # name -> its declarations' expressions (a param's; a period's anchor, duration)
        spans: dict[str, m.Span] = {}
        for p in rf.params:
            decls.setdefault(p.name, []).append(p.expr)
            spans.setdefault(p.name, p.span)
        for pd in rf.periods:
            decls.setdefault(pd.name, []).extend([pd.anchor, pd.duration])
            spans.setdefault(pd.name, pd.span)
        reads = {n: set().union(*(self._nesting(x, frozenset(), None)[1] for x in xs if x is not None))
                 for n, xs in decls.items()}
        order, cyclic = _components(reads)
        self._param_order = [n for n in order if n in self.params]
        periods = set(self.periods)
        for component in cyclic:
            first = min(component, key=lambda n: (spans[n].line, spans[n].column))
            in_periods = [n for n in component if n in periods]
            if in_periods:
                first = min(in_periods, key=lambda n: (spans[n].line, spans[n].column))
                self.error("period_cycle", spans[first], name=first, cycle=" → ".join(_cycle_path(first, reads,
                           set(component))), hint="hint:period_cycle")
            else:
                self.error("param_cycle", spans[first], name=first)
            self._unsound |= set(component)
        depth: dict[str, tuple[int, int]] = {}  # name -> its levels as people count them, and the model's
        for n in order:  # dependencies first
            if n in self._unsound:
                continue
            if reads[n] & self._unsound:
                self._unsound.add(n)  # it reads something already reported
                continue
            depth[n] = max((self._nesting(x, frozenset(), depth)[0] for x in decls[n] if x is not None),
                           default=(0, 0))
            if _too_deep(depth[n]):
                self._unsound.add(n)
                chain = [n]
                while len(chain) < 4:
                    deeper = max((r for r in reads[chain[-1]] if r in depth), key=depth.get, default=None)
                    if deeper is None:
                        break
                    chain.append(deeper)
                what = word("kind.param") if n in self.params else word("type.period")
                self.error("too_deep.reference", spans[n], what=what, name=n, limit=_limit(depth[n]),
                           chain=" → ".join(chain), hint="hint:too_deep_chain")
        for n in self._unsound:
            if n in self.params:
                self.param_types[n] = "any"
        # every other expression of the rule file, through the names it reads
        for decl in (*rf.events, *rf.obligations, *rf.remedies, *rf.deemed, *rf.findings, *rf.effective,
                     *rf.terminations, *rf.verifications, *rf.tables):
            aliases = frozenset(_aliases(decl))
            for root in _roots(decl):
                levels = self._nesting(root, aliases, depth)[0]
                if _too_deep(levels):
                    self.error("too_deep" if levels[0] > MAX_DEPTH else "too_deep.sums", root.span,
                               limit=_limit(levels), hint="hint:too_deep_chain")

    def _nesting(self, root, scope: frozenset, depth: dict | None) -> tuple[tuple[int, int], set[str]]:
        """How many levels ``root`` nests — as people count them (a sum of n terms is one level) and
        as the model has them (it is n - 1) — counting a parameter or period it reads as the levels of
        that one's own expression (``depth``), and the parameters and periods it reads; without
        recursion, however deep it is."""
        reads: set[str] = set()
        deepest = real_deepest = 0
        stack = [(root, 1, 0, scope)]  # (the model's levels counted as the parser counts them: by operators)
        params, periods = self.params, self.periods
        while stack:
            node, level, real, sc = stack.pop()
            name = node.name if isinstance(node, m.Name) else (node.ref if isinstance(node, m.DurationExpr) else None)
            if name is not None and name not in sc and (name in params or name in periods):
                reads.add(name)
                if depth and name in depth:
                    level, real = level + depth[name][0], real + depth[name][1]
            deepest, real_deepest = max(deepest, level), max(real_deepest, real)
            if isinstance(node, (m.Exists, m.Count, m.First, m.Sum)):
                sc = sc | {s.alias for s in node.pattern.sources if s.alias}
            for child in _children(node):
                # the left operand of a sum that is itself a sum is the same sum's earlier terms
                same = isinstance(node, m.Arith) and child is node.left and isinstance(child, m.Arith)
                stack.append((child, level if same else level + 1, real + 1, sc))
        return (deepest, real_deepest), reads

    # ------------------------------------------------------------------ cycles
    def check_cycles(self):
        """Deemed events must not (through obligations) cause themselves."""
        producers = {}  # event type -> rule node that produces it
        for d in self.rf.deemed:
            producers[d.name] = ("deemed", d.name)
        for o in self.rf.obligations:
            for phase in STAGES:
                producers[f"{o.name}.{phase}"] = ("obligation", o.name)
        edges: dict[tuple, set] = {}

        def consumes(node, triggers, extra=()):
            for t in triggers:
                if isinstance(t, m.ForEach):
                    for s in t.pattern.sources:
                        p = producers.get(self.source_type_name(s))
                        if p:
                            edges.setdefault(p, set()).add(node)
        for d in self.rf.deemed:
            consumes(("deemed", d.name), d.triggers)
        for o in self.rf.obligations:
            consumes(("obligation", o.name), o.triggers)
        state: dict[tuple, int] = {}
        reported: set[frozenset] = set()

        # depth first, without recursion (a chain of thousands of deemed events is a chain of calls)
        for root in sorted(set(edges) | {("deemed", d.name) for d in self.rf.deemed}):
            if root in state:
                continue
            state[root] = 1
            stack, work = [root], [iter(sorted(edges.get(root, ())))]
            while work:
                nxt = next(work[-1], None)
                if nxt is None:
                    work.pop()
                    state[stack.pop()] = 2
                elif state.get(nxt) == 1:
                    cycle = stack[stack.index(nxt):]
                    key = frozenset(cycle)
                    if any(k == "deemed" for k, _ in cycle) and key not in reported:
                        reported.add(key)
                        span = self.deemed[[n for k, n in cycle if k == "deemed"][0]].span
                        names = [n for _, n in cycle + [nxt]]
                        if len(names) > 12:  # a long cycle by its ends
                            names = names[:6] + [f"…（{len(names) - 11}）…"] + names[-5:]
                        self.error("deemed_cycle", span, cycle=" → ".join(names), hint="hint:deemed_cycle")
                elif state.get(nxt) is None:
                    state[nxt] = 1
                    stack.append(nxt)
                    work.append(iter(sorted(edges.get(nxt, ()))))
        self.check_rule_chains(edges)

    def check_rule_chains(self, edges: dict[tuple, set]):
        """A rule triggered by another's stage or deemed event, that one by a third…: at one instant the
        evaluation follows such a chain call within call.  More than MAX_RULE_CHAIN rules in a row is
        refused (the first past the limit, once) — far beyond any contract's, and within what the
        evaluation can follow.  (A cycle among obligations goes through facts and is not a chain here.)"""
        feeds: dict[tuple, set] = {}
        for producer, consumers in edges.items():
            feeds.setdefault(producer, set())
            for c in consumers:
                feeds.setdefault(c, set()).add(producer)
        order, cyclic = _components(feeds)
        in_cycle = {n for component in cyclic for n in component}
        length: dict[tuple, int] = {}
        for node in order:  # each after the rules that feed it
            before = [p for p in feeds[node] if p in length and p not in in_cycle]
            length[node] = 1 + max((length[p] for p in before), default=0)
            if length[node] == MAX_RULE_CHAIN + 1:
                chain = [node]
                while len(chain) < 4:
                    prev = max((p for p in feeds[chain[-1]] if p in length and p not in in_cycle), key=length.get,
                               default=None)
                    if prev is None:
                        break
                    chain.append(prev)
                kind, name = node
                rule = self.deemed[name] if kind == "deemed" else self.obligations[name]
                self.error("too_deep.rules", rule.span, name=name, depth=length[node], limit=MAX_RULE_CHAIN,
                           chain=" ← ".join(n for _, n in chain), clause=rule.clause, hint="hint:too_deep_rules")

    # ------------------------------------------------------------------ the contract's own numbers
    def check_dates(self):
        """A date the rule file writes in a year no fact can have (``FACT_YEARS``): almost surely a slip
        (0001-01-01 for 2026-01-01) — and a recurrence counted from it runs through every year in between."""
        for node in m.nodes(self.rf):
            if isinstance(node, m.Literal) and node.kind == "date" and not FACT_YEARS[0] <= node.value.year <= FACT_YEARS[1]:
                self.findings.append(diag("date_out_of_range", node.span, severity="warning", text=node.value.isoformat(),
                                          low=FACT_YEARS[0], high=FACT_YEARS[1], hint="hint:date_out_of_range"))

    def check_amounts(self):
        # an amount a parameter or a remedy's amount or cap writes past what any amount may be (a condition may
        # compare a sum of many facts' amounts with more)
        written = [p.expr for p in self.rf.params] + [x for r in self.rf.remedies for x in (r.amount, r.cap, r.row_cap, r.row_floor)
                                                      if x is not None]
        for node in (n for e in written for n in m.nodes(e)):
            if isinstance(node, m.Literal) and node.kind == "money" and abs(node.value) >= MAX_MONEY:
                self.error("amount_out_of_range", node.span, name=f"¥{shown(node.value)}",
                           expected=[f"less than ¥{MAX_MONEY:,.0f}"])
        for r in self.rf.remedies:  # (a remedy's amount of constants alone past the range: at the check, as a
            # param's is, not when the first row is counted — fuzz round 33)
            for x in (r.amount, r.cap, r.row_cap, r.row_floor):
                if x is None or isinstance(x, m.Literal):
                    continue
                try:
                    value = self.constant(x)
                except (ZeroDivisionError, StepError):
                    continue
                except ArithmeticError:
                    value = MAX_MONEY
                if isinstance(value, Decimal) and abs(value) >= MAX_MONEY:
                    self.error("amount_out_of_range", x.span, name=r.name, expected=[f"less than ¥{MAX_MONEY:,.0f}"])
        off = self._stated_off()
        for p in self.rf.params:
            try:
                value = self.constant(p.expr)
            except (ZeroDivisionError, StepError):
                continue  # (division_by_zero, rounding_step: said where the type was checked)
            except ArithmeticError:
                self.error("amount_out_of_range", p.span, name=p.name, expected=[f"less than ¥{MAX_MONEY:,.0f}"])
                continue
            clause = p.clause
            if p.stated is not None and isinstance(value, Decimal) and money(value) != p.stated:
                cause = self._mismatch_from(p, off)
                if cause is not None:  # (its formula right on the amounts the contract states: the difference is the
                    # other parameter's, said as such — user round 29: 105‰ on one line, two warnings without a word)
                    self.findings.append(diag("stated_amount_mismatch.follows", p.stated_span,
                                              name=_titled(p.label, p.name), stated=p.stated, computed=money(value),
                                              cause=_titled_all(cause),
                                              severity="warning", clause=clause))
                else:
                    self.findings.append(diag("stated_amount_mismatch", p.stated_span, name=_titled(p.label, p.name),
                                              stated=p.stated,
                                              computed=money(value), severity="warning", clause=clause))
            words_of = p.stated if p.stated is not None else (value if isinstance(value, Decimal) else None)
            if p.words is not None and words_of is not None:  # (`words ""` too: capitals that say nothing)
                self.check_words(p.words, words_of, p.span, clause, _titled(p.label, p.name))
        for t in self.rf.tables:
            budget_cols = [i for i, c in enumerate(t.columns) if c.type.kind == "money"]
            if t.total is None or not budget_cols:
                continue
            i = budget_cols[-1]
            total = sum((r.values[i] for r in t.rows if len(r.values) > i and isinstance(r.values[i], Decimal)),
                        Decimal(0))
            if total != t.total:
                self.findings.append(diag("table_total_mismatch", t.total_span, table=_titled(t.label, t.name),
                                          total=total,
                                          stated=t.total, severity="warning", clause=t.clause or t.label))
            if t.total_words is not None:
                self.check_words(t.total_words, t.total, t.total_span, t.clause or t.label,
                                 word("amount.total", table=_titled(t.label, t.name)))

    def check_words(self, words: str, amount: Decimal, span, clause, what):
        from .amounts import words_to_amount

        value = words_to_amount(words)
        if value is None:
            self.findings.append(diag("amount_words_unreadable", span, what=what, words=words, severity="warning",
                                      clause=clause))
        elif value != amount:
            self.findings.append(diag("amount_words_mismatch", span, what=what, words=words, value=value,
                                      amount=amount, severity="warning", clause=clause))

    def _date_moved(self, e: m.Arith, start):
        """A written date (``start``: the left side, folded) plus or minus a written number of calendar days, weeks,
        months or years (`planned_start + 149 days == planned_finish`: the contract's own dates agree): the date,
        else None.  Working days need the calendar of the evaluation: not folded."""
        if e.op not in ("+", "-") or not isinstance(e.right, (m.DurationValue, m.ScaledDuration)):
            return None
        if not isinstance(start, date) or isinstance(start, datetime):
            return None
        if isinstance(e.right, m.DurationValue):
            d = e.right.duration
            n, unit = (d.amount, d.unit) if d.expr is None and d.ref is None else (None, None)
        else:
            n, unit = self.constant(e.right.value), e.right.unit
        unit = getattr(unit, "value", unit)
        if not isinstance(n, int) or isinstance(n, bool) or unit not in ("days", "weeks", "months", "years"):
            return None
        n = -n if e.op == "-" else n
        try:
            if unit in ("days", "weeks"):
                return start + timedelta(days=n * (7 if unit == "weeks" else 1))
            return add_months(start, n * (12 if unit == "years" else 1))
        except (OverflowError, ValueError):
            return None

    def _stated_off(self) -> dict:
        """The parameters whose formula does not give the amount the contract states (name → parameter)."""
        out = {}
        for p in self.rf.params:
            if p.stated is None:
                continue
            try:
                value = self.constant(p.expr)
            except ArithmeticError:
                continue
            if isinstance(value, Decimal) and money(value) != p.stated:
                out[p.name] = p
        return out

    def _mismatch_from(self, p: m.Param, off: dict):
        """The parameters ``p`` reads (itself or through others) whose own stated amount their formula disagrees with,
        where ``p``'s formula gives ``p``'s stated amount once those are taken as the contract states them; else None."""
        params = {q.name: q for q in self.rf.params}
        names, todo = set(), [p.expr]  # (the parameters it reads, and those they read in turn up to a stated one:
        while todo:  # `c = b × 2`, `b = a` — review round 46)
            for n in m.names_in([todo.pop()]) - names:
                names.add(n)
                if n in params and n not in off and n != p.name:
                    todo.append(params[n].expr)
        read = [off[n] for n in sorted(names & set(off)) if n != p.name]
        if not read:
            return None
        kept = dict(self._folded)
        try:
            for q in read:
                self._folded[q.name] = q.stated
            for name in [n for n in self._folded if n not in off]:  # (what was folded from their computed values)
                self._folded.pop(name, None)
            value = self.constant(p.expr)
        except ArithmeticError:
            value = None
        finally:
            self._folded.clear()
            self._folded.update(kept)
        return read if isinstance(value, Decimal) and money(value) == p.stated else None  # (every one it comes from)

    def _end_folded(self, e: m.EndOf):
        """`end of N days|weeks|months|years as term after D` of a written date or day's end D: the 24:00 that period
        ends at (民法典第201条: the day of D not counted; 第202条: months to the same day number, or the month's last;
        not moved, `as term`), else None — a period moved off rest days, or of hours, needs the evaluation's calendar."""
        d = e.duration
        unit = getattr(d.unit, "value", d.unit)
        if e.counting is not Counting.TERM or d.expr is not None or d.ref is not None or not isinstance(d.amount, int) \
                or unit not in ("days", "weeks", "months", "years"):
            return None
        start = self.constant(e.after)
        day = start.day if type(start) is _DayEnd else start if type(start) is date else None
        if day is None:
            return None
        try:
            if unit in ("days", "weeks"):
                return _DayEnd(day + timedelta(days=d.amount * (7 if unit == "weeks" else 1)))
            return _DayEnd(add_months(day, d.amount * (12 if unit == "years" else 1)))
        except (OverflowError, ValueError):
            return None

    def constant(self, e: m.Expr):
        """Fold an expression over literals and parameters (amounts, shares, sums, comparisons)."""
        if isinstance(e, m.Literal):
            return e.value
        if isinstance(e, m.PercentOf):
            base = self.constant(e.of)
            return apply("*", base, e.percent, e.kind) if _number(base) else None
        if isinstance(e, m.ShareOf):
            rate, base = self.constant(e.rate), self.constant(e.of)
            return apply("*", base, rate, e.kind) if _number(base) and _number(rate) else None
        if isinstance(e, m.Conditional):
            cond = self.constant(e.condition)
            if not isinstance(cond, bool):
                return None
            return self.constant(e.then if cond else e.otherwise)
        if isinstance(e, m.Name) and e.name in self.params:
            if e.name in self._folding or e.name in self._unsound:
                return None  # a cycle (param_cycle) or a chain too deep (too_deep): reported already
            folded = self._folded.get(e.name, _UNFOLDED)
            if folded is not _UNFOLDED:  # (each parameter folded once: p_i = p_(i-1) + p_(i-2) is not 2ⁿ — fuzz 35)
                return folded
            self._folding.add(e.name)
            try:
                folded = self._folded[e.name] = self.constant(self.params[e.name].expr)
                return folded
            finally:
                self._folding.discard(e.name)
        if isinstance(e, m.Not):
            v = self.constant(e.item)
            return (not v) if isinstance(v, bool) else None
        if isinstance(e, m.Attribute) and isinstance(e.obj, m.Index) and isinstance(e.obj.obj, m.Name) \
                and e.obj.obj.name in self.tables:  # (a cell of the contract's own table: `schedule[2].amount`)
            return self._cell(self.tables[e.obj.obj.name], self.constant(e.obj.key), e.name)
        if isinstance(e, m.DurationValue) and e.duration.expr is None and e.duration.ref is None \
                and getattr(e.duration.unit, "value", e.duration.unit) in _FIXED_LENGTHS:  # (`149 days`, `240 minutes`:
            # a length — `24 hours == 1 days` holds: fuzz round 33)
            return timedelta(**{_FIXED_LENGTHS[getattr(e.duration.unit, "value", e.duration.unit)]: e.duration.amount})
        if isinstance(e, m.Arith):
            a = self.constant(e.left)  # (each side folded once: a chain of sums is not 2ⁿ)
            if isinstance(e.right, (m.DurationValue, m.ScaledDuration)) and type(a) is date:
                return self._date_moved(e, a)
            b = self.constant(e.right)
            if e.op == "-" and type(a) is date and type(b) is date:  # (`d2 - d1 == 149 days`: the days between)
                return a - b
            if isinstance(a, (int, Decimal)) and isinstance(b, (int, Decimal)) and not isinstance(a, bool) \
                    and not isinstance(b, bool):
                return apply(e.op, a, b, e.kind)
            return None
        if isinstance(e, m.Call) and BUILTINS.get(e.function) in ("min", "max", "round", "round_up", "round_down"):
            vals = [self.constant(a) for a in e.args]
            if not vals or any(isinstance(v, bool) or not isinstance(v, (int, Decimal)) for v in vals):
                return None
            fn = BUILTINS[e.function]
            if fn in ("min", "max"):
                return min(vals) if fn == "min" else max(vals)
            return rounded(fn, vals[0], vals[1] if len(vals) > 1 else None, e.kind)
        if isinstance(e, m.Call) and BUILTINS.get(e.function) == "day_end" and len(e.args) == 1:
            d = self.constant(e.args[0])  # (24:00 of a written date: no calendar needed)
            return _DayEnd(d) if type(d) is date else d if type(d) is _DayEnd else None
        if isinstance(e, m.EndOf):
            return self._end_folded(e)
        if isinstance(e, m.Compare):
            a, b = self.constant(e.left), self.constant(e.right)
            if a is None or b is None:
                return None
            if (type(a) is _DayEnd) != (type(b) is _DayEnd) and all(type(v) in (date, _DayEnd) for v in (a, b)):
                a, b = _instant_key(a), _instant_key(b)  # (a day's end against a date: as the instants they are)
            try:  # (only the comparison asked: 7 == "x" is false, 7 >= "x" no comparison at all — the type check
                # says so at its place; folding every operator first was a traceback: fuzz round 33)
                return _COMPARE[e.op](a, b)
            except TypeError:
                return None
        if isinstance(e, m.BoolOp):
            vals = [self.constant(i) for i in e.items]
            if any(v is None for v in vals):
                return None
            return all(vals) if e.op == "and" else any(vals)
        return None

    def check_choices(self):
        """An assumption that lists its readings (`= "a" one of ("a", "b")`) takes one of them."""
        for p in self.rf.params:
            if not p.choices:
                continue
            self.check_reading_words(p)
            value = p.expr.value if isinstance(p.expr, m.Literal) else None
            if not isinstance(value, str):  # (`= 3 days one of ("3 days", …)`: said as a value “” before — there is no
                # text to quote; the readings are words, the value a duration, a number or a name)
                self.error("assumption_choice.not_text", p.expr.span, name=p.name, expected=list(p.choices),
                           first=p.choices[0], hint="hint:assumption_choice.not_text")
            elif value not in p.choices:
                self.error("assumption_choice", p.expr.span, name=p.name, value=str(getattr(p.expr, "value", "")),
                           expected=list(p.choices), did_you_mean=suggest(str(value), p.choices),
                           hint="hint:assumption_choice")

    def check_reading_words(self, p: m.Param):
        """The words of an assumption's readings (`one of ("a" "中文", …)`) tell them apart: a reading listed once,
        words not empty, not shared by two readings, not another reading as written (the fuzzer: ("a" "b", "b" "a"))."""
        span = p.choices_span or p.span
        seen: set = set()
        for v in p.choices:
            if _nfc(v) in seen:  # (as Unicode reads it: fuzz round 35)
                self.error("duplicate_reading", span, name=p.name, value=v)
            seen.add(_nfc(v))
        said: dict = {}
        for v, words in p.choice_labels.items():
            if not words.strip():
                self.error("reading_words.empty", span, name=p.name, value=v)
            elif words in said:
                self.error("reading_words.same", span, name=p.name, value=said[words], other=v, words=words)
            elif words in p.choices and words != v:
                self.error("reading_words.other", span, name=p.name, value=v, words=words)
            said.setdefault(words, v)

    def check_reading(self, e: m.Compare):
        """`ASSUMPTION == "reading"`: the reading must be one the assumption lists (a typo would
        otherwise make the comparison false for ever, silently)."""
        for name, lit in ((e.left, e.right), (e.right, e.left)):
            p = self.params.get(name.name) if isinstance(name, m.Name) else None
            if p is None or not p.choices or not isinstance(lit, m.Literal) or not isinstance(lit.value, str):
                continue
            if lit.value not in p.choices:
                self.error("unknown_reading", lit.span, name=p.name, value=lit.value, expected=list(p.choices),
                           did_you_mean=suggest(lit.value, p.choices), hint="hint:assumption_choice")

    def check_hourly_totals(self):
        """`accrued(X)` of a remedy by the hour, read by a condition that waits to become true — a `when` trigger (of
        any rule, a finding's too), a `lapses when`, a `fulfilled when` — itself or through a parameter: refused.
        Such a total grows at every hour begun with no fact to test the condition again; only a total by the day is
        tested again as it grows (at each day's 00:00), and a condition found true at the next fact instead would
        date a right, an end or a performance wrongly (or never).  (`excused if` is tested at the deadline, a
        property at the end: an hourly total reads right there.)"""
        hourly = {r.name for r in self.rf.remedies if r.per_hour}
        if not hourly:
            return
        conditions = [t.condition for x in (*self.rf.obligations, *self.rf.remedies, *self.rf.deemed,
                                            *self.rf.effective, *self.rf.terminations, *self.rf.findings)
                      for t in x.triggers if isinstance(t, m.When)]
        conditions += [x.lapses_when for x in (*self.rf.remedies, *self.rf.effective) if x.lapses_when is not None]
        conditions += [o.fulfilled_when for o in self.rf.obligations if o.fulfilled_when is not None]
        params = {p.name: p.expr for p in self.rf.params}
        for cond in conditions:
            said, todo, seen = set(), [cond], set()
            while todo:
                for x in m.nodes(todo.pop()):
                    if isinstance(x, m.Call) and BUILTINS.get(x.function) == "accrued" and x.args \
                            and isinstance(x.args[0], m.Name) and x.args[0].name in hourly \
                            and x.args[0].name not in said:
                        said.add(x.args[0].name)
                        self.error("accrued_per_hour_condition", cond.span, name=x.args[0].name,
                                   hint="hint:accrued_per_hour_condition")
                    elif isinstance(x, m.Name) and x.name in params and x.name not in seen:
                        seen.add(x.name)
                        todo.append(params[x.name])

    def decide_switches(self):
        """`survives only if COND`, `per day only if COND` (`per hour …`), `each day counted once only if COND`: COND reads assumptions and parameters only, and
        is decided here, once — so that `--assume` switches the part on or off for a what-if."""
        for r in self.rf.remedies:
            if r.each_day_once and not r.per_day:  # (before `per day only if` is decided)
                span = next((s for k, s in r.parts if k == "each_day_once"), r.span)
                self.error("each_day_once_not_per_day", span, name=r.name, hint="hint:each_day_once",
                           clause=r.clause)
            if r.recomputed and r.amount is None:
                span = next((s for k, s in r.parts if k == "recomputed"), r.span)
                self.error("recomputed_without_amount", span, name=r.name, hint="hint:recomputed", clause=r.clause)
            elif r.recomputed and r.per_hour:  # (a day's amount computed anew each day: not an hour's)
                span = next((s for k, s in r.parts if k == "recomputed"), r.span)
                self.error("recomputed_per_hour", span, name=r.name, hint="hint:recomputed_per_hour", clause=r.clause)
        rules = [(x, "survives") for x in (*self.rf.obligations, *self.rf.remedies, *self.rf.deemed)]
        rules += [(r, part) for r in self.rf.remedies for part in ("per_day", "per_hour", "each_day_once", "amount")]
        for rule, part in rules:
            cond = getattr(rule, f"{part}_if")
            if cond is None:
                continue
            self.expect_bool(self.infer(cond, {}), cond)
            try:
                value = self.constant(cond)
            except (ArithmeticError, TypeError):
                value = None
            if value is None and not self._erred_within(cond):  # (`only if basiss == …`: the unknown name said, once)
                self.error("not_constant.switch", cond.span, hint="hint:not_constant_switch")
            elif part == "amount":  # (the amount itself was checked: switched off, the remedy has none)
                if not value:
                    rule.amount = None
            else:
                setattr(rule, part, bool(value))

    @staticmethod
    def _cell(table: m.Table, key, column: str):
        """The value a table gives at a row looked up by a constant number, or None (not a constant)."""
        if isinstance(key, bool) or not isinstance(key, (int, Decimal)):
            return None
        names = [c.name for c in table.columns]
        if column not in names:
            return None
        for row in table.rows:
            if row.key == key and len(row.values) == len(names):
                return row.values[names.index(column)]
        return None

    def check_verifications(self):
        """`verify CONDITION "why"`: the contract's numbers must agree; a finding when they do not."""
        for v in self.rf.verifications:
            self.expect_bool(self.infer(v.condition, {}), v.condition)
            try:
                value = self.constant(v.condition)
            except ArithmeticError:  # (`÷ n` with n = 0: division_by_zero is said at the division — not also "not
                continue  # constant": fuzz round 33)
            except TypeError:
                value = None
            if value is None:
                if not self._reads_an_erred_param(v.condition) and not self._erred_within(v.condition):  # (`param deposit
                    # = 壹拾万元整` refused at its line, or a name or row within the condition refused already (fuzz 43): the
                    # verify reading it is not constant because of that one mistake, said once — user round 28)
                    calendar = any(isinstance(x, m.DurationExpr) and x.unit is not None and x.unit.name in _CALENDAR_UNITS
                                   for x in m.nodes(v.condition))
                    self.error("not_constant", v.condition.span,  # (working days: the evaluation's calendar, not
                               hint="hint:not_constant.calendar" if calendar else "hint:not_constant")  # facts — review 46)
            elif value is False:
                sides = self._sides(v.condition)
                if sides is not None:  # (a comparison: each side's value, so that the reader sees which figure of the
                    # contract is wrong — as amount_words_mismatch gives both: user round 23)
                    self.findings.append(diag("contract_inconsistency.sides", v.span, text=v.text, severity="warning",
                                              clause=v.clause, left=sides[0], right=sides[1]))
                else:
                    self.findings.append(diag("contract_inconsistency", v.span, text=v.text, severity="warning",
                                              clause=v.clause))

    def _erred_within(self, cond) -> bool:
        """Whether an error was said within a condition's own text already (an unknown name, a row the table lacks):
        the condition is not constant because of it — said once, not again as not_constant (fuzz round 43)."""
        sp = cond.span
        for d in self.errors:
            e = d.span
            if e is not None and e.file == sp.file and (e.line, e.column) >= (sp.line, sp.column) \
                    and (e.end_line, e.end_column) <= (sp.end_line, sp.end_column):
                return True
        return False

    def _reads_an_erred_param(self, cond) -> bool:
        """Whether a condition reads a parameter (at any depth) whose own line has an error already — and nothing of
        the facts, which would be a mistake of its own (review round 45)."""
        if any(isinstance(n, m.Pattern) for n in m.nodes(cond)):
            return False
        erred = {(d.span.file, d.span.line) for d in self.errors if d.span is not None}
        seen, todo = set(), list(m.names_in([cond]) & set(self.params))
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            p = self.params[name]
            if any((p.span.file, line) in erred for line in range(p.span.line, p.span.end_line + 1)):
                return True
            todo.extend(m.names_in([p.expr]) & set(self.params))
        return False

    def _sides(self, cond) -> tuple[str, str] | None:
        """The two sides of a comparison that does not hold, each as its name and value (`交货日期 = 2026-02-13`) or
        its value alone; None for any other condition."""
        if not isinstance(cond, m.Compare):
            return None
        out = []
        for side in (cond.left, cond.right):
            try:
                value = self.constant(side)
            except (ArithmeticError, TypeError):
                return None
            if value is None:
                return None
            kind = self.infer(side, {})
            shown = (f"¥{value:,.2f}" if kind == "money" and isinstance(value, Decimal) else
                     _percent_text(value) if kind == "percent" and isinstance(value, (int, Decimal))
                     and not isinstance(value, bool) else
                     f'"{value}"' if isinstance(value, str) else
                     word("day_end", zh=f"{value.day.year}年{value.day.month}月{value.day.day}日24时",
                          iso=value.isoformat()) if type(value) is _DayEnd else  # (24时 in Chinese: review round 46)
                     value.isoformat() if hasattr(value, "isoformat") else str(value))
            called = self._called(side)
            out.append(shown if called is None else word("side", called=called, value=shown))
        return out[0], out[1]

    def _called(self, side):
        """What a side of a `verify` is called in the contract's words: a parameter by its label (定金, not deposit), a
        share of one as the contract writes it (成交价款的20%) — user round 28; None for any other."""
        def label(e):
            p = self.params.get(e.name) if isinstance(e, m.Name) else None
            return None if p is None else (p.label or p.name)
        if isinstance(side, m.PercentOf) and label(side.of) is not None:
            return word("share_of", percent=side.text, of=label(side.of))
        if isinstance(side, m.Arith) and side.op in ("*", "×"):  # (`price × 20%`: the same share written otherwise —
            for named, pct in ((side.left, side.right), (side.right, side.left)):  # review round 44)
                if label(named) is not None and isinstance(pct, m.Literal) and pct.kind == "percent":
                    return word("share_of", percent=_percent_text(pct.value), of=label(named))
        return label(side)

    def open_points(self):
        """Every assumption marks a point the contract leaves open: list it, with its clause — and say so of
        one no rule reads (a lease's author: switching it with --assume changed nothing, without a word)."""
        read = None
        for p in self.rf.params:
            if p.is_assumption:
                key = "open_point.overridden" if p.overridden is not None else "open_point"
                self.findings.append(diag(key, p.span, name=p.name, label=p.label or "", value=p.overridden or "",
                                          called=f"{p.label}（{p.name}）" if p.label and p.label != p.name else p.name,
                                          explanation=p.explanation, severity="info", clause=p.clause))
                if read is None:
                    read = self.names_read()
                if p.name not in read:
                    self.findings.append(diag("unused_assumption", p.span, name=p.name, severity="info",
                                              clause=p.clause, hint="hint:unused_assumption"))

    def unreachable_rules(self):
        """Rules set off only by each other's events, none by a fact (`cure_a for each cure_b.violated`, `cure_b for
        each cure_a.violated`): none of them can ever arise, and each looks triggered — said once, naming them all
        (fuzz round 43; a rule with no trigger at all is refused as untriggered_*).  A source is live when it is a fact
        type or the event of a live rule; a `for each` when all its sources are; any other trigger (`when`, `every`)
        is taken as live — what a condition can see is not followed here."""
        if self.errors:
            return
        rules = [r for kind in (self.rf.obligations, self.rf.remedies, self.rf.deemed, self.rf.effective,
                                self.rf.terminations, self.rf.findings) for r in kind if r.triggers]
        live: set[str] = set()

        def source_live(s: m.Source) -> bool:
            et = self.event_types.get(self.source_type_name(s))
            return et is None or et.derived_from is None or et.derived_from in live

        def rule_live(r) -> bool:
            return any(not isinstance(t, m.ForEach) or all(source_live(s) for s in t.pattern.sources)
                       for t in r.triggers)

        grown = True
        while grown:
            grown = False
            for r in rules:
                name = getattr(r, "name", None)
                if name not in live and rule_live(r):
                    live.add(name)
                    grown = True
        dead = [r for r in rules if getattr(r, "name", None) not in live and getattr(r, "name", None) is not None]
        if dead:
            self.findings.append(diag("unreachable_rules", dead[0].span, names="、".join(r.name for r in dead),
                                      severity="warning", clause=dead[0].clause, hint="hint:unreachable_rules"))

    def notes_naming(self):
        """A note that names an assumption the file does not have (“见假定 paymnt_term”): said, with the one meant —
        the report lists beside a rule the assumptions its notes name (fuzz round 43)."""
        names = [p.name for p in self.rf.params if p.is_assumption]
        for d in (*self.rf.obligations, *self.rf.remedies, *self.rf.deemed, *self.rf.effective, *self.rf.terminations):
            for note in getattr(d, "notes", ()):
                for hit in _NOTE_NAMES.finditer(note):
                    name = hit.group(1)
                    meant = suggest(name, names)
                    if name in names or any(name == p.name for p in self.rf.params) \
                            or (meant is None and "_" not in name and not note[:hit.start()].endswith("见")):
                        continue  # (prose — "the assumption that …", "本条假定 SLA 按月计算" — names no assumption: only
                        # 见假定 X, a name near one of the file's, or one written as names are, with `_`: review round 46)
                    self.findings.append(diag("note_unknown_assumption", self._note_span(d, hit.group(0)),
                                              name=name, rule=d.name, severity="warning", did_you_mean=meant,
                                              hint="hint:note_unknown_assumption", clause=getattr(d, "clause", None)))

    def _note_span(self, rule, said: str) -> m.Span:
        """Where in the rule's text a note says ``said`` (the first place after the rule begins), else the rule's own
        span — the reader is sent to the note, not to the rule's first line (review round 46)."""
        lines = self.rf.text.split("\n")
        for n in range(rule.span.line - 1, min(len(lines), (rule.span.end_line or rule.span.line))):
            col = lines[n].find(said)
            if col != -1:
                return m.Span(rule.span.file, n + 1, col + 1, n + 1, col + 1 + len(said))
        return rule.span

    def names_read(self) -> set[str]:
        """Every name a rule, a parameter, a period or a table of the file reads (a duration by its name too)."""
        read: set[str] = set()
        for x in m.nodes([self.rf.obligations, self.rf.remedies, self.rf.deemed, self.rf.findings,
                          self.rf.effective, self.rf.terminations, self.rf.properties, self.rf.periods,
                          self.rf.tables, [p.expr for p in self.rf.params], self.rf.verifications, self.rf.events]):
            if isinstance(x, m.Name):
                read.add(x.name)
            elif isinstance(x, m.DurationExpr) and x.ref:
                read.add(x.ref)
        return read


_NODE_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(node) -> tuple[str, ...]:
    kind = type(node)
    names = _NODE_FIELDS.get(kind)
    if names is None:
        names = _NODE_FIELDS[kind] = tuple(f for f in getattr(kind, "__dataclass_fields__", ()) if f != "span")
    return names


_NESTED = (m.Expr, m.Pattern, m.DurationExpr)


_UNFOLDED = object()  # (``Checker._folded``: not folded yet)


def _too_deep(levels: tuple[int, int]) -> bool:
    """Whether an expression's levels, as people count them and as the model has them, pass the limits."""
    return levels[0] > MAX_DEPTH or levels[1] > MAX_REAL


def _limit(levels: tuple[int, int]) -> int:
    """The limit an expression's levels passed: MAX_DEPTH, or MAX_REAL for sums inside sums."""
    return MAX_DEPTH if levels[0] > MAX_DEPTH else MAX_REAL


def _children(node):
    """The expressions (patterns, durations) directly inside an expression or pattern."""
    for f in _fields(node):
        v = getattr(node, f)
        if isinstance(v, _NESTED):
            yield v
        elif isinstance(v, list):
            yield from (x for x in v if isinstance(x, _NESTED))


def _roots(decl):
    """The outermost expressions (patterns, durations) of a declaration, found without recursion."""
    stack = [decl]
    while stack:
        node = stack.pop()
        if isinstance(node, _NESTED):
            yield node
        elif isinstance(node, (list, tuple)):
            stack.extend(node)
        elif hasattr(type(node), "__dataclass_fields__") and not isinstance(node, m.Span):
            stack.extend(getattr(node, f) for f in _fields(node))


def _aliases(decl) -> set[str]:
    """The aliases a declaration binds (its triggers' and fulfilments' sources)."""
    out, stack = set(), [decl]
    while stack:
        node = stack.pop()
        if isinstance(node, m.Source):
            if node.alias:
                out.add(node.alias)
        elif isinstance(node, (list, tuple)):
            stack.extend(node)
        elif isinstance(node, m.Expr):
            continue  # an aggregate's aliases are its own
        elif hasattr(type(node), "__dataclass_fields__") and not isinstance(node, m.Span):
            stack.extend(getattr(node, f) for f in _fields(node))
    return out


def _components(graph: dict[str, set[str]]) -> tuple[list[str], list[list[str]]]:
    """Tarjan's strongly connected components, without recursion: every node with what it reads
    before it, and the components that are cycles (several nodes, or one that reads itself)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    order: list[str] = []
    cycles: list[list[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start] & graph.keys())))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt] & graph.keys()))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        x = stack.pop()
                        on_stack.discard(x)
                        component.append(x)
                        if x == node:
                            break
                    order.extend(reversed(component))
                    if len(component) > 1 or node in graph[node]:
                        cycles.append(component)
    return order, cycles


def _cycle_path(start: str, graph: dict[str, set[str]], within: set[str]) -> list[str]:
    """A shortest way from ``start`` back to itself inside one component: [start, …, start]."""
    came: dict[str, str] = {}
    frontier = [start]
    while frontier:
        nxt_frontier = []
        for node in frontier:
            for nxt in sorted(graph[node] & within):
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came[path[-1]])
                    return [start] + path[::-1][1:] + [start] if node != start else [start, start]
                if nxt not in came:
                    came[nxt] = node
                    nxt_frontier.append(nxt)
        frontier = nxt_frontier
    return [start, start]  # pragma: no cover - a component that is a cycle has one


def check(rf: m.RuleFile) -> tuple[Checked, list[Diagnostic]]:
    """Check a parsed rule file: the checked model and every error (empty when it is sound)."""
    c = Checker(rf)
    checked = c.run()
    errors = sorted(c.errors, key=Diagnostic.sort_key)
    if len(errors) > MAX_ERRORS:  # the first ones, and how many more: thousands help no one (and take long to show)
        errors = errors[:MAX_ERRORS] + [diag("too_many_errors", errors[MAX_ERRORS].span, count=len(errors) - MAX_ERRORS,
                                             shown=MAX_ERRORS)]
    return checked, errors


def _slashed_date(e) -> str | None:
    """A date written 2026/3/1 (read as two divisions of whole numbers, a year first), as the language writes it
    (2026-03-01); else None (user round 22)."""
    if not (isinstance(e, m.Arith) and e.op in ("/", "÷") and isinstance(e.left, m.Arith) and e.left.op == e.op):
        return None
    parts = (e.left.left, e.left.right, e.right)
    if not all(isinstance(x, m.Literal) and str(x.value).isdigit() for x in parts):
        return None
    y, mo, d = (int(str(x.value)) for x in parts)
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1000 <= y <= 9999 and 1 <= mo <= 12 and 1 <= d <= 31 else None


_NUMERAL_LENGTH = re.compile(rf"([{CN_NUMERAL_CHARS}]+)(个)?[ \t]*(小时|分钟|工作日|日历日|自然日|日|天|周|星期|月|年)")


def _numeral_length(name: str) -> str | None:
    """A name that is a length written in Chinese numerals (十个工作日, 两小时) as the language writes it (10 个工作日),
    or None."""
    hit = _NUMERAL_LENGTH.fullmatch(name)
    n = cn_numeral(hit.group(1)) if hit is not None else None
    return None if n is None else _length_written(n, hit)


# a period as a contract words it, its start first: 验收通过后15日, 交付之日起30日内, 收到发票后十个工作日内
_LENGTH_AFTER = re.compile(r"([^\W\d]\w*?)(?:之日|之时)?(?:以后|之后|后|起)(?P<length>(?:[0-9]+|[零〇一二两三四五六七八九十百千"
                           r"壹贰叁肆伍陆柒捌玖拾佰仟]+)个?[ \t]*(?:小时|分钟|工作日|日历日|自然日|日|天|周|星期|月|年))(?:以?内)?")
_DIGITS_LENGTH = re.compile(r"([0-9]+)(个)?[ \t]*(小时|分钟|工作日|日历日|自然日|日|天|周|星期|月|年)")


def _length_after(name: str) -> tuple[str, str] | None:
    """(the length as the language writes it, the start's words) of a name that is a period counted from a start as
    a contract words it (验收通过后15日: 15 日 and 验收通过, for `within DURATION after START`), or None."""
    hit = _LENGTH_AFTER.fullmatch(name) if len(name) <= 60 else None
    if hit is None:
        return None
    digits = _DIGITS_LENGTH.fullmatch(hit.group("length"))
    length = _length_written(int(digits.group(1)), digits) if digits else _numeral_length(hit.group("length"))
    return (length, hit.group(1)) if length else None


def _length_written(n, hit: re.Match) -> str:
    """A length's number and unit (``hit``: its 个 and unit as groups 2 and 3) as the language writes it."""
    unit = hit.group(3)
    # (个 only where the language writes it: 10 个工作日, 3 个月, 2 个星期 — 10 个小时 is no length: review round 29)
    return f"{n} {'个' if unit in ('工作日', '月') or hit.group(2) and unit in ('星期', '日历日', '自然日') else ''}{unit}"


def errors_only(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diags if d.severity == "error"]


def _titled_all(params: list) -> "Msg | str":
    """Several parameters as ``_titled`` names each, one after another (甲（a）、乙（b）; a（甲）and b（乙）)."""
    said = _titled(params[0].label, params[0].name)
    for q in params[1:]:
        said = word("and_then", first=said, then=_titled(q.label, q.name))
    return said


def _titled(label: str | None, name: str):
    """A parameter or table as a finding about the contract's own figures names it: by its title — 附件1 …分项表, not
    the code name `subprojects` in a Chinese report (counsel round 35); by its name where it has none (the finding's
    place names the line either way)."""
    return word("titled", label=label, name=name) if label else name


def _rule_name(rule) -> str:
    """A rule as a message names it: its name, or a finding's code."""
    return getattr(rule, "name", None) or getattr(rule, "code", "")


def _percent_text(fraction) -> str:
    """A fraction as a percentage is written (0.2 → 20%, 0.0005 → 0.05%)."""
    return f"{(Decimal(fraction) * 100).normalize():f}%"
