"""What a legal engineer writing a sale of medical equipment (设备买卖合同, 民法典 第595–647条; tests/contracts/sale.qy
and .txt) found: each verdict counted by hand, on both backends (the durable report must equal the reference).

Calendar facts used (chinese-calendar 1.11.0): New Year 2026 = 01-01 … 01-03 (Sun 01-04 a make-up working day);
Qingming 2026 = 04-04 … 04-06 (Mon 04-06 a holiday); Labour Day 2026 = 05-01 … 05-05 (Sat 05-09 a make-up working
day); National Day 2026 = 10-01 … 10-07 (Sat 10-10 a make-up working day).

Conventions: signed Mon 2025-12-29 10:00; the 定金 ¥600,000.00 (20% of ¥3,000,000.00) due within 5 working days:
12-30 (1), 12-31 (2), (01-01 … 01-03 holiday), Sun 01-04 make-up (3), 01-05 (4), 01-06 (5) → by 24:00 Tue 01-06; paid
01-06 15:00, the contract in force then (3.2). Delivery by 24:00 2026-03-31; late-delivery damages 0.05% × ¥3,000,000.00
= ¥1,500.00 a day, at most 10% = ¥300,000.00 (200 days). The usual delivery: received Mon 03-30 10:00, installed Fri
04-03 16:00, the 72-hour trial run ends (acceptance) Mon 04-06 16:00 (a holiday: hours are not moved). Instalments:
2nd ¥900,000.00 within 15 working days of acceptance, 3rd ¥900,000.00 within 3 months, 4th ¥600,000.00 within 6
months; late payment 0.05% a day of the unpaid amount (¥150.00 a day on ¥300,000.00). Reports are taken at noon."""
import json
from pathlib import Path

import pytest

from engine.api import compile_file

ROOT = Path(__file__).resolve().parent.parent
QY = ROOT / "tests" / "contracts" / "sale.qy"
RULES = compile_file(QY)


def f(fid, ftype, at, **attrs):
    return {"id": fid, "type": ftype, "at": at, **attrs}


def notice(fid, at, frm, subject, method, **attrs):
    to = "乙方" if frm == "甲方" else "甲方"
    if method == "email":
        attrs.setdefault("entered_at", at)
    return {"id": fid, "type": "notice_sent", "at": at, "from": frm, "to": to, "subject": subject, "method": method,
            **attrs}


def pay(fid, at, k, amount):
    return f(fid, "payment_made", at, installment=k, amount=amount)


SIGNED = [f("s", "contract_signed", "2025-12-29T10:00:00+08:00"),
          f("d", "deposit_paid", "2026-01-06T15:00:00+08:00", amount="600000.00")]
DELIVERED = [f("g", "goods_received", "2026-03-30T10:00:00+08:00"), f("i", "installed", "2026-04-03T16:00:00+08:00")]
# 2nd paid ¥600,000.00 of ¥900,000.00 on its last day; 3rd ¥600,000.00 of ¥900,000.00 on its last day; a demand by EMS
DEFAULTED = DELIVERED + [pay("p2", "2026-04-27T15:00:00+08:00", 2, "600000.00"),
                         pay("p3", "2026-07-06T15:00:00+08:00", 3, "600000.00"),
                         notice("dm", "2026-07-07T10:00:00+08:00", "乙方", "payment_demand", "ems")]


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
    return [(r["status"], r["amount"], r["since"]) for r in report["remedies"] if r["name"] == name]


def evs(report, name):
    return [e["at"] for e in report["events"] if e["name"] == name]


def codes(report):
    return [x["code"] for x in report["findings"] if x["code"] not in ("open_point", "unused_assumption")]


# ------------------------------------------------------------------ the rule file itself
def test_rule_file_checks_on_both_backends():
    from engine.cli import main
    assert main(["check", str(QY)]) == 0
    assert main(["check", "--backend", "durable", str(QY)]) == 0


# ------------------------------------------------------------------ 3.1, 3.2 the 定金 puts the contract in force
@pytest.mark.parametrize("at, effective", [("2026-01-06T23:59:59+08:00", "2026-01-06T23:59:59+08:00"),
                                           ("2026-01-07T00:00:00+08:00", None)])
