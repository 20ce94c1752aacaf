"""Steps of an explanation → JSON for programs (``encode``) → words for people (``render``).

``encode`` turns the arguments a step holds (moments, dates, periods, amounts, facts, days of
the calendar, nested steps) into self-describing JSON values ``{"kind": …}``; ``render`` writes
an encoded step in Chinese (default) or English from ``PHRASES``.  Nothing here decides a
verdict: it only says what the evaluator and the time module recorded.
"""
from __future__ import annotations

import re
import string
from datetime import date, datetime, timedelta
from decimal import Decimal
from types import MappingProxyType
from typing import Callable, Iterable, Mapping

from ..lang.phrase import Phrase as RulePhrase
from ..run.steps import Quantity, Step, TypeRef
from ..run.compiler import DAY_ONLY, DayOnly, PeriodValue
from .phrase import words as phrase_words
from ..time.timecalc import Moment, Period, period_label_zh

# ---------------------------------------------------------------------------- encode


class Labels:
    """What the rule file calls things: a fact type's label and its attributes' labels and kinds,
    an obligation's label (for its stages). Made once per compiled rule file."""

    def __init__(self, checked=None):
        self.types: dict[str, tuple[str | None, tuple]] = {}
        self.derived: set[str] = set()  # the kinds the engine makes (deemed events, the contract's life, stages)
        if checked is None:
            return
        obligations = checked.obligations
        for name, et in checked.event_types.items():
            if et.decl is not None:
                attrs = tuple((a.name, a.label, a.type.kind, a.type.value_labels) for a in et.decl.attrs)
                self.types[name] = (et.decl.label, attrs)
                continue
            self.derived.add(name)
            if et.derived_from in obligations and "." in name:
                self.types[name] = (obligations[et.derived_from].label, ())
            else:
                self.types[name] = (et.label, ())
        for group in (checked.obligations, checked.remedies, checked.deemed, checked.lives):
            for name, decl in group.items():
                self.types.setdefault(name, (getattr(decl, "label", None), ()))


class Encoder:
    """Encodes the steps of one report, each shared value once: the count of a deadline is shared
    by every duty that arose on the same day, a fact is cited by several steps — encoded once and
    worded once, the report stays linear in the steps it holds, not in the words they make.
    (On the path of every verdict of a report: the common kinds take the shortest ways.)"""

    __slots__ = ("labels", "_memo", "_alive", "_words", "_facts", "_values", "_moments")

    def __init__(self, labels: "Labels"):
        self.labels = labels
        self._memo: dict[int, object] = {}  # id(value) -> encoded, for the values that are cited more than once
        self._alive: list = []  # …kept alive while the report is built: their ids stay unique
        self._words: dict[str, dict[int, object]] = {}  # lang -> id(encoded step) -> its words
        self._facts: dict[str, object] = {}  # fact type -> its encoder (_event_encoder)
        self._values: dict[tuple, object] = {}  # (type, value) -> encoded, for _BY_VALUE
        self._moments: dict[tuple, dict] = {}  # (ISO text, day) -> an instant encoded

    def encode(self, value):
        """An argument of a step as JSON."""
        t = type(value)
        if t is str or t is int or t is bool or value is None:
            return value
        if t is Step:
            return self._step(value)
        if t is Moment:  # (equal instants held apart — a duty's due cited by three steps — worded once per value)
            return self._moment(value)
        if t is DayOnly:  # (a period counted from the later of a sending and a receipt dated that day alone)
            return self._day_only(value)
        if t in _BY_VALUE:  # (a name or a day: one encoding per value, shared wherever it appears)
            hit = self._values.get((t, value))
            if hit is None:
                hit = self._values[(t, value)] = self._encode(value, t)
            return hit
        if t in _UNSHARED:  # (small values encoded anew where they appear: cheaper than looking them up)
            return self._encode(value, t)
        hit = self._memo.get(id(value))
        if hit is not None:
            return hit
        out = self._encode(value, t)
        self._memo[id(value)] = out
        self._alive.append(value)
        return out

    def _step(self, value: Step) -> dict:
        key = id(value)
        memo = self._memo
        hit = memo.get(key)
        if hit is not None:
            return hit
        code, given, depth = value
        args = given.copy() if type(given) is dict else dict(given)  # (at its size at once; then the values that are not plain)
        how = _HOW
        for k, v in given.items():
            f = how.get(type(v), _ANY)
            if f is not None:  # (None: a plain value, kept as it is)
                if f is _INSTANT:  # (the kind most cited: ``_moment`` without a call)
                    at = (v.iso(), v.day)
                    args[k] = self._moments.get(at) or self._moment(v)
                elif f is _ANY:  # (a fact cited before — what is kept by its id is only ever itself — at once)
                    args[k] = memo.get(id(v)) or self.encode(v)
                else:
                    args[k] = f(self, v)
        out = {"code": code, "args": args, "depth": depth} if depth else {"code": code, "args": args}
        memo[key] = out
        self._alive.append(value)
        return out

    def _moment(self, v) -> dict:
        """An instant, one encoding per value (the kind most cited), as ``encode`` does it."""
        key = (v.iso(), v.day)  # (the ISO text with its offset and the day it counts as: all its words)
        hit = self._moments.get(key)
        if hit is None:
            hit = self._moments[key] = {"kind": "instant", "at": key[0], "cn": v.chinese()}
        return hit

    def _day_only(self, v) -> dict:
        """An instant known by its day alone, no earlier than ``at`` (``DayOnly``): worded as that day."""
        return {"kind": "instant", "at": v.iso(), "cn": day_alone_cn(v), "day_alone": True}

    def _list(self, v) -> list:
        encode, known = self.encode, self._memo.get  # (a fact cited before, by its id: see _step)
        return [known(id(x)) or encode(x) for x in v]

    def _encode(self, value, t):
        if t is Moment:
            return {"kind": "instant", "at": value.iso(), "cn": value.chinese()}
        if t is list or t is tuple:
            return self._list(value)
        if t in _EVENT_TYPES:  # a fact or derived event, worded once, cited often
            return _event_encoder(value.type, self.labels, self._facts)(value)
        if t is Step:
            return self._step(value)
        if t is RulePhrase:  # (the rule file's words for a condition, an amount, a moment: with its phrase in Chinese)
            zh = value.__dict__.get("zh")
            if zh is None:  # (worded once per rule file: a phrase is the rule's, whatever report cites it)
                zh = value.zh = phrase_words(value.tree, "zh", str(value))
            return {"kind": "expression", "text": str(value), "zh": zh}
        if t is TypeRef:
            return {"kind": "type", "name": str(value), "label": self.labels.types.get(value, (None,))[0]}
        if t is Quantity:  # (a number with its kind; anything else — an instant — as itself)
            if value.value is None or isinstance(value.value, (int, Decimal, timedelta)):
                return _quantity(value)
            return self.encode(value.value)
        if t is Decimal:  # an amount has its cents; a sum of whole numbers has none
            if value.as_tuple().exponent >= 0:
                return int(value)
            return {"kind": "money", "amount": money_text(value)}
        if hasattr(value, "moment") and hasattr(value, "attrs"):  # a fact or derived event, worded once, cited often
            _EVENT_TYPES.add(t)  # (its type known as one from now on)
            return _event_encoder(value.type, self.labels, self._facts)(value)
        if isinstance(value, datetime):
            return self._encode(Moment.of(value), Moment)
        if isinstance(value, date):
            return {"kind": "date", "date": value.isoformat(), "weekday": value.weekday()}
        if isinstance(value, Period):
            return {"kind": "period", "amount": value.amount, "unit": value.unit.value}
        if isinstance(value, Mapping):
            return {k: self.encode(v) for k, v in value.items()}
        if isinstance(value, (set, frozenset)):
            return [self.encode(v) for v in sorted(value)]
        if isinstance(value, (str, int)):
            return value
        return value

    def trim(self, most: int = 50_000) -> None:
        """Let go of what is shared once more than ``most`` values are kept (a report written row by
        row and dropped: the rows written no longer hold them).  What is encoded and worded after is
        the same, made again where it is cited again.  (50,000 rather than 200,000: what is cited again
        is mostly cited by the rows near it, and a smaller heap is faster to fill than a large one is to
        grow — one-incident, 100,000 facts, cold: 5.16 → 4.9 s CPU, peak RSS 695 → 553 MiB.)"""
        if len(self._memo) > most or len(self._moments) > most:
            self._memo.clear()
            self._alive.clear()
            self._words.clear()  # (keyed by the ids of encodings let go of: they go with them)
            self._moments.clear()

    def steps(self, steps: Iterable[Step]) -> list[dict]:
        step, encode = self._step, self.encode
        return [step(s) if type(s) is Step else encode(s) for s in steps]

    def lines(self, encoded: list[dict], lang: str, indent: str = "") -> list[str]:
        """The encoded steps in words, each shared step worded once; a ``cited`` step is the
        lines of what it cites, indented."""
        return self._worded(encoded, lang, indent, None)

    def explain(self, steps: Iterable[Step], lang: str) -> tuple[list[dict], list[str]]:
        """``steps`` encoded and in words (``lines``) in one walk: each step worded as it is encoded."""
        enc = []
        return enc, self._worded(steps, lang, "", enc)

    def _worded(self, given, lang: str, indent: str, enc: list | None) -> list[str]:
        """The lines of ``given``: encoded steps, or (``enc`` a list) steps encoded on the way into ``enc``."""
        out = []
        add = out.append
        words = self._words.get(lang)
        if words is None:
            words = self._words[lang] = {}
        known = words.get
        keep = self._alive.append  # (what a text is kept for by its id lives as long as the text: no id reused)
        renderers = _renderers(lang)
        step, encode = self._step, self.encode
        encoded = enc.append if enc is not None else None
        memo = self._memo.get
        for e in given:
            if encoded is not None:  # (a step cited before: as encoded then, without a call)
                e = (memo(id(e)) or step(e)) if type(e) is Step else encode(e)
                encoded(e)
            text = known(id(e))
            depth = e.get("depth")
            if text is not None and not depth:  # (a step worded before, at the top level)
                add(indent + text if indent else text)
                continue
            pad = indent + "  " * depth if depth else indent
            code = e["code"]
            if code == "cited":
                key = (id(e["args"]["steps"]), pad)
                cited = words.get(key)
                if cited is None:
                    cited = words[key] = self.lines(e["args"]["steps"], lang, pad)
                    keep(e["args"]["steps"])
                out.extend(cited)
                continue
            if text is None:
                text = words[id(e)] = (renderers.get(code) or renderer(code, lang))(e["args"])
                keep(e)
            add(pad + text if pad else text)
        return out


_ANY = object()  # (_HOW: a type encoded by ``encode``'s own dispatch)
# a step's argument by its exact type: None — kept as it is; else how it is encoded (the class's functions,
# not bound methods: an Encoder holding its own methods would be a cycle, freed only by the collector)
_HOW: dict[type, object] = {str: None, int: None, bool: None, type(None): None,
                            Moment: Encoder._moment, list: Encoder._list, Step: Encoder._step,
                            DayOnly: Encoder._day_only}

# values whose encoding is small and seldom shared: encoded where they appear, not looked up (a list
# of facts is each step's own; a tuple — the steps a `cited` step holds — is shared and looked up)
_UNSHARED = frozenset((Quantity, Decimal, list))
_EVENT_TYPES: set = set()  # the classes of facts and derived events met so far (anything with moment and attrs)
# values cited again and again by equal copies (a kind of fact, a day): encoded once per value
_BY_VALUE = frozenset((TypeRef, date))
_INSTANT = Encoder._moment


def encode(value, labels: "Labels"):
    """An argument of a step as JSON (one value; a report uses one Encoder for all of them)."""
    return Encoder(labels).encode(value)


def _encode_event(ev, labels: Labels, shown_by_type: dict | None = None) -> dict:
    """A fact — or a verdict or deemed event the engine derived (``derived`` says which)."""
    return _event_encoder(ev.type, labels, shown_by_type)(ev)


def root_id(eid, derived) -> str:
    """The fact a derived event's id comes from: `terminated:takes_effect:n` → `n` (each leading `KIND:` of a
    derived kind — a deemed event, the contract's life — taken off, never a fact's own: `lapsed:order:7` → `order:7`);
    a duty's trigger that is a period (`2026-03`) as it is."""
    eid = str(eid)
    while ":" in eid:
        head, _, rest = eid.partition(":")
        if head not in derived:
            break
        eid = rest
    return eid


def _day_alone_arg(v) -> bool:
    """Whether an encoded instant is of its day alone (a count back from a fact known by its date: the day, once)."""
    return isinstance(v, dict) and bool(v.get("day_alone"))


def _stage_root(root: str, values: dict, derived) -> str:
    """A stage of a duty set off by another duty's stage (退还费用 on 安排补课's breach: `make_up#1.violated`): the fact
    that chain goes back to (c1), found through the stage events bound on the way — not the engine's row name
    (contract round 29)."""
    for _ in range(64):  # (a chain of stages is short; bounded all the same)
        if "#" not in root:
            return root
        # (the stage itself, or an event deemed on it — 支付价款 set off by 验收完成 deemed on 组织验收#1.violated: that
        # event carries the stage's bindings and trigger: user round 23)
        ev = next((v for v in values.values() if hasattr(v, "attrs") and type(getattr(v, "id", None)) is str
                   and (v.id == root or root_id(v.id, derived) == root)), None)
        if ev is None or ev.attrs.get("trigger") is None:
            return root
        values, root = ev.attrs, root_id(_stage_origin(ev.id, ev.attrs), derived)
    return root


def _stage_origin(eid: str, values: dict):
    """What a duty's stage event comes from: its performance, from the fact that performed it (交付已履行, from the
    delivery note d — not the signature that set the delivery duty off: contract round 40); any other stage from
    what set the duty off."""
    by = values.get("by")
    if eid.endswith(".fulfilled") and by is not None and type(getattr(by, "id", None)) is str:
        return by.id
    return values.get("trigger")


def _event_encoder(etype: str, labels: Labels, made: dict | None = None):
    """The function that encodes the facts of one type, with their words (``text``), made once per
    type and report: the attributes' labels and how each is worded are looked up once, not per fact."""
    fn = made.get(etype) if made is not None else None
    if fn is not None:
        return fn
    label, attrs = labels.types.get(etype, (None, ()))
    # (the items of an attribute whose values repeat — a kind, a party, a yes or no — are made once
    # and shared by the facts that have them: the report's JSON is the same, its objects far fewer)
    shown = tuple((name, {"name": name, "label": attr_label, "type": kind}, kind in ("enum", "text") and value_labels,
                   None if name == "source" else _attr_words_zh(attr_label or name, kind), {})
                  for name, attr_label, kind, value_labels in attrs)
    what = label or etype
    if "." in etype and etype.rsplit(".", 1)[1] in STAGE_ZH:  # an obligation's stage
        name, stage = etype.rsplit(".", 1)
        what = f"{label or name}{STAGE_ZH[stage]}"
    stage_like = "." in etype

    def encode_event(ev) -> dict:
        eid = ev.id
        derived = None
        values = ev.attrs
        if stage_like and "#" in eid:  # an obligation's stage: pay_installment_1#1.violated
            rule, _, rest = eid.partition("#")
            number, _, stage = rest.partition(".")
            derived = {"kind": "stage", "obligation": rule, "number": int(number) if number.isdigit() else number,
                       "stage": stage}
        elif values.get("source") is not None and eid.startswith(f"{etype}:"):  # deemed_acceptance:<source>
            derived = {"kind": "deemed", "event": etype, "source": values.get("source")}
        items, parts = [], []
        item_, part_ = items.append, parts.append
        day_only = values.get(DAY_ONLY)  # (datetime attributes the fact gave by their day alone: as given)
        for name, head, value_labels, words, seen in shown:
            v = values.get(name)
            if v is None:
                continue
            t = type(v)
            if t is str or t is int or t is bool:  # (the commonest: a party, a kind, a number, yes or no)
                x = v
                key = (t, v)
            else:
                x = _plain(v) if not day_only or name not in day_only else Moment.of(v).day.isoformat()
                key = (t, x) if type(x) in _HASHED else None  # (a value seen before: its item and words as made then)
            got = seen.get(key) if key is not None else None
            if got is None:
                item = dict(head)
                item["value"] = x
                value_label = None
                if value_labels and v in value_labels:
                    item["value_label"] = value_label = value_labels[v]
                got = (item, None if words is None else words(x, value_label, v) if t is datetime else
                       words(x, value_label))
                if key is not None and len(seen) < _SHARED_VALUES:
                    seen[key] = got
            item, text = got
            item_(item)
            if text is not None:
                part_(text)
        m = ev.moment
        bare = bool(getattr(ev, "bare", False))
        at, cn = m.iso(), (day_alone_cn(m, unknown=True) if bare else m.chinese())  # (a fact of its day alone: no 0时 —
        # review round 46, as since_cn says it)
        out = {"kind": "fact", "id": eid, "type": etype, "label": label, "at": at, "cn": cn, "bare": bare,
               "attrs": items}
        if derived is not None:  # (and the fact it comes from: ``_cited_zh``)
            root = root_id(values.get("trigger") if derived["kind"] == "stage" else eid, labels.derived)
            if "#" in root and values.get("trigger") is not None:  # (deemed on a duty's stage — 视为验收合格 on
                root = root_id(values["trigger"], labels.derived)  # acceptance_review#1.violated —: the duty's trigger)
            root = _stage_root(root, values, labels.derived)
            derived["from"] = root
            by = _stage_origin(eid, values) if derived["kind"] == "stage" and derived["stage"] == "fulfilled" else None
            if by is not None and (by := root_id(by, labels.derived)) != root:  # (and the fact that performed it:
                derived["by"] = by  # 交付已履行（源自 s2，由 d 履行） — contract round 40)
            if any(type(x) is PeriodValue and x.label == root for x in values.values()):  # (a recurring duty's
                derived["period"] = True  # period, not a fact's id: 2024年第1季度 in Chinese — contract round 38)
            out["derived"] = derived
        when = at[:10] if bare else at  # (as _fact_zh and _fact_en word it)
        cited = eid if derived is None else _cited_zh(out)
        if "__unknown_time__" in values:  # (an instant the contract does not fix: ``at`` is only the earliest it can
            # be, never worded as when it happened — counsel, round 19)
            out["time_unknown"] = True
            out["text"] = {"zh": f"{what}{_detail(parts)}（{cited}；时间不明，不早于 {cn}）",
                           "en": (f"{etype} ({from_en(derived)}" if derived and derived.get("from")
                                  else f"{eid} ({etype}") + f"; its instant not fixed, no earlier than {when})"}
            return out
        out["text"] = {"zh": f"{_date_zh(when) if bare else cn} {what}{_detail(parts)}（{cited}）",
                       "en": f"{eid} ({etype} at {when})" if derived is None else _fact_en(out)}
        return out

    if made is not None:
        made[etype] = encode_event
    return encode_event


