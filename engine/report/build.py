"""Evaluation → the report of the interface spec (JSON) and a readable table (text)."""
from __future__ import annotations

from collections import Counter
import re
from bisect import bisect_left
from datetime import datetime
from decimal import Decimal

from ..lang.checker import money
from ..diagnostics import Diagnostic, QiyueError, diag
from ..lang.amounts import MAX_MONEY
from ..run.compiler import PeriodValue
from ..run.evaluator import Evaluation, joined_later_that_day
from ..run.state import Status
from .explain import (Encoder, from_en, from_words, Labels, _date_zh, _fact_en, clause_words, day_alone_cn, english, fact_name_zh, finding_message, render_lines,
                      root_id)
from ..run.steps import Step, plain
from ..textfile import visible_lines
from ..lang.model import Name
from ..time.timecalc import CalendarYearUnknown, Counting, Moment, Period, Unit, earliest_end, period_label_zh


def _money(v) -> str | None:
    return None if v is None else str(money(v)) if isinstance(v, Decimal) else str(v)


def _points(v) -> str:
    """Points as a report writes them: 4, 2.5 — not 4.00."""
    return f"{Decimal(v).normalize():f}" if isinstance(v, Decimal) else str(v)


def _value(v, kind) -> dict:
    """A remedy's ``amount`` (money, two decimals) or, for a consequence in points (扣分), its ``points``,
    or for a rating (评级: 优秀、合格), its ``rating``."""
    if isinstance(v, str):
        return {"amount": None, "rating": v}
    if kind in ("int", "number") and v is not None:
        return {"amount": None, "points": _points(v)}
    return {"amount": _money(v)}


# the report's long lists: built a row at a time by ``parts`` (``build`` collects them, the JSON writer
# of `qiyue eval` writes each row as it comes and lets it go)
ROWS = ("obligations", "events", "remedies", "findings")


# how much of each verdict's explanation a report holds: "full" — ``steps`` and ``because``; "words" — ``because``
# alone (the interface spec's report); "none" — the verdicts without their reasons (a job that only asks what is
# due or violated: the report then costs little more than the evaluation)
EXPLAIN = ("full", "words", "none")


def build(ev: Evaluation, rules_sha256: str, check_findings: list[Diagnostic], lang: str = "zh",
          explain: str = "full") -> dict:
    """The report: each verdict's reasons as structured ``steps`` (explain.PHRASES lists the codes)
    and as ``because``, the same steps in words of ``lang`` (zh or en) — or less, as ``explain`` says."""
    report = parts(ev, rules_sha256, check_findings, lang, explain=explain)
    for key in ROWS:  # (in the report's order: the rows are built as they were when the report was one dict)
        report[key] = list(report[key])
    return report



_STAGE_ID = re.compile(r"(\d+)\.(triggered|fulfilled|violated|excused|discharged|suspended|undetermined)")


def _source_fact(src, ev: Evaluation, derived: dict, facts: frozenset = frozenset(), reads=None) -> str | None:
    """The fact an event's source comes from: the fact itself; a derived event's (`notice_delivered:tn`) the fact it
    is derived from (tn); a duty's stage (`inspect#1.violated`) the fact that duty arose from — its trigger, itself
    read so — rather than the engine's numbering of duties, which tells a reader nothing (a warehouse's author).
    An id is read as what the rule it came to reads (``reads``: _reads) — a fact's id (``facts``) as that fact,
    whatever it looks like: a fact `late1:o9` beside a deemed kind late1 is not o9, nor a fact `deliver#2.violated`
    the second delivery's stage (fuzz round 25). ``derived``: each derived kind → its rule (or None)."""
    for _ in range(256):  # (one prefix or stage a step: a chain of stages and deemed events is short; never a loop)
        if src is None:
            return None
        if src in facts and (reads is None or "fact" in reads):
            return src
        head, colon, tail = src.partition(":")
        if colon and head in derived and (reads is None or "derived" in reads):
            src, reads = tail, _reads(derived[head], derived)
            continue
        name, sep, rest = src.partition("#")
        stage = _STAGE_ID.fullmatch(rest) if sep and (reads is None or "stage" in reads) else None
        insts = ev.instances.get(name) if stage else None
        if not insts or not 0 < int(stage.group(1)) <= len(insts):
            return src
        inst = insts[int(stage.group(1)) - 1]
        src, reads = inst.trigger_id, _reads(inst.rule.decl, derived)
    return src


def _reads(decl, derived) -> set | None:
    """What a rule's `for each` lines read — facts, duties' stages, derived events — or None where it is not told
    (a rule with a `when` or `every` line, a contract's life): any of them."""
    kinds = set()
    for t in getattr(decl, "triggers", None) or ():
        pattern = getattr(t, "pattern", None)
        if pattern is None:
            return None
        for source in pattern.sources:
            kinds.add("stage" if source.lifecycle else "derived" if source.type_name in derived else "fact")
    return kinds or None


def _fact_ids(p, ev: Evaluation) -> frozenset:
    """The ids of the facts read (not of the events deemed from them, nor of duties' stages)."""
    types = p.checked.event_types
    return frozenset(e.id for name, pool in ev.history.items()
                     if getattr(types.get(name), "decl", None) is not None for e in pool)


def _life_assumptions(p, ev: Evaluation, ended) -> list[str]:
    """The readings the contract's end rests on: its termination's — and, of the power it exercised, those of the row
    it used (the line that row came from), not every line of that power."""
    if ended is None:
        return []
    names = p.assumptions.get(ended.type, [])
    base = p.but_power.get(ended.type)
    power = getattr(p.checked.lives.get(ended.type), "exercises", None)
    if base is None or power is None:
        return names
    used = [r for r in ev.remedies if r.plan.decl.name == power and r.status == "exercised"
            and r.exercised_at is not None and r.exercised_at.at == ended.moment.at]
    if not used:
        return names
    keep = set(base).union(*(p.assumptions.get(power, []) if r.assumed is None else r.assumed for r in used))
    return [n for n in names if n in keep]

def _row_assumptions(p, ev: Evaluation, r) -> list[str]:
    """The readings a remedy's row rests on; a power exercised by ending the contract rests also on those of the
    termination that exercised it (but for the power itself): whether a notice "for other reasons" exercised 乙方's 8.3
    power turns on termination_ground_reading and termination_effective (counsel round 36)."""
    names = p.assumptions.get(r.plan.decl.name, []) if r.assumed is None else r.assumed
    ended = ev.ended_by
    if r.status != "exercised" or ended is None or r.exercised_at is None or r.exercised_at.at != ended.moment.at:
        return names
    more = p.but_power.get(ended.type, ())
    if not more or set(more) <= set(names):
        return names
    both = set(names) | set(more)
    return [x.name for x in p.checked.rules.params if x.name in both]  # (in the file's order, as every list of them)


