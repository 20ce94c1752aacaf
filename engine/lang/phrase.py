"""A checked expression as a phrase: what a condition, an amount or a moment of the rule file says,
as data the report words in Chinese or English (engine/report/phrase.py).

A reason in a report quotes the conditions a verdict rests on.  Quoted as the rule file writes
them (``exists(guarantee_submitted g where g.purpose == "prepayment" and g.amount >= installment_3)``)
they are code and English where legal staff read; as a phrase they carry the rule file's own labels
(提交银行保函, 用途, 预付款保函, 第三期款) and each operator's meaning, and read
"存在提交银行保函，其用途为预付款保函，且保函金额不低于第三期款".

``Phrase`` is the text as written (a ``str``: wherever the source text was used it still is), with
``tree``: nested tuples ``(code, …)``, made once per rule file when it is compiled.  No words here:
the codes and the labels only (the report's renderers word them, in either language).  A node this
module does not know is kept as its source text, ``("src", text)``: never a wrong phrase.
"""
from __future__ import annotations

from . import model as m
from .checker import BUILTINS, BUILTIN_NAMES, LIFECYCLE, Checker


class Phrase(str):
    """A piece of the rule file as written, with its phrase (``tree``) for the report's words."""

    tree: tuple

    def __new__(cls, text: str, tree: tuple):
        out = super().__new__(cls, text)
        out.tree = tree
        return out

    def __reduce__(self):  # (pickled as itself: a plain str subclass would lose ``tree``)
        return (Phrase, (str(self), self.tree))


# what the engine's own attributes of an event are called (a fact's time, a duty's stages, a period's days)
ENGINE_ATTRS = {
    "at": "time", "day": "day", "due": "due", "triggered_at": "triggered_at", "fulfilled_at": "fulfilled_at",
    "trigger": "trigger", "debtor": "debtor", "creditor": "creditor", "by": "by", "start": "start", "end": "end",
    "last_day": "last_day", "first_day": "first_day", "id": "id", "label": "label", "source": "source",
    "source_at": "source_at",
}
_TIME_KINDS = ("date", "datetime", "instant", "moment")
_FLIPPED = {"==": "==", "!=": "!=", "<": ">", ">": "<", "<=": ">=", ">=": "<="}