# the values of an attribute whose items are shared: the first so many distinct ones (a kind, a party,
# a sub-project's number repeat; ids and amounts seldom do, and stop being kept once that many came)
_SHARED_VALUES = 256
_HASHED = frozenset((str, int, bool))


def day_alone_cn(m, unknown: bool = False) -> str:
    """A moment known by its day alone, as a lawyer reads it: "2025年11月13日", or "2025年11月13日（不早于11时）" where
    it is known to come no earlier than an instant of that day (a receipt dated the day a notice left at 11:00);
    ``unknown``: with "时刻不明" said."""
    day = _date_zh(m.day.isoformat())
    if m.is_start_of_day():
        return f"{day}（时刻不明）" if unknown else day
    return f"{day}（{'时刻不明，' if unknown else ''}不早于{m.chinese()[len(day):]}）"


def _attr_words_zh(name: str, kind: str):
    """How ``_fact_zh`` words one attribute of a kind, as a function of its encoded value and value label."""
    if kind == "money":
        return lambda x, vl: f"{name} {_yuan(x)}"
    if kind == "bool":
        return lambda x, vl: f"{name}：{'是' if x else '否'}"
    if kind == "datetime":
        return lambda x, vl, v=None: f"{name} {_date_zh(x) if len(x) == 10 else _instant_zh(x, v)}"
    if kind == "date":
        return lambda x, vl: f"{name} {_date_zh(x)}"
    return lambda x, vl: f"{name}：{vl}" if vl else f"{name} {x}"


def _instant_zh(x: str, v) -> str:
    """A datetime attribute in Chinese: from the value itself where the fact holds one (its ISO text ``x``
    read back gives the same instant and offset), else from its text."""
    return Moment.of(v if isinstance(v, datetime) else datetime.fromisoformat(x)).chinese()


def _detail(parts: list) -> str:
    return f"（{'，'.join(parts)}）" if parts else ""


def _plain(v):
    if isinstance(v, Decimal):
        return f"{v:.2f}"
    if isinstance(v, datetime):
        return v.isoformat()
    if isinstance(v, date):
        return v.isoformat()
    return v


def encode_step(s: Step, labels: Labels) -> dict:
    return Encoder(labels).encode(s)


def encode_steps(steps: Iterable[Step], labels: Labels) -> list[dict]:
    return Encoder(labels).steps(steps)


# ---------------------------------------------------------------------------- render

_WEEKDAY_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_WEEKDAY_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_UNIT_ZH = {"minutes": "分钟", "hours": "小时", "days": "日", "working_days": "个工作日", "months": "个月",
            "years": "年"}
_UNIT_EN = {"minutes": ("minute", "minutes"), "hours": ("hour", "hours"), "days": ("day", "days"),
            "working_days": ("working day", "working days"), "months": ("month", "months"),
            "years": ("year", "years")}
STAGE_ZH = {"triggered": "已产生", "fulfilled": "已履行", "violated": "已违约", "excused": "已免除",
            "performed_late": "已逾期履行"}