def parts(ev: Evaluation, rules_sha256: str, check_findings: list[Diagnostic], lang: str = "zh",
          bounded: bool = False, explain: str = "full") -> dict:
    """The report of ``build`` with its long lists (``ROWS``) as iterators that build each row when it is
    asked for, in the report's order — one code path for what a row holds, whether the rows are kept
    (``build``) or written and dropped one by one (``cli.write_json``).  ``bounded``: the encoder lets go of
    what it shared between rows every so many (the rows are not kept, so their sharing saves no memory;
    the words are the same, made again).  ``explain`` (``EXPLAIN``): which of a row's reasons it holds."""
    p = ev.p
    iso = ev.q.iso
    labels = p.labels if hasattr(p, "labels") else Labels(p.checked)

    coder = Encoder(labels)  # (each shared step encoded and worded once)
    encode, explained = coder.encode, coder.explain
    trim = coder.trim if bounded else None

    def why(row: dict, steps) -> dict:
        """The row with its reasons: ``steps`` encoded, and in words (``because``) — as ``explain`` asks."""
        if explain == "full":
            row["steps"], row["because"] = explained(steps, lang)
        elif explain == "words":
            row["because"] = explained(steps, lang)[1]
        return row  # ("none": the verdict alone, its reasons neither encoded nor worded)
    contract = p.checked.rules.contract

    def obligations(why=why):  # (``why`` passed, not shared: compiled (engine/native.py), a closure held by another is a reference cycle)
        for plan in p.obligations:
            o = plan.decl
            insts = ev.instances[o.name]
            if not insts:
                yield why({
                    "name": o.name, "label": o.label, "clause": o.clause,
                    "debtor": _static_party(plan, p.checked.parties),
                    "creditor": _static_party(plan, p.checked.parties, "creditor"), "trigger": None,
                    "status": Status.INACTIVE.value,
                    "triggered_at": None, "triggered_cn": None, "due": None, "due_not_before": None,
                    "due_not_before_cn": None, "due_cn": None,
                    "due_included": None,
                    "fulfilled_at": None, "assumptions": p.assumptions.get(o.name, [])},
                    [Step("not_triggered", {"clause": o.clause, "as_of": Moment.of(ev.as_of)}),
                     *ev.unmet.get(o.name, [])])
                continue
            name, label, clause = o.name, o.label, o.clause
            for inst in insts:
                d = inst.deadline
                unknown = _time_unknown(inst)
                yield why({
                    "name": name, "label": label, "clause": clause, "debtor": inst.debtor,
                    "creditor": inst.creditor, "trigger": inst.trigger_id, "status": inst.status._value_,
                    # (set off by an event whose instant the contract does not fix: when it arose is not known)
                    "triggered_at": None if unknown else inst.triggered.iso(),
                    "triggered_cn": _day_alone(inst) or unknown or inst.triggered.chinese(),
                    "due": iso(d.due) if d and not d.provisional else None,
                    # a year no calendar knows: the earliest the period can end (an act before it is in time)
                    # (hours from a fact given by its day alone: the earliest end, `due` the latest)
                    "due_not_before": iso(d.due) if d and d.provisional else iso(d.earliest) if d and d.earliest else None,
                    # (its words: a period of days that may end at 24:00 of 1月15日 is not worded as 1月16日0时)
                    "due_not_before_cn": d.end().chinese() if d and d.provisional
                    else Moment.of(d.earliest).chinese() if d and d.earliest else None,
                    "due_cn": d.end().chinese() if d and not d.provisional else None,
                    # True: `due` itself is still in time (hours, minutes: 民法典第1259条); False: `due` is
                    # the first late instant (a period of days ends at 24:00 of its last day)
                    "due_included": d.inclusive if d else None,
                    "fulfilled_at": inst.fulfilled.iso() if inst.fulfilled else None,
                    # performed by a fact or event known by its day alone: that day (from `fulfilled_at` on, if later
                    # than its 0时), not an hour; at 24:00 of a day (a delivery deemed at a day's end, a month that
                    # ran out), that 24时 — `fulfilled_at`'s 00:00 is the next day's (contract round 36); null
                    # otherwise (`fulfilled_at` says it to the second)
                    "fulfilled_cn": day_alone_cn(inst.fulfilled) if inst.fulfilled_bare else (
                        inst.fulfilled.chinese() if inst.fulfilled and inst.fulfilled.is_end_of_day() else None),
                    "trigger_cn": _trigger_words(inst, coder, ev),
                    "continuing": inst.rule.until is not None,  # a duty kept until `due` (confidentiality)
                    "assumptions": p.row_assumptions(name, inst.bindings)},
                    inst.because if id(inst) not in ev.since_due else [*inst.because, ev.since_due[id(inst)]])
                if trim:
                    trim()

    def events(why=why):
        deemed = {name: (d.label, d.clause) for name, d in p.checked.deemed.items()}
        deemed.update({name: (x.label, x.clause) for name, x in p.checked.lives.items()})
        derived = {name: d for name, d in p.checked.deemed.items()}
        derived.update({name: None for name in p.checked.lives})
        facts = _fact_ids(p, ev) if ev.events else frozenset()
        for e in ev.events:
            src = e.attrs.get("source")
            yield why({"name": e.type, "label": deemed[e.type][0], "clause": deemed[e.type][1],
                       "id": e.id, "source": src,
                       "source_fact": _source_fact(src, ev, derived, facts, _reads(derived.get(e.type), derived)),
                       "at": e.moment.iso(),
                       "at_cn": day_alone_cn(e.moment) if e.bare else e.moment.chinese(),  # (a day alone)
                       "assumptions": _life_assumptions(p, ev, e) if e.type in p.but_power
                       else p.assumptions.get(e.type, [])}, e.because)
            if trim:
                trim()

    def remedies(why=why):
        accruals = _accruals(ev)
        labelled = {name: r.label for name, r in p.checked.remedies.items()}  # (an alternative named by its label too)
        for r in ev.remedies:
            amount, accrual = accruals[id(r)]
            try:
                value = _value(amount, r.plan.amount_kind)
            except ArithmeticError:  # (accrued past what an amount may be: numbers.money refuses it)
                d = r.plan.decl
                raise QiyueError([diag("amount_out_of_range.accrued", d.span, name=d.name, amount=f"{amount:,.2f}",
                                       clause=d.clause, expected=[f"less than ¥{MAX_MONEY:,.0f}"])]) from None
            yield why({"name": r.plan.decl.name, "label": r.plan.decl.label, "clause": r.plan.decl.clause,
                       "holder": r.holder, "trigger": r.trigger_id, "since": r.since.iso(),
                       # (held from a fact known by its day alone — a termination deemed delivered on a day —: that
                       # day, its hour unknown, as the contract's end is dated; not its 0时: contract round 30)
                       "since_cn": _moment_cn(r.since, r.day_alone),
                       "status": r.status,
                       "exercised_at": r.exercised_at.iso() if r.exercised_at else None,
                       "assumptions": _row_assumptions(p, ev, r),
                       # `alternative to`: the remedies of which its holder takes one (this or these)
                       "alternatives": list(p.alternatives.get(r.plan.decl.name, ())),
                       "alternative_labels": [labelled.get(n) for n in p.alternatives.get(r.plan.decl.name, ())],
                       **value, **_amount_range(value, r.because + accrual, r.plan.amount_kind)},
                      r.because + accrual)
            if trim:
                trim()

    def findings(why=why):
        for d in check_findings:
            yield {"code": d.code, "severity": d.severity, "clause": d.clause, "message": d.text(lang),
                   "text": {"zh": d.text("zh"), "en": d.text("en")}}
        came = ev.powers_came  # (a notice on a power not yet held: when it came — ``Evaluator.say_when_powers_came``)
        for f in ev.findings:
            args = None if f.args is None else {k: encode(v) for k, v in f.args.items()}
            if came and id(f) in came:
                args["held_from"] = encode(came[id(f)])
            message = f.message if args is None else finding_message(f.code, args, lang)
            yield why({"code": f.code, "severity": f.severity, "clause": f.clause, "message": message,
                       "args": args, "at": iso(f.at)}, f.because)
    effective, ended = ev.effective_by, ev.ended_by
    life = {
        "effective": effective.moment.iso() if effective else (None if p.effective else "always"),
        # (taken effect by a fact known by its day alone: that day, its hour unknown — as ended_cn: counsel round 38)
        "effective_cn": _moment_cn(effective.moment, effective.bare) if effective else None,
        "effective_by": effective.attrs.get("source") if effective else None,
        "ended": ended.moment.iso() if ended else None,
        "ended_by": ended.type if ended else None,
        "ended_clause": p.checked.lives[ended.type].clause if ended else None,
        "ended_label": p.checked.lives[ended.type].label if ended else None,
        "ended_cn": _moment_cn(ended.moment, ended.bare) if ended else None,
        "trigger": ended.attrs.get("source") if ended else None,
        "assumptions": _life_assumptions(p, ev, ended),
    }
    try:  # what falls due soon: the end of the next 10 working days (for the text report's summary)
        soon = iso(ev.count(Moment.of(ev.as_of), Period(10, Unit.WORKING_DAYS), Counting.ACT).due)
    except CalendarYearUnknown as exc:  # (the window runs into a year no calendar knows: the earliest it can end —
        # what falls due by then is due soon whatever that year holds; never a silent "none": counsel round 37)
        soon = iso(earliest_end(Moment.of(ev.as_of), Period(10, Unit.WORKING_DAYS), exc.year, p.calendar).due)
    return {
        "contract": contract.id if contract else None,
        "title": contract.title if contract else None,
        "as_of": iso(ev.as_of),
        "lang": lang,
        "due_soon_until": soon,
        "contract_life": life,
        "obligations": obligations(),
        "events": events(),
        "remedies": remedies(),
        "findings": findings(),
        "clauses": [{"number": c.number, "title": c.title} for c in p.checked.rules.clauses],
        "rules": {"file": p.checked.rules.path, "sha256": rules_sha256},
        "calendar": p.calendar.sources(),
        "assumptions": assumption_table(p.checked),
    }


