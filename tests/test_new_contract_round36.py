"""What a legal engineer writing a 行纪合同 (a commission agency: consignment of air purifiers to a trading company that sells
them in its own name, 民法典 第951–960条; tests/contracts/commission.txt and commission.qy) found. 甲方 (委托人, the maker)
delivers 500 units within 5 working days of effect (1.3); 乙方 (行纪人) sells until Sat 2026-10-31, when the contract ends
(1.2); the floor price is ¥2,400.00 a unit, a lower price needs 甲方's prior written consent, else 乙方 makes up the
difference (2.2, 第955条); 乙方 reports each sale within 2 working days (3.1) and remits its price within 10 days (3.2),
万分之五 a day late to the day of payment (3.3); the commission is 5% of each month's sales at the actual price (4.1), paid by
the 5th working day of the next month (4.2), 万分之五 a day late (4.3), and while it is overdue 乙方 holds a lien on the goods
(4.4, 第959条); 乙方 bears its own costs (5.1, 第952条); after the end 乙方 notifies within 3 working days, 甲方 takes the unsold
goods back within 10 days of the notice, else 乙方 may deposit them (6, 第957条); 甲方 may terminate for a remittance more
than 15 days late, with ¥50,000.00 (7.1), 乙方 for a commission more than 30 days late (7.2), each within 30 days of arising
(7.3), on delivery of the notice (7.4); a courier notice is delivered on the 3rd day after posting, moved to the next working
day if that day is a rest day or holiday, an e-mail on entering the mailbox (8.2). Each verdict below is counted by hand
from the contract and the law (第201–204条, 第1259条), on both backends (the durable report must equal the
reference).

Calendar (chinese-calendar 1.11.0, each day checked in test_passing_calendar_days_relied_on): 2026 — Mon 08-03 … Fri 08-07
working, Sat 08-08, Sun 08-09 rest, Mon 08-10, Thu 08-20, Fri 08-21, Mon 08-24, Tue 08-25, Mon 08-31 working; Tue 09-01 … Fri
09-04, Mon 09-07, Tue 09-08, Thu 09-10, Fri 09-11, Mon 09-14 … Fri 09-18 working, Sat 09-19 rest, Sun 09-20 a make-up working
day, Mon 09-21, Tue 09-22, Wed 09-23, Thu 09-24 working; Mid-Autumn Fri 09-25 … Sun 09-27 holidays; Mon 09-28 … Wed 09-30
working; National Day Thu 10-01 … Wed 10-07 holidays; Thu 10-08, Fri 10-09 working, Sat 10-10 a make-up working day, Sun 10-11
rest, Mon 10-12 … Fri 10-16 working, Sat 10-17, Sun 10-18 rest, Mon 10-19 … Fri 10-23 working, Sat 10-31, Sun 11-01 rest, Mon
11-02 … Fri 11-06 working, Tue 11-10 … Thu 11-12 working, Sun 11-15 rest, Mon 11-16 working.

Conventions: both sign Mon 2026-08-03 10:00 (in force then, 10.1). Hand counts:
- 1.3: 08-04, 05, 06, 07, (08, 09 weekend), 10 → due 08-11 00:00;
- 3.1: a sale Wed 09-30 15:00 → 10-08, 10-09 → due 10-10 00:00 (the make-up Saturday 10-10 is the first day late); a sale Sat
  09-19 → 09-20 (make-up Sunday), 09-21 → due 09-22 00:00 (a Monday–Friday count would give 09-23 00:00); a sale Fri 10-16 →
  10-19, 10-20 → due 10-21 00:00: a courier report posted Sat 10-17 is delivered on day 3, Tue 10-20 (a working day, not
  moved: in time), posted Sun 10-18 → Wed 10-21 (late);
- 3.2: a sale Tue 09-22 → 10 days → Fri 10-02 (National Day) → first working day Thu 10-08 → due 10-09 00:00; a sale Thu
  09-10 → 10 days → Sun 09-20, a make-up working day, not moved → due 09-21 00:00;
- 3.3: 100 × ¥2,500.00 = ¥250,000.00 × 0.05% = ¥125.00 a day; below the floor without consent: 100 × ¥2,300.00 sold, 100 ×
  ¥2,400.00 = ¥240,000.00 owed, ¥230,000.00 remitted → ¥10,000.00 × 0.05% = ¥5.00 a day, 10-09 … 10-20 = 12 days = ¥60.00;
  ¥150,000.00 on 10-10 and ¥100,000.00 on 10-15 → 2 days (10-09, 10-10) × ¥125.00 + 5 days (10-11 … 10-15) × ¥50.00 = ¥500.00;
- 4.2: the 5th working day of September: 09-01, 02, 03, 04, 07 → due 09-08 00:00; of October: 10-08, 09, 10 (make-up), 12, 13 →
  due 10-14 00:00; of November: 11-02 … 11-06 → due 11-07 00:00; 4.3: ¥250,000.00 × 5% = ¥12,500.00 × 0.05% = ¥6.25 a day:
  September's unpaid as of 10-20 12:00 → 10-14 … 10-20 = 7 days = ¥43.75; August's paid 09-20 → 09-08 … 09-20 = 13 days =
  ¥81.25; August's unpaid as of 10-20 12:00 → 23 + 20 = 43 days = ¥268.75;
- 7.1: August's sale of 08-21 (¥250,000.00) unremitted: due 08-31 → late from 09-01 00:00; 15 days 09-01 … 09-15, not moved →
  the power arises 09-15 24:00 (09-16 00:00); 30 days to exercise it: 09-16 … 10-15 (Thu) → lapses 10-16 00:00;
- 7.2: August's commission unpaid from 09-08 00:00; 30 days 09-08 … 10-07, not moved → the power at 10-08 00:00;
- 6.1: after the expiry (Sat 10-31 24:00): 11-02, 03, 04 → due 11-05 00:00; after 乙方's termination Thu 10-08 09:00: 10-09,
  10-10 (make-up), 10-12 → due 10-13 00:00; after a courier termination delivered Fri 09-18: 09-20 (make-up Sunday), 09-21,
  09-22 → due 09-23 00:00; 6.2: a notice e-mailed Mon 11-02 → 10 days → Thu 11-12 → due 11-13 00:00; posted 11-02 → delivered
  Thu 11-05 → 10 days → Sun 11-15 → Mon 11-16 → due 11-17 00:00.

Defects found (strict xfails below):
- language gap, 8.2: “交寄之日后的第3日视为送达，该日为法定节假日或者休息日的，顺延至其后的第一个工作日” — a deemed delivery *day*
  moved off rest days. The language has `day N after` (a day, never moved) and `working_day_from( )` (a moment: 24:00 of the
  day); the rules use the first where day 3 is a working day and the second where it is not, so a termination posted Mon
  09-28 (day 3 = 10-01, National Day) takes effect “2026年10月8日24时” rather than on 10-08, hour unknown;
- engine, 7.4 / 3.1 / 3.2: a courier termination delivered on Fri 09-18 (a day, no hour) and a sale recorded “2026-09-18”:
  the duties to report and remit it survive the end (`survives`), and the engine keeps them certain (violated, with the
  late fee) where language.md §4.8 makes what a fact of that day sets off undetermined (arose_on_day_of_end) — it does so for
  the same duty without `survives`;
- engine, 1.2: the term ends Sat 10-31 24:00; a sale recorded 11-01 00:00 (the next day) is still made a sale under the
  contract, with its report and remittance owed;
- text and HTML report: a duty performed at 24:00 prints its performance on the next day's 0时 — “履行 2026年10月9日0时”
  beside “已履行：2026年10月8日24时 视为送达” in its own reasons, “履行 2026年10月1日0时” beside “于 2026年9月30日24时 成就”;
- qiyue watch: a duty performed by a deemed delivery is said “已履行：报告销售（…），由 notice_delivered:r1” — the engine's key.

Not an engine defect, but a trap worth noting for rule writers: a monthly duty whose amount is the month's total (4.2:
“5% of the month's sales”) written `fulfilled when paid >= 5% of sales in p` is fulfilled at the month's start (0 ≥ 0,
language.md §4.3: fulfilled when the condition first holds); the rules add `passed(1 days as term since p.last_day - 1 days)`
(the month is over) — test_passing_commission_is_not_met_before_the_month_is_over."""
import itertools
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from engine.api import compile_file

