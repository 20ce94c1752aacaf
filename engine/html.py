"""The report as one self-contained HTML page: obligations on a time axis (trigger → due →
outcome), deemed events and remedies as marks, and the reasons clause by clause.

No server and no outside resources: the SVG is drawn here, the little script only adds
highlighting and a filter, so the page reads the same printed or offline.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from html import escape

from .report import REMEDY_ZH, SEVERITY_ZH, STATUS_ZH, both, by_clause, calendar_text, clause_heading, yuan

MAX_ROWS = 400  # rows drawn on the axis; every instance is still listed in the tables below
ROW_H, LEFT, WIDTH = 22, 300, 1100
LABEL_CHARS = 40  # a row label longer than this is cut at a whole character and ends with “…”


def short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"
COLOURS = {"active": "#2f6fb3", "fulfilled": "#2e8b57", "violated": "#c0392b", "excused": "#8c8c8c",
           "inactive": "#cccccc", "discharged": "#6b5b95", "suspended": "#d4a017", "undetermined": "#e67e22"}


def _t(iso_text: str | None) -> datetime | None:
    return datetime.fromisoformat(iso_text) if iso_text else None


def render_html(report: dict) -> str:
    rows = [o for o in report["obligations"] if o["status"] != "inactive"]
    drawn = rows[:MAX_ROWS]
    instants = [_t(report["as_of"])]
    for o in drawn:
        instants += [_t(o["triggered_at"]), _t(o["due"]), _t(o["fulfilled_at"])]
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
        return LEFT + min(1.0, max(0.0, (t - start).total_seconds() / span)) * (WIDTH - LEFT - 20)

    marks_rows = [("event", e) for e in report["events"][:MAX_ROWS]] + \
        [("remedy", r) for r in report["remedies"][:MAX_ROWS]]
    height = 40 + ROW_H * (len(drawn) + len(marks_rows)) + 20
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
           f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="timeline">']
    # month ticks, thinned so that labels do not run into each other
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = next(k for k in (1, 2, 3, 6, 12, 24, 60) if months / k <= 16)
    tick = datetime(start.year, start.month, 1, tzinfo=start.tzinfo)
    k = 0
    while tick <= end:
        if tick >= start and k % step == 0:
            svg.append(f'<line x1="{x(tick):.1f}" y1="24" x2="{x(tick):.1f}" y2="{height - 10}" class="tick"/>')
            svg.append(f'<text x="{x(tick) + 2:.1f}" y="16" class="tick-label">{tick.year}年{tick.month}月</text>')
        tick = datetime(tick.year + tick.month // 12, tick.month % 12 + 1, 1, tzinfo=start.tzinfo)
        k += 1
    as_of = _t(report["as_of"])
    svg.append(f'<line x1="{x(as_of):.1f}" y1="20" x2="{x(as_of):.1f}" y2="{height - 10}" class="as-of"/>')
    y = 40
    for i, o in enumerate(drawn):
        colour = COLOURS[o["status"]]
        t0, due, done = _t(o["triggered_at"]), _t(o["due"]), _t(o["fulfilled_at"])
        label = f"{o['clause']} {o['name']} ({o['trigger']})"
        tip = (f"{o['name']} — {STATUS_ZH.get(o['status'], o['status'])}; 触发 {both(o['triggered_at'], chinese=o.get('triggered_cn'))}; "
               f"期限 {both(o['due'], chinese=o.get('due_cn'))}")
        svg.append(f'<g class="row" data-row="ob-{i}"><title>{escape(tip)}</title>')
        svg.append(f'<text x="4" y="{y + 14}" class="row-label">{escape(short(label))}</text>')
        if t0 is not None:
            bar_end = due or as_of
            svg.append(f'<rect x="{x(t0):.1f}" y="{y + 5}" width="{max(2.0, x(bar_end) - x(t0)):.1f}" '
                       f'height="12" rx="3" fill="{colour}" opacity="0.35"/>')
            svg.append(f'<circle cx="{x(t0):.1f}" cy="{y + 11}" r="4" fill="{colour}"/>')
        if due is not None and due <= end:
            svg.append(f'<line x1="{x(due):.1f}" y1="{y + 2}" x2="{x(due):.1f}" y2="{y + 20}" stroke="{colour}" '
                       f'stroke-width="2"/>')
        elif due is not None:  # due beyond the axis: an arrow at the edge says "runs on"
            svg.append(f'<text x="{x(end) - 10:.1f}" y="{y + 16}" class="runs-on" fill="{colour}">→</text>')
        if done is not None:
            svg.append(f'<rect x="{x(done) - 4:.1f}" y="{y + 7}" width="8" height="8" fill="{colour}"/>')
        svg.append("</g>")
        y += ROW_H
    for kind, item in marks_rows:
        t = _t(item["at"] if kind == "event" else item["since"])
        if kind == "event":
            label = f"{item['clause']} {item['name']} ({item['source']})"
            shape = (f'<path d="M{x(t):.1f} {y + 4} l6 7 l-6 7 l-6 -7 z" fill="#7d3c98"/>')
            tip = f"{item['name']} 视为发生于 {both(item['at'], chinese=item.get('at_cn'))}"
        else:
            label = f"{item['clause']} {item['name']} → {item['holder']}"
            shape = f'<path d="M{x(t):.1f} {y + 4} l7 14 l-14 0 z" fill="#d68910"/>'
            tip = f"{item['name']}：{item['holder']} 自 {both(item['since'], chinese=item.get('since_cn'))} 可主张"
        svg.append(f'<g class="mark {kind}"><title>{escape(tip)}</title>'
                   f'<text x="4" y="{y + 14}" class="row-label">{escape(short(label))}</text>{shape}</g>')
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
                f"</td><td>{escape(str(o['debtor']))} → {escape(str(o['creditor']))}</td>"
                f"<td><span class='status {o['status']}'>{STATUS_ZH.get(o['status'], o['status'])}</span></td>"
                f"<td>{escape(o['trigger'] or '-')}<br><small>{escape(both(o['triggered_at'], chinese=o.get('triggered_cn')))}</small></td>"
                f"<td>{escape(both(o['due'], chinese=o.get('due_cn')))}</td>"
                f"<td>{escape(o['fulfilled_at'] or '-')}</td>"
                f"<td><details><summary>理由</summary><ul>"
                + "".join(f"<li>{escape(b)}</li>" for b in o["because"]) + "</ul></details></td></tr>")
        for e in evs:
            body.append(f"<tr class='event'><td>{escape(e['name'])}<br><small>{escape(e['label'] or '')}</small></td>"
                        f"<td colspan='2'>视为事件</td><td>{escape(e['source'] or '-')}</td>"
                        f"<td colspan='2'>{escape(both(e['at'], chinese=e.get('at_cn')))}</td>"
                        f"<td><details><summary>理由</summary><ul>"
                        + "".join(f"<li>{escape(b)}</li>" for b in e["because"]) + "</ul></details></td></tr>")
        for r in rems:
            amount = yuan(r["amount"]) if r["amount"] is not None else "-"
            state = REMEDY_ZH.get(r.get("status", "held"), r.get("status"))
            body.append(f"<tr class='remedy'><td>{escape(r['name'])}<br><small>{escape(r['label'] or '')}</small></td>"
                        f"<td>{escape(str(r['holder']))}</td><td>救济（{escape(state)}）</td><td>{escape(r['trigger'] or '-')}</td>"
                        f"<td>{escape(both(r['since'], chinese=r.get('since_cn')))}</td><td>{escape(amount)}</td>"
                        f"<td><details><summary>理由</summary><ul>"
                        + "".join(f"<li>{escape(b)}</li>" for b in r["because"]) + "</ul></details></td></tr>")
        quiet = " quiet" if not evs and not rems and all(o["status"] == "inactive" for o in obs) else ""
        sections.append(f"<section class='clause{quiet}' id='clause-{escape(clause['number'])}'>"
                        f"<h2>{escape(clause_heading(clause['number']))} {escape(clause['title'] or '')}</h2>"
                        "<table><thead><tr><th>名称</th><th>当事人</th><th>状态</th><th>触发</th>"
                        "<th>期限 / 时间</th><th>履行 / 金额</th><th></th></tr></thead><tbody>"
                        + "".join(body) + "</tbody></table></section>")
    findings = "".join(f"<li class='{escape(f['severity'])}'>{escape(SEVERITY_ZH.get(f['severity'], ''))} "
                       f"<b>{escape(f['code'])}</b> "
                       f"{escape(f.get('clause') or '')}: {escape(f['message'])}</li>" for f in report["findings"])
    calendar = calendar_text(report, "; ")
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{escape(report['contract'] or '')} — 截至 {escape(report['as_of'])}</title>
<style>
body {{ font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
        "WenQuanYi Micro Hei", sans-serif; margin: 24px; color: #222; }}
h1 {{ font-size: 20px; }} h2 {{ font-size: 16px; margin-top: 28px; }}
table {{ border-collapse: collapse; width: 100%; font-size: 13px; }}
td, th {{ border-bottom: 1px solid #ddd; padding: 4px 6px; text-align: left; vertical-align: top; }}
.status {{ padding: 1px 6px; border-radius: 3px; color: white; }}
.status.active {{ background: #2f6fb3; }} .status.fulfilled {{ background: #2e8b57; }}
.status.violated {{ background: #c0392b; }} .status.excused {{ background: #8c8c8c; }}
.status.inactive {{ background: #bbb; }} .status.discharged {{ background: #6b5b95; }}
.status.undetermined {{ background: #e67e22; }} .status.suspended {{ background: #d4a017; }}
.status {{ white-space: nowrap; }}
.tick {{ stroke: #eee; }} .tick-label {{ font-size: 10px; fill: #888; }}
.as-of {{ stroke: #c0392b; stroke-dasharray: 4 3; }}
.row-label {{ font-size: 11px; fill: #333; }}
.row.hl rect, .row.hl circle {{ opacity: 1; }}
.hide-inactive tr.inactive, .hide-inactive section.quiet {{ display: none; }}
.note, small {{ color: #666; }}
li.warning {{ color: #a04000; }} li.error {{ color: #c0392b; }}
</style></head>
<body>
<h1>{escape(report.get('title') or '')} <small>{escape(report['contract'] or '')}</small></h1>
<p>截至 <b>{escape(both(report['as_of']))}</b> · 规则文件 {escape(report['rules']['file'])}
 sha256 <code>{escape(report['rules']['sha256'][:16])}…</code> · 日历 {escape(calendar)}</p>
<p class="legend">● 触发 ─ 期间 │ 期限 ■ 履行 ◆ 视为事件 ▲ 救济；虚线：报告时点。
<label><input type="checkbox" id="hide-inactive" checked> 隐藏未触发的义务</label></p>
<div id="timeline">{''.join(svg)}</div>{more}
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
  document.querySelectorAll("g.row").forEach(function (g) {{
    g.addEventListener("mouseenter", function () {{ g.classList.add("hl"); }});
    g.addEventListener("mouseleave", function () {{ g.classList.remove("hl"); }});
  }});
  document.body.dataset.ready = "yes";
}})();
</script>
</body></html>
"""