_LENGTH = re.compile(r"\s*(\d+)\s*(minutes?|hours?|days?|working\s+days?|months?|years?)(\s+as\s+(term|act))?\s*$")
_LENGTH_ZH = {"minute": "分钟", "hour": "小时", "day": "日", "working day": "个工作日", "month": "个月", "year": "年"}


def _overridden_zh(name: str, value: str, table: dict, w: dict) -> str:
    """An assumption replaced for this run, in Chinese: its label and the reading as the rule file words it (“每日只计一次”),
    or a length of time in Chinese (15个工作日) — the value as given beside it where it is neither."""
    entry = table.get(name) or {}
    what = named(name, entry.get("label"), w)
    if entry.get("reading"):
        return f"{what} = {entry['reading']}"
    length = _LENGTH.match(str(value).strip('"'))
    if length:
        unit = re.sub(r"\s+", " ", length.group(2)).rstrip("s")
        terms = {"term": "（不顺延）", "act": "（顺延）"}.get(length.group(4) or "", "")
        return f"{what} = {length.group(1)}{_LENGTH_ZH[unit]}{terms}"
    return f"{what} = {value}"


def assumption_table(checked) -> dict:
    """Each assumption of the rule file: what it is called, and the words for the reading in force (where
    its `one of` gives them) — the rows name their assumptions by name, the report says what they are."""
    out = {}
    for name, prm in checked.params.items():
        if prm.is_assumption:
            # (the value in force — an override's too — as the reading it is: `"once a day"` is the text once a day)
            value = prm.expr.value if getattr(prm.expr, "kind", None) == "text" else None
            out[name] = {"label": prm.label, "clause": prm.clause,
                         "reading": prm.choice_labels.get(value) if isinstance(value, str) else None}
    return out


def _nothing(amount) -> bool:
    """Whether a remedy's amount as the report gives it — a text, "0.00" or "0" points — is nothing; one not known
    (None) is not."""
    try:
        return type(amount) is str and Decimal(amount) == 0
    except ArithmeticError:
        return False


def _amount_range(value: dict, accrual: list, kind=None) -> dict:
    """An amount by the hour not known (the hour of a fact of its day alone decides it): the least and the most it
    can be, as `amount_range` — for a program to read, and for `--strict` to fail on —; nothing otherwise."""
    if value.get("amount") is None and value.get("points") is None and accrual:  # (points known — a lapsed power's
        # 0 —: no range beside them, as money's ¥0.00 has none: review round 46)
        found = None
        for s in accrual:
            code = getattr(s, "code", None)
            if code == "accrued_hours_range":
                found = (plain(s.args["least"]), plain(s.args["most"]))
            elif code == "amount_hour_unknown" and s.args.get("values"):  # (a rating either of several: review 46)
                return {"rating_range": [str(v) for v in s.args["values"]]}
            elif code == "amount_hour_unknown" and s.args.get("least") is not None and s.args.get("most") is not None:
                found = (plain(s.args["least"]), plain(s.args["most"]))  # (a one-off amount: contract round 42)
            elif code == "cap_share_unknown" and (found is not None or s.args.get("ranged")) and "share_least" in s.args:
                # (its share of a total's cap — a row of a known amount after rows of unknown ones too: review round 42, 45)
                found = (s.args["share_least"].value, s.args["share_most"].value)
        if found is not None:
            if kind in ("int", "number"):  # (points written as points are, not as money: review round 46)
                return {"amount_range": {"least": _points(found[0]), "most": _points(found[1])}}
            return {"amount_range": {"least": _money(found[0]), "most": _money(found[1])}}
    return {}


