"""Deadlines by a place in the calendar (issue 11, part 2): `due by working_day_of_next_month(5, m)`
(次月第5个工作日前), `due by day_of_next_month(10, m)` (次月10日前), the end of a month, a quarter, a
year — counted with the official calendar, holidays skipped and make-up working days counted.
Counted by hand from the State Council's arrangement (time-and-law.md: National Day 2026 is 1–7
October, Sat 10 October is a make-up working day)."""
import json
import subprocess
import sys
import textwrap

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from seedfacts import lines

RULES = textwrap.dedent('''\
    contract "T-12" "运维服务合同（测试）" { calendar official }
    party 甲方 "采购人" as buyer
    party 乙方 "供应商" as supplier
    event month_closed "月度结束"
    event report_submitted "提交月度报告"
    clause "5" "月度报告" {
      obligation monthly_report "月度运维报告" {
        debtor 乙方
        creditor 甲方
        for each month_closed m
        fulfilled by report_submitted r
        due by DEADLINE
      }
    }
    ''')


def run(deadline, closed, submitted=None, as_of="2026-12-31", fallback=None):
    facts = [{"id": "m", "type": "month_closed", "at": closed}]
    if submitted:
        facts.append({"id": "r", "type": "report_submitted", "at": submitted})
    rules = RULES.replace("DEADLINE", deadline)
    if fallback:
        rules = rules.replace("{ calendar official }", "{ calendar official calendar fallback %s }" % fallback)
    report = compile_rules(rules, "t.qy").evaluate(lines(facts), as_of)
    (o,) = report["obligations"]
    return o


@pytest.mark.parametrize("deadline,closed,due", [
    # October 2026 begins with the National Day holiday (1–7): its working days are 8, 9, 10 (Sat,
    # make-up), 12, 13 — the 5th ends at 24:00 on Tue 13 October
    ("working_day_of_next_month(5, m)", "2026-09-30T18:00:00+08:00", "2026-10-14T00:00:00+08:00"),
    ("次月工作日(3, m)", "2026-09-30T18:00:00+08:00", "2026-10-11T00:00:00+08:00"),   # the make-up Saturday
    ("working_day_of_month(1, m)", "2026-10-01T09:00:00+08:00", "2026-10-09T00:00:00+08:00"),
    ("day_of_next_month(10, m)", "2026-09-30T18:00:00+08:00", "2026-10-11T00:00:00+08:00"),  # not moved: a day named
    ("day_of_next_month(31, m)", "2026-10-31T18:00:00+08:00", "2026-12-01T00:00:00+08:00"),  # November has 30
    ("day_end(m)", "2026-09-30T18:00:00+08:00", "2026-10-01T00:00:00+08:00"),  # 24:00 of that very day
    ("当日结束(m)", "2026-10-01T00:00:00+08:00", "2026-10-02T00:00:00+08:00"),  # 00:00 of 1 October is on 1 October
    ("month_end(m)", "2026-02-10T18:00:00+08:00", "2026-03-01T00:00:00+08:00"),
    ("quarter_end(m)", "2026-02-10T18:00:00+08:00", "2026-04-01T00:00:00+08:00"),
    ("年末(m)", "2026-02-10T18:00:00+08:00", "2027-01-01T00:00:00+08:00"),
    # a fact recorded at 00:00 of 1 October is on 1 October: its next month is November
    ("day_of_next_month(10, m)", "2026-10-01T00:00:00+08:00", "2026-11-11T00:00:00+08:00"),
])
def test_the_deadline_is_the_end_of_the_day_named(deadline, closed, due):
    o = run(deadline, closed, as_of="2027-01-02")
    assert (o["due"], o["due_included"], o["status"]) == (due, False, "violated")


@pytest.mark.parametrize("submitted,status", [
    ("2026-10-13T23:59:59+08:00", "fulfilled"),
    ("2026-10-14T00:00:00+08:00", "violated"),   # 00:00 of the 14th is on the 14th: late
])
def test_an_act_on_the_last_day_is_in_time_and_at_its_24_00_late(submitted, status):
    o = run("working_day_of_next_month(5, m)", "2026-09-30T18:00:00+08:00", submitted)
    assert o["status"] == status


def test_a_deadline_at_an_instant_within_a_day_includes_that_instant():
    o = run("m.at + 2 hours", "2026-04-10T09:00:00+08:00", "2026-04-10T11:00:00+08:00")
    assert (o["status"], o["due"], o["due_included"]) == ("fulfilled", "2026-04-10T11:00:00+08:00", True)
    o = run("m.at + 2 hours", "2026-04-10T09:00:00+08:00", "2026-04-10T11:00:01+08:00")
    assert o["status"] == "violated"


def test_the_explanation_names_the_rule_and_the_day():
    o = run("working_day_of_next_month(5, m)", "2026-09-30T18:00:00+08:00")
    (line,) = [b for b in o["because"] if b.startswith("期限：该月度结束之日所在月的次月第5个工作日24时；")]  # (working_day_of_next_month(5, m))
    # (National Day 10-01 … 10-07: the working days counted are the 8th, 9th, Sat 10th (make-up), 12th, 13th)
    assert "2026年10月10日（星期六，调休上班日" in line and "共 5 个" in line
    assert line.endswith("即 2026年10月13日24时（该日24时届满，此后即为逾期）")
    (step,) = [s for s in o["steps"] if s["code"] == "due_by"]
    assert step["args"]["due"]["at"] == "2026-10-14T00:00:00+08:00" and step["args"]["day_end"] is True


