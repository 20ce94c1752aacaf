"""A checked rule file compiled once into plans (``Prepared``): for each obligation, remedy, deemed event,
finding, property and ground of the contract's life, its triggers, ways of performance and deadline as
closures (``compiler``), ready to evaluate any number of fact streams (``evaluator.Evaluation``)."""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Iterator

from ..lang import model as m
from ..lang.checker import BUILTIN_NAMES, BUILTINS, LIFECYCLE, Checked, Checker
from ..lang.phrase import Phrase, Phraser
from .compiler import (ACCRUED, Compiler, Event, PatternPlan, _conjuncts, accrued_read, reads_accrued, referenced_assumptions,
                       referenced_types)
from ..diagnostics import QiyueError, diag, source_lines, span_text
from ..messages import Msg
from ..report.explain import Labels
from .steps import Step, TypeRef
from ..time.timecalc import (UNDETERMINED, Anchored, CalendarYearUnknown, Counting, Deadline, EarliestCalendar, LengthError, Moment,
    Period, year_ranges)
if TYPE_CHECKING:
    from .evaluator import Evaluation
from .state import key_reader, FOREVER


@dataclass
class TriggerPlan:
    kind: str  # for_each | when | every | lapse (a remedy's `lapses when`: tested as `when` is, ends it)
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
    parts: list = field(default_factory=list)  # `when`: (text of a condition, its explanation, its test, and what came
    # of its kind that does not fit, or None: ``Compiler.missed``)
    reads: frozenset = frozenset()  # event types its conditions read (not the facts it fires on)
    doubts: frozenset = frozenset()  # obligations whose verdicts those come from: undetermined → so is it
    every: tuple | None = None  # `every UNIT p from … until …`: (unit, alias, start, until)
    never: bool = False  # a `for each` that matches nothing in this run (``never_matches``): not tested
    accrues: bool = False  # its condition reads `accrued( )` (never held back to the end of its instant)
    accrued_by_day: tuple = ()  # `when` / `lapses when`: the remedies by the day whose `accrued( )` it reads
    order: dict | None = None  # `when`: each kind of fact it reads → where the condition first names it
    # `when` / `lapses when`: the condition as the `and` of its parts, each with the kinds of fact it and the parts
    # before it read — tested in that order, the first false part says which facts can change the answer
    # (``Evaluation.reconsider_when``); empty where the condition is one part
    guards: tuple = ()


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
    # its where-clause reads its own fact and constants alone: the fact of an instant that performs one duty
    # performs every duty of the rule arising at that instant (``Evaluation.performed_already``, kept per instant)
    alone: bool = False
    # a duty no longer shown every fact once the evaluation passes an instant (``Compiler.retiring``): (the
    # reference's key attributes, its value's closure, constant parts, the bound fact's name) — None: always shown
    retire: tuple | None = None
    # its where-clause reads the bindings through its exact key alone (``Compiler.decided_by_key``)
    by_key_alone: bool = False
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
    excuse_ways: list  # (way, text, retroactive): exceptions `exists(EVENT …)`, applied when such an event comes
    caveats: tuple = ()  # (condition, text) of each `caveat if`: said beside a breach while it holds
    # each exception's condition as the `and` of its parts with the kinds they read (``Prepared._guards``; one part:
    # the whole, None where it moves without a fact): a running duty is tested again only on a fact of a kind its
    # first false part reads (``Evaluation.excuse_held``)
    excuse_guards: tuple = ()
    stages: dict[str, str] = field(default_factory=dict)  # stage → its event type ("pay.violated")
    once: tuple | None = None  # `once` / `once per ALIAS` (as declared)
    fulfil_text: str = ""  # `fulfilled when CONDITION`, as written, and what satisfies it (for the steps)
    fulfil_why: object = None
    # kind of fact -> the index keys of the condition's aggregates over it, or None: which waiting duties a fact
    # of that kind can change (``Compiler.cond_keys``); None when any fact of a kind it reads may change any
    fulfil_keys: dict | None = None
    suspensions: tuple = ()  # (suspending pattern, resuming pattern) of each `suspended by … until …`
    extensions: tuple = ()  # (pattern, the moment it extends to) of each `extended by … until …`
    # the index key (Compiler.exact_key) of each suspending pattern, then of each extending one, or None: the
    # running duties a fact of that kind can pause or extend are those under its key
    pause_keys: tuple = ()
    resume_keys: tuple = ()  # and of each resuming pattern, read from the duty's and the pausing fact's bindings
    # of each suspension: whether its pausing and resuming patterns read nothing of the duty (only their own facts):
    # then which causes run is the same for every duty (Evaluation.paused_from_start)
    ends_alone: tuple = ()
    pause_by_day: tuple = ()  # of each suspension: counted in calendar days (`counted by day`), not in days of 24 hours
    # `fulfilled when` reads none of the duty's bindings (`sum(p.amount for each paid p) >= ¥500.00`): at an instant,
    # which fact completed it is the same for every such duty (``Evaluation.reconsider_cond``)
    fulfil_free: bool = False
    by: object = None  # `due by MOMENT`
    by_text: str = ""
    by_earliest: object = None  # (the same, counted as early as a year no calendar knows allows)
    by_terms: tuple = ()  # (rule text, type, compiled value) of each value `due by` reads, shown beside it
    by_reads_end: bool = False  # `due by` reads the contract's end (`earliest(y.end, ended)`): counted again at it
    by_deps: frozenset = frozenset()  # the kinds of event `due by` reads: a deadline not known yet is tried again
    # when one of them happens (none found: at every instant)
    until_deps: frozenset = frozenset()  # the same for a continuing duty's `until` (`until first(takeover).at`)
    until_text: str = ""  # (its rule text, said when it becomes known)
    until_keys: dict | None = None  # the kinds of fact its end reads, by the keys they are counted by (value_keys)
    by_keys: dict | None = None  # the same for `due by` (a deadline a later fact of its key gives)
    duration_text: str = ""  # `within o.days days`: the length's rule text (a fact without it: undetermined)
    anchor_text: str = ""  # `within … after X`: X's rule text (not known when the duty arises: undetermined)
    by_moved: object = None  # `due by working_day_from(X)`: X, to say which rest days the deadline moved past
    by_nth: tuple = ()  # `due by working_day_of_next_month(5, X)` (under a branch too): each call, compiled
    # worked out once, not per duty: the `deadline_from` step's arguments that depend on the rule
    # alone (counted as a term?, the assumption its period is, and its label), the kinds of fact
    # that perform it (as the `violated` step names them), and the stages some rule reads
    from_args: tuple = (False, None, None)
    way_refs: tuple = ()
    announced: frozenset = frozenset()
    # of those, the stages only remedies read: announced in doubt where the duty's verdict is undetermined (a right that
    # rests on the breach is undetermined too); a stage a condition, a deemed event or a duty reads is not — `not
    # exists(…)` of a stage in doubt would read it as certain
    in_doubt: frozenset = frozenset()

    @property
    def fulfil(self) -> PatternPlan | None:
        return self.ways[0].pattern if self.ways else None


def _by_day(condition, checked) -> tuple:
    """The remedies by the day whose `accrued( )` a condition reads: their total grows as each day begins, with no fact
    to test the condition again (``Evaluator.wake_as_it_accrues``; a fuzzer)."""
    return tuple(sorted(k[len(ACCRUED):] for k in accrued_read(condition, checked)
                        if getattr(checked.remedies.get(k[len(ACCRUED):]), "per_day", False)))


def _reads_aliases(r: m.Remedy) -> bool:
    """Whether a remedy's `lapses when` reads its trigger's aliases (a lapse of each row, not of the remedy)."""
    if r.lapses_when is None:
        return False
    names = Prepared._scope(r.triggers)
    return any(isinstance(x, m.Name) and x.name in names for x in m.nodes(r.lapses_when))


@dataclass
class RemedyPlan:
    decl: m.Remedy
    triggers: list[TriggerPlan]
    holders: list
    amount: object
    once: tuple | None = None
    base: object = None  # `P% of X`: the closure giving X, to show how the amount was computed
    formula: str = ""  # …and `P%` as written (in a parameter the amount names: `amount 日违约金`)
    per_day_by: str | None = None  # the assumption `per day only if` (`per hour only if`) reads, to name it beside the amount
    per_day_by_label: str | None = None  # …and its label (named label first, as the report names an assumption)
    terms: tuple = ()  # a computed amount: (text, type, value function) of each value it reads
    amount_text: str = ""  # (its rule text: how a computed amount was computed, or which one is not known yet)
    cap: object = None  # `total at most EXPR`, compiled
    cap_fixed: bool = False  # the cap is a value of the rules alone (it reads no fact, state or instant)
    row_cap: object = None  # `each at most EXPR`, compiled with the trigger's aliases: each row's own cap
    row_floor: object = None  # `each at least EXPR`, compiled so too: each row's own least
    # (…and the one-off amount's last step not rounded to the fen: ¥0.004 rounds to ¥0.00 yet is owed, and `each at
    # least ¥1.00` makes it ¥1.00 — “总额不足1元的，按1元收取”: fuzz round 32)
    amount_exact: object = None
    # the aliases whose instant (`r.at`) a one-off amount reads: a fact of its day alone bound to one of them may give
    # another amount at another hour of that day (``Evaluation.hour_decides_amount`` — contract round 42)
    amount_instants: frozenset = frozenset()
    amount_reads_end: bool = False  # (…and `ended`: the contract's end, which may be known by its day alone)
    amount_kind: str | None = None
    reads: frozenset = frozenset()  # `recomputed daily`: the kinds of fact whose arrival can change the amount
    read_keys: dict | None = None  # and for each, the keys its aggregates count them by (Compiler.cond_keys)
    settled: object = None  # `settled by PATTERN`, compiled with the trigger's aliases (a fact that pays a row)
    settle_key: tuple | None = None  # (its fact's key attributes, the key read off a row's bindings): rows looked up by it
    lapse: "TriggerPlan | None" = None  # `lapses when COND`: tested as a `when` trigger is; the remedy is gone once it holds
    # `lapses when COND` reading the trigger's aliases: each row's own — (condition, its text, the kinds of event it
    # reads, the remedies by the day whose total it reads, the keys a fact of each kind can change it by
    # (``Compiler.cond_keys``)); a row lapses once it holds for the row's bindings, the others and the rows to come stay
    row_lapse: tuple | None = None
    caveats: tuple = ()  # (condition, text) of each `caveat if`: said in a row's reasons when it holds as the row arises
    # `exercise within D` / `exercise until X` (民法典第564条第1款): ("within", length, counting) or ("until", instant),
    # compiled with the trigger's aliases; None: the year of 第564条第2款
    exercise: tuple | None = None


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
    # the duties its triggers ask not to have arisen yet (`not triggered(pay_installment_1)`): a finding made says which
    # of their conditions were not met then (``Evaluation.record_finding``)
    awaits: tuple = ()


