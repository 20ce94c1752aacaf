"""Evaluation → the report of the interface spec (JSON) and a readable table (text)."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from .checker import money
from .diagnostics import Diagnostic
from .evaluator import Evaluation, Status
from .explain import Encoder, Labels, clause_words, fact_name_zh, finding_message, render_lines
from .steps import Step
from .model import Name
from .timecalc import CalendarYearUnknown, Counting, Moment, Period, Unit


def _money(v) -> str | None:
    return None if v is None else str(money(v)) if isinstance(v, Decimal) else str(v)


def build(ev: Evaluation, rules_sha256: str, check_findings: list[Diagnostic], lang: str = "zh") -> dict:
    """The report: each verdict's reasons as structured ``steps`` (explain.PHRASES lists the codes)
    and as ``because``, the same steps in words of ``lang`` (zh or en)."""
    p = ev.p
    iso = ev.q.iso
    labels = p.labels if hasattr(p, "labels") else Labels(p.checked)

    coder = Encoder(labels)  # (each shared step encoded and worded once)
    encode = coder.encode

    def why(steps) -> dict:
        enc = coder.steps(steps)
        return {"steps": enc, "because": coder.lines(enc, lang)}
    contract = p.checked.rules.contract
    obligations = []
    for plan in p.obligations:
        o = plan.decl
        insts = ev.instances[o.name]
        if not insts:
            obligations.append({
                "name": o.name, "label": o.label, "clause": o.clause, "debtor": _static_party(plan, p.checked.parties),
                "creditor": _static_party(plan, p.checked.parties, "creditor"), "trigger": None, "status": Status.INACTIVE.value,
                "triggered_at": None, "triggered_cn": None, "due": None, "due_not_before": None, "due_cn": None,
                "due_included": None,
                "fulfilled_at": None, "assumptions": p.assumptions.get(o.name, []),
                **why([Step("not_triggered", {"clause": o.clause, "as_of": Moment.of(ev.as_of)}),
                       *ev.unmet.get(o.name, [])])})
            continue
        name, label, clause, add = o.name, o.label, o.clause, obligations.append
        for inst in insts:
            d = inst.deadline
            add({
                "name": name, "label": label, "clause": clause, "debtor": inst.debtor,
                "creditor": inst.creditor, "trigger": inst.trigger_id, "status": inst.status._value_,
                "triggered_at": inst.triggered.iso(), "triggered_cn": inst.triggered.chinese(),
                "due": iso(d.due) if d and not d.provisional else None,
                # a year no calendar knows: the earliest the period can end (an act before it is in time)
                "due_not_before": iso(d.due) if d and d.provisional else None,
                "due_cn": d.end().chinese() if d and not d.provisional else None,
                # True: `due` itself is still in time (hours, minutes: 民法典第1259条); False: `due` is
                # the first late instant (a period of days ends at 24:00 of its last day)
                "due_included": d.inclusive if d else None,
                "fulfilled_at": inst.fulfilled.iso() if inst.fulfilled else None,
                "trigger_cn": _trigger_words(inst, coder),
                "continuing": inst.rule.until is not None,  # a duty kept until `due` (confidentiality)
                "assumptions": p.assumptions.get(name, []), **why(inst.because)})
    deemed = {name: (d.label, d.clause) for name, d in p.checked.deemed.items()}
    deemed.update({name: (x.label, x.clause) for name, x in p.checked.lives.items()})
    events = [{"name": e.type, "label": deemed[e.type][0], "clause": deemed[e.type][1],
               "id": e.id, "source": e.attrs.get("source"), "at": e.moment.iso(), "at_cn": e.moment.chinese(),
               "assumptions": p.assumptions.get(e.type, []), **why(e.because)} for e in ev.events]
    remedies = []
    accruals = _accruals(ev)
    for r in ev.remedies:
        amount, accrual = accruals[id(r)]
        remedies.append({"name": r.plan.decl.name, "label": r.plan.decl.label, "clause": r.plan.decl.clause,
                         "holder": r.holder, "trigger": r.trigger_id, "since": r.since.iso(),
                         "since_cn": r.since.chinese(), "status": r.status,
                         "exercised_at": r.exercised_at.iso() if r.exercised_at else None,
                         "assumptions": p.assumptions.get(r.plan.decl.name, []),
                         "amount": _money(amount), **why(r.because + accrual)})
    findings = [{"code": d.code, "severity": d.severity, "clause": d.clause, "message": d.text(lang),
                 "text": {"zh": d.text("zh"), "en": d.text("en")}} for d in check_findings]
    for f in ev.findings:
        args = None if f.args is None else {k: encode(v) for k, v in f.args.items()}
        message = f.message if args is None else finding_message(f.code, args, lang)
        findings.append({"code": f.code, "severity": f.severity, "clause": f.clause, "message": message,
                         "args": args, "at": iso(f.at), **why(f.because)})
    effective, ended = ev.effective_by, ev.ended_by
    life = {
        "effective": effective.moment.iso() if effective else (None if p.effective else "always"),
        "effective_by": effective.attrs.get("source") if effective else None,
        "ended": ended.moment.iso() if ended else None,
        "ended_by": ended.type if ended else None,
        "ended_clause": p.checked.lives[ended.type].clause if ended else None,
        "ended_label": p.checked.lives[ended.type].label if ended else None,
        "ended_cn": ended.moment.chinese() if ended else None,
        "trigger": ended.attrs.get("source") if ended else None,
        "assumptions": p.assumptions.get(ended.type, []) if ended else [],
    }
    try:  # what falls due soon: the end of the next 10 working days (for the text report's summary)
        soon = iso(ev.count(Moment.of(ev.as_of), Period(10, Unit.WORKING_DAYS), Counting.ACT).due)
    except CalendarYearUnknown:
        soon = None
    return {
        "contract": contract.id if contract else None,
        "title": contract.title if contract else None,
        "as_of": iso(ev.as_of),
        "lang": lang,
        "due_soon_until": soon,
        "contract_life": life,
        "obligations": obligations,
        "events": events,
        "remedies": remedies,
        "findings": findings,
        "clauses": [{"number": c.number, "title": c.title} for c in p.checked.rules.clauses],
        "rules": {"file": p.checked.rules.path, "sha256": rules_sha256},
        "calendar": p.calendar.sources(),
    }


def _accruals(ev) -> dict[int, tuple]:
    """Each remedy's amount as of the report and the steps of its computation.  The rows of an
    `each day counted once` remedy (one holder) are counted from the earliest: a day an earlier
    row already counted is not counted again."""
    out, counted = {}, {}
    for r in sorted(ev.remedies, key=lambda r: r.since.at):  # (stable: rows at one instant keep their order)
        ranges = counted.setdefault((r.plan.decl.name, r.holder), [])
        out[id(r)] = r.accrued(ev.as_of, ev.ended, ranges)
        if r.plan.decl.each_day_once and r.plan.decl.per_day and r.amount is not None:
            first, last, _, _ = r.days(ev.as_of, ev.ended)
            ranges.append((first, last, r.trigger_id))
    return out


def _trigger_words(inst, coder: Encoder) -> str | None:
    """The trigger as a lawyer names it: what the fact or verdict is, with its id."""
    for v in inst.bindings.values():
        if getattr(v, "id", None) == inst.trigger_id and hasattr(v, "moment"):
            return fact_name_zh(coder.encode(v))
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
    out = []
    for c in report["clauses"]:
        n = c["number"]
        obs = [o for o in report["obligations"] if o["clause"] == n]
        evs = [e for e in report["events"] if e["clause"] == n]
        rems = [r for r in report["remedies"] if r["clause"] == n]
        if obs or evs or rems:
            out.append((c, obs, evs, rems))
    return out


STATUS_ZH = {"inactive": "未触发", "active": "履行中", "suspended": "暂停", "fulfilled": "已履行", "violated": "已违约",
             "excused": "已免除", "discharged": "已解除", "undetermined": "待定"}
REMEDY_ZH = {"held": "可主张", "exercised": "已行使", "lapsed": "已失效", "undetermined": "待定"}
SEVERITY_ZH = {"error": "错误", "warning": "提示", "info": "说明"}


def yuan(amount: str | None) -> str:
    """'6980000.00' → '¥6,980,000.00'."""
    return "" if amount is None else f"¥{Decimal(amount):,.2f}"


def cn(iso_text: str | None, chinese: str | None = None) -> str:
    """2026年7月13日24时（2026-07-14T00:00:00+08:00）."""
    if not iso_text:
        return "—"
    return f"{chinese or Moment.of(datetime.fromisoformat(iso_text)).chinese()}（{iso_text}）"


def calendar_text(report: dict, sep: str) -> str:
    """The calendar data a report used: 'chinese-calendar 1.11.0 2004-2026; file …'."""
    return sep.join(f"{s['name']} {s.get('version', '')} {s.get('years', '')}".strip() for s in report["calendar"])


def reasons(row: dict, lang: str) -> list[str]:
    """A verdict's reasons in ``lang``, worded from its steps."""
    return render_lines(row["steps"], lang) if "steps" in row else row["because"]


