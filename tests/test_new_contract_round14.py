"""What a legal engineer writing a patent licence with running royalties (专利实施许可合同（普通许可·提成支付）,
tests/contracts/patentlicence.qy and .txt; 民法典 第862–877条) found: each verdict counted by hand, on both backends
(the durable report must equal the reference).

Calendar facts used (chinese-calendar 1.11.0): National Day 2025 = 10-01 … 10-08 (Sun 09-28 and Sat 10-11 make-up
working days); New Year 2026 = 01-01 … 01-03 (Sun 01-04 a make-up working day); Spring Festival 2026 = 02-15 … 02-23
(Sat 02-14 and Sat 02-28 make-up working days); Labour Day 2026 = 05-01 … 05-05 (Sat 05-09 make-up); Dragon Boat 2026
= 06-19 … 06-21; National Day 2026 = 10-01 … 10-07 (Sat 10-10 a make-up working day). 2027 on is not known to the
calendar (the rule file says `calendar fallback undetermined`).

Conventions: signed by 甲方 Thu 2025-07-03, by 乙方 Fri 2025-07-04 15:00 → in force 07-04 15:00 (13.1, the later
signature); 入门费 ¥800,000.00 within 15 working days; royalty 3% of a calendar year's cumulative net sales up to
¥20,000,000.00 and 2% above, a quarter's royalty the difference, rounded once to the fen; report and royalty "within 10
days of the quarter's end" (moved off rest days, 4.4); 逾期付款 万分之五 of the unpaid amount a day (a day's amount on
the balance before it began, the daily amount exact, the total rounded once); 逾期报告 ¥500.00 a day, at most
¥50,000.00 a report. A per-day amount counts each day begun from the first late instant (docs/language.md §5)."""
import json
from pathlib import Path

import pytest

from engine.api import compile_file, compile_rules

ROOT = Path(__file__).resolve().parent.parent
QY = ROOT / "tests" / "contracts" / "patentlicence.qy"
RULES = compile_file(QY)


def f(fid, ftype, at, **attrs):
    return {"id": fid, "type": ftype, "at": at, **attrs}


def notice(fid, at, frm, to, subject, method, **attrs):
    return {"id": fid, "type": "notice_sent", "at": at, "from": frm, "to": to, "subject": subject, "method": method,
            **attrs}


SIGNED = [f("s1", "contract_signed", "2025-07-03T10:00:00+08:00", party="甲方"),
          f("s2", "contract_signed", "2025-07-04T15:00:00+08:00", party="乙方")]
FEE = [f("p0", "paid", "2025-07-25T16:00:00+08:00", kind="entry_fee", amount="800000.00")]


def run(facts, as_of, rules=RULES, base=SIGNED):
    """The report on the reference backend, checked equal to the durable backend's."""
    ls = [json.dumps(x, ensure_ascii=False) for x in base + facts]
    ref = rules.evaluate(ls, as_of)
    dur = rules.evaluate(ls, as_of, backend="durable")
    assert dur == ref
    return ref


def ob(report, name):
    return [(o["trigger"], o["status"], o["due"], o["fulfilled_at"]) for o in report["obligations"]
            if o["name"] == name and o["status"] != "inactive"]


def rem(report, name):
    return [(r["status"], r["amount"]) for r in report["remedies"] if r["name"] == name]


def evs(report, name):
    return [e["at"] for e in report["events"] if e["name"] == name]


def codes(report):
    return [x["code"] for x in report["findings"] if x["code"] not in ("open_point", "unused_assumption",
                                                                       "calendar_year_unknown")]


def report_(fid, at, period_end, net, ytd):
    return f(fid, "sales_report", at, period_end=period_end, net_sales=net, ytd_net_sales=ytd)


def royalty(fid, at, period_end, amount):
    return f(fid, "paid", at, kind="royalty", period_end=period_end, amount=amount)


# ------------------------------------------------------------------ the rule file itself
def test_rule_file_checks_and_its_properties_hold():
    from engine.cli import main
    assert main(["check", str(QY)]) == 0
    assert main(["check", "--backend", "durable", str(QY)]) == 0
    assert main(["verify", str(QY), "--examples", "10", "--seed", "1"]) == 0