def test_deposit_within_five_working_days_over_new_year(at, effective):
    """5 working days from Mon 12-29: 12-30, 12-31, Sun 01-04 (make-up), 01-05, 01-06 → by 24:00 01-06. Paid 23:59:59
    that day: in force at that instant; at 00:00 01-07: the contract never takes effect (3.2), said, and no duty."""
    r = run([], "2026-04-10T12:00:00+08:00", base=[SIGNED[0], f("d", "deposit_paid", at, amount="600000.00")])
    assert r["contract_life"]["effective"] == effective
    if effective:
        assert ob(r, "deliver") == [("d", "violated", "2026-04-01T00:00:00+08:00", None)]
        assert codes(r) == []
    else:
        assert ob(r, "deliver") == []
        assert codes(r) == ["deposit_late", "contract_never_in_force"]


# ------------------------------------------------------------------ the ordinary course: 5.1, 7, 8, 4.1, 6.1
def test_delivery_inspection_trial_run_instalments_and_ownership():
    """Received Mon 03-30: in time. Installation within 10 days: 03-31 … 04-09 (Thu) → due 24:00 04-09; done 04-03.
    Trial run 72 hours from Fri 04-03 16:00 → Mon 04-06 16:00 (Qingming; hours run through holidays): accepted then.
    Quantity: 7 days from 03-30 → Mon 04-06, a holiday → Tue 04-07 → deemed conforming 24:00 04-07. Quality: 90 days
    from 04-03 → 04-04 … 04-30 (27), May (58), June (88), 07-01, 07-02 (90, Thu) → deemed 24:00 07-02.
    2nd: 15 working days from 04-06: 04-07 … 04-10 (4), 04-13 … 04-17 (9), 04-20 … 04-24 (14), 04-27 (15) → 24:00
    04-27. 3rd: 3 months → Mon 07-06. 4th: 6 months → Tue 10-06 in National Day → Thu 10-08. All paid in time, the
    4th at 23:00 10-08: ownership passes to 甲方 at that instant (6.1, 第641条). 4.2 "付款前开具等额发票": the 2nd's
    invoice 04-20 and the 4th's 10-08 10:00 came before their payments; the 3rd had none by its payment (15:00 07-06,
    the instant itself in time, 第1259条): violated."""
    fs = DELIVERED + [f("v2", "invoice_issued", "2026-04-20T10:00:00+08:00", installment=2, amount="900000.00"),
                      f("v4", "invoice_issued", "2026-10-08T10:00:00+08:00", installment=4, amount="600000.00"),
                      pay("p2", "2026-04-27T15:00:00+08:00", 2, "900000.00"),
                      pay("p3", "2026-07-06T15:00:00+08:00", 3, "900000.00"),
                      pay("p4", "2026-10-08T23:00:00+08:00", 4, "600000.00")]
    r = run(fs, "2026-10-20T12:00:00+08:00")
    assert ob(r, "deliver") == [("d", "fulfilled", "2026-04-01T00:00:00+08:00", "2026-03-30T10:00:00+08:00")]
    assert ob(r, "install") == [("g", "fulfilled", "2026-04-10T00:00:00+08:00", "2026-04-03T16:00:00+08:00")]
    assert evs(r, "accepted") == ["2026-04-06T16:00:00+08:00"]
    assert evs(r, "quantity_conforming") == ["2026-04-08T00:00:00+08:00"]
    assert evs(r, "quality_conforming") == ["2026-07-03T00:00:00+08:00"]
    assert [o[1:] for o in ob(r, "pay_installment_2") + ob(r, "pay_installment_3") + ob(r, "pay_installment_4")] == [
        ("fulfilled", "2026-04-28T00:00:00+08:00", "2026-04-27T15:00:00+08:00"),
        ("fulfilled", "2026-07-07T00:00:00+08:00", "2026-07-06T15:00:00+08:00"),
        ("fulfilled", "2026-10-09T00:00:00+08:00", "2026-10-08T23:00:00+08:00")]
    assert evs(r, "ownership_transferred") == ["2026-10-08T23:00:00+08:00"]
    assert [o[:3] for o in ob(r, "issue_invoice")] == [("p2", "fulfilled", "2026-04-27T15:00:00+08:00"),
                                                     ("p3", "violated", "2026-07-06T15:00:00+08:00"),
                                                     ("p4", "fulfilled", "2026-10-08T23:00:00+08:00")]
    assert codes(r) == []


