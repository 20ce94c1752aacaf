"""What a lender's lawyer writing a loan between companies (借款合同：分次提款、按日计息、按季付息、分期还本、罚息与复利、
提前还款、展期、加速到期、交叉违约、通知保证人; tests/contracts/loan.qy and .txt; 民法典 第667–680条) found: each verdict
counted by hand, on both backends (the durable report must equal the reference).

Calendar facts used (chinese-calendar): National Day 2025 = 10-01 … 10-08 (Sun 09-28 and Sat 10-11 make-up working days);
New Year 2026 = 01-01 … 01-03; Qingming 2026 = 04-04 … 04-06; Labour Day 2026 = 05-01 … 05-05 (Sat 05-09 a make-up working
day); Dragon Boat 2026 = 06-19 … 06-21; Sun 2026-09-20 is a make-up working day (National Day 2026).

Conventions of the contract: 甲方 signs Thu 2025-08-28, 乙方 Fri 08-29 10:00, the 保证合同 takes effect 08-29 11:00 → in force
08-29 11:00 (13.1: the last of the three). 提款期 3 months as a term → last day Sat 11-29. Rate 7.2% a year, a day's rate
7.2% ÷ 360 = 0.02% (¥10,000,000 → ¥2,000.00 a day; ¥6,000,000 → ¥1,200.00; ¥4,000,000 → ¥800.00); 罚息 加收 50% =
3.6% ÷ 360 = 0.01% a day on overdue principal (on top of the ordinary interest); 复利 on unpaid interest 10.8% ÷ 360 =
0.03% a day. Interest periods 21st of the last month of the quarter before … 20th of the quarter's last month, 算头不算尾
(the drawdown day bears interest, the repayment day does not), each period's interest rounded once to the fen. Due
dates: interest Q3 2025 Sat 09-20 → Mon 09-22; Q4 2025 Sat 12-20 → Mon 12-22; Q1 2026 Fri 03-20; Q2 2026 Sat 06-20 (Dragon
Boat) → Mon 06-22; Q3 2026 Sun 09-20, a make-up working day, not moved; the instalments on the same days (Q4 2026: Sun
12-20 → Mon 12-21). A per-day amount counts each day begun from the first late instant, the day of a payment at the
balance before it (“至清偿之日止”), and an as-of instant at 00:00 counts its day (docs/language.md §5)."""
import json
from pathlib import Path

import pytest

from engine.api import compile_file, compile_rules

ROOT = Path(__file__).resolve().parent.parent
QY = ROOT / "tests" / "contracts" / "loan.qy"
RULES = compile_file(QY)


def f(fid, ftype, at, **attrs):
    return {"id": fid, "type": ftype, "at": at, **attrs}


def notice(fid, at, frm, to, subject, method, **attrs):
    return {"id": fid, "type": "notice_sent", "at": at, "from": frm, "to": to, "subject": subject, "method": method,
            **attrs}


def t(day, hour="10:00"):
    return f"{day}T{hour}:00+08:00"


SIGNED = [f("s1", "contract_signed", t("2025-08-28"), party="甲方"),
          f("s2", "contract_signed", t("2025-08-29"), party="乙方"),
          f("g", "guarantee_effective", t("2025-08-29", "11:00"))]
# Mon 09-01 for Thu 09-04 (09-02, 09-03, 09-04: three working days); Fri 10-10 for Wed 10-15 (Sat 10-11 make-up, Mon
# 10-13, Tue 10-14: three working days)
DRAWN = [f("rq1", "drawdown_requested", t("2025-09-01"), amount="6000000.00", drawdown_date="2025-09-04"),
         f("d1", "disbursed", t("2025-09-04"), amount="6000000.00", ref="rq1"),
         f("rq2", "drawdown_requested", t("2025-10-10"), amount="4000000.00", drawdown_date="2025-10-15"),
         f("d2", "disbursed", t("2025-10-15"), amount="4000000.00", ref="rq2")]
# Q3 2025: 09-04 … 09-20 = 17 days × ¥1,200.00 = ¥20,400.00.  Q4 2025: 09-21 … 12-20 = 10 + 31 + 30 + 20 = 91 days ×
# ¥1,200.00 = ¥109,200.00, and 10-15 … 12-20 = 17 + 30 + 20 = 67 days × ¥800.00 = ¥53,600.00: ¥162,800.00.
# Q1 2026: 12-21 … 03-20 = 11 + 31 + 28 + 20 = 90 days × ¥2,000.00 = ¥180,000.00.
PAID_2025 = [f("i3", "interest_paid", t("2025-09-22"), period="2025-Q3", amount="20400.00"),
             f("i4", "interest_paid", t("2025-12-22"), period="2025-Q4", amount="162800.00")]
Q1_PAID = [f("i1", "interest_paid", t("2026-03-20"), period="2026-Q1", amount="180000.00"),
           f("r1", "repaid", t("2026-03-20"), installment=1, amount="2000000.00")]


def run(facts, as_of, rules=RULES, base=SIGNED + DRAWN):
    """The report on the reference backend, checked equal to the durable backend's."""
    ls = [json.dumps(x, ensure_ascii=False) for x in base + facts]
    ref = rules.evaluate(ls, as_of)
    dur = rules.evaluate(ls, as_of, backend="durable")
    assert dur == ref
    return ref


