"""The words of qiyue's messages, in Chinese and in English: data, not code.

Every message that ``qiyue check`` (and the loading of facts, calendars and files) can give
is one entry of ``CATALOGUE``: a key, a Chinese template and an English template with
named arguments (``str.format`` fields).  A diagnostic carries the key and the arguments,
never finished text, so the same error reads in either language::

    Msg("unknown_event", {"name": "deliverd"}).text("zh")   # 没有名为 “deliverd” 的事件类型
    Msg("unknown_event", {"name": "deliverd"}).text("en")   # no event type named 'deliverd'

Keys:

* ``CODE`` or ``CODE.variant`` — a diagnostic's message; CODE is its stable ``code``;
* ``hint:…`` — how to fix it (rendered with the same arguments as its message);
* ``word:…`` — a word or phrase used inside other messages (a type, a role, a part of a rule).

An argument may itself be a ``Msg`` (rendered in the same language), a list (joined with
"、" in Chinese, ", " in English) or a ``Choice`` (alternatives: "或" / " or ").
Identifiers, codes, rule text and file names are arguments: they are never translated.
"""
from __future__ import annotations

import functools
import re
import string
from dataclasses import dataclass, field
from types import MappingProxyType
from decimal import Decimal
from typing import Mapping
from .lang.limits import LONGEST

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"


@dataclass(frozen=True)
class Msg:
    """A message (or a phrase) by its catalogue key and arguments, in no language yet."""

    key: str
    args: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: str = DEFAULT_LANG) -> str:
        return render(self.key, self.args, lang)


def word(key: str, **args) -> Msg | str:
    """The phrase ``word:KEY``; a key the catalogue lacks gives back KEY's last part itself."""
    full = f"word:{key}"
    return Msg(full, args) if full in CATALOGUE else key.rpartition(".")[2]


@dataclass(frozen=True)
class Choice:
    """Alternatives: "A or B or C …" / "A或B或C…" (each item an expected phrase, translated)."""

    items: tuple[str, ...]
    more: bool = False

    def text(self, lang: str) -> str:
        items = [expected_text(i, lang) for i in self.items]
        if lang == "zh":
            return "或".join(f"“{i}”" for i in items) + ("等" if self.more else "")
        return " or ".join(items) + (" …" if self.more else "")


class Refusal(ValueError):
    """A ValueError whose words are a catalogue message (callers that catch ValueError still do)."""

    def __init__(self, key: str, **args):
        self.msg = Msg(key, args)
        super().__init__(self.msg.text("en"))


class _Args(dict):
    def __missing__(self, key):  # a template naming an argument nobody gave: shown, never a crash
        return "{" + key + "}"


def render(key: str, args: Mapping[str, object], lang: str = DEFAULT_LANG) -> str:
    zh, en = CATALOGUE[key]
    quoted = _quoted_fields(key)
    return (zh if lang == "zh" else en).format_map(
        _Args({k: _value(v, lang, k in quoted) for k, v in args.items()}))


# A field a template quotes: written {name!r}, or just after an opening quote (“{name}”, '{name}').
_QUOTED_FIELD = re.compile(r"""[“‘'"]\{(\w+)[^}]*\}|\{(\w+)![ra]""")


@functools.lru_cache(maxsize=None)  # (one entry per catalogue key)
def _quoted_fields(key: str) -> frozenset[str]:
    """The arguments ``key``'s templates quote: a value the user wrote (a name, a token, a cell, an id)."""
    return frozenset(a or b for t in CATALOGUE[key] for a, b in _QUOTED_FIELD.findall(t))


def _value(v, lang: str, quoted: bool = False):
    if isinstance(v, (Msg, Choice)):
        return v.text(lang)
    if quoted and isinstance(v, str):
        return _short_quoted(v, lang)
    if isinstance(v, (list, tuple)):
        return ("、" if lang == "zh" else ", ").join(str(_value(x, lang)) for x in v)
    if isinstance(v, (int, Decimal, str)) and not isinstance(v, bool):
        short = _long_number(v, lang)
        if short is not None:
            return short
        if isinstance(v, str) and len(v) > LONG_TEXT:  # a huge input is never echoed in full
            return _Shown(render("word:long_text", {"head": v[:300], "tail": v[-100:], "chars": len(v)}, lang))
    return v


class _Shown(str):
    """A long number shown by its first and last digits: quoted and formatted as itself
    (``{value!r}``, ``{amount:,.2f}`` in a template take it as it is)."""

    def __format__(self, spec):
        return str(self)

    def __repr__(self):
        return str(self)


LONG_TEXT = 1000  # a text argument longer than this (a pasted file, a megabyte token) is shown by its ends
SHORT_QUOTED = 80  # a quoted value longer than this, escapes counted, is shown by its ends and its length
_QUOTED_HEAD, _QUOTED_TAIL = 56, 16


class _Quoted(str):
    """A quoted value shortened before it is quoted: ``{value}`` is its ends with "…" between them,
    ``{value!r}`` the same quoted and escaped as repr would — neither more than SHORT_QUOTED
    characters however the value's characters escape (1,000 backslashes made 2,000) — and either
    is followed by the value's length."""

    def __new__(cls, plain: str, quoted: str):
        self = super().__new__(cls, plain)
        self.quoted = quoted
        return self

    def __format__(self, spec):
        return str(self)

    def __repr__(self):
        return self.quoted


def _escaped_width(ch: str) -> int:
    """How many characters ``ch`` takes inside a repr (a quote may be escaped: counted as two)."""
    return 2 if ch in "'\"" else len(repr(ch)) - 2


def _ends(v: str, budget: int, from_end: bool = False) -> str:
    """The longest start (or end) of ``v`` whose escaped form fits in ``budget`` characters."""
    used, n = 0, 0
    for ch in (reversed(v) if from_end else v):
        used += _escaped_width(ch)
        if used > budget:
            break
        n += 1
    return (v[len(v) - n:] if n else "") if from_end else v[:n]


_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")  # (Hangul fillers, the braille blank: letters that show nothing)


def _unseen(ch: str) -> bool:
    """A character a reader cannot see in a quoted value (repr prints it as it is: it is "printable")."""
    if ch in _FILLERS:
        return True
    if ch.isascii():
        return False
    import unicodedata
    return unicodedata.category(ch) in ("Mn", "Me", "Cf", "Zs", "Co", "Cn")