@pytest.mark.parametrize("fault_at, accepted, due_2, warranty_fault", [
    ("2026-04-06T16:00:00+08:00", "2026-04-10T09:00:00+08:00", "2026-05-07T00:00:00+08:00", False),
    ("2026-04-06T16:00:01+08:00", "2026-04-06T16:00:00+08:00", "2026-04-28T00:00:00+08:00", True)])
def test_a_fault_at_the_seventy_second_hour_fails_the_trial_run(fault_at, accepted, due_2, warranty_fault):
    """8.2 "含第72小时届满之时" (第1259条): a fault at 16:00:00 04-06, the 72nd hour itself, fails the run; restarted Tue
    04-07 09:00 → accepted Fri 04-10 09:00; the 2nd instalment: 04-13 … 04-17 (5), 04-20 … 04-24 (10), 04-27 … 04-30
    (14), (05-01 … 05-05), 05-06 (15) → 24:00 05-06. A fault one second later is after acceptance: the run passed at
    16:00, and the fault is a warranty fault (4-hour response due 20:00:01)."""
    fs = DELIVERED + [f("x", "fault_occurred", fault_at), f("rs", "trial_restarted", "2026-04-07T09:00:00+08:00")]
    r = run(fs, "2026-04-20T12:00:00+08:00")
    assert evs(r, "accepted") == [accepted]
    assert ob(r, "pay_installment_2")[0][2] == due_2
    assert [o[:3] for o in ob(r, "respond")] == ([("x", "violated", "2026-04-06T20:00:01+08:00")] if warranty_fault
                                                 else [])


# ------------------------------------------------------------------ 5.3, 5.4, 5.5 late delivery
def test_late_delivery_ten_days_and_the_periods_from_receipt():
    """Received Fri 04-10 10:00: late 04-01 … 04-10 = 10 days × ¥1,500.00 = ¥15,000.00. Installation 10 days →
    Mon 04-20 → due 24:00 04-20; quantity 7 days → Fri 04-17 → deemed 24:00 04-17."""
    r = run([f("g", "goods_received", "2026-04-10T10:00:00+08:00")], "2026-04-20T12:00:00+08:00")
    assert ob(r, "deliver") == [("d", "violated", "2026-04-01T00:00:00+08:00", "2026-04-10T10:00:00+08:00")]
    assert rem(r, "late_delivery_damages") == [("held", "15000.00", "2026-04-01T00:00:00+08:00")]
    assert ob(r, "install") == [("g", "active", "2026-04-21T00:00:00+08:00", None)]
    assert evs(r, "quantity_conforming") == ["2026-04-18T00:00:00+08:00"]


@pytest.mark.parametrize("as_of, amount", [("2026-10-16T12:00:00+08:00", "298500.00"),
                                           ("2026-10-17T12:00:00+08:00", "300000.00"),
                                           ("2026-11-30T12:00:00+08:00", "300000.00")])
def test_late_delivery_damages_reach_the_ten_percent_cap_on_the_two_hundredth_day(as_of, amount):
    """Never delivered: 04-01 … 10-16 = 30 + 31 + 30 + 31 + 31 + 30 + 16 = 199 days → ¥298,500.00; 10-17 is the 200th
    → ¥300,000.00, the cap; it stays there. The power to terminate since 24:00 04-30 (30 days as a term)."""
    r = run([], as_of)
    assert rem(r, "late_delivery_damages") == [("held", amount, "2026-04-01T00:00:00+08:00")]
    assert rem(r, "buyer_termination_power") == [("held", None, "2026-05-01T00:00:00+08:00")]