# ------------------------------------------------------------------ 13.1, 4.2, 3.1, 13.2, 4.6
def test_effective_entry_fee_documents_recordal_and_invoices():
    """In force Fri 07-04 15:00. 入门费, 15 working days: 07-07 … 07-11 (5), 07-14 … 07-18 (10), 07-21 … 07-25 (15) →
    due 24:00 07-25; paid 07-25 16:00: in time. Documents, 10 working days from the fee in full (Fri 07-25): 07-28 …
    08-01 (5), 08-04 … 08-08 (10) → due 24:00 08-08; delivered 08-08. 备案 within 3 months: 10-04 is in National Day
    (10-01 … 10-08) → Thu 10-09 → due 24:00 10-09; none → violated. Invoice for the royalty paid Fri 10-10: Sat 10-11
    make-up (1), 10-13 … 10-17 (6), 10-20 … 10-23 (10) → due 24:00 10-23; issued 10-23 → fulfilled."""
    r = run(FEE + [f("d", "docs_delivered", "2025-08-08T10:00:00+08:00"),
                   f("i0", "invoice_issued", "2025-08-01T10:00:00+08:00", amount="800000.00"),
                   report_("r1", "2025-10-10T17:00:00+08:00", "2025-09-30", "4000000.00", "4000000.00"),
                   royalty("p1", "2025-10-10T17:30:00+08:00", "2025-09-30", "120000.00"),
                   f("i1", "invoice_issued", "2025-10-23T16:00:00+08:00", amount="120000.00")],
            "2025-11-01T12:00:00+08:00")
    assert r["contract_life"]["effective"] == "2025-07-04T15:00:00+08:00"
    assert ob(r, "pay_entry_fee") == [("s2", "fulfilled", "2025-07-26T00:00:00+08:00", "2025-07-25T16:00:00+08:00")]
    assert ob(r, "deliver_docs") == [("p0", "fulfilled", "2025-08-09T00:00:00+08:00", "2025-08-08T10:00:00+08:00")]
    assert ob(r, "recordal") == [("s2", "violated", "2025-10-10T00:00:00+08:00", None)]
    assert ob(r, "issue_invoice") == [("p0", "fulfilled", "2025-08-09T00:00:00+08:00", "2025-08-01T10:00:00+08:00"),
                                      ("p1", "fulfilled", "2025-10-24T00:00:00+08:00", "2025-10-23T16:00:00+08:00")]
    assert ob(r, "pay_royalty")[0] == ("2025-Q3", "fulfilled", "2025-10-11T00:00:00+08:00",
                                       "2025-10-10T17:30:00+08:00")


def test_entry_fee_in_two_parts_late_damages_on_the_balance_and_documents_from_the_full_fee():
    """¥500,000 on 07-25 (in time), ¥300,000 on Tue 08-05 10:00 (late). Damages on the balance before each day began:
    07-26 … 08-05 = 11 days × ¥300,000 × 0.05% (¥150.00) = ¥1,650.00. Documents from the fee in full (08-05): 08-06,
    08-07, 08-08 (3), 08-11 … 08-15 (8), 08-18, 08-19 (10) → due 24:00 08-19; delivered at 00:00 08-20, the first
    late instant: late, 1 day × ¥800.00 (6.5)."""
    r = run([f("p0", "paid", "2025-07-25T16:00:00+08:00", kind="entry_fee", amount="500000.00"),
             f("p0b", "paid", "2025-08-05T10:00:00+08:00", kind="entry_fee", amount="300000.00"),
             f("d", "docs_delivered", "2025-08-20T00:00:00+08:00")], "2025-09-01T12:00:00+08:00")
    assert ob(r, "pay_entry_fee") == [("s2", "violated", "2025-07-26T00:00:00+08:00", "2025-08-05T10:00:00+08:00")]
    assert rem(r, "late_entry_fee") == [("held", "1650.00")]
    assert ob(r, "deliver_docs") == [("p0b", "violated", "2025-08-20T00:00:00+08:00", "2025-08-20T00:00:00+08:00")]
    assert rem(r, "late_docs") == [("held", "800.00")]