def _repr(v: str) -> str:
    """repr(v), with the characters that show nothing written as their code (\\u3164) — a reference
    'g\\u3164' names no fact, not a 'g' that looks right."""
    out = repr(v)
    if v.isascii() or not any(map(_unseen, v)):
        return out
    return "".join((f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}") if _unseen(c) else c for c in out)


def _short_quoted(v: str, lang: str) -> str:
    """``v`` itself when it is short written out and escaped, else a _Quoted: its first and last
    characters and its length — shortened before it is quoted or escaped."""
    if len(v) <= SHORT_QUOTED and sum(map(_escaped_width, v)) <= SHORT_QUOTED:
        return v if v.isascii() or not any(map(_unseen, v)) else _Quoted(v, _repr(v))
    head = _ends(v, _QUOTED_HEAD)
    tail = _ends(v[len(head):], _QUOTED_TAIL, from_end=True)
    cut = f"{head}…{tail}"
    length = render("word:text_length", {"chars": f"{len(v):,}"}, lang)
    return _Quoted(cut + length, _repr(cut) + length)


LONG_DIGITS = 30  # a number of more digits is never echoed in full (nor converted: see parser.MAX_DIGITS)


def _long_number(v, lang: str) -> _Shown | None:
    """A number (or a text that is one) of more than LONG_DIGITS digits, as its first and last twelve
    digits and its length — a huge number is never echoed in full (nor converted to text whole:
    Python refuses to for an int of over 4,300 digits)."""
    if isinstance(v, int):
        if v.bit_length() <= 3 * LONG_DIGITS:
            return None
        n = abs(v)
        digits = int(n.bit_length() * 0.30102999566398) + 1
        if 10 ** (digits - 1) > n:
            digits -= 1
        if digits <= LONG_DIGITS:
            return None
        head, tail = ("-" if v < 0 else "") + str(n // 10 ** (digits - 12)), f"{n % 10 ** 12:012d}"
    else:
        text = str(v) if isinstance(v, Decimal) else v
        if len(text) <= LONG_DIGITS:
            return None
        digits = sum(ch.isdigit() for ch in text)
        if digits <= LONG_DIGITS or digits < 0.8 * len(text.strip()):
            return None
        head, tail = text[:12], text[-12:]
    return _Shown(render("word:long_number", {"head": head, "tail": tail, "digits": digits}, lang))


def fields(template: str) -> set[str]:
    """The argument names a template uses (for the tests that walk the catalogue)."""
    return {f.split(".")[0].split("[")[0] for _, f, _, _ in string.Formatter().parse(template) if f}


def expected_text(item: str, lang: str) -> str:
    """One entry of a diagnostic's ``expected`` list in ``lang`` (names and symbols stay as they are;
    a keyword's forms "debtor / 债务人" read Chinese first in Chinese: "债务人 / debtor"; the kind of a
    fact's attribute — "money (…)", "int 1..10", "one of (a, b)", "ref (order)" — in words)."""
    if lang != "zh":
        return item
    forms = item.split(" / ")
    if len(forms) > 1:
        return " / ".join(sorted(forms, key=str.isascii))
    found = EXPECTED_ZH.get(item)
    if found is not None:
        return found
    return _attr_kind_zh(item) or item


# A fact attribute's kind (``AttrType.describe``) in Chinese, the kind itself kept beside it.
_KIND_ZH = MappingProxyType({
    "party": "当事人（party）", "date": "日期 YYYY-MM-DD（date）",
    "datetime": "带时区的时刻，如 2026-01-05T09:00:00+08:00（datetime）", "bool": "true 或 false（bool）",
    "text": "带引号的文字（text）", "int": "整数（int）", "number": "数（number）",
    "ref": "所引用事实的 id（ref）",
})
_KIND_RANGE = re.compile(r"(int|number) (-?[\d.]*)\.\.(-?[\d.]*)")


def _attr_kind_zh(item: str) -> str | None:
    if item in _KIND_ZH:
        return _KIND_ZH[item]
    if item.startswith("money (") or item == "money":
        return '金额，十进制数，如 "1000.00"（money）'
    m = _KIND_RANGE.fullmatch(item)
    if m:
        kind, low, high = m.groups()
        what = "整数" if kind == "int" else "数"
        if low and high:
            return f"{low} 至 {high} 之间的{what}（{item}）"
        return f"不小于 {low} 的{what}（{item}）" if low else f"不大于 {high} 的{what}（{item}）"
    if item.startswith("one of (") and item.endswith(")"):
        return "以下之一：" + "、".join(item[8:-1].split(", "))
    if item.startswith("ref (") and item.endswith(")"):
        return f"所引用事实的 id，其种类为 {'、'.join(item[5:-1].split(', '))}"
    return None


# The longest durations (limits.LONGEST), as `duration_too_long` states them.
_UNIT_ZH = {"years": "年", "months": "个月", "weeks": "周", "days": "日", "working_days": "个工作日"}

# What a diagnostic's `expected` lists say in words, and their Chinese.
EXPECTED_ZH = MappingProxyType({
    "a name": "名称", 'a "quoted text"': '带引号的文字 "…"', "a number": "数字", "an expression": "表达式",
    "an amount like ¥1,000.00": "金额（如 ¥1,000.00）", "a percentage like 5%": "百分比（如 5%）",
    "a date YYYY-MM-DD": "日期 YYYY-MM-DD", "a comparison (==, >=, …)": "比较符（==、>= 等）",
    "+ or -": "+ 或 -", "× or ÷": "× 或 ÷", "end of file": "文件结尾",
    "a whole number such as 2": "整数（如 2）", "at most 999999": "不超过 999999",
    "a real date YYYY-MM-DD": "真实存在的日期 YYYY-MM-DD", "a duration like 30 days": "期间长度（如 30 日）",
    "less than ¥1,000,000,000,000,000": "小于 ¥1,000,000,000,000,000",
    "at most 40 digits": "至多 40 位数字",
    "UTF-16 with its byte-order mark": "带字节顺序标记（BOM）的 UTF-16",
    "error": "error（错误）", "warning": "warning（警告）", "info": "info（说明）",
    **{f"at most {most} {unit}": f"不超过 {most} {_UNIT_ZH[unit]}" for unit, most in LONGEST.items()},
})

# Several codes that say the same thing.
_NO_TRIGGER = ("{what} {name} 没有写触发条件", "{what} {name} has no trigger")
_PASS = ("{text}", "{text}")

CATALOGUE: Mapping[str, tuple[str, str]] = MappingProxyType({
    # ------------------------------------------------------------------ the rule file: structure
    "missing_contract": ("规则文件缺少合同开头（合同 / contract 块）", "the rule file has no contract header"),
    "hint:missing_contract": ('在文件开头写明合同编号和名称：合同 "编号" "名称" {{ … }}'
                              '（英文写法 contract "NUMBER" "TITLE" {{ … }}）',
                              'start the file with contract "NUMBER" "TITLE" {{ … }}'),
    "duplicate_contract": ("一个规则文件只能有一个合同开头（合同 / contract 块）", "a rule file has one contract header"),
    "hint:merge_contracts": ("把两个合同块合并为一个", "merge the two contract blocks"),
    "duplicate_clause": ("条款 “{number}” 写了两次（第一次在 {first}）",
                         "clause {number!r} is declared twice (first at {first})"),
    "hint:duplicate_clause": ("按合同原文给每个条款各自的编号，不要重复", "give each clause its own number, as in the contract"),
    "duplicate_name": ("{kind} “{name}” 声明了两次（第一次在 {first}）",
                       "{kind} name {name!r} is declared twice (first at {first})"),
    "hint:rename": ("将其中一个改名", "rename one of them"),
    "duplicate_part": ("{what} {name} 写了两处{part}：一处在 {first}，一处在此（{here}）；以哪一处为准，引擎不会替您默默选择",
                       "{what} {name} says `{part}` twice: at {first} and here ({here}); "
                       "which one holds would be a silent choice"),
    "hint:one_fulfilment": ("只写一种履行方式；有几种方式时用“或履行事件”连接：履行事件 A a … 或履行事件 B b …"
                            "（英文写法 fulfilled by A a … or by B b …）",
                            "write one way to perform it, or several joined by `or by` (fulfilled by A a … or by B b …)"),
    "hint:one_part": ("在{what} {name} 中只保留一处{part}", "keep one `{kind}` in {what} {name}"),
    "duplicate_part.or_by": ("{what} {name}：“或履行事件”（or by）之前须先写“履行事件”（fulfilled by）",
                             "{what} {name}: `or by` needs a `fulfilled by` before it"),
    "hint:or_by": ("写作：履行事件 A a … 或履行事件 B b …（英文写法 fulfilled by A a … or by B b …）",
                   "write `fulfilled by A a … or by B b …`"),
    "duplicate_part.effective": ("合同只生效一次，但“生效”（effective）写了两处（第一次在 {first}）",
                                 "the contract takes effect once: `effective` is declared twice (first at {first})"),
    "hint:one_effective": ("把全部生效条件写在同一个“生效”块中", "state every condition in one `effective` block"),
    "unreachable_case": ("{name} 的这一处 at 永远不会适用：{first} 的 at 没有条件，各处 at 按顺序取第一处成立的，总是取到那一处",
                         "this `at` of {name} never applies: the `at` at {first} has no condition, and the first "
                         "case that holds is taken, always that one"),
    "hint:unreachable_case": ("删去其中一处；要按情形区分的，写 if 条件: at …，把没有条件的一处（或 otherwise: at …）放在最后",
                              "remove one of them; to tell cases apart write `if COND: at …` and put the one without a "
                              "condition (or `otherwise: at …`) last"),
    "duplicate_part.exercises": ("{what} {name} 写了两处“行使”（exercises）（第一次在 {first}）",
                                 "{what} {name} names `exercises` twice (first at {first})"),
    "hint:one_power": ("一项解除事由只行使一项解除权", "a ground of termination uses one power to terminate"),
    "untriggered_rule": _NO_TRIGGER,
    "untriggered_obligation": _NO_TRIGGER,
    "untriggered_remedy": _NO_TRIGGER,
    "untriggered_event": _NO_TRIGGER,
    "unreachable_rules": ("{names} 只由彼此的事件触发，没有任何事实能使其中一项产生：这些规则永远不会适用",
                          "{names} are set off only by each other's events, and no fact can start any of them: they "
                          "never apply"),
    "hint:unreachable_rules": ("给其中一项加上由事实触发的“每当 事件 别名”（for each EVENT alias），或删去它们",
                               "give one of them a `for each EVENT alias` set off by a fact, or remove them"),
    "hint:add_trigger": ("加上“每当 事件 别名”或“当 条件”（英文写法 for each EVENT alias / when CONDITION）",
                         "add `for each EVENT alias` or `when CONDITION`"),
    "hint:add_life_trigger": ("加上“当 条件”或“每当 事件 别名 满足 …”（英文写法 when CONDITION / for each EVENT alias where …）",
                              "add `when CONDITION` or `for each EVENT alias where …`"),
    "unsupported.effective_when": ("合同在某一条件首次成立时生效：请写“当 条件”（when CONDITION）",
                                   "the contract takes effect when a condition first holds: write `when CONDITION`"),
    "hint:effective_when": ("例如 when exists(signed)；需多方签字时用 all of (…)（中文关键字：当、存在、全部满足）",
                            "e.g. when exists(signed) — or all of (…) for several signatures"),
    "unsupported.effective_at": ("生效（effective）不写“于 …”（at）：合同于其条件首次成立之时生效；“于 …”只用于在其后某一时刻"
                                 "终止合同的解除（termination）",
                                 "`effective` takes no `at`: the contract takes effect when its condition first holds; "
                                 "`at …` is for a termination that ends the contract at a later instant"),
    "unsupported.termination_lapses": ("解除（termination）不写“消灭于 …”（lapses when）：它只用于生效（effective），"
                                       "写明生效条件何时确定不能成就",
                                       "a `termination` takes no `lapses when`: it is for `effective`, to say when the "
                                       "condition of effect can no longer be met"),
    "hint:termination_lapses": ("一项解除权何时消灭，写在它所行使的救济里（remedy … { lapses when … }）",
                                "when a power to terminate lapses goes in the remedy it exercises (remedy … { lapses "
                                "when … })"),
    "unsupported.exercises": ("只有解除事由（解除 / termination）和提前到期（提前到期事件 / accelerated by）才能“行使”一项权利",
                              "only a termination or an acceleration (accelerated by) exercises a power"),
    "unsupported.expression": ("此处不能使用 {what}", "cannot use {what} here"),
    "unsupported.ends_only": ("只有解除事由（解除 / termination）才能“仅终止”合同的一部分",
                              "only a termination ends part of the contract (`ends only`)"),
    "unsupported.ends_only_at": ("解除事由 {name} 既写了“仅终止 …”又写了“于 …”：终止合同一部分的解除，于其事实发生之时终止"
                                 "所列各项，尚不支持在其后某一时刻终止",
                                 "termination {name} has both `ends only` and `at`: a termination of part of the "
                                 "contract ends the rules it names at its fact; ending them at a later instant is not "
                                 "supported yet"),
    "hint:ends_only_at": ("删去“于 …”，或者另写一项于该时刻发生的事实并以它解除",
                          "drop the `at …`, or terminate on a fact of that later instant"),
    "unsupported.ends_only_where": ("“仅终止 {name} … 满足 …”只用于义务：救济和视为事件只能整项终止",
                                    "`ends only {name} … where …` is for an obligation: a remedy or a deemed event ends "
                                    "whole"),
    "hint:ends_only_where": ("删去 “… 满足 …”，整项终止；或者写明所终止的义务（如 仅终止 deliver d 满足 d.o.batch == n.batch）",
                             "drop the `… where …` to end it whole, or name an obligation (e.g. ends only deliver d "
                             "where d.o.batch == n.batch)"),
    "ends_only_where_alias": ("“仅终止 {name} 满足 …”缺少别名：条件要读取 {name} 的每一条（如其触发的事实），须先为它起一个别名",
                              "`ends only {name} where …` has no alias: the condition reads each row of {name} (its "
                              "trigger's facts) through an alias named before `where`"),
    "unsupported.ends_only_life": ("“{name}” 是合同的生效或解除事由，不是合同的一部分，不能“仅终止”",
                                   "{name!r} is the contract's taking effect or a ground of its end, not a part of the "
                                   "contract that `ends only` can end"),
    "duplicate_name.ends_only": ("“仅终止”把 “{name}” 写了两次（第一次在 {first}），其中一次是整项终止：另一次不再终止任何东西；"
                                 "是否本想写另一项的名称？",
                                 "`ends only` names {name!r} twice (first at {first}), once whole: the other ends "
                                 "nothing more — was another name meant?"),
    "hint:duplicate_name.ends_only": ("每项只写一次；只终止其中几条的，只写带“满足 …”的那几处",
                                      "name each rule once; to end only some of its rows, keep only the `… where …` "
                                      "entries"),
    "unknown_name.ends_only": ("没有名为 “{name}” 的义务、救济或视为事件可供终止", "no obligation, remedy or deemed event "
                               "named {name!r} to end"),
    "hint:ends_only": ("写明所终止的义务、救济或视为事件的名称，以逗号分隔（如 仅终止 pay_2, pay_3）；合同的其他部分继续有效",
                       "name the obligations, remedies or deemed events it ends, separated by commas (e.g. ends only "
                       "pay_2, pay_3); the rest of the contract stays in force"),
    "unknown_name.remedy": ("没有名为 “{name}” 的救济可供行使", "no remedy named {name!r} to exercise"),
    "hint:name_remedy": ("写明赋予此项解除权的救济的名称", "name the remedy that grants this power to terminate"),
    "unknown_name.alternative": ("没有名为 “{name}” 的救济可与 {remedy} 择一", "no remedy named {name!r} that {remedy} "
                                 "could be an alternative to"),
    "hint:name_alternative": ("择一之后写另一项救济的名称（如定金罚则与违约金：择一 late_damages）",
                              "name another remedy after `alternative to` (earnest money or damages: "
                              "`alternative to late_damages`)"),
    "alternative_to_itself": ("救济 {remedy} 不能与自身择一", "remedy {remedy} cannot be an alternative to itself"),
    "missing_deadline": ("义务 {name} 没有写期限", "obligation {name} has no deadline"),
    "hint:add_deadline": ("加上期限，如“期限 10 个工作日”（也可按小时、日、个月、年计；英文写法 within 10 working days）",
                          "add `within 10 working days` (or hours, days, months, years)"),
    "missing_deadline.continuing": ("义务 {name} 写了违反事件，却没有写持续到何时",
                                    "obligation {name} is breached by events but never ends"),
    "hint:continuing": ("持续性义务须写明持续到何时：直至 时点（英文写法 until MOMENT）",
                        "a continuing duty says how long it lasts: `until MOMENT`"),
    "unfulfillable_obligation": ("义务 {name} 没有写明如何履行，因而永远不能被履行", "nothing can fulfil obligation {name}"),
    "hint:add_fulfilment": ("加上“履行事件 事件 别名 满足 …”或“履行条件 条件”"
                            "（英文写法 fulfilled by EVENT alias where … / fulfilled when CONDITION）",
                            "add `fulfilled by EVENT alias where …` or `fulfilled when CONDITION`"),
    "unfulfillable_obligation.self": ("义务 {name} 不能以其自身作为履行事件", "obligation {name} cannot be fulfilled by itself"),
    "unfulfillable_obligation.self_condition": ("义务 {name} 的履行条件只取决于义务自身（{fn}({name})），与任何事实无关："
                                                "它要么一触发即视为履行，要么永远不能履行",
                                                "obligation {name} can only be fulfilled by itself: its condition "
                                                "reads {fn}({name}) and no fact, so it holds the moment the duty "
                                                "arises or never"),
    "missing_time": ("视为事件 {name} 没有写明于何时发生", "deemed event {name} does not say when it happens"),
    "hint:missing_time": ("加上“于 时点”或“如 条件: 于 时点”（英文写法 at EXPRESSION / if CONDITION: at EXPRESSION）",
                          "add `at EXPRESSION` or `if CONDITION: at EXPRESSION`"),
    "missing_party": ("本规则没有写明{what}", "this rule names no {what}"),
    "hint:add_party": ("加上一行“{what} 当事人名称”", "add `{what} PARTY`"),
    "ambiguous_other": ("{fn}( ) 指“对方当事人”，但本合同有 {count} 方当事人（{parties}）",
                        "{fn}( ) names “the other party”, but this contract has {count} parties ({parties})"),
    "hint:ambiguous_other": ("直接写明当事人（债务人 当事人名称），或用 == 比较当事人",
                             "name the party itself (debtor PARTY) or compare parties with =="),
    "deemed_cycle": ("视为事件直接或间接地引起了自身：{cycle}", "deemed events cause themselves: {cycle}"),
    "hint:deemed_cycle": ("视为事件不得直接或经由义务触发其自身",
                          "a deemed event must not, directly or through obligations, trigger itself"),
    "param_cycle": ("参数 {name} 的定义直接或间接地引用了它自身", "parameter {name} is defined in terms of itself"),
    "bad_severity": ("严重程度 “{given}” 无效，只能是 error（错误）、warning（警告）或 info（说明）",
                     "severity {given!r} is not error, warning or info"),
    "not_constant": ("“核对”（verify）只能写由金额和参数构成的条件", "verify needs a condition over amounts and parameters only"),
    "date_out_of_range": ("日期 {text} 不在事实可有的年份（{low}–{high}）之内：多半是写错了",
                          "the date {text} is outside the years a fact can have ({low}–{high}): most likely a slip"),
    "hint:date_out_of_range": ("核对年份（如 0001-01-01 应为 2026-01-01）；以此为起点的周期性义务会逐年计算到事实的年份",
                               "check the year (0001-01-01 for 2026-01-01?); a recurrence counted from it runs through "
                               "every year up to the facts'"),
    "unless_never_cancels": ("已违约的 {name} 不会再“履行”（{name}.fulfilled 只在期限内履行时发生）：这一“除非”永远不会成立",
                             "a violated {name} is never fulfilled ({name}.fulfilled happens only for a performance in "
                             "time): this `unless` never cancels anything"),
    "hint:unless_never_cancels": ("逾期后的履行写作 {name}.performed_late（{name}.逾期履行），例如："
                                  "unless {name}.performed_late y where … within 30 days as term",
                                  "a performance after the deadline is {name}.performed_late ({name}.逾期履行), e.g. "
                                  "unless {name}.performed_late y where … within 30 days as term"),
    "calendar_year_unknown": ("适用本条需要 {year} 年的官方工作日历（计到 {day}），而已知的日历年份只有 {known}："
                              "工作日与节假日从不猜测，评估在此停止",
                              "this rule needs the official working-day calendar of {year} (a count reached {day}), "
                              "and the calendar years known are {known}: working days and holidays are never "
                              "guessed, so the evaluation stops here"),
    "calendar_year_unknown.fact": ("第 {line} 行的事实 {id} 适用本条时需要 {year} 年的官方工作日历（计到 {day}），"
                                   "而已知的日历年份只有 {known}：工作日与节假日从不猜测，评估在此停止",
                                   "the fact {id} of line {line}, taken by this rule, needs the official working-day "
                                   "calendar of {year} (a count reached {day}), and the calendar years known are "
                                   "{known}: working days and holidays are never guessed, so the evaluation stops "
                                   "here"),
    "hint:calendar_year_unknown": ("为该年增加日历文件（步骤见 calendars/README.zh.md），并在合同头部声明："
                                   "日历 文件 \"calendars/{year}.toml\"（英文写法 calendar file …；路径相对于规则文件"
                                   "所在的目录）；或在合同头部明确选择兜底：日历 兜底 待定（calendar fallback "
                                   "undetermined：需要该年的结论为待定，其余照常报告），或 日历 兜底 weekdays（calendar "
                                   "fallback weekdays：按周一至周五计，不计节假日与调休）",
                                   "add a calendar file for that year (calendars/README.md) and name it in the "
                                   "contract header: calendar file \"calendars/{year}.toml\"; or choose a fallback "
                                   "in the header: calendar fallback undetermined (the verdicts that need that year "
                                   "undetermined, the rest reported) or calendar fallback weekdays (Monday–Friday, "
                                   "without holidays or make-up days)"),
    "out_of_range": ("适用本条时日期或金额超出了可计算的范围：{error}",
                     "a date or amount went out of range while applying this rule: {error}"),
    "out_of_range.fact": ("第 {line} 行的事实 {id} 适用本条时，日期或金额超出了可计算的范围：{error}",
                          "the fact {id} of line {line}, taken by this rule, put a date or amount out of range: "
                          "{error}"),
    "bad_length": ("适用本条时算出的时长不能作为期间：{error}", "a length computed while applying this rule cannot be a "
                   "period: {error}"),
    "bad_length.fact": ("第 {line} 行的事实 {id} 适用本条时，算出的时长不能作为期间：{error}",
                        "the fact {id} of line {line}, taken by this rule, gives a length that cannot be a period: "
                        "{error}"),
    "hint:bad_length": ("检查事实中用来计算期间长度的取值和规则中的算式：日、月、年须为整数，小时、分钟须折合为整分钟，且不能为负",
                        "check the fact's values the length is computed from, and the rule's formula: days, months and "
                        "years whole, hours and minutes in whole minutes, none negative"),
    "hint:out_of_range": ("检查事实中的日期，以及规则中的期间和金额", "check the facts' dates and the rule's periods and amounts"),
    "hint:division_by_zero.fact": ("检查本条规则中的除数：这条事实的取值使它为零；可用 if … then … otherwise 先排除除数为零的情形",
                              "check the divisors of this rule: this fact's values make one zero; rule that case out first "
                              "with if … then … otherwise"),
    "not_comparable": ("适用本条时遇到无法比较大小的两个值：{error}",
                       "applying this rule met two values that cannot be ordered: {error}"),
    "not_comparable.fact": ("第 {line} 行的事实 {id} 适用本条时，遇到无法比较大小的两个值：{error}",
                            "the fact {id} of line {line}, taken by this rule, met two values that cannot be ordered: "
                            "{error}"),
    "hint:not_comparable": ("该属性可取任何种类的值（视为事件由几类事实引起，各以不同种类给出同名属性）：在条件中先区分事实的种类，"
                            "或让各类事实以同一种类给出该属性",
                            "the attribute may hold any kind of value (a deemed event set off by kinds of fact that give "
                            "it as different kinds): tell the kinds apart in the condition first, or give it as one kind "
                            "in each"),
    "not_constant.switch": ("“仅当”（only if）后的条件只能由参数和假定构成，在检查规则时即可判定",
                            "the condition after `only if` may read parameters and assumptions only: it is decided "
                            "when the rule file is checked"),
    "hint:not_constant_switch": ("例如：终止后存续 仅当 某假定 == \"某种理解\"；事实留给期限、履行和免责条件去判断",
                                 "e.g. survives only if some_assumption == \"a reading\"; facts belong in triggers, "
                                 "fulfilments and exceptions"),
    "unknown_remedy.call": ("{fn}( ) 的参数应为一项救济的名称，没有名为 {name} 的救济", "{fn}( ) takes the name of a "
                            "remedy; there is no remedy called {name}"),
    "property_trigger": ("性质 {name}：只能写 “每当 …”（for each），在评估结束时对每个匹配检验；不能写 “当 …”、“每 …” 或 “除非 …”",
                         "property {name}: only `for each …` (tested at the end, for every match); not `when`, "
                         "`every` or `unless`"),
    "property_empty": ("性质 {name} 没有写明什么必须成立（holds）或什么从不发生（never）",
                       "property {name} says neither what holds nor what never happens"),
    "hint:property": ("如：property deemed_not_early {{ for each handover_deemed d  holds d.at >= contract_term.end }} "
                      "或 property never_late {{ never notify_incident.violated v }}",
                      "e.g. property deemed_not_early {{ for each handover_deemed d  holds d.at >= contract_term.end }} "
                      "or property never_late {{ never notify_incident.violated v }}"),
    "rating_not_counted": ("救济 {name} 的“金额”是评级（文字），不能按日（按小时）累计、逐日计算或设累计上限",
                           "the amount of remedy {name} is a rating (a text): it cannot accrue per day (per hour), be "
                           "recomputed daily or be capped"),
    "hint:rating": ("评级按阈值写出：amount if mean(a.score for each assessed a) >= 90 then \"优秀\" otherwise \"合格\"",
                    "a rating from thresholds: amount if mean(a.score for each assessed a) >= 90 then \"优秀\" "
                    "otherwise \"合格\""),
    "accrued_without_amount": ("救济 {name} 没有可以累计的金额或分数（amount）", "remedy {name} has no amount or points "
                               "to add up"),
    "accrued_cycle": ("救济 {name} 的金额（经由 accrued( )）读取了它自己的累计金额", "the amount of remedy {name} reads "
                      "its own total (through accrued( ))"),
    "accrued_cycle.cap": ("救济 {name} 的累计上限或每笔上限（经由 accrued( )）读取了它自己的累计金额：上限要等合计算出才知道，合计又要先知道上限",
                          "the cap of remedy {name} reads its own total (through accrued( )): the cap would need the "
                          "total, and the total the cap"),
    "accrued_cycle.floor": ("救济 {name} 的每笔不低于（each at least，经由 accrued( )）读取了它自己的累计金额：最低额要等合计算出才知道，合计又要先知道最低额",
                            "the least of remedy {name} (each at least) reads its own total (through accrued( )): the "
                            "least would need the total, and the total the least"),
    "hint:accrued": ("accrued(救济名称) 是该救济各项截至当时的合计（适用累计上限）：保证金余额写作 max(¥0.00, deposit - accrued(deposit_deduction))",
                     "accrued(REMEDY) is what the remedy's rows come to so far (caps applied): a deposit's balance is "
                     "max(¥0.00, deposit - accrued(deposit_deduction))"),
    "recomputed_without_amount": ("救济 {name} 写了“逐日计算”（recomputed daily），但没有金额可以重新计算",
                                  "remedy {name} says `recomputed daily`, but has no amount to compute anew"),
    "hint:recomputed": ("“逐日计算”用于随事实变化的金额：按日累计的 amount late_rate of (o.i.amount - sum(p.amount for each "
                        "paid p)) per day，或一次性的 amount total - sum(p.amount for each paid p)（尚欠的价款），下一行写 "
                        "recomputed daily",
                        "`recomputed daily` goes with an amount that changes with the facts: accruing daily, amount "
                        "late_rate of (o.i.amount - sum(p.amount for each paid p)) per day, or once, amount total - "
                        "sum(p.amount for each paid p) (the price still unpaid); write recomputed daily on the next line"),
    "accrues_from_performance": ("救济 {name} 按日（按小时）计算，却由逾期履行（performed_late）触发：其各项在逾期的履行完成时才产生，"
                                 "此后不再增加，只会计得1日（1小时）",
                                 "remedy {name} accrues by the day (hour) but is set off by a late performance "
                                 "(performed_late): each row arises when the late act is done and accrues nothing after "
                                 "— one day (one hour) only"),
    "hint:accrues_from_performance": ("自期限届满时起计算的，写 for each NAME.violated v：各项自违约时产生，计至逾期履行之时或报告时点",
                                      "to count from the deadline, write for each NAME.violated v: each row arises at "
                                      "the breach and accrues to the late performance or the report's instant"),
    "recomputed_per_hour": ("救济 {name} 按小时计算（per hour），不能“逐日计算”（recomputed daily）：逐日计算的是每日的金额",
                            "remedy {name} accrues per hour; `recomputed daily` computes an amount of a day anew each "
                            "day, not one of an hour"),
    "hint:recomputed_per_hour": ("金额随事实变化的，写按日计算：amount … per day，下一行写 recomputed daily；或去掉 recomputed daily",
                                 "for an amount that changes with the facts, accrue it per day (amount … per day, then "
                                 "recomputed daily), or leave out recomputed daily"),
    "accrued_per_hour_condition": ("条件读取按小时计算的救济 {name} 的合计（accrued({name})）：该合计每开始一小时即增长，没有事实到来时"
                                   "不会重新判断（when、lapses when、fulfilled when），尚不支持",
                                   "the condition reads the total of remedy {name}, which accrues per hour "
                                   "(accrued({name})): that total grows as each hour begins, with no fact to test the "
                                   "condition again (when, lapses when, fulfilled when) — not supported yet"),
    "hint:accrued_per_hour_condition": ("按日计算的合计可以在条件中读取（每日0时重新判断）：amount … per day；或在条件中读取引起该救济的事实",
                                        "a total by the day may be read in a condition (tested again at each day's "
                                        "00:00): amount … per day; or read the facts that give rise to the remedy"),
    "each_day_once_not_per_day": ("救济 {name} 写了“每日只计一次”（each day counted once），但其金额不是按日计算的（per day）",
                                  "remedy {name} says `each day counted once`, but its amount does not accrue per day"),
    "hint:each_day_once": ("“每日只计一次”只用于按日累计的金额：amount 0.1% of total per day，下一行写 each day counted once",
                           "`each day counted once` goes with an amount that accrues daily: amount 0.1% of total per day, "
                           "then each day counted once on the next line"),
    "assumption_choice": ("假定 {name} 的取值“{value}”不是它所列的理解之一",
                          "assumption {name} = \"{value}\" is not one of the readings it lists"),
    "assumption_choice.not_text": ("假定 {name} 的取值不是带引号的文字：只有文字的取值（= \"…\"）才能列出理解（one of）",
                                   "assumption {name} is not a quoted text: only a text value (= \"…\") may list readings "
                                   "(`one of`)"),
    "hint:assumption_choice.not_text": ("理解（one of）只用于文字的取值：写成 = \"{first}\" one of ( … )，规则中以 {name} == \"{first}\" "
                                        "判断；取值须是期间、金额等的，删去 one of ( … )",
                                        "readings (`one of`) are for a text value: write = \"{first}\" one of ( … ) and test "
                                        "{name} == \"{first}\" in the rules; where the value must be a duration, an amount or "
                                        "the like, drop the `one of ( … )`"),
    "unknown_reading": ("假定 {name} 没有“{value}”这种理解：这样写，该条件将永远不成立",
                        "assumption {name} has no reading \"{value}\": the comparison would never hold"),
    "hint:assumption_choice": ("从“之一”（one of）所列的理解中选一个，逐字照写；需要新的理解时，先把它加入列表",
                               "choose one of the readings listed after `one of`, word for word; to add a reading, "
                               "list it there first"),
    "hint:not_constant.calendar": ("工作日要按评估时的官方日历（含调休）计算，检查规则时不计算：核对行只写日历日、月、年，"
                                   "工作日的期限在评估时核对",
                                   "working days are counted on the evaluation's official calendar (make-up days "
                                   "included), not at the check: a verify line counts calendar days, months and years"),
    "hint:not_constant": ("核对行检查的是合同文本本身，而不是履约事实", "a verify line checks the contract text, not the facts"),
    # ------------------------------------------------------------------ declarations
    "duplicate_attribute": ("事件 {event} 的属性 “{name}” 声明了两次", "event {event} declares attribute {name!r} twice"),
    "reserved_attribute": ("“{name}” 是每条事实都有的字段，不能用作属性名，请另取名称",
                           "{name!r} is part of every fact; choose another name"),
    "duplicate_value": ("属性 {name} 的可选值中有重复", "attribute {name} lists a value twice"),
    "duplicate_reading": ("假定 {name} 的理解 “{value}” 列了两次", "assumption {name} lists the reading {value!r} twice"),
    "reading_words.empty": ("假定 {name} 的理解 “{value}” 的中文说法是空的：写出说法，或删去空字符串",
                            "assumption {name}: the words for the reading {value!r} are empty — write them, or leave them out"),
    "reading_words.same": ("假定 {name} 的理解 “{value}” 与 “{other}” 的中文说法相同（“{words}”）：报告将无法区分二者",
                           "assumption {name}: the readings {value!r} and {other!r} have the same words ({words!r}): a report "
                           "could not tell them apart"),
    "reading_words.other": ("假定 {name} 的理解 “{value}” 的中文说法 “{words}” 正是另一项理解的原文：报告会把二者混淆",
                            "assumption {name}: the words {words!r} for the reading {value!r} are another reading as "
                            "written: a report would confuse them"),
    "duplicate_column": ("表格 {table} 的列 {name} 写了两次", "table {table} has the column {name} twice"),
    "value_words.same": ("属性 {name} 的取值 “{value}” 与 “{other}” 的中文说法相同（“{words}”）：报告将无法区分二者",
                         "attribute {name}: the values {value!r} and {other!r} have the same words ({words!r}): a report "
                         "could not tell them apart"),
    "duplicate_row": ("表格 {table} 中序号 {row} 出现了两次", "table {table} has row {row} twice"),
    "unknown_row": ("表格 {table} 没有序号为 {row} 的行", "table {table} has no row {row}"),
    "unknown_row.fact": ("表格 {table} 没有序号为 {row} 的行：该序号来自第 {line} 行的事实 {id}，查不到金额等值，"
                         "引擎不会默默当作空值",
                         "table {table} has no row {row}: the number comes from fact {id} on line {line} of the facts; "
                         "a value the table lacks is not silently read as nothing"),
    "hint:unknown_row": ("使用表格中已有的序号", "use a row number the table has"),
    "row_width": ("表格 {table} 序号 {row} 这一行有 {values} 个值，而表格有 {columns} 列",
                  "row {row} of {table} has {values} values, the table has {columns} columns"),
    "duplicate_alias": ("别名 “{alias}” 在此处已经使用过", "alias {alias!r} is already bound here"),
    "day_zero": ("没有第0日：`day N after`（第 N 日 自）是其后第N日的0时，从其后的第1日数起",
                 "there is no day 0: `day N after` is 00:00 of the N-th day after, counted from the first day after"),
    "hint:day_zero": ("其后第一日的0时写 day 1 after；要的是该事实本身的时刻的，直接写它（如 o.at）",
                      "00:00 of the next day is day 1 after; for the instant of the fact itself write it (e.g. o.at)"),
    "zero_period": ("期间为 0 不构成期间：按民法典第201条计算，计量单位不同，届满之日也会不同",
                    "a period of 0 is no period: counted under 民法典第201条 it would end on different days for "
                    "different units"),
    "hint:zero_period": ("按条款原文写明小时数或天数；条款写“立即”的，请设一项假定（如 2 小时）并说明理由；"
                         "条款写“在某事之前”而不设提前期的（如“付款前开具发票”），写 最迟于 p.at（due by p.at）",
                         "write the number of hours or days the clause gives; for “立即” take an assumption "
                         "(e.g. 2 hours) and say why; for “before an event” with no lead time (“付款前开具发票”), "
                         "write due by p.at"),
    # ------------------------------------------------------------------ names
    "unknown_name": ("“{name}” 既不是已声明的参数、当事人、期间或表格，也不是此处可用的别名",
                     "{name!r} is not a parameter, party, period, table or alias in scope"),
    "hint:unknown_name": ("先声明它（参数、期间、当事人），或在触发模式中绑定它（每当 事件 别名）",
                          "declare it (param, period, party) or bind it in the pattern (for each EVENT alias)"),
    "once_unbound": ("“once per”（仅一次 每个）读取的 {aliases} 不由同一行触发条件绑定：它不限制任何一行",
                     "`once per` reads {aliases}, which no one trigger line binds together: it limits no line"),
    "excuse_retro_form": ("“retroactively”（追溯）只能跟在 exists(事件 别名 …) 形式的免责条件之后：{name} 的这个条件不是某一类事实的发生",
                          "`retroactively` goes only after an exception of the form exists(EVENT alias …): this "
                          "condition of {name} is not that a kind of fact happens"),
    "hint:excuse_retro_form": ("写作 excused if exists(concealment_found k) retroactively \"…\"",
                               "write excused if exists(concealment_found k) retroactively \"…\""),
    "once_unbound.nothing": ("“once per”（仅一次 每个）读不到任何触发条件的别名：它就是一个不带值的 once，而另一个 once per "
                             "已经写了", "`once per` reads no alias of a trigger: it is a bare `once`, beside another "
                             "`once per`"),
    "once_unbound.taken": ("“once per”（仅一次 每个）读取的 {aliases} 所在的各行，已由前面的 once per 限定：它不限制任何一行",
                           "every line binding {aliases} is already limited by an earlier `once per`: this one limits "
                           "no line"),
    "hint:once_taken": ("一行只受第一个读取它的 once per 限定：把几个值写进同一个 once per（once per h.at, h.sub）",
                        "a line is limited by the first `once per` that reads it: put the values in one (once per h.at, "
                        "h.sub)"),
    "hint:once_unbound": ("每个 once per 只读一行所绑定的别名；几行各写一个 once per",
                          "let each `once per` read the aliases of one line; write one for each line"),
    "unknown_name.once": ("“once per {alias}”（仅一次 每个 {alias}）：触发条件中没有名为 “{alias}” 的别名",
                          "`once per {alias}`: no alias {alias!r} is bound by a trigger"),
    "unknown_event": ("没有名为 “{name}” 的事件类型", "no event type named {name!r}"),
    "hint:unknown_event": ("用“事件 名称 {{ … }}”声明它（英文写法 event NAME {{ … }}），或改正拼写",
                           "declare it with `event NAME {{ … }}`, or fix the spelling"),
    "unknown_event.remedy": ("“{name}” 是一项救济（权利），不是事件：救济不能写在 for each、exists( ) 等之中",
                             "{name!r} is a remedy (a right held), not an event: a remedy cannot be matched by for each, "
                             "exists( ) and the like"),
    "hint:remedy_as_event": ("写产生该救济的事件或义务阶段（如 return_premises.violated），或用 accrued({name}) 读取其金额",
                             "write the event or the obligation's stage that gives rise to it (return_premises.violated), "
                             "or read its amount with accrued({name})"),
    "unknown_event.stage": ("“{stage}” 不是义务的阶段（可写：触发、履行、违约、免责、逾期履行）",
                            "{stage!r} is not a stage of an obligation (triggered, fulfilled, violated, excused, "
                            "performed_late)"),
    "unknown_obligation": ("没有名为 “{name}” 的义务", "no obligation named {name!r}"),
    "unknown_obligation.call": ("{fn}( ) 的参数应为义务名称", "{fn}( ) takes an obligation's name"),
    "unknown_attribute.event": ("事件 {event} 没有属性 “{name}”", "event {event} has no attribute {name!r}"),
    "hint:declare_attribute": ("在事件 {event} 中声明属性 {name}，或改用它已有的属性",
                               "declare {name} in event {event}, or use one of its attributes"),
    "unknown_attribute.period": ("期间没有 “{name}” 这一项（可写：start、end、last_day）", "a period has no {name!r}"),
    "unknown_attribute.column": ("表格 {table} 没有 “{name}” 列", "table {table} has no column {name!r}"),
    "unknown_parameter": ("没有名为 “{name}” 的参数表示期间长度", "no parameter named {name!r} holds a duration"),
    "hint:declare_duration": ("先声明该参数，如“参数 {name} = 30 日”（英文写法 param NAME = 30 days）",
                              "declare it with param NAME = 30 days"),
    "hint:length_after": ("期限从另一时刻起算，写作“期限 {meant}”（§4.5：期限 长度 自 时刻；时刻可写触发事件的别名）；“{name}” 被读作参数的名称",
                          "a period counted from another moment is written {meant} (§4.5: within LENGTH after "
                          "MOMENT; a trigger's alias is a moment); {name!r} is read as a parameter's name"),
    "hint:numeral_length": ("期间的长度用阿拉伯数字写：{meant}（“{name}” 被读作参数的名称）",
                            "write the length in Arabic numerals: {meant} ({name!r} is read as a parameter's name)"),
    "unknown_function": ("没有名为 “{name}” 的函数", "no function named {name!r}"),
    "wrong_arguments": ("{fn}( ) 只接受一个参数", "{fn}( ) takes one argument"),
    "unknown_value": ("“{value}” 不在可选值（{values}）之中", "{value!r} is not one of {values}"),
    # ------------------------------------------------------------------ types
    "ahead_not_ref": ("属性 {name} 不是引用（ref），不能写“可指向其后”（ahead）：它只说明一项引用可以指向其后才发生的事实",
                      "attribute {name} is not a ref: `ahead` says only that a reference may name a fact still to come"),
    "hint:ahead_not_ref": ("删去 ahead（可指向其后），或把类型改为 ref（引用）",
                           "remove `ahead`, or make the attribute a `ref`"),
    "default_out_of_range": ("属性 {name} 的默认值 {value} 不在它所声明的范围（{described}）之内",
                             "the default {value} of {name} is outside its declared range ({described})"),
    "attribute_from_some_sources": ("视为事件 {event} 的属性 {name} 只有部分来源才有：由 {lack} 视为发生的 {event} 没有此属性，"
                                    "读取它的条件对这些事件不成立",
                                    "attribute {name} of the deemed event {event} comes from some of its sources only: "
                                    "an {event} deemed from {lack} has none, and a condition reading it does not hold "
                                    "for it"),
    "hint:attribute_from_some": ("让每个来源都带有该属性（如另写一个视为事件），或用 present(x.{name}) 区分来源",
                                 "give the attribute from every source (another deemed event, say), or tell the "
                                 "sources apart with present(x.{name})"),
    "accelerated_continuing": ("义务 {name} 是持续义务（until / without end），没有可以提前的履行期限：accelerated by 不适用",
                               "obligation {name} is a continuing duty (until / without end): it has no deadline to "
                               "bring forward, and accelerated by does not apply"),
    "hint:accelerated_continuing": ("加速到期写在有履行期限的义务上（within、due by）",
                                    "write accelerated by on a duty with a deadline (within, due by)"),
    "accelerated_later_not_series": ("义务 {name} 不是按期重复的义务（every …）：没有“以后各期”可以一并提前到期",
                                     "obligation {name} is not a recurring duty (every …): it has no later periods to "
                                     "bring forward with it"),
    "hint:accelerated_later_not_series": ("去掉 with later periods（连同以后各期）；各期写成 every 的义务（如 every quarter q "
                                          "from … until …）才有以后各期",
                                          "leave out with later periods (连同以后各期); only a duty written with every "
                                          "(every quarter q from … until …) has later periods"),
    "exercise_not_power": ("救济 {name} 写了行使期限，但没有哪一项解除事由（termination … exercises {name}）或提前到期"
                           "（accelerated by … exercises {name}）行使它：行使期限只适用于被行使的权利",
                           "remedy {name} has a period to exercise it in, but no termination (termination … exercises "
                           "{name}) or acceleration (accelerated by … exercises {name}) exercises it: a period to exercise "
                           "in is a power's"),
    "hint:exercise_not_power": ("删去行使期限，或在行使这项权利的解除事由或提前到期中写 exercises {name}（行使 {name}）",
                                "remove the period, or write exercises {name} in the termination or acceleration that "
                                "uses this power"),
    "settled_per_day": ("救济 {name} 按日（按小时）计算，金额随时间增加，不能以一项事实整体清偿（清偿之后的时间会被漏计）",
                        "remedy {name} accrues by the day (by the hour): no one fact settles it whole (the time after "
                        "it would be lost)"),
    "hint:settled_per_day": ("按日（按小时）计算的违约金，已付的部分可写成付款事实，用 accrued( ) 减去其合计得出余额；settled by 用于一次性的金额",
                             "for damages by the day (by the hour), record the payments as facts and take their sum off "
                             "accrued( ) for the balance; settled by is for one-off amounts"),
    "owed_to_itself": ("义务 {name} 的债务人与债权人都是 {party}：一方不能对自己负有义务",
                       "obligation {name} has {party} as both debtor and creditor: no party owes itself"),
    "hint:owed_to_itself": ("检查 debtor（债务人）与 creditor（债权人）是否写反或写重了",
                            "check that debtor and creditor are not the same party written twice"),
    "hint:default_quoted": ('默认值是文字的，要加引号：default "{value}"（所列的值 one of (…) 不加引号，默认值加引号）',
                            'a text default is quoted: default "{value}" (the values one of (…) lists are not, the '
                            'default is)'),
    "hint:compare_kinds": ("金额与金额比较（写 ¥5.00 而不是 5），百分比与百分比比较（写 5%），数目与数目比较；要比较一个金额的比例，写 5% of 金额",
                           "compare an amount with an amount (write ¥5.00, not 5), a percentage with a percentage (5%), a "
                           "number with a number; for a share of an amount write 5% of AMOUNT"),
    "hint:default_out_of_range": ("默认值须在声明的范围之内：改为范围内的值，或放宽范围",
                                  "make the default a value within the range, or widen the range"),
    "type_mismatch.default": ("属性 {name} 的默认值不是{type}", "default for {name} is not a {described}"),
    "type_mismatch.not_duration": ("参数 {name} 是{type}，不是期间长度", "parameter {name} is a {type}, not a duration"),
    "type_mismatch.cell": ("序号 {row} 这一行的 {column} 列应为{want_word}，实际写的是 {value!r}",
                           "row {row}, column {column}: expected {want}, got {value!r}"),
    "type_mismatch.party": ("{what}必须是当事人，而不是{type}", "the {what} must be a party, not {type}"),
    "type_mismatch.party_joined": ("{what}不能用“{op}”连接几个当事人", "the {what} cannot join parties with {op!r}"),
    "hint:party_joined": ("几方都享有的，用逗号分开写：{parties}（每方各有一项）",
                          "where each of them holds it, separate them with commas: holder {parties} (one row each)"),
    "hint:party_joined.one": ("一项义务只有一方负有、一方享有：几方各自负有的，分写几项义务；由事实决定是哪一方的，写该事实的属性（如 a.party）",
                              "a duty has one debtor and one creditor: where each party owes it, write one obligation "
                              "each; where a fact says which party, write its attribute (a.party)"),
    "type_mismatch.remedy_amount": ("救济的金额必须是金额（或扣分的分数），而不是{type}；上限与之同类",
                                    "a remedy's amount must be money (or points, a number), not {type}; its cap of "
                                    "the same kind"),
    "type_mismatch.cap_percent": ("救济 {name} 的上限是一个百分比，但没有写是什么的百分比：上限须是金额（或分数）",
                                  "the cap of remedy {name} is a percent of nothing named: a cap is an amount (or "
                                  "points)"),
    "type_mismatch.floor_percent": ("救济 {name} 的每笔最低额是一个百分比，但没有写是什么的百分比：最低额须是金额（或分数）",
                                    "the least of each row of remedy {name} is a percent of nothing named: it is an "
                                    "amount (or points)"),
    "type_mismatch.floor_kind": ("救济 {name} 的每笔最低额是{type}，而它的金额是{amount_type}：最低额须与金额同类",
                                 "the least of each row of remedy {name} is {type} but its amount is {amount_type}: "
                                 "it is of the amount's kind"),
    "hint:cap_percent": ("写明基数，如 each at most 10% of total（合同总价的10%）或 total at most 5% of price",
                         "name what it is a share of, e.g. each at most 10% of total, or total at most 5% of price"),
    "type_mismatch.cap_kind": ("救济 {name} 的上限是{type}，而它的金额是{amount_type}：上限须与金额同类",
                               "the cap of remedy {name} is {type} but its amount is {amount_type}: a cap is of the "
                               "amount's kind"),
    "hint:cap_kind": ("金额写成钱数（amount ¥300.00）配钱数的上限，或扣分（amount 3）配分数的上限（total at most 10）",
                      "write the amount in money (amount ¥300.00) with a cap in money, or in points (amount 3) with a "
                      "cap in points (total at most 10)"),
    "type_mismatch.condition": ("此处应为条件（成立或不成立），实际是{type}", "expected a condition (true/false), got {type}"),
    "type_mismatch.moment": ("{what}必须是时点（事件、日期或时刻），而不是{type}",
                             "{what} must be a moment (an event, a date or a time), not {type}"),
    "type_mismatch.table_key": ("表格的行按序号查找，不能用{type}", "a table row is looked up by its number, not {type}"),
    "type_mismatch.index": ("只有表格可以用 [ ] 取某一行，{type}不可以", "only a table can be indexed with [ ], not {type}"),
    "type_mismatch.percent": ("{text} 之 {type}：百分比只能按金额或数字计算",
                              "{text} of {type}: a percentage is taken of an amount"),
    "type_mismatch.moment_minus": ("不能从{type}中减去日、月、年（可以减去小时、分钟）；请从日期中减（X.day - 3 days），"
                                   "或改用“期限 … 早于”（within … before）",
                                   "days, months or years cannot be taken back from a {raw} (hours and minutes can); "
                                   "subtract them from the day (X.day - 3 days) or use `within … before`"),
    "type_mismatch.hours_on_date": ("日期不能减去小时数：某日的某一时刻写作该日加上小时（D + 11 hours：该日11时），"
                                    "前一日的某一时刻写作 D - 1 days + 23 hours",
                                    "hours cannot be taken back from a date: a time of a day is the day plus hours "
                                    "(D + 11 hours: 11:00 of it), a time of the day before D - 1 days + 23 hours"),
    "type_mismatch.arith": ("无法计算 {left} {op} {right}", "cannot compute {left} {op} {right}"),
    "hint:arith": ("金额可以乘除数字或百分比，金额与金额可以相加减、相除（得比值）；数字与数字可以做四则运算",
                   "an amount may be multiplied or divided by a number or a percentage; amounts add, subtract "
                   "and divide (giving a ratio); numbers take all four operations"),
    "hint:arith_money_money": ("金额乘金额没有意义：其中一个应为数字或百分比，如 price × 85% 或 price × score ÷ 100",
                               "an amount times an amount means nothing: one of them should be a number or a "
                               "percentage, e.g. price × 85% or price × score ÷ 100"),
    "hint:arith_money_plus": ("金额只能与金额相加减：把数字写成金额，如 ¥3.00，或先乘以单价",
                              "an amount adds only to an amount: write the number as money (¥3.00) or multiply it "
                              "by a unit price first"),
    "hint:arith_percent": ("百分比不能与金额相加减：要计算金额的百分之几，写 5% of price 或 price × 5%",
                           "a percentage does not add to an amount: for a share of it write 5% of price or "
                           "price × 5%"),
    "hint:arith_event_time": ("事件本身不是时点：加减时长要用它的时刻，写 {alias}.at {op} …（如 {alias}.at + 2 hours；"
                              "某日某时写 {alias}.at.day + 11 hours）",
                              "an event is not itself a time: add or take a length from its instant, {alias}.at {op} … "
                              "({alias}.at + 2 hours; a time of its day, {alias}.at.day + 11 hours)"),
    "hint:arith_per_money": ("不能用数字除以金额：要计算比值，用金额除以金额，如 paid ÷ price",
                             "a number cannot be divided by an amount: for a ratio divide an amount by an amount, "
                             "e.g. paid ÷ price"),
    "division_by_zero": ("除数为零", "division by zero"),
    "values_not_comparable": ("{left} 与 {right} 种类不同，无法比较大小", "{left} and {right} are of different kinds"),
    "unbounded_recurrence": ("“每 …”没有终点：写明至何时为止（until / 直至），例如服务期届满或合同终止之时",
                             "`every …` has no end: say until when (until …), e.g. the end of the service "
                             "period or of the contract"),
    "cap_without_amount": ("救济 {name} 写了“累计不超过”（total at most），但没有金额（amount）",
                           "remedy {name} says `total at most` but has no amount"),
    "floor_without_amount": ("救济 {name} 写了“每笔不低于”（each at least），但没有金额（amount）",
                             "remedy {name} says `each at least` but has no amount"),
    "hint:floor": ("如：amount max(¥0.00, o.b.amount - sum(p.amount for each paid p)) × 0.2% per day，下一行写 each at least ¥1.00",
                   "e.g. amount max(¥0.00, o.b.amount - sum(p.amount for each paid p)) × 0.2% per day, then each at "
                   "least ¥1.00"),
    "hint:floor_percent": ("写明基数，如 each at least 1% of o.b.amount（该笔欠费的1%），或写金额 each at least ¥1.00",
                           "name what it is a share of, e.g. each at least 1% of o.b.amount, or write an amount: "
                           "each at least ¥1.00"),
    "hint:floor_kind": ("金额写成钱数（amount ¥300.00）配钱数的最低额（each at least ¥1.00），或扣分配分数的最低额（each at least 1）",
                        "write the amount in money (amount ¥300.00) with a least in money (each at least ¥1.00), or in "
                        "points with a least in points (each at least 1)"),
    "hint:cap": ("如：amount ¥500.00 × round_up((f.at - r.at) ÷ 1 hours, 1)，下一行写 total at most 5% of total",
                 "e.g. amount ¥500.00 × round_up((f.at - r.at) ÷ 1 hours, 1), then total at most 5% of total"),
    "suspension_one_fact": ("义务 {name}：“中止事件 … 直至 …”的两端各是一类事实", "obligation {name}: each side of "
                            "`suspended by … until …` is one kind of fact"),
    "suspension_one_fact.extension": ("义务 {name}：“延期事件 …”（extended by）或“提前到期事件 …”（accelerated by）只能写一类事实，"
                                      "不能写几类事实的组合",
                                      "obligation {name}: `extended by …` / `accelerated by …` names one kind of fact, "
                                      "not a join of several"),
    "hint:extension_one_fact": ("几项事实先后不定的，按哪一项最后到来各写一行，以该项为模式、用 exists( ) 读其余各项："
                                "如 extended by claimed x where exists(handed_over h where h.at <= x.at) …",
                                "write one line for each fact that may come last, that fact as the pattern and the others "
                                "read with exists( ): e.g. extended by claimed x where exists(handed_over h where h.at <= "
                                "x.at) …"),
    "suspension_one_fact.settled": ("救济 {name}：“清偿事件 …”（settled by）只能写一类事实，不能写几类事实的组合",
                                    "remedy {name}: `settled by …` names one kind of fact, not a join of several"),
    "hint:settled_one_fact": ("如：settled by damages_paid p where p.ref == o.m.id（其余条件用 exists( ) 读）",
                              "e.g. settled by damages_paid p where p.ref == o.m.id (other facts read with exists( ))"),
    "suspension_continuing": ("义务 {name}：持续性义务（直至 / 长期有效）不中止", "obligation {name}: a continuing "
                              "duty (until / without end) is not suspended"),
    "hint:suspension": ("如：suspended by hindrance_began h until hindrance_ended e "
                        "where e.ref == h.id（不可抗力期间中止，结束后期限相应顺延）",
                        "e.g. suspended by hindrance_began h until hindrance_ended e "
                        "where e.ref == h.id (paused while force majeure lasts, the deadline then moved on by that "
                        "time)"),
    "every_alone": ("义务 {name}：“每 …”（every）须是该义务唯一的触发：其他触发产生的义务没有所属期间",
                    "obligation {name}: `every …` must be its only trigger: a duty another trigger sets off has "
                    "no period"),
    "every_once": ("义务 {name}：“每 …”（every）与“仅一次”（once）不能同用：每个期间各有一项义务",
                   "obligation {name}: `every …` and `once` contradict each other: each period has its own duty"),
    "every_not_here": ("{name}：“每 …”（every）只用于义务：每个期间产生一项义务",
                       "{name}: `every …` belongs to obligations: one duty for each period"),
    "hint:every_not_here": ("按期产生的权利或事件：先写一项按期的义务（every month p from … until …，如每月的考核、对账），再让"
                            "救济或视为事件由它触发（for each 该义务.violated v），金额或条件读取 v.p",
                            "a right or event that arises period by period: write a recurring duty first (every month p "
                            "from … until …: a monthly review, a statement), then let the remedy or deemed event follow "
                            "it (for each that_duty.violated v), its amount or condition reading v.p"),
    "hint:every": ("如：every month p from contract_term.start until contract_term.end，再写 due by "
                   "working_day_of_next_month(5, p.end)",
                   "e.g. every month p from contract_term.start until contract_term.end, then due by "
                   "working_day_of_next_month(5, p.end)"),
    "wrong_arguments.calendar": ("{fn}( ) 的参数个数不对", "{fn}( ) takes other arguments"),
    "calendar_day_number": ("{fn}( ) 的第一个参数是日序，应直接写出1到31的整数（或值为该整数的参数），不能取自事实",
                            "the first argument of {fn}( ) is a day's number, written out as a whole number from 1 "
                            "to 31 (or a parameter holding one), not read from a fact"),
    "hint:calendar_1": ("如：month_end(m.at)（该月最后一日24时）、day_end(…)（当日24时）、quarter_end(…)、year_end(…)",
                        "e.g. month_end(m.at) (24:00 of the month's last day), day_end(…) (24:00 of that day), "
                        "quarter_end(…), year_end(…)"),
    "hint:calendar_2": ("如：working_day_of_next_month(5, m.at)（次月第5个工作日24时）、day_of_next_month(10, m.at)（次月10日24时）",
                        "e.g. working_day_of_next_month(5, m.at) (24:00 of the 5th working day of the next month), "
                        "day_of_next_month(10, m.at) (24:00 of the 10th of the next month)"),
    "type_mismatch.duration_count": ("时长的数目应为数字，而不是{type}", "a length is a number of units, not {type}"),
    "type_mismatch.extension_length": ("“顺延”（for）后面应为时长，而不是{type}",
                                       "`for` is followed by a length of time, not {type}"),
    "hint:duration_count": ("如：extended by extension_agreed a where a.ref == o.id for a.days days（事实给出顺延的日数）",
                            "e.g. extended by extension_agreed a where a.ref == o.id for a.days days (a fact "
                            "gives the days)"),
    "hint:duration_count.already": ("这个值本身已是时长（两个日期之差即为日数）：去掉后面的单位，如 for y.at.day - y.due.day",
                                    "this value is already a length of time (the difference of two days is days): "
                                    "drop the unit after it, as in for y.at.day - y.due.day"),
    "type_mismatch.consecutive": ("consecutive( ) 数的是期间：每个匹配给出一个期间的名称（如 \"2026-03\"）、日期或时刻，而不是{type}",
                                  "consecutive( ) counts periods: each match gives a period's name (such as "
                                  "\"2026-03\"), a date or an instant, not {type}"),
    "hint:consecutive": ("如：consecutive(month, a.month for each assessed a where a.score < 80) >= 3（连续3个月考核低于80分）",
                         "e.g. consecutive(month, a.month for each assessed a where a.score < 80) >= 3 (three months "
                         "in a row scored below 80)"),
    "bad_period_label": ("“{value}”不是{unit}的名称，应写作 {example} 这样", "\"{value}\" does not name one of the "
                         "{unit}; write it like {example}"),
    "length_negative": ("时长 {value} {unit} 为负数", "the length {value} {unit} is negative"),
    "length_not_whole": ("时长 {value} {unit} 不是整数（只有小时、分钟可以有小数，按整分钟计）",
                         "the length {value} {unit} is not whole (only hours and minutes may have a fraction, "
                         "in whole minutes)"),
    "length_not_whole_minutes": ("时长 {value} {unit} 即 {minutes} 分钟，不是整分钟（小时、分钟可以有小数，但须折合为整分钟）",
                                 "the length {value} {unit} is {minutes} minutes, not whole minutes (hours and "
                                 "minutes may have a fraction, in whole minutes)"),
    "length_too_long": ("时长 {value} {unit} 超出了可计算的范围", "the length {value} {unit} is out of range"),
    "not_fixed_duration": ("与时长比较或相除的期间须有固定长度，而{unit}的长度取决于起算之时",
                           "a duration set against an elapsed time needs a fixed length; {unit} depend on where "
                           "they start"),
    "hint:elapsed": ("两个时刻之差是时长：f.at - r.at <= 4 hours；按小时计费：round_up((f.at - r.at) ÷ 1 hours, 1) × ¥500.00；"
                     "用分钟、小时、日（24小时）或周，不用工作日、月、年",
                     "the difference of two instants is an elapsed time: f.at - r.at <= 4 hours; billed by the hour: "
                     "round_up((f.at - r.at) ÷ 1 hours, 1) × ¥500.00; in minutes, hours, days (24 hours) or weeks, "
                     "not working days, months or years"),
    "type_mismatch.share": ("“{name} of …”中的 {name} 应为百分比，而不是{type}",
                            "in `{name} of …`, {name} should be a percentage, not {type}"),
    "hint:share": ("声明一个百分比参数再使用：param late_rate = 0.1%，然后写 late_rate of total 或 total × late_rate",
                   "declare a percentage first: param late_rate = 0.1%, then write late_rate of total or "
                   "total × late_rate"),
    "type_mismatch.cases": ("“如 … 则 … 否则 …”两种情形的值应为同一种：{then}与{otherwise}",
                            "both cases of `if … then … otherwise …` must give one kind of value: {then} and "
                            "{otherwise}"),
    "hint:cases": ("例如：if a.score >= 90 then price otherwise price × a.score ÷ 90（两种情形都是金额）",
                   "e.g. if a.score >= 90 then price otherwise price × a.score ÷ 90 (both cases are amounts)"),
    "hint:division_by_zero": ("检查除数：写明的除数为零，计算无法进行", "check the divisor: as written it is zero"),
    "wrong_arguments.extreme": ("{fn}( ) 至少要有两个值", "{fn}( ) takes two or more values"),
    "type_mismatch.extreme": ("{fn}( ) 只比较数字、金额或百分比，而不是{type}",
                              "{fn}( ) compares numbers, amounts or percentages, not {type}"),
    "type_mismatch.extreme_mixed": ("{fn}( ) 的各个值应为同一种：{types}",
                                    "the values of {fn}( ) must be of one kind: {types}"),
    "hint:extreme": ("例如封顶：min(damages, 10% of total)（累计不超过合同总价的10%）",
                     "e.g. a cap: min(damages, 10% of total) (not more than 10% of the price)"),
    "hint:extreme_moments": ("日期、时点取较晚者写 latest(a, b)（最晚( )），取较早者写 earliest(a, b)（最早( )）",
                             "the later of dates or moments is latest(a, b), the earlier earliest(a, b)"),
    "wrong_arguments.rounding": ("{fn}( ) 取一个值和一个可选的取整单位：{fn}(x) 或 {fn}(x, 步长)",
                                 "{fn}( ) takes a value and an optional step: {fn}(x) or {fn}(x, step)"),
    "type_mismatch.rounding": ("{fn}( ) 只对数字、金额或百分比取整，而不是{type}",
                               "{fn}( ) rounds numbers, amounts or percentages, not {type}"),
    "type_mismatch.rounding_step": ("{fn}( ) 的取整单位应与被取整的值同类（{value}），而不是{type}",
                                    "the step of {fn}( ) must be of the rounded value's kind ({value}), not {type}"),
    "rounding_step": ("{fn}( ) 的取整单位应大于零", "the step of {fn}( ) must be more than zero"),
    "hint:rounding": ("round(x) 四舍五入到分（金额）或整数；round_up(hours, 1)：不足一小时按一小时计；"
                      "round_down(amount, ¥100.00)：不足百元的部分不计",
                      "round(x) rounds half-up to the fen (amounts) or to a whole number; round_up(hours, 1): "
                      "a part of an hour counts as an hour; round_down(amount, ¥100.00): drop what is under ¥100"),
    "type_mismatch.sum": ("无法对{type}求和：只有金额和数字可以合计", "sum of {type}: only amounts and numbers add up"),
    "type_mismatch.attribute": ("{type}没有属性 “{name}”", "a {type} has no attribute {name!r}"),
    "type_mismatch.other": ("other( )（对方）的参数应为当事人，而不是{type}", "other( ) takes a party, not {type}"),
    "type_mismatch.order": ("{left}与{right}之间不能用 {op} 比较大小", "cannot order {left} against {right} with {op}"),
    "type_mismatch.compare": ("{left}与{right}不能相互比较", "cannot compare {left} with {right}"),
    # ------------------------------------------------------------------ the contract's own numbers (findings)
    "amount_out_of_range": ("{name}：金额超出可计算的范围", "{name}: the amount is out of range"),
    "amount_out_of_range.accrued": ("救济 {name} 累计到 ¥{amount}，超出可计算的范围：请检查它的金额（是否多写了几位）",
                                    "remedy {name} comes to ¥{amount}, past the amounts computed: check its amount "
                                    "(digits too many?)"),
    "stated_amount_mismatch": ("{name}：合同载明 ¥{stated:,.2f}，但按其计算公式得出 ¥{computed:,.2f}",
                               "{name}: the contract states ¥{stated:,.2f} but its formula gives ¥{computed:,.2f}"),
    "stated_amount_mismatch.follows": ("{name}：合同载明 ¥{stated:,.2f}，但按其计算公式得出 ¥{computed:,.2f}——其公式本身无误，差异来自 {cause}"
                                       "（按合同载明的 {cause} 计算，正是 ¥{stated:,.2f}；见该行的提示）",
                                       "{name}: the contract states ¥{stated:,.2f} but its formula gives ¥{computed:,.2f} — "
                                       "the formula is right; the difference comes from {cause} (on the amount the contract "
                                       "states for {cause} it gives ¥{stated:,.2f}: see that line's warning)"),
    "table_total_mismatch": ("表格 {table}：各行合计 ¥{total:,.2f}，但总计行写的是 ¥{stated:,.2f}",
                             "table {table}: the lines add up to ¥{total:,.2f}, the total line says ¥{stated:,.2f}"),
    "amount_words_unreadable": ("{what}：无法将 “{words}” 识读为大写金额",
                                "{what}: cannot read {words!r} as an amount in capitals"),
    "amount_words_mismatch": ("{what}：大写金额“{words}”为 ¥{value:,.2f}，而小写金额为 ¥{amount:,.2f}，二者不一致",
                              "{what}: the amount in capitals {words} is ¥{value:,.2f}, but the numerals say "
                              "¥{amount:,.2f}"),
    "contract_inconsistency": ("{text}：经核对不成立", "{text}: it does not hold"),
    "contract_inconsistency.sides": ("{text}：经核对不成立（{left}，而 {right}）", "{text}: it does not hold ({left}, against {right})"),
    "empty_clause": ("条款编号为空：报告以条款编号引用其中每一项规则", "a clause number of nothing: the report cites each of its rules by it"),
    "hint:empty_clause": ("写出合同的条款编号，如 clause \"2\" \"交货\"", "write the contract's clause number, as clause \"2\" \"交货\""),
    "note_unknown_assumption": ("规则 {rule} 的说明提到假定 {name}，而本文件没有这一假定：报告不会把它列为该规则所依据的假定",
                                "a note of rule {rule} names assumption {name}, which this file does not have: the report "
                                "will not list it among the assumptions the rule rests on"),
    "hint:note_unknown_assumption": ("改正说明中的名称（“是否想写”给出相近的假定），或在文件中写出这一假定",
                                     "correct the name in the note (did-you-mean gives a near one), or declare the "
                                     "assumption"),
    "unused_assumption": ("假定 {name} 没有被任何规则读取：它只说明规则的读法，改变它（--assume）不会改变任何结论",
                          "assumption {name} is read by no rule: it only states how the rules read the contract, and "
                          "changing it (--assume) changes no verdict"),
    "hint:unused_assumption": ("在决定结论的规则中引用它（如 … and {name} == \"…\"），或删去这一假定",
                               "read it in the rule whose verdict it decides (… and {name} == \"…\"), or remove it"),
    "open_point": ("合同未写明之处 {called}：{explanation}", "{name} ({label}): {explanation}"),
    "too_deep.cascade": ("适用 {name} 时，同一时刻一项结论引起另一项结论，连续超过 {limit} 层（最后一项：{event}）："
                         "规则之间互相触发，没有尽头",
                         "applying {name}, one verdict set off another at one instant more than {limit} levels deep "
                         "(the last: {event}): rules that set each other off without end"),
    "hint:too_deep_cascade": ("检查由彼此的阶段（.fulfilled、.violated）触发的义务：同一事实会在同一时刻履行每一项新产生的义务",
                              "look for duties triggered by each other's stages (.fulfilled, .violated): one fact "
                              "performs each new duty at the same instant"),
    "open_point.overridden": ("合同未写明之处 {called}：{explanation}【本次运行改用：{name} = {value}】",
                              "{name} ({label}): {explanation} [overridden for this run: {name} = {value}]"),
    # ------------------------------------------------------------------ syntax
    "syntax_error": ("此处不能写 “{token}”", "unexpected {found} here"),
    "syntax_error.end": ("文件在此处意外结束", "unexpected end of file"),
    "hint:hidden_char": ("这一行有看不见的字符（代码点@列）：{chars}；删去它们，或重新输入这一行",
                         "this line holds characters that cannot be seen (code point@column): {chars}; delete them or "
                         "type the line again"),
    "syntax_error.character": ("此处不能出现字符 “{char}”", "unexpected character {char!r}"),
    "syntax_error.unclosed_quote": ("引号没有闭合", "the quote is not closed"),
    "syntax_error.early_end": ("文件提前结束了", "the file ends too early"),
    "syntax_error.role_missing": ("“{word}” 之后缺少当事人的身份", "the party's role is missing after {word!r}"),
    "hint:role_missing": ("在同一行写出身份（如 buyer、supplier），或删去 “{word}”", "write the role on the same line "
                          "(buyer, supplier, …) or remove {word!r}"),
    "syntax_error.unclosed_paren": ("左括号“(”没有闭合：读到第 {next_line} 行的“{next}”时仍在括号内",
                                    "the parenthesis “(” opened at line {line} is not closed: line {next_line}'s {next!r} was "
                                    "still read inside it"),
    "hint:unclosed_paren": ("在括号内容的末尾（第 {next_line} 行之前）补上“)”", "add “)” where what it encloses ends "
                            "(before line {next_line})"),
    "syntax_error.unclosed_brace": ("文件已结束，第 {line} 行（{word}）开始的花括号 {{ … }} 没有闭合",
                                    "the file ends with the brace {{ … }} opened at line {line} ({word}) not closed"),
    "hint:unclosed_brace": ("在这一块的末尾补上“}}”：每个 {{ 都要有配对的 }}", "add “}}” where the block ends: every {{ "
                            "has its }}"),
    "hint:of_after_value": ("of（之）前只能写一个百分数（5%）或一个参数名：算出的比例先定义为参数（param daily = 6.525% ÷ 360），"
                            "再写 daily of total；或写成乘法 total × 6.525% ÷ 360",
                            "`of` follows a percentage (5%) or a name only: name a computed rate first (param daily = "
                            "6.525% ÷ 360) and write daily of total, or multiply: total × 6.525% ÷ 360"),
    "hint:no_negative": ("规则中不直接写负数：减少的数额写成减法（如 price - ¥5.00、¥0.00 - ¥5.00），或在条款中写“扣减”",
                         "rules write no negative numbers: write a subtraction (price - ¥5.00, ¥0.00 - ¥5.00)"),
    "hint:money_form": ("金额写作 ¥1,000.00：¥ 与数字之间不留空格", "write an amount as ¥1,000.00, with no space after ¥"),
    "hint:money_yen": ("金额前加 ¥，写作 {amount} 这样（不写“元”）；大写写在其后：{amount} 大写 \"…\"",
                       "write an amount with ¥ before it, as {amount} (no 元); the capitals after it: {amount} 大写 "
                       "\"…\""),
    "hint:capitals_alone": ("大写金额不能单独作值：先写数字金额，大写写在其后——{amount} 大写 \"{name}\"",
                            "an amount in capitals is no value alone: write the figures, the capitals after them — "
                            "{amount} 大写 \"{name}\""),
    "hint:quote_text": ('与文字比较时，文字写在双引号内：{quoted}', 'a text compared with is written in double quotes: {quoted}'),
    "hint:bad_time": ("按原始凭证写出该事实发生的真实时间（北京时间，加时区偏移 +08:00；只知日期的写 YYYY-MM-DD，年份在 1900–9000 之间）；"
                      "尚未发生的事实不要录入，发生后再记",
                      "write the time the fact really happened, from its record (contract time, with the offset +08:00; "
                      "a day alone as YYYY-MM-DD, a year from 1900 to 9000); a fact that has not happened yet is not "
                      "recorded until it does"),
    "hint:time_form": ('写作 "at": "{meant}"（ISO-8601：年-月-日T时:分:秒，加时区偏移 +08:00；只知日期的写 YYYY-MM-DD）',
                       'write "at": "{meant}" (ISO-8601: year-month-dayThour:minute:second with the offset +08:00; a '
                       'day alone as YYYY-MM-DD)'),
    "hint:comparison_word": ("比较写符号：写 {sign}（“{written}”）；比较符有 ==、!=、>=、<=、>、<（§2）",
                             "a comparison is written with its sign: {sign} for {written!r}; the signs are ==, !=, >=, "
                             "<=, >, < (§2)"),
    "hint:keyword_glued": ("关键字 “{keyword}” 后面紧跟文字，整个读成了一个名称 “{written}”：关键字前后要加空格，写 {form}（§2）",
                           "the keyword {keyword!r} runs on into the letters after it, read as one name {written!r}: "
                           "put spaces around a keyword: {form} (§2)"),
    "hint:percent_first": ("百分比写在前面：{zh_form}（“N% 之 X”，§2）", "a percentage comes first: {en_form} (`N% of X`, §2)"),
    "hint:per_unit_only": ("金额只能按日（per day / 按日）或按小时（per hour / 按小时）累计，不能按 {written} 累计",
                           "amounts accrue per day or per hour only, not per {written}"),
    "hint:percent_space": ("“{sign}”紧跟在数字之后，中间不留空格：写作 {form}", "{sign!r} goes straight after the number, no "
                           "space between: write {form}"),
    "hint:date_form": ("日期写作 {date}（年-月-日，月和日写两位）", "write a date as {date} (year-month-day)"),
    "hint:syntax_above": ("请检查上一行是否漏写了关键字、花括号或引号", "check the line above for a missing keyword, brace or quote"),
    "hint:attribute_comma": ("属性之间不用逗号：删去逗号，以空格或换行分隔（item: text \"货物\"  qty: int）",
                             "attributes take no comma between them: delete it, and separate them by spaces or line ends "
                             "(item: text \"货物\"  qty: int)"),
    "hint:number_digits": ("数字只写阿拉伯数字，不用科学记数法：1e3 写作 1000（1e400 之类超出任何范围）",
                           "numbers are written in plain digits, no exponent: 1e3 as 1000 (1e400 is past any range)"),
    "hint:assumption_reason": ("假定 {name} 缺少理由：在其值之后写上带引号的理由（合同为何不明、本规则如何理解），报告在其决定的每项结论旁显示",
                               "assumption {name} lacks its reason: write it in quotes after its value (what the contract "
                               "leaves open, how the rules read it) — the report shows it beside every verdict it decides"),
    "hint:syntax_write": ("在此处写{options}", "write {options} here"),
    "syntax_error.line_comma": ("行末的逗号 “{comma}” 表示后面还有一项，下一行却不能接在它后面（读到 “{next}”）",
                                "the comma {comma!r} ends the line, asking for one more item, and the next line "
                                "cannot be it (found {next!r})"),
    "hint:line_comma": ("删去行末的逗号；一行只写一个触发条件或一项内容", "remove the comma at the end of the line"),
    "syntax_error.dangling": ("“{op}” 之后缺少表达式：本行以 “{op}” 结尾，下一行的 “{next}” 不能接在它后面",
                              "expected an expression after {op!r}: the line ends with it, and the next line's "
                              "{next!r} cannot follow it"),
    "hint:dangling": ("在 “{op}” 之后写出另一边（同一行或下一行），或删去多余的 “{op}”",
                      "write what {op!r} applies to (on this line or the next), or remove the stray {op!r}"),
    "too_large": ("规则文本 {path} 过长，未作解析：共 {chars} 个字符，超过上限 {limit} 个字符（自第 {line} 行起超出）",
                  "the rule text {path} is too long to parse: {chars} characters, over the limit of {limit} "
                  "(passed at line {line})"),
    "hint:too_large": ("一份合同的规则通常只有几万个字符（所附示例合同约 3 万）：请确认这是规则文件，"
                       "并检查是否有一段内容被重复粘贴了许多次",
                       "a contract's rules run to tens of thousands of characters (the seed contract about 30,000): "
                       "check that this is the rule file, and whether a block was pasted many times over"),
    "not_whole_number": ("{what}必须是整数，不能是 {raw}", "{what} must be a whole number, not {raw}"),
    "hint:whole_number": ("不足一日的以小时计（如 36 小时），不足一月的以日计",
                          "write hours for parts of a day (36 hours), days for parts of a month"),
    "hint:whole_number.range": ("int 的范围只能写整数；需要小数的，把属性声明为 decimal（如 score: decimal 0..100）",
                                "an int range takes whole numbers; for fractions declare the attribute as decimal "
                                "(score: decimal 0..100)"),
    "hint:misspelt_aggregate": ("“{written}” 不是关键字，是否想写 {meant}(…)？（{meant} 之后才能写别名和 where 条件）",
                                "{written!r} is not a keyword: did you mean {meant}(…)? (only after {meant} may an alias and "
                                "a where follow)"),
    "hint:counting_place": ("计算方式（不顺延 / 顺延）紧跟在期间之后、“自”之前：期限 5 日 顺延 自 x（within 5 days as act after x）",
                            "the counting (as term / as act) comes right after the length, before `after`: within 5 days "
                            "as act after x"),
    "hint:unclosed_quote": ('引号没有闭合：文字的引号 " 要在同一行内成对出现——在这段文字的末尾补上 "',
                            'the quote is not closed: a text\'s quotes " pair up on one line — add " at the end of the text'),
    "hint:ascii_quotes": ('文字两端的引号用英文半角双引号 "…"，不用中文引号 “…”（中文引号可以写在文字里面）',
                          'a text is written between ASCII (straight) double quotes "…", not Chinese ones “…” (those '
                          'may stand inside the text)'),
    "hint:quote_inside_text": ('引号中的文字不能再含英文双引号 "：文字中的引语改用中文引号 “…”（如 “合格发票”）',
                               'a quoted text cannot hold ASCII double quotes ": write the quotation inside it with '
                               'Chinese quotes “…”'),
    "hint:part_elsewhere": ("“{part}” 不能写在这类规则中：它只用于{rules}", "{part!r} does not go in this kind of rule: "
                            "only in {rules}"),
    "hint:part_near": ("“{part}” 只用于{rules}；此处应写 “{meant}”", "{part!r} goes only in {rules}; here write {meant!r}"),
    "word:part_of.obligation": ("义务（obligation）", "an obligation"),
    "word:part_of.remedy": ("救济（remedy）", "a remedy"),
    "word:part_of.termination": ("解除事由（termination）", "a termination"),
    "word:part_of.obligation_remedy": ("义务（obligation）或救济（remedy）", "an obligation or a remedy"),
    "word:part_of.remedy_effective_termination": ("救济（remedy）、生效条款（effective）或解除事由（termination）",
                                                  "a remedy, an effective or a termination"),
    "hint:comma_in_condition": ("条件之间不用逗号：删去 “{token}”，写 且（同时成立）或 或（其一成立）连接两个条件",
                                "conditions are not separated by a comma: remove {found} and join them with and (both "
                                "hold) or or (either holds)"),
    "hint:misspelt_keyword": ("“{written}” 在此被读作名称；是否想写关键字 {meant}？",
                              "{written!r} is read as a name here: did you mean the keyword {meant}?"),
    "number_too_large": ("{what} {raw} 超出范围", "{what} {raw} is out of range"),
    "duration_too_long": ("期间 {raw} {unit} 过长：最多 {most} {unit}", "a duration of {raw} {unit} is too long: at most {most} {unit}"),
    "hint:duration_too_long": ("日期只能算到公元9999年，事实的日期可到9000年，所以期间最长 999 年；请核对数字（是否多写了一位）",
                               "dates are counted up to the year 9999 and a fact's date may be as late as 9000, so no "
                               "duration may pass 999 years: check the number (a digit too many?)"),
    "empty_text.caveat": ("{name} 的 “须注意条件 / caveat if” 没有说明文字", "the `caveat if` of {name} has an empty text"),
    "hint:empty_caveat": ("写明须根据具体情况判断的是什么，如 caveat if … \"期限届满前曾遭遇不可抗力：是否免责须根据具体情况判断\"",
                          "say what is left to be judged, e.g. caveat if … \"a force majeure before the deadline: whether it "
                          "excuses is to be weighed\""),
    "empty_range": ("范围 {low}..{high} 中没有任何数", "the range {low}..{high} holds no number"),
    "money_bound_fraction": ("金额的范围界限 {value} 超过两位小数：金额的最小单位是分（0.01）",
                             "the amount bound {value} has more than two decimals: the smallest unit is the fen (0.01)"),
    "hint:money_bound_fraction": ("界限写成整数或两位小数，如 money -10000000..10000000",
                                  "write the bounds as whole yuan or with two decimals: money -10000000..10000000"),
    "hint:swap_range": ("应写作 {high}..{low}", "write {high}..{low}"),
    "bad_date": ("{text} 不是日历上存在的日期", "{text} is not a calendar date"),
    "bad_date.no_such_day": ("{text} 不是日历上存在的日期：{year} 年 {month} 月只有 {last} 日，没有 {day} 日",
                             "{text} is not a calendar date: {year}-{mm} has {last} days, no day {day}"),
    "bad_date.form": ("日期 {text} 应写作 年-月-日，月和日各两位：{meant}",
                      "the date {text} is written year-month-day with two-digit month and day: {meant}"),
    "bad_date.no_such_year": ("{text} 不是日历上存在的日期：没有 0 年（公元纪年从 1 年开始）",
                              "{text} is not a calendar date: there is no year 0 (years count from 1)"),
    "bad_date.no_such_month": ("{text} 不是日历上存在的日期：没有 {month} 月", "{text} is not a calendar date: there is no month {month}"),
    # ------------------------------------------------------------------ what cannot run (issue 10)
    "too_deep": ("表达式在此处嵌套超过 {limit} 层", "the expression nests more than {limit} levels deep here"),
    "too_deep.sources": ("一处 for each 至多同时取 {limit} 项事实，此处有 {sources} 项",
                         "a `for each` binds at most {limit} facts together; this one names {sources}"),
    "hint:too_deep_sources": ("把规则拆开：先用一条规则把其中几项事实归为一个视为事件，再在此处引用该事件",
                              "split the rule: let a deemed event stand for several of these facts, and name that event here"),
    "too_deep.terms": ("一个算式最多相加 {limit} 项，此处有 {terms} 项", "a sum of {terms} terms: at most {limit} add up in one expression"),
    "too_deep.sums": ("算式层层相套，按每一项各算一层，此处超过 {limit} 层",
                      "sums inside sums nest more than {limit} levels here, each term counted as a level"),
    "too_deep.factors": ("一个算式最多相乘 {limit} 项，此处有 {terms} 项",
                         "a product of {terms} factors: at most {limit} multiply in one expression"),
    "too_deep.reference": ("{what} {name} 经由其引用的参数和期间嵌套超过 {limit} 层（{chain} …）",
                           "{what} {name} nests more than {limit} levels deep through the parameters and periods it reads "
                           "({chain} …)"),
    "too_deep.rules": ("{name} 是一串相继触发的规则中的第 {depth} 项（{chain} …）；至多 {limit} 项",
                       "{name} is rule {depth} of a chain each triggered by the one before ({chain} …); at most {limit}"),
    "hint:too_deep_rules": ("让规则直接由事实或较早的规则触发，不要一个接一个地串联",
                            "let the rule be triggered by a fact or an earlier rule directly, not one after another"),
    "hint:too_deep": ("把表达式拆成几个参数，每个参数写其中一部分", "split the expression into several parameters, each holding a part"),
    "hint:too_deep_chain": ("缩短参数之间的引用链：让参数直接引用它所需要的值", "shorten the chain: let a parameter read the value it needs directly"),
    "period_cycle": ("期间 {name} 的起算点直接或间接地依赖其自身：{cycle}",
                     "period {name} starts from itself, directly or through others: {cycle}"),
    "hint:period_cycle": ("期间须从别的时点起算（某一事实、某个日期或另一期间的届满），不能从其自身的起止时点起算",
                          "start the period at another moment (a fact, a date, another period's end), never at its own "
                          "start or end"),
    "bad_rate": ("比率 {text} 无法读取：{problem}", "the rate {text} cannot be read: {problem}"),
    "hint:bad_rate": ("写作 万分之五、千分之零点五、百分之二十，或 0.05%、0.3‰",
                      "write 万分之五, 千分之零点五, 百分之二十, or 0.05%, 0.3‰"),
    "bad_number.digits": ("数字 {text} 中的 “{char}” 不是半角阿拉伯数字：规则文件中的数字只能用 0–9 书写",
                          "the number {text}: {char!r} is not a digit 0-9 (full-width and other scripts' digits are not "
                          "read)"),
    "too_many_errors": ("另有 {count} 处错误未列出（只列出前 {shown} 处）；请先修改以上错误",
                        "{count} more errors are not listed (the first {shown} are); fix these first"),
    "number_too_large.digits": ("数字 {shown} 有 {digits} 位，超出范围（至多 {limit} 位）",
                                "the number {shown} has {digits} digits (at most {limit})"),
    "bad_text.surrogate": ("规则文本中有孤立的代理码位 {code_point}：它不是字符，通常是文本解码出错留下的",
                           "the rule text holds a lone surrogate {code_point}: not a character, the trace of a wrong "
                           "decoding"),
    "hint:surrogate": ("以 UTF-8 重新读取或保存规则文本，并删去此处的字符", "read or save the rules as UTF-8 again and remove the character here"),
    "bad_as_of.year": ("报告时点 {value}：年份 {year} 不在 1900–9000 之间", "as_of {value}: the year {year} is outside 1900–9000"),
    "bad_money": ("金额 {text} 写法有误：{problem}", "the amount {text} is not written as an amount: {problem}"),
    # ------------------------------------------------------------------ files, calendars, --as-of, --assume
    "unwritable_file": ("无法写入{what} {path}：{reason}", "cannot write {what} {path}: {reason}"),
    "unwritable_file.stdout": ("无法写入{what}：{reason}", "cannot write {what}: {reason}"),
    "hint:output_is_input": ("为输出另选一个文件名（-o）", "name another file for the output (-o)"),
    "hint:unwritable": ("检查该目录是否存在、能否写入；省略 -o 则写到标准输出",
                        "check that the folder exists and may be written to; without -o the output goes to "
                        "standard output"),
    "unreadable_file": ("无法读取{what} {path}：{reason}", "cannot read {what} {path}: {reason}"),
    "unreadable_file.stdin": ("无法读取{what}：{reason}", "cannot read {what}: {reason}"),
    "hint:save_utf8_bom": ("请将文件另存为“带 BOM 的 UTF-8”（记事本：“UTF-8 带 BOM”；WPS、Word 的“另存为”中选择编码），编码即可确定无疑",
                           "save the file as UTF-8 with a byte-order mark (Notepad: “UTF-8 with BOM”): its encoding is "
                           "then certain"),
    "hint:save_utf8": ("请将文件另存为 UTF-8 编码（记事本、WPS、Word 的“另存为”中均可选择编码）", "save the file as UTF-8"),
    "contract_header_twice": ("合同头部已经写过{what}：这里又写了 “{value}”", "the contract header already gives {what}: "
                              "{value!r} is a second one"),
    "word:header.number": ("这一方的合同编号", "this party's contract number"),
    "word:header.fallback": ("日历兜底方式（calendar fallback）", "the calendar fallback"),
    "hint:contract_header_twice": ("每项只写一次：删去多余的一项（以哪一项为准，由您决定，引擎不猜）",
                                   "say each once: delete the one not meant (the engine does not guess which)"),
    "unknown_party.number": ("合同编号所属的 “{name}” 不是已声明的当事人", "{name!r}, whose contract number this is, is "
                             "not a declared party"),
    "hint:declare_party": ("先用 party 声明当事人（如 party 买方 \"某公司\" as buyer），或改正当事人名称",
                           "declare the party first (party 买方 \"…\" as buyer), or correct its name"),
    "bad_calendar": ("未知的日历兜底方式 “{name}”", "unknown calendar fallback {name!r}"),
    "bad_calendar_file": ("日历文件不能使用：{detail}", "{detail}"),
    "word:calendar_file.date_with_time": ("{where}应为不带时刻的日期，如 “{year}-10-01”，实际为 {item}",
                                     "{where}expected a date like \"{year}-10-01\" without a time, got {item}"),
    "word:calendar_file.no_such_date": ("{where}“{item}” 不是实际存在的日期（应为 YYYY-MM-DD）",
                                   "{where}expected a real date YYYY-MM-DD, got \"{item}\""),
    "word:calendar_file.not_a_date": ("{where}应为写作 “YYYY-MM-DD” 的日期，实际为 {item}",
                                 "{where}expected a date written \"YYYY-MM-DD\", got {item}"),
    "word:calendar_file.wrong_year": ("{where}这是 [year.{year}] 表，日期应在 {year} 年内，实际为 {day}",
                                 "{where}expected a date in {year} (this is the [year.{year}] table), got {day}"),
    "word:calendar_file.missing_list": ("{where}缺少；应为日期列表（没有的写 {name} = []）",
                                   "{where}missing; expected a list of dates (write {name} = [] if there are none)"),
    "word:calendar_file.not_a_list": ("{where}应为日期列表，如 [\"{year}-10-01\"]，实际为 {items}",
                                 "{where}expected a list of dates like [\"{year}-10-01\"], got {items}"),
    "word:calendar_file.bad_year": ("{where}应为四位数的年份（0001–9999），如 [year.2027]", "{where}expected a four-digit year (0001–9999), as in [year.2027]"),
    "word:calendar_file.not_a_table": ("{where}应为含 source、holidays、workdays 的表 [year.{year}]",
                                  "{where}expected a table [year.{year}] with source, holidays and workdays"),
    "word:calendar_file.unknown_year_key": ("{where}未知的键；只能写 source、holidays、workdays",
                                       "{where}unknown key; expected only source, holidays, workdays"),
    "word:calendar_file.missing_source": ("{where}应写国务院办公厅通知的标题（不能为空）",
                                     "{where}expected the title of the State Council notice (a non-empty string)"),
    "word:calendar_file.twice": ("{where}{day} 已列于第 {first} 项；同一日期写了两次，多半是把相邻的日期打错了，请对照通知核对",
                            "{where}{day} is already item {first}; a date written twice is most likely a neighbouring "
                            "date mistyped: check it against the notice"),
    "word:calendar_file.both": ("{where}{day} 既列为节假日，又列为调休上班日",
                           "{where}{day} is listed both as a holiday and as a make-up working day"),
    "word:calendar_file.workday_on_weekday": ("{where}{day} 是星期{weekday_zh}，本来就是工作日：调休上班日只会是星期六或星期日，"
                                              "请对照通知核对这个日期",
                                              "{where}{day} is a {weekday_en}, a working day anyway: a make-up "
                                              "working day (调休上班) is a Saturday or a Sunday; check the date "
                                              "against the notice"),
    "word:calendar_file.unreadable": ("{where}无法读取日历文件（{reason}）", "{where}cannot read the calendar file ({reason})"),
    "word:calendar_file.not_text": ("{where}不是文本文件：{reason}", "{where}not a text file: {reason}"),
    "word:toml_at": ("第 {line} 行第 {column} 列不符合 TOML 的写法（如表头应写作 [year.2027]，日期写作 \"2027-10-01\"）",
                     "{detail}"),
    "word:calendar_file.not_toml": ("{where}不是有效的 TOML（{reason}）", "{where}not valid TOML ({reason})"),
    "word:calendar_file.unknown_key": ("{where}未知的键；只能写 [year.YYYY] 表", "{where}unknown key; expected only [year.YYYY] tables"),
    "word:calendar_file.no_years": ("{where}至少应有一个表，如 [year.2027]", "{where}expected at least one table such as [year.2027]"),
    "word:calendar_file.year_twice": ("{where}{year} 年已在 {other} 中定义；每一年只能在一个文件中定义",
                                 "{where}{year} is already defined in {other}; expected each year in one file only"),
    "word:calendar_file.named_twice": ("{where}这个日历文件已在合同头部写过一次（{other}）；每个文件只写一次",
                                       "{where}this calendar file is already named in the header ({other}); name each "
                                       "file once"),
    "word:calendar_file.missing": ("{where}文件不存在", "{where}no such file"),
    "word:calendar_file.not_a_file": ("{where}不是普通文件（目录、设备或管道不能作为日历文件）",
                                 "{where}not a regular file (a directory, a device or a pipe cannot be a calendar file)"),
    "word:calendar_file.too_large": ("{where}文件过大（超过 {limit} KB）；一年的日历只有几百字节",
                                "{where}too large (over {limit} KB); a year's calendar is a few hundred bytes"),
    "hint:calendar_file": ("日历文件的格式见 calendars/README.md", "see calendars/README.md for the format"),
    "hint:calendar_relative": ("日历文件的路径相对于规则文件所在的目录 {base} 计算", "a calendar file's path is read from "
                               "the rule file's folder, {base}"),
    "hint:calendar_relative_found": ("日历文件的路径相对于规则文件所在的目录 {base} 计算：该文件应写作 \"{path}\"",
                                     "a calendar file's path is read from the rule file's folder, {base}: write "
                                     "\"{path}\""),
    "bad_as_of": ("{option}（报告时点）：{problem}", "{option}: {problem}"),
    "bad_until": ("--until（截止时点）：{problem}", "--until: {problem}"),
    "bad_as_of.which": ("{option}（报告时点）第 {n} 个（共 {of} 个）：{problem}", "{option}, instant {n} of {of}: {problem}"),
    "fact_before_clock": ("事实 “{id}” 发生于 {at}，早于实时评估的时钟 {clock}（字段 “at”）",
                          "line {line}: fact {id!r} happened at {at}, before the live evaluation's clock {clock} "
                          "(key 'at')"),
    "hint:fact_before_clock": ("实时评估（qiyue watch）只接受按时间顺序到来的事实（同一时刻的可以）；顺序不一的事实请用 qiyue eval 评估",
                               "a live evaluation (qiyue watch) takes facts in time order (several at one instant "
                               "are fine); evaluate facts in any order with qiyue eval"),
    "clock_backwards": ("实时评估的时钟只能向前：{at} 早于时钟 {clock}",
                        "a live evaluation's clock only goes forward: {at} is before its clock {clock}"),
    "no_clock": ("实时评估还没有时钟：请先加入事实，或用 advance(时刻) 设定时钟",
                 "the live evaluation has no clock yet: add facts first, or set it with advance(instant)"),
    "live_closed": ("实时评估已关闭（close）：它不再接受事实，也不再回答；请新建一个",
                    "the live evaluation is closed: it takes no more facts and answers nothing; start a new one"),
    "live_unavailable": ("实时求值需要可选依赖 durable-rules 2.0.28，但在 Python {python} 上无法导入它（{error}）",
                         "live evaluation needs the optional dependency durable-rules 2.0.28, which could not be "
                         "imported on Python {python} ({error})"),
    "hint:live_unavailable": ("在 Python 3.11 或 3.12 上运行 {install} 安装它（durable-rules 没有预编译的 wheel，需从源码编译，"
                              "要有 C 编译器；它在 Python 3.13 上无法导入，上游尚未发布修复）",
                              "install it with {install} on Python 3.11 or 3.12 (durable-rules has no wheels and builds "
                              "from source, which needs a C compiler; it does not import on Python 3.13, where upstream "
                              "has released no fix)"),
    # `qiyue check --backend durable`: the `for each` lines durable_rules' Rete does not decide, and why
    "live_residual": ("{rule} 的这一行 for each 在 durable 后端上由 qiyue 自己匹配，不在 durable_rules 的 Rete 上运行：{reason}",
                      "this `for each` line of {rule} is matched by qiyue itself on the durable backend, not on "
                      "durable_rules' Rete: {reason}"),
    "live_residual.partial": ("{rule} 的这一行 for each 在 durable 后端上：Rete 只检验条件前面能检验的部分，通过的事实再由 qiyue "
                              "按整个条件检验：{reason}",
                              "this `for each` line of {rule} on the durable backend: durable_rules' Rete tests the "
                              "leading parts of its condition it can, qiyue tests the facts that pass them against the "
                              "whole condition: {reason}"),
    "hint:live_residual": ("报告与 reference 后端完全相同（这一部分由 qiyue 匹配）；能在 Rete 上运行的条件是：事实自身属性与常量"
                           "（字面量、当事人、值为字面量的参数）或与期间起止、由状态算出的值的比较；事实之间属性的相等或大小比较、"
                           "两事实时刻之差、由另一事实算出的值（含 if … then … otherwise 与金额、数值的加减）、两事实各自算出的值的比较"
                           "（如 month_end(w) == month_end(v)）；"
                           "事实之间的 and/or/not（至多 16 种选择）；一类事实的 exists( )、count( )、sum( )（不读联接中的两项事实）；"
                           "triggered( ) 和 open( )",
                           "the report is the reference's either way (qiyue matches this part); what runs on the "
                           "Rete: a fact's own attributes compared with constants (literals, parties, parameters "
                           "whose value is a literal), with a period's bounds or with a value computed from state; "
                           "attributes of joined facts compared for equality or order, the time between them, a value "
                           "computed from the other fact (if … then … otherwise, sums of amounts or numbers), values computed "
                           "each from one of two facts (month_end(w) == month_end(v)); and/or/not "
                           "across the facts (at most 16 alternatives); exists( ), count( ) and sum( ) of a kind of fact "
                           "(not reading two facts of a join); triggered( ) and open( )"),
    "word:rete.exists_join": ("对多项事实的 exists( )", "exists( ) over a join"),
    "word:rete.exists_own": ("读取本行事实自身的 exists( )", "exists( ) reading the line's own fact"),
    "word:rete.join_unnamed": ("联接的来源没有全部命名", "a join whose sources are not all named"),
    "word:rete.alternatives": ("条件在多项事实之间的选择超过 {n} 种", "more than {n} alternatives across the facts "
                               "in the condition"),
    "word:rete.false_computed": ("条件无论事实如何都不成立，但其中先要由事实计算一个值（qiyue 可能在计算时出错）",
                                 "a condition false whatever the facts that first computes a value from a fact "
                                 "(qiyue may meet an error computing it)"),
    "word:rete.over_facts": ("条件中涉及 {n} 项事实的 {what}", "{what} over {n} facts in the condition"),
    "word:rete.vs_other": ("{what} 与另一项事实的属性比较", "{what} compared with another fact's attribute"),
    "word:rete.kinds_differ": ("比较了类型不同的属性（{left} 与 {right}）", "attributes of kinds {left} and {right} compared"),
    "word:rete.kind_order": ("{kind} 类型的属性之间比较大小", "{kind} attributes compared by order"),
    "word:rete.join_n": ("{n} 项事实的联接", "a join of {n} facts"),
    "word:rete.unknown_type": ("未知的事件类型 {type}", "unknown event type {type}"),
    "word:rete.hash_clash": ("{type} 的属性 {a} 与 {b} 在 durable_rules 中的 32 位名称散列相同（它只凭散列查找属性）",
                             "attributes {a} and {b} of {type} share durable_rules' 32-bit name hash (it finds a "
                             "property by that hash alone)"),
    "word:rete.attr_as_condition": ("属性 {name}（{kind}）被用作条件", "attribute {name} ({kind}) used as a condition"),
    "word:rete.in_condition": ("条件中的 {what}", "{what} in the condition"),
    "word:rete.constants_types": ("比较了类型不同的常量", "constants of different types compared"),
    "word:rete.compared": ("{left} 与 {right} 比较", "{left} compared with {right}"),
    "word:rete.vs_constant": ("{what} 与常量比较", "{what} compared with a constant"),
    "word:rete.attr_order": ("{kind} 类型的属性 {name} 比较大小", "{kind} attribute {name} compared by order"),
    "word:rete.period_bound": ("与期间 {period} 的起止时刻的比较（在联接中、取反或与时刻以外的值比较）",
                               "a comparison with a bound of the period {period} (in a join, negated, or with "
                               "something other than an instant)"),
    "word:rete.number_join": ("联接或 exists( ) 中 number 类型的属性 {name}（没有精确双精度值的数无法在那里交给 qiyue）",
                              "attribute {name} of kind 'number' in a join or exists( ) (a number without an exact "
                              "double could not be left to qiyue there)"),
    "word:rete.attr_kind": ("{kind} 类型的属性 {name}（durable_rules 中尚无其精确形式）",
                            "attribute {name} of kind {kind} (no exact form in durable_rules yet)"),
    "word:rete.constant_form": ("常量 {value} 作为属性 {attr} 的 {kind} 值在 durable_rules 中没有精确形式",
                                "constant {value} has no exact form as a {kind} for attribute {attr}"),
    "word:rete.long_text": ("属性 {attr} 的文本达到 64 KiB 或以上（durable_rules 以 16 位长度比较文本）",
                            "a text of 64 KiB or more for attribute {attr} (durable_rules compares 16-bit lengths)"),
    "word:rete.too_many": ("{kind} 上的行超过 {n} 行（durable_rules 的固定表）",
                           "more than {n} lines on {kind} (durable_rules' fixed tables)"),
    "word:rete.too_many_kinds": ("Rete 上的事实种类已达 {n} 种，{kind} 不再加入（durable_rules 的固定表：满 512 种即不再返回）",
                                 "{n} kinds of fact on the Rete already, {kind} not added (durable_rules' fixed tables: at "
                                 "512 kinds it never returns)"),
    "word:rete.what.exists": ("exists( )", "exists( )"),
    "word:rete.what.count": ("count( )", "count( )"),
    "word:rete.what.sum": ("sum( )", "sum( )"),
    "word:rete.what.first": ("first( )", "first( )"),
    "word:rete.what.mean": ("mean( )", "mean( )"),
    "word:rete.what.consecutive": ("consecutive( )", "consecutive( )"),
    "word:rete.what.passed": ("经过的期间", "a period that passes"),
    "word:rete.what.arith": ("算术运算", "arithmetic"),
    "word:rete.what.call": ("{name}( )", "{name}( )"),
    "word:rete.what.conditional": ("if … then … otherwise", "if … then … otherwise"),
    "word:rete.what.attribute": ("另一项事实或值的属性 {name}", "attribute {name} of another fact or value"),
    "word:rete.what.of": ("{of} 的属性 {name}", "attribute {name} of {of}"),
    "word:rete.what.name": ("名称 {name}", "the name {name}"),
    "word:rete.what.duration": ("时长", "a length of time"),
    "word:rete.what.day_after": ("“第 N 日”", "day N after"),
    "word:rete.what.end_of": ("期间届满之时（end of）", "the end of a period (end of)"),
    "word:rete.what.row": ("表中的一行", "a row of a table"),
    "word:rete.what.share": ("百分比或份额", "a percentage or share"),
    "word:rete.what.literal": ("常量", "a constant"),
    "word:rete.what.compare": ("比较", "a comparison"),
    "word:rete.what.boolop": ("and/or/not 组合", "and/or/not"),
    "word:rete.what.other": ("{name}", "{name}"),
    "live_unknown_contract": ("合同 “{contract}” 还没有任何事实：请先用 add 或 feed 加入它的事实",
                              "contract {contract!r} has no facts yet: add its facts first (add or feed)"),
    "live_host_closed": ("实时评估的 Host 已经关闭（shutdown，或已离开 with 块）：不能再询问合同 “{contract}”",
                         "the live Host is closed (shut down, or its with block left): contract {contract!r} cannot be "
                         "asked any more"),
    "hint:live_host_closed": ("在关闭之前取得报告，或重新启动一个 Host 并加入合同的事实",
                              "ask for reports before closing it, or start a new Host and add the contracts' facts"),
    "live_worker_died": ("实时评估的第 {worker} 个工作进程已退出（退出码 {exitcode}），它承载的合同（如 “{contract}”）的状态已丢失："
                         "请重新启动 Host 并重新加入这些合同的事实",
                         "worker process {worker} of the live host exited (exit code {exitcode}); the state of the "
                         "contracts it held (such as {contract!r}) is lost: start the Host again and add their facts again"),
    # what a live evaluation (qiyue watch) says changed: change:CODE, its arguments worded (engine/run/session.py)
    "change:line": ("{at}　{what}", "{at}  {what}"),
    "change:at": ("{at}", "{at}"),
    "change:after": ("{at}之后", "just after {at}"),
    "change:fact": ("事实：{fact}", "fact: {fact}"),
    "change:contract_effective": ("合同生效（{clause}{name}）", "the contract takes effect ({clause}{name})"),
    "change:contract_ended": ("合同终止（{clause}{name}，依据 {trigger}）",
                              "the contract ends ({clause}{name}, on {trigger})"),
    "change:deemed": ("{clause}视为：{name}（{at}）", "{clause}deemed: {name} ({at})"),
    "change:obligation_triggered": ("{clause}义务产生：{name}，{debtor} 对 {creditor}（由 {trigger} 触发）",
                                    "{clause}duty arises: {name}, {debtor} to {creditor} (set off by {trigger})"),
    "change:obligation_triggered.due": ("{clause}义务产生：{name}，{debtor} 对 {creditor}（由 {trigger} 触发），期限 {due}",
                                        "{clause}duty arises: {name}, {debtor} to {creditor} (set off by {trigger}), "
                                        "due {due}"),
    "change:obligation_fulfilled": ("{clause}已履行：{name}（{trigger}），由 {by}",
                                    "{clause}performed: {name} ({trigger}), by {by}"),
    "change:obligation_performed_late": ("{clause}逾期后履行：{name}（{trigger}），由 {by}",
                                         "{clause}performed late: {name} ({trigger}), by {by}"),
    "change:obligation_fulfilled.condition": ("{clause}已履行：{name}（{trigger}），履行条件已成立",
                                              "{clause}performed: {name} ({trigger}), its condition holds"),
    "change:obligation_performed_late.condition": ("{clause}逾期后履行：{name}（{trigger}），履行条件已成立",
                                                   "{clause}performed late: {name} ({trigger}), its condition holds"),
    "change:obligation_violated": ("{clause}违约：{name}（{trigger}）期限 {due} 已过，{debtor} 未履行",
                                   "{clause}violated: {name} ({trigger}) was due {due} and {debtor} has not performed it"),
    "change:obligation_excused": ("{clause}免责：{name}（{trigger}）", "{clause}excused: {name} ({trigger})"),
    "change:obligation_discharged": ("{clause}因合同终止而终止履行：{name}（{trigger}）",
                                     "{clause}discharged by the end of the contract: {name} ({trigger})"),
    "change:obligation_discharged_in_part": ("{clause}因合同部分终止而终止履行：{name}（{trigger}），合同的其他部分继续有效",
                                             "{clause}discharged by the end of its part of the contract: {name} "
                                             "({trigger}); the rest stays in force"),
    "change:obligation_suspended": ("{clause}中止计算期限：{name}（{trigger}）",
                                    "{clause}suspended: {name} ({trigger})"),
    "change:obligation_resumed": ("{clause}恢复计算期限：{name}（{trigger}），期限 {due}",
                                  "{clause}resumed: {name} ({trigger}), due {due}"),
    "change:obligation_undetermined": ("{clause}待定：{name}（{trigger}）", "{clause}undetermined: {name} ({trigger})"),
    "change:obligation_due_changed": ("{clause}期限变为 {due}：{name}（{trigger}）",
                                      "{clause}now due {due}: {name} ({trigger})"),
    "change:remedy_arisen": ("{clause}{holder} 取得救济：{name}（由 {trigger}）",
                             "{clause}remedy for {holder}: {name} (on {trigger})"),
    "change:remedy_exercised": ("{clause}{holder} 已行使：{name}（{trigger}）",
                                "{clause}{holder} exercised {name} ({trigger})"),
    "change:remedy_lapsed": ("{clause}因合同终止而失效：{holder} 的 {name}（{trigger}）",
                             "{clause}lapsed with the end of the contract: {holder}'s {name} ({trigger})"),
    "change:remedy_lapsed.when": ("{clause}消灭：{holder} 的 {name}（{trigger}）——{condition}，此后不再享有",
                                  "{clause}lapsed: {holder}'s {name} ({trigger}) — {condition}; no longer held"),
    "change:remedy_expired": ("{clause}解除权自产生起一年内未行使而消灭：{holder} 的 {name}（{trigger}）（民法典第564条第2款）",
                              "{clause}lapsed, unused for a year since it arose: {holder}'s {name} ({trigger}) "
                              "(民法典第564条第2款)"),
    "change:remedy_expired.agreed": ("{clause}解除权在合同约定的行使期限内未行使而消灭：{holder} 的 {name}（{trigger}）（民法典第564条第1款）",
                                     "{clause}lapsed, unused within the period the contract gives to exercise it: "
                                     "{holder}'s {name} ({trigger}) (民法典第564条第1款)"),
    "change:remedy_expired.right": ("{clause}权利在合同约定的行使期限内未行使而消灭：{holder} 的 {name}（{trigger}）",
                                    "{clause}lapsed, unused within the period the contract gives to exercise it: "
                                    "{holder}'s {name} ({trigger})"),
    "change:remedy_withdrawn": ("{clause}不再成立：{holder} 的 {name}（{trigger}）——其所依据的违约因其后得知的按时履行而不成立",
                                "{clause}withdrawn: {holder}'s {name} ({trigger}) — the breach it rested on was "
                                "performed in time, as learnt later"),
    "change:remedy_settled": ("{clause}已清偿：{holder} 的 {name}（{trigger}）", "{clause}settled: {holder}'s {name} ({trigger})"),
    "change:remedy_undetermined": ("{clause}待定：{holder} 的 {name}（{trigger}）",
                                   "{clause}undetermined: {holder}'s {name} ({trigger})"),
    "change:withdrawn": ("不再成立：{name}（同一时刻后到的事实改变了此前的结论）",
                         "no longer holds: {name} (a fact of the same instant, come later, changed it)"),
    "change:withdrawn.day": ("不再成立：{name}（同日只知日期的事实后到，改变了此前的结论）",
                             "no longer holds: {name} (a fact of that day known by its date alone, come later, changed it)"),
    "bad_as_of.type": ("报告时点须为 ISO-8601 文字、日期或时刻，而不是 {given}",
                       "as_of must be an ISO-8601 text, a date or a datetime, not {given}"),
    "word:given.list_holding": ("含有 {type} 的列表", "a list holding a {type}"),
    "word:given.spent_generator": ("已被读完的生成器（此前的调用已读取其中的全部事实；请传入列表，以便重复使用）",
                                   "a generator already read to its end (an earlier call took all its facts; pass a "
                                   "list to use them again)"),
    "word:given.list_mixed": ("事实字典与文本行混在一起的列表", "a list mixing fact dicts and lines of text"),
    "word:given.dict_holding": ("含有 {type} 的事实字典", "a fact dict holding a {type}"),
    "word:given.line_of_type": ("类型为 {type} 的一行", "a line of type {type}"),
    "bad_input": ("{what} 须为{accepted}，而不是 {given}", "{what} must be {accepted}, not {given}"),
    "unwritable_fact": ("第 {n} 个事实（id {id}）的属性 “{name}” 无法写成 JSON：嵌套过深、包含自身，或数字位数过多",
                             "fact {n} (id {id!r}): its attribute {name!r} cannot be written as JSON — nested too deep, "
                             "holding itself, or a number of too many digits"),
    "hint:fact_value": ("属性的取值应为文字、数字、真假或日期时刻（事实声明中所写的类型）",
                        "an attribute's value is a text, a number, true/false or an instant (the kind its event declares)"),
    "bad_input.file_name": ("{what}：“{given}” 像是文件名，而字符串会被当作文本读取",
                            "{what}: {given!r} looks like a file name, but a string is read as text"),
    "bad_input.assume_compiled": ("已编译的规则（CompiledRules）不能再改用其他假定：assume 只在编译时生效",
                                  "compiled rules (CompiledRules) keep the assumptions they were compiled with: "
                                  "assume applies when rules are compiled"),
    "hint:assume_compiled": ("传入规则文件的路径（pathlib.Path）或规则文本，或用 compile_file(…, assume=…) 重新编译",
                             "pass the rule file's pathlib.Path or its text, or compile again with "
                             "compile_file(…, assume=…)"),
    "hint:pass_path": ("文件请以 pathlib.Path 传入：Path(\"{given}\")", "pass a file as a pathlib.Path: Path(\"{given}\")"),
    "word:fail_on": ("有义务处于 {hit} 状态（要求遇到这些状态时失败：{asked}）；理由见各义务的 because",
                "some obligations are {hit} (asked to fail on: {asked}); see their `because`"),
    "word:fail_on.undetermined": ("有义务（或救济的金额）处于 {hit} 状态（要求遇到这些状态时失败：{asked}）——待定：所需年份没有官方日历"
                             "（请增加其日历文件），或某事实只记载了日期而时刻对结论有影响；理由见各义务、救济的 because",
                             "some obligations (or remedies' amounts) are {hit} (asked to fail on: {asked}) — undetermined: a year no "
                             "calendar knows (add its calendar file), or a fact given by its day alone where the "
                             "hour matters; see their `because`"),
    "bad_as_of.range": ("报告时点 {value} 超出可计算的范围：年份须在 1900–9000 之间", "as_of {value} is out of range in contract time: the year must be within 1900–9000"),
    "bad_lang": ("语言 “{given}” 无效，只能是 zh（中文）或 en（英文）", 'lang must be "zh" or "en", not {given!r}'),
    "unknown_name.testing": ("qiyue.testing 的 {what}：规则文件中没有 “{name}”", "qiyue.testing {what}: the rule file has no {name!r}"),
    "bad_argument.status": ("with_status：“{given}” 不是义务的状态", "with_status: {given!r} is not a status of an obligation"),
    "unknown_assumption": ("--assume {name}：规则文件中没有名为 “{name}” 的假定",
                           "--assume {name}: the rule file has no assumption {name!r}"),
    "assumption_value_refused": ("--assume {readings}：规则文件本身检查通过，但在这一取值之下规则不成立——{problem}（以下各项错误都由此而来）",
                                 "--assume {readings}: the rule file checks without it, but the rules refuse this "
                                 "reading: {problem} (the errors below all come from it)"),
    "hint:assumption_value_refused": ("换一个规则能够接受的取值；规则文件无须修改",
                                      "give a value the rules accept; the rule file needs no change"),
    "bad_assumption_value": ("--assume {name}={value}：假定的取值写法有误——{problem}", "--assume {name}={value}: {problem}"),
    "hint:assumption_value": ('按规则文件的写法写值：45 days、2 hours、¥1,000.00、"文字"',
                              'write the value as in the rule file: 45 days, 2 hours, ¥1,000.00, "text"'),
    # ------------------------------------------------------------------ facts (JSON Lines)
    "bad_json": ("这一行不是有效的 JSON（第 {column} 列：{problem}）",
                 "line {line} is not valid JSON: {problem} at column {column}"),
    "bad_assumption_value.period": ("--assume {name}={value}：这项假定是一段期间（原为 {was}），请写明单位，如 45 days 或 45日",
                                    "--assume {name}={value}: this assumption is a period (it was {was}); write its "
                                    "unit, e.g. 45 days"),
    "hint:one_json_object": ('每行须是一个 JSON 对象，如 {{"id": "f-1", "type": "…", "at": "…"}}',
                             'each line must be one JSON object, e.g. {{"id": "f-1", "type": "…", "at": "…"}}'),
    "bad_fact": ("这一行是 JSON {kind_word}，不是对象 {{…}}", "line {line} is a JSON {kind}, not an object"),
    "bad_fact.id": ("id（编号）须是非空的文字（字段 “id”）", "line {line}: id must be a non-empty string (key 'id')"),
    "bad_fact.type": ("type（类型）须是写明事件类型的文字（字段 “type”）",
                      "line {line}: type must be a string naming an event type (key 'type')"),
    "missing_key": ("缺少 {keys}（字段 “{field}”）", "line {line} has no {keys} (key {field!r})"),
    "missing_key.near": ("缺少 {keys}（字段 “{field}”）：这一行写的是 “{written}”，字段名应为 “{field}”",
                         "line {line} has no {keys} (key {field!r}): it has {written!r}, which should be {field!r}"),
    "hint:fact_id": ('id 写成非空的文字，如 "id": "f-1"（编号是数字的也加引号："7"）',
                     'write id as a non-empty string, e.g. "id": "f-1" (a number in quotes too: "7")'),
    "hint:declared_attribute": ("删去这一字段，或改为规则文件为 {event} 声明的属性（见“应为”）；须记录新的信息的，先在规则文件的声明中加上它",
                                "remove the key, or use an attribute the rule file declares for {event} (see "
                                "'expected'); to record something new, declare it in the rule file first"),
    "hint:fact_keys": ('每条事实都须有 "id"（编号）、"type"（类型）和 "at"（时间）',
                       'every fact needs "id", "type" and "at"'),
    "unknown_event_type": ("规则文件中没有声明事件类型 “{name}”（字段 “type”）",
                           "line {line}: no event type {name!r} is declared in the rules (key 'type')"),
    "hint:declared_types": ("请使用规则文件中声明的事件类型", "use one of the event types the rule file declares"),
    "bad_time": ("时间有误：{problem}（字段 “at”）", "line {line}: {problem} (key 'at')"),
    "bad_attribute.missing": ("{event} 须有属性 “{name}”", "line {line}: {event} needs attribute {name!r} (key {name!r})"),
    "bad_attribute": ("{event} 的属性 {name} 取值 {value} 有误：{problem}", "line {line}: {event}.{name} = {value}: {problem} "
                                                              "(key {name!r})"),
    "hint:fix_attribute": ("把这一行 “{name}” 的值改为“应为”所说的值（规则文件对 {event} 的声明）；记录有误的，按原始凭证更正",
                           "give {name!r} a value as 'expected' says (what the rule file declares for {event}); where the "
                           "record is wrong, correct it from the source document"),
    "hint:add_attribute": ('在这一行加上 "{name}": 值（“应为”说明它取什么值）',
                           'add "{name}": VALUE to the line (\'expected\' says what values it takes)'),
    "unknown_attribute.fact": ("{event} 没有属性 “{name}”", "line {line}: {event} has no attribute {name!r} (key {name!r})"),
    "missing_attribute": ("此处 {event} 须有 “{name}”（规则文件要求 {case} 时必须填写）",
                          "line {line}: {event} needs {name!r} here (the rule file requires it when {case}) "
                          "(key {name!r})"),
    "conflicting_id": ("编号 “{id}” 已在第 {first} 行用过，且内容不同（字段 “{field}” 不同）",
                       "line {line}: id {id!r} was already used on line {first} with different content (key {field!r} "
                       "differs)"),
    "value_form": ("{name} 的值 “{value}” 与第 {first} 行的 “{other}” 看上去相同，但所用的 Unicode 字符不同（{codes}，对 "
                   "{other_codes}）：按所写的字符比较，二者不相符，也不能猜测为同一个值",
                   "line {line}: the value {value!r} of {name} looks the same as {other!r} of line {first} but is "
                   "written with other Unicode characters ({codes} against {other_codes}): as written they do not "
                   "match, nor can they be guessed to be one"),
    "hint:value_form": ("把两处写成同一串字符（多见于两个系统各自导出：统一保存为 NFC 规范形式）",
                        "write both with the same characters (two systems' exports: save both in the NFC form)"),
    "conflicting_id.form": ("编号 “{id}” 与第 {first} 行的编号 “{other}” 看上去相同，但所用的 Unicode 字符不同"
                            "（{codes}，对 {other_codes}）：二者是同一编号的两种写法，不能当作两条事实，也不能猜测为同一条",
                            "line {line}: id {id!r} looks the same as id {other!r} of line {first} but is written with "
                            "other Unicode characters ({codes} against {other_codes}): one id written two ways is "
                            "neither taken for two facts nor guessed to be one"),
    "hint:conflicting_id.form": ("把两行的编号改为同一写法（多见于两个系统各自导出：统一保存为 NFC 规范形式）",
                                 "write the id of both lines with the same characters (two systems' exports, as a "
                                 "rule: save both in Unicode's NFC form)"),
    "hint:conflicting_id": ("每条事实使用各自的编号；重复记录同一事实时，各字段的值须与原行相同",
                            "give each fact its own id; a fact recorded twice must have the same values as before"),
    "unknown_ref": ("{name} 引用的 “{ref}” 不是本事实文件中任何一条事实的编号",
                    "line {line}: {name} {ref!r} names no fact in this stream (key {name!r})"),
    "unknown_ref.so_far": ("{name} 引用的 “{ref}” 不是此前已读到的任何一条事实的编号（跟随读取时，所引用的事实须在前面的行）",
                           "line {line}: {name} {ref!r} names no fact read so far (followed as it grows, a fact must "
                           "come after the facts it refers to) (key {name!r})"),
    "unknown_ref.form": ("{name} 引用的 “{ref}” 与第 {first} 行事实的编号 “{other}” 看上去相同，但所用的 Unicode 字符不同"
                         "（{codes}，对 {other_codes}）：按所写的字符，它不是任何一条事实的编号，也不能猜测为该条",
                         "line {line}: {name} {ref!r} looks the same as the id {other!r} of line {first} but is written "
                         "with other Unicode characters ({codes} against {other_codes}): as written it names no fact, "
                         "nor can it be guessed to name that one (key {name!r})"),
    "hint:unknown_ref": ("请填写此前某条事实的编号", "refer to the id of an earlier fact"),
    "bad_fact.surrogate": ("这一行中有孤立的代理码位 {code_point}：它不是字符，通常是文本解码出错留下的",
                           "line {line} holds a lone surrogate {code_point}: not a character, the trace of a wrong "
                           "decoding"),
    "bad_fact.id_surrogate": ("id（编号）中有孤立的代理码位 {code_point}（如 JSON 的 \\ud800），它不是字符（字段 “id”）",
                              "line {line}: id holds a lone surrogate {code_point} (such as a JSON \\ud800), which is not a "
                              "character (key 'id')"),
    "bad_fact.key_surrogate": ("字段名 “{name}” 中有孤立的代理码位 {code_point}（如 JSON 的 \\ud800），它不是字符：字段名须是规则文件声明的属性名",
                               "line {line}: the key '{name}' holds a lone surrogate {code_point} (such as a JSON "
                               "\\ud800), which is not a character: a key names an attribute the rule file declares"),
    "bad_fact.value_surrogate": ("字段 “{name}” 中有孤立的代理码位 {code_point}（如 JSON 的 \\ud800），它不是字符",
                                 "line {line}: {name!r} holds a lone surrogate {code_point} (such as a JSON \\ud800), "
                                 "which is not a character (key {name!r})"),
    "ref_type": ("{name} 引用的 “{ref}”（第 {other} 行）是 {type} 事实，而这里只能引用 {types}",
                 "line {line}: {name} {ref!r} (line {other}) is a {type} fact; it may name only {types} (key {name!r})"),
    "hint:ref_type": ("改为所涉事实的编号；如确需引用其他类型的事实，在规则文件的声明 ref (…) 中加上该类型",
                      "give the id of the fact it is about; if another type is meant, add it to the rule file's "
                      "ref (…) declaration"),
    "self_ref": ("{name} 引用的 “{ref}” 是这条事实自身的编号：引用须指向另一条事实",
                 "line {line}: {name} {ref!r} is the fact's own id: a reference names another fact (key {name!r})"),
    "duplicate_key": ("同一条事实中字段 “{name}” 写了两次：以哪一个为准，引擎不会替您默默选择",
                      "line {line}: key {name!r} appears twice in one object; which one holds would be a silent "
                      "choice (key {name!r})"),
    "hint:duplicate_key": ("每个字段只写一次", "write each key once"),
    # ------------------------------------------------------------------ words: types
    "word:type.money": ("金额", "money"), "word:type.percent": ("百分比", "percent"),
    "word:type.number": ("数字", "number"), "word:type.int": ("整数", "int"),
    "word:type.bool": ("条件（是非）", "bool"), "word:type.date": ("日期", "date"),
    "word:type.datetime": ("时刻", "datetime"), "word:type.text": ("文本", "text"),
    "word:type.party": ("当事人", "party"), "word:type.ref": ("事实引用", "ref"),
    "word:type.duration": ("期间长度", "duration"),
    "word:type.elapsed": ("时长", "elapsed time"),
    "word:length": ("{amount} {unit}", "{amount} {unit}"),
    "word:unit.days": ("日", "days"), "word:unit.hours": ("小时", "hours"),
    "word:unit.minutes": ("分钟", "minutes"), "word:unit.weeks": ("周", "weeks"),
    "word:unit.quarters": ("季度", "quarters"),
    "word:day_end": ("{zh}", "{iso}"),
    "word:side": ("{called} = {value}", "{called} = {value}"),
    "word:share_of": ("{of}的{percent}", "{percent} of {of}"),
    "word:unit.working_days": ("工作日", "working days"), "word:unit.months": ("月", "months"),
    "word:unit.years": ("年", "years"), "word:type.moment": ("时点", "moment"),
    "word:type.period": ("期间", "period"), "word:type.any": ("未知类型", "any"),
    "word:type.enum": ("（{values}）之一", "one of ({values})"),
    "word:type.event": ("事件 {name}", "event {name}"), "word:type.row": ("表格 {name} 的一行", "row {name}"),
    "word:type.table": ("表格 {name}", "table {name}"), "word:type.obligation": ("义务 {name}", "obligation {name}"),
    # ------------------------------------------------------------------ words: rules, roles, parts
    "word:rule.obligation": ("义务", "obligation"), "word:rule.remedy": ("救济", "remedy"),
    "word:rule.deemed": ("视为事件", "deemed event"), "word:rule.finding": ("提示", "finding"), "word:rule.effective": ("生效条款", "effective"),
    "word:rule.termination": ("解除事由", "termination"),
    "word:role.debtor": ("债务人", "debtor"), "word:role.creditor": ("债权人", "creditor"),
    "word:role.holder": ("权利人", "holder"),
    "word:kind.event": ("事件名称", "event"), "word:kind.rule": ("义务、救济或视为事件的名称", "rule"),
    "word:kind.property": ("性质的名称", "property"),
    "word:kind.value": ("参数、期间、表格或当事人的名称", "value"),
    "word:kind.any": ("名称", "name"),
    "word:part.fulfilment": ("履行方式（履行事件、履行条件或违反事件）", "fulfilment"),
    "word:part.deadline": ("期限", "deadline"), "word:part.debtor": ("债务人", "debtor"),
    "word:part.creditor": ("债权人", "creditor"), "word:part.holder": ("权利人", "holder"),
    "word:part.amount": ("金额", "amount"), "word:part.once": ("“仅一次”", "once"),
    "word:part.survives": ("“终止后存续”", "survives"),
    "word:part.lapses": ("“消灭于”", "lapses when"),
    "word:part.exercise": ("行使期限", "the period to exercise in"),
    "word:part.ends_only": ("“仅终止”", "ends only"),
    "word:part.cap": ("“累计不超过”", "total at most"),
    "word:part.row_cap": ("“每笔不超过”", "each at most"), "word:part.row_floor": ("“每笔不低于”", "each at least"),
    "word:part.settled": ("“清偿事件”", "settled by"), "word:part.alternative": ("“择一”", "alternative to"),
    "word:part.each_day_once": ("“每日只计一次”", "each day counted once"),
    "word:part.recomputed": ("“逐日计算”", "recomputed daily"), "word:part.otherwise": ("“否则”", "otherwise"),
    "word:at.period_decl": ("期间的起算点", "a period's start"),
    "word:at.period_start": ("期间的起算点", "the start of a period"),
    "word:at.earlier_since": ("“含此前 起自”（counting earlier since）", "`counting earlier since`"),
    "word:at.duty_end": ("义务的终止时点", "the end of a duty"),
    "word:at.due_by": ("履行期限（最迟于）", "a deadline (due by)"),
    "word:at.exercise_until": ("解除权的行使期限（行使期限至）", "the end of the period to exercise a power in (exercise until)"),
    "word:at.recurrence_start": ("周期性义务的起点（from / 起自）", "the start of a recurring duty (from)"),
    "word:at.recurrence_end": ("周期性义务的终点（until / 直至）", "the end of a recurring duty (until)"),
    "word:at.deadline_start": ("期限的起算点", "a deadline's start"),
    "word:at.deemed_time": ("视为事件的发生时间", "the time of a deemed event"),
    "word:at.termination_time": ("合同终止的时间（解除于 …）", "when the termination ends the contract (at …)"),
    "word:at.argument": ("{fn}( ) 的参数", "an argument of {fn}( )"),
    "word:amount.total": ("{table} 总计", "{table} total"),
    "word:and_then": ("{first}、{then}", "{first} and {then}"),
    "word:titled": ("{label}", "{name}"),  # (a parameter or table: its title in Chinese, its name in English)
    "word:input.rules": ("规则文件的路径（pathlib.Path）、规则文本或已编译的 CompiledRules",
                         "a pathlib.Path of a rule file, its text, or CompiledRules"),
    "word:input.path": ("文件名（str 或 pathlib.Path），用于在消息中指明位置", "a file name (a str or a pathlib.Path), to name places"),
    "word:input.assume": ("由假定名称到取值文字的字典，如 {{\"grace_period\": \"45 days\"}}",
                          "a dict of assumption names to values as text, e.g. {{\"grace_period\": \"45 days\"}}"),
    "word:input.text": ("规则文本（字符串 str）", "rule text (a str)"),
    "word:input.max_live": ("不小于 1 的整数", "an integer of at least 1"),
    "hint:facts_from_stdin": ("事实来自管道或另一命令的输出时，写 --facts - 从标准输入读取（如 zcat f.jsonl.gz | qiyue eval RULES "
                              "--facts -）",
                              "for facts from a pipe or another command's output, write --facts - to read standard input "
                              "(zcat f.jsonl.gz | qiyue eval RULES --facts -)"),
    "word:input.contract": ("合同名称（字符串 str）", "a contract's name (a str)"),
    "word:input.pairs": ("（合同名称, 事实行）对的列表，如 [(\"c1\", '{{\"id\": …}}')]",
                         "a list of (contract's name, fact line) pairs, e.g. [(\"c1\", '{{\"id\": …}}')]"),
    "word:input.pair": ("（合同名称, 事实行）对：两项，合同名称为字符串 str",
                        "a (contract's name, fact line) pair: two items, the name a str"),
    "word:input.base_dir": ("日历文件所在的目录（str 或 pathlib.Path）",
                            "the folder calendar files are named from (a str or a pathlib.Path)"),
    "word:input.encoding": ("事实文件的编码名称（str），或 None", "the name of the facts' encoding (a str), or None"),
    "word:input.lang": ("“zh”（中文）或 “en”（英文）", '"zh" or "en" (a str)'),
    "word:input.instants": ("报告时点的列表（ISO-8601 文字、日期或时刻），至少一个",
                            "a list of instants (ISO-8601 texts, dates or datetimes), at least one"),
    "word:input.events": ("CompiledRules.load_facts 返回的事实列表", "the list of facts CompiledRules.load_facts returns"),
    "word:input.lines": ("事实文件的各行（字符串 str），或事实文件的全文", "the lines of a JSON Lines text (strs), or the text"),
    "word:input.facts": ("事实文件的路径（pathlib.Path）、JSON Lines 文本、其各行，或事实字典的列表",
                         "a pathlib.Path of a JSON Lines file, its text, its lines, or a list of fact dicts"),
    "word:none": ("无", "none"),
    "word:whole.range_bound": ("范围的上下限", "a range bound"), "word:whole.row_number": ("行序号", "a row number"),
    "word:whole.duration": ("期间", "a duration"), "word:whole.day_number": ("第几日的日数", "a day number"),
    # ------------------------------------------------------------------ words: files and facts
    "word:file.rule file": ("规则文件", "rule file"), "word:file.facts": ("事实文件", "facts"),
    "word:file.file": ("文件", "file"),
    "word:file.calendar": ("日历文件", "calendar file"),
    "word:file.output": ("输出文件", "output file"),
    "word:file.stdout": ("标准输出", "standard output"), "word:file.stdin": ("标准输入", "standard input"),
    "word:os.closed": ("已关闭", "it is closed"),
    "word:os.missing": ("文件不存在", "{reason}"), "word:os.denied": ("没有读取该文件的权限", "{reason}"),
    "word:os.directory": ("这是一个文件夹，不是文件", "{reason}"),
    "word:os.denied_write": ("没有写入该文件（或其所在文件夹）的权限", "{reason}"),
    "word:os.not_directory": ("路径中有一段不是文件夹", "{reason}"), "word:os.no_space": ("磁盘空间不足", "{reason}"),
    "word:os.io": ("读写设备出错（输入输出错误）", "{reason}"), "word:os.name_too_long": ("文件名过长", "{reason}"),
    "word:os.read_only": ("所在的文件系统只读", "{reason}"), "word:os.loop": ("符号链接构成循环", "{reason}"),
    "word:os.too_big": ("文件超出系统允许的大小", "{reason}"), "word:os.busy": ("文件正被占用", "{reason}"),
    "word:os.no_device": ("没有这样的设备", "{reason}"), "word:os.invalid": ("系统不接受此操作（参数无效）", "{reason}"),
    "word:os.empty_name": ("文件名为空", "the name is empty"),
    "word:output_is_input": ("它就是本次读取的{what}：写入会覆盖输入", "it is the {what} read as input: writing would "
                             "overwrite it"),
    "word:os.not_regular": ("不是普通文件（设备或管道不能读取）", "not a regular file (a device or a pipe is not read)"),
    "word:os.too_large": ("文件过大（超过 {limit} MB）", "too large (over {limit} MB)"), "word:os.other": ("{reason}", "{reason}"),
    "word:undecodable_mixed": ("第 {line} 行第 {column} 列的字节 0x{byte:02x} 不是 UTF-8，而第 {utf8_line} 行是 UTF-8：文件混用了两种编码"
                               "（可能有一行由另一编码的工具追加）",
                               "line {line}, column {column}: byte 0x{byte:02x} is not UTF-8, though line {utf8_line} is: "
                               "the file mixes two encodings (a line appended by a tool in another one?)"),
    "word:undecodable_ambiguous": ("第 {line} 行既可按 UTF-8 读作“{utf8}”，也可按 GBK/GB18030 读作“{gb18030}”，无法确定是哪一种编码",
                                   "line {line} reads as UTF-8 as “{utf8}” and as GBK/GB18030 as “{gb18030}”: which "
                                   "encoding it is cannot be told"),
    "word:undecodable": ("第 {line} 行第 {column} 列的字节 0x{byte:02x} 不是 UTF-8、UTF-16 或 GB18030/GBK 编码的文字",
                         "line {line}, column {column}: byte 0x{byte:02x} is not text in UTF-8, UTF-16 or "
                         "GB18030/GBK; save the file as UTF-8"),
    "word:json.trailing_comma": ("此处多了一个逗号：}} 或 ] 之前的最后一项后面不能再有逗号，请删去这个逗号",
                                 "a comma too many: the last item before }} or ] takes no comma after it; delete it"),
    "word:json.unseen": ("此处有看不见的字符 {code_point}，须删去（U+001A：旧式 DOS 程序附在文件末尾的结束符；U+00A0、"
                         "U+3000：不换行空格、全角空格）",
                         "a character one cannot see, {code_point}, to be deleted (U+001A: the end mark old DOS tools "
                         "append to a file; U+00A0, U+3000: a no-break or an ideographic space)"),
    "word:json.list": ("数组 […]", "list"), "word:json.str": ("文字", "str"), "word:json.number": ("数字", "number"),
    "word:json.bool": ("真假值", "bool"), "word:json.null": ("null", "NoneType"),
    "word:json.Expecting value": ("此处缺少值", "{problem}"),
    "word:json.Expecting ',' delimiter": ("此处缺少逗号 ,", "{problem}"),
    "word:json.Expecting ':' delimiter": ("此处缺少冒号 :", "{problem}"),
    "word:json.Expecting property name enclosed in double quotes": ("键名须用英文双引号 \" 括起", "{problem}"),
    "word:json.Unterminated string starting at": ("引号没有配对闭合", "{problem}"),
    "word:json.Extra data": ("一行只能写一个 JSON 对象", "{problem}"),
    "word:json.Invalid control character at": ("文字中有控制字符（如换行），请删除", "{problem}"),
    "word:json.full_width": ("此处是中文输入法的全角标点 {char}，JSON 只认英文半角标点：请改为 {ascii}",
                             "a full-width {char!r} here (typed with a Chinese input method): JSON needs {ascii}"),
    "word:json.unclosed": ("这一行在对象或数组写完之前就结束了：缺少结尾的 {close}", "the line ends before the object "
                           "or list does: the closing {close} is missing"),
    "word:json.too_deep": ("JSON 嵌套层数过多（数组或对象套了数百层）", "the JSON is nested too deeply"),
    "word:json.too_many_digits": ("数字位数过多", "a number has too many digits"),
    "word:fact.int": ("应为整数", "expected a whole number"), "word:fact.le": ("不得大于 {le}", "at most {le}"),
    "word:fact.ge": ("不得小于 {ge}", "at least {ge}"), "word:fact.choice": ("应为以下之一：{expected}", "{msg}"),
    "word:fact.choice_form": ("看上去是 “{word}”，但所用的 Unicode 字符不同（{codes}）：请按规则文件的写法（NFC 规范形式）填写",
                              "it looks like {word!r} but is written with other Unicode characters ({codes}): write the "
                              "word as the rule file does (Unicode's NFC form)"),
    "word:fact.bool": ("应为 true 或 false", "expected true or false"),
    "word:fact.text": ("应为带引号的文字", "expected a quoted text"),
    "word:fact.refused": ("{why}", "{why}"), "word:fact.other": ("不符合要求（{msg}）", "{msg}"),
    "word:time.not_text": ("时间应写成文字形式的 ISO-8601 时间，如 2025-07-04T10:00:00+08:00",
                           "expected an ISO-8601 time as a string, like 2025-07-04T10:00:00+08:00"),
    "word:time.not_date": ("“{value}” 不是有效的日期（应为 YYYY-MM-DD）", "{value!r} is not a date YYYY-MM-DD"),
    "word:time.year": ("“{value}”：年份 {year} 不在 1900–9000 之间", "{value!r}: the year {year} is outside 1900–9000"),
    "word:time.offset": ("“{value}” 的时区偏移不存在（各地时区在 -12:00 至 +14:00 之间；中国为 +08:00）",
                         "{value!r} has an offset no place keeps (offsets run from -12:00 to +14:00; China is +08:00)"),
    "word:time.hour_24": ("“{value}”：不写 24:00。某日 24 时即次日 0 时，记录在这一刻的行为属于次日（期限到该日 24 时的，已逾期）；"
                          "该日之内最后的时刻写 23:59:59，次日 0 时写次日的 T00:00:00",
                          "{value!r}: 24:00 is not written. 24:00 of a day is 00:00 of the next, and an act recorded at it "
                          "belongs to the next day (late for a period ending at 24:00 of the day); write 23:59:59 for the "
                          "last moment of the day, or T00:00:00 of the next day"),
    "word:time.fraction": ("“{value}”：秒的小数部分最多写 6 位（微秒）；更细的时刻无法比较，截去又会把迟到的行为算作按时——写到微秒，"
                           "向后取整（如 11:00:00.000000900 写作 11:00:00.000001）",
                           "{value!r}: at most 6 decimals of a second (microseconds); a finer time cannot be compared, "
                           "and cutting it off would make a late act look in time — write it to the microsecond, rounded "
                           "up (11:00:00.000000900 as 11:00:00.000001)"),
    "word:time.offset_seconds": ("“{value}” 的时区偏移带有秒：偏移只写时和分（如 +08:00）",
                                 "{value!r} has an offset with seconds: write hours and minutes only (+08:00)"),
    "word:time.offset_minute": ("“{value}” 的时区偏移有误：没有 {minute} 分（分写 00–59；中国为 +08:00）",
                                "{value!r} has no offset: there is no minute {minute} (minutes run 00–59; China is +08:00)"),
    "word:time.hour_range": ("“{value}”：没有 {hour} 时（时写 00–23）", "{value!r}: there is no hour {hour} (hours run 00–23)"),
    "word:time.minute_range": ("“{value}”：没有 {minute} 分（分写 00–59）",
                               "{value!r}: there is no minute {minute} (minutes run 00–59)"),
    "word:time.leap_second": ("“{value}”：第 60 秒（闰秒）不能作为时刻记录；写作 59 秒（如 23:59:59）",
                              "{value!r}: second 60 (a leap second) cannot be recorded; write second 59 (23:59:59)"),
    "word:time.not_time": ("“{value}” 不是 ISO-8601 时间（应如 2025-07-04T10:00:00+08:00：年-月-日T时:分:秒，加时区偏移）",
                           "{value!r} is not an ISO-8601 time like 2025-07-04T10:00:00+08:00 (year-month-day, T, "
                           "hour:minute:second, an offset)"),
    "word:time.no_such_day": ("“{value}” 不是有效的日期：{year} 年 {month} 月只有 {last} 日，没有 {day} 日",
                              "{value!r} is not a date: {year}-{mm} has {last} days, no day {day}"),
    "word:time.no_such_year": ("“{value}” 不是有效的日期：没有 0 年（公元纪年从 1 年开始；可计算的年份在 1900–9000 之间）",
                               "{value!r} is not a date: there is no year 0 (years count from 1; the years computed "
                               "are 1900 to 9000)"),
    "word:time.no_such_month": ("“{value}” 不是有效的日期（应为 YYYY-MM-DD）：没有 {month} 月",
                                "{value!r} is not a date YYYY-MM-DD: there is no month {month}"),
    "word:kind.param": ("参数", "parameter"),
    "word:long_text": ("{head}……{tail}（共 {chars} 字）", "{head}……{tail} ({chars} characters)"),
    "word:text_length": ("（共 {chars} 字）", " ({chars} characters)"),
    "word:long_number": ("{head}…{tail}（共 {digits} 位）", "{head}…{tail} ({digits} digits)"),
    "word:time.year_local": ("“{value}” 即北京时间（合同时间）{local}：年份 {year} 不在 1900–9000 之间",
                             "{value!r} is {local} in Beijing time (contract time): the year {year} is outside "
                             "1900–9000"),
    "word:time.range_years": ("“{value}” 在北京时间（合同时间）中超出可计算的日期范围：年份须在 1900–9000 之间",
                              "{value!r} is outside the dates that can be counted in Beijing time (contract time): "
                              "the year must be within 1900–9000"),
    "word:time.range": ("“{value}” 超出本引擎可计算的日期范围", "{value!r} is outside the range of dates this engine counts"),
    "word:number.not_exact": ("数值应写成精确的 JSON 数字（如 85.5）或带引号的十进制数（如 \"85.5\"）",
                              'a number must be an exact JSON number like 85.5 or a decimal string like "85.5"'),
    "word:number.form": ("数值应写成普通的十进制数：如 85.5、-3；不用千位分隔符、指数，最多10位小数，绝对值小于10¹⁵",
                         "a number is written as a plain decimal like 85.5 or -3: no thousands separators, no "
                         "exponent, at most ten decimals, less than 10¹⁵"),
    "word:number.range": ("{value} 不在声明的范围 {range} 之内", "{value} is outside the declared range {range}"),
    "word:money.not_exact": ('金额应写成带引号的数字（如 "1000.00"）或精确的 JSON 数字',
                             'money must be a decimal string like "1000.00" or an exact JSON number'),
    "word:money.not_finite": ("金额必须是有限的数", "money must be a finite amount"),
    "word:money.not_amount": ('“{value}” 不是金额（应如 "1000.00"）', '{value!r} is not an amount like "1000.00"'),
    "word:money.not_text": ('金额应写成带引号的数字，如 "1000.00"', 'money must be a decimal string like "1000.00"'),
    "word:money.not_canonical": ('“{value}” 不是金额的规范写法：只能用半角阿拉伯数字 0–9，逗号只能作千分位（每三位一组），'
                                 '小数点用“.”且最多两位小数，如 "1,234,567.89" 或 "1234567.89"',
                                 '{value!r} is not an amount in the one accepted form: digits 0-9, commas only between '
                                 'groups of three, a point and at most two decimals, like "1,234,567.89" or "1234567.89"'),
    "word:money.not_canonical.meant": ('“{value}” 不是金额的规范写法：事实中的金额只写半角数字（不写“元”、“¥”、“人民币”或大写），'
                                       '是否想写 "{meant}"', '{value!r} is not an amount in the one accepted form: a fact '
                                       'writes an amount in digits alone (no 元, ¥, 人民币 or capitals) — did you mean '
                                       '"{meant}"?'),
    "word:time.digits": ("“{value}” 中的 “{char}” 不是半角阿拉伯数字：时间只能用 0–9 书写，如 2025-07-04T10:00:00+08:00"
                         "（全角或其他文字的数字不予识读）",
                         "{value!r}: {char!r} is not a digit 0-9: a time is written in them, like "
                         "2025-07-04T10:00:00+08:00 (full-width and other scripts' digits are not read)"),
    "word:money.digits": ("“{value}” 中的 “{char}” 不是半角阿拉伯数字：金额只能用 0–9 书写（全角或其他文字的数字不予识读）",
                          "{value!r}: {char!r} is not a digit 0-9 (full-width and other scripts' digits are not read)"),
    "word:money.negative": ("金额 “{value}” 为负数：此属性声明为 money，不能为负（可为负的金额——如扣除退货后的净销售额——"
                            "在规则文件中声明其范围：money -10000000..10000000）",
                            "{value!r} is negative: this attribute is declared money, never negative (an amount that "
                            "may be — net sales after returns — is declared with its bounds: money -10000000..10000000)"),
    "word:money.range": ("金额 {value} 不在声明的范围 {range} 之内", "the amount {value} is outside the declared range {range}"),
    "word:money.fraction": ("“{value}” 超过两位小数：金额的最小单位是分（0.01）",
                            "{value!r} has more than two decimals: the smallest unit is the fen (0.01)"),
    "word:money.too_large": ("金额 {value} 超出范围：应小于 ¥1,000,000,000,000,000",
                             "the amount {value} is out of range: it must be less than ¥1,000,000,000,000,000"),
    "word:date.expected": ("应为日期 YYYY-MM-DD", "expected a date YYYY-MM-DD"),
    "word:verbatim": _PASS,
    "word:date_out_of_range": ("日期超出了可以计算的年份（公元1年至9999年）", "a date past the years that can be counted "
                               "(1 to 9999): {detail}"),
    "word:number_out_of_range": ("数值超出了可以精确计算的范围", "a number past what can be computed exactly: {detail}"),
    # ------------------------------------------------------------------ the frame of `qiyue check`
    "word:severity.error": ("错误", "error"), "word:severity.warning": ("警告", "warning"),
    "word:severity.info": ("说明", "info"),
    "word:frame.expected": ("  应为：{items}", "  expected: {items}"),
    "word:frame.did_you_mean": ("  是否想写：{word}", "  did you mean: {word}"),
    "word:frame.hint": ("  修改方法：{hint}", "  fix: {hint}"),
    "word:frame.clause": ("（第 {clause} 条）", " (clause {clause})"),
    "word:frame.annex": ("（{clause}）", " (clause {clause})"),
    "word:frame.colon": ("：", ": "),
    "word:frame.line": (" 第 {line} 行：", ": "), "word:frame.line_column": (" 第 {line} 行第 {column} 列：", ": "),
    "word:watch.waiting": ("（已读到 {file} 的末尾，等待新写入的事实{until}；按 Ctrl-C 结束）",
                           "(read to the end of {file}; waiting for facts written to it{until}; Ctrl-C ends the watch)"),
    "word:watch.waiting_until": ("，直到 {t}", " until {t}"),
    "word:check.ok": ("{path}：检查通过 — 义务 {obligations} 项，救济 {remedies} 项，视为事件 {deemed} 项；提示 {findings} 条",
                      "{path}: ok — {obligations_n}, {remedies_n}, {deemed_n}; {findings_n}"),
})
