"""What two legal engineers writing a loan contract (借款合同) and a construction contract (建设工程施工合同) in the
language found: each case cut down to a few lines, counted by hand (time-and-law.md)."""
import json
import textwrap

import pytest

from engine.api import compile_rules

HEAD = '''\
contract "X" { calendar official }
party 甲方 "贷款人" as buyer
party 乙方 "借款人" as supplier
'''


def run(rules, facts, as_of, backend="reference"):
    compiled = compile_rules(HEAD + textwrap.dedent(rules), "x.qy")
    return compiled.evaluate([json.dumps(f, ensure_ascii=False) for f in facts], as_of, backend=backend)


def f(fid, ftype, at, **attrs):
    return {"id": fid, "type": ftype, "at": at, **attrs}


def remedy(report, name):
    return [r for r in report["remedies"] if r["name"] == name]


OVERDUE = '''
event due_set "到期" { amount: money "本金" }
event paid "还款" { amount: money "金额" }
clause "7.3" "逾期利息" {
  obligation repay "还本" {
    debtor 乙方
    creditor 甲方
    for each due_set d
    fulfilled when sum(p.amount for each paid p) >= d.amount
    within 1 days
  }
  remedy overdue "逾期利息" {
    holder 甲方
    for each repay.violated o
    amount AMOUNT per day recomputed daily
  }
}
'''
LOAN_FACTS = [f("d", "due_set", "2025-12-31T10:00:00+08:00", amount="1250000.00"),
              f("p1", "paid", "2026-01-07T10:00:00+08:00", amount="500000.00")]


@pytest.mark.parametrize("backend", ["reference", "durable"])
def test_interest_by_the_day_is_rounded_once_in_total(backend):
    """¥1,250,000.00 due 2025-12-31 10:00 within 1 day: 2026-01-01 is New Year's Day (01-01 … 01-03 holidays),
    moved to the make-up Sunday 01-04 → late from 2026-01-05T00:00.  Overdue interest 6.525% a year ÷ 360 on
    what is unpaid, by the day: 01-05 … 01-07 (3 days) × ¥226.5625 = ¥679.6875; ¥500,000.00 paid on 01-07, so
    01-08 … 01-18 (11 days, as of 2026-01-18 00:00: the day it falls on counts) × ¥135.9375 = ¥1,495.3125;
    in all ¥2,175.00 exactly — rounding each day first would give 3 × ¥226.56 + 11 × ¥135.94 = ¥2,175.02
    (the loan's author: courts and banks round the total once, never the day)."""
    if backend == "durable":
        pytest.importorskip("durable")
    rules = OVERDUE.replace("AMOUNT", "max(¥0.00, o.d.amount - sum(p.amount for each paid p)) × 6.525% ÷ 360")
    report = run(rules, LOAN_FACTS, "2026-01-18T00:00:00+08:00", backend)
    (row,) = remedy(report, "overdue")
    assert row["amount"] == "2175.00"
    text = "\n".join(row["because"])
    assert "3 日 × 每日 ¥226.5625 = ¥679.6875" in text and "11 日 × 每日 ¥135.9375 = ¥1,495.3125" in text
    assert "合计 ¥2,175.00（每日金额不先行舍入，合计四舍五入至分）" in text


def test_a_contract_that_rounds_each_day_says_so():
    """`round(…) per day`: the day's amount rounded as the rules write it — ¥226.56 and ¥135.94, ¥2,175.02."""
    rules = OVERDUE.replace("AMOUNT", "round(max(¥0.00, o.d.amount - sum(p.amount for each paid p)) × 6.525% ÷ 360)")
    (row,) = remedy(run(rules, LOAN_FACTS, "2026-01-18T00:00:00+08:00"), "overdue")
    assert row["amount"] == "2175.02"
    assert "不先行舍入" not in "\n".join(row["because"])


def test_a_fixed_day_amount_over_a_year_of_days():
    """Not recomputed: ¥5,000,000.00 × 4.35% ÷ 365 = ¥595.890410958904… a day; 2026-01-05 … 2026-03-31 is 86 days:
    ¥51,246.58 (51,246.575342…), where 86 × ¥595.89 would be ¥51,246.54; the day's amount is shown to the
    millionth of a yuan, marked ≈."""
    rules = OVERDUE.replace("AMOUNT", "o.d.amount × 4.35% ÷ 365").replace(" recomputed daily", "")
    facts = [f("d", "due_set", "2025-12-31T10:00:00+08:00", amount="5000000.00")]
    (row,) = remedy(run(rules, facts, "2026-03-31T12:00:00+08:00"), "overdue")
    assert row["amount"] == "51246.58"
    assert "共 86 日 × 每日 ≈¥595.890411 = ¥51,246.58（每日金额不先行舍入，合计四舍五入至分）" in "\n".join(row["because"])