def _accruals(ev) -> dict[int, tuple]:
    """Each remedy's amount as of the report and the steps of its computation (Evaluation.accruals)."""
    return ev.accruals(ev.remedies, ev.as_of)


def _time_unknown(inst) -> str | None:
    """A duty still undetermined because what set it off happened at an instant the contract does not fix (a letter
    outside the city, no receipt): when it arose, as far as it is known — never that earliest instant as if it were
    the one (counsel, round 19)."""
    if inst.deadline is None and inst.status is Status.UNDETERMINED and any(
            "__unknown_time__" in getattr(v, "attrs", ()) for v in inst.bindings.values()):
        return f"不早于{inst.triggered.chinese()}（时间不明）"
    return None


def _day_alone(inst) -> str | None:
    """A duty set off by a fact or event given by its day alone (its hour unknown): that day, not its 0时."""
    at = inst.triggered.at
    if any(getattr(v, "bare", False) and v.moment.at == at for v in inst.bindings.values()):
        return f"{_date_zh(inst.triggered.day.isoformat())}（时刻不明）"
    if joined_later_that_day(inst.bindings, inst.trigger_id, inst.triggered):  # (joined that day by a fact of its
        return day_alone_cn(inst.triggered, unknown=True)  # day alone: no earlier than the trigger's instant)
    return None


def _moment_cn(m, day_alone: bool) -> str:
    """A moment in Chinese words: of its day alone, its hour unknown (2025年6月27日（时刻不明）), or to the hour."""
    return day_alone_cn(m, unknown=True) if day_alone else m.chinese()


def _instant_zh(v: dict) -> str:
    """An encoded fact's instant in Chinese words: its day where the fact gave no hour."""
    return _date_zh(v["at"][:10]) if v.get("bare") else v["cn"]


def _trigger_words(inst, coder: Encoder, ev=None) -> str | None:
    """The trigger as a lawyer names it: what the fact or verdict is, with its id — a `when` duty binds
    nothing: the fact that made its condition hold is looked up among those of its instant."""
    for v in inst.bindings.values():
        if type(v) is PeriodValue and v.label == inst.trigger_id:  # (a recurring duty's period: 2026年第3季度, not
            return period_label_zh(v.label)  # its key 2026-Q3 — a partnership's author, round 37)
        if getattr(v, "id", None) == inst.trigger_id and hasattr(v, "moment"):
            enc = coder.encode(v)
            name = fact_name_zh(enc)
            if v.moment.at != inst.triggered.at and enc.get("cn"):  # (the duty arose at another fact's instant — the
                # notice's delivery —: the fact named with its own, not read as of that instant: counsel 17)
                name = f"{name[:-1]}，发生于 {_instant_zh(enc)}）"  # (a day alone: no hour — counsel 38)
            return name
    if ev is not None and inst.trigger_id and not inst.bindings:
        at = inst.triggered.at
        for pool in ev.history.values():
            i = bisect_left(pool, at, key=lambda e: e.moment.at)
            while i < len(pool) and pool[i].moment.at == at:
                if pool[i].id == inst.trigger_id:
                    return fact_name_zh(coder.encode(pool[i]))
                i += 1
    return None


def _static_party(plan, parties, which="debtor"):
    """A debtor/creditor written as a party name is known before any trigger."""
    expr = getattr(plan.decl, which)
    return expr.name if isinstance(expr, Name) and expr.name in parties else None


def both(iso_text: str | None, chinese: str | None = None) -> str:
    """Chinese style and ISO side by side; ``chinese`` when the report already has it (only the
    evaluation knows whether a midnight instant is 24:00 of the day before)."""
    if not iso_text:
        return "-"
    return f"{chinese or Moment.of(datetime.fromisoformat(iso_text)).chinese()} ({iso_text})"


def clause_heading(number: str) -> str:
    """'5.2.3' → '第 5.2.3 条'; an annex's own numbering ('附件2 三.5') stays as it is."""
    return f"第 {number} 条" if number[:1].isdigit() else number


def by_clause(report: dict) -> list[tuple[dict, list, list, list]]:
    """(clause, obligations, events, remedies) in the rule file's clause order."""
    rows = []  # (the rows of each list grouped by clause in one pass, each in its order: not one pass a clause)
    for key in ("obligations", "events", "remedies"):
        grouped: dict = {}
        for row in report[key]:
            grouped.setdefault(row["clause"], []).append(row)
        rows.append(grouped)
    out = []
    for c in report["clauses"]:
        n = c["number"]
        obs, evs, rems = (list(grouped.get(n, ())) for grouped in rows)
        if obs or evs or rems:
            out.append((c, obs, evs, rems))
    return out


STATUS_ZH = {"inactive": "未触发", "active": "履行中", "suspended": "暂停", "fulfilled": "已履行", "violated": "已违约",
             "excused": "已免除", "discharged": "终止履行", "undetermined": "待定"}
REMEDY_ZH = {"held": "可主张", "exercised": "已行使", "lapsed": "已失效", "undetermined": "待定", "settled": "已清偿",
             "withdrawn": "不成立"}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "说明"}  # (as `qiyue check` says them)


def yuan(amount: str | None) -> str:
    """'6980000.00' → '¥6,980,000.00'; a negative amount with its sign before the ¥ ('-3.50' → '-¥3.50'), as the
    reasons write it (``explain._yuan``)."""
    if amount is None:
        return ""
    d = Decimal(amount)
    return f"-¥{-d:,.2f}" if d < 0 else f"¥{d:,.2f}"


def remedy_value(r: dict, lang: str = "zh") -> str:
    """A remedy's amount (¥6,980.00) or its points (扣 5 分 / 5 points); "" when it has neither."""
    if r.get("amount") is not None:
        return yuan(r["amount"])
    if r.get("points") is not None:
        return f"{r['points']} 分" if lang == "zh" else f"{r['points']} points"
    if r.get("rating") is not None:
        return f"评级：{r['rating']}" if lang == "zh" else f"rating: {r['rating']}"
    return ""


def cn(iso_text: str | None, chinese: str | None = None) -> str:
    """2026年7月13日24时（2026-07-14T00:00:00+08:00）."""
    if not iso_text:
        return "—"
    return f"{chinese or Moment.of(datetime.fromisoformat(iso_text)).chinese()}（{iso_text}）"