def test_termination_by_email_double_deposit_or_damages():
    """E-mail in 乙方's system Wed 05-06 09:00:10: the contract ends then. Damages to the day it ended: 04-01 … 05-06 =
    36 days = ¥54,000.00; the 定金 returned double, 2 × ¥600,000.00 = ¥1,200,000.00 — one or the other (5.5, 第588条)."""
    fs = [notice("n", "2026-05-06T09:00:00+08:00", "甲方", "termination", "email",
                 entered_at="2026-05-06T09:00:10+08:00", ground="late_delivery")]
    r = run(fs, "2026-05-20T12:00:00+08:00")
    assert r["contract_life"]["ended"] == "2026-05-06T09:00:10+08:00"
    assert r["contract_life"]["ended_by"] == "buyer_terminates"
    assert rem(r, "late_delivery_damages") == [("held", "54000.00", "2026-04-01T00:00:00+08:00")]
    assert rem(r, "deposit_double_return") == [("held", "1200000.00", "2026-05-06T09:00:10+08:00")]
    assert rem(r, "buyer_termination_power")[0][0] == "exercised"
    row = [x for x in r["remedies"] if x["name"] == "deposit_double_return"][0]
    assert row["alternatives"] == ["late_delivery_damages"]


def test_a_termination_notice_before_the_power_has_no_effect():
    """An e-mail on Thu 04-30 09:00, before 24:00 04-30 when 30 days of delay had run: no effect, said."""
    fs = [notice("n", "2026-04-30T09:00:00+08:00", "甲方", "termination", "email", ground="late_delivery")]
    r = run(fs, "2026-05-20T12:00:00+08:00")
    assert r["contract_life"]["ended"] is None
    assert codes(r) == ["termination_without_right"]
    assert rem(r, "late_delivery_damages") == [("held", "75000.00", "2026-04-01T00:00:00+08:00")]  # 30 + 20 days


def test_termination_by_ems_ends_on_the_fifth_day():
    """EMS posted Wed 05-06 → delivered on the 5th day after, Mon 05-11 (its hour unknown): the contract ends then;
    damages 04-01 … 05-11 = 41 days = ¥61,500.00."""
    fs = [notice("n", "2026-05-06T09:00:00+08:00", "甲方", "termination", "ems", ground="late_delivery")]
    r = run(fs, "2026-05-20T12:00:00+08:00")
    assert r["contract_life"]["ended"] == "2026-05-11T00:00:00+08:00"
    assert rem(r, "late_delivery_damages") == [("held", "61500.00", "2026-04-01T00:00:00+08:00")]


@pytest.mark.parametrize("paid, double, refund, second_due", [("700000.00", "1200000.00", "100000.00", "800000.00"),
                                                             ("500000.00", "1000000.00", None, "1000000.00")])
def test_the_deposit_above_the_cap_and_below_the_agreed_amount(paid, double, refund, second_due):
    """3.3 (第586条第2款): ¥700,000.00 paid — only ¥600,000.00 is 定金 (20%), so ¥1,200,000.00 double and ¥100,000.00
    back as prepaid price; ¥500,000.00 — the 定金 is changed to it, ¥1,000,000.00 double. The 2nd instalment settles
    the difference (assumption deposit_difference): ¥1,500,000.00 − ¥700,000.00 = ¥800,000.00, or ¥1,000,000.00."""
    base = [SIGNED[0], f("d", "deposit_paid", "2026-01-06T15:00:00+08:00", amount=paid)]
    fs = [notice("n", "2026-05-06T09:00:00+08:00", "甲方", "termination", "email", ground="late_delivery")]
    r = run(fs, "2026-05-20T12:00:00+08:00", base=base)
    assert rem(r, "deposit_double_return")[0][1] == double
    assert [a for _, a, _ in rem(r, "prepayment_refund")] == ([refund] if refund else [])
    assert ("deposit_above_cap" in codes(r)) is bool(refund)
    r = run(DELIVERED + [pay("p2", "2026-04-27T15:00:00+08:00", 2, second_due)], "2026-05-20T12:00:00+08:00",
            base=base)
    assert ob(r, "pay_installment_2")[0][1] == "fulfilled"


# ------------------------------------------------------------------ 7 inspection periods
@pytest.mark.parametrize("sent, reading, due, status", [
    ("2026-04-02T10:00:00+08:00", None, "2026-04-18T00:00:00+08:00", "violated"),
    ("2026-04-03T10:00:00+08:00", None, None, None),
    ("2026-04-03T10:00:00+08:00", "dispatch", "2026-04-21T00:00:00+08:00", "fulfilled")])
