"""Recurring duties (issue 11, part 3): `every month p from … until …` — one duty for each calendar
period, generated as time passes up to as_of (no clock facts), each named by its period (2026-03),
with its own deadline (`due by working_day_of_next_month(5, p.end)`).  Counted by hand from the
official 2026 calendar: the 5th working day is 6 February, 6 March, 8 April (Qingming 4–6 April),
11 May (Labour Day 1–5 May; Sat 9 May a make-up working day)."""
import textwrap

import pytest

from engine.api import compile_rules
from engine.diagnostics import QiyueError
from seedfacts import lines

RULES = textwrap.dedent('''\
    contract "T-13" "运维服务合同（测试）" { calendar official }
    party 甲方 "采购人" as buyer
    party 乙方 "供应商" as supplier
    event contract_signed "签订"
    event report_submitted "提交月度报告" { month: text "所报月份" }
    event inspected "巡检"
    event terminated "解除"
    effective contract_effective "合同生效" { when exists(contract_signed) }
    period service_period "服务期" = 1 year as term after first(contract_effective)
    clause "5" "月度报告" {
      quote "乙方应于次月第5个工作日前提交上月运维报告。"
      obligation monthly_report "月度运维报告" {
        debtor 乙方
        creditor 甲方
        every month p from service_period.start until service_period.end
        fulfilled by report_submitted r where r.month == p.label counting earlier
        due by working_day_of_next_month(5, p.end)
      }
    }
    clause "6" "巡检" {
      quote "乙方每季度至少巡检2次。"
      obligation inspections "每季度至少巡检2次" {
        debtor 乙方
        creditor 甲方
        every quarter q from service_period.start until service_period.end
        fulfilled when count(inspected i where i.at >= q.start and i.at < q.end) >= 2
        due by q.end
      }
    }
    clause "7" "解除" {
      termination by_notice "解除" { for each terminated t }
    }
    ''')
SIGNED = {"id": "s", "type": "contract_signed", "at": "2026-01-15T10:00:00+08:00"}


def report(facts, as_of):
    return compile_rules(RULES, "t.qy").evaluate(lines([SIGNED] + facts), as_of)


def rows(rep, name):
    return [(o["trigger"], o["status"], o["triggered_at"], o["due"]) for o in rep["obligations"]
            if o["name"] == name and o["status"] != "inactive"]


def test_one_duty_a_month_each_named_by_its_month_with_its_own_deadline():
    rep = report([{"id": "r1", "type": "report_submitted", "at": "2026-02-05T10:00:00+08:00", "month": "2026-01"},
                  {"id": "r2", "type": "report_submitted", "at": "2026-03-09T10:00:00+08:00", "month": "2026-02"}],
                 "2026-05-01")
    assert rows(rep, "monthly_report") == [
        # the first month begins when the service does (signing 01-15 10:00), cut to it
        ("2026-01", "fulfilled", "2026-01-15T10:00:00+08:00", "2026-02-07T00:00:00+08:00"),
        # February's report, due by Fri 6 March (the 5th working day), came Mon 9 March: late
        ("2026-02", "violated", "2026-02-01T00:00:00+08:00", "2026-03-07T00:00:00+08:00"),
        ("2026-03", "violated", "2026-03-01T00:00:00+08:00", "2026-04-09T00:00:00+08:00"),
        ("2026-04", "active", "2026-04-01T00:00:00+08:00", "2026-05-12T00:00:00+08:00"),
        ("2026-05", "active", "2026-05-01T00:00:00+08:00", "2026-06-06T00:00:00+08:00"),  # began at as_of itself
    ]


def test_nothing_arises_before_the_start_nor_after_as_of():
    assert rows(report([], "2026-01-15T09:00:00+08:00"), "monthly_report") == []
    assert [r[0] for r in rows(report([], "2026-02-28T23:59:00+08:00"), "monthly_report")] == ["2026-01", "2026-02"]


def test_the_last_period_is_cut_to_the_end_and_none_follows():
    # the service year: 2026-01-15 10:00 → 24:00 of 2027-01-15 (as a term); January 2027 is the 13th
    # month, cut to the 15th (the calendar for 2027 is not known: its deadline is undetermined)
    rep = report([], "2027-03-01")
    got = rows(rep, "monthly_report")
    assert [g[0] for g in got][-2:] == ["2026-12", "2027-01"] and len(got) == 13


def test_a_quarter_with_fewer_inspections_than_agreed_is_violated_at_its_end():
    rep = report([{"id": f"i{k}", "type": "inspected", "at": at} for k, at in enumerate(
        ["2026-02-10T10:00:00+08:00", "2026-03-31T23:00:00+08:00",   # Q1: two — in time
         "2026-05-10T10:00:00+08:00"])], "2026-07-02")                 # Q2: one
    assert rows(rep, "inspections") == [
        ("2026-Q1", "fulfilled", "2026-01-15T10:00:00+08:00", "2026-04-01T00:00:00+08:00"),
        ("2026-Q2", "violated", "2026-04-01T00:00:00+08:00", "2026-07-01T00:00:00+08:00"),
        ("2026-Q3", "active", "2026-07-01T00:00:00+08:00", "2026-10-01T00:00:00+08:00"),
    ]


def test_the_contract_ending_stops_the_periods_and_discharges_the_open_one():
    rep = report([{"id": "t", "type": "terminated", "at": "2026-03-10T10:00:00+08:00"}], "2026-06-01")
    got = rows(rep, "monthly_report")
    # January's and February's reports were due before the end (7 February, 7 March): violated;
    # March's was not yet due when the contract ended on 10 March: discharged; no April
    assert [(g[0], g[1]) for g in got] == [("2026-01", "violated"), ("2026-02", "violated"),
                                           ("2026-03", "discharged")]


def test_the_explanation_says_which_period_began():
    rep = report([], "2026-02-02")
    (feb,) = [o for o in rep["obligations"] if o["trigger"] == "2026-02"]
    assert feb["because"][0] == "第5条：期间 2026-02 开始（2026年2月1日0时 至 2026年2月28日24时）"


@pytest.mark.parametrize("edit,key", [
    ("every month p from service_period.start until service_period.end", "every month p from service_period.start"),
    ("every quarter q from service_period.start until service_period.end", "every quarter q from 3"),
])
def test_misuse_is_refused(edit, key):
    with pytest.raises(QiyueError) as exc:
        compile_rules(RULES.replace(edit, key), "t.qy")
    assert [d.code for d in exc.value.diagnostics][0] in ("unbounded_recurrence", "type_mismatch")


def test_every_belongs_to_obligations():
    bad = RULES.replace('termination by_notice "解除" { for each terminated t }',
                        'termination by_notice "解除" { every month p from service_period.start until '
                        'service_period.end }')
    with pytest.raises(QiyueError) as exc:
        compile_rules(bad, "t.qy")
    assert "every_not_here" in [d.key for d in exc.value.diagnostics]