@dataclass
class PropertyPlan:
    """A `property`, compiled: the bindings it is tested for (its `for each` patterns), and each
    condition and never-pattern with its rule text.  Tested after an evaluation (verify.properties)."""
    decl: m.Property
    patterns: list  # PatternPlan of each `for each`
    holds: list  # (text, compiled condition)
    never: list  # (text, PatternPlan)
    # for each condition, its comparisons (itself, or the parts of its `and`): (test, op, (words, value) of each side),
    # compiled — a counterexample shows both sides' values of the one that failed (verify.properties)
    sides: list = field(default_factory=list)


# rules that describe facts (deemed events, findings): they do not wait for the contract to bind
_FACT_LIKE = (DeemedPlan, FindingPlan)


@dataclass
class LifePlan:
    """What puts the contract in force (`effective`) or one ground that ends it (`termination`)."""

    decl: m.Life
    triggers: list[TriggerPlan]
    held_by: object = None  # who must hold the power it exercises
    once: tuple | None = None
    # `at MOMENT` of a termination that ends the contract later: (condition or None, instant, its words or None)
    ends_at: tuple = ()
    # `ends only RULE [ALIAS where COND], …`: (rule, alias or None, compiled condition or None) — a termination of part
    ends_only: tuple = ()
    lapse: "TriggerPlan | None" = None  # an effective's `lapses when`: its condition can no longer come true


def reads_end(expr, checked: Checked) -> bool:
    """Whether an expression reads the contract's end (`ended`), itself or through the parameters it names."""
    seen, todo = set(), [expr]
    while todo:
        names = m.names_in(todo.pop()) - seen
        if "ended" in names:
            return True
        seen |= names
        todo += [checked.params[n].expr for n in names if n in checked.params]
    return False


def switched_off(pattern: m.Pattern, checked: Checked) -> bool:
    """A pattern one of whose `and` conditions compares an assumption with a reading it does not take
    in this run (`… and some_reading == "another reading"`): it matches nothing."""
    return any(_reading_not_taken(c, checked) for c in _and_parts(pattern.where))


def never_matches(pattern: m.Pattern, compiler) -> bool:
    """A condition the rules alone decide false (``Compiler.decided``: a reading not taken in this run, `and
    never`, wherever it is written — qiyue decides it when it compiles and computes nothing of it): the line
    never matches and is not tested fact by fact — a join of one kind with itself would otherwise be tested
    pair by pair (20,000 notices of termination at one instant: 4 × 10⁸ pairs)."""
    return pattern.where is not None and compiler.decided(pattern.where, {s.alias for s in pattern.sources}) is False


def _and_parts(where) -> list:
    """The parts of an `and`, nested ones flattened, in the order they are tested."""
    if where is None:
        return []
    if isinstance(where, m.BoolOp) and where.op == "and":
        return [x for item in where.items for x in _and_parts(item)]
    return [where]


def _reading_not_taken(c, checked: Checked) -> bool:
    if (isinstance(c, m.Compare) and c.op in ("==", "!=") and isinstance(c.left, m.Name)
            and isinstance(c.right, m.Literal) and c.left.name in checked.params):
        param = checked.params[c.left.name]
        return bool(param.is_assumption and isinstance(param.expr, m.Literal)
                    and (param.expr.value == c.right.value) != (c.op == "=="))
    return False


_NUMERIC_CALLS = ("min", "max", "round", "round_up", "round_down")


def accrued_names(node) -> frozenset[str]:
    """The remedies named in `accrued(NAME)` anywhere under ``node``."""
    return frozenset(x.args[0].name for x in m.nodes(node) if isinstance(x, m.Call)
                     and BUILTINS.get(x.function) == "accrued" and x.args and isinstance(x.args[0], m.Name))


def _percent_of(e: m.Expr | None, checked) -> m.PercentOf | None:
    """The `P% of X` an amount is — written there, or in the parameter it names (`参数 日违约金 = 0.05% 之 合同总价`, then
    `金额 日违约金 按日`: shown as the inline share is — a user, round 23) — or None."""
    seen = set()
    while isinstance(e, m.Name) and e.name in checked.params and e.name not in seen:
        seen.add(e.name)
        e = checked.params[e.name].expr
    return e if isinstance(e, m.PercentOf) and not _computed(e.of) else None


def _computed(e: m.Expr | None) -> bool:
    """An amount worked out by arithmetic (×, ÷, +, −, min, max, rounding), not a share of one
    base (`1% of budget`, explained by its own step) nor a value as it stands."""
    return isinstance(e, (m.Arith, m.ShareOf, m.Conditional)) or (isinstance(e, m.Call) and e.kind is not None) or (
        isinstance(e, m.PercentOf) and _computed(e.of))


def _moved_to_working_day(e) -> bool:
    """`working_day_from(X)` (顺延至工作日) or `working_day_until(X)` (提前至工作日) as a whole deadline."""
    return isinstance(e, m.Call) and BUILTINS.get(e.function) in ("working_day_from", "working_day_until") \
        and len(e.args) == 1


def _nth_working_days(e) -> list:
    """The `working_day_of_month(N, X)` / `working_day_of_next_month(N, X)` calls a `due by` reads (under a branch
    too): which working days they count is said beside the deadline."""
    return [x for x in m.nodes(e) if isinstance(x, m.Call) and len(x.args) == 2
            and BUILTINS.get(x.function) in ("working_day_of_month", "working_day_of_next_month")]


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


SKIPPED = object()  # (a `due by` term on a case not taken: not said — ``Plans._by_terms``)


def _term_paths(e: m.Expr, path: tuple, out: list) -> list:
    """``_term_nodes`` with, for each value, the cases it lies under: ((condition, True/False), …) — a value of
    `then` is read only where the condition holds, one of `otherwise` only where it does not."""
    if isinstance(e, m.Conditional):
        _term_paths(e.condition, path, out)
        _term_paths(e.then, path + ((e.condition, True),), out)
        _term_paths(e.otherwise, path + ((e.condition, False),), out)
    else:
        out += [(node, path) for node in _term_nodes(e, [])] if not isinstance(e, (m.Arith, m.Call)) or \
            not any(isinstance(x, m.Conditional) for x in m.nodes(e)) else _term_paths_inside(e, path)
    return out


def _term_paths_inside(e: m.Expr, path: tuple) -> list:
    """A computation with a case inside it (`(if … then a otherwise b) + 3 days`): its parts, each on its path."""
    out = []
    for child in ([e.left, e.right] if isinstance(e, m.Arith) else list(e.args)):
        _term_paths(child, path, out)
    return out


def _named_order(e) -> dict:
    """The kinds of fact a condition names, each at the place it is first named (in the text's order)."""
    sources = sorted((x.span.line, x.span.column, Checker.source_type_name(x)) for x in m.nodes(e)
                     if isinstance(x, m.Source))
    order: dict = {}
    for _, _, name in sources:
        order.setdefault(name, len(order))
    return order


def deadline_at(end: Moment, start: Moment, period: Period, counting: Counting, steps: tuple,
                provisional: int | None = None) -> Deadline:
    """A deadline at a moment the rules name: the end (24:00) of a day is the first late instant, as
    for a period of days; a moment within a day is itself still in time (民法典第1259条)."""
    return Deadline(start, period, counting, end.day if end.is_end_of_day() else None, end.at, steps, provisional)


def _accel_power(comp, power, scope) -> tuple | None:
    """`accelerated by … exercises POWER [held by X]`: (the right's remedy, its holder compiled or None)."""
    if power is None:
        return None
    name, held_by, _span = power
    return name, comp.expr(held_by, scope) if held_by is not None else None


def _kind(t) -> str:
    """A checked type as a step's quantity kind (an enum or a row is shown as it is)."""
    return t if t in ("money", "percent", "int", "number", "elapsed") else "number"


def _one_event(e: m.Expr) -> bool:
    """An exception that is the existence of one kind of event: it is applied when such an event
    comes (looked up like a fulfilment), not by testing the condition again on every event."""
    return isinstance(e, m.Exists) and len(e.pattern.sources) == 1


def _reading(value, words: dict):
    """An assumption's reading with the words its `one of` gives it (a phrase: Chinese words, the reading as written
    in English)."""
    said = words.get(value) if isinstance(value, str) else None
    return Phrase(value, ("lit", "text", value, said)) if said else value


_src_text = span_text  # (the rule text of a node: diagnostics.span_text)