def test_quantity_objection_by_ems_within_the_seven_days(sent, reading, due, status):
    """Received 03-30; 7 days → Mon 04-06 (Qingming) → Tue 04-07. EMS posted Thu 04-02 → delivered Tue 04-07: in time;
    10 days to make up from 04-07 → Fri 04-17 → due 24:00 04-17, made up 04-18 10:00: late. Posted Fri 04-03 →
    delivered Wed 04-08, 00:00 of the day after the period: the quantity is deemed conforming, no duty. Read by
    dispatch (--assume): in time, and the 10 days run from the delivery 04-08 → Sat 04-18 → Mon 04-20."""
    rules = compile_file(QY, assume={"defect_notice_effective": reading}) if reading else RULES
    fs = DELIVERED + [notice("q", sent, "甲方", "quantity_defect", "ems"),
                      f("m", "shortage_made_up", "2026-04-18T10:00:00+08:00", ref="q")]
    r = run(fs, "2026-04-25T12:00:00+08:00", rules=rules)
    assert ob(r, "make_up_shortage") == ([("notice_delivered:q", status, due, "2026-04-18T10:00:00+08:00")]
                                         if due else [])
    assert evs(r, "quantity_conforming") == ([] if due else ["2026-04-08T00:00:00+08:00"])


def test_quality_objection_on_the_ninetieth_day_by_email():
    """90 days from 04-03 → Thu 07-02; an e-mail in at 23:00 07-02: in time, no deemed conformity. Repair or replace
    within 15 days of 07-02 → Fri 07-17 → due 24:00 07-17; not done → violated."""
    fs = DELIVERED + [notice("q", "2026-07-02T23:00:00+08:00", "甲方", "quality_defect", "email")]
    r = run(fs, "2026-07-20T12:00:00+08:00")
    assert evs(r, "quality_conforming") == []
    assert ob(r, "repair_or_replace") == [("notice_delivered:q", "violated", "2026-07-18T00:00:00+08:00", None)]


# ------------------------------------------------------------------ 8.1, 8.4 late installation
@pytest.mark.parametrize("reading, shared, separate", [(None, "3000.00", None), ("separate", None, "3000.00")])
def test_late_installation_damages_share_the_cap_or_not(reading, shared, separate):
    """Received 03-30, installation due 24:00 04-09; done Sat 04-11 10:00: 04-10, 04-11 = 2 days × ¥1,500.00."""
    rules = compile_file(QY, assume={"installation_damages_cap": reading}) if reading else RULES
    fs = [f("g", "goods_received", "2026-03-30T10:00:00+08:00"), f("i", "installed", "2026-04-11T10:00:00+08:00")]
    r = run(fs, "2026-04-20T12:00:00+08:00", rules=rules)
    assert [a for _, a, _ in rem(r, "late_delivery_damages")] == ([shared] if shared else [])
    assert [a for _, a, _ in rem(r, "late_installation_damages")] == ([separate] if separate else [])
    assert evs(r, "accepted") == ["2026-04-14T10:00:00+08:00"]


# ------------------------------------------------------------------ 10 warranty
def test_warranty_response_and_repair_hours_over_holidays():
    """Fault Fri 05-01 22:00 (Labour Day): response by 05-02 02:00:00 — at that instant: in time (第1259条); repair by
    05-03 22:00, done 22:00:01: late, ¥5,000.00. Fault Wed 09-30 20:00: response at 10-01 00:00:01: late, ¥2,000.00;
    repaired 10-02 20:00:00: in time."""
    fs = DELIVERED + [f("x1", "fault_occurred", "2026-05-01T22:00:00+08:00"),
                      f("y1", "fault_responded", "2026-05-02T02:00:00+08:00", ref="x1"),
                      f("z1", "fault_repaired", "2026-05-03T22:00:01+08:00", ref="x1"),
                      f("x2", "fault_occurred", "2026-09-30T20:00:00+08:00"),
                      f("y2", "fault_responded", "2026-10-01T00:00:01+08:00", ref="x2"),
                      f("z2", "fault_repaired", "2026-10-02T20:00:00+08:00", ref="x2")]
    r = run(fs, "2026-10-10T12:00:00+08:00")
    assert ob(r, "respond") == [("x1", "fulfilled", "2026-05-02T02:00:00+08:00", "2026-05-02T02:00:00+08:00"),
                                ("x2", "violated", "2026-10-01T00:00:00+08:00", "2026-10-01T00:00:01+08:00")]
    assert ob(r, "repair") == [("x1", "violated", "2026-05-03T22:00:00+08:00", "2026-05-03T22:00:01+08:00"),
                               ("x2", "fulfilled", "2026-10-02T20:00:00+08:00", "2026-10-02T20:00:00+08:00")]
    assert [a for _, a, _ in rem(r, "late_repair_damages")] == ["5000.00"]
    assert [a for _, a, _ in rem(r, "late_response_damages")] == ["2000.00"]


