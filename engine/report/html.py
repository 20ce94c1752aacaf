"""The report as one self-contained HTML page: obligations on a time axis (trigger → due →
outcome), deemed events and remedies as marks, and the reasons clause by clause.

No server and no outside resources: the SVG is drawn here, the little script only adds
highlighting and a filter, so the page reads the same printed or offline.

In Chinese by default, in English for a report of ``lang`` "en" (or ``render_html(report, "en")``):
the page's own words come from HTML_WORDS, its status words from the text report's TEXT_WORDS.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta
from html import escape as _html_escape

from ..diagnostics import _cells  # (how wide a character is drawn: a Chinese one two columns)
from ..textfile import _HIDDEN, _escape
from .build import (TEXT_WORDS, both, by_clause, calendar_text, clause_heading, derived_kinds, event_source, finding_line,
                     instant, named, parties_words, reasons, remedy_value, shared_triggers, trigger_words, trigger_zh)
from ..time.timecalc import period_label_zh

MAX_ROWS = 400  # rows drawn on the axis; every instance is still listed in the tables below
ROW_H, AXIS_H = 22, 44  # a row's height; the axis above the rows: years, then months
LABEL_CHARS = 40  # a row label longer than this is cut at a whole character and ends with “…”
LABEL_COLUMNS = 44  # nor wider than this many Latin letters (a Chinese character is two): as wide as 40 identifiers' letters


def escape(text) -> str:
    """Text for the page: control characters and direction marks of a fact written as their escape (\\u0000,
    as the text report does: never a raw NUL or U+2028 in the page), then HTML-escaped."""
    text = str(text)
    if _ESCAPED.search(text) is None:  # (nearly every piece of a page: nothing to change, one search for it)
        return text
    return _html_escape(_UNSEEN_ON_PAGE.sub(_escape, text))


# what the page writes as its escape: what ``visible`` does, and the line end and the tab too, which HTML folds into a
# space — facts "o 1" and "o\n1" would read alike (the text report writes the line end as \u000a: the fuzzer, round 41)
_UNSEEN_ON_PAGE = re.compile("[\t\n" + _HIDDEN.pattern[1:])
# what ``escape`` changes: what html.escape escapes (& < > " ') and what ``_UNSEEN_ON_PAGE`` writes as its escape
_ESCAPED = re.compile("[&<>\"'\t\n" + _HIDDEN.pattern[1:])


def short(label: str, head: str | None = None, tail: str = "") -> str:
    """A row label within LABEL_CHARS characters and LABEL_COLUMNS columns (a Chinese character counts two: a label in
    Chinese takes no more room beside the drawing than one in identifiers — a wider column squeezes the month ticks
    of a narrow window into each other), else cut at a whole character, ending with “…” (two columns); the row's
    tooltip holds it whole.  Given its parts — ``head``, the clause and the row's name without the rule's name beside
    it, and ``tail``, what tells rows of one rule apart (their trigger: 2023年第3季度) —: the two, when they fit whole."""
    if _fits(label):
        return label
    if head is not None and _fits(head + tail):
        return head + tail
    kept, width = [], 2
    for ch in label[:LABEL_CHARS - 1]:
        width += _cells(ch)
        if width > LABEL_COLUMNS:
            break
        kept.append(ch)
    return "".join(kept) + "…"


def _fits(label: str) -> bool:
    return len(label) <= LABEL_CHARS and sum(map(_cells, label)) <= LABEL_COLUMNS


_BREAKS = re.compile(r"(?<=\d{4}-\d\d-\d\dT)|(?<=[a-z_]:)")  # 2025-09-02T|00:00, time:|2025-…


def unbroken(text: str) -> str:
    """Escaped text that a narrow column breaks only at its spaces, between an ISO date and its
    time, or after a prefix such as `time:`; never inside a date (2025-09-|29) or between the
    characters of a Chinese word."""
    return " ".join("<wbr>".join(f'<span class="nb">{escape(piece)}</span>' for piece in _BREAKS.split(part) if piece)
                    for part in text.split(" "))


COLOURS = {"active": "#2f6fb3", "fulfilled": "#2e8b57", "violated": "#c0392b", "excused": "#8c8c8c",
           "inactive": "#cccccc", "discharged": "#6b5b95", "suspended": "#d4a017", "undetermined": "#e67e22"}


# The page's own words, per language (the report's `lang`): one template writes both.  Status, remedy
# and severity words, and "(not yet known)" for a party, are the text report's (report.TEXT_WORDS).
HTML_WORDS = {
    "zh": {
        "html_lang": "zh-CN", "title": "{contract} — 截至 {as_of}", "as_of": "截至",
        "rules": "规则文件", "calendars": "日历",
        "effective": " · 合同自 <b>{t}</b> 生效", "not_effective": " · <b>合同尚未生效</b>",
        "ended": " · 合同于 <b>{t}</b> 终止：{ground}（依据 {trigger}）",
        "timeline": "时间轴", "year": "{year}年", "months": tuple(f"{m}月" for m in range(1, 13)),
        "tip": "{name} — {status}; 触发 {triggered}; 期限 {due}", "not_before": "不早于 {t}", "tip_parties": "（{parties}）", "tip_discharged": "; 合同于 {t} 终止，此义务随之终止履行",
        "tip_event": "{name} 视为发生于 {t}", "tip_life": "{name} 发生于 {t}",
        "tip_remedy": "{name}：{holder} 自 {t} 起享有；{status}",
        "more": "另有 {n} 项义务列在下表中，未画在时间轴上。", "more_one": "另有 {n} 项义务列在下表中，未画在时间轴上。",
        "reasons": "理由", "deemed_event": "视为事件", "life_event": "事件", "remedy": "救济（{state}）",
        "late": "（逾期履行）",
        "columns": ("名称", "当事人", "状态", "触发", "期限 / 时间", "履行 / 金额"),
        "legend": ("● 触发", "─ 期间", "│ 期限", "■ 履行", "◆ 事件", "▲ 救济", "✕ 因合同终止而终止履行", "┆ 报告时点"),
        "hide_inactive": "隐藏未触发的义务", "findings": "提示", "max_ticks": 16,
    },
    "en": {
        "html_lang": "en", "title": "{contract} — as of {as_of}", "as_of": "As of",
        "rules": "rule file", "calendars": "calendars",
        "effective": " · the contract took effect at <b>{t}</b>",
        "not_effective": " · <b>the contract is not in effect yet</b>",
        "ended": " · the contract ended at <b>{t}</b>: {ground} (on {trigger})",
        "timeline": "time axis", "year": "{year}",
        "months": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
        "tip": "{name} — {status}; triggered {triggered}; due {due}", "not_before": "not before {t}", "tip_parties": " ({parties})",
        "tip_discharged": "; the contract ended at {t}, which discharged this duty",
        "tip_event": "{name} deemed to happen at {t}", "tip_life": "{name} at {t}",
        "tip_remedy": "{name}: {holder}'s from {t}; {status}",
        "more": "{n} more obligations are listed in the tables below but not drawn on the time axis.",
        "more_one": "{n} more obligation is listed in the tables below but not drawn on the time axis.",
        "reasons": "reasons", "deemed_event": "deemed event", "life_event": "event", "remedy": "remedy ({state})",
        "late": " (performed late)",
        "columns": ("Name", "Parties", "Status", "Triggered by", "Due / at", "Performed / amount"),
        "legend": ("● triggered", "─ period", "│ due", "■ performed", "◆ event", "▲ remedy",
                   "✕ discharged when the contract ended", "┆ as of"),
        "hide_inactive": "Hide obligations not yet triggered", "findings": "Findings", "max_ticks": 12,
        "period_ran_out": "period ended",  # a row label's trigger, within its 40 characters (the table: "a period ran out")
    },
}


def _words(lang: str) -> dict:
    """The page's words in ``lang`` (zh unless en), with the text report's status words."""
    lang = "en" if lang == "en" else "zh"
    text = TEXT_WORDS[lang]
    return {**HTML_WORDS[lang], "lang": lang, "status": text["status"], "remedy_status": text["remedy_status"],
            "severity": text["severity"], "unknown_party": text["unknown_party"]}


def _at(iso_text: str | None, chinese: str | None, lang: str) -> str:
    """An instant with its ISO text beside it: 2026年7月13日24时 (…) or 13 July 2026, 24:00 (…); '-' for none."""
    return instant(iso_text, chinese, "en") if lang == "en" and iso_text else both(iso_text, chinese=chinese)


def _shifted(t: datetime, days: int) -> datetime:
    """``t`` moved by ``days`` for the axis' margins — or as far as a datetime goes (an instant in year 9999 or 1: the
    fuzzer, round 26)."""
    try:
        return t + timedelta(days=days)
    except OverflowError:
        return t


def _t(iso_text: str | None) -> datetime | None:
    return datetime.fromisoformat(iso_text) if iso_text else None


def _life_html(report: dict, w: dict) -> str:
    """When the contract took effect and, if so, when and how it ended — on the page's first line (the notice that
    ended it cited as the text report cites it, tn, not notice_delivered:tn — contract round 35)."""
    life = report.get("contract_life") or {}
    out = ""
    if life.get("effective") and life["effective"] != "always":
        out += w["effective"].format(t=unbroken(_at(life["effective"], life.get("effective_cn"), w["lang"])))
    elif not life.get("effective"):
        out += w["not_effective"]
    if life.get("ended"):
        ground = life.get("ended_label") or life.get("ended_by") or ""
        out += w["ended"].format(t=unbroken(_at(life["ended"], life.get("ended_cn"), w["lang"])), ground=escape(ground),
                                 trigger=escape(event_source(life.get("trigger"), None, derived_kinds(report), w["lang"])))
    return out


def _heading(number: str, lang: str) -> str:
    """第 5.2.3 条 / Clause 5.2.3; an annex's own numbering ('附件2 三.5') stays as it is."""
    if lang == "en":
        return f"Clause {number}" if number[:1].isdigit() else number
    return clause_heading(number)