def ob(report, name):
    return [(o["trigger"], o["status"], o["due"], o["fulfilled_at"]) for o in report["obligations"]
            if o["name"] == name and o["status"] != "inactive"]


def status(report, name):
    return [o[1] for o in ob(report, name)]


def rem(report, name):
    return [(r["status"], r["amount"]) for r in report["remedies"] if r["name"] == name]


def evs(report, name):
    return [e["at"] for e in report["events"] if e["name"] == name]


def codes(report):
    return [x["code"] for x in report["findings"] if x["code"] not in ("open_point", "unused_assumption")]


def interest(report, quarter):
    (row,) = [o for o in report["obligations"] if o["name"] == "pay_interest" and o["trigger"] == quarter]
    return row["status"], row["due"], row["fulfilled_at"]


# ------------------------------------------------------------------ the rule file itself
def test_rule_file_checks_on_both_backends():
    from engine.cli import main
    assert main(["check", str(QY)]) == 0
    assert main(["check", "--backend", "durable", str(QY)]) == 0


# ------------------------------------------------------------------ 13.1, 2.3, 3–4: the ordinary life of the loan
def test_effective_drawdowns_and_the_first_two_quarters_of_interest():
    """In force at 08-29 11:00 (the guarantee, the last of the three). Both requests meet 2.3: disbursed on their days
    (due 24:00 09-04 and 24:00 10-15). Q3 2025 ¥20,400.00 paid Mon 09-22 (due moved off Sat 09-20 and Sun 09-21),
    Q4 ¥162,800.00 paid Mon 12-22 (due moved off Sat 12-20, Sun 12-21): both in time, nothing claimable."""
    r = run(PAID_2025, t("2026-01-10", "12:00"))
    assert r["contract_life"]["effective"] == "2025-08-29T11:00:00+08:00"
    assert ob(r, "disburse") == [("rq1", "fulfilled", "2025-09-05T00:00:00+08:00", "2025-09-04T10:00:00+08:00"),
                                 ("rq2", "fulfilled", "2025-10-16T00:00:00+08:00", "2025-10-15T10:00:00+08:00")]
    assert interest(r, "2025-Q3") == ("fulfilled", "2025-09-23T00:00:00+08:00", "2025-09-22T10:00:00+08:00")
    assert interest(r, "2025-Q4") == ("fulfilled", "2025-12-23T00:00:00+08:00", "2025-12-22T10:00:00+08:00")
    assert interest(r, "2026-Q1") == ("active", "2026-03-21T00:00:00+08:00", None)
    # the instalments arise once the 提款期 has run (24:00 Sat 11-29) or the whole loan is drawn (10-15 10:00)
    assert [(o[0], o[1], o[2]) for o in ob(r, "repay_1") + ob(r, "repay_4")] == [
        ("d2", "active", "2026-03-21T00:00:00+08:00"), ("d2", "active", "2026-12-22T00:00:00+08:00")]
    assert r["remedies"] == [] and codes(r) == []


def test_one_fen_short_of_a_quarters_interest_is_not_paid():
    """Q4 2025 interest is ¥162,800.00; ¥162,799.99 paid on 12-22 → violated at 24:00 12-22; 复利 on the one fen:
    ¥0.01 × 0.03% a day is ¥0.000003, 12-23 … 01-10 (19 days) → ¥0.000057 → ¥0.00."""
    r = run([PAID_2025[0], f("i4", "interest_paid", t("2025-12-22"), period="2025-Q4", amount="162799.99")],
            "2026-01-10T00:00:00+08:00")
    assert interest(r, "2025-Q4") == ("violated", "2025-12-23T00:00:00+08:00", None)
    assert rem(r, "compound_interest") == [("held", "0.00")]


@pytest.mark.parametrize("received, drawdown, amount, ok", [
    ("2025-09-01", "2025-09-04", "6000000.00", True),    # Mon → Tue, Wed, Thu: the third working day
    ("2025-09-02", "2025-09-04", "6000000.00", False),   # Tue → Wed, Thu: only two working days
    ("2025-09-26", "2025-10-09", "6000000.00", True),    # Fri → Sun 09-28 (make-up), Tue 09-30, … Thu 10-09
    ("2025-09-26", "2025-09-29", "6000000.00", False),   # Fri → Sun 09-28 (1), Mon 09-29 (2): Tue 09-30 is the third
    ("2025-09-01", "2025-09-04", "999999.99", False),    # under ¥1,000,000.00 (2.2)
    ("2025-11-24", "2025-11-29", "6000000.00", True),    # Sat 11-29 is the last day of the 提款期 (a term)
    ("2025-11-24", "2025-11-30", "6000000.00", False),   # after it
])
def test_drawdown_requests_and_the_three_working_days(received, drawdown, amount, ok):
    """2.3 (assumption drawdown_notice): the request is received on day R; R not counted, the drawdown day may be no
    earlier than the third working day after it. Sep 2025: Sun 09-28 is a make-up working day, so R = Fri 09-26 gives
    Sun 09-28 (1), Mon 09-29 (2), Tue 09-30 (3) — a drawdown on 09-30 is allowed; on Mon 09-29 is not."""
    r = run([f("rq", "drawdown_requested", t(received), amount=amount, drawdown_date=drawdown)],
            "2025-12-01T00:00:00+08:00", base=SIGNED)
    assert ("disburse" in [o["name"] for o in r["obligations"] if o["status"] != "inactive"]) == ok
    assert codes(r) == ([] if ok else ["drawdown_request_refused"])