# ------------------------------------------------------------------ 9.2 第634条, 6.2 取回权
@pytest.mark.parametrize("as_of, d2, d3, power", [("2026-07-27T12:00:00+08:00", "13650.00", "3150.00", False),
                                                  ("2026-07-28T12:00:00+08:00", "13800.00", "3300.00", True)])
def test_one_fifth_reached_over_two_instalments_then_the_demand(as_of, d2, d3, power):
    """2nd short ¥300,000.00 from 24:00 04-27 (¥150.00 a day): to 07-27, 04-28 … 07-27 = 3 + 31 + 30 + 27 = 91 days →
    ¥13,650.00; 3rd short ¥300,000.00 from 24:00 07-06: 07-07 … 07-27 = 21 days → ¥3,150.00. Due and unpaid together
    ¥600,000.00 = one fifth (达到, 第634条). Demand by EMS posted 07-07 → delivered Sun 07-12; 15 days → Mon 07-27 →
    24:00 07-27. From 07-28 00:00 乙方 may claim the whole unpaid price, ¥3,000,000.00 − ¥1,800,000.00 =
    ¥1,200,000.00, or terminate (择一); and retrieve the goods (paid ¥1,800,000.00 < 75% = ¥2,250,000.00)."""
    r = run(DEFAULTED, as_of)
    assert rem(r, "late_payment_2")[0][1] == d2
    assert rem(r, "late_payment_3")[0][1] == d3
    assert evs(r, "notice_delivered") == ["2026-07-12T00:00:00+08:00"]
    if power:
        assert rem(r, "whole_price") == [("held", "1200000.00", "2026-07-28T00:00:00+08:00")]
        assert rem(r, "terminate_634") == [("held", None, "2026-07-28T00:00:00+08:00")]
        assert rem(r, "retrieval_right") == [("held", None, "2026-07-28T00:00:00+08:00")]
    else:
        assert rem(r, "whole_price") == rem(r, "terminate_634") == rem(r, "retrieval_right") == []


@pytest.mark.parametrize("reading, whole", [(None, "900000.00"), ("below one fifth", None)])
def test_a_part_payment_after_the_demand_and_the_two_readings(reading, whole):
    """¥300,000.00 of the 3rd paid Mon 07-20: due and unpaid now ¥300,000.00, below one fifth but not nil. Read "all
    due paid" (default): 乙方 gets the power, whole price ¥3,000,000.00 − ¥2,100,000.00 = ¥900,000.00; the 3rd's
    damages stop: 07-07 … 07-20 = 14 days → ¥2,100.00. Read "below one fifth": no power."""
    rules = compile_file(QY, assume={"demand_cure": reading}) if reading else RULES
    r = run(DEFAULTED + [pay("p3b", "2026-07-20T10:00:00+08:00", 3, "300000.00")], "2026-07-28T12:00:00+08:00",
            rules=rules)
    assert [a for _, a, _ in rem(r, "whole_price")] == ([whole] if whole else [])
    assert rem(r, "late_payment_3")[0][1] == "2100.00"


def test_seventy_five_percent_paid_bars_retrieval():
    """¥300,000.00 of the 3rd on 07-20 and ¥150,000.00 of the 2nd on 07-21: paid ¥2,250,000.00 = 75%: no 取回权
    (买卖合同解释第26条); 634 still (¥150,000.00 due unpaid, default reading): whole price ¥750,000.00. The 2nd's damages:
    04-28 … 07-21 = 85 days × ¥150.00 = ¥12,750.00, then ¥75.00 a day 07-22 … 07-28 = ¥525.00 → ¥13,275.00."""
    fs = DEFAULTED + [pay("p3b", "2026-07-20T10:00:00+08:00", 3, "300000.00"),
                      pay("p2b", "2026-07-21T10:00:00+08:00", 2, "150000.00")]
    r = run(fs, "2026-07-28T12:00:00+08:00")
    assert rem(r, "retrieval_right") == []
    assert [a for _, a, _ in rem(r, "whole_price")] == ["750000.00"]
    assert rem(r, "late_payment_2")[0][1] == "13275.00"