def _id_part(text: str) -> str:
    """A clause number as a part of an element's id: an id holds no white space (Annex 2 b → Annex%202%20b), and "%" is
    written %25 so that two numbers never give one id."""
    return re.sub(r"[\s%]", lambda m: f"%{ord(m.group()):02X}", text)


def _bar_end(o: dict, ended: datetime | None) -> datetime | None:
    """Where an obligation's bar stops short of its due instant: the end of the contract, for a duty
    the contract's termination discharged (it never fell due)."""
    return ended if o["status"] == "discharged" and ended is not None else None


def deemed(e: dict, life: dict) -> bool:
    """Whether a report's event is deemed (a `deemed` rule's): not the contract's taking effect — its event bears the
    id of the fact that completed it, its `effective_by` — nor the termination that ended it (`ended_by`): a notice
    that reached the other party is not deemed to have (user round 24; `qiyue verify`'s counterexample the same)."""
    return e["name"] != life.get("ended_by") and not e["id"] == e.get("source") == life.get("effective_by")


def _label_column(labels: list) -> str:
    """The rows' names, each cut to the column (``short``); rows whose names the cut made one — six quarterly reports of
    one rule, their quarters cut off: contract round 38 — named without the rule's name instead, their tails whole."""
    cut = [short(label) for _, label, _, _ in labels]
    whole: dict[str, set] = {}  # (each name as cut: the names it was cut from)
    for (_, label, _, _), c in zip(labels, cut):
        whole.setdefault(c, set()).add(label)
    return "".join(f"{div}{escape(short(label, head, tail) if len(whole[c]) > 1 else c)}</div>"
                   for (div, label, head, tail), c in zip(labels, cut))


