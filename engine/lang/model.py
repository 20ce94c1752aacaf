"""The typed model of a rule file: what the parser builds and the checker reads.

Every node keeps its ``Span`` so that any later error can point at the source.  The
model is plain data: no evaluation happens here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..time.timecalc import Counting, Unit


@dataclass(frozen=True)
class Span:
    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


NOWHERE = Span("<builtin>", 0, 0, 0, 0)


# ---------------------------------------------------------------- expressions

@dataclass
class Expr:
    span: Span


@dataclass
class Literal(Expr):
    value: Any
    kind: str  # money, percent, number, date, text, bool, duration


@dataclass
class Name(Expr):
    name: str


@dataclass
class Attribute(Expr):
    obj: Expr
    name: str


@dataclass
class Index(Expr):
    obj: Expr
    key: Expr


@dataclass
class PercentOf(Expr):
    percent: Decimal  # 1% -> Decimal("0.01")
    text: str
    of: Expr
    kind: str | None = None  # the result's type, set by the checker: "money" is rounded to the fen


@dataclass
class ShareOf(Expr):
    """`late_rate of amount`: a named percentage of a value."""
    rate: Expr
    of: Expr
    kind: str | None = None


@dataclass
class Conditional(Expr):
    """`if COND then A otherwise B` (如 … 则 … 否则 …): a value by cases — a score of 90 or more
    pays in full, less in proportion."""
    condition: Expr
    then: Expr
    otherwise: Expr
    kind: str | None = None


@dataclass
class BoolOp(Expr):
    op: str  # and | or
    items: list[Expr]
    written: str | None = None  # the word as written (且, or), for a message that quotes it


@dataclass
class Not(Expr):
    item: Expr


@dataclass
class Compare(Expr):
    op: str  # >= <= == != > <
    left: Expr
    right: Expr


@dataclass
class Arith(Expr):
    op: str  # + - * / (also written × ÷)
    left: Expr
    right: Expr
    kind: str | None = None  # the result's type, set by the checker: "money" is rounded to the fen


@dataclass
class Source:
    span: Span
    type_name: str
    lifecycle: str | None  # triggered | fulfilled | violated | excused, for OBLIGATION.violated
    alias: str | None


@dataclass
class Pattern:
    span: Span
    sources: list[Source]
    where: Expr | None


@dataclass
class Exists(Expr):
    pattern: Pattern


@dataclass
class Count(Expr):
    pattern: Pattern


@dataclass
class Sum(Expr):
    value: Expr
    pattern: Pattern


@dataclass
class Mean(Sum):
    """mean(VALUE for each PATTERN): the sum over the count (unknown when nothing matches)."""


@dataclass
class Consecutive(Sum):
    """consecutive(UNIT, PERIOD for each PATTERN): the most calendar periods in a row (weeks, months,
    quarters, years) that some match's PERIOD falls in — a label (2026-03), a date or an instant."""
    unit: str = "months"


@dataclass
class First(Expr):
    pattern: Pattern


@dataclass
class DurationExpr:
    span: Span
    amount: int | None = None
    unit: Unit | None = None
    ref: str | None = None  # a param holding a duration
    expr: "Expr | None" = None  # a length a fact gives (`within o.days days`): a ScaledDuration, known when evaluated


@dataclass
class Passed(Expr):
    duration: DurationExpr
    counting: Counting | None
    since: Expr


@dataclass
class EndOf(Expr):
    duration: DurationExpr
    counting: Counting | None
    after: Expr


@dataclass
class DayAfter(Expr):
    day: int
    after: Expr


@dataclass
class Call(Expr):
    function: str
    args: list[Expr]
    kind: str | None = None  # min, max, round…: the result's type, set by the checker


@dataclass
class DurationValue(Expr):
    duration: DurationExpr


@dataclass
class ScaledDuration(Expr):
    """A length a value gives, counted in a unit: `e.days days` (顺延 by the days an agreement
    names), `(n + 1) hours`.  Known when it is evaluated: a whole number of days, weeks, months,
    working days or years; hours and minutes in whole minutes."""
    value: Expr
    unit: object  # a Unit, or "weeks" (7 days each)


# ---------------------------------------------------------------- declarations