def message(f: dict, lang: str) -> str:
    """A finding's message in ``lang``: the evaluator's own are worded from their code and args."""
    if f.get("args") is not None:
        return finding_message(f["code"], f["args"], lang) or f["message"]
    return (f.get("text") or {}).get(lang) or f["message"]


def trigger_zh(trigger: str | None, row: dict | None = None) -> str:
    """A trigger as a lawyer reads it: what the fact or verdict is (with its id), or a period that
    ran out (no fact's id)."""
    if trigger and trigger.startswith("time:"):
        return "期间届满"
    if row and row.get("trigger_cn"):
        return row["trigger_cn"]
    return trigger or "—"


def render(report: dict, lang: str = "zh", inactive: bool = False) -> str:
    """The text report in the reader's language: Chinese (default) or English; ``inactive``: each
    untriggered obligation with the conditions it waits for (else folded into one line)."""
    return render_text(report) if lang == "en" else render_text_zh(report, inactive)


def render_text_zh(report: dict, inactive: bool = False) -> str:
    """The text report for legal staff: a summary first, then clause by clause in the contract's
    order, each obligation with its reasons beside it; untriggered obligations on one line."""
    obs, rems = report["obligations"], report["remedies"]
    lines = [f"合同 {report['contract']} {report.get('title') or ''}".rstrip(), f"截至 {cn(report['as_of'])}"]
    life = report.get("contract_life") or {}
    if life.get("effective") and life["effective"] != "always":
        lines.append(f"合同自 {cn(life['effective'])} 生效")
    if life.get("ended"):
        ground = life.get("ended_label") or life["ended_by"]
        lines.append(f"合同于 {cn(life['ended'], life.get('ended_cn'))} 终止：{ground}（{life['ended_by']}，"
                     f"{clause_words(life.get('ended_clause'), 'zh')}，依据 {life['trigger']}）"
                     + (f"，所依据的假定：{'、'.join(life['assumptions'])}" if life.get("assumptions") else ""))
    violated = [o for o in obs if o["status"] == "violated"]
    undetermined = [o for o in obs if o["status"] == "undetermined"]
    soon = report.get("due_soon_until")
    due_soon = [o for o in obs if o["status"] == "active" and o["due"] and soon and o["due"] <= soon]
    open_rems = [r for r in rems if r.get("status", "held") == "held"]
    used = sorted({a for x in (*violated, *undetermined, *due_soon, *open_rems) for a in x.get("assumptions", ())})

    def brief(o):
        return f"{o['name']}（{o['label'] or ''}，{clause_words(o['clause'], 'zh')}，{trigger_zh(o['trigger'], o)}）"
    lines += ["", "一、概要",
              f"  已违约 {len(violated)} 项" + ("：" + "；".join(brief(o) for o in violated) if violated else ""),
              f"  10个工作日内到期 {len(due_soon)} 项" + ("：" + "；".join(
                  f"{brief(o)} 期限 {o['due_cn']}" for o in due_soon) if due_soon else "")]
    if undetermined:
        lines.append(f"  待定 {len(undetermined)} 项：" + "；".join(brief(o) for o in undetermined))
    lines.append(f"  可主张的救济 {len(open_rems)} 项" + ("：" + "；".join(
        f"{r['name']}（{r['label'] or ''}）{r['holder']} {yuan(r['amount'])}".rstrip() for r in open_rems)
        if open_rems else ""))
    if used:
        lines.append("  以上结论所依据的假定：" + "、".join(used))
    if report.get("assumptions_overridden"):
        lines.append("  本次改用的假定：" + "；".join(f"{k} = {v}" for k, v in report["assumptions_overridden"].items()))
    lines += ["", "二、逐条"]
    for clause, c_obs, c_evs, c_rems in by_clause(report):
        lines.append(f"{clause_heading(clause['number'])}  {clause['title'] or ''}".rstrip())
        waiting = [o for o in c_obs if o["status"] == "inactive"] if not inactive else []
        for o in c_obs:
            if o["status"] == "inactive" and not inactive:
                continue
            who = f"{o['debtor'] or '（未定）'} → {o['creditor'] or '（未定）'}"
            lines.append(f"  {o['name']}（{o['label'] or ''}） {who}：{STATUS_ZH.get(o['status'], o['status'])}")
            if o["status"] == "inactive":  # (asked for: what it waits for)
                lines += [f"      {b}" for b in reasons(o, "zh")]
                continue
            lines.append(f"    触发  {trigger_zh(o['trigger'], o)}  {cn(o['triggered_at'], o.get('triggered_cn'))}")
            if o["due"] and o.get("continuing"):
                lines.append(f"    终期  {cn(o['due'], o.get('due_cn'))}（持续履行至该时刻止）")
            elif o["due"]:
                included = "（含该时刻）" if o.get("due_included") else "（该时刻起逾期）"
                lines.append(f"    期限  {cn(o['due'], o.get('due_cn'))}{included}")
            elif o.get("due_not_before"):
                lines.append(f"    期限  不早于 {cn(o['due_not_before'])}（所需年份的官方日历尚未公布）")
            if o["fulfilled_at"]:
                late = "（逾期履行）" if o["status"] == "violated" else ""
                lines.append(f"    履行  {cn(o['fulfilled_at'])}{late}")
            if o.get("assumptions"):
                lines.append(f"    假定  {'、'.join(o['assumptions'])}")
            lines.append("    理由")
            lines += [f"      {b}" for b in reasons(o, "zh")]
        if waiting:
            lines.append("  未触发：" + "、".join(f"{o['name']}（{o['label'] or ''}）" for o in waiting))
        for e in c_evs:
            lines.append(f"  事件 {e['name']}（{e['label'] or ''}）：{cn(e['at'], e.get('at_cn'))}，依据 {e['source']}")
            if e.get("assumptions"):
                lines.append(f"    假定  {'、'.join(e['assumptions'])}")
            lines += [f"      {b}" for s, b in zip(e.get("steps", ()), reasons(e, "zh")) if not s.get("depth")]
        for r in c_rems:
            state = REMEDY_ZH.get(r.get("status", "held"), r.get("status"))
            amount = f" {yuan(r['amount'])}" if r["amount"] is not None else ""
            lines.append(f"  救济 {r['name']}（{r['label'] or ''}）{r['holder']} 自 {cn(r['since'], r.get('since_cn'))}"
                         f"{amount}：{state}")
            if r.get("assumptions"):
                lines.append(f"    假定  {'、'.join(r['assumptions'])}")
            lines += [f"      {b}" for b in reasons(r, "zh")]
        lines.append("")
    if report["findings"]:
        lines.append("三、提示")
        for f in report["findings"]:
            clause = f"（{clause_words(f['clause'], 'zh')}）" if f.get("clause") else ""
            lines.append(f"  {SEVERITY_ZH.get(f['severity'], f['severity'])}[{f['code']}]{clause} {message(f, 'zh')}")
            if f.get("args") is not None:  # the evaluator's own: its reasons too
                lines += [f"      {b}" for b in reasons(f, "zh")]
        lines.append("")
    enc = report["rules"].get("encoding")
    facts = report.get("facts") or {}
    lines.append(f"规则文件 {report['rules']['file']}（{'编码 ' + enc + '，' if enc else ''}文本 sha256 "
                 f"{report['rules']['sha256']}）"
                 + (f"；事实文件 {facts['file']}（编码 {facts['encoding']}）" if facts.get("encoding") else "")
                 + "；日历 " + calendar_text(report, "；"))
    return "\n".join(lines)