@pytest.mark.parametrize("received, drawdown, ok", [
    ("2025-09-26", "2025-09-30", True),
    ("2025-09-26", "2025-09-29", False),
])
def test_a_make_up_sunday_counts_as_a_working_day_for_the_request(received, drawdown, ok):
    """Fri 09-26 received: Sun 09-28 (make-up) 1, Mon 09-29 2, Tue 09-30 3 → a drawdown on 09-30 is allowed, 09-29 not."""
    r = run([f("rq", "drawdown_requested", t(received), amount="6000000.00", drawdown_date=drawdown)],
            "2025-12-01T00:00:00+08:00", base=SIGNED)
    assert (codes(r) == []) == ok


# ------------------------------------------------------------------ 2.6 the lender's delay
@pytest.mark.parametrize("payments, damages", [
    ([("2025-09-08", "6000000.00")], "12000.00"),                           # 09-05 … 09-08: 4 days × ¥3,000.00
    ([("2025-09-05", "4000000.00"), ("2025-09-08", "2000000.00")], "6000.00"),  # 09-05 at ¥6M; 09-06 … 09-08 at ¥2M
])
def test_late_disbursement_damages_on_what_was_not_disbursed(payments, damages):
    """Due 24:00 Thu 09-04. 万分之五 a day of what is still undisbursed when the day begins: all ¥6,000,000 paid Mon
    09-08 → 09-05, 06, 07, 08 at ¥3,000.00 = ¥12,000.00. ¥4,000,000 on 09-05 10:00 and ¥2,000,000 on 09-08: 09-05
    at ¥6,000,000 (¥3,000.00), 09-06 … 09-08 at ¥2,000,000 (3 × ¥1,000.00) = ¥6,000.00."""
    facts = [DRAWN[0]] + [f(f"d{k}", "disbursed", t(day), amount=a, ref="rq1") for k, (day, a) in enumerate(payments)]
    r = run(facts, "2025-09-20T00:00:00+08:00", base=SIGNED)
    assert ob(r, "disburse") == [("rq1", "violated", "2025-09-05T00:00:00+08:00", t(payments[-1][0]))]
    assert rem(r, "late_disbursement") == [("held", damages)]


def test_force_majeure_moves_the_disbursement_and_is_notified():
    """甲方's force majeure Tue 09-02 09:00 to 15:00: 6 hours, one day begun → the deadline 24:00 Thu 09-04 moves one day
    to 24:00 Fri 09-05 (10.1); disbursed 09-05 10:00: in time, no damages. 10.3: notice within 5 days of 09-02 → Sun
    09-07 → Mon 09-08 (a period to act in); by e-mail on 09-03 → delivered then."""
    r = run([DRAWN[0], f("fm", "force_majeure_occurred", t("2025-09-02", "09:00"), party="甲方"),
             f("fe", "force_majeure_ended", t("2025-09-02", "15:00"), ref="fm"),
             notice("nf", t("2025-09-03"), "甲方", "乙方", "force_majeure", "email", ref="fm"),
             f("d1", "disbursed", t("2025-09-05"), amount="6000000.00", ref="rq1")],
            "2025-09-20T00:00:00+08:00", base=SIGNED)
    assert ob(r, "disburse") == [("rq1", "fulfilled", "2025-09-06T00:00:00+08:00", "2025-09-05T10:00:00+08:00")]
    assert ob(r, "force_majeure_notice") == [("fm", "fulfilled", "2025-09-09T00:00:00+08:00",
                                              "2025-09-03T10:00:00+08:00")]
    assert rem(r, "late_disbursement") == []


def test_a_suspended_due_by_deadline_ending_on_a_sunday_moves_to_monday():
    r = run([DRAWN[0], f("fm", "force_majeure_occurred", t("2025-09-03", "09:00"), party="甲方"),
             f("fe", "force_majeure_ended", t("2025-09-05", "15:00"), ref="fm"),
             f("d1", "disbursed", t("2025-09-08"), amount="6000000.00", ref="rq1")],
            "2025-09-20T00:00:00+08:00", base=SIGNED)
    assert ob(r, "disburse") == [("rq1", "fulfilled", "2025-09-09T00:00:00+08:00", "2025-09-08T10:00:00+08:00")]


def test_misuse_is_a_default_event_and_stops_the_next_drawdown():
    """Misuse found Wed 09-10 (9.1(3), 第673条) → a default event at once; the second request (for 10-15) is excused
    (2.5: 甲方 may stop disbursing)."""
    r = run([DRAWN[0], DRAWN[1], f("m", "misuse_found", t("2025-09-10")), DRAWN[2]], "2025-10-20T00:00:00+08:00",
            base=SIGNED)
    assert evs(r, "default_event") == ["2025-09-10T10:00:00+08:00"]
    assert status(r, "disburse") == ["fulfilled", "excused"]
    assert rem(r, "acceleration_right") == [("held", None)]