def render_html(report: dict, lang: str | None = None) -> str:
    """The page in ``lang`` (default: the report's own ``lang``): Chinese, or English for "en"."""
    w = _words(lang or report.get("lang") or "zh")
    lang = w["lang"]
    worded = report.get("lang") == lang  # (the report's own `because` are in this language: not worded again)
    tw = TEXT_WORDS[lang]  # (a row's name as the text report words it: its label, the rule's name beside it)
    kinds = derived_kinds(report)  # (a deemed event cited by the fact it comes from, as the text report does)
    life = report.get("contract_life") or {}  # (which events are the contract's taking effect and its end: ``deemed``)

    def when(iso_text, chinese=None):
        return _at(iso_text, chinese, lang)

    def due_words(o, when=when):  # (a deadline a year no calendar knows leaves open: its earliest end, not "-")
        if o["due"] is None and o.get("due_not_before"):
            return w["not_before"].format(t=when(o["due_not_before"], o.get("due_not_before_cn")))
        return when(o["due"], o.get("due_cn"))

    def trigger(row, full=False):
        """The trigger as the table names it (``full``: what the fact is, with its id) or as a row label
        does (its id, or that a period ran out)."""
        if full:  # (a remedy has no `trigger_cn`: its trigger's fact, from its steps)
            return trigger_words(row, lang)
        key = row["trigger"] or ""
        derived = (":" in key or "#" in key) and not key.startswith("time:")
        if lang == "zh":  # (a derived event's or a stage's key — 验收完成:视为验收合格:组织验收#1.violated —: what it is,
            # as the table says it, not the engine's key: user round 23; in English too — notice_delivered (from rp):
            # fuzz round 34)
            period = not derived and row.get("trigger_cn") == period_label_zh(key) != key  # (2026年第3季度)
            return trigger_zh(key, row if derived or period else None)
        if derived:
            return trigger_words(row, lang)
        return w["period_ran_out"] if key.startswith("time:") else key or "—"

    rows = [o for o in report["obligations"] if o["status"] != "inactive"]
    alike = shared_triggers(rows)
    drawn = rows[:MAX_ROWS]
    ended = _t((report.get("contract_life") or {}).get("ended"))
    instants = [_t(report["as_of"])]
    for o in drawn:
        instants += [_t(o["triggered_at"]), _bar_end(o, ended) or _t(o["due"]), _t(o["fulfilled_at"])]
    instants += [_t(e["at"]) for e in report["events"][:MAX_ROWS]]
    instants += [_t(r["since"]) for r in report["remedies"][:MAX_ROWS]]
    # the axis shows the facts' time and half a year after as_of; a longer duty (three years of
    # confidentiality) runs off the right edge instead of squeezing everything else
    horizon = _shifted(instants[0], 183)
    instants = [t for t in instants if t is not None and t <= horizon]
    start, end = min(instants), max(instants)
    start, end = _shifted(start, -3), _shifted(end, 3)
    span = (end - start).total_seconds() or 1.0

    def x(t: datetime) -> float:
        """Where t stands on the axis, in per cent of the drawing's width: the drawing is as wide as
        the window leaves it, and the browser places each mark."""
        return min(100.0, max(0.0, (t - start).total_seconds() / span * 100))

    marks_rows = [("event", e) for e in report["events"][:MAX_ROWS]] + \
        [("remedy", r) for r in report["remedies"][:MAX_ROWS]]
    height = AXIS_H + ROW_H * (len(drawn) + len(marks_rows)) + 20
    # the rows' names, in a column beside the drawing as wide as the longest of them: (its element, the name whole,
    # its head and tail for ``short``)
    labels = []

    def bare(row) -> str:  # (a row's name without the rule's name beside it: its label in Chinese, else its name)
        return (row.get("label") or row["name"]) if tw.get("label_first") else row["name"]

    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" class="plot" width="100%" height="{height}" '
           f'role="img" aria-label="{w["timeline"]}">'
           '<defs><path id="m-event" d="M0 0 l6 7 l-6 7 l-6 -7 z"/><path id="m-remedy" d="M0 0 l7 14 l-14 0 z"/>'
           '<path id="m-discharged" d="M-4 -4 L4 4 M-4 4 L4 -4" fill="none" stroke-width="2.5"/></defs>']
    # month ticks, thinned so that labels do not run into each other even in a narrow window; the
    # year stands above the first month shown and above the first month of each new year
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    # at most 16 ticks (12 in English: "Sep" is wider than "9月"): a month, a quarter, … five years, or
    # as many whole decades as a span of a century needs (a contract signed 1901 and reported on 2027)
    most = w["max_ticks"]
    step = next((k for k in (1, 2, 3, 6, 12, 24, 60) if months / k <= most), 120 * -(-months // (120 * most)))
    tick = datetime(start.year, start.month, 1, tzinfo=start.tzinfo)
    ticks = []
    k = 0
    while tick <= end:
        if tick >= start and k % step == 0:
            ticks.append(tick)
        tick = datetime(tick.year + tick.month // 12, tick.month % 12 + 1, 1, tzinfo=start.tzinfo)
        k += 1
    for i, tick in enumerate(ticks):
        at = x(tick)
        # near the right edge a label stands left of its line, so that it stays inside the drawing
        place = f'x="{at:.2f}%" dx="-3" text-anchor="end"' if at > 94 else f'x="{at:.2f}%" dx="3"'
        svg.append(f'<line x1="{at:.2f}%" y1="{AXIS_H - 16}" x2="{at:.2f}%" y2="{height - 10}" class="tick"/>')
        new_year = i == 0 or tick.year != ticks[i - 1].year
        # (the first tick's year is left to the next one's only where ticks are months apart — December, then January
        # "2026年": a year or more apart, as on an axis of centuries, every tick's year is its own, the first's too)
        if new_year and not (i == 0 and step < 12 and len(ticks) > 1 and ticks[1].year != tick.year):
            svg.append(f'<text {place} y="{AXIS_H - 29}" class="tick-label year">{w["year"].format(year=tick.year)}</text>')
        svg.append(f'<text {place} y="{AXIS_H - 13}" class="tick-label">{w["months"][tick.month - 1]}</text>')
    as_of = _t(report["as_of"])
    svg.append(f'<line x1="{x(as_of):.2f}%" y1="{AXIS_H - 8}" x2="{x(as_of):.2f}%" y2="{height - 10}" class="as-of"/>')
    y = AXIS_H
    for i, o in enumerate(drawn):
        colour = COLOURS[o["status"]]
        t0, due, done = _t(o["triggered_at"]), _t(o["due"]), _t(o["fulfilled_at"])
        name = named(o["name"], o.get("label"), tw)  # (as the text report: 提交履约保函（performance_bond）)
        # (two duties of one rule set off by one fact — the profit owed to each partner —: told apart by their parties)
        parties = parties_words(o, tw) if (o["name"], o["trigger"]) in alike else None
        tail = f"{tw['open']}{trigger(o)}{tw['comma'] + parties if parties else ''}{tw['close']}"
        label = f"{o['clause']} {name}{tail}"
        cut = _bar_end(o, ended)
        tip = (w["tip"].format(name=name, status=w["status"].get(o["status"], o["status"])
                               + (w["tip_parties"].format(parties=parties) if parties else ""),
                               triggered=when(o["triggered_at"], o.get("triggered_cn")),
                               due=due_words(o))
               + (w["tip_discharged"].format(t=when(report["contract_life"]["ended"],
                                                  report["contract_life"].get("ended_cn"))) if cut else ""))
        labels.append((f'<div data-row="ob-{i}" title="{escape(label)}&#10;{escape(tip)}" class="row-label">', label,
                       f"{o['clause']} {bare(o)}", tail))
        svg.append(f'<g class="row" data-row="ob-{i}"><title>{escape(tip)}</title>')
        if t0 is not None:
            bar_end = cut or due or as_of
            svg.append(f'<rect x="{x(t0):.2f}%" y="{y + 5}" width="{max(0.3, x(bar_end) - x(t0)):.2f}%" '
                       f'height="12" rx="3" fill="{colour}" opacity="0.35"/>')
            svg.append(f'<circle cx="{x(t0):.2f}%" cy="{y + 11}" r="4" fill="{colour}"/>')
        if cut is not None:  # discharged when the contract ended: the bar stops there, marked ✕, no due line
            svg.append(f'<use href="#m-discharged" class="discharged-at" x="{x(cut):.2f}%" y="{y + 11}" '
                       f'stroke="{colour}"/>')
        elif due is not None and due <= end:
            svg.append(f'<line x1="{x(due):.2f}%" y1="{y + 2}" x2="{x(due):.2f}%" y2="{y + 20}" stroke="{colour}" '
                       f'stroke-width="2"/>')
        elif due is not None:  # due beyond the axis: an arrow at the edge says "runs on"
            svg.append(f'<text x="100%" y="{y + 16}" text-anchor="end" class="runs-on" fill="{colour}">→</text>')
        if done is not None:
            svg.append(f'<rect x="{x(done):.2f}%" y="{y + 7}" width="8" height="8" transform="translate(-4 0)" '
                       f'fill="{colour}"/>')
        svg.append("</g>")
        y += ROW_H
    for j, (kind, item) in enumerate(marks_rows):
        t = _t(item["at"] if kind == "event" else item["since"])
        if kind == "event":
            name = named(item["name"], item.get("label"), tw)
            tail = f"{tw['open']}{event_source(item['source'], item.get('source_fact'), kinds, lang)}{tw['close']}"
            label = f"{item['clause']} {name}{tail}"
            shape = f'<use href="#m-event" x="{x(t):.2f}%" y="{y + 4}" fill="#7d3c98"/>'
            tip = w["tip_event" if deemed(item, life) else "tip_life"].format(name=name,
                                                                              t=when(item["at"], item.get("at_cn")))
        else:
            name = named(item["name"], item.get("label"), tw)
            tail = f" → {item['holder']}"
            label = f"{item['clause']} {name}{tail}"
            shape = f'<use href="#m-remedy" x="{x(t):.2f}%" y="{y + 4}" fill="#d68910"/>'
            tip = w["tip_remedy"].format(name=name, holder=item["holder"],  # (its status as the table says it: an
                                         # exercised or lapsed power is not 可主张 — contract round 35)
                                         t=when(item["since"], item.get("since_cn")),
                                         status=w["remedy_status"].get(item["status"], item["status"]))
        labels.append((f'<div data-row="mk-{j}" title="{escape(label)}&#10;{escape(tip)}" class="row-label">', label,
                       f"{item['clause']} {bare(item)}", tail))
        svg.append(f'<g class="mark {kind}" data-row="mk-{j}"><title>{escape(tip)}</title>{shape}</g>')
        y += ROW_H
    svg.append("</svg>")

    hidden = len(rows) - len(drawn)
    more = f"<p class='note'>{w['more_one' if hidden == 1 else 'more'].format(n=hidden)}</p>" if hidden else ""
    why = f"<td><details><summary>{w['reasons']}</summary><ul>"
    unknown = w["unknown_party"]

    def head(row) -> str:
        """A row's first cell: as the text report names it — in Chinese the label first, the rule's name small
        beneath; in English the name first (user round 22)."""
        name, label = escape(row["name"]), escape(row["label"] or "")
        if lang != "en" and label:
            return f"<td>{label}<br><small>{name}</small></td>"
        return f"<td>{name}<br><small>{label}</small></td>"

    def performed(o, when=when, unbroken=unbroken) -> str:  # (the closures passed in: tests/test_native.py)
        """When it was performed, as the text report says it (its Chinese date, and that it was late)."""
        if not o["fulfilled_at"]:
            return "-"
        return unbroken(when(o["fulfilled_at"], o.get("fulfilled_cn"))) + (w["late"] if o["status"] == "violated" else "")
    sections = []
    for clause, obs, evs, rems in by_clause(report):
        body = []
        for o in obs:
            body.append(
                f"<tr class='ob {o['status']}'>{head(o)}"
                f"<td>{escape(o['debtor'] or unknown)} → {escape(o['creditor'] or unknown)}</td>"
                f"<td><span class='status {o['status']}'>{escape(w['status'].get(o['status'], o['status']))}</span></td>"
                f"<td>{unbroken(trigger(o, full=True))}<br>"
                f"<small>{unbroken(when(o['triggered_at'], o.get('triggered_cn')))}</small></td>"
                f"<td>{unbroken(due_words(o))}</td>"
                # (performed by a fact known by its day alone: that day, not an hour of it)
                f"<td>{performed(o)}</td>"
                + why + "".join(f"<li>{escape(b)}</li>" for b in reasons(o, lang, worded)) + "</ul></details></td></tr>")
        for e in evs:
            body.append(f"<tr class='event'>{head(e)}"
                        f"<td colspan='2'>{w['deemed_event' if deemed(e, life) else 'life_event']}</td>"
                        f"<td>{unbroken(event_source(e['source'], e.get('source_fact'), kinds, lang) or '-')}</td>"
                        f"<td colspan='2'>{unbroken(when(e['at'], e.get('at_cn')))}</td>"
                        + why + "".join(f"<li>{escape(b)}</li>" for b in reasons(e, lang, worded)) + "</ul></details></td></tr>")
        for r in rems:
            amount = remedy_value(r, lang) or "-"
            state = w["remedy_status"].get(r.get("status", "held"), r.get("status"))
            body.append(f"<tr class='remedy'>{head(r)}"
                        f"<td>{escape(str(r['holder']))}</td><td>{w['remedy'].format(state=escape(state))}</td>"
                        f"<td>{unbroken(trigger(r, full=True))}</td>"
                        f"<td>{unbroken(when(r['since'], r.get('since_cn')))}</td><td>{escape(amount)}</td>"
                        + why + "".join(f"<li>{escape(b)}</li>" for b in reasons(r, lang, worded)) + "</ul></details></td></tr>")
        quiet = " quiet" if not evs and not rems and all(o["status"] == "inactive" for o in obs) else ""
        sections.append(f"<section class='clause{quiet}' id='clause-{escape(_id_part(clause['number']))}'>"
                        f"<h2>{escape(_heading(clause['number'], lang))} {escape(clause['title'] or '')}</h2>"
                        "<table><thead><tr>" + "".join(f"<th>{c}</th>" for c in w["columns"])
                        + "<th></th></tr></thead><tbody>"
                        + "".join(body) + "</tbody></table></section>")
    # (each finding's line as the text report writes it: severity[code]（clause） the fact it is about: message)
    findings = "".join(f"<li class='{escape(f['severity'])}'>{escape(finding_line(f, lang))}</li>"
                       for f in report["findings"])
    legend = w["legend"]
    calendar = calendar_text(report, "; ")
    return f"""<!DOCTYPE html>
<html lang="{w['html_lang']}"><head><meta charset="utf-8">
<title>{w['title'].format(contract=escape(report['contract'] or ''), as_of=escape(report['as_of']))}</title>
<style>
body {{ font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
        "WenQuanYi Micro Hei", sans-serif; margin: 24px; color: #222; }}
h1 {{ font-size: 20px; }} h2 {{ font-size: 16px; margin-top: 28px; }}
/* every clause's table on the same seven columns across the whole width; a row's reasons, once
   opened, take a line of their own under the row instead of squeezing into the last column */
table {{ display: grid; width: 100%; font-size: 13px;
         grid-template-columns: minmax(min-content, 16fr) minmax(min-content, 9fr) minmax(min-content, 9fr)
                                minmax(min-content, 20fr) minmax(min-content, 22fr) minmax(min-content, 16fr)
                                minmax(min-content, 8fr); }}
thead, tbody, tr {{ display: contents; }}
td[colspan="2"] {{ grid-column: span 2; }}
td:last-child:has(details[open]) {{ grid-column: 1 / -1; padding-left: 2em; border-top: 1px solid #ddd; margin-top: -1px; }}
td, th {{ border-bottom: 1px solid #ddd; padding: 4px 6px; text-align: left; vertical-align: top; }}
th, summary, label, .legend .key, .nb, td:nth-child(2), td:nth-child(3) {{ white-space: nowrap; }}
summary {{ cursor: pointer; }}
td li {{ overflow-wrap: anywhere; }}  /* a long name in the reasons may break rather than widen the page */
.legend .key {{ margin-right: 0.6em; }}
.status {{ display: inline-block; padding: 1px 6px; border-radius: 3px; color: white; }}
.status.active {{ background: #2f6fb3; }} .status.fulfilled {{ background: #2e8b57; }}
.status.violated {{ background: #c0392b; }} .status.excused {{ background: #8c8c8c; }}
.status.inactive {{ background: #bbb; }} .status.discharged {{ background: #6b5b95; }}
.status.undetermined {{ background: #e67e22; }} .status.suspended {{ background: #d4a017; }}
.status {{ white-space: nowrap; }}
/* the timeline: the rows' names in a column as wide as the longest, the drawing takes the rest */
#timeline {{ display: flex; align-items: flex-start; overflow-x: auto; }}
#timeline .labels {{ flex: none; padding: {AXIS_H}px 12px 0 0; }}
#timeline svg.plot {{ flex: 1 1 0; min-width: 480px; overflow: visible; }}
.row-label {{ height: {ROW_H}px; line-height: {ROW_H}px; font-size: 11px; color: #333; white-space: nowrap; }}
.row-label.hl {{ background: #eef3fa; }}
.tick {{ stroke: #eee; }} .tick-label {{ font-size: 10px; fill: #888; }} .tick-label.year {{ fill: #555; }}
.as-of {{ stroke: #c0392b; stroke-dasharray: 4 3; }}
.row.hl rect, .row.hl circle {{ opacity: 1; }}
.hide-inactive tr.inactive, .hide-inactive section.quiet {{ display: none; }}
.note, small {{ color: #666; }}
li.warning {{ color: #a04000; }} li.error {{ color: #c0392b; }}
</style></head>
<body>
<h1>{escape(report.get('title') or '')} <small>{escape(report['contract'] or '')}</small></h1>
<p>{w['as_of']} <b>{unbroken(when(report['as_of']))}</b>{_life_html(report, w)} · {w['rules']} {escape(report['rules']['file'])}
 sha256 <code>{escape(report['rules']['sha256'][:16])}…</code> · {w['calendars']} {escape(calendar)}</p>
<p class="legend"><span class="key">{legend[0]}</span> <span class="key">{legend[1]}</span> <span class="key">{legend[2]}</span>
 <span class="key">{legend[3]}</span> <span class="key" style="color: #7d3c98">{legend[4]}</span>
 <span class="key" style="color: #d68910">{legend[5]}</span> <span class="key" style="color: #6b5b95">{legend[6]}</span> <span class="key" style="color: #c0392b">{legend[7]}</span>
<label><input type="checkbox" id="hide-inactive" checked> {w['hide_inactive']}</label></p>
<div id="timeline"><div class="labels">{_label_column(labels)}</div>{''.join(svg)}</div>{more}
{''.join(sections)}
<h2>{w['findings']}</h2><ul id="findings">{findings}</ul>
<script>
"use strict";
window.addEventListener("error", function (e) {{ document.body.dataset.error = String(e.message); }});
(function () {{
  var box = document.getElementById("hide-inactive");
  function apply() {{ document.body.classList.toggle("hide-inactive", box.checked); }}
  box.addEventListener("change", apply);
  apply();
  document.querySelectorAll("#timeline [data-row]").forEach(function (el) {{
    var pair = document.querySelectorAll('#timeline [data-row="' + el.dataset.row + '"]');  // name and bar
    function light(on) {{ pair.forEach(function (b) {{ b.classList.toggle("hl", on); }}); }}
    el.addEventListener("mouseenter", function () {{ light(true); }});
    el.addEventListener("mouseleave", function () {{ light(false); }});
  }});
  document.body.dataset.ready = "yes";
}})();
</script>
</body></html>
"""