@dataclass
class AttrType:
    kind: str  # int number money bool date datetime text party ref enum
    low: int | Decimal | None = None  # (int, number, money: the declared range; money without one: 0..)
    high: int | Decimal | None = None
    values: tuple[str, ...] = ()
    value_labels: dict = field(default_factory=dict)  # an enum value -> how a report words it
    spans: dict = field(default_factory=dict)  # (ref: where each fact type it may name is written)

    def describe(self) -> str:
        if self.kind in ("int", "number", "money") and (self.low is not None or self.high is not None):
            return (f"{self.kind} {self.low if self.low is not None else ''}.."
                    f"{self.high if self.high is not None else ''}")
        if self.kind == "enum":
            return "one of (" + ", ".join(self.values) + ")"
        if self.kind == "ref" and self.values:
            return "ref (" + ", ".join(self.values) + ")"
        return self.kind

    def labelled(self, given) -> str | None:
        """The one-of value the rule file labels with the text given (`express "特快专递"` for "特快专递"), worded
        `express（特快专递）` for a refusal to offer — of a fact's field or a rule's comparison (user round 23)."""
        if self.kind != "enum" or type(given) is not str or not given.strip():
            return None
        g = given.strip()
        exact = next((f"{v}（{label}）" for v, label in self.value_labels.items() if label == g), None)
        if exact is not None:
            return exact
        # (else the one label the text begins: "微信" for `wechat "微信消息"` — user round 27; not a text going on past a
        # label, "短信以外的方式", which may say the opposite — review round 43)
        near = [f"{v}（{label}）" for v, label in self.value_labels.items() if label and label.startswith(g)]
        return near[0] if len(near) == 1 else None


@dataclass
class AttrDecl:
    span: Span
    name: str
    type: AttrType
    optional: bool = False
    default: Any = None
    has_default: bool = False
    default_kind: str | None = None  # the default's literal kind as written (money, percent, number, date, text, bool)
    label: str | None = None
    ahead: bool = False  # (`ref ahead`: may name a fact still to come — an advance notice names the change it announces)


@dataclass
class Requirement:
    span: Span
    attr: str
    when: Expr


@dataclass
class EventDecl:
    span: Span
    name: str
    label: str | None
    attrs: list[AttrDecl]
    requirements: list[Requirement]
    clause: str | None = None


@dataclass
class Party:
    span: Span
    name: str
    label: str | None
    role: str | None


@dataclass
class Param:
    span: Span
    name: str
    label: str | None
    expr: Expr
    is_assumption: bool = False
    explanation: str | None = None
    stated: Decimal | None = None
    stated_span: Span | None = None
    words: str | None = None
    clause: str | None = None
    choices: tuple[str, ...] = ()  # an assumption's possible readings: `= "a" one of ("a", "b")`
    overridden: str | None = None  # the value `--assume` gave for this run, as written
    choices_span: Span | None = None
    choice_labels: dict = field(default_factory=dict)  # a reading -> how a report words it (`one of ("a" "甲", …)`)


@dataclass
class PeriodDecl:
    span: Span
    name: str
    label: str | None
    duration: DurationExpr
    counting: Counting | None
    anchor: Expr
    clause: str | None = None


@dataclass
class Column:
    span: Span
    name: str
    type: AttrType
    label: str | None


@dataclass
class Row:
    span: Span
    key: int
    values: list[Any]
    kinds: list[str] = field(default_factory=list)  # each cell's literal kind (money, percent, number, date, text, bool)
    written: list[str] = field(default_factory=list)  # …and as the rule file writes it (what a message quotes)


@dataclass
class Table:
    span: Span
    name: str
    label: str | None
    columns: list[Column]
    rows: list[Row]
    total: Decimal | None = None
    total_words: str | None = None
    total_span: Span | None = None
    clause: str | None = None


@dataclass
class Unless:
    span: Span
    pattern: Pattern
    duration: DurationExpr
    counting: Counting | None


@dataclass
class ForEach:
    span: Span
    pattern: Pattern
    unless: Unless | None = None


@dataclass
class When:
    span: Span
    condition: Expr


@dataclass
class Every:
    """`every month p from START until END`: a duty for each calendar period (week, month, quarter,
    year) from START until END, the first and the last cut to them; ``alias`` is the period, with
    its start, end, last day and label ("2026-03")."""
    span: Span
    unit: str  # weeks | months | quarters | years
    alias: str
    start: Expr
    until: Expr | None  # (required: the checker refuses a recurrence without an end)
    alias_span: Span | None = None
    count: int | None = None  # `every 3 months`: periods of that many units counted from START's day (timecalc.Anchored)


