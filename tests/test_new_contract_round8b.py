"""What a legal engineer writing a property-management contract (物业服务合同, 民法典 第937–950条) found (the whole
rule file stayed with its author): each case cut down to a few lines, counted by hand (time-and-law.md; the 2025/2026 official calendar from chinese_calendar 1.11.0: National Day 2025 = 10-01…10-08 with
make-up Sun 09-28 and Sat 10-11; Spring Festival 2026 = 02-15…02-23 with make-up Sat 02-14 and Sat 02-28)."""
import json
import textwrap

import pytest

from engine.api import compile_rules

HEAD = '''\
contract "X" { calendar official }
party 甲方 "翠湖花园业主委员会" as buyer
party 乙方 "某物业服务有限公司" as supplier
'''


def run(rules, facts, as_of, head=HEAD):
    compiled = compile_rules(head + textwrap.dedent(rules), "x.qy")
    return compiled.evaluate([json.dumps(x, ensure_ascii=False) for x in facts], as_of)


def f(fid, ftype, at, **attrs):
    return {"id": fid, "type": ftype, "at": at, **attrs}


def obligations(report, name):
    return [o for o in report["obligations"] if o["name"] == name]


def remedy(report, name):
    return [r for r in report["remedies"] if r["name"] == name]


def T(s):
    return s + "+08:00"


REPAIR = '''
event repair_reported "接到报修" { kind: one of (lift "电梯困人", water "供水管道爆裂", ordinary "一般维修")  place: text "部位" }
event arrived "到达现场" { ref: ref (repair_reported) "所处置的报修" }
event repaired "修复" { ref: ref (repair_reported) "所修复的报修" }
clause "3.1" "紧急维修" {
  obligation emergency_arrive "紧急维修30分钟内到场" {
    debtor 乙方
    creditor 甲方
    for each repair_reported r where r.kind != "ordinary"
    fulfilled by arrived a where a.ref == r.id or by repaired x where x.ref == r.id
    within 30 minutes
  }
  obligation emergency_fix "紧急维修4小时内排除故障" {
    debtor 乙方
    creditor 甲方
    for each repair_reported r where r.kind != "ordinary"
    fulfilled by repaired x where x.ref == r.id
    within 4 hours
  }
}
clause "3.2" "一般维修" {
  obligation ordinary_fix "一般维修2个工作日内完成" {
    debtor 乙方
    creditor 甲方
    for each repair_reported r where r.kind == "ordinary"
    fulfilled by repaired x where x.ref == r.id
    within 2 working days
  }
}
'''


def by_trigger(report, name):
    return {o["trigger"]: o for o in obligations(report, name)}


def test_thirty_minutes_includes_the_thirtieth_minute_on_a_holiday():
    """Lift entrapment reported Wed 2025-10-01 09:00 (National Day): 30 minutes end at 09:30:00, which is in time
    (第1259条); an arrival at 09:30:00 is fulfilled, one at 10:30:01 for a report at 10:00 is late.  Hours are
    never moved for a holiday: the 4-hour fix is due 13:00 (a fix at 13:00:00 in time; 14:00:01 late)."""
    facts = [f("r1", "repair_reported", T("2025-10-01T09:00:00"), kind="lift", place="5幢2号梯"),
             f("a1", "arrived", T("2025-10-01T09:30:00"), ref="r1"),
             f("x1", "repaired", T("2025-10-01T13:00:00"), ref="r1"),
             f("r2", "repair_reported", T("2025-10-01T10:00:00"), kind="water", place="3幢管井"),
             f("a2", "arrived", T("2025-10-01T10:30:01"), ref="r2"),
             f("x2", "repaired", T("2025-10-01T14:00:01"), ref="r2")]
    rep = run(REPAIR, facts, T("2025-10-02T00:00:00"))
    arrive, fix = by_trigger(rep, "emergency_arrive"), by_trigger(rep, "emergency_fix")
    assert (arrive["r1"]["status"], arrive["r1"]["due"]) == ("fulfilled", T("2025-10-01T09:30:00"))
    assert arrive["r2"]["status"] == "violated"
    assert (fix["r1"]["status"], fix["r2"]["status"]) == ("fulfilled", "violated")