RETENTION = '''
event settled "结算" { amount: money "结算价" }
event period_end "缺陷责任期届满"
event paid "付款" { amount: money "金额" }
param settled_amount "结算价" = first(settled).amount
clause "8" "质保金" {
  remedy retention_balance "质保金余额" {
    holder 乙方
    for each period_end e
    amount 3% of settled_amount
  }
  obligation return_retention "退还质保金" {
    debtor 甲方
    creditor 乙方
    for each period_end e
    fulfilled when sum(p.amount for each paid p) >= accrued(retention_balance)
    within 14 days
  }
}
'''


@pytest.mark.parametrize("backend", ["reference", "durable"])
def test_a_balance_whose_amount_is_not_known_is_not_zero(backend):
    """The construction contract's author: the retention's balance is 3% of the settled price, and no settlement has
    been recorded — its amount cannot be computed.  `accrued(retention_balance)` counted that row as ¥0.00, so the
    duty to return it was "fulfilled" the instant it arose with nothing paid.  The total is unknown: the condition
    does not hold; with no settlement by 2026-01-19 24:00 (14 days from Mon 01-05, 01-19 a Monday) the duty is
    violated.  With the settlement before (¥1,000,000.00 → ¥30,000.00) and ¥30,000.00 paid on 01-10, fulfilled then
    (an amount is computed when its row arises: one that should follow a later settlement is `recomputed daily`)."""
    if backend == "durable":
        pytest.importorskip("durable")
    facts = [f("e", "period_end", "2026-01-05T10:00:00+08:00")]
    report = run(RETENTION, facts, "2026-02-01T00:00:00+08:00", backend)
    (o,) = [o for o in report["obligations"] if o["name"] == "return_retention"]
    assert (o["status"], o["due"]) == ("violated", "2026-01-20T00:00:00+08:00")
    facts += [f("s", "settled", "2025-12-01T10:00:00+08:00", amount="1000000.00"),
              f("p", "paid", "2026-01-10T10:00:00+08:00", amount="30000.00")]
    report = run(RETENTION, facts, "2026-02-01T00:00:00+08:00", backend)
    (o,) = [o for o in report["obligations"] if o["name"] == "return_retention"]
    assert (o["status"], o["fulfilled_at"]) == ("fulfilled", "2026-01-10T10:00:00+08:00")


DRAWINGS = '''
event contract_signed "签订"
event commencement_notice "开工通知" { start_date: date "开工日期" }
event drawings_provided "提供图纸"
clause "11" "生效" {
  effective contract_effective "合同生效" {
    when exists(contract_signed)
  }
}
clause "2" "图纸" {
  obligation provide_drawings "提供图纸" {
    debtor 甲方
    creditor 乙方
    for each contract_effective e
    fulfilled by drawings_provided d
    due by day_end(first(commencement_notice).start_date - 14 days)
  }
}
'''