def test_entry_fee_unpaid_termination_only_after_thirty_days():
    """Fee due 24:00 07-25, never paid. "逾期超过30日": 30 days as a term from 24:00 07-25 → 07-26 … 08-24 → the power
    arises at 00:00 08-25. EMS sent Thu 08-21 → deemed delivered 08-24 (day 3): no power yet (termination_without_right);
    EMS sent Fri 08-22 → 08-25: terminates on 08-25. Damages go on (6.1 survives): 07-26 … 09-01 = 38 days × ¥400.00
    = ¥15,200.00. 10.3: stop within 30 days → 09-24 (Wed) → due 24:00 09-24. 9.2: confidentiality to 24:00 2028-08-25.
    10.2: the Q3 report (sales 07-04 … 08-25) still due 24:00 10-10; the sublicence ban ends with the contract."""
    r = run([notice("n1", "2025-08-21T10:00:00+08:00", "甲方", "乙方", "termination", "ems"),
             notice("n2", "2025-08-22T10:00:00+08:00", "甲方", "乙方", "termination", "ems")],
            "2025-09-01T12:00:00+08:00")
    assert r["contract_life"]["ended"] == "2025-08-25T00:00:00+08:00"
    assert r["contract_life"]["ended_by"] == "licensor_terminates"
    assert codes(r) == ["termination_without_right"]
    assert rem(r, "late_entry_fee") == [("held", "15200.00")]
    assert rem(r, "licensor_termination") == [("exercised", None)]
    assert ob(r, "stop_and_confirm") == [("licensor_terminates:notice_delivered:n2", "active",
                                          "2025-09-25T00:00:00+08:00", None)]
    assert ob(r, "confidentiality") == [("s2", "active", "2028-08-26T00:00:00+08:00", None)]
    assert ob(r, "submit_report") == [("2025-Q3", "active", "2025-10-11T00:00:00+08:00", None)]
    assert ob(r, "no_sublicense")[0][1] == "discharged"


# ------------------------------------------------------------------ 4.4 quarterly deadlines
def test_quarter_deadlines_move_off_rest_days_but_not_off_a_make_up_saturday():
    """"季度结束之日起10日内", moved off rest days: Q3 2025 → Fri 10-10; Q4 2025 → Sat 2026-01-10, a rest day → Mon
    01-12; Q1 2026 → Fri 04-10; Q2 → Fri 07-10; Q3 2026 → Sat 10-10, a make-up working day → stays 10-10. The first
    quarter starts when the contract does (07-04 15:00)."""
    r = run(FEE, "2026-09-01T12:00:00+08:00")
    dues = [(t, d) for t, _, d, _ in ob(r, "submit_report")]
    assert dues == [("2025-Q3", "2025-10-11T00:00:00+08:00"), ("2025-Q4", "2026-01-13T00:00:00+08:00"),
                    ("2026-Q1", "2026-04-11T00:00:00+08:00"), ("2026-Q2", "2026-07-11T00:00:00+08:00"),
                    ("2026-Q3", "2026-10-11T00:00:00+08:00")]
    assert [(t, d) for t, _, d, _ in ob(r, "pay_royalty")] == dues


def test_tier_split_is_rounded_once_to_the_fen():
    """Q1 2026: ¥14,999,999.50 × 3% = ¥449,999.985 → ¥449,999.99; ¥449,999.98 paid: one fen short → violated.
    Q2: year to date ¥20,000,000.25, quarter ¥5,000,000.75 → ¥5,000,000.50 under the tier × 3% = ¥150,000.015 and
    ¥0.25 above × 2% = ¥0.005: ¥150,000.02 once rounded (¥150,000.03 if each part were rounded); ¥150,000.02 paid in
    time → fulfilled."""
    r = run(FEE + [report_("r1", "2026-04-09T10:00:00+08:00", "2026-03-31", "14999999.50", "14999999.50"),
                   royalty("p1", "2026-04-10T10:00:00+08:00", "2026-03-31", "449999.98"),
                   report_("r2", "2026-07-10T10:00:00+08:00", "2026-06-30", "5000000.75", "20000000.25"),
                   royalty("p2", "2026-07-10T11:00:00+08:00", "2026-06-30", "150000.02")],
            "2026-07-20T12:00:00+08:00")
    rows = {t: (s, fa) for t, s, _, fa in ob(r, "pay_royalty")}
    assert rows["2026-Q1"] == ("violated", None)
    assert rows["2026-Q2"] == ("fulfilled", "2026-07-10T11:00:00+08:00")


def test_royalty_paid_in_time_is_in_time_though_its_report_comes_at_the_first_late_instant():
    """Q4 2025 due 24:00 Mon 01-12. ¥30,000.00 paid 23:59:59 of 01-12; the report (¥1,000,000 → ¥30,000.00) at 00:00
    01-13. The payment met the royalty when made: pay_royalty fulfilled 23:59:59 (the deemed 付清 is dated back to the
    payment), the damages the first reading gave are withdrawn. The report itself is late: 1 day × ¥500.00."""
    r = run(FEE + [report_("r1", "2025-10-10T17:00:00+08:00", "2025-09-30", "4000000.00", "4000000.00"),
                   royalty("p1", "2025-10-10T17:30:00+08:00", "2025-09-30", "120000.00"),
                   royalty("p2", "2026-01-12T23:59:59+08:00", "2025-12-31", "30000.00"),
                   report_("r2", "2026-01-13T00:00:00+08:00", "2025-12-31", "1000000.00", "5000000.00")],
            "2026-02-01T12:00:00+08:00")
    rows = {t: (s, fa) for t, s, _, fa in ob(r, "pay_royalty")}
    assert rows["2025-Q4"] == ("fulfilled", "2026-01-12T23:59:59+08:00")
    assert rem(r, "late_royalty") == [("withdrawn", "0.00")]
    assert ("2025-Q4", "violated", "2026-01-13T00:00:00+08:00", "2026-01-13T00:00:00+08:00") in ob(r, "submit_report")
    assert rem(r, "late_report") == [("held", "500.00")]
    assert ob(r, "pay_shortfall")[0] == ("2025", "fulfilled", "2026-01-31T00:00:00+08:00",
                                         "2026-01-13T00:00:00+08:00")