def _awaited(f: m.FindingRule) -> tuple:
    """The obligations a finding's triggers read as `not triggered(X)`, in the order written."""
    out = []
    for t in f.triggers:
        where = t.pattern.where if isinstance(t, m.ForEach) else getattr(t, "condition", None)
        for x in m.nodes(where):
            if isinstance(x, m.Not) and isinstance(x.item, m.Call) and x.item.function == "triggered" \
                    and x.item.args and isinstance(x.item.args[0], m.Name) and x.item.args[0].name not in out:
                out.append(x.item.args[0].name)
    return tuple(out)


class Prepared:
    """A checked rule file compiled once, ready to evaluate any number of fact streams."""

    def __init__(self, checked: Checked, calendar, incremental: bool = True, properties: bool = False):
        """``incremental=False`` counts every aggregate in full: the reference the tests compare with.
        ``properties``: compile the `property` blocks too (for `qiyue verify`); an ordinary evaluation
        leaves them out, so that the obligation stages only they name are not announced."""
        self.checked = checked
        self.calendar = calendar
        # a year no calendar knows, needed: the evaluation stops with an error (time-and-law.md), unless the
        # header chose `calendar fallback undetermined` (those verdicts undetermined, the rest standing)
        contract = checked.rules.contract
        self.stop_at_unknown_year = contract is None or contract.calendar_fallback not in UNDETERMINED
        comp = Compiler(checked, calendar, incremental)
        self.compiler = comp
        # (`due by` a place counted in working days of a year no calendar knows: its earliest instant)
        self.earliest_compiler = Compiler(checked, EarliestCalendar(calendar), incremental)
        self.labels = Labels(checked)  # what the rule file calls facts, for the explanations
        self.phraser = Phraser(checked)  # the conditions, amounts and moments the reasons quote, as phrases
        self.accrued_names = accrued_names(checked.rules)  # remedies some rule reads with `accrued( )`
        # (…of them, those `recomputed daily at day end`: recomputed as an instant's facts are recorded, before what the
        # facts set off is judged — a surplus of the day a payment came reads the fee as that payment leaves it, that day
        # not counted, not as it was before: contract round 34 — and again, as every recomputed row is, once the instant
        # has acted.  A row recomputed from the next day on has the same total at this instant either way.)
        self.recomputed_read = frozenset(r.name for r in checked.rules.remedies
                                         if r.recomputed_at_end and r.amount is not None and r.name in self.accrued_names)
        text = source_lines(checked.rules.text)  # (split once: every rule quotes its conditions from it)
        self.obligations = [self._obligation(o, comp, text) for o in checked.rules.obligations]
        # (a row is recomputed when a fact it reads comes (`take`), and when a deemed event or a duty's stage it reads
        # happens (``Evaluation.recount``): under the keys its amount reads of each kind (RemedyPlan.read_keys), so that
        # n events deemed at one instant, each of its own row, recompute each row once — not all n each: review round 35)
        shares = {id(r): _percent_of(r.amount, checked) for r in checked.rules.remedies}  # (`P% of X`, found once)
        self.remedies = [RemedyPlan(r, [self._trigger(t, comp, text) for t in r.triggers],
                                    [comp.expr(h, self._scope(r.triggers)) for h in r.holders],
                                    comp.expr(r.amount, self._scope(r.triggers)) if r.amount else None,
                                    base=comp.expr(shares[id(r)].of, self._scope(r.triggers))
                                    if shares[id(r)] is not None else None,
                                    formula=shares[id(r)].text if shares[id(r)] is not None else "",
                                    per_day_by=next(iter(referenced_assumptions(r.per_day_if or r.per_hour_if,
                                                                                 checked)), None)
                                    if r.per_day_if or r.per_hour_if else None,
                                    per_day_by_label=_assumption_label(r.per_day_if or r.per_hour_if, checked),
                                    terms=self._terms(r.amount, comp, self._scope(r.triggers), text,
                                                      self._aliases(r.triggers))
                                    if _computed(r.amount) else (),
                                    amount_text=self._said(r.amount, text, self._aliases(r.triggers))
                                    if r.amount is not None else "",
                                    amount_kind=checked.expr_types.get(id(r.amount)),
                                    cap=comp.expr(r.cap, set()) if r.cap is not None else None,
                                    cap_fixed=r.cap is not None and comp.rules_value(r.cap)[0],
                                    row_cap=comp.expr(r.row_cap, self._scope(r.triggers))
                                    if r.row_cap is not None else None,
                                    row_floor=comp.expr(r.row_floor, self._scope(r.triggers))
                                    if r.row_floor is not None else None,
                                    amount_exact=comp.expr(_unrounded(r.amount), self._scope(r.triggers))
                                    if r.row_floor is not None and _unrounded(r.amount) is not None else None,
                                    amount_instants=_instants_read(r.amount) if not r.accrues else frozenset(),
                                    amount_reads_end=not r.accrues and "ended" in m.names_in(r.amount)
                                    and "ended" not in checked.params,
                                    reads=frozenset(referenced_types(r.amount, checked))
                                    if r.recomputed and r.amount is not None else frozenset(),
                                    read_keys=comp.cond_keys(r.amount, self._scope(r.triggers) - {
                                        t.alias for t in r.triggers if isinstance(t, m.Every)})
                                    if r.recomputed and r.amount is not None else None,
                                    settled=comp.pattern(r.settled_by, self._scope(r.triggers))
                                    if r.settled_by is not None else None,
                                    settle_key=comp.exact_key(r.settled_by, self._scope(r.triggers))
                                    if r.settled_by is not None else None,
                                    lapse=self._lapse(r, comp, text) if not _reads_aliases(r) else None,
                                    row_lapse=(comp.expr(r.lapses_when, self._scope(r.triggers)),
                                               self._said(r.lapses_when, text, self._aliases(r.triggers)),
                                               frozenset(referenced_types(r.lapses_when, checked)
                                                         | accrued_read(r.lapses_when, checked)),
                                               _by_day(r.lapses_when, checked),
                                               comp.cond_keys(r.lapses_when, self._scope(r.triggers)))
                                    if _reads_aliases(r) else None,
                                    caveats=tuple((comp.expr(x.condition, self._scope(r.triggers)), x.text)
                                                  for x in r.caveats),
                                    exercise=("within", comp.duration(r.exercise_within, self._scope(r.triggers)),
                                              r.exercise_counting or Counting.ACT)
                                    if r.exercise_within is not None else
                                    ("until", comp.expr(r.exercise_until, self._scope(r.triggers)))
                                    if r.exercise_until is not None else None)
                         for r in checked.rules.remedies]
        self.deemed = [self._deemed(d, comp, text) for d in checked.rules.deemed]
        self.findings = [FindingPlan(f, [self._trigger(t, comp, text) for t in f.triggers], awaits=_awaited(f))
                         for f in checked.rules.findings]
        self.properties = [self._property(p, comp, text) for p in checked.rules.properties] if properties else []
        self.effective = [LifePlan(x, [self._trigger(t, comp, text) for t in x.triggers], lapse=self._lapse(x, comp, text))
                          for x in checked.rules.effective]
        # grounds that use a power to terminate are tried first, then the others in file order:
        # a wide ground ("甲方 ends without cause") catches only what no specific ground took
        lives = sorted(checked.rules.terminations, key=lambda x: x.exercises is None)
        self.terminations = [LifePlan(x, [self._trigger(t, comp, text) for t in x.triggers],
                                      comp.expr(x.held_by, self._scope(x.triggers)) if x.held_by else None,
                                      ends_at=tuple((comp.expr(c.condition, self._scope(x.triggers))
                                                     if c.condition else None,
                                                     comp.expr(c.at, self._scope(x.triggers)), c.text)
                                                    for c in x.ends_at),
                                      ends_only=tuple((name, alias, comp.expr(cond, self._scope(x.triggers) | {alias})
                                                       if cond is not None else None,
                                                       self._said(cond, text, {**self._aliases(x.triggers),
                                                                               alias: f"{name}.triggered"})
                                                       if cond is not None else None)
                                                      for name, _, alias, cond in x.ends_only or ()))
                             for x in lives]
        self.rank = {id(x): i for i, x in enumerate(self.terminations)}
        # the kinds of fact a decision to end the contract reads — its grounds', and the powers they exercise — (a
        # notice known by its day alone, one of these later that day: which came first decides it, ``terminate``)
        exercised = {x.exercises for x in lives if x.exercises}
        self.termination_reads = frozenset(referenced_types(
            [x for x in lives if x.kind == "termination"] + [r for r in checked.rules.remedies if r.name in exercised],
            checked))
        # for each event type, the keys duties look their performing events up by (None: no key)
        self.way_keys: dict[str, set] = {}
        for o in self.obligations:
            for way in o.ways:
                self.way_keys.setdefault(way.type, set()).add(way.key[0] if way.key else None)
        # the remedies that are powers to terminate: spent when used, lapsed when the contract ends
        self.powers = {x.exercises for x in checked.rules.terminations if x.exercises}
        # rights to accelerate (`accelerated by … exercises POWER`): used by a declaration, not powers to terminate —
        # no year of 民法典第564条第2款; an agreed period to exercise them in lapses them
        self.accel_powers = {p[0] for o in checked.rules.obligations for p in o.accel_powers.values()}
        self.obligation_by_name = {o.decl.name: o for o in self.obligations}
        # `accelerated by … with later periods`: the kind of a declaration -> (the recurring duty, the acceleration's
        # index in its extensions) — the periods not yet begun fall due with the running one
        self.accel_series: dict[str, list] = {}
        for o in self.obligations:
            for k in o.decl.accel_later:
                self.accel_series.setdefault(o.extensions[k][0].sources[0][0], []).append((o, k))
        # `alternative to`: each remedy's alternatives, both ways (written once, on either of the two)
        alternatives: dict[str, set] = {}
        for r in checked.remedies.values():
            for name, _ in r.alternatives:
                alternatives.setdefault(r.name, set()).add(name)
                alternatives.setdefault(name, set()).add(r.name)
        self.alternatives = {name: tuple(sorted(v)) for name, v in alternatives.items()}
        # deemed events that still happen after the contract ended
        self.deemed_surviving = {d.decl.name for d in self.deemed if d.decl.survives}
        self.periods = {name: (comp.duration(p.duration), p.counting or Counting.ACT,
                               comp.expr(p.anchor, set())) for name, p in checked.periods.items()}
        effective_kinds = {x.name for x in checked.rules.effective}
        for group in (self.obligations, self.remedies, self.deemed, self.findings):
            for plan in group:
                plan.once = self._once(plan.decl, comp)
                # (a line binding the contract's taking effect with other facts: its rows are named by those facts —
                # ``Evaluation._named_by_fact``; asked only of such rules)
                plan.binds_effective = any(isinstance(t, m.ForEach) and len(t.pattern.sources) > 1
                                           and any(s.type_name in effective_kinds for s in t.pattern.sources)
                                           for t in plan.decl.triggers)
        # the attributes of each kind of fact that name another fact (`ref`), read off the declarations as the fact
        # schema reads them (``FactSchema.refs``): a fact named by an earlier one is said
        self.ref_attrs = {e.name: names for e in checked.rules.events  # (not `ref ahead`: it may name a later fact)
                          if (names := tuple(a.name for a in e.attrs if a.type.kind == "ref" and not a.ahead))}
        # for each event type, the (rule, trigger, source position) it can start
        self.by_type: dict[str, list] = {}
        for plan, t in self.all_triggers():
            if t.kind == "for_each" and not t.never:
                for pos, (tname, _) in enumerate(t.pattern.sources):
                    self.by_type.setdefault(tname, []).append((plan, t, pos))
        # a fact's trigger whose condition reads a deemed event is tested again once the events its own instant
        # deems at that instant have happened: an event deemed at the instant of a fact is as simultaneous with
        # the instant's other facts as the fact itself (`for each defect r where exists(accepted)`, a defect
        # reported at the very instant of the passed test that acceptance is deemed at).  (The instant's other
        # effects — a duty performed, the contract ended — are not: conditions on the state see it as it was
        # before the instant acted.)
        self.deemed_types = deemed = frozenset(checked.deemed)
        self.rematch_by_type: dict[str, list] = {}
        for tname, entries in self.by_type.items():
            again = [(plan, t, pos) for plan, t, pos in entries if tname not in deemed and t.reads & deemed]
            if again:
                self.rematch_by_type[tname] = again
        self.rematch_reads = frozenset().union(*(t.reads & deemed for entries in self.rematch_by_type.values()
                                                 for _, t, _ in entries))
        # ... and held back until then: a fact's trigger that reads deemed events is first tested once the events
        # its instant deems have happened, so `not exists(accepted)` at the instant acceptance is deemed at is
        # false, as `exists(accepted)` is true (``Evaluation.match_again``; the rest of the state as before the
        # instant acted).  (One that reads `accrued( )` is not held back — the amounts are not kept as they were
        # before the instant — but tested first and again.)  The triggers tested as the facts come:
        self.by_type_first = {tname: [x for x in entries if x not in self.rematch_by_type.get(tname, ())
                                      or x[1].accrues]
                              for tname, entries in self.by_type.items()}
        for name in checked.params:  # (compiled where first read, which may be in the replay: the facts a
            comp.param(name)  # parameter's join looks up by key must be indexed from the start — a new
            self.earliest_compiler.param(name)  # contract's author: a KeyError at its first `passed( )`)
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
        # the duties whose violation deems an event (5.2.3: a review or a meeting missed is 视为验收合格): at an instant
        # where several duties fall due, decided before the others, whose exceptions may read what they deem
        deeming = {x for d in self.deemed for t in d.decl.triggers for x in referenced_types(t, checked)}
        self.deems_on_violation = frozenset(o.decl.name for o in self.obligations
                                            if f"{o.decl.name}.violated" in deeming)
        # the assumptions each rule rests on, for the report to list beside its verdicts: those its
        # expressions read, those its notes name ("见假定 grace_period"), and those of the verdicts
        # it comes from (8.3's damages rest on the payment term of the late installment)
        names = [p.name for p in checked.rules.params if p.is_assumption]
        own = {}
        rules = (*checked.rules.obligations, *checked.rules.remedies, *checked.rules.deemed,
                 *checked.rules.effective, *checked.rules.terminations)
        for d in rules:
            texts = " ".join([*getattr(d, "notes", ()), *(x.text or "" for x in getattr(d, "excuses", ()))])
            own[d.name] = set(referenced_assumptions(d, checked)) | {n for n in names if _named_in(n, texts)}
        # and what each `for each` line reads itself, apart from the rest of its rule: a row from one line does not rest
        # on a reading only another line's condition compares (fuzz round 25)
        line_own: dict[int, set] = {}
        body_own: dict[str, set] = {}
        body_reads: dict[str, set] = {}
        excuse_reads: dict[str, set] = {}
        for d in rules:
            texts = " ".join([*getattr(d, "notes", ()), *(x.text or "" for x in getattr(d, "excuses", ()))])
            lines = [t for t in getattr(d, "triggers", ()) if isinstance(t, m.ForEach)]
            body = dataclasses.replace(d, triggers=[t for t in d.triggers if not isinstance(t, m.ForEach)]) \
                if lines else d
            for t in lines:
                line_own[id(t)] = set(referenced_assumptions(t, checked))
            # (the verdicts and deemed events its amount reads — a rate that turns on `exists(arrears_carried …)`, an
            # event an assumption dates —: the amount rests on their readings too, §3.4; contract round 31.  Not those
            # a condition reads: `lapses when performed_in_full` would list every reading of the contract's performance
            # on rows it decides nothing of)
            amount = getattr(d, "amount", None)
            body_reads[d.name] = set(referenced_types(amount, checked)) if amount is not None else set()
            # (…and the deemed events its exceptions read: whether the duty is excused or violated turns on them — 2.2(4)
            # excused by a deemed acceptance that only the reading of a premature application brings: counsel 36)
            excuse_reads[d.name] = set().union(*(referenced_types(x.condition, checked)
                                                 for x in getattr(d, "excuses", ())))
            compared = set().union(*(line_own[id(t)] for t in lines))  # (a note naming a reading some lines compare
            # speaks of those lines' rows, not of every row: 2.1(3)'s note on failed_review_fails — a reviewer, round 25)
            body_own[d.name] = set(referenced_assumptions(body, checked)) | {n for n in names
                                                                             if _named_in(n, texts) and n not in compared}
        # a rule whose `for each` lines rest on different readings (8.3's damages: on installment 2's or 3's
        # breach, also on when service started; on installment 1's, not): each line's own, for a row to list
        # those of the line it came from (``row_assumptions``)
        self.line_assumptions: dict[str, list[tuple[frozenset, frozenset]]] = {}
        # (the events the contract's life makes count as deemed ones: a remedy set off by 甲方's termination without
        # cause rests on the readings that decide the termination — when a notice ends the contract: counsel 36)
        deemed_names = set(checked.deemed) | {x.name for x in (*checked.rules.terminations, *checked.rules.effective)}

        def stage(src):
            return src.type_name if not src.lifecycle else \
                f"{src.type_name}.{LIFECYCLE.get(src.lifecycle, src.lifecycle)}"
        # (a `for each` line an assumption switches off now adds nothing: a termination by the fact itself does not
        # rest on how the notices it did not wait for are delivered)
        lines_of = {d.name: [t for t in d.triggers if isinstance(t, m.ForEach) and not switched_off(t.pattern, checked)]
                    for d in rules}
        performed_by = {}  # the deemed events a rule is performed by (a notice deemed delivered on dispatch, or
        for d in rules:  # outside the city as within it)
            performed = set()
            for way in (getattr(d, "fulfilled_by", None), *getattr(d, "alternatives", ())):
                pattern = getattr(way, "pattern", way)
                performed |= {src.type_name for src in getattr(pattern, "sources", ())}
            performed_by[d.name] = performed
        full = {name: set(got) for name, got in own.items()}

        def line_used(d, group, power: bool = True, alone: bool = False) -> set:
            """What the lines ``group`` of rule ``d`` rest on: the rule's own readings, those of the power it exercises,
            and all those of the verdicts and the deemed events (triggering or performing) they read — theirs in turn
            (``full``, to a fixed point: damages on a payment that waits for a delivery an assumption decides rest on
            it too — a reviewer, round 24).  ``alone``: of the rule's readings, only those of its body and of these
            lines' own conditions, not another line's (fuzz round 25)."""
            body = body_reads[d.name]
            sources = set().union(*(came.get(stage(src), ()) for t in group for src in t.pattern.sources),
                                  *(came.get(x, ()) for x in body))
            read = performed_by[d.name] | {src.type_name for t in group for src in t.pattern.sources} | body \
                | excuse_reads[d.name]
            mine = body_own[d.name].union(*(line_own[id(t)] for t in group)) if alone else own[d.name]
            got = set(mine) | set().union(*(full.get(o, ()) for o in sources | (read & deemed_names)))
            if power and getattr(d, "exercises", None):  # a termination that uses a power rests on what the power
                got |= full.get(d.exercises, set())  # rests on
            return got
        changed = True
        while changed:  # (sets only grow, over finitely many names: it ends)
            changed = False
            for d in rules:
                got = line_used(d, lines_of[d.name])
                if not got <= full[d.name]:
                    full[d.name] |= got
                    changed = True
        self.assumptions = {d.name: [n for n in names if n in full[d.name]] for d in rules}
        self.own_assumptions = {d.name: frozenset(own[d.name]) for d in rules}  # (its own readings, none inherited)
        # a termination by a power: what it rests on but for the power (the row it used adds its own: ``Report``'s
        # contract_life — 乙方's termination for installment 1's late payment does not rest on when service started)
        self.but_power = {d.name: frozenset(line_used(d, lines_of[d.name], power=False)) for d in rules
                          if getattr(d, "exercises", None)}
        for d in rules:
            each = [(frozenset(stage(src) for src in t.pattern.sources), frozenset(line_used(d, [t], alone=True)))
                    for t in lines_of[d.name]]
            if len({u for _, u in each}) > 1 or any(u != full[d.name] for _, u in each):  # (a line an assumption
                self.line_assumptions[d.name] = each  # switches off: the rows of the others do not rest on its readings)
        # a power to terminate comes from these obligations' verdicts (8.3's from late payments)
        self.power_sources = {r.decl.name: frozenset().union(*(came.get(src[0], ()) for t in r.triggers
                                                               if t.kind == "for_each" for src in t.pattern.sources),
                                                             *(t.doubts for t in r.triggers))
                              for r in self.remedies}
        self._key_readers: dict[tuple, object] = {}
        # event types some condition (a `when` trigger, a `fulfilled when`) depends on
        self.effective_names = frozenset(x.decl.name for x in self.effective)  # (the event each one is)
        self.effective_deps = frozenset().union(*(t.deps for x in self.effective for t in x.triggers),
                                                *(x.lapse.deps for x in self.effective if x.lapse is not None))
        # event types the end of a recurrence reads: when one comes, the running period may be cut
        self.until_types = frozenset().union(*(referenced_types(t.until, checked) for x in checked.rules.obligations
                                               for t in x.triggers if isinstance(t, m.Every) and t.until is not None))
        self.condition_types = set().union(*(t.deps for _, t in self.all_triggers()),
                                           *(o.fulfil_deps for o in self.obligations),
                                           *(o.excuse_deps for o in self.obligations), self.effective_deps)
        # and those a `when` trigger or a remedy's `lapses when` is tested again on (``reconsider_when``)
        self.when_types = self.condition_types.union(*(r.lapse.deps for r in self.remedies if r.lapse is not None))
        # events the report lists: deemed ones, and the contract's taking effect and its end
        self.reported_types = set(checked.deemed) | set(checked.lives)
        # every event type some rule reads, anywhere (a trigger, a fulfilment, an aggregate in a
        # where-clause): only these stages of an obligation need to be announced as events
        rules = checked.rules
        self.read_types = set().union(*(referenced_types(d, checked) for d in (
            *rules.obligations, *rules.remedies, *rules.deemed, *rules.findings, *rules.effective,
            *rules.terminations, *(rules.properties if properties else ()))))
        others = set().union(*(referenced_types(d, checked) for d in (
            *rules.obligations, *rules.deemed, *rules.findings, *rules.effective, *rules.terminations,
            *(rules.properties if properties else ()))))
        for o in self.obligations:
            o.announced = frozenset(ph for ph, etype in o.stages.items() if etype in self.read_types)
            o.in_doubt = frozenset(ph for ph in o.announced if o.stages[ph] not in others
                                   and o.stages[ph] not in self.when_types)
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

    def resting_assumptions(self, name: str, given: list[str], instance) -> list[str]:
        """The assumptions a row of rule ``name`` that rests on the verdict ``instance`` (a duty's breach) stands on:
        of those the duty's rule reads, only the ones its own `for each` line does, where its lines differ — the
        damages of a duty set off by an ordinary notice do not rest on how a notice before the contract is read —,
        and all of the row's own (``given``)."""
        duty = instance.rule.decl.name
        if duty not in self.line_assumptions:
            return given
        inherited, row = set(self.assumptions.get(duty, ())), set(self.row_assumptions(duty, instance.bindings))
        mine = self.own_assumptions.get(name, frozenset())
        return [n for n in given if n in mine or n not in inherited or n in row]

    def row_assumptions(self, name: str, bindings) -> list[str]:
        """The assumptions one verdict of rule ``name`` rests on: those of the `for each` line it came from, told
        by the kinds of the facts and verdicts it is bound to, where the rule's lines rest on different ones;
        else (or where no line tells) all the rule's."""
        lines = self.line_assumptions.get(name)
        if lines is None or not bindings:
            return self.assumptions.get(name, [])
        kinds = {v.type for v in bindings.values() if type(v) is Event}
        taken = [u for types, u in lines if types <= kinds]
        if not taken:
            return self.assumptions.get(name, [])
        used = set().union(*taken)
        return [n for n in self.assumptions.get(name, []) if n in used]

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

    def _deemed(self, d: m.Deemed, comp: Compiler, text: str) -> DeemedPlan:
        """A deemed event's plan: its triggers and its `at` cases, each read in the scope its triggers make (made once:
        a rule of thousands of `for each` and `at` lines is not scoped again for each case — the fuzzer, round 27)."""
        scope = self._scope(d.triggers)
        return DeemedPlan(d, [self._trigger(t, comp, text) for t in d.triggers],
                          [(comp.expr(c.condition, scope) if c.condition else None,
                            comp.expr(c.at, scope),
                            Step("deemed_case", {"clause": d.clause, "text": c.text}) if c.text else None,
                            isinstance(c.at, m.DayAfter))  # (`at day 3 after n`: on a day, its hour not fixed)
                           for c in d.cases] or [(None, None, None, False)])  # (`when` alone: when it held)

    def _said(self, e, text, aliases: dict | None = None, own: frozenset = frozenset()):
        """A node of the rule file as written, with its phrase for the reasons' words (engine/lang/phrase.py);
        ``aliases``: the names bound where it is read, each with its kind of fact; ``own``: the alias the
        pattern it is part of is about."""
        return self.phraser.phrase(e, _src_text(e, text), aliases, own)

    @staticmethod
    def _aliases(triggers) -> dict:
        """The names a rule's triggers bind, each with the kind of fact it is (None: a recurring period; a tuple of
        kinds: a name two `for each` lines bind to different kinds — said as 该事实, never as one of them)."""
        out = {}
        for t in triggers:
            if isinstance(t, m.ForEach):
                pairs = [(s.alias, Checker.source_type_name(s)) for s in t.pattern.sources if s.alias]
            elif isinstance(t, m.Every):
                pairs = [(t.alias, None)]
            else:
                continue
            for alias, kind in pairs:
                was = out.get(alias, kind)
                out[alias] = kind if was == kind else tuple(dict.fromkeys(
                    (*(was if isinstance(was, tuple) else (was,)), kind)))
        return out

    def _once(self, decl, comp: Compiler) -> tuple | None:
        """`once` as declared: ``(None,)``, ``(ALIAS,)``, or — `once per EXPR, …`, and several `once per` — ``(None,
        parts)``, each part ``(the values compiled, the aliases they read, the one alias they read or None, how to read
        them straight off the facts or None)``: one instance per those values, on the lines that bind those aliases
        (the first part that a line binds); where the values read one alias (`once per h.at`), its event names the
        instance, as with `once per h`."""
        once = getattr(decl, "once", None)
        if not once or len(once) == 1:
            return once
        if once[0] is not None:
            return once[:1]
        scope, kinds = self._scope(decl.triggers), self._aliases(decl.triggers)
        parts = []
        for exprs in once[1:]:
            aliases = frozenset(m.names_in(list(exprs)) & scope)
            # (the usual values — `s.subproject, s.at` — read straight off the event: this runs each time the line fires)
            plain = tuple((e.obj.name, e.name) for e in exprs if isinstance(e, m.Attribute)
                          and isinstance(e.obj, m.Name) and e.obj.name in scope
                          and (e.name in _PLAIN_READS or self._plain_attr(kinds.get(e.obj.name), e.name))) \
                if all(isinstance(e, m.Attribute) for e in exprs) else ()
            parts.append((tuple(comp.expr(e, scope) for e in exprs), aliases,
                          next(iter(aliases)) if len(aliases) == 1 else None,
                          plain if len(plain) == len(exprs) else None))
        return None, tuple(parts)

    def _plain_attr(self, kind, name: str) -> bool:
        """Whether `alias.name` of a fact of ``kind`` is its attribute as given (``attrs[name]``): a declared attribute
        of a declared kind of fact, not a datetime (one given by its day alone is read as that day)."""
        decl = next((e for e in self.checked.rules.events if e.name == kind), None) if type(kind) is str else None
        a = next((a for a in decl.attrs if a.name == name), None) if decl is not None else None
        return a is not None and a.type.kind != "datetime"

    @staticmethod
    def _scope(triggers) -> set[str]:
        """The names a rule's triggers bind (what `_aliases` lists, without their kinds)."""
        return set(Prepared._aliases(triggers))

    def _lapse(self, r: "m.Remedy | m.Life", comp: Compiler, text: str) -> "TriggerPlan | None":
        """A remedy's (or an effective's) `lapses when COND`, as the `when` trigger it is tested like (kind ``lapse``)."""
        if r.lapses_when is None:
            return None
        return dataclasses.replace(self._trigger(m.When(r.lapses_when.span, r.lapses_when), comp, text), kind="lapse")

    def _trigger(self, t, comp: Compiler, text: str) -> TriggerPlan:
        if isinstance(t, m.Every):  # waits, like `when`, for its start to be known; then runs by itself
            deps = frozenset(referenced_types(t.start, self.checked))
            start = comp.expr(t.start, set())
            return TriggerPlan("every", condition=lambda env: start(env) is not None, deps=deps, reads=deps,
                               text=self._said(t.start, text),
                               every=(t.unit if t.count is None else Anchored(t.unit, t.count), t.alias, start,
                                      comp.expr(t.until, set()) if t.until else None))
        if isinstance(t, m.When):
            items = t.condition.items if isinstance(t.condition, m.BoolOp) and t.condition.op == "and" \
                else [t.condition]
            # (and `accrued(X)`: tested again when a row of X arises — ``Evaluator.grant_remedy``; a fuzzer)
            deps = frozenset(referenced_types(t.condition, self.checked) | accrued_read(t.condition, self.checked))
            # (a total by the day grows as each day begins, with no fact: ``Evaluator.wake_as_it_accrues``; a fuzzer)
            by_day = _by_day(t.condition, self.checked)
            return TriggerPlan("when", condition=comp.expr(t.condition, set()), deps=deps, reads=deps,
                               guards=self._guards(t.condition, comp), accrued_by_day=by_day,
                               order=_named_order(t.condition), text=self._said(t.condition, text),
                               parts=[(self._said(i, text), comp.explain(i, set()), comp.expr(i, set()),
                                       comp.missed(i, set())) for i in items])
        plan = TriggerPlan("for_each", pattern=comp.pattern(t.pattern, set()), text=self._said(t.pattern, text),
                           reads=frozenset(referenced_types(t.pattern.where, self.checked)
                                           | referenced_types(t.unless, self.checked)),
                           never=never_matches(t.pattern, comp),
                           accrues=reads_accrued(t.pattern.where, self.checked))
        if t.unless is not None:
            bound = self._scope([t])
            plan.unless = comp.pattern(t.unless.pattern, bound)
            plan.unless_key = comp.key_for_source(t.unless.pattern, bound)
            plan.unless_duration = comp.duration(t.unless.duration, bound)
            plan.unless_counting = t.unless.counting or Counting.ACT
            plan.unless_text = self._said(t.unless.pattern, text, self._aliases([t]))
            ref = self.checked.params.get(t.unless.duration.ref) if t.unless.duration.ref else None
            if ref is not None and ref.is_assumption:
                plan.unless_assumption = (ref.name, ref.label or "")
            # (looked up by its key where the key decides exactly which facts can cancel it — ``exact_key`` —: n
            # windows and n facts of one instant were n² tests, every fact of the kind tried for each)
            exact = comp.exact_key(t.unless.pattern, bound) if comp.incremental else None
            plan.unless_way = Way(plan.unless, exact, False, None, False)
        return plan

    def _guards(self, condition: m.Expr, comp: Compiler, scope: frozenset = frozenset()) -> tuple:
        """A `when` condition as the `and` of its parts — through parameters defined as an `and` too (the seed's
        `performed_in_full` = `accepted and …`) —, each part compiled with the kinds of fact that it and the parts
        before it read.  The parts are tested left to right as `and` tests them; when the condition is false, the
        first false part and those before it are all that a fact can have changed, so a fact of no kind they read
        leaves it false (a payment cannot make `accepted` true: the seed's lapses are no longer tested on every
        payment before acceptance)."""
        parts = self._and_parts(condition, frozenset()) if comp.incremental else ()
        if len(parts) < 2:  # (counting in full — the reference the tests compare with — tests it whole each time)
            return ()
        out, reads = [], frozenset()
        for part in parts:
            if reads is not None and self._moves_alone(part, frozenset()):
                reads = None  # (from here on: tested again on every fact it is tested on now)
            if reads is not None:
                reads = reads | referenced_types(part, self.checked) | accrued_read(part, self.checked)
            out.append((reads, comp.expr(part, set(scope))))
        return tuple(out)

    def _moves_alone(self, e: m.Expr, seen: frozenset) -> bool:
        """Whether a part's value can change with no fact of a kind it reads: `accrued( )` of a remedy counted by the
        day grows every day; `open( )` turns false when a duty is undetermined or discharged, which no stage event
        tells; `ended` (a reviewer, round 15).  Such a part, and those after it, are tested on every fact the whole
        condition is."""
        for x in m.nodes(e):
            if isinstance(x, m.Call) and BUILTINS.get(x.function) in ("accrued", "open"):
                return True
            if isinstance(x, m.Name) and x.name not in seen:
                if x.name in self.checked.params:
                    if self._moves_alone(self.checked.params[x.name].expr, seen | {x.name}):
                        return True
                elif x.name in self.checked.periods or x.name in BUILTIN_NAMES:
                    return True
        return False

    def _and_parts(self, e: m.Expr, seen: frozenset) -> list:
        """The parts of an `and` (`all of ( )`), a parameter defined as one taken apart in its place."""
        if isinstance(e, m.BoolOp) and e.op == "and":
            return [x for item in e.items for x in self._and_parts(item, seen)]
        param = self.checked.params.get(e.name) if isinstance(e, m.Name) and e.name not in seen else None
        if param is not None and not param.is_assumption and isinstance(param.expr, m.BoolOp) \
                and param.expr.op == "and":
            return self._and_parts(param.expr, seen | {e.name})
        return [e]

    def _property(self, p: m.Property, comp: Compiler, text) -> PropertyPlan:
        scope, aliases = self._scope(p.triggers), self._aliases(p.triggers)
        sides = [[(comp.expr(c, scope), c.op, *((self._said(x, text, aliases), comp.expr(x, scope))
                                                for x in (c.left, c.right)))
                  for c in self._and_parts(h, frozenset()) if isinstance(c, m.Compare)] for h in p.holds]
        return PropertyPlan(p, [comp.pattern(t.pattern, set()) for t in p.triggers],
                            [(self._said(h, text, aliases), comp.expr(h, scope)) for h in p.holds],
                            [(self._said(n, text, aliases), comp.pattern(n, scope)) for n in p.never], sides)

    def _obligation(self, o: m.Obligation, comp: Compiler, text: str) -> ObligationPlan:
        typed = self._aliases(o.triggers)  # (the names bound, with their kinds — for the phrases)
        scope = set(typed)
        steady = scope - {t.alias for t in o.triggers if isinstance(t, m.Every)}  # (the bindings a key may read: a
        # recurring duty's period is not one — a cut moves its end)
        ways = []
        if o.fulfilled_by:
            for f in [m.Fulfilment(o.fulfilled_by.span, o.fulfilled_by, o.counting_earlier, o.earlier_since,
                                   o.exclusive), *o.alternatives]:
                inner = scope | {s.alias for s in f.pattern.sources if s.alias}
                own = {s.alias: s.type_name for s in f.pattern.sources if s.alias}
                parts = tuple((self._said(c, text, {**typed, **own}, frozenset(own) if len(own) == 1 else frozenset()),
                               comp.expr(c, inner)) for c in _conjuncts(f.pattern.where))
                pattern = comp.pattern(f.pattern, scope)
                alone = len(f.pattern.sources) == 1 and comp.pure(f.pattern.where, {f.pattern.sources[0].alias}
                                                                  if f.pattern.sources[0].alias else set())
                ways.append(Way(pattern, comp.key_for_source(f.pattern, scope), f.counting_earlier,
                                comp.expr(f.earlier_since, scope) if f.earlier_since is not None else None,
                                f.exclusive, parts, _prefilter(f, pattern, comp, scope), alone,
                                comp.retiring(f.pattern, steady), comp.decided_by_key(f.pattern, scope)))
        continuing = bool(o.deadline and (o.deadline.until is not None or o.deadline.forever))
        return ObligationPlan(
            decl=o, triggers=[self._trigger(t, comp, text) for t in o.triggers],
            debtor=comp.expr(o.debtor, scope) if o.debtor else None,
            creditor=comp.expr(o.creditor, scope) if o.creditor else None,
            ways=ways,
            fulfil_when=comp.expr(o.fulfilled_when, scope) if o.fulfilled_when else None,
            fulfil_text=self._said(o.fulfilled_when, text, typed) if o.fulfilled_when else "",
            fulfil_why=comp.explain(o.fulfilled_when, scope) if o.fulfilled_when else None,
            fulfil_deps=frozenset(referenced_types(o.fulfilled_when, self.checked)) if o.fulfilled_when else frozenset(),
            fulfil_free=o.fulfilled_when is not None and not (m.names_in(o.fulfilled_when) & scope),
            fulfil_keys=comp.cond_keys(o.fulfilled_when, steady)
            if o.fulfilled_when else None,
            excuse_deps=frozenset().union(*(referenced_types(x.condition, self.checked) for x in o.excuses
                                            if not _one_event(x.condition))),
            anchor_text=self._said(o.deadline.anchor, text, typed)
            if o.deadline and o.deadline.anchor is not None else "",
            duration_text=self._said(o.deadline.duration.expr, text, typed)
            if o.deadline and o.deadline.duration is not None and o.deadline.duration.expr is not None else "",
            duration=comp.duration(o.deadline.duration, scope) if o.deadline and not continuing and o.deadline.by is None
            else None,
            by=comp.expr(o.deadline.by, scope) if o.deadline and o.deadline.by is not None else None,
            suspensions=tuple((comp.pattern(a, scope), comp.pattern(z, scope | {s.alias for s in a.sources if s.alias}))
                              for a, z in o.suspensions),
            extensions=tuple((comp.pattern(a, scope), comp.expr(to, scope | {s.alias for s in a.sources if s.alias})
                              if to is not None else None, mode, _accel_power(comp, o.accel_powers.get(k),
                                                                              scope | {s.alias for s in a.sources if s.alias}))
                             for k, (a, to, mode) in enumerate(o.extensions)),
            pause_keys=tuple(comp.exact_key(a, scope) for a, _ in o.suspensions) + tuple(
                comp.exact_key(a, scope) for a, _, _ in o.extensions),
            resume_keys=tuple(comp.exact_key(z, scope | {s.alias for s in a.sources if s.alias}) for a, z in o.suspensions),
            ends_alone=tuple(not ((m.names_in(a.where) | m.names_in(z.where)) & set(scope)) for a, z in o.suspensions),
            pause_by_day=tuple(k in o.pause_by_day for k in range(len(o.suspensions))),
            by_text=self._said(o.deadline.by, text, typed) if o.deadline and o.deadline.by is not None else "",
            by_reads_end=bool(o.deadline and o.deadline.by is not None and reads_end(o.deadline.by, self.checked)),
            by_earliest=self.earliest_compiler.expr(o.deadline.by, scope)
            if o.deadline and o.deadline.by is not None else None,
            by_terms=self._by_terms(o.deadline.by, comp, scope, text, typed) if o.deadline and o.deadline.by is not None
            else (),
            by_deps=frozenset(referenced_types(o.deadline.by, self.checked)) if o.deadline and o.deadline.by is not None
            else frozenset(),
            until_deps=frozenset(referenced_types(o.deadline.until, self.checked))
            if continuing and o.deadline.until is not None else frozenset(),
            until_text=self._said(o.deadline.until, text, typed) if continuing and o.deadline.until is not None else "",
            until_keys=comp.value_keys(o.deadline.until, steady) if continuing and o.deadline.until is not None else None,
            by_keys=comp.value_keys(o.deadline.by, steady) if o.deadline and o.deadline.by is not None else None,
            by_nth=tuple(comp.expr(c, scope) for c in _nth_working_days(o.deadline.by))
            if o.deadline and o.deadline.by is not None else (),
            by_moved=comp.expr(o.deadline.by.args[0], scope) if o.deadline and _moved_to_working_day(o.deadline.by)
            else None,
            counting=(o.deadline.counting if o.deadline and o.deadline.counting
                      else Counting.TERM if o.deadline and o.deadline.by is not None else Counting.ACT),
            anchor=comp.expr(o.deadline.anchor, scope) if o.deadline and o.deadline.anchor else None,
            before=bool(o.deadline and o.deadline.before),
            until=(comp.expr(o.deadline.until, scope) if o.deadline.until is not None else FOREVER)
            if continuing else None,
            violated_by=comp.pattern(o.violated_by, scope) if o.violated_by else None,
            excuses=[(comp.expr(x.condition, scope), x.text or self._said(x.condition, text, typed)) for x in o.excuses],
            excuse_guards=tuple(self._guards(x.condition, comp, scope) or (
                (None if self._moves_alone(x.condition, frozenset()) else
                 frozenset(referenced_types(x.condition, self.checked) | accrued_read(x.condition, self.checked)),
                 comp.expr(x.condition, scope)),) for x in o.excuses),
            caveats=tuple((comp.expr(x.condition, scope), x.text) for x in o.caveats),
            excuse_ways=[(Way(comp.pattern(x.condition.pattern, scope), comp.key_for_source(x.condition.pattern, scope),
                              False, None, False), x.text or self._said(x.condition, text, typed), x.retro is not None)
                         for x in o.excuses if _one_event(x.condition)],
            stages={phase: f"{o.name}.{phase}" for phase in set(LIFECYCLE.values())},
        )

    def _by_terms(self, e: m.Expr, comp, scope, text, typed=None) -> tuple:
        """The values a `due by` deadline reads, each with its value (a branch's condition with its truth), where
        it is more than one value read as it is (`due by o.due` says itself).  Under `if … then … otherwise …`,
        only the cases the evaluation went through: a value of a case not taken is ``SKIPPED`` (the labour
        contract's author: a pay day chosen by the first case was explained by all eight)."""
        if isinstance(e, (m.Name, m.Attribute)):
            return ()
        inner = e.args[0] if _moved_to_working_day(e) else e  # (the move past rest days has its own words)
        terms = self._terms(inner, comp, scope, text, typed)
        if len(terms) == 1 and terms[0][0] == _src_text(e, text):
            return ()
        paths = {}
        for node, path in _term_paths(inner, (), []):  # (a value read on several paths: said on the first)
            paths.setdefault(self._said(node, text, typed), tuple((comp.expr(c, scope), want) for c, want in path))

        def taken(fn, path):
            if not path:
                return fn
            return lambda env: fn(env) if all(bool(c(env)) == want for c, want in path) else SKIPPED
        return tuple((words, kind, taken(fn, paths.get(words, ()))) for words, kind, fn in terms)

    def _terms(self, e: m.Expr, comp, scope, text, typed=None) -> tuple:
        """(rule text, type, compiled value) of each value a computed amount reads, once each."""
        seen, out = set(), []
        for node in _term_nodes(e, []):
            if isinstance(node, m.Name) and node.name in self.checked.parties:
                continue  # (a party is not a value it read: "甲方 = 甲方" — a partnership's author, round 37)
            words = self._said(node, text, typed)
            if words not in seen:
                seen.add(words)
                fn = comp.expr(node, scope)
                prm = self.checked.params.get(node.name) if isinstance(node, m.Name) else None
                if prm is not None and prm.choice_labels:  # (a reading shown in its words in Chinese: 开工当日计入)
                    fn = (lambda f, said: lambda env: _reading(f(env), said))(fn, prm.choice_labels)
                out.append((words, self.checked.expr_types.get(id(node)), fn))
        return tuple(out)

    def new_evaluation(self, as_of: datetime) -> "Evaluation":
        """An evaluation of these rules as of ``as_of``, not yet run: the reference's own ``Evaluation``
        (a backend's ``Prepared`` gives its own kind: engine/live/backend.py)."""
        from .evaluator import Evaluation  # (the replay imports the plans: this way round, at the call)

        return Evaluation(self, as_of)

    def evaluate(self, facts: list[Event], as_of: datetime) -> "Evaluation":
        ev = self._replayed(facts, as_of)
        ev = self.order_decides(ev, facts)
        ev = self.tentative_decides(ev, facts)
        self.decide_day_alone(ev, facts)
        return ev

    def _replayed(self, facts: list[Event], as_of: datetime, first: frozenset = frozenset(),
                  see_day_alone: bool = False, tentative_as: dict | None = None,
                  derived_later: dict | None = None) -> "Evaluation":
        """One replay of ``facts`` to ``as_of``; ``first``: notices of their day alone taken as before the facts later
        that day (``order_decides``); ``see_day_alone``: facts of as_of's day alone counted (``decide_day_alone``);
        ``tentative_as``: acts of a trigger's day alone taken as after it or before it (``tentative_decides``)."""
        ev = self.new_evaluation(as_of)
        ev.taken_first, ev.see_day_alone = first, see_day_alone
        if tentative_as:
            ev.tentative_as = tentative_as
        if derived_later:
            ev.derived_later = derived_later
        try:
            ev.run(facts)
        except (CalendarYearUnknown, OverflowError, ArithmeticError, ValueError) as exc:
            raise self.error(ev, exc) from None
        finally:
            ev.release()
        return ev

    def order_decides(self, ev: "Evaluation", facts: list[Event]) -> "Evaluation":
        """A notice of termination known by its day alone, facts later that day that its decision reads: ``ev`` held it
        (``termination_hour_unknown``: the contract goes on).  The day is replayed both ways — the notice before them,
        and after the last of them — and where both end the contract that day, it ended that day: the replay that took
        the notice first is the report, what the two disagree on undetermined (``Evaluation.order_decides``).  Else
        ``ev`` as it was (counsel round 27: a termination for late payment that ends the contract before or after a
        payment that day; round 41: 3.1.3 or 甲方无故解除, the contract ends either way)."""
        if len(ev.order_unknown) != 1:
            return ev
        (key, (notice, later)), = ev.order_unknown.items()
        if len(later) != 1:  # (one fact later that day: two orders are all there are — with two, the notice between
            # them may rest on no power at all: review round 43)
            return ev
        last = later[0]
        if last.moment.at <= notice.moment.at:  # (of that day alone too, at the notice's own instant: the replay would
            # take the two together, not the notice first — no order is replayed: the fuzzer, round 8)
            return ev
        at = Moment.of(last.moment.at + timedelta(seconds=1))  # (that day, after it — a second after: at its instant
        # it would be together with it, two notices of one instant both spending their powers; after 23:59:59, at 24:00)
        if at.day != notice.moment.day:
            at = Moment.end_of_day(notice.moment.day)
        see = ev.see_day_alone
        before = self._replayed(facts, ev.as_of, first=frozenset((key,)), see_day_alone=see)
        if any(f is notice for f in facts):  # (a fact of the stream: moved; an event the contract deems — a letter
            # delivered on a day —: deemed then, ``derived_later``)
            moved = Event(notice.id, notice.type, at, notice.attrs, notice.seq, notice.line, notice.because, bare=True)
            after = self._replayed([moved if f is notice else f for f in facts], ev.as_of, see_day_alone=see)
        else:
            after = self._replayed(facts, ev.as_of, see_day_alone=see, derived_later={notice.id: at})
        if before.order_unknown or after.order_unknown or before.ended is None or after.ended is None \
                or before.ended.day != notice.moment.day or after.ended.day != notice.moment.day:
            return ev
        before.order_decides(after, notice, later)
        return before

    def tentative_decides(self, ev: "Evaluation", facts: list[Event]) -> "Evaluation":
        """An act known by its day alone, of the day of the fact that set a duty off, perhaps before it (performing
        nothing) or after it (performing it): ``ev`` holds the duty undetermined — and what its performance or breach
        would set off does not happen at all.  The facts are replayed taking the act as after the trigger and as before
        it; where the two agree on the contract's end and on every event the contract deems, the first is the report,
        what the two decide differently undetermined (``Evaluation.tentative_decides``).  Else ``ev`` as it was.  One
        such act (several: as many replays as their orders — left as they are)."""
        if len(ev.tentatives) != 1 or ev.order_unknown:
            return ev
        (fid, fact), = ev.tentatives.items()
        after = self._replayed(facts, ev.as_of, ev.taken_first, tentative_as={fid: True})
        before = self._replayed(facts, ev.as_of, ev.taken_first, tentative_as={fid: False})
        if after.order_unknown or before.order_unknown or _life(after) != _life(before) \
                or _deemed(after) != _deemed(before):
            return ev
        after.tentative_decides(before, fact)
        return after

    def decide_day_alone(self, ev: "Evaluation", facts: list[Event]):
        """Facts of ``ev``'s as_of day known by the day alone, left out (``Evaluation.not_yet_known``): the replay that
        counts them is run too, and what they would decide is undetermined (``Evaluation.day_alone_decides``)."""
        if not ev.unseen:
            return
        counted = self._replayed(facts, ev.as_of, ev.taken_first, see_day_alone=True)
        ev.day_alone_decides(self.order_decides(counted, facts))  # (the facts counted may end the contract either way)

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
                day = Moment.of(at).day
                if day in ev.bare_days and at > Moment.start_of_day(day).at or day == ev.unseen_day \
                        or ev.needs_replays():  # (or what ``evaluate`` decides by replaying again)
                    # (a fact or event of this day known by the day alone, taken by the replay before this instant, may
                    # come after it; or one the replay leaves out — of the last instant's day — may come before it)
                    yield at, self.evaluate(facts, at)
                else:  # (its own as_of with facts of that day alone left out is the case above: evaluated apart)
                    yield at, ev
                if ev.cut_short:  # (a notice known by its day alone decided on what was known at this instant: the
                    # later instants, which know more of that day, are evaluated each on its own)
                    for a in later[later.index(at) + 1:]:
                        yield a, self.evaluate(facts, a)
                    return
        finally:
            ev.release()

    def year_error(self, ev: "Evaluation", exc: CalendarYearUnknown, rule=None) -> QiyueError:
        """What stops an evaluation that needs a year no calendar knows (unless the rule file chose a fallback):
        the rule that needed it (its deadline's place, or its own), the fact being taken then (by its line), the
        day the count reached, the year and the years known; the hint says how to add it or choose a fallback."""
        rule = rule if rule is not None else ev.current_rule
        deadline = getattr(rule, "deadline", None)
        span = getattr(deadline, "span", None) or getattr(rule, "span", None)
        where = dict(span=span, year=exc.year, known=year_ranges(exc.known_years),
                     clause=getattr(rule, "clause", None),
                     day=exc.day.isoformat() if exc.day is not None else str(exc.year),
                     hint="hint:calendar_year_unknown")
        fact = ev.current_fact
        if fact is not None and fact.line is not None:
            return QiyueError([diag("calendar_year_unknown.fact", id=fact.id, line=fact.line, **where)])
        return QiyueError([diag("calendar_year_unknown", **where)])

    def error(self, ev: "Evaluation", exc: Exception) -> QiyueError:
        """What stopped a replay, as a diagnostic naming the rule (and the fact) it came from."""
        if isinstance(exc, CalendarYearUnknown):  # (a need no rule's own count caught first)
            return self.year_error(ev, exc)
        rule, fact = ev.current_rule, getattr(exc, "fact", None) or ev.current_fact  # (the fact a bad value came from)
        fact = _origin(ev, fact) or _origin(ev, ev.current_fact) or next(
            (x for x in (_origin(ev, v) for v in ev.current_b.values() if type(v) is Event) if x is not None), None)
        error = _why(exc)
        kind = exc.msg[0] if isinstance(exc, LengthError) else None
        # (a length that is no period — negative, a part of a day, not whole minutes — is not "out of range": fuzz 40)
        code = "not_comparable" if kind == "values_not_comparable" else "bad_length" if kind in _BAD_LENGTHS else \
            "out_of_range"
        hint = "hint:division_by_zero.fact" if isinstance(exc, ZeroDivisionError) else f"hint:{code}"
        where = dict(span=rule.span if rule else None, error=error, clause=rule.clause if rule else None, hint=hint)
        if fact is not None and fact.line is not None:  # the fact that set it off, by its line
            return QiyueError([diag(f"{code}.fact", id=fact.id, line=fact.line, **where)])
        return QiyueError([diag(code, **where)])