@pytest.mark.parametrize("backend", ["reference", "durable"])
@pytest.mark.parametrize("drawings,notice,as_of,status,fulfilled", [
    # the notice (start 03-01) makes the deadline known: 14 days before, 24:00 of 02-16; drawings on 02-20: late
    ("2024-02-20T10:00:00+08:00", "2024-02-01T10:00:00+08:00", "2024-04-01", "violated", "2024-02-20T10:00:00+08:00"),
    # drawings on 02-10, before the notice (02-20) made the deadline known: performed in time
    ("2024-02-10T10:00:00+08:00", "2024-02-20T10:00:00+08:00", "2024-04-01", "fulfilled", "2024-02-10T10:00:00+08:00"),
    # as of 02-15 the notice has not come: the deadline is not known, the duty undetermined
    ("2024-02-10T10:00:00+08:00", "2024-02-20T10:00:00+08:00", "2024-02-15", "undetermined", None),
    # the notice on 02-20 says the deadline passed on 02-16 with nothing provided: violated from then
    (None, "2024-02-20T10:00:00+08:00", "2024-04-01", "violated", None),
])
def test_a_deadline_known_only_later_is_set_when_it_becomes_known(backend, drawings, notice, as_of, status, fulfilled):
    """The construction contract's author: drawings are due 14 days before the start date a later commencement notice
    gives.  The duty arises when the contract takes effect (2024-01-02); its deadline cannot be known then — it was
    undetermined for ever, even after the notice came.  Now it is set when the notice comes, counted as written."""
    if backend == "durable":
        pytest.importorskip("durable")
    facts = [f("s", "contract_signed", "2024-01-02T10:00:00+08:00"),
             f("n", "commencement_notice", notice, start_date="2024-03-01")]
    if drawings:
        facts.append(f("d", "drawings_provided", drawings))
    report = run(DRAWINGS, facts, as_of, backend)
    (o,) = [o for o in report["obligations"] if o["name"] == "provide_drawings"]
    assert (o["status"], o["fulfilled_at"]) == (status, fulfilled)
    if status != "undetermined":
        assert o["due"] == "2024-02-17T00:00:00+08:00"
        assert not any("触发之前" in line for line in o["because"])


WORKING_DAY = '''
event quarter_started "季度开始"
event paid "付息"
clause "4" "付息" {
  obligation pay_interest "付息" {
    debtor 乙方
    creditor 甲方
    for each quarter_started q
    fulfilled by paid p
    due by working_day_from(day_of_month(20, q))
  }
}
'''


def test_a_deadline_moved_to_a_working_day_says_past_which_days_and_a_make_up_day_is_not_moved():
    """The loan's author: “每季末月20日付息，遇法定节假日顺延” — the report said only the result.  Sat 2025-09-20 and Sun
    09-21 are rest days: 24:00 of Mon 09-22, naming both; Sun 2026-09-20 is a make-up working day (国庆节调休): not
    moved, and said so."""
    facts = [f("q1", "quarter_started", "2025-09-01T10:00:00+08:00"),
             f("q2", "quarter_started", "2026-09-01T10:00:00+08:00")]
    report = run(WORKING_DAY, facts, "2026-12-01")
    first, second = [o for o in report["obligations"] if o["name"] == "pay_interest"]
    assert first["due"] == "2025-09-23T00:00:00+08:00" and second["due"] == "2026-09-21T00:00:00+08:00"
    said = [line for line in first["because"] if line.startswith("期限：")]
    assert said == ["期限：该季度开始之日所在月的第20日（遇休息日、法定节假日顺延至其后第一个工作日）24时，其中 该季度开始之日所在月的第20日24时 = 2025年9月20日24时；"
                    "2025年9月20日（星期六，休息日）、2025年9月21日（星期日，休息日） 不是工作日，顺延至其后的第一个工作日，"
                    "即 2025年9月22日24时（该日24时届满，此后即为逾期）"]
    assert any("2026年9月20日（星期日，调休上班日（国庆节调休）） 是工作日，不顺延" in line for line in second["because"])


COMPLETION = '''
event started "开工"
event applied "竣工验收申请"
event accepted "验收合格" { ref: ref (applied) "申请" }
clause "1" "工期" {
  obligation complete "按期竣工" {
    debtor 乙方
    creditor 甲方
    for each started s
    fulfilled by completed c
    within 10 days
  }
  deemed completed "实际竣工（申请之日）" {
    for each accepted h
    at first(applied a where a.id == h.ref)
  }
  remedy delay "工期延误违约金" {
    holder 甲方
    for each complete.violated o
    amount ¥10,000.00 per day
  }
}
'''
COMPLETION_FACTS = [f("s1", "started", "2024-03-01T09:00:00+08:00"), f("a1", "applied", "2024-03-05T09:00:00+08:00"),
                    f("h1", "accepted", "2024-03-20T09:00:00+08:00", ref="a1")]