def calendar_text(report: dict, sep: str, w: dict | None = None) -> str:
    """The calendar data a report used: 'chinese-calendar 1.11.0 2004-2026; file …'.  With the text report's
    words ``w``: a file's fingerprint, and the years in which it replaces the built-in calendar said (a file's year
    replaces the package's whole year: a reader of the counted days must know whose calendar they are)."""
    def one(s: dict) -> str:
        text = " ".join(str(x) for x in (s["name"], s.get("version"), s.get("years")) if x)
        if w is not None and s.get("sha256"):
            text += w["cal_sha"].format(sha256=s["sha256"])
        if w is not None and s.get("overrides_package"):
            text += w["cal_overrides"].format(years=w["and"].join(str(y) for y in s["overrides_package"]))
        return text
    return sep.join(map(one, report["calendar"]))


def reasons(row: dict, lang: str, worded: bool = False) -> list[str]:
    """A verdict's reasons in ``lang``, worded from its steps — or, ``worded``: the report is in
    ``lang`` already, and its ``because`` are those very words (not worded a second time)."""
    if worded and "because" in row:
        return row["because"]
    return render_lines(row["steps"], lang) if "steps" in row else row["because"]


def top_reasons(row: dict, lang: str, worded: bool = False) -> list[str]:
    """The reasons of a row without the details they cite (the steps of depth 0), worded."""
    steps = row["steps"]
    because = row.get("because")
    if worded and because is not None and len(because) == len(steps) and \
            not any(s["code"] == "cited" for s in steps):  # (one line per step: the lines of depth 0 as worded)
        return [b for s, b in zip(steps, because) if not s.get("depth")]
    return render_lines([s for s in steps if not s.get("depth")], lang)


def message(f: dict, lang: str) -> str:
    """A finding's message in ``lang``: the evaluator's own are worded from their code and args."""
    if f.get("args") is not None:
        return finding_message(f["code"], f["args"], lang) or f["message"]
    return (f.get("text") or {}).get(lang) or f["message"]


def finding_fact(f: dict) -> dict | None:
    """The fact a finding was raised on, as its args or its steps (their top level) cite it: the one cited at the
    finding's own instant, else the first a `triggered_by` step cites; None when they cite none (a check's finding)."""
    cited = []

    def note(v):
        if isinstance(v, dict) and v.get("kind") == "fact":
            cited.append((v, False))
        elif isinstance(v, list):
            cited.extend((x, False) for x in v if isinstance(x, dict) and x.get("kind") == "fact")

    for v in (f.get("args") or {}).values():
        note(v)
    for s in f.get("steps") or ():
        if isinstance(s, dict) and not s.get("depth"):
            n = len(cited)
            for v in (s.get("args") or {}).values():
                note(v)
            if s.get("code") == "triggered_by":
                cited[n:] = [(v, True) for v, _ in cited[n:]]
    at = f.get("at")
    return next((v for v, _ in cited if at and v.get("at") == at), None) or \
        next((v for v, by in cited if by), None)


def fact_cited(v: dict, lang: str) -> str:
    """A fact as the report cites it beside what is said of it: its instant, what it is and its id —
    2026年3月4日9时 发出书面通知（u-09）; u-09 (notice_sent at 2026-03-04T09:00:00+08:00)."""
    if lang == "en":
        return _fact_en(v)
    return f"{_instant_zh(v)} {fact_name_zh(v)}"


def finding_line(f: dict, lang: str) -> str:
    """A finding's line, in the text report and the page alike: its severity, code and clause, the fact it was raised
    on (when its message does not name it already: "此通知" says not which), and its message."""
    w = TEXT_WORDS["en" if lang == "en" else "zh"]
    clause = w["finding_clause"].format(clause=clause_ref(f["clause"], lang)) if f.get("clause") else ""
    said = message(f, lang)
    fact = finding_fact(f)
    if fact is not None:
        source = (fact.get("derived") or {}).get("from")
        if fact["id"] in said or (source and source in said):
            fact = None
    return w["finding_about" if fact is not None else "finding"].format(
        severity=w["severity"].get(f["severity"], f["severity"]), code=f["code"], clause=clause, message=said,
        fact=fact_cited(fact, lang) if fact is not None else "").strip(" ")


def shared_triggers(obligations: list) -> set:
    """The (name, trigger) of duties more than one of which one fact set off (the profit owed to each partner)."""
    return {k for k, n in Counter((o["name"], o["trigger"]) for o in obligations).items() if n > 1}


def parties_words(row: dict, w: dict) -> str:
    """A duty's parties as the text words them (甲方 → 乙方), a party not known as （未定）."""
    return w["parties"].format(debtor=row["debtor"] or w["unknown_party"], creditor=row["creditor"] or w["unknown_party"])


def trigger_zh(trigger: str | None, row: dict | None = None) -> str:
    """A trigger as a lawyer reads it: what the fact or verdict is (with its id), or a period that
    ran out (no fact's id)."""
    if trigger and trigger.startswith("time:"):
        return "期间届满"
    if row and row.get("trigger_cn"):
        return row["trigger_cn"]
    return trigger or "—"