def test_two_working_days_over_national_day_2025():
    """Tue 2025-09-30 15:00 ordinary repair: 10-01…10-08 holidays, Thu 10-09 (1), Fri 10-10 (2) → late from
    2025-10-11T00:00; a repair on the make-up Saturday 10-11 09:00 is a day late.  Fri 09-26 17:00: Sat 09-27 rest,
    the make-up Sun 09-28 (1), Mon 09-29 (2) → due 2025-09-30T00:00; repaired 09-29 23:59:59, in time."""
    facts = [f("r1", "repair_reported", T("2025-09-30T15:00:00"), kind="ordinary", place="门禁"),
             f("x1", "repaired", T("2025-10-11T09:00:00"), ref="r1"),
             f("r2", "repair_reported", T("2025-09-26T17:00:00"), kind="ordinary", place="路灯"),
             f("x2", "repaired", T("2025-09-29T23:59:59"), ref="r2")]
    o = by_trigger(run(REPAIR, facts, T("2025-10-20T00:00:00")), "ordinary_fix")
    assert (o["r1"]["status"], o["r1"]["due"]) == ("violated", T("2025-10-11T00:00:00"))
    assert (o["r2"]["status"], o["r2"]["due"]) == ("fulfilled", T("2025-09-30T00:00:00"))


def test_two_working_days_over_spring_festival_2026_and_midnight():
    """Fri 2026-02-13 18:00: the make-up Sat 02-14 (1), 02-15…02-23 holidays, Tue 02-24 (2) → due 2026-02-25T00:00.
    A repair recorded at 2026-02-25T00:00:00 is on the 25th: late.  One at 02-24 23:59:59 is in time."""
    for at, status in (("2026-02-25T00:00:00", "violated"), ("2026-02-24T23:59:59", "fulfilled")):
        facts = [f("r", "repair_reported", T("2026-02-13T18:00:00"), kind="ordinary", place="屋面"),
                 f("x", "repaired", T(at), ref="r")]
        (o,) = obligations(run(REPAIR, facts, T("2026-03-01T00:00:00")), "ordinary_fix")
        assert (o["status"], o["due"]) == (status, T("2026-02-25T00:00:00"))


def test_report_and_repair_at_the_same_instant_and_listed_backwards():
    """A burst pipe repaired at the very instant it is reported (the report entered after the repair): facts of one
    instant are simultaneous, order never matters — arrival (by the repair, `or by`) and fix both fulfilled."""
    facts = [f("x", "repaired", T("2026-02-16T03:00:00"), ref="r"),
             f("r", "repair_reported", T("2026-02-16T03:00:00"), kind="water", place="地下车库")]
    rep = run(REPAIR, facts, T("2026-02-17T00:00:00"))
    assert [o["status"] for o in obligations(rep, "emergency_arrive")] == ["fulfilled"]
    assert [o["status"] for o in obligations(rep, "emergency_fix")] == ["fulfilled"]


def test_the_same_leak_reported_twice_is_one_repair_only_if_the_rules_say_so():
    """Two residents report the same burst pipe (two facts, same place, 2 minutes apart); 乙方's repair record names
    the first report.  Hand count under 3.1: one emergency, fixed in 1 hour — no breach.  With `x.ref == r.id` the
    second report's duty is violated (and would cost ¥500 under 3.3); matching on the place, both are fulfilled.
    Not a defect of the engine but a trap: the fact schema decides what "the same repair" is."""
    facts = [f("r1", "repair_reported", T("2025-12-01T08:00:00"), kind="water", place="6幢1单元管井"),
             f("r2", "repair_reported", T("2025-12-01T08:02:00"), kind="water", place="6幢1单元管井"),
             f("a", "arrived", T("2025-12-01T08:20:00"), ref="r1"),
             f("x", "repaired", T("2025-12-01T09:00:00"), ref="r1")]
    rep = run(REPAIR, facts, T("2025-12-02T00:00:00"))
    assert sorted(o["status"] for o in obligations(rep, "emergency_fix")) == ["fulfilled", "violated"]
    by_place = REPAIR.replace("fulfilled by repaired x where x.ref == r.id\n    within 4 hours",
                              "fulfilled by repaired x where x.ref == r.id or exists(repair_reported q where q.id == x.ref and q.place == r.place)\n    within 4 hours")
    rep = run(by_place, facts, T("2025-12-02T00:00:00"))
    assert sorted(o["status"] for o in obligations(rep, "emergency_fix")) == ["fulfilled", "fulfilled"]