# ------------------------------------------------------------------ 8.2 复利
def test_interest_paid_late_in_two_parts_bears_compound_interest():
    """Q4 2025 ¥162,800.00 due 24:00 Mon 12-22; ¥100,000.00 on Thu 12-25 10:00, ¥62,800.00 on Mon 2026-01-05 10:00.
    0.03% a day of the interest unpaid when the day began: 12-23, 12-24, 12-25 at ¥162,800.00 (¥48.84) = ¥146.52;
    12-26 … 01-05 (6 + 5 = 11 days) at ¥62,800.00 (¥18.84) = ¥207.24; ¥353.76."""
    r = run([PAID_2025[0], f("i4a", "interest_paid", t("2025-12-25"), period="2025-Q4", amount="100000.00"),
             f("i4b", "interest_paid", t("2026-01-05"), period="2025-Q4", amount="62800.00")],
            "2026-01-20T00:00:00+08:00")
    assert interest(r, "2025-Q4") == ("violated", "2025-12-23T00:00:00+08:00", "2026-01-05T10:00:00+08:00")
    assert rem(r, "compound_interest") == [("held", "353.76")]
    assert evs(r, "default_event") == []          # one period missed: no default event yet


# ------------------------------------------------------------------ 5, 8.1 罚息; interest on overdue principal
def test_late_first_instalment_penalty_and_the_next_quarters_interest():
    """Instalment 1 (¥2,000,000.00) due 24:00 Fri 03-20, repaid Wed 04-01 10:00: 罚息 0.01% = ¥200.00 a day,
    03-21 … 04-01 = 12 days → ¥2,400.00. Q2 2026 interest (03-21 … 06-20 = 11 + 30 + 31 + 20 = 92 days): ¥10,000,000 ×
    92 days less ¥2,000,000 × 81 days (04-01 … 06-20: the repayment day bears none) = 920,000,000 − 162,000,000 =
    758,000,000 yuan-days × 0.02% = ¥151,600.00, due Mon 06-22 (06-20 in Dragon Boat) → paid 06-22: in time."""
    r = run(PAID_2025 + [Q1_PAID[0], f("r1", "repaid", t("2026-04-01"), installment=1, amount="2000000.00"),
                         f("i2", "interest_paid", t("2026-06-22"), period="2026-Q2", amount="151600.00")],
            "2026-06-22T12:00:00+08:00")
    assert ob(r, "repay_1") == [("d2", "violated", "2026-03-21T00:00:00+08:00", "2026-04-01T10:00:00+08:00")]
    assert rem(r, "penalty_interest_1") == [("held", "2400.00")]
    assert interest(r, "2026-Q2") == ("fulfilled", "2026-06-23T00:00:00+08:00", "2026-06-22T10:00:00+08:00")
    assert evs(r, "default_event") == []


def test_a_make_up_sunday_is_not_moved_and_a_day_late_costs_one_day_of_compound_interest():
    """Q3 2026 (06-21 … 09-20 = 10 + 31 + 31 + 20 = 92 days): instalment 1 repaid 03-20, instalment 2 Mon 06-22,
    instalment 3 Sun 09-20 (a make-up working day: its own day, not moved). Yuan-days: 10M × 92 − 2M × 92 − 3M × 91
    (06-22 … 09-20) − 2M × 1 (09-20) = 920 − 184 − 273 − 2 = 461 million → ¥92,200.00, due 24:00 Sun 09-20; paid Mon
    09-21 10:00: late, 复利 ¥92,200.00 × 0.03% = ¥27.66 for the one day 09-21."""
    r = run(PAID_2025 + Q1_PAID + [
        f("i2", "interest_paid", t("2026-06-22"), period="2026-Q2", amount="147200.00"),
        f("r2", "repaid", t("2026-06-22"), installment=2, amount="3000000.00"),
        f("r3", "repaid", t("2026-09-20"), installment=3, amount="2000000.00"),
        f("iq3", "interest_paid", t("2026-09-21"), period="2026-Q3", amount="92200.00")], "2026-10-01T00:00:00+08:00")
    assert interest(r, "2026-Q2")[0] == "fulfilled"   # 10M × 92 − 2M × 92 = 736M yuan-days → ¥147,200.00
    assert ob(r, "repay_2") == [("d2", "fulfilled", "2026-06-23T00:00:00+08:00", "2026-06-22T10:00:00+08:00")]
    assert ob(r, "repay_3") == [("d2", "fulfilled", "2026-09-21T00:00:00+08:00", "2026-09-20T10:00:00+08:00")]
    assert interest(r, "2026-Q3") == ("violated", "2026-09-21T00:00:00+08:00", "2026-09-21T10:00:00+08:00")
    assert rem(r, "compound_interest") == [("held", "27.66")]


# ------------------------------------------------------------------ 9 违约事件、提前到期、通知保证人
ACCEL = PAID_2025 + [notice("n1", t("2026-03-23"), "甲方", "乙方", "acceleration", "ems")]