@pytest.mark.parametrize("backend", ["reference", "durable"])
def test_a_completion_deemed_at_the_application_day_learnt_later_withdraws_the_violation(backend):
    """The builder (施工合同解释(一) 第9条): the completion date is the day of the application (Tue 03-05), known when
    acceptance passes (03-20).  Started Fri 03-01 09:00, 10 days → 24:00 of Mon 03-11: as of 03-15 nothing is known
    — violated, with ¥10,000.00 a day since 03-12 (4 days as of 03-15 12:00); as of 04-01 the completion is known to
    be 03-05, in time: fulfilled, and the delay damages no longer held (the engine said "violated, performed late
    on 03-05, later than 03-11").  One replay at both instants gives the same."""
    if backend == "durable":
        pytest.importorskip("durable")
    before = run(COMPLETION, COMPLETION_FACTS, "2024-03-15T12:00:00+08:00", backend)
    (o,) = [o for o in before["obligations"] if o["name"] == "complete"]
    (r,) = remedy(before, "delay")
    assert (o["status"], r["status"], r["amount"]) == ("violated", "held", "40000.00")
    after = run(COMPLETION, COMPLETION_FACTS, "2024-04-01", backend)
    (o,) = [o for o in after["obligations"] if o["name"] == "complete"]
    (r,) = remedy(after, "delay")
    assert (o["status"], o["fulfilled_at"], o["due"]) == ("fulfilled", "2024-03-05T09:00:00+08:00",
                                                         "2024-03-12T00:00:00+08:00")
    assert r["status"] == "withdrawn" and r["amount"] == "0.00"
    assert any("违约不成立" in line for line in o["because"])
    compiled = compile_rules(HEAD + textwrap.dedent(COMPLETION), "x.qy")
    many = compiled.evaluate_many([json.dumps(x) for x in COMPLETION_FACTS],
                                  ["2024-03-15T12:00:00+08:00", "2024-04-01T00:00:00+08:00"], backend=backend)
    assert [m["obligations"] for m in many] == [before["obligations"], after["obligations"]]


ANCHORED = '''
event drawdown "放款"
event interest_paid "付息" { period: text "所属期间" }
clause "4" "付息" {
  obligation pay_interest "按季付息" {
    debtor 乙方
    creditor 甲方
    every 3 months q from first(drawdown).at until first(drawdown).at.day + 12 months - 1 days
    fulfilled by interest_paid x where x.period == q.label
    due by working_day_from(q.last_day)
  }
}
'''


@pytest.mark.parametrize("backend", ["reference", "durable"])
def test_periods_counted_from_the_drawdown_not_the_calendar(backend):
    """The loan's author: “利息按季支付，每三个月为一期，自放款日起算” — `every quarter` gave calendar quarters (a stub
    2024-Q4 due the day of the drawdown).  `every 3 months q from …`: 2024-12-20 … 2025-03-19, 03-20 … 06-19,
    06-20 … 09-19, 09-20 … 12-19 (until 24:00 of 2025-12-19, twelve months less the day: four periods — until
    24:00 of 12-20 would leave a one-day fifth), each labelled by its first day, each due at its last day moved to a
    working day (03-19 Wed, 06-19 Thu, 09-19 Fri, 12-19 Fri: none moved)."""
    if backend == "durable":
        pytest.importorskip("durable")
    facts = [f("d", "drawdown", "2024-12-20T10:00:00+08:00"),
             f("p1", "interest_paid", "2025-03-19T10:00:00+08:00", period="2024-12-20")]
    report = run(ANCHORED, facts, "2026-01-01", backend)
    got = [(o["trigger"], o["status"], o["due"]) for o in report["obligations"] if o["name"] == "pay_interest"]
    assert got == [("2024-12-20", "fulfilled", "2025-03-20T00:00:00+08:00"),
                   ("2025-03-20", "violated", "2025-06-20T00:00:00+08:00"),
                   ("2025-06-20", "violated", "2025-09-20T00:00:00+08:00"),
                   ("2025-09-20", "violated", "2025-12-20T00:00:00+08:00")]


def test_a_month_end_anchor_keeps_its_corresponding_days():
    """Monthly periods from 2025-01-31 (第202条: a month without the 31st ends on its last day): 01-31 … 02-27
    (the next begins 02-28, the corresponding day), 02-28 … 03-30, 03-31 … 04-29, 04-30 … 05-30 — counted from the
    anchor each time, never from the period before (which would drift to the 28th)."""
    from datetime import date

    from engine.time.timecalc import Anchored
    a = Anchored("months", 1)
    anchor = date(2025, 1, 31)
    starts = [a.start(anchor, k) for k in range(5)]
    assert starts == [date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 31), date(2025, 4, 30), date(2025, 5, 31)]
    assert [a.last_day(anchor, s) for s in starts[:4]] == [date(2025, 2, 27), date(2025, 3, 30), date(2025, 4, 29),
                                                         date(2025, 5, 30)]
    assert a.index(anchor, date(2025, 3, 30)) == 1 and a.index(anchor, date(2025, 3, 31)) == 2
    weeks = Anchored("weeks", 2)
    assert weeks.last_day(date(2026, 1, 5), date(2026, 1, 19)) == date(2026, 2, 1)