Trigger = ForEach | When | Every


@dataclass
class Deadline:
    span: Span
    duration: DurationExpr
    counting: Counting | None
    anchor: Expr | None
    before: bool = False  # `within 10 days before EVENT`: the period ends before the anchor
    until: Expr | None = None  # `until MOMENT`: a continuing duty, kept when it reaches that moment
    forever: bool = False  # `without end`: a continuing duty that never ends (长期有效)
    by: Expr | None = None  # `due by MOMENT`: performed by that instant (次月第5个工作日24时); ``counting`` ACT
    # (`due by MOMENT as act`): the days a pause or an extension adds are a period to act in (第203条), else TERM


@dataclass
class Excuse:
    span: Span
    condition: Expr
    text: str | None
    # `excused if exists(…) retroactively`: the span of that word — the exception applies also when its fact comes
    # after the deadline (the breach withdrawn)
    retro: Span | None = None


@dataclass
class Obligation:
    span: Span
    name: str
    label: str | None
    clause: str
    debtor: Expr | None = None
    creditor: Expr | None = None
    triggers: list[Trigger] = field(default_factory=list)
    fulfilled_by: Pattern | None = None
    counting_earlier: bool = False
    earlier_since: Expr | None = None  # count earlier events only from this moment on
    exclusive: bool = False  # `exclusively`: a fact fulfils one instance only (the oldest open)
    alternatives: list["Fulfilment"] = field(default_factory=list)  # `or by PATTERN …`
    fulfilled_when: Expr | None = None
    violated_by: Pattern | None = None  # a continuing duty is breached by such an event
    deadline: Deadline | None = None
    excuses: list[Excuse] = field(default_factory=list)
    # `caveat if COND "…"`: said beside a breach while COND holds (the status stays): a reading left to be judged
    caveats: list[Excuse] = field(default_factory=list)
    suspensions: list = field(default_factory=list)  # (pattern that suspends it, pattern that resumes it)
    # `… until … counted by day`: the index of the suspension in ``suspensions`` -> the span of those words (the pause
    # counted in calendar days, its first day in and the day it ends out, not in days of 24 hours)
    pause_by_day: dict = field(default_factory=dict)
    # `accelerated by … exercises POWER [held by X]`: the index of the acceleration in ``extensions`` -> (the remedy
    # that is the right to accelerate, its holder or None, the span of `exercises`)
    accel_powers: dict = field(default_factory=dict)
    # `accelerated by … with later periods`: the index of the acceleration in ``extensions`` -> the span of those words
    # (a recurring duty's periods not yet begun fall due with it)
    accel_later: dict = field(default_factory=dict)
    extensions: list = field(default_factory=list)  # (pattern of the agreement, the moment it extends to | the length it adds, "until" | "for")
    notes: list[str] = field(default_factory=list)
    # `once` / `once per ALIAS` / `once per EXPR, …` (several: one part each): at most one instance (per that event,
    # per those values) — as ``parser._join_once`` builds it
    once: tuple | None = None
    survives: bool = False  # kept alive after the contract ends (民法典第567条)
    survives_if: Expr | None = None  # `survives only if COND`: COND over assumptions, decided when checked
    parts: list[tuple[str, Span]] = field(default_factory=list)  # each item as written, to refuse duplicates


@dataclass
class Fulfilment:
    """One way an obligation is performed: `fulfilled by PATTERN [counting earlier [since X]] [exclusively]`."""

    span: Span
    pattern: Pattern
    counting_earlier: bool = False
    earlier_since: Expr | None = None
    exclusive: bool = False