@pytest.mark.parametrize("sent, guarantor", [
    ("2026-03-27", ("fulfilled", "2026-03-30T00:00:00+08:00")),   # EMS Fri 03-27 → day 3 Mon 03-30
    ("2026-03-30", ("violated", "2026-04-02T00:00:00+08:00")),    # EMS Mon 03-30 → day 3 Thu 04-02: late
])
def test_two_missed_payments_acceleration_penalties_and_the_guarantor(sent, guarantor):
    """Q1 2026 interest (¥180,000.00) and instalment 1 (¥2,000,000.00) both unpaid at 24:00 Fri 03-20: two periods
    missed → a default event at 2026-03-21T00:00 (9.1(1)). Acceleration by EMS Mon 03-23 → deemed delivered Thu 03-26
    (day 3, 00:00). 9.2: five working days from 03-26: 03-27, 03-30, 03-31, 04-01, 04-02 → instalments 2–4 due 24:00
    Thu 04-02 (not 06-22, 09-20, 12-21); nothing paid → violated at 04-03T00:00. 9.3: 丙方 within three working days of
    03-26: 03-27, 03-30, 03-31 → due 24:00 03-31. As of 04-10 00:00: 罚息 instalment 1 03-21 … 04-10 = 21 days × ¥200.00
    = ¥4,200.00; instalments 2 and 4 (¥3,000,000.00: ¥300.00 a day) and 3 (¥200.00) 04-03 … 04-10 = 8 days: ¥2,400.00,
    ¥1,600.00, ¥2,400.00; 复利 on the Q1 interest ¥180,000.00 × 0.03% = ¥54.00 × 21 days = ¥1,134.00."""
    r = run(ACCEL + [notice("n2", t(sent), "甲方", "丙方", "acceleration", "ems")], "2026-04-10T00:00:00+08:00")
    assert evs(r, "default_event")[0] == "2026-03-21T00:00:00+08:00"
    assert ob(r, "repay_1") == [("d2", "violated", "2026-03-21T00:00:00+08:00", None)]
    for k in (2, 3, 4):
        assert ob(r, f"repay_{k}") == [("d2", "violated", "2026-04-03T00:00:00+08:00", None)]
    assert interest(r, "2026-Q1") == ("violated", "2026-03-21T00:00:00+08:00", None)
    assert [(s, d, fa) for _, s, d, fa in ob(r, "notify_guarantor")] == [
        (guarantor[0], "2026-04-01T00:00:00+08:00", guarantor[1])]
    assert rem(r, "penalty_interest_1") == [("held", "4200.00")]
    assert rem(r, "penalty_interest_2") == [("held", "2400.00")]
    assert rem(r, "penalty_interest_3") == [("held", "1600.00")]
    assert rem(r, "penalty_interest_4") == [("held", "2400.00")]
    assert rem(r, "compound_interest") == [("held", "1134.00")]
    assert r["contract_life"]["ended"] is None        # 9.4: acceleration does not end the contract


def test_cross_default_acceleration_repaid_in_time_with_interest_to_the_repayment_day():
    """Cross-default Mon 05-11 (9.1(2)). Acceleration by hand, signed Tue 05-12 15:00 → five working days 05-13, 14, 15,
    18, 19 → due 24:00 Tue 05-19. 丙方 told by e-mail 05-12 16:00: within 05-13 … 05-15. 乙方 repays instalments 2–4
    (¥8,000,000.00) and the Q2 interest on Tue 05-19 10:00: Q2 period 03-21 … 06-20 (92 days): 10M × 92 − 2M × 92
    (instalment 1 repaid 03-20, before the period) − 8M × 33 (05-19 … 06-20: the repayment day bears none) = 920 − 184
    − 264 = 472 million yuan-days × 0.02% = ¥94,400.00 (¥8,000,000 for 03-21 … 05-18, 59 days × ¥1,600.00). All in time;
    Q3 and Q4 2026 arise with nothing outstanding: nothing to pay, fulfilled when they arise."""
    r = run(PAID_2025 + Q1_PAID + [
        f("x", "cross_default", t("2026-05-11")),
        notice("n1", t("2026-05-12"), "甲方", "乙方", "acceleration", "personal", signed_at=t("2026-05-12", "15:00")),
        notice("n2", t("2026-05-12", "16:00"), "甲方", "丙方", "acceleration", "email"),
        f("r2", "repaid", t("2026-05-19"), installment=2, amount="3000000.00"),
        f("r3", "repaid", t("2026-05-19"), installment=3, amount="2000000.00"),
        f("r4", "repaid", t("2026-05-19"), installment=4, amount="3000000.00"),
        f("i2", "interest_paid", t("2026-05-19"), period="2026-Q2", amount="94400.00")], "2026-10-15T00:00:00+08:00")
    assert evs(r, "default_event") == ["2026-05-11T10:00:00+08:00"]
    for k in (2, 3, 4):
        assert ob(r, f"repay_{k}") == [("d2", "fulfilled", "2026-05-20T00:00:00+08:00", "2026-05-19T10:00:00+08:00")]
    assert interest(r, "2026-Q2") == ("fulfilled", "2026-05-20T00:00:00+08:00", "2026-05-19T10:00:00+08:00")
    assert interest(r, "2026-Q3") == ("fulfilled", "2026-09-21T00:00:00+08:00", "2026-07-01T00:00:00+08:00")
    assert interest(r, "2026-Q4") == ("fulfilled", "2026-12-22T00:00:00+08:00", "2026-10-01T00:00:00+08:00")
    assert ob(r, "notify_guarantor") == [("notice_delivered:n1", "fulfilled", "2026-05-16T00:00:00+08:00",
                                          "2026-05-12T16:00:00+08:00")]
    assert ob(r, "prepayment_notice") == []       # payments after the declaration are not prepayments
    assert [x for x in r["remedies"] if x["name"] != "acceleration_right"] == []