# The words of the text report, per language: one renderer (``render``) writes both.
TEXT_WORDS = {
    "zh": {
        "contract": "合同 {id} {title}", "as_of": "截至 {t}", "effective": "合同自 {t} 生效",
        "section": "======== 报告时点 {n}/{of}：{t} ========",
        "ended": "合同于 {t} 终止：{ground}（{code}，{clause}，依据 {trigger}）",
        "ended_assumptions": "，所依据的假定：{list}",
        "summary": "一、概要", "by_clause": "二、逐条", "findings": "三、提示",
        "violated": "  已违约 {n} 项", "due_soon": "  10个工作日内到期 {n} 项", "undetermined": "  待定 {n} 项",
        "open_remedies": "  可主张的救济 {n} 项", "remedy_item": "{what}{holder} {amount}", "items": "：{list}",
        "exercised_mark": "（已解除合同，违约金仍可主张）", "alternative_mark": "（与 {names} 择一）",
        "due_item": "{what} 期限 {t}", "due_item_included": "{what} 期限 {t}",
        "used": "  以上结论所依据的假定：{list}", "overridden": "  本次改用的假定：{list}",
        "obligation": "  {what} {debtor} → {creditor}：{status}", "unknown_party": "（未定）",
        "parties": "{debtor} → {creditor}", "late_performed": "（已于 {t} 逾期履行）",
        "triggered": "    触发  {trigger}  {t}", "period_ran_out": "期间届满",
        "continuing": "    终期  {t}（持续履行至该时刻止）",
        "due": "    期限  {t}（该时刻起逾期）", "due_included": "    期限  {t}（含该时刻）",
        "due_not_before": "    期限  不早于 {t}（所需年份的官方日历尚未公布）",
        "performed": "    履行  {t}", "late": "（逾期履行）", "assumptions": "    假定  {list}",
        "alternatives": "    择一  与 {list} 只能择一主张", "reasons": "    理由",
        "waiting": "  未触发：{list}", "matched_early": "（{ids} 早于合同生效，不产生本项义务）",
        "event": "  事件 {what}：{t}，依据 {source}",
        "remedy": "  救济 {what}{holder} 自 {t}{amount}：{state}",
        "finding": "  {severity}[{code}]{clause} {message}", "finding_clause": "（{clause}）",
        "finding_about": "  {severity}[{code}]{clause} {fact}：{message}",
        "rules": "规则文件 {file}（{encoding}文本 sha256 {sha256}）", "rules_encoding": "编码 {encoding}，",
        "facts": "；事实文件 {file}（编码 {encoding}）", "calendars": "；日历 {list}",
        "cal_sha": "（sha256 {sha256}）", "cal_overrides": "（其中 {years} 年取代 chinese-calendar 内置的该年日历）",
        "sep": "；", "and": "、", "open": "（", "close": "）", "comma": "，", "label_first": True,
        "status": STATUS_ZH, "remedy_status": REMEDY_ZH, "severity": SEVERITY_ZH,
    },
    "en": {
        "contract": "Contract {id} {title}", "as_of": "As of {t}", "effective": "The contract took effect at {t}",
        "section": "======== Instant {n} of {of}: {t} ========",
        "ended": "The contract ended at {t}: {ground} ({code}, {clause}, on {trigger})",
        "ended_assumptions": "; assumptions it rests on: {list}",
        "summary": "1. Summary", "by_clause": "2. Clause by clause", "findings": "3. Findings",
        "violated": "  Violated ({n})", "due_soon": "  Due within the next 10 working days ({n})",
        "undetermined": "  Undetermined ({n})", "open_remedies": "  Open remedies ({n})", "items": ": {list}",
        "remedy_item": "{what}{holder} {amount}", "exercised_mark": " (the contract terminated; the damages are still owed)",
        "alternative_mark": " (or {names}: one of them only)",
        "due_item": "{what}, due by {t}", "due_item_included": "{what}, in time up to and including {t}",
        "used": "  Assumptions these conclusions rest on: {list}",
        "overridden": "  Assumptions overridden in this run: {list}",
        "obligation": "  {what} {debtor} → {creditor}: {status}", "unknown_party": "(not yet known)",
        "parties": "{debtor} → {creditor}", "late_performed": " (performed late, at {t})",
        "triggered": "    triggered  {trigger}  {t}", "period_ran_out": "a period ran out",
        "continuing": "    ends  {t} (a continuing duty, kept up to that instant)",
        "due": "    due  {t} (late from that instant on)",
        "due_included": "    due  {t} (in time up to and including that instant)",
        "due_not_before": "    due  not before {t} (the official calendar of the year it needs is not published yet)",
        "performed": "    performed  {t}", "late": " (late)", "assumptions": "    assumptions  {list}",
        "alternatives": "    alternatives  one of this and {list} only",
        "reasons": "    reasons", "waiting": "  Not yet triggered: {list}",
        "matched_early": " ({ids} came before the contract took effect: no duty from it)",
        "event": "  Event {what}: {t}, from {source}",
        "remedy": "  Remedy {what}, held by {holder} since {t}{amount}: {state}",
        "finding": "  {severity}[{code}]{clause}: {message}", "finding_clause": " ({clause})",
        "finding_about": "  {severity}[{code}]{clause}, on {fact}: {message}",
        "rules": "Rule file {file} ({encoding}text sha256 {sha256})", "rules_encoding": "encoding {encoding}, ",
        "facts": "; facts file {file} (encoding {encoding})", "calendars": "; calendars {list}",
        "cal_sha": " (sha256 {sha256})", "cal_overrides": " ({years} replacing chinese-calendar's own calendar of that year)",
        "sep": "; ", "and": ", ", "open": " (", "close": ")", "comma": ", ",
        "status": {"inactive": "NOT TRIGGERED", "active": "ACTIVE", "suspended": "SUSPENDED", "fulfilled": "FULFILLED",
                   "violated": "VIOLATED", "excused": "EXCUSED", "discharged": "DISCHARGED",
                   "undetermined": "UNDETERMINED"},
        "remedy_status": {"held": "OPEN", "exercised": "EXERCISED", "lapsed": "LAPSED", "undetermined": "UNDETERMINED",
                          "settled": "SETTLED", "withdrawn": "WITHDRAWN"},
        "severity": {},  # error, warning, info: as `qiyue check --lang en` writes them
    },
}
def instant(iso_text: str | None, chinese: str | None, lang: str, iso: bool = True) -> str:
    """An instant for the reader: Chinese style or English, with its ISO text beside it."""
    if lang == "en":
        return english(iso_text, chinese, iso)
    return cn(iso_text, chinese) if iso else (chinese or "—")


def _trigger_fact(steps, trigger: str):
    """The encoded fact a row's steps cite as its trigger, wherever a step holds it (depth first, in
    order; no recursion: a condition may nest deep)."""
    stack = [steps]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            if value.get("kind") == "fact" and value.get("id") == trigger:
                return value
            stack.extend(reversed(list(value.values())))
        elif isinstance(value, (list, tuple)):
            stack.extend(reversed(value))
    return None


def trigger_words(row: dict, lang: str) -> str:
    """A trigger as a lawyer reads it: what the fact or verdict is (with its id), or a period that ran out."""
    trigger = row.get("trigger")
    if trigger and trigger.startswith("time:"):
        return TEXT_WORDS["en" if lang == "en" else "zh"]["period_ran_out"]
    if lang != "en" and row.get("trigger_cn"):
        return row["trigger_cn"]
    fact = _trigger_fact(row.get("steps", ()), trigger) if trigger else None
    if fact is None:
        return trigger or "—"
    if lang != "en":
        return fact_name_zh(fact)
    derived = fact.get("derived") or {}
    what = f"{derived['obligation']} {derived['stage']}" if derived.get("kind") == "stage" else fact["type"]
    # (a derived event cited by the fact it comes from, as the Chinese words do — not by the engine's key)
    return f"{what} ({from_en(derived)})" if derived.get("from") else f"{what} ({trigger})"


def _alternatives(r: dict) -> list[tuple[str, str | None]]:
    """A remedy row's alternatives (`alternative to`), each with its label (a report from before labels: none)."""
    names = r.get("alternatives") or []
    return list(zip(names, r.get("alternative_labels") or [None] * len(names)))


def derived_kinds(report: dict) -> set:
    """The kinds of event the report's engine derived (its deemed events, the ground its contract ended on): the
    leading `KIND:` of an id that ``root_id`` takes off."""
    return {e["name"] for e in report["events"]} | {(report.get("contract_life") or {}).get("ended_by")}