@dataclass
class Remedy:
    span: Span
    name: str
    label: str | None
    clause: str
    holders: list[Expr] = field(default_factory=list)  # one remedy per holder
    triggers: list[Trigger] = field(default_factory=list)
    amount: Expr | None = None
    per_day: bool = False  # the amount accrues for each day since the remedy arose
    per_day_if: Expr | None = None  # `per day only if COND`: COND over assumptions, decided when checked
    per_hour: bool = False  # the amount accrues for each hour begun since the remedy arose (不足1小时的按1小时计)
    per_hour_if: Expr | None = None  # `per hour only if COND`: as `per day only if`
    # `amount EXPR only if COND`: COND over assumptions, decided when checked; false, the remedy has no amount
    # (a power to terminate whose damages another reading gives a remedy of their own)
    amount_if: Expr | None = None
    # `each day counted once`: a day on which several rows of the remedy (for one holder) run is
    # counted by the earliest row only
    each_day_once: bool = False
    each_day_once_if: Expr | None = None
    # `recomputed daily`: each day's amount is computed anew on the facts before that day began
    # (interest on what is still unpaid after part payments)
    recomputed: bool = False
    # `recomputed daily at day end`: each day on the facts up to its end — a payment during a day counts for that day
    # (interest "至还款之日（不含当日）", 算头不算尾: the drawdown day bears it, the repayment day does not)
    recomputed_at_end: bool = False
    cap: Expr | None = None  # `total at most EXPR`: what all its rows (for one holder) come to at most
    cap_per: str | None = None  # `… per month`: in each calendar period (by when each row arose)
    row_cap: Expr | None = None  # `each at most EXPR`: what each row comes to at most (it may read the trigger)
    row_floor: Expr | None = None  # `each at least EXPR`: what a row that comes to anything comes to at least
    notes: list[str] = field(default_factory=list)
    # `caveat if COND "…"`: said in a row's reasons when COND holds as it arises (as a duty's beside its breach)
    caveats: list = field(default_factory=list)
    once: tuple | None = None  # (as an obligation's)
    survives: bool = False
    survives_if: Expr | None = None
    parts: list[tuple[str, Span]] = field(default_factory=list)
    # `alternative to A, B`: remedies of which the holder takes one (定金或者违约金; 全部价款或者解除合同):
    # the report says so, and a power to terminate among them, once exercised, ends the others
    alternatives: list[tuple[str, Span]] = field(default_factory=list)
    # `lapses when COND`: from the instant COND first holds the remedy is gone — held rows lapse, none arises after
    lapses_when: Expr | None = None
    # `exercise within DURATION` / `exercise until EXPR` (行使期限): a power to terminate the contract gives a period to
    # exercise in (民法典第564条第1款) — it lapses unused at its end, in place of the year of 第564条第2款
    exercise_within: "DurationExpr | None" = None
    exercise_counting: object = None  # (`as term` / `as act`: how the period is counted; by default as a period to act)
    exercise_until: Expr | None = None
    # `settled by PATTERN` (清偿事件): a fact that pays a row (damages paid, a balance refunded) — the row is settled,
    # no longer claimable; what it came to is still counted by `accrued( )`
    settled_by: Pattern | None = None

    @property
    def accrues(self) -> bool:
        """Whether its amount grows with time (`per day` or `per hour`) rather than being owed once."""
        return self.per_day or self.per_hour


@dataclass
class DeemedCase:
    span: Span
    condition: Expr | None  # None: always (a plain `at`)
    at: Expr
    text: str | None


@dataclass
class Otherwise:
    span: Span
    code: str
    severity: str
    message: str


@dataclass
class Deemed:
    span: Span
    name: str
    label: str | None
    clause: str
    triggers: list[Trigger] = field(default_factory=list)
    cases: list[DeemedCase] = field(default_factory=list)
    otherwise: Otherwise | None = None
    notes: list[str] = field(default_factory=list)
    once: tuple | None = None  # (as an obligation's)
    survives: bool = False
    survives_if: Expr | None = None
    parts: list[tuple[str, Span]] = field(default_factory=list)


@dataclass
class Life:
    """`effective NAME { when … }` (what puts the contract in force) or `termination NAME { for each … }`
    (a fact that ends it, on one ground).  Each names the event it produces."""

    span: Span
    kind: str  # effective | termination
    name: str
    label: str | None
    clause: str | None
    triggers: list[Trigger] = field(default_factory=list)
    exercises: str | None = None  # the remedy (a power to terminate) this ground uses up
    exercises_span: Span | None = None
    held_by: Expr | None = None  # the party who must hold it
    # `ends only RULE, …` of a termination of part of the contract (撤销尚未支付部分的赠与, 第658条; a partner excluded,
    # 第969条): the rules it ends, each (name, span, alias, condition) — of a duty, with `ALIAS where COND`, only the
    # rows the condition names (ALIAS its `triggered` stage) —; the rest of the contract stays in force; None: the whole
    # contract
    ends_only: list[tuple] | None = None
    notes: list[str] = field(default_factory=list)
    # `at MOMENT` (`if COND: at MOMENT`): a termination decided at its fact that ends the contract later — 第946条's
    # notice 60 days ahead, a licence ended "自通知送达之日起第90日"; none: at the fact itself
    ends_at: list[DeemedCase] = field(default_factory=list)
    # `lapses when COND` of an `effective`: from the instant COND first holds with the contract not yet in force, it
    # never takes effect (民法典第158条: a condition precedent that can no longer be met — 定金 not paid in time)
    lapses_when: Expr | None = None
    parts: list = field(default_factory=list)  # (kind, span) of each part as written: two of one kind are refused