def test_a_fact_exported_twice_word_for_word_counts_once_silently():
    """The same repair report exported twice, same id, same content: one fact (one duty, violated at 12:00 with no
    repair).  Accepted without a word — no finding says a line was a duplicate; a different line under the same
    id is refused (`conflicting_id`, naming both lines)."""
    facts = [f("r1", "repair_reported", T("2025-12-01T08:00:00"), kind="water", place="管井")] * 2
    rep = run(REPAIR, facts, T("2025-12-02T00:00:00"))
    assert [o["status"] for o in obligations(rep, "emergency_fix")] == ["violated"]
    assert rep["findings"] == []


FEE = '''
party 业主 "全体业主" as owners
event fee_billed "送达缴费通知单" { unit: text "房号"  quarter: text "季度"  quarter_start: date "季度第一日"  amount: money "当季物业费" }
event fee_paid "交纳物业费" { unit: text "房号"  quarter: text "季度"  amount: money "金额" }
clause "4.2" "交纳物业费" {
  obligation pay_fee "交纳当季物业服务费" {
    debtor 业主
    creditor 乙方
    for each fee_billed b
    fulfilled when sum(p.amount for each fee_paid p where p.unit == b.unit and p.quarter == b.quarter) >= b.amount
    due by month_end(b.quarter_start)
  }
  remedy late_fee "逾期交费违约金（每日万分之三）" {
    holder 乙方
    for each pay_fee.violated o
    amount 0.03% of max(¥0.00, o.b.amount - sum(p.amount for each fee_paid p where p.unit == o.b.unit and p.quarter == o.b.quarter)) per day
    recomputed daily
  }
}
'''


def test_quarterly_fee_part_payment_late_fee_on_the_unpaid_part():
    """Q4 2025, ¥3,000.00, due by the last day of the quarter's first month: 10-31 24:00.  ¥1,000.00 paid Wed 11-05,
    ¥2,000.00 Mon 11-10 15:00.  0.03% a day of what is unpaid: 11-01…11-05 (5 days, the payment day at the balance
    before it) × ¥0.90 = ¥4.50; 11-06…11-10 (5 days) × ¥0.60 = ¥3.00; total ¥7.50, nothing after 11-10."""
    facts = [f("b", "fee_billed", T("2025-10-03T09:00:00"), unit="1701", quarter="2025-Q4", quarter_start="2025-10-01", amount="3000.00"),
             f("p1", "fee_paid", T("2025-11-05T10:00:00"), unit="1701", quarter="2025-Q4", amount="1000.00"),
             f("p2", "fee_paid", T("2025-11-10T15:00:00"), unit="1701", quarter="2025-Q4", amount="2000.00")]
    rep = run(FEE, facts, T("2025-12-01T00:00:00"), HEAD)
    (o,) = obligations(rep, "pay_fee")
    assert (o["status"], o["due"]) == ("violated", T("2025-11-01T00:00:00"))
    (r,) = remedy(rep, "late_fee")
    assert r["amount"] == "7.50"


@pytest.mark.parametrize("paid_at, status, fee", [("2026-01-31T23:59:59", "fulfilled", None),
                                                  ("2026-02-01T00:00:00", "violated", "0.90")])
def test_fee_due_on_a_saturday_is_not_moved_and_midnight_is_late(paid_at, status, fee):
    """Q1 2026: the first month's last day is Sat 01-31, an agreed date (not a period): not moved.  Paid in full
    01-31 23:59:59: in time.  Paid at 02-01 00:00:00: late, one day (02-01, the payment day) × ¥0.90."""
    facts = [f("b", "fee_billed", T("2026-01-03T09:00:00"), unit="1701", quarter="2026-Q1", quarter_start="2026-01-01", amount="3000.00"),
             f("p", "fee_paid", T(paid_at), unit="1701", quarter="2026-Q1", amount="3000.00")]
    rep = run(FEE, facts, T("2026-03-01T00:00:00"), HEAD)
    (o,) = obligations(rep, "pay_fee")
    assert (o["status"], o["due"]) == (status, T("2026-02-01T00:00:00"))
    assert [r["amount"] for r in remedy(rep, "late_fee")] == ([fee] if fee else [])


ACCOUNTS = '''
event accounts_published "公布上月收支" { month: text "月份" }
clause "5.1" "账目公开" {
  obligation publish_accounts "公布上月收支情况" {
    debtor 乙方
    creditor 甲方
    every month m from 2025-09-01 until 2025-12-31
    fulfilled by accounts_published x where x.month == m.label counting earlier
    due by working_day_from(day_of_next_month(10, m.end))
  }
}
'''