ROOT = Path(__file__).resolve().parent.parent
QY = ROOT / "tests" / "contracts" / "commission.qy"
RULES = compile_file(QY)


def t(s):
    """'2026-09-20 15:00' or '… 15:00:01' → an ISO instant in Beijing time; a bare date stays a bare date."""
    if " " not in s:
        return s
    d, h = s.split()
    return f"{d}T{h}:00+08:00" if len(h) == 5 else f"{d}T{h}+08:00"


def T(s):
    return t(s) if " " in s else f"{s}T00:00:00+08:00"


def f(fid, ftype, at, **attrs):
    return {"id": fid, "type": ftype, "at": t(at), **attrs}


def mail(fid, at, frm, to, subject, **attrs):
    return f(fid, "notice_sent", at, **{"from": frm, "to": to, "subject": subject, "method": "email"}, **attrs)


def post(fid, at, frm, to, subject, **attrs):
    return f(fid, "notice_sent", at, **{"from": frm, "to": to, "subject": subject, "method": "courier"}, **attrs)


def sale(fid, at, no, qty, price):
    return f(fid, "sale_made", at, contract_no=no, buyer="杭州某家居商城有限公司", quantity=qty, unit_price=price)


def remit(fid, at, no, amount):
    return f(fid, "proceeds_remitted", at, contract_no=no, amount=amount)


def paid(fid, at, month, amount):
    return f(fid, "commission_paid", at, month=month, amount=amount)


def report(fid, at, no, how=mail):
    return how(fid, at, "乙方", "甲方", "sale_report", contract_no=no)


SIGNED = [f("sa", "contract_signed", "2026-08-03 10:00", party="甲方"),
          f("sb", "contract_signed", "2026-08-03 10:00", party="乙方")]
AUG = SIGNED + [sale("s1", "2026-08-21 10:00", "XS-01", 100, "2500.00")]          # unremitted, its commission unpaid
AUG_REMITTED = AUG + [remit("m1", "2026-08-25 10:00", "XS-01", "250000.00")]      # remitted, its commission unpaid


def lines(facts, base=None):
    return [json.dumps(x, ensure_ascii=False) for x in (SIGNED if base is None else base) + facts]


def run(facts, as_of, base=None):
    """The report on the reference backend, checked equal to the durable backend's."""
    ls = lines(facts, base)
    ref = RULES.evaluate(ls, t(as_of))
    assert RULES.evaluate(ls, t(as_of), backend="durable") == ref
    return ref


def ob(report, name, trigger=None):
    return [(o["status"], o["due"], o["fulfilled_at"]) for o in report["obligations"]
            if o["name"] == name and o["status"] != "inactive" and (trigger is None or o["trigger"] == trigger)]


def rem(report, name):
    return [(r["status"], r["amount"]) for r in report["remedies"] if r["name"] == name]


def events(report, name):
    return [e["at"] for e in report["events"] if e["name"] == name]


def codes(report):
    return [x["code"] for x in report["findings"] if x["code"] != "open_point"]


def life(report):
    c = report["contract_life"]
    return c.get("ended"), c.get("ended_by")


def cli(*args, tmp_path=None, facts=None, base=None):
    argv = [sys.executable, "-m", "engine.cli", *args]
    if facts is not None:
        path = tmp_path / "facts.jsonl"
        path.write_text("\n".join(lines(facts, base)) + "\n", encoding="utf-8")
        argv += ["--facts", str(path)]
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, encoding="utf-8")


