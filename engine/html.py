"""The report as one self-contained HTML page: obligations on a time axis (trigger → due →
outcome), deemed events and remedies as marks, and the reasons clause by clause.

No server and no outside resources: the SVG is drawn here, the little script only adds
highlighting and a filter, so the page reads the same printed or offline.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta
from html import escape

from .report import (REMEDY_ZH, SEVERITY_ZH, STATUS_ZH, both, by_clause, calendar_text, clause_heading, message,
                     reasons, trigger_zh, yuan)

MAX_ROWS = 400  # rows drawn on the axis; every instance is still listed in the tables below
ROW_H, AXIS_H = 22, 44  # a row's height; the axis above the rows: years, then months
LABEL_CHARS = 40  # a row label longer than this is cut at a whole character and ends with “…”


def short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"


_BREAKS = re.compile(r"(?<=\d{4}-\d\d-\d\dT)|(?<=[a-z_]:)")  # 2025-09-02T|00:00, time:|2025-…


def unbroken(text: str) -> str:
    """Escaped text that a narrow column breaks only at its spaces, between an ISO date and its
    time, or after a prefix such as `time:`; never inside a date (2025-09-|29) or between the
    characters of a Chinese word."""
    return " ".join("<wbr>".join(f'<span class="nb">{escape(piece)}</span>' for piece in _BREAKS.split(part) if piece)
                    for part in text.split(" "))


COLOURS = {"active": "#2f6fb3", "fulfilled": "#2e8b57", "violated": "#c0392b", "excused": "#8c8c8c",
           "inactive": "#cccccc", "discharged": "#6b5b95", "suspended": "#d4a017", "undetermined": "#e67e22"}


def _t(iso_text: str | None) -> datetime | None:
    return datetime.fromisoformat(iso_text) if iso_text else None


def _life_html(report: dict) -> str:
    """When the contract took effect and, if so, when and how it ended — on the page's first line."""
    life = report.get("contract_life") or {}
    out = ""
    if life.get("effective") and life["effective"] != "always":
        out += f" · 合同自 <b>{unbroken(both(life['effective']))}</b> 生效"
    elif not life.get("effective"):
        out += " · <b>合同尚未生效</b>"
    if life.get("ended"):
        ground = life.get("ended_label") or life.get("ended_by") or ""
        out += (f" · 合同于 <b>{unbroken(both(life['ended'], chinese=life.get('ended_cn')))}</b> 终止："
                f"{escape(ground)}（依据 {escape(life.get('trigger') or '')}）")
    return out


def _bar_end(o: dict, ended: datetime | None) -> datetime | None:
    """Where an obligation's bar stops short of its due instant: the end of the contract, for a duty
    the contract's termination discharged (it never fell due)."""
    return ended if o["status"] == "discharged" and ended is not None else None


