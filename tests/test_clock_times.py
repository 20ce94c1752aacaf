"""Times of a day and instants less hours (a warehouse's author, round 25: "提货通知在工作日9:00–17:00之间发出的，
2小时内出库；17:00之后发出的，自次一工作日9:00起算").

`DATE + N hours` is that time of the day (00:00 plus N hours, counted as a term: 11:00); `MOMENT - N hours|minutes` is
that much earlier (an hour or a minute is a fixed length: no calendar is asked).  `DATE - N hours` and `MOMENT - N days`
stay refused, each with a hint that names what to write.  Counted by hand; both backends (the durable one's report
must be the same JSON).
"""
from __future__ import annotations

import json

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from seedfacts import on_both_backends

RULES = """contract "CK-1" "仓储合同" {{
  calendar official
}}
party 甲方 "存货人"
party 乙方 "保管人"
event pickup "提货通知"
event released "出库" {{ ref: ref (pickup) "提货通知" }}
clause "9.2" "出库" {{
  obligation release "出库" {{
    debtor 乙方
    creditor 甲方
    for each pickup p
    fulfilled by released r where r.ref == p.id
    due by {due}
  }}
}}
"""


def _run(due: str, facts: list[dict], as_of: str) -> dict:
    rules = compile_rules(RULES.format(due=due), "clock.qy")
    return on_both_backends(rules, [json.dumps(x, ensure_ascii=False) for x in facts], as_of)


def _row(report):
    (o,) = [o for o in report["obligations"] if o["name"] == "release"]
    return o["status"], o["due"], o["due_included"]


P = {"id": "p", "type": "pickup", "at": "2025-10-13T08:00:00+08:00"}  # Mon 08:00


@pytest.mark.parametrize("due, expected", [
    ("p.at.day + 11 hours", "2025-10-13T11:00:00+08:00"),                  # 11:00 of that Monday
    ("p.at.day + 1 days + 9 hours", "2025-10-14T09:00:00+08:00"),          # 9:00 of the next day
    ("p.at.day + 1 days + 90 minutes", "2025-10-14T01:30:00+08:00"),       # 01:30 of the next day
    ("p.at - 2 hours + 5 hours", "2025-10-13T11:00:00+08:00"),             # 06:00, then 11:00
    ("working_day_from(p.at.day + 1 days) - 13 hours", "2025-10-14T11:00:00+08:00"),  # Tue 24:00 − 13 h
    ("p.at - 30 minutes", "2025-10-13T08:00:00+08:00"),                    # before the duty arose: due as it arises
])
def test_a_time_of_a_day_and_an_instant_less_hours(due, expected):
    status, got, included = _row(_run(due, [P], "2025-10-20T00:00:00+08:00"))
    assert (status, got, included) == ("violated", expected, True)


def test_the_end_instant_itself_is_in_time():
    """11:00 is due (第1259条: the end instant included): released at 11:00:00 fulfilled, at 11:00:01 late."""
    for at, status in (("2025-10-13T11:00:00+08:00", "fulfilled"), ("2025-10-13T11:00:01+08:00", "violated")):
        r = _run("p.at.day + 11 hours", [P, {"id": "r", "type": "released", "at": at, "ref": "p"}],
                 "2025-10-20T00:00:00+08:00")
        assert _row(r)[0] == status, at


def test_a_next_working_day_after_a_holiday():
    """A notice Tue 2025-09-30 18:00 (after 17:00): 9:00 of the next working day + 2 hours — 10-01 .. 10-08 are the
    National Day holidays, Thu 10-09 a working day → 11:00 of 10-09, written `working_day_from(D) - 13 hours`."""
    r = _run("working_day_from(p.at.day + 1 days) - 13 hours",
             [{"id": "p", "type": "pickup", "at": "2025-09-30T18:00:00+08:00"}], "2025-10-20T00:00:00+08:00")
    assert _row(r)[1] == "2025-10-09T11:00:00+08:00"


@pytest.mark.parametrize("due, code", [("p.at.day - 2 hours", "type_mismatch.hours_on_date"),
                                       ("p.at - 3 days", "type_mismatch.moment_minus")])
def test_what_stays_refused_says_what_to_write(due, code):
    with pytest.raises(QiyueError) as err:
        compile_rules(RULES.format(due=due), "clock.qy")
    (d,) = [d for d in err.value.diagnostics if d.key == code]
    assert (d.span.line, d.span.column) == (14, 12)
