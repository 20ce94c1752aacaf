"""Fuzz round 26 (`python bench/fuzz.py --seed 2612 --rules 4000 --facts 20000 --api 1000`, after amounts by the hour
and the day-alone fixes of counsel rounds 19 and 27): 25,000 cases, two findings.

1. (fixed) The HTML timeline crashed (OverflowError) on a report with an instant at the edge of the calendar: a
   performance guarantee `valid_until` 0001-01-01 gives a duty whose instants reach year 1, and the axis' margin of
   three days went past what a datetime holds.  The margins now stop there (engine/report/html.py `_shifted`).
2. (left) 5,000 identical notices delivered at one instant about one termination: 14 s compiled, 21 s as Python —
   each notice's `not exists(notice_delivered m where m.ref == t.id … and m.at <= t.at)` (8.3/8.4's termination by
   notice) is tested over all of them, because the facts of one instant are kept apart while each is taken (``_hidden``:
   the carried counts are bypassed).  Quadratic in the facts of a single instant only; noted in the closing note.
"""
from __future__ import annotations

import json
from pathlib import Path

from engine.api import compile_file
from engine.report.html import render_html

ROOT = Path(__file__).resolve().parent.parent


def test_the_timeline_of_a_report_reaching_year_1_is_drawn():
    """(A date attribute of year 1 is refused on its line since fuzz round 31 — years 1900–9000, as an instant's —: the
    report is given an instant of year 1 here, the timeline's edge the fix is about.)"""
    facts = [{"id": "s", "type": "contract_signed", "at": "2025-06-27T10:00:00+08:00"},
             {"id": "g", "type": "guarantee_submitted", "at": "2025-07-15T10:00:00+08:00", "purpose": "performance",
              "amount": "343855", "valid_until": "1900-01-01"},
             {"id": "t", "type": "termination_notified", "at": "2026-03-03T09:00:00+08:00", "party": "甲方",
              "ground": "force_majeure"}]
    report = compile_file(ROOT / "rules" / "gzmz-2025-it-ops.qy").evaluate(
        [json.dumps(f, ensure_ascii=False) for f in facts], "2030-01-01")
    edge = next(o for o in report["obligations"] if o.get("due"))
    edge["due"] = "0001-01-01T00:00:00+08:00"
    html = render_html(report)
    assert html.startswith("<!DOCTYPE html>") or "<svg" in html