# ------------------------------------------------------------------ the rule file, the calendar
def test_passing_rule_file_checks_clean():
    """¥2,400.00 = 贰仟肆佰元整, ¥50,000.00 = 伍万元整: no amount_words_mismatch; the four assumptions are the open points."""
    out = cli("check", str(QY), "--format", "json")
    assert out.returncode == 0, out.stdout + out.stderr
    assert sorted(x["code"] for x in json.loads(out.stdout)["findings"]) == ["open_point"] * 4
    assert cli("check", "--backend", "durable", str(QY)).returncode == 0


def test_passing_calendar_days_relied_on():
    import datetime as dt

    import chinese_calendar as cc
    working = ["2026-08-03", "2026-08-04", "2026-08-05", "2026-08-06", "2026-08-07", "2026-08-10", "2026-08-21",
               "2026-08-24", "2026-08-25", "2026-08-31", "2026-09-01", "2026-09-02", "2026-09-03", "2026-09-04",
               "2026-09-07", "2026-09-08", "2026-09-10", "2026-09-11", "2026-09-14", "2026-09-15", "2026-09-18",
               "2026-09-20", "2026-09-21", "2026-09-22", "2026-09-23", "2026-09-24", "2026-09-28", "2026-09-29",
               "2026-09-30", "2026-10-08", "2026-10-09", "2026-10-10", "2026-10-12", "2026-10-13", "2026-10-14",
               "2026-10-15", "2026-10-16", "2026-10-19", "2026-10-20", "2026-10-21", "2026-10-22", "2026-10-23",
               "2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06", "2026-11-12", "2026-11-16",
               "2026-08-20", "2026-09-16", "2026-09-17", "2026-11-10", "2026-11-11"]
    resting = ["2026-08-08", "2026-08-09", "2026-09-19", "2026-09-25", "2026-09-26", "2026-09-27", "2026-10-01",
               "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07", "2026-10-11",
               "2026-10-17", "2026-10-18", "2026-10-31", "2026-11-01", "2026-11-15", "2026-10-04"]
    assert all(cc.is_workday(dt.date.fromisoformat(d)) for d in working)
    assert not any(cc.is_workday(dt.date.fromisoformat(d)) for d in resting)
    holidays = ["2026-09-25", "2026-09-26", "2026-09-27", "2026-10-01", "2026-10-02", "2026-10-04", "2026-10-07"]
    assert all(cc.get_holiday_detail(dt.date.fromisoformat(d))[1] for d in holidays)
    days = ["2026-08-03", "2026-09-19", "2026-09-20", "2026-10-10", "2026-10-31", "2026-10-15", "2026-09-18", "2026-10-08"]
    assert [dt.date.fromisoformat(d).weekday() for d in days] == [0, 5, 6, 5, 5, 3, 4, 3]


# ------------------------------------------------------------------ 1.3 the first batch
@pytest.mark.parametrize("last, status", [("2026-08-10 23:59:59", "fulfilled"), ("2026-08-11 00:00", "violated")])
def test_passing_first_batch_in_two_deliveries_to_the_second(last, status):
    """300 units Fri 08-07 and 200 more: the 500th unit at 08-10 23:59:59 is in time, at 08-11 00:00 late."""
    r = run([f("g1", "goods_delivered", "2026-08-07 10:00", quantity=300),
             f("g2", "goods_delivered", last, quantity=200)], "2026-08-20 12:00")
    assert ob(r, "deliver_goods") == [(status, T("2026-08-11"), t(last))]


# ------------------------------------------------------------------ 3.1 the sale report
@pytest.mark.parametrize("at, status", [("2026-10-09 23:59:59", "fulfilled"), ("2026-10-10 00:00", "violated")])
def test_passing_report_across_national_day_to_the_second(at, status):
    r = run([sale("s", "2026-09-30 15:00", "XS-09", 20, "2500.00"), report("r", at, "XS-09")], "2026-10-20 12:00")
    assert ob(r, "report_sale") == [(status, T("2026-10-10"), t(at))]


def test_passing_report_of_a_saturday_sale_counts_the_make_up_sunday():
    """Sat 09-19 → Sun 09-20 (make-up working day), Mon 09-21 → due 09-22 00:00: a report 09-22 10:00 is late."""
    r = run([sale("s", "2026-09-19 10:00", "XS-09", 20, "2500.00"), report("r", "2026-09-22 10:00", "XS-09")],
            "2026-10-20 12:00")
    assert ob(r, "report_sale") == [("violated", T("2026-09-22"), t("2026-09-22 10:00"))]


@pytest.mark.parametrize("posted, delivered, status", [("2026-10-17 10:00", "2026-10-20", "fulfilled"),
                                                        ("2026-10-18 10:00", "2026-10-21", "violated")])
def test_passing_report_by_courier_on_the_third_day(posted, delivered, status):
    """Sale Fri 10-16 → due 10-21 00:00; posted Sat 10-17 → day 3 Tue 10-20, a working day (in time); posted Sun 10-18 →
    Wed 10-21 (late). The delivery is a day, hour unknown (reported as its 0时)."""
    r = run([sale("s", "2026-10-16 10:00", "XS-10", 20, "2500.00"), report("r", posted, "XS-10", how=post)],
            "2026-10-30 12:00")
    assert ob(r, "report_sale") == [(status, T("2026-10-21"), T(delivered))]
    assert events(r, "notice_delivered") == [T(delivered)]


def test_passing_the_same_sale_recorded_twice_is_one_sale():
    """XS-01 recorded at 10:00 and again at 11:00: one report, one remittance, one commission (5% × ¥250,000.00 =
    ¥12,500.00, unpaid: 10-14 … 10-20 = 7 days × ¥6.25 = ¥43.75, not twice that)."""
    r = run([sale("s1", "2026-09-10 10:00", "XS-01", 100, "2500.00"), sale("s1b", "2026-09-10 11:00", "XS-01", 100, "2500.00"),
             report("r1", "2026-09-11 10:00", "XS-01"), remit("m1", "2026-09-12 10:00", "XS-01", "250000.00")],
            "2026-10-20 12:00")
    assert events(r, "sale") == [t("2026-09-10 10:00")]
    assert ob(r, "report_sale") == [("fulfilled", T("2026-09-15"), t("2026-09-11 10:00"))]
    assert ob(r, "remit") == [("fulfilled", T("2026-09-21"), t("2026-09-12 10:00"))]
    assert rem(r, "late_commission") == [("held", "43.75")]