def test_a_declaration_without_a_default_event_changes_nothing():
    """Only instalment 1 is late (one period missed): 甲方's declaration of 04-01 (by hand, signed then) has no ground —
    instalment 2 stays due 24:00 Mon 06-22, and 丙方 need not be told."""
    r = run(PAID_2025 + [Q1_PAID[0], notice("n1", t("2026-04-01"), "甲方", "乙方", "acceleration", "personal",
                                            signed_at=t("2026-04-01"))], "2026-04-10T00:00:00+08:00")
    assert evs(r, "default_event") == []
    assert ob(r, "repay_2") == [("d2", "active", "2026-06-23T00:00:00+08:00", None)]
    assert ob(r, "notify_guarantor") == []


@pytest.mark.parametrize("signed, due", [
    ("2026-05-03", "2026-05-12T00:00:00+08:00"),   # within six months: 05-06, 07, 08, Sat 05-09 (make-up), Mon 05-11
    ("2026-05-04", "2026-06-23T00:00:00+08:00"),   # the six months ran out at 24:00 05-03: no acceleration
])
def test_acceleration_must_come_within_six_months_of_the_default_event(signed, due):
    """Cross-default Mon 2025-11-03 10:00. 9.2: six months as a term from the next day → last day Sun 2026-05-03 (not
    moved). A declaration signed for on 05-03 (in the Labour Day holiday) still accelerates: five working days after
    05-03 — 05-06, 05-07, 05-08, Sat 05-09 (a make-up working day), Mon 05-11 → due 24:00 05-11. One signed for on 05-04
    is out of time: instalment 2 stays due 24:00 Mon 06-22."""
    r = run(PAID_2025 + Q1_PAID + [f("x", "cross_default", t("2025-11-03")),
                                   notice("n1", t(signed), "甲方", "乙方", "acceleration", "personal",
                                          signed_at=t(signed))], "2026-05-05T00:00:00+08:00")
    assert [o[2] for o in ob(r, "repay_2")] == [due]


# ------------------------------------------------------------------ 6 提前还款
@pytest.mark.parametrize("notified, status, fee", [
    ("2026-04-30T18:00:00+08:00", "fulfilled", []),
    ("2026-05-06T10:00:00+08:00", "violated", [("held", "30000.00")]),
])
def test_prepayment_notice_counted_back_over_labour_day(notified, status, fee):
    """¥3,000,000.00 of instalment 4 prepaid Mon 05-18 (6.1: 倒序, the last instalment first). Ten working days before
    it, counting back: 05-15, 14, 13, 12, 11 (5), Sat 05-09 make-up (6), 05-08, 07, 06 (9), (05-01 … 05-05 holiday),
    Thu 04-30 (10) → the notice must arrive by 24:00 04-30. E-mail 04-30 18:00: in time; 05-06: late → 1% =
    ¥30,000.00. Q2 interest: 10M × 92 − 2M × 92 − 3M × 34 (05-18 … 06-20) = 920 − 184 − 102 = 634 million yuan-days →
    ¥126,800.00, paid Mon 06-22 with instalment 2: in time; instalment 4 is repaid in full."""
    r = run(PAID_2025 + Q1_PAID + [
        notice("np", notified, "乙方", "甲方", "prepayment", "email"),
        f("r4", "repaid", t("2026-05-18"), installment=4, amount="3000000.00"),
        f("r2", "repaid", t("2026-06-22"), installment=2, amount="3000000.00"),
        f("i2", "interest_paid", t("2026-06-22"), period="2026-Q2", amount="126800.00")], "2026-06-25T00:00:00+08:00")
    assert [(s, d) for _, s, d, _ in ob(r, "prepayment_notice")] == [(status, "2026-05-01T00:00:00+08:00")]
    assert rem(r, "prepayment_fee") == fee
    assert interest(r, "2026-Q2") == ("fulfilled", "2026-06-23T00:00:00+08:00", "2026-06-22T10:00:00+08:00")
    assert ob(r, "repay_4") == [("d2", "fulfilled", "2026-12-22T00:00:00+08:00", "2026-05-18T10:00:00+08:00")]


# ------------------------------------------------------------------ 7 展期
@pytest.mark.parametrize("consent, row, penalty", [
    (True, ("fulfilled", "2026-08-21T00:00:00+08:00"), []),
    (False, ("violated", "2026-06-23T00:00:00+08:00"), [("held", "17700.00")]),
])
def test_an_extension_needs_the_guarantors_consent(consent, row, penalty):
    """Instalment 2 (due 24:00 Mon 06-22) extended on 06-10 to Thu 2026-08-20, repaid 08-20 10:00. With 丙方's written
    consent (7.1, 第695条): due 24:00 08-20, in time. Without it the extension does not bind: late from 06-23; 罚息
    ¥300.00 a day, 06-23 … 08-20 = 8 + 31 + 20 = 59 days → ¥17,700.00."""
    r = run(PAID_2025 + Q1_PAID + [
        f("i2", "interest_paid", t("2026-06-22"), period="2026-Q2", amount="147200.00"),
        f("x", "extension_agreed", t("2026-06-10"), installment=2, new_due="2026-08-20", guarantor_consent=consent),
        f("r2", "repaid", t("2026-08-20"), installment=2, amount="3000000.00")], "2026-08-25T00:00:00+08:00")
    assert ob(r, "repay_2") == [("d2", row[0], row[1], "2026-08-20T10:00:00+08:00")]
    assert rem(r, "penalty_interest_2") == penalty