def event_source(eid, fact, kinds, lang: str) -> str:
    """What a deemed event comes from, as the reports cite it: a derived event's id — `notice_delivered:tn` — read as
    the fact it comes from, tn; an event deemed from a duty's stage, `inspect#1.violated`, by the fact that duty arose
    from (``source_fact``); a `when` that held as time passed by that instant, in words — never the engine's key
    (contract round 32; the HTML page and its timeline alike: user round 23)."""
    return from_words(fact or root_id(eid or "", kinds), lang)


def named(name: str, label: str | None, w: dict) -> str:
    """A name of the rule file with its label: in Chinese the label first, the name (the rule's code) beside it —
    交付货物（deliver_goods）; in English deliver_goods (交付货物)."""
    if not label or label == name:  # (a rule named in Chinese by its own label: 按期交货, once — user round 23)
        return name
    return f"{label}{w['open']}{name}{w['close']}" if w.get("label_first") else f"{name}{w['open']}{label}{w['close']}"


def _matched_early(o: dict, w: dict) -> str:
    """A duty whose trigger matched before the contract took effect: said on its folded line too — a lawyer reading
    the default report sees why no duty arose from that fact (user round 24)."""
    ids = [f["id"] for s in o.get("steps", ()) if s.get("code") == "matched_before_effect"
           for f in s["args"].get("facts", ()) if isinstance(f, dict) and f.get("id")]
    return w["matched_early"].format(ids=w["and"].join(dict.fromkeys(ids))) if ids else ""


def spaced(what: str, w: dict) -> str:
    """A name a party follows (逾期付款违约金（late_fee）乙方): in Chinese a space between them unless the name ends
    with a closing bracket — a rule named by its own label has none (逾期付款违约金 乙方: user round 24); in English
    always one."""
    return what if w.get("label_first") and what.endswith(w["close"]) else what + " "


def clause_ref(number: str | None, lang: str) -> str:
    """第5.2.3条 / clause 5.2.3; an annex's own numbering ('附件2 三.5') stays as it is."""
    if lang == "en" and number and number[:1].isdigit():
        return f"clause {number}"
    return clause_words(number, lang)