ACCELERATION = '''
event loan_effective "借款合同生效"
event acceleration_declared "宣布提前到期"
event repaid "还款" { installment: int 1..4 "期次" }
table schedule "还款计划" (due: date "到期日") {
  1: 2025-06-20
  2: 2025-12-20
}
clause "10" "加速到期" {
  obligation repay_2 "第二期还本" {
    debtor 乙方
    creditor 甲方
    for each loan_effective e
    fulfilled by repaid r where r.installment == 2
    due by working_day_from(schedule[2].due)
    accelerated by acceleration_declared a
  }
}
'''


@pytest.mark.parametrize("backend", ["reference", "durable"])
@pytest.mark.parametrize("paid,status,due", [
    (None, "violated", "2025-08-05T10:00:00+08:00"),  # brought forward to the declaration, nothing paid
    ("2025-08-05T10:00:00+08:00", "fulfilled", "2025-08-05T10:00:00+08:00"),  # paid at that very instant: in time
    ("2025-08-06T09:00:00+08:00", "violated", "2025-08-05T10:00:00+08:00"),  # the next day: late
])
def test_acceleration_brings_the_deadline_forward_without_ending_the_contract(backend, paid, status, due):
    """The lender's author: 加速到期 could only be written as a termination, and the report said the loan contract
    had ended.  `accelerated by`: installment 2, due Sat 2025-12-20 → Mon 12-22 24:00, is brought forward to the
    declaration of Tue 2025-08-05 10:00; the contract goes on."""
    if backend == "durable":
        pytest.importorskip("durable")
    facts = [f("e", "loan_effective", "2024-12-20T10:00:00+08:00"),
             f("a", "acceleration_declared", "2025-08-05T10:00:00+08:00")]
    if paid:
        facts.append(f("r", "repaid", paid, installment=2))
    report = run(ACCELERATION, facts, "2025-09-01", backend)
    (o,) = [o for o in report["obligations"] if o["name"] == "repay_2"]
    assert (o["status"], o["due"]) == (status, due)
    assert report["contract_life"]["ended"] is None
    before = run(ACCELERATION, facts[:1], "2025-09-01", backend)
    assert [o["due"] for o in before["obligations"]] == ["2025-12-23T00:00:00+08:00"]


CONFIDENTIALITY = '''
event contract_signed "签订"
event terminated "解除"
event confidentiality_breach "泄密" { party: party "泄密方" }
clause "11" "生效" {
  effective contract_effective "合同生效" {
    when exists(contract_signed)
  }
  termination ends "解除合同" {
    for each terminated t
  }
}
clause "9.1" "保密" {
  obligation confidentiality "甲方保密义务" {
    debtor 甲方
    creditor 乙方
    for each contract_effective c
    violated by confidentiality_breach b where b.party == 甲方
    until end of 3 years as term after ended
    survives
  }
}
'''


@pytest.mark.parametrize("backend", ["reference", "durable"])
def test_a_duty_counted_from_the_contracts_end_ends_three_years_after_it(backend):
    """The software contract's author: “本条在合同终止后3年内继续有效” — `until 3 years as term since ended` was open
    for ever (the end, unknown when the duty arose, was never counted again).  Ended 2025-08-08 00:00, an instant of
    08-08: three years as a term from the next day (第201条) → last day 2028-08-08, 24:00; kept to then, fulfilled."""
    if backend == "durable":
        pytest.importorskip("durable")
    facts = [f("s", "contract_signed", "2025-01-02T10:00:00+08:00"), f("t", "terminated", "2025-08-08T00:00:00+08:00")]
    report = run(CONFIDENTIALITY, facts, "2028-09-01", backend)
    (o,) = [o for o in report["obligations"] if o["name"] == "confidentiality"]
    assert (o["status"], o["due"]) == ("fulfilled", "2028-08-09T00:00:00+08:00")
    before = run(CONFIDENTIALITY, facts[:1], "2028-09-01", backend)
    (o,) = [o for o in before["obligations"] if o["name"] == "confidentiality"]
    assert (o["status"], o["due"]) == ("active", None)