def test_passing_a_sale_before_the_contract_took_effect_owes_nothing_under_it():
    """Sold 08-03 09:59:59, a second before both signed (第502条): no report, no remittance, no commission for August."""
    r = run([sale("s0", "2026-08-03 09:59:59", "XS-00", 10, "2500.00")], "2026-09-20 12:00")
    assert events(r, "sale") == [] and ob(r, "report_sale") == [] and ob(r, "remit") == []
    assert ob(r, "pay_commission", "2026-08") == [("fulfilled", T("2026-09-08"), T("2026-09-01"))]


@pytest.mark.parametrize("order", list(itertools.permutations([0, 1, 2])))
def test_passing_sale_report_and_remittance_at_one_instant_in_any_order(order):
    same = [sale("s", "2026-09-10 10:00", "XS-01", 100, "2500.00"), report("r", "2026-09-10 10:00", "XS-01"),
            remit("m", "2026-09-10 10:00", "XS-01", "250000.00")]
    r = run([same[i] for i in order], "2026-09-30 12:00")
    assert ob(r, "report_sale") == [("fulfilled", T("2026-09-15"), t("2026-09-10 10:00"))]
    assert ob(r, "remit") == [("fulfilled", T("2026-09-21"), t("2026-09-10 10:00"))]


# ------------------------------------------------------------------ 3.2, 3.3, 2.2 remittance
@pytest.mark.parametrize("at, status, late", [("2026-10-08 23:59:59", "fulfilled", []),
                                              ("2026-10-09 00:00", "violated", [("held", "125.00")])])
def test_passing_remittance_moved_off_national_day_to_the_second(at, status, late):
    r = run([sale("s", "2026-09-22 10:00", "XS-02", 100, "2500.00"), remit("m", at, "XS-02", "250000.00")],
            "2026-10-20 12:00")
    assert ob(r, "remit") == [(status, T("2026-10-09"), t(at))]
    assert rem(r, "late_remit") == late


def test_passing_remittance_ending_on_a_make_up_sunday_is_not_moved():
    """Sale Thu 09-10 → 10 days → Sun 09-20, a make-up working day: due 09-21 00:00; remitted 09-21 00:00 is late."""
    r = run([sale("s", "2026-09-10 10:00", "XS-01", 100, "2500.00"), remit("m", "2026-09-21 00:00", "XS-01", "250000.00")],
            "2026-09-30 12:00")
    assert ob(r, "remit") == [("violated", T("2026-09-21"), t("2026-09-21 00:00"))]
    assert rem(r, "late_remit") == [("held", "125.00")]


def test_passing_below_the_floor_without_consent_owes_the_difference():
    """100 × ¥2,300.00, ¥230,000.00 remitted 09-25: ¥240,000.00 was owed (2.2) → violated; ¥10,000.00 × 0.05% = ¥5.00 a day,
    10-09 … 10-20 = 12 days = ¥60.00; September's commission is on the actual price: 5% × ¥230,000.00 = ¥11,500.00."""
    r = run([sale("s", "2026-09-22 10:00", "XS-02", 100, "2300.00"), remit("m", "2026-09-25 10:00", "XS-02", "230000.00"),
             paid("c", "2026-10-13 10:00", "2026-09", "11500.00")], "2026-10-20 12:00")
    assert ob(r, "remit") == [("violated", T("2026-10-09"), None)]
    assert rem(r, "late_remit") == [("held", "60.00")]
    assert ob(r, "pay_commission", "2026-09") == [("fulfilled", T("2026-10-14"), t("2026-10-13 10:00"))]


@pytest.mark.parametrize("consent_at, order, owed", [("2026-09-22 10:00", (0, 1), False), ("2026-09-22 10:00", (1, 0), False),
                                                     ("2026-09-22 10:00:01", (0, 1), True)])
def test_passing_consent_to_the_lower_price_at_the_instant_of_the_sale(consent_at, order, owed):
    """An e-mailed consent to ¥2,300.00 entering the mailbox with the sale (either order) is prior (assumption
    consent_scope): ¥230,000.00 suffices; one second after, it is not: the difference is owed, ¥60.00 as above."""
    same = [mail("c", consent_at, "甲方", "乙方", "price_consent", min_price="2300.00"),
            sale("s", "2026-09-22 10:00", "XS-02", 100, "2300.00")]
    r = run([same[i] for i in order] + [remit("m", "2026-09-25 10:00", "XS-02", "230000.00")], "2026-10-20 12:00")
    assert ob(r, "remit") == ([("violated", T("2026-10-09"), None)] if owed
                              else [("fulfilled", T("2026-10-09"), t("2026-09-25 10:00"))])
    assert rem(r, "late_remit") == ([("held", "60.00")] if owed else [])


@pytest.mark.parametrize("posted, owed", [("2026-09-14 10:00", False), ("2026-09-15 10:00", True)])
def test_passing_a_courier_consent_delivered_on_the_day_of_the_sale_is_not_shown_prior(posted, owed):
    """Sale Fri 09-18 10:00 at ¥2,300.00, ¥230,000.00 remitted 09-20. A consent posted Mon 09-14 is delivered Thu 09-17 (day
    3): prior. Posted Tue 09-15 → Fri 09-18, hour unknown: not shown to be before the sale (assumption consent_scope) → the
    difference is owed: due 09-28 24:00 (10 days → Mon 09-28), ¥5.00 a day, 09-29 … 10-20 = 22 days = ¥110.00."""
    r = run([post("c", posted, "甲方", "乙方", "price_consent", min_price="2300.00"),
             sale("s", "2026-09-18 10:00", "XS-02", 100, "2300.00"), remit("m", "2026-09-20 10:00", "XS-02", "230000.00")],
            "2026-10-20 12:00")
    assert ob(r, "remit") == ([("violated", T("2026-09-29"), None)] if owed
                              else [("fulfilled", T("2026-09-29"), t("2026-09-20 10:00"))])
    assert rem(r, "late_remit") == ([("held", "110.00")] if owed else [])