def test_part_payment_of_a_royalty_and_damages_on_the_rest():
    """Q4 2025 royalty ¥30,000.00; ¥20,000.00 on 01-05, report 01-09, ¥10,000.00 on Tue 01-20 10:00. Due 24:00 01-12.
    Damages on ¥10,000.00 × 0.05% = ¥5.00 a day, 01-13 … 01-20 = 8 days → ¥40.00. 付清 at 01-20 10:00."""
    r = run(FEE + [royalty("pa", "2026-01-05T10:00:00+08:00", "2025-12-31", "20000.00"),
                   report_("r2", "2026-01-09T10:00:00+08:00", "2025-12-31", "1000000.00", "1000000.00"),
                   royalty("pb", "2026-01-20T10:00:00+08:00", "2025-12-31", "10000.00")],
            "2026-02-01T12:00:00+08:00")
    rows = {t: (s, fa) for t, s, _, fa in ob(r, "pay_royalty")}
    assert rows["2025-Q4"] == ("violated", "2026-01-20T10:00:00+08:00")
    assert ("held", "40.00") in rem(r, "late_royalty")
    assert evs(r, "royalty_paid") == ["2026-01-20T10:00:00+08:00"]


def test_a_zero_quarter_is_settled_by_its_report_and_an_overpayment_at_the_first_payment():
    """Q3 2025 report of ¥0.00 sales: nothing to pay, settled when the report arrives (10-10 17:00). Q4: ¥30,000 on
    01-05 and ¥5,000 more on 01-12, report ¥1,000,000 on 01-14 (late): 付清 at the first payment that reached
    ¥30,000.00 (01-05), in time."""
    r = run(FEE + [report_("r1", "2025-10-10T17:00:00+08:00", "2025-09-30", "0.00", "0.00"),
                   royalty("pa", "2026-01-05T10:00:00+08:00", "2025-12-31", "30000.00"),
                   royalty("pb", "2026-01-12T10:00:00+08:00", "2025-12-31", "5000.00"),
                   report_("r2", "2026-01-14T10:00:00+08:00", "2025-12-31", "1000000.00", "1000000.00")],
            "2026-02-01T12:00:00+08:00")
    rows = {t: (s, fa) for t, s, _, fa in ob(r, "pay_royalty")}
    assert rows["2025-Q3"] == ("fulfilled", "2025-10-10T17:00:00+08:00")
    assert rows["2025-Q4"] == ("fulfilled", "2026-01-05T10:00:00+08:00")
    assert evs(r, "royalty_paid") == ["2025-10-10T17:00:00+08:00", "2026-01-05T10:00:00+08:00"]


@pytest.mark.parametrize("paid, damages, power", [
    ("2025-12-09T10:00:00+08:00", "3703.70", []),
    ("2025-12-10T10:00:00+08:00", "3765.43", [("held", None)]),
])
def test_sixty_days_late_royalty_gives_the_power_to_terminate(paid, damages, power):
    """Q3 2025: ¥4,115,226.33 × 3% = ¥123,456.7899 → ¥123,456.79, due 24:00 10-10, paid late. "逾期超过60日": 10-11 …
    12-09 are the 60 days. Paid 12-09: 60 days × ¥61.728395 = ¥3,703.7037 → ¥3,703.70, no power. Paid 12-10: the
    power arose at 00:00 12-10; 61 days → ¥3,765.432 → ¥3,765.43."""
    r = run(FEE + [report_("r1", "2025-10-10T17:00:00+08:00", "2025-09-30", "4115226.33", "4115226.33"),
                   royalty("p1", paid, "2025-09-30", "123456.79")], "2025-12-20T12:00:00+08:00")
    assert rem(r, "late_royalty") == [("held", damages)]
    assert rem(r, "licensor_termination") == power