@dataclass
class FindingRule:
    span: Span
    code: str
    severity: str
    message: str
    clause: str
    triggers: list[Trigger] = field(default_factory=list)
    # `once` / `once per …`: one finding for a thing recorded twice, as an obligation's (deduction_without_bond of one
    # failed acceptance recorded twice: once — counsel rounds 35, 45)
    once: tuple | None = None
    parts: list = field(default_factory=list)  # (kind, span) of each part as written


@dataclass
class Property:
    """What must always hold, whatever the facts: for each match of the `for each` pattern (or once
    when there is none), ``holds`` is true at the end of the evaluation, and no match of ``never``
    exists.  `qiyue verify` searches for fact streams where it does not."""
    span: Span
    name: str
    label: str | None
    clause: str
    triggers: list = field(default_factory=list)
    holds: list = field(default_factory=list)  # conditions
    never: list = field(default_factory=list)  # patterns
    notes: list[str] = field(default_factory=list)
    parts: list = field(default_factory=list)


@dataclass
class Verify:
    """A check of the contract's own numbers, e.g. that the installments add up to the total."""

    span: Span
    condition: Expr
    text: str
    clause: str | None = None


@dataclass
class Clause:
    span: Span
    number: str
    title: str | None
    quote: str | None = None


@dataclass
class Contract:
    span: Span
    id: str
    title: str | None
    numbers: dict[str, str] = field(default_factory=dict)
    calendar_files: list[tuple[str, Span]] = field(default_factory=list)
    calendar_fallback: str | None = None
    calendar_fallback_span: Span | None = None
    number_spans: dict[str, Span] = field(default_factory=dict)  # (party -> where its number is written)
    # what the header says twice — ("number", party, span) or ("fallback", value, span) —, for the checker to refuse
    repeated: list[tuple[str, str, Span]] = field(default_factory=list)


@dataclass
class RuleFile:
    """Everything one rule file declares, in source order within each kind."""

    path: str
    text: str
    contract: Contract | None = None
    parties: list[Party] = field(default_factory=list)
    params: list[Param] = field(default_factory=list)
    periods: list[PeriodDecl] = field(default_factory=list)
    events: list[EventDecl] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)
    remedies: list[Remedy] = field(default_factory=list)
    deemed: list[Deemed] = field(default_factory=list)
    findings: list[FindingRule] = field(default_factory=list)
    verifications: list[Verify] = field(default_factory=list)
    properties: list[Property] = field(default_factory=list)
    effective: list[Life] = field(default_factory=list)
    terminations: list[Life] = field(default_factory=list)


def names_in(root) -> set[str]:
    """The names an expression (or anything of the model) reads — aliases, parameters, assumptions; none of None."""
    return {n.name for n in nodes(root) if isinstance(n, Name)} if root is not None else set()


def nodes(root):
    """Every node under ``root`` (a rule file, a rule, an expression), each once, without recursion:
    for the questions asked of a whole file (which remedies `accrued( )` reads, which constants it names)."""
    from datetime import date
    from decimal import Decimal

    stack, seen = [root], set()
    while stack:
        x = stack.pop()
        if x is None or isinstance(x, (str, int, float, bool, Decimal, date, Span)) or id(x) in seen:
            continue
        seen.add(id(x))
        yield x
        if isinstance(x, (list, tuple)):
            stack.extend(x)
        elif isinstance(x, dict):
            stack.extend(x.values())
        elif hasattr(x, "__dataclass_fields__"):
            stack.extend(getattr(x, f) for f in x.__dataclass_fields__)