class Phraser:
    """Phrases of one checked rule file's expressions (its labels looked up once)."""

    def __init__(self, checked):
        self._named: set = set()  # aliases of joins of two facts of one kind: said with their names
        self.checked = checked
        self.types = checked.event_types
        self.expr_types = checked.expr_types

    # ------------------------------------------------------------------ entry
    def phrase(self, e, text: str, scope: dict | None = None, own: frozenset = frozenset()) -> Phrase:
        """``e`` (an expression or a pattern) as written (``text``) with its phrase; ``scope``: the
        aliases already bound where it is read (alias → fact type; None: a recurring period); ``own``:
        the alias of the pattern ``e`` is part of (its attributes need no owner: 用途为…)."""
        self._named = set()  # (per phrase: a name told apart in one join is not in another rule)
        try:
            tree = self.pattern(e, dict(scope or {})) if isinstance(e, m.Pattern) else \
                self.truth(e, dict(scope or {}), own)
        except Exception:  # (a shape not foreseen: the text as written, never a traceback in a report)
            tree = ("src", text)
        return Phrase(text, tree)

    # ------------------------------------------------------------------ names
    def type_label(self, name: str) -> tuple:
        """A fact type, a deemed event, or a duty's stage: ("type", name, label, stage)."""
        et = self.types.get(name)
        if "." in name and (et is None or et.decl is None):
            base, _, stage = name.partition(".")
            ob = self.checked.obligations.get(base)
            return ("type", base, ob.label if ob is not None else None, stage)
        label = None
        if et is not None:
            label = et.decl.label if et.decl is not None else et.label
        for group in (self.checked.obligations, self.checked.remedies, self.checked.deemed):
            if label is None and name in group:
                label = getattr(group[name], "label", None)
        return ("type", name, label, None)

    def source(self, s: m.Source) -> tuple:
        name = Checker.source_type_name(s)
        t = self.type_label(s.type_name)
        out = ("type", t[1], t[2], LIFECYCLE.get(s.lifecycle, s.lifecycle)) if s.lifecycle else self.type_label(name)
        return ("type", out[1], f"{out[2] or out[1]}（{s.alias}）", out[3]) if s.alias in self._named else out

    def attr_decl(self, type_name: str | None, attr: str):
        """The declaration of a fact type's attribute; of a deemed event's (it carries its source fact's), the
        one declaration of that name among the fact types, where there is one."""
        et = self.types.get(type_name) if type_name else None
        if et is not None and et.decl is not None:
            return next((a for a in et.decl.attrs if a.name == attr), None)
        if et is not None and attr in et.attrs and attr not in ENGINE_ATTRS:
            deemed = self.checked.deemed.get(et.derived_from or "")
            for t in (deemed.triggers if deemed is not None else ()):  # (the fact it is deemed from: its attributes)
                for src in (t.pattern.sources if isinstance(t, m.ForEach) else ()):
                    decl = self.attr_decl(src.type_name, attr) if src.type_name != type_name else None
                    if decl is not None:
                        return decl
            found = {id(a): a for t in self.types.values() if t.decl is not None for a in t.decl.attrs
                     if a.name == attr}
            labels = {a.label for a in found.values()}
            return next(iter(found.values())) if len(labels) == 1 else None
        return None

    def binding(self, type_name: str | None, attr: str) -> tuple | None:
        """A duty's stage carries the duty's bindings (`o.p`: the period of a monthly duty): what it is — and so does an
        event deemed from a stage (`for each review.violated o` deems d: `d.a`, the application the duty was about)."""
        if not type_name:
            return None
        if "." not in type_name:
            deemed = self.checked.deemed.get(type_name)
            for t in (deemed.triggers if deemed is not None else ()):
                for src in (t.pattern.sources if isinstance(t, m.ForEach) else ()):
                    stage = Checker.source_type_name(src)
                    got = self.binding(stage, attr) if stage != type_name and "." in stage else None
                    if got is not None:
                        return got
            return None
        ob = self.checked.obligations.get(type_name.partition(".")[0])
        for t in (ob.triggers if ob is not None else ()):
            if isinstance(t, m.Every) and t.alias == attr:
                return ("name", "every_of", attr, None)
            if isinstance(t, m.ForEach):
                for s in t.pattern.sources:
                    if s.alias == attr:
                        return self.type_label(s.type_name)
        return None

    # ------------------------------------------------------------------ patterns
    def pattern(self, p: m.Pattern, scope: dict) -> tuple:
        kinds = [s.type_name for s in p.sources]
        for s in p.sources:  # (two facts of one kind in a join: each said with its name — 付款（p）、付款（q）)
            if s.alias and kinds.count(s.type_name) > 1:
                self._named.add(s.alias)
        inner = dict(scope)
        for s in p.sources:
            if s.alias:
                inner[s.alias] = Checker.source_type_name(s)
        own = {s.alias for s in p.sources if s.alias} if len(p.sources) == 1 else set()
        where = self.truth(p.where, inner, own) if p.where is not None else None
        return ("pattern", tuple(self.source(s) for s in p.sources), where)

    # ------------------------------------------------------------------ expressions
    def node(self, e, scope: dict, own: set = frozenset()) -> tuple:
        n = lambda x: self.node(x, scope, own)  # noqa: E731
        if isinstance(e, m.Literal):
            return ("lit", e.kind, e.value, None)
        if isinstance(e, m.Name):
            return self.name(e.name, scope, own)
        if isinstance(e, m.Attribute):
            return self.attribute(e, scope, own)
        if isinstance(e, m.Compare):
            if isinstance(e.left, m.Literal) and not isinstance(e.right, m.Literal):  # ("rail" == d.mode: 运输方式为铁路)
                e = m.Compare(e.span, _FLIPPED[e.op], e.right, e.left)
            left, right = n(e.left), n(e.right)
            left, right = self.labelled(e.right, left, scope), self.labelled(e.left, right, scope)
            return ("cmp", e.op, left, right, "time" if self.is_time(e.left) or self.is_time(e.right) else None)
        if isinstance(e, m.BoolOp):
            return (e.op, tuple(self.truth(i, scope, own) for i in e.items))
        if isinstance(e, m.Not):
            said = self.truth(e.item, scope, own)
            return ("is", said[1], not said[2]) if said[0] == "is" else ("not", said)
        if isinstance(e, m.Consecutive):
            return ("consecutive", self.node(e.value, self.bound(e.pattern, scope), self.own(e.pattern)),
                    self.pattern(e.pattern, scope), str(getattr(e, "unit", "")))
        if isinstance(e, m.Mean):
            return ("mean", self.node(e.value, self.bound(e.pattern, scope), self.own(e.pattern)),
                    self.pattern(e.pattern, scope))
        if isinstance(e, m.Sum):
            return ("sum", self.node(e.value, self.bound(e.pattern, scope), self.own(e.pattern)),
                    self.pattern(e.pattern, scope))
        if isinstance(e, m.Exists):
            return ("exists", self.pattern(e.pattern, scope))
        if isinstance(e, m.Count):
            return ("count", self.pattern(e.pattern, scope))
        if isinstance(e, m.First):
            return ("first", self.pattern(e.pattern, scope))
        if isinstance(e, m.Passed):
            return ("passed", self.duration(e.duration, e.counting, scope, own), n(e.since))
        if isinstance(e, m.EndOf):
            return ("end_of", self.duration(e.duration, e.counting, scope, own), n(e.after))
        if isinstance(e, m.DayAfter):
            return ("day_after", e.day, n(e.after))
        if isinstance(e, m.DurationValue):
            return self.duration(e.duration, None, scope, own)
        if isinstance(e, m.ScaledDuration):
            return ("duration", n(e.value), str(getattr(e.unit, "value", e.unit)), None)
        if isinstance(e, m.Call):
            fn = BUILTINS.get(e.function, e.function)
            if fn in ("triggered", "open") and len(e.args) == 1 and isinstance(e.args[0], m.Name):
                return ("call", fn, (self.type_label(e.args[0].name),))
            return ("call", fn, tuple(n(a) for a in e.args))
        if isinstance(e, m.Arith):
            return ("arith", e.op, n(e.left), n(e.right))
        if isinstance(e, m.PercentOf):
            return ("percent_of", e.text, n(e.of))
        if isinstance(e, m.ShareOf):
            return ("share_of", n(e.rate), n(e.of))
        if isinstance(e, m.Conditional):
            return ("if", n(e.condition), n(e.then), n(e.otherwise))
        if isinstance(e, m.Index):
            table = self.checked.tables.get(e.obj.name) if isinstance(e.obj, m.Name) else None
            return ("row", table.label or table.name if table else None, n(e.key))
        raise ValueError(type(e).__name__)

    def bound(self, p: m.Pattern, scope: dict) -> dict:
        inner = dict(scope)
        for s in p.sources:
            if s.alias:
                inner[s.alias] = s.type_name
        return inner

    @staticmethod
    def own(p: m.Pattern) -> set:
        return {s.alias for s in p.sources if s.alias} if len(p.sources) == 1 else set()

    def duration(self, d: m.DurationExpr, counting, scope: dict, own: set) -> tuple:
        term = getattr(counting, "value", counting)
        if d.expr is not None:
            return ("duration", self.node(d.expr, scope, own), None, term)
        if d.ref is not None:
            p = self.checked.params.get(d.ref)
            return ("duration", ("name", "assumption" if p is not None and p.is_assumption else "param", d.ref,
                                 p.label if p is not None else None), None, term)
        return ("duration", d.amount, str(getattr(d.unit, "value", d.unit)), term)

    def name(self, name: str, scope: dict, own: set) -> tuple:
        c = self.checked
        if name in scope:
            if scope[name] is None:  # (`every month as m`: the period itself)
                return ("name", "every", name, None)
            if isinstance(scope[name], tuple):  # (bound to different kinds by two `for each` lines: not one of them)
                return ("name", "fact", name, None)
            t = self.type_label(scope[name])
            if name in self._named:  # (付款（p）: the name tells two of a kind apart)
                t = ("type", t[1], f"{t[2] or t[1]}（{name}）", t[3])
            return ("alias", name, t, name in own)
        if name in c.params:
            p = c.params[name]
            return ("name", "assumption" if p.is_assumption else "param", name, p.label)
        if name in c.periods:
            return ("name", "period", name, c.periods[name].label)
        if name in c.parties:
            return ("name", "party", name, None)  # (a party is named by its name: 甲方, 乙方)
        if name in c.tables:
            return ("name", "table", name, c.tables[name].label)
        if BUILTIN_NAMES.get(name) == "ended":
            return ("name", "ended", name, None)
        t = self.type_label(name)
        if t[2] is not None or name in c.event_types or name in c.obligations:
            return t
        return ("name", "other", name, None)

    def attribute(self, e: m.Attribute, scope: dict, own: set) -> tuple:
        owner = self.node(e.obj, scope, own)
        kind = self.kind_of(e.obj, scope)
        if isinstance(kind, tuple):  # (a row of a table: its column's label)
            column = next((c for c in kind[1].columns if c.name == e.name), None)
            return ("attr", owner, e.name, column.label if column is not None else None, None)
        decl = self.attr_decl(kind, e.name)
        if decl is not None:
            return ("attr", owner, e.name, decl.label, None)
        bound = self.binding(kind, e.name)
        if bound is None and isinstance(e.obj, m.Name) and isinstance(scope.get(e.obj.name), tuple):
            alike = {self.binding(k, e.name) for k in scope[e.obj.name]}  # (the same for every kind it may be)
            bound = alike.pop() if len(alike) == 1 else None
        if bound is not None:  # (`o.p`: the period, or the fact, of the duty o is a stage of)
            return ("attr", owner, e.name, bound[2] if bound[0] == "type" else None,
                    "period" if bound[0] == "name" else None)
        return ("attr", owner, e.name, None, ENGINE_ATTRS.get(e.name))

    def kind_of(self, e, scope: dict):
        """What an attribute is read of: a kind of fact (its name), a table's row (("row", table)), or None (of a name
        bound to several kinds: the one they lead to alike, or None)."""
        if isinstance(e, m.Name):
            kind = scope.get(e.name)
            return None if isinstance(kind, tuple) else kind
        if isinstance(e, m.Attribute) and isinstance(e.obj, m.Name) and isinstance(scope.get(e.obj.name), tuple):
            alike = {self.kind_of(m.Attribute(e.span, m.Name(e.obj.span, "_"), e.name), {"_": k})
                     for k in scope[e.obj.name]}
            return alike.pop() if len(alike) == 1 else None
        if isinstance(e, m.Index) and isinstance(e.obj, m.Name) and e.obj.name in self.checked.tables:
            return ("row", self.checked.tables[e.obj.name])
        if isinstance(e, m.First) and e.pattern.sources:
            s = e.pattern.sources[0]
            return Checker.source_type_name(s)
        if isinstance(e, m.Attribute):
            outer = self.kind_of(e.obj, scope)
            if isinstance(outer, str):
                bound = self.binding(outer, e.name)
                if bound is not None and bound[0] == "type":
                    return bound[1]
                decl = self.attr_decl(outer, e.name)
                if decl is not None and decl.type.kind == "ref" and len(decl.type.values or ()) == 1:
                    return decl.type.values[0]
        return None

    def truth(self, e, scope: dict, own: set) -> tuple:
        """A condition: a yes-or-no attribute standing alone reads 为是 (`h.passed`: 验收是否通过为是)."""
        said = self.node(e, scope, own)
        if isinstance(e, m.Attribute) and said[0] == "attr" and said[3] is not None \
                and self.expr_types.get(id(e)) == "bool":
            return ("is", said, True)
        return said

    def labelled(self, side, other: tuple, scope: dict) -> tuple:
        """A text value compared with an attribute of a closed list of values: the value's label
        (``g.purpose == "prepayment"`` — 用途为预付款保函)."""
        if other[0] != "lit" or other[1] != "text":
            return other
        if isinstance(side, m.Name) and side.name in self.checked.params and side.name not in scope:
            said = self.checked.params[side.name].choice_labels.get(other[2])  # (an assumption's reading)
            return ("lit", "text", other[2], said) if said else other
        if not isinstance(side, m.Attribute):
            return other
        kind = self.kind_of(side.obj, scope)
        decl = self.attr_decl(kind, side.name) if isinstance(kind, str) else None
        words = decl.type.value_labels if decl is not None else {}
        return ("lit", "text", other[2], words.get(other[2])) if words.get(other[2]) else other

    def is_time(self, e) -> bool:
        t = self.expr_types.get(id(e))
        return t in _TIME_KINDS or (isinstance(t, str) and t.startswith("date"))
