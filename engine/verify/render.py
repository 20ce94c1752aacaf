"""`qiyue verify`'s result in words (Chinese by default, or English) and as JSON: for each property
whether it held over how many examples; for each that failed, the shortest counterexample found —
the facts as a short timeline, the clauses' verdicts at the instant tested, what failed — and the
command that finds it again."""
from __future__ import annotations

import shlex

from ..textfile import visible_lines
from ..report.explain import arg
from ..report.build import STATUS_ZH, REMEDY_ZH, clause_heading, cn, remedy_value
from ..time.timecalc import Moment
from ..lang.phrase import Phrase
from ..report.phrase import words as phrase_words

WORDS = {
    "zh": {
        "title": "性质检验：{rules}（种子 {seed}，每项最多 {examples} 例）",
        "held": "✓ {what}：成立（已试 {n} 例）",
        "unevaluable": "  （其中 {k} 例无法评估，不计：{why}）",
        "untested": "? {what}：未能检验——所试的 {n} 例中 {k} 例无法评估：{why}",
        "failed": "✗ {what}：不成立",
        "timeline": "  反例（已化简为 {n} 条事实）：",
        "no_facts": "    （没有事实）",
        "as_of": "  截至 {t} 的结论：",
        "obligation": "    {what}：{status}{due}",
        "due": "，期限 {t}",
        "event": "    视为 {what}：{t}",
        "life_event": "    {what}：{t}",
        "remedy": "    救济 {what}：{holder}{amount}，{status}",
        "nothing": "    （没有产生任何义务、事件或救济）",
        "holds": "  不成立的条件：{what}",
        "sides": "    其中 {left} 为 {left_value}，{right} 为 {right_value}",
        "unknown": "未知",
        "never": "  不应发生却发生了：{what}",
        "for": "    针对：{facts}",
        "again": "  复现：qiyue verify {rules} --seed {seed} --only {name}{options}",
        "summary_ok": "全部 {n} 项性质成立。",
        "summary_bad": "{bad} 项性质不成立或未能检验（共 {n} 项）。",
        "none": "规则文件没有写明任何性质（property）。",
    },
    "en": {
        "title": "Property verification: {rules} (seed {seed}, at most {examples} examples each)",
        "held": "✓ {what}: holds ({n} examples tried)",
        "unevaluable": "  ({k} of them could not be evaluated and do not count: {why})",
        "untested": "? {what}: not tested — {k} of the {n} examples tried could not be evaluated: {why}",
        "failed": "✗ {what}: does not hold",
        "timeline": "  counterexample (shrunk to {n} fact(s)):",
        "no_facts": "    (no facts)",
        "as_of": "  verdicts as of {t}:",
        "obligation": "    {what}: {status}{due}",
        "due": ", due {t}",
        "event": "    deemed {what}: {t}",
        "life_event": "    {what}: {t}",
        "remedy": "    remedy {what}: {holder}{amount}, {status}",
        "nothing": "    (no obligation, event or remedy arose)",
        "holds": "  the condition that failed: {what}",
        "sides": "    where {left} is {left_value} and {right} is {right_value}",
        "unknown": "not known",
        "never": "  what should never happen, and did: {what}",
        "for": "    for: {facts}",
        "again": "  to find it again: qiyue verify {rules} --seed {seed} --only {name}{options}",
        "summary_ok": "All {n} properties hold.",
        "summary_ok_1": "The 1 property holds.",
        "summary_bad": "{bad} of {n} properties do not hold or could not be tested.",
        "summary_bad_1": "{bad} of 1 property does not hold or could not be tested.",
        "none": "The rule file states no property.",
    },
}


def _what(o, lang: str) -> str:
    return _named(o.name, o.label, o.clause, lang)


def _named(name: str, label: str | None, clause: str | None, lang: str) -> str:
    """A rule by its name, its label and its clause: 支付咨询费（付款，第 6 条）; a label equal to the name (a
    rule named in Chinese by its own label) said once — 合同生效（第 9.1 条） (user round 24)."""
    where = (f"clause {clause}" if lang == "en" else clause_heading(clause)) if clause else ""
    parts = [x for x in (label if label != name else None, where) if x]
    if not parts:
        return name
    return f"{name}（{'，'.join(parts)}）" if lang == "zh" else f"{name} ({', '.join(parts)})"


def _said(what, lang: str) -> str:
    """A condition of the rule file (or a side of one) in words: in Chinese in the contract's words."""
    return phrase_words(what.tree, lang, str(what)) if isinstance(what, Phrase) else what


def _value(v, w: dict, lang: str) -> str:
    """A value a side of a condition had (encoded as a report encodes it), in words; one not known said so."""
    return w["unknown"] if v is None else arg(v, lang)


def _instant(iso: str | None, cn_text: str | None, lang: str) -> str:
    if not iso:
        return "—"
    return cn(iso, cn_text) if lang == "zh" else iso