def test_accounts_by_the_tenth_moved_off_rest_days():
    """September 2025: Fri 10-10 is a working day → due 24:00 10-10; published on the make-up Sat 10-11: late.
    October: Mon 11-10 → 24:00 11-10.  November: Wed 12-10.  December: Sat 2026-01-10 → Mon 01-12; published
    01-12 23:59:59: in time."""
    facts = [f("a9", "accounts_published", T("2025-10-11T09:00:00"), month="2025-09"),
             f("a10", "accounts_published", T("2025-11-10T09:00:00"), month="2025-10"),
             f("a11", "accounts_published", T("2025-12-05T09:00:00"), month="2025-11"),
             f("a12", "accounts_published", T("2026-01-12T23:59:59"), month="2025-12")]
    o = by_trigger(run(ACCOUNTS, facts, T("2026-02-01T00:00:00")), "publish_accounts")
    assert [(o[k]["status"], o[k]["due"]) for k in ("2025-09", "2025-10", "2025-11", "2025-12")] == [
        ("violated", T("2025-10-11T00:00:00")), ("fulfilled", T("2025-11-11T00:00:00")),
        ("fulfilled", T("2025-12-11T00:00:00")), ("fulfilled", T("2026-01-13T00:00:00"))]


LIFE = '''
event contract_signed "签字盖章"
event assessed "年度考核结果送达" { year: text "考核年度"  score: decimal 0..100 "得分" }
event termination_notice "解除通知送达乙方"
event repair_reported "接到报修" { place: text "部位" }
event repaired "修复" { ref: ref (repair_reported) "所修复的报修" }
event handover_done "退出并移交"
event new_manager_took_over "新物业服务人接管"
event service_stopped "乙方撤场"
clause "2.2" "生效" {
  effective contract_effective "合同生效" { when exists(contract_signed) }
}
clause "3.2" "一般维修" {
  obligation ordinary_fix "一般维修2个工作日内完成" {
    debtor 乙方
    creditor 甲方
    for each repair_reported r
    fulfilled by repaired x where x.ref == r.id
    within 2 working days
  }
}
clause "7.2" "考核不合格的解除" {
  remedy terminate_low_score "连续两年低于80分，甲方解除权" {
    holder 甲方
    when consecutive(year, a.year for each assessed a where a.score < 80) >= 2
    once
  }
  deemed termination_takes_effect "解除通知送达满30日" {
    for each termination_notice n
    at end of 30 days as term after n
  }
  termination terminated_low_score "甲方因考核不合格解除合同" {
    for each termination_takes_effect t
    exercises terminate_low_score held by 甲方
  }
}
clause "9.2" "终止后继续服务" {
  obligation continue_service "接管前继续处理物业服务事项" {
    debtor 乙方
    creditor 甲方
    for each terminated_low_score x
    violated by service_stopped s
    until first(new_manager_took_over).at
    survives
  }
}
clause "10.1" "交接" {
  obligation handover "10日内退出并移交" {
    debtor 乙方
    creditor 甲方
    for each terminated_low_score x
    fulfilled by handover_done h counting earlier
    within 10 days
    survives
  }
}
'''
LIFE_FACTS = [f("s", "contract_signed", T("2023-12-20T10:00:00")),
              f("a24", "assessed", T("2024-12-20T10:00:00"), year="2024", score=79),
              f("a25", "assessed", T("2025-12-20T10:00:00"), year="2025", score="79.99"),
              f("n", "termination_notice", T("2026-01-05T10:00:00"))]


def test_two_years_below_80_termination_thirty_days_after_notice_and_handover_over_the_make_up_saturday():
    """79 (2024) and 79.99 (2025): two years in a row below 80 → 甲方's power from 2025-12-20.  Notice delivered
    Mon 2026-01-05; 满30日: 01-06 … 02-04 → the contract ends at 24:00 of Wed 02-04.  Handover within 10 days:
    02-05 … 02-14; Sat 02-14 is a Spring Festival make-up working day, so not moved (a Monday–Friday count would
    move it to Mon 02-16, a holiday, then to Tue 02-24) → due 2026-02-15T00:00; handed over 02-15 09:00: late."""
    facts = LIFE_FACTS + [f("h", "handover_done", T("2026-02-15T09:00:00"))]
    rep = run(LIFE, facts, T("2026-03-01T00:00:00"))
    assert rep["contract_life"]["ended"] == T("2026-02-05T00:00:00")
    (o,) = obligations(rep, "handover")
    assert (o["status"], o["due"]) == ("violated", T("2026-02-15T00:00:00"))