def test_passing_the_same_remittance_line_twice_is_one_remittance():
    """The same fact (id m, same content) given twice is one fact: ¥125,000.00 of ¥250,000.00 remitted; ¥125,000.00 ×
    0.05% = ¥62.50 a day, 10-09 … 10-20 = 12 days = ¥750.00."""
    r = run([sale("s", "2026-09-22 10:00", "XS-02", 100, "2500.00"), remit("m", "2026-09-25 10:00", "XS-02", "125000.00"),
             remit("m", "2026-09-25 10:00", "XS-02", "125000.00")], "2026-10-20 12:00")
    assert ob(r, "remit") == [("violated", T("2026-10-09"), None)]
    assert rem(r, "late_remit") == [("held", "750.00")]


def test_passing_late_fee_on_what_is_still_unremitted():
    r = run([sale("s", "2026-09-22 10:00", "XS-02", 100, "2500.00"), remit("m1", "2026-10-10 10:00", "XS-02", "150000.00"),
             remit("m2", "2026-10-15 10:00", "XS-02", "100000.00")], "2026-10-20 12:00")
    assert ob(r, "remit") == [("violated", T("2026-10-09"), t("2026-10-15 10:00"))]
    assert rem(r, "late_remit") == [("held", "500.00")]


# ------------------------------------------------------------------ 4 commission and lien
@pytest.mark.parametrize("at, status, late, lien", [("2026-10-13 23:59:59", "fulfilled", [], []),
                                                    ("2026-10-14 00:00", "violated", [("held", "6.25")], [("lapsed", None)]),
                                                    (None, "violated", [("held", "43.75")], [("held", None)])])
def test_passing_september_commission_by_the_fifth_working_day_of_october(at, status, late, lien):
    extra = [paid("c", at, "2026-09", "12500.00")] if at else []
    r = run([sale("s", "2026-09-10 10:00", "XS-01", 100, "2500.00")] + extra, "2026-10-20 12:00")
    assert ob(r, "pay_commission", "2026-09") == [(status, T("2026-10-14"), t(at) if at else None)]
    assert rem(r, "late_commission") == late and rem(r, "lien") == lien


def test_passing_commission_is_not_met_before_the_month_is_over():
    """The month of effect (08-03 10:00 … 08-31 24:00): on 08-25 August's commission is still running, not met by 0 ≥ 0;
    due the 5th working day of September (09-08 00:00); a month with no sale is met at its end."""
    r = run([], "2026-08-25 12:00", base=AUG)
    assert ob(r, "pay_commission", "2026-08") == [("active", T("2026-09-08"), None)]
    r = run([], "2026-10-05 12:00", base=AUG_REMITTED)
    assert ob(r, "pay_commission", "2026-09") == [("fulfilled", T("2026-10-14"), T("2026-10-01"))]


def test_passing_lien_ends_when_the_overdue_commission_is_paid():
    r = run([paid("c", "2026-09-20 10:00", "2026-08", "12500.00")], "2026-10-20 12:00", base=AUG_REMITTED)
    assert ob(r, "pay_commission", "2026-08") == [("violated", T("2026-09-08"), t("2026-09-20 10:00"))]
    assert rem(r, "late_commission") == [("held", "81.25")]
    assert rem(r, "lien") == [("lapsed", None)] and rem(r, "commission_power") == []


# ------------------------------------------------------------------ 7 termination
@pytest.mark.parametrize("at, ends", [("2026-10-07 23:59:59", False), ("2026-10-08 09:00", True)])
def test_passing_agent_terminates_once_the_commission_is_more_than_thirty_days_late(at, ends):
    """August's commission late from 09-08 00:00; more than 30 days at 10-08 00:00. After the end: the take-back notice
    due 10-13 00:00, October's commission survives (due 11-07 00:00), the late fee runs on (¥268.75 as of 10-20)."""
    r = run([mail("tn", at, "乙方", "甲方", "termination")], "2026-10-20 12:00", base=AUG_REMITTED)
    if not ends:
        assert life(r) == (None, None) and codes(r) == ["termination_without_right"]
        assert rem(r, "commission_power") == [("held", None)]
        return
    assert life(r) == (t(at), "agent_terminates")
    assert rem(r, "commission_power") == [("exercised", None)]
    assert ob(r, "notify_take_back") == [("violated", T("2026-10-13"), None)]
    assert ob(r, "pay_commission", "2026-10") == [("active", T("2026-11-07"), None)]
    assert rem(r, "late_commission") == [("held", "268.75")] and rem(r, "lien") == [("held", None)]


@pytest.mark.parametrize("at, ends", [("2026-09-15 23:59:59", False), ("2026-09-16 00:00", True),
                                      ("2026-10-15 23:59:59", True), ("2026-10-16 00:00", False)])
def test_passing_principal_terminates_within_the_window_for_a_remittance_fifteen_days_late(at, ends):
    """The power arises 09-16 00:00 (more than 15 days after 09-01 00:00) and lapses 10-16 00:00 (30 days, 7.3): a notice
    before or after the window has no effect; within it the contract ends with ¥50,000.00 of damages. The late fee: 09-01 …
    10-30 = 60 days × ¥125.00 = ¥7,500.00."""
    r = run([mail("tn", at, "甲方", "乙方", "termination")], "2026-10-30 12:00", base=AUG)
    assert rem(r, "late_remit") == [("held", "7500.00")]
    if ends:
        assert life(r) == (t(at), "principal_terminates")
        assert rem(r, "remit_power") == [("exercised", None)]
        assert rem(r, "termination_damages") == [("held", "50000.00")]
    else:
        assert life(r) == (None, None) and codes(r) == ["termination_without_right"]
        assert rem(r, "remit_power") == [("lapsed", None)] and rem(r, "termination_damages") == []