def test_daily_damages_are_exact_and_rounded_once():
    """Q3 2025 royalty ¥123,456.79 unpaid; 0.05% = ¥61.728395 a day, 10-11 … 10-20 = 10 days → ¥617.28395 → ¥617.28
    (¥617.30 if each day were rounded first)."""
    r = run(FEE + [report_("r1", "2025-10-10T17:00:00+08:00", "2025-09-30", "4115226.33", "4115226.33")],
            "2025-10-20T12:00:00+08:00")
    assert rem(r, "late_royalty") == [("held", "617.28")]


def test_missing_reports_are_capped_per_report_and_the_first_year_minimum_falls_due():
    """No report at all. Q3 2025 report late from 10-11: by 03-01 141 days × ¥500.00 = ¥70,500.00, capped at
    ¥50,000.00. Q4 from 01-13: 01-13 … 03-01 = 48 days → ¥24,000.00. First-year minimum ¥150,000.00 due 24:00 01-30
    (Fri): violated; ¥75.00 a day, 01-31 … 03-01 = 30 days → ¥2,250.00. 60 days after 24:00 10-10: the power to
    terminate from 00:00 12-10."""
    r = run(FEE, "2026-03-01T12:00:00+08:00")
    assert rem(r, "late_report") == [("held", "50000.00"), ("held", "24000.00")]
    assert ob(r, "pay_shortfall")[0] == ("2025", "violated", "2026-01-31T00:00:00+08:00", None)
    assert rem(r, "late_shortfall") == [("held", "2250.00")]
    assert [x["since"] for x in r["remedies"] if x["name"] == "licensor_termination"] == ["2025-12-10T00:00:00+08:00"]


# ------------------------------------------------------------------ 4.5 minimum royalty
def test_first_year_shortfall_paid_in_two_parts():
    """2025 (07-04 … 12-31): Q3 ¥2,000,000 → ¥60,000.00, Q4 ¥1,500,000 → ¥45,000.00: ¥105,000.00 < ¥150,000.00,
    shortfall ¥45,000.00 due 24:00 Fri 2026-01-30. ¥30,000 on 01-30, ¥15,000 on Tue 02-10: damages on ¥15,000 ×
    0.05% = ¥7.50 a day, 01-31 … 02-10 = 11 days → ¥82.50."""
    r = run(FEE + [report_("r1", "2025-10-10T17:00:00+08:00", "2025-09-30", "2000000.00", "2000000.00"),
                   royalty("p1", "2025-10-10T17:30:00+08:00", "2025-09-30", "60000.00"),
                   report_("r2", "2026-01-12T09:00:00+08:00", "2025-12-31", "1500000.00", "3500000.00"),
                   royalty("p2", "2026-01-12T23:00:00+08:00", "2025-12-31", "45000.00"),
                   f("p3", "paid", "2026-01-30T10:00:00+08:00", kind="shortfall", period_end="2025-12-31",
                     amount="30000.00"),
                   f("p4", "paid", "2026-02-10T10:00:00+08:00", kind="shortfall", period_end="2025-12-31",
                     amount="15000.00")], "2026-03-01T12:00:00+08:00")
    assert ob(r, "pay_shortfall")[0] == ("2025", "violated", "2026-01-31T00:00:00+08:00", "2026-02-10T10:00:00+08:00")
    assert rem(r, "late_shortfall") == [("held", "82.50")]


# ------------------------------------------------------------------ 5.2–5.4 audit
@pytest.mark.parametrize("sent, status, delivered", [
    ("2026-02-07T10:00:00+08:00", "fulfilled", "2026-02-10T00:00:00+08:00"),
    ("2026-02-08T10:00:00+08:00", "violated", "2026-02-11T00:00:00+08:00"),
])
def test_audit_notice_counted_back_ten_working_days_over_spring_festival(sent, status, delivered):
    """Audit Mon 03-02. Ten working days before it, counting back: Sat 02-28 make-up (1), 02-27 … 02-24 (5), (02-15 …
    02-23 holiday), Sat 02-14 make-up (6), 02-13 … 02-10 (10) → the notice must arrive by 24:00 02-10 (a period counted
    back is not moved). EMS sent Sat 02-07 → day 3 = 02-10: in time; sent 02-08 → 02-11: late. A second audit in
    2026 (11-02) is flagged: one a year."""
    r = run(FEE + [notice("n1", sent, "甲方", "乙方", "audit", "ems"),
                   f("au", "audit_started", "2026-03-02T09:00:00+08:00"),
                   notice("n2", "2026-10-10T10:00:00+08:00", "甲方", "乙方", "audit", "ems"),
                   f("au2", "audit_started", "2026-11-02T09:00:00+08:00")], "2026-12-01T12:00:00+08:00")
    assert ob(r, "audit_notice")[0] == ("au", status, "2026-02-11T00:00:00+08:00", delivered)
    # 11-02: 10-30 … 10-26 (5), 10-23 … 10-19 (10) → by 24:00 10-19; EMS Sat 10-10 → 10-13
    assert ob(r, "audit_notice")[1] == ("au2", "fulfilled", "2026-10-20T00:00:00+08:00", "2026-10-13T00:00:00+08:00")
    assert codes(r) == ["second_audit_in_year"]