def render_text(report: dict) -> str:
    """The English text report: a timeline clause by clause, trigger → due → outcome, then the reasons."""
    lines = [f"合同 {report['contract']} {report.get('title') or ''}".rstrip(),
             f"as of {both(report['as_of'])}"]
    life = report.get("contract_life") or {}
    if life.get("effective") and life["effective"] != "always":
        lines.append(f"in force since {both(life['effective'])}")
    if life.get("ended"):
        lines.append(f"ended {both(life['ended'])} by {life['ended_by']} ({life['trigger']})")
    lines.append("")
    for clause, obs, evs, rems in by_clause(report):
        lines.append(f"{clause_heading(clause['number'])}  {clause['title'] or ''}".rstrip())
        for o in obs:
            who = f"{o['debtor'] or '?'} → {o['creditor'] or '?'}"
            lines.append(f"  {o['name']}（{o['label'] or ''}） {who}: {o['status'].upper()}")
            if o["status"] == "inactive":
                continue
            lines.append(f"    trigger  {o['trigger']}  {both(o['triggered_at'], chinese=o.get('triggered_cn'))}")
            included = " (included: an act at that instant is in time)" if o.get("due_included") else ""
            lines.append(f"    due      {both(o['due'], chinese=o.get('due_cn'))}{included}")
            if o["fulfilled_at"]:
                late = " (late)" if o["status"] == "violated" else ""
                lines.append(f"    done     {both(o['fulfilled_at'])}{late}")
        for e in evs:
            lines.append(f"  {e['name']}（{e['label'] or ''}） deemed at {both(e['at'], chinese=e.get('at_cn'))}"
                         f"  from {e['source']}")
        for r in rems:
            amount = f"  ¥{r['amount']}" if r["amount"] is not None else ""
            state = {"exercised": f", exercised {r.get('exercised_at')}", "lapsed": ", lapsed"}.get(r.get("status"), "")
            lines.append(f"  {r['name']}（{r['label'] or ''}） {r['holder']} may act since "
                         f"{both(r['since'], chinese=r.get('since_cn'))}{amount}{state}")
        lines.append("")
    if report["findings"]:
        lines.append("Findings")
        for f in report["findings"]:
            clause = f" [{f['clause']}]" if f.get("clause") else ""
            lines.append(f"  {f['severity']}[{f['code']}]{clause} {message(f, 'en')}")
        lines.append("")
    lines.append("Why")
    for o in report["obligations"]:
        if o["status"] == "inactive":
            continue
        lines.append(f"  {o['clause']} {o['name']} ({o['trigger']}): {o['status']}")
        lines += [f"      {b}" for b in reasons(o, "en")]
    for r in report["remedies"]:
        lines.append(f"  {r['clause']} {r['name']} ({r['trigger']}): {r['holder']} since {r['since']}")
        lines += [f"      {b}" for b in reasons(r, "en")]
    lines += ["", f"rules {report['rules']['file']} sha256 {report['rules']['sha256']}; calendar "
              + calendar_text(report, "; ")]
    return "\n".join(lines)