def render(report: dict, lang: str = "zh", inactive: bool = False) -> str:
    """The text report for legal staff, in Chinese (default) or English (``lang="en"``): a summary first
    (violated, due in the next 10 working days, open remedies, the assumptions they rest on), then clause
    by clause in the contract's order, each obligation with its reasons beside it; untriggered
    obligations folded into one line per clause unless ``inactive`` (then each with the conditions it
    waits for); the findings; the rule file, encodings and calendars read."""
    lang = "en" if lang == "en" else "zh"
    w = TEXT_WORDS[lang]

    def at(iso_text, chinese=None):
        return instant(iso_text, chinese, lang)

    def items(rows, word):
        return w["items"].format(list=w["sep"].join(word(x) for x in rows)) if rows else ""

    table = report.get("assumptions") or {}
    kinds = derived_kinds(report)

    said: dict = {}  # (the same few lists of assumptions on thousands of rows: each worded once)

    def assumed(names):  # 付款期限（payment_term）、“等额发票”（invoice_in_parts）; in English the names
        key = tuple(names)
        text = said.get(key)
        if text is None:
            text = said[key] = w["and"].join(named(n, (table.get(n) or {}).get("label"), w) if lang == "zh" else n
                                             for n in names)
        return text

    worded = report.get("lang") == lang  # (the report's own `because` are in this language: not worded again)

    def reason_lines(row, top=False):
        return [f"      {b}" for b in (top_reasons(row, lang, worded) if top else reasons(row, lang, worded))]
    obs, rems = report["obligations"], report["remedies"]
    # (only the space a missing title leaves is cut: a title or label ending in U+001C or U+3000 — which str.rstrip()
    # takes for white space — is shown as the JSON report has it, its control character as its escape)
    lines = [w["contract"].format(id=report["contract"], title=report.get("title") or "").rstrip(" "),
             w["as_of"].format(t=at(report["as_of"]))]
    life = report.get("contract_life") or {}
    if life.get("effective") and life["effective"] != "always":
        lines.append(w["effective"].format(t=at(life["effective"], life.get("effective_cn"))))
    if life.get("ended"):
        lines.append(w["ended"].format(t=at(life["ended"], life.get("ended_cn")),
                                       ground=life.get("ended_label") or life["ended_by"], code=life["ended_by"],
                                       clause=clause_ref(life.get("ended_clause"), lang),
                                       trigger=event_source(life["trigger"], None, kinds, lang))
                     + (w["ended_assumptions"].format(list=assumed(life["assumptions"]))
                        if life.get("assumptions") else ""))
    violated = [o for o in obs if o["status"] == "violated"]
    undetermined = [o for o in obs if o["status"] == "undetermined"]
    soon = report.get("due_soon_until")
    due_soon = [o for o in obs if o["status"] == "active" and o["due"] and soon and o["due"] <= soon]
    # held, and a power to terminate used with an amount beside it: the termination happened, the damages that
    # come with it are still to be paid (第566条第2款: 解除不影响违约责任)
    # (a row that comes to nothing — a cancellation fee below the deposit leaves nothing to top up — is no claim: not
    # counted among them, user round 26; it stays in the clause-by-clause part)
    open_rems = [r for r in rems if (r.get("status", "held") == "held" and not _nothing(r.get("amount"))
                                     and not _nothing(r.get("points")))
                 or (r.get("status") == "exercised" and r.get("amount") not in (None, "0.00"))]
    used = sorted({a for x in (*violated, *undetermined, *due_soon, *open_rems) for a in x.get("assumptions", ())})

    alike = shared_triggers(report["obligations"])

    def brief(o):
        # (two duties of one rule set off by one fact — the profit owed to each partner —: told apart by their parties)
        parties = parties_words(o, w) if (o["name"], o["trigger"]) in alike else None
        if w.get("label_first") and o["label"]:  # 按时效交付（deliver，第3.2条，…）
            parts = (o["name"] if o["name"] != o["label"] else None,  # (named by its label: once — user round 24)
                     clause_ref(o["clause"], lang), trigger_words(o, lang), parties)
            return f"{o['label']}{w['open']}{w['comma'].join(p for p in parts if p)}{w['close']}"
        parts = (o["label"], clause_ref(o["clause"], lang), trigger_words(o, lang), parties)
        return f"{o['name']}{w['open']}{w['comma'].join(p for p in parts if p)}{w['close']}"

    def late(o):  # (a duty performed after its deadline: said in the summary too, not read as unpaid — counsel 39)
        if not o["fulfilled_at"]:
            return ""
        words = o.get("fulfilled_cn") or (Moment.of(datetime.fromisoformat(o["fulfilled_at"])).chinese()
                                          if lang != "en" else None)
        return w["late_performed"].format(t=instant(o["fulfilled_at"], words, lang, iso=False))
    lines += ["", w["summary"],
              w["violated"].format(n=len(violated)) + items(violated, lambda o, brief=brief, late=late: brief(o) + late(o)),
              w["due_soon"].format(n=len(due_soon)) + items(due_soon, lambda o, brief=brief: w[
                  "due_item_included" if o.get("due_included") else "due_item"].format(
                  what=brief(o), t=instant(o["due"], o["due_cn"], lang, iso=False)))]
    if undetermined:
        lines.append(w["undetermined"].format(n=len(undetermined)) + items(undetermined, brief))
    open_names = {(r["name"], r["holder"]) for r in open_rems}
    twice = {k for k, n in Counter((r["name"], r["holder"]) for r in open_rems).items() if n > 1}

    def which(r) -> str:
        """A remedy its holder holds more than once (2.1(3)'s deduction for two outages and a leak): each named by
        what set it off, as the breaches are — 直接扣减保证金（bond_deduction，运维服务中断（i，…）） (counsel, round 30)."""
        if (r["name"], r["holder"]) not in twice:
            return named(r["name"], r["label"], w)
        if not r["label"]:
            return f"{r['name']}{w['open']}{trigger_words(r, lang)}{w['close']}"
        first, second = (r["label"], r["name"]) if w.get("label_first") else (r["name"], r["label"])
        return f"{first}{w['open']}{second}{w['comma']}{trigger_words(r, lang)}{w['close']}"

    def choice(r) -> str:
        """The open remedies its holder may take instead of it (`alternative to`)."""
        names = [named(n, label, w) for n, label in _alternatives(r) if (n, r["holder"]) in open_names]
        return w["alternative_mark"].format(names=w["and"].join(names)) if names else ""
    lines.append(w["open_remedies"].format(n=len(open_rems)) + items(open_rems, lambda r, choice=choice, which=which: w["remedy_item"].format(
        what=spaced(which(r), w),
        holder=r["holder"],
        amount=remedy_value(r, lang) + (w["exercised_mark"] if r.get("status") == "exercised" else "")).rstrip()
        + choice(r)))
    if used:
        lines.append(w["used"].format(list=assumed(used)))
    if report.get("assumptions_overridden"):
        lines.append(w["overridden"].format(list=w["sep"].join(
            _overridden_zh(k, v, table, w) if lang == "zh" else f"{k} = {v}"
            for k, v in report["assumptions_overridden"].items())))
    lines += ["", w["by_clause"]]
    for clause, c_obs, c_evs, c_rems in by_clause(report):
        heading = clause_heading(clause["number"]) if lang == "zh" else clause_ref(clause["number"], lang).capitalize()
        lines.append(f"{heading}  {clause['title'] or ''}".rstrip(" "))
        waiting = [o for o in c_obs if o["status"] == "inactive"] if not inactive else []
        for o in c_obs:
            if o["status"] == "inactive" and not inactive:
                continue
            lines.append(w["obligation"].format(what=named(o["name"], o["label"], w),
                                                debtor=o["debtor"] or w["unknown_party"],
                                                creditor=o["creditor"] or w["unknown_party"],
                                                status=w["status"].get(o["status"], o["status"])))
            if o["status"] == "inactive":  # (asked for: what it waits for)
                lines += reason_lines(o)
                continue
            lines.append(w["triggered"].format(trigger=trigger_words(o, lang),
                                               t=at(o["triggered_at"], o.get("triggered_cn"))))
            if o["due"] and o.get("continuing"):
                lines.append(w["continuing"].format(t=at(o["due"], o.get("due_cn"))))
            elif o["due"]:
                lines.append(w["due_included" if o.get("due_included") else "due"].format(
                    t=at(o["due"], o.get("due_cn"))))
            elif o.get("due_not_before"):
                lines.append(w["due_not_before"].format(t=at(o["due_not_before"], o.get("due_not_before_cn"))))
            if o["fulfilled_at"]:
                cn_ = o.get("fulfilled_cn")  # (performed by a fact of its day alone — its words a day, no hour —: that
                # day beside them, not the 00:00 of `fulfilled_at`, which reads as in time before an hour: review 46)
                day_alone = cn_ is not None and not cn_.endswith("时") and o["fulfilled_at"][11:19] == "00:00:00"
                lines.append(w["performed"].format(t=at(o["fulfilled_at"][:10] if day_alone else o["fulfilled_at"], cn_))
                             + (w["late"] if o["status"] == "violated" else ""))
            if o.get("assumptions"):
                lines.append(w["assumptions"].format(list=assumed(o["assumptions"])))
            lines.append(w["reasons"])
            lines += reason_lines(o)
        if waiting:
            lines.append(w["waiting"].format(list=w["and"].join(named(o["name"], o["label"], w) + _matched_early(o, w)
                                                                for o in waiting)))
        for e in c_evs:
            lines.append(w["event"].format(what=named(e["name"], e["label"], w), t=at(e["at"], e.get("at_cn")),
                                           source=event_source(e["source"], e.get("source_fact"), kinds, lang)))
            if e.get("assumptions"):
                lines.append(w["assumptions"].format(list=assumed(e["assumptions"])))
            if "steps" in e:  # what the event rests on itself, not the details it cites
                lines += reason_lines(e, top=True)
            else:
                lines += reason_lines(e)
        for r in c_rems:
            status = r.get("status", "held")
            what = named(r["name"], r["label"], w)
            lines.append(w["remedy"].format(what=spaced(what, w) if w.get("label_first") else what, holder=r["holder"],
                                            t=at(r["since"], r.get("since_cn")),
                                            amount=f" {remedy_value(r, lang)}" if remedy_value(r, lang) else "",
                                            state=w["remedy_status"].get(status, status)))
            if r.get("assumptions"):
                lines.append(w["assumptions"].format(list=assumed(r["assumptions"])))
            if r.get("alternatives"):
                lines.append(w["alternatives"].format(list=w["and"].join(named(n, label, w) for n, label in _alternatives(r))))
            lines += reason_lines(r)
        lines.append("")
    if report["findings"]:
        lines.append(w["findings"])
        for f in report["findings"]:
            lines.append("  " + finding_line(f, lang))
            if f.get("args") is not None:  # the evaluator's own: its reasons too
                lines += reason_lines(f)
        lines.append("")
    enc = report["rules"].get("encoding")
    facts = report.get("facts") or {}
    lines.append(w["rules"].format(file=report["rules"]["file"], sha256=report["rules"]["sha256"],
                                   encoding=w["rules_encoding"].format(encoding=enc) if enc else "")
                 + (w["facts"].format(file=facts["file"], encoding=facts["encoding"]) if facts.get("encoding") else "")
                 + w["calendars"].format(list=calendar_text(report, w["sep"], w)))
    return visible_lines(lines)