def test_the_seller_terminates_keeps_the_deposit_and_the_goods_come_back():
    """E-mail Wed 07-29 10:00: ended. The whole price lapses (the other of the two), the 定金 ¥600,000.00 is kept (第587
    条), the goods to be returned within 15 days → Thu 08-13 → due 24:00 08-13; not returned. Damages up to the day of
    the end: 2nd 04-28 … 07-29 = 93 days → ¥13,950.00; 3rd 07-07 … 07-29 = 23 days → ¥3,450.00. The 4th is discharged;
    the 取回权 ends with the contract."""
    fs = DEFAULTED + [notice("t", "2026-07-29T10:00:00+08:00", "乙方", "termination", "email",
                             ground="installment_default")]
    r = run(fs, "2026-08-20T12:00:00+08:00")
    assert r["contract_life"]["ended"] == "2026-07-29T10:00:00+08:00"
    assert r["contract_life"]["ended_by"] == "seller_terminates"
    assert rem(r, "whole_price")[0][0] == "lapsed"
    assert rem(r, "terminate_634")[0][0] == "exercised"
    assert rem(r, "deposit_forfeited") == [("held", "600000.00", "2026-07-29T10:00:00+08:00")]
    assert ob(r, "return_goods") == [("seller_terminates:notice_delivered:t", "violated",
                                      "2026-08-14T00:00:00+08:00", None)]
    assert rem(r, "late_payment_2")[0][1] == "13950.00"
    assert rem(r, "late_payment_3")[0][1] == "3450.00"
    assert ob(r, "pay_installment_4")[0][1] == "discharged"
    assert rem(r, "retrieval_right")[0][0] == "lapsed"


# ------------------------------------------------------------------ 11 force majeure, 12 notices, 9.1
def test_force_majeure_before_the_date_moves_delivery_after_it_does_not():
    """Flood Fri 03-20 10:00 to Mon 03-23 08:00 (70 hours: 3 days begun): delivery moves 03-31 → Fri 04-03; received
    17:00 that day: in time. Notice by e-mail 03-21: within 3 days (→ 24:00 03-23). Proof within 15 days → Sat 04-04
    (Qingming) → Tue 04-07; none → violated. A flood from 04-02 (after the date) moves nothing: received 04-08, 8 days
    late = ¥12,000.00; its EMS notice posted 04-02 is delivered Tue 04-07, within the 3 days (Sun 04-05 in Qingming →
    Tue 04-07)."""
    fs = [f("fm", "force_majeure_occurred", "2026-03-20T10:00:00+08:00", party="乙方"),
          notice("n1", "2026-03-21T09:00:00+08:00", "乙方", "force_majeure", "email", ref="fm"),
          f("fe", "force_majeure_ended", "2026-03-23T08:00:00+08:00", ref="fm"),
          f("g", "goods_received", "2026-04-03T17:00:00+08:00")]
    r = run(fs, "2026-04-10T12:00:00+08:00")
    assert ob(r, "deliver") == [("d", "fulfilled", "2026-04-04T00:00:00+08:00", "2026-04-03T17:00:00+08:00")]
    assert ob(r, "force_majeure_notice") == [("fm", "fulfilled", "2026-03-24T00:00:00+08:00",
                                              "2026-03-21T09:00:00+08:00")]
    assert ob(r, "force_majeure_evidence") == [("fm", "violated", "2026-04-08T00:00:00+08:00", None)]
    fs = [f("fm", "force_majeure_occurred", "2026-04-02T10:00:00+08:00", party="乙方"),
          notice("n1", "2026-04-02T11:00:00+08:00", "乙方", "force_majeure", "ems", ref="fm"),
          f("fe", "force_majeure_ended", "2026-04-03T08:00:00+08:00", ref="fm"),
          f("g", "goods_received", "2026-04-08T17:00:00+08:00")]
    r = run(fs, "2026-04-20T12:00:00+08:00")
    assert rem(r, "late_delivery_damages") == [("held", "12000.00", "2026-04-01T00:00:00+08:00")]
    assert ob(r, "force_majeure_notice") == [("fm", "fulfilled", "2026-04-08T00:00:00+08:00",
                                              "2026-04-07T00:00:00+08:00")]