def test_a_month_no_calendar_knows_stops_the_evaluation_or_leaves_the_duty_undetermined_if_chosen():
    with pytest.raises(QiyueError) as exc:
        run("working_day_of_next_month(5, m)", "2026-12-31T18:00:00+08:00", as_of="2027-03-01")
    assert [(d.code, d.args["year"], d.span.line) for d in exc.value.diagnostics] == [("calendar_year_unknown", 2027, 12)]
    o = run("working_day_of_next_month(5, m)", "2026-12-31T18:00:00+08:00", as_of="2027-03-01", fallback="undetermined")
    assert o["status"] == "undetermined"


@pytest.mark.parametrize("deadline,key", [
    ("month_end(m, m)", "wrong_arguments.calendar"),
    ("working_day_of_next_month(m)", "wrong_arguments.calendar"),
    ("day_of_next_month(0, m)", "calendar_day_number"),
    ("day_of_next_month(32, m)", "calendar_day_number"),
    ("day_of_next_month(1.5, m)", "calendar_day_number"),
    ("month_end(3)", "type_mismatch.moment"),
])
def test_misuse_is_refused_with_an_example(deadline, key):
    with pytest.raises(QiyueError) as exc:
        compile_rules(RULES.replace("DEADLINE", deadline), "t.qy")
    assert key in [d.key for d in exc.value.diagnostics]


def test_the_same_through_the_command_line(tmp_path):
    (tmp_path / "t.qy").write_text(RULES.replace("DEADLINE", "次月工作日(5, m)"), encoding="utf-8")
    (tmp_path / "f.jsonl").write_text(json.dumps({"id": "m", "type": "month_closed", "at": "2026-09-30T18:00:00+08:00"}),
                                      encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "engine.cli", "eval", str(tmp_path / "t.qy"), "--facts",
                          str(tmp_path / "f.jsonl"), "--as-of", "2026-10-12", "--format", "json"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    (o,) = json.loads(out.stdout)["obligations"]
    assert (o["status"], o["due"]) == ("active", "2026-10-14T00:00:00+08:00")


@pytest.mark.parametrize("submitted,status", [
    # December 2026's report is due by the 5th working day of January 2027, a year no calendar knows yet:
    # however 2027 is arranged, its 5th working day is no earlier than 5 January — a report of 4 January
    # 10:00 (or of 5 January 23:59:59) is in time
    ("2027-01-04T10:00:00+08:00", "fulfilled"),
    ("2027-01-05T23:59:59+08:00", "fulfilled"),
    # after the 5th: only the calendar of 2027 can tell
    ("2027-01-06T00:00:00+08:00", "undetermined"),
    (None, "undetermined"),
])
def test_a_place_in_a_year_no_calendar_knows_is_due_no_earlier_than_it_can_be(submitted, status):
    o = run("working_day_of_next_month(5, m)", "2026-12-31T18:00:00+08:00", submitted, as_of="2027-01-20",
            fallback="undetermined")
    assert o["status"] == status
    assert (o["due"], o["due_not_before"]) == (None, "2027-01-06T00:00:00+08:00")   # (the earliest it can be)
    assert any("2027年的官方日历尚未公布" in line for line in o["because"])


LEASE = textwrap.dedent('''\
    contract "DE-1" "租赁（测试）" { calendar official }
    party 甲方 "出租人" as buyer
    party 乙方 "承租人" as supplier
    event signed "签约"
    event handed_back "交还房屋"
    clause "2.1" "租期" {
      deemed lease_expired "租期届满" {
        for each signed s
        at END "至2026年2月28日止"
      }
      obligation hand_back "交还房屋" {
        debtor 乙方
        creditor 甲方
        for each lease_expired e
        fulfilled by handed_back h
        within 3 days
      }
    }
    ''')


@pytest.mark.parametrize("end,expired,due", [
    # a lease written by a helper: "至2026年2月28日止" as `2026-02-28 + 1 days` is 00:00 of 1 March, which belongs to
    # 1 March — 3 days from it: 2, 3, 4 March, due 03-05T00:00, a day later than the contract says; day_end(2026-02-28)
    # is 24:00 of 28 February, which belongs to it: 1, 2, 3 March (Tue, a working day) → due 03-04T00:00
    ("day_end(2026-02-28)", "2026-03-01T00:00:00+08:00", "2026-03-04T00:00:00+08:00"),
    ("2026-02-28 + 1 days", "2026-03-01T00:00:00+08:00", "2026-03-05T00:00:00+08:00"),
])
def test_the_end_of_a_day_named_belongs_to_that_day(end, expired, due):
    report = compile_rules(LEASE.replace("END", end), "t.qy").evaluate(
        lines([{"id": "s", "type": "signed", "at": "2025-03-01T10:00:00+08:00"}]), "2026-03-20")
    assert [e["at"] for e in report["events"] if e["name"] == "lease_expired"] == [expired]
    assert [(o["status"], o["due"]) for o in report["obligations"]] == [("violated", due)]