def text(v, lang: str = "zh") -> str:
    w = WORDS[lang]
    out = [w["title"].format(rules=v.rules, seed=v.seed, examples=v.examples)]
    if not v.outcomes:
        out.append(w["none"])
    for o in v.outcomes:
        why = o.error.diagnostics[0].text(lang) if o.error is not None and o.error.diagnostics else ""
        if o.held:
            out.append(w["held"].format(what=_what(o, lang), n=o.examples))
            if o.unevaluable:
                out.append(w["unevaluable"].format(k=o.unevaluable, why=why))
            continue
        c = o.counterexample
        if c is None:
            out.append(w["untested"].format(what=_what(o, lang), n=o.examples, k=o.unevaluable, why=why))
            continue
        out.append(w["failed"].format(what=_what(o, lang)))
        out.append(w["timeline"].format(n=len(c.facts)))
        out += [f"    {f['text'][lang]}" for f in c.encoded] or [w["no_facts"]]
        out.append(w["as_of"].format(t=_instant(c.report["as_of"], Moment.of(c.as_of).chinese(), lang)))
        out += _verdicts(c.report, w, lang)
        what = c.failure.what  # (a condition of the rule file: in Chinese in the contract's words)
        out.append(w[c.failure.kind].format(what=_said(what, lang)))
        if c.sides is not None:  # (a comparison: both sides' values, as eval's reasons give a condition's values)
            _, (left, left_value), (right, right_value) = c.sides
            out.append(w["sides"].format(left=_said(left, lang), right=_said(right, lang),
                                         left_value=_value(left_value, w, lang),
                                         right_value=_value(right_value, w, lang)))
        if c.failed_on:
            sep = "；" if lang == "zh" else "; "
            out.append(w["for"].format(facts=sep.join(f["text"][lang] for f in c.failed_on)))
        # (a command to paste: the file's name quoted as a shell reads it — "my rules.qy" is one argument, not two)
        out.append(w["again"].format(rules=shlex.quote(v.rules), seed=v.seed, name=o.name, options=v.options))
    bad = sum(not o.held for o in v.outcomes)
    if v.outcomes:
        key = "summary_bad" if bad else "summary_ok"  # (in English one property is singular: user round 23)
        out.append(w.get(f"{key}_1" if len(v.outcomes) == 1 else key, w[key]).format(bad=bad, n=len(v.outcomes)))
    # (a label, note or fact of the rule file holding ESC, CR, U+2028 or U+202E is shown as its escape, as the
    # eval report shows it: never acted on by the terminal, never a line of its own)
    return visible_lines(out) + "\n"


def _verdicts(report: dict, w: dict, lang: str) -> list[str]:
    # (imported here, once the search is done: a module more imported before it shifts which streams hypothesis draws
    # for a seed — the counterexample a seed finds moved with it)
    from ..report.html import deemed
    lines = []
    life = report.get("contract_life") or {}
    for o in report["obligations"]:
        if o["status"] == "inactive":
            continue
        status = STATUS_ZH.get(o["status"], o["status"]) if lang == "zh" else o["status"]
        due = w["due"].format(t=_instant(o["due"], o.get("due_cn"), lang)) if o.get("due") else ""
        lines.append(w["obligation"].format(what=_named(o["name"], o.get("label"), o["clause"], lang), status=status,
                                            due=due))
    for e in report["events"]:  # (视为 only for a deemed one: not the contract's taking effect nor its end)
        lines.append(w["event" if deemed(e, life) else "life_event"].format(
            what=_named(e["name"], e.get("label"), e["clause"], lang), t=_instant(e["at"], e.get("at_cn"), lang)))
    for r in report["remedies"]:
        status = REMEDY_ZH.get(r["status"], r["status"]) if lang == "zh" else r["status"]
        amount = remedy_value(r, lang)
        lines.append(w["remedy"].format(what=_named(r["name"], r.get("label"), r["clause"], lang),
                                        holder=r.get("holder") or "", amount=f" {amount}" if amount else "",
                                        status=status))
    return lines or [w["nothing"]]


def as_json(v, lang: str = "zh") -> dict:
    return {
        "rules": v.rules, "seed": v.seed, "examples": v.examples, "options": v.options.strip(), "held": v.held,
        "properties": [{
            "name": o.name, "label": o.label, "clause": o.clause, "held": o.held, "examples": o.examples,
            "unevaluable": o.unevaluable,
            "error": None if o.error is None else [d.as_json(lang) for d in o.error.diagnostics],
            "counterexample": None if o.counterexample is None else {
                "facts": o.counterexample.facts,
                "as_of": o.counterexample.as_of.isoformat(),
                "failed": {"kind": o.counterexample.failure.kind, "what": o.counterexample.failure.what,
                           "facts": [f["id"] for f in o.counterexample.failed_on],
                           # (a failed comparison: each side as written and its value, encoded as a report's values)
                           "sides": None if o.counterexample.sides is None else {
                               "op": o.counterexample.sides[0],
                               **{k: {"text": str(words), "value": value}
                                  for k, (words, value) in zip(("left", "right"), o.counterexample.sides[1:])}}},
                "obligations": [{k: x[k] for k in ("name", "clause", "status", "due", "fulfilled_at")}
                                for x in o.counterexample.report["obligations"] if x["status"] != "inactive"],
                "events": [{k: x[k] for k in ("name", "clause", "at")} for x in o.counterexample.report["events"]],
                "remedies": [{k: x.get(k) for k in ("name", "clause", "holder", "since", "status", "amount")}
                             for x in o.counterexample.report["remedies"]],
            }} for o in v.outcomes],
    }