# what `once per` reads straight off an event (``Prepared._once``): its instant and its id; a declared attribute of a
# fact too (``_plain_attr``)
_PLAIN_READS = frozenset({"at", "id"})


_BAD_LENGTHS = frozenset({"length_negative", "length_not_whole", "length_not_whole_minutes"})


def _origin(ev: "Evaluation", fact):
    """The fact of the stream — with its line — that a derived event goes back to: a deemed event to the fact it was
    deemed from (`source`), a duty's stage to the facts its duty bound (the fuzzer, round 29: an error in a rule set off
    by a deemed event or a breach named no fact).  Only on the way to an error: the history is searched."""
    for _ in range(64):  # (a chain of derived events is short; bounded all the same)
        if fact is None or fact.line is not None:
            return fact
        bound = [v for v in fact.attrs.values() if type(v) is Event]
        if bound:
            fact = next((v for v in bound if v.line is not None), bound[0])
            continue
        source = fact.attrs.get("source")
        if type(source) is not str:
            return None
        fact = next((e for kind in ev.history.values() for e in kind if e.id == source), None)
    return None


def _why(exc: Exception):
    """What went wrong in a replay, in words of the catalogue (Python's own English only where nothing fits: a
    period's name, say): a division by zero, a length, a date past the years a calendar has (1 to 9999), a number
    past what is computed exactly."""
    if isinstance(exc, ZeroDivisionError):
        return Msg("division_by_zero", {})
    if isinstance(exc, LengthError):
        return Msg(*exc.msg)
    text = str(exc)
    if isinstance(exc, OverflowError) or ("out of range" in text and ("year" in text or "date" in text)):
        return Msg("word:date_out_of_range", {"detail": text})
    if isinstance(exc, ArithmeticError) or "out of range" in text:
        return Msg("word:number_out_of_range", {"detail": text})
    return text