SETTLED = '''
event milestone_due "里程碑到期"
event delivered "交付" { ref: ref (milestone_due) "里程碑" }
event damages_paid "支付违约金" { ref: ref (milestone_due) "里程碑" }
clause "7" "逾期违约金" {
  obligation deliver "按期交付" {
    debtor 乙方
    creditor 甲方
    for each milestone_due m
    fulfilled by delivered d where d.ref == m.id
    within 5 days
  }
  remedy delay "逾期违约金" {
    holder 甲方
    for each deliver.violated o
    amount ¥5,000.00
    settled by damages_paid p where p.ref == o.m.id
  }
}
'''


@pytest.mark.parametrize("backend", ["reference", "durable"])
def test_damages_paid_are_settled_not_claimable(backend):
    """The software and construction contracts' authors: money already paid still showed as claimable.  Due 24:00 of
    Mon 2026-03-09 (5 days from Wed 03-04); not delivered by then: ¥5,000.00 of liquidated damages; paid Mon 03-16:
    settled, no longer claimable; as of 03-15, before the payment, held.  A payment before the row arose settles
    nothing."""
    if backend == "durable":
        pytest.importorskip("durable")
    facts = [f("m", "milestone_due", "2026-03-04T10:00:00+08:00"), f("d", "delivered", "2026-03-14T10:00:00+08:00", ref="m"),
             f("p", "damages_paid", "2026-03-16T10:00:00+08:00", ref="m")]
    (r,) = remedy(run(SETTLED, facts, "2026-04-01", backend), "delay")
    assert (r["status"], r["amount"]) == ("settled", "5000.00")
    assert any(line.startswith("已清偿") for line in r["because"])
    (r,) = remedy(run(SETTLED, facts, "2026-03-15", backend), "delay")
    assert (r["status"], r["amount"]) == ("held", "5000.00")
    early = [facts[0], f("p", "damages_paid", "2026-03-06T10:00:00+08:00", ref="m")]
    (r,) = remedy(run(SETTLED, early, "2026-04-01", backend), "delay")
    assert r["status"] == "held"


def test_of_after_a_computed_rate_says_what_of_takes():
    """The lender's author: `6.525% ÷ 360 of total` was a syntax error whose hint listed the grammar; `of` takes a
    percentage or a name — the hint says so and how to write it."""
    from engine.diagnostics import QiyueError
    with pytest.raises(QiyueError) as exc:
        compile_rules(HEAD + "param total = ¥100.00\nparam x = 6.525% ÷ 360 of total\n", "x.qy")
    (d,) = exc.value.diagnostics
    assert d.hint_key == "hint:of_after_value" and "param daily = 6.525% ÷ 360" in d.hint_text("zh")


LATE_EXTENSION = '''
event ordered "下单"
event delivered "交付"
event agreed "同意顺延" { days: int 1..90 "天数" }
clause "3" "交付" {
  obligation deliver "交付" {
    debtor 乙方
    creditor 甲方
    for each ordered o
    fulfilled by delivered d
    within 10 days
    extended by agreed x for x.days days
  }
}
'''


@pytest.mark.parametrize("backend", ["reference", "durable"])
def test_an_extension_agreed_after_the_deadline_is_said_not_to_undo_the_delay(backend):
    """The software contract's author: an extension agreed after the deadline left no trace.  Ordered Mon 2026-03-02,
    10 days → 24:00 of Thu 03-12; delivered 03-20; the agreement of 03-16 (+5 days) came after the deadline: still
    violated, and the report says why the agreement changed nothing."""
    if backend == "durable":
        pytest.importorskip("durable")
    facts = [f("o", "ordered", "2026-03-02T10:00:00+08:00"), f("x", "agreed", "2026-03-16T10:00:00+08:00", days=5),
             f("d", "delivered", "2026-03-20T10:00:00+08:00")]
    report = run(LATE_EXTENSION, facts, "2026-04-01", backend)
    (o,) = [o for o in report["obligations"] if o["name"] == "deliver"]
    assert (o["status"], o["due"]) == ("violated", "2026-03-13T00:00:00+08:00")
    assert any("延期约定在期限 2026年3月12日24时 届满之后" in line for line in o["because"])