def test_audit_top_up_interest_back_to_the_original_due_date_costs_and_termination_power():
    """Audit report on Q4 2025 received Mon 04-20 10:00: underpaid ¥5,000.00, cost ¥30,000.00. Q4 royalty per report
    ¥45,000.00: 5,000 > 5% (¥2,250) → 乙方 bears the cost; > 10% (¥4,500) → 甲方 may terminate. Top-up within 10
    days → Thu 04-30 → due 24:00 04-30; paid Wed 05-06: late. 5.3 interest at ¥2.50 a day from the day after the
    original due date (24:00 Mon 01-12): 01-13 … 04-19 = 19 + 28 + 31 + 19 = 97 days → ¥242.50 (one sum), and
    04-20 … 05-06 = 17 days → ¥42.50 (per day, stops when the top-up is paid)."""
    r = run(FEE + [report_("r2", "2026-01-12T09:00:00+08:00", "2025-12-31", "1500000.00", "3500000.00"),
                   royalty("p2", "2026-01-12T23:00:00+08:00", "2025-12-31", "45000.00"),
                   f("ar", "audit_report_received", "2026-04-20T10:00:00+08:00", period_end="2025-12-31",
                     underpaid="5000.00", cost="30000.00"),
                   f("p5", "paid", "2026-05-06T10:00:00+08:00", kind="audit_topup", ref="ar", amount="5000.00")],
            "2026-05-07T12:00:00+08:00")
    assert ob(r, "audit_topup") == [("ar", "violated", "2026-05-01T00:00:00+08:00", "2026-05-06T10:00:00+08:00")]
    assert rem(r, "audit_interest_back") == [("held", "242.50")]
    assert rem(r, "audit_interest") == [("held", "42.50")]
    assert ob(r, "pay_audit_cost") == [("ar", "violated", "2026-05-01T00:00:00+08:00", None)]
    assert [(x.get("trigger"), x["status"]) for x in r["remedies"] if x["name"] == "licensor_termination"
            and x.get("trigger") == "ar"] == [("ar", "held")]


# ------------------------------------------------------------------ 2.2, 6.4 the contract ends
def test_patent_invalidated_ends_the_licence_reports_survive_and_the_minimum_of_that_year_does_not():
    """Invalidation announced Tue 02-10 09:00: the contract ends then (2.2, 第865条). The Q1 2026 report (sales 01-01 …
    02-10) is still due 24:00 04-10 (10.2; assumption termination_quarter): missing → ¥500 × (04-11 … 05-01 = 21
    days) = ¥10,500.00. 2026's minimum is excused (assumption min_after_termination); stop within 30 days → Thu 03-12
    → due 24:00 03-12; confidentiality to 24:00 2029-02-10."""
    r = run(FEE + [report_("r1", "2025-10-10T17:00:00+08:00", "2025-09-30", "4000000.00", "4000000.00"),
                   royalty("p1", "2025-10-10T17:30:00+08:00", "2025-09-30", "120000.00"),
                   report_("r2", "2026-01-12T09:00:00+08:00", "2025-12-31", "1000000.00", "5000000.00"),
                   royalty("p2", "2026-01-12T23:00:00+08:00", "2025-12-31", "30000.00"),
                   f("pi", "patent_invalidated", "2026-02-10T09:00:00+08:00")], "2026-05-01T12:00:00+08:00")
    assert r["contract_life"]["ended"] == "2026-02-10T09:00:00+08:00"
    assert ob(r, "submit_report")[-1] == ("2026-Q1", "violated", "2026-04-11T00:00:00+08:00", None)
    assert rem(r, "late_report") == [("held", "10500.00")]
    assert [(t, s) for t, s, _, _ in ob(r, "pay_shortfall")] == [("2025", "fulfilled"), ("2026", "excused")]
    assert ob(r, "stop_and_confirm") == [("patent_gone:pi", "violated", "2026-03-13T00:00:00+08:00", None)]
    assert ob(r, "confidentiality") == [("s2", "active", "2029-02-11T00:00:00+08:00", None)]