# ------------------------------------------------------------------ 2.1, 5.2 a loan not drawn in full
def test_an_undrawn_balance_is_taken_off_the_last_instalments():
    """Only ¥6,000,000.00 drawn. The 提款期 ends 24:00 Sat 11-29 (a term): the instalments arise then. 5.2 from the last:
    instalment 4 max(0, min(3M, 6M − 7M)) = ¥0.00 → nothing to repay, performed when it arises; instalment 3 min(2M,
    6M − 5M) = ¥1,000,000.00, repaid Sun 2026-09-20 (a make-up working day) → in time. Q4 2025 interest on ¥6,000,000
    only: 91 days × ¥1,200.00 = ¥109,200.00."""
    r = run([PAID_2025[0], f("i4", "interest_paid", t("2025-12-22"), period="2025-Q4", amount="109200.00"),
             ], "2026-01-10T00:00:00+08:00", base=SIGNED + DRAWN[:2])
    assert interest(r, "2025-Q4") == ("fulfilled", "2025-12-23T00:00:00+08:00", "2025-12-22T10:00:00+08:00")
    assert [o[1:] for o in ob(r, "repay_4")] == [("fulfilled", "2026-12-22T00:00:00+08:00", "2025-11-30T00:00:00+08:00")]
    assert [o[1:3] for o in ob(r, "repay_3")] == [("active", "2026-09-21T00:00:00+08:00")]
    later = run([f("r3", "repaid", t("2026-09-20"), installment=3, amount="1000000.00")], "2026-09-25T00:00:00+08:00",
                base=SIGNED + DRAWN[:2])
    assert ob(later, "repay_3") == [("time:2025-11-30T00:00:00+08:00", "fulfilled", "2026-09-21T00:00:00+08:00", "2026-09-20T10:00:00+08:00")]


# ------------------------------------------------------------------ fixed in this round (guards)
def test_verify_reads_the_contracts_own_table():
    """The repayment schedule (5.1) is contract text: `verify schedule[1].amount + … == principal` was refused as
    not_constant ("只能写由金额和参数构成的条件"), so the four instalments could not be checked against the principal
    or the maturity date. Fixed: a cell looked up by a written row number is a constant. The loan's own verifies hold;
    instalment 1 written ¥2,500,000.00 makes two of them fail (sum ¥10,500,000.00; row 2's 此前各期合计 ¥2,000,000.00),
    beside the table's own total line."""
    assert [x.code for x in RULES.findings if x.code == "contract_inconsistency"] == []
    bad = QY.read_text(encoding="utf-8").replace("1: 2026-03-20, ¥0.00, ¥2,000,000.00",
                                                 "1: 2026-03-20, ¥0.00, ¥2,500,000.00")
    found = [x.code for x in compile_rules(bad, "variant.qy").findings]
    assert found.count("contract_inconsistency") == 2 and "table_total_mismatch" in found


def test_a_refused_max_of_dates_is_one_error_with_the_right_hint():
    """`max(d.at.day, start)` inside `sum(…)`, the sum times a rate compared with an amount: the checker said two
    things — max( ) takes no dates (right) and “金额与百分比不能相互比较” at the comparison (wrong: the refused max made
    the sum read as a number, the rate × number a percentage), with a hint about caps. Fixed: a sum over a refused
    value is unknown (no second error), and the hint for dates names latest( ) / earliest( )."""
    src = '''contract "X" { calendar official }
party 甲方 "A" as lender
party 乙方 "B" as borrower
event d "放款" { amount: money "金额" }
param rate "年利率" = 7.2%
clause "4" "付息" {
  obligation o "付息" {
    debtor 乙方
    creditor 甲方
    for each d y
    fulfilled when sum(z.amount for each d z) >= round(rate ÷ 360 × sum(w.amount × ((w.at.day - max(w.at.day, y.at.day)) ÷ 1 days + 1) for each d w))
    within 3 days
  }
}
'''
    from engine.diagnostics import QiyueError
    with pytest.raises(QiyueError) as e:
        compile_rules(src, "max.qy")
    (d,) = e.value.diagnostics
    assert (d.code, d.span.line) == ("type_mismatch", 11)
    assert "latest(a, b)" in d.hint_text("zh") and "最晚" in d.hint_text("zh")


# ------------------------------------------------------------------ what the language cannot say, or says wrongly
@pytest.mark.xfail(strict=True, reason="contract15: after a declaration of acceleration (delivered 03-26), the interest "
                   "of the current period (03-21 …) falls due with the principal within five working days (9.2: 全部未"
                   "偿还本金及利息) — but the Q2 2026 duty arises on 04-01, after the declaration, and `accelerated by` "
                   "only reaches duties already running: it stays due 24:00 06-22")