@pytest.mark.parametrize("cured, ends, late", [("2026-09-15 23:59:59", False, "1875.00"), ("2026-09-16 00:00", True, "2000.00")])
def test_passing_a_late_remittance_cured_on_the_fifteenth_or_sixteenth_day(cured, ends, late):
    """Late from 09-01 00:00: paid 09-15 23:59:59 — 15 days late, not more: no power, 甲方's notice of 09-20 has no effect;
    paid 09-16 00:00 — the 16th day: more than 15 days, the power arises at that instant and the later payment does not
    take it away (7.3: 30 days to use it). Late fee to the day of payment, both counted: 15 or 16 days × ¥125.00."""
    r = run([remit("m", cured, "XS-01", "250000.00"), mail("tn", "2026-09-20 10:00", "甲方", "乙方", "termination")],
            "2026-09-30 12:00", base=AUG)
    assert ob(r, "remit") == [("violated", T("2026-09-01"), t(cured))]
    assert rem(r, "late_remit") == [("held", late)]
    assert life(r) == ((t("2026-09-20 10:00"), "principal_terminates") if ends else (None, None))
    assert rem(r, "remit_power") == ([("exercised", None)] if ends else [])


@pytest.mark.parametrize("at, ends", [("2026-10-08 23:59:59", True), ("2026-10-09 00:00", False)])
def test_passing_the_window_to_terminate_moved_off_national_day(at, ends):
    """A sale Mon 08-10 → remittance due 08-20 24:00 → more than 15 days late at 09-04 24:00 (09-05 00:00); 30 days to use
    the power: 09-05 … Sun 10-04 (National Day) → first working day Thu 10-08 (an act: 第203条) → lapses 10-09 00:00."""
    base = SIGNED + [sale("s1", "2026-08-10 10:00", "XS-01", 100, "2500.00")]
    r = run([mail("tn", at, "甲方", "乙方", "termination")], "2026-10-20 12:00", base=base)
    assert life(r) == ((t(at), "principal_terminates") if ends else (None, None))
    assert rem(r, "remit_power") == [("exercised" if ends else "lapsed", None)]


def test_passing_no_power_arises_after_the_end_the_lien_does():
    """October's commission (10 × ¥2,500.00 × 5% = ¥1,250.00) unpaid: due 11-07 00:00, after the expiry; ¥0.625 a day, 11-07
    … 12-20 = 24 + 20 = 44 days = ¥27.50; the lien arises (4.4, 第959条: 乙方 still holds the goods); no power to terminate a
    contract already ended (30 days late would be 12-07)."""
    r = run([sale("s", "2026-10-30 10:00", "XS-30", 10, "2500.00"), remit("m", "2026-10-30 10:00", "XS-30", "25000.00"),
             report("r", "2026-10-30 10:00", "XS-30")], "2026-12-20 12:00")
    assert ob(r, "pay_commission", "2026-10") == [("violated", T("2026-11-07"), None)]
    assert rem(r, "late_commission") == [("held", "27.50")] and rem(r, "lien") == [("held", None)]
    assert rem(r, "commission_power") == []


def test_passing_a_second_late_remittance_gives_a_new_power_after_the_first_lapsed():
    """s1 (08-21) gives a power 09-16 00:00 that lapses unused 10-16 00:00; s2 (Thu 09-10, 20 units) is due Sun 09-20 (a make-up
    working day) → late from 09-21 00:00, 15 days 09-21 … 10-05 → a new power 10-06 00:00 (each late remittance is a ground,
    7.1): 甲方's notice of 10-20 ends the contract with it."""
    base = AUG + [sale("s2", "2026-09-10 10:00", "XS-02", 20, "2500.00")]
    r = run([], "2026-10-19 12:00", base=base)
    assert rem(r, "remit_power") == [("lapsed", None), ("held", None)]
    r = run([mail("tn", "2026-10-20 10:00", "甲方", "乙方", "termination")], "2026-10-30 12:00", base=base)
    assert life(r) == (t("2026-10-20 10:00"), "principal_terminates")
    assert [(x["status"], x["since"]) for x in r["remedies"] if x["name"] == "remit_power"] == \
        [("lapsed", T("2026-09-16")), ("exercised", T("2026-10-06"))]
    assert rem(r, "termination_damages") == [("held", "50000.00")]


def test_passing_courier_termination_delivered_on_a_working_day_ends_the_contract_that_day():
    """Posted Tue 09-15 → day 3 Fri 09-18, a working day: the contract ends that day (hour unknown); the take-back notice
    09-20 (make-up Sunday), 09-21, 09-22 → due 09-23 00:00."""
    r = run([post("tn", "2026-09-15 10:00", "甲方", "乙方", "termination")], "2026-09-30 12:00", base=AUG)
    assert life(r) == (T("2026-09-18"), "principal_terminates")
    assert r["contract_life"]["ended_cn"] == "2026年9月18日（时刻不明）"
    assert ob(r, "notify_take_back") == [("violated", T("2026-09-23"), None)]
    assert rem(r, "termination_damages") == [("held", "50000.00")]


def test_passing_a_termination_before_the_contract_took_effect_has_no_effect():
    r = run([mail("tn", "2026-08-02 10:00", "甲方", "乙方", "termination")], "2026-08-20 12:00")
    assert life(r) == (None, None) and codes(r) == ["termination_before_effective"]


# ------------------------------------------------------------------ 1.2, 6 the end, the unsold goods
def test_passing_the_term_ends_on_a_saturday_not_moved():
    r = run([], "2026-10-31 23:59:59")
    assert life(r) == (None, None)
    r = run([], "2026-11-10 12:00")
    assert life(r) == (T("2026-11-01"), "expiry") and events(r, "mandate_end") == [T("2026-11-01")]
    assert ob(r, "notify_take_back") == [("violated", T("2026-11-05"), None)]
    assert ob(r, "pay_commission", "2026-10") == [("fulfilled", T("2026-11-07"), T("2026-11-01"))]