def render_html(report: dict) -> str:
    rows = [o for o in report["obligations"] if o["status"] != "inactive"]
    drawn = rows[:MAX_ROWS]
    ended = _t((report.get("contract_life") or {}).get("ended"))
    instants = [_t(report["as_of"])]
    for o in drawn:
        instants += [_t(o["triggered_at"]), _bar_end(o, ended) or _t(o["due"]), _t(o["fulfilled_at"])]
    instants += [_t(e["at"]) for e in report["events"][:MAX_ROWS]]
    instants += [_t(r["since"]) for r in report["remedies"][:MAX_ROWS]]
    # the axis shows the facts' time and half a year after as_of; a longer duty (three years of
    # confidentiality) runs off the right edge instead of squeezing everything else
    horizon = instants[0] + timedelta(days=183)
    instants = [t for t in instants if t is not None and t <= horizon]
    start, end = min(instants), max(instants)
    start, end = start - timedelta(days=3), end + timedelta(days=3)
    span = (end - start).total_seconds() or 1.0

    def x(t: datetime) -> float:
        """Where t stands on the axis, in per cent of the drawing's width: the drawing is as wide as
        the window leaves it, and the browser places each mark."""
        return min(100.0, max(0.0, (t - start).total_seconds() / span * 100))

    marks_rows = [("event", e) for e in report["events"][:MAX_ROWS]] + \
        [("remedy", r) for r in report["remedies"][:MAX_ROWS]]
    height = AXIS_H + ROW_H * (len(drawn) + len(marks_rows)) + 20
    labels = []  # the rows' names, in a column beside the drawing as wide as the longest of them
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" class="plot" width="100%" height="{height}" '
           f'role="img" aria-label="时间轴">'
           '<defs><path id="m-event" d="M0 0 l6 7 l-6 7 l-6 -7 z"/><path id="m-remedy" d="M0 0 l7 14 l-14 0 z"/>'
           '<path id="m-discharged" d="M-4 -4 L4 4 M-4 4 L4 -4" fill="none" stroke-width="2.5"/></defs>']
    # month ticks, thinned so that labels do not run into each other even in a narrow window; the
    # year stands above the first month shown and above the first month of each new year
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    # at most 16 ticks: a month, a quarter, … five years, or as many whole decades as a span of a
    # century needs (a contract signed 1901 and reported on 2027)
    step = next((k for k in (1, 2, 3, 6, 12, 24, 60) if months / k <= 16), 120 * -(-months // (120 * 16)))
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
        if new_year and not (i == 0 and len(ticks) > 1 and ticks[1].year != tick.year):
            svg.append(f'<text {place} y="{AXIS_H - 29}" class="tick-label year">{tick.year}年</text>')
        svg.append(f'<text {place} y="{AXIS_H - 13}" class="tick-label">{tick.month}月</text>')
    as_of = _t(report["as_of"])
    svg.append(f'<line x1="{x(as_of):.2f}%" y1="{AXIS_H - 8}" x2="{x(as_of):.2f}%" y2="{height - 10}" class="as-of"/>')
    y = AXIS_H
    for i, o in enumerate(drawn):
        colour = COLOURS[o["status"]]
        t0, due, done = _t(o["triggered_at"]), _t(o["due"]), _t(o["fulfilled_at"])
        label = f"{o['clause']} {o['name']} ({trigger_zh(o['trigger'])})"
        cut = _bar_end(o, ended)
        tip = (f"{o['name']} — {STATUS_ZH.get(o['status'], o['status'])}; 触发 {both(o['triggered_at'], chinese=o.get('triggered_cn'))}; "
               f"期限 {both(o['due'], chinese=o.get('due_cn'))}"
               + (f"; 合同于 {both(report['contract_life']['ended'], chinese=report['contract_life'].get('ended_cn'))} "
                  "终止，此义务随之解除" if cut else ""))
        labels.append(f'<div data-row="ob-{i}" title="{escape(label)}&#10;{escape(tip)}" class="row-label">'
                      f'{escape(short(label))}</div>')
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
            label = f"{item['clause']} {item['name']} ({item['source']})"
            shape = f'<use href="#m-event" x="{x(t):.2f}%" y="{y + 4}" fill="#7d3c98"/>'
            tip = f"{item['name']} 视为发生于 {both(item['at'], chinese=item.get('at_cn'))}"
        else:
            label = f"{item['clause']} {item['name']} → {item['holder']}"
            shape = f'<use href="#m-remedy" x="{x(t):.2f}%" y="{y + 4}" fill="#d68910"/>'
            tip = f"{item['name']}：{item['holder']} 自 {both(item['since'], chinese=item.get('since_cn'))} 可主张"
        labels.append(f'<div data-row="mk-{j}" title="{escape(label)}&#10;{escape(tip)}" class="row-label">'
                      f'{escape(short(label))}</div>')
        svg.append(f'<g class="mark {kind}" data-row="mk-{j}"><title>{escape(tip)}</title>{shape}</g>')
        y += ROW_H
    svg.append("</svg>")

    more = (f"<p class='note'>另有 {len(rows) - len(drawn)} 项义务列在下表中，未画在时间轴上。</p>"
            if len(rows) > len(drawn) else "")
    sections = []
    for clause, obs, evs, rems in by_clause(report):
        body = []
        for o in obs:
            body.append(
                f"<tr class='ob {o['status']}'><td>{escape(o['name'])}<br><small>{escape(o['label'] or '')}</small>"
                f"</td><td>{escape(o['debtor'] or '（未定）')} → {escape(o['creditor'] or '（未定）')}</td>"
                f"<td><span class='status {o['status']}'>{STATUS_ZH.get(o['status'], o['status'])}</span></td>"
                f"<td>{unbroken(trigger_zh(o['trigger'], o))}<br><small>{unbroken(both(o['triggered_at'], chinese=o.get('triggered_cn')))}</small></td>"
                f"<td>{unbroken(both(o['due'], chinese=o.get('due_cn')))}</td>"
                f"<td>{unbroken(o['fulfilled_at'] or '-')}</td>"
                f"<td><details><summary>理由</summary><ul>"
                + "".join(f"<li>{escape(b)}</li>" for b in reasons(o, "zh")) + "</ul></details></td></tr>")
        for e in evs:
            body.append(f"<tr class='event'><td>{escape(e['name'])}<br><small>{escape(e['label'] or '')}</small></td>"
                        f"<td colspan='2'>视为事件</td><td>{unbroken(e['source'] or '-')}</td>"
                        f"<td colspan='2'>{unbroken(both(e['at'], chinese=e.get('at_cn')))}</td>"
                        f"<td><details><summary>理由</summary><ul>"
                        + "".join(f"<li>{escape(b)}</li>" for b in reasons(e, "zh")) + "</ul></details></td></tr>")
        for r in rems:
            amount = yuan(r["amount"]) if r["amount"] is not None else "-"
            state = REMEDY_ZH.get(r.get("status", "held"), r.get("status"))
            body.append(f"<tr class='remedy'><td>{escape(r['name'])}<br><small>{escape(r['label'] or '')}</small></td>"
                        f"<td>{escape(str(r['holder']))}</td><td>救济（{escape(state)}）</td><td>{unbroken(trigger_zh(r['trigger']))}</td>"
                        f"<td>{unbroken(both(r['since'], chinese=r.get('since_cn')))}</td><td>{escape(amount)}</td>"
                        f"<td><details><summary>理由</summary><ul>"
                        + "".join(f"<li>{escape(b)}</li>" for b in reasons(r, "zh")) + "</ul></details></td></tr>")
        quiet = " quiet" if not evs and not rems and all(o["status"] == "inactive" for o in obs) else ""
        sections.append(f"<section class='clause{quiet}' id='clause-{escape(clause['number'])}'>"
                        f"<h2>{escape(clause_heading(clause['number']))} {escape(clause['title'] or '')}</h2>"
                        "<table><thead><tr><th>名称</th><th>当事人</th><th>状态</th><th>触发</th>"
                        "<th>期限 / 时间</th><th>履行 / 金额</th><th></th></tr></thead><tbody>"
                        + "".join(body) + "</tbody></table></section>")
    findings = "".join(f"<li class='{escape(f['severity'])}'>{escape(SEVERITY_ZH.get(f['severity'], ''))} "
                       f"<b>{escape(f['code'])}</b> "
                       f"{escape(f.get('clause') or '')}: {escape(message(f, 'zh'))}</li>" for f in report["findings"])
    calendar = calendar_text(report, "; ")
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{escape(report['contract'] or '')} — 截至 {escape(report['as_of'])}</title>
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
<p>截至 <b>{unbroken(both(report['as_of']))}</b>{_life_html(report)} · 规则文件 {escape(report['rules']['file'])}
 sha256 <code>{escape(report['rules']['sha256'][:16])}…</code> · 日历 {escape(calendar)}</p>
<p class="legend"><span class="key">● 触发</span> <span class="key">─ 期间</span> <span class="key">│ 期限</span>
 <span class="key">■ 履行</span> <span class="key" style="color: #7d3c98">◆ 视为事件</span>
 <span class="key" style="color: #d68910">▲ 救济</span> <span class="key" style="color: #6b5b95">✕ 因合同终止而解除</span> <span class="key" style="color: #c0392b">┆ 报告时点</span>
<label><input type="checkbox" id="hide-inactive" checked> 隐藏未触发的义务</label></p>
<div id="timeline"><div class="labels">{''.join(labels)}</div>{''.join(svg)}</div>{more}
{''.join(sections)}
<h2>提示</h2><ul id="findings">{findings}</ul>
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