def test_a_year_that_ran_its_course_keeps_its_minimum_after_the_contract_ends():
    """Invalidated 2026-01-20, after 2025 ended: the 2025 minimum (no reports: ¥150,000.00) is still due 24:00 01-30;
    ¥75.00 a day, 01-31 … 02-02 = 3 days → ¥225.00; 2026 excused."""
    r = run(FEE + [f("pi", "patent_invalidated", "2026-01-20T09:00:00+08:00")], "2026-02-02T12:00:00+08:00")
    assert [(t, s) for t, s, _, _ in ob(r, "pay_shortfall")] == [("2025", "violated"), ("2026", "excused")]
    assert rem(r, "late_shortfall") == [("held", "225.00")]


def test_sublicence_damages_and_immediate_termination():
    """Sublicence Mon 03-02 09:00: the ban is broken (¥1,000,000.00) and 甲方 may terminate; notice by hand signed
    Tue 03-03 15:00 ends the contract then; stop within 30 days → Thu 04-02 → due 24:00 04-02."""
    r = run(FEE + [f("sl", "sublicense_granted", "2026-03-02T09:00:00+08:00"),
                   notice("n1", "2026-03-03T10:00:00+08:00", "甲方", "乙方", "termination", "personal",
                          signed_at="2026-03-03T15:00:00+08:00")], "2026-03-10T12:00:00+08:00")
    assert ob(r, "no_sublicense")[0][1] == "violated"
    assert rem(r, "sublicense_damages") == [("held", "1000000.00")]
    assert r["contract_life"]["ended"] == "2026-03-03T15:00:00+08:00"
    assert ob(r, "stop_and_confirm") == [("licensor_terminates:notice_delivered:n1", "active",
                                          "2026-04-03T00:00:00+08:00", None)]


# ------------------------------------------------------------------ 3.2, 7.2, 7.3, 8.1
def test_guidance_lawsuit_infringement_and_improvement_deadlines():
    """3.2 (15 days): requested Sat 09-20 → 10-05, in National Day → Thu 10-09 → due 24:00 10-09, arrived 10-09: in
    time; requested 09-25 → Fri 10-10, arrived Sat 10-11: late; 3rd 11-03 → 11-18; the 4th request is beyond the three
    free visits. 7.3 (5 working days) from Fri 09-26: Sun 09-28 make-up (1), 09-29, 09-30 (3), 10-09, 10-10 (5) → due
    24:00 10-10; signed for 10-10 18:00: in time. 7.2: found 04-28 → 7 days → 05-05, in Labour Day → Wed 05-06; EMS
    05-03 → 05-06: in time; 甲方's reply 30 days from 05-06 → Fri 06-05: none → violated. 8.1: improvement 05-20 → 30
    days → Fri 06-19, Dragon Boat (06-19 … 06-21) → Mon 06-22 → due 24:00 06-22."""
    r = run(FEE + [f("g1", "guidance_requested", "2025-09-20T10:00:00+08:00"),
                   f("a1", "guidance_arrived", "2025-10-09T09:00:00+08:00", ref="g1"),
                   f("g2", "guidance_requested", "2025-09-25T10:00:00+08:00"),
                   f("a2", "guidance_arrived", "2025-10-11T09:00:00+08:00", ref="g2"),
                   f("g3", "guidance_requested", "2025-11-03T10:00:00+08:00"),
                   f("g4", "guidance_requested", "2025-11-04T10:00:00+08:00"),
                   f("ls", "lawsuit_received", "2025-09-26T16:00:00+08:00"),
                   notice("ln", "2025-10-10T09:00:00+08:00", "乙方", "甲方", "lawsuit", "personal", ref="ls",
                          signed_at="2025-10-10T18:00:00+08:00"),
                   f("if", "infringement_found", "2026-04-28T10:00:00+08:00"),
                   notice("in", "2026-05-03T10:00:00+08:00", "乙方", "甲方", "infringement", "ems", ref="if"),
                   f("im", "improvement_completed", "2026-05-20T10:00:00+08:00")], "2026-06-30T12:00:00+08:00")
    assert ob(r, "guidance") == [("g1", "fulfilled", "2025-10-10T00:00:00+08:00", "2025-10-09T09:00:00+08:00"),
                                 ("g2", "violated", "2025-10-11T00:00:00+08:00", "2025-10-11T09:00:00+08:00"),
                                 ("g3", "violated", "2025-11-19T00:00:00+08:00", None)]
    assert ob(r, "lawsuit_notice") == [("ls", "fulfilled", "2025-10-11T00:00:00+08:00", "2025-10-10T18:00:00+08:00")]
    assert ob(r, "infringement_notice") == [("if", "fulfilled", "2026-05-07T00:00:00+08:00",
                                             "2026-05-06T00:00:00+08:00")]
    assert ob(r, "infringement_reply") == [("notice_delivered:in", "violated", "2026-06-06T00:00:00+08:00", None)]
    assert ob(r, "improvement_notice") == [("im", "violated", "2026-06-23T00:00:00+08:00", None)]