def _prefilter(f: m.Fulfilment, pattern: PatternPlan, comp: Compiler, scope: set) -> PatternPlan | None:
    """Of a `counting earlier` way of one source, the parts of its where-clause that read the fact alone
    and constants (`n.subject == "address_change"`), as a pattern (``Way.prefilter``); None if none."""
    alias = pattern.names[0]
    if not f.counting_earlier or len(pattern.sources) != 1 or f.pattern.where is None:
        return None
    pure = [c for c in _conjuncts(f.pattern.where) if comp.pure(c, {alias})]
    if not pure:
        return None
    where = comp.expr(pure[0] if len(pure) == 1 else m.BoolOp(f.pattern.where.span, "and", pure), scope | {alias})
    return PatternPlan(pattern.sources, where, {})


def _assumption_label(cond, checked) -> str | None:
    """The label of the first assumption ``cond`` (`per day only if COND`) reads, None without one."""
    name = next(iter(referenced_assumptions(cond, checked)), None) if cond is not None else None
    return checked.params[name].label if name is not None else None


def _life(ev) -> tuple:
    """When and how the contract took effect and ended, as a replay found it (``tentative_decides``)."""
    return tuple((x.type, x.moment.at) if x is not None else None for x in (ev.effective_by, ev.ended_by))