def test_refusal_without_cause_and_an_email_without_an_entry_record():
    """9.1: refused without cause on 03-30: 5% = ¥150,000.00 (once); a refusal with cause gives nothing. An e-mail with
    no record of entering the recipient's system: delivery undetermined, said."""
    fs = [f("rf", "delivery_refused", "2026-03-30T10:00:00+08:00"),
          f("rf2", "delivery_refused", "2026-03-31T10:00:00+08:00", justified=True),
          {"id": "n2", "type": "notice_sent", "at": "2026-04-01T10:00:00+08:00", "from": "甲方", "to": "乙方",
           "subject": "other", "method": "email"}]
    r = run(fs, "2026-04-20T12:00:00+08:00")
    assert rem(r, "refusal_penalty") == [("held", "150000.00", "2026-03-30T10:00:00+08:00")]
    assert codes(r) == ["notice_delivery_undetermined"]


# ------------------------------------------------------------------ 3.2 the condition of effect failed for good
def _not_in_force(as_of="2026-06-01T12:00:00+08:00", deposit="2026-01-07T09:00:00+08:00"):
    r = run([], as_of, base=[SIGNED[0]] + ([f("d", "deposit_paid", deposit, amount="600000.00")] if deposit else []))
    return [x for x in r["findings"] if x["code"] in ("contract_not_in_force", "contract_never_in_force")]


def test_the_deposit_window_closed_is_reported_as_failed_not_pending():
    """Once were: 3.2 '甲方未在前款期限内支付定金的，本合同不生效' — an `effective` condition with a deadline that can no
    longer hold after 24:00 2026-01-06 was still reported as '使合同生效的条件…尚未成就' on 2026-06-01 (民法典第158条:
    附生效条件，条件确定不成就).  The rule file now says when it fails for good (`lapses when passed(5 working days since
    first(contract_signed))`): the report says so, from 24:00 2026-01-06, however late the deposit."""
    (x,) = _not_in_force()
    assert x["code"] == "contract_never_in_force"
    assert "确定不能成就" in x["message"] and "尚未成就" not in x["message"] and "第158条" in x["message"]
    assert "于 2026年1月6日24时 确定不能成就" in x["message"]  # (the window ends at 24:00 of its last day)


@pytest.mark.parametrize("as_of, code", [("2026-01-06T23:59:59+08:00", "contract_not_in_force"),  # the window open
                                         ("2026-01-07T00:00:00+08:00", "contract_never_in_force")])
def test_no_deposit_at_all_fails_at_the_end_of_the_window(as_of, code):
    (x,) = _not_in_force(as_of, deposit=None)
    assert x["code"] == code


def test_the_effective_rule_is_named_by_its_label():
    """Once were: contract_not_in_force named the `effective` rule by its code name ('使合同生效的条件（contract_effective）')
    where every other Chinese reason uses the rule's label."""
    (x,) = _not_in_force("2026-01-05T12:00:00+08:00", deposit=None)
    assert "“合同生效（定金按期支付）”（contract_effective）" in x["message"]


def test_zero_period_before_an_event_points_to_due_by():
    """Fixed (engine/messages.py, hint:zero_period): 4.2 '每期付款前开具发票' written first as `within 0 days before p`
    was refused as zero_period with a hint only about '立即'; the hint now points to `due by p.at` (最迟于 p.at), the
    form that says 'before that act' and that the rule file uses."""
    from engine.api import compile_rules
    from engine.diagnostics import QiyueError
    src = QY.read_text(encoding="utf-8").replace("due by p.at", "within 0 days before p")
    with pytest.raises(QiyueError) as e:
        compile_rules(src, "variant.qy")
    (d,) = e.value.diagnostics
    assert d.code == "zero_period"
    assert "due by p.at" in d.hint_text("zh") and "due by p.at" in d.hint_text("en")