def _date_zh(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


def _day_zh(v: dict) -> str:
    wd = _WEEKDAY_ZH[v["weekday"]]
    t = v["type"]
    holiday = v.get("holiday_zh") or v.get("holiday")
    if t == "holiday":
        what = f"法定节假日（{holiday}）" if holiday else "法定节假日"
    elif t == "makeup":
        what = f"调休上班日（{holiday}调休）" if holiday else "调休上班日"
    elif t == "rest":
        what = "休息日"
    else:
        what = "工作日"
    src = v.get("source")
    if src == "fallback":
        what += "；该年无官方日历，按约定以周一至周五为工作日"
    elif src and src != "chinese-calendar" and t in ("holiday", "makeup"):
        what += f"，依 {src}"
    return f"{_date_zh(v['date'])}（{wd}，{what}）"


def _day_en(v: dict) -> str:
    wd = _WEEKDAY_EN[v["weekday"]]
    t = v["type"]
    holiday = v.get("holiday")
    zh = f" ({v['holiday_zh']})" if v.get("holiday_zh") else ""
    if t == "holiday":
        what = f"{holiday} holiday{zh}" if holiday else "official holiday (法定节假日)"
    elif t == "makeup":
        what = f"make-up working day (调休上班) for {holiday}{zh}" if holiday else "make-up working day (调休上班)"
    elif t == "rest":
        what = "rest day"
    else:
        what = "working day"
    src = v.get("source")
    if src == "fallback":
        what += " (no official calendar: explicit Monday–Friday fallback)"
    elif src and src != "chinese-calendar" and t in ("holiday", "makeup"):
        what += f" per {src}"
    return f"{v['date']} ({wd}, {what})"


def money_text(v: Decimal) -> str:
    """An amount as a decimal string: two places where it is whole fen (every amount a rule computes and every
    total), else every digit it has — a `per day` amount is exact, its total rounded once (¥226.5625)."""
    if v == v.quantize(_CENT):
        return f"{v:.2f}"
    return f"{v.normalize():f}"


_CENT = Decimal("0.01")
_MOST_PLACES = 6  # (an exact amount of a day shown to the millionth of a yuan, ≈ where it has more digits)


def _yuan(amount: str) -> str:
    d = Decimal(amount)
    if d < 0:  # (an attribute declared `money -…..…`, a net figure: the sign before the ¥, -¥200,000.00)
        text = _yuan(str(-d))
        return "≈-" + text[1:] if text.startswith("≈") else "-" + text
    places = -d.normalize().as_tuple().exponent
    if places <= 2:
        return f"¥{d:,.2f}"
    if places <= _MOST_PLACES:
        return f"¥{d:,.{places}f}"
    return f"≈¥{d:,.{_MOST_PLACES}f}"


def _cited_zh(v: dict) -> str:
    """How the Chinese words cite a fact: by its id; a derived event by the fact it comes from (`源自 f-047`) —
    `deliver#1.violated`, `notice_delivered:f-047` are the engine's names, not words legal staff read (the JSON
    keeps them, as `id`)."""
    derived = v.get("derived")
    if not (derived and derived.get("from")):
        return v["id"]
    by = f"，由 {derived['by']} 履行" if derived.get("by") else ""
    return f"源自 {from_words(derived['from'], period=derived.get('period', False))}{by}"


def from_words(root: str, lang: str = "zh", period: bool = False) -> str:
    """What a derived event comes from, as cited: a fact by its id; a duty that arose when a period ran out
    (`time:2025-09-02T00:00:00+08:00`, a `when` that held as time passed) by that instant — not the engine's key (a
    fresh user, round 21)."""
    if not root.startswith("time:"):  # (a recurring duty's period, 2024-Q1: 2024年第1季度 — contract round 38; a
        return period_label_zh(root) if period and lang == "zh" else root  # fact's id as it is, whatever it reads)
    try:
        m = Moment.of(datetime.fromisoformat(root[5:]))
    except ValueError:
        return root
    if m.is_start_of_day():  # (a period that ran out at 00:00 ran out at 24:00 of the day before: worded so, as the
        m = Moment.end_of_day(m.day - timedelta(days=1))  # duty's own row words it — counsel round 38)
    return f"{m.chinese()} 期间届满" if lang == "zh" else f"the period that ran out at {m.iso()}"


def _fact_zh(v: dict) -> str:
    parts = []
    for a in v.get("attrs", ()):
        if a["name"] in ("source",):
            continue
        x = a["value"]
        if a["type"] == "money":
            parts.append(f"{a['label'] or a['name']} {_yuan(x)}")
        elif a["type"] == "bool":
            parts.append(f"{a['label'] or a['name']}：{'是' if x else '否'}")
        elif a["type"] == "datetime":
            parts.append(f"{a['label'] or a['name']} {Moment.of(datetime.fromisoformat(x)).chinese()}")
        elif a["type"] == "date":
            parts.append(f"{a['label'] or a['name']} {_date_zh(x)}")
        elif a.get("value_label"):
            parts.append(f"{a['label'] or a['name']}：{a['value_label']}")
        else:
            parts.append(f"{a['label'] or a['name']} {x}")
    what = v.get("label") or v["type"]
    if "." in v["type"] and v["type"].rsplit(".", 1)[1] in STAGE_ZH:  # an obligation's stage
        name, stage = v["type"].rsplit(".", 1)
        what = f"{v.get('label') or name}{STAGE_ZH[stage]}"
    when = _date_zh(v["at"][:10]) if v.get("bare") else v["cn"]
    detail = f"（{'，'.join(parts)}）" if parts else ""
    return f"{when} {what}{detail}（{_cited_zh(v)}）"


def fact_name_zh(v: dict) -> str:
    """What a fact or derived event is, without its time and attributes: "专家验收（f-019）",
    "支付第一期款已违约（源自 f-031）"."""
    what = v.get("label") or v["type"]
    if "." in v["type"] and v["type"].rsplit(".", 1)[1] in STAGE_ZH:
        name, stage = v["type"].rsplit(".", 1)
        what = f"{v.get('label') or name}{STAGE_ZH[stage]}"
    return f"{what}（{_cited_zh(v)}）"


def from_en(derived: dict) -> str:
    """What a derived event comes from, in English — and, of a duty's performance, the fact that performed it:
    "from l, performed by x" (as the Chinese 源自 l，由 x 履行)."""
    by = f", performed by {derived['by']}" if derived.get("by") else ""
    return f"from {from_words(derived['from'], 'en')}{by}"


def _fact_en(v: dict) -> str:
    """A fact in English: "u-05 (invoice_received at 2025-07-04T10:00:00+08:00)"; a derived event by its kind and the
    fact it comes from (as ``_cited_zh``): "pay_installment_1.violated at 2025-08-05T00:00:00+08:00 (from u-05)" —
    not the engine's own key (`pay_installment_1#1.violated`), which the JSON keeps as `id`."""
    when = v["at"][:10] if v.get("bare") else v["at"]
    derived = v.get("derived")
    if derived and derived.get("from"):
        return f"{v['type']} at {when} ({from_en(derived)})"
    return f"{v['id']} ({v['type']} at {when})"


def _period_zh(v: dict) -> str:
    return f"{v['amount']}{_UNIT_ZH[v['unit']]}"


def _period_en(v: dict) -> str:
    one, many = _UNIT_EN[v["unit"]]
    return f"{v['amount']} {one if v['amount'] == 1 else many}"


_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")
_CHINESE_INSTANT = re.compile(r"(-?\d+)年(\d+)月(\d+)日(\d+)时(?:(\d+)分)?(?:(\d+)秒)?")
# a moment known by its day alone (``day_alone_cn``): "2025年11月13日", "2025年11月13日（时刻不明，不早于9时30分）"
_CHINESE_DAY = re.compile(r"(-?\d+)年(\d+)月(\d+)日(?:（(?:时刻不明)?，?(?:不早于(\d+)时(?:(\d+)分)?(?:(\d+)秒)?)?）)?")


def english(iso_text: str | None, chinese: str | None = None, iso: bool = True) -> str:
    """13 July 2026, 24:00 (2026-07-14T00:00:00+08:00): the day and hour as the Chinese form reads them
    (only the evaluation knows whether a midnight instant is 24:00 of the day before)."""
    if not iso_text:
        return "—"
    m = _CHINESE_INSTANT.fullmatch(chinese or Moment.of(datetime.fromisoformat(iso_text)).chinese())
    if m is None:
        day = _CHINESE_DAY.fullmatch(chinese or "")
        if day is None:
            return iso_text
        y, mo, d = (int(g) for g in day.groups()[:3])
        h, mi, s = (int(g or 0) for g in day.groups()[3:])
        text = f"{d} {_MONTHS_EN[mo - 1]} {y} (its day alone" + (
            f", not before {h:02d}:{mi:02d}" + (f":{s:02d}" if s else "") if day.group(4) else "") + ")"
        return f"{text} ({iso_text})" if iso else text
    y, mo, d, h, mi, s = (int(g or 0) for g in m.groups())
    text = f"{d} {_MONTHS_EN[mo - 1]} {y}, {h:02d}:{mi:02d}" + (f":{s:02d}" if s else "")
    return f"{text} ({iso_text})" if iso else text



def _date_en(iso_date: str) -> str:
    """2025-09-28 → 28 September 2025."""
    y, mo, d = (int(x) for x in iso_date.split("-"))
    return f"{d} {_MONTHS_EN[mo - 1]} {y}"


def _not_before(a) -> bool:
    """Whether the earliest instant an event of unknown time can have is the known trigger's own (both sent at once)."""
    e, at = a.get("earliest"), a.get("at")
    return isinstance(e, dict) and isinstance(at, dict) and e.get("at") == at.get("at")


def _resting_on_zh(a) -> str:
    """What the contract's end rests on, in Chinese: 依据 the fact it comes from (a step made before it cited the end
    itself: its ``source`` as it is)."""
    end = a.get("end")
    if isinstance(end, dict) and end.get("kind") == "fact":
        derived = end.get("derived")
        return f"依据 {from_words(derived['from']) if derived and derived.get('from') else end['id']}"
    return str(a.get("source"))


def _resting_on_en(a) -> str:
    """``_resting_on_zh`` in English: from the fact it rests on."""
    end = a.get("end")
    if isinstance(end, dict) and end.get("kind") == "fact":
        derived = end.get("derived")
        return f"from {from_words(derived['from'], 'en') if derived and derived.get('from') else end['id']}"
    return str(a.get("source"))


def _notice_en(a) -> str:
    """``_notice_zh`` in English: its kind and the fact it is (notice_delivered from tm, termination_notified t)."""
    f = a.get("notice")
    if not isinstance(f, dict) or f.get("kind") != "fact":
        return str(a.get("fact"))
    derived = f.get("derived")
    return f"{f.get('type')} ({'from ' + from_words(derived['from'], 'en') if derived and derived.get('from') else f['id']})"


def _hour_unknown_zh(m) -> str:
    """"（时刻不明）" after an instant known by its day alone at its first instant (a contract ended by a notice of that
    day alone: not its 0时 — counsel round 44), as contract_life's ``ended_cn`` says it."""
    return "（时刻不明）" if isinstance(m, dict) and m.get("day_alone") and "（" not in str(m.get("cn")) else ""


def _notice_zh(a) -> str:
    """A notice a finding is about, in Chinese: its label and the fact it is (解除通知（t）, 视为送达（源自 tm）); the
    fact's id where the finding has only that."""
    f = a.get("notice")
    if not isinstance(f, dict) or f.get("kind") != "fact":
        return str(a.get("fact"))
    return f"{f.get('label') or f.get('type')}（{_cited_zh(f)}）"


def _at_zh(a, w) -> str:
    """``于 <instant>，`` of a finding that names its instant (one made before it did: nothing)."""
    return f"于 {w['at']}，" if a.get("at") else ""


def _power_state_zh(a, w) -> str:
    """Why a notice's power was not held: not yet (and from when, where it came by the report's instant), or no
    longer (lapsed, used); which, where the finding knows it."""
    state = a.get("state")
    if state == "used":  # (used already: when — a batch rescinded the day before, user round 25)
        return f"已于 {w['used_at']} 行使，不能再次行使"
    if state == "gone":
        return "曾经取得，通知时已消灭，见下"
    if state == "not_yet":
        return f"尚未取得，自 {w['held_from']} 起才享有，见下" if a.get("held_from") else "尚未取得，见下"
    return "尚未取得或已消灭，见下"


def _power_state_en(a) -> str:
    state = a.get("state")
    if state == "used":
        return f"was used already at {_en(a['used_at'], iso=False)} and cannot be used again"
    if state == "gone":
        return "had been held and was gone by then, see below"
    if state == "not_yet":
        return (f"was not yet held — it was from {_en(a['held_from'], iso=False)}, see below" if a.get("held_from")
                else "was not yet held, see below")
    return "was not held, see below"


def _at_en(a) -> str:
    return f" ({_en(a['at'], iso=False)})" if isinstance(a.get("at"), dict) else ""


def _unknown_event(a, zh: bool) -> str:
    """An event of an instant the contract does not fix, named without that instant: 视为送达（源自 ne）."""
    f = a.get("fact") if isinstance(a.get("fact"), dict) else {}
    source = (f.get("derived") or {}).get("source")
    name = (f.get("label") if zh else None) or f.get("type") or ("一项事件" if zh else "an event")
    if zh:
        return f" {name}（源自 {source}）" if source else f" {name}（{f.get('id')}）"
    return f"{name} (from {source})" if source else f"{name} ({f.get('id')})"


def _hour_outcomes(a: dict, w, zh: bool) -> str:
    """What an amount the hour of a day-alone fact decides may be: between its least and most (¥200.00 至 ¥300.00), one
    of the words a rating may be (“按时” 或 “逾期”), or — a computation that fails at one hour — not said."""
    if a.get("least") is not None and a.get("most") is not None:
        return f"金额在 {w['least']} 至 {w['most']} 之间" if zh else f"between {w['least']} and {w['most']}"
    if a.get("values"):
        quoted = [f"“{v}”" if zh else f'"{v}"' for v in a["values"]]
        return ("结果可能为 " + " 或 ".join(quoted)) if zh else "one of " + ", ".join(quoted)
    return "金额随之不同" if zh else "not one figure"


def _either(a: dict, w, key: str, to: str) -> str:
    """An amount a step says, or — the hour of a fact of its day alone left it unknown — its least and most (``KEY_most``
    beside it: ¥150.00 至 ¥250.00); one not known at all, said so rather than left blank."""
    if a.get(key + "_most") is not None:
        return f"{w[key]} {to} {w[key + '_most']}"
    if a.get(key) is None:
        return "不明" if to == "至" else "not known"
    return w[key]


def _en(v: dict, iso: bool = True) -> str:
    """An encoded instant in English: 13 July 2026, 24:00 (with its ISO text unless ``iso`` is False)."""
    return english(v["at"], v.get("cn"), iso)


def _quantity(q) -> dict | int | None:
    v, kind = q
    if v is None or isinstance(v, (bool, str)):  # (a text: a rating, a month's name)
        return v
    if kind == "money":
        return {"kind": "money", "amount": money_text(Decimal(v))}
    if kind == "percent":
        return {"kind": "percent", "value": _decimal_text(Decimal(v) * 100)}
    if isinstance(v, timedelta):
        return {"kind": "elapsed", "seconds": int(v.total_seconds())}
    if isinstance(v, int):
        return v
    return {"kind": "number", "value": _decimal_text(Decimal(v))}


def _elapsed_words(seconds: int, zh: bool) -> str:
    """2小时30分钟 / 2 h 30 min (3日4小时 / 3 d 4 h; seconds only where there are some)."""
    sign, seconds = ("-" if seconds < 0 else ""), abs(seconds)
    d, rest = divmod(seconds, 86400)
    h, rest = divmod(rest, 3600)
    mi, s = divmod(rest, 60)
    units = (("日", "d"), ("小时", "h"), ("分钟", "min"), ("秒", "s"))
    parts = [(n, u) for n, u in zip((d, h, mi, s), units) if n] or [(0, units[2])]
    return sign + ("".join(f"{n}{u[0]}" for n, u in parts) if zh else " ".join(f"{n} {u[1]}" for n, u in parts))


def _decimal_text(d: Decimal) -> str:
    """A decimal as people write it: 85.5, 3, 0.001 (no exponent, no trailing zeros)."""
    return f"{d.normalize():f}" if d.is_finite() else str(d)


def arg(v, lang: str) -> str:
    """One encoded argument in words."""
    t = type(v)
    if t is str:
        return v
    if t is dict or (t is not list and isinstance(v, dict)):  # (a value by its kind, the kinds most cited first)
        if "code" in v:  # (a step)
            return render(v, lang)
        kind = v.get("kind")
        if kind == "fact":
            text = v.get("text")
            if text is not None:
                return text[lang]
            return _fact_zh(v) if lang == "zh" else _fact_en(v)
        if kind == "instant":
            return v["cn"] if lang == "zh" else english(v["at"], v.get("cn"))
        return _value_words(v, kind, lang == "zh")
    if t is list:  # (the facts of a trigger: each one's words made when it was encoded)
        return ("、" if lang == "zh" else ", ").join([x["text"][lang] if type(x) is dict and x.get("kind") == "fact"
                                                     and "text" in x else arg(x, lang) for x in v])
    if isinstance(v, list):
        return ("、" if lang == "zh" else ", ").join([arg(x, lang) for x in v])
    if isinstance(v, bool):
        return ("是" if v else "否") if lang == "zh" else ("yes" if v else "no")
    if isinstance(v, int) and v.bit_length() > 3000:  # (str() refuses past 4,300 digits; nobody reads 900)
        digits = int(v.bit_length() * 0.30103) + 1
        return f"约 {digits} 位的数" if lang == "zh" else f"a number of about {digits} digits"
    return "" if v is None else str(v)


def _value_words(v: dict, kind, zh: bool) -> str:
    """An encoded value (a dict without ``code``) of a kind other than a fact or an instant, as ``arg``
    words it: each kind as its own words, anything else as its text."""
    if kind == "period":
        return _period_zh(v) if zh else _period_en(v)
    if kind == "type":
        return f"{v['label']}（{v['name']}）" if zh and v.get("label") and v["label"] != v["name"] else v["name"]
    if kind == "date":
        return (f"{_date_zh(v['date'])}（{_WEEKDAY_ZH[v['weekday']]}）" if zh
                else f"{_WEEKDAY_EN[v['weekday']]} {v['date']}")
    if kind == "day":
        return _day_zh(v) if zh else _day_en(v)
    if kind == "money":
        return _yuan(v["amount"])
    if kind == "number":
        return v["value"]
    if kind == "elapsed":
        return _elapsed_words(v["seconds"], zh)
    if kind == "percent":
        return f"{v['value']}%"
    if kind == "expression":
        return v["zh"] if zh else v["text"]
    return str(v)


def render(s: dict, lang: str = "zh") -> str:
    """One encoded step in words (without its indentation)."""
    return (_renderers(lang).get(s["code"]) or renderer(s["code"], lang))(s["args"])


def _renderers(lang: str) -> Mapping[str, Callable[[dict], str]]:
    """Each code's ``renderer`` in ``lang``, made once at import (another language: none made ahead)."""
    return _RENDER_ZH if lang == "zh" else _RENDER_EN if lang == "en" else _NO_RENDERERS


def renderer(code: str, lang: str) -> Callable[[dict], str]:
    """How the steps of ``code`` are worded in ``lang``: a function of their encoded arguments (looked
    up once per code by an ``Encoder``, not per step)."""
    template = (_TEMPLATES_ZH if lang == "zh" else _TEMPLATES_EN).get(code)
    if template is not None:  # a template of plain fields: its pieces joined, each argument worded once
        return template
    pair = PHRASES.get(code)
    if pair is None:  # a code this version does not word: say it plainly rather than lose it
        return lambda args: f"{code}: " + ", ".join(f"{k}={arg(v, lang)}" for k, v in args.items())
    phrase = pair[0] if lang == "zh" else pair[1]
    # (each argument worded when the phrase uses it, not all up front: ``_Words``)
    if callable(phrase):
        return lambda args: phrase(args, _words_of(args, lang))
    return lambda args: phrase.format_map(_words_of(args, lang))


def _template(phrase, lang: str) -> Callable[[dict], str] | None:
    """A phrase written as a template of plain fields ("{clause}：由 {facts} 触发") as a function of a
    step's arguments that joins its pieces as ``str.format_map`` would — a text as itself, a clause
    number as ``clause_words`` words it, anything else as ``arg`` does — made once per code; None for a
    phrase that is a function or whose fields have a conversion or a format (format_map words those)."""
    if callable(phrase):
        return None
    pieces = []
    for literal, field, spec, conversion in string.Formatter().parse(phrase):
        if spec or conversion or (field is not None and not field.isidentifier()):
            return None
        if literal:
            pieces.append(repr(literal))
        if field == "clause":
            pieces.append(f"clause_words(a[{field!r}], lang)")
        elif field is not None and lang == "zh":  # (an instant in Chinese: its words as encoded, as arg gives them)
            pieces.append(f"(v if (t := type(v := a[{field!r}])) is str else v['cn'] if t is dict and "
                          f"v.get('kind') == 'instant' and 'code' not in v else arg(v, lang))")
        elif field is not None:
            pieces.append(f"(v if type(v := a[{field!r}]) is str else arg(v, lang))")
    # (joined at once: a line citing a fact is long, and each ``+`` would copy all of it before)
    body = f"''.join(({', '.join(pieces)},))" if len(pieces) > 1 else pieces[0] if pieces else "''"
    return eval(f"lambda a: {body}", {"clause_words": clause_words, "arg": arg, "lang": lang, "type": type,
                                      "str": str})


class _Words(dict):
    """The arguments of a step in words, each made on first use: a phrase that words a nested
    condition itself (``compared``) would otherwise word every level twice, and deep nesting
    would cost 2ⁿ."""

    __slots__ = ("args", "lang")

    def __init__(self, args: dict, lang: str):
        super().__init__()
        self.args, self.lang = args, lang

    def __missing__(self, key):
        v = self.args[key]
        text = self[key] = clause_words(v, self.lang) if key == "clause" else arg(v, self.lang)
        return text

    def get(self, key, default=None):
        return self[key] if key in self.args else default


def _words_of(args: dict, lang: str) -> _Words:
    """``_Words(args, lang)`` without a call of its ``__init__``."""
    w = _NEW_WORDS(_Words)
    w.args, w.lang = args, lang
    return w


_NEW_WORDS = dict.__new__


def clause_words(number: str | None, lang: str) -> str:
    """'5.2.3' → '第5.2.3条'; an annex's own numbering ('附件2 三.5') stays as it is."""
    if not number:
        return ""
    return f"第{number}条" if lang == "zh" and number[:1].isdigit() else number


def render_lines(steps: Iterable[dict], lang: str = "zh", indent: str = "") -> list[str]:
    """Encoded steps as lines, a detail indented under what it details (what a ``cited`` step
    holds, under the citation)."""
    out = []
    for s in steps:
        pad = indent + "  " * s.get("depth", 0)
        if s["code"] == "cited":
            out += render_lines(s["args"]["steps"], lang, pad)
        else:
            out.append(pad + render(s, lang))
    return out


def words(steps: Iterable[Step], lang: str = "en", labels: Labels | None = None) -> list[str]:
    """Raw steps straight to lines (for tests and the time module's own callers)."""
    return render_lines(encode_steps(steps, labels or Labels()), lang)


# ---------------------------------------------------------------------------- the phrases

Phrase = "str | Callable[[dict, dict], str]"


def _incl_zh(a, w):
    return "含该时刻" if a.get("inclusive") else "该时刻起即为逾期"


def _fulfilled_zh(a, w):
    earlier = "（该事实发生在触发之前；条款约定之前的履行亦计入）" if a.get("earlier") else ""
    bound = "不晚于" if a.get("inclusive") else "早于"
    return f"已履行：{w['fact']}{earlier}，{bound}期限 {w['due']}"


def _fulfilled_en(a, w):
    earlier = " (it happened before the trigger; counted because the clause says counting earlier)" \
        if a.get("earlier") else ""
    bound = "up to and including" if a.get("inclusive") else "before"
    return f"fulfilled by {w['fact']}{earlier}, {bound} the due instant {w['due']}"


def _violated_zh(a, w):
    if a.get("or_types"):  # (`fulfilled by A or by B`: neither came)
        what = "未见履行的 " + " 或 ".join(dict.fromkeys(arg(t, "zh") for t in a["or_types"]))  # (one kind once,
        # though two ways read it: `fulfilled by X x where … or by X y where …`)
    elif a.get("type"):
        what = f"未见履行的 {w['type']}"
    else:
        stands = f"（{w['why']}）" if w.get("why") else ""
        what = f"仍未履行：履行条件 {w['condition']} 未成立{stands}" if a.get("condition") else "履行条件未成就"
    if a.get("inclusive"):
        return f"已违约：截至 {w['due']}（期限的最后时刻，民法典第1259条）{what}"
    return f"已违约：在 {w['due']} 之前{what}"


def _violated_en(a, w):
    what = f"no {w['type']} fulfilling it" if a.get("type") else "its fulfilment condition did not hold"
    if a.get("or_types"):
        what = "no " + " or ".join(dict.fromkeys(arg(t, "en") for t in a["or_types"])) + " fulfilling it"
    if a.get("inclusive"):
        return f"violated: {what} by {_en(a['due'])}, the last instant in time (民法典第1259条)"
    return f"violated: {what} before {_en(a['due'])}"


def _deadline_zh(a, w):
    basis = "作为约定期间计算，不因休息日顺延" if a.get("term") else "依民法典第201–203条计算"
    assumed = f"；期间长度为假定 {w['assumption']}（{w['reason']}），是对合同未明之处的解读" if a.get("assumption") else ""
    return f"期限：自 {w['anchor']} 起 {w['period']}（{basis}{assumed}）"


def _deadline_en(a, w):
    basis = "as a term, not extended" if a.get("term") else "民法典第201–203条"
    assumed = (f"; the period is assumption {w['assumption']} ({w['reason']}), a reading the contract leaves open"
               if a.get("assumption") else "")
    anchor = a["anchor"]
    start = f"{anchor['at'][:10]} (its day alone)" if isinstance(anchor, dict) and anchor.get("day_alone") \
        and anchor["at"][11:19] == "00:00:00" else anchor["at"]
    return f"deadline: {w['period']} from {start} ({basis}{assumed})"


def _per(a, zh: bool) -> tuple[str, str]:
    """How an amount is owed, in words: (before the amount in Chinese / after it in English — 每日, " a day" —,
    and how it is counted — 按日, "per day", 一次性 —)."""
    if a.get("per_hour"):
        return ("每小时", "按小时") if zh else (" an hour", "per hour")
    if a.get("per_day"):
        return ("每日", "按日") if zh else (" a day", "per day")
    return ("", "一次性") if zh else ("", "once")


def _assumption_zh(a) -> str:
    """The assumption an amount is counted by: its label, then its name (收款的抵充（allocation）); its name alone
    without a label or where the two are one."""
    label, name = a.get("assumption_label"), a["assumption"]
    return f"{label}（{name}）" if label and label != name else name


def _amount_zh(a, w):
    per, by = _per(a, True)
    how = f"（{by}计算，依假定 {_assumption_zh(a)}）" if a.get("assumption") else ""
    return f"金额：{w['base']} × {w['formula']} = {per}{w['amount']}{how}"


def _amount_en(a, w):
    per, by = _per(a, False)
    how = f" ({by}, by assumption {a['assumption']})" if a.get("assumption") else ""
    return f"amount: {w['formula']} of {w['base']} = {w['amount']}{per}{how}"


def _total(a, w, zh: bool = True):
    """' = ¥…' after a count of days — left out where the count is not the amount (days shared
    with another row follow in their own step); an exact amount of a day says its total is rounded once."""
    if a.get("total") is None:
        return ""
    return f" = {w['total']}{_rounded_once(a, zh)}"


def _rounded_once(a, zh: bool) -> str:
    """Where an amount of a day (an hour) has more than whole fen: the total is rounded once
    (``checker._exact_per_day``)."""
    days = [a.get("per_day"), a.get("per_hour"), *(r.get("per_day") for r in a.get("runs") or ())]
    if not any(isinstance(d, dict) and d.get("kind") == "money" and len(d["amount"].partition(".")[2]) > 2
               for d in days):
        return ""
    if a.get("per_hour") is not None and "hours" in a:
        return "（每小时金额不先行舍入，合计四舍五入至分）" if zh else \
            " (each hour's amount exact, the total rounded to the fen once)"
    return "（每日金额不先行舍入，合计四舍五入至分）" if zh else " (each day's amount exact, the total rounded to the fen once)"


_WHAT_ZH = {"amount": "金额"}
_WHAT_EN = {"amount": "amount"}


def _terms(a, lang: str) -> str:
    """The values a computation read: `score = 85、price = ¥100,000.00`."""
    sep = "、" if lang == "zh" else ", "
    return sep.join(f"{arg(t['text'], lang)} = {arg(t['value'], lang) if t['value'] is not None else ('（未知）' if lang == 'zh' else '(unknown)')}"
                    for t in a["terms"])


def _by_terms(a, lang: str) -> str:
    """The values a `due by` deadline read: `，其中 day_of_month(20, q.last_day) = 2025年9月20日24时`."""
    if not a.get("terms"):
        return ""
    return f"，其中 {_terms(a, lang)}" if lang == "zh" else f", where {_terms(a, lang)}"


def _by_moved(a, w, lang: str) -> str:
    """`working_day_from(X)`: X's day, and the rest days and holidays the deadline moved past (第203条 on a day
    the contract names), or that X's day is itself a working day — a make-up working day included; the N-th
    working day of a month: the working days counted to it."""
    if a.get("counted"):
        days = ("、" if lang == "zh" else ", ").join(arg(d, lang) for d in a["counted"])
        return (f"；该月的工作日依次为 {days}，共 {len(a['counted'])} 个" if lang == "zh"
                else f"; the month's working days counted: {days} ({len(a['counted'])})")
    if "from" not in a:
        return ""
    zh = lang == "zh"
    start = arg(a["from"], lang)
    if not a.get("skipped"):  # (said of a make-up working day, where a reader would expect a move; an
        # ordinary working day says itself)
        if a["from"].get("type") != "makeup":
            return ""
        return f"；{start} 是工作日，不顺延" if zh else f"; {start} is a working day: not moved"
    skipped = ("、" if zh else ", ").join(arg(d, lang) for d in a["skipped"])
    if a.get("earlier"):  # (`working_day_until`: “提前到最近的工作日”)
        return (f"；{skipped} 不是工作日，提前至其前最近的工作日" if zh
                else f"; {skipped} not a working day: moved to the last working day before")
    return (f"；{skipped} 不是工作日，顺延至其后的第一个工作日" if zh
            else f"; {skipped} not a working day: moved to the first working day after")


def _computed_zh(a, w):
    terms = f"，其中 {_terms(a, 'zh')}" if a.get("terms") else ""
    per, by = _per(a, True)
    how = f"（{by}计算，依假定 {_assumption_zh(a)}）" if a.get("assumption") else ""
    return f"{_WHAT_ZH.get(a.get('what'), '计算')}：{w['text']}{terms}，得 {per + ' ' if per else ''}{w['value']}{how}"


def _computed_en(a, w):
    terms = f", where {_terms(a, 'en')}" if a.get("terms") else ""
    per, by = _per(a, False)
    how = f" ({by}, by assumption {a['assumption']})" if a.get("assumption") else ""
    return f"{_WHAT_EN.get(a.get('what'), 'computed')}: {w['text']}{terms}: {w['value']}{per}{how}"


_HOURS_TO_ZH = {"performed": "逾期履行之时", "lapsed": "本项消灭之时，此后不再计算",
                "ended": "合同终止之时，本项不在终止后继续计算", "as_of": "报告时点"}
_HOURS_TO_EN = {"performed": "the late performance", "lapsed": "its lapse; it does not run on after",
                "ended": "the end of the contract; it does not run on after the end", "as_of": "the report's instant"}


def _accrued_hours_zh(a, w):
    first = "（该时点本身未逾期，其后开始第一小时）" if a.get("in_time") else ""
    return (f"累计：自 {w['since']}{first} 起至 {w['end']}（{_hours_to(a, w, True)}），"
            f"共计 {a['hours']} 小时（每开始一小时计一小时，不足1小时的按1小时计）× 每小时 {w['per_hour']}"
            f"{_total(a, w)}")


_BARE_ZH = {"start": "产生本项的事实只记载了日期", "end": "逾期履行的事实只记载了日期", "both": "产生本项的事实和逾期履行的事实都只记载了日期",
            "end_stop": "终止的事实只记载了日期", "both_stop": "产生本项的事实和终止的事实都只记载了日期"}
_BARE_EN = {"start": "the fact it arose at gives its day alone", "end": "the late performance gives its day alone",
            "both": "the fact it arose at and the late performance give their days alone",
            "end_stop": "the end gives its day alone", "both_stop": "the fact it arose at and the end give their days alone"}


def _part_words(a, w, lang: str) -> str:
    """The rules a termination of part of the contract ends: those ended whole, then those it ends only as to the rows
    a condition names (`ends only deliver d where …`), each with its condition."""
    limits = a.get("limits")
    if not limits:
        return w["rules"]
    limited = {x["args"]["name"].get("name") for x in limits}
    whole = [x for x in a["rules"] if not (type(x) is dict and x.get("name") in limited)]
    return ("、" if lang == "zh" else ", ").join(([arg(whole, lang)] if whole else []) + [w["limits"]])


def _hours_to(a, w, zh: bool) -> str:
    """What a count of hours runs to, in words: a part of the contract's end names its ground (fuzz round 39)."""
    to = a.get("to")
    if to == "part_ended":
        return (f"{w['ground']} 终止本项之时，合同的其他部分继续有效，本项此后不再计算" if zh
                else f"the end of this part by {w['ground']}; it does not run on after it")
    return (_HOURS_TO_ZH if zh else _HOURS_TO_EN).get(to, to)


def _accrued_hours_range_zh(a, w):
    known = "，最少亦达每笔上限" if a.get("capped") else "，最多亦不超过每笔下限" if a.get("floored") else \
        "，金额无法确定——请补记具体时刻"
    return (f"累计：自 {w['since']} 起至 {w['end']}（{_hours_to(a, w, True)}），每开始一小时计一小时；"
            f"{_BARE_ZH.get(a.get('bare'), '')}，具体时刻不明：共计 {a['low']} 至 {a['high']} 小时 × 每小时 {w['per_hour']}"
            f" = {w['least']} 至 {w['most']}{known}")


def _when_en(v) -> str:
    """An encoded instant in English, or its day where it is known by its day alone."""
    return f"{v['at'][:10]} (its day alone)" if isinstance(v, dict) and v.get("day_alone") else _en(v, False)


def _accrued_hours_range_en(a, w):
    known = ", at the least above the cap of a row" if a.get("capped") else \
        ", at the most not above the least of a row" if a.get("floored") else \
        "; the amount cannot be told — record the time of day"
    return (f"hours begun from {_when_en(a['since'])} to {_when_en(a['end'])} "
            f"({_hours_to(a, w, False)}): {_BARE_EN.get(a.get('bare'), '')}, so between "
            f"{a['low']} and {a['high']} hours × {w['per_hour']} an hour = {w['least']} to {w['most']}{known}")


def _accrued_hours_en(a, w):
    first = " (that instant itself in time: the first hour runs after it)" if a.get("in_time") else ""
    hours = f"{a['hours']} hour{'s' if a['hours'] != 1 else ''}, each hour begun counted whole,"
    return (f"{hours} from {_en(a['since'], False)}{first} to {_en(a['end'], False)} "
            f"({_hours_to(a, w, False)}) × {w['per_hour']} an hour{_total(a, w, False)}")


def _accrued_zh(a, w):
    if a.get("days") == 0 and a.get("late"):  # (performed by then after all: no day of delay to count)
        return f"累计：自 {w['since']} 起未有逾期之日，共 0 日{_total(a, w)}"
    to = f"至逾期履行之日 {w['end']}{_by_zh(a)}" if a.get("late") else f"至 {w['end']}（{w['as_of']} 所在之日）"
    return f"累计：自 {w['since']} 起{to}，共 {w['days']} 日 × 每日 {w['per_day']}{_total(a, w)}"


def _by_zh(a) -> str:
    """The fact that performed late, after its day (（p2）; a derived event by the fact it comes from)."""
    by = a.get("by")
    if not by:
        return ""
    return f"（{'源自 ' + from_words(by.rsplit(':', 1)[1]) if ':' in by and not by.startswith('time:') else by}）"


def _accrued_en(a, w):
    if a.get("days") == 0 and a.get("late"):
        return f"no day late from {_en(a['since'], False)}: 0 days{_total(a, w, False)}"
    days = f"{a['days']} day{'s' if a['days'] != 1 else ''}"
    to = f"to the late performance on {a['end']['date']}" + (f" ({a['by']})" if a.get("by") else "") if a.get("late") else \
        f"to {a['end']['date']}, the day of {w['as_of']}"
    return f"{days} from {_en(a['since'], False)} {to} × {w['per_day']} a day{_total(a, w, False)}"


def _daily_runs(a, lang: str) -> str:
    """The runs of days of a `recomputed daily` amount, each at its amount of a day."""
    zh = lang == "zh"
    out = []
    for r in a["runs"]:
        days = r["days"]
        span = f"{arg(r['first'], lang)}至{arg(r['last'], lang)}" if zh else \
            f"{r['first']['date']} to {r['last']['date']}"
        count = f"{days} 日" if zh else f"{days} day{'s' if days != 1 else ''}"
        per = arg(r["per_day"], lang) if r.get("per_day") is not None else "—"
        total = f" = {arg(r['total'], lang)}" if r.get("total") is not None else ""
        out.append(f"{span} {count} × {'每日 ' if zh else ''}{per}{'' if zh else ' a day'}{total}")
    return ("；" if zh else "; ").join(out)


def _accrued_daily_zh(a, w):
    end = f"合同终止之日 {w['end']}（合同于 {w['ended']} 终止）" if a.get("ended") else \
        f"逾期履行之日 {w['end']}{_by_zh(a)}" if a.get("late") else f"{w['end']}（{w['as_of']} 所在之日）"
    shared = f"（其中已由 {w['rows']} 计算的日子不重复计）" if a.get("rows") else ""
    total = f"；合计 {w['total']}{_rounded_once(a, True)}" if a.get("total") is not None else ""
    basis = "当日结束时（当日发生的事实计入当日）" if a.get("at_end") else "当日开始前"
    return f"累计（逐日计算，每日金额按{basis}的事实计算）：自 {w['since']} 起至 {end}{shared}：{_daily_runs(a, 'zh')}{total}"


def _accrued_daily_en(a, w):
    end = f"{a['end']['date']}, the day the contract ended ({a['ended']['at']})" if a.get("ended") else \
        f"the late performance on {a['end']['date']}" + (f" ({a['by']})" if a.get("by") else "") if a.get("late") \
        else f"{a['end']['date']}, the day of {w['as_of']}"
    shared = f" (days {w['rows']} already counted are not counted again)" if a.get("rows") else ""
    basis = "the facts up to that day's end (a fact of the day counts for it)" if a.get("at_end") else \
        "the facts before that day began"
    return (f"accrued, recomputed daily (each day's amount on {basis}), from "
            f"{_en(a['since'], False)} to {end}{shared}: {_daily_runs(a, 'en')}"
            + (f"; in all {w['total']}{_rounded_once(a, False)}" if a.get("total") is not None else ""))


def _state_zh(a, w):
    state = {"holds": "已满足", "not_yet": "尚未满足", "unknown": "无法判断"}[a["state"]]
    why = f"（{w['why']}）" if w.get("why") else ""
    return f"- {w['text']}：{state}{why}"


def _state_en(a, w):
    state = {"holds": "holds", "not_yet": "not yet", "unknown": "cannot be told"}[a["state"]]
    why = f" ({w['why']})" if w.get("why") else ""
    return f"- {w['text']}: {state}{why}"


def _compared(sep):
    def f(a, w):
        lang = "zh" if sep == "；" else "en"  # (a part with nothing to say — a comparison of two parameters — is left out,
        # not joined as an empty word: '未成立（；）' — contract round 34)
        said = [t for t in (arg(p, lang) for p in a["parts"] if p) if t]
        if a.get("sides") and len(said) == 2:  # (both sides count facts: each named — contract round 39)
            said = [f"前者：{said[0]}", f"后者：{said[1]}"] if lang == "zh" else [f"left: {said[0]}", f"right: {said[1]}"]
        parts = sep.join(said)
        if a.get("value") is None:
            return parts
        value = arg(a["value"], "zh" if sep == "；" else "en")
        if a.get("other") is not None:  # (what it is compared with: the amount owed beside the amount paid)
            other = arg(a["other"], "zh" if sep == "；" else "en")
            op = {"==": "=", "!=": "≠", ">=": "≥", "<=": "≤"}.get(a.get("op"), a.get("op"))
            return f"{parts}（数值 {value}，条件要求 {op} {other}）" if sep == "；" else \
                f"{parts} (value {value}; the condition asks {op} {other})"
        return f"{parts}（数值 {value}）" if sep == "；" else f"{parts} (value {value})"
    return f


def _matched_zh(a, w):  # (the facts a part of a condition counts — a sum's payments —, not that it was met)
    return f"相符的事实：{w['facts']}" if a["facts"] else "无相符的事实"


def _matched_en(a, w):
    return "matching: " + ", ".join(f["id"] for f in a["facts"]) if a["facts"] else "nothing matched"


def _rule_named(a) -> str:
    """A rule in Chinese words: its label, then its name (“合同生效（定金按期支付）”（contract_effective）); else its name."""
    if a.get("label") == a["name"]:  # (a rule named in Chinese by its own label: once — user round 23)
        return f"“{a['label']}”"
    return f"“{a['label']}”（{a['name']}）" if a.get("label") else f"（{a['name']}）"


def _last_met(a, w, zh: bool) -> str:
    """What a condition held last with: a fact, or — its source an instant (`time:…`) — time passing alone (a period
    ran out, a total by the day grew)."""
    if str(a["source"]).startswith("time:"):
        return "随时间经过而成立" if zh else "met as time passed"
    said = w["by"] if a.get("by") else w["source"]  # (the event itself, in words: not an engine key — contract round 33)
    return f"最后满足的是 {said}" if zh else f"the last to be met: {said}"


PHRASES: Mapping[str, tuple] = {
    # what another verdict rests on, cited under this one (its steps, one level in)
    "cited": (lambda a, w: "", lambda a, w: ""),
    # how a verdict began
    "triggered_by": ("{clause}：由 {facts} 触发", lambda a, w: f"{a['clause']}: triggered by {w['facts']}"),
    "conditions_held": (lambda a, w: f"{w['clause']}：各项条件于 {w['at']} 均已满足，"
                                     + ("最后成就的是期间届满" if str(a["last"]).startswith("time:")
                                        else f"最后满足的是 {' 或 '.join(arg(x, 'zh') for x in a['last'])}（孰先孰后无法判断）"
                                        if type(a["last"]) is list else f"最后满足的是 {w['last']}"),
                        lambda a, w: f"{a['clause']}: all of its conditions held at {a['at']['at']}, "
                                     + ("the last to be met: a period ran out" if str(a["last"]).startswith("time:")
                                        else f"the last met by {' or '.join(arg(x, 'en') for x in a['last'])} (which "
                                             f"came first cannot be told)" if type(a["last"]) is list
                                        else f"the last met by {w['last']}")),
    "condition": (lambda a, w: f"- {w['text']}：{w['why'] or '成立'}", lambda a, w: f"- {w['text']}: {w['why'] or 'holds'}"),
    "none_matched": ("尚无相符的事实", "no matching fact so far"),
    "matched": (_matched_zh, _matched_en),
    "nothing_matched": ("无相符的事实", "nothing matched"),
    "unmatched": ("已有 {facts}，但不符合条件", "what came is {facts}, which does not fit"),
    "unmet_so_far": ("截至 {as_of}，履行条件尚未成立：{why}", "as of {as_of}, its condition does not hold yet: {why}"),
    "unmet_since": ("截至 {as_of}，履行条件仍未成立：{why}", "as of {as_of}, its condition still does not hold: {why}"),
    "compared": (_compared("；"), _compared("; ")),
    "period_passed": (lambda a, w: f"自 {w['start']} 起 {w['period']} 已于 {w['end']} 届满" + (
                          f"（民法典第202条：到期月没有第{a['missing']}日，以该月最后一日为最后一日）" if a.get("missing") else ""),
                      lambda a, w: f"{w['period']} from {a['start']['at']} passed at {a['end']['at']}" + (
                          f" (民法典第202条: the month it ends in has no day {a['missing']}, so its last day)"
                          if a.get("missing") else "")),
    "no_start": ("起算点尚未发生", "no start"),
    "in_force_from": ("{clause}：合同自 {at} 起生效（民法典第502条）；生效前不产生任何义务",
                      lambda a, w: f"{a['clause']}: the contract is in force from {a['at']['at']} (民法典第502条); "
                                   f"no duty arises before it"),
    # deadlines
    "deadline_from": (_deadline_zh, _deadline_en),
    "deadline_before": ("期限：须在 {anchor} 之前 {period}",
                        lambda a, w: f"deadline: {w['period']} before "
                                     f"{a['anchor']['at'][:10] if _day_alone_arg(a['anchor']) else a['anchor']['at']}"),
    "count_start": ("起算：{start}", lambda a, w: f"Start: {_en(a['start'], False)}."),
    "bare_latest_start": ("最迟的可能起算时刻：{start}，即 {day} 当日结束之时（起算的事实只记载了日期，以此计算最迟的届满时刻）",
                          lambda a, w: f"the latest possible start: {_en(a['start'])}, the end of {w['day']} (the fact "
                                       f"that starts it gives its day alone: the latest end is counted from it)"),
    "count_start_midnight": ("起算：{start}，即 {day} 当日结束之时（24时发生的事件属于该日）",
                             lambda a, w: f"Start: {_en(a['start'], False)}, which counts as {w['day']} "
                                          f"(an event at 24:00 belongs to that day)."),
    "start_day_not_counted": ("民法典第201条：开始的当日 {day} 不计入，自 {first} 起算",
                              "民法典第201条: the start day {day} is not counted; counting begins on {first}."),
    "last_day_of_days": ("自 {from} 起 {period}，最后一日为 {last}", "{period} from {from}: the last day is {last}."),
    "corresponding_day": ("民法典第202条：自 {from} 起 {period}，最后一日为对应日 {last}",
                          "民法典第202条: {period} from {from}: the last day is the corresponding day {last}."),
    "corresponding_day_month_end": (
        "民法典第202条：自 {from} 起 {period}，到期月没有第{missing}日，以该月最后一日 {last} 为最后一日",
        lambda a, w: f"民法典第202条: {w['period']} from {w['from']}: the last day is the corresponding day "
                     f"{w['last']} ({a['last']['date'][:7]} has no day {a['missing']}, so the month's last day)."),
    "term_not_moved": ("约定的期间届满即止，不因休息日或法定节假日顺延（第203条只延长当事人应为行为的期间；行为的期间约定不顺延的，"
                       "依第204条从其约定）：于 {last} 届满",
                       "A term that merely runs is not moved for rest days or holidays (第203条 stretches only "
                       "periods within which a party must act; one to act in that the parties agreed not to move "
                       "is not moved either, 第204条): the term ends on {last}."),
    "last_day_moved": ("民法典第203条：期间最后一日是休息日或法定节假日（{skipped}），以其后的第一个工作日 {to} 为期间的最后一日",
                       "民法典第203条: the last day falls on a rest day or holiday — {skipped}. The period ends on "
                       "the next working day, {to}."),
    "last_day_working": ("民法典第203条：最后一日 {last} 为工作日，不顺延",
                         "民法典第203条: the last day {last} is a working day; not moved."),
    "last_day_ends": ("期间最后一日截止到二十四时（民法典第203条第2款）：至 {last} 24时，{first_late} 起即为逾期",
                      lambda a, w: f"The last day ends at 24:00 (民法典第203条第2款): due by 24:00 on "
                                   f"{_date_en(a['last']['date'])}; first late instant {a['first_late']['at']}."),
    "withdrawn_nothing_owed": ("该项不成立，不计金额", "it never arose: nothing is owed"),
    "window_last_day_ends": ("期间最后一日截止到二十四时（民法典第203条第2款）：该期间至 {last} 24时届满，{first_late} 起已超过该期间",
                             lambda a, w: f"The last day ends at 24:00 (民法典第203条第2款): the period runs to 24:00 on "
                                          f"{_date_en(a['last']['date'])}; from {a['first_late']['at']} it has passed."),
    "window_end_instant_included": ("民法典第1259条（“以内”包括本数）：截止时刻 {due} 本身仍在该期间内，其后即已超过该期间",
                                    lambda a, w: f"民法典第1259条 (“以内”包括本数): the end instant {a['due']['at']} "
                                                 f"itself is still within the period; after it the period has passed."),
    "hours_from_instant": ("民法典第201条第2款：以小时计算的期间自事件发生时起算：加 {period} 为 {due}",
                           lambda a, w: f"民法典第201条第2款: a period in hours runs from the moment itself: + "
                                        f"{w['period']} = {_en(a['due'], False)}."),
    "hours_not_extended": ("以小时计算的期间没有“最后一日”，不因休息日或法定节假日顺延（第203条）",
                           "Not extended for rest days or holidays: 第203条 moves only a period's last day, and an "
                           "hours period has none."),
    "end_instant_included": ("民法典第1259条（“以内”包括本数）：截止时刻 {due} 本身仍在期限内，其后为逾期",
                             lambda a, w: f"民法典第1259条 (“以内”包括本数): the end instant {a['due']['at']} itself "
                                          f"is still in time; an act after it is late."),
    "working_days_start": ("民法典第201条：开始的当日 {day} 不计入；只计算官方工作日",
                           "民法典第201条: the start day {day} is not counted; only official working days count."),
    "working_days_counted": (lambda a, w: "计入的工作日：" + "；".join(
        f"第{i}日 {arg(d, 'zh')}" for i, d in enumerate(a["days"], 1)),
        lambda a, w: "Working days counted: " + ", ".join(
            f"{i}: {arg(d, 'en')}" for i, d in enumerate(a["days"], 1)) + "."),
    "working_days_counted_from_to": ("计入 {n} 个工作日：第1日 {first}，……，第{n}日 {last}（其间跳过 {skipped} 个休息日和节假日）",
                                     "{n} working days counted: day 1 {first}, …, day {n} {last} ({skipped} rest days "
                                     "and holidays skipped between)."),
    "days_skipped": (lambda a, w: "不是工作日，跳过：" + "；".join(arg(d, "zh") for d in a["days"]),
                     lambda a, w: "Not working days, skipped: " + "; ".join(arg(d, "en") for d in a["days"]) + "."),
    "deemed_day": ("“第{n}日视为……”：开始的当日 {from} 不计入（民法典第201条），其后第{n}日为 {day}",
                   "“第{n}日视为…”: the start day {from} is not counted (民法典第201条); day {n} after it is {day}."),
    "deemed_not_moved": ("视为送达之日是双方约定的事实，不是为某行为的期间：不因休息日或法定节假日顺延（不适用第203条）",
                         "A deemed date is a fact the parties agreed on, not a period to act in: it is not moved "
                         "for rest days or holidays (第203条 does not apply)."),
    "deemed_from_day_start": ("自该日零时起视为发生：{at}；凡截止于该日二十四时或其后的期限，均视为按时",
                              lambda a, w: f"Deemed from the start of that day, {_date_zh(a['day']['date'])}0时 "
                                           f"({a['at']['at']}); it meets any deadline that ends at 24:00 of "
                                           f"{w['day']} or later."),
    "calendar_unknown_earliest": (
        lambda a, w: f"{a['year']}年的官方日历尚未公布，期限无法确定；"
                     + ("已知年份按官方工作日计算，该年每一日都按工作日计" if a["how"] == "working_days"
                        else "最后一日若遇休息日只会向后顺延（第203条）")
                     + f"：最早于 {arg(a['last'], 'zh')} 24时届满",
        lambda a, w: f"The official calendar of {a['year']} is not known, so the end of the period cannot be fixed; "
                     + (f"counting the working days of the known calendar and every day of {a['year']}"
                        if a["how"] == "working_days" else "a last day on a rest day would only move later (第203条)")
                     + f": it ends at 24:00 of {w['last']} at the earliest."),
    "hours_before": ("在该事件前 {period}：不晚于 {due}（含该时刻，民法典第1259条）",
                     lambda a, w: f"{w['period']} before it: the act is in time up to and including "
                                  f"{a['due']['at']} (民法典第1259条)."),
    "counted_back_event": (lambda a, w: f"事件：{w['day']}" if _day_alone_arg(a["event"]) else f"事件：{w['event']}（{w['day']}）",
                           lambda a, w: f"The event: {w['day']}." if _day_alone_arg(a["event"])
                           else f"The event: {_en(a['event'], False)} ({w['day']})."),
    "counted_back": ("在 {from} 前 {period}：最迟应于 {last} 完成（自事件倒算的期间不因休息日顺延）",
                     "{period} before {from}: the act must be done by {last} at the latest (a period counted back "
                     "from an event is not moved for rest days)."),
    "calendar_year_unknown": (
        lambda a, w: f"{a['year']}年没有官方工作日历" + (f"（{arg(a['day'], 'zh')} 在该年）" if a.get("day") else "")
                     + f"；已知日历年份为 {a['known']}。工作日绝不推测：请为 {a['year']} 年增加日历文件（格式见 "
                       "calendars/README.md）并在合同头部声明（日历文件 / calendar file \"calendars/文件名.toml\"），或在合同头部"
                       "明确选择兜底方式：日历 兜底 weekdays（即 calendar fallback weekdays：已知年份之外以周一至周五为工作日）",
        lambda a, w: f"No official working-day calendar for {a['year']}: "
                     + (f"{w['day']} is" if a.get("day") else "a date is")
                     + f" in {a['year']}, and the known calendar years are {a['known']}. Working days are never "
                       f"guessed. To fix: add a calendar file for {a['year']} (TOML, format in calendars/README.md) "
                       "and name it in the contract header (calendar file \"calendars/NAME.toml\"), or choose a fallback "
                       "explicitly in the header (calendar fallback weekdays: Monday–Friday outside the known years)."),
    # outcomes
    "fulfilled": (_fulfilled_zh, _fulfilled_en),
    "fulfilled_by_condition": (lambda a, w: "已履行：履行条件"
                                            + (f" {w['condition']} " if a.get("condition") else "")
                                            + f"于 {w['at']} 成就"
                                            + (f"（{w['why']}）" if w.get("why") else "")
                                            + f"，{'不晚于' if a.get('inclusive') else '早于'}期限 {w['due']}",
                               lambda a, w: "fulfilled by its condition"
                                            + (f" {w['condition']}" if a.get("condition") else "")
                                            + f" becoming true at {a['at']['at']}"
                                            + (f" ({w['why']})" if w.get("why") else "")
                                            + f", {'up to and including' if a.get('inclusive') else 'before'} the due "
                                              f"instant {a['due']['at']}"),
    "performed_late": ("逾期履行：{fact}，已晚于期限 {due}",
                       lambda a, w: f"performed late by {w['fact']}, after the due instant {a['due']['at']}"),
    "performed_late_by_condition": ("逾期履行：履行条件于 {at} 方才成就，已晚于期限 {due}",
                                    lambda a, w: f"performed late by its condition becoming true at {a['at']['at']}, "
                                                 f"after the due instant {a['due']['at']}"),
    "performed_calendar_unknown": ("已由 {fact} 履行；是否按时，需待 {year} 年官方日历公布后确定",
                                   "performed by {fact}; whether that was in time needs the official calendar of "
                                   "{year}"),
    "performed_after_undetermined": (
        lambda a, w: f"其后由 {w['fact']} 履行，{'已晚于' if a.get('late') else '不晚于'}期限 {w['due']}；"
                     f"此前可能构成履行的事实何时发生无法确定（见上），是否按时履行仍无法判断",
        lambda a, w: f"then performed by {w['fact']}, {'after' if a.get('late') else 'by'} the due instant "
                     f"{a['due']['at']}; when the earlier act that may have performed it happened cannot be told "
                     f"(above), so whether the duty was performed in time cannot be told either"),
    "violated": (_violated_zh, _violated_en),
    "kept_until_end": ("持续义务已遵守至届满：{due}", lambda a, w: f"kept until its end, {a['due']['at']}"),
    "breached_by": ("违反：{fact}", "breached by {fact}"),
    "not_taken_used": ("未计入：{fact} 已用于履行本条的另一项义务（一项事实只履行一项义务）",
                       "not counted: {fact} already performed another duty of the clause (one fact, one duty)"),
    "not_taken_mismatch": (lambda a, w: f"未计入：{w['fact']} 不符合本项义务对 {w['type']} 的要求"
                                        + (f"：不满足 {w['unmet']}" if a.get("unmet") else ""),
                           lambda a, w: f"not counted: {w['fact']} is not the {w['type']} this duty asks for"
                                        + (f": it fails {w['unmet']}" if a.get("unmet") else "")),
    "excused_retroactively": ("免除：{fact} 在期限届满之后才发生，本条约定该事由一经发生即予免除（追溯）；已认定的违约不成立——{text}",
                              "excused: {fact} came after the deadline, and the clause excuses whenever it comes "
                              "(retroactively); the breach found is withdrawn — {text}"),
    "excuse_after_delay": ("不予免除：{fact} 发生在迟延履行之后，不免除已发生的违约责任（民法典第590条第2款）；免责事由：{text}",
                           "not excused: {fact} came after the delay, which it does not excuse (民法典第590条第2款); "
                           "the exception: {text}"),
    "excused": (lambda a, w: f"免除：{w['text']}" + (f"——该条件于 {w['at']} 成立" + (f"（见 {w['fact']}）" if a.get("fact")
                                                                                else "") if a.get("at") else
                                                    f"——本项产生之时（{w['arose']}）该条件已成立" if a.get("arose") else ""),
                lambda a, w: f"excused: {w['text']}" + (f" (holding from {_en(a['at'], iso=False)}"
                                                        + (f"; see {w['fact']}" if a.get("fact") else "") + ")"
                                                        if a.get("at") else
                                                        f" (it already held when the duty arose, {_en(a['arose'], iso=False)})"
                                                        if a.get("arose") else "")),
    "not_excused": ("不予免除：{text}——该条件于 {at} 不成立",
                    lambda a, w: f"not excused: {w['text']} — its condition does not hold at {a['at']['at']}"),
    "duty_without_end": ("持续义务，长期有效", "a continuing duty without end (长期有效)"),
    "duty_end_open": ("持续义务的终期尚不能确定：继续有效", "the duty's end cannot be fixed yet: it runs on"),
    "duty_until": ("持续义务，至 {until} 止", lambda a, w: f"a continuing duty until {a['until']['at']} "
                                                        f"({_en(a['until'], False)})"),
    "duty_until_recounted": ("持续义务，至 {until} 止（合同终止时重新计算）",
                             lambda a, w: f"a continuing duty until {_en(a['until'])}, counted "
                                          f"again when the contract ended"),
    # (what was performed before the end is not lost with the duty: 第566条第1款's remedy and 第567条's settlement are
    # said with it — a price owed for service already given reads otherwise as "nothing owed", counsel round 24)
    # (the end cited by the fact it rests on — 依据 tm —, not the engine's id of a derived event, notice_delivered:tm)
    "discharged": (lambda a, w: f"终止履行：合同于 {w['at']} 终止——{w['ground']}（{_resting_on_zh(a)}）（民法典第566条第1款："
                                f"尚未履行的，终止履行；已经履行的，可以请求恢复原状或者采取其他补救措施；第567条：结算和清理条款仍然有效）",
                   lambda a, w: f"discharged: the contract ended at {_en(a['at'], False)} by {w['ground']} ({_resting_on_en(a)}) "
                                f"(民法典第566条第1款: what is not yet performed is no longer to be performed; for what "
                                f"has been performed, restitution or other remedial measures may be claimed; 第567条: "
                                f"the terms on settlement and winding up stay in force)"),
    "discharged_in_part": (lambda a, w: f"终止履行：本项于 {w['at']} 终止——{w['ground']}（{_resting_on_zh(a)}），合同的其他部分"
                                        f"继续有效（民法典第566条第1款：尚未履行的，终止履行；已经履行的，可以请求恢复原状或者采取其他"
                                        f"补救措施）",
                           lambda a, w: f"discharged: this part of the contract ended at {_en(a['at'], False)} by "
                                        f"{w['ground']} ({_resting_on_en(a)}); the rest of the contract stays in force "
                                        f"(民法典第566条第1款: what is not yet performed is no longer to be performed; for "
                                        f"what has been performed, restitution or other remedial measures may be claimed)"),
    "ended_in_part_after_breach": (lambda a, w: f"本项已于 {w['at']} 终止——{w['ground']}（{_resting_on_zh(a)}），合同的其他部分"
                                                f"继续有效；此前已经违约的，违约责任不因此免除（民法典第566条第2款）",
                                   lambda a, w: f"this part of the contract ended at {_en(a['at'], False)} by "
                                                f"{w['ground']} ({_resting_on_en(a)}); the rest stays in force; the "
                                                f"breach before it stays a breach (民法典第566条第2款)"),
    # undetermined
    "undetermined_trigger_time": ("待定：触发本项义务的 {fact} 何时发生，合同未作约定：义务何时产生、期限何时届满都无法确定",
                                  "undetermined: when {fact}, which sets off this duty, happened the contract does not "
                                  "fix: when the duty arose and when its period ends cannot be told"),
    "unknown_first_same_due": (lambda a, w: f"另有{_unknown_event(a, True)}，其时刻合同未作约定，不早于本项触发之时，不影响本项"
                               if _not_before(a) else
                               f"另有{_unknown_event(a, True)}，其时刻合同未作约定（不早于 {w['earliest']}），可能先于本项"
                               f"触发；但无论义务产生于该时之后、本项触发之前的哪一时刻，期限均于 {w['due']} 届满，结论不"
                               f"受影响，以下自本项触发起算",
                               lambda a, w: f"{_unknown_event(a, False)}, whose instant the contract does not fix, came no "
                                            f"earlier than this trigger: it does not bear on this duty"
                               if _not_before(a) else
                               f"{_unknown_event(a, False)}, whose instant the contract does not fix (no "
                               f"earlier than {_en(a['earliest'], False)}), may have come first; but "
                               f"whenever between then and this trigger the duty arose, its period ends at "
                               f"{_en(a['due'], False)}: the verdict does not turn on it, and it is "
                               f"counted from this trigger below"),
    "unknown_first_window": (lambda a, w: f"另有{_unknown_event(a, True)}，其时刻合同未作约定（不早于 {w['earliest']}），可能先于本项触发："
                                          f"义务产生于该时之后、本项触发之前的某一时刻，期限最早于 {w['first']} 届满，最迟于 {w['last']} "
                                          f"届满；以最迟者为期限，此前未履行的到时即为违约，{w['first']} 之前的履行按时，在两者之间的履行"
                                          f"无法判断是否按时",
                             lambda a, w: f"{_unknown_event(a, False)}, whose instant the contract does not fix (no "
                                          f"earlier than {_en(a['earliest'], False)}), may have come first: the duty "
                                          f"arose at some instant from then to this trigger, and its period ends at the "
                                          f"earliest {_en(a['first'], False)}, at the latest {_en(a['last'], False)}; "
                                          f"the latest is taken as the deadline (unperformed by then, it is violated), "
                                          f"an act by the earliest is in time, one between the two cannot be told"),
    "day_alone_decides": ("待定：{facts} 只知其日，报告时刻 {as_of} 在该日之内——计入与否（发生在报告时刻之前还是之后），本项结论不同",
                          "undetermined: {facts}, known by the day alone, may have come before the report's instant "
                          "{as_of} or after it — counted or not, this comes out differently"),
    "tentative_decides": ("待定：{fact} 只知其日、不知时刻，与触发本项的事实同日——在其之前（不算履行）还是之后（即为履行）"
                          "无法判断，本项结论不同",
                          "undetermined: {fact} is known by its day alone, the day of what set this off — before it "
                          "(performing nothing) or after it (performing) cannot be told, and this comes out differently"),
    "termination_order_decides": ("待定：解除通知 {fact} 只知其日，同日有 {later}——通知在其前还是其后，合同都于该日解除，"
                                  "但本项结论不同",
                                  "undetermined: the notice of termination {fact} is known by its day alone, and {later} "
                                  "came that day — before them or after, it ended the contract that day, but this comes "
                                  "out differently"),
    "day_alone_moves_deadline": ("待定：{facts} 只知其日，报告时刻 {as_of} 在该日之内——计入的（发生在报告时刻之前），本项期限为 {due}，"
                                 "而不是上列期限",
                                 "undetermined: {facts}, known by the day alone, may have come before the report's "
                                 "instant {as_of} — counted, this one's deadline is {due}, not the one above"),
    "discharged_on_day_of_end": ("终止履行：合同已于 {day} 由 {by} 终止，该解除只知其日、不知时刻；本项产生于同日 {at}，期限 {due} 在该日之后"
                                 "——在终止之前产生的，未到期即随合同终止而消灭（民法典第566条第1款）；在其后的，不产生：无论何者，均无须履行",
                                 "discharged: the contract ended on {day} by {by}, known by its day alone; this arose at {at} "
                                 "that day and falls due {due}, after it — arisen before the end, it was discharged by the end "
                                 "before it fell due (民法典第566条第1款); after, it never arose: nothing is owed either way"),
    "arose_on_day_of_end": ("待定：合同已于 {day} 由 {by} 终止，该解除只知其日、不知时刻；本项产生于同日 {at}，"
                            "在合同终止之前还是之后无法判断——在其前的，照常产生（终止前的违约不因终止而免除，民法典第566条）；"
                            "在其后的，不产生。请补记解除的具体时刻",
                            "undetermined: the contract ended on {day} by {by}, known by its day alone; this arose at "
                            "{at} that day, and whether before or after the end cannot be told — before, it arose as "
                            "any other (a breach before the end is not undone by it, 民法典第566条); after, it did "
                            "not. Record the termination's time"),
    "undetermined_by_doubt": ("待定：是否发生取决于尚待确定的 {doubts}",
                              lambda a, w: f"undetermined: whether it arose depends on {w['doubts']}, "
                                           f"undetermined"),
    "undetermined_calendar": ("待定：{why}", "undetermined: {why}"),
    "violation_withdrawn": ("期限届满时未见履行，曾认定违约；其后得知的 {fact} 依合同视为于 {at} 发生，在期限 {due} 之内："
                            "按时履行，违约不成立",
                            "no performance was seen when the period ended and the duty was found violated; {fact}, "
                            "learnt of later, is deemed by the contract to have happened at {at}, within the period "
                            "ending {due}: performed in time, no breach"),
    "violation_withdrawn_remedy": ("不再成立：{duty} 由其后得知的 {fact}（视为于 {at} 发生）在期限 {due} 之内履行，原认定的违约不成立，"
                                   "据此产生的本项救济随之不成立",
                                   "no longer held: {duty} was performed within the period ending {due} by {fact} (deemed "
                                   "to have happened at {at}), learnt of later; the breach it was found in is withdrawn, "
                                   "and this remedy with it"),
    "unless_met_late": ("不再成立：其后得知的 {fact}（视为于 {at} 发生）在期间 {due} 届满之前，本项救济所需的“期间内未发生”不成立",
                        "no longer held: {fact}, learnt of later, is deemed to have happened at {at}, before the period "
                        "ending {due} ran out: what this remedy needs did not happen within it — it did"),
    "extended_back": ("{fact}：顺延 {length}（期限届满后确认，追溯适用），期限由 {due_before} 改为 {due}",
                      "{fact}: extended by {length} (confirmed after the deadline, retroactively), from {due_before} to {due}"),
    "late_after_extension": ("追溯顺延后期限为 {due}，履行仍在其后：违约自新的期限起算",
                             "extended retroactively to {due}, and performed only after it: the breach runs from the new end"),
    "redated_back_remedy": ("重新认定：{duty} 经 {fact} 追溯顺延至 {due}，违约自新的期限起算，本项按原期限计算的部分不成立，按新期限另行认定",
                            "recounted: {duty} was extended retroactively by {fact} to {due}; the breach runs from the new end, "
                            "and this remedy, counted from the old one, gives way to one counted from it"),
    "violation_withdrawn_back": ("原认定的违约不成立：{fact} 追溯顺延后期限为 {due}，至此未逾期",
                                 "the breach found is withdrawn: extended retroactively by {fact} to {due}, nothing was late"),
    "violation_withdrawn_back_remedy": ("不再成立：{duty} 经 {fact} 追溯顺延至 {due}，原认定的违约不成立，据此产生的本项救济随之不成立",
                                        "no longer held: {duty} was extended retroactively by {fact} to {due}; the breach "
                                        "it was found in is withdrawn, and this remedy with it"),
    "extended_too_late": ("{fact}：延期约定在期限 {due} 届满之后，不能使已经逾期的义务不逾期（双方以此变更合同的，另行约定）",
                          "{fact}: the extension was agreed after the deadline {due} had passed, and does not make a late "
                          "duty timely (whether it varies the contract is for the parties)"),
    "duty_until_known": ("持续义务的终期于合同终止时方可确定：至 {until} 止", "a continuing duty whose end became known only "
                         "when the contract ended: until {until}"),
    "bare_on_effective_day": ("{fact} 只记载日期，与合同生效（{at}）同日：时刻不明，合同自该日起生效，视为生效之后发生（不早于生效之时）",
                              "{fact} is given by its day alone, the day the contract took effect ({at}): its hour "
                              "unknown and the contract binding from that day, it is taken as after it (no earlier "
                              "than then)"),
    "duty_until_learnt": ("持续义务产生时其终期 {text} 所读取的值尚不知道，至 {at} 方可确定：至 {until} 止",
                          "a continuing duty whose end {text} read a value not known when it arose, known at {at}: "
                          "until {until}"),
    "settled_by": ("已清偿：{fact}（此后不再可主张；金额计至该时刻）", "settled: {fact} (no longer claimable; its amount "
                   "counted to then)"),
    "accelerated_without_right": ("{fact}：{power} 此时没有可行使的权利（尚未产生、已行使或已消灭），期限不提前",
                                  "{fact}: no {power} was held then (not yet arisen, used or lapsed): the deadline is not "
                                  "brought forward"),
    "accelerated_using": ("宣布提前到期即行使 {power}（自 {since} 享有），该权利就此用尽",
                          "the declaration exercises {power} (held since {since}), which is thereby used"),
    "right_lapsed_agreed": ("权利消灭：合同约定的行使期限为自权利产生（{since}）起 {period}，至 {last} 届满仍未行使",
                            "the right lapsed: the contract gives {period} from {since}, when it arose, to exercise "
                            "it; the period ended {last} unused"),
    "right_lapsed_until": ("权利消灭：合同约定的行使期限至 {until} 届满，该权利（{since} 产生）未行使",
                           "the right lapsed: the contract gives until {until} to exercise it, and the right (arisen "
                           "{since}) was not used"),
    "right_lapse_unknown_agreed": ("权利是否已消灭待定：合同约定的行使期限为自权利产生（{since}）起 {period}，最早于 {earliest} 届满，"
                                   "但其计算涉及 {year} 年，该年没有官方日历——请增加该年的日历文件",
                                   "whether the right has lapsed is undetermined: the contract gives {period} from {since} "
                                   "to exercise it, ending at {earliest} at the earliest, but its count reaches {year}, a "
                                   "year no calendar knows — add that year's calendar"),
    "accelerated": ("{fact}：期限由 {due_before} 提前至 {due}（加速到期；该时刻本身仍在期限内，其后为逾期）",
                    "{fact}: the deadline brought forward from {due_before} to {due} (acceleration; that instant is "
                    "still in time, late after it)"),
    "cap_unknown": ("累计上限所读取的值尚不知道：未适用上限前为 {amount}，适用上限后的金额无法计算",
                    "the cap reads a value not known yet: {amount} before the cap, the amount under it cannot be told"),
    "power_after_lapse": ("本项解除事由发生时，同一解除权已因此前的事由（自 {earlier} 起）而存在；该解除权至 {lapsed} 届满未行使而消灭，"
                          "本项事由的解除权随之产生，其一年期间自本项事由发生之时起算（民法典第564条第2款：自解除权人知道或者应当知道"
                          "解除事由之日起计算）",
                          "when this ground arose, the same power was already held on an earlier ground (from {earlier}); "
                          "that power lapsed unused at {lapsed}, and this ground's power arises with its own year, counted "
                          "from this ground (民法典第564条第2款: from when the holder knew or should have known of the ground)"),
    "power_after_lapse_agreed": ("本项解除事由发生时，同一解除权已因此前的事由（自 {earlier} 起）而存在；该解除权至 {lapsed} 届满未行使而消灭，"
                                 "本项事由的解除权随之产生，合同约定的行使期限就本项事由另行计算（民法典第564条第1款）",
                                 "when this ground arose, the same power was already held on an earlier ground (from "
                                 "{earlier}); that power lapsed unused at {lapsed}, and this ground's power arises with the "
                                 "period the contract gives to exercise it counted for this ground (民法典第564条第1款)"),
    # (a condition that came true with no fact — a period passed, a total by the day grew —: its source is the instant)
    "effect_lapsed": (lambda a, w: f"{w['clause']}：{w['condition']}，于 {w['at']} 成立（{_last_met(a, w, True)}）：合同生效"
                                   f"的条件确定不能成就",
                      lambda a, w: f"{w['clause']}: {w['condition']}, holding from {w['at']} ({_last_met(a, w, False)}): "
                                   f"what puts the contract in force can no longer happen"),
    "lapsed_when": (lambda a, w: f"消灭：{w['condition']}，于 {w['at']} 成立（{_last_met(a, w, True)}）；依{w['clause']}本项权利"
                                 f"不再享有，此后也不再产生",
                    lambda a, w: f"lapsed: {w['condition']}, holding from {w['at']} ({_last_met(a, w, False)}); under "
                                 f"{w['clause']} it is no longer held, and arises no more"),
    "row_lapsed_when": (lambda a, w: f"消灭：{w['condition']}，于 {w['at']} 成立（{_last_met(a, w, True)}）；依{w['clause']}"
                                     f"本项权利不再享有（只是本项：其余各项及以后产生的照常）",
                        lambda a, w: f"lapsed: {w['condition']}, holding from {w['at']} ({_last_met(a, w, False)}); "
                                     f"under {w['clause']} this row is no longer held (this row alone: the others, and "
                                     f"those arising later, stand)"),
    "power_lapsed": ("解除权消灭：自 {since} 解除权产生（视为解除权人自此知道解除事由）起 {period} 内未行使，至 {last} 届满"
                     "（民法典第564条第2款；合同未约定行使期限）",
                     "the power lapsed: not used within {period} of {since}, when it arose (its holder is taken to "
                     "know its ground from then), the period ending {last} (民法典第564条第2款; the contract sets "
                     "no period for using it)"),
    "power_lapsed_agreed": ("解除权消灭：合同约定的行使期限为自解除权产生（{since}）起 {period}，至 {last} 届满仍未行使（民法典第564条第1款）",
                            "the power lapsed: the contract gives {period} from {since}, when it arose, to exercise it; "
                            "the period ended {last} unused (民法典第564条第1款)"),
    "power_lapsed_until": ("解除权消灭：合同约定的行使期限至 {until} 届满，解除权（{since} 产生）未行使（民法典第564条第1款）",
                           "the power lapsed: the contract gives until {until} to exercise it, and the power (arisen "
                           "{since}) was not used (民法典第564条第1款)"),
    "power_lapse_unknown": ("解除权是否已消灭待定：自 {since} 产生起一年的期间最早于 {earliest} 届满，但其最后一日在 {year} 年，"
                            "该年没有官方日历，是否顺延（民法典第203条）无法确定——请增加该年的日历文件",
                            "whether the power has lapsed is undetermined: the year from {since}, when it arose, ends "
                            "at {earliest} at the earliest, but its last day is in {year}, a year no calendar knows, so "
                            "whether it moves off a rest day (民法典第203条) cannot be told — add that year's calendar"),
    "power_lapse_unknown_agreed": ("解除权是否已消灭待定：合同约定的行使期限（民法典第564条第1款）为自解除权产生（{since}）起 {period}，最早于 {earliest} 届满，"
                                   "但其计算涉及 {year} 年，该年没有官方日历，工作日与是否顺延（民法典第203条）无法确定——请增加该年的日历文件",
                                   "whether the power has lapsed is undetermined: the contract gives {period} from {since}, "
                                   "when it arose, to exercise it (民法典第564条第1款), ending at {earliest} at the earliest, but its count "
                                   "reaches {year}, a year no calendar knows, so its working days and whether it moves off "
                                   "a rest day (民法典第203条) cannot be told — add that year's calendar"),
    "bare_start_window": ("起算的事实只记载了日期（{day}）：期间自当日某一时刻（24时之前）起算，最早于 {earliest} 届满，最迟在 {latest} "
                          "之前届满（{latest} 本身已逾期）；届时仍未履行的即为违约；在两者之间的履行无法判断是否按时",
                          "the fact that starts it gives only its day ({day}): it began at some instant of that day, "
                          "before its 24:00, and the period ends between {earliest} and just before {latest} ({latest} "
                          "itself is late); unperformed by then, it is violated, and an act between the two cannot be "
                          "told in time or late"),
    "due_by_day_only": ("该时刻只知道日期：期限是 {day} 之内的某一时刻（不早于 {earliest}），该日24时之后即为逾期",
                        "that instant is known by its day alone: the deadline is some instant of {day} (no earlier "
                        "than {earliest}); after that day it is late"),
    "undetermined_day_deadline": ("待定：{fact} 在期限所在之日 {day} 之内、不早于 {earliest}；期限是该日的某一时刻，所依据的时刻只记载了"
                                  "日期，无法判断是否按时——请补记其具体时刻",
                                  "undetermined: {fact} came on {day}, the day of the deadline, no earlier than "
                                  "{earliest}; the deadline is some instant of that day known by its day alone, so "
                                  "whether it was in time cannot be told — record its hour"),
    "undetermined_unknown_first": ("待定：{fact} 晚于最早可能的届满时刻 {earliest}、不晚于最迟的 {latest}；先到达的是哪一项触发，合同未作约定，"
                                   "无法判断是否按时",
                                   "undetermined: {fact} came after the earliest possible end {earliest} and by the "
                                   "latest {latest}; which trigger came first the contract does not fix, so whether "
                                   "it was in time cannot be told"),
    "undetermined_bare_start": ("待定：{fact} 晚于最早的届满时刻 {earliest}、早于最迟的 {latest}；起算的事实只记载了日期，"
                                "无法判断是否按时——请补记其具体时刻",
                                "undetermined: {fact} came after the earliest end {earliest} and before the latest "
                                "{latest}; the fact that starts the period gives only its day, so whether it was in "
                                "time cannot be told — record its time of day"),
    "undetermined_named_day": ("待定：{fact} 依合同视为于该日发生，合同未定时刻；无法判断是否在 {due} 之前",
                               lambda a, w: f"undetermined: {w['fact']} is deemed by the contract to happen on that day, at "
                                            f"no hour it fixes; whether by {a['due']['at']} cannot be told"),
    "undetermined_named_day_start": ("待定：{fact} 晚于最早的届满时刻 {earliest}、早于最迟的 {latest}；起算的事件依合同视为于某日"
                                     "发生，合同未定时刻，无法判断是否按时",
                                     "undetermined: {fact} came after the earliest end {earliest} and before the latest {latest}; "
                                     "the event that starts the period is deemed by the contract to happen on a day, at no "
                                     "hour it fixes, so whether it was in time cannot be told"),
    "undetermined_bare_before_trigger": ("待定：{fact} 只知其日、不知时刻，与触发（{trigger}）同日：在触发之前的不计入"
                                         "（本项未约定之前的履行亦计入），在其后的即为履行，无法判断是哪一种",
                                         "undetermined: {fact} is known by its day alone, the trigger's day ({trigger}): "
                                         "before the trigger it does not count (the clause does not count earlier acts), "
                                         "after it, it performs — which, cannot be told"),
    "undetermined_end_hour": ("待定：合同于 {end} 所在之日终止，时刻不明（不早于 {end}）；期限 {due} 在当日之内：终止在其前，本项消灭（民法典第566条），"
                              "在其后，本项已违约——无法判断",
                              "undetermined: the contract ended on the day of {end}, at an hour unknown (not before it); "
                              "the period ends {due} that day: ended before it, the duty is discharged (民法典第566条), "
                              "after it, it was violated — which, cannot be told"),
    "undetermined_bare_day": ("待定：{fact} 只记载了日期；无法判断是否在 {due} 之前到达——请补记具体时刻",
                              lambda a, w: f"undetermined: {w['fact']} gives only its day; whether it came by "
                                           f"{a['due']['at']} cannot be told — record the time of day"),
    "undetermined_unknown_time": ("待定：{source} 可能构成履行，但合同未约定其何时视为发生（{type}），无法判断是否按时",
                                  "undetermined: {source} may perform it, but the contract does not fix when it is "
                                  "deemed to have happened ({type}); whether in time cannot be told"),
    "undetermined_provisional": ("待定：截至期限最早可能届满之时 {due} 尚未履行；是否逾期需待 {year} 年官方日历公布后确定",
                                 lambda a, w: f"undetermined: not performed by {a['due']['at']}, the earliest the "
                                              f"period can end; whether it is late needs the official calendar of "
                                              f"{a['year']}"),
    "deemed_rests_on_doubt": ("待定：其所依据的 {doubts} 尚待确定",
                              lambda a, w: f"undetermined: it rests on {w['doubts']}, undetermined"),
    # remedies and deemed events
    "amount": (_amount_zh, _amount_en),
    "accrued": (_accrued_zh, _accrued_en),
    "accrued_daily": (_accrued_daily_zh, _accrued_daily_en),
    "accrued_hours": (_accrued_hours_zh, _accrued_hours_en),
    "accrued_hours_range": (_accrued_hours_range_zh, _accrued_hours_range_en),
    "computed": (_computed_zh, _computed_en),
    "due_before_trigger": ("期限 {due} 早于义务产生之时 {at}：按产生之时即届期处理（此前不可能逾期）",
                           "the deadline {due} is before the duty arose at {at}: it is taken as due the instant it "
                           "arose (nothing is late before it exists)"),
    "capped": (lambda a, w: f"累计不超过 {w['cap']}" + (f"（{period_label_zh(a['period'])}）" if a.get("period") else "")
               + f"：此前各项已计 {w['before']}，本项 {w['amount']} 只计 {w['allowed']}",
               lambda a, w: f"total at most {w['cap']}" + (f" in {a['period']}" if a.get("period") else "")
               + f": the rows before came to {w['before']}; of this one's {w['amount']} only {w['allowed']} counts"),
    "capped_unknown": (lambda a, w: f"累计不超过 {w['cap']}" + (f"（{period_label_zh(a['period'])}）" if a.get("period") else "")
                       + f"：此前各项已计 {w['before']}，本项至少 {w['least']}，无论确切金额多少都已达上限，只计 {w['allowed']}",
                       lambda a, w: f"total at most {w['cap']}" + (f" in {a['period']}" if a.get("period") else "")
                       + f": the rows before came to {w['before']}; this one, at least {w['least']}, reaches the cap "
                         f"whatever it comes to: only {w['allowed']} counts"),
    "cap_share_unknown": (lambda a, w: f"累计不超过 {w['cap']}" + (f"（{period_label_zh(a['period'])}）" if a.get("period") else "")
                          + (f"：此前各项中有金额无法确定的（至少已计 {w['least_before']}）" if a.get("unknown_before")
                             else f"：此前各项已计 {w['least_before']}，本项金额无法确定")
                          + (f"，本项在上限内可计 {w['share_least']} 至 {w['share_most']}，具体多少无法确定；之后各项同样待定"
                             if "share_least" in a else "，本项在上限内可计多少无法确定；之后各项同样待定"),
                          lambda a, w: f"total at most {w['cap']}" + (f" in {a['period']}" if a.get("period") else "")
                          + (f": a row before this one is not known (they came to at least {w['least_before']})"
                             if a.get("unknown_before") else f": the rows before came to {w['least_before']} and this "
                                                             f"one is not known")
                          + (f"; this row takes {w['share_least']} to {w['share_most']} of the cap, how much cannot be "
                             "told, nor, after it, the rows after it" if "share_least" in a else
                             "; how much of the cap this row takes cannot be told, nor, after it, the rows after it")),
    "extended_for": ("顺延：{fact}，期限顺延 {length}（自期间本身的最后一日起算，见下），由 {due_before} 改为 {due}",
                     "extended: {fact}; the deadline moves on by {length} (counted from the period's own last day, "
                     "below), from {due_before} to {due}"),
    "extended": ("延期：{fact}，期限由 {due_before} 改为 {due}", "extended: {fact}; the deadline moves from {due_before} "
                 "to {due}"),
    "amount_unknown": ("金额无法计算：{text} 所读取的值尚不知道（如对尚无任何事实的集合求平均值），金额暂缺",
                       "the amount cannot be computed: a value {text} reads is not known yet (a mean over no facts, "
                       "say), so it is left empty"),
    "amount_hour_unknown": (lambda a, w: f"金额 {w['text']} 读取 {w['facts']} 的时刻，而该事实只知其日（{w['day']}），不知具体"
                                         f"时刻：该日之内时刻不同，{_hour_outcomes(a, w, True)}，无法确定——请补记具体时刻",
                            lambda a, w: f"the amount {w['text']} reads the time of {w['facts']}, known by its day alone "
                                         f"({w['day']}): at another hour of that day it is another amount, "
                                         f"{_hour_outcomes(a, w, False)}, so it cannot be told — record the time of day"),
    "floored_row": ("每笔不低于 {floor}：本笔计得 {amount}，不足 {floor}，按 {floor} 计",
                    "each at least {floor}: this row came to {amount}, less than {floor}, so it is {floor}"),
    "capped_row": ("每笔不超过 {cap}：本笔计得 {amount}，以 {cap} 为限",
                   "each at most {cap}: this row came to {amount}, limited to {cap}"),
    "suspended_by": ("中止：{fact} 起期限暂停计算（原期限 {due}）",
                     "suspended: from {fact} the deadline stops running (it was {due})"),
    "suspended_from_start": ("中止：产生时 {fact} 的中止事由尚未消除，期限自产生之时起暂停计算（原期限 {due}）",
                             "suspended from the start: {fact} had not ended when the duty arose, so the deadline "
                             "stops running from then (it was {due})"),
    "suspended_also": ("中止期间又有 {fact}：期限自 {since} 起继续暂停，至各项中止事由均消除之时",
                       "while suspended, {fact} as well: the deadline stays stopped from {since} until every cause "
                       "of the pause has ended"),
    "still_suspended": ("{fact}：此项中止事由消除，但其他中止事由仍在，期限自 {since} 起继续暂停",
                        "{fact}: this cause of the pause has ended, but another goes on; the deadline stays "
                        "stopped from {since}"),
    "resumed": (lambda a, w: f"恢复：{w['fact']}" + ("（只记载日期，该日计入中止）" if a.get("day_alone") else "")
                + f"，中止 {w['paused']}" + (
                    "，按日计算（中止开始之日计入，恢复之日不计入）" if a.get("by_day") else "")
                + (f"，其间 {a['days']} 个工作日，期限顺延 {a['days']} 个工作日" if a.get("days") and a.get("working")
                   else f"，期限顺延 {a['days']} 日" if a.get("days") else "，期限不顺延" if a.get("by_day")
                   or a.get("working")
                   else "，期限相应顺延") + f"：由 {w['due_before']} 改为 {w['due']}",
                lambda a, w: f"resumed: {w['fact']}" + (" (known by its date alone: that day counts as paused)"
                                                         if a.get("day_alone") else "")
                + f", after {w['paused']} suspended" + (
                    ", counted by day (the day it began counted, the day it ended not)" if a.get("by_day") else "") + (
                    f"; {a['days']} working day{'s' if a['days'] != 1 else ''} in it, the deadline moves on by as many"
                    if a.get("days") and a.get("working")
                    else f"; the deadline moves on by {a['days']} day{'s' if a['days'] != 1 else ''}" if a.get("days")
                    else "; the deadline does not move" if a.get("by_day") or a.get("working")
                    else "; the deadline moves on by as long") + f": from {w['due_before']} to {w['due']}"),
    "period_cut": (lambda a, w: f"期间 {period_label_zh(a['label'])} 在 {w['end']} 截止（周期性义务的终点此时方才确定）；"
                                "期限以期间的终点计算的，随之重新计算",
                   lambda a, w: f"the period {a['label']} ends at {_en(a['end'], False)} (the recurrence's end became "
                                f"known only then); a deadline counted from the period's end is counted again"),
    "period_accelerated": (lambda a, w: f"{clause_words(a['clause'], 'zh')}：期间 {period_label_zh(a['label'])}（{w['start']} 至 {w['end']}）"
                                        f"尚未开始；因 {w['fact']}，以后各期一并提前到期，本期义务于此时产生",
                           lambda a, w: f"{a['clause']}: the period {a['label']} ({_en(a['start'], False)} to "
                                        f"{_en(a['end'], False)}) had not begun; {w['fact']} brought the later periods "
                                        f"forward with the running one, and this period's duty arose then"),
    "period_began": (lambda a, w: f"{clause_words(a['clause'], 'zh')}：期间 {period_label_zh(a['label'])} 开始（{w['start']} 至 {w['end']}）",
                     lambda a, w: f"{a['clause']}: the period {a['label']} began ({_en(a['start'], False)} to "
                                  f"{_en(a['end'], False)})"),
    "due_by": (lambda a, w: f"期限：{w['text']}{_by_terms(a, 'zh')}{_by_moved(a, w, 'zh')}，即 {w['due']}"
               + ("（该日24时届满，此后即为逾期）" if a.get("day_end") else "（含该时刻，民法典第1259条）"),
               lambda a, w: f"deadline: {w['text']}{_by_terms(a, 'en')}{_by_moved(a, w, 'en')}, that is {w['due']}"
               + (" (the day ends at 24:00; late from then on)" if a.get("day_end") else
                  " (that instant is still in time, 民法典第1259条)")),
    "due_by_unknown": ("待定：期限 {text} 尚不可知", "undetermined: the deadline {text} is not known yet"),
    "length_zero": ("待定：期限 {text} 为零——长度为零的期限不是期间（规则写明的零期间不予通过）：请核对事实所给的数目",
                    "undetermined: the length {text} is nought — no period (one written so is refused): check the "
                    "number the fact gives"),
    "due_start_unknown": ("待定：期限的起算点 {text} 尚不可知（“期限 … 自 …”在义务产生时计算；须等待其后事实的，写 "
                          "“最迟于 届满 … 自 …”）", "undetermined: the start {text} of the deadline is not known "
                          "(`within … after` is counted when the duty arises; for one a later fact gives, write "
                          "`due by end of … after …`)"),
    "due_by_known": ("义务产生时期限 {text} 所读取的值尚不知道，至 {at} 方可确定；期限自义务产生时起算，已经过去的，自该期限起逾期",
                     "when the duty arose, the deadline {text} read a value not yet known; known at {at}, it counts "
                     "from the duty's trigger, and if it has already passed the duty was late from then"),
    "counted_once": (lambda a, w: f"每日只计一次：其中 {a['overlap']} 日已由 {w['rows']} 计算，不重复计；本项实计 {a['days']} 日 × "
                                  f"每日 {w['per_day']} = {w['total']}{_rounded_once(a, True)}",
                     lambda a, w: f"each day counted once: {a['overlap']} of these days already counted by {w['rows']}; "
                                  f"{a['days']} day{'s' if a['days'] != 1 else ''} counted here × {w['per_day']} a day "
                                  f"= {w['total']}{_rounded_once(a, False)}"),
    "accrued_to_lapse": (lambda a, w: f"累计：自 {w['since']} 起至本项消灭之日 {w['end']}（于 {w['lapsed']} 消灭，此后不再计算），"
                                      f"共 {w['days']} 日 × 每日 {w['per_day']}{_total(a, w)}",
                         lambda a, w: f"{a['days']} day{'s' if a['days'] != 1 else ''} from {_en(a['since'], False)} to "
                                      f"{a['end']['date']}, the day it lapsed ({a['lapsed']['at']}), × {w['per_day']} a "
                                      f"day{_total(a, w, False)} (it does not run on after its lapse)"),
    "accrued_to_part_end": (lambda a, w: f"累计：自 {w['since']} 起至本项终止之日 {w['end']}（{w['ground']} 于 {w['ended']} 终止本项，此后"
                                         f"不再计算），共 {w['days']} 日 × 每日 {w['per_day']}{_total(a, w)}",
                            lambda a, w: f"{a['days']} day{'s' if a['days'] != 1 else ''} from {_en(a['since'], False)} to "
                                         f"{a['end']['date']}, the day {w['ground']} ended this part ({a['ended']['at']}), "
                                         f"× {w['per_day']} a day{_total(a, w, False)} (it does not run on after it)"),
    "accrued_to_end": (lambda a, w: f"累计：自 {w['since']} 起至合同终止之日 {w['end']}（合同于 {w['ended']} 终止，本项不在终止后"
                                    f"继续计算），共 {w['days']} 日 × 每日 {w['per_day']}{_total(a, w)}",
                       lambda a, w: f"{a['days']} day{'s' if a['days'] != 1 else ''} from {_en(a['since'], False)} to "
                                    f"{a['end']['date']}, the day the contract ended ({a['ended']['at']}), × "
                                    f"{w['per_day']} a day{_total(a, w, False)} (it does not run on after the end)"),
    "remedy_doubt": ("待定：是否产生取决于尚待确定的 {doubts}",
                     lambda a, w: f"undetermined: whether it arose depends on {w['doubts']}, undetermined"),
    "lapsed_in_part": ("失效：本项已于 {at} 终止（{ground}），合同的其他部分继续有效",
                       lambda a, w: f"lapsed: this part of the contract ended at {a['at']['at']} ({w['ground']}); the "
                                    f"rest stays in force"),
    "lapsed": ("失效：合同已于 {at} 终止（{ground}）", lambda a, w: f"lapsed: the contract ended at {a['at']['at']} "
                                                               f"({w['ground']})"),
    "amount_gone_with_power": (lambda a, w: f"金额：{_either(a, w, 'amount', '至')} 随解除权而生，解除权已于 {w['at']} 未经行使而消灭，"
                                            f"该金额随之不再有（{'¥0.00' if '¥' in _either(a, w, 'amount', '至') else '0'}）",
                               lambda a, w: f"amount: {_either(a, w, 'amount', 'to')} came with the power to terminate, which "
                                            f"lapsed unused at {_en(a['at'])}; the amount went with it (nothing owed)"),
    "recomputed_amount": (lambda a, w: f"随其后的事实重新计算（逐日计算）：产生之时为 {_either(a, w, 'first', '至')}，"
                                       f"至 {w['at']} 为 {_either(a, w, 'amount', '至')}",
                          lambda a, w: f"computed anew as the facts came (recomputed daily): {_either(a, w, 'first', 'to')} "
                                       f"when it arose, {_either(a, w, 'amount', 'to')} from {_en(a['at'])}"),
    "caveat": ("{clause}：须注意：{text}", "{clause}: caveat, to be weighed: {text}"),
    # (the fact's words carry its instant: 由 2025年8月25日10时 解除合同（…）（t） 行使)
    "power_exercised": (lambda a, w: f"已行使：由 {w['fact']} 行使" if a.get("fact") else f"已行使：于 {w['at']} 行使",
                        lambda a, w: f"exercised by {w['fact']}" if a.get("fact") else f"exercised at {_en(a['at'])}"),
    "alternative_taken": ("失效：权利人已于 {at} 行使与之择一的 {power}（只能择一主张）",
                          lambda a, w: f"lapsed: its holder exercised {w['power']}, an alternative to it, at "
                                       f"{_en(a['at'])} (one of them only)"),
    "deemed_case": ("{clause}：{text}", "{clause}: {text}"),
    "deemed_at": ("视为于 {at} 发生", lambda a, w: f"deemed at {_en(a['at'])}"),
    "deemed_on_day": ("视为于 {day} 发生（只记载了日期，时刻不明）", "deemed on {day} (its day alone, the hour unknown)"),
    "deemed_on_day_not_before": ("视为于 {day} 发生（只记载了日期，时刻不明；不早于 {not_before}）",
                                 "deemed on {day} (its day alone, the hour unknown; not before {not_before})"),
    "deemed_on_named_day": ("视为于 {day} 发生（合同只定了日，未定时刻）", "deemed on {day} (the contract names the day, not the hour)"),
    "no_case": ("{name} 的各情形均不适用于 {fact}", "no case of {name} applies to {fact}"),
    "unless_expired": (lambda a, w: f"{w['period']}内未发生 " + (  # (what did not happen, by its name; the rule beside it)
                                    f"{a['type'].get('label') or a['type']['name']}（{w['text']}）"
                                    if isinstance(a.get("type"), dict) and not isinstance(a.get("text"), dict)
                                    else w["text"])  # (a pattern in words names its kind itself)
                                    + ("（约定期间，不顺延）" if a.get("term") else "")
                                    + (f"（期间长度为假定 {a['assumption']}：{a.get('reason') or ''}）"
                                       if a.get("assumption") else "") + f"：期间于 {w['due']} 届满",
                       lambda a, w: f"no {w['text']} within {w['period']}"
                                    + (" (a term, not extended)" if a.get("term") else "")
                                    + (f" (the period is assumption {a['assumption']} ({a.get('reason') or ''}))"
                                       if a.get("assumption") else "")
                                    + f": the period ended at {_en(a['due'])}"),
    # the contract's life
    "exercises": ("行使 {power}（{clause}，自 {since} 起享有）",
                  lambda a, w: f"exercises {w['power']} ({a['clause']}, held since {a['since']['at']})"),
    "due_by_recounted_at_end": ("期限所读取的合同终止之时已知（{end}）：期限据此重新计算，以上为重新计算的结果",
                                lambda a, w: f"the deadline reads the contract's end, now known ({_en(a['end'])}): "
                                             f"counted again, as above"),
    "contract_ends": ("合同于 {at} 终止", lambda a, w: f"the contract ends at {_en(a['at'])}"),
    "ends_in_part": (lambda a, w: f"{_part_words(a, w, 'zh')} 于 {w['at']} 终止；合同的其他部分继续有效",
                     lambda a, w: f"{_part_words(a, w, 'en')} end at {_en(a['at'])}; the rest of the contract stays in force"),
    "ends_only_where": ("{name}中满足“{condition}”的各项", "{name} as to the rows where {condition}"),
    "contract_ends_later": (lambda a, w: f"{w['decided']} 作出的解除，合同于其所定的 {w['at']} 终止"
                                         + (f"（{a['text']}）" if a.get("text") else "") + "；在此之前合同继续有效",
                            lambda a, w: f"decided at {_en(a['decided'])}, the termination ends the contract at "
                                         f"{_en(a['at'])}" + (f" ({a['text']})" if a.get("text") else "")
                                         + "; until then the contract continues"),
    "no_power": (lambda a, w: f"{w['clause']} {w['name']}：于 {w['at']}，"  # (the instant has its 时: user round 24)
                              + (f"{a['holder']}" if a.get("holder") else "") + f"不享有 {w['power']}",
                 lambda a, w: f"{a['clause']} {w['name']}: no {w['power']} held"
                              + (f" by {a['holder']}" if a.get("holder") else "") + f" at {a['at']['at']}"),
    "notice_at": ("{name}：{fact}", lambda a, w: f"{w['name']}: {w['fact']}"),
    "rule_at": ("{name}（{span}）", "{name} at {span}"),
    "first_needed_by": ("最先需要该日历的是 {name}（{span}）", "first needed by {name} at {span}"),
    "add_calendar_file": ("请为该年增加日历文件（见 calendars/README.md），并在合同头部声明：calendar file \"calendars/{year}.toml\"",
                          "add a calendar file for that year (calendars/README.md) and name it in the contract "
                          "header: calendar file \"calendars/{year}.toml\""),
    # an obligation not (yet) triggered
    "not_triggered": ("{clause}：截至 {as_of} 尚未触发",
                      lambda a, w: f"{a['clause']}: not triggered by {a['as_of']['at']}"),
    "waits_for": ("- 等待：{text}", "- waits for: {text}"),
    "condition_state": (_state_zh, _state_en),
    "awaited_conditions": (lambda a, w: f"此时 {w['name']}（{clause_words(a['clause'], 'zh')}）尚未产生，其各项条件："
                           if a.get("clause") else f"此时 {w['name']} 尚未产生，其各项条件：",
                           lambda a, w: f"{w['name']} ({a['clause']}) had not arisen then; its conditions:"
                           if a.get("clause") else f"{w['name']} had not arisen then; its conditions:"),
    "not_in_force": ("- 合同尚未生效", "- the contract is not in force"),
    "ended_before_triggered": (lambda a, w: f"- 合同已于 {w['at']} 终止" + (f"（{w['by']}）" if a.get("by") else "")
                               + "：终止后不再产生新的义务（民法典第566条），此后成立的条件、发生的事实都不触发本项",
                               lambda a, w: f"- the contract ended at {_en(a['at'], False)}"
                               + (f" ({w['by']})" if a.get("by") else "")
                               + ": no new duty arises after the end (民法典第566条), whatever held or happened after "
                                 "it"),
    "matched_before_effect": ("- {facts} 于 {at} 相符，但早于合同生效（{effective}）：合同生效前不产生本项义务（民法典第502条）",
                              lambda a, w: f"- {w['facts']} matched at {_en(a['at'], False)}, before the contract took "
                                           f"effect ({_en(a['effective'], False)}): no duty arises before it binds "
                                           f"(民法典第502条)"),
}

# the phrases that are templates of plain fields, as their pieces: (code, lang) -> ((literal, field), …)
_TEMPLATES_ZH, _TEMPLATES_EN = ({code: t for code, pair in PHRASES.items()
                                 if (t := _template(pair[i], lang)) is not None} for i, lang in ((0, "zh"), (1, "en")))

# each code's renderer, made once: (lang) -> code -> a function of a step's encoded arguments
_RENDER_ZH, _RENDER_EN = (MappingProxyType({code: renderer(code, lang) for code in PHRASES}) for lang in ("zh", "en"))
_NO_RENDERERS: Mapping = MappingProxyType({})

# The messages of the evaluator's own findings (a rule file's `otherwise` findings carry their own).
FINDINGS: Mapping[str, tuple] = {
    "negative_amount": ("{name}（{trigger}）的金额算得 {amount}，小于零：请核对条款的计算方式和事实",
                        "{name} ({trigger}): its amount comes to {amount}, below zero — check the clause's "
                        "computation and the facts"),
    "due_before_trigger": ("{name}（{trigger}）：期限 {due} 早于义务产生之时 {at}，按产生之时即届期处理；请核对条款的期限写法",
                           "{name} ({trigger}): the deadline {due} is before the duty arose at {at}; it is taken as "
                           "due the instant it arose — check how the clause's deadline is written"),
    "already_terminated": (lambda a, w: f"{w['fact']}：合同已于 {w['ended']}{_hour_unknown_zh(a['ended'])} 终止（{w['ground']}）；"
                                        f"合同只能终止一次",
                           lambda a, w: f"{w['fact']}: the contract had already ended at {a['ended']['at']} "
                                        f"({w['ground']}); a contract is terminated once"),
    "terminated_together": ("{fact}：同一时刻另一方也解除了合同（{ended_by}）；两项解除权均已行使，合同于 {ended} 终止",
                            lambda a, w: f"{w['fact']}: at the same instant the other party also ended the contract "
                                         f"({w['ended_by']}); both powers are exercised, the contract ended at "
                                         f"{a['ended']['at']}"),
    "accelerated_periods_limited": ("{fact} 使 {name} 的以后各期一并提前到期，但一次最多提前 {limit} 期：自 {from} 起的各期仍按原定期限开始"
                                    "和届满（如确应全部提前，请分段记录宣布或联系维护者）",
                                    "{fact} brought the later periods of {name} forward, but at most {limit} at once: "
                                    "those from {from} on begin and fall due as they would have"),
    "terminated_in_part": (lambda a, w: f"{_notice_zh(a)}：依 {w['ground']} 终止合同的一部分——{_part_words(a, w, 'zh')} 于 "
                                        f"{w['at']} 终止，合同的其他部分继续有效",
                           lambda a, w: f"{_notice_en(a)}: part of the contract is terminated on {w['ground']} — "
                                        f"{_part_words(a, w, 'en')} end at {_en(a['at'])}; the rest of the contract stays in "
                                        f"force"),
    "termination_deferred": (lambda a, w: f"{_notice_zh(a)}：依 {w['ground']} 解除合同，合同于 {w['at']} 终止，在此之前继续有效",
                             lambda a, w: f"{_notice_en(a)}: the contract is terminated on {w['ground']} and ends at "
                                          f"{_en(a['at'])}; until then it continues"),
    "termination_deferred_overtaken": (lambda a, w: f"{_notice_zh(a)}：依 {w['ground']} 所作的解除原定合同于 {w['at']} 终止；"
                                                    f"合同已于 {w['ended']} 因 {w['ended_by']} 先行终止",
                                       lambda a, w: f"{_notice_en(a)}: the termination on {w['ground']} was to end the "
                                                    f"contract at {_en(a['at'])}; it ended first, at "
                                                    f"{_en(a['ended'])}, on {w['ended_by']}"),
    "termination_time_unknown": ("{fact}：{ground} 所定的合同终止时间无法确定（其所读取的值尚不知道）；本报告按合同继续有效处理",
                                 lambda a, w: f"{w['fact']}: when {w['ground']} ends the contract cannot be told (a value "
                                              f"it reads is not known); the report goes on as if it continues"),
    # (the notice named by its label and the fact it is — 视为送达（源自 tm）, not the engine's `notice_delivered:tm` —, at
    # the instant it took effect: a notice deemed delivered days after it was sent is decided on arrival, 第565条)
    "termination_without_right": (lambda a, w: f"{_notice_zh(a)}：{_at_zh(a, w)}合同没有任何已成立的解除事由支持这一解除通知"
                                               f"（通知方当时并不持有所依据的解除权：{_power_state_zh(a, w)}）；合同继续有效（民法典第562–565条）",
                                   lambda a, w: f"{_notice_en(a)}: when it took effect{_at_en(a)}, no ground of the contract "
                                                f"that had arisen supported this notice of termination (the power it "
                                                f"relies on {_power_state_en(a)}); the contract continues "
                                                f"(民法典第562–565条)"),
    "window_unknown": ("{name}（{trigger}）：“除非 … 期限 …”的期间长度取决于事实没有给出的值，无法计算：是否产生无法判断",
                       "{name} ({trigger}): the length of its `unless … within` window rests on a value the facts do "
                       "not give; whether it arises cannot be told"),
    "termination_ground_hour_unknown": (
        lambda a, w: f"{_notice_zh(a)}：所行使的 {w['power']} 源自只记载日期的事实 {w['ground']}（{w['day']}，时刻不明），通知在同日"
                     f"有具体时刻：该事由若发生在通知之后，通知并无此项解除权可依（可能另有依据或后果）；本报告按通知时已享有"
                     f"该解除权处理，请补记该事由的具体时刻",
        lambda a, w: f"{_notice_en(a)}: the power it uses, {w['power']}, arose from {w['ground']}, known by its day "
                     f"alone ({w['day']}), while the notice has its hour that day: had the ground come after the "
                     f"notice, the notice would rest on no such power (another ground or consequence may apply); the "
                     f"report takes the power as held — record the ground's hour"),
    "facts_all_after_as_of": ("所给的 {count} 项事实均晚于报告时刻 {as_of}，本报告均未计入；最早一项为 {first}。请核对报告时刻（--as-of）",
                              "all {count} facts given are later than the report's instant {as_of}, so this report "
                              "counts none of them; the first is {first}. Check the report's instant (--as-of)"),
    "day_alone_at_as_of": ("{fact} 只知其日（{day}，时刻不明），而报告时刻 {as_of} 在该日之内：它可能发生在报告时刻之后，"
                           "本报告未计入（晚于报告时刻的事实不计）；请补记其具体时刻，或以该日24时以后为报告时刻",
                           "{fact} is known by its day alone ({day}, its hour unknown), and the report's instant "
                           "{as_of} falls within that day: it may have come after it, so this report does not count "
                           "it (nothing later than the report's instant is seen); record its time, or ask as of that "
                           "day's 24:00 or later"),
    "termination_ground_order_unknown": (
        lambda a, w: f"{_notice_zh(a)}：该解除通知只知其日（{w['day']}）、不知时刻，同日有 {w['later']}；无论通知在其前还是其后，"
                     f"合同都于该日解除——在其前，依 {w['first']}；在其后，依 {w['then']}。依何种事由解除、后果如何无法判断："
                     f"本报告按通知在先处理，两种顺序结论不同的各项列为待定，请补记通知的具体时刻",
        lambda a, w: f"{_notice_en(a)}: this notice of termination is known by its day alone ({w['day']}), and "
                     f"{w['later']} came that day; before them or after, it ended the contract that day — before, on "
                     f"{w['first']}; after, on {w['then']}. On which ground, and with what consequences, cannot be "
                     f"told: the report takes the notice as first and holds undetermined what the two orders decide "
                     f"differently; record the notice's time"),
    "termination_order_unknown": (
        lambda a, w: f"{_notice_zh(a)}：合同已于 {w['day']} 由 {w['ended_by']} 终止，该解除只知其日、不知时刻；本通知于同日"
                     f"稍后到达，依 {w['ground']} 本可解除合同——两者孰先无法判断，合同依何种事由终止、后果如何，结论不同；"
                     f"本报告按 {w['ended_by']} 在先处理，请补记其具体时刻",
        lambda a, w: f"{_notice_en(a)}: the contract ended on {w['day']} by {w['ended_by']}, known by its day alone; "
                     f"this notice came later that day on {w['ground']}, which could have ended it — which came first, "
                     f"and so how the contract ended and with what consequences, cannot be told; the report takes "
                     f"{w['ended_by']} as first — record its time"),
    "termination_hour_unknown": ("{fact}：该解除通知只知其日、不知时刻，同日稍后有 {later}；通知在其前还是其后，合同是否解除、依何种事由解除，"
                                 "结论不同，无法判断——本报告按合同继续有效处理，请补记通知的具体时刻",
                                 "{fact}: this notice of termination is known by its day alone, and {later} came later "
                                 "that day; whether it came before or after them decides whether, and on what ground, "
                                 "the contract ended — which cannot be told: the report goes on as if it continues; "
                                 "record the notice's time"),
    "termination_undetermined": (lambda a, w: f"{_notice_zh(a)}：该通知是否解除了合同，取决于尚待确定的 {w['doubts']}；"
                                              f"本报告按合同继续有效处理",
                                 lambda a, w: f"{_notice_en(a)}: whether this notice ended the contract depends on "
                                              f"{w['doubts']}, undetermined; the report goes on as if it "
                                              f"continues"),
    "termination_before_effective": (lambda a, w: f"{_notice_zh(a)}：合同生效前的解除通知不发生效力",
                                     lambda a, w: f"{_notice_en(a)}: a notice of termination before the contract was "
                                                  f"in force has no effect"),
    "contract_not_in_force": (lambda a, w: f"截至 {w['as_of']}，使合同生效的条件{_rule_named(a)}尚未成就，合同的任何义务"
                                           f"或权利均未产生（民法典第502条）",
                              lambda a, w: f"the contract is not in force as of {a['as_of']['at']}: what puts it in "
                                           f"force ({w['name']}) has not happened, so no duty or right of it has "
                                           f"arisen (民法典第502条)"),
    "contract_never_in_force": (lambda a, w: f"使合同生效的条件{_rule_named(a)}于 {w['at']} 确定不能成就，合同不生效，"
                                             f"其任何义务或权利均不产生（民法典第158条）",
                                lambda a, w: f"what puts the contract in force ({w['name']}) can no longer happen, "
                                             f"from {a['at']['at']}: the contract never takes effect, and no duty or "
                                             f"right of it arises (民法典第158条)"),
    "calendar_year_unknown": ("没有 {year} 年的日历：需要该年工作日与节假日的结论为待定",
                              "no calendar knows {year}: verdicts that need its working days and holidays are "
                              "undetermined"),
    "ref_to_later_fact": ("{fact} 所指向的 {ref} 发生在其后：一项事实只能指向此前发生的事实，请核对编号或时间；"
                          "依据这一关联的结论可能不成立",
                          "{fact}: its {name} names {ref}, which happened after it — a fact can refer only to one "
                          "before it; check the id or the time (what rests on this reference may not hold)"),
    "out_of_range": ("适用本条时日期或金额超出可计算的范围：{error}",
                     "a date or amount went out of range while applying this rule: {error}"),
}


def finding_message(code: str, args: dict, lang: str) -> str | None:
    pair = FINDINGS.get(code)
    if pair is None:
        return None
    phrase = pair[0] if lang == "zh" else pair[1]
    words_ = {k: arg(v, lang) for k, v in args.items()}
    return phrase(args, words_) if callable(phrase) else phrase.format(**words_)