def test_passing_a_sale_in_the_last_second_of_the_term():
    """Sat 10-31 23:59:59: a sale under the contract — report 11-02, 11-03 → due 11-04 00:00; remittance 10 days → Tue
    11-10 → due 11-11 00:00; October's commission 10 × ¥2,500.00 × 5% = ¥1,250.00 due 11-07 00:00, ¥0.625 a day, 11-07 …
    11-20 = 14 days = ¥8.75."""
    r = run([sale("s", "2026-10-31 23:59:59", "XS-31", 10, "2500.00")], "2026-11-20 12:00")
    assert ob(r, "report_sale") == [("violated", T("2026-11-04"), None)]
    assert ob(r, "remit") == [("violated", T("2026-11-11"), None)]
    assert ob(r, "pay_commission", "2026-10") == [("violated", T("2026-11-07"), None)]
    assert rem(r, "late_commission") == [("held", "8.75")]


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (17:07–): a termination at 24:00 is decided among that instant's events, before the next day's 00:00; what comes at 00:00 of the next day is after it (evaluator.defer, _after_end))
def test_a_sale_at_00_00_after_the_term_is_not_under_the_contract():
    r = run([sale("s", "2026-11-01 00:00", "XS-32", 10, "2500.00")], "2026-11-20 12:00")
    assert life(r) == (T("2026-11-01"), "expiry")
    assert events(r, "sale") == [] and ob(r, "report_sale") == [] and ob(r, "remit") == []


@pytest.mark.parametrize("taken, status, deposit", [("2026-11-12 23:59:59", "fulfilled", []),
                                                    ("2026-11-13 00:00", "violated", [("lapsed", None)]),
                                                    (None, "violated", [("held", None)])])
def test_passing_take_back_within_ten_days_of_the_notice_else_deposit(taken, status, deposit):
    extra = [f("g", "goods_taken_back", taken, quantity=300)] if taken else []
    r = run([mail("tb", "2026-11-02 10:00", "乙方", "甲方", "take_back", quantity=300)] + extra, "2026-11-20 12:00")
    assert ob(r, "notify_take_back") == [("fulfilled", T("2026-11-05"), t("2026-11-02 10:00"))]
    assert ob(r, "take_back") == [(status, T("2026-11-13"), t(taken) if taken else None)]
    assert rem(r, "deposit") == deposit


def test_passing_take_back_late_while_the_lien_is_held_is_flagged():
    """August's commission unpaid since 09-08 00:00: the lien is held; 甲方 does not take the goods back by 11-12 24:00 —
    violated (and 乙方 may deposit them), with the caveat that a lien withholding the goods is for the case to judge."""
    r = run([mail("tb", "2026-11-02 10:00", "乙方", "甲方", "take_back", quantity=300)], "2026-11-20 12:00",
            base=AUG_REMITTED)
    assert ob(r, "take_back") == [("violated", T("2026-11-13"), None)]
    assert rem(r, "lien") == [("held", None)] and rem(r, "deposit") == [("held", None)]
    row = next(o for o in r["obligations"] if o["name"] == "take_back")
    assert row["because"][-1].startswith("第6.2条：须注意：甲方尚有逾期未付的报酬，乙方对委托物享有留置权（第4.4条）")


def test_passing_take_back_notice_by_courier():
    """Posted Mon 11-02 → delivered Thu 11-05: a day after the notice was due (11-05 00:00); taking back: 10 days → Sun
    11-15 → Mon 11-16 → due 11-17 00:00; 300 units taken back the day of delivery count."""
    r = run([post("tb", "2026-11-02 10:00", "乙方", "甲方", "take_back", quantity=300),
             f("g", "goods_taken_back", "2026-11-05 15:00", quantity=300)], "2026-11-20 12:00")
    assert ob(r, "notify_take_back") == [("violated", T("2026-11-05"), T("2026-11-05"))]
    assert ob(r, "take_back") == [("fulfilled", T("2026-11-17"), t("2026-11-05 15:00"))]


# ------------------------------------------------------------------ 5.1 costs
def test_passing_a_claim_for_costs_is_flagged_only_under_the_contract():
    r = run([f("e0", "expense_claimed", "2026-08-01 10:00", kind="storage", amount="3000.00"),
             f("e1", "expense_claimed", "2026-08-20 10:00", kind="advertising", amount="8000.00")], "2026-08-25 12:00")
    assert codes(r) == ["expense_on_agent"]


# ------------------------------------------------------------------ the strict xfails
@pytest.mark.xfail(strict=True, reason="8.2 (language gap): a courier notice is delivered on the 3rd day after posting, "
                   "moved to the next working day if that day is a holiday — a deemed day, hour unknown. The language has "
                   "`day N after` (a day, never moved) and `working_day_from( )` (24:00 of the day): posted Mon 09-28, "
                   "day 3 = 10-01 (National Day) → Thu 10-08; the engine ends the contract “2026年10月8日24时” "
                   "(2026-10-09T00:00); right: on 10-08, hour unknown, as an unmoved courier delivery is")
def test_courier_delivery_moved_off_a_holiday_is_a_day():
    r = run([post("tn", "2026-09-28 10:00", "甲方", "乙方", "termination")], "2026-10-20 12:00", base=AUG)
    assert r["contract_life"]["ended_by"] == "principal_terminates"
    assert ob(r, "notify_take_back") == [("violated", T("2026-10-13"), None)]  # 10-09, 10-10, 10-12 either way
    assert life(r)[0] == T("2026-10-08") and r["contract_life"]["ended_cn"] == "2026年10月8日（时刻不明）"


def test_passing_courier_delivery_moved_off_a_holiday_guard():
    """The guard beside the gap: what the engine does now (the contract ended at 10-08 24:00)."""
    r = run([post("tn", "2026-09-28 10:00", "甲方", "乙方", "termination")], "2026-10-20 12:00", base=AUG)
    assert life(r) == (T("2026-10-09"), "principal_terminates")
    assert r["contract_life"]["ended_cn"] == "2026年10月8日24时"


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (17:07–): a surviving duty set off on the end's day alone through an event deemed only while the contract is in force is undetermined (evaluator._arose_by_a_lapsing_event))
def test_surviving_duties_of_a_sale_on_the_day_of_a_day_alone_termination_are_undetermined():
    r = run([post("tn", "2026-09-15 10:00", "甲方", "乙方", "termination"), sale("s2", "2026-09-18", "XS-02", 10, "2500.00")],
            "2026-10-30 12:00", base=AUG)
    assert life(r) == (T("2026-09-18"), "principal_terminates")
    assert [s for s, _, _ in ob(r, "report_sale", "sale:s2")] == ["undetermined"]
    assert [s for s, _, _ in ob(r, "remit", "sale:s2")] == ["undetermined"]