def _deemed(ev) -> list:
    """The events the contract deemed in a replay, by name and instant (``tentative_decides``)."""
    return sorted((name, e.moment.at) for name in ev.p.deemed_types for e in ev.history.get(name, ()))


def _unrounded(amount):
    """A one-off amount computed in money (``P% of X``, ``X × 0.2%``, ``min(X × 0.2%, ¥100.00)``) with no step of it
    rounded to the fen — to tell an amount under half a fen from nothing (review round 44) —, or None where no step
    of it is rounded."""
    if not isinstance(amount, m.Expr):
        return None
    changed = {}
    for f in dataclasses.fields(amount):
        v = getattr(amount, f.name)
        if isinstance(v, m.Expr):
            new = _unrounded(v)
            if new is not None:
                changed[f.name] = new
        elif isinstance(v, (list, tuple)) and any(isinstance(x, m.Expr) for x in v):
            items = [(_unrounded(x) if isinstance(x, m.Expr) else None) for x in v]
            if any(x is not None for x in items):
                changed[f.name] = type(v)(n if n is not None else x for x, n in zip(v, items))
    if isinstance(amount, (m.Arith, m.PercentOf, m.ShareOf)) and amount.kind == "money":
        changed["kind"] = None
    return dataclasses.replace(amount, **changed) if changed else None


def _named_in(name: str, text: str) -> bool:
    """Whether a note names an assumption: its name whole, not as part of a longer word (a note "见假定 payment_term"
    does not name `term`, nor does "deterministic" — fuzz round 43)."""
    return name in text and re.search(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", text) is not None


def _instants_read(amount) -> frozenset:
    """The facts whose `.at` an amount reads, each as the path to it from an alias (`(r.at - p.at) ÷ 24 hours`:
    ("r",), ("p",); `y.p.at`, the pick-up a duty's stage was bound to: ("y", "p"))."""
    if amount is None:
        return frozenset()
    out = set()
    for n in m.nodes(amount):
        if isinstance(n, m.Attribute) and n.name == "at":
            path, obj = [], n.obj
            while isinstance(obj, m.Attribute) and len(path) < 4:
                path.append(obj.name)
                obj = obj.obj
            if isinstance(obj, m.Name):
                out.add((obj.name, *reversed(path)))
    return frozenset(out)