def test_a_score_of_exactly_80_is_not_below_80():
    """79 then 80.00: “低于80分” excludes 80 (第1259条: 不满 excludes the number) — no power, the notice ends
    nothing (it is reported as a termination without right)."""
    facts = LIFE_FACTS[:2] + [f("a25", "assessed", T("2025-12-20T10:00:00"), year="2025", score="80.00"), LIFE_FACTS[3]]
    rep = run(LIFE, facts, T("2026-03-01T00:00:00"))
    assert rep["contract_life"].get("ended") is None
    assert remedy(rep, "terminate_low_score") == []


def test_a_repair_reported_at_the_instant_the_contract_ends_is_after_the_end():
    """A repair reported at 2026-02-05T00:00:00, the very instant the termination takes effect (24:00 of 02-04).
    The end is at 24:00 of 02-04 and happens on 02-04; a fact at 00:00 of 02-05 is on 02-05 (time-and-law.md: "An act
    recorded at 00:00 of the next day is on the next day"; "A deadline missed at 24:00 of day D happens on day D"):
    after the end, so no duty arises from it — nor from a report one second later.  (Until the session of 2026-12-06
    (17:07–) this test read the end as coming after the facts of that instant, the duty arising and discharged at once;
    contract round 36, counsel round 35 and review round 38 read the 24:00 end first, as here.)"""
    facts = LIFE_FACTS + [f("r", "repair_reported", T("2026-02-05T00:00:00"), place="门禁"),
                          f("r2", "repair_reported", T("2026-02-05T00:00:01"), place="路灯")]
    rep = run(LIFE, facts, T("2026-03-01T00:00:00"))
    assert [(o["trigger"], o["status"]) for o in obligations(rep, "ordinary_fix")] == [(None, "inactive")]


def test_continuing_service_until_takeover_ends_at_the_takeover():
    """第950条: after the contract ended (24:00 of 02-04) 乙方 keeps serving until the new manager takes over (Fri
    02-20 09:00).  No withdrawal in between: by hand, the duty is fulfilled at the takeover (02-20 09:00)."""
    facts = LIFE_FACTS + [f("k", "new_manager_took_over", T("2026-02-20T09:00:00"))]
    rep = run(LIFE, facts, T("2026-03-01T00:00:00"))
    (o,) = obligations(rep, "continue_service")
    assert o["status"] == "fulfilled"


def test_withdrawal_before_takeover_violates_continuing_service():
    """乙方 withdraws Tue 02-10, the new manager takes over 02-20: 第950条 breached at 02-10 09:00."""
    facts = LIFE_FACTS + [f("s2", "service_stopped", T("2026-02-10T09:00:00")),
                          f("k", "new_manager_took_over", T("2026-02-20T09:00:00"))]
    (o,) = obligations(run(LIFE, facts, T("2026-03-01T00:00:00")), "continue_service")
    assert o["status"] == "violated"


def test_repairs_during_the_caretaker_period_after_the_end_are_still_owed():
    """第950条: the contract ended 24:00 02-04, the new manager takes over 03-02.  A repair reported Wed 02-25 10:00
    falls in the caretaker period: 2 working days (Thu 02-26, Fri 02-27) → due 2026-02-28T00:00 (Sat 02-28, a make-up
    working day, is not needed); unrepaired by 03-01: violated.  Written with `survives` and a trigger that reads
    `not exists(new_manager_took_over)`."""
    rules = LIFE.replace("    within 2 working days\n  }", "    within 2 working days\n    survives\n  }").replace(
        "for each repair_reported r\n", "for each repair_reported r where not exists(new_manager_took_over)\n")
    facts = LIFE_FACTS + [f("r", "repair_reported", T("2026-02-25T10:00:00"), place="门禁"),
                          f("k", "new_manager_took_over", T("2026-03-02T09:00:00"))]
    (o,) = obligations(run(rules, facts, T("2026-03-01T12:00:00")), "ordinary_fix")
    assert (o["status"], o["due"]) == ("violated", T("2026-02-28T00:00:00"))


NONRENEWAL = '''
event contract_signed "签字盖章"
event nonrenewal_notice "乙方不续聘通知送达甲方"
clause "2.2" "生效" {
  effective contract_effective "合同生效" { when exists(contract_signed) }
}
clause "2.1" "服务期限" {
  deemed term_end "服务期限届满" {
    for each contract_effective c
    at day_end(2026-12-31)
  }
}
clause "8.2" "不续聘通知" {
  obligation nonrenewal_notice_duty "不续聘的九十日前通知" {
    debtor 乙方
    creditor 甲方
    for each term_end t
    fulfilled by nonrenewal_notice n counting earlier
    within 90 days before t
  }
}
'''