# ------------------------------------------------------------------ the reports, read as a lawyer would
TAKE_BACK_MOVED = [mail("tn", "2026-09-30 10:00", "甲方", "乙方", "termination"),
                   post("tb", "2026-09-30 11:00", "乙方", "甲方", "take_back", quantity=400)]


def _out(tmp_path, facts, as_of, fmt, base=None):
    out = cli("eval", str(QY), "--as-of", t(as_of), "--format", fmt, tmp_path=tmp_path, facts=facts, base=base)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_passing_cli_json_equals_the_api(tmp_path):
    got = json.loads(_out(tmp_path, TAKE_BACK_MOVED, "2026-10-30 12:00", "json", base=AUG))
    r = run(TAKE_BACK_MOVED, "2026-10-30 12:00", base=AUG)
    for key in ("contract_life", "obligations", "remedies", "events", "findings"):
        assert got[key] == r[key], key
    assert ob(r, "notify_take_back") == [("fulfilled", T("2026-10-11"), T("2026-10-09"))]  # 10-08 24:00
    assert ob(r, "take_back") == [("violated", T("2026-10-20"), None)]  # 10-09 … 10-18 (Sun) → Mon 10-19


def test_passing_text_report_speaks_chinese_and_counts(tmp_path):
    text = _out(tmp_path, TAKE_BACK_MOVED, "2026-10-30 12:00", "text", base=AUG)
    body = text.rsplit("\n规则文件", 1)[0].split("\n", 1)[1]
    # (rule names in brackets, finding codes, period labels such as 2026-08 and “假定 remit_overdue：…” are the report's
    # documented way to name a rule and an assumption beside its words)
    words = re.sub(r"[（(][A-Za-z_]+[，,）)]|\[[a-z_]+\]|\b20\d\d-\d\d\b|假定 [a-z_]+：", "", body)
    assert not re.findall(r"[A-Za-z_]{3,}|#\d|time:", words)
    assert "合同于 2026年9月30日10时（2026-09-30T10:00:00+08:00） 终止：甲方因逾期汇付解除合同" in text
    assert "共 60 日 × 每日 ¥125.00 = ¥7,500.00" in text
    assert "2026年10月10日（星期六，调休上班日（国庆节调休））" in text
    assert "逾期汇付解除的违约金（termination_damages）甲方 ¥50,000.00" in text
    assert "已履行：2026年10月8日24时 视为送达（源自 tb），早于期限 2026年10月10日24时" in text


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (17:07–): a duty performed at 24:00 has fulfilled_cn … 24时 (build: the moment's own words at a day's end))
@pytest.mark.parametrize("fmt", ["text", "html"])
@pytest.mark.parametrize("case", ["notice", "month_end"])
def test_report_prints_a_performance_at_24_00_on_its_day(tmp_path, fmt, case):
    if case == "notice":
        out = _out(tmp_path, TAKE_BACK_MOVED, "2026-10-30 12:00", fmt, base=AUG)
        wrong, right = "2026年10月9日0时", "    履行  2026年10月8日24时（2026-10-09T00:00:00+08:00）"
    else:
        out = _out(tmp_path, [], "2026-10-05 12:00", fmt, base=AUG_REMITTED)
        wrong, right = "2026年10月1日0时", "    履行  2026年9月30日24时（2026-10-01T00:00:00+08:00）"
    if fmt == "text":  # (the 履行 line; 10月1日0时 is also, rightly, when October's period began)
        assert "    履行  " + wrong not in out and right in out
    else:  # (the 履行 cell of the table)
        assert f'</td><td><span class="nb">{wrong}</span>' not in out


# ------------------------------------------------------------------ qiyue watch, read as a lawyer would
def _watch(tmp_path, facts, until, base=None):
    out = cli("watch", str(QY), "--once", "--until", t(until), tmp_path=tmp_path, facts=facts, base=base)
    assert out.returncode == 0, out.stderr
    return out.stdout.splitlines()


def test_passing_watch_says_each_change_when_it_happens(tmp_path):
    """A sale Fri 08-21 10:00, its report e-mailed Mon 08-24 10:00 (in time: due 08-25 24:00), no remittance (due 08-31 24:00):
    the report is performed at 08-24 10:00, the remittance violated at 09-01 0时 and 甲方's late fee arises with it."""
    got = _watch(tmp_path, [sale("s1", "2026-08-21 10:00", "XS-01", 100, "2500.00"), report("r1", "2026-08-24 10:00", "XS-01")],
                 "2026-09-02 00:00")
    assert any(x.startswith("2026年8月24日10时　第3.1条 已履行：报告销售（report_sale）") for x in got)
    assert "2026年9月1日0时　第3.2条 违约：汇付销售价款（remit）（2026年8月21日10时 销售成交（源自 s1））期限 2026年8月31日24时 已过，乙方 未履行" in got
    assert any(x.startswith("2026年9月1日0时　第3.3条 甲方 取得救济：逾期汇付违约金（每日万分之五）（late_remit）") for x in got)


# FIXED (was a strict xfail: fixed in the session of 2026-12-06 (17:07–): the watch words a duty performed by a derived event as eval does (session._by_event))
def test_watch_names_the_performing_notice_in_words(tmp_path):
    got = _watch(tmp_path, [sale("s1", "2026-08-21 10:00", "XS-01", 100, "2500.00"), report("r1", "2026-08-24 10:00", "XS-01")],
                 "2026-09-02 00:00")
    line = next(x for x in got if "已履行：报告销售" in x)
    assert "notice_delivered:" not in line and "由 视为送达（源自 r1）" in line