def test_acceleration_reaches_the_interest_of_the_current_period():
    r = run(ACCEL + [notice("n2", t("2026-03-27"), "甲方", "丙方", "acceleration", "ems")], "2026-04-10T00:00:00+08:00")
    assert interest(r, "2026-Q2")[1] == "2026-04-03T00:00:00+08:00"


def test_the_right_to_accelerate_is_shown_exercised():
    r = run(ACCEL + [notice("n2", t("2026-03-27"), "甲方", "丙方", "acceleration", "ems")], "2026-04-10T00:00:00+08:00")
    assert rem(r, "acceleration_right")[0] == ("exercised", None)


def test_a_period_to_exercise_the_right_to_accelerate_can_be_written():
    """(Was a strict xfail: `exercise within` was refused on a remedy no termination exercises.)  The right to
    accelerate is used by the acceleration (`accelerated by … exercises acceleration_right`) and has 9.2's 6 months."""
    src = QY.read_text(encoding="utf-8")
    assert "exercise within 6 months as term" in src and src.count("exercises acceleration_right held by 甲方") == 5
    compile_rules(src, "variant.qy")


def test_the_interest_owed_for_a_missed_quarter_is_in_the_report():
    r = run(ACCEL, "2026-04-10T00:00:00+08:00")
    (row,) = [o for o in r["obligations"] if o["name"] == "pay_interest" and o["trigger"] == "2026-Q1"]
    assert "¥180,000.00" in "\n".join(row["because"])


@pytest.mark.xfail(strict=True, reason="contract15: `fulfilled when` is tested from the moment the duty arises, so a "
                   "duty whose amount is fixed only by later facts (an instalment of what will have been drawn, a "
                   "quarter's interest on what will be outstanding) is 'fulfilled' at once while the amount is still "
                   "¥0.00; the rule file has to hold the duty back (repay_k: `when` the 提款期 ran out) — the language "
                   "has no `fulfilled when … as of the deadline`")
def test_an_instalment_that_arises_before_the_drawdown_is_not_performed_by_nothing():
    src = QY.read_text(encoding="utf-8").replace(
        "    when exists(disbursed) and (sum(d.amount for each disbursed d) >= principal or passed(3 months as term since "
        "first(contract_effective)))\n    fulfilled when sum(p.amount for each repaid p where p.installment == 1)",
        "    for each contract_effective c\n    fulfilled when sum(p.amount for each repaid p where p.installment == 1)")
    rules = compile_rules(src, "variant.qy")
    r = run(PAID_2025, "2026-04-10T00:00:00+08:00", rules=rules)
    assert ob(r, "repay_1")[0][1] == "violated"


# ------------------------------------------------------------------ a whole year, and after the maturity date
YEAR = PAID_2025 + Q1_PAID + [
    f("i2", "interest_paid", t("2026-06-22"), period="2026-Q2", amount="147200.00"),
    f("r2", "repaid", t("2026-06-22"), installment=2, amount="3000000.00"),
    f("r3", "repaid", t("2026-09-20"), installment=3, amount="2000000.00"),
    f("iq3", "interest_paid", t("2026-09-20"), period="2026-Q3", amount="92200.00"),
    f("iq4", "interest_paid", t("2026-12-21"), period="2026-Q4", amount="54600.00")]


def test_the_last_instalment_late_after_maturity():
    """Every payment in time but the last instalment. Q4 2026 (09-21 … 12-20, 91 days) on the ¥3,000,000.00 still out:
    91 × ¥600.00 = ¥54,600.00, paid Mon 12-21 (12-20 a Sunday). Instalment 4 due 24:00 Mon 12-21, repaid Mon 12-28:
    罚息 12-22 … 12-28 = 7 days × ¥300.00 = ¥2,100.00."""
    r = run(YEAR + [f("r4", "repaid", t("2026-12-28"), installment=4, amount="3000000.00")], "2027-01-05T00:00:00+08:00")
    assert interest(r, "2026-Q4") == ("fulfilled", "2026-12-22T00:00:00+08:00", "2026-12-21T10:00:00+08:00")
    assert [s for _, s, _, _ in ob(r, "pay_interest")] == ["fulfilled"] * 6
    assert ob(r, "repay_4") == [("d2", "violated", "2026-12-22T00:00:00+08:00", "2026-12-28T10:00:00+08:00")]
    assert rem(r, "penalty_interest_4") == [("held", "2100.00")]
    assert evs(r, "default_event") == []


@pytest.mark.parametrize("repaid, amount", [("2026-12-21", "0.00"), ("2026-12-28", "4200.00")])
def test_interest_after_maturity_leaves_out_the_repayment_day(repaid, amount):
    r = run(YEAR + [f("r4", "repaid", t(repaid), installment=4, amount="3000000.00")], "2027-01-05T00:00:00+08:00")
    assert rem(r, "post_maturity_interest") == [("held", amount)]


def test_the_first_instant_of_an_event_is_worded_as_the_contract_says():
    r = run(PAID_2025, "2026-01-10T00:00:00+08:00")
    (row,) = [o for o in r["obligations"] if o["name"] == "repay_1"]
    assert not any("首个合同生效" in line for line in row["because"])