# ------------------------------------------------------------------ 10.1 the licensee's exit after two years
def test_licensee_exit_after_two_years_ends_on_day_ninety():
    """Two years from 07-04 15:00 passed at 24:00 2027-07-04. Notice signed for Mon 2027-08-02 10:00: the contract ends
    on day 90 after the delivery day: 08-02 + 90 days = 2027-10-31 (assumption convenience_day: at its start)."""
    r = run(FEE + [f("d", "docs_delivered", "2025-08-01T10:00:00+08:00"),
                   notice("n", "2027-08-02T10:00:00+08:00", "乙方", "甲方", "termination", "personal",
                          signed_at="2027-08-02T10:00:00+08:00")], "2028-01-01T12:00:00+08:00")
    assert evs(r, "convenience_end") == ["2027-10-31T00:00:00+08:00"]
    assert r["contract_life"]["ended"] == "2027-10-31T00:00:00+08:00"
    assert r["contract_life"]["ended_by"] == "licensee_convenience"


# ------------------------------------------------------------------ defects and limits found (strict xfail)
def test_a_notice_that_ends_the_contract_later_is_not_called_a_termination_without_right():
    r = run(FEE + [f("d", "docs_delivered", "2025-08-01T10:00:00+08:00"),
                   notice("n", "2027-08-02T10:00:00+08:00", "乙方", "甲方", "termination", "personal",
                          signed_at="2027-08-02T10:00:00+08:00")], "2028-01-01T12:00:00+08:00")
    assert r["contract_life"]["ended_by"] == "licensee_convenience"
    assert "termination_without_right" not in codes(r)


def test_a_contractual_exit_right_does_not_lapse_after_one_year():
    """A copy of the rule file with the exit right from 2 months (so every date is in a known calendar year): the right
    arises at 24:00 2025-09-04; notice signed for 2026-10-15, over a year later but within the licence term → the
    contract should end on day 90, 2027-01-13. The engine: the right lapsed at 24:00 2026-09-04, no termination."""
    src = QY.read_text(encoding="utf-8").replace("passed(2 years as term since first(contract_effective))",
                                                  "passed(2 months as term since first(contract_effective))")
    rules = compile_rules(src, "variant.qy")
    r = run(FEE + [f("d", "docs_delivered", "2025-08-01T10:00:00+08:00"),
                   notice("n", "2026-10-15T10:00:00+08:00", "乙方", "甲方", "termination", "personal",
                          signed_at="2026-10-15T10:00:00+08:00")], "2027-02-01T12:00:00+08:00", rules=rules)
    assert r["contract_life"]["ended"] == "2027-01-13T00:00:00+08:00"


def test_a_quarter_with_more_returns_than_sales_can_be_reported():
    r = run(FEE + [report_("r1", "2025-10-10T17:00:00+08:00", "2025-09-30", "3000000.00", "3000000.00"),
                   report_("r2", "2026-01-12T09:00:00+08:00", "2025-12-31", "-200000.00", "2800000.00")],
            "2026-01-20T12:00:00+08:00")
    assert ob(r, "submit_report")[1][1] == "fulfilled"


def test_one_name_for_an_assumption_and_a_deemed_event_is_refused():
    """The file said `assumption convenience_end` and `deemed convenience_end`; `check` passed, and `convenience_end ==
    "…"` silently read the assumption (docs/language.md §3: names are not to repeat). Fixed: duplicate_name."""
    src = '''contract "X" { calendar official }
party 甲方 "A" as buyer
party 乙方 "B" as supplier
assumption ev "x" = "a" one of ("a" "甲", "b" "乙")
  "理由"
event n "通知"
clause "1" "t" {
  deemed ev "视为" {
    for each n x
    if ev == "a": at day 3 after x "a"
    if ev == "b": at x "b"
  }
}
'''
    from engine.diagnostics import QiyueError
    with pytest.raises(QiyueError) as e:
        compile_rules(src, "dup.qy")
    assert [(d.code, d.span.line) for d in e.value.diagnostics] == [("duplicate_name", 8)]
