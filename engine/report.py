"""Evaluation → the report of the interface spec (JSON) and a readable table (text)."""
from __future__ import annotations

from decimal import Decimal

from .checker import money
from .diagnostics import Diagnostic
from .evaluator import Evaluation, Status, iso
from .model import Name


def _money(v) -> str | None:
    return None if v is None else str(money(v)) if isinstance(v, Decimal) else str(v)


def build(ev: Evaluation, rules_sha256: str, check_findings: list[Diagnostic]) -> dict:
    p = ev.p
    contract = p.checked.rules.contract
    obligations = []
    for plan in p.obligations:
        o = plan.decl
        insts = ev.instances[o.name]
        if not insts:
            obligations.append({
                "name": o.name, "label": o.label, "clause": o.clause, "debtor": _static_party(plan, p.checked.parties),
                "creditor": _static_party(plan, p.checked.parties, "creditor"), "trigger": None, "status": Status.INACTIVE.value,
                "triggered_at": None, "due": None, "fulfilled_at": None,
                "because": [f"{o.clause}: not triggered by {iso(ev.as_of)}"]})
            continue
        for inst in insts:
            d = inst.deadline
            obligations.append({
                "name": o.name, "label": o.label, "clause": o.clause, "debtor": inst.debtor,
                "creditor": inst.creditor, "trigger": inst.trigger_id, "status": inst.status.value,
                "triggered_at": iso(inst.triggered.at), "due": iso(d.due) if d else None,
                "due_cn": d.end().chinese() if d else None,
                "fulfilled_at": iso(inst.fulfilled_at), "because": list(inst.because)})
    events = [{"name": e.type, "label": p.checked.deemed[e.type].label, "clause": p.checked.deemed[e.type].clause,
               "id": e.id, "source": e.attrs.get("source"), "at": iso(e.moment.at), "at_cn": e.moment.chinese(),
               "because": list(e.because)} for e in ev.events]
    remedies = []
    for r in ev.remedies:
        amount, accrual = r.accrued(ev.as_of)
        remedies.append({"name": r.plan.decl.name, "label": r.plan.decl.label, "clause": r.plan.decl.clause,
                         "holder": r.holder, "trigger": r.trigger_id, "since": iso(r.since.at),
                         "amount": _money(amount), "because": r.because + ([accrual] if accrual else [])})
    findings = [{"code": d.code, "severity": d.severity, "clause": d.clause, "message": d.message}
                for d in check_findings]
    findings += [{"code": f.code, "severity": f.severity, "clause": f.clause, "message": f.message,
                  "at": iso(f.at), "because": f.because} for f in ev.findings]
    return {
        "contract": contract.id if contract else None,
        "as_of": iso(ev.as_of),
        "obligations": obligations,
        "events": events,
        "remedies": remedies,
        "findings": findings,
        "rules": {"file": p.checked.rules.path, "sha256": rules_sha256},
        "calendar": p.calendar.sources(),
    }


def _static_party(plan, parties, which="debtor"):
    """A debtor/creditor written as a party name is known before any trigger."""
    expr = getattr(plan.decl, which)
    return expr.name if isinstance(expr, Name) and expr.name in parties else None


def render_text(report: dict) -> str:
    """A table for people: one line per obligation, then events, remedies and findings."""
    lines = [f"合同 {report['contract']}  as of {report['as_of']}", ""]
    rows = [("clause", "obligation", "debtor→creditor", "status", "trigger", "due", "fulfilled")]
    for o in report["obligations"]:
        rows.append((o["clause"], o["name"], f"{o['debtor'] or '-'}→{o['creditor'] or '-'}", o["status"],
                     o["trigger"] or "-", o.get("due_cn") or "-", (o["fulfilled_at"] or "-")[:16]))
    lines += _table(rows)
    if report["events"]:
        lines += ["", "Deemed events"]
        lines += _table([("clause", "event", "at", "source")] +
                        [(e["clause"], e["name"], e["at_cn"], e["source"] or "-") for e in report["events"]])
    if report["remedies"]:
        lines += ["", "Remedies"]
        lines += _table([("clause", "remedy", "holder", "since", "amount")] +
                        [(r["clause"], r["name"], r["holder"] or "-", r["since"][:16], r["amount"] or "-")
                         for r in report["remedies"]])
    if report["findings"]:
        lines += ["", "Findings"]
        for f in report["findings"]:
            lines.append(f"  {f['severity']}[{f['code']}] {f.get('clause') or ''}: {f['message']}")
    lines += ["", "Why"]
    for o in report["obligations"]:
        if o["status"] == "inactive":
            continue
        lines.append(f"  {o['clause']} {o['name']} ({o['trigger']}): {o['status']}")
        lines += [f"      {b}" for b in o["because"]]
    for r in report["remedies"]:
        lines.append(f"  {r['clause']} {r['name']} ({r['trigger']}): {r['holder']} since {r['since']}")
        lines += [f"      {b}" for b in r["because"]]
    lines += ["", f"rules {report['rules']['file']} sha256 {report['rules']['sha256'][:16]}…; calendar "
              + "; ".join(f"{s['name']} {s.get('version', '')} {s.get('years', '')}".strip()
                          for s in report["calendar"])]
    return "\n".join(lines)


def _width(s: str) -> int:
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _table(rows) -> list[str]:
    widths = [max(_width(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    out = []
    for k, r in enumerate(rows):
        out.append("  " + "  ".join(str(c) + " " * (w - _width(str(c))) for c, w in zip(r, widths)).rstrip())
        if k == 0:
            out.append("  " + "  ".join("-" * w for w in widths))
    return out