def test_ninety_days_before_the_end_counted_back_lands_in_national_day_and_is_not_moved():
    """第947条: 90 days before the term's end (24:00 of 2026-12-31) → the last day is Fri 2026-10-02, a National Day
    holiday; counted back, never moved.  A notice delivered 10-02 23:00 is in time; one on Sat 10-03 is late."""
    for at, status in (("2026-10-02T23:00:00", "fulfilled"), ("2026-10-03T09:00:00", "violated")):
        facts = [f("s", "contract_signed", T("2023-12-20T10:00:00")), f("n", "nonrenewal_notice", T(at))]
        rep = compile_rules(HEAD + textwrap.dedent(NONRENEWAL), "x.qy")
        # 2027 is needed by nothing here; the duty arises at the term's end
        (o,) = obligations(rep.evaluate([json.dumps(x, ensure_ascii=False) for x in facts], T("2027-01-01T00:00:00")),
                           "nonrenewal_notice_duty")
        assert (o["status"], o["due"]) == (status, T("2026-10-03T00:00:00"))


@pytest.mark.xfail(strict=True, reason="`within … before EVENT` is known only once EVENT happened: a notice period counted "
                   "back from a term's end that is fixed in the contract shows nothing until the term has ended — the "
                   "late notice (or no notice) is invisible in October, when it matters")
def test_a_missed_ninety_day_notice_is_visible_before_the_term_ends():
    """No notice by 24:00 of 2026-10-02: as of 2026-10-15 the notice is already late (by hand: violated, due
    2026-10-03T00:00).  The engine reports no duty at all until 2027-01-01."""
    facts = [f("s", "contract_signed", T("2023-12-20T10:00:00"))]
    rep = run(NONRENEWAL, facts, T("2026-10-15T00:00:00"))
    (o,) = obligations(rep, "nonrenewal_notice_duty")
    assert (o["status"], o["due"]) == ("violated", T("2026-10-03T00:00:00"))


def test_a_bill_sent_after_the_payment_date_makes_a_duty_due_the_instant_it_arises():
    """Q4's bill reaches the owner only Wed 11-05 09:00, after the agreed payment date (10-31 24:00).  The engine
    makes the duty due the instant it arises (09:00, in time only at that very instant), violated, and counts late fees
    from 11-05: paid 11-06 → 2 days × ¥0.90 = ¥1.80, with a warning `due_before_trigger`.  By hand neither reading
    of 4.2 gives this: either the owner owed from 11-01 regardless of the bill (11-01 … 11-06, 6 days, ¥5.40) or not
    before a reasonable time after it.  The warning is right to ask; the trap is in the trigger chosen."""
    facts = [f("b", "fee_billed", T("2025-11-05T09:00:00"), unit="1701", quarter="2025-Q4", quarter_start="2025-10-01", amount="3000.00"),
             f("p", "fee_paid", T("2025-11-06T09:00:00"), unit="1701", quarter="2025-Q4", amount="3000.00")]
    rep = run(FEE, facts, T("2025-12-01T00:00:00"))
    (o,) = obligations(rep, "pay_fee")
    assert (o["status"], o["due"]) == ("violated", T("2025-11-05T09:00:00"))
    assert [r["amount"] for r in remedy(rep, "late_fee")] == ["1.80"]
    assert [x["code"] for x in rep["findings"]] == ["due_before_trigger"]


CONSEC = '''
event assessed "年度考核结果送达" { year: text "考核年度"  score: decimal 0..100 "得分" }
clause "7.2" "考核" {
  remedy terminate_low_score "连续两年低于80分，甲方解除权" {
    holder 甲方
    when consecutive(year, a.year for each assessed a where a.score < 80) >= 2
    once
  }
}
'''


def test_a_year_written_the_chinese_way_is_that_year():
    """`consecutive(year, a.year …)` with the years recorded as “2024年”, “2025年” (as an assessment record writes
    them): the same two years in a row as “2024”, “2025” — 甲方's power; “2024年” and “2026年”: not in a row."""
    def power(years):
        facts = [f(f"a{n}", "assessed", f"{y[:4]}-12-20", year=y, score=79) for n, y in enumerate(years)]
        return [r["name"] for r in run(CONSEC, facts, T("2027-01-01T00:00:00"))["remedies"]]
    assert power(["2024年", "2025年"]) == power(["2024", "2025"]) != []
    assert power(["2024年", "2026年"]) == []
